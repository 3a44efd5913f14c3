"""A process that exits with a dial in flight exits cleanly: no hang, no crash."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from support import requires_sim

import simctl

pytestmark = requires_sim

SCRIPT = """
import os, sys, threading
import ras

pbk = sys.argv[1]
mode = sys.argv[2]
in_callback = threading.Event()

def cb(h, msg, state, error, exterror):
    if mode == "busy-callback":
        in_callback.set()
        # Python work inside the callback while the main thread exits
        total = 0
        for i in range(200000):
            total += i
    print("state", state, flush=True)

h, rc = ras.Dial(None, pbk, ("Lab",), cb)
assert rc == 0, rc
if mode == "busy-callback":
    in_callback.wait(30)
print("exiting", flush=True)
if mode == "exception":
    raise SystemExit(3)
"""


def run(tmp_path: Path, mode: str, delay_ms: int) -> subprocess.CompletedProcess[str]:
    pbk = simctl.write_phonebook(tmp_path / "exit.pbk", ["Lab"])
    scen = simctl.write_scenario(tmp_path / "s.ini", {"*": {"StateDelayMs": delay_ms}})
    script = tmp_path / "exit_script.py"
    script.write_text(textwrap.dedent(SCRIPT), encoding="utf-8")
    env = dict(os.environ, RASSIM_SCENARIO=scen)
    return subprocess.run(
        [sys.executable, str(script), pbk, mode],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )


@pytest.mark.parametrize("delay_ms", [0, 1, 30, 5000])
def test_exit_with_dial_in_flight(tmp_path: Path, delay_ms: int) -> None:
    proc = run(tmp_path, "plain", delay_ms)
    assert proc.returncode == 0, proc.stderr
    assert "exiting" in proc.stdout
    assert proc.stderr == ""


def test_exit_while_callback_runs_python(tmp_path: Path) -> None:
    proc = run(tmp_path, "busy-callback", 1)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""


def test_exit_by_exception_with_dial_in_flight(tmp_path: Path) -> None:
    proc = run(tmp_path, "exception", 2)
    assert proc.returncode == 3, proc.stderr
    assert proc.stderr == ""
