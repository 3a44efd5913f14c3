/*
 * test_entries.c -- C tests of RasEnumEntriesW and the phonebook dialogs
 * (entries.c).
 */
#include "simtest.h"

/* ---- RasEnumEntriesW ---------------------------------------------------- */

SIMTEST(enum_entries)
{
    RASENTRYNAMEW names[8];
    DWORD cb, count, old = (DWORD)offsetof(RASENTRYNAMEW, dwFlags);
    unsigned char raw[4 * 600];
    const char *expected[4] = { "Office VPN", "Home Modem", "B\xC3\xBCro EAP", "Plain" };
    size_t i;

    cb = 0;
    CHECK_EQ(RasEnumEntriesW(NULL, W(PBK), NULL, &cb, &count), ERROR_BUFFER_TOO_SMALL);
    CHECK_EQ(cb, 4 * sizeof(RASENTRYNAMEW));
    CHECK_EQ(count, 4);
    names[0].dwSize = sizeof names[0];
    cb = sizeof names[0];
    CHECK_EQ(RasEnumEntriesW(NULL, W(PBK), names, &cb, &count), ERROR_BUFFER_TOO_SMALL);
    CHECK_EQ(cb, 4 * sizeof(RASENTRYNAMEW));
    cb = sizeof names;
    CHECK_EQ(RasEnumEntriesW(NULL, W(PBK), names, &cb, &count), 0);
    CHECK_EQ(count, 4);
    CHECK_EQ(cb, 4 * sizeof(RASENTRYNAMEW));
    for (i = 0; i < 4; i++) {
        CHECK(weq(names[i].szEntryName, expected[i]));
        CHECK(weq(names[i].szPhonebookPath, PBK_ABS));
        CHECK_EQ(names[i].dwFlags, REN_User);
        CHECK_EQ(names[i].dwSize, sizeof names[0]);
    }
    /* the older version: stride = its size, no path written */
    memset(raw, 0xAB, sizeof raw);
    memcpy(raw, &old, sizeof old);
    cb = sizeof raw;
    CHECK_EQ(RasEnumEntriesW(NULL, W(PBK), (LPRASENTRYNAMEW)(void *)raw, &cb, &count), 0);
    CHECK_EQ(cb, 4 * old);
    for (i = 0; i < 4; i++) {
        RASENTRYNAMEW e;
        memset(&e, 0, sizeof e);
        memcpy(&e, raw + i * old, old);
        CHECK_EQ(e.dwSize, old);
        CHECK(weq(e.szEntryName, expected[i]));
    }
    CHECK_EQ(raw[4 * old], 0xAB);
    /* errors */
    CHECK_EQ(RasEnumEntriesW(W("x"), W(PBK), names, &cb, &count), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasEnumEntriesW(NULL, W(PBK), names, NULL, &count), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasEnumEntriesW(NULL, W(PBK), names, &cb, NULL), ERROR_INVALID_PARAMETER);
    cb = 100;
    CHECK_EQ(RasEnumEntriesW(NULL, W(PBK), NULL, &cb, &count), ERROR_INVALID_PARAMETER);
    names[0].dwSize = 3;
    cb = sizeof names;
    CHECK_EQ(RasEnumEntriesW(NULL, W(PBK), names, &cb, &count), ERROR_INVALID_SIZE);
    names[0].dwSize = sizeof names[0] + 4;
    CHECK_EQ(RasEnumEntriesW(NULL, W(PBK), names, &cb, &count), ERROR_INVALID_SIZE);
    names[0].dwSize = sizeof names[0];
    CHECK_EQ(RasEnumEntriesW(NULL, W(P("missing.pbk")), names, &cb, &count),
             ERROR_CANNOT_OPEN_PHONEBOOK);
    CHECK_EQ(RasEnumEntriesW(NULL, W(g_dir), names, &cb, &count), ERROR_CANNOT_OPEN_PHONEBOOK);
    write_bytes(P("zero.pbk"), "[A]\0x", 5);
    CHECK_EQ(RasEnumEntriesW(NULL, W(P("zero.pbk")), names, &cb, &count),
             ERROR_CANNOT_LOAD_PHONEBOOK);
#ifndef _WIN32
    if (!running_as_root()) {
        write_file(P("locked.pbk"), "[A]\n");
        chmod(P("locked.pbk"), 0);
        CHECK_EQ(RasEnumEntriesW(NULL, W(P("locked.pbk")), names, &cb, &count),
                 ERROR_CANNOT_OPEN_PHONEBOOK);
    }
#endif
    /* a path longer than MAX_PATH - 1 units once absolute */
    {
        char longname[400];
        memset(longname, 'l', sizeof longname - 1);
        longname[sizeof longname - 1] = '\0';
        CHECK_EQ(RasEnumEntriesW(NULL, W(longname), names, &cb, &count),
                 ERROR_CANNOT_OPEN_PHONEBOOK);
    }
    /* read fresh on every call */
    write_file(P("fresh.pbk"), "[One]\n");
    cb = sizeof names;
    CHECK_EQ(RasEnumEntriesW(NULL, W(P("fresh.pbk")), names, &cb, &count), 0);
    CHECK_EQ(count, 1);
    write_file(P("fresh.pbk"), "[One]\n[Two]\n[]\n");
    cb = sizeof names;
    CHECK_EQ(RasEnumEntriesW(NULL, W(P("fresh.pbk")), names, &cb, &count), 0);
    CHECK_EQ(count, 2);
}

/* ---- phonebook dialogs -------------------------------------------------- */

SIMTEST(dialogs)
{
    char *before = read_text(PBK, NULL), *after;
    CHECK_EQ(RasCreatePhonebookEntryW(NULL, W(PBK)), 0);
    CHECK_EQ(RasCreatePhonebookEntryW((HWND)(uintptr_t)0x42, NULL), 0);
    CHECK_EQ(RasCreatePhonebookEntryW(NULL, W(P("missing.pbk"))), ERROR_CANNOT_OPEN_PHONEBOOK);
    CHECK_EQ(RasEditPhonebookEntryW(NULL, W(PBK), W("home modem")), 0);
    CHECK_EQ(RasEditPhonebookEntryW(NULL, W(PBK), W("Nobody")), ERROR_CANNOT_FIND_PHONEBOOK_ENTRY);
    CHECK_EQ(RasEditPhonebookEntryW(NULL, W(PBK), NULL), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasEditPhonebookEntryW(NULL, W(P("missing.pbk")), W("x")),
             ERROR_CANNOT_OPEN_PHONEBOOK);
    after = read_text(PBK, NULL);
    CHECK(before != NULL && after != NULL && strcmp(before, after) == 0);
    free(before);
    free(after);
}
