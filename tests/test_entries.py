"""EnumEntries, GetErrorString, Set/GetEntryDialParams and the errors of each."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from support import requires_sim

import ras
import simctl

pytestmark = requires_sim


def test_enum_entries_explicit_phonebook(pbk: str) -> None:
    assert ras.EnumEntries(None, pbk) == ("Office VPN", "Lab", "Home")


def test_enum_entries_default_phonebook(default_pbk: str) -> None:
    assert ras.EnumEntries() == ("Office VPN", "Backup")
    assert ras.EnumEntries(None) == ("Office VPN", "Backup")
    assert ras.EnumEntries(None, None) == ("Office VPN", "Backup")


def test_enum_entries_missing_default_phonebook_is_empty() -> None:
    assert ras.EnumEntries() == ()


def test_enum_entries_many_entries_grow_the_buffer(tmp_path: Path) -> None:
    names = [f"Entry {i:03d} " + "x" * 200 for i in range(300)]
    path = simctl.write_phonebook(tmp_path / "big.pbk", names)
    assert ras.EnumEntries(None, path) == tuple(names)


def test_enum_entries_unicode_names(tmp_path: Path) -> None:
    names = ["Büro VPN", "東京 office", "emoji \U0001f600 link"]
    path = simctl.write_phonebook(tmp_path / "u.pbk", names)
    assert ras.EnumEntries(None, path) == tuple(names)


def test_enum_entries_unreadable_phonebook(tmp_path: Path) -> None:
    with pytest.raises(ras.error) as exc:
        ras.EnumEntries(None, str(tmp_path / "missing.pbk"))
    assert exc.value.winerror == ras.ERROR_CANNOT_OPEN_PHONEBOOK == 621
    assert exc.value.funcname == "RasEnumEntries"
    assert exc.value.strerror == ras.GetErrorString(621)
    with pytest.raises(ras.error) as exc:
        ras.EnumEntries(None, str(tmp_path))  # a directory
    assert exc.value.winerror == 621


def test_enum_entries_reserved_must_be_none(pbk: str) -> None:
    with pytest.raises(ras.error) as exc:
        ras.EnumEntries("reserved", pbk)
    assert exc.value.funcname == "RasEnumEntries"
    assert exc.value.winerror != 0


def test_get_error_string_every_code() -> None:
    texts = set()
    for name, code in ras.CONSTANTS.items():
        if name.startswith("ERROR_") and 600 < code <= 870:
            text = ras.GetErrorString(code)
            assert text and text.strip() == text, (name, text)
            texts.add(text)
    assert len(texts) > 250  # messages are specific, not one generic text


def test_get_error_string_unknown_code_reports_the_real_code() -> None:
    with pytest.raises(ras.error) as exc:
        ras.GetErrorString(12345)
    # pywin32 reports 0 here (it reads GetLastError); we report RAS's result.
    assert exc.value.winerror == 87
    assert exc.value.funcname == "RasGetErrorString"
    assert exc.value.args == (87, "RasGetErrorString", exc.value.strerror)


def test_dial_params_round_trip(pbk: str) -> None:
    ras.SetEntryDialParams(pbk, ("Lab", "", "555-0100", "alice", "s3cret", "CORP"), False)
    params, have_password = ras.GetEntryDialParams(pbk, "Lab")
    assert have_password is True
    entry, phone, callback, user, password, domain = params
    assert (entry, callback, user, domain) == ("Lab", "555-0100", "alice", "CORP")
    assert password != "s3cret"  # Windows hands back a password handle, not the password
    assert password  # ... that is not empty
    assert phone == ""


def test_dial_params_remove_password(pbk: str) -> None:
    ras.SetEntryDialParams(pbk, ("Lab", "", "", "alice", "s3cret", ""), False)
    ras.SetEntryDialParams(pbk, ("Lab", "", "", "alice", "", ""), True)
    params, have_password = ras.GetEntryDialParams(pbk, "Lab")
    assert have_password is False
    assert params[3] == "alice"
    assert params[4] == ""


def test_dial_params_unsaved_entry(pbk: str) -> None:
    params, have_password = ras.GetEntryDialParams(pbk, "Home")
    assert params == ("Home", "", "", "", "", "")
    assert have_password is False


def test_dial_params_are_not_in_the_phonebook(pbk: str) -> None:
    ras.SetEntryDialParams(pbk, ("Lab", "", "", "alice", "s3cret", ""), False)
    text = Path(pbk).read_text(encoding="utf-8")
    assert "s3cret" not in text and "alice" not in text
    for p in Path(pbk).parent.iterdir():
        assert b"s3cret" not in p.read_bytes(), p


def test_dial_params_missing_entry(pbk: str) -> None:
    with pytest.raises(ras.error) as exc:
        ras.GetEntryDialParams(pbk, "Nope")
    assert exc.value.args[:2] == (623, "RasGetEntryDialParams")
    with pytest.raises(ras.error) as exc:
        ras.SetEntryDialParams(pbk, ("Nope",), False)
    assert exc.value.args[:2] == (623, "SetEntryDialParams")


def test_dial_params_missing_phonebook(tmp_path: Path) -> None:
    with pytest.raises(ras.error) as exc:
        ras.GetEntryDialParams(str(tmp_path / "none.pbk"), "Lab")
    assert exc.value.winerror == 621


def test_dial_params_default_phonebook(default_pbk: str) -> None:
    ras.SetEntryDialParams(None, ("Backup", "", "", "bob", "pw", ""), False)
    assert ras.GetEntryDialParams(None, "Backup")[0][3] == "bob"


def test_phonebook_is_reread_each_call(tmp_path: Path) -> None:
    path = tmp_path / "live.pbk"
    simctl.write_phonebook(path, ["A"])
    assert ras.EnumEntries(None, str(path)) == ("A",)
    simctl.write_phonebook(path, ["A", "B"])
    assert ras.EnumEntries(None, str(path)) == ("A", "B")


def test_env_var_moves_the_default_phonebook(tmp_path: Path) -> None:
    other = simctl.write_phonebook(tmp_path / "elsewhere.pbk", ["Moved"])
    os.environ["RASSIM_PHONEBOOK"] = other
    assert ras.EnumEntries() == ("Moved",)
