"""No secret in any exception (issue 14).

Every function that takes a password or key is called with values it must
refuse: a lone surrogate (not encodable as UTF-16), an embedded NUL, too long,
and the wrong type.  Each exception must be the documented type and carry no
substring of 3 or more characters of the secret anywhere: str, repr, args,
attributes (``.object`` of a UnicodeError), chained exceptions, traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from support import requires_sim, secret_leaks

import ras
import win32ras

pytestmark = requires_sim

# Built at run time so that no source line in a traceback spells it.
SECRET = "".join(map(chr, (0x71, 0x58, 0x37, 0x7A, 0x4B, 0x76, 0x6D, 0x57, 0x34, 0x6A, 0x52)))
LONE = SECRET[:6] + "\ud800" + SECRET[6:]  # lone surrogate at index 6
LONE_LOW = SECRET + "\udfff"  # a trailing low surrogate, index 11
NUL = SECRET[:5] + "\0" + SECRET[5:]
TOO_LONG = SECRET * 40  # 440 units: more than any password or key field holds


def params(password: object) -> tuple[object, ...]:
    return ("Lab", "", "", "alice", password, "CORP")


Call = Callable[[str, object], Any]

CALLS: dict[str, Call] = {
    "Dial": lambda pbk, pw: ras.Dial(None, pbk, params(pw), None),
    "Dial-async": lambda pbk, pw: ras.Dial(None, pbk, params(pw), lambda *a: None),
    "Dial-ext": lambda pbk, pw: ras.Dial(ras.RASDIALEXTENSIONS(), pbk, params(pw), None),
    "Dial-resume": lambda pbk, pw: ras.Dial(None, pbk, params(pw), lambda *a: None, hrasconn=99),
    "win32ras.Dial": lambda pbk, pw: win32ras.Dial(None, pbk, params(pw), None),
    "SetEntryDialParams": lambda pbk, pw: ras.SetEntryDialParams(pbk, params(pw), False),
    "SetEntryDialParams-list": lambda pbk, pw: ras.SetEntryDialParams(pbk, list(params(pw)), True),
    "win32ras.SetEntryDialParams": lambda pbk, pw: win32ras.SetEntryDialParams(pbk, params(pw), 0),
    "SetCredentials": lambda pbk, pw: ras.SetCredentials(
        pbk, "Lab", {"userName": "alice", "password": pw}
    ),
    "SetCredentials-mask": lambda pbk, pw: ras.SetCredentials(
        pbk, "Lab", {"mask": ras.RASCM_Password, "password": pw}
    ),
    "SetCredentials-default": lambda pbk, pw: ras.SetCredentials(
        pbk, "Lab", {"mask": ras.RASCM_Password | ras.RASCM_DefaultCreds, "password": pw}
    ),
    "SetCredentials-psk": lambda pbk, pw: ras.SetCredentials(
        pbk, "Lab", {"mask": ras.RASCM_PreSharedKey, "password": pw}
    ),
    "SetCredentials-server-psk": lambda pbk, pw: ras.SetCredentials(
        None, "", {"mask": ras.RASCM_ServerPreSharedKey, "password": pw}
    ),
    "SetCredentials-ddm-psk": lambda pbk, pw: ras.SetCredentials(
        None, "Branch", {"mask": ras.RASCM_DDMPreSharedKey, "password": pw}
    ),
    "SetCredentials-clear": lambda pbk, pw: ras.SetCredentials(
        pbk, "Lab", {"password": pw}, clearCredentials=True
    ),
    # the typed layer (issue 8)
    "Phonebook.set_credentials": lambda pbk, pw: ras.Phonebook(pbk).set_credentials(
        "Lab", user="alice", password=pw
    ),
    "Phonebook.set_pre_shared_key": lambda pbk, pw: ras.Phonebook(pbk).set_pre_shared_key(
        "Lab", pw
    ),
}


def raised(call: Call, pbk: str, secret: object) -> BaseException:
    with pytest.raises(Exception) as info:
        call(pbk, secret)
    return info.value


def assert_no_leak(exc: BaseException, secret: str) -> None:
    leaks = secret_leaks(exc, secret)
    assert not leaks, f"{type(exc).__name__} shows {leaks!r} of the secret: {exc!r}"


def assert_nothing_saved(pbk: str) -> None:
    assert ras.GetEntryDialParams(pbk, "Lab")[1] is False
    assert ras.GetCredentials(pbk, "Lab")["mask"] == 0
    for mask in (ras.RASCM_PreSharedKey, ras.RASCM_Password | ras.RASCM_DefaultCreds):
        assert ras.GetCredentials(pbk, "Lab", mask)["mask"] & ~ras.RASCM_DefaultCreds == 0
    assert ras.GetCredentials(pbk, "x", ras.RASCM_ServerPreSharedKey)["mask"] == 0
    assert ras.GetCredentials(None, "Branch", ras.RASCM_DDMPreSharedKey)["mask"] == 0
    assert ras.EnumConnections() == []


@pytest.mark.parametrize("name", sorted(CALLS))
@pytest.mark.parametrize(("secret", "index"), [(LONE, 6), (LONE_LOW, 11)], ids=["mid", "end"])
def test_lone_surrogate_in_a_secret(pbk: str, name: str, secret: str, index: int) -> None:
    exc = raised(CALLS[name], pbk, secret)
    assert type(exc) is ValueError, repr(exc)
    assert exc.__cause__ is None and exc.__context__ is None
    assert exc.__suppress_context__ is False
    assert f"lone surrogate at index {index}" in str(exc)
    assert "password" in str(exc)
    assert_no_leak(exc, secret)
    assert_nothing_saved(pbk)


@pytest.mark.parametrize("name", sorted(CALLS))
def test_embedded_nul_in_a_secret(pbk: str, name: str) -> None:
    exc = raised(CALLS[name], pbk, NUL)
    assert type(exc) is ValueError and exc.args == ("embedded null character",)
    assert_no_leak(exc, NUL)
    assert_nothing_saved(pbk)


@pytest.mark.parametrize("name", sorted(CALLS))
def test_too_long_secret(pbk: str, name: str) -> None:
    exc = raised(CALLS[name], pbk, TOO_LONG)
    assert type(exc) is ValueError and "greater than acceptable size" in str(exc)
    assert_no_leak(exc, TOO_LONG)
    assert_nothing_saved(pbk)


@pytest.mark.parametrize("name", sorted(CALLS))
@pytest.mark.parametrize("kind", [bytes, bytearray, memoryview])
def test_secret_of_the_wrong_type(pbk: str, name: str, kind: type) -> None:
    value = kind(SECRET.encode())
    exc = raised(CALLS[name], pbk, value)
    assert type(exc) is TypeError, repr(exc)
    assert_no_leak(exc, SECRET)
    assert_nothing_saved(pbk)


class Str(str):
    """A str subclass whose str()/repr() would show the value."""

    def __repr__(self) -> str:
        return "Str(" + str.__repr__(self) + ")"


@pytest.mark.parametrize("name", sorted(CALLS))
def test_str_subclass_secret(pbk: str, name: str) -> None:
    exc = raised(CALLS[name], pbk, Str(LONE))
    assert type(exc) is ValueError
    assert_no_leak(exc, LONE)


def test_a_valid_astral_password_still_round_trips(pbk: str) -> None:
    pw = SECRET + "\U0001f511"  # a non-BMP character: a surrogate pair in UTF-16
    ras.SetEntryDialParams(pbk, params(pw), False)
    assert ras.GetEntryDialParams(pbk, "Lab")[1] is True
    # 255 units + one pair = 257 > 256: the limit counts UTF-16 units
    with pytest.raises(ValueError, match=r"String size \(257\)") as info:
        ras.SetEntryDialParams(pbk, params("p" * 255 + "\U0001f511"), False)
    assert_no_leak(info.value, "p" * 255)


def test_non_secret_fields_keep_unicode_encode_error(pbk: str) -> None:
    # names and numbers are not secrets: the codec's error (as before) is kept
    with pytest.raises(UnicodeEncodeError):
        ras.SetEntryDialParams(pbk, ("Lab", "", "", "u\udc80ser", "pw"), False)
    with pytest.raises(UnicodeEncodeError):
        ras.SetCredentials(pbk, "Lab", {"userName": "u\udc80ser", "password": "pw"})


def test_failed_secret_leaves_the_earlier_value(pbk: str) -> None:
    ras.SetEntryDialParams(pbk, ("Lab", "", "", "first", "pw", ""), False)
    with pytest.raises(ValueError):
        ras.SetEntryDialParams(pbk, ("Lab", "", "", "second", LONE, ""), False)
    (_, _, _, user, _, _), have = ras.GetEntryDialParams(pbk, "Lab")
    assert (user, have) == ("first", True)


def test_reprs_show_no_secret(pbk: str, tmp_path: Path) -> None:
    ext = ras.RASDIALEXTENSIONS()
    assert SECRET not in repr(ext)
    ras.SetCredentials(pbk, "Lab", {"userName": "alice", "password": SECRET})
    got = ras.GetCredentials(pbk, "Lab")
    assert SECRET not in repr(got)
    # a dial that fails does not show the password it was given
    handle, rc = ras.Dial(None, pbk, ("Nope", "", "", "alice", SECRET, ""), None)
    assert rc == ras.ERROR_CANNOT_FIND_PHONEBOOK_ENTRY
    assert SECRET not in repr((handle, rc))
    if handle:
        ras.HangUp(handle)


@pytest.mark.parametrize("kind", [str, bytearray, memoryview, list])
def test_blob_of_the_wrong_type(pbk: str, kind: type) -> None:
    value = SECRET if kind is str else kind(SECRET.encode())
    for call in (
        lambda: ras.SetEapUserData(None, pbk, "Lab", value),
        lambda: ras.SetCustomAuthData(pbk, "Lab", value),
    ):
        with pytest.raises(TypeError) as info:
            call()
        assert_no_leak(info.value, SECRET)
    assert ras.GetEapUserData(None, pbk, "Lab") == b""
    assert ras.GetCustomAuthData(pbk, "Lab") == b""
