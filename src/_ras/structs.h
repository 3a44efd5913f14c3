/*
 * structs.h -- RAS structures <-> Python dicts, driven by one field table
 * per structure (both directions read the same table).
 *
 * Dict keys are the SDK field names without their Hungarian prefix, first
 * letter lower-cased: dwBytesXmited -> "bytesXmited", szDeviceType ->
 * "deviceType", dwfOptions -> "options"; a leading acronym is lower-cased
 * whole: dwIPv4InterfaceMetric -> "ipv4InterfaceMetric", szIDi -> "idi".
 * Fields without a prefix keep their name (ipaddrDns, guidId).  dwSize is
 * never a key.
 */
#ifndef RASPY_STRUCTS_H
#define RASPY_STRUCTS_H

#include "ext.h"

typedef enum {
    RF_DWORD,   /* DWORD <-> int (0..2**32-1) */
    RF_BOOL,    /* BOOL <-> bool (any truthy value on the way in) */
    RF_WSTR,    /* fixed WCHAR array <-> str (too long: ValueError) */
    RF_SECRET,  /* RF_WSTR holding a password or key: converted with
                   rasconv_secret_wfixed, so no error carries the value */
    RF_GUID,    /* GUID <-> uuid.UUID */
    RF_IPV4,    /* 4 bytes, network order <-> ipaddress.IPv4Address */
    RF_IPV6,    /* 16 bytes <-> ipaddress.IPv6Address */
    RF_BYTES,   /* fixed BYTE array <-> bytes of exactly that length */
    RF_IPSTR,   /* fixed WCHAR array holding "a.b.c.d" (or IPv6 text) <->
                   ipaddress object; "" <-> None; text that is no address
                   comes out as str */
    RF_ENDPOINT /* RASTUNNELENDPOINT (DWORD dwType + 16 bytes) <->
                   IPv4Address / IPv6Address / None (RASTUNNELENDPOINT_UNKNOWN) */
} rasfield_kind;

typedef struct {
    const char *key;
    rasfield_kind kind;
    size_t offset;
    size_t size; /* bytes */
} rasfield;

typedef struct {
    const char *name; /* the SDK name, for messages */
    const rasfield *fields;
    size_t count;
} rasstruct;

#define RASFIELD(type, member, key, kind) \
    { key, kind, offsetof(type, member), sizeof(((type *)0)->member) }
#define RASSTRUCT(name, table) { name, table, sizeof(table) / sizeof((table)[0]) }

/* A new dict of every field of the structure at src. */
PyObject *rasstruct_to_dict(const rasstruct *def, const void *src);

/* Writes the fields named in dict into dst; fields not in dict keep their
 * value.  An unknown key raises KeyError; a bad value TypeError, ValueError or
 * OverflowError naming the field.  Returns 0 / -1. */
int rasstruct_from_dict(const rasstruct *def, PyObject *dict, void *dst);

/* A list of dicts from count structures of item_size bytes at base. */
PyObject *rasstruct_list(const rasstruct *def, const void *base, size_t item_size, size_t count);

#endif /* RASPY_STRUCTS_H */
