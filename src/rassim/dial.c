/*
 * dial.c -- the exported rasapi32 functions (except RasGetErrorStringW,
 * in errors.c) and the simulator extras: argument and dwSize
 * validation, buffer sizing, and conversion between the caller's UTF-16
 * structures and the simulator's internal data.
 */
#include "common.h"
#include "rassim.h"
#include "autodial.h"
#include "conntable.h"
#include "credstore.h"
#include "phonebook.h"
#include "post.h"
#include "scenario.h"
#include "structs.h"
#include "utf.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* What RasGetEntryDialParamsW returns instead of a saved password. */
#define SIM_PASSWORD_HANDLE "****************"

/* Device of a dial without a phonebook entry. */
#define SIM_NUMBER_DEVICE_TYPE "modem"
#define SIM_NUMBER_DEVICE_NAME "Simulated Modem"

/* ---- string helpers ----------------------------------------------------- */

/* New UTF-8 copy of a fixed-size field: 0, ERROR_INVALID_PARAMETER (no
 * terminator inside the field) or ERROR_NOT_ENOUGH_MEMORY. */
static DWORD field_to_u8(const WCHAR *field, size_t cap, char **out)
{
    size_t len = sim_wlen(field, cap);
    *out = NULL;
    if (len == cap)
        return ERROR_INVALID_PARAMETER;
    *out = sim_w_to_u8(field, len);
    return *out != NULL ? 0 : ERROR_NOT_ENOUGH_MEMORY;
}

#define FIELD_TO_U8(field, out) field_to_u8((field), SIM_COUNTOF(field), (out))


/* Writes UTF-8 text as a fixed-size UTF-16 field of a caller structure. */
static void put_text(void *base, DWORD size, size_t off, size_t cap, const char *text)
{
    WCHAR buf[MAX_PATH + 1]; /* the largest text field (szPhonebookPath) */
    if (cap > SIM_COUNTOF(buf))
        return;
    sim_u8_to_wbuf(text != NULL ? text : "", text != NULL ? strlen(text) : 0, buf, cap);
    sim_put(base, size, off, buf, cap * sizeof(WCHAR));
    sim_secure_zero(buf, sizeof buf);
}

#define PUT_TEXT(base, size, type, field, text)                                          \
    put_text((base), (size), offsetof(type, field),                                     \
             SIM_FIELD_SIZE(type, field) / sizeof(WCHAR), (text))

static void text_to_field(const char *text, WCHAR *field, size_t cap)
{
    sim_u8_to_wbuf(text, strlen(text), field, cap);
}

#define TEXT_TO_FIELD(text, field) text_to_field((text), (field), SIM_COUNTOF(field))

/* Looks an entry up: 0 or ERROR_CANNOT_FIND_PHONEBOOK_ENTRY. */
static DWORD find_entry(const sim_pbk *pbk, const char *name, size_t *entry)
{
    *entry = sim_pbk_find(pbk, name);
    return *entry != SIM_INI_NONE ? 0 : ERROR_CANNOT_FIND_PHONEBOOK_ENTRY;
}

/* New copy of the entry's name as written in the phonebook. */
static DWORD canonical_name(const sim_pbk *pbk, size_t entry, char **out)
{
    const char *name;
    size_t len;
    sim_pbk_entry_name(pbk, entry, &name, &len);
    *out = sim_strndup(name, len);
    return *out != NULL ? 0 : ERROR_NOT_ENOUGH_MEMORY;
}

/* Loads the phonebook and finds the named entry in it. */
static DWORD open_entry(LPCWSTR phonebook, const char *name, sim_pbk *pbk, size_t *entry)
{
    DWORD rc = sim_pbk_load(phonebook, pbk);
    if (rc == 0)
        rc = find_entry(pbk, name, entry);
    return rc;
}

/* Loads the phonebook and the entry called given (freed here); *name gets
 * the entry's name as written in the file.  pbk must be freed after. */
static DWORD load_named_entry(LPCWSTR phonebook, char *given, sim_pbk *pbk, size_t *h,
                              char **name)
{
    DWORD rc = open_entry(phonebook, given, pbk, h);
    free(given);
    *name = NULL;
    return rc == 0 ? canonical_name(pbk, *h, name) : rc;
}

/* ---- RasDialW ----------------------------------------------------------- */

static const struct {
    size_t offset, cap;
} k_dial_strings[] = {
    {offsetof(RASDIALPARAMSW, szEntryName), RAS_MaxEntryName + 1},
    {offsetof(RASDIALPARAMSW, szPhoneNumber), RAS_MaxPhoneNumber + 1},
    {offsetof(RASDIALPARAMSW, szCallbackNumber), RAS_MaxCallbackNumber + 1},
    {offsetof(RASDIALPARAMSW, szUserName), UNLEN + 1},
    {offsetof(RASDIALPARAMSW, szPassword), PWLEN + 1},
    {offsetof(RASDIALPARAMSW, szDomain), DNLEN + 1},
};

/* dwSize and terminated strings of a RASDIALPARAMSW. */
static DWORD check_dial_params(const RASDIALPARAMSW *p)
{
    size_t i;
    if (p == NULL)
        return ERROR_INVALID_PARAMETER;
    if (!sim_struct_size_ok(SIM_RASDIALPARAMS, p->dwSize))
        return ERROR_INVALID_SIZE;
    for (i = 0; i < SIM_COUNTOF(k_dial_strings); i++) {
        const WCHAR *f = (const WCHAR *)(const void *)((const char *)p + k_dial_strings[i].offset);
        if (!sim_wfield_ok(f, k_dial_strings[i].cap))
            return ERROR_INVALID_PARAMETER;
    }
    return 0;
}

static DWORD check_dial_args(const RASDIALEXTENSIONS *ext, const RASDIALPARAMSW *p,
                             DWORD type, LPVOID notifier)
{
    DWORD rc = check_dial_params(p);
    if (rc != 0)
        return rc;
    if (ext != NULL && !sim_struct_size_ok(SIM_RASDIALEXTENSIONS, ext->dwSize))
        return ERROR_INVALID_SIZE;
    if (notifier != NULL && type > 2 && type != SIM_NOTIFY_HWND)
        return ERROR_INVALID_PARAMETER;
    return 0;
}

/* Everything gathered while preparing a dial. */
typedef struct dial_ctx {
    sim_pbk pbk;
    size_t entry;       /* header in pbk, or SIM_INI_NONE for a number dial */
    char *name;         /* entry name as in the phonebook, or "." + number */
    char *number;       /* szPhoneNumber given */
    char *user, *password, *domain;
    sim_scenario sc;
} dial_ctx;

static void dial_ctx_free(dial_ctx *x)
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
static DWORD describe_entry(dial_ctx *x, sim_conn_info *info)
{
    char *type = sim_pbk_value_or(&x->pbk, x->entry, "DEVICE", SIM_DEFAULT_DEVICE_TYPE);
    char *name = sim_pbk_value_or(&x->pbk, x->entry, "Device", SIM_DEFAULT_DEVICE_NAME);
    char *phone = x->number[0] != '\0' ? sim_strdup(x->number)
                                       : sim_pbk_value_or(&x->pbk, x->entry, "PhoneNumber", "");
    DWORD rc = (type && name && phone) ? 0 : ERROR_NOT_ENOUGH_MEMORY;
    if (rc == 0) {
        TEXT_TO_FIELD(type, info->device_type);
        TEXT_TO_FIELD(name, info->device_name);
        TEXT_TO_FIELD(phone, info->phone_number);
        sim_pbk_entry_guid(&x->pbk, x->entry, &info->guid_entry);
    }
    free(type);
    free(name);
    free(phone);
    return rc;
}

/* A dial without an entry: named "." + number, on a modem. */
static DWORD number_target(LPCWSTR phonebook, dial_ctx *x, sim_dial_request *req)
{
    sim_buf b = {0};
    DWORD rc;
    if (x->number[0] == '\0')
        return ERROR_CANNOT_FIND_PHONEBOOK_ENTRY;
    rc = sim_pbk_resolve(phonebook, &x->pbk.path);
    sim_buf_adds(&b, ".");
    sim_buf_adds(&b, x->number);
    free(x->name);
    x->name = b.data;
    if (rc == 0 && b.failed)
        rc = ERROR_NOT_ENOUGH_MEMORY;
    if (rc != 0)
        return rc;
    TEXT_TO_FIELD(SIM_NUMBER_DEVICE_TYPE, req->info.device_type);
    TEXT_TO_FIELD(SIM_NUMBER_DEVICE_NAME, req->info.device_name);
    TEXT_TO_FIELD(x->number, req->info.phone_number);
    return 0;
}

/* A dial of a phonebook entry (the name is taken as written in the file). */
static DWORD entry_target(LPCWSTR phonebook, dial_ctx *x, sim_dial_request *req)
{
    DWORD rc = open_entry(phonebook, x->name, &x->pbk, &x->entry);
    if (rc != 0)
        return rc;
    free(x->name);
    rc = canonical_name(&x->pbk, x->entry, &x->name);
    return rc == 0 ? describe_entry(x, &req->info) : rc;
}

/* Resolves what is dialled: an entry of the phonebook, or a bare number. */
static DWORD dial_target(LPCWSTR phonebook, const RASDIALPARAMSW *p, dial_ctx *x,
                         sim_dial_request *req)
{
    DWORD rc = FIELD_TO_U8(p->szEntryName, &x->name);
    if (rc == 0)
        rc = FIELD_TO_U8(p->szPhoneNumber, &x->number);
    if (rc == 0)
        rc = x->name[0] == '\0' ? number_target(phonebook, x, req)
                                : entry_target(phonebook, x, req);
    if (rc != 0)
        return rc;
    TEXT_TO_FIELD(x->name, req->info.entry);
    TEXT_TO_FIELD(x->pbk.path, req->info.phonebook);
    req->phonebook = x->pbk.path;
    req->entry = x->entry != SIM_INI_NONE ? x->name : NULL;
    return 0;
}

static int is_password_handle(const WCHAR *pw)
{
    static const char handle[] = SIM_PASSWORD_HANDLE;
    size_t i;
    for (i = 0; i < sizeof handle - 1; i++) {
        if (pw[i] != (WCHAR)handle[i])
            return 0;
    }
    return pw[i] == 0;
}

/* Picks the given value, or the saved one when use_saved. */
static DWORD pick(const WCHAR *given, size_t cap, int use_saved, char **saved, char **out)
{
    if (!use_saved)
        return field_to_u8(given, cap, out);
    *out = *saved != NULL ? *saved : sim_strdup("");
    *saved = NULL;
    return *out != NULL ? 0 : ERROR_NOT_ENOUGH_MEMORY;
}

/* The credentials the dial presents: saved ones when user and password are
 * both empty, the saved password for the password handle, the saved domain
 * for "*" (or for an empty domain when the saved credentials are used). */
static DWORD dial_credentials(const RASDIALPARAMSW *p, dial_ctx *x)
{
    sim_creds saved = {0};
    int both_empty = p->szUserName[0] == 0 && p->szPassword[0] == 0;
    int saved_pw = both_empty || is_password_handle(p->szPassword);
    int saved_domain = (p->szDomain[0] == '*' && p->szDomain[1] == 0) ||
                       (both_empty && p->szDomain[0] == 0);
    DWORD rc = 0;
    if (x->entry != SIM_INI_NONE && (both_empty || saved_pw || saved_domain))
        rc = sim_creds_load(&x->pbk, x->name, &saved);
    if (rc == 0)
        rc = pick(p->szUserName, SIM_COUNTOF(p->szUserName), both_empty, &saved.user, &x->user);
    if (rc == 0)
        rc = pick(p->szPassword, SIM_COUNTOF(p->szPassword), saved_pw, &saved.password,
                  &x->password);
    if (rc == 0)
        rc = pick(p->szDomain, SIM_COUNTOF(p->szDomain), saved_domain, &saved.domain,
                  &x->domain);
    sim_creds_clear(&saved);
    return rc;
}

/* ERROR_AUTHENTICATION_FAILURE when the scenario wants other credentials. */
static DWORD auth_result(const dial_ctx *x)
{
    const sim_scenario *sc = &x->sc;
    if (sc->user != NULL && !sim_u8_ieq(sc->user, strlen(sc->user), x->user, strlen(x->user)))
        return ERROR_AUTHENTICATION_FAILURE;
    if (sc->password != NULL && strcmp(sc->password, x->password) != 0)
        return ERROR_AUTHENTICATION_FAILURE;
    if (sc->domain != NULL &&
        !sim_u8_ieq(sc->domain, strlen(sc->domain), x->domain, strlen(x->domain)))
        return ERROR_AUTHENTICATION_FAILURE;
    return 0;
}

static void dial_plan(const dial_ctx *x, sim_dial_request *req)
{
    const sim_scenario *sc = &x->sc;
    req->plan.state_delay_ms = sc->state_delay_ms;
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
}

static void dial_notifier(const RASDIALPARAMSW *p, DWORD type, LPVOID notifier,
                          sim_dial_request *req)
{
    req->target.type = notifier != NULL ? type : SIM_NOTIFY_NONE;
    req->target.notifier = notifier;
    if (SIM_FITS(p->dwSize, RASDIALPARAMSW, dwCallbackId)) {
        req->target.callback_id = p->dwCallbackId;
        req->target.subentry = p->dwSubEntry;
    }
}

DWORD WINAPI RasDialW(LPRASDIALEXTENSIONS ext, LPCWSTR phonebook, LPRASDIALPARAMSW params,
                      DWORD type, LPVOID notifier, LPHRASCONN out)
{
    sim_dial_request req;
    dial_ctx x;
    HRASCONN resume;
    DWORD rc;
    if (out == NULL)
        return ERROR_INVALID_PARAMETER;
    resume = *out; /* non-NULL: resume that paused dial */
    rc = check_dial_args(ext, params, type, notifier);
    if (rc != 0)
        return rc;
    memset(&req, 0, sizeof req);
    memset(&x, 0, sizeof x);
    x.entry = SIM_INI_NONE;
    sim_ini_init(&x.pbk.ini);
    rc = dial_target(phonebook, params, &x, &req);
    if (rc == 0)
        rc = dial_credentials(params, &x);
    if (rc == 0)
        rc = sim_scenario_load(x.name, &x.sc);
    if (rc == 0) {
        dial_plan(&x, &req);
        req.plan.paused_states = ext != NULL && (ext->dwfOptions & RDEOPT_PausedStates) != 0;
        dial_notifier(params, type, notifier, &req);
        rc = resume != NULL ? sim_conn_resume(resume, &req.target, req.plan.auth_error)
                            : sim_conn_dial(&req, out);
    }
    dial_ctx_free(&x);
    return rc;
}

/* ---- RasHangUpW, RasGetConnectStatusW ----------------------------------- */

DWORD WINAPI RasHangUpW(HRASCONN h) { return sim_conn_hangup(h); }

static void endpoint(RASTUNNELENDPOINT *ep, int has4, const BYTE *v4, int has6, const BYTE *v6)
{
    memset(ep, 0, sizeof *ep);
    if (has4) {
        ep->dwType = RASTUNNELENDPOINT_IPv4;
        memcpy(ep->addr.ipv4.addr, v4, 4);
    } else if (has6) {
        ep->dwType = RASTUNNELENDPOINT_IPv6;
        memcpy(ep->addr.ipv6.addr, v6, 16);
    }
}

static void fill_status(void *s, DWORD size, const sim_conn_info *info)
{
    RASTUNNELENDPOINT local, remote;
    RASCONNSUBSTATE sub = RASCSS_None;
    const sim_addrs *a = &info->addrs;
    int up = info->state == RASCS_Connected;
    endpoint(&local, up && a->has_ip, a->ip, up && a->has_ip6, a->ip6);
    endpoint(&remote, up && a->has_server_ip, a->server_ip, up && a->has_server_ip6,
             a->server_ip6);
    memset((char *)s + sizeof(DWORD), 0, size - sizeof(DWORD));
    SIM_PUT(s, size, RASCONNSTATUSW, rasconnstate, &info->state);
    SIM_PUT(s, size, RASCONNSTATUSW, dwError, &info->error);
    SIM_PUT(s, size, RASCONNSTATUSW, szDeviceType, info->device_type);
    SIM_PUT(s, size, RASCONNSTATUSW, szDeviceName, info->device_name);
    SIM_PUT(s, size, RASCONNSTATUSW, szPhoneNumber, info->phone_number);
    SIM_PUT(s, size, RASCONNSTATUSW, localEndPoint, &local);
    SIM_PUT(s, size, RASCONNSTATUSW, remoteEndPoint, &remote);
    SIM_PUT(s, size, RASCONNSTATUSW, rasconnsubstate, &sub);
}

DWORD WINAPI RasGetConnectStatusW(HRASCONN h, LPRASCONNSTATUSW status)
{
    sim_conn_info info;
    DWORD size, rc;
    if (status == NULL)
        return ERROR_INVALID_PARAMETER;
    size = sim_struct_read_size(status);
    if (!sim_struct_size_ok(SIM_RASCONNSTATUS, size))
        return ERROR_INVALID_SIZE;
    rc = sim_conn_get(h, &info);
    if (rc == 0)
        fill_status(status, size, &info);
    return rc;
}

/* ---- arrays: RasEnumConnectionsW, RasEnumEntriesW ----------------------- */

/* Validates the caller's array: *stride is its dwSize, or 0 for a size query
 * (NULL buffer with *lpcb == 0). */
static DWORD array_begin(const void *buf, const DWORD *lpcb, const DWORD *lpcount,
                         sim_struct_kind kind, DWORD *stride)
{
    *stride = 0;
    if (lpcb == NULL || lpcount == NULL)
        return ERROR_INVALID_PARAMETER;
    if (buf == NULL)
        return *lpcb == 0 ? 0 : ERROR_INVALID_PARAMETER;
    *stride = sim_struct_read_size(buf);
    return sim_struct_size_ok(kind, *stride) ? 0 : ERROR_INVALID_SIZE;
}

static void fill_rasconn(void *e, DWORD size, const sim_conn_info *info)
{
    DWORD sub = 1;
    SIM_PUT(e, size, RASCONNW, hrasconn, &info->handle);
    SIM_PUT(e, size, RASCONNW, szEntryName, info->entry);
    SIM_PUT(e, size, RASCONNW, szDeviceType, info->device_type);
    SIM_PUT(e, size, RASCONNW, szDeviceName, info->device_name);
    SIM_PUT(e, size, RASCONNW, szPhonebook, info->phonebook);
    SIM_PUT(e, size, RASCONNW, dwSubEntry, &sub);
    SIM_PUT(e, size, RASCONNW, guidEntry, &info->guid_entry);
    SIM_PUT(e, size, RASCONNW, dwFlags, &info->flags);
    SIM_PUT(e, size, RASCONNW, luid, &info->luid);
    SIM_PUT(e, size, RASCONNW, guidCorrelationId, &info->correlation_id);
}

DWORD WINAPI RasEnumConnectionsW(LPRASCONNW buf, LPDWORD lpcb, LPDWORD lpcConnections)
{
    sim_conn_info *infos;
    size_t n, i;
    DWORD stride, rc = array_begin(buf, lpcb, lpcConnections, SIM_RASCONN, &stride);
    if (rc != 0)
        return rc;
    rc = sim_conn_list(&infos, &n);
    if (rc == 0)
        rc = sim_array_size(n, stride, sizeof(RASCONNW), lpcb, lpcConnections);
    for (i = 0; rc == 0 && i < n; i++)
        fill_rasconn(sim_array_element(buf, stride, i), stride, &infos[i]);
    free(infos);
    return rc;
}

static size_t count_entries(const sim_pbk *pbk)
{
    size_t n = 0, h;
    for (h = sim_pbk_next_entry(pbk, 0); h != SIM_INI_NONE; h = sim_pbk_next_entry(pbk, h + 1))
        n++;
    return n;
}

static void fill_entries(const sim_pbk *pbk, void *buf, DWORD stride)
{
    DWORD flags = REN_User;
    size_t h, i = 0;
    for (h = sim_pbk_next_entry(pbk, 0); h != SIM_INI_NONE; h = sim_pbk_next_entry(pbk, h + 1)) {
        void *e = sim_array_element(buf, stride, i++);
        const char *name;
        size_t len;
        WCHAR wname[RAS_MaxEntryName + 1];
        sim_pbk_entry_name(pbk, h, &name, &len);
        sim_u8_to_wbuf(name, len, wname, SIM_COUNTOF(wname));
        SIM_PUT(e, stride, RASENTRYNAMEW, szEntryName, wname);
        SIM_PUT(e, stride, RASENTRYNAMEW, dwFlags, &flags);
        PUT_TEXT(e, stride, RASENTRYNAMEW, szPhonebookPath, pbk->path);
    }
}

DWORD WINAPI RasEnumEntriesW(LPCWSTR reserved, LPCWSTR phonebook, LPRASENTRYNAMEW buf,
                             LPDWORD lpcb, LPDWORD lpcEntries)
{
    sim_pbk pbk;
    DWORD stride, rc;
    if (reserved != NULL)
        return ERROR_INVALID_PARAMETER;
    rc = array_begin(buf, lpcb, lpcEntries, SIM_RASENTRYNAME, &stride);
    if (rc != 0)
        return rc;
    rc = sim_pbk_load(phonebook, &pbk);
    if (rc == 0)
        rc = sim_array_size(count_entries(&pbk), stride, sizeof(RASENTRYNAMEW), lpcb,
                            lpcEntries);
    if (rc == 0)
        fill_entries(&pbk, buf, stride);
    sim_pbk_free(&pbk);
    return rc;
}

/* ---- phonebook dialogs -------------------------------------------------- */

DWORD WINAPI RasCreatePhonebookEntryW(HWND hwnd, LPCWSTR phonebook)
{
    sim_pbk pbk;
    DWORD rc = sim_pbk_load(phonebook, &pbk);
    (void)hwnd;
    sim_pbk_free(&pbk);
    return rc;
}

DWORD WINAPI RasEditPhonebookEntryW(HWND hwnd, LPCWSTR phonebook, LPCWSTR entry)
{
    sim_pbk pbk;
    size_t h;
    char *given, *name;
    DWORD rc = sim_arg_to_u8(entry, &given);
    (void)hwnd;
    if (rc != 0)
        return rc;
    rc = load_named_entry(phonebook, given, &pbk, &h, &name);
    sim_pbk_free(&pbk);
    free(name);
    return rc;
}

/* ---- saved dial parameters ---------------------------------------------- */

/* Decodes the fields RasSetEntryDialParamsW changes (NULL = unchanged). */
static DWORD read_updates(const RASDIALPARAMSW *p, BOOL remove, sim_creds *set)
{
    int has_user = p->szUserName[0] != 0;
    DWORD rc = 0;
    memset(set, 0, sizeof *set);
    if (has_user)
        rc = FIELD_TO_U8(p->szUserName, &set->user);
    if (rc == 0 && has_user && !remove && !is_password_handle(p->szPassword))
        rc = FIELD_TO_U8(p->szPassword, &set->password);
    if (rc == 0 && p->szDomain[0] != 0)
        rc = FIELD_TO_U8(p->szDomain, &set->domain);
    if (rc == 0 && p->szCallbackNumber[0] != 0)
        rc = FIELD_TO_U8(p->szCallbackNumber, &set->callback);
    return rc;
}

DWORD WINAPI RasSetEntryDialParamsW(LPCWSTR phonebook, LPRASDIALPARAMSW params,
                                    BOOL fRemovePassword)
{
    sim_pbk pbk;
    sim_creds set;
    size_t h;
    char *given, *name;
    DWORD rc;
    if (params == NULL)
        return ERROR_BUFFER_INVALID;
    rc = check_dial_params(params);
    if (rc == 0)
        rc = FIELD_TO_U8(params->szEntryName, &given);
    if (rc != 0)
        return rc;
    memset(&set, 0, sizeof set);
    rc = load_named_entry(phonebook, given, &pbk, &h, &name);
    if (rc == 0)
        rc = read_updates(params, fRemovePassword, &set);
    if (rc == 0)
        rc = sim_creds_update(&pbk, name, &set, fRemovePassword != FALSE);
    sim_creds_clear(&set);
    sim_pbk_free(&pbk);
    free(name);
    return rc;
}

static void fill_dial_params(void *p, DWORD size, const sim_creds *saved)
{
    PUT_TEXT(p, size, RASDIALPARAMSW, szPhoneNumber, "");
    PUT_TEXT(p, size, RASDIALPARAMSW, szCallbackNumber, saved->callback);
    PUT_TEXT(p, size, RASDIALPARAMSW, szUserName, saved->user);
    PUT_TEXT(p, size, RASDIALPARAMSW, szPassword,
             saved->password != NULL ? SIM_PASSWORD_HANDLE : "");
    PUT_TEXT(p, size, RASDIALPARAMSW, szDomain, saved->domain);
}

DWORD WINAPI RasGetEntryDialParamsW(LPCWSTR phonebook, LPRASDIALPARAMSW params,
                                    LPBOOL lpfPassword)
{
    sim_pbk pbk;
    sim_creds saved;
    size_t h;
    char *given, *name;
    DWORD rc;
    if (params == NULL || lpfPassword == NULL)
        return ERROR_BUFFER_INVALID;
    if (!sim_struct_size_ok(SIM_RASDIALPARAMS, params->dwSize))
        return ERROR_INVALID_SIZE;
    rc = FIELD_TO_U8(params->szEntryName, &given);
    if (rc != 0)
        return rc;
    memset(&saved, 0, sizeof saved);
    rc = load_named_entry(phonebook, given, &pbk, &h, &name);
    if (rc == 0)
        rc = sim_creds_load(&pbk, name, &saved);
    if (rc == 0) {
        fill_dial_params(params, params->dwSize, &saved);
        *lpfPassword = saved.password != NULL;
    }
    sim_creds_clear(&saved);
    sim_pbk_free(&pbk);
    free(name);
    return rc;
}

/* ---- EAP identity ------------------------------------------------------- */

/* Allocation size of an identity with an n-byte blob (never less than the
 * structure itself). */
static size_t identity_size(size_t n)
{
    size_t size = offsetof(RASEAPUSERIDENTITYW, pbEapInfo) + n;
    return size > sizeof(RASEAPUSERIDENTITYW) ? size : sizeof(RASEAPUSERIDENTITYW);
}

static DWORD make_identity(const char *user, const unsigned char *info, size_t n,
                           LPRASEAPUSERIDENTITYW *out)
{
    size_t size = identity_size(n);
    RASEAPUSERIDENTITYW *id = (RASEAPUSERIDENTITYW *)calloc(1, size);
    if (id == NULL)
        return ERROR_NOT_ENOUGH_MEMORY;
    TEXT_TO_FIELD(user, id->szUserName);
    id->dwSizeofEapInfo = (DWORD)n;
    if (n > 0)
        memcpy(id->pbEapInfo, info, n);
    *out = id;
    return 0;
}

/* Identity from the scenario (EapUser, EapInfo) or the saved user name. */
static DWORD eap_identity(const sim_pbk *pbk, const char *entry, LPRASEAPUSERIDENTITYW *out)
{
    sim_scenario sc;
    sim_creds saved;
    DWORD rc = sim_scenario_load(entry, &sc);
    memset(&saved, 0, sizeof saved);
    if (rc == 0 && sc.eap_user == NULL)
        rc = sim_creds_load(pbk, entry, &saved);
    if (rc == 0) {
        const char *user = sc.eap_user != NULL ? sc.eap_user : saved.user;
        if (user == NULL || (user[0] == '\0' && sc.eap_info == NULL))
            rc = ERROR_INTERACTIVE_MODE;
        else
            rc = make_identity(user, sc.eap_info, sc.eap_info_len, out);
    }
    sim_creds_clear(&saved);
    sim_scenario_free(&sc);
    return rc;
}

DWORD WINAPI RasGetEapUserIdentityW(LPCWSTR phonebook, LPCWSTR entry, DWORD flags, HWND hwnd,
                                    LPRASEAPUSERIDENTITYW *ppIdentity)
{
    sim_pbk pbk;
    size_t h;
    char *given, *name;
    DWORD rc;
    (void)flags; /* no UI either way: RASEAPF_NonInteractive changes nothing */
    (void)hwnd;
    if (ppIdentity == NULL)
        return ERROR_INVALID_PARAMETER;
    *ppIdentity = NULL;
    rc = sim_arg_to_u8(entry, &given);
    if (rc != 0)
        return rc;
    rc = load_named_entry(phonebook, given, &pbk, &h, &name);
    if (rc == 0 && !sim_pbk_entry_is_eap(&pbk, h))
        rc = ERROR_INVALID_FUNCTION_FOR_ENTRY;
    if (rc == 0)
        rc = eap_identity(&pbk, name, ppIdentity);
    sim_pbk_free(&pbk);
    free(name);
    return rc;
}

VOID WINAPI RasFreeEapUserIdentityW(LPRASEAPUSERIDENTITYW identity)
{
    if (identity != NULL) {
        sim_secure_zero(identity, identity_size(identity->dwSizeofEapInfo));
        free(identity);
    }
}

/* ---- simulator extras --------------------------------------------------- */

DWORD WINAPI RasSimTakePostedMessages(RASSIM_POSTED_MESSAGE *buf, DWORD max, LPDWORD count)
{
    if (count == NULL || (buf == NULL && max != 0))
        return ERROR_INVALID_PARAMETER;
    *count = sim_post_take(buf, max);
    return 0;
}

VOID WINAPI RasSimReset(void)
{
    sim_conn_reset();
    sim_autodial_reset();
}

DWORD WINAPI RasSimVersion(void) { return RASSIM_VERSION; }
