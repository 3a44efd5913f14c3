"""What the extension gets from Wine's own rasapi32 (mostly stubs).

A placeholder: it records what comes back (``record_property`` puts it in the
junit XML, and it is printed with -s) and asserts only what Wine 8 is known to
do.  Observed with Wine 8.0: RasEnumConnectionsW succeeds with 0 connections,
RasGetErrorStringW(691) fails.
"""

from __future__ import annotations

import sys
from typing import Callable

import pytest

import ras
import win32ras

pytestmark = pytest.mark.skipif(sys.platform != "win32", reason="Windows (Wine) only")


def _outcome(func: Callable[[], object]) -> str:
    try:
        return f"returned {func()!r}"
    except Exception as exc:  # record whatever Wine's stub leads to
        return f"raised {type(exc).__module__}.{type(exc).__name__}{exc.args!r}"


def test_enum_connections(record_property: Callable[[str, object], None]) -> None:
    outcome = _outcome(ras.EnumConnections)
    record_property("EnumConnections", outcome)
    print("EnumConnections:", outcome)
    assert ras.EnumConnections() == []
    assert win32ras.EnumConnections() == []


def test_get_error_string(record_property: Callable[[str, object], None]) -> None:
    outcome = _outcome(lambda: ras.GetErrorString(691))
    record_property("GetErrorString(691)", outcome)
    print("GetErrorString(691):", outcome)
    # Wine's RasGetErrorStringW has no message table: either a string or ras.error.
    try:
        text = ras.GetErrorString(691)
    except ras.error:
        return
    assert isinstance(text, str)
