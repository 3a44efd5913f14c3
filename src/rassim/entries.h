/*
 * entries.h -- what entry management (entries.c) shares with entry and
 * sub-entry properties (entryprops.c).
 */
#ifndef RASSIM_ENTRIES_H
#define RASSIM_ENTRIES_H

#include "common.h"

/* The lock every phonebook change (delete, rename, set
 * properties, sub-entries) holds from reading the file to writing it, and
 * Windows' rules for an entry name (RasValidateEntryName). */
void sim_entry_lock(void);
void sim_entry_unlock(void);
int sim_entry_name_valid(const char *name);

#endif /* RASSIM_ENTRIES_H */
