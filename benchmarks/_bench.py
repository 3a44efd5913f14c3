"""What the benchmark scripts share: the C driver, timing, tables, goals.

The C side is ``cbench.c`` built here with gcc from the simulator's sources
(``src/rassim/*.c``) with the flags CPython builds extensions with, because the
extension hides the simulator's symbols (``-fvisibility=hidden``).  Both sides
run in the same invocation of a script, so their ratio is measured in one run.
"""

from __future__ import annotations

import math
import os
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
if str(SRC) not in sys.path and not os.environ.get("RAS_BENCH_INSTALLED"):
    sys.path.insert(0, str(SRC))  # the in-place build (setup.py build_ext --inplace)

# One VPN entry, compact: 100 000 of them (11 MB) stay under the simulator's
# 16 MiB file limit (SIM_MAX_FILE_BYTES).
ENTRY = """\
[{name}]
Type=2
MEDIA=rastapi
Port=VPN2-0
Device=WAN Miniport (IKEv2)
DEVICE=vpn
PhoneNumber=vpn.example.com

"""


def workdir() -> Path:
    """A private directory for this run's phonebooks and the C driver."""
    d = Path(tempfile.mkdtemp(prefix="ras-bench-"))
    os.environ.pop("RASSIM_SCENARIO", None)
    os.environ["RASSIM_PHONEBOOK"] = str(d / "default.pbk")
    return d


def write_phonebook(path: Path, count: int) -> str:
    """A phonebook of count VPN entries E0 .. E<count-1>."""
    path.write_text("".join(ENTRY.format(name=f"E{i}") for i in range(count)), encoding="utf-8")
    return str(path)


def build_driver(where: Path) -> Path:
    """benchmarks/cbench.c + src/rassim/*.c -> an executable (gcc)."""
    if sys.platform == "win32":
        raise SystemExit("the C driver is built with gcc on Linux")
    exe = where / "cbench"
    cflags = (sysconfig.get_config_var("CFLAGS") or "-O3").split()
    opt = [f for f in cflags if f.startswith("-O") or f in ("-fwrapv", "-DNDEBUG")] or ["-O2"]
    cmd = [
        os.environ.get("CC", "gcc"),
        "-std=c11",
        "-Wall",
        "-Wextra",
        "-Werror",
        *opt,
        f"-I{SRC}",
        f"-I{SRC / 'compat'}",
        *sorted(str(p) for p in (SRC / "rassim").glob("*.c")),
        str(Path(__file__).with_name("cbench.c")),
        "-o",
        str(exe),
        "-pthread",
    ]
    subprocess.run(cmd, check=True)
    return exe


def c_run(exe: Path, *args: object) -> list[float]:
    """Runs the C driver; its one line of numbers."""
    out = subprocess.run(
        [str(exe), *map(str, args)], capture_output=True, text=True, check=True
    ).stdout
    return [float(x) for x in out.split()]


def median_ns(fn: Callable[[], object], reps: int) -> float:
    """Median of reps timed calls of fn, in ns."""
    times = []
    for _ in range(reps):
        t0 = time.perf_counter_ns()
        fn()
        times.append(time.perf_counter_ns() - t0)
    return statistics.median(times)


def per_call_ns(fn: Callable[[], object], n: int, rounds: int = 7) -> float:
    """Median over rounds of the mean ns per call of n calls of fn."""
    results = []
    for _ in range(rounds):
        t0 = time.perf_counter_ns()
        for _ in range(n):
            fn()
        results.append((time.perf_counter_ns() - t0) / n)
    return statistics.median(results)


def scaling_exponent(sizes: Sequence[int], totals: Sequence[float]) -> float:
    """Least-squares slope of log(total time) over log(size): 1.0 is linear."""
    xs = [math.log(s) for s in sizes]
    ys = [math.log(t) for t in totals]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """Prints a Markdown table (pastes into docs/performance.md)."""
    cells = [list(map(str, headers))] + [[str(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    for k, r in enumerate(cells):
        print("| " + " | ".join(c.rjust(w) for c, w in zip(r, widths)) + " |")
        if k == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")


def goal(what: str, value: float, limit: float, at_most: bool = True) -> bool:
    """Prints one goal line: the measured value, the limit, met or not met."""
    met = value <= limit if at_most else value >= limit
    sign = "<=" if at_most else ">="
    print(f"goal: {what}: {value:.3f} ({sign} {limit}): {'met' if met else 'NOT met'}")
    return met


def header(title: str, sides: str = "Python and C") -> None:
    import ras

    print(f"# {title}")
    print(
        f"# CPython {sys.version.split()[0]}, ras backend {ras.BACKEND}, "
        f"{os.cpu_count()} CPUs; medians; {sides} measured in this one run"
    )
