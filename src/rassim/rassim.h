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
    UINT msg;      /* WM_RASDIALEVENT */
    WPARAM wParam; /* RASCONNSTATE */
    LPARAM lParam; /* dwError */
} RASSIM_POSTED_MESSAGE;

/* Removes the oldest posted messages, up to max of them, into buf and stores
 * how many were returned in *count.  buf == NULL with max == 0 only counts the
 * queued messages (nothing is removed).  Returns 0, or ERROR_INVALID_PARAMETER
 * (count NULL, or buf NULL with max != 0). */
DWORD WINAPI RasSimTakePostedMessages(RASSIM_POSTED_MESSAGE *buf, DWORD max, LPDWORD count);

/* Hangs up every connection as if each had been hung up down to a reference
 * count of zero (no notification is delivered once it returns) and empties
 * the posted-message queue, and empties the AutoDial store (if it exists)
 * of the current default location.  For test isolation. */
VOID WINAPI RasSimReset(void);

/* Returns RASSIM_VERSION; lets a caller detect the simulator. */
DWORD WINAPI RasSimVersion(void);

#ifndef _WIN32
/* Event objects for RasConnectionNotificationW off Windows, where there are
 * no Win32 events (on Windows the simulator signals real events with
 * SetEvent).  Handles are opaque numbers, never reused; any other value,
 * or a closed handle, makes the functions fail (FALSE / RASSIM_WAIT_FAILED)
 * without harm.  Not exported by the DLL. */
#define RASSIM_WAIT_OBJECT_0 0u
#define RASSIM_WAIT_TIMEOUT  258u
#define RASSIM_WAIT_FAILED   0xFFFFFFFFu
#define RASSIM_INFINITE      0xFFFFFFFFu

/* A new event (auto-reset unless manual_reset); NULL when out of memory. */
HANDLE RasSimCreateEvent(BOOL manual_reset, BOOL initial_state);
BOOL RasSimSetEvent(HANDLE event);
BOOL RasSimResetEvent(HANDLE event);
/* Waits until the event is signalled (an auto-reset event is then reset) or
 * timeout_ms passes (RASSIM_INFINITE: no limit).  RASSIM_WAIT_OBJECT_0,
 * RASSIM_WAIT_TIMEOUT, or RASSIM_WAIT_FAILED for a bad handle or one
 * closed while waiting. */
DWORD RasSimWaitEvent(HANDLE event, DWORD timeout_ms);
BOOL RasSimCloseEvent(HANDLE event);
#endif

#ifdef __cplusplus
}
#endif

#endif /* RASSIM_RASSIM_H */
