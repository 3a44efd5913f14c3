"""The statistics family (issue 4): Get/Clear Connection/Link statistics."""

from __future__ import annotations

import pytest
from support import Scenario, requires_sim
from test_dial import wait_until

import ras

pytestmark = requires_sim

STAT_KEYS = {
    "bytesXmited", "bytesRcved", "framesXmited", "framesRcved", "crcErr", "timeoutErr",
    "alignmentErr", "hardwareOverrunErr", "framingErr", "bufferOverrunErr",
    "compressionRatioIn", "compressionRatioOut", "bps", "connectDuration",
}  # fmt: skip


@pytest.fixture
def connected(pbk: str, scenario: Scenario) -> int:
    scenario.set({"*": {"BytesPerSecondOut": 100000, "BytesPerSecondIn": 400000}})
    h, rc = ras.Dial(None, pbk, ("Lab",), None)
    assert rc == 0
    return h


def test_statistics_grow_while_connected(connected: int) -> None:
    first = ras.GetConnectionStatistics(connected)
    assert set(first) == STAT_KEYS
    assert first["bps"] > 0
    wait_until(lambda: ras.GetConnectionStatistics(connected)["bytesRcved"] > first["bytesRcved"])
    later = ras.GetConnectionStatistics(connected)
    assert later["bytesXmited"] >= first["bytesXmited"]
    assert later["connectDuration"] >= first["connectDuration"]
    assert later["framesRcved"] >= first["framesRcved"]
    assert later["crcErr"] == later["timeoutErr"] == 0


def test_clear_resets_counters_not_duration(connected: int) -> None:
    wait_until(lambda: ras.GetConnectionStatistics(connected)["bytesRcved"] > 100000)
    before = ras.GetConnectionStatistics(connected)
    ras.ClearConnectionStatistics(connected)
    after = ras.GetConnectionStatistics(connected)
    assert after["bytesRcved"] < before["bytesRcved"]
    assert after["connectDuration"] >= before["connectDuration"]


def test_link_statistics(connected: int) -> None:
    link = ras.GetLinkStatistics(connected, 1)
    assert set(link) == STAT_KEYS
    wait_until(lambda: ras.GetLinkStatistics(connected, 1)["bytesRcved"] > 100000)
    ras.ClearLinkStatistics(connected, 1)
    assert ras.GetLinkStatistics(connected, 1)["bytesRcved"] < 100000
    with pytest.raises(ras.error) as exc:
        ras.GetLinkStatistics(connected, 7)
    assert exc.value.funcname == "RasGetLinkStatistics"


@pytest.mark.parametrize(
    ("fn", "args", "funcname"),
    [
        (ras.GetConnectionStatistics, (0x9999,), "RasGetConnectionStatistics"),
        (ras.ClearConnectionStatistics, (0x9999,), "RasClearConnectionStatistics"),
        (ras.GetLinkStatistics, (0x9999, 1), "RasGetLinkStatistics"),
        (ras.ClearLinkStatistics, (0x9999, 1), "RasClearLinkStatistics"),
    ],
)
def test_bogus_handle(fn: object, args: tuple[int, ...], funcname: str) -> None:
    with pytest.raises(ras.error) as exc:
        fn(*args)  # type: ignore[operator]
    assert exc.value.args[:2] == (6, funcname)


def test_bad_arguments() -> None:
    with pytest.raises(TypeError):
        ras.GetConnectionStatistics("h")
    with pytest.raises(TypeError):
        ras.GetLinkStatistics(1)
    with pytest.raises(OverflowError):
        ras.GetLinkStatistics(1, -1)
