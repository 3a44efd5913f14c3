"""Build the ras._ras extension (stable ABI) for the platform at hand.

On Windows it links the real rasapi32, and ras._ras_sim is built beside it
with the simulator compiled in; everywhere else the simulated rasapi32 in
src/rassim is compiled into ras._ras (see buildconfig.py).
"""

from __future__ import annotations

import os
import sys

from setuptools import Extension, setup

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
