"""The automation script's tests: pytest with ras-win32's fixtures, no Windows needed.

`ras_sim` (from ras-win32's pytest plugin) runs a simulated RAS for each
test: a temporary phone book, a scripted server per entry, and what the
script dialled.  The script itself (office_vpn.py) is unchanged win32ras code.
"""

from __future__ import annotations

import office_vpn
import pytest

from ras import ConnectionState
from ras.testing import Server, SimulatedRas

PASSWORD = "example-Password-1"


@pytest.fixture
def office(ras_sim: SimulatedRas) -> SimulatedRas:
    ras_sim.add_entry(
        "Office VPN", server=Server(user="alice", password=PASSWORD, ipv4="10.8.0.20")
    )
    return ras_sim


def test_connect_and_disconnect(office: SimulatedRas) -> None:
    handle = office_vpn.connect("Office VPN", "alice", PASSWORD)
    assert office_vpn.is_up(handle)
    [conn] = office.connections()
    assert conn.handle == handle and str(conn.ipv4()) == "10.8.0.20"
    assert office_vpn.disconnect("office vpn")
    assert office.connections() == []
    assert not office_vpn.disconnect("Office VPN")


def test_a_wrong_password_is_not_retried(office: SimulatedRas) -> None:
    with pytest.raises(office_vpn.VpnError) as info:
        office_vpn.connect("Office VPN", "alice", "wrong", sleep=pytest.fail)
    assert info.value.code == 691
    assert office.connections() == []


def test_a_busy_server_is_retried(office: SimulatedRas) -> None:
    busy = Server(fail_at=ConnectionState.CONNECT_DEVICE, error=678)  # no answer
    office.set_server("Office VPN", busy)
    waits: list[float] = []

    def sleep(seconds: float) -> None:  # the server answers after the first wait
        waits.append(seconds)
        office.set_server("Office VPN", Server(user="alice", password=PASSWORD))

    handle = office_vpn.connect("Office VPN", "alice", PASSWORD, sleep=sleep)
    assert waits == [10.0] and office_vpn.is_up(handle)
    office_vpn.disconnect("Office VPN")


def test_gives_up_after_the_attempts(office: SimulatedRas) -> None:
    office.set_server("Office VPN", Server(fail_at=ConnectionState.CONNECT_DEVICE, error=800))
    waits: list[float] = []
    with pytest.raises(office_vpn.VpnError) as info:
        office_vpn.connect("Office VPN", "alice", PASSWORD, attempts=3, sleep=waits.append)
    assert info.value.code == 800 and len(waits) == 2
    assert office.connections() == []  # every failed handle was hung up


def test_a_dropped_line_is_seen(office: SimulatedRas) -> None:
    handle = office_vpn.connect("Office VPN", "alice", PASSWORD)
    office.drop("Office VPN")
    assert not office_vpn.is_up(handle)
    office_vpn.disconnect("Office VPN")
