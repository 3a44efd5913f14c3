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
    ConnectionNotification,
    CreatePhonebookEntry,
    DeleteEntry,
    DeleteSubEntry,
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
    GetCredentials,
    GetCustomAuthData,
    GetEapUserData,
    GetEapUserIdentity,
    GetEntryDialParams,
    GetEntryProperties,
    GetErrorString,
    GetLinkStatistics,
    GetProjectionInfo,
    GetProjectionInfoEx,
    GetSubEntryHandle,
    GetSubEntryProperties,
    HangUp,
    InvokeEapUI,
    IsHandleValid,
    RenameEntry,
    SetAutodialAddress,
    SetAutodialEnable,
    SetAutodialParam,
    SetCredentials,
    SetCustomAuthData,
    SetEapUserData,
    SetEntryDialParams,
    SetEntryProperties,
    SetSubEntryProperties,
    UpdateConnection,
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
    "ConnectionNotification",
    "CreatePhonebookEntry",
    "DeleteEntry",
    "DeleteSubEntry",
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
    "GetCredentials",
    "GetCustomAuthData",
    "GetEapUserData",
    "GetCountryInfo",
    "GetEapUserIdentity",
    "GetEntryDialParams",
    "GetEntryProperties",
    "GetErrorString",
    "GetLinkStatistics",
    "GetSubEntryProperties",
    "GetProjectionInfo",
    "GetProjectionInfoEx",
    "GetSubEntryHandle",
    "HangUp",
    "InvokeEapUI",
    "IsHandleValid",
    "RenameEntry",
    "SetCredentials",
    "SetCustomAuthData",
    "SetEapUserData",
    "SetAutodialAddress",
    "SetAutodialEnable",
    "SetAutodialParam",
    "SetEntryDialParams",
    "SetEntryProperties",
    "SetSubEntryProperties",
    "UpdateConnection",
    "ValidateEntryName",
    "country_list",
    "error",
    "is_final_state",
    "state_name",
    *sorted(CONSTANTS),
    *sorted(DEVICE_TYPES),
]
