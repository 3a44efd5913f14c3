/*
 * notify.c -- see notify.h.  Its lock is taken inside the connection
 * table's (never the other way round) and guards only the list.
 */
#include "common.h"
#include "rassim.h"
#include "notify.h"
#include "thread.h"

#include <stdlib.h>

typedef struct sim_reg {
    struct sim_reg *next;
    HRASCONN conn; /* INVALID_HANDLE_VALUE: every connection */
    HANDLE event;  /* Windows: the registration's own duplicate of the caller's */
    DWORD flags;
} sim_reg;

static sim_once g_once = SIM_ONCE_INIT;
static sim_mutex g_lock;
static sim_reg *g_regs;
static size_t g_count;

static void
init(void)
{
    sim_mutex_init(&g_lock);
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

static int
is_any(HRASCONN h)
{
    return (HANDLE)h == INVALID_HANDLE_VALUE;
}

void
sim_event_signal(HANDLE event)
{
#ifdef _WIN32
    (void)SetEvent(event); /* fails quietly on a closed handle */
#else
    (void)RasSimSetEvent(event);
#endif
}

static void
reg_free(sim_reg *r)
{
#ifdef _WIN32
    (void)CloseHandle(r->event);
#endif
    free(r);
}

DWORD
sim_notify_register(HRASCONN h, HANDLE event, DWORD flags)
{
    sim_reg *r;
    DWORD rc = 0;
#ifdef _WIN32
    /* As RasMan, a service in another process, must: the registration sets
     * its own duplicate, so the caller may close its handle, and a handle
     * value reused for another object later is never set by mistake (hence
     * no merging by handle value either). */
    HANDLE own;
    if (!DuplicateHandle(GetCurrentProcess(), event, GetCurrentProcess(), &own, 0, FALSE,
                         DUPLICATE_SAME_ACCESS)) {
        return ERROR_INVALID_HANDLE;
    }
    event = own;
    lock();
#else
    lock();
    for (r = g_regs; r != NULL; r = r->next) {
        if (r->conn == h && r->event == event) {
            r->flags |= flags;
            unlock();
            return 0;
        }
    }
#endif
    r = g_count < SIM_NOTIFY_MAX ? (sim_reg *)calloc(1, sizeof *r) : NULL;
    if (r == NULL) {
        rc = ERROR_NOT_ENOUGH_MEMORY;
#ifdef _WIN32
        (void)CloseHandle(event);
#endif
    } else {
        r->conn = h;
        r->event = event;
        r->flags = flags;
        r->next = g_regs;
        g_regs = r;
        g_count++;
    }
    unlock();
    return rc;
}

size_t
sim_notify_count(void)
{
    size_t n;
    lock();
    n = g_count;
    unlock();
    return n;
}

void
sim_notify_fire(HRASCONN h, DWORD flag)
{
    sim_reg *r;
    lock();
    for (r = g_regs; r != NULL; r = r->next) {
        if ((r->flags & flag) == 0) {
            continue;
        }
        /* RASCN_Connection concerns only INVALID_HANDLE_VALUE registrations. */
        if (is_any(r->conn) || (r->conn == h && flag != RASCN_Connection)) {
            sim_event_signal(r->event);
        }
    }
    unlock();
}

static void
drop_where(int (*match)(const sim_reg *, const void *), const void *key)
{
    sim_reg **p;
    lock();
    p = &g_regs;
    while (*p != NULL) {
        sim_reg *r = *p;
        if (match(r, key)) {
            *p = r->next;
            reg_free(r);
            g_count--;
        } else {
            p = &r->next;
        }
    }
    unlock();
}

static int
same_conn(const sim_reg *r, const void *key)
{
    return r->conn == *(const HRASCONN *)key;
}
static int
every(const sim_reg *r, const void *key)
{
    (void)r;
    (void)key;
    return 1;
}

void
sim_notify_forget(HRASCONN h)
{
    if (!is_any(h)) {
        drop_where(same_conn, &h);
    }
}

void
sim_notify_clear(void)
{
    drop_where(every, NULL);
}

#ifndef _WIN32
static int
same_event(const sim_reg *r, const void *key)
{
    return r->event == *(const HANDLE *)key;
}

void
sim_notify_forget_event(HANDLE event)
{
    drop_where(same_event, &event);
}
#endif
