/*
 * entryprops.h -- what entry and sub-entry properties (entryprops.c) share
 * with the rest of the simulator.
 */
#ifndef RASSIM_ENTRYPROPS_H
#define RASSIM_ENTRYPROPS_H

#include "common.h"

/* The Windows version the simulator answers as: RASSIM_WINVER (hex, with or
 * without 0x, e.g. 601 for Windows 7), default 0xA00.  Structure versions
 * newer than it are rejected with ERROR_INVALID_SIZE, as older Windows
 * rejects a dwSize it does not know. */
DWORD sim_winver(void);

#endif /* RASSIM_ENTRYPROPS_H */
