/*
 * dial.c -- the dial family: Dial, HangUp, RASDIALEXTENSIONS, and
 * asynchronous RasDial with a Python callable.
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
    raslock lock; /* guards the fields below; its condition
                     signals "no notifier active" */
    int closing;
    long active; /* notifiers between entry and exit */
    long refs;   /* module state + contexts */
};

struct rasdial_ctx {
    ULONG_PTR id;       /* the dwCallbackId RAS knows it by */
    rasdial_hub *hub;   /* a counted reference */
    PyObject *callable; /* non-NULL exactly while REGISTERED (GIL) */
    HRASCONN hconn;     /* once known (GIL) */
    int registered;     /* g_reg_lock */
    long refs;          /* holders (g_reg_lock) */
    rasdial_ctx *chain; /* next in its registry bucket */
};

/* Upper bound on the wait for running callbacks at exit, in milliseconds. */
#define RASDIAL_DRAIN_TIMEOUT_MS 5000

/* ---- the registry of live contexts -------------------------------------- */

#define REG_BUCKETS 256 /* a power of two; ids are sequential */

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

static int
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
    ctx_release(ctx); /* the registry's hold */
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

/* Number of dials whose callable is still referenced (for tests). */
static Py_ssize_t
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
    return error != 0 || state == RASCS_Connected || state == RASCS_Disconnected;
}

/* With the GIL: callable(hrasconn, msg, state, error, exterror), the
 * arguments' tuple built directly (no Py_BuildValue format parsing on the
 * notifier's path). */
static PyObject *
call_notified(PyObject *callable, HRASCONN h, UINT msg, RASCONNSTATE state, DWORD error,
              DWORD exterror)
{
    PyObject *args = PyTuple_New(5), *res;
    PyObject *items[5];
    Py_ssize_t i;

    if (args == NULL) {
        return NULL;
    }
    items[0] = rasconv_from_handle(h);
    items[1] = PyLong_FromUnsignedLong((unsigned long)msg);
    items[2] = PyLong_FromLong((long)state);
    items[3] = PyLong_FromUnsignedLong((unsigned long)error);
    items[4] = PyLong_FromUnsignedLong((unsigned long)exterror);
    for (i = 0; i < 5; i++) {
        /* PyTuple_SetItem steals the item, and a NULL leaves the slot empty
         * for the check below. */
        if (items[i] != NULL) {
            (void)PyTuple_SetItem(args, i, items[i]);
        }
    }
    for (i = 0; i < 5; i++) {
        if (items[i] == NULL) {
            Py_DECREF(args);
            return NULL;
        }
    }
    res = PyObject_Call(callable, args, NULL);
    Py_DECREF(args);
    return res;
}

/* With the GIL, the context held: call the callable.  Returns nonzero to
 * keep notifications coming. */
static DWORD
deliver(rasdial_ctx *ctx, HRASCONN h, UINT msg, RASCONNSTATE state, DWORD error, DWORD exterror)
{
    PyObject *callable = ctx->callable;
    PyObject *res;

    if (callable == NULL) {
        return 0; /* ended while this waited for the GIL */
    }
    if (ctx->hconn == NULL) {
        ctx->hconn = h;
    }
    Py_INCREF(callable);
    res = call_notified(callable, h, msg, state, error, exterror);
    if (res == NULL) {
        PyErr_WriteUnraisable(callable);
    } else {
        Py_DECREF(res);
    }
    Py_DECREF(callable);
    if (ctx->callable == NULL) {
        return 0; /* hung up meanwhile (maybe by the callable) */
    }
    if (dial_ended(state, error)) {
        ctx_end(ctx);
        return 0;
    }
    return 1;
}

/* ---- the notifier thread's Python thread state ------------------------
 *
 * A RAS thread has no Python thread state.  PyGILState_Ensure/Release around
 * each notification would create and destroy one every time; instead the
 * first notification on a thread creates one (PyGILState_Ensure) and the
 * thread keeps it -- a "keeper" in the thread's own storage -- while it
 * serves the dial: later notifications take and drop the GIL with it
 * (PyEval_RestoreThread / PyEval_SaveThread).
 *
 * CPython binds the state to its thread (the GILState thread-specific key).
 * It is deleted
 *   - after the dial's last notification (the notifier answers 0: the dial
 *     has ended), on its own thread: cleared with the GIL it holds then,
 *     deleted after releasing it (PyThreadState_Delete needs no GIL, and on
 *     this thread it also empties CPython's GILState key, as
 *     PyGILState_Release would; the caller woken by the last notification
 *     need not wait while the state's memory is freed);
 *   - or, when RAS stops notifying without a last notification (the dial
 *     was hung up by another thread), once its thread exits.  POSIX: the
 *     destructor of a pthread key, on the exiting thread.  By then the C
 *     library may have emptied CPython's own thread-specific key (it runs
 *     key destructors in no set order and clears every key), so the state
 *     is cleared with the GIL and deleted without, as PyThreadState_Delete
 *     allows.  Windows: an FLS callback hands the keeper to the reaper, a
 *     thread of ours that deletes it the same way.  The callback itself must
 *     not wait for the GIL: Windows (and Wine) may run FLS callbacks with
 *     the loader lock held, and a thread holding the GIL may be waiting for
 *     the loader lock (starting a thread, loading a DLL) -- a deadlock seen
 *     under Wine.  The exiting thread never runs Python again, so deleting
 *     its state from the reaper is what finalization does for every thread
 *     state of the interpreter; the reaper has no thread state of its own,
 *     so the GILState key it clears on the way (3.12+) is already empty.
 * Either way the deletion takes the GIL only while the keeper's hub is open
 * and counts as a running notifier, so that the atexit close waits for it;
 * once the hub is closing no Python is touched and the state is left to
 * finalization, which frees every thread state of the interpreter.
 *
 * A notification can nest inside another on the same thread (a callable
 * that dials, if RAS notified on the calling thread): `depth` keeps the
 * state until the outermost returns.  A thread that already has a thread
 * state not made here uses plain PyGILState_Ensure/Release.
 */
typedef struct rasdial_keeper {
    PyThreadState *ts;           /* created on this thread by a notification */
    rasdial_hub *hub;            /* a counted reference: whose gate guards ts */
    int depth;                   /* notifications running on this thread */
    struct rasdial_keeper *next; /* Windows: the reaper's list */
} rasdial_keeper;

static void keeper_exit_impl(rasdial_keeper *k);

#ifdef _WIN32
static INIT_ONCE g_keeper_once = INIT_ONCE_STATIC_INIT;
static DWORD g_keeper_slot = FLS_OUT_OF_INDEXES;

/* The reaper: keepers of exited threads, deleted on a thread of ours. */
static rasmutex g_orphans_lock = RASMUTEX_INIT;
static rasdial_keeper *g_orphans; /* linked by `next` */
static HANDLE g_reaper_wake;      /* auto-reset: orphans are waiting */

static DWORD WINAPI
reaper_main(LPVOID arg)
{
    (void)arg;
    while (WaitForSingleObject(g_reaper_wake, INFINITE) == WAIT_OBJECT_0) {
        rasdial_keeper *k;

        rasmutex_acquire(&g_orphans_lock);
        k = g_orphans;
        g_orphans = NULL;
        rasmutex_release(&g_orphans_lock);
        while (k != NULL) {
            rasdial_keeper *next = k->next;
            keeper_exit_impl(k);
            k = next;
        }
    }
    return 0;
}

/* FLS callback, on the exiting thread, perhaps under the loader lock: no
 * Python, no waiting; the reaper does the rest. */
static VOID WINAPI
keeper_exit(PVOID p)
{
    rasdial_keeper *k = p;

    if (k == NULL) {
        return;
    }
    rasmutex_acquire(&g_orphans_lock);
    k->next = g_orphans;
    g_orphans = k;
    rasmutex_release(&g_orphans_lock);
    SetEvent(g_reaper_wake);
}

static BOOL CALLBACK
keeper_init(PINIT_ONCE once, PVOID arg, PVOID *ctx)
{
    HANDLE reaper;

    (void)once;
    (void)arg;
    (void)ctx;
    /* Without the reaper, no thread keeps a state (plain Ensure/Release). */
    g_reaper_wake = CreateEventW(NULL, FALSE, FALSE, NULL);
    if (g_reaper_wake == NULL) {
        return TRUE;
    }
    reaper = CreateThread(NULL, 0, reaper_main, NULL, 0, NULL);
    if (reaper == NULL) {
        return TRUE;
    }
    CloseHandle(reaper);
    g_keeper_slot = FlsAlloc(keeper_exit);
    return TRUE;
}

/* 0 if this thread can keep a thread state, -1 if not. */
static int
keeper_ready(void)
{
    InitOnceExecuteOnce(&g_keeper_once, keeper_init, NULL, NULL);
    return g_keeper_slot == FLS_OUT_OF_INDEXES ? -1 : 0;
}

static rasdial_keeper *
keeper_get(void)
{
    return g_keeper_slot == FLS_OUT_OF_INDEXES ? NULL : FlsGetValue(g_keeper_slot);
}

static int
keeper_set(rasdial_keeper *k)
{
    return FlsSetValue(g_keeper_slot, k) ? 0 : -1;
}
#else
static pthread_once_t g_keeper_once = PTHREAD_ONCE_INIT;
static pthread_key_t g_keeper_key;
static int g_keeper_ok;

static void
keeper_exit(void *p)
{
    if (p != NULL) {
        keeper_exit_impl(p);
    }
}

static void
keeper_init(void)
{
    g_keeper_ok = pthread_key_create(&g_keeper_key, keeper_exit) == 0;
}

static int
keeper_ready(void)
{
    pthread_once(&g_keeper_once, keeper_init);
    return g_keeper_ok ? 0 : -1;
}

static rasdial_keeper *
keeper_get(void)
{
    return g_keeper_ok ? pthread_getspecific(g_keeper_key) : NULL;
}

static int
keeper_set(rasdial_keeper *k)
{
    return pthread_setspecific(g_keeper_key, k) == 0 ? 0 : -1;
}
#endif

/* The exiting thread's kept thread state goes, if its hub is still open. */
static void
keeper_exit_impl(rasdial_keeper *k)
{
    rasdial_hub *hub = k->hub;
    int open;

    raslock_acquire(&hub->lock);
    open = !hub->closing;
    if (open) {
        hub->active++;
    }
    raslock_release(&hub->lock);
    if (open) {
        PyEval_RestoreThread(k->ts);
        PyThreadState_Clear(k->ts);
        (void)PyEval_SaveThread();
        PyThreadState_Delete(k->ts);
        raslock_acquire(&hub->lock);
        hub->active--;
        if (hub->closing && hub->active == 0) {
            raslock_notify_all(&hub->lock);
        }
        raslock_release(&hub->lock);
    }
    hub_decref(hub);
    free(k);
}

/* On a RAS thread, for a notification of a dial of hub (open, this notifier
 * counted active): take the GIL.  Returns the thread's keeper (leave with
 * notifier_leave), or NULL if *gil must be released instead. */
static rasdial_keeper *
notifier_enter(rasdial_hub *hub, PyGILState_STATE *gil)
{
    rasdial_keeper *k;

    if (keeper_ready() == 0) {
        k = keeper_get();
        if (k != NULL) {
            PyEval_RestoreThread(k->ts);
            if (k->hub != hub) {
                /* The module was made again: the new one's gate. */
                rasdial_hub *old = k->hub;
                hub_incref(hub);
                k->hub = hub;
                hub_decref(old);
            }
            k->depth++;
            return k;
        }
        if (PyGILState_GetThisThreadState() == NULL) {
            k = calloc(1, sizeof(*k));
            if (k != NULL && keeper_set(k) == 0) {
                (void)PyGILState_Ensure(); /* creates this thread's state */
                k->ts = PyGILState_GetThisThreadState();
                hub_incref(hub);
                k->hub = hub;
                k->depth = 1;
                return k;
            }
            free(k);
        }
    }
    *gil = PyGILState_Ensure();
    return NULL;
}

/* With the GIL: the notification is over; `more` is its answer to RAS (0:
 * the dial has ended, so this was its last notification). */
static void
notifier_leave(rasdial_keeper *k, PyGILState_STATE gil, DWORD more)
{
    if (k == NULL) {
        PyGILState_Release(gil);
        return;
    }
    if (--k->depth > 0 || more != 0) {
        (void)PyEval_SaveThread();
        return;
    }
    (void)keeper_set(NULL);
    /* The state is cleared with the GIL and deleted without it (freeing
     * its frame stack can take microseconds that the waiting caller should
     * not spend waiting for the GIL).  Deleting it on its own thread also
     * empties CPython's GILState key for this thread. */
    PyThreadState_Clear(k->ts);
    (void)PyEval_SaveThread();
    PyThreadState_Delete(k->ts);
    hub_decref(k->hub);
    free(k);
}

static DWORD WINAPI
rasdial_notify(ULONG_PTR id, DWORD subentry, HRASCONN h, UINT msg, RASCONNSTATE state, DWORD error,
               DWORD exterror)
{
    rasdial_ctx *ctx;
    rasdial_hub *hub;
    PyGILState_STATE gil = PyGILState_UNLOCKED;
    rasdial_keeper *keeper;
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

    keeper = notifier_enter(hub, &gil);
    more = deliver(ctx, h, msg, state, error, exterror);
    notifier_leave(keeper, gil, more);

    raslock_acquire(&hub->lock);
    hub->active--;
    if (hub->closing && hub->active == 0) {
        raslock_notify_all(&hub->lock);
    }
    raslock_release(&hub->lock);
    ctx_release(ctx); /* may free the context and the hub */
    return more;
}

/* ---- resuming and starting asynchronous dials ------------------------- */

/* Resume a paused dial of ours: its id goes back to RAS as the
 * dwCallbackId, and the new callable replaces the old one.  If RAS refuses,
 * the dial stays as it was and gets its old callable back. */
static DWORD
resume_ctx(rasdial_ctx *ctx, PyObject *callable, LPRASDIALEXTENSIONS ext, LPCWSTR phonebook,
           RASDIALPARAMSW *params, HRASCONN *hconn)
{
    PyObject *old = ctx->callable;
    DWORD rc;
    HRASCONN h = *hconn;

    rasmutex_acquire(&g_reg_lock);
    ctx->refs++; /* this call */
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

/* Dial(ext, phonebook, params, callable): the asynchronous form.  Creates
 * the per-dial context, calls RasDialW with the GIL released and returns
 * the RAS result; *hconn receives the handle.  On entry *hconn is NULL for a
 * new dial, or the handle of a paused dial to resume: the paused dial's
 * context (if it is one of ours) is reused with the new callable. */
static DWORD
rasdial_start(rasdial_hub *hub, PyObject *callable, LPRASDIALEXTENSIONS ext, LPCWSTR phonebook,
              RASDIALPARAMSW *params, HRASCONN *hconn, int *failed)
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
        ctx_end(ctx); /* refused: no notification will follow */
    } else if (ctx->callable != NULL && ctx->hconn == NULL) {
        ctx->hconn = h;
    }
    ctx_release(ctx); /* this call's hold */
    *hconn = h;
    return rc;
}

/* After RasHangUpW(h) succeeded: end every dial of h whose handle is known
 * (see the state machine above). */
static void
rasdial_hungup(HRASCONN h)
{
    /* Dials of h from every module instance: the handle is the process's. */
    if (h != NULL) {
        ctx_end_all(NULL, h);
    }
}

/* ---- RASDIALEXTENSIONS ------------------------------------------------- */

typedef struct {
    PyObject_HEAD RASDIALEXTENSIONS ext;
    PyObject *eap; /* RASEAPUSERIDENTITY or None */
} DialExtObject;

int
rasmod_dialext_copy(rasmod_state *st, PyObject *obj, RASDIALEXTENSIONS *out, PyObject **keep)
{
    if (!PyObject_TypeCheck(obj, st->ext_type)) {
        PyErr_SetString(PyExc_TypeError, "The object is not a PyRASDIALEXTENSIONS object");
        return -1;
    }
    *out = ((DialExtObject *)obj)->ext;
    out->dwSize = sizeof(*out);
    *keep = ((DialExtObject *)obj)->eap;
    Py_INCREF(*keep);
    return 0;
}

static PyObject *
ext_new(PyTypeObject *tp, PyObject *args, PyObject *kw)
{
    allocfunc tp_alloc = (allocfunc)PyType_GetSlot(tp, Py_tp_alloc);
    DialExtObject *self;

    if (!PyArg_ParseTuple(args, "")) {
        return NULL;
    }
    if (kw != NULL && PyObject_Length(kw) > 0) {
        PyErr_SetString(PyExc_TypeError, "RASDIALEXTENSIONS() takes no arguments");
        return NULL;
    }
    self = (DialExtObject *)tp_alloc(tp, 0);
    if (self == NULL) {
        return NULL;
    }
    memset(&self->ext, 0, sizeof(self->ext));
    self->ext.dwSize = sizeof(self->ext);
    Py_INCREF(Py_None);
    self->eap = Py_None;
    return (PyObject *)self;
}

static int
ext_traverse(PyObject *self, visitproc visit, void *arg)
{
    Py_VISIT(((DialExtObject *)self)->eap);
#if PY_VERSION_HEX >= 0x03090000
    Py_VISIT(Py_TYPE(self));
#endif
    return 0;
}

static int
ext_clear(PyObject *self)
{
    Py_CLEAR(((DialExtObject *)self)->eap);
    return 0;
}

static void
ext_dealloc(PyObject *self)
{
    PyTypeObject *tp = Py_TYPE(self);
    freefunc tp_free = (freefunc)PyType_GetSlot(tp, Py_tp_free);

    PyObject_GC_UnTrack(self);
    ext_clear(self);
    tp_free(self);
    Py_DECREF(tp);
}

static PyObject *
ext_get_options(PyObject *self, void *c)
{
    (void)c;
    return PyLong_FromUnsignedLong(((DialExtObject *)self)->ext.dwfOptions);
}

static int
no_delete(PyObject *value)
{
    if (value == NULL) {
        PyErr_SetString(PyExc_AttributeError, "RASDIALEXTENSIONS attributes cannot be deleted");
        return -1;
    }
    return 0;
}

static int
ext_set_options(PyObject *self, PyObject *value, void *c)
{
    (void)c;
    if (no_delete(value) < 0) {
        return -1;
    }
    return rasconv_dword(value, &((DialExtObject *)self)->ext.dwfOptions);
}

static PyObject *
ext_get_hwnd(PyObject *self, void *c)
{
    (void)c;
    return rasconv_from_handle(((DialExtObject *)self)->ext.hwndParent);
}

static int
ext_set_hwnd(PyObject *self, PyObject *value, void *c)
{
    void *h;

    (void)c;
    if (no_delete(value) < 0 || rasconv_handle(value, &h) < 0) {
        return -1;
    }
    ((DialExtObject *)self)->ext.hwndParent = (HWND)h;
    return 0;
}

/* closure: offset of a ULONG_PTR field inside RASDIALEXTENSIONS */
static PyObject *
ext_get_ulongptr(PyObject *self, void *c)
{
    const char *base = (const char *)&((DialExtObject *)self)->ext;
    ULONG_PTR v;

    memcpy(&v, base + (size_t)c, sizeof(v));
    return PyLong_FromSize_t((size_t)v);
}

static int
ext_set_ulongptr(PyObject *self, PyObject *value, void *c)
{
    char *base = (char *)&((DialExtObject *)self)->ext;
    void *v;

    if (no_delete(value) < 0 || rasconv_handle(value, &v) < 0) {
        return -1;
    }
    {
        ULONG_PTR u = (ULONG_PTR)v;
        memcpy(base + (size_t)c, &u, sizeof(u));
    }
    return 0;
}

static PyObject *
ext_get_eap(PyObject *self, void *c)
{
    (void)c;
    Py_INCREF(((DialExtObject *)self)->eap);
    return ((DialExtObject *)self)->eap;
}

static int
ext_set_eap(PyObject *self, PyObject *value, void *c)
{
    DialExtObject *d = (DialExtObject *)self;
    PyObject *old, *eap_type;
    int is_identity;

    (void)c;
    if (no_delete(value) < 0) {
        return -1;
    }
    /* The stable ABI of 3.9 cannot reach module state from a type, so the
     * identity type is recorded on this type at module exec. */
    eap_type = PyObject_GetAttrString((PyObject *)Py_TYPE(self), "_identity_type");
    if (eap_type == NULL) {
        return -1;
    }
    is_identity = PyType_Check(eap_type) && PyObject_TypeCheck(value, (PyTypeObject *)eap_type);
    Py_DECREF(eap_type);
    if (value == Py_None) {
        d->ext.RasEapInfo.dwSizeofEapInfo = 0;
        d->ext.RasEapInfo.pbEapInfo = NULL;
    } else if (is_identity) {
        LPRASEAPUSERIDENTITYW id = raseap_identity(value);
        d->ext.RasEapInfo.dwSizeofEapInfo = id->dwSizeofEapInfo;
        d->ext.RasEapInfo.pbEapInfo = id->pbEapInfo;
    } else {
        PyErr_SetString(PyExc_TypeError, "The object is not a PyRASEAPUSERIDENTITY object");
        return -1;
    }
    old = d->eap;
    Py_INCREF(value);
    d->eap = value;
    Py_DECREF(old);
    return 0;
}

static PyObject *
ext_repr(PyObject *self)
{
    DialExtObject *d = (DialExtObject *)self;

    return PyUnicode_FromFormat("<RASDIALEXTENSIONS dwfOptions=0x%x hwndParent=%p reserved=%zu "
                                "reserved1=%zu RasEapInfo=%R>",
                                (unsigned int)d->ext.dwfOptions, (void *)d->ext.hwndParent,
                                (size_t)d->ext.reserved, (size_t)d->ext.reserved1, d->eap);
}

#define EXT_OFF(field) ((void *)offsetof(RASDIALEXTENSIONS, field))

static PyGetSetDef ext_getset[] = {
    { "dwfOptions", ext_get_options, ext_set_options, "RDEOPT_* flags (int).", NULL },
    { "fOptions", ext_get_options, ext_set_options, "Alias of dwfOptions.", NULL },
    { "hwndParent", ext_get_hwnd, ext_set_hwnd, "Parent window for dialogs (int handle).", NULL },
    { "reserved", ext_get_ulongptr, ext_set_ulongptr, "Reserved (int).", EXT_OFF(reserved) },
    { "reserved1", ext_get_ulongptr, ext_set_ulongptr, "Reserved (int).", EXT_OFF(reserved1) },
    { "RasEapInfo", ext_get_eap, ext_set_eap,
      "A RASEAPUSERIDENTITY from GetEapUserIdentity(), or None.", NULL },
    { NULL, NULL, NULL, NULL, NULL },
};

static PyType_Slot ext_slots[] = {
    { Py_tp_new, (void *)ext_new },
    { Py_tp_dealloc, (void *)ext_dealloc },
    { Py_tp_traverse, (void *)ext_traverse },
    { Py_tp_clear, (void *)ext_clear },
    { Py_tp_repr, (void *)ext_repr },
    { Py_tp_getset, ext_getset },
    { Py_tp_doc, (void *)"RASDIALEXTENSIONS() -> the options of a Dial() "
                         "(dwfOptions, hwndParent, reserved, reserved1, "
                         "RasEapInfo)." },
    { 0, NULL },
};

PyType_Spec rasdial_ext_spec = {
    "ras.RASDIALEXTENSIONS",
    sizeof(DialExtObject),
    0,
    Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    ext_slots,
};

/* ---- Dial and HangUp ---------------------------------------------------- */

PyDoc_STRVAR(Dial_doc,
             "Dial($module, dialExtensions, fileName, RasDialParams, callback, /, *,\n"
             "     hrasconn=None)\n--\n\n"
             "Establish a RAS connection (RasDial), or resume a paused one.\n\n"
             "dialExtensions: a RASDIALEXTENSIONS or None.  fileName: the phonebook, or\n"
             "None for the default.  RasDialParams: a sequence of up to 6 str (entryName,\n"
             "phoneNumber, callbackNumber, userName, password, domain).  callback: None\n"
             "dials synchronously; a callable is called as callback(hrasconn, msg, state,\n"
             "error, exterror) on a RAS thread for each state; an int is a window handle\n"
             "that receives WM_RASDIALEVENT messages.\n\n"
             "Returns (handle, rc) and does not raise on a RAS failure: rc is the RAS\n"
             "result, and a nonzero handle must be passed to HangUp() even on failure.\n\n"
             "hrasconn: the handle of a dial paused in a RASCS_PAUSED state (started\n"
             "with RDEOPT_PausedStates) to resume it; pass the same kind of callback as\n"
             "the paused dial, and the user's answer in RasDialParams (e.g. the new\n"
             "password after RASCS_RetryAuthentication).  A resumed dial notifies the\n"
             "new callable.  Not from inside the dial's own callback.\n\n"
             "Returns (handle, rc).");

/* Dial's keyword arguments: only hrasconn (borrowed into *hras). */
static int
dial_keywords(PyObject *kwargs, PyObject **hras)
{
    Py_ssize_t pos = 0;
    PyObject *key, *value;

    if (kwargs == NULL) {
        return 0;
    }
    while (PyDict_Next(kwargs, &pos, &key, &value)) {
        if (!PyUnicode_Check(key) || PyUnicode_CompareWithASCIIString(key, "hrasconn") != 0) {
            PyErr_Format(PyExc_TypeError, "Dial() got an unexpected keyword argument %R", key);
            return -1;
        }
        *hras = value;
    }
    return 0;
}

static PyObject *
ras_Dial(PyObject *module, PyObject *args, PyObject *kwargs)
{
    rasmod_state *st = rasmod_get_state(module);
    PyObject *oext, *ofile, *oparams, *ocallback, *ohras = Py_None;
    PyObject *eap_keep = NULL;
    void *resume = NULL;
    RASDIALPARAMSW params;
    RASDIALEXTENSIONS ext, *pext = NULL;
    WCHAR *file = NULL;
    HRASCONN h = NULL;
    DWORD rc = 0;
    int failed = 0;

    /* The positional arguments are parsed exactly as pywin32 parses them (same
     * TypeError texts); the only keyword is ours. */
    if (dial_keywords(kwargs, &ohras) < 0 ||
        !PyArg_ParseTuple(args, "OOOO:Dial", &oext, &ofile, &oparams, &ocallback)) {
        return NULL;
    }
    /* A paused dial to resume: RasDial reads *lphRasConn. */
    if (ohras != Py_None && rasconv_handle(ohras, &resume) < 0) {
        return NULL;
    }
    h = (HRASCONN)resume;
    if (rasconv_arg_wstr(ofile, 1, "Dial", 2, &file) < 0) {
        return NULL;
    }
    if (rasconv_dialparams(st, oparams, &params) < 0) {
        rasconv_wstr_free(file);
        return NULL;
    }
    if (oext != Py_None) {
        /* A private copy: another thread may change the object meanwhile;
         * the EAP identity its pointer refers to is kept alive. */
        if (rasmod_dialext_copy(st, oext, &ext, &eap_keep) < 0) {
            goto done;
        }
        pext = &ext;
    }

    if (ocallback == Py_None) {
        Py_BEGIN_ALLOW_THREADS
            rc = RasDialW(pext, file, &params, 0, NULL, &h);
        Py_END_ALLOW_THREADS
    } else if (PyCallable_Check(ocallback)) {
        if (PyInterpreterState_GetID(PyThreadState_GetInterpreter(PyThreadState_Get())) != 0) {
            PyErr_SetString(PyExc_RuntimeError, "Dial() with a Python callback needs the main "
                                                "interpreter");
            goto done;
        }
        if (rasdial_hub_closed(st->hub)) {
            PyErr_SetString(PyExc_RuntimeError, "Dial() with a callback during interpreter "
                                                "shutdown");
            goto done;
        }
        rc = rasdial_start(st->hub, ocallback, pext, file, &params, &h, &failed);
        if (failed) {
            goto done;
        }
    } else if (PyLong_Check(ocallback)) {
        void *hwnd;
        if (rasconv_handle(ocallback, &hwnd) < 0) {
            goto done;
        }
        Py_BEGIN_ALLOW_THREADS
            rc = RasDialW(pext, file, &params, 0xFFFFFFFF, hwnd, &h);
        Py_END_ALLOW_THREADS
    } else {
        rasconv_raise_msg(st, "<Dial param parsing>",
                          "The callback object must be an integer handle, "
                          "None, or a callable object");
        goto done;
    }
    failed = -1; /* reached the call */
done:
    rasconv_wipe(&params, sizeof(params));
    rasconv_wipe(&ext, sizeof(ext));
    rasconv_wstr_free(file);
    Py_XDECREF(eap_keep);
    if (failed != -1) {
        return NULL;
    }
    return Py_BuildValue("(Nk)", rasconv_from_handle(h), (unsigned long)rc);
}

PyDoc_STRVAR(HangUp_doc, "HangUp($module, hras, /)\n--\n\n"
                         "Terminate a connection, or abandon a dial in progress (RasHangUp).  A\n"
                         "connection dialled n times is closed by the n-th HangUp.");

static PyObject *
ras_HangUp(PyObject *module, PyObject *args)
{
    rasmod_state *st = rasmod_get_state(module);
    PyObject *oh;
    void *h;
    DWORD rc;

    if (rasconv_one_arg(args, "O:HangUp", &oh) < 0 || rasconv_handle(oh, &h) < 0) {
        return NULL;
    }
    Py_BEGIN_ALLOW_THREADS
        rc = RasHangUpW((HRASCONN)h);
    Py_END_ALLOW_THREADS
    if (rc != 0) {
        return rasconv_raise(st, "RasHangup", rc);
    }
    if (st->hangup_hook != NULL) {
        /* Tests: run code where another thread could run once RasHangUpW
         * has returned and before this thread has the GIL back. */
        PyObject *res = PyObject_CallFunction(st->hangup_hook, "(N)", rasconv_from_handle(h));
        if (res == NULL) {
            PyErr_WriteUnraisable(st->hangup_hook);
        }
        Py_XDECREF(res);
    }
    rasdial_hungup((HRASCONN)h);
    Py_RETURN_NONE;
}

/* ---- private helpers for tests ---------------------------------------- */

static PyObject *
ras_pending_dials(PyObject *module, PyObject *args)
{
    (void)args;
    return PyLong_FromSsize_t(rasdial_pending(rasmod_get_state(module)->hub));
}

static PyObject *
ras_set_hangup_hook(PyObject *module, PyObject *hook)
{
    rasmod_state *st = rasmod_get_state(module);

    if (hook != Py_None && !PyCallable_Check(hook)) {
        PyErr_SetString(PyExc_TypeError, "the hook must be callable or None");
        return NULL;
    }
    Py_CLEAR(st->hangup_hook);
    if (hook != Py_None) {
        Py_INCREF(hook);
        st->hangup_hook = hook;
    }
    Py_RETURN_NONE;
}

static PyObject *
ras_atexit(PyObject *module, PyObject *args)
{
    (void)args;
    rasdial_hub_close(rasmod_get_state(module)->hub);
#ifdef RASPY_SIMULATED
    rassrv_close();
#endif
    Py_RETURN_NONE;
}

PyMethodDef ras_dial_methods[] = {
    { "Dial", (PyCFunction)(void (*)(void))ras_Dial, METH_VARARGS | METH_KEYWORDS, Dial_doc },
    METH(HangUp),
    { "_pending_dials", ras_pending_dials, METH_NOARGS,
      "Number of asynchronous dials still holding their callback." },
    { "_set_hangup_hook", ras_set_hangup_hook, METH_O,
      "Tests: hook(h) runs inside HangUp(h) after RasHangUpW returned and\n"
      "before the dials of h end, where another thread could run; None\n"
      "removes it." },
    { "_atexit", ras_atexit, METH_NOARGS,
      "Registered with atexit: stop calling into Python from RAS threads." },
    { NULL, NULL, 0, NULL },
};

const rasconst ras_dial_constants[] = {
    RASCONST(RASCS_OpenPort),
    RASCONST(RASCS_PortOpened),
    RASCONST(RASCS_ConnectDevice),
    RASCONST(RASCS_DeviceConnected),
    RASCONST(RASCS_AllDevicesConnected),
    RASCONST(RASCS_Authenticate),
    RASCONST(RASCS_AuthNotify),
    RASCONST(RASCS_AuthRetry),
    RASCONST(RASCS_AuthCallback),
    RASCONST(RASCS_AuthChangePassword),
    RASCONST(RASCS_AuthProject),
    RASCONST(RASCS_AuthLinkSpeed),
    RASCONST(RASCS_AuthAck),
    RASCONST(RASCS_ReAuthenticate),
    RASCONST(RASCS_Authenticated),
    RASCONST(RASCS_PrepareForCallback),
    RASCONST(RASCS_WaitForModemReset),
    RASCONST(RASCS_WaitForCallback),
    RASCONST(RASCS_Projected),
    RASCONST(RASCS_StartAuthentication),
    RASCONST(RASCS_CallbackComplete),
    RASCONST(RASCS_LogonNetwork),
    RASCONST(RASCS_SubEntryConnected),
    RASCONST(RASCS_SubEntryDisconnected),
    RASCONST(RASCS_ApplySettings),
    RASCONST(RASCS_Interactive),
    RASCONST(RASCS_RetryAuthentication),
    RASCONST(RASCS_CallbackSetByCaller),
    RASCONST(RASCS_PasswordExpired),
    RASCONST(RASCS_InvokeEapUI),
    RASCONST(RASCS_Connected),
    RASCONST(RASCS_Disconnected),
    RASCONST(RASCS_PAUSED),
    RASCONST(RASCS_DONE),
    RASCONST(RDEOPT_UsePrefixSuffix),
    RASCONST(RDEOPT_PausedStates),
    RASCONST(RDEOPT_IgnoreModemSpeaker),
    RASCONST(RDEOPT_SetModemSpeaker),
    RASCONST(RDEOPT_IgnoreSoftwareCompression),
    RASCONST(RDEOPT_SetSoftwareCompression),
    RASCONST(RDEOPT_DisableConnectedUI),
    RASCONST(RDEOPT_DisableReconnectUI),
    RASCONST(RDEOPT_DisableReconnect),
    RASCONST(RDEOPT_NoUser),
    RASCONST(RDEOPT_PauseOnScript),
    RASCONST(RDEOPT_Router),
    RASCONST(RDEOPT_CustomDial),
    RASCONST(RDEOPT_UseCustomScripting),
    RASCONST(WM_RASDIALEVENT),
    { NULL, 0 },
};
