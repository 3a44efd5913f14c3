"""pyras: dial, hangup, connections, status, stats, demo, schema (the entry and
rasdial commands have their own test files).

The commands that only read run in this process (ras._cli.app.main), where
the test's connections are visible; dial and demo also run as `python -m ras`
subprocesses, as a user runs them, and the live view through a
pseudo-terminal (POSIX).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from typing import Any

import pytest
import schema_lite
from support import DIAL_STATES, Scenario, requires_sim

import ras
from ras._cli import app
from ras._cli.schema import COMMANDS, SCHEMA

pytestmark = requires_sim

SECRET = "cli-Secret-5150"
STATES = [ras.state_name(int(s)) for s in DIAL_STATES]


def status_of(code: int) -> int:
    """The exit status a parent sees for `code` (8 bits on POSIX)."""
    return code if sys.platform == "win32" else code & 0xFF


def pyras(
    *args: str, stdin: str | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.pop("NO_COLOR", None)
    return subprocess.run(
        [sys.executable, "-m", "ras", *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=timeout,
        check=False,
    )


def run_in_process(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    rc = app.main(list(args))
    out, err = capsys.readouterr()
    return rc, out, err


def valid(document: Any, definition: str) -> None:
    problems = schema_lite.errors(document, {"$ref": f"#/$defs/{definition}"}, SCHEMA)
    assert not problems, "\n".join(problems)


@pytest.fixture
def office(pbk: str, scenario: Scenario) -> str:
    scenario.set(
        {
            "Office VPN": {
                "User": "alice",
                "Password": SECRET,
                "IpAddress": "10.8.0.2",
                "ServerIpAddress": "203.0.113.1",
                "Ipv6Address": "fd00::2",
                "VpnType": "IKEv2",
            },
            "Lab": {"FailState": "ConnectDevice", "FailError": 800},
        }
    )
    return pbk


# ---- dial ----------------------------------------------------------------------------


def test_dial_prints_each_state_then_the_addresses(office: str) -> None:
    out = pyras("dial", "Office VPN", "--phonebook", office, "-u", "alice", "-p", SECRET)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == "Dialling Office VPN..."
    assert [re.sub(r"^\s+\d+\.\d{3}s\s+", "", ln) for ln in lines[1:13]] == STATES, out.stdout
    assert re.fullmatch(
        r"Connected to Office VPN in \d+\.\d{3}s \(ipv4 10\.8\.0\.2, ipv6 fd00::2\)", lines[13]
    )
    assert SECRET not in out.stdout + out.stderr
    assert "\x1b" not in out.stdout  # piped: no escape sequences
    # the connection outlives the command (another process made it): hang it up here
    for conn in ras.connections():
        conn.hangup()


def test_dial_json_is_a_connection_document(office: str) -> None:
    out = pyras("dial", "Office VPN", "--phonebook", office, "-u", "alice", "-p", SECRET, "--json")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    valid(doc, COMMANDS["dial"])
    assert doc["state"] == "Connected" and doc["connected"] is True
    assert (doc["ipv4"], doc["ipv6"], doc["projection"]) == ("10.8.0.2", "fd00::2", "IKEV2")
    for conn in ras.connections():
        conn.hangup()


@pytest.mark.parametrize(
    ("entry", "password", "code", "cls"),
    [
        ("Office VPN", "wrong", 691, "AuthenticationError"),
        ("Lab", None, 800, "UnreachableError"),
        ("Nope", None, 623, "EntryNotFoundError"),
    ],
)
def test_dial_failures_exit_with_the_ras_code(
    office: str, entry: str, password: str | None, code: int, cls: str
) -> None:
    creds = ["-u", "alice", "-p", password] if password else []
    human = pyras("dial", entry, "--phonebook", office, *creds)
    assert human.returncode == status_of(code)
    assert f"({code})" in human.stdout + human.stderr
    js = pyras("dial", entry, "--phonebook", office, *creds, "--json")
    assert js.returncode == status_of(code)
    doc = json.loads(js.stdout)
    valid(doc, "error")
    assert (doc["error"]["code"], doc["error"]["class"]) == (code, cls)
    assert ras.connections() == []  # the failed dials left nothing


def test_dial_password_star_prompts(office: str) -> None:
    """'*' asks for the password (getpass; a pipe gives it on stdin)."""
    out = pyras(
        "dial",
        "Office VPN",
        "--phonebook",
        office,
        "-u",
        "alice",
        "-p",
        "*",
        "--json",
        stdin=SECRET + "\n",
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["connected"] is True
    assert SECRET not in out.stdout + out.stderr
    for conn in ras.connections():
        conn.hangup()


def ask_dial(office: str, *extra: str, stdin: str) -> subprocess.CompletedProcess[str]:
    return pyras("dial", "Office VPN", "--phonebook", office, "-u", "alice", *extra, stdin=stdin)


def test_dial_ask_changes_an_expired_password(office: str, scenario: Scenario) -> None:
    scenario.set({"Office VPN": {"Password": SECRET, "PasswordExpired": 1}})
    out = ask_dial(office, "-p", SECRET, "--ask", stdin="n3w-pw\nn3w-pw\n")
    assert out.returncode == 0, out.stderr
    assert "  PasswordExpired\n" in out.stdout and "  AuthChangePassword\n" in out.stdout
    assert "Connected to Office VPN" in out.stdout
    assert "n3w-pw" not in out.stdout + out.stderr
    # mistyped three times: the dial ends as an expired password does
    out = ask_dial(office, "-p", SECRET, "--ask", "--json", stdin="a\nb\n" * 3)
    assert out.returncode == status_of(ras.ERROR_PASSWD_EXPIRED)
    assert json.loads(out.stdout)["error"]["state"] == "PasswordExpired"
    assert out.stderr.count("do not match") == 3
    # without --ask, no question: 648
    out = ask_dial(office, "-p", SECRET, stdin="")
    assert out.returncode == status_of(ras.ERROR_PASSWD_EXPIRED)
    assert "Failed:" in out.stdout and "(648)" in out.stdout


def test_dial_ask_retries_a_refused_password(office: str) -> None:
    out = ask_dial(office, "-p", "typo", "--ask", stdin="typo2\n" + SECRET + "\n")
    assert out.returncode == 0, out.stderr
    assert out.stdout.count("  RetryAuthentication\n") == 2
    assert SECRET not in out.stdout + out.stderr
    out = ask_dial(office, "-p", "typo", "--ask", stdin="x\n" * 4)  # gives up after 3
    assert out.returncode == status_of(ras.ERROR_AUTHENTICATION_FAILURE)


@pytest.mark.parametrize(("answer", "called_back"), [("555 0123", True), ("", False)])
def test_dial_ask_for_the_callback_number(
    office: str, scenario: Scenario, answer: str, called_back: bool
) -> None:
    scenario.set({"Office VPN": {"Callback": "SetByCaller"}})
    out = ask_dial(office, "--callback", "*", "--ask", stdin=answer + "\n")
    assert out.returncode == 0, out.stderr
    assert "  CallbackSetByCaller\n" in out.stdout
    assert ("  WaitForCallback\n" in out.stdout) is called_back


def test_dial_ask_cannot_do_a_terminal_step(office: str, scenario: Scenario) -> None:
    scenario.set({"Office VPN": {"Interactive": 1}})
    out = ask_dial(office, "--ask", stdin="")
    assert out.returncode == status_of(ras.ERROR_CANCELLED)
    assert "asks for Interactive, which pyras cannot answer" in out.stderr


# ---- reading connections (in process: the test's own connections) --------------------


def test_connections_status_and_stats(office: str, capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, _ = run_in_process(capsys, "connections")
    assert (rc, out) == (0, "No connections\n")
    conn = ras.dial("Office VPN", phonebook=office, user="alice", password=SECRET)
    try:
        rc, out, _ = run_in_process(capsys, "connections", "--json")
        docs = json.loads(out)
        valid(docs, COMMANDS["connections"])
        assert [d["handle"] for d in docs] == [conn.handle]

        rc, out, _ = run_in_process(capsys, "connections")
        assert out.splitlines()[0].split() == ["ENTRY", "HANDLE", "STATE", "DEVICE", "IPV4", "IPV6"]
        assert "Office VPN" in out and hex(conn.handle) in out and "10.8.0.2" in out

        rc, out, _ = run_in_process(capsys, "status", "office vpn", "--json")  # any case
        doc = json.loads(out)
        valid(doc, COMMANDS["status"])
        assert doc["ipv4_server"] == "203.0.113.1"
        rc, out, _ = run_in_process(capsys, "status", "--json")
        valid(json.loads(out), COMMANDS["status (every connection)"])
        rc, out, _ = run_in_process(capsys, "status", "Office VPN")
        assert out.splitlines()[0] == "Office VPN: Connected"
        assert "  ipv6        fd00::2" in out.splitlines()

        rc, out, _ = run_in_process(capsys, "stats", "Office VPN", "--json")
        doc = json.loads(out)
        valid(doc, COMMANDS["stats"])
        assert doc["bps"] == ras.GetConnectionStatistics(conn.handle)["bps"]
        rc, out, _ = run_in_process(capsys, "stats", "Office VPN")
        assert rc == 0 and "bytes received" in out
    finally:
        conn.hangup()


def test_reading_a_connection_that_is_not_there(capsys: pytest.CaptureFixture[str]) -> None:
    rc, _, err = run_in_process(capsys, "status", "Office VPN")
    assert rc == ras.ERROR_NO_CONNECTION and "(668)" in err


# ---- hangup ----------------------------------------------------------------------------


def test_hangup_by_entry_handle_and_all(office: str, capsys: pytest.CaptureFixture[str]) -> None:
    a = ras.dial("Office VPN", phonebook=office, user="alice", password=SECRET)
    rc, out, _ = run_in_process(capsys, "hangup", "OFFICE VPN")
    assert (rc, out) == (0, "Hung up Office VPN\n")
    assert not a.is_active()
    b = ras.dial("Office VPN", phonebook=office, user="alice", password=SECRET)
    rc, out, _ = run_in_process(capsys, "hangup", "--handle", hex(b.handle))
    assert rc == 0 and not b.is_active()
    ras.dial("Office VPN", phonebook=office, user="alice", password=SECRET)
    ras.dial("Home", phonebook=office)
    rc, out, _ = run_in_process(capsys, "hangup", "--all")
    assert rc == 0 and sorted(out.splitlines()) == ["Hung up Home", "Hung up Office VPN"]
    assert ras.connections() == []
    rc, out, _ = run_in_process(capsys, "hangup", "--all")
    assert (rc, out) == (0, "No connections\n")
    rc, _, _ = run_in_process(capsys, "hangup", "Office VPN")
    assert rc == ras.ERROR_NO_CONNECTION


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["nonsense"], ["hangup"], ["dial"], ["hangup", "x", "--all"]):
        with pytest.raises(SystemExit) as info:
            app.main(argv)
        assert info.value.code == 2, argv
        capsys.readouterr()


# ---- demo and the live view --------------------------------------------------------------


def test_demo_is_the_readme_main_job() -> None:
    out = pyras("demo", "--delay-ms", "1")
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert "Dialling Demo VPN..." in text
    for state in STATES:
        assert re.search(rf"^\s+\d+\.\d{{3}}s\s+{state}$", text, re.M), state
    assert re.search(r"^Connected to Demo VPN in \d+\.\d{3}s \(ipv4 10\.8\.0\.2", text, re.M)
    assert "Demo VPN: Connected" in text and text.rstrip().endswith("Hung up Demo VPN.")
    assert "demo-password" not in text + out.stderr


def test_demo_failure_exits_with_the_code() -> None:
    out = pyras("demo", "--delay-ms", "1", "--fail", "691")
    assert out.returncode == status_of(691)
    assert "Failed: " in out.stdout and "(691)" in out.stdout


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX pseudo-terminal (pty)")
@pytest.mark.parametrize("no_color", [False, True])
def test_live_view_on_a_terminal(no_color: bool) -> None:
    """Through a pty: the spinner redraws the current state's line, then marks it done."""
    import pty

    master, slave = pty.openpty()
    env = dict(os.environ, TERM="xterm")
    env.pop("NO_COLOR", None)
    if no_color:
        env["NO_COLOR"] = "1"
    child = subprocess.Popen(
        [sys.executable, "-m", "ras", "demo", "--delay-ms", "250"],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed its end
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    assert child.wait(60) == 0
    text = b"".join(chunks).decode()
    # each state is drawn with a spinner frame and a running clock ...
    assert re.search(r"\r\x1b\[2K  [|/\\-]\s+\d\.\d{3}s  OpenPort", text)
    # ... and finally rewritten as done, on a line of its own
    done = "\x1b[32m+\x1b[0m" if not no_color else "+"
    for state in STATES:
        assert f"\r\x1b[2K  {done} " in text and re.search(rf"\d\.\d{{3}}s  {state}\r\n", text)
    colours = re.findall(r"\x1b\[(?:3\d|2)m", text)
    assert (colours == []) is no_color


# ---- the schema ---------------------------------------------------------------------


def test_schema_command_prints_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, _ = run_in_process(capsys, "schema")
    assert rc == 0 and json.loads(out) == SCHEMA
    assert set(COMMANDS.values()) <= set(SCHEMA["$defs"])


def test_the_schema_is_valid_json_schema() -> None:
    """With the real jsonschema where it is installed (Linux's test session); the
    lite validator (the Wine tier's) refuses any keyword it does not check."""
    for name in SCHEMA["$defs"]:
        assert not [
            e for e in schema_lite.errors(None, SCHEMA["$defs"][name], SCHEMA) if "keywords" in e
        ], name
    try:
        import jsonschema
    except ImportError:
        return
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_json_names_unknown_flag_bits() -> None:
    from ras._cli.output import to_json

    named = 0
    for member in ras.NetProtocols:
        named |= int(member)
    bit = next(1 << i for i in range(32) if not named >> i & 1)  # a bit no member names
    value = ras.NetProtocols.IP | ras.NetProtocols(bit)
    assert to_json(value) == ["IP", f"UNKNOWN_{bit}"]


@pytest.mark.skipif(sys.platform == "win32", reason="EPIPE: how POSIX reports a closed pipe")
def test_a_closed_pipe_ends_quietly(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`pyras ... | head -1`: the reader went away; no traceback, status 1."""
    import io

    read_end, write_end = os.pipe()
    os.close(read_end)
    with capsys.disabled():
        stream = io.TextIOWrapper(io.FileIO(write_end, "w"), encoding="utf-8")
        monkeypatch.setattr(sys, "stdout", stream)
        monkeypatch.setattr(sys, "argv", ["pyras", "schema"])
        with pytest.raises(SystemExit) as info:
            app.run()
        monkeypatch.undo()
    assert info.value.code == app.EXIT_FAILURE
    assert "Broken pipe" not in capsys.readouterr().err


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX signal sent to the child")
def test_ctrl_c_mid_dial_hangs_up_and_exits_130(pbk: str, scenario: Scenario) -> None:
    """SIGINT while `pyras dial` waits between two slow states."""
    import signal

    scenario.set({"*": {"StateDelayMs": 100000}})  # RAS silent after the first state
    child = subprocess.Popen(
        [sys.executable, "-m", "ras", "-v", "dial", "Lab", "--phonebook", pbk],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    assert child.stdout is not None
    assert child.stdout.readline() == "Dialling Lab...\n"
    assert child.stdout.readline().endswith("OpenPort\n")  # the dial is under way
    child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=60)
    assert child.returncode == 130, err
    assert out == "Interrupted: the dial was hung up\n"
    # the dial's handle was hung up (and waited for) before the exit: -v logs it
    assert "ras: Lab: dial abandoned (KeyboardInterrupt)" in err
    assert re.search(r"ras: dial handle 0x[0-9a-f]+: hung up, and gone", err), err
    assert "Traceback" not in err
