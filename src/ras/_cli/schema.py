"""The JSON Schema of ``--json`` output (``pyras schema`` prints it; docs/cli.md shows it).

One ``$defs`` entry per document kind; each command's output is one of them
(or a list of them).  The tests validate every command's output against it.
"""

from __future__ import annotations

import dataclasses
import enum
import re
from typing import Any

import ras

_ADDRESS = {"type": ["string", "null"]}
_DWORD = {"type": "integer", "minimum": 0, "maximum": 0xFFFFFFFF}


def _names(cls: type[enum.Enum], unknown: str) -> dict[str, Any]:
    """A member's name, or UNKNOWN_<value> for a value the enum does not know."""
    names = "|".join(re.escape(str(m.name)) for m in cls)
    return {"type": "string", "pattern": f"^({names}|UNKNOWN_{unknown})$"}


def _entry_field(annotation: str) -> dict[str, Any]:
    cls = getattr(ras, annotation, None)
    if isinstance(cls, type) and issubclass(cls, enum.IntFlag):
        return {
            "type": "array",
            "items": _names(cls, "[0-9]+"),
            "description": f"{cls.__name__}: the names of the bits set",
        }
    if isinstance(cls, type) and issubclass(cls, enum.Enum):
        return _names(cls, ".*" if cls is ras.DeviceType else "[0-9]+")
    simple: dict[str, dict[str, Any]] = {
        "int": _DWORD,
        "str": {"type": "string"},
        "bool": {"type": "boolean"},
        "ipaddress.IPv4Address": {"type": "string", "format": "ipv4"},
        "ipaddress.IPv6Address": {"type": "string", "format": "ipv6"},
        "uuid.UUID | None": {"type": ["string", "null"], "format": "uuid"},
        "list[str]": {"type": "array", "items": {"type": "string"}},
    }
    return simple[annotation]


def _entry_schema() -> dict[str, Any]:
    """Every field of ras.Entry by its attribute name (show --json's "entry")."""
    fields = [f for f in dataclasses.fields(ras.Entry) if f.init]
    return {
        "type": "object",
        "required": [f.name for f in fields],
        "properties": {f.name: _entry_field(str(f.type)) for f in fields},
        "additionalProperties": False,
    }


SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "pyras --json output",
    "$defs": {
        "error": {
            "type": "object",
            "required": ["error"],
            "properties": {
                "error": {
                    "type": "object",
                    "required": ["code", "class", "function", "message", "state"],
                    "properties": {
                        "code": {"type": "integer"},
                        "class": {"type": "string"},
                        "function": {"type": "string"},
                        "message": {"type": "string"},
                        "state": {"type": ["string", "null"]},
                    },
                    "additionalProperties": False,
                }
            },
            "additionalProperties": False,
        },
        "connection": {
            "type": "object",
            "required": [
                "entry",
                "handle",
                "state",
                "connected",
                "error",
                "device_type",
                "device_name",
                "ipv4",
                "ipv6",
                "ipv4_server",
                "ipv6_server",
                "server_addresses",
                "projection",
            ],
            "properties": {
                "entry": {"type": "string"},
                "handle": {"type": "integer"},
                "state": {"type": "string"},
                "connected": {"type": "boolean"},
                "error": {"type": "integer"},
                "device_type": {"type": "string"},
                "device_name": {"type": "string"},
                "ipv4": _ADDRESS,
                "ipv6": _ADDRESS,
                "ipv4_server": _ADDRESS,
                "ipv6_server": _ADDRESS,
                "server_addresses": {"type": "array", "items": {"type": "string"}},
                "projection": {"type": ["string", "integer", "null"]},
            },
            "additionalProperties": False,
        },
        "connections": {"type": "array", "items": {"$ref": "#/$defs/connection"}},
        "statistics": {
            "type": "object",
            "required": [
                "entry",
                "bytes_sent",
                "bytes_received",
                "frames_sent",
                "frames_received",
                "crc_errors",
                "timeout_errors",
                "alignment_errors",
                "hardware_overrun_errors",
                "framing_errors",
                "buffer_overrun_errors",
                "compression_ratio_in",
                "compression_ratio_out",
                "bps",
                "connect_duration",
            ],
            "properties": {
                "entry": {"type": "string"},
                "connect_duration": {"type": "number", "description": "seconds"},
            },
            "additionalProperties": {"type": "integer"},
        },
        "entry_names": {"type": "array", "items": {"type": "string"}},
        "watch_event": {
            "type": "object",
            "description": "one line of 'pyras watch --json' (JSON Lines)",
            "required": ["time", "event", "entry", "handle", "device_type", "device_name"],
            "properties": {
                "time": {"type": "string", "description": "ISO 8601, UTC"},
                "event": {"type": "string", "enum": ["connected", "disconnected"]},
                "entry": {"type": "string"},
                "handle": {"type": "integer"},
                "device_type": {"type": "string"},
                "device_name": {"type": "string"},
            },
            "additionalProperties": False,
        },
        "entry": _entry_schema(),
        "entry_document": {
            "type": "object",
            "required": [
                "name",
                "phonebook",
                "entry",
                "split_tunnel",
                "credentials",
                "pre_shared_key_saved",
            ],
            "properties": {
                "name": {"type": "string"},
                "phonebook": {"type": ["string", "null"], "description": "null: the default"},
                "entry": {"$ref": "#/$defs/entry"},
                "split_tunnel": {"type": "boolean"},
                "credentials": {
                    "type": "object",
                    "required": ["user", "domain", "password_saved"],
                    "properties": {
                        "user": {"type": "string"},
                        "domain": {"type": "string"},
                        "password_saved": {"type": "boolean"},
                    },
                    "additionalProperties": False,
                },
                "pre_shared_key_saved": {"type": "boolean"},
            },
            "additionalProperties": False,
        },
    },
}

#: Which definition each command's --json output follows.
COMMANDS: dict[str, str] = {
    "dial": "connection",
    "connections": "connections",
    "status": "connection",
    "status (every connection)": "connections",
    "stats": "statistics",
    "entries": "entry_names",
    "watch (each line)": "watch_event",
    "show": "entry_document",
}
