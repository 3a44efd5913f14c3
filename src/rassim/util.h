/*
 * util.h -- small helpers: secure zeroing, string copies, hex, number
 * parsing, hashing and a growable byte buffer.
 */
#ifndef RASSIM_UTIL_H
#define RASSIM_UTIL_H

#include "common.h"

/* Zeroes n bytes at p in a way the compiler cannot optimise away. */
void sim_secure_zero(void *p, size_t n);
/* Zeroes and frees a NUL-terminated secret (NULL is fine). */
void sim_free_secret(char *s);

/* New NUL-terminated copy of n bytes of s; NULL when out of memory. */
char *sim_strndup(const char *s, size_t n);
char *sim_strdup(const char *s);

/* Value of a hex digit, or -1. */
int sim_hex_digit(char c);
/* New lower-case hex string for n bytes; NULL when out of memory. */
char *sim_hex_encode(const void *data, size_t n);
/* Decodes len hex digits (even count, no separators) into a new buffer
 * (at least one byte is allocated).  SIM_OK, SIM_BAD or SIM_NOMEM. */
int sim_hex_decode(const char *s, size_t len, unsigned char **out, size_t *outlen);

/* Parses a decimal or 0x-prefixed hex DWORD occupying exactly len bytes.
 * SIM_OK or SIM_BAD. */
int sim_parse_u32(const char *s, size_t len, uint32_t *out);
/* Parses a decimal, optionally signed, 32-bit integer.  SIM_OK or SIM_BAD. */
int sim_parse_i32(const char *s, size_t len, int32_t *out);

/* FNV-1a 64-bit hash, chained from h (start with SIM_FNV_SEED). */
#define SIM_FNV_SEED 0xcbf29ce484222325ull
uint64_t sim_fnv1a(uint64_t h, const void *data, size_t n);

/* Builds a GUID from 16 bytes in memory order. */
void sim_guid_from_bytes(const unsigned char *b, GUID *guid);
/* A stable GUID derived from arbitrary data (RFC 9562 version 8 layout). */
void sim_guid_from_hash(const void *data, size_t n, GUID *guid);

/* Growable byte buffer; any failed append sets failed and keeps nothing
 * more.  data is always NUL-terminated when not NULL. */
typedef struct sim_buf {
    char *data;
    size_t len;
    size_t cap;
    int failed;
} sim_buf;

void sim_buf_add(sim_buf *b, const void *data, size_t n);
void sim_buf_adds(sim_buf *b, const char *s);
/* Releases the buffer, zeroing its contents first. */
void sim_buf_free(sim_buf *b);

#endif /* RASSIM_UTIL_H */
