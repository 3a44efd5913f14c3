/*
 * rasdefs.h -- the project's own declarations of the rasapi32 client API.
 *
 * Names, values and layouts are those of Microsoft's <ras.h> at its newest
 * (Windows 7+) structure versions, packed to 4 bytes as the SDK packs them.
 * Used by:
 *   - every non-Windows build (with compat/wintypes.h), where the simulator
 *     in src/rassim implements these functions;
 *   - the simulator built as a Windows rasapi32.dll (with <windows.h>), so it
 *     knows every structure version a caller may pass.
 * The extension built for Windows uses the real <ras.h> instead; this file
 * must never be combined with it.
 */
#ifndef RASPY_RASDEFS_H
#define RASPY_RASDEFS_H

#ifdef _RAS_H_
#error "rasdefs.h cannot be combined with the real <ras.h>"
#endif

#ifdef _WIN32
#include <windows.h>
#include <lmcons.h> /* UNLEN, PWLEN, DNLEN */
#else
#include "wintypes.h"
#endif

#include "raserrors.h"

#ifdef __cplusplus
extern "C" {
#endif

#define RAS_MaxDeviceType                16
#define RAS_MaxPhoneNumber               128
#define RAS_MaxIpAddress                 15
#define RAS_MaxIpxAddress                21
#define RAS_MaxEntryName                 256
#define RAS_MaxDeviceName                128
#define RAS_MaxCallbackNumber            RAS_MaxPhoneNumber
#define RAS_MaxAreaCode                  10
#define RAS_MaxPadType                   32
#define RAS_MaxX25Address                200
#define RAS_MaxFacilities                200
#define RAS_MaxUserData                  200
#define RAS_MaxReplyMessage              1024
#define RAS_MaxDnsSuffix                 256

#define WM_RASDIALEVENT                  0xCCCD
#define RASCS_PAUSED                     0x1000
#define RASCS_DONE                       0x2000

#define RASEAPF_NonInteractive           0x00000002
#define RASEAPF_Logon                    0x00000004
#define RASEAPF_Preview                  0x00000008

#define RDEOPT_UsePrefixSuffix           0x00000001
#define RDEOPT_PausedStates              0x00000002
#define RDEOPT_IgnoreModemSpeaker        0x00000004
#define RDEOPT_SetModemSpeaker           0x00000008
#define RDEOPT_IgnoreSoftwareCompression 0x00000010
#define RDEOPT_SetSoftwareCompression    0x00000020
#define RDEOPT_DisableConnectedUI        0x00000040
#define RDEOPT_DisableReconnectUI        0x00000080
#define RDEOPT_DisableReconnect          0x00000100
#define RDEOPT_NoUser                    0x00000200
#define RDEOPT_PauseOnScript             0x00000400
#define RDEOPT_Router                    0x00000800
#define RDEOPT_CustomDial                0x00001000
#define RDEOPT_UseCustomScripting        0x00002000

#define REN_User                         0x00000000
#define REN_AllUsers                     0x00000001

#define RASCF_AllUsers                   0x00000001
#define RASCF_GlobalCreds                0x00000002

/* RASCREDENTIALS dwMask bits. */
#define RASCM_UserName           0x00000001
#define RASCM_Password           0x00000002
#define RASCM_Domain             0x00000004
#define RASCM_DefaultCreds       0x00000008
#define RASCM_PreSharedKey       0x00000010
#define RASCM_ServerPreSharedKey 0x00000020
#define RASCM_DDMPreSharedKey    0x00000040
/* Projections (RasGetProjectionInfoW); RASP_PppIpv6 is RASX_RASP_PppIpv6. */
typedef enum tagRASPROJECTION {
    RASP_Amb = 0x10000,
    RASP_PppNbf = 0x803F,
    RASP_PppIpx = 0x802B,
    RASP_PppIp = 0x8021,
    RASP_PppCcp = 0x80FD,
    RASP_PppLcp = 0xC021,
    RASP_Slip = 0x20000
} RASPROJECTION;

#define RASIPO_VJ                0x00000001

#define RASLCPAP_PAP             0xC023
#define RASLCPAP_SPAP            0xC027
#define RASLCPAP_CHAP            0xC223
#define RASLCPAP_EAP             0xC227

#define RASLCPAD_CHAP_MD5        0x05
#define RASLCPAD_CHAP_MS         0x80
#define RASLCPAD_CHAP_MSV2       0x81

#define RASLCPO_PFC              0x00000001
#define RASLCPO_ACFC             0x00000002
#define RASLCPO_SSHF             0x00000004
#define RASLCPO_DES_56           0x00000008
#define RASLCPO_3_DES            0x00000010

#define RASCCPCA_MPPC            0x00000006
#define RASCCPCA_STAC            0x00000005

#define RASCCPO_Compression      0x00000001
#define RASCCPO_HistoryLess      0x00000002
#define RASCCPO_Encryption56bit  0x00000010
#define RASCCPO_Encryption40bit  0x00000020
#define RASCCPO_Encryption128bit 0x00000040

/* RasConnectionNotificationW flags; the Windows 7 ones are RASX_RASCN_*. */
#define RASCN_Connection       0x00000001
#define RASCN_Disconnection    0x00000002
#define RASCN_BandwidthAdded   0x00000004
#define RASCN_BandwidthRemoved 0x00000008

typedef enum {
    RASAPIVERSION_500 = 1,
    RASAPIVERSION_501 = 2,
    RASAPIVERSION_600 = 3,
    RASAPIVERSION_601 = 4
} RASAPIVERSION;
/* RasGetAutodialParam / RasSetAutodialParam keys (each a DWORD value). */
#define RASADP_DisableConnectionQuery  0
#define RASADP_LoginSessionDisable     1
#define RASADP_SavedAddressesLimit     2
#define RASADP_FailedConnectionTimeout 3
#define RASADP_ConnectionQueryTimeout  4

/* RASADPARAMS.dwFlags (custom AutoDial handlers). */
#define RASADFLG_PositionDlg 0x00000001

/* A UTF-16 string literal usable as a WCHAR array: L"" where WCHAR is
 * wchar_t (Windows), the C11 u"" literal (char16_t, a 16-bit unsigned type
 * like wintypes.h's WCHAR) elsewhere.  C only off Windows: in C++ u"" has
 * the distinct type char16_t. */
#ifdef _WIN32
#define RASDEFS_WTEXT(s) L##s
#else
#define RASDEFS_WTEXT(s) u##s
#endif

/* Device types (RASDEVINFOW.szDeviceType, RASENTRY.szDeviceType).  ras.h
 * spells them TEXT(...); these are always the UTF-16 forms. */
#define RASDT_Modem      RASDEFS_WTEXT("modem")
#define RASDT_Isdn       RASDEFS_WTEXT("isdn")
#define RASDT_X25        RASDEFS_WTEXT("x25")
#define RASDT_Vpn        RASDEFS_WTEXT("vpn")
#define RASDT_Pad        RASDEFS_WTEXT("pad")
#define RASDT_Generic    RASDEFS_WTEXT("GENERIC")
#define RASDT_Serial     RASDEFS_WTEXT("SERIAL")
#define RASDT_FrameRelay RASDEFS_WTEXT("FRAMERELAY")
#define RASDT_Atm        RASDEFS_WTEXT("ATM")
#define RASDT_Sonet      RASDEFS_WTEXT("SONET")
#define RASDT_SW56       RASDEFS_WTEXT("SW56")
#define RASDT_Irda       RASDEFS_WTEXT("IRDA")
#define RASDT_Parallel   RASDEFS_WTEXT("PARALLEL")
#define RASDT_PPPoE      RASDEFS_WTEXT("PPPoE")

typedef struct HRASCONN__ *HRASCONN;
typedef HRASCONN *LPHRASCONN;

typedef enum tagRASCONNSTATE {
    RASCS_OpenPort = 0,
    RASCS_PortOpened,
    RASCS_ConnectDevice,
    RASCS_DeviceConnected,
    RASCS_AllDevicesConnected,
    RASCS_Authenticate,
    RASCS_AuthNotify,
    RASCS_AuthRetry,
    RASCS_AuthCallback,
    RASCS_AuthChangePassword,
    RASCS_AuthProject,
    RASCS_AuthLinkSpeed,
    RASCS_AuthAck,
    RASCS_ReAuthenticate,
    RASCS_Authenticated,
    RASCS_PrepareForCallback,
    RASCS_WaitForModemReset,
    RASCS_WaitForCallback,
    RASCS_Projected,
    RASCS_StartAuthentication,
    RASCS_CallbackComplete,
    RASCS_LogonNetwork,
    RASCS_SubEntryConnected,
    RASCS_SubEntryDisconnected,
    RASCS_ApplySettings,
    RASCS_Interactive = RASCS_PAUSED,
    RASCS_RetryAuthentication,
    RASCS_CallbackSetByCaller,
    RASCS_PasswordExpired,
    RASCS_InvokeEapUI,
    RASCS_Connected = RASCS_DONE,
    RASCS_Disconnected
} RASCONNSTATE;

typedef enum tagRASCONNSUBSTATE {
    RASCSS_None = 0,
    RASCSS_Dormant,
    RASCSS_Reconnecting,
    RASCSS_Reconnected = RASCS_DONE
} RASCONNSUBSTATE;

typedef struct {
    BYTE addr[4];
} RASIPV4ADDR;
typedef struct {
    BYTE addr[16];
} RASIPV6ADDR;

/* The layouts mingw-w64 lacks (RASX_*), after the lengths they use. */
#include "rasx.h"

#pragma pack(push, 4)

typedef struct tagRASTUNNELENDPOINT {
    DWORD dwType; /* RASTUNNELENDPOINT_* */
    union {
        RASIPV4ADDR ipv4;
        RASIPV6ADDR ipv6;
    } addr;
} RASTUNNELENDPOINT;

#define RASTUNNELENDPOINT_UNKNOWN 0
#define RASTUNNELENDPOINT_IPv4    1
#define RASTUNNELENDPOINT_IPv6    2

/* Versions: szEntryName only (NT 3.5) | +device (0x400) | +szPhonebook,
 * dwSubEntry (0x401) | +guidEntry (0x500) | +dwFlags, luid (0x501) |
 * +guidCorrelationId (0x601). */
typedef struct tagRASCONNW {
    DWORD dwSize;
    HRASCONN hrasconn;
    WCHAR szEntryName[RAS_MaxEntryName + 1];
    WCHAR szDeviceType[RAS_MaxDeviceType + 1];
    WCHAR szDeviceName[RAS_MaxDeviceName + 1];
    WCHAR szPhonebook[MAX_PATH];
    DWORD dwSubEntry;
    GUID guidEntry;
    DWORD dwFlags;
    LUID luid;
    GUID guidCorrelationId;
} RASCONNW, *LPRASCONNW;

#define RASCF_OwnerKnown 0x00000004
#define RASCF_OwnerMatch 0x00000008

/* Versions: up to szDeviceName | +szPhoneNumber (0x401) | +endpoints and
 * substate (0x601). */
typedef struct tagRASCONNSTATUSW {
    DWORD dwSize;
    RASCONNSTATE rasconnstate;
    DWORD dwError;
    WCHAR szDeviceType[RAS_MaxDeviceType + 1];
    WCHAR szDeviceName[RAS_MaxDeviceName + 1];
    WCHAR szPhoneNumber[RAS_MaxPhoneNumber + 1];
    RASTUNNELENDPOINT localEndPoint;
    RASTUNNELENDPOINT remoteEndPoint;
    RASCONNSUBSTATE rasconnsubstate;
} RASCONNSTATUSW, *LPRASCONNSTATUSW;

/* Versions: up to szDomain (0x400) | +dwSubEntry, dwCallbackId (0x401) |
 * +dwIfIndex (0x601). */
typedef struct tagRASDIALPARAMSW {
    DWORD dwSize;
    WCHAR szEntryName[RAS_MaxEntryName + 1];
    WCHAR szPhoneNumber[RAS_MaxPhoneNumber + 1];
    WCHAR szCallbackNumber[RAS_MaxCallbackNumber + 1];
    WCHAR szUserName[UNLEN + 1];
    WCHAR szPassword[PWLEN + 1];
    WCHAR szDomain[DNLEN + 1];
    DWORD dwSubEntry;
    ULONG_PTR dwCallbackId;
    DWORD dwIfIndex;
} RASDIALPARAMSW, *LPRASDIALPARAMSW;

typedef struct tagRASEAPINFO {
    DWORD dwSizeofEapInfo;
    BYTE *pbEapInfo;
} RASEAPINFO;

typedef struct tagRASDEVSPECIFICINFO {
    DWORD dwSize;
    BYTE *pbDevSpecificInfo;
} RASDEVSPECIFICINFO;

/* Versions: up to reserved (0x400) | +reserved1, RasEapInfo (0x500) |
 * +fSkipPppAuth, RasDevSpecificInfo (0x601). */
typedef struct tagRASDIALEXTENSIONS {
    DWORD dwSize;
    DWORD dwfOptions;
    HWND hwndParent;
    ULONG_PTR reserved;
    ULONG_PTR reserved1;
    RASEAPINFO RasEapInfo;
    BOOL fSkipPppAuth;
    RASDEVSPECIFICINFO RasDevSpecificInfo;
} RASDIALEXTENSIONS, *LPRASDIALEXTENSIONS;

/* Versions: up to szEntryName | +dwFlags, szPhonebookPath (0x500). */
typedef struct tagRASENTRYNAMEW {
    DWORD dwSize;
    WCHAR szEntryName[RAS_MaxEntryName + 1];
    DWORD dwFlags;
    WCHAR szPhonebookPath[MAX_PATH + 1];
} RASENTRYNAMEW, *LPRASENTRYNAMEW;

typedef struct tagRASEAPUSERIDENTITYW {
    WCHAR szUserName[UNLEN + 1];
    DWORD dwSizeofEapInfo;
    BYTE pbEapInfo[1];
} RASEAPUSERIDENTITYW, *LPRASEAPUSERIDENTITYW;

/* One version only: sizeof. */
typedef struct tagRASDEVINFOW {
    DWORD dwSize;
    WCHAR szDeviceType[RAS_MaxDeviceType + 1];
    WCHAR szDeviceName[RAS_MaxDeviceName + 1];
} RASDEVINFOW, *LPRASDEVINFOW;

/* Counters of a connection or of one of its links.  One version: sizeof. */
typedef struct _RAS_STATS {
    DWORD dwSize;
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
    DWORD dwBps;
    DWORD dwConnectDuration; /* milliseconds */
} RAS_STATS, *PRAS_STATS;

/* Credentials of an entry (RasGetCredentials / RasSetCredentials).  One
 * version: sizeof. */
typedef struct tagRASCREDENTIALSW {
    DWORD dwSize;
    DWORD dwMask;
    WCHAR szUserName[UNLEN + 1];
    WCHAR szPassword[PWLEN + 1];
    WCHAR szDomain[DNLEN + 1];
} RASCREDENTIALSW, *LPRASCREDENTIALSW;
/* RASENTRYW is the complete (Windows 8+) layout of rasx_entry.h. */
typedef RASX_ENTRYW RASENTRYW, *LPRASENTRYW;

/* One version only: sizeof. */
typedef struct tagRASSUBENTRYW {
    DWORD dwSize;
    DWORD dwfFlags;
    WCHAR szDeviceType[RAS_MaxDeviceType + 1];
    WCHAR szDeviceName[RAS_MaxDeviceName + 1];
    WCHAR szLocalPhoneNumber[RAS_MaxPhoneNumber + 1];
    DWORD dwAlternateOffset;
} RASSUBENTRYW, *LPRASSUBENTRYW;
/* Projection results of RasGetProjectionInfoW.  One version each
 * (sizeof). */
typedef struct tagRASPPPIPW {
    DWORD dwSize;
    DWORD dwError;
    WCHAR szIpAddress[RAS_MaxIpAddress + 1];
    WCHAR szServerIpAddress[RAS_MaxIpAddress + 1];
    DWORD dwOptions;
    DWORD dwServerOptions;
} RASPPPIPW, *LPRASPPPIPW;

typedef struct tagRASPPPLCPW {
    DWORD dwSize;
    BOOL fBundled;
    DWORD dwError;
    DWORD dwAuthenticationProtocol;
    DWORD dwAuthenticationData;
    DWORD dwEapTypeId;
    DWORD dwServerAuthenticationProtocol;
    DWORD dwServerAuthenticationData;
    DWORD dwServerEapTypeId;
    BOOL fMultilink;
    DWORD dwTerminateReason;
    DWORD dwServerTerminateReason;
    WCHAR szReplyMessage[RAS_MaxReplyMessage];
    DWORD dwOptions;
    DWORD dwServerOptions;
} RASPPPLCPW, *LPRASPPPLCPW;

typedef struct tagRASPPPCCP {
    DWORD dwSize;
    DWORD dwError;
    DWORD dwCompressionAlgorithm;
    DWORD dwOptions;
    DWORD dwServerCompressionAlgorithm;
    DWORD dwServerOptions;
} RASPPPCCP, *LPRASPPPCCP;

typedef struct _RASPPPIPV6 {
    DWORD dwSize;
    DWORD dwError;
    BYTE bLocalInterfaceIdentifier[8];
    BYTE bPeerInterfaceIdentifier[8];
    BYTE bLocalCompressionProtocol[2];
    BYTE bPeerCompressionProtocol[2];
} RASPPPIPV6, *LPRASPPPIPV6;

/* RasUpdateConnection's argument (Windows 7); dwSize is sizeof. */
typedef struct _RASUPDATECONN {
    RASAPIVERSION version;
    DWORD dwSize;
    DWORD dwFlags;
    DWORD dwIfIndex;
    RASTUNNELENDPOINT localEndPoint;
    RASTUNNELENDPOINT remoteEndPoint;
} RASUPDATECONN, *LPRASUPDATECONN;
/* ---- country info and autodial ---------------------------------------- */

/* Followed in the caller's buffer by the country/region name, a
 * NUL-terminated string dwCountryNameOffset bytes from the structure's
 * start.  One version: sizeof. */
typedef struct tagRASCTRYINFOW {
    DWORD dwSize;
    DWORD dwCountryID; /* TAPI country/region id; 0 ends the chain */
    DWORD dwNextCountryID;
    DWORD dwCountryCode;
    DWORD dwCountryNameOffset;
} RASCTRYINFOW, *LPRASCTRYINFOW;

/* One version: sizeof. */
typedef struct tagRASAUTODIALENTRYW {
    DWORD dwSize;
    DWORD dwFlags;           /* none defined */
    DWORD dwDialingLocation; /* TAPI dialing location */
    WCHAR szEntry[RAS_MaxEntryName + 1];
} RASAUTODIALENTRYW, *LPRASAUTODIALENTRYW;

#pragma pack(pop)

/* RASENTRY constants (those mingw-w64's <ras.h> also has; the newer ones
 * are RASX_* in rasx_entry.h). */
#define RASEO_UseCountryAndAreaCodes   0x00000001
#define RASEO_SpecificIpAddr           0x00000002
#define RASEO_SpecificNameServers      0x00000004
#define RASEO_IpHeaderCompression      0x00000008
#define RASEO_RemoteDefaultGateway     0x00000010
#define RASEO_DisableLcpExtensions     0x00000020
#define RASEO_TerminalBeforeDial       0x00000040
#define RASEO_TerminalAfterDial        0x00000080
#define RASEO_ModemLights              0x00000100
#define RASEO_SwCompression            0x00000200
#define RASEO_RequireEncryptedPw       0x00000400
#define RASEO_RequireMsEncryptedPw     0x00000800
#define RASEO_RequireDataEncryption    0x00001000
#define RASEO_NetworkLogon             0x00002000
#define RASEO_UseLogonCredentials      0x00004000
#define RASEO_PromoteAlternates        0x00008000
#define RASEO_SecureLocalFiles         0x00010000
#define RASEO_RequireEAP               0x00020000
#define RASEO_RequirePAP               0x00040000
#define RASEO_RequireSPAP              0x00080000
#define RASEO_Custom                   0x00100000
#define RASEO_PreviewPhoneNumber       0x00200000
#define RASEO_SharedPhoneNumbers       0x00800000
#define RASEO_PreviewUserPw            0x01000000
#define RASEO_PreviewDomain            0x02000000
#define RASEO_ShowDialingProgress      0x04000000
#define RASEO_RequireCHAP              0x08000000
#define RASEO_RequireMsCHAP            0x10000000
#define RASEO_RequireMsCHAP2           0x20000000
#define RASEO_RequireW95MSCHAP         0x40000000
#define RASEO_CustomScript             0x80000000u

#define RASEO2_SecureFileAndPrint      0x00000001
#define RASEO2_SecureClientForMSNet    0x00000002
#define RASEO2_DontNegotiateMultilink  0x00000004
#define RASEO2_DontUseRasCredentials   0x00000008
#define RASEO2_UsePreSharedKey         0x00000010
#define RASEO2_Internet                0x00000020
#define RASEO2_DisableNbtOverIP        0x00000040
#define RASEO2_UseGlobalDeviceSettings 0x00000080
#define RASEO2_ReconnectIfDropped      0x00000100
#define RASEO2_SharePhoneNumbers       0x00000200

#define RASNP_NetBEUI                  0x00000001
#define RASNP_Ipx                      0x00000002
#define RASNP_Ip                       0x00000004

#define RASFP_Ppp                      0x00000001
#define RASFP_Slip                     0x00000002
#define RASFP_Ras                      0x00000004

#define RASET_Phone                    1
#define RASET_Vpn                      2
#define RASET_Direct                   3
#define RASET_Internet                 4
#define RASET_Broadband                5

#define ET_None                        0
#define ET_Require                     1
#define ET_RequireMax                  2
#define ET_Optional                    3

#define VS_Default                     0
#define VS_PptpOnly                    1
#define VS_PptpFirst                   2
#define VS_L2tpOnly                    3
#define VS_L2tpFirst                   4

#define RASEDM_DialAll                 1
#define RASEDM_DialAsNeeded            2

#define RASIDS_Disabled                0xffffffffu
#define RASIDS_UseGlobalValue          0

typedef VOID(WINAPI *RASDIALFUNC)(UINT, RASCONNSTATE, DWORD);
typedef VOID(WINAPI *RASDIALFUNC1)(HRASCONN, UINT, RASCONNSTATE, DWORD, DWORD);
typedef DWORD(WINAPI *RASDIALFUNC2)(ULONG_PTR, DWORD, HRASCONN, UINT, RASCONNSTATE, DWORD, DWORD);

DWORD WINAPI RasDialW(LPRASDIALEXTENSIONS, LPCWSTR, LPRASDIALPARAMSW, DWORD, LPVOID, LPHRASCONN);
DWORD WINAPI RasEnumConnectionsW(LPRASCONNW, LPDWORD, LPDWORD);
DWORD WINAPI RasEnumEntriesW(LPCWSTR, LPCWSTR, LPRASENTRYNAMEW, LPDWORD, LPDWORD);
DWORD WINAPI RasGetConnectStatusW(HRASCONN, LPRASCONNSTATUSW);
DWORD WINAPI RasGetErrorStringW(UINT, LPWSTR, DWORD);
DWORD WINAPI RasHangUpW(HRASCONN);
DWORD WINAPI RasCreatePhonebookEntryW(HWND, LPCWSTR);
DWORD WINAPI RasEditPhonebookEntryW(HWND, LPCWSTR, LPCWSTR);
DWORD WINAPI RasSetEntryDialParamsW(LPCWSTR, LPRASDIALPARAMSW, BOOL);
DWORD WINAPI RasGetEntryDialParamsW(LPCWSTR, LPRASDIALPARAMSW, LPBOOL);
DWORD WINAPI RasGetEapUserIdentityW(LPCWSTR, LPCWSTR, DWORD, HWND, LPRASEAPUSERIDENTITYW *);
VOID WINAPI RasFreeEapUserIdentityW(LPRASEAPUSERIDENTITYW);
DWORD WINAPI RasValidateEntryNameW(LPCWSTR, LPCWSTR);
DWORD WINAPI RasDeleteEntryW(LPCWSTR, LPCWSTR);
DWORD WINAPI RasRenameEntryW(LPCWSTR, LPCWSTR, LPCWSTR);
DWORD WINAPI RasEnumDevicesW(LPRASDEVINFOW, LPDWORD, LPDWORD);
DWORD WINAPI RasGetConnectionStatistics(HRASCONN, RAS_STATS *);
DWORD WINAPI RasClearConnectionStatistics(HRASCONN);
DWORD WINAPI RasGetLinkStatistics(HRASCONN, DWORD, RAS_STATS *);
DWORD WINAPI RasClearLinkStatistics(HRASCONN, DWORD);
DWORD WINAPI RasGetCredentialsW(LPCWSTR, LPCWSTR, LPRASCREDENTIALSW);
DWORD WINAPI RasSetCredentialsW(LPCWSTR, LPCWSTR, LPRASCREDENTIALSW, BOOL);
DWORD WINAPI RasGetEapUserDataW(HANDLE, LPCWSTR, LPCWSTR, BYTE *, DWORD *);
DWORD WINAPI RasSetEapUserDataW(HANDLE, LPCWSTR, LPCWSTR, BYTE *, DWORD);
DWORD WINAPI RasGetCustomAuthDataW(LPCWSTR, LPCWSTR, BYTE *, DWORD *);
DWORD WINAPI RasSetCustomAuthDataW(LPCWSTR, LPCWSTR, BYTE *, DWORD);
DWORD WINAPI RasGetEntryPropertiesW(LPCWSTR, LPCWSTR, LPRASENTRYW, LPDWORD, BYTE *, LPDWORD);
DWORD WINAPI RasSetEntryPropertiesW(LPCWSTR, LPCWSTR, LPRASENTRYW, DWORD, BYTE *, DWORD);
DWORD WINAPI RasGetSubEntryPropertiesW(LPCWSTR, LPCWSTR, DWORD, LPRASSUBENTRYW, LPDWORD, BYTE *,
                                       LPDWORD);
DWORD WINAPI RasSetSubEntryPropertiesW(LPCWSTR, LPCWSTR, DWORD, LPRASSUBENTRYW, DWORD, BYTE *,
                                       DWORD);
DWORD WINAPI RasDeleteSubEntryW(LPCWSTR, LPCWSTR, DWORD);
DWORD WINAPI RasGetProjectionInfoW(HRASCONN, RASPROJECTION, LPVOID, LPDWORD);
DWORD WINAPI RasGetProjectionInfoEx(HRASCONN, RASX_PROJECTION_INFO *, LPDWORD);
DWORD WINAPI RasUpdateConnection(HRASCONN, LPRASUPDATECONN);
DWORD WINAPI RasGetSubEntryHandleW(HRASCONN, DWORD, LPHRASCONN);
DWORD WINAPI RasConnectionNotificationW(HRASCONN, HANDLE, DWORD);
DWORD WINAPI RasInvokeEapUI(HRASCONN, DWORD, LPRASDIALEXTENSIONS, HWND);
DWORD WINAPI RasGetCountryInfoW(LPRASCTRYINFOW, LPDWORD);
DWORD WINAPI RasGetAutodialAddressW(LPCWSTR, LPDWORD, LPRASAUTODIALENTRYW, LPDWORD, LPDWORD);
DWORD WINAPI RasSetAutodialAddressW(LPCWSTR, DWORD, LPRASAUTODIALENTRYW, DWORD, DWORD);
DWORD WINAPI RasEnumAutodialAddressesW(LPWSTR *, LPDWORD, LPDWORD);
DWORD WINAPI RasGetAutodialEnableW(DWORD, LPBOOL);
DWORD WINAPI RasSetAutodialEnableW(DWORD, BOOL);
DWORD WINAPI RasGetAutodialParamW(DWORD, LPVOID, LPDWORD);
DWORD WINAPI RasSetAutodialParamW(DWORD, LPVOID, DWORD);

#ifdef __cplusplus
}
#endif

/* Sizes and offsets against Microsoft's x86 and 64-bit layouts. */
#include "raslayout.h"

#endif /* RASPY_RASDEFS_H */
