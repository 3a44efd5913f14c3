/*
 * rasdial.c -- asynchronous RasDial with a Python callable.
 *
 * Each dial gets a context, named to RAS by an id: RasDialW gets the id as
 * the dwCallbackId of a RasDialFunc2 notifier, and RAS calls the notifier on
 * a thread it owns.  The notifier looks the id up in the registry of live
 * contexts; an id that is not there (the dial has ended) is answered with 0
 * (no more notifications) without touching Python or any freed memory.  RAS
 * may notify a dial after we have ended it -- Windows shares one connection
 * among the dials of a connected entry, and a RasHangUp of the handle can
 * race a dial that joins it -- so the id, not a pointer, is what RAS holds.
 *
 * The lifetime of a context, as a state machine
 * ----------------------------------------------
 *
 *   states     REGISTERED   in the registry; `callable` held; RAS may notify
 *              ENDED        out of the registry; `callable` released; later
 *                           notifications with its id are answered with 0
 *              FREED        no holder left; the memory is gone
 *
 *   holders    (the `refs` count, under g_reg_lock)
 *              - the registry, while REGISTERED;
 *              - the Dial() call, across its RasDialW (a dial can finish on
 *                the RAS thread before RasDialW returns);
 *              - each notifier running for the context (between the
 *                registry lookup and its return to RAS);
 *              - a resuming Dial() call, across its RasDialW.
 *
 *   events                                    transition
 *   Dial(callable)                            -> REGISTERED, refs 2
 *   RasDialW fails at once                    REGISTERED -> ENDED
 *   RasDialW returns 0                        the handle is recorded if no
 *                                             notification gave it yet
 *   notification, not terminal                REGISTERED (the callable runs)
 *   notification, terminal (RASCS_Connected,  REGISTERED -> ENDED after the
 *     RASCS_Disconnected or an error)           callable returns
 *   notification of an ENDED context          answered 0; no Python
 *   notification after the atexit close       answered 0; no Python
 *   HangUp(h) succeeds, by any thread         every REGISTERED context whose
 *     (also from inside a callable)             handle is h -> ENDED; once
 *                                             HangUp returns no callable of
 *                                             those dials starts again
 *   Dial(hrasconn=h) resumes a paused dial    REGISTERED: the same id goes
 *                                             back to RAS with the new
 *                                             callable; if RAS refuses, the
 *                                             old callable comes back
 *   a dial joins a connected entry            a new context like any dial;
 *                                             RAS owes it RASCS_Connected
 *   the link drops                            RASCS_Disconnected (terminal)
 *                                             to every dial still notified
 *   the module is freed                       its REGISTERED contexts -> ENDED
 *   last holder lets go                       ENDED -> FREED
 *
 * A context's handle is known from RasDialW's return or its first
 * notification.  A dial whose Dial() call has not returned yet when a HangUp
 * of its handle completes keeps its context: RAS then either still notifies
 * it (the join came after the hang-up) or stops (the hang-up came after the
 * join: the owed RASCS_Connected is lost, as RAS decides); in the second case
 * the dial ends at the next HangUp of the handle, which its caller owes for
 * the reference the join gave it.
 *
 * Locks.  g_reg_lock (a plain mutex) guards the registry, every `refs` and
 * the id counter; `callable` and `hconn` change only with the GIL held (and,
 * for a REGISTERED context, with g_reg_lock too when it leaves the
 * registry).  The hub's lock guards the exit state; the order is g_reg_lock,
 * then a hub lock.
 *
 * Shutdown.  At exit the hub is closed: from then on notifiers answer 0
 * without touching Python, and the close waits for notifiers already inside
 * Python to leave.  The registry, the hub and the contexts are plain C
 * memory, freed without the GIL when need be, so a late notification never
 * reads freed Python state.
 */
#include "ext.h"
#include "lock.h"

#include <stdlib.h>
#include <string.h>

typedef struct rasdial_ctx rasdial_ctx;

struct rasdial_hub {
    raslock lock;               /* guards the fields below; its condition
                                   signals "no notifier active" */
    int closing;
    long active;                /* notifiers between entry and exit */
    long refs;                  /* module state + contexts */
};

struct rasdial_ctx {
    ULONG_PTR id;               /* the dwCallbackId RAS knows it by */
    rasdial_hub *hub;           /* a counted reference */
    PyObject *callable;         /* non-NULL exactly while REGISTERED (GIL) */
    HRASCONN hconn;             /* once known (GIL) */
    int registered;             /* g_reg_lock */
    long refs;                  /* holders (g_reg_lock) */
    rasdial_ctx *chain;         /* next in its registry bucket */
};

/* Upper bound on the wait for running callbacks at exit, in milliseconds. */
#define RASDIAL_DRAIN_TIMEOUT_MS 5000

/* ---- the registry of live contexts -------------------------------------- */

#define REG_BUCKETS 256         /* a power of two; ids are sequential */

static rasmutex g_reg_lock = RASMUTEX_INIT;
static rasdial_ctx *g_reg[REG_BUCKETS];
static ULONG_PTR g_next_id = 1;

static rasdial_ctx **
reg_bucket(ULONG_PTR id)
{
    return &g_reg[id & (REG_BUCKETS - 1)];
}

/* With g_reg_lock held. */
static rasdial_ctx *
reg_find(ULONG_PTR id)
{
    rasdial_ctx *c;

    for (c = *reg_bucket(id); c != NULL; c = c->chain) {
        if (c->id == id) {
            return c;
        }
    }
    return NULL;
}

/* With g_reg_lock held: a fresh id (never 0, never one still registered;
 * a ULONG_PTR wraps only after 2**32 dials on 32-bit Windows). */
static void
reg_insert(rasdial_ctx *ctx)
{
    rasdial_ctx **bucket;

    do {
        ctx->id = g_next_id++;
        if (g_next_id == 0) {
            g_next_id = 1;
        }
    } while (reg_find(ctx->id) != NULL);
    bucket = reg_bucket(ctx->id);
    ctx->chain = *bucket;
    *bucket = ctx;
    ctx->registered = 1;
}

/* With g_reg_lock held. */
static void
reg_remove(rasdial_ctx *ctx)
{
    rasdial_ctx **p = reg_bucket(ctx->id);

    while (*p != NULL && *p != ctx) {
        p = &(*p)->chain;
    }
    if (*p == ctx) {
        *p = ctx->chain;
    }
    ctx->chain = NULL;
    ctx->registered = 0;
}

/* With g_reg_lock held: the first registered context matching, or NULL.
 * hub NULL matches any hub; h NULL any handle. */
static rasdial_ctx *
reg_first(const rasdial_hub *hub, HRASCONN h)
{
    size_t i;
    rasdial_ctx *c;

    for (i = 0; i < REG_BUCKETS; i++) {
        for (c = g_reg[i]; c != NULL; c = c->chain) {
            if ((hub == NULL || c->hub == hub) && (h == NULL || c->hconn == h)) {
                return c;
            }
        }
    }
    return NULL;
}

/* ---- hub ---------------------------------------------------------------- */

rasdial_hub *
rasdial_hub_new(void)
{
    rasdial_hub *hub = calloc(1, sizeof(*hub));

    if (hub == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    if (raslock_init(&hub->lock) != 0) {
        free(hub);
        PyErr_SetString(PyExc_MemoryError, "cannot create a lock");
        return NULL;
    }
    hub->refs = 1;
    return hub;
}

static void
hub_incref(rasdial_hub *hub)
{
    raslock_acquire(&hub->lock);
    hub->refs++;
    raslock_release(&hub->lock);
}

static void
hub_decref(rasdial_hub *hub)
{
    long left;

    raslock_acquire(&hub->lock);
    left = --hub->refs;
    raslock_release(&hub->lock);
    if (left == 0) {
        raslock_destroy(&hub->lock);
        free(hub);
    }
}

void
rasdial_hub_close(rasdial_hub *hub)
{
    unsigned long long deadline;

    Py_BEGIN_ALLOW_THREADS
    raslock_acquire(&hub->lock);
    hub->closing = 1;
    /* Let running callbacks finish: they need the GIL, released here. */
    deadline = raslock_now_ms() + RASDIAL_DRAIN_TIMEOUT_MS;
    while (hub->active > 0) {
        unsigned long long now = raslock_now_ms();
        if (now >= deadline) {
            break;
        }
        raslock_wait_ms(&hub->lock, (unsigned long)(deadline - now));
    }
    raslock_release(&hub->lock);
    Py_END_ALLOW_THREADS
}

int
rasdial_hub_closed(rasdial_hub *hub)
{
    int closed;

    raslock_acquire(&hub->lock);
    closed = hub->closing;
    raslock_release(&hub->lock);
    return closed;
}

/* ---- contexts -------------------------------------------------------------- */

/* GIL held: a REGISTERED context holding `callable`, with two holders (the
 * registry and the caller). */
static rasdial_ctx *
ctx_new(rasdial_hub *hub, PyObject *callable)
{
    rasdial_ctx *ctx = calloc(1, sizeof(*ctx));

    if (ctx == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    hub_incref(hub);
    ctx->hub = hub;
    Py_INCREF(callable);
    ctx->callable = callable;
    ctx->refs = 2;
    rasmutex_acquire(&g_reg_lock);
    reg_insert(ctx);
    rasmutex_release(&g_reg_lock);
    return ctx;
}

/* Any thread, GIL or not: one holder lets go; the last frees (the context is
 * ENDED by then, its callable already released). */
static void
ctx_release(rasdial_ctx *ctx)
{
    long left;
    rasdial_hub *hub;

    rasmutex_acquire(&g_reg_lock);
    left = --ctx->refs;
    rasmutex_release(&g_reg_lock);
    if (left > 0) {
        return;
    }
    hub = ctx->hub;
    free(ctx);
    hub_decref(hub);
}

/* GIL held: REGISTERED -> ENDED (nothing if already ENDED).  Releasing the
 * callable can run any code; the caller must hold the context if it uses it
 * afterwards. */
static void
ctx_end(rasdial_ctx *ctx)
{
    PyObject *callable;
    int was;

    rasmutex_acquire(&g_reg_lock);
    was = ctx->registered;
    if (was) {
        reg_remove(ctx);
    }
    rasmutex_release(&g_reg_lock);
    if (!was) {
        return;
    }
    callable = ctx->callable;
    ctx->callable = NULL;
    ctx_release(ctx);           /* the registry's hold */
    Py_XDECREF(callable);
}

/* GIL held: end every REGISTERED context of hub (NULL: any) and handle h
 * (NULL: any), one at a time, since each release may run code that dials
 * or hangs up. */
static void
ctx_end_all(rasdial_hub *hub, HRASCONN h)
{
    rasdial_ctx *c;

    for (;;) {
        rasmutex_acquire(&g_reg_lock);
        c = reg_first(hub, h);
        rasmutex_release(&g_reg_lock);
        if (c == NULL) {
            return;
        }
        ctx_end(c);
    }
}

void
rasdial_hub_release(rasdial_hub *hub)
{
    if (hub == NULL) {
        return;
    }
    raslock_acquire(&hub->lock);
    hub->closing = 1;
    raslock_release(&hub->lock);
    ctx_end_all(hub, NULL);
    hub_decref(hub);
}

Py_ssize_t
rasdial_pending(rasdial_hub *hub)
{
    Py_ssize_t n = 0;
    size_t i;
    rasdial_ctx *c;

    rasmutex_acquire(&g_reg_lock);
    for (i = 0; i < REG_BUCKETS; i++) {
        for (c = g_reg[i]; c != NULL; c = c->chain) {
            n += c->hub == hub;
        }
    }
    rasmutex_release(&g_reg_lock);
    return n;
}

/* ---- the notifier -------------------------------------------------------- */

static int
dial_ended(RASCONNSTATE state, DWORD error)
{
    return error != 0 || state == RASCS_Connected ||
           state == RASCS_Disconnected;
}

/* With the GIL, the context held: call the callable.  Returns nonzero to
 * keep notifications coming. */
static DWORD
deliver(rasdial_ctx *ctx, HRASCONN h, UINT msg, RASCONNSTATE state,
        DWORD error, DWORD exterror)
{
    PyObject *callable = ctx->callable;
    PyObject *res;

    if (callable == NULL) {
        return 0;               /* ended while this waited for the GIL */
    }
    if (ctx->hconn == NULL) {
        ctx->hconn = h;
    }
    Py_INCREF(callable);
    res = PyObject_CallFunction(callable, "(NIiII)", rasconv_from_handle(h),
                                (unsigned int)msg, (int)state,
                                (unsigned int)error, (unsigned int)exterror);
    if (res == NULL) {
        PyErr_WriteUnraisable(callable);
    } else {
        Py_DECREF(res);
    }
    Py_DECREF(callable);
    if (ctx->callable == NULL) {
        return 0;               /* hung up meanwhile (maybe by the callable) */
    }
    if (dial_ended(state, error)) {
        ctx_end(ctx);
        return 0;
    }
    return 1;
}

static DWORD WINAPI
rasdial_notify(ULONG_PTR id, DWORD subentry, HRASCONN h, UINT msg,
               RASCONNSTATE state, DWORD error, DWORD exterror)
{
    rasdial_ctx *ctx;
    rasdial_hub *hub;
    PyGILState_STATE gil;
    DWORD more;

    (void)subentry;
    rasmutex_acquire(&g_reg_lock);
    ctx = reg_find(id);
    if (ctx == NULL) {
        /* The dial has ended: no Python, and RAS may stop notifying. */
        rasmutex_release(&g_reg_lock);
        return 0;
    }
    hub = ctx->hub;
    raslock_acquire(&hub->lock);
    if (hub->closing) {
        /* The interpreter is going away: never touch Python again. */
        raslock_release(&hub->lock);
        rasmutex_release(&g_reg_lock);
        return 0;
    }
    hub->active++;
    raslock_release(&hub->lock);
    ctx->refs++;
    rasmutex_release(&g_reg_lock);

    gil = PyGILState_Ensure();
    more = deliver(ctx, h, msg, state, error, exterror);
    PyGILState_Release(gil);

    raslock_acquire(&hub->lock);
    hub->active--;
    if (hub->closing && hub->active == 0) {
        raslock_notify_all(&hub->lock);
    }
    raslock_release(&hub->lock);
    ctx_release(ctx);           /* may free the context and the hub */
    return more;
}

/* ---- Dial and HangUp ---------------------------------------------------- */

/* Resume a paused dial of ours: its id goes back to RAS as the
 * dwCallbackId, and the new callable replaces the old one.  If RAS refuses,
 * the dial stays as it was and gets its old callable back. */
static DWORD
resume_ctx(rasdial_ctx *ctx, PyObject *callable, LPRASDIALEXTENSIONS ext,
           LPCWSTR phonebook, RASDIALPARAMSW *params, HRASCONN *hconn)
{
    PyObject *old = ctx->callable;
    DWORD rc;
    HRASCONN h = *hconn;

    rasmutex_acquire(&g_reg_lock);
    ctx->refs++;                /* this call */
    rasmutex_release(&g_reg_lock);
    Py_INCREF(callable);
    ctx->callable = callable;
    params->dwCallbackId = ctx->id;

    Py_BEGIN_ALLOW_THREADS
    rc = RasDialW(ext, phonebook, params, 2, (LPVOID)rasdial_notify, &h);
    Py_END_ALLOW_THREADS

    if (rc != 0 && ctx->callable == callable) {
        /* Refused: the paused dial keeps its callable.  (Had the dial ended
         * meanwhile, the new callable is released already and the old one
         * only needs its reference dropped below.) */
        ctx->callable = old;
        old = callable;
    }
    Py_DECREF(old);
    ctx_release(ctx);
    *hconn = h;
    return rc;
}

DWORD
rasdial_start(rasdial_hub *hub, PyObject *callable, LPRASDIALEXTENSIONS ext,
              LPCWSTR phonebook, RASDIALPARAMSW *params, HRASCONN *hconn,
              int *failed)
{
    rasdial_ctx *ctx = NULL;
    DWORD rc;
    HRASCONN h = *hconn;

    *failed = 0;
    if (h != NULL) {
        /* A paused dial of ours to resume?  (Otherwise a fresh context,
         * which RAS notifies only if it accepts the resume.) */
        rasmutex_acquire(&g_reg_lock);
        ctx = reg_first(NULL, h);
        rasmutex_release(&g_reg_lock);
        if (ctx != NULL) {
            return resume_ctx(ctx, callable, ext, phonebook, params, hconn);
        }
    }
    ctx = ctx_new(hub, callable);
    if (ctx == NULL) {
        *failed = 1;
        return 0;
    }
    params->dwCallbackId = ctx->id;

    Py_BEGIN_ALLOW_THREADS
    rc = RasDialW(ext, phonebook, params, 2, (LPVOID)rasdial_notify, &h);
    Py_END_ALLOW_THREADS

    if (rc != 0) {
        ctx_end(ctx);           /* refused: no notification will follow */
    } else if (ctx->callable != NULL && ctx->hconn == NULL) {
        ctx->hconn = h;
    }
    ctx_release(ctx);           /* this call's hold */
    *hconn = h;
    return rc;
}

void
rasdial_hungup(HRASCONN h)
{
    /* Dials of h from every module instance: the handle is the process's. */
    if (h != NULL) {
        ctx_end_all(NULL, h);
    }
}
