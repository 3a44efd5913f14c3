/*
 * thread.c -- see thread.h.
 */
#include "common.h"
#include "thread.h"

#include <stdlib.h>

/* Longest single timed wait; longer waits are simply re-armed by callers. */
#define SIM_MAX_WAIT_MS ((uint64_t)24 * 60 * 60 * 1000)

typedef struct sim_thread_start_info {
    void (*fn)(void *);
    void *arg;
} sim_thread_start_info;

#ifdef _WIN32

typedef struct sim_once_fn {
    void (*fn)(void);
} sim_once_fn;

static BOOL CALLBACK
once_trampoline(PINIT_ONCE once, PVOID param, PVOID *ctx)
{
    (void)once;
    (void)ctx;
    ((sim_once_fn *)param)->fn();
    return TRUE;
}

void
sim_call_once(sim_once *once, void (*fn)(void))
{
    sim_once_fn holder;
    holder.fn = fn;
    InitOnceExecuteOnce(&once->once, once_trampoline, &holder, NULL);
}

void
sim_mutex_init(sim_mutex *m)
{
    InitializeSRWLock(&m->lock);
}
void
sim_mutex_lock(sim_mutex *m)
{
    AcquireSRWLockExclusive(&m->lock);
}
void
sim_mutex_unlock(sim_mutex *m)
{
    ReleaseSRWLockExclusive(&m->lock);
}

void
sim_cond_init(sim_cond *c)
{
    InitializeConditionVariable(&c->cv);
}

void
sim_cond_wait(sim_cond *c, sim_mutex *m)
{
    SleepConditionVariableSRW(&c->cv, &m->lock, INFINITE, 0);
}

void
sim_cond_wait_ms(sim_cond *c, sim_mutex *m, uint64_t ms)
{
    if (ms > SIM_MAX_WAIT_MS) {
        ms = SIM_MAX_WAIT_MS;
    }
    SleepConditionVariableSRW(&c->cv, &m->lock, (DWORD)ms, 0);
}

void
sim_cond_broadcast(sim_cond *c)
{
    WakeAllConditionVariable(&c->cv);
}

static DWORD WINAPI
thread_trampoline(LPVOID param)
{
    sim_thread_start_info info = *(sim_thread_start_info *)param;
    free(param);
    info.fn(info.arg);
    return 0;
}

int
sim_thread_start(void (*fn)(void *), void *arg)
{
    HANDLE h;
    sim_thread_start_info *info = (sim_thread_start_info *)malloc(sizeof *info);
    if (info == NULL) {
        return -1;
    }
    info->fn = fn;
    info->arg = arg;
    h = CreateThread(NULL, 0, thread_trampoline, info, 0, NULL);
    if (h == NULL) {
        free(info);
        return -1;
    }
    CloseHandle(h);
    return 0;
}

sim_thread_id
sim_thread_self(void)
{
    return GetCurrentThreadId();
}

int
sim_thread_is_current(sim_thread_id id)
{
    return id == GetCurrentThreadId();
}

uint64_t
sim_now_ms(void)
{
    return (uint64_t)GetTickCount64();
}

void
sim_sleep_ms(uint32_t ms)
{
    Sleep(ms);
}

#else /* POSIX */

#include <time.h>

#if defined(CLOCK_MONOTONIC) && !defined(__APPLE__)
#define SIM_COND_CLOCK CLOCK_MONOTONIC
#else
#define SIM_COND_CLOCK CLOCK_REALTIME
#endif

void
sim_call_once(sim_once *once, void (*fn)(void))
{
    pthread_once(&once->once, fn);
}

void
sim_mutex_init(sim_mutex *m)
{
    pthread_mutex_init(&m->m, NULL);
}
void
sim_mutex_lock(sim_mutex *m)
{
    pthread_mutex_lock(&m->m);
}
void
sim_mutex_unlock(sim_mutex *m)
{
    pthread_mutex_unlock(&m->m);
}

void
sim_cond_init(sim_cond *c)
{
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
#if !defined(__APPLE__)
    pthread_condattr_setclock(&attr, SIM_COND_CLOCK);
#endif
    pthread_cond_init(&c->c, &attr);
    pthread_condattr_destroy(&attr);
}

void
sim_cond_wait(sim_cond *c, sim_mutex *m)
{
    pthread_cond_wait(&c->c, &m->m);
}

void
sim_cond_wait_ms(sim_cond *c, sim_mutex *m, uint64_t ms)
{
    struct timespec ts;
    if (ms > SIM_MAX_WAIT_MS) {
        ms = SIM_MAX_WAIT_MS;
    }
    clock_gettime(SIM_COND_CLOCK, &ts);
    ts.tv_sec += (time_t)(ms / 1000);
    ts.tv_nsec += (long)(ms % 1000) * 1000000L;
    if (ts.tv_nsec >= 1000000000L) {
        ts.tv_sec += 1;
        ts.tv_nsec -= 1000000000L;
    }
    pthread_cond_timedwait(&c->c, &m->m, &ts);
}

void
sim_cond_broadcast(sim_cond *c)
{
    pthread_cond_broadcast(&c->c);
}

static void *
thread_trampoline(void *param)
{
    sim_thread_start_info info = *(sim_thread_start_info *)param;
    free(param);
    info.fn(info.arg);
    return NULL;
}

int
sim_thread_start(void (*fn)(void *), void *arg)
{
    pthread_t t;
    pthread_attr_t attr;
    int rc;
    sim_thread_start_info *info = (sim_thread_start_info *)malloc(sizeof *info);
    if (info == NULL) {
        return -1;
    }
    info->fn = fn;
    info->arg = arg;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    rc = pthread_create(&t, &attr, thread_trampoline, info);
    pthread_attr_destroy(&attr);
    if (rc != 0) {
        free(info);
        return -1;
    }
    return 0;
}

sim_thread_id
sim_thread_self(void)
{
    return pthread_self();
}

int
sim_thread_is_current(sim_thread_id id)
{
    return pthread_equal(id, pthread_self());
}

uint64_t
sim_now_ms(void)
{
    struct timespec ts;
    clock_gettime(SIM_COND_CLOCK, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)(ts.tv_nsec / 1000000L);
}

void
sim_sleep_ms(uint32_t ms)
{
    struct timespec ts;
    ts.tv_sec = (time_t)(ms / 1000);
    ts.tv_nsec = (long)(ms % 1000) * 1000000L;
    while (nanosleep(&ts, &ts) != 0) {
    }
}

#endif
