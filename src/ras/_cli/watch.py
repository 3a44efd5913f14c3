"""``pyras watch``: connections coming and going, live."""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    """Added with ras.watch() (the watcher)."""
