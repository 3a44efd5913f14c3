/*
 * rasx.h -- what mingw-w64's <ras.h> lacks, declared once for every build.
 *
 * mingw-w64's <ras.h> stops at the Windows XP layouts; the Windows SDK has
 * the Vista, Windows 7 and Windows 8 versions of the structures.  This header
 * declares them under project names (RASX_*, rasx_*), laid out exactly as
 * Microsoft documents them, with static size checks per architecture, so
 * the mingw, MSVC and simulator builds all see the same complete layouts and
 * nothing collides with the SDK's own declarations.
 *
 *   rasx_entry.h  RASENTRY / RASSUBENTRY versions and their constants
 *   rasx_conn.h   projections (RASPPP*, RASIKEV2, RAS_PROJECTION_INFO),
 *                 RASUPDATECONN, and the functions mingw cannot link
 */
#ifndef RASPY_RASX_H
#define RASPY_RASX_H

#include "rasx_entry.h"
#include "rasx_conn.h"

#endif /* RASPY_RASX_H */
