/*
 * statistics.c -- RasGetConnectionStatistics, RasClearConnectionStatistics,
 * RasGetLinkStatistics, RasClearLinkStatistics.
 *
 * Nothing is counted: the counters are computed from the connection's
 * statistics clock (conntable.h) and the rates of its scenario, so they grow
 * with time while connected and restart on a clear.  Every connection has
 * one link (sub-entry 1), whose counters are the connection's: clearing
 * either clears both.
 */
#include "common.h"
#include "conntable.h"
#include "structs.h"

#include <string.h>

/* Bytes of a payload frame, for the frame counters. */
#define SIM_FRAME_BYTES 1500u

/* floor(rate * ms / 1000) without overflowing for any DWORD rate. */
static uint64_t
bytes_after(DWORD rate, uint64_t ms)
{
    return (uint64_t)rate * (ms / 1000) + (uint64_t)rate * (ms % 1000) / 1000;
}

/* The counters of a link clock; DWORD counters wrap like Windows' do.  A
 * link not yet up reports zeros. */
static void
make_stats(const sim_link_clock *k, RAS_STATS *s)
{
    uint64_t out = bytes_after(k->bytes_out_per_sec, k->counted_ms);
    uint64_t in = bytes_after(k->bytes_in_per_sec, k->counted_ms);
    memset(s, 0, sizeof *s);
    s->dwSize = sizeof *s;
    if (k->state != SIM_LINK_UP) {
        return;
    }
    s->dwBytesXmited = (DWORD)out;
    s->dwBytesRcved = (DWORD)in;
    s->dwFramesXmited = (DWORD)(out / SIM_FRAME_BYTES);
    s->dwFramesRcved = (DWORD)(in / SIM_FRAME_BYTES);
    s->dwBps = k->bps;
    s->dwConnectDuration = (DWORD)k->connected_ms;
}

/* Checks the sub-entry (0 for the connection functions: none given). */
static DWORD
check_subentry(int link, DWORD sub)
{
    if (link && sub == 0) {
        return ERROR_INVALID_PARAMETER;
    }
    return 0;
}

/* Reads (and with clear, restarts) the clock of the connection or link.
 * ERROR_NO_CONNECTION for a link other than 1, or one that is down. */
static DWORD
link_clock(HRASCONN h, int link, DWORD sub, int clear, sim_link_clock *k)
{
    DWORD rc;
    if (link && sub != 1) {
        rc = sim_conn_link_clock(h, 0, k);
        return rc != 0 ? rc : ERROR_NO_CONNECTION;
    }
    rc = sim_conn_link_clock(h, clear, k);
    if (rc == 0 && k->state == SIM_LINK_DOWN) {
        rc = ERROR_NO_CONNECTION;
    }
    return rc;
}

static DWORD
get_stats(HRASCONN h, int link, DWORD sub, RAS_STATS *out)
{
    sim_link_clock k;
    RAS_STATS s;
    DWORD rc;
    if (out == NULL) {
        return ERROR_INVALID_PARAMETER;
    }
    if (!sim_struct_size_ok(SIM_RAS_STATS, sim_struct_read_size(out))) {
        return ERROR_INVALID_SIZE;
    }
    rc = check_subentry(link, sub);
    if (rc == 0) {
        rc = link_clock(h, link, sub, 0, &k);
    }
    if (rc != 0) {
        return rc;
    }
    make_stats(&k, &s);
    memcpy(out, &s, sizeof s);
    return 0;
}

static DWORD
clear_stats(HRASCONN h, int link, DWORD sub)
{
    sim_link_clock k;
    DWORD rc = check_subentry(link, sub);
    return rc != 0 ? rc : link_clock(h, link, sub, 1, &k);
}

DWORD WINAPI
RasGetConnectionStatistics(HRASCONN h, RAS_STATS *lpStatistics)
{
    return get_stats(h, 0, 0, lpStatistics);
}

DWORD WINAPI
RasClearConnectionStatistics(HRASCONN h)
{
    return clear_stats(h, 0, 0);
}

DWORD WINAPI
RasGetLinkStatistics(HRASCONN h, DWORD dwSubEntry, RAS_STATS *lpStatistics)
{
    return get_stats(h, 1, dwSubEntry, lpStatistics);
}

DWORD WINAPI
RasClearLinkStatistics(HRASCONN h, DWORD dwSubEntry)
{
    return clear_stats(h, 1, dwSubEntry);
}
