/*
 * test_simextras.c -- C tests of the simulator-only extras for test
 * control: the dial log and the hang-up log (RasSimDialLog,
 * RasSimHangUpLog, RasSimClearLogs) and RasSimDrop (simextras.c,
 * calllog.c, conntable.c).
 */
#include "simtest.h"

#define PASSWORD "Zq9!unique-secret"

static RASSIM_DIAL_RECORD g_dials[RASSIM_LOG_MAX];
static RASSIM_HANGUP_RECORD g_hangups[RASSIM_LOG_MAX];

static DWORD
dial_log(void)
{
    DWORD count = 0;
    CHECK_EQ(RasSimDialLog(g_dials, RASSIM_LOG_MAX, &count), 0);
    return count;
}

static DWORD
hangup_log(void)
{
    DWORD count = 0;
    CHECK_EQ(RasSimHangUpLog(g_hangups, RASSIM_LOG_MAX, &count), 0);
    return count;
}

/* Non-zero when needle occurs in the n bytes at hay. */
static int
contains(const void *hay, size_t n, const void *needle, size_t len)
{
    const unsigned char *h = (const unsigned char *)hay;
    size_t i;
    for (i = 0; i + len <= n; i++) {
        if (memcmp(h + i, needle, len) == 0) {
            return 1;
        }
    }
    return 0;
}

/* Neither the UTF-16 nor the UTF-8 bytes of PASSWORD (nor a 6-unit prefix)
 * are anywhere in the n records at buf. */
static void
check_no_password(const void *buf, size_t bytes)
{
    WCHAR w[sizeof PASSWORD];
    size_t i;
    for (i = 0; i < sizeof PASSWORD; i++) {
        w[i] = (WCHAR)(unsigned char)PASSWORD[i];
    }
    CHECK(!contains(buf, bytes, w, 6 * sizeof(WCHAR)));
    CHECK(!contains(buf, bytes, PASSWORD, 6));
}

SIMTEST(dial_log_fields)
{
    RASDIALPARAMSW p;
    RASDIALEXTENSIONS ext;
    HRASCONN h, h2, hw;
    unsigned long long before = sim_wall_time(), after;
    DWORD n, count = 7, i;
    HWND wnd = (HWND)(uintptr_t)0x4242;
    recorder r;
    rec_init(&r);
    g_rec = &r;

    RasSimClearLogs();
    /* a synchronous dial with every string, and the password */
    dial_params(&p, "Office VPN");
    WSET(p.szPhoneNumber, "203.0.113.9");
    WSET(p.szCallbackNumber, "555-0100");
    WSET(p.szUserName, "alice");
    WSET(p.szPassword, PASSWORD);
    WSET(p.szDomain, "CORP");
    p.dwSubEntry = 1;
    p.dwCallbackId = 77;
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 2, NULL, &h), 0);
    /* an asynchronous one with extensions, joining it: the saved password */
    memset(&ext, 0, sizeof ext);
    ext.dwSize = sizeof ext;
    ext.dwfOptions = RDEOPT_PausedStates | RDEOPT_IgnoreModemSpeaker;
    dial_params(&p, "office vpn");
    WSET(p.szUserName, "alice");
    WSET(p.szPassword, SIM_CREDS_PASSWORD_HANDLE);
    CHECK_EQ(dial_fresh(&ext, NULL, &p, 1, (LPVOID)cb1, &h2), 0);
    CHECK(h2 == h);
    /* a window, the default phonebook, no credentials at all */
    dial_params(&p, "");
    WSET(p.szPhoneNumber, "5550199");
    CHECK_EQ(dial_fresh(NULL, NULL, &p, 0xFFFFFFFFu, (LPVOID)wnd, &hw), 0);
    /* failures: an unknown entry, no parameters, a resume of nothing */
    dial_params(&p, "Nowhere");
    WSET(p.szPassword, PASSWORD);
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h2), ERROR_CANNOT_FIND_PHONEBOOK_ENTRY);
    CHECK_EQ(dial_fresh(NULL, W(PBK), NULL, 0, NULL, &h2), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasDialW(NULL, W(PBK), &p, 0, NULL, NULL), ERROR_INVALID_PARAMETER);
    h2 = (HRASCONN)(uintptr_t)0x7770;
    dial_params(&p, "Office VPN");
    CHECK_EQ(RasDialW(NULL, W(PBK), &p, 0, NULL, &h2), ERROR_INVALID_HANDLE);
    after = sim_wall_time();

    n = dial_log();
    CHECK_EQ(n, 7);
    for (i = 0; i < n; i++) {
        CHECK(g_dials[i].ullTime >= before && g_dials[i].ullTime <= after);
        if (i > 0) {
            CHECK_EQ(g_dials[i].dwSequence, g_dials[i - 1].dwSequence + 1);
            CHECK(g_dials[i].ullTime >= g_dials[i - 1].ullTime);
        }
    }
    /* 1: the synchronous dial */
    CHECK(weq(g_dials[0].szEntryName, "Office VPN"));
    CHECK(weq(g_dials[0].szPhonebook, PBK_ABS));
    CHECK(weq(g_dials[0].szPhoneNumber, "203.0.113.9"));
    CHECK(weq(g_dials[0].szCallbackNumber, "555-0100"));
    CHECK(weq(g_dials[0].szUserName, "alice"));
    CHECK(weq(g_dials[0].szDomain, "CORP"));
    CHECK_EQ(g_dials[0].fPasswordGiven, 1);
    CHECK_EQ(g_dials[0].fSavedPassword, 0);
    CHECK_EQ(g_dials[0].fResume, 0);
    CHECK_EQ(g_dials[0].fAsynchronous, 0);
    CHECK_EQ(g_dials[0].dwNotifierType, 2);
    CHECK(g_dials[0].hwnd == NULL);
    CHECK_EQ(g_dials[0].dwfOptions, 0);
    CHECK_EQ(g_dials[0].dwSubEntry, 1);
    CHECK_EQ(g_dials[0].dwCallbackId, 77);
    CHECK(g_dials[0].hrasconn == h);
    CHECK_EQ(g_dials[0].dwResult, 0);
    /* 2: the join, asynchronous, through the default phonebook */
    CHECK(weq(g_dials[1].szEntryName, "office vpn")); /* as given */
    CHECK_EQ(g_dials[1].fPasswordGiven, 0);
    CHECK_EQ(g_dials[1].fSavedPassword, 1);
    CHECK_EQ(g_dials[1].fAsynchronous, 1);
    CHECK_EQ(g_dials[1].dwNotifierType, 1);
    CHECK_EQ(g_dials[1].dwfOptions, RDEOPT_PausedStates | RDEOPT_IgnoreModemSpeaker);
    CHECK(g_dials[1].hrasconn == h);
    /* 3: the window */
    CHECK(weq(g_dials[2].szEntryName, ""));
    CHECK(weq(g_dials[2].szPhoneNumber, "5550199"));
    CHECK_EQ(g_dials[2].fAsynchronous, 1);
    CHECK_EQ(g_dials[2].dwNotifierType, 0xFFFFFFFFu);
    CHECK(g_dials[2].hwnd == wnd);
    CHECK_EQ(g_dials[2].fPasswordGiven, 0);
    CHECK_EQ(g_dials[2].fSavedPassword, 1); /* no user name, no password */
    CHECK(g_dials[2].hrasconn == hw);
    /* 4-7: the failures */
    CHECK(weq(g_dials[3].szEntryName, "Nowhere"));
    CHECK_EQ(g_dials[3].fPasswordGiven, 1);
    CHECK_EQ(g_dials[3].dwResult, ERROR_CANNOT_FIND_PHONEBOOK_ENTRY);
    CHECK(g_dials[3].hrasconn == NULL);
    CHECK(weq(g_dials[4].szEntryName, ""));
    CHECK_EQ(g_dials[4].dwResult, ERROR_INVALID_PARAMETER);
    CHECK(weq(g_dials[4].szPhonebook, PBK_ABS));
    CHECK_EQ(g_dials[5].dwResult, ERROR_INVALID_PARAMETER);
    CHECK(g_dials[5].hrasconn == NULL);
    CHECK_EQ(g_dials[6].fResume, 1);
    CHECK_EQ(g_dials[6].dwResult, ERROR_INVALID_HANDLE);
    CHECK(g_dials[6].hrasconn == (HRASCONN)(uintptr_t)0x7770);
    /* the password is nowhere in what the log holds */
    check_no_password(g_dials, sizeof g_dials);

    /* the argument checks; counting alone; a partial copy */
    CHECK_EQ(RasSimDialLog(NULL, 0, NULL), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasSimDialLog(NULL, 1, &count), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasSimHangUpLog(NULL, 0, NULL), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasSimDialLog(NULL, 0, &count), 0);
    CHECK_EQ(count, 7);
    {
        RASSIM_DIAL_RECORD two[3];
        two[2].dwSequence = 0xABCD;
        CHECK_EQ(RasSimDialLog(two, 2, &count), 0);
        CHECK_EQ(count, 2);
        CHECK_EQ(two[0].dwSequence, g_dials[0].dwSequence);
        CHECK_EQ(two[1].dwSequence, g_dials[1].dwSequence);
        CHECK_EQ(two[2].dwSequence, 0xABCD);
    }
    CHECK_EQ(RasHangUpW(h), 0);
    CHECK_EQ(RasHangUpW(h), 0);
    CHECK_EQ(RasHangUpW(hw), 0);
    /* RasSimClearLogs empties both logs; the sequence goes on */
    CHECK_EQ(hangup_log(), 3);
    CHECK_EQ(g_hangups[0].dwSequence, g_dials[6].dwSequence + 1);
    RasSimClearLogs();
    CHECK_EQ(dial_log(), 0);
    CHECK_EQ(hangup_log(), 0);
    CHECK_EQ(dial_fresh(NULL, W(PBK), NULL, 0, NULL, &h2), ERROR_INVALID_PARAMETER);
    CHECK_EQ(dial_log(), 1);
    CHECK_EQ(g_dials[0].dwSequence, g_hangups[2].dwSequence + 1);
    /* ... and so does RasSimReset */
    CHECK_EQ(RasHangUpW(h), ERROR_INVALID_HANDLE);
    RasSimReset();
    CHECK_EQ(dial_log(), 0);
    CHECK_EQ(hangup_log(), 0);
}

/* Only the last RASSIM_LOG_MAX records are kept. */
SIMTEST(dial_log_bound)
{
    RASDIALPARAMSW p;
    HRASCONN h;
    DWORD i, n, first = 0;
    dial_params(&p, "Nowhere");
    for (i = 0; i < RASSIM_LOG_MAX + 10; i++) {
        CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), ERROR_CANNOT_FIND_PHONEBOOK_ENTRY);
        if (i == 0) {
            CHECK_EQ(dial_log(), 1);
            first = g_dials[0].dwSequence;
        }
        RasHangUpW((HRASCONN)(uintptr_t)(0x100 + i));
    }
    n = dial_log();
    CHECK_EQ(n, RASSIM_LOG_MAX);
    CHECK_EQ(g_dials[0].dwSequence, first + 2 * 10); /* 10 dials (and hang-ups) dropped */
    CHECK_EQ(g_dials[n - 1].dwSequence, first + 2 * (RASSIM_LOG_MAX + 9));
    n = hangup_log();
    CHECK_EQ(n, RASSIM_LOG_MAX);
    CHECK(g_hangups[0].hrasconn == (HRASCONN)(uintptr_t)(0x100 + 10));
    CHECK_EQ(g_hangups[0].dwResult, ERROR_INVALID_HANDLE);
    CHECK(weq(g_hangups[0].szEntryName, ""));
    CHECK_EQ(g_hangups[0].fEnded, 0);
}

typedef struct logger {
    int index;
    DWORD rc;
} logger;

#define LOG_ROUNDS 60

static void
logger_job(job *j)
{
    logger *l = (logger *)j->arg;
    RASDIALPARAMSW p;
    HRASCONN h;
    WCHAR pbk[MAX_PATH]; /* W()'s ring is shared by every thread */
    char name[32];
    int i;
    wset(pbk, SIM_COUNTOF(pbk), PBK);
    snprintf(name, sizeof name, "Nowhere %d", l->index);
    dial_params(&p, name);
    WSET(p.szPassword, PASSWORD);
    for (i = 0; i < LOG_ROUNDS; i++) {
        if (dial_fresh(NULL, pbk, &p, 0, NULL, &h) != ERROR_CANNOT_FIND_PHONEBOOK_ENTRY ||
            RasHangUpW((HRASCONN)(uintptr_t)(0x200 + l->index)) != ERROR_INVALID_HANDLE) {
            l->rc = 1;
        }
        if (i % 16 == 0) {
            DWORD count;
            RASSIM_DIAL_RECORD one;
            if (RasSimDialLog(&one, 1, &count) != 0 || count != 1) {
                l->rc = 2;
            }
        }
    }
}

/* Several threads append at once: every record is there, once, whole. */
SIMTEST(dial_log_threads)
{
    static logger l[NTHREADS];
    job jobs[NTHREADS];
    int per[NTHREADS] = { 0 }, i;
    DWORD n, k;
    for (i = 0; i < NTHREADS; i++) {
        l[i].index = i;
        l[i].rc = 0;
        job_start(&jobs[i], logger_job, &l[i], NULL);
    }
    for (i = 0; i < NTHREADS; i++) {
        CHECK(job_join(&jobs[i]));
        CHECK_EQ(l[i].rc, 0);
    }
    n = dial_log();
    CHECK_EQ(n, NTHREADS * LOG_ROUNDS);
    for (k = 0; k < n; k++) {
        /* "Nowhere <digit>" */
        int t = g_dials[k].szEntryName[9] == 0 ? (int)g_dials[k].szEntryName[8] - '0' : -1;
        g_dials[k].szEntryName[8] = '#';
        CHECK(weq(g_dials[k].szEntryName, "Nowhere #"));
        CHECK(t >= 0 && t < NTHREADS);
        if (t >= 0 && t < NTHREADS) {
            per[t]++;
        }
        CHECK_EQ(g_dials[k].fPasswordGiven, 1);
        CHECK_EQ(g_dials[k].dwResult, ERROR_CANNOT_FIND_PHONEBOOK_ENTRY);
        if (k > 0) {
            CHECK(g_dials[k].dwSequence > g_dials[k - 1].dwSequence);
        }
    }
    for (i = 0; i < NTHREADS; i++) {
        CHECK_EQ(per[i], LOG_ROUNDS);
    }
    check_no_password(g_dials, sizeof g_dials);
    n = hangup_log();
    CHECK_EQ(n, NTHREADS * LOG_ROUNDS);
}

SIMTEST(hangup_log)
{
    RASDIALPARAMSW p;
    HRASCONN h, h2;
    dial_params(&p, "Office VPN");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), 0);
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h2), 0); /* a join: two references */
    CHECK_EQ(RasHangUpW(h), 0);
    CHECK_EQ(RasHangUpW((HRASCONN)((uintptr_t)h + SIM_SUBENTRY_OFFSET)), 0);
    CHECK_EQ(RasHangUpW(h), ERROR_INVALID_HANDLE);
    CHECK_EQ(hangup_log(), 3);
    CHECK(g_hangups[0].hrasconn == h);
    CHECK(weq(g_hangups[0].szEntryName, "Office VPN"));
    CHECK_EQ(g_hangups[0].fEnded, 0);
    CHECK_EQ(g_hangups[0].dwResult, 0);
    CHECK(g_hangups[1].hrasconn == (HRASCONN)((uintptr_t)h + SIM_SUBENTRY_OFFSET));
    CHECK_EQ(g_hangups[1].fEnded, 1);
    CHECK_EQ(g_hangups[1].dwResult, 0);
    CHECK(weq(g_hangups[2].szEntryName, ""));
    CHECK_EQ(g_hangups[2].fEnded, 0);
    CHECK_EQ(g_hangups[2].dwResult, ERROR_INVALID_HANDLE);
    CHECK(g_hangups[1].dwSequence > g_hangups[0].dwSequence);
    /* RasSimReset is no RasHangUpW */
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), 0);
    RasSimReset();
    CHECK_EQ(hangup_log(), 0);
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

/* RasSimDrop of a connected connection: as DropAfterMs. */
SIMTEST(drop_now_connected)
{
    RASDIALPARAMSW p;
    HRASCONN h, h2;
    HANDLE ev = event_new();
    RAS_STATS st;
    RASCONNW c;
    DWORD cb = sizeof c, count;
    recorder r;
    rec_init(&r);
    g_rec = &r;
    dial_params(&p, "Office VPN");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 1, (LPVOID)cb1, &h), 0);
    CHECK(rec_wait_count(&r, 12));
    CHECK_EQ(RasConnectionNotificationW(h, ev, RASCN_Disconnection), 0);
    CHECK(!event_wait(ev, 0));
    CHECK_EQ(RasSimDrop(h, 0), 0);
    /* the new state is there when RasSimDrop returns */
    check_status(h, RASCS_Disconnected, ERROR_DISCONNECTION);
    CHECK(event_wait(ev, TIMEOUT_MS));
    CHECK(rec_wait_count(&r, 13));
    check_prefix(&r, 12);
    CHECK(r.ev[12].state == RASCS_Disconnected && r.ev[12].err == ERROR_DISCONNECTION);
    CHECK(r.ev[12].h == h);
    c.dwSize = sizeof c;
    CHECK_EQ(RasEnumConnectionsW(&c, &cb, &count), 0);
    CHECK_EQ(count, 0);
    st.dwSize = sizeof st;
    CHECK_EQ(RasGetConnectionStatistics(h, &st), ERROR_NO_CONNECTION);
    CHECK_EQ(RasSimDrop(h, 0), ERROR_NO_CONNECTION);
    CHECK_EQ(RasHangUpW(h), 0);
    CHECK_EQ(RasSimDrop(h, 0), ERROR_INVALID_HANDLE);
    CHECK_EQ(RasSimDrop(NULL, 0), ERROR_INVALID_HANDLE);
    /* a sub-entry handle, a given error, the scenario's DropError for 0, a
     * synchronous dial (no notifier to tell) */
    scenario("[*]\nDropError=829\n");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), 0);
    CHECK_EQ(RasSimDrop((HRASCONN)((uintptr_t)h + SIM_SUBENTRY_OFFSET), 720), 0);
    check_status(h, RASCS_Disconnected, 720);
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h2), 0); /* dialled anew */
    CHECK(h2 != h);
    CHECK_EQ(RasSimDrop(h2, 0), 0);
    check_status(h2, RASCS_Disconnected, 829);
    CHECK_EQ(RasHangUpW(h2), 0);
    CHECK_EQ(RasHangUpW(h), 0);
    /* every notifier attached (a join's too) hears the drop */
    rec_init(&r);
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 1, (LPVOID)cb1, &h), 0);
    CHECK(rec_wait_count(&r, 12));
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 1, (LPVOID)cb1, &h2), 0);
    CHECK(rec_wait_count(&r, 13));
    CHECK(r.ev[12].state == RASCS_Connected);
    CHECK_EQ(RasSimDrop(h, 0), 0);
    CHECK(rec_wait_count(&r, 15));
    CHECK(r.ev[13].state == RASCS_Disconnected && r.ev[13].err == 829);
    CHECK(r.ev[14].state == RASCS_Disconnected && r.ev[14].err == 829);
    CHECK_EQ(RasHangUpW(h), 0);
    CHECK_EQ(RasHangUpW(h), 0);
    event_close(ev);
    scenario(NULL);
}

static void
sync_dial_job(job *j)
{
    RASDIALPARAMSW p;
    HRASCONN h;
    WCHAR pbk[MAX_PATH];
    wset(pbk, SIM_COUNTOF(pbk), PBK);
    dial_params(&p, "Office VPN");
    j->rc = dial_fresh(NULL, pbk, &p, 0, NULL, &h);
    j->h = h;
}

/* RasSimDrop of a dial in progress: it fails in its current state. */
SIMTEST(drop_now_dialling)
{
    RASDIALPARAMSW p;
    RASDIALEXTENSIONS ext;
    HRASCONN h;
    job j;
    recorder r;
    rec_init(&r);
    g_rec = &r;
    scenario("[*]\nStateDelayMs=600000\n");
    dial_params(&p, "Office VPN");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 1, (LPVOID)cb1, &h), 0);
    CHECK(rec_wait_count(&r, 1));
    CHECK_EQ(RasSimDrop(h, 800), 0);
    check_status(h, RASCS_OpenPort, 800);
    CHECK(rec_wait_count(&r, 2));
    CHECK(r.ev[1].state == RASCS_OpenPort && r.ev[1].err == 800);
    CHECK_EQ(RasSimDrop(h, 800), ERROR_NO_CONNECTION);
    CHECK(sim_conn_debug_wait_idle(TIMEOUT_MS));
    CHECK_EQ(r.n, 2);
    CHECK_EQ(RasHangUpW(h), 0);
    /* a synchronous RasDialW returns the error, with its handle */
    job_start(&j, sync_dial_job, NULL, NULL);
    CHECK(sim_conn_debug_wait_count(1, TIMEOUT_MS));
    {
        RASCONNW c;
        DWORD cb = sizeof c, count;
        c.dwSize = sizeof c;
        CHECK_EQ(RasEnumConnectionsW(&c, &cb, &count), 0);
        CHECK_EQ(count, 1);
        CHECK_EQ(RasSimDrop(c.hrasconn, 0), 0);
        CHECK(job_join(&j));
        CHECK_EQ(j.rc, ERROR_DISCONNECTION);
        CHECK(j.h == c.hrasconn);
        check_status(j.h, RASCS_OpenPort, ERROR_DISCONNECTION);
        CHECK_EQ(RasHangUpW(j.h), 0);
    }
    /* a paused dial fails in its paused state and cannot be resumed */
    scenario("[*]\nInvokeEapUI=1\n");
    memset(&ext, 0, sizeof ext);
    ext.dwSize = sizeof ext;
    ext.dwfOptions = RDEOPT_PausedStates;
    rec_init(&r);
    CHECK_EQ(dial_fresh(&ext, W(PBK), &p, 1, (LPVOID)cb1, &h), 0);
    CHECK(rec_wait_count(&r, 7));
    CHECK(r.ev[6].state == RASCS_InvokeEapUI && r.ev[6].err == 0);
    CHECK_EQ(RasSimDrop(h, 0), 0);
    CHECK(rec_wait_count(&r, 8));
    CHECK(r.ev[7].state == RASCS_InvokeEapUI && r.ev[7].err == ERROR_DISCONNECTION);
    check_status(h, RASCS_InvokeEapUI, ERROR_DISCONNECTION);
    {
        HRASCONN again = h;
        CHECK_EQ(RasDialW(&ext, W(PBK), &p, 1, (LPVOID)cb1, &again), ERROR_INVALID_PARAMETER);
    }
    CHECK_EQ(RasHangUpW(h), 0);
    CHECK(sim_conn_debug_wait_idle(TIMEOUT_MS));
    CHECK_EQ(r.n, 8);
    scenario(NULL);
}
