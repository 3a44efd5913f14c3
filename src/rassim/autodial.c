/*
 * autodial.c -- see autodial.h.
 *
 * The store is an INI document:
 *
 *   [Parameters]            RASADP_* values set with RasSetAutodialParamW,
 *   SavedAddressesLimit=50  by name (absent: the documented default)
 *   [Enable]                RasSetAutodialEnableW: dialing location=0|1
 *   0=1
 *   [Default]               the default Internet connection (address NULL)
 *   0=<hex>
 *   [Address <hex>]         one per address: the hex of its case-folded
 *   Name=<hex>              UTF-8, its spelling as first set, then one
 *   0=<hex>                 dialing location=<hex of the entry name> line
 *   3=<hex>                 per AutoDial entry, in the order they were added
 *
 * where <hex> is the lower-case hex of a string's UTF-8 bytes.  Addresses
 * match case-insensitively (registry key names).  Every change is one
 * read-modify-write cycle under g_lock and, across processes, the lock file
 * autodial.ini.lock (sim_ini_lock), written atomically.
 */
#include "common.h"
#include "autodial.h"
#include "ini.h"
#include "os.h"
#include "phonebook.h"
#include "structs.h"
#include "thread.h"
#include "utf.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static sim_once g_once = SIM_ONCE_INIT;
static sim_mutex g_lock;

static void
autodial_init(void)
{
    sim_mutex_init(&g_lock);
}

#define SECTION_PARAMETERS "Parameters"
#define SECTION_ENABLE     "Enable"
#define SECTION_DEFAULT    "Default"
#define ADDRESS_PREFIX     "Address "

/* RASADP_* keys in value order, with their documented defaults (the
 * connection query countdown has none documented: 60 s here). */
static const struct {
    const char *name;
    DWORD value;
} k_params[] = {
    { "DisableConnectionQuery", 0 },  { "LoginSessionDisable", 0 },
    { "SavedAddressesLimit", 100 },   { "FailedConnectionTimeout", 5 },
    { "ConnectionQueryTimeout", 60 },
};

/* ---- the store file ---------------------------------------------------- */

/* New path of the store: RASSIM_AUTODIAL, else autodial.ini beside the
 * default phonebook; "" when there is no default location. */
static DWORD
store_path(char **out)
{
    char *env = sim_env_get("RASSIM_AUTODIAL"), *pbk;
    size_t cut;
    sim_buf b = { 0 };
    DWORD rc;
    *out = NULL;
    if (env != NULL) {
        int prc = sim_path_absolute(env, out);
        free(env);
        if (prc == SIM_OK) {
            return 0;
        }
        return prc == SIM_NOMEM ? ERROR_NOT_ENOUGH_MEMORY : ERROR_CANNOT_OPEN_PHONEBOOK;
    }
    rc = sim_pbk_resolve(NULL, &pbk);
    if (rc != 0 || pbk[0] == '\0') {
        *out = pbk;
        return rc;
    }
    cut = strlen(pbk);
    while (cut > 0 && pbk[cut - 1] != '/' && pbk[cut - 1] != '\\') {
        cut--;
    }
    sim_buf_add(&b, pbk, cut);
    sim_buf_adds(&b, "autodial.ini");
    free(pbk);
    if (b.failed) {
        sim_buf_free(&b);
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    *out = b.data;
    return 0;
}

static DWORD
load_store(const char *path, sim_ini *ini)
{
    int io;
    if (path[0] == '\0') {
        sim_ini_init(ini);
        return 0;
    }
    io = sim_ini_load(ini, path);
    if (io == SIM_IO_OK || io == SIM_IO_MISSING) {
        return 0;
    }
    return io == SIM_IO_NOMEM ? ERROR_NOT_ENOUGH_MEMORY : ERROR_CANNOT_OPEN_PHONEBOOK;
}

/* Reads the whole store into ini (empty when missing). */
static DWORD
read_store(sim_ini *ini)
{
    char *path;
    DWORD rc = store_path(&path);
    if (rc != 0) {
        sim_ini_init(ini);
        return rc;
    }
    sim_call_once(&g_once, autodial_init);
    sim_mutex_lock(&g_lock);
    rc = load_store(path, ini);
    sim_mutex_unlock(&g_lock);
    free(path);
    return rc;
}

static DWORD
write_store(const char *path, const sim_ini *ini)
{
    return sim_ini_save(ini, path, 0);
}

/* One read-modify-write cycle, under g_lock and the store's cross-process
 * lock (sim_ini_lock): edit() returns 0 or an error code. */
typedef DWORD (*store_edit_fn)(sim_ini *ini, const void *arg);

static DWORD
edit_store(store_edit_fn edit, const void *arg)
{
    sim_ini ini;
    sim_file_lock lock;
    char *path;
    DWORD rc = store_path(&path);
    if (rc != 0) {
        return rc;
    }
    if (path[0] == '\0') {
        free(path);
        return ERROR_CANNOT_WRITE_PHONEBOOK;
    }
    sim_call_once(&g_once, autodial_init);
    sim_mutex_lock(&g_lock);
    sim_ini_init(&ini);
    rc = sim_ini_lock(path, &lock); /* other processes: autodial.ini.lock */
    if (rc == 0) {
        sim_ini_free(&ini);
        rc = load_store(path, &ini);
    }
    if (rc == 0) {
        rc = edit(&ini, arg);
    }
    if (rc == 0) {
        rc = write_store(path, &ini);
    }
    sim_file_lock_release(&lock);
    sim_mutex_unlock(&g_lock);
    sim_ini_free(&ini);
    free(path);
    return rc;
}

void
sim_autodial_reset(void)
{
    sim_ini ini;
    char *path;
    int io;
    if (store_path(&path) != 0) {
        return;
    }
    if (path[0] != '\0') {
        sim_call_once(&g_once, autodial_init);
        sim_file_lock lock;
        sim_mutex_lock(&g_lock);
        if (sim_ini_lock(path, &lock) == 0) {
            io = sim_ini_load(&ini, path);
            sim_ini_free(&ini);
            /* only a real file is emptied: never a FIFO, a device, a
             * directory or a dangling link in the store's place */
            if (io == SIM_IO_OK || io == SIM_IO_CORRUPT) {
                (void)sim_file_write_atomic(path, "", 0, 0);
            }
            sim_file_lock_release(&lock);
        }
        sim_mutex_unlock(&g_lock);
    }
    free(path);
}

/* ---- helpers ------------------------------------------------------------ */

/* Header of section name, adding it when missing and add is set. */
static DWORD
section(sim_ini *ini, const char *name, int add, size_t *h)
{
    *h = sim_ini_find_section(ini, name, strlen(name));
    if (*h != SIM_INI_NONE || !add) {
        return 0;
    }
    return sim_ini_add_section(ini, name, h) == SIM_OK ? 0 : ERROR_NOT_ENOUGH_MEMORY;
}

static DWORD
set_dword(sim_ini *ini, size_t h, const char *key, DWORD value)
{
    char text[16];
    snprintf(text, sizeof text, "%lu", (unsigned long)value);
    return sim_ini_set(ini, h, key, text, NULL) == SIM_OK ? 0 : ERROR_NOT_ENOUGH_MEMORY;
}

/* The DWORD under key in section name, or def when absent. */
static DWORD
get_dword(const sim_ini *ini, const char *name, const char *key, DWORD def, DWORD *out)
{
    size_t h = sim_ini_find_section(ini, name, strlen(name));
    const char *v;
    size_t vlen;
    uint32_t u;
    *out = def;
    if (h == SIM_INI_NONE || !sim_ini_get(ini, h, key, &v, &vlen)) {
        return 0;
    }
    if (sim_parse_u32(v, vlen, &u) != SIM_OK) {
        return ERROR_CANNOT_OPEN_PHONEBOOK;
    }
    *out = u;
    return 0;
}

/* "Address <hex of the folded address>". */
static char *
address_section(const char *address)
{
    char *folded = sim_u8_fold_dup(address, strlen(address)), *hex;
    sim_buf b = { 0 };
    if (folded == NULL) {
        return NULL;
    }
    hex = sim_hex_encode(folded, strlen(folded));
    free(folded);
    if (hex == NULL) {
        return NULL;
    }
    sim_buf_adds(&b, ADDRESS_PREFIX);
    sim_buf_adds(&b, hex);
    free(hex);
    if (b.failed) {
        sim_buf_free(&b);
        return NULL;
    }
    return b.data;
}

/* A hex value -> new UTF-8 string without NULs. */
static DWORD
unhex(const char *v, size_t vlen, char **out)
{
    unsigned char *bytes;
    size_t n;
    int rc = sim_hex_decode(v, vlen, &bytes, &n);
    if (rc != SIM_OK) {
        return rc == SIM_NOMEM ? ERROR_NOT_ENOUGH_MEMORY : ERROR_CANNOT_OPEN_PHONEBOOK;
    }
    bytes[n] = '\0';
    if (memchr(bytes, '\0', n) != NULL) {
        free(bytes);
        return ERROR_CANNOT_OPEN_PHONEBOOK;
    }
    *out = (char *)bytes;
    return 0;
}

static DWORD
put_hex(sim_ini *ini, size_t h, const char *key, const char *value)
{
    char *hex = sim_hex_encode(value, strlen(value));
    int rc;
    if (hex == NULL) {
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    rc = sim_ini_set(ini, h, key, hex, NULL);
    free(hex);
    return rc == SIM_OK ? 0 : ERROR_NOT_ENOUGH_MEMORY;
}

/* The AutoDial entries of one section. */
typedef struct ad_entry {
    DWORD location;
    char *entry;
} ad_entry;

typedef struct ad_list {
    ad_entry *items;
    size_t count;
} ad_list;

static void
list_free(ad_list *l)
{
    size_t i;
    for (i = 0; i < l->count; i++) {
        free(l->items[i].entry);
    }
    free(l->items);
    l->items = NULL;
    l->count = 0;
}

/* Every `<location>=<hex>` line of section h, in file order. */
static DWORD
read_entries(const sim_ini *ini, size_t h, ad_list *out)
{
    size_t end = sim_ini_section_end(ini, h), i;
    out->items = NULL;
    out->count = 0;
    if (end > h + 1) {
        out->items = (ad_entry *)calloc(end - h - 1, sizeof(ad_entry));
        if (out->items == NULL) {
            return ERROR_NOT_ENOUGH_MEMORY;
        }
    }
    for (i = h + 1; i < end; i++) {
        const char *key, *val;
        size_t klen, vlen;
        uint32_t loc;
        DWORD rc;
        if (!sim_ini_line_kv(ini->lines[i], &key, &klen, &val, &vlen)) {
            continue;
        }
        if (klen == 4 && memcmp(key, "Name", 4) == 0) {
            continue;
        }
        if (sim_parse_u32(key, klen, &loc) != SIM_OK) {
            list_free(out);
            return ERROR_CANNOT_OPEN_PHONEBOOK;
        }
        rc = unhex(val, vlen, &out->items[out->count].entry);
        if (rc != 0) {
            list_free(out);
            return rc;
        }
        out->items[out->count++].location = loc;
    }
    return 0;
}

/* An address argument: NULL stays NULL; otherwise a new UTF-8 copy of at
 * most SIM_AUTODIAL_MAX_ADDRESS units. */
static DWORD
address_arg(LPCWSTR address, char **out)
{
    *out = NULL;
    if (address == NULL) {
        return 0;
    }
    if (sim_wlen(address, SIM_AUTODIAL_MAX_ADDRESS + 1) > SIM_AUTODIAL_MAX_ADDRESS) {
        return ERROR_INVALID_PARAMETER;
    }
    return sim_arg_to_u8(address, out);
}

/* ---- RasGetAutodialAddressW --------------------------------------------- */

static void
fill_entries(void *buf, DWORD stride, const ad_list *l)
{
    size_t i;
    for (i = 0; i < l->count; i++) {
        RASAUTODIALENTRYW e;
        memset(&e, 0, sizeof e);
        e.dwSize = stride;
        e.dwDialingLocation = l->items[i].location;
        sim_u8_to_wbuf(l->items[i].entry, strlen(l->items[i].entry), e.szEntry,
                       SIM_COUNTOF(e.szEntry));
        memcpy(sim_array_element(buf, stride, i), &e, sizeof e);
    }
}

DWORD WINAPI
RasGetAutodialAddressW(LPCWSTR lpszAddress, LPDWORD lpdwReserved,
                       LPRASAUTODIALENTRYW lpAutoDialEntries, LPDWORD lpdwcbAutoDialEntries,
                       LPDWORD lpdwcAutoDialEntries)
{
    char *address, *name;
    sim_ini ini;
    ad_list list = { NULL, 0 };
    size_t h;
    DWORD rc, stride = 0, count;
    if (lpdwReserved != NULL || lpdwcbAutoDialEntries == NULL || lpdwcAutoDialEntries == NULL) {
        return ERROR_INVALID_PARAMETER;
    }
    if (lpAutoDialEntries != NULL) {
        stride = sim_struct_read_size(lpAutoDialEntries);
        if (stride != sizeof(RASAUTODIALENTRYW)) {
            return ERROR_INVALID_SIZE;
        }
    }
    rc = address_arg(lpszAddress, &address);
    if (rc != 0) {
        return rc;
    }
    name = address != NULL ? address_section(address) : sim_strdup(SECTION_DEFAULT);
    free(address);
    if (name == NULL) {
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    rc = read_store(&ini);
    h = rc == 0 ? sim_ini_find_section(&ini, name, strlen(name)) : SIM_INI_NONE;
    free(name);
    if (rc == 0 && h != SIM_INI_NONE) {
        rc = read_entries(&ini, h, &list);
    } else if (rc == 0 && lpszAddress != NULL) {
        rc = ERROR_FILE_NOT_FOUND;
    }
    sim_ini_free(&ini);
    if (rc != 0) {
        return rc;
    }
    if (lpAutoDialEntries == NULL) {
        rc = sim_array_size(list.count, 0, sizeof(RASAUTODIALENTRYW), lpdwcbAutoDialEntries,
                            lpdwcAutoDialEntries);
    } else if (*lpdwcbAutoDialEntries < stride) {
        rc = sim_array_size(list.count, stride, stride, lpdwcbAutoDialEntries, &count);
    } else {
        rc =
            sim_array_size(list.count, stride, stride, lpdwcbAutoDialEntries, lpdwcAutoDialEntries);
        if (rc == 0) {
            fill_entries(lpAutoDialEntries, stride, &list);
        }
    }
    list_free(&list);
    return rc;
}

/* ---- RasSetAutodialAddressW --------------------------------------------- */

struct set_args {
    const char *address;    /* NULL: the default connection */
    const ad_list *entries; /* NULL: delete */
};

static DWORD
edit_set(sim_ini *ini, const void *arg)
{
    const struct set_args *a = (const struct set_args *)arg;
    char *name = a->address != NULL ? address_section(a->address) : sim_strdup(SECTION_DEFAULT);
    size_t h, i;
    DWORD rc = 0;
    if (name == NULL) {
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    h = sim_ini_find_section(ini, name, strlen(name));
    /* The default connection is one entry: replace it whole. */
    if (h != SIM_INI_NONE && (a->entries == NULL || a->address == NULL)) {
        sim_ini_remove_section(ini, h);
        h = SIM_INI_NONE;
    }
    if (a->entries != NULL) {
        if (h == SIM_INI_NONE) {
            rc = section(ini, name, 1, &h);
            if (rc == 0 && a->address != NULL) {
                rc = put_hex(ini, h, "Name", a->address);
            }
        }
        for (i = 0; rc == 0 && i < a->entries->count; i++) {
            char key[16];
            snprintf(key, sizeof key, "%lu", (unsigned long)a->entries->items[i].location);
            rc = put_hex(ini, h, key, a->entries->items[i].entry);
        }
    }
    free(name);
    return rc;
}

/* Copies the caller's entries (validated) into out. */
static DWORD
take_entries(const RASAUTODIALENTRYW *buf, DWORD cb, DWORD count, ad_list *out)
{
    const unsigned char *base = (const unsigned char *)buf;
    DWORD stride;
    size_t i;
    out->items = NULL;
    out->count = 0;
    if (count == 0) {
        return ERROR_INVALID_PARAMETER;
    }
    stride = sim_struct_read_size(buf);
    if (stride != sizeof(RASAUTODIALENTRYW)) {
        return ERROR_INVALID_SIZE;
    }
    if ((uint64_t)count * stride > cb) {
        return ERROR_INVALID_PARAMETER;
    }
    out->items = (ad_entry *)calloc(count, sizeof(ad_entry));
    if (out->items == NULL) {
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    for (i = 0; i < count; i++) {
        RASAUTODIALENTRYW e;
        memcpy(&e, base + i * stride, sizeof e);
        if (e.dwSize != stride) {
            list_free(out);
            return ERROR_INVALID_SIZE;
        }
        if (!sim_wfield_ok(e.szEntry, SIM_COUNTOF(e.szEntry))) {
            list_free(out);
            return ERROR_INVALID_PARAMETER;
        }
        out->items[i].entry = sim_w_to_u8(e.szEntry, sim_wlen(e.szEntry, SIM_COUNTOF(e.szEntry)));
        if (out->items[i].entry == NULL) {
            list_free(out);
            return ERROR_NOT_ENOUGH_MEMORY;
        }
        out->items[i].location = e.dwDialingLocation;
        out->count++;
    }
    return 0;
}

/* Every entry must name an entry of the default phonebook. */
static DWORD
check_entries_exist(const ad_list *l)
{
    sim_pbk pbk;
    size_t i;
    DWORD rc = sim_pbk_load(NULL, &pbk);
    for (i = 0; rc == 0 && i < l->count; i++) {
        if (sim_pbk_find(&pbk, l->items[i].entry) == SIM_INI_NONE) {
            rc = ERROR_CANNOT_FIND_PHONEBOOK_ENTRY;
        }
    }
    sim_pbk_free(&pbk);
    return rc;
}

DWORD WINAPI
RasSetAutodialAddressW(LPCWSTR lpszAddress, DWORD dwReserved, LPRASAUTODIALENTRYW lpAutoDialEntries,
                       DWORD dwcbAutoDialEntries, DWORD dwcAutoDialEntries)
{
    struct set_args a;
    ad_list list = { NULL, 0 };
    char *address = NULL;
    DWORD rc;
    if (dwReserved != 0) {
        return ERROR_INVALID_PARAMETER;
    }
    if (lpAutoDialEntries == NULL) {
        if (dwcbAutoDialEntries != 0 || dwcAutoDialEntries != 0 || lpszAddress == NULL) {
            return ERROR_INVALID_PARAMETER;
        }
    } else {
        rc = take_entries(lpAutoDialEntries, dwcbAutoDialEntries, dwcAutoDialEntries, &list);
        if (rc == 0 && lpszAddress == NULL && list.count != 1) {
            rc = ERROR_INVALID_PARAMETER;
        }
        if (rc != 0) {
            list_free(&list);
            return rc;
        }
    }
    rc = address_arg(lpszAddress, &address);
    a.address = address;
    a.entries = lpAutoDialEntries != NULL ? &list : NULL;
    if (rc == 0 && address != NULL && address[0] == '\0') {
        /* An empty address deletes the default Internet connection. */
        a.address = NULL;
        a.entries = NULL;
    }
    if (rc == 0 && a.entries != NULL) {
        rc = check_entries_exist(&list);
    }
    if (rc == 0) {
        rc = edit_store(edit_set, &a);
    }
    free(address);
    list_free(&list);
    return rc;
}

/* ---- RasEnumAutodialAddressesW ------------------------------------------ */

DWORD WINAPI
RasEnumAutodialAddressesW(LPWSTR *lppAddresses, LPDWORD lpdwcbAddresses, LPDWORD lpdwcAddresses)
{
    sim_ini ini;
    WCHAR **names = NULL;
    size_t n = 0, i, h;
    uint64_t need;
    DWORD rc;
    if (lpdwcbAddresses == NULL || lpdwcAddresses == NULL) {
        return ERROR_INVALID_PARAMETER;
    }
    rc = read_store(&ini);
    if (rc == 0 && ini.count > 0) {
        names = (WCHAR **)calloc(ini.count, sizeof(WCHAR *));
        if (names == NULL) {
            rc = ERROR_NOT_ENOUGH_MEMORY;
        }
    }
    for (h = sim_ini_next_header(&ini, 0); rc == 0 && h != SIM_INI_NONE;
         h = sim_ini_next_header(&ini, h + 1)) {
        const char *sname, *v;
        size_t slen, vlen;
        char *u8;
        sim_ini_header_name(ini.lines[h], &sname, &slen);
        if (slen <= strlen(ADDRESS_PREFIX) ||
            memcmp(sname, ADDRESS_PREFIX, strlen(ADDRESS_PREFIX)) != 0) {
            continue;
        }
        if (!sim_ini_get(&ini, h, "Name", &v, &vlen)) {
            rc = ERROR_CANNOT_OPEN_PHONEBOOK;
            break;
        }
        rc = unhex(v, vlen, &u8);
        if (rc != 0) {
            break;
        }
        names[n] = sim_u8_to_wdup(u8, strlen(u8));
        free(u8);
        if (names[n] == NULL) {
            rc = ERROR_NOT_ENOUGH_MEMORY;
        } else {
            n++;
        }
    }
    sim_ini_free(&ini);
    need = (uint64_t)n * sizeof(LPWSTR);
    for (i = 0; i < n; i++) {
        need += (sim_wlen(names[i], SIM_MAX_WSTR) + 1) * sizeof(WCHAR);
    }
    if (rc == 0 && need > 0xFFFFFFFFu) {
        rc = ERROR_NOT_ENOUGH_MEMORY;
    }
    if (rc == 0 && (need > *lpdwcbAddresses || (lppAddresses == NULL && n > 0))) {
        *lpdwcbAddresses = (DWORD)need;
        *lpdwcAddresses = (DWORD)n;
        rc = ERROR_BUFFER_TOO_SMALL;
    } else if (rc == 0 && lppAddresses != NULL) {
        WCHAR *text = (WCHAR *)(void *)((unsigned char *)lppAddresses + n * sizeof(LPWSTR));
        for (i = 0; i < n; i++) {
            size_t len = sim_wlen(names[i], SIM_MAX_WSTR) + 1;
            memcpy(text, names[i], len * sizeof(WCHAR));
            lppAddresses[i] = text;
            text += len;
        }
        *lpdwcbAddresses = (DWORD)need;
        *lpdwcAddresses = (DWORD)n;
    } else if (rc == 0) {
        *lpdwcbAddresses = 0;
        *lpdwcAddresses = 0;
    }
    for (i = 0; i < n; i++) {
        free(names[i]);
    }
    free(names);
    return rc;
}

/* ---- enable flags and parameters ---------------------------------------- */

static void
location_key(DWORD location, char key[16])
{
    snprintf(key, 16, "%lu", (unsigned long)location);
}

DWORD WINAPI
RasGetAutodialEnableW(DWORD dwDialingLocation, LPBOOL lpfEnabled)
{
    sim_ini ini;
    char key[16];
    DWORD rc, value;
    if (lpfEnabled == NULL) {
        return ERROR_INVALID_PARAMETER;
    }
    location_key(dwDialingLocation, key);
    rc = read_store(&ini);
    if (rc == 0) {
        rc = get_dword(&ini, SECTION_ENABLE, key, 0, &value);
    }
    sim_ini_free(&ini);
    if (rc == 0) {
        *lpfEnabled = value != 0;
    }
    return rc;
}

struct dword_args {
    const char *section;
    const char *key;
    DWORD value;
};

static DWORD
edit_dword(sim_ini *ini, const void *arg)
{
    const struct dword_args *a = (const struct dword_args *)arg;
    size_t h;
    DWORD rc = section(ini, a->section, 1, &h);
    return rc != 0 ? rc : set_dword(ini, h, a->key, a->value);
}

DWORD WINAPI
RasSetAutodialEnableW(DWORD dwDialingLocation, BOOL fEnabled)
{
    struct dword_args a;
    char key[16];
    location_key(dwDialingLocation, key);
    a.section = SECTION_ENABLE;
    a.key = key;
    a.value = fEnabled ? 1 : 0;
    return edit_store(edit_dword, &a);
}

DWORD WINAPI
RasGetAutodialParamW(DWORD dwKey, LPVOID lpvValue, LPDWORD lpdwcbValue)
{
    sim_ini ini;
    DWORD rc, value;
    if (dwKey >= SIM_COUNTOF(k_params) || lpvValue == NULL || lpdwcbValue == NULL) {
        return ERROR_INVALID_PARAMETER;
    }
    if (*lpdwcbValue < sizeof(DWORD)) {
        *lpdwcbValue = sizeof(DWORD);
        return ERROR_INVALID_SIZE;
    }
    rc = read_store(&ini);
    if (rc == 0) {
        rc = get_dword(&ini, SECTION_PARAMETERS, k_params[dwKey].name, k_params[dwKey].value,
                       &value);
    }
    sim_ini_free(&ini);
    if (rc == 0) {
        memcpy(lpvValue, &value, sizeof value);
        *lpdwcbValue = sizeof(DWORD);
    }
    return rc;
}

DWORD WINAPI
RasSetAutodialParamW(DWORD dwKey, LPVOID lpvValue, DWORD dwcbValue)
{
    struct dword_args a;
    if (dwKey >= SIM_COUNTOF(k_params) || lpvValue == NULL) {
        return ERROR_INVALID_PARAMETER;
    }
    if (dwcbValue != sizeof(DWORD)) {
        return ERROR_INVALID_SIZE;
    }
    a.section = SECTION_PARAMETERS;
    a.key = k_params[dwKey].name;
    memcpy(&a.value, lpvValue, sizeof a.value);
    return edit_store(edit_dword, &a);
}
