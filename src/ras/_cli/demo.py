"""``pyras demo``: a dial with live progress on a simulated entry (the README's main job).

It makes a throw-away phone book with a VPN entry (through ``ras.Phonebook``,
with credentials saved), a scenario for the simulated server (time spent in
each state, the addresses it assigns), dials it with ``pyras dial``'s own
view, shows the connection's status and hangs it up.  Only on the simulated
backend: on Windows, ``pyras dial ENTRY`` dials your own entries.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from typing import Any

import ras
from ras._cli import connections, output

ENTRY = "Demo VPN"
USER = "demo"
PASSWORD = "demo-password"  # a throw-away simulated account


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "demo", help="dial a simulated VPN with live progress (simulated backend only)"
    )
    p.add_argument(
        "--delay-ms", type=int, default=150, metavar="MS", help="time the server spends per state"
    )
    p.add_argument(
        "--fail", metavar="CODE", type=int, help="make the server refuse with this RAS error"
    )
    p.set_defaults(run=demo)


def scenario_text(delay_ms: int, fail: int | None) -> str:
    lines = [
        f"[{ENTRY}]",
        f"User={USER}",
        f"Password={PASSWORD}",
        f"StateDelayMs={delay_ms}",
        "IpAddress=10.8.0.2",
        "ServerIpAddress=203.0.113.1",
        "Ipv6Address=fd00:8::2",
        "VpnType=IKEv2",
    ]
    if fail is not None:
        lines += ["FailState=Authenticate", f"FailError={fail}"]
    return "\n".join(lines) + "\n"


def simulated() -> bool:
    """Whether RAS here is the project's simulator: compiled in (off Windows), or
    its rasapi32.dll loaded in front of Windows' (tests, Wine), which exports
    RasSimVersion."""
    if ras.BACKEND == "simulated":
        return True
    if sys.platform != "win32":
        return False
    import ctypes

    try:
        return hasattr(ctypes.WinDLL("rasapi32"), "RasSimVersion")
    except OSError:
        return False


def demo(args: argparse.Namespace) -> int:
    if not simulated():
        output.error(
            "the demo dials a simulated server, and this build calls Windows' rasapi32: "
            "try 'pyras dial ENTRY' with an entry of yours"
        )
        return 1
    with tempfile.TemporaryDirectory(prefix="pyras-demo-") as workdir:
        pbk = os.path.join(workdir, "demo.pbk")
        scenario = os.path.join(workdir, "scenario.ini")
        with open(scenario, "w", encoding="utf-8") as f:
            f.write(scenario_text(args.delay_ms, args.fail))
        with open(pbk, "w", encoding="utf-8"):
            pass  # RAS adds entries to a phone book that exists (a missing one is 621)
        saved = os.environ.get("RASSIM_SCENARIO")
        os.environ["RASSIM_SCENARIO"] = scenario
        try:
            book = ras.Phonebook(pbk)
            book[ENTRY] = ras.Entry.vpn("vpn.example.com", strategy=ras.VpnStrategy.IKEV2_ONLY)
            book.set_credentials(ENTRY, user=USER, password=PASSWORD)
            print(f"A simulated VPN entry {ENTRY!r} in {pbk}\n")
            dial_args = argparse.Namespace(
                entry=ENTRY,
                phonebook=pbk,
                user=None,
                password=None,
                domain=None,
                phone=None,
                callback=None,
                ask=False,
                timeout=60.0,
                json=False,
            )
            rc = connections.dial(dial_args)
            if rc != 0:
                return rc
            print()
            connections.status(argparse.Namespace(entry=ENTRY, phonebook=pbk, json=False))
            conn = connections.find(ENTRY)
            conn.hangup()
            print(f"\nHung up {ENTRY}.")
            return 0
        finally:
            if saved is None:
                os.environ.pop("RASSIM_SCENARIO", None)
            else:
                os.environ["RASSIM_SCENARIO"] = saved
