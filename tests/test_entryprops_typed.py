"""The typed entries over RASENTRY / RASSUBENTRY (issue 8): ras.Entry, ras.SubEntry
and their enums and flags.

The raw keys are not listed here: they are read at run time from the raw layer
(``GetEntryProperties``) of each Windows version the C field table knows
(``RASSIM_WINVER``), so a field added to src/_ras/entryprops.c without a typed
attribute fails ``test_every_raw_key_of_every_version_maps_once``.

The property tests are deterministic and bounded like tests/test_fuzz.py:
``DEFAULT_EXAMPLES`` each, ``RAS_FUZZ_EXAMPLES=N`` for N.
"""

from __future__ import annotations

import dataclasses
import enum
import ipaddress
import os
import re
import uuid
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import requires_sim

import ras
import simctl

pytestmark = requires_sim

DEFAULT_EXAMPLES = 40
EXAMPLES = int(os.environ.get("RAS_FUZZ_EXAMPLES", "0") or 0) or DEFAULT_EXAMPLES
PROPS = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)

# RASSIM_WINVER of each RASENTRY version the extension knows (None: the newest).
WINVERS = {"Windows 8": None, "Windows 7": "0x601", "Vista": "0x600", "XP": "0x501"}

# Each enum or flag type and the prefix of the constants it covers.
ENUMS: dict[type[enum.Enum], str] = {
    ras.EntryType: "RASET_",
    ras.VpnStrategy: "VS_",
    ras.EncryptionType: "ET_",
    ras.FramingProtocol: "RASFP_",
    ras.DialMode: "RASEDM_",
    ras.IkeIdType: "IKEV2_ID_PAYLOAD_TYPE_",
    ras.NetProtocols: "RASNP_",
    ras.EntryOptions: "RASEO_",
    ras.EntryOptions2: "RASEO2_",
}


def raw_entry_by_version(tmp_path: Path) -> dict[str, dict[str, Any]]:
    """A GetEntryProperties dict of each version, of one entry."""
    pbk = simctl.write_phonebook(tmp_path / "v.pbk", ["Lab"])
    found = {}
    try:
        for version, winver in WINVERS.items():
            simctl.set_env("RASSIM_WINVER", winver)
            found[version] = ras.GetEntryProperties(pbk, "Lab")
    finally:
        simctl.set_env("RASSIM_WINVER", None)
    return found


def test_every_raw_key_of_every_version_maps_once(tmp_path: Path) -> None:
    versions = raw_entry_by_version(tmp_path)
    every_key = set().union(*versions.values())
    # the versions differ (the simulator answered as each), newest has every key
    assert len({frozenset(d) for d in versions.values()}) == len(WINVERS)
    assert set(versions["Windows 8"]) == every_key
    # every key maps to one attribute, no two keys to the same one ...
    assert set(ras.ENTRY_FIELDS) == every_key
    attrs = list(ras.ENTRY_FIELDS.values())
    assert len(attrs) == len(set(attrs)) == len(every_key)
    # ... and every attribute of Entry is one key's (no field the raw layer lacks)
    fields = [f.name for f in dataclasses.fields(ras.Entry) if f.init]
    assert sorted(fields) == sorted(attrs)
    # each version's dict goes through the typed layer unchanged
    for raw in versions.values():
        assert_same_raw(ras.Entry.from_dict(raw).to_dict(), raw)


def test_every_subentry_key_maps_once(pbk: str) -> None:
    raw = ras.GetSubEntryProperties(pbk, "Lab", 1)
    assert set(ras.SUBENTRY_FIELDS) == set(raw)
    attrs = list(ras.SUBENTRY_FIELDS.values())
    assert len(attrs) == len(set(attrs))
    assert sorted(f.name for f in dataclasses.fields(ras.SubEntry)) == sorted(attrs)
    assert_same_raw(ras.SubEntry.from_dict(raw).to_dict(), raw)


@pytest.mark.parametrize("cls", list(ENUMS), ids=lambda c: c.__name__)
def test_enums_cover_every_constant(cls: type[enum.Enum]) -> None:
    prefix = ENUMS[cls]
    constants = {
        k: v
        for k, v in ras.CONSTANTS.items()
        if k.startswith(prefix) and not (prefix == "RASEO_" and k.startswith("RASEO2_"))
    }
    assert sorted(constants.values()) == sorted(m.value for m in cls)
    assert len(constants) == len(cls.__members__)


def test_device_types_cover_every_rasdt() -> None:
    assert {m.value for m in ras.DeviceType} == set(ras.DEVICE_TYPES.values())


def test_typed_values(pbk: str) -> None:
    e = ras.Phonebook(pbk)["Lab"]
    assert type(e.entry_type) is ras.EntryType and e.entry_type is ras.EntryType.VPN
    assert type(e.options) is ras.EntryOptions and type(e.options2) is ras.EntryOptions2
    assert type(e.net_protocols) is ras.NetProtocols
    assert type(e.vpn_strategy) is ras.VpnStrategy
    assert e.device_type is ras.DeviceType.VPN
    assert isinstance(e.dns_server, ipaddress.IPv4Address)
    assert isinstance(e.ipv6_dns_server, ipaddress.IPv6Address)
    assert isinstance(e.guid, uuid.UUID)


def test_unknown_values_are_kept() -> None:
    s = ras.VpnStrategy(10)
    assert (int(s), s.name, isinstance(s, ras.VpnStrategy)) == (10, "UNKNOWN_10", True)
    assert ras.EntryType(0).name == "UNKNOWN_0"
    d = ras.DeviceType("Wireless")
    assert (d.value, isinstance(d, ras.DeviceType)) == ("Wireless", True)
    assert ras.DeviceType("VPN").value == "VPN"  # exact string, not folded to "vpn"
    f = ras.EntryOptions(0x400000 | ras.RASEO_ModemLights)  # bit 22 has no RASEO_ name
    assert int(f) == 0x400100 and ras.EntryOptions.MODEM_LIGHTS in f
    with pytest.raises(ValueError):
        ras.VpnStrategy(-1)
    with pytest.raises(ValueError):
        ras.VpnStrategy(2**32)


# ---- the kinds ---------------------------------------------------------------


def test_vpn_kind() -> None:
    e = ras.Entry.vpn("vpn.example.com", strategy=ras.VpnStrategy.IKEV2_ONLY, dns_suffix="corp")
    assert (e.entry_type, e.device_type, e.device_name) == (
        ras.EntryType.VPN,
        ras.DeviceType.VPN,
        "WAN Miniport (IKEv2)",
    )
    assert (e.phone_number, e.dns_suffix) == ("vpn.example.com", "corp")
    assert ras.EntryOptions.REQUIRE_EAP in e.options
    assert ras.EntryOptions.REQUIRE_DATA_ENCRYPTION in e.options
    assert ras.EntryOptions.REQUIRE_ENCRYPTED_PW not in e.options
    assert e.encryption_type is ras.EncryptionType.REQUIRE
    assert e.net_protocols == ras.NetProtocols.IP | ras.NetProtocols.IPV6
    assert (e.redial_count, e.redial_pause, e.split_tunnel) == (3, 60, False)
    assert ras.EntryOptions2.RECONNECT_IF_DROPPED in e.options2
    l2tp = ras.Entry.vpn("h", strategy=ras.VpnStrategy.L2TP_ONLY, split_tunnel=True)
    assert l2tp.device_name == "WAN Miniport (L2TP)"
    assert ras.EntryOptions.REQUIRE_ENCRYPTED_PW in l2tp.options
    assert ras.EntryOptions.REMOTE_DEFAULT_GATEWAY not in l2tp.options
    assert ras.EntryOptions2.IPV6_REMOTE_DEFAULT_GATEWAY not in l2tp.options2
    assert l2tp.split_tunnel
    l2tp.split_tunnel = False
    assert ras.EntryOptions.REMOTE_DEFAULT_GATEWAY in l2tp.options
    assert ras.EntryOptions2.IPV6_REMOTE_DEFAULT_GATEWAY in l2tp.options2
    assert ras.Entry() == ras.Entry.vpn("")  # the class defaults are the VPN kind's
    with pytest.raises(TypeError):
        ras.Entry.vpn("h", no_such_field=1)


def test_dial_up_and_broadband_kinds() -> None:
    d = ras.Entry.dial_up("5550100", device_name="Modem 1", area_code="030")
    assert (d.entry_type, d.device_type, d.phone_number, d.area_code) == (
        ras.EntryType.PHONE,
        ras.DeviceType.MODEM,
        "5550100",
        "030",
    )
    assert d.encryption_type is ras.EncryptionType.OPTIONAL
    b = ras.Entry.broadband()
    assert (b.entry_type, b.device_type, b.device_name) == (
        ras.EntryType.BROADBAND,
        ras.DeviceType.PPPOE,
        "WAN Miniport (PPPOE)",
    )
    assert ras.EntryOptions2.INTERNET | ras.EntryOptions2.DISABLE_NBT_OVER_IP <= b.options2


@pytest.mark.parametrize(
    "entry",
    [
        ras.Entry.vpn("vpn.example.com", strategy=ras.VpnStrategy.SSTP_ONLY),
        ras.Entry.dial_up("5550100", device_name="Modem 1"),
        ras.Entry.broadband("ISP"),
    ],
    ids=["vpn", "dial-up", "broadband"],
)
def test_kinds_are_stored_as_made(entry: ras.Entry, tmp_path: Path) -> None:
    book = ras.Phonebook(simctl.write_phonebook(tmp_path / "k.pbk", []))
    book["K"] = entry
    assert stored(book["K"]) == entry


def test_older_windows_keeps_new_fields_absent(tmp_path: Path) -> None:
    pbk = simctl.write_phonebook(tmp_path / "o.pbk", ["Lab"])
    try:
        simctl.set_env("RASSIM_WINVER", "0x501")
        book = ras.Phonebook(pbk)
        e = book["Lab"]
        assert "ipv6addrDns" not in e.to_dict()
        book["New"] = ras.Entry.vpn("xp.example")  # a new entry: the XP keys only
        assert book["New"].phone_number == "xp.example"
        with pytest.raises(ValueError, match="'idi'"):
            book["New"] = ras.Entry.vpn("xp.example", ikev2_initiator_id="me")
    finally:
        simctl.set_env("RASSIM_WINVER", None)


# ---- property tests ------------------------------------------------------------

TEXT = st.text(max_size=40)
DWORD = st.integers(0, 2**32 - 1)


def raw_strategy(sample: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    """Dicts with the keys and value types of `sample` and any values."""
    by_type: dict[type, st.SearchStrategy[Any]] = {
        bool: st.booleans(),
        int: DWORD,
        str: TEXT,
        ipaddress.IPv4Address: st.ip_addresses(v=4),
        ipaddress.IPv6Address: st.ip_addresses(v=6),
        uuid.UUID: st.uuids(),
        list: st.lists(st.text(min_size=1, max_size=20), max_size=4),
    }
    return st.fixed_dictionaries({k: by_type[type(v)] for k, v in sample.items()})


def assert_same_raw(got: dict[str, Any], raw: dict[str, Any]) -> None:
    """Equal, key for key, and of the same Python types (plain int, str, ...)."""
    assert got == raw
    assert {k: type(v) for k, v in got.items()} == {k: type(v) for k, v in raw.items()}


@pytest.mark.parametrize("version", list(WINVERS))
def test_raw_to_typed_to_raw_is_lossless(version: str, tmp_path: Path) -> None:
    sample = raw_entry_by_version(tmp_path)[version]

    @PROPS
    @given(raw_strategy(sample))
    def check(raw: dict[str, Any]) -> None:
        entry = ras.Entry.from_dict(raw)
        assert_same_raw(entry.to_dict(), raw)
        assert ras.Entry.from_dict(entry.to_dict()) == entry

    check()


def test_raw_subentry_round_trip(pbk: str) -> None:
    sample = ras.GetSubEntryProperties(pbk, "Lab", 1)

    @PROPS
    @given(raw_strategy(sample))
    def check(raw: dict[str, Any]) -> None:
        assert_same_raw(ras.SubEntry.from_dict(raw).to_dict(), raw)

    check()


# What the simulated phone book stores: names of up to 10 characters of letters,
# digits and a few others (also beyond ASCII), every DWORD, every address.
SHORT = st.text(alphabet="abcXYZ019 .-_@éü中", max_size=10).map(str.strip)
PHONE = st.text(alphabet="abc019.-", min_size=1, max_size=10)


def enum_values(cls: Any) -> st.SearchStrategy[Any]:
    return st.one_of(st.sampled_from(list(cls)), DWORD.map(cls))


def entries() -> st.SearchStrategy[ras.Entry]:
    by_type: dict[str, st.SearchStrategy[Any]] = {
        "int": DWORD,
        "str": SHORT,
        "bool": st.booleans(),
        "ipaddress.IPv4Address": st.ip_addresses(v=4),
        "ipaddress.IPv6Address": st.ip_addresses(v=6),
        "list[str]": st.lists(PHONE, max_size=3),
    }
    fields: dict[str, st.SearchStrategy[Any]] = {}
    for f in dataclasses.fields(ras.Entry):
        if not f.init or f.name in ("guid", "sub_entry_count"):
            continue  # read-only
        cls = getattr(ras, str(f.type), None)
        if f.name == "device_type":
            fields[f.name] = st.sampled_from(list(ras.DeviceType))
        elif f.name == "device_name":
            fields[f.name] = st.sampled_from(["WAN Miniport (SSTP)", "Modem 1", "ISDN 2"])
        elif isinstance(cls, type) and issubclass(cls, enum.Enum):
            fields[f.name] = enum_values(cls)
        else:
            fields[f.name] = by_type[str(f.type)]
    return st.builds(ras.Entry, **fields)


def stored(entry: ras.Entry) -> ras.Entry:
    """`entry` without its read-only fields (as a new one compares)."""
    return dataclasses.replace(entry, guid=None, sub_entry_count=1)


def test_typed_entry_round_trips_through_the_phone_book(tmp_path: Path) -> None:
    book = ras.Phonebook(simctl.write_phonebook(tmp_path / "p.pbk", ["Seed"]))

    @PROPS
    @given(entries())
    def check(entry: ras.Entry) -> None:
        book["Typed"] = entry
        back = book["Typed"]
        assert stored(back) == entry
        assert back.to_dict() == ras.GetEntryProperties(book.path, "Typed")
        book["Typed"] = back  # writing what was read changes nothing
        assert book["Typed"] == back

    check()
    assert book["Seed"].phone_number == "vpn.example.com"  # the other entry untouched


def sub_entries() -> st.SearchStrategy[ras.SubEntry]:
    return st.builds(
        ras.SubEntry,
        device_type=st.sampled_from(list(ras.DeviceType)),
        device_name=st.sampled_from(["WAN Miniport (SSTP)", "Modem 1", "ISDN 2"]),
        phone_number=SHORT,
        alternate_phone_numbers=st.lists(PHONE, max_size=3),
        flags=st.just(0),  # "currently unused" (Microsoft); the simulator keeps none
    )


def test_typed_subentry_round_trips_through_the_phone_book(tmp_path: Path) -> None:
    book = ras.Phonebook(simctl.write_phonebook(tmp_path / "s.pbk", ["Multi"]))

    @PROPS
    @given(st.lists(sub_entries(), min_size=1, max_size=3))
    def check(links: list[ras.SubEntry]) -> None:
        for i, link in enumerate(links, start=1):
            book.set_sub_entry("Multi", i, link)
        while book["Multi"].sub_entry_count > len(links):
            book.delete_sub_entry("Multi", len(links) + 1)
        assert book.sub_entries("Multi") == links
        # link 1 is the entry's own device and numbers
        first = book["Multi"]
        assert (first.device_type, first.device_name, first.phone_number) == (
            links[0].device_type,
            links[0].device_name,
            links[0].phone_number,
        )
        assert first.alternate_phone_numbers == links[0].alternate_phone_numbers

    check()


ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "api" / "phonebook.md"


@pytest.mark.skipif(not GUIDE.is_file(), reason="source checkout only")
def test_the_guide_lists_every_field_under_its_version(tmp_path: Path) -> None:
    rows: dict[str, dict[str, str]] = {}
    for line in GUIDE.read_text(encoding="utf-8").splitlines():
        m = re.match(r"\| (NT 4|NT 4 SP|2000|XP|Vista|7|8) \| (.*) \|$", line)
        if m:
            rows[m.group(1)] = dict(re.findall(r"`(\w+)` → `(\w+)`", m.group(2)))
    assert list(rows) == ["NT 4", "NT 4 SP", "2000", "XP", "Vista", "7", "8"]
    documented = {k: v for row in rows.values() for k, v in row.items()}
    assert documented == ras.ENTRY_FIELDS
    keys = {v: set(d) for v, d in raw_entry_by_version(tmp_path).items()}
    assert (
        set(rows["NT 4"]) | set(rows["NT 4 SP"]) | set(rows["2000"]) | set(rows["XP"])
        == (keys["XP"])
    )
    assert set(rows["Vista"]) == keys["Vista"] - keys["XP"]
    assert set(rows["7"]) == keys["Windows 7"] - keys["Vista"]
    assert set(rows["8"]) == keys["Windows 8"] - keys["Windows 7"]
