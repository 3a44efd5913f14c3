"""ras.dial(): connects or raises, and never leaves a handle behind."""

from __future__ import annotations

import logging
import signal
import threading
from typing import Any

import pytest
from support import DIAL_STATES, Scenario, requires_sim

import ras
from ras._connection import ConnectionState as S
from ras.testing import Server, SimulatedRas

pytestmark = requires_sim

SECRET = "pa55-Secret-xyzzy"

SEQUENCE = DIAL_STATES


def nothing_left() -> None:
    """No connection, and no dial holding a callable."""
    assert ras.connections() == []
    assert ras._ras._pending_dials() == 0


@pytest.fixture
def office(ras_sim: SimulatedRas) -> str:
    """A phone book whose "Office VPN" accepts alice (ras.testing, as a user's tests would)."""
    server = Server(user="alice", password=SECRET, ipv4="10.8.0.2", server_ipv4="203.0.113.1")
    ras_sim.add_entry("Office VPN", server=server)
    ras_sim.add_entry("Lab")
    return ras_sim.phonebook_path


def test_dial_returns_a_connected_connection(office: str) -> None:
    conn = ras.dial("Office VPN", phonebook=office, user="alice", password=SECRET)
    try:
        assert isinstance(conn, ras.Connection)
        assert conn.entry == "Office VPN" and conn.phonebook == office
        assert conn.is_connected()
        assert conn.status().state is S.CONNECTED
        assert ras.connections() == [conn]
        assert ras.GetConnectStatus(conn.handle)[0] == ras.RASCS_Connected
    finally:
        conn.hangup()
    nothing_left()
    assert not conn.is_active()


def test_with_block_hangs_up_and_waits_until_gone(office: str) -> None:
    with ras.dial("Office VPN", phonebook=office, user="alice", password=SECRET) as conn:
        handle = conn.handle
        assert ras.IsHandleValid(handle)
    assert not ras.IsHandleValid(handle)
    nothing_left()


def test_on_state_sees_every_state_in_order_on_the_calling_thread(office: str) -> None:
    seen: list[ras.DialProgress] = []
    threads: set[threading.Thread] = set()

    def on_state(p: ras.DialProgress) -> None:
        seen.append(p)
        threads.add(threading.current_thread())

    with ras.dial(
        "Office VPN", phonebook=office, user="alice", password=SECRET, on_state=on_state
    ) as conn:
        pass
    assert [p.state for p in seen] == SEQUENCE
    assert threads == {threading.current_thread()}
    assert all(p.handle == conn.handle and p.entry == "Office VPN" for p in seen)
    assert [p.elapsed for p in seen] == sorted(p.elapsed for p in seen)
    assert seen[-1].state_name == "Connected"


def test_saved_dial_params_are_used_like_rasdial(office: str) -> None:
    # (the third argument is RAS's fRemovePassword, as in pywin32: False keeps it)
    ras.SetEntryDialParams(office, ("Office VPN", "", "", "alice", SECRET, ""), False)
    with ras.dial("Office VPN", phonebook=office) as conn:
        assert conn.is_connected()
    # what is given replaces what is saved
    with pytest.raises(ras.AuthenticationError):
        ras.dial("Office VPN", phonebook=office, password="wrong")
    nothing_left()


def test_authentication_failure_raises_its_class_and_leaves_nothing(office: str) -> None:
    with pytest.raises(ras.AuthenticationError) as info:
        ras.dial("Office VPN", phonebook=office, user="alice", password="wrong")
    e = info.value
    assert isinstance(e, ras.DialError) and isinstance(e, ras.error)
    assert e.args == (
        ras.ERROR_AUTHENTICATION_FAILURE,
        "RasDial",
        ras._ras._error_text(ras.ERROR_AUTHENTICATION_FAILURE),
    )
    assert e.entry == "Office VPN"  # type: ignore[attr-defined]
    assert e.state is S.AUTHENTICATE  # type: ignore[attr-defined]
    nothing_left()


@pytest.mark.parametrize(
    ("code", "cls"),
    [
        (800, ras.UnreachableError),
        (678, ras.LineBusyError),
        (718, ras.DialTimeoutError),
        (651, ras.DeviceError),
    ],
)
def test_failures_raise_the_class_of_their_code(
    pbk: str, scenario: Scenario, code: int, cls: type[ras.RasError]
) -> None:
    scenario.set({"*": {"FailState": "ConnectDevice", "FailError": code}})
    with pytest.raises(cls) as info:
        ras.dial("Lab", phonebook=pbk)
    assert info.value.args[0] == code
    assert info.value.state is S.CONNECT_DEVICE  # type: ignore[attr-defined]
    nothing_left()


def test_an_unknown_entry_raises_before_dialling(pbk: str) -> None:
    with pytest.raises(ras.EntryNotFoundError):
        ras.dial("Nope", phonebook=pbk)
    nothing_left()


def test_timeout_hangs_up_and_raises_dial_timeout(pbk: str, scenario: Scenario) -> None:
    scenario.set({"*": {"StateDelayMs": 10000}})
    with pytest.raises(ras.DialTimeoutError) as info:
        ras.dial("Lab", phonebook=pbk, timeout=0.05)
    assert info.value.args[:2] == (ras.ERROR_TIMEOUT, "RasDial")
    assert "0.05 s" in info.value.args[2]
    nothing_left()


@pytest.mark.parametrize("bad", [0, -1.0])
def test_timeout_must_be_positive(pbk: str, bad: float) -> None:
    with pytest.raises(ValueError):
        ras.dial("Lab", phonebook=pbk, timeout=bad)
    nothing_left()


def test_an_exception_in_on_state_hangs_up_and_propagates(office: str) -> None:
    def on_state(p: ras.DialProgress) -> None:
        if p.state is S.AUTHENTICATE:
            raise LookupError("stop here")

    with pytest.raises(LookupError, match="stop here"):
        ras.dial("Office VPN", phonebook=office, user="alice", password=SECRET, on_state=on_state)
    nothing_left()


def test_ctrl_c_during_a_dial_hangs_up_before_reraising(pbk: str, scenario: Scenario) -> None:
    """A real SIGINT while the caller waits between states (the dial is slow)."""
    scenario.set({"*": {"StateDelayMs": 10000}})
    reached = threading.Event()

    def on_state(p: ras.DialProgress) -> None:
        reached.set()

    def interrupt() -> None:
        assert reached.wait(30)
        signal.raise_signal(signal.SIGINT)

    t = threading.Thread(target=interrupt)
    t.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            ras.dial("Lab", phonebook=pbk, on_state=on_state)
    finally:
        t.join()
    nothing_left()


def test_retry_authentication_pause_answered_from_python(office: str) -> None:
    asked: list[ras.DialProgress] = []

    def on_pause(p: ras.DialProgress) -> ras.PauseAnswer:
        asked.append(p)
        return ras.PauseAnswer(password=SECRET)

    with ras.dial(
        "Office VPN", phonebook=office, user="alice", password="typo", on_pause=on_pause
    ) as conn:
        assert conn.is_connected()
    assert [(p.state, p.pauses) for p in asked] == [(S.RETRY_AUTHENTICATION, 1)]
    nothing_left()


def test_giving_up_on_a_pause_raises_authentication_error(office: str) -> None:
    calls = []

    def on_pause(p: ras.DialProgress) -> None:
        calls.append(p.pauses)
        return None

    with pytest.raises(ras.AuthenticationError) as info:
        ras.dial("Office VPN", phonebook=office, user="alice", password="typo", on_pause=on_pause)
    assert calls == [1]
    assert info.value.state is S.RETRY_AUTHENTICATION  # type: ignore[attr-defined]
    nothing_left()


def test_a_wrong_answer_pauses_again(office: str) -> None:
    answers = iter(["still wrong", SECRET])

    def on_pause(p: ras.DialProgress) -> ras.PauseAnswer:
        return ras.PauseAnswer(password=next(answers))

    with ras.dial(
        "Office VPN", phonebook=office, user="alice", password="typo", on_pause=on_pause
    ) as conn:
        assert conn.is_connected()
    nothing_left()


def test_on_pause_must_answer_a_pause_answer(office: str) -> None:
    with pytest.raises(TypeError, match="PauseAnswer"):
        ras.dial(
            "Office VPN",
            phonebook=office,
            user="alice",
            password="typo",
            on_pause=lambda p: ("alice", SECRET),
        )
    nothing_left()


def test_eap_ui_pause_is_handled(pbk: str, scenario: Scenario) -> None:
    scenario.set({"*": {"InvokeEapUI": 1}})
    states: list[Any] = []
    with ras.dial(
        "Lab",
        phonebook=pbk,
        on_pause=lambda p: ras.PauseAnswer(),
        on_state=lambda p: states.append(p.state),
    ) as conn:
        assert conn.is_connected()
    assert S.INVOKE_EAP_UI in states
    nothing_left()


def test_secrets_never_in_logs_reprs_or_errors(
    office: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="ras")
    with ras.dial("Office VPN", phonebook=office, user="alice", password=SECRET):
        pass
    with pytest.raises(ras.AuthenticationError) as info:
        ras.dial("Office VPN", phonebook=office, user="alice", password=SECRET + "x")
    answer = ras.PauseAnswer(user="alice", password=SECRET)
    texts = [r.getMessage() for r in caplog.records]
    texts += [repr(answer), str(info.value), repr(info.value), repr(info.value.args)]
    assert not [t for t in texts if SECRET in t]
    # and the log tells the story: dialling, each state, connected, the failure
    messages = "\n".join(texts)
    assert "Office VPN: dialling" in messages
    assert "Office VPN: Authenticate" in messages
    assert "Office VPN: connected" in messages
    assert "Office VPN: dial failed in Authenticate" in messages


def test_dial_arguments_are_checked(pbk: str) -> None:
    with pytest.raises(TypeError):
        ras.dial(42, phonebook=pbk)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        ras.dial("Lab", phonebook=pbk, user=b"alice")  # type: ignore[arg-type]
    nothing_left()
