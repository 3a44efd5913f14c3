"""GetEapUserIdentity, RASEAPUSERIDENTITY and RASDIALEXTENSIONS.RasEapInfo."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

import pytest
from support import Scenario, requires_sim

import ras
import simctl
import win32ras

pytestmark = requires_sim


@pytest.fixture
def eap_pbk(tmp_path: Path) -> str:
    return simctl.write_phonebook(
        tmp_path / "eap.pbk", {"Corp EAP": {"eap": 25}, "Plain": {"eap": 0}}
    )


def test_identity_from_scenario(eap_pbk: str, scenario: Scenario) -> None:
    scenario.set({"Corp EAP": {"EapUser": "CORP\\alice", "EapInfo": "0a0b0c00ff"}})
    ident = ras.GetEapUserIdentity(eap_pbk, "Corp EAP", ras.RASEAPF_NonInteractive)
    assert isinstance(ident, ras.RASEAPUSERIDENTITY)
    assert ident.szUserName == ident.userName == "CORP\\alice"
    assert ident.pbEapInfo == ident.eapInfo == b"\x0a\x0b\x0c\x00\xff"
    assert type(ident.pbEapInfo) is bytes
    assert "CORP\\\\alice" in repr(ident) and "5 bytes" in repr(ident)


def test_identity_from_saved_user(eap_pbk: str) -> None:
    ras.SetEntryDialParams(eap_pbk, ("Corp EAP", "", "", "bob", "pw", ""), False)
    ident = win32ras.GetEapUserIdentity(eap_pbk, "Corp EAP", ras.RASEAPF_NonInteractive, None)
    assert ident.userName == "bob"
    assert ident.eapInfo == b""
    assert "pw" not in repr(ident)


def test_identity_errors(eap_pbk: str) -> None:
    with pytest.raises(ras.error) as exc:
        ras.GetEapUserIdentity(eap_pbk, "Plain", 0)
    assert exc.value.args[:2] == (ras.ERROR_INVALID_FUNCTION_FOR_ENTRY, "RasGetEapUserIdentity")
    with pytest.raises(ras.error) as exc:
        ras.GetEapUserIdentity(eap_pbk, "Missing", 0)
    assert exc.value.winerror == 623
    with pytest.raises(ras.error) as exc:
        ras.GetEapUserIdentity(eap_pbk, "Corp EAP", ras.RASEAPF_NonInteractive)
    assert exc.value.winerror == ras.ERROR_INTERACTIVE_MODE


def test_identity_on_dial_extensions(eap_pbk: str, scenario: Scenario) -> None:
    scenario.set({"*": {"EapUser": "carol", "EapInfo": "01020304"}})
    ident = ras.GetEapUserIdentity(eap_pbk, "Corp EAP", ras.RASEAPF_NonInteractive)
    ext = ras.RASDIALEXTENSIONS()
    before = sys.getrefcount(ident)
    ext.RasEapInfo = ident
    assert ext.RasEapInfo is ident
    assert sys.getrefcount(ident) == before + 1
    h, rc = ras.Dial(ext, eap_pbk, ("Corp EAP",), None)
    assert rc == 0
    ras.HangUp(h)
    ext.RasEapInfo = None
    assert ext.RasEapInfo is None
    assert sys.getrefcount(ident) == before


def test_extensions_keep_the_identity_alive(eap_pbk: str, scenario: Scenario) -> None:
    scenario.set({"*": {"EapUser": "dave", "EapInfo": "aa" * 300}})
    ext = ras.RASDIALEXTENSIONS()
    ext.RasEapInfo = ras.GetEapUserIdentity(eap_pbk, "Corp EAP", 0)
    gc.collect()
    assert ext.RasEapInfo.eapInfo == b"\xaa" * 300
    h, rc = ras.Dial(ext, eap_pbk, ("Corp EAP",), None)
    assert rc == 0
    ras.HangUp(h)
    del ext
    gc.collect()
