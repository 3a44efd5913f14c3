"""The real-rasapi32 tier: Windows' own rasapi32.dll, no RAS server needed.

Run on their own (never with the simulator in front), as
``pytest -m realras tests/realras``: on the GitHub Windows runners against
Windows' rasapi32 (.github/workflows/ci.yml), and under Wine against Wine's
(``tools/wintest.py --wine-rasapi32 --suite realras``, the ``wine_smoke`` nox
session).  The default suite leaves this folder out (noxfile.py SUITE_IGNORES,
tools/wintest.py, cibuildwheel's test-command).

Every test here is marked ``realras``.  Before any runs, the session checks that
the rasapi32.dll loaded is the system's own (System32), not the simulator: a run
against the wrong DLL stops with an error instead of passing.  Under Wine, a test
skips, saying what Wine lacks, where Wine's rasapi32 does not implement the call;
on Windows nothing is skipped.
"""

from __future__ import annotations

import os
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__)) + os.sep


def _not_here() -> str | None:
    """Why this tier cannot run in this process (None: it can)."""
    if sys.platform != "win32":
        return "needs Windows' own rasapi32.dll (pytest -m realras tests/realras on Windows)"
    import realras_support

    where = realras_support.loaded_rasapi32()
    system = os.path.normcase(os.path.join(os.environ.get("SystemRoot", r"C:\Windows"), "System32"))
    if os.path.dirname(where) != system:
        return f"rasapi32.dll is {where!r}, not the system's ({system})"
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # Collected as part of a wider run (pytest tests/ on Linux, or with the
    # simulator in front): skipped with the reason.  Run on their own, the
    # session check below stops a run against the wrong DLL instead.
    ours = [i for i in items if os.path.abspath(str(i.path)).startswith(HERE)]
    why = _not_here() if ours else None
    for item in ours:
        item.add_marker(pytest.mark.realras)
        if why is not None:
            item.add_marker(pytest.mark.skip(reason=f"tests/realras {why}"))


def pytest_sessionstart(session: pytest.Session) -> None:
    if sys.platform != "win32":
        pytest.exit("tests/realras needs Windows' own rasapi32.dll (Windows or Wine)", 4)
    import realras_support

    where = realras_support.loaded_rasapi32()
    system = os.path.normcase(os.path.join(os.environ.get("SystemRoot", r"C:\Windows"), "System32"))
    if os.path.dirname(where) != system:
        pytest.exit(f"tests/realras: rasapi32.dll is {where!r}, not the system's ({system})", 3)
    print(f"realras: rasapi32 {where}; Wine {realras_support.WINE or 'no'}")
