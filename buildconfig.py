"""Where the C sources are, shared by setup.py and the Windows cross-build.

The extension ``ras._ras`` is built from EXTENSION_SOURCES.  Off Windows the
simulated rasapi32 (SIMULATOR_SOURCES) is compiled into it; for Windows the
extension links the real rasapi32 and the simulator is built separately as a
``rasapi32.dll`` (tools/winbuild.py) to stand behind it under Wine.
"""

from __future__ import annotations

import glob
import os

ROOT = os.path.dirname(os.path.abspath(__file__))

EXTENSION_SOURCES = [
    "src/rasmodule.c",
    "src/rasconv.c",
    "src/rasdial.c",
    "src/rasstruct.c",
    "src/rasdevstats.c",
    "src/rasentry.c",
    "src/rascreds.c",
    "src/rasconnx.c",
    "src/rasautodial.c",
]

# Every .c file of the simulator; the library has no main().
SIMULATOR_SOURCES = sorted(
    os.path.relpath(p, ROOT).replace(os.sep, "/")
    for p in glob.glob(os.path.join(ROOT, "src", "rassim", "*.c"))
)

INCLUDE_DIRS = ["src", "src/compat"]

# Stable ABI floor: one abi3 wheel serves CPython 3.9 and later.
LIMITED_API = "0x03090000"

# Libraries the Windows build of the extension links.
WINDOWS_LIBRARIES = ["rasapi32", "user32"]

# Warnings are errors on every compiler we control.
GCC_WARNINGS = ["-Wall", "-Wextra", "-Werror"]
