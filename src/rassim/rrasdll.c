/*
 * rrasdll.c -- an RRAS administration DLL loaded, checked and called as the
 * RemoteAccess service does (rrasdll.h).  Windows only.
 */
#include "rrasdll.h"

#ifdef _WIN32

#include <string.h>

/* A function pointer from GetProcAddress, through memcpy: the one conversion
 * every compiler accepts without a warning. */
#define LOOKUP(d, field, name)                            \
    do {                                                  \
        FARPROC f_ = GetProcAddress((d)->module, (name)); \
        memcpy(&(d)->field, &f_, sizeof((d)->field));     \
    } while (0)

static int
refuse(rras_dll *d, rras_refusal *r, const char *missing, const char *why)
{
    r->missing = missing;
    r->why = why;
    r->load_error = 0;
    FreeLibrary(d->module);
    memset(d, 0, sizeof *d);
    return -1;
}

/* One half of a pair without the other: the missing half's name. */
static const char *
half(int has_a, const char *a, int has_b, const char *b)
{
    if (has_a && !has_b) {
        return b;
    }
    if (has_b && !has_a) {
        return a;
    }
    return NULL;
}

int
rras_dll_load(rras_dll *d, const WCHAR *path, rras_refusal *r)
{
    static const char pairs[] = "the connection functions come in matched pairs";
    const char *m;

    memset(d, 0, sizeof *d);
    d->module = LoadLibraryW(path);
    if (d->module == NULL) {
        r->missing = "";
        r->why = "cannot load";
        r->load_error = GetLastError();
        return -1;
    }
    LOOKUP(d, init, "MprAdminInitializeDll");
    LOOKUP(d, init_ex, "MprAdminInitializeDllEx");
    LOOKUP(d, terminate, "MprAdminTerminateDll");
    LOOKUP(d, accept_link, "MprAdminAcceptNewLink");
    LOOKUP(d, link_hangup, "MprAdminLinkHangupNotification");
    LOOKUP(d, accept1, "MprAdminAcceptNewConnection");
    LOOKUP(d, hangup1, "MprAdminConnectionHangupNotification");
    LOOKUP(d, accept2, "MprAdminAcceptNewConnection2");
    LOOKUP(d, hangup2, "MprAdminConnectionHangupNotification2");
    LOOKUP(d, accept3, "MprAdminAcceptNewConnection3");
    LOOKUP(d, hangup3, "MprAdminConnectionHangupNotification3");
    LOOKUP(d, accept_ex, "MprAdminAcceptNewConnectionEx");
    LOOKUP(d, hangup_ex, "MprAdminConnectionHangupNotificationEx");
    LOOKUP(d, reauth, "MprAdminAcceptReauthentication");
    LOOKUP(d, reauth_ex, "MprAdminAcceptReauthenticationEx");
    LOOKUP(d, get_ipv4, "MprAdminGetIpAddressForUser");
    LOOKUP(d, release_ipv4, "MprAdminReleaseIpAddress");
    LOOKUP(d, get_ipv6, "MprAdminGetIpv6AddressForUser");
    LOOKUP(d, release_ipv6, "MprAdminReleaseIpv6AddressForUser");

    /* the functions every admin DLL must export */
    if (d->accept_link == NULL) {
        return refuse(d, r, "MprAdminAcceptNewLink", "required");
    }
    if (d->link_hangup == NULL) {
        return refuse(d, r, "MprAdminLinkHangupNotification", "required");
    }
    if (d->terminate == NULL) {
        return refuse(d, r, "MprAdminTerminateDll", "required");
    }
    if (d->init == NULL && d->init_ex == NULL) {
        return refuse(d, r, "MprAdminInitializeDllEx", "required (or MprAdminInitializeDll)");
    }
    if (d->reauth == NULL && d->reauth_ex == NULL) {
        return refuse(d, r, "MprAdminAcceptReauthenticationEx",
                      "required (or MprAdminAcceptReauthentication)");
    }
    /* the connection pairs: each one whole or absent, at least one whole */
    if ((m = half(d->accept_ex != NULL, "MprAdminAcceptNewConnectionEx", d->hangup_ex != NULL,
                  "MprAdminConnectionHangupNotificationEx")) != NULL ||
        (m = half(d->accept3 != NULL, "MprAdminAcceptNewConnection3", d->hangup3 != NULL,
                  "MprAdminConnectionHangupNotification3")) != NULL ||
        (m = half(d->accept2 != NULL, "MprAdminAcceptNewConnection2", d->hangup2 != NULL,
                  "MprAdminConnectionHangupNotification2")) != NULL ||
        (m = half(d->accept1 != NULL, "MprAdminAcceptNewConnection", d->hangup1 != NULL,
                  "MprAdminConnectionHangupNotification")) != NULL) {
        return refuse(d, r, m, pairs);
    }
    d->pair = d->accept_ex ? RRAS_PAIR_EX
              : d->accept3 ? RRAS_PAIR_3
              : d->accept2 ? RRAS_PAIR_2
              : d->accept1 ? RRAS_PAIR_1
                           : RRAS_PAIR_NONE;
    if (d->pair == RRAS_PAIR_NONE) {
        return refuse(d, r, "MprAdminAcceptNewConnectionEx",
                      "one pair of MprAdminAcceptNewConnection(2/3/Ex) and "
                      "MprAdminConnectionHangupNotification(2/3/Ex) is required");
    }
    /* the optional address pairs: both halves or neither */
    if ((m = half(d->get_ipv4 != NULL, "MprAdminGetIpAddressForUser", d->release_ipv4 != NULL,
                  "MprAdminReleaseIpAddress")) != NULL) {
        return refuse(d, r, m, "the IPv4 address functions are optional but come as a pair");
    }
    if ((m = half(d->get_ipv6 != NULL, "MprAdminGetIpv6AddressForUser", d->release_ipv6 != NULL,
                  "MprAdminReleaseIpv6AddressForUser")) != NULL) {
        return refuse(d, r, m, "the IPv6 address functions are optional but come as a pair");
    }
    return 0;
}

DWORD
rras_dll_initialize(rras_dll *d)
{
    memset(&d->table, 0, sizeof d->table);
    return d->init_ex != NULL ? d->init_ex(&d->table) : d->init();
}

DWORD
rras_dll_terminate(const rras_dll *d)
{
    return d->table.lpfnRasAdminTerminateDll != NULL ? d->table.lpfnRasAdminTerminateDll()
                                                     : d->terminate();
}

void
rras_dll_free(rras_dll *d)
{
    if (d->module != NULL) {
        FreeLibrary(d->module);
    }
    memset(d, 0, sizeof *d);
}

BOOL
rras_dll_accept(const rras_dll *d, MPRX_RAS_CONNECTION_EX *ex, MPRX_RAS_CONNECTION_0 *c0,
                MPRX_RAS_CONNECTION_1 *c1, MPRX_RAS_CONNECTION_2 *c2, MPRX_RAS_CONNECTION_3 *c3)
{
    switch (d->pair) {
    case RRAS_PAIR_EX:
        return d->table.lpfnRasAdminAcceptNewConnectionEx != NULL
                   ? d->table.lpfnRasAdminAcceptNewConnectionEx(ex)
                   : d->accept_ex(ex);
    case RRAS_PAIR_3:
        return d->accept3(c0, c1, c2, c3);
    case RRAS_PAIR_2:
        return d->accept2(c0, c1, c2);
    default:
        return d->accept1(c0, c1);
    }
}

void
rras_dll_hangup(const rras_dll *d, MPRX_RAS_CONNECTION_EX *ex, MPRX_RAS_CONNECTION_0 *c0,
                MPRX_RAS_CONNECTION_1 *c1, MPRX_RAS_CONNECTION_2 *c2, MPRX_RAS_CONNECTION_3 *c3)
{
    switch (d->pair) {
    case RRAS_PAIR_EX:
        if (d->table.lpfnRasAdminConnectionHangupNotificationEx != NULL) {
            d->table.lpfnRasAdminConnectionHangupNotificationEx(ex);
        } else {
            d->hangup_ex(ex);
        }
        break;
    case RRAS_PAIR_3:
        d->hangup3(c0, c1, c2, c3);
        break;
    case RRAS_PAIR_2:
        d->hangup2(c0, c1, c2);
        break;
    default:
        d->hangup1(c0, c1);
        break;
    }
}

BOOL
rras_dll_reauth(const rras_dll *d, MPRX_RAS_CONNECTION_EX *ex, MPRX_RAS_CONNECTION_0 *c0,
                MPRX_RAS_CONNECTION_1 *c1, MPRX_RAS_CONNECTION_2 *c2, MPRX_RAS_CONNECTION_3 *c3)
{
    if (d->reauth_ex != NULL) {
        return d->table.lpfnRasAdminAcceptReauthenticationEx != NULL
                   ? d->table.lpfnRasAdminAcceptReauthenticationEx(ex)
                   : d->reauth_ex(ex);
    }
    return d->reauth(c0, c1, c2, c3);
}

BOOL
rras_dll_accept_link(const rras_dll *d, MPRX_RAS_PORT_0 *p0, MPRX_RAS_PORT_1 *p1)
{
    return d->table.lpfnRasAdminAcceptNewLink != NULL ? d->table.lpfnRasAdminAcceptNewLink(p0, p1)
                                                      : d->accept_link(p0, p1);
}

void
rras_dll_link_hangup(const rras_dll *d, MPRX_RAS_PORT_0 *p0, MPRX_RAS_PORT_1 *p1)
{
    if (d->table.lpfnRasAdminLinkHangupNotification != NULL) {
        d->table.lpfnRasAdminLinkHangupNotification(p0, p1);
    } else {
        d->link_hangup(p0, p1);
    }
}

DWORD
rras_dll_get_ipv4(const rras_dll *d, WCHAR *user, WCHAR *port, DWORD *address, BOOL *notify)
{
    return d->table.lpfnMprAdminGetIpAddressForUser != NULL
               ? d->table.lpfnMprAdminGetIpAddressForUser(user, port, address, notify)
               : d->get_ipv4(user, port, address, notify);
}

void
rras_dll_release_ipv4(const rras_dll *d, WCHAR *user, WCHAR *port, DWORD *address)
{
    if (d->table.lpfnMprAdminReleaseIpAddress != NULL) {
        d->table.lpfnMprAdminReleaseIpAddress(user, port, address);
    } else {
        d->release_ipv4(user, port, address);
    }
}

DWORD
rras_dll_get_ipv6(const rras_dll *d, WCHAR *user, WCHAR *port, MPRX_IN6_ADDR *address, BOOL *notify)
{
    return d->table.lpfnMprAdminGetIpv6AddressForUser != NULL
               ? d->table.lpfnMprAdminGetIpv6AddressForUser(user, port, address, notify)
               : d->get_ipv6(user, port, address, notify);
}

void
rras_dll_release_ipv6(const rras_dll *d, WCHAR *user, WCHAR *port, MPRX_IN6_ADDR *address)
{
    if (d->table.lpfnMprAdminReleaseIpV6AddressForUser != NULL) {
        d->table.lpfnMprAdminReleaseIpV6AddressForUser(user, port, address);
    } else {
        d->release_ipv6(user, port, address);
    }
}

#else

/* ISO C wants a translation unit to declare something */
typedef int rras_dll_windows_only;

#endif /* _WIN32 */
