"""Win32-style event objects for ConnectionNotification tests, on both backends.

Windows (Wine): real events (_overlapped.CreateEvent, _winapi.WaitForSingleObject).
Linux: the simulator's own event objects (ras._ras._sim_event_*), which
RasConnectionNotificationW sets there.
"""

from __future__ import annotations

import sys
from typing import Any

import ras

WAIT_OBJECT_0 = 0
WAIT_TIMEOUT = 258

if sys.platform == "win32":
    import _overlapped
    import _winapi

    def create(manual_reset: bool = False, initial_state: bool = False) -> int:
        return int(_overlapped.CreateEvent(None, manual_reset, initial_state, None))

    def wait(handle: int, timeout_ms: int) -> int:
        return int(_winapi.WaitForSingleObject(handle, timeout_ms))

    def set_event(handle: int) -> None:
        _overlapped.SetEvent(handle)

    def reset(handle: int) -> None:
        _overlapped.ResetEvent(handle)

    def close(handle: int) -> None:
        _winapi.CloseHandle(handle)

else:
    _r: Any = ras._ras

    def create(manual_reset: bool = False, initial_state: bool = False) -> int:
        return int(_r._sim_event_create(manual_reset, initial_state))

    def wait(handle: int, timeout_ms: int) -> int:
        return int(_r._sim_event_wait(handle, timeout_ms))

    def set_event(handle: int) -> None:
        _r._sim_event_set(handle)

    def reset(handle: int) -> None:
        _r._sim_event_reset(handle)

    def close(handle: int) -> None:
        _r._sim_event_close(handle)


def signalled(handle: int, timeout_ms: int = 10000) -> bool:
    """Waits up to timeout_ms for the event (consuming an auto-reset one)."""
    return wait(handle, timeout_ms) == WAIT_OBJECT_0


def quiet(handle: int) -> bool:
    """True when the event is not signalled right now."""
    return wait(handle, 0) == WAIT_TIMEOUT
