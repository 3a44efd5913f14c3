/*
 * rasx_entry.h -- RASENTRYW at every documented version, and the RASENTRY
 * constants mingw-w64's <ras.h> lacks (see rasx.h).
 *
 * mingw-w64's RASENTRYW stops at dwRedialPause (the Windows XP layout).  The
 * Windows SDK's <ras.h> continues it:
 *   WINVER >= 0x600 (Vista):  ipv6addrDns, ipv6addrDnsAlt,
 *                             dwIPv4InterfaceMetric, dwIPv6InterfaceMetric
 *   WINVER >= 0x601 (Win 7):  ipv6addr, dwIPv6PrefixLength, dwNetworkOutageTime
 *   then (Windows 8 and later; the current SDK guards this group with
 *   WINVER >= 0xA00):         szIDi, szIDr, fIsImsConfig, IdiType, IdrType,
 *                             fDisableIKEv2Fragmentation
 * RASX_ENTRYW is that complete layout, packed to 4 like the SDK's.  The
 * IPv6 addresses are 16 plain bytes (RASIPV6ADDR is an in6_addr: the same
 * size and, under pack 4, the same offsets) and the IKEV2_ID_PAYLOAD_TYPE
 * enums are DWORDs (an enum is 4 bytes on every Windows compiler), so the
 * layout depends on nothing but the basic Windows types.
 *
 * Needs DWORD, WCHAR, BOOL, BYTE, GUID, MAX_PATH and the RAS_Max* lengths:
 * include it after <ras.h> or, in the compat build, after those of rasdefs.h.
 */
#ifndef RASPY_RASX_ENTRY_H
#define RASPY_RASX_ENTRY_H

#include <stddef.h>

#define RASX_MaxIDSize 256

typedef struct {
    BYTE addr[16];
} RASX_IPV6ADDR;

typedef struct {
    BYTE a, b, c, d;
} RASX_IPADDR;

#pragma pack(push, 4)

typedef struct tagRASX_ENTRYW {
    DWORD dwSize;
    DWORD dwfOptions;
    DWORD dwCountryID;
    DWORD dwCountryCode;
    WCHAR szAreaCode[RAS_MaxAreaCode + 1];
    WCHAR szLocalPhoneNumber[RAS_MaxPhoneNumber + 1];
    DWORD dwAlternateOffset;
    RASX_IPADDR ipaddr;
    RASX_IPADDR ipaddrDns;
    RASX_IPADDR ipaddrDnsAlt;
    RASX_IPADDR ipaddrWins;
    RASX_IPADDR ipaddrWinsAlt;
    DWORD dwFrameSize;
    DWORD dwfNetProtocols;
    DWORD dwFramingProtocol;
    WCHAR szScript[MAX_PATH];
    WCHAR szAutodialDll[MAX_PATH];
    WCHAR szAutodialFunc[MAX_PATH];
    WCHAR szDeviceType[RAS_MaxDeviceType + 1];
    WCHAR szDeviceName[RAS_MaxDeviceName + 1];
    WCHAR szX25PadType[RAS_MaxPadType + 1];
    WCHAR szX25Address[RAS_MaxX25Address + 1];
    WCHAR szX25Facilities[RAS_MaxFacilities + 1];
    WCHAR szX25UserData[RAS_MaxUserData + 1];
    DWORD dwChannels;
    DWORD dwReserved1;
    DWORD dwReserved2;
    /* WINVER >= 0x401 */
    DWORD dwSubEntries;
    DWORD dwDialMode;
    DWORD dwDialExtraPercent;
    DWORD dwDialExtraSampleSeconds;
    DWORD dwHangUpExtraPercent;
    DWORD dwHangUpExtraSampleSeconds;
    DWORD dwIdleDisconnectSeconds;
    /* WINVER >= 0x500 */
    DWORD dwType;
    DWORD dwEncryptionType;
    DWORD dwCustomAuthKey;
    GUID guidId;
    WCHAR szCustomDialDll[MAX_PATH];
    DWORD dwVpnStrategy;
    /* WINVER >= 0x501 (Windows XP: where mingw-w64 stops) */
    DWORD dwfOptions2;
    DWORD dwfOptions3;
    WCHAR szDnsSuffix[RAS_MaxDnsSuffix];
    DWORD dwTcpWindowSize;
    WCHAR szPrerequisitePbk[MAX_PATH];
    WCHAR szPrerequisiteEntry[RAS_MaxEntryName + 1];
    DWORD dwRedialCount;
    DWORD dwRedialPause;
    /* WINVER >= 0x600 (Vista) */
    RASX_IPV6ADDR ipv6addrDns;
    RASX_IPV6ADDR ipv6addrDnsAlt;
    DWORD dwIPv4InterfaceMetric;
    DWORD dwIPv6InterfaceMetric;
    /* WINVER >= 0x601 (Windows 7) */
    RASX_IPV6ADDR ipv6addr;
    DWORD dwIPv6PrefixLength;
    DWORD dwNetworkOutageTime;
    /* Windows 8 and later */
    WCHAR szIDi[RASX_MaxIDSize + 1];
    WCHAR szIDr[RASX_MaxIDSize + 1];
    BOOL fIsImsConfig;
    DWORD IdiType; /* IKEV2_ID_PAYLOAD_TYPE */
    DWORD IdrType; /* IKEV2_ID_PAYLOAD_TYPE */
    BOOL fDisableIKEv2Fragmentation;
} RASX_ENTRYW;

#pragma pack(pop)

/* dwSize of each version (sizeof the SDK's RASENTRYW at that WINVER). */
#define RASX_ENTRYW_SIZE_NT4   offsetof(RASX_ENTRYW, dwSubEntries) /* 0x400 */
#define RASX_ENTRYW_SIZE_NT4SP offsetof(RASX_ENTRYW, dwType)       /* 0x401 */
#define RASX_ENTRYW_SIZE_W2K   offsetof(RASX_ENTRYW, dwfOptions2)  /* 0x500 */
#define RASX_ENTRYW_SIZE_XP    offsetof(RASX_ENTRYW, ipv6addrDns)  /* 0x501 */
#define RASX_ENTRYW_SIZE_VISTA offsetof(RASX_ENTRYW, ipv6addr)     /* 0x600 */
#define RASX_ENTRYW_SIZE_WIN7  offsetof(RASX_ENTRYW, szIDi)        /* 0x601 */
#define RASX_ENTRYW_SIZE_WIN8  sizeof(RASX_ENTRYW)                 /* newest */

/* Static size checks.  Nothing in RASENTRYW is a pointer, so x86 and x64
 * agree; the values are those of the SDK's sizeof(RASENTRYW). */
typedef char rasx_check_entry_nt4[RASX_ENTRYW_SIZE_NT4 == 3468 ? 1 : -1];
typedef char rasx_check_entry_nt4sp[RASX_ENTRYW_SIZE_NT4SP == 3496 ? 1 : -1];
typedef char rasx_check_entry_w2k[RASX_ENTRYW_SIZE_W2K == 4048 ? 1 : -1];
typedef char rasx_check_entry_xp[RASX_ENTRYW_SIZE_XP == 5616 ? 1 : -1];
typedef char rasx_check_entry_vista[RASX_ENTRYW_SIZE_VISTA == 5656 ? 1 : -1];
typedef char rasx_check_entry_win7[RASX_ENTRYW_SIZE_WIN7 == 5680 ? 1 : -1];
typedef char rasx_check_entry_win8[RASX_ENTRYW_SIZE_WIN8 == 6724 ? 1 : -1];

#if defined(__MINGW32__) && defined(_RAS_H_)
/* mingw-w64's own RASENTRYW is the Windows XP version. */
typedef char rasx_check_entry_mingw[sizeof(RASENTRYW) == RASX_ENTRYW_SIZE_XP ? 1 : -1];
#endif

/* ---- constants mingw-w64 lacks (values of the Windows SDK) ------------- */

/* dwVpnStrategy */
#define RASX_VS_SstpOnly     5
#define RASX_VS_SstpFirst    6
#define RASX_VS_Ikev2Only    7
#define RASX_VS_Ikev2First   8
#define RASX_VS_GREOnly      9
#define RASX_VS_PptpSstp     12
#define RASX_VS_L2tpSstp     13
#define RASX_VS_Ikev2Sstp    14
#define RASX_VS_ProtocolList 15

/* dwfOptions2, Vista and later */
#define RASX_RASEO2_SecureRoutingCompartment         0x00000400
#define RASX_RASEO2_UseTypicalSettings               0x00000800
#define RASX_RASEO2_IPv6SpecificNameServers          0x00001000
#define RASX_RASEO2_IPv6RemoteDefaultGateway         0x00002000
#define RASX_RASEO2_RegisterIpWithDNS                0x00004000
#define RASX_RASEO2_UseDNSSuffixForRegistration      0x00008000
#define RASX_RASEO2_IPv4ExplicitMetric               0x00010000
#define RASX_RASEO2_IPv6ExplicitMetric               0x00020000
#define RASX_RASEO2_DisableIKENameEkuCheck           0x00040000
#define RASX_RASEO2_DisableClassBasedStaticRoute     0x00080000
#define RASX_RASEO2_SpecificIPv6Addr                 0x00100000
#define RASX_RASEO2_DisableMobility                  0x00200000
#define RASX_RASEO2_RequireMachineCertificates       0x00400000
#define RASX_RASEO2_UsePreSharedKeyForIkev2Initiator 0x00800000
#define RASX_RASEO2_UsePreSharedKeyForIkev2Responder 0x01000000
#define RASX_RASEO2_CacheCredentials                 0x02000000
#define RASX_RASEO2_AutoTriggerCapable               0x04000000
#define RASX_RASEO2_IsThirdPartyProfile              0x08000000
#define RASX_RASEO2_AuthTypeIsOtp                    0x10000000
#define RASX_RASEO2_IsAlwaysOn                       0x20000000
#define RASX_RASEO2_IsPrivateNetwork                 0x40000000
#define RASX_RASEO2_PlumbIKEv2TSAsRoutes             0x80000000u

/* dwfNetProtocols */
#define RASX_RASNP_Ipv6 0x00000008

/* IdiType / IdrType (IKEV2_ID_PAYLOAD_TYPE) */
#define RASX_IKEV2_ID_PAYLOAD_TYPE_INVALID      0
#define RASX_IKEV2_ID_PAYLOAD_TYPE_IPV4_ADDR    1
#define RASX_IKEV2_ID_PAYLOAD_TYPE_FQDN         2
#define RASX_IKEV2_ID_PAYLOAD_TYPE_RFC822_ADDR  3
#define RASX_IKEV2_ID_PAYLOAD_TYPE_ID_IPV6_ADDR 5
#define RASX_IKEV2_ID_PAYLOAD_TYPE_DER_ASN1_DN  9
#define RASX_IKEV2_ID_PAYLOAD_TYPE_DER_ASN1_GN  10
#define RASX_IKEV2_ID_PAYLOAD_TYPE_KEY_ID       11

#endif /* RASPY_RASX_ENTRY_H */
