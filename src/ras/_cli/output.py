"""What every command prints through: JSON, plain lines, colours, tables.

Machine-readable output (``--json``) is one JSON document on stdout, with the
shape docs/cli.md and ``pyras schema`` describe (``schema.py``): UTF-8,
addresses as strings, durations in seconds, enums by name.  Human output
goes to stdout too; errors and the live progress of a dial on a terminal go
to stderr only when stdout is not the terminal (so ``> file`` keeps the
result).
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
import ipaddress
import json
import os
import sys
import uuid
from collections.abc import Mapping, Sequence
from typing import Any, TextIO


def to_json(value: Any) -> Any:
    """`value` as plain JSON types: enums by name, addresses and UUIDs as text,
    durations in seconds, dataclasses and mappings as objects."""
    if isinstance(value, enum.Flag):
        return flag_names(value)
    if isinstance(value, enum.Enum):
        return value.name
    if isinstance(value, bool) or value is None or isinstance(value, (int, float, str)):
        return value
    if isinstance(value, (ipaddress.IPv4Address, ipaddress.IPv6Address, uuid.UUID)):
        return str(value)
    if isinstance(value, datetime.timedelta):
        return value.total_seconds()
    if isinstance(value, bytes):
        return value.hex()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, Sequence):
        return [to_json(v) for v in value]
    raise TypeError(f"no JSON form for {type(value).__name__}")


def flag_names(value: enum.Flag) -> list[str]:
    """A flag as the names of its single-bit members that are set; bits no member
    names (a newer Windows') as ``UNKNOWN_<bit>`` (decimal), as ``ras.Entry``
    keeps them."""
    names = []
    known = 0
    for member in type(value):
        bit = int(member.value)
        if bit and bit & (bit - 1) == 0 and member in value:
            names.append(str(member.name))
            known |= bit
    rest = int(value.value) & ~known
    bit = 1
    while rest:
        if rest & bit:
            names.append(f"UNKNOWN_{bit}")
            rest &= ~bit
        bit <<= 1
    return names


def print_json(document: Any, out: TextIO | None = None) -> None:
    """One JSON document, indented, on stdout."""
    stream = out if out is not None else sys.stdout
    json.dump(to_json(document), stream, indent=2, ensure_ascii=False)
    stream.write("\n")
    stream.flush()


def use_color(stream: TextIO) -> bool:
    """Colours only on a terminal, never with NO_COLOR set (no-color.org), nor TERM=dumb."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class Style:
    """ANSI styles, or nothing when colours are off."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def _wrap(self, code: str, text: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.enabled else text

    def ok(self, text: str) -> str:
        return self._wrap("32", text)

    def bad(self, text: str) -> str:
        return self._wrap("31", text)

    def dim(self, text: str) -> str:
        return self._wrap("2", text)

    def bold(self, text: str) -> str:
        return self._wrap("1", text)


def table(
    headers: Sequence[str], rows: Sequence[Sequence[object]], out: TextIO | None = None
) -> None:
    """Columns aligned with spaces; nothing but the header when there are no rows."""
    stream = out if out is not None else sys.stdout
    cells = [list(headers)] + [["" if c is None else str(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    for r in cells:
        stream.write("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() + "\n")


def error(message: str) -> None:
    """A one-line error on stderr, prefixed with the program's name."""
    prog = os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else "pyras"
    if prog in ("__main__.py", "-m", "-c"):
        prog = "pyras"
    sys.stderr.write(f"{prog}: {message}\n")
    sys.stderr.flush()
