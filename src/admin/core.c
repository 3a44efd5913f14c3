/*
 * core.c -- the admin DLL's safety machinery (policy.h).
 *
 * A pool: N worker threads, a queue of jobs, one SRW lock.  An export copies
 * its decoded input into a job (two references: the caller's and, once
 * queued, the worker's), queues it and waits on the job's condition variable
 * until the worker marks it done or the deadline (timeout_ms from the call)
 * passes.  On a timeout a job still queued is taken back out (no worker ever
 * runs it); a running one is abandoned: the worker finishes it later and drops
 * the last reference.  So a policy that never returns costs one worker, never
 * an RRAS thread: RRAS's call always returns within timeout_ms (plus
 * scheduling), with the configured default.  No handle is created per call
 * (SRW locks and condition variables are not kernel objects).
 *
 * Terminate: the pool is unpublished (new calls get the default at once),
 * terminate waits until the calls in flight have returned (each within
 * timeout_ms), then asks the workers to stop and waits for them (at most
 * timeout_ms + 1 s).  Workers still inside the policy then are left running:
 * each holds a reference on the DLL (GetModuleHandleEx, released by
 * FreeLibraryAndExitThread), so RRAS's FreeLibrary cannot unmap code they
 * run, the pool stays allocated until the last one leaves, and the policy's
 * stop is not called (it might free what they use); this is logged.
 *
 * Logging: the Windows event log (Application, source RASPY_ADMIN_EVENT_SOURCE)
 * and the host's callback (rasadm_set_log_callback).
 */
#include "policy.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum job_state {
    JOB_QUEUED,
    JOB_RUNNING,
    JOB_DONE
} job_state;

typedef struct job {
    struct job *next;
    LONG refs; /* under the pool's lock */
    job_state state;
    rasadm_call call;
    int failed;
    BOOL accept;
    rasadm_address_answer answer;
    CONDITION_VARIABLE done;
    union {
        rasadm_connection conn;
        rasadm_link link;
        rasadm_address addr;
    } in;
} job;

typedef struct pool {
    LONG refs; /* 1 for the DLL (until terminate) + 1 per live worker */
    SRWLOCK lock;
    CONDITION_VARIABLE work; /* a job was queued, or stopping */
    CONDITION_VARIABLE idle; /* in_flight fell to 0 */
    job *head;
    job *tail;
    DWORD queued;
    int stopping;
    LONG in_flight;
    const rasadm_policy *policy;
    void *ctx;
    rasadm_config config;
    DWORD nthreads;
    HANDLE threads[64];
} pool;

static SRWLOCK g_lock = SRWLOCK_INIT; /* g_pool, g_log_fn, g_log_ctx, g_event_source */
static pool *g_pool;
static rasadm_log_fn g_log_fn;
static void *g_log_ctx;
static HANDLE g_event_source;
static BOOL g_accept_default; /* the last configuration's, FALSE before any */
static BOOL g_address_refuse;
static rasadm_counters g_counters;

static const char *const call_names[RASADM_NCALLS] = {
    "AcceptNewConnectionEx",  "AcceptReauthenticationEx",
    "AcceptNewLink",          "ConnectionHangupNotificationEx",
    "LinkHangupNotification", "GetAddressForUser",
    "ReleaseAddress",
};

/* ---- logging ------------------------------------------------------------- */

void
rasadm_utf8(const WCHAR *in, char *out, size_t out_size)
{
    int n;

    if (out_size == 0) {
        return;
    }
    out[0] = '\0';
    if (in == NULL) {
        return;
    }
    n = WideCharToMultiByte(CP_UTF8, 0, in, -1, out,
                            (int)(out_size > 0x7fffffff ? 0x7fffffff : out_size), NULL, NULL);
    if (n <= 0) {
        /* too long: no partial result from the API; say so instead */
        strncpy(out, "(name too long)", out_size - 1);
        out[out_size - 1] = '\0';
    }
}

void
rasadm_log(DWORD level, DWORD event_id, const char *format, ...)
{
    char text[1024];
    WCHAR wide[1024];
    const WCHAR *strings[1];
    va_list ap;
    WORD type;
    rasadm_log_fn fn;
    void *ctx;
    HANDLE source;

    va_start(ap, format);
    vsnprintf(text, sizeof text, format, ap);
    va_end(ap);
    text[sizeof text - 1] = '\0';
    if (MultiByteToWideChar(CP_UTF8, 0, text, -1, wide, (int)(sizeof wide / sizeof wide[0])) <= 0) {
        wcscpy(wide, L"(message not convertible)");
    }
    strings[0] = wide;

    AcquireSRWLockShared(&g_lock);
    fn = g_log_fn;
    ctx = g_log_ctx;
    source = g_event_source;
    if (source != NULL) {
        type = level == RASADM_LOG_ERROR     ? EVENTLOG_ERROR_TYPE
               : level == RASADM_LOG_WARNING ? EVENTLOG_WARNING_TYPE
                                             : EVENTLOG_INFORMATION_TYPE;
        if (ReportEventW(source, type, 0, event_id, NULL, 1, 0, strings, NULL)) {
            InterlockedIncrement(&g_counters.eventlog_reports);
        } else {
            InterlockedIncrement(&g_counters.eventlog_failures);
        }
    }
    ReleaseSRWLockShared(&g_lock);
    if (fn != NULL) {
        fn(ctx, level, wide);
    }
}

void
rasadm_set_log_callback(rasadm_log_fn fn, void *context)
{
    AcquireSRWLockExclusive(&g_lock);
    g_log_fn = fn;
    g_log_ctx = context;
    ReleaseSRWLockExclusive(&g_lock);
}

void
rasadm_get_counters(rasadm_counters *out)
{
    DWORD size;

    if (out == NULL || out->size < sizeof(DWORD)) {
        return;
    }
    size = out->size < sizeof g_counters ? out->size : (DWORD)sizeof g_counters;
    /* LONG reads are atomic on every Windows architecture; the set is a
     * snapshot, not a transaction. */
    memcpy((char *)out + sizeof(DWORD), (const char *)&g_counters + sizeof(DWORD),
           size - sizeof(DWORD));
    out->size = size;
}

/* ---- configuration -------------------------------------------------------- */

static int
read_choice(const WCHAR *path, const WCHAR *section, const WCHAR *key, const WCHAR *deflt,
            const WCHAR *yes, const WCHAR *no, BOOL *out)
{
    WCHAR buf[32];

    GetPrivateProfileStringW(section, key, deflt, buf, 32, path);
    if (_wcsicmp(buf, yes) == 0) {
        *out = TRUE;
        return 0;
    }
    if (_wcsicmp(buf, no) == 0) {
        *out = FALSE;
        return 0;
    }
    return -1;
}

static int
read_number(const WCHAR *path, const WCHAR *section, const WCHAR *key, DWORD deflt, DWORD lo,
            DWORD hi, DWORD *out)
{
    WCHAR buf[32];
    WCHAR *end;
    unsigned long v;

    GetPrivateProfileStringW(section, key, L"", buf, 32, path);
    if (buf[0] == L'\0') {
        *out = deflt;
        return 0;
    }
    v = wcstoul(buf, &end, 10);
    if (*end != L'\0' || v < lo || v > hi) {
        return -1;
    }
    *out = (DWORD)v;
    return 0;
}

DWORD
rasadm_config_read(const WCHAR *path, rasadm_config *config, char *error, size_t error_size)
{
    WCHAR module[RASADM_NAME_MAX];
    char upath[600];

    memset(config, 0, sizeof *config);
    if (wcslen(path) >= sizeof config->path / sizeof config->path[0]) {
        snprintf(error, error_size, "configuration path too long");
        return ERROR_FILENAME_EXCED_RANGE;
    }
    wcscpy(config->path, path);
    rasadm_utf8(path, upath, sizeof upath);
    if (GetFileAttributesW(path) == INVALID_FILE_ATTRIBUTES) {
        snprintf(error, error_size, "configuration file %s not found", upath);
        return ERROR_FILE_NOT_FOUND;
    }
    GetPrivateProfileStringW(L"policy", L"module", L"", module, RASADM_NAME_MAX, path);
    rasadm_utf8(module, config->policy, sizeof config->policy);
    if (config->policy[0] == '\0') {
        snprintf(error, error_size, "%s: [policy] module is missing", upath);
        return ERROR_INVALID_DATA;
    }
    if (read_number(path, L"policy", L"timeout_ms", 5000, 1, 600000, &config->timeout_ms)) {
        snprintf(error, error_size, "%s: [policy] timeout_ms must be 1..600000", upath);
        return ERROR_INVALID_DATA;
    }
    if (read_choice(path, L"policy", L"accept_default", L"deny", L"accept", L"deny",
                    &config->accept_default)) {
        snprintf(error, error_size, "%s: [policy] accept_default must be deny or accept", upath);
        return ERROR_INVALID_DATA;
    }
    if (read_choice(path, L"policy", L"address_default", L"keep", L"refuse", L"keep",
                    &config->address_refuse)) {
        snprintf(error, error_size, "%s: [policy] address_default must be keep or refuse", upath);
        return ERROR_INVALID_DATA;
    }
    if (read_number(path, L"policy", L"workers", 8, 1, 64, &config->workers)) {
        snprintf(error, error_size, "%s: [policy] workers must be 1..64", upath);
        return ERROR_INVALID_DATA;
    }
    if (read_number(path, L"policy", L"queue_limit", 1024, 1, 65536, &config->queue_limit)) {
        snprintf(error, error_size, "%s: [policy] queue_limit must be 1..65536", upath);
        return ERROR_INVALID_DATA;
    }
    if (read_number(path, L"test", L"sleep_ms", 0, 0, 600000, &config->test_sleep_ms)) {
        snprintf(error, error_size, "%s: [test] sleep_ms must be 0..600000", upath);
        return ERROR_INVALID_DATA;
    }
    return NO_ERROR;
}

/* ---- the pool ------------------------------------------------------------- */

static void
pool_release(pool *p)
{
    if (InterlockedDecrement(&p->refs) == 0) {
        free(p);
    }
}

static void
run_job(pool *p, job *j)
{
    const rasadm_policy *pol = p->policy;
    int rc = 0;

    switch (j->call) {
    case RASADM_ACCEPT_CONNECTION:
        rc = pol->accept_connection(p->ctx, &j->in.conn, &j->accept);
        break;
    case RASADM_ACCEPT_REAUTHENTICATION:
        rc = pol->accept_reauthentication(p->ctx, &j->in.conn, &j->accept);
        break;
    case RASADM_ACCEPT_LINK:
        rc = pol->accept_link(p->ctx, &j->in.link, &j->accept);
        break;
    case RASADM_CONNECTION_HANGUP:
        rc = pol->connection_hangup(p->ctx, &j->in.conn);
        break;
    case RASADM_LINK_HANGUP:
        rc = pol->link_hangup(p->ctx, &j->in.link);
        break;
    case RASADM_GET_ADDRESS:
        rc = pol->get_address(p->ctx, &j->in.addr, &j->answer);
        break;
    case RASADM_RELEASE_ADDRESS:
        rc = pol->release_address(p->ctx, &j->in.addr);
        break;
    default:
        rc = -1;
        break;
    }
    j->failed = rc != 0;
}

static DWORD WINAPI
worker_main(LPVOID arg)
{
    pool *p = (pool *)arg;
    HMODULE self = NULL;
    job *j;
    int last;

    /* The creator took a module reference for this thread (see start_workers);
     * look the handle up again to release it at exit. */
    GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS |
                           GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
                       (LPCWSTR)(void *)&worker_main, &self);
    AcquireSRWLockExclusive(&p->lock);
    for (;;) {
        while (!p->stopping && p->head == NULL) {
            SleepConditionVariableSRW(&p->work, &p->lock, INFINITE, 0);
        }
        if (p->head == NULL) {
            break; /* stopping, nothing left */
        }
        j = p->head;
        p->head = j->next;
        if (p->head == NULL) {
            p->tail = NULL;
        }
        p->queued--;
        j->state = JOB_RUNNING;
        ReleaseSRWLockExclusive(&p->lock);
        run_job(p, j);
        AcquireSRWLockExclusive(&p->lock);
        j->state = JOB_DONE;
        WakeAllConditionVariable(&j->done);
        last = --j->refs == 0;
        if (last) {
            free(j);
        }
    }
    ReleaseSRWLockExclusive(&p->lock);
    InterlockedDecrement(&g_counters.workers_alive);
    pool_release(p);
    if (self != NULL) {
        FreeLibraryAndExitThread(self, 0);
    }
    return 0;
}

/* The pool of the calls in progress, with in_flight counted; NULL (and the
 * call refused) when the DLL is not initialized or is terminating. */
static pool *
enter(void)
{
    pool *p;

    InterlockedIncrement(&g_counters.calls);
    AcquireSRWLockShared(&g_lock);
    p = g_pool;
    if (p != NULL) {
        AcquireSRWLockExclusive(&p->lock);
        p->in_flight++;
        ReleaseSRWLockExclusive(&p->lock);
        InterlockedIncrement(&g_counters.in_flight);
    }
    ReleaseSRWLockShared(&g_lock);
    if (p == NULL) {
        InterlockedIncrement(&g_counters.refused_closed);
    }
    return p;
}

static void
leave(pool *p)
{
    /* the count first: when terminate's wait ends, in_flight already says 0 */
    InterlockedDecrement(&g_counters.in_flight);
    AcquireSRWLockExclusive(&p->lock);
    if (--p->in_flight == 0) {
        WakeAllConditionVariable(&p->idle);
    }
    ReleaseSRWLockExclusive(&p->lock);
}

typedef enum outcome {
    OUT_ANSWERED,
    OUT_FAILED,
    OUT_TIMEOUT,
    OUT_BUSY,
    OUT_CLOSED
} outcome;

/* Runs one job on a worker, waits at most timeout_ms; copies the answer to
 * *accept / *answer when answered.  Frees the job (or leaves it to the
 * worker). */
static outcome
submit(pool *p, job *j, BOOL *accept, rasadm_address_answer *answer)
{
    ULONGLONG deadline = GetTickCount64() + p->config.timeout_ms;
    ULONGLONG now;
    outcome out;
    job **pp;
    int last;

    InitializeConditionVariable(&j->done);
    j->state = JOB_QUEUED;
    j->next = NULL;
    AcquireSRWLockExclusive(&p->lock);
    if (p->queued >= p->config.queue_limit) {
        ReleaseSRWLockExclusive(&p->lock);
        free(j);
        InterlockedIncrement(&g_counters.refused_busy);
        return OUT_BUSY;
    }
    j->refs = 2;
    if (p->tail != NULL) {
        p->tail->next = j;
    } else {
        p->head = j;
    }
    p->tail = j;
    p->queued++;
    WakeConditionVariable(&p->work);
    while (j->state != JOB_DONE) {
        now = GetTickCount64();
        if (now >= deadline) {
            break;
        }
        SleepConditionVariableSRW(&j->done, &p->lock, (DWORD)(deadline - now), 0);
    }
    if (j->state == JOB_DONE) {
        out = j->failed ? OUT_FAILED : OUT_ANSWERED;
        if (!j->failed) {
            if (accept != NULL) {
                *accept = j->accept;
            }
            if (answer != NULL) {
                *answer = j->answer;
            }
        }
    } else {
        out = OUT_TIMEOUT;
        if (j->state == JOB_QUEUED) {
            /* no worker took it: take it back */
            for (pp = &p->head; *pp != NULL; pp = &(*pp)->next) {
                if (*pp == j) {
                    *pp = j->next;
                    break;
                }
            }
            p->tail = NULL;
            for (pp = &p->head; *pp != NULL; pp = &(*pp)->next) {
                p->tail = *pp;
            }
            p->queued--;
            j->refs--;
        }
    }
    last = --j->refs == 0;
    ReleaseSRWLockExclusive(&p->lock);
    if (last) {
        free(j);
    }
    if (out == OUT_ANSWERED) {
        InterlockedIncrement(&g_counters.answered);
    } else if (out == OUT_FAILED) {
        InterlockedIncrement(&g_counters.failures);
    } else {
        InterlockedIncrement(&g_counters.timeouts);
    }
    return out;
}

static int
has_function(const rasadm_policy *pol, rasadm_call call)
{
    switch (call) {
    case RASADM_ACCEPT_CONNECTION:
        return pol->accept_connection != NULL;
    case RASADM_ACCEPT_REAUTHENTICATION:
        return pol->accept_reauthentication != NULL;
    case RASADM_ACCEPT_LINK:
        return pol->accept_link != NULL;
    case RASADM_CONNECTION_HANGUP:
        return pol->connection_hangup != NULL;
    case RASADM_LINK_HANGUP:
        return pol->link_hangup != NULL;
    case RASADM_GET_ADDRESS:
        return pol->get_address != NULL;
    case RASADM_RELEASE_ADDRESS:
        return pol->release_address != NULL;
    default:
        return 0;
    }
}

static const char *
outcome_text(outcome out)
{
    switch (out) {
    case OUT_FAILED:
        return "failed";
    case OUT_TIMEOUT:
        return "did not answer in time";
    case OUT_BUSY:
        return "was not called: every worker is busy and the queue is full";
    case OUT_CLOSED:
        return "was not called: the DLL is not initialized or is terminating";
    default:
        return "answered";
    }
}

/* One call: the job (allocated by the caller, input filled), the user for
 * the log.  Returns the outcome; on OUT_ANSWERED *accept / *answer hold the
 * policy's answer. */
static outcome
call_policy(rasadm_call call, job *j, const WCHAR *user, BOOL *accept,
            rasadm_address_answer *answer)
{
    pool *p = enter();
    outcome out;
    char uuser[300];
    DWORD timeout = 0;
    const char *name = "?";

    if (p == NULL) {
        free(j);
        return OUT_CLOSED;
    }
    if (!has_function(p->policy, call)) {
        free(j);
        leave(p);
        if (accept != NULL) {
            *accept = TRUE; /* as "accept everything" */
        }
        InterlockedIncrement(&g_counters.answered);
        return OUT_ANSWERED;
    }
    j->call = call;
    out = submit(p, j, accept, answer);
    timeout = p->config.timeout_ms;
    name = p->policy->name;
    leave(p);
    if (out != OUT_ANSWERED) {
        rasadm_utf8(user, uuser, sizeof uuser);
        rasadm_log(RASADM_LOG_ERROR, RASADM_EVENT_FAILURE,
                   "policy %s %s in %s (user %s, timeout %lu ms): the default decision applies",
                   name, outcome_text(out), call_names[call], uuser, (unsigned long)timeout);
    }
    return out;
}

/* The configured defaults, kept after terminate: a call refused then (or
 * before initialize: deny, keep) gets them too. */
static BOOL
default_accept(void)
{
    BOOL d;

    AcquireSRWLockShared(&g_lock);
    d = g_accept_default;
    ReleaseSRWLockShared(&g_lock);
    return d;
}

static job *
new_job(void)
{
    return (job *)calloc(1, sizeof(job));
}

/* An accept call: the policy's answer, or the default when there is none
 * (j is NULL when it could not be allocated). */
static BOOL
decide(rasadm_call call, job *j, const WCHAR *who)
{
    BOOL accept = FALSE;
    BOOL deflt = default_accept();

    if (j == NULL) {
        rasadm_log(RASADM_LOG_ERROR, RASADM_EVENT_FAILURE, "out of memory: default decision");
        return deflt;
    }
    if (call_policy(call, j, who, &accept, NULL) != OUT_ANSWERED) {
        return deflt;
    }
    return accept ? TRUE : FALSE;
}

/* A hang-up notification (j is NULL when it could not be allocated). */
static void
notify(rasadm_call call, job *j, const WCHAR *who)
{
    if (j == NULL) {
        rasadm_log(RASADM_LOG_ERROR, RASADM_EVENT_FAILURE, "out of memory: hang-up not reported");
        return;
    }
    call_policy(call, j, who, NULL, NULL);
}

BOOL
rasadm_decide_connection(rasadm_call call, const rasadm_connection *conn)
{
    job *j = new_job();

    if (j != NULL) {
        j->in.conn = *conn;
    }
    return decide(call, j, conn->user);
}

BOOL
rasadm_decide_link(const rasadm_link *link)
{
    job *j = new_job();

    if (j != NULL) {
        j->in.link = *link;
    }
    return decide(RASADM_ACCEPT_LINK, j, link->port_name);
}

void
rasadm_notify_connection(const rasadm_connection *conn)
{
    job *j = new_job();

    if (j != NULL) {
        j->in.conn = *conn;
    }
    notify(RASADM_CONNECTION_HANGUP, j, conn->user);
}

void
rasadm_notify_link(const rasadm_link *link)
{
    job *j = new_job();

    if (j != NULL) {
        j->in.link = *link;
    }
    notify(RASADM_LINK_HANGUP, j, link->port_name);
}

DWORD
rasadm_decide_address(const rasadm_address *request, rasadm_address_answer *answer)
{
    job *j = new_job();
    BOOL refuse = FALSE;
    outcome out;

    memset(answer, 0, sizeof *answer);
    AcquireSRWLockShared(&g_lock);
    refuse = g_address_refuse;
    ReleaseSRWLockShared(&g_lock);
    if (j == NULL) {
        rasadm_log(RASADM_LOG_ERROR, RASADM_EVENT_FAILURE, "out of memory: default address");
        return refuse ? ERROR_NOT_ENOUGH_MEMORY : NO_ERROR;
    }
    j->in.addr = *request;
    out = call_policy(RASADM_GET_ADDRESS, j, request->user, NULL, answer);
    if (out == OUT_ANSWERED) {
        return NO_ERROR;
    }
    memset(answer, 0, sizeof *answer);
    return refuse ? ERROR_ACCESS_DENIED : NO_ERROR;
}

void
rasadm_notify_release(const rasadm_address *address)
{
    job *j = new_job();

    if (j == NULL) {
        rasadm_log(RASADM_LOG_ERROR, RASADM_EVENT_FAILURE, "out of memory: release not reported");
        return;
    }
    j->in.addr = *address;
    call_policy(RASADM_RELEASE_ADDRESS, j, address->user, NULL, NULL);
}

/* ---- start / stop --------------------------------------------------------- */

static DWORD
start_workers(pool *p)
{
    DWORD i;
    HMODULE ref;
    HANDLE t;

    for (i = 0; i < p->config.workers; i++) {
        /* one module reference per worker, released by FreeLibraryAndExitThread */
        if (!GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS,
                                (LPCWSTR)(void *)&worker_main, &ref)) {
            return GetLastError();
        }
        InterlockedIncrement(&p->refs);
        InterlockedIncrement(&g_counters.workers_alive);
        t = CreateThread(NULL, 0, worker_main, p, 0, NULL);
        if (t == NULL) {
            DWORD err = GetLastError();
            InterlockedDecrement(&g_counters.workers_alive);
            InterlockedDecrement(&p->refs);
            FreeLibrary(ref);
            return err;
        }
        p->threads[p->nthreads++] = t;
    }
    return NO_ERROR;
}

/* Stops the workers of a pool nobody can reach any more; 1 when every worker
 * exited in time. */
static int
stop_workers(pool *p, DWORD wait_ms)
{
    DWORD i;
    DWORD rc = WAIT_OBJECT_0;
    int all = 1;

    AcquireSRWLockExclusive(&p->lock);
    p->stopping = 1;
    WakeAllConditionVariable(&p->work);
    ReleaseSRWLockExclusive(&p->lock);
    if (p->nthreads > 0) {
        rc = WaitForMultipleObjects(p->nthreads, p->threads, TRUE, wait_ms);
    }
    for (i = 0; i < p->nthreads; i++) {
        if (rc == WAIT_TIMEOUT && WaitForSingleObject(p->threads[i], 0) != WAIT_OBJECT_0) {
            all = 0;
            InterlockedIncrement(&g_counters.workers_stuck);
        }
        CloseHandle(p->threads[i]);
    }
    p->nthreads = 0;
    return all;
}

DWORD
rasadm_core_start(const WCHAR *config_path)
{
    char error[800];
    pool *p;
    DWORD rc;
    int busy;

    AcquireSRWLockExclusive(&g_lock);
    busy = g_pool != NULL;
    if (g_event_source == NULL) {
        g_event_source = RegisterEventSourceW(NULL, RASPY_ADMIN_EVENT_SOURCE);
    }
    ReleaseSRWLockExclusive(&g_lock);
    if (busy) {
        rasadm_log(RASADM_LOG_ERROR, RASADM_EVENT_CONFIG, "initialize called twice");
        return ERROR_ALREADY_INITIALIZED;
    }

    p = (pool *)calloc(1, sizeof *p);
    if (p == NULL) {
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    p->refs = 1;
    InitializeSRWLock(&p->lock);
    InitializeConditionVariable(&p->work);
    InitializeConditionVariable(&p->idle);
    rc = rasadm_config_read(config_path, &p->config, error, sizeof error);
    if (rc != NO_ERROR) {
        rasadm_log(RASADM_LOG_ERROR, RASADM_EVENT_CONFIG, "initialize failed: %s", error);
        free(p);
        return rc;
    }
    p->policy = rasadm_find_policy(p->config.policy);
    if (p->policy == NULL) {
        rasadm_log(RASADM_LOG_ERROR, RASADM_EVENT_CONFIG,
                   "initialize failed: unknown policy module '%s'", p->config.policy);
        free(p);
        return ERROR_MOD_NOT_FOUND;
    }
    error[0] = '\0';
    if (p->policy->start != NULL &&
        p->policy->start(&p->ctx, &p->config, error, sizeof error) != 0) {
        rasadm_log(RASADM_LOG_ERROR, RASADM_EVENT_CONFIG,
                   "initialize failed: policy %s did not start: %s", p->policy->name, error);
        free(p);
        return ERROR_DLL_INIT_FAILED;
    }
    rc = start_workers(p);
    if (rc != NO_ERROR) {
        rasadm_log(RASADM_LOG_ERROR, RASADM_EVENT_CONFIG,
                   "initialize failed: cannot start workers (error %lu)", (unsigned long)rc);
        if (stop_workers(p, INFINITE) && p->policy->stop != NULL) {
            p->policy->stop(p->ctx);
        }
        pool_release(p);
        return rc;
    }
    AcquireSRWLockExclusive(&g_lock);
    g_pool = p;
    InterlockedExchange(&g_counters.accepting, 1);
    g_accept_default = p->config.accept_default;
    g_address_refuse = p->config.address_refuse;
    ReleaseSRWLockExclusive(&g_lock);
    rasadm_log(RASADM_LOG_INFO, RASADM_EVENT_INFO,
               "initialized: policy %s, timeout %lu ms, accept_default %s, %lu workers",
               p->policy->name, (unsigned long)p->config.timeout_ms,
               p->config.accept_default ? "accept" : "deny", (unsigned long)p->config.workers);
    return NO_ERROR;
}

DWORD
rasadm_core_stop(void)
{
    pool *p;
    HANDLE source;

    AcquireSRWLockExclusive(&g_lock);
    p = g_pool;
    g_pool = NULL; /* from now on every call is refused */
    InterlockedExchange(&g_counters.accepting, 0);
    ReleaseSRWLockExclusive(&g_lock);
    if (p != NULL) {
        /* the calls in flight: each returns within timeout_ms */
        AcquireSRWLockExclusive(&p->lock);
        while (p->in_flight > 0) {
            SleepConditionVariableSRW(&p->idle, &p->lock, INFINITE, 0);
        }
        ReleaseSRWLockExclusive(&p->lock);
        if (stop_workers(p, p->config.timeout_ms + 1000)) {
            if (p->policy->stop != NULL) {
                p->policy->stop(p->ctx);
            }
            rasadm_log(RASADM_LOG_INFO, RASADM_EVENT_INFO, "terminated");
        } else {
            rasadm_log(RASADM_LOG_ERROR, RASADM_EVENT_FAILURE,
                       "terminated with workers still inside policy %s: they are left to "
                       "finish, and the policy is not stopped",
                       p->policy->name);
        }
        pool_release(p);
    }
    AcquireSRWLockExclusive(&g_lock);
    source = g_event_source;
    g_event_source = NULL;
    ReleaseSRWLockExclusive(&g_lock);
    if (source != NULL) {
        DeregisterEventSource(source);
    }
    return NO_ERROR;
}
