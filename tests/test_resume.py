"""Resuming a paused dial: RasDial again with the paused connection's handle (issue 4)."""

from __future__ import annotations

import sys
import threading
from typing import Any

import pytest
from support import Recorder, Scenario, requires_sim
from test_dial import wait_until

import ras

pytestmark = requires_sim

BOGUS = 0x9999
CREDS = {"User": "alice", "Password": "right"}


def paused_extensions() -> ras.RASDIALEXTENSIONS:
    ext = ras.RASDIALEXTENSIONS()
    ext.dwfOptions = ras.RDEOPT_PausedStates
    return ext


def dial_paused_for_eap(pbk: str, scenario: Scenario, recorder: Any) -> tuple[int, Any]:
    scenario.set({"*": {"InvokeEapUI": 1}})
    ext = paused_extensions()
    h, rc = ras.Dial(ext, pbk, ("Lab",), recorder)
    assert rc == 0 and h
    wait_until(lambda: ras.GetConnectStatus(h)[0] == ras.RASCS_InvokeEapUI)
    return h, ext


def wait_paused(h: int, state: int) -> None:
    wait_until(lambda: ras.GetConnectStatus(h)[0] == state)


class Counter:
    """A callable that only counts and signals the end of the dial (no stored events)."""

    def __init__(self) -> None:
        self.calls = 0
        self.final: tuple[int, int] | None = None
        self.done = threading.Event()

    def __call__(self, h: int, msg: int, state: int, error: int, exterror: int) -> None:
        self.calls += 1
        if ras.is_final_state(state, error):
            self.final = (state, error)
            self.done.set()


# ---- RASCS_InvokeEapUI -----------------------------------------------------


def test_resume_after_invoke_eap_ui(pbk: str, scenario: Scenario) -> None:
    first, second = Recorder(), Recorder()
    h, ext = dial_paused_for_eap(pbk, scenario, first)
    # resumed once the paused dial's callable was told (a resume made before
    # may hand it that pause: docs/api/connections.md)
    wait_until(lambda: ras.RASCS_InvokeEapUI in first.states)
    ras.InvokeEapUI(h, 1, ext, None)
    # RasInvokeEapUI only collects the EAP data: the dial waits for RasDial
    assert ras.GetConnectStatus(h)[0] == ras.RASCS_InvokeEapUI
    assert ras.Dial(ext, pbk, ("Lab",), second, hrasconn=h) == (h, 0)
    second.wait()
    assert second.states[-1] == ras.RASCS_Connected
    # the resumed dial notifies the resuming call's callable, from after the pause
    assert ras.RASCS_OpenPort not in second.states
    assert ras.RASCS_Projected in second.states
    assert first.states[-1] == ras.RASCS_InvokeEapUI
    assert {e[0] for e in second.events} == {h}
    assert ras.GetConnectStatus(h)[0] == ras.RASCS_Connected
    ras.HangUp(h)


def test_resume_with_the_same_callable(pbk: str, scenario: Scenario, recorder: Recorder) -> None:
    h, ext = dial_paused_for_eap(pbk, scenario, recorder)
    ras.InvokeEapUI(h, 1, ext)
    assert ras.Dial(ext, pbk, ("Lab",), recorder, hrasconn=h) == (h, 0)
    recorder.wait()
    states = recorder.states
    assert states.index(ras.RASCS_InvokeEapUI) < states.index(ras.RASCS_Projected)
    assert states[-1] == ras.RASCS_Connected
    ras.HangUp(h)


def test_resume_without_invoke_eap_ui_fails_the_dial(
    pbk: str, scenario: Scenario, recorder: Recorder
) -> None:
    h, ext = dial_paused_for_eap(pbk, scenario, recorder)
    assert ras.Dial(ext, pbk, ("Lab",), recorder, hrasconn=h) == (h, 0)
    recorder.wait()
    assert recorder.events[-1][2:4] == (ras.RASCS_InvokeEapUI, ras.ERROR_INTERACTIVE_MODE)
    assert ras.GetConnectStatus(h)[:2] == (ras.RASCS_InvokeEapUI, ras.ERROR_INTERACTIVE_MODE)
    ras.HangUp(h)


def test_invoke_eap_ui_twice_then_resume(pbk: str, scenario: Scenario, recorder: Recorder) -> None:
    h, ext = dial_paused_for_eap(pbk, scenario, recorder)
    ras.InvokeEapUI(h, 1, ext)
    ras.InvokeEapUI(h, 1, ext)  # the user may be asked again while paused
    assert ras.Dial(ext, pbk, ("Lab",), recorder, hrasconn=h)[1] == 0
    recorder.wait()
    assert recorder.states[-1] == ras.RASCS_Connected
    ras.HangUp(h)


# ---- RASCS_RetryAuthentication ----------------------------------------------


def test_resume_retry_authentication_with_a_new_password(
    pbk: str, scenario: Scenario, recorder: Recorder
) -> None:
    scenario.set({"Lab": CREDS})
    ext = paused_extensions()
    h, rc = ras.Dial(ext, pbk, ("Lab", "", "", "alice", "wrong", ""), recorder)
    assert rc == 0
    wait_until(lambda: ras.RASCS_RetryAuthentication in recorder.states)
    assert ras.GetConnectStatus(h)[:2] == (ras.RASCS_RetryAuthentication, 0)
    assert recorder.events[-1][2:4] == (ras.RASCS_RetryAuthentication, 0)

    # still wrong: authenticated again, paused again
    assert ras.Dial(ext, pbk, ("Lab", "", "", "alice", "again", ""), recorder, hrasconn=h)[1] == 0
    wait_until(lambda: recorder.states.count(ras.RASCS_RetryAuthentication) == 2)
    assert ras.RASCS_AuthRetry in recorder.states

    assert ras.Dial(ext, pbk, ("Lab", "", "", "alice", "right", ""), recorder, hrasconn=h)[1] == 0
    recorder.wait()
    states = recorder.states
    assert states[-1] == ras.RASCS_Connected
    assert states.count(ras.RASCS_Authenticate) == 3
    assert states.count(ras.RASCS_AuthRetry) == 2
    assert all(e[3] == 0 for e in recorder.events)  # no error notified on the way
    ras.HangUp(h)


def test_retry_authentication_user_name_too(pbk: str, scenario: Scenario) -> None:
    scenario.set({"Lab": CREDS})
    ext = paused_extensions()
    first, second = Recorder(), Recorder()
    h, _ = ras.Dial(ext, pbk, ("Lab", "", "", "bob", "right", ""), first)
    # the application's cue: its callable told of the pause (polling
    # GetConnectStatus can see the state while that notification is still on
    # its way, and a resume then may hand it to the new callable)
    wait_until(lambda: ras.RASCS_RetryAuthentication in first.states)
    assert ras.Dial(ext, pbk, ("Lab", "", "", "ALICE", "right", ""), second, hrasconn=h)[1] == 0
    second.wait()
    assert first.states[-1] == ras.RASCS_RetryAuthentication
    assert second.states[:2] == [ras.RASCS_AuthRetry, ras.RASCS_Authenticate]
    assert second.states[-1] == ras.RASCS_Connected
    ras.HangUp(h)


def test_wrong_password_without_paused_states_fails(
    pbk: str, scenario: Scenario, recorder: Recorder
) -> None:
    scenario.set({"Lab": CREDS})
    h, rc = ras.Dial(None, pbk, ("Lab", "", "", "alice", "wrong", ""), recorder)
    assert rc == 0
    recorder.wait()
    assert recorder.events[-1][2:4] == (ras.RASCS_Authenticate, ras.ERROR_AUTHENTICATION_FAILURE)
    assert ras.RASCS_RetryAuthentication not in recorder.states
    ras.HangUp(h)


def test_synchronous_dial_does_not_pause(pbk: str, scenario: Scenario) -> None:
    # no notifier to report the pause to: the dial fails there as without the option
    scenario.set({"Lab": CREDS, "Home": {"InvokeEapUI": 1}})
    ext = paused_extensions()
    h, rc = ras.Dial(ext, pbk, ("Lab", "", "", "alice", "wrong", ""), None)
    assert rc == ras.ERROR_AUTHENTICATION_FAILURE
    ras.HangUp(h)
    h, rc = ras.Dial(ext, pbk, ("Home",), None)
    assert rc == ras.ERROR_INTERACTIVE_MODE
    ras.HangUp(h)


# ---- what cannot be resumed ----------------------------------------------------


def test_resume_a_dial_that_is_not_paused(pbk: str, scenario: Scenario) -> None:
    scenario.set({"*": {}})
    ext = paused_extensions()
    connected = Recorder()
    h, _ = ras.Dial(ext, pbk, ("Lab",), connected)
    connected.wait()
    cb = Counter()
    before = sys.getrefcount(cb)
    assert ras.Dial(ext, pbk, ("Lab",), cb, hrasconn=h) == (h, ras.ERROR_INVALID_PARAMETER)
    assert sys.getrefcount(cb) == before and cb.calls == 0
    assert ras.GetConnectStatus(h)[0] == ras.RASCS_Connected
    ras.HangUp(h)


def test_resume_a_dial_in_a_running_state(pbk: str, scenario: Scenario) -> None:
    scenario.set({"*": {"StateDelayMs": 60000}})
    ext = paused_extensions()
    first, second = Recorder(), Recorder()
    h, _ = ras.Dial(ext, pbk, ("Lab",), first)
    wait_until(lambda: ras.RASCS_OpenPort in first.states)
    assert ras.Dial(ext, pbk, ("Lab",), second, hrasconn=h) == (h, ras.ERROR_INVALID_PARAMETER)
    assert second.events == []
    ras.HangUp(h)


def test_resume_twice(pbk: str, scenario: Scenario, recorder: Recorder) -> None:
    h, ext = dial_paused_for_eap(pbk, scenario, recorder)
    ras.InvokeEapUI(h, 1, ext)
    assert ras.Dial(ext, pbk, ("Lab",), recorder, hrasconn=h)[1] == 0
    recorder.wait()
    assert ras.Dial(ext, pbk, ("Lab",), recorder, hrasconn=h)[1] == ras.ERROR_INVALID_PARAMETER
    raises_invoke = pytest.raises(ras.error)
    with raises_invoke as exc:
        ras.InvokeEapUI(h, 1, ext)
    assert exc.value.winerror == ras.ERROR_INVALID_PARAMETER
    ras.HangUp(h)


@pytest.mark.parametrize("handle", [BOGUS, 0x10000 - 0x10, 2**32 + 5])
def test_resume_a_bad_handle(pbk: str, scenario: Scenario, handle: int) -> None:
    scenario.set({"*": {}})
    cb = Counter()
    before = sys.getrefcount(cb)
    assert ras.Dial(None, pbk, ("Lab",), cb, hrasconn=handle) == (handle, ras.ERROR_INVALID_HANDLE)
    assert ras.Dial(None, pbk, ("Lab",), None, hrasconn=handle) == (handle, 6)
    assert sys.getrefcount(cb) == before and cb.calls == 0
    assert ras.EnumConnections() == []


def test_resume_with_another_kind_of_notifier(pbk: str, scenario: Scenario) -> None:
    first, second = Recorder(), Recorder()
    h, ext = dial_paused_for_eap(pbk, scenario, first)
    ras.InvokeEapUI(h, 1, ext)
    # RasDial's rule: the same notifier as the paused dial (here a RasDialFunc2)
    assert ras.Dial(ext, pbk, ("Lab",), None, hrasconn=h) == (h, ras.ERROR_INVALID_PARAMETER)
    assert ras.Dial(ext, pbk, ("Lab",), 0x1234, hrasconn=h) == (h, ras.ERROR_INVALID_PARAMETER)
    assert ras.GetConnectStatus(h)[0] == ras.RASCS_InvokeEapUI
    assert ras.Dial(ext, pbk, ("Lab",), second, hrasconn=h) == (h, 0)
    second.wait()
    assert second.states[-1] == ras.RASCS_Connected
    ras.HangUp(h)


def test_resume_from_inside_the_callback_is_refused(pbk: str, scenario: Scenario) -> None:
    scenario.set({"*": {"InvokeEapUI": 1}})
    ext = paused_extensions()
    results: list[tuple[int, int]] = []

    def inside(h: int, msg: int, state: int, error: int, exterror: int) -> None:
        if state == ras.RASCS_InvokeEapUI and not results:
            ras.InvokeEapUI(h, 1, ext)
            results.append(ras.Dial(ext, pbk, ("Lab",), recorder, hrasconn=h))

    recorder = Recorder(on_event=inside)
    h, _ = ras.Dial(ext, pbk, ("Lab",), recorder)
    wait_until(lambda: results)
    assert results == [(h, ras.ERROR_INVALID_PARAMETER)]
    # still paused, and the same callable still owns the dial: resume from here
    assert ras.Dial(ext, pbk, ("Lab",), recorder, hrasconn=h) == (h, 0)
    recorder.wait()
    assert recorder.states[-1] == ras.RASCS_Connected
    ras.HangUp(h)


# ---- hang-up and lifetimes ----------------------------------------------------------


def test_hang_up_while_paused(pbk: str, scenario: Scenario) -> None:
    cb = Counter()
    before = sys.getrefcount(cb)
    h, ext = dial_paused_for_eap(pbk, scenario, cb)
    assert sys.getrefcount(cb) == before + 1  # the dial holds it while paused
    ras.HangUp(h)
    assert sys.getrefcount(cb) == before
    assert ras._ras._pending_dials() == 0
    assert ras.Dial(ext, pbk, ("Lab",), cb, hrasconn=h) == (h, ras.ERROR_INVALID_HANDLE)
    assert sys.getrefcount(cb) == before


def test_hang_up_while_paused_for_retry_authentication(pbk: str, scenario: Scenario) -> None:
    scenario.set({"Lab": CREDS})
    ext = paused_extensions()
    cb = Counter()
    h, _ = ras.Dial(ext, pbk, ("Lab", "", "", "alice", "wrong", ""), cb)
    wait_until(lambda: ras.GetConnectStatus(h)[0] == ras.RASCS_RetryAuthentication)
    ras.HangUp(h)
    assert not ras.IsHandleValid(h)
    assert ras._ras._pending_dials() == 0


def test_refcounts_over_many_resume_cycles(pbk: str, scenario: Scenario) -> None:
    scenario.set({"*": {"InvokeEapUI": 1}})
    ext = paused_extensions()
    first, second = Counter(), Counter()
    before = sys.getrefcount(first), sys.getrefcount(second)
    for i in range(25):
        first.done.clear()
        second.done.clear()
        h, rc = ras.Dial(ext, pbk, ("Lab",), first)
        assert rc == 0
        wait_paused(h, ras.RASCS_InvokeEapUI)
        if i % 5 == 4:
            ras.HangUp(h)  # some cycles end while paused
            continue
        if i % 5 != 3:
            ras.InvokeEapUI(h, 1, ext)
        # a refused resume first (another notifier), then the real one
        assert ras.Dial(ext, pbk, ("Lab",), None, hrasconn=h)[1] == ras.ERROR_INVALID_PARAMETER
        assert ras.Dial(ext, pbk, ("Lab",), second, hrasconn=h) == (h, 0)
        assert second.done.wait(30)
        assert second.final == (
            (ras.RASCS_InvokeEapUI, ras.ERROR_INTERACTIVE_MODE)
            if i % 5 == 3
            else (ras.RASCS_Connected, 0)
        )
        ras.HangUp(h)
    assert ras._ras._pending_dials() == 0
    assert (sys.getrefcount(first), sys.getrefcount(second)) == before
    assert not first.done.is_set()  # the first callable never saw the end of a dial


def resume_from_threads(pbk: str, ext: Any, h: int, cb: Counter, n: int) -> list[int]:
    barrier = threading.Barrier(n)
    results: list[int] = []
    lock = threading.Lock()

    def resume() -> None:
        barrier.wait()
        rc = ras.Dial(ext, pbk, ("Lab",), cb, hrasconn=h)[1]
        with lock:
            results.append(rc)

    threads = [threading.Thread(target=resume) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sorted(results)


def test_concurrent_resumes_only_one_wins(pbk: str, scenario: Scenario) -> None:
    for _ in range(10):
        cb = Counter()
        h, ext = dial_paused_for_eap(pbk, scenario, cb)
        ras.InvokeEapUI(h, 1, ext)
        assert resume_from_threads(pbk, ext, h, cb, 4) == [0, 87, 87, 87]
        assert cb.done.wait(30) and cb.final == (ras.RASCS_Connected, 0)
        ras.HangUp(h)
    assert ras._ras._pending_dials() == 0


# ---- arguments -----------------------------------------------------------------------


def test_hrasconn_argument(pbk: str, scenario: Scenario, recorder: Recorder) -> None:
    scenario.set({"*": {}})
    # positional arguments keep pywin32's parsing and messages
    with pytest.raises(TypeError, match=r"^Dial\(\) takes exactly 4 arguments \(5 given\)$"):
        ras.Dial(None, pbk, ("Lab",), recorder, "h")  # type: ignore[misc]  # keyword only
    with pytest.raises(TypeError):
        ras.Dial(None, pbk, ("Lab",), recorder, hrasconn="h")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        ras.Dial(None, pbk, ("Lab",), recorder, hrasconn=1.5)  # type: ignore[arg-type]
    with pytest.raises(OverflowError):
        ras.Dial(None, pbk, ("Lab",), recorder, hrasconn=2**80)
    with pytest.raises(TypeError, match="unexpected keyword argument 'hrasconnx'"):
        ras.Dial(None, pbk, ("Lab",), recorder, hrasconnx=1)  # type: ignore[call-arg]
    assert ras._ras._pending_dials() == 0
    # None and 0 start a new dial
    for handle in (None, 0):
        rec = Recorder()
        h, rc = ras.Dial(None, pbk, ("Lab",), rec, hrasconn=handle)
        assert rc == 0 and h
        rec.wait()
        ras.HangUp(h)
