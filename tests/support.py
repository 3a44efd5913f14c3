"""Helpers shared by the tests: markers, the scenario writer, the dial recorder."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

import pytest

import ras
import simctl

requires_sim = pytest.mark.skipif(
    not simctl.SIMULATED, reason="needs the simulated rasapi32 (scenarios, reset)"
)
linux_sim_only = pytest.mark.skipif(
    ras.BACKEND != "simulated",
    reason="reads the simulator's posted-message queue, only compiled in off Windows",
)


class Scenario:
    def __init__(self, path: Path) -> None:
        self.path = path

    def set(self, sections: dict[str, dict[str, Any]]) -> None:
        simctl.write_scenario(self.path, sections)
        os.environ["RASSIM_SCENARIO"] = str(self.path)


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


def skip_directory(items: list[pytest.Item], conftest_file: str, reason: str) -> None:
    """Skip, with `reason`, every collected test under the folder of `conftest_file`."""
    here = os.path.dirname(os.path.abspath(conftest_file)) + os.sep
    mark = pytest.mark.skip(reason=reason)
    for item in items:
        if os.path.abspath(str(item.path)).startswith(here):
            item.add_marker(mark)
