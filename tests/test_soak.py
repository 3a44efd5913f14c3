"""Soak (issue 14): many threads dialling at once, with every way a dial can end.

``RAS_SOAK_SECONDS`` (default 5) sets how long the dialling runs; the nox session
``soak`` runs it for 60 s, and any length can be run on demand::

    RAS_SOAK_SECONDS=1800 python -m pytest tests/test_soak.py -s

Other knobs: ``RAS_SOAK_THREADS`` (32), ``RAS_SOAK_SEED`` (14; each thread's choices
come from its own seeded ``random.Random``, so a run is repeatable up to thread
interleaving), ``RAS_SOAK_REPORT`` (a file to write the figures to, as JSON).

What runs at once: ``RAS_SOAK_THREADS`` dialler threads, each with a private entry
(one dialler per entry; its kind by thread number: plain, slow, link drop, paused in
``RASCS_InvokeEapUI``, paused in ``RASCS_RetryAuthentication``, failing, paused in
``RASCS_CallbackSetByCaller`` then called back or not, paused in
``RASCS_Interactive``) and four
shared entries every dialler dials (a dial of a connected entry joins it: same
handle, one more reference); asynchronous dials with a callable and synchronous ones;
hang-ups by the dialling thread, by other threads (a reference handed to a pool that
every dialler takes from) and from inside callbacks (mid-dial and on
``RASCS_Connected``); pauses resumed with ``Dial(..., hrasconn=h)`` or hung up; and
status readers (``GetConnectStatus``, ``EnumConnections``,
``GetConnectionStatistics``) alongside.

Invariants checked, in every interleaving:

* a dial sees at most one terminal notification (``RASCS_Connected``,
  ``RASCS_Disconnected`` or an error) and nothing after it;
* no callback of a dial starts after a ``HangUp`` of its handle that began after its
  ``Dial()`` returned, nor after a resume replaced it, nor for a refused ``Dial``;
* a dial whose thread waits for its end gets its terminal notification, unless a
  ``HangUp`` of its handle returned after its ``Dial()`` began (the documented race
  of a join with a concurrent hang-up) -- a missing one fails the wait after 30 s;
* no deadlock: a faulthandler watchdog dumps every thread's stack and exits;
* at the end every callable is freed, ``_pending_dials() == 0``, the shared
  arguments' reference counts are back to their baseline, and (Linux, not under a
  sanitizer) the RSS grew by less than the bound below after a warm-up.

Also here: the reproducer of issue 14 (two threads joining one entry, hanging up
half of their handles), in a subprocess so that a crash is a failure, not the end
of the test run.
"""

from __future__ import annotations

import faulthandler
import gc
import itertools
import json
import os
import random
import subprocess
import sys
import textwrap
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

from support import Scenario, requires_sim
from test_dial import wait_until

import ras
import simctl

pytestmark = requires_sim

SECONDS = float(os.environ.get("RAS_SOAK_SECONDS", "5"))
THREADS = int(os.environ.get("RAS_SOAK_THREADS", "32"))
SEED = int(os.environ.get("RAS_SOAK_SEED", "14"))
REPORT = os.environ.get("RAS_SOAK_REPORT")
READERS = 4
SHARED = ["S0", "S1", "S2", "S3"]
WAIT_TIMEOUT = 30.0  # a dial the thread waits for must end within this
PAUSED_STATES = (
    ras.RASCS_InvokeEapUI,
    ras.RASCS_RetryAuthentication,
    ras.RASCS_CallbackSetByCaller,
    ras.RASCS_Interactive,
)

# Private entry kinds, by thread number modulo their count.
KINDS = ["plain", "slow", "drop", "eap", "auth", "fail", "callback", "term"]
PAUSING_KINDS = ("eap", "auth", "callback", "term")
SCENARIO = {
    "plain": {},
    "slow": {"StateDelayMs": 1},
    "drop": {"DropAfterMs": 2},
    "eap": {"InvokeEapUI": 1},
    "auth": {"User": "alice", "Password": "right"},
    "fail": {"FailState": "ConnectDevice", "FailError": 800},
    "callback": {"Callback": "SetByCaller"},  # "*": asked in RASCS_CallbackSetByCaller
    "term": {"Interactive": 1},
    # shared entries
    "S0": {},
    "S1": {"StateDelayMs": 1},
    "S2": {"DropAfterMs": 3},
    "S3": {"DropAfterMs": 1, "StateDelayMs": 1},
}

# RSS may grow by this much over the measured part of the run (from the end of
# the warm-up, a fifth of the run, to the end, after everything is hung up):
# CPython keeps its allocator's arenas and glibc its per-thread malloc arenas, so
# some fragmentation is not a leak -- about 0.5 MiB was measured over a 5 s run.
# Python objects leaked by a dial (the callable, its arguments) are caught
# exactly by the callable count and refcount checks; what RSS adds is C memory:
# a per-dial context leaked (64 bytes, 80 with malloc's header) on each dial is
# 0.7 MiB over the ~9,000 dials measured in a 5 s run and ~6.5 MiB over the
# 60 s run's ~70,000 (measured with a build that leaks exactly that), above
# 4 MiB + 16 bytes per dial (5 MiB).  So the 5 s run only catches big leaks;
# the `soak` session's 60 s run catches a leak of one small allocation per dial.
RSS_BOUND_FIXED = 4 * 2**20
RSS_BOUND_PER_DIAL = 16  # bytes


def _sanitized() -> bool:
    """ASan/TSan preloaded: RSS says nothing (shadow memory, quarantine)."""
    try:
        with open("/proc/self/maps", encoding="ascii", errors="replace") as f:
            maps = f.read()
    except OSError:
        return False
    return "libasan" in maps or "libtsan" in maps


def _rss() -> int:
    with open("/proc/self/statm", encoding="ascii") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


_created = itertools.count()
_freed = itertools.count()


class Ref:
    """One reference to a connection (one successful Dial): hung up exactly once."""

    __slots__ = ("claimed", "done", "h", "probe")

    def __init__(self, probe: Probe | None = None, h: int = 0) -> None:
        self.h = h
        self.probe = probe
        self.claimed = False
        self.done = False


class Probe:
    """The callable of one asynchronous dial; what it saw is checked as it arrives."""

    __slots__ = (
        "__weakref__",
        "ended",
        "first_h",
        "hang_state",
        "paused",
        "ref",
        "ret_seq",
        "soak",
        "superseded",
        "terminal",
    )

    def __init__(self, soak: Soak, hang_state: int | None = None) -> None:
        next(_created)
        self.soak = soak
        self.hang_state = hang_state
        self.ref: Ref | None = None
        self.terminal: tuple[int, int] | None = None
        self.paused = 0
        self.ended = ""  # why no callback may start any more
        self.superseded = False
        self.first_h = 0
        self.ret_seq = -1

    def __del__(self) -> None:
        next(_freed)

    def __call__(self, h: int, msg: int, state: int, error: int, exterror: int) -> None:
        self.soak.notified(self, h, msg, state, error)


class HandleState:
    __slots__ = ("last_hangup", "probes", "refs")

    def __init__(self) -> None:
        self.refs = 0
        self.probes: set[Probe] = set()
        self.last_hangup = -1


class Soak:
    def __init__(self, pbk: str, seconds: float, threads: int) -> None:
        self.pbk = pbk
        self.seconds = seconds
        self.nthreads = threads
        self.lock = threading.Lock()
        self.cv = threading.Condition(self.lock)
        self.seq = itertools.count()
        # every handle a Dial returned, until nothing can need it any more (_prune)
        self.handles: dict[int, HandleState] = {}
        self.active: set[int] = set()  # s0 of the dials not yet done with
        self.pool: list[Ref] = []
        # references claimed by a callback whose HangUp has not returned yet
        # (on the simulator's threads: the diallers' join does not wait for them)
        self.callback_hangups = 0
        self.stats: Counter[str] = Counter()
        self.violations: list[str] = []
        self.stop = threading.Event()
        self.ext = []
        for _ in range(threads):
            e = ras.RASDIALEXTENSIONS()
            e.dwfOptions = ras.RDEOPT_PausedStates
            self.ext.append(e)
        self.private = [f"P{i}" for i in range(threads)]
        self.params = {name: (name,) for name in self.private + SHARED}

    # ---- bookkeeping ------------------------------------------------------

    def violation(self, text: str) -> None:
        # with or without the lock: list.append is atomic
        if len(self.violations) < 200:
            self.violations.append(text)

    def notified(self, probe: Probe, h: int, msg: int, state: int, error: int) -> None:
        terminal = ras.is_final_state(state, error)
        with self.lock:
            self.stats["notifications"] += 1
            what = f"h={h:#x} state={state:#x} error={error}"
            if probe.ended:
                self.violation(f"callback after {probe.ended}: {what}")
            if probe.superseded:
                self.violation(f"callback of a resumed (replaced) dial: {what}")
            if probe.terminal is not None:
                self.violation(f"notification after the terminal {probe.terminal}: {what}")
            if msg != ras.WM_RASDIALEVENT:
                self.violation(f"msg {msg:#x}: {what}")
            if probe.first_h and h != probe.first_h:
                self.violation(f"handle changed from {probe.first_h:#x}: {what}")
            probe.first_h = h
            if terminal:
                probe.terminal = (state, error)
                self.stats["terminal"] += 1
                self.stats[
                    "connected" if state == ras.RASCS_Connected and not error else "failed"
                ] += 1
            elif state in PAUSED_STATES:
                probe.paused = state
                self.stats["pauses"] += 1
            self.cv.notify_all()
        hang = probe.hang_state
        if hang is not None and (state == hang or (terminal and hang == ras.RASCS_Connected)):
            ref = probe.ref
            if ref is not None and self.claim(ref, in_callback=True):
                try:
                    ref.h = h
                    self.stats["hangups_in_callback"] += 1
                    self.hangup(ref, own=probe)
                finally:
                    with self.lock:
                        self.callback_hangups -= 1
                        self.cv.notify_all()

    def claim(self, ref: Ref, in_callback: bool = False) -> bool:
        with self.lock:
            if ref.claimed:
                return False
            ref.claimed = True
            self.callback_hangups += in_callback
            return True

    def register(self, ref: Ref, h: int, ret_seq: int) -> None:
        """A Dial returned a handle: one more reference to h."""
        with self.lock:
            hs = self.handles.get(h)
            if hs is None:
                hs = self.handles[h] = HandleState()
            elif hs.refs > 0:
                self.stats["joins"] += 1
            hs.refs += 1
            ref.h = h
            probe = ref.probe
            if probe is not None:
                probe.ret_seq = ret_seq
                if not ref.done:
                    hs.probes.add(probe)

    def _prune(self) -> None:
        """Forget handles without references or dials whose last HangUp no dial waits for.

        (A handle with no reference left may still get one: a Dial that joined it
        before its last HangUp may return only now; and a dial waiting for its end
        needs the time of the handle's last HangUp.)"""
        oldest = min(self.active, default=next(self.seq))
        for h in [
            h
            for h, hs in self.handles.items()
            if hs.refs == 0 and not hs.probes and hs.last_hangup < oldest
        ]:
            del self.handles[h]

    def hangup(self, ref: Ref, own: Probe | None = None) -> None:
        """HangUp of one reference (claimed by the caller)."""
        h = ref.h
        a0 = next(self.seq)
        try:
            status = ras.GetConnectStatus(h)
        except ras.error as e:
            self.violation(f"GetConnectStatus({h:#x}) of a live reference: {e}")
        else:
            if status[:2] == (ras.RASCS_Disconnected, ras.ERROR_DISCONNECTION):
                self.stats["drops_seen"] += 1
        try:
            ras.HangUp(h)
        except ras.error as e:
            self.violation(f"HangUp({h:#x}) of a live reference: {e}")
        a1 = next(self.seq)
        with self.lock:
            ref.done = True
            hs = self.handles.get(h)
            if hs is None:  # hung up from a callback before its Dial returned
                hs = self.handles[h] = HandleState()
            self.stats["hangups"] += 1
            hs.refs -= 1
            hs.last_hangup = a1
            why = f"HangUp({h:#x}) returned"
            for p in hs.probes:
                if p.ret_seq < a0 and not p.ended:
                    p.ended = why
            if own is not None:
                own.ended = why + " in its own callback"
            if ref.probe is not None:
                hs.probes.discard(ref.probe)
            # after the update: a state made just above (a HangUp from a callback
            # before its Dial returned) has 0 references until then, and would
            # be pruned with its -1 lost
            if self.stats["hangups"] % 512 == 0:
                self._prune()
            self.cv.notify_all()

    def dispose(self, ref: Ref, rng: random.Random) -> None:
        """Hang up now, or hand the reference to another thread."""
        if not self.claim(ref):
            return
        if rng.random() < 0.35:
            with self.lock:
                # bounded, so that references (and RSS) do not pile up in the pool
                if len(self.pool) < 2 * self.nthreads:
                    self.pool.append(ref)
                    self.stats["handed_off"] += 1
                    return
        self.hangup(ref)

    def hangup_from_pool(self, rng: random.Random) -> None:
        with self.lock:
            if not self.pool:
                return
            i = rng.randrange(len(self.pool))
            ref = self.pool[i]
            self.pool[i] = self.pool[-1]
            self.pool.pop()
        self.stats["hangups_other_thread"] += 1
        self.hangup(ref)

    def wait_end(self, probe: Probe, h: int, s0: int, what: str) -> None:
        """Until the dial ended: a terminal notification, or a HangUp of h since Dial."""

        def ended() -> bool:
            hs = self.handles.get(h)
            return (
                probe.terminal is not None
                or bool(probe.ended)
                or bool(probe.paused)
                or (hs is not None and hs.last_hangup > s0)
            )

        with self.lock:
            if not self.cv.wait_for(ended, WAIT_TIMEOUT):
                self.violation(f"{what} {h:#x}: no terminal notification in {WAIT_TIMEOUT} s")

    # ---- dials ------------------------------------------------------------

    def dial_async(
        self, entry: str, rng: random.Random, params: tuple[str, ...] | None = None, ext: Any = None
    ) -> tuple[Probe, Ref, int, int]:
        r = rng.random()
        hang = ras.RASCS_Connected if r < 0.15 else ras.RASCS_Authenticate if r < 0.25 else None
        probe = Probe(self, hang)
        ref = Ref(probe)
        probe.ref = ref
        s0 = next(self.seq)
        with self.lock:
            self.active.add(s0)
        h, rc = ras.Dial(ext, self.pbk, params or self.params[entry], probe)
        ret = next(self.seq)
        self.stats["dials_async"] += 1
        if rc != 0:
            self.stats[f"refused_{rc}"] += 1
            with self.lock:
                probe.ended = f"Dial() refused with {rc}"
                if probe.first_h:
                    self.violation(f"{entry}: refused dial ({rc}) was notified")
            if h:
                self.violation(f"{entry}: refused async dial ({rc}) returned a handle {h:#x}")
            return probe, ref, 0, s0
        self.register(ref, h, ret)
        return probe, ref, h, s0

    def done_with(self, s0: int) -> None:
        with self.lock:
            self.active.discard(s0)

    def cycle_async(self, entry: str, rng: random.Random) -> None:
        probe, ref, h, s0 = self.dial_async(entry, rng)
        if not h:
            self.done_with(s0)
            return
        r = rng.random()
        if r < 0.5:
            self.wait_end(probe, h, s0, entry)
            self.read_status(h)
        elif r < 0.6:
            self.read_status(h)
        self.done_with(s0)
        self.dispose(ref, rng)

    def cycle_sync(self, entry: str, rng: random.Random) -> None:
        h, rc = ras.Dial(None, self.pbk, self.params[entry], None)
        ret = next(self.seq)
        self.stats["dials_sync"] += 1
        if rc:
            self.stats[f"sync_failed_{rc}"] += 1
        if h:  # a failed synchronous dial has a handle to hang up too (not 756)
            ref = Ref(None)
            self.register(ref, h, ret)
            self.dispose(ref, rng)
        elif rc == 0:
            self.violation(f"{entry}: synchronous dial returned (0, 0)")

    def cycle_paused(self, i: int, entry: str, kind: str, rng: random.Random) -> None:
        ext = self.ext[i]
        ask = "*" if kind == "callback" else ""
        wrong = (entry, "", ask, "alice", "wrong", "")
        right = (entry, "", "", "alice", "right", "")
        probe, ref, h, s0 = self.dial_async(entry, rng, wrong, ext)
        first = s0
        if not h:
            self.done_with(s0)
            return
        for _ in range(3):
            self.wait_end(probe, h, s0, entry)
            if not probe.paused or probe.ended:
                break  # joined the previous connection, or hung up in a callback
            if rng.random() < 0.25:
                self.stats["hangups_paused"] += 1
                break
            if kind == "eap":
                ras.InvokeEapUI(h, 1, ext, None)
                answer = right
            elif kind == "callback":  # a number (called back) or none
                answer = (entry, "", rng.choice(["5550100", ""]), "alice", "right", "")
            elif kind == "term":
                answer = right
            else:
                answer = wrong if rng.random() < 0.3 else right
            nxt = Probe(self, ras.RASCS_Connected if rng.random() < 0.1 else None)
            s0 = next(self.seq)  # (the first dial's s0 stays in self.active)
            h2, rc = ras.Dial(ext, self.pbk, answer, nxt, hrasconn=h)
            ret = next(self.seq)
            if (h2, rc) != (h, 0):
                self.violation(f"{entry}: resume of {h:#x} gave {(h2, rc)}")
                break
            with self.lock:
                self.stats["resumes"] += 1
                probe.superseded = True
                hs = self.handles[h]
                hs.probes.discard(probe)
                if ref.claimed:
                    self.violation(f"{entry}: paused dial's reference claimed")
                nxt.ref = ref
                ref.probe = nxt
                nxt.ret_seq = ret
                hs.probes.add(nxt)
                probe = nxt
        self.done_with(first)
        self.dispose(ref, rng)

    def read_status(self, h: int) -> None:
        try:
            ras.GetConnectStatus(h)
        except ras.error as e:
            if e.winerror != ras.ERROR_INVALID_HANDLE:
                self.violation(f"GetConnectStatus({h:#x}): {e}")

    # ---- threads ----------------------------------------------------------

    def dialler(self, i: int) -> None:
        rng = random.Random(SEED * 1000 + i)
        entry = self.private[i]
        kind = KINDS[i % len(KINDS)]
        try:
            while not self.stop.is_set():
                r = rng.random()
                if r < 0.3:
                    if kind in PAUSING_KINDS:
                        self.cycle_paused(i, entry, kind, rng)
                    else:
                        self.cycle_async(entry, rng)
                elif r < 0.38:
                    self.cycle_sync(entry, rng)
                elif r < 0.75:
                    self.cycle_async(rng.choice(SHARED), rng)
                elif r < 0.82:
                    self.cycle_sync(rng.choice(SHARED), rng)
                else:
                    self.hangup_from_pool(rng)
        except BaseException as e:  # pragma: no cover - reported as a violation
            self.violation(f"dialler {i}: {e!r}")
            raise

    def reader(self, i: int) -> None:
        rng = random.Random(SEED * 1000 + 500 + i)
        # a handle hung up meanwhile; statistics of a connection not (or no longer) up
        ok_errors = {ras.ERROR_INVALID_HANDLE, ras.ERROR_NO_CONNECTION}
        try:
            while not self.stop.is_set():
                with self.lock:
                    live = list(self.handles)
                r = rng.random()
                try:
                    if r < 0.2 or not live:
                        ras.EnumConnections()
                    elif r < 0.6:
                        ras.GetConnectStatus(rng.choice(live))
                    else:
                        ras.GetConnectionStatistics(rng.choice(live))
                except ras.error as e:
                    if e.winerror not in ok_errors:
                        self.violation(f"reader: {e!r}")
                self.stats["status_reads"] += 1
        except BaseException as e:  # pragma: no cover - reported as a violation
            self.violation(f"reader {i}: {e!r}")
            raise


def _phonebook_and_scenario(tmp_path: Path, scenario: Scenario, threads: int) -> str:
    names = [f"P{i}" for i in range(threads)]
    pbk = simctl.write_phonebook(tmp_path / "soak.pbk", names + SHARED)
    sections: dict[str, dict[str, Any]] = {}
    for i, name in enumerate(names):
        sections[name] = SCENARIO[KINDS[i % len(KINDS)]]
    for name in SHARED:
        sections[name] = SCENARIO[name]
    scenario.set({k: v for k, v in sections.items() if v})
    return pbk


def test_soak(tmp_path: Path, scenario: Scenario) -> None:
    pbk = _phonebook_and_scenario(tmp_path, scenario, THREADS)
    soak = Soak(pbk, SECONDS, THREADS)
    measure_rss = sys.platform.startswith("linux") and not _sanitized()
    faulthandler.dump_traceback_later(SECONDS + 300, exit=True)
    try:
        shared_args = [pbk, *soak.ext, *soak.params.values()]
        gc.collect()
        base_refs = [sys.getrefcount(o) for o in shared_args]
        base_probes = next(_created) - next(_freed)
        t0 = time.monotonic()
        threads = [
            threading.Thread(target=soak.dialler, args=(i,), name=f"dialler-{i}")
            for i in range(THREADS)
        ] + [
            threading.Thread(target=soak.reader, args=(i,), name=f"reader-{i}")
            for i in range(READERS)
        ]
        for t in threads:
            t.start()
        warmup = max(1.0, SECONDS / 5)
        soak.stop.wait(warmup)  # the run's length, not a wait for an event
        gc.collect()
        rss0 = _rss() if measure_rss else 0
        dials0 = soak.stats["dials_async"] + soak.stats["dials_sync"]
        soak.stop.wait(max(0.0, SECONDS - warmup))
        soak.stop.set()
        for t in threads:
            t.join(WAIT_TIMEOUT * 2)
            assert not t.is_alive(), f"{t.name} is stuck"
        elapsed = time.monotonic() - t0
        while soak.pool:
            soak.hangup(soak.pool.pop())
        with soak.lock:  # the hang-ups callbacks began before the diallers stopped
            assert soak.cv.wait_for(lambda: soak.callback_hangups == 0, WAIT_TIMEOUT)
        assert soak.violations == [], "\n".join(soak.violations[:30])
        assert soak.active == set()
        left = {h: (hs.refs, len(hs.probes)) for h, hs in soak.handles.items() if hs.refs}
        assert left == {}, "references left (handle: references, dials)"
        assert not any(hs.probes for hs in soak.handles.values())
        soak.handles.clear()
        assert ras.EnumConnections() == []
        wait_until(lambda: ras._ras._pending_dials() == 0)
        gc.collect()
        alive = next(_created) - next(_freed) - base_probes
        assert alive == 0, f"{alive} callables still alive"
        assert [sys.getrefcount(o) for o in shared_args] == base_refs
        st = soak.stats
        dials = st["dials_async"] + st["dials_sync"]
        figures: dict[str, Any] = {
            "seconds": round(elapsed, 1),
            "threads": THREADS,
            "dials": dials,
            "async": st["dials_async"],
            "sync": st["dials_sync"],
            "joins": st["joins"],
            "notifications": st["notifications"],
            "terminal": st["terminal"],
            "hangups": st["hangups"],
            "hangups_other_thread": st["hangups_other_thread"],
            "hangups_in_callback": st["hangups_in_callback"],
            "pauses": st["pauses"],
            "resumes": st["resumes"],
            "drops": st["drops_seen"],
            "refused": sum(v for k, v in st.items() if k.startswith("refused_")),
            "status_reads": st["status_reads"],
        }
        if measure_rss:
            gc.collect()
            growth = _rss() - rss0
            measured = dials - dials0
            bound = RSS_BOUND_FIXED + RSS_BOUND_PER_DIAL * measured
            figures["rss_growth_kib"] = growth // 1024
            figures["rss_bound_kib"] = bound // 1024
        line = " ".join(f"{k}={v}" for k, v in figures.items())
        print(f"\nSOAK {line}")
        if REPORT:
            Path(REPORT).write_text(json.dumps(figures), encoding="utf-8")
        # every kind of event happened
        for key in ("joins", "hangups_other_thread", "hangups_in_callback", "resumes", "drops"):
            assert figures[key] > 0, f"no {key} in {elapsed:.1f} s: {line}"
        assert figures["sync"] > 0 and figures["terminal"] > 0
        if measure_rss:
            assert growth < bound, f"RSS grew {growth} bytes over {measured} dials"
    finally:
        faulthandler.cancel_dump_traceback_later()


# ---- issue 14's reproducer ---------------------------------------------------

REPRO = """
import faulthandler, os, random, sys, threading, time
import ras

faulthandler.enable()
pbk, seconds = sys.argv[1], float(sys.argv[2])
faulthandler.dump_traceback_later(seconds + 60, exit=True)
deadline = time.monotonic() + seconds
kept = [[], []]
def cb(h, msg, state, error, exterror):
    pass
def dialer(seed):
    rng = random.Random(seed)
    for _ in range(5000):
        if time.monotonic() > deadline:
            break
        h, rc = ras.Dial(None, pbk, ("E0",), cb)  # a dial of a connected entry joins it
        if rc == 0 and rng.random() < 0.5:
            ras.HangUp(h)
        elif rc == 0:
            kept[seed].append(h)
ts = [threading.Thread(target=dialer, args=(i,)) for i in range(2)]
[t.start() for t in ts]; [t.join() for t in ts]
for h in kept[0] + kept[1]:
    ras.HangUp(h)
end = time.monotonic() + 30
while ras._ras._pending_dials() and time.monotonic() < end:
    time.sleep(0.01)
print("dials kept", len(kept[0]) + len(kept[1]), "pending", ras._ras._pending_dials())
sys.exit(0 if ras._ras._pending_dials() == 0 and not ras.EnumConnections() else 5)
"""


def test_issue14_join_and_hangup_from_two_threads(tmp_path: Path) -> None:
    """Two threads x up to 5000 dials of one entry, half hung up: no crash."""
    pbk = tmp_path / "r.pbk"
    pbk.write_text("[E0]\nDEVICE=vpn\nPhoneNumber=x\n\n", encoding="utf-8")
    script = tmp_path / "repro.py"
    script.write_text(textwrap.dedent(REPRO), encoding="utf-8")
    seconds = min(SECONDS, 20.0)
    proc = subprocess.run(
        [sys.executable, str(script), str(pbk), str(seconds)],
        capture_output=True,
        text=True,
        timeout=seconds + 120,
    )
    assert proc.returncode == 0, f"exit {proc.returncode}\n{proc.stdout}\n{proc.stderr[-6000:]}"
    assert "pending 0" in proc.stdout
