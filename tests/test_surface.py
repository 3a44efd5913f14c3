"""The win32ras surface: names, constants and the error type, as pywin32 has them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import ras
import win32ras
from ras import _surface

# pywin32's functions and RASDIALEXTENSIONS (a factory function in pywin32).
PYWIN32_FUNCTIONS = _surface.PYWIN32_NAMES - {"error", "GetEapUserIdentity"}

# Windows values of pywin32's 28 RASCS_* constants (ras.h).
RASCS = {
    "RASCS_OpenPort": 0,
    "RASCS_PortOpened": 1,
    "RASCS_ConnectDevice": 2,
    "RASCS_DeviceConnected": 3,
    "RASCS_AllDevicesConnected": 4,
    "RASCS_Authenticate": 5,
    "RASCS_AuthNotify": 6,
    "RASCS_AuthRetry": 7,
    "RASCS_AuthCallback": 8,
    "RASCS_AuthChangePassword": 9,
    "RASCS_AuthProject": 10,
    "RASCS_AuthLinkSpeed": 11,
    "RASCS_AuthAck": 12,
    "RASCS_ReAuthenticate": 13,
    "RASCS_Authenticated": 14,
    "RASCS_PrepareForCallback": 15,
    "RASCS_WaitForModemReset": 16,
    "RASCS_WaitForCallback": 17,
    "RASCS_Projected": 18,
    "RASCS_StartAuthentication": 19,
    "RASCS_CallbackComplete": 20,
    "RASCS_LogonNetwork": 21,
    "RASCS_Interactive": 0x1000,
    "RASCS_RetryAuthentication": 0x1001,
    "RASCS_CallbackSetByCaller": 0x1002,
    "RASCS_PasswordExpired": 0x1003,
    "RASCS_Connected": 0x2000,
    "RASCS_Disconnected": 0x2001,
}
RASEAPF = {"RASEAPF_NonInteractive": 2, "RASEAPF_Logon": 4, "RASEAPF_Preview": 8}


def test_win32ras_has_exactly_pywin32s_names() -> None:
    public = {n for n in vars(win32ras) if not n.startswith("_") and n != "annotations"}
    expected = PYWIN32_FUNCTIONS | set(RASCS) | set(RASEAPF) | {"error", "GetEapUserIdentity"}
    expected |= _surface.WIN32RAS_EXTRAS
    assert public == expected
    assert set(win32ras.__all__) == expected


def test_rascs_values_are_windows_values() -> None:
    for name, value in RASCS.items():
        assert getattr(win32ras, name) == value, name
        assert getattr(ras, name) == value, name
    assert len([n for n in vars(win32ras) if n.startswith("RASCS_")]) == 28


def test_ras_has_the_newer_states_too() -> None:
    assert ras.RASCS_SubEntryConnected == 22
    assert ras.RASCS_SubEntryDisconnected == 23
    assert ras.RASCS_ApplySettings == 24
    assert ras.RASCS_InvokeEapUI == 0x1004


def test_raseapf_values() -> None:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import win2kras
    for name, value in RASEAPF.items():
        assert getattr(win32ras, name) == value
        assert getattr(win2kras, name) == value
    assert win2kras.GetEapUserIdentity is win32ras.GetEapUserIdentity


def test_win2kras_is_pywin32s_deprecation_shim() -> None:
    import importlib
    import sys
    import warnings

    sys.modules.pop("win2kras", None)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        mod = importlib.import_module("win2kras")
    assert [w.category for w in caught] == [DeprecationWarning]
    assert "now in win32ras" in str(caught[0].message)
    assert set(mod.__dict__) >= set(win32ras.__all__)


def test_every_ras_error_code_is_exported() -> None:
    names = ("ERROR_", "PENDING", "WARNING_MSG_ALIAS_NOT_ADDED")
    codes = {n: v for n, v in ras.CONSTANTS.items() if n.startswith(names) and 600 <= v <= 870}
    # every code of raserror.h: 600..870, one name each, none skipped
    assert sorted(codes.values()) == list(range(600, 871))
    assert ras.ERROR_BUFFER_TOO_SMALL == 603
    assert ras.ERROR_CANNOT_OPEN_PHONEBOOK == 621
    assert ras.ERROR_CANNOT_FIND_PHONEBOOK_ENTRY == 623
    assert ras.ERROR_INVALID_SIZE == 632
    assert ras.ERROR_AUTHENTICATION_FAILURE == 691
    assert ras.ERROR_IKEV2_PSK_INTERFACE_ALREADY_EXISTS == 870
    assert ras.WM_RASDIALEVENT == 0xCCCD


def test_error_shape() -> None:
    e = win32ras.error(6, "RasHangup", "The handle is invalid.")
    assert e.args == (6, "RasHangup", "The handle is invalid.")
    assert (e.winerror, e.funcname, e.strerror) == (6, "RasHangup", "The handle is invalid.")
    assert isinstance(e, Exception)
    assert win32ras.error is ras.error


def test_error_is_pywintypes_error_when_available() -> None:
    pywintypes = pytest.importorskip("pywintypes", reason="pywin32 is not installed")
    assert ras.error is pywintypes.error


def test_backend() -> None:
    assert ras.BACKEND in ("simulated", "rasapi32")


def test_state_names() -> None:
    assert ras.state_name(ras.RASCS_Connected) == "Connected"
    assert ras.state_name(ras.RASCS_AuthNotify) == "AuthNotify"
    assert ras.state_name(0x7777) == "state 0x7777"
    assert ras.is_final_state(ras.RASCS_Connected)
    assert ras.is_final_state(ras.RASCS_Authenticate, 691)
    assert not ras.is_final_state(ras.RASCS_Authenticate)


def test_functions_have_signatures_and_docstrings() -> None:
    import inspect

    for name in PYWIN32_FUNCTIONS - {"RASDIALEXTENSIONS"}:
        fn = getattr(ras, name)
        sig = inspect.signature(fn)
        params = [p for p in sig.parameters.values() if p.kind is not p.KEYWORD_ONLY]
        assert all(p.kind is p.POSITIONAL_ONLY for p in params), name
        # pywin32's positional parameters unchanged; ras.Dial adds one keyword
        extra = [p.name for p in sig.parameters.values() if p.kind is p.KEYWORD_ONLY]
        assert extra == (["hrasconn"] if name == "Dial" else []), name
        assert fn.__doc__ and "(Ras" in fn.__doc__, name
    assert str(inspect.signature(ras.EnumEntries)) == "(reserved=None, fileName=None, /)"
    assert list(inspect.signature(ras.Dial).parameters) == [
        "dialExtensions",
        "fileName",
        "RasDialParams",
        "callback",
        "hrasconn",
    ]
    assert inspect.signature(ras.Dial).parameters["hrasconn"].default is None


def test_eap_identity_cannot_be_built_directly() -> None:
    with pytest.raises(TypeError):
        ras.RASEAPUSERIDENTITY()


COMPATIBILITY = Path(__file__).resolve().parent.parent / "docs" / "compatibility.md"


@pytest.mark.skipif(not COMPATIBILITY.is_file(), reason="source checkout only")
def test_win32ras_names_are_the_documented_ones() -> None:
    """docs/compatibility.md's list of win32ras's names is the shim's."""
    text = COMPATIBILITY.read_text(encoding="utf-8")
    bullets = {}
    for line in text.split("\n\n- ", 1)[1].split("\n\n", 1)[0].split("\n- "):
        label, _, names = " ".join(line.split()).partition(": ")
        bullets[label] = names
    assert set(bullets) == {"functions", "types", "constants", "beyond pywin32"}, bullets

    def names(label: str) -> set[str]:
        return set(re.findall(r"`([A-Za-z]\w*)`", bullets[label]))

    documented = names("functions") | names("types")
    for count, prefix in re.findall(r"the (\d+) `(\w+_)\*`", bullets["constants"]):
        have = {n for n in win32ras.__all__ if n.startswith(prefix)}
        assert len(have) == int(count), prefix
        documented |= have
    extras = names("beyond pywin32")
    assert documented == _surface.PYWIN32_NAMES | set(RASCS) | set(RASEAPF)
    assert extras == _surface.WIN32RAS_EXTRAS
    assert set(win32ras.__all__) == documented | extras
