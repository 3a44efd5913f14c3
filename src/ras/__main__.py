"""``python -m ras``: the ``pyras`` command line (ras/_cli/app.py)."""

from ras._cli.app import run

run()
