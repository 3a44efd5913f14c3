"""``pyras entries``, ``show``, ``add``, ``set``, ``remove``, ``rename`` (issue 9).

Each command runs as a subprocess (``python -m ras``, the interpreter of the
tests: Linux, and the Windows CPythons under Wine) on the test's simulated
phone book, and what it wrote is read back through the typed
``ras.Phonebook``.  Every ``--json`` output is validated against
src/ras/_cli/schema.py (with ``jsonschema`` where it is installed, else the
subset validator of tests/schema_lite.py, which the last tests check against
``jsonschema``).  The ``console`` examples of docs/cli.md's section run here
too.
"""

from __future__ import annotations

import dataclasses
import io
import json
import os
import shlex
import subprocess
import sys
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from schema_lite import errors as schema_errors
from support import console_examples, requires_sim
from test_entryprops_typed import PROPS, entries

import ras
from ras._cli import app
from ras._cli import entries as cli_entries
from ras._cli.schema import COMMANDS, SCHEMA

pytestmark = requires_sim

PACKAGE_DIR = str(Path(ras.__file__).resolve().parent.parent)
SECRET = "s3cr3t-Xq9"
PSK = "psk-Zk7-wq"
ROOT = Path(__file__).resolve().parent.parent
CLI_DOC = ROOT / "docs" / "cli.md"
SECTION = "## Phone-book entries: pyras entries, show, add, set, remove, rename"

try:
    import jsonschema
except ImportError:  # the Windows CPythons of the Wine tier
    jsonschema = None


def status(code: int) -> int:
    """The exit status a parent sees for `code`: its low 8 bits on POSIX."""
    return code if sys.platform == "win32" else code & 0xFF


def pyras(*args: str, stdin: str = "", check: int | None = 0) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (PACKAGE_DIR, env.get("PYTHONPATH", "")) if p)
    env["PYTHONIOENCODING"] = "utf-8"
    env.pop("RASSIM_SCENARIO", None)
    proc = subprocess.run(
        [sys.executable, "-m", "ras", *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
    )
    if check is not None:
        assert proc.returncode == status(check), (args, proc.returncode, proc.stdout, proc.stderr)
    return proc


def validate(document: Any, kind: str) -> None:
    schema = {"$ref": f"#/$defs/{kind}", "$defs": SCHEMA["$defs"]}
    problems = schema_errors(document, schema, SCHEMA)
    assert not problems, problems
    if jsonschema is not None:
        jsonschema.validate(document, schema)


def read_json(*args: str) -> Any:
    proc = pyras(*args, "--json")
    document = json.loads(proc.stdout)
    validate(document, COMMANDS[args[0]])
    return document


def no_secret(proc: subprocess.CompletedProcess[str], *secrets: str) -> None:
    for secret in secrets:
        assert secret not in proc.stdout and secret not in proc.stderr, proc


@pytest.fixture
def book(tmp_path: Path) -> ras.Phonebook:
    """The test's default phone book (the children's too: RASSIM_PHONEBOOK)."""
    path = Path(os.environ["RASSIM_PHONEBOOK"])
    path.write_text("", encoding="utf-8")
    return ras.Phonebook()


def without_guid(entry: ras.Entry) -> ras.Entry:
    return dataclasses.replace(entry, guid=None, sub_entry_count=1)


# ---- entries ----------------------------------------------------------------------


def test_entries_lists_the_phone_book(pbk: str) -> None:
    proc = pyras("entries", "--phonebook", pbk)
    lines = proc.stdout.splitlines()
    assert lines[0].split() == ["NAME", "TYPE", "SERVER/NUMBER", "STRATEGY", "DEVICE"]
    assert [line.split()[0] for line in lines[1:]] == ["Office", "Lab", "Home"]
    assert "vpn.example.com" in lines[2]
    assert read_json("entries", "--phonebook", pbk) == ras.Phonebook(pbk).names()


def test_entries_of_an_empty_and_a_missing_phone_book(book: ras.Phonebook, tmp_path: Path) -> None:
    assert pyras("entries").stdout == "No entries\n"
    assert read_json("entries") == []
    proc = pyras("entries", "--phonebook", str(tmp_path / "none.pbk"), check=621)
    assert proc.stderr.startswith("pyras: ") and "(621)" in proc.stderr


# ---- add -> show -> the typed phone book -----------------------------------------------


def test_add_show_round_trip(book: ras.Phonebook) -> None:
    pyras(
        "add", "Office", "--server", "vpn.example.com", "--tunnel-type", "ikev2",
        "--auth", "eap,mschapv2", "--auth", "machine-certificate", "--eap-type", "26",
        "--encryption", "maximum", "--split-tunnel", "--dns-suffix", "corp.example.com",
        "--idle-disconnect", "900", "--remember-credential", "--use-winlogon-credential",
    )  # fmt: skip
    expected = ras.Entry.vpn(
        "vpn.example.com",
        strategy=ras.VpnStrategy.IKEV2_ONLY,
        split_tunnel=True,
        encryption_type=ras.EncryptionType.REQUIRE_MAX,
        dns_suffix="corp.example.com",
        idle_disconnect_seconds=900,
        custom_auth_key=26,
    )
    expected.options = (
        expected.options & ~ras.EntryOptions.REQUIRE_ENCRYPTED_PW
        | ras.EntryOptions.REQUIRE_EAP
        | ras.EntryOptions.REQUIRE_MS_CHAP2
        | ras.EntryOptions.USE_LOGON_CREDENTIALS
    )
    expected.options2 |= (
        ras.EntryOptions2.REQUIRE_MACHINE_CERTIFICATES | ras.EntryOptions2.CACHE_CREDENTIALS
    )
    stored = book["Office"]
    assert without_guid(stored) == expected
    document = read_json("show", "office")
    assert document["name"] == "Office"
    assert document["phonebook"] is None
    assert document["entry"] == cli_entries.entry_json(stored)
    assert document["entry"]["vpn_strategy"] == "IKEV2_ONLY"
    assert document["entry"]["encryption_type"] == "REQUIRE_MAX"
    assert "REQUIRE_EAP" in document["entry"]["options"]
    assert document["entry"]["guid"] == str(stored.guid)
    assert document["split_tunnel"] is True
    assert document["credentials"] == {"user": "", "domain": "", "password_saved": False}
    assert document["pre_shared_key_saved"] is False


def test_add_defaults_are_entry_vpn(book: ras.Phonebook, tmp_path: Path) -> None:
    other = str(tmp_path / "other.pbk")
    Path(other).write_text("", encoding="utf-8")
    assert pyras("add", "Plain", "--server", "h.example", "--phonebook", other).stdout == (
        "Added Plain\n"
    )
    assert without_guid(ras.Phonebook(other)["Plain"]) == ras.Entry.vpn("h.example")
    assert "Plain" not in book  # --phonebook, not the default one
    assert read_json("show", "Plain", "--phonebook", other)["phonebook"] == other


@pytest.mark.parametrize("tunnel", list(cli_entries.TUNNEL_TYPES))
def test_tunnel_types(book: ras.Phonebook, tunnel: str) -> None:
    pyras("add", "T", "--server", "h", "--tunnel-type", tunnel.upper())
    strategy = cli_entries.TUNNEL_TYPES[tunnel]
    assert without_guid(book["T"]) == ras.Entry.vpn("h", strategy=strategy)


@pytest.mark.parametrize("method", list(cli_entries.AUTH_METHODS))
def test_each_auth_method_replaces_the_others(book: ras.Phonebook, method: str) -> None:
    pyras("add", "A", "--server", "h", "--auth", method)
    entry = book["A"]
    auth = [
        f.name
        for f in (*ras.EntryOptions, *ras.EntryOptions2)
        if f
        & (
            cli_entries._AUTH_OPTIONS
            if isinstance(f, ras.EntryOptions)
            else cli_entries._AUTH_OPTIONS2
        )
        and f in (entry.options if isinstance(f, ras.EntryOptions) else entry.options2)
    ]
    assert auth == [cli_entries.AUTH_METHODS[method].name]


@pytest.mark.parametrize("level", list(cli_entries.ENCRYPTION))
def test_encryption_levels(book: ras.Phonebook, level: str) -> None:
    pyras("add", "E", "--server", "h", "--encryption", level)
    assert book["E"].encryption_type == cli_entries.ENCRYPTION[level]
    assert read_json("show", "E")["entry"]["encryption_type"] == cli_entries.ENCRYPTION[level].name


# ---- set changes only what is given ----------------------------------------------------

O1, O2 = ras.EntryOptions, ras.EntryOptions2


def _changed(**fields: Any) -> Any:
    def change(e: ras.Entry) -> None:
        for k, v in fields.items():
            setattr(e, k, v)

    return change


SETS: list[tuple[list[str], Any, str]] = [
    (["--server", "new.example"], _changed(phone_number="new.example"), "phone_number"),
    (
        ["--tunnel-type", "sstp"],
        _changed(vpn_strategy=ras.VpnStrategy.SSTP_ONLY, device_name="WAN Miniport (SSTP)"),
        "vpn_strategy, device_name",
    ),
    (
        ["--auth", "pap,chap"],
        lambda e: setattr(
            e, "options", e.options & ~O1.REQUIRE_ENCRYPTED_PW | O1.REQUIRE_PAP | O1.REQUIRE_CHAP
        ),
        "options, options2",
    ),
    (["--eap-type", "13"], _changed(custom_auth_key=13), "custom_auth_key"),
    (
        ["--encryption", "optional"],
        _changed(encryption_type=ras.EncryptionType.OPTIONAL),
        "encryption_type",
    ),
    (["--split-tunnel"], _changed(split_tunnel=True), "split_tunnel"),
    (["--no-split-tunnel"], lambda e: None, "split_tunnel"),
    (["--dns-suffix", "x.example"], _changed(dns_suffix="x.example"), "dns_suffix"),
    (["--idle-disconnect", "0"], _changed(idle_disconnect_seconds=0), "idle_disconnect_seconds"),
    (
        ["--remember-credential"],
        lambda e: setattr(e, "options2", e.options2 | O2.CACHE_CREDENTIALS),
        "options2",
    ),
    (["--no-remember-credential"], lambda e: None, "options2"),
    (
        ["--use-winlogon-credential"],
        lambda e: setattr(e, "options", e.options | O1.USE_LOGON_CREDENTIALS),
        "options",
    ),
    (["--no-use-winlogon-credential"], lambda e: None, "options"),
]


@pytest.mark.parametrize(("argv", "change", "said"), SETS, ids=[" ".join(s[0]) for s in SETS])
def test_set_changes_only_what_is_given(
    book: ras.Phonebook, argv: list[str], change: Any, said: str
) -> None:
    pyras("add", "S", "--server", "vpn.example.com", "--idle-disconnect", "60", "--dns-suffix", "d")
    before = book["S"]
    proc = pyras("set", "s", *argv)
    assert proc.stdout == f"Changed S: {said}\n"
    expected = dataclasses.replace(before)
    change(expected)
    assert book["S"] == expected
    assert book.credentials("S") == ras.Credentials()


def test_set_turns_flags_off_and_keeps_unknown_values(book: ras.Phonebook) -> None:
    odd = ras.Entry.vpn(
        "h",
        vpn_strategy=ras.VpnStrategy(99),
        options=ras.EntryOptions.USE_LOGON_CREDENTIALS | ras.EntryOptions(0x400000),
        options2=ras.EntryOptions2.CACHE_CREDENTIALS | ras.EntryOptions2.IS_ALWAYS_ON,
        net_protocols=ras.NetProtocols.IP | ras.NetProtocols(0x100),
    )
    book["Odd"] = odd
    pyras("set", "Odd", "--no-remember-credential", "--no-use-winlogon-credential")
    got = book["Odd"]
    assert got.vpn_strategy == 99
    assert got.options == ras.EntryOptions(0x400000)
    assert got.options2 == ras.EntryOptions2.IS_ALWAYS_ON
    entry = read_json("show", "Odd")["entry"]
    assert entry["vpn_strategy"] == "UNKNOWN_99"
    assert entry["options"] == [f"UNKNOWN_{0x400000}"]
    assert entry["options2"] == ["IS_ALWAYS_ON"]
    assert entry["net_protocols"] == ["IP", "UNKNOWN_256"]


def test_set_nothing(book: ras.Phonebook) -> None:
    pyras("add", "N", "--server", "h")
    before = book["N"]
    assert pyras("set", "N").stdout == "Nothing to change in N\n"
    assert book["N"] == before


# ---- secrets -------------------------------------------------------------------------


def test_password_from_stdin_is_saved_never_shown(book: ras.Phonebook) -> None:
    procs = [
        pyras(
            "add", "C", "--server", "h", "--user", "alice", "--password", "-", stdin=SECRET + "\n"
        ),
        pyras("show", "C"),
        pyras("show", "C", "--json"),
    ]
    assert book.credentials("C") == ras.Credentials("alice", "", True)
    procs.append(pyras("set", "C", "--domain", "CORP"))
    assert procs[-1].stdout == "Changed C: domain\n"
    assert book.credentials("C") == ras.Credentials("alice", "CORP", True)
    for proc in procs:
        no_secret(proc, SECRET)
    assert "saved password                yes" in procs[1].stdout
    assert json.loads(procs[2].stdout)["credentials"]["password_saved"] is True


def test_psk_from_stdin_and_from_a_file(book: ras.Phonebook, tmp_path: Path) -> None:
    key_file = tmp_path / "key.txt"
    key_file.write_text(PSK + "\n", encoding="utf-8")
    procs = [
        pyras("add", "K", "--server", "h", "--tunnel-type", "l2tp", "--psk", "-", stdin=PSK),
        pyras("add", "F", "--server", "h", "--psk-file", str(key_file)),
        pyras("show", "K"),
        pyras("show", "F", "--json"),
    ]
    for name in ("K", "F"):
        assert book.pre_shared_key_saved(name)
        assert ras.EntryOptions2.USE_PRE_SHARED_KEY in book[name].options2
    assert json.loads(procs[3].stdout)["pre_shared_key_saved"] is True
    procs.append(pyras("set", "K", "--clear-psk"))
    assert procs[-1].stdout == "Changed K: pre-shared key\n"
    assert not book.pre_shared_key_saved("K")
    assert ras.EntryOptions2.USE_PRE_SHARED_KEY not in book["K"].options2
    procs.append(pyras("set", "K", "--psk", "-", "--user", "bob", stdin=PSK + "\r\n"))
    assert book.pre_shared_key_saved("K") and book.credentials("K").user == "bob"
    for proc in procs:
        no_secret(proc, PSK)


@pytest.mark.parametrize(
    ("argv", "stdin", "message"),
    [
        (["--psk", PSK], "", "--psk takes '-'"),
        (["--password", SECRET], "", "--password takes '-' or '*'"),
        (["--password", "-", "--psk", "-"], f"{SECRET}\n{PSK}\n", "only one of"),
        (["--password", "-"], "", "no password on stdin"),
        (["--psk", "-"], "\n", "no pre-shared key on stdin"),
    ],
)
def test_secrets_are_refused_on_the_command_line(
    book: ras.Phonebook, argv: list[str], stdin: str, message: str
) -> None:
    book["Y"] = ras.Entry.vpn("h")
    for command in (["add", "X", "--server", "h"], ["set", "Y"]):
        before = dict(book.items())
        proc = pyras(*command, *argv, stdin=stdin, check=2)
        assert message.split(" or ")[0] in proc.stderr, proc.stderr
        no_secret(proc, SECRET, PSK)
        assert dict(book.items()) == before
        assert not book.pre_shared_key_saved("Y")
        assert book.credentials("Y") == ras.Credentials()


def test_empty_psk_file(book: ras.Phonebook, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.write_text("\n", encoding="utf-8")
    proc = pyras("add", "X", "--server", "h", "--psk-file", str(empty), check=2)
    assert "is empty" in proc.stderr
    assert "X" not in book


@pytest.mark.skipif(sys.platform == "win32", reason="getpass's prompt needs a POSIX terminal here")
def test_password_prompt_without_echo(book: ras.Phonebook) -> None:
    import pty

    book["P"] = ras.Entry.vpn("h")
    env = dict(os.environ, PYTHONPATH=PACKAGE_DIR + os.pathsep + os.environ.get("PYTHONPATH", ""))
    pid, fd = pty.fork()
    if pid == 0:  # the child: pyras on the terminal
        os.execve(sys.executable, [sys.executable, "-m", "ras", "set", "P", "--password", "*"], env)
    seen = b""
    while b"Password for P: " not in seen:
        seen += os.read(fd, 1024)
    os.write(fd, SECRET.encode() + b"\n")
    while True:
        try:
            chunk = os.read(fd, 1024)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    _, wstatus = os.waitpid(pid, 0)
    os.close(fd)
    assert os.waitstatus_to_exitcode(wstatus) == 0, seen
    assert SECRET.encode() not in seen  # not echoed
    assert b"Changed P: password" in seen
    assert book.credentials("P").password_saved


# ---- remove, rename, errors ------------------------------------------------------------


def test_remove_and_rename(book: ras.Phonebook) -> None:
    pyras("add", "One", "--server", "h", "--user", "u")
    assert pyras("rename", "one", "Two").stdout == "Renamed One to Two\n"
    assert book.names() == ["Two"] and book.credentials("Two").user == "u"
    assert pyras("rename", "Two", "TWO").stdout == "Renamed Two to TWO\n"  # case only
    assert book.names() == ["TWO"]
    assert pyras("remove", "two").stdout == "Removed TWO\n"
    assert book.names() == []


@pytest.mark.parametrize(
    "argv",
    [["show", "Nope"], ["show", "Nope", "--json"], ["set", "Nope", "--server", "h"],
     ["remove", "Nope"], ["rename", "Nope", "Other"]],
)  # fmt: skip
def test_missing_entry(book: ras.Phonebook, argv: list[str]) -> None:
    book["Here"] = ras.Entry.vpn("h")
    proc = pyras(*argv, check=623)
    assert proc.stderr == "pyras: no entry named 'Nope' in the default phone book (623)\n"
    assert proc.stdout == ""
    assert book.names() == ["Here"]


def test_names_taken_or_invalid(book: ras.Phonebook) -> None:
    book["Office"] = ras.Entry.vpn("old.example")
    book["Lab"] = ras.Entry.vpn("lab.example")
    proc = pyras("add", "OFFICE", "--server", "new.example", check=183)
    assert proc.stderr == (
        "pyras: an entry named 'OFFICE' already exists in the default phone book (183)\n"
    )
    assert book["Office"].phone_number == "old.example"
    proc = pyras("rename", "Lab", "office", check=183)
    assert "'office' already exists" in proc.stderr
    proc = pyras("add", "a\\b", "--server", "h", check=123)
    assert proc.stderr == "pyras: 'a\\\\b' is not a valid entry name (123)\n"
    pyras("rename", "Lab", "", check=123)
    assert book.names() == ["Office", "Lab"]


@pytest.mark.parametrize(
    "argv",
    [
        ["add", "X"],  # no --server
        ["add", "X", "--server", "h", "--tunnel-type", "gre"],
        ["add", "X", "--server", "h", "--auth", "kerberos"],
        ["add", "X", "--server", "h", "--auth", ","],
        ["add", "X", "--server", "h", "--encryption", "custom"],
        ["add", "X", "--server", "h", "--idle-disconnect", "-1"],
        ["add", "X", "--server", "h", "--idle-disconnect", "soon"],
        ["add", "X", "--server", "h", "--eap-type", "4294967296"],
        ["add", "X", "--server", "h", "--psk", "-", "--psk-file", "f"],
        ["set", "X", "--psk", "-", "--clear-psk"],
        ["rename", "X"],
    ],
)
def test_bad_values(book: ras.Phonebook, argv: list[str]) -> None:
    proc = pyras(*argv, check=2)
    assert proc.stderr.startswith("usage: pyras ")
    assert "error: " in proc.stderr
    assert book.names() == []


# ---- the schema --------------------------------------------------------------------------


def test_schema_lists_every_entry_field() -> None:
    fields = [f.name for f in dataclasses.fields(ras.Entry) if f.init]
    assert SCHEMA["$defs"]["entry"]["required"] == fields
    assert list(SCHEMA["$defs"]["entry"]["properties"]) == fields
    assert COMMANDS["show"] == "entry_document" and COMMANDS["entries"] == "entry_names"
    printed = json.loads(pyras("schema").stdout)
    assert printed["$defs"]["entry"] == json.loads(json.dumps(SCHEMA["$defs"]["entry"]))


def test_show_json_of_random_entries_validates(book: ras.Phonebook) -> None:
    """``show --json`` (app.main in this process: 40 subprocesses would be slow
    under Wine) of random typed entries validates, and reads back the same."""

    @PROPS
    @given(entries())
    def check(entry: ras.Entry) -> None:
        book["Random"] = entry
        out = io.StringIO()
        with redirect_stdout(out):
            assert app.main(["show", "Random", "--json"]) == 0
        document = json.loads(out.getvalue())
        validate(document, "entry_document")
        assert document["entry"] == cli_entries.entry_json(book["Random"])
        if jsonschema is not None:
            # the subset validator finds a broken document too
            broken = json.loads(out.getvalue())
            broken["entry"]["options"].append("NO_SUCH_FLAG")
            assert schema_errors(broken, {"$ref": "#/$defs/entry_document"}, SCHEMA)
            with pytest.raises(jsonschema.ValidationError):
                jsonschema.validate(broken, {"$ref": "#/$defs/entry_document", **SCHEMA})

    check()


@pytest.mark.skipif(jsonschema is None, reason="jsonschema is not installed")
@pytest.mark.parametrize(
    ("document", "kind"),
    [
        ([], "entry_names"),
        (["a", 1], "entry_names"),
        ({"name": "x"}, "entry_document"),
        ({"error": {"code": 1}}, "error"),
        ({"entry": "x", "connect_duration": 1.5, "bytes_sent": "1"}, "statistics"),
        ({"ipv4": None}, "connection"),
    ],
)
def test_the_subset_validator_agrees_with_jsonschema(document: Any, kind: str) -> None:
    schema = {"$ref": f"#/$defs/{kind}", "$defs": SCHEMA["$defs"]}
    ours = not schema_errors(document, schema, SCHEMA)
    theirs = jsonschema.Draft202012Validator(schema).is_valid(document)
    assert ours == theirs


# ---- docs/cli.md's examples ----------------------------------------------------------


def doc_examples() -> list[list[tuple[str, list[str]]]]:
    """Each ```console block of the section: (command line, expected lines) pairs."""
    return console_examples(SECTION, CLI_DOC)


def matches(expected: list[str], got: list[str]) -> bool:
    """`got` against `expected`, where a line "..." stands for any lines."""
    if not expected:
        return not got
    if expected[0] == "...":
        return any(matches(expected[1:], got[i:]) for i in range(len(got) + 1))
    return bool(got) and got[0] == expected[0] and matches(expected[1:], got[1:])


@pytest.mark.skipif(not CLI_DOC.is_file(), reason="source checkout only")
def test_the_docs_examples_run(tmp_path: Path) -> None:
    blocks = doc_examples()
    assert len(blocks) >= 5
    for steps in blocks:
        Path(os.environ["RASSIM_PHONEBOOK"]).write_text("", encoding="utf-8")
        for command, expected in steps:
            stdin = ""
            words = shlex.split(command)
            if "|" in words:  # echo TEXT | pyras ...
                bar = words.index("|")
                assert words[0] == "echo", command
                stdin = " ".join(words[1:bar]) + "\n"
                words = words[bar + 1 :]
            assert words[0] == "pyras", command
            proc = pyras(*words[1:], stdin=stdin, check=None)
            got = (proc.stdout + proc.stderr).splitlines()
            assert matches(expected, got), (command, got)


def test_the_example_matcher() -> None:
    assert matches(["a", "...", "c"], ["a", "b", "b", "c"])
    assert matches(["a", "...", "c"], ["a", "c"])
    assert not matches(["a", "...", "c"], ["a", "b"])
    assert not matches(["a"], ["a", "b"])
    assert not matches(["a", "b"], ["a", "c"])


def test_password_prompt_in_process(book: ras.Phonebook, monkeypatch: pytest.MonkeyPatch) -> None:
    """The ``*`` prompt everywhere (the Windows counterpart of the terminal test):
    getpass is asked, with the user's name, and the answer is saved unprinted."""
    book["P"] = ras.Entry.vpn("h")
    prompts: list[str] = []

    def fake_getpass(prompt: str = "Password: ") -> str:
        prompts.append(prompt)
        return SECRET

    monkeypatch.setattr(cli_entries.getpass, "getpass", fake_getpass)
    out = io.StringIO()
    with redirect_stdout(out):
        assert app.main(["set", "P", "--user", "carol", "--password", "*"]) == 0
    assert prompts == ["Password for carol: "]
    assert out.getvalue() == "Changed P: user, password\n"
    assert book.credentials("P") == ras.Credentials("carol", "", True)


def test_every_command_takes_phonebook(book: ras.Phonebook, pbk: str) -> None:
    """set, remove and rename on a .pbk file leave the default phone book alone."""
    book["Lab"] = ras.Entry.vpn("default.example")
    other = ras.Phonebook(pbk)
    pyras("set", "Lab", "--dns-suffix", "lab.example", "--phonebook", pbk)
    assert other["Lab"].dns_suffix == "lab.example" and book["Lab"].dns_suffix == ""
    pyras("rename", "Lab", "Lab 2", "--phonebook", pbk)
    pyras("remove", "Home", "--phonebook", pbk)
    assert other.names() == ["Office VPN", "Lab 2"]
    assert book.names() == ["Lab"]
    assert read_json("show", "Lab 2", "--phonebook", pbk)["entry"]["dns_suffix"] == "lab.example"
