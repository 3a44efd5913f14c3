"""The admin DLL hosting this Windows CPython (src/admin/pyhost.c), under Wine.

Windows only, and only where tools/wintest.py says where the Windows build is
(``RAS_WINTEST_BUILD``: build/win, with rrashost.exe and rasadmin_test.dll).
Each test writes a policy module and the DLL's ``.ini`` (``[policy] module =
python``, ``home = sys.base_prefix``: the interpreter running the test), runs
the simulated RRAS host (src/admin/rrashost.c, ``--dllpath``: no registry, so
the interpreters' runs may share one Wine prefix) and reads its JSON lines and
the policy's log file.  The test DLL skips the permission check
(``[test] skip_permissions = 1``: under Wine every file belongs to the user
running Wine); the shipped DLL, from the installed wheel, must refuse.
"""

from __future__ import annotations

import ipaddress
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

import ras
from ras.testing import Server, SimulatedRas

pytestmark = pytest.mark.skipif(
    sys.platform != "win32" or not os.environ.get("RAS_WINTEST_BUILD"),
    reason="the admin DLL runs on Windows (tools/wintest.py sets RAS_WINTEST_BUILD)",
)

Event = dict[str, Any]
# Wine's scheduling beside the other work of a 2-core machine: the allowance
# over a configured timeout for one call (never a sleep).
SLACK_MS = 2500

POLICIES = '''
import ipaddress
import logging
import threading
import time

import ras.admin

log = logging.getLogger("testpolicy")


class Decide(ras.admin.Policy):
    """By the user name's prefix: deny, raise, wrong (a str), slow (sleeps
    SLOW seconds), stuck (sleeps STUCK seconds); static* get fixed addresses,
    no6* a fixed IPv4 address and an exception for IPv6."""

    SLOW = 1.5
    STUCK = 8.0

    def _decide(self, user):
        if user.startswith("deny"):
            return False
        if user.startswith("raise"):
            raise RuntimeError("policy exploded for " + user)
        if user.startswith("wrong"):
            return "yes"
        if user.startswith("slow"):
            time.sleep(self.SLOW)
        if user.startswith("stuck"):
            time.sleep(self.STUCK)
        return True

    def accept_connection(self, connection):
        return self._decide(connection.user)

    def accept_link(self, link):
        return True

    def assign_address(self, request):
        if request.user.startswith("no6") and request.family == 6:
            raise RuntimeError("no IPv6 address for " + request.user)
        if not request.user.startswith(("static", "no6")):
            return None
        if request.family == 4:
            return ipaddress.IPv4Address("198.51.100.9")
        return ipaddress.IPv6Address("2001:db8::9")

    def release_address(self, request):
        log.info("released %s %s %s", request.family, request.user, request.address)

    def connection_ended(self, connection):
        s = connection.statistics
        log.info(
            "ended %s sent=%d received=%d seconds=%d client=%s",
            connection.user, s.bytes_sent, s.bytes_received, connection.duration,
            connection.client_ipv4,
        )


class Counting(ras.admin.Policy):
    """Accepts after HOLD seconds; counts the threads inside at once (logged
    at stop)."""

    HOLD = 0.05

    def __init__(self):
        self.lock = threading.Lock()
        self.inside = 0
        self.most = 0
        self.calls = 0

    def accept_connection(self, connection):
        with self.lock:
            self.inside += 1
            self.calls += 1
            self.most = max(self.most, self.inside)
        time.sleep(self.HOLD)
        with self.lock:
            self.inside -= 1
        return True

    def stop(self):
        log.info("counting: calls=%d most=%d", self.calls, self.most)


class Held(Counting):
    """Counting, each call held long enough for all 32 to be inside at once
    while Wine starts the host's threads beside other work."""

    HOLD = 0.5


class Quick(ras.admin.Policy):
    def accept_connection(self, connection):
        return True

    def assign_address(self, request):
        return None


class BadStart(ras.admin.Policy):
    def start(self):
        raise ValueError("no database")
'''

OFFICE = '''
import datetime

import office_policy


class FixedOffice(office_policy.OfficePolicy):
    """OfficePolicy on a fixed clock (a Monday, 10:00), its CSV in ACCOUNTING."""

    def __init__(self):
        super().__init__(
            accounting=ACCOUNTING,
            clock=lambda: datetime.datetime(2026, 11, 30, 10, 0),
        )


class ClosedOffice(office_policy.OfficePolicy):
    """The same on a Saturday."""

    def __init__(self):
        super().__init__(
            accounting=ACCOUNTING,
            clock=lambda: datetime.datetime(2026, 11, 28, 10, 0),
        )
'''


def _build() -> Path:
    return Path(os.environ["RAS_WINTEST_BUILD"])


class Host:
    """One DLL (a copy, its .ini beside it), the policy folder, rrashost.exe."""

    def __init__(self, tmp: Path, source: Path) -> None:
        self.tmp = tmp
        self.policies = tmp / "policies"
        self.policies.mkdir(exist_ok=True)
        (self.policies / "testpolicies.py").write_text(POLICIES, encoding="utf-8")
        self.dll = tmp / "pyadmin.dll"
        shutil.copyfile(source, self.dll)
        self.log_file = tmp / "policy.log"

    def configure(
        self,
        policy: str,
        *,
        timeout_ms: int = 3000,
        extra_path: str = "",
        skip_permissions: bool = True,
        **policy_keys: object,
    ) -> None:
        path = str(self.policies) + (";" + extra_path if extra_path else "")
        lines = [
            "[policy]",
            "module = python",
            f"timeout_ms = {timeout_ms}",
            *(f"{k} = {v}" for k, v in policy_keys.items()),
            "[python]",
            f"policy = {policy}",
            f"home = {sys.base_prefix}",
            f"path = {path}",
            f"log_file = {self.log_file}",
            "log_level = INFO",
        ]
        if skip_permissions:
            lines += ["[test]", "skip_permissions = 1"]
        # UTF-16 with a BOM: GetPrivateProfileStringW reads any path from it
        self.dll.with_suffix(".ini").write_text("\n".join(lines) + "\n", encoding="utf-16")

    def run(
        self,
        *args: str,
        scenario: str | None = None,
        timeout: float = 120,
        dllpath: str | None = None,
    ) -> tuple[int, list[Event], float]:
        dlls = dllpath if dllpath is not None else str(self.dll)
        cmd = [str(_build() / "rrashost.exe"), "--dllpath", dlls, *args]
        if scenario is not None:
            sc = self.tmp / "scenario.txt"
            sc.write_text(scenario, encoding="ascii")
            cmd += ["--scenario", str(sc)]
        t0 = time.monotonic()
        proc = subprocess.run(
            cmd,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        elapsed = time.monotonic() - t0
        events = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
        return proc.returncode, events, elapsed

    def log_lines(self) -> list[str]:
        if not self.log_file.exists():
            return []
        return self.log_file.read_text(encoding="utf-8").splitlines()


def of(events: list[Event], kind: str, **match: object) -> list[Event]:
    return [
        e for e in events if e["event"] == kind and all(e.get(k) == v for k, v in match.items())
    ]


def one(events: list[Event], kind: str, **match: object) -> Event:
    found = of(events, kind, **match)
    assert len(found) == 1, (kind, match, found, events)
    return found[0]


def messages(events: list[Event]) -> list[str]:
    return [e["message"] for e in of(events, "log")]


@pytest.fixture
def host(tmp_path: Path) -> Host:
    return Host(tmp_path, _build() / "rasadmin_test.dll")


def test_admin_dll_decisions(host: Host) -> None:
    """accept, deny, a raising policy, a wrong answer type, a slow policy:
    the failures get the default (deny) and are logged with the reason."""
    host.configure("testpolicies:Decide", timeout_ms=700)
    rc, ev, _ = host.run("--threads", "5", scenario="alice\ndenyme\nraiser\nwrongtype\nslowpoke\n")
    assert rc == 0, ev
    init = one(ev, "initialized")
    assert init["rc"] == 0, messages(ev)
    decided = {e["user"]: e["accepted"] for e in of(ev, "connection")}
    assert decided == {
        "alice": True,
        "denyme": False,
        "raiser": False,
        "wrongtype": False,
        "slowpoke": False,
    }
    slow = one(ev, "connection", user="slowpoke")
    assert slow["ms"] < 700 + SLACK_MS, slow
    logged = messages(ev)
    assert any("policy exploded for raiser" in m for m in logged), logged
    assert any("accept_connection answered str, not a bool" in m for m in logged), logged
    assert any("did not answer in time" in m and "slowpoke" in m for m in logged), logged
    stats = one(ev, "stats", when="run")
    assert stats["failures"] == 2 and stats["timeouts"] == 1, stats
    assert any("python: interpreter finalized" in m for m in logged), logged
    # the traceback of the raising policy went to the policy's log file
    text = "\n".join(host.log_lines())
    assert "RuntimeError: policy exploded for raiser" in text


def test_admin_dll_addresses_and_hangup_statistics(host: Host) -> None:
    """assign_address (IPv4 and IPv6), release_address, and the hang-up's
    statistics reach the policy."""
    host.configure("testpolicies:Decide")
    rc, ev, _ = host.run(
        "--threads", "2", scenario="staticuser ipv4=10.0.0.5 ipv6=1 bytes=12345\nplain bytes=77\n"
    )
    assert rc == 0, messages(ev)
    v4 = one(ev, "address", user="staticuser", family=4)
    v6 = one(ev, "address", user="staticuser", family=6)
    assert v4["assigned"] == "198.51.100.9" and v4["notify_release"] is True, v4
    assert v6["assigned"].lower().startswith("2001:db8:"), v6
    plain = one(ev, "address", user="plain", family=4)
    assert plain["notify_release"] is False, plain
    lines = host.log_lines()
    assert any("released 4 staticuser 198.51.100.9" in line for line in lines), lines
    assert any("released 6 staticuser 2001:db8::9" in line for line in lines), lines
    ended = [line for line in lines if "ended staticuser" in line]
    assert len(ended) == 1 and "sent=12345" in ended[0], lines
    hang = one(ev, "hangup", user="staticuser")
    assert f"received={hang['bytes_received']}" in ended[0], (hang, ended)
    assert any("ended plain sent=77" in line for line in lines), lines


def test_admin_dll_32_threads(host: Host) -> None:
    """32 RRAS threads call at once: every call answered, several inside
    Python at once (the GIL is released while a policy sleeps)."""
    host.configure("testpolicies:Counting", timeout_ms=10000, workers=32)
    rc, ev, _ = host.run("--threads", "32", "--repeat", "64", scenario="bob\n")
    assert rc == 0, messages(ev)
    s = one(ev, "summary")
    assert s["accepted"] == 64 and s["denied"] == 0, s
    assert s["max_concurrent_calls"] == 32, s
    stats = one(ev, "stats", when="run")
    assert stats["timeouts"] == 0 and stats["answered"] == stats["calls"], stats
    counting = [line for line in host.log_lines() if "counting:" in line]
    assert len(counting) == 1 and "calls=64" in counting[0], counting
    most = int(counting[0].rsplit("most=", 1)[1])
    assert most >= 8, counting  # sleeping policies overlap


def test_admin_dll_many_calls_no_growth(host: Host) -> None:
    """100 000 Python callbacks: no handle or memory growth (rrashost --measure:
    open handles counted, committed private bytes)."""
    host.configure("testpolicies:Quick", timeout_ms=10000)
    rc, ev, elapsed = host.run(
        "--threads",
        "16",
        "--repeat",
        "20000",  # x 5 callbacks (address, accept, link, link and connection hang-ups)
        "--quiet",
        "--measure",
        scenario="bob ipv4=10.0.0.2\n",
        timeout=600,
    )
    assert rc == 0, messages(ev)
    before = one(ev, "resources", when="before")
    after = one(ev, "resources", when="after")
    stats = one(ev, "stats", when="run")
    assert stats["calls"] >= 110000 and stats["failures"] == 0, stats
    assert 0 < before["handles_scanned"] >= after["handles_scanned"], (before, after)
    grown = after["commit_bytes"] - before["commit_bytes"]
    print(
        f"admin DLL + CPython {sys.version_info[:2]}: {stats['calls']} calls in {elapsed:.1f} s,"
        f" handles {before['handles_scanned']} -> {after['handles_scanned']},"
        f" committed bytes {grown:+d}"
    )
    assert before["commit_bytes"] > 0 and grown < 2 * 1024 * 1024, (before, after)


def test_admin_dll_terminate_with_calls_in_flight(host: Host) -> None:
    """terminate while 32 calls are inside Python: it waits for them, unloads
    the policy and finalizes the interpreter.  The host lets the other 32
    connections go once the DLL refuses new calls: each gets the default."""
    host.configure("testpolicies:Held", timeout_ms=5000, workers=32)
    rc, ev, _ = host.run(
        "--threads", "32", "--repeat", "64", "--terminate-during", scenario="bob\n"
    )
    assert rc == 0, messages(ev)
    t = one(ev, "terminated", during_run=True)
    assert t["dll_in_flight_at_start"] == 32 and t["dll_in_flight_after"] == 0, t
    s = one(ev, "summary")
    assert s["accepted"] == 32 and s["denied"] == 32, s
    stats = one(ev, "stats", when="run")
    assert stats["refused_closed"] >= 32 and stats["accepting"] == 0, stats
    logged = messages(ev)
    assert any("python: interpreter finalized" in m for m in logged), logged
    assert any("counting: calls=32" in line for line in host.log_lines())


def test_admin_dll_terminate_stuck(host: Host) -> None:
    """A policy stuck past terminate's wait: the interpreter is left running
    (never finalized under a worker), terminate returns, the host exits."""
    host.configure("testpolicies:Decide", timeout_ms=500, workers=4)
    rc, ev, _ = host.run(
        "--threads", "4", "--repeat", "4", "--terminate-during", scenario="stuckuser\n"
    )
    assert rc == 0, messages(ev)
    t = one(ev, "terminated", during_run=True)
    assert t["ms"] < 500 + 1000 + SLACK_MS, t
    stats = one(ev, "stats", when="run")
    assert stats["workers_stuck"] >= 1, stats
    logged = messages(ev)
    assert any("workers still inside policy python" in m for m in logged), logged
    assert not any("interpreter finalized" in m for m in logged), logged


def test_admin_dll_policy_that_fails_to_load(host: Host) -> None:
    """start() raising, or a missing module: initialize fails, saying why."""
    host.configure("testpolicies:BadStart")
    rc, ev, _ = host.run(scenario="alice\n")
    assert rc == 4 and one(ev, "initialized")["rc"] != 0, ev
    assert any("ValueError: no database" in m for m in messages(ev)), messages(ev)
    host.configure("no_such_module_here")
    rc, ev, _ = host.run(scenario="alice\n")
    assert rc == 4, ev
    assert any("ModuleNotFoundError" in m for m in messages(ev)), messages(ev)


def test_two_python_dlls_in_one_process(host: Host) -> None:
    """Two copies of the DLL in DLLPath, each naming a policy: the second
    finds the interpreter the first started, which holds one policy, so its
    initialize fails saying so (RRAS does not start) instead of replacing
    the first's policy."""
    host.configure("testpolicies:Decide")
    second = host.tmp / "pyadmin2.dll"
    shutil.copyfile(host.dll, second)
    shutil.copyfile(host.dll.with_suffix(".ini"), second.with_suffix(".ini"))
    rc, ev, _ = host.run(scenario="alice\n", dllpath=f"{host.dll};{second}")
    assert rc == 4, messages(ev)
    assert [e["rc"] == 0 for e in of(ev, "initialized")] == [True, False], ev
    assert any("a policy is loaded already" in m for m in messages(ev)), messages(ev)


def test_simulated_server_dials_through_the_admin_dll(host: Host) -> None:
    """The simulated rasapi32 plays RRAS (AdminDll=): it loads the admin DLL
    with RRAS's checks, initializes it, and asks it about each connection
    that dials in.  The DLL hosts the policy in this very interpreter (it
    borrows a running CPython): accepted with the policy's address in the
    client's projection, denied as 629, the hang-up with the server's
    statistics and the address's release; reset terminates the DLL."""
    host.configure("testpolicies:Decide")
    server = Server(
        admin_dlls=[host.dll],
        ipv4="10.0.0.7",
        ipv6="fd00::7",
        vpn_type="IKEv2",
        bytes_per_second_out=1000,
    )
    with SimulatedRas(["Office VPN"], default_server=server):
        with ras.dial("Office VPN", user="staticuser", password="pw", timeout=60) as conn:
            assert conn.projection().ipv4 == ipaddress.IPv4Address("198.51.100.9")
            assert conn.projection().ipv6 == ipaddress.IPv6Address("2001:db8::9")
        # RasHangUp returned after the hang-up notifications and the release
        with ras.dial("Office VPN", user="plain", password="pw", timeout=60) as conn:
            assert conn.projection().ipv4 == ipaddress.IPv4Address("10.0.0.7")
            assert conn.projection().ipv6 == ipaddress.IPv6Address("fd00::7")
        with pytest.raises(ras.RasError) as caught:
            ras.dial("Office VPN", user="denyme", password="pw", timeout=60)
        assert caught.value.args[0] == 629
        lines = host.log_lines()
        assert any("ended staticuser" in x and "client=198.51.100.9" in x for x in lines), lines
        assert any("released 4 staticuser 198.51.100.9" in x for x in lines), lines
        assert any("released 6 staticuser 2001:db8::9" in x for x in lines), lines
        assert any("ended plain" in x and "client=10.0.0.7" in x for x in lines), lines
        assert not any("ended denyme" in x for x in lines), lines
    # leaving the block reset the simulator: MprAdminTerminateDll unloaded
    # the policy (the interpreter is this process's: not finalized)
    assert ras.admin.host.loaded() is None


def test_simulated_server_releases_ipv4_when_the_dlls_ipv6_fails(host: Host) -> None:
    """The DLL's IPv4 answer stands, its IPv6 call fails (the policy raised and
    address_default = refuse): the simulated server denies the connection and
    gives the IPv4 address back through the DLL (its release call), never
    telling of a hang-up of a connection that was not made."""
    host.configure("testpolicies:Decide", address_default="refuse")
    server = Server(admin_dlls=[host.dll], ipv4="10.0.0.7", ipv6="fd00::7")
    with SimulatedRas(["Lab"], default_server=server):
        with pytest.raises(ras.DisconnectedError) as caught:
            ras.dial("Lab", user="no6user", password="pw", timeout=60)
        assert caught.value.args[0] == 629  # ERROR_REMOTE_DISCONNECTION, as for a denial
        lines = host.log_lines()
        assert any("no IPv6 address for no6user" in x for x in lines), lines
        released = [x for x in lines if "released" in x]
        assert len(released) == 1 and "released 4 no6user 198.51.100.9" in released[0], lines
        assert not any("ended no6user" in x for x in lines), lines


def test_simulated_server_refuses_a_dll_as_rras_does(host: Host, tmp_path: Path) -> None:
    """A DLL whose initialize fails, or one lacking the contract's exports
    (kernel32.dll: RRAS refuses it and does not start): each dial is
    denied, 629, and a set that failed to load is tried again at the next
    dial (the DLL's log says so each time)."""
    host.configure("no_such_module_here")  # initialize fails
    kernel32 = Path(os.environ.get("SystemRoot", r"C:\windows"), "System32", "kernel32.dll")
    for dlls in ([host.dll], [kernel32]):
        with SimulatedRas(["Lab"], default_server=Server(admin_dlls=dlls)):
            for _ in range(2):
                with pytest.raises(ras.RasError) as caught:
                    ras.dial("Lab", user="alice", password="pw", timeout=60)
                assert caught.value.args[0] == 629


def test_admin_dll_office_policy_end_to_end(host: Host, tmp_path: Path) -> None:
    """examples/admin_policy's OfficePolicy: office hours, the address pool,
    the accounting CSV."""
    examples = Path(__file__).resolve().parents[1] / "examples" / "admin_policy"
    assert (examples / "office_policy.py").is_file(), examples
    csv_file = tmp_path / "accounting.csv"
    (host.policies / "office_e2e.py").write_text(
        f"ACCOUNTING = {str(csv_file)!r}\n" + OFFICE, encoding="utf-8"
    )
    host.configure("office_e2e:FixedOffice", extra_path=str(examples))
    rc, ev, _ = host.run(
        "--threads",
        "1",
        scenario="alice ipv4=10.0.0.99 bytes=1000\nbob ipv4=10.0.0.98 bytes=2000\n",
    )
    assert rc == 0, messages(ev)
    assert {e["user"]: e["accepted"] for e in of(ev, "connection")} == {"alice": True, "bob": True}
    # one thread: alice's address is released (back to the pool) before bob
    # connects, so bob gets the lowest free one again
    addresses = of(ev, "address", family=4)
    assert [(e["user"], e["assigned"]) for e in addresses] == [
        ("alice", "10.20.0.1"),
        ("bob", "10.20.0.1"),
    ], addresses
    assert all(e["notify_release"] for e in addresses), addresses
    rows = csv_file.read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("ended,user,domain,seconds,bytes_sent"), rows
    users = {row.split(",")[1]: row.split(",") for row in rows[1:]}
    assert set(users) == {"alice", "bob"} and users["alice"][4] == "1000", rows
    # on a Saturday only the administrators connect
    host.configure("office_e2e:ClosedOffice", extra_path=str(examples))
    rc, ev, _ = host.run("--threads", "1", scenario="alice\nadministrator\n")
    assert rc == 0, messages(ev)
    decided = {e["user"]: e["accepted"] for e in of(ev, "connection")}
    assert decided == {"alice": False, "administrator": True}


def test_admin_dll_shipped_refuses_under_wine(tmp_path: Path) -> None:
    """The DLL as shipped (the installed wheel's ras/admin/rasadmin.dll) never
    skips the permission check: under Wine every file belongs to the user
    running Wine, so it refuses to host Python, saying why."""
    import ras.admin

    shipped = Path(ras.admin.__file__).with_name("rasadmin.dll")
    assert shipped.is_file(), shipped
    h = Host(tmp_path, shipped)
    # even when asked: the shipped DLL has no [test] section
    h.configure("testpolicies:Quick", skip_permissions=True)
    rc, ev, _ = h.run(scenario="alice\n")
    assert rc == 4, ev
    logged = messages(ev)
    refusal = [m for m in logged if "refusing to host Python" in m]
    assert refusal, logged
    assert "not by the administrators" in refusal[0] or "may change it" in refusal[0], refusal
    assert sys.base_prefix.lower() in refusal[0].lower(), refusal
    assert not h.log_lines(), "no Python ran"


def test_admin_dll_in_a_python_process(host: Host) -> None:
    """Loaded into a process that already runs this CPython (as ctypes does
    here): the policy is loaded into that interpreter, not a second one, and
    terminate unloads it without finalizing the interpreter."""
    import ctypes
    import logging

    import ras.admin.host

    assert ras.admin.host.loaded() is None
    host.configure("testpolicies:Quick")
    dll = ctypes.WinDLL(str(host.dll))  # type: ignore[attr-defined]
    logged: list[str] = []
    log_fn = ctypes.WINFUNCTYPE(None, ctypes.c_void_p, ctypes.c_ulong, ctypes.c_wchar_p)(  # type: ignore[attr-defined]
        lambda _ctx, _level, message: logged.append(message)
    )
    dll.RasPyAdminSetLogCallback(log_fn, None)
    root_level = logging.getLogger().level
    try:
        assert dll.MprAdminInitializeDllEx(None) == 0, logged
        policy = ras.admin.host.loaded()
        assert type(policy).__name__ == "Quick", logged
        assert any("the process's own interpreter" in m for m in logged), logged
        assert dll.MprAdminTerminateDll() == 0
        assert ras.admin.host.loaded() is None
        assert not any("interpreter finalized" in m for m in logged), logged
    finally:
        dll.RasPyAdminSetLogCallback(None, None)
        logging.getLogger().setLevel(root_level)
