"""RASDT_*: the device-type strings of RASDEVINFO / RASENTRY (ras.h values)."""

from __future__ import annotations

RASDT_Modem = "modem"
RASDT_Isdn = "isdn"
RASDT_X25 = "x25"
RASDT_Vpn = "vpn"
RASDT_Pad = "pad"
RASDT_Generic = "GENERIC"
RASDT_Serial = "SERIAL"
RASDT_FrameRelay = "FRAMERELAY"
RASDT_Atm = "ATM"
RASDT_Sonet = "SONET"
RASDT_SW56 = "SW56"
RASDT_Irda = "IRDA"
RASDT_Parallel = "PARALLEL"
RASDT_PPPoE = "PPPoE"

DEVICE_TYPES: dict[str, str] = {
    name: value for name, value in dict(globals()).items() if name.startswith("RASDT_")
}
