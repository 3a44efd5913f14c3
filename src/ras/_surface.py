"""The public surface of ``ras._ras``, declared once.

Every function of the extension is listed here with its typed signature
(parameter names, kinds and defaults as the C docstring's signature line
gives them), every type with its typed attributes.  From this table:

- ``tools/gen_stubs.py`` renders ``ras/_ras.pyi`` (plus the integer constants,
  read from the built module, and a ``TypedDict`` per dict shape, whose keys
  it reads from the extension's C field tables, ``_ras._field_tables()``:
  ``TYPED_DICTS`` below only names them);
- ``ras.__all__`` is derived (``public_names()``);
- the tests check the extension against it: the same names
  (``tests/test_stubs.py``), each function's ``__text_signature__`` against
  the declared parameters, and every ``## `Name(args)``` heading of
  ``docs/api/*.md`` against the declared parameters.

Adding a function to the extension means adding one line here (then
regenerating the stub); the tests say what else disagrees.
"""

from __future__ import annotations

from typing import NamedTuple


class Function(NamedTuple):
    name: str
    params: str  # a Python parameter list with annotations; real defaults
    returns: str
    pywin32: bool = False  # one of pywin32's win32ras functions
    # @overload variants rendered before the declared signature, each a
    # (params, returns) pair; "{NAME}" in them is the constant NAME's value
    overloads: tuple[tuple[str, str], ...] = ()


class Param(NamedTuple):
    name: str
    kind: str  # "positional-only", "positional-or-keyword" or "keyword-only"
    default: object  # REQUIRED when there is none


REQUIRED = "<required>"


# Type names the declarations below use; written into the stub as they are.
PREAMBLE = """\
from collections.abc import Callable, Sequence
from ipaddress import IPv4Address, IPv6Address
from typing import Any, Final, Literal, TypedDict, overload
from uuid import UUID

from typing_extensions import NotRequired, ReadOnly

_Handle = int | None
_DialCallback = Callable[[int, int, int, int, int], object] | int | None

BACKEND: Final[str]
"""

# The Python type of each kind of field of the C tables (src/_ras/structs.h,
# rasfield_kind; tests/test_typeddicts.py checks real results against it).
FIELD_TYPES: dict[str, str] = {
    "DWORD": "int",
    "BOOL": "bool",
    "WSTR": "str",
    "SECRET": "str",
    "GUID": "UUID",
    "IPV4": "IPv4Address",
    "IPV6": "IPv6Address",
    "BYTES": "bytes",
    "IPSTR": "IPv4Address | IPv6Address | str | None",  # text that is no address stays str
    "ENDPOINT": "IPv4Address | IPv6Address | None",
    "WSTR_LIST": "list[str]",
    "IPV4_LIST": "list[IPv4Address]",
    "IPV6_LIST": "list[IPv6Address]",
}
# Where a Set function accepts more than the Get function gives.
FIELD_INPUT_TYPES: dict[str, str] = {
    "IPSTR": "IPv4Address | IPv6Address | None",
    "WSTR_LIST": "Sequence[str]",
}


class TypedDictNames(NamedTuple):
    result: str | None  # the TypedDict of what a function returns
    argument: str | None  # the TypedDict (every key optional) of what one accepts


# The dict shapes of _ras._field_tables() (the SDK structures) and the names
# of their TypedDicts, written into the stub (stub-only: no such class exists
# at run time).  "...Dict": a raw function's result, "...Input": its argument.
TYPED_DICTS: dict[str, TypedDictNames] = {
    "RASENTRY": TypedDictNames("EntryPropertiesDict", "EntryPropertiesInput"),
    "RASSUBENTRY": TypedDictNames("SubEntryPropertiesDict", "SubEntryPropertiesInput"),
    "RASPPPIP": TypedDictNames("PppIpDict", None),
    "RASPPPIPV6": TypedDictNames("PppIpv6Dict", None),
    "RASPPPLCP": TypedDictNames("PppLcpDict", None),
    "RASPPPCCP": TypedDictNames("PppCcpDict", None),
    "RASPPP_PROJECTION_INFO": TypedDictNames("PppProjectionDict", None),
    "RASIKEV2_PROJECTION_INFO": TypedDictNames("Ikev2ProjectionDict", None),
    "RASUPDATECONN": TypedDictNames(None, "UpdateConnectionInput"),
    "RASCREDENTIALS": TypedDictNames("CredentialsDict", "CredentialsInput"),
    "RASDEVINFO": TypedDictNames("DeviceDict", None),
    "RAS_STATS": TypedDictNames("StatisticsDict", None),
    "RASAUTODIALENTRY": TypedDictNames("AutodialEntryDict", "AutodialEntryInput"),
    "RASCTRYINFO": TypedDictNames("CountryInfoDict", None),
}
# Keys whose value is one constant in a shape (the tag of a union of shapes:
# GetProjectionInfoEx's "type"), typed Literal[value].
TYPED_DICT_TAGS: dict[str, tuple[str, str]] = {
    "RASPPP_PROJECTION_INFO": ("type", "PROJECTION_INFO_TYPE_PPP"),
    "RASIKEV2_PROJECTION_INFO": ("type", "PROJECTION_INFO_TYPE_IKEv2"),
}

# The extension's types, in stub syntax.
CLASSES: dict[str, str] = {
    "error": """\
class error(Exception):
    @property
    def winerror(self) -> int: ...
    @property
    def funcname(self) -> str: ...
    @property
    def strerror(self) -> str: ...
""",
    "RASEAPUSERIDENTITY": """\
class RASEAPUSERIDENTITY:
    @property
    def szUserName(self) -> str: ...
    @property
    def userName(self) -> str: ...
    @property
    def pbEapInfo(self) -> bytes: ...
    @property
    def eapInfo(self) -> bytes: ...
""",
    "RASDIALEXTENSIONS": """\
class RASDIALEXTENSIONS:
    dwfOptions: int
    fOptions: int
    hwndParent: int
    reserved: int
    reserved1: int
    RasEapInfo: RASEAPUSERIDENTITY | None
    def __init__(self) -> None: ...
""",
}

_H = "_Handle"
_BOOK = "phonebook: str | None, entry: str"
# Beside a TypedDict argument: a plain dict (legacy code builds them), which
# mypy then does not check key by key (docs/api/typing.md)
_ANY = "dict[str, Any]"

# The public functions, in the stub's order.
FUNCTIONS: tuple[Function, ...] = (
    # pywin32's win32ras (the functions' parameters are pywin32's)
    Function(
        "CreatePhonebookEntry", f"hWnd: {_H}, fileName: str | None = None, /", "None", pywin32=True
    ),
    Function(
        "Dial",
        "dialExtensions: RASDIALEXTENSIONS | None, fileName: str | None, "
        "RasDialParams: Sequence[str], callback: _DialCallback, /, *, hrasconn: _Handle = None",
        "tuple[int, int]",
        pywin32=True,
    ),
    Function(
        "EditPhonebookEntry",
        f"hWnd: {_H}, fileName: str | None, entryName: str, /",
        "None",
        pywin32=True,
    ),
    Function("EnumConnections", "", "list[tuple[int, str, str, str]]", pywin32=True),
    Function(
        "EnumEntries",
        "reserved: str | None = None, fileName: str | None = None, /",
        "tuple[str, ...]",
        pywin32=True,
    ),
    Function("GetConnectStatus", f"hrasconn: {_H}, /", "tuple[int, int, str, str]", pywin32=True),
    Function(
        "GetEapUserIdentity",
        f"phoneBook: str | None, entry: str, flags: int, hwnd: {_H} = None, /",
        "RASEAPUSERIDENTITY",
        pywin32=True,
    ),
    Function(
        "GetEntryDialParams",
        "fileName: str | None, entryName: str, /",
        "tuple[tuple[str, str, str, str, str, str], bool]",
        pywin32=True,
    ),
    Function("GetErrorString", "error: int, /", "str", pywin32=True),
    Function("HangUp", f"hras: {_H}, /", "None", pywin32=True),
    Function("IsHandleValid", f"hras: {_H}, /", "bool", pywin32=True),
    Function(
        "SetEntryDialParams",
        "fileName: str | None, RasDialParams: Sequence[str], bSavePassword: object, /",
        "None",
        pywin32=True,
    ),
    # entries
    Function("ValidateEntryName", "phonebook: str | None, entryName: str, /", "None"),
    Function("DeleteEntry", "phonebook: str | None, entryName: str, /", "None"),
    Function("RenameEntry", "phonebook: str | None, oldName: str, newName: str, /", "None"),
    # devices and statistics
    Function("EnumDevices", "", "list[DeviceDict]"),
    Function("GetConnectionStatistics", f"hrasconn: {_H}, /", "StatisticsDict"),
    Function("ClearConnectionStatistics", f"hrasconn: {_H}, /", "None"),
    Function("GetLinkStatistics", f"hrasconn: {_H}, subEntry: int, /", "StatisticsDict"),
    Function("ClearLinkStatistics", f"hrasconn: {_H}, subEntry: int, /", "None"),
    # credentials, EAP user data, custom auth data
    Function("GetCredentials", f"{_BOOK}, mask: int = 7, /", "CredentialsDict"),
    Function(
        "SetCredentials",
        f"{_BOOK}, credentials: CredentialsInput | {_ANY}, /, clearCredentials: bool = False",
        "None",
    ),
    Function("GetEapUserData", f"hToken: {_H}, {_BOOK}, /", "bytes"),
    Function("SetEapUserData", f"hToken: {_H}, {_BOOK}, data: bytes, /", "None"),
    Function("GetCustomAuthData", f"{_BOOK}, /", "bytes"),
    Function("SetCustomAuthData", f"{_BOOK}, data: bytes, /", "None"),
    # entry and sub-entry properties
    Function(
        "GetEntryProperties", "phonebook: str | None, entry: str | None, /", "EntryPropertiesDict"
    ),
    Function(
        "SetEntryProperties", f"{_BOOK}, properties: EntryPropertiesInput | {_ANY}, /", "None"
    ),
    Function("GetSubEntryProperties", f"{_BOOK}, subEntry: int, /", "SubEntryPropertiesDict"),
    Function(
        "SetSubEntryProperties",
        f"{_BOOK}, subEntry: int, properties: SubEntryPropertiesInput | {_ANY}, /",
        "None",
    ),
    Function("DeleteSubEntry", f"{_BOOK}, subEntryId: int, /", "None"),
    # connections
    Function(
        "GetProjectionInfo",
        f"hrasconn: {_H}, projection: int, /",
        "PppIpDict | PppIpv6Dict | PppLcpDict | PppCcpDict",
        overloads=tuple(
            (f"hrasconn: {_H}, projection: Literal[{{{rasp}}}], /", result)
            for rasp, result in (
                ("RASP_PppIp", "PppIpDict"),
                ("RASP_PppIpv6", "PppIpv6Dict"),
                ("RASP_PppLcp", "PppLcpDict"),
                ("RASP_PppCcp", "PppCcpDict"),
            )
        ),
    ),
    Function(
        "GetProjectionInfoEx", f"hrasconn: {_H}, /", "PppProjectionDict | Ikev2ProjectionDict"
    ),
    Function(
        "UpdateConnection", f"hrasconn: {_H}, update: UpdateConnectionInput | {_ANY}, /", "None"
    ),
    Function("GetSubEntryHandle", f"hrasconn: {_H}, subEntry: int, /", "int"),
    Function("ConnectionNotification", f"hrasconn: {_H}, hEvent: {_H}, flags: int, /", "None"),
    Function(
        "InvokeEapUI",
        f"hrasconn: {_H}, subEntry: int, dialExtensions: RASDIALEXTENSIONS | None, "
        f"hwnd: {_H} = None, /",
        "None",
    ),
    # country info and AutoDial
    Function("GetCountryInfo", "countryId: int, /", "CountryInfoDict"),
    Function("GetAutodialAddress", "address: str | None, /", "list[AutodialEntryDict]"),
    Function(
        "SetAutodialAddress",
        f"address: str | None, entries: Sequence[AutodialEntryInput | {_ANY}] | None, /",
        "None",
    ),
    Function("EnumAutodialAddresses", "", "list[str]"),
    Function("GetAutodialEnable", "dialingLocation: int, /", "bool"),
    Function("SetAutodialEnable", "dialingLocation: int, enabled: object, /", "None"),
    Function("GetAutodialParam", "key: int, /", "int"),
    Function("SetAutodialParam", "key: int, value: int, /", "None"),
)

# Private helpers and test hooks: in the stub, not public (no text signature,
# not in __all__).
HOOKS: tuple[Function, ...] = (
    Function(
        "_set_error_classes",
        "classes: dict[int, type[error]], default: type[error], /",
        "None",
    ),
    Function("_error_text", "code: int, /", "str"),
    Function("_pending_dials", "", "int"),
    Function("_field_tables", "", "dict[str, list[tuple[str, str, bool]]]"),
    Function("_set_hangup_hook", "hook: Callable[[int], object] | None, /", "None"),
    Function("_atexit", "", "None"),
    Function("_sim_reset", "", "None"),
    Function("_sim_posted_messages", "", "list[tuple[int, int, int, int]]"),
    Function("_sim_event_create", "manual_reset: bool = ..., initial_state: bool = ..., /", "int"),
    Function("_sim_event_wait", "event: int, timeout_ms: int, /", "int"),
    Function("_sim_event_set", "event: int, /", "bool"),
    Function("_sim_event_reset", "event: int, /", "bool"),
    Function("_sim_event_close", "event: int, /", "bool"),
    Function("_sim_dial_log", "", "list[dict[str, Any]]"),
    Function("_sim_hangup_log", "", "list[dict[str, Any]]"),
    Function("_sim_clear_logs", "", "None"),
    Function("_sim_drop", "hrasconn: int, error: int = ...", "None"),
)

# pywin32's win32ras: these functions and types, error, the 28 RASCS_* and the
# three RASEAPF_* constants.  The win32ras shim gives them plus WIN32RAS_EXTRAS
# (docs/compatibility.md lists both).
PYWIN32_NAMES: frozenset[str] = frozenset(
    [*(f.name for f in FUNCTIONS if f.pywin32), "RASDIALEXTENSIONS", "error"]
)
WIN32RAS_EXTRAS: frozenset[str] = frozenset({"RASEAPUSERIDENTITY"})


def public_names() -> list[str]:
    """Every public name of ras._ras but its integer constants."""
    return ["BACKEND", *CLASSES, *(f.name for f in FUNCTIONS)]


def typeddict_names() -> list[str]:
    """The TypedDicts of the stub: names for type checkers only (ras/_ras.pyi
    declares them, the module has no such attribute)."""
    return [n for names in TYPED_DICTS.values() for n in names if n is not None]


def parameters(fn: Function) -> list[Param]:
    """The declared parameters of `fn`: names, kinds, defaults (Python values)."""
    import ast

    tree = ast.parse(f"def f({fn.params}): ...").body[0]
    assert isinstance(tree, ast.FunctionDef)
    a = tree.args
    positional = [("positional-only", p) for p in a.posonlyargs]
    positional += [("positional-or-keyword", p) for p in a.args]
    defaults: list[object] = [REQUIRED] * (len(positional) - len(a.defaults))
    defaults += [ast.literal_eval(d) for d in a.defaults]
    out = [Param(p.arg, kind, d) for (kind, p), d in zip(positional, defaults)]
    for p, d in zip(a.kwonlyargs, a.kw_defaults):
        out.append(Param(p.arg, "keyword-only", REQUIRED if d is None else ast.literal_eval(d)))
    return out
