"""Build the ras._ras extension (stable ABI) for the platform at hand.

On Windows it links the real rasapi32, and ras._ras_sim is built beside it
with the simulator compiled in; everywhere else the simulated rasapi32 in
src/rassim is compiled into ras._ras (see buildconfig.py).
"""

from __future__ import annotations

import os
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext as _build_ext

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import buildconfig  # noqa: E402

try:
    from wheel.bdist_wheel import bdist_wheel as _bdist_wheel
except ImportError:  # pragma: no cover - wheel is a build requirement
    _bdist_wheel = None

IS_WINDOWS = sys.platform == "win32"

sources = list(buildconfig.EXTENSION_SOURCES)
libraries: list[str] = []
define_macros = [("Py_LIMITED_API", buildconfig.LIMITED_API)]
extra_compile_args: list[str] = []
extra_link_args: list[str] = []

if IS_WINDOWS:
    libraries += buildconfig.WINDOWS_LIBRARIES
    extra_compile_args += ["/W4", "/WX"] if "MSC" in sys.version else buildconfig.GCC_WARNINGS
else:
    sources += buildconfig.SIMULATOR_SOURCES
    libraries += ["pthread"]
    extra_compile_args += [*buildconfig.GCC_WARNINGS, "-std=c11", "-fvisibility=hidden"]

cmdclass = {}
if _bdist_wheel is not None:

    class bdist_wheel_abi3(_bdist_wheel):  # type: ignore[misc, valid-type]
        """Tag wheels cp39-abi3: one wheel serves every CPython >= 3.9."""

        def get_tag(self) -> tuple[str, str, str]:
            python, abi, plat = super().get_tag()
            if python.startswith("cp"):
                return "cp39", "abi3", plat
            return python, abi, plat

    cmdclass["bdist_wheel"] = bdist_wheel_abi3

# The RAS administration DLL (src/admin, docs/admin-dll.md): a plain DLL, not
# an extension module; it loads Python at run time and imports no python3.dll.
ADMIN_SOURCES = [
    "src/admin/admindll.c",
    "src/admin/core.c",
    "src/admin/policies.c",
    "src/admin/pyhost.c",
]
ADMIN_DEF = "src/admin/rasadmin.def"


class build_ext_admin(_build_ext):  # type: ignore[misc, valid-type]
    """On Windows, also build ras/admin/rasadmin.dll with the same compiler
    (MSVC on the release path): compile, then link_shared_object with the
    .def, into the package beside ras._ras (so it lands in the wheel)."""

    def run(self) -> None:
        super().run()
        if IS_WINDOWS:
            self.build_admin_dll()

    def build_admin_dll(self) -> None:
        msvc = self.compiler.compiler_type == "msvc"
        # MSVC: /W3 without /WX (the sources are -Werror clean with gcc and
        # clang; no MSVC build was run where they were written)
        flags = ["/W3"] if msvc else [*buildconfig.GCC_WARNINGS, "-std=c11"]
        objects = self.compiler.compile(
            ADMIN_SOURCES,
            output_dir=self.build_temp,
            macros=[("_CRT_SECURE_NO_WARNINGS", None)],
            include_dirs=["src/compat", "src/admin"],
            extra_postargs=flags,
        )
        out_dir = os.path.join(os.path.dirname(self.get_ext_fullpath("ras._ras")), "admin")
        os.makedirs(out_dir, exist_ok=True)
        if msvc:
            link_args = [f"/DEF:{ADMIN_DEF}"]
        else:
            objects = [*objects, ADMIN_DEF]
            link_args = ["-static-libgcc", "-Wl,--enable-stdcall-fixup"]
        self.compiler.link_shared_object(
            objects,
            os.path.join(out_dir, "rasadmin.dll"),
            libraries=["advapi32", "kernel32"],
            extra_postargs=link_args,
            build_temp=self.build_temp,
        )


cmdclass["build_ext"] = build_ext_admin

ext_modules = [
    Extension(
        "ras._ras",
        sources=sources,
        include_dirs=buildconfig.INCLUDE_DIRS,
        define_macros=define_macros,
        libraries=libraries,
        extra_compile_args=extra_compile_args,
        extra_link_args=extra_link_args,
        py_limited_api=True,
    )
]
if IS_WINDOWS:
    # ras._ras_sim: the simulator compiled in, as off Windows, for ras.testing
    # (docs/development.md).  Elsewhere ras._ras is that build already.
    ext_modules.append(
        Extension(
            buildconfig.SIM_MODULE,
            sources=[*buildconfig.EXTENSION_SOURCES, *buildconfig.SIMULATOR_SOURCES],
            include_dirs=buildconfig.INCLUDE_DIRS,
            define_macros=[
                *define_macros,
                (buildconfig.SIM_MODULE_MACRO, None),
                ("_CRT_SECURE_NO_WARNINGS", None),
            ],
            libraries=buildconfig.WINDOWS_SIM_LIBRARIES,
            extra_compile_args=extra_compile_args,
            extra_link_args=extra_link_args,
            py_limited_api=True,
        )
    )

setup(ext_modules=ext_modules, cmdclass=cmdclass)
