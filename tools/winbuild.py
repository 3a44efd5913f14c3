#!/usr/bin/env python3
"""Cross-compile the Windows binaries with mingw-w64.

Builds, from buildconfig.py's source lists, for ``--arch x64`` (the default,
``x86_64-w64-mingw32-gcc``, into ``build/win/``) or ``--arch x86``
(``i686-w64-mingw32-gcc``, into ``build/win-x86/``):

* ``_ras.pyd``: the extension ``ras._ras`` for CPython >= 3.9, stable ABI
  (links ``python3.dll``) and the REAL rasapi32.  x64 links the Windows
  CPython 3.9's ``libs/python3.lib``; x86 links an i386 import library made
  with ``i686-w64-mingw32-dlltool`` from that same ``python3.lib``'s export
  list (the stable ABI's export list, PC/python3.def, is one for every
  architecture; no 32-bit Windows CPython is on the package registries
  reachable here).  The headers are the same 3.9 ``include/``: its
  ``pyconfig.h`` derives the pointer sizes from ``_WIN64``;
* ``dist/<name>-<version>-cp39-abi3-win_amd64.whl`` (``-win32.whl`` for
  x86): the wheel around it;
* ``rasapi32.dll``: the simulated rasapi32 (src/rassim) with the export list
  src/rassim/rasapi32.def, to stand behind the .pyd under Wine.  On x86 the
  RAS functions are ``__stdcall`` (``WINAPI``), which mingw decorates
  (``_RasDialW@24``); ``--enable-stdcall-fixup`` exports them under the .def's
  undecorated names, as Windows' rasapi32 does.

Every binary is checked with ``objdump``: its PE machine is the architecture's;
it may import only python3.dll, rasapi32.dll, user32.dll and Windows
system/CRT DLLs (never python3X.dll nor a mingw runtime DLL); no import or
export name is stdcall-decorated (``@N``); the .pyd exports ``PyInit__ras``.
On x64 the wheel is then installed with the Windows pip under Wine (into a
scratch --target) and ``import ras._ras`` is tried; on x86 (no 32-bit
CPython here) the simulator's C tests run under 32-bit Wine instead
(tests/c/run.sh, ``nox -s csim``).

Usage: python3 tools/winbuild.py [--arch x64|x86] [--no-verify] [--only pyd|wheel|sim ...]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from wheel.wheelfile import MINIMUM_TIMESTAMP, WheelFile, get_zipinfo_datetime

if sys.version_info >= (3, 11):
    import tomllib
else:  # a build-time dependency only (tools/ci_setup.sh installs it there)
    import tomli as tomllib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import winpython
from winpython import REPO, WinPyError

BUILD_PY = "3.9"  # the stable-ABI floor: link against 3.9's python3.lib
ABI_TAG = "cp39-abi3"


@dataclass(frozen=True)
class Arch:
    """One Windows target: its mingw-w64 toolchain, wheel tag and outputs."""

    name: str  # x64 | x86
    triple: str  # the mingw-w64 tool prefix
    platform: str  # the wheel's platform tag
    pe_format: str  # what ``objdump -f`` calls its PE flavour
    outdir: Path  # _ras.pyd, rasapi32.dll and the object files
    package: str  # the Debian package of its compiler (for error messages)

    def tool(self, name: str) -> str:
        """``gcc`` -> ``x86_64-w64-mingw32-gcc``; on x64 the RAS_MINGW_CC,
        RAS_MINGW_OBJDUMP and RAS_MINGW_NM environment variables override."""
        if self.name == "x64":
            env = os.environ.get(f"RAS_MINGW_{name.upper()}")
            if env:
                return env
        return f"{self.triple}-{name}"

    @property
    def wheel_tag(self) -> str:
        return f"{ABI_TAG}-{self.platform}"


ARCHES = {
    "x64": Arch(
        "x64",
        "x86_64-w64-mingw32",
        "win_amd64",
        "pei-x86-64",
        REPO / "build" / "win",
        "gcc-mingw-w64-x86-64",
    ),
    "x86": Arch(
        "x86",
        "i686-w64-mingw32",
        "win32",
        "pei-i386",
        REPO / "build" / "win-x86",
        "gcc-mingw-w64-i686",
    ),
}
X64 = ARCHES["x64"]
# The x64 names other tools (tools/wintest.py) use.
CC = X64.tool("gcc")
OBJDUMP = X64.tool("objdump")
NM = X64.tool("nm")
WHEEL_TAG = X64.wheel_tag
OUTDIR = X64.outdir

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


def read_project(repo: Path) -> dict[str, object]:
    with open(repo / "pyproject.toml", "rb") as f:
        data = tomllib.load(f)
    project = data.get("project")
    if not isinstance(project, dict):
        raise WinPyError("pyproject.toml has no [project] table")
    for key in ("name", "version"):
        if not isinstance(project.get(key), str):
            raise WinPyError(f"pyproject.toml [project] has no string {key!r}")
    return project


def normalized_name(name: str) -> str:
    """Distribution name for file names: ``ras-win32`` -> ``ras_win32``."""
    return re.sub(r"[-_.]+", "_", name).lower()


def wheel_path(repo: Path = REPO, arch: Arch = X64) -> Path:
    """``dist/<name>-<version>-cp39-abi3-win_amd64.whl`` (``-win32`` for x86)."""
    project = read_project(repo)
    name = normalized_name(str(project["name"]))
    return repo / "dist" / f"{name}-{project['version']}-{arch.wheel_tag}.whl"


# --------------------------------------------------------------------------
# Compiling
# --------------------------------------------------------------------------


def _require_tool(tool: str, package: str) -> None:
    if shutil.which(tool) is None:
        raise WinPyError(f"{tool} not found: install {package} (see tools/ci_setup.sh)")


def _run(cmd: Sequence[str], what: str, *, quiet: bool = False) -> str:
    return winpython.run_checked(cmd, what, cwd=REPO, quiet=quiet)


def compile_objects(
    arch: Arch, sources: Sequence[str], objdir: Path, cflags: Sequence[str]
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
        _run([arch.tool("gcc"), *cflags, "-c", str(path), "-o", str(obj)], f"compiling {src}")
        return obj

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        return list(pool.map(one, sources))


def dll_imports(binary: Path, arch: Arch = X64) -> dict[str, list[str]]:
    """{dll name: [imported symbols]} from ``objdump -p``."""
    out = _run([arch.tool("objdump"), "-p", str(binary)], f"objdump -p {binary.name}")
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


def dll_exports(binary: Path, arch: Arch = X64) -> set[str]:
    """The names in the export table (``objdump -p``), decorated ones included."""
    out = _run([arch.tool("objdump"), "-p", str(binary)], f"objdump -p {binary.name}")
    names: set[str] = set()
    in_table = False
    for line in out.splitlines():
        if "[Ordinal/Name Pointer] Table" in line or "[Name Pointer/Ordinal] Table" in line:
            in_table = True
            continue
        if in_table:
            m = re.match(r"\s*\[\s*\d+\]\s+([A-Za-z_][\w@]*)\s*$", line)
            if m:
                names.add(m.group(1))
            elif not line.strip():
                in_table = False
    return names


def check_machine(binary: Path, arch: Arch) -> None:
    """Fail unless ``binary`` is a PE image of ``arch`` (``objdump -f``)."""
    out = _run([arch.tool("objdump"), "-f", str(binary)], f"objdump -f {binary.name}")
    m = re.search(r"file format (\S+)", out)
    found = m.group(1) if m else "unknown"
    if found != arch.pe_format:
        raise WinPyError(f"{binary.name} is {found}, not {arch.pe_format} ({arch.name})")


def check_undecorated(binary: Path, names: Iterable[str], what: str) -> None:
    """Fail on a stdcall-decorated name (``RasDialW@24``): Windows' DLLs export
    and import the plain names."""
    bad = sorted(n for n in names if "@" in n)
    if bad:
        raise WinPyError(f"{binary.name} {what} stdcall-decorated names: {', '.join(bad[:10])}")


def check_imports(
    binary: Path, allowed_extra: Iterable[str], arch: Arch = X64
) -> dict[str, list[str]]:
    """Fail unless ``binary`` (of ``arch``) imports only allowed DLLs, by
    undecorated names; returns the imports."""
    check_machine(binary, arch)
    imports = dll_imports(binary, arch)
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
    for dll, symbols in imports.items():
        check_undecorated(binary, symbols, f"imports from {dll}")
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


def python3_exports(lib: Path) -> tuple[list[str], list[str]]:
    """(functions, data) that an MSVC import library ``python3.lib`` imports
    from python3.dll: ``__imp_X`` for each; a function also has its thunk ``X``."""
    out = _run([X64.tool("nm"), str(lib)], f"nm {lib.name}", quiet=True)
    imports: set[str] = set()
    code: set[str] = set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) != 3:
            continue
        if parts[1] == "I" and parts[2].startswith("__imp_"):
            imports.add(parts[2][len("__imp_") :])
        elif parts[1] == "T":
            code.add(parts[2])
    if len(imports) < 100 or not code:
        raise WinPyError(f"{lib} lists {len(imports)} python3.dll imports: not an import library?")
    return sorted(imports & code), sorted(imports - code)


def python3_libdir(arch: Arch, outdir: Path) -> Path:
    """The directory holding the import library of python3.dll for ``arch``."""
    libs = winpython.winpy_dir(BUILD_PY) / "libs"
    if arch.name == "x64":
        return libs
    functions, data = python3_exports(libs / "python3.lib")
    libdir = outdir / "pylibs"
    libdir.mkdir(parents=True, exist_ok=True)
    deffile = libdir / "python3.def"
    deffile.write_text(
        "; python3.dll's exports, read from CPython 3.9's x64 python3.lib by tools/winbuild.py\n"
        "LIBRARY python3.dll\nEXPORTS\n"
        + "".join(f"    {name}\n" for name in functions)
        + "".join(f"    {name} DATA\n" for name in data)
    )
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
    log(
        f"made the {arch.name} import library of python3.dll: "
        f"{len(functions)} functions, {len(data)} data"
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
    if arch.name == "x64":
        return []
    wanted = {
        name
        for obj in objs
        for kind, name in _nm_symbols(arch, obj)
        if kind == "U" and re.fullmatch(r"_Ras\w+@\d+", name)
    }
    lib = Path(_run([arch.tool("gcc"), "-print-file-name=librasapi32.a"], "gcc").strip())
    if not lib.is_file():
        raise WinPyError(f"{arch.tool('gcc')} finds no librasapi32.a")
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


def build_pyd(bc: object, outdir: Path, arch: Arch = X64) -> Path:
    pyroot = winpython.winpy_dir(BUILD_PY)
    if not (pyroot / "libs" / "python3.lib").is_file():
        winpython.fetch([BUILD_PY])
    cflags = [
        *common_cflags(bc),
        f"-DPy_LIMITED_API={bc.LIMITED_API}",  # type: ignore[attr-defined]
        f"-I{pyroot / 'include'}",
    ]
    objs = compile_objects(arch, bc.EXTENSION_SOURCES, outdir / "obj" / "ext", cflags)  # type: ignore[attr-defined]
    out = outdir / "_ras.pyd"
    winlibs: list[str] = list(bc.WINDOWS_LIBRARIES)  # type: ignore[attr-defined]
    extra = rasapi32_supplement(arch, objs, outdir / "pylibs")
    link_dll(
        arch,
        out,
        objs,
        [
            f"-L{python3_libdir(arch, outdir)}",
            "-lpython3",
            *(f"-l{lib}" for lib in winlibs),
            *extra,
        ],
    )
    imports = check_imports(out, ["python3.dll", *(f"{lib}.dll" for lib in winlibs)], arch)
    if "python3.dll" not in {d.lower() for d in imports}:
        raise WinPyError("_ras.pyd does not import python3.dll: is it a Python extension?")
    exports = dll_exports(out, arch)
    if "PyInit__ras" not in exports:
        raise WinPyError(f"_ras.pyd ({arch.name}) does not export PyInit__ras: {sorted(exports)}")
    log(f"built {out.relative_to(REPO)} ({arch.name}): imports {', '.join(imports)}")
    return out


def link_dll(arch: Arch, out: Path, objs: Sequence[Path], extra: Sequence[str]) -> None:
    """Link a DLL (or .pyd) that needs no mingw runtime DLL.  Any linker
    warning fails (on x86 that includes an unresolved stdcall fix-up)."""
    _run(
        [
            arch.tool("gcc"),
            "-shared",
            "-static-libgcc",
            "-Wl,--fatal-warnings",
            "-o",
            str(out),
            *map(str, objs),
            *extra,
        ],
        f"linking {out.name}",
    )


def build_simulator(bc: object, outdir: Path, arch: Arch = X64) -> Path:
    sources = list(bc.SIMULATOR_SOURCES)  # type: ignore[attr-defined]
    if not sources:
        raise WinPyError("buildconfig.SIMULATOR_SOURCES is empty (no src/rassim/*.c)")
    deffile = REPO / "src" / "rassim" / "rasapi32.def"
    if not deffile.is_file():
        raise WinPyError(f"{deffile.relative_to(REPO)} is missing: the DLL's export list")
    cflags = [*common_cflags(bc), "-DRASSIM_BUILD_DLL"]
    objs = compile_objects(arch, sources, outdir / "obj" / "sim", cflags)
    out = outdir / "rasapi32.dll"
    # x86: the .def's plain names bind to the stdcall-decorated symbols.
    fixup = ["-Wl,--enable-stdcall-fixup"] if arch.name == "x86" else []
    link_dll(arch, out, objs, [*fixup, str(deffile), "-luser32"])
    imports = check_imports(out, ["user32.dll"], arch)
    if any(d.lower() == "rasapi32.dll" for d in imports):
        raise WinPyError("the simulated rasapi32.dll imports rasapi32.dll (itself)")
    exports = dll_exports(out, arch)
    check_undecorated(out, exports, "exports")
    wanted = _def_exports(deffile)
    if exports != wanted:
        raise WinPyError(
            f"rasapi32.dll ({arch.name}) exports differ from rasapi32.def: missing "
            f"{sorted(wanted - exports)}, extra {sorted(exports - wanted)}"
        )
    log(
        f"built {out.relative_to(REPO)} ({arch.name}, {len(exports)} exports): "
        f"imports {', '.join(imports)}"
    )
    return out


def _def_exports(deffile: Path) -> set[str]:
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


def check_pyd_against_simulator(pyd: Path, sim: Path, arch: Arch = X64) -> None:
    """Every rasapi32 function the .pyd imports must be exported by the simulator."""
    # Every import descriptor naming rasapi32 (on x86 mingw's library and the
    # supplement of rasapi32_supplement() give two).
    needed = [
        sym
        for dll, syms in dll_imports(pyd, arch).items()
        if dll.lower() == "rasapi32.dll"
        for sym in syms
    ]
    exported = dll_exports(sim, arch)
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
    return f"""\
Wheel-Version: 1.0
Generator: ras-tools-winbuild (1.0)
Root-Is-Purelib: false
Tag: {arch.wheel_tag}
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


def wheel_files(repo: Path, pyd: Path) -> list[tuple[str, bytes]]:
    """(archive name, content) for the package files, sorted, without dist-info."""
    src = repo / "src"
    pkg = src / "ras"
    files: list[tuple[str, bytes]] = []
    for path in sorted(pkg.rglob("*")):
        if "__pycache__" in path.parts or not path.is_file():
            continue
        if path.suffix in (".py", ".pyi") or path.name == "py.typed":
            files.append((path.relative_to(src).as_posix(), path.read_bytes()))
    if not any(name == "ras/__init__.py" for name, _ in files):
        raise WinPyError("src/ras/__init__.py is missing")
    files.append(("ras/_ras.pyd", pyd.read_bytes()))
    for mod in ("win32ras.py", "win2kras.py"):
        if not (src / mod).is_file():
            raise WinPyError(f"src/{mod} is missing")
        files.append((mod, (src / mod).read_bytes()))
    return files


def build_wheel(repo: Path, pyd: Path, arch: Arch = X64) -> Path:
    """The wheel: archive and RECORD written by the ``wheel`` package's WheelFile."""
    project = read_project(repo)
    out = wheel_path(repo, arch)
    out.parent.mkdir(parents=True, exist_ok=True)
    # Written under its final name (WheelFile derives the .dist-info from it) in a
    # scratch directory beside the old wheel, then moved over it.
    with tempfile.TemporaryDirectory(dir=out.parent) as tmp, _fixed_timestamps():
        new = Path(tmp) / out.name
        with WheelFile(new, "w") as wf:
            files = wheel_files(repo, pyd)
            files.append((f"{wf.dist_info_path}/METADATA", _metadata(project, repo).encode()))
            files.append((f"{wf.dist_info_path}/WHEEL", wheel_metadata(arch).encode("ascii")))
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


def python3_stub(arch: Arch, workdir: Path) -> Path:
    """A python3.dll for ``arch`` that exports every name of the real one and
    implements none of them: enough for the loader to resolve a .pyd's
    imports (tests/c/pyd_load.c calls nothing of it)."""
    functions, data = python3_exports(winpython.winpy_dir(BUILD_PY) / "libs" / "python3.lib")
    src = workdir / "python3_stub.c"
    src.write_text(
        "/* Generated by tools/winbuild.py: python3.dll's names, nothing behind them. */\n"
        + "".join(
            f"__declspec(dllexport) void {n}(void);\nvoid {n}(void) {{}}\n" for n in functions
        )
        + "".join(f"__declspec(dllexport) char {n}[1024];\n" for n in data)
    )
    out = workdir / "python3.dll"
    _run(
        [
            arch.tool("gcc"),
            "-w",
            "-fno-builtin",
            "-shared",
            "-static-libgcc",
            "-o",
            str(out),
            str(src),
        ],
        "compiling the python3.dll stub",
    )
    return out


def verify_load(arch: Arch, pyd: Path, sim: Path) -> str:
    """Load the .pyd with the Windows loader under Wine (32-bit Wine for x86),
    beside the simulated rasapi32.dll and a stub python3.dll: tests/c/pyd_load.c.
    Returns pyd_load's report."""
    workdir = arch.outdir / "loadcheck"
    if workdir.exists():
        shutil.rmtree(workdir)
    workdir.mkdir(parents=True)
    python3_stub(arch, workdir)
    shutil.copy2(pyd, workdir / pyd.name)
    shutil.copy2(sim, workdir / "rasapi32.dll")
    loader = workdir / "pyd_load.exe"
    _run(
        [
            arch.tool("gcc"),
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
    for binary in (workdir / "python3.dll", loader):
        check_machine(binary, arch)
    winpython.ensure_prefix()
    res = winpython.run_windows(
        [loader, winpython.to_windows_path(workdir / pyd.name)],
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
    *, verify: bool = True, only: Sequence[str] = (), arch: Arch = X64
) -> dict[str, Path]:
    t0 = time.monotonic()
    tools = [arch.tool(t) for t in ("gcc", "objdump", "nm")]
    if arch.name != "x64":
        tools += [arch.tool("dlltool"), X64.tool("nm")]
    for tool in tools:
        _require_tool(tool, arch.package)
    bc = load_buildconfig(REPO)
    outdir = arch.outdir
    outdir.mkdir(parents=True, exist_ok=True)
    want = set(only) or {"pyd", "wheel", "sim"}
    results: dict[str, Path] = {}
    passed: list[str] = []
    skipped: list[str] = []
    if want & {"pyd", "wheel"}:
        results["pyd"] = build_pyd(bc, outdir, arch)
        passed.append("_ras.pyd built, imports checked")
    else:
        skipped.append("_ras.pyd")
    if "sim" in want:
        results["sim"] = build_simulator(bc, outdir, arch)
        passed.append("rasapi32.dll built, imports checked")
    else:
        skipped.append("rasapi32.dll")
    if "pyd" in results and "sim" in results:
        check_pyd_against_simulator(results["pyd"], results["sim"], arch)
        passed.append("simulator exports cover _ras.pyd's imports")
    else:
        skipped.append("simulator exports check")
    if "wheel" in want:
        results["wheel"] = build_wheel(REPO, results["pyd"], arch)
        passed.append("wheel built")
        if verify and arch.name == "x64":
            verify_wheel(results["wheel"])
            passed.append("wheel installed and imported by the Windows pip/CPython")
        elif verify:
            # No 32-bit Windows CPython to install the wheel into: its .pyd is
            # loaded by the Windows loader instead (tests/c/pyd_load.c).
            verify_load(arch, results["pyd"], results["sim"])
            passed.append(f"{arch.name} _ras.pyd loaded under Wine beside the simulator")
        else:
            skipped.append("wheel verification")
    else:
        skipped += ["wheel", "wheel verification"]
    log(
        f"done in {time.monotonic() - t0:.1f}s: "
        + ", ".join(str(p.relative_to(REPO)) for p in results.values())
    )
    session = "winbuild" if arch.name == "x64" else f"winbuild-{arch.name}"
    print(
        f"SUMMARY {session}: {len(passed)} passed, {len(skipped)} skipped, 0 failed"
        + (f" (skipped: {', '.join(skipped)})" if skipped else ""),
        flush=True,
    )
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--arch", choices=sorted(ARCHES), default="x64", help="the Windows target (default x64)"
    )
    parser.add_argument(
        "--no-verify", action="store_true", help="skip installing the wheel under Wine (x64)"
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
        build_all(verify=not ns.no_verify, only=ns.only, arch=ARCHES[ns.arch])
    except WinPyError as exc:
        print(f"[winbuild] ERROR: {exc}", file=sys.stderr)
        session = "winbuild" if ns.arch == "x64" else f"winbuild-{ns.arch}"
        print(f"SUMMARY {session}: 1 failed (see the ERROR above)", flush=True)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
