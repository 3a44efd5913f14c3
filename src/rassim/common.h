/*
 * common.h -- first include of every simulator source file.
 *
 * Selects the platform headers (POSIX feature level off Windows; <windows.h>
 * plus <lmcons.h> for UNLEN/PWLEN/DNLEN on Windows, never the real <ras.h>)
 * and then the project's RAS declarations.
 */
#ifndef RASSIM_COMMON_H
#define RASSIM_COMMON_H

#ifndef _WIN32
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#else
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>
#include <lmcons.h>
#endif

#include "rasdefs.h"

#include <stddef.h>
#include <stdint.h>

/* Result codes of the internal parsers and helpers (not Win32 codes). */
#define SIM_OK    0
#define SIM_BAD   1
#define SIM_NOMEM 2

/* Number of elements of a fixed array. */
#define SIM_COUNTOF(a) (sizeof(a) / sizeof((a)[0]))

#endif /* RASSIM_COMMON_H */
