"""Credentials, pre-shared keys, EAP user data and custom auth data (issue 4)."""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from support import Scenario, requires_sim

import ras
import simctl

pytestmark = requires_sim

FIELDS = ras.RASCM_UserName | ras.RASCM_Password | ras.RASCM_Domain
SECRET = "hunter2-Sup3r-s3cret"


def test_constants() -> None:
    assert (ras.RASCM_UserName, ras.RASCM_Password, ras.RASCM_Domain) == (1, 2, 4)
    assert ras.RASCM_DefaultCreds == 8
    assert ras.RASCM_PreSharedKey == 0x10
    assert ras.RASCM_ServerPreSharedKey == 0x20
    assert ras.RASCM_DDMPreSharedKey == 0x40


def test_nothing_saved(pbk: str) -> None:
    assert ras.GetCredentials(pbk, "Lab") == {
        "mask": 0,
        "userName": "",
        "password": "",
        "domain": "",
    }


def test_round_trip_never_returns_the_password(pbk: str) -> None:
    ras.SetCredentials(pbk, "Lab", {"userName": "alice", "password": SECRET, "domain": "CORP"})
    creds = ras.GetCredentials(pbk, "lab")  # entry names are case-insensitive
    assert creds["mask"] == FIELDS
    assert (creds["userName"], creds["domain"]) == ("alice", "CORP")
    assert creds["password"] not in ("", SECRET)
    assert SECRET not in repr(creds)
    assert SECRET not in repr(ras.GetEntryDialParams(pbk, "Lab"))


def test_get_set_round_trip_keeps_the_saved_password(pbk: str, scenario: Scenario) -> None:
    ras.SetCredentials(pbk, "Lab", {"userName": "alice", "password": SECRET, "domain": "CORP"})
    creds = ras.GetCredentials(pbk, "Lab")
    ras.SetCredentials(pbk, "Lab", creds)
    assert ras.GetCredentials(pbk, "Lab") == creds
    # The saved password is still the real one: a dial with the saved
    # credentials authenticates against a scenario that wants it.
    scenario.set({"Lab": {"User": "alice", "Password": SECRET}})
    h, rc = ras.Dial(None, pbk, ("Lab",), None)
    try:
        assert rc == 0
    finally:
        ras.HangUp(h)
    # And the handle works in a dial's parameters too.
    h, rc = ras.Dial(None, pbk, ("Lab", "", "", "alice", creds["password"], "CORP"), None)  # type: ignore[arg-type]
    try:
        assert rc == 0
    finally:
        ras.HangUp(h)


def test_wrong_saved_password_fails_the_dial(pbk: str, scenario: Scenario) -> None:
    ras.SetCredentials(pbk, "Lab", {"userName": "alice", "password": "wrong"})
    scenario.set({"Lab": {"User": "alice", "Password": SECRET}})
    h, rc = ras.Dial(None, pbk, ("Lab",), None)
    ras.HangUp(h)
    assert rc == ras.ERROR_AUTHENTICATION_FAILURE


def test_mask_selects_fields(pbk: str) -> None:
    ras.SetCredentials(pbk, "Lab", {"mask": ras.RASCM_UserName, "userName": "bob", "domain": "X"})
    creds = ras.GetCredentials(pbk, "Lab")
    assert creds["mask"] == ras.RASCM_UserName
    assert creds["domain"] == ""
    only_domain = ras.GetCredentials(pbk, "Lab", ras.RASCM_Domain)
    assert only_domain == {"mask": 0, "userName": "", "password": "", "domain": ""}
    ras.SetCredentials(pbk, "Lab", {"domain": "CORP"})
    assert ras.GetCredentials(pbk, "Lab", ras.RASCM_Domain)["domain"] == "CORP"
    assert ras.GetCredentials(pbk, "Lab")["userName"] == "bob"


def test_clear_credentials_deletes(pbk: str) -> None:
    ras.SetCredentials(pbk, "Lab", {"userName": "alice", "password": SECRET, "domain": "CORP"})
    ras.SetCredentials(pbk, "Lab", {"mask": ras.RASCM_Password}, clearCredentials=True)
    creds = ras.GetCredentials(pbk, "Lab")
    assert creds["mask"] == ras.RASCM_UserName | ras.RASCM_Domain
    assert creds["password"] == ""
    assert ras.GetEntryDialParams(pbk, "Lab")[1] is False
    ras.SetCredentials(pbk, "Lab", {"mask": FIELDS}, True)
    assert ras.GetCredentials(pbk, "Lab")["mask"] == 0


def test_dial_params_and_credentials_share_the_store(pbk: str) -> None:
    ras.SetEntryDialParams(pbk, ("Lab", "", "", "carol", SECRET, "HOME"), False)
    creds = ras.GetCredentials(pbk, "Lab")
    assert creds["mask"] == FIELDS
    assert (creds["userName"], creds["domain"]) == ("carol", "HOME")
    ras.SetCredentials(pbk, "Home", {"userName": "dave", "password": SECRET})
    params, have_password = ras.GetEntryDialParams(pbk, "Home")
    assert have_password is True
    assert params[3] == "dave"
    assert params[4] == ras.GetCredentials(pbk, "Home")["password"]


def test_default_credentials_are_separate(pbk: str) -> None:
    ras.SetCredentials(pbk, "Lab", {"userName": "mine", "password": "p1"})
    default = FIELDS | ras.RASCM_DefaultCreds
    ras.SetCredentials(pbk, "Lab", {"mask": default, "userName": "everyone", "password": "p2"})
    got = ras.GetCredentials(pbk, "Lab", default)
    assert got["mask"] == default  # the mask says domain too: saved as ""
    assert (got["userName"], got["domain"]) == ("everyone", "")
    assert ras.GetCredentials(pbk, "Lab")["userName"] == "mine"
    ras.SetCredentials(pbk, "Lab", {"mask": default}, clearCredentials=True)
    assert ras.GetCredentials(pbk, "Lab", default)["mask"] == ras.RASCM_DefaultCreds
    assert ras.GetCredentials(pbk, "Lab")["mask"] == ras.RASCM_UserName | ras.RASCM_Password


def test_entry_pre_shared_key(pbk: str) -> None:
    psk = {"mask": ras.RASCM_PreSharedKey, "password": SECRET}
    assert ras.GetCredentials(pbk, "Lab", ras.RASCM_PreSharedKey)["mask"] == 0
    ras.SetCredentials(pbk, "Lab", psk)
    got = ras.GetCredentials(pbk, "Lab", ras.RASCM_PreSharedKey)
    assert got["mask"] == ras.RASCM_PreSharedKey
    assert got["password"] not in ("", SECRET)
    # the key is not the user's password, and other entries have none
    assert ras.GetCredentials(pbk, "Lab")["mask"] == 0
    assert ras.GetCredentials(pbk, "Home", ras.RASCM_PreSharedKey)["mask"] == 0
    ras.SetCredentials(pbk, "Lab", {"mask": ras.RASCM_PreSharedKey}, clearCredentials=True)
    assert ras.GetCredentials(pbk, "Lab", ras.RASCM_PreSharedKey)["mask"] == 0


def test_server_and_demand_dial_pre_shared_keys(pbk: str) -> None:
    server = ras.RASCM_ServerPreSharedKey
    ddm = ras.RASCM_DDMPreSharedKey
    # The server's key belongs to no entry: phonebook and entry are not used.
    ras.SetCredentials(None, "", {"mask": server, "password": SECRET})
    assert ras.GetCredentials(pbk, "anything", server)["mask"] == server
    # A demand-dial interface is named by the entry argument, not looked up.
    ras.SetCredentials(None, "Branch Office", {"mask": ddm, "password": "k1"})
    assert ras.GetCredentials(None, "branch office", ddm)["mask"] == ddm
    assert ras.GetCredentials(None, "Other Site", ddm)["mask"] == 0
    with pytest.raises(ras.error) as exc:
        ras.SetCredentials(None, "", {"mask": ddm, "password": "k1"})
    assert exc.value.args[:2] == (ras.ERROR_INVALID_PARAMETER, "RasSetCredentials")


@pytest.mark.parametrize(
    "mask",
    [
        ras.RASCM_PreSharedKey | ras.RASCM_Password,
        ras.RASCM_PreSharedKey | ras.RASCM_ServerPreSharedKey,
        ras.RASCM_DDMPreSharedKey | ras.RASCM_DefaultCreds,
        0x80,
        0xFFFFFFFF,
    ],
)
def test_bad_masks(pbk: str, mask: int) -> None:
    for call in (
        lambda: ras.GetCredentials(pbk, "Lab", mask),
        lambda: ras.SetCredentials(pbk, "Lab", {"mask": mask, "password": "x"}),
    ):
        with pytest.raises(ras.error) as exc:
            call()
        assert exc.value.winerror == ras.ERROR_INVALID_PARAMETER


def test_errors(pbk: str, tmp_path: Path) -> None:
    missing = str(tmp_path / "missing.pbk")
    cases: list[tuple[Any, int, str]] = [
        (lambda: ras.GetCredentials(pbk, "Nope"), 623, "RasGetCredentials"),
        (lambda: ras.SetCredentials(pbk, "Nope", {"userName": "a"}), 623, "RasSetCredentials"),
        (lambda: ras.GetCredentials(missing, "Lab"), 621, "RasGetCredentials"),
        (lambda: ras.SetCredentials(missing, "Lab", {"userName": "a"}), 621, "RasSetCredentials"),
        (lambda: ras.GetEapUserData(None, pbk, "Nope"), 623, "RasGetEapUserData"),
        (lambda: ras.SetEapUserData(None, missing, "Lab", b"x"), 621, "RasSetEapUserData"),
        (lambda: ras.GetCustomAuthData(missing, "Lab"), 621, "RasGetCustomAuthData"),
        (lambda: ras.SetCustomAuthData(pbk, "Nope", b"x"), 623, "RasSetCustomAuthData"),
    ]
    for call, code, funcname in cases:
        with pytest.raises(ras.error) as exc:
            call()
        assert exc.value.args[:2] == (code, funcname)


def test_errors_never_show_the_password(pbk: str) -> None:
    with pytest.raises(ras.error) as exc:
        ras.SetCredentials(pbk, "Nope", {"userName": "a", "password": SECRET})
    assert SECRET not in str(exc.value) and SECRET not in repr(exc.value.args)
    too_long = SECRET * 20
    with pytest.raises(ValueError, match=r"RASCREDENTIALS\['password'\]") as vexc:
        ras.SetCredentials(pbk, "Lab", {"password": too_long})
    assert SECRET not in str(vexc.value)
    with pytest.raises(ValueError, match=r"RASCREDENTIALS\['userName'\]"):
        ras.SetCredentials(pbk, "Lab", {"userName": "u" * 257})
    with pytest.raises(ValueError, match=r"RASCREDENTIALS\['domain'\]"):
        ras.SetCredentials(pbk, "Lab", {"domain": "d" * 16})
    with pytest.raises(TypeError) as texc:
        ras.SetCredentials(pbk, "Lab", {"password": SECRET.encode()})
    assert SECRET not in str(texc.value)
    # nothing was saved by the failed calls
    assert ras.GetCredentials(pbk, "Lab")["mask"] == 0


def test_bad_arguments(pbk: str) -> None:
    with pytest.raises(TypeError):
        ras.GetCredentials(pbk)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        ras.GetCredentials(pbk, None)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        ras.GetCredentials(1, "Lab")  # type: ignore[arg-type]
    with pytest.raises(OverflowError):
        ras.GetCredentials(pbk, "Lab", -1)
    with pytest.raises(TypeError):
        ras.SetCredentials(pbk, "Lab", [("userName", "x")])  # type: ignore[arg-type]
    with pytest.raises(KeyError):
        ras.SetCredentials(pbk, "Lab", {"user": "x"})
    with pytest.raises(TypeError):
        ras.SetCredentials(pbk, "Lab", {"mask": "1"})
    with pytest.raises(OverflowError):
        ras.SetCredentials(pbk, "Lab", {"mask": 1 << 40})
    with pytest.raises(ValueError):
        ras.SetCredentials(pbk, "Lab", {"userName": "a\0b"})
    with pytest.raises(ValueError):
        ras.GetCredentials(pbk, "La\0b")
    with pytest.raises(TypeError):
        ras.SetEapUserData(None, pbk, "Lab", "text")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        ras.SetCustomAuthData(pbk, "Lab", bytearray(b"x"))  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        ras.GetEapUserData("token", pbk, "Lab")  # type: ignore[arg-type]
    with pytest.raises(OverflowError):
        ras.GetEapUserData(1 << 80, pbk, "Lab")
    with pytest.raises(TypeError):
        ras.SetCredentials(pbk, "Lab", {}, clearCredentials=True, extra=1)  # type: ignore[call-arg]


def test_invalid_token(pbk: str) -> None:
    for call in (
        lambda: ras.GetEapUserData(0xDEAD, pbk, "Lab"),
        lambda: ras.SetEapUserData(0xDEAD, pbk, "Lab", b"x"),
    ):
        with pytest.raises(ras.error) as exc:
            call()
        assert exc.value.winerror == ras.ERROR_INVALID_HANDLE == 6


@pytest.mark.skipif(sys.platform != "win32", reason="needs a real access token (Windows)")
def test_access_token_of_the_user(pbk: str) -> None:
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32")  # type: ignore[attr-defined]
    advapi32 = ctypes.WinDLL("advapi32")  # type: ignore[attr-defined]
    kernel32.GetCurrentProcess.restype = wintypes.HANDLE
    advapi32.OpenProcessToken.argtypes = [
        wintypes.HANDLE,
        wintypes.DWORD,
        ctypes.POINTER(wintypes.HANDLE),
    ]
    token = wintypes.HANDLE()
    assert advapi32.OpenProcessToken(kernel32.GetCurrentProcess(), 0x0008, ctypes.byref(token))
    try:
        ras.SetEapUserData(token.value, pbk, "Lab", b"tok")
        assert ras.GetEapUserData(token.value, pbk, "Lab") == b"tok"
        assert ras.GetEapUserData(None, pbk, "Lab") == b"tok"
    finally:
        kernel32.CloseHandle(token)


@pytest.mark.parametrize(
    ("get", "put"),
    [
        (
            lambda book, entry: ras.GetEapUserData(None, book, entry),
            lambda book, entry, data: ras.SetEapUserData(None, book, entry, data),
        ),
        (ras.GetCustomAuthData, ras.SetCustomAuthData),
    ],
    ids=["eap", "customauth"],
)
def test_blob_round_trips(pbk: str, get: Any, put: Any) -> None:
    assert get(pbk, "Lab") == b""
    for data in (b"\x00", b"\x01\x00\x02" * 7, bytes(range(256)) * 300):
        put(pbk, "Lab", data)
        assert get(pbk, "lab") == data
    put(pbk, "Lab", b"")
    assert get(pbk, "Lab") == b""
    assert get(pbk, "Home") == b""


def test_blobs_are_independent(pbk: str) -> None:
    ras.SetEapUserData(None, pbk, "Lab", b"eap")
    ras.SetCustomAuthData(pbk, "Lab", b"custom")
    ras.SetCredentials(pbk, "Lab", {"userName": "u", "password": "p"})
    assert ras.GetEapUserData(None, pbk, "Lab") == b"eap"
    assert ras.GetCustomAuthData(pbk, "Lab") == b"custom"
    ras.SetCredentials(pbk, "Lab", {"mask": FIELDS}, clearCredentials=True)
    assert ras.GetCustomAuthData(pbk, "Lab") == b"custom"


def test_default_phonebook(default_pbk: str) -> None:
    ras.SetCredentials(None, "Backup", {"userName": "x", "password": "y"})
    assert ras.GetCredentials(default_pbk, "Backup")["userName"] == "x"
    ras.SetCustomAuthData(None, "Backup", b"abc")
    assert ras.GetCustomAuthData(default_pbk, "Backup") == b"abc"


def test_secrets_follow_rename_and_delete(pbk: str) -> None:
    ras.SetCredentials(pbk, "Lab", {"userName": "u", "password": SECRET})
    ras.SetCredentials(pbk, "Lab", {"mask": ras.RASCM_PreSharedKey, "password": "k"})
    ras.SetEapUserData(None, pbk, "Lab", b"eap")
    ras.RenameEntry(pbk, "Lab", "Lab 2")
    assert ras.GetCredentials(pbk, "Lab 2")["mask"] == ras.RASCM_UserName | ras.RASCM_Password
    assert ras.GetCredentials(pbk, "Lab 2", ras.RASCM_PreSharedKey)["mask"] != 0
    assert ras.GetEapUserData(None, pbk, "Lab 2") == b"eap"
    ras.DeleteEntry(pbk, "Lab 2")
    simctl.write_phonebook(Path(pbk), ["Office VPN", "Lab 2", "Home"])
    assert ras.GetCredentials(pbk, "Lab 2")["mask"] == 0
    assert ras.GetEapUserData(None, pbk, "Lab 2") == b""


def test_concurrent_entries_stay_consistent(tmp_path: Path) -> None:
    names = [f"Entry {i}" for i in range(8)]
    book = simctl.write_phonebook(tmp_path / "many.pbk", names)
    rounds = 15
    errors: list[BaseException] = []
    start = threading.Barrier(len(names))

    def worker(name: str) -> None:
        try:
            start.wait()
            for r in range(rounds):
                ras.SetCredentials(book, name, {"userName": f"{name}/{r}", "password": f"pw{r}"})
                ras.SetEapUserData(None, book, name, f"{name}:{r}".encode())
                got = ras.GetCredentials(book, name)
                assert got["userName"] == f"{name}/{r}"
                assert got["mask"] == ras.RASCM_UserName | ras.RASCM_Password
                assert ras.GetEapUserData(None, book, name) == f"{name}:{r}".encode()
        except BaseException as e:
            errors.append(e)

    threads = [threading.Thread(target=worker, args=(n,)) for n in names]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    for name in names:
        assert ras.GetCredentials(book, name)["userName"] == f"{name}/{rounds - 1}"
        assert ras.GetEapUserData(None, book, name) == f"{name}:{rounds - 1}".encode()


# ---- Set/GetEntryDialParams ----------------------------------------------------


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
