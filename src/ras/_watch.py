"""Connections made and dropped, by anyone: ``ras.watch()``.

RasConnectionNotification only sets an event: it says *that* something
happened, not what.  A watcher therefore registers its event first, then
takes a snapshot of the connected connections (RasEnumConnections, each
confirmed RASCS_Connected by RasGetConnectStatus), and on every wake-up takes
a new snapshot and reports the difference: handles that left (or changed
entry: a reused handle) as ``DISCONNECTED``, then handles that arrived as
``CONNECTED``.  Registering before the first snapshot means no change is
missed, and several changes between two wake-ups are all reported, once
each.  Connections present when the watcher starts are the baseline, not
events (``include_existing=True`` reports them first, as ``CONNECTED``).

A connection that is made *and* dropped between two wake-ups appears in no
snapshot and is not reported: RAS gives nothing else to tell it happened.

>>> import ras
>>> with ras.watch() as watcher:                     # every connection
...     for event in watcher.events(timeout=0.05):    # quiet for 50 ms: ends
...         print(event.kind.value, event.entry)
"""

from __future__ import annotations

import asyncio
import enum
import logging
import operator
import threading
import time
from collections import deque
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from typing import SupportsIndex, Union

from ras import _events, _ras

__all__ = ["ConnectionEvent", "ConnectionEventKind", "ConnectionWatcher", "watch"]

log = logging.getLogger("ras.watch")

ALL_CONNECTIONS = -1  # INVALID_HANDLE_VALUE: RasConnectionNotification for every connection
_SLICE_MS = 1000  # longest single wait, so that Ctrl-C is seen in the main thread


class ConnectionEventKind(enum.Enum):
    """What happened to a connection."""

    CONNECTED = "connected"
    DISCONNECTED = "disconnected"


@dataclass(frozen=True)
class ConnectionEvent:
    """A connection reached RASCS_Connected, or ended (hung up or dropped).

    ``handle`` is the HRASCONN; ``entry``, ``device_type`` and ``device_name``
    are what RasEnumConnections reported for it (for a disconnection: the
    last time it was seen connected).

    >>> e = ConnectionEvent(ConnectionEventKind.CONNECTED, 0x10000, "Office", "vpn", "WAN")
    >>> str(e)
    "connected 'Office' (handle 0x10000, vpn WAN)"
    """

    kind: ConnectionEventKind
    handle: int
    entry: str
    device_type: str
    device_name: str

    def __str__(self) -> str:
        return (
            f"{self.kind.value} {self.entry!r} (handle {self.handle:#x}, "
            f"{self.device_type} {self.device_name})"
        )


class _End:
    """Marks the end of an asynchronous iteration."""


_END = _End()
_Item = Union[ConnectionEvent, BaseException, _End]


def _status(handle: int) -> tuple[int, str, str] | None:
    """(state, device type, device name), or None for a handle RAS no longer knows."""
    try:
        state, _err, devtype, devname = _ras.GetConnectStatus(handle)
    except _ras.error:
        return None
    return int(state), devtype, devname


def _snapshot_all() -> dict[int, tuple[str, str, str]]:
    out: dict[int, tuple[str, str, str]] = {}
    for handle, entry, devtype, devname in _ras.EnumConnections():
        st = _status(handle)
        if st is not None and st[0] == _ras.RASCS_Connected:
            out[int(handle)] = (entry, devtype, devname)
    return out


class ConnectionWatcher:
    """Connection events, from RasConnectionNotification.

    ``ConnectionWatcher()`` watches every connection of the machine (RAS's
    INVALID_HANDLE_VALUE registration, RASCN_Connection | RASCN_Disconnection);
    ``ConnectionWatcher(handle)`` watches one connection: its iteration yields
    its ``DISCONNECTED`` event, then ends.  Use a watcher in one of three ways:

    * blocking: ``for event in watcher`` (ends when stopped), or
      ``watcher.events(timeout=..., total=...)``;
    * asyncio: ``async for event in watcher`` (one background thread per
      watcher, events handed to the loop with ``call_soon_threadsafe``);
    * callback: ``watcher.start(callable)`` calls it on a background thread;
      an exception it raises goes to ``threading.excepthook``, and the
      watcher goes on.

    ``stop()`` (also ``close()``, leaving a ``with`` block, ``await aclose()``)
    wakes any waiter at once, joins the background thread and closes the event
    handle.  RAS has no call to cancel a registration: Windows' RasMan keeps
    its own duplicate of the event, which nobody waits on any more.

    >>> with ConnectionWatcher() as w:
    ...     w.stopped
    False
    >>> w.stopped
    True
    """

    def __init__(self, handle: SupportsIndex | None = None, *, include_existing: bool = False):
        self._handle = None if handle is None else operator.index(handle)
        self._cond = threading.Condition()
        self._consumer = threading.Lock()  # one consumer waits at a time
        self._stopping = False
        self._closed = False
        self._waiting = 0
        self._ended = False  # one connection: its end reported
        self._pending: deque[ConnectionEvent] = deque()
        self._thread: threading.Thread | None = None
        self._thread_exited = False
        self._on_exit: list[Callable[[], None]] = []
        self._event = _events.create()
        try:
            if self._handle is None:
                flags = _ras.RASCN_Connection | _ras.RASCN_Disconnection
                _ras.ConnectionNotification(ALL_CONNECTIONS, self._event, flags)
                self._known = _snapshot_all()
            else:
                _ras.ConnectionNotification(self._handle, self._event, _ras.RASCN_Disconnection)
                self._known = self._snapshot_one(self._handle)
                if not self._known:  # ended already (RAS accepted it): report that end
                    st = _status(self._handle)
                    info = ("", st[1], st[2]) if st is not None else ("", "", "")
                    self._add(
                        ConnectionEvent(ConnectionEventKind.DISCONNECTED, self._handle, *info)
                    )
                    self._ended = True
        except BaseException:
            _events.close(self._event)
            self._closed = self._stopping = True
            raise
        if include_existing:
            self._pending.extend(
                ConnectionEvent(ConnectionEventKind.CONNECTED, h, *info)
                for h, info in self._known.items()
            )
        log.debug("watching %s (%d connected)", self._what(), len(self._known))

    def _what(self) -> str:
        return "every connection" if self._handle is None else f"connection {self._handle:#x}"

    def __repr__(self) -> str:
        state = "stopped" if self._stopping else "running"
        return f"<ConnectionWatcher {self._what()} {state}>"

    @property
    def handle(self) -> int | None:
        """The connection watched, or None for every connection."""
        return self._handle

    @property
    def stopped(self) -> bool:
        """True once stop() was called or a one-connection watcher reported its end."""
        return self._stopping

    # ---- snapshots and the difference ------------------------------------

    def _snapshot_one(self, handle: int) -> dict[int, tuple[str, str, str]]:
        st = _status(handle)
        if st is None or st[0] == _ras.RASCS_Disconnected:
            return {}
        known = getattr(self, "_known", {})
        if handle in known:
            return {handle: known[handle]}
        entry = next((e for h, e, _t, _n in _ras.EnumConnections() if h == handle), "")
        return {handle: (entry, st[1], st[2])}

    def _refresh(self) -> None:
        old = self._known
        new = _snapshot_all() if self._handle is None else self._snapshot_one(self._handle)
        self._known = new
        for h, info in old.items():
            if new.get(h) != info:  # gone, or the handle now names another connection
                self._add(ConnectionEvent(ConnectionEventKind.DISCONNECTED, h, *info))
        for h, info in new.items():
            if old.get(h) != info:
                self._add(ConnectionEvent(ConnectionEventKind.CONNECTED, h, *info))
        if self._handle is not None and not new:
            self._ended = True

    def _add(self, event: ConnectionEvent) -> None:
        log.info("%s", event)
        self._pending.append(event)

    # ---- waiting ---------------------------------------------------------

    def _get(self, timeout: float | None) -> ConnectionEvent | None:
        """The next event; None when timeout seconds pass; StopIteration at the end."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._consumer:
            while True:
                if self._pending:
                    return self._pending.popleft()
                if self._ended:
                    self._finish()
                if self._stopping:
                    raise StopIteration
                ms = _SLICE_MS
                if deadline is not None:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        return None
                    ms = min(ms, int(left * 1000) + 1)
                with self._cond:
                    if self._stopping:
                        raise StopIteration
                    self._waiting += 1
                try:
                    signalled = _events.wait(self._event, ms)
                finally:
                    with self._cond:
                        self._waiting -= 1
                        if self._stopping and self._waiting == 0:
                            self._release()
                if signalled and not self._stopping:
                    self._refresh()

    def __iter__(self) -> Iterator[ConnectionEvent]:
        return self

    def __next__(self) -> ConnectionEvent:
        """Blocks until the next event; StopIteration once stopped (or, watching
        one connection, after its end)."""
        event = self._get(None)
        assert event is not None
        return event

    def events(
        self, timeout: float | None = None, *, total: float | None = None
    ) -> Iterator[ConnectionEvent]:
        """Yields events as they come.  Ends when the watcher stops, when no
        event came for ``timeout`` seconds, or ``total`` seconds after the
        first call (whichever is first); None: no such limit.

        >>> with ConnectionWatcher() as w:
        ...     list(w.events(total=0.01))
        []
        """
        end = None if total is None else time.monotonic() + total
        while True:
            wait = timeout
            if end is not None:
                left = max(end - time.monotonic(), 0.0)
                wait = left if wait is None else min(wait, left)
            try:
                event = self._get(wait)
            except StopIteration:
                return
            if event is None:
                return
            yield event

    # ---- stopping --------------------------------------------------------

    def _release(self) -> None:
        """Closes the event handle, once (with self._cond held)."""
        if not self._closed:
            self._closed = True
            _events.close(self._event)
            log.debug("stopped watching %s", self._what())
            self._cond.notify_all()

    def _finish(self) -> None:
        """Stops without waiting for anyone (a waiter or the caller's own thread)."""
        with self._cond:
            if not self._stopping:
                self._stopping = True
                if not self._closed:
                    _events.set_event(self._event)  # wakes a waiter
            if self._waiting == 0:
                self._release()

    def stop(self) -> None:
        """Stops the watcher: wakes a blocked iteration (which then ends), joins
        the background thread (unless called from it) and closes the event
        handle.  Idempotent."""
        self._finish()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join()
        with self._cond:
            if not self._cond.wait_for(lambda: self._closed, timeout=60):
                raise RuntimeError("a waiter did not leave the watcher")  # pragma: no cover

    close = stop

    def __enter__(self) -> ConnectionWatcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def __del__(self) -> None:
        if not getattr(self, "_closed", True) and getattr(self, "_waiting", 1) == 0:
            self._closed = True
            _events.close(self._event)

    # ---- the background thread: callback and asyncio ---------------------

    def _start_thread(self, deliver: Callable[[_Item], None], name: str) -> None:
        with self._cond:
            if self._thread is not None:
                raise RuntimeError("this watcher already runs a background thread")
            if self._stopping:
                raise RuntimeError("this watcher is stopped")

            def run() -> None:
                try:
                    while True:
                        try:
                            event = self._get(None)
                        except StopIteration:
                            break
                        assert event is not None
                        deliver(event)
                except BaseException as exc:  # to the consumer: raised by async for
                    deliver(exc)
                finally:
                    deliver(_END)
                    with self._cond:
                        self._thread_exited = True
                        on_exit, self._on_exit = self._on_exit, []
                    for fn in on_exit:
                        fn()

            self._thread = threading.Thread(target=run, name=name, daemon=True)
            self._thread.start()

    def start(self, callback: Callable[[ConnectionEvent], object]) -> ConnectionWatcher:
        """Calls ``callback(event)`` on a background thread for each event,
        until stop().  An exception from the callback goes to
        ``threading.excepthook`` (which prints it by default) and the
        watcher carries on.  Returns the watcher.

        >>> seen = []
        >>> with ConnectionWatcher().start(seen.append):
        ...     pass
        >>> seen
        []
        """

        def deliver(item: _Item) -> None:
            if isinstance(item, ConnectionEvent):
                try:
                    callback(item)
                except Exception as exc:
                    _report(exc)
            elif isinstance(item, BaseException):
                _report(item)

        self._start_thread(deliver, "ras.watch callback")
        return self

    def __aiter__(self) -> AsyncIterator[ConnectionEvent]:
        return self._aiter()

    async def _aiter(self) -> AsyncIterator[ConnectionEvent]:
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[_Item] = asyncio.Queue()

        def deliver(item: _Item) -> None:
            try:
                loop.call_soon_threadsafe(queue.put_nowait, item)
            except RuntimeError:  # the loop is closed: nobody listens any more
                self._finish()

        self._start_thread(deliver, "ras.watch asyncio")
        try:
            while True:
                item = await queue.get()
                if isinstance(item, _End):
                    return
                if isinstance(item, BaseException):
                    raise item
                yield item
        finally:
            self._finish()  # leaving the loop stops the watcher; the thread closes the handle

    async def aclose(self) -> None:
        """stop() for asyncio: waits for the background thread without blocking the loop."""
        loop = asyncio.get_running_loop()
        done = loop.create_future()

        def resolve() -> None:
            if not done.done():
                done.set_result(None)

        def exited() -> None:
            loop.call_soon_threadsafe(resolve)

        with self._cond:
            running = self._thread is not None and not self._thread_exited
            if running:
                self._on_exit.append(exited)
        self._finish()
        if running:
            await done
        self.stop()  # the thread has ended: returns at once

    async def __aenter__(self) -> ConnectionWatcher:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()


def _report(exc: BaseException) -> None:
    threading.excepthook(
        threading.ExceptHookArgs([type(exc), exc, exc.__traceback__, threading.current_thread()])
    )


def watch(
    handle: SupportsIndex | None = None, *, include_existing: bool = False
) -> ConnectionWatcher:
    """A :class:`ConnectionWatcher` of every connection, or of the connection ``handle``.

    >>> with watch() as watcher:
    ...     for event in watcher.events(timeout=0.01):
    ...         print(event)
    """
    return ConnectionWatcher(handle, include_existing=include_existing)
