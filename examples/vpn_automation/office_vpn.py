"""A small VPN automation script, written against pywin32's win32ras.

It is the kind of code that runs in a scheduled task: connect the office VPN
(retrying when the line is busy or the server does not answer), report the
address, disconnect.  It knows nothing of ras-win32: tests/ test it
unchanged on the simulated rasapi32 (test_office_vpn.py).

    python office_vpn.py connect "Office VPN" alice
    python office_vpn.py disconnect "Office VPN"
"""

from __future__ import annotations

import getpass
import sys
import time
from collections.abc import Callable, Sequence

import win32ras

# Worth another try a little later: the line, the server, a timeout.
RETRYABLE = {676, 678, 680, 718, 800, 868}


class VpnError(Exception):
    def __init__(self, code: int, text: str) -> None:
        super().__init__(f"{text} ({code})")
        self.code = code


def connect(
    entry: str,
    user: str,
    password: str,
    attempts: int = 3,
    wait: float = 10.0,
    sleep: Callable[[float], object] = time.sleep,
) -> int:
    """Dial `entry`; returns the connection handle.  Retries RETRYABLE failures."""
    for attempt in range(1, attempts + 1):
        handle, rc = win32ras.Dial(None, None, (entry, "", "", user, password, ""), None)
        if rc == 0:
            return handle
        if handle:
            win32ras.HangUp(handle)  # a failed dial's handle must be hung up too
        if rc not in RETRYABLE or attempt == attempts:
            raise VpnError(rc, win32ras.GetErrorString(rc))
        sleep(wait)
    raise AssertionError("unreachable")


def disconnect(entry: str) -> bool:
    """Hang up `entry` if it is connected; whether it was."""
    for handle, name, _type, _device in win32ras.EnumConnections():
        if name.lower() == entry.lower():
            win32ras.HangUp(handle)
            return True
    return False


def is_up(handle: int) -> bool:
    """Whether the connection is still connected (a dropped line is not)."""
    try:
        state, error, _type, _device = win32ras.GetConnectStatus(handle)
    except win32ras.error:
        return False
    return error == 0 and state == win32ras.RASCS_Connected


def main(argv: Sequence[str]) -> int:
    command, entry = argv[0], argv[1]
    if command == "connect":
        password = getpass.getpass(f"Password for {argv[2]}: ")
        try:
            handle = connect(entry, argv[2], password)
        except VpnError as e:
            print(f"could not connect: {e}")
            return e.code
        print(f"connected: handle {handle:#x}")
        return 0
    if command == "disconnect":
        print("disconnected" if disconnect(entry) else "not connected")
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
