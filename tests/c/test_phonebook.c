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

/* ---- the linear entry scan (sim_pbk_entries, sim_pbk_find) --------------- */

/* The entries of the phonebook text, as EnumEntries lists them, joined with
 * '|' into out (cap bytes); returns their number. */
static size_t
entries_of(const char *text, char *out, size_t cap)
{
    sim_pbk pbk;
    size_t *list = NULL, n = 0, i, used = 0;
    write_file(P("dup.pbk"), text);
    CHECK_EQ(sim_pbk_load(W(P("dup.pbk")), &pbk), 0);
    CHECK_EQ(sim_pbk_entries(&pbk, &list, &n), 0);
    out[0] = '\0';
    for (i = 0; i < n; i++) {
        const char *name;
        size_t len;
        sim_pbk_entry_name(&pbk, list[i], &name, &len);
        if (used + len + 2 < cap) {
            if (i > 0) {
                out[used++] = '|';
            }
            memcpy(out + used, name, len);
            used += len;
            out[used] = '\0';
        }
    }
    free(list);
    sim_pbk_free(&pbk);
    return n;
}

/* The header index of the entry sim_pbk_find gives for name in text, or
 * SIM_INI_NONE. */
static size_t
find_in(const char *text, const char *name)
{
    sim_pbk pbk;
    size_t h;
    write_file(P("dup.pbk"), text);
    CHECK_EQ(sim_pbk_load(W(P("dup.pbk")), &pbk), 0);
    h = sim_pbk_find(&pbk, name);
    sim_pbk_free(&pbk);
    return h;
}

SIMTEST(pbk_duplicates_first_wins)
{
    char got[512];
    char long_name[300];
    char text[1024];
    /* the standard phonebook: [office vpn] repeats [Office VPN] */
    CHECK_EQ(entries_of(k_pbk, got, sizeof got), 4);
    CHECK(strcmp(got, "Office VPN|Home Modem|B\xC3\xBC"
                      "ro EAP|Plain") == 0);
    /* exact and case-insensitive repeats, the first spelling kept */
    CHECK_EQ(entries_of("[a]\n[B]\n[A]\n[b]\n[c]\n[a]\n[C]\n", got, sizeof got), 3);
    CHECK(strcmp(got, "a|B|c") == 0);
    /* the one kept is the first section: its lines, its header index */
    CHECK_EQ(find_in("[Dup]\nx=1\n[DUP]\nx=2\n", "dup"), 0);
    CHECK_EQ(find_in("[Other]\n[dup]\n[Dup]\n", "DUP"), 1);
    CHECK_EQ(find_in("[Other]\n", "dup"), SIM_INI_NONE);
    /* an empty name is never an entry, and repeats of it are not either */
    CHECK_EQ(entries_of("[]\n[x]\n[]\n", got, sizeof got), 1);
    CHECK(strcmp(got, "x") == 0);
    CHECK_EQ(find_in("[]\n", ""), SIM_INI_NONE);
    /* a first section whose name is too long (257 units) is no entry, but
     * it still hides a later section of the same name, as before */
    memset(long_name, 'L', 257);
    long_name[257] = '\0';
    snprintf(text, sizeof text, "[%s]\n[ok]\n[%s]\n", long_name, long_name);
    CHECK_EQ(entries_of(text, got, sizeof got), 1);
    CHECK(strcmp(got, "ok") == 0);
    CHECK_EQ(find_in(text, long_name), SIM_INI_NONE);
    /* 256 units is the longest name that counts */
    long_name[256] = '\0';
    snprintf(text, sizeof text, "[x]\n[%s]\n", long_name);
    CHECK_EQ(entries_of(text, got, sizeof got), 2);
    CHECK_EQ(find_in(text, long_name), 1);
}

SIMTEST(pbk_duplicates_case_folding)
{
    char got[512];
    /* ASCII, Latin-1 (E acute), Latin Extended-A (A macron, alternate
     * pairs), Greek (sigma), Cyrillic (de, and Io from the 0x400 block),
     * fullwidth A, and Y diaeresis (U+0178 -> U+00FF) */
    static const char *const k_pairs[][2] = {
        { "Office", "oFFICE" },
        { "\xC3\x89t\xC3\xA9", "\xC3\xA9T\xC3\x89" },
        { "\xC4\x80x", "\xC4\x81X" },
        { "\xCE\xA3igma", "\xCF\x83IGMA" },
        { "\xD0\x94\xD0\x81", "\xD0\xB4\xD1\x91" },
        { "\xEF\xBC\xA1wide", "\xEF\xBD\x81WIDE" },
        { "\xC5\xB8y", "\xC3\xBFY" },
    };
    /* what the fold leaves distinct: sharp s is not "ss", dotless i is not
     * i, Latin Extended-A's odd member of a pair is not the next pair's
     * even one (U+0101 vs U+0102), final sigma is not sigma */
    static const char *const k_distinct[][2] = {
        { "stra\xC3\x9F"
          "e",
          "STRASSE" },
        { "\xC4\xB1x", "ix" },
        { "\xC4\x81", "\xC4\x82" },
        { "\xCF\x82", "\xCF\x83" },
    };
    size_t i;
    for (i = 0; i < SIM_COUNTOF(k_pairs); i++) {
        char text[128], want[64];
        snprintf(text, sizeof text, "[%s]\nk=1\n[%s]\nk=2\n[z]\n", k_pairs[i][0], k_pairs[i][1]);
        CHECK_EQ(entries_of(text, got, sizeof got), 2);
        snprintf(want, sizeof want, "%s|z", k_pairs[i][0]);
        CHECK(strcmp(got, want) == 0);
        CHECK_EQ(find_in(text, k_pairs[i][1]), 0);
        CHECK(
            sim_u8_ieq(k_pairs[i][0], strlen(k_pairs[i][0]), k_pairs[i][1], strlen(k_pairs[i][1])));
    }
    for (i = 0; i < SIM_COUNTOF(k_distinct); i++) {
        char text[128];
        snprintf(text, sizeof text, "[%s]\n[%s]\n", k_distinct[i][0], k_distinct[i][1]);
        CHECK_EQ(entries_of(text, got, sizeof got), 2);
        CHECK_EQ(find_in(text, k_distinct[i][1]), 1);
    }
}

/* The rule as written before the scan was linear: an entry is usable when
 * its name fits and no earlier section (usable or not) has a name
 * sim_u8_ieq finds equal.  The oracle for the test below. */
static int
usable_quadratic(const sim_pbk *pbk, size_t entry)
{
    const char *name, *other;
    size_t len, olen, h, units;
    sim_pbk_entry_name(pbk, entry, &name, &len);
    units = sim_u8_wlen(name, len);
    if (units == 0 || units > RAS_MaxEntryName) {
        return 0;
    }
    for (h = sim_ini_next_header(&pbk->ini, 0); h != SIM_INI_NONE && h < entry;
         h = sim_ini_next_header(&pbk->ini, h + 1)) {
        sim_pbk_entry_name(pbk, h, &other, &olen);
        if (sim_u8_ieq(other, olen, name, len)) {
            return 0;
        }
    }
    return 1;
}

/* Four spellings of one name: ASCII and Latin-1 letters in both cases. */
static const char *const k_variants[] = { "entr\xC3\xBD", "ENTR\xC3\x9D", "Entr\xC3\xBD",
                                          "eNtR\xC3\x9D" };

/* Writes `sections` sections, each with one key line, named by name_of. */
static void
write_many(const char *path, size_t sections, void (*name_of)(size_t, char *, size_t))
{
    sim_buf text = { 0 };
    size_t i;
    for (i = 0; i < sections; i++) {
        char name[48], line[96];
        name_of(i, name, sizeof name);
        snprintf(line, sizeof line, "[%s]\nPhoneNumber=%u\n", name, (unsigned)i);
        sim_buf_adds(&text, line);
    }
    CHECK(!text.failed);
    write_file(path, text.data);
    sim_buf_free(&text);
}

static uint32_t g_seed;

/* A random name out of 600, in one of four spellings. */
static void
random_name(size_t i, char *out, size_t cap)
{
    (void)i;
    g_seed = g_seed * 1103515245u + 12345u;
    snprintf(out, cap, "%s %u", k_variants[(g_seed >> 8) & 3], (unsigned)((g_seed >> 12) % 600));
}

SIMTEST(pbk_entries_match_old_rule)
{
    /* 1 000 sections over 600 names in four spellings (mixed case, a
     * non-ASCII letter): most names repeat and hash slots collide; the
     * linear scan lists exactly what the old rule lists, in the same order,
     * and sim_pbk_find agrees with it */
    sim_pbk pbk;
    size_t *list = NULL, n = 0, h, i = 0, expected = 0, mismatches = 0, found_bad = 0;
    g_seed = 12345;
    write_many(P("random.pbk"), 1000, random_name);
    CHECK_EQ(sim_pbk_load(W(P("random.pbk")), &pbk), 0);
    CHECK_EQ(sim_pbk_entries(&pbk, &list, &n), 0);
    for (h = sim_ini_next_header(&pbk.ini, 0); h != SIM_INI_NONE;
         h = sim_ini_next_header(&pbk.ini, h + 1)) {
        const char *name;
        size_t len;
        char *copy;
        if (!usable_quadratic(&pbk, h)) {
            continue;
        }
        expected++;
        if (i >= n || list[i] != h) {
            mismatches++;
        }
        i++;
        sim_pbk_entry_name(&pbk, h, &name, &len);
        copy = sim_strndup(name, len);
        if (copy == NULL || sim_pbk_find(&pbk, copy) != h) {
            found_bad++;
        }
        free(copy);
    }
    CHECK_EQ(n, expected);
    CHECK_EQ(mismatches, 0);
    CHECK_EQ(found_bad, 0);
    CHECK(n > 300 && n <= 600);
    free(list);
    sim_pbk_free(&pbk);
}

enum {
    MANY_NAMES = 10000,
    MANY_SECTIONS = 40000
};

/* Section i: name i % MANY_NAMES, spelled the (i / MANY_NAMES)-th way. */
static void
cyclic_name(size_t i, char *out, size_t cap)
{
    snprintf(out, cap, "%s %u", k_variants[(i / MANY_NAMES) % 4], (unsigned)(i % MANY_NAMES));
}

SIMTEST(pbk_many_entries)
{
    /* 40 000 sections, each name four times in four spellings: the first
     * 10 000 sections are the entries (section k's header is line 2k), and
     * every spelling finds the first */
    sim_pbk pbk;
    size_t *list = NULL, n = 0, k, wrong = 0, found_bad = 0;
    RASENTRYNAMEW one;
    DWORD cb = sizeof one, count = 0;
    write_many(P("many.pbk"), MANY_SECTIONS, cyclic_name);
    CHECK_EQ(sim_pbk_load(W(P("many.pbk")), &pbk), 0);
    CHECK_EQ(sim_pbk_entries(&pbk, &list, &n), 0);
    CHECK_EQ(n, MANY_NAMES);
    for (k = 0; k < n; k++) {
        char other[48];
        wrong += list[k] != 2 * k;
        cyclic_name(k + (k % 4) * MANY_NAMES, other, sizeof other);
        found_bad += sim_pbk_find(&pbk, other) != 2 * k;
    }
    CHECK_EQ(wrong, 0);
    CHECK_EQ(found_bad, 0);
    free(list);
    sim_pbk_free(&pbk);
    /* RasEnumEntriesW: the size of 10 000 entries */
    one.dwSize = sizeof one;
    CHECK_EQ(RasEnumEntriesW(NULL, W(P("many.pbk")), &one, &cb, &count), ERROR_BUFFER_TOO_SMALL);
    CHECK_EQ(count, MANY_NAMES);
    CHECK_EQ(cb, MANY_NAMES * sizeof one);
}

SIMTEST(pbk_enum_entries_duplicates)
{
    RASENTRYNAMEW names[4];
    DWORD cb = sizeof names, count = 0;
    write_file(P("enum-dup.pbk"), "[Alpha]\n[\xCE\xA9mega]\n[ALPHA]\n[\xCF\x89MEGA]\n[Beta]\n");
    names[0].dwSize = sizeof names[0];
    CHECK_EQ(RasEnumEntriesW(NULL, W(P("enum-dup.pbk")), names, &cb, &count), 0);
    CHECK_EQ(count, 3);
    CHECK_EQ(cb, 3 * sizeof names[0]);
    CHECK(weq(names[0].szEntryName, "Alpha"));
    CHECK(weq(names[1].szEntryName, "\xCE\xA9mega"));
    CHECK(weq(names[2].szEntryName, "Beta"));
    /* a buffer one entry short: the size of three */
    cb = 2 * sizeof names[0];
    CHECK_EQ(RasEnumEntriesW(NULL, W(P("enum-dup.pbk")), names, &cb, &count),
             ERROR_BUFFER_TOO_SMALL);
    CHECK_EQ(cb, 3 * sizeof names[0]);
    CHECK_EQ(count, 3);
}
