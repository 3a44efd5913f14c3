/*
 * adminrras.c -- the simulated server consulting real RRAS administration
 * DLLs (the scenario key AdminDll=, docs/simulator.md "The server's admin
 * policy").  Windows only: off Windows AdminDll= is a bad scenario.
 *
 * AdminDll= holds what RRAS's DLLPath holds: one DLL path or several,
 * separated by ';'.  The first dial naming a value loads each DLL with the
 * contract's checks (rrasdll.c, the rules RRAS applies before it starts) and
 * initializes it; the set is kept for later dials naming the same value
 * until sim_rras_reset (RasSimReset), which terminates and frees every set
 * once no connection of it is still being admitted or ended.  A DLL that
 * does not load, lacks an export or fails its initialize denies that dial
 * (the set is not kept: the next dial tries again), as a Python policy that
 * cannot be loaded does.
 *
 * Per connection, in the order the Python hooks use: every DLL accepts the
 * connection (MprAdminAcceptNewConnection*), then its only link
 * (MprAdminAcceptNewLink); then the first DLL exporting the IPv4 pair is
 * asked for the client's address (MprAdminGetIpAddressForUser, the
 * scenario's IpAddress= proposed).  The first refusal denies; an address
 * error denies too (RRAS ends the connection).  At the end: the link's and
 * the connection's hang-up notifications with the totals, then
 * MprAdminReleaseIpAddress when the DLL asked for it (bNotifyRelease).
 */
#include "common.h"
#include "adminhook.h"
#include "adminrras.h"
#include "util.h"

#ifdef _WIN32

#include "rrasdll.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RRAS_MAX_DLLS 8

typedef struct rras_set {
    struct rras_set *next;
    char *spec; /* AdminDll= as written */
    int n;
    rras_dll dlls[RRAS_MAX_DLLS];
    int ipv4;  /* index of the first DLL with the IPv4 pair, -1 for none */
    int ipv6;  /* ... with the IPv6 pair */
    LONG refs; /* 1 while registered + 1 per connection admitted or being admitted */
} rras_set;

/* An admitted connection: what its end needs. */
typedef struct rras_admitted {
    struct rras_admitted *next;
    uint64_t connection_id;
    rras_set *set;
    BOOL notify_release;
    DWORD ipv4; /* the address the DLL answered (network order in memory) */
    BOOL notify_release6;
    MPRX_IN6_ADDR ipv6;
} rras_admitted;

static SRWLOCK g_lock = SRWLOCK_INIT;
static rras_set *g_sets;
static rras_admitted *g_admitted;
/* Loads run one at a time (a second dial naming the value waits for it). */
static SRWLOCK g_load_lock = SRWLOCK_INIT;

static void
set_release(rras_set *s)
{
    int i;

    if (InterlockedDecrement(&s->refs) != 0) {
        return;
    }
    for (i = s->n - 1; i >= 0; i--) {
        rras_dll_terminate(&s->dlls[i]);
    }
    for (i = s->n - 1; i >= 0; i--) {
        rras_dll_free(&s->dlls[i]);
    }
    free(s->spec);
    free(s);
}

/* The registered set for spec, with a reference for the caller; NULL if none. */
static rras_set *
set_find(const char *spec)
{
    rras_set *s;

    AcquireSRWLockShared(&g_lock);
    for (s = g_sets; s != NULL; s = s->next) {
        if (strcmp(s->spec, spec) == 0) {
            InterlockedIncrement(&s->refs);
            break;
        }
    }
    ReleaseSRWLockShared(&g_lock);
    return s;
}

/* Loads and initializes every DLL of spec; the set (one reference for the
 * registry, one for the caller) or NULL. */
static rras_set *
set_load(const char *spec)
{
    rras_set *s = calloc(1, sizeof *s);
    const char *p = spec;

    if (s == NULL || (s->spec = sim_strdup(spec)) == NULL) {
        free(s);
        return NULL;
    }
    s->ipv4 = s->ipv6 = -1;
    while (*p != 0) {
        const char *end = strchr(p, ';');
        size_t len = end != NULL ? (size_t)(end - p) : strlen(p);
        WCHAR path[MAX_PATH];
        rras_refusal why;
        int wn;

        if (len > 0) {
            wn = s->n < RRAS_MAX_DLLS && len < MAX_PATH
                     ? MultiByteToWideChar(CP_UTF8, 0, p, (int)len, path, MAX_PATH - 1)
                     : 0;
            if (wn <= 0) {
                break;
            }
            path[wn] = 0;
            if (rras_dll_load(&s->dlls[s->n], path, &why) != 0) {
                break;
            }
            if (rras_dll_initialize(&s->dlls[s->n]) != NO_ERROR) {
                rras_dll_free(&s->dlls[s->n]);
                break;
            }
            if (s->ipv4 < 0 && s->dlls[s->n].get_ipv4 != NULL) {
                s->ipv4 = s->n;
            }
            if (s->ipv6 < 0 && s->dlls[s->n].get_ipv6 != NULL) {
                s->ipv6 = s->n;
            }
            s->n++;
        }
        p += len;
        if (*p == ';') {
            p++;
        }
    }
    if (*p != 0 || s->n == 0) {
        /* one failed: the others are terminated and freed, the dial denied */
        s->refs = 1;
        set_release(s);
        return NULL;
    }
    s->refs = 2;
    AcquireSRWLockExclusive(&g_lock);
    s->next = g_sets;
    g_sets = s;
    ReleaseSRWLockExclusive(&g_lock);
    return s;
}

static rras_set *
set_get(const char *spec)
{
    rras_set *s = set_find(spec);

    if (s == NULL) {
        AcquireSRWLockExclusive(&g_load_lock);
        s = set_find(spec);
        if (s == NULL) {
            s = set_load(spec);
        }
        ReleaseSRWLockExclusive(&g_load_lock);
    }
    return s;
}

/* ---- the structures RRAS passes, from the simulator's description -------- */

typedef struct rras_call {
    rras_shapes s;
    WCHAR user[MPRX_UNLEN + 1];
    WCHAR port[MPRX_MAX_PORT_NAME + 1];
} rras_call;

static void
u8_to_w(const char *in, WCHAR *out, int out_units)
{
    int n = MultiByteToWideChar(CP_UTF8, 0, in, -1, out, out_units);

    if (n <= 0) {
        out[0] = 0;
    }
    out[out_units - 1] = 0;
}

static void
ipv4_to_w(const unsigned char a[4], WCHAR *out, size_t units)
{
    _snwprintf(out, units - 1, L"%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
    out[units - 1] = 0;
}

static DWORD
clamp32(uint64_t v)
{
    return v > 0xffffffffu ? 0xffffffffu : (DWORD)v;
}

/* Fills every shape of the connection and its link (calloc'd: 5 KiB).  The
 * client's address is in the projection at the end only: at the accept RRAS
 * has not assigned it yet (as the Python hooks see it). */
static rras_call *
call_new(const sim_admin_conn *a, int end)
{
    rras_call *k = calloc(1, sizeof *k);
    MPRX_RAS_CONNECTION_EX *ex;
    HANDLE h = (HANDLE)(uintptr_t)a->connection_id;
    WCHAR *local, *remote;
    DWORD seconds = clamp32(a->duration_ms / 1000);

    if (k == NULL) {
        return NULL;
    }
    ex = &k->s.ex;
    u8_to_w(a->user, k->user, MPRX_UNLEN + 1);
    _snwprintf(k->port, MPRX_MAX_PORT_NAME, L"VPN-%llx", (unsigned long long)a->connection_id);
    ex->Header.revision = MPRX_RAS_CONNECTION_OBJECT_REVISION_1;
    ex->Header.type = MPRX_OBJECT_TYPE_RAS_CONNECTION_OBJECT;
    ex->Header.size = (USHORT)sizeof *ex;
    ex->dwConnectDuration = seconds;
    ex->dwInterfaceType = MPRX_ROUTER_IF_TYPE_CLIENT;
    ex->dwConnectionFlags =
        a->ikev2 ? MPRX_RAS_FLAGS_IKEV2_CONNECTION : MPRX_RAS_FLAGS_PPP_CONNECTION;
    wcscpy(ex->wszInterfaceName, k->user);
    wcscpy(ex->wszUserName, k->user);
    u8_to_w(a->domain, ex->wszLogonDomain, MPRX_DNLEN + 1);
    memcpy(&ex->guid, a->guid, sizeof ex->guid);
    ex->rasQuarState = MPRX_RAS_QUAR_STATE_NORMAL;
    ex->dwBytesXmited = clamp32(a->bytes_sent);
    ex->dwBytesRcved = clamp32(a->bytes_received);
    ex->dwFramesXmited = clamp32(a->frames_sent);
    ex->dwFramesRcved = clamp32(a->frames_received);
    u8_to_w(a->server, ex->wszLocalEndpointAddress, MPRX_MAXIPADRESSLEN + 1);
    if (a->ikev2) {
        ex->ProjectionInfo.projectionInfoType = MPRX_IKEV2_PROJECTION_INFO_TYPE;
        local = ex->ProjectionInfo.u.Ikev2ProjectionInfo.wszAddress;
        remote = ex->ProjectionInfo.u.Ikev2ProjectionInfo.wszRemoteAddress;
    } else {
        ex->ProjectionInfo.projectionInfoType = MPRX_PPP_PROJECTION_INFO_TYPE;
        local = ex->ProjectionInfo.u.PppProjectionInfo.wszAddress;
        remote = ex->ProjectionInfo.u.PppProjectionInfo.wszRemoteAddress;
    }
    if (a->has_server_ipv4) {
        ipv4_to_w(a->server_ipv4, local, MPRX_IPADDRESSLEN + 1);
    }
    if (end && a->has_client_ipv4) {
        ipv4_to_w(a->client_ipv4, remote, MPRX_IPADDRESSLEN + 1);
    }
    ex->hConnection = h;

    /* the older shapes, for DLLs exporting an older pair */
    k->s.c0.hConnection = k->s.c1.hConnection = k->s.c2.hConnection = k->s.c3.hConnection = h;
    k->s.c0.dwConnectDuration = seconds;
    k->s.c0.dwInterfaceType = MPRX_ROUTER_IF_TYPE_CLIENT;
    k->s.c0.dwConnectionFlags = ex->dwConnectionFlags;
    wcscpy(k->s.c0.wszInterfaceName, k->user);
    wcscpy(k->s.c0.wszUserName, k->user);
    wcscpy(k->s.c0.wszLogonDomain, ex->wszLogonDomain);
    k->s.c1.dwBytesXmited = ex->dwBytesXmited;
    k->s.c1.dwBytesRcved = ex->dwBytesRcved;
    k->s.c1.dwFramesXmited = ex->dwFramesXmited;
    k->s.c1.dwFramesRcved = ex->dwFramesRcved;
    wcscpy(k->s.c2.wszUserName, k->user);
    k->s.c2.dwInterfaceType = MPRX_ROUTER_IF_TYPE_CLIENT;
    memcpy(&k->s.c2.guid, a->guid, sizeof k->s.c2.guid);
    k->s.c3.dwSize = (DWORD)sizeof k->s.c3;
    wcscpy(k->s.c3.wszUserName, k->user);
    k->s.c3.dwInterfaceType = MPRX_ROUTER_IF_TYPE_CLIENT;
    memcpy(&k->s.c3.guid, a->guid, sizeof k->s.c3.guid);

    /* the link */
    k->s.p0.hPort = k->s.p1.hPort = h;
    k->s.p0.hConnection = k->s.p1.hConnection = h;
    k->s.p0.dwPortCondition = end ? MPRX_RAS_PORT_DISCONNECTED : MPRX_RAS_PORT_AUTHENTICATED;
    k->s.p0.dwTotalNumberOfCalls = 1;
    k->s.p0.dwConnectDuration = seconds;
    wcscpy(k->s.p0.wszPortName, k->port);
    wcscpy(k->s.p0.wszMediaName, L"rastapi");
    u8_to_w(a->device_name, k->s.p0.wszDeviceName, MPRX_MAX_DEVICE_NAME + 1);
    u8_to_w(a->device_type, k->s.p0.wszDeviceType, MPRX_MAX_DEVICETYPE_NAME + 1);
    k->s.p1.dwHardwareCondition = MPRX_RAS_HARDWARE_OPERATIONAL;
    k->s.p1.dwLineSpeed = a->bps;
    k->s.p1.dwBytesXmited = ex->dwBytesXmited;
    k->s.p1.dwBytesRcved = ex->dwBytesRcved;
    k->s.p1.dwFramesXmited = ex->dwFramesXmited;
    k->s.p1.dwFramesRcved = ex->dwFramesRcved;
    return k;
}

/* ---- admit and end ---------------------------------------------------------- */

int
sim_rras_admit(const sim_admin_conn *a, sim_admin_answer *answer)
{
    rras_set *s;
    rras_call *k;
    rras_admitted *rec;
    DWORD address = 0;
    MPRX_IN6_ADDR v6;
    BOOL notify = FALSE, notify6 = FALSE, ok = TRUE;
    int i;

    memset(&v6, 0, sizeof v6);
    s = set_get(a->policy);
    if (s == NULL) {
        return 1;
    }
    rec = calloc(1, sizeof *rec);
    k = call_new(a, 0);
    if (rec == NULL || k == NULL) {
        free(rec);
        free(k);
        set_release(s);
        return 1;
    }
    for (i = 0; i < s->n && ok; i++) {
        ok = rras_dll_accept(&s->dlls[i], &k->s.ex, &k->s.c0, &k->s.c1, &k->s.c2, &k->s.c3);
    }
    for (i = 0; i < s->n && ok; i++) {
        ok = rras_dll_accept_link(&s->dlls[i], &k->s.p0, &k->s.p1);
    }
    if (ok && s->ipv4 >= 0) {
        if (a->has_client_ipv4) {
            memcpy(&address, a->client_ipv4, 4);
        }
        if (rras_dll_get_ipv4(&s->dlls[s->ipv4], k->user, k->port, &address, &notify) != NO_ERROR) {
            ok = FALSE;
            notify = FALSE;
        } else if (address != 0 &&
                   (!a->has_client_ipv4 || memcmp(&address, a->client_ipv4, 4) != 0)) {
            memcpy(answer->ipv4, &address, 4);
            answer->assigned4 = 1;
        }
    }
    /* IPv6CP: only for a client with IPv6 (the scenario's Ipv6Address=) */
    if (ok && s->ipv6 >= 0 && a->has_client_ipv6) {
        memcpy(v6.Byte, a->client_ipv6, 16);
        if (rras_dll_get_ipv6(&s->dlls[s->ipv6], k->user, k->port, &v6, &notify6) != NO_ERROR) {
            ok = FALSE;
        } else if (memcmp(v6.Byte, a->client_ipv6, 16) != 0) {
            memcpy(answer->ipv6, v6.Byte, 16);
            answer->assigned6 = 1;
        }
    }
    if (!ok) {
        /* RRAS ends the connection: an address already given is released */
        if (notify && s->ipv4 >= 0) {
            rras_dll_release_ipv4(&s->dlls[s->ipv4], k->user, k->port, &address);
        }
        free(k);
        free(rec);
        set_release(s);
        memset(answer, 0, sizeof *answer);
        return 1;
    }
    free(k);
    rec->connection_id = a->connection_id;
    rec->set = s; /* the reference, until the end */
    rec->notify_release = notify;
    rec->ipv4 = address;
    rec->notify_release6 = notify6;
    rec->ipv6 = v6;
    AcquireSRWLockExclusive(&g_lock);
    rec->next = g_admitted;
    g_admitted = rec;
    ReleaseSRWLockExclusive(&g_lock);
    return 0;
}

void
sim_rras_end(const sim_admin_conn *a)
{
    rras_admitted **pp, *rec = NULL;
    rras_call *k;
    int i;

    AcquireSRWLockExclusive(&g_lock);
    for (pp = &g_admitted; *pp != NULL; pp = &(*pp)->next) {
        if ((*pp)->connection_id == a->connection_id) {
            rec = *pp;
            *pp = rec->next;
            break;
        }
    }
    ReleaseSRWLockExclusive(&g_lock);
    if (rec == NULL) {
        return;
    }
    /* the client's address: the DLL's when it gave one (the table made it
     * the connection's), else the scenario's */
    k = call_new(a, 1);
    if (k != NULL) {
        for (i = 0; i < rec->set->n; i++) {
            rras_dll_link_hangup(&rec->set->dlls[i], &k->s.p0, &k->s.p1);
        }
        for (i = 0; i < rec->set->n; i++) {
            rras_dll_hangup(&rec->set->dlls[i], &k->s.ex, &k->s.c0, &k->s.c1, &k->s.c2, &k->s.c3);
        }
        if (rec->notify_release && rec->set->ipv4 >= 0) {
            rras_dll_release_ipv4(&rec->set->dlls[rec->set->ipv4], k->user, k->port, &rec->ipv4);
        }
        if (rec->notify_release6 && rec->set->ipv6 >= 0) {
            rras_dll_release_ipv6(&rec->set->dlls[rec->set->ipv6], k->user, k->port, &rec->ipv6);
        }
        free(k);
    }
    set_release(rec->set);
    free(rec);
}

void
sim_rras_reset(void)
{
    rras_set *s, *next;

    AcquireSRWLockExclusive(&g_load_lock);
    AcquireSRWLockExclusive(&g_lock);
    s = g_sets;
    g_sets = NULL;
    ReleaseSRWLockExclusive(&g_lock);
    ReleaseSRWLockExclusive(&g_load_lock);
    for (; s != NULL; s = next) {
        next = s->next;
        set_release(s); /* the registry's reference: terminated now, or at the
                         * end of its last connection */
    }
}

#else

int
sim_rras_admit(const sim_admin_conn *a, sim_admin_answer *answer)
{
    (void)a;
    (void)answer;
    return 1;
}

void
sim_rras_end(const sim_admin_conn *a)
{
    (void)a;
}

void
sim_rras_reset(void)
{
}

#endif /* _WIN32 */
