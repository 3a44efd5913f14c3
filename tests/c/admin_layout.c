/*
 * admin_layout.c -- src/compat/mpradmin.h against mingw-w64's <mprapi.h>:
 * every structure both declare has the same size (and key offsets), and the
 * callbacks table is exactly mingw's plus the two pointers mingw lacks.
 * Compiled (-c, nothing to run) by tests/c/admin_run.sh with both mingw-w64
 * compilers; a mismatch fails the build.
 */
#include <windows.h>
#include <mprapi.h>
#include "mpradmin.h"

#define SAME_SIZE(ours, theirs) \
    MPRX_STATIC_ASSERT(sizeof(ours) == sizeof(theirs), #ours " vs mingw " #theirs)
#define SAME_OFF(ours, theirs, m) \
    MPRX_STATIC_ASSERT(offsetof(ours, m) == offsetof(theirs, m), #ours "." #m)

SAME_SIZE(MPRX_OBJECT_HEADER, MPRAPI_OBJECT_HEADER);
SAME_SIZE(MPRX_RAS_PORT_0, RAS_PORT_0);
SAME_SIZE(MPRX_RAS_PORT_1, RAS_PORT_1);
SAME_SIZE(MPRX_PPP_INFO, PPP_INFO);
SAME_SIZE(MPRX_PPP_INFO_2, PPP_INFO_2);
SAME_SIZE(MPRX_PPP_INFO_3, PPP_INFO_3);
SAME_SIZE(MPRX_RAS_CONNECTION_0, RAS_CONNECTION_0);
SAME_OFF(MPRX_RAS_CONNECTION_0, RAS_CONNECTION_0, wszUserName);
SAME_SIZE(MPRX_RAS_CONNECTION_1, RAS_CONNECTION_1);
SAME_SIZE(MPRX_RAS_CONNECTION_2, RAS_CONNECTION_2);
SAME_SIZE(MPRX_RAS_CONNECTION_3, RAS_CONNECTION_3);
SAME_OFF(MPRX_RAS_CONNECTION_3, RAS_CONNECTION_3, timer);
SAME_SIZE(MPRX_PPP_PROJECTION_INFO, PPP_PROJECTION_INFO);
SAME_SIZE(MPRX_IKEV2_PROJECTION_INFO, IKEV2_PROJECTION_INFO);
SAME_SIZE(MPRX_PROJECTION_INFO, PROJECTION_INFO);
SAME_SIZE(MPRX_RAS_CONNECTION_EX, RAS_CONNECTION_EX);
SAME_OFF(MPRX_RAS_CONNECTION_EX, RAS_CONNECTION_EX, wszUserName);
SAME_OFF(MPRX_RAS_CONNECTION_EX, RAS_CONNECTION_EX, ProjectionInfo);
SAME_OFF(MPRX_RAS_CONNECTION_EX, RAS_CONNECTION_EX, hConnection);
SAME_OFF(MPRX_RAS_CONNECTION_EX, RAS_CONNECTION_EX, hInterface);
SAME_SIZE(MPRX_AUTH_VALIDATION_EX, AUTH_VALIDATION_EX);

/* mingw's table: 10 pointers, ours (Microsoft's): 12. */
MPRX_STATIC_ASSERT(sizeof(MPRX_ADMIN_DLL_CALLBACKS) ==
                       sizeof(MPRAPI_ADMIN_DLL_CALLBACKS) + 2 * sizeof(void *),
                   "Microsoft's table has two pointers more than mingw-w64's");
SAME_OFF(MPRX_ADMIN_DLL_CALLBACKS, MPRAPI_ADMIN_DLL_CALLBACKS, lpfnRasAdminAcceptNewConnectionEx);
MPRX_STATIC_ASSERT(offsetof(MPRX_ADMIN_DLL_CALLBACKS, lpfnRasAdminAcceptReauthenticationEx) ==
                       offsetof(MPRAPI_ADMIN_DLL_CALLBACKS, lpfnRasAdminAcceptReauthenticationEx) +
                           sizeof(void *),
                   "mingw-w64 lacks lpfnRasAdminAcceptEndpointChangeEx");

/* An object file must declare something. */
int admin_layout_checked = 1;
