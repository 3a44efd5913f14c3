/*
 * dial.c -- the dial family: RasDialW, RasHangUpW.  Checks the caller's
 * RASDIALPARAMSW and RASDIALEXTENSIONS, resolves what is dialled (an entry
 * of the phonebook or a bare number), the credentials the dial presents and
 * the scenario's plan, and hands the dial to the connection table
 * (conntable.c), which runs it.
 */
#include "common.h"
#include "dial.h"
#include "calllog.h"
#include "conntable.h"
#include "credstore.h"
#include "phonebook.h"
#include "scenario.h"
#include "structs.h"
#include "utf.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* Device of a dial without a phonebook entry. */
#define SIM_NUMBER_DEVICE_TYPE "modem"
#define SIM_NUMBER_DEVICE_NAME "Simulated Modem"

/* ---- RasDialW ----------------------------------------------------------- */

static const struct {
    size_t offset, cap;
} k_dial_strings[] = {
    { offsetof(RASDIALPARAMSW, szEntryName), RAS_MaxEntryName + 1 },
    { offsetof(RASDIALPARAMSW, szPhoneNumber), RAS_MaxPhoneNumber + 1 },
    { offsetof(RASDIALPARAMSW, szCallbackNumber), RAS_MaxCallbackNumber + 1 },
    { offsetof(RASDIALPARAMSW, szUserName), UNLEN + 1 },
    { offsetof(RASDIALPARAMSW, szPassword), PWLEN + 1 },
    { offsetof(RASDIALPARAMSW, szDomain), DNLEN + 1 },
};

/* dwSize and terminated strings of a RASDIALPARAMSW. */
DWORD
sim_dial_params_check(const RASDIALPARAMSW *p)
{
    size_t i;
    if (p == NULL) {
        return ERROR_INVALID_PARAMETER;
    }
    if (!sim_struct_size_ok(SIM_RASDIALPARAMS, p->dwSize)) {
        return ERROR_INVALID_SIZE;
    }
    for (i = 0; i < SIM_COUNTOF(k_dial_strings); i++) {
        const WCHAR *f = (const WCHAR *)(const void *)((const char *)p + k_dial_strings[i].offset);
        if (!sim_wfield_ok(f, k_dial_strings[i].cap)) {
            return ERROR_INVALID_PARAMETER;
        }
    }
    return 0;
}

static DWORD
check_dial_args(const RASDIALEXTENSIONS *ext, const RASDIALPARAMSW *p, DWORD type, LPVOID notifier)
{
    DWORD rc = sim_dial_params_check(p);
    if (rc != 0) {
        return rc;
    }
    if (ext != NULL && !sim_struct_size_ok(SIM_RASDIALEXTENSIONS, ext->dwSize)) {
        return ERROR_INVALID_SIZE;
    }
    if (notifier != NULL && type > 2 && type != SIM_NOTIFY_HWND) {
        return ERROR_INVALID_PARAMETER;
    }
    return 0;
}

/* Everything gathered while preparing a dial. */
typedef struct dial_ctx {
    sim_pbk pbk;
    size_t entry; /* header in pbk, or SIM_INI_NONE for a number dial */
    char *name;   /* entry name as in the phonebook, or "." + number */
    char *number; /* szPhoneNumber given */
    char *user, *password, *domain;
    sim_scenario sc;
} dial_ctx;

static void
dial_ctx_free(dial_ctx *x)
{
    sim_pbk_free(&x->pbk);
    free(x->name);
    free(x->number);
    sim_free_secret(x->user);
    sim_free_secret(x->password);
    sim_free_secret(x->domain);
    sim_scenario_free(&x->sc);
}

/* Device and phone number of a phonebook entry. */
static DWORD
describe_entry(dial_ctx *x, sim_conn_info *info)
{
    char *type = sim_pbk_value_or(&x->pbk, x->entry, "DEVICE", SIM_DEFAULT_DEVICE_TYPE);
    char *name = sim_pbk_value_or(&x->pbk, x->entry, "Device", SIM_DEFAULT_DEVICE_NAME);
    char *phone = x->number[0] != '\0' ? sim_strdup(x->number)
                                       : sim_pbk_value_or(&x->pbk, x->entry, "PhoneNumber", "");
    DWORD rc = (type && name && phone) ? 0 : ERROR_NOT_ENOUGH_MEMORY;
    if (rc == 0) {
        SIM_TEXT_TO_FIELD(type, info->device_type);
        SIM_TEXT_TO_FIELD(name, info->device_name);
        SIM_TEXT_TO_FIELD(phone, info->phone_number);
        sim_pbk_entry_guid(&x->pbk, x->entry, &info->guid_entry);
    }
    free(type);
    free(name);
    free(phone);
    return rc;
}

/* A dial without an entry: named "." + number, on a modem. */
static DWORD
number_target(LPCWSTR phonebook, dial_ctx *x, sim_dial_request *req)
{
    sim_buf b = { 0 };
    DWORD rc;
    if (x->number[0] == '\0') {
        return ERROR_CANNOT_FIND_PHONEBOOK_ENTRY;
    }
    rc = sim_pbk_resolve(phonebook, &x->pbk.path);
    sim_buf_adds(&b, ".");
    sim_buf_adds(&b, x->number);
    free(x->name);
    x->name = b.data;
    if (rc == 0 && b.failed) {
        rc = ERROR_NOT_ENOUGH_MEMORY;
    }
    if (rc != 0) {
        return rc;
    }
    SIM_TEXT_TO_FIELD(SIM_NUMBER_DEVICE_TYPE, req->info.device_type);
    SIM_TEXT_TO_FIELD(SIM_NUMBER_DEVICE_NAME, req->info.device_name);
    SIM_TEXT_TO_FIELD(x->number, req->info.phone_number);
    return 0;
}

/* A dial of a phonebook entry (the name is taken as written in the file). */
static DWORD
entry_target(LPCWSTR phonebook, dial_ctx *x, sim_dial_request *req)
{
    DWORD rc = sim_pbk_open_entry(phonebook, x->name, &x->pbk, &x->entry);
    if (rc != 0) {
        return rc;
    }
    free(x->name);
    rc = sim_pbk_canonical_name(&x->pbk, x->entry, &x->name);
    return rc == 0 ? describe_entry(x, &req->info) : rc;
}

/* Resolves what is dialled: an entry of the phonebook, or a bare number. */
static DWORD
dial_target(LPCWSTR phonebook, const RASDIALPARAMSW *p, dial_ctx *x, sim_dial_request *req)
{
    DWORD rc = SIM_FIELD_TO_U8(p->szEntryName, &x->name);
    if (rc == 0) {
        rc = SIM_FIELD_TO_U8(p->szPhoneNumber, &x->number);
    }
    if (rc == 0) {
        rc =
            x->name[0] == '\0' ? number_target(phonebook, x, req) : entry_target(phonebook, x, req);
    }
    if (rc != 0) {
        return rc;
    }
    SIM_TEXT_TO_FIELD(x->name, req->info.entry);
    SIM_TEXT_TO_FIELD(x->pbk.path, req->info.phonebook);
    req->phonebook = x->pbk.path;
    req->entry = x->entry != SIM_INI_NONE ? x->name : NULL;
    req->name = x->name;
    return 0;
}

/* Picks the given value, or the saved one when use_saved. */
static DWORD
pick(const WCHAR *given, size_t cap, int use_saved, char **saved, char **out)
{
    if (!use_saved) {
        return sim_field_to_u8(given, cap, out);
    }
    *out = *saved != NULL ? *saved : sim_strdup("");
    *saved = NULL;
    return *out != NULL ? 0 : ERROR_NOT_ENOUGH_MEMORY;
}

/* The credentials the dial presents: saved ones when user and password are
 * both empty, the saved password for the password handle, the saved domain
 * for "*" (or for an empty domain when the saved credentials are used). */
static DWORD
dial_credentials(const RASDIALPARAMSW *p, dial_ctx *x)
{
    sim_creds saved = { 0 };
    int both_empty = p->szUserName[0] == 0 && p->szPassword[0] == 0;
    int saved_pw = both_empty || sim_is_password_handle(p->szPassword);
    int saved_domain =
        (p->szDomain[0] == '*' && p->szDomain[1] == 0) || (both_empty && p->szDomain[0] == 0);
    DWORD rc = 0;
    if (x->entry != SIM_INI_NONE && (both_empty || saved_pw || saved_domain)) {
        rc = sim_creds_load(&x->pbk, x->name, &saved);
    }
    if (rc == 0) {
        rc = pick(p->szUserName, SIM_COUNTOF(p->szUserName), both_empty, &saved.user, &x->user);
    }
    if (rc == 0) {
        rc = pick(p->szPassword, SIM_COUNTOF(p->szPassword), saved_pw, &saved.password,
                  &x->password);
    }
    if (rc == 0) {
        rc = pick(p->szDomain, SIM_COUNTOF(p->szDomain), saved_domain, &saved.domain, &x->domain);
    }
    sim_creds_clear(&saved);
    return rc;
}

/* The server's side of the account: a password an earlier dial changed
 * (RASCS_PasswordExpired) replaces the scenario's Password= and is no longer
 * expired. */
static DWORD
apply_changed_password(dial_ctx *x, const sim_dial_request *req)
{
    char *changed = NULL;
    DWORD rc = sim_conn_changed_password(req->phonebook, req->name, &changed);
    if (rc == 0 && changed != NULL) {
        sim_free_secret(x->sc.password);
        x->sc.password = changed;
        x->sc.password_expired = 0;
    }
    return rc;
}

/* ERROR_AUTHENTICATION_FAILURE when the scenario wants other credentials. */
static DWORD
auth_result(const dial_ctx *x)
{
    const sim_scenario *sc = &x->sc;
    if (sc->user != NULL && !sim_u8_ieq(sc->user, strlen(sc->user), x->user, strlen(x->user))) {
        return ERROR_AUTHENTICATION_FAILURE;
    }
    if (sc->password != NULL && strcmp(sc->password, x->password) != 0) {
        return ERROR_AUTHENTICATION_FAILURE;
    }
    if (sc->domain != NULL &&
        !sim_u8_ieq(sc->domain, strlen(sc->domain), x->domain, strlen(x->domain))) {
        return ERROR_AUTHENTICATION_FAILURE;
    }
    return 0;
}

static void
dial_plan(const dial_ctx *x, sim_dial_request *req)
{
    const sim_scenario *sc = &x->sc;
    req->plan.state_delay_ms = sc->state_delay_ms;
    req->plan.n_state_delays = sc->n_state_delays;
    memcpy(req->plan.delay_state, sc->delay_state, sizeof sc->delay_state);
    memcpy(req->plan.delay_ms, sc->delay_ms, sizeof sc->delay_ms);
    req->plan.has_fail_count = sc->has_fail_count;
    req->plan.fail_count = sc->fail_count;
    req->plan.fail_state = sc->fail_state;
    req->plan.fail_error = sc->fail_error;
    req->plan.auth_error = auth_result(x);
    req->plan.has_drop = sc->has_drop;
    req->plan.drop_after_ms = sc->drop_after_ms;
    req->plan.drop_error = sc->drop_error;
    req->plan.bytes_out_per_sec = sc->bytes_out_per_sec;
    req->plan.bytes_in_per_sec = sc->bytes_in_per_sec;
    req->plan.bps = sc->bps;
    req->info.addrs = sc->addrs;
    req->info.ikev2 = sc->ikev2;
    req->plan.eap_ui = sc->eap_ui;
    req->plan.interactive = sc->interactive;
    req->plan.password_expired = sc->password_expired;
    req->plan.callback = sc->callback;
    req->admin_policy = sc->admin_dll != NULL ? sc->admin_dll : sc->admin_policy;
    req->admin_dll = sc->admin_dll != NULL;
    req->user = x->user;
    req->domain = x->domain;
}

/* The saved callback number of the entry (RasSetEntryDialParams), or "". */
static DWORD
saved_callback(const dial_ctx *x, char **out)
{
    sim_creds saved = { 0 };
    DWORD rc = x->entry != SIM_INI_NONE ? sim_creds_load(&x->pbk, x->name, &saved) : 0;
    if (rc == 0) {
        *out = saved.callback != NULL ? saved.callback : sim_strdup("");
        saved.callback = NULL;
        rc = *out != NULL ? 0 : ERROR_NOT_ENOUGH_MEMORY;
    }
    sim_creds_clear(&saved);
    return rc;
}

/* A Set By Caller user's choice from szCallbackNumber: "" no callback, a
 * number, "*" to be asked (RASCS_CallbackSetByCaller, when the dial may
 * pause) or else the saved number; failing in bad_state when RAS refuses the
 * number.  "*" is only special in the first call (first). */
static DWORD
callback_choice(const dial_ctx *x, const WCHAR *given, int first, int may_pause,
                RASCONNSTATE bad_state, sim_callback_answer *a)
{
    char *number = NULL;
    DWORD rc;
    memset(a, 0, sizeof *a);
    if (first && given[0] == '*' && given[1] == 0) {
        if (may_pause) {
            a->choice = SIM_CALLBACK_ASK;
            return 0;
        }
        rc = saved_callback(x, &number);
        if (rc == 0 && number[0] == 0) { /* nothing saved: the pause it needs cannot happen */
            a->choice = SIM_CALLBACK_BAD;
            a->error = ERROR_INTERACTIVE_MODE;
            a->state = RASCS_CallbackSetByCaller;
            free(number);
            return 0;
        }
    } else {
        rc = sim_field_to_u8(given, RAS_MaxCallbackNumber + 1, &number);
    }
    if (rc != 0) {
        return rc;
    }
    a->choice = number[0] == 0 ? SIM_CALLBACK_NO : SIM_CALLBACK_YES;
    if (!sim_callback_number_ok(number)) {
        a->choice = SIM_CALLBACK_BAD;
        a->error = ERROR_INVALID_CALLBACK_NUMBER;
        a->state = bad_state;
    }
    free(number);
    return 0;
}

/* The user's answers a resuming RasDialW carries (sim_resume_answer). */
static DWORD
resume_answer(const RASDIALPARAMSW *p, const dial_ctx *x, const sim_dial_request *req,
              sim_resume_answer *a)
{
    const char *accepted = x->sc.password;
    memset(a, 0, sizeof *a);
    a->auth_error = req->plan.auth_error;
    a->new_password = x->password;
    /* The server refuses an empty password, or the one it has now. */
    if (x->password[0] == 0 || (accepted != NULL && strcmp(accepted, x->password) == 0)) {
        a->new_password_error = ERROR_CHANGING_PASSWORD;
    }
    return callback_choice(x, p->szCallbackNumber, 0, 0, RASCS_CallbackSetByCaller, &a->callback);
}

static void
dial_notifier(const RASDIALPARAMSW *p, DWORD type, LPVOID notifier, sim_dial_request *req)
{
    req->target.type = notifier != NULL ? type : SIM_NOTIFY_NONE;
    req->target.notifier = notifier;
    if (SIM_FITS(p->dwSize, RASDIALPARAMSW, dwCallbackId)) {
        req->target.callback_id = p->dwCallbackId;
        req->target.subentry = p->dwSubEntry;
    }
}

static DWORD
dial_start(const RASDIALPARAMSW *p, const dial_ctx *x, sim_dial_request *req, HRASCONN *out)
{
    int may_pause = req->plan.paused_states && req->target.type != SIM_NOTIFY_NONE;
    DWORD rc = 0;
    if (req->plan.callback == SIM_CALLBACK_CALLER) {
        rc = callback_choice(x, p->szCallbackNumber, 1, may_pause, RASCS_AuthCallback,
                             &req->plan.callback_answer);
    }
    return rc == 0 ? sim_conn_dial(req, out) : rc;
}

static DWORD
dial_resume(const RASDIALPARAMSW *p, const dial_ctx *x, const sim_dial_request *req,
            HRASCONN resume)
{
    sim_resume_answer a;
    DWORD rc = resume_answer(p, x, req, &a);
    return rc == 0 ? sim_conn_resume(resume, &req->target, &a) : rc;
}

static DWORD
dial(LPRASDIALEXTENSIONS ext, LPCWSTR phonebook, LPRASDIALPARAMSW params, DWORD type,
     LPVOID notifier, LPHRASCONN out)
{
    sim_dial_request req;
    dial_ctx x;
    HRASCONN resume;
    DWORD rc;
    if (out == NULL) {
        return ERROR_INVALID_PARAMETER;
    }
    resume = *out; /* non-NULL: resume that paused dial */
    rc = check_dial_args(ext, params, type, notifier);
    if (rc != 0) {
        return rc;
    }
    memset(&req, 0, sizeof req);
    memset(&x, 0, sizeof x);
    x.entry = SIM_INI_NONE;
    sim_ini_init(&x.pbk.ini);
    rc = dial_target(phonebook, params, &x, &req);
    if (rc == 0) {
        rc = dial_credentials(params, &x);
    }
    if (rc == 0) {
        rc = sim_scenario_load(x.name, &x.sc);
    }
    if (rc == 0) {
        rc = apply_changed_password(&x, &req);
    }
    if (rc == 0) {
        dial_plan(&x, &req);
        req.plan.paused_states = ext != NULL && (ext->dwfOptions & RDEOPT_PausedStates) != 0;
        dial_notifier(params, type, notifier, &req);
        rc = resume != NULL ? dial_resume(params, &x, &req, resume)
                            : dial_start(params, &x, &req, out);
    }
    dial_ctx_free(&x);
    return rc;
}

/* ---- the dial log ------------------------------------------------------- */

/* Copies a caller's fixed-size string field, cut at cap - 1 units (a field
 * without a terminator, which RasDialW refuses, is still recorded). */
static void
copy_field(WCHAR *dst, const WCHAR *src, size_t cap)
{
    size_t i;
    for (i = 0; i + 1 < cap && src[i] != 0; i++) {
        dst[i] = src[i];
    }
    dst[i] = 0;
}

/* What the caller passed, read only where its structures' sizes allow; the
 * password is looked at (empty? the password handle?) and never copied. */
static void
record_args(const RASDIALEXTENSIONS *ext, LPCWSTR phonebook, const RASDIALPARAMSW *p, DWORD type,
            LPVOID notifier, const HRASCONN *out, RASSIM_DIAL_RECORD *r)
{
    char *path = NULL;
    memset(r, 0, sizeof *r);
    r->ullTime = sim_wall_time();
    r->fResume = out != NULL && *out != NULL;
    r->fAsynchronous = notifier != NULL;
    r->dwNotifierType = type;
    if (notifier != NULL && type == SIM_NOTIFY_HWND) {
        r->hwnd = (HWND)notifier;
    }
    if (ext != NULL && sim_struct_size_ok(SIM_RASDIALEXTENSIONS, ext->dwSize)) {
        r->dwfOptions = ext->dwfOptions;
    }
    if (p != NULL && sim_struct_size_ok(SIM_RASDIALPARAMS, p->dwSize)) {
        WCHAR pw0 = p->szPassword[0];
        copy_field(r->szEntryName, p->szEntryName, SIM_COUNTOF(r->szEntryName));
        copy_field(r->szPhoneNumber, p->szPhoneNumber, SIM_COUNTOF(r->szPhoneNumber));
        copy_field(r->szCallbackNumber, p->szCallbackNumber, SIM_COUNTOF(r->szCallbackNumber));
        copy_field(r->szUserName, p->szUserName, SIM_COUNTOF(r->szUserName));
        copy_field(r->szDomain, p->szDomain, SIM_COUNTOF(r->szDomain));
        r->fSavedPassword =
            sim_is_password_handle(p->szPassword) || (pw0 == 0 && p->szUserName[0] == 0);
        r->fPasswordGiven = pw0 != 0 && !sim_is_password_handle(p->szPassword);
        if (SIM_FITS(p->dwSize, RASDIALPARAMSW, dwCallbackId)) {
            r->dwCallbackId = p->dwCallbackId;
            r->dwSubEntry = p->dwSubEntry;
        }
    }
    if (sim_pbk_resolve(phonebook, &path) == 0 && path != NULL) {
        SIM_TEXT_TO_FIELD(path, r->szPhonebook);
    }
    free(path);
}

DWORD WINAPI
RasDialW(LPRASDIALEXTENSIONS ext, LPCWSTR phonebook, LPRASDIALPARAMSW params, DWORD type,
         LPVOID notifier, LPHRASCONN out)
{
    RASSIM_DIAL_RECORD r;
    DWORD rc;
    record_args(ext, phonebook, params, type, notifier, out, &r);
    rc = dial(ext, phonebook, params, type, notifier, out);
    r.dwResult = rc;
    r.hrasconn = out != NULL ? *out : NULL;
    sim_log_dial(&r);
    return rc;
}

/* ---- RasHangUpW --------------------------------------------------------- */

DWORD WINAPI
RasHangUpW(HRASCONN h)
{
    RASSIM_HANGUP_RECORD r;
    int ended = 0;
    memset(&r, 0, sizeof r);
    r.ullTime = sim_wall_time();
    r.hrasconn = h;
    r.dwResult = sim_conn_hangup_ex(h, r.szEntryName, &ended);
    r.fEnded = ended;
    sim_log_hangup(&r);
    return r.dwResult;
}
