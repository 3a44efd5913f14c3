"""Test-side control of the simulated rasapi32: phonebooks, scenarios, reset.

Works in both places the suite runs: on Linux, where the simulator is
compiled into ras._ras, and on Windows (Wine), where it is rasapi32.dll.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import ras

IS_WINDOWS = sys.platform == "win32"


def _sim_dll() -> ctypes.CDLL | None:
    if not IS_WINDOWS:
        return None
    try:
        dll = ctypes.WinDLL("rasapi32")  # type: ignore[attr-defined]
    except OSError:
        return None
    return dll if hasattr(dll, "RasSimVersion") else None


SIM_DLL = _sim_dll()
SIMULATED = ras.BACKEND == "simulated" or SIM_DLL is not None


def reset() -> None:
    """Hang up every connection the simulator holds."""
    if ras.BACKEND == "simulated":
        ras._ras._sim_reset()
    elif SIM_DLL is not None:
        SIM_DLL.RasSimReset()


def posted_messages() -> list[tuple[int, int, int, int]]:
    """(hwnd, msg, wParam, lParam) posted to window-handle notifiers (Linux only)."""
    return ras._ras._sim_posted_messages()


# ---- the call logs and RasSimDrop (docs/simulator.md, "Simulator-only extras")
# On Linux the extension's private ras._ras._sim_* functions; on Windows the
# DLL's exports through ctypes, giving the same dicts.

_FILETIME_UNIX_EPOCH = 116444736000000000


class _DialRecord(ctypes.Structure):
    _fields_ = [
        ("ullTime", ctypes.c_ulonglong),
        ("hrasconn", ctypes.c_void_p),
        ("hwnd", ctypes.c_void_p),
        ("dwCallbackId", ctypes.c_size_t),
        ("dwSequence", ctypes.c_uint32),
        ("dwResult", ctypes.c_uint32),
        ("dwNotifierType", ctypes.c_uint32),
        ("dwfOptions", ctypes.c_uint32),
        ("dwSubEntry", ctypes.c_uint32),
        ("fAsynchronous", ctypes.c_int),
        ("fResume", ctypes.c_int),
        ("fPasswordGiven", ctypes.c_int),
        ("fSavedPassword", ctypes.c_int),
        ("szEntryName", ctypes.c_wchar * 257),
        ("szPhonebook", ctypes.c_wchar * 260),
        ("szPhoneNumber", ctypes.c_wchar * 129),
        ("szCallbackNumber", ctypes.c_wchar * 129),
        ("szUserName", ctypes.c_wchar * 257),
        ("szDomain", ctypes.c_wchar * 16),
    ]


class _HangUpRecord(ctypes.Structure):
    _fields_ = [
        ("ullTime", ctypes.c_ulonglong),
        ("hrasconn", ctypes.c_void_p),
        ("dwSequence", ctypes.c_uint32),
        ("dwResult", ctypes.c_uint32),
        ("fEnded", ctypes.c_int),
        ("szEntryName", ctypes.c_wchar * 257),
    ]


def _time(ft: int) -> float:
    return (ft - _FILETIME_UNIX_EPOCH) / 1e7


def _dial_dict(r: _DialRecord) -> dict[str, Any]:
    return {
        "sequence": r.dwSequence,
        "time": _time(r.ullTime),
        "entryName": r.szEntryName,
        "phonebook": r.szPhonebook,
        "phoneNumber": r.szPhoneNumber,
        "callbackNumber": r.szCallbackNumber,
        "userName": r.szUserName,
        "domain": r.szDomain,
        "passwordGiven": bool(r.fPasswordGiven),
        "savedPassword": bool(r.fSavedPassword),
        "resume": bool(r.fResume),
        "asynchronous": bool(r.fAsynchronous),
        "notifierType": r.dwNotifierType if r.fAsynchronous else None,
        "hwnd": r.hwnd or None,
        "options": r.dwfOptions,
        "subEntry": r.dwSubEntry,
        "callbackId": r.dwCallbackId,
        "hrasconn": r.hrasconn or None,
        "result": r.dwResult,
    }


def _hangup_dict(r: _HangUpRecord) -> dict[str, Any]:
    return {
        "sequence": r.dwSequence,
        "time": _time(r.ullTime),
        "hrasconn": r.hrasconn or 0,
        "entryName": r.szEntryName,
        "ended": bool(r.fEnded),
        "result": r.dwResult,
    }


def _dll_log(fn_name: str, record: type[ctypes.Structure]) -> list[ctypes.Structure]:
    assert SIM_DLL is not None
    fn = getattr(SIM_DLL, fn_name)
    count = ctypes.c_uint32(0)
    if fn(None, 0, ctypes.byref(count)) != 0:
        raise OSError(f"{fn_name} failed")
    buf = (record * max(count.value, 1))()
    if count.value and fn(buf, count.value, ctypes.byref(count)) != 0:
        raise OSError(f"{fn_name} failed")
    return list(buf[: count.value])


def dial_log() -> list[dict[str, Any]]:
    """Every RasDialW call of this process since the last reset, oldest first."""
    if ras.BACKEND == "simulated":
        return ras._ras._sim_dial_log()
    return [_dial_dict(r) for r in _dll_log("RasSimDialLog", _DialRecord)]  # type: ignore[arg-type]


def hangup_log() -> list[dict[str, Any]]:
    """Every RasHangUpW call of this process since the last reset, oldest first."""
    if ras.BACKEND == "simulated":
        return ras._ras._sim_hangup_log()
    return [_hangup_dict(r) for r in _dll_log("RasSimHangUpLog", _HangUpRecord)]  # type: ignore[arg-type]


def clear_logs() -> None:
    """Empty the dial and hang-up logs."""
    if ras.BACKEND == "simulated":
        ras._ras._sim_clear_logs()
    else:
        assert SIM_DLL is not None
        SIM_DLL.RasSimClearLogs()


def drop(hrasconn: int, error: int = 0) -> None:
    """The connection's link fails now (RasSimDrop); ras.error on failure."""
    if ras.BACKEND == "simulated":
        ras._ras._sim_drop(hrasconn, error)
        return
    assert SIM_DLL is not None
    fn = SIM_DLL.RasSimDrop
    fn.argtypes = [ctypes.c_void_p, ctypes.c_uint32]
    fn.restype = ctypes.c_uint32
    rc = fn(hrasconn, error)
    if rc != 0:
        raise ras.error_for(rc, "RasSimDrop")


ENTRY_TEMPLATE = """\
[{name}]
Encoding=1
PBVersion=4
Type={type}
AutoLogon=0
CustomAuthKey={eap}
IpPrioritizeRemote=1

NETCOMPONENTS=
ms_msclient=1

MEDIA=rastapi
Port=VPN2-0
Device={device_name}

DEVICE={device_type}
PhoneNumber={phone}
AreaCode=
CountryCode=0

"""


def entry_text(
    name: str,
    *,
    phone: str = "vpn.example.com",
    device_type: str = "vpn",
    device_name: str = "WAN Miniport (IKEv2)",
    eap: int = 0,
    type: int = 2,
) -> str:
    return ENTRY_TEMPLATE.format(
        name=name,
        phone=phone,
        device_type=device_type,
        device_name=device_name,
        eap=eap,
        type=type,
    )


def write_phonebook(path: Path, names: list[str] | Mapping[str, Mapping[str, object]]) -> str:
    """Write a .pbk with the given entries; returns its path as str."""
    if isinstance(names, Mapping):
        text = "".join(entry_text(n, **dict(kw)) for n, kw in names.items())  # type: ignore[arg-type]
    else:
        text = "".join(entry_text(n) for n in names)
    path.write_text(text, encoding="utf-8")
    return str(path)


def write_scenario(path: Path, sections: Mapping[str, Mapping[str, object]]) -> str:
    lines = []
    for section, keys in sections.items():
        lines.append(f"[{section}]")
        lines.extend(f"{k}={v}" for k, v in keys.items())
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
    return str(path)


def set_env(name: str, value: str | None) -> None:
    if value is None:
        os.environ.pop(name, None)
    else:
        os.environ[name] = value
