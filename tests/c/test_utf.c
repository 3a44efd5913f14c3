/*
 * test_utf.c -- C tests of the UTF-8/UTF-16 helpers (utf.c).
 */
#include "simtest.h"

/* ---- UTF helpers -------------------------------------------------------- */

SIMTEST(utf)
{
    const WCHAR lone[3] = { 0xD800, 0x41, 0 };
    const WCHAR pair[3] = { 0xD83D, 0xDE00, 0 }; /* U+1F600 */
    WCHAR back[8];
    char *u;
    CHECK(sim_u8_ieq("B\xC3\xBCro VPN", 9, "B\xC3\x9CRO vpn", 9));
    CHECK(sim_u8_ieq("\xD0\x9F\xD1\x80\xD0\xBE", 6, "\xD0\xBF\xD0\xA0\xD0\x9E", 6)); /* Про */
    CHECK(!sim_u8_ieq("abc", 3, "abd", 3));
    CHECK(!sim_u8_ieq("abc", 3, "ab", 2));
    u = sim_w_to_u8(lone, 2);
    CHECK(u != NULL && strlen(u) == 4);
    CHECK_EQ(sim_u8_to_wbuf(u, strlen(u), back, 8), 0);
    CHECK(back[0] == 0xD800 && back[1] == 0x41 && back[2] == 0);
    free(u);
    u = sim_w_to_u8(pair, 2);
    CHECK(u != NULL && strcmp(u, "\xF0\x9F\x98\x80") == 0);
    CHECK_EQ(sim_u8_wlen(u, strlen(u)), 2);
    /* truncation never splits a pair: room for one unit only */
    CHECK_EQ(sim_u8_to_wbuf(u, strlen(u), back, 2), 1);
    CHECK_EQ(back[0], 0);
    free(u);
    CHECK_EQ(sim_u8_to_wbuf("\xFF"
                            "a",
                            2, back, 8),
             0); /* invalid byte */
    CHECK(back[0] == 0xFFFD && back[1] == 'a');
    CHECK(sim_wfield_ok(W("abc"), 4));
    CHECK(!sim_wfield_ok(W("abcd"), 4));
}
