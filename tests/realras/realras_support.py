"""Helpers of the real-rasapi32 tier (tests/realras): Wine or Windows, which DLL."""

from __future__ import annotations

import ctypes
import os

import pytest


def _wine_version() -> str:
    """Wine's version when running under Wine (ntdll exports wine_get_version), else ''."""
    try:
        fn = ctypes.WinDLL("ntdll").wine_get_version  # type: ignore[attr-defined]
    except (AttributeError, OSError):
        return ""
    fn.restype = ctypes.c_char_p
    return str(fn().decode())


WINE = _wine_version()


def loaded_rasapi32() -> str:
    """The path of the rasapi32.dll this process loaded (ras._ras imports it)."""
    import ras._ras  # noqa: F401  (loads rasapi32.dll)

    k32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    k32.GetModuleHandleW.restype = ctypes.c_void_p
    k32.GetModuleHandleW.argtypes = [ctypes.c_wchar_p]
    k32.GetModuleFileNameW.argtypes = [ctypes.c_void_p, ctypes.c_wchar_p, ctypes.c_uint32]
    handle = k32.GetModuleHandleW("rasapi32.dll")
    buf = ctypes.create_unicode_buffer(1024)
    if handle:
        k32.GetModuleFileNameW(handle, buf, 1024)
    return os.path.normcase(buf.value)


def wine_lacks(what: str) -> None:
    """Under Wine: skip, saying what Wine's rasapi32 does not implement.  On Windows
    the caller's check fails instead (this returns and the assertion runs)."""
    if WINE:
        pytest.skip(f"Wine {WINE}'s rasapi32 {what}")
