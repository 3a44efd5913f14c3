"""The simulated server consults an RRAS admin policy written in Python
(the scenario's AdminPolicy=, ras.testing.Server(policy=...)): accept, deny,
the address it assigns, the hang-up notifications with the statistics, the
release of assigned addresses, failing policies, many dials at once, and
examples/admin_policy's OfficePolicy dialled end to end."""

from __future__ import annotations

import csv
import datetime
import importlib.util
import ipaddress
import logging
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from support import requires_sim

import ras
import ras.admin
import simctl
import win32ras
from ras import _ras
from ras.admin import _server
from ras.testing import Server, SimulatedRas

pytestmark = requires_sim

ROOT = Path(__file__).resolve().parent.parent
WAIT = 30.0  # seconds: a bound on waits for events, never a sleep
ERROR_REMOTE_DISCONNECTION = 629
ERROR_BAD_USAGE_IN_INI_FILE = 669


class Recorder(ras.admin.Policy):
    """Accepts (or not), records every call, may assign addresses."""

    def __init__(
        self, accept: bool = True, address: str | None = None, address6: str | None = None
    ) -> None:
        self.accept = accept
        self.address = address
        self.address6 = address6
        self.calls: list[tuple[str, Any]] = []
        self.lock = threading.Lock()
        self.ended = threading.Event()
        self.released = threading.Event()
        self.started = self.stopped = 0

    def _record(self, name: str, value: Any) -> None:
        with self.lock:
            self.calls.append((name, value))

    def names(self) -> list[str]:
        with self.lock:
            return [name for name, _ in self.calls]

    def value(self, name: str) -> Any:
        with self.lock:
            (value,) = [v for n, v in self.calls if n == name]
        return value

    def start(self) -> None:
        self.started += 1

    def stop(self) -> None:
        self.stopped += 1

    def accept_connection(self, connection: ras.admin.Connection) -> bool:
        self._record("accept_connection", connection)
        return self.accept

    def accept_link(self, link: ras.admin.Link) -> bool:
        self._record("accept_link", link)
        return True

    def assign_address(self, request: ras.admin.AddressRequest) -> Any:
        self._record("assign_address", request)
        return self.address6 if request.family == 6 else self.address

    def connection_ended(self, connection: ras.admin.Connection) -> None:
        self._record("connection_ended", connection)

    def link_ended(self, link: ras.admin.Link) -> None:
        self._record("link_ended", link)
        self.ended.set()

    def release_address(self, request: ras.admin.AddressRequest) -> None:
        self._record("release_address", request)
        self.released.set()


@pytest.fixture
def states() -> list[ras.ConnectionState]:
    return []


def dial(entry: str, states: list[ras.ConnectionState] | None = None, **kw: Any) -> ras.Connection:
    kw.setdefault("user", "alice")
    kw.setdefault("password", "pw")
    kw.setdefault("domain", "CORP")
    on_state = (lambda p: states.append(p.state)) if states is not None else None
    return ras.dial(entry, timeout=WAIT, on_state=on_state, **kw)


def test_accept_then_link_then_address_after_authentication(
    states: list[ras.ConnectionState],
) -> None:
    policy = Recorder()
    server = Server(user="alice", ipv4="10.0.0.9", server_ipv4="10.0.0.1", policy=policy)
    with SimulatedRas(["Office VPN"], servers={"Office VPN": server}):
        with dial("Office VPN", states) as conn:
            assert policy.names() == ["accept_connection", "accept_link", "assign_address"]
            accepted = policy.value("accept_connection")
            assert (accepted.user, accepted.domain) == ("alice", "CORP")
            assert accepted.is_client and accepted.id == conn.handle
            assert accepted.server_ipv4 == ipaddress.IPv4Address("10.0.0.1")
            assert accepted.client_ipv4 is None  # assigned after the accept, as RRAS does
            assert accepted.projection == ras.ProjectionType.PPP
            link = policy.value("accept_link")
            assert link.condition == ras.admin.PortCondition.AUTHENTICATED
            assert (link.device_type, link.connection_id) == ("vpn", conn.handle)
            request = policy.value("assign_address")
            assert request.family == 4 and request.user == "alice"
            assert request.address == ipaddress.IPv4Address("10.0.0.9")  # the proposal
            assert request.port == link.port_name
            # None keeps the scenario's address
            assert conn.projection().ipv4 == ipaddress.IPv4Address("10.0.0.9")
        assert policy.started == 1
    assert policy.stopped == 1  # SimulatedRas forgot it on leaving
    # the policy was asked in RASCS_AuthNotify, after the credentials
    assert states.index(ras.ConnectionState.AUTH_NOTIFY) > states.index(
        ras.ConnectionState.AUTHENTICATE
    )


def test_bad_credentials_never_reach_the_policy() -> None:
    policy = Recorder()
    server = Server(user="alice", password="right", policy=policy)
    with SimulatedRas(["Office VPN"], servers={"Office VPN": server}):
        with pytest.raises(ras.AuthenticationError):
            dial("Office VPN", password="wrong")
    assert policy.names() == []


def test_a_refused_connection_fails_the_dial_with_629_in_auth_notify(
    states: list[ras.ConnectionState],
) -> None:
    policy = Recorder(accept=False)
    with SimulatedRas(["Office VPN"], default_server=Server(policy=policy)) as sim:
        with pytest.raises(ras.DisconnectedError) as caught:
            dial("Office VPN", states)
        assert caught.value.args[0] == ERROR_REMOTE_DISCONNECTION
        assert caught.value.state == ras.ConnectionState.AUTH_NOTIFY
        assert states[-1] == ras.ConnectionState.AUTH_NOTIFY
        assert sim.connections() == []
    # refused: no link, no address, and no hang-up notification
    assert policy.names() == ["accept_connection"]


def test_pywin32_sees_629_too() -> None:
    with SimulatedRas(["Lab"], default_server=Server(policy=Recorder(accept=False))):
        # synchronous, as pywin32 does it: the handle and RasDial's result
        handle, rc = win32ras.Dial(None, None, ("Lab", "", "", "bob", "pw", ""), None)
        assert rc == ERROR_REMOTE_DISCONNECTION
        assert win32ras.GetConnectStatus(handle)[:2] == (
            win32ras.RASCS_AuthNotify,
            ERROR_REMOTE_DISCONNECTION,
        )
        win32ras.HangUp(handle)


def test_the_policys_address_is_the_clients_projection() -> None:
    policy = Recorder(address="10.20.0.7")
    server = Server(ipv4="10.0.0.9", server_ipv4="10.0.0.1", policy=policy)
    with SimulatedRas(["Office VPN"], servers={"Office VPN": server}):
        with dial("Office VPN") as conn:
            assert conn.projection().ipv4 == ipaddress.IPv4Address("10.20.0.7")  # ...Ex
            ip = _ras.GetProjectionInfo(conn.handle, _ras.RASP_PppIp)  # RasGetProjectionInfo
            assert ip["ipAddress"] == ipaddress.IPv4Address("10.20.0.7")
            assert ip["serverIpAddress"] == ipaddress.IPv4Address("10.0.0.1")
            assert [c.projection().ipv4 for c in ras.connections()] == [
                ipaddress.IPv4Address("10.20.0.7")
            ]
        assert policy.released.wait(WAIT)
    released = policy.value("release_address")
    assert released.address == ipaddress.IPv4Address("10.20.0.7")
    assert released.port == policy.value("accept_link").port_name


@pytest.mark.parametrize("vpn_type", ["PPP", "IKEv2"])
def test_the_policys_ipv6_address(vpn_type: str) -> None:
    """A client with IPv6 (the scenario's Ipv6Address=, RRAS's proposal):
    the server asks for its IPv6 address after the IPv4 one, the policy's
    answer is the client's, and it is released at the end."""
    policy = Recorder(address="10.20.0.7", address6="fd00::9")
    server = Server(ipv4="10.0.0.9", ipv6="fd00::2", vpn_type=vpn_type, policy=policy)
    with SimulatedRas(["Lab"], default_server=server):
        with dial("Lab") as conn:
            asked = [r for n, r in policy.calls if n == "assign_address"]
            assert [(r.family, r.address) for r in asked] == [
                (4, ipaddress.IPv4Address("10.0.0.9")),
                (6, ipaddress.IPv6Address("fd00::2")),
            ]
            mine = ipaddress.IPv6Address("fd00::9")
            if vpn_type == "IKEv2":
                assert conn.projection().ipv6 == mine
            else:  # IPV6CP negotiates the interface identifier: the low 64 bits
                assert conn.projection().raw["interfaceIdentifier"] == mine.packed[8:]
        assert policy.released.wait(WAIT)
    released = [r for n, r in policy.calls if n == "release_address"]
    assert sorted(str(r.address) for r in released) == ["10.20.0.7", "fd00::9"]


def test_no_ipv6_question_without_ipv6() -> None:
    policy = Recorder(address6="fd00::9")
    with SimulatedRas(["Lab"], default_server=Server(policy=policy)):
        with dial("Lab") as conn:
            assert conn.projection().ipv6 is None
    assert [r.family for n, r in policy.calls if n == "assign_address"] == [4]


def test_a_bad_ipv6_answer_denies_and_releases_the_ipv4_address() -> None:
    policy = Recorder(address="10.20.0.7", address6="10.0.0.1")  # IPv4 for an IPv6 request
    with SimulatedRas(["Lab"], default_server=Server(ipv6="fd00::2", policy=policy)):
        with pytest.raises(ras.DisconnectedError) as caught:
            dial("Lab")
        assert caught.value.args[0] == ERROR_REMOTE_DISCONNECTION
    released = [r for n, r in policy.calls if n == "release_address"]
    assert [str(r.address) for r in released] == ["10.20.0.7"]
    assert "connection_ended" not in policy.names()


def test_an_address_without_a_scenario_address() -> None:
    policy = Recorder(address="192.0.2.5")
    with SimulatedRas(["Lab"], default_server=Server(policy=policy)):
        with dial("Lab") as conn:
            assert policy.value("assign_address").address is None  # nothing proposed
            assert conn.projection().ipv4 == ipaddress.IPv4Address("192.0.2.5")


def test_hang_up_tells_the_policy_with_the_servers_statistics() -> None:
    policy = Recorder(address="10.20.0.3")
    # what the client sends, the server receives: rates 1 000 and 1 000 000 B/s
    server = Server(bytes_per_second_out=1000, bytes_per_second_in=1_000_000, policy=policy)
    with SimulatedRas(["Lab"], default_server=server):
        conn = dial("Lab")
        client = conn.statistics()
        conn.hangup()  # returns once the policy has heard of it
        assert policy.names()[-3:] == ["connection_ended", "link_ended", "release_address"]
        ended = policy.value("connection_ended")
        link = policy.value("link_ended")
    stats = ended.statistics
    assert stats.bytes_received >= client.bytes_sent
    assert stats.bytes_sent == 1000 * stats.bytes_received  # the same instant
    assert stats.frames_sent == stats.bytes_sent // 1500
    assert stats.frames_received == stats.bytes_received // 1500
    assert link.statistics == stats and link.duration == ended.duration
    assert ended.duration == stats.bytes_received // 1000  # whole seconds connected
    assert link.condition == ras.admin.PortCondition.DISCONNECTED
    assert link.line_speed == client.bps
    assert ended.client_ipv4 == ipaddress.IPv4Address("10.20.0.3")
    assert policy.value("release_address").address == ended.client_ipv4


def test_no_release_for_an_address_the_policy_did_not_assign() -> None:
    policy = Recorder()
    with SimulatedRas(["Lab"], default_server=Server(ipv4="10.0.0.9", policy=policy)):
        dial("Lab").hangup()
        assert policy.names()[-2:] == ["connection_ended", "link_ended"]
        assert policy.value("connection_ended").client_ipv4 == ipaddress.IPv4Address("10.0.0.9")
    assert "release_address" not in policy.names()


def test_a_drop_reaches_the_policy_once() -> None:
    policy = Recorder(address="10.20.0.4")
    with SimulatedRas(["Lab"], default_server=Server(policy=policy)) as sim:
        conn = dial("Lab")
        sim.drop(conn, error=829)
        assert policy.ended.wait(WAIT) and policy.released.wait(WAIT)
        conn.hangup()  # after the drop: nothing more to tell
    assert policy.names().count("connection_ended") == 1
    assert policy.names().count("release_address") == 1


def test_a_scenario_drop_and_a_reset_reach_the_policy() -> None:
    dropped, kept = Recorder(), Recorder()
    servers = {"Drops": Server(drop_after=0.05, policy=dropped), "Stays": Server(policy=kept)}
    with SimulatedRas(["Drops", "Stays"], servers=servers):
        dial("Drops")
        dial("Stays")
        assert dropped.ended.wait(WAIT)
        assert "connection_ended" not in kept.names()
    # leaving the block reset the simulator: that hung "Stays" up
    assert kept.names()[-2:] == ["connection_ended", "link_ended"]


def test_a_failure_after_the_accept_still_ends_the_connection() -> None:
    policy = Recorder(address="10.20.0.5")
    server = Server(fail_at=ras.ConnectionState.PROJECTED, error=720, policy=policy)
    with SimulatedRas(["Lab"], default_server=server):
        with pytest.raises(ras.RasError):
            dial("Lab")
        assert policy.released.wait(WAIT)
    ended = policy.value("connection_ended")
    assert ended.statistics == ras.admin.Statistics() and ended.duration == 0


class Deciding(Recorder):
    """Accepts once released: a policy still deciding."""

    def __init__(self) -> None:
        super().__init__()
        self.inside = threading.Event()
        self.release = threading.Event()

    def accept_connection(self, connection: ras.admin.Connection) -> bool:
        self.inside.set()
        assert self.release.wait(WAIT)
        return super().accept_connection(connection)


def test_a_hang_up_while_the_policy_decides_waits_for_it() -> None:
    policy = Deciding()
    with SimulatedRas(["Lab"], default_server=Server(policy=policy)):
        handle, rc = win32ras.Dial(None, None, ("Lab", "", "", "bob", "pw", ""), lambda *args: None)
        assert rc == 0 and policy.inside.wait(WAIT)
        hanging = threading.Thread(target=win32ras.HangUp, args=(handle,))
        hanging.start()
        hanging.join(0.2)
        assert hanging.is_alive()  # RasHangUp waits for the policy's answer
        policy.release.set()
        hanging.join(WAIT)
        assert not hanging.is_alive()
        # accepted, then ended before RASCS_Connected: told, with nothing counted
        assert policy.names() == [
            "accept_connection",
            "accept_link",
            "assign_address",
            "connection_ended",
            "link_ended",
        ]
        assert policy.value("connection_ended").statistics == ras.admin.Statistics()


def test_only_a_simulator_with_hooks_runs_a_policy(tmp_path: Path, monkeypatch: Any) -> None:
    """ras._ras itself: off Windows it is the simulated build and consults
    the policy (here one that cannot be loaded: denied, 629); under Wine it
    calls the simulated rasapi32.dll, which has no hooks: the key is a bad
    scenario (669), at once."""
    pbk = simctl.write_phonebook(tmp_path / "hooks.pbk", ["Lab"])
    scen = simctl.write_scenario(
        tmp_path / "hooks.ini", {"Lab": {"AdminPolicy": "no_such_module_anywhere:P"}}
    )
    monkeypatch.setenv("RASSIM_SCENARIO", scen)
    handle, rc = _ras.Dial(None, pbk, ("Lab", "", "", "bob", "pw", ""), None)
    try:
        if simctl.SIM_DLL is not None:  # the DLL behind Windows' own build
            assert (handle, rc) == (0, ERROR_BAD_USAGE_IN_INI_FILE)
        else:
            assert rc == ERROR_REMOTE_DISCONNECTION
    finally:
        if handle:
            _ras.HangUp(handle)


def test_admin_dlls_off_windows_and_a_dll_that_does_not_load(tmp_path: Path) -> None:
    """Server(admin_dlls=...) (AdminDll=): off Windows no DLL can be loaded,
    the key is a bad scenario (669) at once; on Windows a DLL that does not
    load denies the dial (629), as a policy that cannot be imported does,
    and the next dial tries again."""
    missing = tmp_path / "no_such_admin.dll"
    with SimulatedRas(["Lab"], default_server=Server(admin_dlls=[missing])):
        for _ in range(2):
            with pytest.raises(ras.RasError) as caught:
                dial("Lab")
            expected = ERROR_REMOTE_DISCONNECTION if sys.platform == "win32" else 669
            assert caught.value.args[0] == expected


def test_server_admin_dlls_arguments() -> None:
    with pytest.raises(ValueError, match="one of them"):
        Server(admin_dlls=["a.dll"], policy="m:P")
    with pytest.raises(ValueError, match="no DLL path"):
        Server(admin_dlls=["a.dll;b.dll"])
    with pytest.raises(ValueError, match="no DLL path"):
        Server(admin_dlls=[""])
    with pytest.raises(TypeError, match="sequence of paths"):
        Server(admin_dlls="a.dll")


class Raises(ras.admin.Policy):
    def accept_connection(self, connection: ras.admin.Connection) -> bool:
        raise RuntimeError("the policy's database is down")


class AnswersWrong(ras.admin.Policy):
    def accept_connection(self, connection: ras.admin.Connection) -> bool:
        return "yes"  # type: ignore[return-value]


class BadAddress(ras.admin.Policy):
    def assign_address(self, request: ras.admin.AddressRequest) -> Any:
        return "not an address"


@pytest.mark.parametrize(
    ("policy", "logged"),
    [
        (Raises(), "RuntimeError: the policy's database is down"),
        (AnswersWrong(), "accept_connection answered str, not a bool"),
        (BadAddress(), "assign_address: ValueError"),
        ("no_such_module_anywhere:Policy", "ModuleNotFoundError"),
    ],
    ids=["raises", "answers-wrong", "bad-address", "cannot-load"],
)
def test_a_failing_policy_denies(
    policy: Any, logged: str, caplog: pytest.LogCaptureFixture
) -> None:
    with SimulatedRas(["Lab"], default_server=Server(policy=policy)) as sim:
        with caplog.at_level(logging.WARNING, logger="ras.admin"):
            with pytest.raises(ras.DisconnectedError) as caught:
                dial("Lab")
        assert caught.value.args[0] == ERROR_REMOTE_DISCONNECTION
        assert sim.connections() == []
    assert logged in caplog.text


def test_a_policy_spec_is_loaded_once_and_kept(tmp_path: Path, monkeypatch: Any) -> None:
    (tmp_path / "spec_policy.py").write_text(
        "import ras.admin\n"
        "class Counting(ras.admin.Policy):\n"
        "    made = 0\n"
        "    def __init__(self):\n"
        "        type(self).made += 1\n"
        "        self.users = []\n"
        "    def accept_connection(self, c):\n"
        "        self.users.append(c.user)\n"
        "        return c.user != 'mallory'\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    spec = "spec_policy:Counting"
    with SimulatedRas(["A", "B"], default_server=Server(policy=spec)):
        dial("A", user="bob").hangup()
        dial("B", user="carol").hangup()
        with pytest.raises(ras.DisconnectedError):
            dial("A", user="mallory")
        loaded = _server.loaded(spec)
        assert loaded is not None and loaded.users == ["bob", "carol", "mallory"]  # type: ignore[attr-defined]
        assert type(loaded).made == 1  # type: ignore[attr-defined]
    assert _server.loaded(spec) is None


def test_server_refuses_what_is_no_policy() -> None:
    with pytest.raises(TypeError):
        Server(policy=object())  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Server(policy=":Class")
    assert Server(policy="m:C").to_section()["AdminPolicy"] == "m:C"


class Pool(ras.admin.Policy):
    """An address per connection from a pool, given back at release."""

    def __init__(self) -> None:
        self.free = list(ipaddress.ip_network("10.30.0.0/26").hosts())
        self.lock = threading.Lock()
        self.in_use: set[ipaddress.IPv4Address] = set()
        self.most = 0
        self.ended: list[ras.admin.Connection] = []
        self.releases = 0

    def assign_address(self, request: ras.admin.AddressRequest) -> ipaddress.IPv4Address:
        with self.lock:
            address = self.free.pop(0)
            self.in_use.add(address)
            self.most = max(self.most, len(self.in_use))
            return address

    def release_address(self, request: ras.admin.AddressRequest) -> None:
        assert request.address is not None
        with self.lock:
            self.in_use.remove(request.address)  # type: ignore[arg-type]
            self.free.append(request.address)  # type: ignore[arg-type]
            self.releases += 1

    def connection_ended(self, connection: ras.admin.Connection) -> None:
        with self.lock:
            self.ended.append(connection)


def test_32_threads_dial_at_once_through_one_policy() -> None:
    n = 32
    pool = Pool()
    names = [f"VPN {i}" for i in range(n)]
    barrier = threading.Barrier(n)
    conns: list[ras.Connection | None] = [None] * n
    errors: list[BaseException] = []

    def one(i: int) -> None:
        try:
            barrier.wait(WAIT)
            conns[i] = dial(names[i], user=f"user{i}")
        except BaseException as exc:  # reported below
            errors.append(exc)

    with SimulatedRas(names, default_server=Server(policy=pool)):
        threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(WAIT * 2)
        assert errors == [] and all(c is not None for c in conns)
        addresses = {c.projection().ipv4 for c in conns if c is not None}
        assert len(addresses) == n and pool.most == n  # one each, all different
        hangers = [threading.Thread(target=c.hangup) for c in conns if c is not None]
        for t in hangers:
            t.start()
        for t in hangers:
            t.join(WAIT * 2)
        assert pool.releases == n and pool.in_use == set()
        assert sorted(c.user for c in pool.ended) == sorted(f"user{i}" for i in range(n))
        assert {c.client_ipv4 for c in pool.ended} == addresses


# ---- examples/admin_policy's OfficePolicy, dialled ---------------------------------


@pytest.fixture
def office() -> Iterator[Any]:
    """The example's module, by its path (test_admin.py writes an
    ``office_policy`` module of its own)."""
    path = ROOT / "examples" / "admin_policy" / "office_policy.py"
    spec = importlib.util.spec_from_file_location("example_office_policy", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.modules.pop(spec.name, None)


def test_office_policy_end_to_end(office: Any, tmp_path: Path) -> None:
    now = [datetime.datetime(2026, 11, 30, 12, 0)]  # a Monday, noon
    accounting = tmp_path / "accounting.csv"
    policy = office.OfficePolicy(
        accounting=str(accounting),
        pool=ipaddress.ip_network("10.20.0.0/29"),
        clock=lambda: now[0],
    )
    server = Server(bytes_per_second_out=2000, policy=policy)
    with SimulatedRas(["Office VPN"], default_server=server):
        with dial("Office VPN", user="alice", domain="CORP") as conn:
            assert conn.projection().ipv4 == ipaddress.IPv4Address("10.20.0.1")
        now[0] = datetime.datetime(2026, 11, 29, 23, 30)  # Sunday night
        with pytest.raises(ras.DisconnectedError) as caught:
            dial("Office VPN", user="alice")
        assert caught.value.args[0] == ERROR_REMOTE_DISCONNECTION
        with dial("Office VPN", user="HelpDesk") as conn:  # always
            assert conn.projection().ipv4 == ipaddress.IPv4Address("10.20.0.1")  # given back
    with open(accounting, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [(r["user"], r["domain"], r["address"]) for r in rows] == [
        ("alice", "CORP", "10.20.0.1"),
        ("HelpDesk", "CORP", "10.20.0.1"),
    ]
    assert all(int(r["bytes_received"]) >= 0 and int(r["seconds"]) >= 0 for r in rows)


# ---- interpreter exit -------------------------------------------------------------

EXIT_SCRIPT = """
import sys, threading, time
import ras, ras.admin
from ras.testing import Server, SimulatedRas

mode = sys.argv[1]
inside = threading.Event()

class Slow(ras.admin.Policy):
    def accept_connection(self, connection):
        inside.set()
        time.sleep(0.3)  # still deciding when the main thread exits
        return True
    def connection_ended(self, connection):
        print("ended", connection.user, flush=True)

sim = SimulatedRas(["Lab", "Up"], default_server=Server(policy=Slow())).start()
if mode == "connected":
    ras.dial("Up", user="carol", password="pw")  # left up at exit
# asynchronous: the policy runs on RAS's (the simulator's) thread, and no Python
# thread is left unjoined at exit (ThreadSanitizer reports one as a leak)
h, rc = ras.Dial(None, None, ("Lab", "", "", "u", "pw", ""), lambda *args: None)
assert rc == 0, rc
inside.wait(30)
print("exiting", flush=True)
"""


@pytest.mark.parametrize("mode", ["dialling", "connected"])
def test_exit_with_a_policy_call_in_flight(tmp_path: Path, mode: str) -> None:
    """The atexit gate waits for the policy's running call, later calls
    touch no Python: the process exits cleanly."""
    script = tmp_path / "exit_policy.py"
    script.write_text(EXIT_SCRIPT, encoding="utf-8")
    env = dict(os.environ, TMPDIR=str(tmp_path), TEMP=str(tmp_path), TMP=str(tmp_path))
    out = subprocess.run(
        [sys.executable, str(script), mode],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout.splitlines()[-1] == "exiting"  # nothing after the gate closed
    assert "Fatal" not in out.stderr and "Traceback" not in out.stderr, out.stderr
