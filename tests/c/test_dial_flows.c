/*
 * test_dial_flows.c -- C tests of RasDialW's documented flows: callback
 * (Preset, Set By Caller), an expired password and a terminal step, paused
 * and resumed with RASDIALFUNC (type 0) and RASDIALFUNC1 (type 1) notifiers
 * (dial.c, conntable.c, scenario.c).  tests/test_dial_flows.py covers the
 * same flows from Python.
 */
#include "simtest.h"

#define NFLOW 32

/* The recorded states equal want[0..n) and every error is 0 but the last,
 * which is last_err. */
static void
check_states(const recorder *r, const RASCONNSTATE *want, size_t n, DWORD last_err)
{
    size_t i;
    CHECK_EQ(r->n, n);
    for (i = 0; i < n && i < r->n; i++) {
        CHECK_EQ(r->ev[i].state, want[i]);
        CHECK_EQ(r->ev[i].err, i + 1 == n ? last_err : 0);
        CHECK_EQ(r->ev[i].msg, WM_RASDIALEVENT);
    }
}

/* Appends the states of src to dst at *n. */
static void
put(RASCONNSTATE *dst, size_t *n, const RASCONNSTATE *src, size_t count)
{
    size_t i;
    for (i = 0; i < count && *n < NFLOW; i++) {
        dst[(*n)++] = src[i];
    }
}

/* k_seq with extra states inserted after the state `after`. */
static size_t
seq_with(RASCONNSTATE *out, RASCONNSTATE after, const RASCONNSTATE *extra, size_t n_extra)
{
    size_t i, n = 0;
    for (i = 0; i < 12; i++) {
        put(out, &n, &k_seq[i], 1);
        if (k_seq[i] == after) {
            put(out, &n, extra, n_extra);
        }
    }
    return n;
}

static const RASCONNSTATE k_callback[] = {
    RASCS_AuthCallback,      RASCS_CallbackSetByCaller, RASCS_PrepareForCallback,
    RASCS_WaitForModemReset, RASCS_WaitForCallback,     RASCS_CallbackComplete,
    RASCS_ReAuthenticate,
};

static void
paused_ext(RASDIALEXTENSIONS *ext)
{
    memset(ext, 0, sizeof *ext);
    ext->dwSize = sizeof *ext;
    ext->dwfOptions = RDEOPT_PausedStates;
}

/* Dials with a notifier of type (0 or 1), waits until paused in state. */
static HRASCONN
dial_until(RASDIALEXTENSIONS *ext, RASDIALPARAMSW *p, DWORD type, RASCONNSTATE state)
{
    HRASCONN h = NULL;
    LPVOID fn = type == 0 ? (LPVOID)cb0 : (LPVOID)cb1;
    CHECK_EQ(dial_fresh(ext, W(PBK), p, type, fn, &h), 0);
    CHECK(sim_conn_debug_wait_state(h, state, TIMEOUT_MS));
    return h;
}

static void
resume(RASDIALEXTENSIONS *ext, RASDIALPARAMSW *p, DWORD type, HRASCONN h)
{
    HRASCONN h2 = h;
    LPVOID fn = type == 0 ? (LPVOID)cb0 : (LPVOID)cb1;
    CHECK_EQ(RasDialW(ext, W(PBK), p, type, fn, &h2), 0);
    CHECK(h2 == h);
}

/* Set By Caller, asked in RASCS_CallbackSetByCaller, with each notifier. */
SIMTEST(flow_callback_set_by_caller)
{
    RASDIALEXTENSIONS ext;
    RASDIALPARAMSW p;
    RASCONNSTATE want[NFLOW];
    recorder r;
    DWORD type;
    paused_ext(&ext);
    scenario("[Office VPN]\nCallback=SetByCaller\n");
    for (type = 0; type <= 1; type++) {
        HRASCONN h, h2;
        size_t n;
        rec_init(&r);
        g_rec = &r;
        dial_params(&p, "Office VPN");
        WSET(p.szCallbackNumber, "*");
        h = dial_until(&ext, &p, type, RASCS_CallbackSetByCaller);
        CHECK(rec_wait_count(&r, 8));
        check_status(h, RASCS_CallbackSetByCaller, 0);
        /* a synchronous resume and one of the other type are refused */
        WSET(p.szCallbackNumber, "555 0100");
        h2 = h;
        CHECK_EQ(RasDialW(&ext, W(PBK), &p, 0, NULL, &h2), ERROR_INVALID_PARAMETER);
        CHECK_EQ(RasDialW(&ext, W(PBK), &p, 1 - type, type ? (LPVOID)cb0 : (LPVOID)cb1, &h2),
                 ERROR_INVALID_PARAMETER);
        resume(&ext, &p, type, h);
        CHECK(sim_conn_debug_wait_state(h, RASCS_Connected, TIMEOUT_MS));
        n = seq_with(want, RASCS_Authenticate, k_callback, SIM_COUNTOF(k_callback));
        CHECK(rec_wait_count(&r, n));
        check_states(&r, want, n, 0);
        if (type == 1) {
            size_t i;
            for (i = 0; i < r.n; i++) {
                CHECK(r.ev[i].h == h);
            }
        }
        CHECK_EQ(RasHangUpW(h), 0);
    }
    CHECK(sim_conn_debug_wait_idle(TIMEOUT_MS));
    scenario(NULL);
}

/* Preset: no question, the callback states, whatever szCallbackNumber says;
 * a bad number at once for Set By Caller fails in RASCS_AuthCallback. */
SIMTEST(flow_callback_preset_and_bad_number)
{
    RASDIALPARAMSW p;
    RASCONNSTATE want[NFLOW];
    recorder r;
    HRASCONN h = NULL;
    size_t n;
    rec_init(&r);
    g_rec = &r;
    scenario("[Office VPN]\nCallback=Preset\nCallbackNumber=555 0100\n");
    dial_params(&p, "Office VPN");
    WSET(p.szCallbackNumber, "garbage!");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, (LPVOID)cb0, &h), 0);
    CHECK(sim_conn_debug_wait_state(h, RASCS_Connected, TIMEOUT_MS));
    n = seq_with(want, RASCS_Authenticate, k_callback + 2, SIM_COUNTOF(k_callback) - 2);
    CHECK(rec_wait_count(&r, n));
    check_states(&r, want, n, 0);
    CHECK_EQ(RasHangUpW(h), 0);
    /* Set By Caller, a number with a character RAS refuses */
    scenario("[Office VPN]\nCallback=SetByCaller\n");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), ERROR_INVALID_CALLBACK_NUMBER);
    check_status(h, RASCS_AuthCallback, ERROR_INVALID_CALLBACK_NUMBER);
    CHECK_EQ(RasHangUpW(h), 0);
    /* "*" without paused states and no saved number */
    WSET(p.szCallbackNumber, "*");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), ERROR_INTERACTIVE_MODE);
    check_status(h, RASCS_CallbackSetByCaller, ERROR_INTERACTIVE_MODE);
    CHECK_EQ(RasHangUpW(h), 0);
    CHECK(sim_conn_debug_wait_idle(TIMEOUT_MS));
    scenario(NULL);
}

/* An expired password: paused, changed, then the only one the server takes. */
SIMTEST(flow_password_expired)
{
    static const RASCONNSTATE k_change[] = { RASCS_PasswordExpired, RASCS_AuthChangePassword };
    RASDIALEXTENSIONS ext;
    RASDIALPARAMSW p;
    RASCONNSTATE want[NFLOW];
    recorder r;
    HRASCONN h = NULL;
    size_t n;
    paused_ext(&ext);
    rec_init(&r);
    g_rec = &r;
    scenario("[Office VPN]\nUser=alice\nPassword=old\nPasswordExpired=1\n");
    dial_params(&p, "Office VPN");
    WSET(p.szUserName, "alice");
    WSET(p.szPassword, "old");
    /* without paused states: 648 in RASCS_PasswordExpired */
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), ERROR_PASSWD_EXPIRED);
    check_status(h, RASCS_PasswordExpired, ERROR_PASSWD_EXPIRED);
    CHECK_EQ(RasHangUpW(h), 0);
    /* paused; an empty new password is refused with 709 */
    h = dial_until(&ext, &p, 1, RASCS_PasswordExpired);
    WSET(p.szPassword, "");
    resume(&ext, &p, 1, h);
    CHECK(sim_conn_debug_wait_idle(TIMEOUT_MS));
    check_status(h, RASCS_AuthChangePassword, ERROR_CHANGING_PASSWORD);
    CHECK_EQ(RasHangUpW(h), 0);
    /* paused again (nothing changed); a new one is taken */
    rec_init(&r);
    WSET(p.szPassword, "old");
    h = dial_until(&ext, &p, 1, RASCS_PasswordExpired);
    WSET(p.szPassword, "new");
    resume(&ext, &p, 1, h);
    CHECK(sim_conn_debug_wait_state(h, RASCS_Connected, TIMEOUT_MS));
    n = seq_with(want, RASCS_Authenticate, k_change, SIM_COUNTOF(k_change));
    CHECK(rec_wait_count(&r, n));
    check_states(&r, want, n, 0);
    CHECK_EQ(RasHangUpW(h), 0);
    /* the server now takes the new password, not the old one */
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), 0);
    CHECK_EQ(RasHangUpW(h), 0);
    WSET(p.szPassword, "old");
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), ERROR_AUTHENTICATION_FAILURE);
    CHECK_EQ(RasHangUpW(h), 0);
    /* RasSimReset forgets the change */
    RasSimReset();
    CHECK_EQ(dial_fresh(NULL, W(PBK), &p, 0, NULL, &h), ERROR_PASSWD_EXPIRED);
    CHECK_EQ(RasHangUpW(h), 0);
    CHECK(sim_conn_debug_wait_idle(TIMEOUT_MS));
    scenario(NULL);
}

/* A terminal step after RASCS_DeviceConnected. */
SIMTEST(flow_interactive)
{
    static const RASCONNSTATE k_terminal[] = { RASCS_Interactive };
    RASDIALEXTENSIONS ext;
    RASDIALPARAMSW p;
    RASCONNSTATE want[NFLOW];
    recorder r;
    HRASCONN h = NULL;
    size_t n;
    paused_ext(&ext);
    scenario("[Office VPN]\nInteractive=1\n");
    dial_params(&p, "Office VPN");
    CHECK_EQ(dial_fresh(&ext, W(PBK), &p, 0, NULL, &h), ERROR_INTERACTIVE_MODE);
    check_status(h, RASCS_Interactive, ERROR_INTERACTIVE_MODE);
    CHECK_EQ(RasHangUpW(h), 0);
    rec_init(&r);
    g_rec = &r;
    h = dial_until(&ext, &p, 0, RASCS_Interactive);
    resume(&ext, &p, 0, h);
    CHECK(sim_conn_debug_wait_state(h, RASCS_Connected, TIMEOUT_MS));
    n = seq_with(want, RASCS_DeviceConnected, k_terminal, 1);
    CHECK(rec_wait_count(&r, n));
    check_states(&r, want, n, 0);
    CHECK_EQ(RasHangUpW(h), 0);
    /* hung up while paused: nothing more is notified */
    rec_init(&r);
    h = dial_until(&ext, &p, 1, RASCS_Interactive);
    CHECK_EQ(RasHangUpW(h), 0);
    CHECK(sim_conn_debug_wait_idle(TIMEOUT_MS));
    CHECK_EQ(r.ev[r.n - 1].state, RASCS_Interactive);
    scenario(NULL);
}
