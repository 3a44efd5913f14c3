"""``ras._ras_sim``: the extension built against the simulated rasapi32, on every platform.

On Windows it is the wheel's second extension (``_ras_sim.pyd``: src/_ras and
src/rassim compiled together, ``PyInit__ras_sim``, no rasapi32.dll import); off
Windows ``ras._ras`` is that build and ``ras._ras_sim`` is ``ras._ras`` itself
(src/ras/_ras_sim.py).  These tests use it beside whatever ``ras._ras`` calls:
on Linux the same module, under Wine's simulator tier a separate simulator (the
simulated rasapi32.dll), and in tests/wine_smoke/test_wine_ras_sim.py Wine's
own rasapi32.  docs/development.md, "ras._ras_sim".
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import Recorder

import ras
import ras._ras_sim as sim
import simctl

IS_WINDOWS = sys.platform == "win32"
WAIT_OBJECT_0, WAIT_TIMEOUT, WAIT_FAILED = 0, 258, 0xFFFFFFFF
ANY = -1  # INVALID_HANDLE_VALUE: every connection


@pytest.fixture
def sim_pbk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A phonebook for the simulator of ras._ras_sim, which is reset afterwards."""
    monkeypatch.setenv("RASSIM_PHONEBOOK", str(tmp_path / "default.pbk"))
    monkeypatch.delenv("RASSIM_SCENARIO", raising=False)
    sim._sim_reset()
    yield simctl.write_phonebook(tmp_path / "sim.pbk", ["Lab", "Office VPN"])
    sim._sim_reset()
    assert sim._pending_dials() == 0


def test_the_module_is_the_simulated_build() -> None:
    assert sim.BACKEND == "simulated"
    assert {f"_sim_{n}" for n in ("reset", "posted_messages", "event_create")} <= set(dir(sim))
    if IS_WINDOWS:
        # its own extension module, beside the real one
        assert sim.__name__ == "ras._ras_sim"
        assert sim.__file__ is not None and sim.__file__.endswith("_ras_sim.pyd")
        assert sim is not ras._ras and ras._ras.BACKEND == "rasapi32"
        assert not hasattr(ras._ras, "_sim_reset")
        assert sim.RASDIALEXTENSIONS is not ras._ras.RASDIALEXTENSIONS
    else:
        assert sim is ras._ras and ras._ras_sim is ras._ras
        assert sys.modules["ras._ras_sim"] is ras._ras


def test_errors_are_ras_errors(sim_pbk: str) -> None:
    """ras._ras_sim raises ras.error (the same class) and ras's classes of it."""
    assert sim.error is ras.error is ras._ras.error
    with pytest.raises(ras.EntryNotFoundError) as exc:
        sim.GetEntryProperties(sim_pbk, "No such entry")
    assert exc.value.args[1] == "RasGetEntryProperties"
    with pytest.raises(ras.PhonebookNotFoundError):
        sim.EnumEntries(None, sim_pbk + ".missing")


def test_dial_connects_through_the_simulator(sim_pbk: str) -> None:
    rec = Recorder()
    h, rc = sim.Dial(None, sim_pbk, ("Lab", "", "", "alice", "secret", ""), rec)
    assert rc == 0
    rec.wait()
    assert rec.states[-1] == sim.RASCS_Connected and rec.events[-1][3] == 0
    assert [c[0] for c in sim.EnumConnections()] == [h]
    assert sim.GetConnectStatus(h)[0] == sim.RASCS_Connected
    if IS_WINDOWS:
        # ras._ras calls another rasapi32 (Wine's, Windows', or the simulated
        # DLL, a separate simulator): it does not see this connection.
        assert h not in [c[0] for c in ras._ras.EnumConnections()]
    sim.HangUp(h)
    assert sim.EnumConnections() == []


def test_event_helpers() -> None:
    """_sim_event_*: real Win32 events on Windows, the simulator's own elsewhere;
    one contract: only open events made here are accepted."""
    ev = sim._sim_event_create()
    assert sim._sim_event_wait(ev, 0) == WAIT_TIMEOUT
    assert sim._sim_event_set(ev) is True
    assert sim._sim_event_wait(ev, 0) == WAIT_OBJECT_0
    assert sim._sim_event_wait(ev, 0) == WAIT_TIMEOUT  # auto-reset
    manual = sim._sim_event_create(True, True)
    assert [sim._sim_event_wait(manual, 0) for _ in range(2)] == [WAIT_OBJECT_0] * 2
    assert sim._sim_event_reset(manual) is True
    assert sim._sim_event_wait(manual, 0) == WAIT_TIMEOUT
    assert sim._sim_event_close(manual) is True
    # closing ends a wait on it (or it finds the handle closed already)
    got: list[int] = []
    waiter = threading.Thread(target=lambda: got.append(sim._sim_event_wait(ev, 0xFFFFFFFF)))
    waiter.start()
    assert sim._sim_event_close(ev) is True
    waiter.join(30)
    assert not waiter.is_alive() and got == [WAIT_FAILED]
    for bogus in (ev, manual, 0x12345, 0, -1):  # -1: also the current process's pseudo-handle
        assert sim._sim_event_set(bogus) is False
        assert sim._sim_event_reset(bogus) is False
        assert sim._sim_event_close(bogus) is False
        assert sim._sim_event_wait(bogus, 0) == WAIT_FAILED


def test_connection_notification_sets_its_event(sim_pbk: str) -> None:
    ev = sim._sim_event_create()
    try:
        sim.ConnectionNotification(ANY, ev, sim.RASCN_Connection)
        h, rc = sim.Dial(None, sim_pbk, ("Office VPN",), None)
        assert rc == 0
        assert sim._sim_event_wait(ev, 30000) == WAIT_OBJECT_0
        sim.HangUp(h)
    finally:
        sim._sim_event_close(ev)


BOTH_SCRIPT = """
import sys, threading
import ras, ras._ras_sim as sim

pbk, dial_real = sys.argv[1], sys.argv[2] == "1"
modules = [sim] + ([ras._ras] if dial_real and ras._ras is not sim else [])
for m in modules:
    done = threading.Event()
    def cb(h, msg, state, error, exterror, done=done, m=m):
        if state == m.RASCS_Connected or error:
            done.set()
    h, rc = m.Dial(None, pbk, ("Lab",), cb)
    assert rc == 0 and done.wait(30), (m.__name__, rc)
    assert m.GetConnectStatus(h)[0] == m.RASCS_Connected, m.__name__
    # a second dial of each, still in flight at exit (2 s per state)
    assert m.Dial(None, pbk, ("Slow",), lambda *a: None)[1] == 0
    print("connected", m.__name__, flush=True)
if not dial_real:  # ras._ras calls a rasapi32 that refuses dials (Wine's)
    assert ras._ras.Dial(None, pbk, ("Lab",), lambda *a: None) == (0, 1)
    print("refused ras._ras", flush=True)
print("exiting", flush=True)
"""


def run_both(tmp_path: Path, *, dial_real: bool) -> subprocess.CompletedProcess[str]:
    """A process with ras._ras and ras._ras_sim loaded and a dial on each, in
    flight at exit (ras._ras's refused at once where it reaches no simulator)."""
    pbk = simctl.write_phonebook(tmp_path / "both.pbk", ["Lab", "Slow"])
    scen = simctl.write_scenario(tmp_path / "s.ini", {"Slow": {"StateDelayMs": 2000}})
    script = tmp_path / "both.py"
    script.write_text(textwrap.dedent(BOTH_SCRIPT), encoding="utf-8")
    env = dict(os.environ, RASSIM_SCENARIO=scen, RASSIM_PHONEBOOK=str(tmp_path / "d.pbk"))
    return subprocess.run(
        [sys.executable, str(script), pbk, "1" if dial_real else "0"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


@pytest.mark.skipif(not simctl.SIMULATED, reason="ras._ras must reach a simulator to dial")
def test_both_modules_dial_and_exit_cleanly(tmp_path: Path) -> None:
    proc = run_both(tmp_path, dial_real=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    want = ["ras._ras_sim", "ras._ras"] if IS_WINDOWS else ["ras._ras"]
    assert [line.split()[1] for line in proc.stdout.split("\n") if "connected" in line] == want
    assert proc.stdout.endswith("exiting\n")


ALONE_SCRIPT = """
import ctypes, importlib.util, sys, types

k32 = ctypes.WinDLL("kernel32")
k32.GetModuleHandleW.restype = ctypes.c_void_p
k32.GetModuleHandleW.argtypes = [ctypes.c_wchar_p]

def loaded():
    return bool(k32.GetModuleHandleW("rasapi32.dll"))

# The extension alone: the package (whose import loads ras._ras) is kept out.
pkg = types.ModuleType("ras")
pkg.__path__ = []
sys.modules["ras"] = pkg

def load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod

assert not loaded()
sim = load("ras._ras_sim", sys.argv[1])
h, rc = sim.Dial(None, sys.argv[3], ("Lab",), None)
assert rc == 0 and sim.GetConnectStatus(h)[0] == sim.RASCS_Connected
sim.HangUp(h)
print("sim dialled; rasapi32.dll loaded:", loaded(), flush=True)
load("ras._ras", sys.argv[2])  # the probe can see a loaded rasapi32.dll
print("real loaded; rasapi32.dll loaded:", loaded(), flush=True)
"""


def run_alone(tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """ras._ras_sim loaded and dialling in a process that never imports ras._ras
    first: it must not load any rasapi32.dll (the simulated DLL nor Windows')."""
    spec_sim = importlib.util.find_spec("ras._ras_sim")
    spec_real = importlib.util.find_spec("ras._ras")
    assert spec_sim is not None and spec_real is not None
    pbk = simctl.write_phonebook(tmp_path / "alone.pbk", ["Lab"])
    script = tmp_path / "alone.py"
    script.write_text(textwrap.dedent(ALONE_SCRIPT), encoding="utf-8")
    env = dict(os.environ, RASSIM_PHONEBOOK=str(tmp_path / "d.pbk"))
    env.pop("RASSIM_SCENARIO", None)
    return subprocess.run(
        [sys.executable, str(script), str(spec_sim.origin), str(spec_real.origin), pbk],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


@pytest.mark.skipif(not IS_WINDOWS, reason="rasapi32.dll exists on Windows only")
def test_the_simulated_module_never_loads_rasapi32(tmp_path: Path) -> None:
    proc = run_alone(tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split("\n")[:2] == [
        "sim dialled; rasapi32.dll loaded: False",
        "real loaded; rasapi32.dll loaded: True",
    ]
