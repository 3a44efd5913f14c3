from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, os.path.dirname(__file__))

import ras
import simctl

requires_sim = pytest.mark.skipif(
    not simctl.SIMULATED, reason="needs the simulated rasapi32 (scenarios, reset)"
)
linux_sim_only = pytest.mark.skipif(
    ras.BACKEND != "simulated",
    reason="reads the simulator's posted-message queue, only compiled in off Windows",
)


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test gets its own empty default phonebook and no scenario."""
    if not simctl.SIMULATED:
        yield
        return
    monkeypatch.setenv("RASSIM_PHONEBOOK", str(tmp_path / "default.pbk"))
    monkeypatch.delenv("RASSIM_SCENARIO", raising=False)
    simctl.reset()
    yield
    simctl.reset()
    assert ras._ras._pending_dials() == 0, "a dial kept its callback after the test"


@pytest.fixture
def pbk(tmp_path: Path) -> str:
    """A phonebook with three VPN entries."""
    return simctl.write_phonebook(tmp_path / "test.pbk", ["Office VPN", "Lab", "Home"])


@pytest.fixture
def default_pbk(tmp_path: Path) -> str:
    """Entries in the default phonebook (fileName None)."""
    return simctl.write_phonebook(tmp_path / "default.pbk", ["Office VPN", "Backup"])


class Scenario:
    def __init__(self, path: Path) -> None:
        self.path = path

    def set(self, sections: dict[str, dict[str, Any]]) -> None:
        simctl.write_scenario(self.path, sections)
        os.environ["RASSIM_SCENARIO"] = str(self.path)


@pytest.fixture
def scenario(tmp_path: Path) -> Scenario:
    return Scenario(tmp_path / "scenario.ini")


class Recorder:
    """A dial callback that records notifications and signals the end of the dial."""

    def __init__(self, on_event: Any = None) -> None:
        self.events: list[tuple[int, int, int, int, int]] = []
        self.threads: list[threading.Thread] = []
        self.done = threading.Event()
        self.on_event = on_event

    def __call__(self, hras: int, msg: int, state: int, error: int, exterror: int) -> None:
        self.events.append((hras, msg, state, error, exterror))
        self.threads.append(threading.current_thread())
        if self.on_event is not None:
            self.on_event(hras, msg, state, error, exterror)
        if ras.is_final_state(state, error):
            self.done.set()

    @property
    def states(self) -> list[int]:
        return [e[2] for e in self.events]

    def wait(self, timeout: float = 30.0) -> None:
        assert self.done.wait(timeout), f"dial did not finish; saw {self.states}"


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()
