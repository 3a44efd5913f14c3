"""win32ras calls under Wine: ours against pywin32's, in one Windows CPython.

Sets up (once, cached under .cache/) a Windows CPython with pywin32 and our
wheel (dist/, built by tools/winbuild.py if missing), puts the simulated
rasapi32.dll in front of Wine's, and runs wine_calls.py there: every call on
both modules against the same DLL, in the same process, ratios measured in
that one run.  Goal (issue 15): every call <= 1.0x pywin32's time.

    python benchmarks/bench_wine.py [--version 3.11] [--quick]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

import _bench

sys.path.insert(0, str(_bench.ROOT / "tools"))
import winbuild
import winpython
import wintest


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--version", default="3.11", help="the Windows CPython (default 3.11)")
    ap.add_argument("--quick", action="store_true", help="few calls, to check it runs")
    args = ap.parse_args(argv)
    if not wintest.wheel_path().is_file() or not wintest.sim_dll_path().is_file():
        if winbuild.main(["--no-verify"]) != 0:
            raise SystemExit("tools/winbuild.py failed")
    winpython.setup([args.version], pywin32=True)
    wintest.install_wheel(args.version, wintest.wheel_path())
    overrides = wintest.place_rasapi32(args.version, "simulator")
    with tempfile.TemporaryDirectory(prefix="ras-bench-wine-") as tmp:
        pbk = _bench.write_phonebook(Path(tmp) / "calls.pbk", 4)
        script = Path(__file__).with_name("wine_calls.py")
        cmd = [winpython.to_windows_path(script), winpython.to_windows_path(pbk)]
        if args.quick:
            cmd.append("--quick")
        env = {"RASSIM_PHONEBOOK": winpython.to_windows_path(pbk)}
        res = winpython.run_python(
            args.version,
            cmd,
            env=env,
            dll_overrides=overrides,
            cwd=Path(tmp),
            echo=False,
            check=False,
            timeout=1800,
        )
    sys.stdout.write(res.stdout)
    sys.stderr.write(res.stderr)
    return res.returncode


if __name__ == "__main__":
    os.environ.setdefault("RAS_BENCH_INSTALLED", "1")  # nothing of src/ is imported here
    sys.exit(main())
