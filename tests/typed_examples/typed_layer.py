"""A program using the typed layer, as a user would write it.

tests/test_typing_examples.py checks it with ``mypy --strict`` and runs it
on the simulator (it expects an "Office VPN" entry that accepts alice).
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import os

import ras

log = logging.getLogger(__name__)
SECRET = os.environ.get("TYPED_LAYER_SECRET", "")


def show(progress: ras.DialProgress) -> None:
    state: ras.ConnectionState | int = progress.state
    log.info("%.3f s %s (%d)", progress.elapsed, progress.state_name, int(state))


def retry(progress: ras.DialProgress) -> ras.PauseAnswer | None:
    return None if progress.pauses > 2 else ras.PauseAnswer(password=SECRET)


def sync_part(book: ras.Phonebook) -> list[str]:
    seen: list[str] = []
    with ras.dial(
        "Office VPN", user="alice", password=SECRET, timeout=30.0, on_state=show, on_pause=retry
    ) as conn:
        status: ras.ConnectionStatus = conn.status()
        v4: ipaddress.IPv4Address | None = conn.ipv4()
        v6: ipaddress.IPv6Address | None = conn.ipv6()
        stats: ras.Statistics = conn.statistics()
        projection: ras.Projection = conn.projection()
        seen.append(f"{status.state!r} {v4} {v6} {stats.bytes_received} {projection.type!r}")
        seen.extend(c.entry for c in ras.connections())
        entry: ras.Entry = book["Office VPN"]
        seen.append(entry.vpn_strategy.name)
    try:
        ras.dial("Office VPN", user="alice", password="wrong")
    except ras.AuthenticationError as e:
        code: int = e.winerror
        seen.append(str(code))
    except ras.DialError:
        seen.append("other failure")
    return seen


async def async_part() -> str:
    async with ras.connect("Office VPN", user="alice", password=SECRET) as conn:
        handle: int = conn.handle
        await asyncio.sleep(0)
    conn2 = await ras.connect("Office VPN", user="alice", password=SECRET, on_state=show)
    await conn2.ahangup(timeout=5.0)
    return hex(handle)


def main() -> list[str]:
    book = ras.Phonebook()
    book["Office VPN"] = ras.Entry.vpn("vpn.example.com", strategy=ras.VpnStrategy.IKEV2_ONLY)
    out = sync_part(book)
    out.append(asyncio.run(async_part()))
    return out


if __name__ == "__main__":
    print(main())
