/*
 * conntable.c -- see conntable.h.
 *
 * Locking: one mutex (g_lock) guards the table and every connection; one
 * condition variable (g_cond) is broadcast on every change.  A connection's
 * memory is released when its last holder lets go: the table, the worker
 * thread, a synchronous RasDialW waiting for the result, or a hang-up
 * waiting for a running notification.
 */
#include "common.h"
#include "conntable.h"
#include "adminhook.h"
#include "notify.h"
#include "post.h"
#include "shared.h"
#include "thread.h"
#include "utf.h"
#include "util.h"
#include "os.h"

#include <stdlib.h>
#include <string.h>

enum {
    SIM_PHASE_DIALLING,
    SIM_PHASE_CONNECTED,
    SIM_PHASE_FAILED,
    SIM_PHASE_DROPPED
};

typedef union sim_notify_fn {
    RASDIALFUNC f0;
    RASDIALFUNC1 f1;
    RASDIALFUNC2 f2;
} sim_notify_fn;

typedef struct sim_notifier {
    struct sim_notifier *next;
    DWORD type;
    sim_notify_fn fn;
    HWND hwnd;
    LPVOID raw; /* lpvNotifier as given, to recognise the same notifier */
    ULONG_PTR callback_id;
    DWORD subentry;
    int muted;    /* a RASDIALFUNC2 returned 0 */
    int detached; /* a RasHangUpW happened on the connection */
    int pending;  /* owes one RASCS_Connected notification (re-dial) */
} sim_notifier;

typedef struct sim_conn {
    struct sim_conn *next;
    sim_conn_info info;
    char *match_phonebook;
    char *match_entry; /* NULL: never shared */
    char *account;     /* the connection name (entry, or "." + number) */
    sim_dial_plan plan;
    sim_notifier *notifiers; /* in attach order */
    sim_notifier *primary;   /* the dialling notifier, or NULL (sync) */
    unsigned refs;           /* RasDialW references still to hang up */
    unsigned holders;
    int phase;
    int cancelled; /* hung up (out of the table) */
    int done;      /* reached Connected or failed */
    DWORD result;  /* the dial's result once done */
    int in_notify; /* the worker is inside a notifier */
    sim_thread_id worker;
    uint64_t connected_at;   /* sim_now_ms() at RASCS_Connected */
    uint64_t counted_from;   /* statistics start: Connected or the last clear */
    int ended;               /* RASCN_Disconnection was signalled */
    int paused;              /* waiting in a RASCS_PAUSED state for a resume */
    int resumed;             /* a RasDialW resumed the paused dial */
    DWORD answer_auth_error; /* the resuming call's answer (sim_resume_answer) */
    char *answer_password;   /* a secret: freed with sim_free_secret */
    DWORD answer_password_error;
    sim_callback_answer answer_callback;
    int eap_ui_ran; /* RasInvokeEapUI was called in RASCS_InvokeEapUI */
    int forced;     /* RasSimDrop failed the dial: the worker owes the
                     * failure notification and stops */
    /* The server's admin policy (adminhook.h): NULL without one. */
    char *admin_policy;
    char *admin_user, *admin_domain;
    int admin;           /* SIM_ADMIN_* */
    int admin_assigned;  /* the policy chose info.addrs.ip */
    int admin_assigned6; /* the policy chose info.addrs.ip6 */
    int admin_dll;       /* admin_policy names RRAS admin DLLs (AdminDll=) */
    uint64_t ended_at;   /* sim_now_ms() when the connection ended (0: not yet) */
} sim_conn;

#define SIM_ADMIN_NONE     0 /* not admitted (yet) */
#define SIM_ADMIN_ADMITTED 1 /* admitted: the worker owes the policy its end */
#define SIM_ADMIN_ENDED    2 /* the policy was told of the end */

static sim_once g_once = SIM_ONCE_INIT;
static sim_mutex g_lock;
static sim_cond g_cond;
static sim_conn *g_table;

/* What the simulated server remembers of each connection name (phonebook,
 * name) since the last reset: how many connections it started, for
 * FailCount=, and the password a RASCS_PasswordExpired dial changed. */
typedef struct sim_dial_count {
    struct sim_dial_count *next;
    char *phonebook;
    char *name;
    DWORD count;
    char *password; /* NULL: never changed; a secret */
} sim_dial_count;
static sim_dial_count *g_counts;
static uintptr_t g_next_handle = 0x10000;
static size_t g_workers;
static size_t g_blocked;

static void
state_init(void)
{
    sim_mutex_init(&g_lock);
    sim_cond_init(&g_cond);
}

static void
lock(void)
{
    sim_call_once(&g_once, state_init);
    sim_mutex_lock(&g_lock);
}

static void
unlock(void)
{
    sim_mutex_unlock(&g_lock);
}
static void
wake(void)
{
    sim_cond_broadcast(&g_cond);
}

/* ---- connection objects ------------------------------------------------- */

static void
conn_free(sim_conn *c)
{
    while (c->notifiers != NULL) {
        sim_notifier *n = c->notifiers;
        c->notifiers = n->next;
        free(n);
    }
    free(c->match_phonebook);
    free(c->match_entry);
    free(c->account);
    free(c->admin_policy);
    free(c->admin_user);
    free(c->admin_domain);
    sim_free_secret(c->answer_password);
    free(c);
}

static void
conn_release(sim_conn *c)
{
    if (--c->holders == 0) {
        conn_free(c);
    }
}

static sim_notifier *
notifier_new(const sim_notify_target *t)
{
    sim_notifier *n = (sim_notifier *)calloc(1, sizeof *n);
    if (n == NULL) {
        return NULL;
    }
    n->type = t->type;
    n->raw = t->notifier;
    if (t->type == SIM_NOTIFY_HWND) {
        n->hwnd = (HWND)t->notifier;
    } else {
        memcpy(&n->fn, &t->notifier, sizeof(void *)); /* data to function pointer */
    }
    n->callback_id = t->callback_id;
    n->subentry = t->subentry;
    return n;
}

static sim_conn *
conn_new(const sim_dial_request *req)
{
    sim_conn *c = (sim_conn *)calloc(1, sizeof *c);
    if (c == NULL) {
        return NULL;
    }
    c->info = req->info;
    c->info.state = RASCS_OpenPort;
    c->info.error = 0;
    c->plan = req->plan;
    c->phase = SIM_PHASE_DIALLING;
    c->match_phonebook = sim_strdup(req->phonebook != NULL ? req->phonebook : "");
    c->match_entry = req->entry != NULL ? sim_strdup(req->entry) : NULL;
    c->account = sim_strdup(req->name != NULL ? req->name : "");
    if (req->target.type != SIM_NOTIFY_NONE) {
        c->primary = c->notifiers = notifier_new(&req->target);
    }
    if (req->admin_policy != NULL) {
        c->admin_policy = sim_strdup(req->admin_policy);
        c->admin_dll = req->admin_dll;
        c->admin_user = sim_strdup(req->user != NULL ? req->user : "");
        c->admin_domain = sim_strdup(req->domain != NULL ? req->domain : "");
        if (c->admin_policy == NULL || c->admin_user == NULL || c->admin_domain == NULL) {
            conn_free(c);
            return NULL;
        }
    }
    if (c->match_phonebook == NULL || c->account == NULL ||
        (req->entry != NULL && c->match_entry == NULL) ||
        (req->target.type != SIM_NOTIFY_NONE && c->primary == NULL)) {
        conn_free(c);
        return NULL;
    }
    return c;
}

/* ---- the table ---------------------------------------------------------- */

/* The connection of h: its own handle or the handle of its link. */
static sim_conn *
table_find(HRASCONN h)
{
    sim_conn *c;
    for (c = g_table; c != NULL; c = c->next) {
        if (c->info.handle == h ||
            (uintptr_t)c->info.handle + SIM_SUBENTRY_OFFSET == (uintptr_t)h) {
            return c;
        }
    }
    return NULL;
}

/* With RASSIM_CONNECTIONS set, writes this process's connected
 * connections to the shared file (shared.h); the table is locked. */
static void
publish(void)
{
    sim_conn *c;
    sim_conn_info *infos;
    size_t n = 0;
    if (sim_shared_handle_base() == 0) {
        return;
    }
    for (c = g_table; c != NULL; c = c->next) {
        n += c->phase == SIM_PHASE_CONNECTED && !c->ended;
    }
    infos = (sim_conn_info *)malloc((n ? n : 1) * sizeof *infos);
    if (infos == NULL) {
        return;
    }
    n = 0;
    for (c = g_table; c != NULL; c = c->next) {
        if (c->phase == SIM_PHASE_CONNECTED && !c->ended) {
            infos[n++] = c->info;
        }
    }
    sim_shared_publish(infos, n);
    free(infos);
}

/* Signals RASCN_Disconnection for c once, and ends its registrations. */
static void
conn_ended(sim_conn *c)
{
    if (c->ended) {
        return;
    }
    c->ended = 1;
    c->ended_at = sim_now_ms();
    publish();
    sim_notify_fire(c->info.handle, RASCN_Disconnection);
    sim_notify_forget(c->info.handle);
}

static void
table_append(sim_conn *c)
{
    sim_conn **p = &g_table;
    while (*p != NULL) {
        p = &(*p)->next;
    }
    c->next = NULL;
    *p = c;
}

static void
table_remove(sim_conn *c)
{
    sim_conn **p = &g_table;
    while (*p != NULL && *p != c) {
        p = &(*p)->next;
    }
    if (*p == c) {
        *p = c->next;
    }
    c->next = NULL;
}

/* A connection of the same phonebook entry that is dialling or connected. */
static sim_conn *
table_find_entry(const sim_dial_request *req)
{
    sim_conn *c;
    if (req->entry == NULL) {
        return NULL;
    }
    for (c = g_table; c != NULL; c = c->next) {
        if (c->match_entry != NULL &&
            (c->phase == SIM_PHASE_DIALLING || c->phase == SIM_PHASE_CONNECTED) &&
            sim_path_equal(c->match_phonebook, req->phonebook) &&
            sim_u8_ieq(c->match_entry, strlen(c->match_entry), req->entry, strlen(req->entry))) {
            return c;
        }
    }
    return NULL;
}

/* ---- notifications ------------------------------------------------------ */

/* Calls the notifier; returns zero when a RASDIALFUNC2 asks for no more. */
static DWORD
invoke(const sim_notifier *n, HRASCONN h, RASCONNSTATE st, DWORD err)
{
    switch (n->type) {
    case 0:
        n->fn.f0(WM_RASDIALEVENT, st, err);
        return 1;
    case 1:
        n->fn.f1(h, WM_RASDIALEVENT, st, err, 0);
        return 1;
    case 2:
        return n->fn.f2(n->callback_id, n->subentry, h, WM_RASDIALEVENT, st, err, 0);
    default:
        sim_post_message(n->hwnd, WM_RASDIALEVENT, (WPARAM)st, (LPARAM)err);
        return 1;
    }
}

/* Delivers one notification with the lock released (worker thread only).
 * The notifier is copied under the lock: a resuming RasDialW may change its
 * callback id and sub-entry while the notification runs. */
static void
deliver(sim_conn *c, sim_notifier *n, RASCONNSTATE st, DWORD err)
{
    HRASCONN h = c->info.handle;
    sim_notifier snapshot;
    DWORD keep;
    if (n == NULL || c->cancelled || n->muted || n->detached) {
        return;
    }
    snapshot = *n;
    c->in_notify = 1;
    unlock();
    keep = invoke(&snapshot, h, st, err);
    lock();
    c->in_notify = 0;
    if (keep == 0) {
        n->muted = 1;
    }
    wake();
}

static void
detach_notifiers(sim_conn *c)
{
    sim_notifier *n;
    for (n = c->notifiers; n != NULL; n = n->next) {
        n->detached = 1;
        n->pending = 0;
    }
}

/* Waits until the worker is out of its notifier, unless this thread is the
 * worker (a hang-up from inside a notification). */
static void
wait_notify_idle(sim_conn *c)
{
    if (!c->in_notify || sim_thread_is_current(c->worker)) {
        return;
    }
    g_blocked++;
    wake();
    while (c->in_notify) {
        sim_cond_wait(&g_cond, &g_lock);
    }
    g_blocked--;
}

/* Takes the connection out of the table for good. */
static void
conn_cancel(sim_conn *c)
{
    conn_ended(c);
    c->cancelled = 1;
    c->refs = 0;
    detach_notifiers(c);
    table_remove(c);
    conn_release(c);
    wake();
}

/* ---- the worker --------------------------------------------------------- */

/* The dial must stop: hung up, or failed by RasSimDrop. */
static int
stopped(const sim_conn *c)
{
    return c->cancelled || c->forced;
}

/* The plan's delay for the current state. */
static DWORD
state_delay(const sim_conn *c)
{
    size_t i;
    for (i = 0; i < c->plan.n_state_delays; i++) {
        if (c->plan.delay_state[i] == c->info.state) {
            return c->plan.delay_ms[i];
        }
    }
    return c->plan.state_delay_ms;
}

/* Stays in the current state for the plan's delay; zero when stopped. */
static int
pause_in_state(sim_conn *c)
{
    uint64_t end = sim_now_ms() + state_delay(c), now;
    while (!stopped(c) && (now = sim_now_ms()) < end) {
        sim_cond_wait_ms(&g_cond, &g_lock, end - now);
    }
    return !stopped(c);
}

static DWORD
failure_at(const sim_conn *c, RASCONNSTATE st)
{
    if (st == RASCS_Authenticate && c->plan.auth_error != 0) {
        return c->plan.auth_error;
    }
    if ((int)st == c->plan.fail_state) {
        return c->plan.fail_error;
    }
    return 0;
}

static void
finish_dial(sim_conn *c, int phase, DWORD err)
{
    c->phase = phase;
    c->info.error = err;
    c->result = err;
    c->done = 1;
    wake();
}

static int pause_for(sim_conn *c, RASCONNSTATE st, DWORD fail_err);
static int may_pause(const sim_conn *c);

/* The dial fails in state st with err. */
static void
fail_dial(sim_conn *c, RASCONNSTATE st, DWORD err)
{
    c->info.state = st;
    finish_dial(c, SIM_PHASE_FAILED, err);
    deliver(c, c->primary, st, err);
}

/* Announces a running state and stays in it; zero when hung up. */
static int
announce(sim_conn *c, RASCONNSTATE st)
{
    c->info.state = st;
    wake();
    deliver(c, c->primary, st, 0);
    return pause_in_state(c);
}

/* Enters one state; returns non-zero to go on to the next.  Credentials the
 * scenario refuses fail RASCS_Authenticate, or with paused states pause the
 * dial in RASCS_RetryAuthentication; a resume with other credentials goes
 * through RASCS_AuthRetry and authenticates again. */
static int
enter_state(sim_conn *c, RASCONNSTATE st)
{
    DWORD err;
    if (stopped(c)) {
        return 0;
    }
    c->info.state = st;
    if (st == RASCS_Connected) {
        c->connected_at = c->counted_from = sim_now_ms();
        finish_dial(c, SIM_PHASE_CONNECTED, 0);
        publish();
        sim_notify_fire(c->info.handle, RASCN_Connection);
        deliver(c, c->primary, st, 0);
        return 0;
    }
    for (;;) {
        if (!announce(c, st)) {
            return 0;
        }
        err = failure_at(c, st);
        if (err == 0) {
            return 1;
        }
        if (st != RASCS_Authenticate || err != c->plan.auth_error || !may_pause(c)) {
            break;
        }
        if (!pause_for(c, RASCS_RetryAuthentication, err)) {
            return 0;
        }
        c->plan.auth_error = c->answer_auth_error;
        if (!announce(c, RASCS_AuthRetry)) {
            return 0;
        }
    }
    fail_dial(c, st, err);
    return 0;
}

/* Enters the running state st and stays in it, then fails the dial there
 * with err, else with the plan's failure for st.  Non-zero to go on. */
static int
run_state(sim_conn *c, RASCONNSTATE st, DWORD err)
{
    if (stopped(c) || !announce(c, st)) {
        return 0;
    }
    if (err == 0) {
        err = failure_at(c, st);
    }
    if (err != 0) {
        fail_dial(c, st, err);
        return 0;
    }
    return 1;
}

/* The link goes down with err (the scenario's drop, or RasSimDrop from any
 * thread); the worker then notifies (notify_drop). */
static void
link_down(sim_conn *c, DWORD err)
{
    c->info.state = RASCS_Disconnected;
    c->info.error = err;
    c->phase = SIM_PHASE_DROPPED;
    conn_ended(c);
    wake();
}

/* (RASCS_Disconnected, error) to every notifier still attached. */
static void
notify_drop(sim_conn *c)
{
    sim_notifier *n;
    for (n = c->notifiers; n != NULL; n = n->next) {
        deliver(c, n, RASCS_Disconnected, c->info.error);
    }
}

static sim_notifier *
first_pending(const sim_conn *c)
{
    sim_notifier *n;
    for (n = c->notifiers; n != NULL; n = n->next) {
        if (n->pending) {
            return n;
        }
    }
    return NULL;
}

/* Connected: serves re-dial notifications and the link drop until hung up. */
static void
serve_connected(sim_conn *c)
{
    uint64_t drop_at = sim_now_ms() + c->plan.drop_after_ms, now;
    for (;;) {
        sim_notifier *n = first_pending(c);
        if (c->cancelled) {
            return;
        }
        if (n != NULL) {
            n->pending = 0;
            deliver(c, n, RASCS_Connected, 0);
            continue;
        }
        if (c->phase == SIM_PHASE_DROPPED) { /* RasSimDrop */
            notify_drop(c);
            return;
        }
        now = sim_now_ms();
        if (c->plan.has_drop && now >= drop_at) {
            link_down(c, c->plan.drop_error);
            notify_drop(c);
            return;
        }
        if (c->plan.has_drop) {
            sim_cond_wait_ms(&g_cond, &g_lock, drop_at - now);
        } else {
            sim_cond_wait(&g_cond, &g_lock);
        }
    }
}

/* Whether the dial may stop in a paused state: RDEOPT_PausedStates was given
 * and the dial is asynchronous (a synchronous RasDialW has no notifier to
 * report the pause to, so it fails there as without the option). */
static int
may_pause(const sim_conn *c)
{
    return c->plan.paused_states && c->primary != NULL;
}

/* Enters the paused state st.  When the dial may not pause it fails there
 * with fail_err; otherwise it waits for a resuming RasDialW (or a hang-up).
 * Non-zero when resumed. */
static int
pause_for(sim_conn *c, RASCONNSTATE st, DWORD fail_err)
{
    c->info.state = st;
    if (!may_pause(c)) {
        finish_dial(c, SIM_PHASE_FAILED, fail_err);
        deliver(c, c->primary, st, fail_err);
        return 0;
    }
    c->paused = 1;
    c->resumed = 0;
    wake();
    deliver(c, c->primary, st, 0);
    while (!stopped(c) && !c->resumed) {
        sim_cond_wait(&g_cond, &g_lock);
    }
    c->paused = 0;
    return !stopped(c);
}

/* RASCS_InvokeEapUI after RASCS_Authenticate: resumed without RasInvokeEapUI
 * having run, the EAP method has nothing to answer with and the dial fails
 * there with ERROR_INTERACTIVE_MODE.  Non-zero to go on. */
static int
eap_pause(sim_conn *c)
{
    c->eap_ui_ran = 0;
    if (!pause_for(c, RASCS_InvokeEapUI, ERROR_INTERACTIVE_MODE)) {
        return 0;
    }
    if (c->eap_ui_ran) {
        return 1;
    }
    fail_dial(c, RASCS_InvokeEapUI, ERROR_INTERACTIVE_MODE);
    return 0;
}

/* RASCS_Interactive after RASCS_DeviceConnected (a terminal step): the
 * resuming call's credentials are the ones authenticated next.  Non-zero to
 * go on. */
static int
interactive_pause(sim_conn *c)
{
    if (!pause_for(c, RASCS_Interactive, ERROR_INTERACTIVE_MODE)) {
        return 0;
    }
    c->plan.auth_error = c->answer_auth_error;
    return 1;
}

static sim_dial_count *name_state(const char *phonebook, const char *name, int create);

/* RASCS_PasswordExpired after RASCS_Authenticate: the resuming call's
 * szPassword is the new password, sent in RASCS_AuthChangePassword; the
 * server keeps it for the connection name.  Non-zero to go on. */
static int
change_password(sim_conn *c)
{
    sim_dial_count *d;
    char *fresh;
    if (!pause_for(c, RASCS_PasswordExpired, ERROR_PASSWD_EXPIRED) ||
        !run_state(c, RASCS_AuthChangePassword, c->answer_password_error)) {
        return 0;
    }
    d = name_state(c->match_phonebook, c->account, 1);
    fresh = sim_strdup(c->answer_password != NULL ? c->answer_password : "");
    if (d == NULL || fresh == NULL) {
        free(fresh);
        fail_dial(c, RASCS_AuthChangePassword, ERROR_NOT_ENOUGH_MEMORY);
        return 0;
    }
    sim_free_secret(d->password);
    d->password = fresh;
    sim_free_secret(c->answer_password);
    c->answer_password = NULL;
    return 1;
}

/* The server calls back: the callback states, then authentication again. */
static int
call_back(sim_conn *c)
{
    static const RASCONNSTATE k_states[] = {
        RASCS_PrepareForCallback, RASCS_WaitForModemReset, RASCS_WaitForCallback,
        RASCS_CallbackComplete,   RASCS_ReAuthenticate,
    };
    size_t i;
    for (i = 0; i < SIM_COUNTOF(k_states); i++) {
        if (!run_state(c, k_states[i], 0)) {
            return 0;
        }
    }
    return 1;
}

/* After authentication, a user with a callback attribute: Preset calls
 * back; Set By Caller enters RASCS_AuthCallback and calls back the number
 * the dial gives (at once, or in RASCS_CallbackSetByCaller).  Non-zero to
 * go on. */
static int
callback_phase(sim_conn *c)
{
    sim_callback_answer a = c->plan.callback_answer;
    if (c->plan.callback == SIM_CALLBACK_NONE) {
        return 1;
    }
    if (c->plan.callback == SIM_CALLBACK_CALLER) {
        if (!run_state(c, RASCS_AuthCallback, 0)) {
            return 0;
        }
        if (a.choice == SIM_CALLBACK_ASK) {
            if (!pause_for(c, RASCS_CallbackSetByCaller, ERROR_INTERACTIVE_MODE)) {
                return 0;
            }
            a = c->answer_callback;
        }
        if (a.choice == SIM_CALLBACK_BAD) {
            fail_dial(c, a.state, a.error);
            return 0;
        }
        if (a.choice == SIM_CALLBACK_NO) {
            return 1;
        }
    }
    return call_back(c);
}

/* What follows RASCS_Authenticate: the EAP UI, an expired password, a
 * callback.  Non-zero to go on. */
static int
after_authenticate(sim_conn *c)
{
    if (c->plan.eap_ui && !eap_pause(c)) {
        return 0;
    }
    if (c->plan.password_expired && !change_password(c)) {
        return 0;
    }
    return callback_phase(c);
}

/* ---- the server's admin policy (adminhook.h) ---------------------------- */

/* Bytes of a payload frame, and floor(rate * ms / 1000): as statistics.c
 * counts them for the client. */
#define SIM_ADMIN_FRAME_BYTES 1500u
static uint64_t
admin_bytes(DWORD rate, uint64_t ms)
{
    return (uint64_t)rate * (ms / 1000) + (uint64_t)rate * (ms % 1000) / 1000;
}

/* The UTF-8 copies a description points to. */
typedef struct admin_text {
    char *entry, *server, *device_type, *device_name;
} admin_text;

static void
admin_text_free(admin_text *t)
{
    free(t->entry);
    free(t->server);
    free(t->device_type);
    free(t->device_name);
}

/* Describes c for its policy (the table is locked); with end, the totals
 * of the connection as the server counts them.  0 or
 * ERROR_NOT_ENOUGH_MEMORY. */
static DWORD
admin_describe(const sim_conn *c, int end, sim_admin_conn *a, admin_text *t)
{
    const sim_addrs *ad = &c->info.addrs;
    DWORD rc;
    memset(a, 0, sizeof *a);
    memset(t, 0, sizeof *t);
    rc = SIM_FIELD_TO_U8(c->info.entry, &t->entry);
    if (rc == 0) {
        rc = SIM_FIELD_TO_U8(c->info.phone_number, &t->server);
    }
    if (rc == 0) {
        rc = SIM_FIELD_TO_U8(c->info.device_type, &t->device_type);
    }
    if (rc == 0) {
        rc = SIM_FIELD_TO_U8(c->info.device_name, &t->device_name);
    }
    if (rc != 0) {
        admin_text_free(t);
        return rc;
    }
    a->policy = c->admin_policy;
    a->dll = c->admin_dll;
    a->connection_id = (uint64_t)(uintptr_t)c->info.handle;
    a->user = c->admin_user;
    a->domain = c->admin_domain;
    a->entry = t->entry;
    a->server = t->server;
    a->device_type = t->device_type;
    a->device_name = t->device_name;
    memcpy(a->guid, &c->info.correlation_id, sizeof a->guid);
    a->ikev2 = c->info.ikev2;
    a->has_server_ipv4 = ad->has_server_ip;
    memcpy(a->server_ipv4, ad->server_ip, 4);
    a->has_client_ipv4 = ad->has_ip;
    memcpy(a->client_ipv4, ad->ip, 4);
    a->assigned = c->admin_assigned;
    a->has_client_ipv6 = ad->has_ip6;
    memcpy(a->client_ipv6, ad->ip6, 16);
    a->assigned6 = c->admin_assigned6;
    a->bps = c->plan.bps;
    if (end && (c->phase == SIM_PHASE_CONNECTED || c->phase == SIM_PHASE_DROPPED)) {
        uint64_t until = c->ended_at != 0 ? c->ended_at : sim_now_ms();
        uint64_t ms = until > c->connected_at ? until - c->connected_at : 0;
        a->connected = 1;
        a->duration_ms = ms;
        a->bytes_received = admin_bytes(c->plan.bytes_out_per_sec, ms);
        a->bytes_sent = admin_bytes(c->plan.bytes_in_per_sec, ms);
        a->frames_received = a->bytes_received / SIM_ADMIN_FRAME_BYTES;
        a->frames_sent = a->bytes_sent / SIM_ADMIN_FRAME_BYTES;
    }
    return 0;
}

/* The dial has authenticated (in RASCS_AuthNotify): the server asks the
 * policy, with the lock released as for a notification.  A refusal (or no
 * answer: out of memory) fails the dial there with
 * ERROR_REMOTE_DISCONNECTION.  An accepted connection owes the policy its
 * end (admin_end).  Non-zero to go on. */
static int
admin_admit(sim_conn *c)
{
    sim_admin_conn a;
    admin_text t;
    sim_admin_answer answer;
    int refused = 1;
    memset(&answer, 0, sizeof answer);
    if (stopped(c)) {
        return 0;
    }
    if (admin_describe(c, 0, &a, &t) == 0) {
        c->in_notify = 1;
        unlock();
        refused = sim_admin_admit(&a, &answer);
        lock();
        c->in_notify = 0;
        wake();
        admin_text_free(&t);
    }
    if (refused) {
        if (!stopped(c)) {
            fail_dial(c, RASCS_AuthNotify, ERROR_REMOTE_DISCONNECTION);
        }
        return 0;
    }
    c->admin = SIM_ADMIN_ADMITTED;
    if (answer.assigned4) {
        memcpy(c->info.addrs.ip, answer.ipv4, 4);
        c->info.addrs.has_ip = 1;
        c->admin_assigned = 1;
    }
    if (answer.assigned6) {
        memcpy(c->info.addrs.ip6, answer.ipv6, 16);
        c->info.addrs.has_ip6 = 1;
        c->admin_assigned6 = 1;
    }
    return !stopped(c);
}

/* The worker, once the admitted connection has ended: tells the policy
 * (lock released), then wakes the hang-ups waiting for it. */
static void
admin_end(sim_conn *c)
{
    sim_admin_conn a;
    admin_text t;
    if (c->admin != SIM_ADMIN_ADMITTED) {
        return;
    }
    if (admin_describe(c, 1, &a, &t) == 0) {
        c->in_notify = 1;
        unlock();
        sim_admin_end(&a);
        lock();
        c->in_notify = 0;
        admin_text_free(&t);
    }
    c->admin = SIM_ADMIN_ENDED;
    wake();
}

/* A hang-up or reset that ended c waits until its policy was told, unless
 * this thread is c's worker (a hang-up from inside a notification or the
 * policy: the worker tells it once that returns). */
static void
wait_admin_end(sim_conn *c)
{
    if (sim_thread_is_current(c->worker)) {
        return;
    }
    while (c->admin == SIM_ADMIN_ADMITTED) {
        sim_cond_wait(&g_cond, &g_lock);
    }
}

static void
conn_worker(void *arg)
{
    sim_conn *c = (sim_conn *)arg;
    size_t i;
    lock();
    c->worker = sim_thread_self();
    for (i = 0; i < sim_dial_sequence_len; i++) {
        RASCONNSTATE st = sim_dial_sequence[i];
        if (!enter_state(c, st)) {
            break;
        }
        if (st == RASCS_DeviceConnected && c->plan.interactive && !interactive_pause(c)) {
            break;
        }
        if (st == RASCS_Authenticate && !after_authenticate(c)) {
            break;
        }
        if (st == RASCS_AuthNotify && c->admin_policy != NULL && !admin_admit(c)) {
            break;
        }
    }
    if (c->forced) {
        deliver(c, c->primary, c->info.state, c->info.error);
    }
    if (c->phase == SIM_PHASE_CONNECTED || c->phase == SIM_PHASE_DROPPED) {
        serve_connected(c);
    }
    admin_end(c);
    g_workers--;
    wake();
    conn_release(c);
    unlock();
}

/* ---- dialling ----------------------------------------------------------- */

/* Joins a connected entry (one more reference) or refuses a dialling one. */
static DWORD
join_existing(sim_conn *existing, sim_conn *fresh, HRASCONN *out)
{
    if (existing->phase == SIM_PHASE_DIALLING) {
        return ERROR_DIAL_ALREADY_IN_PROGRESS;
    }
    existing->refs++;
    if (fresh->primary != NULL) {
        sim_notifier **p = &existing->notifiers;
        while (*p != NULL) {
            p = &(*p)->next;
        }
        *p = fresh->primary;
        fresh->primary->pending = 1;
        fresh->primary = fresh->notifiers = NULL;
        wake();
    }
    *out = existing->info.handle;
    return 0;
}

/* Puts a new connection in the table and starts its worker. */
static DWORD
launch(sim_conn *c, HRASCONN *out)
{
    uintptr_t v = g_next_handle + sim_shared_handle_base();
    c->info.handle = (HRASCONN)v;
    c->info.luid.LowPart = (DWORD)(v >> 4);
    c->info.luid.HighPart = 0;
    sim_guid_from_hash(&v, sizeof v, &c->info.correlation_id);
    c->refs = 1;
    c->holders = 1;
    table_append(c);
    if (sim_thread_start(conn_worker, c) != 0) {
        table_remove(c);
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    g_next_handle += 0x10;
    c->holders++;
    g_workers++;
    *out = c->info.handle;
    return 0;
}

/* Counts a new connection of req's name; returns its number (1, 2, ...),
 * or 0 when out of memory. */
static DWORD
count_dial(const sim_dial_request *req)
{
    sim_dial_count *d = name_state(req->phonebook, req->name, 1);
    return d != NULL ? ++d->count : 0;
}

/* The record of a connection name (NULL: none, or out of memory when
 * create); the table is locked. */
static sim_dial_count *
name_state(const char *phonebook, const char *name, int create)
{
    sim_dial_count *d;
    const char *pbk = phonebook != NULL ? phonebook : "";
    if (name == NULL) {
        name = "";
    }
    for (d = g_counts; d != NULL; d = d->next) {
        if (sim_path_equal(d->phonebook, pbk) &&
            sim_u8_ieq(d->name, strlen(d->name), name, strlen(name))) {
            return d;
        }
    }
    if (!create) {
        return NULL;
    }
    d = (sim_dial_count *)calloc(1, sizeof *d);
    if (d == NULL || (d->phonebook = sim_strdup(pbk)) == NULL ||
        (d->name = sim_strdup(name)) == NULL) {
        if (d != NULL) {
            free(d->phonebook);
        }
        free(d);
        return NULL;
    }
    d->next = g_counts;
    g_counts = d;
    return d;
}

DWORD
sim_conn_changed_password(const char *phonebook, const char *name, char **out)
{
    sim_dial_count *d;
    DWORD rc = 0;
    lock();
    d = name_state(phonebook, name, 0);
    *out = NULL;
    if (d != NULL && d->password != NULL && (*out = sim_strdup(d->password)) == NULL) {
        rc = ERROR_NOT_ENOUGH_MEMORY;
    }
    unlock();
    return rc;
}

static void
counts_clear(void)
{
    while (g_counts != NULL) {
        sim_dial_count *d = g_counts;
        g_counts = d->next;
        free(d->phonebook);
        free(d->name);
        sim_free_secret(d->password);
        free(d);
    }
}

/* Synchronous dial: waits for Connected, a failure or a hang-up. */
static DWORD
wait_result(sim_conn *c)
{
    DWORD rc;
    while (!c->done && !c->cancelled) {
        sim_cond_wait(&g_cond, &g_lock);
    }
    rc = c->done ? c->result : ERROR_USER_DISCONNECTION;
    conn_release(c);
    return rc;
}

DWORD
sim_conn_dial(const sim_dial_request *req, HRASCONN *out)
{
    sim_conn *fresh = conn_new(req), *existing;
    DWORD rc;
    if (fresh == NULL) {
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    lock();
    existing = table_find_entry(req);
    if (existing != NULL) {
        rc = join_existing(existing, fresh, out);
        unlock();
        conn_free(fresh);
        return rc;
    }
    {
        DWORD nth = count_dial(req);
        if (fresh->plan.has_fail_count && (nth == 0 || nth > fresh->plan.fail_count)) {
            fresh->plan.fail_state = -1;
        }
    }
    rc = launch(fresh, out);
    if (rc != 0) {
        unlock();
        conn_free(fresh);
        return rc;
    }
    if (req->target.type == SIM_NOTIFY_NONE) {
        fresh->holders++;
        rc = wait_result(fresh);
    }
    unlock();
    return rc;
}

/* ---- hang-up, queries, reset -------------------------------------------- */

DWORD
sim_conn_hangup(HRASCONN h)
{
    WCHAR entry[RAS_MaxEntryName + 1];
    int ended;
    return sim_conn_hangup_ex(h, entry, &ended);
}

DWORD
sim_conn_hangup_ex(HRASCONN h, WCHAR entry[RAS_MaxEntryName + 1], int *ended)
{
    sim_conn *c;
    *ended = 0;
    lock();
    c = table_find(h);
    if (c == NULL) {
        unlock();
        return ERROR_INVALID_HANDLE;
    }
    memcpy(entry, c->info.entry, sizeof c->info.entry);
    c->holders++;
    detach_notifiers(c);
    if (--c->refs == 0) {
        *ended = 1;
        conn_cancel(c);
    }
    wake();
    wait_notify_idle(c);
    if (*ended) {
        wait_admin_end(c);
    }
    conn_release(c);
    unlock();
    return 0;
}

DWORD
sim_conn_drop(HRASCONN h, DWORD error)
{
    sim_conn *c;
    DWORD rc = ERROR_NO_CONNECTION;
    lock();
    c = table_find(h);
    if (c == NULL) {
        rc = ERROR_INVALID_HANDLE;
    } else if (c->phase == SIM_PHASE_CONNECTED) {
        link_down(c, error != 0 ? error : c->plan.drop_error);
        rc = 0;
    } else if (c->phase == SIM_PHASE_DIALLING) {
        c->forced = 1;
        c->paused = 0;
        finish_dial(c, SIM_PHASE_FAILED, error != 0 ? error : c->plan.drop_error);
        rc = 0;
    }
    unlock();
    return rc;
}

DWORD
sim_conn_get(HRASCONN h, sim_conn_info *info)
{
    sim_conn *c;
    DWORD rc = ERROR_INVALID_HANDLE;
    lock();
    c = table_find(h);
    if (c != NULL) {
        *info = c->info;
        rc = 0;
    }
    unlock();
    return rc;
}

DWORD
sim_conn_list(sim_conn_info **infos, size_t *count)
{
    sim_conn *c;
    size_t n = 0;
    lock();
    for (c = g_table; c != NULL; c = c->next) {
        n += c->info.state != RASCS_Disconnected;
    }
    *infos = (sim_conn_info *)malloc((n ? n : 1) * sizeof(sim_conn_info));
    *count = 0;
    for (c = g_table; c != NULL && *infos != NULL; c = c->next) {
        if (c->info.state != RASCS_Disconnected) {
            (*infos)[(*count)++] = c->info;
        }
    }
    unlock();
    return *infos != NULL ? 0 : ERROR_NOT_ENOUGH_MEMORY;
}

void
sim_conn_reset(void)
{
    sim_conn *list = NULL, *c;
    lock();
    sim_notify_clear();
    counts_clear();
    while ((c = g_table) != NULL) {
        c->holders++;
        conn_cancel(c);
        c->next = list;
        list = c;
    }
    while ((c = list) != NULL) {
        list = c->next;
        wait_notify_idle(c);
        wait_admin_end(c);
        conn_release(c);
    }
    unlock();
    sim_post_clear();
}

static sim_link_state
link_state(const sim_conn *c)
{
    switch (c->phase) {
    case SIM_PHASE_CONNECTED:
        return SIM_LINK_UP;
    case SIM_PHASE_DIALLING:
        return SIM_LINK_DIALLING;
    default:
        return SIM_LINK_DOWN;
    }
}

/* Milliseconds from since to now; 0 if the clock went back (the POSIX clock
 * is CLOCK_REALTIME where CLOCK_MONOTONIC is missing). */
static uint64_t
elapsed(uint64_t now, uint64_t since)
{
    return now > since ? now - since : 0;
}

DWORD
sim_conn_link_clock(HRASCONN h, int clear, sim_link_clock *out)
{
    sim_conn *c;
    uint64_t now;
    lock();
    c = table_find(h);
    if (c == NULL) {
        unlock();
        return ERROR_INVALID_HANDLE;
    }
    memset(out, 0, sizeof *out);
    out->state = link_state(c);
    out->bytes_out_per_sec = c->plan.bytes_out_per_sec;
    out->bytes_in_per_sec = c->plan.bytes_in_per_sec;
    out->bps = c->plan.bps;
    if (out->state == SIM_LINK_UP) {
        now = sim_now_ms();
        out->connected_ms = elapsed(now, c->connected_at);
        out->counted_ms = elapsed(now, c->counted_from);
        if (clear) {
            c->counted_from = now;
        }
    }
    unlock();
    return 0;
}

static sim_conn_phase
public_phase(const sim_conn *c)
{
    switch (c->phase) {
    case SIM_PHASE_CONNECTED:
        return SIM_CONN_CONNECTED;
    case SIM_PHASE_FAILED:
        return SIM_CONN_FAILED;
    case SIM_PHASE_DROPPED:
        return SIM_CONN_DROPPED;
    default:
        return SIM_CONN_DIALLING;
    }
}

DWORD
sim_conn_with(HRASCONN h, sim_conn_fn fn, void *arg)
{
    sim_conn *c;
    DWORD rc = ERROR_INVALID_HANDLE;
    lock();
    c = table_find(h);
    if (c != NULL) {
        rc = fn(&c->info, public_phase(c), arg);
        wake();
    }
    unlock();
    return rc;
}

DWORD
sim_conn_eap_ui(HRASCONN h)
{
    sim_conn *c;
    DWORD rc = ERROR_INVALID_HANDLE;
    lock();
    c = table_find(h);
    if (c != NULL) {
        rc = ERROR_INVALID_PARAMETER;
        if (c->paused && !c->resumed && c->info.state == RASCS_InvokeEapUI) {
            c->eap_ui_ran = 1;
            rc = 0;
        }
    }
    unlock();
    return rc;
}

static int
same_notifier(const sim_notifier *n, const sim_notify_target *t)
{
    return n != NULL && t->type != SIM_NOTIFY_NONE && n->type == t->type && n->raw == t->notifier;
}

DWORD
sim_conn_resume(HRASCONN h, const sim_notify_target *t, const sim_resume_answer *answer)
{
    sim_conn *c;
    DWORD rc = ERROR_INVALID_HANDLE;
    char *password = sim_strdup(answer->new_password != NULL ? answer->new_password : "");
    if (password == NULL) {
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    lock();
    for (c = g_table; c != NULL && c->info.handle != h; c = c->next)
        ;
    if (c != NULL) {
        rc = ERROR_INVALID_PARAMETER;
        /* Not from inside the dial's own notification (RasDial's rule), and
         * with the notifier of the paused dial. */
        if (c->paused && !c->resumed && !sim_thread_is_current(c->worker) &&
            same_notifier(c->primary, t)) {
            c->primary->callback_id = t->callback_id;
            c->primary->subentry = t->subentry;
            c->primary->muted = 0;
            c->answer_auth_error = answer->auth_error;
            sim_free_secret(c->answer_password);
            c->answer_password = password;
            password = NULL;
            c->answer_password_error = answer->new_password_error;
            c->answer_callback = answer->callback;
            c->resumed = 1;
            rc = 0;
            wake();
        }
    }
    unlock();
    sim_free_secret(password);
    return rc;
}

/* Waits on the state condition until pred(arg) holds or the time is up. */
static int
wait_until(int (*pred)(const void *), const void *arg, uint32_t timeout_ms)
{
    uint64_t end = sim_now_ms() + timeout_ms, now;
    int ok;
    lock();
    while (!(ok = pred(arg)) && (now = sim_now_ms()) < end) {
        sim_cond_wait_ms(&g_cond, &g_lock, end - now);
    }
    unlock();
    return ok;
}

static int
no_workers(const void *unused)
{
    (void)unused;
    return g_workers == 0;
}

static int
blocked_at_least(const void *n)
{
    return g_blocked >= *(const size_t *)n;
}

typedef struct state_query {
    HRASCONN h;
    RASCONNSTATE state;
} state_query;

static int
in_state(const void *arg)
{
    const state_query *q = (const state_query *)arg;
    sim_conn *c = table_find(q->h);
    return c != NULL && c->info.state == q->state;
}

static int
table_at_least(const void *n)
{
    size_t count = 0;
    sim_conn *c;
    for (c = g_table; c != NULL; c = c->next) {
        count++;
    }
    return count >= *(const size_t *)n;
}

int
sim_conn_debug_wait_count(size_t n, uint32_t timeout_ms)
{
    return wait_until(table_at_least, &n, timeout_ms);
}

int
sim_conn_debug_wait_idle(uint32_t timeout_ms)
{
    return wait_until(no_workers, NULL, timeout_ms);
}

int
sim_conn_debug_wait_blocked(size_t n, uint32_t timeout_ms)
{
    return wait_until(blocked_at_least, &n, timeout_ms);
}

int
sim_conn_debug_wait_state(HRASCONN h, RASCONNSTATE state, uint32_t timeout_ms)
{
    state_query q;
    q.h = h;
    q.state = state;
    return wait_until(in_state, &q, timeout_ms);
}
