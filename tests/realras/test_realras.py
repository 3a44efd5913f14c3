"""Windows' own rasapi32, no RAS server needed (issue 16's real-rasapi32 tier).

Entries live in a temporary phonebook (a .pbk of the test's own), never in the
user's or the machine's.  See conftest.py for how this tier runs.
"""

from __future__ import annotations

import ipaddress
import time
import uuid
from pathlib import Path
from typing import Any

import events
import pytest
from realras_support import WINE, wine_lacks

import ras

# Documented results of a VPN dial to a server that does not answer or refuses
# (raserror.h / winerror.h): what a dial to a closed port may end with.
UNREACHABLE = {
    ras.ERROR_AUTOMATIC_VPN_FAILED,  # 800
    ras.ERROR_VPN_DISCONNECT,  # 807
    ras.ERROR_VPN_REFUSED,  # 808
    ras.ERROR_VPN_TIMEOUT,  # 809
    ras.ERROR_SERVER_NOT_RESPONDING,  # 678 ("The remote computer did not respond")
    ras.ERROR_PORT_NOT_AVAILABLE,  # 633 (no free WAN Miniport of that kind)
    ras.ERROR_DEVICE_NOT_READY,  # 660
}
DIAL_BOUND_S = 120.0


@pytest.fixture
def pbk(tmp_path: Path) -> str:
    """An empty phonebook file of the test's own."""
    path = tmp_path / "realras.pbk"
    path.write_text("", encoding="ascii")
    return str(path)


def new_name() -> str:
    return f"ras-win32 test {uuid.uuid4().hex[:8]}"


def create_vpn_entry(pbk: str, name: str, server: str = "vpn.example.com") -> None:
    try:
        ras.SetEntryProperties(
            pbk,
            name,
            {
                "localPhoneNumber": server,
                "deviceType": "vpn",
                "deviceName": "WAN Miniport (SSTP)",
                "vpnStrategy": ras.VS_SstpOnly,
            },
        )
    except ras.error as exc:
        wine_lacks(f"cannot create a phonebook entry: SetEntryProperties raised {exc.args}")
        raise
    if WINE and name not in ras.EnumEntries(None, pbk):
        wine_lacks("does not store entries (SetEntryProperties returns 0, writes nothing)")


def changed(props: dict[str, Any]) -> dict[str, Any]:
    """Fields Windows 10 stores as given, each set to something not the default."""
    new = dict(props)
    new["dnsSuffix"] = "corp.example.com"
    new["ipaddrDns"] = ipaddress.IPv4Address("192.0.2.53")
    new["ipaddrDnsAlt"] = ipaddress.IPv4Address("192.0.2.54")
    new["localPhoneNumber"] = "vpn2.example.com"
    new["alternatePhoneNumbers"] = ["vpn3.example.com", "vpn4.example.com"]
    new["vpnStrategy"] = ras.VS_Ikev2Sstp
    new["redialCount"] = props["redialCount"] + 2
    new["redialPause"] = props["redialPause"] + 30
    new["idleDisconnectSeconds"] = 600
    return new


def test_entry_create_read_change_rename_delete(pbk: str) -> None:
    name, renamed = new_name(), new_name()
    ras.ValidateEntryName(pbk, name)  # free
    create_vpn_entry(pbk, name)
    assert ras.EnumEntries(None, pbk) == (name,)
    with pytest.raises(ras.error) as exc:
        ras.ValidateEntryName(pbk, name)
    assert exc.value.winerror == ras.ERROR_ALREADY_EXISTS

    props = ras.GetEntryProperties(pbk, name)
    assert props["localPhoneNumber"] == "vpn.example.com"
    assert props["deviceType"] == "vpn"
    assert props["vpnStrategy"] == ras.VS_SstpOnly

    # lossless: writing back what was read changes no field (every Windows 10 field)
    ras.SetEntryProperties(pbk, name, props)
    assert ras.GetEntryProperties(pbk, name) == props

    # change: every field set is read back as set
    want = changed(props)
    ras.SetEntryProperties(pbk, name, want)
    got = ras.GetEntryProperties(pbk, name)
    diff = {k: (want[k], got.get(k)) for k in want if k != "guidId" and got.get(k) != want[k]}
    assert not diff, f"fields not stored as set (wanted, got): {diff}"

    ras.RenameEntry(pbk, name, renamed)
    assert ras.EnumEntries(None, pbk) == (renamed,)
    assert ras.GetEntryProperties(pbk, renamed) == got
    with pytest.raises(ras.error) as exc:
        ras.GetEntryProperties(pbk, name)
    assert exc.value.winerror == ras.ERROR_CANNOT_FIND_PHONEBOOK_ENTRY

    ras.DeleteEntry(pbk, renamed)
    assert ras.EnumEntries(None, pbk) == ()
    with pytest.raises(ras.error) as exc:
        ras.GetEntryProperties(pbk, renamed)
    assert exc.value.winerror == ras.ERROR_CANNOT_FIND_PHONEBOOK_ENTRY


def test_error_string_of_every_code() -> None:
    codes = sorted(v for k, v in ras.CONSTANTS.items() if k.startswith("ERROR_") and v >= 600)
    assert len(codes) > 200
    failed: dict[int, Any] = {}
    texts: dict[int, str] = {}
    for code in codes:
        try:
            texts[code] = ras.GetErrorString(code)
        except ras.error as exc:
            failed[code] = exc.args
    if WINE and len(failed) == len(codes):
        wine_lacks(f"has no RAS error strings: GetErrorString raised {failed[codes[0]]}")
    assert not failed, f"GetErrorString failed for {len(failed)} codes: {failed}"
    empty = [code for code, text in texts.items() if not text.strip()]
    assert not empty, f"empty texts: {empty}"


def test_enum_devices_lists_wan_miniports() -> None:
    devices = ras.EnumDevices()
    if WINE and not devices:
        wine_lacks("lists no RAS devices (RasEnumDevicesW returns 0 devices)")
    names = {d["deviceName"] for d in devices}
    kinds = {d["deviceType"] for d in devices}
    assert any(n.startswith("WAN Miniport") for n in names), devices
    assert "vpn" in kinds, devices


def test_dial_to_an_unreachable_server_fails_and_is_hung_up(pbk: str, record_property: Any) -> None:
    name = new_name()
    # SSTP to a port of this machine that nothing listens on: refused at once,
    # no network or RAS server involved
    create_vpn_entry(pbk, name, server="127.0.0.1")
    t0 = time.monotonic()
    handle = 0
    try:
        handle, result = ras.Dial(None, pbk, (name, "", "", "user", "password", ""), None)
    except ras.error as exc:
        result = exc.winerror
    took = time.monotonic() - t0
    record_property("dial_result", result)
    record_property("dial_seconds", round(took, 1))
    if handle:
        ras.HangUp(handle)
        assert ras.IsHandleValid(handle) is False
    assert result in UNREACHABLE, f"dial ended with {result}: {ras.GetErrorString(result)!r}"
    assert took < DIAL_BOUND_S
    assert name not in {c[1] for c in ras.EnumConnections()}


def test_connection_notification_with_an_event() -> None:
    ev = events.create(manual_reset=True)
    try:
        try:
            ras.ConnectionNotification(-1, ev, ras.RASCN_Connection | ras.RASCN_Disconnection)
        except ras.error as exc:
            wine_lacks(f"has no RasConnectionNotificationW: it raised {exc.args}")
            raise
        # registered, and no connection came or went: the event stays unset
        assert events.wait(ev, 500) == events.WAIT_TIMEOUT
        # a bad event handle is refused with the documented error
        with pytest.raises(ras.error) as exc:
            ras.ConnectionNotification(-1, 0, ras.RASCN_Connection)
        if WINE and exc.value.winerror != ras.ERROR_INVALID_HANDLE:
            wine_lacks(f"answers a null event with {exc.value.winerror}, not 6")
        assert exc.value.winerror == ras.ERROR_INVALID_HANDLE
    finally:
        events.close(ev)
