"""ras.Phonebook, the phone book as a mapping of names to ras.Entry (issue 8), and
its credentials per entry, on the simulated rasapi32."""

from __future__ import annotations

import collections.abc
import re
from pathlib import Path

import pytest
from support import requires_sim, secret_leaks

import ras
import simctl

pytestmark = requires_sim

# Built at run time so that no source line in a traceback spells it.
SECRET = "".join(map(chr, (0x50, 0x77, 0x2D, 0x39, 0x71, 0x4B, 0x7A, 0x21, 0x6D)))


@pytest.fixture
def book(pbk: str) -> ras.Phonebook:
    return ras.Phonebook(pbk)


def test_is_a_mutable_mapping(book: ras.Phonebook, pbk: str) -> None:
    assert isinstance(book, collections.abc.MutableMapping)
    assert book.path == pbk and repr(book) == f"ras.Phonebook({pbk!r})"
    assert list(book) == ["Office VPN", "Lab", "Home"] == book.names()
    assert len(book) == 3
    assert "Lab" in book and "lab" in book  # as RAS matches names
    assert "Nope" not in book and "" not in book and 3 not in book
    assert book["office vpn"].phone_number == "vpn.example.com"
    assert set(book.keys()) == {"Office VPN", "Lab", "Home"}
    assert [e.device_type for e in book.values()] == [ras.DeviceType.VPN] * 3
    assert book.get("Nope") is None
    assert dict(book.items())["Home"] == book["Home"]


def test_path_like_and_default_phonebook(tmp_path: Path, default_pbk: str) -> None:
    assert ras.Phonebook(Path(default_pbk)).path == default_pbk
    default = ras.Phonebook()
    assert default.path is None
    assert list(default) == ["Office VPN", "Backup"]
    default["Third"] = ras.Entry.vpn("third.example")
    assert ras.EnumEntries(None, None)[-1] == "Third"
    assert ras.GetEntryProperties(None, "Third")["localPhoneNumber"] == "third.example"


def test_set_creates_then_replaces(book: ras.Phonebook, pbk: str) -> None:
    entry = ras.Entry.vpn(
        "vpn.example.com",
        strategy=ras.VpnStrategy.IKEV2_ONLY,
        split_tunnel=True,
        dns_suffix="corp.example.com",
        alternate_phone_numbers=["vpn2.example.com"],
    )
    book["New"] = entry
    assert list(book)[-1] == "New"
    got = book["New"]
    assert (got.guid is not None, got.sub_entry_count) == (True, 1)
    raw = ras.GetEntryProperties(pbk, "New")
    assert raw["vpnStrategy"] == ras.VS_Ikev2Only
    assert raw["options"] & ras.RASEO_RemoteDefaultGateway == 0
    assert raw["alternatePhoneNumbers"] == ["vpn2.example.com"]
    # replacing writes every field: the alternates go, the edit stays
    got.alternate_phone_numbers = []
    got.redial_count = 9
    got.split_tunnel = False
    book["new"] = got
    again = book["New"]
    assert (again.alternate_phone_numbers, again.redial_count, again.split_tunnel) == ([], 9, False)
    assert again.guid == got.guid  # the same entry, changed
    assert len(book) == 4
    with pytest.raises(TypeError):
        book["Bad"] = ras.GetEntryProperties(pbk, "Lab")  # type: ignore[assignment]


def test_missing_entry_is_keyerror(book: ras.Phonebook) -> None:
    for op in (
        lambda: book["Nope"],
        lambda: book.__delitem__("Nope"),
        lambda: book.rename("Nope", "Other"),
        lambda: book.credentials("Nope"),
        lambda: book.set_credentials("Nope", user="u"),
        lambda: book.clear_credentials("Nope"),
        lambda: book.pre_shared_key_saved("Nope"),
        lambda: book.set_pre_shared_key("Nope", "k"),
        lambda: book.clear_pre_shared_key("Nope"),
        lambda: book.sub_entries("Nope"),
        lambda: book.set_sub_entry("Nope", 1, ras.SubEntry()),
        lambda: book.delete_sub_entry("Nope", 1),
    ):
        with pytest.raises(KeyError) as info:
            op()
        assert info.value.args == ("Nope",)
    with pytest.raises(KeyError) as info:
        book["Nope"]
    cause = info.value.__cause__  # the RAS error is kept as the cause
    assert isinstance(cause, ras.error) and cause.winerror == ras.ERROR_CANNOT_FIND_PHONEBOOK_ENTRY
    for key in ("", None, 5):  # "" would be the default entry for the raw function
        with pytest.raises(KeyError):
            book[key]  # type: ignore[index]


def test_other_errors_are_ras_errors(book: ras.Phonebook, tmp_path: Path) -> None:
    missing = ras.Phonebook(tmp_path / "missing.pbk")
    for op in (lambda: list(missing), lambda: len(missing), lambda: missing["X"]):
        with pytest.raises(ras.error) as info:
            op()
        assert info.value.winerror == ras.ERROR_CANNOT_OPEN_PHONEBOOK
    with pytest.raises(ras.error) as info:
        book["bad|name"] = ras.Entry.vpn("h")
    assert info.value.winerror == ras.ERROR_INVALID_NAME
    with pytest.raises(ras.error) as info:
        book.rename("Lab", "Home")
    assert info.value.winerror == ras.ERROR_ALREADY_EXISTS


def test_delete_and_rename(book: ras.Phonebook, pbk: str) -> None:
    before = book["Lab"]
    book.rename("lab", "Lab 2")
    assert "Lab" not in book
    # the same settings (the simulator derives an entry's GUID from its name)
    assert book["Lab 2"].to_dict() == dict(before.to_dict(), guidId=book["Lab 2"].guid)
    book.rename("Lab 2", "LAB 2")  # a change of case only
    assert book.names() == ["Office VPN", "LAB 2", "Home"]
    del book["LAB 2"]
    assert book.names() == ["Office VPN", "Home"]
    with pytest.raises(KeyError):
        del book["LAB 2"]
    # MutableMapping's own methods on top
    assert book.pop("Home").phone_number == "vpn.example.com"
    assert book.pop("Home", None) is None
    book.update({"A": ras.Entry.vpn("a.example"), "B": ras.Entry.broadband()})
    assert book.names() == ["Office VPN", "A", "B"]
    assert book.setdefault("A", ras.Entry.vpn("other")).phone_number == "a.example"


def test_credentials_never_return_the_password(book: ras.Phonebook, pbk: str) -> None:
    assert book.credentials("Lab") == ras.Credentials("", "", False)
    book.set_credentials("Lab", user="alice", domain="CORP", password=SECRET)
    creds = book.credentials("Lab")
    assert creds == ras.Credentials(user="alice", domain="CORP", password_saved=True)
    assert SECRET not in repr(creds) and SECRET not in str(vars(creds))
    # the password is saved: the raw layer sees its handle, not the password
    raw = ras.GetCredentials(pbk, "Lab")
    assert raw["mask"] & ras.RASCM_Password and raw["password"] != SECRET
    # a field not given keeps its saved value
    book.set_credentials("Lab", domain="NEWCORP")
    assert book.credentials("Lab") == ras.Credentials("alice", "NEWCORP", True)
    book.clear_credentials("Lab", user=False, domain=False)
    assert book.credentials("Lab") == ras.Credentials("alice", "NEWCORP", False)
    book.clear_credentials("Lab")
    assert book.credentials("Lab") == ras.Credentials()
    with pytest.raises(TypeError):
        book.set_credentials("Lab")
    # renaming carries them, deleting forgets them
    book.set_credentials("Lab", user="bob", password=SECRET)
    book.rename("Lab", "Lab 2")
    assert book.credentials("Lab 2") == ras.Credentials("bob", "", True)
    del book["Lab 2"]
    book["Lab 2"] = ras.Entry.vpn("h")
    assert book.credentials("Lab 2") == ras.Credentials()


def test_pre_shared_key(book: ras.Phonebook, pbk: str) -> None:
    assert book.pre_shared_key_saved("Lab") is False
    book.set_credentials("Lab", user="alice", password=SECRET)
    book.set_pre_shared_key("Lab", SECRET[::-1])
    assert book.pre_shared_key_saved("lab") is True
    assert book.pre_shared_key_saved("Home") is False
    # a separate secret: the user's credentials are untouched, and vice versa
    assert book.credentials("Lab") == ras.Credentials("alice", "", True)
    raw = ras.GetCredentials(pbk, "Lab", ras.RASCM_PreSharedKey)
    assert raw["mask"] == ras.RASCM_PreSharedKey and raw["password"] != SECRET[::-1]
    book.clear_credentials("Lab")
    assert book.pre_shared_key_saved("Lab") is True
    book.clear_pre_shared_key("Lab")
    assert book.pre_shared_key_saved("Lab") is False
    with pytest.raises(ValueError) as info:
        book.set_pre_shared_key("Lab", SECRET * 40)
    assert secret_leaks(info.value, SECRET) == [], info.value


def test_credentials_errors_carry_no_secret(book: ras.Phonebook) -> None:
    for bad in (SECRET * 40, SECRET[:4] + "\0" + SECRET[4:], SECRET[:3] + "\ud800" + SECRET[3:]):
        with pytest.raises((ValueError, UnicodeError)) as info:
            book.set_credentials("Lab", password=bad)
        assert secret_leaks(info.value, SECRET) == [], info.value


def test_sub_entries(book: ras.Phonebook) -> None:
    (one,) = book.sub_entries("Lab")
    assert one == ras.SubEntry(
        device_type=ras.DeviceType.VPN,
        device_name="WAN Miniport (IKEv2)",
        phone_number="vpn.example.com",
    )
    two = ras.SubEntry(
        device_type=ras.DeviceType.ISDN,
        device_name="ISDN 2",
        phone_number="5550002",
        alternate_phone_numbers=["5550003"],
    )
    book.set_sub_entry("Lab", 2, two)
    assert book["Lab"].sub_entry_count == 2
    assert book.sub_entries("Lab") == [one, two]
    with pytest.raises(IndexError):
        book.delete_sub_entry("Lab", 3)
    book.delete_sub_entry("Lab", 1)
    assert book.sub_entries("Lab") == [two]
    assert book["Lab"].phone_number == "5550002"


def test_typed_and_raw_layers_agree(book: ras.Phonebook, pbk: str) -> None:
    raw = ras.GetEntryProperties(pbk, "Home")
    assert book["Home"].to_dict() == raw
    assert ras.Entry.from_dict(raw) == book["Home"]
    ras.SetEntryProperties(pbk, "Home", {"vpnStrategy": ras.VS_SstpOnly, "redialCount": 5})
    home = book["Home"]
    assert (home.vpn_strategy, home.redial_count) == (ras.VpnStrategy.SSTP_ONLY, 5)


def test_names_of_a_new_file(tmp_path: Path) -> None:
    book = ras.Phonebook(simctl.write_phonebook(tmp_path / "empty.pbk", []))
    assert (len(book), list(book), "X" in book) == (0, [], False)
    book["X"] = ras.Entry.dial_up("5550100", device_name="Modem 1")
    assert book["x"].entry_type is ras.EntryType.PHONE


GUIDE = Path(__file__).resolve().parent.parent / "docs" / "api" / "phonebook.md"


@pytest.mark.skipif(not GUIDE.is_file(), reason="source checkout only")
def test_the_guide_example_runs(default_pbk: str) -> None:
    blocks = re.findall(r"```python\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.DOTALL)
    assert len(blocks) == 1
    scope: dict[str, object] = {"secret": SECRET, "psk": SECRET[::-1]}
    exec(compile(blocks[0], str(GUIDE), "exec"), scope)
    book = scope["book"]
    assert isinstance(book, ras.Phonebook)
    assert book.names() == ["Office VPN", "Backup"]  # the example removed what it made
