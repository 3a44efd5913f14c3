"""User code on the typed layer passes mypy --strict, and misuse is caught."""

from __future__ import annotations

import runpy
import shutil
from pathlib import Path

import pytest
from support import Scenario, requires_sim
from test_stubs import _mypy

import ras

PROGRAM = Path(__file__).resolve().parent / "typed_examples" / "typed_layer.py"

MISUSE = """\
import ras

conn = ras.dial("Office VPN", timeout="30")
conn.status().stat
ras.dial(42)
x: str = conn.ipv4()
conn.hangup(timeout=None)
"""


def test_the_example_passes_mypy_strict(tmp_path: Path) -> None:
    shutil.copy(PROGRAM, tmp_path / "typed_layer.py")
    out = _mypy(tmp_path, "mypy", "--strict", "--cache-dir", str(tmp_path / ".mypy"), ".")
    assert out.returncode == 0, out.stdout + out.stderr


def test_misuse_of_the_typed_layer_is_reported(tmp_path: Path) -> None:
    (tmp_path / "misuse.py").write_text(MISUSE, encoding="utf-8")
    out = _mypy(tmp_path, "mypy", "--strict", "--cache-dir", str(tmp_path / ".mypy"), ".")
    lines = sorted({line.split(":")[1] for line in out.stdout.splitlines() if ": error:" in line})
    # one error on each misuse line (3..7), nothing else
    assert lines == ["3", "4", "5", "6", "7"], out.stdout


@requires_sim
def test_the_example_runs(
    default_pbk: str, scenario: Scenario, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = "typed-Secret-7"
    scenario.set({"*": {"User": "alice", "Password": secret, "IpAddress": "10.8.0.9"}})
    monkeypatch.setenv("TYPED_LAYER_SECRET", secret)
    out = runpy.run_path(str(PROGRAM))["main"]()
    assert out[1:] == ["Office VPN", "IKEV2_ONLY", "691", out[-1]]
    assert "10.8.0.9" in out[0] and out[-1].startswith("0x")
    assert ras.connections() == []
