"""``pyras`` / ``python -m ras``: the subcommands.

Each group of commands lives in its own module and adds its subparsers in
``register(subparsers, common)``; ``common`` carries the options of every
command that reads or dials a phone book (``--phonebook``; the commands
about connections -- hangup, connections, status, stats, watch -- have
none: a connection is the machine's, whichever phone book it came from).
A command's function returns the exit status.

Exit status: 0 on success; the RAS error number when a RAS call fails, as
rasdial does (on POSIX only its low 8 bits reach the parent: 691 arrives as
179; ``--json`` output carries the whole number); 1 for other failures; 2
for a command line that does not parse; 130 after Ctrl-C (the dial, if any,
hung up first).  ``pyras rasdial`` keeps rasdial's statuses instead
(rasdial.py: 631 after Ctrl-C).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence

import ras
from ras._cli import connections, demo, entries, output, rasdial, watch

Command = Callable[[argparse.Namespace], int]
EXIT_FAILURE = 1
EXIT_INTERRUPTED = 130

MODULES = (connections, entries, watch, demo)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pyras",
        description="Remote Access (VPN and dial-up) connections and phone-book entries. "
        "'pyras rasdial ...' (or the pyrasdial command) takes rasdial.exe's syntax.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {ras.__version__}")
    parser.add_argument(
        "-v",
        "--verbose",
        action="count",
        default=0,
        help="log what ras does on stderr (-v: each dial and hang-up, -vv: every state)",
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--phonebook",
        metavar="FILE",
        help="the phone-book file (.pbk); default: the user's default phone book",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in MODULES:
        module.register(sub, common)
    p = sub.add_parser(
        "rasdial",
        help="rasdial.exe's command line (the same as the pyrasdial command)",
        add_help=False,
        prefix_chars="\0",  # every argument is rasdial's, /DISCONNECT and -x alike
    )
    p.add_argument("rest", nargs=argparse.REMAINDER)
    p.set_defaults(run=lambda a: rasdial.main(a.rest))
    p = sub.add_parser("schema", help="print the JSON Schema of the --json output")
    p.set_defaults(run=_schema)
    return parser


def _schema(args: argparse.Namespace) -> int:
    from ras._cli.schema import SCHEMA

    output.print_json(SCHEMA)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.verbose:
        logging.basicConfig(
            level=logging.DEBUG if args.verbose > 1 else logging.INFO,
            format="%(name)s: %(message)s",
        )
    run: Command = args.run
    try:
        return run(args)
    except ras.RasError as e:
        output.error(f"{e.strerror} ({e.winerror})")
        return e.winerror or EXIT_FAILURE
    except KeyboardInterrupt:
        output.error("interrupted")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        raise  # run() ends quietly
    except KeyError as e:  # a mapping's miss: ras.Phonebook[name]
        output.error(f"not found: {e.args[0]!r}" if e.args else "not found")
        return EXIT_FAILURE
    except (ValueError, OSError) as e:
        output.error(str(e))
        return EXIT_FAILURE


def run() -> None:
    """The console script's entry point."""
    try:
        status = main()
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`pyras entries | head -1`): no traceback, and no
        # second error when Python flushes stdout at exit (the io docs' recipe).
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        status = EXIT_FAILURE
    sys.exit(status)
