"""``pyrasdial`` (issue 9): rasdial.exe's syntax, wording and exit statuses.

Each test runs the command line as a child process on the simulator (Linux
and Windows CPythons under Wine).  The simulator keeps connections in the
process that made them (docs/simulator.md), so the forms that need a
connection made by an earlier rasdial (the list, /DISCONNECT, "already
connected") run as a *session*: one child process that runs several command
lines through ``ras._cli.rasdial.main`` one after the other, as a user would
type them on Windows, and reports after each its exit status and how many
connections RAS still knows.

Exit statuses: on POSIX only the low 8 bits reach the parent (691 arrives as
179); on Windows the whole number.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from support import Scenario, console_examples, requires_sim

import ras
import simctl
from ras._cli import rasdial

pytestmark = requires_sim

WINDOWS = sys.platform == "win32"
SECRET = "s3cret-Pa55"
RUN = "from ras._cli.rasdial import run; run()"
DONE = "Command completed successfully."
HERE = Path(__file__).resolve().parent
DOCS = HERE.parent / "docs" / "cli.md"

SESSION = """
import json, sys
import ras
from ras._cli.rasdial import main

# "interrupt" on stdin: what Ctrl-C does to Python (Windows without a console;
# POSIX gets SIGINT, and a watcher that saw EOF and ended unjoined before the
# exit is a "thread leak" to ThreadSanitizer)
if sys.argv[2:] == ["interruptible"] and sys.platform == "win32":
    import _thread, threading

    def watch():
        if sys.stdin.readline() == "interrupt\\n":
            _thread.interrupt_main()

    threading.Thread(target=watch, daemon=True).start()

for argv in json.loads(sys.argv[1]):
    code = main(argv)
    print(f"@@@ exit={code} connections={len(ras.connections())}", flush=True)
"""


def status(code: int) -> int:
    """What the parent sees of exit status `code`."""
    return code if WINDOWS else code & 0xFF


def run(*args: str, stdin: str | None = None, timeout: float = 120) -> tuple[int, str, str]:
    p = subprocess.run(
        [sys.executable, "-c", RUN, *args],
        input=stdin,
        stdin=None if stdin is not None else subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return p.returncode, p.stdout, p.stderr


def session(tmp_path: Path, *commands: list[str]) -> list[tuple[int, list[str], int]]:
    """Run `commands` in one child process: (exit status, output lines, connections) of each."""
    script = tmp_path / "session.py"
    script.write_text(textwrap.dedent(SESSION), encoding="utf-8")
    p = subprocess.run(
        [sys.executable, str(script), json.dumps(list(commands))],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert p.returncode == 0, p.stderr
    results: list[tuple[int, list[str], int]] = []
    lines: list[str] = []
    for line in p.stdout.splitlines():
        m = re.fullmatch(r"@@@ exit=(\d+) connections=(\d+)", line)
        if m:
            results.append((int(m[1]), lines, int(m[2])))
            lines = []
        else:
            lines.append(line)
    assert len(results) == len(commands), p.stdout
    return results


def error_block(code: int) -> list[str]:
    return [
        "",
        f"Remote Access error {code} - {ras.GetErrorString(code)}",
        "",
        "For more help on this error:",
        "        Type 'hh netcfg.chm'",
        f"        In help, click Troubleshooting, then Error Messages, then {code}",
    ]


def connected(entry: str) -> list[str]:
    return [
        f"Connecting to {entry}...",
        "Verifying username and password...",
        "Registering your computer on the network...",
        f"Successfully connected to {entry}.",
        DONE,
    ]


@pytest.fixture
def book(tmp_path: Path, scenario: Scenario) -> Scenario:
    """The default phone book (Office VPN: alice / SECRET / CORP, Lab, Home), its scenario."""
    simctl.write_phonebook(tmp_path / "default.pbk", ["Office VPN", "Lab", "Home"])
    scenario.set(
        {
            "Office VPN": {"User": "alice", "Password": SECRET, "Domain": "CORP"},
            "Lab": {"User": "bob", "Password": "lab"},
            "Home": {},
        }
    )
    return scenario


# ---- dialling ----------------------------------------------------------------


def test_dial_with_user_password_and_domain(book: Scenario) -> None:
    code, out, err = run("Office VPN", "alice", SECRET, "/DOMAIN:corp")
    assert (code, out.splitlines()) == (0, connected("Office VPN")), err
    assert SECRET not in out + err


def test_dial_without_credentials_uses_the_saved_ones(book: Scenario) -> None:
    ras.SetEntryDialParams(None, ("Office VPN", "", "", "alice", SECRET, "CORP"), False)
    code, out, err = run("Office VPN")
    assert (code, out.splitlines()) == (0, connected("Office VPN")), err
    # only the user given: the saved password still goes with it
    code, out, err = run("Office VPN", "ALICE")
    assert (code, out.splitlines()) == (0, connected("Office VPN")), err
    assert SECRET not in out + err


def test_dial_user_without_password_fails_when_none_is_saved(book: Scenario) -> None:
    code, out, _ = run("Office VPN", "alice", "/DOMAIN:CORP")
    assert code == status(691)
    assert out.splitlines()[-6:] == error_block(691)


def test_star_prompts_and_reads_the_password_from_stdin(book: Scenario) -> None:
    code, out, err = run("Office VPN", "alice", "*", "/domain:CORP", stdin=SECRET + "\n")
    assert (code, out.splitlines()) == (0, connected("Office VPN")), err
    assert "Enter the password for alice to connect to Office VPN:" in err  # not on stdout
    assert SECRET not in out + err
    code, out, err = run("Office VPN", "alice", "*", "/domain:CORP", stdin="wrong\n")
    assert code == status(691)
    assert "wrong" not in out


def test_phonebook_option(book: Scenario, tmp_path: Path) -> None:
    other = simctl.write_phonebook(tmp_path / "other.pbk", ["Branch"])
    code, out, err = run("Branch", f"/PHONEBOOK:{other}")
    assert (code, out.splitlines()) == (0, connected("Branch")), err
    code, out, _ = run("Branch")  # not in the default phone book
    assert code == status(623)
    assert out.splitlines() == error_block(623)


def test_every_option_reaches_rasdial(
    book: Scenario,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """/DOMAIN /PHONE /CALLBACK /PHONEBOOK /PREFIXSUFFIX, abbreviated and in any case,
    become RasDial's phone book, RASDIALPARAMS and RDEOPT_UsePrefixSuffix."""
    other = simctl.write_phonebook(tmp_path / "other.pbk", ["Branch"])
    calls: list[tuple[object, object, list[str]]] = []
    real = ras._ras.Dial

    def spy(ext: object, pbk: object, params: list[str], *rest: object, **kw: object) -> object:
        calls.append((None if ext is None else ext.dwfOptions, pbk, list(params)))  # type: ignore[attr-defined]
        return real(ext, pbk, params, *rest, **kw)

    monkeypatch.setattr(ras._ras, "Dial", spy)
    argv = ["Branch", "u", "pw", "/dom:D1", "/P:555", "/CALLB:777", f"/phoneB:{other}", "/pre"]
    assert rasdial.main(argv) == 0
    assert calls == [(ras.RDEOPT_UsePrefixSuffix, other, ["Branch", "555", "777", "u", "pw", "D1"])]
    assert capsys.readouterr().out.splitlines() == connected("Branch")
    for conn in ras.connections():
        conn.hangup()
    calls.clear()
    assert rasdial.main(["Home"]) == 0
    assert calls == [(None, None, ["Home", "", "", "", "", ""])]  # nothing given, nothing set
    for conn in ras.connections():
        conn.hangup()


@pytest.mark.parametrize(
    ("section", "code", "last_phase"),
    [
        ({"User": "alice", "Password": "other"}, 691, "Verifying username and password..."),
        ({"FailState": "ConnectDevice", "FailError": 800}, 800, "Connecting to Home..."),
        ({"FailState": "ConnectDevice", "FailError": 676}, 676, "Connecting to Home..."),
        ({"FailState": "ConnectDevice", "FailError": 678}, 678, "Connecting to Home..."),
    ],
    ids=["auth-691", "unreachable-800", "busy-676", "no-answer-678"],
)
def test_failures_print_the_error_block_and_exit_with_the_code(
    book: Scenario, section: dict[str, object], code: int, last_phase: str
) -> None:
    book.set({"Home": section})
    status_, out, err = run("Home", "alice", SECRET)
    assert status_ == status(code), (out, err)
    lines = out.splitlines()
    assert lines[0] == "Connecting to Home..."
    assert lines[-7:] == [last_phase, *error_block(code)]
    assert DONE not in out
    assert SECRET not in out + err


def test_entry_not_found(book: Scenario) -> None:
    code, out, _ = run("No such entry", "alice", SECRET)
    assert code == status(623)
    assert out.splitlines() == error_block(623)


# ---- the command line itself ---------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["/bogus"],
        ["Home", "/DOMAIN", "corp"],  # /DOMAIN takes its value after a colon
        ["Home", "u", "p", "extra"],
        ["Home", "alice", "/DISCONNECT"],
        ["Home", "/DISCONNECT", "/PHONE:1"],
        ["/PHONEBOOK:x.pbk"],
        ["Home", "/X:1"],
    ],
)
def test_bad_syntax_prints_the_usage_and_exits_1(book: Scenario, argv: list[str]) -> None:
    code, out, _ = run(*argv)
    assert code == rasdial.EXIT_USAGE == 1
    first = "USAGE:\n\tpyrasdial entryname [username [password|*]] [/DOMAIN:domain]\n"
    assert out.startswith(first)
    assert "\tpyrasdial [entryname] /DISCONNECT\n" in out


def test_help_prints_the_usage_and_succeeds() -> None:
    code, out, _ = run("/?")
    assert code == 0
    assert out.startswith("USAGE:\n")


@pytest.mark.parametrize(
    ("token", "parsed"),
    [
        ("/DOMAIN:x", ("DOMAIN", "x")),
        ("/domain:x", ("DOMAIN", "x")),
        ("/Do:x", ("DOMAIN", "x")),
        ("/D:x", ("DOMAIN", "x")),
        ("/PHONE:1", ("PHONE", "1")),
        ("/p:1", ("PHONE", "1")),
        ("/PHONEB:f", ("PHONEBOOK", "f")),
        ("/phonebook:f", ("PHONEBOOK", "f")),
        ("/c:9", ("CALLBACK", "9")),
        ("/CallBack:9", ("CALLBACK", "9")),
        ("/D", "DISCONNECT"),
        ("/disc", "DISCONNECT"),
        ("/Disconnect", "DISCONNECT"),
        ("/P", "PREFIXSUFFIX"),
        ("/prefixsuffix", "PREFIXSUFFIX"),
    ],
)
def test_options_are_case_insensitive_and_abbreviated(token: str, parsed: object) -> None:
    args = rasdial.parse(["E", token] if parsed != "DISCONNECT" else [token])
    if isinstance(parsed, tuple):
        assert args.values == {parsed[0]: parsed[1]}
    else:
        assert args.switches == {parsed}


def test_args_repr_hides_the_password() -> None:
    assert SECRET not in repr(rasdial.parse(["E", "u", SECRET]))


def test_pyras_rasdial_is_the_same_command(book: Scenario) -> None:
    p = subprocess.run(
        [sys.executable, "-m", "ras", "rasdial", "/?"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert p.returncode == 0, p.stderr
    assert p.stdout.startswith("USAGE:\n")


# ---- connections: listing, disconnecting (sessions) ----------------------------


def test_list_with_no_one_and_two_connections(book: Scenario, tmp_path: Path) -> None:
    results = session(
        tmp_path,
        [],
        ["Office VPN", "alice", SECRET, "/DOMAIN:CORP"],
        [],
        ["Home"],
        [],
    )
    assert results[0] == (0, ["No connections", DONE], 0)
    assert results[1] == (0, connected("Office VPN"), 1)
    assert results[2] == (0, ["Connected to", "Office VPN", DONE], 1)
    assert results[3] == (0, connected("Home"), 2)
    assert results[4] == (0, ["Connected to", "Office VPN", "Home", DONE], 2)


def test_disconnect_an_entry(book: Scenario, tmp_path: Path) -> None:
    results = session(
        tmp_path,
        ["Home"],
        ["Lab", "bob", "lab"],
        ["home", "/disconnect"],  # entry names are case-insensitive
        [],
        ["Home", "/D"],
    )
    assert [r[2] for r in results] == [1, 2, 1, 1, 1]
    assert results[2][:2] == (0, [DONE])
    assert results[3][1] == ["Connected to", "Lab", DONE]
    assert results[4][:2] == (rasdial.EXIT_NOT_CONNECTED, ["You are not connected to Home."])
    assert rasdial.EXIT_NOT_CONNECTED == 668


def test_disconnect_without_an_entry(book: Scenario, tmp_path: Path) -> None:
    results = session(
        tmp_path,
        ["/DISCONNECT"],  # nothing to hang up
        ["Home"],
        ["Lab", "bob", "lab"],
        ["/DISCONNECT"],  # two: which one?
        ["Lab", "/DISC"],
        ["/DISCONNECT"],  # the only one
    )
    assert results[0] == (668, ["No connections"], 0)
    assert results[3] == (
        87,
        [
            "Connected to",
            "Home",
            "Lab",
            "More than one connection is active: name the one to disconnect.",
        ],
        2,
    )
    assert results[4] == (0, [DONE], 1)
    assert results[5] == (0, [DONE], 0)


def test_dialling_a_connected_entry_says_so(book: Scenario, tmp_path: Path) -> None:
    results = session(tmp_path, ["Home"], ["HOME"])
    assert results[1] == (0, ["You are already connected to HOME.", DONE], 1)


# ---- Ctrl-C --------------------------------------------------------------------


def _has_console() -> bool:
    import ctypes

    return bool(ctypes.windll.kernel32.GetConsoleWindow())  # type: ignore[attr-defined]


def _interrupted_dial(tmp_path: Path, book: Scenario) -> None:
    """Start a slow dial, interrupt it once it prints its first line, check it hung up.

    POSIX: SIGINT.  Windows: CTRL_BREAK_EVENT to the child's own process group
    (Ctrl-C cannot be sent to another group).  Where there is no console to
    send it through -- under Wine the tests run on pipes, GenerateConsoleCtrlEvent
    fails with ERROR_INVALID_ACCESS and the child goes down -- the child is told
    through its standard input to do what a console Ctrl-C does to Python
    (``_thread.interrupt_main``).
    """
    book.set({"Home": {"StateDelayMs": 60000}})
    script = tmp_path / "session.py"
    script.write_text(textwrap.dedent(SESSION), encoding="utf-8")
    flags = subprocess.CREATE_NEW_PROCESS_GROUP if WINDOWS else 0  # type: ignore[attr-defined]
    p = subprocess.Popen(
        [sys.executable, str(script), json.dumps([["Home", "u", SECRET]]), "interruptible"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        creationflags=flags,
    )
    try:
        assert p.stdout is not None and p.stdin is not None
        assert p.stdout.readline() == "Connecting to Home...\n"  # in RASCS_OpenPort for 60 s
        if not WINDOWS:
            p.send_signal(signal.SIGINT)
        elif _has_console():
            os.kill(p.pid, signal.CTRL_BREAK_EVENT)  # type: ignore[attr-defined]
        else:  # no console to send the event through (Wine)
            p.stdin.write("interrupt\n")
            p.stdin.flush()
        out, err = p.communicate(timeout=60)
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()
    assert p.returncode == 0, err
    assert out.splitlines() == [*error_block(631), "@@@ exit=631 connections=0"]
    assert SECRET not in out + err


def test_interrupted_dial_hangs_up(book: Scenario, tmp_path: Path) -> None:
    """Ctrl-C (Ctrl-Break on Windows) mid-dial: hung up, error 631, no connection left."""
    _interrupted_dial(tmp_path, book)


# ---- the examples of docs/cli.md -----------------------------------------------


def _doc_examples() -> list[list[tuple[list[str], list[str]]]]:
    """The ```console blocks of the pyrasdial section: [(argv, expected lines), ...] each."""
    blocks = []
    for steps in console_examples("## pyrasdial: rasdial's command line", DOCS):
        commands = []
        for line, expected in steps:
            argv = shlex.split(line)
            assert argv[0] == "pyrasdial", line
            commands.append((argv[1:], expected))
        blocks.append(commands)
    return blocks


@pytest.mark.skipif(not DOCS.is_file(), reason="source checkout only")
def test_docs_examples(book: Scenario, tmp_path: Path) -> None:
    """Each ```console block of docs/cli.md's pyrasdial section runs as one session."""
    book.set(
        {
            "Office VPN": {"User": "alice", "Password": "s3cret"},
            "Lab": {"FailState": "ConnectDevice", "FailError": 800},
            "Home": {},
        }
    )
    blocks = _doc_examples()
    assert len(blocks) >= 2
    for block in blocks:
        results = session(tmp_path, *[argv for argv, _ in block])
        for (argv, expected), (_code, lines, _n) in zip(block, results):
            assert lines == expected, argv


def test_on_state_sees_every_state_even_when_it_is_slow(book: Scenario) -> None:
    """ras.dial's step decided on the state RAS's thread had reached meanwhile, not on
    the notification's: a slow on_state saw OpenPort, then the dial returned "connected"
    without the other states (found through pyrasdial's missing phase lines)."""
    book.set({"Home": {"StateDelayMs": 10}})  # Connected after about 0.1 s
    seen: list[str] = []

    def slow(progress: ras.DialProgress) -> None:
        seen.append(progress.state_name)
        if len(seen) == 1:
            time.sleep(0.5)  # RAS's thread reaches Connected meanwhile

    with ras.dial("Home", on_state=slow):
        pass
    assert seen == [
        "OpenPort", "PortOpened", "ConnectDevice", "DeviceConnected", "AllDevicesConnected",
        "Authenticate", "AuthNotify", "AuthProject", "AuthAck", "Authenticated", "Projected",
        "Connected",
    ]  # fmt: skip


def _on_a_terminal(answer: bytes, *, again: bool = False) -> tuple[int, str]:
    """pyrasdial "Office VPN" alice * on a pseudo-terminal; `answer` typed at the prompt.

    ``again``: type it again after 3 s in which the child printed nothing at
    all since the answer, as a user whose Ctrl-C went unanswered would.  A
    SIGINT that lands after CPython last checked for signals but before it
    blocks in read() is handled without interrupting the read, so the first
    Ctrl-C can go unnoticed (seen under load); the second interrupts it.
    Every wait is bounded: 60 s, then the child is killed and the test fails
    with what was seen."""
    import pty
    import select

    pid, fd = pty.fork()
    if pid == 0:  # the child: its terminal is the pseudo-terminal
        os.execv(sys.executable, [sys.executable, "-c", RUN, "Office VPN", "alice", "*", "/D:CORP"])
    seen = b""
    deadline = time.monotonic() + 60
    finished = False

    def read_some(wait: float) -> bytes | None:
        """Up to 1024 bytes; b"" at the end (EOF or EIO); None after `wait` s of silence."""
        ready, _, _ = select.select([fd], [], [], max(0.0, min(wait, deadline - time.monotonic())))
        if not ready:
            return None
        try:
            return os.read(fd, 1024)
        except OSError:  # EIO: the child has closed the terminal
            return b""

    try:
        while b"to connect to Office VPN: " not in seen:
            chunk = read_some(60)
            assert chunk and time.monotonic() < deadline, seen
            seen += chunk
        os.write(fd, answer)
        asked = len(seen)
        while time.monotonic() < deadline:
            chunk = read_some(3.0)
            if chunk is None:
                if again and len(seen) == asked:
                    os.write(fd, answer)
                continue
            if not chunk:
                finished = True
                break
            seen += chunk
        assert finished, f"the child did not end within 60 s: {seen!r}"
    finally:
        if not finished:
            os.kill(pid, signal.SIGKILL)
        _, wait_status = os.waitpid(pid, 0)
        os.close(fd)
    return os.waitstatus_to_exitcode(wait_status), seen.decode().replace("\r\n", "\n")


@pytest.mark.skipif(WINDOWS, reason="a POSIX pseudo-terminal (Windows: the stdin test above)")
def test_star_on_a_terminal_prompts_without_echo(book: Scenario) -> None:
    code, text = _on_a_terminal(SECRET.encode() + b"\n")
    assert code == 0, text
    assert "Enter the password for alice to connect to Office VPN: " in text
    assert SECRET not in text  # not echoed, not printed
    assert text.rstrip("\n").splitlines()[-5:] == connected("Office VPN")


@pytest.mark.skipif(WINDOWS, reason="a POSIX pseudo-terminal")
def test_ctrl_c_at_the_prompt(book: Scenario) -> None:
    code, text = _on_a_terminal(b"\x03", again=True)  # the terminal turns it into SIGINT
    assert code == status(631), text
    assert "Remote Access error 631 - " in text
    assert "Connecting to" not in text  # nothing was dialled
