"""ras.connect(): dialling as an asyncio coroutine; cancelling hangs up."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import pytest
from support import DIAL_STATES, Scenario, requires_sim

import ras
from ras._connection import ConnectionState as S
from ras.testing import Server, SimulatedRas

pytestmark = requires_sim

SECRET = "async-Secret-plugh"

# The states a dial of the simulator goes through before Connected.
BEFORE_CONNECTED = DIAL_STATES[:-1]


def nothing_left() -> None:
    assert ras.connections() == []
    assert ras._ras._pending_dials() == 0


@pytest.fixture
def office(ras_sim: SimulatedRas) -> str:
    """A phone book whose "Office VPN" accepts alice (ras.testing, as a user's tests would)."""
    ras_sim.add_entry("Office VPN", server=Server(user="alice", password=SECRET, ipv4="10.8.0.2"))
    return ras_sim.phonebook_path


def test_await_connect_gives_a_connection(office: str) -> None:
    async def main() -> ras.Connection:
        conn = await ras.connect("Office VPN", phonebook=office, user="alice", password=SECRET)
        assert conn.is_connected() and str(conn.ipv4()) == "10.8.0.2"
        await conn.ahangup()
        return conn

    conn = asyncio.run(main())
    assert not conn.is_active()
    nothing_left()


def test_async_with_hangs_up_on_leaving(office: str) -> None:
    async def main() -> int:
        async with ras.connect(
            "Office VPN", phonebook=office, user="alice", password=SECRET
        ) as conn:
            assert ras.connections() == [conn]
            return conn.handle

    handle = asyncio.run(main())
    assert not ras.IsHandleValid(handle)
    nothing_left()


def test_on_state_runs_in_the_loop_thread(office: str) -> None:
    seen: list[tuple[Any, threading.Thread]] = []

    async def main() -> None:
        async with ras.connect(
            "Office VPN",
            phonebook=office,
            user="alice",
            password=SECRET,
            on_state=lambda p: seen.append((p.state, threading.current_thread())),
        ):
            pass

    asyncio.run(main())
    assert [s for s, _ in seen] == [*BEFORE_CONNECTED, S.CONNECTED]
    assert {t for _, t in seen} == {threading.current_thread()}
    nothing_left()


@pytest.mark.parametrize("at", BEFORE_CONNECTED, ids=lambda s: s.name)
def test_cancelling_at_every_state_hangs_up(office: str, at: S) -> None:
    """The task is cancelled as the dial reaches `at`; no connection remains."""

    async def main() -> None:
        task: asyncio.Task[ras.Connection]

        def on_state(p: ras.DialProgress) -> None:
            if p.state == at:
                task.cancel()

        task = asyncio.ensure_future(
            ras.connect(
                "Office VPN", phonebook=office, user="alice", password=SECRET, on_state=on_state
            )
        )
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(main())
    nothing_left()


def test_cancelling_when_ras_never_calls_back_again(pbk: str, scenario: Scenario) -> None:
    """A dial stuck in a state (RAS silent for 100 s): cancel returns at once."""
    scenario.set({"*": {"StateDelayMs": 100000}})

    async def main() -> None:
        first = asyncio.Event()
        task = asyncio.ensure_future(
            ras.connect("Lab", phonebook=pbk, on_state=lambda p: first.set())
        )
        await first.wait()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await asyncio.wait_for(task, 10)  # never waits for RAS: well within

    asyncio.run(main())
    nothing_left()


def test_a_timeout_hangs_up_and_raises(pbk: str, scenario: Scenario) -> None:
    scenario.set({"*": {"StateDelayMs": 100000}})

    async def main() -> None:
        with pytest.raises(ras.DialTimeoutError) as info:
            await ras.connect("Lab", phonebook=pbk, timeout=0.05)
        assert info.value.args[:2] == (ras.ERROR_TIMEOUT, "RasDial")

    asyncio.run(main())
    nothing_left()


def test_asyncio_wait_for_around_connect_cancels_cleanly(pbk: str, scenario: Scenario) -> None:
    scenario.set({"*": {"StateDelayMs": 100000}})

    async def main() -> None:
        with pytest.raises(asyncio.TimeoutError):
            await asyncio.wait_for(ras.connect("Lab", phonebook=pbk), 0.05)

    asyncio.run(main())
    nothing_left()


def test_a_failure_raises_its_class_and_leaves_nothing(office: str) -> None:
    async def main() -> None:
        with pytest.raises(ras.AuthenticationError) as info:
            await ras.connect("Office VPN", phonebook=office, user="alice", password="wrong")
        assert info.value.state is S.AUTHENTICATE  # type: ignore[attr-defined]

    asyncio.run(main())
    nothing_left()


def test_on_pause_may_be_a_coroutine(office: str) -> None:
    async def on_pause(p: ras.DialProgress) -> ras.PauseAnswer:
        await asyncio.sleep(0)
        return ras.PauseAnswer(password=SECRET)

    async def main() -> None:
        async with ras.connect(
            "Office VPN", phonebook=office, user="alice", password="typo", on_pause=on_pause
        ) as conn:
            assert conn.is_connected()

    asyncio.run(main())
    nothing_left()


def test_concurrent_connects_of_different_entries(pbk: str, scenario: Scenario) -> None:
    scenario.set({"*": {"StateDelayMs": 1}})

    async def main() -> None:
        conns = await asyncio.gather(
            *(ras.connect(name, phonebook=pbk) for name in ("Office VPN", "Lab", "Home"))
        )
        assert sorted(c.entry for c in conns) == ["Home", "Lab", "Office VPN"]
        assert sorted(ras.connections(), key=lambda c: c.handle) == sorted(
            conns, key=lambda c: c.handle
        )
        await asyncio.gather(*(c.ahangup() for c in conns))

    asyncio.run(main())
    nothing_left()


def test_a_closed_loop_drops_late_notifications(pbk: str, scenario: Scenario) -> None:
    """The loop goes away mid-dial (asyncio.run cancels the task): nothing crashes."""
    scenario.set({"*": {"StateDelayMs": 20}})

    pending: list[asyncio.Future[ras.Connection]] = []

    async def main() -> None:
        pending.append(asyncio.ensure_future(ras.connect("Lab", phonebook=pbk)))
        await asyncio.sleep(0)

    asyncio.run(main())  # cancels the pending task at exit: it hangs up
    assert pending[0].cancelled()
    nothing_left()


def test_a_connect_is_used_once(office: str) -> None:
    async def main() -> None:
        attempt = ras.connect("Office VPN", phonebook=office, user="alice", password=SECRET)
        conn = await attempt
        with pytest.raises(RuntimeError, match="awaited already"):
            await attempt
        with pytest.raises(RuntimeError, match="awaited already"):
            async with attempt:
                pass
        assert ras.connections() == [conn]
        await conn.ahangup()

    asyncio.run(main())
    nothing_left()
