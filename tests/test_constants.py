"""Every exported constant has its Windows value, checked against mingw-w64's headers.

The Linux build takes its constants from the project's own declarations
(src/compat); the Windows build from mingw-w64's <ras.h>, <raserror.h> and
<winerror.h>.  These tests compile every exported name that those headers
know with the mingw-w64 compiler (to assembly: enum members and macro
expressions alike come out as plain numbers) and compare, and they check that
each constant family the headers define is exported whole.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

import ras

MINGW = "x86_64-w64-mingw32-gcc"

pytestmark = pytest.mark.skipif(
    sys.platform == "win32" or shutil.which(MINGW) is None,
    reason=f"needs the Linux build and {MINGW} (the Windows build reads these headers itself)",
)

PRELUDE = "#include <windows.h>\n#include <ras.h>\n#include <raserror.h>\n#include <lmcons.h>\n"

# Prefixes of the constant families the issue asks for; each one that mingw's
# <ras.h> defines must be exported whole (names mingw lacks, such as the
# Windows 7+ VS_Ikev2* and RASCSS_*, are checked by the family tests).
FAMILIES = (
    "RASCS_", "RASEAPF_", "RDEOPT_", "REN_", "RASCF_", "RAS_Max", "RASCM_",
    "RASEO_", "RASEO2_", "RASET_", "VS_", "ET_", "RASNP_", "RASFP_", "RASEDM_",
    "RASIDS_", "RASP_", "RASLCPO_", "RASLCPAP_", "RASLCPAD_", "RASIPO_",
    "RASCCPCA_", "RASCCPO_", "RASCN_", "RASADP_", "RASADFLG_",
)  # fmt: skip


def _run(args: list[str], source: str, tmp: Path) -> str:
    src = tmp / "probe.c"
    src.write_text(source)
    proc = subprocess.run([MINGW, *args, str(src)], capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        pytest.fail(f"{MINGW} {' '.join(args)} failed:\n{proc.stderr[-4000:]}")
    return proc.stdout


@cache
def _header_macros(tmp: Path) -> frozenset[str]:
    """Names #defined once windows.h, ras.h, raserror.h and lmcons.h are included."""
    out = _run(["-E", "-dM"], PRELUDE, tmp)
    return frozenset(m.group(1) for m in re.finditer(r"^#define (\w+)[ (]", out, re.M))


@cache
def _ras_h_words() -> frozenset[str]:
    """Identifiers in ras.h's text (catches enum members such as RASCS_*)."""
    out = subprocess.run(
        [MINGW, "-print-file-name=include/ras.h"], capture_output=True, text=True, check=True
    ).stdout.strip()
    path = Path(out)
    if not path.is_file():
        path = Path("/usr/share/mingw-w64/include/ras.h")
    return frozenset(re.findall(r"\b[A-Za-z_]\w*\b", path.read_text(errors="replace")))


def _windows_values(names: list[str], tmp: Path) -> dict[str, int]:
    """The value of each name as mingw's headers define it (compiled to assembly)."""
    body = "".join(f"const long long rasv_{n} = (long long)({n});\n" for n in names)
    asm = _run(["-S", "-O0", "-o", "-"], PRELUDE + body, tmp)
    values = {
        m.group(1): int(m.group(2))
        for m in re.finditer(r"^rasv_(\w+):\s*\n\s*\.quad\s+(-?\d+)", asm, re.M)
    }
    # A zero-valued constant goes to .bss as ".space 8" instead of ".quad 0".
    for m in re.finditer(r"^rasv_(\w+):\s*\n\s*\.space\s+8", asm, re.M):
        values[m.group(1)] = 0
    return values


@pytest.fixture(scope="module")
def probe_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("mingw-probe")


def _known_to_mingw(tmp: Path) -> list[str]:
    macros = _header_macros(tmp)
    words = _ras_h_words()
    return sorted(n for n in ras.CONSTANTS if n in macros or n in words)


def test_values_match_the_windows_headers(probe_dir: Path) -> None:
    names = _known_to_mingw(probe_dir)
    assert len(names) > 250, "the probe found too few names; is mingw-w64 installed?"
    windows = _windows_values(names, probe_dir)
    assert set(windows) == set(names), f"not compiled: {sorted(set(names) - set(windows))}"
    mask = (1 << 32) - 1
    wrong = {
        n: (ras.CONSTANTS[n], windows[n])
        for n in names
        if ras.CONSTANTS[n] != windows[n] and ras.CONSTANTS[n] != windows[n] & mask
    }
    assert wrong == {}, "ours vs Windows"


def test_every_ras_error_code_is_exported(probe_dir: Path) -> None:
    raserror = Path(
        subprocess.run(
            [MINGW, "-print-file-name=include/raserror.h"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    if not raserror.is_file():
        raserror = Path("/usr/share/mingw-w64/include/raserror.h")
    codes = set(re.findall(r"^#define (ERROR_\w+)", raserror.read_text(), re.M))
    assert len(codes) > 200
    missing = sorted(codes - set(ras.CONSTANTS))
    assert missing == []


@pytest.mark.parametrize("prefix", FAMILIES)
def test_constant_families_are_complete(prefix: str, probe_dir: Path) -> None:
    # ras.h's own names only: windows.h has unrelated VS_* (winver.h) and ET_*.
    macros = {n for n in _ras_h_words() if n.startswith(prefix)}
    # Only the names that are constants (compile to a number), not types or
    # function-like macros that happen to share the prefix.
    candidates = sorted(n for n in macros if n not in ras.CONSTANTS)
    if candidates:
        numeric = _numeric(candidates, probe_dir)
        assert numeric == [], f"{prefix}* constants in mingw's headers but not exported"


def _numeric(names: list[str], tmp: Path) -> list[str]:
    """The names that are integer constants (each probed on its own: some are types)."""
    found = []
    for n in names:
        src = tmp / "one.c"
        src.write_text(PRELUDE + f"const long long rasv_{n} = (long long)({n});\n")
        proc = subprocess.run(
            [MINGW, "-S", "-o", "/dev/null", str(src)], capture_output=True, check=False
        )
        if proc.returncode == 0:
            found.append(n)
    return found


def test_the_constants_dict_is_the_module_globals() -> None:
    for name, value in ras.CONSTANTS.items():
        assert getattr(ras, name) == value
        assert name in ras.__all__
