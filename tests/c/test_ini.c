/*
 * test_ini.c -- C tests of the INI document (ini.c).
 */
#include "simtest.h"

/* ---- INI document and phonebook writer ---------------------------------- */

static void
check_roundtrip(const char *text)
{
    sim_ini ini;
    size_t len = 0;
    char *out;
    CHECK_EQ(sim_ini_parse(&ini, text, strlen(text)), SIM_OK);
    out = sim_ini_serialize(&ini, &len);
    CHECK(out != NULL && len == strlen(text) && memcmp(out, text, len) == 0);
    free(out);
    sim_ini_free(&ini);
}

SIMTEST(ini)
{
    sim_ini ini;
    size_t h, len;
    const char *v;
    size_t vlen;
    char *out;
    check_roundtrip(k_pbk);
    check_roundtrip("a=1\nb=2");         /* no final newline */
    check_roundtrip("[x]\n\n\n  ; c\n"); /* blank lines, comments */
    check_roundtrip("");
    CHECK_EQ(sim_ini_parse(&ini, "a\0b", 3), SIM_BAD);
    sim_ini_free(&ini);

    CHECK_EQ(sim_ini_parse(&ini, k_pbk, strlen(k_pbk)), SIM_OK);
    CHECK(ini.bom && ini.crlf);
    h = sim_ini_find_section(&ini, "OFFICE vpn", 10);
    CHECK(h != SIM_INI_NONE);
    CHECK(sim_ini_get(&ini, h, "DEVICE", &v, &vlen) && vlen == 3 && memcmp(v, "vpn", 3) == 0);
    CHECK(sim_ini_get(&ini, h, "Device", &v, &vlen) && vlen == 19);
    CHECK(!sim_ini_get(&ini, h, "device", &v, &vlen));
    /* edit: replace, insert before MEDIA, remove, add a section */
    CHECK_EQ(sim_ini_set(&ini, h, "Type", "5", NULL), SIM_OK);
    CHECK_EQ(sim_ini_set(&ini, h, "NewKey", "new", "MEDIA"), SIM_OK);
    CHECK_EQ(sim_ini_set(&ini, h, "Bad=Key", "x", NULL), SIM_BAD);
    CHECK_EQ(sim_ini_set(&ini, h, "Key", "line\nbreak", NULL), SIM_BAD);
    CHECK_EQ(sim_ini_remove(&ini, h, "UnknownKey"), 1);
    CHECK_EQ(sim_ini_add_section(&ini, "Added", &h), SIM_OK);
    CHECK_EQ(sim_ini_set(&ini, h, "PhoneNumber", "1", NULL), SIM_OK);
    CHECK_EQ(sim_ini_add_section(&ini, "", &h), SIM_BAD);
    out = sim_ini_serialize(&ini, &len);
    CHECK(out != NULL && strstr(out, "Type=5\r\nGuid=") != NULL);
    CHECK(out != NULL && strstr(out, "NewKey=new\r\nMEDIA=rastapi\r\n") != NULL);
    CHECK(out != NULL && strstr(out, "UnknownKey") == NULL);
    CHECK(out != NULL &&
          strstr(out, "CustomAuthKey=0\r\n\r\n[Added]\r\nPhoneNumber=1\r\n") != NULL);
    CHECK(out != NULL && memcmp(out, "\xEF\xBB\xBF; rasphone", 13) == 0);
    free(out);
    h = sim_ini_find_section(&ini, "Home Modem", 10);
    sim_ini_remove_section(&ini, h);
    CHECK_EQ(sim_ini_find_section(&ini, "Home Modem", 10), SIM_INI_NONE);
    sim_ini_free(&ini);
}
