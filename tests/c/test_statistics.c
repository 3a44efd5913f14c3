/*
 * test_statistics.c -- C tests of connection and link statistics
 * (statistics.c).
 */
#include "simtest.h"

/* ---- statistics --------------------------------------------------------- */

/* Exact rates: 1000 bytes out and 3000 in per millisecond. */
static const char k_stats_scenario[] =
    "[*]\nBytesPerSecondOut=1000000\nBytesPerSecondIn=3000000\nBps=54000\n";

/* Connection statistics (sub 0) or those of link sub. */
static DWORD
read_stats(HRASCONN h, DWORD sub, RAS_STATS *s)
{
    memset(s, 0x5A, sizeof *s);
    s->dwSize = sizeof *s;
    return sub == 0 ? RasGetConnectionStatistics(h, s) : RasGetLinkStatistics(h, sub, s);
}

/* Polls until dwConnectDuration reaches ms (or the deadline); the last
 * reading is left in *s.  Non-zero when reached. */
static int
wait_duration(HRASCONN h, DWORD sub, DWORD ms, RAS_STATS *s)
{
    uint64_t end = sim_now_ms() + TIMEOUT_MS;
    for (;;) {
        if (read_stats(h, sub, s) != 0) {
            return 0;
        }
        if (s->dwConnectDuration >= ms) {
            return 1;
        }
        if (sim_now_ms() >= end) {
            return 0;
        }
        sim_sleep_ms(1);
    }
}

/* Everything but the byte counters is fixed by the rates. */
static int
stats_consistent(const RAS_STATS *s, DWORD bps)
{
    return s->dwSize == sizeof *s && s->dwBytesRcved == 3 * s->dwBytesXmited &&
           s->dwBytesXmited % 1000 == 0 && s->dwFramesXmited == s->dwBytesXmited / 1500 &&
           s->dwFramesRcved == s->dwBytesRcved / 1500 && s->dwCrcErr == 0 && s->dwTimeoutErr == 0 &&
           s->dwAlignmentErr == 0 && s->dwHardwareOverrunErr == 0 && s->dwFramingErr == 0 &&
           s->dwBufferOverrunErr == 0 && s->dwCompressionRatioIn == 0 &&
           s->dwCompressionRatioOut == 0 && s->dwBps == bps &&
           s->dwBytesXmited <= 1000ull * s->dwConnectDuration;
}

static int
stats_zero(const RAS_STATS *s)
{
    RAS_STATS z;
    memset(&z, 0, sizeof z);
    z.dwSize = sizeof z;
    return memcmp(s, &z, sizeof z) == 0;
}

SIMTEST(stats_errors)
{
    RASDIALPARAMSW p;
    RAS_STATS s;
    HRASCONN h, bogus = (HRASCONN)(uintptr_t)0x7770;
    const DWORD bad_sizes[] = { 0, sizeof(RAS_STATS) - 4, sizeof(RAS_STATS) + 4, 1 };
    size_t i;
    dial_params(&p, "Office VPN");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), 0);
    /* NULL structure, bad sizes: before the handle is looked at */
    CHECK_EQ(RasGetConnectionStatistics(h, NULL), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasGetConnectionStatistics(bogus, NULL), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasGetLinkStatistics(h, 1, NULL), ERROR_INVALID_PARAMETER);
    for (i = 0; i < SIM_COUNTOF(bad_sizes); i++) {
        memset(&s, 0x5A, sizeof s);
        s.dwSize = bad_sizes[i];
        CHECK_EQ(RasGetConnectionStatistics(h, &s), ERROR_INVALID_SIZE);
        CHECK_EQ(RasGetConnectionStatistics(bogus, &s), ERROR_INVALID_SIZE);
        CHECK_EQ(RasGetLinkStatistics(h, 1, &s), ERROR_INVALID_SIZE);
        CHECK_EQ(s.dwBytesXmited, 0x5A5A5A5Au);
    }
    /* handles */
    CHECK_EQ(read_stats(bogus, 0, &s), ERROR_INVALID_HANDLE);
    CHECK_EQ(read_stats(NULL, 0, &s), ERROR_INVALID_HANDLE);
    CHECK_EQ(read_stats(bogus, 1, &s), ERROR_INVALID_HANDLE);
    CHECK_EQ(read_stats(bogus, 2, &s), ERROR_INVALID_HANDLE);
    CHECK_EQ(RasClearConnectionStatistics(bogus), ERROR_INVALID_HANDLE);
    CHECK_EQ(RasClearConnectionStatistics(NULL), ERROR_INVALID_HANDLE);
    CHECK_EQ(RasClearLinkStatistics(bogus, 1), ERROR_INVALID_HANDLE);
    /* sub-entries: 0 is invalid, only 1 exists */
    CHECK_EQ(read_stats(h, 0, &s), 0);
    CHECK_EQ(read_stats(h, 1, &s), 0);
    CHECK_EQ(RasGetLinkStatistics(h, 0, &s), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasGetLinkStatistics(bogus, 0, &s), ERROR_INVALID_PARAMETER);
    CHECK_EQ(read_stats(h, 2, &s), ERROR_NO_CONNECTION);
    CHECK_EQ(read_stats(h, 0xFFFFFFFFu, &s), ERROR_NO_CONNECTION);
    CHECK_EQ(RasClearLinkStatistics(h, 0), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasClearLinkStatistics(bogus, 0), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasClearLinkStatistics(h, 2), ERROR_NO_CONNECTION);
    CHECK_EQ(RasClearLinkStatistics(h, 1), 0);
    CHECK_EQ(RasClearConnectionStatistics(h), 0);
    /* a hung-up handle is gone */
    CHECK_EQ(RasHangUpW(h), 0);
    CHECK_EQ(read_stats(h, 0, &s), ERROR_INVALID_HANDLE);
    CHECK_EQ(read_stats(h, 1, &s), ERROR_INVALID_HANDLE);
    CHECK_EQ(RasClearConnectionStatistics(h), ERROR_INVALID_HANDLE);
    CHECK_EQ(RasClearLinkStatistics(h, 1), ERROR_INVALID_HANDLE);
}

/* Counters grow, Clear restarts them (either function clears both), the
 * duration goes on. */
SIMTEST(stats_counters)
{
    RASDIALPARAMSW p;
    RAS_STATS s1, s2, s3, l;
    HRASCONN h, h2;
    scenario(k_stats_scenario);
    dial_params(&p, "Office VPN");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), 0);
    /* never cleared: exactly the rates times the duration */
    CHECK_EQ(read_stats(h, 0, &s1), 0);
    CHECK(stats_consistent(&s1, 54000));
    CHECK_EQ(s1.dwBytesXmited, 1000ull * s1.dwConnectDuration);
    /* growing */
    CHECK(wait_duration(h, 0, s1.dwConnectDuration + 200, &s2));
    CHECK(stats_consistent(&s2, 54000));
    CHECK_EQ(s2.dwBytesXmited, 1000ull * s2.dwConnectDuration);
    CHECK(s2.dwBytesXmited >= s1.dwBytesXmited + 200000);
    CHECK(s2.dwFramesRcved > s1.dwFramesRcved);
    /* the link is the connection */
    CHECK_EQ(read_stats(h, 1, &l), 0);
    CHECK(stats_consistent(&l, 54000));
    CHECK_EQ(l.dwBytesXmited, 1000ull * l.dwConnectDuration);
    CHECK(l.dwConnectDuration >= s2.dwConnectDuration);
    /* a clear restarts the counters but not the duration: at most the time
     * since the reading before the clear has been counted */
    CHECK_EQ(RasClearConnectionStatistics(h), 0);
    CHECK_EQ(read_stats(h, 0, &s3), 0);
    CHECK(stats_consistent(&s3, 54000));
    CHECK(s3.dwConnectDuration >= l.dwConnectDuration);
    CHECK(s3.dwBytesXmited <= 1000ull * (s3.dwConnectDuration - l.dwConnectDuration));
    CHECK(s3.dwBytesXmited < 1000ull * s3.dwConnectDuration);
    CHECK_EQ(read_stats(h, 1, &l), 0);
    CHECK(l.dwBytesXmited <= 1000ull * (l.dwConnectDuration - s2.dwConnectDuration));
    /* and grows again */
    CHECK(wait_duration(h, 1, l.dwConnectDuration + 200, &s2));
    CHECK(s2.dwBytesXmited >= l.dwBytesXmited + 200000);
    /* clearing the link clears the connection */
    CHECK_EQ(RasClearLinkStatistics(h, 1), 0);
    CHECK_EQ(read_stats(h, 0, &s3), 0);
    CHECK(stats_consistent(&s3, 54000));
    CHECK(s3.dwConnectDuration >= s2.dwConnectDuration);
    CHECK(s3.dwBytesXmited <= 1000ull * (s3.dwConnectDuration - s2.dwConnectDuration));
    /* a re-dial of the entry joins the connection: same counters */
    scenario(NULL);
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h2), 0);
    CHECK(h2 == h);
    CHECK_EQ(read_stats(h2, 0, &s1), 0);
    CHECK(stats_consistent(&s1, 54000));
    CHECK(s1.dwConnectDuration >= s3.dwConnectDuration);
    CHECK_EQ(RasHangUpW(h), 0);
    CHECK_EQ(RasHangUpW(h), 0);
    /* the default rates: 12500 bytes/s out, 125000 in, 100 Mbit/s */
    dial_params(&p, "Home Modem");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), 0);
    CHECK(wait_duration(h, 0, 80, &s1));
    CHECK_EQ(s1.dwBytesXmited, 12500ull * s1.dwConnectDuration / 1000);
    CHECK_EQ(s1.dwBytesRcved, 125ull * s1.dwConnectDuration);
    CHECK_EQ(s1.dwFramesRcved, s1.dwBytesRcved / 1500);
    CHECK_EQ(s1.dwBps, 100000000u);
    CHECK_EQ(RasHangUpW(h), 0);
    /* zero rates count nothing */
    scenario("[*]\nBytesPerSecondOut=0\nBytesPerSecondIn=0\nBps=0\n");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), 0);
    CHECK(wait_duration(h, 0, 20, &s1));
    CHECK(s1.dwBytesXmited == 0 && s1.dwBytesRcved == 0 && s1.dwFramesXmited == 0);
    CHECK_EQ(s1.dwBps, 0);
    CHECK_EQ(RasHangUpW(h), 0);
    scenario(NULL);
}

/* Dialling: zeros (and Clear succeeds); failed or dropped: no link. */
SIMTEST(stats_states)
{
    RASDIALPARAMSW p;
    RAS_STATS s;
    HRASCONN h;
    recorder r;
    rec_init(&r);
    g_rec = &r;
    dial_params(&p, "Office VPN");
    scenario("[*]\nStateDelayMs=600000\n");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 1, (LPVOID)cb1, &h), 0);
    CHECK(rec_wait_count(&r, 1));
    CHECK_EQ(read_stats(h, 0, &s), 0);
    CHECK(stats_zero(&s));
    CHECK_EQ(read_stats(h, 1, &s), 0);
    CHECK(stats_zero(&s));
    CHECK_EQ(read_stats(h, 2, &s), ERROR_NO_CONNECTION);
    CHECK_EQ(RasClearConnectionStatistics(h), 0);
    CHECK_EQ(RasClearLinkStatistics(h, 1), 0);
    CHECK_EQ(RasHangUpW(h), 0);
    /* a failed dial, not yet hung up */
    scenario("[*]\nFailState=Authenticate\n");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), ERROR_FROM_DEVICE);
    CHECK_EQ(read_stats(h, 0, &s), ERROR_NO_CONNECTION);
    CHECK_EQ(read_stats(h, 1, &s), ERROR_NO_CONNECTION);
    CHECK_EQ(RasClearConnectionStatistics(h), ERROR_NO_CONNECTION);
    CHECK_EQ(RasClearLinkStatistics(h, 1), ERROR_NO_CONNECTION);
    CHECK_EQ(RasHangUpW(h), 0);
    /* a dropped link, not yet hung up */
    scenario("[*]\nDropAfterMs=0\n");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), 0);
    CHECK(sim_conn_debug_wait_state(h, RASCS_Disconnected, TIMEOUT_MS));
    CHECK_EQ(read_stats(h, 0, &s), ERROR_NO_CONNECTION);
    CHECK_EQ(read_stats(h, 1, &s), ERROR_NO_CONNECTION);
    CHECK_EQ(RasClearConnectionStatistics(h), ERROR_NO_CONNECTION);
    CHECK_EQ(RasClearLinkStatistics(h, 1), ERROR_NO_CONNECTION);
    CHECK_EQ(RasHangUpW(h), 0);
    CHECK_EQ(read_stats(h, 0, &s), ERROR_INVALID_HANDLE);
    scenario(NULL);
}

#define STATS_DIALS 25

typedef struct stats_dialer {
    int index;
    const char *pbk;
    DWORD failures;
} stats_dialer;

/* Dials, reads, clears and hangs up its own entry, over and over. */
static void
stats_dialer_job(job *j)
{
    stats_dialer *d = (stats_dialer *)j->arg;
    RASDIALPARAMSW p;
    RAS_STATS s;
    HRASCONN h;
    char name[32];
    int i;
    snprintf(name, sizeof name, "VPN %d", d->index);
    for (i = 0; i < STATS_DIALS; i++) {
        dial_params(&p, name);
        if (dial_fresh(NULL, W(d->pbk), &p, 0, NULL, &h) != 0) {
            d->failures++;
            continue;
        }
        d->failures += read_stats(h, (DWORD)(i % 2), &s) != 0 || !stats_consistent(&s, 54000);
        d->failures +=
            (i % 2 ? RasClearLinkStatistics(h, 1) : RasClearConnectionStatistics(h)) != 0;
        d->failures += RasHangUpW(h) != 0;
    }
}

/* Reads and clears the statistics of every listed connection until told
 * to stop; rc counts unexpected answers. */
static void
stats_poller_job(job *j)
{
    stop_flag *flag = (stop_flag *)j->arg;
    RASCONNW conns[NTHREADS + 1];
    unsigned round = 0;
    while (!stopped(flag)) {
        DWORD cb = sizeof conns, count = 0, i, rc;
        conns[0].dwSize = sizeof conns[0];
        if (RasEnumConnectionsW(conns, &cb, &count) != 0) {
            j->rc++;
        }
        for (i = 0; i < count; i++, round++) {
            RAS_STATS s;
            rc = read_stats(conns[i].hrasconn, round % 2, &s);
            if (rc == 0 && !stats_consistent(&s, 54000) && !stats_zero(&s)) {
                j->rc++;
            }
            if (rc != 0 && rc != ERROR_INVALID_HANDLE) {
                j->rc++;
            }
            rc = round % 3 == 0 ? RasClearConnectionStatistics(conns[i].hrasconn)
                                : RasClearLinkStatistics(conns[i].hrasconn, 1);
            if (rc != 0 && rc != ERROR_INVALID_HANDLE) {
                j->rc++;
            }
        }
    }
}

SIMTEST(stats_concurrency)
{
    static stats_dialer d[NTHREADS];
    job jobs[NTHREADS], poller;
    stop_flag flag;
    char text[1024] = "";
    int i;
    for (i = 0; i < NTHREADS; i++) {
        snprintf(text + strlen(text), sizeof text - strlen(text), "[VPN %d]\nDEVICE=vpn\n", i);
    }
    write_file(P("stats.pbk"), text);
    scenario(k_stats_scenario);
    sim_mutex_init(&flag.m);
    flag.stop = 0;
    job_start(&poller, stats_poller_job, &flag, NULL);
    for (i = 0; i < NTHREADS; i++) {
        d[i].index = i;
        d[i].pbk = P("stats.pbk");
        d[i].failures = 0;
        job_start(&jobs[i], stats_dialer_job, &d[i], NULL);
    }
    for (i = 0; i < NTHREADS; i++) {
        CHECK(job_join(&jobs[i]));
        CHECK_EQ(d[i].failures, 0);
    }
    sim_mutex_lock(&flag.m);
    flag.stop = 1;
    sim_mutex_unlock(&flag.m);
    CHECK(job_join(&poller));
    CHECK_EQ(poller.rc, 0);
    scenario(NULL);
}
