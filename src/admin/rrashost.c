/*
 * rrashost.c -- a simulated RRAS host: does with RAS administration DLLs what
 * the Routing and Remote Access service does (docs/admin-dll.md, "The
 * simulated RRAS host"), so an admin DLL can be tested without a server.
 *
 *   1. reads HKLM\SOFTWARE\Microsoft\RAS\AdminDll, value DLLPath (REG_SZ or
 *      REG_EXPAND_SZ; several paths separated by ';'), in the 64-bit view as
 *      the 64-bit service does;
 *   2. loads every DLL and checks its exports against the contract
 *      (desktop-src/RRAS/ras-admin-dll-functions.md): MprAdminAcceptNewLink,
 *      MprAdminLinkHangupNotification, MprAdminTerminateDll, one of
 *      MprAdminInitializeDll(Ex), one of MprAdminAcceptReauthentication(Ex),
 *      one matched pair MprAdminAcceptNewConnection{,2,3,Ex} /
 *      MprAdminConnectionHangupNotification{,2,3,Ex}, and the two address
 *      pairs both halves or neither.  A DLL that fails is refused: the host
 *      prints which export is missing and exits 3 (RRAS does not start);
 *   3. initializes every DLL in order (MprAdminInitializeDllEx with a zeroed
 *      12-pointer callbacks table when exported, else MprAdminInitializeDll);
 *      a non-zero result: exit 4;
 *   4. drives connections from N threads (--threads, default 32): per
 *      connection, the address requests (IPv4, IPv6) to the first DLL that
 *      exports each pair, MprAdminAcceptNewConnectionEx (or the newest pair it
 *      has) in every DLL (all must accept), MprAdminAcceptNewLink for each link
 *      in every DLL, the reauthentications, then the link hang-ups, the
 *      connection hang-up (with its statistics) and the address releases the
 *      DLL asked for;
 *   5. terminates every DLL (MprAdminTerminateDll) and unloads it.
 *
 * Output: one JSON object per line on stdout (decisions, the DLLs' log
 * messages when they export RasPyAdminSetLogCallback, a summary).  Options:
 *
 *   --threads N        driving threads (default 32)
 *   --scenario FILE    one connection per line: USER [ipv4=A.B.C.D] [ipv6=1]
 *                      [links=N] [reauth=N] [bytes=N] [header=bad|null] (the
 *                      RAS_CONNECTION_EX's header names another object, or a
 *                      NULL pointer is passed); '#' starts a comment
 *                      (default: a built-in list of five users)
 *   --repeat N         run the scenario N times (default 1)
 *   --quiet            no per-decision lines (summary, stats, refusals only)
 *   --measure          print the process's handle count and private bytes
 *                      after a warm-up pass and after the run
 *   --terminate-during terminate the DLLs while every thread is inside a
 *                      callback; the remaining connections start once the
 *                      DLLs refuse new calls (RasPyAdminGetStats' accepting
 *                      is 0), so they meet terminating or terminated DLLs
 *   --dllpath VALUE    use VALUE as DLLPath instead of the registry's (tests
 *                      that share one Wine prefix run several hosts at once)
 *
 * Exit status: 0 when the run completed (denials are results, not errors);
 * 2 bad usage or registry; 3 a DLL refused; 4 an initialize failed; 5 the
 * run could not be driven (e.g. --terminate-during never saw every thread
 * inside a callback).
 */
/* Windows 7 and later (SRW locks, condition variables, GetTickCount64; the
 * RAS_CONNECTION_EX contract); a toolchain that sets a newer one keeps it. */
#ifndef _WIN32_WINNT
#define _WIN32_WINNT 0x0601
#endif
#include <windows.h>
#include <psapi.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mpradmin.h"
#include "rrasdll.h"

#define MAX_DLLS    16
#define MAX_THREADS 256
#define MAX_LINES   4096

/* RasPyAdminGetStats' structure (src/admin/policy.h rasadm_counters). */
typedef struct host_counters {
    DWORD size;
    LONG calls, answered, timeouts, failures, refused_closed, refused_busy, in_flight,
        workers_alive, workers_stuck, eventlog_reports, eventlog_failures, accepting;
} host_counters;
typedef void(WINAPI *log_fn)(void *context, DWORD level, const WCHAR *message);
typedef VOID(APIENTRY *set_log_fn)(log_fn fn, void *context);
typedef DWORD(APIENTRY *get_stats_fn)(host_counters *counters);

typedef struct admin_dll {
    WCHAR path[MAX_PATH];
    char upath[3 * MAX_PATH];
    rras_dll r; /* the contract's exports and table (src/rassim/rrasdll.h) */
    get_stats_fn get_stats;
    set_log_fn set_log;
    int initialized;
} admin_dll;

typedef struct scenario_line {
    WCHAR user[MPRX_UNLEN + 1];
    DWORD ipv4; /* network byte order, 0 = none proposed */
    int ipv6;
    int links;
    int reauth;
    DWORD bytes;
    int header; /* 0 a good RAS_CONNECTION_EX, 1 one whose header names another
                   object, 2 a NULL pointer (both for the robustness tests) */
} scenario_line;

static admin_dll g_dlls[MAX_DLLS];
static int g_ndlls;
static admin_dll *g_ipv4_dll; /* the first DLL exporting the IPv4 pair */
static admin_dll *g_ipv6_dll;
static scenario_line g_lines[MAX_LINES];
static int g_nlines;
static int g_threads = 32;
static int g_repeat = 1;
static int g_quiet;
static int g_measure;
static int g_terminate_during;

static CRITICAL_SECTION g_out; /* one JSON line at a time */
static LONG g_next;            /* next connection index */
static LONG g_total;           /* connections to drive */
static LONG g_accepted, g_denied, g_addr_refused, g_links_denied, g_reauth_denied, g_logs;
static LONG g_inside;        /* threads inside an accept callback now */
static LONG g_max_inside;    /* the most at once */
static LONG g_calls_now;     /* threads inside any timed callback now */
static LONG g_max_calls;     /* the most at once */
static HANDLE g_all_inside;  /* set when g_inside reached g_threads */
static HANDLE g_refusing;    /* --terminate-during: set once the DLLs refuse new
                              * calls; the connections after the first g_threads
                              * wait for it */
static double g_max_call_ms; /* under g_out */
static LARGE_INTEGER g_freq;

/* ---- output ----------------------------------------------------------------- */

static void
json_str(char *out, size_t n, const WCHAR *s)
{
    char u[4 * (MPRX_MAX_INTERFACE_NAME_LEN + 1)];
    size_t o = 0;
    const unsigned char *p;

    if (WideCharToMultiByte(CP_UTF8, 0, s, -1, u, (int)sizeof u, NULL, NULL) <= 0) {
        strcpy(u, "?");
    }
    for (p = (const unsigned char *)u; *p && o + 8 < n; p++) {
        if (*p == '"' || *p == '\\') {
            out[o++] = '\\';
            out[o++] = (char)*p;
        } else if (*p < 0x20) {
            o += (size_t)snprintf(out + o, n - o, "\\u%04x", *p);
        } else {
            out[o++] = (char)*p;
        }
    }
    out[o] = '\0';
}

static void
emit(const char *line)
{
    EnterCriticalSection(&g_out);
    fputs(line, stdout);
    fputc('\n', stdout);
    fflush(stdout);
    LeaveCriticalSection(&g_out);
}

static void
ipv4_text(DWORD a, char *out, size_t n)
{
    snprintf(out, n, "%u.%u.%u.%u", (unsigned)(a & 0xff), (unsigned)((a >> 8) & 0xff),
             (unsigned)((a >> 16) & 0xff), (unsigned)(a >> 24));
}

static void
ipv6_text(const MPRX_IN6_ADDR *a, char *out, size_t n)
{
    size_t o = 0;
    int i;

    for (i = 0; i < 8 && o + 6 < n; i++) {
        o += (size_t)snprintf(out + o, n - o, "%s%x", i ? ":" : "",
                              (unsigned)((a->Byte[2 * i] << 8) | a->Byte[2 * i + 1]));
    }
}

static double
elapsed_ms(LARGE_INTEGER since)
{
    LARGE_INTEGER now;

    QueryPerformanceCounter(&now);
    return (double)(now.QuadPart - since.QuadPart) * 1000.0 / (double)g_freq.QuadPart;
}

/* Every timed call into a DLL: start_call before, note_call after; counts
 * the calls in progress (any callback) and the most at once. */
static void
start_call(LARGE_INTEGER *t0)
{
    LONG now = InterlockedIncrement(&g_calls_now);
    LONG max = g_max_calls;

    while (now > max && InterlockedCompareExchange(&g_max_calls, now, max) != max) {
        max = g_max_calls;
    }
    QueryPerformanceCounter(t0);
}

static void
note_call(double ms)
{
    InterlockedDecrement(&g_calls_now);
    EnterCriticalSection(&g_out);
    if (ms > g_max_call_ms) {
        g_max_call_ms = ms;
    }
    LeaveCriticalSection(&g_out);
}

static void WINAPI
on_log(void *context, DWORD level, const WCHAR *message)
{
    char line[2600];
    char text[2400];

    InterlockedIncrement(&g_logs);
    if (g_quiet) {
        return;
    }
    json_str(text, sizeof text, message);
    snprintf(line, sizeof line, "{\"event\":\"log\",\"dll\":%d,\"level\":%lu,\"message\":\"%s\"}",
             (int)(INT_PTR)context, (unsigned long)level, text);
    emit(line);
}

/* ---- loading and checking ------------------------------------------------- */

/* Loads the DLL and checks its exports (rras_dll_load); a refusal is
 * printed the way RRAS reports it: the missing export, and RRAS not
 * starting. */
static int
load_dll(admin_dll *d)
{
    char line[1400];
    char esc[3 * MAX_PATH + 16];
    rras_refusal why;
    FARPROC f;

    json_str(esc, sizeof esc, d->path);
    strcpy(d->upath, esc);
    if (rras_dll_load(&d->r, d->path, &why) != 0) {
        if (why.missing[0] == 0) {
            snprintf(line, sizeof line,
                     "{\"event\":\"refused\",\"dll\":\"%s\",\"missing\":\"\",\"message\":"
                     "\"cannot load %s (error %lu)\"}",
                     d->upath, d->upath, (unsigned long)why.load_error);
        } else {
            snprintf(line, sizeof line,
                     "{\"event\":\"refused\",\"dll\":\"%s\",\"missing\":\"%s\",\"message\":"
                     "\"%s is not exported by %s: %s; the remote access service does not "
                     "start\"}",
                     d->upath, why.missing, why.missing, d->upath, why.why);
        }
        emit(line);
        return -1;
    }
    /* the project's own two (RasPyAdmin*), when the DLL is ours */
    f = GetProcAddress(d->r.module, "RasPyAdminGetStats");
    memcpy(&d->get_stats, &f, sizeof d->get_stats);
    f = GetProcAddress(d->r.module, "RasPyAdminSetLogCallback");
    memcpy(&d->set_log, &f, sizeof d->set_log);
    if (d->r.get_ipv4 != NULL && g_ipv4_dll == NULL) {
        g_ipv4_dll = d;
    }
    if (d->r.get_ipv6 != NULL && g_ipv6_dll == NULL) {
        g_ipv6_dll = d;
    }
    snprintf(line, sizeof line,
             "{\"event\":\"loaded\",\"dll\":\"%s\",\"init\":\"%s\",\"connection_pair\":\"%s\","
             "\"reauth\":\"%s\",\"ipv4_pair\":%s,\"ipv6_pair\":%s}",
             d->upath, d->r.init_ex ? "Ex" : "plain",
             d->r.pair == RRAS_PAIR_EX  ? "Ex"
             : d->r.pair == RRAS_PAIR_3 ? "3"
             : d->r.pair == RRAS_PAIR_2 ? "2"
                                        : "1",
             d->r.reauth_ex ? "Ex" : "plain", d->r.get_ipv4 ? "true" : "false",
             d->r.get_ipv6 ? "true" : "false");
    emit(line);
    return 0;
}

static int
read_registry(const char *given)
{
    HKEY key;
    WCHAR raw[4096];
    WCHAR expanded[4096];
    DWORD type = 0;
    DWORD size = sizeof raw - sizeof(WCHAR);
    LONG rc;
    WCHAR *p;
    WCHAR *next;
    char line[256];

    if (given != NULL) {
        /* --dllpath: the value itself (tests that share a Wine prefix run
         * several hosts at once) */
        if (MultiByteToWideChar(CP_ACP, 0, given, -1, raw, 4096) == 0) {
            emit("{\"event\":\"error\",\"message\":\"--dllpath is too long\"}");
            return -1;
        }
        goto parse;
    }
    rc = RegOpenKeyExW(HKEY_LOCAL_MACHINE, L"SOFTWARE\\Microsoft\\RAS\\AdminDll", 0,
                       KEY_READ | KEY_WOW64_64KEY, &key);
    if (rc != ERROR_SUCCESS) {
        snprintf(line, sizeof line,
                 "{\"event\":\"error\",\"message\":\"HKLM\\\\SOFTWARE\\\\Microsoft\\\\RAS\\\\"
                 "AdminDll cannot be opened (error %ld)\"}",
                 (long)rc);
        emit(line);
        return -1;
    }
    memset(raw, 0, sizeof raw);
    rc = RegQueryValueExW(key, L"DLLPath", NULL, &type, (BYTE *)raw, &size);
    RegCloseKey(key);
    if (rc != ERROR_SUCCESS || (type != REG_SZ && type != REG_EXPAND_SZ)) {
        snprintf(line, sizeof line,
                 "{\"event\":\"error\",\"message\":\"DLLPath is missing or not a string (error "
                 "%ld, type %lu)\"}",
                 (long)rc, (unsigned long)type);
        emit(line);
        return -1;
    }
    if (type == REG_EXPAND_SZ) {
        if (ExpandEnvironmentStringsW(raw, expanded, 4096) == 0) {
            return -1;
        }
        wcscpy(raw, expanded);
    }
parse:
    for (p = raw; p != NULL && *p != 0; p = next) {
        size_t n;

        next = wcschr(p, L';');
        if (next != NULL) {
            *next++ = 0;
        }
        while (*p == L' ' || *p == L'\t') {
            p++;
        }
        n = wcslen(p);
        while (n > 0 && (p[n - 1] == L' ' || p[n - 1] == L'\t')) {
            p[--n] = 0;
        }
        if (n == 0) {
            continue;
        }
        if (g_ndlls == MAX_DLLS || n >= MAX_PATH) {
            emit("{\"event\":\"error\",\"message\":\"DLLPath: too many or too long paths\"}");
            return -1;
        }
        wcscpy(g_dlls[g_ndlls++].path, p);
    }
    if (g_ndlls == 0) {
        emit("{\"event\":\"error\",\"message\":\"DLLPath lists no DLL\"}");
        return -1;
    }
    return 0;
}

/* ---- the scenario ---------------------------------------------------------- */

static int
parse_ipv4(const char *s, DWORD *out)
{
    unsigned a, b, c, d;
    char extra;

    if (sscanf(s, "%u.%u.%u.%u%c", &a, &b, &c, &d, &extra) != 4 || a > 255 || b > 255 || c > 255 ||
        d > 255) {
        return -1;
    }
    *out = (DWORD)a | ((DWORD)b << 8) | ((DWORD)c << 16) | ((DWORD)d << 24);
    return 0;
}

static int
parse_line(char *text, scenario_line *l)
{
    char *tok;

    memset(l, 0, sizeof *l);
    l->links = 1;
    l->bytes = 4096;
    /* strtok: only the main thread parses, before any driver starts */
    tok = strtok(text, " \t\r\n");
    if (tok == NULL || tok[0] == '#') {
        return 0; /* blank or comment */
    }
    if (MultiByteToWideChar(CP_UTF8, 0, tok, -1, l->user, MPRX_UNLEN + 1) <= 0) {
        return -1;
    }
    while ((tok = strtok(NULL, " \t\r\n")) != NULL) {
        if (strncmp(tok, "ipv4=", 5) == 0) {
            if (parse_ipv4(tok + 5, &l->ipv4)) {
                return -1;
            }
        } else if (strncmp(tok, "ipv6=", 5) == 0) {
            l->ipv6 = atoi(tok + 5) != 0;
        } else if (strncmp(tok, "links=", 6) == 0) {
            l->links = atoi(tok + 6);
            if (l->links < 1 || l->links > 8) {
                return -1;
            }
        } else if (strncmp(tok, "reauth=", 7) == 0) {
            l->reauth = atoi(tok + 7);
            if (l->reauth < 0 || l->reauth > 8) {
                return -1;
            }
        } else if (strcmp(tok, "header=bad") == 0) {
            l->header = 1;
        } else if (strcmp(tok, "header=null") == 0) {
            l->header = 2;
        } else if (strncmp(tok, "bytes=", 6) == 0) {
            l->bytes = (DWORD)strtoul(tok + 6, NULL, 10);
        } else {
            return -1;
        }
    }
    return 1;
}

static int
load_scenario(const char *path)
{
    static const char *const builtin[] = {
        "alice ipv4=10.0.0.10 ipv6=1 links=2 reauth=1 bytes=123456",
        "bob ipv4=10.0.0.11",
        "carol ipv4=10.0.0.12 links=1 bytes=42",
        "dave",
        "erin ipv6=1 reauth=2",
    };
    char buf[1024];
    FILE *f;
    size_t i;
    int rc;

    if (path == NULL) {
        for (i = 0; i < sizeof builtin / sizeof builtin[0]; i++) {
            strcpy(buf, builtin[i]);
            if (parse_line(buf, &g_lines[g_nlines]) == 1) {
                g_nlines++;
            }
        }
        return 0;
    }
    f = fopen(path, "r");
    if (f == NULL) {
        return -1;
    }
    while (fgets(buf, sizeof buf, f) != NULL) {
        if (g_nlines == MAX_LINES) {
            fclose(f);
            return -1;
        }
        rc = parse_line(buf, &g_lines[g_nlines]);
        if (rc < 0) {
            fclose(f);
            return -1;
        }
        g_nlines += rc;
    }
    fclose(f);
    return g_nlines > 0 ? 0 : -1;
}

/* ---- realistic structures ------------------------------------------------ */

static void
fill_connection(MPRX_RAS_CONNECTION_EX *c, const scenario_line *l, LONG id, DWORD ipv4)
{
    memset(c, 0, sizeof *c);
    c->Header.revision = MPRX_RAS_CONNECTION_OBJECT_REVISION_1;
    c->Header.type = MPRX_OBJECT_TYPE_RAS_CONNECTION_OBJECT;
    c->Header.size = (USHORT)sizeof *c;
    c->dwConnectDuration = (DWORD)(id % 3600);
    c->dwInterfaceType = MPRX_ROUTER_IF_TYPE_CLIENT;
    c->dwConnectionFlags = MPRX_RAS_FLAGS_PPP_CONNECTION;
    wcscpy(c->wszInterfaceName, l->user);
    wcscpy(c->wszUserName, l->user);
    wcscpy(c->wszLogonDomain, L"EXAMPLE");
    _snwprintf(c->wszRemoteComputer, MPRX_NETBIOS_NAME_LEN, L"CLIENT%ld", (long)(id % 100000));
    c->guid.Data1 = (unsigned long)id;
    c->rasQuarState = MPRX_RAS_QUAR_STATE_NORMAL;
    _snwprintf(c->wszRemoteEndpointAddress, MPRX_MAXIPADRESSLEN, L"203.0.113.%ld",
               (long)(id % 250 + 1));
    wcscpy(c->wszLocalEndpointAddress, L"192.0.2.1");
    c->ProjectionInfo.projectionInfoType = MPRX_PPP_PROJECTION_INFO_TYPE;
    wcscpy(c->ProjectionInfo.u.PppProjectionInfo.wszAddress, L"10.0.0.1");
    if (ipv4 != 0) {
        char t[32];
        ipv4_text(ipv4, t, sizeof t);
        MultiByteToWideChar(CP_UTF8, 0, t, -1,
                            c->ProjectionInfo.u.PppProjectionInfo.wszRemoteAddress,
                            MPRX_IPADDRESSLEN + 1);
    }
    c->ProjectionInfo.u.PppProjectionInfo.dwAuthenticationProtocol = 0xC227; /* EAP */
    c->ProjectionInfo.u.PppProjectionInfo.dwEapTypeId = 26;                  /* MSCHAPv2 */
    c->hConnection = (HANDLE)(ULONG_PTR)(0x10000 + id);
    c->hInterface = (HANDLE)(ULONG_PTR)(0x20000 + id);
}

static void
fill_port(MPRX_RAS_PORT_0 *p0, MPRX_RAS_PORT_1 *p1, LONG id, int link, DWORD bytes)
{
    memset(p0, 0, sizeof *p0);
    memset(p1, 0, sizeof *p1);
    p0->hPort = (HANDLE)(ULONG_PTR)(0x30000 + id * 8 + link);
    p0->hConnection = (HANDLE)(ULONG_PTR)(0x10000 + id);
    p0->dwPortCondition = MPRX_RAS_PORT_AUTHENTICATED;
    p0->dwTotalNumberOfCalls = 1;
    _snwprintf(p0->wszPortName, MPRX_MAX_PORT_NAME, L"VPN%d-%ld", link, (long)(id % 1000));
    wcscpy(p0->wszMediaName, L"rastapi");
    wcscpy(p0->wszDeviceName, L"WAN Miniport (IKEv2)");
    wcscpy(p0->wszDeviceType, L"vpn");
    p1->hPort = p0->hPort;
    p1->hConnection = p0->hConnection;
    p1->dwHardwareCondition = MPRX_RAS_HARDWARE_OPERATIONAL;
    p1->dwLineSpeed = 100000000;
    p1->dwBytesXmited = bytes;
    p1->dwBytesRcved = bytes / 2;
    p1->dwFramesXmited = bytes / 1000 + 1;
    p1->dwFramesRcved = bytes / 2000 + 1;
}

/* ---- driving ------------------------------------------------------------- */

static LONG dll_in_flight(void);
static LONG dll_accepting(void);

static void
enter_callback(void)
{
    LONG now = InterlockedIncrement(&g_inside);
    LONG max = g_max_inside;

    while (now > max && InterlockedCompareExchange(&g_max_inside, now, max) != max) {
        max = g_max_inside;
    }
    if (now >= g_threads && g_all_inside != NULL) {
        SetEvent(g_all_inside);
    }
}

static void
leave_callback(void)
{
    InterlockedDecrement(&g_inside);
}

static void
drive_one(LONG id)
{
    const scenario_line *l = &g_lines[id % g_nlines];
    rras_shapes sh;
    MPRX_IN6_ADDR v6;
    WCHAR user[MPRX_UNLEN + 1];
    WCHAR port[MPRX_MAX_PORT_NAME + 1];
    DWORD ipv4 = l->ipv4;
    BOOL release4 = FALSE, release6 = FALSE, accepted = TRUE, ok;
    char juser[1100], a[64], b[64], line[1600];
    LARGE_INTEGER t0;
    double ms;
    DWORD rc;
    int i, k, links_up = 0;

    json_str(juser, sizeof juser, l->user);
    wcscpy(user, l->user);
    _snwprintf(port, MPRX_MAX_PORT_NAME, L"VPN0-%ld", (long)(id % 1000));
    port[MPRX_MAX_PORT_NAME] = 0;

    /* 1. addresses (IPCP / IPv6CP, before the connection is complete) */
    if (g_ipv4_dll != NULL) {
        DWORD proposed = ipv4;
        start_call(&t0);
        rc = rras_dll_get_ipv4(&g_ipv4_dll->r, user, port, &ipv4, &release4);
        ms = elapsed_ms(t0);
        note_call(ms);
        if (!g_quiet) {
            ipv4_text(proposed, a, sizeof a);
            ipv4_text(ipv4, b, sizeof b);
            snprintf(line, sizeof line,
                     "{\"event\":\"address\",\"family\":4,\"id\":%ld,\"user\":\"%s\","
                     "\"proposed\":\"%s\",\"assigned\":\"%s\",\"rc\":%lu,"
                     "\"notify_release\":%s,\"ms\":%.1f}",
                     (long)id, juser, a, b, (unsigned long)rc, release4 ? "true" : "false", ms);
            emit(line);
        }
        if (rc != NO_ERROR) {
            InterlockedIncrement(&g_addr_refused);
            InterlockedIncrement(&g_denied);
            return; /* RRAS ends the connection */
        }
    }
    memset(&v6, 0, sizeof v6);
    if (l->ipv6 && g_ipv6_dll != NULL) {
        v6.Byte[0] = 0xfd;
        v6.Byte[15] = (BYTE)(id & 0xff);
        start_call(&t0);
        rc = rras_dll_get_ipv6(&g_ipv6_dll->r, user, port, &v6, &release6);
        ms = elapsed_ms(t0);
        note_call(ms);
        if (!g_quiet) {
            ipv6_text(&v6, b, sizeof b);
            snprintf(line, sizeof line,
                     "{\"event\":\"address\",\"family\":6,\"id\":%ld,\"user\":\"%s\","
                     "\"assigned\":\"%s\",\"rc\":%lu,\"notify_release\":%s,\"ms\":%.1f}",
                     (long)id, juser, b, (unsigned long)rc, release6 ? "true" : "false", ms);
            emit(line);
        }
        if (rc != NO_ERROR) {
            InterlockedIncrement(&g_addr_refused);
            InterlockedIncrement(&g_denied);
            if (release4) {
                rras_dll_release_ipv4(&g_ipv4_dll->r, user, port, &ipv4);
            }
            return;
        }
    }

    /* 2. the connection: every DLL must accept */
    fill_connection(&sh.ex, l, id, ipv4);
    memset(&sh.c0, 0, sizeof sh.c0);
    memset(&sh.c1, 0, sizeof sh.c1);
    memset(&sh.c2, 0, sizeof sh.c2);
    memset(&sh.c3, 0, sizeof sh.c3);
    sh.c0.hConnection = sh.c1.hConnection = sh.c2.hConnection = sh.c3.hConnection =
        sh.ex.hConnection;
    wcscpy(sh.c0.wszUserName, l->user);
    wcscpy(sh.c2.wszUserName, l->user);
    wcscpy(sh.c3.wszUserName, l->user);
    sh.c3.dwVersion = 0;
    sh.c3.dwSize = (DWORD)sizeof sh.c3;
    if (l->header == 1) {
        sh.ex.Header.type = 5; /* MPRAPI_OBJECT_TYPE_UPDATE_CONNECTION_OBJECT */
    }
    for (i = 0; i < g_ndlls; i++) {
        enter_callback();
        start_call(&t0);
        ok = rras_dll_accept(&g_dlls[i].r, l->header == 2 ? NULL : &sh.ex, &sh.c0, &sh.c1, &sh.c2,
                             &sh.c3);
        ms = elapsed_ms(t0);
        leave_callback();
        note_call(ms);
        if (!g_quiet) {
            snprintf(line, sizeof line,
                     "{\"event\":\"connection\",\"id\":%ld,\"user\":\"%s\",\"dll\":%d,"
                     "\"accepted\":%s,\"ms\":%.1f}",
                     (long)id, juser, i, ok ? "true" : "false", ms);
            emit(line);
        }
        if (!ok) {
            accepted = FALSE;
            break; /* RRAS stops at the first refusal */
        }
    }
    if (!accepted) {
        InterlockedIncrement(&g_denied);
        if (release4) {
            rras_dll_release_ipv4(&g_ipv4_dll->r, user, port, &ipv4);
        }
        if (release6) {
            rras_dll_release_ipv6(&g_ipv6_dll->r, user, port, &v6);
        }
        return;
    }
    InterlockedIncrement(&g_accepted);

    /* 3. the links: every DLL must accept each */
    for (k = 0; k < l->links; k++) {
        fill_port(&sh.p0, &sh.p1, id, k, 0);
        ok = TRUE;
        for (i = 0; i < g_ndlls && ok; i++) {
            start_call(&t0);
            ok = rras_dll_accept_link(&g_dlls[i].r, &sh.p0, &sh.p1);
            ms = elapsed_ms(t0);
            note_call(ms);
            if (!g_quiet) {
                json_str(a, sizeof a, sh.p0.wszPortName);
                snprintf(line, sizeof line,
                         "{\"event\":\"link\",\"id\":%ld,\"user\":\"%s\",\"port\":\"%s\","
                         "\"dll\":%d,\"accepted\":%s,\"ms\":%.1f}",
                         (long)id, juser, a, i, ok ? "true" : "false", ms);
                emit(line);
            }
        }
        if (!ok) {
            InterlockedIncrement(&g_links_denied);
            continue;
        }
        links_up++;
    }

    /* 4. reauthentications */
    for (k = 0; k < l->reauth; k++) {
        for (i = 0; i < g_ndlls; i++) {
            start_call(&t0);
            ok = rras_dll_reauth(&g_dlls[i].r, &sh.ex, &sh.c0, &sh.c1, &sh.c2, &sh.c3);
            ms = elapsed_ms(t0);
            note_call(ms);
            if (!g_quiet) {
                snprintf(line, sizeof line,
                         "{\"event\":\"reauth\",\"id\":%ld,\"user\":\"%s\",\"dll\":%d,"
                         "\"accepted\":%s,\"ms\":%.1f}",
                         (long)id, juser, i, ok ? "true" : "false", ms);
                emit(line);
            }
            if (!ok) {
                InterlockedIncrement(&g_reauth_denied);
                break;
            }
        }
    }

    /* 5. hang-up: links, connection (with its statistics), addresses */
    for (k = 0; k < links_up; k++) {
        fill_port(&sh.p0, &sh.p1, id, k, l->bytes);
        for (i = 0; i < g_ndlls; i++) {
            rras_dll_link_hangup(&g_dlls[i].r, &sh.p0, &sh.p1);
        }
    }
    sh.ex.dwBytesXmited = l->bytes;
    sh.ex.dwBytesRcved = l->bytes / 2;
    sh.ex.dwFramesXmited = l->bytes / 1000 + 1;
    sh.ex.dwFramesRcved = l->bytes / 2000 + 1;
    sh.ex.dwConnectDuration = 60;
    sh.c1.dwBytesXmited = sh.ex.dwBytesXmited;
    sh.c1.dwBytesRcved = sh.ex.dwBytesRcved;
    for (i = 0; i < g_ndlls; i++) {
        start_call(&t0);
        rras_dll_hangup(&g_dlls[i].r, &sh.ex, &sh.c0, &sh.c1, &sh.c2, &sh.c3);
        note_call(elapsed_ms(t0));
    }
    if (!g_quiet) {
        snprintf(line, sizeof line,
                 "{\"event\":\"hangup\",\"id\":%ld,\"user\":\"%s\",\"links\":%d,"
                 "\"bytes_sent\":%lu,\"bytes_received\":%lu}",
                 (long)id, juser, links_up, (unsigned long)sh.ex.dwBytesXmited,
                 (unsigned long)sh.ex.dwBytesRcved);
        emit(line);
    }
    if (release4) {
        rras_dll_release_ipv4(&g_ipv4_dll->r, user, port, &ipv4);
    }
    if (release6) {
        rras_dll_release_ipv6(&g_ipv6_dll->r, user, port, &v6);
    }
    if (!g_quiet && (release4 || release6)) {
        ipv4_text(ipv4, a, sizeof a);
        snprintf(line, sizeof line,
                 "{\"event\":\"release\",\"id\":%ld,\"user\":\"%s\",\"ipv4\":%s,\"ipv6\":%s,"
                 "\"address\":\"%s\"}",
                 (long)id, juser, release4 ? "true" : "false", release6 ? "true" : "false", a);
        emit(line);
    }
}

static DWORD WINAPI
driver(LPVOID arg)
{
    LONG id;

    (void)arg;
    while ((id = InterlockedIncrement(&g_next) - 1) < g_total) {
        if (g_refusing != NULL && id >= g_threads) {
            WaitForSingleObject(g_refusing, INFINITE);
        }
        drive_one(id);
    }
    return 0;
}

static LARGE_INTEGER g_terminate_t0;
static double g_terminate_ms;

/* --terminate-during's terminator: every DLL, in reverse order. */
static DWORD WINAPI
terminator(LPVOID arg)
{
    int i;

    (void)arg;
    for (i = g_ndlls - 1; i >= 0; i--) {
        if (g_dlls[i].initialized) {
            rras_dll_terminate(&g_dlls[i].r);
            g_dlls[i].initialized = 0;
        }
    }
    g_terminate_ms = elapsed_ms(g_terminate_t0);
    return 0;
}

/* Terminates the DLLs on a thread of its own while the calls are in flight;
 * lets the remaining connections go once the first DLL (terminated last)
 * refuses new calls, or once terminate returned.  0, or -3 if the thread could
 * not start (then terminated here). */
static int
terminate_during(void)
{
    HANDLE t;
    ULONGLONG until = GetTickCount64() + 60000;

    QueryPerformanceCounter(&g_terminate_t0);
    t = CreateThread(NULL, 0, terminator, NULL, 0, NULL);
    if (t == NULL) {
        terminator(NULL);
        SetEvent(g_refusing);
        return -3;
    }
    while (dll_accepting() == 1 && WaitForSingleObject(t, 1) == WAIT_TIMEOUT &&
           GetTickCount64() < until) {
    }
    SetEvent(g_refusing);
    WaitForSingleObject(t, INFINITE);
    CloseHandle(t);
    return 0;
}

static int
run_threads(LONG total)
{
    HANDLE threads[MAX_THREADS];
    int i, n = 0, rc = 0;

    g_next = 0;
    g_total = total;
    g_refusing = g_terminate_during ? CreateEventW(NULL, TRUE, FALSE, NULL) : NULL;
    for (i = 0; i < g_threads; i++) {
        threads[n] = CreateThread(NULL, 0, driver, NULL, 0, NULL);
        if (threads[n] == NULL) {
            emit("{\"event\":\"error\",\"message\":\"CreateThread failed\"}");
            rc = -1;
            break;
        }
        n++;
    }
    if (g_terminate_during && rc == 0) {
        LONG inside, dll_inside;
        char line[320];

        /* wait (bounded) until every thread is inside a callback */
        if (WaitForSingleObject(g_all_inside, 60000) != WAIT_OBJECT_0) {
            emit("{\"event\":\"error\",\"message\":\"the threads never were all inside a "
                 "callback\"}");
            rc = -2;
        }
        /* the host counts a thread before it calls the export: wait (bounded)
         * until the DLL itself has every call in flight, so terminate starts
         * with exactly g_threads calls inside */
        if (rc == 0 && dll_in_flight() >= 0) {
            ULONGLONG until = GetTickCount64() + 10000;
            while (dll_in_flight() < g_threads && GetTickCount64() < until) {
                Sleep(1);
            }
        }
        inside = g_inside;
        dll_inside = dll_in_flight();
        if (rc == 0) {
            rc = terminate_during();
        } else {
            SetEvent(g_refusing);
        }
        /* the DLL's own count: the host's g_inside also holds the remaining
         * connections' calls, refused at once but maybe not yet returned */
        snprintf(line, sizeof line,
                 "{\"event\":\"terminated\",\"during_run\":true,\"inside_at_start\":%ld,"
                 "\"dll_in_flight_at_start\":%ld,\"dll_in_flight_after\":%ld,\"ms\":%.1f}",
                 (long)inside, (long)dll_inside, (long)dll_in_flight(), g_terminate_ms);
        emit(line);
    } else if (g_refusing != NULL) {
        SetEvent(g_refusing);
    }
    if (n > 0) {
        for (i = 0; i < n; i += MAXIMUM_WAIT_OBJECTS) {
            int m = n - i < MAXIMUM_WAIT_OBJECTS ? n - i : MAXIMUM_WAIT_OBJECTS;
            WaitForMultipleObjects((DWORD)m, threads + i, TRUE, INFINITE);
        }
        for (i = 0; i < n; i++) {
            CloseHandle(threads[i]);
        }
    }
    if (g_refusing != NULL) {
        CloseHandle(g_refusing);
        g_refusing = NULL;
    }
    return rc;
}

/* The process's open handles, counted by asking the kernel about every
 * handle value (GetHandleInformation) up to 16 K values past the last one
 * open: Wine's GetProcessHandleCount returns 0, so this is the count the
 * tests use on both. */
static DWORD
scan_handles(void)
{
    DWORD n = 0;
    DWORD flags;
    ULONG_PTR v;
    ULONG_PTR gap = 0;

    for (v = 4; gap < 16384; v += 4) {
        if (GetHandleInformation((HANDLE)v, &flags)) {
            n++;
            gap = 0;
        } else {
            gap += 4;
        }
    }
    return n;
}

/* The process's handles and committed private memory: the handle count
 * (GetProcessHandleCount: 0 on Wine) and the scanned one; PrivateUsage (0 on
 * Wine) and PagefileUsage (the commit charge: the same as PrivateUsage on
 * Windows, filled by Wine). */
static void
print_resources(const char *when)
{
    DWORD handles = 0;
    PROCESS_MEMORY_COUNTERS_EX pmc;
    char line[320];

    GetProcessHandleCount(GetCurrentProcess(), &handles);
    memset(&pmc, 0, sizeof pmc);
    pmc.cb = sizeof pmc;
    GetProcessMemoryInfo(GetCurrentProcess(), (PROCESS_MEMORY_COUNTERS *)&pmc, sizeof pmc);
    snprintf(line, sizeof line,
             "{\"event\":\"resources\",\"when\":\"%s\",\"handles\":%lu,\"handles_scanned\":%lu,"
             "\"private_bytes\":%lu,\"commit_bytes\":%lu}",
             when, (unsigned long)handles, (unsigned long)scan_handles(),
             (unsigned long)pmc.PrivateUsage, (unsigned long)pmc.PagefileUsage);
    emit(line);
}

/* A DLL's counters (RasPyAdminGetStats); 0 if it has none. */
static int
dll_counters(const admin_dll *d, host_counters *c)
{
    memset(c, 0, sizeof *c);
    c->size = sizeof *c;
    return d->get_stats != NULL && d->get_stats(c) == NO_ERROR;
}

/* The calls inside the first DLL now, -1 if unknown. */
static LONG
dll_in_flight(void)
{
    host_counters c;

    return g_ndlls > 0 && dll_counters(&g_dlls[0], &c) ? c.in_flight : -1;
}

/* 1 while the first DLL passes calls to its policy, 0 once it refuses them,
 * -1 if unknown (a DLL without the counter). */
static LONG
dll_accepting(void)
{
    host_counters c;

    if (g_ndlls == 0 || !dll_counters(&g_dlls[0], &c) || c.size < sizeof c) {
        return -1;
    }
    return c.accepting;
}

static void
print_stats(admin_dll *d, int index, const char *when)
{
    host_counters c;
    char line[700];

    if (!dll_counters(d, &c)) {
        return;
    }
    snprintf(line, sizeof line,
             "{\"event\":\"stats\",\"dll\":%d,\"when\":\"%s\",\"calls\":%ld,\"answered\":%ld,"
             "\"timeouts\":%ld,\"failures\":%ld,\"refused_closed\":%ld,\"refused_busy\":%ld,"
             "\"in_flight\":%ld,\"workers_alive\":%ld,\"workers_stuck\":%ld,"
             "\"eventlog_reports\":%ld,\"eventlog_failures\":%ld,\"accepting\":%ld}",
             index, when, (long)c.calls, (long)c.answered, (long)c.timeouts, (long)c.failures,
             (long)c.refused_closed, (long)c.refused_busy, (long)c.in_flight, (long)c.workers_alive,
             (long)c.workers_stuck, (long)c.eventlog_reports, (long)c.eventlog_failures,
             (long)c.accepting);
    emit(line);
}

static int
usage(void)
{
    fprintf(stderr, "usage: rrashost [--threads N] [--scenario FILE] [--repeat N] [--quiet] "
                    "[--measure] [--terminate-during] [--dllpath VALUE]\n");
    return 2;
}

int
main(int argc, char **argv)
{
    const char *scenario = NULL;
    const char *dllpath = NULL;
    char line[512];
    LARGE_INTEGER t0;
    LONG total;
    int i, rc = 0;

    InitializeCriticalSection(&g_out);
    QueryPerformanceFrequency(&g_freq);
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--threads") == 0 && i + 1 < argc) {
            g_threads = atoi(argv[++i]);
            if (g_threads < 1 || g_threads > MAX_THREADS) {
                return usage();
            }
        } else if (strcmp(argv[i], "--scenario") == 0 && i + 1 < argc) {
            scenario = argv[++i];
        } else if (strcmp(argv[i], "--repeat") == 0 && i + 1 < argc) {
            g_repeat = atoi(argv[++i]);
            if (g_repeat < 1) {
                return usage();
            }
        } else if (strcmp(argv[i], "--quiet") == 0) {
            g_quiet = 1;
        } else if (strcmp(argv[i], "--measure") == 0) {
            g_measure = 1;
        } else if (strcmp(argv[i], "--terminate-during") == 0) {
            g_terminate_during = 1;
        } else if (strcmp(argv[i], "--dllpath") == 0 && i + 1 < argc) {
            dllpath = argv[++i];
        } else {
            return usage();
        }
    }
    if (load_scenario(scenario) != 0) {
        fprintf(stderr, "rrashost: bad scenario %s\n", scenario ? scenario : "(built-in)");
        return 2;
    }
    if (read_registry(dllpath) != 0) {
        return 2;
    }
    for (i = 0; i < g_ndlls; i++) {
        if (load_dll(&g_dlls[i]) != 0) {
            rc = 3;
            break;
        }
    }
    for (i = 0; i < g_ndlls && rc == 0; i++) {
        admin_dll *d = &g_dlls[i];
        DWORD res;
        int n = 0;

        if (d->set_log != NULL) {
            d->set_log(on_log, (void *)(INT_PTR)i);
        }
        res = rras_dll_initialize(&d->r);
        if (d->r.init_ex != NULL) {
            n = (d->r.table.lpfnMprAdminGetIpAddressForUser != NULL) +
                (d->r.table.lpfnMprAdminReleaseIpAddress != NULL) +
                (d->r.table.lpfnMprAdminGetIpv6AddressForUser != NULL) +
                (d->r.table.lpfnMprAdminReleaseIpV6AddressForUser != NULL) +
                (d->r.table.lpfnRasAdminAcceptNewLink != NULL) +
                (d->r.table.lpfnRasAdminLinkHangupNotification != NULL) +
                (d->r.table.lpfnRasAdminTerminateDll != NULL) +
                (d->r.table.lpfnRasAdminAcceptNewConnectionEx != NULL) +
                (d->r.table.lpfnRasAdminAcceptEndpointChangeEx != NULL) +
                (d->r.table.lpfnRasAdminAcceptReauthenticationEx != NULL) +
                (d->r.table.lpfnRasAdminConnectionHangupNotificationEx != NULL) +
                (d->r.table.lpfnRASValidatePreAuthenticatedConnectionEx != NULL);
        }
        snprintf(line, sizeof line,
                 "{\"event\":\"initialized\",\"dll\":%d,\"rc\":%lu,\"revision\":%u,"
                 "\"table_entries\":%d}",
                 i, (unsigned long)res, (unsigned)d->r.table.revision, n);
        emit(line);
        if (res != NO_ERROR) {
            rc = 4;
            break;
        }
        d->initialized = 1;
    }
    if (rc == 0) {
        g_all_inside = CreateEventW(NULL, TRUE, FALSE, NULL);
        total = (LONG)g_nlines * g_repeat;
        if (g_measure) {
            /* a warm-up pass, a tenth of the run (at least one connection per
             * thread): the workers, heaps and CRT reach their steady size */
            int quiet = g_quiet;
            LONG warm = total / 10 > g_threads ? total / 10 : g_threads;
            g_quiet = 1;
            run_threads(warm);
            g_quiet = quiet;
            g_accepted = g_denied = g_addr_refused = g_links_denied = g_reauth_denied = 0;
            g_max_inside = 0;
            g_max_calls = 0;
            g_max_call_ms = 0;
            print_resources("before");
        }
        QueryPerformanceCounter(&t0);
        if (run_threads(total) != 0) {
            rc = 5;
        }
        snprintf(
            line, sizeof line,
            "{\"event\":\"summary\",\"connections\":%ld,\"accepted\":%ld,\"denied\":%ld,"
            "\"address_refused\":%ld,\"links_denied\":%ld,\"reauth_denied\":%ld,"
            "\"logs\":%ld,\"threads\":%d,\"max_inside_accept\":%ld,\"max_concurrent_calls\":%ld,"
            "\"max_call_ms\":%.1f,\"elapsed_ms\":%.1f}",
            (long)total, (long)g_accepted, (long)g_denied, (long)g_addr_refused,
            (long)g_links_denied, (long)g_reauth_denied, (long)g_logs, g_threads,
            (long)g_max_inside, (long)g_max_calls, g_max_call_ms, elapsed_ms(t0));
        emit(line);
        if (g_measure) {
            print_resources("after");
        }
        for (i = 0; i < g_ndlls; i++) {
            print_stats(&g_dlls[i], i, "run");
        }
        CloseHandle(g_all_inside);
    }
    /* terminate in reverse order, then unload */
    for (i = g_ndlls - 1; i >= 0; i--) {
        if (g_dlls[i].initialized) {
            QueryPerformanceCounter(&t0);
            rras_dll_terminate(&g_dlls[i].r);
            g_dlls[i].initialized = 0;
            snprintf(line, sizeof line, "{\"event\":\"terminated\",\"dll\":%d,\"ms\":%.1f}", i,
                     elapsed_ms(t0));
            emit(line);
        }
        if (g_dlls[i].r.module != NULL) {
            print_stats(&g_dlls[i], i, "terminated");
            if (g_dlls[i].set_log != NULL) {
                g_dlls[i].set_log(NULL, NULL);
            }
            rras_dll_free(&g_dlls[i].r);
        }
    }
    DeleteCriticalSection(&g_out);
    return rc;
}
