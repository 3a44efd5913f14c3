"""Dial/hang-up cycles: asynchronous vs synchronous, and notifications per second.

A synchronous Dial + HangUp cycle against an asynchronous one (a callable that
gets every state; the cycle ends at RASCS_Connected), and the rate at which
notifications reach Python against the rate at which the simulator delivers
them to a C RASDIALFUNC2, both measured in this run.  Goals (issue 15): async
cycle <= 1.3x a sync one; notifications >= 0.8x the C rate.  (The notifier's
per-notification thread state is another part of issue 15: this only measures.)

    python benchmarks/bench_dial.py [--quick] [--pin] [--phases]

--pin runs everything (Python, the simulator's threads, the C driver) on one
CPU: what is left is CPU work, without the cross-CPU wake-ups whose latency
a virtual machine makes large.  --phases also prints where an asynchronous
Python cycle spends its time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import threading
import time

import _bench

ROUNDS = 5


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="few dials, to check it runs")
    ap.add_argument("--pin", action="store_true", help="run on one CPU (Linux)")
    ap.add_argument("--phases", action="store_true", help="time the phases of an async cycle")
    args = ap.parse_args(argv)
    if args.pin:
        # Threads (the simulator's dial workers too) and the C driver, a
        # child process, inherit the calling thread's affinity.
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    n = 20 if args.quick else 2000
    work = _bench.workdir()
    exe = _bench.build_driver(work)
    pbk = _bench.write_phonebook(work / "dial.pbk", 4)
    params = ("E1", "", "", "", "", "")
    import ras

    _bench.header("bench_dial: dial/hang-up cycles")
    done = threading.Event()
    count = [0]

    def progress(hras: int, msg: int, state: int, error: int, exterror: int) -> None:
        count[0] += 1
        if error or state == ras.RASCS_Connected:
            done.set()

    def py_round(cycles: int) -> tuple[float, float, float]:
        """ns per sync cycle, ns per async cycle, notifications per second."""
        t0 = time.perf_counter_ns()
        for _ in range(cycles):
            handle, rc = ras.Dial(None, pbk, params, None)
            if rc != 0:
                raise SystemExit(f"Dial: {rc}")
            ras.HangUp(handle)
        sync = (time.perf_counter_ns() - t0) / cycles
        count[0] = 0
        t0 = time.perf_counter_ns()
        for _ in range(cycles):
            done.clear()
            handle, rc = ras.Dial(None, pbk, params, progress)
            if rc != 0:
                raise SystemExit(f"Dial: {rc}")
            if not done.wait(30):
                raise SystemExit("no RASCS_Connected within 30 s")
            ras.HangUp(handle)
        elapsed = time.perf_counter_ns() - t0
        return sync, elapsed / cycles, count[0] / (elapsed / 1e9)

    # Python and C alternate, ROUNDS times, so that a noisy moment of a
    # shared machine hits both sides; medians of the rounds.
    per_round = max(1, n // ROUNDS)
    py_rounds, c_rounds = [], []
    for _ in range(ROUNDS):
        py_rounds.append(py_round(per_round))
        c_rounds.append(tuple(_bench.c_run(exe, "dial", pbk, "E1", per_round)))
    sync_ns, async_ns, py_rate = (statistics.median(r[i] for r in py_rounds) for i in range(3))
    c_sync, c_async, c_rate = (statistics.median(r[i] for r in c_rounds) for i in range(3))
    notes = count[0] / per_round
    _bench.table(
        ["", "Python", "C", "Python/C"],
        [
            [
                "sync cycle µs",
                f"{sync_ns / 1000:.1f}",
                f"{c_sync / 1000:.1f}",
                f"{sync_ns / c_sync:.2f}",
            ],
            [
                "async cycle µs",
                f"{async_ns / 1000:.1f}",
                f"{c_async / 1000:.1f}",
                f"{async_ns / c_async:.2f}",
            ],
            ["async/sync", f"{async_ns / sync_ns:.2f}", f"{c_async / c_sync:.2f}", ""],
            ["notifications/s", f"{py_rate:,.0f}", f"{c_rate:,.0f}", f"{py_rate / c_rate:.2f}"],
        ],
    )
    print(f"({ROUNDS} rounds of {per_round} cycles per side; {notes:.1f} notifications a dial)")
    print()
    if args.phases:
        phases(pbk, params, n)
    where = " (one CPU)" if args.pin else ""
    _bench.goal(f"async/sync dial cycle (Python){where}", async_ns / sync_ns, 1.3)
    _bench.goal(f"notifications to Python / C rate{where}", py_rate / c_rate, 0.8, at_most=False)
    return 0


def phases(pbk: str, params: tuple[str, ...], n: int) -> None:
    """Medians of the phases of an async cycle, from timestamps taken in Python."""
    import ras

    done = threading.Event()
    stamps: list[int] = []
    clock = time.perf_counter_ns

    def progress(hras: int, msg: int, state: int, error: int, exterror: int) -> None:
        stamps.append(clock())
        if error or state == ras.RASCS_Connected:
            done.set()
            stamps.append(clock())

    rows = []
    for _ in range(n):
        stamps.clear()
        done.clear()
        t0 = clock()
        handle, rc = ras.Dial(None, pbk, params, progress)
        t1 = clock()
        if rc != 0 or not done.wait(30):
            raise SystemExit(f"Dial: {rc}")
        t2 = clock()
        ras.HangUp(handle)
        t3 = clock()
        first, last, after_set = stamps[0], stamps[-2], stamps[-1]
        rows.append(
            (t1 - t0, first - t1, last - first, after_set - last, t2 - after_set, t3 - t2, t3 - t0)
        )
    names = [
        "Dial() returns (RasDial starts the dial's thread)",
        "-> first notification reaches Python",
        "first -> last (Connected) notification",
        "Event.set() in the callable",
        "-> the waiting caller runs again",
        "HangUp()",
        "whole cycle",
    ]
    _bench.table(
        ["async cycle phase", "µs (median)"],
        [
            [name, f"{statistics.median(r[i] for r in rows) / 1000:.1f}"]
            for i, name in enumerate(names)
        ],
    )
    print()


if __name__ == "__main__":
    sys.exit(main())
