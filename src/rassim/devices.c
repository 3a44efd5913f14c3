/*
 * devices.c -- RasEnumDevicesW: a fixed list of RAS-capable devices, the
 * ones a Windows 10 machine with one dial-up modem reports.  Nothing here
 * depends on the phonebook or on connections.
 */
#include "common.h"
#include "structs.h"
#include "utf.h"

#include <string.h>

static const struct {
    const WCHAR *type;
    const WCHAR *name;
} k_devices[] = {
    { RASDT_Vpn, RASDEFS_WTEXT("WAN Miniport (SSTP)") },
    { RASDT_Vpn, RASDEFS_WTEXT("WAN Miniport (IKEv2)") },
    { RASDT_Vpn, RASDEFS_WTEXT("WAN Miniport (L2TP)") },
    { RASDT_Vpn, RASDEFS_WTEXT("WAN Miniport (PPTP)") },
    { RASDT_PPPoE, RASDEFS_WTEXT("WAN Miniport (PPPOE)") },
    { RASDT_Modem, RASDEFS_WTEXT("Standard 56000 bps Modem") },
};

/* Copies a terminated string into a fixed field of cap units (truncating;
 * the field stays terminated). */
static void
copy_field(WCHAR *field, size_t cap, const WCHAR *s)
{
    size_t len = sim_wlen(s, cap - 1);
    memcpy(field, s, len * sizeof(WCHAR));
    field[len] = 0;
}

static void
fill_devices(void *buf, DWORD stride)
{
    size_t i;
    for (i = 0; i < SIM_COUNTOF(k_devices); i++) {
        RASDEVINFOW d;
        memset(&d, 0, sizeof d);
        d.dwSize = stride;
        copy_field(d.szDeviceType, SIM_COUNTOF(d.szDeviceType), k_devices[i].type);
        copy_field(d.szDeviceName, SIM_COUNTOF(d.szDeviceName), k_devices[i].name);
        memcpy(sim_array_element(buf, stride, i), &d, sizeof d);
    }
}

/* The checks follow what Windows answers (Wine's conformance tests of
 * RasEnumDevices): a NULL buffer is a size query whatever *lpcb holds, and a
 * buffer smaller than one element leaves *lpcDevices alone. */
DWORD WINAPI
RasEnumDevicesW(LPRASDEVINFOW buf, LPDWORD lpcb, LPDWORD lpcDevices)
{
    size_t n = SIM_COUNTOF(k_devices);
    DWORD stride, count, rc;
    if (lpcb == NULL || lpcDevices == NULL) {
        return ERROR_INVALID_PARAMETER;
    }
    if (buf == NULL) {
        return sim_array_size(n, 0, sizeof(RASDEVINFOW), lpcb, lpcDevices);
    }
    stride = sim_struct_read_size(buf);
    if (!sim_struct_size_ok(SIM_RASDEVINFO, stride)) {
        return ERROR_INVALID_SIZE;
    }
    if (*lpcb < stride) {
        return sim_array_size(n, stride, stride, lpcb, &count);
    }
    rc = sim_array_size(n, stride, stride, lpcb, lpcDevices);
    if (rc == 0) {
        fill_devices(buf, stride);
    }
    return rc;
}
