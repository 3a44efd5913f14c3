"""Get/SetEntryProperties, Get/SetSubEntryProperties, DeleteSubEntry (issue 4)."""

from __future__ import annotations

import ipaddress
import threading
import uuid
from pathlib import Path
from typing import Any

import pytest
from support import requires_sim

import ras
import simctl

pytestmark = requires_sim

WIN7_ONLY = {"ipv6addr", "ipv6PrefixLength", "networkOutageTime"}
VISTA_ONLY = {"ipv6addrDns", "ipv6addrDnsAlt", "ipv4InterfaceMetric", "ipv6InterfaceMetric"}
WIN8_ONLY = {"idi", "idr", "isImsConfig", "idiType", "idrType", "disableIKEv2Fragmentation"}
ALT = "alternatePhoneNumbers"


def changed_entry(props: dict[str, Any]) -> dict[str, Any]:
    """Every writable field set to something other than its default."""
    new = dict(props)
    for key, value in props.items():
        if key in ("guidId", "subEntries", ALT):
            continue
        if isinstance(value, bool):
            new[key] = not value
        elif isinstance(value, int):
            new[key] = value + 7
        elif isinstance(value, str):
            new[key] = f"{key}-x"
        elif isinstance(value, ipaddress.IPv4Address):
            new[key] = ipaddress.IPv4Address(f"10.1.2.{len(key)}")
        elif isinstance(value, ipaddress.IPv6Address):
            new[key] = ipaddress.IPv6Address(f"2001:db8::{len(key):x}")
    new["deviceType"] = "vpn"
    new["deviceName"] = "WAN Miniport (SSTP)"
    new["options"] = ras.RASEO_RequireEAP | ras.RASEO_CustomScript
    new["options2"] = ras.RASEO2_PlumbIKEv2TSAsRoutes | ras.RASEO2_IPv6ExplicitMetric
    new["vpnStrategy"] = ras.VS_Ikev2Sstp
    new["dnsSuffix"] = "corp.example.com"
    new["idi"] = "client@example.com"
    new["idiType"] = ras.IKEV2_ID_PAYLOAD_TYPE_RFC822_ADDR
    new["ipv6addr"] = ipaddress.IPv6Address("fd00:1:2:3::42")
    new[ALT] = ["backup1.example.com", "backup2.example.com"]
    return new


def test_get_entry(pbk: str) -> None:
    e = ras.GetEntryProperties(pbk, "office vpn")  # case-insensitive
    assert e["localPhoneNumber"] == "vpn.example.com"
    assert (e["deviceType"], e["deviceName"]) == ("vpn", "WAN Miniport (IKEv2)")
    assert e["type"] == ras.RASET_Vpn
    assert e["subEntries"] == 1
    assert e[ALT] == []
    assert isinstance(e["guidId"], uuid.UUID)
    assert e["guidId"] == ras.GetEntryProperties(pbk, "Office VPN")["guidId"]
    assert e["guidId"] != ras.GetEntryProperties(pbk, "Lab")["guidId"]
    assert isinstance(e["ipaddrDns"], ipaddress.IPv4Address)
    assert isinstance(e["ipv6addrDns"], ipaddress.IPv6Address)
    assert "dwSize" not in e and "alternateOffset" not in e
    assert WIN8_ONLY | WIN7_ONLY | VISTA_ONLY <= set(e)


@pytest.mark.parametrize("entry", [None, ""])
def test_default_entry(entry: str | None, tmp_path: Path) -> None:
    e = ras.GetEntryProperties(str(tmp_path / "no-such.pbk"), entry)
    assert e["deviceType"] == "vpn"
    assert e["framingProtocol"] == ras.RASFP_Ppp
    assert e["dialMode"] == ras.RASEDM_DialAll
    assert e["localPhoneNumber"] == ""


def test_round_trip_lossless(pbk: str) -> None:
    before = ras.GetEntryProperties(pbk, "Lab")
    ras.SetEntryProperties(pbk, "Lab", before)
    assert ras.GetEntryProperties(pbk, "Lab") == before
    new = changed_entry(before)
    ras.SetEntryProperties(pbk, "Lab", new)
    after = ras.GetEntryProperties(pbk, "Lab")
    assert after == new
    ras.SetEntryProperties(pbk, "Lab", after)
    assert ras.GetEntryProperties(pbk, "Lab") == new
    # the other entries are untouched
    assert ras.GetEntryProperties(pbk, "Home")["localPhoneNumber"] == "vpn.example.com"


def test_partial_dict_keeps_the_rest(pbk: str) -> None:
    ras.SetEntryProperties(pbk, "Lab", {ALT: ["a.example"], "redialCount": 9})
    ras.SetEntryProperties(pbk, "Lab", {"localPhoneNumber": "lab.example"})
    e = ras.GetEntryProperties(pbk, "Lab")
    assert (e["localPhoneNumber"], e["redialCount"], e[ALT]) == ("lab.example", 9, ["a.example"])
    ras.SetEntryProperties(pbk, "Lab", {ALT: []})
    assert ras.GetEntryProperties(pbk, "Lab")[ALT] == []


def test_pbk_keys_and_unknown_lines_kept(tmp_path: Path) -> None:
    text = simctl.entry_text("Lab").replace("AutoLogon=0\n", "AutoLogon=0\nFutureKey=abc\n")
    text = text.replace("Port=VPN2-0\n", "Port=VPN2-0\nMediaThing=7\n")
    text += "; a comment\n" + simctl.entry_text("Other")
    path = tmp_path / "k.pbk"
    path.write_text(text, encoding="utf-8")
    ras.SetEntryProperties(
        str(path),
        "Lab",
        {
            "localPhoneNumber": "new.example",
            "ipaddrDns": ipaddress.IPv4Address("10.0.0.53"),
            "ipv6addrDns": ipaddress.IPv6Address("2001:db8::53"),
            "dnsSuffix": "corp.example",
            "ipv4InterfaceMetric": 25,
            "networkOutageTime": 1800,
            "vpnStrategy": ras.VS_Ikev2Only,
            "idi": "me.example",
        },
    )
    after = path.read_text(encoding="utf-8")
    for line in [
        "FutureKey=abc",
        "MediaThing=7",
        "; a comment",
        "PhoneNumber=new.example",
        "IpDnsAddress=10.0.0.53",
        "Ipv6DnsAddress=2001:db8::53",
        "IpDnsSuffix=corp.example",
        "IpInterfaceMetric=25",
        "NetworkOutageTime=1800",
        "VpnStrategy=7",
        "IDI=me.example",
    ]:
        assert line + "\n" in after, line
    assert after.endswith(simctl.entry_text("Other"))
    assert after.startswith(text.split("FutureKey=abc\n")[0] + "FutureKey=abc\n")


def test_create_entry_then_dial(pbk: str) -> None:
    ras.SetEntryProperties(
        pbk, "Created", {"localPhoneNumber": "created.example", "deviceName": "WAN Miniport (L2TP)"}
    )
    assert ras.EnumEntries(None, pbk) == ("Office VPN", "Lab", "Home", "Created")
    e = ras.GetEntryProperties(pbk, "Created")
    assert e["guidId"] == ras.GetEntryProperties(pbk, "created")["guidId"]
    h, rc = ras.Dial(None, pbk, ("Created",), None)
    assert rc == 0
    try:
        assert ras.GetConnectStatus(h)[2:] == ("vpn", "WAN Miniport (L2TP)")
    finally:
        ras.HangUp(h)


def test_default_phonebook(default_pbk: str) -> None:
    ras.SetEntryProperties(None, "Backup", {"localPhoneNumber": "b.example"})
    assert ras.GetEntryProperties(None, "Backup")["localPhoneNumber"] == "b.example"


def test_errors(pbk: str, tmp_path: Path) -> None:
    missing = str(tmp_path / "missing.pbk")
    cases: list[tuple[Any, int, str]] = [
        (lambda: ras.GetEntryProperties(pbk, "Nope"), 623, "RasGetEntryProperties"),
        (lambda: ras.GetEntryProperties(missing, "Lab"), 621, "RasGetEntryProperties"),
        (lambda: ras.SetEntryProperties(missing, "Lab", {}), 621, "RasSetEntryProperties"),
        (lambda: ras.SetEntryProperties(pbk, "bad/name", {}), 123, "RasSetEntryProperties"),
        (lambda: ras.SetEntryProperties(pbk, "", {}), 123, "RasSetEntryProperties"),
        (lambda: ras.GetSubEntryProperties(pbk, "Lab", 2), 623, "RasGetSubEntryProperties"),
        (lambda: ras.GetSubEntryProperties(pbk, "Lab", 0), 87, "RasGetSubEntryProperties"),
        (lambda: ras.GetSubEntryProperties(pbk, "Nope", 1), 623, "RasGetSubEntryProperties"),
        (lambda: ras.GetSubEntryProperties(missing, "Lab", 1), 621, "RasGetSubEntryProperties"),
        (lambda: ras.SetSubEntryProperties(pbk, "Nope", 1, {}), 623, "RasSetSubEntryProperties"),
        (lambda: ras.SetSubEntryProperties(pbk, "Lab", 0, {}), 87, "RasSetSubEntryProperties"),
        (lambda: ras.DeleteSubEntry(pbk, "Lab", 2), 623, "RasDeleteSubEntry"),
        (lambda: ras.DeleteSubEntry(pbk, "Lab", 0), 87, "RasDeleteSubEntry"),
        (lambda: ras.DeleteSubEntry(pbk, "Nope", 1), 623, "RasDeleteSubEntry"),
        (lambda: ras.DeleteSubEntry(missing, "Lab", 1), 621, "RasDeleteSubEntry"),
    ]
    for call, code, name in cases:
        with pytest.raises(ras.error) as exc:
            call()
        assert exc.value.args[:2] == (code, name)
    assert ras.EnumEntries(None, pbk) == ("Office VPN", "Lab", "Home")


def test_bad_input(pbk: str) -> None:
    with pytest.raises(KeyError, match="nosuch"):
        ras.SetEntryProperties(pbk, "Lab", {"nosuch": 1})
    with pytest.raises(KeyError):
        ras.SetEntryProperties(pbk, "Lab", {1: 1})
    with pytest.raises(TypeError, match="dict"):
        ras.SetEntryProperties(pbk, "Lab", [("type", 1)])
    with pytest.raises(TypeError, match="argument 2"):
        ras.SetEntryProperties(pbk, None, {})
    with pytest.raises(TypeError, match="argument 1"):
        ras.GetEntryProperties(b"x", "Lab")
    with pytest.raises(TypeError):
        ras.GetEntryProperties(pbk)
    with pytest.raises(TypeError, match="options"):
        ras.SetEntryProperties(pbk, "Lab", {"options": "1"})
    with pytest.raises(OverflowError, match="options"):
        ras.SetEntryProperties(pbk, "Lab", {"options": 2**32})
    with pytest.raises(OverflowError):
        ras.SetEntryProperties(pbk, "Lab", {"options": -1})
    with pytest.raises(ValueError, match="localPhoneNumber"):
        ras.SetEntryProperties(pbk, "Lab", {"localPhoneNumber": "9" * 129})
    with pytest.raises(ValueError):
        ras.SetEntryProperties(pbk, "Lab", {"localPhoneNumber": "a\0b"})
    with pytest.raises(TypeError, match="ipaddrDns"):
        ras.SetEntryProperties(pbk, "Lab", {"ipaddrDns": "10.0.0.1"})
    with pytest.raises(TypeError, match="ipv6addrDns"):
        ras.SetEntryProperties(pbk, "Lab", {"ipv6addrDns": ipaddress.IPv4Address("1.2.3.4")})
    with pytest.raises(TypeError, match="guidId"):
        ras.SetEntryProperties(pbk, "Lab", {"guidId": "x"})
    with pytest.raises(TypeError, match=ALT):
        ras.SetEntryProperties(pbk, "Lab", {ALT: "one"})
    with pytest.raises(TypeError, match=ALT):
        ras.SetEntryProperties(pbk, "Lab", {ALT: [1]})
    with pytest.raises(ValueError, match=ALT):
        ras.SetEntryProperties(pbk, "Lab", {ALT: [""]})
    with pytest.raises(ValueError):
        ras.SetEntryProperties(pbk, "Lab", {ALT: ["a\0b"]})
    with pytest.raises(ValueError, match="embedded"):
        ras.GetEntryProperties(pbk, "La\0b")
    with pytest.raises(OverflowError):
        ras.GetSubEntryProperties(pbk, "Lab", 2**40)
    with pytest.raises(TypeError):
        ras.DeleteSubEntry(pbk, "Lab", "1")
    with pytest.raises(TypeError, match="dict"):
        ras.SetSubEntryProperties(pbk, "Lab", 1, None)
    with pytest.raises(KeyError):
        ras.SetSubEntryProperties(pbk, "Lab", 1, {"options": 1})
    # nothing was written by any of these
    assert ras.GetEntryProperties(pbk, "Lab") == ras.GetEntryProperties(pbk, "Home") | {
        "guidId": ras.GetEntryProperties(pbk, "Lab")["guidId"]
    }


@pytest.mark.parametrize(
    ("winver", "missing"),
    [
        ("0x601", WIN8_ONLY),
        ("600", WIN8_ONLY | WIN7_ONLY),
        ("0x501", WIN8_ONLY | WIN7_ONLY | VISTA_ONLY),
    ],
)
def test_older_windows(
    winver: str, missing: set[str], pbk: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    full = ras.GetEntryProperties(pbk, "Lab")
    monkeypatch.setenv("RASSIM_WINVER", winver)
    e = ras.GetEntryProperties(pbk, "Lab")
    assert set(e) == set(full) - missing
    assert e == {k: v for k, v in full.items() if k not in missing}
    ras.SetEntryProperties(pbk, "Lab", dict(e, localPhoneNumber="old.example"))
    assert ras.GetEntryProperties(pbk, "Lab")["localPhoneNumber"] == "old.example"
    key = sorted(missing)[0]
    with pytest.raises(ValueError, match=f"'{key}'"):
        ras.SetEntryProperties(pbk, "Lab", {key: full[key]})
    monkeypatch.delenv("RASSIM_WINVER")
    # what the older version could not see is kept
    assert ras.GetEntryProperties(pbk, "Lab") == dict(full, localPhoneNumber="old.example")


def test_subentries(pbk: str) -> None:
    s = ras.GetSubEntryProperties(pbk, "Lab", 1)
    assert s == {
        "flags": 0,
        "deviceType": "vpn",
        "deviceName": "WAN Miniport (IKEv2)",
        "localPhoneNumber": "vpn.example.com",
        ALT: [],
    }
    ras.SetSubEntryProperties(
        pbk, "Lab", 9, {"deviceName": "WAN Miniport (SSTP)", "localPhoneNumber": "two", ALT: ["t2"]}
    )
    assert ras.GetEntryProperties(pbk, "Lab")["subEntries"] == 2
    two = ras.GetSubEntryProperties(pbk, "Lab", 2)
    assert (two["deviceName"], two["localPhoneNumber"], two[ALT]) == (
        "WAN Miniport (SSTP)",
        "two",
        ["t2"],
    )
    ras.SetSubEntryProperties(pbk, "Lab", 2, two)
    assert ras.GetSubEntryProperties(pbk, "Lab", 2) == two
    ras.SetSubEntryProperties(pbk, "Lab", 1, {ALT: ["one-alt"]})
    assert ras.GetEntryProperties(pbk, "Lab")[ALT] == ["one-alt"]
    assert ras.GetSubEntryProperties(pbk, "Lab", 2) == two
    ras.DeleteSubEntry(pbk, "Lab", 1)
    assert ras.GetEntryProperties(pbk, "Lab")["subEntries"] == 1
    assert ras.GetSubEntryProperties(pbk, "Lab", 1) == two
    assert ras.GetEntryProperties(pbk, "Lab")["localPhoneNumber"] == "two"


def test_concurrent_sets_lose_nothing(tmp_path: Path) -> None:
    path = simctl.write_phonebook(tmp_path / "c.pbk", ["Seed"])
    barrier = threading.Barrier(12)
    errors: list[BaseException] = []

    def work(i: int) -> None:
        barrier.wait()
        try:
            ras.SetEntryProperties(path, f"E{i:02d}", {"localPhoneNumber": f"n{i}"})
            ras.SetEntryProperties(path, "Seed", {"redialCount": i})
            ras.GetEntryProperties(path, f"E{i:02d}")
        except BaseException as e:
            errors.append(e)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    for i in range(12):
        assert ras.GetEntryProperties(path, f"E{i:02d}")["localPhoneNumber"] == f"n{i}"
    assert len(ras.EnumEntries(None, path)) == 13
