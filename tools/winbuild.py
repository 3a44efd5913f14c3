#!/usr/bin/env python3
"""Cross-compile the Windows binaries (``--arch x64``, the default, ``x86`` or ``arm64``).

Builds, from buildconfig.py's source lists, for one architecture:

* ``build/win/_ras.pyd`` (``build/win-x86/``, ``build/win-arm64/``): the
  extension ``ras._ras`` for CPython >= 3.9, stable ABI (it links
  ``python3.dll``) and the REAL rasapi32;
* ``build/win/_ras_sim.pyd``: ``ras._ras_sim``, the same sources with the
  simulator (src/rassim) compiled in (``-DRASPY_SIM_MODULE``): it imports no
  rasapi32.dll at all and exports ``PyInit__ras_sim`` alone; in the wheel too;
* ``dist/<name>-<version>-cp39-abi3-win_amd64.whl`` (``win32``, ``win_arm64``):
  the wheel;
* ``build/win/rasapi32.dll``: the simulated rasapi32 (src/rassim) with the
  export list src/rassim/rasapi32.def, to stand behind the .pyd under Wine.

Toolchains:

* x64: mingw-w64 (``x86_64-w64-mingw32-gcc``), linking the Windows CPython
  3.9's own ``libs/python3.lib`` and mingw's ``librasapi32.a``;
* x86: mingw-w64 (``i686-w64-mingw32-gcc``).  python3.dll's import library is
  made with ``i686-w64-mingw32-dlltool`` from 3.9's export list (the stable
  ABI's is one for every architecture; no 32-bit Windows CPython is on the
  package registries reachable here); the rasapi32 functions mingw's i686
  ``librasapi32.a`` lacks (RasDeleteSubEntryW) get an import library of their
  own.  RAS functions are ``__stdcall`` (``WINAPI``), which gcc decorates
  (``_RasDialW@24``): the simulator is linked with ``--enable-stdcall-fixup``
  so that it exports the .def's plain names, as Windows' rasapi32 does, and no
  import or export name may be decorated.  No ``-DMS_WIN64``: 32-bit sizes;
* arm64: the clang of the ``ziglang`` package (``python -m ziglang cc -target
  aarch64-windows-gnu``, mingw-w64 headers and CRT).  It has no import library
  for python3.dll nor rasapi32.dll: they are made with ``zig dlltool`` from
  export lists, python3.dll's read from the Windows CPython 3.9's python3.dll
  (CODE/DATA from its python3.lib), rasapi32's from mingw-w64's .def in zig's
  lib tree.  It cannot run here: the wheel is not installed under Wine.

Every binary is checked with tools/peinfo.py: its PE machine, and that it
imports only python3.dll, rasapi32.dll, user32.dll and Windows system/CRT DLLs
(never python3X.dll nor a mingw runtime DLL); the simulator exports exactly
rasapi32.def's names.  The x64 wheel is then installed with the Windows pip
under Wine (into a scratch --target) and ``import ras._ras, ras._ras_sim`` is tried; the x86
.pyd is loaded under 32-bit Wine beside the 32-bit simulator and a stub
python3.dll (tests/c/pyd_load.c), SKIPPED (saying why) when 32-bit Wine is
not installed.

Usage: python3 tools/winbuild.py [--arch x64|x86|arm64] [--no-verify] [--only pyd|wheel|sim ...]
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wheel.wheelfile import MINIMUM_TIMESTAMP, WheelFile, get_zipinfo_datetime

if sys.version_info >= (3, 11):
    import tomllib
else:  # a build-time dependency only (tools/ci_setup.sh installs it there)
    import tomli as tomllib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peinfo
import winpython
from winpython import REPO, WinPyError

CC = os.environ.get("RAS_MINGW_CC", "x86_64-w64-mingw32-gcc")
BUILD_PY = "3.9"  # the stable-ABI floor: link against 3.9's python3.dll exports
ABI_TAG = "cp39-abi3"
OUTDIR = REPO / "build" / "win"  # x64: _ras.pyd, rasapi32.dll and the object files


@dataclass(frozen=True)
class Arch:
    """One Windows architecture: its toolchain, wheel platform and PE machine."""

    name: str  # the --arch value
    toolchain: str  # "mingw" (Debian's mingw-w64 gcc) or "zig" (python -m ziglang cc)
    package: str  # what provides the compiler (for the error when it is missing)
    platform: str  # the wheel's platform tag
    machine: int  # the PE header's machine field
    pe32plus: bool  # PE32+ (64-bit) image
    outdir: Path
    cc: tuple[str, ...]  # the C compiler (and driver) command
    # Flags every compilation gets.  MS_WIN64: the Windows pyconfig.h defines
    # it (and from it SIZEOF_VOID_P, SIZEOF_SIZE_T, SIZEOF_TIME_T = 8) only
    # under _MSC_VER; gcc and clang targeting *-windows-gnu define _WIN64 but
    # not _MSC_VER, so without it they would see the 32-bit sizes
    # (src/_ras/module.c checks them at compile time).
    cflags: tuple[str, ...]
    ldflags: tuple[str, ...]  # extra link flags
    # How the build is verified by running it: "pip" (the wheel installed and
    # imported by the Windows pip/CPython under Wine), "load" (the .pyd loaded
    # by tests/c/pyd_load.c under 32-bit Wine: no 32-bit Windows CPython here)
    # or "" (nothing here runs it).
    verify: str
    # 32-bit x86: WINAPI is __stdcall, which gcc decorates (_RasDialW@24).
    stdcall: bool = False

    def tool(self, name: str) -> str:
        """A binutils tool of a mingw toolchain: ``dlltool`` ->
        ``i686-w64-mingw32-dlltool`` (from the compiler's name)."""
        return self.cc[0].removesuffix("gcc") + name

    @property
    def wheel_tag(self) -> str:
        return f"{ABI_TAG}-{self.platform}"


# python -m ziglang: the zig (clang + lld + mingw-w64) of the pinned ziglang
# package in the interpreter running this script (noxfile.py installs it).
ZIG = (sys.executable, "-m", "ziglang")

ARCHES = {
    "x64": Arch(
        name="x64",
        toolchain="mingw",
        package="gcc-mingw-w64-x86-64",
        platform="win_amd64",
        machine=peinfo.MACHINE_AMD64,
        pe32plus=True,
        outdir=OUTDIR,
        cc=(CC,),
        cflags=("-DMS_WIN64",),
        ldflags=("-static-libgcc", "-s", "-Wl,--fatal-warnings"),
        verify="pip",
    ),
    "x86": Arch(
        name="x86",
        toolchain="mingw",
        package="gcc-mingw-w64-i686",
        platform="win32",
        machine=peinfo.MACHINE_I386,
        pe32plus=False,
        outdir=REPO / "build" / "win-x86",
        cc=(os.environ.get("RAS_MINGW32_CC", "i686-w64-mingw32-gcc"),),
        # No MS_WIN64: the 32-bit sizes are the right ones.
        cflags=(),
        # -static-libgcc: i686's DWARF-2 libgcc would otherwise be a DLL of its
        # own; any linker warning fails (an unresolved stdcall fix-up too).
        ldflags=("-static-libgcc", "-s", "-Wl,--fatal-warnings"),
        verify="load",
        stdcall=True,
    ),
    "arm64": Arch(
        name="arm64",
        toolchain="zig",
        package="the ziglang package",
        platform="win_arm64",
        machine=peinfo.MACHINE_ARM64,
        pe32plus=True,
        outdir=REPO / "build" / "win-arm64",
        cc=(*ZIG, "cc", "-target", "aarch64-windows-gnu"),
        # _M_ARM64 is deliberately not defined: clang defines it only for MSVC
        # targets, and pyconfig.h reads it only inside its _MSC_VER block (for
        # the COMPILER string); mingw-w64's headers key on __aarch64__.
        cflags=("-DMS_WIN64",),
        # -O2 -s: zig builds the CRT pieces it links in (dllcrt2, zigc,
        # compiler_rt) for the link's own mode; without them it links debug
        # builds (a 280 KB .pyd instead of 110 KB) and writes a .pdb.
        ldflags=("-O2", "-s"),
        verify="",
    ),
}
DEFAULT_ARCH = "x64"

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


def _pyproject(repo: Path) -> dict[str, Any]:
    with open(repo / "pyproject.toml", "rb") as f:
        return tomllib.load(f)


def read_project(repo: Path) -> dict[str, object]:
    project = _pyproject(repo).get("project")
    if not isinstance(project, dict):
        raise WinPyError("pyproject.toml has no [project] table")
    if "version" in project.get("dynamic", []):
        project["version"] = project_version(repo)
    for key in ("name", "version"):
        if not isinstance(project.get(key), str):
            raise WinPyError(f"pyproject.toml [project] has no string {key!r}")
    return project


def top_level_modules(repo: Path) -> list[str]:
    """The modules beside the ``ras`` package (``win32ras.py``, ...): pyproject.toml's
    ``[tool.setuptools] py-modules``, as the sdist's and Linux wheels' build reads them."""
    names = _pyproject(repo).get("tool", {}).get("setuptools", {}).get("py-modules")
    if not (isinstance(names, list) and names and all(isinstance(n, str) for n in names)):
        raise WinPyError("pyproject.toml [tool.setuptools] has no py-modules list")
    return [f"{n}.py" for n in names]


def normalized_name(name: str) -> str:
    """Distribution name for file names: ``ras-win32`` -> ``ras_win32``."""
    return re.sub(r"[-_.]+", "_", name).lower()


def wheel_path(repo: Path = REPO, arch: Arch | str = DEFAULT_ARCH) -> Path:
    """``dist/<name>-<version>-cp39-abi3-<platform>.whl``."""
    target = ARCHES[arch] if isinstance(arch, str) else arch
    project = read_project(repo)
    name = normalized_name(str(project["name"]))
    return repo / "dist" / f"{name}-{project['version']}-{target.wheel_tag}.whl"


# --------------------------------------------------------------------------
# Compiling
# --------------------------------------------------------------------------


def _require_toolchain(arch: Arch) -> None:
    if arch.toolchain == "zig":
        if importlib.util.find_spec("ziglang") is None:
            raise WinPyError(
                f"the {arch.name} build needs the ziglang package in {sys.executable}: "
                "run it with `nox -s winbuild_arm64` (which installs the pinned version)"
            )
        return
    tools = [arch.cc[0]]
    if arch.stdcall:
        tools += [arch.tool("dlltool"), arch.tool("nm")]
    for tool in tools:
        if shutil.which(tool) is None:
            raise WinPyError(f"{tool} not found: install {arch.package} (see tools/ci_setup.sh)")


def _run(cmd: Sequence[str], what: str, *, quiet: bool = False) -> str:
    return winpython.run_checked(cmd, what, cwd=REPO, quiet=quiet)


def compile_objects(
    cc: Sequence[str], sources: Sequence[str], objdir: Path, cflags: Sequence[str]
) -> list[Path]:
    """Compile each source to objdir (in parallel); fail on any warning."""
    if objdir.exists():
        shutil.rmtree(objdir)
    objdir.mkdir(parents=True)

    def one(src: str) -> Path:
        path = REPO / src
        if not path.is_file():
            raise WinPyError(f"source listed in buildconfig.py is missing: {src}")
        obj = objdir / (src.replace("/", "_").removesuffix(".c") + ".o")
        _run([*cc, *cflags, "-c", str(path), "-o", str(obj)], f"compiling {src}")
        return obj

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        return list(pool.map(one, sources))


def read_image(binary: Path) -> peinfo.PEImage:
    try:
        return peinfo.read_pe(binary)
    except (OSError, peinfo.PEError) as exc:
        raise WinPyError(f"cannot read {binary}: {exc}") from None


def dll_imports(binary: Path) -> dict[str, list[str]]:
    """{dll name: [imported symbols]}, delay-load imports included; the
    descriptors of one DLL (any case of its name) merged under the first."""
    img = read_image(binary)
    imports: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    for table in (img.imports, img.delay_imports):
        for dll, syms in table.items():
            imports.setdefault(names.setdefault(dll.lower(), dll), []).extend(syms)
    return imports


def dll_exports(binary: Path) -> set[str]:
    return set(read_image(binary).exports)


def check_machine(binary: Path, arch: Arch) -> peinfo.PEImage:
    """Fail unless ``binary`` is a DLL image for ``arch``."""
    img = read_image(binary)
    if img.machine != arch.machine or img.is_pe32plus != arch.pe32plus or not img.is_dll:
        raise WinPyError(
            f"{binary.name} is a {'PE32+' if img.is_pe32plus else 'PE32'} "
            f"{img.machine_name} {'DLL' if img.is_dll else 'executable'}, "
            f"not a {'PE32+' if arch.pe32plus else 'PE32'} {arch.name} DLL"
        )
    return img


def disallowed_imports(dlls: Iterable[str], allowed_extra: Iterable[str] = ()) -> list[str]:
    """The DLLs of ``dlls`` that a built binary must not import, with why."""
    allowed = ALLOWED_SYSTEM_DLLS | {d.lower() for d in allowed_extra}
    bad = []
    for dll in dlls:
        low = dll.lower()
        if re.fullmatch(r"python3\d+\.dll", low):
            bad.append(f"{dll} (version-specific CPython DLL: the stable ABI must use python3.dll)")
        elif low not in allowed and not low.startswith(ALLOWED_PREFIXES):
            bad.append(dll)
    return bad


def check_undecorated(binary: Path, names: Iterable[str], what: str) -> None:
    """Fail on a stdcall-decorated name (``RasDialW@24``): Windows' DLLs export
    and import the plain names."""
    bad = sorted(n for n in names if "@" in n)
    if bad:
        raise WinPyError(f"{binary.name} {what} stdcall-decorated names: {', '.join(bad[:10])}")


def check_imports(binary: Path, allowed_extra: Iterable[str]) -> dict[str, list[str]]:
    """Fail unless ``binary`` imports only allowed DLLs, by undecorated names;
    returns the imports."""
    imports = dll_imports(binary)
    bad = disallowed_imports(imports, allowed_extra)
    if bad:
        raise WinPyError(
            f"{binary.name} imports DLLs it must not: {', '.join(bad)}; "
            f"all imports: {', '.join(imports)}"
        )
    for dll, symbols in imports.items():
        check_undecorated(binary, symbols, f"imports from {dll}")
    return imports


# --------------------------------------------------------------------------
# Import libraries for the zig toolchain (arm64)
# --------------------------------------------------------------------------


def zig_lib_dir() -> Path:
    spec = importlib.util.find_spec("ziglang")
    if spec is None or not spec.submodule_search_locations:
        raise WinPyError(f"the ziglang package is not installed in {sys.executable}")
    return Path(next(iter(spec.submodule_search_locations))) / "lib"


def python3_exports(pyroot: Path) -> list[tuple[str, bool]]:
    """(name, is_data) for every export of the Windows CPython's python3.dll.

    The names are read from python3.dll itself (forwarders to python3X.dll);
    which ones are data comes from the same CPython's python3.lib (its short
    import objects say CODE or DATA; the DLL cannot tell, every export being a
    forwarder).  The two lists must agree.  The stable-ABI export list is the
    same on every architecture, so x64's serves arm64.
    """
    dll = read_image(pyroot / "python3.dll")
    try:
        lib = peinfo.read_import_library(pyroot / "libs" / "python3.lib")
    except (OSError, peinfo.PEError) as exc:
        raise WinPyError(f"cannot read python3.lib: {exc}") from None
    kinds = {s.export_name: s.type for s in lib if s.dll.lower() == "python3.dll"}
    names = set(dll.exports)
    if not names or names != set(kinds):
        raise WinPyError(
            "python3.dll's exports and python3.lib's symbols differ: "
            f"only in the DLL: {sorted(names - set(kinds))[:10]}, "
            f"only in the .lib: {sorted(set(kinds) - names)[:10]}"
        )
    return [(n, kinds[n] == peinfo.IMPORT_DATA) for n in sorted(names)]


def write_def(path: Path, library: str, exports: Iterable[tuple[str, bool]]) -> Path:
    lines = [
        "; generated by tools/winbuild.py",
        f"LIBRARY {library}",
        "EXPORTS",
        *(f"    {name}{' DATA' if data else ''}" for name, data in exports),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="ascii")
    return path


def zig_import_libs(outdir: Path, pyroot: Path) -> Path:
    """``libpython3.a`` and ``librasapi32.a`` for arm64 in outdir/lib; returns that dir."""
    libdir = outdir / "lib"
    libdir.mkdir(parents=True, exist_ok=True)
    py_exports = python3_exports(pyroot)
    py_def = write_def(libdir / "python3.def", "python3.dll", py_exports)
    # mingw-w64's list of the real rasapi32.dll's exports (zig ships it for x64
    # only; the names are the same on arm64: no decoration on 64-bit Windows).
    ras_def = zig_lib_dir() / "libc" / "mingw" / "lib64" / "rasapi32.def"
    if not ras_def.is_file():
        raise WinPyError(f"the ziglang package has no {ras_def}")
    for deffile, name in ((py_def, "python3"), (ras_def, "rasapi32")):
        lib = libdir / f"lib{name}.a"
        _run(
            [*ZIG, "dlltool", "-m", "arm64", "-d", str(deffile), "-l", str(lib)],
            f"zig dlltool {deffile.name}",
        )
    log(f"import libraries for arm64: python3.dll ({len(py_exports)} exports), rasapi32.dll")
    return libdir


# --------------------------------------------------------------------------
# Import libraries for x86 (mingw-w64's i686 toolchain)
# --------------------------------------------------------------------------


def mingw_python3_lib(arch: Arch, outdir: Path, pyroot: Path) -> Path:
    """x86: ``libpython3.a`` for i386 in outdir/lib, made with the toolchain's
    dlltool from 3.9's python3.dll export list (python3_exports); returns the
    directory.  dlltool adds the i386 C symbols' underscore itself
    (``_PyLong_FromLong`` imports ``PyLong_FromLong``)."""
    libdir = outdir / "lib"
    libdir.mkdir(parents=True, exist_ok=True)
    exports = python3_exports(pyroot)
    deffile = write_def(libdir / "python3.def", "python3.dll", exports)
    _run(
        [
            arch.tool("dlltool"),
            "-d",
            str(deffile),
            "-D",
            "python3.dll",
            "-l",
            str(libdir / "libpython3.a"),
        ],
        "dlltool (python3.dll import library)",
    )
    data = sum(1 for _, is_data in exports if is_data)
    log(
        f"import library of python3.dll for {arch.name}: "
        f"{len(exports) - data} functions, {data} data"
    )
    return libdir


def _nm_symbols(arch: Arch, path: Path) -> list[tuple[str, str]]:
    """(type, name) of every symbol ``nm`` lists in an object or archive."""
    out = _run([arch.tool("nm"), str(path)], f"nm {path.name}", quiet=True)
    return [(p[-2], p[-1]) for p in (line.split() for line in out.splitlines()) if len(p) >= 2]


def rasapi32_supplement(arch: Arch, objs: Sequence[Path], libdir: Path) -> list[str]:
    """x86: an import library for the rasapi32 functions the objects call that
    mingw-w64's i686 librasapi32.a lacks (it has no RasDeleteSubEntryW); the
    decorated names (``_RasDeleteSubEntryW@12``) come from the objects, made
    from mingw's own <ras.h> prototypes, and ``dlltool -k`` imports them by
    the plain name.  Returns the linker arguments (none when nothing lacks)."""
    wanted = {
        name
        for obj in objs
        for kind, name in _nm_symbols(arch, obj)
        if kind == "U" and re.fullmatch(r"_Ras\w+@\d+", name)
    }
    lib = Path(_run([arch.cc[0], "-print-file-name=librasapi32.a"], "gcc").strip())
    if not lib.is_file():
        raise WinPyError(f"{arch.cc[0]} finds no librasapi32.a")
    have = {name for kind, name in _nm_symbols(arch, lib) if kind == "T"}
    missing = sorted(wanted - have)
    if not missing:
        return []
    libdir.mkdir(parents=True, exist_ok=True)
    deffile = libdir / "rasapi32_extra.def"
    deffile.write_text(
        "; rasapi32 functions mingw-w64's i686 librasapi32.a lacks (tools/winbuild.py)\n"
        "LIBRARY rasapi32.dll\nEXPORTS\n" + "".join(f"    {n[1:]}\n" for n in missing)
    )
    _run(
        [
            arch.tool("dlltool"),
            "-k",
            "-d",
            str(deffile),
            "-D",
            "rasapi32.dll",
            "-l",
            str(libdir / "librasapi32_extra.a"),
        ],
        "dlltool (rasapi32 supplement)",
    )
    log(f"rasapi32 functions missing from mingw's {arch.name} import library: {', '.join(missing)}")
    return [f"-L{libdir}", "-lrasapi32_extra"]


# --------------------------------------------------------------------------
# The three artifacts
# --------------------------------------------------------------------------


def common_cflags(bc: object, arch: Arch) -> list[str]:
    warnings = list(getattr(bc, "GCC_WARNINGS", ["-Wall", "-Wextra", "-Werror"]))
    for w in ("-Wall", "-Wextra", "-Werror"):
        if w not in warnings:
            warnings.append(w)
    includes = [f"-I{REPO / d}" for d in bc.INCLUDE_DIRS]  # type: ignore[attr-defined]
    return ["-O2", *warnings, "-std=c11", *arch.cflags, *includes]


def build_pyd(bc: object, arch: Arch, *, sim: bool = False) -> Path:
    """``_ras.pyd`` (the real rasapi32), or with ``sim`` ``_ras_sim.pyd``: the
    same sources with the simulator compiled in (``-DRASPY_SIM_MODULE``), which
    must not import rasapi32.dll at all."""
    outdir = arch.outdir
    pyroot = winpython.winpy_dir(BUILD_PY)
    if not (pyroot / "libs" / "python3.lib").is_file():
        winpython.fetch([BUILD_PY])
    cflags = [
        *common_cflags(bc, arch),
        f"-DPy_LIMITED_API={bc.LIMITED_API}",  # type: ignore[attr-defined]
        f"-I{pyroot / 'include'}",
    ]
    if sim:
        sources = [*bc.EXTENSION_SOURCES, *bc.SIMULATOR_SOURCES]  # type: ignore[attr-defined]
        cflags.append(f"-D{bc.SIM_MODULE_MACRO}")  # type: ignore[attr-defined]
        libraries = list(bc.WINDOWS_SIM_LIBRARIES)  # type: ignore[attr-defined]
        name, objdir = "_ras_sim", outdir / "obj" / "extsim"
    else:
        sources = list(bc.EXTENSION_SOURCES)  # type: ignore[attr-defined]
        libraries = list(bc.WINDOWS_LIBRARIES)  # type: ignore[attr-defined]
        name, objdir = "_ras", outdir / "obj" / "ext"
    objs = compile_objects(arch.cc, sources, objdir, cflags)
    out = outdir / f"{name}.pyd"
    libs = [f"-l{lib}" for lib in libraries]
    extra: list[str] = []
    if arch.toolchain == "zig":
        libpath = zig_import_libs(outdir, pyroot)
    elif arch.stdcall:  # x86: python3.dll's from its export list, rasapi32's supplemented
        libpath = mingw_python3_lib(arch, outdir, pyroot)
        if not sim:
            extra = rasapi32_supplement(arch, objs, outdir / "lib")
    else:  # the CPython's own python3.lib, mingw's librasapi32.a
        libpath = pyroot / "libs"
    link_dll(arch, out, objs, [f"-L{libpath}", "-lpython3", *libs, *extra])
    check_machine(out, arch)
    imports = check_imports(out, ["python3.dll", *(f"{lib}.dll" for lib in libraries)])
    if "python3.dll" not in {d.lower() for d in imports}:
        raise WinPyError(f"{out.name} does not import python3.dll: is it a Python extension?")
    if sim and any(d.lower() == "rasapi32.dll" for d in imports):
        raise WinPyError(f"{out.name} ({arch.name}) imports rasapi32.dll, not the simulator")
    exports = dll_exports(out)
    check_undecorated(out, exports, "exports")
    if exports != {f"PyInit_{name}"}:
        raise WinPyError(
            f"{out.name} ({arch.name}) must export PyInit_{name} alone: {sorted(exports)}"
        )
    log(f"built {out.relative_to(REPO)} ({arch.name}): imports {', '.join(imports)}")
    return out


def link_dll(arch: Arch, out: Path, objs: Sequence[Path], extra: Sequence[str]) -> None:
    """Link a DLL (or .pyd) that needs no mingw runtime DLL."""
    flags = list(arch.ldflags)
    if arch.toolchain == "zig":  # lld writes an import library: not beside the DLL
        flags.append(f"-Wl,--out-implib,{out.parent / 'obj' / out.with_suffix('.lib').name}")
    _run(
        [*arch.cc, "-shared", *flags, "-o", str(out), *map(str, objs), *extra],
        f"linking {out.name}",
    )


def build_simulator(bc: object, arch: Arch) -> Path:
    outdir = arch.outdir
    sources = list(bc.SIMULATOR_SOURCES)  # type: ignore[attr-defined]
    if not sources:
        raise WinPyError("buildconfig.SIMULATOR_SOURCES is empty (no src/rassim/*.c)")
    deffile = REPO / "src" / "rassim" / "rasapi32.def"
    if not deffile.is_file():
        raise WinPyError(f"{deffile.relative_to(REPO)} is missing: the DLL's export list")
    cflags = [*common_cflags(bc, arch), "-DRASSIM_BUILD_DLL"]
    objs = compile_objects(arch.cc, sources, outdir / "obj" / "sim", cflags)
    out = outdir / "rasapi32.dll"
    # x86: the .def's plain names bind to the stdcall-decorated symbols.
    fixup = ["-Wl,--enable-stdcall-fixup"] if arch.stdcall else []
    link_dll(arch, out, objs, [*fixup, str(deffile), "-luser32"])
    check_machine(out, arch)
    imports = check_imports(out, ["user32.dll"])
    if any(d.lower() == "rasapi32.dll" for d in imports):
        raise WinPyError("the simulated rasapi32.dll imports rasapi32.dll (itself)")
    exports = dll_exports(out)
    check_undecorated(out, exports, "exports")
    wanted = def_exports(deffile)
    if exports != wanted:
        raise WinPyError(
            f"rasapi32.dll ({arch.name}) exports differ from rasapi32.def: missing "
            f"{sorted(wanted - exports)}, extra {sorted(exports - wanted)}"
        )
    log(
        f"built {out.relative_to(REPO)} ({arch.name}, {len(exports)} exports = rasapi32.def): "
        f"imports {', '.join(imports)}"
    )
    return out


ADMIN_SOURCES = ["admindll.c", "core.c", "policies.c", "pyhost.c"]
# What the admin DLL may import: no python3.dll (it loads the CPython named in
# its configuration at run time, so RRAS starts without one) and no runtime DLL
# a Windows Server lacks.
ADMIN_ALLOWED = {"kernel32.dll", "advapi32.dll", "msvcrt.dll", "ucrtbase.dll"}


def build_admin(bc: object, arch: Arch) -> dict[str, Path]:
    """The RAS administration DLL (src/admin, docs/admin-dll.md): ``rasadmin.dll``
    as shipped in the wheel (``ras/admin/rasadmin.dll``), and for the tests
    ``rasadmin_test.dll`` (RASPY_ADMIN_TEST) and ``rrashost.exe`` (the simulated
    RRAS host), all in the arch's build folder."""
    outdir = arch.outdir
    admin = REPO / "src" / "admin"
    deffile = admin / "rasadmin.def"
    cflags = [*common_cflags(bc, arch), f"-I{admin}"]
    sources = [f"src/admin/{name}" for name in ADMIN_SOURCES]
    fixup = ["-Wl,--enable-stdcall-fixup"] if arch.stdcall else []
    out: dict[str, Path] = {}
    for key, name, defines in (
        ("admin", "rasadmin.dll", []),
        ("admin_test", "rasadmin_test.dll", ["-DRASPY_ADMIN_TEST"]),
    ):
        objdir = outdir / "obj" / key
        objs = compile_objects(arch.cc, sources, objdir, [*cflags, *defines])
        dll = outdir / name
        link_dll(arch, dll, objs, [*fixup, str(deffile)])
        check_machine(dll, arch)
        imports = dll_imports(dll)
        bad = sorted(
            d
            for d in imports
            if d.lower() not in ADMIN_ALLOWED and not d.lower().startswith(ALLOWED_PREFIXES)
        )
        if bad:
            raise WinPyError(
                f"{name} ({arch.name}) imports {', '.join(bad)}: the admin DLL may import only "
                f"{', '.join(sorted(ADMIN_ALLOWED))} (never python3.dll: it loads Python at "
                "run time)"
            )
        check_imports(dll, [])
        exports = dll_exports(dll)
        check_undecorated(dll, exports, "exports")
        if exports != def_exports(deffile):
            raise WinPyError(f"{name} ({arch.name}) exports differ from rasadmin.def: {exports}")
        out[key] = dll
    host = outdir / "rrashost.exe"
    # the contract's loader and callers, shared with the simulated server (AdminDll=)
    hobjs = compile_objects(
        arch.cc,
        ["src/admin/rrashost.c", "src/rassim/rrasdll.c"],
        outdir / "obj" / "rrashost",
        [*cflags, f"-I{REPO / 'src' / 'rassim'}"],
    )
    _run(
        [*arch.cc, *arch.ldflags, "-o", str(host), *map(str, hobjs), "-lpsapi"],
        "linking rrashost.exe",
    )
    if read_image(host).machine != arch.machine:
        raise WinPyError(f"rrashost.exe is not an {arch.name} image")
    out["rrashost"] = host
    log(
        f"built {out['admin'].relative_to(REPO)}, rasadmin_test.dll, rrashost.exe ({arch.name}): "
        f"the DLL imports {', '.join(dll_imports(out['admin']))}"
    )
    return out


def def_exports(deffile: Path) -> set[str]:
    """The names a .def file's EXPORTS section lists."""
    names: set[str] = set()
    in_exports = False
    for raw in deffile.read_text().splitlines():
        line = raw.split(";", 1)[0].strip()
        if not line:
            continue
        if line.upper() == "EXPORTS":
            in_exports = True
        elif in_exports:
            names.add(line.split()[0].split("=", 1)[0])
    return names


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


def wheel_metadata(arch: Arch) -> str:
    """The .dist-info/WHEEL file."""
    return (
        "Wheel-Version: 1.0\n"
        "Generator: ras-tools-winbuild (1.0)\n"
        "Root-Is-Purelib: false\n"
        f"Tag: {arch.wheel_tag}\n"
    )


def entry_points(project: dict[str, object]) -> str:
    """The .dist-info/entry_points.txt of [project.scripts] (pip makes the .exe
    launchers of the console scripts from it) and [project.entry-points.*]
    (the pytest plugin); empty when there are none."""
    groups: dict[str, dict[str, str]] = {}
    scripts = project.get("scripts")
    if isinstance(scripts, dict) and scripts:
        groups["console_scripts"] = {str(k): str(v) for k, v in scripts.items()}
    tables = project.get("entry-points")
    if isinstance(tables, dict):
        for group, entries in sorted(tables.items()):
            if isinstance(entries, dict) and entries:
                groups[str(group)] = {str(k): str(v) for k, v in entries.items()}
    lines = []
    for group, entries in groups.items():
        lines.append(f"[{group}]")
        lines += [f"{name} = {target}" for name, target in sorted(entries.items())]
        lines.append("")
    return "\n".join(lines)


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


def wheel_files(
    repo: Path, pyd: Path, sim_pyd: Path | None = None, admin_dll: Path | None = None
) -> list[tuple[str, bytes]]:
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
    # ras._ras_sim: found before src/ras/_ras_sim.py (extension modules come
    # first in the import system's search), which serves the other platforms.
    sim_pyd = sim_pyd or pyd.with_name("_ras_sim.pyd")
    if not sim_pyd.is_file():
        raise WinPyError(f"{sim_pyd} is missing: build it (tools/winbuild.py --only pyd)")
    files.append(("ras/_ras_sim.pyd", sim_pyd.read_bytes()))
    # the RAS administration DLL (python -m ras.admin install registers it)
    admin_dll = admin_dll or pyd.with_name("rasadmin.dll")
    if not admin_dll.is_file():
        raise WinPyError(f"{admin_dll} is missing: build it (tools/winbuild.py --only pyd)")
    files.append(("ras/admin/rasadmin.dll", admin_dll.read_bytes()))
    for mod in top_level_modules(repo):
        if not (src / mod).is_file():
            raise WinPyError(f"src/{mod} is missing")
        files.append((mod, (src / mod).read_bytes()))
    return files


def build_wheel(
    repo: Path,
    pyd: Path,
    arch: Arch = ARCHES[DEFAULT_ARCH],
    sim_pyd: Path | None = None,
    admin_dll: Path | None = None,
) -> Path:
    """The wheel: archive and RECORD written by the ``wheel`` package's WheelFile."""
    project = read_project(repo)
    out = wheel_path(repo, arch)
    out.parent.mkdir(parents=True, exist_ok=True)
    # Written under its final name (WheelFile derives the .dist-info from it) in a
    # scratch directory beside the old wheel, then moved over it.
    with tempfile.TemporaryDirectory(dir=out.parent) as tmp, _fixed_timestamps():
        new = Path(tmp) / out.name
        with WheelFile(new, "w") as wf:
            files = wheel_files(repo, pyd, sim_pyd, admin_dll)
            files.append((f"{wf.dist_info_path}/METADATA", _metadata(project, repo).encode()))
            files.append((f"{wf.dist_info_path}/WHEEL", wheel_metadata(arch).encode("ascii")))
            scripts = entry_points(project)
            if scripts:
                files.append((f"{wf.dist_info_path}/entry_points.txt", scripts.encode()))
            files += [
                (f"{wf.dist_info_path}/licenses/{name}", (repo / name).read_bytes())
                for name in _license_files(project)
            ]
            for arcname, data in files:
                info = zipfile.ZipInfo(arcname, date_time=get_zipinfo_datetime())
                info.compress_type = zipfile.ZIP_DEFLATED
                binary = arcname.endswith((".pyd", ".dll"))
                info.external_attr = (0o755 if binary else 0o644) << 16
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
        for expected in (
            "ras/_ras.pyd",
            "ras/_ras_sim.pyd",
            "ras/admin/rasadmin.dll",
            *top_level_modules(REPO),
        ):
            if not (target / expected).is_file():
                raise WinPyError(f"the Windows pip did not install {expected} from {wheel.name}")
        code = (
            "import sys; sys.path.insert(0, sys.argv[1]); import ras._ras as m; "
            "import ras._ras_sim as s; assert s.__file__.endswith('_ras_sim.pyd'), s.__file__; "
            "assert (m.BACKEND, s.BACKEND) == ('rasapi32', 'simulated'), (m.BACKEND, s.BACKEND); "
            "print('imported', m.__name__, 'from', m.__file__, 'and', s.__name__, s.BACKEND)"
        )
        res = winpython.run_python(
            BUILD_PY,
            ["-c", code, winpython.to_windows_path(target)],
            echo=False,
            timeout=300,
            error=f"the installed wheel does not import under Wine (CPython {BUILD_PY})",
        )
        log(f"wheel verified with the Windows pip (CPython {BUILD_PY}): {res.stdout.strip()}")


def python3_stub(arch: Arch, workdir: Path) -> Path:
    """A python3.dll for ``arch`` that exports every name of the real one and
    implements none of them: enough for the loader to resolve a .pyd's
    imports (tests/c/pyd_load.c calls nothing of it)."""
    exports = python3_exports(winpython.winpy_dir(BUILD_PY))
    src = workdir / "python3_stub.c"
    src.write_text(
        "/* Generated by tools/winbuild.py: python3.dll's names, nothing behind them. */\n"
        + "".join(
            f"__declspec(dllexport) char {n}[1024];\n"
            if is_data
            else f"__declspec(dllexport) void {n}(void);\nvoid {n}(void) {{}}\n"
            for n, is_data in exports
        )
    )
    out = workdir / "python3.dll"
    _run(
        [*arch.cc, "-w", "-fno-builtin", "-shared", "-static-libgcc", "-o", str(out), str(src)],
        "compiling the python3.dll stub",
    )
    return out


def verify_load(arch: Arch, pyd: Path, sim: Path, sim_pyd: Path | None = None) -> str:
    """Load the .pyd with the Windows loader under Wine (32-bit Wine for x86),
    beside the simulated rasapi32.dll and a stub python3.dll: tests/c/pyd_load.c
    (first ``_ras_sim.pyd``, given, which must load no rasapi32.dll at all).
    Returns pyd_load's report."""
    workdir = arch.outdir / "loadcheck"
    if workdir.exists():
        shutil.rmtree(workdir)
    workdir.mkdir(parents=True)
    stub = python3_stub(arch, workdir)
    shutil.copy2(pyd, workdir / pyd.name)
    if sim_pyd is not None:
        shutil.copy2(sim_pyd, workdir / sim_pyd.name)
    shutil.copy2(sim, workdir / "rasapi32.dll")
    loader = workdir / "pyd_load.exe"
    _run(
        [
            *arch.cc,
            "-std=c11",
            "-Wall",
            "-Wextra",
            "-Werror",
            "-O1",
            str(REPO / "tests" / "c" / "pyd_load.c"),
            "-o",
            str(loader),
        ],
        "compiling tests/c/pyd_load.c",
    )
    check_machine(stub, arch)
    img = read_image(loader)
    if img.machine != arch.machine or img.is_dll:
        raise WinPyError(f"pyd_load.exe is a {img.machine_name} image, not an {arch.name} program")
    winpython.ensure_prefix()
    res = winpython.run_windows(
        [
            loader,
            winpython.to_windows_path(workdir / pyd.name),
            *([winpython.to_windows_path(workdir / sim_pyd.name)] if sim_pyd else []),
        ],
        dll_overrides="rasapi32=n",
        echo=False,
        timeout=300,
        error=f"the {arch.name} _ras.pyd does not load under Wine (tests/c/pyd_load.c)",
    )
    report = res.stdout.strip()
    if "pyd_load: ok" not in report:
        raise WinPyError(f"pyd_load.exe ({arch.name}) did not report ok: {report!r}")
    log(f"{arch.name} _ras.pyd loaded under Wine: {report}")
    return report


# --------------------------------------------------------------------------


def build_all(
    *, verify: bool = True, only: Sequence[str] = (), arch: str = DEFAULT_ARCH
) -> dict[str, Path]:
    t0 = time.monotonic()
    target = ARCHES[arch]
    _require_toolchain(target)
    if target.toolchain == "zig":
        # zig's caches (the mingw CRT it builds for the target, ~80 MB) beside
        # the project's other downloads, not in the home directory.
        os.environ.setdefault("ZIG_GLOBAL_CACHE_DIR", str(winpython.cache_root() / "zig"))
    bc = load_buildconfig(REPO)
    target.outdir.mkdir(parents=True, exist_ok=True)
    want = set(only) or {"pyd", "wheel", "sim"}
    results: dict[str, Path] = {}
    passed: list[str] = []
    skipped: list[str] = []
    if want & {"pyd", "wheel"}:
        results["pyd"] = build_pyd(bc, target)
        passed.append("_ras.pyd built, imports checked")
        results["simpyd"] = build_pyd(bc, target, sim=True)
        passed.append("_ras_sim.pyd built, imports checked (no rasapi32.dll)")
        results.update(build_admin(bc, target))
        passed.append("rasadmin.dll, rasadmin_test.dll, rrashost.exe built, imports checked")
    else:
        skipped += ["_ras.pyd", "_ras_sim.pyd"]
    if "sim" in want:
        results["sim"] = build_simulator(bc, target)
        passed.append("rasapi32.dll built, imports checked")
    else:
        skipped.append("rasapi32.dll")
    if "pyd" in results and "sim" in results:
        check_pyd_against_simulator(results["pyd"], results["sim"])
        passed.append("simulator exports cover _ras.pyd's imports")
    else:
        skipped.append("simulator exports check")
    if "wheel" in want:
        results["wheel"] = build_wheel(
            REPO, results["pyd"], target, results["simpyd"], results["admin"]
        )
        passed.append("wheel built")
        if verify and target.verify == "pip":
            verify_wheel(results["wheel"])
            passed.append("wheel installed and imported by the Windows pip/CPython")
        elif verify and target.verify == "load":
            # No 32-bit Windows CPython to install the wheel into: its .pyd is
            # loaded by the Windows loader instead (tests/c/pyd_load.c).
            reason = winpython.wine32_missing()
            if "sim" not in results:
                reason = "the simulated rasapi32.dll was not built (--only)"
            if reason is None:
                verify_load(target, results["pyd"], results["sim"], results["simpyd"])
                passed.append(
                    f"{target.name} _ras.pyd loaded under Wine beside the simulator, "
                    "_ras_sim.pyd without any rasapi32.dll"
                )
            else:
                log(f"SKIPPED: the load check under 32-bit Wine: {reason}")
                skipped.append(f"load check under 32-bit Wine SKIPPED: {reason}")
        elif verify:
            # Nothing here runs ARM64 code: tools/tests/test_winwheels.py checks
            # the image (machine, imports, exports) and the wheel's tags instead.
            log(f"{target.name} binaries cannot run here: the wheel is not imported")
        else:
            skipped.append("wheel verification")
    else:
        skipped += ["wheel", "wheel verification"]
    log(
        f"done in {time.monotonic() - t0:.1f}s: "
        + ", ".join(str(p.relative_to(REPO)) for p in results.values())
    )
    name = "winbuild" if target.name == DEFAULT_ARCH else f"winbuild-{target.name}"
    print(
        f"SUMMARY {name}: {len(passed)} passed, {len(skipped)} skipped, 0 failed"
        + (f" (skipped: {', '.join(skipped)})" if skipped else ""),
        flush=True,
    )
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--arch",
        choices=sorted(ARCHES),
        default=DEFAULT_ARCH,
        help=f"the Windows architecture to build for (default {DEFAULT_ARCH})",
    )
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
        build_all(verify=not ns.no_verify, only=ns.only, arch=ns.arch)
    except WinPyError as exc:
        print(f"[winbuild] ERROR: {exc}", file=sys.stderr)
        name = "winbuild" if ns.arch == DEFAULT_ARCH else f"winbuild-{ns.arch}"
        print(f"SUMMARY {name}: 1 failed (see the ERROR above)", flush=True)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
