/*
 * dll_smoke.c -- loads the simulator built as rasapi32.dll (Windows / Wine),
 * resolves every export of src/rassim/rasapi32.def by name and makes a few
 * calls through the pointers.  Built and run by tests/c/run.sh under Wine.
 * Usage: dll_smoke.exe <path of rasapi32.dll>
 */
#include <windows.h>
#include <lmcons.h>

#include "rasdefs.h"
#include "rassim/rassim.h"

#include <stdio.h>
#include <string.h>

static const char *const k_exports[] = {
    "RasClearConnectionStatistics",
    "RasClearLinkStatistics",
    "RasCreatePhonebookEntryW",
    "RasDeleteEntryW",
    "RasDialW",
    "RasEditPhonebookEntryW",
    "RasEnumConnectionsW",
    "RasEnumDevicesW",
    "RasEnumEntriesW",
    "RasFreeEapUserIdentityW",
    "RasGetConnectStatusW",
    "RasGetConnectionStatistics",
    "RasGetEapUserIdentityW",
    "RasGetEntryDialParamsW",
    "RasGetErrorStringW",
    "RasGetLinkStatistics",
    "RasHangUpW",
    "RasRenameEntryW",
    "RasSetEntryDialParamsW",
    "RasSimClearLogs",
    "RasSimDialLog",
    "RasSimDrop",
    "RasSimHangUpLog",
    "RasSimReset",
    "RasSimTakePostedMessages",
    "RasSimVersion",
    "RasValidateEntryNameW",
    "RasGetCredentialsW",
    "RasSetCredentialsW",
    "RasGetEapUserDataW",
    "RasSetEapUserDataW",
    "RasGetCustomAuthDataW",
    "RasSetCustomAuthDataW",
    "RasGetEntryPropertiesW",
    "RasSetEntryPropertiesW",
    "RasGetSubEntryPropertiesW",
    "RasSetSubEntryPropertiesW",
    "RasDeleteSubEntryW",
    "RasConnectionNotificationW",
    "RasGetProjectionInfoEx",
    "RasGetProjectionInfoW",
    "RasGetSubEntryHandleW",
    "RasInvokeEapUI",
    "RasUpdateConnection",
    /* country info and autodial */
    "RasEnumAutodialAddressesW",
    "RasGetAutodialAddressW",
    "RasGetAutodialEnableW",
    "RasGetAutodialParamW",
    "RasGetCountryInfoW",
    "RasSetAutodialAddressW",
    "RasSetAutodialEnableW",
    "RasSetAutodialParamW",
};

typedef DWORD(WINAPI *version_fn)(void);
typedef DWORD(WINAPI *error_fn)(UINT, LPWSTR, DWORD);
typedef DWORD(WINAPI *dial_fn)(LPRASDIALEXTENSIONS, LPCWSTR, LPRASDIALPARAMSW, DWORD, LPVOID,
                               LPHRASCONN);
typedef DWORD(WINAPI *hangup_fn)(HRASCONN);
typedef DWORD(WINAPI *status_fn)(HRASCONN, LPRASCONNSTATUSW);
typedef DWORD(WINAPI *devices_fn)(LPRASDEVINFOW, LPDWORD, LPDWORD);
typedef DWORD(WINAPI *stats_fn)(HRASCONN, RAS_STATS *);
typedef DWORD(WINAPI *clear_fn)(HRASCONN);

static FARPROC
get(HMODULE m, const char *name)
{
    FARPROC p = GetProcAddress(m, name);
    if (p == NULL) {
        printf("missing export %s\n", name);
    }
    return p;
}

int
main(int argc, char **argv)
{
    HMODULE m;
    size_t i;
    int failures = 0;
    WCHAR buf[512];
    RASDIALPARAMSW p;
    RASCONNSTATUSW s;
    HRASCONN h = NULL;
    version_fn version;
    error_fn error_string;
    dial_fn dial;
    hangup_fn hangup;
    status_fn status;
    devices_fn devices;
    stats_fn stats;
    clear_fn clear;
    RASDEVINFOW devs[8];
    RAS_STATS st;
    DWORD cb = 0, count = 0;
    if (argc < 2 || (m = LoadLibraryA(argv[1])) == NULL) {
        printf("cannot load the DLL\n");
        return 1;
    }
    for (i = 0; i < sizeof k_exports / sizeof k_exports[0]; i++) {
        failures += get(m, k_exports[i]) == NULL;
    }
    version = (version_fn)(void *)get(m, "RasSimVersion");
    error_string = (error_fn)(void *)get(m, "RasGetErrorStringW");
    dial = (dial_fn)(void *)get(m, "RasDialW");
    hangup = (hangup_fn)(void *)get(m, "RasHangUpW");
    status = (status_fn)(void *)get(m, "RasGetConnectStatusW");
    devices = (devices_fn)(void *)get(m, "RasEnumDevicesW");
    stats = (stats_fn)(void *)get(m, "RasGetConnectionStatistics");
    clear = (clear_fn)(void *)get(m, "RasClearConnectionStatistics");
    if (failures || !version || !error_string || !dial || !hangup || !status || !devices ||
        !stats || !clear) {
        return 1;
    }
    failures += version() != RASSIM_VERSION;
    failures += error_string(ERROR_BUFFER_TOO_SMALL, buf, 512) != 0;
    failures += error_string(1, buf, 512) != ERROR_INVALID_PARAMETER;
    memset(&p, 0, sizeof p);
    p.dwSize = sizeof p;
    lstrcpyW(p.szPhoneNumber, L"5551234");
    failures += dial(NULL, NULL, &p, 0, NULL, &h) != 0;
    s.dwSize = sizeof s;
    failures += status(h, &s) != 0 || s.rasconnstate != RASCS_Connected;
    failures += devices(NULL, &cb, &count) != ERROR_BUFFER_TOO_SMALL;
    devs[0].dwSize = sizeof devs[0];
    failures += cb > sizeof devs || devices(devs, &cb, &count) != 0 || count == 0 ||
                lstrcmpW(devs[0].szDeviceType, RASDT_Vpn) != 0;
    st.dwSize = sizeof st;
    failures += stats(h, &st) != 0 || st.dwBps == 0 || clear(h) != 0;
    failures += hangup(h) != 0;
    failures += hangup(h) != ERROR_INVALID_HANDLE;
    failures += stats(h, &st) != ERROR_INVALID_HANDLE;
    printf("dll smoke: %d failures\n", failures);
    return failures != 0;
}
