"""Dial(..., callback=<window handle>): WM_RASDIALEVENT messages to a real window.

On Windows (and Wine) the notifier posts to a message-only window this test
creates and pumps; the simulator built into the Linux extension records the
posts instead (test_dial.py::test_window_handle_notifier_posts_messages).
"""

from __future__ import annotations

import sys

import pytest
from support import requires_sim

import ras

pytestmark = [
    requires_sim,
    pytest.mark.skipif(sys.platform != "win32", reason="needs real windows (Windows/Wine)"),
]


@pytest.fixture
def message_window():  # type: ignore[no-untyped-def]
    import ctypes
    from ctypes import wintypes

    user32 = ctypes.WinDLL("user32", use_last_error=True)  # type: ignore[attr-defined]
    user32.CreateWindowExW.restype = wintypes.HWND
    user32.CreateWindowExW.argtypes = [
        wintypes.DWORD, wintypes.LPCWSTR, wintypes.LPCWSTR, wintypes.DWORD,
        ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_int,
        wintypes.HWND, wintypes.HMENU, wintypes.HINSTANCE, wintypes.LPVOID,
    ]  # fmt: skip
    hwnd_message = wintypes.HWND(-3)  # HWND_MESSAGE: a message-only window
    hwnd = user32.CreateWindowExW(
        0, "STATIC", "ras test", 0, 0, 0, 0, 0, hwnd_message, None, None, None
    )
    assert hwnd, ctypes.get_last_error()
    yield user32, hwnd
    user32.DestroyWindow(wintypes.HWND(hwnd))


def pump_until_final(user32, hwnd: int, timeout_ms: int = 30000) -> list[tuple[int, int, int]]:  # type: ignore[no-untyped-def]
    """Collect (message, wParam, lParam) of WM_RASDIALEVENT until the dial ends."""
    import ctypes
    from ctypes import wintypes

    user32.MsgWaitForMultipleObjects.restype = wintypes.DWORD
    msg = wintypes.MSG()
    got: list[tuple[int, int, int]] = []
    waited = 0
    while True:
        while user32.PeekMessageW(
            ctypes.byref(msg), wintypes.HWND(hwnd), ras.WM_RASDIALEVENT, ras.WM_RASDIALEVENT, 1
        ):
            got.append((msg.message, msg.wParam, msg.lParam))
            if ras.is_final_state(msg.wParam, msg.lParam):
                return got
        # wait for a posted message (an event, not a sleep); 0x8 = QS_POSTMESSAGE
        user32.MsgWaitForMultipleObjects(0, None, False, 200, 0x8)
        waited += 200
        assert waited < timeout_ms, f"no final state; got {got}"


def test_window_notifier_receives_every_state(message_window, pbk: str) -> None:  # type: ignore[no-untyped-def]
    user32, hwnd = message_window
    h, rc = ras.Dial(None, pbk, ("Lab",), hwnd)
    assert rc == 0
    got = pump_until_final(user32, hwnd)
    from test_dial import SUCCESS_STATES

    assert [g[1] for g in got] == SUCCESS_STATES
    assert {g[0] for g in got} == {ras.WM_RASDIALEVENT}
    assert {g[2] for g in got} == {0}
    ras.HangUp(h)


def test_window_notifier_reports_failure(message_window, pbk: str, scenario) -> None:  # type: ignore[no-untyped-def]
    user32, hwnd = message_window
    scenario.set({"*": {"FailState": "ConnectDevice", "FailError": 651}})
    h, rc = ras.Dial(None, pbk, ("Lab",), hwnd)
    assert rc == 0
    got = pump_until_final(user32, hwnd)
    assert got[-1][1:] == (ras.RASCS_ConnectDevice, 651)
    ras.HangUp(h)
