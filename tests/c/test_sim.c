/*
 * test_sim.c -- smoke and unit tests of the simulated rasapi32 (src/rassim).
 *
 * Built by tests/c/run.sh against the simulator sources (gcc with ASan and
 * UBSan, gcc with TSan, and optionally mingw + wine).  Exercises every
 * exported function and every error code the simulator documents,
 * concurrent dials, hang-ups from inside notifications, and the
 * line-preserving phonebook writer.  No fixed sleeps: every wait is on a
 * condition variable with a generous failure timeout.
 */
#ifndef _WIN32
#define _POSIX_C_SOURCE 200809L
#endif

#include "rassim/common.h"
#include "rassim/rassim.h"
#include "rassim/conntable.h"
#include "rassim/credstore.h"
#include "rassim/ini.h"
#include "rassim/os.h"
#include "rassim/phonebook.h"
#include "rassim/scenario.h"
#include "rassim/thread.h"
#include "rassim/utf.h"
#include "rassim/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef _WIN32
#include <direct.h>
#else
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

#define TIMEOUT_MS 20000u

/* ---- reporting ---------------------------------------------------------- */

static int g_checks;
static int g_failures;

#define CHECK(cond) check_true((cond) != 0, #cond, __FILE__, __LINE__)
#define CHECK_EQ(a, b) check_eq((unsigned long long)(a), (unsigned long long)(b), #a, #b, __FILE__, __LINE__)

static void check_true(int ok, const char *what, const char *file, int line)
{
    g_checks++;
    if (!ok) {
        g_failures++;
        fprintf(stderr, "%s:%d: CHECK failed: %s\n", file, line, what);
    }
}

static void check_eq(unsigned long long a, unsigned long long b, const char *ea, const char *eb,
                     const char *file, int line)
{
    g_checks++;
    if (a != b) {
        g_failures++;
        fprintf(stderr, "%s:%d: CHECK_EQ failed: %s == %llu, %s == %llu\n", file, line, ea, a,
                eb, b);
    }
}

/* ---- strings ------------------------------------------------------------ */

#define WPOOL 256
static WCHAR *g_wpool[WPOOL];
static size_t g_wpool_next;
static sim_once g_wpool_once = SIM_ONCE_INIT;
static sim_mutex g_wpool_lock;

static void wpool_init(void) { sim_mutex_init(&g_wpool_lock); }

/* A UTF-16 copy of a UTF-8 literal, valid for the next WPOOL calls (from
 * any thread). */
static const WCHAR *W(const char *s)
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

static void wpool_free(void)
{
    size_t i;
    for (i = 0; i < WPOOL; i++) {
        free(g_wpool[i]);
        g_wpool[i] = NULL;
    }
}

static int weq(const WCHAR *w, const char *s)
{
    char *u = sim_w_to_u8(w, sim_wlen(w, SIM_MAX_WSTR));
    int eq = u != NULL && strcmp(u, s) == 0;
    if (!eq)
        fprintf(stderr, "    (got \"%s\", expected \"%s\")\n", u ? u : "?", s);
    free(u);
    return eq;
}

static void wset(WCHAR *field, size_t cap, const char *s)
{
    sim_u8_to_wbuf(s, strlen(s), field, cap);
}

#define WSET(field, s) wset((field), SIM_COUNTOF(field), (s))

/* ---- files and environment ---------------------------------------------- */

static char g_dir[512];

static void set_env(const char *name, const char *value)
{
#ifdef _WIN32
    SetEnvironmentVariableA(name, value);
#else
    if (value != NULL)
        setenv(name, value, 1);
    else
        unsetenv(name);
#endif
}

/* A path inside the test directory (ring of buffers). */
static const char *P(const char *name)
{
    static char ring[16][1024];
    static size_t next;
    char *buf = ring[next++ % 16];
    snprintf(buf, sizeof ring[0], "%s/%s", g_dir, name);
    return buf;
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (f == NULL)
        return;
    fwrite(text, 1, strlen(text), f);
    fclose(f);
}

static void write_bytes(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (f == NULL)
        return;
    fwrite(data, 1, len, f);
    fclose(f);
}

/* Whole file, NUL-terminated (caller frees); NULL when unreadable. */
static char *read_text(const char *path, size_t *len)
{
    char *data = NULL;
    size_t n = 0;
    if (sim_file_read(path, &data, &n) != SIM_IO_OK)
        return NULL;
    if (len != NULL)
        *len = n;
    return data;
}

static void make_dir(const char *path)
{
#ifdef _WIN32
    CreateDirectoryA(path, NULL);
#else
    mkdir(path, 0700);
#endif
}

static void remove_tree(const char *path)
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
            if (strcmp(fd.cFileName, ".") == 0 || strcmp(fd.cFileName, "..") == 0)
                continue;
            snprintf(child, sizeof child, "%s\\%s", path, fd.cFileName);
            if (fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY)
                remove_tree(child);
            else
                DeleteFileA(child);
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
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
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

static void make_test_dir(void)
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
static int running_as_root(void) { return geteuid() == 0; }
#endif

/* Scenario file contents (RASSIM_SCENARIO points at it); NULL unsets. */
static void scenario(const char *text)
{
    if (text == NULL) {
        set_env("RASSIM_SCENARIO", NULL);
        return;
    }
    write_file(P("scenario.ini"), text);
    set_env("RASSIM_SCENARIO", P("scenario.ini"));
}

/* ---- the standard phonebook --------------------------------------------- */

static const char k_pbk[] =
    "\xEF\xBB\xBF; rasphone.pbk written by the tests\r\n"
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

static const char *PBK;      /* path of the standard phonebook */
static char *PBK_ABS;        /* its absolute form */

static void write_standard_pbk(void) { write_file(PBK, k_pbk); }

static void dial_params(RASDIALPARAMSW *p, const char *entry)
{
    memset(p, 0, sizeof *p);
    p->dwSize = sizeof *p;
    WSET(p->szEntryName, entry);
}

/* RasDialW for a new dial: *lphRasConn must be NULL on entry (a handle
 * there resumes that paused dial; see test_resume). */
static DWORD dial_fresh(LPRASDIALEXTENSIONS ext, LPCWSTR pbk, LPRASDIALPARAMSW p, DWORD type,
                        LPVOID notifier, LPHRASCONN out)
{
    if (out != NULL)
        *out = NULL;
    return RasDialW(ext, pbk, p, type, notifier, out);
}

static void reset_all(void)
{
    RasSimReset();
    CHECK(sim_conn_debug_wait_idle(TIMEOUT_MS));
    scenario(NULL);
}

/* ---- notification recorder ---------------------------------------------- */

typedef struct rec_event {
    HRASCONN h;
    UINT msg;
    RASCONNSTATE state;
    DWORD err;
    DWORD ext;
    ULONG_PTR cbid;
    DWORD sub;
} rec_event;

typedef struct recorder {
    sim_mutex m;
    sim_cond c;
    rec_event ev[64];
    size_t n;
    DWORD ret2;        /* what the RASDIALFUNC2 returns */
    int hangup_at;     /* state that triggers RasHangUpW inside the callback */
    DWORD hangup_rc;
    DWORD status_rc;   /* RasGetConnectStatusW right after that hang-up */
    int reset_at;      /* state that triggers RasSimReset inside the callback */
    int block_at;      /* state at which the callback blocks until released */
    int blocked, released, returned;
} recorder;

static const RASCONNSTATE k_seq[12] = {
    RASCS_OpenPort,     RASCS_PortOpened,          RASCS_ConnectDevice,
    RASCS_DeviceConnected, RASCS_AllDevicesConnected, RASCS_Authenticate,
    RASCS_AuthNotify,   RASCS_AuthProject,         RASCS_AuthAck,
    RASCS_Authenticated, RASCS_Projected,          RASCS_Connected,
};

static recorder *g_rec; /* for RASDIALFUNC / RASDIALFUNC1 (no context) */

static void rec_init(recorder *r)
{
    memset(r, 0, sizeof *r);
    sim_mutex_init(&r->m);
    sim_cond_init(&r->c);
    r->ret2 = 1;
    r->hangup_at = r->reset_at = r->block_at = -1;
}

static void rec_add(recorder *r, const rec_event *e)
{
    sim_mutex_lock(&r->m);
    if (r->n < SIM_COUNTOF(r->ev))
        r->ev[r->n++] = *e;
    sim_cond_broadcast(&r->c);
    sim_mutex_unlock(&r->m);
}

static void rec_actions(recorder *r, HRASCONN h, RASCONNSTATE st)
{
    if ((int)st == r->hangup_at) {
        RASCONNSTATUSW s;
        s.dwSize = sizeof s;
        r->hangup_rc = RasHangUpW(h);
        r->status_rc = RasGetConnectStatusW(h, &s);
    }
    if ((int)st == r->reset_at)
        RasSimReset();
    if ((int)st == r->block_at) {
        sim_mutex_lock(&r->m);
        r->blocked = 1;
        sim_cond_broadcast(&r->c);
        while (!r->released)
            sim_cond_wait(&r->c, &r->m);
        r->returned = 1; /* the callback returns right after this */
        sim_mutex_unlock(&r->m);
    }
}

static void record(recorder *r, HRASCONN h, UINT msg, RASCONNSTATE st, DWORD err, DWORD ext,
                   ULONG_PTR id, DWORD sub)
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

static VOID WINAPI cb0(UINT msg, RASCONNSTATE st, DWORD err)
{
    record(g_rec, NULL, msg, st, err, 0, 0, 0);
}

static VOID WINAPI cb1(HRASCONN h, UINT msg, RASCONNSTATE st, DWORD err, DWORD ext)
{
    record(g_rec, h, msg, st, err, ext, 0, 0);
}

static DWORD WINAPI cb2(ULONG_PTR id, DWORD sub, HRASCONN h, UINT msg, RASCONNSTATE st,
                        DWORD err, DWORD ext)
{
    recorder *r = (recorder *)id;
    record(r, h, msg, st, err, ext, id, sub);
    return r->ret2;
}

/* Waits until the recorder holds at least n events. */
static int rec_wait_count(recorder *r, size_t n)
{
    uint64_t end = sim_now_ms() + TIMEOUT_MS, now;
    int ok;
    sim_mutex_lock(&r->m);
    while (!(ok = r->n >= n) && (now = sim_now_ms()) < end)
        sim_cond_wait_ms(&r->c, &r->m, end - now);
    sim_mutex_unlock(&r->m);
    return ok;
}

static int rec_wait_blocked(recorder *r)
{
    uint64_t end = sim_now_ms() + TIMEOUT_MS, now;
    int ok;
    sim_mutex_lock(&r->m);
    while (!(ok = r->blocked) && (now = sim_now_ms()) < end)
        sim_cond_wait_ms(&r->c, &r->m, end - now);
    sim_mutex_unlock(&r->m);
    return ok;
}

static void rec_release(recorder *r)
{
    sim_mutex_lock(&r->m);
    r->released = 1;
    sim_cond_broadcast(&r->c);
    sim_mutex_unlock(&r->m);
}

/* The first count recorded states are k_seq[0..count) with no error. */
static void check_prefix(const recorder *r, size_t count)
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
static void check_sequence(const recorder *r, size_t count)
{
    CHECK_EQ(r->n, count);
    check_prefix(r, count);
}

/* ---- joinable helper threads -------------------------------------------- */

typedef struct job {
    void (*fn)(struct job *);
    void *arg;
    HRASCONN h;
    DWORD rc;
    int done;
    sim_mutex m;
    sim_cond c;
} job;

static void job_main(void *arg)
{
    job *j = (job *)arg;
    j->fn(j);
    sim_mutex_lock(&j->m);
    j->done = 1;
    sim_cond_broadcast(&j->c);
    sim_mutex_unlock(&j->m);
}

static void job_start(job *j, void (*fn)(job *), void *arg, HRASCONN h)
{
    memset(j, 0, sizeof *j);
    sim_mutex_init(&j->m);
    sim_cond_init(&j->c);
    j->fn = fn;
    j->arg = arg;
    j->h = h;
    CHECK_EQ(sim_thread_start(job_main, j), 0);
}

static int job_join(job *j)
{
    uint64_t end = sim_now_ms() + TIMEOUT_MS, now;
    int ok;
    sim_mutex_lock(&j->m);
    while (!(ok = j->done) && (now = sim_now_ms()) < end)
        sim_cond_wait_ms(&j->c, &j->m, end - now);
    sim_mutex_unlock(&j->m);
    return ok;
}

/* ---- RasGetErrorStringW, RasSimVersion ---------------------------------- */

static const struct {
    UINT code;
    const char *message;
} k_codes[] = {
#define RASERR(name, value, message) {value, message},
#include "raserror_list.h"
#undef RASERR
};

static void test_error_strings(void)
{
    WCHAR buf[512];
    size_t i;
    CHECK_EQ(RasSimVersion(), RASSIM_VERSION);
    CHECK_EQ(RasGetErrorStringW(ERROR_BUFFER_TOO_SMALL, NULL, 512), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasGetErrorStringW(0, buf, 512), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasGetErrorStringW(599, buf, 512), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasGetErrorStringW(ERROR_INVALID_PARAMETER, buf, 512), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasGetErrorStringW(0xFFFFFFFFu, buf, 512), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasGetErrorStringW(ERROR_BUFFER_TOO_SMALL, buf, 0), ERROR_INSUFFICIENT_BUFFER);
    for (i = 0; i < SIM_COUNTOF(k_codes); i++) {
        size_t units = sim_u8_wlen(k_codes[i].message, strlen(k_codes[i].message));
        memset(buf, 0xAB, sizeof buf);
        CHECK_EQ(RasGetErrorStringW(k_codes[i].code, buf, 512), 0);
        CHECK(weq(buf, k_codes[i].message));
        CHECK_EQ(RasGetErrorStringW(k_codes[i].code, buf, (DWORD)units), ERROR_INSUFFICIENT_BUFFER);
        CHECK_EQ(RasGetErrorStringW(k_codes[i].code, buf, (DWORD)units + 1), 0);
        CHECK_EQ(sim_wlen(buf, units + 1), units);
    }
}

/* ---- UTF helpers -------------------------------------------------------- */

static void test_utf(void)
{
    const WCHAR lone[3] = {0xD800, 0x41, 0};
    const WCHAR pair[3] = {0xD83D, 0xDE00, 0}; /* U+1F600 */
    WCHAR back[8];
    char *u;
    CHECK(sim_u8_ieq("B\xC3\xBCro VPN", 9, "B\xC3\x9CRO vpn", 9));
    CHECK(sim_u8_ieq("\xD0\x9F\xD1\x80\xD0\xBE", 6, "\xD0\xBF\xD0\xA0\xD0\x9E", 6)); /* Про */
    CHECK(!sim_u8_ieq("abc", 3, "abd", 3));
    CHECK(!sim_u8_ieq("abc", 3, "ab", 2));
    u = sim_w_to_u8(lone, 2);
    CHECK(u != NULL && strlen(u) == 4);
    CHECK_EQ(sim_u8_to_wbuf(u, strlen(u), back, 8), 0);
    CHECK(back[0] == 0xD800 && back[1] == 0x41 && back[2] == 0);
    free(u);
    u = sim_w_to_u8(pair, 2);
    CHECK(u != NULL && strcmp(u, "\xF0\x9F\x98\x80") == 0);
    CHECK_EQ(sim_u8_wlen(u, strlen(u)), 2);
    /* truncation never splits a pair: room for one unit only */
    CHECK_EQ(sim_u8_to_wbuf(u, strlen(u), back, 2), 1);
    CHECK_EQ(back[0], 0);
    free(u);
    CHECK_EQ(sim_u8_to_wbuf("\xFF" "a", 2, back, 8), 0); /* invalid byte */
    CHECK(back[0] == 0xFFFD && back[1] == 'a');
    CHECK(sim_wfield_ok(W("abc"), 4));
    CHECK(!sim_wfield_ok(W("abcd"), 4));
}

/* ---- INI document and phonebook writer ---------------------------------- */

static void check_roundtrip(const char *text)
{
    sim_ini ini;
    size_t len = 0;
    char *out;
    CHECK_EQ(sim_ini_parse(&ini, text, strlen(text)), SIM_OK);
    out = sim_ini_serialize(&ini, &len);
    CHECK(out != NULL && len == strlen(text) && memcmp(out, text, len) == 0);
    free(out);
    sim_ini_free(&ini);
}

static void test_ini(void)
{
    sim_ini ini;
    size_t h, len;
    const char *v;
    size_t vlen;
    char *out;
    check_roundtrip(k_pbk);
    check_roundtrip("a=1\nb=2");          /* no final newline */
    check_roundtrip("[x]\n\n\n  ; c\n"); /* blank lines, comments */
    check_roundtrip("");
    CHECK_EQ(sim_ini_parse(&ini, "a\0b", 3), SIM_BAD);
    sim_ini_free(&ini);

    CHECK_EQ(sim_ini_parse(&ini, k_pbk, strlen(k_pbk)), SIM_OK);
    CHECK(ini.bom && ini.crlf);
    h = sim_ini_find_section(&ini, "OFFICE vpn", 10);
    CHECK(h != SIM_INI_NONE);
    CHECK(sim_ini_get(&ini, h, "DEVICE", &v, &vlen) && vlen == 3 && memcmp(v, "vpn", 3) == 0);
    CHECK(sim_ini_get(&ini, h, "Device", &v, &vlen) && vlen == 19);
    CHECK(!sim_ini_get(&ini, h, "device", &v, &vlen));
    /* edit: replace, insert before MEDIA, remove, add a section */
    CHECK_EQ(sim_ini_set(&ini, h, "Type", "5", NULL), SIM_OK);
    CHECK_EQ(sim_ini_set(&ini, h, "NewKey", "new", "MEDIA"), SIM_OK);
    CHECK_EQ(sim_ini_set(&ini, h, "Bad=Key", "x", NULL), SIM_BAD);
    CHECK_EQ(sim_ini_set(&ini, h, "Key", "line\nbreak", NULL), SIM_BAD);
    CHECK_EQ(sim_ini_remove(&ini, h, "UnknownKey"), 1);
    CHECK_EQ(sim_ini_add_section(&ini, "Added", &h), SIM_OK);
    CHECK_EQ(sim_ini_set(&ini, h, "PhoneNumber", "1", NULL), SIM_OK);
    CHECK_EQ(sim_ini_add_section(&ini, "", &h), SIM_BAD);
    out = sim_ini_serialize(&ini, &len);
    CHECK(out != NULL && strstr(out, "Type=5\r\nGuid=") != NULL);
    CHECK(out != NULL && strstr(out, "NewKey=new\r\nMEDIA=rastapi\r\n") != NULL);
    CHECK(out != NULL && strstr(out, "UnknownKey") == NULL);
    CHECK(out != NULL && strstr(out, "CustomAuthKey=0\r\n\r\n[Added]\r\nPhoneNumber=1\r\n") != NULL);
    CHECK(out != NULL && memcmp(out, "\xEF\xBB\xBF; rasphone", 13) == 0);
    free(out);
    h = sim_ini_find_section(&ini, "Home Modem", 10);
    sim_ini_remove_section(&ini, h);
    CHECK_EQ(sim_ini_find_section(&ini, "Home Modem", 10), SIM_INI_NONE);
    sim_ini_free(&ini);
}

static void test_pbk_writer(void)
{
    sim_pbk pbk;
    size_t h;
    char *text;
    CHECK_EQ(sim_pbk_load(W(PBK), &pbk), 0);
    h = sim_pbk_find(&pbk, "home MODEM");
    CHECK(h != SIM_INI_NONE);
    CHECK_EQ(sim_ini_set(&pbk.ini, h, "PhoneNumber", "5559999", NULL), SIM_OK);
    CHECK_EQ(sim_pbk_save(&pbk), 0);
    sim_pbk_free(&pbk);
    text = read_text(PBK, NULL);
    CHECK(text != NULL && strstr(text, "PhoneNumber=5559999\r\n") != NULL);
    CHECK(text != NULL && strstr(text, "UnknownKey=kept\r\n") != NULL);
    CHECK(text != NULL && strlen(text) == strlen(k_pbk));
    free(text);
    write_standard_pbk();
    /* a writer that cannot create its temporary file */
    memset(&pbk, 0, sizeof pbk);
    sim_ini_init(&pbk.ini);
    pbk.path = sim_strdup(P("no-such-dir/x.pbk"));
    CHECK_EQ(sim_pbk_save(&pbk), ERROR_CANNOT_WRITE_PHONEBOOK);
    sim_pbk_free(&pbk);
}

/* ---- RasEnumEntriesW ---------------------------------------------------- */

static void test_enum_entries(void)
{
    RASENTRYNAMEW names[8];
    DWORD cb, count, old = (DWORD)offsetof(RASENTRYNAMEW, dwFlags);
    unsigned char raw[4 * 600];
    const char *expected[4] = {"Office VPN", "Home Modem", "B\xC3\xBCro EAP", "Plain"};
    size_t i;

    cb = 0;
    CHECK_EQ(RasEnumEntriesW(NULL, W(PBK), NULL, &cb, &count), ERROR_BUFFER_TOO_SMALL);
    CHECK_EQ(cb, 4 * sizeof(RASENTRYNAMEW));
    CHECK_EQ(count, 4);
    names[0].dwSize = sizeof names[0];
    cb = sizeof names[0];
    CHECK_EQ(RasEnumEntriesW(NULL, W(PBK), names, &cb, &count), ERROR_BUFFER_TOO_SMALL);
    CHECK_EQ(cb, 4 * sizeof(RASENTRYNAMEW));
    cb = sizeof names;
    CHECK_EQ(RasEnumEntriesW(NULL, W(PBK), names, &cb, &count), 0);
    CHECK_EQ(count, 4);
    CHECK_EQ(cb, 4 * sizeof(RASENTRYNAMEW));
    for (i = 0; i < 4; i++) {
        CHECK(weq(names[i].szEntryName, expected[i]));
        CHECK(weq(names[i].szPhonebookPath, PBK_ABS));
        CHECK_EQ(names[i].dwFlags, REN_User);
        CHECK_EQ(names[i].dwSize, sizeof names[0]);
    }
    /* the older version: stride = its size, no path written */
    memset(raw, 0xAB, sizeof raw);
    memcpy(raw, &old, sizeof old);
    cb = sizeof raw;
    CHECK_EQ(RasEnumEntriesW(NULL, W(PBK), (LPRASENTRYNAMEW)(void *)raw, &cb, &count), 0);
    CHECK_EQ(cb, 4 * old);
    for (i = 0; i < 4; i++) {
        RASENTRYNAMEW e;
        memset(&e, 0, sizeof e);
        memcpy(&e, raw + i * old, old);
        CHECK_EQ(e.dwSize, old);
        CHECK(weq(e.szEntryName, expected[i]));
    }
    CHECK_EQ(raw[4 * old], 0xAB);
    /* errors */
    CHECK_EQ(RasEnumEntriesW(W("x"), W(PBK), names, &cb, &count), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasEnumEntriesW(NULL, W(PBK), names, NULL, &count), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasEnumEntriesW(NULL, W(PBK), names, &cb, NULL), ERROR_INVALID_PARAMETER);
    cb = 100;
    CHECK_EQ(RasEnumEntriesW(NULL, W(PBK), NULL, &cb, &count), ERROR_INVALID_PARAMETER);
    names[0].dwSize = 3;
    cb = sizeof names;
    CHECK_EQ(RasEnumEntriesW(NULL, W(PBK), names, &cb, &count), ERROR_INVALID_SIZE);
    names[0].dwSize = sizeof names[0] + 4;
    CHECK_EQ(RasEnumEntriesW(NULL, W(PBK), names, &cb, &count), ERROR_INVALID_SIZE);
    names[0].dwSize = sizeof names[0];
    CHECK_EQ(RasEnumEntriesW(NULL, W(P("missing.pbk")), names, &cb, &count),
             ERROR_CANNOT_OPEN_PHONEBOOK);
    CHECK_EQ(RasEnumEntriesW(NULL, W(g_dir), names, &cb, &count), ERROR_CANNOT_OPEN_PHONEBOOK);
    write_bytes(P("zero.pbk"), "[A]\0x", 5);
    CHECK_EQ(RasEnumEntriesW(NULL, W(P("zero.pbk")), names, &cb, &count),
             ERROR_CANNOT_LOAD_PHONEBOOK);
#ifndef _WIN32
    if (!running_as_root()) {
        write_file(P("locked.pbk"), "[A]\n");
        chmod(P("locked.pbk"), 0);
        CHECK_EQ(RasEnumEntriesW(NULL, W(P("locked.pbk")), names, &cb, &count),
                 ERROR_CANNOT_OPEN_PHONEBOOK);
    }
#endif
    /* a path longer than MAX_PATH - 1 units once absolute */
    {
        char longname[400];
        memset(longname, 'l', sizeof longname - 1);
        longname[sizeof longname - 1] = '\0';
        CHECK_EQ(RasEnumEntriesW(NULL, W(longname), names, &cb, &count),
                 ERROR_CANNOT_OPEN_PHONEBOOK);
    }
    /* read fresh on every call */
    write_file(P("fresh.pbk"), "[One]\n");
    cb = sizeof names;
    CHECK_EQ(RasEnumEntriesW(NULL, W(P("fresh.pbk")), names, &cb, &count), 0);
    CHECK_EQ(count, 1);
    write_file(P("fresh.pbk"), "[One]\n[Two]\n[]\n");
    cb = sizeof names;
    CHECK_EQ(RasEnumEntriesW(NULL, W(P("fresh.pbk")), names, &cb, &count), 0);
    CHECK_EQ(count, 2);
}

static void test_default_phonebook(void)
{
    RASENTRYNAMEW names[4];
    DWORD cb = 0, count = 99;
    /* RASSIM_PHONEBOOK pointing at a missing file: an empty phonebook */
    set_env("RASSIM_PHONEBOOK", P("default-missing.pbk"));
    CHECK_EQ(RasEnumEntriesW(NULL, NULL, NULL, &cb, &count), 0);
    CHECK_EQ(count, 0);
    CHECK_EQ(cb, 0);
    names[0].dwSize = sizeof names[0];
    cb = sizeof names;
    CHECK_EQ(RasEnumEntriesW(NULL, W(""), names, &cb, &count), 0);
    CHECK_EQ(count, 0);
    /* ... and at the standard phonebook */
    set_env("RASSIM_PHONEBOOK", PBK);
    cb = sizeof names;
    CHECK_EQ(RasEnumEntriesW(NULL, NULL, names, &cb, &count), 0);
    CHECK_EQ(count, 4);
    CHECK(weq(names[0].szPhonebookPath, PBK_ABS));
    /* an unreadable default phonebook is an error */
    set_env("RASSIM_PHONEBOOK", g_dir);
    CHECK_EQ(RasEnumEntriesW(NULL, NULL, names, &cb, &count), ERROR_CANNOT_OPEN_PHONEBOOK);
#ifndef _WIN32
    /* the XDG location */
    set_env("RASSIM_PHONEBOOK", NULL);
    set_env("XDG_CONFIG_HOME", P("xdg"));
    make_dir(P("xdg"));
    make_dir(P("xdg/rassim"));
    write_file(P("xdg/rassim/rasphone.pbk"), "[Xdg Entry]\n");
    cb = sizeof names;
    CHECK_EQ(RasEnumEntriesW(NULL, NULL, names, &cb, &count), 0);
    CHECK_EQ(count, 1);
    CHECK(weq(names[0].szEntryName, "Xdg Entry"));
    CHECK(weq(names[0].szPhonebookPath, P("xdg/rassim/rasphone.pbk")));
    /* the HOME location */
    set_env("XDG_CONFIG_HOME", NULL);
    set_env("HOME", P("home"));
    cb = sizeof names;
    CHECK_EQ(RasEnumEntriesW(NULL, NULL, names, &cb, &count), 0);
    CHECK_EQ(count, 0);
#else
    /* the %APPDATA% location */
    set_env("RASSIM_PHONEBOOK", NULL);
    set_env("APPDATA", g_dir);
    make_dir(P("Microsoft"));
    make_dir(P("Microsoft/Network"));
    make_dir(P("Microsoft/Network/Connections"));
    make_dir(P("Microsoft/Network/Connections/Pbk"));
    write_file(P("Microsoft/Network/Connections/Pbk/rasphone.pbk"), "[AppData Entry]\r\n");
    cb = sizeof names;
    CHECK_EQ(RasEnumEntriesW(NULL, NULL, names, &cb, &count), 0);
    CHECK_EQ(count, 1);
    CHECK(weq(names[0].szEntryName, "AppData Entry"));
#endif
    set_env("RASSIM_PHONEBOOK", PBK);
}

/* ---- synchronous dials, status, connection list ------------------------- */

static const DWORD k_conn_sizes[] = {
    (DWORD)offsetof(RASCONNW, szDeviceType), (DWORD)((offsetof(RASCONNW, szDeviceType) + 3) & ~3u),
    (DWORD)offsetof(RASCONNW, szPhonebook),  (DWORD)((offsetof(RASCONNW, szPhonebook) + 3) & ~3u),
    (DWORD)offsetof(RASCONNW, guidEntry),    (DWORD)offsetof(RASCONNW, dwFlags),
    (DWORD)offsetof(RASCONNW, guidCorrelationId), (DWORD)sizeof(RASCONNW),
};

static void check_status(HRASCONN h, RASCONNSTATE state, DWORD err)
{
    RASCONNSTATUSW s;
    memset(&s, 0, sizeof s);
    s.dwSize = sizeof s;
    CHECK_EQ(RasGetConnectStatusW(h, &s), 0);
    CHECK_EQ(s.rasconnstate, state);
    CHECK_EQ(s.dwError, err);
}

static void test_status_versions(HRASCONN h)
{
    const DWORD sizes[3] = {(DWORD)offsetof(RASCONNSTATUSW, szPhoneNumber),
                            (DWORD)offsetof(RASCONNSTATUSW, localEndPoint),
                            (DWORD)sizeof(RASCONNSTATUSW)};
    unsigned char raw[sizeof(RASCONNSTATUSW) + 16];
    RASCONNSTATUSW s;
    size_t i;
    for (i = 0; i < 3; i++) {
        memset(raw, 0xAB, sizeof raw);
        memcpy(raw, &sizes[i], sizeof(DWORD));
        CHECK_EQ(RasGetConnectStatusW(h, (LPRASCONNSTATUSW)(void *)raw), 0);
        CHECK_EQ(raw[sizes[i]], 0xAB);
        memset(&s, 0, sizeof s);
        memcpy(&s, raw, sizes[i]);
        CHECK_EQ(s.rasconnstate, RASCS_Connected);
        CHECK(weq(s.szDeviceType, "vpn"));
        CHECK(weq(s.szDeviceName, "WAN Miniport (SSTP)"));
        if (i > 0)
            CHECK(weq(s.szPhoneNumber, "vpn.example.com"));
    }
    s.dwSize = 5;
    CHECK_EQ(RasGetConnectStatusW(h, &s), ERROR_INVALID_SIZE);
    CHECK_EQ(RasGetConnectStatusW(h, NULL), ERROR_INVALID_PARAMETER);
}

static void test_enum_versions(HRASCONN h)
{
    unsigned char raw[3 * sizeof(RASCONNW)];
    DWORD cb, count;
    size_t i;
    for (i = 0; i < SIM_COUNTOF(k_conn_sizes); i++) {
        DWORD size = k_conn_sizes[i];
        RASCONNW c;
        memset(raw, 0xAB, sizeof raw);
        memcpy(raw, &size, sizeof size);
        cb = sizeof raw;
        CHECK_EQ(RasEnumConnectionsW((LPRASCONNW)(void *)raw, &cb, &count), 0);
        CHECK_EQ(count, 1);
        CHECK_EQ(cb, size);
        CHECK_EQ(raw[size], 0xAB);
        memset(&c, 0, sizeof c);
        memcpy(&c, raw, size);
        CHECK(c.hrasconn == h);
        CHECK(weq(c.szEntryName, "Office VPN"));
        if (size >= offsetof(RASCONNW, szPhonebook))
            CHECK(weq(c.szDeviceType, "vpn"));
        if (size >= offsetof(RASCONNW, guidEntry)) {
            CHECK(weq(c.szPhonebook, PBK_ABS));
            CHECK_EQ(c.dwSubEntry, 1);
        }
        if (size >= offsetof(RASCONNW, dwFlags))
            CHECK(c.guidEntry.Data1 == 0x33221100u && c.guidEntry.Data4[7] == 0xFF);
    }
}

static void test_dial_sync(void)
{
    RASDIALPARAMSW p;
    RASDIALEXTENSIONS ext;
    RASCONNW conns[2];
    HRASCONN h = NULL, h2 = NULL;
    DWORD cb, count;
    const DWORD psizes[] = {(DWORD)offsetof(RASDIALPARAMSW, dwSubEntry),
                            (DWORD)offsetof(RASDIALPARAMSW, dwIfIndex),
                            (DWORD)sizeof(RASDIALPARAMSW),
                            (DWORD)(sizeof(RASDIALPARAMSW) + sizeof(LPWSTR))};
    const DWORD esizes[] = {(DWORD)offsetof(RASDIALEXTENSIONS, reserved1),
                            (DWORD)offsetof(RASDIALEXTENSIONS, fSkipPppAuth),
                            (DWORD)sizeof(RASDIALEXTENSIONS)};
    size_t i;

    dial_params(&p, "office vpn");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), 0);
    CHECK(h != NULL);
    CHECK_EQ(((uintptr_t)h) % 0x10, 0);
    check_status(h, RASCS_Connected, 0);
    test_status_versions(h);
    test_enum_versions(h);
    /* size query, too small, NULL-buffer rules */
    cb = 0;
    CHECK_EQ(RasEnumConnectionsW(NULL, &cb, &count), ERROR_BUFFER_TOO_SMALL);
    CHECK_EQ(cb, sizeof(RASCONNW));
    CHECK_EQ(count, 1);
    conns[0].dwSize = sizeof conns[0];
    cb = sizeof conns[0] - 1;
    CHECK_EQ(RasEnumConnectionsW(conns, &cb, &count), ERROR_BUFFER_TOO_SMALL);
    CHECK_EQ(cb, sizeof(RASCONNW));
    cb = 8;
    CHECK_EQ(RasEnumConnectionsW(NULL, &cb, &count), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasEnumConnectionsW(conns, NULL, &count), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasEnumConnectionsW(conns, &cb, NULL), ERROR_INVALID_PARAMETER);
    conns[0].dwSize = 0;
    cb = sizeof conns;
    CHECK_EQ(RasEnumConnectionsW(conns, &cb, &count), ERROR_INVALID_SIZE);
    conns[0].dwSize = sizeof conns[0] + 4;
    CHECK_EQ(RasEnumConnectionsW(conns, &cb, &count), ERROR_INVALID_SIZE);
    /* every RASDIALPARAMSW / RASDIALEXTENSIONS version dials */
    CHECK_EQ(RasHangUpW(h), 0);
    for (i = 0; i < SIM_COUNTOF(psizes); i++) {
        unsigned char raw[sizeof(RASDIALPARAMSW) + 16];
        memset(raw, 0, sizeof raw);
        dial_params(&p, "Home Modem");
        p.dwSize = psizes[i];
        memcpy(raw, &p, psizes[i] < sizeof p ? psizes[i] : sizeof p);
        CHECK_EQ(dial_fresh(NULL, W(PBK), (LPRASDIALPARAMSW)(void *)raw, 0, NULL, &h2), 0);
        CHECK_EQ(RasHangUpW(h2), 0);
    }
    for (i = 0; i < SIM_COUNTOF(esizes); i++) {
        memset(&ext, 0, sizeof ext);
        ext.dwSize = esizes[i];
        dial_params(&p, "Home Modem");
        CHECK_EQ(dial_fresh(&ext, W(PBK), &p, 0, NULL, &h2), 0);
        check_status(h2, RASCS_Connected, 0);
        CHECK_EQ(RasHangUpW(h2), 0);
    }
    /* after the hang-up the handle is dead; handles are never reused */
    CHECK_EQ(RasGetConnectStatusW(h, &(RASCONNSTATUSW){.dwSize = sizeof(RASCONNSTATUSW)}),
             ERROR_INVALID_HANDLE);
    CHECK_EQ(RasHangUpW(h), ERROR_INVALID_HANDLE);
    CHECK((uintptr_t)h2 > (uintptr_t)h);
    cb = 0;
    CHECK_EQ(RasEnumConnectionsW(NULL, &cb, &count), 0);
    CHECK_EQ(count, 0);
    CHECK_EQ(cb, 0);
    conns[0].dwSize = sizeof conns[0];
    cb = sizeof conns;
    CHECK_EQ(RasEnumConnectionsW(conns, &cb, &count), 0);
    CHECK_EQ(count, 0);
}

static void test_dial_errors(void)
{
    RASDIALPARAMSW p;
    RASDIALEXTENSIONS ext;
    HRASCONN h = (HRASCONN)(uintptr_t)0x1234;
    size_t i;
    recorder r;
    rec_init(&r);
    g_rec = &r;
    dial_params(&p, "Office VPN");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, NULL), ERROR_INVALID_PARAMETER);
    CHECK_EQ(dial_fresh(NULL, W(PBK), NULL, 0, NULL, &h), ERROR_INVALID_PARAMETER);
    CHECK(h == NULL);
    p.dwSize = 100;
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), ERROR_INVALID_SIZE);
    p.dwSize = sizeof p;
    memset(&ext, 0, sizeof ext);
    ext.dwSize = 3;
    CHECK_EQ(dial_fresh(&ext, W(PBK), &p, 0, NULL, &h), ERROR_INVALID_SIZE);
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 3, (LPVOID)cb1, &h), ERROR_INVALID_PARAMETER);
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0xFFFFFFF0u, (LPVOID)cb1, &h), ERROR_INVALID_PARAMETER);
    for (i = 0; i < SIM_COUNTOF(p.szEntryName); i++)
        p.szEntryName[i] = 'A';
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 1, (LPVOID)cb1, &h), ERROR_INVALID_PARAMETER);
    dial_params(&p, "Office VPN");
    for (i = 0; i < SIM_COUNTOF(p.szDomain); i++)
        p.szDomain[i] = 'D';
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 1, (LPVOID)cb1, &h), ERROR_INVALID_PARAMETER);
    /* lookup errors: immediate, no handle, no notification */
    dial_params(&p, "No Such Entry");
    h = (HRASCONN)(uintptr_t)0x1234;
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 1, (LPVOID)cb1, &h), ERROR_CANNOT_FIND_PHONEBOOK_ENTRY);
    CHECK(h == NULL);
    dial_params(&p, "");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 1, (LPVOID)cb1, &h), ERROR_CANNOT_FIND_PHONEBOOK_ENTRY);
    dial_params(&p, "Office VPN");
    CHECK_EQ(dial_fresh(NULL, W(P("missing.pbk")), &p, 1, (LPVOID)cb1, &h),
             ERROR_CANNOT_OPEN_PHONEBOOK);
    CHECK(h == NULL);
    CHECK(sim_conn_debug_wait_idle(TIMEOUT_MS));
    CHECK_EQ(r.n, 0);
    /* a type out of range is fine when there is no notifier (synchronous) */
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 3, NULL, &h), 0);
    CHECK_EQ(RasHangUpW(h), 0);
    /* bogus handles */
    CHECK_EQ(RasHangUpW(NULL), ERROR_INVALID_HANDLE);
    CHECK_EQ(RasHangUpW((HRASCONN)(uintptr_t)1), ERROR_INVALID_HANDLE);
    CHECK_EQ(RasGetConnectStatusW((HRASCONN)(uintptr_t)0x10000,
                                  &(RASCONNSTATUSW){.dwSize = sizeof(RASCONNSTATUSW)}),
             ERROR_INVALID_HANDLE);
}

static void test_dial_number(void)
{
    RASDIALPARAMSW p;
    RASCONNW c;
    RASCONNSTATUSW s;
    HRASCONN h;
    DWORD cb = sizeof c, count;
    dial_params(&p, "");
    WSET(p.szPhoneNumber, "5551234");
    CHECK_EQ(dial_fresh(NULL, NULL, &p, 0, NULL, &h), 0);
    c.dwSize = sizeof c;
    CHECK_EQ(RasEnumConnectionsW(&c, &cb, &count), 0);
    CHECK_EQ(count, 1);
    CHECK(weq(c.szEntryName, ".5551234"));
    CHECK(weq(c.szDeviceType, "modem"));
    CHECK(weq(c.szDeviceName, "Simulated Modem"));
    s.dwSize = sizeof s;
    CHECK_EQ(RasGetConnectStatusW(h, &s), 0);
    CHECK(weq(s.szPhoneNumber, "5551234"));
    CHECK_EQ(RasHangUpW(h), 0);
    /* an entry dial with a phone number override */
    dial_params(&p, "Office VPN");
    WSET(p.szPhoneNumber, "other.example.com");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), 0);
    s.dwSize = sizeof s;
    CHECK_EQ(RasGetConnectStatusW(h, &s), 0);
    CHECK(weq(s.szPhoneNumber, "other.example.com"));
    CHECK_EQ(RasHangUpW(h), 0);
    /* defaults when the entry names no device */
    dial_params(&p, "Plain");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), 0);
    s.dwSize = sizeof s;
    CHECK_EQ(RasGetConnectStatusW(h, &s), 0);
    CHECK(weq(s.szDeviceType, "vpn"));
    CHECK(weq(s.szDeviceName, "WAN Miniport (IKEv2)"));
    CHECK_EQ(RasHangUpW(h), 0);
}

/* ---- asynchronous dials and notifier types ------------------------------ */

static void test_async_types(void)
{
    RASDIALPARAMSW p;
    HRASCONN h;
    recorder r;
    size_t i;
    /* RASDIALFUNC */
    rec_init(&r);
    g_rec = &r;
    dial_params(&p, "Office VPN");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, (LPVOID)cb0, &h), 0);
    CHECK(h != NULL);
    CHECK(rec_wait_count(&r, 12));
    check_sequence(&r, 12);
    check_status(h, RASCS_Connected, 0);
    CHECK_EQ(RasHangUpW(h), 0);
    /* RASDIALFUNC1 */
    rec_init(&r);
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 1, (LPVOID)cb1, &h), 0);
    CHECK(rec_wait_count(&r, 12));
    check_sequence(&r, 12);
    for (i = 0; i < r.n; i++)
        CHECK(r.ev[i].h == h);
    CHECK_EQ(RasHangUpW(h), 0);
    /* RASDIALFUNC2, with the callback id and subentry of the parameters */
    rec_init(&r);
    p.dwCallbackId = (ULONG_PTR)&r;
    p.dwSubEntry = 7;
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 2, (LPVOID)cb2, &h), 0);
    CHECK(rec_wait_count(&r, 12));
    check_sequence(&r, 12);
    for (i = 0; i < r.n; i++) {
        CHECK(r.ev[i].h == h);
        CHECK_EQ(r.ev[i].cbid, (ULONG_PTR)&r);
        CHECK_EQ(r.ev[i].sub, 7);
    }
    CHECK_EQ(RasHangUpW(h), 0);
    /* RASDIALFUNC2 returning 0: no further notifications */
    rec_init(&r);
    r.ret2 = 0;
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 2, (LPVOID)cb2, &h), 0);
    CHECK(sim_conn_debug_wait_state(h, RASCS_Connected, TIMEOUT_MS));
    CHECK_EQ(RasHangUpW(h), 0);
    CHECK(sim_conn_debug_wait_idle(TIMEOUT_MS));
    check_sequence(&r, 1);
}

static void test_posted_messages(void)
{
    RASDIALPARAMSW p;
    HRASCONN h;
    RASSIM_POSTED_MESSAGE m[16];
    DWORD n = 99;
    size_t i;
    HWND hwnd;
    RasSimReset();
    CHECK_EQ(RasSimTakePostedMessages(NULL, 0, NULL), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasSimTakePostedMessages(NULL, 3, &n), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasSimTakePostedMessages(NULL, 0, &n), 0);
    CHECK_EQ(n, 0);
#ifdef _WIN32
    hwnd = CreateWindowExW(0, L"STATIC", L"", 0, 0, 0, 0, 0, HWND_MESSAGE, NULL, NULL, NULL);
    CHECK(hwnd != NULL);
#else
    hwnd = (HWND)(uintptr_t)0xBEEF0;
#endif
    dial_params(&p, "Office VPN");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0xFFFFFFFFu, (LPVOID)hwnd, &h), 0);
    CHECK(sim_conn_debug_wait_state(h, RASCS_Connected, TIMEOUT_MS));
    CHECK_EQ(RasHangUpW(h), 0); /* the last message is posted before this returns */
#ifdef _WIN32
    for (i = 0; i < 12; i++) {
        MSG msg;
        CHECK(PeekMessageW(&msg, hwnd, 0, 0, PM_REMOVE));
        CHECK_EQ(msg.message, WM_RASDIALEVENT);
        CHECK_EQ(msg.wParam, k_seq[i]);
        CHECK_EQ(msg.lParam, 0);
    }
    DestroyWindow(hwnd);
#else
    CHECK_EQ(RasSimTakePostedMessages(NULL, 0, &n), 0);
    CHECK_EQ(n, 12);
    CHECK_EQ(RasSimTakePostedMessages(m, 5, &n), 0);
    CHECK_EQ(n, 5);
    CHECK_EQ(RasSimTakePostedMessages(m + 5, 16, &n), 0);
    CHECK_EQ(n, 7);
    for (i = 0; i < 12; i++) {
        CHECK(m[i].hwnd == hwnd);
        CHECK_EQ(m[i].msg, WM_RASDIALEVENT);
        CHECK_EQ(m[i].wParam, k_seq[i]);
        CHECK_EQ(m[i].lParam, 0);
    }
    CHECK_EQ(RasSimTakePostedMessages(m, 16, &n), 0);
    CHECK_EQ(n, 0);
    /* RasSimReset empties the queue */
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0xFFFFFFFFu, (LPVOID)hwnd, &h), 0);
    CHECK(sim_conn_debug_wait_state(h, RASCS_Connected, TIMEOUT_MS));
    RasSimReset();
    CHECK_EQ(RasSimTakePostedMessages(NULL, 0, &n), 0);
    CHECK_EQ(n, 0);
#endif
    (void)m;
}

/* ---- scenarios ---------------------------------------------------------- */

static void test_scenario_failures(void)
{
    RASDIALPARAMSW p;
    RASCONNW c;
    HRASCONN h;
    DWORD cb, count;
    recorder r;
    dial_params(&p, "Office VPN");
    /* sync failure: the error with a valid handle that stays until HangUp */
    scenario("[*]\nFailState=ConnectDevice\n");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), ERROR_FROM_DEVICE);
    CHECK(h != NULL);
    check_status(h, RASCS_ConnectDevice, ERROR_FROM_DEVICE);
    c.dwSize = sizeof c;
    cb = sizeof c;
    CHECK_EQ(RasEnumConnectionsW(&c, &cb, &count), 0);
    CHECK_EQ(count, 1);
    /* a failed connection does not block a new dial of its entry */
    {
        HRASCONN h2;
        CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h2), ERROR_FROM_DEVICE);
        CHECK(h2 != h);
        CHECK_EQ(RasHangUpW(h2), 0);
    }
    CHECK_EQ(RasHangUpW(h), 0);
    /* async failure: entry notification, then the error in the same state */
    scenario("[Office VPN]\nFailState=RASCS_AuthAck\nFailError=0x2ab\n[*]\nFailState=OpenPort\n");
    rec_init(&r);
    g_rec = &r;
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 1, (LPVOID)cb1, &h), 0);
    CHECK(rec_wait_count(&r, 10));
    CHECK(sim_conn_debug_wait_state(h, RASCS_AuthAck, TIMEOUT_MS));
    check_status(h, RASCS_AuthAck, 683);
    CHECK_EQ(RasHangUpW(h), 0);
    CHECK(sim_conn_debug_wait_idle(TIMEOUT_MS));
    CHECK_EQ(r.n, 10);
    check_prefix(&r, 9);
    CHECK(r.n == 10 && r.ev[9].state == RASCS_AuthAck && r.ev[9].err == 683);
    /* numeric FailState; the [*] section for entries without their own */
    scenario("[*]\nFailState=0\n");
    dial_params(&p, "Home Modem");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), ERROR_FROM_DEVICE);
    check_status(h, RASCS_OpenPort, ERROR_FROM_DEVICE);
    CHECK_EQ(RasHangUpW(h), 0);
    scenario(NULL);
}

static void test_scenario_errors(void)
{
    RASDIALPARAMSW p;
    HRASCONN h;
    static const char *const bad[] = {
        "[*]\nNoSuchKey=1\n",        "[*]\nFailState=Nowhere\n",
        "[*]\nFailState=Connected\n", "[*]\nFailState=AuthRetry\n",
        "[*]\nFailError=651\n",       "[*]\nFailState=1\nFailError=0\n",
        "[*]\nStateDelayMs=-1\n",     "[*]\nDropAfterMs=abc\n",
        "[*]\nIpAddress=10.0.0.256\n", "[*]\nIpAddress=10.0.0\n",
        "[*]\nServerIpv6Address=1::2::3\n", "[*]\nIpv6Address=12345::\n",
        "[*]\nEapInfo=abc\n",         "[*]\nEapInfo=zz\n",
        "[*]\ngarbage line\n",        "[*]\nDropError=0\n",
        "[*]\nBytesPerSecondOut=-5\n", "[*]\nBytesPerSecondIn=1k\n",
        "[*]\nBps=\n",               "[*]\nBps=4294967296\n",
    };
    size_t i;
    dial_params(&p, "Office VPN");
    for (i = 0; i < SIM_COUNTOF(bad); i++) {
        scenario(bad[i]);
        h = (HRASCONN)(uintptr_t)1;
        CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), ERROR_BAD_USAGE_IN_INI_FILE);
        CHECK(h == NULL);
    }
    /* a malformed section of another entry does not matter */
    scenario("[Other]\nNoSuchKey=1\n[*]\n; fine\n");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), 0);
    CHECK_EQ(RasHangUpW(h), 0);
    set_env("RASSIM_SCENARIO", P("no-such-scenario.ini"));
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), ERROR_READING_INI_FILE);
    CHECK(h == NULL);
    scenario(NULL);
}

static void test_addresses(void)
{
    BYTE a[16];
    RASDIALPARAMSW p;
    RASCONNSTATUSW s;
    sim_conn_info info;
    HRASCONN h;
    CHECK_EQ(sim_parse_ipv4("192.168.1.20", 12, a), SIM_OK);
    CHECK(a[0] == 192 && a[3] == 20);
    CHECK_EQ(sim_parse_ipv4("1.2.3.4.5", 9, a), SIM_BAD);
    CHECK_EQ(sim_parse_ipv4("1..3.4", 6, a), SIM_BAD);
    CHECK_EQ(sim_parse_ipv6("::1", 3, a), SIM_OK);
    CHECK(a[15] == 1 && a[0] == 0);
    CHECK_EQ(sim_parse_ipv6("2001:db8::7", 11, a), SIM_OK);
    CHECK(a[0] == 0x20 && a[1] == 0x01 && a[2] == 0x0d && a[3] == 0xb8 && a[15] == 7);
    CHECK_EQ(sim_parse_ipv6("::ffff:10.1.2.3", 15, a), SIM_OK);
    CHECK(a[10] == 0xff && a[11] == 0xff && a[12] == 10 && a[15] == 3);
    CHECK_EQ(sim_parse_ipv6("1:2:3:4:5:6:7:8", 15, a), SIM_OK);
    CHECK(a[14] == 0 && a[15] == 8);
    CHECK_EQ(sim_parse_ipv6("1:2:3:4:5:6:7", 13, a), SIM_BAD);
    CHECK_EQ(sim_parse_ipv6("1:2:3:4:5:6:7:8:9", 17, a), SIM_BAD);
    CHECK_EQ(sim_parse_ipv6(":1", 2, a), SIM_BAD);
    CHECK_EQ(sim_parse_ipv6("1:", 2, a), SIM_BAD);
    CHECK_EQ(sim_parse_ipv6("::", 2, a), SIM_OK);
    scenario("[Office VPN]\nIpAddress=10.0.0.2\nServerIpAddress=203.0.113.1\n"
             "Ipv6Address=fd00::2\nDnsSuffix=corp.example\n"
             "[*]\nIpv6Address=fd00::5\nServerIpv6Address=2001:db8::1\n");
    dial_params(&p, "Office VPN");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), 0);
    s.dwSize = sizeof s;
    CHECK_EQ(RasGetConnectStatusW(h, &s), 0);
    CHECK_EQ(s.localEndPoint.dwType, RASTUNNELENDPOINT_IPv4);
    CHECK(s.localEndPoint.addr.ipv4.addr[0] == 10 && s.localEndPoint.addr.ipv4.addr[3] == 2);
    CHECK_EQ(s.remoteEndPoint.dwType, RASTUNNELENDPOINT_IPv4);
    CHECK(s.remoteEndPoint.addr.ipv4.addr[0] == 203);
    CHECK_EQ(s.rasconnsubstate, RASCSS_None);
    CHECK_EQ(sim_conn_get(h, &info), 0);
    CHECK(info.addrs.has_ip6 && info.addrs.ip6[0] == 0xfd && info.addrs.ip6[15] == 2);
    CHECK(info.addrs.has_dns_suffix && weq(info.addrs.dns_suffix, "corp.example"));
    CHECK_EQ(RasHangUpW(h), 0);
    dial_params(&p, "Home Modem");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), 0);
    s.dwSize = sizeof s;
    CHECK_EQ(RasGetConnectStatusW(h, &s), 0);
    CHECK_EQ(s.localEndPoint.dwType, RASTUNNELENDPOINT_IPv6);
    CHECK(s.localEndPoint.addr.ipv6.addr[15] == 5);
    CHECK_EQ(s.remoteEndPoint.dwType, RASTUNNELENDPOINT_IPv6);
    CHECK(s.remoteEndPoint.addr.ipv6.addr[1] == 0x01);
    CHECK_EQ(RasHangUpW(h), 0);
    scenario(NULL);
}

static void test_credentials_in_scenario(void)
{
    RASDIALPARAMSW p;
    HRASCONN h;
    recorder r;
    scenario("[Office VPN]\nUser=alice\nPassword=s3cret\nDomain=CORP\n");
    dial_params(&p, "Office VPN");
    WSET(p.szUserName, "bob");
    WSET(p.szPassword, "s3cret");
    WSET(p.szDomain, "CORP");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), ERROR_AUTHENTICATION_FAILURE);
    check_status(h, RASCS_Authenticate, ERROR_AUTHENTICATION_FAILURE);
    CHECK_EQ(RasHangUpW(h), 0);
    WSET(p.szUserName, "ALICE");
    WSET(p.szDomain, "corp");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), 0);
    CHECK_EQ(RasHangUpW(h), 0);
    WSET(p.szPassword, "S3CRET");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), ERROR_AUTHENTICATION_FAILURE);
    CHECK_EQ(RasHangUpW(h), 0);
    /* async: the failure comes in RASCS_Authenticate after its entry */
    rec_init(&r);
    g_rec = &r;
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 1, (LPVOID)cb1, &h), 0);
    CHECK(rec_wait_count(&r, 7));
    CHECK_EQ(RasHangUpW(h), 0);
    CHECK(sim_conn_debug_wait_idle(TIMEOUT_MS));
    check_prefix(&r, 6);
    CHECK(r.n == 7 && r.ev[6].state == RASCS_Authenticate &&
          r.ev[6].err == ERROR_AUTHENTICATION_FAILURE);
    /* other entries accept anything (no [*]) */
    dial_params(&p, "Home Modem");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), 0);
    CHECK_EQ(RasHangUpW(h), 0);
    scenario(NULL);
}

/* ---- re-dial, dial in progress, drop ------------------------------------ */

static void test_refcount_and_in_progress(void)
{
    RASDIALPARAMSW p;
    HRASCONN h1, h2, h3 = (HRASCONN)(uintptr_t)1;
    recorder r;
    dial_params(&p, "Office VPN");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h1), 0);
    /* joining a connected entry: same handle, one Connected notification */
    rec_init(&r);
    g_rec = &r;
    dial_params(&p, "OFFICE VPN");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 1, (LPVOID)cb1, &h2), 0);
    CHECK(h1 == h2);
    CHECK(rec_wait_count(&r, 1));
    CHECK(r.ev[0].state == RASCS_Connected && r.ev[0].err == 0 && r.ev[0].h == h1);
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h3), 0); /* sync join */
    CHECK(h3 == h1);
    CHECK_EQ(RasHangUpW(h1), 0);
    check_status(h1, RASCS_Connected, 0);
    CHECK_EQ(RasHangUpW(h1), 0);
    check_status(h1, RASCS_Connected, 0);
    CHECK_EQ(RasHangUpW(h1), 0);
    CHECK_EQ(RasHangUpW(h1), ERROR_INVALID_HANDLE);
    CHECK(sim_conn_debug_wait_idle(TIMEOUT_MS));
    CHECK_EQ(r.n, 1);
    /* the same entry through another phonebook path is a different entry */
    write_file(P("copy.pbk"), k_pbk);
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h1), 0);
    CHECK_EQ(dial_fresh(NULL, W(P("copy.pbk")), &p, 0, NULL, &h2), 0);
    CHECK(h1 != h2);
    CHECK_EQ(RasHangUpW(h1), 0);
    CHECK_EQ(RasHangUpW(h2), 0);
    /* still dialling: ERROR_DIAL_ALREADY_IN_PROGRESS, no handle */
    scenario("[*]\nStateDelayMs=600000\n");
    rec_init(&r);
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 1, (LPVOID)cb1, &h1), 0);
    check_status(h1, RASCS_OpenPort, 0);
    h2 = (HRASCONN)(uintptr_t)1;
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h2), ERROR_DIAL_ALREADY_IN_PROGRESS);
    CHECK(h2 == NULL);
    /* a hang-up during a state delay ends the dial promptly */
    {
        uint64_t start = sim_now_ms();
        CHECK_EQ(RasHangUpW(h1), 0);
        CHECK(sim_conn_debug_wait_idle(TIMEOUT_MS));
        CHECK(sim_now_ms() - start < 10000);
    }
    CHECK(r.n <= 1);
    scenario(NULL);
}

static void sync_dial_job(job *j)
{
    RASDIALPARAMSW p;
    dial_params(&p, (const char *)j->arg);
    j->rc = dial_fresh(NULL, W(PBK), &p, 0, NULL, &j->h);
}

static void test_sync_dial_cancelled(void)
{
    job j;
    RASCONNW c;
    DWORD cb = sizeof c, count = 0;
    scenario("[*]\nStateDelayMs=600000\n");
    job_start(&j, sync_dial_job, (void *)"Home Modem", NULL);
    /* the connection shows up in the table while the sync dial waits */
    CHECK(sim_conn_debug_wait_count(1, TIMEOUT_MS));
    c.dwSize = sizeof c;
    CHECK_EQ(RasEnumConnectionsW(&c, &cb, &count), 0);
    CHECK_EQ(count, 1);
    CHECK_EQ(RasHangUpW(c.hrasconn), 0);
    CHECK(job_join(&j));
    CHECK_EQ(j.rc, ERROR_USER_DISCONNECTION);
    CHECK(j.h == c.hrasconn);
    scenario(NULL);
}

static void test_drop(void)
{
    RASDIALPARAMSW p;
    RASCONNW c;
    HRASCONN h;
    DWORD cb = sizeof c, count;
    recorder r;
    rec_init(&r);
    g_rec = &r;
    scenario("[*]\nDropAfterMs=1\n");
    dial_params(&p, "Office VPN");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 1, (LPVOID)cb1, &h), 0);
    CHECK(rec_wait_count(&r, 13));
    check_prefix(&r, 12);
    CHECK(r.ev[12].state == RASCS_Disconnected && r.ev[12].err == ERROR_DISCONNECTION);
    check_status(h, RASCS_Disconnected, ERROR_DISCONNECTION);
    c.dwSize = sizeof c;
    CHECK_EQ(RasEnumConnectionsW(&c, &cb, &count), 0);
    CHECK_EQ(count, 0);
    /* the entry can be dialled again while the dropped one awaits HangUp */
    {
        HRASCONN h2;
        scenario(NULL);
        CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h2), 0);
        CHECK(h2 != h);
        CHECK_EQ(RasHangUpW(h2), 0);
    }
    CHECK_EQ(RasHangUpW(h), 0);
    CHECK_EQ(RasHangUpW(h), ERROR_INVALID_HANDLE);
    /* custom error; a sync dial drops too */
    scenario("[*]\nDropAfterMs=0\nDropError=829\n");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), 0);
    CHECK(sim_conn_debug_wait_state(h, RASCS_Disconnected, TIMEOUT_MS));
    check_status(h, RASCS_Disconnected, 829);
    CHECK_EQ(RasHangUpW(h), 0);
    /* a RASDIALFUNC2 that returned 0 gets no Disconnected notification */
    rec_init(&r);
    r.ret2 = 0;
    p.dwCallbackId = (ULONG_PTR)&r;
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 2, (LPVOID)cb2, &h), 0);
    CHECK(sim_conn_debug_wait_state(h, RASCS_Disconnected, TIMEOUT_MS));
    CHECK_EQ(RasHangUpW(h), 0);
    CHECK(sim_conn_debug_wait_idle(TIMEOUT_MS));
    CHECK_EQ(r.n, 1);
    /* ... while one that keeps returning 1 does, like the window queue */
    rec_init(&r);
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 2, (LPVOID)cb2, &h), 0);
    CHECK(rec_wait_count(&r, 13));
    CHECK(r.ev[12].state == RASCS_Disconnected && r.ev[12].err == 829);
    CHECK_EQ(RasHangUpW(h), 0);
    scenario(NULL);
}

/* ---- hang-ups and notifications ----------------------------------------- */

static void test_hangup_inside_notification(void)
{
    RASDIALPARAMSW p;
    HRASCONN h;
    recorder r;
    rec_init(&r);
    g_rec = &r;
    r.hangup_at = RASCS_AuthNotify;
    dial_params(&p, "Office VPN");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 1, (LPVOID)cb1, &h), 0);
    CHECK(rec_wait_count(&r, 7));
    CHECK(sim_conn_debug_wait_idle(TIMEOUT_MS));
    CHECK_EQ(r.hangup_rc, 0);
    CHECK_EQ(r.status_rc, ERROR_INVALID_HANDLE);
    check_sequence(&r, 7);
    CHECK_EQ(RasHangUpW(h), ERROR_INVALID_HANDLE);
    /* ... also on a failure notification, and with RasSimReset */
    scenario("[*]\nFailState=Projected\n");
    rec_init(&r);
    r.reset_at = RASCS_Projected;
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 1, (LPVOID)cb1, &h), 0);
    CHECK(rec_wait_count(&r, 11));
    CHECK(sim_conn_debug_wait_idle(TIMEOUT_MS));
    CHECK_EQ(r.n, 11); /* the error notification never comes */
    CHECK_EQ(RasHangUpW(h), ERROR_INVALID_HANDLE);
    scenario(NULL);
}

static void hangup_job(job *j)
{
    recorder *r = (recorder *)j->arg;
    j->rc = RasHangUpW(j->h);
    /* RasHangUpW returned: the blocked notifier must have returned first */
    CHECK(r->returned);
}

static void test_hangup_waits_for_notifier(void)
{
    RASDIALPARAMSW p;
    HRASCONN h;
    recorder r;
    job j;
    rec_init(&r);
    g_rec = &r;
    r.block_at = RASCS_PortOpened;
    dial_params(&p, "Office VPN");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 1, (LPVOID)cb1, &h), 0);
    CHECK(rec_wait_blocked(&r));
    job_start(&j, hangup_job, &r, h);
    CHECK(sim_conn_debug_wait_blocked(1, TIMEOUT_MS));
    CHECK(!j.done);
    rec_release(&r);
    CHECK(job_join(&j));
    CHECK_EQ(j.rc, 0);
    CHECK(sim_conn_debug_wait_idle(TIMEOUT_MS));
    CHECK_EQ(r.n, 2); /* nothing after the notification that was running */
}

/* ---- concurrency -------------------------------------------------------- */

#define NTHREADS 8

typedef struct dialer {
    int index;
    recorder rec;
    HRASCONN h;
    DWORD rc;
    sim_mutex *m;
    sim_cond *c;
    int *connected; /* barrier: how many dialers are connected */
    int *go_hangup;
} dialer;

static const char *PBK_MANY;

static void dialer_job(job *j)
{
    dialer *d = (dialer *)j->arg;
    RASDIALPARAMSW p;
    char name[32];
    snprintf(name, sizeof name, "VPN %d", d->index);
    dial_params(&p, name);
    p.dwCallbackId = (ULONG_PTR)&d->rec;
    if (d->index % 2 == 0) {
        d->rc = dial_fresh(NULL, W(PBK_MANY), &p, 2, (LPVOID)cb2, &d->h);
        if (d->rc == 0 && !rec_wait_count(&d->rec, 12))
            d->rc = 9999;
    } else {
        d->rc = dial_fresh(NULL, W(PBK_MANY), &p, 0, NULL, &d->h);
    }
    sim_mutex_lock(d->m);
    (*d->connected)++;
    sim_cond_broadcast(d->c);
    while (!*d->go_hangup)
        sim_cond_wait(d->c, d->m);
    sim_mutex_unlock(d->m);
    if (d->rc == 0)
        d->rc = RasHangUpW(d->h);
}

typedef struct stop_flag {
    sim_mutex m;
    int stop;
} stop_flag;

static int stopped(stop_flag *f)
{
    int s;
    sim_mutex_lock(&f->m);
    s = f->stop;
    sim_mutex_unlock(&f->m);
    return s;
}

static void poller_job(job *j)
{
    stop_flag *flag = (stop_flag *)j->arg;
    RASCONNW conns[NTHREADS + 1];
    while (!stopped(flag)) {
        DWORD cb = sizeof conns, count = 0, i;
        conns[0].dwSize = sizeof conns[0];
        if (RasEnumConnectionsW(conns, &cb, &count) != 0)
            j->rc = 1;
        for (i = 0; i < count; i++) {
            RASCONNSTATUSW s;
            DWORD rc;
            s.dwSize = sizeof s;
            rc = RasGetConnectStatusW(conns[i].hrasconn, &s);
            if (rc != 0 && rc != ERROR_INVALID_HANDLE)
                j->rc = 2;
        }
    }
}

static void test_concurrency(void)
{
    static dialer d[NTHREADS];
    job jobs[NTHREADS], poller;
    sim_mutex m;
    sim_cond c;
    stop_flag flag;
    int connected = 0, go = 0, i;
    uint64_t end = sim_now_ms() + TIMEOUT_MS;
    RASCONNW conns[NTHREADS + 1];
    DWORD cb = sizeof conns, count;
    char text[1024] = "";
    for (i = 0; i < NTHREADS; i++)
        snprintf(text + strlen(text), sizeof text - strlen(text), "[VPN %d]\nDEVICE=vpn\n", i);
    write_file(P("many.pbk"), text);
    PBK_MANY = P("many.pbk");
    scenario("[*]\nStateDelayMs=2\n");
    sim_mutex_init(&m);
    sim_cond_init(&c);
    sim_mutex_init(&flag.m);
    flag.stop = 0;
    job_start(&poller, poller_job, &flag, NULL);
    for (i = 0; i < NTHREADS; i++) {
        d[i].index = i;
        rec_init(&d[i].rec);
        d[i].m = &m;
        d[i].c = &c;
        d[i].connected = &connected;
        d[i].go_hangup = &go;
        job_start(&jobs[i], dialer_job, &d[i], NULL);
    }
    sim_mutex_lock(&m);
    while (connected < NTHREADS && sim_now_ms() < end)
        sim_cond_wait_ms(&c, &m, TIMEOUT_MS);
    sim_mutex_unlock(&m);
    conns[0].dwSize = sizeof conns[0];
    CHECK_EQ(RasEnumConnectionsW(conns, &cb, &count), 0);
    CHECK_EQ(count, NTHREADS);
    for (i = 0; i < NTHREADS; i++) {
        CHECK_EQ(d[i].rc, 0);
        check_status(d[i].h, RASCS_Connected, 0);
        if (i % 2 == 0)
            check_sequence(&d[i].rec, 12);
    }
    sim_mutex_lock(&m);
    go = 1;
    sim_cond_broadcast(&c);
    sim_mutex_unlock(&m);
    for (i = 0; i < NTHREADS; i++) {
        CHECK(job_join(&jobs[i]));
        CHECK_EQ(d[i].rc, 0);
    }
    sim_mutex_lock(&flag.m);
    flag.stop = 1;
    sim_mutex_unlock(&flag.m);
    CHECK(job_join(&poller));
    CHECK_EQ(poller.rc, 0);
    cb = sizeof conns;
    CHECK_EQ(RasEnumConnectionsW(conns, &cb, &count), 0);
    CHECK_EQ(count, 0);
    scenario(NULL);
}

static void test_reset(void)
{
    RASDIALPARAMSW p;
    HRASCONN h1, h2;
    recorder r;
    DWORD cb = 0, count;
    rec_init(&r);
    g_rec = &r;
    dial_params(&p, "Office VPN");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h1), 0);
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h1), 0); /* two references */
    scenario("[*]\nStateDelayMs=600000\n");
    dial_params(&p, "Home Modem");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 1, (LPVOID)cb1, &h2), 0);
    RasSimReset();
    CHECK_EQ(RasEnumConnectionsW(NULL, &cb, &count), 0);
    CHECK_EQ(count, 0);
    CHECK_EQ(RasHangUpW(h1), ERROR_INVALID_HANDLE);
    CHECK_EQ(RasHangUpW(h2), ERROR_INVALID_HANDLE);
    CHECK(sim_conn_debug_wait_idle(TIMEOUT_MS));
    CHECK(r.n <= 1);
    scenario(NULL);
}

/* ---- saved dial parameters ---------------------------------------------- */

static void get_params(RASDIALPARAMSW *p, const char *entry, DWORD expect, BOOL *has_pw)
{
    memset(p, 0x55, sizeof *p);
    p->dwSize = sizeof *p;
    WSET(p->szEntryName, entry);
    CHECK_EQ(RasGetEntryDialParamsW(W(PBK), p, has_pw), expect);
}

static void test_dial_params(void)
{
    RASDIALPARAMSW p;
    BOOL has_pw = 7;
    HRASCONN h;
    char *store;
    const char *cred = P("rasphone.pbk.cred");
    /* nothing saved yet */
    get_params(&p, "office vpn", 0, &has_pw);
    CHECK_EQ(has_pw, FALSE);
    CHECK(weq(p.szEntryName, "office vpn"));
    CHECK(weq(p.szPhoneNumber, "") && weq(p.szUserName, "") && weq(p.szPassword, ""));
    CHECK(weq(p.szDomain, "") && weq(p.szCallbackNumber, ""));
    /* save and read back: the password comes back as the handle */
    dial_params(&p, "Office VPN");
    WSET(p.szUserName, "alice");
    WSET(p.szPassword, "pa=ss\xC3\xA9");
    WSET(p.szDomain, "CORP");
    WSET(p.szCallbackNumber, "555");
    CHECK_EQ(RasSetEntryDialParamsW(W(PBK), &p, FALSE), 0);
    get_params(&p, "OFFICE VPN", 0, &has_pw);
    CHECK_EQ(has_pw, TRUE);
    CHECK(weq(p.szUserName, "alice") && weq(p.szDomain, "CORP"));
    CHECK(weq(p.szPassword, "****************"));
    CHECK(weq(p.szCallbackNumber, "555") && weq(p.szPhoneNumber, ""));
    store = read_text(cred, NULL);
    CHECK(store != NULL && strstr(store, "alice") == NULL && strstr(store, "[Office VPN]") != NULL);
    free(store);
    /* dial with the saved credentials, and with the password handle */
    scenario("[*]\nUser=alice\nPassword=pa=ss\xC3\xA9\nDomain=corp\n");
    dial_params(&p, "Office VPN");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), 0);
    CHECK_EQ(RasHangUpW(h), 0);
    WSET(p.szUserName, "alice");
    WSET(p.szPassword, "****************");
    WSET(p.szDomain, "*");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), 0);
    CHECK_EQ(RasHangUpW(h), 0);
    /* setting with the handle keeps the password; empty fields change nothing */
    dial_params(&p, "Office VPN");
    WSET(p.szUserName, "alice");
    WSET(p.szPassword, "****************");
    CHECK_EQ(RasSetEntryDialParamsW(W(PBK), &p, FALSE), 0);
    dial_params(&p, "Office VPN");
    CHECK_EQ(RasSetEntryDialParamsW(W(PBK), &p, FALSE), 0);
    dial_params(&p, "Office VPN");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), 0);
    CHECK_EQ(RasHangUpW(h), 0);
    get_params(&p, "Office VPN", 0, &has_pw);
    CHECK(has_pw == TRUE && weq(p.szUserName, "alice") && weq(p.szDomain, "CORP"));
    /* fRemovePassword removes it */
    dial_params(&p, "Office VPN");
    CHECK_EQ(RasSetEntryDialParamsW(W(PBK), &p, TRUE), 0);
    get_params(&p, "Office VPN", 0, &has_pw);
    CHECK(has_pw == FALSE && weq(p.szPassword, "") && weq(p.szUserName, "alice"));
    dial_params(&p, "Office VPN");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), ERROR_AUTHENTICATION_FAILURE);
    CHECK_EQ(RasHangUpW(h), 0);
    /* an empty password with a user name is saved as empty */
    dial_params(&p, "Office VPN");
    WSET(p.szUserName, "bob");
    CHECK_EQ(RasSetEntryDialParamsW(W(PBK), &p, FALSE), 0);
    get_params(&p, "Office VPN", 0, &has_pw);
    CHECK(has_pw == TRUE && weq(p.szUserName, "bob"));
    scenario(NULL);
    /* older structure versions */
    {
        unsigned char raw[sizeof(RASDIALPARAMSW) + 8];
        DWORD old = (DWORD)offsetof(RASDIALPARAMSW, dwSubEntry);
        memset(raw, 0xAB, sizeof raw);
        dial_params(&p, "Office VPN");
        p.dwSize = old;
        memcpy(raw, &p, old);
        CHECK_EQ(RasGetEntryDialParamsW(W(PBK), (LPRASDIALPARAMSW)(void *)raw, &has_pw), 0);
        CHECK_EQ(raw[old], 0xAB);
        CHECK_EQ(RasSetEntryDialParamsW(W(PBK), (LPRASDIALPARAMSW)(void *)raw, FALSE), 0);
    }
    /* errors */
    CHECK_EQ(RasGetEntryDialParamsW(W(PBK), NULL, &has_pw), ERROR_BUFFER_INVALID);
    CHECK_EQ(RasGetEntryDialParamsW(W(PBK), &p, NULL), ERROR_BUFFER_INVALID);
    CHECK_EQ(RasSetEntryDialParamsW(W(PBK), NULL, FALSE), ERROR_BUFFER_INVALID);
    dial_params(&p, "Office VPN");
    p.dwSize = 12;
    CHECK_EQ(RasGetEntryDialParamsW(W(PBK), &p, &has_pw), ERROR_INVALID_SIZE);
    CHECK_EQ(RasSetEntryDialParamsW(W(PBK), &p, FALSE), ERROR_INVALID_SIZE);
    dial_params(&p, "Nobody");
    CHECK_EQ(RasGetEntryDialParamsW(W(PBK), &p, &has_pw), ERROR_CANNOT_FIND_PHONEBOOK_ENTRY);
    CHECK_EQ(RasSetEntryDialParamsW(W(PBK), &p, FALSE), ERROR_CANNOT_FIND_PHONEBOOK_ENTRY);
    CHECK_EQ(RasGetEntryDialParamsW(W(P("missing.pbk")), &p, &has_pw), ERROR_CANNOT_OPEN_PHONEBOOK);
    CHECK_EQ(RasSetEntryDialParamsW(W(P("missing.pbk")), &p, FALSE), ERROR_CANNOT_OPEN_PHONEBOOK);
    memset(p.szEntryName, 'x', sizeof p.szEntryName);
    CHECK_EQ(RasGetEntryDialParamsW(W(PBK), &p, &has_pw), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasSetEntryDialParamsW(W(PBK), &p, FALSE), ERROR_INVALID_PARAMETER);
    /* a store that cannot be read */
    remove_tree(cred);
    make_dir(cred);
    dial_params(&p, "Office VPN");
    CHECK_EQ(RasGetEntryDialParamsW(W(PBK), &p, &has_pw), ERROR_CANNOT_OPEN_PHONEBOOK);
    CHECK_EQ(RasSetEntryDialParamsW(W(PBK), &p, FALSE), ERROR_CANNOT_OPEN_PHONEBOOK);
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), ERROR_CANNOT_OPEN_PHONEBOOK);
    remove_tree(cred);
    write_file(cred, "[Office VPN]\nUser=xyz\n"); /* not hex */
    CHECK_EQ(RasGetEntryDialParamsW(W(PBK), &p, &has_pw), ERROR_CANNOT_OPEN_PHONEBOOK);
    remove_tree(cred);
#ifndef _WIN32
    if (!running_as_root()) {
        /* a store that cannot be written */
        make_dir(P("ro"));
        write_file(P("ro/r.pbk"), "[E]\n");
        chmod(P("ro"), 0500);
        dial_params(&p, "E");
        WSET(p.szUserName, "u");
        CHECK_EQ(RasSetEntryDialParamsW(W(P("ro/r.pbk")), &p, FALSE), ERROR_CANNOT_WRITE_PHONEBOOK);
        chmod(P("ro"), 0700);
    }
#endif
}

/* ---- EAP identity ------------------------------------------------------- */

static void test_eap(void)
{
    LPRASEAPUSERIDENTITYW id = (LPRASEAPUSERIDENTITYW)(uintptr_t)1;
    RASDIALPARAMSW p;
    const char *eap = "B\xC3\xBCro EAP";
    CHECK_EQ(RasGetEapUserIdentityW(W(PBK), W("Office VPN"), 0, NULL, &id),
             ERROR_INVALID_FUNCTION_FOR_ENTRY);
    CHECK(id == NULL);
    CHECK_EQ(RasGetEapUserIdentityW(W(PBK), W("Plain"), 0, NULL, &id),
             ERROR_INVALID_FUNCTION_FOR_ENTRY);
    CHECK_EQ(RasGetEapUserIdentityW(W(PBK), W(eap), RASEAPF_NonInteractive, NULL, &id),
             ERROR_INTERACTIVE_MODE);
    CHECK_EQ(RasGetEapUserIdentityW(W(PBK), W(eap), 0, NULL, &id), ERROR_INTERACTIVE_MODE);
    CHECK_EQ(RasGetEapUserIdentityW(W(PBK), W(eap), 0, NULL, NULL), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasGetEapUserIdentityW(W(PBK), NULL, 0, NULL, &id), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasGetEapUserIdentityW(W(PBK), W("Nobody"), 0, NULL, &id),
             ERROR_CANNOT_FIND_PHONEBOOK_ENTRY);
    CHECK_EQ(RasGetEapUserIdentityW(W(P("missing.pbk")), W(eap), 0, NULL, &id),
             ERROR_CANNOT_OPEN_PHONEBOOK);
    /* from the saved user name */
    dial_params(&p, eap);
    WSET(p.szUserName, "carol");
    CHECK_EQ(RasSetEntryDialParamsW(W(PBK), &p, FALSE), 0);
    CHECK_EQ(RasGetEapUserIdentityW(W(PBK), W("b\xC3\xBCRO eap"), RASEAPF_NonInteractive, NULL, &id), 0);
    CHECK(id != NULL && weq(id->szUserName, "carol") && id->dwSizeofEapInfo == 0);
    RasFreeEapUserIdentityW(id);
    /* from the scenario */
    scenario("[b\xC3\xBCro eap]\nEapUser=dave@example.com\nEapInfo=0102FF\n");
    CHECK_EQ(RasGetEapUserIdentityW(W(PBK), W(eap), 0, NULL, &id), 0);
    CHECK(id != NULL && weq(id->szUserName, "dave@example.com"));
    CHECK(id != NULL && id->dwSizeofEapInfo == 3 && id->pbEapInfo[0] == 1 && id->pbEapInfo[2] == 0xFF);
    RasFreeEapUserIdentityW(id);
    scenario("[*]\nEapUser=bad\nBogus=1\n");
    CHECK_EQ(RasGetEapUserIdentityW(W(PBK), W(eap), 0, NULL, &id), ERROR_BAD_USAGE_IN_INI_FILE);
    scenario(NULL);
    RasFreeEapUserIdentityW(NULL);
    remove_tree(P("rasphone.pbk.cred"));
}

/* ---- phonebook dialogs -------------------------------------------------- */

static void test_dialogs(void)
{
    char *before = read_text(PBK, NULL), *after;
    CHECK_EQ(RasCreatePhonebookEntryW(NULL, W(PBK)), 0);
    CHECK_EQ(RasCreatePhonebookEntryW((HWND)(uintptr_t)0x42, NULL), 0);
    CHECK_EQ(RasCreatePhonebookEntryW(NULL, W(P("missing.pbk"))), ERROR_CANNOT_OPEN_PHONEBOOK);
    CHECK_EQ(RasEditPhonebookEntryW(NULL, W(PBK), W("home modem")), 0);
    CHECK_EQ(RasEditPhonebookEntryW(NULL, W(PBK), W("Nobody")), ERROR_CANNOT_FIND_PHONEBOOK_ENTRY);
    CHECK_EQ(RasEditPhonebookEntryW(NULL, W(PBK), NULL), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasEditPhonebookEntryW(NULL, W(P("missing.pbk")), W("x")), ERROR_CANNOT_OPEN_PHONEBOOK);
    after = read_text(PBK, NULL);
    CHECK(before != NULL && after != NULL && strcmp(before, after) == 0);
    free(before);
    free(after);
}

/* ---- RasEnumDevicesW ---------------------------------------------------- */

static const struct {
    const char *type, *name;
} k_devices[] = {
    {"vpn", "WAN Miniport (SSTP)"},   {"vpn", "WAN Miniport (IKEv2)"},
    {"vpn", "WAN Miniport (L2TP)"},   {"vpn", "WAN Miniport (PPTP)"},
    {"PPPoE", "WAN Miniport (PPPOE)"}, {"modem", "Standard 56000 bps Modem"},
};

#define NDEV SIM_COUNTOF(k_devices)

static void test_rasdt_constants(void)
{
    const WCHAR *const values[] = {
        RASDT_Modem, RASDT_Isdn,  RASDT_X25,  RASDT_Vpn,  RASDT_Pad,     RASDT_Generic,
        RASDT_Serial, RASDT_FrameRelay, RASDT_Atm, RASDT_Sonet, RASDT_SW56, RASDT_Irda,
        RASDT_Parallel, RASDT_PPPoE,
    };
    static const char *const expect[] = {
        "modem", "isdn", "x25", "vpn", "pad", "GENERIC", "SERIAL", "FRAMERELAY",
        "ATM", "SONET", "SW56", "IRDA", "PARALLEL", "PPPoE",
    };
    size_t i;
    CHECK_EQ(SIM_COUNTOF(values), SIM_COUNTOF(expect));
    for (i = 0; i < SIM_COUNTOF(values); i++)
        CHECK(weq(values[i], expect[i]));
    CHECK_EQ(sizeof(RASDEVINFOW), 4 + 2 * (RAS_MaxDeviceType + 1 + RAS_MaxDeviceName + 1));
    CHECK_EQ(sizeof(RAS_STATS), 15 * sizeof(DWORD));
}

static void test_enum_devices(void)
{
    static RASDEVINFOW devs[NDEV + 1];
    const DWORD need = (DWORD)(NDEV * sizeof(RASDEVINFOW));
    const DWORD bad_sizes[] = {0, sizeof(RASDEVINFOW) - 1, sizeof(RASDEVINFOW) + 1, 4};
    DWORD cb, count;
    size_t i;
    test_rasdt_constants();
    /* NULL pointers */
    count = 0xDEADBEEF;
    cb = need;
    devs[0].dwSize = sizeof devs[0];
    CHECK_EQ(RasEnumDevicesW(devs, NULL, &count), ERROR_INVALID_PARAMETER);
    CHECK_EQ(count, 0xDEADBEEF);
    CHECK_EQ(RasEnumDevicesW(devs, &cb, NULL), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasEnumDevicesW(NULL, NULL, &count), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasEnumDevicesW(NULL, &cb, NULL), ERROR_INVALID_PARAMETER);
    CHECK_EQ(count, 0xDEADBEEF);
    CHECK_EQ(cb, need);
    /* a NULL buffer is a size query whatever *lpcb says */
    cb = 0;
    CHECK_EQ(RasEnumDevicesW(NULL, &cb, &count), ERROR_BUFFER_TOO_SMALL);
    CHECK_EQ(cb, need);
    CHECK_EQ(count, NDEV);
    cb = 0xFFFFFFFFu;
    count = 0;
    CHECK_EQ(RasEnumDevicesW(NULL, &cb, &count), ERROR_BUFFER_TOO_SMALL);
    CHECK_EQ(cb, need);
    CHECK_EQ(count, NDEV);
    /* dwSize: exactly sizeof(RASDEVINFOW); checked before the buffer size */
    for (i = 0; i < SIM_COUNTOF(bad_sizes); i++) {
        devs[0].dwSize = bad_sizes[i];
        cb = i == 0 ? 0 : need;
        count = 0xDEADBEEF;
        CHECK_EQ(RasEnumDevicesW(devs, &cb, &count), ERROR_INVALID_SIZE);
        CHECK_EQ(count, 0xDEADBEEF);
        CHECK_EQ(cb, i == 0 ? 0 : need);
    }
    /* smaller than one element: the size, but no count */
    devs[0].dwSize = sizeof devs[0];
    cb = 0;
    count = 0xDEADBEEF;
    CHECK_EQ(RasEnumDevicesW(devs, &cb, &count), ERROR_BUFFER_TOO_SMALL);
    CHECK_EQ(cb, need);
    CHECK_EQ(count, 0xDEADBEEF);
    cb = sizeof(RASDEVINFOW) - 1;
    CHECK_EQ(RasEnumDevicesW(devs, &cb, &count), ERROR_BUFFER_TOO_SMALL);
    CHECK_EQ(count, 0xDEADBEEF);
    /* room for some but not all */
    cb = need - 1;
    CHECK_EQ(RasEnumDevicesW(devs, &cb, &count), ERROR_BUFFER_TOO_SMALL);
    CHECK_EQ(cb, need);
    CHECK_EQ(count, NDEV);
    /* enough: the list, and nothing written past it */
    memset(devs, 0xAB, sizeof devs);
    devs[0].dwSize = sizeof devs[0];
    cb = sizeof devs;
    count = 0;
    CHECK_EQ(RasEnumDevicesW(devs, &cb, &count), 0);
    CHECK_EQ(cb, need);
    CHECK_EQ(count, NDEV);
    for (i = 0; i < NDEV; i++) {
        CHECK_EQ(devs[i].dwSize, sizeof(RASDEVINFOW));
        CHECK(weq(devs[i].szDeviceType, k_devices[i].type));
        CHECK(weq(devs[i].szDeviceName, k_devices[i].name));
        CHECK_EQ(devs[i].szDeviceName[RAS_MaxDeviceName], 0);
    }
    CHECK_EQ(devs[NDEV].dwSize, 0xABABABABu);
    cb = need;
    CHECK_EQ(RasEnumDevicesW(devs, &cb, &count), 0);
    CHECK_EQ(cb, need);
}

/* ---- statistics --------------------------------------------------------- */

/* Exact rates: 1000 bytes out and 3000 in per millisecond. */
static const char k_stats_scenario[] =
    "[*]\nBytesPerSecondOut=1000000\nBytesPerSecondIn=3000000\nBps=54000\n";

/* Connection statistics (sub 0) or those of link sub. */
static DWORD read_stats(HRASCONN h, DWORD sub, RAS_STATS *s)
{
    memset(s, 0x5A, sizeof *s);
    s->dwSize = sizeof *s;
    return sub == 0 ? RasGetConnectionStatistics(h, s) : RasGetLinkStatistics(h, sub, s);
}

/* Polls until dwConnectDuration reaches ms (or the deadline); the last
 * reading is left in *s.  Non-zero when reached. */
static int wait_duration(HRASCONN h, DWORD sub, DWORD ms, RAS_STATS *s)
{
    uint64_t end = sim_now_ms() + TIMEOUT_MS;
    for (;;) {
        if (read_stats(h, sub, s) != 0)
            return 0;
        if (s->dwConnectDuration >= ms)
            return 1;
        if (sim_now_ms() >= end)
            return 0;
        sim_sleep_ms(1);
    }
}

/* Everything but the byte counters is fixed by the rates. */
static int stats_consistent(const RAS_STATS *s, DWORD bps)
{
    return s->dwSize == sizeof *s && s->dwBytesRcved == 3 * s->dwBytesXmited &&
           s->dwBytesXmited % 1000 == 0 && s->dwFramesXmited == s->dwBytesXmited / 1500 &&
           s->dwFramesRcved == s->dwBytesRcved / 1500 && s->dwCrcErr == 0 &&
           s->dwTimeoutErr == 0 && s->dwAlignmentErr == 0 && s->dwHardwareOverrunErr == 0 &&
           s->dwFramingErr == 0 && s->dwBufferOverrunErr == 0 &&
           s->dwCompressionRatioIn == 0 && s->dwCompressionRatioOut == 0 && s->dwBps == bps &&
           s->dwBytesXmited <= 1000ull * s->dwConnectDuration;
}

static int stats_zero(const RAS_STATS *s)
{
    RAS_STATS z;
    memset(&z, 0, sizeof z);
    z.dwSize = sizeof z;
    return memcmp(s, &z, sizeof z) == 0;
}

static void test_stats_errors(void)
{
    RASDIALPARAMSW p;
    RAS_STATS s;
    HRASCONN h, bogus = (HRASCONN)(uintptr_t)0x7770;
    const DWORD bad_sizes[] = {0, sizeof(RAS_STATS) - 4, sizeof(RAS_STATS) + 4, 1};
    size_t i;
    dial_params(&p, "Office VPN");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), 0);
    /* NULL structure, bad sizes: before the handle is looked at */
    CHECK_EQ(RasGetConnectionStatistics(h, NULL), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasGetConnectionStatistics(bogus, NULL), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasGetLinkStatistics(h, 1, NULL), ERROR_INVALID_PARAMETER);
    for (i = 0; i < SIM_COUNTOF(bad_sizes); i++) {
        memset(&s, 0x5A, sizeof s);
        s.dwSize = bad_sizes[i];
        CHECK_EQ(RasGetConnectionStatistics(h, &s), ERROR_INVALID_SIZE);
        CHECK_EQ(RasGetConnectionStatistics(bogus, &s), ERROR_INVALID_SIZE);
        CHECK_EQ(RasGetLinkStatistics(h, 1, &s), ERROR_INVALID_SIZE);
        CHECK_EQ(s.dwBytesXmited, 0x5A5A5A5Au);
    }
    /* handles */
    CHECK_EQ(read_stats(bogus, 0, &s), ERROR_INVALID_HANDLE);
    CHECK_EQ(read_stats(NULL, 0, &s), ERROR_INVALID_HANDLE);
    CHECK_EQ(read_stats(bogus, 1, &s), ERROR_INVALID_HANDLE);
    CHECK_EQ(read_stats(bogus, 2, &s), ERROR_INVALID_HANDLE);
    CHECK_EQ(RasClearConnectionStatistics(bogus), ERROR_INVALID_HANDLE);
    CHECK_EQ(RasClearConnectionStatistics(NULL), ERROR_INVALID_HANDLE);
    CHECK_EQ(RasClearLinkStatistics(bogus, 1), ERROR_INVALID_HANDLE);
    /* sub-entries: 0 is invalid, only 1 exists */
    CHECK_EQ(read_stats(h, 0, &s), 0);
    CHECK_EQ(read_stats(h, 1, &s), 0);
    CHECK_EQ(RasGetLinkStatistics(h, 0, &s), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasGetLinkStatistics(bogus, 0, &s), ERROR_INVALID_PARAMETER);
    CHECK_EQ(read_stats(h, 2, &s), ERROR_NO_CONNECTION);
    CHECK_EQ(read_stats(h, 0xFFFFFFFFu, &s), ERROR_NO_CONNECTION);
    CHECK_EQ(RasClearLinkStatistics(h, 0), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasClearLinkStatistics(bogus, 0), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasClearLinkStatistics(h, 2), ERROR_NO_CONNECTION);
    CHECK_EQ(RasClearLinkStatistics(h, 1), 0);
    CHECK_EQ(RasClearConnectionStatistics(h), 0);
    /* a hung-up handle is gone */
    CHECK_EQ(RasHangUpW(h), 0);
    CHECK_EQ(read_stats(h, 0, &s), ERROR_INVALID_HANDLE);
    CHECK_EQ(read_stats(h, 1, &s), ERROR_INVALID_HANDLE);
    CHECK_EQ(RasClearConnectionStatistics(h), ERROR_INVALID_HANDLE);
    CHECK_EQ(RasClearLinkStatistics(h, 1), ERROR_INVALID_HANDLE);
}

/* Counters grow, Clear restarts them (either function clears both), the
 * duration goes on. */
static void test_stats_counters(void)
{
    RASDIALPARAMSW p;
    RAS_STATS s1, s2, s3, l;
    HRASCONN h, h2;
    scenario(k_stats_scenario);
    dial_params(&p, "Office VPN");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), 0);
    /* never cleared: exactly the rates times the duration */
    CHECK_EQ(read_stats(h, 0, &s1), 0);
    CHECK(stats_consistent(&s1, 54000));
    CHECK_EQ(s1.dwBytesXmited, 1000ull * s1.dwConnectDuration);
    /* growing */
    CHECK(wait_duration(h, 0, s1.dwConnectDuration + 200, &s2));
    CHECK(stats_consistent(&s2, 54000));
    CHECK_EQ(s2.dwBytesXmited, 1000ull * s2.dwConnectDuration);
    CHECK(s2.dwBytesXmited >= s1.dwBytesXmited + 200000);
    CHECK(s2.dwFramesRcved > s1.dwFramesRcved);
    /* the link is the connection */
    CHECK_EQ(read_stats(h, 1, &l), 0);
    CHECK(stats_consistent(&l, 54000));
    CHECK_EQ(l.dwBytesXmited, 1000ull * l.dwConnectDuration);
    CHECK(l.dwConnectDuration >= s2.dwConnectDuration);
    /* a clear restarts the counters but not the duration: at most the time
     * since the reading before the clear has been counted */
    CHECK_EQ(RasClearConnectionStatistics(h), 0);
    CHECK_EQ(read_stats(h, 0, &s3), 0);
    CHECK(stats_consistent(&s3, 54000));
    CHECK(s3.dwConnectDuration >= l.dwConnectDuration);
    CHECK(s3.dwBytesXmited <= 1000ull * (s3.dwConnectDuration - l.dwConnectDuration));
    CHECK(s3.dwBytesXmited < 1000ull * s3.dwConnectDuration);
    CHECK_EQ(read_stats(h, 1, &l), 0);
    CHECK(l.dwBytesXmited <= 1000ull * (l.dwConnectDuration - s2.dwConnectDuration));
    /* and grows again */
    CHECK(wait_duration(h, 1, l.dwConnectDuration + 200, &s2));
    CHECK(s2.dwBytesXmited >= l.dwBytesXmited + 200000);
    /* clearing the link clears the connection */
    CHECK_EQ(RasClearLinkStatistics(h, 1), 0);
    CHECK_EQ(read_stats(h, 0, &s3), 0);
    CHECK(stats_consistent(&s3, 54000));
    CHECK(s3.dwConnectDuration >= s2.dwConnectDuration);
    CHECK(s3.dwBytesXmited <= 1000ull * (s3.dwConnectDuration - s2.dwConnectDuration));
    /* a re-dial of the entry joins the connection: same counters */
    scenario(NULL);
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h2), 0);
    CHECK(h2 == h);
    CHECK_EQ(read_stats(h2, 0, &s1), 0);
    CHECK(stats_consistent(&s1, 54000));
    CHECK(s1.dwConnectDuration >= s3.dwConnectDuration);
    CHECK_EQ(RasHangUpW(h), 0);
    CHECK_EQ(RasHangUpW(h), 0);
    /* the default rates: 12500 bytes/s out, 125000 in, 100 Mbit/s */
    dial_params(&p, "Home Modem");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), 0);
    CHECK(wait_duration(h, 0, 80, &s1));
    CHECK_EQ(s1.dwBytesXmited, 12500ull * s1.dwConnectDuration / 1000);
    CHECK_EQ(s1.dwBytesRcved, 125ull * s1.dwConnectDuration);
    CHECK_EQ(s1.dwFramesRcved, s1.dwBytesRcved / 1500);
    CHECK_EQ(s1.dwBps, 100000000u);
    CHECK_EQ(RasHangUpW(h), 0);
    /* zero rates count nothing */
    scenario("[*]\nBytesPerSecondOut=0\nBytesPerSecondIn=0\nBps=0\n");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), 0);
    CHECK(wait_duration(h, 0, 20, &s1));
    CHECK(s1.dwBytesXmited == 0 && s1.dwBytesRcved == 0 && s1.dwFramesXmited == 0);
    CHECK_EQ(s1.dwBps, 0);
    CHECK_EQ(RasHangUpW(h), 0);
    scenario(NULL);
}

/* Dialling: zeros (and Clear succeeds); failed or dropped: no link. */
static void test_stats_states(void)
{
    RASDIALPARAMSW p;
    RAS_STATS s;
    HRASCONN h;
    recorder r;
    rec_init(&r);
    g_rec = &r;
    dial_params(&p, "Office VPN");
    scenario("[*]\nStateDelayMs=600000\n");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 1, (LPVOID)cb1, &h), 0);
    CHECK(rec_wait_count(&r, 1));
    CHECK_EQ(read_stats(h, 0, &s), 0);
    CHECK(stats_zero(&s));
    CHECK_EQ(read_stats(h, 1, &s), 0);
    CHECK(stats_zero(&s));
    CHECK_EQ(read_stats(h, 2, &s), ERROR_NO_CONNECTION);
    CHECK_EQ(RasClearConnectionStatistics(h), 0);
    CHECK_EQ(RasClearLinkStatistics(h, 1), 0);
    CHECK_EQ(RasHangUpW(h), 0);
    /* a failed dial, not yet hung up */
    scenario("[*]\nFailState=Authenticate\n");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), ERROR_FROM_DEVICE);
    CHECK_EQ(read_stats(h, 0, &s), ERROR_NO_CONNECTION);
    CHECK_EQ(read_stats(h, 1, &s), ERROR_NO_CONNECTION);
    CHECK_EQ(RasClearConnectionStatistics(h), ERROR_NO_CONNECTION);
    CHECK_EQ(RasClearLinkStatistics(h, 1), ERROR_NO_CONNECTION);
    CHECK_EQ(RasHangUpW(h), 0);
    /* a dropped link, not yet hung up */
    scenario("[*]\nDropAfterMs=0\n");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), 0);
    CHECK(sim_conn_debug_wait_state(h, RASCS_Disconnected, TIMEOUT_MS));
    CHECK_EQ(read_stats(h, 0, &s), ERROR_NO_CONNECTION);
    CHECK_EQ(read_stats(h, 1, &s), ERROR_NO_CONNECTION);
    CHECK_EQ(RasClearConnectionStatistics(h), ERROR_NO_CONNECTION);
    CHECK_EQ(RasClearLinkStatistics(h, 1), ERROR_NO_CONNECTION);
    CHECK_EQ(RasHangUpW(h), 0);
    CHECK_EQ(read_stats(h, 0, &s), ERROR_INVALID_HANDLE);
    scenario(NULL);
}

#define STATS_DIALS 25

typedef struct stats_dialer {
    int index;
    const char *pbk;
    DWORD failures;
} stats_dialer;

/* Dials, reads, clears and hangs up its own entry, over and over. */
static void stats_dialer_job(job *j)
{
    stats_dialer *d = (stats_dialer *)j->arg;
    RASDIALPARAMSW p;
    RAS_STATS s;
    HRASCONN h;
    char name[32];
    int i;
    snprintf(name, sizeof name, "VPN %d", d->index);
    for (i = 0; i < STATS_DIALS; i++) {
        dial_params(&p, name);
        if (dial_fresh(NULL, W(d->pbk), &p, 0, NULL, &h) != 0) {
            d->failures++;
            continue;
        }
        d->failures += read_stats(h, (DWORD)(i % 2), &s) != 0 || !stats_consistent(&s, 54000);
        d->failures += (i % 2 ? RasClearLinkStatistics(h, 1) : RasClearConnectionStatistics(h)) != 0;
        d->failures += RasHangUpW(h) != 0;
    }
}

/* Reads and clears the statistics of every listed connection until told
 * to stop; rc counts unexpected answers. */
static void stats_poller_job(job *j)
{
    stop_flag *flag = (stop_flag *)j->arg;
    RASCONNW conns[NTHREADS + 1];
    unsigned round = 0;
    while (!stopped(flag)) {
        DWORD cb = sizeof conns, count = 0, i, rc;
        conns[0].dwSize = sizeof conns[0];
        if (RasEnumConnectionsW(conns, &cb, &count) != 0)
            j->rc++;
        for (i = 0; i < count; i++, round++) {
            RAS_STATS s;
            rc = read_stats(conns[i].hrasconn, round % 2, &s);
            if (rc == 0 && !stats_consistent(&s, 54000) && !stats_zero(&s))
                j->rc++;
            if (rc != 0 && rc != ERROR_INVALID_HANDLE)
                j->rc++;
            rc = round % 3 == 0 ? RasClearConnectionStatistics(conns[i].hrasconn)
                                : RasClearLinkStatistics(conns[i].hrasconn, 1);
            if (rc != 0 && rc != ERROR_INVALID_HANDLE)
                j->rc++;
        }
    }
}

/* ---- entry properties (entryprops.c) ---------------------------------------- */

static void test_entry_properties(void)
{
    static RASENTRYW e, e2;
    static unsigned char big[sizeof(RASENTRYW) + 256];
    static const DWORD versions[] = {RASX_ENTRYW_SIZE_XP, RASX_ENTRYW_SIZE_VISTA,
                                     RASX_ENTRYW_SIZE_WIN7, RASX_ENTRYW_SIZE_WIN8};
    RASSUBENTRYW s;
    DWORD cb, dev, need, off;
    size_t i;
    /* NULL size pointer; size query; small buffer gets the needed size */
    CHECK_EQ(RasGetEntryPropertiesW(NULL, W("Office VPN"), NULL, NULL, NULL, NULL),
             ERROR_INVALID_PARAMETER);
    cb = 0;
    CHECK_EQ(RasGetEntryPropertiesW(NULL, W("Office VPN"), NULL, &cb, NULL, NULL),
             ERROR_BUFFER_TOO_SMALL);
    CHECK_EQ(cb, sizeof(RASENTRYW));
    memset(&e, 0, sizeof e);
    e.dwSize = sizeof e;
    cb = sizeof e - 1;
    CHECK_EQ(RasGetEntryPropertiesW(NULL, W("Office VPN"), &e, &cb, NULL, NULL),
             ERROR_BUFFER_TOO_SMALL);
    CHECK_EQ(cb, sizeof e);
    /* bad dwSize, unknown entry, unreadable phonebook */
    e.dwSize = RASX_ENTRYW_SIZE_XP + 4;
    CHECK_EQ(RasGetEntryPropertiesW(NULL, W("Office VPN"), &e, &cb, NULL, NULL),
             ERROR_INVALID_SIZE);
    e.dwSize = sizeof e;
    cb = sizeof e;
    CHECK_EQ(RasGetEntryPropertiesW(NULL, W("Nope"), &e, &cb, NULL, NULL),
             ERROR_CANNOT_FIND_PHONEBOOK_ENTRY);
    CHECK_EQ(RasGetEntryPropertiesW(W(P("missing.pbk")), W("Office VPN"), &e, &cb, NULL, NULL),
             ERROR_CANNOT_OPEN_PHONEBOOK);
    /* every version; the device-info size is answered 0 */
    for (i = 0; i < SIM_COUNTOF(versions); i++) {
        memset(&e, 0xAB, sizeof e);
        e.dwSize = versions[i];
        cb = sizeof e;
        dev = 77;
        CHECK_EQ(RasGetEntryPropertiesW(NULL, W("Office VPN"), &e, &cb, NULL, &dev), 0);
        CHECK_EQ(cb, versions[i]);
        CHECK_EQ(dev, 0);
        CHECK(weq(e.szLocalPhoneNumber, "vpn.example.com"));
        CHECK(weq(e.szDeviceName, "WAN Miniport (SSTP)"));
        CHECK_EQ(e.guidId.Data1, 0x33221100u);
        CHECK_EQ(e.dwAlternateOffset, 0);
    }
    /* RASSIM_WINVER: a Windows 7 rejects the Windows 8 size */
    set_env("RASSIM_WINVER", "601");
    e.dwSize = RASX_ENTRYW_SIZE_WIN8;
    cb = sizeof e;
    CHECK_EQ(RasGetEntryPropertiesW(NULL, W("Office VPN"), &e, &cb, NULL, NULL),
             ERROR_INVALID_SIZE);
    CHECK_EQ(RasSetEntryPropertiesW(NULL, W("Office VPN"), &e, sizeof e, NULL, 0),
             ERROR_INVALID_SIZE);
    e.dwSize = RASX_ENTRYW_SIZE_WIN7;
    CHECK_EQ(RasGetEntryPropertiesW(NULL, W("Office VPN"), &e, &cb, NULL, NULL), 0);
    set_env("RASSIM_WINVER", NULL);
    /* set: alternates, then read back with a small buffer first */
    memset(&e, 0, sizeof e);
    e.dwSize = sizeof e;
    cb = sizeof e;
    CHECK_EQ(RasGetEntryPropertiesW(NULL, W("Office VPN"), &e, &cb, NULL, NULL), 0);
    memcpy(big, &e, sizeof e);
    memcpy(big + sizeof e, W("alt.one"), 8 * sizeof(WCHAR));
    memcpy(big + sizeof e + 8 * sizeof(WCHAR), W("2"), 2 * sizeof(WCHAR));
    memset(big + sizeof e + 10 * sizeof(WCHAR), 0, sizeof(WCHAR));
    off = sizeof e;
    memcpy(big + offsetof(RASENTRYW, dwAlternateOffset), &off, sizeof off);
    need = (DWORD)(sizeof e + 11 * sizeof(WCHAR));
    CHECK_EQ(RasSetEntryPropertiesW(NULL, W("Office VPN"), (LPRASENTRYW)(void *)big, need - 2,
                                    NULL, 0),
             ERROR_INVALID_PARAMETER); /* unterminated list */
    CHECK_EQ(RasSetEntryPropertiesW(NULL, W("Office VPN"), (LPRASENTRYW)(void *)big, need,
                                    NULL, 0),
             0);
    cb = sizeof e;
    e2.dwSize = sizeof e2;
    CHECK_EQ(RasGetEntryPropertiesW(NULL, W("Office VPN"), &e2, &cb, NULL, NULL),
             ERROR_BUFFER_TOO_SMALL);
    CHECK_EQ(cb, need);
    memset(big, 0, sizeof big);
    memcpy(big, &e, sizeof(DWORD));
    cb = sizeof big;
    CHECK_EQ(RasGetEntryPropertiesW(NULL, W("Office VPN"), (LPRASENTRYW)(void *)big, &cb, NULL,
                                    NULL),
             0);
    CHECK_EQ(cb, need);
    memcpy(&off, big + offsetof(RASENTRYW, dwAlternateOffset), sizeof off);
    CHECK_EQ(off, sizeof e);
    CHECK(weq((const WCHAR *)(const void *)(big + off), "alt.one"));
    /* set errors */
    CHECK_EQ(RasSetEntryPropertiesW(NULL, W("Office VPN"), NULL, 0, NULL, 0),
             ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasSetEntryPropertiesW(NULL, W("a|b"), &e, sizeof e, NULL, 0), ERROR_INVALID_NAME);
    CHECK_EQ(RasSetEntryPropertiesW(NULL, W("Office VPN"), &e, sizeof e - 1, NULL, 0),
             ERROR_INVALID_PARAMETER);
    e.dwAlternateOffset = 0;
    for (i = 0; i < SIM_COUNTOF(e.szDnsSuffix); i++)
        e.szDnsSuffix[i] = 'x';
    CHECK_EQ(RasSetEntryPropertiesW(NULL, W("Office VPN"), &e, sizeof e, NULL, 0),
             ERROR_INVALID_PARAMETER);
    /* sub-entries */
    cb = 0;
    CHECK_EQ(RasGetSubEntryPropertiesW(NULL, W("Office VPN"), 1, NULL, &cb, NULL, NULL),
             ERROR_BUFFER_TOO_SMALL);
    CHECK_EQ(cb, sizeof s + 11 * sizeof(WCHAR)); /* with the alternates set above */
    memset(&s, 0, sizeof s);
    s.dwSize = sizeof s - 4;
    cb = sizeof s;
    CHECK_EQ(RasGetSubEntryPropertiesW(NULL, W("Office VPN"), 1, &s, &cb, NULL, NULL),
             ERROR_INVALID_SIZE);
    s.dwSize = sizeof s;
    CHECK_EQ(RasGetSubEntryPropertiesW(NULL, W("Office VPN"), 2, &s, &cb, NULL, NULL),
             ERROR_CANNOT_FIND_PHONEBOOK_ENTRY);
    CHECK_EQ(RasGetSubEntryPropertiesW(NULL, W("Home Modem"), 1, &s, NULL, NULL, NULL),
             ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasGetSubEntryPropertiesW(NULL, W("Home Modem"), 1, &s, &cb, NULL, NULL), 0);
    CHECK(weq(s.szDeviceType, "modem"));
    CHECK(weq(s.szLocalPhoneNumber, "5551234"));
    CHECK_EQ(RasSetSubEntryPropertiesW(NULL, W("Home Modem"), 1, NULL, 0, NULL, 0),
             ERROR_INVALID_PARAMETER);
    WSET(s.szLocalPhoneNumber, "5559999");
    s.dwAlternateOffset = 0;
    CHECK_EQ(RasSetSubEntryPropertiesW(NULL, W("Home Modem"), 3, &s, sizeof s, NULL, 0), 0);
    cb = sizeof s;
    CHECK_EQ(RasGetSubEntryPropertiesW(NULL, W("Home Modem"), 2, &s, &cb, NULL, NULL), 0);
    CHECK(weq(s.szLocalPhoneNumber, "5559999"));
    CHECK_EQ(RasDeleteSubEntryW(NULL, W("Home Modem"), 3), ERROR_CANNOT_FIND_PHONEBOOK_ENTRY);
    CHECK_EQ(RasDeleteSubEntryW(NULL, W("Home Modem"), 2), 0);
    CHECK_EQ(RasDeleteSubEntryW(NULL, NULL, 1), ERROR_INVALID_PARAMETER);
    /* the other entries' lines are as they were */
    {
        size_t len;
        char *text = read_text(PBK, &len);
        CHECK(text != NULL && strstr(text, "UnknownKey=kept\r\n") != NULL);
        CHECK(text != NULL && strstr(text, "[B\xC3\xBCro EAP]\r\nCustomAuthKey=13\r\n") != NULL);
        free(text);
    }
}

static void test_stats_concurrency(void)
{
    static stats_dialer d[NTHREADS];
    job jobs[NTHREADS], poller;
    stop_flag flag;
    char text[1024] = "";
    int i;
    for (i = 0; i < NTHREADS; i++)
        snprintf(text + strlen(text), sizeof text - strlen(text), "[VPN %d]\nDEVICE=vpn\n", i);
    write_file(P("stats.pbk"), text);
    scenario(k_stats_scenario);
    sim_mutex_init(&flag.m);
    flag.stop = 0;
    job_start(&poller, stats_poller_job, &flag, NULL);
    for (i = 0; i < NTHREADS; i++) {
        d[i].index = i;
        d[i].pbk = P("stats.pbk");
        d[i].failures = 0;
        job_start(&jobs[i], stats_dialer_job, &d[i], NULL);
    }
    for (i = 0; i < NTHREADS; i++) {
        CHECK(job_join(&jobs[i]));
        CHECK_EQ(d[i].failures, 0);
    }
    sim_mutex_lock(&flag.m);
    flag.stop = 1;
    sim_mutex_unlock(&flag.m);
    CHECK(job_join(&poller));
    CHECK_EQ(poller.rc, 0);
    scenario(NULL);
}

/* ---- credentials, EAP user data, custom auth data ------------------------ */

static void forget_store(void)
{
    char path[600];
    snprintf(path, sizeof path, "%s.cred", PBK_ABS);
    remove(path);
}

static void creds_init_struct(RASCREDENTIALSW *c, DWORD mask)
{
    memset(c, 0, sizeof *c);
    c->dwSize = sizeof *c;
    c->dwMask = mask;
}

static void test_credentials_api(void)
{
    RASCREDENTIALSW c;
    RASDIALPARAMSW p;
    BOOL have = TRUE;
    char *text;
    size_t len;
    char path[600];
    forget_store();
    snprintf(path, sizeof path, "%s.cred", PBK_ABS);
    /* arguments */
    CHECK_EQ(RasGetCredentialsW(W(PBK), W("Office VPN"), NULL), ERROR_INVALID_PARAMETER);
    creds_init_struct(&c, RASCM_UserName);
    c.dwSize = sizeof c - 4;
    CHECK_EQ(RasGetCredentialsW(W(PBK), W("Office VPN"), &c), ERROR_INVALID_SIZE);
    CHECK_EQ(RasSetCredentialsW(W(PBK), W("Office VPN"), &c, FALSE), ERROR_INVALID_SIZE);
    creds_init_struct(&c, RASCM_UserName | 0x100);
    CHECK_EQ(RasGetCredentialsW(W(PBK), W("Office VPN"), &c), ERROR_INVALID_PARAMETER);
    creds_init_struct(&c, RASCM_PreSharedKey | RASCM_Password);
    CHECK_EQ(RasSetCredentialsW(W(PBK), W("Office VPN"), &c, FALSE), ERROR_INVALID_PARAMETER);
    creds_init_struct(&c, RASCM_PreSharedKey | RASCM_DDMPreSharedKey);
    CHECK_EQ(RasGetCredentialsW(W(PBK), W("Office VPN"), &c), ERROR_INVALID_PARAMETER);
    creds_init_struct(&c, RASCM_UserName);
    CHECK_EQ(RasGetCredentialsW(W(PBK), NULL, &c), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasGetCredentialsW(W(PBK), W("Nope"), &c), ERROR_CANNOT_FIND_PHONEBOOK_ENTRY);
    CHECK_EQ(RasSetCredentialsW(W(P("missing.pbk")), W("Office VPN"), &c, FALSE),
             ERROR_CANNOT_OPEN_PHONEBOOK);
    /* an unterminated field */
    creds_init_struct(&c, RASCM_UserName);
    memset(c.szUserName, 'a', sizeof c.szUserName);
    CHECK_EQ(RasSetCredentialsW(W(PBK), W("Office VPN"), &c, FALSE), ERROR_INVALID_PARAMETER);
    /* set, then read back: the password is never returned */
    creds_init_struct(&c, RASCM_UserName | RASCM_Password | RASCM_Domain);
    WSET(c.szUserName, "alice");
    WSET(c.szPassword, "s3cret");
    WSET(c.szDomain, "CORP");
    CHECK_EQ(RasSetCredentialsW(W(PBK), W("office vpn"), &c, FALSE), 0);
    creds_init_struct(&c, RASCM_UserName | RASCM_Password | RASCM_Domain);
    CHECK_EQ(RasGetCredentialsW(W(PBK), W("Office VPN"), &c), 0);
    CHECK_EQ(c.dwMask, RASCM_UserName | RASCM_Password | RASCM_Domain);
    CHECK(weq(c.szUserName, "alice"));
    CHECK(weq(c.szPassword, SIM_CREDS_PASSWORD_HANDLE));
    CHECK(weq(c.szDomain, "CORP"));
    /* the handle keeps the saved password; dial params see the same store */
    CHECK_EQ(RasSetCredentialsW(W(PBK), W("Office VPN"), &c, FALSE), 0);
    text = read_text(path, &len);
    CHECK(text != NULL && strstr(text, "Password=733363726574") != NULL);
    free(text);
    dial_params(&p, "Office VPN");
    CHECK_EQ(RasGetEntryDialParamsW(W(PBK), &p, &have), 0);
    CHECK(have);
    CHECK(weq(p.szUserName, "alice"));
    /* clearing deletes */
    creds_init_struct(&c, RASCM_Password);
    CHECK_EQ(RasSetCredentialsW(W(PBK), W("Office VPN"), &c, TRUE), 0);
    creds_init_struct(&c, RASCM_UserName | RASCM_Password);
    CHECK_EQ(RasGetCredentialsW(W(PBK), W("Office VPN"), &c), 0);
    CHECK_EQ(c.dwMask, RASCM_UserName);
    CHECK(weq(c.szPassword, ""));
    /* pre-shared keys */
    creds_init_struct(&c, RASCM_PreSharedKey);
    WSET(c.szPassword, "psk");
    CHECK_EQ(RasSetCredentialsW(W(PBK), W("Plain"), &c, FALSE), 0);
    creds_init_struct(&c, RASCM_PreSharedKey);
    CHECK_EQ(RasGetCredentialsW(W(PBK), W("Plain"), &c), 0);
    CHECK_EQ(c.dwMask, RASCM_PreSharedKey);
    CHECK(weq(c.szPassword, SIM_CREDS_PASSWORD_HANDLE));
    creds_init_struct(&c, RASCM_DDMPreSharedKey);
    CHECK_EQ(RasSetCredentialsW(NULL, W(""), &c, FALSE), ERROR_INVALID_PARAMETER);
    forget_store();
}

static void test_blobs(void)
{
    BYTE buf[8];
    DWORD size;
    static const BYTE data[5] = {0, 1, 2, 0, 4};
    forget_store();
    size = 0;
    CHECK_EQ(RasGetEapUserDataW(NULL, W(PBK), W("Plain"), NULL, &size), 0);
    CHECK_EQ(size, 0);
    CHECK_EQ(RasGetEapUserDataW(NULL, W(PBK), W("Plain"), NULL, NULL), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasGetEapUserDataW((HANDLE)(uintptr_t)0x1234, W(PBK), W("Plain"), NULL, &size),
             ERROR_INVALID_HANDLE);
    CHECK_EQ(RasSetEapUserDataW(NULL, W(PBK), W("Plain"), NULL, 3), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasSetEapUserDataW(NULL, W(PBK), W("Nope"), (BYTE *)data, 5),
             ERROR_CANNOT_FIND_PHONEBOOK_ENTRY);
    CHECK_EQ(RasSetEapUserDataW(NULL, W(PBK), W("Plain"), (BYTE *)data, 5), 0);
    size = 2;
    CHECK_EQ(RasGetEapUserDataW(NULL, W(PBK), W("plain"), buf, &size), ERROR_BUFFER_TOO_SMALL);
    CHECK_EQ(size, 5);
    size = sizeof buf;
    CHECK_EQ(RasGetEapUserDataW(NULL, W(PBK), W("Plain"), buf, &size), 0);
    CHECK_EQ(size, 5);
    CHECK(memcmp(buf, data, 5) == 0);
    /* custom auth data is separate */
    size = 0;
    CHECK_EQ(RasGetCustomAuthDataW(W(PBK), W("Plain"), NULL, &size), 0);
    CHECK_EQ(RasSetCustomAuthDataW(W(PBK), W("Plain"), (BYTE *)data, 3), 0);
    CHECK_EQ(RasGetCustomAuthDataW(W(PBK), W("Plain"), NULL, &size), ERROR_BUFFER_TOO_SMALL);
    CHECK_EQ(size, 3);
    CHECK_EQ(RasSetCustomAuthDataW(W(PBK), W("Plain"), NULL, 0), 0);
    size = 0;
    CHECK_EQ(RasGetCustomAuthDataW(W(PBK), W("Plain"), NULL, &size), 0);
    CHECK_EQ(RasGetCustomAuthDataW(W(P("missing.pbk")), W("Plain"), NULL, &size),
             ERROR_CANNOT_OPEN_PHONEBOOK);
    forget_store();
}

/* ---- paused states ------------------------------------------------------ */

/* Paused states: RasDialW with *lphRasConn set resumes the paused dial. */
static void test_resume(void)
{
    RASDIALPARAMSW p;
    RASDIALEXTENSIONS ext;
    HRASCONN h = NULL, h2;
    recorder r;
    rec_init(&r);
    memset(&ext, 0, sizeof ext);
    ext.dwSize = sizeof ext;
    ext.dwfOptions = RDEOPT_PausedStates;
    scenario("[*]\nInvokeEapUI=1\n");
    dial_params(&p, "Office VPN");
    p.dwCallbackId = (ULONG_PTR)&r;
    CHECK_EQ(dial_fresh(&ext, W(PBK), &p, 2, (LPVOID)cb2, &h), 0);
    CHECK(sim_conn_debug_wait_state(h, RASCS_InvokeEapUI, TIMEOUT_MS));
    /* another notifier, a bogus handle, a new dial of the paused entry */
    h2 = h;
    CHECK_EQ(RasDialW(&ext, W(PBK), &p, 1, (LPVOID)cb1, &h2), ERROR_INVALID_PARAMETER);
    CHECK(h2 == h);
    CHECK_EQ(RasDialW(&ext, W(PBK), &p, 0, NULL, &h2), ERROR_INVALID_PARAMETER);
    h2 = (HRASCONN)(uintptr_t)0x1234;
    CHECK_EQ(RasDialW(&ext, W(PBK), &p, 2, (LPVOID)cb2, &h2), ERROR_INVALID_HANDLE);
    CHECK_EQ(dial_fresh(&ext, W(PBK), &p, 2, (LPVOID)cb2, &h2), ERROR_DIAL_ALREADY_IN_PROGRESS);
    /* RasInvokeEapUI does not resume; RasDialW does */
    CHECK_EQ(RasInvokeEapUI(h, 1, &ext, NULL), 0);
    CHECK(sim_conn_debug_wait_state(h, RASCS_InvokeEapUI, TIMEOUT_MS));
    h2 = h;
    CHECK_EQ(RasDialW(&ext, W(PBK), &p, 2, (LPVOID)cb2, &h2), 0);
    CHECK(h2 == h);
    CHECK(sim_conn_debug_wait_state(h, RASCS_Connected, TIMEOUT_MS));
    CHECK_EQ(RasDialW(&ext, W(PBK), &p, 2, (LPVOID)cb2, &h2), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasHangUpW(h), 0);
    /* resumed without the EAP UI: the dial fails in RASCS_InvokeEapUI */
    CHECK_EQ(dial_fresh(&ext, W(PBK), &p, 2, (LPVOID)cb2, &h), 0);
    CHECK(sim_conn_debug_wait_state(h, RASCS_InvokeEapUI, TIMEOUT_MS));
    h2 = h;
    CHECK_EQ(RasDialW(&ext, W(PBK), &p, 2, (LPVOID)cb2, &h2), 0);
    CHECK(sim_conn_debug_wait_idle(TIMEOUT_MS));
    check_status(h, RASCS_InvokeEapUI, ERROR_INTERACTIVE_MODE);
    CHECK_EQ(RasHangUpW(h), 0);
    /* RASCS_RetryAuthentication: the resuming call's credentials */
    scenario("[*]\nUser=alice\nPassword=right\n");
    WSET(p.szUserName, "alice");
    WSET(p.szPassword, "wrong");
    CHECK_EQ(dial_fresh(&ext, W(PBK), &p, 2, (LPVOID)cb2, &h), 0);
    CHECK(sim_conn_debug_wait_state(h, RASCS_RetryAuthentication, TIMEOUT_MS));
    WSET(p.szPassword, "right");
    h2 = h;
    CHECK_EQ(RasDialW(&ext, W(PBK), &p, 2, (LPVOID)cb2, &h2), 0);
    CHECK(sim_conn_debug_wait_state(h, RASCS_Connected, TIMEOUT_MS));
    CHECK_EQ(RasHangUpW(h), 0);
    /* synchronous: no pause, the failure is the result */
    WSET(p.szPassword, "wrong");
    CHECK_EQ(dial_fresh(&ext, W(PBK), &p, 0, NULL, &h), ERROR_AUTHENTICATION_FAILURE);
    CHECK_EQ(RasHangUpW(h), 0);
    /* hang-up while paused */
    CHECK_EQ(dial_fresh(&ext, W(PBK), &p, 2, (LPVOID)cb2, &h), 0);
    CHECK(sim_conn_debug_wait_state(h, RASCS_RetryAuthentication, TIMEOUT_MS));
    CHECK_EQ(RasHangUpW(h), 0);
    h2 = h;
    CHECK_EQ(RasDialW(&ext, W(PBK), &p, 2, (LPVOID)cb2, &h2), ERROR_INVALID_HANDLE);
    CHECK(sim_conn_debug_wait_idle(TIMEOUT_MS));
}

/* ---- country info and autodial ------------------------------------------ */

static void test_country_info(void)
{
    union {
        RASCTRYINFOW info;
        unsigned char bytes[512];
    } u;
    DWORD cb, id, n = 0;
    /* pointers and sizes */
    CHECK_EQ(RasGetCountryInfoW(&u.info, NULL), ERROR_INVALID_PARAMETER);
    cb = sizeof u;
    CHECK_EQ(RasGetCountryInfoW(NULL, &cb), 1784); /* ERROR_INVALID_USER_BUFFER */
    cb = 4;
    CHECK_EQ(RasGetCountryInfoW(&u.info, &cb), ERROR_BUFFER_TOO_SMALL);
    CHECK_EQ(cb, sizeof(RASCTRYINFOW));
    memset(&u, 0, sizeof u);
    u.info.dwSize = sizeof(RASCTRYINFOW) + 4;
    u.info.dwCountryID = 1;
    cb = sizeof u;
    CHECK_EQ(RasGetCountryInfoW(&u.info, &cb), ERROR_INVALID_SIZE);
    u.info.dwSize = sizeof(RASCTRYINFOW);
    u.info.dwCountryID = 3;
    CHECK_EQ(RasGetCountryInfoW(&u.info, &cb), ERROR_INVALID_PARAMETER);
    /* exactly the structure: the size the name needs */
    u.info.dwCountryID = 1;
    cb = sizeof(RASCTRYINFOW);
    CHECK_EQ(RasGetCountryInfoW(&u.info, &cb), ERROR_BUFFER_TOO_SMALL);
    CHECK_EQ(cb, sizeof(RASCTRYINFOW) + sizeof("United States of America") * sizeof(WCHAR));
    CHECK_EQ(RasGetCountryInfoW(&u.info, &cb), 0);
    CHECK_EQ(u.info.dwCountryCode, 1);
    CHECK_EQ(u.info.dwNextCountryID, 2);
    CHECK_EQ(u.info.dwCountryNameOffset, sizeof(RASCTRYINFOW));
    CHECK(weq((const WCHAR *)(const void *)(u.bytes + u.info.dwCountryNameOffset),
              "United States of America"));
    /* the chain ends with 0 */
    for (id = 1; id != 0 && n < 1000; n++) {
        memset(&u, 0, sizeof u);
        u.info.dwSize = sizeof(RASCTRYINFOW);
        u.info.dwCountryID = id;
        cb = sizeof u;
        if (RasGetCountryInfoW(&u.info, &cb) != 0)
            break;
        CHECK_EQ(u.info.dwCountryID, id);
        id = u.info.dwNextCountryID;
    }
    CHECK_EQ(id, 0);
    CHECK(n >= 30);
}

static void ad_entry(RASAUTODIALENTRYW *e, DWORD location, const char *name)
{
    memset(e, 0, sizeof *e);
    e->dwSize = sizeof *e;
    e->dwDialingLocation = location;
    WSET(e->szEntry, name);
}

static void test_autodial_addresses(void)
{
    static RASAUTODIALENTRYW e[4];
    static char longest[300];
    union {
        LPWSTR ptrs[16];
        unsigned char bytes[1024];
    } u;
    DWORD cb, count, reserved = 0;
    const DWORD one = sizeof e[0], two = 2 * sizeof e[0];
    /* set: argument checks */
    ad_entry(&e[0], 0, "Office VPN");
    ad_entry(&e[1], 5, "Office VPN");
    CHECK_EQ(RasSetAutodialAddressW(W("a.example"), 1, e, one, 1), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasSetAutodialAddressW(NULL, 0, NULL, 0, 0), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasSetAutodialAddressW(W("a.example"), 0, NULL, 4, 0), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasSetAutodialAddressW(W("a.example"), 0, e, one, 0), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasSetAutodialAddressW(W("a.example"), 0, e, one, 2), ERROR_INVALID_PARAMETER);
    e[1].dwSize = 12;
    CHECK_EQ(RasSetAutodialAddressW(W("a.example"), 0, e, two, 2), ERROR_INVALID_SIZE);
    e[1].dwSize = sizeof e[1];
    e[0].dwSize = sizeof e[0] - 2;
    CHECK_EQ(RasSetAutodialAddressW(W("a.example"), 0, e, two, 2), ERROR_INVALID_SIZE);
    e[0].dwSize = sizeof e[0];
    memset(e[1].szEntry, 'x', sizeof e[1].szEntry);
    CHECK_EQ(RasSetAutodialAddressW(W("a.example"), 0, e, two, 2), ERROR_INVALID_PARAMETER);
    ad_entry(&e[1], 5, "No Such Entry");
    CHECK_EQ(RasSetAutodialAddressW(W("a.example"), 0, e, two, 2),
             ERROR_CANNOT_FIND_PHONEBOOK_ENTRY);
    ad_entry(&e[1], 5, "office vpn");
    CHECK_EQ(RasSetAutodialAddressW(W("a.example"), 0, e, two, 2), 0);
    /* get: NULL pointers, size query, wrong size, small buffer */
    CHECK_EQ(RasGetAutodialAddressW(W("a.example"), &reserved, NULL, &cb, &count),
             ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasGetAutodialAddressW(W("a.example"), NULL, NULL, NULL, &count),
             ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasGetAutodialAddressW(W("a.example"), NULL, NULL, &cb, NULL),
             ERROR_INVALID_PARAMETER);
    cb = 0;
    CHECK_EQ(RasGetAutodialAddressW(W("a.example"), NULL, NULL, &cb, &count),
             ERROR_BUFFER_TOO_SMALL);
    CHECK_EQ(cb, two);
    CHECK_EQ(count, 2);
    CHECK_EQ(RasGetAutodialAddressW(W("b.example"), NULL, NULL, &cb, &count),
             ERROR_FILE_NOT_FOUND);
    memset(e, 0, sizeof e);
    e[0].dwSize = 8;
    cb = sizeof e;
    CHECK_EQ(RasGetAutodialAddressW(W("A.Example"), NULL, e, &cb, &count), ERROR_INVALID_SIZE);
    e[0].dwSize = sizeof e[0];
    cb = one;
    CHECK_EQ(RasGetAutodialAddressW(W("A.Example"), NULL, e, &cb, &count),
             ERROR_BUFFER_TOO_SMALL);
    CHECK_EQ(cb, two);
    CHECK_EQ(RasGetAutodialAddressW(W("A.Example"), NULL, e, &cb, &count), 0);
    CHECK_EQ(count, 2);
    CHECK_EQ(e[0].dwDialingLocation, 0);
    CHECK_EQ(e[1].dwDialingLocation, 5);
    CHECK(weq(e[1].szEntry, "office vpn"));
    CHECK_EQ(e[2].dwSize, 0);
    /* default connection: none yet is an empty answer */
    cb = 99;
    count = 99;
    CHECK_EQ(RasGetAutodialAddressW(NULL, NULL, NULL, &cb, &count), 0);
    CHECK_EQ(cb, 0);
    CHECK_EQ(count, 0);
    /* enumeration: the pointers, then the strings they point to */
    ad_entry(&e[0], 1, "Office VPN");
    CHECK_EQ(RasSetAutodialAddressW(W("b\xC3\xBC.example"), 0, e, one, 1), 0);
    CHECK_EQ(RasEnumAutodialAddressesW(u.ptrs, NULL, &count), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasEnumAutodialAddressesW(u.ptrs, &cb, NULL), ERROR_INVALID_PARAMETER);
    cb = 0;
    CHECK_EQ(RasEnumAutodialAddressesW(NULL, &cb, &count), ERROR_BUFFER_TOO_SMALL);
    CHECK_EQ(cb, 2 * sizeof(LPWSTR) + sizeof("a.example") * 2 + sizeof("b?.example") * 2);
    CHECK_EQ(count, 2);
    cb -= 1;
    CHECK_EQ(RasEnumAutodialAddressesW(u.ptrs, &cb, &count), ERROR_BUFFER_TOO_SMALL);
    memset(&u, 0xAB, sizeof u);
    CHECK_EQ(RasEnumAutodialAddressesW(u.ptrs, &cb, &count), 0);
    CHECK_EQ(count, 2);
    CHECK((unsigned char *)u.ptrs[0] == u.bytes + 2 * sizeof(LPWSTR));
    CHECK(weq(u.ptrs[0], "a.example"));
    CHECK(weq(u.ptrs[1], "b\xC3\xBC.example"));
    CHECK_EQ(u.bytes[cb], 0xAB);
    /* over-long addresses */
    memset(longest, 'h', 256);
    longest[256] = '\0';
    CHECK_EQ(RasSetAutodialAddressW(W(longest), 0, e, one, 1), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasGetAutodialAddressW(W(longest), NULL, NULL, &cb, &count),
             ERROR_INVALID_PARAMETER);
    longest[255] = '\0';
    CHECK_EQ(RasSetAutodialAddressW(W(longest), 0, e, one, 1), 0);
    /* RasSimReset empties the store */
    RasSimReset();
    cb = 0;
    CHECK_EQ(RasEnumAutodialAddressesW(NULL, &cb, &count), 0);
    CHECK_EQ(count, 0);
}

static void test_autodial_settings(void)
{
    DWORD cb, value;
    BOOL on;
    /* enable flags */
    CHECK_EQ(RasGetAutodialEnableW(0, NULL), ERROR_INVALID_PARAMETER);
    on = TRUE;
    CHECK_EQ(RasGetAutodialEnableW(7, &on), 0);
    CHECK_EQ(on, FALSE);
    CHECK_EQ(RasSetAutodialEnableW(7, 42), 0);
    CHECK_EQ(RasGetAutodialEnableW(7, &on), 0);
    CHECK_EQ(on, TRUE);
    /* parameters */
    cb = sizeof value;
    CHECK_EQ(RasGetAutodialParamW(5, &value, &cb), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasGetAutodialParamW(RASADP_SavedAddressesLimit, NULL, &cb), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasGetAutodialParamW(RASADP_SavedAddressesLimit, &value, NULL),
             ERROR_INVALID_PARAMETER);
    cb = 2;
    CHECK_EQ(RasGetAutodialParamW(RASADP_SavedAddressesLimit, &value, &cb), ERROR_INVALID_SIZE);
    CHECK_EQ(cb, sizeof(DWORD));
    cb = 64;
    CHECK_EQ(RasGetAutodialParamW(RASADP_SavedAddressesLimit, &value, &cb), 0);
    CHECK_EQ(cb, sizeof(DWORD));
    CHECK_EQ(value, 100);
    value = 9;
    CHECK_EQ(RasSetAutodialParamW(5, &value, sizeof value), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasSetAutodialParamW(RASADP_SavedAddressesLimit, NULL, sizeof value),
             ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasSetAutodialParamW(RASADP_SavedAddressesLimit, &value, 8), ERROR_INVALID_SIZE);
    CHECK_EQ(RasSetAutodialParamW(RASADP_SavedAddressesLimit, &value, sizeof value), 0);
    value = 0;
    cb = sizeof value;
    CHECK_EQ(RasGetAutodialParamW(RASADP_SavedAddressesLimit, &value, &cb), 0);
    CHECK_EQ(value, 9);
    /* RasSimReset restores the defaults */
    RasSimReset();
    CHECK_EQ(RasGetAutodialParamW(RASADP_SavedAddressesLimit, &value, &cb), 0);
    CHECK_EQ(value, 100);
    CHECK_EQ(RasGetAutodialEnableW(7, &on), 0);
    CHECK_EQ(on, FALSE);
}

/* ---- projections, updates, sub-entry handles, notifications ------------ */

static void test_projections(void)
{
    RASDIALPARAMSW p;
    RASPPPIPW ip;
    RASX_PROJECTION_INFO *info;
    unsigned char buf[512];
    RASUPDATECONN u;
    HRASCONN h, sub = NULL;
    DWORD cb;
    scenario("[*]\nVpnType=IKEv2\nIpAddress=10.0.0.2\nServerIpAddress=10.0.0.1\n"
             "ServerAddresses=10.0.0.9,fd00::9\n");
    dial_params(&p, "Office VPN");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), 0);
    /* RasGetProjectionInfoW: size query, small buffer, bad dwSize, NULL */
    cb = 0;
    CHECK_EQ(RasGetProjectionInfoW(h, RASP_PppIp, NULL, &cb), ERROR_BUFFER_TOO_SMALL);
    CHECK_EQ(cb, sizeof(RASPPPIPW));
    CHECK_EQ(RasGetProjectionInfoW(h, RASP_PppIp, &ip, NULL), ERROR_INVALID_PARAMETER);
    cb = sizeof ip;
    CHECK_EQ(RasGetProjectionInfoW(h, RASP_PppIp, NULL, &cb), ERROR_INVALID_PARAMETER);
    ip.dwSize = sizeof ip - 4;
    CHECK_EQ(RasGetProjectionInfoW(h, RASP_PppIp, &ip, &cb), ERROR_INVALID_SIZE);
    ip.dwSize = sizeof ip;
    CHECK_EQ(RasGetProjectionInfoW(h, RASP_PppIp, &ip, &cb), 0);
    CHECK_EQ(ip.szIpAddress[0], '1');
    CHECK_EQ(RasGetProjectionInfoW(h, RASP_PppLcp, &ip, &cb), ERROR_PROTOCOL_NOT_CONFIGURED);
    CHECK_EQ(RasGetProjectionInfoW(h, (RASPROJECTION)0x1234, &ip, &cb), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasGetProjectionInfoW((HRASCONN)(uintptr_t)0x7770, RASP_PppIp, &ip, &cb),
             ERROR_INVALID_HANDLE);
    /* RasGetProjectionInfoEx: the IKEv2 arrays follow the structure */
    cb = sizeof(RASX_PROJECTION_INFO);
    memset(buf, 0, sizeof buf);
    info = (RASX_PROJECTION_INFO *)(void *)buf;
    info->version = RASX_RASAPIVERSION_601;
    CHECK_EQ(RasGetProjectionInfoEx(h, info, &cb), ERROR_BUFFER_TOO_SMALL);
    CHECK_EQ(cb, sizeof(RASX_PROJECTION_INFO) + 2 * 4 + 16);
    CHECK_EQ(RasGetProjectionInfoEx(h, info, NULL), ERROR_INVALID_PARAMETER);
    info->version = 3;
    CHECK_EQ(RasGetProjectionInfoEx(h, info, &cb), ERROR_INVALID_PARAMETER);
    info->version = RASX_RASAPIVERSION_601;
    CHECK_EQ(RasGetProjectionInfoEx(h, info, &cb), 0);
    CHECK_EQ(info->type, RASX_PROJECTION_INFO_TYPE_IKEv2);
    CHECK_EQ(info->u.ikev2.numIPv4ServerAddresses, 2);
    CHECK_EQ(info->u.ikev2.numIPv6ServerAddresses, 1);
    CHECK((unsigned char *)info->u.ikev2.ipv4ServerAddresses == buf + sizeof *info);
    CHECK_EQ(info->u.ikev2.ipv4ServerAddresses[1][3], 9);
    CHECK_EQ(info->u.ikev2.ipv6ServerAddresses[0][15], 9);
    /* RasUpdateConnection */
    memset(&u, 0, sizeof u);
    u.version = RASAPIVERSION_601;
    u.dwSize = sizeof u;
    CHECK_EQ(RasUpdateConnection(h, NULL), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasUpdateConnection(h, &u), ERROR_INVALID_PARAMETER);
    u.localEndPoint.dwType = RASTUNNELENDPOINT_IPv4;
    u.localEndPoint.addr.ipv4.addr[0] = 192;
    u.dwSize = 12;
    CHECK_EQ(RasUpdateConnection(h, &u), ERROR_INVALID_SIZE);
    u.dwSize = sizeof u;
    CHECK_EQ(RasUpdateConnection(h, &u), 0);
    CHECK_EQ(RasGetProjectionInfoW(h, RASP_PppIp, &ip, &cb), 0);
    CHECK_EQ(ip.szIpAddress[0], '1');
    CHECK_EQ(ip.szIpAddress[2], '2');
    /* sub-entry handles */
    CHECK_EQ(RasGetSubEntryHandleW(h, 1, NULL), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasGetSubEntryHandleW(h, 2, &sub), ERROR_NO_MORE_ITEMS);
    CHECK_EQ(RasGetSubEntryHandleW(h, 0, &sub), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasGetSubEntryHandleW(h, 1, &sub), 0);
    CHECK((uintptr_t)sub == (uintptr_t)h + 1);
    CHECK_EQ(RasHangUpW(sub), 0);
    CHECK_EQ(RasGetSubEntryHandleW(h, 1, &sub), ERROR_INVALID_HANDLE);
    scenario(NULL);
}

#ifdef _WIN32
static HANDLE event_new(void) { return CreateEventW(NULL, FALSE, FALSE, NULL); }
static int event_wait(HANDLE e, DWORD ms) { return WaitForSingleObject(e, ms) == WAIT_OBJECT_0; }
static void event_close(HANDLE e) { CloseHandle(e); }
#else
static HANDLE event_new(void) { return RasSimCreateEvent(FALSE, FALSE); }
static int event_wait(HANDLE e, DWORD ms) { return RasSimWaitEvent(e, ms) == RASSIM_WAIT_OBJECT_0; }
static void event_close(HANDLE e) { RasSimCloseEvent(e); }
#endif

static void test_notifications(void)
{
    RASDIALPARAMSW p;
    HRASCONN h, h2;
    HANDLE any = event_new(), one = event_new(), closed = event_new();
    DWORD both = RASCN_Connection | RASCN_Disconnection;
    CHECK(any != NULL && one != NULL && closed != NULL);
    CHECK_EQ(RasConnectionNotificationW((HRASCONN)INVALID_HANDLE_VALUE, NULL, both),
             ERROR_INVALID_HANDLE);
    CHECK_EQ(RasConnectionNotificationW((HRASCONN)INVALID_HANDLE_VALUE, any, 0),
             ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasConnectionNotificationW((HRASCONN)INVALID_HANDLE_VALUE, any, 0x80000000u),
             ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasConnectionNotificationW((HRASCONN)(uintptr_t)0x7770, any, both),
             ERROR_INVALID_HANDLE);
    CHECK_EQ(RasConnectionNotificationW((HRASCONN)INVALID_HANDLE_VALUE, any, both), 0);
    CHECK_EQ(RasConnectionNotificationW((HRASCONN)INVALID_HANDLE_VALUE, closed, both), 0);
    event_close(closed);
    dial_params(&p, "Office VPN");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), 0);
    CHECK(event_wait(any, TIMEOUT_MS));
    CHECK(!event_wait(any, 0));
    CHECK_EQ(RasConnectionNotificationW(h, one, RASCN_Disconnection), 0);
    dial_params(&p, "Home Modem");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h2), 0);
    CHECK(event_wait(any, TIMEOUT_MS));
    CHECK_EQ(RasHangUpW(h2), 0);
    CHECK(event_wait(any, TIMEOUT_MS));
    CHECK(!event_wait(one, 0));
    CHECK_EQ(RasHangUpW(h), 0);
    CHECK(event_wait(one, TIMEOUT_MS));
    CHECK(event_wait(any, TIMEOUT_MS));
    RasSimReset();
    event_close(any);
    event_close(one);
#ifndef _WIN32
    CHECK_EQ(RasSimWaitEvent(one, 0), RASSIM_WAIT_FAILED);
    CHECK(!RasSimSetEvent(one));
#endif
}

/* ---- main --------------------------------------------------------------- */

/* ---- cross-process store locks and non-regular files (issue 14) --------- */

#ifndef _WIN32
#include <errno.h>
#include <fcntl.h>
#include <sys/wait.h>

/* In a child process: 1 when a write lock on path can be had without
 * waiting (F_SETLK), 0 when another process holds one, -1 on error. */
static int other_process_can_lock(const char *path)
{
    int status = 0;
    pid_t pid = fork();
    if (pid == 0) {
        struct flock fl;
        int fd = open(path, O_RDWR);
        memset(&fl, 0, sizeof fl);
        fl.l_type = F_WRLCK;
        fl.l_whence = SEEK_SET;
        if (fd < 0)
            _exit(3);
        if (fcntl(fd, F_SETLK, &fl) == 0)
            _exit(1);
        _exit(errno == EAGAIN || errno == EACCES ? 0 : 3);
    }
    if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
        return -1;
    return WEXITSTATUS(status) == 3 ? -1 : WEXITSTATUS(status);
}
#else
/* LockFileEx locks belong to the handle: a second handle of this process
 * sees the lock as another process would.  1 when it gets the lock at once. */
static int other_process_can_lock(const char *path)
{
    OVERLAPPED ov;
    int got;
    HANDLE h = CreateFileA(path, GENERIC_READ | GENERIC_WRITE,
                           FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                           OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    if (h == INVALID_HANDLE_VALUE)
        return -1;
    memset(&ov, 0, sizeof ov);
    got = LockFileEx(h, LOCKFILE_EXCLUSIVE_LOCK | LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &ov) != 0;
    if (got)
        UnlockFileEx(h, 0, 1, 0, &ov);
    CloseHandle(h);
    return got;
}
#endif

static void test_store_lock(void)
{
    sim_file_lock lock, none;
    sim_ini ini;
    char *text;
    size_t len;
    const char *store = P("locked.pbk");
    const char *lockfile = P("locked.pbk.lock");
    write_file(store, "[A]\n");
    CHECK_EQ(sim_file_lock_take(store, &lock), SIM_OK);
    CHECK(lock.held);
    CHECK_EQ(other_process_can_lock(lockfile), 0);
    /* a writer may replace the store by rename while the lock is held */
    sim_ini_init(&ini);
    CHECK_EQ(sim_ini_parse(&ini, "[B]\n", 4), SIM_OK);
    CHECK_EQ(sim_ini_save(&ini, store, 0), 0);
    sim_ini_free(&ini);
    CHECK_EQ(other_process_can_lock(lockfile), 0);
    sim_file_lock_release(&lock);
    CHECK(!lock.held);
    CHECK_EQ(other_process_can_lock(lockfile), 1);
    /* the lock lived in <store>.lock, created empty (checked only now: with
     * classic POSIX locks, closing any descriptor of the file drops them) */
    text = read_text(lockfile, &len);
    CHECK(text != NULL && len == 0);
    free(text);
    sim_file_lock_release(&lock); /* twice: no-op */
    /* taken again after release; the lock file is reused */
    CHECK_EQ(sim_file_lock_take(store, &lock), SIM_OK);
    sim_file_lock_release(&lock);
    /* no lock file can be made: not held, and sim_ini_lock lets the cycle
     * go on (its write fails there anyway) */
    CHECK_EQ(sim_file_lock_take(P("no-such-dir/x.pbk"), &none), SIM_LOCK_NOFILE);
    CHECK(!none.held);
    sim_file_lock_release(&none);
    CHECK_EQ(sim_ini_lock(P("no-such-dir/x.pbk"), &none), 0);
    CHECK(!none.held);
    /* a directory where the lock file should be: the change fails (POSIX);
     * Windows answers access denied, as for a read-only directory */
    make_dir(P("dirlock.pbk.lock"));
#ifndef _WIN32
    CHECK_EQ(sim_file_lock_take(P("dirlock.pbk"), &none), SIM_LOCK_FAILED);
    CHECK_EQ(sim_ini_lock(P("dirlock.pbk"), &none), ERROR_CANNOT_WRITE_PHONEBOOK);
    /* ...and so does a FIFO there, without waiting */
    CHECK_EQ(mkfifo(P("fifolock.pbk.lock"), 0600), 0);
    CHECK_EQ(sim_file_lock_take(P("fifolock.pbk"), &none), SIM_LOCK_FAILED);
#else
    CHECK_EQ(sim_file_lock_take(P("dirlock.pbk"), &none), SIM_LOCK_NOFILE);
#endif
    CHECK(!none.held);
    /* a phonebook change takes and releases the phonebook's lock */
    write_standard_pbk();
    CHECK_EQ(RasRenameEntryW(W(PBK), W("Office VPN"), W("Renamed")), 0);
    text = NULL;
    {
        sim_buf lp = {0};
        sim_buf_adds(&lp, PBK);
        sim_buf_adds(&lp, ".lock");
        CHECK(!lp.failed);
        if (!lp.failed) {
            text = read_text(lp.data, &len);
            CHECK(text != NULL && len == 0);
            CHECK_EQ(other_process_can_lock(lp.data), 1);
        }
        sim_buf_free(&lp);
    }
    free(text);
}

static void test_non_regular_files(void)
{
    char *data = NULL;
    size_t len = 0;
    sim_pbk pbk;
    FILE *f;
    /* a directory */
    make_dir(P("adir.pbk"));
    CHECK_EQ(sim_file_read(P("adir.pbk"), &data, &len), SIM_IO_UNREADABLE);
    CHECK_EQ(sim_pbk_load(W(P("adir.pbk")), &pbk), ERROR_CANNOT_OPEN_PHONEBOOK);
    sim_pbk_free(&pbk);
    /* one byte over the size limit */
    f = fopen(P("huge.pbk"), "wb");
    CHECK(f != NULL);
    if (f != NULL) {
        CHECK(fseek(f, (long)SIM_MAX_FILE_BYTES, SEEK_SET) == 0);
        fputc('x', f);
        fclose(f);
    }
    CHECK_EQ(sim_file_read(P("huge.pbk"), &data, &len), SIM_IO_UNREADABLE);
    remove(P("huge.pbk"));
    /* a NUL byte: read, but unusable (not "nul.pbk": Windows may take that
     * name for the NUL device, as Wine does) */
    write_bytes(P("zero.pbk"), "[A]\n\0\n", 6);
    CHECK_EQ(sim_pbk_load(W(P("zero.pbk")), &pbk), ERROR_CANNOT_LOAD_PHONEBOOK);
    sim_pbk_free(&pbk);
#ifndef _WIN32
    /* a FIFO without a writer: answered at once, never read */
    CHECK_EQ(mkfifo(P("fifo.pbk"), 0600), 0);
    CHECK_EQ(sim_file_read(P("fifo.pbk"), &data, &len), SIM_IO_UNREADABLE);
    CHECK_EQ(sim_pbk_load(W(P("fifo.pbk")), &pbk), ERROR_CANNOT_OPEN_PHONEBOOK);
    sim_pbk_free(&pbk);
    CHECK_EQ(RasDeleteEntryW(W(P("fifo.pbk")), W("A")), ERROR_CANNOT_OPEN_PHONEBOOK);
    CHECK_EQ(sim_file_read("/dev/null", &data, &len), SIM_IO_UNREADABLE); /* a device */
    /* a dangling symbolic link exists but cannot be read; a write never
     * replaces it */
    CHECK_EQ(symlink(P("gone/target.pbk"), P("dangling.pbk")), 0);
    CHECK_EQ(sim_file_read(P("dangling.pbk"), &data, &len), SIM_IO_UNREADABLE);
    CHECK(sim_file_write_atomic(P("dangling.pbk"), "x", 1, 0) != 0);
    {
        struct stat st;
        CHECK(lstat(P("dangling.pbk"), &st) == 0 && S_ISLNK(st.st_mode));
    }
    /* a path through a regular file is missing */
    write_file(P("plain"), "x");
    CHECK_EQ(sim_file_read(P("plain/sub.pbk"), &data, &len), SIM_IO_MISSING);
#else
    /* a device name */
    CHECK_EQ(sim_file_read("NUL", &data, &len), SIM_IO_UNREADABLE);
#endif
    CHECK(data == NULL);
}

typedef struct test_case {
    const char *name;
    void (*fn)(void);
} test_case;

static const test_case k_tests[] = {
    {"error strings", test_error_strings},
    {"utf", test_utf},
    {"ini", test_ini},
    {"pbk writer", test_pbk_writer},
    {"enum entries", test_enum_entries},
    {"default phonebook", test_default_phonebook},
    {"dial sync", test_dial_sync},
    {"dial errors", test_dial_errors},
    {"dial number", test_dial_number},
    {"async notifier types", test_async_types},
    {"posted messages", test_posted_messages},
    {"scenario failures", test_scenario_failures},
    {"scenario errors", test_scenario_errors},
    {"addresses", test_addresses},
    {"scenario credentials", test_credentials_in_scenario},
    {"refcount and in progress", test_refcount_and_in_progress},
    {"sync dial cancelled", test_sync_dial_cancelled},
    {"drop", test_drop},
    {"hangup inside notification", test_hangup_inside_notification},
    {"hangup waits for notifier", test_hangup_waits_for_notifier},
    {"concurrency", test_concurrency},
    {"reset", test_reset},
    {"dial params", test_dial_params},
    {"eap", test_eap},
    {"dialogs", test_dialogs},
    {"enum devices", test_enum_devices},
    {"stats errors", test_stats_errors},
    {"stats counters", test_stats_counters},
    {"stats states", test_stats_states},
    {"stats concurrency", test_stats_concurrency},
    {"credentials", test_credentials_api},
    {"eap and custom auth data", test_blobs},
    {"entry properties", test_entry_properties},
    {"projections", test_projections},
    {"notifications", test_notifications},
    {"resume paused dials", test_resume},
    {"country info", test_country_info},
    {"autodial addresses", test_autodial_addresses},
    {"autodial settings", test_autodial_settings},
    {"store locks", test_store_lock},
    {"non-regular files", test_non_regular_files},
};

int main(void)
{
    size_t i;
    int before;
    make_test_dir();
    PBK = sim_strdup(P("rasphone.pbk"));
    if (PBK == NULL || sim_path_absolute(PBK, &PBK_ABS) != SIM_OK)
        return 2;
    write_standard_pbk();
    set_env("RASSIM_PHONEBOOK", PBK);
    scenario(NULL);
    for (i = 0; i < SIM_COUNTOF(k_tests); i++) {
        before = g_failures;
        k_tests[i].fn();
        reset_all();
        write_standard_pbk();
        printf("%-28s %s\n", k_tests[i].name, g_failures == before ? "ok" : "FAILED");
    }
    remove_tree(g_dir);
    wpool_free();
    free((void *)PBK);
    free(PBK_ABS);
    printf("%d checks, %d failures\n", g_checks, g_failures);
    return g_failures == 0 ? 0 : 1;
}
