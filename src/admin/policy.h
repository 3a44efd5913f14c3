/*
 * policy.h -- the admin DLL's policy core: what a policy sees and answers,
 * and the safety machinery that calls it (core.c).
 *
 * RRAS calls the DLL's exports (admindll.c) on its own threads.  Each export
 * decodes RRAS's structure into one of the plain values below (copies: the
 * policy never sees RRAS's memory, which is gone once the export returns, and
 * never a password: RRAS passes none to an admin DLL, and nothing here has
 * room for one), then asks the core for a decision.  The core runs the
 * policy's function on one of its worker threads and waits at most the
 * configured timeout; on a timeout, a failure (the function returned
 * non-zero), a full queue or a DLL that is not (or no longer) initialized,
 * the decision is the configured default, and the failure is logged (Windows
 * event log, source RASPY_ADMIN_EVENT_SOURCE, and the host's log callback).
 *
 * A policy is a table of functions (rasadm_policy): the C policies of
 * policies.c, and the Python host (pyhost.c, [policy] module = python), whose
 * functions call into an embedded CPython.  Every function may be left NULL: the
 * core then answers as "accept everything" does, without a worker.
 */
#ifndef RASPY_ADMIN_POLICY_H
#define RASPY_ADMIN_POLICY_H

/* Windows 7 and later (SRW locks, condition variables, GetTickCount64; the
 * RAS_CONNECTION_EX contract); a toolchain that sets a newer one keeps it. */
#ifndef _WIN32_WINNT
#define _WIN32_WINNT 0x0601
#endif
#include <windows.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The event log source the DLL reports under (Application log). */
#define RASPY_ADMIN_EVENT_SOURCE L"ras-win32 admin DLL"

/* Event ids (no message file is registered in phase 1: the event's one
 * insertion string carries the whole message). */
#define RASADM_EVENT_INFO    1
#define RASADM_EVENT_FAILURE 2
#define RASADM_EVENT_CONFIG  3

/* Log levels, for the host's callback. */
#define RASADM_LOG_INFO    0
#define RASADM_LOG_WARNING 1
#define RASADM_LOG_ERROR   2

/* The calls a policy answers. */
typedef enum rasadm_call {
    RASADM_ACCEPT_CONNECTION = 0,
    RASADM_ACCEPT_REAUTHENTICATION,
    RASADM_ACCEPT_LINK,
    RASADM_CONNECTION_HANGUP,
    RASADM_LINK_HANGUP,
    RASADM_GET_ADDRESS,
    RASADM_RELEASE_ADDRESS,
    RASADM_NCALLS
} rasadm_call;

/* Counters of a connection or a link (RAS_CONNECTION_EX, RAS_PORT_1). */
typedef struct rasadm_stats {
    DWORD bytes_sent;
    DWORD bytes_received;
    DWORD frames_sent;
    DWORD frames_received;
    DWORD crc_errors;
    DWORD timeout_errors;
    DWORD alignment_errors;
    DWORD hardware_overrun_errors;
    DWORD framing_errors;
    DWORD buffer_overrun_errors;
    DWORD compression_ratio_in;
    DWORD compression_ratio_out;
} rasadm_stats;

/* A connection, decoded from RAS_CONNECTION_EX.  Strings are NUL-terminated
 * copies (truncated to their Windows maximum if RRAS's were not). */
typedef struct rasadm_connection {
    ULONG64 connection_id; /* hConnection, as a number */
    ULONG64 interface_id;  /* hInterface */
    DWORD interface_type;  /* ROUTER_IF_TYPE_* */
    DWORD flags;           /* RAS_FLAGS_* */
    DWORD duration_seconds;
    DWORD projection_type; /* 1 PPP, 2 IKEv2, 0 unknown */
    DWORD quarantine_state;
    GUID guid;
    WCHAR user[257];
    WCHAR domain[16];
    WCHAR interface_name[257];
    WCHAR remote_computer[17];
    WCHAR remote_endpoint[65];
    WCHAR local_endpoint[65];
    WCHAR ipv4_address[16];        /* the server's end of the projection */
    WCHAR ipv4_remote_address[16]; /* the client's */
    BYTE ipv6_prefix[8];
    DWORD ipv6_prefix_length;
    BYTE ipv6_interface_id[8];
    BYTE ipv6_remote_interface_id[8];
    DWORD authentication_protocol;
    DWORD eap_type;
    rasadm_stats stats;
} rasadm_connection;

/* A link (port), decoded from RAS_PORT_0 and RAS_PORT_1. */
typedef struct rasadm_link {
    ULONG64 port_id;       /* hPort */
    ULONG64 connection_id; /* hConnection */
    DWORD condition;       /* RAS_PORT_CONDITION */
    DWORD total_calls;
    DWORD duration_seconds;
    DWORD line_speed; /* bits per second */
    DWORD hardware_condition;
    WCHAR port_name[17];
    WCHAR media_name[17];
    WCHAR device_name[129];
    WCHAR device_type[17];
    rasadm_stats stats;
} rasadm_link;

/* An address request or release (IPv4: family 4, IPv6: family 6).  ipv4 is
 * RRAS's DWORD: the address in network byte order; ipv6 the 16 bytes of the
 * IN6_ADDR.  On a request, they hold what RRAS proposes (0 / all zero: none). */
typedef struct rasadm_address {
    int family;
    DWORD ipv4;
    BYTE ipv6[16];
    WCHAR user[257];
    WCHAR port[17];
} rasadm_address;

/* A policy's answer to an address request: assign (non-zero) replaces RRAS's
 * proposal with ipv4 / ipv6; notify_release asks for the release call. */
typedef struct rasadm_address_answer {
    BOOL assign;
    DWORD ipv4;
    BYTE ipv6[16];
    BOOL notify_release;
} rasadm_address_answer;

/* What the configuration file says (see core.c, rasadm_config_read). */
#define RASADM_NAME_MAX 64
typedef struct rasadm_config {
    char policy[RASADM_NAME_MAX]; /* [policy] module */
    DWORD timeout_ms;             /* [policy] timeout_ms: per call */
    BOOL accept_default;          /* [policy] accept_default: on timeout / failure */
    BOOL address_refuse;          /* [policy] address_default = refuse: fail the request */
    DWORD workers;                /* [policy] workers: worker threads */
    DWORD queue_limit;            /* [policy] queue_limit: calls waiting for a worker */
    DWORD test_sleep_ms;          /* [test] sleep_ms: the test policies' sleep */
    WCHAR path[1024];             /* the configuration file itself */
} rasadm_config;

/*
 * A policy.  Each call function returns 0 when it answered, anything else
 * when it failed (its answer is then ignored and the default used).  They run
 * on the core's worker threads, several at once: a policy keeps its own state
 * thread-safe.  start runs once, in initialize, before any call; stop once,
 * in terminate, after the last call returned (never while a worker is still
 * inside the policy).
 */
typedef struct rasadm_policy {
    const char *name;
    int (*start)(void **ctx, const rasadm_config *config, char *error, size_t error_size);
    void (*stop)(void *ctx);
    int (*accept_connection)(void *ctx, const rasadm_connection *conn, BOOL *accept);
    int (*accept_reauthentication)(void *ctx, const rasadm_connection *conn, BOOL *accept);
    int (*accept_link)(void *ctx, const rasadm_link *link, BOOL *accept);
    int (*connection_hangup)(void *ctx, const rasadm_connection *conn);
    int (*link_hangup)(void *ctx, const rasadm_link *link);
    int (*get_address)(void *ctx, const rasadm_address *request, rasadm_address_answer *answer);
    int (*release_address)(void *ctx, const rasadm_address *address);
} rasadm_policy;

/* The built-in policies (policies.c): NULL when the name is unknown. */
const rasadm_policy *rasadm_find_policy(const char *name);

/* The Python host (pyhost.c): [policy] module = python. */
extern const rasadm_policy rasadm_python_policy;

/* ---- the core (core.c) ----------------------------------------------------- */

/* The host's log callback: level RASADM_LOG_*, a UTF-16 message. */
typedef void(WINAPI *rasadm_log_fn)(void *context, DWORD level, const WCHAR *message);

/* Counters, for the host and the tests (RasPyAdminGetStats). */
typedef struct rasadm_counters {
    DWORD size;            /* sizeof(rasadm_counters), set by the caller */
    LONG calls;            /* calls that reached the core */
    LONG answered;         /* answered by the policy in time */
    LONG timeouts;         /* not answered within timeout_ms */
    LONG failures;         /* the policy returned non-zero */
    LONG refused_closed;   /* arrived while not initialized / terminating */
    LONG refused_busy;     /* the queue was full */
    LONG in_flight;        /* calls inside the DLL now */
    LONG workers_alive;    /* worker threads not yet exited (every pool) */
    LONG workers_stuck;    /* workers left behind by terminate (inside a policy) */
    LONG eventlog_reports; /* ReportEventW calls that succeeded */
    LONG eventlog_failures;
    LONG accepting; /* 1 while calls reach the policy (initialized,
                     * not terminating), else 0 */
} rasadm_counters;

/* Reads the configuration file; 0 on success, else a Win32 error code and a
 * message in error. */
DWORD rasadm_config_read(const WCHAR *path, rasadm_config *config, char *error, size_t error_size);

/* Starts the core: the event source, the policy (its start), the workers.
 * NO_ERROR or a Win32 error code (also logged). */
DWORD rasadm_core_start(const WCHAR *config_path);

/* Terminates: refuses new calls, waits for the calls in flight (each ends
 * within timeout_ms), stops the workers, stops the policy.  Returns NO_ERROR. */
DWORD rasadm_core_stop(void);

/* The decisions (called by the exports; never block longer than timeout_ms
 * plus scheduling). */
BOOL rasadm_decide_connection(rasadm_call call, const rasadm_connection *conn);
BOOL rasadm_decide_link(const rasadm_link *link);
void rasadm_notify_connection(const rasadm_connection *conn);
void rasadm_notify_link(const rasadm_link *link);
/* An address request: returns NO_ERROR (answer filled, assign may be FALSE:
 * keep RRAS's proposal) or an error code (refuse: RRAS ends the connection). */
DWORD rasadm_decide_address(const rasadm_address *request, rasadm_address_answer *answer);
void rasadm_notify_release(const rasadm_address *address);

void rasadm_set_log_callback(rasadm_log_fn fn, void *context);
void rasadm_get_counters(rasadm_counters *out);

/* Logs to the event log (when the source is registered) and to the host's
 * callback.  printf-style, UTF-8. */
void rasadm_log(DWORD level, DWORD event_id, const char *format, ...);

/* UTF-16 -> UTF-8 for messages (always NUL-terminated, truncates). */
void rasadm_utf8(const WCHAR *in, char *out, size_t out_size);

#ifdef __cplusplus
}
#endif

#endif /* RASPY_ADMIN_POLICY_H */
