/*
 * phonebook.c -- see phonebook.h.
 */
#include "common.h"
#include "phonebook.h"
#include "os.h"
#include "utf.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* Joins base and the relative tail with the platform separator. */
static char *
join_path(const char *base, const char *tail)
{
    sim_buf b = { 0 };
    sim_buf_adds(&b, base);
    if (b.len > 0 && b.data[b.len - 1] != '/' && b.data[b.len - 1] != '\\') {
        sim_buf_adds(&b, sim_path_sep());
    }
    sim_buf_adds(&b, tail);
    if (b.failed) {
        sim_buf_free(&b);
        return NULL;
    }
    return b.data;
}

/* The platform default location, or "" when the needed variables are unset. */
static char *
platform_default(void)
{
    char *base, *path;
#ifdef _WIN32
    const char *tail = "Microsoft\\Network\\Connections\\Pbk\\rasphone.pbk";
    base = sim_env_get("APPDATA");
#else
    const char *tail = "rassim/rasphone.pbk";
    base = sim_env_get("XDG_CONFIG_HOME");
    if (base != NULL && base[0] != '/') {
        free(base);
        base = NULL;
    }
    if (base == NULL) {
        char *home = sim_env_get("HOME");
        base = home != NULL ? join_path(home, ".config") : NULL;
        free(home);
    }
#endif
    if (base == NULL) {
        return sim_strdup("");
    }
    path = join_path(base, tail);
    free(base);
    return path;
}

static char *
default_path(void)
{
    char *p = sim_env_get("RASSIM_PHONEBOOK");
    return p != NULL ? p : platform_default();
}

/* Makes path absolute and checks that it fits the RAS path fields. */
static DWORD
finish_path(char *raw, char **path)
{
    int rc;
    if (raw == NULL) {
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    if (raw[0] == '\0') {
        *path = raw;
        return 0;
    }
    rc = sim_path_absolute(raw, path);
    free(raw);
    if (rc != SIM_OK) {
        return rc == SIM_NOMEM ? ERROR_NOT_ENOUGH_MEMORY : ERROR_CANNOT_OPEN_PHONEBOOK;
    }
    if (sim_u8_wlen(*path, strlen(*path)) >= MAX_PATH) {
        free(*path);
        *path = NULL;
        return ERROR_CANNOT_OPEN_PHONEBOOK;
    }
    return 0;
}

DWORD
sim_pbk_resolve(LPCWSTR phonebook, char **path)
{
    size_t len;
    *path = NULL;
    if (phonebook == NULL || phonebook[0] == 0) {
        return finish_path(default_path(), path);
    }
    len = sim_wlen(phonebook, SIM_MAX_WSTR);
    if (len == SIM_MAX_WSTR) {
        return ERROR_INVALID_PARAMETER;
    }
    return finish_path(sim_w_to_u8(phonebook, len), path);
}

/* Reads the resolved phonebook pbk->path (not ""). */
static DWORD
load_resolved(LPCWSTR phonebook, sim_pbk *pbk)
{
    int io = sim_ini_load(&pbk->ini, pbk->path);
    pbk->exists = io == SIM_IO_OK;
    switch (io) {
    case SIM_IO_OK:
        return 0;
    case SIM_IO_MISSING:
        return (phonebook == NULL || phonebook[0] == 0) ? 0 : ERROR_CANNOT_OPEN_PHONEBOOK;
    case SIM_IO_NOMEM:
        return ERROR_NOT_ENOUGH_MEMORY;
    case SIM_IO_CORRUPT:
        return ERROR_CANNOT_LOAD_PHONEBOOK;
    default:
        return ERROR_CANNOT_OPEN_PHONEBOOK;
    }
}

static DWORD
load(LPCWSTR phonebook, sim_pbk *pbk, int locked)
{
    DWORD rc;
    memset(pbk, 0, sizeof *pbk);
    sim_ini_init(&pbk->ini);
    rc = sim_pbk_resolve(phonebook, &pbk->path);
    if (rc != 0 || pbk->path[0] == '\0') {
        return rc;
    }
    if (locked) {
        rc = sim_ini_lock(pbk->path, &pbk->lock);
        if (rc != 0) {
            return rc;
        }
    }
    return load_resolved(phonebook, pbk);
}

DWORD
sim_pbk_load(LPCWSTR phonebook, sim_pbk *pbk)
{
    return load(phonebook, pbk, 0);
}

DWORD
sim_pbk_load_locked(LPCWSTR phonebook, sim_pbk *pbk)
{
    return load(phonebook, pbk, 1);
}

void
sim_pbk_free(sim_pbk *pbk)
{
    sim_file_lock_release(&pbk->lock);
    sim_ini_free(&pbk->ini);
    free(pbk->path);
    pbk->path = NULL;
}

DWORD
sim_pbk_save(const sim_pbk *pbk)
{
    if (pbk->path == NULL || pbk->path[0] == '\0') {
        return ERROR_CANNOT_WRITE_PHONEBOOK;
    }
    return sim_ini_save(&pbk->ini, pbk->path, 0);
}

void
sim_pbk_entry_name(const sim_pbk *pbk, size_t entry, const char **name, size_t *len)
{
    if (!sim_ini_header_name(pbk->ini.lines[entry], name, len)) {
        *name = "";
        *len = 0;
    }
}

/* Non-zero when an entry may be called name: 1 to RAS_MaxEntryName UTF-16
 * units. */
static int
name_fits(const char *name, size_t len)
{
    size_t units = sim_u8_wlen(name, len);
    return units > 0 && units <= RAS_MaxEntryName;
}

/* Hash of a name consistent with sim_u8_ieq: FNV-1a over the code points as
 * sim_fold gives them, so names sim_u8_ieq finds equal hash alike. */
static size_t
fold_hash(const char *name, size_t len)
{
    uint32_t h = 2166136261u, cp;
    size_t pos = 0;
    while (pos < len) {
        pos += sim_u8_decode(name + pos, len - pos, &cp);
        cp = sim_fold(cp);
        h = (h ^ (cp & 0xFFu)) * 16777619u;
        h = (h ^ (cp >> 8 & 0xFFu)) * 16777619u;
        h = (h ^ (cp >> 16)) * 16777619u;
    }
    return (size_t)h;
}

/* The usable entries in one pass: every header's name goes into a hash set
 * (open addressing on the header indices) as the document is walked, so a
 * header is a duplicate when the set already holds a name sim_u8_ieq finds
 * equal -- the first section of a name counts, whatever its length; the
 * compare is the one sim_ini_find_section and sim_pbk_find use. */
DWORD
sim_pbk_entries(const sim_pbk *pbk, size_t **out, size_t *count)
{
    size_t headers = 0, room = 64, cap = 16, h, k, n = 0, *slots, *list, *grown;
    *out = NULL;
    *count = 0;
    /* the headers, in one scan of the lines (later passes use this list) */
    list = (size_t *)malloc(room * sizeof *list);
    if (list == NULL) {
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    for (h = sim_ini_next_header(&pbk->ini, 0); h != SIM_INI_NONE;
         h = sim_ini_next_header(&pbk->ini, h + 1)) {
        if (headers == room) {
            room *= 2;
            grown = (size_t *)realloc(list, room * sizeof *list);
            if (grown == NULL) {
                free(list);
                return ERROR_NOT_ENOUGH_MEMORY;
            }
            list = grown;
        }
        list[headers++] = h;
    }
    if (headers == 0) {
        free(list);
        return 0;
    }
    while (cap < headers * 2) {
        cap *= 2;
    }
    slots = (size_t *)malloc(cap * sizeof *slots);
    if (slots == NULL) {
        free(list);
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    for (k = 0; k < cap; k++) {
        slots[k] = SIM_INI_NONE;
    }
    /* list[n] is written behind list[k] (n <= k): the usable ones, in order */
    for (k = 0; k < headers; k++) {
        const char *name, *other;
        size_t len, olen, i;
        int duplicate = 0;
        h = list[k];
        sim_pbk_entry_name(pbk, h, &name, &len);
        for (i = fold_hash(name, len) & (cap - 1); slots[i] != SIM_INI_NONE;
             i = (i + 1) & (cap - 1)) {
            sim_pbk_entry_name(pbk, slots[i], &other, &olen);
            if (sim_u8_ieq(other, olen, name, len)) {
                duplicate = 1;
                break;
            }
        }
        if (duplicate) {
            continue;
        }
        slots[i] = h;
        if (name_fits(name, len)) {
            list[n++] = h;
        }
    }
    free(slots);
    *out = list;
    *count = n;
    return 0;
}

/* The first section of a name is the entry of that name (when the name
 * fits); later sections of the same name are ignored.  So the entry is the
 * first header whose name sim_u8_ieq finds equal, if its name fits: one
 * pass, no duplicate scan. */
size_t
sim_pbk_find(const sim_pbk *pbk, const char *name)
{
    size_t h;
    const char *hn;
    size_t hlen, len = strlen(name);
    for (h = sim_ini_next_header(&pbk->ini, 0); h != SIM_INI_NONE;
         h = sim_ini_next_header(&pbk->ini, h + 1)) {
        sim_pbk_entry_name(pbk, h, &hn, &hlen);
        if (sim_u8_ieq(hn, hlen, name, len)) {
            return name_fits(hn, hlen) ? h : SIM_INI_NONE;
        }
    }
    return SIM_INI_NONE;
}

char *
sim_pbk_value_or(const sim_pbk *pbk, size_t entry, const char *key, const char *fallback)
{
    const char *v;
    size_t vlen;
    if (sim_ini_get(&pbk->ini, entry, key, &v, &vlen) && vlen > 0) {
        return sim_strndup(v, vlen);
    }
    return sim_strdup(fallback);
}

/* Accepts 32 hex digits, or the braced/unbraced 8-4-4-4-12 text form. */
static int
parse_guid_text(const char *v, size_t len, GUID *guid)
{
    char hex[32];
    unsigned char *bytes;
    size_t i, n = 0, outlen;
    if (len >= 2 && v[0] == '{' && v[len - 1] == '}') {
        v++;
        len -= 2;
    }
    if (len != 32 && len != 36) {
        return 0;
    }
    for (i = 0; i < len; i++) {
        if (len == 36 && (i == 8 || i == 13 || i == 18 || i == 23)) {
            if (v[i] != '-') {
                return 0;
            }
            continue;
        }
        if (n == sizeof hex) {
            return 0;
        }
        hex[n++] = v[i];
    }
    if (sim_hex_decode(hex, 32, &bytes, &outlen) != SIM_OK) {
        return 0;
    }
    if (len == 32) {
        sim_guid_from_bytes(bytes, guid);
    } else {
        guid->Data1 = (uint32_t)bytes[0] << 24 | (uint32_t)bytes[1] << 16 |
                      (uint32_t)bytes[2] << 8 | bytes[3];
        guid->Data2 = (uint16_t)(bytes[4] << 8 | bytes[5]);
        guid->Data3 = (uint16_t)(bytes[6] << 8 | bytes[7]);
        memcpy(guid->Data4, bytes + 8, 8);
    }
    free(bytes);
    return 1;
}

void
sim_pbk_entry_guid(const sim_pbk *pbk, size_t entry, GUID *guid)
{
    const char *v, *name;
    size_t vlen, nlen;
    sim_buf key = { 0 };
    char *folded;
    if (sim_ini_get(&pbk->ini, entry, "Guid", &v, &vlen) && parse_guid_text(v, vlen, guid)) {
        return;
    }
    sim_pbk_entry_name(pbk, entry, &name, &nlen);
    folded = sim_u8_fold_dup(name, nlen);
    sim_buf_adds(&key, pbk->path);
    sim_buf_add(&key, "\n", 1);
    if (folded != NULL) {
        sim_buf_adds(&key, folded);
    }
    free(folded);
    if (key.failed || key.data == NULL) {
        memset(guid, 0, sizeof *guid);
    } else {
        sim_guid_from_hash(key.data, key.len, guid);
    }
    sim_buf_free(&key);
}

int
sim_pbk_entry_is_eap(const sim_pbk *pbk, size_t entry)
{
    const char *v;
    size_t vlen;
    int32_t n;
    if (!sim_ini_get(&pbk->ini, entry, "CustomAuthKey", &v, &vlen)) {
        return 0;
    }
    return sim_parse_i32(v, vlen, &n) == SIM_OK && n > 0;
}

/* Looks an entry up: 0 or ERROR_CANNOT_FIND_PHONEBOOK_ENTRY. */
static DWORD
find_entry(const sim_pbk *pbk, const char *name, size_t *entry)
{
    *entry = sim_pbk_find(pbk, name);
    return *entry != SIM_INI_NONE ? 0 : ERROR_CANNOT_FIND_PHONEBOOK_ENTRY;
}

DWORD
sim_pbk_canonical_name(const sim_pbk *pbk, size_t entry, char **out)
{
    const char *name;
    size_t len;
    sim_pbk_entry_name(pbk, entry, &name, &len);
    *out = sim_strndup(name, len);
    return *out != NULL ? 0 : ERROR_NOT_ENOUGH_MEMORY;
}

DWORD
sim_pbk_open_entry(LPCWSTR phonebook, const char *name, sim_pbk *pbk, size_t *entry)
{
    DWORD rc = sim_pbk_load(phonebook, pbk);
    if (rc == 0) {
        rc = find_entry(pbk, name, entry);
    }
    return rc;
}

DWORD
sim_pbk_load_named_entry(LPCWSTR phonebook, char *given, sim_pbk *pbk, size_t *h, char **name)
{
    DWORD rc = sim_pbk_open_entry(phonebook, given, pbk, h);
    free(given);
    *name = NULL;
    return rc == 0 ? sim_pbk_canonical_name(pbk, *h, name) : rc;
}
