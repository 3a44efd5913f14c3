"""``pyrasdial``: rasdial.exe's command line."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """rasdial's syntax; returns the exit status (the RAS error number, 0 on success)."""
    args = list(sys.argv[1:] if argv is None else argv)
    raise NotImplementedError(f"rasdial mode: {args!r}")


def run() -> None:
    """The console script's entry point."""
    sys.exit(main())
