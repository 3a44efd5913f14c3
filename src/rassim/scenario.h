/*
 * scenario.h -- the scenario file named by RASSIM_SCENARIO, read at each
 * RasDialW (and RasGetEapUserIdentityW).  Section `[Entry Name]` applies to
 * that entry (case-insensitive), `[*]` to every entry without its own
 * section.  See docs/simulator.md for every key.
 */
#ifndef RASSIM_SCENARIO_H
#define RASSIM_SCENARIO_H

#include "common.h"

/* Most StateDelayMs.<State>= keys a section may hold (one per state). */
#define SIM_MAX_STATE_DELAYS 24

/* Most addresses of each family ServerAddresses= may list. */
#define SIM_MAX_EXTRA_ADDRS 8

/* Addresses and DNS suffix a connection reports once connected. */
typedef struct sim_addrs {
    int has_ip, has_server_ip, has_ip6, has_server_ip6, has_dns_suffix;
    BYTE ip[4];
    BYTE server_ip[4];
    BYTE ip6[16];
    BYTE server_ip6[16];
    WCHAR dns_suffix[RAS_MaxDnsSuffix + 1];
    /* ServerAddresses=: more server addresses (IKEv2 projection lists) */
    size_t n_extra4, n_extra6;
    BYTE extra4[SIM_MAX_EXTRA_ADDRS][4];
    BYTE extra6[SIM_MAX_EXTRA_ADDRS][16];
} sim_addrs;

/* Statistics defaults: bytes per second sent and received while connected,
 * and the line speed RAS_STATS.dwBps reports. */
#define SIM_DEFAULT_BYTES_OUT_PER_SEC 12500u
#define SIM_DEFAULT_BYTES_IN_PER_SEC  125000u
#define SIM_DEFAULT_BPS               100000000u

typedef struct sim_scenario {
    char *user; /* required credentials; NULL = any */
    char *password;
    char *domain;
    int fail_state;        /* RASCONNSTATE to fail in, or -1 */
    DWORD fail_error;      /* default ERROR_FROM_DEVICE (651) */
    DWORD state_delay_ms;  /* time spent in each state */
    size_t n_state_delays; /* StateDelayMs.<State>=: per-state overrides */
    RASCONNSTATE delay_state[SIM_MAX_STATE_DELAYS];
    DWORD delay_ms[SIM_MAX_STATE_DELAYS];
    int has_fail_count;
    DWORD fail_count; /* FailCount=: only the first N dials of the entry fail */
    int has_drop;
    DWORD drop_after_ms;     /* time after Connected until the link drops */
    DWORD drop_error;        /* default ERROR_DISCONNECTION (628) */
    DWORD bytes_out_per_sec; /* statistics rates (SIM_DEFAULT_*) */
    DWORD bytes_in_per_sec;
    DWORD bps;
    sim_addrs addrs;
    char *eap_user;          /* NULL when absent */
    unsigned char *eap_info; /* NULL when absent */
    size_t eap_info_len;
    int ikev2;             /* VpnType=IKEv2 (default PPP) */
    int eap_ui;            /* InvokeEapUI=1 */
    int callback;          /* Callback=: SIM_CALLBACK_* (the user's callback attribute) */
    char *callback_number; /* CallbackNumber=: the Preset number (NULL when absent) */
    int password_expired;  /* PasswordExpired=1 */
    int interactive;       /* Interactive=1: a terminal step after RASCS_DeviceConnected */
    char *admin_policy;    /* AdminPolicy=: the policy the server asks (NULL when absent) */
    char *admin_dll;       /* AdminDll=: the RRAS admin DLLs it asks instead (Windows) */
} sim_scenario;

/* Most UTF-16 units of an AdminPolicy= value. */
#define SIM_MAX_ADMIN_POLICY 1024

/* The user's callback attribute on the server (Callback=). */
#define SIM_CALLBACK_NONE   0 /* No Callback: szCallbackNumber is ignored */
#define SIM_CALLBACK_PRESET 1 /* the server calls CallbackNumber= back */
#define SIM_CALLBACK_CALLER 2 /* Set By Caller: szCallbackNumber chooses */

/* Loads the scenario for the connection called entry ("" / NULL: only
 * `[*]`).  Without RASSIM_SCENARIO the scenario is empty.  0,
 * ERROR_READING_INI_FILE (file unreadable), ERROR_BAD_USAGE_IN_INI_FILE
 * (unknown key or malformed value) or ERROR_NOT_ENOUGH_MEMORY. */
DWORD sim_scenario_load(const char *entry, sim_scenario *sc);
/* Frees the scenario (zeroing the password). */
void sim_scenario_free(sim_scenario *sc);

/* The dial state sequence, RASCS_OpenPort .. RASCS_Connected. */
extern const RASCONNSTATE sim_dial_sequence[];
extern const size_t sim_dial_sequence_len;

/* Whether a dial can be in the running state st: one of the sequence's
 * states before RASCS_Connected, RASCS_AuthRetry, RASCS_AuthChangePassword
 * or a state of the callback sequence (FailState=, StateDelayMs.<State>=). */
int sim_running_state(int st);

/* Whether s (UTF-8) is a callback number RAS accepts: only the 18
 * characters 0-9 T P W ( ) - @ and space (ERROR_INVALID_CALLBACK_NUMBER's
 * list; t p w too), at most RAS_MaxCallbackNumber. */
int sim_callback_number_ok(const char *s);

/* Parses dotted IPv4 / textual IPv6 addresses.  SIM_OK or SIM_BAD. */
int sim_parse_ipv4(const char *s, size_t len, BYTE out[4]);
int sim_parse_ipv6(const char *s, size_t len, BYTE out[16]);

#endif /* RASSIM_SCENARIO_H */
