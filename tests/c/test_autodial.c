/*
 * test_autodial.c -- C tests of the AutoDial functions (autodial.c).
 */
#include "simtest.h"

static void
ad_entry(RASAUTODIALENTRYW *e, DWORD location, const char *name)
{
    memset(e, 0, sizeof *e);
    e->dwSize = sizeof *e;
    e->dwDialingLocation = location;
    WSET(e->szEntry, name);
}

SIMTEST(autodial_addresses)
{
    static RASAUTODIALENTRYW e[4];
    static char longest[300];
    union {
        LPWSTR ptrs[16];
        unsigned char bytes[1024];
    } u;
    DWORD cb, count, reserved = 0;
    const DWORD one = sizeof e[0], two = 2 * sizeof e[0];
    /* set: argument checks */
    ad_entry(&e[0], 0, "Office VPN");
    ad_entry(&e[1], 5, "Office VPN");
    CHECK_EQ(RasSetAutodialAddressW(W("a.example"), 1, e, one, 1), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasSetAutodialAddressW(NULL, 0, NULL, 0, 0), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasSetAutodialAddressW(W("a.example"), 0, NULL, 4, 0), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasSetAutodialAddressW(W("a.example"), 0, e, one, 0), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasSetAutodialAddressW(W("a.example"), 0, e, one, 2), ERROR_INVALID_PARAMETER);
    e[1].dwSize = 12;
    CHECK_EQ(RasSetAutodialAddressW(W("a.example"), 0, e, two, 2), ERROR_INVALID_SIZE);
    e[1].dwSize = sizeof e[1];
    e[0].dwSize = sizeof e[0] - 2;
    CHECK_EQ(RasSetAutodialAddressW(W("a.example"), 0, e, two, 2), ERROR_INVALID_SIZE);
    e[0].dwSize = sizeof e[0];
    memset(e[1].szEntry, 'x', sizeof e[1].szEntry);
    CHECK_EQ(RasSetAutodialAddressW(W("a.example"), 0, e, two, 2), ERROR_INVALID_PARAMETER);
    ad_entry(&e[1], 5, "No Such Entry");
    CHECK_EQ(RasSetAutodialAddressW(W("a.example"), 0, e, two, 2),
             ERROR_CANNOT_FIND_PHONEBOOK_ENTRY);
    ad_entry(&e[1], 5, "office vpn");
    CHECK_EQ(RasSetAutodialAddressW(W("a.example"), 0, e, two, 2), 0);
    /* get: NULL pointers, size query, wrong size, small buffer */
    CHECK_EQ(RasGetAutodialAddressW(W("a.example"), &reserved, NULL, &cb, &count),
             ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasGetAutodialAddressW(W("a.example"), NULL, NULL, NULL, &count),
             ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasGetAutodialAddressW(W("a.example"), NULL, NULL, &cb, NULL),
             ERROR_INVALID_PARAMETER);
    cb = 0;
    CHECK_EQ(RasGetAutodialAddressW(W("a.example"), NULL, NULL, &cb, &count),
             ERROR_BUFFER_TOO_SMALL);
    CHECK_EQ(cb, two);
    CHECK_EQ(count, 2);
    CHECK_EQ(RasGetAutodialAddressW(W("b.example"), NULL, NULL, &cb, &count), ERROR_FILE_NOT_FOUND);
    memset(e, 0, sizeof e);
    e[0].dwSize = 8;
    cb = sizeof e;
    CHECK_EQ(RasGetAutodialAddressW(W("A.Example"), NULL, e, &cb, &count), ERROR_INVALID_SIZE);
    e[0].dwSize = sizeof e[0];
    cb = one;
    CHECK_EQ(RasGetAutodialAddressW(W("A.Example"), NULL, e, &cb, &count), ERROR_BUFFER_TOO_SMALL);
    CHECK_EQ(cb, two);
    CHECK_EQ(RasGetAutodialAddressW(W("A.Example"), NULL, e, &cb, &count), 0);
    CHECK_EQ(count, 2);
    CHECK_EQ(e[0].dwDialingLocation, 0);
    CHECK_EQ(e[1].dwDialingLocation, 5);
    CHECK(weq(e[1].szEntry, "office vpn"));
    CHECK_EQ(e[2].dwSize, 0);
    /* default connection: none yet is an empty answer */
    cb = 99;
    count = 99;
    CHECK_EQ(RasGetAutodialAddressW(NULL, NULL, NULL, &cb, &count), 0);
    CHECK_EQ(cb, 0);
    CHECK_EQ(count, 0);
    /* enumeration: the pointers, then the strings they point to */
    ad_entry(&e[0], 1, "Office VPN");
    CHECK_EQ(RasSetAutodialAddressW(W("b\xC3\xBC.example"), 0, e, one, 1), 0);
    CHECK_EQ(RasEnumAutodialAddressesW(u.ptrs, NULL, &count), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasEnumAutodialAddressesW(u.ptrs, &cb, NULL), ERROR_INVALID_PARAMETER);
    cb = 0;
    CHECK_EQ(RasEnumAutodialAddressesW(NULL, &cb, &count), ERROR_BUFFER_TOO_SMALL);
    CHECK_EQ(cb, 2 * sizeof(LPWSTR) + sizeof("a.example") * 2 + sizeof("b?.example") * 2);
    CHECK_EQ(count, 2);
    cb -= 1;
    CHECK_EQ(RasEnumAutodialAddressesW(u.ptrs, &cb, &count), ERROR_BUFFER_TOO_SMALL);
    memset(&u, 0xAB, sizeof u);
    CHECK_EQ(RasEnumAutodialAddressesW(u.ptrs, &cb, &count), 0);
    CHECK_EQ(count, 2);
    CHECK((unsigned char *)u.ptrs[0] == u.bytes + 2 * sizeof(LPWSTR));
    CHECK(weq(u.ptrs[0], "a.example"));
    CHECK(weq(u.ptrs[1], "b\xC3\xBC.example"));
    CHECK_EQ(u.bytes[cb], 0xAB);
    /* over-long addresses */
    memset(longest, 'h', 256);
    longest[256] = '\0';
    CHECK_EQ(RasSetAutodialAddressW(W(longest), 0, e, one, 1), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasGetAutodialAddressW(W(longest), NULL, NULL, &cb, &count), ERROR_INVALID_PARAMETER);
    longest[255] = '\0';
    CHECK_EQ(RasSetAutodialAddressW(W(longest), 0, e, one, 1), 0);
    /* RasSimReset empties the store */
    RasSimReset();
    cb = 0;
    CHECK_EQ(RasEnumAutodialAddressesW(NULL, &cb, &count), 0);
    CHECK_EQ(count, 0);
}

SIMTEST(autodial_settings)
{
    DWORD cb, value;
    BOOL on;
    /* enable flags */
    CHECK_EQ(RasGetAutodialEnableW(0, NULL), ERROR_INVALID_PARAMETER);
    on = TRUE;
    CHECK_EQ(RasGetAutodialEnableW(7, &on), 0);
    CHECK_EQ(on, FALSE);
    CHECK_EQ(RasSetAutodialEnableW(7, 42), 0);
    CHECK_EQ(RasGetAutodialEnableW(7, &on), 0);
    CHECK_EQ(on, TRUE);
    /* parameters */
    cb = sizeof value;
    CHECK_EQ(RasGetAutodialParamW(5, &value, &cb), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasGetAutodialParamW(RASADP_SavedAddressesLimit, NULL, &cb), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasGetAutodialParamW(RASADP_SavedAddressesLimit, &value, NULL),
             ERROR_INVALID_PARAMETER);
    cb = 2;
    CHECK_EQ(RasGetAutodialParamW(RASADP_SavedAddressesLimit, &value, &cb), ERROR_INVALID_SIZE);
    CHECK_EQ(cb, sizeof(DWORD));
    cb = 64;
    CHECK_EQ(RasGetAutodialParamW(RASADP_SavedAddressesLimit, &value, &cb), 0);
    CHECK_EQ(cb, sizeof(DWORD));
    CHECK_EQ(value, 100);
    value = 9;
    CHECK_EQ(RasSetAutodialParamW(5, &value, sizeof value), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasSetAutodialParamW(RASADP_SavedAddressesLimit, NULL, sizeof value),
             ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasSetAutodialParamW(RASADP_SavedAddressesLimit, &value, 8), ERROR_INVALID_SIZE);
    CHECK_EQ(RasSetAutodialParamW(RASADP_SavedAddressesLimit, &value, sizeof value), 0);
    value = 0;
    cb = sizeof value;
    CHECK_EQ(RasGetAutodialParamW(RASADP_SavedAddressesLimit, &value, &cb), 0);
    CHECK_EQ(value, 9);
    /* RasSimReset restores the defaults */
    RasSimReset();
    CHECK_EQ(RasGetAutodialParamW(RASADP_SavedAddressesLimit, &value, &cb), 0);
    CHECK_EQ(value, 100);
    CHECK_EQ(RasGetAutodialEnableW(7, &on), 0);
    CHECK_EQ(on, FALSE);
}
