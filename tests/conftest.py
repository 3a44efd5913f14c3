from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, os.path.dirname(__file__))

from support import Recorder, Scenario

import ras
import simctl


def pytest_configure(config: pytest.Config) -> None:
    """ras's pytest plugin (ras_sim, ras_phonebook): loaded through its entry
    point when the package is installed, registered here for a source tree."""
    manager = config.pluginmanager
    if not (manager.has_plugin("ras") or manager.has_plugin("_ras_pytest_plugin")):
        import _ras_pytest_plugin

        manager.register(_ras_pytest_plugin, "ras")


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


@pytest.fixture
def scenario(tmp_path: Path) -> Scenario:
    return Scenario(tmp_path / "scenario.ini")


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()
