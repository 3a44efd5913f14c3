/*
 * rasx_conn.h -- see rasx.h.  Projections, connection updates and
 * notifications: what mingw-w64's <ras.h> lacks, under project names.
 *
 * mingw-w64 (and the SDK) have RASPPPIPW, RASPPPLCPW, RASPPPCCP, RASPPPIPV6,
 * RASUPDATECONN, RASAPIVERSION, RASP_* (up to RASP_PppLcp), RASIPO_VJ,
 * RASLCPAP_* / RASLCPAD_*, RASLCPO_* up to RASLCPO_3_DES, RASCCP*,
 * RASCN_Connection .. RASCN_BandwidthRemoved, RasGetProjectionInfoW,
 * RasConnectionNotificationW, RasGetSubEntryHandleW and RasInvokeEapUI; off
 * Windows rasdefs.h declares the same names.  Everything else is here, for
 * every build, laid out as Microsoft documents it (ras.h, packed to 4).
 *
 * Uses only DWORD, BYTE and BOOL, so it can be included before the RAS
 * declarations themselves (rasdefs.h does).
 */
#ifndef RASPY_RASX_CONN_H
#define RASPY_RASX_CONN_H

/* ---- constants mingw lacks ------------------------------------------------ */

#define RASX_RASP_PppIpv6            0x8057 /* RASPROJECTION: IPv6 control protocol */

#define RASX_RASLCPO_AES_128         0x00000020 /* Windows 7 */
#define RASX_RASLCPO_AES_256         0x00000040
#define RASX_RASLCPO_AES_192         0x00000080 /* Windows 8 */
#define RASX_RASLCPO_GCM_AES_128     0x00000100
#define RASX_RASLCPO_GCM_AES_192     0x00000200
#define RASX_RASLCPO_GCM_AES_256     0x00000400

#define RASX_RASCN_Dormant           0x00000010 /* Windows 7 */
#define RASX_RASCN_ReConnection      0x00000020
#define RASX_RASCN_EPDGPacketArrival 0x00000040 /* Windows 10 */

/* RASCONNSUBSTATE (Windows 7). */
#define RASX_RASCSS_None         0
#define RASX_RASCSS_Dormant      1
#define RASX_RASCSS_Reconnecting 2
#define RASX_RASCSS_Reconnected  0x2000

/* RASTUNNELENDPOINT.dwType. */
#define RASX_RASTUNNELENDPOINT_UNKNOWN 0
#define RASX_RASTUNNELENDPOINT_IPv4    1
#define RASX_RASTUNNELENDPOINT_IPv6    2

/* RASAPIVERSION (mingw has the enum only for _WIN32_WINNT >= 0x0601). */
#define RASX_RASAPIVERSION_500     1
#define RASX_RASAPIVERSION_501     2
#define RASX_RASAPIVERSION_600     3
#define RASX_RASAPIVERSION_601     4
#define RASX_RASAPIVERSION_CURRENT RASX_RASAPIVERSION_601

/* RASPROJECTION_INFO_TYPE. */
#define RASX_PROJECTION_INFO_TYPE_PPP   1
#define RASX_PROJECTION_INFO_TYPE_IKEv2 2

/* RASIKEV2_PROJECTION_INFO.dwFlags. */
#define RASX_RASIKEv2_FLAGS_MOBIKESUPPORTED  0x00000001
#define RASX_RASIKEv2_FLAGS_BEHIND_NAT       0x00000002
#define RASX_RASIKEv2_FLAGS_SERVERBEHIND_NAT 0x00000004

/* ---- structures ----------------------------------------------------------- */

#pragma pack(push, 4)

/* RASPPP_PROJECTION_INFO (Windows 7): 100 bytes on every architecture.
 * RASIPV4ADDR is 4 bytes (an IN_ADDR, network order). */
typedef struct rasx_ppp_projection_info {
    DWORD dwIPv4NegotiationError;
    BYTE ipv4Address[4];
    BYTE ipv4ServerAddress[4];
    DWORD dwIPv4Options;
    DWORD dwIPv4ServerOptions;
    DWORD dwIPv6NegotiationError;
    BYTE bInterfaceIdentifier[8];
    BYTE bServerInterfaceIdentifier[8];
    BOOL fBundled;
    BOOL fMultilink;
    DWORD dwAuthenticationProtocol;
    DWORD dwAuthenticationData;
    DWORD dwServerAuthenticationProtocol;
    DWORD dwServerAuthenticationData;
    DWORD dwEapTypeId;
    DWORD dwServerEapTypeId;
    DWORD dwLcpOptions;
    DWORD dwLcpServerOptions;
    DWORD dwCcpError;
    DWORD dwCcpCompressionAlgorithm;
    DWORD dwCcpServerCompressionAlgorithm;
    DWORD dwCcpOptions;
    DWORD dwCcpServerOptions;
} RASX_PPP_PROJECTION_INFO;

/* RASIKEV2_PROJECTION_INFO, Windows 8 layout (WINVER >= 0x602): the server
 * address arrays are pointers (into the caller's buffer), so the size is 92
 * bytes on 64-bit and 84 on 32-bit; the Windows 7 layout ends at
 * numIPv4ServerAddresses (68 bytes). */
typedef struct rasx_ikev2_projection_info {
    DWORD dwIPv4NegotiationError;
    BYTE ipv4Address[4];
    BYTE ipv4ServerAddress[4];
    DWORD dwIPv6NegotiationError;
    BYTE ipv6Address[16];
    BYTE ipv6ServerAddress[16];
    DWORD dwPrefixLength;
    DWORD dwAuthenticationProtocol;
    DWORD dwEapTypeId;
    DWORD dwFlags;
    DWORD dwEncryptionMethod;
    DWORD numIPv4ServerAddresses;
    BYTE (*ipv4ServerAddresses)[4];
    DWORD numIPv6ServerAddresses;
    BYTE (*ipv6ServerAddresses)[16];
} RASX_IKEV2_PROJECTION_INFO;

/* RAS_PROJECTION_INFO: version (RASX_RASAPIVERSION_*), type
 * (RASX_PROJECTION_INFO_TYPE_*) and the union; 108 bytes everywhere. */
typedef struct rasx_projection_info {
    DWORD version;
    DWORD type;
    union {
        RASX_PPP_PROJECTION_INFO ppp;
        RASX_IKEV2_PROJECTION_INFO ikev2;
    } u;
} RASX_PROJECTION_INFO;

#pragma pack(pop)

/* Static size checks: a negative array size fails the build. */
#if defined(_WIN64) || defined(__x86_64__) || defined(__aarch64__) || defined(_M_X64) || \
    defined(_M_ARM64)
#define RASX_IKEV2_SIZE 92
#else
#define RASX_IKEV2_SIZE 84
#endif
typedef char rasx_check_ppp_size[sizeof(RASX_PPP_PROJECTION_INFO) == 100 ? 1 : -1];
typedef char rasx_check_ikev2_size[sizeof(RASX_IKEV2_PROJECTION_INFO) == RASX_IKEV2_SIZE ? 1 : -1];
typedef char rasx_check_projection_size[sizeof(RASX_PROJECTION_INFO) == 108 ? 1 : -1];

/* Functions mingw's import library cannot link (Windows 7+): resolved at
 * run time on Windows; the simulator implements them off Windows (prototypes
 * in rasdefs.h).  The first parameter is an HRASCONN. */
struct HRASCONN__;
typedef DWORD(WINAPI *rasx_GetProjectionInfoEx_fn)(struct HRASCONN__ *, RASX_PROJECTION_INFO *,
                                                   DWORD *);
typedef DWORD(WINAPI *rasx_UpdateConnection_fn)(struct HRASCONN__ *, void *);

#endif
