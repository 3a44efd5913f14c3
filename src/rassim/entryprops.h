/*
 * entryprops.h -- entry and sub-entry properties (entryprops.c) and what they
 * share with entry management (entries.c).
 */
#ifndef RASSIM_ENTRYPROPS_H
#define RASSIM_ENTRYPROPS_H

#include "common.h"

/* entries.c: the lock every phonebook change (delete, rename, set
 * properties, sub-entries) holds from reading the file to writing it, and
 * Windows' rules for an entry name (RasValidateEntryName). */
void sim_entry_lock(void);
void sim_entry_unlock(void);
int sim_entry_name_valid(const char *name);

/* The Windows version the simulator answers as: RASSIM_WINVER (hex, with or
 * without 0x, e.g. 601 for Windows 7), default 0xA00.  Structure versions
 * newer than it are rejected with ERROR_INVALID_SIZE, as older Windows
 * rejects a dwSize it does not know. */
DWORD sim_winver(void);

#endif /* RASSIM_ENTRYPROPS_H */
