"""The usage patterns of pywin32's win32/Demos/rastest.py, run through win32ras."""

from __future__ import annotations

import threading

import pytest
from support import Scenario, requires_sim

import win32ras

pytestmark = requires_sim

STATE_MAP = {v: n[6:] for n, v in vars(win32ras).items() if n.startswith("RASCS_")}


def show_connections(pbk: str) -> list[str]:
    lines = ["All phone-book entries:"]
    lines += [f"  {name}" for name in win32ras.EnumEntries(None, pbk)]
    lines.append("Current Connections:")
    lines += [f"  {con}" for con in win32ras.EnumConnections()]
    return lines


def connect(pbk: str, entry: str, use_callback: bool) -> tuple[int, int, list[str]]:
    log: list[str] = []
    event = threading.Event()

    def callback(hras: int, msg: int, state: int, error: int, exterror: int) -> None:
        log.append(
            f"Status is {STATE_MAP.get(state, 'Unknown state?')} ({state:04x}), "
            f"error code is {error}"
        )
        if state == win32ras.RASCS_Connected:
            event.set()
        if error != 0 or state == win32ras.RASCS_Disconnected:
            log.append(f"Detected call failure: {win32ras.GetErrorString(error)}")
            try:
                win32ras.HangUp(hras)
            except win32ras.error:
                log.append("Tried to hang up gracefully on error, but didn't work....")
            event.set()

    dp, _ = win32ras.GetEntryDialParams(pbk, entry)
    hras, rc = win32ras.Dial(
        None, pbk, (entry, "", "", dp[3], dp[4], ""), callback if use_callback else None
    )
    if not use_callback and rc != 0:
        log.append(f"Could not dial the RAS connection: {win32ras.GetErrorString(rc)}")
        win32ras.HangUp(hras)
    elif use_callback:
        assert event.wait(30), "Gave up waiting for the process to complete!"
    return hras, rc, log


def disconnect(entry: str) -> bool:
    for hcon, name, _dev_type, _dev_name in win32ras.EnumConnections():
        if name.lower() == entry.lower():
            win32ras.HangUp(hcon)
            return True
    return False


def test_list(pbk: str) -> None:
    assert show_connections(pbk) == [
        "All phone-book entries:",
        "  Office VPN",
        "  Lab",
        "  Home",
        "Current Connections:",
    ]


@pytest.mark.parametrize("use_callback", [False, True])
def test_connect_status_disconnect(pbk: str, use_callback: bool) -> None:
    win32ras.SetEntryDialParams(pbk, ("Office VPN", "", "", "jethro", "pw", ""), False)
    hras, rc, log = connect(pbk, "Office VPN", use_callback)
    assert rc == 0 and hras
    if use_callback:
        assert log[-1] == f"Status is Connected ({win32ras.RASCS_Connected:04x}), error code is 0"
        assert log[0].startswith("Status is OpenPort")
    cs = win32ras.GetConnectStatus(hras)
    assert cs[0] == win32ras.RASCS_Connected
    assert show_connections(pbk)[-1] == f"  ({hras}, 'Office VPN', 'vpn', 'WAN Miniport (IKEv2)')"
    assert disconnect("OFFICE VPN")
    assert not disconnect("Office VPN")


@pytest.mark.parametrize("use_callback", [False, True])
def test_connect_failure(pbk: str, scenario: Scenario, use_callback: bool) -> None:
    scenario.set({"Lab": {"User": "x", "Password": "y"}})
    _hras, rc, log = connect(pbk, "Lab", use_callback)
    if use_callback:
        assert rc == 0
        assert log[-1] == f"Detected call failure: {win32ras.GetErrorString(691)}"
    else:
        assert rc == 691
        assert log == [f"Could not dial the RAS connection: {win32ras.GetErrorString(691)}"]
    assert win32ras.EnumConnections() == []


def test_edit_entry(pbk: str) -> None:
    win32ras.EditPhonebookEntry(0, pbk, "Lab")
    with pytest.raises(win32ras.error) as exc:
        win32ras.EditPhonebookEntry(0, pbk, "Missing")
    rc, function, msg = exc.value.args
    assert (rc, function) == (623, "RasEditPhonebookEntry")
    assert msg == win32ras.GetErrorString(623)


def test_create_entry(pbk: str) -> None:
    win32ras.CreatePhonebookEntry(0, pbk)
    win32ras.CreatePhonebookEntry(0)
