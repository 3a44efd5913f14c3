/*
 * test_credentials.c -- C tests of saved dial parameters, credentials, EAP
 * user data, custom auth data (credentials.c, credstore.c).
 */
#include "simtest.h"

/* ---- saved dial parameters ---------------------------------------------- */

static void
get_params(RASDIALPARAMSW *p, const char *entry, DWORD expect, BOOL *has_pw)
{
    memset(p, 0x55, sizeof *p);
    p->dwSize = sizeof *p;
    WSET(p->szEntryName, entry);
    CHECK_EQ(RasGetEntryDialParamsW(W(PBK), p, has_pw), expect);
}

SIMTEST(dial_params)
{
    RASDIALPARAMSW p;
    BOOL has_pw = 7;
    HRASCONN h;
    char *store;
    const char *cred = P("rasphone.pbk.cred");
    /* nothing saved yet */
    get_params(&p, "office vpn", 0, &has_pw);
    CHECK_EQ(has_pw, FALSE);
    CHECK(weq(p.szEntryName, "office vpn"));
    CHECK(weq(p.szPhoneNumber, "") && weq(p.szUserName, "") && weq(p.szPassword, ""));
    CHECK(weq(p.szDomain, "") && weq(p.szCallbackNumber, ""));
    /* save and read back: the password comes back as the handle */
    dial_params(&p, "Office VPN");
    WSET(p.szUserName, "alice");
    WSET(p.szPassword, "pa=ss\xC3\xA9");
    WSET(p.szDomain, "CORP");
    WSET(p.szCallbackNumber, "555");
    CHECK_EQ(RasSetEntryDialParamsW(W(PBK), &p, FALSE), 0);
    get_params(&p, "OFFICE VPN", 0, &has_pw);
    CHECK_EQ(has_pw, TRUE);
    CHECK(weq(p.szUserName, "alice") && weq(p.szDomain, "CORP"));
    CHECK(weq(p.szPassword, "****************"));
    CHECK(weq(p.szCallbackNumber, "555") && weq(p.szPhoneNumber, ""));
    store = read_text(cred, NULL);
    CHECK(store != NULL && strstr(store, "alice") == NULL && strstr(store, "[Office VPN]") != NULL);
    free(store);
    /* dial with the saved credentials, and with the password handle */
    scenario("[*]\nUser=alice\nPassword=pa=ss\xC3\xA9\nDomain=corp\n");
    dial_params(&p, "Office VPN");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), 0);
    CHECK_EQ(RasHangUpW(h), 0);
    WSET(p.szUserName, "alice");
    WSET(p.szPassword, "****************");
    WSET(p.szDomain, "*");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), 0);
    CHECK_EQ(RasHangUpW(h), 0);
    /* setting with the handle keeps the password; empty fields change nothing */
    dial_params(&p, "Office VPN");
    WSET(p.szUserName, "alice");
    WSET(p.szPassword, "****************");
    CHECK_EQ(RasSetEntryDialParamsW(W(PBK), &p, FALSE), 0);
    dial_params(&p, "Office VPN");
    CHECK_EQ(RasSetEntryDialParamsW(W(PBK), &p, FALSE), 0);
    dial_params(&p, "Office VPN");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), 0);
    CHECK_EQ(RasHangUpW(h), 0);
    get_params(&p, "Office VPN", 0, &has_pw);
    CHECK(has_pw == TRUE && weq(p.szUserName, "alice") && weq(p.szDomain, "CORP"));
    /* fRemovePassword removes it */
    dial_params(&p, "Office VPN");
    CHECK_EQ(RasSetEntryDialParamsW(W(PBK), &p, TRUE), 0);
    get_params(&p, "Office VPN", 0, &has_pw);
    CHECK(has_pw == FALSE && weq(p.szPassword, "") && weq(p.szUserName, "alice"));
    dial_params(&p, "Office VPN");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), ERROR_AUTHENTICATION_FAILURE);
    CHECK_EQ(RasHangUpW(h), 0);
    /* an empty password with a user name is saved as empty */
    dial_params(&p, "Office VPN");
    WSET(p.szUserName, "bob");
    CHECK_EQ(RasSetEntryDialParamsW(W(PBK), &p, FALSE), 0);
    get_params(&p, "Office VPN", 0, &has_pw);
    CHECK(has_pw == TRUE && weq(p.szUserName, "bob"));
    scenario(NULL);
    /* older structure versions */
    {
        unsigned char raw[sizeof(RASDIALPARAMSW) + 8];
        DWORD old = (DWORD)offsetof(RASDIALPARAMSW, dwSubEntry);
        memset(raw, 0xAB, sizeof raw);
        dial_params(&p, "Office VPN");
        p.dwSize = old;
        memcpy(raw, &p, old);
        CHECK_EQ(RasGetEntryDialParamsW(W(PBK), (LPRASDIALPARAMSW)(void *)raw, &has_pw), 0);
        CHECK_EQ(raw[old], 0xAB);
        CHECK_EQ(RasSetEntryDialParamsW(W(PBK), (LPRASDIALPARAMSW)(void *)raw, FALSE), 0);
    }
    /* errors */
    CHECK_EQ(RasGetEntryDialParamsW(W(PBK), NULL, &has_pw), ERROR_BUFFER_INVALID);
    CHECK_EQ(RasGetEntryDialParamsW(W(PBK), &p, NULL), ERROR_BUFFER_INVALID);
    CHECK_EQ(RasSetEntryDialParamsW(W(PBK), NULL, FALSE), ERROR_BUFFER_INVALID);
    dial_params(&p, "Office VPN");
    p.dwSize = 12;
    CHECK_EQ(RasGetEntryDialParamsW(W(PBK), &p, &has_pw), ERROR_INVALID_SIZE);
    CHECK_EQ(RasSetEntryDialParamsW(W(PBK), &p, FALSE), ERROR_INVALID_SIZE);
    dial_params(&p, "Nobody");
    CHECK_EQ(RasGetEntryDialParamsW(W(PBK), &p, &has_pw), ERROR_CANNOT_FIND_PHONEBOOK_ENTRY);
    CHECK_EQ(RasSetEntryDialParamsW(W(PBK), &p, FALSE), ERROR_CANNOT_FIND_PHONEBOOK_ENTRY);
    CHECK_EQ(RasGetEntryDialParamsW(W(P("missing.pbk")), &p, &has_pw), ERROR_CANNOT_OPEN_PHONEBOOK);
    CHECK_EQ(RasSetEntryDialParamsW(W(P("missing.pbk")), &p, FALSE), ERROR_CANNOT_OPEN_PHONEBOOK);
    memset(p.szEntryName, 'x', sizeof p.szEntryName);
    CHECK_EQ(RasGetEntryDialParamsW(W(PBK), &p, &has_pw), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasSetEntryDialParamsW(W(PBK), &p, FALSE), ERROR_INVALID_PARAMETER);
    /* a store that cannot be read */
    remove_tree(cred);
    make_dir(cred);
    dial_params(&p, "Office VPN");
    CHECK_EQ(RasGetEntryDialParamsW(W(PBK), &p, &has_pw), ERROR_CANNOT_OPEN_PHONEBOOK);
    CHECK_EQ(RasSetEntryDialParamsW(W(PBK), &p, FALSE), ERROR_CANNOT_OPEN_PHONEBOOK);
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), ERROR_CANNOT_OPEN_PHONEBOOK);
    remove_tree(cred);
    write_file(cred, "[Office VPN]\nUser=xyz\n"); /* not hex */
    CHECK_EQ(RasGetEntryDialParamsW(W(PBK), &p, &has_pw), ERROR_CANNOT_OPEN_PHONEBOOK);
    remove_tree(cred);
#ifndef _WIN32
    if (!running_as_root()) {
        /* a store that cannot be written */
        make_dir(P("ro"));
        write_file(P("ro/r.pbk"), "[E]\n");
        chmod(P("ro"), 0500);
        dial_params(&p, "E");
        WSET(p.szUserName, "u");
        CHECK_EQ(RasSetEntryDialParamsW(W(P("ro/r.pbk")), &p, FALSE), ERROR_CANNOT_WRITE_PHONEBOOK);
        chmod(P("ro"), 0700);
    }
#endif
}

/* ---- credentials, EAP user data, custom auth data ------------------------ */

static void
forget_store(void)
{
    char path[600];
    snprintf(path, sizeof path, "%s.cred", PBK_ABS);
    remove(path);
}

static void
creds_init_struct(RASCREDENTIALSW *c, DWORD mask)
{
    memset(c, 0, sizeof *c);
    c->dwSize = sizeof *c;
    c->dwMask = mask;
}

SIMTEST(credentials_api)
{
    RASCREDENTIALSW c;
    RASDIALPARAMSW p;
    BOOL have = TRUE;
    char *text;
    size_t len;
    char path[600];
    forget_store();
    snprintf(path, sizeof path, "%s.cred", PBK_ABS);
    /* arguments */
    CHECK_EQ(RasGetCredentialsW(W(PBK), W("Office VPN"), NULL), ERROR_INVALID_PARAMETER);
    creds_init_struct(&c, RASCM_UserName);
    c.dwSize = sizeof c - 4;
    CHECK_EQ(RasGetCredentialsW(W(PBK), W("Office VPN"), &c), ERROR_INVALID_SIZE);
    CHECK_EQ(RasSetCredentialsW(W(PBK), W("Office VPN"), &c, FALSE), ERROR_INVALID_SIZE);
    creds_init_struct(&c, RASCM_UserName | 0x100);
    CHECK_EQ(RasGetCredentialsW(W(PBK), W("Office VPN"), &c), ERROR_INVALID_PARAMETER);
    creds_init_struct(&c, RASCM_PreSharedKey | RASCM_Password);
    CHECK_EQ(RasSetCredentialsW(W(PBK), W("Office VPN"), &c, FALSE), ERROR_INVALID_PARAMETER);
    creds_init_struct(&c, RASCM_PreSharedKey | RASCM_DDMPreSharedKey);
    CHECK_EQ(RasGetCredentialsW(W(PBK), W("Office VPN"), &c), ERROR_INVALID_PARAMETER);
    creds_init_struct(&c, RASCM_UserName);
    CHECK_EQ(RasGetCredentialsW(W(PBK), NULL, &c), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasGetCredentialsW(W(PBK), W("Nope"), &c), ERROR_CANNOT_FIND_PHONEBOOK_ENTRY);
    CHECK_EQ(RasSetCredentialsW(W(P("missing.pbk")), W("Office VPN"), &c, FALSE),
             ERROR_CANNOT_OPEN_PHONEBOOK);
    /* an unterminated field */
    creds_init_struct(&c, RASCM_UserName);
    memset(c.szUserName, 'a', sizeof c.szUserName);
    CHECK_EQ(RasSetCredentialsW(W(PBK), W("Office VPN"), &c, FALSE), ERROR_INVALID_PARAMETER);
    /* set, then read back: the password is never returned */
    creds_init_struct(&c, RASCM_UserName | RASCM_Password | RASCM_Domain);
    WSET(c.szUserName, "alice");
    WSET(c.szPassword, "s3cret");
    WSET(c.szDomain, "CORP");
    CHECK_EQ(RasSetCredentialsW(W(PBK), W("office vpn"), &c, FALSE), 0);
    creds_init_struct(&c, RASCM_UserName | RASCM_Password | RASCM_Domain);
    CHECK_EQ(RasGetCredentialsW(W(PBK), W("Office VPN"), &c), 0);
    CHECK_EQ(c.dwMask, RASCM_UserName | RASCM_Password | RASCM_Domain);
    CHECK(weq(c.szUserName, "alice"));
    CHECK(weq(c.szPassword, SIM_CREDS_PASSWORD_HANDLE));
    CHECK(weq(c.szDomain, "CORP"));
    /* the handle keeps the saved password; dial params see the same store */
    CHECK_EQ(RasSetCredentialsW(W(PBK), W("Office VPN"), &c, FALSE), 0);
    text = read_text(path, &len);
    CHECK(text != NULL && strstr(text, "Password=733363726574") != NULL);
    free(text);
    dial_params(&p, "Office VPN");
    CHECK_EQ(RasGetEntryDialParamsW(W(PBK), &p, &have), 0);
    CHECK(have);
    CHECK(weq(p.szUserName, "alice"));
    /* clearing deletes */
    creds_init_struct(&c, RASCM_Password);
    CHECK_EQ(RasSetCredentialsW(W(PBK), W("Office VPN"), &c, TRUE), 0);
    creds_init_struct(&c, RASCM_UserName | RASCM_Password);
    CHECK_EQ(RasGetCredentialsW(W(PBK), W("Office VPN"), &c), 0);
    CHECK_EQ(c.dwMask, RASCM_UserName);
    CHECK(weq(c.szPassword, ""));
    /* pre-shared keys */
    creds_init_struct(&c, RASCM_PreSharedKey);
    WSET(c.szPassword, "psk");
    CHECK_EQ(RasSetCredentialsW(W(PBK), W("Plain"), &c, FALSE), 0);
    creds_init_struct(&c, RASCM_PreSharedKey);
    CHECK_EQ(RasGetCredentialsW(W(PBK), W("Plain"), &c), 0);
    CHECK_EQ(c.dwMask, RASCM_PreSharedKey);
    CHECK(weq(c.szPassword, SIM_CREDS_PASSWORD_HANDLE));
    creds_init_struct(&c, RASCM_DDMPreSharedKey);
    CHECK_EQ(RasSetCredentialsW(NULL, W(""), &c, FALSE), ERROR_INVALID_PARAMETER);
    forget_store();
}

SIMTEST(blobs)
{
    BYTE buf[8];
    DWORD size;
    static const BYTE data[5] = { 0, 1, 2, 0, 4 };
    forget_store();
    size = 0;
    CHECK_EQ(RasGetEapUserDataW(NULL, W(PBK), W("Plain"), NULL, &size), 0);
    CHECK_EQ(size, 0);
    CHECK_EQ(RasGetEapUserDataW(NULL, W(PBK), W("Plain"), NULL, NULL), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasGetEapUserDataW((HANDLE)(uintptr_t)0x1234, W(PBK), W("Plain"), NULL, &size),
             ERROR_INVALID_HANDLE);
    CHECK_EQ(RasSetEapUserDataW(NULL, W(PBK), W("Plain"), NULL, 3), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasSetEapUserDataW(NULL, W(PBK), W("Nope"), (BYTE *)data, 5),
             ERROR_CANNOT_FIND_PHONEBOOK_ENTRY);
    CHECK_EQ(RasSetEapUserDataW(NULL, W(PBK), W("Plain"), (BYTE *)data, 5), 0);
    size = 2;
    CHECK_EQ(RasGetEapUserDataW(NULL, W(PBK), W("plain"), buf, &size), ERROR_BUFFER_TOO_SMALL);
    CHECK_EQ(size, 5);
    size = sizeof buf;
    CHECK_EQ(RasGetEapUserDataW(NULL, W(PBK), W("Plain"), buf, &size), 0);
    CHECK_EQ(size, 5);
    CHECK(memcmp(buf, data, 5) == 0);
    /* custom auth data is separate */
    size = 0;
    CHECK_EQ(RasGetCustomAuthDataW(W(PBK), W("Plain"), NULL, &size), 0);
    CHECK_EQ(RasSetCustomAuthDataW(W(PBK), W("Plain"), (BYTE *)data, 3), 0);
    CHECK_EQ(RasGetCustomAuthDataW(W(PBK), W("Plain"), NULL, &size), ERROR_BUFFER_TOO_SMALL);
    CHECK_EQ(size, 3);
    CHECK_EQ(RasSetCustomAuthDataW(W(PBK), W("Plain"), NULL, 0), 0);
    size = 0;
    CHECK_EQ(RasGetCustomAuthDataW(W(PBK), W("Plain"), NULL, &size), 0);
    CHECK_EQ(RasGetCustomAuthDataW(W(P("missing.pbk")), W("Plain"), NULL, &size),
             ERROR_CANNOT_OPEN_PHONEBOOK);
    forget_store();
}
