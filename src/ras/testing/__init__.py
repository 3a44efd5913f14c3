"""Test your own RAS automation anywhere, against the simulated rasapi32.

``SimulatedRas`` starts a simulated RAS for the duration of a ``with`` block
(or a test: the ``ras_sim`` pytest fixture, _ras_pytest_plugin.py): a
temporary default phone book with the entries you give, a scripted
:class:`Server` for each, and the controls a test needs -- drop a live
connection now, read what the code under test dialled (user name, whether a
password was given; never the password), count dials and hang-ups.

Code under test does ``import win32ras`` or ``import ras`` unchanged.  Off
Windows the extension always runs on the simulator; on Windows the block
switches ``ras`` and ``win32ras`` to the simulator-backed build of the
extension the wheel carries, ``ras._ras_sim``, and back on leaving, so the
user's real phone book and connections are never touched (docs/testing.md
says what this can and cannot reach).

Nothing here starts unless asked: importing ``ras.testing`` changes nothing.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import tempfile
import threading
from collections.abc import Iterable, Mapping
from types import TracebackType
from typing import Any

import ras
from ras.admin import _server as _admin_server
from ras.testing import _backend
from ras.testing._server import Server

__all__ = ["DialRecord", "HangUpRecord", "Server", "SimulatedRas"]

_ENV = ("RASSIM_PHONEBOOK", "RASSIM_SCENARIO", "RASSIM_AUTODIAL", "RASSIM_CONNECTIONS")
_active_lock = threading.Lock()
_active: SimulatedRas | None = None


@dataclasses.dataclass(frozen=True)
class DialRecord:
    """One RasDial the code under test made (or a resume of a paused dial).

    ``password_given`` says whether a password was passed (not empty, not the
    saved password's handle); ``saved_password`` whether the saved one was
    asked for.  The password itself is never recorded, nor its length.
    ``handle`` is None when RAS returned none; ``result`` is what RasDial
    returned (0: started, or for a synchronous dial connected).
    """

    entry: str
    phonebook: str
    phone_number: str
    callback_number: str
    user: str
    domain: str
    password_given: bool
    saved_password: bool
    resume: bool
    asynchronous: bool
    options: int
    handle: int | None
    result: int
    time: float
    raw: Mapping[str, Any] = dataclasses.field(repr=False, compare=False)


@dataclasses.dataclass(frozen=True)
class HangUpRecord:
    """One RasHangUp the code under test made: ``ended`` when it released the
    connection's last reference; ``result`` what RasHangUp returned."""

    handle: int
    entry: str
    ended: bool
    result: int
    time: float


class SimulatedRas:
    """A simulated RAS for a block of code: ``with SimulatedRas(...) as sim:``.

    ``entries``: the default phone book's entries -- names (VPN entries to
    vpn.example.com) or a mapping of names to :class:`ras.Entry`.
    ``servers``: a :class:`Server` per entry name; ``default_server`` for the
    others (default: one that accepts any credentials and connects at once).

    One at a time in a process (the simulator is process-wide).
    """

    def __init__(
        self,
        entries: Iterable[str] | Mapping[str, ras.Entry] = (),
        servers: Mapping[str, Server] | None = None,
        default_server: Server | None = None,
    ) -> None:
        self._entries: dict[str, ras.Entry] = (
            dict(entries)
            if isinstance(entries, Mapping)
            else {name: ras.Entry.vpn("vpn.example.com") for name in entries}
        )
        self._servers: dict[str, Server] = dict(servers or {})
        self._default_server = default_server
        self._directory: str | None = None
        self._saved_env: dict[str, str | None] = {}
        self._switch: _backend.Switch | None = None

    # ---- starting and stopping -------------------------------------------

    def start(self) -> SimulatedRas:
        global _active
        with _active_lock:
            if _active is not None:
                raise RuntimeError("a SimulatedRas is already running in this process")
            _active = self
        try:
            self._directory = tempfile.mkdtemp(prefix="ras-testing-")
            self._saved_env = {name: os.environ.get(name) for name in _ENV}
            os.environ["RASSIM_PHONEBOOK"] = self.phonebook_path
            os.environ["RASSIM_SCENARIO"] = self._path("scenario.ini")
            os.environ["RASSIM_AUTODIAL"] = self._path("autodial.ini")
            # child processes of the code under test share this view of the machine
            os.environ["RASSIM_CONNECTIONS"] = self._path("machine.connections")
            self._switch = _backend.Switch()
            self._switch.enter()
            _backend.reset()
            with open(self.phonebook_path, "w", encoding="utf-8"):
                pass
            self._write_scenario()
            book = self.phonebook
            for name, entry in self._entries.items():
                book[name] = entry
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        """Hang up every simulated connection, restore everything, remove the files."""
        global _active
        try:
            if self._switch is not None:
                try:
                    _backend.reset()
                finally:
                    self._switch.exit()
                    self._switch = None
                    _admin_server.unload_all()
        finally:
            for name, value in self._saved_env.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
            self._saved_env = {}
            if self._directory is not None:
                shutil.rmtree(self._directory, ignore_errors=True)
                self._directory = None
            with _active_lock:
                if _active is self:
                    _active = None

    def __enter__(self) -> SimulatedRas:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # ---- the phone book and the servers ---------------------------------------

    def _path(self, name: str) -> str:
        if self._directory is None:
            raise RuntimeError("the SimulatedRas is not running")
        return os.path.join(self._directory, name)

    @property
    def directory(self) -> str:
        """The temporary directory holding the phone book and the simulator's files."""
        return self._path("")

    @property
    def phonebook_path(self) -> str:
        """The default phone book's file (what ``None`` means to every RAS call)."""
        return self._path("rasphone.pbk")

    @property
    def phonebook(self) -> ras.Phonebook:
        """The default phone book, as a :class:`ras.Phonebook`."""
        return ras.Phonebook(self.phonebook_path)

    def add_entry(
        self, name: str, entry: ras.Entry | None = None, server: Server | None = None
    ) -> None:
        """Another entry (a VPN entry by default), with its server."""
        self.phonebook[name] = entry if entry is not None else ras.Entry.vpn("vpn.example.com")
        if server is not None:
            self.set_server(name, server)

    def set_server(self, entry: str, server: Server | None) -> None:
        """The server `entry` dials from now on (None: the default server).

        The simulator reads it at each dial: a dial already running keeps its own.
        """
        if server is None:
            self._servers.pop(entry, None)
        else:
            self._servers[entry] = server
        self._write_scenario()

    def _write_scenario(self) -> None:
        lines: list[str] = []
        sections: list[tuple[str, Server]] = list(self._servers.items())
        if self._default_server is not None:
            sections.append(("*", self._default_server))
        for name, server in sections:
            lines.append(f"[{name}]")
            lines += [f"{k}={v}" for k, v in server.to_section().items()]
            lines.append("")
        path = self._path("scenario.ini")
        tmp = path + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
        os.replace(tmp, path)  # a dial never reads half a file

    # ---- observing and controlling --------------------------------------------

    @property
    def dials(self) -> list[DialRecord]:
        """Every RasDial made since the start (resumes too), oldest first."""
        return [_dial_record(d) for d in _backend.dial_log()]

    def dial_count(self, entry: str | None = None) -> int:
        """How many dials of `entry` (any case; None: of every entry), resumes not counted."""
        return sum(
            1
            for d in self.dials
            if not d.resume and (entry is None or d.entry.casefold() == entry.casefold())
        )

    @property
    def hangups(self) -> list[HangUpRecord]:
        """Every RasHangUp made since the start, oldest first."""
        return [
            HangUpRecord(h["hrasconn"], h["entryName"], bool(h["ended"]), h["result"], h["time"])
            for h in _backend.hangup_log()
        ]

    def connections(self) -> list[ras.Connection]:
        """The simulated connections (ras.connections())."""
        return ras.connections()

    def drop(self, target: str | int | ras.Connection, error: int = 0) -> None:
        """Make a live connection drop now, as a failed link does: its dial's
        notifier and RasConnectionNotification hear of it; the handle stays until
        hung up.  `target`: an entry name (any case), a handle or a Connection.
        `error`: the error it drops with (0: ERROR_DISCONNECTION, 628)."""
        if isinstance(target, ras.Connection):
            handle = target.handle
        elif isinstance(target, int):
            handle = target
        else:
            matches = ras.connections(target)
            if not matches:
                raise ras.error_for(ras.ERROR_NO_CONNECTION, "RasSimDrop")
            handle = matches[0].handle
        _backend.drop(handle, error)


def _dial_record(d: Mapping[str, Any]) -> DialRecord:
    return DialRecord(
        entry=d["entryName"],
        phonebook=d["phonebook"],
        phone_number=d["phoneNumber"],
        callback_number=d["callbackNumber"],
        user=d["userName"],
        domain=d["domain"],
        password_given=bool(d["passwordGiven"]),
        saved_password=bool(d["savedPassword"]),
        resume=bool(d["resume"]),
        asynchronous=bool(d["asynchronous"]),
        options=d["options"],
        handle=d["hrasconn"],
        result=d["result"],
        time=d["time"],
        raw=dict(d),
    )
