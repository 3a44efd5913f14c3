"""Registering the admin DLL: ``HKLM\\SOFTWARE\\Microsoft\\RAS\\AdminDll``.

``DLLPath`` is a ``;``-separated list of DLLs that RRAS loads in order
(Microsoft: "RAS Administration DLL Registry Setup"); ``DisplayName`` holds
one name.  ``add_dll``/``remove_dll`` change only our entry of the list: the
other admin DLLs an administrator installed stay, in their order.  The
read-modify-write runs under a machine-wide named mutex, so two installs at
once lose nothing.
"""

from __future__ import annotations

import contextlib
import ntpath
import sys
from collections.abc import Iterator
from typing import Protocol

__all__ = ["ADMIN_DLL_KEY", "DISPLAY_NAME", "Registry", "add_dll", "dll_list", "remove_dll"]

ADMIN_DLL_KEY = r"SOFTWARE\Microsoft\RAS\AdminDll"
DISPLAY_NAME = "ras-win32 Python policy"
MUTEX_NAME = "Global\\ras-win32-admin-registry"


class Registry(Protocol):
    """The two values of the AdminDll key (None: absent)."""

    def get(self, name: str) -> str | None: ...
    def set(self, name: str, value: str) -> None: ...
    def delete(self, name: str) -> None: ...


def _same(a: str, b: str) -> bool:
    return ntpath.normcase(ntpath.normpath(a.strip())) == ntpath.normcase(ntpath.normpath(b))


def dll_list(value: str | None) -> list[str]:
    """The DLLs of a ``DLLPath`` value, in order (spaces around ``;`` allowed)."""
    return [p.strip() for p in (value or "").split(";") if p.strip()]


def add_dll(reg: Registry, dll: str) -> bool:
    """Append ``dll`` to ``DLLPath`` unless listed; set ``DisplayName`` when
    there is none.  Returns whether anything changed."""
    paths = dll_list(reg.get("DLLPath"))
    if any(_same(p, dll) for p in paths):
        return False
    reg.set("DLLPath", ";".join([*paths, dll]))
    if not reg.get("DisplayName"):
        reg.set("DisplayName", DISPLAY_NAME)
    return True


def remove_dll(reg: Registry, dll: str) -> bool:
    """Remove ``dll`` from ``DLLPath`` (every listing of it), keeping the
    others (with none left, ``DLLPath`` goes), and the ``DisplayName`` we set
    (as it was before: absent).  Returns whether anything changed."""
    paths = dll_list(reg.get("DLLPath"))
    kept = [p for p in paths if not _same(p, dll)]
    if len(kept) == len(paths):
        return False
    if kept:
        reg.set("DLLPath", ";".join(kept))
    else:
        reg.delete("DLLPath")
    if reg.get("DisplayName") == DISPLAY_NAME:
        reg.delete("DisplayName")
    return True


if sys.platform == "win32":
    import winreg

    class WindowsRegistry:
        """The real key (64-bit view), created when written."""

        def __init__(self, key: str = ADMIN_DLL_KEY) -> None:
            self.key = key
            self.access = winreg.KEY_WOW64_64KEY

        def get(self, name: str) -> str | None:
            try:
                with winreg.OpenKey(
                    winreg.HKEY_LOCAL_MACHINE, self.key, 0, winreg.KEY_READ | self.access
                ) as k:
                    value, kind = winreg.QueryValueEx(k, name)
            except FileNotFoundError:
                return None
            return str(value) if kind in (winreg.REG_SZ, winreg.REG_EXPAND_SZ) else None

        def set(self, name: str, value: str) -> None:
            with winreg.CreateKeyEx(
                winreg.HKEY_LOCAL_MACHINE, self.key, 0, winreg.KEY_SET_VALUE | self.access
            ) as k:
                winreg.SetValueEx(k, name, 0, winreg.REG_SZ, value)

        def delete(self, name: str) -> None:
            try:
                with winreg.OpenKey(
                    winreg.HKEY_LOCAL_MACHINE, self.key, 0, winreg.KEY_SET_VALUE | self.access
                ) as k:
                    winreg.DeleteValue(k, name)
            except FileNotFoundError:
                pass

    @contextlib.contextmanager
    def registry_lock(timeout_ms: int = 10000) -> Iterator[None]:
        """The machine-wide mutex around a change of the AdminDll key."""
        import ctypes
        from ctypes import wintypes

        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
        kernel32.CreateMutexW.restype = wintypes.HANDLE
        kernel32.CreateMutexW.argtypes = [wintypes.LPVOID, wintypes.BOOL, wintypes.LPCWSTR]
        kernel32.WaitForSingleObject.argtypes = [wintypes.HANDLE, wintypes.DWORD]
        kernel32.ReleaseMutex.argtypes = [wintypes.HANDLE]
        kernel32.CloseHandle.argtypes = [wintypes.HANDLE]
        handle = kernel32.CreateMutexW(None, False, MUTEX_NAME)
        if not handle:
            raise ctypes.WinError(ctypes.get_last_error())  # type: ignore[attr-defined]
        try:
            result = kernel32.WaitForSingleObject(handle, timeout_ms)
            if result not in (0, 0x80):  # WAIT_OBJECT_0, WAIT_ABANDONED
                raise TimeoutError("another ras.admin install or uninstall holds the registry")
            try:
                yield
            finally:
                kernel32.ReleaseMutex(handle)
        finally:
            kernel32.CloseHandle(handle)
