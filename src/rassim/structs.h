/*
 * structs.h -- structure versions and field access on caller buffers.
 *
 * Each RAS structure has one table of the sizes of its documented versions,
 * computed with offsetof on the newest layout in rasdefs.h: a version ends
 * where the next version's first field starts.  Callers may pass either
 * that offset or the same value rounded up to the structures' 4-byte
 * alignment (what sizeof gives for an older layout packed to 4).
 *
 * Caller buffers are accessed with memcpy at field offsets (arrays use the
 * caller's dwSize as stride, which need not keep fields aligned), and only
 * fields lying wholly inside the caller's size are written.
 */
#ifndef RASSIM_STRUCTS_H
#define RASSIM_STRUCTS_H

#include "common.h"

typedef enum sim_struct_kind {
    SIM_RASCONN,
    SIM_RASCONNSTATUS,
    SIM_RASDIALPARAMS,
    SIM_RASDIALEXTENSIONS,
    SIM_RASENTRYNAME,
    SIM_RASDEVINFO,
    SIM_RAS_STATS,
    SIM_RASCREDENTIALS,
    SIM_RASPPPIP,
    SIM_RASPPPIPV6,
    SIM_RASPPPLCP,
    SIM_RASPPPCCP,
    SIM_RASUPDATECONN
} sim_struct_kind;

/* Non-zero when size is the size of a documented version of kind. */
int sim_struct_size_ok(sim_struct_kind kind, DWORD size);
/* Reads the leading dwSize of a caller structure. */
DWORD sim_struct_read_size(const void *base);

/* Copies n bytes from src to base + off when they fit within size. */
void sim_put(void *base, DWORD size, size_t off, const void *src, size_t n);
/* Non-zero when [off, off + n) lies within size. */
int sim_fits(DWORD size, size_t off, size_t n);

/* Sizes the answer of an array function for n elements of stride bytes
 * (stride 0: a size query, counted with newest).  Sets *lpcount = n and
 * *lpcb = the bytes needed; returns 0 when they fit in the caller's *lpcb
 * (write them), ERROR_BUFFER_TOO_SMALL when not (or for a query with n > 0),
 * ERROR_NOT_ENOUGH_MEMORY when the size does not fit a DWORD. */
DWORD sim_array_size(size_t n, DWORD stride, DWORD newest, LPDWORD lpcb, LPDWORD lpcount);
/* Start of element i of a caller array, cleared, with its dwSize set. */
void *sim_array_element(void *buf, DWORD stride, size_t i);

#define SIM_FIELD_SIZE(type, field) sizeof(((type *)0)->field)
#define SIM_PUT(base, size, type, field, src) \
    sim_put((base), (size), offsetof(type, field), (src), SIM_FIELD_SIZE(type, field))
#define SIM_FITS(size, type, field) \
    sim_fits((size), offsetof(type, field), SIM_FIELD_SIZE(type, field))


/* Checks the caller's array of an array function (RasEnumConnectionsW,
 * RasEnumEntriesW): 0 with *stride its dwSize, or 0 for a size query (NULL
 * buffer with *lpcb == 0); ERROR_INVALID_PARAMETER or ERROR_INVALID_SIZE. */
DWORD sim_array_begin(const void *buf, const DWORD *lpcb, const DWORD *lpcount,
                      sim_struct_kind kind, DWORD *stride);

/* Writes UTF-8 text (NULL: empty) as the UTF-16 field of cap units at off,
 * when it fits within size. */
void sim_put_text(void *base, DWORD size, size_t off, size_t cap, const char *text);
#define SIM_PUT_TEXT(base, size, type, field, text)     \
    sim_put_text((base), (size), offsetof(type, field), \
                 SIM_FIELD_SIZE(type, field) / sizeof(WCHAR), (text))

#endif /* RASSIM_STRUCTS_H */
