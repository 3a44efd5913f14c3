/*
 * structs.c -- see structs.h.
 */
#include "common.h"
#include "structs.h"
#include "utf.h"
#include "util.h"

#include <string.h>

/* Where each version ends (the last entry is the newest, sizeof). */
static const size_t k_rasconn[] = {
    offsetof(RASCONNW, szDeviceType),      /* NT 3.5: szEntryName */
    offsetof(RASCONNW, szPhonebook),       /* 0x400: + device */
    offsetof(RASCONNW, guidEntry),         /* 0x401: + szPhonebook, dwSubEntry */
    offsetof(RASCONNW, dwFlags),           /* 0x500: + guidEntry */
    offsetof(RASCONNW, guidCorrelationId), /* 0x501: + dwFlags, luid */
    sizeof(RASCONNW),                      /* 0x600: + guidCorrelationId */
};

static const size_t k_rasconnstatus[] = {
    offsetof(RASCONNSTATUSW, szPhoneNumber), /* 0x400 */
    offsetof(RASCONNSTATUSW, localEndPoint), /* 0x401: + szPhoneNumber */
    sizeof(RASCONNSTATUSW),                  /* 0x601: + endpoints, substate */
};

static const size_t k_rasdialparams[] = {
    offsetof(RASDIALPARAMSW, dwSubEntry), /* 0x400 */
    offsetof(RASDIALPARAMSW, dwIfIndex),  /* 0x401: + dwSubEntry, dwCallbackId */
    sizeof(RASDIALPARAMSW),               /* 0x601: + dwIfIndex */
    /* 0x602 (Windows 8 SDK): + LPWSTR szEncPassword, ignored here. */
    sizeof(RASDIALPARAMSW) + sizeof(LPWSTR),
};

static const size_t k_rasdialextensions[] = {
    offsetof(RASDIALEXTENSIONS, reserved1),    /* 0x400 */
    offsetof(RASDIALEXTENSIONS, fSkipPppAuth), /* 0x500: + reserved1, RasEapInfo */
    sizeof(RASDIALEXTENSIONS),                 /* 0x601: + fSkipPppAuth, dev info */
};

static const size_t k_rasentryname[] = {
    offsetof(RASENTRYNAMEW, dwFlags), /* 0x400 */
    sizeof(RASENTRYNAMEW),            /* 0x500: + dwFlags, szPhonebookPath */
};

static const size_t k_rasdevinfo[] = {
    sizeof(RASDEVINFOW), /* the only version */
};

static const size_t k_ras_stats[] = {
    sizeof(RAS_STATS), /* the only version */
};

static const size_t k_rascredentials[] = {
    sizeof(RASCREDENTIALSW), /* the only version */
};
/* The projection structures and RASUPDATECONN: one version each. */
static const size_t k_rasppip[] = { sizeof(RASPPPIPW) };
static const size_t k_rasppipv6[] = { sizeof(RASPPPIPV6) };
static const size_t k_raspplcp[] = { sizeof(RASPPPLCPW) };
static const size_t k_rasppccp[] = { sizeof(RASPPPCCP) };
static const size_t k_rasupdateconn[] = { sizeof(RASUPDATECONN) };

static const struct {
    const size_t *ends;
    size_t count;
} k_kinds[] = {
    { k_rasconn, SIM_COUNTOF(k_rasconn) },
    { k_rasconnstatus, SIM_COUNTOF(k_rasconnstatus) },
    { k_rasdialparams, SIM_COUNTOF(k_rasdialparams) },
    { k_rasdialextensions, SIM_COUNTOF(k_rasdialextensions) },
    { k_rasentryname, SIM_COUNTOF(k_rasentryname) },
    { k_rasdevinfo, SIM_COUNTOF(k_rasdevinfo) },
    { k_ras_stats, SIM_COUNTOF(k_ras_stats) },
    { k_rascredentials, SIM_COUNTOF(k_rascredentials) },
    { k_rasppip, SIM_COUNTOF(k_rasppip) },
    { k_rasppipv6, SIM_COUNTOF(k_rasppipv6) },
    { k_raspplcp, SIM_COUNTOF(k_raspplcp) },
    { k_rasppccp, SIM_COUNTOF(k_rasppccp) },
    { k_rasupdateconn, SIM_COUNTOF(k_rasupdateconn) },
};

int
sim_struct_size_ok(sim_struct_kind kind, DWORD size)
{
    size_t i;
    for (i = 0; i < k_kinds[kind].count; i++) {
        size_t end = k_kinds[kind].ends[i];
        if (size == end || size == ((end + 3) & ~(size_t)3)) {
            return 1;
        }
    }
    return 0;
}

DWORD
sim_struct_read_size(const void *base)
{
    DWORD size;
    memcpy(&size, base, sizeof size);
    return size;
}

int
sim_fits(DWORD size, size_t off, size_t n)
{
    return off + n <= (size_t)size;
}

void
sim_put(void *base, DWORD size, size_t off, const void *src, size_t n)
{
    if (sim_fits(size, off, n)) {
        memcpy((unsigned char *)base + off, src, n);
    }
}

DWORD
sim_array_size(size_t n, DWORD stride, DWORD newest, LPDWORD lpcb, LPDWORD lpcount)
{
    uint64_t need = (uint64_t)n * (stride != 0 ? stride : newest);
    if (need > 0xFFFFFFFFu) {
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    *lpcount = (DWORD)n;
    if (stride == 0 && n > 0) {
        *lpcb = (DWORD)need;
        return ERROR_BUFFER_TOO_SMALL;
    }
    if (need > *lpcb) {
        *lpcb = (DWORD)need;
        return ERROR_BUFFER_TOO_SMALL;
    }
    *lpcb = (DWORD)need;
    return 0;
}

void *
sim_array_element(void *buf, DWORD stride, size_t i)
{
    unsigned char *e = (unsigned char *)buf + i * stride;
    memset(e, 0, stride);
    memcpy(e, &stride, sizeof stride);
    return e;
}

/* Validates the caller's array: *stride is its dwSize, or 0 for a size query
 * (NULL buffer with *lpcb == 0). */
DWORD
sim_array_begin(const void *buf, const DWORD *lpcb, const DWORD *lpcount, sim_struct_kind kind,
                DWORD *stride)
{
    *stride = 0;
    if (lpcb == NULL || lpcount == NULL) {
        return ERROR_INVALID_PARAMETER;
    }
    if (buf == NULL) {
        return *lpcb == 0 ? 0 : ERROR_INVALID_PARAMETER;
    }
    *stride = sim_struct_read_size(buf);
    return sim_struct_size_ok(kind, *stride) ? 0 : ERROR_INVALID_SIZE;
}

/* Writes UTF-8 text as a fixed-size UTF-16 field of a caller structure. */
void
sim_put_text(void *base, DWORD size, size_t off, size_t cap, const char *text)
{
    WCHAR buf[MAX_PATH + 1]; /* the largest text field (szPhonebookPath) */
    if (cap > SIM_COUNTOF(buf)) {
        return;
    }
    sim_u8_to_wbuf(text != NULL ? text : "", text != NULL ? strlen(text) : 0, buf, cap);
    sim_put(base, size, off, buf, cap * sizeof(WCHAR));
    sim_secure_zero(buf, sizeof buf);
}
