"""What an admin-DLL policy sees: connections, links, address requests.

The DLL decodes RRAS's structures (``RAS_CONNECTION_EX``, ``RAS_PORT_0``/
``RAS_PORT_1``, the address calls' arguments) into plain dicts whose keys are
the fields of ``src/admin/policy.h``'s ``rasadm_connection``, ``rasadm_link``
and ``rasadm_address``; the ``from_raw`` functions here shape them (the C
does the raw call, Python shapes the result).  Nothing here holds a password:
RRAS gives an admin DLL none.
"""

from __future__ import annotations

import dataclasses
import enum
import ipaddress
import uuid
from collections.abc import Mapping
from typing import Any, Union

from ras._connection import ProjectionType  # PROJECTION_INFO's types are the client's

__all__ = [
    "AddressRequest",
    "Connection",
    "ConnectionFlags",
    "InterfaceType",
    "Link",
    "PortCondition",
    "QuarantineState",
    "Statistics",
]

IPAddress = Union[ipaddress.IPv4Address, ipaddress.IPv6Address]


class InterfaceType(enum.IntEnum):
    """``ROUTER_INTERFACE_TYPE``: who is connecting."""

    CLIENT = 0  # a remote access client (a user)
    HOME_ROUTER = 1
    FULL_ROUTER = 2  # a demand-dial router
    DEDICATED = 3
    INTERNAL = 4
    LOOPBACK = 5
    TUNNEL1 = 6
    DIALOUT = 7


class ConnectionFlags(enum.IntFlag):
    """``RAS_FLAGS_*`` of a connection."""

    PPP_CONNECTION = 0x01
    MESSENGER_PRESENT = 0x02
    QUARANTINE_PRESENT = 0x08
    IKEV2_CONNECTION = 0x10  # (RAS_FLAGS_ARAP_CONNECTION before Windows 7)
    DORMANT = 0x20


class QuarantineState(enum.IntEnum):
    """``RAS_QUARANTINE_STATE`` (network access protection)."""

    NORMAL = 0
    QUARANTINE = 1
    PROBATION = 2
    NOT_CAPABLE = 3


class PortCondition(enum.IntEnum):
    """``RAS_PORT_CONDITION`` of a link."""

    NON_OPERATIONAL = 0
    DISCONNECTED = 1
    CALLING_BACK = 2
    LISTENING = 3
    AUTHENTICATING = 4
    AUTHENTICATED = 5
    INITIALIZING = 6


def _enum(cls: Any, value: int) -> Any:
    try:
        return cls(value)
    except ValueError:  # a newer Windows: the number itself
        return value


@dataclasses.dataclass(frozen=True)
class Statistics:
    """The counters of a connection or a link (at hang-up: its totals)."""

    bytes_sent: int = 0
    bytes_received: int = 0
    frames_sent: int = 0
    frames_received: int = 0
    crc_errors: int = 0
    timeout_errors: int = 0
    alignment_errors: int = 0
    hardware_overrun_errors: int = 0
    framing_errors: int = 0
    buffer_overrun_errors: int = 0
    compression_ratio_in: int = 0  # percent
    compression_ratio_out: int = 0

    @classmethod
    def from_raw(cls, raw: Mapping[str, Any]) -> Statistics:
        return cls(**{f.name: int(raw.get(f.name, 0)) for f in dataclasses.fields(cls)})


def _ip(text: str) -> IPAddress | None:
    """An address RRAS wrote as text; None when empty or not an address."""
    try:
        return ipaddress.ip_address(text.strip()) if text and text.strip() else None
    except ValueError:
        return None


def _ipv4(text: str) -> ipaddress.IPv4Address | None:
    address = _ip(text)
    return address if isinstance(address, ipaddress.IPv4Address) else None


def _interface_id(raw: bytes) -> bytes | None:
    return bytes(raw) if raw and any(raw) else None


@dataclasses.dataclass(frozen=True)
class Connection:
    """A connection to the RRAS server (``RAS_CONNECTION_EX``).

    ``client_ipv4`` is the address the client got, ``server_ipv4`` the
    server's end; ``ipv6_prefix`` the prefix advertised to the client with its
    ``client_interface_id``; the end points are the tunnel's outer addresses
    (IKEv2, SSTP, ...).  ``duration`` is in seconds.
    """

    id: int
    interface_id: int
    interface_type: InterfaceType | int
    flags: ConnectionFlags
    duration: int
    projection: ProjectionType | int
    quarantine: QuarantineState | int
    guid: uuid.UUID
    user: str
    domain: str
    interface_name: str
    remote_computer: str
    remote_endpoint: IPAddress | None
    local_endpoint: IPAddress | None
    server_ipv4: ipaddress.IPv4Address | None
    client_ipv4: ipaddress.IPv4Address | None
    ipv6_prefix: ipaddress.IPv6Network | None
    server_interface_id: bytes | None
    client_interface_id: bytes | None
    authentication_protocol: int
    eap_type: int
    statistics: Statistics

    @property
    def is_client(self) -> bool:
        """A remote access user (not a demand-dial router)."""
        return self.interface_type == InterfaceType.CLIENT

    @classmethod
    def from_raw(cls, raw: Mapping[str, Any]) -> Connection:
        prefix = None
        length = int(raw.get("ipv6_prefix_length", 0))
        prefix_bytes = bytes(raw.get("ipv6_prefix", b"")).ljust(16, b"\0")[:16]
        if 0 < length <= 128 and any(prefix_bytes):
            prefix = ipaddress.IPv6Network((prefix_bytes, length), strict=False)
        guid = raw.get("guid", b"\0" * 16)
        return cls(
            id=int(raw["connection_id"]),
            interface_id=int(raw.get("interface_id", 0)),
            interface_type=_enum(InterfaceType, int(raw.get("interface_type", 0))),
            flags=ConnectionFlags(int(raw.get("flags", 0))),
            duration=int(raw.get("duration_seconds", 0)),
            projection=_enum(ProjectionType, int(raw.get("projection_type", 0))),
            quarantine=_enum(QuarantineState, int(raw.get("quarantine_state", 0))),
            guid=uuid.UUID(bytes_le=bytes(guid)) if isinstance(guid, bytes) else uuid.UUID(guid),
            user=str(raw.get("user", "")),
            domain=str(raw.get("domain", "")),
            interface_name=str(raw.get("interface_name", "")),
            remote_computer=str(raw.get("remote_computer", "")),
            remote_endpoint=_ip(str(raw.get("remote_endpoint", ""))),
            local_endpoint=_ip(str(raw.get("local_endpoint", ""))),
            server_ipv4=_ipv4(str(raw.get("ipv4_address", ""))),
            client_ipv4=_ipv4(str(raw.get("ipv4_remote_address", ""))),
            ipv6_prefix=prefix,
            server_interface_id=_interface_id(raw.get("ipv6_interface_id", b"")),
            client_interface_id=_interface_id(raw.get("ipv6_remote_interface_id", b"")),
            authentication_protocol=int(raw.get("authentication_protocol", 0)),
            eap_type=int(raw.get("eap_type", 0)),
            statistics=Statistics.from_raw(raw.get("stats", {})),
        )


@dataclasses.dataclass(frozen=True)
class Link:
    """One link (port) of a connection (``RAS_PORT_0`` and ``RAS_PORT_1``).

    ``line_speed`` in bits per second; ``duration`` in seconds."""

    id: int
    connection_id: int
    condition: PortCondition | int
    total_calls: int
    duration: int
    line_speed: int
    hardware_ok: bool
    port_name: str
    media_name: str
    device_name: str
    device_type: str
    statistics: Statistics

    @classmethod
    def from_raw(cls, raw: Mapping[str, Any]) -> Link:
        return cls(
            id=int(raw["port_id"]),
            connection_id=int(raw.get("connection_id", 0)),
            condition=_enum(PortCondition, int(raw.get("condition", 0))),
            total_calls=int(raw.get("total_calls", 0)),
            duration=int(raw.get("duration_seconds", 0)),
            line_speed=int(raw.get("line_speed", 0)),
            hardware_ok=int(raw.get("hardware_condition", 0)) == 0,
            port_name=str(raw.get("port_name", "")),
            media_name=str(raw.get("media_name", "")),
            device_name=str(raw.get("device_name", "")),
            device_type=str(raw.get("device_type", "")),
            statistics=Statistics.from_raw(raw.get("stats", {})),
        )


@dataclasses.dataclass(frozen=True)
class AddressRequest:
    """An address request (or release) for a user on a port.

    ``family`` is 4 or 6; ``address`` is, for a request, what RRAS proposes
    (``None``: nothing), for a release the address being released."""

    family: int
    user: str
    port: str
    address: IPAddress | None

    @classmethod
    def from_raw(cls, raw: Mapping[str, Any]) -> AddressRequest:
        family = int(raw["family"])
        address: IPAddress | None = None
        if family == 4:
            value = int(raw.get("ipv4", 0))  # RRAS's DWORD, network byte order
            if value:
                address = ipaddress.IPv4Address(value.to_bytes(4, "little"))
        elif family == 6:
            packed = bytes(raw.get("ipv6", b""))
            if len(packed) == 16 and any(packed):
                address = ipaddress.IPv6Address(packed)
        else:
            raise ValueError(f"address family {family}, not 4 or 6")
        return cls(family, str(raw.get("user", "")), str(raw.get("port", "")), address)


def address_to_raw(family: int, address: object) -> dict[str, Any]:
    """A policy's assigned address as the DLL takes it (``rasadm_address_answer``);
    TypeError/ValueError when it is not an address of the request's family."""
    if isinstance(address, str):
        address = ipaddress.ip_address(address)
    if family == 4 and isinstance(address, ipaddress.IPv4Address):
        return {"ipv4": int.from_bytes(address.packed, "little")}
    if family == 6 and isinstance(address, ipaddress.IPv6Address):
        return {"ipv6": address.packed}
    raise TypeError(
        f"an IPv{family} request needs an IPv{family}Address (or None), "
        f"not {type(address).__name__}"
    )
