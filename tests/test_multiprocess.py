"""Writers in different processes (issue 14): nothing written is lost.

Windows serialises phonebook writes across processes; the simulator locks
every read-modify-write of a phonebook, a credentials store and the AutoDial
store across processes (a lock file beside the store).  Each test starts 2-4
worker processes (sys.executable, so it runs under Wine's Windows CPython
too), lets them go at the same moment and then checks the exact content.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from support import requires_sim

import ras
import simctl

pytestmark = requires_sim

# Each worker: prints "ready", waits for one line on stdin (the start signal,
# so all workers start together), runs its mode, prints "done".
WORKER = """
import sys
import ras

pbk, mode, wid, count = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
print("ready", flush=True)
sys.stdin.readline()
for i in range(count):
    mine = f"W{wid}-{i}"
    if mode == "add":
        ras.SetEntryProperties(pbk, mine, {"localPhoneNumber": f"{wid}.{i}.example"})
    elif mode == "churn":
        # own pre-made entries P<wid>-<i>: even ones renamed, odd ones deleted;
        # one new entry added per step
        old = f"P{wid}-{i}"
        if i % 2 == 0:
            ras.RenameEntry(pbk, old, f"R{wid}-{i}")
        else:
            ras.DeleteEntry(pbk, old)
        ras.SetEntryProperties(pbk, mine, {"localPhoneNumber": f"{wid}.{i}.example"})
    elif mode == "creds":
        # credentials of the shared entries C<i>: each worker its own entries
        entry = f"C{wid}-{i}"
        if i % 2 == 0:
            ras.SetEntryDialParams(pbk, (entry, "", "", f"u{wid}.{i}", f"p{wid}.{i}", ""), False)
        else:
            ras.SetCredentials(pbk, entry, {"userName": f"u{wid}.{i}", "password": f"p{wid}.{i}"})
    elif mode == "autodial":
        ras.SetAutodialAddress(
            f"host{wid}-{i}.example", [{"dialingLocation": wid, "entry": f"A{i % 3}"}]
        )
    else:
        raise SystemExit("bad mode " + mode)
print("done", flush=True)
"""


def run_workers(
    tmp_path: Path, pbk: str, mode: str, workers: int, count: int, env: dict[str, str]
) -> None:
    script = tmp_path / "worker.py"
    script.write_text(textwrap.dedent(WORKER), encoding="utf-8")
    procs = [
        subprocess.Popen(
            [sys.executable, str(script), pbk, mode, str(w), str(count)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for w in range(workers)
    ]
    try:
        for p in procs:
            assert p.stdout is not None
            line = p.stdout.readline()
            assert line == "ready\n", (line, p.stderr.read() if p.stderr else "")
        for p in procs:  # the start signal, as close together as possible
            assert p.stdin is not None
            p.stdin.write("go\n")
            p.stdin.flush()
        for p in procs:
            out, err = p.communicate(timeout=300)
            assert p.returncode == 0, err
            assert out == "done\n", (out, err)
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait()


def child_env(default_pbk: str) -> dict[str, str]:
    env = dict(os.environ)
    env["RASSIM_PHONEBOOK"] = default_pbk
    env.pop("RASSIM_AUTODIAL", None)
    env.pop("RASSIM_SCENARIO", None)
    return env


@pytest.mark.parametrize("workers", [2, 4])
def test_adders_lose_nothing(tmp_path: Path, workers: int) -> None:
    pbk = tmp_path / "shared.pbk"
    pbk.write_bytes(b"")
    count = 100 // workers
    run_workers(tmp_path, str(pbk), "add", workers, count, child_env(str(pbk)))
    names = ras.EnumEntries(None, str(pbk))
    expected = {f"W{w}-{i}" for w in range(workers) for i in range(count)}
    assert len(names) == len(expected), f"{len(names)} of {len(expected)} entries kept"
    assert set(names) == expected
    for w in range(workers):
        e = ras.GetEntryProperties(str(pbk), f"W{w}-{count - 1}")
        assert e["localPhoneNumber"] == f"{w}.{count - 1}.example"


def test_renames_and_deletes_stick(tmp_path: Path) -> None:
    workers, count = 3, 20
    pre = [f"P{w}-{i}" for w in range(workers) for i in range(count)]
    pbk = simctl.write_phonebook(tmp_path / "churn.pbk", ["Keep", *pre])
    run_workers(tmp_path, pbk, "churn", workers, count, child_env(pbk))
    names = ras.EnumEntries(None, pbk)
    expected = {"Keep"}
    for w in range(workers):
        for i in range(count):
            expected.add(f"W{w}-{i}")
            if i % 2 == 0:
                expected.add(f"R{w}-{i}")
    assert sorted(names) == sorted(expected)
    assert len(names) == len(expected)  # no duplicate came back


def test_credentials_lose_nothing(tmp_path: Path) -> None:
    workers, count = 3, 20
    entries = [f"C{w}-{i}" for w in range(workers) for i in range(count)]
    pbk = simctl.write_phonebook(tmp_path / "creds.pbk", entries)
    run_workers(tmp_path, pbk, "creds", workers, count, child_env(pbk))
    for w in range(workers):
        for i in range(count):
            params, have_password = ras.GetEntryDialParams(pbk, f"C{w}-{i}")
            assert params[3] == f"u{w}.{i}", (w, i, params)
            assert have_password is True, (w, i)


def test_autodial_loses_nothing(tmp_path: Path) -> None:
    workers, count = 3, 20
    pbk = simctl.write_phonebook(tmp_path / "default.pbk", ["A0", "A1", "A2"])
    run_workers(tmp_path, pbk, "autodial", workers, count, child_env(pbk))
    # this process's default phonebook is the same file (conftest), so the
    # AutoDial store beside it is the one the workers wrote
    assert os.environ["RASSIM_PHONEBOOK"] == pbk
    addresses = ras.EnumAutodialAddresses()
    expected = {f"host{w}-{i}.example" for w in range(workers) for i in range(count)}
    assert sorted(addresses) == sorted(expected)
    for w in range(workers):
        got = ras.GetAutodialAddress(f"host{w}-{count - 1}.example")
        assert [(e["dialingLocation"], e["entry"]) for e in got] == [(w, f"A{(count - 1) % 3}")]
