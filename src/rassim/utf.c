/*
 * utf.c -- see utf.h.
 */
#include "common.h"
#include "utf.h"

#include <stdlib.h>
#include <string.h>

#define SIM_REPLACEMENT 0xFFFDu

size_t
sim_wlen(const WCHAR *s, size_t max)
{
    size_t n = 0;
    while (n < max && s[n] != 0) {
        n++;
    }
    return n;
}

int
sim_wfield_ok(const WCHAR *field, size_t cap)
{
    return sim_wlen(field, cap) < cap;
}

static int
is_cont(unsigned char c)
{
    return (c & 0xC0u) == 0x80u;
}

/* Checks the continuation bytes of a multi-byte sequence and its range. */
static size_t
decode_multi(const unsigned char *s, size_t len, size_t n, uint32_t min, uint32_t *cp)
{
    uint32_t v = s[0] & (0x7Fu >> n);
    size_t i;
    if (len < n) {
        return 0;
    }
    for (i = 1; i < n; i++) {
        if (!is_cont(s[i])) {
            return 0;
        }
        v = (v << 6) | (s[i] & 0x3Fu);
    }
    if (v < min || v > 0x10FFFFu) {
        return 0;
    }
    *cp = v;
    return n;
}

size_t
sim_u8_decode(const char *str, size_t len, uint32_t *cp)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t used = 0;
    if (s[0] < 0x80u) {
        *cp = s[0];
        return 1;
    }
    if ((s[0] & 0xE0u) == 0xC0u) {
        used = decode_multi(s, len, 2, 0x80u, cp);
    } else if ((s[0] & 0xF0u) == 0xE0u) {
        used = decode_multi(s, len, 3, 0x800u, cp);
    } else if ((s[0] & 0xF8u) == 0xF0u) {
        used = decode_multi(s, len, 4, 0x10000u, cp);
    }
    if (used == 0) {
        *cp = SIM_REPLACEMENT;
        return 1;
    }
    return used;
}

/* Encodes cp (any value up to 0x10FFFF, surrogates included) as UTF-8. */
static size_t
u8_encode(uint32_t cp, char *out)
{
    if (cp < 0x80u) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800u) {
        out[0] = (char)(0xC0u | (cp >> 6));
        out[1] = (char)(0x80u | (cp & 0x3Fu));
        return 2;
    }
    if (cp < 0x10000u) {
        out[0] = (char)(0xE0u | (cp >> 12));
        out[1] = (char)(0x80u | ((cp >> 6) & 0x3Fu));
        out[2] = (char)(0x80u | (cp & 0x3Fu));
        return 3;
    }
    out[0] = (char)(0xF0u | (cp >> 18));
    out[1] = (char)(0x80u | ((cp >> 12) & 0x3Fu));
    out[2] = (char)(0x80u | ((cp >> 6) & 0x3Fu));
    out[3] = (char)(0x80u | (cp & 0x3Fu));
    return 4;
}

/* Decodes one code point of UTF-16 (pairs joined, lone surrogates kept). */
static size_t
w_decode(const WCHAR *s, size_t len, uint32_t *cp)
{
    uint32_t hi = s[0];
    if (hi >= 0xD800u && hi <= 0xDBFFu && len > 1 && s[1] >= 0xDC00u && s[1] <= 0xDFFFu) {
        *cp = 0x10000u + ((hi - 0xD800u) << 10) + (s[1] - 0xDC00u);
        return 2;
    }
    *cp = hi;
    return 1;
}

size_t
sim_u8_wlen(const char *s, size_t len)
{
    size_t pos = 0, units = 0;
    uint32_t cp;
    while (pos < len) {
        pos += sim_u8_decode(s + pos, len - pos, &cp);
        units += cp >= 0x10000u ? 2 : 1;
    }
    return units;
}

char *
sim_w_to_u8(const WCHAR *s, size_t len)
{
    char *out = (char *)malloc(len * 3 + 1);
    size_t pos = 0, used = 0;
    uint32_t cp;
    if (out == NULL) {
        return NULL;
    }
    while (pos < len) {
        pos += w_decode(s + pos, len - pos, &cp);
        used += u8_encode(cp, out + used);
    }
    out[used] = '\0';
    return out;
}

/* Writes cp as UTF-16 at out[*used] if it fits in limit units. */
static int
w_put(uint32_t cp, WCHAR *out, size_t *used, size_t limit)
{
    if (cp >= 0x10000u) {
        if (*used + 2 > limit) {
            return 0;
        }
        out[(*used)++] = (WCHAR)(0xD800u + ((cp - 0x10000u) >> 10));
        out[(*used)++] = (WCHAR)(0xDC00u + ((cp - 0x10000u) & 0x3FFu));
        return 1;
    }
    if (*used + 1 > limit) {
        return 0;
    }
    out[(*used)++] = (WCHAR)cp;
    return 1;
}

int
sim_u8_to_wbuf(const char *s, size_t len, WCHAR *out, size_t cap)
{
    size_t pos = 0, used = 0;
    uint32_t cp;
    int truncated = 0;
    while (pos < len) {
        pos += sim_u8_decode(s + pos, len - pos, &cp);
        if (!w_put(cp, out, &used, cap - 1)) {
            truncated = 1;
            break;
        }
    }
    out[used] = 0;
    return truncated;
}

WCHAR *
sim_u8_to_wdup(const char *s, size_t len)
{
    size_t units = sim_u8_wlen(s, len);
    WCHAR *out = (WCHAR *)malloc((units + 1) * sizeof(WCHAR));
    if (out != NULL) {
        sim_u8_to_wbuf(s, len, out, units + 1);
    }
    return out;
}

/* Upper-case ranges: [lo, hi] maps to +delta; with alternate set, only code
 * points of the same parity as lo are upper case. */
static const struct {
    uint32_t lo, hi, delta;
    int alternate;
} k_fold_ranges[] = {
    { 0x0041, 0x005A, 32, 0 }, { 0x00C0, 0x00D6, 32, 0 }, { 0x00D8, 0x00DE, 32, 0 },
    { 0x0100, 0x012F, 1, 1 },  { 0x0132, 0x0137, 1, 1 },  { 0x0139, 0x0148, 1, 1 },
    { 0x014A, 0x0177, 1, 1 },  { 0x0179, 0x017E, 1, 1 },  { 0x0391, 0x03A1, 32, 0 },
    { 0x03A3, 0x03AB, 32, 0 }, { 0x0400, 0x040F, 80, 0 }, { 0x0410, 0x042F, 32, 0 },
    { 0x0460, 0x0481, 1, 1 },  { 0x048A, 0x04BF, 1, 1 },  { 0xFF21, 0xFF3A, 32, 0 },
};

uint32_t
sim_fold(uint32_t cp)
{
    size_t i;
    if (cp == 0x0178) {
        return 0x00FF;
    }
    for (i = 0; i < SIM_COUNTOF(k_fold_ranges); i++) {
        if (cp < k_fold_ranges[i].lo || cp > k_fold_ranges[i].hi) {
            continue;
        }
        if (k_fold_ranges[i].alternate && ((cp - k_fold_ranges[i].lo) & 1u)) {
            return cp;
        }
        return cp + k_fold_ranges[i].delta;
    }
    return cp;
}

int
sim_u8_ieq(const char *a, size_t alen, const char *b, size_t blen)
{
    size_t i = 0, j = 0;
    uint32_t ca, cb;
    while (i < alen && j < blen) {
        i += sim_u8_decode(a + i, alen - i, &ca);
        j += sim_u8_decode(b + j, blen - j, &cb);
        if (sim_fold(ca) != sim_fold(cb)) {
            return 0;
        }
    }
    return i == alen && j == blen;
}

char *
sim_u8_fold_dup(const char *s, size_t len)
{
    char *out = (char *)malloc(len * 3 + 1);
    size_t pos = 0, used = 0;
    uint32_t cp;
    if (out == NULL) {
        return NULL;
    }
    while (pos < len) {
        pos += sim_u8_decode(s + pos, len - pos, &cp);
        used += u8_encode(sim_fold(cp), out + used);
    }
    out[used] = '\0';
    return out;
}

/* New UTF-8 copy of a string argument (NULL or unterminated is invalid). */
DWORD
sim_arg_to_u8(LPCWSTR s, char **out)
{
    size_t len;
    *out = NULL;
    if (s == NULL) {
        return ERROR_INVALID_PARAMETER;
    }
    len = sim_wlen(s, SIM_MAX_WSTR);
    if (len == SIM_MAX_WSTR) {
        return ERROR_INVALID_PARAMETER;
    }
    *out = sim_w_to_u8(s, len);
    return *out != NULL ? 0 : ERROR_NOT_ENOUGH_MEMORY;
}

/* New UTF-8 copy of a fixed-size field (no terminator inside it: invalid). */
DWORD
sim_field_to_u8(const WCHAR *field, size_t cap, char **out)
{
    size_t len = sim_wlen(field, cap);
    *out = NULL;
    if (len == cap) {
        return ERROR_INVALID_PARAMETER;
    }
    *out = sim_w_to_u8(field, len);
    return *out != NULL ? 0 : ERROR_NOT_ENOUGH_MEMORY;
}

void
sim_text_to_field(const char *text, WCHAR *field, size_t cap)
{
    sim_u8_to_wbuf(text, strlen(text), field, cap);
}
