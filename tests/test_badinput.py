"""Bad input: each gets a clear Python exception, never a crash or a silent truncation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support import requires_sim

import ras
import simctl

# (field index, RAS limit in UTF-16 units) for RASDIALPARAMS
LIMITS = [(0, 256), (1, 128), (2, 128), (3, 256), (4, 256), (5, 15)]
WHERE = "<RasDialParams conversion>"


def _params(index: int, value: str) -> list[str]:
    p = ["Office VPN", "", "", "", "", ""]
    p[index] = value
    return p


@requires_sim
@pytest.mark.parametrize(("index", "limit"), LIMITS)
def test_dialparams_at_the_limit_is_accepted(tmp_path: Path, index: int, limit: int) -> None:
    # SetEntryDialParams converts the same way Dial does.  Field 0 names the
    # entry: at its limit it names an entry of that length, which must exist.
    # A password is stored only with a user name, and read back as the handle;
    # the phone number is never stored.
    name = "x" * limit if index == 0 else "Office VPN"
    book = simctl.write_phonebook(tmp_path / "limit.pbk", [name])
    params = _params(index, "x" * limit)
    params[0] = name
    if index == 4:
        params[3] = "user"
    ras.SetEntryDialParams(book, params, False)
    saved, has_password = ras.GetEntryDialParams(book, name)
    expected = {0: name, 1: "", 4: "*" * 16}.get(index, "x" * limit)
    assert saved[index] == expected
    assert has_password == (index in (3, 4))  # with a user name, "" is a saved password


@pytest.mark.parametrize(("index", "limit"), LIMITS)
def test_dialparams_over_the_limit_raises_valueerror(index: int, limit: int) -> None:
    with pytest.raises(ValueError) as exc:
        ras.Dial(None, None, _params(index, "x" * (limit + 1)), None)
    assert str(exc.value) == (
        f"{WHERE}: String size ({limit + 1}) greater than acceptable size ({limit})"
    )
    with pytest.raises(ValueError):
        ras.SetEntryDialParams(None, _params(index, "y" * (limit + 1)), False)


def test_dialparams_limit_counts_utf16_units() -> None:
    # 8 astral characters are 16 UTF-16 units: over the 15-unit domain limit
    with pytest.raises(ValueError, match=r"String size \(16\)"):
        ras.Dial(None, None, _params(5, "\U0001f600" * 8), None)


def test_dialparams_more_than_six_items() -> None:
    with pytest.raises(ras.error) as exc:
        ras.Dial(None, None, ("a", "", "", "", "", "", "extra"), None)
    assert exc.value.args == (0, WHERE, "The RasDialParams sequence length must be less than 6")


@pytest.mark.parametrize("bad", [1, None, b"bytes", 1.5, ["nested"]])
def test_dialparams_items_must_be_str(bad: object) -> None:
    with pytest.raises(TypeError):
        ras.Dial(None, None, ("Office VPN", bad), None)


def test_dialparams_none_item_message() -> None:
    with pytest.raises(TypeError, match="None is not a valid string in this context"):
        ras.Dial(None, None, (None,), None)
    message = "Objects of type 'int' can not be converted to Unicode."
    with pytest.raises(TypeError, match=re.escape(message)):
        ras.Dial(None, None, (5,), None)


def test_dialparams_embedded_nul() -> None:
    with pytest.raises(ValueError, match="embedded null character"):
        ras.Dial(None, None, ("Office\0VPN",), None)
    with pytest.raises(ValueError, match="embedded null character"):
        ras.SetEntryDialParams(None, ("Lab", "", "", "u", "pass\0word"), False)


@pytest.mark.parametrize("bad", ["Office VPN", b"Office VPN"])
def test_dialparams_single_string_is_refused(bad: object) -> None:
    with pytest.raises(TypeError, match="not a single string"):
        ras.Dial(None, None, bad, None)


@pytest.mark.parametrize("bad", [5, None, object()])
def test_dialparams_not_a_sequence(bad: object) -> None:
    with pytest.raises(TypeError):
        ras.Dial(None, None, bad, None)


def test_dialparams_lone_surrogate_is_refused() -> None:
    with pytest.raises(UnicodeEncodeError):
        ras.Dial(None, None, ("bad \udc80 name",), None)


def test_dial_callback_of_wrong_type() -> None:
    for bad in ("callback", 1.5, object(), b"x"):
        with pytest.raises(ras.error) as exc:
            ras.Dial(None, None, ("Office VPN",), bad)
        assert exc.value.args == (
            0,
            "<Dial param parsing>",
            "The callback object must be an integer handle, None, or a callable object",
        )


def test_dial_extensions_of_wrong_type() -> None:
    with pytest.raises(TypeError, match="not a PyRASDIALEXTENSIONS"):
        ras.Dial(5, None, ("Office VPN",), None)


def test_dial_phonebook_of_wrong_type() -> None:
    with pytest.raises(TypeError):
        ras.Dial(None, 5, ("Office VPN",), None)
    with pytest.raises(ValueError, match="embedded null"):
        ras.Dial(None, "a\0b.pbk", ("Office VPN",), None)


@pytest.mark.parametrize("args", [(), (None,), (None, None, ("x",)), (None,) * 5])
def test_dial_wrong_argument_count(args: tuple[object, ...]) -> None:
    with pytest.raises(TypeError):
        ras.Dial(*args)


@pytest.mark.parametrize("fn", [ras.HangUp, ras.GetConnectStatus, ras.IsHandleValid])
def test_handle_functions_reject_non_ints(fn: object) -> None:
    for bad in ("1", 1.5, b"1", [1], object()):
        with pytest.raises(TypeError):
            fn(bad)  # type: ignore[operator]


@pytest.mark.parametrize("fn", [ras.HangUp, ras.GetConnectStatus, ras.IsHandleValid])
def test_handle_functions_reject_out_of_range(fn: object) -> None:
    for bad in (2**64, -(2**64), 10**30):
        with pytest.raises(OverflowError):
            fn(bad)  # type: ignore[operator]


@pytest.mark.parametrize("handle", [0, None, 1, 0xDEAD0000, 2**64 - 1, -1])
def test_bogus_handles_give_error_6(handle: int | None) -> None:
    with pytest.raises(ras.error) as exc:
        ras.HangUp(handle)
    assert exc.value.args[:2] == (6, "RasHangup")
    with pytest.raises(ras.error) as exc:
        ras.GetConnectStatus(handle)
    assert exc.value.args[:2] == (6, "RasGetConnectStatus")
    assert ras.IsHandleValid(handle) is False


def test_get_error_string_bad_input() -> None:
    with pytest.raises(TypeError):
        ras.GetErrorString("691")
    with pytest.raises(OverflowError):
        ras.GetErrorString(2**40)
    with pytest.raises(TypeError):
        ras.GetErrorString()


def test_enum_functions_bad_input() -> None:
    with pytest.raises(TypeError):
        ras.EnumConnections(1)
    with pytest.raises(TypeError):
        ras.EnumEntries(None, 5)
    with pytest.raises(TypeError):
        ras.EnumEntries(None, None, None)


def test_entry_dial_params_bad_input() -> None:
    with pytest.raises(ValueError, match="greater than acceptable size"):
        ras.GetEntryDialParams(None, "x" * 257)
    with pytest.raises(TypeError):
        ras.GetEntryDialParams(None, None)
    with pytest.raises(TypeError):
        ras.GetEntryDialParams(5, "Lab")
    with pytest.raises(TypeError):
        ras.SetEntryDialParams(None, ("Lab",))


def test_phonebook_dialogs_bad_input() -> None:
    with pytest.raises(TypeError):
        ras.CreatePhonebookEntry("hwnd")
    with pytest.raises(TypeError):
        ras.EditPhonebookEntry(0, None, None)
    with pytest.raises(TypeError):
        ras.EditPhonebookEntry(0, None, 5)


def test_eap_identity_bad_input() -> None:
    with pytest.raises(TypeError):
        ras.GetEapUserIdentity(None, None, 0)
    with pytest.raises(OverflowError):
        ras.GetEapUserIdentity(None, "Lab", 2**40)
    with pytest.raises(TypeError):
        ras.GetEapUserIdentity(None, "Lab", "flags")


def test_rasdialextensions_attributes() -> None:
    ext = ras.RASDIALEXTENSIONS()
    assert (ext.dwfOptions, ext.fOptions, ext.hwndParent, ext.reserved, ext.reserved1) == (
        0,
        0,
        0,
        0,
        0,
    )
    assert ext.RasEapInfo is None
    ext.fOptions = ras.RDEOPT_IgnoreModemSpeaker | ras.RDEOPT_NoUser
    assert ext.dwfOptions == ras.RDEOPT_IgnoreModemSpeaker | ras.RDEOPT_NoUser
    ext.hwndParent = 0x1234
    ext.reserved = 7
    ext.reserved1 = 2**63
    assert (ext.hwndParent, ext.reserved, ext.reserved1) == (0x1234, 7, 2**63)
    assert "dwfOptions=0x204" in repr(ext)
    with pytest.raises(OverflowError):
        ext.dwfOptions = 2**32
    with pytest.raises(OverflowError):
        ext.dwfOptions = -1
    with pytest.raises(TypeError):
        ext.dwfOptions = "1"
    with pytest.raises(TypeError, match="PyRASEAPUSERIDENTITY"):
        ext.RasEapInfo = "identity"
    with pytest.raises(AttributeError):
        del ext.dwfOptions
    with pytest.raises(AttributeError):
        ext.unknown = 1  # type: ignore[attr-defined]
    with pytest.raises(TypeError):
        ras.RASDIALEXTENSIONS(1)
