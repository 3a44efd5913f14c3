/*
 * credentials.c -- the credentials family, per-entry secrets kept in the
 * credentials store beside the phonebook (credstore.h):
 * RasGetEntryDialParamsW, RasSetEntryDialParamsW, RasGetCredentialsW,
 * RasSetCredentialsW, RasGetEapUserDataW, RasSetEapUserDataW,
 * RasGetCustomAuthDataW, RasSetCustomAuthDataW.
 *
 * Store keys of an entry's section: User, Password, Domain (shared with
 * RasGet/SetEntryDialParamsW), DefaultUser, DefaultPassword, DefaultDomain
 * (RASCM_DefaultCreds), PreSharedKey, EapUserData, CustomAuthData.  The
 * server's pre-shared key and those of demand-dial interfaces live in
 * reserved sections (names starting with '.', which no entry name can) of
 * the default phonebook's store.  See docs/simulator.md.
 */
#include "common.h"
#include "dial.h"
#include "credstore.h"
#include "phonebook.h"
#include "structs.h"
#include "utf.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

#define SIM_CM_ALL                                                                              \
    (RASCM_UserName | RASCM_Password | RASCM_Domain | RASCM_DefaultCreds | RASCM_PreSharedKey | \
     RASCM_ServerPreSharedKey | RASCM_DDMPreSharedKey)
#define SIM_CM_PSK         (RASCM_PreSharedKey | RASCM_ServerPreSharedKey | RASCM_DDMPreSharedKey)

#define SERVER_PSK_SECTION ".ServerPreSharedKey"
#define DDM_PSK_PREFIX     ".DDMPreSharedKey."

/* ---- shared steps ------------------------------------------------------- */

/* hToken: NULL is the calling user.  On Windows any handle to an access
 * token is accepted (the simulator keeps one store for every user); off
 * Windows there are no tokens. */
static DWORD
check_token(HANDLE token)
{
    if (token == NULL) {
        return 0;
    }
#ifdef _WIN32
    {
        TOKEN_TYPE type;
        DWORD needed = 0;
        if (GetTokenInformation(token, TokenType, &type, sizeof type, &needed)) {
            return 0;
        }
    }
#endif
    return ERROR_INVALID_HANDLE;
}

/* Loads the phonebook and resolves the entry argument: *path gets the
 * phonebook's path and *section the entry's name as written in the file
 * (both freed by the caller).  0, ERROR_INVALID_PARAMETER, 621, 622, 623 or
 * ERROR_NOT_ENOUGH_MEMORY. */
static DWORD
open_entry(LPCWSTR phonebook, LPCWSTR entry, char **path, char **section)
{
    sim_pbk pbk;
    char *given;
    size_t h;
    DWORD rc = sim_arg_to_u8(entry, &given);
    *path = NULL;
    *section = NULL;
    if (rc != 0) {
        return rc;
    }
    rc = sim_pbk_load(phonebook, &pbk);
    if (rc == 0) {
        h = sim_pbk_find(&pbk, given);
        if (h == SIM_INI_NONE) {
            rc = ERROR_CANNOT_FIND_PHONEBOOK_ENTRY;
        } else {
            const char *name;
            size_t len;
            sim_pbk_entry_name(&pbk, h, &name, &len);
            *section = sim_strndup(name, len);
            *path = sim_strdup(pbk.path);
            if (*section == NULL || *path == NULL) {
                rc = ERROR_NOT_ENOUGH_MEMORY;
            }
        }
    }
    sim_pbk_free(&pbk);
    free(given);
    if (rc != 0) {
        free(*path);
        free(*section);
        *path = *section = NULL;
    }
    return rc;
}

/* Where the pre-shared key of the server or of a demand-dial interface is
 * kept: the default phonebook's store, in a reserved section.  The phonebook
 * argument is not used; the interface name is any non-empty string. */
static DWORD
open_router_psk(DWORD mask, LPCWSTR entry, char **path, char **section)
{
    DWORD rc;
    *path = NULL;
    *section = NULL;
    if (mask & RASCM_ServerPreSharedKey) {
        *section = sim_strdup(SERVER_PSK_SECTION);
    } else {
        char *name, *folded, *hex;
        sim_buf b = { 0 };
        rc = sim_arg_to_u8(entry, &name);
        if (rc != 0) {
            return rc;
        }
        if (name[0] == '\0') {
            free(name);
            return ERROR_INVALID_PARAMETER;
        }
        folded = sim_u8_fold_dup(name, strlen(name));
        free(name);
        hex = folded != NULL ? sim_hex_encode(folded, strlen(folded)) : NULL;
        free(folded);
        sim_buf_adds(&b, DDM_PSK_PREFIX);
        if (hex != NULL) {
            sim_buf_adds(&b, hex);
        }
        free(hex);
        if (hex == NULL || b.failed) {
            sim_buf_free(&b);
            return ERROR_NOT_ENOUGH_MEMORY;
        }
        *section = b.data;
    }
    if (*section == NULL) {
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    rc = sim_pbk_resolve(NULL, path);
    if (rc != 0) {
        free(*section);
        *section = NULL;
    }
    return rc;
}

/* ---- RASCREDENTIALSW ---------------------------------------------------- */

/* Validates the structure and its mask: 0 or 87 / 632. */
static DWORD
check_credentials(const RASCREDENTIALSW *c, int check_strings)
{
    DWORD psk;
    if (c == NULL) {
        return ERROR_INVALID_PARAMETER;
    }
    if (!sim_struct_size_ok(SIM_RASCREDENTIALS, c->dwSize)) {
        return ERROR_INVALID_SIZE;
    }
    if (c->dwMask & ~(DWORD)SIM_CM_ALL) {
        return ERROR_INVALID_PARAMETER;
    }
    /* A pre-shared key flag cannot be combined with any other flag. */
    psk = c->dwMask & SIM_CM_PSK;
    if (psk != 0 && psk != c->dwMask) {
        return ERROR_INVALID_PARAMETER;
    }
    if (psk != 0 && (psk & (psk - 1)) != 0) {
        return ERROR_INVALID_PARAMETER;
    }
    if (check_strings && (!sim_wfield_ok(c->szUserName, SIM_COUNTOF(c->szUserName)) ||
                          !sim_wfield_ok(c->szPassword, SIM_COUNTOF(c->szPassword)) ||
                          !sim_wfield_ok(c->szDomain, SIM_COUNTOF(c->szDomain)))) {
        return ERROR_INVALID_PARAMETER;
    }
    return 0;
}

/* The store and section a RASCREDENTIALSW call works on. */
static DWORD
open_credentials(LPCWSTR phonebook, LPCWSTR entry, DWORD mask, char **path, char **section)
{
    if (mask & (RASCM_ServerPreSharedKey | RASCM_DDMPreSharedKey)) {
        return open_router_psk(mask, entry, path, section);
    }
    return open_entry(phonebook, entry, path, section);
}

/* The store keys of the three fields for a mask (default credentials or the
 * user's own); the pre-shared key lives in "password" position. */
typedef struct cred_keys {
    const char *user, *password, *domain;
} cred_keys;

static cred_keys
keys_for(DWORD mask)
{
    cred_keys k;
    if (mask & SIM_CM_PSK) {
        k.user = k.domain = NULL;
        k.password = (mask & RASCM_PreSharedKey) ? "PreSharedKey" : "Key";
    } else if (mask & RASCM_DefaultCreds) {
        k.user = "DefaultUser";
        k.password = "DefaultPassword";
        k.domain = "DefaultDomain";
    } else {
        k.user = "User";
        k.password = "Password";
        k.domain = "Domain";
    }
    return k;
}

static void
put_field(const sim_blob *b, WCHAR *field, size_t cap)
{
    if (b->present) {
        sim_u8_to_wbuf((const char *)b->data, strlen((const char *)b->data), field, cap);
    }
}

DWORD WINAPI
RasGetCredentialsW(LPCWSTR phonebook, LPCWSTR entry, LPRASCREDENTIALSW creds)
{
    const char *keys[3];
    sim_blob vals[3];
    char *path, *section;
    cred_keys k;
    size_t nkeys;
    DWORD mask, out = 0, rc = check_credentials(creds, 0);
    if (rc != 0) {
        return rc;
    }
    mask = creds->dwMask;
    rc = open_credentials(phonebook, entry, mask, &path, &section);
    if (rc != 0) {
        return rc;
    }
    k = keys_for(mask);
    keys[0] = k.password;
    keys[1] = k.user;
    keys[2] = k.domain;
    nkeys = k.user != NULL ? 3 : 1;
    rc = sim_store_read(path, section, keys, nkeys, vals);
    free(path);
    free(section);
    if (rc != 0) {
        return rc;
    }
    memset((char *)creds + sizeof(DWORD), 0, sizeof *creds - sizeof(DWORD));
    if (mask & SIM_CM_PSK) {
        if (vals[0].present) {
            out = mask;
        }
    } else {
        if ((mask & RASCM_UserName) && vals[1].present) {
            put_field(&vals[1], creds->szUserName, SIM_COUNTOF(creds->szUserName));
            out |= RASCM_UserName;
        }
        if ((mask & RASCM_Domain) && vals[2].present) {
            put_field(&vals[2], creds->szDomain, SIM_COUNTOF(creds->szDomain));
            out |= RASCM_Domain;
        }
        if ((mask & RASCM_Password) && vals[0].present) {
            out |= RASCM_Password;
        }
        out |= mask & RASCM_DefaultCreds;
    }
    /* Never the secret itself: the handle stands for it. */
    if (out & (RASCM_Password | SIM_CM_PSK)) {
        static const char handle[] = SIM_CREDS_PASSWORD_HANDLE;
        sim_u8_to_wbuf(handle, sizeof handle - 1, creds->szPassword,
                       SIM_COUNTOF(creds->szPassword));
    }
    creds->dwMask = out;
    sim_blob_clear(vals, nkeys);
    return 0;
}

/* Adds the change of one field to puts: removal when clearing, nothing for
 * the password handle, else the text. */
static DWORD
add_put(sim_store_put *puts, size_t *n, const char *key, const WCHAR *field, size_t cap, int clear,
        int secret, char **text)
{
    *text = NULL;
    if (key == NULL) {
        return 0;
    }
    puts[*n].key = key;
    puts[*n].data = NULL;
    puts[*n].len = 0;
    puts[*n].remove = clear;
    if (!clear) {
        if (secret && sim_is_password_handle(field)) {
            return 0;
        }
        *text = sim_w_to_u8(field, sim_wlen(field, cap));
        if (*text == NULL) {
            return ERROR_NOT_ENOUGH_MEMORY;
        }
        puts[*n].data = *text;
        puts[*n].len = strlen(*text);
    }
    (*n)++;
    return 0;
}

DWORD WINAPI
RasSetCredentialsW(LPCWSTR phonebook, LPCWSTR entry, LPRASCREDENTIALSW creds,
                   BOOL fClearCredentials)
{
    sim_store_put puts[3];
    char *texts[3] = { NULL, NULL, NULL };
    char *path, *section;
    size_t n = 0;
    cred_keys k;
    DWORD mask, rc = check_credentials(creds, 1);
    int clear = fClearCredentials != FALSE;
    if (rc != 0) {
        return rc;
    }
    mask = creds->dwMask;
    rc = open_credentials(phonebook, entry, mask, &path, &section);
    if (rc != 0) {
        return rc;
    }
    k = keys_for(mask);
    if (mask & SIM_CM_PSK) {
        rc = add_put(puts, &n, k.password, creds->szPassword, SIM_COUNTOF(creds->szPassword), clear,
                     1, &texts[0]);
    } else {
        if (mask & RASCM_UserName) {
            rc = add_put(puts, &n, k.user, creds->szUserName, SIM_COUNTOF(creds->szUserName), clear,
                         0, &texts[0]);
        }
        if (rc == 0 && (mask & RASCM_Password)) {
            rc = add_put(puts, &n, k.password, creds->szPassword, SIM_COUNTOF(creds->szPassword),
                         clear, 1, &texts[1]);
        }
        if (rc == 0 && (mask & RASCM_Domain)) {
            rc = add_put(puts, &n, k.domain, creds->szDomain, SIM_COUNTOF(creds->szDomain), clear,
                         0, &texts[2]);
        }
    }
    if (rc == 0 && n > 0) {
        rc = sim_store_write(path, section, puts, n);
    }
    sim_free_secret(texts[0]);
    sim_free_secret(texts[1]);
    sim_free_secret(texts[2]);
    free(path);
    free(section);
    return rc;
}

/* ---- EAP user data and custom auth data: byte blobs -------------------- */

static DWORD
get_blob(LPCWSTR phonebook, LPCWSTR entry, const char *key, BYTE *buf, DWORD *size)
{
    sim_blob val;
    char *path, *section;
    DWORD rc;
    if (size == NULL) {
        return ERROR_INVALID_PARAMETER;
    }
    rc = open_entry(phonebook, entry, &path, &section);
    if (rc == 0) {
        rc = sim_store_read(path, section, &key, 1, &val);
    }
    free(path);
    free(section);
    if (rc != 0) {
        return rc;
    }
    if (val.len > 0xFFFFFFFFu) {
        rc = ERROR_NOT_ENOUGH_MEMORY;
    } else if (buf == NULL || *size < val.len) {
        rc = val.len > 0 ? ERROR_BUFFER_TOO_SMALL : 0;
        *size = (DWORD)val.len;
    } else {
        if (val.len > 0) {
            memcpy(buf, val.data, val.len);
        }
        *size = (DWORD)val.len;
    }
    sim_blob_clear(&val, 1);
    return rc;
}

static DWORD
set_blob(LPCWSTR phonebook, LPCWSTR entry, const char *key, const BYTE *data, DWORD size)
{
    sim_store_put put;
    char *path, *section;
    DWORD rc;
    if (data == NULL && size != 0) {
        return ERROR_INVALID_PARAMETER;
    }
    rc = open_entry(phonebook, entry, &path, &section);
    if (rc != 0) {
        return rc;
    }
    put.key = key;
    put.data = data;
    put.len = size;
    put.remove = size == 0;
    rc = sim_store_write(path, section, &put, 1);
    free(path);
    free(section);
    return rc;
}

DWORD WINAPI
RasGetEapUserDataW(HANDLE hToken, LPCWSTR phonebook, LPCWSTR entry, BYTE *data, DWORD *size)
{
    DWORD rc = size == NULL ? ERROR_INVALID_PARAMETER : check_token(hToken);
    return rc != 0 ? rc : get_blob(phonebook, entry, "EapUserData", data, size);
}

DWORD WINAPI
RasSetEapUserDataW(HANDLE hToken, LPCWSTR phonebook, LPCWSTR entry, BYTE *data, DWORD size)
{
    DWORD rc = check_token(hToken);
    return rc != 0 ? rc : set_blob(phonebook, entry, "EapUserData", data, size);
}

DWORD WINAPI
RasGetCustomAuthDataW(LPCWSTR phonebook, LPCWSTR entry, BYTE *data, DWORD *size)
{
    return get_blob(phonebook, entry, "CustomAuthData", data, size);
}

DWORD WINAPI
RasSetCustomAuthDataW(LPCWSTR phonebook, LPCWSTR entry, BYTE *data, DWORD size)
{
    return set_blob(phonebook, entry, "CustomAuthData", data, size);
}

/* ---- saved dial parameters ---------------------------------------------- */

/* Decodes the fields RasSetEntryDialParamsW changes (NULL = unchanged). */
static DWORD
read_updates(const RASDIALPARAMSW *p, BOOL remove, sim_creds *set)
{
    int has_user = p->szUserName[0] != 0;
    DWORD rc = 0;
    memset(set, 0, sizeof *set);
    if (has_user) {
        rc = SIM_FIELD_TO_U8(p->szUserName, &set->user);
    }
    if (rc == 0 && has_user && !remove && !sim_is_password_handle(p->szPassword)) {
        rc = SIM_FIELD_TO_U8(p->szPassword, &set->password);
    }
    if (rc == 0 && p->szDomain[0] != 0) {
        rc = SIM_FIELD_TO_U8(p->szDomain, &set->domain);
    }
    if (rc == 0 && p->szCallbackNumber[0] != 0) {
        rc = SIM_FIELD_TO_U8(p->szCallbackNumber, &set->callback);
    }
    return rc;
}

DWORD WINAPI
RasSetEntryDialParamsW(LPCWSTR phonebook, LPRASDIALPARAMSW params, BOOL fRemovePassword)
{
    sim_pbk pbk;
    sim_creds set;
    size_t h;
    char *given, *name;
    DWORD rc;
    if (params == NULL) {
        return ERROR_BUFFER_INVALID;
    }
    rc = sim_dial_params_check(params);
    if (rc == 0) {
        rc = SIM_FIELD_TO_U8(params->szEntryName, &given);
    }
    if (rc != 0) {
        return rc;
    }
    memset(&set, 0, sizeof set);
    rc = sim_pbk_load_named_entry(phonebook, given, &pbk, &h, &name);
    if (rc == 0) {
        rc = read_updates(params, fRemovePassword, &set);
    }
    if (rc == 0) {
        rc = sim_creds_update(&pbk, name, &set, fRemovePassword != FALSE);
    }
    sim_creds_clear(&set);
    sim_pbk_free(&pbk);
    free(name);
    return rc;
}

static void
fill_dial_params(void *p, DWORD size, const sim_creds *saved)
{
    SIM_PUT_TEXT(p, size, RASDIALPARAMSW, szPhoneNumber, "");
    SIM_PUT_TEXT(p, size, RASDIALPARAMSW, szCallbackNumber, saved->callback);
    SIM_PUT_TEXT(p, size, RASDIALPARAMSW, szUserName, saved->user);
    SIM_PUT_TEXT(p, size, RASDIALPARAMSW, szPassword,
                 saved->password != NULL ? SIM_CREDS_PASSWORD_HANDLE : "");
    SIM_PUT_TEXT(p, size, RASDIALPARAMSW, szDomain, saved->domain);
}

DWORD WINAPI
RasGetEntryDialParamsW(LPCWSTR phonebook, LPRASDIALPARAMSW params, LPBOOL lpfPassword)
{
    sim_pbk pbk;
    sim_creds saved;
    size_t h;
    char *given, *name;
    DWORD rc;
    if (params == NULL || lpfPassword == NULL) {
        return ERROR_BUFFER_INVALID;
    }
    if (!sim_struct_size_ok(SIM_RASDIALPARAMS, params->dwSize)) {
        return ERROR_INVALID_SIZE;
    }
    rc = SIM_FIELD_TO_U8(params->szEntryName, &given);
    if (rc != 0) {
        return rc;
    }
    memset(&saved, 0, sizeof saved);
    rc = sim_pbk_load_named_entry(phonebook, given, &pbk, &h, &name);
    if (rc == 0) {
        rc = sim_creds_load(&pbk, name, &saved);
    }
    if (rc == 0) {
        fill_dial_params(params, params->dwSize, &saved);
        *lpfPassword = saved.password != NULL;
    }
    sim_creds_clear(&saved);
    sim_pbk_free(&pbk);
    free(name);
    return rc;
}
