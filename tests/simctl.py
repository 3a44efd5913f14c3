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
