"""ras.admin: the Python side of the RRAS admin DLL (issue 13) -- the values a
policy sees, the host the DLL's interpreter calls, the configuration file,
the registry list and the permission checks of ``install``."""

from __future__ import annotations

import ipaddress
import json
import logging
import os
import subprocess
import sys
import textwrap
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import ras.admin
from ras.admin import _acl, _cli, _config, _registry, host

GUID = uuid.UUID("6f1c2a2e-8c1b-4d47-9a51-0d1f6b8e2c11")

RAW_CONNECTION: dict[str, Any] = {
    "connection_id": 0x1234,
    "interface_id": 0x99,
    "interface_type": 0,
    "flags": 0x11,
    "duration_seconds": 75,
    "projection_type": 2,
    "quarantine_state": 0,
    "guid": GUID.bytes_le,
    "user": "alice",
    "domain": "CORP",
    "interface_name": "alice",
    "remote_computer": "LAPTOP-7",
    "remote_endpoint": "203.0.113.9",
    "local_endpoint": "198.51.100.1",
    "ipv4_address": "10.8.0.1",
    "ipv4_remote_address": "10.8.0.2",
    "ipv6_prefix": bytes.fromhex("20010db800010000"),
    "ipv6_prefix_length": 64,
    "ipv6_interface_id": bytes(8),
    "ipv6_remote_interface_id": bytes.fromhex("0000000000000002"),
    "authentication_protocol": 0xC223,
    "eap_type": 0,
    "stats": {"bytes_sent": 1000, "bytes_received": 5000, "frames_sent": 10, "crc_errors": 1},
}
RAW_LINK: dict[str, Any] = {
    "port_id": 7,
    "connection_id": 0x1234,
    "condition": 5,
    "total_calls": 1,
    "duration_seconds": 75,
    "line_speed": 100_000_000,
    "hardware_condition": 0,
    "port_name": "VPN2-0",
    "media_name": "rastapi",
    "device_name": "WAN Miniport (IKEv2)",
    "device_type": "vpn",
    "stats": {"bytes_sent": 1000},
}


# ---- the values --------------------------------------------------------------------


def test_connection_from_raw() -> None:
    c = ras.admin.Connection.from_raw(RAW_CONNECTION)
    assert (c.id, c.user, c.domain, c.remote_computer) == (0x1234, "alice", "CORP", "LAPTOP-7")
    assert c.interface_type is ras.admin.InterfaceType.CLIENT and c.is_client
    assert (
        c.flags
        == ras.admin.ConnectionFlags.PPP_CONNECTION | ras.admin.ConnectionFlags.IKEV2_CONNECTION
    )
    assert c.projection is ras.ProjectionType.IKEV2
    assert c.guid == GUID
    assert c.client_ipv4 == ipaddress.IPv4Address("10.8.0.2")
    assert c.server_ipv4 == ipaddress.IPv4Address("10.8.0.1")
    assert c.remote_endpoint == ipaddress.IPv4Address("203.0.113.9")
    assert c.ipv6_prefix == ipaddress.IPv6Network("2001:db8:1::/64")
    assert c.client_interface_id == bytes.fromhex("0000000000000002")
    assert c.server_interface_id is None
    assert c.statistics == ras.admin.Statistics(
        bytes_sent=1000, bytes_received=5000, frames_sent=10, crc_errors=1
    )
    assert c.duration == 75


def test_values_from_a_newer_windows_keep_their_numbers() -> None:
    c = ras.admin.Connection.from_raw(
        {**RAW_CONNECTION, "interface_type": 42, "projection_type": 9, "remote_endpoint": "bogus"}
    )
    assert (c.interface_type, c.projection, c.remote_endpoint) == (42, 9, None)
    assert not c.is_client


def test_link_from_raw() -> None:
    link = ras.admin.Link.from_raw(RAW_LINK)
    assert link.condition is ras.admin.PortCondition.AUTHENTICATED
    assert (link.port_name, link.device_type, link.line_speed) == ("VPN2-0", "vpn", 100_000_000)
    assert link.hardware_ok and link.statistics.bytes_sent == 1000
    assert not ras.admin.Link.from_raw({**RAW_LINK, "hardware_condition": 1}).hardware_ok


def test_address_requests_in_rras_byte_order() -> None:
    # RRAS's DWORD holds the address in network byte order: 10.0.0.7 is 0x0700000a
    v4 = ras.admin.AddressRequest.from_raw({"family": 4, "ipv4": 0x0700000A, "user": "bob"})
    assert (v4.family, v4.user, v4.address) == (4, "bob", ipaddress.IPv4Address("10.0.0.7"))
    assert ras.admin.AddressRequest.from_raw({"family": 4, "ipv4": 0}).address is None
    packed = ipaddress.IPv6Address("2001:db8::7").packed
    v6 = ras.admin.AddressRequest.from_raw({"family": 6, "ipv6": packed, "port": "VPN2-0"})
    assert v6.address == ipaddress.IPv6Address("2001:db8::7") and v6.port == "VPN2-0"
    with pytest.raises(ValueError):
        ras.admin.AddressRequest.from_raw({"family": 5})


# ---- the host ------------------------------------------------------------------------

POLICY_MODULE = """
import ipaddress, threading
import ras.admin

class Office(ras.admin.Policy):
    def __init__(self):
        self.events = []
        self.lock = threading.Lock()
    def start(self):
        self.events.append("start")
    def stop(self):
        self.events.append("stop")
    def accept_connection(self, connection):
        if connection.user == "boom":
            raise RuntimeError("the database is down")
        if connection.user == "vague":
            return None
        return connection.user != "mallory"
    def connection_ended(self, connection):
        with self.lock:
            self.events.append(("ended", connection.user, connection.statistics.bytes_sent))
    def assign_address(self, request):
        if request.user == "static":
            return ipaddress.ip_address("10.9.0.7" if request.family == 4 else "2001:db8::9")
        if request.user == "wrong":
            return ipaddress.ip_address("2001:db8::1")
        return None

policy = Office()
"""


@pytest.fixture
def policy_dir(tmp_path: Path) -> Iterator[Path]:
    (tmp_path / "office_policy.py").write_text(POLICY_MODULE, encoding="utf-8")
    yield tmp_path
    host.unload()
    sys.modules.pop("office_policy", None)
    if str(tmp_path) in sys.path:
        sys.path.remove(str(tmp_path))


def test_host_loads_and_answers(policy_dir: Path) -> None:
    assert host.call("accept_connection", RAW_CONNECTION) == (
        False,
        "accept_connection: no policy is loaded",
    )
    assert host.load("office_policy", path=str(policy_dir)) == "Office"
    chosen: Any = host.loaded()
    assert chosen.events == ["start"]
    assert host.call("accept_connection", RAW_CONNECTION) == (True, True)
    assert host.call("accept_connection", {**RAW_CONNECTION, "user": "mallory"}) == (True, False)
    assert host.call("accept_reauthentication", RAW_CONNECTION) == (True, True)  # the default
    assert host.call("accept_link", RAW_LINK) == (True, True)
    assert host.call("connection_ended", RAW_CONNECTION) == (True, None)
    assert ("ended", "alice", 1000) in chosen.events
    assert host.call("assign_address", {"family": 4, "user": "static"}) == (
        True,
        {"ipv4": int.from_bytes(bytes([10, 9, 0, 7]), "little")},
    )
    assert host.call("assign_address", {"family": 6, "user": "static"}) == (
        True,
        {"ipv6": ipaddress.IPv6Address("2001:db8::9").packed},
    )
    assert host.call("assign_address", {"family": 4, "user": "anyone"}) == (True, None)
    assert host.call("release_address", {"family": 4, "ipv4": 1}) == (True, None)
    with pytest.raises(RuntimeError, match="loaded already"):
        host.load("office_policy")
    host.unload()
    assert chosen.events[-1] == "stop"
    assert host.loaded() is None


def test_host_turns_failures_into_reasons(
    policy_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    host.load("office_policy:Office", path=str(policy_dir))  # a class: instantiated
    with caplog.at_level(logging.ERROR, logger="ras.admin"):
        ok, reason = host.call("accept_connection", {**RAW_CONNECTION, "user": "boom"})
    assert not ok and reason == "accept_connection: RuntimeError: the database is down"
    assert "Traceback" in caplog.text and "the database is down" in caplog.text
    assert host.call("accept_connection", {**RAW_CONNECTION, "user": "vague"}) == (
        False,
        "accept_connection answered NoneType, not a bool",
    )
    ok, reason = host.call("assign_address", {"family": 4, "user": "wrong"})
    assert not ok and "needs an IPv4Address" in reason
    assert host.call("no_such_call", {}) == (False, "no_such_call: no such call")
    ok, reason = host.call("accept_link", {})  # a broken raw value: no port_id
    assert not ok and reason.startswith("accept_link: KeyError")


@pytest.mark.parametrize(
    ("spec", "error"),
    [
        ("no_such_module_xyz", ModuleNotFoundError),
        ("office_policy:ipaddress", TypeError),
        (":x", ValueError),
    ],
)
def test_host_refuses_what_is_no_policy(policy_dir: Path, spec: str, error: type) -> None:
    with pytest.raises(error):
        host.load(spec, path=str(policy_dir))
    assert host.loaded() is None


def test_host_logs_to_the_configured_file(policy_dir: Path) -> None:
    log_file = policy_dir / "policy.log"
    host.load("office_policy", path=str(policy_dir), log_file=str(log_file))
    host.call("accept_connection", {**RAW_CONNECTION, "user": "boom"})
    host.unload()
    text = log_file.read_text(encoding="utf-8")
    assert "policy Office loaded" in text and "RuntimeError: the database is down" in text


def test_host_answers_many_threads_at_once(policy_dir: Path) -> None:
    host.load("office_policy", path=str(policy_dir))
    results: list[tuple[bool, Any]] = []
    lock = threading.Lock()

    def worker(i: int) -> None:
        for j in range(200):
            user = "mallory" if (i + j) % 5 == 0 else f"user{i}"
            r = host.call("accept_connection", {**RAW_CONNECTION, "user": user})
            host.call("connection_ended", {**RAW_CONNECTION, "user": user})
            with lock:
                results.append(r)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(32)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 32 * 200
    assert results.count((True, False)) == 32 * 200 // 5
    assert sum(1 for e in host.loaded().events if e[0] == "ended") == 32 * 200  # type: ignore[union-attr]


# ---- the configuration file ---------------------------------------------------------------


def test_config_round_trip_in_utf16(tmp_path: Path) -> None:
    path = str(tmp_path / "rasadmin.ini")
    config = _config.AdminConfig(
        policy="office_policy:Office",
        home="C:\\Program Files\\Python311",
        path="C:\\Policies;D:\\Jörg",
        timeout=2.5,
        log_file="C:\\Policies\\policy.log",
    )
    _config.write_config(path, config)
    raw = Path(path).read_bytes()
    assert raw[:2] == b"\xff\xfe"  # GetPrivateProfileStringW reads Unicode only with the mark
    text = raw.decode("utf-16")
    assert "[policy]\r\nmodule = python\r\ntimeout_ms = 2500\r\naccept_default = deny" in text
    assert _config.read_config(path) == config
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".ras-admin-")] == []


@pytest.mark.parametrize(
    "bad",
    [
        {"timeout": 0},
        {"timeout": 601},
        {"workers": 0},
        {"queue_limit": 70000},
        {"log_level": "LOUD"},
        {"policy": "a\nb"},
    ],
)
def test_config_refuses_bad_values(bad: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        _config.AdminConfig(**{"policy": "p", "home": "h", **bad})


def test_config_writers_at_once_leave_one_whole_file(tmp_path: Path) -> None:
    path = str(tmp_path / "rasadmin.ini")
    code = textwrap.dedent(
        f"""
        import sys
        from ras.admin import _config
        for i in range(30):
            config = _config.AdminConfig(policy="p" + sys.argv[1] * 300, home="h")
            _config.write_config({path!r}, config)
        """
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    procs = [subprocess.Popen([sys.executable, "-c", code, str(n)], env=env) for n in range(4)]
    assert [p.wait(timeout=120) for p in procs] == [0] * 4
    policy = _config.read_config(path).policy
    assert policy[1:] in {str(n) * 300 for n in range(4)}


# ---- the registry list ----------------------------------------------------------------


class FakeRegistry:
    def __init__(self, **values: str) -> None:
        self.values = dict(values)

    def get(self, name: str) -> str | None:
        return self.values.get(name)

    def set(self, name: str, value: str) -> None:
        self.values[name] = value

    def delete(self, name: str) -> None:
        self.values.pop(name, None)


OURS = "C:\\Program Files\\Python311\\Lib\\site-packages\\ras\\admin\\rasadmin.dll"


def test_install_keeps_every_other_admin_dll() -> None:
    reg = FakeRegistry(
        DLLPath="C:\\nt\\system32\\ntwkadm.dll; C:\\nt\\system32\\ntwkadm2.dll",
        DisplayName="ProElectron",
    )
    assert _registry.add_dll(reg, OURS)
    assert _registry.dll_list(reg.get("DLLPath")) == [
        "C:\\nt\\system32\\ntwkadm.dll",
        "C:\\nt\\system32\\ntwkadm2.dll",
        OURS,
    ]
    assert reg.get("DisplayName") == "ProElectron"  # one name only: theirs stays
    assert not _registry.add_dll(reg, OURS.upper())  # already there (case-insensitive)
    assert _registry.remove_dll(reg, OURS)
    assert reg.values == {
        "DLLPath": "C:\\nt\\system32\\ntwkadm.dll;C:\\nt\\system32\\ntwkadm2.dll",
        "DisplayName": "ProElectron",
    }
    assert not _registry.remove_dll(reg, OURS)


def test_install_alone_then_uninstall_leaves_no_value() -> None:
    reg = FakeRegistry()
    assert _registry.add_dll(reg, OURS)
    assert reg.values == {"DLLPath": OURS, "DisplayName": _registry.DISPLAY_NAME}
    assert _registry.remove_dll(reg, OURS)
    assert reg.values == {}


# ---- permissions ----------------------------------------------------------------------


BA, SY, BU = "S-1-5-32-544", "S-1-5-18", "S-1-5-32-545"
WINE_USER = "S-1-5-21-0-0-0-1000"


def test_windows_rules_on_a_security_descriptor() -> None:
    """judge() is what the Windows check applies to each GetNamedSecurityInfoW result
    (Wine synthesizes its descriptors, so the rules are tested on given ACEs)."""
    full, read = 0x1F01FF, 0x120089
    ok = [(0, 0, full, BA), (0, 0, full, SY), (0, 0, read, BU)]
    assert _acl.judge(BA, ok, _acl.CHANGES_OBJECT) == []
    assert _acl.judge(BU, ok, _acl.CHANGES_OBJECT) == [f"owned by {BU}, not by the administrators"]
    assert _acl.judge(BA, [*ok, (0, 0, 0x2, BU)], _acl.CHANGES_OBJECT) == [
        f"{BU} may change it (access mask 0x00000002)"
    ]
    # an ACE that only children inherit, a deny ACE: not grants on the object
    assert _acl.judge(BA, [*ok, (0, 0x08, full, BU), (1, 0, full, BU)], _acl.CHANGES_OBJECT) == []
    assert _acl.judge(BA, None, _acl.CHANGES_OBJECT) == ["no DACL: everyone has full control"]
    # an ancestor: adding folders (C:\ lets every user) is fine, deleting children is not
    append = 0x4 | read
    assert _acl.judge(WINE_USER, [*ok, (0, 0, append, BU)], _acl.REPLACES_CHILD) == []
    assert _acl.judge(BA, [(0, 0, 0x40, BU)], _acl.REPLACES_CHILD) == [
        f"{BU} may change it (access mask 0x00000040)"
    ]


@pytest.mark.skipif(sys.platform != "win32", reason="Windows (Wine)")
def test_windows_check_reads_real_descriptors(tmp_path: Path) -> None:
    """Under Wine every file belongs to the user running Wine: refused, and named."""
    module = tmp_path / "office_policy.py"
    module.write_text("x = 1\n")
    found = _acl.problems([str(module)])
    assert found and found[0].startswith(f"{module}: owned by S-1-5-21-")
    assert any("may change it" in p for p in found)


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() != 0, reason="POSIX rules, as root")
def test_posix_permission_check(tmp_path: Path) -> None:
    folder = tmp_path / "policies"
    folder.mkdir(mode=0o755)
    module = folder / "office_policy.py"
    module.write_text("x = 1\n")
    os.chmod(module, 0o644)
    os.chmod(tmp_path, 0o755)
    assert _acl.problems([str(module)]) == []
    os.chmod(module, 0o666)
    assert _acl.problems([str(module)]) == [f"{module}: writable by group or others (mode 666)"]
    os.chmod(module, 0o644)
    os.chmod(folder, 0o775)  # the folder: someone could replace the module
    assert _acl.problems([str(module)]) == [f"{folder}: writable by group or others (mode 775)"]
    os.chmod(folder, 0o755)
    os.chown(module, 1000, 1000)
    assert _acl.problems([str(module)]) == [f"{module}: owned by uid 1000, not by root"]
    assert _acl.problems([str(tmp_path / "missing.py")]) == [
        f"{tmp_path / 'missing.py'}: does not exist"
    ]


# ---- install, uninstall, status ----------------------------------------------------------


@pytest.fixture
def dll(tmp_path: Path) -> str:
    path = tmp_path / "admin" / "rasadmin.dll"
    path.parent.mkdir()
    path.write_bytes(b"MZ")
    return str(path)


def test_install_checks_first_then_writes_and_registers(dll: str, policy_dir: Path) -> None:
    reg = FakeRegistry(DLLPath="C:\\other.dll")
    checked: list[list[str]] = []

    def check(paths: list[str]) -> list[str]:
        checked.append(paths)
        return []

    config = _config.AdminConfig(policy="office_policy", home=sys.base_prefix, path=str(policy_dir))
    assert _cli.install(reg, dll, config, check) == []
    assert _registry.dll_list(reg.get("DLLPath")) == ["C:\\other.dll", dll]
    assert _config.read_config(_cli.config_path(dll)) == config
    first = checked[0]
    for must in (sys.base_prefix, dll, str(policy_dir), str(policy_dir / "office_policy.py")):
        assert must in first
    assert _cli.status(reg, dll, check)["registered"] is True
    assert _cli.uninstall(reg, dll)
    assert reg.values == {"DLLPath": "C:\\other.dll"}
    assert not os.path.exists(_cli.config_path(dll))


def test_install_refuses_and_writes_nothing(dll: str, policy_dir: Path) -> None:
    reg = FakeRegistry()
    config = _config.AdminConfig(policy="office_policy", home=sys.base_prefix, path=str(policy_dir))
    problems = _cli.install(reg, dll, config, lambda paths: [f"{paths[-1]}: Users may change it"])
    assert problems == [f"{policy_dir / 'office_policy.py'}: Users may change it"]
    assert reg.values == {} and not os.path.exists(_cli.config_path(dll))
    missing = _config.AdminConfig(policy="no_such_policy_xyz", home="h")
    problems = _cli.install(reg, dll, missing, lambda paths: [])
    assert problems[0].startswith(
        "policy 'no_such_policy_xyz' cannot be loaded: ModuleNotFoundError"
    )
    assert reg.values == {}


def test_status_reports_problems(dll: str, policy_dir: Path) -> None:
    reg = FakeRegistry()
    doc = _cli.status(reg, dll, lambda paths: [])
    assert doc["registered"] is False and doc["problems"][0].startswith("configuration:")
    config = _config.AdminConfig(policy="office_policy", home="h", path=str(policy_dir))
    _cli.install(reg, dll, config, lambda paths: [])
    (policy_dir / "office_policy.py").unlink()
    sys.modules.pop("office_policy", None)
    doc = _cli.status(reg, dll, lambda paths: [])
    assert doc["registered"] is True and doc["policy_loads"] is False


@pytest.mark.skipif(sys.platform == "win32", reason="off Windows only")
def test_the_command_says_where_it_runs() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "ras.admin", "status"], capture_output=True, text=True, check=False
    )
    assert out.returncode == 1
    assert "runs in Windows' Routing and Remote Access" in out.stderr


# ---- under Windows (Wine): the real registry, the real command -------------------------------


@pytest.mark.skipif(sys.platform != "win32", reason="Windows (Wine)")
def test_windows_registry_keeps_other_dlls() -> None:
    reg = _registry.WindowsRegistry(key=r"SOFTWARE\ras-win32-tests\AdminDll")
    try:
        reg.set("DLLPath", "C:\\nt\\system32\\ntwkadm.dll")
        with _registry.registry_lock():
            assert _registry.add_dll(reg, OURS)
        assert reg.get("DLLPath") == "C:\\nt\\system32\\ntwkadm.dll;" + OURS
        assert reg.get("DisplayName") == _registry.DISPLAY_NAME
        with _registry.registry_lock():
            assert _registry.remove_dll(reg, OURS)
        assert reg.get("DLLPath") == "C:\\nt\\system32\\ntwkadm.dll"
        assert reg.get("DisplayName") is None
    finally:
        reg.delete("DLLPath")
        reg.delete("DisplayName")


@pytest.mark.skipif(sys.platform != "win32", reason="Windows (Wine)")
def test_windows_install_refuses_what_users_can_change(dll: str, policy_dir: Path) -> None:
    """Wine runs as a user who owns every file: install must refuse and touch nothing."""
    before = _registry.WindowsRegistry().get("DLLPath")

    def ras_admin(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "ras.admin", *args, "--dll", dll],
            capture_output=True,
            text=True,
            check=False,
        )

    out = ras_admin("install", "--policy", "office_policy", "--path", str(policy_dir))
    assert out.returncode == 1, out.stdout + out.stderr
    assert "Not installed:" in out.stderr and "not by the administrators" in out.stderr
    assert _registry.WindowsRegistry().get("DLLPath") == before
    assert not os.path.exists(_cli.config_path(dll))
    out = ras_admin("status", "--json")
    assert out.returncode == 1
    assert json.loads(out.stdout)["registered"] is False
    out = ras_admin("uninstall")
    assert (out.returncode, out.stdout.strip()) == (0, f"{dll}: was not registered")
