"""The policy's own tests, through ras.admin's host: the calls the admin DLL
makes, with the values RRAS passes (as the DLL decodes them); and dialled
end to end through the simulated server (``ras_sim``, ras-win32's pytest
plugin), which consults it as RRAS would."""

from __future__ import annotations

import csv
import datetime
import ipaddress
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import office_policy

import ras
from ras.admin import host
from ras.testing import Server, SimulatedRas

MONDAY_NOON = datetime.datetime(2026, 11, 30, 12, 0)
SUNDAY_NIGHT = datetime.datetime(2026, 11, 29, 23, 30)


def connection(user: str, **more: Any) -> dict[str, Any]:
    raw: dict[str, Any] = {
        "connection_id": 0x10,
        "interface_type": 0,  # a remote access client
        "user": user,
        "domain": "CORP",
        "duration_seconds": 3600,
        "ipv4_remote_address": "10.20.0.1",
        "stats": {"bytes_sent": 1_000_000, "bytes_received": 25_000_000},
    }
    return {**raw, **more}


class Clock:
    def __init__(self, now: datetime.datetime) -> None:
        self.now = now

    def __call__(self) -> datetime.datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock(MONDAY_NOON)


@pytest.fixture
def policy(tmp_path: Path, clock: Clock) -> Iterator[office_policy.OfficePolicy]:
    chosen = office_policy.OfficePolicy(
        accounting=str(tmp_path / "accounting.csv"),
        pool=ipaddress.ip_network("10.20.0.0/29"),
        clock=clock,
    )
    office_policy.test_instance = chosen  # type: ignore[attr-defined]
    host.load("office_policy:test_instance")
    yield chosen
    host.unload()


def test_office_hours(policy: office_policy.OfficePolicy, clock: Clock) -> None:
    assert host.call("accept_connection", connection("alice")) == (True, True)
    clock.now = SUNDAY_NIGHT
    assert host.call("accept_connection", connection("alice")) == (True, False)
    assert host.call("accept_connection", connection("HelpDesk")) == (True, True)
    router = connection("branch-office", interface_type=2)  # a demand-dial router
    assert host.call("accept_connection", router) == (True, True)
    assert host.call("accept_reauthentication", connection("alice")) == (True, False)


def test_address_pool(policy: office_policy.OfficePolicy) -> None:
    def ask(port: str) -> Any:
        ok, answer = host.call("assign_address", {"family": 4, "user": "u", "port": port})
        assert ok
        return answer

    def address(answer: dict[str, int]) -> ipaddress.IPv4Address:
        return ipaddress.IPv4Address(answer["ipv4"].to_bytes(4, "little"))

    got = [address(ask(f"VPN2-{i}")) for i in range(6)]  # a /29 has 6 hosts
    assert got == [ipaddress.IPv4Address(f"10.20.0.{i}") for i in range(1, 7)]
    assert ask("VPN2-6") is None  # used up: RRAS's own address
    release = {"family": 4, "user": "u", "port": "VPN2-2", "ipv4": 0}
    assert host.call("release_address", release) == (True, None)
    assert address(ask("VPN2-7")) == ipaddress.IPv4Address("10.20.0.3")
    assert host.call("assign_address", {"family": 6, "user": "u", "port": "x"}) == (True, None)


def test_accounting(policy: office_policy.OfficePolicy, tmp_path: Path) -> None:
    for user in ("alice", "bob"):
        assert host.call("connection_ended", connection(user)) == (True, None)
    with open(tmp_path / "accounting.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert rows[0] == office_policy.COLUMNS
    assert rows[1] == [
        "2026-11-30T12:00:00",
        "alice",
        "CORP",
        "3600",
        "1000000",
        "25000000",
        "10.20.0.1",
    ]
    assert [r[1] for r in rows[1:]] == ["alice", "bob"]


def test_many_threads_at_once(policy: office_policy.OfficePolicy, tmp_path: Path) -> None:
    def worker(i: int) -> None:
        for j in range(50):
            host.call("assign_address", {"family": 4, "user": "u", "port": f"P{i}-{j}"})
            host.call("release_address", {"family": 4, "user": "u", "port": f"P{i}-{j}"})
            host.call("connection_ended", connection(f"user{i}"))

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(policy.free) == 6 and policy.assigned == {}  # every address came back
    with open(tmp_path / "accounting.csv", newline="", encoding="utf-8") as f:
        assert len(list(csv.reader(f))) == 1 + 16 * 50  # no row lost or torn


def test_dialled_end_to_end(ras_sim: SimulatedRas, tmp_path: Path, clock: Clock) -> None:
    """A client dials a simulated server that consults the policy: office
    hours decide, the pool's address is the client's, the hang-up is
    accounted for with the connection's statistics."""
    chosen = office_policy.OfficePolicy(
        accounting=str(tmp_path / "dialled.csv"),
        pool=ipaddress.ip_network("10.20.0.0/29"),
        clock=clock,
    )
    ras_sim.add_entry("Office VPN", server=Server(policy=chosen))
    with ras.dial("Office VPN", user="alice", password="pw", domain="CORP") as conn:
        assert conn.projection().ipv4 == ipaddress.IPv4Address("10.20.0.1")
    clock.now = SUNDAY_NIGHT
    with pytest.raises(ras.DisconnectedError) as refused:
        ras.dial("Office VPN", user="alice", password="pw")
    assert refused.value.args[0] == 629  # the server hung up after authentication
    with ras.dial("Office VPN", user="helpdesk", password="pw", domain="CORP"):
        pass
    with open(tmp_path / "dialled.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [(r["user"], r["address"]) for r in rows] == [
        ("alice", "10.20.0.1"),
        ("helpdesk", "10.20.0.1"),  # given back, given again
    ]
