"""The typed layer's overhead over the raw layer, as ratios measured in one run.

- a dial/hang-up cycle: ``ras.dial()`` + ``Connection.hangup()`` against the
  raw asynchronous ``Dial`` with a callable and an ``Event`` + ``HangUp`` (the
  same RAS path: ``dial`` is asynchronous underneath), and against the raw
  synchronous ``Dial`` + ``HangUp``;
- reading 10 000 entries: ``Phonebook[name]`` (RasGetEntryProperties and the
  typed ``Entry``) against ``GetEntryProperties`` (the dict), 100 times each
  entry of a 100-entry phone book, and the names of a 10 000-entry phone book
  (``Phonebook.names()`` against ``EnumEntries``).

Not a test: no limit is asserted (issue 8 asks for the ratios to be printed).

    python benchmarks/bench_typed.py [--quick]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import threading
import time

import _bench

ROUNDS = 5


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="few iterations, to check it runs")
    args = ap.parse_args(argv)
    cycles = 20 if args.quick else 400
    reads = 200 if args.quick else 10000
    work = _bench.workdir()
    small = _bench.write_phonebook(work / "small.pbk", 100)
    big = _bench.write_phonebook(work / "big.pbk", 200 if args.quick else 10000)
    import ras

    _bench.header("bench_typed: the typed layer against the raw one", "typed and raw")
    params = ("E1", "", "", "", "", "")
    done = threading.Event()

    def progress(hras: int, msg: int, state: int, error: int, exterror: int) -> None:
        if error or state == ras.RASCS_Connected:
            done.set()

    def raw_sync() -> None:
        h, rc = ras.Dial(None, small, params, None)
        assert rc == 0, rc
        ras.HangUp(h)

    def raw_async() -> None:
        done.clear()
        h, rc = ras.Dial(None, small, params, progress)
        assert rc == 0 and done.wait(30), rc
        ras.HangUp(h)

    def typed_dial() -> None:
        ras.dial("E1", phonebook=small).hangup()

    book = ras.Phonebook(small)
    names = [f"E{i}" for i in range(100)]
    big_book = ras.Phonebook(big)

    def each(fn: object, n: int) -> float:
        """ns per call of fn over n calls."""
        assert callable(fn)
        fn()  # warm: the measure before it left other data in the caches
        t0 = time.perf_counter_ns()
        for _ in range(n):
            fn()
        return (time.perf_counter_ns() - t0) / n

    def raw_reads() -> None:
        for i in range(reads):
            ras.GetEntryProperties(small, names[i % 100])

    def typed_reads() -> None:
        for i in range(reads):
            book[names[i % 100]]

    rows: dict[str, list[float]] = {}
    for _ in range(ROUNDS):
        for name, fn, n in (
            ("dial cycle, raw sync", raw_sync, cycles),
            ("dial cycle, raw async", raw_async, cycles),
            ("dial cycle, typed", typed_dial, cycles),
            ("10 000 entry reads, raw", raw_reads, 1),
            ("10 000 entry reads, typed", typed_reads, 1),
            ("names of 10 000 entries, raw", lambda: ras.EnumEntries(None, big), 3),
            ("names of 10 000 entries, typed", big_book.names, 3),
        ):
            rows.setdefault(name, []).append(each(fn, n))
    med = {k: statistics.median(v) for k, v in rows.items()}
    ratios = [
        ("dial cycle: typed / raw async", med["dial cycle, typed"] / med["dial cycle, raw async"]),
        ("dial cycle: typed / raw sync", med["dial cycle, typed"] / med["dial cycle, raw sync"]),
        (
            "entry reads: typed / raw",
            med["10 000 entry reads, typed"] / med["10 000 entry reads, raw"],
        ),
        (
            "names: typed / raw",
            med["names of 10 000 entries, typed"] / med["names of 10 000 entries, raw"],
        ),
    ]
    _bench.table(
        ["measure", "µs (median of rounds)"], [[k, f"{v / 1000:.1f}"] for k, v in med.items()]
    )
    print()
    _bench.table(["ratio", "value"], [[k, f"{v:.2f}"] for k, v in ratios])
    print(f"({ROUNDS} rounds; {cycles} dial cycles a round)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
