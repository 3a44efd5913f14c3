/*
 * phonebook.h -- phonebook (.pbk) files: locating the default phonebook,
 * loading a phonebook fresh on every call, entry lookup, the few entry
 * settings the simulator reads, and atomic writing for later issues.
 *
 * A phonebook is an INI document (ini.h).  Entries are sections; keys are
 * case-sensitive (`DEVICE=` is the device type, `Device=` the device name).
 */
#ifndef RASSIM_PHONEBOOK_H
#define RASSIM_PHONEBOOK_H

#include "common.h"
#include "ini.h"

/* Defaults when an entry has no DEVICE= / Device= line. */
#define SIM_DEFAULT_DEVICE_TYPE "vpn"
#define SIM_DEFAULT_DEVICE_NAME "WAN Miniport (IKEv2)"

typedef struct sim_pbk {
    char *path; /* absolute UTF-8 path; "" when there is no default location */
    int exists; /* the file was read (else the phonebook is empty) */
    sim_ini ini;
    sim_file_lock lock; /* held from sim_pbk_load_locked to sim_pbk_free */
} sim_pbk;

/* Resolves a phonebook argument to an absolute path (NULL or "" = the
 * default phonebook).  0, ERROR_INVALID_PARAMETER (unterminated argument),
 * ERROR_CANNOT_OPEN_PHONEBOOK (path cannot be made absolute or is longer
 * than MAX_PATH - 1 UTF-16 units) or ERROR_NOT_ENOUGH_MEMORY. */
DWORD sim_pbk_resolve(LPCWSTR phonebook, char **path);
/* Resolves and reads a phonebook.  A missing default phonebook is empty; a
 * given one that cannot be read gives ERROR_CANNOT_OPEN_PHONEBOOK; one with
 * NUL bytes ERROR_CANNOT_LOAD_PHONEBOOK. */
DWORD sim_pbk_load(LPCWSTR phonebook, sim_pbk *pbk);
/* sim_pbk_load for a change: the phonebook's cross-process lock
 * (sim_ini_lock) is taken before it is read and held until sim_pbk_free,
 * so the read, the edit and sim_pbk_save are one cycle no other process
 * interleaves with.  Callers hold the in-process lock (sim_entry_lock). */
DWORD sim_pbk_load_locked(LPCWSTR phonebook, sim_pbk *pbk);
/* Frees the document and releases the lock, if held. */
void sim_pbk_free(sim_pbk *pbk);
/* Writes the phonebook back atomically: 0 or ERROR_CANNOT_WRITE_PHONEBOOK. */
DWORD sim_pbk_save(const sim_pbk *pbk);

/* The usable entries, in file order: *out gets a malloc'd array of their
 * header indices (the caller frees it; NULL when the file has no section),
 * *count their number.  Usable: a non-empty name of at most RAS_MaxEntryName
 * UTF-16 units, not a case-insensitive (sim_u8_ieq) duplicate of an earlier
 * section (the first section of a name wins, even when its own name does
 * not fit).  One scan of the lines, then one pass over the headers with a
 * hash set of their names: linear in the phonebook's size.
 * 0 or ERROR_NOT_ENOUGH_MEMORY. */
DWORD sim_pbk_entries(const sim_pbk *pbk, size_t **out, size_t *count);
/* Header of the entry called name (case-insensitive), or SIM_INI_NONE: the
 * first section so named, when its name is usable.  One pass. */
size_t sim_pbk_find(const sim_pbk *pbk, const char *name);
/* The entry's name as written in the file. */
void sim_pbk_entry_name(const sim_pbk *pbk, size_t entry, const char **name, size_t *len);

/* New copy of the entry's value for key, or of fallback when the key is
 * absent or empty; NULL only when out of memory. */
char *sim_pbk_value_or(const sim_pbk *pbk, size_t entry, const char *key, const char *fallback);
/* The entry's GUID: from `Guid=` (32 hex digits in memory order, or the
 * {8-4-4-4-12} form) else derived from the path and the folded name. */
void sim_pbk_entry_guid(const sim_pbk *pbk, size_t entry, GUID *guid);
/* Non-zero when `CustomAuthKey=` is a positive integer (EAP configured). */
int sim_pbk_entry_is_eap(const sim_pbk *pbk, size_t entry);


/* New copy of the entry's name as written in the phonebook: 0 or
 * ERROR_NOT_ENOUGH_MEMORY. */
DWORD sim_pbk_canonical_name(const sim_pbk *pbk, size_t entry, char **out);
/* Loads the phonebook (sim_pbk_load) and finds the named entry in it (0 or
 * ERROR_CANNOT_FIND_PHONEBOOK_ENTRY).  pbk must be freed after. */
DWORD sim_pbk_open_entry(LPCWSTR phonebook, const char *name, sim_pbk *pbk, size_t *entry);
/* Loads the phonebook and the entry called given (freed here); *name gets
 * the entry's name as written in the file.  pbk must be freed after. */
DWORD sim_pbk_load_named_entry(LPCWSTR phonebook, char *given, sim_pbk *pbk, size_t *h,
                               char **name);

#endif /* RASSIM_PHONEBOOK_H */
