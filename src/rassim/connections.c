/*
 * connections.c -- the connections family, what is asked of live
 * connections: RasEnumConnectionsW, RasGetConnectStatusW,
 * RasGetProjectionInfoW, RasGetProjectionInfoEx, RasUpdateConnection,
 * RasGetSubEntryHandleW, RasConnectionNotificationW.  The connections
 * themselves are kept in the connection table (conntable.c).
 *
 * Projections come from the scenario's addresses (IpAddress,
 * ServerIpAddress, Ipv6Address, ServerIpv6Address, ServerAddresses) and its
 * VpnType (PPP or IKEv2); they exist once the dial has passed
 * RASCS_Projected.  Each connection has one link, sub-entry 1.
 */
#include "common.h"
#include "rassim.h"
#include "conntable.h"
#include "notify.h"
#include "shared.h"
#include "structs.h"
#include "utf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Fixed values of the simulated negotiation. */
#define SIM_LCP_OPTIONS         (RASLCPO_PFC | RASLCPO_ACFC)
#define SIM_CCP_OPTIONS         (RASCCPO_Compression | RASCCPO_Encryption128bit)
#define SIM_IKEV2_AUTH_EAP      2 /* RASIKEv2_AUTH_EAP */
#define SIM_EAP_MSCHAPV2        26
#define SIM_IKEV2_PREFIX_LENGTH 64

/* ---- projection state --------------------------------------------------- */

/* 0 once projected; ERROR_NO_CONNECTION after a failure or drop;
 * ERROR_PROJECTION_NOT_COMPLETE while dialling before RASCS_Projected. */
static DWORD
projected(const sim_conn_info *info, sim_conn_phase phase)
{
    if (phase == SIM_CONN_FAILED || phase == SIM_CONN_DROPPED) {
        return ERROR_NO_CONNECTION;
    }
    if (phase == SIM_CONN_CONNECTED || info->state == RASCS_Projected) {
        return 0;
    }
    return ERROR_PROJECTION_NOT_COMPLETE;
}

typedef struct snapshot_arg {
    sim_conn_info info;
    HRASCONN handle;
} snapshot_arg;

static DWORD
take_projected(sim_conn_info *info, sim_conn_phase phase, void *arg)
{
    snapshot_arg *s = (snapshot_arg *)arg;
    s->info = *info;
    return projected(info, phase);
}

/* ---- RasGetProjectionInfoW ---------------------------------------------- */

static void
ipv4_text(const BYTE a[4], WCHAR *out, size_t cap)
{
    char buf[16];
    snprintf(buf, sizeof buf, "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
    sim_u8_to_wbuf(buf, strlen(buf), out, cap);
}

/* The structure size and whether the connection negotiated the protocol. */
static DWORD
projection_size(RASPROJECTION p, sim_struct_kind *kind, DWORD *size)
{
    switch ((DWORD)p) {
    case RASP_PppIp:
        *kind = SIM_RASPPPIP;
        *size = sizeof(RASPPPIPW);
        return 0;
    case RASX_RASP_PppIpv6:
        *kind = SIM_RASPPPIPV6;
        *size = sizeof(RASPPPIPV6);
        return 0;
    case RASP_PppLcp:
        *kind = SIM_RASPPPLCP;
        *size = sizeof(RASPPPLCPW);
        return 0;
    case RASP_PppCcp:
        *kind = SIM_RASPPPCCP;
        *size = sizeof(RASPPPCCP);
        return 0;
    case RASP_Amb:
    case RASP_PppNbf:
    case RASP_PppIpx:
    case RASP_Slip:
        return ERROR_PROTOCOL_NOT_CONFIGURED;
    default:
        return ERROR_INVALID_PARAMETER;
    }
}

static DWORD
fill_projection(RASPROJECTION p, const sim_conn_info *info, void *out)
{
    const sim_addrs *a = &info->addrs;
    switch ((DWORD)p) {
    case RASP_PppIp: {
        RASPPPIPW *ip = (RASPPPIPW *)out;
        if (!a->has_ip) {
            return ERROR_PROTOCOL_NOT_CONFIGURED;
        }
        ipv4_text(a->ip, ip->szIpAddress, SIM_COUNTOF(ip->szIpAddress));
        if (a->has_server_ip) {
            ipv4_text(a->server_ip, ip->szServerIpAddress, SIM_COUNTOF(ip->szServerIpAddress));
        }
        return 0;
    }
    case RASX_RASP_PppIpv6: {
        RASPPPIPV6 *ip6 = (RASPPPIPV6 *)out;
        if (!a->has_ip6) {
            return ERROR_PROTOCOL_NOT_CONFIGURED;
        }
        memcpy(ip6->bLocalInterfaceIdentifier, a->ip6 + 8, 8);
        if (a->has_server_ip6) {
            memcpy(ip6->bPeerInterfaceIdentifier, a->server_ip6 + 8, 8);
        }
        return 0;
    }
    case RASP_PppLcp: {
        RASPPPLCPW *lcp = (RASPPPLCPW *)out;
        if (info->ikev2) {
            return ERROR_PROTOCOL_NOT_CONFIGURED;
        }
        lcp->dwAuthenticationProtocol = RASLCPAP_CHAP;
        lcp->dwAuthenticationData = RASLCPAD_CHAP_MSV2;
        lcp->dwServerAuthenticationProtocol = RASLCPAP_CHAP;
        lcp->dwServerAuthenticationData = RASLCPAD_CHAP_MSV2;
        lcp->dwOptions = SIM_LCP_OPTIONS;
        lcp->dwServerOptions = SIM_LCP_OPTIONS;
        return 0;
    }
    default: { /* RASP_PppCcp */
        RASPPPCCP *ccp = (RASPPPCCP *)out;
        if (info->ikev2) {
            return ERROR_PROTOCOL_NOT_CONFIGURED;
        }
        ccp->dwCompressionAlgorithm = RASCCPCA_MPPC;
        ccp->dwServerCompressionAlgorithm = RASCCPCA_MPPC;
        ccp->dwOptions = SIM_CCP_OPTIONS;
        ccp->dwServerOptions = SIM_CCP_OPTIONS;
        return 0;
    }
    }
}

DWORD WINAPI
RasGetProjectionInfoW(HRASCONN h, RASPROJECTION p, LPVOID out, LPDWORD lpcb)
{
    union {
        RASPPPIPW ip;
        RASPPPIPV6 ip6;
        RASPPPLCPW lcp;
        RASPPPCCP ccp;
    } result;
    snapshot_arg snap;
    sim_struct_kind kind;
    DWORD size, rc;
    if (lpcb == NULL) {
        return ERROR_INVALID_PARAMETER;
    }
    rc = sim_conn_with(h, take_projected, &snap);
    if (rc == 0) {
        rc = projection_size(p, &kind, &size);
    }
    memset(&result, 0, sizeof result);
    if (rc == 0) {
        rc = fill_projection(p, &snap.info, &result); /* 731 before any buffer check */
    }
    if (rc != 0) {
        return rc;
    }
    if (*lpcb < size) {
        *lpcb = size;
        return ERROR_BUFFER_TOO_SMALL;
    }
    if (out == NULL) {
        return ERROR_INVALID_PARAMETER;
    }
    if (!sim_struct_size_ok(kind, sim_struct_read_size(out))) {
        return ERROR_INVALID_SIZE;
    }
    memcpy(&result, &size, sizeof size); /* dwSize */
    memcpy(out, &result, size);
    *lpcb = size;
    return 0;
}

/* ---- RasGetProjectionInfoEx --------------------------------------------- */

static void
fill_ppp(const sim_conn_info *info, RASX_PPP_PROJECTION_INFO *p)
{
    const sim_addrs *a = &info->addrs;
    p->dwIPv4NegotiationError = a->has_ip ? 0 : ERROR_PROTOCOL_NOT_CONFIGURED;
    if (a->has_ip) {
        memcpy(p->ipv4Address, a->ip, 4);
    }
    if (a->has_server_ip) {
        memcpy(p->ipv4ServerAddress, a->server_ip, 4);
    }
    p->dwIPv6NegotiationError = a->has_ip6 ? 0 : ERROR_PROTOCOL_NOT_CONFIGURED;
    if (a->has_ip6) {
        memcpy(p->bInterfaceIdentifier, a->ip6 + 8, 8);
    }
    if (a->has_server_ip6) {
        memcpy(p->bServerInterfaceIdentifier, a->server_ip6 + 8, 8);
    }
    p->dwAuthenticationProtocol = RASLCPAP_CHAP;
    p->dwAuthenticationData = RASLCPAD_CHAP_MSV2;
    p->dwServerAuthenticationProtocol = RASLCPAP_CHAP;
    p->dwServerAuthenticationData = RASLCPAD_CHAP_MSV2;
    p->dwLcpOptions = SIM_LCP_OPTIONS;
    p->dwLcpServerOptions = SIM_LCP_OPTIONS;
    p->dwCcpCompressionAlgorithm = RASCCPCA_MPPC;
    p->dwCcpServerCompressionAlgorithm = RASCCPCA_MPPC;
    p->dwCcpOptions = SIM_CCP_OPTIONS;
    p->dwCcpServerOptions = SIM_CCP_OPTIONS;
}

/* Server address lists of an IKEv2 connection: the server address, then
 * ServerAddresses=. */
static size_t
server_list4(const sim_addrs *a, BYTE out[][4])
{
    size_t n = 0, i;
    if (a->has_server_ip) {
        memcpy(out[n++], a->server_ip, 4);
    }
    for (i = 0; i < a->n_extra4; i++) {
        memcpy(out[n++], a->extra4[i], 4);
    }
    return n;
}

static size_t
server_list6(const sim_addrs *a, BYTE out[][16])
{
    size_t n = 0, i;
    if (a->has_server_ip6) {
        memcpy(out[n++], a->server_ip6, 16);
    }
    for (i = 0; i < a->n_extra6; i++) {
        memcpy(out[n++], a->extra6[i], 16);
    }
    return n;
}

static void
fill_ikev2(const sim_conn_info *info, RASX_IKEV2_PROJECTION_INFO *p, DWORD n4, DWORD n6)
{
    const sim_addrs *a = &info->addrs;
    p->dwIPv4NegotiationError = a->has_ip ? 0 : ERROR_PROTOCOL_NOT_CONFIGURED;
    if (a->has_ip) {
        memcpy(p->ipv4Address, a->ip, 4);
    }
    if (a->has_server_ip) {
        memcpy(p->ipv4ServerAddress, a->server_ip, 4);
    }
    p->dwIPv6NegotiationError = a->has_ip6 ? 0 : ERROR_PROTOCOL_NOT_CONFIGURED;
    if (a->has_ip6) {
        memcpy(p->ipv6Address, a->ip6, 16);
        p->dwPrefixLength = SIM_IKEV2_PREFIX_LENGTH;
    }
    if (a->has_server_ip6) {
        memcpy(p->ipv6ServerAddress, a->server_ip6, 16);
    }
    p->dwAuthenticationProtocol = SIM_IKEV2_AUTH_EAP;
    p->dwEapTypeId = SIM_EAP_MSCHAPV2;
    p->dwFlags = RASX_RASIKEv2_FLAGS_MOBIKESUPPORTED;
    p->numIPv4ServerAddresses = n4;
    p->numIPv6ServerAddresses = n6;
}

DWORD WINAPI
RasGetProjectionInfoEx(HRASCONN h, RASX_PROJECTION_INFO *out, LPDWORD lpdwSize)
{
    BYTE list4[SIM_MAX_EXTRA_ADDRS + 1][4], list6[SIM_MAX_EXTRA_ADDRS + 1][16];
    RASX_PROJECTION_INFO result;
    snapshot_arg snap;
    size_t n4 = 0, n6 = 0, need;
    DWORD rc;
    if (lpdwSize == NULL) {
        return ERROR_INVALID_PARAMETER;
    }
    rc = sim_conn_with(h, take_projected, &snap);
    if (rc != 0) {
        return rc;
    }
    if (snap.info.ikev2) {
        n4 = server_list4(&snap.info.addrs, list4);
        n6 = server_list6(&snap.info.addrs, list6);
    }
    need = sizeof(RASX_PROJECTION_INFO) + n4 * 4 + n6 * 16;
    if (*lpdwSize < need) {
        *lpdwSize = (DWORD)need;
        return ERROR_BUFFER_TOO_SMALL;
    }
    if (out == NULL) {
        return ERROR_INVALID_PARAMETER;
    }
    if (out->version != RASX_RASAPIVERSION_601) {
        return ERROR_INVALID_PARAMETER;
    }
    memset(&result, 0, sizeof result);
    result.version = out->version;
    if (snap.info.ikev2) {
        BYTE *tail = (BYTE *)out + sizeof(RASX_PROJECTION_INFO);
        result.type = RASX_PROJECTION_INFO_TYPE_IKEv2;
        fill_ikev2(&snap.info, &result.u.ikev2, (DWORD)n4, (DWORD)n6);
        if (n4 > 0) {
            memcpy(tail, list4, n4 * 4);
            result.u.ikev2.ipv4ServerAddresses = (BYTE(*)[4])(void *)tail;
        }
        if (n6 > 0) {
            memcpy(tail + n4 * 4, list6, n6 * 16);
            result.u.ikev2.ipv6ServerAddresses = (BYTE(*)[16])(void *)(tail + n4 * 4);
        }
    } else {
        result.type = RASX_PROJECTION_INFO_TYPE_PPP;
        fill_ppp(&snap.info, &result.u.ppp);
    }
    memcpy(out, &result, sizeof result);
    *lpdwSize = (DWORD)need;
    return 0;
}

/* ---- RasUpdateConnection ------------------------------------------------ */

/* Applies an endpoint to the address pair (local: the client's addresses,
 * remote: the server's); RASTUNNELENDPOINT_UNKNOWN leaves them alone. */
static void
apply_endpoint(const RASTUNNELENDPOINT *ep, int *has4, BYTE v4[4], int *has6, BYTE v6[16])
{
    if (ep->dwType == RASTUNNELENDPOINT_IPv4) {
        *has4 = 1;
        memcpy(v4, ep->addr.ipv4.addr, 4);
    } else if (ep->dwType == RASTUNNELENDPOINT_IPv6) {
        *has6 = 1;
        memcpy(v6, ep->addr.ipv6.addr, 16);
    }
}

static DWORD
update(sim_conn_info *info, sim_conn_phase phase, void *arg)
{
    const RASUPDATECONN *u = (const RASUPDATECONN *)arg;
    sim_addrs *a = &info->addrs;
    if (phase != SIM_CONN_CONNECTED) {
        return ERROR_NO_CONNECTION;
    }
    apply_endpoint(&u->localEndPoint, &a->has_ip, a->ip, &a->has_ip6, a->ip6);
    apply_endpoint(&u->remoteEndPoint, &a->has_server_ip, a->server_ip, &a->has_server_ip6,
                   a->server_ip6);
    info->if_index = u->dwIfIndex;
    return 0;
}

static int
endpoint_type_ok(DWORD type)
{
    return type <= RASTUNNELENDPOINT_IPv6;
}

DWORD WINAPI
RasUpdateConnection(HRASCONN h, LPRASUPDATECONN lprasupdateconn)
{
    RASUPDATECONN u;
    if (lprasupdateconn == NULL) {
        return ERROR_INVALID_PARAMETER;
    }
    if (!sim_struct_size_ok(SIM_RASUPDATECONN, lprasupdateconn->dwSize)) {
        return ERROR_INVALID_SIZE;
    }
    memcpy(&u, lprasupdateconn, sizeof u);
    if ((DWORD)u.version != RASX_RASAPIVERSION_601 || u.dwFlags != 0 ||
        !endpoint_type_ok(u.localEndPoint.dwType) || !endpoint_type_ok(u.remoteEndPoint.dwType) ||
        (u.localEndPoint.dwType == RASTUNNELENDPOINT_UNKNOWN &&
         u.remoteEndPoint.dwType == RASTUNNELENDPOINT_UNKNOWN)) {
        return ERROR_INVALID_PARAMETER;
    }
    return sim_conn_with(h, update, &u);
}

/* ---- RasGetSubEntryHandleW ---------------------------------------------- */

static DWORD
link_handle(sim_conn_info *info, sim_conn_phase phase, void *arg)
{
    if (phase != SIM_CONN_CONNECTED) {
        return ERROR_PORT_NOT_OPEN;
    }
    *(HRASCONN *)arg = (HRASCONN)((uintptr_t)info->handle + SIM_SUBENTRY_OFFSET);
    return 0;
}

DWORD WINAPI
RasGetSubEntryHandleW(HRASCONN h, DWORD dwSubEntry, LPHRASCONN lphRasConn)
{
    HRASCONN sub = NULL;
    DWORD rc;
    if (lphRasConn == NULL) {
        return ERROR_INVALID_PARAMETER;
    }
    rc = sim_conn_with(h, link_handle, &sub);
    if (rc == 0 && dwSubEntry == 0) {
        rc = ERROR_INVALID_PARAMETER;
    } else if (rc == 0 && dwSubEntry > 1) {
        rc = ERROR_NO_MORE_ITEMS;
    }
    if (rc == 0) {
        *lphRasConn = sub;
    }
    return rc;
}

/* ---- RasConnectionNotificationW ----------------------------------------- */

typedef struct notify_arg {
    HANDLE event;
    DWORD flags;
} notify_arg;

/* Registers for the connection's own handle (a link handle counts as its
 * connection); one that already ended signals RASCN_Disconnection at once. */
static DWORD
register_conn(sim_conn_info *info, sim_conn_phase phase, void *arg)
{
    const notify_arg *n = (const notify_arg *)arg;
    if (phase == SIM_CONN_DROPPED) {
        if (n->flags & RASCN_Disconnection) {
            sim_event_signal(n->event);
        }
        return 0;
    }
    return sim_notify_register(info->handle, n->event, n->flags);
}

DWORD WINAPI
RasConnectionNotificationW(HRASCONN h, HANDLE hEvent, DWORD dwFlags)
{
    notify_arg n;
    sim_conn_info other;
    DWORD rc;
    if (hEvent == NULL || hEvent == INVALID_HANDLE_VALUE) {
        return ERROR_INVALID_HANDLE;
    }
    if (dwFlags == 0 || (dwFlags & ~(DWORD)SIM_RASCN_ALL) != 0) {
        return ERROR_INVALID_PARAMETER;
    }
    if ((HANDLE)h == INVALID_HANDLE_VALUE) {
        rc = sim_notify_register(h, hEvent, dwFlags);
        if (rc == 0) {
            sim_shared_watch(); /* other processes' connections, when shared */
        }
        return rc;
    }
    n.event = hEvent;
    n.flags = dwFlags;
    rc = sim_conn_with(h, register_conn, &n);
    if (rc == ERROR_INVALID_HANDLE && sim_shared_get(h, &other) == 0) {
        /* another process's connection: the watcher thread signals its end */
        rc = sim_notify_register(h, hEvent, dwFlags);
        if (rc == 0) {
            sim_shared_watch();
            if (sim_shared_get(h, &other) != 0 && (dwFlags & RASCN_Disconnection)) {
                sim_event_signal(hEvent); /* it ended meanwhile */
            }
        }
    }
    return rc;
}

/* ---- RasGetConnectStatusW ---------------------------------------------- */


static void
endpoint(RASTUNNELENDPOINT *ep, int has4, const BYTE *v4, int has6, const BYTE *v6)
{
    memset(ep, 0, sizeof *ep);
    if (has4) {
        ep->dwType = RASTUNNELENDPOINT_IPv4;
        memcpy(ep->addr.ipv4.addr, v4, 4);
    } else if (has6) {
        ep->dwType = RASTUNNELENDPOINT_IPv6;
        memcpy(ep->addr.ipv6.addr, v6, 16);
    }
}

static void
fill_status(void *s, DWORD size, const sim_conn_info *info)
{
    RASTUNNELENDPOINT local, remote;
    RASCONNSUBSTATE sub = RASCSS_None;
    const sim_addrs *a = &info->addrs;
    int up = info->state == RASCS_Connected;
    endpoint(&local, up && a->has_ip, a->ip, up && a->has_ip6, a->ip6);
    endpoint(&remote, up && a->has_server_ip, a->server_ip, up && a->has_server_ip6, a->server_ip6);
    memset((char *)s + sizeof(DWORD), 0, size - sizeof(DWORD));
    SIM_PUT(s, size, RASCONNSTATUSW, rasconnstate, &info->state);
    SIM_PUT(s, size, RASCONNSTATUSW, dwError, &info->error);
    SIM_PUT(s, size, RASCONNSTATUSW, szDeviceType, info->device_type);
    SIM_PUT(s, size, RASCONNSTATUSW, szDeviceName, info->device_name);
    SIM_PUT(s, size, RASCONNSTATUSW, szPhoneNumber, info->phone_number);
    SIM_PUT(s, size, RASCONNSTATUSW, localEndPoint, &local);
    SIM_PUT(s, size, RASCONNSTATUSW, remoteEndPoint, &remote);
    SIM_PUT(s, size, RASCONNSTATUSW, rasconnsubstate, &sub);
}

DWORD WINAPI
RasGetConnectStatusW(HRASCONN h, LPRASCONNSTATUSW status)
{
    sim_conn_info info;
    DWORD size, rc;
    if (status == NULL) {
        return ERROR_INVALID_PARAMETER;
    }
    size = sim_struct_read_size(status);
    if (!sim_struct_size_ok(SIM_RASCONNSTATUS, size)) {
        return ERROR_INVALID_SIZE;
    }
    rc = sim_conn_get(h, &info);
    if (rc == ERROR_INVALID_HANDLE) { /* another process's (RASSIM_CONNECTIONS) */
        rc = sim_shared_get(h, &info);
    }
    if (rc == 0) {
        fill_status(status, size, &info);
    }
    return rc;
}

/* ---- RasEnumConnectionsW ----------------------------------------------- */

static void
fill_rasconn(void *e, DWORD size, const sim_conn_info *info)
{
    DWORD sub = 1;
    SIM_PUT(e, size, RASCONNW, hrasconn, &info->handle);
    SIM_PUT(e, size, RASCONNW, szEntryName, info->entry);
    SIM_PUT(e, size, RASCONNW, szDeviceType, info->device_type);
    SIM_PUT(e, size, RASCONNW, szDeviceName, info->device_name);
    SIM_PUT(e, size, RASCONNW, szPhonebook, info->phonebook);
    SIM_PUT(e, size, RASCONNW, dwSubEntry, &sub);
    SIM_PUT(e, size, RASCONNW, guidEntry, &info->guid_entry);
    SIM_PUT(e, size, RASCONNW, dwFlags, &info->flags);
    SIM_PUT(e, size, RASCONNW, luid, &info->luid);
    SIM_PUT(e, size, RASCONNW, guidCorrelationId, &info->correlation_id);
}

DWORD WINAPI
RasEnumConnectionsW(LPRASCONNW buf, LPDWORD lpcb, LPDWORD lpcConnections)
{
    sim_conn_info *infos, *others = NULL;
    size_t n, nothers = 0, i;
    DWORD stride, rc = sim_array_begin(buf, lpcb, lpcConnections, SIM_RASCONN, &stride);
    if (rc != 0) {
        return rc;
    }
    rc = sim_conn_list(&infos, &n);
    if (rc == 0) { /* then the other processes' (RASSIM_CONNECTIONS) */
        rc = sim_shared_list(&others, &nothers);
    }
    if (rc == 0) {
        rc = sim_array_size(n + nothers, stride, sizeof(RASCONNW), lpcb, lpcConnections);
    }
    for (i = 0; rc == 0 && i < n + nothers; i++) {
        fill_rasconn(sim_array_element(buf, stride, i), stride, i < n ? &infos[i] : &others[i - n]);
    }
    free(infos);
    free(others);
    return rc;
}
