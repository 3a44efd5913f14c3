/*
 * ini.c -- see ini.h.
 */
#include "common.h"
#include "ini.h"
#include "os.h"
#include "utf.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

static const char k_bom[] = "\xEF\xBB\xBF";

static int
is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* Trims spaces and tabs on both sides of [*s, *s + *len). */
static void
trim(const char **s, size_t *len)
{
    while (*len > 0 && is_blank(**s)) {
        (*s)++;
        (*len)--;
    }
    while (*len > 0 && is_blank((*s)[*len - 1])) {
        (*len)--;
    }
}

void
sim_ini_init(sim_ini *ini)
{
    memset(ini, 0, sizeof *ini);
#ifdef _WIN32
    ini->crlf = 1;
#endif
    ini->final_eol = 1;
}

/* Inserts a new line (taking ownership of text) before index at. */
static int
insert_line(sim_ini *ini, size_t at, char *text)
{
    if (ini->count == ini->cap) {
        size_t cap = ini->cap ? ini->cap * 2 : 32;
        char **lines = (char **)realloc(ini->lines, cap * sizeof(char *));
        if (lines == NULL) {
            return SIM_NOMEM;
        }
        ini->lines = lines;
        ini->cap = cap;
    }
    memmove(ini->lines + at + 1, ini->lines + at, (ini->count - at) * sizeof(char *));
    ini->lines[at] = text;
    ini->count++;
    return SIM_OK;
}

static int
insert_copy(sim_ini *ini, size_t at, const char *text, size_t len)
{
    char *copy = sim_strndup(text, len);
    if (copy == NULL) {
        return SIM_NOMEM;
    }
    if (insert_line(ini, at, copy) != SIM_OK) {
        free(copy);
        return SIM_NOMEM;
    }
    return SIM_OK;
}

/* Detects the BOM and the end-of-line style of the first line. */
static size_t
parse_prologue(sim_ini *ini, const char *data, size_t len)
{
    size_t skip = 0;
    const char *nl;
    if (len >= 3 && memcmp(data, k_bom, 3) == 0) {
        ini->bom = 1;
        skip = 3;
    }
    nl = (const char *)memchr(data + skip, '\n', len - skip);
    if (nl != NULL) {
        ini->crlf = nl > data + skip && nl[-1] == '\r';
    }
    return skip;
}

int
sim_ini_parse(sim_ini *ini, const char *data, size_t len)
{
    size_t pos;
    sim_ini_init(ini);
    if (memchr(data, '\0', len) != NULL) {
        return SIM_BAD;
    }
    pos = parse_prologue(ini, data, len);
    ini->final_eol = pos == len || data[len - 1] == '\n';
    while (pos < len) {
        const char *nl = (const char *)memchr(data + pos, '\n', len - pos);
        size_t end = nl != NULL ? (size_t)(nl - data) : len;
        size_t n = end - pos;
        if (n > 0 && data[pos + n - 1] == '\r') {
            n--;
        }
        if (insert_copy(ini, ini->count, data + pos, n) != SIM_OK) {
            sim_ini_free(ini);
            return SIM_NOMEM;
        }
        pos = nl != NULL ? end + 1 : len;
    }
    return SIM_OK;
}

int
sim_ini_load(sim_ini *ini, const char *path)
{
    char *data = NULL;
    size_t len = 0;
    int rc = sim_file_read(path, &data, &len);
    sim_ini_init(ini);
    if (rc != SIM_IO_OK) {
        return rc;
    }
    rc = sim_ini_parse(ini, data, len);
    sim_secure_zero(data, len);
    free(data);
    if (rc == SIM_OK) {
        return SIM_IO_OK;
    }
    sim_ini_free(ini);
    sim_ini_init(ini);
    return rc == SIM_NOMEM ? SIM_IO_NOMEM : SIM_IO_CORRUPT;
}

void
sim_ini_free(sim_ini *ini)
{
    size_t i;
    for (i = 0; i < ini->count; i++) {
        sim_free_secret(ini->lines[i]);
    }
    free(ini->lines);
    memset(ini, 0, sizeof *ini);
}

char *
sim_ini_serialize(const sim_ini *ini, size_t *len)
{
    sim_buf b = { 0 };
    const char *eol = ini->crlf ? "\r\n" : "\n";
    size_t i;
    sim_buf_add(&b, "", 0);
    if (ini->bom) {
        sim_buf_adds(&b, k_bom);
    }
    for (i = 0; i < ini->count; i++) {
        sim_buf_adds(&b, ini->lines[i]);
        if (i + 1 < ini->count || ini->final_eol) {
            sim_buf_adds(&b, eol);
        }
    }
    if (b.failed) {
        sim_buf_free(&b);
        return NULL;
    }
    *len = b.len;
    return b.data;
}

int
sim_ini_header_name(const char *line, const char **name, size_t *len)
{
    const char *s = line, *close;
    size_t n = strlen(line);
    trim(&s, &n);
    if (n < 2 || s[0] != '[' || s[n - 1] != ']') {
        return 0;
    }
    close = s + n - 1;
    *name = s + 1;
    *len = (size_t)(close - (s + 1));
    return 1;
}

int
sim_ini_line_kv(const char *line, const char **key, size_t *klen, const char **val, size_t *vlen)
{
    const char *s = line;
    const char *eq;
    size_t n = strlen(line);
    trim(&s, &n);
    if (n == 0 || s[0] == ';' || s[0] == '#' || s[0] == '[') {
        return 0;
    }
    eq = (const char *)memchr(s, '=', n);
    if (eq == NULL) {
        return 0;
    }
    *key = s;
    *klen = (size_t)(eq - s);
    trim(key, klen);
    *val = eq + 1;
    *vlen = n - (size_t)(eq + 1 - s);
    trim(val, vlen);
    return *klen > 0;
}

size_t
sim_ini_next_header(const sim_ini *ini, size_t from)
{
    const char *name;
    size_t len;
    for (; from < ini->count; from++) {
        if (sim_ini_header_name(ini->lines[from], &name, &len)) {
            return from;
        }
    }
    return SIM_INI_NONE;
}

size_t
sim_ini_section_end(const sim_ini *ini, size_t header)
{
    size_t next = sim_ini_next_header(ini, header + 1);
    return next == SIM_INI_NONE ? ini->count : next;
}

size_t
sim_ini_find_section(const sim_ini *ini, const char *name, size_t len)
{
    size_t h;
    const char *hn;
    size_t hlen;
    for (h = sim_ini_next_header(ini, 0); h != SIM_INI_NONE; h = sim_ini_next_header(ini, h + 1)) {
        if (sim_ini_header_name(ini->lines[h], &hn, &hlen) && sim_u8_ieq(hn, hlen, name, len)) {
            return h;
        }
    }
    return SIM_INI_NONE;
}

/* Index of the first `key=` line in the section, or NONE. */
static size_t
find_key(const sim_ini *ini, size_t header, const char *key)
{
    size_t i, end = sim_ini_section_end(ini, header), klen, vlen;
    const char *k, *v;
    size_t want = strlen(key);
    for (i = header + 1; i < end; i++) {
        if (sim_ini_line_kv(ini->lines[i], &k, &klen, &v, &vlen) && klen == want &&
            memcmp(k, key, want) == 0) {
            return i;
        }
    }
    return SIM_INI_NONE;
}

int
sim_ini_get(const sim_ini *ini, size_t header, const char *key, const char **val, size_t *vlen)
{
    size_t i = find_key(ini, header, key), klen;
    const char *k;
    if (i == SIM_INI_NONE) {
        return 0;
    }
    return sim_ini_line_kv(ini->lines[i], &k, &klen, val, vlen);
}

int
sim_ini_get_dup(const sim_ini *ini, size_t header, const char *key, char **out)
{
    const char *v;
    size_t vlen;
    *out = NULL;
    if (!sim_ini_get(ini, header, key, &v, &vlen)) {
        return SIM_OK;
    }
    *out = sim_strndup(v, vlen);
    return *out != NULL ? SIM_OK : SIM_NOMEM;
}

static int
has_line_break(const char *s)
{
    return strpbrk(s, "\r\n") != NULL;
}

/* Where a new key goes: before before_key, else after the last non-blank
 * line of the section. */
static size_t
insertion_point(const sim_ini *ini, size_t header, const char *before_key)
{
    size_t at = before_key != NULL ? find_key(ini, header, before_key) : SIM_INI_NONE;
    if (at != SIM_INI_NONE) {
        return at;
    }
    at = sim_ini_section_end(ini, header);
    while (at > header + 1 && ini->lines[at - 1][strspn(ini->lines[at - 1], " \t")] == '\0') {
        at--;
    }
    return at;
}

int
sim_ini_set(sim_ini *ini, size_t header, const char *key, const char *value, const char *before_key)
{
    sim_buf b = { 0 };
    size_t at;
    if (key[0] == '\0' || key[0] == '[' || key[0] == ';' || key[0] == '#' ||
        strchr(key, '=') != NULL || has_line_break(key) || has_line_break(value)) {
        return SIM_BAD;
    }
    sim_buf_adds(&b, key);
    sim_buf_adds(&b, "=");
    sim_buf_adds(&b, value);
    if (b.failed) {
        return SIM_NOMEM;
    }
    at = find_key(ini, header, key);
    if (at != SIM_INI_NONE) {
        sim_free_secret(ini->lines[at]);
        ini->lines[at] = b.data;
        return SIM_OK;
    }
    at = insertion_point(ini, header, before_key);
    if (at == ini->count) {
        ini->final_eol = 1;
    }
    if (insert_line(ini, at, b.data) != SIM_OK) {
        sim_buf_free(&b);
        return SIM_NOMEM;
    }
    return SIM_OK;
}

static void
remove_line(sim_ini *ini, size_t at)
{
    sim_free_secret(ini->lines[at]);
    memmove(ini->lines + at, ini->lines + at + 1, (ini->count - at - 1) * sizeof(char *));
    ini->count--;
}

size_t
sim_ini_remove(sim_ini *ini, size_t header, const char *key)
{
    size_t removed = 0, at;
    while ((at = find_key(ini, header, key)) != SIM_INI_NONE) {
        remove_line(ini, at);
        removed++;
    }
    return removed;
}

/* "[name]" as a new line; SIM_BAD for an empty name or one with a line break. */
static int
header_line(const char *name, char **line)
{
    sim_buf b = { 0 };
    if (name[0] == '\0' || has_line_break(name)) {
        return SIM_BAD;
    }
    sim_buf_adds(&b, "[");
    sim_buf_adds(&b, name);
    sim_buf_adds(&b, "]");
    if (b.failed) {
        return SIM_NOMEM;
    }
    *line = b.data;
    return SIM_OK;
}

int
sim_ini_add_section(sim_ini *ini, const char *name, size_t *header)
{
    char *line;
    size_t at = ini->count;
    int rc = header_line(name, &line);
    if (rc != SIM_OK) {
        return rc;
    }
    if (at > 0 && ini->lines[at - 1][0] != '\0') {
        if (insert_copy(ini, at, "", 0) != SIM_OK) {
            free(line);
            return SIM_NOMEM;
        }
        at++;
    }
    if (insert_line(ini, at, line) != SIM_OK) {
        free(line);
        return SIM_NOMEM;
    }
    ini->final_eol = 1;
    *header = at;
    return SIM_OK;
}

int
sim_ini_rename_section(sim_ini *ini, size_t header, const char *name)
{
    char *line;
    int rc = header_line(name, &line);
    if (rc != SIM_OK) {
        return rc;
    }
    free(ini->lines[header]);
    ini->lines[header] = line;
    return SIM_OK;
}

void
sim_ini_remove_section(sim_ini *ini, size_t header)
{
    size_t end = sim_ini_section_end(ini, header);
    while (end > header) {
        remove_line(ini, --end);
    }
}

/* "key=value" as a new string, or SIM_BAD / SIM_NOMEM. */
static int
kv_line(const char *key, const char *value, char **line)
{
    sim_buf b = { 0 };
    if (key[0] == '\0' || key[0] == '[' || key[0] == ';' || key[0] == '#' ||
        strchr(key, '=') != NULL || has_line_break(key) || has_line_break(value)) {
        return SIM_BAD;
    }
    sim_buf_adds(&b, key);
    sim_buf_adds(&b, "=");
    sim_buf_adds(&b, value);
    if (b.failed) {
        return SIM_NOMEM;
    }
    *line = b.data;
    return SIM_OK;
}

int
sim_ini_insert_kv(sim_ini *ini, size_t at, const char *key, const char *value)
{
    char *line;
    int rc = kv_line(key, value, &line);
    if (rc != SIM_OK) {
        return rc;
    }
    if (at > ini->count) {
        at = ini->count;
    }
    if (at == ini->count) {
        ini->final_eol = 1;
    }
    if (insert_line(ini, at, line) != SIM_OK) {
        sim_free_secret(line);
        return SIM_NOMEM;
    }
    return SIM_OK;
}

int
sim_ini_replace_kv(sim_ini *ini, size_t at, const char *key, const char *value)
{
    char *line;
    int rc = kv_line(key, value, &line);
    if (rc != SIM_OK) {
        return rc;
    }
    sim_free_secret(ini->lines[at]);
    ini->lines[at] = line;
    return SIM_OK;
}

void
sim_ini_delete_line(sim_ini *ini, size_t at)
{
    if (at < ini->count) {
        remove_line(ini, at);
    }
}

DWORD
sim_ini_lock(const char *path, sim_file_lock *lock)
{
    switch (sim_file_lock_take(path, lock)) {
    case SIM_OK:
    case SIM_LOCK_NOFILE:
        return 0;
    case SIM_NOMEM:
        return ERROR_NOT_ENOUGH_MEMORY;
    default:
        return ERROR_CANNOT_WRITE_PHONEBOOK;
    }
}

DWORD
sim_ini_save(const sim_ini *ini, const char *path, int secret)
{
    size_t len;
    char *text = sim_ini_serialize(ini, &len);
    int rc;
    if (text == NULL) {
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    rc = sim_file_write_atomic(path, text, len, secret);
    if (secret) {
        sim_secure_zero(text, len);
    }
    free(text);
    return rc == 0 ? 0 : ERROR_CANNOT_WRITE_PHONEBOOK;
}
