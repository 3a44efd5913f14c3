"""EnumEntries and GetEntryProperties against phonebook size, Python vs C.

Per-entry cost at 100 .. 100 000 entries, the fitted scaling exponent of a
call's time over the phonebook's size (1.0: linear), and the ratio of the
Python call (ras._ras) to the same simulator function called from C, both
measured in this run.  Goals (issue 15): exponent <= 1.1; Python/C <= 1.1 at
10 000 entries.

    python benchmarks/bench_phonebook.py [--quick] [--sizes 100,1000] [--reps N]
"""

from __future__ import annotations

import argparse
import statistics
import sys

import _bench

SIZES = [100, 1000, 10000, 100000]
QUICK_SIZES = [100, 200]
ROUNDS = 3


def reps_for(n: int) -> int:
    return max(ROUNDS, min(60, 300000 // n))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="two small sizes, to check it runs")
    ap.add_argument("--sizes", help="comma-separated entry counts")
    ap.add_argument("--reps", type=int, help="calls per size (default: fewer for bigger sizes)")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else SIZES
    if args.quick:
        sizes = QUICK_SIZES
    work = _bench.workdir()
    exe = _bench.build_driver(work)
    import ras

    _bench.header("bench_phonebook: EnumEntries and GetEntryProperties")
    rows = []
    enum_py, enum_c, props_py, props_c = [], [], [], []
    for n in sizes:
        pbk = _bench.write_phonebook(work / f"pb{n}.pbk", n)
        last = f"E{n - 1}"
        reps = 3 if args.quick else args.reps or reps_for(n)
        names = ras.EnumEntries(None, pbk)  # warm-up (and the size hint)
        if len(names) != n:
            raise SystemExit(f"EnumEntries gave {len(names)} entries, not {n}")
        ras.GetEntryProperties(pbk, last)
        # Python and C alternate, ROUNDS times, so that a noisy moment of a
        # shared machine hits both sides; medians of the rounds' medians.
        per = max(1, reps // ROUNDS)
        r_ep, r_ec, r_gp, r_gc = [], [], [], []
        for _ in range(ROUNDS):
            r_ep.append(_bench.median_ns(lambda pbk=pbk: ras.EnumEntries(None, pbk), per))
            ec, count = _bench.c_run(exe, "enum", pbk, per)
            if int(count) != n:
                raise SystemExit(f"RasEnumEntriesW gave {count} entries, not {n}")
            r_ec.append(ec)
            r_gp.append(
                _bench.median_ns(lambda pbk=pbk, e=last: ras.GetEntryProperties(pbk, e), per)
            )
            r_gc.append(_bench.c_run(exe, "props", pbk, last, per)[0])
        ep, ec, gp, gc = map(statistics.median, (r_ep, r_ec, r_gp, r_gc))
        enum_py.append(ep)
        enum_c.append(ec)
        props_py.append(gp)
        props_c.append(gc)
        rows.append(
            [
                f"{n:,}",
                f"{ep / n / 1000:.2f}",
                f"{ec / n / 1000:.2f}",
                f"{ep / ec:.2f}",
                f"{gp / n / 1000:.2f}",
                f"{gc / n / 1000:.2f}",
                f"{gp / gc:.2f}",
                f"{ep / 1e6:.1f}",
            ]
        )
        (work / f"pb{n}.pbk").unlink()
    _bench.table(
        [
            "entries",
            "EnumEntries µs/entry (Py)",
            "(C)",
            "Py/C",
            "GetEntryProperties µs/entry (Py)",
            "(C)",
            "Py/C",
            "EnumEntries ms/call (Py)",
        ],
        rows,
    )
    exps = {
        "EnumEntries (Python)": _bench.scaling_exponent(sizes, enum_py),
        "EnumEntries (C)": _bench.scaling_exponent(sizes, enum_c),
        "GetEntryProperties (Python)": _bench.scaling_exponent(sizes, props_py),
        "GetEntryProperties (C)": _bench.scaling_exponent(sizes, props_c),
    }
    print()
    for what, e in exps.items():
        _bench.goal(f"scaling exponent, {what}, {sizes[0]}..{sizes[-1]} entries", e, 1.1)
    small = [i for i, s in enumerate(sizes) if s <= 10000]
    if len(small) >= 2 and len(small) < len(sizes):
        # the same fit without the biggest sizes: there the RASENTRYNAMEW array
        # alone (1 KiB an entry: ~100 MiB at 100 000) outgrows every cache
        for what, ts in (("EnumEntries (Python)", enum_py), ("EnumEntries (C)", enum_c)):
            e = _bench.scaling_exponent([sizes[i] for i in small], [ts[i] for i in small])
            print(f"info: scaling exponent, {what}, {sizes[0]}..{sizes[small[-1]]}: {e:.2f}")
    at = 10000 if 10000 in sizes else sizes[-1]
    i = sizes.index(at)
    _bench.goal(f"Python/C, EnumEntries at {at:,} entries", enum_py[i] / enum_c[i], 1.1)
    _bench.goal(f"Python/C, GetEntryProperties at {at:,} entries", props_py[i] / props_c[i], 1.1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
