/*
 * utf.h -- UTF-16 <-> UTF-8 helpers.  WCHAR is always a 16-bit UTF-16
 * code unit.  Internally the simulator keeps strings as UTF-8; unpaired
 * surrogates are carried through as their 3-byte encodings (WTF-8) so that
 * any UTF-16 string round-trips exactly.  Invalid UTF-8 bytes decode as
 * U+FFFD.
 */
#ifndef RASSIM_UTF_H
#define RASSIM_UTF_H

#include "common.h"

/* Longest LPCWSTR argument scanned for its terminator (path-sized). */
#define SIM_MAX_WSTR 32768

/* Length of s in units, scanning at most max units; returns max when no NUL
 * is found within max units. */
size_t sim_wlen(const WCHAR *s, size_t max);
/* Non-zero when the fixed array field of cap units holds a terminator. */
int sim_wfield_ok(const WCHAR *field, size_t cap);

/* Decodes one code point of (WTF-)UTF-8 at s (len > 0 bytes); returns the
 * number of bytes consumed (at least 1). */
size_t sim_u8_decode(const char *s, size_t len, uint32_t *cp);
/* Number of UTF-16 units needed for len bytes of UTF-8. */
size_t sim_u8_wlen(const char *s, size_t len);

/* New NUL-terminated UTF-8 copy of len units of s; NULL when out of memory. */
char *sim_w_to_u8(const WCHAR *s, size_t len);
/* Converts len bytes of UTF-8 into out (cap units, cap > 0), always
 * terminated, never splitting a surrogate pair.  Returns non-zero when the
 * text did not fit and was truncated. */
int sim_u8_to_wbuf(const char *s, size_t len, WCHAR *out, size_t cap);
/* New NUL-terminated UTF-16 copy; NULL when out of memory. */
WCHAR *sim_u8_to_wdup(const char *s, size_t len);

/* Simple case folding (to lower case) of common scripts: ASCII, Latin-1,
 * Latin Extended-A, Greek, Cyrillic, fullwidth Latin. */
uint32_t sim_fold(uint32_t cp);
/* Case-insensitive equality of two UTF-8 strings. */
int sim_u8_ieq(const char *a, size_t alen, const char *b, size_t blen);
/* New case-folded copy of a UTF-8 string; NULL when out of memory. */
char *sim_u8_fold_dup(const char *s, size_t len);

/* A NUL-terminated string argument of an API function -> new UTF-8 copy.
 * 0, ERROR_INVALID_PARAMETER (NULL, or no NUL within SIM_MAX_WSTR units) or
 * ERROR_NOT_ENOUGH_MEMORY. */
DWORD sim_arg_to_u8(LPCWSTR s, char **out);

/* New UTF-8 copy of a fixed-size field of cap units: 0,
 * ERROR_INVALID_PARAMETER (no terminator inside the field) or
 * ERROR_NOT_ENOUGH_MEMORY. */
DWORD sim_field_to_u8(const WCHAR *field, size_t cap, char **out);
#define SIM_FIELD_TO_U8(field, out) sim_field_to_u8((field), SIM_COUNTOF(field), (out))

/* UTF-8 text into a fixed-size UTF-16 field (terminated, truncated to fit). */
void sim_text_to_field(const char *text, WCHAR *field, size_t cap);
#define SIM_TEXT_TO_FIELD(text, field) sim_text_to_field((text), (field), SIM_COUNTOF(field))

#endif /* RASSIM_UTF_H */
