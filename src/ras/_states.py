"""Names of the RASCS_* connection states."""

from __future__ import annotations

from ras import _ras

STATE_NAMES: dict[int, str] = {
    value: name[len("RASCS_") :]
    for name, value in vars(_ras).items()
    if name.startswith("RASCS_") and name not in ("RASCS_PAUSED", "RASCS_DONE")
}


def state_name(state: int) -> str:
    """``"Authenticate"`` for ``RASCS_Authenticate``; ``"state 0x1234"`` when unknown."""
    return STATE_NAMES.get(state, f"state 0x{state:x}")


def is_final_state(state: int, error: int = 0) -> bool:
    """True when a dial notification ends the dial: Connected, Disconnected or an error."""
    return error != 0 or state in (_ras.RASCS_Connected, _ras.RASCS_Disconnected)
