"""What the admin DLL's embedded interpreter calls: load a policy, answer calls.

The DLL (src/admin, its Python policy table) imports this module once, in
``MprAdminInitializeDllEx``, calls :func:`load` with the configuration's
``[python]`` section, then :func:`call` from its worker threads for each RRAS
call (holding the GIL only for the call), and :func:`unload` in
``MprAdminTerminateDll``.

``call`` never raises: it answers ``(True, answer)`` or ``(False, reason)``.
A policy that raises, or answers with the wrong type, gets ``False`` and the
reason (a one-line summary the DLL writes to the Windows event log); the
traceback goes to the ``ras.admin`` logger.  The DLL then decides by its
configured default.  The C side owns the timeout: a call that does not come
back in time is abandoned there (its answer, if it ever comes, is dropped).

It is public so that a policy's own tests drive it exactly as the DLL does
(``load``, ``call`` with the raw values, ``unload``): see
``examples/admin_policy/test_office_policy.py``.
"""

from __future__ import annotations

import importlib
import logging
import logging.handlers
import sys
import threading
from collections.abc import Callable, Mapping
from typing import Any

from ras.admin._policy import Policy
from ras.admin._values import AddressRequest, Connection, Link, address_to_raw

__all__ = ["answer", "call", "load", "loaded", "unload"]

log = logging.getLogger("ras.admin")

# Call names, as the DLL passes them (policy.h's rasadm_call, lower case).
ACCEPT = {
    "accept_connection": Connection.from_raw,
    "accept_reauthentication": Connection.from_raw,
    "accept_link": Link.from_raw,
}
NOTIFY = {
    "connection_ended": Connection.from_raw,
    "link_ended": Link.from_raw,
    "release_address": AddressRequest.from_raw,
}

_lock = threading.Lock()
_policy: Policy | None = None
_handler: logging.Handler | None = None


def _resolve(spec: str) -> Policy:
    """``module`` (its ``policy`` attribute) or ``module:name``: a Policy
    instance, or a class (or factory) called with no arguments."""
    module_name, _, attr = spec.partition(":")
    if not module_name:
        raise ValueError(f"policy {spec!r}: no module named")
    module = importlib.import_module(module_name)
    target: Any = module
    for part in (attr or "policy").split("."):
        target = getattr(target, part)
    if isinstance(target, type) or (callable(target) and not isinstance(target, Policy)):
        target = target()
    if not isinstance(target, Policy):
        raise TypeError(f"policy {spec!r} is a {type(target).__name__}, not a ras.admin.Policy")
    return target


def _configure_logging(log_file: str | None, level: str) -> None:
    global _handler
    root = logging.getLogger()
    root.setLevel(getattr(logging, level.upper(), logging.INFO))
    if log_file:
        _handler = logging.handlers.RotatingFileHandler(
            log_file, maxBytes=10 * 1024 * 1024, backupCount=5, encoding="utf-8"
        )
        _handler.setFormatter(
            logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s")
        )
        root.addHandler(_handler)


def load(
    policy: str,
    path: str | None = None,
    log_file: str | None = None,
    log_level: str = "INFO",
) -> str:
    """Import and start the policy ``policy`` (``module`` or ``module:name``),
    with ``path`` (``;``-separated folders) put first on ``sys.path``.
    Returns the policy's class name; raises whatever the import or
    ``start()`` raises (the DLL then fails initialize, saying why)."""
    global _policy
    with _lock:
        if _policy is not None:
            raise RuntimeError("a policy is loaded already")
        if path:
            for folder in reversed([p for p in path.split(";") if p]):
                if folder not in sys.path:
                    sys.path.insert(0, folder)
        _configure_logging(log_file, log_level)
        chosen = _resolve(policy)
        chosen.start()
        _policy = chosen
    log.info("policy %s loaded from %s", type(chosen).__name__, policy)
    return type(chosen).__name__


def loaded() -> Policy | None:
    """The running policy, or None."""
    return _policy


def unload() -> None:
    """Stop the policy (``stop()``'s exceptions are logged, not raised)."""
    global _policy, _handler
    with _lock:
        chosen, _policy = _policy, None
        if chosen is not None:
            try:
                chosen.stop()
            except Exception:
                log.exception("policy %s: stop() raised", type(chosen).__name__)
            log.info("policy %s stopped", type(chosen).__name__)
        if _handler is not None:
            logging.getLogger().removeHandler(_handler)
            _handler.close()
            _handler = None


def _summary(name: str, exc: BaseException) -> str:
    text = f"{type(exc).__name__}: {exc}".splitlines()[0] if str(exc) else type(exc).__name__
    return f"{name}: {text[:400]}"


def call(name: str, raw: Mapping[str, Any]) -> tuple[bool, Any]:
    """One RRAS call: ``(True, answer)`` or ``(False, reason)``.

    Answers: ``bool`` for the accept calls, ``None`` for notifications, and
    for ``assign_address`` ``None`` (keep RRAS's proposal) or the address as
    the DLL takes it (``{"ipv4": int}`` / ``{"ipv6": bytes}``)."""
    chosen = _policy
    if chosen is None:
        return False, f"{name}: no policy is loaded"
    return answer(chosen, name, raw)


def answer(chosen: Policy, name: str, raw: Mapping[str, Any]) -> tuple[bool, Any]:
    """:func:`call` for a policy of the caller's (the simulated server keeps
    its own: ``ras.admin._server``)."""
    try:
        if name in ACCEPT:
            answer = getattr(chosen, name)(ACCEPT[name](raw))
            if not isinstance(answer, bool):
                return False, f"{name} answered {type(answer).__name__}, not a bool"
            return True, answer
        if name in NOTIFY:
            getattr(chosen, name)(NOTIFY[name](raw))
            return True, None
        if name == "assign_address":
            request = AddressRequest.from_raw(raw)
            address = chosen.assign_address(request)
            return True, None if address is None else address_to_raw(request.family, address)
    except Exception as exc:  # the DLL must never see an exception
        log.exception("policy %s: %s raised", type(chosen).__name__, name)
        return False, _summary(name, exc)
    return False, f"{name}: no such call"


def calls() -> Mapping[str, Callable[..., object]]:
    """Every call name the DLL may pass, for its checks."""
    return {**ACCEPT, **NOTIFY, "assign_address": AddressRequest.from_raw}
