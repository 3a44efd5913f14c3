/*
 * scenario.c -- see scenario.h.
 */
#include "common.h"
#include "scenario.h"
#include "adminhook.h"
#include "ini.h"
#include "os.h"
#include "utf.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

const RASCONNSTATE sim_dial_sequence[] = {
    RASCS_OpenPort,        RASCS_PortOpened,          RASCS_ConnectDevice,
    RASCS_DeviceConnected, RASCS_AllDevicesConnected, RASCS_Authenticate,
    RASCS_AuthNotify,      RASCS_AuthProject,         RASCS_AuthAck,
    RASCS_Authenticated,   RASCS_Projected,           RASCS_Connected,
};
const size_t sim_dial_sequence_len = SIM_COUNTOF(sim_dial_sequence);

/* Running states outside the plain sequence: after a refused password, a
 * password change, and a callback (docs/simulator.md). */
static const RASCONNSTATE k_more_running_states[] = {
    RASCS_AuthRetry,          RASCS_AuthChangePassword, RASCS_AuthCallback,
    RASCS_PrepareForCallback, RASCS_WaitForModemReset,  RASCS_WaitForCallback,
    RASCS_CallbackComplete,   RASCS_ReAuthenticate,
};

int
sim_running_state(int st)
{
    size_t i;
    for (i = 0; i + 1 < sim_dial_sequence_len; i++) {
        if ((int)sim_dial_sequence[i] == st) {
            return 1;
        }
    }
    for (i = 0; i < SIM_COUNTOF(k_more_running_states); i++) {
        if ((int)k_more_running_states[i] == st) {
            return 1;
        }
    }
    return 0;
}

int
sim_callback_number_ok(const char *s)
{
    size_t n = strlen(s);
    return n <= RAS_MaxCallbackNumber && strspn(s, "0123456789TPWtpw()-@ ") == n;
}

/* Every RASCONNSTATE name, for FailState=. */
static const struct {
    const char *name;
    RASCONNSTATE state;
} k_state_names[] = {
    { "OpenPort", RASCS_OpenPort },
    { "PortOpened", RASCS_PortOpened },
    { "ConnectDevice", RASCS_ConnectDevice },
    { "DeviceConnected", RASCS_DeviceConnected },
    { "AllDevicesConnected", RASCS_AllDevicesConnected },
    { "Authenticate", RASCS_Authenticate },
    { "AuthNotify", RASCS_AuthNotify },
    { "AuthRetry", RASCS_AuthRetry },
    { "AuthCallback", RASCS_AuthCallback },
    { "AuthChangePassword", RASCS_AuthChangePassword },
    { "AuthProject", RASCS_AuthProject },
    { "AuthLinkSpeed", RASCS_AuthLinkSpeed },
    { "AuthAck", RASCS_AuthAck },
    { "ReAuthenticate", RASCS_ReAuthenticate },
    { "Authenticated", RASCS_Authenticated },
    { "PrepareForCallback", RASCS_PrepareForCallback },
    { "WaitForModemReset", RASCS_WaitForModemReset },
    { "WaitForCallback", RASCS_WaitForCallback },
    { "Projected", RASCS_Projected },
    { "StartAuthentication", RASCS_StartAuthentication },
    { "CallbackComplete", RASCS_CallbackComplete },
    { "LogonNetwork", RASCS_LogonNetwork },
    { "SubEntryConnected", RASCS_SubEntryConnected },
    { "SubEntryDisconnected", RASCS_SubEntryDisconnected },
    { "ApplySettings", RASCS_ApplySettings },
    { "Interactive", RASCS_Interactive },
    { "RetryAuthentication", RASCS_RetryAuthentication },
    { "CallbackSetByCaller", RASCS_CallbackSetByCaller },
    { "PasswordExpired", RASCS_PasswordExpired },
    { "InvokeEapUI", RASCS_InvokeEapUI },
    { "Connected", RASCS_Connected },
    { "Disconnected", RASCS_Disconnected },
};

/* ---- address parsing ---------------------------------------------------- */

/* Parses a decimal number of 1..maxdigits digits not above maxval. */
static int
parse_small(const char *s, size_t len, size_t maxdigits, uint32_t maxval, uint32_t *out)
{
    if (len == 0 || len > maxdigits || s[0] < '0' || s[0] > '9') {
        return SIM_BAD;
    }
    if (sim_parse_u32(s, len, out) != SIM_OK || *out > maxval) {
        return SIM_BAD;
    }
    return SIM_OK;
}

int
sim_parse_ipv4(const char *s, size_t len, BYTE out[4])
{
    size_t part = 0, pos = 0;
    for (part = 0; part < 4; part++) {
        const char *dot = (const char *)memchr(s + pos, '.', len - pos);
        size_t end = (part < 3 && dot != NULL) ? (size_t)(dot - s) : len;
        uint32_t v;
        if ((part < 3) != (dot != NULL && end < len) ||
            parse_small(s + pos, end - pos, 3, 255, &v) != SIM_OK) {
            return SIM_BAD;
        }
        out[part] = (BYTE)v;
        pos = end + 1;
    }
    return SIM_OK;
}

/* Parses one group of 1..4 hex digits. */
static int
parse_hex16(const char *s, size_t len, uint16_t *out)
{
    uint32_t v = 0;
    size_t i;
    if (len == 0 || len > 4) {
        return SIM_BAD;
    }
    for (i = 0; i < len; i++) {
        int d = sim_hex_digit(s[i]);
        if (d < 0) {
            return SIM_BAD;
        }
        v = v * 16 + (uint32_t)d;
    }
    *out = (uint16_t)v;
    return SIM_OK;
}

/* Parses colon-separated hex groups into words; returns the count or -1.
 * A final dotted IPv4 part (when allow_v4) counts as two groups. */
static int
parse_groups(const char *s, size_t len, uint16_t *words, int max, int allow_v4)
{
    int n = 0;
    size_t pos = 0;
    for (;;) {
        const char *colon = (const char *)memchr(s + pos, ':', len - pos);
        size_t end = colon != NULL ? (size_t)(colon - s) : len;
        BYTE v4[4];
        if (colon == NULL && allow_v4 && memchr(s + pos, '.', end - pos) != NULL) {
            if (n + 2 > max || sim_parse_ipv4(s + pos, end - pos, v4) != SIM_OK) {
                return -1;
            }
            words[n++] = (uint16_t)(v4[0] << 8 | v4[1]);
            words[n++] = (uint16_t)(v4[2] << 8 | v4[3]);
            return n;
        }
        if (n == max || parse_hex16(s + pos, end - pos, &words[n]) != SIM_OK) {
            return -1;
        }
        n++;
        if (colon == NULL) {
            return n;
        }
        pos = end + 1;
    }
}

int
sim_parse_ipv6(const char *s, size_t len, BYTE out[16])
{
    uint16_t head[8], tail[8], words[8];
    const char *dbl = NULL;
    size_t i;
    int nh = 0, nt = 0;
    for (i = 0; i + 1 < len && dbl == NULL; i++) {
        if (s[i] == ':' && s[i + 1] == ':') {
            dbl = s + i;
        }
    }
    if (dbl == NULL) {
        if (parse_groups(s, len, words, 8, 1) != 8) {
            return SIM_BAD;
        }
    } else {
        size_t hl = (size_t)(dbl - s), tl = len - hl - 2;
        if (hl > 0) {
            nh = parse_groups(s, hl, head, 7, 0);
        }
        if (tl > 0) {
            nt = parse_groups(dbl + 2, tl, tail, 7, 1);
        }
        if (nh < 0 || nt < 0 || nh + nt > 7) {
            return SIM_BAD;
        }
        memset(words, 0, sizeof words);
        memcpy(words, head, (size_t)nh * sizeof(uint16_t));
        memcpy(words + 8 - nt, tail, (size_t)nt * sizeof(uint16_t));
    }
    for (i = 0; i < 8; i++) {
        out[2 * i] = (BYTE)(words[i] >> 8);
        out[2 * i + 1] = (BYTE)(words[i] & 0xFF);
    }
    return SIM_OK;
}

/* ---- key handlers ------------------------------------------------------- */

typedef int (*key_handler)(sim_scenario *sc, const char *v, size_t n);

static int
set_string(char **dst, const char *v, size_t n, size_t max_units)
{
    if (sim_u8_wlen(v, n) > max_units) {
        return SIM_BAD;
    }
    sim_free_secret(*dst);
    *dst = sim_strndup(v, n);
    return *dst != NULL ? SIM_OK : SIM_NOMEM;
}

static int
key_user(sim_scenario *sc, const char *v, size_t n)
{
    return set_string(&sc->user, v, n, UNLEN);
}
static int
key_password(sim_scenario *sc, const char *v, size_t n)
{
    return set_string(&sc->password, v, n, PWLEN);
}
static int
key_domain(sim_scenario *sc, const char *v, size_t n)
{
    return set_string(&sc->domain, v, n, DNLEN);
}
static int
key_eap_user(sim_scenario *sc, const char *v, size_t n)
{
    return set_string(&sc->eap_user, v, n, UNLEN);
}

/* A state by name (`ConnectDevice`, `RASCS_ConnectDevice`, any case) or
 * number. */
static int
parse_state(const char *v, size_t n, int *out)
{
    size_t i;
    uint32_t num;
    if (n > 6 && memcmp(v, "RASCS_", 6) == 0) {
        v += 6;
        n -= 6;
    }
    for (i = 0; i < SIM_COUNTOF(k_state_names); i++) {
        if (sim_u8_ieq(v, n, k_state_names[i].name, strlen(k_state_names[i].name))) {
            *out = (int)k_state_names[i].state;
            return SIM_OK;
        }
    }
    if (sim_parse_u32(v, n, &num) != SIM_OK || num > 0x7FFFFFFFu) {
        return SIM_BAD;
    }
    *out = (int)num;
    return SIM_OK;
}

static int
key_fail_state(sim_scenario *sc, const char *v, size_t n)
{
    return parse_state(v, n, &sc->fail_state);
}

static int
key_u32(DWORD *dst, const char *v, size_t n)
{
    uint32_t num;
    if (sim_parse_u32(v, n, &num) != SIM_OK) {
        return SIM_BAD;
    }
    *dst = num;
    return SIM_OK;
}

static int
key_fail_error(sim_scenario *sc, const char *v, size_t n)
{
    return key_u32(&sc->fail_error, v, n) == SIM_OK && sc->fail_error != 0 ? SIM_OK : SIM_BAD;
}
static int
key_delay(sim_scenario *sc, const char *v, size_t n)
{
    return key_u32(&sc->state_delay_ms, v, n);
}
static int
key_fail_count(sim_scenario *sc, const char *v, size_t n)
{
    sc->has_fail_count = 1;
    return key_u32(&sc->fail_count, v, n);
}
static int
key_drop_after(sim_scenario *sc, const char *v, size_t n)
{
    sc->has_drop = 1;
    return key_u32(&sc->drop_after_ms, v, n);
}
static int
key_drop_error(sim_scenario *sc, const char *v, size_t n)
{
    return key_u32(&sc->drop_error, v, n) == SIM_OK && sc->drop_error != 0 ? SIM_OK : SIM_BAD;
}

static int
key_rate_out(sim_scenario *sc, const char *v, size_t n)
{
    return key_u32(&sc->bytes_out_per_sec, v, n);
}
static int
key_rate_in(sim_scenario *sc, const char *v, size_t n)
{
    return key_u32(&sc->bytes_in_per_sec, v, n);
}
static int
key_bps(sim_scenario *sc, const char *v, size_t n)
{
    return key_u32(&sc->bps, v, n);
}

static int
key_ip(sim_scenario *sc, const char *v, size_t n)
{
    sc->addrs.has_ip = 1;
    return sim_parse_ipv4(v, n, sc->addrs.ip);
}
static int
key_server_ip(sim_scenario *sc, const char *v, size_t n)
{
    sc->addrs.has_server_ip = 1;
    return sim_parse_ipv4(v, n, sc->addrs.server_ip);
}
static int
key_ip6(sim_scenario *sc, const char *v, size_t n)
{
    sc->addrs.has_ip6 = 1;
    return sim_parse_ipv6(v, n, sc->addrs.ip6);
}
static int
key_server_ip6(sim_scenario *sc, const char *v, size_t n)
{
    sc->addrs.has_server_ip6 = 1;
    return sim_parse_ipv6(v, n, sc->addrs.server_ip6);
}

static int
key_dns_suffix(sim_scenario *sc, const char *v, size_t n)
{
    if (sim_u8_wlen(v, n) > RAS_MaxDnsSuffix) {
        return SIM_BAD;
    }
    sc->addrs.has_dns_suffix = 1;
    sim_u8_to_wbuf(v, n, sc->addrs.dns_suffix, SIM_COUNTOF(sc->addrs.dns_suffix));
    return SIM_OK;
}

static int
key_bool(int *dst, const char *v, size_t n)
{
    uint32_t num;
    if (sim_parse_u32(v, n, &num) != SIM_OK || num > 1) {
        return SIM_BAD;
    }
    *dst = (int)num;
    return SIM_OK;
}

static int
key_vpn_type(sim_scenario *sc, const char *v, size_t n)
{
    if (sim_u8_ieq(v, n, "IKEv2", 5)) {
        sc->ikev2 = 1;
    } else if (sim_u8_ieq(v, n, "PPP", 3)) {
        sc->ikev2 = 0;
    } else {
        return SIM_BAD;
    }
    return SIM_OK;
}

static int
key_eap_ui(sim_scenario *sc, const char *v, size_t n)
{
    return key_bool(&sc->eap_ui, v, n);
}
static int
key_password_expired(sim_scenario *sc, const char *v, size_t n)
{
    return key_bool(&sc->password_expired, v, n);
}
static int
key_interactive(sim_scenario *sc, const char *v, size_t n)
{
    return key_bool(&sc->interactive, v, n);
}

/* Callback=None|Preset|SetByCaller (any case). */
static int
key_callback(sim_scenario *sc, const char *v, size_t n)
{
    static const struct {
        const char *name;
        int value;
    } k_modes[] = {
        { "None", SIM_CALLBACK_NONE },
        { "Preset", SIM_CALLBACK_PRESET },
        { "SetByCaller", SIM_CALLBACK_CALLER },
    };
    size_t i;
    for (i = 0; i < SIM_COUNTOF(k_modes); i++) {
        if (sim_u8_ieq(v, n, k_modes[i].name, strlen(k_modes[i].name))) {
            sc->callback = k_modes[i].value;
            return SIM_OK;
        }
    }
    return SIM_BAD;
}

/* CallbackNumber=: a number RAS accepts, not empty. */
static int
key_callback_number(sim_scenario *sc, const char *v, size_t n)
{
    int rc = n == 0 ? SIM_BAD : set_string(&sc->callback_number, v, n, RAS_MaxCallbackNumber);
    return rc == SIM_OK && !sim_callback_number_ok(sc->callback_number) ? SIM_BAD : rc;
}

/* Comma-separated IPv4 / IPv6 addresses (spaces allowed around them). */
static int
key_server_addrs(sim_scenario *sc, const char *v, size_t n)
{
    sim_addrs *a = &sc->addrs;
    size_t pos = 0;
    a->n_extra4 = a->n_extra6 = 0;
    while (pos < n) {
        const char *comma = (const char *)memchr(v + pos, ',', n - pos);
        size_t end = comma != NULL ? (size_t)(comma - v) : n, b = pos, e = end;
        while (b < e && v[b] == ' ') {
            b++;
        }
        while (e > b && v[e - 1] == ' ') {
            e--;
        }
        if (memchr(v + b, ':', e - b) != NULL) {
            if (a->n_extra6 == SIM_MAX_EXTRA_ADDRS ||
                sim_parse_ipv6(v + b, e - b, a->extra6[a->n_extra6]) != SIM_OK) {
                return SIM_BAD;
            }
            a->n_extra6++;
        } else {
            if (a->n_extra4 == SIM_MAX_EXTRA_ADDRS ||
                sim_parse_ipv4(v + b, e - b, a->extra4[a->n_extra4]) != SIM_OK) {
                return SIM_BAD;
            }
            a->n_extra4++;
        }
        pos = end + 1;
    }
    return SIM_OK;
}

static int
key_eap_info(sim_scenario *sc, const char *v, size_t n)
{
    free(sc->eap_info);
    sc->eap_info = NULL;
    if (n > 2 * 65536) {
        return SIM_BAD;
    }
    return sim_hex_decode(v, n, &sc->eap_info, &sc->eap_info_len);
}

/* AdminPolicy=: not empty, and only where hooks are registered (the
 * extension's; the DLL has none). */
static int
key_admin_policy(sim_scenario *sc, const char *v, size_t n)
{
    if (n == 0 || !sim_admin_available()) {
        return SIM_BAD;
    }
    return set_string(&sc->admin_policy, v, n, SIM_MAX_ADMIN_POLICY);
}

/* AdminDll=: not empty; Windows builds only (where DLLs can be loaded). */
static int
key_admin_dll(sim_scenario *sc, const char *v, size_t n)
{
#ifdef _WIN32
    if (n == 0) {
        return SIM_BAD;
    }
    return set_string(&sc->admin_dll, v, n, SIM_MAX_ADMIN_POLICY);
#else
    (void)sc;
    (void)v;
    (void)n;
    return SIM_BAD;
#endif
}

static const struct {
    const char *key;
    key_handler handler;
} k_keys[] = {
    { "User", key_user },
    { "Password", key_password },
    { "Domain", key_domain },
    { "FailState", key_fail_state },
    { "FailError", key_fail_error },
    { "FailCount", key_fail_count },
    { "StateDelayMs", key_delay },
    { "DropAfterMs", key_drop_after },
    { "DropError", key_drop_error },
    { "BytesPerSecondOut", key_rate_out },
    { "BytesPerSecondIn", key_rate_in },
    { "Bps", key_bps },
    { "IpAddress", key_ip },
    { "ServerIpAddress", key_server_ip },
    { "Ipv6Address", key_ip6 },
    { "ServerIpv6Address", key_server_ip6 },
    { "DnsSuffix", key_dns_suffix },
    { "EapUser", key_eap_user },
    { "EapInfo", key_eap_info },
    { "VpnType", key_vpn_type },
    { "InvokeEapUI", key_eap_ui },
    { "ServerAddresses", key_server_addrs },
    { "Callback", key_callback },
    { "CallbackNumber", key_callback_number },
    { "PasswordExpired", key_password_expired },
    { "Interactive", key_interactive },
    { "AdminPolicy", key_admin_policy },
    { "AdminDll", key_admin_dll },
};

/* ---- loading ------------------------------------------------------------ */

/* Blank lines and ; or # comments. */
static int
is_ignorable(const char *line)
{
    char c = line[strspn(line, " \t")];
    return c == '\0' || c == ';' || c == '#';
}

/* StateDelayMs.<State>=ms: the state (one the dial announces in a running
 * state: sim_running_state) named after the dot. */
static int
key_state_delay(sim_scenario *sc, const char *name, size_t nlen, const char *v, size_t n)
{
    int state;
    size_t i;
    DWORD ms;
    if (parse_state(name, nlen, &state) != SIM_OK || !sim_running_state(state) ||
        key_u32(&ms, v, n) != SIM_OK) {
        return SIM_BAD;
    }
    for (i = 0; i < sc->n_state_delays && (int)sc->delay_state[i] != state; i++)
        ;
    if (i == SIM_MAX_STATE_DELAYS) {
        return SIM_BAD;
    }
    sc->delay_state[i] = (RASCONNSTATE)state;
    sc->delay_ms[i] = ms;
    if (i == sc->n_state_delays) {
        sc->n_state_delays++;
    }
    return SIM_OK;
}

#define SIM_STATE_DELAY_PREFIX "StateDelayMs."

static int
apply_line(sim_scenario *sc, const char *line, int *fail_error_seen)
{
    const char *k, *v;
    size_t klen, vlen, i, plen = strlen(SIM_STATE_DELAY_PREFIX);
    if (!sim_ini_line_kv(line, &k, &klen, &v, &vlen)) {
        return is_ignorable(line) ? SIM_OK : SIM_BAD;
    }
    if (klen > plen && memcmp(k, SIM_STATE_DELAY_PREFIX, plen) == 0) {
        return key_state_delay(sc, k + plen, klen - plen, v, vlen);
    }
    for (i = 0; i < SIM_COUNTOF(k_keys); i++) {
        if (strlen(k_keys[i].key) == klen && memcmp(k_keys[i].key, k, klen) == 0) {
            if (k_keys[i].handler == key_fail_error) {
                *fail_error_seen = 1;
            }
            return k_keys[i].handler(sc, v, vlen);
        }
    }
    return SIM_BAD;
}

static int
apply_section(sim_scenario *sc, const sim_ini *ini, size_t h)
{
    size_t i, end = sim_ini_section_end(ini, h);
    int fail_error_seen = 0, rc = SIM_OK;
    for (i = h + 1; i < end && rc == SIM_OK; i++) {
        rc = apply_line(sc, ini->lines[i], &fail_error_seen);
    }
    if (rc != SIM_OK) {
        return rc;
    }
    if ((fail_error_seen || sc->has_fail_count) && sc->fail_state < 0) {
        return SIM_BAD;
    }
    if (sc->fail_state >= 0 &&
        (!sim_running_state(sc->fail_state) || sc->fail_state == (int)RASCS_AuthRetry)) {
        return SIM_BAD;
    }
    /* A Preset callback needs its number; only a Preset callback has one. */
    if ((sc->callback == SIM_CALLBACK_PRESET) != (sc->callback_number != NULL)) {
        return SIM_BAD;
    }
    /* one server policy: Python's or the DLLs' */
    if (sc->admin_policy != NULL && sc->admin_dll != NULL) {
        return SIM_BAD;
    }
    return SIM_OK;
}

static void
scenario_init(sim_scenario *sc)
{
    memset(sc, 0, sizeof *sc);
    sc->fail_state = -1;
    sc->fail_error = ERROR_FROM_DEVICE;
    sc->drop_error = ERROR_DISCONNECTION;
    sc->bytes_out_per_sec = SIM_DEFAULT_BYTES_OUT_PER_SEC;
    sc->bytes_in_per_sec = SIM_DEFAULT_BYTES_IN_PER_SEC;
    sc->bps = SIM_DEFAULT_BPS;
}

static DWORD
read_scenario(const char *path, sim_ini *ini)
{
    int io = sim_ini_load(ini, path);
    if (io == SIM_IO_OK) {
        return 0;
    }
    return io == SIM_IO_NOMEM ? ERROR_NOT_ENOUGH_MEMORY : ERROR_READING_INI_FILE;
}

DWORD
sim_scenario_load(const char *entry, sim_scenario *sc)
{
    sim_ini ini;
    size_t h = SIM_INI_NONE;
    char *path = sim_env_get("RASSIM_SCENARIO");
    DWORD rc;
    int prc;
    scenario_init(sc);
    if (path == NULL) {
        return 0;
    }
    rc = read_scenario(path, &ini);
    free(path);
    if (rc != 0) {
        return rc;
    }
    if (entry != NULL && entry[0] != '\0') {
        h = sim_ini_find_section(&ini, entry, strlen(entry));
    }
    if (h == SIM_INI_NONE) {
        h = sim_ini_find_section(&ini, "*", 1);
    }
    prc = h != SIM_INI_NONE ? apply_section(sc, &ini, h) : SIM_OK;
    sim_ini_free(&ini);
    if (prc != SIM_OK) {
        sim_scenario_free(sc);
    }
    if (prc == SIM_OK) {
        return 0;
    }
    return prc == SIM_NOMEM ? ERROR_NOT_ENOUGH_MEMORY : ERROR_BAD_USAGE_IN_INI_FILE;
}

void
sim_scenario_free(sim_scenario *sc)
{
    sim_free_secret(sc->user);
    sim_free_secret(sc->password);
    sim_free_secret(sc->domain);
    sim_free_secret(sc->eap_user);
    free(sc->callback_number);
    free(sc->admin_policy);
    free(sc->admin_dll);
    if (sc->eap_info != NULL) {
        sim_secure_zero(sc->eap_info, sc->eap_info_len);
        free(sc->eap_info);
    }
    scenario_init(sc);
}
