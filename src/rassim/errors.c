/*
 * errors.c -- RasGetErrorStringW, from the X-macro list raserror_list.h
 * (messages are UTF-8 string literals, converted to UTF-16 here).
 */
#include "common.h"
#include "utf.h"

#include <string.h>

static const struct {
    UINT code;
    const char *message;
} k_messages[] = {
#define RASERR(name, value, message) { value, message },
#include "raserror_list.h"
#undef RASERR
};

static const char *
find_message(UINT code)
{
    size_t i;
    for (i = 0; i < SIM_COUNTOF(k_messages); i++) {
        if (k_messages[i].code == code) {
            return k_messages[i].message;
        }
    }
    return NULL;
}

DWORD WINAPI
RasGetErrorStringW(UINT code, LPWSTR buf, DWORD cchSize)
{
    const char *msg;
    size_t len;
    if (buf == NULL) {
        return ERROR_INVALID_PARAMETER;
    }
    msg = find_message(code);
    if (msg == NULL) {
        return ERROR_INVALID_PARAMETER;
    }
    len = strlen(msg);
    if ((size_t)cchSize < sim_u8_wlen(msg, len) + 1) {
        return ERROR_INSUFFICIENT_BUFFER;
    }
    sim_u8_to_wbuf(msg, len, buf, cchSize);
    return 0;
}
