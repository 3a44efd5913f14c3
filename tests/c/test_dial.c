/*
 * test_dial.c -- C tests of RasDialW and RasHangUpW: synchronous and
 * asynchronous dials, notifier types, posted messages, re-dials, drops,
 * hang-ups inside notifications, concurrency, reset, paused dials (dial.c,
 * conntable.c).
 */
#include "simtest.h"

/* ---- synchronous dials, status, connection list ------------------------- */

static const DWORD k_conn_sizes[] = {
    (DWORD)offsetof(RASCONNW, szDeviceType),
    (DWORD)((offsetof(RASCONNW, szDeviceType) + 3) & ~3u),
    (DWORD)offsetof(RASCONNW, szPhonebook),
    (DWORD)((offsetof(RASCONNW, szPhonebook) + 3) & ~3u),
    (DWORD)offsetof(RASCONNW, guidEntry),
    (DWORD)offsetof(RASCONNW, dwFlags),
    (DWORD)offsetof(RASCONNW, guidCorrelationId),
    (DWORD)sizeof(RASCONNW),
};

static void
test_status_versions(HRASCONN h)
{
    const DWORD sizes[3] = { (DWORD)offsetof(RASCONNSTATUSW, szPhoneNumber),
                             (DWORD)offsetof(RASCONNSTATUSW, localEndPoint),
                             (DWORD)sizeof(RASCONNSTATUSW) };
    unsigned char raw[sizeof(RASCONNSTATUSW) + 16];
    RASCONNSTATUSW s;
    size_t i;
    for (i = 0; i < 3; i++) {
        memset(raw, 0xAB, sizeof raw);
        memcpy(raw, &sizes[i], sizeof(DWORD));
        CHECK_EQ(RasGetConnectStatusW(h, (LPRASCONNSTATUSW)(void *)raw), 0);
        CHECK_EQ(raw[sizes[i]], 0xAB);
        memset(&s, 0, sizeof s);
        memcpy(&s, raw, sizes[i]);
        CHECK_EQ(s.rasconnstate, RASCS_Connected);
        CHECK(weq(s.szDeviceType, "vpn"));
        CHECK(weq(s.szDeviceName, "WAN Miniport (SSTP)"));
        if (i > 0) {
            CHECK(weq(s.szPhoneNumber, "vpn.example.com"));
        }
    }
    s.dwSize = 5;
    CHECK_EQ(RasGetConnectStatusW(h, &s), ERROR_INVALID_SIZE);
    CHECK_EQ(RasGetConnectStatusW(h, NULL), ERROR_INVALID_PARAMETER);
}

static void
test_enum_versions(HRASCONN h)
{
    unsigned char raw[3 * sizeof(RASCONNW)];
    DWORD cb, count;
    size_t i;
    for (i = 0; i < SIM_COUNTOF(k_conn_sizes); i++) {
        DWORD size = k_conn_sizes[i];
        RASCONNW c;
        memset(raw, 0xAB, sizeof raw);
        memcpy(raw, &size, sizeof size);
        cb = sizeof raw;
        CHECK_EQ(RasEnumConnectionsW((LPRASCONNW)(void *)raw, &cb, &count), 0);
        CHECK_EQ(count, 1);
        CHECK_EQ(cb, size);
        CHECK_EQ(raw[size], 0xAB);
        memset(&c, 0, sizeof c);
        memcpy(&c, raw, size);
        CHECK(c.hrasconn == h);
        CHECK(weq(c.szEntryName, "Office VPN"));
        if (size >= offsetof(RASCONNW, szPhonebook)) {
            CHECK(weq(c.szDeviceType, "vpn"));
        }
        if (size >= offsetof(RASCONNW, guidEntry)) {
            CHECK(weq(c.szPhonebook, PBK_ABS));
            CHECK_EQ(c.dwSubEntry, 1);
        }
        if (size >= offsetof(RASCONNW, dwFlags)) {
            CHECK(c.guidEntry.Data1 == 0x33221100u && c.guidEntry.Data4[7] == 0xFF);
        }
    }
}

SIMTEST(dial_sync)
{
    RASDIALPARAMSW p;
    RASDIALEXTENSIONS ext;
    RASCONNW conns[2];
    HRASCONN h = NULL, h2 = NULL;
    DWORD cb, count;
    const DWORD psizes[] = { (DWORD)offsetof(RASDIALPARAMSW, dwSubEntry),
                             (DWORD)offsetof(RASDIALPARAMSW, dwIfIndex),
                             (DWORD)sizeof(RASDIALPARAMSW),
                             (DWORD)(sizeof(RASDIALPARAMSW) + sizeof(LPWSTR)) };
    const DWORD esizes[] = { (DWORD)offsetof(RASDIALEXTENSIONS, reserved1),
                             (DWORD)offsetof(RASDIALEXTENSIONS, fSkipPppAuth),
                             (DWORD)sizeof(RASDIALEXTENSIONS) };
    size_t i;

    dial_params(&p, "office vpn");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), 0);
    CHECK(h != NULL);
    CHECK_EQ(((uintptr_t)h) % 0x10, 0);
    check_status(h, RASCS_Connected, 0);
    test_status_versions(h);
    test_enum_versions(h);
    /* size query, too small, NULL-buffer rules */
    cb = 0;
    CHECK_EQ(RasEnumConnectionsW(NULL, &cb, &count), ERROR_BUFFER_TOO_SMALL);
    CHECK_EQ(cb, sizeof(RASCONNW));
    CHECK_EQ(count, 1);
    conns[0].dwSize = sizeof conns[0];
    cb = sizeof conns[0] - 1;
    CHECK_EQ(RasEnumConnectionsW(conns, &cb, &count), ERROR_BUFFER_TOO_SMALL);
    CHECK_EQ(cb, sizeof(RASCONNW));
    cb = 8;
    CHECK_EQ(RasEnumConnectionsW(NULL, &cb, &count), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasEnumConnectionsW(conns, NULL, &count), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasEnumConnectionsW(conns, &cb, NULL), ERROR_INVALID_PARAMETER);
    conns[0].dwSize = 0;
    cb = sizeof conns;
    CHECK_EQ(RasEnumConnectionsW(conns, &cb, &count), ERROR_INVALID_SIZE);
    conns[0].dwSize = sizeof conns[0] + 4;
    CHECK_EQ(RasEnumConnectionsW(conns, &cb, &count), ERROR_INVALID_SIZE);
    /* every RASDIALPARAMSW / RASDIALEXTENSIONS version dials */
    CHECK_EQ(RasHangUpW(h), 0);
    for (i = 0; i < SIM_COUNTOF(psizes); i++) {
        unsigned char raw[sizeof(RASDIALPARAMSW) + 16];
        memset(raw, 0, sizeof raw);
        dial_params(&p, "Home Modem");
        p.dwSize = psizes[i];
        memcpy(raw, &p, psizes[i] < sizeof p ? psizes[i] : sizeof p);
        CHECK_EQ(dial_fresh(NULL, W(PBK), (LPRASDIALPARAMSW)(void *)raw, 0, NULL, &h2), 0);
        CHECK_EQ(RasHangUpW(h2), 0);
    }
    for (i = 0; i < SIM_COUNTOF(esizes); i++) {
        memset(&ext, 0, sizeof ext);
        ext.dwSize = esizes[i];
        dial_params(&p, "Home Modem");
        CHECK_EQ(dial_fresh(&ext, W(PBK), &p, 0, NULL, &h2), 0);
        check_status(h2, RASCS_Connected, 0);
        CHECK_EQ(RasHangUpW(h2), 0);
    }
    /* after the hang-up the handle is dead; handles are never reused */
    CHECK_EQ(RasGetConnectStatusW(h, &(RASCONNSTATUSW){ .dwSize = sizeof(RASCONNSTATUSW) }),
             ERROR_INVALID_HANDLE);
    CHECK_EQ(RasHangUpW(h), ERROR_INVALID_HANDLE);
    CHECK((uintptr_t)h2 > (uintptr_t)h);
    cb = 0;
    CHECK_EQ(RasEnumConnectionsW(NULL, &cb, &count), 0);
    CHECK_EQ(count, 0);
    CHECK_EQ(cb, 0);
    conns[0].dwSize = sizeof conns[0];
    cb = sizeof conns;
    CHECK_EQ(RasEnumConnectionsW(conns, &cb, &count), 0);
    CHECK_EQ(count, 0);
}

SIMTEST(dial_errors)
{
    RASDIALPARAMSW p;
    RASDIALEXTENSIONS ext;
    HRASCONN h = (HRASCONN)(uintptr_t)0x1234;
    size_t i;
    recorder r;
    rec_init(&r);
    g_rec = &r;
    dial_params(&p, "Office VPN");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, NULL), ERROR_INVALID_PARAMETER);
    CHECK_EQ(dial_fresh(NULL, W(PBK), NULL, 0, NULL, &h), ERROR_INVALID_PARAMETER);
    CHECK(h == NULL);
    p.dwSize = 100;
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), ERROR_INVALID_SIZE);
    p.dwSize = sizeof p;
    memset(&ext, 0, sizeof ext);
    ext.dwSize = 3;
    CHECK_EQ(dial_fresh(&ext, W(PBK), &p, 0, NULL, &h), ERROR_INVALID_SIZE);
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 3, (LPVOID)cb1, &h), ERROR_INVALID_PARAMETER);
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0xFFFFFFF0u, (LPVOID)cb1, &h), ERROR_INVALID_PARAMETER);
    for (i = 0; i < SIM_COUNTOF(p.szEntryName); i++) {
        p.szEntryName[i] = 'A';
    }
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 1, (LPVOID)cb1, &h), ERROR_INVALID_PARAMETER);
    dial_params(&p, "Office VPN");
    for (i = 0; i < SIM_COUNTOF(p.szDomain); i++) {
        p.szDomain[i] = 'D';
    }
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 1, (LPVOID)cb1, &h), ERROR_INVALID_PARAMETER);
    /* lookup errors: immediate, no handle, no notification */
    dial_params(&p, "No Such Entry");
    h = (HRASCONN)(uintptr_t)0x1234;
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 1, (LPVOID)cb1, &h), ERROR_CANNOT_FIND_PHONEBOOK_ENTRY);
    CHECK(h == NULL);
    dial_params(&p, "");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 1, (LPVOID)cb1, &h), ERROR_CANNOT_FIND_PHONEBOOK_ENTRY);
    dial_params(&p, "Office VPN");
    CHECK_EQ(dial_fresh(NULL, W(P("missing.pbk")), &p, 1, (LPVOID)cb1, &h),
             ERROR_CANNOT_OPEN_PHONEBOOK);
    CHECK(h == NULL);
    CHECK(sim_conn_debug_wait_idle(TIMEOUT_MS));
    CHECK_EQ(r.n, 0);
    /* a type out of range is fine when there is no notifier (synchronous) */
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 3, NULL, &h), 0);
    CHECK_EQ(RasHangUpW(h), 0);
    /* bogus handles */
    CHECK_EQ(RasHangUpW(NULL), ERROR_INVALID_HANDLE);
    CHECK_EQ(RasHangUpW((HRASCONN)(uintptr_t)1), ERROR_INVALID_HANDLE);
    CHECK_EQ(RasGetConnectStatusW((HRASCONN)(uintptr_t)0x10000,
                                  &(RASCONNSTATUSW){ .dwSize = sizeof(RASCONNSTATUSW) }),
             ERROR_INVALID_HANDLE);
}

SIMTEST(dial_number)
{
    RASDIALPARAMSW p;
    RASCONNW c;
    RASCONNSTATUSW s;
    HRASCONN h;
    DWORD cb = sizeof c, count;
    dial_params(&p, "");
    WSET(p.szPhoneNumber, "5551234");
    CHECK_EQ(dial_fresh(NULL, NULL, &p, 0, NULL, &h), 0);
    c.dwSize = sizeof c;
    CHECK_EQ(RasEnumConnectionsW(&c, &cb, &count), 0);
    CHECK_EQ(count, 1);
    CHECK(weq(c.szEntryName, ".5551234"));
    CHECK(weq(c.szDeviceType, "modem"));
    CHECK(weq(c.szDeviceName, "Simulated Modem"));
    s.dwSize = sizeof s;
    CHECK_EQ(RasGetConnectStatusW(h, &s), 0);
    CHECK(weq(s.szPhoneNumber, "5551234"));
    CHECK_EQ(RasHangUpW(h), 0);
    /* an entry dial with a phone number override */
    dial_params(&p, "Office VPN");
    WSET(p.szPhoneNumber, "other.example.com");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), 0);
    s.dwSize = sizeof s;
    CHECK_EQ(RasGetConnectStatusW(h, &s), 0);
    CHECK(weq(s.szPhoneNumber, "other.example.com"));
    CHECK_EQ(RasHangUpW(h), 0);
    /* defaults when the entry names no device */
    dial_params(&p, "Plain");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), 0);
    s.dwSize = sizeof s;
    CHECK_EQ(RasGetConnectStatusW(h, &s), 0);
    CHECK(weq(s.szDeviceType, "vpn"));
    CHECK(weq(s.szDeviceName, "WAN Miniport (IKEv2)"));
    CHECK_EQ(RasHangUpW(h), 0);
}

/* ---- asynchronous dials and notifier types ------------------------------ */

SIMTEST(async_types)
{
    RASDIALPARAMSW p;
    HRASCONN h;
    recorder r;
    size_t i;
    /* RASDIALFUNC */
    rec_init(&r);
    g_rec = &r;
    dial_params(&p, "Office VPN");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, (LPVOID)cb0, &h), 0);
    CHECK(h != NULL);
    CHECK(rec_wait_count(&r, 12));
    check_sequence(&r, 12);
    check_status(h, RASCS_Connected, 0);
    CHECK_EQ(RasHangUpW(h), 0);
    /* RASDIALFUNC1 */
    rec_init(&r);
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 1, (LPVOID)cb1, &h), 0);
    CHECK(rec_wait_count(&r, 12));
    check_sequence(&r, 12);
    for (i = 0; i < r.n; i++) {
        CHECK(r.ev[i].h == h);
    }
    CHECK_EQ(RasHangUpW(h), 0);
    /* RASDIALFUNC2, with the callback id and subentry of the parameters */
    rec_init(&r);
    p.dwCallbackId = (ULONG_PTR)&r;
    p.dwSubEntry = 7;
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 2, (LPVOID)cb2, &h), 0);
    CHECK(rec_wait_count(&r, 12));
    check_sequence(&r, 12);
    for (i = 0; i < r.n; i++) {
        CHECK(r.ev[i].h == h);
        CHECK_EQ(r.ev[i].cbid, (ULONG_PTR)&r);
        CHECK_EQ(r.ev[i].sub, 7);
    }
    CHECK_EQ(RasHangUpW(h), 0);
    /* RASDIALFUNC2 returning 0: no further notifications */
    rec_init(&r);
    r.ret2 = 0;
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 2, (LPVOID)cb2, &h), 0);
    CHECK(sim_conn_debug_wait_state(h, RASCS_Connected, TIMEOUT_MS));
    CHECK_EQ(RasHangUpW(h), 0);
    CHECK(sim_conn_debug_wait_idle(TIMEOUT_MS));
    check_sequence(&r, 1);
}

SIMTEST(posted_messages)
{
    RASDIALPARAMSW p;
    HRASCONN h;
    RASSIM_POSTED_MESSAGE m[16];
    DWORD n = 99;
    size_t i;
    HWND hwnd;
    RasSimReset();
    CHECK_EQ(RasSimTakePostedMessages(NULL, 0, NULL), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasSimTakePostedMessages(NULL, 3, &n), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasSimTakePostedMessages(NULL, 0, &n), 0);
    CHECK_EQ(n, 0);
#ifdef _WIN32
    hwnd = CreateWindowExW(0, L"STATIC", L"", 0, 0, 0, 0, 0, HWND_MESSAGE, NULL, NULL, NULL);
    CHECK(hwnd != NULL);
#else
    hwnd = (HWND)(uintptr_t)0xBEEF0;
#endif
    dial_params(&p, "Office VPN");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0xFFFFFFFFu, (LPVOID)hwnd, &h), 0);
    CHECK(sim_conn_debug_wait_state(h, RASCS_Connected, TIMEOUT_MS));
    CHECK_EQ(RasHangUpW(h), 0); /* the last message is posted before this returns */
#ifdef _WIN32
    for (i = 0; i < 12; i++) {
        MSG msg;
        CHECK(PeekMessageW(&msg, hwnd, 0, 0, PM_REMOVE));
        CHECK_EQ(msg.message, WM_RASDIALEVENT);
        CHECK_EQ(msg.wParam, k_seq[i]);
        CHECK_EQ(msg.lParam, 0);
    }
    DestroyWindow(hwnd);
#else
    CHECK_EQ(RasSimTakePostedMessages(NULL, 0, &n), 0);
    CHECK_EQ(n, 12);
    CHECK_EQ(RasSimTakePostedMessages(m, 5, &n), 0);
    CHECK_EQ(n, 5);
    CHECK_EQ(RasSimTakePostedMessages(m + 5, 16, &n), 0);
    CHECK_EQ(n, 7);
    for (i = 0; i < 12; i++) {
        CHECK(m[i].hwnd == hwnd);
        CHECK_EQ(m[i].msg, WM_RASDIALEVENT);
        CHECK_EQ(m[i].wParam, k_seq[i]);
        CHECK_EQ(m[i].lParam, 0);
    }
    CHECK_EQ(RasSimTakePostedMessages(m, 16, &n), 0);
    CHECK_EQ(n, 0);
    /* RasSimReset empties the queue */
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0xFFFFFFFFu, (LPVOID)hwnd, &h), 0);
    CHECK(sim_conn_debug_wait_state(h, RASCS_Connected, TIMEOUT_MS));
    RasSimReset();
    CHECK_EQ(RasSimTakePostedMessages(NULL, 0, &n), 0);
    CHECK_EQ(n, 0);
#endif
    (void)m;
}

/* ---- re-dial, dial in progress, drop ------------------------------------ */

SIMTEST(refcount_and_in_progress)
{
    RASDIALPARAMSW p;
    HRASCONN h1, h2, h3 = (HRASCONN)(uintptr_t)1;
    recorder r;
    dial_params(&p, "Office VPN");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h1), 0);
    /* joining a connected entry: same handle, one Connected notification */
    rec_init(&r);
    g_rec = &r;
    dial_params(&p, "OFFICE VPN");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 1, (LPVOID)cb1, &h2), 0);
    CHECK(h1 == h2);
    CHECK(rec_wait_count(&r, 1));
    CHECK(r.ev[0].state == RASCS_Connected && r.ev[0].err == 0 && r.ev[0].h == h1);
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h3), 0); /* sync join */
    CHECK(h3 == h1);
    CHECK_EQ(RasHangUpW(h1), 0);
    check_status(h1, RASCS_Connected, 0);
    CHECK_EQ(RasHangUpW(h1), 0);
    check_status(h1, RASCS_Connected, 0);
    CHECK_EQ(RasHangUpW(h1), 0);
    CHECK_EQ(RasHangUpW(h1), ERROR_INVALID_HANDLE);
    CHECK(sim_conn_debug_wait_idle(TIMEOUT_MS));
    CHECK_EQ(r.n, 1);
    /* the same entry through another phonebook path is a different entry */
    write_file(P("copy.pbk"), k_pbk);
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h1), 0);
    CHECK_EQ(dial_fresh(NULL, W(P("copy.pbk")), &p, 0, NULL, &h2), 0);
    CHECK(h1 != h2);
    CHECK_EQ(RasHangUpW(h1), 0);
    CHECK_EQ(RasHangUpW(h2), 0);
    /* still dialling: ERROR_DIAL_ALREADY_IN_PROGRESS, no handle */
    scenario("[*]\nStateDelayMs=600000\n");
    rec_init(&r);
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 1, (LPVOID)cb1, &h1), 0);
    check_status(h1, RASCS_OpenPort, 0);
    h2 = (HRASCONN)(uintptr_t)1;
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h2), ERROR_DIAL_ALREADY_IN_PROGRESS);
    CHECK(h2 == NULL);
    /* a hang-up during a state delay ends the dial promptly */
    {
        uint64_t start = sim_now_ms();
        CHECK_EQ(RasHangUpW(h1), 0);
        CHECK(sim_conn_debug_wait_idle(TIMEOUT_MS));
        CHECK(sim_now_ms() - start < 10000);
    }
    CHECK(r.n <= 1);
    scenario(NULL);
}

static void
sync_dial_job(job *j)
{
    RASDIALPARAMSW p;
    dial_params(&p, (const char *)j->arg);
    j->rc = dial_fresh(NULL, W(PBK), &p, 0, NULL, &j->h);
}

SIMTEST(sync_dial_cancelled)
{
    job j;
    RASCONNW c;
    DWORD cb = sizeof c, count = 0;
    scenario("[*]\nStateDelayMs=600000\n");
    job_start(&j, sync_dial_job, (void *)"Home Modem", NULL);
    /* the connection shows up in the table while the sync dial waits */
    CHECK(sim_conn_debug_wait_count(1, TIMEOUT_MS));
    c.dwSize = sizeof c;
    CHECK_EQ(RasEnumConnectionsW(&c, &cb, &count), 0);
    CHECK_EQ(count, 1);
    CHECK_EQ(RasHangUpW(c.hrasconn), 0);
    CHECK(job_join(&j));
    CHECK_EQ(j.rc, ERROR_USER_DISCONNECTION);
    CHECK(j.h == c.hrasconn);
    scenario(NULL);
}

SIMTEST(drop)
{
    RASDIALPARAMSW p;
    RASCONNW c;
    HRASCONN h;
    DWORD cb = sizeof c, count;
    recorder r;
    rec_init(&r);
    g_rec = &r;
    scenario("[*]\nDropAfterMs=1\n");
    dial_params(&p, "Office VPN");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 1, (LPVOID)cb1, &h), 0);
    CHECK(rec_wait_count(&r, 13));
    check_prefix(&r, 12);
    CHECK(r.ev[12].state == RASCS_Disconnected && r.ev[12].err == ERROR_DISCONNECTION);
    check_status(h, RASCS_Disconnected, ERROR_DISCONNECTION);
    c.dwSize = sizeof c;
    CHECK_EQ(RasEnumConnectionsW(&c, &cb, &count), 0);
    CHECK_EQ(count, 0);
    /* the entry can be dialled again while the dropped one awaits HangUp */
    {
        HRASCONN h2;
        scenario(NULL);
        CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h2), 0);
        CHECK(h2 != h);
        CHECK_EQ(RasHangUpW(h2), 0);
    }
    CHECK_EQ(RasHangUpW(h), 0);
    CHECK_EQ(RasHangUpW(h), ERROR_INVALID_HANDLE);
    /* custom error; a sync dial drops too */
    scenario("[*]\nDropAfterMs=0\nDropError=829\n");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), 0);
    CHECK(sim_conn_debug_wait_state(h, RASCS_Disconnected, TIMEOUT_MS));
    check_status(h, RASCS_Disconnected, 829);
    CHECK_EQ(RasHangUpW(h), 0);
    /* a RASDIALFUNC2 that returned 0 gets no Disconnected notification */
    rec_init(&r);
    r.ret2 = 0;
    p.dwCallbackId = (ULONG_PTR)&r;
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 2, (LPVOID)cb2, &h), 0);
    CHECK(sim_conn_debug_wait_state(h, RASCS_Disconnected, TIMEOUT_MS));
    CHECK_EQ(RasHangUpW(h), 0);
    CHECK(sim_conn_debug_wait_idle(TIMEOUT_MS));
    CHECK_EQ(r.n, 1);
    /* ... while one that keeps returning 1 does, like the window queue */
    rec_init(&r);
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 2, (LPVOID)cb2, &h), 0);
    CHECK(rec_wait_count(&r, 13));
    CHECK(r.ev[12].state == RASCS_Disconnected && r.ev[12].err == 829);
    CHECK_EQ(RasHangUpW(h), 0);
    scenario(NULL);
}

/* ---- hang-ups and notifications ----------------------------------------- */

SIMTEST(hangup_inside_notification)
{
    RASDIALPARAMSW p;
    HRASCONN h;
    recorder r;
    rec_init(&r);
    g_rec = &r;
    r.hangup_at = RASCS_AuthNotify;
    dial_params(&p, "Office VPN");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 1, (LPVOID)cb1, &h), 0);
    CHECK(rec_wait_count(&r, 7));
    CHECK(sim_conn_debug_wait_idle(TIMEOUT_MS));
    CHECK_EQ(r.hangup_rc, 0);
    CHECK_EQ(r.status_rc, ERROR_INVALID_HANDLE);
    check_sequence(&r, 7);
    CHECK_EQ(RasHangUpW(h), ERROR_INVALID_HANDLE);
    /* ... also on a failure notification, and with RasSimReset */
    scenario("[*]\nFailState=Projected\n");
    rec_init(&r);
    r.reset_at = RASCS_Projected;
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 1, (LPVOID)cb1, &h), 0);
    CHECK(rec_wait_count(&r, 11));
    CHECK(sim_conn_debug_wait_idle(TIMEOUT_MS));
    CHECK_EQ(r.n, 11); /* the error notification never comes */
    CHECK_EQ(RasHangUpW(h), ERROR_INVALID_HANDLE);
    scenario(NULL);
}

static void
hangup_job(job *j)
{
    recorder *r = (recorder *)j->arg;
    j->rc = RasHangUpW(j->h);
    /* RasHangUpW returned: the blocked notifier must have returned first */
    CHECK(r->returned);
}

SIMTEST(hangup_waits_for_notifier)
{
    RASDIALPARAMSW p;
    HRASCONN h;
    recorder r;
    job j;
    rec_init(&r);
    g_rec = &r;
    r.block_at = RASCS_PortOpened;
    dial_params(&p, "Office VPN");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 1, (LPVOID)cb1, &h), 0);
    CHECK(rec_wait_blocked(&r));
    job_start(&j, hangup_job, &r, h);
    CHECK(sim_conn_debug_wait_blocked(1, TIMEOUT_MS));
    CHECK(!j.done);
    rec_release(&r);
    CHECK(job_join(&j));
    CHECK_EQ(j.rc, 0);
    CHECK(sim_conn_debug_wait_idle(TIMEOUT_MS));
    CHECK_EQ(r.n, 2); /* nothing after the notification that was running */
}

/* ---- concurrency -------------------------------------------------------- */

typedef struct dialer {
    int index;
    recorder rec;
    HRASCONN h;
    DWORD rc;
    sim_mutex *m;
    sim_cond *c;
    int *connected; /* barrier: how many dialers are connected */
    int *go_hangup;
} dialer;

static const char *PBK_MANY;

static void
dialer_job(job *j)
{
    dialer *d = (dialer *)j->arg;
    RASDIALPARAMSW p;
    char name[32];
    snprintf(name, sizeof name, "VPN %d", d->index);
    dial_params(&p, name);
    p.dwCallbackId = (ULONG_PTR)&d->rec;
    if (d->index % 2 == 0) {
        d->rc = dial_fresh(NULL, W(PBK_MANY), &p, 2, (LPVOID)cb2, &d->h);
        if (d->rc == 0 && !rec_wait_count(&d->rec, 12)) {
            d->rc = 9999;
        }
    } else {
        d->rc = dial_fresh(NULL, W(PBK_MANY), &p, 0, NULL, &d->h);
    }
    sim_mutex_lock(d->m);
    (*d->connected)++;
    sim_cond_broadcast(d->c);
    while (!*d->go_hangup) {
        sim_cond_wait(d->c, d->m);
    }
    sim_mutex_unlock(d->m);
    if (d->rc == 0) {
        d->rc = RasHangUpW(d->h);
    }
}

static void
poller_job(job *j)
{
    stop_flag *flag = (stop_flag *)j->arg;
    RASCONNW conns[NTHREADS + 1];
    while (!stopped(flag)) {
        DWORD cb = sizeof conns, count = 0, i;
        conns[0].dwSize = sizeof conns[0];
        if (RasEnumConnectionsW(conns, &cb, &count) != 0) {
            j->rc = 1;
        }
        for (i = 0; i < count; i++) {
            RASCONNSTATUSW s;
            DWORD rc;
            s.dwSize = sizeof s;
            rc = RasGetConnectStatusW(conns[i].hrasconn, &s);
            if (rc != 0 && rc != ERROR_INVALID_HANDLE) {
                j->rc = 2;
            }
        }
    }
}

SIMTEST(concurrency)
{
    static dialer d[NTHREADS];
    job jobs[NTHREADS], poller;
    sim_mutex m;
    sim_cond c;
    stop_flag flag;
    int connected = 0, go = 0, i;
    uint64_t end = sim_now_ms() + TIMEOUT_MS;
    RASCONNW conns[NTHREADS + 1];
    DWORD cb = sizeof conns, count;
    char text[1024] = "";
    for (i = 0; i < NTHREADS; i++) {
        snprintf(text + strlen(text), sizeof text - strlen(text), "[VPN %d]\nDEVICE=vpn\n", i);
    }
    write_file(P("many.pbk"), text);
    PBK_MANY = P("many.pbk");
    scenario("[*]\nStateDelayMs=2\n");
    sim_mutex_init(&m);
    sim_cond_init(&c);
    sim_mutex_init(&flag.m);
    flag.stop = 0;
    job_start(&poller, poller_job, &flag, NULL);
    for (i = 0; i < NTHREADS; i++) {
        d[i].index = i;
        rec_init(&d[i].rec);
        d[i].m = &m;
        d[i].c = &c;
        d[i].connected = &connected;
        d[i].go_hangup = &go;
        job_start(&jobs[i], dialer_job, &d[i], NULL);
    }
    sim_mutex_lock(&m);
    while (connected < NTHREADS && sim_now_ms() < end) {
        sim_cond_wait_ms(&c, &m, TIMEOUT_MS);
    }
    sim_mutex_unlock(&m);
    conns[0].dwSize = sizeof conns[0];
    CHECK_EQ(RasEnumConnectionsW(conns, &cb, &count), 0);
    CHECK_EQ(count, NTHREADS);
    for (i = 0; i < NTHREADS; i++) {
        CHECK_EQ(d[i].rc, 0);
        check_status(d[i].h, RASCS_Connected, 0);
        if (i % 2 == 0) {
            check_sequence(&d[i].rec, 12);
        }
    }
    sim_mutex_lock(&m);
    go = 1;
    sim_cond_broadcast(&c);
    sim_mutex_unlock(&m);
    for (i = 0; i < NTHREADS; i++) {
        CHECK(job_join(&jobs[i]));
        CHECK_EQ(d[i].rc, 0);
    }
    sim_mutex_lock(&flag.m);
    flag.stop = 1;
    sim_mutex_unlock(&flag.m);
    CHECK(job_join(&poller));
    CHECK_EQ(poller.rc, 0);
    cb = sizeof conns;
    CHECK_EQ(RasEnumConnectionsW(conns, &cb, &count), 0);
    CHECK_EQ(count, 0);
    scenario(NULL);
}

SIMTEST(reset)
{
    RASDIALPARAMSW p;
    HRASCONN h1, h2;
    recorder r;
    DWORD cb = 0, count;
    rec_init(&r);
    g_rec = &r;
    dial_params(&p, "Office VPN");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h1), 0);
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h1), 0); /* two references */
    scenario("[*]\nStateDelayMs=600000\n");
    dial_params(&p, "Home Modem");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 1, (LPVOID)cb1, &h2), 0);
    RasSimReset();
    CHECK_EQ(RasEnumConnectionsW(NULL, &cb, &count), 0);
    CHECK_EQ(count, 0);
    CHECK_EQ(RasHangUpW(h1), ERROR_INVALID_HANDLE);
    CHECK_EQ(RasHangUpW(h2), ERROR_INVALID_HANDLE);
    CHECK(sim_conn_debug_wait_idle(TIMEOUT_MS));
    CHECK(r.n <= 1);
    scenario(NULL);
}

/* ---- paused states ------------------------------------------------------ */

/* Paused states: RasDialW with *lphRasConn set resumes the paused dial. */
SIMTEST(resume)
{
    RASDIALPARAMSW p;
    RASDIALEXTENSIONS ext;
    HRASCONN h = NULL, h2;
    recorder r;
    rec_init(&r);
    memset(&ext, 0, sizeof ext);
    ext.dwSize = sizeof ext;
    ext.dwfOptions = RDEOPT_PausedStates;
    scenario("[*]\nInvokeEapUI=1\n");
    dial_params(&p, "Office VPN");
    p.dwCallbackId = (ULONG_PTR)&r;
    CHECK_EQ(dial_fresh(&ext, W(PBK), &p, 2, (LPVOID)cb2, &h), 0);
    CHECK(sim_conn_debug_wait_state(h, RASCS_InvokeEapUI, TIMEOUT_MS));
    /* another notifier, a bogus handle, a new dial of the paused entry */
    h2 = h;
    CHECK_EQ(RasDialW(&ext, W(PBK), &p, 1, (LPVOID)cb1, &h2), ERROR_INVALID_PARAMETER);
    CHECK(h2 == h);
    CHECK_EQ(RasDialW(&ext, W(PBK), &p, 0, NULL, &h2), ERROR_INVALID_PARAMETER);
    h2 = (HRASCONN)(uintptr_t)0x1234;
    CHECK_EQ(RasDialW(&ext, W(PBK), &p, 2, (LPVOID)cb2, &h2), ERROR_INVALID_HANDLE);
    CHECK_EQ(dial_fresh(&ext, W(PBK), &p, 2, (LPVOID)cb2, &h2), ERROR_DIAL_ALREADY_IN_PROGRESS);
    /* RasInvokeEapUI does not resume; RasDialW does */
    CHECK_EQ(RasInvokeEapUI(h, 1, &ext, NULL), 0);
    CHECK(sim_conn_debug_wait_state(h, RASCS_InvokeEapUI, TIMEOUT_MS));
    h2 = h;
    CHECK_EQ(RasDialW(&ext, W(PBK), &p, 2, (LPVOID)cb2, &h2), 0);
    CHECK(h2 == h);
    CHECK(sim_conn_debug_wait_state(h, RASCS_Connected, TIMEOUT_MS));
    CHECK_EQ(RasDialW(&ext, W(PBK), &p, 2, (LPVOID)cb2, &h2), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasHangUpW(h), 0);
    /* resumed without the EAP UI: the dial fails in RASCS_InvokeEapUI */
    CHECK_EQ(dial_fresh(&ext, W(PBK), &p, 2, (LPVOID)cb2, &h), 0);
    CHECK(sim_conn_debug_wait_state(h, RASCS_InvokeEapUI, TIMEOUT_MS));
    h2 = h;
    CHECK_EQ(RasDialW(&ext, W(PBK), &p, 2, (LPVOID)cb2, &h2), 0);
    CHECK(sim_conn_debug_wait_idle(TIMEOUT_MS));
    check_status(h, RASCS_InvokeEapUI, ERROR_INTERACTIVE_MODE);
    CHECK_EQ(RasHangUpW(h), 0);
    /* RASCS_RetryAuthentication: the resuming call's credentials */
    scenario("[*]\nUser=alice\nPassword=right\n");
    WSET(p.szUserName, "alice");
    WSET(p.szPassword, "wrong");
    CHECK_EQ(dial_fresh(&ext, W(PBK), &p, 2, (LPVOID)cb2, &h), 0);
    CHECK(sim_conn_debug_wait_state(h, RASCS_RetryAuthentication, TIMEOUT_MS));
    WSET(p.szPassword, "right");
    h2 = h;
    CHECK_EQ(RasDialW(&ext, W(PBK), &p, 2, (LPVOID)cb2, &h2), 0);
    CHECK(sim_conn_debug_wait_state(h, RASCS_Connected, TIMEOUT_MS));
    CHECK_EQ(RasHangUpW(h), 0);
    /* synchronous: no pause, the failure is the result */
    WSET(p.szPassword, "wrong");
    CHECK_EQ(dial_fresh(&ext, W(PBK), &p, 0, NULL, &h), ERROR_AUTHENTICATION_FAILURE);
    CHECK_EQ(RasHangUpW(h), 0);
    /* hang-up while paused */
    CHECK_EQ(dial_fresh(&ext, W(PBK), &p, 2, (LPVOID)cb2, &h), 0);
    CHECK(sim_conn_debug_wait_state(h, RASCS_RetryAuthentication, TIMEOUT_MS));
    CHECK_EQ(RasHangUpW(h), 0);
    h2 = h;
    CHECK_EQ(RasDialW(&ext, W(PBK), &p, 2, (LPVOID)cb2, &h2), ERROR_INVALID_HANDLE);
    CHECK(sim_conn_debug_wait_idle(TIMEOUT_MS));
}
