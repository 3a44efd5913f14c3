"""``ras._ras_sim`` in a Windows CPython whose rasapi32.dll is Wine's own.

The simulated build of the extension dials a simulated entry, connects and
hangs up although the process's rasapi32 (Wine's stubs, which connect nothing)
is loaded: it calls the simulator compiled into it.  Loaded alone it never
loads any rasapi32.dll, and with ``ras._ras`` beside it (a dial on each) the
process exits cleanly.  The same checks against the simulated rasapi32.dll:
tests/test_ras_sim_module.py, whose helpers these reuse.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from test_ras_sim_module import run_alone, run_both

import ras
import ras._ras_sim as sim
import simctl

pytestmark = pytest.mark.skipif(sys.platform != "win32", reason="Windows (Wine) only")


def test_sim_connects_where_wines_rasapi32_cannot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert simctl.SIM_DLL is None, "the simulated rasapi32.dll is loaded, not Wine's"
    assert (ras._ras.BACKEND, sim.BACKEND) == ("rasapi32", "simulated")
    monkeypatch.setenv("RASSIM_PHONEBOOK", str(tmp_path / "default.pbk"))
    monkeypatch.delenv("RASSIM_SCENARIO", raising=False)
    pbk = simctl.write_phonebook(tmp_path / "sim.pbk", ["Lab"])
    # Wine's rasapi32 refuses the dial (tests/wine_smoke/test_wine_rasapi32.py)
    assert ras._ras.Dial(None, pbk, ("Lab",), None) == (0, 1)
    try:
        h, rc = sim.Dial(None, pbk, ("Lab", "", "", "alice", "secret", ""), None)
        assert rc == 0 and h != 0
        assert sim.GetConnectStatus(h)[0] == sim.RASCS_Connected
        assert [c[0] for c in sim.EnumConnections()] == [h]
        assert ras._ras.EnumConnections() == []  # Wine's: nothing of the simulator's
        sim.HangUp(h)
        assert sim.EnumConnections() == []
    finally:
        sim._sim_reset()


def test_sim_alone_loads_no_rasapi32(tmp_path: Path) -> None:
    proc = run_alone(tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split("\n")[:2] == [
        "sim dialled; rasapi32.dll loaded: False",
        "real loaded; rasapi32.dll loaded: True",
    ]


def test_both_loaded_exit_cleanly(tmp_path: Path) -> None:
    # ras._ras's dial goes to Wine's rasapi32, which refuses it at once; the
    # simulated one is in flight at exit.
    proc = run_both(tmp_path, dial_real=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert proc.stdout == "connected ras._ras_sim\nrefused ras._ras\nexiting\n"
