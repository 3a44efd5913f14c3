"""examples/: a user's project, its automation script and its own pytest suite.

The suite runs in a child pytest, as the user runs it: the ras-win32 plugin
comes from the installed package's entry point (a source tree passes
`-p _ras_pytest_plugin` instead), on Linux and under Wine (tools/wintest.py
copies examples/ beside tests/).
"""

from __future__ import annotations

import importlib.metadata
import os
import subprocess
import sys
from pathlib import Path

import pytest
from support import requires_sim

pytestmark = requires_sim

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
PROJECTS = sorted(p.name for p in EXAMPLES.iterdir() if p.is_dir()) if EXAMPLES.is_dir() else []


def plugin_installed() -> bool:
    points = importlib.metadata.entry_points()
    if hasattr(points, "select"):  # 3.10+
        group = points.select(group="pytest11")
    else:  # 3.9: a dict of groups
        group = points.get("pytest11", [])
    return any(ep.value == "_ras_pytest_plugin" for ep in group)


def child_pytest(target: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """pytest on ``target`` in a new process, as a user runs it: the plugin
    from the installed entry point (a source tree's: ``-p _ras_pytest_plugin``)."""
    args = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "--rootdir",
        str(tmp_path),
    ]
    if not plugin_installed():
        args += ["-p", "_ras_pytest_plugin"]
    env = dict(os.environ)
    if env.get("PYTHONPATH"):  # a source tree's; the child runs elsewhere
        env["PYTHONPATH"] = os.pathsep.join(
            os.path.abspath(p) for p in env["PYTHONPATH"].split(os.pathsep) if p
        )
    for name in ("RASSIM_PHONEBOOK", "RASSIM_SCENARIO", "RASSIM_CONNECTIONS", "RASSIM_AUTODIAL"):
        env.pop(name, None)  # the project's tests set up their own (ras_sim)
    return subprocess.run(
        [*args, str(target)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=600,
        check=False,
    )


@pytest.mark.skipif(not EXAMPLES.is_dir(), reason="source checkout only")
@pytest.mark.parametrize("project", PROJECTS)
def test_the_example_projects_own_suite_passes(project: str, tmp_path: Path) -> None:
    out = child_pytest(EXAMPLES / project, tmp_path)
    assert out.returncode == 0, out.stdout + out.stderr
    assert " passed" in out.stdout and "failed" not in out.stdout


PLAIN_THEN_FIXTURE = """
import sys

def _ras_modules():
    return sorted(m for m in sys.modules if m.split(".")[0] in ("ras", "win32ras"))

def test_a_run_that_uses_no_fixture_imports_nothing_of_ras():
    assert _ras_modules() == []

def test_the_fixture_is_there_when_asked_for(ras_sim):
    import ras
    assert ras.EnumConnections() == [] and "ras._ras" in _ras_modules()
"""


def test_the_plugin_imports_nothing_until_a_fixture_is_used(tmp_path: Path) -> None:
    # pytest imports every installed plugin when it starts: in a user's run that
    # uses none of ours, neither the package nor the extension (on Windows,
    # rasapi32.dll) may be loaded.
    suite = tmp_path / "suite"
    suite.mkdir()
    (suite / "test_plain.py").write_text(PLAIN_THEN_FIXTURE, encoding="utf-8")
    out = child_pytest(suite, tmp_path)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "2 passed" in out.stdout
