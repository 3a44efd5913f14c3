/*
 * calllog.c -- see calllog.h.
 */
#include "common.h"
#include "calllog.h"
#include "thread.h"

#include <stdlib.h>
#include <string.h>
#ifndef _WIN32
#include <time.h>
#endif

/* A ring of RASSIM_LOG_MAX records of one size, allocated at the first
 * append. */
typedef struct sim_ring {
    unsigned char *items;
    size_t size;
    size_t head; /* index of the oldest record */
    size_t count;
} sim_ring;

static sim_once g_once = SIM_ONCE_INIT;
static sim_mutex g_lock;
static sim_ring g_dials = { NULL, sizeof(RASSIM_DIAL_RECORD), 0, 0 };
static sim_ring g_hangups = { NULL, sizeof(RASSIM_HANGUP_RECORD), 0, 0 };
static DWORD g_sequence;

static void
log_init(void)
{
    sim_mutex_init(&g_lock);
}

static void
lock(void)
{
    sim_call_once(&g_once, log_init);
    sim_mutex_lock(&g_lock);
}

unsigned long long
sim_wall_time(void)
{
#ifdef _WIN32
    FILETIME ft;
    GetSystemTimeAsFileTime(&ft);
    return ((unsigned long long)ft.dwHighDateTime << 32) | ft.dwLowDateTime;
#else
    /* 1601-01-01 to 1970-01-01 in 100 ns units. */
    const unsigned long long epoch = 116444736000000000ULL;
    struct timespec ts;
    if (clock_gettime(CLOCK_REALTIME, &ts) != 0 || ts.tv_sec < 0) {
        return epoch;
    }
    return epoch + (unsigned long long)ts.tv_sec * 10000000ULL +
           (unsigned long long)ts.tv_nsec / 100ULL;
#endif
}

/* Appends a copy of *item; the caller holds the lock. */
static void
ring_append(sim_ring *r, const void *item)
{
    size_t slot;
    if (r->items == NULL) {
        r->items = (unsigned char *)malloc(RASSIM_LOG_MAX * r->size);
        if (r->items == NULL) {
            return;
        }
    }
    if (r->count == RASSIM_LOG_MAX) {
        r->head = (r->head + 1) % RASSIM_LOG_MAX;
        r->count--;
    }
    slot = (r->head + r->count) % RASSIM_LOG_MAX;
    memcpy(r->items + slot * r->size, item, r->size);
    r->count++;
}

static DWORD
ring_read(const sim_ring *r, void *buf, DWORD max)
{
    size_t i, n;
    lock();
    n = r->count;
    if (max == 0 || buf == NULL) {
        sim_mutex_unlock(&g_lock);
        return (DWORD)n;
    }
    if (n > max) {
        n = max;
    }
    for (i = 0; i < n; i++) {
        memcpy((unsigned char *)buf + i * r->size,
               r->items + ((r->head + i) % RASSIM_LOG_MAX) * r->size, r->size);
    }
    sim_mutex_unlock(&g_lock);
    return (DWORD)n;
}

void
sim_log_dial(RASSIM_DIAL_RECORD *rec)
{
    lock();
    rec->dwSequence = ++g_sequence;
    ring_append(&g_dials, rec);
    sim_mutex_unlock(&g_lock);
}

void
sim_log_hangup(RASSIM_HANGUP_RECORD *rec)
{
    lock();
    rec->dwSequence = ++g_sequence;
    ring_append(&g_hangups, rec);
    sim_mutex_unlock(&g_lock);
}

DWORD
sim_log_read_dials(RASSIM_DIAL_RECORD *buf, DWORD max)
{
    return ring_read(&g_dials, buf, max);
}

DWORD
sim_log_read_hangups(RASSIM_HANGUP_RECORD *buf, DWORD max)
{
    return ring_read(&g_hangups, buf, max);
}

void
sim_log_clear(void)
{
    lock();
    g_dials.head = g_dials.count = 0;
    g_hangups.head = g_hangups.count = 0;
    sim_mutex_unlock(&g_lock);
}
