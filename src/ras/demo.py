"""``python -m ras.demo``: the same as ``pyras demo`` (ras/_cli/demo.py).

A dial with live progress on a simulated VPN entry, on the simulated backend.
Kept under this name for the commands that used it before ``pyras`` existed.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from ras._cli.app import main as _main


def main(argv: Sequence[str] | None = None) -> int:
    return _main(["demo", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    sys.exit(main())
