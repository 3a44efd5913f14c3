"""The documented RasDial flows through the typed layer (ras.dial, ras.connect)
and ras.testing's Server: callback, expired password, terminal step (issue 11)."""

from __future__ import annotations

import asyncio

import pytest
from support import requires_sim

import ras
from ras._connection import ConnectionState as S
from ras.testing import Server, SimulatedRas

pytestmark = requires_sim

OLD, NEW = "old-Secret-1", "new-Secret-2"
CALLBACK_STATES = [
    S.PREPARE_FOR_CALLBACK,
    S.WAIT_FOR_MODEM_RESET,
    S.WAIT_FOR_CALLBACK,
    S.CALLBACK_COMPLETE,
    S.REAUTHENTICATE,
]


def states_of(ras_sim: SimulatedRas, server: Server, **dial: object) -> list[object]:
    """Dials "Office VPN" served by `server`; the states seen, then hangs up."""
    ras_sim.add_entry("Office VPN", server=server)
    seen: list[object] = []
    with ras.dial(
        "Office VPN",
        phonebook=ras_sim.phonebook_path,
        user="alice",
        on_state=lambda p: seen.append(p.state),
        **dial,  # type: ignore[arg-type]
    ) as conn:
        assert conn.is_connected()
    assert ras.connections() == []
    return seen


def test_preset_callback(ras_sim: SimulatedRas) -> None:
    seen = states_of(ras_sim, Server(callback="preset", callback_number="555 0100"))
    start = seen.index(S.PREPARE_FOR_CALLBACK)
    assert seen[start : start + len(CALLBACK_STATES)] == CALLBACK_STATES
    assert S.AUTH_CALLBACK not in seen


def test_set_by_caller_asked_in_on_pause(ras_sim: SimulatedRas) -> None:
    asked: list[ras.DialProgress] = []

    def on_pause(p: ras.DialProgress) -> ras.PauseAnswer:
        asked.append(p)
        return ras.PauseAnswer(callback_number="555 0123")

    server = Server(callback="set_by_caller")
    seen = states_of(ras_sim, server, callback_number="*", on_pause=on_pause)
    assert [(p.state, p.pauses) for p in asked] == [(S.CALLBACK_SET_BY_CALLER, 1)]
    assert S.WAIT_FOR_CALLBACK in seen
    assert [(d.callback_number, d.resume) for d in ras_sim.dials] == [
        ("*", False),
        ("555 0123", True),
    ]


def test_set_by_caller_no_number_means_no_callback(ras_sim: SimulatedRas) -> None:
    server = Server(callback="set_by_caller")
    seen = states_of(ras_sim, server, callback_number="*", on_pause=lambda p: ras.PauseAnswer())
    assert S.CALLBACK_SET_BY_CALLER in seen
    assert not set(CALLBACK_STATES) & set(seen)
    assert ras_sim.dials[-1].callback_number == ""


def test_set_by_caller_without_on_pause_needs_a_saved_number(ras_sim: SimulatedRas) -> None:
    ras_sim.add_entry("Office VPN", server=Server(callback="set_by_caller"))
    with pytest.raises(ras.ConfigurationError) as info:
        ras.dial("Office VPN", phonebook=ras_sim.phonebook_path, callback_number="*")
    assert info.value.winerror == ras.ERROR_INTERACTIVE_MODE
    assert info.value.state is S.CALLBACK_SET_BY_CALLER  # type: ignore[attr-defined]
    # the number saved with the entry's dial parameters answers instead
    ras.SetEntryDialParams(
        ras_sim.phonebook_path, ("Office VPN", "", "555 0199", "alice", "", ""), False
    )
    with ras.dial("Office VPN", phonebook=ras_sim.phonebook_path, callback_number="*") as conn:
        assert conn.is_connected()
    assert ras.connections() == []


def test_a_bad_callback_number_is_a_configuration_error(ras_sim: SimulatedRas) -> None:
    ras_sim.add_entry("Office VPN", server=Server(callback="set_by_caller"))
    with pytest.raises(ras.ConfigurationError) as info:
        ras.dial("Office VPN", phonebook=ras_sim.phonebook_path, callback_number="call me")
    assert info.value.winerror == ras.ERROR_INVALID_CALLBACK_NUMBER
    assert ras.connections() == []


def test_expired_password_changed_in_on_pause(ras_sim: SimulatedRas) -> None:
    asked: list[S | int] = []

    def on_pause(p: ras.DialProgress) -> ras.PauseAnswer:
        asked.append(p.state)
        return ras.PauseAnswer(password=NEW)

    server = Server(user="alice", password=OLD, password_expired=True)
    seen = states_of(ras_sim, server, password=OLD, on_pause=on_pause)
    assert asked == [S.PASSWORD_EXPIRED]
    assert seen[seen.index(S.PASSWORD_EXPIRED) + 1] == S.AUTH_CHANGE_PASSWORD
    # the server now takes the new password only
    pbk = ras_sim.phonebook_path
    with pytest.raises(ras.AuthenticationError):
        ras.dial("Office VPN", phonebook=pbk, user="alice", password=OLD)
    with ras.dial("Office VPN", phonebook=pbk, user="alice", password=NEW) as conn:
        assert conn.is_connected()
    assert [d.password_given for d in ras_sim.dials] == [True] * 4  # never the password


def test_expired_password_without_on_pause(ras_sim: SimulatedRas) -> None:
    ras_sim.add_entry("Office VPN", server=Server(password=OLD, password_expired=True))
    with pytest.raises(ras.AuthenticationError) as info:
        ras.dial("Office VPN", phonebook=ras_sim.phonebook_path, user="alice", password=OLD)
    assert info.value.winerror == ras.ERROR_PASSWD_EXPIRED
    assert info.value.state is S.PASSWORD_EXPIRED  # type: ignore[attr-defined]
    assert ras.connections() == []


def test_giving_up_on_an_expired_password(ras_sim: SimulatedRas) -> None:
    ras_sim.add_entry("Office VPN", server=Server(password=OLD, password_expired=True))
    with pytest.raises(ras.AuthenticationError) as info:
        ras.dial(
            "Office VPN",
            phonebook=ras_sim.phonebook_path,
            password=OLD,
            on_pause=lambda p: None,
        )
    assert info.value.winerror == ras.ERROR_PASSWD_EXPIRED
    assert ras.connections() == [] and ras._ras._pending_dials() == 0


def test_the_same_password_again_is_refused(ras_sim: SimulatedRas) -> None:
    ras_sim.add_entry("Office VPN", server=Server(password=OLD, password_expired=True))
    with pytest.raises(ras.AuthenticationError) as info:
        ras.dial(
            "Office VPN",
            phonebook=ras_sim.phonebook_path,
            password=OLD,
            on_pause=lambda p: ras.PauseAnswer(),
        )
    assert info.value.winerror == ras.ERROR_CHANGING_PASSWORD
    assert info.value.state is S.AUTH_CHANGE_PASSWORD  # type: ignore[attr-defined]


def test_terminal_step(ras_sim: SimulatedRas) -> None:
    seen = states_of(ras_sim, Server(interactive=True), on_pause=lambda p: ras.PauseAnswer())
    assert seen[seen.index(S.DEVICE_CONNECTED) + 1] == S.INTERACTIVE
    ras_sim.add_entry("Lab", server=Server(interactive=True))
    with pytest.raises(ras.ConfigurationError) as info:
        ras.dial("Lab", phonebook=ras_sim.phonebook_path)
    assert info.value.winerror == ras.ERROR_INTERACTIVE_MODE


def test_connect_answers_an_expired_password_asynchronously(ras_sim: SimulatedRas) -> None:
    ras_sim.add_entry("Office VPN", server=Server(password=OLD, password_expired=True))

    async def on_pause(p: ras.DialProgress) -> ras.PauseAnswer:
        await asyncio.sleep(0)  # e.g. asking the user
        return ras.PauseAnswer(password=NEW)

    async def main() -> bool:
        async with await ras.connect(
            "Office VPN", phonebook=ras_sim.phonebook_path, password=OLD, on_pause=on_pause
        ) as conn:
            return conn.is_connected()

    assert asyncio.run(main())
    assert ras.connections() == []


def test_server_refuses_what_the_simulator_cannot_do() -> None:
    with pytest.raises(ValueError, match="preset"):
        Server(callback="preset")
    with pytest.raises(ValueError, match="only that"):
        Server(callback="set_by_caller", callback_number="5550100")
    with pytest.raises(ValueError, match="751"):
        Server(callback="preset", callback_number="call me")
    with pytest.raises(ValueError, match="callback is"):
        Server(callback="sometimes")  # type: ignore[arg-type]
    assert Server(callback="preset", callback_number="5550100").to_section() == {
        "Callback": "Preset",
        "CallbackNumber": "5550100",
    }
    assert Server(password_expired=True, interactive=True).to_section() == {
        "PasswordExpired": "1",
        "Interactive": "1",
    }
    Server(fail_at=S.WAIT_FOR_CALLBACK, callback="preset", callback_number="1")
