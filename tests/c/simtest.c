/*
 * simtest.c -- the shared part of the C tests of the simulated rasapi32
 * (src/rassim): the checks, strings, files, the standard phonebook, the
 * notification recorder, helper threads, and the runner (main).  The tests
 * themselves are in tests/c/test_<family>.c; see simtest.h.
 */
#include "simtest.h"

/* ---- reporting ---------------------------------------------------------- */

int g_checks;
int g_failures;


void
check_true(int ok, const char *what, const char *file, int line)
{
    g_checks++;
    if (!ok) {
        g_failures++;
        fprintf(stderr, "%s:%d: CHECK failed: %s\n", file, line, what);
    }
}

void
check_eq(unsigned long long a, unsigned long long b, const char *ea, const char *eb,
         const char *file, int line)
{
    g_checks++;
    if (a != b) {
        g_failures++;
        fprintf(stderr, "%s:%d: CHECK_EQ failed: %s == %llu, %s == %llu\n", file, line, ea, a, eb,
                b);
    }
}

/* ---- strings ------------------------------------------------------------ */

#define WPOOL 256
static WCHAR *g_wpool[WPOOL];
static size_t g_wpool_next;
static sim_once g_wpool_once = SIM_ONCE_INIT;
static sim_mutex g_wpool_lock;

static void
wpool_init(void)
{
    sim_mutex_init(&g_wpool_lock);
}

/* A UTF-16 copy of a UTF-8 literal, valid for the next WPOOL calls (from
 * any thread). */
const WCHAR *
W(const char *s)
{
    WCHAR *w = sim_u8_to_wdup(s, strlen(s));
    size_t slot;
    sim_call_once(&g_wpool_once, wpool_init);
    sim_mutex_lock(&g_wpool_lock);
    slot = g_wpool_next++ % WPOOL;
    free(g_wpool[slot]);
    g_wpool[slot] = w;
    sim_mutex_unlock(&g_wpool_lock);
    return w;
}

void
wpool_free(void)
{
    size_t i;
    for (i = 0; i < WPOOL; i++) {
        free(g_wpool[i]);
        g_wpool[i] = NULL;
    }
}

int
weq(const WCHAR *w, const char *s)
{
    char *u = sim_w_to_u8(w, sim_wlen(w, SIM_MAX_WSTR));
    int eq = u != NULL && strcmp(u, s) == 0;
    if (!eq) {
        fprintf(stderr, "    (got \"%s\", expected \"%s\")\n", u ? u : "?", s);
    }
    free(u);
    return eq;
}

void
wset(WCHAR *field, size_t cap, const char *s)
{
    sim_u8_to_wbuf(s, strlen(s), field, cap);
}


/* ---- files and environment ---------------------------------------------- */

char g_dir[512];

void
set_env(const char *name, const char *value)
{
#ifdef _WIN32
    SetEnvironmentVariableA(name, value);
#else
    if (value != NULL) {
        setenv(name, value, 1);
    } else {
        unsetenv(name);
    }
#endif
}

/* A path inside the test directory (ring of buffers). */
const char *
P(const char *name)
{
    static char ring[16][1024];
    static size_t next;
    char *buf = ring[next++ % 16];
    snprintf(buf, sizeof ring[0], "%s/%s", g_dir, name);
    return buf;
}

void
write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (f == NULL) {
        return;
    }
    fwrite(text, 1, strlen(text), f);
    fclose(f);
}

void
write_bytes(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (f == NULL) {
        return;
    }
    fwrite(data, 1, len, f);
    fclose(f);
}

/* Whole file, NUL-terminated (caller frees); NULL when unreadable. */
char *
read_text(const char *path, size_t *len)
{
    char *data = NULL;
    size_t n = 0;
    if (sim_file_read(path, &data, &n) != SIM_IO_OK) {
        return NULL;
    }
    if (len != NULL) {
        *len = n;
    }
    return data;
}

void
make_dir(const char *path)
{
#ifdef _WIN32
    CreateDirectoryA(path, NULL);
#else
    mkdir(path, 0700);
#endif
}

void
remove_tree(const char *path)
{
#ifdef _WIN32
    char pattern[1024];
    WIN32_FIND_DATAA fd;
    HANDLE h;
    DWORD attrs = GetFileAttributesA(path);
    if (attrs != INVALID_FILE_ATTRIBUTES && !(attrs & FILE_ATTRIBUTE_DIRECTORY)) {
        DeleteFileA(path);
        return;
    }
    snprintf(pattern, sizeof pattern, "%s\\*", path);
    h = FindFirstFileA(pattern, &fd);
    if (h != INVALID_HANDLE_VALUE) {
        do {
            char child[1024];
            if (strcmp(fd.cFileName, ".") == 0 || strcmp(fd.cFileName, "..") == 0) {
                continue;
            }
            snprintf(child, sizeof child, "%s\\%s", path, fd.cFileName);
            if (fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) {
                remove_tree(child);
            } else {
                DeleteFileA(child);
            }
        } while (FindNextFileA(h, &fd));
        FindClose(h);
    }
    RemoveDirectoryA(path);
#else
    DIR *d = opendir(path);
    struct dirent *e;
    if (d == NULL) {
        unlink(path);
        return;
    }
    while ((e = readdir(d)) != NULL) {
        char child[1024];
        struct stat st;
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) {
            continue;
        }
        snprintf(child, sizeof child, "%s/%s", path, e->d_name);
        if (lstat(child, &st) == 0 && S_ISDIR(st.st_mode)) {
            chmod(child, 0700);
            remove_tree(child);
        } else {
            unlink(child);
        }
    }
    closedir(d);
    rmdir(path);
#endif
}

void
make_test_dir(void)
{
#ifdef _WIN32
    char tmp[MAX_PATH];
    GetTempPathA(sizeof tmp, tmp);
    snprintf(g_dir, sizeof g_dir, "%srassim-test-%lu", tmp, (unsigned long)GetCurrentProcessId());
    CreateDirectoryA(g_dir, NULL);
#else
    const char *base = getenv("TMPDIR");
    snprintf(g_dir, sizeof g_dir, "%s/rassim-test-XXXXXX", base ? base : "/tmp");
    if (mkdtemp(g_dir) == NULL) {
        perror("mkdtemp");
        exit(2);
    }
#endif
}

#ifndef _WIN32
/* Permission tests need a user that file modes apply to. */
int
running_as_root(void)
{
    return geteuid() == 0;
}
#endif

/* Scenario file contents (RASSIM_SCENARIO points at it); NULL unsets. */
void
scenario(const char *text)
{
    if (text == NULL) {
        set_env("RASSIM_SCENARIO", NULL);
        return;
    }
    write_file(P("scenario.ini"), text);
    set_env("RASSIM_SCENARIO", P("scenario.ini"));
}

/* ---- the standard phonebook --------------------------------------------- */

const char k_pbk[] = "\xEF\xBB\xBF; rasphone.pbk written by the tests\r\n"
                     "[Office VPN]\r\n"
                     "Encoding=1\r\n"
                     "PBVersion=4\r\n"
                     "Type=2\r\n"
                     "Guid=00112233445566778899AABBCCDDEEFF\r\n"
                     "UnknownKey=kept\r\n"
                     "\r\n"
                     "MEDIA=rastapi\r\n"
                     "Port=VPN2-0\r\n"
                     "Device=WAN Miniport (SSTP)\r\n"
                     "\r\n"
                     "DEVICE=vpn\r\n"
                     "PhoneNumber=vpn.example.com\r\n"
                     "\r\n"
                     "[Home Modem]\r\n"
                     "MEDIA=serial\r\n"
                     "Device=Standard 56000 bps Modem\r\n"
                     "DEVICE=modem\r\n"
                     "PhoneNumber=5551234\r\n"
                     "\r\n"
                     "[office vpn]\r\n"
                     "; a case-insensitive duplicate: ignored\r\n"
                     "\r\n"
                     "[B\xC3\xBCro EAP]\r\n"
                     "CustomAuthKey=13\r\n"
                     "\r\n"
                     "[Plain]\r\n"
                     "CustomAuthKey=0\r\n";

const char *PBK; /* path of the standard phonebook */
char *PBK_ABS;   /* its absolute form */

void
write_standard_pbk(void)
{
    write_file(PBK, k_pbk);
}

void
dial_params(RASDIALPARAMSW *p, const char *entry)
{
    memset(p, 0, sizeof *p);
    p->dwSize = sizeof *p;
    WSET(p->szEntryName, entry);
}

/* RasDialW for a new dial: *lphRasConn must be NULL on entry (a handle
 * there resumes that paused dial; see test_resume). */
DWORD
dial_fresh(LPRASDIALEXTENSIONS ext, LPCWSTR pbk, LPRASDIALPARAMSW p, DWORD type, LPVOID notifier,
           LPHRASCONN out)
{
    if (out != NULL) {
        *out = NULL;
    }
    return RasDialW(ext, pbk, p, type, notifier, out);
}

void
reset_all(void)
{
    RasSimReset();
    CHECK(sim_conn_debug_wait_idle(TIMEOUT_MS));
    scenario(NULL);
}

/* ---- notification recorder ---------------------------------------------- */


const RASCONNSTATE k_seq[12] = {
    RASCS_OpenPort,        RASCS_PortOpened,          RASCS_ConnectDevice,
    RASCS_DeviceConnected, RASCS_AllDevicesConnected, RASCS_Authenticate,
    RASCS_AuthNotify,      RASCS_AuthProject,         RASCS_AuthAck,
    RASCS_Authenticated,   RASCS_Projected,           RASCS_Connected,
};

recorder *g_rec; /* for RASDIALFUNC / RASDIALFUNC1 (no context) */

void
rec_init(recorder *r)
{
    memset(r, 0, sizeof *r);
    sim_mutex_init(&r->m);
    sim_cond_init(&r->c);
    r->ret2 = 1;
    r->hangup_at = r->reset_at = r->block_at = -1;
}

static void
rec_add(recorder *r, const rec_event *e)
{
    sim_mutex_lock(&r->m);
    if (r->n < SIM_COUNTOF(r->ev)) {
        r->ev[r->n++] = *e;
    }
    sim_cond_broadcast(&r->c);
    sim_mutex_unlock(&r->m);
}

static void
rec_actions(recorder *r, HRASCONN h, RASCONNSTATE st)
{
    if ((int)st == r->hangup_at) {
        RASCONNSTATUSW s;
        s.dwSize = sizeof s;
        r->hangup_rc = RasHangUpW(h);
        r->status_rc = RasGetConnectStatusW(h, &s);
    }
    if ((int)st == r->reset_at) {
        RasSimReset();
    }
    if ((int)st == r->block_at) {
        sim_mutex_lock(&r->m);
        r->blocked = 1;
        sim_cond_broadcast(&r->c);
        while (!r->released) {
            sim_cond_wait(&r->c, &r->m);
        }
        r->returned = 1; /* the callback returns right after this */
        sim_mutex_unlock(&r->m);
    }
}

static void
record(recorder *r, HRASCONN h, UINT msg, RASCONNSTATE st, DWORD err, DWORD ext, ULONG_PTR id,
       DWORD sub)
{
    rec_event e;
    e.h = h;
    e.msg = msg;
    e.state = st;
    e.err = err;
    e.ext = ext;
    e.cbid = id;
    e.sub = sub;
    rec_add(r, &e);
    rec_actions(r, h, st);
}

VOID WINAPI
cb0(UINT msg, RASCONNSTATE st, DWORD err)
{
    record(g_rec, NULL, msg, st, err, 0, 0, 0);
}

VOID WINAPI
cb1(HRASCONN h, UINT msg, RASCONNSTATE st, DWORD err, DWORD ext)
{
    record(g_rec, h, msg, st, err, ext, 0, 0);
}

DWORD WINAPI
cb2(ULONG_PTR id, DWORD sub, HRASCONN h, UINT msg, RASCONNSTATE st, DWORD err, DWORD ext)
{
    recorder *r = (recorder *)id;
    record(r, h, msg, st, err, ext, id, sub);
    return r->ret2;
}

/* Waits until the recorder holds at least n events. */
int
rec_wait_count(recorder *r, size_t n)
{
    uint64_t end = sim_now_ms() + TIMEOUT_MS, now;
    int ok;
    sim_mutex_lock(&r->m);
    while (!(ok = r->n >= n) && (now = sim_now_ms()) < end) {
        sim_cond_wait_ms(&r->c, &r->m, end - now);
    }
    sim_mutex_unlock(&r->m);
    return ok;
}

int
rec_wait_blocked(recorder *r)
{
    uint64_t end = sim_now_ms() + TIMEOUT_MS, now;
    int ok;
    sim_mutex_lock(&r->m);
    while (!(ok = r->blocked) && (now = sim_now_ms()) < end) {
        sim_cond_wait_ms(&r->c, &r->m, end - now);
    }
    sim_mutex_unlock(&r->m);
    return ok;
}

void
rec_release(recorder *r)
{
    sim_mutex_lock(&r->m);
    r->released = 1;
    sim_cond_broadcast(&r->c);
    sim_mutex_unlock(&r->m);
}

/* The first count recorded states are k_seq[0..count) with no error. */
void
check_prefix(const recorder *r, size_t count)
{
    size_t i;
    CHECK(r->n >= count);
    for (i = 0; i < r->n && i < count; i++) {
        CHECK_EQ(r->ev[i].state, k_seq[i]);
        CHECK_EQ(r->ev[i].err, 0);
        CHECK_EQ(r->ev[i].msg, WM_RASDIALEVENT);
        CHECK_EQ(r->ev[i].ext, 0);
    }
}

/* The recorded states are exactly k_seq[0..count) with no error. */
void
check_sequence(const recorder *r, size_t count)
{
    CHECK_EQ(r->n, count);
    check_prefix(r, count);
}

/* ---- joinable helper threads -------------------------------------------- */


static void
job_main(void *arg)
{
    job *j = (job *)arg;
    j->fn(j);
    sim_mutex_lock(&j->m);
    j->done = 1;
    sim_cond_broadcast(&j->c);
    sim_mutex_unlock(&j->m);
}

void
job_start(job *j, void (*fn)(job *), void *arg, HRASCONN h)
{
    memset(j, 0, sizeof *j);
    sim_mutex_init(&j->m);
    sim_cond_init(&j->c);
    j->fn = fn;
    j->arg = arg;
    j->h = h;
    CHECK_EQ(sim_thread_start(job_main, j), 0);
}

int
job_join(job *j)
{
    uint64_t end = sim_now_ms() + TIMEOUT_MS, now;
    int ok;
    sim_mutex_lock(&j->m);
    while (!(ok = j->done) && (now = sim_now_ms()) < end) {
        sim_cond_wait_ms(&j->c, &j->m, end - now);
    }
    sim_mutex_unlock(&j->m);
    return ok;
}

int
stopped(stop_flag *f)
{
    int s;
    sim_mutex_lock(&f->m);
    s = f->stop;
    sim_mutex_unlock(&f->m);
    return s;
}

void
check_status(HRASCONN h, RASCONNSTATE state, DWORD err)
{
    RASCONNSTATUSW s;
    memset(&s, 0, sizeof s);
    s.dwSize = sizeof s;
    CHECK_EQ(RasGetConnectStatusW(h, &s), 0);
    CHECK_EQ(s.rasconnstate, state);
    CHECK_EQ(s.dwError, err);
}

/* ---- the runner --------------------------------------------------------- */

/* The registry, simtest_cases[simtest_count], is generated by run.sh from the
 * SIMTEST(name) lines of tests/c/test_*.c (simtest_registry.c). */
int
main(void)
{
    size_t i;
    int before;
    unsigned long ran = 0;
    make_test_dir();
    PBK = sim_strdup(P("rasphone.pbk"));
    if (PBK == NULL || sim_path_absolute(PBK, &PBK_ABS) != SIM_OK) {
        return 2;
    }
    write_standard_pbk();
    set_env("RASSIM_PHONEBOOK", PBK);
    scenario(NULL);
    for (i = 0; i < simtest_count; i++) {
        before = g_failures;
        simtest_cases[i].fn();
        reset_all();
        write_standard_pbk();
        ran++;
        printf("%-28s %s\n", simtest_cases[i].name, g_failures == before ? "ok" : "FAILED");
    }
    remove_tree(g_dir);
    wpool_free();
    free((void *)PBK);
    free(PBK_ABS);
    printf("%lu tests, %d checks, %d failures\n", ran, g_checks, g_failures);
    return g_failures == 0 ? 0 : 1;
}
