"""Dial a connection and print its progress live: ``python -m ras.demo``.

On the simulated backend (every platform but Windows) it makes a throw-away
phonebook and scenario, so it runs anywhere.  On Windows it dials the entry
you name from your own phonebook::

    python -m ras.demo --entry "Office VPN" --user alice --password ...
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from collections.abc import Sequence

import ras

DEMO_ENTRY = "Demo VPN"
DEMO_PHONEBOOK = f"""\
[{DEMO_ENTRY}]
Encoding=1
PBVersion=4
Type=2

MEDIA=rastapi
Port=VPN2-0
Device=WAN Miniport (IKEv2)

DEVICE=vpn
PhoneNumber=vpn.example.com
"""


def _simulated_setup(workdir: str, delay_ms: int) -> str:
    """A phonebook with one entry and a scenario that takes its time."""
    pbk = os.path.join(workdir, "demo.pbk")
    with open(pbk, "w", encoding="utf-8") as f:
        f.write(DEMO_PHONEBOOK)
    scenario = os.path.join(workdir, "scenario.ini")
    with open(scenario, "w", encoding="utf-8") as f:
        f.write(f"[*]\nStateDelayMs={delay_ms}\nIpAddress=10.8.0.2\nServerIpAddress=10.8.0.1\n")
    os.environ["RASSIM_SCENARIO"] = scenario
    return pbk


def dial_with_progress(
    phonebook: str | None, entry: str, user: str, password: str, timeout: float
) -> int:
    """Dial asynchronously, print every state as RAS reports it, then hang up."""
    done = threading.Event()
    outcome: dict[str, int] = {}
    start = time.monotonic()

    def on_state(hras: int, msg: int, state: int, error: int, exterror: int) -> None:
        stamp = time.monotonic() - start
        suffix = f"  error {error}: {ras.GetErrorString(error)}" if error else ""
        print(f"  {stamp:6.3f}s  {ras.state_name(state):<20}{suffix}", flush=True)
        if ras.is_final_state(state, error):
            outcome["state"], outcome["error"] = state, error
            done.set()

    print(f"Dialling {entry!r} ({ras.BACKEND} rasapi32)", flush=True)
    hras, rc = ras.Dial(None, phonebook, (entry, "", "", user, password, ""), on_state)
    if rc != 0:
        print(f"Dial refused: {rc} {ras.GetErrorString(rc)}")
        if hras:
            ras.HangUp(hras)
        return 1
    if not done.wait(timeout):
        print("Gave up waiting for the dial to finish")
        ras.HangUp(hras)
        return 1
    try:
        if outcome["error"]:
            return 1
        state, _error, dev_type, dev_name = ras.GetConnectStatus(hras)
        print(
            f"Connected: handle 0x{hras:x}, {ras.state_name(state)} on {dev_type} "
            f"device {dev_name!r}"
        )
        for conn in ras.EnumConnections():
            print(f"  active: {conn}")
        return 0
    finally:
        ras.HangUp(hras)
        print("Hung up.")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ras.demo", description=__doc__.split("\n")[0])
    parser.add_argument("--entry", default=DEMO_ENTRY, help="phonebook entry to dial")
    parser.add_argument("--phonebook", default=None, help="phonebook file (default: the system's)")
    parser.add_argument("--user", default="demo")
    parser.add_argument("--password", default="demo-password")
    parser.add_argument(
        "--delay-ms", type=int, default=120, help="simulated time spent in each state"
    )
    parser.add_argument("--timeout", type=float, default=60.0)
    args = parser.parse_args(argv)

    if ras.BACKEND == "simulated" and args.phonebook is None:
        with tempfile.TemporaryDirectory() as workdir:
            pbk = _simulated_setup(workdir, args.delay_ms)
            return dial_with_progress(pbk, args.entry, args.user, args.password, args.timeout)
    return dial_with_progress(args.phonebook, args.entry, args.user, args.password, args.timeout)


if __name__ == "__main__":
    sys.exit(main())
