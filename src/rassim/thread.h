/*
 * thread.h -- the portable threading layer of the simulator: mutex,
 * condition variable, once-initialisation, detached threads, thread
 * identity, a monotonic millisecond clock and sleep.
 * POSIX threads off Windows; SRWLOCK / CONDITION_VARIABLE / INIT_ONCE /
 * CreateThread on Windows.
 */
#ifndef RASSIM_THREAD_H
#define RASSIM_THREAD_H

#include "common.h"

#ifdef _WIN32
typedef struct sim_mutex {
    SRWLOCK lock;
} sim_mutex;
typedef struct sim_cond {
    CONDITION_VARIABLE cv;
} sim_cond;
typedef struct sim_once {
    INIT_ONCE once;
} sim_once;
typedef DWORD sim_thread_id;
#define SIM_ONCE_INIT { INIT_ONCE_STATIC_INIT }
#else
#include <pthread.h>
typedef struct sim_mutex {
    pthread_mutex_t m;
} sim_mutex;
typedef struct sim_cond {
    pthread_cond_t c;
} sim_cond;
typedef struct sim_once {
    pthread_once_t once;
} sim_once;
typedef pthread_t sim_thread_id;
#define SIM_ONCE_INIT { PTHREAD_ONCE_INIT }
#endif

/* Runs fn exactly once per sim_once (thread-safe). */
void sim_call_once(sim_once *once, void (*fn)(void));

void sim_mutex_init(sim_mutex *m);
void sim_mutex_lock(sim_mutex *m);
void sim_mutex_unlock(sim_mutex *m);

void sim_cond_init(sim_cond *c);
void sim_cond_wait(sim_cond *c, sim_mutex *m);
/* Waits at most ms milliseconds; may return early (spurious wake-up). */
void sim_cond_wait_ms(sim_cond *c, sim_mutex *m, uint64_t ms);
void sim_cond_broadcast(sim_cond *c);

/* Starts fn(arg) on a new detached thread; returns 0 on success. */
int sim_thread_start(void (*fn)(void *), void *arg);
sim_thread_id sim_thread_self(void);
/* Non-zero when the calling thread is the thread id. */
int sim_thread_is_current(sim_thread_id id);

/* Monotonic clock in milliseconds (arbitrary origin). */
uint64_t sim_now_ms(void);
void sim_sleep_ms(uint32_t ms);

#endif /* RASSIM_THREAD_H */
