"""``ras.dial()``: a synchronous dial that connects or raises, and never leaves a handle behind.

The dial runs on RAS's asynchronous path (RasDial with a notifier) even
though the caller waits: that is what lets it see each state (``on_state``),
answer paused states (``on_pause``), time out, and hang up when Ctrl-C
arrives, none of which a synchronous RasDial allows (it blocks in rasapi32
until the dial ends).  ``_Dial`` is the part shared with ``ras.connect()``
(asyncio, ras/_aio.py): what to do with each notification; the drivers
differ only in how they wait for the next one.

Rules (Microsoft's RasDial reference): a dial that fails still has a handle,
which must be hung up; a paused dial is resumed by calling RasDial again with
its handle, never from inside the notifier.
"""

from __future__ import annotations

import enum
import logging
import queue
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ras import _ras
from ras._connection import HANGUP_TIMEOUT, Connection, ConnectionState, hangup_handle
from ras._errors import DialTimeoutError, RasError, error_for
from ras._states import state_name

__all__ = ["DialProgress", "PauseAnswer", "dial"]

log = logging.getLogger("ras")
# A library's logger gets no handler but this one (the logging HOWTO): an
# application that configures no logging sees no record, not even a warning
# through logging's last-resort handler.
log.addHandler(logging.NullHandler())

#: The longest a waiting thread blocks at once: a Ctrl-C is acted on within
#: this (Windows does not interrupt a lock wait with KeyboardInterrupt).
WAIT_SLICE = 0.1


@dataclass(frozen=True)
class DialProgress:
    """One notification of a dial, as ``on_state`` and ``on_pause`` receive it."""

    entry: str
    #: The HRASCONN of the dial.
    handle: int
    state: ConnectionState | int
    #: 0, or the RAS error that ends the dial.
    error: int
    #: RASDIALFUNC2's dwExtendedError: more about `error` (often 0).
    extended_error: int
    #: Seconds since the dial started.
    elapsed: float
    #: How many times the dial has paused so far (this pause included).
    pauses: int = 0

    @property
    def state_name(self) -> str:
        """``"Authenticate"`` for ``RASCS_Authenticate``."""
        return state_name(int(self.state))


@dataclass(frozen=True)
class PauseAnswer:
    """What ``on_pause`` answers to resume a paused dial.

    - ``RASCS_RetryAuthentication``: ``user``, ``password``, ``domain`` (``None``
      keeps the value the dial used);
    - ``RASCS_PasswordExpired``: ``password`` is the new password (``None``
      sends the old one again, which a server refuses: 709);
    - ``RASCS_CallbackSetByCaller``: ``callback_number``, the number the server
      calls back (``None`` or ``""``: no callback);
    - ``RASCS_InvokeEapUI``: nothing (``ras`` calls RasInvokeEapUI, then resumes);
    - ``RASCS_Interactive``: nothing (the terminal step is done).

    The password never appears in the repr.
    """

    user: str | None = None
    password: str | None = field(default=None, repr=False)
    domain: str | None = None
    callback_number: str | None = None


OnState = Callable[[DialProgress], object]
OnPause = Callable[[DialProgress], Any]  # PauseAnswer | None, or an awaitable of one (connect)


class Step(enum.Enum):
    """What a driver does after a notification."""

    WAIT = 0  # the next notification
    CONNECTED = 1
    FAILED = 2  # raise _Dial.failure (after hanging up)
    PAUSED = 3  # ask on_pause, then _Dial.resume


# RasDialParams' fields, in the order the raw Dial takes them.
_ENTRY, _PHONE, _CALLBACK, _USER, _PASSWORD, _DOMAIN = range(6)

# What giving up on a pause is reported as.
_GIVE_UP = {
    _ras.RASCS_RetryAuthentication: _ras.ERROR_AUTHENTICATION_FAILURE,
    _ras.RASCS_PasswordExpired: _ras.ERROR_PASSWD_EXPIRED,
}


class _Dial:
    """One dial: its parameters, its handle, and the rules for each notification."""

    def __init__(
        self,
        entry: str,
        *,
        phonebook: str | None,
        user: str | None,
        password: str | None,
        domain: str | None,
        phone: str | None,
        callback_number: str | None,
        timeout: float | None,
        on_state: OnState | None,
        on_pause: OnPause | None,
        prefix_suffix: bool = False,
    ) -> None:
        if not isinstance(entry, str):
            raise TypeError(f"entry must be a str, not {type(entry).__name__}")
        if timeout is not None and not timeout > 0:
            raise ValueError("timeout must be a positive number of seconds, or None")
        self.entry = entry
        self.phonebook = phonebook
        self.params = self._params(user, password, domain, phone, callback_number)
        self.timeout = timeout
        self.on_state = on_state
        self.on_pause = on_pause
        self.ext: _ras.RASDIALEXTENSIONS | None = None
        options = (_ras.RDEOPT_PausedStates if on_pause is not None else 0) | (
            _ras.RDEOPT_UsePrefixSuffix if prefix_suffix else 0
        )
        if options:
            self.ext = _ras.RASDIALEXTENSIONS()
            self.ext.dwfOptions = options
        self.handle = 0
        self.started = 0.0
        self.deadline: float | None = None
        self.state: ConnectionState | int = ConnectionState.OPEN_PORT
        self.pauses = 0
        self.paused: DialProgress | None = None
        self.failure: RasError | None = None

    def _params(
        self,
        user: str | None,
        password: str | None,
        domain: str | None,
        phone: str | None,
        callback_number: str | None,
    ) -> list[str]:
        """RasDialParams: the entry's saved ones (as rasdial.exe does), then what was given."""
        params = [self.entry, "", "", "", "", ""]
        if self.entry:
            saved, _has_password = _ras.GetEntryDialParams(self.phonebook, self.entry)
            params = list(saved)
            params[_ENTRY] = self.entry
        for index, value in (
            (_USER, user),
            (_PASSWORD, password),
            (_DOMAIN, domain),
            (_PHONE, phone),
            (_CALLBACK, callback_number),
        ):
            if value is not None:
                if not isinstance(value, str):
                    raise TypeError(f"dial parameters must be str, not {type(value).__name__}")
                params[index] = value
        return params

    def __repr__(self) -> str:  # never the parameters: they hold the password
        return f"<ras dial {self.entry!r} handle=0x{self.handle:x}>"

    # ---- starting and resuming -----------------------------------------

    def start(self, notifier: Callable[[int, int, int, int, int], None]) -> None:
        """RasDial; raises (after hanging up any handle) if RAS refuses at once."""
        log.info("%s: dialling", self.entry or self.params[_PHONE])
        self.started = time.monotonic()
        if self.timeout is not None:
            self.deadline = self.started + self.timeout
        handle, rc = _ras.Dial(self.ext, self.phonebook, self.params, notifier)
        self.handle = handle
        if rc != 0:
            self.failure = self._error(rc, self.state)
            log.warning("%s: RasDial refused: %s", self.entry, self.failure)
            raise self.failure

    def answer(self, answer: PauseAnswer | None) -> None:
        """Apply on_pause's answer to the paused dial (the driver then calls `resume`)."""
        paused = self.paused
        assert paused is not None
        if answer is None:
            code = _GIVE_UP.get(int(paused.state), _ras.ERROR_CANCELLED)
            self.failure = self._error(code, paused.state)
            raise self.failure
        if not isinstance(answer, PauseAnswer):
            raise TypeError(
                f"on_pause must return a PauseAnswer or None, not {type(answer).__name__}"
            )
        for index, value in (
            (_USER, answer.user),
            (_PASSWORD, answer.password),
            (_DOMAIN, answer.domain),
            (_CALLBACK, answer.callback_number),
        ):
            if value is not None:
                self.params[index] = value
        asked_callback = paused.state == ConnectionState.CALLBACK_SET_BY_CALLER
        if asked_callback and answer.callback_number is None:
            self.params[_CALLBACK] = ""  # "*" asked; no number is no callback
        if paused.state == ConnectionState.INVOKE_EAP_UI:
            _ras.InvokeEapUI(self.handle, 0, self.ext, 0)

    def resume(self, notifier: Callable[[int, int, int, int, int], None]) -> None:
        """RasDial again with the paused dial's handle."""
        log.info("%s: resuming from %s", self.entry, state_name(int(self.state)))
        self.paused = None
        _handle, rc = _ras.Dial(
            self.ext, self.phonebook, self.params, notifier, hrasconn=self.handle
        )
        if rc != 0:
            self.failure = self._error(rc, self.state)
            raise self.failure

    # ---- notifications ---------------------------------------------------

    def notified(self, state: int, error: int) -> bool:
        """On RAS's thread, for each notification: note and log the state.

        Returns whether the waiting side must see it: the ones that end or
        pause the dial, and every one when there is an ``on_state``.  The
        others wake nobody (a wake-up per state would cost a thread switch
        each: most of a dial's time on a fast server).
        """
        current = self.state = ConnectionState.of(state)
        if error:
            log.debug("%s: %s, error %d", self.entry, state_name(state), error)
        else:
            log.debug("%s: %s", self.entry, state_name(state))
        return (
            self.on_state is not None
            or error != 0
            or current in _PAUSED_STATES
            or current in (ConnectionState.CONNECTED, ConnectionState.DISCONNECTED)
        )

    def step(self, state: int, error: int, extended_error: int) -> Step:
        """A notification the waiting side sees, on the waiting thread (or the
        loop): what happens next."""
        current = self.state = ConnectionState.of(state)
        paused = current in _PAUSED_STATES and error == 0
        if paused:
            self.pauses += 1
        progress = DialProgress(
            self.entry,
            self.handle,
            current,
            error,
            extended_error,
            time.monotonic() - self.started,
            self.pauses,
        )
        if self.on_state is not None:
            self.on_state(progress)
        if error != 0:
            self.failure = self._error(error, current, extended_error)
            return Step.FAILED
        if current == ConnectionState.CONNECTED:
            log.info(
                "%s: connected (handle 0x%x) in %.3f s", self.entry, self.handle, progress.elapsed
            )
            return Step.CONNECTED
        if current == ConnectionState.DISCONNECTED:
            self.failure = self._error(_ras.ERROR_DISCONNECTION, current)
            return Step.FAILED
        if paused:
            self.paused = progress
            log.info("%s: paused in %s", self.entry, progress.state_name)
            if self.on_pause is None:  # cannot happen: RAS pauses only when asked
                self.failure = self._error(_ras.ERROR_CANCELLED, current)
                return Step.FAILED
            return Step.PAUSED
        return Step.WAIT

    def time_left(self) -> float | None:
        """Seconds until the deadline (None: no timeout); raises once it has passed."""
        if self.deadline is None:
            return None
        left = self.deadline - time.monotonic()
        if left <= 0:
            self.failure = DialTimeoutError(
                _ras.ERROR_TIMEOUT,
                "RasDial",
                f"the dial did not connect within {self.timeout:g} s "
                f"(last state: {state_name(int(self.state))})",
            )
            self._annotate(self.failure, self.state, 0)
            raise self.failure
        return left

    # ---- failing -----------------------------------------------------------

    def _error(self, code: int, state: ConnectionState | int, extended: int = 0) -> RasError:
        exc = error_for(code, "RasDial")
        self._annotate(exc, state, extended)
        return exc

    def _annotate(self, exc: RasError, state: ConnectionState | int, extended: int) -> None:
        # Attributes beside pywin32's args (winerror, funcname, strerror).
        exc.entry = self.entry  # type: ignore[attr-defined]
        exc.state = state  # type: ignore[attr-defined]
        exc.extended_error = extended  # type: ignore[attr-defined]

    def log_failure(self, exc: BaseException) -> None:
        if isinstance(exc, RasError):
            log.warning("%s: dial failed in %s: %s", self.entry, state_name(int(self.state)), exc)
        else:
            log.warning("%s: dial abandoned (%s)", self.entry, type(exc).__name__)

    def forget_secrets(self) -> None:
        """Drop the parameters (the password) once the dial is over either way."""
        self.params = [self.entry, "", "", "", "", ""]


_PAUSED_STATES = frozenset(
    {
        ConnectionState.INTERACTIVE,
        ConnectionState.RETRY_AUTHENTICATION,
        ConnectionState.CALLBACK_SET_BY_CALLER,
        ConnectionState.PASSWORD_EXPIRED,
        ConnectionState.INVOKE_EAP_UI,
    }
)


def _next(q: queue.SimpleQueue[tuple[int, int, int]], d: _Dial) -> tuple[int, int, int]:
    """The next notification, in slices of WAIT_SLICE (Ctrl-C), until the deadline."""
    while True:
        left = d.time_left()
        try:
            return q.get(timeout=WAIT_SLICE if left is None else min(left, WAIT_SLICE))
        except queue.Empty:
            continue


def dial(
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
    hangup_timeout: float = HANGUP_TIMEOUT,
    prefix_suffix: bool = False,
) -> Connection:
    """Dial `entry` and wait until it is connected; return the :class:`Connection`.

    The dial starts from the entry's saved dial parameters (as ``rasdial
    entry`` does) and the arguments given replace them.  ``timeout`` (s)
    bounds the whole dial.  ``on_state(progress)`` is called on this thread
    for each state.  ``on_pause(progress)`` turns on RAS's paused states
    (``RASCS_RetryAuthentication``, ``RASCS_PasswordExpired``, EAP, ...): it
    answers with a :class:`PauseAnswer` to resume, or ``None`` to give up.

    On any failure -- an error RAS reports, the timeout, an exception from a
    hook, Ctrl-C -- the dial's handle is hung up, and this waits until RAS
    has forgotten it (at most `hangup_timeout` s), before the exception
    propagates: a failed ``dial`` never leaves a connection or a handle
    behind.  RAS errors are raised as their class (``ras.AuthenticationError``,
    ...) with pywin32's args and the attributes ``entry``, ``state`` and
    ``extended_error``; the timeout as ``ras.DialTimeoutError`` (code 1460).
    ``prefix_suffix`` sets ``RDEOPT_UsePrefixSuffix``: RAS applies the dialing
    prefix and suffix of the phone book's settings (rasdial's /PREFIXSUFFIX).

    >>> with ras.dial("Office VPN", user="alice", password=secret, timeout=60) as conn:
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
    q: queue.SimpleQueue[tuple[int, int, int]] = queue.SimpleQueue()

    def notifier(_hrasconn: int, _msg: int, state: int, error: int, extended: int) -> None:
        if d.notified(state, error):
            q.put((state, error, extended))

    try:
        d.start(notifier)
        while True:
            step = d.step(*_next(q, d))
            if step is Step.CONNECTED:
                return Connection(d.handle, entry, phonebook)
            if step is Step.FAILED:
                assert d.failure is not None
                raise d.failure
            if step is Step.PAUSED:
                assert d.on_pause is not None and d.paused is not None
                d.answer(d.on_pause(d.paused))
                d.resume(notifier)
    except BaseException as exc:
        d.log_failure(exc)
        if d.handle:
            _abandon(d.handle, hangup_timeout)
        raise
    finally:
        d.forget_secrets()


def _abandon(handle: int, timeout: float) -> None:
    """Hang up a failed dial; a failure of that is logged, not raised over the dial's."""
    try:
        hangup_handle(handle, timeout)
    except RasError as exc:
        log.error("dial handle 0x%x: hanging up after the failure failed: %s", handle, exc)
    else:
        log.info("dial handle 0x%x: hung up, and gone", handle)
