/*
 * admindll.c -- the RAS administration DLL: the exports RRAS calls
 * (src/compat/mpradmin.h, rasadmin.def), each decoding RRAS's structures into
 * the policy core's plain values (policy.h) and returning the core's decision.
 *
 * The whole contract of Windows 7 and later (desktop-src/RRAS/
 * ras-admin-dll-functions.md): MprAdminInitializeDllEx (which also fills the
 * MPRAPI_ADMIN_DLL_CALLBACKS table, revision 2), MprAdminTerminateDll,
 * MprAdminAcceptNewConnectionEx / MprAdminConnectionHangupNotificationEx,
 * MprAdminAcceptReauthenticationEx, MprAdminAcceptNewLink /
 * MprAdminLinkHangupNotification, and both optional address pairs:
 * MprAdminGetIpAddressForUser / MprAdminReleaseIpAddress and
 * MprAdminGetIpv6AddressForUser / MprAdminReleaseIpv6AddressForUser.  Every
 * export is APIENTRY (__stdcall on x86) and exported under its plain name
 * (rasadmin.def; x86 links with --enable-stdcall-fixup).
 *
 * Beside the contract, for the host that embeds the DLL and for the tests:
 * RasPyAdminSetLogCallback and RasPyAdminGetStats.
 *
 * Configuration: the INI file next to the DLL with the DLL's name
 * (rasadmin.dll -> rasadmin.ini); see docs/admin-dll.md.
 *
 * Any input is survivable: a NULL structure gets the default decision
 * (deny for accept calls), strings are copied with a bound and terminated.
 */
#include "policy.h"
#include "mpradmin.h"

#include <string.h>

static HMODULE g_module;

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, LPVOID reserved);

BOOL WINAPI
DllMain(HINSTANCE instance, DWORD reason, LPVOID reserved)
{
    (void)reserved;
    if (reason == DLL_PROCESS_ATTACH) {
        g_module = instance;
        DisableThreadLibraryCalls(instance);
    }
    return TRUE;
}

/* ---- decoding ---------------------------------------------------------------- */

/* Copies at most n - 1 WCHARs of a possibly unterminated buffer of n. */
static void
copy_w(WCHAR *dst, const WCHAR *src, size_t n)
{
    size_t i = 0;

    if (src != NULL) {
        for (; i + 1 < n && src[i] != 0; i++) {
            dst[i] = src[i];
        }
    }
    dst[i] = 0;
}

#define COPY_W(dst, src) copy_w((dst), (src), sizeof(dst) / sizeof((dst)[0]))

static ULONG64
handle_id(HANDLE h)
{
    return (ULONG64)(ULONG_PTR)h;
}

static void
decode_connection(const MPRX_RAS_CONNECTION_EX *c, rasadm_connection *out)
{
    memset(out, 0, sizeof *out);
    out->connection_id = handle_id(c->hConnection);
    out->interface_id = handle_id(c->hInterface);
    out->interface_type = c->dwInterfaceType;
    out->flags = c->dwConnectionFlags;
    out->duration_seconds = c->dwConnectDuration;
    out->quarantine_state = c->rasQuarState;
    out->guid = c->guid;
    COPY_W(out->user, c->wszUserName);
    COPY_W(out->domain, c->wszLogonDomain);
    COPY_W(out->interface_name, c->wszInterfaceName);
    COPY_W(out->remote_computer, c->wszRemoteComputer);
    COPY_W(out->remote_endpoint, c->wszRemoteEndpointAddress);
    COPY_W(out->local_endpoint, c->wszLocalEndpointAddress);
    out->projection_type = c->ProjectionInfo.projectionInfoType;
    if (c->ProjectionInfo.projectionInfoType == MPRX_PPP_PROJECTION_INFO_TYPE) {
        const MPRX_PPP_PROJECTION_INFO *p = &c->ProjectionInfo.u.PppProjectionInfo;
        COPY_W(out->ipv4_address, p->wszAddress);
        COPY_W(out->ipv4_remote_address, p->wszRemoteAddress);
        memcpy(out->ipv6_prefix, p->bPrefix, 8);
        out->ipv6_prefix_length = p->dwPrefixLength;
        memcpy(out->ipv6_interface_id, p->bInterfaceIdentifier, 8);
        memcpy(out->ipv6_remote_interface_id, p->bRemoteInterfaceIdentifier, 8);
        out->authentication_protocol = p->dwAuthenticationProtocol;
        out->eap_type = p->dwEapTypeId;
    } else if (c->ProjectionInfo.projectionInfoType == MPRX_IKEV2_PROJECTION_INFO_TYPE) {
        const MPRX_IKEV2_PROJECTION_INFO *k = &c->ProjectionInfo.u.Ikev2ProjectionInfo;
        COPY_W(out->ipv4_address, k->wszAddress);
        COPY_W(out->ipv4_remote_address, k->wszRemoteAddress);
        memcpy(out->ipv6_prefix, k->bPrefix, 8);
        out->ipv6_prefix_length = k->dwPrefixLength;
        memcpy(out->ipv6_interface_id, k->bInterfaceIdentifier, 8);
        memcpy(out->ipv6_remote_interface_id, k->bRemoteInterfaceIdentifier, 8);
        out->authentication_protocol = k->dwAuthenticationProtocol;
        out->eap_type = k->dwEapTypeId;
    }
    out->stats.bytes_sent = c->dwBytesXmited;
    out->stats.bytes_received = c->dwBytesRcved;
    out->stats.frames_sent = c->dwFramesXmited;
    out->stats.frames_received = c->dwFramesRcved;
    out->stats.crc_errors = c->dwCrcErr;
    out->stats.timeout_errors = c->dwTimeoutErr;
    out->stats.alignment_errors = c->dwAlignmentErr;
    out->stats.hardware_overrun_errors = c->dwHardwareOverrunErr;
    out->stats.framing_errors = c->dwFramingErr;
    out->stats.buffer_overrun_errors = c->dwBufferOverrunErr;
    out->stats.compression_ratio_in = c->dwCompressionRatioIn;
    out->stats.compression_ratio_out = c->dwCompressionRatioOut;
}

static void
decode_link(const MPRX_RAS_PORT_0 *p0, const MPRX_RAS_PORT_1 *p1, rasadm_link *out)
{
    memset(out, 0, sizeof *out);
    if (p0 != NULL) {
        out->port_id = handle_id(p0->hPort);
        out->connection_id = handle_id(p0->hConnection);
        out->condition = p0->dwPortCondition;
        out->total_calls = p0->dwTotalNumberOfCalls;
        out->duration_seconds = p0->dwConnectDuration;
        COPY_W(out->port_name, p0->wszPortName);
        COPY_W(out->media_name, p0->wszMediaName);
        COPY_W(out->device_name, p0->wszDeviceName);
        COPY_W(out->device_type, p0->wszDeviceType);
    }
    if (p1 != NULL) {
        if (p0 == NULL) {
            out->port_id = handle_id(p1->hPort);
            out->connection_id = handle_id(p1->hConnection);
        }
        out->hardware_condition = p1->dwHardwareCondition;
        out->line_speed = p1->dwLineSpeed;
        out->stats.bytes_sent = p1->dwBytesXmited;
        out->stats.bytes_received = p1->dwBytesRcved;
        out->stats.frames_sent = p1->dwFramesXmited;
        out->stats.frames_received = p1->dwFramesRcved;
        out->stats.crc_errors = p1->dwCrcErr;
        out->stats.timeout_errors = p1->dwTimeoutErr;
        out->stats.alignment_errors = p1->dwAlignmentErr;
        out->stats.hardware_overrun_errors = p1->dwHardwareOverrunErr;
        out->stats.framing_errors = p1->dwFramingErr;
        out->stats.buffer_overrun_errors = p1->dwBufferOverrunErr;
        out->stats.compression_ratio_in = p1->dwCompressionRatioIn;
        out->stats.compression_ratio_out = p1->dwCompressionRatioOut;
    }
}

static void
decode_address(int family, const WCHAR *user, const WCHAR *port, rasadm_address *out)
{
    memset(out, 0, sizeof *out);
    out->family = family;
    copy_w(out->user, user, sizeof out->user / sizeof out->user[0]);
    copy_w(out->port, port, sizeof out->port / sizeof out->port[0]);
}

/* A RAS_CONNECTION_EX we can read.  Its header names the object (type 1) and
 * its size; a header naming another object, or a size smaller than the
 * structure (reading it whole would overrun the caller's buffer), is refused.
 * A zero type or size is tolerated: what a real RRAS puts there is not
 * documented for the admin-DLL callbacks, and refusing it would deny every
 * connection (to be checked on a real RRAS in phase 2). */
static int
connection_ok(const MPRX_RAS_CONNECTION_EX *c, const char *what)
{
    if (c == NULL) {
        rasadm_log(RASADM_LOG_ERROR, RASADM_EVENT_FAILURE, "%s: no RAS_CONNECTION_EX", what);
        return 0;
    }
    if ((c->Header.type != 0 && c->Header.type != MPRX_OBJECT_TYPE_RAS_CONNECTION_OBJECT) ||
        (c->Header.size != 0 && c->Header.size < sizeof(MPRX_RAS_CONNECTION_EX))) {
        rasadm_log(RASADM_LOG_ERROR, RASADM_EVENT_FAILURE,
                   "%s: not a RAS_CONNECTION_EX (type %u, revision %u, size %u)", what,
                   (unsigned)c->Header.type, (unsigned)c->Header.revision,
                   (unsigned)c->Header.size);
        return 0;
    }
    return 1;
}

/* ---- the contract -------------------------------------------------------------- */

/* The exports, declared here with the types of mpradmin.h (the .def gives
 * their names). */
DWORD APIENTRY MprAdminInitializeDllEx(MPRX_ADMIN_DLL_CALLBACKS *callbacks);
DWORD APIENTRY MprAdminTerminateDll(void);
BOOL APIENTRY MprAdminAcceptNewConnectionEx(MPRX_RAS_CONNECTION_EX *conn);
BOOL APIENTRY MprAdminAcceptReauthenticationEx(MPRX_RAS_CONNECTION_EX *conn);
VOID APIENTRY MprAdminConnectionHangupNotificationEx(MPRX_RAS_CONNECTION_EX *conn);
BOOL APIENTRY MprAdminAcceptNewLink(MPRX_RAS_PORT_0 *port0, MPRX_RAS_PORT_1 *port1);
VOID APIENTRY MprAdminLinkHangupNotification(MPRX_RAS_PORT_0 *port0, MPRX_RAS_PORT_1 *port1);
DWORD APIENTRY MprAdminGetIpAddressForUser(WCHAR *user, WCHAR *port, DWORD *address,
                                           BOOL *notify_release);
VOID APIENTRY MprAdminReleaseIpAddress(WCHAR *user, WCHAR *port, DWORD *address);
DWORD APIENTRY MprAdminGetIpv6AddressForUser(WCHAR *user, WCHAR *port, MPRX_IN6_ADDR *address,
                                             BOOL *notify_release);
DWORD APIENTRY MprAdminReleaseIpv6AddressForUser(WCHAR *user, WCHAR *port, MPRX_IN6_ADDR *address);
VOID APIENTRY RasPyAdminSetLogCallback(rasadm_log_fn fn, void *context);
DWORD APIENTRY RasPyAdminGetStats(rasadm_counters *counters);

/* The table's endpoint-change callback (no export of its own in the
 * contract): an IKEv2 client's tunnel endpoint moved (MOBIKE).  Phase 1 does
 * not ask the policy: accepted. */
static BOOL APIENTRY
accept_endpoint_change(MPRX_RAS_CONNECTION_EX *conn)
{
    (void)conn;
    return TRUE;
}

/* Microsoft's pages disagree on MprAdminReleaseIpv6AddressForUser's return
 * type (the table's PMPRADMINRELEASEIPV6ADDRESSFORUSER is VOID, the function
 * page says void but documents NO_ERROR): the export returns NO_ERROR (a
 * VOID caller ignores it), the table gets this VOID wrapper. */
static VOID APIENTRY
release_ipv6_void(WCHAR *user, WCHAR *port, MPRX_IN6_ADDR *address)
{
    (void)MprAdminReleaseIpv6AddressForUser(user, port, address);
}

static DWORD
config_path(WCHAR *path, DWORD n)
{
    DWORD len = GetModuleFileNameW(g_module, path, n);
    WCHAR *dot;
    WCHAR *slash;

    if (len == 0 || len >= n - 4) {
        return len == 0 ? GetLastError() : ERROR_FILENAME_EXCED_RANGE;
    }
    dot = wcsrchr(path, L'.');
    slash = wcsrchr(path, L'\\');
    if (dot == NULL || (slash != NULL && dot < slash)) {
        dot = path + len;
    }
    wcscpy(dot, L".ini");
    return NO_ERROR;
}

DWORD APIENTRY
MprAdminInitializeDllEx(MPRX_ADMIN_DLL_CALLBACKS *callbacks)
{
    WCHAR path[1024];
    DWORD rc = config_path(path, 1024);

    if (rc != NO_ERROR) {
        rasadm_log(RASADM_LOG_ERROR, RASADM_EVENT_CONFIG,
                   "initialize failed: the DLL's path is not available (error %lu)",
                   (unsigned long)rc);
        return rc;
    }
    rc = rasadm_core_start(path);
    if (rc != NO_ERROR) {
        return rc;
    }
    if (callbacks != NULL) {
        callbacks->revision = MPRX_ADMIN_DLL_VERSION_2;
        callbacks->lpfnMprAdminGetIpAddressForUser = MprAdminGetIpAddressForUser;
        callbacks->lpfnMprAdminReleaseIpAddress = MprAdminReleaseIpAddress;
        callbacks->lpfnMprAdminGetIpv6AddressForUser = MprAdminGetIpv6AddressForUser;
        callbacks->lpfnMprAdminReleaseIpV6AddressForUser = release_ipv6_void;
        callbacks->lpfnRasAdminAcceptNewLink = MprAdminAcceptNewLink;
        callbacks->lpfnRasAdminLinkHangupNotification = MprAdminLinkHangupNotification;
        callbacks->lpfnRasAdminTerminateDll = MprAdminTerminateDll;
        callbacks->lpfnRasAdminAcceptNewConnectionEx = MprAdminAcceptNewConnectionEx;
        callbacks->lpfnRasAdminAcceptEndpointChangeEx = accept_endpoint_change;
        callbacks->lpfnRasAdminAcceptReauthenticationEx = MprAdminAcceptReauthenticationEx;
        callbacks->lpfnRasAdminConnectionHangupNotificationEx =
            MprAdminConnectionHangupNotificationEx;
        /* no pre-authenticated connection validation (an SSTP/IKEv2 feature
         * outside the contract's required set): RRAS skips a NULL entry */
        callbacks->lpfnRASValidatePreAuthenticatedConnectionEx = NULL;
    }
    return NO_ERROR;
}

DWORD APIENTRY
MprAdminTerminateDll(void)
{
    return rasadm_core_stop();
}

static BOOL
accept_connection(rasadm_call call, MPRX_RAS_CONNECTION_EX *conn, const char *what)
{
    rasadm_connection c;

    if (!connection_ok(conn, what)) {
        return FALSE;
    }
    decode_connection(conn, &c);
    return rasadm_decide_connection(call, &c);
}

BOOL APIENTRY
MprAdminAcceptNewConnectionEx(MPRX_RAS_CONNECTION_EX *conn)
{
    return accept_connection(RASADM_ACCEPT_CONNECTION, conn, "MprAdminAcceptNewConnectionEx");
}

BOOL APIENTRY
MprAdminAcceptReauthenticationEx(MPRX_RAS_CONNECTION_EX *conn)
{
    return accept_connection(RASADM_ACCEPT_REAUTHENTICATION, conn,
                             "MprAdminAcceptReauthenticationEx");
}

VOID APIENTRY
MprAdminConnectionHangupNotificationEx(MPRX_RAS_CONNECTION_EX *conn)
{
    rasadm_connection c;

    if (!connection_ok(conn, "MprAdminConnectionHangupNotificationEx")) {
        return;
    }
    decode_connection(conn, &c);
    rasadm_notify_connection(&c);
}

BOOL APIENTRY
MprAdminAcceptNewLink(MPRX_RAS_PORT_0 *port0, MPRX_RAS_PORT_1 *port1)
{
    rasadm_link l;

    if (port0 == NULL && port1 == NULL) {
        rasadm_log(RASADM_LOG_ERROR, RASADM_EVENT_FAILURE, "MprAdminAcceptNewLink: no port");
        return FALSE;
    }
    decode_link(port0, port1, &l);
    return rasadm_decide_link(&l);
}

VOID APIENTRY
MprAdminLinkHangupNotification(MPRX_RAS_PORT_0 *port0, MPRX_RAS_PORT_1 *port1)
{
    rasadm_link l;

    if (port0 == NULL && port1 == NULL) {
        return;
    }
    decode_link(port0, port1, &l);
    rasadm_notify_link(&l);
}

DWORD APIENTRY
MprAdminGetIpAddressForUser(WCHAR *user, WCHAR *port, DWORD *address, BOOL *notify_release)
{
    rasadm_address a;
    rasadm_address_answer answer;
    DWORD rc;

    if (address == NULL || notify_release == NULL) {
        return ERROR_INVALID_PARAMETER;
    }
    decode_address(4, user, port, &a);
    a.ipv4 = *address;
    rc = rasadm_decide_address(&a, &answer);
    if (rc != NO_ERROR) {
        return rc;
    }
    if (answer.assign) {
        *address = answer.ipv4;
    }
    *notify_release = answer.notify_release ? TRUE : FALSE;
    return NO_ERROR;
}

VOID APIENTRY
MprAdminReleaseIpAddress(WCHAR *user, WCHAR *port, DWORD *address)
{
    rasadm_address a;

    decode_address(4, user, port, &a);
    a.ipv4 = address != NULL ? *address : 0;
    rasadm_notify_release(&a);
}

DWORD APIENTRY
MprAdminGetIpv6AddressForUser(WCHAR *user, WCHAR *port, MPRX_IN6_ADDR *address,
                              BOOL *notify_release)
{
    rasadm_address a;
    rasadm_address_answer answer;
    DWORD rc;

    if (address == NULL || notify_release == NULL) {
        return ERROR_INVALID_PARAMETER;
    }
    decode_address(6, user, port, &a);
    memcpy(a.ipv6, address->Byte, 16);
    rc = rasadm_decide_address(&a, &answer);
    if (rc != NO_ERROR) {
        return rc;
    }
    if (answer.assign) {
        memcpy(address->Byte, answer.ipv6, 16);
    }
    *notify_release = answer.notify_release ? TRUE : FALSE;
    return NO_ERROR;
}

DWORD APIENTRY
MprAdminReleaseIpv6AddressForUser(WCHAR *user, WCHAR *port, MPRX_IN6_ADDR *address)
{
    rasadm_address a;

    decode_address(6, user, port, &a);
    if (address != NULL) {
        memcpy(a.ipv6, address->Byte, 16);
    }
    rasadm_notify_release(&a);
    return NO_ERROR;
}

VOID APIENTRY
RasPyAdminSetLogCallback(rasadm_log_fn fn, void *context)
{
    rasadm_set_log_callback(fn, context);
}

DWORD APIENTRY
RasPyAdminGetStats(rasadm_counters *counters)
{
    if (counters == NULL || counters->size < sizeof(DWORD)) {
        return ERROR_INVALID_PARAMETER;
    }
    rasadm_get_counters(counters);
    return NO_ERROR;
}
