/*
 * test_devices.c -- C tests of RasEnumDevicesW (devices.c).
 */
#include "simtest.h"

/* ---- RasEnumDevicesW ---------------------------------------------------- */

static const struct {
    const char *type, *name;
} k_devices[] = {
    { "vpn", "WAN Miniport (SSTP)" },    { "vpn", "WAN Miniport (IKEv2)" },
    { "vpn", "WAN Miniport (L2TP)" },    { "vpn", "WAN Miniport (PPTP)" },
    { "PPPoE", "WAN Miniport (PPPOE)" }, { "modem", "Standard 56000 bps Modem" },
};

#define NDEV SIM_COUNTOF(k_devices)

static void
test_rasdt_constants(void)
{
    const WCHAR *const values[] = {
        RASDT_Modem,   RASDT_Isdn,   RASDT_X25,        RASDT_Vpn,   RASDT_Pad,
        RASDT_Generic, RASDT_Serial, RASDT_FrameRelay, RASDT_Atm,   RASDT_Sonet,
        RASDT_SW56,    RASDT_Irda,   RASDT_Parallel,   RASDT_PPPoE,
    };
    static const char *const expect[] = {
        "modem",      "isdn", "x25",   "vpn",  "pad",  "GENERIC",  "SERIAL",
        "FRAMERELAY", "ATM",  "SONET", "SW56", "IRDA", "PARALLEL", "PPPoE",
    };
    size_t i;
    CHECK_EQ(SIM_COUNTOF(values), SIM_COUNTOF(expect));
    for (i = 0; i < SIM_COUNTOF(values); i++) {
        CHECK(weq(values[i], expect[i]));
    }
    CHECK_EQ(sizeof(RASDEVINFOW), 4 + 2 * (RAS_MaxDeviceType + 1 + RAS_MaxDeviceName + 1));
    CHECK_EQ(sizeof(RAS_STATS), 15 * sizeof(DWORD));
}

SIMTEST(enum_devices)
{
    static RASDEVINFOW devs[NDEV + 1];
    const DWORD need = (DWORD)(NDEV * sizeof(RASDEVINFOW));
    const DWORD bad_sizes[] = { 0, sizeof(RASDEVINFOW) - 1, sizeof(RASDEVINFOW) + 1, 4 };
    DWORD cb, count;
    size_t i;
    test_rasdt_constants();
    /* NULL pointers */
    count = 0xDEADBEEF;
    cb = need;
    devs[0].dwSize = sizeof devs[0];
    CHECK_EQ(RasEnumDevicesW(devs, NULL, &count), ERROR_INVALID_PARAMETER);
    CHECK_EQ(count, 0xDEADBEEF);
    CHECK_EQ(RasEnumDevicesW(devs, &cb, NULL), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasEnumDevicesW(NULL, NULL, &count), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasEnumDevicesW(NULL, &cb, NULL), ERROR_INVALID_PARAMETER);
    CHECK_EQ(count, 0xDEADBEEF);
    CHECK_EQ(cb, need);
    /* a NULL buffer is a size query whatever *lpcb says */
    cb = 0;
    CHECK_EQ(RasEnumDevicesW(NULL, &cb, &count), ERROR_BUFFER_TOO_SMALL);
    CHECK_EQ(cb, need);
    CHECK_EQ(count, NDEV);
    cb = 0xFFFFFFFFu;
    count = 0;
    CHECK_EQ(RasEnumDevicesW(NULL, &cb, &count), ERROR_BUFFER_TOO_SMALL);
    CHECK_EQ(cb, need);
    CHECK_EQ(count, NDEV);
    /* dwSize: exactly sizeof(RASDEVINFOW); checked before the buffer size */
    for (i = 0; i < SIM_COUNTOF(bad_sizes); i++) {
        devs[0].dwSize = bad_sizes[i];
        cb = i == 0 ? 0 : need;
        count = 0xDEADBEEF;
        CHECK_EQ(RasEnumDevicesW(devs, &cb, &count), ERROR_INVALID_SIZE);
        CHECK_EQ(count, 0xDEADBEEF);
        CHECK_EQ(cb, i == 0 ? 0 : need);
    }
    /* smaller than one element: the size, but no count */
    devs[0].dwSize = sizeof devs[0];
    cb = 0;
    count = 0xDEADBEEF;
    CHECK_EQ(RasEnumDevicesW(devs, &cb, &count), ERROR_BUFFER_TOO_SMALL);
    CHECK_EQ(cb, need);
    CHECK_EQ(count, 0xDEADBEEF);
    cb = sizeof(RASDEVINFOW) - 1;
    CHECK_EQ(RasEnumDevicesW(devs, &cb, &count), ERROR_BUFFER_TOO_SMALL);
    CHECK_EQ(count, 0xDEADBEEF);
    /* room for some but not all */
    cb = need - 1;
    CHECK_EQ(RasEnumDevicesW(devs, &cb, &count), ERROR_BUFFER_TOO_SMALL);
    CHECK_EQ(cb, need);
    CHECK_EQ(count, NDEV);
    /* enough: the list, and nothing written past it */
    memset(devs, 0xAB, sizeof devs);
    devs[0].dwSize = sizeof devs[0];
    cb = sizeof devs;
    count = 0;
    CHECK_EQ(RasEnumDevicesW(devs, &cb, &count), 0);
    CHECK_EQ(cb, need);
    CHECK_EQ(count, NDEV);
    for (i = 0; i < NDEV; i++) {
        CHECK_EQ(devs[i].dwSize, sizeof(RASDEVINFOW));
        CHECK(weq(devs[i].szDeviceType, k_devices[i].type));
        CHECK(weq(devs[i].szDeviceName, k_devices[i].name));
        CHECK_EQ(devs[i].szDeviceName[RAS_MaxDeviceName], 0);
    }
    CHECK_EQ(devs[NDEV].dwSize, 0xABABABABu);
    cb = need;
    CHECK_EQ(RasEnumDevicesW(devs, &cb, &count), 0);
    CHECK_EQ(cb, need);
}
