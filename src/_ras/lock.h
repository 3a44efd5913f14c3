/*
 * lock.h -- a mutex with one condition variable, for the C-only state
 * that RAS threads touch without the GIL (src/_ras/dial.c).
 *
 * PyThread locks are not exported by CPython 3.9's python3.dll, so the
 * stable-ABI wheel cannot use them on Windows: this wraps SRWLOCK and
 * CONDITION_VARIABLE there, pthreads elsewhere.  `rasmutex` is a plain
 * mutex that needs no initialisation (RASMUTEX_INIT), for static storage.
 */
#ifndef RASPY_LOCK_H
#define RASPY_LOCK_H

#ifdef _WIN32

typedef struct {
    SRWLOCK mutex;
    CONDITION_VARIABLE cond;
} raslock;

static inline int
raslock_init(raslock *l)
{
    InitializeSRWLock(&l->mutex);
    InitializeConditionVariable(&l->cond);
    return 0;
}

static inline void
raslock_destroy(raslock *l)
{
    (void)l;
}

/* A mutex usable from static storage without initialisation. */
typedef SRWLOCK rasmutex;
#define RASMUTEX_INIT SRWLOCK_INIT
static inline void
rasmutex_acquire(rasmutex *m)
{
    AcquireSRWLockExclusive(m);
}
static inline void
rasmutex_release(rasmutex *m)
{
    ReleaseSRWLockExclusive(m);
}
static inline void
raslock_acquire(raslock *l)
{
    AcquireSRWLockExclusive(&l->mutex);
}
static inline void
raslock_release(raslock *l)
{
    ReleaseSRWLockExclusive(&l->mutex);
}
static inline void
raslock_notify_all(raslock *l)
{
    WakeAllConditionVariable(&l->cond);
}

static inline unsigned long long
raslock_now_ms(void)
{
    return GetTickCount64();
}

/* With the mutex held: wait for a notification or at most ms. */
static inline void
raslock_wait_ms(raslock *l, unsigned long ms)
{
    SleepConditionVariableSRW(&l->cond, &l->mutex, (DWORD)ms, 0);
}

#else /* POSIX */

#include <errno.h>
#include <pthread.h>
#include <time.h>

typedef struct {
    pthread_mutex_t mutex;
    pthread_cond_t cond;
} raslock;

static inline int
raslock_init(raslock *l)
{
    pthread_condattr_t attr;
    int rc;

    if (pthread_mutex_init(&l->mutex, NULL) != 0) {
        return -1;
    }
    if (pthread_condattr_init(&attr) != 0) {
        pthread_mutex_destroy(&l->mutex);
        return -1;
    }
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    rc = pthread_cond_init(&l->cond, &attr);
    pthread_condattr_destroy(&attr);
    if (rc != 0) {
        pthread_mutex_destroy(&l->mutex);
        return -1;
    }
    return 0;
}

static inline void
raslock_destroy(raslock *l)
{
    pthread_cond_destroy(&l->cond);
    pthread_mutex_destroy(&l->mutex);
}

typedef pthread_mutex_t rasmutex;
#define RASMUTEX_INIT PTHREAD_MUTEX_INITIALIZER
static inline void
rasmutex_acquire(rasmutex *m)
{
    pthread_mutex_lock(m);
}
static inline void
rasmutex_release(rasmutex *m)
{
    pthread_mutex_unlock(m);
}

static inline void
raslock_acquire(raslock *l)
{
    pthread_mutex_lock(&l->mutex);
}
static inline void
raslock_release(raslock *l)
{
    pthread_mutex_unlock(&l->mutex);
}
static inline void
raslock_notify_all(raslock *l)
{
    pthread_cond_broadcast(&l->cond);
}

static inline unsigned long long
raslock_now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (unsigned long long)ts.tv_sec * 1000u + (unsigned long long)ts.tv_nsec / 1000000u;
}

static inline void
raslock_wait_ms(raslock *l, unsigned long ms)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    ts.tv_sec += (time_t)(ms / 1000u);
    ts.tv_nsec += (long)(ms % 1000u) * 1000000L;
    if (ts.tv_nsec >= 1000000000L) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000L;
    }
    while (pthread_cond_timedwait(&l->cond, &l->mutex, &ts) == EINTR) {
    }
}

#endif

#endif /* RASPY_LOCK_H */
