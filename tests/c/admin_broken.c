/*
 * admin_broken.c -- small admin DLLs for the simulated RRAS host's tests
 * (tests/c/admin_run.sh builds one DLL per variant).
 *
 * Built with one OMIT_<export> macro: a DLL lacking that one export (or, for
 * the address pairs, one half of the pair), which the host must refuse with
 * that export's name.  Built with MINIMAL: a valid DLL of the older form
 * (MprAdminInitializeDll, the MprAdminAcceptNewConnection2 pair,
 * MprAdminAcceptReauthentication, no address functions) that accepts every
 * user except those whose name starts with "veto": with it listed after the
 * project's DLL, a connection is allowed only when both accept.
 *
 * Exported with __declspec(dllexport); the x86 build links with --kill-at so
 * the names are undecorated, as RRAS looks them up.
 */
#include <windows.h>
#include <string.h>

#include "mpradmin.h"

#define EXPORT __declspec(dllexport)

#ifdef MINIMAL

static int
vetoed(const WCHAR *user)
{
    return wcsncmp(user, L"veto", 4) == 0;
}

EXPORT DWORD APIENTRY
MprAdminInitializeDll(void)
{
    return NO_ERROR;
}

EXPORT BOOL APIENTRY
MprAdminAcceptNewConnection2(MPRX_RAS_CONNECTION_0 *c0, MPRX_RAS_CONNECTION_1 *c1,
                             MPRX_RAS_CONNECTION_2 *c2)
{
    (void)c1;
    (void)c2;
    return c0 != NULL && !vetoed(c0->wszUserName);
}

EXPORT VOID APIENTRY
MprAdminConnectionHangupNotification2(MPRX_RAS_CONNECTION_0 *c0, MPRX_RAS_CONNECTION_1 *c1,
                                      MPRX_RAS_CONNECTION_2 *c2)
{
    (void)c0;
    (void)c1;
    (void)c2;
}

EXPORT BOOL APIENTRY
MprAdminAcceptReauthentication(MPRX_RAS_CONNECTION_0 *c0, MPRX_RAS_CONNECTION_1 *c1,
                               MPRX_RAS_CONNECTION_2 *c2, MPRX_RAS_CONNECTION_3 *c3)
{
    (void)c1;
    (void)c2;
    (void)c3;
    return c0 != NULL && !vetoed(c0->wszUserName);
}

#else /* the broken variants: the whole Ex contract minus one export */

#ifndef OMIT_MprAdminInitializeDllEx
EXPORT DWORD APIENTRY
MprAdminInitializeDllEx(MPRX_ADMIN_DLL_CALLBACKS *callbacks)
{
    (void)callbacks;
    return NO_ERROR;
}
#endif

#ifndef OMIT_MprAdminAcceptNewConnectionEx
EXPORT BOOL APIENTRY
MprAdminAcceptNewConnectionEx(MPRX_RAS_CONNECTION_EX *conn)
{
    (void)conn;
    return TRUE;
}
#endif

#ifndef OMIT_MprAdminConnectionHangupNotificationEx
EXPORT VOID APIENTRY
MprAdminConnectionHangupNotificationEx(MPRX_RAS_CONNECTION_EX *conn)
{
    (void)conn;
}
#endif

#ifndef OMIT_MprAdminAcceptReauthenticationEx
EXPORT BOOL APIENTRY
MprAdminAcceptReauthenticationEx(MPRX_RAS_CONNECTION_EX *conn)
{
    (void)conn;
    return TRUE;
}
#endif

#ifndef OMIT_MprAdminGetIpAddressForUser
EXPORT DWORD APIENTRY
MprAdminGetIpAddressForUser(WCHAR *user, WCHAR *port, DWORD *address, BOOL *notify)
{
    (void)user;
    (void)port;
    (void)address;
    *notify = FALSE;
    return NO_ERROR;
}
#endif

#ifndef OMIT_MprAdminReleaseIpAddress
EXPORT VOID APIENTRY
MprAdminReleaseIpAddress(WCHAR *user, WCHAR *port, DWORD *address)
{
    (void)user;
    (void)port;
    (void)address;
}
#endif

#ifndef OMIT_MprAdminGetIpv6AddressForUser
EXPORT DWORD APIENTRY
MprAdminGetIpv6AddressForUser(WCHAR *user, WCHAR *port, MPRX_IN6_ADDR *address, BOOL *notify)
{
    (void)user;
    (void)port;
    (void)address;
    *notify = FALSE;
    return NO_ERROR;
}
#endif

#ifndef OMIT_MprAdminReleaseIpv6AddressForUser
EXPORT DWORD APIENTRY
MprAdminReleaseIpv6AddressForUser(WCHAR *user, WCHAR *port, MPRX_IN6_ADDR *address)
{
    (void)user;
    (void)port;
    (void)address;
    return NO_ERROR;
}
#endif

#endif /* MINIMAL */

/* Every variant, MINIMAL too, has these unless told otherwise. */

#ifndef OMIT_MprAdminAcceptNewLink
EXPORT BOOL APIENTRY
MprAdminAcceptNewLink(MPRX_RAS_PORT_0 *port0, MPRX_RAS_PORT_1 *port1)
{
    (void)port0;
    (void)port1;
    return TRUE;
}
#endif

#ifndef OMIT_MprAdminLinkHangupNotification
EXPORT VOID APIENTRY
MprAdminLinkHangupNotification(MPRX_RAS_PORT_0 *port0, MPRX_RAS_PORT_1 *port1)
{
    (void)port0;
    (void)port1;
}
#endif

#ifndef OMIT_MprAdminTerminateDll
EXPORT DWORD APIENTRY
MprAdminTerminateDll(void)
{
    return NO_ERROR;
}
#endif
