"""The devices family (issue 4): EnumDevices."""

from __future__ import annotations

import pytest
from support import requires_sim

import ras

pytestmark = requires_sim


def test_enum_devices() -> None:
    devices = ras.EnumDevices()
    assert all(set(d) == {"deviceType", "deviceName"} for d in devices)
    names = {d["deviceName"]: d["deviceType"] for d in devices}
    assert names["WAN Miniport (IKEv2)"] == ras.RASDT_Vpn
    assert names["WAN Miniport (SSTP)"] == ras.RASDT_Vpn
    assert ras.RASDT_Modem in names.values()
    assert ras.RASDT_PPPoE in names.values()
    assert ras.DEVICE_TYPES["RASDT_Vpn"] == "vpn"


def test_bad_arguments() -> None:
    with pytest.raises(TypeError):
        ras.EnumDevices(1)
