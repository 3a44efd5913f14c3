"""ras.watch(): connection events from RasConnectionNotification (issue 8, the watcher).

The connections come from this process and from other processes: processes
that name the same RASSIM_CONNECTIONS file share one view of the machine's
connections in the simulator (docs/simulator.md), as every process does on
Windows.  One body for Linux and Wine (tests/events.py-style events inside
ras._events).
"""

from __future__ import annotations

import asyncio
import doctest
import logging
import re
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import Scenario, requires_sim
from test_dial import wait_until

import ras
import simctl
from ras import _events, _watch
from ras._watch import ConnectionEvent, ConnectionEventKind

pytestmark = requires_sim

CONNECTED = ConnectionEventKind.CONNECTED
DISCONNECTED = ConnectionEventKind.DISCONNECTED
NAMES = [f"E{i}" for i in range(12)]
WAIT = 60.0  # failure timeout of every wait: a pass never waits this long

# A process that dials and hangs up on command: "dial NAME" answers the
# handle, "hangup HANDLE" answers "ok" once RasHangUp returned.
WORKER = """
import sys
import ras

pbk = sys.argv[1]
print("ready", flush=True)
for line in sys.stdin:
    cmd, arg = line.split()
    if cmd == "dial":
        h, rc = ras.Dial(None, pbk, (arg,), None)
        assert rc == 0, rc
        print(int(h), flush=True)
    elif cmd == "hangup":
        ras.HangUp(int(arg))
        print("ok", flush=True)
"""


class Worker:
    def __init__(self, script: Path, pbk: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(script), pbk],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert self.ask(None) == "ready"

    def ask(self, command: str | None) -> str:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        if command is not None:
            self.proc.stdin.write(command + "\n")
            self.proc.stdin.flush()
        answer = self.proc.stdout.readline().strip()
        if not answer:
            assert self.proc.stderr is not None
            pytest.fail(f"worker died: {self.proc.stderr.read()}")
        return answer

    def dial(self, name: str) -> int:
        return int(self.ask(f"dial {name}"))

    def hangup(self, handle: int) -> None:
        assert self.ask(f"hangup {handle}") == "ok"

    def close(self) -> None:
        if self.proc.poll() is None:
            assert self.proc.stdin is not None
            self.proc.stdin.close()
            try:
                self.proc.wait(timeout=WAIT)
            except subprocess.TimeoutExpired:  # pragma: no cover
                self.proc.kill()
                self.proc.wait()
        for f in (self.proc.stdout, self.proc.stderr):
            if f is not None:
                f.close()


@pytest.fixture
def book(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A phonebook of NAMES; this process and its children share one machine view."""
    monkeypatch.setenv("RASSIM_CONNECTIONS", str(tmp_path / "machine.connections"))
    return simctl.write_phonebook(tmp_path / "watch.pbk", NAMES)


@pytest.fixture
def workers(tmp_path: Path, book: str) -> Iterator[list[Worker]]:
    script = tmp_path / "worker.py"
    script.write_text(textwrap.dedent(WORKER), encoding="utf-8")
    started = [Worker(script, book) for _ in range(2)]
    yield started
    for w in started:
        w.close()


def dial(pbk: str, name: str) -> int:
    h, rc = ras.Dial(None, pbk, (name,), None)
    assert rc == 0
    return int(h)


def take(events: Iterator[ConnectionEvent], n: int) -> list[ConnectionEvent]:
    got: list[ConnectionEvent] = []
    for e in events:
        got.append(e)
        if len(got) == n:
            return got
    pytest.fail(f"the watcher ended after {got}")


def summary(events: list[ConnectionEvent]) -> list[tuple[ConnectionEventKind, str]]:
    return sorted((e.kind, e.entry) for e in events)


def test_sees_connects_and_drops_of_other_processes(workers: list[Worker]) -> None:
    n = 4
    with ras.watch() as watcher:
        stream = watcher.events(timeout=WAIT)
        handles: dict[str, tuple[Worker, int]] = {}
        for i in range(n):
            for k, w in enumerate(workers):
                name = f"E{k * n + i}"
                handles[name] = (w, w.dial(name))
        made = take(stream, 2 * n)
        assert summary(made) == sorted((CONNECTED, name) for name in handles)
        assert {e.entry: e.handle for e in made} == {k: h for k, (_, h) in handles.items()}
        assert all(e.device_type == "vpn" and e.device_name for e in made)
        for w, h in handles.values():
            w.hangup(h)
        dropped = take(stream, 2 * n)
        assert summary(dropped) == sorted((DISCONNECTED, name) for name in handles)
        assert {e.entry: e.handle for e in dropped} == {k: h for k, (_, h) in handles.items()}
        # nothing more came meanwhile: the next event is the marker's
        last = workers[1].dial("E10")
        assert [(e.kind, e.entry, e.handle) for e in take(stream, 1)] == [(CONNECTED, "E10", last)]
        workers[1].hangup(last)


def test_one_connection_of_another_process(workers: list[Worker]) -> None:
    h = workers[0].dial("E0")
    other = workers[1].dial("E1")
    with ras.watch(h) as watcher:
        assert watcher.handle == h
        workers[1].hangup(other)  # another connection's end: not this watcher's
        workers[0].hangup(h)
        events = list(watcher.events(timeout=WAIT))
    assert [(e.kind, e.handle, e.entry) for e in events] == [(DISCONNECTED, h, "E0")]
    assert watcher.stopped


def test_one_connection_iteration_ends_at_its_drop(book: str) -> None:
    h = dial(book, "E0")
    keep = dial(book, "E1")
    watcher = ras.watch(h)
    threading.Thread(target=ras.HangUp, args=(h,)).start()
    events = list(watcher)  # blocks until the drop, then ends
    assert [(e.kind, e.handle, e.entry) for e in events] == [(DISCONNECTED, h, "E0")]
    assert watcher.stopped
    assert_released(watcher)  # the iteration's end released the event handle
    ras.HangUp(keep)


def test_link_drop_is_a_disconnection(book: str, scenario: Scenario) -> None:
    scenario.set({"E3": {"DropAfterMs": 30}})
    h = dial(book, "E3")
    with ras.watch(h) as watcher:  # before or after the drop: reported once
        events = list(watcher.events(timeout=WAIT))
    assert [(e.kind, e.handle) for e in events] == [(DISCONNECTED, h)]
    ras.HangUp(h)


def test_many_changes_between_wake_ups_all_reported_once(book: str) -> None:
    names = NAMES[:10]
    with ras.watch() as watcher:
        hs = [dial(book, name) for name in names]  # all before the first wait
        made = take(watcher.events(timeout=WAIT), len(names))
        assert [(e.kind, e.entry, e.handle) for e in made] == [
            (CONNECTED, name, h) for name, h in zip(names, hs)
        ]  # in dial order
        for h in hs:
            ras.HangUp(h)
        dropped = take(watcher.events(timeout=WAIT), len(names))
        assert [(e.kind, e.entry) for e in dropped] == [(DISCONNECTED, name) for name in names]
        marker = dial(book, "E11")  # nothing duplicated: the marker comes next
        assert [(e.kind, e.entry) for e in take(watcher.events(timeout=WAIT), 1)] == [
            (CONNECTED, "E11")
        ]
        ras.HangUp(marker)


def test_existing_connections_are_the_baseline(book: str) -> None:
    old = [dial(book, "E0"), dial(book, "E1")]
    with ras.watch() as watcher:
        new = dial(book, "E2")
        stream = watcher.events(timeout=WAIT)
        assert [(e.kind, e.entry) for e in take(stream, 1)] == [(CONNECTED, "E2")]
        ras.HangUp(old[0])  # an existing connection's end is reported
        assert [(e.kind, e.handle) for e in take(stream, 1)] == [(DISCONNECTED, old[0])]
    with ras.watch(include_existing=True) as watcher:
        first = take(watcher.events(timeout=WAIT), 2)
        assert [(e.kind, e.entry) for e in first] == [(CONNECTED, "E1"), (CONNECTED, "E2")]
    for h in (old[1], new):
        ras.HangUp(h)


def test_async_for(workers: list[Worker]) -> None:
    async def main() -> list[ConnectionEvent]:
        got: list[ConnectionEvent] = []
        two = asyncio.Event()
        async with ras.watch() as watcher:

            async def consume() -> None:
                async for event in watcher:
                    got.append(event)
                    if len(got) == 2:
                        two.set()
                    if len(got) == 4:
                        return

            task = asyncio.create_task(consume())
            loop = asyncio.get_running_loop()
            # the other processes work while the consumer awaits: the loop is free
            h0 = await loop.run_in_executor(None, workers[0].dial, "E0")
            h1 = await loop.run_in_executor(None, workers[1].dial, "E1")
            await asyncio.wait_for(two.wait(), WAIT)  # both connects before the hang-ups
            await loop.run_in_executor(None, workers[0].hangup, h0)
            await loop.run_in_executor(None, workers[1].hangup, h1)
            await asyncio.wait_for(task, WAIT)
        assert watcher.stopped
        assert_released(watcher)
        return got

    got = asyncio.run(main())
    assert summary(got[:2]) == [(CONNECTED, "E0"), (CONNECTED, "E1")]
    assert summary(got[2:]) == [(DISCONNECTED, "E0"), (DISCONNECTED, "E1")]


def test_async_break_stops_the_watcher(book: str) -> None:
    async def main() -> ras.ConnectionWatcher:
        watcher = ras.watch()
        h = dial(book, "E0")
        async for event in watcher:
            assert (event.kind, event.handle) == (CONNECTED, h)
            break
        await watcher.aclose()
        ras.HangUp(h)
        return watcher

    watcher = asyncio.run(main())
    assert watcher.stopped and watcher._thread is not None and not watcher._thread.is_alive()
    assert_released(watcher)


def test_callback(book: str, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[ConnectionEvent] = []
    threads: set[threading.Thread] = set()
    hooked: list[BaseException | None] = []
    arrived = {name: threading.Event() for name in ("E0", "E1")}
    four = threading.Event()

    def on_event(event: ConnectionEvent) -> None:
        threads.add(threading.current_thread())
        seen.append(event)
        if len(seen) == 4:
            four.set()
        if event.kind is CONNECTED:
            arrived[event.entry].set()
            if event.entry == "E1":
                raise ValueError("from the callback")

    monkeypatch.setattr(threading, "excepthook", lambda args: hooked.append(args.exc_value))
    watcher = ras.watch().start(on_event)
    with pytest.raises(RuntimeError):
        watcher.start(on_event)  # one background thread per watcher
    with watcher:
        for name in ("E0", "E1"):
            h = dial(book, name)
            assert arrived[name].wait(WAIT)
            ras.HangUp(h)
        assert four.wait(WAIT)
    assert [(e.kind, e.entry) for e in seen] == [
        (CONNECTED, "E0"),
        (DISCONNECTED, "E0"),
        (CONNECTED, "E1"),
        (DISCONNECTED, "E1"),
    ]
    assert len(threads) == 1 and threading.current_thread() not in threads
    assert [str(e) for e in hooked] == ["from the callback"]  # and the watcher went on
    assert not next(iter(threads)).is_alive()
    assert_released(watcher)


def test_stop_wakes_a_blocked_iterator(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_watch, "_SLICE_MS", 600_000)  # only stop() can end the wait
    watcher = ras.watch()
    out: list[list[ConnectionEvent]] = []
    t = threading.Thread(target=lambda: out.append(list(watcher)))
    t.start()
    wait_until(lambda: watcher._waiting == 1)  # blocked in the wait
    threading.Thread(target=watcher.stop).start()
    t.join(WAIT)
    assert not t.is_alive() and out == [[]]
    watcher.stop()  # idempotent
    assert_released(watcher)
    assert list(watcher) == [] and list(watcher.events()) == []


def test_timeouts(book: str) -> None:
    with ras.watch() as watcher:
        assert list(watcher.events(timeout=0)) == []
        assert list(watcher.events(total=0)) == []
        assert list(watcher.events(timeout=0.05)) == []  # quiet for 50 ms: ends
        assert list(watcher.events(timeout=WAIT, total=0.05)) == []  # 50 ms in all: ends
        h = dial(book, "E0")
        assert [e.kind for e in take(watcher.events(timeout=WAIT, total=WAIT), 1)] == [CONNECTED]
        ras.HangUp(h)


def test_handles_are_closed(book: str) -> None:
    watchers = [ras.watch() for _ in range(3)]
    handles = [w._event for w in watchers]
    assert len(set(handles)) == 3
    for w in watchers:
        w.close()
        assert w.stopped
    for ev in handles:
        with pytest.raises(OSError):
            _events.wait(ev, 0)
    with pytest.raises(ras.error):  # a bad handle: nothing kept open
        ras.watch(0x7777)
    with ras.watch() as w:  # and watching goes on working after all that
        h = dial(book, "E0")
        assert [e.kind for e in take(w.events(timeout=WAIT), 1)] == [CONNECTED]
        ras.HangUp(h)


def test_logging(book: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="ras")
    with ras.watch() as watcher:
        h = dial(book, "E0")
        event = take(watcher.events(timeout=WAIT), 1)[0]
        ras.HangUp(h)
    infos = [r for r in caplog.records if r.name == "ras.watch" and r.levelno == logging.INFO]
    assert [r.getMessage() for r in infos][:1] == [str(event)]
    assert str(event) == f"connected 'E0' (handle {h:#x}, vpn {event.device_name})"


def test_event_type() -> None:
    e = ConnectionEvent(CONNECTED, 1, "E", "vpn", "dev")
    with pytest.raises(AttributeError):
        e.entry = "x"  # type: ignore[misc]
    assert e == ConnectionEvent(CONNECTED, 1, "E", "vpn", "dev")
    assert {e} == {ConnectionEvent(CONNECTED, 1, "E", "vpn", "dev")}
    assert ras.ConnectionEventKind("disconnected") is DISCONNECTED
    assert "ConnectionWatcher" in repr(ras.ConnectionWatcher())


GUIDE = Path(__file__).resolve().parent.parent / "docs" / "api" / "watch.md"


@pytest.mark.skipif(not GUIDE.is_file(), reason="source checkout only")
def test_the_guide_examples_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocks = re.findall(r"```python\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.DOTALL)
    assert len(blocks) == 4
    scope: dict[str, object] = {
        "phonebook": simctl.write_phonebook(tmp_path / "guide.pbk", ["Office"])
    }
    for block in blocks:
        exec(compile(block, str(GUIDE), "exec"), scope)
    printed = capsys.readouterr().out.splitlines()
    connected = [line for line in printed if line.startswith("connected 'Office' (handle 0x")]
    assert len(connected) == 3  # one per example that prints
    # the callback may also see its hang-up before the watcher stops
    assert printed[:3] == connected and printed[3:] in ([], [printed[2].replace("c", "disc", 1)])
    assert ras.EnumConnections() == []  # every example hung up what it dialled


def test_docstring_examples_run() -> None:
    for module in (_watch, _events):
        failed, attempted = doctest.testmod(module)
        assert (failed, attempted > 5) == (0, True), module.__name__


def assert_released(watcher: ras.ConnectionWatcher) -> None:
    """The watcher closed its event handle.  On POSIX a wait on the closed handle
    fails; on Windows a closed handle's value may already name a new object
    (Windows reuses handle values), so there the watcher's own record is what
    can be checked."""
    assert watcher._closed
    if sys.platform != "win32":
        with pytest.raises(OSError):
            _events.wait(watcher._event, 0)
