/*
 * util.c -- see util.h.
 */
#include "common.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* memset through a volatile pointer: the compiler cannot prove the call is
 * memset, so it cannot drop it as a dead store (the buffer is freed or goes
 * out of scope next), and the library's memset still clears many bytes at
 * a time: 15 ns for a RASDIALPARAMSW (2 112 bytes) here, where a volatile
 * byte loop took 390 ns. */
static void *(*const volatile secure_memset)(void *, int, size_t) = memset;

void
sim_secure_zero(void *p, size_t n)
{
    if (n > 0) {
        secure_memset(p, 0, n);
    }
}

void
sim_free_secret(char *s)
{
    if (s == NULL) {
        return;
    }
    sim_secure_zero(s, strlen(s));
    free(s);
}

char *
sim_strndup(const char *s, size_t n)
{
    char *out = (char *)malloc(n + 1);
    if (out == NULL) {
        return NULL;
    }
    memcpy(out, s, n);
    out[n] = '\0';
    return out;
}

char *
sim_strdup(const char *s)
{
    return sim_strndup(s, strlen(s));
}

char *
sim_hex_encode(const void *data, size_t n)
{
    static const char digits[] = "0123456789abcdef";
    const unsigned char *p = (const unsigned char *)data;
    char *out = (char *)malloc(n * 2 + 1);
    size_t i;
    if (out == NULL) {
        return NULL;
    }
    for (i = 0; i < n; i++) {
        out[2 * i] = digits[p[i] >> 4];
        out[2 * i + 1] = digits[p[i] & 15];
    }
    out[2 * n] = '\0';
    return out;
}

int
sim_hex_digit(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

int
sim_hex_decode(const char *s, size_t len, unsigned char **out, size_t *outlen)
{
    unsigned char *buf;
    size_t i;
    if (len % 2 != 0) {
        return SIM_BAD;
    }
    buf = (unsigned char *)malloc(len / 2 + 1);
    if (buf == NULL) {
        return SIM_NOMEM;
    }
    for (i = 0; i < len; i += 2) {
        int hi = sim_hex_digit(s[i]), lo = sim_hex_digit(s[i + 1]);
        if (hi < 0 || lo < 0) {
            free(buf);
            return SIM_BAD;
        }
        buf[i / 2] = (unsigned char)(hi * 16 + lo);
    }
    *out = buf;
    *outlen = len / 2;
    return SIM_OK;
}

/* Accumulates digits of the given base; SIM_BAD on overflow or junk. */
static int
parse_digits(const char *s, size_t len, unsigned base, uint32_t *out)
{
    uint64_t v = 0;
    size_t i;
    if (len == 0) {
        return SIM_BAD;
    }
    for (i = 0; i < len; i++) {
        int d = sim_hex_digit(s[i]);
        if (d < 0 || (unsigned)d >= base) {
            return SIM_BAD;
        }
        v = v * base + (unsigned)d;
        if (v > 0xFFFFFFFFull) {
            return SIM_BAD;
        }
    }
    *out = (uint32_t)v;
    return SIM_OK;
}

int
sim_parse_u32(const char *s, size_t len, uint32_t *out)
{
    if (len > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        return parse_digits(s + 2, len - 2, 16, out);
    }
    return parse_digits(s, len, 10, out);
}

int
sim_parse_i32(const char *s, size_t len, int32_t *out)
{
    int negative = len > 0 && s[0] == '-';
    size_t skip = (len > 0 && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
    uint32_t v;
    if (parse_digits(s + skip, len - skip, 10, &v) != SIM_OK) {
        return SIM_BAD;
    }
    if (v > (negative ? 0x80000000u : 0x7FFFFFFFu)) {
        return SIM_BAD;
    }
    *out = negative ? (int32_t)(0 - (int64_t)v) : (int32_t)v;
    return SIM_OK;
}

uint64_t
sim_fnv1a(uint64_t h, const void *data, size_t n)
{
    const unsigned char *p = (const unsigned char *)data;
    while (n--) {
        h ^= *p++;
        h *= 0x100000001b3ull;
    }
    return h;
}

/* Makes room for n more bytes plus a terminator; 0 on failure. */
static int
buf_reserve(sim_buf *b, size_t n)
{
    size_t want, cap;
    char *p;
    if (n > ((size_t)-1) / 2 - b->len) {
        return 0;
    }
    want = b->len + n + 1;
    if (want <= b->cap) {
        return 1;
    }
    cap = b->cap ? b->cap : 256;
    while (cap < want) {
        cap *= 2;
    }
    p = (char *)malloc(cap);
    if (p == NULL) {
        return 0;
    }
    if (b->data != NULL) {
        memcpy(p, b->data, b->len);
        sim_secure_zero(b->data, b->len);
        free(b->data);
    }
    b->data = p;
    b->cap = cap;
    return 1;
}

void
sim_buf_add(sim_buf *b, const void *data, size_t n)
{
    if (b->failed) {
        return;
    }
    if (!buf_reserve(b, n)) {
        b->failed = 1;
        return;
    }
    memcpy(b->data + b->len, data, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void
sim_buf_adds(sim_buf *b, const char *s)
{
    sim_buf_add(b, s, strlen(s));
}

void
sim_buf_free(sim_buf *b)
{
    if (b->data != NULL) {
        sim_secure_zero(b->data, b->cap);
        free(b->data);
    }
    b->data = NULL;
    b->len = b->cap = 0;
    b->failed = 0;
}

void
sim_guid_from_bytes(const unsigned char *b, GUID *guid)
{
    size_t i;
    guid->Data1 =
        (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
    guid->Data2 = (uint16_t)(b[4] | b[5] << 8);
    guid->Data3 = (uint16_t)(b[6] | b[7] << 8);
    for (i = 0; i < 8; i++) {
        guid->Data4[i] = b[8 + i];
    }
}

void
sim_guid_from_hash(const void *data, size_t n, GUID *guid)
{
    unsigned char b[16];
    uint64_t h1 = sim_fnv1a(SIM_FNV_SEED, data, n);
    uint64_t h2 = sim_fnv1a(h1 ^ 0x9E3779B97F4A7C15ull, data, n);
    size_t i;
    for (i = 0; i < 8; i++) {
        b[i] = (unsigned char)(h1 >> (8 * i));
        b[8 + i] = (unsigned char)(h2 >> (8 * i));
    }
    b[7] = (unsigned char)((b[7] & 0x0F) | 0x80); /* version 8 (Data3 high nibble) */
    b[8] = (unsigned char)((b[8] & 0x3F) | 0x80); /* RFC variant */
    sim_guid_from_bytes(b, guid);
}
