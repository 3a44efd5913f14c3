/*
 * rasdial.c -- asynchronous RasDial with a Python callable.
 *
 * Each dial gets its own context, handed to RasDialW as the dwCallbackId of a
 * RasDialFunc2 notifier; nothing is looked up in a global map.  RAS calls the
 * notifier on a thread it owns: the notifier takes the GIL with
 * PyGILState_Ensure, calls the callable, and sends exceptions to
 * sys.unraisablehook.
 *
 * Lifetime.  A context holds two kinds of reference:
 *   - the RAS reference, held while RAS may still notify: dropped when the
 *     notifier returns 0 (the dial ended: Connected, Disconnected or an
 *     error), when RasDialW fails at once, or when HangUp succeeded on the
 *     dial's handle (after RasHangUpW returns, RAS notifies no dial of that
 *     handle again);
 *   - the Dial call's own reference, held across RasDialW, since the dial may
 *     finish on the RAS thread before RasDialW returns.
 * The callable is released with the RAS reference, or as soon as HangUp
 * ends the dial.  Contexts holding a RAS reference are on the hub's list.
 * Everything above changes only with the GIL held.
 *
 * Shutdown.  At exit the hub is closed: from then on notifiers return 0
 * without touching Python, and the close waits for notifiers already inside
 * Python to leave.  The hub and the contexts are plain C memory (malloc) with
 * their own lock, freed without the GIL when need be, so a
 * late notification never reads freed Python state.
 */
#include "rasmod.h"
#include "raslock.h"

#include <stdlib.h>
#include <string.h>

typedef struct rasdial_ctx rasdial_ctx;

struct rasdial_hub {
    raslock lock;               /* guards the fields up to `refs`; its
                                   condition signals "no notifier active" */
    int closing;
    long active;                /* notifiers between entry and exit */
    long refs;                  /* module state + contexts + notifiers */
    rasdial_ctx *head;          /* contexts holding a RAS reference (GIL) */
};

struct rasdial_ctx {
    rasdial_hub *hub;
    PyObject *callable;         /* NULL once the dial ended (GIL) */
    HRASCONN hconn;             /* known from RasDialW or a notification */
    int refs;                   /* RAS + Dial call (GIL) */
    int in_call;                /* notifier running (hub->lock) */
    rasdial_ctx *prev, *next;   /* on hub->head while the RAS ref is held */
    int linked;
};

/* Upper bound on the wait for running callbacks at exit, in milliseconds. */
#define RASDIAL_DRAIN_TIMEOUT_MS 5000

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
hub_free(rasdial_hub *hub)
{
    raslock_destroy(&hub->lock);
    free(hub);
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
        hub_free(hub);
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

void
rasdial_hub_release(rasdial_hub *hub)
{
    if (hub == NULL) {
        return;
    }
    raslock_acquire(&hub->lock);
    hub->closing = 1;
    raslock_release(&hub->lock);
    hub_decref(hub);
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

Py_ssize_t
rasdial_pending(rasdial_hub *hub)
{
    Py_ssize_t n = 0;
    rasdial_ctx *c;

    for (c = hub->head; c != NULL; c = c->next) {
        if (c->callable != NULL) {
            n++;
        }
    }
    return n;
}

/* ---- contexts (GIL held) --------------------------------------------- */

static void
ctx_link(rasdial_ctx *ctx)
{
    rasdial_hub *hub = ctx->hub;

    ctx->prev = NULL;
    ctx->next = hub->head;
    if (hub->head != NULL) {
        hub->head->prev = ctx;
    }
    hub->head = ctx;
    ctx->linked = 1;
}

static void
ctx_unlink(rasdial_ctx *ctx)
{
    rasdial_hub *hub = ctx->hub;

    if (!ctx->linked) {
        return;
    }
    if (ctx->prev != NULL) {
        ctx->prev->next = ctx->next;
    } else {
        hub->head = ctx->next;
    }
    if (ctx->next != NULL) {
        ctx->next->prev = ctx->prev;
    }
    ctx->prev = ctx->next = NULL;
    ctx->linked = 0;
}

static void
ctx_decref(rasdial_ctx *ctx)
{
    rasdial_hub *hub;

    if (--ctx->refs > 0) {
        return;
    }
    hub = ctx->hub;
    ctx_unlink(ctx);
    Py_CLEAR(ctx->callable);
    free(ctx);
    hub_decref(hub);
}

/* The dial ended: RAS will not notify again. */
static void
ctx_drop_ras_ref(rasdial_ctx *ctx)
{
    if (!ctx->linked) {
        return;
    }
    ctx_unlink(ctx);
    Py_CLEAR(ctx->callable);
    ctx_decref(ctx);
}

/* ---- the notifier -------------------------------------------------------- */

static int
dial_ended(RASCONNSTATE state, DWORD error)
{
    return error != 0 || state == RASCS_Connected ||
           state == RASCS_Disconnected;
}

/* With the GIL: call the callable.  Returns nonzero to keep notifications. */
static DWORD
deliver(rasdial_ctx *ctx, HRASCONN h, UINT msg, RASCONNSTATE state,
        DWORD error, DWORD exterror)
{
    PyObject *callable = ctx->callable;
    PyObject *res;

    if (ctx->hconn == NULL) {
        ctx->hconn = h;
    }
    if (callable == NULL) {
        return 0;
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
    /* The callable may have hung up (ctx->callable cleared meanwhile). */
    return (ctx->callable != NULL && !dial_ended(state, error)) ? 1 : 0;
}

static DWORD WINAPI
rasdial_notify(ULONG_PTR id, DWORD subentry, HRASCONN h, UINT msg,
               RASCONNSTATE state, DWORD error, DWORD exterror)
{
    rasdial_ctx *ctx = (rasdial_ctx *)id;
    rasdial_hub *hub;
    PyGILState_STATE gil;
    DWORD more;

    (void)subentry;
    if (ctx == NULL) {
        return 0;
    }
    hub = ctx->hub;
    raslock_acquire(&hub->lock);
    if (hub->closing) {
        /* The interpreter is going away: never touch Python again. */
        raslock_release(&hub->lock);
        return 0;
    }
    hub->active++;
    hub->refs++;
    ctx->in_call++;
    raslock_release(&hub->lock);

    gil = PyGILState_Ensure();
    more = deliver(ctx, h, msg, state, error, exterror);
    raslock_acquire(&hub->lock);
    ctx->in_call--;
    raslock_release(&hub->lock);
    if (!more) {
        ctx_drop_ras_ref(ctx);      /* may free ctx */
    }
    PyGILState_Release(gil);

    raslock_acquire(&hub->lock);
    hub->active--;
    if (hub->closing && hub->active == 0) {
        raslock_notify_all(&hub->lock);
    }
    raslock_release(&hub->lock);
    hub_decref(hub);
    return more;
}

/* ---- Dial and HangUp ---------------------------------------------------- */

/* The context of the dial of h still in progress (its callable held), if any. */
static rasdial_ctx *
ctx_find_active(rasdial_hub *hub, HRASCONN h)
{
    rasdial_ctx *c;

    for (c = hub->head; c != NULL; c = c->next) {
        if (c->hconn == h && c->callable != NULL) {
            return c;
        }
    }
    return NULL;
}

/* Resume a paused dial of ours: the same context goes back to RAS as the
 * dwCallbackId (whichever of the two RAS keeps, it names this context), and
 * its callable becomes the new one.  If RAS refuses, the dial stays as it
 * was and gets its old callable back. */
static DWORD
resume_ctx(rasdial_ctx *ctx, PyObject *callable, LPRASDIALEXTENSIONS ext,
           LPCWSTR phonebook, RASDIALPARAMSW *params, HRASCONN *hconn)
{
    PyObject *old = ctx->callable;
    DWORD rc;
    HRASCONN h = *hconn;

    ctx->refs++;                /* this call */
    Py_INCREF(callable);
    ctx->callable = callable;
    params->dwCallbackId = (ULONG_PTR)ctx;

    Py_BEGIN_ALLOW_THREADS
    rc = RasDialW(ext, phonebook, params, 2, (LPVOID)rasdial_notify, &h);
    Py_END_ALLOW_THREADS

    if (rc != 0 && ctx->callable == callable) {
        /* Refused: the paused dial keeps its callable.  (Had a HangUp or
         * the end of the dial cleared ctx->callable meanwhile, the new one
         * is already released and the old one only needs its reference
         * dropped below.) */
        ctx->callable = old;
        old = callable;
    }
    Py_XDECREF(old);
    ctx_decref(ctx);
    *hconn = h;
    return rc;
}

DWORD
rasdial_start(rasdial_hub *hub, PyObject *callable, LPRASDIALEXTENSIONS ext,
              LPCWSTR phonebook, RASDIALPARAMSW *params, HRASCONN *hconn,
              int *failed)
{
    rasdial_ctx *ctx;
    DWORD rc;
    HRASCONN h = *hconn;

    *failed = 0;
    if (h != NULL) {
        ctx = ctx_find_active(hub, h);
        if (ctx != NULL) {
            return resume_ctx(ctx, callable, ext, phonebook, params, hconn);
        }
        /* Not a dial of ours (or it already ended): a fresh context, which
         * RAS notifies only if it accepts the resume. */
    }
    ctx = calloc(1, sizeof(*ctx));
    if (ctx == NULL) {
        PyErr_NoMemory();
        *failed = 1;
        return 0;
    }
    hub_incref(hub);
    ctx->hub = hub;
    Py_INCREF(callable);
    ctx->callable = callable;
    ctx->refs = 2;              /* RAS + this call */
    ctx_link(ctx);
    params->dwCallbackId = (ULONG_PTR)ctx;

    Py_BEGIN_ALLOW_THREADS
    rc = RasDialW(ext, phonebook, params, 2, (LPVOID)rasdial_notify, &h);
    Py_END_ALLOW_THREADS

    if (rc != 0) {
        /* RAS refused the dial: no notification will follow. */
        ctx_drop_ras_ref(ctx);
    } else if (ctx->linked && ctx->hconn == NULL) {
        ctx->hconn = h;
    }
    ctx_decref(ctx);
    *hconn = h;
    return rc;
}

void
rasdial_hungup(rasdial_hub *hub, HRASCONN h)
{
    rasdial_ctx *c;

    /* Once RasHangUpW(h) has returned, RAS notifies none of the dials of h
     * again (even when h stays up for other references), so they have all
     * ended. */
restart:
    for (c = hub->head; c != NULL; c = c->next) {
        PyObject *callable;
        int in_call;

        if (c->hconn != h) {
            continue;
        }
        raslock_acquire(&hub->lock);
        in_call = c->in_call;
        raslock_release(&hub->lock);
        if (in_call && c->callable == NULL) {
            continue;           /* already ended; its notifier finishes it */
        }
        callable = c->callable;
        c->callable = NULL;
        if (!in_call) {
            ctx_drop_ras_ref(c);
        }
        /* else HangUp was called from this dial's own callable: its
         * notifier drops the RAS reference on the way out. */
        /* Releasing the callable can run any code, even code that changes
         * the list: start over. */
        Py_XDECREF(callable);
        goto restart;
    }
}
