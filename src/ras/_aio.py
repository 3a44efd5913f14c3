"""``ras.connect()``: dialling as an asyncio coroutine, driven by RAS's notifications.

No thread per dial and no polling while dialling: RAS's notifier (on the
thread RAS chose) hands each notification to the event loop with
``call_soon_threadsafe``, and the coroutine waits on an ``asyncio.Queue``.
The rules for each notification are ``ras.dial()``'s (ras/_dialing.py).

Cancelling the task hangs the dial up at once -- RasHangUp, which returns
without waiting for RAS -- so a cancelled ``connect`` never hangs, even when
RAS never notifies again; it then waits (bounded, itself cancellable) for
RAS to forget the handle.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Coroutine, Generator
from types import TracebackType
from typing import Any

from ras._connection import HANGUP_TIMEOUT, Connection, ahangup_handle
from ras._dialing import OnPause, OnState, Step, _Dial, log
from ras._errors import RasError

__all__ = ["Connecting", "connect"]


class Connecting:
    """What ``ras.connect()`` returns: await it for the :class:`Connection`,
    or use it with ``async with`` to hang up on leaving the block.

    Like a coroutine it is used once: it dials when awaited or entered, and
    a second ``await`` (or ``async with``) raises ``RuntimeError``.
    """

    __slots__ = ("_conn", "_dial", "_hangup_timeout", "_used")

    def __init__(self, d: _Dial, hangup_timeout: float) -> None:
        self._dial = d
        self._hangup_timeout = hangup_timeout
        self._conn: Connection | None = None
        self._used = False

    def __repr__(self) -> str:
        return f"<ras.Connecting {self._dial.entry!r}>"

    def _start(self) -> Coroutine[Any, Any, Connection]:
        if self._used:
            raise RuntimeError("this ras.connect() was awaited already: call ras.connect() again")
        self._used = True
        return _run(self._dial, self._hangup_timeout)

    def __await__(self) -> Generator[Any, None, Connection]:
        return self._start().__await__()

    async def __aenter__(self) -> Connection:
        self._conn = await self._start()
        return self._conn

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._conn is not None:
            await self._conn.ahangup(self._hangup_timeout)


def connect(
    entry: str,
    *,
    phonebook: str | None = None,
    user: str | None = None,
    password: str | None = None,
    domain: str | None = None,
    phone: str | None = None,
    callback_number: str | None = None,
    timeout: float | None = None,
    on_state: OnState | None = None,
    on_pause: OnPause | None = None,
    prefix_suffix: bool = False,
    hangup_timeout: float = HANGUP_TIMEOUT,
) -> Connecting:
    """:func:`ras.dial` as a coroutine: ``conn = await ras.connect("Office", ...)``.

    The same arguments and failures as :func:`ras.dial`; ``on_state`` runs
    in the event loop; ``on_pause`` may be a coroutine function.  Cancelling
    the awaiting task hangs the dial up (and re-raises ``CancelledError``).

    >>> async with ras.connect("Office VPN", user="alice", password=secret) as conn:
    ...     print(conn.ipv4())
    """
    d = _Dial(
        entry,
        phonebook=phonebook,
        user=user,
        password=password,
        domain=domain,
        phone=phone,
        callback_number=callback_number,
        timeout=timeout,
        on_state=on_state,
        on_pause=on_pause,
        prefix_suffix=prefix_suffix,
    )
    return Connecting(d, hangup_timeout)


async def _run(d: _Dial, hangup_timeout: float) -> Connection:
    loop = asyncio.get_running_loop()
    q: asyncio.Queue[tuple[int, int, int]] = asyncio.Queue()

    def notifier(_hrasconn: int, _msg: int, state: int, error: int, extended: int) -> None:
        # On RAS's thread.  Once the loop is closed nobody waits for this
        # dial any more (its task is gone): drop the notification.
        if not d.notified(state, error):
            return
        try:
            loop.call_soon_threadsafe(q.put_nowait, (state, error, extended))
        except RuntimeError:
            pass

    try:
        d.start(notifier)
        while True:
            left = d.time_left()
            try:
                item = await asyncio.wait_for(q.get(), left)
            except asyncio.TimeoutError:
                continue  # time_left() raises the dial's timeout
            step = d.step(*item)
            # A cancellation requested meanwhile (by on_state, say) lands here,
            # inside the try: were the coroutine to return the connection
            # with a cancellation pending, the task would drop the result
            # and report CancelledError, leaving the connection up.
            await asyncio.sleep(0)
            if step is Step.CONNECTED:
                return Connection(d.handle, d.entry, d.phonebook)
            if step is Step.FAILED:
                assert d.failure is not None
                raise d.failure
            if step is Step.PAUSED:
                assert d.on_pause is not None and d.paused is not None
                answer = d.on_pause(d.paused)
                if inspect.isawaitable(answer):
                    answer = await answer
                d.answer(answer)
                d.resume(notifier)
    except BaseException as exc:
        d.log_failure(exc)
        if d.handle:
            await _abandon(d.handle, hangup_timeout)
        raise
    finally:
        d.forget_secrets()


async def _abandon(handle: int, timeout: float) -> None:
    """Hang up a failed or cancelled dial (RasHangUp at once), then wait for it to go.

    RasHangUp is called before the first await, so a second cancellation
    stops only the wait (and propagates); a RAS failure of the hang-up is
    logged, not raised over the dial's own exception.
    """
    try:
        await ahangup_handle(handle, timeout)
    except RasError as exc:
        log.error("dial handle 0x%x: hanging up after the failure failed: %s", handle, exc)
    else:
        log.info("dial handle 0x%x: hung up, and gone", handle)
