#!/usr/bin/env python3
"""Run the test suite under Wine with the real Windows CPythons 3.9, 3.11, 3.13.

For each interpreter: install the built wheel (dist/*-cp39-abi3-win_amd64.whl,
fresh every run) and pytest, then run ``python.exe -m pytest`` on a scratch
copy of the tests (so ``import ras`` finds the INSTALLED package, never src/).

Two modes:

* default (the simulator): build/win/rasapi32.dll is copied next to
  python.exe and loaded instead of Wine's with WINEDLLOVERRIDES=rasapi32=n,b;
  the suite is tests/ (without tests/wine_smoke).
* ``--wine-rasapi32``: Wine's OWN rasapi32 (no copy, forced builtin); the
  suite is tests/wine_smoke/.

Before the tests, a plugin (loaded with -p) checks in the same process that
``ras`` and ``win32ras`` come from site-packages and that the expected
rasapi32.dll was loaded, and records both.

RASSIM_PHONEBOOK / RASSIM_SCENARIO are passed through Wine; a value that is an
absolute Linux path is turned into its Z:\\ form.

Prints one summary line per interpreter (passed/skipped/failed/errors from
pytest's junit XML) and exits non-zero on any failure.

Usage: python3 tools/wintest.py [--versions 3.9 3.11 3.13] [--wine-rasapi32]
                                [--build auto|always|never] [--pywin32]
                                [--jobs N] [-- PYTEST ARGS...]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import textwrap
import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import junit
import winbuild
import winpython
from winpython import REPO, WinPyError

SMOKE_DIR = "wine_smoke"
REALRAS_DIR = "realras"  # Windows' (here Wine's) own rasapi32: never with the simulator
PASSTHROUGH_PATH_VARS = ("RASSIM_PHONEBOOK", "RASSIM_SCENARIO")

# Loaded into the pytest process with -p: proves the installed package and the
# expected rasapi32.dll are what the tests get.
CHECK_PLUGIN = textwrap.dedent(
    r'''
    """Written by tools/wintest.py: where ras and rasapi32.dll come from."""
    import ctypes
    import json
    import os
    import sys

    import pytest

    # Imported by pytest (-p) before any entry-point plugin, so before anything
    # of the project runs: tools/wintest.py tells a start-up failure of Wine or
    # the interpreter (no such file) from one of the project's code.
    with open(os.environ["RAS_WINTEST_STARTED"], "w", encoding="utf-8") as f:
        f.write(sys.version)


    def _module_path(name):
        k32 = ctypes.WinDLL("kernel32", use_last_error=True)
        k32.GetModuleHandleW.restype = ctypes.c_void_p
        k32.GetModuleHandleW.argtypes = [ctypes.c_wchar_p]
        k32.GetModuleFileNameW.restype = ctypes.c_uint32
        k32.GetModuleFileNameW.argtypes = [ctypes.c_void_p, ctypes.c_wchar_p, ctypes.c_uint32]
        handle = k32.GetModuleHandleW(name)
        if not handle:
            return None
        buf = ctypes.create_unicode_buffer(1024)
        k32.GetModuleFileNameW(handle, buf, 1024)
        return buf.value


    def pytest_sessionstart(session):
        import ras
        import win32ras

        info = {
            "python": sys.version.split()[0],
            "ras": os.path.normcase(ras.__file__),
            "win32ras": os.path.normcase(win32ras.__file__),
            "backend": getattr(ras, "BACKEND", None),
            "rasapi32": _module_path("rasapi32.dll"),
            "exe_dir": os.path.normcase(os.path.dirname(sys.executable)),
        }
        with open(os.environ["RAS_WINTEST_INFO"], "w", encoding="utf-8") as f:
            json.dump(info, f)
        site = os.path.normcase(os.path.join(sys.prefix, "Lib", "site-packages"))
        problems = [
            f"{mod} imported from {info[mod]}, not from {site}"
            for mod in ("ras", "win32ras")
            if not info[mod].startswith(site + os.sep)
        ]
        rasapi32 = os.path.normcase(info["rasapi32"] or "")
        beside_exe = os.path.dirname(rasapi32) == info["exe_dir"]
        if os.environ["RAS_WINTEST_MODE"] == "simulator" and not beside_exe:
            problems.append(f"rasapi32.dll is {rasapi32!r}, not the simulator beside python.exe")
        if os.environ["RAS_WINTEST_MODE"] == "wine" and beside_exe:
            problems.append(f"rasapi32.dll is {rasapi32!r}, not Wine's own")
        print(f"ras: {info['ras']}  rasapi32: {info['rasapi32']}")
        if problems:
            pytest.exit("wintest: " + "; ".join(problems), returncode=3)
    '''
)


@dataclass
class Result:
    version: str
    returncode: int = 0
    counts: junit.Counts = field(default_factory=junit.Counts)
    seconds: float = 0.0
    info: dict[str, object] = field(default_factory=dict)
    problem: str = ""
    output: str = ""
    restarted: str = ""  # why the first start did not count, if it did not

    @property
    def ok(self) -> bool:
        return (
            not self.problem
            and self.returncode == 0
            and not (self.counts.failed or self.counts.errors)
        )

    def line(self, mode: str) -> str:
        py = self.info.get("python") or self.version
        status = "OK  " if self.ok else "FAIL"
        text = f"{status} Windows CPython {py} ({mode}): {self.counts.text()}"
        text += f" in {self.seconds:.1f}s"
        if self.restarted:
            text += f" (first start: {self.restarted})"
        if self.problem:
            text += f" -- {self.problem}"
        return text

    def tail(self, lines: int = 40) -> str:
        """The end of the output: printed again after the summary for a failure."""
        return "\n".join(self.output.rstrip("\n").split("\n")[-lines:])


def log(msg: str) -> None:
    print(f"[wintest] {msg}", flush=True)


# --------------------------------------------------------------------------


def wheel_path() -> Path:
    return winbuild.wheel_path(REPO)


def sim_dll_path() -> Path:
    return winbuild.OUTDIR / "rasapi32.dll"


def _newest_input() -> float:
    """mtime of the newest file the Windows build depends on."""
    paths = [REPO / "buildconfig.py", REPO / "pyproject.toml"]
    for pattern in ("*.c", "*.h", "*.def", "*.py", "*.pyi", "py.typed"):
        paths += (REPO / "src").rglob(pattern)
    return max((p.stat().st_mtime for p in paths if p.is_file()), default=0.0)


def ensure_built(policy: str) -> None:
    # tests/test_admin_dll.py runs these two
    admin = [winbuild.OUTDIR / "rrashost.exe", winbuild.OUTDIR / "rasadmin_test.dll"]
    artifacts = [wheel_path(), sim_dll_path(), *admin]
    if policy == "never":
        missing = [str(p.relative_to(REPO)) for p in artifacts if not p.is_file()]
        if missing:
            raise WinPyError(f"missing {', '.join(missing)}: run tools/winbuild.py first")
        return
    if policy == "auto" and all(p.is_file() for p in artifacts):
        oldest = min(p.stat().st_mtime for p in artifacts)
        if oldest >= _newest_input():
            log("Windows build is up to date")
            return
        log("sources changed since the last Windows build: rebuilding")
    winbuild.build_all(verify=False)


def convert_env_paths(env: dict[str, str]) -> dict[str, str]:
    """RASSIM_* values that are absolute Linux paths -> Z:\\ paths."""
    out = {}
    for name in PASSTHROUGH_PATH_VARS:
        value = os.environ.get(name)
        if value is not None:
            out[name] = winpython.to_windows_path(value) if value.startswith("/") else value
    env.update(out)
    return out


def prepare_tests(workdir: Path, suite: str) -> Path:
    """Copy tests/ (and pyproject.toml for pytest's settings) into workdir."""
    src = REPO / "tests"
    if not src.is_dir():
        raise WinPyError(f"no tests directory at {src}")
    shutil.copy2(REPO / "pyproject.toml", workdir / "pyproject.toml")
    shutil.copytree(
        src,
        workdir / "tests",
        ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache", "*.pyc", "*.so", "c"),
    )
    if (REPO / "examples").is_dir():  # tests/test_examples.py runs their suites
        shutil.copytree(
            REPO / "examples",
            workdir / "examples",
            ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache", "*.pyc"),
        )
    (workdir / "ras_wintest_check.py").write_text(CHECK_PLUGIN, encoding="utf-8")
    target = workdir / "tests" / suite if suite != "." else workdir / "tests"
    if not target.exists():
        raise WinPyError(f"test suite not found: tests/{suite}")
    return target


def install_wheel(version: str, wheel: Path) -> None:
    winpython.pip_install_offline(
        version,
        None,
        [winpython.to_windows_path(wheel)],
        extra_args=["--force-reinstall", "--no-deps"],
    )


def place_rasapi32(version: str, mode: str) -> str:
    """Put (or remove) the simulator beside python.exe; returns WINEDLLOVERRIDES part."""
    dest = winpython.winpy_dir(version) / "rasapi32.dll"
    if mode == "simulator":
        shutil.copy2(sim_dll_path(), dest)
        return "rasapi32=n,b"
    dest.unlink(missing_ok=True)
    return "rasapi32=b"


def _pytest_args(work: Path, junit_xml: Path, target: Path, mode: str, suite: str) -> list[str]:
    args = [
        "-m",
        "pytest",
        "-p",
        "no:cacheprovider",
        "-p",
        "ras_wintest_check",
        f"--junitxml={winpython.to_windows_path(junit_xml)}",
        f"--basetemp={winpython.to_windows_path(work / 'basetemp')}",
        "-o",
        "junit_family=xunit1",  # keeps record_property() in the XML
    ]
    if mode == "simulator" and suite == ".":
        args.append(f"--ignore={winpython.to_windows_path(target / SMOKE_DIR)}")
        args.append(f"--ignore={winpython.to_windows_path(target / REALRAS_DIR)}")
    return [*args, winpython.to_windows_path(target)]


def _attempt(
    result: Result,
    version: str,
    mode: str,
    suite: str,
    pytest_args: Sequence[str],
    overrides: str,
    *,
    echo: bool,
    timeout: float | None,
) -> bool:
    """One pytest run into ``result``; False when the interpreter ended before
    pytest loaded its first plugin (nothing of the project had run)."""
    with tempfile.TemporaryDirectory(prefix=f"ras-wintest-{winpython.tag(version)}-") as tmp:
        work = Path(tmp)
        target = prepare_tests(work, suite)
        junit_xml = work / "junit.xml"
        info_file = work / "info.json"
        started = work / "started.txt"
        env = {
            "RAS_WINTEST_INFO": winpython.to_windows_path(info_file),
            "RAS_WINTEST_STARTED": winpython.to_windows_path(started),
            "RAS_WINTEST_MODE": mode,
            "PYTHONFAULTHANDLER": "1",
            # tests/test_admin_dll.py: rrashost.exe and rasadmin_test.dll
            "RAS_WINTEST_BUILD": winpython.to_windows_path(winbuild.OUTDIR),
        }
        if mode == "wine":
            env["RAS_WINE_SMOKE"] = "1"
        convert_env_paths(env)
        res = winpython.run_python(
            version,
            [*_pytest_args(work, junit_xml, target, mode, suite), *pytest_args],
            env=env,
            dll_overrides=overrides,
            cwd=work,
            echo=echo,
            check=False,
            timeout=timeout,
        )
        result.output += res.stdout + res.stderr
        result.returncode = res.returncode
        if info_file.is_file():
            result.info = json.loads(info_file.read_text(encoding="utf-8"))
        if junit_xml.is_file():
            result.counts = junit.read(junit_xml)
        if not junit_xml.is_file() and res.returncode == 3:
            result.problem = "the installed package / rasapi32 check failed (see above)"
        elif not junit_xml.is_file():
            # Under Wine a Windows exception (0xC0000005...) exits with its low byte.
            result.problem = (
                f"pytest did not finish (exit {res.returncode}, no junit XML): "
                "the interpreter crashed or was killed; see the output above"
            )
            result.returncode = result.returncode or 1
            return started.is_file()
        elif res.returncode == 5:
            result.problem = "pytest collected no tests"
        elif res.returncode not in (0, 1):
            result.problem = f"pytest exited with {res.returncode}"
        elif res.returncode == 1 and not (result.counts.failed or result.counts.errors):
            result.problem = "pytest exited with 1"
        return True


def run_one(
    version: str,
    mode: str,
    suite: str,
    pytest_args: Sequence[str],
    *,
    echo: bool = True,
    timeout: float | None = None,
) -> Result:
    """Install the wheel and run pytest.  An interpreter that ends before pytest
    loads its first plugin (Wine or CPython failing to start: none of the
    project's code has run) is started once more; both runs' output is kept and
    the summary line says so."""
    result = Result(version)
    t0 = time.monotonic()
    try:
        install_wheel(version, wheel_path())
        overrides = place_rasapi32(version, mode)

        def attempt() -> bool:
            return _attempt(
                result, version, mode, suite, pytest_args, overrides, echo=echo, timeout=timeout
            )

        if not attempt():
            first = f"exit {result.returncode} before pytest loaded a plugin"
            log(f"CPython {version}: {first}; starting it once more")
            result.output += f"\n[wintest] ^ {first}; started once more:\n"
            result.problem = ""
            attempt()
            result.restarted = first
    except WinPyError as exc:
        result.problem = str(exc)
        result.returncode = result.returncode or 1
    result.seconds = time.monotonic() - t0
    return result


def check_uninstall_restores_pywin32(version: str) -> str:
    """Uninstall our wheel: ``import win32ras`` must then be pywin32's again (README,
    docs/compatibility.md); the wheel is installed back.  Returns a problem or ''."""
    code = "import os, win32ras; print(os.path.normcase(win32ras.__file__))"
    try:
        winpython.run_python(
            version,
            ["-m", "pip", "uninstall", "--disable-pip-version-check", "-y", "ras-win32"],
            echo=False,
            timeout=winpython.PIP_TIMEOUT,
            error=f"could not uninstall ras-win32 from Windows CPython {version}",
        )
        res = winpython.run_python(version, ["-c", code], echo=False, check=False, timeout=300)
        got = res.stdout.strip()
        install_wheel(version, wheel_path())
    except WinPyError as exc:
        return str(exc)
    want = r"site-packages\win32\win32ras.pyd"  # normcase'd by the Windows python
    log(f"CPython {version}, ras-win32 uninstalled: import win32ras -> {got or res.stderr}")
    return "" if got.endswith(want) else f"after uninstalling ras-win32 win32ras is {got!r}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--versions", nargs="+", default=list(winpython.VERSIONS))
    parser.add_argument(
        "--wine-rasapi32",
        action="store_true",
        help="use Wine's own rasapi32 and run tests/wine_smoke",
    )
    parser.add_argument(
        "--suite",
        default=None,
        help="directory under tests/ to run (default: all of tests/ for the simulator, "
        "wine_smoke with --wine-rasapi32)",
    )
    parser.add_argument("--build", choices=("auto", "always", "never"), default="auto")
    parser.add_argument("--pywin32", action="store_true", help="also install pywin32")
    parser.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=0,
        help="interpreters to test at once (default: all; with 1 the output is live, "
        "otherwise each interpreter's output is printed when it finishes)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=1200,
        help="seconds one interpreter's pytest run may take (default 1200)",
    )
    parser.add_argument("pytest_args", nargs=argparse.REMAINDER)
    ns = parser.parse_args(argv)
    pytest_args = ns.pytest_args[1:] if ns.pytest_args[:1] == ["--"] else ns.pytest_args
    mode = "wine" if ns.wine_rasapi32 else "simulator"
    suite = ns.suite or (SMOKE_DIR if mode == "wine" else ".")
    label = "Wine's rasapi32" if mode == "wine" else "simulated rasapi32"

    t0 = time.monotonic()
    try:
        ensure_built(ns.build)
        winpython.setup(ns.versions, pywin32=ns.pywin32)
    except WinPyError as exc:
        print(f"[wintest] ERROR: {exc}", file=sys.stderr)
        return 1

    results: list[Result] = []
    lock = threading.Lock()

    jobs = ns.jobs if ns.jobs > 0 else len(ns.versions)
    where = "tests/" + ("" if suite == "." else suite)

    def one(version: str) -> Result:
        header = f"=== Windows CPython {version}, {label}, {where} ==="
        if jobs == 1:
            log(header)
        r = run_one(version, mode, suite, pytest_args, echo=jobs == 1, timeout=ns.timeout)
        with lock:
            if jobs > 1:
                log(header)
                sys.stdout.write(r.output)
            for test, name, value in r.counts.properties:
                log(f"  recorded by {test}: {name} = {value}")
            log(r.line(label))
        return r

    try:
        if jobs > 1:
            log(f"testing {len(ns.versions)} interpreters, {jobs} at a time")
            with ThreadPoolExecutor(max_workers=jobs) as pool:
                results = list(pool.map(one, ns.versions))
        else:
            results = [one(v) for v in ns.versions]
    finally:
        winpython.wait_wineserver()

    if ns.pywin32 and mode == "simulator":
        for r in results:
            r.problem = r.problem or check_uninstall_restores_pywin32(r.version)
        winpython.wait_wineserver()

    print()
    print(f"=== Wine tier summary ({label}, {time.monotonic() - t0:.1f}s) ===")
    for r in results:
        print(r.line(label))
    for r in results:
        if not r.ok and r.output:
            print(f"--- the end of CPython {r.version}'s output ({label}) ---")
            print(r.tail())
    total = sum((r.counts for r in results), junit.Counts())
    print(f"SUMMARY wintest ({label}, {len(results)} interpreters): {total.text()}")
    return 0 if results and all(r.ok for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
