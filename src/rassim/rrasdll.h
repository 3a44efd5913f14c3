/*
 * rrasdll.h -- an RRAS administration DLL as the RemoteAccess service loads,
 * checks and calls it (Microsoft, "RAS Administration DLL functions").
 *
 * One place for the contract's rules, shared by the two programs that play
 * RRAS: the simulated server (adminrras.c, the scenario key AdminDll=) and
 * the simulated RRAS host (src/admin/rrashost.c).  Windows only: elsewhere
 * this header declares nothing.
 */
#ifndef RASSIM_RRASDLL_H
#define RASSIM_RRASDLL_H

#ifdef _WIN32

#include <windows.h>

#include "mpradmin.h"

/* Which MprAdminAcceptNewConnection / ConnectionHangupNotification pair the
 * DLL exports (RRAS uses the newest). */
typedef enum rras_pair {
    RRAS_PAIR_NONE,
    RRAS_PAIR_1,
    RRAS_PAIR_2,
    RRAS_PAIR_3,
    RRAS_PAIR_EX
} rras_pair;

typedef struct rras_dll {
    HMODULE module;
    MPRX_PFN_INITIALIZE_DLL init;
    MPRX_PFN_INITIALIZE_DLL_EX init_ex;
    MPRX_PFN_TERMINATE_DLL terminate;
    MPRX_PFN_ACCEPT_NEW_LINK accept_link;
    MPRX_PFN_LINK_HANGUP_NOTIFICATION link_hangup;
    rras_pair pair;
    MPRX_PFN_ACCEPT_NEW_CONNECTION accept1;
    MPRX_PFN_CONNECTION_HANGUP_NOTIFICATION hangup1;
    MPRX_PFN_ACCEPT_NEW_CONNECTION2 accept2;
    MPRX_PFN_CONNECTION_HANGUP_NOTIFICATION2 hangup2;
    MPRX_PFN_ACCEPT_NEW_CONNECTION3 accept3;
    MPRX_PFN_CONNECTION_HANGUP_NOTIFICATION3 hangup3;
    MPRX_PFN_ACCEPT_NEW_CONNECTION_EX accept_ex;
    MPRX_PFN_CONNECTION_HANGUP_NOTIFICATION_EX hangup_ex;
    MPRX_PFN_ACCEPT_REAUTHENTICATION reauth;
    MPRX_PFN_ACCEPT_REAUTHENTICATION_EX reauth_ex;
    MPRX_PFN_GET_IP_ADDRESS_FOR_USER get_ipv4;
    MPRX_PFN_RELEASE_IP_ADDRESS release_ipv4;
    MPRX_PFN_GET_IPV6_ADDRESS_FOR_USER get_ipv6;
    MPRX_PFN_RELEASE_IPV6_ADDRESS_FOR_USER release_ipv6;
    /* MprAdminInitializeDllEx's table (zeros after MprAdminInitializeDll):
     * where it holds a function, RRAS calls that instead of the export */
    MPRX_ADMIN_DLL_CALLBACKS table;
} rras_dll;

/* Every shape of one connection and its link, as the calls below take them. */
typedef struct rras_shapes {
    MPRX_RAS_CONNECTION_EX ex;
    MPRX_RAS_CONNECTION_0 c0;
    MPRX_RAS_CONNECTION_1 c1;
    MPRX_RAS_CONNECTION_2 c2;
    MPRX_RAS_CONNECTION_3 c3;
    MPRX_RAS_PORT_0 p0;
    MPRX_RAS_PORT_1 p1;
} rras_shapes;

/* Why a DLL was refused: the export RRAS missed ("" when the DLL did not
 * load at all) and the rule, or LoadLibraryW's error. */
typedef struct rras_refusal {
    const char *missing;
    const char *why;
    DWORD load_error;
} rras_refusal;

/* LoadLibraryW(path), then the export checks RRAS makes before it starts:
 * the required functions, one whole connection pair, the optional address
 * pairs whole or absent.  0; or -1 with *refusal filled (the module is
 * freed then). */
int rras_dll_load(rras_dll *d, const WCHAR *path, rras_refusal *refusal);

/* MprAdminInitializeDllEx(&d->table) where exported, else
 * MprAdminInitializeDll(): its result. */
DWORD rras_dll_initialize(rras_dll *d);

/* MprAdminTerminateDll (the table's, where given): its result. */
DWORD rras_dll_terminate(const rras_dll *d);

/* FreeLibrary (after terminate, or after an initialize that failed). */
void rras_dll_free(rras_dll *d);

/* The calls, through the table where it has the function.  The connection
 * calls take every shape; the DLL's pair says which it reads. */
BOOL rras_dll_accept(const rras_dll *d, MPRX_RAS_CONNECTION_EX *ex, MPRX_RAS_CONNECTION_0 *c0,
                     MPRX_RAS_CONNECTION_1 *c1, MPRX_RAS_CONNECTION_2 *c2,
                     MPRX_RAS_CONNECTION_3 *c3);
void rras_dll_hangup(const rras_dll *d, MPRX_RAS_CONNECTION_EX *ex, MPRX_RAS_CONNECTION_0 *c0,
                     MPRX_RAS_CONNECTION_1 *c1, MPRX_RAS_CONNECTION_2 *c2,
                     MPRX_RAS_CONNECTION_3 *c3);
BOOL rras_dll_reauth(const rras_dll *d, MPRX_RAS_CONNECTION_EX *ex, MPRX_RAS_CONNECTION_0 *c0,
                     MPRX_RAS_CONNECTION_1 *c1, MPRX_RAS_CONNECTION_2 *c2,
                     MPRX_RAS_CONNECTION_3 *c3);
DWORD rras_dll_get_ipv4(const rras_dll *d, WCHAR *user, WCHAR *port, DWORD *address,
                        BOOL *notify_release);
void rras_dll_release_ipv4(const rras_dll *d, WCHAR *user, WCHAR *port, DWORD *address);
DWORD rras_dll_get_ipv6(const rras_dll *d, WCHAR *user, WCHAR *port, MPRX_IN6_ADDR *address,
                        BOOL *notify_release);
void rras_dll_release_ipv6(const rras_dll *d, WCHAR *user, WCHAR *port, MPRX_IN6_ADDR *address);
BOOL rras_dll_accept_link(const rras_dll *d, MPRX_RAS_PORT_0 *p0, MPRX_RAS_PORT_1 *p1);
void rras_dll_link_hangup(const rras_dll *d, MPRX_RAS_PORT_0 *p0, MPRX_RAS_PORT_1 *p1);

#endif /* _WIN32 */

#endif /* RASSIM_RRASDLL_H */
