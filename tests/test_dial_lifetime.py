"""The lifetime of an asynchronous dial's context: each transition of the state
machine written in src/_ras/dial.c's header comment, on its own.

Each test pins who may still be called and when the callable is released: a
callable that is released (its weak reference dead) can never be called again,
which is how "nothing after the end" is asserted without waiting for time to
pass.  The sanitizer tier runs these under ASan/UBSan and TSan, where a late
notification of a freed context is a reported error, not a silent read.
"""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import textwrap
import threading
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from support import Scenario, requires_sim
from test_dial import wait_until

import ras
import simctl

pytestmark = requires_sim

ENTRY = "Lab"


class Probe:
    """A dial callback recording (state, error) pairs; `done` is set at the dial's end."""

    def __init__(self, name: str, on_event: Callable[[Probe, int, int, int], None] | None = None):
        self.name = name
        self.events: list[tuple[int, int]] = []
        self.done = threading.Event()
        self.on_event = on_event
        self.after_end: list[tuple[int, int]] = []

    def __call__(self, h: int, msg: int, state: int, error: int, exterror: int) -> None:
        if self.done.is_set():
            self.after_end.append((state, error))
        self.events.append((state, error))
        if self.on_event is not None:
            self.on_event(self, h, state, error)
        if ras.is_final_state(state, error):
            self.done.set()

    def wait(self, timeout: float = 30.0) -> None:
        assert self.done.wait(timeout), f"{self.name}: the dial did not end; saw {self.events}"


def released(ref: weakref.ref[Any]) -> bool:
    gc.collect()
    return ref() is None


@pytest.fixture
def hook() -> Iterator[Callable[[Callable[[int], None] | None], None]]:
    """Install ras._ras._set_hangup_hook for the test; always removed afterwards."""
    yield ras._ras._set_hangup_hook
    ras._ras._set_hangup_hook(None)


def dial(pbk: str, cb: Any, ext: Any = None, **kw: Any) -> tuple[int, int]:
    return ras.Dial(ext, pbk, (ENTRY,), cb, **kw)  # type: ignore[no-any-return]


def hang_up_all(h: int) -> None:
    """Drop every reference to h (a joined connection needs one HangUp per dial)."""
    while ras.IsHandleValid(h):
        ras.HangUp(h)


# ---- REGISTERED -> ENDED by the dial itself --------------------------------


def test_refused_dial_ends_at_once(pbk: str) -> None:
    probe = Probe("refused")
    ref = weakref.ref(probe)
    before = sys.getrefcount(probe)
    _, rc = ras.Dial(None, pbk, ("No such entry",), probe)
    assert rc == ras.ERROR_CANNOT_FIND_PHONEBOOK_ENTRY
    assert ras._ras._pending_dials() == 0
    assert sys.getrefcount(probe) == before
    assert probe.events == []
    del probe
    assert released(ref)


def test_connected_ends_the_dial_before_hang_up(pbk: str) -> None:
    probe = Probe("connects")
    ref = weakref.ref(probe)
    h, rc = dial(pbk, probe)
    assert rc == 0
    probe.wait()
    wait_until(lambda: ras._ras._pending_dials() == 0)
    assert probe.events[-1] == (ras.RASCS_Connected, 0)
    del probe
    assert released(ref)  # released at RASCS_Connected, while the link is still up
    assert ras.GetConnectStatus(h)[0] == ras.RASCS_Connected
    ras.HangUp(h)


def test_failure_ends_the_dial(pbk: str, scenario: Scenario) -> None:
    scenario.set({ENTRY: {"FailState": "ConnectDevice", "FailError": 651}})
    probe = Probe("fails")
    ref = weakref.ref(probe)
    h, rc = dial(pbk, probe)
    assert rc == 0
    probe.wait()
    wait_until(lambda: ras._ras._pending_dials() == 0)
    assert probe.events[-1] == (ras.RASCS_ConnectDevice, 651)
    del probe
    assert released(ref)
    ras.HangUp(h)


def test_link_drop_ends_a_joined_dial(pbk: str, scenario: Scenario) -> None:
    """The drop is terminal for every dial still notified, joined ones included."""
    scenario.set({ENTRY: {"DropAfterMs": 0}})
    joined = Probe("joined")
    ref = weakref.ref(joined)
    handles: list[int] = []

    box = [joined]  # emptied at the end, to see `joined` released

    def join_inside(p: Probe, h: int, state: int, error: int) -> None:
        # joins before the drop is counted (from the return of this notification)
        if state == ras.RASCS_Connected:
            handles.append(dial(pbk, box[0])[0])

    first = Probe("first", join_inside)
    h, rc = dial(pbk, first)
    assert rc == 0
    first.wait()
    joined.wait()
    wait_until(lambda: ras.GetConnectStatus(h)[0] == ras.RASCS_Disconnected)
    assert handles == [h]
    # one terminal notification each and nothing after it
    assert first.events[-1] == (ras.RASCS_Connected, 0) and first.after_end == []
    assert joined.events == [(ras.RASCS_Connected, 0)] and joined.after_end == []
    wait_until(lambda: ras._ras._pending_dials() == 0)
    del joined
    box.clear()
    assert released(ref)
    hang_up_all(h)


# ---- HangUp ends every dial of the handle -----------------------------------


def test_hang_up_from_another_thread_ends_the_dial(pbk: str, scenario: Scenario) -> None:
    scenario.set({ENTRY: {"StateDelayMs": 20}})
    started = threading.Event()
    probe = Probe("hung up", lambda p, h, s, e: started.set())
    ref = weakref.ref(probe)
    h, rc = dial(pbk, probe)
    assert rc == 0
    assert started.wait(30)
    t = threading.Thread(target=ras.HangUp, args=(h,))
    t.start()
    t.join()
    # once HangUp has returned the callable is released: it can never run again
    assert ras._ras._pending_dials() == 0
    assert not probe.done.is_set()
    del probe
    assert released(ref)


def test_hang_up_inside_the_callable(pbk: str, scenario: Scenario) -> None:
    scenario.set({ENTRY: {"StateDelayMs": 1}})
    returned = threading.Event()

    def hang_up_at_authenticate(p: Probe, h: int, state: int, error: int) -> None:
        if state == ras.RASCS_Authenticate:
            ras.HangUp(h)
            returned.set()

    probe = Probe("self", hang_up_at_authenticate)
    ref = weakref.ref(probe)
    _, rc = dial(pbk, probe)
    assert rc == 0
    assert returned.wait(30)
    wait_until(lambda: ras._ras._pending_dials() == 0)
    assert probe.events[-1] == (ras.RASCS_Authenticate, 0)
    assert ras.RASCS_AuthNotify not in [s for s, _ in probe.events]
    del probe
    assert released(ref)


def test_hang_up_ends_every_dial_of_the_handle(pbk: str) -> None:
    """A connection dialled three times (one dial, two joins) and hung up once:
    every dial of the handle whose Dial() returned is ended, by our side."""
    h, rc = ras.Dial(None, pbk, (ENTRY,), None)
    assert rc == 0
    probes = [Probe(f"join {i}") for i in range(2)]
    for p in probes:
        assert dial(pbk, p) == (h, 0)
        p.wait()  # a join's single RASCS_Connected
    assert ras._ras._pending_dials() == 0
    ras.HangUp(h)
    assert ras.IsHandleValid(h)  # two references left
    hang_up_all(h)


def test_join_and_hang_up_inside_a_joined_dials_callable(
    pbk: str, hook: Callable[[Callable[[int], None] | None], None]
) -> None:
    """The issue-14 crash, made deterministic.

    A joined dial's callable hangs up the handle; between RasHangUpW's return and
    the end of the handle's dials, another dial joins the connection (the hook
    stands for a thread that runs there).  That dial's Dial() has returned, so
    HangUp ends it -- but RAS joined it after the hang-up and still owes it a
    RASCS_Connected, delivered on the RAS worker once this callable returns.  The
    late notification must find the dial ended: no callable call, no freed
    memory read.  A third dial joined after HangUp returned is notified normally,
    after the ended one (joins are served in order), which is what the test waits
    for.
    """
    h, rc = ras.Dial(None, pbk, (ENTRY,), None)
    assert rc == 0
    ended = Probe("joined during the hang-up")
    ended_ref = weakref.ref(ended)
    later = Probe("joined after the hang-up")
    joined_in_hook: list[tuple[int, int]] = []

    box = [ended]  # emptied at the end, to see `ended` released

    def join_during_hang_up(hh: int) -> None:
        joined_in_hook.append(dial(pbk, box[0]))

    def hang_up_then_join(p: Probe, hh: int, state: int, error: int) -> None:
        if state == ras.RASCS_Connected:
            hook(join_during_hang_up)
            ras.HangUp(hh)
            hook(None)
            assert dial(pbk, later) == (hh, 0)

    first = Probe("hangs up", hang_up_then_join)
    assert dial(pbk, first) == (h, 0)
    later.wait()
    assert joined_in_hook == [(h, 0)]
    assert first.events == [(ras.RASCS_Connected, 0)]
    assert later.events == [(ras.RASCS_Connected, 0)]
    assert ended.events == []  # ended by the HangUp it raced
    assert ras._ras._pending_dials() == 0
    del ended
    box.clear()
    assert released(ended_ref)
    hang_up_all(h)


# ---- resume -----------------------------------------------------------------


def paused_dial(pbk: str, scenario: Scenario, cb: Any) -> tuple[int, ras.RASDIALEXTENSIONS]:
    scenario.set({"*": {"InvokeEapUI": 1}})
    ext = ras.RASDIALEXTENSIONS()
    ext.dwfOptions = ras.RDEOPT_PausedStates
    h, rc = dial(pbk, cb, ext)
    assert rc == 0
    wait_until(lambda: ras.GetConnectStatus(h)[0] == ras.RASCS_InvokeEapUI)
    return h, ext


def test_hang_up_a_paused_dial_then_resume(pbk: str, scenario: Scenario) -> None:
    first = Probe("paused")
    first_ref = weakref.ref(first)
    h, ext = paused_dial(pbk, scenario, first)
    ras.HangUp(h)
    assert ras._ras._pending_dials() == 0
    resumer = Probe("resumer")
    resumer_ref = weakref.ref(resumer)
    before = sys.getrefcount(resumer)
    # the handle is gone: a fresh context, refused by RAS and ended at once
    assert dial(pbk, resumer, ext, hrasconn=h) == (h, ras.ERROR_INVALID_HANDLE)
    assert sys.getrefcount(resumer) == before
    assert ras._ras._pending_dials() == 0
    assert resumer.events == []
    del first, resumer
    assert released(first_ref) and released(resumer_ref)


def test_hang_up_inside_a_resumed_dials_callable(pbk: str, scenario: Scenario) -> None:
    first = Probe("paused")
    h, ext = paused_dial(pbk, scenario, first)
    ras.InvokeEapUI(h, 1, ext)
    returned = threading.Event()

    def hang_up_at_once(p: Probe, hh: int, state: int, error: int) -> None:
        if not returned.is_set():
            ras.HangUp(hh)
            returned.set()

    resumed = Probe("resumed", hang_up_at_once)
    ref = weakref.ref(resumed)
    assert dial(pbk, resumed, ext, hrasconn=h) == (h, 0)
    assert returned.wait(30)
    wait_until(lambda: ras._ras._pending_dials() == 0)
    assert len(resumed.events) == 1
    assert not ras.IsHandleValid(h)
    del resumed
    assert released(ref)


def test_hang_up_races_a_resume(pbk: str, scenario: Scenario) -> None:
    """HangUp from another thread while a resuming Dial() is in flight: either
    order ends with both callables released and nothing called after HangUp."""
    for _ in range(20):
        first = Probe("paused")
        h, ext = paused_dial(pbk, scenario, first)
        ras.InvokeEapUI(h, 1, ext)
        resumed = Probe("resumed")
        refs = [weakref.ref(first), weakref.ref(resumed)]
        go = threading.Barrier(2)

        def hang_up(hh: int = h, barrier: threading.Barrier = go) -> None:
            barrier.wait()
            ras.HangUp(hh)

        t = threading.Thread(target=hang_up)
        t.start()
        go.wait()
        try:
            dial(pbk, resumed, ext, hrasconn=h)
        finally:
            t.join()
        hung_up_at = len(resumed.events)
        assert ras._ras._pending_dials() == 0
        assert len(resumed.events) == hung_up_at
        del first, resumed
        assert all(released(r) for r in refs)
        simctl.reset()


# ---- the notifier thread's Python thread state ---------------------------------


class ThreadStateProbe(Probe):
    """A Probe that keeps a counter and a token in a threading.local.

    threading.local keeps one dictionary per Python thread state: the counter
    shows whether every notification ran with the same thread state, and the
    token (whose finalizer sets `freed`) goes when that thread state is
    cleared."""

    def __init__(self, name: str, on_event: Callable[[Probe, int, int, int], None] | None = None):
        super().__init__(name, on_event)
        self.local = threading.local()
        self.counts: list[int] = []
        self.threads: set[int] = set()
        self.freed = threading.Event()
        self.freed_early = False

    def __call__(self, h: int, msg: int, state: int, error: int, exterror: int) -> None:
        if self.freed.is_set():
            self.freed_early = True
        if not hasattr(self.local, "count"):
            self.local.count = 0
            self.local.token = token = Token()
            weakref.finalize(token, self.freed.set)
            del token
        self.counts.append(self.local.count)
        self.local.count += 1
        self.threads.add(threading.get_ident())
        super().__call__(h, msg, state, error, exterror)


class Token:
    pass


def test_one_thread_state_serves_every_notification_of_a_dial(pbk: str) -> None:
    """The RAS thread's Python thread state is made at the first notification
    and kept for the next ones (not made and destroyed per notification), then
    released after the last one."""
    probe = ThreadStateProbe("kept")
    h, rc = dial(pbk, probe)
    assert rc == 0
    probe.wait()
    assert probe.events[-1] == (ras.RASCS_Connected, 0)
    assert len(probe.threads) == 1  # the simulator notifies a dial on one thread
    assert probe.counts == list(range(len(probe.events)))
    assert len(probe.counts) > 5
    assert not probe.freed_early
    # released once the dial has ended, while its connection is still up
    assert probe.freed.wait(30)
    assert ras.IsHandleValid(h)
    ras.HangUp(h)


def test_thread_state_released_after_a_failed_dial(pbk: str, scenario: Scenario) -> None:
    scenario.set({ENTRY: {"FailState": "Authenticate", "FailError": 691}})
    probe = ThreadStateProbe("failed")
    _, rc = dial(pbk, probe)
    assert rc == 0
    probe.wait()
    assert probe.events[-1][1] == 691
    assert probe.counts == list(range(len(probe.events)))
    assert probe.freed.wait(30)


def test_thread_state_of_a_dial_hung_up_elsewhere_goes_with_its_thread(
    pbk: str, scenario: Scenario
) -> None:
    """RAS stops notifying a dial hung up by another thread, so no last
    notification releases the kept thread state: its thread's exit does."""
    scenario.set({ENTRY: {"StateDelayMs": 20}})
    started = threading.Event()
    probe = ThreadStateProbe("hung up", lambda p, h, s, e: started.set())
    h, rc = dial(pbk, probe)
    assert rc == 0
    assert started.wait(30)
    ras.HangUp(h)
    assert not probe.done.is_set()
    assert probe.freed.wait(30)
    assert probe.counts == list(range(len(probe.events)))


def test_thread_states_of_many_dials(tmp_path: Path, scenario: Scenario) -> None:
    """Dials in parallel, each on its own RAS thread with its own thread state."""
    names = [f"L{i}" for i in range(8)]
    book = simctl.write_phonebook(tmp_path / "many.pbk", names)
    scenario.set({"*": {"StateDelayMs": 1}})
    probes = [ThreadStateProbe(name) for name in names]
    handles = []
    for name, probe in zip(names, probes):
        h, rc = ras.Dial(None, book, (name,), probe)
        assert rc == 0
        handles.append(h)
    for probe in probes:
        probe.wait()
        assert probe.events[-1] == (ras.RASCS_Connected, 0)
        assert probe.counts == list(range(len(probe.events)))
        assert probe.freed.wait(30)
    assert len(set().union(*(p.threads for p in probes))) == len(probes)
    for h in handles:
        ras.HangUp(h)


# ---- exit ---------------------------------------------------------------------

EXIT_SCRIPT = """
import sys, threading
import ras

pbk, mode = sys.argv[1], sys.argv[2]
h, rc = ras.Dial(None, pbk, ("Lab",), None)
assert rc == 0, rc
seen = threading.Event()

def cb(hh, msg, state, error, exterror):
    seen.set()
    if mode == "busy":
        total = 0
        for i in range(200000):
            total += i
    print("joined", state, flush=True)

for _ in range(8):
    assert ras.Dial(None, pbk, ("Lab",), cb) == (h, 0)
if mode == "busy":
    seen.wait(30)
print("exiting", flush=True)
"""


@pytest.mark.parametrize("mode", ["plain", "busy"])
def test_exit_with_joined_dials_in_flight(tmp_path: Path, mode: str) -> None:
    pbk = simctl.write_phonebook(tmp_path / "exit.pbk", [ENTRY])
    script = tmp_path / "exit_joined.py"
    script.write_text(textwrap.dedent(EXIT_SCRIPT), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "RASSIM_SCENARIO"}
    proc = subprocess.run(
        [sys.executable, str(script), pbk, mode],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr
    assert "exiting" in proc.stdout
    assert proc.stderr == ""


# ---- the hook itself ------------------------------------------------------------


def test_hangup_hook_rejects_non_callables() -> None:
    with pytest.raises(TypeError):
        ras._ras._set_hangup_hook(42)
    ras._ras._set_hangup_hook(None)
