"""User code over the raw layer's dicts, typed by the stub's TypedDicts.

tests/test_typeddicts.py runs ``mypy --strict`` over this file (it must pass)
and runs it against the simulator (``main``), so every key it reads exists
and the import pattern of the stub-only names works at run time.
docs/api/typing.md shows parts of it.
"""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING, Any

import ras

if TYPE_CHECKING:  # stub-only names: they exist for type checkers alone
    from ras import EntryPropertiesDict, EntryPropertiesInput, StatisticsDict


def entry_summary(book: str, name: str) -> str:
    props: EntryPropertiesDict = ras.GetEntryProperties(book, name)
    server: str = props["localPhoneNumber"]
    options: int = props["options"]
    dns: ipaddress.IPv4Address = props["ipaddrDns"]
    alternates: list[str] = props["alternatePhoneNumbers"]
    # Windows Vista and later only: NotRequired, so .get() (or "in")
    metric: int | None = props.get("ipv4InterfaceMetric")
    vpn = props["deviceType"] == ras.RASDT_Vpn
    return f"{server} {options:#x} {dns} {alternates} {metric} {vpn}"


def change_entry(book: str, name: str, suffix: str) -> None:
    changes: EntryPropertiesInput = {"dnsSuffix": suffix, "redialCount": 3}
    ras.SetEntryProperties(book, name, changes)
    # the Get, Set round trip: a result is an argument
    props = ras.GetEntryProperties(book, name)
    if props["options"] & ras.RASEO_RemoteDefaultGateway:
        ras.SetEntryProperties(book, name, props)
    # plain dicts, as legacy code builds them, are still accepted
    ras.SetEntryProperties(book, name, {"dnsSuffix": suffix})
    legacy: dict[str, Any] = {"redialPause": 10}
    ras.SetEntryProperties(book, name, legacy)


def connection_report(h: int) -> list[str]:
    stats: StatisticsDict = ras.GetConnectionStatistics(h)
    lines = [f"{stats['bytesXmited']} bytes out, {stats['connectDuration']} ms"]
    info = ras.GetProjectionInfoEx(h)  # PppProjectionDict | Ikev2ProjectionDict
    if info["type"] == ras.PROJECTION_INFO_TYPE_IKEv2:  # narrows to Ikev2ProjectionDict
        servers: list[ipaddress.IPv4Address] = info["ipv4ServerAddresses"]
        lines.append(f"ikev2 {info['ipv6Address']} servers {servers}")
        return lines
    lines.append(f"ppp ccp {info['ccpCompressionAlgorithm']:#x}")
    ip = ras.GetProjectionInfo(h, ras.RASP_PppIp)  # PppIpDict
    lines.append(f"ip {ip['ipAddress']} server {ip['serverIpAddress']}")
    lcp = ras.GetProjectionInfo(h, ras.RASP_PppLcp)  # PppLcpDict
    bundled: bool = lcp["bundled"]
    lines.append(f"lcp {lcp['authenticationProtocol']:#x} bundled {bundled}")
    return lines


def the_rest(book: str, name: str) -> list[object]:
    creds = ras.GetCredentials(book, name)
    user: str = creds["userName"]
    ras.SetCredentials(book, name, {"userName": user, "domain": "CORP"})
    devices = [d["deviceName"] for d in ras.EnumDevices() if d["deviceType"] == ras.RASDT_Vpn]
    country = ras.GetCountryInfo(1)
    sub = ras.GetSubEntryProperties(book, name, 1)
    ras.SetSubEntryProperties(book, name, 1, {"localPhoneNumber": sub["localPhoneNumber"]})
    codes: list[int] = [
        ras.RASCS_Connected,
        ras.ERROR_AUTHENTICATION_FAILURE,
        ras.RASEO_RequireEAP,
        ras.RASCN_Connection,
    ]
    return [user, devices, country["countryName"], country["nextCountryID"], codes]


def main(book: str, name: str) -> list[object]:
    """Everything above, on a connection to `name` of `book`."""
    change_entry(book, name, "corp.example.com")
    out: list[object] = [entry_summary(book, name), *the_rest(book, name)]
    h, _ = ras.Dial(None, book, (name,), None)
    try:
        out += connection_report(h)
    finally:
        ras.HangUp(h)
    return out
