/*
 * conntable.h -- the connection table and the dial engine.
 *
 * Every dial that returns a handle owns a connection in a process-wide
 * table, guarded by one state mutex.  A detached worker thread per
 * connection walks the dial states, delivers the notifications (never while
 * holding the mutex), and once connected stays to deliver re-dial
 * notifications and the simulated link drop, until the connection is hung
 * up.  See docs/simulator.md for the behaviour.
 */
#ifndef RASSIM_CONNTABLE_H
#define RASSIM_CONNTABLE_H

#include "common.h"
#include "scenario.h"

/* Everything RasEnumConnectionsW / RasGetConnectStatusW report. */
typedef struct sim_conn_info {
    HRASCONN handle;
    RASCONNSTATE state;
    DWORD error;
    WCHAR entry[RAS_MaxEntryName + 1];
    WCHAR device_type[RAS_MaxDeviceType + 1];
    WCHAR device_name[RAS_MaxDeviceName + 1];
    WCHAR phonebook[MAX_PATH];
    WCHAR phone_number[RAS_MaxPhoneNumber + 1];
    GUID guid_entry;
    GUID correlation_id;
    LUID luid;
    DWORD flags;
    sim_addrs addrs; /* projection data (RasUpdateConnection changes it) */
    int ikev2;       /* projection type: IKEv2 (else PPP) */
    DWORD if_index;  /* set by RasUpdateConnection */
} sim_conn_info;

/* What a Set By Caller dial answers the server's request for a number. */
typedef struct sim_callback_answer {
    int choice;         /* SIM_CALLBACK_NO, _YES, _ASK or _BAD */
    DWORD error;        /* _BAD: the dial fails with it ... */
    RASCONNSTATE state; /* ... in this state */
} sim_callback_answer;
#define SIM_CALLBACK_NO  0 /* "": no callback */
#define SIM_CALLBACK_YES 1 /* a number: the server calls it back */
#define SIM_CALLBACK_ASK 2 /* "*" with paused states: RASCS_CallbackSetByCaller */
#define SIM_CALLBACK_BAD 3 /* a number RAS refuses, or "*" with nothing saved */

/* How the dial proceeds. */
typedef struct sim_dial_plan {
    DWORD state_delay_ms;
    size_t n_state_delays; /* per-state overrides of state_delay_ms */
    RASCONNSTATE delay_state[SIM_MAX_STATE_DELAYS];
    DWORD delay_ms[SIM_MAX_STATE_DELAYS];
    int has_fail_count; /* fail_state applies to the first fail_count dials only */
    DWORD fail_count;
    int fail_state; /* RASCONNSTATE or -1 */
    DWORD fail_error;
    DWORD auth_error; /* fails RASCS_Authenticate when non-zero */
    int has_drop;
    DWORD drop_after_ms;
    DWORD drop_error;
    DWORD bytes_out_per_sec; /* statistics while connected */
    DWORD bytes_in_per_sec;
    DWORD bps;
    int eap_ui;           /* pause in RASCS_InvokeEapUI after RASCS_Authenticate */
    int paused_states;    /* RDEOPT_PausedStates was given */
    int interactive;      /* pause in RASCS_Interactive after RASCS_DeviceConnected */
    int password_expired; /* pause in RASCS_PasswordExpired after RASCS_Authenticate */
    int callback;         /* SIM_CALLBACK_*: the user's callback attribute */
    sim_callback_answer callback_answer; /* Set By Caller: the dial's choice */
} sim_dial_plan;

/* Notifier of a dial; type SIM_NOTIFY_NONE makes the dial synchronous. */
#define SIM_NOTIFY_NONE 0xFFFFFFFEu
#define SIM_NOTIFY_HWND 0xFFFFFFFFu
typedef struct sim_notify_target {
    DWORD type; /* 0, 1, 2, SIM_NOTIFY_HWND or SIM_NOTIFY_NONE */
    LPVOID notifier;
    ULONG_PTR callback_id;
    DWORD subentry;
} sim_notify_target;

typedef struct sim_dial_request {
    sim_conn_info info;       /* handle, luid, correlation id set by the table */
    const char *phonebook;    /* absolute path, for matching a dial in progress */
    const char *entry;        /* NULL: a dial without an entry, never shared */
    const char *name;         /* the connection's name (entry, or "." + number): FailCount */
    const char *admin_policy; /* AdminPolicy= or AdminDll=, or NULL: the server asks none */
    int admin_dll;            /* admin_policy is AdminDll= */
    const char *user;         /* the credentials presented (for the policy) */
    const char *domain;
    sim_dial_plan plan;
    sim_notify_target target;
} sim_dial_request;

/* Starts a dial (or joins a connected one).  Async: 0 once started.
 * Sync: the dial's result.  ERROR_DIAL_ALREADY_IN_PROGRESS when the same
 * entry is still dialling (*out untouched). */
DWORD sim_conn_dial(const sim_dial_request *req, HRASCONN *out);
/* Drops one reference; at zero ends the connection.  Returns only when no
 * notification of the connection is running (unless called from inside
 * one) and none will follow.  0 or ERROR_INVALID_HANDLE. */
DWORD sim_conn_hangup(HRASCONN h);
/* The same; also copies the connection's entry name into entry (untouched
 * for an unknown handle) and sets *ended when this hang-up dropped the last
 * reference. */
DWORD sim_conn_hangup_ex(HRASCONN h, WCHAR entry[RAS_MaxEntryName + 1], int *ended);
/* RasSimDrop: the link of h fails now with error (0: the plan's drop
 * error).  Connected: as the plan's drop after a time.  Dialling or paused:
 * the dial fails in its current state.  Returns once the state has changed
 * (the notifications follow on the worker).  0, ERROR_INVALID_HANDLE or
 * ERROR_NO_CONNECTION (already failed or dropped). */
DWORD sim_conn_drop(HRASCONN h, DWORD error);
/* Copy of a connection's data: 0 or ERROR_INVALID_HANDLE. */
DWORD sim_conn_get(HRASCONN h, sim_conn_info *info);
/* New array (free()) of the connections not in RASCS_Disconnected, in dial
 * order.  0 or ERROR_NOT_ENOUGH_MEMORY. */
DWORD sim_conn_list(sim_conn_info **infos, size_t *count);
/* Ends every connection as if hung up to zero references. */
void sim_conn_reset(void);

/* The link of a connection, for the statistics functions. */
typedef enum sim_link_state {
    SIM_LINK_DIALLING, /* not connected yet: nothing counted */
    SIM_LINK_UP,       /* RASCS_Connected */
    SIM_LINK_DOWN      /* the dial failed or the link dropped */
} sim_link_state;

typedef struct sim_link_clock {
    sim_link_state state;
    uint64_t connected_ms; /* time since RASCS_Connected (UP only) */
    uint64_t counted_ms;   /* time since Connected or the last clear (UP only) */
    DWORD bytes_out_per_sec, bytes_in_per_sec, bps; /* the dial's plan */
} sim_link_clock;

/* Reads the statistics clock of a connection, one instant for every field;
 * with clear, then restarts the counted time of an UP link (the connected
 * time goes on).  0 or ERROR_INVALID_HANDLE. */
DWORD sim_conn_link_clock(HRASCONN h, int clear, sim_link_clock *out);

/* Sub-entry handles: the handle of the connection's only link (sub-entry
 * 1) is the connection handle plus SIM_SUBENTRY_OFFSET; every function
 * taking an HRASCONN accepts it for the connection. */
#define SIM_SUBENTRY_OFFSET 1

/* Phase of a connection as sim_conn_with reports it. */
typedef enum sim_conn_phase {
    SIM_CONN_DIALLING,
    SIM_CONN_CONNECTED,
    SIM_CONN_FAILED,
    SIM_CONN_DROPPED
} sim_conn_phase;

/* Calls fn(info, phase, arg) with the table locked, for the connection h
 * names (a sub-entry handle names its connection); fn may change *info and
 * must not call back into the table.  fn's result, or ERROR_INVALID_HANDLE. */
typedef DWORD (*sim_conn_fn)(sim_conn_info *info, sim_conn_phase phase, void *arg);
DWORD sim_conn_with(HRASCONN h, sim_conn_fn fn, void *arg);

/* RasInvokeEapUI: records that the EAP UI ran for the dial paused in
 * RASCS_InvokeEapUI (the dial still waits for a resuming RasDialW).  0,
 * ERROR_INVALID_HANDLE, or ERROR_INVALID_PARAMETER when it is not paused
 * there. */
DWORD sim_conn_eap_ui(HRASCONN h);

/* The user's answer a resuming RasDialW carries; each paused state reads
 * its part. */
typedef struct sim_resume_answer {
    DWORD auth_error;             /* the resuming credentials' authentication result
                                   * (RASCS_RetryAuthentication, RASCS_Interactive) */
    const char *new_password;     /* RASCS_PasswordExpired: szPassword (a secret) */
    DWORD new_password_error;     /* 0 or ERROR_CHANGING_PASSWORD */
    sim_callback_answer callback; /* RASCS_CallbackSetByCaller: szCallbackNumber */
} sim_resume_answer;

/* A RasDialW with *lphRasConn = h: resumes the dial h paused in a
 * RASCS_PAUSED state.  t must be the paused dial's notifier (same type and
 * pointer or window); its dwCallbackId and dwSubEntry replace the old ones.
 * The answer is copied.  0, ERROR_INVALID_HANDLE (h unknown) or
 * ERROR_INVALID_PARAMETER (not paused, already resumed, another notifier,
 * or called from inside the dial's notification). */
DWORD sim_conn_resume(HRASCONN h, const sim_notify_target *t, const sim_resume_answer *answer);

/* The password a RASCS_PasswordExpired dial changed for the connection
 * name (phonebook path, name as in sim_dial_request) since the last reset:
 * *out is a new string (sim_free_secret) or NULL when none.  0 or
 * ERROR_NOT_ENOUGH_MEMORY. */
DWORD sim_conn_changed_password(const char *phonebook, const char *name, char **out);

/* Test hooks (internal, not exported). */
/* Waits until no worker thread is alive; returns non-zero if so in time. */
int sim_conn_debug_wait_idle(uint32_t timeout_ms);
/* Waits until at least n hang-ups are blocked waiting for a running
 * notification; returns non-zero if so in time. */
int sim_conn_debug_wait_blocked(size_t n, uint32_t timeout_ms);
/* Waits until the table holds at least n connections. */
int sim_conn_debug_wait_count(size_t n, uint32_t timeout_ms);
/* Waits until the connection h (still in the table) is in state. */
int sim_conn_debug_wait_state(HRASCONN h, RASCONNSTATE state, uint32_t timeout_ms);

#endif /* RASSIM_CONNTABLE_H */
