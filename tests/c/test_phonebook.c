/*
 * test_phonebook.c -- C tests of the line-preserving phonebook writer and the
 * default phonebook (phonebook.c).
 */
#include "simtest.h"

SIMTEST(pbk_writer)
{
    sim_pbk pbk;
    size_t h;
    char *text;
    CHECK_EQ(sim_pbk_load(W(PBK), &pbk), 0);
    h = sim_pbk_find(&pbk, "home MODEM");
    CHECK(h != SIM_INI_NONE);
    CHECK_EQ(sim_ini_set(&pbk.ini, h, "PhoneNumber", "5559999", NULL), SIM_OK);
    CHECK_EQ(sim_pbk_save(&pbk), 0);
    sim_pbk_free(&pbk);
    text = read_text(PBK, NULL);
    CHECK(text != NULL && strstr(text, "PhoneNumber=5559999\r\n") != NULL);
    CHECK(text != NULL && strstr(text, "UnknownKey=kept\r\n") != NULL);
    CHECK(text != NULL && strlen(text) == strlen(k_pbk));
    free(text);
    write_standard_pbk();
    /* a writer that cannot create its temporary file */
    memset(&pbk, 0, sizeof pbk);
    sim_ini_init(&pbk.ini);
    pbk.path = sim_strdup(P("no-such-dir/x.pbk"));
    CHECK_EQ(sim_pbk_save(&pbk), ERROR_CANNOT_WRITE_PHONEBOOK);
    sim_pbk_free(&pbk);
}

SIMTEST(default_phonebook)
{
    RASENTRYNAMEW names[4];
    DWORD cb = 0, count = 99;
    /* RASSIM_PHONEBOOK pointing at a missing file: an empty phonebook */
    set_env("RASSIM_PHONEBOOK", P("default-missing.pbk"));
    CHECK_EQ(RasEnumEntriesW(NULL, NULL, NULL, &cb, &count), 0);
    CHECK_EQ(count, 0);
    CHECK_EQ(cb, 0);
    names[0].dwSize = sizeof names[0];
    cb = sizeof names;
    CHECK_EQ(RasEnumEntriesW(NULL, W(""), names, &cb, &count), 0);
    CHECK_EQ(count, 0);
    /* ... and at the standard phonebook */
    set_env("RASSIM_PHONEBOOK", PBK);
    cb = sizeof names;
    CHECK_EQ(RasEnumEntriesW(NULL, NULL, names, &cb, &count), 0);
    CHECK_EQ(count, 4);
    CHECK(weq(names[0].szPhonebookPath, PBK_ABS));
    /* an unreadable default phonebook is an error */
    set_env("RASSIM_PHONEBOOK", g_dir);
    CHECK_EQ(RasEnumEntriesW(NULL, NULL, names, &cb, &count), ERROR_CANNOT_OPEN_PHONEBOOK);
#ifndef _WIN32
    /* the XDG location */
    set_env("RASSIM_PHONEBOOK", NULL);
    set_env("XDG_CONFIG_HOME", P("xdg"));
    make_dir(P("xdg"));
    make_dir(P("xdg/rassim"));
    write_file(P("xdg/rassim/rasphone.pbk"), "[Xdg Entry]\n");
    cb = sizeof names;
    CHECK_EQ(RasEnumEntriesW(NULL, NULL, names, &cb, &count), 0);
    CHECK_EQ(count, 1);
    CHECK(weq(names[0].szEntryName, "Xdg Entry"));
    CHECK(weq(names[0].szPhonebookPath, P("xdg/rassim/rasphone.pbk")));
    /* the HOME location */
    set_env("XDG_CONFIG_HOME", NULL);
    set_env("HOME", P("home"));
    cb = sizeof names;
    CHECK_EQ(RasEnumEntriesW(NULL, NULL, names, &cb, &count), 0);
    CHECK_EQ(count, 0);
#else
    /* the %APPDATA% location */
    set_env("RASSIM_PHONEBOOK", NULL);
    set_env("APPDATA", g_dir);
    make_dir(P("Microsoft"));
    make_dir(P("Microsoft/Network"));
    make_dir(P("Microsoft/Network/Connections"));
    make_dir(P("Microsoft/Network/Connections/Pbk"));
    write_file(P("Microsoft/Network/Connections/Pbk/rasphone.pbk"), "[AppData Entry]\r\n");
    cb = sizeof names;
    CHECK_EQ(RasEnumEntriesW(NULL, NULL, names, &cb, &count), 0);
    CHECK_EQ(count, 1);
    CHECK(weq(names[0].szEntryName, "AppData Entry"));
#endif
    set_env("RASSIM_PHONEBOOK", PBK);
}
