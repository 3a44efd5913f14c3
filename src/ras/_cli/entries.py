"""``pyras entries``, ``show``, ``add``, ``set``, ``remove``, ``rename``: phone-book entries."""

from __future__ import annotations

import argparse
from typing import Any

import ras
from ras._cli import output


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("entries", parents=[common], help="list the phone book's entries")
    p.add_argument("--json", action="store_true", help="print them as JSON")
    p.set_defaults(run=list_entries)


def list_entries(args: argparse.Namespace) -> int:
    names = ras.Phonebook(args.phonebook).names()
    if args.json:
        output.print_json(names)
    else:
        for name in names:
            print(name)
    return 0
