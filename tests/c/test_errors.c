/*
 * test_errors.c -- C tests of RasGetErrorStringW and RasSimVersion (errors.c,
 * simextras.c).
 */
#include "simtest.h"

/* ---- RasGetErrorStringW, RasSimVersion ---------------------------------- */

static const struct {
    UINT code;
    const char *message;
} k_codes[] = {
#define RASERR(name, value, message) { value, message },
#include "raserror_list.h"
#undef RASERR
};

SIMTEST(error_strings)
{
    WCHAR buf[512];
    size_t i;
    CHECK_EQ(RasSimVersion(), RASSIM_VERSION);
    CHECK_EQ(RasGetErrorStringW(ERROR_BUFFER_TOO_SMALL, NULL, 512), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasGetErrorStringW(0, buf, 512), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasGetErrorStringW(599, buf, 512), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasGetErrorStringW(ERROR_INVALID_PARAMETER, buf, 512), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasGetErrorStringW(0xFFFFFFFFu, buf, 512), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasGetErrorStringW(ERROR_BUFFER_TOO_SMALL, buf, 0), ERROR_INSUFFICIENT_BUFFER);
    for (i = 0; i < SIM_COUNTOF(k_codes); i++) {
        size_t units = sim_u8_wlen(k_codes[i].message, strlen(k_codes[i].message));
        memset(buf, 0xAB, sizeof buf);
        CHECK_EQ(RasGetErrorStringW(k_codes[i].code, buf, 512), 0);
        CHECK(weq(buf, k_codes[i].message));
        CHECK_EQ(RasGetErrorStringW(k_codes[i].code, buf, (DWORD)units), ERROR_INSUFFICIENT_BUFFER);
        CHECK_EQ(RasGetErrorStringW(k_codes[i].code, buf, (DWORD)units + 1), 0);
        CHECK_EQ(sim_wlen(buf, units + 1), units);
    }
}
