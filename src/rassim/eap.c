/*
 * eap.c -- the EAP family: RasGetEapUserIdentityW, RasFreeEapUserIdentityW,
 * RasInvokeEapUI.  The identity comes from the scenario (EapUser, EapInfo)
 * or the entry's saved user name; RasInvokeEapUI lets a dial paused at
 * RASCS_InvokeEapUI go on (conntable.c).  EAP user data is kept with the
 * other secrets (credentials.c).
 */
#include "common.h"
#include "conntable.h"
#include "credstore.h"
#include "phonebook.h"
#include "scenario.h"
#include "structs.h"
#include "utf.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* ---- EAP identity ------------------------------------------------------- */

/* Allocation size of an identity with an n-byte blob (never less than the
 * structure itself). */
static size_t
identity_size(size_t n)
{
    size_t size = offsetof(RASEAPUSERIDENTITYW, pbEapInfo) + n;
    return size > sizeof(RASEAPUSERIDENTITYW) ? size : sizeof(RASEAPUSERIDENTITYW);
}

static DWORD
make_identity(const char *user, const unsigned char *info, size_t n, LPRASEAPUSERIDENTITYW *out)
{
    size_t size = identity_size(n);
    RASEAPUSERIDENTITYW *id = (RASEAPUSERIDENTITYW *)calloc(1, size);
    if (id == NULL) {
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    SIM_TEXT_TO_FIELD(user, id->szUserName);
    id->dwSizeofEapInfo = (DWORD)n;
    if (n > 0) {
        memcpy(id->pbEapInfo, info, n);
    }
    *out = id;
    return 0;
}

/* Identity from the scenario (EapUser, EapInfo) or the saved user name. */
static DWORD
eap_identity(const sim_pbk *pbk, const char *entry, LPRASEAPUSERIDENTITYW *out)
{
    sim_scenario sc;
    sim_creds saved;
    DWORD rc = sim_scenario_load(entry, &sc);
    memset(&saved, 0, sizeof saved);
    if (rc == 0 && sc.eap_user == NULL) {
        rc = sim_creds_load(pbk, entry, &saved);
    }
    if (rc == 0) {
        const char *user = sc.eap_user != NULL ? sc.eap_user : saved.user;
        if (user == NULL || (user[0] == '\0' && sc.eap_info == NULL)) {
            rc = ERROR_INTERACTIVE_MODE;
        } else {
            rc = make_identity(user, sc.eap_info, sc.eap_info_len, out);
        }
    }
    sim_creds_clear(&saved);
    sim_scenario_free(&sc);
    return rc;
}

DWORD WINAPI
RasGetEapUserIdentityW(LPCWSTR phonebook, LPCWSTR entry, DWORD flags, HWND hwnd,
                       LPRASEAPUSERIDENTITYW *ppIdentity)
{
    sim_pbk pbk;
    size_t h;
    char *given, *name;
    DWORD rc;
    (void)flags; /* no UI either way: RASEAPF_NonInteractive changes nothing */
    (void)hwnd;
    if (ppIdentity == NULL) {
        return ERROR_INVALID_PARAMETER;
    }
    *ppIdentity = NULL;
    rc = sim_arg_to_u8(entry, &given);
    if (rc != 0) {
        return rc;
    }
    rc = sim_pbk_load_named_entry(phonebook, given, &pbk, &h, &name);
    if (rc == 0 && !sim_pbk_entry_is_eap(&pbk, h)) {
        rc = ERROR_INVALID_FUNCTION_FOR_ENTRY;
    }
    if (rc == 0) {
        rc = eap_identity(&pbk, name, ppIdentity);
    }
    sim_pbk_free(&pbk);
    free(name);
    return rc;
}

VOID WINAPI
RasFreeEapUserIdentityW(LPRASEAPUSERIDENTITYW identity)
{
    if (identity != NULL) {
        sim_secure_zero(identity, identity_size(identity->dwSizeofEapInfo));
        free(identity);
    }
}

/* ---- RasInvokeEapUI ----------------------------------------------------- */

DWORD WINAPI
RasInvokeEapUI(HRASCONN h, DWORD dwSubEntry, LPRASDIALEXTENSIONS ext, HWND hwnd)
{
    (void)hwnd; /* no UI: the simulated EAP method needs nothing more */
    if (h == NULL || ext == NULL) {
        return ERROR_INVALID_HANDLE;
    }
    if (!sim_struct_size_ok(SIM_RASDIALEXTENSIONS, ext->dwSize)) {
        return ERROR_INVALID_SIZE;
    }
    if (dwSubEntry > 1) {
        return ERROR_INVALID_PARAMETER;
    }
    return sim_conn_eap_ui(h);
}
