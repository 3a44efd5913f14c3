"""Test automation: ``nox -s tests winbuild wine wine_smoke lint``.

Sessions (names are stable; CI calls them):

* ``tests``      Linux, every CPython 3.9-3.13 found (pyenv or PATH): ``pip install .``
                 into the session venv, then pytest.  Missing interpreters are skipped.
* ``winbuild``   tools/winbuild.py: cross-compile _ras.pyd, the wheel, rasapi32.dll.
* ``wine``       tools/wintest.py --pywin32: the suite under Wine on Windows CPython
                 3.9/3.11/3.13 with the simulated rasapi32.dll, pywin32 installed, so the
                 differential suite (tests/differential) compares it with ours.
* ``wine_smoke`` tools/wintest.py --wine-rasapi32: tests/wine_smoke on Wine's own rasapi32.
* ``csim``       tests/c/run.sh: the simulator's C tests (ASan/UBSan, TSan, the mingw
                 build, the DLL under Wine).
* ``lint``       ruff check, ruff format --check, mypy.

Arguments after ``--`` go to pytest (tests) or to tools/wintest.py (wine, wine_smoke).
Every session ends with a ``SUMMARY <session>: N passed, M skipped, ...`` line.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import nox

ROOT = Path(__file__).resolve().parent
LINUX_VERSIONS = ["3.9", "3.10", "3.11", "3.12", "3.13"]
LINT_PATHS = ["src", "tests", "tools", "noxfile.py"]
MYPY_PATHS = ["src/ras", "src/win32ras.py", "src/win2kras.py"]

nox.options.default_venv_backend = "venv"
nox.options.error_on_missing_interpreters = False  # skip (and say so), also in CI
nox.options.sessions = ["tests", "csim", "winbuild", "wine", "wine_smoke", "lint"]
try:  # nox >= 2025: never fetch standalone Pythons from the network
    nox.options.download_python = "never"
except AttributeError:  # pragma: no cover - older nox
    pass


def _version_key(path: str) -> tuple[int, ...]:
    name = Path(path).parent.parent.name  # .../versions/3.9.18/bin/python3.9
    return tuple(int(p) if p.isdigit() else -1 for p in name.split("."))


def _works(python: str) -> bool:
    try:
        return (
            subprocess.run(
                [python, "-c", "pass"], capture_output=True, timeout=30, check=False
            ).returncode
            == 0
        )
    except OSError:
        return False


def find_interpreter(version: str) -> str | None:
    """CPython ``version`` from pyenv's versions, else ``pythonX.Y`` on PATH.

    A pyenv shim is on PATH for every installed version but fails when that
    version is not active, so candidates are run once before being trusted.
    """
    roots = {os.environ.get("PYENV_ROOT", ""), "/root/.pyenv", os.path.expanduser("~/.pyenv")}
    cands: list[str] = []
    for root in sorted(r for r in roots if r):
        cands += glob.glob(
            os.path.join(root, "versions", f"{version}.*", "bin", f"python{version}")
        )
    cands = [
        c
        for c in sorted(set(cands), key=_version_key, reverse=True)
        if "t" not in Path(c).parent.parent.name
    ]
    on_path = shutil.which(f"python{version}")
    if on_path:
        cands.append(on_path)
    return next((c for c in cands if _works(c)), None)


INTERPRETERS = {v: find_interpreter(v) for v in LINUX_VERSIONS}
# nox looks interpreters up by name (pythonX.Y): put the real ones first on PATH.
os.environ["PATH"] = os.pathsep.join(
    [str(Path(p).parent) for p in INTERPRETERS.values() if p] + [os.environ.get("PATH", "")]
)
print(
    "Linux CPythons: "
    + ", ".join(f"{v} -> {p}" for v, p in INTERPRETERS.items() if p)
    + (
        "; missing (skipped): " + ", ".join(v for v, p in INTERPRETERS.items() if not p)
        if not all(INTERPRETERS.values())
        else ""
    ),
    flush=True,
)


def _junit_counts(path: Path) -> dict[str, int]:
    root = ET.parse(path).getroot()
    suites = [root] if root.tag == "testsuite" else list(root.iter("testsuite"))
    c = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for s in suites:
        for k in c:
            c[k] += int(s.get(k, 0))
    c["passed"] = c["tests"] - c["failures"] - c["errors"] - c["skipped"]
    return c


@nox.session(python=LINUX_VERSIONS, reuse_venv=True)
def tests(session: nox.Session) -> None:
    """Linux: install the package into the venv and run the suite on it."""
    session.install("pytest", "hypothesis", "setuptools>=61", "wheel")
    # Non-editable, rebuilt every time (the C sources change between runs).
    session.install("--force-reinstall", "--no-deps", "--no-build-isolation", ".")
    # The tests must get the INSTALLED package: check from outside the checkout.
    session.run(
        "python",
        "-c",
        "import ras, sys; f = ras.__file__; print('ras from', f); "
        "sys.exit(0 if f.startswith(sys.prefix) else 'ras not from the venv: ' + f)",
        silent=False,
    )
    junit = Path(session.create_tmp()) / "junit.xml"
    try:
        session.run(
            "pytest",
            "-p",
            "no:cacheprovider",
            f"--junitxml={junit}",
            "--ignore=tests/wine_smoke",
            "--ignore=tests/differential",
            *session.posargs,
        )
    finally:
        if junit.is_file():
            c = _junit_counts(junit)
            session.log(
                f"SUMMARY tests-{session.python}: {c['passed']} passed, {c['skipped']} skipped, "
                f"{c['failures']} failed, {c['errors']} errors"
            )


@nox.session(python=False)
def winbuild(session: nox.Session) -> None:
    """Cross-compile _ras.pyd, the cp39-abi3-win_amd64 wheel and rasapi32.dll."""
    session.run(sys.executable, "tools/winbuild.py", *session.posargs, external=True)


@nox.session(python=False)
def wine(session: nox.Session) -> None:
    """The suite under Wine: Windows CPython 3.9, 3.11, 3.13 + simulated rasapi32,
    with pywin32 installed beside us, so tests/differential compares the two."""
    session.run(sys.executable, "tools/wintest.py", "--pywin32", *session.posargs, external=True)


@nox.session(python=False)
def wine_smoke(session: nox.Session) -> None:
    """tests/wine_smoke against Wine's own rasapi32.dll."""
    session.run(
        sys.executable, "tools/wintest.py", "--wine-rasapi32", *session.posargs, external=True
    )


@nox.session(python=False)
def csim(session: nox.Session) -> None:
    """The simulator's own C tests (tests/c/run.sh)."""
    out = subprocess.run(
        ["bash", "tests/c/run.sh"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    print(out.stdout[-4000:], out.stderr[-4000:], sep="\n", flush=True)
    checks = [line for line in out.stdout.splitlines() if line.endswith("failures")]
    session.log(f"SUMMARY csim: {'; '.join(checks) or 'no counts'}")
    if out.returncode != 0:
        session.error("tests/c/run.sh failed")


@nox.session(reuse_venv=True)
def lint(session: nox.Session) -> None:
    """ruff check, ruff format --check, mypy (strict, from pyproject.toml)."""
    session.install("ruff", "mypy", "pytest")
    bindir = Path(session.bin)
    steps = {
        "ruff check": [str(bindir / "ruff"), "check", *LINT_PATHS],
        "ruff format --check": [str(bindir / "ruff"), "format", "--check", *LINT_PATHS],
        "mypy": [str(bindir / "mypy"), *MYPY_PATHS],
    }
    failed = []
    for name, cmd in steps.items():
        session.log(" ".join(cmd))
        if subprocess.run(cmd, cwd=ROOT, check=False).returncode != 0:
            failed.append(name)
    session.log(
        f"SUMMARY lint: {len(steps) - len(failed)} passed, 0 skipped, {len(failed)} failed"
        + (f" ({', '.join(failed)})" if failed else "")
    )
    if failed:
        session.error(f"lint failed: {', '.join(failed)}")
