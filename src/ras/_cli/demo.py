"""``pyras demo``: a dial with live progress on a simulated entry (the README's main job)."""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    """Added with the demo."""
