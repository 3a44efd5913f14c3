"""Projections, connection updates, sub-entry handles and InvokeEapUI (issue 4)."""

from __future__ import annotations

import ipaddress
import threading

import pytest
from support import Recorder, Scenario, requires_sim
from test_dial import wait_until

import ras

pytestmark = requires_sim

BOGUS = 0x9999

ADDRS = {
    "IpAddress": "10.8.0.2",
    "ServerIpAddress": "10.8.0.1",
    "Ipv6Address": "fd00:8::2",
    "ServerIpv6Address": "fd00:8::1",
}

PPP_KEYS = {
    "version", "type", "ipv4NegotiationError", "ipv4Address", "ipv4ServerAddress",
    "ipv4Options", "ipv4ServerOptions", "ipv6NegotiationError", "interfaceIdentifier",
    "serverInterfaceIdentifier", "bundled", "multilink", "authenticationProtocol",
    "authenticationData", "serverAuthenticationProtocol", "serverAuthenticationData",
    "eapTypeId", "serverEapTypeId", "lcpOptions", "lcpServerOptions", "ccpError",
    "ccpCompressionAlgorithm", "ccpServerCompressionAlgorithm", "ccpOptions",
    "ccpServerOptions",
}  # fmt: skip
IKEV2_KEYS = {
    "version", "type", "ipv4NegotiationError", "ipv4Address", "ipv4ServerAddress",
    "ipv6NegotiationError", "ipv6Address", "ipv6ServerAddress", "prefixLength",
    "authenticationProtocol", "eapTypeId", "flags", "encryptionMethod",
    "ipv4ServerAddresses", "ipv6ServerAddresses",
}  # fmt: skip


def ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    return ipaddress.ip_address(text)


def dial(pbk: str, entry: str = "Lab") -> int:
    h, rc = ras.Dial(None, pbk, (entry,), None)
    assert rc == 0
    return int(h)


def raises_ras(code: int, funcname: str, fn: object, *args: object) -> None:
    with pytest.raises(ras.error) as exc:
        fn(*args)  # type: ignore[operator]
    assert (exc.value.winerror, exc.value.funcname) == (code, funcname)


@pytest.fixture
def ppp(pbk: str, scenario: Scenario) -> int:
    scenario.set({"Lab": ADDRS, "Home": {"VpnType": "IKEv2", **ADDRS}})
    return dial(pbk)


@pytest.fixture
def ikev2(pbk: str, scenario: Scenario) -> int:
    scenario.set(
        {"Home": {"VpnType": "IKEv2", "ServerAddresses": "10.9.0.9, fd09::9, 10.9.0.10", **ADDRS}}
    )
    return dial(pbk, "Home")


# ---- GetProjectionInfo ------------------------------------------------------


def test_ppp_ip(ppp: int) -> None:
    info = ras.GetProjectionInfo(ppp, ras.RASP_PppIp)
    assert info == {
        "error": 0,
        "ipAddress": ip("10.8.0.2"),
        "serverIpAddress": ip("10.8.0.1"),
        "options": 0,
        "serverOptions": 0,
    }


def test_ppp_ip_without_server_address(pbk: str, scenario: Scenario) -> None:
    scenario.set({"*": {"IpAddress": "192.0.2.7"}})
    info = ras.GetProjectionInfo(dial(pbk), ras.RASP_PppIp)
    assert info["ipAddress"] == ip("192.0.2.7")
    assert info["serverIpAddress"] is None


def test_ppp_ipv6(ppp: int) -> None:
    info = ras.GetProjectionInfo(ppp, ras.RASP_PppIpv6)
    assert info["error"] == 0
    assert info["localInterfaceIdentifier"] == ip("fd00:8::2").packed[8:]
    assert info["peerInterfaceIdentifier"] == ip("fd00:8::1").packed[8:]
    assert info["localCompressionProtocol"] == info["peerCompressionProtocol"] == b"\0\0"


def test_ppp_lcp_and_ccp(ppp: int) -> None:
    lcp = ras.GetProjectionInfo(ppp, ras.RASP_PppLcp)
    assert lcp["authenticationProtocol"] == ras.RASLCPAP_CHAP
    assert lcp["authenticationData"] == ras.RASLCPAD_CHAP_MSV2
    assert lcp["options"] == ras.RASLCPO_PFC | ras.RASLCPO_ACFC
    assert lcp["bundled"] is False and lcp["multilink"] is False
    assert lcp["replyMessage"] == ""
    ccp = ras.GetProjectionInfo(ppp, ras.RASP_PppCcp)
    assert ccp["compressionAlgorithm"] == ras.RASCCPCA_MPPC
    assert ccp["options"] & ras.RASCCPO_Encryption128bit


def test_protocols_not_negotiated(pbk: str, scenario: Scenario) -> None:
    scenario.set({"Home": {"VpnType": "IKEv2", "IpAddress": "10.0.0.5"}})
    plain = dial(pbk)  # no addresses at all
    raises_ras(731, "RasGetProjectionInfo", ras.GetProjectionInfo, plain, ras.RASP_PppIp)
    raises_ras(731, "RasGetProjectionInfo", ras.GetProjectionInfo, plain, ras.RASP_PppIpv6)
    ike = dial(pbk, "Home")
    assert ras.GetProjectionInfo(ike, ras.RASP_PppIp)["ipAddress"] == ip("10.0.0.5")
    raises_ras(731, "RasGetProjectionInfo", ras.GetProjectionInfo, ike, ras.RASP_PppLcp)
    raises_ras(731, "RasGetProjectionInfo", ras.GetProjectionInfo, ike, ras.RASP_PppCcp)


@pytest.mark.parametrize("projection", ["RASP_Amb", "RASP_PppNbf", "RASP_PppIpx", "RASP_Slip"])
def test_legacy_projections(ppp: int, projection: str) -> None:
    raises_ras(
        ras.ERROR_PROTOCOL_NOT_CONFIGURED,
        "RasGetProjectionInfo",
        ras.GetProjectionInfo,
        ppp,
        getattr(ras, projection),
    )


def test_unknown_projection(ppp: int) -> None:
    raises_ras(87, "RasGetProjectionInfo", ras.GetProjectionInfo, ppp, 0x1234)


def test_bad_arguments(ppp: int) -> None:
    with pytest.raises(TypeError):
        ras.GetProjectionInfo("h", ras.RASP_PppIp)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        ras.GetProjectionInfo(ppp, "ip")  # type: ignore[arg-type]
    with pytest.raises(OverflowError):
        ras.GetProjectionInfo(ppp, 2**40)
    with pytest.raises(OverflowError):
        ras.GetProjectionInfo(2**70, ras.RASP_PppIp)
    with pytest.raises(TypeError):
        ras.GetProjectionInfo(ppp)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        ras.GetProjectionInfoEx(None, 1)  # type: ignore[call-arg]


@pytest.mark.parametrize(
    ("fn", "args", "funcname"),
    [
        (ras.GetProjectionInfo, (BOGUS, ras.RASP_PppIp), "RasGetProjectionInfo"),
        (ras.GetProjectionInfo, (None, ras.RASP_PppIp), "RasGetProjectionInfo"),
        (ras.GetProjectionInfoEx, (BOGUS,), "RasGetProjectionInfoEx"),
        (ras.UpdateConnection, (BOGUS, {"ifIndex": 3, "localEndPoint": ip("10.0.0.1")}),
         "RasUpdateConnection"),
        (ras.GetSubEntryHandle, (BOGUS, 1), "RasGetSubEntryHandle"),
        (ras.ConnectionNotification, (BOGUS, 0x1234, ras.RASCN_Disconnection),
         "RasConnectionNotification"),
    ],
)  # fmt: skip
def test_bogus_handle(fn: object, args: tuple[object, ...], funcname: str) -> None:
    raises_ras(ras.ERROR_INVALID_HANDLE, funcname, fn, *args)


def test_hung_up_handle(ppp: int) -> None:
    ras.HangUp(ppp)
    raises_ras(6, "RasGetProjectionInfo", ras.GetProjectionInfo, ppp, ras.RASP_PppIp)
    raises_ras(6, "RasGetProjectionInfoEx", ras.GetProjectionInfoEx, ppp)


def test_dropped_connection(pbk: str, scenario: Scenario) -> None:
    scenario.set({"*": {"DropAfterMs": 0, **ADDRS}})
    h = dial(pbk)
    wait_until(lambda: ras.GetConnectStatus(h)[0] == ras.RASCS_Disconnected)
    raises_ras(ras.ERROR_NO_CONNECTION, "RasGetProjectionInfo", ras.GetProjectionInfo, h, 0x8021)
    raises_ras(ras.ERROR_NO_CONNECTION, "RasGetProjectionInfoEx", ras.GetProjectionInfoEx, h)


# ---- GetProjectionInfoEx ----------------------------------------------------


def test_ex_ppp(ppp: int) -> None:
    info = ras.GetProjectionInfoEx(ppp)
    assert set(info) == PPP_KEYS
    assert info["version"] == ras.RASAPIVERSION_CURRENT == ras.RASAPIVERSION_601
    assert info["type"] == ras.PROJECTION_INFO_TYPE_PPP
    assert info["ipv4Address"] == ip("10.8.0.2")
    assert info["ipv4ServerAddress"] == ip("10.8.0.1")
    assert info["interfaceIdentifier"] == ip("fd00:8::2").packed[8:]
    assert info["ipv4NegotiationError"] == info["ipv6NegotiationError"] == 0
    assert info["ccpCompressionAlgorithm"] == ras.RASCCPCA_MPPC


def test_ex_ppp_without_addresses(pbk: str) -> None:
    info = ras.GetProjectionInfoEx(dial(pbk))
    assert info["ipv4NegotiationError"] == ras.ERROR_PROTOCOL_NOT_CONFIGURED
    assert info["ipv4Address"] == ip("0.0.0.0")


def test_ex_ikev2(ikev2: int) -> None:
    info = ras.GetProjectionInfoEx(ikev2)
    assert set(info) == IKEV2_KEYS
    assert info["type"] == ras.PROJECTION_INFO_TYPE_IKEv2
    assert info["ipv4Address"] == ip("10.8.0.2")
    assert info["ipv6Address"] == ip("fd00:8::2")
    assert info["ipv6ServerAddress"] == ip("fd00:8::1")
    assert info["prefixLength"] == 64
    assert info["flags"] == ras.RASIKEv2_FLAGS_MOBIKESUPPORTED
    # the Windows 8 arrays, behind pointers into the result buffer
    assert info["ipv4ServerAddresses"] == [ip("10.8.0.1"), ip("10.9.0.9"), ip("10.9.0.10")]
    assert info["ipv6ServerAddresses"] == [ip("fd00:8::1"), ip("fd09::9")]


def test_ex_ikev2_without_server_lists(pbk: str, scenario: Scenario) -> None:
    scenario.set({"*": {"VpnType": "IKEv2"}})
    info = ras.GetProjectionInfoEx(dial(pbk))
    assert info["ipv4ServerAddresses"] == info["ipv6ServerAddresses"] == []


def test_bad_scenario_keys(pbk: str, scenario: Scenario) -> None:
    for keys in ({"VpnType": "L2TP"}, {"ServerAddresses": "10.0.0.1,nope"},
                 {"InvokeEapUI": "2"}):  # fmt: skip
        scenario.set({"*": keys})
        assert ras.Dial(None, pbk, ("Lab",), None)[1] == ras.ERROR_BAD_USAGE_IN_INI_FILE


# ---- UpdateConnection --------------------------------------------------------


def test_update_endpoints(ikev2: int) -> None:
    ras.UpdateConnection(
        ikev2,
        {"ifIndex": 12, "localEndPoint": ip("192.168.7.7"), "remoteEndPoint": ip("2001:db8::5")},
    )
    info = ras.GetProjectionInfoEx(ikev2)
    assert info["ipv4Address"] == ip("192.168.7.7")
    assert info["ipv6ServerAddress"] == ip("2001:db8::5")
    assert info["ipv6Address"] == ip("fd00:8::2")  # untouched
    assert ras.GetProjectionInfo(ikev2, ras.RASP_PppIp)["ipAddress"] == ip("192.168.7.7")


def test_update_one_endpoint(ppp: int) -> None:
    ras.UpdateConnection(ppp, {"remoteEndPoint": ip("198.51.100.1"), "localEndPoint": None})
    info = ras.GetProjectionInfo(ppp, ras.RASP_PppIp)
    assert info["serverIpAddress"] == ip("198.51.100.1")
    assert info["ipAddress"] == ip("10.8.0.2")


def test_update_errors(ppp: int) -> None:
    raises_ras(87, "RasUpdateConnection", ras.UpdateConnection, ppp, {})
    raises_ras(
        87, "RasUpdateConnection", ras.UpdateConnection, ppp,
        {"flags": 1, "localEndPoint": ip("10.0.0.1")},
    )  # fmt: skip
    with pytest.raises(TypeError):
        ras.UpdateConnection(ppp, {"localEndPoint": "10.0.0.1"})
    with pytest.raises(TypeError):
        ras.UpdateConnection(ppp, [("localEndPoint", ip("10.0.0.1"))])  # type: ignore[arg-type]
    with pytest.raises(KeyError):
        ras.UpdateConnection(ppp, {"version": 4})
    with pytest.raises(OverflowError):
        ras.UpdateConnection(ppp, {"ifIndex": -1})


def test_update_needs_a_connected_connection(pbk: str, scenario: Scenario) -> None:
    scenario.set({"*": {"DropAfterMs": 0}})
    h = dial(pbk)
    wait_until(lambda: ras.GetConnectStatus(h)[0] == ras.RASCS_Disconnected)
    raises_ras(
        ras.ERROR_NO_CONNECTION, "RasUpdateConnection", ras.UpdateConnection, h,
        {"localEndPoint": ip("10.0.0.1")},
    )  # fmt: skip


# ---- GetSubEntryHandle -------------------------------------------------------


def test_subentry_handle(ppp: int) -> None:
    sub = ras.GetSubEntryHandle(ppp, 1)
    assert sub not in (0, ppp)
    assert ras.GetConnectStatus(sub) == ras.GetConnectStatus(ppp)
    assert ras.GetProjectionInfo(sub, ras.RASP_PppIp) == ras.GetProjectionInfo(ppp, ras.RASP_PppIp)
    assert ras.GetSubEntryHandle(sub, 1) == sub
    assert ras.GetLinkStatistics(sub, 1)["bps"] > 0


def test_subentry_out_of_range(ppp: int) -> None:
    raises_ras(87, "RasGetSubEntryHandle", ras.GetSubEntryHandle, ppp, 0)
    raises_ras(ras.ERROR_NO_MORE_ITEMS, "RasGetSubEntryHandle", ras.GetSubEntryHandle, ppp, 2)
    with pytest.raises(OverflowError):
        ras.GetSubEntryHandle(ppp, 2**32)
    with pytest.raises(TypeError):
        ras.GetSubEntryHandle(ppp, "1")  # type: ignore[arg-type]


def test_hang_up_by_subentry_handle(ppp: int) -> None:
    sub = ras.GetSubEntryHandle(ppp, 1)
    ras.HangUp(sub)  # the only link: the connection ends
    assert not ras.IsHandleValid(ppp)
    assert not ras.IsHandleValid(sub)


# ---- InvokeEapUI and a dial paused in RASCS_InvokeEapUI ---------------------


def paused_extensions() -> ras.RASDIALEXTENSIONS:
    ext = ras.RASDIALEXTENSIONS()
    ext.dwfOptions = ras.RDEOPT_PausedStates
    return ext


def test_dial_paused_for_eap_ui(pbk: str, scenario: Scenario, recorder: Recorder) -> None:
    scenario.set({"*": {"InvokeEapUI": 1, **ADDRS}})
    ext = paused_extensions()
    h, rc = ras.Dial(ext, pbk, ("Lab",), recorder)
    assert rc == 0
    wait_until(lambda: ras.RASCS_InvokeEapUI in recorder.states)
    assert ras.GetConnectStatus(h)[0] == ras.RASCS_InvokeEapUI
    # paused before projection; no link yet
    raises_ras(730, "RasGetProjectionInfo", ras.GetProjectionInfo, h, ras.RASP_PppIp)
    raises_ras(730, "RasGetProjectionInfoEx", ras.GetProjectionInfoEx, h)
    raises_ras(ras.ERROR_PORT_NOT_OPEN, "RasGetSubEntryHandle", ras.GetSubEntryHandle, h, 1)
    ras.InvokeEapUI(h, 1, ext, None)
    # the EAP UI ran; RasDial again with the handle resumes the dial
    assert ras.GetConnectStatus(h)[0] == ras.RASCS_InvokeEapUI
    assert ras.Dial(ext, pbk, ("Lab",), recorder, hrasconn=h) == (h, 0)
    recorder.wait()
    assert recorder.states[-1] == ras.RASCS_Connected
    assert recorder.states.index(ras.RASCS_InvokeEapUI) < recorder.states.index(ras.RASCS_Projected)
    raises_ras(87, "RasInvokeEapUI", ras.InvokeEapUI, h, 1, ext)  # no longer paused
    assert ras.GetProjectionInfo(h, ras.RASP_PppIp)["ipAddress"] == ip("10.8.0.2")
    ras.HangUp(h)


def test_eap_ui_without_paused_states(pbk: str, scenario: Scenario, recorder: Recorder) -> None:
    scenario.set({"*": {"InvokeEapUI": 1}})
    h, rc = ras.Dial(None, pbk, ("Lab",), recorder)
    assert rc == 0
    recorder.wait()
    assert recorder.events[-1][2:4] == (ras.RASCS_InvokeEapUI, ras.ERROR_INTERACTIVE_MODE)
    ras.HangUp(h)


def test_hang_up_while_paused(pbk: str, scenario: Scenario, recorder: Recorder) -> None:
    scenario.set({"*": {"InvokeEapUI": 1}})
    ext = paused_extensions()
    h, _ = ras.Dial(ext, pbk, ("Lab",), recorder)
    wait_until(lambda: ras.RASCS_InvokeEapUI in recorder.states)
    ras.HangUp(h)
    raises_ras(6, "RasInvokeEapUI", ras.InvokeEapUI, h, 1, ext)


def test_invoke_eap_ui_errors(ppp: int) -> None:
    ext = ras.RASDIALEXTENSIONS()
    raises_ras(6, "RasInvokeEapUI", ras.InvokeEapUI, ppp, 1, None)
    raises_ras(6, "RasInvokeEapUI", ras.InvokeEapUI, 0, 1, ext)
    raises_ras(6, "RasInvokeEapUI", ras.InvokeEapUI, BOGUS, 1, ext)
    raises_ras(87, "RasInvokeEapUI", ras.InvokeEapUI, ppp, 1, ext)  # not paused
    with pytest.raises(TypeError):
        ras.InvokeEapUI(ppp, 1, object())  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        ras.InvokeEapUI(ppp, 1, ext, "hwnd")  # type: ignore[arg-type]


def test_projection_queries_from_many_threads(ikev2: int) -> None:
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            for _ in range(50):
                assert len(ras.GetProjectionInfoEx(ikev2)["ipv4ServerAddresses"]) == 3
                ras.GetProjectionInfo(ikev2, ras.RASP_PppIp)
        except BaseException as e:
            errors.append(e)

    threads = [threading.Thread(target=worker) for _ in range(6)]
    for t in threads:
        t.start()
    for i in range(50):
        ras.UpdateConnection(ikev2, {"localEndPoint": ip(f"10.77.0.{i + 1}")})
    for t in threads:
        t.join()
    assert errors == []
    assert ras.GetProjectionInfoEx(ikev2)["ipv4Address"] == ip("10.77.0.50")


def test_constants() -> None:
    assert (ras.RASP_PppIp, ras.RASP_PppIpv6, ras.RASP_PppLcp, ras.RASP_PppCcp) == (
        0x8021, 0x8057, 0xC021, 0x80FD,
    )  # fmt: skip
    assert ras.RASCN_ReConnection == 0x20 and ras.RASCN_Dormant == 0x10
    assert ras.RASCSS_Reconnected == 0x2000
    assert ras.RASTUNNELENDPOINT_IPv6 == 2
    assert ras.PROJECTION_INFO_TYPE_IKEv2 == 2
    assert ras.RASLCPO_AES_256 == 0x40


def test_invoke_eap_ui_from_the_notification(pbk: str, scenario: Scenario) -> None:
    scenario.set({"*": {"InvokeEapUI": 1}})
    ext = paused_extensions()
    ran = threading.Event()

    def collect(h: int, msg: int, state: int, error: int, exterror: int) -> None:
        if state == ras.RASCS_InvokeEapUI:
            ras.InvokeEapUI(h, 1, ext, None)
            ran.set()

    recorder = Recorder(on_event=collect)
    h, rc = ras.Dial(ext, pbk, ("Lab",), recorder)
    assert rc == 0
    assert ran.wait(30)
    # RasDial cannot be called from the notification: resume from this thread
    assert ras.Dial(ext, pbk, ("Lab",), recorder, hrasconn=h) == (h, 0)
    recorder.wait()
    assert recorder.states[-1] == ras.RASCS_Connected
    ras.HangUp(h)
