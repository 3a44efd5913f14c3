/*
 * mpradmin.h -- the RAS administration DLL contract (mprapi.h), declared once
 * for every Windows build, under project names (MPRX_*, mprx_*).
 *
 * An admin DLL is loaded by Windows' Routing and Remote Access service (RRAS)
 * and called through the functions Microsoft lists in "RAS administration DLL
 * functions" (desktop-src/RRAS/ras-admin-dll-functions.md) and through the
 * MPRAPI_ADMIN_DLL_CALLBACKS table it fills in MprAdminInitializeDllEx.
 *
 * What mingw-w64's <mprapi.h> (Debian 12's, and the one in ziglang 0.17.1)
 * gets wrong or lacks:
 *   - MPRAPI_ADMIN_DLL_CALLBACKS has 10 function pointers; Microsoft's mprapi.h
 *     (Windows 7 SDK and later) and learn.microsoft.com's page have 12:
 *     lpfnRasAdminAcceptEndpointChangeEx after lpfnRasAdminAcceptNewConnectionEx
 *     and lpfnRASValidatePreAuthenticatedConnectionEx at the end.  A DLL that
 *     filled mingw's table would write the reauthentication callback into
 *     RRAS's endpoint-change slot and the hang-up callback into its
 *     reauthentication slot.
 *   - the callback types PMPRADMINACCEPTTUNNELENDPOINTCHANGEEX and
 *     PMPRADMINRASVALIDATEPREAUTHENTICATEDCONNECTIONEX, and the revision
 *     constants MPRAPI_ADMIN_DLL_VERSION_1 / _2.
 * Its RAS_PORT_0/1, RAS_CONNECTION_0..3, RAS_CONNECTION_EX and
 * AUTH_VALIDATION_EX agree with Microsoft's in size (checked against this
 * header by tests/c/admin_layout.c, built with both mingw-w64 compilers).
 * The project still declares them here, so that the admin DLL, the simulated
 * RRAS host and their tests see one set of layouts whichever compiler and SDK
 * build them (MSVC, mingw-w64, zig's clang), and nothing collides with an
 * SDK's own names.
 *
 * Layouts.  Unlike <ras.h>, Microsoft's <mprapi.h> does not change the packing
 * (no pshpack): every structure has natural alignment.  So a HANDLE is 8 bytes
 * aligned to 8 on 64-bit Windows (x64, ARM64: the same layouts) and 4 on x86;
 * a ULONG64 (PPP_PROJECTION_INFO, IKEV2_PROJECTION_INFO) is aligned to 8 on
 * x86 too (MSVC, and mingw-w64's i686 gcc and zig's clang for Windows follow
 * it), which makes PROJECTION_INFO, and so RAS_CONNECTION_EX, 8-aligned on
 * every architecture.  The sizes and offsets checked at the end were laid out
 * by hand from Microsoft's declarations with these rules (the derivation is
 * written next to each structure), not taken from a compiler.
 *
 * Sizes of the name buffers (lmcons.h, mprapi.h): UNLEN 256, DNLEN 15,
 * NETBIOS_NAME_LEN 16, MAX_INTERFACE_NAME_LEN 256, MAX_PORT_NAME 16,
 * MAX_MEDIA_NAME 16, MAX_DEVICE_NAME 128, MAX_DEVICETYPE_NAME 16,
 * IPADDRESSLEN 15, IPXADDRESSLEN 22, ATADDRESSLEN 32, MAXIPADRESSLEN 64;
 * each buffer holds one more WCHAR for the terminator.
 *
 * Windows only (the admin DLL contract has no meaning elsewhere); needs
 * <windows.h> first.
 */
#ifndef RASPY_MPRADMIN_H
#define RASPY_MPRADMIN_H

#ifndef _WIN32
#error "mpradmin.h declares a Windows DLL contract; include it in Windows builds only"
#endif

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- constants ------------------------------------------------------------ */

#define MPRX_UNLEN                  256
#define MPRX_DNLEN                  15
#define MPRX_NETBIOS_NAME_LEN       16
#define MPRX_MAX_INTERFACE_NAME_LEN 256
#define MPRX_MAX_PORT_NAME          16
#define MPRX_MAX_MEDIA_NAME         16
#define MPRX_MAX_DEVICE_NAME        128
#define MPRX_MAX_DEVICETYPE_NAME    16
#define MPRX_IPADDRESSLEN           15
#define MPRX_IPXADDRESSLEN          22
#define MPRX_ATADDRESSLEN           32
#define MPRX_MAXIPADRESSLEN         64

/* MPRAPI_ADMIN_DLL_CALLBACKS.revision: 2 = the RAS_CONNECTION_EX callbacks are
 * used (Windows 7 and later). */
#define MPRX_ADMIN_DLL_VERSION_1 0x1
#define MPRX_ADMIN_DLL_VERSION_2 0x2

/* MPRAPI_OBJECT_HEADER.type and .revision of a RAS_CONNECTION_EX. */
#define MPRX_OBJECT_TYPE_RAS_CONNECTION_OBJECT  0x1
#define MPRX_OBJECT_TYPE_AUTH_VALIDATION_OBJECT 0x4
#define MPRX_RAS_CONNECTION_OBJECT_REVISION_1   0x1

/* PROJECTION_INFO.projectionInfoType. */
#define MPRX_PPP_PROJECTION_INFO_TYPE   1
#define MPRX_IKEV2_PROJECTION_INFO_TYPE 2

/* RAS_CONNECTION_*.dwConnectionFlags. */
#define MPRX_RAS_FLAGS_PPP_CONNECTION     0x00000001
#define MPRX_RAS_FLAGS_MESSENGER_PRESENT  0x00000002
#define MPRX_RAS_FLAGS_QUARANTINE_PRESENT 0x00000008
#define MPRX_RAS_FLAGS_IKEV2_CONNECTION   0x00000010
#define MPRX_RAS_FLAGS_DORMANT            0x00000020

/* ROUTER_INTERFACE_TYPE (an enum: 4 bytes). */
#define MPRX_ROUTER_IF_TYPE_CLIENT      0
#define MPRX_ROUTER_IF_TYPE_HOME_ROUTER 1
#define MPRX_ROUTER_IF_TYPE_FULL_ROUTER 2
#define MPRX_ROUTER_IF_TYPE_DEDICATED   3
#define MPRX_ROUTER_IF_TYPE_INTERNAL    4
#define MPRX_ROUTER_IF_TYPE_LOOPBACK    5
#define MPRX_ROUTER_IF_TYPE_TUNNEL1     6
#define MPRX_ROUTER_IF_TYPE_DIALOUT     7

/* RAS_PORT_CONDITION, RAS_HARDWARE_CONDITION, RAS_QUARANTINE_STATE (enums). */
#define MPRX_RAS_PORT_NON_OPERATIONAL 0
#define MPRX_RAS_PORT_DISCONNECTED    1
#define MPRX_RAS_PORT_CALLING_BACK    2
#define MPRX_RAS_PORT_LISTENING       3
#define MPRX_RAS_PORT_AUTHENTICATING  4
#define MPRX_RAS_PORT_AUTHENTICATED   5
#define MPRX_RAS_PORT_INITIALIZING    6
#define MPRX_RAS_HARDWARE_OPERATIONAL 0
#define MPRX_RAS_HARDWARE_FAILURE     1
#define MPRX_RAS_QUAR_STATE_NORMAL    0

/* ---- basic types ----------------------------------------------------------- */

/* The enums of mprapi.h (ROUTER_INTERFACE_TYPE, RAS_PORT_CONDITION,
 * RAS_HARDWARE_CONDITION, RAS_QUARANTINE_STATE) are 4-byte ints in every
 * Windows ABI; declared as DWORD here so no compiler can pick another size. */
typedef DWORD MPRX_ENUM;

/* IN6_ADDR (in6addr.h): 16 bytes, alignment 2 (a union of BYTE[16] and
 * USHORT[8]); only pointers to it cross the contract. */
typedef union mprx_in6_addr {
    BYTE Byte[16];
    USHORT Word[8];
} MPRX_IN6_ADDR;

/* MPRAPI_OBJECT_HEADER: UCHAR revision, UCHAR type, USHORT size = 4 bytes. */
typedef struct mprx_object_header {
    UCHAR revision;
    UCHAR type;
    USHORT size;
} MPRX_OBJECT_HEADER;

/* ---- ports (links) ---------------------------------------------------------- */

/* RAS_PORT_0: 2 HANDLEs, 3 DWORDs, then WCHAR[17] + [17] + [129] + [17] =
 * 180 WCHARs = 360 bytes.  64-bit: wszPortName at 16 + 12 = 28, ends at 388,
 * rounded to 8: 392.  x86: at 8 + 12 = 20, ends at 380 (4-aligned). */
typedef struct mprx_ras_port_0 {
    HANDLE hPort;
    HANDLE hConnection;
    MPRX_ENUM dwPortCondition;
    DWORD dwTotalNumberOfCalls;
    DWORD dwConnectDuration;
    WCHAR wszPortName[MPRX_MAX_PORT_NAME + 1];
    WCHAR wszMediaName[MPRX_MAX_MEDIA_NAME + 1];
    WCHAR wszDeviceName[MPRX_MAX_DEVICE_NAME + 1];
    WCHAR wszDeviceType[MPRX_MAX_DEVICETYPE_NAME + 1];
} MPRX_RAS_PORT_0;

/* RAS_PORT_1: 2 HANDLEs and 14 DWORDs (56 bytes): 16 + 56 = 72 / 8 + 56 = 64. */
typedef struct mprx_ras_port_1 {
    HANDLE hPort;
    HANDLE hConnection;
    MPRX_ENUM dwHardwareCondition;
    DWORD dwLineSpeed;
    DWORD dwBytesXmited;
    DWORD dwBytesRcved;
    DWORD dwFramesXmited;
    DWORD dwFramesRcved;
    DWORD dwCrcErr;
    DWORD dwTimeoutErr;
    DWORD dwAlignmentErr;
    DWORD dwHardwareOverrunErr;
    DWORD dwFramingErr;
    DWORD dwBufferOverrunErr;
    DWORD dwCompressionRatioIn;
    DWORD dwCompressionRatioOut;
} MPRX_RAS_PORT_1;

/* ---- the PPP control protocols' results (no pointer: the same everywhere) --- */

/* 4 + 17 WCHARs = 38, rounded to 4: 40. */
typedef struct mprx_ppp_nbfcp_info {
    DWORD dwError;
    WCHAR wszWksta[MPRX_NETBIOS_NAME_LEN + 1];
} MPRX_PPP_NBFCP_INFO;

/* 4 + 32 + 32 = 68. */
typedef struct mprx_ppp_ipcp_info {
    DWORD dwError;
    WCHAR wszAddress[MPRX_IPADDRESSLEN + 1];
    WCHAR wszRemoteAddress[MPRX_IPADDRESSLEN + 1];
} MPRX_PPP_IPCP_INFO;

/* 68 + 8 = 76. */
typedef struct mprx_ppp_ipcp_info2 {
    DWORD dwError;
    WCHAR wszAddress[MPRX_IPADDRESSLEN + 1];
    WCHAR wszRemoteAddress[MPRX_IPADDRESSLEN + 1];
    DWORD dwOptions;
    DWORD dwRemoteOptions;
} MPRX_PPP_IPCP_INFO2;

/* 4 + 23 WCHARs = 50, rounded: 52. */
typedef struct mprx_ppp_ipxcp_info {
    DWORD dwError;
    WCHAR wszAddress[MPRX_IPXADDRESSLEN + 1];
} MPRX_PPP_IPXCP_INFO;

/* 4 + 33 WCHARs = 70, rounded: 72. */
typedef struct mprx_ppp_atcp_info {
    DWORD dwError;
    WCHAR wszAddress[MPRX_ATADDRESSLEN + 1];
} MPRX_PPP_ATCP_INFO;

/* 3 DWORDs, 2 x BYTE[8], 2 DWORDs, BYTE[8], DWORD = 12 + 16 + 8 + 8 + 4 = 48. */
typedef struct mprx_ppp_ipv6_cp_info {
    DWORD dwVersion;
    DWORD dwSize;
    DWORD dwError;
    BYTE bInterfaceIdentifier[8];
    BYTE bRemoteInterfaceIdentifier[8];
    DWORD dwOptions;
    DWORD dwRemoteOptions;
    BYTE bPrefix[8];
    DWORD dwPrefixLength;
} MPRX_PPP_IPV6_CP_INFO;

/* 5 DWORDs = 20. */
typedef struct mprx_ppp_ccp_info {
    DWORD dwError;
    DWORD dwCompressionAlgorithm;
    DWORD dwOptions;
    DWORD dwRemoteCompressionAlgorithm;
    DWORD dwRemoteOptions;
} MPRX_PPP_CCP_INFO;

/* 11 DWORDs = 44. */
typedef struct mprx_ppp_lcp_info {
    DWORD dwError;
    DWORD dwAuthenticationProtocol;
    DWORD dwAuthenticationData;
    DWORD dwRemoteAuthenticationProtocol;
    DWORD dwRemoteAuthenticationData;
    DWORD dwTerminateReason;
    DWORD dwRemoteTerminateReason;
    DWORD dwOptions;
    DWORD dwRemoteOptions;
    DWORD dwEapTypeId;
    DWORD dwRemoteEapTypeId;
} MPRX_PPP_LCP_INFO;

/* PPP_INFO: 40 + 68 + 52 + 72 = 232. */
typedef struct mprx_ppp_info {
    MPRX_PPP_NBFCP_INFO nbf;
    MPRX_PPP_IPCP_INFO ip;
    MPRX_PPP_IPXCP_INFO ipx;
    MPRX_PPP_ATCP_INFO at;
} MPRX_PPP_INFO;

/* PPP_INFO_2: 40 + 76 + 52 + 72 + 20 + 44 = 304. */
typedef struct mprx_ppp_info_2 {
    MPRX_PPP_NBFCP_INFO nbf;
    MPRX_PPP_IPCP_INFO2 ip;
    MPRX_PPP_IPXCP_INFO ipx;
    MPRX_PPP_ATCP_INFO at;
    MPRX_PPP_CCP_INFO ccp;
    MPRX_PPP_LCP_INFO lcp;
} MPRX_PPP_INFO_2;

/* PPP_INFO_3: 40 + 76 + 48 + 20 + 44 = 228. */
typedef struct mprx_ppp_info_3 {
    MPRX_PPP_NBFCP_INFO nbf;
    MPRX_PPP_IPCP_INFO2 ip;
    MPRX_PPP_IPV6_CP_INFO ipv6;
    MPRX_PPP_CCP_INFO ccp;
    MPRX_PPP_LCP_INFO lcp;
} MPRX_PPP_INFO_3;

/* ---- connections ---------------------------------------------------------- */

/* RAS_CONNECTION_0: 2 HANDLEs, 3 DWORDs, WCHAR[257] + [257] + [16] + [17] =
 * 547 WCHARs = 1094 bytes.  64-bit: wszInterfaceName at 28, wszUserName at
 * 28 + 514 = 542, ends at 1122, rounded to 8: 1128.  x86: at 20, wszUserName
 * at 534, ends at 1114, rounded to 4: 1116. */
typedef struct mprx_ras_connection_0 {
    HANDLE hConnection;
    HANDLE hInterface;
    DWORD dwConnectDuration;
    MPRX_ENUM dwInterfaceType;
    DWORD dwConnectionFlags;
    WCHAR wszInterfaceName[MPRX_MAX_INTERFACE_NAME_LEN + 1];
    WCHAR wszUserName[MPRX_UNLEN + 1];
    WCHAR wszLogonDomain[MPRX_DNLEN + 1];
    WCHAR wszRemoteComputer[MPRX_NETBIOS_NAME_LEN + 1];
} MPRX_RAS_CONNECTION_0;

/* RAS_CONNECTION_1: 2 HANDLEs, PPP_INFO (232), 12 DWORDs (48):
 * 16 + 232 + 48 = 296 / 8 + 232 + 48 = 288. */
typedef struct mprx_ras_connection_1 {
    HANDLE hConnection;
    HANDLE hInterface;
    MPRX_PPP_INFO PppInfo;
    DWORD dwBytesXmited;
    DWORD dwBytesRcved;
    DWORD dwFramesXmited;
    DWORD dwFramesRcved;
    DWORD dwCrcErr;
    DWORD dwTimeoutErr;
    DWORD dwAlignmentErr;
    DWORD dwHardwareOverrunErr;
    DWORD dwFramingErr;
    DWORD dwBufferOverrunErr;
    DWORD dwCompressionRatioIn;
    DWORD dwCompressionRatioOut;
} MPRX_RAS_CONNECTION_1;

/* RAS_CONNECTION_2: HANDLE, WCHAR[257], enum, GUID, PPP_INFO_2 (304).
 * 64-bit: user name at 8, ends at 522, dwInterfaceType at 524, guid at 528,
 * PppInfo2 at 544, ends at 848 (8-aligned).  x86: user name at 4, ends at
 * 518, type at 520, guid at 524, PppInfo2 at 540, ends at 844. */
typedef struct mprx_ras_connection_2 {
    HANDLE hConnection;
    WCHAR wszUserName[MPRX_UNLEN + 1];
    MPRX_ENUM dwInterfaceType;
    GUID guid;
    MPRX_PPP_INFO_2 PppInfo2;
} MPRX_RAS_CONNECTION_2;

/* RAS_CONNECTION_3: 2 DWORDs, HANDLE, WCHAR[257], enum, GUID, PPP_INFO_3
 * (228), enum, FILETIME (2 DWORDs).  64-bit: hConnection at 8, user name at
 * 16, type at 532, guid at 536, PppInfo3 at 552, rasQuarState at 780, timer
 * at 784, ends at 792.  x86: user name at 12, type at 528, guid at 532,
 * PppInfo3 at 548, rasQuarState at 776, timer at 780, ends at 788. */
typedef struct mprx_ras_connection_3 {
    DWORD dwVersion;
    DWORD dwSize;
    HANDLE hConnection;
    WCHAR wszUserName[MPRX_UNLEN + 1];
    MPRX_ENUM dwInterfaceType;
    GUID guid;
    MPRX_PPP_INFO_3 PppInfo3;
    MPRX_ENUM rasQuarState;
    FILETIME timer;
} MPRX_RAS_CONNECTION_3;

/* PPP_PROJECTION_INFO: DWORD, WCHAR[16] x 2 (to 68), 2 DWORDs (to 76), then
 * a ULONG64 aligned to 8 at 80 (to 88), DWORD, 3 x BYTE[8], DWORD (to 120),
 * ULONG64 at 120 (to 128), 16 DWORDs (to 192).  The same on x86. */
typedef struct mprx_ppp_projection_info {
    DWORD dwIPv4NegotiationError;
    WCHAR wszAddress[MPRX_IPADDRESSLEN + 1];
    WCHAR wszRemoteAddress[MPRX_IPADDRESSLEN + 1];
    DWORD dwIPv4Options;
    DWORD dwIPv4RemoteOptions;
    ULONG64 IPv4SubInterfaceIndex;
    DWORD dwIPv6NegotiationError;
    BYTE bInterfaceIdentifier[8];
    BYTE bRemoteInterfaceIdentifier[8];
    BYTE bPrefix[8];
    DWORD dwPrefixLength;
    ULONG64 IPv6SubInterfaceIndex;
    DWORD dwLcpError;
    DWORD dwAuthenticationProtocol;
    DWORD dwAuthenticationData;
    DWORD dwRemoteAuthenticationProtocol;
    DWORD dwRemoteAuthenticationData;
    DWORD dwLcpTerminateReason;
    DWORD dwLcpRemoteTerminateReason;
    DWORD dwLcpOptions;
    DWORD dwLcpRemoteOptions;
    DWORD dwEapTypeId;
    DWORD dwRemoteEapTypeId;
    DWORD dwCcpError;
    DWORD dwCompressionAlgorithm;
    DWORD dwCcpOptions;
    DWORD dwRemoteCompressionAlgorithm;
    DWORD dwCcpRemoteOptions;
} MPRX_PPP_PROJECTION_INFO;

/* IKEV2_PROJECTION_INFO: DWORD, WCHAR[16] x 2 (to 68), ULONG64 at 72 (to 80),
 * DWORD, 3 x BYTE[8], DWORD (to 112), ULONG64 at 112 (to 120), 5 DWORDs (to
 * 140), rounded to 8: 144. */
typedef struct mprx_ikev2_projection_info {
    DWORD dwIPv4NegotiationError;
    WCHAR wszAddress[MPRX_IPADDRESSLEN + 1];
    WCHAR wszRemoteAddress[MPRX_IPADDRESSLEN + 1];
    ULONG64 IPv4SubInterfaceIndex;
    DWORD dwIPv6NegotiationError;
    BYTE bInterfaceIdentifier[8];
    BYTE bRemoteInterfaceIdentifier[8];
    BYTE bPrefix[8];
    DWORD dwPrefixLength;
    ULONG64 IPv6SubInterfaceIndex;
    DWORD dwOptions;
    DWORD dwAuthenticationProtocol;
    DWORD dwEapTypeId;
    DWORD dwCompressionAlgorithm;
    DWORD dwEncryptionMethod;
} MPRX_IKEV2_PROJECTION_INFO;

/* PROJECTION_INFO: UCHAR, then the union (8-aligned, 192) at 8: 200.
 * Microsoft's union is anonymous; C11 allows that, but the members are named
 * here (u.ppp, u.ikev2) so the header also builds as C99. */
typedef struct mprx_projection_info {
    UCHAR projectionInfoType;
    union {
        MPRX_PPP_PROJECTION_INFO PppProjectionInfo;
        MPRX_IKEV2_PROJECTION_INFO Ikev2ProjectionInfo;
    } u;
} MPRX_PROJECTION_INFO;

/* RAS_CONNECTION_EX (Windows 7): header (4), 3 DWORDs (to 16),
 * wszInterfaceName (514) at 16, wszUserName at 530, wszLogonDomain (32) at
 * 1044, wszRemoteComputer (34) at 1076 (to 1110), guid at 1112, rasQuarState
 * at 1128, probationTime at 1132, 12 statistics DWORDs at 1140 (dwBytesXmited
 * 1140, dwBytesRcved 1144), dwNumSwitchOvers at 1188, the two endpoint
 * addresses (130 each) at 1192 and 1322 (to 1452), ProjectionInfo aligned to
 * 8 at 1456 (to 1656), hConnection at 1656, hInterface at 1664 / 1660; size
 * 1672 / 1664 (8-aligned on both: the ULONG64s). */
typedef struct mprx_ras_connection_ex {
    MPRX_OBJECT_HEADER Header;
    DWORD dwConnectDuration;
    MPRX_ENUM dwInterfaceType;
    DWORD dwConnectionFlags;
    WCHAR wszInterfaceName[MPRX_MAX_INTERFACE_NAME_LEN + 1];
    WCHAR wszUserName[MPRX_UNLEN + 1];
    WCHAR wszLogonDomain[MPRX_DNLEN + 1];
    WCHAR wszRemoteComputer[MPRX_NETBIOS_NAME_LEN + 1];
    GUID guid;
    MPRX_ENUM rasQuarState;
    FILETIME probationTime;
    DWORD dwBytesXmited;
    DWORD dwBytesRcved;
    DWORD dwFramesXmited;
    DWORD dwFramesRcved;
    DWORD dwCrcErr;
    DWORD dwTimeoutErr;
    DWORD dwAlignmentErr;
    DWORD dwHardwareOverrunErr;
    DWORD dwFramingErr;
    DWORD dwBufferOverrunErr;
    DWORD dwCompressionRatioIn;
    DWORD dwCompressionRatioOut;
    DWORD dwNumSwitchOvers;
    WCHAR wszRemoteEndpointAddress[MPRX_MAXIPADRESSLEN + 1];
    WCHAR wszLocalEndpointAddress[MPRX_MAXIPADRESSLEN + 1];
    MPRX_PROJECTION_INFO ProjectionInfo;
    HANDLE hConnection;
    HANDLE hInterface;
} MPRX_RAS_CONNECTION_EX;

/* AUTH_VALIDATION_EX: header, HANDLE (at 8 / 4), WCHAR[257] (at 16 / 8),
 * WCHAR[16] (at 530 / 522), AuthInfoSize (at 564 / 556), BYTE[1] (at 568 /
 * 560): 576 / 564.  A variable-length structure: AuthInfoSize bytes follow. */
typedef struct mprx_auth_validation_ex {
    MPRX_OBJECT_HEADER Header;
    HANDLE hRasConnection;
    WCHAR wszUserName[MPRX_UNLEN + 1];
    WCHAR wszLogonDomain[MPRX_DNLEN + 1];
    DWORD AuthInfoSize;
    BYTE AuthInfo[1];
} MPRX_AUTH_VALIDATION_EX;

/* ---- the callbacks ---------------------------------------------------------- */

/* Every function of the contract is APIENTRY (= WINAPI = __stdcall on x86,
 * the one calling convention elsewhere). */
typedef DWORD(APIENTRY *MPRX_PFN_GET_IP_ADDRESS_FOR_USER)(WCHAR *, WCHAR *, DWORD *, BOOL *);
typedef VOID(APIENTRY *MPRX_PFN_RELEASE_IP_ADDRESS)(WCHAR *, WCHAR *, DWORD *);
typedef DWORD(APIENTRY *MPRX_PFN_GET_IPV6_ADDRESS_FOR_USER)(WCHAR *, WCHAR *, MPRX_IN6_ADDR *,
                                                            BOOL *);
typedef VOID(APIENTRY *MPRX_PFN_RELEASE_IPV6_ADDRESS_FOR_USER)(WCHAR *, WCHAR *, MPRX_IN6_ADDR *);
typedef BOOL(APIENTRY *MPRX_PFN_ACCEPT_NEW_LINK)(MPRX_RAS_PORT_0 *, MPRX_RAS_PORT_1 *);
typedef VOID(APIENTRY *MPRX_PFN_LINK_HANGUP_NOTIFICATION)(MPRX_RAS_PORT_0 *, MPRX_RAS_PORT_1 *);
typedef DWORD(APIENTRY *MPRX_PFN_TERMINATE_DLL)(void);
typedef BOOL(APIENTRY *MPRX_PFN_ACCEPT_NEW_CONNECTION_EX)(MPRX_RAS_CONNECTION_EX *);
typedef BOOL(APIENTRY *MPRX_PFN_ACCEPT_TUNNEL_ENDPOINT_CHANGE_EX)(MPRX_RAS_CONNECTION_EX *);
typedef BOOL(APIENTRY *MPRX_PFN_ACCEPT_REAUTHENTICATION_EX)(MPRX_RAS_CONNECTION_EX *);
typedef VOID(APIENTRY *MPRX_PFN_CONNECTION_HANGUP_NOTIFICATION_EX)(MPRX_RAS_CONNECTION_EX *);
typedef DWORD(APIENTRY *MPRX_PFN_VALIDATE_PREAUTHENTICATED_CONNECTION_EX)(
    MPRX_AUTH_VALIDATION_EX *);

/* The older entry points the contract allows (their pairs), for the host. */
typedef DWORD(APIENTRY *MPRX_PFN_INITIALIZE_DLL)(void);
typedef BOOL(APIENTRY *MPRX_PFN_ACCEPT_NEW_CONNECTION)(MPRX_RAS_CONNECTION_0 *,
                                                       MPRX_RAS_CONNECTION_1 *);
typedef BOOL(APIENTRY *MPRX_PFN_ACCEPT_NEW_CONNECTION2)(MPRX_RAS_CONNECTION_0 *,
                                                        MPRX_RAS_CONNECTION_1 *,
                                                        MPRX_RAS_CONNECTION_2 *);
typedef BOOL(APIENTRY *MPRX_PFN_ACCEPT_NEW_CONNECTION3)(MPRX_RAS_CONNECTION_0 *,
                                                        MPRX_RAS_CONNECTION_1 *,
                                                        MPRX_RAS_CONNECTION_2 *,
                                                        MPRX_RAS_CONNECTION_3 *);
typedef VOID(APIENTRY *MPRX_PFN_CONNECTION_HANGUP_NOTIFICATION)(MPRX_RAS_CONNECTION_0 *,
                                                                MPRX_RAS_CONNECTION_1 *);
typedef VOID(APIENTRY *MPRX_PFN_CONNECTION_HANGUP_NOTIFICATION2)(MPRX_RAS_CONNECTION_0 *,
                                                                 MPRX_RAS_CONNECTION_1 *,
                                                                 MPRX_RAS_CONNECTION_2 *);
typedef VOID(APIENTRY *MPRX_PFN_CONNECTION_HANGUP_NOTIFICATION3)(MPRX_RAS_CONNECTION_0 *,
                                                                 MPRX_RAS_CONNECTION_1 *,
                                                                 MPRX_RAS_CONNECTION_2 *,
                                                                 MPRX_RAS_CONNECTION_3 *);
typedef BOOL(APIENTRY *MPRX_PFN_ACCEPT_REAUTHENTICATION)(MPRX_RAS_CONNECTION_0 *,
                                                         MPRX_RAS_CONNECTION_1 *,
                                                         MPRX_RAS_CONNECTION_2 *,
                                                         MPRX_RAS_CONNECTION_3 *);

/* MPRAPI_ADMIN_DLL_CALLBACKS as Microsoft declares it: a UCHAR revision and 12
 * function pointers (mingw-w64 has 10: no lpfnRasAdminAcceptEndpointChangeEx
 * (index 9) and no lpfnRASValidatePreAuthenticatedConnectionEx (index 12)).
 * 64-bit: revision at 0, pointers at 8 + 8 * i: 8 + 96 = 104.  x86: at 4 + 4 * i:
 * 4 + 48 = 52. */
typedef struct mprx_admin_dll_callbacks {
    UCHAR revision;
    MPRX_PFN_GET_IP_ADDRESS_FOR_USER lpfnMprAdminGetIpAddressForUser;
    MPRX_PFN_RELEASE_IP_ADDRESS lpfnMprAdminReleaseIpAddress;
    MPRX_PFN_GET_IPV6_ADDRESS_FOR_USER lpfnMprAdminGetIpv6AddressForUser;
    MPRX_PFN_RELEASE_IPV6_ADDRESS_FOR_USER lpfnMprAdminReleaseIpV6AddressForUser;
    MPRX_PFN_ACCEPT_NEW_LINK lpfnRasAdminAcceptNewLink;
    MPRX_PFN_LINK_HANGUP_NOTIFICATION lpfnRasAdminLinkHangupNotification;
    MPRX_PFN_TERMINATE_DLL lpfnRasAdminTerminateDll;
    MPRX_PFN_ACCEPT_NEW_CONNECTION_EX lpfnRasAdminAcceptNewConnectionEx;
    MPRX_PFN_ACCEPT_TUNNEL_ENDPOINT_CHANGE_EX lpfnRasAdminAcceptEndpointChangeEx;
    MPRX_PFN_ACCEPT_REAUTHENTICATION_EX lpfnRasAdminAcceptReauthenticationEx;
    MPRX_PFN_CONNECTION_HANGUP_NOTIFICATION_EX lpfnRasAdminConnectionHangupNotificationEx;
    MPRX_PFN_VALIDATE_PREAUTHENTICATED_CONNECTION_EX lpfnRASValidatePreAuthenticatedConnectionEx;
} MPRX_ADMIN_DLL_CALLBACKS;

typedef DWORD(APIENTRY *MPRX_PFN_INITIALIZE_DLL_EX)(MPRX_ADMIN_DLL_CALLBACKS *);

/* ---- static layout checks, per architecture ------------------------------- */

#if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L
#define MPRX_STATIC_ASSERT(cond, msg) _Static_assert(cond, msg)
#else /* MSVC before /std:c11, C++ */
#define MPRX_STATIC_ASSERT_2(cond, line) typedef char mprx_layout_check_##line[(cond) ? 1 : -1]
#define MPRX_STATIC_ASSERT_1(cond, line) MPRX_STATIC_ASSERT_2(cond, line)
#define MPRX_STATIC_ASSERT(cond, msg)    MPRX_STATIC_ASSERT_1(cond, __LINE__)
#endif

#define MPRX_SIZE(type, n)   MPRX_STATIC_ASSERT(sizeof(type) == (n), "sizeof " #type)
#define MPRX_OFF(type, m, n) MPRX_STATIC_ASSERT(offsetof(type, m) == (n), #type "." #m)

/* The same on every architecture (no pointer, no ULONG64). */
MPRX_SIZE(MPRX_OBJECT_HEADER, 4);
MPRX_SIZE(MPRX_IN6_ADDR, 16);
MPRX_SIZE(MPRX_PPP_NBFCP_INFO, 40);
MPRX_SIZE(MPRX_PPP_IPCP_INFO2, 76);
MPRX_SIZE(MPRX_PPP_IPV6_CP_INFO, 48);
MPRX_SIZE(MPRX_PPP_INFO, 232);
MPRX_SIZE(MPRX_PPP_INFO_2, 304);
MPRX_SIZE(MPRX_PPP_INFO_3, 228);
MPRX_SIZE(MPRX_PPP_PROJECTION_INFO, 192);
MPRX_OFF(MPRX_PPP_PROJECTION_INFO, IPv4SubInterfaceIndex, 80);
MPRX_OFF(MPRX_PPP_PROJECTION_INFO, IPv6SubInterfaceIndex, 120);
MPRX_SIZE(MPRX_IKEV2_PROJECTION_INFO, 144);
MPRX_SIZE(MPRX_PROJECTION_INFO, 200);
MPRX_OFF(MPRX_PROJECTION_INFO, u, 8);
MPRX_OFF(MPRX_RAS_CONNECTION_EX, wszInterfaceName, 16);
MPRX_OFF(MPRX_RAS_CONNECTION_EX, wszUserName, 530);
MPRX_OFF(MPRX_RAS_CONNECTION_EX, guid, 1112);
MPRX_OFF(MPRX_RAS_CONNECTION_EX, dwBytesXmited, 1140);
MPRX_OFF(MPRX_RAS_CONNECTION_EX, wszRemoteEndpointAddress, 1192);
MPRX_OFF(MPRX_RAS_CONNECTION_EX, ProjectionInfo, 1456);
MPRX_OFF(MPRX_RAS_CONNECTION_EX, hConnection, 1656);

#if defined(_WIN64) /* x64 and ARM64: 8-byte pointers aligned to 8 */
MPRX_SIZE(MPRX_RAS_PORT_0, 392);
MPRX_OFF(MPRX_RAS_PORT_0, wszPortName, 28);
MPRX_SIZE(MPRX_RAS_PORT_1, 72);
MPRX_SIZE(MPRX_RAS_CONNECTION_0, 1128);
MPRX_OFF(MPRX_RAS_CONNECTION_0, wszUserName, 542);
MPRX_SIZE(MPRX_RAS_CONNECTION_1, 296);
MPRX_SIZE(MPRX_RAS_CONNECTION_2, 848);
MPRX_OFF(MPRX_RAS_CONNECTION_2, PppInfo2, 544);
MPRX_SIZE(MPRX_RAS_CONNECTION_3, 792);
MPRX_OFF(MPRX_RAS_CONNECTION_3, wszUserName, 16);
MPRX_OFF(MPRX_RAS_CONNECTION_3, timer, 784);
MPRX_SIZE(MPRX_RAS_CONNECTION_EX, 1672);
MPRX_OFF(MPRX_RAS_CONNECTION_EX, hInterface, 1664);
MPRX_SIZE(MPRX_AUTH_VALIDATION_EX, 576);
MPRX_OFF(MPRX_AUTH_VALIDATION_EX, AuthInfo, 568);
MPRX_SIZE(MPRX_ADMIN_DLL_CALLBACKS, 104);
MPRX_OFF(MPRX_ADMIN_DLL_CALLBACKS, lpfnMprAdminGetIpAddressForUser, 8);
MPRX_OFF(MPRX_ADMIN_DLL_CALLBACKS, lpfnRasAdminAcceptEndpointChangeEx, 72);
MPRX_OFF(MPRX_ADMIN_DLL_CALLBACKS, lpfnRasAdminConnectionHangupNotificationEx, 88);
MPRX_OFF(MPRX_ADMIN_DLL_CALLBACKS, lpfnRASValidatePreAuthenticatedConnectionEx, 96);
#elif defined(_M_IX86) || defined(__i386__) /* x86: 4-byte pointers */
MPRX_SIZE(MPRX_RAS_PORT_0, 380);
MPRX_OFF(MPRX_RAS_PORT_0, wszPortName, 20);
MPRX_SIZE(MPRX_RAS_PORT_1, 64);
MPRX_SIZE(MPRX_RAS_CONNECTION_0, 1116);
MPRX_OFF(MPRX_RAS_CONNECTION_0, wszUserName, 534);
MPRX_SIZE(MPRX_RAS_CONNECTION_1, 288);
MPRX_SIZE(MPRX_RAS_CONNECTION_2, 844);
MPRX_OFF(MPRX_RAS_CONNECTION_2, PppInfo2, 540);
MPRX_SIZE(MPRX_RAS_CONNECTION_3, 788);
MPRX_OFF(MPRX_RAS_CONNECTION_3, wszUserName, 12);
MPRX_OFF(MPRX_RAS_CONNECTION_3, timer, 780);
MPRX_SIZE(MPRX_RAS_CONNECTION_EX, 1664);
MPRX_OFF(MPRX_RAS_CONNECTION_EX, hInterface, 1660);
MPRX_SIZE(MPRX_AUTH_VALIDATION_EX, 564);
MPRX_OFF(MPRX_AUTH_VALIDATION_EX, AuthInfo, 560);
MPRX_SIZE(MPRX_ADMIN_DLL_CALLBACKS, 52);
MPRX_OFF(MPRX_ADMIN_DLL_CALLBACKS, lpfnMprAdminGetIpAddressForUser, 4);
MPRX_OFF(MPRX_ADMIN_DLL_CALLBACKS, lpfnRasAdminAcceptEndpointChangeEx, 36);
MPRX_OFF(MPRX_ADMIN_DLL_CALLBACKS, lpfnRasAdminConnectionHangupNotificationEx, 44);
MPRX_OFF(MPRX_ADMIN_DLL_CALLBACKS, lpfnRASValidatePreAuthenticatedConnectionEx, 48);
#else
#error "mpradmin.h: unknown Windows architecture (layouts are checked for x86, x64 and ARM64)"
#endif

#ifdef __cplusplus
}
#endif

#endif /* RASPY_MPRADMIN_H */
