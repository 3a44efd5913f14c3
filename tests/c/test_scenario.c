/*
 * test_scenario.c -- C tests of scenario files: failures, errors, addresses,
 * credentials (scenario.c).
 */
#include "simtest.h"

/* ---- scenarios ---------------------------------------------------------- */

SIMTEST(scenario_failures)
{
    RASDIALPARAMSW p;
    RASCONNW c;
    HRASCONN h;
    DWORD cb, count;
    recorder r;
    dial_params(&p, "Office VPN");
    /* sync failure: the error with a valid handle that stays until HangUp */
    scenario("[*]\nFailState=ConnectDevice\n");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), ERROR_FROM_DEVICE);
    CHECK(h != NULL);
    check_status(h, RASCS_ConnectDevice, ERROR_FROM_DEVICE);
    c.dwSize = sizeof c;
    cb = sizeof c;
    CHECK_EQ(RasEnumConnectionsW(&c, &cb, &count), 0);
    CHECK_EQ(count, 1);
    /* a failed connection does not block a new dial of its entry */
    {
        HRASCONN h2;
        CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h2), ERROR_FROM_DEVICE);
        CHECK(h2 != h);
        CHECK_EQ(RasHangUpW(h2), 0);
    }
    CHECK_EQ(RasHangUpW(h), 0);
    /* async failure: entry notification, then the error in the same state */
    scenario("[Office VPN]\nFailState=RASCS_AuthAck\nFailError=0x2ab\n[*]\nFailState=OpenPort\n");
    rec_init(&r);
    g_rec = &r;
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 1, (LPVOID)cb1, &h), 0);
    CHECK(rec_wait_count(&r, 10));
    CHECK(sim_conn_debug_wait_state(h, RASCS_AuthAck, TIMEOUT_MS));
    check_status(h, RASCS_AuthAck, 683);
    CHECK_EQ(RasHangUpW(h), 0);
    CHECK(sim_conn_debug_wait_idle(TIMEOUT_MS));
    CHECK_EQ(r.n, 10);
    check_prefix(&r, 9);
    CHECK(r.n == 10 && r.ev[9].state == RASCS_AuthAck && r.ev[9].err == 683);
    /* numeric FailState; the [*] section for entries without their own */
    scenario("[*]\nFailState=0\n");
    dial_params(&p, "Home Modem");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), ERROR_FROM_DEVICE);
    check_status(h, RASCS_OpenPort, ERROR_FROM_DEVICE);
    CHECK_EQ(RasHangUpW(h), 0);
    scenario(NULL);
}

SIMTEST(scenario_errors)
{
    RASDIALPARAMSW p;
    HRASCONN h;
    static const char *const bad[] = {
        "[*]\nNoSuchKey=1\n",
        "[*]\nFailState=Nowhere\n",
        "[*]\nFailState=Connected\n",
        "[*]\nFailState=AuthRetry\n",
        "[*]\nFailError=651\n",
        "[*]\nFailState=1\nFailError=0\n",
        "[*]\nStateDelayMs=-1\n",
        "[*]\nDropAfterMs=abc\n",
        "[*]\nIpAddress=10.0.0.256\n",
        "[*]\nIpAddress=10.0.0\n",
        "[*]\nServerIpv6Address=1::2::3\n",
        "[*]\nIpv6Address=12345::\n",
        "[*]\nEapInfo=abc\n",
        "[*]\nEapInfo=zz\n",
        "[*]\ngarbage line\n",
        "[*]\nDropError=0\n",
        "[*]\nBytesPerSecondOut=-5\n",
        "[*]\nBytesPerSecondIn=1k\n",
        "[*]\nBps=\n",
        "[*]\nBps=4294967296\n",
        "[*]\nFailCount=1\n",
        "[*]\nFailState=1\nFailCount=x\n",
        "[*]\nStateDelayMs.Connected=5\n",
        "[*]\nStateDelayMs.Nowhere=5\n",
        "[*]\nStateDelayMs.Authenticate=-1\n",
        "[*]\nStateDelayMs.=5\n",
        "[*]\nstatedelayms.Authenticate=5\n",
        "[*]\nCallback=Sometimes\n",
        "[*]\nCallback=Preset\n",
        "[*]\nCallbackNumber=5550100\n",
        "[*]\nCallback=SetByCaller\nCallbackNumber=5550100\n",
        "[*]\nCallback=Preset\nCallbackNumber=555-CALL\n",
        "[*]\nCallback=Preset\nCallbackNumber=\n",
        "[*]\nCallback=Preset\nCallbackNumber="
        "012345678901234567890123456789012345678901234567890123456789"
        "012345678901234567890123456789012345678901234567890123456789"
        "012345678\n", /* 129 */
        "[*]\nPasswordExpired=2\n",
        "[*]\nInteractive=yes\n",
        "[*]\nFailState=Interactive\n",
        "[*]\nFailState=PasswordExpired\n",
        "[*]\nStateDelayMs.CallbackSetByCaller=5\n",
    };
    size_t i;
    dial_params(&p, "Office VPN");
    for (i = 0; i < SIM_COUNTOF(bad); i++) {
        scenario(bad[i]);
        h = (HRASCONN)(uintptr_t)1;
        CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), ERROR_BAD_USAGE_IN_INI_FILE);
        CHECK(h == NULL);
    }
    /* the running states of the callback and the password change are states
     * to fail in and to stay in */
    scenario("[*]\nFailState=WaitForCallback\nStateDelayMs.WaitForCallback=1\n"
             "StateDelayMs.AuthChangePassword=1\nCallback=none\n");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), 0);
    CHECK_EQ(RasHangUpW(h), 0);
    /* a malformed section of another entry does not matter */
    scenario("[Other]\nNoSuchKey=1\n[*]\n; fine\n");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), 0);
    CHECK_EQ(RasHangUpW(h), 0);
    set_env("RASSIM_SCENARIO", P("no-such-scenario.ini"));
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), ERROR_READING_INI_FILE);
    CHECK(h == NULL);
    scenario(NULL);
}

SIMTEST(addresses)
{
    BYTE a[16];
    RASDIALPARAMSW p;
    RASCONNSTATUSW s;
    sim_conn_info info;
    HRASCONN h;
    CHECK_EQ(sim_parse_ipv4("192.168.1.20", 12, a), SIM_OK);
    CHECK(a[0] == 192 && a[3] == 20);
    CHECK_EQ(sim_parse_ipv4("1.2.3.4.5", 9, a), SIM_BAD);
    CHECK_EQ(sim_parse_ipv4("1..3.4", 6, a), SIM_BAD);
    CHECK_EQ(sim_parse_ipv6("::1", 3, a), SIM_OK);
    CHECK(a[15] == 1 && a[0] == 0);
    CHECK_EQ(sim_parse_ipv6("2001:db8::7", 11, a), SIM_OK);
    CHECK(a[0] == 0x20 && a[1] == 0x01 && a[2] == 0x0d && a[3] == 0xb8 && a[15] == 7);
    CHECK_EQ(sim_parse_ipv6("::ffff:10.1.2.3", 15, a), SIM_OK);
    CHECK(a[10] == 0xff && a[11] == 0xff && a[12] == 10 && a[15] == 3);
    CHECK_EQ(sim_parse_ipv6("1:2:3:4:5:6:7:8", 15, a), SIM_OK);
    CHECK(a[14] == 0 && a[15] == 8);
    CHECK_EQ(sim_parse_ipv6("1:2:3:4:5:6:7", 13, a), SIM_BAD);
    CHECK_EQ(sim_parse_ipv6("1:2:3:4:5:6:7:8:9", 17, a), SIM_BAD);
    CHECK_EQ(sim_parse_ipv6(":1", 2, a), SIM_BAD);
    CHECK_EQ(sim_parse_ipv6("1:", 2, a), SIM_BAD);
    CHECK_EQ(sim_parse_ipv6("::", 2, a), SIM_OK);
    scenario("[Office VPN]\nIpAddress=10.0.0.2\nServerIpAddress=203.0.113.1\n"
             "Ipv6Address=fd00::2\nDnsSuffix=corp.example\n"
             "[*]\nIpv6Address=fd00::5\nServerIpv6Address=2001:db8::1\n");
    dial_params(&p, "Office VPN");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), 0);
    s.dwSize = sizeof s;
    CHECK_EQ(RasGetConnectStatusW(h, &s), 0);
    CHECK_EQ(s.localEndPoint.dwType, RASTUNNELENDPOINT_IPv4);
    CHECK(s.localEndPoint.addr.ipv4.addr[0] == 10 && s.localEndPoint.addr.ipv4.addr[3] == 2);
    CHECK_EQ(s.remoteEndPoint.dwType, RASTUNNELENDPOINT_IPv4);
    CHECK(s.remoteEndPoint.addr.ipv4.addr[0] == 203);
    CHECK_EQ(s.rasconnsubstate, RASCSS_None);
    CHECK_EQ(sim_conn_get(h, &info), 0);
    CHECK(info.addrs.has_ip6 && info.addrs.ip6[0] == 0xfd && info.addrs.ip6[15] == 2);
    CHECK(info.addrs.has_dns_suffix && weq(info.addrs.dns_suffix, "corp.example"));
    CHECK_EQ(RasHangUpW(h), 0);
    dial_params(&p, "Home Modem");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), 0);
    s.dwSize = sizeof s;
    CHECK_EQ(RasGetConnectStatusW(h, &s), 0);
    CHECK_EQ(s.localEndPoint.dwType, RASTUNNELENDPOINT_IPv6);
    CHECK(s.localEndPoint.addr.ipv6.addr[15] == 5);
    CHECK_EQ(s.remoteEndPoint.dwType, RASTUNNELENDPOINT_IPv6);
    CHECK(s.remoteEndPoint.addr.ipv6.addr[1] == 0x01);
    CHECK_EQ(RasHangUpW(h), 0);
    scenario(NULL);
}

SIMTEST(credentials_in_scenario)
{
    RASDIALPARAMSW p;
    HRASCONN h;
    recorder r;
    scenario("[Office VPN]\nUser=alice\nPassword=s3cret\nDomain=CORP\n");
    dial_params(&p, "Office VPN");
    WSET(p.szUserName, "bob");
    WSET(p.szPassword, "s3cret");
    WSET(p.szDomain, "CORP");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), ERROR_AUTHENTICATION_FAILURE);
    check_status(h, RASCS_Authenticate, ERROR_AUTHENTICATION_FAILURE);
    CHECK_EQ(RasHangUpW(h), 0);
    WSET(p.szUserName, "ALICE");
    WSET(p.szDomain, "corp");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), 0);
    CHECK_EQ(RasHangUpW(h), 0);
    WSET(p.szPassword, "S3CRET");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), ERROR_AUTHENTICATION_FAILURE);
    CHECK_EQ(RasHangUpW(h), 0);
    /* async: the failure comes in RASCS_Authenticate after its entry */
    rec_init(&r);
    g_rec = &r;
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 1, (LPVOID)cb1, &h), 0);
    CHECK(rec_wait_count(&r, 7));
    CHECK_EQ(RasHangUpW(h), 0);
    CHECK(sim_conn_debug_wait_idle(TIMEOUT_MS));
    check_prefix(&r, 6);
    CHECK(r.n == 7 && r.ev[6].state == RASCS_Authenticate &&
          r.ev[6].err == ERROR_AUTHENTICATION_FAILURE);
    /* other entries accept anything (no [*]) */
    dial_params(&p, "Home Modem");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), 0);
    CHECK_EQ(RasHangUpW(h), 0);
    scenario(NULL);
}

/* FailCount=N: only the first N dials of an entry fail (retry tests). */
SIMTEST(fail_count)
{
    RASDIALPARAMSW p;
    HRASCONN h;
    int i;
    static const DWORD office[] = { 800, 800, 0, 0 };
    scenario("[*]\nFailState=ConnectDevice\nFailError=800\nFailCount=2\n");
    dial_params(&p, "Office VPN");
    for (i = 0; i < 4; i++) {
        WSET(p.szEntryName, i % 2 ? "office vpn" : "Office VPN"); /* one entry */
        CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), office[i]);
        if (office[i] != 0) {
            check_status(h, RASCS_ConnectDevice, 800);
        }
        CHECK_EQ(RasHangUpW(h), 0);
    }
    dial_params(&p, "Home Modem"); /* counted apart */
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), 800);
    CHECK_EQ(RasHangUpW(h), 0);
    RasSimReset(); /* starts counting again */
    dial_params(&p, "Office VPN");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), 800);
    CHECK_EQ(RasHangUpW(h), 0);
    scenario("[*]\nFailState=ConnectDevice\nFailCount=0\n");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), 0);
    CHECK_EQ(RasHangUpW(h), 0);
    scenario(NULL);
}

/* StateDelayMs.<State>= overrides StateDelayMs for one state. */
SIMTEST(state_delays)
{
    RASDIALPARAMSW p;
    HRASCONN h;
    recorder r;
    rec_init(&r);
    g_rec = &r;
    scenario("[*]\nStateDelayMs=600000\nStateDelayMs.OpenPort=0\nStateDelayMs.PortOpened=0\n"
             "StateDelayMs.RASCS_ConnectDevice=0\nStateDelayMs.3=0\n"
             "StateDelayMs.allDevicesConnected=1\nStateDelayMs.AllDevicesConnected=0\n"
             "StateDelayMs.AuthRetry=0\n");
    dial_params(&p, "Office VPN");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 1, (LPVOID)cb1, &h), 0);
    CHECK(rec_wait_count(&r, 6));
    CHECK(sim_conn_debug_wait_state(h, RASCS_Authenticate, TIMEOUT_MS));
    check_prefix(&r, 6);
    CHECK_EQ(RasHangUpW(h), 0);
    CHECK(sim_conn_debug_wait_idle(TIMEOUT_MS));
    CHECK_EQ(r.n, 6);
    scenario(NULL);
}
