"""The Windows Remote Access Service (rasapi32) client API for Python.

``ras`` exposes every function of pywin32's ``win32ras`` with the same
arguments and results, every RAS constant, and helpers.  ``import win32ras``
gives exactly pywin32's surface on top of this package.

``BACKEND`` is ``"rasapi32"`` when the extension calls Windows' rasapi32.dll,
``"simulated"`` when it runs against the project's simulated rasapi32 (every
platform but Windows).
"""

from __future__ import annotations

from ras import _ras
from ras._country import country_list
from ras._devtypes import *  # noqa: F403  (RASDT_* strings)
from ras._devtypes import DEVICE_TYPES
from ras._ras import (
    BACKEND,
    RASDIALEXTENSIONS,
    RASEAPUSERIDENTITY,
    ClearConnectionStatistics,
    ClearLinkStatistics,
    CreatePhonebookEntry,
    DeleteEntry,
    Dial,
    EditPhonebookEntry,
    EnumAutodialAddresses,
    EnumConnections,
    EnumDevices,
    EnumEntries,
    GetAutodialAddress,
    GetAutodialEnable,
    GetAutodialParam,
    GetConnectionStatistics,
    GetConnectStatus,
    GetCountryInfo,
    GetEapUserIdentity,
    GetEntryDialParams,
    GetErrorString,
    GetLinkStatistics,
    HangUp,
    IsHandleValid,
    RenameEntry,
    SetAutodialAddress,
    SetAutodialEnable,
    SetAutodialParam,
    SetEntryDialParams,
    ValidateEntryName,
    error,
)
from ras._states import STATE_NAMES, is_final_state, state_name

# Every integer constant of the extension: RASCS_*, RASEAPF_*, RDEOPT_*,
# RAS_Max*, ERROR_* (all of raserror.h), WM_RASDIALEVENT, ...
CONSTANTS: dict[str, int] = {
    name: value for name, value in vars(_ras).items() if name[:1].isupper() and type(value) is int
}
globals().update(CONSTANTS)

__all__ = [
    "BACKEND",
    "CONSTANTS",
    "RASDIALEXTENSIONS",
    "RASEAPUSERIDENTITY",
    "STATE_NAMES",
    "DEVICE_TYPES",
    "ClearConnectionStatistics",
    "ClearLinkStatistics",
    "CreatePhonebookEntry",
    "DeleteEntry",
    "Dial",
    "EditPhonebookEntry",
    "EnumAutodialAddresses",
    "EnumConnections",
    "EnumDevices",
    "EnumEntries",
    "GetAutodialAddress",
    "GetAutodialEnable",
    "GetAutodialParam",
    "GetConnectStatus",
    "GetConnectionStatistics",
    "GetCountryInfo",
    "GetEapUserIdentity",
    "GetEntryDialParams",
    "GetErrorString",
    "GetLinkStatistics",
    "HangUp",
    "IsHandleValid",
    "RenameEntry",
    "SetAutodialAddress",
    "SetAutodialEnable",
    "SetAutodialParam",
    "SetEntryDialParams",
    "ValidateEntryName",
    "country_list",
    "error",
    "is_final_state",
    "state_name",
    *sorted(CONSTANTS),
    *sorted(DEVICE_TYPES),
]
