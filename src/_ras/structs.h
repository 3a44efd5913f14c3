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
    RF_DWORD,    /* DWORD <-> int (0..2**32-1) */
    RF_BOOL,     /* BOOL <-> bool (any truthy value on the way in) */
    RF_WSTR,     /* fixed WCHAR array <-> str (too long: ValueError) */
    RF_SECRET,   /* RF_WSTR holding a password or key: converted with
                    rasconv_secret_wfixed, so no error carries the value */
    RF_GUID,     /* GUID <-> uuid.UUID */
    RF_IPV4,     /* 4 bytes, network order <-> ipaddress.IPv4Address */
    RF_IPV6,     /* 16 bytes <-> ipaddress.IPv6Address */
    RF_BYTES,    /* fixed BYTE array <-> bytes of exactly that length */
    RF_IPSTR,    /* fixed WCHAR array holding "a.b.c.d" (or IPv6 text) <->
                    ipaddress object; "" <-> None; text that is no address
                    comes out as str */
    RF_ENDPOINT, /* RASTUNNELENDPOINT (DWORD dwType + 16 bytes) <->
                    IPv4Address / IPv6Address / None (RASTUNNELENDPOINT_UNKNOWN) */
    /* The kinds of the keys a function adds beside a structure's fields
     * (a rasshape's extras, never in a field table): */
    RF_WSTR_LIST, /* list of str (a multi-string) */
    RF_IPV4_LIST, /* list of ipaddress.IPv4Address */
    RF_IPV6_LIST  /* list of ipaddress.IPv6Address */
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

/* One shape of dict the extension returns or accepts, for the private
 * _field_tables() (tools/gen_stubs.py types the raw dicts from it, so the
 * keys are written once, here in C): the structure's fields, of which those
 * ending within base_size are in every result (the others only where the
 * system has the newer structure: RASENTRY; base_size 0: every field), then
 * the keys the function adds itself beside the structure's (extras: key and
 * kind, offset and size 0). */
typedef struct {
    const char *name; /* the SDK structure, the key of _field_tables() */
    const rasstruct *def;
    size_t base_size;
    const rasfield *extras;
    size_t nextras;
} rasshape;

#define RASEXTRA(key, kind) { key, kind, 0, 0 }
#define RASSHAPE(name, def) { name, &(def), 0, NULL, 0 }
#define RASSHAPE_EXTRAS(name, def, base_size, extras) \
    { name, &(def), base_size, extras, sizeof(extras) / sizeof((extras)[0]) }

/* Each family with dicts defines its shapes, ending { NULL }. */
extern const rasshape ras_connections_shapes[]; /* connections.c */
extern const rasshape ras_entryprops_shapes[];  /* entryprops.c */
extern const rasshape ras_credentials_shapes[]; /* credentials.c */
extern const rasshape ras_devices_shapes[];     /* devices.c */
extern const rasshape ras_statistics_shapes[];  /* statistics.c */
extern const rasshape ras_autodial_shapes[];    /* autodial.c */
extern const rasshape ras_country_shapes[];     /* country.c */

/* A new dict of every field of the structure at src. */
PyObject *rasstruct_to_dict(const rasstruct *def, const void *src);

/* Writes the fields named in dict into dst; fields not in dict keep their
 * value.  An unknown key raises KeyError; a bad value TypeError, ValueError or
 * OverflowError naming the field.  Returns 0 / -1. */
int rasstruct_from_dict(const rasstruct *def, PyObject *dict, void *dst);

/* A list of dicts from count structures of item_size bytes at base. */
PyObject *rasstruct_list(const rasstruct *def, const void *base, size_t item_size, size_t count);

#endif /* RASPY_STRUCTS_H */
