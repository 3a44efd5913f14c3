"""ras-win32 installed beside pywin32: which ``win32ras`` an ``import`` gets.

Pins what README.md and docs/compatibility.md ("Installed beside pywin32") say:
while ras-win32 is installed, ``import win32ras`` is ours (site-packages, where our
win32ras.py is, comes before pywin32's ``win32`` folder, which pywin32.pth appends
to sys.path), pywin32's own modules that import ``win32ras`` get ours too, and
pywin32's can be chosen explicitly.  That uninstalling ours restores pywin32's is
checked by tools/wintest.py --pywin32 after this suite (it uninstalls the wheel).
Each check runs in a new interpreter, as a user's program would.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig

SHOW = "import win32ras, os; print(os.path.normcase(win32ras.__file__))"


def run(code: str, env: dict[str, str] | None = None) -> str:
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
        env={**os.environ, **(env or {})},
    )
    return out.stdout.strip()


def site_packages() -> str:
    return os.path.normcase(sysconfig.get_paths()["purelib"])


def pywin32_dir() -> str:
    return os.path.join(site_packages(), "win32")


def test_import_win32ras_is_ours() -> None:
    assert os.path.isfile(os.path.join(pywin32_dir(), "win32ras.pyd"))  # pywin32's is there
    assert run(SHOW) == os.path.join(site_packages(), "win32ras.py")
    # why: site-packages comes first on sys.path, pywin32's folder after it
    order = run(
        "import sys, os; p = [os.path.normcase(x) for x in sys.path]; "
        f"print(p.index({site_packages()!r}) < p.index({pywin32_dir()!r}))"
    )
    assert order == "True"


def test_pywin32_modules_importing_win32ras_get_ours() -> None:
    # pywin32's win32/lib/rasutil.py does `import win32ras`
    got = run("import os, rasutil; print(os.path.normcase(rasutil.win32ras.__file__))")
    assert got == os.path.join(site_packages(), "win32ras.py")


def test_choose_pywin32_explicitly_with_pythonpath() -> None:
    assert run(SHOW, {"PYTHONPATH": pywin32_dir()}) == os.path.join(pywin32_dir(), "win32ras.pyd")


def test_choose_pywin32_explicitly_in_code() -> None:
    code = (
        "import os, sys, win32api\n"
        "sys.path.insert(0, os.path.dirname(win32api.__file__))  # pywin32's win32 folder\n"
        "import win32ras\n"
        "print(os.path.normcase(win32ras.__file__))\n"
    )
    assert run(code) == os.path.join(pywin32_dir(), "win32ras.pyd")


def test_choose_ours_explicitly() -> None:
    # `import ras` is always ours, whatever sys.path says
    code = "import os, ras; print(os.path.normcase(ras.__file__))"
    got = run(code, {"PYTHONPATH": pywin32_dir()})
    assert got == os.path.join(site_packages(), "ras", "__init__.py")
