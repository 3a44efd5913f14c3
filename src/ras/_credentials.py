"""What is saved for an entry (the credentials family, typed): :class:`Credentials`
holds the user name, the domain and whether a password is saved, never the
password (nor RAS's password handle)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from ras import _ras

__all__ = ["Credentials"]


@dataclasses.dataclass(frozen=True)
class Credentials:
    """The credentials saved for an entry: ``user`` and ``domain`` (``""`` when
    not saved) and ``password_saved``.  Frozen: a report of what RAS holds,
    changed only through :meth:`ras.Phonebook.set_credentials`."""

    user: str = ""
    domain: str = ""
    password_saved: bool = False

    @classmethod
    def from_dict(cls, raw: Mapping[str, object]) -> Credentials:
        """From a ``GetCredentials`` dict; its ``password`` (a handle) is not read."""
        mask = raw.get("mask", 0)
        assert isinstance(mask, int)
        user = raw.get("userName", "") if mask & _ras.RASCM_UserName else ""
        domain = raw.get("domain", "") if mask & _ras.RASCM_Domain else ""
        return cls(
            user=str(user), domain=str(domain), password_saved=bool(mask & _ras.RASCM_Password)
        )
