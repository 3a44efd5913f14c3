"""The simulated server's admin policy: what the simulated rasapi32 asks.

A scenario naming ``AdminPolicy=module:Class`` (docs/simulator.md, "The
server's admin policy") makes the simulated server consult a
:class:`ras.admin.Policy` when a client dials in, as RRAS consults its admin
DLLs.  The extension's hooks (``src/_ras/srvpolicy.c``) call :func:`admit`
once the dial has authenticated and :func:`ended` when an admitted connection
ends, on the simulator's worker thread with the GIL held, passing a dict of
plain values (the connection as the simulated server knows it).  Here those
become the raw dicts ``ras.admin``'s values are shaped from
(``_values.py``'s keys), and the calls go through :func:`ras.admin.host.answer`,
so a policy sees exactly what the admin DLL would show it.

One policy is loaded per spec (``module``, ``module:name``, as
:func:`ras.admin.host.load` takes it) at its first use, ``start()`` called
once, and kept until :func:`unload_all` (``ras.testing.SimulatedRas`` calls it
when it stops).  A policy object of the caller's is :func:`adopt`-ed under a
spec of its own.

Neither function raises: a policy that raises, answers with the wrong type,
or cannot be loaded gets the host's ``(False, reason)``, logged to the
``ras.admin`` logger, and the simulated server then denies (its default,
as the admin DLL's configured default is deny).
"""

from __future__ import annotations

import ipaddress
import itertools
import logging
import threading
from collections.abc import Mapping
from typing import Any

from ras.admin import host
from ras.admin._policy import Policy

__all__ = ["admit", "adopt", "ended", "loaded", "unload_all"]

log = logging.getLogger("ras.admin")

_lock = threading.Lock()
_policies: dict[str, Policy] = {}
_adopted = itertools.count(1)

# What the simulated server reports that RRAS would take from elsewhere.
_CLIENT = 0  # InterfaceType.CLIENT: the simulator's clients are users
_PPP, _IKEV2 = 0x01, 0x10  # ConnectionFlags
_AUTHENTICATED, _DISCONNECTED = 5, 1  # PortCondition
_MEDIA = "rastapi"


def adopt(policy: Policy | type[Policy]) -> str:
    """Use this policy object (or a new instance of this class) for the
    spec returned, which a scenario's ``AdminPolicy=`` names; ``start()`` is
    called now.  The same object adopted twice gets the same spec.  Such a
    spec means something only in this process."""
    chosen = policy() if isinstance(policy, type) else policy
    if not isinstance(chosen, Policy):
        raise TypeError(f"a ras.admin.Policy (or its class), not {type(chosen).__name__}")
    with _lock:
        for spec, known in _policies.items():
            if known is chosen:
                return spec
        chosen.start()
        spec = f"{__name__}:adopted-{next(_adopted)}"
        _policies[spec] = chosen
    return spec


def loaded(spec: str) -> Policy | None:
    """The policy loaded for ``spec``, or None."""
    with _lock:
        return _policies.get(spec)


def unload_all() -> None:
    """Forget every policy, calling each one's ``stop()`` (whose exceptions
    are logged)."""
    with _lock:
        chosen = list(_policies.values())
        _policies.clear()
    for policy in chosen:
        try:
            policy.stop()
        except Exception:
            log.exception("policy %s: stop() raised", type(policy).__name__)


def _policy(spec: str) -> Policy:
    """The policy of ``spec``, loaded (and started) at its first use."""
    with _lock:
        chosen = _policies.get(spec)
        if chosen is None:
            chosen = host._resolve(spec)
            chosen.start()
            _policies[spec] = chosen
            log.info("policy %s loaded from %s", type(chosen).__name__, spec)
        return chosen


def _ipv4_text(raw: bytes) -> str:
    return str(ipaddress.IPv4Address(raw)) if len(raw) == 4 else ""


def _dword(raw: bytes) -> int:
    """An IPv4 address as RRAS's DWORD (network byte order in memory)."""
    return int.from_bytes(raw, "little") if len(raw) == 4 else 0


def _port(d: Mapping[str, Any]) -> str:
    return f"VPN-{int(d['connection_id']):x}"


def _stats(d: Mapping[str, Any]) -> dict[str, int]:
    return {
        "bytes_sent": int(d["bytes_sent"]),
        "bytes_received": int(d["bytes_received"]),
        "frames_sent": int(d["frames_sent"]),
        "frames_received": int(d["frames_received"]),
    }


def _connection(d: Mapping[str, Any], *, end: bool) -> dict[str, Any]:
    """``rasadm_connection``'s keys, from the server's side: the client's
    address is its ``ipv4_remote_address`` (none yet when it is admitted:
    RRAS assigns it after the accept), the server it dialled its
    ``local_endpoint``."""
    ikev2 = bool(d["ikev2"])
    return {
        "connection_id": int(d["connection_id"]),
        "interface_id": 0,
        "interface_type": _CLIENT,
        "flags": _IKEV2 if ikev2 else _PPP,
        "duration_seconds": int(d["duration_ms"]) // 1000,
        "projection_type": 2 if ikev2 else 1,
        "quarantine_state": 0,
        "guid": bytes(d["guid"]),
        "user": str(d["user"]),
        "domain": str(d["domain"]),
        "interface_name": str(d["user"]),
        "remote_computer": "",
        "remote_endpoint": "",
        "local_endpoint": str(d["server"]),
        "ipv4_address": _ipv4_text(bytes(d["server_ipv4"])),
        "ipv4_remote_address": _ipv4_text(bytes(d["client_ipv4"])) if end else "",
        "stats": _stats(d),
    }


def _link(d: Mapping[str, Any], *, end: bool) -> dict[str, Any]:
    """``rasadm_link``'s keys: the connection's only link."""
    return {
        "port_id": int(d["connection_id"]),
        "connection_id": int(d["connection_id"]),
        "condition": _DISCONNECTED if end else _AUTHENTICATED,
        "total_calls": 1,
        "duration_seconds": int(d["duration_ms"]) // 1000,
        "line_speed": int(d["bps"]),
        "hardware_condition": 0,
        "port_name": _port(d),
        "media_name": _MEDIA,
        "device_name": str(d["device_name"]),
        "device_type": str(d["device_type"]),
        "stats": _stats(d),
    }


def _address(d: Mapping[str, Any]) -> dict[str, Any]:
    """``rasadm_address``'s keys for IPv4: the request (RRAS's proposal: the
    scenario's ``IpAddress=``), or the release of the client's address."""
    return {
        "family": 4,
        "user": str(d["user"]),
        "port": _port(d),
        "ipv4": _dword(bytes(d["client_ipv4"])),
    }


def _address6(d: Mapping[str, Any]) -> dict[str, Any]:
    """The same for IPv6 (the scenario's ``Ipv6Address=``: the server asks
    only a client that has one)."""
    return {"family": 6, "user": str(d["user"]), "port": _port(d), "ipv6": bytes(d["client_ipv6"])}


def _ask(policy: Policy, name: str, raw: Mapping[str, Any]) -> tuple[bool, Any]:
    ok, answer = host.answer(policy, name, raw)
    if not ok:
        log.warning("simulated server, policy %s: %s", type(policy).__name__, answer)
    return ok, answer


Admitted = tuple[bool, "bytes | None", "bytes | None"]
_DENIED: Admitted = (False, None, None)


def admit(d: Mapping[str, Any]) -> Admitted:
    """After authentication: accept the connection, then its link, then
    the client's IPv4 address, then (for a client with IPv6) its IPv6
    address.  ``(True, v4, v6)``: each ``None`` (the scenario's address) or
    the policy's, packed; ``(False, None, None)``: denied (a refusal, or any
    failure; an IPv4 address the policy gave is released then)."""
    spec = str(d["policy"])
    try:
        policy = _policy(spec)
    except Exception as exc:
        log.exception("simulated server: policy %r cannot be loaded", spec)
        log.warning("simulated server: denied, %s", host._summary("load", exc))
        return _DENIED
    for name, raw in (
        ("accept_connection", _connection(d, end=False)),
        ("accept_link", _link(d, end=False)),
    ):
        ok, answer = _ask(policy, name, raw)
        if not ok or answer is not True:
            return _DENIED
    ok, answer = _ask(policy, "assign_address", _address(d))
    if not ok:
        return _DENIED
    v4 = None if answer is None else int(answer["ipv4"]).to_bytes(4, "little")
    v6 = None
    if d["client_ipv6"]:
        ok, answer = _ask(policy, "assign_address", _address6(d))
        if not ok:
            if v4 is not None:
                _ask(policy, "release_address", {**_address(d), "ipv4": _dword(v4)})
            return _DENIED
        v6 = None if answer is None else bytes(answer["ipv6"])
    return True, v4, v6


def ended(d: Mapping[str, Any]) -> None:
    """An admitted connection ended: ``connection_ended`` and ``link_ended``
    with its totals, then ``release_address`` for an address the policy
    assigned."""
    policy = loaded(str(d["policy"]))
    if policy is None:  # unloaded meanwhile (SimulatedRas stopped)
        return
    _ask(policy, "connection_ended", _connection(d, end=True))
    _ask(policy, "link_ended", _link(d, end=True))
    if d["assigned"]:
        _ask(policy, "release_address", _address(d))
    if d["assigned6"]:
        _ask(policy, "release_address", _address6(d))
