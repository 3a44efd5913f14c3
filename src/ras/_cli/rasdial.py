"""``pyrasdial``: rasdial.exe's command line, on the typed layer.

    rasdial entryname [username [password|*]] [/DOMAIN:domain] [/PHONE:number]
            [/CALLBACK:number] [/PHONEBOOK:file] [/PREFIXSUFFIX]
    rasdial [entryname] /DISCONNECT
    rasdial                          (lists the active connections)

Its wording, options and exit statuses are rasdial.exe's (docs/cli.md,
"pyrasdial", lists each difference): every line goes to standard output, as
rasdial's do; the exit status is the RAS error number, 0 on success.
"""

from __future__ import annotations

import getpass
import logging
import signal
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TextIO

import ras

#: Exit status of a command line that does not parse (after the usage text).
EXIT_USAGE = 1
#: A dial interrupted by Ctrl-C (or Ctrl-Break on Windows) is hung up, then
#: reported as ERROR_USER_DISCONNECTION: "the port was disconnected by the user".
EXIT_INTERRUPTED = ras.ERROR_USER_DISCONNECTION  # 631
#: /DISCONNECT of an entry that is not connected (or with no connection at all).
EXIT_NOT_CONNECTED = ras.ERROR_NO_CONNECTION  # 668
#: /DISCONNECT without an entry while several connections are active.
EXIT_AMBIGUOUS = 87  # ERROR_INVALID_PARAMETER

USAGE = """\
USAGE:
\t{prog} entryname [username [password|*]] [/DOMAIN:domain]
\t\t[/PHONE:phonenumber] [/CALLBACK:callbacknumber]
\t\t[/PHONEBOOK:phonebookfile] [/PREFIXSUFFIX]

\t{prog} [entryname] /DISCONNECT

\t{prog}
"""

DONE = "Command completed successfully."

# Options that take a value (/NAME:value) and switches (/NAME), in rasdial's
# order: an abbreviation matches the first name it begins (/P: is /PHONE:,
# /PHONEB: is /PHONEBOOK:; /D is /DISCONNECT, /D: is /DOMAIN:).
VALUE_OPTIONS = ("DOMAIN", "PHONE", "CALLBACK", "PHONEBOOK")
SWITCHES = ("DISCONNECT", "PREFIXSUFFIX")


class UsageError(Exception):
    """The command line does not parse."""


@dataclass
class Args:
    """A parsed rasdial command line (``help``: ``/?``)."""

    positional: list[str] = field(default_factory=list)
    values: dict[str, str] = field(default_factory=dict)
    switches: set[str] = field(default_factory=set)
    help: bool = False

    def __repr__(self) -> str:  # never the password
        shown = self.positional[:2] + ["***"] * (len(self.positional) > 2)
        return f"Args({shown!r}, {self.values!r}, {sorted(self.switches)!r})"


def _match(name: str, names: Sequence[str]) -> str | None:
    upper = name.upper()
    if upper in names:
        return upper
    for full in names:
        if upper and full.startswith(upper):
            return full
    return None


def parse(argv: Sequence[str]) -> Args:
    """rasdial's syntax: options anywhere, case-insensitive, abbreviated."""
    args = Args()
    for token in argv:
        if not token.startswith("/") or token == "/":
            args.positional.append(token)
            continue
        body = token[1:]
        if body == "?":
            args.help = True
            continue
        name, colon, value = body.partition(":")
        full = _match(name, VALUE_OPTIONS if colon else SWITCHES)
        if full is None:
            raise UsageError(f"unknown option {token.split(':', 1)[0]}")
        if colon:
            args.values[full] = value
        else:
            args.switches.add(full)
    if len(args.positional) > 3:
        raise UsageError("too many arguments")
    if "DISCONNECT" in args.switches and (
        len(args.positional) > 1 or args.values or "PREFIXSUFFIX" in args.switches
    ):
        raise UsageError("/DISCONNECT takes only an entry name")
    if not args.positional and "DISCONNECT" not in args.switches and (args.values or args.switches):
        raise UsageError("no entry name")
    return args


def _out(line: str = "") -> None:
    print(line, flush=True)


def _error_block(code: int, text: str) -> None:
    """rasdial's error report (the help lines too: scripts skip them by their words)."""
    _out()
    _out(f"Remote Access error {code} - {text}")
    _out()
    _out("For more help on this error:")
    _out("        Type 'hh netcfg.chm'")
    _out(f"        In help, click Troubleshooting, then Error Messages, then {code}")


def _read_password(user: str, entry: str, stdin: TextIO) -> str:
    """``*``: getpass on a terminal; otherwise one line of standard input.

    The prompt goes to the terminal (getpass) or to standard error, never to
    standard output; what is typed is never echoed or printed.
    """
    prompt = f"Enter the password for {user} to connect to {entry}: "
    if stdin.isatty():
        return getpass.getpass(prompt)
    sys.stderr.write(prompt)
    sys.stderr.flush()
    line = stdin.readline()
    sys.stderr.write("\n")
    return line.rstrip("\r\n")


# What rasdial reports as a dial enters a state (the others pass silently).
PHASES: dict[int, str] = {
    ras.ConnectionState.OPEN_PORT: "Connecting to {entry}...",
    ras.ConnectionState.AUTHENTICATE: "Verifying username and password...",
    ras.ConnectionState.AUTH_PROJECT: "Registering your computer on the network...",
    ras.ConnectionState.WAIT_FOR_CALLBACK: "Waiting for callback...",
}


def _show_phase(progress: ras.DialProgress) -> None:
    if progress.error:
        return  # the error block follows
    line = PHASES.get(int(progress.state))
    if line is not None:
        _out(line.format(entry=progress.entry))


@contextmanager
def _break_is_interrupt() -> Iterator[None]:
    """On Windows, Ctrl-Break (CTRL_BREAK_EVENT) interrupts a dial as Ctrl-C does."""
    sigbreak = getattr(signal, "SIGBREAK", None)
    if sigbreak is None:
        yield
        return

    def interrupt(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(sigbreak, interrupt)
    try:
        yield
    finally:
        signal.signal(sigbreak, previous)


def dial(args: Args, stdin: TextIO) -> int:
    entry = args.positional[0]
    user = args.positional[1] if len(args.positional) > 1 else None
    password = args.positional[2] if len(args.positional) > 2 else None
    if any(c.is_connected() for c in ras.connections(entry)):
        _out(f"You are already connected to {entry}.")
        _out(DONE)
        return 0
    if password == "*":
        password = _read_password(user or "", entry, stdin)
    try:
        with _break_is_interrupt():
            ras.dial(
                entry,
                phonebook=args.values.get("PHONEBOOK"),
                user=user,
                password=password,
                domain=args.values.get("DOMAIN"),
                phone=args.values.get("PHONE"),
                callback_number=args.values.get("CALLBACK"),
                prefix_suffix="PREFIXSUFFIX" in args.switches,
                on_state=_show_phase,
            )
    except ras.RasError as e:
        code = e.winerror or 1
        _error_block(code, e.strerror)
        return code
    except KeyboardInterrupt:  # ras.dial has hung up
        _error_block(EXIT_INTERRUPTED, ras.GetErrorString(EXIT_INTERRUPTED))
        return EXIT_INTERRUPTED
    _out(f"Successfully connected to {entry}.")
    _out(DONE)
    return 0


def disconnect(args: Args) -> int:
    entry = args.positional[0] if args.positional else None
    conns = ras.connections(entry)
    if not conns:
        _out(f"You are not connected to {entry}." if entry is not None else "No connections")
        return EXIT_NOT_CONNECTED
    if entry is None and len(conns) > 1:
        _list(conns)
        _out("More than one connection is active: name the one to disconnect.")
        return EXIT_AMBIGUOUS
    for conn in conns:
        conn.hangup()
    _out(DONE)
    return 0


def _list(conns: Sequence[ras.Connection]) -> None:
    _out("Connected to")
    for conn in conns:
        _out(conn.entry)


def list_connections() -> int:
    conns = ras.connections()
    if conns:
        _list(conns)
    else:
        _out("No connections")
    _out(DONE)
    return 0


def main(argv: Sequence[str] | None = None, *, prog: str = "pyrasdial") -> int:
    """rasdial's syntax; returns the exit status (the RAS error number, 0 on success)."""
    log = logging.getLogger("ras")
    if not log.handlers:  # the failure is reported once, in rasdial's words
        log.addHandler(logging.NullHandler())
    try:
        args = parse(list(sys.argv[1:] if argv is None else argv))
    except UsageError:
        _out(USAGE.format(prog=prog))
        return EXIT_USAGE
    if args.help:
        _out(USAGE.format(prog=prog))
        return 0
    try:
        if "DISCONNECT" in args.switches:
            return disconnect(args)
        if not args.positional:
            return list_connections()
        return dial(args, sys.stdin)
    except ras.RasError as e:  # listing or hanging up failed
        code = e.winerror or 1
        _error_block(code, e.strerror)
        return code
    except KeyboardInterrupt:  # at the password prompt, or while hanging up
        _error_block(EXIT_INTERRUPTED, ras.GetErrorString(EXIT_INTERRUPTED))
        return EXIT_INTERRUPTED


def run() -> None:
    """The console script's entry point."""
    sys.exit(main())
