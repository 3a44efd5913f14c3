/*
 * test_entryprops.c -- C tests of entry and sub-entry properties
 * (entryprops.c).
 */
#include "simtest.h"

/* ---- entry properties (entryprops.c) ---------------------------------------- */

SIMTEST(entry_properties)
{
    static RASENTRYW e, e2;
    static unsigned char big[sizeof(RASENTRYW) + 256];
    static const DWORD versions[] = { RASX_ENTRYW_SIZE_XP, RASX_ENTRYW_SIZE_VISTA,
                                      RASX_ENTRYW_SIZE_WIN7, RASX_ENTRYW_SIZE_WIN8 };
    RASSUBENTRYW s;
    DWORD cb, dev, need, off;
    size_t i;
    /* NULL size pointer; size query; small buffer gets the needed size */
    CHECK_EQ(RasGetEntryPropertiesW(NULL, W("Office VPN"), NULL, NULL, NULL, NULL),
             ERROR_INVALID_PARAMETER);
    cb = 0;
    CHECK_EQ(RasGetEntryPropertiesW(NULL, W("Office VPN"), NULL, &cb, NULL, NULL),
             ERROR_BUFFER_TOO_SMALL);
    CHECK_EQ(cb, sizeof(RASENTRYW));
    memset(&e, 0, sizeof e);
    e.dwSize = sizeof e;
    cb = sizeof e - 1;
    CHECK_EQ(RasGetEntryPropertiesW(NULL, W("Office VPN"), &e, &cb, NULL, NULL),
             ERROR_BUFFER_TOO_SMALL);
    CHECK_EQ(cb, sizeof e);
    /* bad dwSize, unknown entry, unreadable phonebook */
    e.dwSize = RASX_ENTRYW_SIZE_XP + 4;
    CHECK_EQ(RasGetEntryPropertiesW(NULL, W("Office VPN"), &e, &cb, NULL, NULL),
             ERROR_INVALID_SIZE);
    e.dwSize = sizeof e;
    cb = sizeof e;
    CHECK_EQ(RasGetEntryPropertiesW(NULL, W("Nope"), &e, &cb, NULL, NULL),
             ERROR_CANNOT_FIND_PHONEBOOK_ENTRY);
    CHECK_EQ(RasGetEntryPropertiesW(W(P("missing.pbk")), W("Office VPN"), &e, &cb, NULL, NULL),
             ERROR_CANNOT_OPEN_PHONEBOOK);
    /* every version; the device-info size is answered 0 */
    for (i = 0; i < SIM_COUNTOF(versions); i++) {
        memset(&e, 0xAB, sizeof e);
        e.dwSize = versions[i];
        cb = sizeof e;
        dev = 77;
        CHECK_EQ(RasGetEntryPropertiesW(NULL, W("Office VPN"), &e, &cb, NULL, &dev), 0);
        CHECK_EQ(cb, versions[i]);
        CHECK_EQ(dev, 0);
        CHECK(weq(e.szLocalPhoneNumber, "vpn.example.com"));
        CHECK(weq(e.szDeviceName, "WAN Miniport (SSTP)"));
        CHECK_EQ(e.guidId.Data1, 0x33221100u);
        CHECK_EQ(e.dwAlternateOffset, 0);
    }
    /* RASSIM_WINVER: a Windows 7 rejects the Windows 8 size */
    set_env("RASSIM_WINVER", "601");
    e.dwSize = RASX_ENTRYW_SIZE_WIN8;
    cb = sizeof e;
    CHECK_EQ(RasGetEntryPropertiesW(NULL, W("Office VPN"), &e, &cb, NULL, NULL),
             ERROR_INVALID_SIZE);
    CHECK_EQ(RasSetEntryPropertiesW(NULL, W("Office VPN"), &e, sizeof e, NULL, 0),
             ERROR_INVALID_SIZE);
    e.dwSize = RASX_ENTRYW_SIZE_WIN7;
    CHECK_EQ(RasGetEntryPropertiesW(NULL, W("Office VPN"), &e, &cb, NULL, NULL), 0);
    set_env("RASSIM_WINVER", NULL);
    /* set: alternates, then read back with a small buffer first */
    memset(&e, 0, sizeof e);
    e.dwSize = sizeof e;
    cb = sizeof e;
    CHECK_EQ(RasGetEntryPropertiesW(NULL, W("Office VPN"), &e, &cb, NULL, NULL), 0);
    memcpy(big, &e, sizeof e);
    memcpy(big + sizeof e, W("alt.one"), 8 * sizeof(WCHAR));
    memcpy(big + sizeof e + 8 * sizeof(WCHAR), W("2"), 2 * sizeof(WCHAR));
    memset(big + sizeof e + 10 * sizeof(WCHAR), 0, sizeof(WCHAR));
    off = sizeof e;
    memcpy(big + offsetof(RASENTRYW, dwAlternateOffset), &off, sizeof off);
    need = (DWORD)(sizeof e + 11 * sizeof(WCHAR));
    CHECK_EQ(
        RasSetEntryPropertiesW(NULL, W("Office VPN"), (LPRASENTRYW)(void *)big, need - 2, NULL, 0),
        ERROR_INVALID_PARAMETER); /* unterminated list */
    CHECK_EQ(RasSetEntryPropertiesW(NULL, W("Office VPN"), (LPRASENTRYW)(void *)big, need, NULL, 0),
             0);
    cb = sizeof e;
    e2.dwSize = sizeof e2;
    CHECK_EQ(RasGetEntryPropertiesW(NULL, W("Office VPN"), &e2, &cb, NULL, NULL),
             ERROR_BUFFER_TOO_SMALL);
    CHECK_EQ(cb, need);
    memset(big, 0, sizeof big);
    memcpy(big, &e, sizeof(DWORD));
    cb = sizeof big;
    CHECK_EQ(
        RasGetEntryPropertiesW(NULL, W("Office VPN"), (LPRASENTRYW)(void *)big, &cb, NULL, NULL),
        0);
    CHECK_EQ(cb, need);
    memcpy(&off, big + offsetof(RASENTRYW, dwAlternateOffset), sizeof off);
    CHECK_EQ(off, sizeof e);
    CHECK(weq((const WCHAR *)(const void *)(big + off), "alt.one"));
    /* set errors */
    CHECK_EQ(RasSetEntryPropertiesW(NULL, W("Office VPN"), NULL, 0, NULL, 0),
             ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasSetEntryPropertiesW(NULL, W("a|b"), &e, sizeof e, NULL, 0), ERROR_INVALID_NAME);
    CHECK_EQ(RasSetEntryPropertiesW(NULL, W("Office VPN"), &e, sizeof e - 1, NULL, 0),
             ERROR_INVALID_PARAMETER);
    e.dwAlternateOffset = 0;
    for (i = 0; i < SIM_COUNTOF(e.szDnsSuffix); i++) {
        e.szDnsSuffix[i] = 'x';
    }
    CHECK_EQ(RasSetEntryPropertiesW(NULL, W("Office VPN"), &e, sizeof e, NULL, 0),
             ERROR_INVALID_PARAMETER);
    /* sub-entries */
    cb = 0;
    CHECK_EQ(RasGetSubEntryPropertiesW(NULL, W("Office VPN"), 1, NULL, &cb, NULL, NULL),
             ERROR_BUFFER_TOO_SMALL);
    CHECK_EQ(cb, sizeof s + 11 * sizeof(WCHAR)); /* with the alternates set above */
    memset(&s, 0, sizeof s);
    s.dwSize = sizeof s - 4;
    cb = sizeof s;
    CHECK_EQ(RasGetSubEntryPropertiesW(NULL, W("Office VPN"), 1, &s, &cb, NULL, NULL),
             ERROR_INVALID_SIZE);
    s.dwSize = sizeof s;
    CHECK_EQ(RasGetSubEntryPropertiesW(NULL, W("Office VPN"), 2, &s, &cb, NULL, NULL),
             ERROR_CANNOT_FIND_PHONEBOOK_ENTRY);
    CHECK_EQ(RasGetSubEntryPropertiesW(NULL, W("Home Modem"), 1, &s, NULL, NULL, NULL),
             ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasGetSubEntryPropertiesW(NULL, W("Home Modem"), 1, &s, &cb, NULL, NULL), 0);
    CHECK(weq(s.szDeviceType, "modem"));
    CHECK(weq(s.szLocalPhoneNumber, "5551234"));
    CHECK_EQ(RasSetSubEntryPropertiesW(NULL, W("Home Modem"), 1, NULL, 0, NULL, 0),
             ERROR_INVALID_PARAMETER);
    WSET(s.szLocalPhoneNumber, "5559999");
    s.dwAlternateOffset = 0;
    CHECK_EQ(RasSetSubEntryPropertiesW(NULL, W("Home Modem"), 3, &s, sizeof s, NULL, 0), 0);
    cb = sizeof s;
    CHECK_EQ(RasGetSubEntryPropertiesW(NULL, W("Home Modem"), 2, &s, &cb, NULL, NULL), 0);
    CHECK(weq(s.szLocalPhoneNumber, "5559999"));
    CHECK_EQ(RasDeleteSubEntryW(NULL, W("Home Modem"), 3), ERROR_CANNOT_FIND_PHONEBOOK_ENTRY);
    CHECK_EQ(RasDeleteSubEntryW(NULL, W("Home Modem"), 2), 0);
    CHECK_EQ(RasDeleteSubEntryW(NULL, NULL, 1), ERROR_INVALID_PARAMETER);
    /* the other entries' lines are as they were */
    {
        size_t len;
        char *text = read_text(PBK, &len);
        CHECK(text != NULL && strstr(text, "UnknownKey=kept\r\n") != NULL);
        CHECK(text != NULL && strstr(text, "[B\xC3\xBCro EAP]\r\nCustomAuthKey=13\r\n") != NULL);
        free(text);
    }
}
