"""ras.testing and the pytest plugin: a simulated RAS for a user's own tests."""

from __future__ import annotations

import ipaddress
import os
import threading

import pytest
from support import requires_sim

import ras
import win32ras
from ras.testing import Server, SimulatedRas

pytestmark = requires_sim

SECRET = "testing-Secret-31"


def test_a_block_gets_its_own_phone_book_and_gives_everything_back() -> None:
    before = {k: os.environ.get(k) for k in ("RASSIM_PHONEBOOK", "RASSIM_SCENARIO")}
    with SimulatedRas(["Office VPN", "Lab"]) as sim:
        assert os.path.isfile(sim.phonebook_path)
        assert win32ras.EnumEntries() == ("Office VPN", "Lab")  # the default phone book
        assert sim.phonebook["Lab"].phone_number == "vpn.example.com"
        directory = sim.directory
        conn = ras.dial("Office VPN")
        assert sim.connections() == [conn]
    assert not os.path.exists(directory)
    assert {k: os.environ.get(k) for k in before} == before
    assert ras.connections() == []  # hung up on leaving


def test_entries_may_be_typed() -> None:
    entry = ras.Entry.vpn("vpn.corp.example", strategy=ras.VpnStrategy.IKEV2_ONLY)
    with SimulatedRas({"Corp": entry}) as sim:
        assert sim.phonebook["Corp"].vpn_strategy is ras.VpnStrategy.IKEV2_ONLY


def test_one_at_a_time() -> None:
    with SimulatedRas(), pytest.raises(RuntimeError, match="already running"):
        SimulatedRas().start()
    with SimulatedRas():  # the first one's stop made room
        pass


def test_a_server_that_checks_credentials() -> None:
    server = Server(user="alice", password=SECRET, domain="CORP")
    assert SECRET not in repr(server)
    with SimulatedRas(["Office VPN"], servers={"Office VPN": server}):
        with pytest.raises(ras.AuthenticationError):
            ras.dial("Office VPN", user="alice", password="wrong", domain="CORP")
        with ras.dial("Office VPN", user="alice", password=SECRET, domain="corp") as conn:
            assert conn.is_connected()


def test_a_server_that_fails_at_a_state_with_an_error() -> None:
    server = Server(fail_at=ras.ConnectionState.CONNECT_DEVICE, error=800)
    with SimulatedRas(["Lab"], default_server=server):
        with pytest.raises(ras.UnreachableError) as info:
            ras.dial("Lab")
        assert info.value.state is ras.ConnectionState.CONNECT_DEVICE  # type: ignore[attr-defined]


def test_a_server_with_addresses_and_ikev2() -> None:
    server = Server(ipv4="10.9.8.7", ipv6="fd00:9::7", server_ipv4="198.51.100.1", vpn_type="IKEv2")
    with SimulatedRas(["Lab"], servers={"Lab": server}), ras.dial("Lab") as conn:
        p = conn.projection()
        assert (p.ipv4, p.ipv6) == (
            ipaddress.IPv4Address("10.9.8.7"),
            ipaddress.IPv6Address("fd00:9::7"),
        )
        assert p.type is ras.ProjectionType.IKEV2


def test_a_server_that_drops_the_line() -> None:
    server = Server(drop_after=0.05, drop_error=829)
    with SimulatedRas(["Lab"], servers={"Lab": server}):
        conn = ras.dial("Lab")
        with ras.watch(conn.handle) as watcher:
            events = list(watcher.events(timeout=30))
        assert [e.kind for e in events] == [ras.ConnectionEventKind.DISCONNECTED]
        assert conn.status().error == 829
        conn.hangup()


def test_a_server_that_takes_its_time_and_legacy_code() -> None:
    """win32ras code, unchanged, against a slow server."""
    with SimulatedRas(["Lab"], servers={"Lab": Server(state_delay=0.01)}):
        done = threading.Event()
        states: list[int] = []

        def callback(hras: int, msg: int, state: int, error: int, exterror: int) -> None:
            states.append(state)
            if error or state == win32ras.RASCS_Connected:
                done.set()

        handle, rc = win32ras.Dial(None, None, ("Lab", "", "", "", "", ""), callback)
        assert rc == 0 and done.wait(30)
        assert states[-1] == win32ras.RASCS_Connected and len(states) == 12
        win32ras.HangUp(handle)


def test_servers_can_change_between_dials() -> None:
    with SimulatedRas(["Lab"]) as sim:
        ras.dial("Lab").hangup()
        sim.set_server("Lab", Server(fail_at=ras.ConnectionState.AUTHENTICATE, error=691))
        with pytest.raises(ras.AuthenticationError):
            ras.dial("Lab")
        sim.set_server("Lab", None)
        ras.dial("Lab").hangup()


def test_a_server_refuses_what_the_simulator_cannot_do() -> None:
    with pytest.raises(ValueError):
        Server(error=691)  # no state to fail in
    with pytest.raises(ValueError):
        Server(fail_at=ras.ConnectionState.CONNECTED)
    with pytest.raises(ValueError):
        Server(vpn_type="SSTP")
    with pytest.raises(ValueError):
        Server(ipv4="not an address")


# ---- the pytest plugin's fixtures (we eat our own cooking) ----------------------------


def test_the_ras_sim_fixture(ras_sim: SimulatedRas) -> None:
    ras_sim.add_entry("Office VPN", server=Server(user="alice", password=SECRET))
    with ras.dial("Office VPN", user="alice", password=SECRET) as conn:
        assert conn.is_connected()


def test_the_ras_phonebook_fixture(ras_phonebook: ras.Phonebook) -> None:
    ras_phonebook["Home"] = ras.Entry.vpn("home.example.com")
    assert win32ras.EnumEntries() == ("Home",)


# ---- observing and controlling ---------------------------------------------------------


def test_what_the_code_dialled_without_the_password() -> None:
    with SimulatedRas(["Office VPN"]) as sim:
        handle, rc = win32ras.Dial(
            None, None, ("Office VPN", "", "", "alice", SECRET, "CORP"), None
        )
        assert rc == 0
        win32ras.HangUp(handle)
        with ras.dial("Office VPN", user="bob"):  # no password
            pass
        [first, second] = sim.dials
        assert (first.entry, first.user, first.domain, first.password_given) == (
            "Office VPN",
            "alice",
            "CORP",
            True,
        )
        assert (first.asynchronous, first.resume, first.handle, first.result) == (
            False,
            False,
            handle,
            0,
        )
        assert first.phonebook == sim.phonebook_path
        assert (second.user, second.password_given, second.asynchronous) == ("bob", False, True)
        assert SECRET not in repr(sim.dials) + repr([d.raw for d in sim.dials])
        assert sim.dial_count() == 2 and sim.dial_count("office vpn") == 2
        assert sim.dial_count("Lab") == 0
        hung = [h for h in sim.hangups if h.handle == handle]
        assert hung and hung[0].result == 0 and hung[0].entry == "Office VPN"


def test_each_block_starts_with_empty_logs() -> None:
    with SimulatedRas(["Lab"]) as sim:
        ras.dial("Lab").hangup()
        assert sim.dial_count() == 1
    with SimulatedRas(["Lab"]) as sim:
        assert sim.dials == [] and sim.hangups == []


def test_drop_a_live_connection_now() -> None:
    with SimulatedRas(["Lab", "Home"]) as sim:
        lab = ras.dial("Lab")
        home = ras.dial("Home")
        with ras.watch(lab.handle) as watcher:
            sim.drop("lab", error=829)  # by entry name, any case
            assert [e.kind for e in watcher.events(timeout=30)] == [
                ras.ConnectionEventKind.DISCONNECTED
            ]
        assert lab.status().error == 829 and lab.is_active()  # until hung up
        sim.drop(home)  # a Connection; the scenario's default error
        assert home.status().error == ras.ERROR_DISCONNECTION
        with pytest.raises(ras.error):
            sim.drop("Nope")
        lab.hangup()
        home.hangup()


def test_a_server_that_answers_on_the_third_try() -> None:
    server = Server(fail_at=ras.ConnectionState.CONNECT_DEVICE, error=678, fail_count=2)
    with SimulatedRas(["Lab"], servers={"Lab": server}) as sim:
        for _ in range(2):
            with pytest.raises(ras.LineBusyError):
                ras.dial("Lab")
        ras.dial("Lab").hangup()
        assert [d.result for d in sim.dials] == [0, 0, 0]  # asynchronous: failures come later
        assert sim.dial_count("Lab") == 3


def test_a_server_slow_in_one_state() -> None:
    slow = Server(state_delays={ras.ConnectionState.AUTHENTICATE: 0.2})
    with SimulatedRas(["Lab"], servers={"Lab": slow}):
        seen: dict[str, float] = {}
        with ras.dial("Lab", on_state=lambda p: seen.__setitem__(p.state_name, p.elapsed)):
            pass
        # the simulator waits 0.2 s there (elapsed times are taken as the caller
        # sees each state, so only a lower bound with a margin is certain)
        assert seen["AuthNotify"] - seen["Authenticate"] >= 0.1


def test_the_switch_covers_every_module_and_is_undone() -> None:
    """On Windows: ras, ras._ras and win32ras use ras._ras_sim inside the block
    only.  (Elsewhere ras._ras_sim is ras._ras: nothing to switch.)"""
    from ras import _ras, _ras_sim

    def bound() -> list[object]:
        return [
            win32ras.Dial,
            win32ras.HangUp,
            ras.Dial,
            ras.EnumConnections,
            _ras.Dial,
            _ras.RASDIALEXTENSIONS,
        ]

    before = bound()
    backend = ras.BACKEND
    with SimulatedRas():
        assert bound() == [
            _ras_sim.Dial,
            _ras_sim.HangUp,
            _ras_sim.Dial,
            _ras_sim.EnumConnections,
            _ras_sim.Dial,
            _ras_sim.RASDIALEXTENSIONS,
        ]
        assert ras.BACKEND == "simulated"
        assert ras.error is _ras.error  # every class still derives from the one error
    assert bound() == before and ras.BACKEND == backend


def test_an_eap_server_gives_an_identity() -> None:
    eap = ras.Entry.vpn("vpn.example.com", custom_auth_key=25)
    server = Server(eap_user="CORP\\alice", eap_info=b"\x0a\x0b\x00\xff")
    with SimulatedRas({"Corp EAP": eap}, servers={"Corp EAP": server}):
        ident = win32ras.GetEapUserIdentity(None, "Corp EAP", ras.RASEAPF_NonInteractive, None)
        assert (ident.userName, ident.eapInfo) == ("CORP\\alice", b"\x0a\x0b\x00\xff")


@pytest.mark.ras_sim(
    entries=["Office VPN", "Lab"],
    servers={"Lab": Server(error=800, fail_at=ras.ConnectionState.CONNECT_DEVICE)},
)
def test_the_ras_sim_mark_configures_the_fixture(ras_sim: SimulatedRas) -> None:
    assert win32ras.EnumEntries() == ("Office VPN", "Lab")
    with pytest.raises(ras.UnreachableError):
        ras.dial("Lab")
    ras.dial("Office VPN").hangup()
    assert ras_sim.dial_count() == 2
