/*
 * simextras.c -- the simulator-only exports declared in rassim.h (and listed
 * in rasapi32.def): RasSimTakePostedMessages, RasSimReset, RasSimVersion.
 */
#include "common.h"
#include "rassim.h"
#include "autodial.h"
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
    sim_autodial_reset();
}

DWORD WINAPI
RasSimVersion(void)
{
    return RASSIM_VERSION;
}
