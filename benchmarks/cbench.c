/*
 * cbench.c -- the C side of the benchmarks: the simulated rasapi32's
 * functions called directly, timed the way the bench_*.py scripts time the same
 * calls through ras._ras.  Built by benchmarks/_bench.py from the simulator sources
 * (the extension hides the simulator's symbols).  Prints one line of numbers.
 *
 *   cbench enum PBK REPS            median ns of RasEnumEntriesW (a buffer
 *                                   of the size it needs, allocated and
 *                                   zeroed per call as the extension does)
 *   cbench props PBK ENTRY REPS     median ns of RasGetEntryPropertiesW
 *   cbench calls PBK ENTRY N        median ns of GetConnectStatus,
 *                                   EnumConnections, IsHandleValid (a
 *                                   status call), GetErrorString
 *   cbench dial PBK ENTRY N         ns per sync dial/hang-up cycle, ns per
 *                                   async cycle, notifications per second
 */
#define _POSIX_C_SOURCE 200809L

#include "rassim/common.h"
#include "rassim/rassim.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double
now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int
cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double
median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static WCHAR *
wide(const char *s)
{
    size_t i, n = strlen(s);
    WCHAR *w = (WCHAR *)calloc(n + 1, sizeof *w);
    for (i = 0; w != NULL && i < n; i++) {
        w[i] = (WCHAR)(unsigned char)s[i]; /* the benchmarks use ASCII */
    }
    return w;
}

static int
bench_enum(const char *pbk, int reps)
{
    WCHAR *book = wide(pbk);
    DWORD cb = 0, count = 0, rc;
    double *t = (double *)calloc((size_t)reps, sizeof *t);
    RASENTRYNAMEW *buf;
    int i;
    rc = RasEnumEntriesW(NULL, book, NULL, &cb, &count);
    if (rc != 0 && rc != ERROR_BUFFER_TOO_SMALL) {
        fprintf(stderr, "RasEnumEntriesW: %lu\n", (unsigned long)rc);
        return 1;
    }
    for (i = 0; i < reps; i++) {
        double t0 = now_ns();
        DWORD size = cb ? cb : sizeof *buf;
        /* a buffer of the right size per call, zeroed, as the extension's */
        buf = (RASENTRYNAMEW *)malloc(size);
        memset(buf, 0, size);
        buf[0].dwSize = sizeof *buf;
        rc = RasEnumEntriesW(NULL, book, buf, &size, &count);
        free(buf);
        t[i] = now_ns() - t0;
        if (rc != 0) {
            fprintf(stderr, "RasEnumEntriesW: %lu\n", (unsigned long)rc);
            return 1;
        }
    }
    printf("%.0f %lu\n", median(t, reps), (unsigned long)count);
    free(t);
    free(book);
    return 0;
}

static int
bench_props(const char *pbk, const char *entry, int reps)
{
    WCHAR *book = wide(pbk), *name = wide(entry);
    DWORD cb = 0, rc;
    double *t = (double *)calloc((size_t)reps, sizeof *t);
    RASENTRYW *e;
    int i;
    rc = RasGetEntryPropertiesW(book, name, NULL, &cb, NULL, NULL);
    if (rc != ERROR_BUFFER_TOO_SMALL) {
        fprintf(stderr, "RasGetEntryPropertiesW size: %lu\n", (unsigned long)rc);
        return 1;
    }
    e = (RASENTRYW *)malloc(cb);
    for (i = 0; i < reps; i++) {
        double t0 = now_ns();
        DWORD size = cb;
        memset(e, 0, cb);
        e->dwSize = sizeof *e;
        rc = RasGetEntryPropertiesW(book, name, e, &size, NULL, NULL);
        t[i] = now_ns() - t0;
        if (rc != 0) {
            fprintf(stderr, "RasGetEntryPropertiesW: %lu\n", (unsigned long)rc);
            return 1;
        }
    }
    printf("%.0f\n", median(t, reps));
    free(e);
    free(t);
    free(book);
    free(name);
    return 0;
}

static void
dial_params(RASDIALPARAMSW *p, const char *entry)
{
    WCHAR *w = wide(entry);
    memset(p, 0, sizeof *p);
    p->dwSize = sizeof *p;
    memcpy(p->szEntryName, w, (strlen(entry) + 1) * sizeof(WCHAR));
    free(w);
}

#define ROUNDS 7

/* Median over ROUNDS rounds of n calls of `what`, ns per call. */
#define TIME_CALLS(n, stmt)                          \
    do {                                             \
        double r_[ROUNDS];                           \
        int k_, j_;                                  \
        for (k_ = 0; k_ < ROUNDS; k_++) {            \
            double t0_ = now_ns();                   \
            for (j_ = 0; j_ < (n); j_++) {           \
                stmt;                                \
            }                                        \
            r_[k_] = (now_ns() - t0_) / (double)(n); \
        }                                            \
        printf(" %.1f", median(r_, ROUNDS));         \
    } while (0)

static int
bench_calls(const char *pbk, const char *entry, int n)
{
    WCHAR *book = wide(pbk);
    RASDIALPARAMSW p;
    HRASCONN h = NULL;
    RASCONNSTATUSW cs;
    RASCONNW conns[1];
    WCHAR text[512];
    DWORD rc, cb, count;
    dial_params(&p, entry);
    rc = RasDialW(NULL, book, &p, 0, NULL, &h);
    if (rc != 0) {
        fprintf(stderr, "RasDialW: %lu\n", (unsigned long)rc);
        return 1;
    }
    TIME_CALLS(n, (cs.dwSize = sizeof cs, (void)RasGetConnectStatusW(h, &cs)));
    TIME_CALLS(n, (memset(conns, 0, sizeof conns), conns[0].dwSize = sizeof conns[0],
                   cb = sizeof conns, (void)RasEnumConnectionsW(conns, &cb, &count)));
    TIME_CALLS(n, (cs.dwSize = sizeof cs, (void)RasGetConnectStatusW(h, &cs)));
    TIME_CALLS(n, (void)RasGetErrorStringW(623, text, 512));
    printf("\n");
    RasHangUpW(h);
    free(book);
    return 0;
}

static struct {
    pthread_mutex_t m;
    pthread_cond_t c;
    long notifications;
    int done;
} g_async = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0 };

static DWORD WINAPI
notifier(ULONG_PTR id, DWORD sub, HRASCONN h, UINT msg, RASCONNSTATE state, DWORD err, DWORD ext)
{
    (void)id;
    (void)sub;
    (void)h;
    (void)msg;
    (void)ext;
    pthread_mutex_lock(&g_async.m);
    g_async.notifications++;
    if (err != 0 || state == RASCS_Connected) {
        g_async.done = 1;
        pthread_cond_signal(&g_async.c);
    }
    pthread_mutex_unlock(&g_async.m);
    return 1;
}

static int
bench_dial(const char *pbk, const char *entry, int n)
{
    WCHAR *book = wide(pbk);
    RASDIALPARAMSW p;
    double t0, sync_ns, async_ns;
    int i;
    dial_params(&p, entry);
    t0 = now_ns();
    for (i = 0; i < n; i++) {
        HRASCONN h = NULL;
        DWORD rc = RasDialW(NULL, book, &p, 0, NULL, &h);
        if (rc != 0) {
            fprintf(stderr, "RasDialW: %lu\n", (unsigned long)rc);
            return 1;
        }
        RasHangUpW(h);
    }
    sync_ns = (now_ns() - t0) / n;
    t0 = now_ns();
    for (i = 0; i < n; i++) {
        HRASCONN h = NULL;
        DWORD rc;
        g_async.done = 0;
        rc = RasDialW(NULL, book, &p, 2, (LPVOID)notifier, &h);
        if (rc != 0) {
            fprintf(stderr, "RasDialW async: %lu\n", (unsigned long)rc);
            return 1;
        }
        pthread_mutex_lock(&g_async.m);
        while (!g_async.done) {
            pthread_cond_wait(&g_async.c, &g_async.m);
        }
        pthread_mutex_unlock(&g_async.m);
        RasHangUpW(h);
    }
    async_ns = (now_ns() - t0) / n;
    printf("%.0f %.0f %.0f\n", sync_ns, async_ns,
           (double)g_async.notifications / (async_ns * n / 1e9));
    free(book);
    return 0;
}

int
main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "enum") == 0) {
        return bench_enum(argv[2], atoi(argv[3]));
    }
    if (argc == 5 && strcmp(argv[1], "props") == 0) {
        return bench_props(argv[2], argv[3], atoi(argv[4]));
    }
    if (argc == 5 && strcmp(argv[1], "calls") == 0) {
        return bench_calls(argv[2], argv[3], atoi(argv[4]));
    }
    if (argc == 5 && strcmp(argv[1], "dial") == 0) {
        return bench_dial(argv[2], argv[3], atoi(argv[4]));
    }
    fprintf(stderr, "usage: cbench enum|props|calls|dial ...\n");
    return 2;
}
