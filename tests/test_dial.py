"""Dial, synchronous and asynchronous, on the simulated rasapi32."""

from __future__ import annotations

import gc
import sys
import threading
import weakref
from typing import Any

import pytest
from support import Recorder, Scenario, linux_sim_only, requires_sim

import ras

pytestmark = requires_sim

# The states a successful dial walks, in the order Windows documents.
SUCCESS_STATES = [
    ras.RASCS_OpenPort,
    ras.RASCS_PortOpened,
    ras.RASCS_ConnectDevice,
    ras.RASCS_DeviceConnected,
    ras.RASCS_AllDevicesConnected,
    ras.RASCS_Authenticate,
    ras.RASCS_AuthNotify,
    ras.RASCS_AuthProject,
    ras.RASCS_AuthAck,
    ras.RASCS_Authenticated,
    ras.RASCS_Projected,
    ras.RASCS_Connected,
]


def connected(h: int) -> bool:
    return ras.GetConnectStatus(h)[0] == ras.RASCS_Connected


# ---- synchronous --------------------------------------------------------


def test_sync_dial_connects(pbk: str) -> None:
    h, rc = ras.Dial(None, pbk, ("Office VPN", "", "", "user", "pw", ""), None)
    assert rc == 0 and h != 0
    assert ras.GetConnectStatus(h) == (ras.RASCS_Connected, 0, "vpn", "WAN Miniport (IKEv2)")
    assert ras.EnumConnections() == [(h, "Office VPN", "vpn", "WAN Miniport (IKEv2)")]
    assert ras.IsHandleValid(h)
    ras.HangUp(h)
    assert ras.EnumConnections() == []
    assert not ras.IsHandleValid(h)
    with pytest.raises(ras.error) as exc:
        ras.GetConnectStatus(h)
    assert exc.value.winerror == 6


def test_sync_dial_default_phonebook_and_short_params(default_pbk: str) -> None:
    h, rc = ras.Dial(None, None, ["Backup"], None)
    assert rc == 0
    assert ras.EnumConnections()[0][1] == "Backup"
    ras.HangUp(h)


def test_sync_dial_entry_name_is_case_insensitive(pbk: str) -> None:
    h, rc = ras.Dial(None, pbk, ("office vpn",), None)
    assert rc == 0
    ras.HangUp(h)


def test_sync_dial_missing_entry(pbk: str) -> None:
    assert ras.Dial(None, pbk, ("No Such Entry",), None) == (0, 623)
    assert ras.EnumConnections() == []


def test_sync_dial_unreadable_phonebook(tmp_path: Any) -> None:
    h, rc = ras.Dial(None, str(tmp_path / "missing.pbk"), ("Office VPN",), None)
    assert (h, rc) == (0, ras.ERROR_CANNOT_OPEN_PHONEBOOK)


def test_sync_dial_wrong_credentials(pbk: str, scenario: Scenario) -> None:
    scenario.set({"Office VPN": {"User": "alice", "Password": "right"}})
    h, rc = ras.Dial(None, pbk, ("Office VPN", "", "", "alice", "wrong", ""), None)
    assert rc == ras.ERROR_AUTHENTICATION_FAILURE == 691
    assert h != 0  # a failed dial still has a handle to hang up, as on Windows
    state, error, _, _ = ras.GetConnectStatus(h)
    assert (state, error) == (ras.RASCS_Authenticate, 691)
    ras.HangUp(h)
    h, rc = ras.Dial(None, pbk, ("Office VPN", "", "", "alice", "right", ""), None)
    assert rc == 0
    ras.HangUp(h)


def test_sync_dial_saved_credentials_are_used(pbk: str, scenario: Scenario) -> None:
    scenario.set({"Lab": {"User": "bob", "Password": "pw1"}})
    ras.SetEntryDialParams(pbk, ("Lab", "", "", "bob", "pw1", ""), False)
    h, rc = ras.Dial(None, pbk, ("Lab",), None)
    assert rc == 0
    ras.HangUp(h)
    # the "password handle" GetEntryDialParams returns dials too (pywin32's demo does this)
    params, _ = ras.GetEntryDialParams(pbk, "Lab")
    h, rc = ras.Dial(None, pbk, ("Lab", "", "", params[3], params[4], ""), None)
    assert rc == 0
    ras.HangUp(h)


def test_sync_dial_fails_at_chosen_state(pbk: str, scenario: Scenario) -> None:
    scenario.set({"*": {"FailState": "ConnectDevice", "FailError": 678}})
    h, rc = ras.Dial(None, pbk, ("Home",), None)
    assert rc == 678
    assert ras.GetConnectStatus(h)[:2] == (ras.RASCS_ConnectDevice, 678)
    ras.HangUp(h)


def test_sync_dial_releases_the_gil(pbk: str, scenario: Scenario) -> None:
    scenario.set({"*": {"StateDelayMs": 20}})
    ticks = []
    stop = threading.Event()

    def spin() -> None:
        while not stop.is_set():
            ticks.append(1)
            stop.wait(0.001)

    t = threading.Thread(target=spin)
    t.start()
    try:
        h, rc = ras.Dial(None, pbk, ("Lab",), None)
    finally:
        stop.set()
        t.join()
    assert rc == 0
    assert len(ticks) > 5  # the other thread ran while Dial blocked
    ras.HangUp(h)


def test_referenced_connection(pbk: str) -> None:
    h1, rc1 = ras.Dial(None, pbk, ("Lab",), None)
    h2, rc2 = ras.Dial(None, pbk, ("Lab",), None)
    assert rc1 == rc2 == 0
    assert h1 == h2
    assert len(ras.EnumConnections()) == 1
    ras.HangUp(h1)
    assert connected(h1)  # one Dial still holds it
    ras.HangUp(h2)
    assert not ras.IsHandleValid(h1)


def test_dial_while_dialling_same_entry(pbk: str, scenario: Scenario, recorder: Recorder) -> None:
    scenario.set({"*": {"StateDelayMs": 50}})
    h, rc = ras.Dial(None, pbk, ("Lab",), recorder)
    assert rc == 0
    assert ras.Dial(None, pbk, ("Lab",), None) == (0, ras.ERROR_DIAL_ALREADY_IN_PROGRESS)
    recorder.wait()
    ras.HangUp(h)


def test_dialling_connection_is_listed(pbk: str, scenario: Scenario) -> None:
    scenario.set({"*": {"StateDelayMs": 10000}})
    h, rc = ras.Dial(None, pbk, ("Lab",), lambda *a: None)
    assert rc == 0
    assert [c[0] for c in ras.EnumConnections()] == [h]
    assert ras.GetConnectStatus(h)[0] == ras.RASCS_OpenPort
    ras.HangUp(h)  # abandons the 10 s states at once
    assert ras.EnumConnections() == []


def test_drop_after_connect(pbk: str, scenario: Scenario) -> None:
    scenario.set({"Lab": {"DropAfterMs": 50}})
    h, rc = ras.Dial(None, pbk, ("Lab",), None)
    assert rc == 0
    wait_until(lambda: ras.GetConnectStatus(h)[0] == ras.RASCS_Disconnected)
    state, error, _, _ = ras.GetConnectStatus(h)
    assert state == ras.RASCS_Disconnected and error != 0
    assert ras.EnumConnections() == []
    ras.HangUp(h)


# ---- asynchronous --------------------------------------------------------


def test_async_dial_walks_the_documented_states(pbk: str, recorder: Recorder) -> None:
    h, rc = ras.Dial(None, pbk, ("Office VPN",), recorder)
    assert rc == 0 and h != 0
    recorder.wait()
    assert recorder.states == SUCCESS_STATES
    assert {e[0] for e in recorder.events} == {h}
    assert {e[1] for e in recorder.events} == {ras.WM_RASDIALEVENT}
    assert all(e[3] == 0 and e[4] == 0 for e in recorder.events)
    assert connected(h)
    ras.HangUp(h)


def test_async_callback_runs_on_a_ras_thread(pbk: str, recorder: Recorder) -> None:
    h, _ = ras.Dial(None, pbk, ("Office VPN",), recorder)
    recorder.wait()
    main = threading.main_thread()
    assert all(t is not main for t in recorder.threads)
    # not a thread Python started: threading sees a foreign ("dummy") thread
    assert all(isinstance(t, threading._DummyThread) for t in recorder.threads)  # type: ignore[attr-defined]
    ras.HangUp(h)


def test_async_no_notification_after_connected(pbk: str, scenario: Scenario) -> None:
    # the link drops after Connected; the dial had ended, so its callback hears nothing
    scenario.set({"Lab": {"DropAfterMs": 1}})
    rec = Recorder()
    h, rc = ras.Dial(None, pbk, ("Lab",), rec)
    assert rc == 0
    rec.wait()
    wait_until(lambda: ras.GetConnectStatus(h)[0] == ras.RASCS_Disconnected)
    assert rec.states == SUCCESS_STATES
    assert ras.GetConnectStatus(h)[1] == ras.ERROR_DISCONNECTION
    ras.HangUp(h)


def test_async_failure_notifies_once_with_the_error(
    pbk: str, scenario: Scenario, recorder: Recorder
) -> None:
    scenario.set({"*": {"User": "alice", "Password": "right"}})
    h, rc = ras.Dial(None, pbk, ("Lab", "", "", "alice", "nope", ""), recorder)
    assert rc == 0
    recorder.wait()
    last = recorder.events[-1]
    assert (last[2], last[3]) == (ras.RASCS_Authenticate, 691)
    # every state up to Authenticate is entered, then Authenticate reports the failure
    upto = SUCCESS_STATES[: SUCCESS_STATES.index(ras.RASCS_Authenticate) + 1]
    assert recorder.states == [*upto, ras.RASCS_Authenticate]
    assert [e[3] for e in recorder.events] == [0] * len(upto) + [691]
    ras.HangUp(h)


def test_async_missing_entry_returns_at_once(pbk: str, recorder: Recorder) -> None:
    assert ras.Dial(None, pbk, ("Nope",), recorder) == (0, 623)
    assert recorder.events == []
    assert ras._ras._pending_dials() == 0


def test_async_redial_of_connected_entry(pbk: str) -> None:
    h1, _ = ras.Dial(None, pbk, ("Lab",), None)
    rec = Recorder()
    h2, rc = ras.Dial(None, pbk, ("Lab",), rec)
    assert (h2, rc) == (h1, 0)
    rec.wait()
    assert rec.states == [ras.RASCS_Connected]
    ras.HangUp(h1)
    ras.HangUp(h2)


def test_callback_exception_goes_to_unraisablehook(pbk: str, monkeypatch: Any) -> None:
    seen: list[Any] = []
    monkeypatch.setattr(sys, "unraisablehook", lambda u: seen.append(u))
    rec = Recorder()

    def bad(*args: int) -> None:
        rec(*args)
        if args[2] == ras.RASCS_Authenticate:
            raise RuntimeError("boom in callback")

    h, rc = ras.Dial(None, pbk, ("Lab",), bad)
    assert rc == 0
    rec.wait()
    assert rec.states == SUCCESS_STATES  # the dial went on
    assert len(seen) == 1
    assert isinstance(seen[0].exc_value, RuntimeError)
    assert str(seen[0].exc_value) == "boom in callback"
    assert seen[0].object is bad
    ras.HangUp(h)


def test_hangup_from_inside_the_callback(pbk: str, scenario: Scenario) -> None:
    scenario.set({"*": {"StateDelayMs": 5}})
    hung = threading.Event()
    rec = Recorder()

    def cb(hras: int, msg: int, state: int, error: int, exterror: int) -> None:
        rec(hras, msg, state, error, exterror)
        if state == ras.RASCS_AuthNotify:
            ras.HangUp(hras)
            hung.set()

    h, rc = ras.Dial(None, pbk, ("Lab",), cb)
    assert rc == 0
    assert hung.wait(30)
    # HangUp ended the dial: the callable is released, no more notifications
    assert ras._ras._pending_dials() == 0
    n = len(rec.events)
    assert rec.states[-1] == ras.RASCS_AuthNotify
    assert not ras.IsHandleValid(h)
    assert ras.EnumConnections() == []
    assert len(rec.events) == n


def test_hangup_from_another_thread_during_dial(pbk: str, scenario: Scenario) -> None:
    scenario.set({"*": {"StateDelayMs": 20}})
    started = threading.Event()
    rec = Recorder(lambda *a: started.set())
    h, _rc = ras.Dial(None, pbk, ("Lab",), rec)
    assert started.wait(30)
    ras.HangUp(h)
    n = len(rec.events)
    assert ras._ras._pending_dials() == 0
    assert ras.Dial(None, pbk, ("Home",), None)[1] == 0  # the simulator goes on working
    assert len(rec.events) == n  # nothing after HangUp returned
    ras.HangUp(ras.EnumConnections()[0][0])


@pytest.mark.parametrize("outcome", ["connected", "error", "hangup"])
def test_callback_reference_is_released(pbk: str, scenario: Scenario, outcome: str) -> None:
    if outcome == "error":
        scenario.set({"*": {"FailState": "Authenticate", "FailError": 691}})
    if outcome == "hangup":
        scenario.set({"*": {"StateDelayMs": 10000}})

    class Callback:
        def __init__(self) -> None:
            self.rec = Recorder()

        def __call__(self, *args: int) -> None:
            self.rec(*args)

    cb = Callback()
    ref = weakref.ref(cb)
    before = sys.getrefcount(cb)
    h, rc = ras.Dial(None, pbk, ("Lab",), cb)
    assert rc == 0
    if outcome == "hangup":
        assert ras._ras._pending_dials() == 1
        ras.HangUp(h)
    else:
        cb.rec.wait()
        wait_until(lambda: ras._ras._pending_dials() == 0)
        ras.HangUp(h)
    assert ras._ras._pending_dials() == 0
    assert sys.getrefcount(cb) == before
    del cb
    gc.collect()
    assert ref() is None


def wait_until(predicate: Any, timeout: float = 30.0) -> None:
    """Poll a condition that no event reports (the RAS thread releases after the call)."""
    ev = threading.Event()
    deadline = 0.0
    while not predicate():
        ev.wait(0.002)
        deadline += 0.002
        assert deadline < timeout, "condition not reached"


def test_many_threads_dial_with_callbacks_at_once(tmp_path: Any, scenario: Scenario) -> None:
    import simctl

    n = 12
    names = [f"VPN {i}" for i in range(n)]
    pbk = simctl.write_phonebook(tmp_path / "many.pbk", names)
    scenario.set({"*": {"StateDelayMs": 2}})
    recorders = [Recorder() for _ in range(n)]
    handles: list[int] = [0] * n
    barrier = threading.Barrier(n)

    def worker(i: int) -> None:
        barrier.wait()
        h, rc = ras.Dial(None, pbk, (names[i],), recorders[i])
        assert rc == 0
        handles[i] = h

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for r in recorders:
        r.wait()
        assert r.states == SUCCESS_STATES
    assert len(set(handles)) == n
    for i, r in enumerate(recorders):
        assert {e[0] for e in r.events} == {handles[i]}
    assert sorted(c[1] for c in ras.EnumConnections()) == sorted(names)
    for h in handles:
        ras.HangUp(h)
    assert ras.EnumConnections() == []


def test_no_reference_growth_over_1000_dials(pbk: str) -> None:
    params = ("Lab", "", "", "user", "pw", "")
    ext = ras.RASDIALEXTENSIONS()
    rec = Recorder()

    def cycle(callback: Any) -> None:
        h, rc = ras.Dial(ext, pbk, params, callback)
        assert rc == 0
        if callback is not None:
            rec.done.wait(30)
            rec.done.clear()
        ras.HangUp(h)

    for _ in range(20):  # warm up caches
        cycle(rec)
        cycle(None)
    wait_until(lambda: ras._ras._pending_dials() == 0)
    counts = [sys.getrefcount(o) for o in (params, ext, rec, pbk)]
    for _ in range(500):
        cycle(rec)
        cycle(None)
    wait_until(lambda: ras._ras._pending_dials() == 0)
    assert [sys.getrefcount(o) for o in (params, ext, rec, pbk)] == counts
    assert ras.EnumConnections() == []


@linux_sim_only
def test_window_handle_notifier_posts_messages(pbk: str) -> None:
    import simctl

    simctl.posted_messages()
    h, rc = ras.Dial(None, pbk, ("Lab",), 0x4242)
    assert rc == 0
    msgs: list[tuple[int, int, int, int]] = []
    wait_until(
        lambda: (
            bool(msgs.extend(simctl.posted_messages()))
            or (msgs and msgs[-1][2] == ras.RASCS_Connected)
        )
    )
    assert [m[2] for m in msgs] == SUCCESS_STATES
    assert {(m[0], m[1]) for m in msgs} == {(0x4242, ras.WM_RASDIALEVENT)}
    assert {m[3] for m in msgs} == {0}
    ras.HangUp(h)


def test_dial_with_extensions(pbk: str) -> None:
    ext = ras.RASDIALEXTENSIONS()
    ext.dwfOptions = ras.RDEOPT_IgnoreModemSpeaker
    h, rc = ras.Dial(ext, pbk, ("Lab",), None)
    assert rc == 0
    ras.HangUp(h)
