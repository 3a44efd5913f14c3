"""Where the C sources are, shared by setup.py and the Windows cross-build.

The extension ``ras._ras`` is built from EXTENSION_SOURCES.  Off Windows the
simulated rasapi32 (SIMULATOR_SOURCES) is compiled into it; for Windows the
extension links the real rasapi32 and the simulator is built separately as a
``rasapi32.dll`` (tools/winbuild.py) to stand behind it under Wine.  Windows
builds also get ``ras._ras_sim`` (SIM_MODULE): both source lists compiled into
one extension, as off Windows, under its own module name.
"""

from __future__ import annotations

import glob
import os

ROOT = os.path.dirname(os.path.abspath(__file__))

EXTENSION_SOURCES = [
    "src/_ras/module.c",
    "src/_ras/convert.c",
    "src/_ras/structs.c",
    "src/_ras/errors.c",
    "src/_ras/dial.c",
    "src/_ras/connections.c",
    "src/_ras/entries.c",
    "src/_ras/entryprops.c",
    "src/_ras/credentials.c",
    "src/_ras/eap.c",
    "src/_ras/devices.c",
    "src/_ras/statistics.c",
    "src/_ras/autodial.c",
    "src/_ras/country.c",
    "src/_ras/srvpolicy.c",  # simulated builds only (#ifdef RASPY_SIMULATED)
]

# Every .c file of the simulator; the library has no main().
SIMULATOR_SOURCES = sorted(
    os.path.relpath(p, ROOT).replace(os.sep, "/")
    for p in glob.glob(os.path.join(ROOT, "src", "rassim", "*.c"))
)

# src/_ras/*.c include their own headers by name; "src" serves the
# "compat/..." and "rassim/..." includes of src/_ras/platform.h.
INCLUDE_DIRS = ["src", "src/compat"]

# Stable ABI floor: one abi3 wheel serves CPython 3.9 and later.
LIMITED_API = "0x03090000"

# Libraries the Windows build of the extension links.
WINDOWS_LIBRARIES = ["rasapi32", "user32"]

# ras._ras_sim, Windows only: EXTENSION_SOURCES + SIMULATOR_SOURCES compiled with
# this macro defined (module name, PyInit__ras_sim, the simulator instead of
# rasapi32: src/_ras/platform.h).  Off Windows ras._ras is that build already.
SIM_MODULE = "ras._ras_sim"
SIM_MODULE_MACRO = "RASPY_SIM_MODULE"
# What it links: never rasapi32.  The simulator posts window messages (user32)
# and reads its token's type (advapi32).
WINDOWS_SIM_LIBRARIES = ["user32", "advapi32"]

# Warnings are errors on every compiler we control.
GCC_WARNINGS = ["-Wall", "-Wextra", "-Werror"]
