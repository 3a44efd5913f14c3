#!/usr/bin/env python3
"""On Windows: put the simulated rasapi32 in front of Windows' own, or take it away.

Used by the Windows jobs of .github/workflows/ci.yml and by cibuildwheel's
test-command (pyproject.toml): the suite needs the simulator (tests/simctl.py
drives it), while the real-rasapi32 tier (tests/realras) needs Windows' own.

How the simulator gets in front: CPython (3.8+) loads an extension module with
``LoadLibraryExW(path, LOAD_LIBRARY_SEARCH_DEFAULT_DIRS |
LOAD_LIBRARY_SEARCH_DLL_LOAD_DIR)``, so the DLLs the ``.pyd`` imports are looked
for first in the ``.pyd``'s own folder, then in the application folder, then in
System32.  rasapi32 is not one of the KnownDLLs (those are mapped from System32
whatever the search order), so a ``rasapi32.dll`` placed beside the installed
``ras/_ras.pyd`` is the one ``_ras.pyd`` binds to, and ``ctypes.WinDLL("rasapi32")``
(tests/simctl.py) then gets the same, already loaded, module.  Nothing is copied
into the interpreter's folder or System32, and ``remove`` restores Windows' own.

* ``install``: compile src/rassim with MSVC (found by setuptools, as for any
  extension; for the running interpreter's architecture: x64, x86 or ARM64),
  export list src/rassim/rasapi32.def, warnings as errors; copy the DLL beside the
  installed ``_ras.pyd``; check, in a new interpreter, that it is the one loaded.
* ``remove``: delete it; check that Windows' own (System32) is the one loaded.
* ``check simulator|system``: only the check.

Usage: python tools/simdll.py install|remove|check [simulator|system]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# Prints the path of the rasapi32.dll loaded into a process that imported ras.
WHICH = r"""
import ctypes, os, ras._ras
k32 = ctypes.WinDLL("kernel32", use_last_error=True)
k32.GetModuleHandleW.restype = ctypes.c_void_p
k32.GetModuleHandleW.argtypes = [ctypes.c_wchar_p]
k32.GetModuleFileNameW.argtypes = [ctypes.c_void_p, ctypes.c_wchar_p, ctypes.c_uint32]
h = k32.GetModuleHandleW("rasapi32.dll")
buf = ctypes.create_unicode_buffer(1024)
if h:
    k32.GetModuleFileNameW(h, buf, 1024)
print(os.path.normcase(buf.value))
print(os.path.normcase(os.path.dirname(ras._ras.__file__)))
"""


def installed_package_dir() -> Path:
    """The folder of the INSTALLED ras/_ras.pyd (run from outside the checkout)."""
    out = subprocess.run(
        [sys.executable, "-c", "import os, ras._ras as m; print(os.path.dirname(m.__file__))"],
        capture_output=True,
        text=True,
        check=True,
        cwd=tempfile.gettempdir(),
    )
    return Path(out.stdout.strip())


def build_dll(outdir: Path) -> Path:
    from setuptools._distutils.ccompiler import new_compiler  # MSVC, found by setuptools

    sys.path.insert(0, str(REPO))
    import buildconfig

    compiler = new_compiler()
    compiler.initialize(sysconfig.get_platform())  # type: ignore[attr-defined]
    objs = compiler.compile(
        [str(REPO / s) for s in buildconfig.SIMULATOR_SOURCES],
        output_dir=str(outdir / "obj"),
        include_dirs=[str(REPO / d) for d in buildconfig.INCLUDE_DIRS],
        macros=[("RASSIM_BUILD_DLL", None), ("_CRT_SECURE_NO_WARNINGS", None)],
        # after setuptools' own /W3 (extra_preargs would come before it and lose)
        extra_postargs=["/W4", "/WX", "/std:c11"],
    )
    dll = outdir / "rasapi32.dll"
    compiler.link_shared_object(
        objs,
        str(dll),
        libraries=["user32"],
        extra_postargs=[f"/DEF:{REPO / 'src' / 'rassim' / 'rasapi32.def'}"],
    )
    return dll


def loaded_rasapi32() -> tuple[str, str]:
    out = subprocess.run(
        [sys.executable, "-c", WHICH],
        capture_output=True,
        text=True,
        check=True,
        cwd=tempfile.gettempdir(),
    )
    dll, pkg = out.stdout.split("\n")[:2]
    return dll, pkg


def check(expected: str) -> int:
    dll, pkg = loaded_rasapi32()
    system = os.path.normcase(os.path.join(os.environ.get("SystemRoot", r"C:\Windows"), "System32"))
    ok = os.path.dirname(dll) == (pkg if expected == "simulator" else system)
    print(f"simdll: rasapi32 loaded from {dll} ({'ok' if ok else 'NOT'} the {expected} one)")
    return 0 if ok else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=("install", "remove", "check"))
    parser.add_argument("expected", nargs="?", choices=("simulator", "system"))
    ns = parser.parse_args()
    if sys.platform != "win32":
        parser.error("Windows only (under Wine, tools/wintest.py places the mingw build)")
    dest = installed_package_dir() / "rasapi32.dll"
    if ns.action == "install":
        with tempfile.TemporaryDirectory(prefix="ras-simdll-") as tmp:
            shutil.copy2(build_dll(Path(tmp)), dest)
        print(f"simdll: installed {dest}")
        return check("simulator")
    if ns.action == "remove":
        dest.unlink(missing_ok=True)
        print(f"simdll: removed {dest}")
        return check("system")
    return check(ns.expected or "simulator")


if __name__ == "__main__":
    sys.exit(main())
