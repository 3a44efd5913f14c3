"""Inside a Windows CPython (under Wine): our win32ras against pywin32's.

Run by bench_wine.py, which installs both into one Windows CPython and puts the
simulated rasapi32.dll in front of Wine's.  Each call is timed on both modules,
alternating in rounds so that a noisy moment hits both; medians.  Standard
library only (it runs in the Windows interpreter).

    python wine_calls.py PHONEBOOK [--quick]
"""

from __future__ import annotations

import importlib
import importlib.machinery
import importlib.util
import os
import site
import statistics
import sys
import time
from collections.abc import Callable
from types import ModuleType

ROUNDS = 5
# Calls whose pywin32 version does not do the same work (docs/compatibility.md).
NOT_COMPARABLE = {
    "IsHandleValid": "pywin32 compares the handle with 0 and never asks RAS; ours calls "
    "RasGetConnectStatus, with the GIL released",
}


def load_pywin32() -> ModuleType:
    """pywin32's win32ras.pyd, loaded under its own name beside ours."""
    import pywintypes  # noqa: F401  (loads pywin32's DLLs)

    saved = sys.modules.get("win32ras")
    try:
        for base in [*site.getsitepackages(), site.getusersitepackages()]:
            path = os.path.join(base, "win32", "win32ras.pyd")
            if os.path.isfile(path):
                loader = importlib.machinery.ExtensionFileLoader("win32ras", path)
                spec = importlib.util.spec_from_file_location("win32ras", path, loader=loader)
                assert spec is not None
                module = importlib.util.module_from_spec(spec)
                loader.exec_module(module)
                return module
    finally:
        if saved is not None:
            sys.modules["win32ras"] = saved
    raise SystemExit("pywin32's win32ras.pyd not found")


def per_call_ns(fn: Callable[[], object], n: int) -> float:
    t0 = time.perf_counter_ns()
    for _ in range(n):
        fn()
    return (time.perf_counter_ns() - t0) / n


def main() -> int:
    pbk = sys.argv[1]
    quick = "--quick" in sys.argv
    ours = importlib.import_module("win32ras")  # ours: first on sys.path
    theirs = load_pywin32()
    assert ours.__file__ is not None and ours.__file__.endswith(".py"), ours.__file__
    params = ("E1", "", "", "", "", "")

    def calls(m: ModuleType, h: int) -> list[tuple[str, Callable[[], object], int]]:
        n = 200 if quick else 20000

        def cycle() -> None:
            # the default phonebook (RASSIM_PHONEBOOK): pywin32 cannot dial
            # with an explicit one (docs/compatibility.md)
            hh, rc = m.Dial(None, None, params, None)
            assert rc == 0, rc
            m.HangUp(hh)

        return [
            ("GetConnectStatus", lambda: m.GetConnectStatus(h), n),
            ("EnumConnections", m.EnumConnections, n),
            ("IsHandleValid", lambda: m.IsHandleValid(h), n),
            ("GetErrorString", lambda: m.GetErrorString(623), n),
            ("EnumEntries", lambda: m.EnumEntries(None, pbk), n // 4),
            ("GetEntryDialParams", lambda: m.GetEntryDialParams(pbk, "E1"), n // 4),
            ("Dial+HangUp (sync)", cycle, max(2, n // 100)),
        ]

    h, rc = ours.Dial(None, pbk, params, None)
    assert rc == 0, rc
    try:
        # the same answers from both, or the timing means nothing (but
        # pywin32 cuts GetConnectStatus's device strings to one character:
        # docs/compatibility.md)
        for (name, a, _), (_, b, _) in zip(calls(ours, h), calls(theirs, h)):
            if name == "GetConnectStatus":
                assert a()[:2] == b()[:2], (name, a(), b())
            elif not name.startswith("Dial"):
                assert a() == b(), (name, a(), b())
        rounds: dict[str, list[tuple[float, float]]] = {}
        for _ in range(ROUNDS):
            for (name, a, n), (_, b, _) in zip(calls(ours, h), calls(theirs, h)):
                rounds.setdefault(name, []).append((per_call_ns(a, n), per_call_ns(b, n)))
    finally:
        ours.HangUp(h)

    print(
        f"# bench_wine: win32ras calls, ours vs pywin32 "
        f"(Windows CPython {sys.version.split()[0]} under Wine, {ROUNDS} rounds, medians)"
    )
    print("| call | ours ns | pywin32 ns | ours/pywin32 |")
    print("|---|---:|---:|---:|")
    worst, worst_name = 0.0, ""
    for name, pairs in rounds.items():
        o = statistics.median(p[0] for p in pairs)
        t = statistics.median(p[1] for p in pairs)
        ratio = statistics.median(p[0] / p[1] for p in pairs)
        mark = " (*)" if name in NOT_COMPARABLE else ""
        if name not in NOT_COMPARABLE and ratio > worst:
            worst, worst_name = ratio, name
        print(f"| {name}{mark} | {o:,.0f} | {t:,.0f} | {ratio:.2f} |")
    print()
    for name, why in NOT_COMPARABLE.items():
        print(f"(*) {name}: {why}")
    verdict = "met" if worst <= 1.0 else "NOT met"
    print(
        f"goal: every call ours/pywin32 <= 1.0 under Wine: worst {worst:.2f} "
        f"({worst_name}): {verdict}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
