"""Which extension runs the simulator, and switching to it.

Off Windows ``ras._ras`` is built on the simulator: nothing to switch.  On
Windows ``ras._ras`` calls Windows' rasapi32.dll, and the wheel carries a
second build of the same sources on the simulator, ``ras._ras_sim``.
:class:`Switch` makes the code under test use it: it replaces, for the
block's duration, each function and type of ``ras._ras`` -- in the module
itself (which the typed layer reads at each call), in the ``ras`` package
and in ``win32ras``/``win2kras`` (``win32ras.Dial`` is looked up at each
call) -- by the simulated module's, and puts them back after.  Names the
code under test bound before (``from win32ras import Dial``) keep the real
function: docs/testing.md says so.
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import Any

import ras
from ras import _errors, _ras

_SHIMS = ("win32ras", "win2kras")
# What stays the real module's: the exception type every class derives from,
# and the hooks the package installed at import.
_KEEP = {"error", "_set_error_classes", "_error_text"}


def simulated_module() -> ModuleType:
    """The extension that runs the simulator here: ``ras._ras_sim`` (which is
    ``ras._ras`` itself off Windows)."""
    try:
        from ras import _ras_sim
    except ImportError as exc:
        raise RuntimeError(
            "this installation of ras has no simulated backend (ras._ras_sim): "
            "install the wheel built by the project, which carries it"
        ) from exc
    module: ModuleType = _ras_sim
    return module


def _sim() -> Any:
    return simulated_module()


def reset() -> None:
    """Hang up every simulated connection, empty the logs (RasSimReset)."""
    _sim()._sim_reset()


def dial_log() -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = _sim()._sim_dial_log()
    return result


def hangup_log() -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = _sim()._sim_hangup_log()
    return result


def drop(handle: int, error: int) -> None:
    _sim()._sim_drop(handle, error)


class Switch:
    """Points ras, ras._ras and win32ras at the simulated module (Windows)."""

    def __init__(self) -> None:
        self._saved: list[tuple[ModuleType, str, Any]] = []

    def enter(self) -> None:
        sim = simulated_module()
        if sim is _ras:
            return
        # The simulated module raises the package's classes too.
        sim._set_error_classes(dict(_errors.ERROR_CLASSES), _errors.RasError)
        import win32ras  # noqa: F401  (imported now, so that it is switched back after)

        names = [
            name
            for name, value in vars(_ras).items()
            if name not in _KEEP
            and not name.startswith("__")
            and callable(value)
            and hasattr(sim, name)
        ]
        real = {name: getattr(_ras, name) for name in names}  # before any is replaced
        targets = [_ras, ras] + [sys.modules[m] for m in _SHIMS if m in sys.modules]
        for module in targets:
            for name in names:
                # only the names bound to the real module's object (a shim may
                # define its own function under a name)
                if vars(module).get(name) is real[name]:
                    self._saved.append((module, name, real[name]))
                    setattr(module, name, getattr(sim, name))
        # BACKEND tells the code under test where it runs
        self._saved.append((ras, "BACKEND", ras.BACKEND))
        setattr(ras, "BACKEND", "simulated")  # noqa: B010  (ras.BACKEND is Final)

    def exit(self) -> None:
        while self._saved:
            module, name, value = self._saved.pop()
            setattr(module, name, value)
