"""Win32-style auto-reset event objects, the kind RasConnectionNotification sets.

On Windows they are real kernel events (the standard library's
``_overlapped.CreateEvent``, ``_winapi.WaitForSingleObject``,
``_winapi.CloseHandle``); with the simulated backend (every other platform)
they are the simulator's own event objects (``ras._ras._sim_event_*``), the
only ones its RasConnectionNotificationW can set.  The platform split lives
here and nowhere else.

>>> from ras import _events
>>> ev = _events.create()
>>> _events.wait(ev, 0)
False
>>> _events.set_event(ev)
>>> _events.wait(ev, 0), _events.wait(ev, 0)  # auto-reset: one wait consumes it
(True, False)
>>> _events.close(ev)
"""

from __future__ import annotations

import errno
import sys
from typing import Any

__all__ = ["INFINITE", "close", "create", "set_event", "wait"]

WAIT_OBJECT_0 = 0
WAIT_TIMEOUT = 258
INFINITE = 0xFFFFFFFF

if sys.platform == "win32":  # pragma: no cover - exercised under Wine
    import _overlapped
    import _winapi

    def create(manual_reset: bool = False) -> int:
        """A new unsignalled event handle (auto-reset unless manual_reset)."""
        return int(_overlapped.CreateEvent(None, manual_reset, False, None))

    def _wait(handle: int, timeout_ms: int) -> int:
        # OSError for a closed or bogus handle (WAIT_FAILED).
        return int(_winapi.WaitForSingleObject(handle, timeout_ms))

    def set_event(handle: int) -> None:
        """Signals the event."""
        _overlapped.SetEvent(handle)

    def close(handle: int) -> None:
        """Closes the handle (OSError when it is not open)."""
        _winapi.CloseHandle(handle)

else:
    from ras import _ras

    _sim: Any = _ras  # the _sim_event_* helpers exist only off Windows

    def create(manual_reset: bool = False) -> int:
        """A new unsignalled event handle (auto-reset unless manual_reset)."""
        return int(_sim._sim_event_create(manual_reset, False))

    def _wait(handle: int, timeout_ms: int) -> int:
        rc = int(_sim._sim_event_wait(handle, timeout_ms))
        if rc not in (WAIT_OBJECT_0, WAIT_TIMEOUT):
            raise OSError(errno.EBADF, "invalid event handle")  # as WaitForSingleObject
        return rc

    def set_event(handle: int) -> None:
        """Signals the event."""
        if not _sim._sim_event_set(handle):
            raise OSError(errno.EBADF, "invalid event handle")

    def close(handle: int) -> None:
        """Closes the handle (OSError when it is not open)."""
        if not _sim._sim_event_close(handle):
            raise OSError(errno.EBADF, "invalid event handle")


def wait(handle: int, timeout_ms: int = INFINITE) -> bool:
    """Waits for the event: True when it was signalled (and, auto-reset, consumed),
    False when timeout_ms passed first.  OSError for a closed handle."""
    return _wait(handle, min(max(int(timeout_ms), 0), INFINITE)) == WAIT_OBJECT_0
