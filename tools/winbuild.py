#!/usr/bin/env python3
"""Cross-compile the Windows binaries with mingw-w64 (x86_64-w64-mingw32-gcc).

Builds, from buildconfig.py's source lists:

* ``build/win/_ras.pyd``: the extension ``ras._ras`` for CPython >= 3.9 on
  win_amd64, stable ABI (links ``python3.dll`` through the Windows CPython
  3.9's ``libs/python3.lib``) and the REAL rasapi32;
* ``dist/<name>-<version>-cp39-abi3-win_amd64.whl``: the wheel around it;
* ``build/win/rasapi32.dll``: the simulated rasapi32 (src/rassim) with the
  export list src/rassim/rasapi32.def, to stand behind the .pyd under Wine.

Every binary is checked with ``objdump -p``: it may import only python3.dll,
rasapi32.dll, user32.dll and Windows system/CRT DLLs (never python3X.dll nor
a mingw runtime DLL).  The wheel is then installed with the Windows pip under
Wine (into a scratch --target) and ``import ras._ras`` is tried.

Usage: python3 tools/winbuild.py [--no-verify] [--only pyd|wheel|sim ...]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from wheel.wheelfile import MINIMUM_TIMESTAMP, WheelFile, get_zipinfo_datetime

if sys.version_info >= (3, 11):
    import tomllib
else:  # a build-time dependency only (tools/ci_setup.sh installs it there)
    import tomli as tomllib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import winpython
from winpython import REPO, WinPyError

CC = os.environ.get("RAS_MINGW_CC", "x86_64-w64-mingw32-gcc")
OBJDUMP = os.environ.get("RAS_MINGW_OBJDUMP", "x86_64-w64-mingw32-objdump")
NM = os.environ.get("RAS_MINGW_NM", "x86_64-w64-mingw32-nm")
BUILD_PY = "3.9"  # the stable-ABI floor: link against 3.9's python3.lib
WHEEL_TAG = "cp39-abi3-win_amd64"
OUTDIR = REPO / "build" / "win"  # _ras.pyd, rasapi32.dll and the object files

# DLLs a built binary may import (lower case).  Everything else fails the build.
ALLOWED_SYSTEM_DLLS = {
    "kernel32.dll",
    "ntdll.dll",
    "user32.dll",
    "advapi32.dll",
    "msvcrt.dll",
    "ucrtbase.dll",
    "ws2_32.dll",
    "iphlpapi.dll",
    "ole32.dll",
    "oleaut32.dll",
    "shell32.dll",
    "rasapi32.dll",
}
ALLOWED_PREFIXES = ("api-ms-win-crt-", "api-ms-win-core-")


def log(msg: str) -> None:
    print(f"[winbuild] {msg}", flush=True)


# --------------------------------------------------------------------------
# Project metadata
# --------------------------------------------------------------------------


def load_buildconfig(repo: Path) -> object:
    import importlib.util

    spec = importlib.util.spec_from_file_location("buildconfig", repo / "buildconfig.py")
    if spec is None or spec.loader is None:
        raise WinPyError(f"cannot load {repo / 'buildconfig.py'}")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def project_version(repo: Path) -> str:
    """The version setup.py's build gets: setuptools-scm's (the git tag, see
    pyproject.toml's [tool.setuptools_scm]), the one source of the version."""
    res = subprocess.run(
        [sys.executable, "-m", "setuptools_scm", "--root", str(repo)],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )
    lines = res.stdout.split()
    if res.returncode != 0 or not lines:
        raise WinPyError(
            "setuptools-scm gave no version (pip install 'setuptools-scm>=8'): "
            + res.stderr.strip()
        )
    return lines[-1]


def read_project(repo: Path) -> dict[str, object]:
    with open(repo / "pyproject.toml", "rb") as f:
        data = tomllib.load(f)
    project = data.get("project")
    if not isinstance(project, dict):
        raise WinPyError("pyproject.toml has no [project] table")
    if "version" in project.get("dynamic", []):
        project["version"] = project_version(repo)
    for key in ("name", "version"):
        if not isinstance(project.get(key), str):
            raise WinPyError(f"pyproject.toml [project] has no string {key!r}")
    return project


def normalized_name(name: str) -> str:
    """Distribution name for file names: ``ras-win32`` -> ``ras_win32``."""
    return re.sub(r"[-_.]+", "_", name).lower()


def wheel_path(repo: Path = REPO) -> Path:
    """``dist/<name>-<version>-cp39-abi3-win_amd64.whl``."""
    project = read_project(repo)
    name = normalized_name(str(project["name"]))
    return repo / "dist" / f"{name}-{project['version']}-{WHEEL_TAG}.whl"


# --------------------------------------------------------------------------
# Compiling
# --------------------------------------------------------------------------


def _require_tool(tool: str) -> None:
    if shutil.which(tool) is None:
        raise WinPyError(f"{tool} not found: install gcc-mingw-w64-x86-64 (see tools/ci_setup.sh)")


def _run(cmd: Sequence[str], what: str) -> str:
    return winpython.run_checked(cmd, what, cwd=REPO)


def compile_objects(sources: Sequence[str], objdir: Path, cflags: Sequence[str]) -> list[Path]:
    """Compile each source to objdir (in parallel); fail on any warning."""
    if objdir.exists():
        shutil.rmtree(objdir)
    objdir.mkdir(parents=True)

    def one(src: str) -> Path:
        path = REPO / src
        if not path.is_file():
            raise WinPyError(f"source listed in buildconfig.py is missing: {src}")
        obj = objdir / (src.replace("/", "_").removesuffix(".c") + ".o")
        _run([CC, *cflags, "-c", str(path), "-o", str(obj)], f"compiling {src}")
        return obj

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        return list(pool.map(one, sources))


def dll_imports(binary: Path) -> dict[str, list[str]]:
    """{dll name: [imported symbols]} from ``objdump -p``."""
    out = _run([OBJDUMP, "-p", str(binary)], f"objdump -p {binary.name}")
    imports: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in out.splitlines():
        m = re.match(r"\s*DLL Name:\s*(\S+)", line)
        if m:
            current = imports.setdefault(m.group(1), [])
            continue
        if current is not None:
            m = re.match(r"\s*[0-9a-fA-F]+\s+\d+\s+(\S+)\s*$", line)
            if m:
                current.append(m.group(1))
            elif not line.strip() or line.lstrip().startswith("vma:"):
                continue
            else:
                current = None
    return imports


def dll_exports(binary: Path) -> set[str]:
    out = _run([OBJDUMP, "-p", str(binary)], f"objdump -p {binary.name}")
    names: set[str] = set()
    in_table = False
    for line in out.splitlines():
        if "[Ordinal/Name Pointer] Table" in line or "[Name Pointer/Ordinal] Table" in line:
            in_table = True
            continue
        if in_table:
            m = re.match(r"\s*\[\s*\d+\]\s+([A-Za-z_]\w*)\s*$", line)
            if m:
                names.add(m.group(1))
            elif not line.strip():
                in_table = False
    return names


def check_imports(binary: Path, allowed_extra: Iterable[str]) -> dict[str, list[str]]:
    """Fail unless ``binary`` imports only allowed DLLs; returns the imports."""
    imports = dll_imports(binary)
    allowed = ALLOWED_SYSTEM_DLLS | {d.lower() for d in allowed_extra}
    bad = []
    for dll in imports:
        low = dll.lower()
        if re.fullmatch(r"python3\d+\.dll", low):
            bad.append(f"{dll} (version-specific CPython DLL: the stable ABI must use python3.dll)")
        elif low not in allowed and not low.startswith(ALLOWED_PREFIXES):
            bad.append(dll)
    if bad:
        raise WinPyError(
            f"{binary.name} imports DLLs it must not: {', '.join(bad)}; "
            f"all imports: {', '.join(imports)}"
        )
    return imports


# --------------------------------------------------------------------------
# The three artifacts
# --------------------------------------------------------------------------


def common_cflags(bc: object) -> list[str]:
    warnings = list(getattr(bc, "GCC_WARNINGS", ["-Wall", "-Wextra", "-Werror"]))
    for w in ("-Wall", "-Wextra", "-Werror"):
        if w not in warnings:
            warnings.append(w)
    includes = [f"-I{REPO / d}" for d in bc.INCLUDE_DIRS]  # type: ignore[attr-defined]
    return ["-O2", *warnings, "-std=c11", *includes]


def build_pyd(bc: object, outdir: Path) -> Path:
    pyroot = winpython.winpy_dir(BUILD_PY)
    if not (pyroot / "libs" / "python3.lib").is_file():
        winpython.fetch([BUILD_PY])
    cflags = [
        *common_cflags(bc),
        f"-DPy_LIMITED_API={bc.LIMITED_API}",  # type: ignore[attr-defined]
        f"-I{pyroot / 'include'}",
    ]
    objs = compile_objects(bc.EXTENSION_SOURCES, outdir / "obj" / "ext", cflags)  # type: ignore[attr-defined]
    out = outdir / "_ras.pyd"
    libs = [f"-l{lib}" for lib in bc.WINDOWS_LIBRARIES]  # type: ignore[attr-defined]
    link_dll(out, objs, [f"-L{pyroot / 'libs'}", "-lpython3", *libs])
    imports = check_imports(out, ["python3.dll", *(f"{lib}.dll" for lib in bc.WINDOWS_LIBRARIES)])  # type: ignore[attr-defined]
    if "python3.dll" not in {d.lower() for d in imports}:
        raise WinPyError("_ras.pyd does not import python3.dll: is it a Python extension?")
    log(f"built {out.relative_to(REPO)}: imports {', '.join(imports)}")
    return out


def link_dll(out: Path, objs: Sequence[Path], extra: Sequence[str]) -> None:
    """Link a DLL (or .pyd) that needs no mingw runtime DLL."""
    _run(
        [CC, "-shared", "-static-libgcc", "-o", str(out), *map(str, objs), *extra],
        f"linking {out.name}",
    )


def build_simulator(bc: object, outdir: Path) -> Path:
    sources = list(bc.SIMULATOR_SOURCES)  # type: ignore[attr-defined]
    if not sources:
        raise WinPyError("buildconfig.SIMULATOR_SOURCES is empty (no src/rassim/*.c)")
    deffile = REPO / "src" / "rassim" / "rasapi32.def"
    if not deffile.is_file():
        raise WinPyError(f"{deffile.relative_to(REPO)} is missing: the DLL's export list")
    cflags = [*common_cflags(bc), "-DRASSIM_BUILD_DLL"]
    objs = compile_objects(sources, outdir / "obj" / "sim", cflags)
    out = outdir / "rasapi32.dll"
    link_dll(out, objs, [str(deffile), "-luser32"])
    imports = check_imports(out, ["user32.dll"])
    if any(d.lower() == "rasapi32.dll" for d in imports):
        raise WinPyError("the simulated rasapi32.dll imports rasapi32.dll (itself)")
    log(f"built {out.relative_to(REPO)}: imports {', '.join(imports)}")
    return out


def check_pyd_against_simulator(pyd: Path, sim: Path) -> None:
    """Every rasapi32 function the .pyd imports must be exported by the simulator."""
    needed = next(
        (syms for dll, syms in dll_imports(pyd).items() if dll.lower() == "rasapi32.dll"), []
    )
    exported = dll_exports(sim)
    missing = sorted(set(needed) - exported)
    if missing:
        raise WinPyError(
            "the simulated rasapi32.dll lacks exports that _ras.pyd imports "
            f"(add them to src/rassim/rasapi32.def): {', '.join(missing)}"
        )
    log(f"simulator exports all {len(needed)} rasapi32 functions _ras.pyd imports")


# --------------------------------------------------------------------------
# The wheel
# --------------------------------------------------------------------------


WHEEL_METADATA = f"""\
Wheel-Version: 1.0
Generator: ras-tools-winbuild (1.0)
Root-Is-Purelib: false
Tag: {WHEEL_TAG}
"""


def _metadata(project: dict[str, object], repo: Path) -> str:
    lines = [
        "Metadata-Version: 2.1",
        f"Name: {project['name']}",
        f"Version: {project['version']}",
    ]
    if isinstance(project.get("description"), str):
        lines.append(f"Summary: {project['description']}")
    lic = project.get("license")
    if isinstance(lic, dict) and isinstance(lic.get("text"), str):
        lines.append(f"License: {lic['text']}")
    elif isinstance(lic, str):  # an SPDX expression (PEP 639)
        lines[0] = "Metadata-Version: 2.4"
        lines.append(f"License-Expression: {lic}")
    lines += [f"License-File: {name}" for name in _license_files(project)]
    urls = project.get("urls")
    if isinstance(urls, dict):
        lines += [f"Project-URL: {k}, {v}" for k, v in urls.items()]
    classifiers = project.get("classifiers")
    if isinstance(classifiers, list):
        lines += [f"Classifier: {c}" for c in classifiers if isinstance(c, str)]
    if isinstance(project.get("requires-python"), str):
        lines.append(f"Requires-Python: {project['requires-python']}")
    body = ""
    readme = project.get("readme")
    if isinstance(readme, str) and (repo / readme).is_file():
        ctype = "text/markdown" if readme.lower().endswith(".md") else "text/plain"
        lines.append(f"Description-Content-Type: {ctype}")
        body = "\n" + (repo / readme).read_text(encoding="utf-8")
    return "\n".join(lines) + "\n" + body


# ras/_version.py as setuptools-scm writes it (pyproject.toml's version_file_template)
VERSION_FILE = """\
# Written by setuptools-scm when the package is built (pyproject.toml); not in git.
__version__ = "{version}"
"""


def _license_files(project: dict[str, object]) -> list[str]:
    files = project.get("license-files", [])
    return [f for f in files if isinstance(f, str)] if isinstance(files, list) else []


def wheel_files(repo: Path, pyd: Path) -> list[tuple[str, bytes]]:
    """(archive name, content) for the package files, sorted, without dist-info."""
    src = repo / "src"
    pkg = src / "ras"
    files: list[tuple[str, bytes]] = []
    for path in sorted(pkg.rglob("*")):
        if "__pycache__" in path.parts or not path.is_file():
            continue
        if path.name == "_version.py":  # a Linux build's: written below instead
            continue
        if path.suffix in (".py", ".pyi") or path.name == "py.typed":
            files.append((path.relative_to(src).as_posix(), path.read_bytes()))
    version = read_project(repo)["version"]
    files.append(("ras/_version.py", VERSION_FILE.format(version=version).encode()))
    if not any(name == "ras/__init__.py" for name, _ in files):
        raise WinPyError("src/ras/__init__.py is missing")
    files.append(("ras/_ras.pyd", pyd.read_bytes()))
    for mod in ("win32ras.py", "win2kras.py"):
        if not (src / mod).is_file():
            raise WinPyError(f"src/{mod} is missing")
        files.append((mod, (src / mod).read_bytes()))
    return files


def build_wheel(repo: Path, pyd: Path) -> Path:
    """The wheel: archive and RECORD written by the ``wheel`` package's WheelFile."""
    project = read_project(repo)
    out = wheel_path(repo)
    out.parent.mkdir(parents=True, exist_ok=True)
    # Written under its final name (WheelFile derives the .dist-info from it) in a
    # scratch directory beside the old wheel, then moved over it.
    with tempfile.TemporaryDirectory(dir=out.parent) as tmp, _fixed_timestamps():
        new = Path(tmp) / out.name
        with WheelFile(new, "w") as wf:
            files = wheel_files(repo, pyd)
            files.append((f"{wf.dist_info_path}/METADATA", _metadata(project, repo).encode()))
            files.append((f"{wf.dist_info_path}/WHEEL", WHEEL_METADATA.encode("ascii")))
            files += [
                (f"{wf.dist_info_path}/licenses/{name}", (repo / name).read_bytes())
                for name in _license_files(project)
            ]
            for arcname, data in files:
                info = zipfile.ZipInfo(arcname, date_time=get_zipinfo_datetime())
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = (0o755 if arcname.endswith(".pyd") else 0o644) << 16
                wf.writestr(info, data)
        new.replace(out)
    log(f"built {out.relative_to(repo)} ({len(files) + 1} files, {out.stat().st_size} bytes)")
    return out


@contextlib.contextmanager
def _fixed_timestamps() -> Iterator[None]:
    """Reproducible: WheelFile dates every entry, RECORD too, from SOURCE_DATE_EPOCH;
    1980-01-01 unless one is given."""
    given = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = given or str(MINIMUM_TIMESTAMP)
    try:
        yield
    finally:
        if given is None:
            del os.environ["SOURCE_DATE_EPOCH"]


def verify_wheel(wheel: Path) -> None:
    """Install the wheel with the Windows pip (into a scratch target) and import it."""
    winpython.fetch([BUILD_PY])
    winpython.ensure_prefix()
    with tempfile.TemporaryDirectory(prefix="ras-winbuild-") as tmp:
        target = Path(tmp) / "target"
        winpython.pip_install_offline(
            BUILD_PY,
            None,
            [winpython.to_windows_path(wheel)],
            extra_args=["--no-deps", "--target", winpython.to_windows_path(target)],
        )
        for expected in ("ras/_ras.pyd", "win32ras.py", "win2kras.py"):
            if not (target / expected).is_file():
                raise WinPyError(f"the Windows pip did not install {expected} from {wheel.name}")
        code = (
            "import sys; sys.path.insert(0, sys.argv[1]); import ras._ras as m; "
            "print('imported', m.__name__, 'from', m.__file__)"
        )
        res = winpython.run_python(
            BUILD_PY,
            ["-c", code, winpython.to_windows_path(target)],
            echo=False,
            timeout=300,
            error=f"the installed wheel does not import under Wine (CPython {BUILD_PY})",
        )
        log(f"wheel verified with the Windows pip (CPython {BUILD_PY}): {res.stdout.strip()}")


# --------------------------------------------------------------------------


def build_all(*, verify: bool = True, only: Sequence[str] = ()) -> dict[str, Path]:
    t0 = time.monotonic()
    for tool in (CC, OBJDUMP, NM):
        _require_tool(tool)
    bc = load_buildconfig(REPO)
    outdir = OUTDIR
    outdir.mkdir(parents=True, exist_ok=True)
    want = set(only) or {"pyd", "wheel", "sim"}
    results: dict[str, Path] = {}
    passed: list[str] = []
    skipped: list[str] = []
    if want & {"pyd", "wheel"}:
        results["pyd"] = build_pyd(bc, outdir)
        passed.append("_ras.pyd built, imports checked")
    else:
        skipped.append("_ras.pyd")
    if "sim" in want:
        results["sim"] = build_simulator(bc, outdir)
        passed.append("rasapi32.dll built, imports checked")
    else:
        skipped.append("rasapi32.dll")
    if "pyd" in results and "sim" in results:
        check_pyd_against_simulator(results["pyd"], results["sim"])
        passed.append("simulator exports cover _ras.pyd's imports")
    else:
        skipped.append("simulator exports check")
    if "wheel" in want:
        results["wheel"] = build_wheel(REPO, results["pyd"])
        passed.append("wheel built")
        if verify:
            verify_wheel(results["wheel"])
            passed.append("wheel installed and imported by the Windows pip/CPython")
        else:
            skipped.append("wheel verification")
    else:
        skipped += ["wheel", "wheel verification"]
    log(
        f"done in {time.monotonic() - t0:.1f}s: "
        + ", ".join(str(p.relative_to(REPO)) for p in results.values())
    )
    print(
        f"SUMMARY winbuild: {len(passed)} passed, {len(skipped)} skipped, 0 failed"
        + (f" (skipped: {', '.join(skipped)})" if skipped else ""),
        flush=True,
    )
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--no-verify", action="store_true", help="skip installing the wheel under Wine"
    )
    parser.add_argument(
        "--only",
        action="append",
        choices=("pyd", "wheel", "sim"),
        default=[],
        help="build only these artifacts (repeatable)",
    )
    ns = parser.parse_args(argv)
    try:
        build_all(verify=not ns.no_verify, only=ns.only)
    except WinPyError as exc:
        print(f"[winbuild] ERROR: {exc}", file=sys.stderr)
        print("SUMMARY winbuild: 1 failed (see the ERROR above)", flush=True)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
