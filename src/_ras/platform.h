/*
 * platform.h -- pick the RAS declarations for this build.
 *
 * Windows: the SDK's <windows.h>, <ras.h> and <raserror.h>; the extension
 * links rasapi32.  Everywhere else: the project's own Windows-compatible
 * declarations (compat/) and the simulated rasapi32 (rassim/) compiled in.
 *
 * RASPY_SIM_MODULE (defined by the build of ras._ras_sim, the Windows
 * wheel's second extension): the simulated rasapi32 compiled in on Windows
 * too, with <windows.h> for the rest of Win32 and never <ras.h>.
 * RASPY_SIMULATED is then defined, as it is in every build off Windows: it,
 * not _WIN32, tells the code that calls the simulator from the code that
 * calls rasapi32.dll.
 */
#ifndef RASPY_PLATFORM_H
#define RASPY_PLATFORM_H

#if !defined(_WIN32) || defined(RASPY_SIM_MODULE)
#define RASPY_SIMULATED 1
#endif

#ifndef RASPY_SIMULATED
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>
#include <ras.h>
#include <raserror.h>
#define RASPY_BACKEND "rasapi32"
#ifdef __MINGW32__
/* mingw-w64's RASCONNSTATE stops before the Windows 7 member. */
#define RASCS_ApplySettings 24
#endif
/* RASCONN.dwFlags values added in Vista, absent from mingw-w64's <ras.h>. */
#ifndef RASCF_OwnerKnown
#define RASCF_OwnerKnown 0x00000004
#endif
#ifndef RASCF_OwnerMatch
#define RASCF_OwnerMatch 0x00000008
#endif
#else
#ifdef _WIN32
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>
#endif
#include "compat/rasdefs.h"
#include "rassim/rassim.h"
#define RASPY_BACKEND "simulated"
#endif

/* The Vista/Win7/Win8 layouts and functions mingw lacks, for every build. */
#include "compat/rasx.h"
/* Sizes and offsets against Microsoft's x86 and 64-bit layouts. */
#include "compat/raslayout.h"

#endif /* RASPY_PLATFORM_H */
