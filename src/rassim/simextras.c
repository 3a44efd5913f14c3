/*
 * simextras.c -- the simulator-only exports declared in rassim.h (and listed
 * in rasapi32.def): RasSimTakePostedMessages, RasSimReset, RasSimVersion,
 * the call logs (RasSimDialLog, RasSimHangUpLog, RasSimClearLogs) and
 * RasSimDrop.
 */
#include "common.h"
#include "rassim.h"
#include "adminrras.h"
#include "autodial.h"
#include "calllog.h"
#include "conntable.h"
#include "post.h"

DWORD WINAPI
RasSimTakePostedMessages(RASSIM_POSTED_MESSAGE *buf, DWORD max, LPDWORD count)
{
    if (count == NULL || (buf == NULL && max != 0)) {
        return ERROR_INVALID_PARAMETER;
    }
    *count = sim_post_take(buf, max);
    return 0;
}

VOID WINAPI
RasSimReset(void)
{
    sim_conn_reset();
    sim_rras_reset(); /* after the connections: their ends were told */
    sim_autodial_reset();
    sim_log_clear();
}

DWORD WINAPI
RasSimVersion(void)
{
    return RASSIM_VERSION;
}

DWORD WINAPI
RasSimDialLog(RASSIM_DIAL_RECORD *buf, DWORD max, LPDWORD count)
{
    if (count == NULL || (buf == NULL && max != 0)) {
        return ERROR_INVALID_PARAMETER;
    }
    *count = sim_log_read_dials(buf, max);
    return 0;
}

DWORD WINAPI
RasSimHangUpLog(RASSIM_HANGUP_RECORD *buf, DWORD max, LPDWORD count)
{
    if (count == NULL || (buf == NULL && max != 0)) {
        return ERROR_INVALID_PARAMETER;
    }
    *count = sim_log_read_hangups(buf, max);
    return 0;
}

VOID WINAPI
RasSimClearLogs(void)
{
    sim_log_clear();
}

DWORD WINAPI
RasSimDrop(HRASCONN h, DWORD error)
{
    return sim_conn_drop(h, error);
}
