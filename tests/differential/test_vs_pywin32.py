"""pywin32's win32ras and ours, same calls, same simulated rasapi32, same results.

Each case either gives identical outcomes (value, or exception type and args)
or is one of the deliberate differences of docs/compatibility.md, asserted
here as that difference.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from support import Recorder, Scenario

import ras
import simctl

Outcome = tuple[Any, ...]


def outcome(fn: Any, *args: Any) -> Outcome:
    try:
        return ("ok", fn(*args))
    except Exception as e:
        return ("raise", legacy_type(e), e.args)


def legacy_type(e: Exception) -> type[Exception]:
    """The exception's type as pywin32 would raise it.

    Ours raises each error as the class of its code, a subclass of
    pywintypes.error (docs/compatibility.md, test_documented_error_classes);
    pywin32 raises pywintypes.error itself.  Everything else must be equal.
    """
    if isinstance(e, ras.RasError):
        assert type(e) is ras.exception_for(e.args[0]), (type(e), e.args)
        return ras.error
    return type(e)


def both(pw: ModuleType, ours: ModuleType, name: str, *args: Any) -> tuple[Outcome, Outcome]:
    return outcome(getattr(pw, name), *args), outcome(getattr(ours, name), *args)


def assert_same(pw: ModuleType, ours: ModuleType, name: str, *args: Any) -> Outcome:
    a, b = both(pw, ours, name, *args)
    assert a == b, f"{name}{args!r}: pywin32 {a!r} != ours {b!r}"
    return a


@pytest.fixture
def default_book(tmp_path: Path) -> str:
    """Entries in the default phonebook: pywin32 mangles explicit paths for Dial & co."""
    return simctl.write_phonebook(
        tmp_path / "default.pbk",
        {"Office VPN": {}, "Lab": {}, "Corp EAP": {"eap": 25}},
    )


def test_same_error_class(pw: ModuleType, ours: ModuleType) -> None:
    import pywintypes

    assert ours.error is pw.error is pywintypes.error


@pytest.mark.parametrize(
    ("name", "args", "cls"),
    [
        ("GetConnectStatus", (12345,), "InvalidHandleError"),
        ("HangUp", (12345,), "InvalidHandleError"),
        ("Dial", (None, None, ("a",) * 7, None), "InvalidArgumentError"),
        ("GetEntryDialParams", (None, "No Such Entry"), "EntryNotFoundError"),
    ],
)
def test_documented_error_classes(
    pw: ModuleType, ours: ModuleType, default_book: str, name: str, args: tuple, cls: str
) -> None:
    """pywin32 raises pywintypes.error itself; ours the class of the code, a
    subclass of it with the same args; ras.classify turns pywin32's into ours."""
    with pytest.raises(Exception) as theirs:
        getattr(pw, name)(*args)
    with pytest.raises(Exception) as mine:
        getattr(ours, name)(*args)
    assert type(theirs.value) is ours.error
    assert type(mine.value) is getattr(ras, cls)
    assert isinstance(mine.value, ours.error) and isinstance(mine.value, pw.error)
    assert mine.value.args[1:] == theirs.value.args[1:] or name == "HangUp"
    assert type(ras.classify(mine.value)) is type(mine.value)
    if theirs.value.args[0] == mine.value.args[0]:
        assert type(ras.classify(theirs.value)) is type(mine.value)


def test_same_constants(pw: ModuleType, ours: ModuleType) -> None:
    theirs = {n: v for n, v in vars(pw).items() if n.startswith("RASCS_")}
    assert theirs == {n: v for n, v in vars(ours).items() if n.startswith("RASCS_")}
    assert len(theirs) == 28


def test_same_eap_constants(pw: ModuleType, ours: ModuleType) -> None:
    theirs = {n: v for n, v in vars(pw).items() if n.startswith("RASEAPF_")}
    assert theirs == {n: getattr(ours, n) for n in theirs}
    assert len(theirs) == 3


def test_same_names(pw: ModuleType, ours: ModuleType) -> None:
    def public(m: ModuleType) -> set[str]:
        return {n for n in vars(m) if not n.startswith("_")} - {"annotations"}

    # pywin32 does not name its RASEAPUSERIDENTITY type; ours exposes it.
    assert public(pw) == public(ours) - {"RASEAPUSERIDENTITY"}


ENUM_ENTRIES_CASES = [
    (),
    (None,),
    (None, None),
    (None, 5),
    (None, b"default.pbk"),
    ("reserved", None),
    (None, None, None),
]


@pytest.mark.parametrize("args", ENUM_ENTRIES_CASES)
def test_enum_entries(pw: ModuleType, ours: ModuleType, default_book: str, args: tuple) -> None:
    assert_same(pw, ours, "EnumEntries", *args)


def test_enum_entries_paths(pw: ModuleType, ours: ModuleType, pbk: str, tmp_path: Path) -> None:
    assert assert_same(pw, ours, "EnumEntries", None, pbk) == ("ok", ("Office VPN", "Lab", "Home"))
    missing = assert_same(pw, ours, "EnumEntries", None, str(tmp_path / "missing.pbk"))
    assert missing[2][0] == ras.ERROR_CANNOT_OPEN_PHONEBOOK


@pytest.mark.parametrize("code", [*range(600, 871), 0x7FFFFFFF, -1])
def test_get_error_string_every_code(pw: ModuleType, ours: ModuleType, code: int) -> None:
    a, b = both(pw, ours, "GetErrorString", code)
    if b[0] == "ok":
        assert a == b
        return
    # not a RAS code: RAS fails with 87; pywin32 reports GetLastError() instead
    assert a[0] == "raise" and a[1] is b[1] is ours.error
    assert a[2][1] == b[2][1] == "RasGetErrorString"
    assert b[2][0] == 87


@pytest.mark.parametrize("args", [("x",), (2**40,), (2**31,), (), (1, 2), (1.5,), (None,)])
def test_get_error_string_bad_args(pw: ModuleType, ours: ModuleType, args: tuple) -> None:
    assert_same(pw, ours, "GetErrorString", *args)


@pytest.mark.parametrize("name", ["GetConnectStatus", "IsHandleValid", "HangUp"])
@pytest.mark.parametrize("arg", ["x", [1], object()])
def test_handle_type_errors(pw: ModuleType, ours: ModuleType, name: str, arg: object) -> None:
    assert_same(pw, ours, name, arg)


@pytest.mark.parametrize("name", ["GetConnectStatus", "IsHandleValid", "HangUp"])
@pytest.mark.parametrize("arg", [1.5, b"1"])
def test_documented_float_and_bytes_handles(
    pw: ModuleType, ours: ModuleType, name: str, arg: object
) -> None:
    a, b = both(pw, ours, name, arg)
    assert a[0] == "ok" or a[1] is ours.error  # pywin32 turns them into some handle
    assert b == ("raise", TypeError, ("The object is not a PyHANDLE object",))


@pytest.mark.parametrize("handle", [0, None, 12345, -1])
def test_get_connect_status_bogus(pw: ModuleType, ours: ModuleType, handle: object) -> None:
    assert assert_same(pw, ours, "GetConnectStatus", handle)[2][:2] == (6, "RasGetConnectStatus")


def test_documented_hangup_error_code(pw: ModuleType, ours: ModuleType) -> None:
    a, b = both(pw, ours, "HangUp", 12345)
    assert a[1] is b[1] is ours.error
    assert a[2][1] == b[2][1] == "RasHangup"
    assert b[2][0] == 6  # RasHangUp's own result; pywin32 reports GetLastError()


def test_documented_is_handle_valid(pw: ModuleType, ours: ModuleType) -> None:
    assert both(pw, ours, "IsHandleValid", 12345) == (("ok", True), ("ok", False))
    assert_same(pw, ours, "IsHandleValid", 0)
    assert_same(pw, ours, "IsHandleValid", None)


def test_documented_handle_overflow(pw: ModuleType, ours: ModuleType) -> None:
    a, b = both(pw, ours, "GetConnectStatus", 2**64)
    assert a[1] is TypeError and b[1] is OverflowError


# ---- RASDIALPARAMS, through SetEntryDialParams / GetEntryDialParams -----

LIMITS = [(1, 128), (2, 128), (3, 256), (4, 256), (5, 15)]


def params(index: int, value: object, entry: str = "Lab") -> list[object]:
    p: list[object] = [entry, "", "", "", "", ""]
    p[index] = value
    return p


PARAM_CASES = [
    ("Lab",),
    ["Lab"],
    ("Lab", "", "", "alice", "pw", "CORP"),
    ["Lab", "555", "777", "bob", "", ""],
    ("Lab", "", "", "", "", "", "seventh"),
    ("Lab", 5),
    ("Lab", None),
    ("Lab", b"bytes"),
    ("Lab", 1.5),
    (),
    ("Nope",),
    5,
    None,
    iter(["Lab", "", "", "carol"]),  # documented difference, see below
]


@pytest.mark.parametrize("p", PARAM_CASES, ids=repr)
def test_set_entry_dial_params(
    pw: ModuleType, ours: ModuleType, default_book: str, pbk: str, p: object
) -> None:
    if isinstance(p, type(iter([]))):
        # documented: pywin32 reads the length of the object it was given, which
        # for an iterator is whatever memory holds (results vary by version)
        assert ours.SetEntryDialParams(pbk, iter(["Lab", "", "", "carol"]), 0) is None
        assert ours.GetEntryDialParams(pbk, "Lab")[0][3] == "carol"
        return
    assert_same(pw, ours, "SetEntryDialParams", pbk, p, 0)
    assert_same(pw, ours, "GetEntryDialParams", pbk, "Lab")


@pytest.mark.parametrize(("index", "limit"), LIMITS)
def test_dial_params_limits(
    pw: ModuleType, ours: ModuleType, pbk: str, index: int, limit: int
) -> None:
    assert (
        assert_same(pw, ours, "SetEntryDialParams", pbk, params(index, "x" * limit), 0)[0] == "ok"
    )
    assert_same(pw, ours, "GetEntryDialParams", pbk, "Lab")
    over = assert_same(pw, ours, "SetEntryDialParams", pbk, params(index, "y" * (limit + 1)), 0)
    assert over[1] is ValueError


@pytest.mark.parametrize(("index", "limit"), LIMITS)
def test_dial_params_limits_in_utf16_units(
    pw: ModuleType, ours: ModuleType, pbk: str, index: int, limit: int
) -> None:
    # a non-BMP character is two UTF-16 units in both
    wide = "\U0001f600"
    fits = assert_same(pw, ours, "SetEntryDialParams", pbk, params(index, wide * (limit // 2)), 0)
    assert fits[0] == "ok"
    over = "x" * (limit % 2) + wide * (limit // 2 + 1)
    assert assert_same(pw, ours, "SetEntryDialParams", pbk, params(index, over), 0)[1] is ValueError


def test_entry_name_limits(pw: ModuleType, ours: ModuleType, pbk: str) -> None:
    assert_same(pw, ours, "SetEntryDialParams", pbk, params(0, "e" * 256), 0)
    assert_same(pw, ours, "SetEntryDialParams", pbk, params(0, "e" * 257), 0)
    assert_same(pw, ours, "GetEntryDialParams", pbk, "e" * 256)


@pytest.mark.parametrize("flag", [0, 1, True, "x", None])
def test_set_entry_dial_params_flag(
    pw: ModuleType, ours: ModuleType, pbk: str, flag: object
) -> None:
    assert_same(pw, ours, "SetEntryDialParams", pbk, ("Lab", "", "", "u", "p", ""), flag)
    assert_same(pw, ours, "GetEntryDialParams", pbk, "Lab")


@pytest.mark.parametrize(
    "args", [(None, "Lab"), ("PBK", "Nope"), ("PBK", None), ("PBK", 5), ("PBK", b"Lab"), (5, "Lab")]
)
def test_get_entry_dial_params(
    pw: ModuleType, ours: ModuleType, default_book: str, pbk: str, args: tuple
) -> None:
    args = tuple(pbk if a == "PBK" else a for a in args)
    assert_same(pw, ours, "GetEntryDialParams", *args)


def test_documented_dial_params_differences(pw: ModuleType, ours: ModuleType, pbk: str) -> None:
    # a single string: pywin32 takes each character as a field
    a, b = both(pw, ours, "SetEntryDialParams", pbk, "Lab", 0)
    assert a[2][:2] == (623, "SetEntryDialParams") and b[1] is TypeError
    # an embedded NUL: pywin32 truncates silently
    a, b = both(pw, ours, "SetEntryDialParams", pbk, ("Lab", "", "", "us\0er"), 0)
    assert a == ("ok", None) and b[1] is ValueError
    # an over-long entry name to GetEntryDialParams: pywin32 truncates it
    a, b = both(pw, ours, "GetEntryDialParams", pbk, "x" * 300)
    assert a[2][0] == 623 and b[1] is ValueError


def test_documented_secret_with_lone_surrogate(pw: ModuleType, ours: ModuleType, pbk: str) -> None:
    # pywin32 hands a lone surrogate in the password to RAS as it is; ours refuses it
    # with a ValueError that carries no part of the password (issue 14)
    secret = "pa55" + "\ud800" + "w0rd"
    a, b = both(pw, ours, "SetEntryDialParams", pbk, ("Lab", "", "", "u", secret), 0)
    assert a == ("ok", None), a
    assert b[1] is ValueError and "lone surrogate at index 4" in b[2][0]
    assert not any(part in repr(b) for part in ("pa55", "w0rd"))
    # in the other items (not secrets) ours keeps the codec's UnicodeEncodeError
    a, b = both(pw, ours, "SetEntryDialParams", pbk, ("Lab", "", "", "u\udc80", "pw"), 0)
    assert a == ("ok", None), a
    assert b[1] is UnicodeEncodeError


# ---- Dial -----------------------------------------------------------------


def same_status(pw: ModuleType, ours: ModuleType, h: int) -> tuple[Any, ...]:
    """GetConnectStatus on both; pywin32 keeps one character of each device string."""
    a, b = both(pw, ours, "GetConnectStatus", h)
    if a[0] == "raise":
        assert a == b
        return b
    assert a[1][:2] == b[1][:2]
    assert (a[1][2], a[1][3]) == (b[1][2][:1], b[1][3][:1])
    return b


def test_dial_sync_same_connection(pw: ModuleType, ours: ModuleType, default_book: str) -> None:
    a = pw.Dial(None, None, ("Office VPN", "", "", "u", "p", ""), None)
    b = ours.Dial(None, None, ("Office VPN", "", "", "u", "p", ""), None)
    assert a == b and a[1] == 0  # the second Dial joins the first: same handle
    assert same_status(pw, ours, a[0])[1] == (ras.RASCS_Connected, 0, "vpn", "WAN Miniport (IKEv2)")
    assert_same(pw, ours, "EnumConnections")
    pw.HangUp(a[0])
    assert same_status(pw, ours, a[0])[0] == "ok"  # still up: one reference left
    ours.HangUp(a[0])
    assert same_status(pw, ours, a[0])[2][0] == 6  # gone on both
    assert_same(pw, ours, "EnumConnections")


def test_dial_sync_failure(
    pw: ModuleType, ours: ModuleType, default_book: str, scenario: Scenario
) -> None:
    scenario.set({"Lab": {"User": "alice", "Password": "right"}})
    a = pw.Dial(None, None, ("Lab", "", "", "alice", "wrong", ""), None)
    b = ours.Dial(None, None, ("Lab", "", "", "alice", "wrong", ""), None)
    assert a[1] == b[1] == 691
    assert a[0] and b[0]
    assert pw.GetConnectStatus(a[0])[:2] == ours.GetConnectStatus(b[0])[:2] == (5, 691)
    pw.HangUp(a[0])
    ours.HangUp(b[0])


@pytest.mark.parametrize(
    "args",
    [
        (None, None, ("Nope",), None),
        (None, None, ("Lab",), "callback"),
        (None, None, ("Lab",), 1.5),
        (5, None, ("Lab",), None),
        (None, 5, ("Lab",), None),
        (None, b"x.pbk", ("Lab",), None),
        (None, None, ("Lab", "", "", "", "", "", "7"), None),
        (None, None, ("Lab", "x" * 129), None),
        (None, None, 5, None),
        (None, None, ("Lab",)),
        (None, None, ("Lab",), None, None),
    ],
)
def test_dial_args(pw: ModuleType, ours: ModuleType, default_book: str, args: tuple) -> None:
    assert_same(pw, ours, "Dial", *args)


def test_documented_dial_explicit_phonebook(pw: ModuleType, ours: ModuleType, pbk: str) -> None:
    # pywin32 hands the UTF-8 bytes of fileName to RasDialW as a wide string
    a, b = both(pw, ours, "Dial", None, pbk, ("Lab",), None)
    assert a == ("ok", (0, ras.ERROR_CANNOT_OPEN_PHONEBOOK))
    assert b[0] == "ok" and b[1][1] == 0
    ours.HangUp(b[1][0])


def test_documented_dial_with_extensions(
    pw: ModuleType, ours: ModuleType, default_book: str
) -> None:
    # pywin32 never sets RASDIALEXTENSIONS.dwSize: RasDial refuses every such dial (632)
    a = outcome(pw.Dial, pw.RASDIALEXTENSIONS(), None, ("Office VPN",), None)
    b = outcome(ours.Dial, ours.RASDIALEXTENSIONS(), None, ("Office VPN",), None)
    assert a[0] == "ok" and a[1][1] == ras.ERROR_INVALID_SIZE, a
    if a[1][0]:
        pw.HangUp(a[1][0])
    assert b[0] == "ok" and b[1][1] == 0, b
    assert ours.GetConnectStatus(b[1][0])[0] == ras.RASCS_Connected
    ours.HangUp(b[1][0])


def run_async(module: ModuleType, entry: str) -> Recorder:
    rec = Recorder()
    h, rc = module.Dial(None, None, (entry,), rec)
    assert rc == 0
    rec.wait()
    module.HangUp(h)
    return rec


def test_async_same_notifications(pw: ModuleType, ours: ModuleType, default_book: str) -> None:
    a, b = run_async(pw, "Office VPN"), run_async(ours, "Office VPN")
    assert [e[1:] for e in a.events] == [e[1:] for e in b.events]  # msg, state, error, exterror
    assert a.states[-1] == ras.RASCS_Connected
    for rec in (a, b):
        assert all(t is not threading.main_thread() for t in rec.threads)
        assert len({e[0] for e in rec.events}) == 1


def test_async_same_failure(
    pw: ModuleType, ours: ModuleType, default_book: str, scenario: Scenario
) -> None:
    scenario.set({"*": {"FailState": "AuthNotify", "FailError": 718}})
    a, b = run_async(pw, "Lab"), run_async(ours, "Lab")
    assert [e[1:] for e in a.events] == [e[1:] for e in b.events]
    assert a.events[-1][2:4] == (ras.RASCS_AuthNotify, 718)


# The documented flows (issue 11) as far as pywin32 can go: it passes no
# RASDIALEXTENSIONS RAS accepts (dwSize 0) and cannot resume, so no paused
# states; every flow without them must behave the same.
FLOWS = {
    "preset callback": ({"Callback": "Preset", "CallbackNumber": "5550100"}, "ignored!"),
    "set by caller, a number": ({"Callback": "SetByCaller"}, "555 0123"),
    "set by caller, no callback": ({"Callback": "SetByCaller"}, ""),
    "set by caller, nothing saved": ({"Callback": "SetByCaller"}, "*"),
    "set by caller, a bad number": ({"Callback": "SetByCaller"}, "call me"),
    "expired password": ({"PasswordExpired": 1}, ""),
    "terminal step": ({"Interactive": 1}, ""),
    "callback fails": (
        {"Callback": "Preset", "CallbackNumber": "1", "FailState": "WaitForCallback"},
        "",
    ),
}


@pytest.mark.parametrize("flow", sorted(FLOWS))
def test_flows_without_paused_states(
    pw: ModuleType, ours: ModuleType, default_book: str, scenario: Scenario, flow: str
) -> None:
    section, callback_number = FLOWS[flow]
    scenario.set({"Lab": section})
    params = ("Lab", "", callback_number, "alice", "pw", "")
    # asynchronous, with a callable: the same notifications
    recs = []
    for module in (pw, ours):
        rec = Recorder()
        h, rc = module.Dial(None, None, params, rec)
        assert rc == 0
        rec.wait()
        recs.append(rec)
        module.HangUp(h)
    assert [e[1:] for e in recs[0].events] == [e[1:] for e in recs[1].events]
    # synchronous: the same result and status
    a = pw.Dial(None, None, params, None)
    b = ours.Dial(None, None, params, None)
    assert a[1] == b[1] == recs[1].events[-1][3]
    assert pw.GetConnectStatus(a[0])[:2] == ours.GetConnectStatus(b[0])[:2]
    pw.HangUp(a[0])
    ours.HangUp(b[0])


def test_documented_callback_reference(pw: ModuleType, ours: ModuleType, default_book: str) -> None:
    counts = {}
    for module in (pw, ours):
        rec = Recorder()
        before = sys.getrefcount(rec)
        h, _ = module.Dial(None, None, ("Lab",), rec)
        rec.wait()
        module.HangUp(h)
        # our notifier lets go once the dial ended; pywin32 keeps it in a global dict
        for _ in range(2000):
            if sys.getrefcount(rec) == before:
                break
            threading.Event().wait(0.002)
        counts[module] = sys.getrefcount(rec) - before
    assert counts[ours] == 0
    assert counts[pw] > 0


# ---- dialogs, extensions, EAP ----------------------------------------------


@pytest.mark.parametrize(
    "name,args",
    [
        ("CreatePhonebookEntry", (0,)),
        ("CreatePhonebookEntry", (1234,)),
        ("CreatePhonebookEntry", ("x",)),
        ("CreatePhonebookEntry", (0, 5)),
        ("CreatePhonebookEntry", ()),
        ("EditPhonebookEntry", (0, None, None)),
        ("EditPhonebookEntry", (0, None, 5)),
        ("EditPhonebookEntry", (0, 5, "Lab")),
        ("EditPhonebookEntry", (1234, None, "Lab")),
        ("EditPhonebookEntry", (0, None)),
    ],
)
def test_dialogs(
    pw: ModuleType, ours: ModuleType, default_book: str, name: str, args: tuple
) -> None:
    if name == "CreatePhonebookEntry" and args == (0, 5):
        a, b = both(pw, ours, name, *args)  # ours also names None as allowed
        assert a[1] is b[1] is TypeError
        assert a[2] == ("CreatePhoneBookEntry() argument 2 must be str, not int",)
        assert b[2] == ("CreatePhoneBookEntry() argument 2 must be str or None, not int",)
        return
    assert_same(pw, ours, name, *args)


def test_documented_dialog_phonebook_path(
    pw: ModuleType, ours: ModuleType, default_book: str, pbk: str
) -> None:
    # pywin32 hands the UTF-8 bytes of the phonebook path to the wide API
    for name, args in [("EditPhonebookEntry", (0, pbk, "Lab")), ("CreatePhonebookEntry", (0, pbk))]:
        a, b = both(pw, ours, name, *args)
        assert a[0] == "raise" and a[2][0] == ras.ERROR_CANNOT_OPEN_PHONEBOOK, a
        assert b == ("ok", None)
    # ... and the entry name too
    a, b = both(pw, ours, "EditPhonebookEntry", 0, None, "Lab")
    assert a[0] == "raise" and a[2][0] == ras.ERROR_CANNOT_FIND_PHONEBOOK_ENTRY
    assert b == ("ok", None)
    assert_same(pw, ours, "EditPhonebookEntry", 0, None, "Nope")
    a, b = both(pw, ours, "CreatePhonebookEntry", 0, None)
    assert a[1] is TypeError and b == ("ok", None)


def test_rasdialextensions(pw: ModuleType, ours: ModuleType) -> None:
    e1, e2 = pw.RASDIALEXTENSIONS(), ours.RASDIALEXTENSIONS()
    for attr in ("dwfOptions", "fOptions", "hwndParent", "reserved", "reserved1", "RasEapInfo"):
        assert outcome(getattr, e1, attr) == outcome(getattr, e2, attr), attr
    for attr, value in [
        ("dwfOptions", 5),
        ("fOptions", 0x204),
        ("hwndParent", 1234),
        ("reserved", 7),
    ]:
        assert outcome(setattr, e1, attr, value) == outcome(setattr, e2, attr, value)
        assert getattr(e1, attr) == getattr(e2, attr)
    assert (
        outcome(setattr, e1, "bogus", 1)[1] is outcome(setattr, e2, "bogus", 1)[1] is AttributeError
    )
    assert_same(pw, ours, "RASDIALEXTENSIONS", 1)


def test_eap_identity(
    pw: ModuleType, ours: ModuleType, default_book: str, scenario: Scenario
) -> None:
    scenario.set({"Corp EAP": {"EapUser": "CORP\\alice", "EapInfo": "00112233"}})
    a = pw.GetEapUserIdentity(None, "Corp EAP", ours.RASEAPF_NonInteractive)
    b = ours.GetEapUserIdentity(None, "Corp EAP", ours.RASEAPF_NonInteractive)
    assert a.userName == a.szUserName == b.userName == "CORP\\alice"
    assert bytes(a.eapInfo) == b.eapInfo == bytes.fromhex("00112233")
    for args in [
        (None, "Lab", 0),
        (None, "Nope", 0),
        (None, None, 0),
        (None, "Lab", "x"),
        (None, "Lab"),
    ]:
        x, y = outcome(pw.GetEapUserIdentity, *args), outcome(ours.GetEapUserIdentity, *args)
        assert x == y, args
