/*
 * test_adminhook.c -- the simulated server's admin policy hooks
 * (adminhook.h, AdminPolicy=): without hooks the key is a bad scenario;
 * with them the server asks after authentication (in RASCS_AuthNotify),
 * a refusal fails the dial with ERROR_REMOTE_DISCONNECTION, an assigned
 * address is the client's, and the end of an admitted connection is
 * reported once, with the server's totals.  tests/test_admin_server.py
 * covers the Python hooks of the extension.
 */
#include "simtest.h"
#include "rassim/adminhook.h"

typedef struct admin_log {
    sim_mutex m;
    int admits, ends;
    int last_assigned, last_assigned6, had_ipv6;
    unsigned char last_ip[4], last_ip6[16];
    char user[64], policy[64];
    uint64_t bytes_received, bytes_sent;
    int connected;
} admin_log;

static admin_log g_admin;

static void
copy_text(char *dst, size_t cap, const char *src)
{
    size_t n = strlen(src);
    if (n >= cap) {
        n = cap - 1;
    }
    memcpy(dst, src, n);
    dst[n] = '\0';
}

static int
admit_hook(const sim_admin_conn *c, sim_admin_answer *answer)
{
    int refuse = strcmp(c->policy, "deny") == 0;
    sim_mutex_lock(&g_admin.m);
    g_admin.admits++;
    copy_text(g_admin.user, sizeof g_admin.user, c->user);
    copy_text(g_admin.policy, sizeof g_admin.policy, c->policy);
    g_admin.had_ipv6 = c->has_client_ipv6;
    sim_mutex_unlock(&g_admin.m);
    if (!refuse && strcmp(c->policy, "give") == 0) {
        answer->ipv4[0] = 10;
        answer->ipv4[1] = 9;
        answer->ipv4[2] = 8;
        answer->ipv4[3] = 7;
        answer->assigned4 = 1;
        if (c->has_client_ipv6) { /* fd00::77 */
            memset(answer->ipv6, 0, 16);
            answer->ipv6[0] = 0xfd;
            answer->ipv6[15] = 0x77;
            answer->assigned6 = 1;
        }
    }
    return refuse;
}

static void
end_hook(const sim_admin_conn *c)
{
    sim_mutex_lock(&g_admin.m);
    g_admin.ends++;
    g_admin.last_assigned = c->assigned;
    memcpy(g_admin.last_ip, c->client_ipv4, 4);
    g_admin.last_assigned6 = c->assigned6;
    memcpy(g_admin.last_ip6, c->client_ipv6, 16);
    g_admin.bytes_received = c->bytes_received;
    g_admin.bytes_sent = c->bytes_sent;
    g_admin.connected = c->connected;
    sim_mutex_unlock(&g_admin.m);
}

static void
admin_setup(void)
{
    sim_admin_hooks hooks;
    sim_mutex_init(&g_admin.m);
    g_admin.admits = g_admin.ends = 0;
    hooks.admit = admit_hook;
    hooks.end = end_hook;
    sim_admin_set_hooks(&hooks);
}

static HRASCONN
dial_sync(const char *user, DWORD want)
{
    RASDIALPARAMSW p;
    HRASCONN h = NULL;
    dial_params(&p, "Office VPN");
    WSET(p.szUserName, user);
    WSET(p.szPassword, "pw");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), want);
    return h;
}

/* No hooks (the DLL): a scenario naming a policy is a bad scenario. */
SIMTEST(admin_policy_without_hooks_is_a_bad_scenario)
{
    RASDIALPARAMSW p;
    HRASCONN h = NULL;
    sim_admin_set_hooks(NULL);
    CHECK(!sim_admin_available());
    scenario("[Office VPN]\nAdminPolicy=office_policy:OfficePolicy\n");
    dial_params(&p, "Office VPN");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), ERROR_BAD_USAGE_IN_INI_FILE);
    CHECK(h == NULL);
    admin_setup();
    scenario("[Office VPN]\nAdminPolicy=\n"); /* empty: bad with hooks too */
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), ERROR_BAD_USAGE_IN_INI_FILE);
    sim_admin_set_hooks(NULL);
    scenario(NULL);
}

/* AdminDll= (adminrras.c): empty, or beside AdminPolicy=, is a bad scenario
 * everywhere; off Windows (no DLL to load) always; on Windows a DLL that does
 * not load denies the dial after authentication, like a policy that cannot
 * be loaded, and no hook is called. */
SIMTEST(admin_dll_key)
{
    RASDIALPARAMSW p;
    HRASCONN h = NULL;
    admin_setup();
    dial_params(&p, "Office VPN");
    scenario("[Office VPN]\nAdminDll=\n");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), ERROR_BAD_USAGE_IN_INI_FILE);
    scenario("[Office VPN]\nAdminPolicy=deny\nAdminDll=admin.dll\n");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), ERROR_BAD_USAGE_IN_INI_FILE);
    CHECK(h == NULL);
#ifdef _WIN32
    scenario("[Office VPN]\nAdminDll=Z:\\no\\such\\admin.dll;admin2.dll\n");
    h = dial_sync("alice", ERROR_REMOTE_DISCONNECTION);
    check_status(h, RASCS_AuthNotify, ERROR_REMOTE_DISCONNECTION);
    CHECK_EQ(RasHangUpW(h), 0);
    CHECK(sim_conn_debug_wait_idle(TIMEOUT_MS));
#else
    scenario("[Office VPN]\nAdminDll=/no/such/admin.dll\n");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), ERROR_BAD_USAGE_IN_INI_FILE);
    CHECK(h == NULL);
#endif
    CHECK_EQ(g_admin.admits, 0);
    sim_admin_set_hooks(NULL);
    scenario(NULL);
}

SIMTEST(admin_policy_refuses_after_authentication)
{
    HRASCONN h;
    admin_setup();
    /* wrong credentials: the policy is never asked */
    scenario("[Office VPN]\nUser=alice\nAdminPolicy=deny\n");
    h = dial_sync("mallory", ERROR_AUTHENTICATION_FAILURE);
    CHECK_EQ(RasHangUpW(h), 0);
    CHECK_EQ(g_admin.admits, 0);
    h = dial_sync("alice", ERROR_REMOTE_DISCONNECTION);
    check_status(h, RASCS_AuthNotify, ERROR_REMOTE_DISCONNECTION);
    CHECK_EQ(RasHangUpW(h), 0);
    CHECK_EQ(g_admin.admits, 1);
    CHECK(strcmp(g_admin.user, "alice") == 0);
    CHECK_EQ(g_admin.ends, 0); /* refused: no end to report */
    CHECK(sim_conn_debug_wait_idle(TIMEOUT_MS));
    sim_admin_set_hooks(NULL);
    scenario(NULL);
}

SIMTEST(admin_policy_assigns_the_address_and_hears_the_end)
{
    RASPPPIPW ip;
    DWORD cb = sizeof ip;
    HRASCONN h;
    admin_setup();
    scenario("[Office VPN]\nAdminPolicy=give\nIpAddress=10.0.0.2\nBytesPerSecondOut=1000\n"
             "BytesPerSecondIn=1000000\n");
    h = dial_sync("bob", 0);
    memset(&ip, 0, sizeof ip);
    ip.dwSize = sizeof ip;
    CHECK_EQ(RasGetProjectionInfoW(h, RASP_PppIp, &ip, &cb), 0);
    CHECK(weq(ip.szIpAddress, "10.9.8.7"));
    {
        RASCONNSTATUSW st;
        memset(&st, 0, sizeof st);
        st.dwSize = sizeof st;
        CHECK_EQ(RasGetConnectStatusW(h, &st), 0);
        CHECK_EQ(st.localEndPoint.dwType, RASTUNNELENDPOINT_IPv4);
        CHECK_EQ(st.localEndPoint.addr.ipv4.addr[0], 10);
        CHECK_EQ(st.localEndPoint.addr.ipv4.addr[3], 7);
    }
    CHECK_EQ(RasHangUpW(h), 0); /* returns once the end was reported */
    CHECK_EQ(g_admin.ends, 1);
    CHECK_EQ(g_admin.last_assigned, 1);
    CHECK_EQ(g_admin.last_ip[3], 7);
    CHECK_EQ(g_admin.had_ipv6, 0); /* no Ipv6Address=: not asked */
    CHECK_EQ(g_admin.last_assigned6, 0);
    CHECK_EQ(g_admin.connected, 1);
    CHECK_EQ(g_admin.bytes_sent, 1000 * g_admin.bytes_received);
    /* kept by the policy: the scenario's address, not assigned */
    scenario("[Office VPN]\nAdminPolicy=keep\nIpAddress=10.0.0.2\n");
    h = dial_sync("bob", 0);
    memset(&ip, 0, sizeof ip);
    ip.dwSize = sizeof ip;
    cb = sizeof ip;
    CHECK_EQ(RasGetProjectionInfoW(h, RASP_PppIp, &ip, &cb), 0);
    CHECK(weq(ip.szIpAddress, "10.0.0.2"));
    RasSimReset(); /* a reset ends it too */
    CHECK_EQ(g_admin.ends, 2);
    CHECK_EQ(g_admin.last_assigned, 0);
    /* a client with IPv6: the policy's IPv6 address is the client's */
    scenario("[Office VPN]\nAdminPolicy=give\nIpAddress=10.0.0.2\nIpv6Address=fd00::2\n");
    h = dial_sync("bob", 0);
    CHECK_EQ(g_admin.had_ipv6, 1);
    CHECK_EQ(RasHangUpW(h), 0);
    CHECK_EQ(g_admin.ends, 3);
    CHECK_EQ(g_admin.last_assigned6, 1);
    CHECK_EQ(g_admin.last_ip6[0], 0xfd);
    CHECK_EQ(g_admin.last_ip6[15], 0x77);
    CHECK(sim_conn_debug_wait_idle(TIMEOUT_MS));
    sim_admin_set_hooks(NULL);
    scenario(NULL);
}
