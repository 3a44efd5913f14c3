"""A phone book as a mapping of entry names to typed entries (the entries family):
:class:`Phonebook` over ``EnumEntries``, ``Get/SetEntryProperties``,
``DeleteEntry``, ``RenameEntry``, the sub-entry functions and the credentials
functions."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, MutableMapping
from typing import Any

from ras import _ras
from ras._credentials import Credentials
from ras._entryprops import Entry, SubEntry

__all__ = ["Phonebook"]

_NOT_FOUND = _ras.ERROR_CANNOT_FIND_PHONEBOOK_ENTRY


@contextlib.contextmanager
def _entry_lookup(name: str) -> Iterator[None]:
    """A missing entry (ERROR_CANNOT_FIND_PHONEBOOK_ENTRY) as KeyError(name), the
    RAS error as its cause; every other error as it is."""
    try:
        yield
    except _ras.error as err:
        if err.winerror == _NOT_FOUND:
            raise KeyError(name) from err
        raise


def _check_key(name: object) -> str:
    # Not a str, or "" (which the raw functions read as the default entry):
    # no entry has that name.
    if not isinstance(name, str) or not name:
        raise KeyError(name)
    return name


class Phonebook(MutableMapping[str, Entry]):
    """A phone book: ``Phonebook()`` the default one, ``Phonebook(path)`` a
    ``.pbk`` file.  A mapping of entry names to :class:`ras.Entry`; each access
    reads or writes the phone book (nothing is cached), and names are matched
    as Windows matches them (case-insensitively).

    ``book[name]`` reads an entry, ``book[name] = entry`` creates or replaces it
    (every field is written), ``del book[name]`` deletes it, and
    :meth:`rename`, :meth:`credentials`, :meth:`set_credentials`,
    :meth:`clear_credentials`, the pre-shared key methods and the sub-entry
    methods work on one entry.  A
    missing entry raises ``KeyError``; every other failure the ``ras.error``
    of the RAS call."""

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self._path = None if path is None else os.fspath(path)
        self._keys: frozenset[str] | None = None

    @property
    def path(self) -> str | None:
        """The ``.pbk`` file, or None for the default phone book."""
        return self._path

    def __repr__(self) -> str:
        return f"ras.Phonebook({self._path!r})"

    # ---- the mapping ------------------------------------------------------

    def __getitem__(self, name: str) -> Entry:
        name = _check_key(name)
        with _entry_lookup(name):
            raw = _ras.GetEntryProperties(self._path, name)
        return Entry.from_dict(raw)

    def __setitem__(self, name: str, entry: Entry) -> None:
        if not isinstance(entry, Entry):
            raise TypeError(f"a phone book holds ras.Entry values, not {type(entry).__name__}")
        _ras.SetEntryProperties(self._path, name, entry.to_dict(self._system_keys()))

    def __delitem__(self, name: str) -> None:
        name = _check_key(name)
        with _entry_lookup(name):
            _ras.DeleteEntry(self._path, name)

    def __iter__(self) -> Iterator[str]:
        return iter(self.names())

    def __len__(self) -> int:
        return len(self.names())

    def __contains__(self, name: object) -> bool:
        # As RAS finds a name (case-insensitively), so `name in book` is true
        # exactly when `book[name]` reads an entry.
        if not isinstance(name, str) or not name:
            return False
        try:
            self[name]
        except KeyError:
            return False
        return True

    def names(self) -> list[str]:
        """The entry names, in the phone book's order (``EnumEntries``)."""
        return list(_ras.EnumEntries(None, self._path))

    def _system_keys(self) -> frozenset[str]:
        """The RASENTRY keys this system has (those of the default entry)."""
        if self._keys is None:
            self._keys = frozenset(_ras.GetEntryProperties(self._path, None))
        return self._keys

    # ---- one entry ----------------------------------------------------------

    def rename(self, old: str, new: str) -> None:
        """Renames entry ``old`` to ``new`` (a change of case only is allowed).
        ``KeyError`` when there is no ``old``; ``ras.error`` 183
        (``ERROR_ALREADY_EXISTS``) when ``new`` exists, 123
        (``ERROR_INVALID_NAME``) when it is no valid name."""
        old = _check_key(old)
        with _entry_lookup(old):
            _ras.RenameEntry(self._path, old, new)

    def credentials(self, name: str) -> Credentials:
        """The user name and domain saved for the entry, and whether a
        password is saved.  The password itself is never returned."""
        name = _check_key(name)
        with _entry_lookup(name):
            raw = _ras.GetCredentials(self._path, name)
        return Credentials.from_dict(raw)

    def set_credentials(
        self,
        name: str,
        *,
        user: str | None = None,
        domain: str | None = None,
        password: str | None = None,
    ) -> None:
        """Saves the given credentials for the entry; those not given keep
        their saved value."""
        name = _check_key(name)
        creds: dict[str, Any] = {}
        if user is not None:
            creds["userName"] = user
        if domain is not None:
            creds["domain"] = domain
        if password is not None:
            creds["password"] = password
        if not creds:
            raise TypeError("set_credentials() needs user, domain or password")
        with _entry_lookup(name):
            _ras.SetCredentials(self._path, name, creds)

    def clear_credentials(
        self, name: str, *, user: bool = True, domain: bool = True, password: bool = True
    ) -> None:
        """Forgets the saved user name, domain and password of the entry (each
        of them by default; ``password=False`` keeps the password, ...)."""
        name = _check_key(name)
        mask = (
            (_ras.RASCM_UserName if user else 0)
            | (_ras.RASCM_Domain if domain else 0)
            | (_ras.RASCM_Password if password else 0)
        )
        if mask:
            with _entry_lookup(name):
                _ras.SetCredentials(self._path, name, {"mask": mask}, clearCredentials=True)

    def pre_shared_key_saved(self, name: str) -> bool:
        """Whether an IPsec pre-shared key (L2TP, IKEv2) is saved for the entry.
        The key itself is never returned."""
        name = _check_key(name)
        with _entry_lookup(name):
            raw = _ras.GetCredentials(self._path, name, _ras.RASCM_PreSharedKey)
        mask = raw.get("mask", 0)
        return isinstance(mask, int) and bool(mask & _ras.RASCM_PreSharedKey)

    def set_pre_shared_key(self, name: str, key: str) -> None:
        """Saves the IPsec pre-shared key of the entry (``RASCM_PreSharedKey``)."""
        name = _check_key(name)
        with _entry_lookup(name):
            _ras.SetCredentials(
                self._path, name, {"mask": _ras.RASCM_PreSharedKey, "password": key}
            )

    def clear_pre_shared_key(self, name: str) -> None:
        """Forgets the saved pre-shared key of the entry."""
        name = _check_key(name)
        with _entry_lookup(name):
            _ras.SetCredentials(
                self._path, name, {"mask": _ras.RASCM_PreSharedKey}, clearCredentials=True
            )

    # ---- sub-entries (the links of a multilink entry) ---------------------

    def sub_entries(self, name: str) -> list[SubEntry]:
        """The links of the entry, link 1 first (it is the entry's own device
        and numbers)."""
        count = self[name].sub_entry_count
        with _entry_lookup(name):
            return [
                SubEntry.from_dict(_ras.GetSubEntryProperties(self._path, name, i))
                for i in range(1, count + 1)
            ]

    def set_sub_entry(self, name: str, index: int, sub: SubEntry) -> None:
        """Replaces link ``index`` (from 1) of the entry; an index past the last
        adds a link."""
        name = _check_key(name)
        with _entry_lookup(name):
            _ras.SetSubEntryProperties(self._path, name, index, sub.to_dict())

    def delete_sub_entry(self, name: str, index: int) -> None:
        """Removes link ``index`` (from 1) of the entry; the later links move
        down.  ``IndexError`` when the entry has no such link."""
        if name not in self:
            raise KeyError(name)
        try:
            _ras.DeleteSubEntry(self._path, name, index)
        except _ras.error as err:
            if err.winerror == _NOT_FOUND:
                raise IndexError(f"entry {name!r} has no sub-entry {index}") from err
            raise
