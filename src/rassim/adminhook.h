/*
 * adminhook.h -- the simulated server's administration policy (the scenario
 * key AdminPolicy=, docs/simulator.md "The server's admin policy").
 *
 * The simulator knows no Python: the program it is compiled into registers
 * a hook table (sim_admin_set_hooks), which the server calls when a dial
 * whose scenario names a policy has authenticated (admit) and when such an
 * admitted connection ends (end).  Without hooks a scenario naming a policy
 * is a bad scenario (ERROR_BAD_USAGE_IN_INI_FILE).  Plain C types only, so
 * that the extension (src/_ras/srvpolicy.c) includes this header as is.
 * Not exported by the simulator DLL.
 */
#ifndef RASSIM_ADMINHOOK_H
#define RASSIM_ADMINHOOK_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* What the server knows of a connection, as the hooks see it.  Strings are
 * UTF-8, never NULL; they and the structure live for the call only. */
typedef struct sim_admin_conn {
    const char *policy;           /* AdminPolicy= (or AdminDll=) as written */
    int dll;                      /* policy is AdminDll=: RRAS admin DLLs (adminrras.c) */
    uint64_t connection_id;       /* the client's HRASCONN */
    const char *user;             /* the user name the dial authenticated with */
    const char *domain;           /* its domain ("" when none) */
    const char *entry;            /* the connection's name (entry, or "." + number) */
    const char *server;           /* the server the client dialled (its phone number) */
    const char *device_type;      /* the client's device, e.g. "vpn" */
    const char *device_name;      /* e.g. "WAN Miniport (IKEv2)" */
    unsigned char guid[16];       /* the connection's GUID (its correlation id), memory order */
    int ikev2;                    /* IKEv2 projection (else PPP) */
    int has_server_ipv4;          /* the server's end of the tunnel (ServerIpAddress=) */
    unsigned char server_ipv4[4]; /* network order */
    int has_client_ipv4;          /* admit: the scenario's IpAddress= (the server's proposal);
                                   * end: the address the client had */
    unsigned char client_ipv4[4]; /* network order */
    int assigned;                 /* end: the policy assigned client_ipv4 */
    int has_client_ipv6;          /* admit: the scenario's Ipv6Address= (the proposal: the
                                   * server asks for an IPv6 address only then); end: the
                                   * address the client had */
    unsigned char client_ipv6[16];
    int assigned6; /* end: the policy assigned client_ipv6 */
    /* end only: the totals, as the server counts them (what the client sent
     * the server received); zeros for a connection that never connected */
    int connected;           /* it reached RASCS_Connected */
    uint64_t duration_ms;    /* from RASCS_Connected to its end */
    uint64_t bytes_received; /* the client's bytes sent */
    uint64_t bytes_sent;     /* the client's bytes received */
    uint64_t frames_received;
    uint64_t frames_sent;
    uint32_t bps; /* the line speed (admit too) */
} sim_admin_conn;

/* What an accepting policy chose (all zeros: the scenario's addresses). */
typedef struct sim_admin_answer {
    int assigned4;          /* ipv4 is the client's IPv4 address */
    unsigned char ipv4[4];  /* network order */
    int assigned6;          /* ipv6 is the client's IPv6 address */
    unsigned char ipv6[16]; /* network order */
} sim_admin_answer;

typedef struct sim_admin_hooks {
    /* After authentication: 0 accepts the connection, anything else refuses
     * it.  Accepting, the hook may fill *answer (zeroed by the caller) with
     * the addresses the policy chose. */
    int (*admit)(const sim_admin_conn *conn, sim_admin_answer *answer);
    /* An admitted connection ended (hang-up, drop, reset, or a failure
     * after admission). */
    void (*end)(const sim_admin_conn *conn);
} sim_admin_hooks;

/* Registers the hooks (copied); NULL removes them.  Thread-safe. */
void sim_admin_set_hooks(const sim_admin_hooks *hooks);

/* Simulator side. */
/* Whether hooks are registered. */
int sim_admin_available(void);
/* Calls the admit hook (the admin DLLs for conn->dll): its answer, or
 * non-zero (refused) without hooks. */
int sim_admin_admit(const sim_admin_conn *conn, sim_admin_answer *answer);
/* Calls the end hook, if any. */
void sim_admin_end(const sim_admin_conn *conn);

#ifdef __cplusplus
}
#endif

#endif /* RASSIM_ADMINHOOK_H */
