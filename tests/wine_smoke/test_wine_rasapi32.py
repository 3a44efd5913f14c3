"""The Windows build against Wine's OWN rasapi32.dll (not the simulator).

Wine 8's rasapi32 is mostly stubs that answer differently from Windows and
from the simulator.  These tests pin what it answered (observed with Wine
8.0) and that every call returns a value or a clean exception, never a crash.
"""

from __future__ import annotations

import sys
import threading

import pytest

import ras
import win32ras

pytestmark = pytest.mark.skipif(sys.platform != "win32", reason="Windows (Wine) only")

BOGUS = 0x12345


def test_enumerations_are_empty() -> None:
    assert ras.EnumEntries() == ()
    assert ras.EnumEntries(None, "C:\\no\\such.pbk") == ()
    assert ras.EnumConnections() == []
    assert win32ras.EnumConnections() == []


def test_error_strings_fail_with_the_dlls_code() -> None:
    # Wine's RasGetErrorStringW returns ERROR_INVALID_FUNCTION for everything;
    # the text then comes from the system message table.
    with pytest.raises(ras.error) as exc:
        ras.GetErrorString(691)
    assert exc.value.args == (1, "RasGetErrorString", "Invalid function.")


def test_status_calls_succeed_on_any_handle() -> None:
    assert ras.GetConnectStatus(BOGUS) == (0, 0, "", "")
    assert ras.IsHandleValid(BOGUS) is True  # the stub reports success
    assert ras.HangUp(BOGUS) is None


def test_dial_params() -> None:
    assert ras.GetEntryDialParams(None, "Lab") == (("Lab", "", "", "", "", ""), False)
    assert ras.SetEntryDialParams(None, ("Lab", "", "", "user", "secret", ""), 0) is None


def test_dial_fails_cleanly_in_every_form() -> None:
    calls: list[tuple[int, ...]] = []
    assert ras.Dial(None, None, ("Lab",), None) == (0, 1)
    assert ras.Dial(None, None, ("Lab",), lambda *a: calls.append(a)) == (0, 1)
    assert ras.Dial(None, None, ("Lab",), 0x1234) == (0, 1)
    # the refused asynchronous dial released its callback at once
    assert ras._ras._pending_dials() == 0
    assert calls == []
    assert threading.active_count() >= 1


def test_dialogs_are_no_ops() -> None:
    assert ras.CreatePhonebookEntry(0) is None
    assert ras.EditPhonebookEntry(0, None, "Lab") is None


@pytest.mark.skip(
    reason="Wine 8's rasapi32 has no RasGetEapUserIdentityW: its stub raises Wine's "
    "unimplemented-function exception, which ends the process (pywin32 alike)"
)
def test_eap_identity() -> None:
    ras.GetEapUserIdentity(None, "Lab", ras.RASEAPF_NonInteractive)


def test_projection_info_ex_and_update_connection_are_missing() -> None:
    # Wine's rasapi32 has neither Windows 7 function: the extension looks them
    # up at run time and reports ERROR_CALL_NOT_IMPLEMENTED instead of calling.
    with pytest.raises(ras.error) as exc:
        ras.GetProjectionInfoEx(BOGUS)
    assert (exc.value.winerror, exc.value.funcname) == (120, "RasGetProjectionInfoEx")
    with pytest.raises(ras.error) as exc:
        ras.UpdateConnection(BOGUS, {"ifIndex": 1})
    assert (exc.value.winerror, exc.value.funcname) == (120, "RasUpdateConnection")


def test_projection_info_and_notification_answer_cleanly() -> None:
    # Wine implements both as FIXME stubs; any answer but a crash will do.
    for call in (
        lambda: ras.GetProjectionInfo(BOGUS, ras.RASP_PppIp),
        lambda: ras.ConnectionNotification(-1, 0x1234, ras.RASCN_Connection),
    ):
        try:
            call()
        except ras.error as e:
            assert e.winerror != 0


@pytest.mark.skip(
    reason="Wine 8's RasGetSubEntryHandleW is a spec stub and it has no RasInvokeEapUI: "
    "calling either raises Wine's unimplemented-function exception, ending the process"
)
def test_subentry_handle_and_eap_ui() -> None:
    ras.GetSubEntryHandle(BOGUS, 1)
    ras.InvokeEapUI(BOGUS, 1, ras.RASDIALEXTENSIONS())
