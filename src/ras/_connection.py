"""Connections as objects: status, addresses, statistics, links, hang-up.

A :class:`Connection` is a RAS connection handle with the calls that take
one.  What never changes (the handle, the entry's name) is an attribute;
what RAS reports live is a method, read again at each call (``status()``,
``projection()``, ``statistics()``), as psutil's ``Process`` does: a
property that reads the system on every access hides the cost and the
failure (a handle that went away) behind an attribute.

``hangup()`` follows Microsoft's rule for RasHangUp: the handle stays valid
for a moment after the call, and the application waits until
RasGetConnectStatus answers ``ERROR_INVALID_HANDLE`` before it may dial the
entry again; ``hangup`` polls for that, with a bound.
"""

from __future__ import annotations

import asyncio
import datetime
import enum
import ipaddress
import logging
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING, Any

from ras import _ras
from ras._errors import DialTimeoutError, InvalidHandleError, NotSupportedError

if TYPE_CHECKING:  # the raw dicts' types exist in the stub only (docs/api/typing.md)
    from ras._ras import Ikev2ProjectionDict, PppIpDict, PppProjectionDict, StatisticsDict

__all__ = [
    "Connection",
    "ConnectionState",
    "ConnectionStatus",
    "Projection",
    "ProjectionType",
    "Statistics",
    "connections",
]

log = logging.getLogger("ras")

#: How long ``hangup()`` waits for RAS to forget the handle, by default (s).
HANGUP_TIMEOUT = 10.0


class ConnectionState(enum.IntEnum):
    """A connection's (or a dial's) state: RASCONNSTATE's ``RASCS_*`` values."""

    OPEN_PORT = _ras.RASCS_OpenPort
    PORT_OPENED = _ras.RASCS_PortOpened
    CONNECT_DEVICE = _ras.RASCS_ConnectDevice
    DEVICE_CONNECTED = _ras.RASCS_DeviceConnected
    ALL_DEVICES_CONNECTED = _ras.RASCS_AllDevicesConnected
    AUTHENTICATE = _ras.RASCS_Authenticate
    AUTH_NOTIFY = _ras.RASCS_AuthNotify
    AUTH_RETRY = _ras.RASCS_AuthRetry
    AUTH_CALLBACK = _ras.RASCS_AuthCallback
    AUTH_CHANGE_PASSWORD = _ras.RASCS_AuthChangePassword
    AUTH_PROJECT = _ras.RASCS_AuthProject
    AUTH_LINK_SPEED = _ras.RASCS_AuthLinkSpeed
    AUTH_ACK = _ras.RASCS_AuthAck
    REAUTHENTICATE = _ras.RASCS_ReAuthenticate
    AUTHENTICATED = _ras.RASCS_Authenticated
    PREPARE_FOR_CALLBACK = _ras.RASCS_PrepareForCallback
    WAIT_FOR_MODEM_RESET = _ras.RASCS_WaitForModemReset
    WAIT_FOR_CALLBACK = _ras.RASCS_WaitForCallback
    PROJECTED = _ras.RASCS_Projected
    START_AUTHENTICATION = _ras.RASCS_StartAuthentication
    CALLBACK_COMPLETE = _ras.RASCS_CallbackComplete
    LOGON_NETWORK = _ras.RASCS_LogonNetwork
    SUBENTRY_CONNECTED = _ras.RASCS_SubEntryConnected
    SUBENTRY_DISCONNECTED = _ras.RASCS_SubEntryDisconnected
    APPLY_SETTINGS = _ras.RASCS_ApplySettings
    INTERACTIVE = _ras.RASCS_Interactive
    RETRY_AUTHENTICATION = _ras.RASCS_RetryAuthentication
    CALLBACK_SET_BY_CALLER = _ras.RASCS_CallbackSetByCaller
    PASSWORD_EXPIRED = _ras.RASCS_PasswordExpired
    INVOKE_EAP_UI = _ras.RASCS_InvokeEapUI
    CONNECTED = _ras.RASCS_Connected
    DISCONNECTED = _ras.RASCS_Disconnected

    @property
    def paused(self) -> bool:
        """A paused state (``RASCS_PAUSED`` and above, below ``RASCS_DONE``)."""
        return _ras.RASCS_PAUSED <= self < _ras.RASCS_DONE

    @classmethod
    def of(cls, value: int) -> ConnectionState | int:
        """The member for `value`, or `value` itself when a newer Windows added it."""
        try:
            return cls(value)
        except ValueError:
            return value


@dataclass(frozen=True)
class ConnectionStatus:
    """What RasGetConnectStatus reports about a connection."""

    state: ConnectionState | int
    #: 0, or the error that ended the dial (the handle stays until hung up).
    error: int
    device_type: str
    device_name: str

    @property
    def connected(self) -> bool:
        return self.state == ConnectionState.CONNECTED and self.error == 0


class ProjectionType(enum.IntEnum):
    """How the connection was negotiated (``PROJECTION_INFO_TYPE_*``)."""

    PPP = _ras.PROJECTION_INFO_TYPE_PPP
    IKEV2 = _ras.PROJECTION_INFO_TYPE_IKEv2


@dataclass(frozen=True)
class Projection:
    """The addresses and protocols negotiated for a connection.

    From RasGetProjectionInfoEx (Windows 7 and later); where it is missing,
    from RasGetProjectionInfo's IP projection (``type`` is then PPP and the
    IPv6 fields are ``None``).  An address is ``None`` when that protocol was
    not negotiated.  ``raw`` is the dict the raw call returned.
    """

    type: ProjectionType | int
    ipv4: ipaddress.IPv4Address | None
    ipv4_server: ipaddress.IPv4Address | None
    ipv6: ipaddress.IPv6Address | None
    ipv6_server: ipaddress.IPv6Address | None
    #: All the server's addresses (IKEv2 on Windows 8 and later: several).
    server_addresses: tuple[ipaddress.IPv4Address | ipaddress.IPv6Address, ...]
    raw: PppProjectionDict | Ikev2ProjectionDict | PppIpDict


@dataclass(frozen=True)
class Statistics:
    """RAS_STATS: counters since the connection (or the link) was made."""

    bytes_sent: int
    bytes_received: int
    frames_sent: int
    frames_received: int
    crc_errors: int
    timeout_errors: int
    alignment_errors: int
    hardware_overrun_errors: int
    framing_errors: int
    buffer_overrun_errors: int
    #: Compression ratio of what is received, in percent.
    compression_ratio_in: int
    #: Compression ratio of what is sent, in percent.
    compression_ratio_out: int
    #: The line's speed, in bits per second.
    bps: int
    connect_duration: datetime.timedelta

    @classmethod
    def from_raw(cls, d: StatisticsDict) -> Statistics:
        return cls(
            bytes_sent=d["bytesXmited"],
            bytes_received=d["bytesRcved"],
            frames_sent=d["framesXmited"],
            frames_received=d["framesRcved"],
            crc_errors=d["crcErr"],
            timeout_errors=d["timeoutErr"],
            alignment_errors=d["alignmentErr"],
            hardware_overrun_errors=d["hardwareOverrunErr"],
            framing_errors=d["framingErr"],
            buffer_overrun_errors=d["bufferOverrunErr"],
            compression_ratio_in=d["compressionRatioIn"],
            compression_ratio_out=d["compressionRatioOut"],
            bps=d["bps"],
            connect_duration=datetime.timedelta(milliseconds=d["connectDuration"]),
        )


def _negotiated(addr: Any, error: int) -> Any:
    """`addr` when its projection succeeded and it is not all zeros."""
    if error != 0 or addr is None or int(addr) == 0:
        return None
    return addr


def _projection_from_ex(info: PppProjectionDict | Ikev2ProjectionDict) -> Projection:
    d: Mapping[str, Any] = info  # the keys of either kind, read alike
    v4_ok = d.get("ipv4NegotiationError", 0)
    v6_ok = d.get("ipv6NegotiationError", 0)
    servers: list[ipaddress.IPv4Address | ipaddress.IPv6Address] = [
        *d.get("ipv4ServerAddresses", []),
        *d.get("ipv6ServerAddresses", []),
    ]
    v4_server = _negotiated(d.get("ipv4ServerAddress"), v4_ok)
    v6_server = _negotiated(d.get("ipv6ServerAddress"), v6_ok)
    for one in (v6_server, v4_server):
        if one is not None and one not in servers:
            servers.insert(0, one)
    try:
        kind: ProjectionType | int = ProjectionType(d["type"])
    except ValueError:
        kind = d["type"]
    return Projection(
        type=kind,
        ipv4=_negotiated(d.get("ipv4Address"), v4_ok),
        ipv4_server=v4_server,
        ipv6=_negotiated(d.get("ipv6Address"), v6_ok),
        ipv6_server=v6_server,
        server_addresses=tuple(servers),
        raw=info,
    )


def _projection_from_ip(d: PppIpDict) -> Projection:
    err = d.get("error", 0)
    v4 = _negotiated(d.get("ipAddress"), err)
    v4_server = _negotiated(d.get("serverIpAddress"), err)
    return Projection(
        type=ProjectionType.PPP,
        ipv4=v4,
        ipv4_server=v4_server,
        ipv6=None,
        ipv6_server=None,
        server_addresses=(v4_server,) if v4_server is not None else (),
        raw=d,
    )


def _hangup_raw(handle: int) -> bool:
    """RasHangUp; False when RAS no longer knew the handle."""
    try:
        _ras.HangUp(handle)
    except InvalidHandleError:
        return False
    return True


def _gone(handle: int) -> bool:
    """True once RasGetConnectStatus no longer knows the handle."""
    try:
        _ras.GetConnectStatus(handle)
    except InvalidHandleError:
        return True
    return False


def _poll_delays(timeout: float) -> Iterator[float]:
    """Delays between polls of a hang-up: 1 ms doubling to 50 ms, until `timeout`."""
    deadline = time.monotonic() + timeout
    delay = 0.001
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return
        yield min(delay, left)
        delay = min(delay * 2, 0.05)


def _hangup_timeout(handle: int, timeout: float) -> DialTimeoutError:
    return DialTimeoutError(
        _ras.ERROR_TIMEOUT,
        "RasHangUp",
        f"the connection (handle 0x{handle:x}) was still known to RAS {timeout:g} s after "
        "RasHangUp",
    )


def hangup_handle(handle: int, timeout: float = HANGUP_TIMEOUT) -> None:
    """RasHangUp `handle`, then wait until RAS forgets it (at most `timeout` s).

    Raises :class:`ras.DialTimeoutError` (code 1460) if the handle is still
    known after `timeout`.  A handle RAS does not know is already hung up.
    """
    _hangup_raw(handle)
    if _gone(handle):
        return
    for delay in _poll_delays(timeout):
        time.sleep(delay)
        if _gone(handle):
            return
    raise _hangup_timeout(handle, timeout)


async def ahangup_handle(handle: int, timeout: float = HANGUP_TIMEOUT) -> None:
    """:func:`hangup_handle` for asyncio: the waits are ``asyncio.sleep``.

    Cancelling it stops the wait; RasHangUp has been called by then.
    """
    _hangup_raw(handle)
    if _gone(handle):
        return
    for delay in _poll_delays(timeout):
        await asyncio.sleep(delay)
        if _gone(handle):
            return
    raise _hangup_timeout(handle, timeout)


class Connection:
    """A RAS connection: ``ras.dial()``, ``ras.connect()`` or ``ras.connections()`` make them.

    ``with`` a connection hangs it up on leaving the block (and waits until
    it is gone); ``async with`` does the same without blocking the loop.
    Two objects for the same handle are equal.
    """

    __slots__ = ("__weakref__", "_entry", "_handle", "_phonebook")

    def __init__(self, handle: int, entry: str = "", phonebook: str | None = None) -> None:
        if not isinstance(handle, int) or isinstance(handle, bool):
            raise TypeError(f"handle must be an int, not {type(handle).__name__}")
        self._handle = handle
        self._entry = entry
        self._phonebook = phonebook

    @property
    def handle(self) -> int:
        """The HRASCONN, for the raw functions (``ras.GetConnectStatus(conn.handle)``)."""
        return self._handle

    @property
    def entry(self) -> str:
        """The phone-book entry's name (``""`` for a dial without an entry)."""
        return self._entry

    @property
    def phonebook(self) -> str | None:
        """The phone-book file dialled from, when known (``None``: the default one, or unknown)."""
        return self._phonebook

    def __repr__(self) -> str:
        return f"<ras.Connection {self._entry!r} handle=0x{self._handle:x}>"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Connection):
            return NotImplemented
        return self._handle == other._handle

    def __hash__(self) -> int:
        return hash(self._handle)

    # ---- live state ------------------------------------------------------

    def status(self) -> ConnectionStatus:
        """RasGetConnectStatus: raises ``InvalidHandleError`` once the connection is gone."""
        state, error, device_type, device_name = _ras.GetConnectStatus(self._handle)
        return ConnectionStatus(ConnectionState.of(state), error, device_type, device_name)

    def is_active(self) -> bool:
        """Whether RAS still knows the handle (dialling, connected, or failed and not hung up)."""
        return not _gone(self._handle)

    def is_connected(self) -> bool:
        """Whether the connection is up (``RASCS_Connected``, no error)."""
        try:
            return self.status().connected
        except InvalidHandleError:
            return False

    def projection(self) -> Projection:
        """The negotiated addresses (RasGetProjectionInfoEx, else RasGetProjectionInfo)."""
        try:
            return _projection_from_ex(_ras.GetProjectionInfoEx(self._handle))
        except NotSupportedError:
            pass
        return _projection_from_ip(_ras.GetProjectionInfo(self._handle, _ras.RASP_PppIp))

    def ipv4(self) -> ipaddress.IPv4Address | None:
        """This end's IPv4 address, or ``None`` when IPv4 was not negotiated."""
        return self.projection().ipv4

    def ipv6(self) -> ipaddress.IPv6Address | None:
        """This end's IPv6 address, or ``None`` when IPv6 was not negotiated."""
        return self.projection().ipv6

    def statistics(self) -> Statistics:
        """RasGetConnectionStatistics: counters of the whole connection."""
        return Statistics.from_raw(_ras.GetConnectionStatistics(self._handle))

    def clear_statistics(self) -> None:
        """RasClearConnectionStatistics."""
        _ras.ClearConnectionStatistics(self._handle)

    def link(self, subentry: int) -> Connection:
        """The connection of one link (sub-entry, from 1) of a multilink connection.

        Hanging it up ends that link only.
        """
        return Connection(
            _ras.GetSubEntryHandle(self._handle, subentry), self._entry, self._phonebook
        )

    def link_statistics(self, subentry: int) -> Statistics:
        """RasGetLinkStatistics: counters of one link (sub-entry, from 1)."""
        return Statistics.from_raw(_ras.GetLinkStatistics(self._handle, subentry))

    def update(
        self,
        *,
        interface_index: int | None = None,
        local: ipaddress.IPv4Address | ipaddress.IPv6Address | None = None,
        remote: ipaddress.IPv4Address | ipaddress.IPv6Address | None = None,
    ) -> None:
        """RasUpdateConnection: move an IKEv2 (MOBIKE) connection to new end points.

        ``local``/``remote`` ``None`` leave that end point unknown to RAS (it
        keeps it); ``interface_index`` is the new interface's index.
        """
        update: dict[str, Any] = {"localEndPoint": local, "remoteEndPoint": remote}
        if interface_index is not None:
            update["ifIndex"] = interface_index
        _ras.UpdateConnection(self._handle, update)

    # ---- ending ------------------------------------------------------------

    def hangup(self, timeout: float = HANGUP_TIMEOUT) -> None:
        """Hang up and wait until RAS has forgotten the handle (at most `timeout` s).

        Hanging up a connection that is already gone does nothing.  Raises
        :class:`ras.DialTimeoutError` (code 1460 ``ERROR_TIMEOUT``) when RAS
        still knows the handle after `timeout`.
        """
        log.info("%s: hanging up (handle 0x%x)", self._entry or "connection", self._handle)
        hangup_handle(self._handle, timeout)

    async def ahangup(self, timeout: float = HANGUP_TIMEOUT) -> None:
        """:meth:`hangup` for asyncio: waits with ``asyncio.sleep``; cancellable."""
        log.info("%s: hanging up (handle 0x%x)", self._entry or "connection", self._handle)
        await ahangup_handle(self._handle, timeout)

    def __enter__(self) -> Connection:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.hangup()

    async def __aenter__(self) -> Connection:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.ahangup()


def connections(entry: str | None = None) -> list[Connection]:
    """Every active RAS connection of this machine (RasEnumConnections), or
    those of one entry (names compared as Windows compares them: without case)."""
    found = [Connection(h, name) for h, name, _type, _name in _ras.EnumConnections()]
    if entry is None:
        return found
    wanted = entry.casefold()
    return [c for c in found if c.entry.casefold() == wanted]
