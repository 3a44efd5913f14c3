/*
 * shared.c -- see shared.h.  The file holds one line per connected
 * connection: process id, handle (hex), entry, device type, device name,
 * phonebook, separated by tabs (a tab or line break inside a name is
 * written as a space).  Its lock is taken inside the connection table's
 * (publishing) and never together with the watcher's.
 */
#include "common.h"
#include "rassim.h"
#include "shared.h"
#include "notify.h"
#include "os.h"
#include "thread.h"
#include "utf.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

#ifndef _WIN32
#include <unistd.h>
#endif

#define FIELDS 6

static unsigned long
self_pid(void)
{
#ifdef _WIN32
    return (unsigned long)GetCurrentProcessId();
#else
    return (unsigned long)getpid();
#endif
}

static char *
shared_path(void)
{
    return sim_env_get("RASSIM_CONNECTIONS");
}

uintptr_t
sim_shared_handle_base(void)
{
    char *path = shared_path();
    unsigned long pid = self_pid();
    if (path == NULL) {
        return 0;
    }
    free(path);
#ifdef _WIN32
    pid >>= 2; /* Windows process ids are multiples of 4 */
#endif
    return (uintptr_t)(pid % 1023 + 1) << 20;
}

/* ---- the file's lines --------------------------------------------------- */

static void
add_hex(sim_buf *b, uintptr_t v)
{
    char digits[2 * sizeof v + 1];
    size_t i = sizeof digits - 1;
    digits[i] = '\0';
    do {
        digits[--i] = "0123456789abcdef"[v & 15];
        v >>= 4;
    } while (v != 0);
    sim_buf_adds(b, digits + i);
}

static void
add_dec(sim_buf *b, unsigned long v)
{
    char digits[24];
    size_t i = sizeof digits - 1;
    digits[i] = '\0';
    do {
        digits[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    sim_buf_adds(b, digits + i);
}

static void
add_field(sim_buf *b, const WCHAR *field, size_t cap)
{
    char *s = sim_w_to_u8(field, sim_wlen(field, cap)), *p;
    sim_buf_adds(b, "\t");
    if (s == NULL) {
        b->failed = 1;
        return;
    }
    for (p = s; *p != '\0'; p++) {
        if (*p == '\t' || *p == '\n' || *p == '\r') {
            *p = ' ';
        }
    }
    sim_buf_adds(b, s);
    free(s);
}

/* A parsed line: its fields, pointing into the file's text. */
typedef struct line {
    const char *field[FIELDS];
    size_t len[FIELDS];
} line;

/* Splits the line at s (up to a line break or the end); returns the start
 * of the next line and whether the line has every field. */
static const char *
split(const char *s, line *out, int *ok)
{
    size_t f = 0;
    const char *start = s;
    for (;; s++) {
        if (*s == '\t' || *s == '\n' || *s == '\0') {
            if (f < FIELDS) {
                out->field[f] = start;
                out->len[f] = (size_t)(s - start);
            }
            f++;
            start = s + 1;
            if (*s != '\t') {
                break;
            }
        }
    }
    *ok = f == FIELDS;
    return *s == '\0' ? s : s + 1;
}

static int
parse_hex(const char *s, size_t len, uintptr_t *out)
{
    uintptr_t v = 0;
    size_t i;
    if (len == 0 || len > 2 * sizeof v) {
        return 0;
    }
    for (i = 0; i < len; i++) {
        int d = sim_hex_digit(s[i]);
        if (d < 0) {
            return 0;
        }
        v = (v << 4) | (uintptr_t)d;
    }
    *out = v;
    return 1;
}

static int
line_pid(const line *l, unsigned long *pid)
{
    uint32_t v;
    if (sim_parse_u32(l->field[0], l->len[0], &v) != SIM_OK) {
        return 0;
    }
    *pid = v;
    return 1;
}

static void
field_to(const line *l, int i, WCHAR *out, size_t cap)
{
    char *s = sim_strndup(l->field[i], l->len[i]);
    sim_text_to_field(s != NULL ? s : "", out, cap);
    free(s);
}

static int
line_info(const line *l, sim_conn_info *info)
{
    uintptr_t h;
    if (!parse_hex(l->field[1], l->len[1], &h)) {
        return 0;
    }
    memset(info, 0, sizeof *info);
    info->handle = (HRASCONN)h;
    info->state = RASCS_Connected;
    field_to(l, 2, info->entry, SIM_COUNTOF(info->entry));
    field_to(l, 3, info->device_type, SIM_COUNTOF(info->device_type));
    field_to(l, 4, info->device_name, SIM_COUNTOF(info->device_name));
    field_to(l, 5, info->phonebook, SIM_COUNTOF(info->phonebook));
    info->luid.LowPart = (DWORD)(h >> 4);
    sim_guid_from_hash(&h, sizeof h, &info->correlation_id);
    return 1;
}

/* ---- publishing --------------------------------------------------------- */

void
sim_shared_publish(const sim_conn_info *infos, size_t n)
{
    char *path = shared_path(), *old = NULL;
    const char *s;
    size_t len = 0, i;
    unsigned long me = self_pid(), pid;
    sim_buf b = { NULL, 0, 0, 0 };
    sim_file_lock fl;
    if (path == NULL) {
        return;
    }
    if (sim_file_lock_take(path, &fl) != SIM_OK) {
        free(path);
        return;
    }
    if (sim_file_read(path, &old, &len) == SIM_OK) {
        for (s = old; *s != '\0';) { /* the other processes' lines stay */
            const char *start = s;
            line l;
            int ok;
            s = split(s, &l, &ok);
            if (ok && line_pid(&l, &pid) && pid != me) {
                sim_buf_add(&b, start, (size_t)(s - start));
                if (s[-1] != '\n') {
                    sim_buf_adds(&b, "\n");
                }
            }
        }
    }
    for (i = 0; i < n; i++) {
        add_dec(&b, me);
        sim_buf_adds(&b, "\t");
        add_hex(&b, (uintptr_t)infos[i].handle);
        add_field(&b, infos[i].entry, SIM_COUNTOF(infos[i].entry));
        add_field(&b, infos[i].device_type, SIM_COUNTOF(infos[i].device_type));
        add_field(&b, infos[i].device_name, SIM_COUNTOF(infos[i].device_name));
        add_field(&b, infos[i].phonebook, SIM_COUNTOF(infos[i].phonebook));
        sim_buf_adds(&b, "\n");
    }
    if (!b.failed) {
        (void)sim_file_write_atomic(path, b.data != NULL ? b.data : "", b.len, 0);
    }
    sim_file_lock_release(&fl);
    sim_buf_free(&b);
    free(old);
    free(path);
}

/* ---- reading ------------------------------------------------------------ */

/* Reads the file at path; a reader may meet the moment a writer replaces
 * it (Windows: a sharing conflict), so a failure is retried for a while. */
static DWORD
list_at(const char *path, sim_conn_info **infos, size_t *count)
{
    char *text = NULL;
    const char *s;
    size_t len = 0, lines = 0, n = 0;
    unsigned long me = self_pid(), pid;
    int io, attempt;
    *infos = NULL;
    *count = 0;
    for (attempt = 0;; attempt++) {
        io = sim_file_read(path, &text, &len);
        if (io == SIM_IO_OK) {
            break;
        }
        if (io == SIM_IO_MISSING) { /* nobody published yet */
            return 0;
        }
        if (io == SIM_IO_NOMEM) {
            return ERROR_NOT_ENOUGH_MEMORY;
        }
        if (attempt == 100) {
            return ERROR_CANNOT_OPEN_PHONEBOOK;
        }
        sim_sleep_ms(1);
    }
    for (s = text; *s != '\0'; s++) {
        lines += *s == '\n';
    }
    *infos = (sim_conn_info *)malloc((lines + 1) * sizeof **infos);
    if (*infos == NULL) {
        free(text);
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    for (s = text; *s != '\0' && n <= lines;) {
        line l;
        int ok;
        s = split(s, &l, &ok);
        if (ok && line_pid(&l, &pid) && pid != me && line_info(&l, &(*infos)[n])) {
            n++;
        }
    }
    *count = n;
    free(text);
    return 0;
}

DWORD
sim_shared_list(sim_conn_info **infos, size_t *count)
{
    char *path = shared_path();
    DWORD rc = 0;
    *infos = NULL;
    *count = 0;
    if (path != NULL) {
        rc = list_at(path, infos, count);
        free(path);
    }
    return rc;
}

DWORD
sim_shared_get(HRASCONN h, sim_conn_info *info)
{
    sim_conn_info *all;
    size_t n, i;
    DWORD rc = ERROR_INVALID_HANDLE;
    if (sim_shared_list(&all, &n) != 0) {
        return ERROR_INVALID_HANDLE;
    }
    for (i = 0; i < n; i++) {
        if (all[i].handle == h) {
            *info = all[i];
            rc = 0;
            break;
        }
    }
    free(all);
    return rc;
}

/* ---- the watcher thread ------------------------------------------------- */

static sim_once g_once = SIM_ONCE_INIT;
static sim_mutex g_lock;
static int g_running;
static char *g_path;     /* the file the thread reads (the last registration's) */
static HRASCONN *g_seen; /* the other processes' handles at the last look */
static size_t g_nseen;
static unsigned g_gen; /* bumped when a registration replaces g_seen */

static void
init(void)
{
    sim_mutex_init(&g_lock);
}

/* The other processes' handles now: 0 and a new array (NULL when none), or
 * non-zero when the file could not be read (the last look stands). */
static int
look(const char *path, HRASCONN **out, size_t *n)
{
    sim_conn_info *infos;
    size_t i;
    *out = NULL;
    *n = 0;
    if (path == NULL || list_at(path, &infos, n) != 0) {
        return -1;
    }
    if (*n > 0) {
        *out = (HRASCONN *)malloc(*n * sizeof **out);
        if (*out == NULL) {
            free(infos);
            *n = 0;
            return -1;
        }
        for (i = 0; i < *n; i++) {
            (*out)[i] = infos[i].handle;
        }
    }
    free(infos);
    return 0;
}

static int
has(const HRASCONN *hs, size_t n, HRASCONN h)
{
    size_t i;
    for (i = 0; i < n; i++) {
        if (hs[i] == h) {
            return 1;
        }
    }
    return 0;
}

static void
watcher(void *arg)
{
    (void)arg;
    for (;;) {
        HRASCONN *now, *before;
        size_t n, nbefore, i;
        char *path;
        unsigned gen;
        sim_sleep_ms(SIM_SHARED_POLL_MS);
        sim_mutex_lock(&g_lock);
        if (sim_notify_count() == 0) { /* nobody listens: end (a registration restarts it) */
            free(g_seen);
            free(g_path);
            g_seen = NULL;
            g_path = NULL;
            g_nseen = 0;
            g_running = 0;
            sim_mutex_unlock(&g_lock);
            return;
        }
        path = sim_strdup(g_path); /* the environment is read by registering threads only */
        gen = g_gen;
        sim_mutex_unlock(&g_lock);
        if (look(path, &now, &n) != 0) {
            free(path);
            continue;
        }
        free(path);
        sim_mutex_lock(&g_lock);
        if (gen != g_gen) { /* a new baseline (another file) came meanwhile */
            sim_mutex_unlock(&g_lock);
            free(now);
            continue;
        }
        before = g_seen;
        nbefore = g_nseen;
        g_seen = now;
        g_nseen = n;
        sim_mutex_unlock(&g_lock); /* only this thread replaces g_seen while it runs */
        for (i = 0; i < nbefore; i++) {
            if (!has(now, n, before[i])) {
                sim_notify_fire(before[i], RASCN_Disconnection);
                sim_notify_forget(before[i]);
            }
        }
        for (i = 0; i < n; i++) {
            if (!has(before, nbefore, now[i])) {
                sim_notify_fire(now[i], RASCN_Connection);
            }
        }
        free(before);
    }
}

void
sim_shared_watch(void)
{
    char *path = shared_path();
    if (path == NULL) {
        return;
    }
    sim_call_once(&g_once, init);
    sim_mutex_lock(&g_lock);
    if (!g_running || g_path == NULL || strcmp(g_path, path) != 0) {
        HRASCONN *seen;
        size_t n;
        if (look(path, &seen, &n) == 0) { /* the baseline, before the caller returns */
            free(g_seen);
            g_seen = seen;
            g_nseen = n;
            g_gen++;
        }
        free(g_path);
        g_path = path;
        path = NULL;
        if (!g_running) {
            g_running = sim_thread_start(watcher, NULL) == 0;
        }
    }
    sim_mutex_unlock(&g_lock);
    free(path);
}
