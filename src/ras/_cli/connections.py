"""``pyras dial``, ``hangup``, ``connections``, ``status``, ``stats``."""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from typing import Any

import ras
from ras._cli import output
from ras._cli.progress import DialView


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("dial", parents=[common], help="dial an entry, showing each state")
    p.add_argument("entry", help="the phone-book entry")
    p.add_argument("--user", "-u", help="user name (default: the saved one)")
    p.add_argument(
        "--password",
        "-p",
        help="password; '*' asks for it without echo (or reads a line from stdin when it is "
        "not a terminal), which keeps it out of the process list (default: the saved one)",
    )
    p.add_argument("--domain", "-d", help="domain (default: the saved one)")
    p.add_argument("--phone", help="the number or server to dial instead of the entry's")
    p.add_argument(
        "--callback",
        metavar="NUMBER",
        help="callback number, for a server that lets the caller choose; '*' with --ask asks "
        "for it when the server does (without --ask: the number saved with the entry)",
    )
    p.add_argument(
        "--ask",
        action="store_true",
        help="answer the server's questions during the dial (paused states): a refused "
        "password, an expired password (a new one, twice), the callback number",
    )
    p.add_argument("--timeout", type=float, metavar="SECONDS", help="give up after this long")
    p.add_argument("--json", action="store_true", help="print the result as JSON, no progress")
    p.set_defaults(run=dial)

    p = sub.add_parser("hangup", help="hang up connections")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("entry", nargs="?", help="the connected entry")
    which.add_argument("--all", action="store_true", help="every connection")
    which.add_argument("--handle", type=_handle, help="the connection with this handle")
    p.add_argument(
        "--timeout",
        type=float,
        default=10.0,
        metavar="SECONDS",
        help="how long to wait for each to go (default 10)",
    )
    p.set_defaults(run=hangup)

    p = sub.add_parser("connections", help="list the active connections")
    p.add_argument("--json", action="store_true", help="print them as JSON")
    p.set_defaults(run=list_connections)

    p = sub.add_parser("status", help="a connection's state and addresses")
    p.add_argument("entry", nargs="?", help="the connected entry (default: every connection)")
    p.add_argument("--json", action="store_true", help="print it as JSON")
    p.set_defaults(run=status)

    p = sub.add_parser("stats", help="a connection's statistics")
    p.add_argument("entry", help="the connected entry")
    p.add_argument("--json", action="store_true", help="print them as JSON")
    p.set_defaults(run=stats)


def read_password(prompt: str) -> str:
    """The password: asked without echo on a terminal, else the first line of stdin."""
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass(prompt)
    return _stdin_line()


def read_line(prompt: str) -> str:
    """A line the user types (echoed) on a terminal, else the first line of stdin."""
    if sys.stdin is not None and sys.stdin.isatty():
        return input(prompt)
    return _stdin_line()


def _stdin_line() -> str:
    line = sys.stdin.readline() if sys.stdin is not None else ""
    return line.rstrip("\r\n")


# How many times --ask asks again for a refused password or a mistyped new one.
ASK_TRIES = 3


def asker(
    entry: str, view: DialView | None
) -> Callable[[ras.DialProgress], ras.PauseAnswer | None]:
    """``on_pause`` for ``--ask``: each paused state's question on the terminal
    (or, piped, one line of stdin per answer)."""
    state = ras.ConnectionState

    def say(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    def on_pause(p: ras.DialProgress) -> ras.PauseAnswer | None:
        if view is not None:
            view.paused()
        if p.state == state.RETRY_AUTHENTICATION:
            if p.pauses > ASK_TRIES:
                return None
            return ras.PauseAnswer(
                password=read_password(f"Password refused. Password for {entry}: ")
            )
        if p.state == state.PASSWORD_EXPIRED:
            for _ in range(ASK_TRIES):
                new = read_password("Your password has expired. New password: ")
                if new and read_password("New password again: ") == new:
                    return ras.PauseAnswer(password=new)
                say("The two do not match, or are empty.")
            return None
        if p.state == state.CALLBACK_SET_BY_CALLER:
            number = read_line("Call me back at (empty: no callback): ")
            return ras.PauseAnswer(callback_number=number)
        if p.state == state.INVOKE_EAP_UI:
            return ras.PauseAnswer()  # ras runs RasInvokeEapUI, Windows' own dialog
        say(f"The server asks for {p.state_name}, which pyras cannot answer.")
        return None

    return on_pause


def _handle(text: str) -> int:
    return int(text, 0)


def find(entry: str) -> ras.Connection:
    """The active connection of `entry` (as Windows compares names: without case)."""
    for conn in ras.connections(entry):
        return conn
    raise ras.error_for(ras.ERROR_NO_CONNECTION, "RasEnumConnections")


# ---- dial ---------------------------------------------------------------------


def dial(args: argparse.Namespace) -> int:
    password = args.password
    if password == "*":
        password = read_password(f"Password for {args.user or args.entry}: ")
    view = None if args.json else DialView(args.entry, sys.stdout)
    if view is not None:
        view.start()
    try:
        conn = ras.dial(
            args.entry,
            phonebook=args.phonebook,
            user=args.user,
            password=password,
            domain=args.domain,
            phone=args.phone,
            callback_number=args.callback,
            timeout=args.timeout,
            on_state=None if view is None else view.on_state,
            on_pause=asker(args.entry, view) if args.ask else None,
        )
    except ras.RasError as e:
        if view is not None:
            view.fail(f"Failed: {e.strerror} ({e.winerror})")
        else:
            output.print_json({"error": error_document(e)})
        return e.winerror or 1
    except KeyboardInterrupt:
        if view is not None:
            view.fail("Interrupted: the dial was hung up")
        raise
    document = connection_document(conn)
    if view is not None:
        addresses = [f"{k} {document[k]}" for k in ("ipv4", "ipv6") if document[k]]
        view.finish(f" ({', '.join(addresses)})" if addresses else "")
    else:
        output.print_json(document)
    return 0


def error_document(e: ras.RasError) -> dict[str, Any]:
    state = getattr(e, "state", None)
    return {
        "code": e.winerror,
        "class": type(e).__name__,
        "function": e.funcname,
        "message": e.strerror,
        "state": None if state is None else ras.state_name(int(state)),
    }


# ---- reading connections --------------------------------------------------------


def connection_document(conn: ras.Connection) -> dict[str, Any]:
    """A connection as ``--json`` prints it (schema: connection)."""
    st = conn.status()
    doc: dict[str, Any] = {
        "entry": conn.entry,
        "handle": conn.handle,
        "state": ras.state_name(int(st.state)),
        "connected": st.connected,
        "error": st.error,
        "device_type": st.device_type,
        "device_name": st.device_name,
        "ipv4": None,
        "ipv6": None,
        "ipv4_server": None,
        "ipv6_server": None,
        "server_addresses": [],
        "projection": None,
    }
    if st.connected:
        p = conn.projection()
        doc.update(
            ipv4=p.ipv4,
            ipv6=p.ipv6,
            ipv4_server=p.ipv4_server,
            ipv6_server=p.ipv6_server,
            server_addresses=list(p.server_addresses),
            projection=p.type.name if isinstance(p.type, ras.ProjectionType) else int(p.type),
        )
    return output.to_json(doc)  # type: ignore[no-any-return]


def list_connections(args: argparse.Namespace) -> int:
    docs = [connection_document(c) for c in ras.connections()]
    if args.json:
        output.print_json(docs)
        return 0
    if not docs:
        print("No connections")
        return 0
    output.table(
        ["ENTRY", "HANDLE", "STATE", "DEVICE", "IPV4", "IPV6"],
        [
            [d["entry"], hex(d["handle"]), d["state"], d["device_name"], d["ipv4"], d["ipv6"]]
            for d in docs
        ],
    )
    return 0


def status(args: argparse.Namespace) -> int:
    conns = [find(args.entry)] if args.entry else ras.connections()
    docs = [connection_document(c) for c in conns]
    if args.json:
        output.print_json(docs[0] if args.entry else docs)
        return 0
    if not docs:
        print("No connections")
    for d in docs:
        print(f"{d['entry']}: {d['state']}" + (f" (error {d['error']})" if d["error"] else ""))
        print(f"  handle      {d['handle']:#x}")
        print(f"  device      {d['device_name']} ({d['device_type']})")
        if d["projection"]:
            print(f"  negotiated  {d['projection']}")
        for key in ("ipv4", "ipv6", "ipv4_server", "ipv6_server"):
            if d[key]:
                print(f"  {key.replace('_', ' '):<11} {d[key]}")
    return 0


def stats(args: argparse.Namespace) -> int:
    s = find(args.entry).statistics()
    if args.json:
        output.print_json({"entry": args.entry, **output.to_json(s)})
        return 0
    rows = [[f.replace("_", " "), v] for f, v in output.to_json(s).items()]
    output.table(["COUNTER", "VALUE"], rows)
    return 0


# ---- hangup ---------------------------------------------------------------------


def hangup(args: argparse.Namespace) -> int:
    if args.all:
        targets = ras.connections()
    elif args.handle is not None:
        targets = [ras.Connection(args.handle)]
    else:
        targets = [find(args.entry)]
    for conn in targets:
        conn.hangup(timeout=args.timeout)
        print(f"Hung up {conn.entry or hex(conn.handle)}")
    if args.all and not targets:
        print("No connections")
    return 0
