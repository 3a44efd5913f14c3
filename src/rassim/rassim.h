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

/* ---- the call logs -------------------------------------------------------
 * Every RasDialW call of the process (new dials and resumes, failed calls
 * too) appends one RASSIM_DIAL_RECORD to the dial log, every RasHangUpW call
 * one RASSIM_HANGUP_RECORD to the hang-up log, when the call returns.  Each
 * log keeps the last RASSIM_LOG_MAX records (the oldest is discarded when
 * full); RasSimReset and RasSimClearLogs empty both.  A password is never
 * recorded, nor its length: only whether one was given. */
#define RASSIM_LOG_MAX 1024

typedef struct tagRASSIM_DIAL_RECORD {
    unsigned long long ullTime; /* when the call was made: UTC, 100 ns since 1601 (FILETIME) */
    HRASCONN hrasconn;          /* *lphRasConn when the call returned (NULL: none) */
    HWND hwnd;                  /* the window of dwNotifierType 0xFFFFFFFF, else NULL */
    ULONG_PTR dwCallbackId;     /* RASDIALPARAMSW.dwCallbackId (0 when dwSize lacks it) */
    DWORD dwSequence;           /* 1, 2, ...: order of the records of both logs */
    DWORD dwResult;             /* what RasDialW returned */
    DWORD dwNotifierType;       /* as passed (meaningful when fAsynchronous) */
    DWORD dwfOptions;           /* RASDIALEXTENSIONS.dwfOptions (RDEOPT_*), 0 without */
    DWORD dwSubEntry;           /* RASDIALPARAMSW.dwSubEntry (0 when dwSize lacks it) */
    BOOL fAsynchronous;         /* lpvNotifier was not NULL */
    BOOL fResume;               /* *lphRasConn was not NULL: a resume of a paused dial */
    BOOL fPasswordGiven;        /* szPassword was neither empty nor the password handle */
    BOOL fSavedPassword;        /* the saved password was asked for: szPassword was the
                                 * password handle, or szUserName and szPassword were both
                                 * empty */
    WCHAR szEntryName[RAS_MaxEntryName + 1];     /* as given */
    WCHAR szPhonebook[MAX_PATH];                 /* absolute, as resolved ("" if none) */
    WCHAR szPhoneNumber[RAS_MaxPhoneNumber + 1]; /* as given */
    WCHAR szCallbackNumber[RAS_MaxCallbackNumber + 1];
    WCHAR szUserName[UNLEN + 1];
    WCHAR szDomain[DNLEN + 1];
} RASSIM_DIAL_RECORD;

typedef struct tagRASSIM_HANGUP_RECORD {
    unsigned long long ullTime; /* when the call was made (as above) */
    HRASCONN hrasconn;          /* as passed */
    DWORD dwSequence;           /* shared with the dial log */
    DWORD dwResult;             /* what RasHangUpW returned */
    BOOL fEnded;                /* it dropped the last reference: the connection ended */
    WCHAR szEntryName[RAS_MaxEntryName + 1]; /* the connection's ("" for an unknown handle) */
} RASSIM_HANGUP_RECORD;

/* Copy the oldest records of a log, up to max of them, into buf (nothing is
 * removed) and store how many were copied in *count; buf == NULL with
 * max == 0 only counts.  Returns 0, or ERROR_INVALID_PARAMETER (count NULL,
 * or buf NULL with max != 0). */
DWORD WINAPI RasSimDialLog(RASSIM_DIAL_RECORD *buf, DWORD max, LPDWORD count);
DWORD WINAPI RasSimHangUpLog(RASSIM_HANGUP_RECORD *buf, DWORD max, LPDWORD count);
/* Empties both logs (the sequence numbers go on). */
VOID WINAPI RasSimClearLogs(void);

/* The connection h (or its sub-entry handle) loses its link now, with
 * dwError = error (0: the scenario's DropError, default ERROR_DISCONNECTION
 * 628).  Connected: exactly like the scenario's DropAfterMs.  Still
 * dialling (or paused): the dial fails in its current state with error.
 * Returns once the connection is in its new state (its notifications follow
 * on its worker thread).  0, ERROR_INVALID_HANDLE (unknown handle), or
 * ERROR_NO_CONNECTION (the dial already failed or the link already
 * dropped). */
DWORD WINAPI RasSimDrop(HRASCONN h, DWORD error);

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
