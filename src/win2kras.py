"""Drop-in replacement for pywin32's ``win2kras`` (the Windows 2000 RAS additions)."""

from __future__ import annotations

from ras._ras import (
    GetEapUserIdentity,
    RASEAPF_Logon,
    RASEAPF_NonInteractive,
    RASEAPF_Preview,
)

__all__ = ["GetEapUserIdentity", "RASEAPF_Logon", "RASEAPF_NonInteractive", "RASEAPF_Preview"]
