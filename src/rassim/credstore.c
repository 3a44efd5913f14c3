/*
 * credstore.c -- see credstore.h.
 */
#include "common.h"
#include "credstore.h"
#include "ini.h"
#include "os.h"
#include "thread.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* Serialises read-modify-write cycles of the stores within the process. */
static sim_once g_once = SIM_ONCE_INIT;
static sim_mutex g_lock;

static void
creds_init(void)
{
    sim_mutex_init(&g_lock);
}

/* The stored fields: key name and place in sim_creds. */
static const struct {
    const char *key;
    size_t offset;
} k_fields[] = {
    { "User", offsetof(sim_creds, user) },
    { "Password", offsetof(sim_creds, password) },
    { "Domain", offsetof(sim_creds, domain) },
    { "CallbackNumber", offsetof(sim_creds, callback) },
};

static char **
field(sim_creds *c, size_t i)
{
    return (char **)(void *)((char *)c + k_fields[i].offset);
}

static const char *
field_value(const sim_creds *c, size_t i)
{
    return *(char *const *)(const void *)((const char *)c + k_fields[i].offset);
}

static char *
store_path_of(const char *pbk_path)
{
    sim_buf b = { 0 };
    sim_buf_adds(&b, pbk_path);
    sim_buf_adds(&b, ".cred");
    return b.failed ? NULL : b.data;
}

/* Reads the store into ini (empty when missing). */
static DWORD
read_store(const char *path, sim_ini *ini)
{
    int io = sim_ini_load(ini, path);
    if (io == SIM_IO_OK || io == SIM_IO_MISSING) {
        return 0;
    }
    return io == SIM_IO_NOMEM ? ERROR_NOT_ENOUGH_MEMORY : ERROR_CANNOT_OPEN_PHONEBOOK;
}

/* Decodes one hex value of the section into *out (untouched if absent). */
static DWORD
decode_value(const sim_ini *ini, size_t h, const char *key, char **out)
{
    const char *v;
    size_t vlen, n;
    unsigned char *bytes;
    int rc;
    if (!sim_ini_get(ini, h, key, &v, &vlen)) {
        return 0;
    }
    rc = sim_hex_decode(v, vlen, &bytes, &n);
    if (rc != SIM_OK) {
        return rc == SIM_NOMEM ? ERROR_NOT_ENOUGH_MEMORY : ERROR_CANNOT_OPEN_PHONEBOOK;
    }
    bytes[n] = '\0';
    if (memchr(bytes, '\0', n) != NULL) {
        sim_secure_zero(bytes, n);
        free(bytes);
        return ERROR_CANNOT_OPEN_PHONEBOOK;
    }
    *out = (char *)bytes;
    return 0;
}

static DWORD
decode_section(const sim_ini *ini, size_t h, sim_creds *out)
{
    size_t i;
    DWORD rc = 0;
    for (i = 0; i < SIM_COUNTOF(k_fields) && rc == 0; i++) {
        rc = decode_value(ini, h, k_fields[i].key, field(out, i));
    }
    return rc;
}

/* Reads the store of the phonebook at pbk_path (under the lock) and finds
 * section in it: *h is SIM_INI_NONE when there is no phonebook path, no
 * store or no such section.  *ini is to be freed in every case. */
static DWORD
read_section(const char *pbk_path, const char *section, sim_ini *ini, size_t *h)
{
    DWORD rc;
    char *path;
    sim_ini_init(ini);
    *h = SIM_INI_NONE;
    if (pbk_path[0] == '\0') {
        return 0;
    }
    path = store_path_of(pbk_path);
    if (path == NULL) {
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    sim_call_once(&g_once, creds_init);
    sim_mutex_lock(&g_lock);
    rc = read_store(path, ini);
    sim_mutex_unlock(&g_lock);
    free(path);
    if (rc == 0) {
        *h = sim_ini_find_section(ini, section, strlen(section));
    }
    return rc;
}

DWORD
sim_creds_load(const sim_pbk *pbk, const char *entry, sim_creds *out)
{
    sim_ini ini;
    size_t h;
    DWORD rc;
    memset(out, 0, sizeof *out);
    rc = read_section(pbk->path, entry, &ini, &h);
    if (h != SIM_INI_NONE) {
        rc = decode_section(&ini, h, out);
    }
    sim_ini_free(&ini);
    if (rc != 0) {
        sim_creds_clear(out);
    }
    return rc;
}

/* Stores value (hex-encoded) under key in section h. */
static DWORD
put_value(sim_ini *ini, size_t h, const char *key, const char *value)
{
    char *hex = sim_hex_encode(value, strlen(value));
    int rc;
    if (hex == NULL) {
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    rc = sim_ini_set(ini, h, key, hex, NULL);
    sim_free_secret(hex);
    return rc == SIM_OK ? 0 : ERROR_NOT_ENOUGH_MEMORY;
}

static DWORD
apply_update(sim_ini *ini, const char *entry, const sim_creds *set, int remove_password)
{
    size_t h = sim_ini_find_section(ini, entry, strlen(entry)), i;
    DWORD rc = 0;
    if (h == SIM_INI_NONE && sim_ini_add_section(ini, entry, &h) != SIM_OK) {
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    for (i = 0; i < SIM_COUNTOF(k_fields) && rc == 0; i++) {
        const char *value = field_value(set, i);
        if (value != NULL) {
            rc = put_value(ini, h, k_fields[i].key, value);
        }
    }
    if (rc == 0 && remove_password) {
        sim_ini_remove(ini, h, "Password");
    }
    return rc;
}

static DWORD
write_store(const char *path, const sim_ini *ini)
{
    return sim_ini_save(ini, path, 1);
}

/* One read-modify-write cycle of the store under g_lock and the store's
 * cross-process lock (sim_ini_lock): edit() changes the
 * document (returns 0, an error code, or SIM_CREDS_UNCHANGED to skip the
 * write).  A phonebook without a path gives `no_path`. */
#define SIM_CREDS_UNCHANGED ((DWORD) - 1)
typedef DWORD (*store_edit_fn)(sim_ini *ini, const void *arg);

static DWORD
edit_store(const char *pbk_path, DWORD no_path, store_edit_fn edit, const void *arg)
{
    sim_ini ini;
    sim_file_lock lock;
    DWORD rc;
    char *path;
    if (pbk_path[0] == '\0') {
        return no_path;
    }
    path = store_path_of(pbk_path);
    if (path == NULL) {
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    sim_call_once(&g_once, creds_init);
    sim_mutex_lock(&g_lock);
    sim_ini_init(&ini);
    rc = sim_ini_lock(path, &lock); /* other processes: store.cred.lock */
    if (rc == 0) {
        sim_ini_free(&ini);
        rc = read_store(path, &ini);
    }
    if (rc == 0) {
        rc = edit(&ini, arg);
    }
    if (rc == 0) {
        rc = write_store(path, &ini);
    } else if (rc == SIM_CREDS_UNCHANGED) {
        rc = 0;
    }
    sim_file_lock_release(&lock);
    sim_mutex_unlock(&g_lock);
    sim_ini_free(&ini);
    free(path);
    return rc;
}

struct update_args {
    const char *entry;
    const sim_creds *set;
    int remove_password;
};

static DWORD
edit_update(sim_ini *ini, const void *arg)
{
    const struct update_args *a = arg;
    return apply_update(ini, a->entry, a->set, a->remove_password);
}

DWORD
sim_creds_update(const sim_pbk *pbk, const char *entry, const sim_creds *set, int remove_password)
{
    struct update_args a;
    a.entry = entry;
    a.set = set;
    a.remove_password = remove_password;
    return edit_store(pbk->path, ERROR_CANNOT_WRITE_PHONEBOOK, edit_update, &a);
}

struct move_args {
    const char *entry;
    const char *new_name;
};

static DWORD
edit_move(sim_ini *ini, const void *arg)
{
    const struct move_args *a = arg;
    size_t h = sim_ini_find_section(ini, a->entry, strlen(a->entry));
    if (h == SIM_INI_NONE) {
        return SIM_CREDS_UNCHANGED;
    }
    if (a->new_name == NULL) {
        sim_ini_remove_section(ini, h);
        return 0;
    }
    return sim_ini_rename_section(ini, h, a->new_name) == SIM_OK ? 0 : ERROR_NOT_ENOUGH_MEMORY;
}

DWORD
sim_creds_move(const sim_pbk *pbk, const char *entry, const char *new_name)
{
    struct move_args a;
    a.entry = entry;
    a.new_name = new_name;
    return edit_store(pbk->path, 0, edit_move, &a);
}

void
sim_creds_clear(sim_creds *c)
{
    size_t i;
    for (i = 0; i < SIM_COUNTOF(k_fields); i++) {
        char **f = field(c, i);
        sim_free_secret(*f);
        *f = NULL;
    }
}

/* ---- any key of a section ------------------------------------------------ */

void
sim_blob_clear(sim_blob *b, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        if (b[i].data != NULL) {
            sim_secure_zero(b[i].data, b[i].len);
            free(b[i].data);
        }
        b[i].data = NULL;
        b[i].len = 0;
        b[i].present = 0;
    }
}

/* Decodes one hex value of the section (NUL bytes allowed). */
static DWORD
decode_blob(const sim_ini *ini, size_t h, const char *key, sim_blob *out)
{
    const char *v;
    size_t vlen;
    int rc;
    if (!sim_ini_get(ini, h, key, &v, &vlen)) {
        return 0;
    }
    rc = sim_hex_decode(v, vlen, &out->data, &out->len);
    if (rc != SIM_OK) {
        return rc == SIM_NOMEM ? ERROR_NOT_ENOUGH_MEMORY : ERROR_CANNOT_OPEN_PHONEBOOK;
    }
    out->data[out->len] = 0;
    out->present = 1;
    return 0;
}

DWORD
sim_store_read(const char *pbk_path, const char *section, const char *const *keys, size_t n,
               sim_blob *out)
{
    sim_ini ini;
    size_t h, i;
    DWORD rc;
    memset(out, 0, n * sizeof *out);
    rc = read_section(pbk_path, section, &ini, &h);
    for (i = 0; h != SIM_INI_NONE && i < n && rc == 0; i++) {
        rc = decode_blob(&ini, h, keys[i], &out[i]);
    }
    sim_ini_free(&ini);
    if (rc != 0) {
        sim_blob_clear(out, n);
    }
    return rc;
}

struct put_args {
    const char *section;
    const sim_store_put *puts;
    size_t n;
};

static DWORD
edit_put(sim_ini *ini, const void *arg)
{
    const struct put_args *a = arg;
    size_t h = sim_ini_find_section(ini, a->section, strlen(a->section)), i;
    DWORD rc = 0;
    if (h == SIM_INI_NONE && sim_ini_add_section(ini, a->section, &h) != SIM_OK) {
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    for (i = 0; i < a->n && rc == 0; i++) {
        const sim_store_put *p = &a->puts[i];
        char *hex;
        int set;
        if (p->remove) {
            sim_ini_remove(ini, h, p->key);
            continue;
        }
        hex = sim_hex_encode(p->data, p->len);
        if (hex == NULL) {
            return ERROR_NOT_ENOUGH_MEMORY;
        }
        set = sim_ini_set(ini, h, p->key, hex, NULL);
        sim_free_secret(hex);
        rc = set == SIM_OK ? 0 : ERROR_NOT_ENOUGH_MEMORY;
    }
    return rc;
}

DWORD
sim_store_write(const char *pbk_path, const char *section, const sim_store_put *puts, size_t n)
{
    struct put_args a;
    a.section = section;
    a.puts = puts;
    a.n = n;
    return edit_store(pbk_path, ERROR_CANNOT_WRITE_PHONEBOOK, edit_put, &a);
}

int
sim_is_password_handle(const WCHAR *pw)
{
    static const char handle[] = SIM_CREDS_PASSWORD_HANDLE;
    size_t i;
    for (i = 0; i < sizeof handle - 1; i++) {
        if (pw[i] != (WCHAR)handle[i]) {
            return 0;
        }
    }
    return pw[i] == 0;
}
