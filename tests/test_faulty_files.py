"""Faulty files (issue 14): a phonebook, a credentials store or the AutoDial
store that is truncated, garbage, has NUL bytes, is empty, too big, a
directory, a FIFO, unreadable, in a read-only directory or a dangling
symbolic link.  Every call answers at once with a clear RAS error or a
sensible result, and nothing that was in the file before is lost or changed
by a failed write.  The error chosen for each case is documented in
docs/simulator.md ("Faulty files").
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from support import requires_sim

import ras
import simctl

pytestmark = requires_sim

IS_WINDOWS = sys.platform == "win32"
OPEN, LOAD, FIND, WRITE = 621, 622, 623, 624
# one byte over the simulator's size limit (SIM_MAX_FILE_BYTES, 16 MiB)
HUGE = 16 * 1024 * 1024 + 1
TIMEOUT = 20.0  # seconds; every call must answer long before this


def hexs(s: str) -> str:
    return s.encode("utf-8").hex()


def entry_bytes(*names: str) -> bytes:
    return "".join(simctl.entry_text(n) for n in names).encode("utf-8")


# Garbage: fixed pseudo-random bytes without NUL, CR or '[' (so no entry and
# no line-end conversion), with line feeds.
GARBAGE = (
    bytes((b * 37 + 11) % 251 + 1 for b in range(3000))
    .translate(None, b"\r[\x00")
    .replace(b"\x7f", b"\n")
)

# ---- the calls, per store ----------------------------------------------------


class DialRc(int):
    """What ras.Dial returned as its error (Dial reports errors, not raises)."""


def code(fn: Callable[[], object]) -> int:
    try:
        r = fn()
    except ras.error as e:
        return int(e.winerror)
    return int(r) if isinstance(r, DialRc) else 0


def dial(pbk: str, entry: str) -> DialRc:
    h, rc = ras.Dial(None, pbk, (entry,), None)
    if h:
        ras.HangUp(h)
    return DialRc(rc)


def pbk_reads(p: str) -> dict[str, Callable[[], object]]:
    return {
        "EnumEntries": lambda: ras.EnumEntries(None, p),
        "GetEntryProperties": lambda: ras.GetEntryProperties(p, "Lab"),
        "Dial": lambda: dial(p, "Lab"),
        "GetEntryDialParams": lambda: ras.GetEntryDialParams(p, "Lab"),
        "GetCredentials": lambda: ras.GetCredentials(p, "Lab"),
        "ValidateEntryName": lambda: ras.ValidateEntryName(p, "Fresh"),
    }


def pbk_writes(p: str) -> dict[str, Callable[[], object]]:
    return {
        "SetEntryDialParams": lambda: ras.SetEntryDialParams(
            p, ("Lab", "", "", "alice", "pw", ""), False
        ),
        "SetCredentials": lambda: ras.SetCredentials(p, "Lab", {"userName": "alice"}),
        "SetEntryProperties(new)": lambda: ras.SetEntryProperties(
            p, "Fresh", {"localPhoneNumber": "fresh.example"}
        ),
        "SetEntryProperties": lambda: ras.SetEntryProperties(
            p, "Lab", {"localPhoneNumber": "lab.example"}
        ),
        "RenameEntry": lambda: ras.RenameEntry(p, "Lab", "Lab2"),
        "DeleteEntry": lambda: ras.DeleteEntry(p, "Home"),
    }


def creds_reads(p: str) -> dict[str, Callable[[], object]]:
    return {
        "GetEntryDialParams": lambda: ras.GetEntryDialParams(p, "Lab"),
        "GetCredentials": lambda: ras.GetCredentials(p, "Lab"),
        "Dial": lambda: dial(p, "Lab"),  # reads the saved credentials
    }


def creds_writes(p: str) -> dict[str, Callable[[], object]]:
    return {
        "SetEntryDialParams": lambda: ras.SetEntryDialParams(
            p, ("Lab", "", "", "carol", "pw", ""), False
        ),
        "SetCredentials": lambda: ras.SetCredentials(
            p, "Lab", {"userName": "carol", "password": "pw2"}
        ),
    }


def autodial_reads(_: str) -> dict[str, Callable[[], object]]:
    return {
        "EnumAutodialAddresses": ras.EnumAutodialAddresses,
        "GetAutodialAddress": lambda: ras.GetAutodialAddress("a.example"),
        "GetAutodialEnable": lambda: ras.GetAutodialEnable(0),
        "GetAutodialParam": lambda: ras.GetAutodialParam(ras.RASADP_SavedAddressesLimit),
    }


def autodial_writes(_: str) -> dict[str, Callable[[], object]]:
    return {
        "SetAutodialAddress": lambda: ras.SetAutodialAddress(
            "a.example", [{"dialingLocation": 0, "entry": "Lab"}]
        ),
        "SetAutodialEnable": lambda: ras.SetAutodialEnable(0, True),
        "SetAutodialParam": lambda: ras.SetAutodialParam(ras.RASADP_SavedAddressesLimit, 7),
    }


CALLS = {
    "pbk": (pbk_reads, pbk_writes),
    "creds": (creds_reads, creds_writes),
    "autodial": (autodial_reads, autodial_writes),
}


def observe(store: str, pbk: str, writes: bool = True) -> dict[str, int]:
    """Every call of the store's family, in order: its RAS error code or 0."""
    reads, writers = CALLS[store]
    calls = dict(reads(pbk))
    if writes:
        calls.update(writers(pbk))
    return {name: code(fn) for name, fn in calls.items()}


def observe_at_once(store: str, pbk: str, target: Path, writes: bool = True) -> dict[str, int]:
    """observe() in a thread that must finish within TIMEOUT; a call blocked
    on a FIFO is released (by opening it for writing) and the test fails."""
    out: dict[str, int] = {}
    t = threading.Thread(target=lambda: out.update(observe(store, pbk, writes)), daemon=True)
    t.start()
    t.join(TIMEOUT)
    if t.is_alive():
        while t.is_alive():  # a reader blocked in open(): give it a writer
            try:
                fd = os.open(target, os.O_WRONLY | os.O_NONBLOCK)
                os.close(fd)
            except OSError:
                pass
            t.join(0.1)
        pytest.fail(f"{store} calls blocked for {TIMEOUT} s on {target}")
    return out


# ---- the faults ----------------------------------------------------------------


def snapshot(path: Path) -> tuple[object, ...]:
    """What is at path: kind, identity and content."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return ("missing",)
    if stat.S_ISLNK(st.st_mode):
        return ("link", os.readlink(path))
    if stat.S_ISDIR(st.st_mode):
        return ("dir", sorted(os.listdir(path)))
    if not stat.S_ISREG(st.st_mode):
        return ("special", stat.S_IFMT(st.st_mode), st.st_ino)
    return ("file", st.st_ino, st.st_size, hashlib.sha256(path.read_bytes()).hexdigest())


def listing(d: Path) -> list[str]:
    """Directory content, without the stores' lock files."""
    return sorted(n for n in os.listdir(d) if not n.endswith(".lock"))


class Case:
    """One store at one faulty path: pbk is the phonebook argument."""

    def __init__(self, tmp_path: Path, store: str, monkeypatch: pytest.MonkeyPatch) -> None:
        self.store = store
        self.dir = tmp_path / "books"
        self.dir.mkdir()
        valid = self.dir / "valid.pbk"
        valid.write_bytes(entry_bytes("Lab", "Home"))
        if store == "pbk":
            self.pbk = str(self.dir / "test.pbk")
            self.target = self.dir / "test.pbk"
        elif store == "creds":
            self.pbk = str(valid)
            self.target = self.dir / "valid.pbk.cred"
        else:
            # the AutoDial store beside the default phonebook, which holds Lab
            default = self.dir / "default.pbk"
            default.write_bytes(entry_bytes("Lab", "Home"))
            monkeypatch.setenv("RASSIM_PHONEBOOK", str(default))
            monkeypatch.delenv("RASSIM_AUTODIAL", raising=False)
            self.pbk = str(default)
            self.target = self.dir / "autodial.ini"

    def valid_content(self) -> bytes:
        if self.store == "pbk":
            return entry_bytes("Lab", "Home")
        if self.store == "creds":
            return f"[Lab]\nUser={hexs('alice')}\nPassword={hexs('s3cret')}\n".encode()
        return (
            f"[Address {hexs('a.example')}]\nName={hexs('a.example')}\n0={hexs('Lab')}\n"
            f"[Address {hexs('b.example')}]\nName={hexs('b.example')}\n0={hexs('Home')}\n"
        ).encode()

    def truncated(self) -> bytes:
        if self.store == "pbk":
            text = entry_bytes("Lab", "Home")
            return text[: text.index(b"Port=", text.index(b"[Home]")) + 3]  # mid-line
        if self.store == "creds":
            # a complete section, then one cut inside a hex value (odd length)
            home = f"[Home]\nUser={hexs('bob')}\n\n"
            return f"{home}[Lab]\nUser={hexs('alice')}\nPassword=733".encode()
        return (
            f"[Address {hexs('b.example')}]\nName={hexs('b.example')}\n0={hexs('Home')}\n"
            f"[Address {hexs('a.example')}]\nName={hexs('a.ex')}"
        ).encode()


FAULTS = ["truncated", "garbage", "nul", "empty", "huge", "directory", "fifo", "dangling"]


def make_fault(case: Case, fault: str) -> None:
    t = case.target
    if fault == "truncated":
        t.write_bytes(case.truncated())
    elif fault == "garbage":
        t.write_bytes(GARBAGE)
    elif fault == "nul":
        good = case.valid_content()
        t.write_bytes(good[:20] + b"\x00" + good[20:])
    elif fault == "empty":
        t.write_bytes(b"")
    elif fault == "huge":
        with open(t, "wb") as f:  # sparse: no disk space used
            f.truncate(HUGE)
    elif fault == "directory":
        t.mkdir()
        (t / "inside.txt").write_bytes(b"keep me")
    elif fault == "fifo":
        if not hasattr(os, "mkfifo"):
            pytest.skip("FIFOs are POSIX only (Windows named pipes are not files)")
        os.mkfifo(t)
    elif fault == "dangling":
        if IS_WINDOWS:
            pytest.skip("symbolic links need a privilege on Windows; the link rules are POSIX")
        os.symlink(case.dir / "gone" / "nothing.pbk", t)
    else:
        raise AssertionError(fault)


# Expected answers: an error code for every call, or a per-call table.
ERROR_FAULTS = {
    "pbk": {"nul": LOAD, "huge": OPEN, "directory": OPEN, "fifo": OPEN, "dangling": OPEN},
    "creds": {"nul": OPEN, "huge": OPEN, "directory": OPEN, "fifo": OPEN, "dangling": OPEN},
    "autodial": {"nul": OPEN, "huge": OPEN, "directory": OPEN, "fifo": OPEN, "dangling": OPEN},
}


@pytest.mark.parametrize("store", ["pbk", "creds", "autodial"])
@pytest.mark.parametrize("fault", FAULTS)
def test_faulty_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, store: str, fault: str
) -> None:
    case = Case(tmp_path, store, monkeypatch)
    make_fault(case, fault)
    before, before_dir = snapshot(case.target), listing(case.dir)
    old = case.target.read_bytes() if before[0] == "file" else b""
    try:
        got = observe_at_once(store, case.pbk, case.target)
        after, after_dir = snapshot(case.target), listing(case.dir)
    finally:
        if fault == "fifo":  # the teardown's simulator reset must not meet it
            case.target.unlink()

    error = ERROR_FAULTS[store].get(fault)
    if error is not None:
        assert got == dict.fromkeys(got, error)
        assert after == before  # nothing written, nothing lost
        assert after_dir == before_dir  # no temporary file left
        return
    # readable faults: sensible answers, and the old bytes are kept
    new = case.target.read_bytes()
    if fault == "garbage":  # new entries and sections go after it
        assert new.startswith(old.rstrip(b"\n")), (old[:80], new[:80])
    check_readable(case, fault, got, old, new)


def check_readable(case: Case, fault: str, got: dict[str, int], old: bytes, new: bytes) -> None:
    store = case.store
    if store == "pbk":
        if fault == "truncated":  # both entries are there: every call works
            assert got == dict.fromkeys(got, 0)
            assert b"Port=VP" in new  # the cut line is kept as it was
            assert ras.EnumEntries(None, case.pbk) == ("Lab2", "Fresh")
        else:  # garbage or empty: a phonebook without entries
            assert got == {
                "EnumEntries": 0,
                "GetEntryProperties": FIND,
                "Dial": FIND,
                "GetEntryDialParams": FIND,
                "GetCredentials": FIND,
                "ValidateEntryName": 0,
                "SetEntryDialParams": FIND,
                "SetCredentials": FIND,
                "SetEntryProperties(new)": 0,
                "SetEntryProperties": 0,  # creates Lab
                "RenameEntry": 0,
                "DeleteEntry": FIND,
            }
            assert ras.EnumEntries(None, case.pbk) == ("Fresh", "Lab2")
    elif store == "creds":
        if fault == "truncated":  # Lab's password is cut in its hex: unreadable
            assert got == {
                "GetEntryDialParams": OPEN,
                "GetCredentials": OPEN,
                "Dial": OPEN,
                "SetEntryDialParams": 0,  # rewrites the broken value
                "SetCredentials": 0,
            }
            assert ras.GetEntryDialParams(case.pbk, "Home")[0][3] == "bob"  # kept
        else:
            assert got == dict.fromkeys(got, 0)
        assert ras.GetEntryDialParams(case.pbk, "Lab")[0][3] == "carol"
    else:
        unknown = {} if fault == "truncated" else {"GetAutodialAddress": 2}  # not found
        assert got == {**dict.fromkeys(got, 0), **unknown}
        names = ras.EnumAutodialAddresses()
        if fault == "truncated":  # the cut Name= (its first spelling) is kept
            assert sorted(names) == ["a.ex", "b.example"]
            assert ras.GetAutodialAddress("b.example")[0]["entry"] == "Home"  # kept
        else:
            assert names == ["a.example"]
        assert ras.GetAutodialAddress("a.example")[0]["entry"] == "Lab"


# ---- permissions: a child process that cannot override file modes ----------


def unprivileged_prefix() -> list[str]:
    """Command prefix under which mode bits apply (root overrides them)."""
    if IS_WINDOWS:
        pytest.skip("Windows has no mode bits; Wine as root would ignore them anyway")
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root and setpriv(1) is missing: cannot drop CAP_DAC_OVERRIDE")
    caps = "-dac_override,-dac_read_search,-fowner"
    return [setpriv, f"--inh-caps={caps}", f"--bounding-set={caps}"]


CHILD = """
import json, sys
sys.path.insert(0, {tests!r})
import test_faulty_files as t
print(json.dumps(t.observe({store!r}, {pbk!r}, {writes!r})))
"""


def observe_unprivileged(store: str, pbk: str, writes: bool = True) -> dict[str, int]:
    code_text = CHILD.format(
        tests=os.path.dirname(os.path.abspath(__file__)), store=store, pbk=pbk, writes=writes
    )
    r = subprocess.run(
        [*unprivileged_prefix(), sys.executable, "-c", code_text],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    result: dict[str, int] = json.loads(r.stdout)
    return result


@pytest.mark.parametrize("store", ["pbk", "creds", "autodial"])
def test_unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, store: str) -> None:
    unprivileged_prefix()
    case = Case(tmp_path, store, monkeypatch)
    case.target.write_bytes(case.valid_content())
    os.chmod(case.target, 0)
    try:
        before, before_dir = snapshot(case.target), listing(case.dir)
        got = observe_unprivileged(store, case.pbk)
        assert got == dict.fromkeys(got, OPEN)
        assert snapshot(case.target) == before
        assert listing(case.dir) == before_dir
    finally:
        os.chmod(case.target, 0o644)


READ_ONLY_READS = {
    "pbk": dict.fromkeys(pbk_reads(""), 0),
    "creds": dict.fromkeys(creds_reads(""), 0),
    "autodial": {
        "EnumAutodialAddresses": 0,
        "GetAutodialAddress": 0,
        "GetAutodialEnable": 0,
        "GetAutodialParam": 0,
    },
}


@pytest.mark.parametrize("store", ["pbk", "creds", "autodial"])
def test_read_only_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, store: str) -> None:
    """Reads work; every write fails with 624 and the file stays as it was."""
    unprivileged_prefix()
    case = Case(tmp_path, store, monkeypatch)
    case.target.write_bytes(case.valid_content())
    before, before_dir = snapshot(case.target), listing(case.dir)
    os.chmod(case.dir, 0o555)
    try:
        got = observe_unprivileged(store, case.pbk)
    finally:
        os.chmod(case.dir, 0o755)
    reads = READ_ONLY_READS[store]
    writes = {k: v for k, v in got.items() if k not in reads}
    assert {k: got[k] for k in reads} == reads
    assert writes == dict.fromkeys(writes, WRITE)
    assert snapshot(case.target) == before
    assert listing(case.dir) == before_dir


def test_parent_is_a_file(tmp_path: Path) -> None:
    """A phonebook path through a regular file: 621 (missing), nothing made."""
    parent = tmp_path / "file"
    parent.write_bytes(b"keep")
    pbk = str(parent / "test.pbk")
    got = observe_at_once("pbk", pbk, parent / "test.pbk")
    assert got == dict.fromkeys(got, OPEN)
    assert parent.read_bytes() == b"keep"


def test_fifo_default_phonebook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A FIFO as the default phonebook is 621 too (a missing default is empty)."""
    if not hasattr(os, "mkfifo"):
        pytest.skip("FIFOs are POSIX only")
    fifo = tmp_path / "fifo.pbk"
    os.mkfifo(fifo)
    monkeypatch.setenv("RASSIM_PHONEBOOK", str(fifo))
    try:
        got = observe_at_once("pbk", "", fifo, writes=False)
    finally:
        fifo.unlink()
    assert got == dict.fromkeys(got, OPEN)


def test_symlink_is_written_through(tmp_path: Path) -> None:
    """A phonebook that is a symbolic link stays one: its target is updated."""
    if IS_WINDOWS:
        pytest.skip("symbolic links need a privilege on Windows")
    real = tmp_path / "real.pbk"
    real.write_bytes(entry_bytes("Lab"))
    link = tmp_path / "link.pbk"
    os.symlink(real, link)
    ras.SetEntryProperties(str(link), "Fresh", {"localPhoneNumber": "f.example"})
    assert os.path.islink(link)
    assert ras.EnumEntries(None, str(real)) == ("Lab", "Fresh")


@pytest.mark.parametrize("kind", ["directory", "fifo"])
def test_lock_file_in_the_way(tmp_path: Path, kind: str) -> None:
    """Something not a file where the lock file goes: reads work, changes
    fail with 624 at once (never unlocked, never waiting), nothing changes."""
    if IS_WINDOWS:
        pytest.skip("Windows reports a directory there as access denied (as read-only): POSIX")
    pbk = simctl.write_phonebook(tmp_path / "test.pbk", ["Lab", "Home"])
    lock = tmp_path / "test.pbk.lock"
    if kind == "directory":
        lock.mkdir()
    else:
        os.mkfifo(lock)
    before = snapshot(Path(pbk))
    got = observe_at_once("pbk", pbk, lock)
    reads = dict.fromkeys(pbk_reads(pbk), 0)
    assert {k: got[k] for k in reads} == reads
    # the .cred store has its own, free lock file: those two changes work
    assert {k: v for k, v in got.items() if k not in reads} == {
        "SetEntryDialParams": 0,
        "SetCredentials": 0,
        "SetEntryProperties(new)": WRITE,
        "SetEntryProperties": WRITE,
        "RenameEntry": WRITE,
        "DeleteEntry": WRITE,
    }
    assert snapshot(Path(pbk)) == before
