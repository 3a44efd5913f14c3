/*
 * admin_acl.c -- the admin DLL's permission rules (src/admin/pyhost.c's
 * judge_security, the C twin of src/ras/admin/_acl.py's judge) on security
 * descriptors written in SDDL: what must be refused, and what must not.
 *
 * Wine synthesizes the descriptors of real files (every file belongs to the
 * user running Wine), so the rules are tested here on descriptors made from
 * text, as a Windows server's files would carry them.  pyhost.c is included
 * to reach its static functions; the program links with the DLL's core.
 * Built and run (under Wine, x64 and x86) by tests/c/admin_run.sh; prints
 * "admin acl: N checks, F failures" and exits non-zero on a failure.
 */
#include "pyhost.c"

#include <sddl.h>
#include <stdio.h>

static int g_checks, g_failures;

/* Judges sddl with mask; want NULL: no problem reported, else each of the
 * '|'-separated substrings must be in the report. */
static void
expect(const char *what, const WCHAR *sddl, DWORD mask, const char *want)
{
    PSECURITY_DESCRIPTOR sd = NULL;
    PSID owner = NULL;
    PACL dacl = NULL;
    BOOL present = FALSE, defaulted = FALSE;
    acl_report r;
    int ok = 1;

    memset(&r, 0, sizeof r);
    g_checks++;
    if (!ConvertStringSecurityDescriptorToSecurityDescriptorW(sddl, SDDL_REVISION_1, &sd, NULL)) {
        printf("FAIL %s: the SDDL does not convert (error %lu)\n", what,
               (unsigned long)GetLastError());
        g_failures++;
        return;
    }
    GetSecurityDescriptorOwner(sd, &owner, &defaulted);
    GetSecurityDescriptorDacl(sd, &present, &dacl, &defaulted);
    judge_security(&r, L"C:\\Python\\python.exe", mask, owner, present ? dacl : NULL);
    LocalFree(sd);
    if (want == NULL) {
        ok = r.count == 0;
    } else {
        char buf[200];
        const char *p = want;

        ok = r.count > 0;
        while (ok && *p != 0) {
            const char *bar = strchr(p, '|');
            size_t n = bar != NULL ? (size_t)(bar - p) : strlen(p);

            if (n >= sizeof buf) {
                n = sizeof buf - 1;
            }
            memcpy(buf, p, n);
            buf[n] = 0;
            ok = strstr(r.text, buf) != NULL;
            p += n + (bar != NULL);
        }
    }
    if (!ok) {
        printf("FAIL %s: %u problem(s): %s (wanted %s)\n", what, r.count, r.text,
               want != NULL ? want : "none");
        g_failures++;
    }
}

/* A null DACL (everyone has full control).  Not from "D:NO_ACCESS_CONTROL":
 * Wine 8 turns that into an empty DACL (nobody has access), where Windows
 * documents a null one. */
static void
null_dacl(void)
{
    PSID admins = NULL;
    acl_report r;

    memset(&r, 0, sizeof r);
    g_checks++;
    if (!ConvertStringSidToSidW(L"S-1-5-32-544", &admins)) {
        printf("FAIL a null DACL: no SID (error %lu)\n", (unsigned long)GetLastError());
        g_failures++;
        return;
    }
    judge_security(&r, L"C:\\Python", CHANGES_OBJECT, admins, NULL);
    LocalFree(admins);
    if (r.count != 1 || strstr(r.text, "no DACL: everyone has full control") == NULL) {
        printf("FAIL a null DACL: %u problem(s): %s\n", r.count, r.text);
        g_failures++;
    }
}

int
main(void)
{
    /* read-and-execute for users, the rest for the administrators */
    static const WCHAR safe[] = L"O:BAG:SYD:(A;;FA;;;BA)(A;;FA;;;SY)(A;;0x1200a9;;;BU)";

    expect("an administrators' file users may read", safe, CHANGES_OBJECT, NULL);
    expect("SYSTEM and TrustedInstaller own and control it",
           L"O:S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464"
           L"D:(A;;FA;;;S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464)"
           L"(A;;FA;;;SY)(A;;0x1200a9;;;WD)",
           CHANGES_OBJECT, NULL);
    expect("owned by a user", L"O:BUD:(A;;FA;;;BA)", CHANGES_OBJECT,
           "owned by S-1-5-32-545, not by the administrators");
    expect("users may write it", L"O:BAD:(A;;FA;;;BA)(A;;FW;;;BU)", CHANGES_OBJECT,
           "S-1-5-32-545 may change it");
    expect("everyone may append to it", L"O:BAD:(A;;FA;;;BA)(A;;0x4;;;WD)", CHANGES_OBJECT,
           "S-1-1-0 may change it (access mask 0x00000004)");
    expect("authenticated users may change its permissions", L"O:BAD:(A;;FA;;;BA)(A;;WD;;;AU)",
           CHANGES_OBJECT, "S-1-5-11 may change it (access mask 0x00040000)");
    expect("users may delete it", L"O:BAD:(A;;FA;;;BA)(A;;SD;;;BU)", CHANGES_OBJECT,
           "may change it (access mask 0x00010000)");
    expect("GENERIC_WRITE granted", L"O:BAD:(A;;GW;;;BU)", CHANGES_OBJECT,
           "may change it (access mask 0x40000000)");
    null_dacl();
    expect("no DACL at all", L"O:BA", CHANGES_OBJECT, "no DACL");
    expect("an inherit-only grant does not apply to the object",
           L"O:BAD:(A;;FA;;;BA)(A;OICIIO;FA;;;BU)", CHANGES_OBJECT, NULL);
    expect("CREATOR OWNER applies only to what an administrator creates",
           L"O:BAD:(A;;FA;;;BA)(A;;FA;;;CO)", CHANGES_OBJECT, NULL);
    expect("a deny ACE is not credited", L"O:BAD:(D;;FW;;;BU)(A;;FA;;;BA)(A;;FW;;;BU)",
           CHANGES_OBJECT, "S-1-5-32-545 may change it");
    expect("two problems, both reported", L"O:BUD:(A;;FW;;;WD)", CHANGES_OBJECT,
           "owned by S-1-5-32-545|S-1-1-0 may change it");
    /* an ancestor folder: only the rights that replace what it holds */
    expect("a folder users may add files to (the root's default)",
           L"O:BAD:(A;;FA;;;BA)(A;;0x1200af;;;BU)", REPLACES_CHILD, NULL);
    expect("an ancestor owned by a user (the owner matters for the object only)",
           L"O:BUD:(A;;FA;;;BA)", REPLACES_CHILD, NULL);
    expect("a folder users may delete children of", L"O:BAD:(A;;FA;;;BA)(A;;0x40;;;BU)",
           REPLACES_CHILD, "S-1-5-32-545 may change it (access mask 0x00000040)");
    expect("a folder users fully control", L"O:BAD:(A;;FA;;;BU)", REPLACES_CHILD,
           "S-1-5-32-545 may change it");

    printf("admin acl: %d checks, %d failures\n", g_checks, g_failures);
    return g_failures != 0;
}
