"""ConnectionNotification: Win32 events set when connections are made and end (issue 4).

One test body for both backends: real Win32 events under Wine, the
simulator's event objects on Linux (tests/events.py).
"""

from __future__ import annotations

import struct
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import events
import pytest
from support import Recorder, Scenario, requires_sim
from test_dial import wait_until

import ras
import simctl

pytestmark = requires_sim

ANY = -1  # INVALID_HANDLE_VALUE
BOTH = ras.RASCN_Connection | ras.RASCN_Disconnection


@pytest.fixture
def new_event() -> Iterator[Callable[..., int]]:
    made: list[int] = []

    def make(manual_reset: bool = False) -> int:
        h = events.create(manual_reset)
        made.append(h)
        return h

    yield make
    simctl.reset()  # no registration may outlive its event
    for h in made:
        events.close(h)


def dial(pbk: str, entry: str = "Lab") -> int:
    h, rc = ras.Dial(None, pbk, (entry,), None)
    assert rc == 0
    return int(h)


def test_any_connection_made_and_ended(pbk: str, new_event: Callable[..., int]) -> None:
    ev = new_event()
    ras.ConnectionNotification(ANY, ev, BOTH)
    assert events.quiet(ev)
    h = dial(pbk)
    assert events.signalled(ev)  # made
    assert events.quiet(ev)  # auto-reset
    ras.HangUp(h)
    assert events.signalled(ev)  # ended
    # the INVALID_HANDLE_VALUE registration persists
    ras.HangUp(dial(pbk, "Home"))
    assert events.signalled(ev)


def test_any_connection_all_ones_handle(pbk: str, new_event: Callable[..., int]) -> None:
    ev = new_event()
    all_ones = (1 << (8 * struct.calcsize("P"))) - 1  # INVALID_HANDLE_VALUE unsigned
    ras.ConnectionNotification(all_ones, ev, ras.RASCN_Connection)
    h = dial(pbk)
    assert events.signalled(ev)
    ras.HangUp(h)
    assert events.quiet(ev)  # only RASCN_Connection asked for


def test_one_connection(pbk: str, new_event: Callable[..., int]) -> None:
    ev = new_event()
    mine, other = dial(pbk), dial(pbk, "Home")
    ras.ConnectionNotification(mine, ev, BOTH)
    ras.HangUp(other)
    dial(pbk, "Office VPN")  # RASCN_Connection is for INVALID_HANDLE_VALUE only
    assert events.quiet(ev)
    ras.HangUp(mine)
    assert events.signalled(ev)
    # the registration ended with the connection
    ras.HangUp(dial(pbk))
    assert events.quiet(ev)


def test_joined_connection_ends_at_last_hang_up(pbk: str, new_event: Callable[..., int]) -> None:
    ev = new_event()
    h = dial(pbk)
    assert dial(pbk) == h  # a second reference
    ras.ConnectionNotification(h, ev, ras.RASCN_Disconnection)
    ras.HangUp(h)
    assert events.quiet(ev)
    ras.HangUp(h)
    assert events.signalled(ev)


def test_link_drop(pbk: str, scenario: Scenario, new_event: Callable[..., int]) -> None:
    scenario.set({"*": {"DropAfterMs": 50}})
    one, anyc = new_event(), new_event()
    ras.ConnectionNotification(ANY, anyc, ras.RASCN_Disconnection)
    h = dial(pbk)
    ras.ConnectionNotification(h, one, ras.RASCN_Disconnection)
    assert events.signalled(one)
    assert events.signalled(anyc)
    assert ras.GetConnectStatus(h)[0] == ras.RASCS_Disconnected
    ras.HangUp(h)  # ended already: nothing more
    assert events.quiet(one) and events.quiet(anyc)


def test_registering_on_a_dropped_connection(
    pbk: str, scenario: Scenario, new_event: Callable[..., int]
) -> None:
    scenario.set({"*": {"DropAfterMs": 0}})
    ev = new_event()
    h = dial(pbk)
    wait_until(lambda: ras.GetConnectStatus(h)[0] == ras.RASCS_Disconnected)
    ras.ConnectionNotification(h, ev, ras.RASCN_Disconnection)
    assert events.signalled(ev)


def test_subentry_handle_counts_as_its_connection(pbk: str, new_event: Callable[..., int]) -> None:
    ev = new_event()
    h = dial(pbk)
    ras.ConnectionNotification(ras.GetSubEntryHandle(h, 1), ev, ras.RASCN_Disconnection)
    ras.HangUp(h)
    assert events.signalled(ev)


def test_manual_and_auto_reset(pbk: str, new_event: Callable[..., int]) -> None:
    manual, auto = new_event(manual_reset=True), new_event()
    for ev in (manual, auto):
        ras.ConnectionNotification(ANY, ev, ras.RASCN_Connection)
    ras.HangUp(dial(pbk))
    assert events.signalled(manual) and events.signalled(manual)  # stays set
    assert events.signalled(auto) and events.quiet(auto)
    events.reset(manual)
    assert events.quiet(manual)


def test_flags_add_up(pbk: str, new_event: Callable[..., int]) -> None:
    ev = new_event()
    ras.ConnectionNotification(ANY, ev, ras.RASCN_Connection)
    ras.ConnectionNotification(ANY, ev, ras.RASCN_Disconnection)
    h = dial(pbk)
    assert events.signalled(ev)
    ras.HangUp(h)
    assert events.signalled(ev)


def test_unused_flags_never_fire(pbk: str, new_event: Callable[..., int]) -> None:
    ev = new_event()
    flags = (
        ras.RASCN_BandwidthAdded | ras.RASCN_BandwidthRemoved | ras.RASCN_Dormant
        | ras.RASCN_ReConnection
    )  # fmt: skip
    ras.ConnectionNotification(ANY, ev, flags)
    h = dial(pbk)
    ras.ConnectionNotification(h, ev, flags)
    ras.HangUp(h)
    assert events.quiet(ev)


def test_errors(pbk: str, new_event: Callable[..., int]) -> None:
    ev = new_event()
    h = dial(pbk)

    def code(*args: object) -> int:
        with pytest.raises(ras.error) as exc:
            ras.ConnectionNotification(*args)  # type: ignore[arg-type]
        assert exc.value.funcname == "RasConnectionNotification"
        return int(exc.value.winerror)

    assert code(h, 0, ras.RASCN_Disconnection) == ras.ERROR_INVALID_HANDLE
    assert code(h, None, ras.RASCN_Disconnection) == ras.ERROR_INVALID_HANDLE
    assert code(h, ev, 0) == ras.ERROR_INVALID_PARAMETER
    assert code(h, ev, 0x10000) == ras.ERROR_INVALID_PARAMETER
    assert code(0x7777, ev, ras.RASCN_Disconnection) == ras.ERROR_INVALID_HANDLE
    with pytest.raises(TypeError):
        ras.ConnectionNotification(h, "event", 2)  # type: ignore[arg-type]
    with pytest.raises(OverflowError):
        ras.ConnectionNotification(h, ev, 2**32)
    with pytest.raises(OverflowError):
        ras.ConnectionNotification(2**65, ev, 2)


def test_closed_event_is_harmless(pbk: str) -> None:
    ev = events.create()
    ras.ConnectionNotification(ANY, ev, BOTH)
    h = dial(pbk)
    ras.ConnectionNotification(h, ev, BOTH)
    events.close(ev)
    ras.HangUp(h)  # sets a closed handle: nothing happens
    ras.HangUp(dial(pbk))
    simctl.reset()


def test_many_connections_many_events(tmp_path: Path, new_event: Callable[..., int]) -> None:
    names = [f"Conn {i}" for i in range(8)]
    book = simctl.write_phonebook(tmp_path / "many.pbk", names)
    anyc = new_event(manual_reset=True)
    ras.ConnectionNotification(ANY, anyc, ras.RASCN_Disconnection)
    evs = {name: new_event() for name in names}
    failures: list[BaseException] = []

    def worker(name: str) -> None:
        try:
            h = dial(book, name)
            ras.ConnectionNotification(h, evs[name], ras.RASCN_Disconnection)
            assert events.quiet(evs[name])
            ras.HangUp(h)
            assert events.signalled(evs[name])
        except BaseException as e:
            failures.append(e)

    threads = [threading.Thread(target=worker, args=(n,)) for n in names]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
    assert events.signalled(anyc)
    assert ras.EnumConnections() == []


def test_registration_racing_hang_up(
    pbk: str, scenario: Scenario, new_event: Callable[..., int]
) -> None:
    for _ in range(20):
        ev = new_event()
        h = dial(pbk)
        outcome: list[object] = []

        def register(h: int = h, ev: int = ev, outcome: list[object] = outcome) -> None:
            try:
                ras.ConnectionNotification(h, ev, ras.RASCN_Disconnection)
                outcome.append("registered")
            except ras.error as e:
                outcome.append(e.winerror)

        t = threading.Thread(target=register)
        t.start()
        ras.HangUp(h)
        t.join()
        # registered before the hang-up: signalled; after it: the handle is gone
        assert outcome in (["registered"], [ras.ERROR_INVALID_HANDLE])
        if outcome == ["registered"]:
            assert events.signalled(ev)
        else:
            assert events.quiet(ev)


def test_dial_racing_any_registration(
    pbk: str, recorder: Recorder, new_event: Callable[..., int]
) -> None:
    ev = new_event(manual_reset=True)
    h, rc = ras.Dial(None, pbk, ("Lab",), recorder)
    assert rc == 0
    ras.ConnectionNotification(ANY, ev, ras.RASCN_Disconnection)
    recorder.wait()
    ras.HangUp(h)
    assert events.signalled(ev)
