"""ras.Connection and ras.connections(): live state, addresses, statistics, hang-up."""

from __future__ import annotations

import asyncio
import contextlib
import datetime
import ipaddress
from collections.abc import Iterator

import pytest
from support import requires_sim

import ras
from ras import _connection
from ras.testing import Server, SimulatedRas

pytestmark = requires_sim


@pytest.fixture
def ikev2(ras_sim: SimulatedRas) -> str:
    """An IKEv2 "Office VPN" and a PPP "Lab" with their addresses (ras.testing)."""
    ras_sim.add_entry(
        "Office VPN",
        server=Server(
            vpn_type="IKEv2",
            ipv4="10.8.0.2",
            server_ipv4="203.0.113.1",
            ipv6="fd00::2",
            server_ipv6="fd00::1",
            server_addresses=("203.0.113.2", "fd00::3"),
        ),
    )
    ras_sim.add_entry("Lab", server=Server(ipv4="10.9.0.5", server_ipv4="198.51.100.7"))
    return ras_sim.phonebook_path


def test_status_and_identity(ikev2: str) -> None:
    with ras.dial("Office VPN", phonebook=ikev2) as conn:
        st = conn.status()
        assert st == ras.ConnectionStatus(
            ras.ConnectionState.CONNECTED, 0, "vpn", "WAN Miniport (IKEv2)"
        )
        assert st.connected and conn.is_connected() and conn.is_active()
        assert repr(conn) == f"<ras.Connection 'Office VPN' handle=0x{conn.handle:x}>"
        again = ras.Connection(conn.handle)
        assert again == conn and hash(again) == hash(conn) and again.entry == ""
        assert again != ras.Connection(conn.handle + 0x100)
    with pytest.raises(ras.InvalidHandleError):
        conn.status()
    assert not conn.is_connected() and not conn.is_active()


def test_projection_ikev2(ikev2: str) -> None:
    with ras.dial("Office VPN", phonebook=ikev2) as conn:
        p = conn.projection()
        assert p.type is ras.ProjectionType.IKEV2
        assert p.ipv4 == ipaddress.IPv4Address("10.8.0.2") == conn.ipv4()
        assert p.ipv6 == ipaddress.IPv6Address("fd00::2") == conn.ipv6()
        assert p.ipv4_server == ipaddress.IPv4Address("203.0.113.1")
        assert p.ipv6_server == ipaddress.IPv6Address("fd00::1")
        assert set(p.server_addresses) == {
            ipaddress.ip_address(a) for a in ("203.0.113.1", "203.0.113.2", "fd00::1", "fd00::3")
        }
        assert p.raw == ras.GetProjectionInfoEx(conn.handle)


def test_projection_ppp_without_ipv6(ikev2: str) -> None:
    with ras.dial("Lab", phonebook=ikev2) as conn:
        p = conn.projection()
        assert p.type is ras.ProjectionType.PPP
        assert conn.ipv4() == ipaddress.IPv4Address("10.9.0.5")
        assert conn.ipv6() is None and p.ipv6_server is None
        assert p.server_addresses == (ipaddress.IPv4Address("198.51.100.7"),)


@contextlib.contextmanager
def replaced(name: str, value: object) -> Iterator[None]:
    """ras._ras.<name> replaced inside the block only.  (Not the monkeypatch
    fixture: under ras_sim on Windows, ras._ras's functions are switched to
    ras._ras_sim's for the test, and monkeypatch, undone after ras_sim's switch
    back, would put the simulated function back into ras._ras for good.)"""
    saved = getattr(_connection._ras, name)
    setattr(_connection._ras, name, value)
    try:
        yield
    finally:
        setattr(_connection._ras, name, saved)


def test_projection_falls_back_to_the_ip_projection(ikev2: str) -> None:
    """Where RasGetProjectionInfoEx is missing (before Windows 7): RASP_PppIp."""

    def missing(handle: int) -> None:
        raise ras.error_for(ras.ERROR_CALL_NOT_IMPLEMENTED, "RasGetProjectionInfoEx")

    with replaced("GetProjectionInfoEx", missing), ras.dial("Lab", phonebook=ikev2) as conn:
        p = conn.projection()
        assert p.type is ras.ProjectionType.PPP and p.ipv6 is None
        assert p.ipv4 == ipaddress.IPv4Address("10.9.0.5")
        assert p.raw == ras.GetProjectionInfo(conn.handle, ras.RASP_PppIp)


def test_statistics(ikev2: str) -> None:
    with ras.dial("Lab", phonebook=ikev2) as conn:
        assert isinstance(conn.statistics(), ras.Statistics)
        assert conn.link_statistics(1).bps == 100000000
        raw = ras.GetConnectionStatistics(conn.handle)
        s = ras.Statistics.from_raw(raw)
        assert (
            s.bytes_sent,
            s.bytes_received,
            s.frames_sent,
            s.frames_received,
            s.crc_errors,
            s.timeout_errors,
            s.alignment_errors,
            s.hardware_overrun_errors,
            s.framing_errors,
            s.buffer_overrun_errors,
            s.compression_ratio_in,
            s.compression_ratio_out,
            s.bps,
        ) == tuple(v for k, v in raw.items() if k != "connectDuration")
        assert s.connect_duration == datetime.timedelta(milliseconds=raw["connectDuration"])
        cleared: list[int] = []
        with replaced("ClearConnectionStatistics", cleared.append):
            conn.clear_statistics()
        assert cleared == [conn.handle]


def test_link_is_a_connection_of_one_link(ikev2: str) -> None:
    with ras.dial("Lab", phonebook=ikev2) as conn:
        link = conn.link(1)
        assert link.handle == ras.GetSubEntryHandle(conn.handle, 1) != conn.handle
        assert link.entry == "Lab"
        with pytest.raises(ras.RasError):
            conn.link(2)


def test_update_moves_the_end_points(ikev2: str) -> None:
    with ras.dial("Office VPN", phonebook=ikev2) as conn:
        conn.update(local=ipaddress.IPv4Address("192.168.7.7"), interface_index=12)
        assert conn.ipv4() == ipaddress.IPv4Address("192.168.7.7")


def test_hangup_twice_is_harmless(ikev2: str) -> None:
    conn = ras.dial("Lab", phonebook=ikev2)
    conn.hangup()
    conn.hangup()
    assert ras.connections() == []


def test_hangup_that_never_ends_raises_after_its_timeout(
    ikev2: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """RAS keeps knowing the handle (stubbed): hangup gives up after `timeout`."""
    conn = ras.dial("Lab", phonebook=ikev2)
    polls = []

    def never(handle: int) -> bool:
        polls.append(handle)
        return False

    monkeypatch.setattr(_connection, "_gone", never)
    with pytest.raises(ras.DialTimeoutError) as info:
        conn.hangup(timeout=0.05)
    assert info.value.args[:2] == (ras.ERROR_TIMEOUT, "RasHangUp")
    assert len(polls) >= 2 and set(polls) == {conn.handle}
    with pytest.raises(ras.DialTimeoutError):
        asyncio.run(conn.ahangup(timeout=0.05))
    monkeypatch.undo()
    assert not conn.is_active()  # RasHangUp itself was called


def test_connections_lists_every_connection(ikev2: str) -> None:
    assert ras.connections() == []
    a = ras.dial("Office VPN", phonebook=ikev2)
    b = ras.dial("Lab", phonebook=ikev2)
    try:
        listed = ras.connections()
        assert sorted(listed, key=lambda c: c.handle) == sorted([a, b], key=lambda c: c.handle)
        assert {c.entry for c in listed} == {"Office VPN", "Lab"}
    finally:
        a.hangup()
        b.hangup()
    assert ras.connections() == []


def test_connection_state_values() -> None:
    assert ras.ConnectionState.CONNECTED == ras.RASCS_Connected
    assert ras.ConnectionState.of(ras.RASCS_Authenticate) is ras.ConnectionState.AUTHENTICATE
    assert ras.ConnectionState.of(0x1FFF) == 0x1FFF  # a state a newer Windows might add
    assert ras.ConnectionState.RETRY_AUTHENTICATION.paused
    assert not ras.ConnectionState.CONNECTED.paused
    names = {n for n in dir(ras) if n.startswith("RASCS_")} - {"RASCS_PAUSED", "RASCS_DONE"}
    assert {getattr(ras, n) for n in names} == {int(s) for s in ras.ConnectionState}


def test_connection_handle_must_be_an_int() -> None:
    with pytest.raises(TypeError):
        ras.Connection("0x10000")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        ras.Connection(True)
