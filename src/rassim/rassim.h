/*
 * rassim.h -- simulator-only extras of the simulated rasapi32.
 *
 * These functions exist only in the simulator (src/rassim); real Windows has
 * no such exports.  The Python extension includes this header off Windows;
 * on Windows the simulator DLL exports the same names (rasapi32.def), so a
 * caller can find them with GetProcAddress.  See docs/simulator.md.
 */
#ifndef RASSIM_RASSIM_H
#define RASSIM_RASSIM_H

#ifdef _WIN32
#include <windows.h>
#include <lmcons.h>
#endif

#include "rasdefs.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Value returned by RasSimVersion(). */
#define RASSIM_VERSION 1

/* Maximum number of messages kept by the posted-message queue; when it is
 * full the oldest message is discarded. */
#define RASSIM_POSTED_QUEUE_MAX 4096

/* One notification a RasDialW with dwNotifierType 0xFFFFFFFF "posted" to a
 * window off Windows (on Windows the simulator calls PostMessageW). */
typedef struct tagRASSIM_POSTED_MESSAGE {
    HWND hwnd;
    UINT msg;        /* WM_RASDIALEVENT */
    WPARAM wParam;   /* RASCONNSTATE */
    LPARAM lParam;   /* dwError */
} RASSIM_POSTED_MESSAGE;

/* Removes the oldest posted messages, up to max of them, into buf and stores
 * how many were returned in *count.  buf == NULL with max == 0 only counts the
 * queued messages (nothing is removed).  Returns 0, or ERROR_INVALID_PARAMETER
 * (count NULL, or buf NULL with max != 0). */
DWORD WINAPI RasSimTakePostedMessages(RASSIM_POSTED_MESSAGE *buf, DWORD max,
                                      LPDWORD count);

/* Hangs up every connection as if each had been hung up down to a reference
 * count of zero (no notification is delivered once it returns) and empties
 * the posted-message queue, and empties the AutoDial store (if it exists)
 * of the current default location.  For test isolation. */
VOID WINAPI RasSimReset(void);

/* Returns RASSIM_VERSION; lets a caller detect the simulator. */
DWORD WINAPI RasSimVersion(void);

#ifdef __cplusplus
}
#endif

#endif /* RASSIM_RASSIM_H */
