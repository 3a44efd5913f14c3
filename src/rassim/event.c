/*
 * event.c -- event objects for RasConnectionNotificationW off Windows
 * (see rassim.h).  A list of events under one mutex and one condition
 * variable; handles count up from SIM_EVENT_BASE in steps of 4 and are
 * never reused, so a stale handle can only fail.
 */
#include "common.h"
#include "rassim.h"

#ifndef _WIN32

#include "notify.h"
#include "thread.h"

#include <stdlib.h>

#define SIM_EVENT_BASE 0x7E000000u

typedef struct sim_event {
    struct sim_event *next;
    uintptr_t id;
    int manual;
    int signalled;
} sim_event;

static sim_once g_once = SIM_ONCE_INIT;
static sim_mutex g_lock;
static sim_cond g_cond;
static sim_event *g_events;
static uintptr_t g_next = SIM_EVENT_BASE;

static void
init(void)
{
    sim_mutex_init(&g_lock);
    sim_cond_init(&g_cond);
}

static void
lock(void)
{
    sim_call_once(&g_once, init);
    sim_mutex_lock(&g_lock);
}

static void
unlock(void)
{
    sim_mutex_unlock(&g_lock);
}

static sim_event *
find(HANDLE h)
{
    sim_event *e;
    for (e = g_events; e != NULL; e = e->next) {
        if (e->id == (uintptr_t)h) {
            return e;
        }
    }
    return NULL;
}

HANDLE
RasSimCreateEvent(BOOL manual_reset, BOOL initial_state)
{
    sim_event *e = (sim_event *)calloc(1, sizeof *e);
    if (e == NULL) {
        return NULL;
    }
    e->manual = manual_reset != FALSE;
    e->signalled = initial_state != FALSE;
    lock();
    e->id = g_next;
    g_next += 4;
    e->next = g_events;
    g_events = e;
    unlock();
    return (HANDLE)e->id;
}

static BOOL
set_state(HANDLE h, int signalled)
{
    sim_event *e;
    lock();
    e = find(h);
    if (e != NULL) {
        e->signalled = signalled;
        sim_cond_broadcast(&g_cond);
    }
    unlock();
    return e != NULL;
}

BOOL
RasSimSetEvent(HANDLE h)
{
    return set_state(h, 1);
}
BOOL
RasSimResetEvent(HANDLE h)
{
    return set_state(h, 0);
}

DWORD
RasSimWaitEvent(HANDLE h, DWORD timeout_ms)
{
    uint64_t end = sim_now_ms() + timeout_ms, now;
    DWORD rc;
    sim_event *e;
    lock();
    for (;;) {
        e = find(h);
        if (e == NULL) {
            rc = RASSIM_WAIT_FAILED;
            break;
        }
        if (e->signalled) {
            if (!e->manual) {
                e->signalled = 0;
            }
            rc = RASSIM_WAIT_OBJECT_0;
            break;
        }
        if (timeout_ms == RASSIM_INFINITE) {
            sim_cond_wait(&g_cond, &g_lock);
            continue;
        }
        now = sim_now_ms();
        if (now >= end) {
            rc = RASSIM_WAIT_TIMEOUT;
            break;
        }
        sim_cond_wait_ms(&g_cond, &g_lock, end - now);
    }
    unlock();
    return rc;
}

BOOL
RasSimCloseEvent(HANDLE h)
{
    sim_event **p, *e = NULL;
    lock();
    for (p = &g_events; *p != NULL; p = &(*p)->next) {
        if ((*p)->id == (uintptr_t)h) {
            e = *p;
            *p = e->next;
            break;
        }
    }
    sim_cond_broadcast(&g_cond);
    unlock();
    if (e != NULL) {
        sim_notify_forget_event(h); /* what was registered with it ends */
    }
    free(e);
    return e != NULL;
}

#else

/* ISO C forbids an empty translation unit. */
typedef int sim_event_unused;

#endif
