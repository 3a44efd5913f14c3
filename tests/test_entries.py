"""The entries family: EnumEntries, ValidateEntryName, DeleteEntry, RenameEntry
(issue 4: entry management) and the errors of each."""

from __future__ import annotations

import os
import threading
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


# ---- ValidateEntryName, DeleteEntry, RenameEntry ---------------------------

INVALID = ["", ".hidden", "a|b", "a>b", "a<b", "what?", "st*r", "back\\slash", "a/b", "c:d",
           "   ", "---", "x" * 257, "line\nbreak", "br]acket"]  # fmt: skip


def test_validate_new_name(pbk: str) -> None:
    assert ras.ValidateEntryName(pbk, "New VPN") is None
    assert ras.ValidateEntryName(pbk, "x" * 256) is None
    assert ras.ValidateEntryName(pbk, "Büro 2") is None
    assert ras.ValidateEntryName(None, "Anything") is None  # empty default phonebook


@pytest.mark.parametrize("name", INVALID)
def test_validate_invalid_names(pbk: str, name: str) -> None:
    with pytest.raises(ras.error) as exc:
        ras.ValidateEntryName(pbk, name)
    assert exc.value.args[:2] == (ras.ERROR_INVALID_NAME, "RasValidateEntryName")


def test_validate_existing_name(pbk: str) -> None:
    for name in ("Lab", "LAB", "office vpn"):
        with pytest.raises(ras.error) as exc:
            ras.ValidateEntryName(pbk, name)
        assert exc.value.winerror == ras.ERROR_ALREADY_EXISTS


def test_validate_unreadable_phonebook(tmp_path: Path) -> None:
    with pytest.raises(ras.error) as exc:
        ras.ValidateEntryName(str(tmp_path / "none.pbk"), "New")
    assert exc.value.winerror == ras.ERROR_CANNOT_OPEN_PHONEBOOK


def test_delete_entry(pbk: str) -> None:
    before = Path(pbk).read_text(encoding="utf-8")
    ras.DeleteEntry(pbk, "lab")  # case-insensitive
    assert ras.EnumEntries(None, pbk) == ("Office VPN", "Home")
    after = Path(pbk).read_text(encoding="utf-8")
    # every other line is kept as it was
    assert after == before.replace(simctl.entry_text("Lab"), "")
    with pytest.raises(ras.error) as exc:
        ras.DeleteEntry(pbk, "Lab")
    assert exc.value.args[:2] == (623, "RasDeleteEntry")


def test_delete_forgets_saved_credentials(pbk: str) -> None:
    ras.SetEntryDialParams(pbk, ("Lab", "", "", "alice", "pw", ""), False)
    ras.DeleteEntry(pbk, "Lab")
    Path(pbk).write_text(Path(pbk).read_text(encoding="utf-8") + simctl.entry_text("Lab"))
    assert ras.GetEntryDialParams(pbk, "Lab") == (("Lab", "", "", "", "", ""), False)


def test_rename_entry_keeps_settings_and_credentials(pbk: str) -> None:
    ras.SetEntryDialParams(pbk, ("Lab", "", "", "alice", "pw", "CORP"), False)
    ras.RenameEntry(pbk, "Lab", "Laboratory")
    assert ras.EnumEntries(None, pbk) == ("Office VPN", "Laboratory", "Home")
    params, have_password = ras.GetEntryDialParams(pbk, "Laboratory")
    assert (params[3], params[5], have_password) == ("alice", "CORP", True)
    h, rc = ras.Dial(None, pbk, ("Laboratory",), None)
    assert rc == 0
    assert ras.GetConnectStatus(h)[2:] == ("vpn", "WAN Miniport (IKEv2)")
    ras.HangUp(h)


def test_rename_case_only(pbk: str) -> None:
    ras.RenameEntry(pbk, "Lab", "LAB")
    assert ras.EnumEntries(None, pbk) == ("Office VPN", "LAB", "Home")


def test_rename_errors(pbk: str) -> None:
    cases = [
        (("Nope", "X"), 623),
        (("Lab", "Home"), ras.ERROR_ALREADY_EXISTS),
        (("Lab", "bad/name"), ras.ERROR_INVALID_NAME),
        (("Lab", ""), ras.ERROR_INVALID_NAME),
    ]
    for (old, new), code in cases:
        with pytest.raises(ras.error) as exc:
            ras.RenameEntry(pbk, old, new)
        assert exc.value.args[:2] == (code, "RasRenameEntry"), (old, new)
    assert ras.EnumEntries(None, pbk) == ("Office VPN", "Lab", "Home")


def test_default_phonebook(default_pbk: str) -> None:
    ras.RenameEntry(None, "Backup", "Spare")
    ras.DeleteEntry(None, "Office VPN")
    assert ras.EnumEntries() == ("Spare",)


def test_concurrent_changes_lose_nothing(tmp_path: Path) -> None:
    names = [f"VPN {i:02d}" for i in range(16)]
    path = simctl.write_phonebook(tmp_path / "many.pbk", names)
    barrier = threading.Barrier(len(names))
    errors: list[BaseException] = []

    def work(i: int) -> None:
        barrier.wait()
        try:
            if i % 2:
                ras.DeleteEntry(path, names[i])
            else:
                ras.RenameEntry(path, names[i], f"Renamed {i:02d}")
        except BaseException as e:
            errors.append(e)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(names))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert ras.EnumEntries(None, path) == tuple(f"Renamed {i:02d}" for i in range(0, 16, 2))


@pytest.mark.parametrize(
    ("fn", "args"),
    [
        (ras.ValidateEntryName, (None, None)),
        (ras.ValidateEntryName, (5, "x")),
        (ras.DeleteEntry, (None,)),
        (ras.DeleteEntry, (None, b"Lab")),
        (ras.RenameEntry, (None, "Lab", None)),
        (ras.RenameEntry, (None, "Lab", "a\0b")),
    ],
)
def test_bad_arguments(fn: object, args: tuple[object, ...]) -> None:
    with pytest.raises((TypeError, ValueError)):
        fn(*args)  # type: ignore[operator]
