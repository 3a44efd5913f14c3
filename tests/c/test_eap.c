/*
 * test_eap.c -- C tests of the EAP identity (eap.c).
 */
#include "simtest.h"

/* ---- EAP identity ------------------------------------------------------- */

SIMTEST(eap)
{
    LPRASEAPUSERIDENTITYW id = (LPRASEAPUSERIDENTITYW)(uintptr_t)1;
    RASDIALPARAMSW p;
    const char *eap = "B\xC3\xBCro EAP";
    CHECK_EQ(RasGetEapUserIdentityW(W(PBK), W("Office VPN"), 0, NULL, &id),
             ERROR_INVALID_FUNCTION_FOR_ENTRY);
    CHECK(id == NULL);
    CHECK_EQ(RasGetEapUserIdentityW(W(PBK), W("Plain"), 0, NULL, &id),
             ERROR_INVALID_FUNCTION_FOR_ENTRY);
    CHECK_EQ(RasGetEapUserIdentityW(W(PBK), W(eap), RASEAPF_NonInteractive, NULL, &id),
             ERROR_INTERACTIVE_MODE);
    CHECK_EQ(RasGetEapUserIdentityW(W(PBK), W(eap), 0, NULL, &id), ERROR_INTERACTIVE_MODE);
    CHECK_EQ(RasGetEapUserIdentityW(W(PBK), W(eap), 0, NULL, NULL), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasGetEapUserIdentityW(W(PBK), NULL, 0, NULL, &id), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasGetEapUserIdentityW(W(PBK), W("Nobody"), 0, NULL, &id),
             ERROR_CANNOT_FIND_PHONEBOOK_ENTRY);
    CHECK_EQ(RasGetEapUserIdentityW(W(P("missing.pbk")), W(eap), 0, NULL, &id),
             ERROR_CANNOT_OPEN_PHONEBOOK);
    /* from the saved user name */
    dial_params(&p, eap);
    WSET(p.szUserName, "carol");
    CHECK_EQ(RasSetEntryDialParamsW(W(PBK), &p, FALSE), 0);
    CHECK_EQ(
        RasGetEapUserIdentityW(W(PBK), W("b\xC3\xBCRO eap"), RASEAPF_NonInteractive, NULL, &id), 0);
    CHECK(id != NULL && weq(id->szUserName, "carol") && id->dwSizeofEapInfo == 0);
    RasFreeEapUserIdentityW(id);
    /* from the scenario */
    scenario("[b\xC3\xBCro eap]\nEapUser=dave@example.com\nEapInfo=0102FF\n");
    CHECK_EQ(RasGetEapUserIdentityW(W(PBK), W(eap), 0, NULL, &id), 0);
    CHECK(id != NULL && weq(id->szUserName, "dave@example.com"));
    CHECK(id != NULL && id->dwSizeofEapInfo == 3 && id->pbEapInfo[0] == 1 &&
          id->pbEapInfo[2] == 0xFF);
    RasFreeEapUserIdentityW(id);
    scenario("[*]\nEapUser=bad\nBogus=1\n");
    CHECK_EQ(RasGetEapUserIdentityW(W(PBK), W(eap), 0, NULL, &id), ERROR_BAD_USAGE_IN_INI_FILE);
    scenario(NULL);
    RasFreeEapUserIdentityW(NULL);
    remove_tree(P("rasphone.pbk.cred"));
}
