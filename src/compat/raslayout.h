/*
 * raslayout.h -- compile-time checks of the RAS structures' sizes and key
 * offsets against Microsoft's layouts, on every architecture.
 *
 * Microsoft's <ras.h> packs every RAS structure to 4 bytes (#include
 * <pshpack4.h>, on x86, x64 and ARM64 alike; mingw-w64's and Wine's ras.h
 * do the same, and so do rasdefs.h, rasx_conn.h and rasx_entry.h).  So the
 * layouts differ between 32-bit (x86) and 64-bit (x64, ARM64) Windows only
 * where a member is pointer sized (HRASCONN, HWND, ULONG_PTR, BYTE *): there a
 * pointer is 4 bytes on x86 and 8 bytes, aligned to 4 only, on 64-bit.
 *
 * The numbers below are Microsoft's layouts (the members as the Windows SDK
 * and learn.microsoft.com list them, at each structure version), laid out by
 * hand under pack(4) for both pointer sizes, not taken from a compiler; the
 * XP-level sizes agree with mingw-w64's own <ras.h> (i686 and x86_64), which
 * the Windows build of the extension checks below.  RAS_x64_x86(a, b) is a
 * for 8-byte pointers and b for 4-byte ones.
 *
 * Included by rasdefs.h (the simulator on every platform, the extension off
 * Windows: the project's declarations at their newest versions) and by
 * src/_ras/platform.h (the extension on Windows: the SDK's or mingw-w64's
 * declarations, at the versions those headers define).  A failed check is a
 * negative array size: "size of array 'raslayout_...' is negative".
 */
#ifndef RASPY_RASLAYOUT_H
#define RASPY_RASLAYOUT_H

#include <stddef.h>

#define RASL_CHECK(name, cond)  typedef char raslayout_##name[(cond) ? 1 : -1]
#define RASL_x64_x86(p8, p4)    (sizeof(void *) == 8 ? (size_t)(p8) : (size_t)(p4))
#define RASL_SIZE(type, p8, p4) RASL_CHECK(size_##type, sizeof(type) == RASL_x64_x86(p8, p4))
#define RASL_OFF(type, member, p8, p4) \
    RASL_CHECK(off_##type##_##member, offsetof(type, member) == RASL_x64_x86(p8, p4))

RASL_CHECK(pointer_size, sizeof(void *) == 8 || sizeof(void *) == 4);
RASL_CHECK(wchar_size, sizeof(WCHAR) == 2);
RASL_CHECK(dword_size, sizeof(DWORD) == 4 && sizeof(BOOL) == 4);
RASL_CHECK(ulong_ptr_size, sizeof(ULONG_PTR) == sizeof(void *));
RASL_CHECK(hwnd_size, sizeof(HWND) == sizeof(void *));
RASL_CHECK(guid_luid_size, sizeof(GUID) == 16 && sizeof(LUID) == 8);

/* ---- the project's declarations at their newest versions (rasdefs.h) ----- */
#ifdef RASPY_RASDEFS_H

/* RASCONNW, Windows 7 (0x601).  Version ends (dwSize of older callers):
 * 0x400 szPhonebook, 0x401 guidEntry, 0x500 dwFlags, 0x501 guidCorrelationId. */
RASL_SIZE(RASCONNW, 1388, 1384);
RASL_OFF(RASCONNW, hrasconn, 4, 4);
RASL_OFF(RASCONNW, szEntryName, 12, 8);
RASL_OFF(RASCONNW, szDeviceType, 526, 522);
RASL_OFF(RASCONNW, szPhonebook, 818, 814);
RASL_OFF(RASCONNW, dwSubEntry, 1340, 1336);
RASL_OFF(RASCONNW, guidEntry, 1344, 1340);
RASL_OFF(RASCONNW, dwFlags, 1360, 1356);
RASL_OFF(RASCONNW, luid, 1364, 1360);
RASL_OFF(RASCONNW, guidCorrelationId, 1372, 1368);

/* RASCONNSTATUSW, Windows 7: no pointer, the same everywhere. */
RASL_SIZE(RASCONNSTATUSW, 608, 608);
RASL_OFF(RASCONNSTATUSW, szDeviceType, 12, 12);
RASL_OFF(RASCONNSTATUSW, szPhoneNumber, 304, 304);
RASL_OFF(RASCONNSTATUSW, localEndPoint, 564, 564);
RASL_OFF(RASCONNSTATUSW, remoteEndPoint, 584, 584);
RASL_OFF(RASCONNSTATUSW, rasconnsubstate, 604, 604);

/* RASDIALPARAMSW, Windows 7: dwCallbackId is a ULONG_PTR. */
RASL_SIZE(RASDIALPARAMSW, 2112, 2108);
RASL_OFF(RASDIALPARAMSW, szUserName, 1034, 1034);
RASL_OFF(RASDIALPARAMSW, szPassword, 1548, 1548);
RASL_OFF(RASDIALPARAMSW, szDomain, 2062, 2062);
RASL_OFF(RASDIALPARAMSW, dwSubEntry, 2096, 2096);
RASL_OFF(RASDIALPARAMSW, dwCallbackId, 2100, 2100);
RASL_OFF(RASDIALPARAMSW, dwIfIndex, 2108, 2104);

/* RASDIALEXTENSIONS, Windows 7: hwndParent, reserved, reserved1 and the two
 * byte pointers are pointer sized.  Version ends: 0x400 reserved1 (24 / 16),
 * 0x500 fSkipPppAuth (44 / 28). */
RASL_SIZE(RASDIALEXTENSIONS, 60, 40);
RASL_OFF(RASDIALEXTENSIONS, hwndParent, 8, 8);
RASL_OFF(RASDIALEXTENSIONS, reserved, 16, 12);
RASL_OFF(RASDIALEXTENSIONS, reserved1, 24, 16);
RASL_OFF(RASDIALEXTENSIONS, RasEapInfo, 32, 20);
RASL_OFF(RASDIALEXTENSIONS, fSkipPppAuth, 44, 28);
RASL_OFF(RASDIALEXTENSIONS, RasDevSpecificInfo, 48, 32);
RASL_SIZE(RASEAPINFO, 12, 8);
RASL_OFF(RASEAPINFO, pbEapInfo, 4, 4);
RASL_SIZE(RASDEVSPECIFICINFO, 12, 8);

RASL_SIZE(RASENTRYNAMEW, 1048, 1048);
RASL_OFF(RASENTRYNAMEW, dwFlags, 520, 520);
RASL_OFF(RASENTRYNAMEW, szPhonebookPath, 524, 524);

RASL_SIZE(RASEAPUSERIDENTITYW, 524, 524);
RASL_OFF(RASEAPUSERIDENTITYW, dwSizeofEapInfo, 516, 516);
RASL_OFF(RASEAPUSERIDENTITYW, pbEapInfo, 520, 520);

RASL_SIZE(RASDEVINFOW, 296, 296);
RASL_OFF(RASDEVINFOW, szDeviceName, 38, 38);

RASL_SIZE(RAS_STATS, 60, 60);
RASL_OFF(RAS_STATS, dwConnectDuration, 56, 56);

RASL_SIZE(RASCREDENTIALSW, 1068, 1068);
RASL_OFF(RASCREDENTIALSW, szPassword, 522, 522);
RASL_OFF(RASCREDENTIALSW, szDomain, 1036, 1036);

RASL_SIZE(RASSUBENTRYW, 564, 564);
RASL_OFF(RASSUBENTRYW, szLocalPhoneNumber, 300, 300);
RASL_OFF(RASSUBENTRYW, dwAlternateOffset, 560, 560);

RASL_SIZE(RASPPPIPW, 80, 80);
RASL_OFF(RASPPPIPW, dwOptions, 72, 72);
RASL_SIZE(RASPPPLCPW, 2104, 2104);
RASL_OFF(RASPPPLCPW, szReplyMessage, 48, 48);
RASL_OFF(RASPPPLCPW, dwServerOptions, 2100, 2100);
RASL_SIZE(RASPPPCCP, 24, 24);
RASL_SIZE(RASPPPIPV6, 28, 28);
RASL_OFF(RASPPPIPV6, bLocalCompressionProtocol, 24, 24);

RASL_SIZE(RASTUNNELENDPOINT, 20, 20);
RASL_SIZE(RASUPDATECONN, 56, 56);
RASL_OFF(RASUPDATECONN, localEndPoint, 16, 16);
RASL_OFF(RASUPDATECONN, remoteEndPoint, 36, 36);

RASL_SIZE(RASCTRYINFOW, 20, 20);
RASL_OFF(RASCTRYINFOW, dwCountryNameOffset, 16, 16);
RASL_SIZE(RASAUTODIALENTRYW, 528, 528);
RASL_OFF(RASAUTODIALENTRYW, szEntry, 12, 12);

#endif /* RASPY_RASDEFS_H */

/* ---- layouts of rasx_entry.h and rasx_conn.h (every build) ------------- */
#if defined(RASPY_RASX_ENTRY_H) && defined(RASPY_RASX_CONN_H)
/* RASENTRYW: no pointer; rasx_entry.h checks every version's size. */
RASL_SIZE(RASX_ENTRYW, 6724, 6724);
RASL_OFF(RASX_ENTRYW, szLocalPhoneNumber, 38, 38);
RASL_OFF(RASX_ENTRYW, dwAlternateOffset, 296, 296);
/* RASPPP_PROJECTION_INFO, RASIKEV2_PROJECTION_INFO (Windows 8: the two server
 * address lists are pointers), RAS_PROJECTION_INFO. */
RASL_SIZE(RASX_PPP_PROJECTION_INFO, 100, 100);
RASL_SIZE(RASX_IKEV2_PROJECTION_INFO, 92, 84);
RASL_OFF(RASX_IKEV2_PROJECTION_INFO, numIPv4ServerAddresses, 68, 68);
RASL_OFF(RASX_IKEV2_PROJECTION_INFO, ipv4ServerAddresses, 72, 72);
RASL_OFF(RASX_IKEV2_PROJECTION_INFO, numIPv6ServerAddresses, 80, 76);
RASL_OFF(RASX_IKEV2_PROJECTION_INFO, ipv6ServerAddresses, 84, 80);
RASL_SIZE(RASX_PROJECTION_INFO, 108, 108);
RASL_OFF(RASX_PROJECTION_INFO, u, 8, 8);
#endif

/* ---- the extension on Windows: the system header's structures ------------ */
#if defined(_RAS_H_) && !defined(RASPY_RASDEFS_H)
#ifdef __MINGW32__
/* mingw-w64's <ras.h> (10.0) stops at the XP (0x501) versions of RASCONNW and
 * RASCONNSTATUSW (0x401 there) and the 2000 (0x500) RASDIALEXTENSIONS: its
 * sizes are the version ends of the layouts above. */
RASL_SIZE(RASCONNW, 1372, 1368);
RASL_SIZE(RASCONNSTATUSW, 564, 564);
RASL_SIZE(RASDIALEXTENSIONS, 44, 28);
RASL_OFF(RASDIALEXTENSIONS, RasEapInfo, 32, 20);
#else
/* The Windows SDK at Windows 7 or later: the newest versions. */
RASL_SIZE(RASCONNW, 1388, 1384);
RASL_SIZE(RASCONNSTATUSW, 608, 608);
RASL_SIZE(RASDIALEXTENSIONS, 60, 40);
RASL_OFF(RASDIALEXTENSIONS, RasDevSpecificInfo, 48, 32);
#endif
RASL_OFF(RASCONNW, hrasconn, 4, 4);
RASL_OFF(RASCONNW, szEntryName, 12, 8);
RASL_OFF(RASCONNW, dwSubEntry, 1340, 1336);
RASL_OFF(RASCONNW, luid, 1364, 1360);
RASL_OFF(RASCONNSTATUSW, szPhoneNumber, 304, 304);
RASL_SIZE(RASDIALPARAMSW, 2112, 2108);
RASL_OFF(RASDIALPARAMSW, dwCallbackId, 2100, 2100);
RASL_OFF(RASDIALPARAMSW, dwIfIndex, 2108, 2104);
RASL_OFF(RASDIALEXTENSIONS, hwndParent, 8, 8);
RASL_OFF(RASDIALEXTENSIONS, reserved1, 24, 16);
RASL_SIZE(RASENTRYNAMEW, 1048, 1048);
RASL_SIZE(RASEAPUSERIDENTITYW, 524, 524);
RASL_SIZE(RASDEVINFOW, 296, 296);
RASL_SIZE(RAS_STATS, 60, 60);
RASL_SIZE(RASCREDENTIALSW, 1068, 1068);
RASL_SIZE(RASSUBENTRYW, 564, 564);
RASL_SIZE(RASPPPIPW, 80, 80);
RASL_SIZE(RASPPPLCPW, 2104, 2104);
RASL_SIZE(RASPPPCCP, 24, 24);
RASL_SIZE(RASCTRYINFOW, 20, 20);
RASL_SIZE(RASAUTODIALENTRYW, 528, 528);
#endif

#endif /* RASPY_RASLAYOUT_H */
