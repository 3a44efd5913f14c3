"""RasDial's documented flows (issue 11): callback, expired password, interactive.

Each flow with both notifier kinds a Python caller has (a callable, a window
handle), with and without paused states, synchronously, and with the answers
RAS refuses.  docs/simulator.md ("Callback, expired passwords and terminal
steps") is the specification.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any, Callable

import pytest
from support import Recorder, Scenario, requires_sim
from test_dial import SUCCESS_STATES, wait_until

import ras
import simctl

pytestmark = requires_sim

CALLBACK_STATES = [
    ras.RASCS_PrepareForCallback,
    ras.RASCS_WaitForModemReset,
    ras.RASCS_WaitForCallback,
    ras.RASCS_CallbackComplete,
    ras.RASCS_ReAuthenticate,
]
AFTER_AUTHENTICATE = SUCCESS_STATES[SUCCESS_STATES.index(ras.RASCS_Authenticate) + 1 :]
UP_TO_AUTHENTICATE = SUCCESS_STATES[: SUCCESS_STATES.index(ras.RASCS_Authenticate) + 1]
CREDS = {"User": "alice", "Password": "old-pw"}


def params(callback: str = "", user: str = "alice", password: str = "old-pw") -> tuple[str, ...]:
    return ("Lab", "", callback, user, password, "")


def paused() -> ras.RASDIALEXTENSIONS:
    ext = ras.RASDIALEXTENSIONS()
    ext.dwfOptions = ras.RDEOPT_PausedStates
    return ext


# ---- the two kinds of notifier a Python caller has ---------------------------


class Notifier:
    """What a test needs of a notifier: the value to pass and its (state, error) events."""

    target: Any

    def events(self) -> list[tuple[int, int]]:
        raise NotImplementedError

    def states(self) -> list[int]:
        return [e[0] for e in self.events()]

    def wait_for(self, state: int, error: int = 0, count: int = 1) -> None:
        wait_until(lambda: self.events().count((state, error)) >= count)

    def wait_final(self) -> tuple[int, int]:
        wait_until(lambda: any(ras.is_final_state(*e) for e in self.events()))
        return self.events()[-1]


class CallableNotifier(Notifier):
    def __init__(self) -> None:
        self.target = Recorder()

    def events(self) -> list[tuple[int, int]]:
        return [(e[2], e[3]) for e in self.target.events]


class WindowNotifier(Notifier):
    """WM_RASDIALEVENT messages: to a message-only window on Windows; recorded
    by the simulator built into the Linux extension (RasSimTakePostedMessages)."""

    def __init__(self) -> None:
        self._got: list[tuple[int, int]] = []
        if sys.platform == "win32":
            import ctypes
            from ctypes import wintypes

            self._user32 = ctypes.WinDLL("user32", use_last_error=True)  # type: ignore[attr-defined]
            self._user32.CreateWindowExW.restype = wintypes.HWND
            self._user32.CreateWindowExW.argtypes = [
                wintypes.DWORD, wintypes.LPCWSTR, wintypes.LPCWSTR, wintypes.DWORD,
                ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_int,
                wintypes.HWND, wintypes.HMENU, wintypes.HINSTANCE, wintypes.LPVOID,
            ]  # fmt: skip
            hwnd = self._user32.CreateWindowExW(
                0, "STATIC", "ras flows", 0, 0, 0, 0, 0, wintypes.HWND(-3), None, None, None
            )
            assert hwnd, ctypes.get_last_error()
            self.target = int(hwnd)
        else:
            simctl.posted_messages()  # drop what earlier tests left
            self.target = 0x5151

    def events(self) -> list[tuple[int, int]]:
        if sys.platform == "win32":
            import ctypes
            from ctypes import wintypes

            msg = wintypes.MSG()
            while self._user32.PeekMessageW(
                ctypes.byref(msg),
                wintypes.HWND(self.target),
                ras.WM_RASDIALEVENT,
                ras.WM_RASDIALEVENT,
                1,
            ):
                self._got.append((int(msg.wParam), int(msg.lParam)))
        else:
            for hwnd, msg, state, error in simctl.posted_messages():
                assert (hwnd, msg) == (self.target, ras.WM_RASDIALEVENT)
                self._got.append((state, error))
        return list(self._got)

    def close(self) -> None:
        if sys.platform == "win32":
            from ctypes import wintypes

            self._user32.DestroyWindow(wintypes.HWND(self.target))


@pytest.fixture(params=["callable", "window"])
def notifier(request: pytest.FixtureRequest) -> Iterator[Notifier]:
    n: Notifier = CallableNotifier() if request.param == "callable" else WindowNotifier()
    yield n
    if isinstance(n, WindowNotifier):
        n.close()


def dial(
    pbk: str, n: Notifier | None, p: tuple[str, ...], ext: Any = None, hrasconn: int | None = None
) -> tuple[int, int]:
    target = n.target if n is not None else None
    if hrasconn is None:
        return ras.Dial(ext, pbk, p, target)
    return ras.Dial(ext, pbk, p, target, hrasconn=hrasconn)


def connected_then_hang_up(h: int, n: Notifier) -> None:
    assert n.wait_final() == (ras.RASCS_Connected, 0)
    assert ras.GetConnectStatus(h)[:2] == (ras.RASCS_Connected, 0)
    ras.HangUp(h)


# ---- callback ----------------------------------------------------------------


def test_preset_callback(pbk: str, scenario: Scenario, notifier: Notifier) -> None:
    scenario.set({"Lab": {"Callback": "Preset", "CallbackNumber": "555 0100"}})
    # the caller's number is ignored: the server calls its own back
    h, rc = dial(pbk, notifier, params(callback="not a number!"))
    assert rc == 0
    connected_then_hang_up(h, notifier)
    assert notifier.states() == UP_TO_AUTHENTICATE + CALLBACK_STATES + AFTER_AUTHENTICATE
    assert {e[1] for e in notifier.events()} == {0}


def test_set_by_caller_with_a_number(pbk: str, scenario: Scenario, notifier: Notifier) -> None:
    scenario.set({"Lab": {"Callback": "SetByCaller"}})
    # a number given at once: no pause, even with paused states
    h, rc = dial(pbk, notifier, params(callback="(555) 0123-W@"), paused())
    assert rc == 0
    connected_then_hang_up(h, notifier)
    expected = [*UP_TO_AUTHENTICATE, ras.RASCS_AuthCallback, *CALLBACK_STATES, *AFTER_AUTHENTICATE]
    assert notifier.states() == expected


def test_set_by_caller_declines_the_callback(pbk: str, scenario: Scenario) -> None:
    scenario.set({"Lab": {"Callback": "SetByCaller"}})
    rec = Recorder()
    h, rc = ras.Dial(None, pbk, params(callback=""), rec)
    assert rc == 0
    rec.wait()
    assert rec.states == [*UP_TO_AUTHENTICATE, ras.RASCS_AuthCallback, *AFTER_AUTHENTICATE]
    ras.HangUp(h)


def test_set_by_caller_asks_for_the_number(
    pbk: str, scenario: Scenario, notifier: Notifier
) -> None:
    scenario.set({"Lab": {"Callback": "SetByCaller"}})
    ext = paused()
    simctl.clear_logs()
    h, rc = dial(pbk, notifier, params(callback="*"), ext)
    assert rc == 0
    notifier.wait_for(ras.RASCS_CallbackSetByCaller)
    assert ras.GetConnectStatus(h)[:2] == (ras.RASCS_CallbackSetByCaller, 0)
    assert notifier.states()[-2:] == [ras.RASCS_AuthCallback, ras.RASCS_CallbackSetByCaller]

    assert dial(pbk, notifier, params(callback="5550123"), ext, hrasconn=h) == (h, 0)
    connected_then_hang_up(h, notifier)
    after = notifier.states()[notifier.states().index(ras.RASCS_CallbackSetByCaller) + 1 :]
    assert after == CALLBACK_STATES + AFTER_AUTHENTICATE
    # what each call sent, as the code under test can check it
    log = simctl.dial_log()
    assert [(r["callbackNumber"], r["resume"]) for r in log] == [("*", False), ("5550123", True)]


def test_set_by_caller_answers_no_callback(pbk: str, scenario: Scenario) -> None:
    scenario.set({"Lab": {"Callback": "SetByCaller"}})
    ext, rec = paused(), Recorder()
    h, rc = ras.Dial(ext, pbk, params(callback="*"), rec)
    assert rc == 0
    wait_until(lambda: ras.RASCS_CallbackSetByCaller in rec.states)
    assert ras.Dial(ext, pbk, params(callback=""), rec, hrasconn=h) == (h, 0)
    rec.wait()
    assert rec.states[-len(AFTER_AUTHENTICATE) - 1 :] == [
        ras.RASCS_CallbackSetByCaller,
        *AFTER_AUTHENTICATE,
    ]
    assert not set(CALLBACK_STATES) & set(rec.states)
    ras.HangUp(h)


@pytest.mark.parametrize("answer", ["12a4", "*", "555#1"])
def test_set_by_caller_refuses_a_bad_answer(pbk: str, scenario: Scenario, answer: str) -> None:
    scenario.set({"Lab": {"Callback": "SetByCaller"}})
    ext, rec = paused(), Recorder()
    h, rc = ras.Dial(ext, pbk, params(callback="*"), rec)
    assert rc == 0
    wait_until(lambda: ras.RASCS_CallbackSetByCaller in rec.states)
    assert ras.Dial(ext, pbk, params(callback=answer), rec, hrasconn=h) == (h, 0)
    rec.wait()
    failure = (ras.RASCS_CallbackSetByCaller, ras.ERROR_INVALID_CALLBACK_NUMBER)
    assert rec.events[-1][2:4] == failure
    assert ras.GetConnectStatus(h)[:2] == failure
    ras.HangUp(h)


def test_set_by_caller_bad_number_at_once(pbk: str, scenario: Scenario) -> None:
    scenario.set({"Lab": {"Callback": "SetByCaller"}})
    rec = Recorder()
    h, rc = ras.Dial(None, pbk, params(callback="555-CALL"), rec)
    assert rc == 0
    rec.wait()
    assert rec.events[-1][2:4] == (ras.RASCS_AuthCallback, ras.ERROR_INVALID_CALLBACK_NUMBER)
    ras.HangUp(h)


def test_star_without_paused_states_uses_the_saved_number(pbk: str, scenario: Scenario) -> None:
    scenario.set({"Lab": {"Callback": "SetByCaller"}})
    ras.SetEntryDialParams(pbk, ("Lab", "", "555 0199", "alice", "old-pw", ""), False)
    rec = Recorder()
    h, rc = ras.Dial(None, pbk, params(callback="*"), rec)
    assert rc == 0
    rec.wait()
    assert rec.states == (
        [*UP_TO_AUTHENTICATE, ras.RASCS_AuthCallback, *CALLBACK_STATES, *AFTER_AUTHENTICATE]
    )
    ras.HangUp(h)


def test_star_without_paused_states_and_nothing_saved(
    pbk: str, scenario: Scenario, notifier: Notifier
) -> None:
    scenario.set({"Lab": {"Callback": "SetByCaller"}})
    h, rc = dial(pbk, notifier, params(callback="*"))
    assert rc == 0
    failure = (ras.RASCS_CallbackSetByCaller, ras.ERROR_INTERACTIVE_MODE)
    assert notifier.wait_final() == failure
    assert notifier.states()[-2:] == [ras.RASCS_AuthCallback, ras.RASCS_CallbackSetByCaller]
    ras.HangUp(h)


def test_synchronous_dial_cannot_be_asked(pbk: str, scenario: Scenario) -> None:
    scenario.set({"Lab": {"Callback": "SetByCaller"}})
    # paused states need a notifier to report the pause to
    h, rc = ras.Dial(paused(), pbk, params(callback="*"), None)
    assert rc == ras.ERROR_INTERACTIVE_MODE
    ras.HangUp(h)
    ras.SetEntryDialParams(pbk, ("Lab", "", "555 0199", "alice", "old-pw", ""), False)
    h, rc = ras.Dial(paused(), pbk, params(callback="*"), None)
    assert rc == 0
    assert ras.GetConnectStatus(h)[:2] == (ras.RASCS_Connected, 0)
    ras.HangUp(h)


def test_no_callback_user_ignores_the_number(pbk: str, scenario: Scenario) -> None:
    scenario.set({"Lab": {"Callback": "None"}})
    rec = Recorder()
    h, rc = ras.Dial(paused(), pbk, params(callback="*"), rec)
    assert rc == 0
    rec.wait()
    assert rec.states == SUCCESS_STATES
    ras.HangUp(h)


def test_fail_while_waiting_for_the_callback(pbk: str, scenario: Scenario) -> None:
    scenario.set(
        {"Lab": {"Callback": "Preset", "CallbackNumber": "5550100", "FailState": "WaitForCallback"}}
    )
    scenario_error = ras.ERROR_FROM_DEVICE
    h, rc = ras.Dial(None, pbk, params(), None)
    assert rc == scenario_error
    assert ras.GetConnectStatus(h)[:2] == (ras.RASCS_WaitForCallback, scenario_error)
    ras.HangUp(h)


def test_hang_up_while_asked_for_the_number(pbk: str, scenario: Scenario) -> None:
    scenario.set({"Lab": {"Callback": "SetByCaller"}})
    ext, rec = paused(), Recorder()
    h, rc = ras.Dial(ext, pbk, params(callback="*"), rec)
    assert rc == 0
    wait_until(lambda: ras.RASCS_CallbackSetByCaller in rec.states)
    ras.HangUp(h)
    with pytest.raises(ras.error) as info:
        ras.GetConnectStatus(h)
    assert info.value.args[0] == ras.ERROR_INVALID_HANDLE
    assert rec.states[-1] == ras.RASCS_CallbackSetByCaller  # nothing after the hang-up
    assert ras.Dial(ext, pbk, params(callback="5550123"), rec, hrasconn=h)[1] == (
        ras.ERROR_INVALID_HANDLE
    )


# ---- expired password ----------------------------------------------------------


def expired(scenario: Scenario, **more: object) -> None:
    scenario.set({"Lab": {**CREDS, "PasswordExpired": 1, **more}})


def test_password_expired_then_changed(pbk: str, scenario: Scenario, notifier: Notifier) -> None:
    expired(scenario)
    ext = paused()
    h, rc = dial(pbk, notifier, params(), ext)
    assert rc == 0
    notifier.wait_for(ras.RASCS_PasswordExpired)
    assert ras.GetConnectStatus(h)[:2] == (ras.RASCS_PasswordExpired, 0)
    assert notifier.states() == [*UP_TO_AUTHENTICATE, ras.RASCS_PasswordExpired]

    # the new password goes in szPassword
    assert dial(pbk, notifier, params(password="new-pw"), ext, hrasconn=h) == (h, 0)
    connected_then_hang_up(h, notifier)
    after = notifier.states()[notifier.states().index(ras.RASCS_PasswordExpired) + 1 :]
    assert after == [ras.RASCS_AuthChangePassword, *AFTER_AUTHENTICATE]

    # the server now takes the new password only, and it has not expired
    h, rc = ras.Dial(None, pbk, params(), None)
    assert rc == ras.ERROR_AUTHENTICATION_FAILURE
    ras.HangUp(h)
    rec = Recorder()
    h, rc = ras.Dial(ext, pbk, params(password="new-pw"), rec)
    assert rc == 0
    rec.wait()
    assert rec.states == SUCCESS_STATES
    ras.HangUp(h)


def test_password_change_is_forgotten_at_reset(pbk: str, scenario: Scenario) -> None:
    expired(scenario)
    ext, rec = paused(), Recorder()
    h, _ = ras.Dial(ext, pbk, params(), rec)
    wait_until(lambda: ras.RASCS_PasswordExpired in rec.states)
    ras.Dial(ext, pbk, params(password="new-pw"), rec, hrasconn=h)
    rec.wait()
    ras.HangUp(h)
    simctl.reset()
    h, rc = ras.Dial(None, pbk, params(), None)
    assert rc == ras.ERROR_PASSWD_EXPIRED  # the scenario's account again
    ras.HangUp(h)


def test_password_expired_without_paused_states(
    pbk: str, scenario: Scenario, notifier: Notifier
) -> None:
    expired(scenario)
    h, rc = dial(pbk, notifier, params())
    assert rc == 0
    assert notifier.wait_final() == (ras.RASCS_PasswordExpired, ras.ERROR_PASSWD_EXPIRED)
    ras.HangUp(h)
    h, rc = ras.Dial(paused(), pbk, params(), None)  # synchronous: cannot pause
    assert rc == ras.ERROR_PASSWD_EXPIRED
    assert ras.GetConnectStatus(h)[:2] == (ras.RASCS_PasswordExpired, ras.ERROR_PASSWD_EXPIRED)
    ras.HangUp(h)


@pytest.mark.parametrize("new", ["", "old-pw"], ids=["empty", "unchanged"])
def test_new_password_refused(pbk: str, scenario: Scenario, new: str) -> None:
    expired(scenario)
    ext, rec = paused(), Recorder()
    h, _ = ras.Dial(ext, pbk, params(), rec)
    wait_until(lambda: ras.RASCS_PasswordExpired in rec.states)
    assert ras.Dial(ext, pbk, params(password=new), rec, hrasconn=h) == (h, 0)
    rec.wait()
    failure = (ras.RASCS_AuthChangePassword, ras.ERROR_CHANGING_PASSWORD)
    assert rec.events[-1][2:4] == failure
    ras.HangUp(h)
    h, rc = ras.Dial(None, pbk, params(), None)  # nothing changed on the server
    assert rc == ras.ERROR_PASSWD_EXPIRED
    ras.HangUp(h)


def test_wrong_password_is_refused_before_expiry(pbk: str, scenario: Scenario) -> None:
    expired(scenario)
    ext, rec = paused(), Recorder()
    h, rc = ras.Dial(ext, pbk, params(password="wrong"), rec)
    assert rc == 0
    wait_until(lambda: ras.RASCS_RetryAuthentication in rec.states)
    assert ras.RASCS_PasswordExpired not in rec.states
    assert ras.Dial(ext, pbk, params(), rec, hrasconn=h) == (h, 0)
    wait_until(lambda: ras.RASCS_PasswordExpired in rec.states)
    assert ras.Dial(ext, pbk, params(password="new-pw"), rec, hrasconn=h) == (h, 0)
    rec.wait()
    assert rec.states[-1] == ras.RASCS_Connected
    ras.HangUp(h)


def test_fail_state_auth_change_password(pbk: str, scenario: Scenario) -> None:
    expired(scenario, FailState="AuthChangePassword", FailError=ras.ERROR_CHANGING_PASSWORD)
    ext, rec = paused(), Recorder()
    h, _ = ras.Dial(ext, pbk, params(), rec)
    wait_until(lambda: ras.RASCS_PasswordExpired in rec.states)
    ras.Dial(ext, pbk, params(password="new-pw"), rec, hrasconn=h)
    rec.wait()
    assert rec.events[-1][2:4] == (ras.RASCS_AuthChangePassword, ras.ERROR_CHANGING_PASSWORD)
    ras.HangUp(h)


def test_password_expired_then_callback(pbk: str, scenario: Scenario) -> None:
    expired(scenario, Callback="SetByCaller")
    ext, rec = paused(), Recorder()
    h, _ = ras.Dial(ext, pbk, params(callback="*"), rec)
    wait_until(lambda: ras.RASCS_PasswordExpired in rec.states)
    ras.Dial(ext, pbk, params(callback="*", password="new-pw"), rec, hrasconn=h)
    wait_until(lambda: ras.RASCS_CallbackSetByCaller in rec.states)
    ras.Dial(ext, pbk, params(callback="5550100", password="new-pw"), rec, hrasconn=h)
    rec.wait()
    assert rec.states == [
        *UP_TO_AUTHENTICATE,
        ras.RASCS_PasswordExpired,
        ras.RASCS_AuthChangePassword,
        ras.RASCS_AuthCallback,
        ras.RASCS_CallbackSetByCaller,
        *CALLBACK_STATES,
        *AFTER_AUTHENTICATE,
    ]
    ras.HangUp(h)


# ---- interactive (a terminal step) ----------------------------------------------


def test_interactive_pause(pbk: str, scenario: Scenario, notifier: Notifier) -> None:
    scenario.set({"Lab": {"Interactive": 1}})
    ext = paused()
    h, rc = dial(pbk, notifier, params(), ext)
    assert rc == 0
    notifier.wait_for(ras.RASCS_Interactive)
    assert ras.GetConnectStatus(h)[:2] == (ras.RASCS_Interactive, 0)
    device = SUCCESS_STATES.index(ras.RASCS_DeviceConnected) + 1
    assert notifier.states() == [*SUCCESS_STATES[:device], ras.RASCS_Interactive]
    assert dial(pbk, notifier, params(), ext, hrasconn=h) == (h, 0)
    connected_then_hang_up(h, notifier)
    after = notifier.states()[notifier.states().index(ras.RASCS_Interactive) + 1 :]
    assert after == SUCCESS_STATES[device:]


def test_interactive_without_paused_states(
    pbk: str, scenario: Scenario, notifier: Notifier
) -> None:
    scenario.set({"Lab": {"Interactive": 1}})
    h, rc = dial(pbk, notifier, params())
    assert rc == 0
    assert notifier.wait_final() == (ras.RASCS_Interactive, ras.ERROR_INTERACTIVE_MODE)
    ras.HangUp(h)
    h, rc = ras.Dial(paused(), pbk, params(), None)
    assert rc == ras.ERROR_INTERACTIVE_MODE
    ras.HangUp(h)


def test_interactive_resume_credentials_are_authenticated(pbk: str, scenario: Scenario) -> None:
    scenario.set({"Lab": {"Interactive": 1, **CREDS}})
    ext, rec = paused(), Recorder()
    h, _ = ras.Dial(ext, pbk, params(password="wrong"), rec)
    wait_until(lambda: ras.RASCS_Interactive in rec.states)
    ras.Dial(ext, pbk, params(), rec, hrasconn=h)  # the right password this time
    rec.wait()
    assert rec.states[-1] == ras.RASCS_Connected
    ras.HangUp(h)


def test_hang_up_while_interactive(pbk: str, scenario: Scenario) -> None:
    scenario.set({"Lab": {"Interactive": 1}})
    ext, rec = paused(), Recorder()
    h, _ = ras.Dial(ext, pbk, params(), rec)
    wait_until(lambda: ras.RASCS_Interactive in rec.states)
    ras.HangUp(h)
    assert ras.EnumConnections() == []
    assert rec.states[-1] == ras.RASCS_Interactive


# ---- resumes RAS refuses, in every new paused state ---------------------------------

PAUSES: dict[str, tuple[dict[str, object], str, int]] = {
    "callback": ({"Callback": "SetByCaller"}, "*", ras.RASCS_CallbackSetByCaller),
    "password": ({**CREDS, "PasswordExpired": 1}, "", ras.RASCS_PasswordExpired),
    "interactive": ({"Interactive": 1}, "", ras.RASCS_Interactive),
}


@pytest.mark.parametrize("pause", sorted(PAUSES))
def test_refused_resumes(pbk: str, scenario: Scenario, pause: str) -> None:
    section, callback, state = PAUSES[pause]
    scenario.set({"Lab": section})
    ext, rec = paused(), Recorder()
    h, _ = ras.Dial(ext, pbk, params(callback=callback), rec)
    wait_until(lambda: state in rec.states)
    answer = params(callback="5550100", password="new-pw")
    # synchronously, or with another kind of notifier: RAS refuses, the dial stays
    # paused (another callable is the same notifier to RAS: test_resume.py)
    assert ras.Dial(ext, pbk, answer, None, hrasconn=h)[1] == ras.ERROR_INVALID_PARAMETER
    assert ras.Dial(ext, pbk, answer, 0x5252, hrasconn=h)[1] == ras.ERROR_INVALID_PARAMETER
    assert ras.GetConnectStatus(h)[:2] == (state, 0)
    assert ras.Dial(ext, pbk, answer, rec, hrasconn=h) == (h, 0)
    rec.wait()
    assert rec.states[-1] == ras.RASCS_Connected
    # once resumed, not again
    assert ras.Dial(ext, pbk, answer, rec, hrasconn=h)[1] == ras.ERROR_INVALID_PARAMETER
    ras.HangUp(h)


def resume_from_callback(pbk: str, ext: Any, answer: tuple[str, ...]) -> Callable[..., None]:
    """A callable that tries to resume from inside its own notification."""
    results: list[int] = []

    def callback(h: int, msg: int, state: int, error: int, exterror: int) -> None:
        if state >= ras.RASCS_PAUSED and state != ras.RASCS_Connected and not results:
            results.append(ras.Dial(ext, pbk, answer, callback, hrasconn=h)[1])

    callback.results = results  # type: ignore[attr-defined]
    return callback


@pytest.mark.parametrize("pause", sorted(PAUSES))
def test_resume_from_inside_the_notification_is_refused(
    pbk: str, scenario: Scenario, pause: str
) -> None:
    section, callback_number, state = PAUSES[pause]
    scenario.set({"Lab": section})
    ext = paused()
    cb = resume_from_callback(pbk, ext, params(callback="5550100", password="new-pw"))
    h, _ = ras.Dial(ext, pbk, params(callback=callback_number), cb)
    wait_until(lambda: bool(cb.results))  # type: ignore[attr-defined]
    assert cb.results == [ras.ERROR_INVALID_PARAMETER]  # type: ignore[attr-defined]
    assert ras.GetConnectStatus(h)[:2] == (state, 0)
    ras.HangUp(h)


# ---- every paused state, each kind of notifier, and the lifetime of callables ----

EVERY_PAUSE: dict[str, tuple[dict[str, object], tuple[str, ...], tuple[str, ...], int]] = {
    # scenario, first params, resuming params, paused state
    "retry": (CREDS, params(password="typo"), params(), ras.RASCS_RetryAuthentication),
    "eap": ({"InvokeEapUI": 1}, params(), params(), ras.RASCS_InvokeEapUI),
    **{
        name: (section, params(callback=cb), params(callback="5550100", password="new-pw"), st)
        for name, (section, cb, st) in PAUSES.items()
    },
}


@pytest.mark.parametrize("pause", sorted(EVERY_PAUSE))
def test_every_paused_state_resumes_with_each_notifier(
    pbk: str, scenario: Scenario, notifier: Notifier, pause: str
) -> None:
    section, first, answer, state = EVERY_PAUSE[pause]
    scenario.set({"Lab": section})
    ext = paused()
    h, rc = dial(pbk, notifier, first, ext)
    assert rc == 0
    notifier.wait_for(state)
    if state == ras.RASCS_InvokeEapUI:
        ras.InvokeEapUI(h, 0, ext, None)
    assert dial(pbk, notifier, answer, ext, hrasconn=h) == (h, 0)
    connected_then_hang_up(h, notifier)
    assert notifier.states().count(state) == 1


@pytest.mark.parametrize("pause", sorted(PAUSES))
def test_callables_are_released_through_every_pause(
    pbk: str, scenario: Scenario, pause: str
) -> None:
    section, callback_number, state = PAUSES[pause]
    scenario.set({"Lab": section})
    ext = paused()
    first, answer = params(callback=callback_number), params(callback="5550100", password="new-pw")

    def cycle(hang_up_while_paused: bool) -> None:
        a, b = Recorder(), Recorder()
        h, _ = ras.Dial(ext, pbk, first, a)
        wait_until(lambda: state in a.states)
        if hang_up_while_paused:
            ras.HangUp(h)
            return
        ras.Dial(ext, pbk, answer, b, hrasconn=h)
        b.wait()
        ras.HangUp(h)
        simctl.reset()  # forgets a changed password: expired again

    for warm_up in (False, True):
        cycle(warm_up)
    wait_until(lambda: ras._ras._pending_dials() == 0)
    counts = [sys.getrefcount(o) for o in (ext, pbk, first, answer)]
    for i in range(60):
        cycle(i % 2 == 1)
    wait_until(lambda: ras._ras._pending_dials() == 0)
    assert [sys.getrefcount(o) for o in (ext, pbk, first, answer)] == counts
    assert ras.EnumConnections() == []


def test_the_win32ras_shim_resumes_too(pbk: str, scenario: Scenario) -> None:
    """Legacy code: win32ras's Dial and RASDIALEXTENSIONS are the same, with hrasconn."""
    import win32ras

    scenario.set({"Lab": {**CREDS, "PasswordExpired": 1, "Callback": "SetByCaller"}})
    ext = win32ras.RASDIALEXTENSIONS()
    ext.dwfOptions = ras.RDEOPT_PausedStates  # pywin32 exports no RDEOPT_*
    rec = Recorder()
    h, rc = win32ras.Dial(ext, pbk, params(callback="*"), rec)
    assert rc == 0
    wait_until(lambda: win32ras.RASCS_PasswordExpired in rec.states)
    assert win32ras.Dial(ext, pbk, params(callback="*", password="n3w"), rec, hrasconn=h)[1] == 0
    wait_until(lambda: win32ras.RASCS_CallbackSetByCaller in rec.states)
    assert win32ras.Dial(ext, pbk, params(callback="5550100"), rec, hrasconn=h)[1] == 0
    rec.wait()
    assert rec.states[-1] == win32ras.RASCS_Connected
    assert win32ras.GetConnectStatus(h)[0] == win32ras.RASCS_Connected
    win32ras.HangUp(h)
