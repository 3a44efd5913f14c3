"""The public surface of ``ras._ras``, declared once.

Every function of the extension is listed here with its typed signature
(parameter names, kinds and defaults as the C docstring's signature line
gives them), every type with its typed attributes.  From this table:

- ``tools/gen_stubs.py`` renders ``ras/_ras.pyi`` (plus the integer constants,
  read from the built module);
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


class Param(NamedTuple):
    name: str
    kind: str  # "positional-only", "positional-or-keyword" or "keyword-only"
    default: object  # REQUIRED when there is none


REQUIRED = "<required>"


# Type names the declarations below use; written into the stub as they are.
PREAMBLE = """\
from collections.abc import Callable, Sequence
from typing import Any, Final

_Handle = int | None
_DialCallback = Callable[[int, int, int, int, int], object] | int | None

BACKEND: Final[str]
"""

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
    Function("EnumDevices", "", "list[dict[str, str]]"),
    Function("GetConnectionStatistics", f"hrasconn: {_H}, /", "dict[str, int]"),
    Function("ClearConnectionStatistics", f"hrasconn: {_H}, /", "None"),
    Function("GetLinkStatistics", f"hrasconn: {_H}, subEntry: int, /", "dict[str, int]"),
    Function("ClearLinkStatistics", f"hrasconn: {_H}, subEntry: int, /", "None"),
    # credentials, EAP user data, custom auth data
    Function("GetCredentials", f"{_BOOK}, mask: int = 7, /", "dict[str, int | str]"),
    Function(
        "SetCredentials",
        f"{_BOOK}, credentials: dict[str, int | str], /, clearCredentials: bool = False",
        "None",
    ),
    Function("GetEapUserData", f"hToken: {_H}, {_BOOK}, /", "bytes"),
    Function("SetEapUserData", f"hToken: {_H}, {_BOOK}, data: bytes, /", "None"),
    Function("GetCustomAuthData", f"{_BOOK}, /", "bytes"),
    Function("SetCustomAuthData", f"{_BOOK}, data: bytes, /", "None"),
    # entry and sub-entry properties
    Function("GetEntryProperties", "phonebook: str | None, entry: str | None, /", "dict[str, Any]"),
    Function("SetEntryProperties", f"{_BOOK}, properties: dict[str, Any], /", "None"),
    Function("GetSubEntryProperties", f"{_BOOK}, subEntry: int, /", "dict[str, Any]"),
    Function(
        "SetSubEntryProperties", f"{_BOOK}, subEntry: int, properties: dict[str, Any], /", "None"
    ),
    Function("DeleteSubEntry", f"{_BOOK}, subEntryId: int, /", "None"),
    # connections
    Function("GetProjectionInfo", f"hrasconn: {_H}, projection: int, /", "dict[str, Any]"),
    Function("GetProjectionInfoEx", f"hrasconn: {_H}, /", "dict[str, Any]"),
    Function("UpdateConnection", f"hrasconn: {_H}, update: dict[str, Any], /", "None"),
    Function("GetSubEntryHandle", f"hrasconn: {_H}, subEntry: int, /", "int"),
    Function("ConnectionNotification", f"hrasconn: {_H}, hEvent: {_H}, flags: int, /", "None"),
    Function(
        "InvokeEapUI",
        f"hrasconn: {_H}, subEntry: int, dialExtensions: RASDIALEXTENSIONS | None, "
        f"hwnd: {_H} = None, /",
        "None",
    ),
    # country info and AutoDial
    Function("GetCountryInfo", "countryId: int, /", "dict[str, int | str]"),
    Function("GetAutodialAddress", "address: str | None, /", "list[dict[str, int | str]]"),
    Function(
        "SetAutodialAddress",
        "address: str | None, entries: Sequence[dict[str, int | str]] | None, /",
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
    Function("_set_hangup_hook", "hook: Callable[[int], object] | None, /", "None"),
    Function("_atexit", "", "None"),
    Function("_sim_reset", "", "None"),
    Function("_sim_posted_messages", "", "list[tuple[int, int, int, int]]"),
    Function("_sim_event_create", "manual_reset: bool = ..., initial_state: bool = ..., /", "int"),
    Function("_sim_event_wait", "event: int, timeout_ms: int, /", "int"),
    Function("_sim_event_set", "event: int, /", "bool"),
    Function("_sim_event_reset", "event: int, /", "bool"),
    Function("_sim_event_close", "event: int, /", "bool"),
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
