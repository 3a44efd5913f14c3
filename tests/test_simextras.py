"""The simulator's test-control extras: the dial log, the hang-up log and
dropping a live connection now (docs/simulator.md, "Simulator-only extras").

Through tests/simctl.py, so the same tests run on Linux (the extension's
private ``ras._ras._sim_*`` functions) and under Wine (the simulator DLL's
exports through ctypes); the Linux-only tests call ``ras._ras`` directly.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import events
import pytest
from support import Recorder, Scenario, linux_sim_only, requires_sim

import ras
import simctl

pytestmark = requires_sim

PASSWORD = "Zq9!unique-secret"

DIAL_KEYS = {
    "sequence",
    "time",
    "entryName",
    "phonebook",
    "phoneNumber",
    "callbackNumber",
    "userName",
    "domain",
    "passwordGiven",
    "savedPassword",
    "resume",
    "asynchronous",
    "notifierType",
    "hwnd",
    "options",
    "subEntry",
    "callbackId",
    "hrasconn",
    "result",
}
HANGUP_KEYS = {"sequence", "time", "hrasconn", "entryName", "ended", "result"}


def test_dial_log_records_what_the_code_sent(pbk: str) -> None:
    before = time.time()
    params = ("Office VPN", "203.0.113.9", "555-0100", "alice", PASSWORD, "CORP")
    h, rc = ras.Dial(None, pbk, params, None)
    assert rc == 0
    rec = Recorder()
    h2, _ = ras.Dial(None, pbk, ("Lab", "", "", "bob", "", ""), rec)
    rec.wait()
    assert ras.Dial(None, pbk, ("No Such Entry", "", "", "eve", PASSWORD, ""), None) == (0, 623)
    after = time.time()

    log = simctl.dial_log()
    assert [set(r) for r in log] == [DIAL_KEYS] * 3
    sync, asyn, failed = log
    assert sync == {
        **sync,
        "entryName": "Office VPN",
        "phonebook": os.path.abspath(pbk),
        "phoneNumber": "203.0.113.9",
        "callbackNumber": "555-0100",
        "userName": "alice",
        "domain": "CORP",
        "passwordGiven": True,
        "savedPassword": False,
        "resume": False,
        "asynchronous": False,
        "notifierType": None,
        "hwnd": None,
        "options": 0,
        "hrasconn": h,
        "result": 0,
    }
    assert asyn["entryName"] == "Lab"
    assert asyn["userName"] == "bob"
    assert asyn["passwordGiven"] is False
    assert asyn["asynchronous"] is True
    assert asyn["notifierType"] in (0, 1, 2)
    assert asyn["hrasconn"] == h2
    assert failed["entryName"] == "No Such Entry"
    assert failed["passwordGiven"] is True
    assert failed["result"] == 623
    assert failed["hrasconn"] is None
    assert [r["sequence"] for r in log] == [log[0]["sequence"] + i for i in range(3)]
    for r in log:
        assert before - 1 <= r["time"] <= after + 1
    # the password is in no record, in no form
    assert all(PASSWORD not in repr(r) and PASSWORD[:6] not in repr(r) for r in log)

    ras.HangUp(h)
    ras.HangUp(h2)
    hangups = simctl.hangup_log()
    assert [set(r) for r in hangups] == [HANGUP_KEYS] * 2
    assert [(r["hrasconn"], r["entryName"], r["ended"], r["result"]) for r in hangups] == [
        (h, "Office VPN", True, 0),
        (h2, "Lab", True, 0),
    ]
    assert hangups[0]["sequence"] > log[-1]["sequence"]


def test_hangup_log_counts_references_and_unknown_handles(pbk: str) -> None:
    h, _ = ras.Dial(None, pbk, ("Office VPN",), None)
    assert ras.Dial(None, pbk, ("Office VPN",), None) == (h, 0)  # joined: two references
    ras.HangUp(h)
    ras.HangUp(h)
    with pytest.raises(ras.error):
        ras.HangUp(h)
    log = simctl.hangup_log()
    assert [(r["hrasconn"], r["ended"], r["result"]) for r in log[:2]] == [
        (h, False, 0),
        (h, True, 0),
    ]
    # what the process's HangUp of a handle RAS no longer knows was answered
    assert all(r["result"] == 6 and r["entryName"] == "" for r in log[2:])
    assert len(log) >= 3


def test_reset_and_clear_empty_the_logs(pbk: str) -> None:
    h, _ = ras.Dial(None, pbk, ("Office VPN",), None)
    ras.HangUp(h)
    assert len(simctl.dial_log()) == 1 and len(simctl.hangup_log()) == 1
    simctl.clear_logs()
    assert simctl.dial_log() == [] and simctl.hangup_log() == []
    ras.Dial(None, pbk, ("Office VPN",), None)
    assert len(simctl.dial_log()) == 1
    simctl.reset()
    assert simctl.dial_log() == [] and simctl.hangup_log() == []


def test_dial_log_from_threads(pbk: str) -> None:
    def dial_many(i: int) -> None:
        for _ in range(25):
            assert ras.Dial(None, pbk, (f"Nowhere {i}", "", "", "", PASSWORD, ""), None) == (0, 623)

    threads = [threading.Thread(target=dial_many, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    log = simctl.dial_log()
    assert len(log) == 100
    assert sorted(r["entryName"] for r in log) == sorted(
        f"Nowhere {i}" for i in range(4) for _ in range(25)
    )
    seqs = [r["sequence"] for r in log]
    assert seqs == sorted(seqs) and len(set(seqs)) == 100


def test_drop_a_connected_connection(pbk: str) -> None:
    rec = Recorder()
    h, _ = ras.Dial(None, pbk, ("Office VPN",), rec)
    rec.wait()
    assert rec.states[-1] == ras.RASCS_Connected
    ev = events.create()
    try:
        ras.ConnectionNotification(h, ev, ras.RASCN_Disconnection)
        assert events.quiet(ev)
        simctl.drop(h)
        # the new state is there when drop() returns
        assert ras.GetConnectStatus(h)[:2] == (ras.RASCS_Disconnected, 628)
        assert events.signalled(ev)
    finally:
        events.close(ev)
    assert all(c[0] != h for c in ras.EnumConnections())
    with pytest.raises(ras.error) as info:
        ras.GetConnectionStatistics(h)
    assert info.value.args[0] == 668
    with pytest.raises(ras.error) as info:
        simctl.drop(h)
    assert info.value.args[0] == 668
    ras.HangUp(h)
    with pytest.raises(ras.InvalidHandleError):
        simctl.drop(h)


def test_drop_with_an_error_and_the_scenarios_default(pbk: str, scenario: Scenario) -> None:
    scenario.set({"*": {"DropError": 829}})
    h, _ = ras.Dial(None, pbk, ("Office VPN",), None)
    simctl.drop(h, 720)
    assert ras.GetConnectStatus(h)[:2] == (ras.RASCS_Disconnected, 720)
    h2, _ = ras.Dial(None, pbk, ("Office VPN",), None)
    assert h2 != h
    simctl.drop(h2)
    assert ras.GetConnectStatus(h2)[:2] == (ras.RASCS_Disconnected, 829)


def test_drop_a_dial_in_progress_fails_it(pbk: str, scenario: Scenario) -> None:
    scenario.set({"*": {"StateDelayMs": 600000}})
    first = threading.Event()
    rec = Recorder(on_event=lambda *a: first.set())
    h, rc = ras.Dial(None, pbk, ("Office VPN",), rec)
    assert rc == 0
    assert first.wait(30)
    simctl.drop(h, 800)
    rec.wait()
    assert rec.events[-1][2:4] == (ras.RASCS_OpenPort, 800)
    assert ras.GetConnectStatus(h)[:2] == (ras.RASCS_OpenPort, 800)
    ras.HangUp(h)


@linux_sim_only
def test_private_functions_on_linux(pbk: str) -> None:
    r = ras._ras
    h, _ = ras.Dial(None, pbk, ("Office VPN",), None)
    r._sim_drop(h, error=811)
    assert ras.GetConnectStatus(h)[:2] == (ras.RASCS_Disconnected, 811)
    with pytest.raises(TypeError):
        r._sim_drop("x")
    with pytest.raises(OverflowError):
        r._sim_drop(h, 1 << 40)
    with pytest.raises(ras.InvalidHandleError):
        r._sim_drop(0x7770)
    assert r._sim_dial_log() == simctl.dial_log()
    r._sim_clear_logs()
    assert r._sim_dial_log() == [] and r._sim_hangup_log() == []


def test_dial_log_bound(tmp_path: Path) -> None:
    missing = str(tmp_path / "missing.pbk")
    for _ in range(1030):
        ras.Dial(None, missing, ("X",), None)
    log = simctl.dial_log()
    assert len(log) == 1024
    assert log[-1]["sequence"] - log[0]["sequence"] == 1023
    assert all(r["result"] == 621 for r in log)


def test_fail_count_fails_the_first_dials_only(pbk: str, scenario: Scenario) -> None:
    scenario.set({"Office VPN": {"FailState": "ConnectDevice", "FailError": 800, "FailCount": 2}})
    results = []
    for _ in range(3):
        h, rc = ras.Dial(None, pbk, ("Office VPN",), None)
        results.append(rc)
        ras.HangUp(h)
    assert results == [800, 800, 0]
    assert [r["result"] for r in simctl.dial_log()] == [800, 800, 0]


def test_state_delay_of_one_state(pbk: str, scenario: Scenario) -> None:
    fast = {f"StateDelayMs.{s}": 0 for s in ("OpenPort", "PortOpened", "ConnectDevice")}
    scenario.set({"*": {"StateDelayMs": 600000, **fast}})
    reached = threading.Event()
    rec = Recorder(
        on_event=lambda h, m, state, e, x: state == ras.RASCS_DeviceConnected and reached.set()
    )
    h, _ = ras.Dial(None, pbk, ("Office VPN",), rec)
    assert reached.wait(30), rec.states
    assert ras.GetConnectStatus(h)[0] == ras.RASCS_DeviceConnected
    ras.HangUp(h)
    assert rec.states == [
        ras.RASCS_OpenPort,
        ras.RASCS_PortOpened,
        ras.RASCS_ConnectDevice,
        ras.RASCS_DeviceConnected,
    ]
