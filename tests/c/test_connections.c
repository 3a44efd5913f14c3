/*
 * test_connections.c -- C tests of projections, updates, sub-entry handles,
 * connection notifications (connections.c).
 */
#include "simtest.h"
#include "rassim/notify.h"

/* ---- projections, updates, sub-entry handles, notifications ------------ */

SIMTEST(projections)
{
    RASDIALPARAMSW p;
    RASPPPIPW ip;
    RASX_PROJECTION_INFO *info;
    unsigned char buf[512];
    RASUPDATECONN u;
    HRASCONN h, sub = NULL;
    DWORD cb;
    scenario("[*]\nVpnType=IKEv2\nIpAddress=10.0.0.2\nServerIpAddress=10.0.0.1\n"
             "ServerAddresses=10.0.0.9,fd00::9\n");
    dial_params(&p, "Office VPN");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), 0);
    /* RasGetProjectionInfoW: size query, small buffer, bad dwSize, NULL */
    cb = 0;
    CHECK_EQ(RasGetProjectionInfoW(h, RASP_PppIp, NULL, &cb), ERROR_BUFFER_TOO_SMALL);
    CHECK_EQ(cb, sizeof(RASPPPIPW));
    CHECK_EQ(RasGetProjectionInfoW(h, RASP_PppIp, &ip, NULL), ERROR_INVALID_PARAMETER);
    cb = sizeof ip;
    CHECK_EQ(RasGetProjectionInfoW(h, RASP_PppIp, NULL, &cb), ERROR_INVALID_PARAMETER);
    ip.dwSize = sizeof ip - 4;
    CHECK_EQ(RasGetProjectionInfoW(h, RASP_PppIp, &ip, &cb), ERROR_INVALID_SIZE);
    ip.dwSize = sizeof ip;
    CHECK_EQ(RasGetProjectionInfoW(h, RASP_PppIp, &ip, &cb), 0);
    CHECK_EQ(ip.szIpAddress[0], '1');
    CHECK_EQ(RasGetProjectionInfoW(h, RASP_PppLcp, &ip, &cb), ERROR_PROTOCOL_NOT_CONFIGURED);
    CHECK_EQ(RasGetProjectionInfoW(h, (RASPROJECTION)0x1234, &ip, &cb), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasGetProjectionInfoW((HRASCONN)(uintptr_t)0x7770, RASP_PppIp, &ip, &cb),
             ERROR_INVALID_HANDLE);
    /* RasGetProjectionInfoEx: the IKEv2 arrays follow the structure */
    cb = sizeof(RASX_PROJECTION_INFO);
    memset(buf, 0, sizeof buf);
    info = (RASX_PROJECTION_INFO *)(void *)buf;
    info->version = RASX_RASAPIVERSION_601;
    CHECK_EQ(RasGetProjectionInfoEx(h, info, &cb), ERROR_BUFFER_TOO_SMALL);
    CHECK_EQ(cb, sizeof(RASX_PROJECTION_INFO) + 2 * 4 + 16);
    CHECK_EQ(RasGetProjectionInfoEx(h, info, NULL), ERROR_INVALID_PARAMETER);
    info->version = 3;
    CHECK_EQ(RasGetProjectionInfoEx(h, info, &cb), ERROR_INVALID_PARAMETER);
    info->version = RASX_RASAPIVERSION_601;
    CHECK_EQ(RasGetProjectionInfoEx(h, info, &cb), 0);
    CHECK_EQ(info->type, RASX_PROJECTION_INFO_TYPE_IKEv2);
    CHECK_EQ(info->u.ikev2.numIPv4ServerAddresses, 2);
    CHECK_EQ(info->u.ikev2.numIPv6ServerAddresses, 1);
    CHECK((unsigned char *)info->u.ikev2.ipv4ServerAddresses == buf + sizeof *info);
    CHECK_EQ(info->u.ikev2.ipv4ServerAddresses[1][3], 9);
    CHECK_EQ(info->u.ikev2.ipv6ServerAddresses[0][15], 9);
    /* RasUpdateConnection */
    memset(&u, 0, sizeof u);
    u.version = RASAPIVERSION_601;
    u.dwSize = sizeof u;
    CHECK_EQ(RasUpdateConnection(h, NULL), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasUpdateConnection(h, &u), ERROR_INVALID_PARAMETER);
    u.localEndPoint.dwType = RASTUNNELENDPOINT_IPv4;
    u.localEndPoint.addr.ipv4.addr[0] = 192;
    u.dwSize = 12;
    CHECK_EQ(RasUpdateConnection(h, &u), ERROR_INVALID_SIZE);
    u.dwSize = sizeof u;
    CHECK_EQ(RasUpdateConnection(h, &u), 0);
    CHECK_EQ(RasGetProjectionInfoW(h, RASP_PppIp, &ip, &cb), 0);
    CHECK_EQ(ip.szIpAddress[0], '1');
    CHECK_EQ(ip.szIpAddress[2], '2');
    /* sub-entry handles */
    CHECK_EQ(RasGetSubEntryHandleW(h, 1, NULL), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasGetSubEntryHandleW(h, 2, &sub), ERROR_NO_MORE_ITEMS);
    CHECK_EQ(RasGetSubEntryHandleW(h, 0, &sub), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasGetSubEntryHandleW(h, 1, &sub), 0);
    CHECK((uintptr_t)sub == (uintptr_t)h + 1);
    CHECK_EQ(RasHangUpW(sub), 0);
    CHECK_EQ(RasGetSubEntryHandleW(h, 1, &sub), ERROR_INVALID_HANDLE);
    scenario(NULL);
}

#ifdef _WIN32
static HANDLE
event_new(void)
{
    return CreateEventW(NULL, FALSE, FALSE, NULL);
}
static int
event_wait(HANDLE e, DWORD ms)
{
    return WaitForSingleObject(e, ms) == WAIT_OBJECT_0;
}
static void
event_close(HANDLE e)
{
    CloseHandle(e);
}
#else
static HANDLE
event_new(void)
{
    return RasSimCreateEvent(FALSE, FALSE);
}
static int
event_wait(HANDLE e, DWORD ms)
{
    return RasSimWaitEvent(e, ms) == RASSIM_WAIT_OBJECT_0;
}
static void
event_close(HANDLE e)
{
    RasSimCloseEvent(e);
}
#endif

SIMTEST(notifications)
{
    RASDIALPARAMSW p;
    HRASCONN h, h2;
    HANDLE any = event_new(), one = event_new(), closed = event_new();
    DWORD both = RASCN_Connection | RASCN_Disconnection;
    CHECK(any != NULL && one != NULL && closed != NULL);
    CHECK_EQ(RasConnectionNotificationW((HRASCONN)INVALID_HANDLE_VALUE, NULL, both),
             ERROR_INVALID_HANDLE);
    CHECK_EQ(RasConnectionNotificationW((HRASCONN)INVALID_HANDLE_VALUE, any, 0),
             ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasConnectionNotificationW((HRASCONN)INVALID_HANDLE_VALUE, any, 0x80000000u),
             ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasConnectionNotificationW((HRASCONN)(uintptr_t)0x7770, any, both),
             ERROR_INVALID_HANDLE);
    CHECK_EQ(RasConnectionNotificationW((HRASCONN)INVALID_HANDLE_VALUE, any, both), 0);
    CHECK_EQ(RasConnectionNotificationW((HRASCONN)INVALID_HANDLE_VALUE, closed, both), 0);
    event_close(closed);
    dial_params(&p, "Office VPN");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), 0);
    CHECK(event_wait(any, TIMEOUT_MS));
    CHECK(!event_wait(any, 0));
    CHECK_EQ(RasConnectionNotificationW(h, one, RASCN_Disconnection), 0);
    dial_params(&p, "Home Modem");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h2), 0);
    CHECK(event_wait(any, TIMEOUT_MS));
    CHECK_EQ(RasHangUpW(h2), 0);
    CHECK(event_wait(any, TIMEOUT_MS));
    CHECK(!event_wait(one, 0));
    CHECK_EQ(RasHangUpW(h), 0);
    CHECK(event_wait(one, TIMEOUT_MS));
    CHECK(event_wait(any, TIMEOUT_MS));
    RasSimReset();
    event_close(any);
    event_close(one);
#ifndef _WIN32
    CHECK_EQ(RasSimWaitEvent(one, 0), RASSIM_WAIT_FAILED);
    CHECK(!RasSimSetEvent(one));
#endif
}

/* Closing an event handle: off Windows its registrations end with it; on
 * Windows the registration holds its own duplicate (as RasMan must), so it
 * stays, and a new event that gets the old handle value is a registration
 * of its own. */
SIMTEST(closed_event_registrations)
{
    RASDIALPARAMSW p;
    HRASCONN h;
    HANDLE ev = event_new(), again;
    size_t before;
    RasSimReset();
    before = sim_notify_count();
    CHECK(ev != NULL);
    CHECK_EQ(RasConnectionNotificationW((HRASCONN)INVALID_HANDLE_VALUE, ev, RASCN_Connection), 0);
    CHECK_EQ(sim_notify_count(), before + 1);
    event_close(ev);
#ifdef _WIN32
    CHECK_EQ(sim_notify_count(), before + 1);
#else
    CHECK_EQ(sim_notify_count(), before);
#endif
    again = event_new();
    CHECK_EQ(RasConnectionNotificationW((HRASCONN)INVALID_HANDLE_VALUE, again, RASCN_Connection),
             0);
    dial_params(&p, "Office VPN");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), 0);
    CHECK(event_wait(again, TIMEOUT_MS)); /* set once, through its own registration */
    CHECK(!event_wait(again, 0));
    CHECK_EQ(RasHangUpW(h), 0);
    RasSimReset();
    CHECK_EQ(sim_notify_count(), 0);
    event_close(again);
}

/* RASSIM_CONNECTIONS: another process's line (process id 1, never this
 * one's) is listed, answered and watched; this process publishes its own. */
#define FAR_LINE "1\t7ff00000\tFar Away\tvpn\tWAN Miniport (IKEv2)\tC:\\far.pbk\n"
#define NEW_LINE "1\t7ff00020\tNearer\tvpn\tWAN Miniport (IKEv2)\tC:\\far.pbk\n"

/* Replaces the shared file (atomically, as the simulator writes it). */
static void
machine_file(const char *text)
{
    CHECK_EQ(sim_file_write_atomic(P("machine.conn"), text, strlen(text), 0), 0);
}

/* The shared file without FAR_LINE, plus extra. */
static void
machine_drop_far(const char *extra)
{
    size_t len = 0;
    char *text = read_text(P("machine.conn"), &len), *at;
    sim_buf b = { NULL, 0, 0, 0 };
    CHECK(text != NULL);
    if (text == NULL) {
        return;
    }
    at = strstr(text, FAR_LINE);
    CHECK(at != NULL);
    if (at != NULL) {
        sim_buf_add(&b, text, (size_t)(at - text));
        sim_buf_adds(&b, at + strlen(FAR_LINE));
    }
    sim_buf_adds(&b, extra);
    machine_file(b.data != NULL ? b.data : "");
    sim_buf_free(&b);
    free(text);
}

SIMTEST(shared_connections)
{
    RASDIALPARAMSW p;
    RASCONNW conns[4];
    RASCONNSTATUSW st;
    HRASCONN h, other = (HRASCONN)(uintptr_t)0x7ff00000u;
    HANDLE any = event_new(), one = event_new();
    DWORD both = RASCN_Connection | RASCN_Disconnection, cb, n;
    size_t len = 0;
    char *text;
    reset_all();
    set_env("RASSIM_CONNECTIONS", P("machine.conn"));
    machine_file(FAR_LINE);
    conns[0].dwSize = sizeof conns[0];
    cb = sizeof conns;
    CHECK_EQ(RasEnumConnectionsW(conns, &cb, &n), 0);
    CHECK_EQ(n, 1);
    CHECK(conns[0].hrasconn == other);
    CHECK(weq(conns[0].szEntryName, "Far Away"));
    CHECK(weq(conns[0].szPhonebook, "C:\\far.pbk"));
    st.dwSize = sizeof st;
    CHECK_EQ(RasGetConnectStatusW(other, &st), 0);
    CHECK_EQ(st.rasconnstate, RASCS_Connected);
    CHECK(weq(st.szDeviceName, "WAN Miniport (IKEv2)"));
    CHECK_EQ(RasConnectionNotificationW((HRASCONN)INVALID_HANDLE_VALUE, any, both), 0);
    CHECK_EQ(RasConnectionNotificationW(other, one, RASCN_Disconnection), 0);
    CHECK_EQ(RasConnectionNotificationW((HRASCONN)(uintptr_t)0x7ff00010u, one, both),
             ERROR_INVALID_HANDLE);
    /* this process's connection: its handle carries the process, its line is published */
    dial_params(&p, "Office VPN");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), 0);
    CHECK(((uintptr_t)h >> 20) != 0);
    CHECK(event_wait(any, TIMEOUT_MS));
    text = read_text(P("machine.conn"), &len);
    CHECK(text != NULL && strstr(text, FAR_LINE) != NULL);
    CHECK(text != NULL && strstr(text, "\tOffice VPN\tvpn\tWAN Miniport (SSTP)\t") != NULL);
    free(text);
    cb = sizeof conns;
    CHECK_EQ(RasEnumConnectionsW(conns, &cb, &n), 0);
    CHECK_EQ(n, 2);
    CHECK(conns[0].hrasconn == h && conns[1].hrasconn == other);
    /* the other process's connection ends, another one comes */
    machine_drop_far("");
    CHECK(event_wait(one, TIMEOUT_MS));
    CHECK(event_wait(any, TIMEOUT_MS));
    CHECK_EQ(RasGetConnectStatusW(other, &st), ERROR_INVALID_HANDLE);
    text = read_text(P("machine.conn"), &len);
    CHECK(text != NULL);
    if (text != NULL) {
        sim_buf b = { NULL, 0, 0, 0 };
        sim_buf_adds(&b, text);
        sim_buf_adds(&b, NEW_LINE);
        machine_file(b.data);
        sim_buf_free(&b);
        free(text);
    }
    CHECK(event_wait(any, TIMEOUT_MS));
    cb = sizeof conns;
    CHECK_EQ(RasEnumConnectionsW(conns, &cb, &n), 0);
    CHECK_EQ(n, 2);
    CHECK(weq(conns[1].szEntryName, "Nearer"));
    /* hanging up takes this process's line away */
    CHECK_EQ(RasHangUpW(h), 0);
    text = read_text(P("machine.conn"), &len);
    CHECK(text != NULL && strcmp(text, NEW_LINE) == 0);
    free(text);
    reset_all();
    set_env("RASSIM_CONNECTIONS", NULL);
    event_close(any);
    event_close(one);
}
