"""The Windows Remote Access Service (rasapi32) client API for Python.

``ras`` exposes every function of pywin32's ``win32ras`` with the same
arguments and results, every RAS constant, and helpers.  A failed call raises
the class of its error code (``ras.EntryNotFoundError``, ...; ras/_errors.py),
a subclass of ``ras.error`` with pywin32's args.  ``import win32ras``
gives exactly pywin32's surface on top of this package.

``BACKEND`` is ``"rasapi32"`` when the extension calls Windows' rasapi32.dll,
``"simulated"`` when it runs against the project's simulated rasapi32 (every
platform but Windows).  ``__version__`` is the version of the build (from the
git tag it was built from; the distribution is ``ras-win32``).

(PYTEST_DONT_REWRITE: see win32ras.py; the package's namespace is its API.)
"""

from __future__ import annotations

from ras import (
    _aio,
    _connection,
    _credentials,
    _dialing,
    _entries,
    _entryprops,
    _errors,
    _ras,
    _surface,
    _watch,
)
from ras._aio import Connecting as Connecting
from ras._aio import connect as connect
from ras._connection import Connection as Connection
from ras._connection import ConnectionState as ConnectionState
from ras._connection import ConnectionStatus as ConnectionStatus
from ras._connection import Projection as Projection
from ras._connection import ProjectionType as ProjectionType
from ras._connection import Statistics as Statistics
from ras._connection import connections as connections
from ras._country import country_list as country_list
from ras._credentials import Credentials as Credentials
from ras._devtypes import *  # noqa: F403  (RASDT_* strings)
from ras._devtypes import DEVICE_TYPES as DEVICE_TYPES
from ras._dialing import DialProgress as DialProgress
from ras._dialing import PauseAnswer as PauseAnswer
from ras._dialing import dial as dial
from ras._entries import Phonebook as Phonebook
from ras._entryprops import ENTRY_FIELDS as ENTRY_FIELDS
from ras._entryprops import SUBENTRY_FIELDS as SUBENTRY_FIELDS
from ras._entryprops import DeviceType as DeviceType
from ras._entryprops import DialMode as DialMode
from ras._entryprops import EncryptionType as EncryptionType
from ras._entryprops import Entry as Entry
from ras._entryprops import EntryOptions as EntryOptions
from ras._entryprops import EntryOptions2 as EntryOptions2
from ras._entryprops import EntryType as EntryType
from ras._entryprops import FramingProtocol as FramingProtocol
from ras._entryprops import IkeIdType as IkeIdType
from ras._entryprops import NetProtocols as NetProtocols
from ras._entryprops import SubEntry as SubEntry
from ras._entryprops import VpnStrategy as VpnStrategy

# The classes errors are raised as (subclasses of `error`), ERROR_CLASSES and
# exception_for / error_for / classify: ras/_errors.py, docs/api/errors.md.
from ras._errors import *  # noqa: F403

# Every function, type and constant of the extension (declared in ras/_surface.py,
# typed in ras/_ras.pyi, which lists every constant, so type checkers see them all;
# the stub's TypedDicts of the raw dicts, ras.EntryPropertiesDict, ..., come with
# this import for type checkers only: docs/api/typing.md).
from ras._ras import *  # noqa: F403
from ras._states import STATE_NAMES as STATE_NAMES
from ras._states import is_final_state as is_final_state
from ras._states import state_name as state_name
from ras._watch import ConnectionEvent as ConnectionEvent
from ras._watch import ConnectionEventKind as ConnectionEventKind
from ras._watch import ConnectionWatcher as ConnectionWatcher
from ras._watch import watch as watch

try:  # written at build time (pyproject.toml [tool.setuptools_scm])
    from ras._version import __version__ as __version__
except ImportError:  # a source tree that was never built
    __version__ = "0.0.0+unknown"

# Every integer constant of the extension: RASCS_*, RASEAPF_*, RDEOPT_*,
# RAS_Max*, ERROR_* (all of raserror.h), WM_RASDIALEVENT, ...
CONSTANTS: dict[str, int] = {
    name: value for name, value in vars(_ras).items() if name[:1].isupper() and type(value) is int
}

# The helpers written in Python (ras._country, ras._devtypes, ras._states).
_HELPERS = [
    "CONSTANTS",
    "DEVICE_TYPES",
    "STATE_NAMES",
    "country_list",
    "is_final_state",
    "state_name",
]

# The typed layer: entries (ras._entryprops, ras._entries, ras._credentials),
# connections and dialling (ras._connection, ras._dialing, ras._aio).
_TYPED = [
    *_entryprops.__all__,
    *_entries.__all__,
    *_credentials.__all__,
    *_connection.__all__,
    *_dialing.__all__,
    *_aio.__all__,
]

# The connection watcher (ras._watch).
_WATCH = [*_watch.__all__]

__all__ = [
    *_surface.public_names(),
    *_HELPERS,
    *_TYPED,
    *_WATCH,
    *_errors.__all__,
    *sorted(CONSTANTS),
    *sorted(DEVICE_TYPES),
]
