/*
 * test_country.c -- C tests of RasGetCountryInfoW (country.c).
 */
#include "simtest.h"

SIMTEST(country_info)
{
    union {
        RASCTRYINFOW info;
        unsigned char bytes[512];
    } u;
    DWORD cb, id, n = 0;
    /* pointers and sizes */
    CHECK_EQ(RasGetCountryInfoW(&u.info, NULL), ERROR_INVALID_PARAMETER);
    cb = sizeof u;
    CHECK_EQ(RasGetCountryInfoW(NULL, &cb), 1784); /* ERROR_INVALID_USER_BUFFER */
    cb = 4;
    CHECK_EQ(RasGetCountryInfoW(&u.info, &cb), ERROR_BUFFER_TOO_SMALL);
    CHECK_EQ(cb, sizeof(RASCTRYINFOW));
    memset(&u, 0, sizeof u);
    u.info.dwSize = sizeof(RASCTRYINFOW) + 4;
    u.info.dwCountryID = 1;
    cb = sizeof u;
    CHECK_EQ(RasGetCountryInfoW(&u.info, &cb), ERROR_INVALID_SIZE);
    u.info.dwSize = sizeof(RASCTRYINFOW);
    u.info.dwCountryID = 3;
    CHECK_EQ(RasGetCountryInfoW(&u.info, &cb), ERROR_INVALID_PARAMETER);
    /* exactly the structure: the size the name needs */
    u.info.dwCountryID = 1;
    cb = sizeof(RASCTRYINFOW);
    CHECK_EQ(RasGetCountryInfoW(&u.info, &cb), ERROR_BUFFER_TOO_SMALL);
    CHECK_EQ(cb, sizeof(RASCTRYINFOW) + sizeof("United States of America") * sizeof(WCHAR));
    CHECK_EQ(RasGetCountryInfoW(&u.info, &cb), 0);
    CHECK_EQ(u.info.dwCountryCode, 1);
    CHECK_EQ(u.info.dwNextCountryID, 2);
    CHECK_EQ(u.info.dwCountryNameOffset, sizeof(RASCTRYINFOW));
    CHECK(weq((const WCHAR *)(const void *)(u.bytes + u.info.dwCountryNameOffset),
              "United States of America"));
    /* the chain ends with 0 */
    for (id = 1; id != 0 && n < 1000; n++) {
        memset(&u, 0, sizeof u);
        u.info.dwSize = sizeof(RASCTRYINFOW);
        u.info.dwCountryID = id;
        cb = sizeof u;
        if (RasGetCountryInfoW(&u.info, &cb) != 0) {
            break;
        }
        CHECK_EQ(u.info.dwCountryID, id);
        id = u.info.dwNextCountryID;
    }
    CHECK_EQ(id, 0);
    CHECK(n >= 30);
}
