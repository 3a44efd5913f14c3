/*
 * pyhost.c -- the Python host: the policy table of [policy] module = python
 * (policy.h), whose functions call a Python policy through an embedded
 * CPython (docs/admin-dll.md, "Hosting Python").
 *
 * start (in MprAdminInitializeDllEx):
 *   1. reads [python] (policy, home, path, log_file, log_level) from the
 *      configuration file;
 *   2. refuses (initialize fails, the reason in the event log) when a
 *      non-administrator can change what the service would load: the Python
 *      installation (home, every DLL in it, DLLs, Lib, Lib\site-packages),
 *      the configuration file, this DLL, every [python] path folder, and,
 *      once the interpreter runs but before any of its code is imported, the
 *      folder of the ras package.  The rules are src/ras/admin/_acl.py's
 *      judge(): the owner must be Administrators, SYSTEM or TrustedInstaller
 *      and no allow ACE may give anyone else a right that changes the object;
 *      on each ancestor folder, no right that replaces a child.  The TEST
 *      build (RASPY_ADMIN_TEST) skips this when [test] skip_permissions = 1;
 *      the shipped DLL never does;
 *   3. loads home\python3X.dll and home\python3.dll with LoadLibraryExW (no
 *      link-time dependency on Python: the DLL loads, and RRAS starts,
 *      without one) and resolves the stable-ABI functions below with
 *      GetProcAddress (the limited API of 3.9);
 *   4. starts the interpreter's own thread: Py_SetPythonHome(home) when the
 *      CPython still exports it (without it, CPython finds its prefix from
 *      the folder of python3X.dll, which is home: the result is the same),
 *      Py_InitializeEx(0) (no signal handlers: we are in a service), import
 *      ras.admin.host, host.load(policy, path, log_file, log_level), then it
 *      releases the GIL and waits for stop.  Initialize and finalize happen on
 *      that one thread (CPython's "main thread"), whatever threads RRAS uses
 *      for initialize and terminate.
 *
 * Each call (on the core's worker threads, several at once):
 * PyGILState_Ensure, the raw dict from the decoded value, host.call(name,
 * raw) -> (ok, answer), PyGILState_Release.  ok False: the call failed (the
 * core applies the default and logs; the reason is logged here).
 *
 * stop (in MprAdminTerminateDll; the core calls it only when no worker is
 * inside the policy any more): the interpreter's thread takes the GIL back,
 * calls host.unload() and Py_FinalizeEx.  When workers are stuck inside
 * Python the core never calls stop: the interpreter is left running (the
 * core logs it), so no Python code runs after finalization.  When the
 * process already runs this CPython (an embedding host), the policy is
 * loaded into that interpreter and it is neither initialized nor finalized
 * here.  A Python DLL is never unloaded.
 */
#include "policy.h"

#include <aclapi.h>
#include <sddl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the stable ABI, resolved at run time ---------------------------------- */

typedef struct _object PyObject;
typedef struct _ts PyThreadState;
typedef ptrdiff_t py_ssize;

typedef struct pyapi {
    void (*SetPythonHome)(const wchar_t *); /* optional */
    void (*InitializeEx)(int);
    int (*FinalizeEx)(void);
    int (*IsInitialized)(void);
    const char *(*GetVersion)(void);
    PyThreadState *(*SaveThread)(void);
    void (*RestoreThread)(PyThreadState *);
    int (*GILState_Ensure)(void);
    void (*GILState_Release)(int);
    PyObject *(*ImportModule)(const char *);
    PyObject *(*GetAttrString)(PyObject *, const char *);
    PyObject *(*Call)(PyObject *, PyObject *, PyObject *);
    PyObject *(*Tuple_New)(py_ssize);
    int (*Tuple_SetItem)(PyObject *, py_ssize, PyObject *);
    PyObject *(*Tuple_GetItem)(PyObject *, py_ssize);
    py_ssize (*Tuple_Size)(PyObject *);
    PyObject *(*Dict_New)(void);
    int (*Dict_SetItemString)(PyObject *, const char *, PyObject *);
    PyObject *(*Dict_GetItemString)(PyObject *, const char *);
    PyObject *(*Long_FromUnsignedLongLong)(unsigned long long);
    unsigned long (*Long_AsUnsignedLong)(PyObject *);
    PyObject *(*Unicode_FromWideChar)(const wchar_t *, py_ssize);
    PyObject *(*Unicode_AsUTF8String)(PyObject *);
    char *(*Bytes_AsString)(PyObject *);
    PyObject *(*Bytes_FromStringAndSize)(const char *, py_ssize);
    int (*Bytes_AsStringAndSize)(PyObject *, char **, py_ssize *);
    int (*IsTrue)(PyObject *);
    void (*DecRef)(PyObject *);
    PyObject *(*Str)(PyObject *);
    void (*Err_Fetch)(PyObject **, PyObject **, PyObject **);
    PyObject *(*Err_Occurred)(void);
    PyObject *None; /* _Py_NoneStruct */
} pyapi;

typedef struct api_entry {
    const char *name;
    size_t offset;
    int optional;
} api_entry;

#define API(field, name) { name, offsetof(pyapi, field), 0 }
static const api_entry api_entries[] = {
    { "Py_SetPythonHome", offsetof(pyapi, SetPythonHome), 1 },
    API(InitializeEx, "Py_InitializeEx"),
    API(FinalizeEx, "Py_FinalizeEx"),
    API(IsInitialized, "Py_IsInitialized"),
    API(GetVersion, "Py_GetVersion"),
    API(SaveThread, "PyEval_SaveThread"),
    API(RestoreThread, "PyEval_RestoreThread"),
    API(GILState_Ensure, "PyGILState_Ensure"),
    API(GILState_Release, "PyGILState_Release"),
    API(ImportModule, "PyImport_ImportModule"),
    API(GetAttrString, "PyObject_GetAttrString"),
    API(Call, "PyObject_Call"),
    API(Tuple_New, "PyTuple_New"),
    API(Tuple_SetItem, "PyTuple_SetItem"),
    API(Tuple_GetItem, "PyTuple_GetItem"),
    API(Tuple_Size, "PyTuple_Size"),
    API(Dict_New, "PyDict_New"),
    API(Dict_SetItemString, "PyDict_SetItemString"),
    API(Dict_GetItemString, "PyDict_GetItemString"),
    API(Long_FromUnsignedLongLong, "PyLong_FromUnsignedLongLong"),
    API(Long_AsUnsignedLong, "PyLong_AsUnsignedLong"),
    API(Unicode_FromWideChar, "PyUnicode_FromWideChar"),
    API(Unicode_AsUTF8String, "PyUnicode_AsUTF8String"),
    API(Bytes_AsString, "PyBytes_AsString"),
    API(Bytes_FromStringAndSize, "PyBytes_FromStringAndSize"),
    API(Bytes_AsStringAndSize, "PyBytes_AsStringAndSize"),
    API(IsTrue, "PyObject_IsTrue"),
    API(DecRef, "Py_DecRef"),
    API(Str, "PyObject_Str"),
    API(Err_Fetch, "PyErr_Fetch"),
    API(Err_Occurred, "PyErr_Occurred"),
    API(None, "_Py_NoneStruct"),
};
#undef API

/* ---- the host's state ------------------------------------------------------ */

#define PY_PATH_MAX    1024
#define PY_START_LIMIT 120000 /* ms: import and load() must finish within */

typedef enum host_state {
    HOST_STARTING,
    HOST_RUNNING,
    HOST_FAILED,
    HOST_ABANDONED /* start gave up waiting: the thread cleans up alone */
} host_state;

typedef struct pyhost {
    LONG refs; /* the starter / stopper, and the interpreter's thread */
    SRWLOCK lock;
    host_state state;
    pyapi api;
    int borrowed; /* the process already ran this CPython */
    int skip_permissions;
    DWORD timeout_ms;
    WCHAR config[PY_PATH_MAX];
    WCHAR policy[512];
    WCHAR home[PY_PATH_MAX];
    WCHAR path[4096];
    WCHAR log_file[PY_PATH_MAX];
    WCHAR log_level[16];
    PyObject *host_call; /* ras.admin.host.call */
    PyObject *host_unload;
    HANDLE thread;
    HANDLE ready; /* manual-reset: the thread's start ended (either way) */
    HANDLE stop;  /* manual-reset: stop asked */
    char error[700];
} pyhost;

static HMODULE g_python; /* python3.dll, loaded once and never unloaded */

static void
host_release(pyhost *h)
{
    if (InterlockedDecrement(&h->refs) == 0) {
        if (h->ready != NULL) {
            CloseHandle(h->ready);
        }
        if (h->stop != NULL) {
            CloseHandle(h->stop);
        }
        if (h->thread != NULL) {
            CloseHandle(h->thread);
        }
        free(h);
    }
}

static void
set_error(char *error, size_t size, const char *format, const WCHAR *arg)
{
    char u[600];

    rasadm_utf8(arg, u, sizeof u);
    snprintf(error, size, format, u);
    error[size - 1] = '\0';
}

/* ---- the permission check (src/ras/admin/_acl.py's judge, in C) ------------ */

#define ACL_WRITE_DATA       0x0002
#define ACL_APPEND_DATA      0x0004
#define ACL_WRITE_EA         0x0010
#define ACL_DELETE_CHILD     0x0040
#define ACL_WRITE_ATTRIBUTES 0x0100
#define ACL_DELETE           0x00010000
#define ACL_WRITE_DAC        0x00040000
#define ACL_WRITE_OWNER      0x00080000
#define ACL_GENERIC_ALL      0x10000000
#define ACL_GENERIC_WRITE    0x40000000
#define CHANGES_OBJECT                                                                           \
    (ACL_WRITE_DATA | ACL_APPEND_DATA | ACL_WRITE_EA | ACL_DELETE_CHILD | ACL_WRITE_ATTRIBUTES | \
     ACL_DELETE | ACL_WRITE_DAC | ACL_WRITE_OWNER | ACL_GENERIC_ALL | ACL_GENERIC_WRITE)
#define REPLACES_CHILD (ACL_DELETE_CHILD | ACL_WRITE_DAC | ACL_WRITE_OWNER | ACL_GENERIC_ALL)

static const WCHAR *const admin_sids[] = {
    L"S-1-5-32-544",                                                   /* Administrators */
    L"S-1-5-18",                                                       /* SYSTEM */
    L"S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464", /* TrustedInstaller */
    L"S-1-3-0", /* CREATOR OWNER: applies only to what an administrator creates */
};

typedef struct acl_report {
    char text[600]; /* the first problems, "; "-separated */
    unsigned count;
    WCHAR (*seen)[PY_PATH_MAX + 2];
    unsigned nseen;
} acl_report;

#define ACL_SEEN_MAX 96

static int
is_admin_sid(PSID sid)
{
    WCHAR *text = NULL;
    size_t i;
    int found = 0;

    if (sid == NULL || !ConvertSidToStringSidW(sid, &text)) {
        return 0;
    }
    for (i = 0; i < sizeof admin_sids / sizeof admin_sids[0]; i++) {
        if (wcscmp(text, admin_sids[i]) == 0) {
            found = 1;
        }
    }
    LocalFree(text);
    return found;
}

static void
sid_text(PSID sid, char *out, size_t size)
{
    WCHAR *text = NULL;

    if (sid == NULL || !ConvertSidToStringSidW(sid, &text)) {
        snprintf(out, size, "?");
        return;
    }
    rasadm_utf8(text, out, size);
    LocalFree(text);
}

static void
report(acl_report *r, const WCHAR *path, const char *problem)
{
    char upath[500];
    size_t used = strlen(r->text);

    r->count++;
    if (used + 8 >= sizeof r->text) {
        return;
    }
    rasadm_utf8(path, upath, sizeof upath);
    snprintf(r->text + used, sizeof r->text - used, "%s%s: %s", used > 0 ? "; " : "", upath,
             problem);
}

/* The rules, on one object's owner and DACL: the owner must be an
 * administrator (when mask is CHANGES_OBJECT: the object itself), and no
 * allow ACE that applies to the object may grant anyone else a right in
 * mask.  Deny ACEs are not credited (an allow elsewhere may still apply). */
static void
judge_security(acl_report *r, const WCHAR *path, DWORD mask, PSID owner, PACL dacl)
{
    ACL_SIZE_INFORMATION info;
    DWORD i;
    char msg[200];
    char sid[200];
    void *ace;

    if (mask == CHANGES_OBJECT && !is_admin_sid(owner)) {
        sid_text(owner, sid, sizeof sid);
        snprintf(msg, sizeof msg, "owned by %s, not by the administrators", sid);
        report(r, path, msg);
    }
    if (dacl == NULL) {
        report(r, path, "no DACL: everyone has full control");
        return;
    }
    if (!GetAclInformation(dacl, &info, sizeof info, AclSizeInformation)) {
        report(r, path, "its DACL cannot be read");
        return;
    }
    for (i = 0; i < info.AceCount; i++) {
        ACCESS_ALLOWED_ACE *allowed;
        DWORD granted;

        if (!GetAce(dacl, i, &ace) || ace == NULL) {
            continue;
        }
        allowed = (ACCESS_ALLOWED_ACE *)ace;
        if (allowed->Header.AceType != ACCESS_ALLOWED_ACE_TYPE ||
            (allowed->Header.AceFlags & INHERIT_ONLY_ACE) != 0) {
            continue;
        }
        granted = allowed->Mask & mask;
        if (granted != 0 && !is_admin_sid((PSID)&allowed->SidStart)) {
            sid_text((PSID)&allowed->SidStart, sid, sizeof sid);
            snprintf(msg, sizeof msg, "%s may change it (access mask 0x%08lx)", sid,
                     (unsigned long)granted);
            report(r, path, msg);
        }
    }
}

/* One object: its owner (when mask is CHANGES_OBJECT) and its allow ACEs. */
static void
check_object(acl_report *r, const WCHAR *path, DWORD mask)
{
    PSID owner = NULL;
    PACL dacl = NULL;
    PSECURITY_DESCRIPTOR sd = NULL;
    DWORD rc;
    char msg[200];
    unsigned k;

    for (k = 0; k < r->nseen; k++) {
        if (r->seen[k][0] == (WCHAR)mask && _wcsicmp(r->seen[k] + 1, path) == 0) {
            return;
        }
    }
    if (r->nseen < ACL_SEEN_MAX && wcslen(path) < PY_PATH_MAX) {
        r->seen[r->nseen][0] = (WCHAR)mask; /* the masks differ in their low 16 bits */
        wcscpy(r->seen[r->nseen] + 1, path);
        r->nseen++;
    }
    rc = GetNamedSecurityInfoW(path, SE_FILE_OBJECT,
                               OWNER_SECURITY_INFORMATION | DACL_SECURITY_INFORMATION, &owner, NULL,
                               &dacl, NULL, &sd);
    if (rc != ERROR_SUCCESS) {
        snprintf(msg, sizeof msg, "its security cannot be read (error %lu)", (unsigned long)rc);
        report(r, path, msg);
        return;
    }
    judge_security(r, path, mask, owner, dacl);
    LocalFree(sd);
}

/* The path (CHANGES_OBJECT) and each ancestor folder (REPLACES_CHILD). */
static void
check_path(acl_report *r, const WCHAR *path)
{
    WCHAR full[PY_PATH_MAX];
    WCHAR *slash;
    DWORD n;
    size_t len;

    n = GetFullPathNameW(path, PY_PATH_MAX, full, NULL);
    if (n == 0 || n >= PY_PATH_MAX) {
        report(r, path, "its full path cannot be formed");
        return;
    }
    len = wcslen(full);
    while (len > 3 && full[len - 1] == L'\\') {
        full[--len] = L'\0';
    }
    if (GetFileAttributesW(full) == INVALID_FILE_ATTRIBUTES) {
        report(r, full, "does not exist");
        return;
    }
    check_object(r, full, CHANGES_OBJECT);
    for (;;) {
        slash = wcsrchr(full, L'\\');
        if (slash == NULL) {
            return;
        }
        if (slash == full + 2 && full[1] == L':') {
            if (slash[1] == L'\0') {
                return; /* the root was checked */
            }
            slash[1] = L'\0'; /* C:\a -> C:\ */
        } else if (slash <= full + 1) {
            return; /* \\server\share: no further */
        } else {
            *slash = L'\0';
        }
        check_object(r, full, REPLACES_CHILD);
    }
}

static void
join(WCHAR *out, size_t size, const WCHAR *folder, const WCHAR *name)
{
    size_t n = wcslen(folder);

    if (n + wcslen(name) + 2 > size) {
        out[0] = L'\0';
        return;
    }
    wcscpy(out, folder);
    if (n > 0 && out[n - 1] != L'\\' && out[n - 1] != L'/') {
        wcscat(out, L"\\");
    }
    wcscat(out, name);
}

static int
exists(const WCHAR *path)
{
    return path[0] != L'\0' && GetFileAttributesW(path) != INVALID_FILE_ATTRIBUTES;
}

/* Every DLL in home: python3.dll, python3X.dll, the C runtime beside them. */
static void
check_python_dlls(acl_report *r, const WCHAR *home)
{
    WCHAR pattern[PY_PATH_MAX];
    WCHAR file[PY_PATH_MAX];
    WIN32_FIND_DATAW found;
    HANDLE find;

    join(pattern, PY_PATH_MAX, home, L"*.dll");
    find = FindFirstFileW(pattern, &found);
    if (find == INVALID_HANDLE_VALUE) {
        return;
    }
    do {
        join(file, PY_PATH_MAX, home, found.cFileName);
        check_path(r, file);
    } while (FindNextFileW(find, &found));
    FindClose(find);
}

/* The checks before the interpreter starts; 0 when nothing is wrong. */
static int
check_installation(pyhost *h, char *error, size_t size)
{
    acl_report *r = (acl_report *)calloc(1, sizeof *r);
    WCHAR p[PY_PATH_MAX];
    WCHAR self[PY_PATH_MAX];
    WCHAR *folder;
    WCHAR *next;
    WCHAR *paths;
    HMODULE me = NULL;
    int bad;

    if (r == NULL || (r->seen = calloc(ACL_SEEN_MAX, sizeof *r->seen)) == NULL) {
        free(r);
        snprintf(error, size, "out of memory");
        return -1;
    }
    check_path(r, h->home);
    check_python_dlls(r, h->home);
    join(p, PY_PATH_MAX, h->home, L"DLLs"); /* the standard library's extension modules */
    if (exists(p)) {
        check_path(r, p);
    }
    join(p, PY_PATH_MAX, h->home, L"Lib");
    if (exists(p)) {
        check_path(r, p);
        join(p, PY_PATH_MAX, h->home, L"Lib\\site-packages");
        if (exists(p)) {
            check_path(r, p);
        }
    }
    check_path(r, h->config);
    if (GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS |
                               GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
                           (LPCWSTR)(void *)&check_installation, &me) &&
        GetModuleFileNameW(me, self, PY_PATH_MAX) > 0) {
        check_path(r, self);
    }
    paths = _wcsdup(h->path);
    if (paths != NULL) {
        for (folder = paths; folder != NULL && *folder != L'\0'; folder = next) {
            next = wcschr(folder, L';');
            if (next != NULL) {
                *next++ = L'\0';
            }
            if (*folder != L'\0') {
                check_path(r, folder);
            }
        }
        free(paths);
    }
    bad = r->count > 0;
    if (bad) {
        snprintf(error, size,
                 "refusing to host Python: a non-administrator can change what the service "
                 "would load (%u problem%s): %s",
                 r->count, r->count == 1 ? "" : "s", r->text);
    }
    free(r->seen);
    free(r);
    return bad ? -1 : 0;
}

/* ---- configuration and loading --------------------------------------------- */

static int
read_settings(pyhost *h, const rasadm_config *config, char *error, size_t size)
{
    const WCHAR *ini = config->path;
    DWORD n;

    wcscpy(h->config, ini);
    h->timeout_ms = config->timeout_ms;
    GetPrivateProfileStringW(L"python", L"policy", L"", h->policy, 512, ini);
    n = GetPrivateProfileStringW(L"python", L"home", L"", h->home, PY_PATH_MAX, ini);
    if (n >= PY_PATH_MAX - 2) {
        snprintf(error, size, "[python] home is too long");
        return -1;
    }
    n = GetPrivateProfileStringW(L"python", L"path", L"", h->path, 4096, ini);
    if (n >= 4096 - 2) {
        snprintf(error, size, "[python] path is too long");
        return -1;
    }
    GetPrivateProfileStringW(L"python", L"log_file", L"", h->log_file, PY_PATH_MAX, ini);
    GetPrivateProfileStringW(L"python", L"log_level", L"INFO", h->log_level, 16, ini);
#ifdef RASPY_ADMIN_TEST
    h->skip_permissions = GetPrivateProfileIntW(L"test", L"skip_permissions", 0, ini) == 1;
#endif
    if (h->policy[0] == L'\0') {
        snprintf(error, size, "[python] policy is missing");
        return -1;
    }
    if (h->home[0] == L'\0') {
        snprintf(error, size, "[python] home is missing (the folder of python.exe)");
        return -1;
    }
    return 0;
}

/* A file python3X.dll (not python3.dll) in home: its full path in out. */
static int
find_versioned_dll(const WCHAR *home, WCHAR *out, size_t size)
{
    WCHAR pattern[PY_PATH_MAX];
    WIN32_FIND_DATAW found;
    HANDLE find;
    int ok = 0;

    join(pattern, PY_PATH_MAX, home, L"python3?*.dll");
    find = FindFirstFileW(pattern, &found);
    if (find == INVALID_HANDLE_VALUE) {
        return 0;
    }
    do {
        const WCHAR *digits = found.cFileName + 7; /* after "python3" */
        size_t i;
        int all = wcslen(found.cFileName) > 11;

        for (i = 0; digits[i] != L'.' && digits[i] != L'\0'; i++) {
            if (digits[i] < L'0' || digits[i] > L'9') {
                all = 0;
            }
        }
        if (all && _wcsicmp(digits + i, L".dll") == 0) {
            join(out, size, home, found.cFileName);
            ok = 1;
        }
    } while (!ok && FindNextFileW(find, &found));
    FindClose(find);
    return ok;
}

static int
load_python(pyhost *h, char *error, size_t size)
{
    WCHAR file[PY_PATH_MAX];
    HMODULE lib;
    size_t i;
    FARPROC fn;

    /* The standard library must be there: Py_InitializeEx aborts the process
     * when it cannot import encodings. */
    join(file, PY_PATH_MAX, h->home, L"Lib\\encodings\\__init__.py");
    if (!exists(file)) {
        WCHAR zip[PY_PATH_MAX];
        WIN32_FIND_DATAW found;
        HANDLE find;

        join(zip, PY_PATH_MAX, h->home, L"python3*.zip");
        find = FindFirstFileW(zip, &found);
        if (find == INVALID_HANDLE_VALUE) {
            set_error(error, size, "%s: no standard library (Lib\\encodings) in this folder",
                      h->home);
            return -1;
        }
        FindClose(find);
    }
    if (find_versioned_dll(h->home, file, PY_PATH_MAX)) {
        /* first, so that python3.dll's forwarders find this one */
        (void)LoadLibraryExW(file, NULL, LOAD_WITH_ALTERED_SEARCH_PATH);
    }
    join(file, PY_PATH_MAX, h->home, L"python3.dll");
    lib = LoadLibraryExW(file, NULL, LOAD_WITH_ALTERED_SEARCH_PATH);
    if (lib == NULL) {
        char u[600];

        rasadm_utf8(file, u, sizeof u);
        snprintf(error, size, "cannot load %s (error %lu)", u, (unsigned long)GetLastError());
        return -1;
    }
    for (i = 0; i < sizeof api_entries / sizeof api_entries[0]; i++) {
        fn = GetProcAddress(lib, api_entries[i].name);
        if (fn == NULL && !api_entries[i].optional) {
            char u[600];

            rasadm_utf8(file, u, sizeof u);
            snprintf(error, size, "%s does not export %s (not a CPython 3.9 or later?)", u,
                     api_entries[i].name);
            FreeLibrary(lib);
            return -1;
        }
        /* a function or data address, stored in its pointer-sized field */
        memcpy((char *)&h->api + api_entries[i].offset, &fn, sizeof fn);
    }
    g_python = lib; /* kept: a Python DLL is never unloaded */
    return 0;
}

/* ---- Python helpers (the GIL held) ----------------------------------------- */

/* The pending exception as one line, cleared. */
static void
exception_text(pyapi *a, char *out, size_t size)
{
    PyObject *type = NULL;
    PyObject *value = NULL;
    PyObject *tb = NULL;
    PyObject *name = NULL;
    PyObject *text = NULL;
    PyObject *b1 = NULL;
    PyObject *b2 = NULL;
    const char *s1 = "?";
    const char *s2 = "";

    a->Err_Fetch(&type, &value, &tb);
    if (type != NULL) {
        name = a->GetAttrString(type, "__name__");
    }
    if (a->Err_Occurred() != NULL) {
        a->Err_Fetch(&b1, &b2, &text); /* drop the nested error */
        if (b1 != NULL) {
            a->DecRef(b1);
        }
        if (b2 != NULL) {
            a->DecRef(b2);
        }
        if (text != NULL) {
            a->DecRef(text);
        }
        b1 = b2 = text = NULL;
    }
    if (value != NULL) {
        text = a->Str(value);
    }
    if (name != NULL) {
        b1 = a->Unicode_AsUTF8String(name);
    }
    if (text != NULL) {
        b2 = a->Unicode_AsUTF8String(text);
    }
    if (b1 != NULL && a->Bytes_AsString(b1) != NULL) {
        s1 = a->Bytes_AsString(b1);
    }
    if (b2 != NULL && a->Bytes_AsString(b2) != NULL) {
        s2 = a->Bytes_AsString(b2);
    }
    snprintf(out, size, "%s%s%s", s1, s2[0] != '\0' ? ": " : "", s2);
    out[size - 1] = '\0';
    {
        /* one line */
        char *nl = strpbrk(out, "\r\n");
        if (nl != NULL) {
            *nl = '\0';
        }
    }
    {
        PyObject *objs[7] = { type, value, tb, name, text, b1, b2 };
        size_t i;

        for (i = 0; i < 7; i++) {
            if (objs[i] != NULL) {
                a->DecRef(objs[i]);
            }
        }
    }
    if (a->Err_Occurred() != NULL) {
        PyObject *x = NULL;
        PyObject *y = NULL;
        PyObject *z = NULL;

        a->Err_Fetch(&x, &y, &z);
        if (x != NULL) {
            a->DecRef(x);
        }
        if (y != NULL) {
            a->DecRef(y);
        }
        if (z != NULL) {
            a->DecRef(z);
        }
    }
}

static PyObject *
wide(pyapi *a, const WCHAR *s)
{
    return a->Unicode_FromWideChar(s, -1);
}

/* Calls fn(args...) with the given new references (stolen, NULL ones make
 * the call fail); the result or NULL. */
static PyObject *
call_with(pyapi *a, PyObject *fn, PyObject **args, py_ssize n)
{
    PyObject *tuple = a->Tuple_New(n);
    PyObject *result = NULL;
    py_ssize i;
    int ok = tuple != NULL;

    for (i = 0; i < n; i++) {
        if (args[i] == NULL) {
            ok = 0;
        } else if (tuple != NULL) {
            a->Tuple_SetItem(tuple, i, args[i]); /* steals, even on failure */
        } else {
            a->DecRef(args[i]);
        }
    }
    if (ok) {
        result = a->Call(fn, tuple, NULL);
    }
    if (tuple != NULL) {
        a->DecRef(tuple);
    }
    return result;
}

/* The ras package's folder, found without running any of its code
 * (importlib.util.find_spec of a top-level package imports nothing). */
static int
ras_folder(pyapi *a, WCHAR *out, size_t size, char *error, size_t error_size)
{
    PyObject *util = a->ImportModule("importlib.util");
    PyObject *find = NULL;
    PyObject *spec = NULL;
    PyObject *origin = NULL;
    PyObject *b = NULL;
    PyObject *args[1];
    const char *s;
    int rc = -1;

    if (util != NULL) {
        find = a->GetAttrString(util, "find_spec");
    }
    if (find != NULL) {
        args[0] = a->Unicode_FromWideChar(L"ras", -1);
        spec = call_with(a, find, args, 1);
    }
    if (spec == a->None) {
        snprintf(error, error_size, "the ras package is not installed in this Python");
    } else if (spec != NULL) {
        origin = a->GetAttrString(spec, "origin");
        if (origin != NULL && origin != a->None) {
            b = a->Unicode_AsUTF8String(origin);
        }
        s = b != NULL ? a->Bytes_AsString(b) : NULL;
        if (s != NULL && MultiByteToWideChar(CP_UTF8, 0, s, -1, out, (int)size) > 0) {
            WCHAR *slash = wcsrchr(out, L'\\');

            if (slash != NULL) {
                *slash = L'\0'; /* ...\ras\__init__.py -> ...\ras */
                rc = 0;
            }
        }
        if (rc != 0) {
            snprintf(error, error_size, "the ras package's folder cannot be found");
        }
    }
    if (rc != 0 && a->Err_Occurred() != NULL) {
        exception_text(a, error, error_size);
    }
    if (b != NULL) {
        a->DecRef(b);
    }
    if (origin != NULL) {
        a->DecRef(origin);
    }
    if (spec != NULL) {
        a->DecRef(spec);
    }
    if (find != NULL) {
        a->DecRef(find);
    }
    if (util != NULL) {
        a->DecRef(util);
    }
    return rc;
}

/* With the GIL: check the ras folder, import ras.admin.host, load the
 * policy; keeps host.call and host.unload.  0 on success. */
static int
load_policy(pyhost *h, char *error, size_t size)
{
    pyapi *a = &h->api;
    PyObject *host;
    PyObject *load;
    PyObject *result;
    PyObject *args[4];
    WCHAR folder[PY_PATH_MAX];

    if (!h->skip_permissions) {
        acl_report *r;

        if (ras_folder(a, folder, PY_PATH_MAX, error, size) != 0) {
            return -1;
        }
        r = (acl_report *)calloc(1, sizeof *r);
        if (r == NULL || (r->seen = calloc(ACL_SEEN_MAX, sizeof *r->seen)) == NULL) {
            free(r);
            snprintf(error, size, "out of memory");
            return -1;
        }
        check_path(r, folder);
        if (r->count > 0) {
            snprintf(error, size,
                     "refusing to host Python: a non-administrator can change the ras "
                     "package (%u problem%s): %s",
                     r->count, r->count == 1 ? "" : "s", r->text);
        }
        free(r->seen);
        free(r);
        if (error[0] != '\0') {
            return -1;
        }
    }
    host = a->ImportModule("ras.admin.host");
    if (host == NULL) {
        exception_text(a, error, size);
        return -1;
    }
    load = a->GetAttrString(host, "load");
    h->host_call = a->GetAttrString(host, "call");
    h->host_unload = a->GetAttrString(host, "unload");
    a->DecRef(host);
    if (load == NULL || h->host_call == NULL || h->host_unload == NULL) {
        exception_text(a, error, size);
        result = NULL;
    } else {
        args[0] = wide(a, h->policy);
        args[1] = wide(a, h->path);
        args[2] = wide(a, h->log_file);
        args[3] = wide(a, h->log_level);
        result = call_with(a, load, args, 4);
        if (result == NULL) {
            char why[500];

            exception_text(a, why, sizeof why);
            set_error(error, size, "loading the policy %s failed: ", h->policy);
            strncat(error, why, size - strlen(error) - 1);
        } else {
            char name[200] = "?";
            PyObject *b = a->Unicode_AsUTF8String(result);

            if (b != NULL && a->Bytes_AsString(b) != NULL) {
                strncpy(name, a->Bytes_AsString(b), sizeof name - 1);
                name[sizeof name - 1] = '\0';
            }
            if (b != NULL) {
                a->DecRef(b);
            }
            if (a->Err_Occurred() != NULL) {
                char ignored[10];

                exception_text(a, ignored, sizeof ignored);
            }
            rasadm_log(RASADM_LOG_INFO, RASADM_EVENT_INFO,
                       "python: policy %s loaded (CPython %.40s%s)", name, a->GetVersion(),
                       h->borrowed ? ", the process's own interpreter" : "");
            a->DecRef(result);
        }
    }
    if (load != NULL) {
        a->DecRef(load);
    }
    if (result == NULL) {
        if (h->host_call != NULL) {
            a->DecRef(h->host_call);
            h->host_call = NULL;
        }
        if (h->host_unload != NULL) {
            a->DecRef(h->host_unload);
            h->host_unload = NULL;
        }
        return -1;
    }
    return 0;
}

/* With the GIL: host.unload(), drop our references. */
static void
unload_policy(pyhost *h)
{
    pyapi *a = &h->api;
    PyObject *result;
    char why[500];

    if (h->host_unload != NULL) {
        result = call_with(a, h->host_unload, NULL, 0);
        if (result == NULL) {
            exception_text(a, why, sizeof why);
            rasadm_log(RASADM_LOG_WARNING, RASADM_EVENT_FAILURE, "python: unload failed: %s", why);
        } else {
            a->DecRef(result);
        }
        a->DecRef(h->host_unload);
        h->host_unload = NULL;
    }
    if (h->host_call != NULL) {
        a->DecRef(h->host_call);
        h->host_call = NULL;
    }
}

/* ---- the interpreter's thread ----------------------------------------------- */

/* Records the start's result; 0 when start is still waiting for it (else the
 * thread must clean up alone). */
static int
publish(pyhost *h, host_state state)
{
    int waiting;

    AcquireSRWLockExclusive(&h->lock);
    waiting = h->state == HOST_STARTING;
    if (waiting) {
        h->state = state;
    }
    ReleaseSRWLockExclusive(&h->lock);
    SetEvent(h->ready);
    return waiting ? 0 : -1;
}

static DWORD WINAPI
interpreter_main(LPVOID arg)
{
    pyhost *h = (pyhost *)arg;
    pyapi *a = &h->api;
    HMODULE self = NULL;
    PyThreadState *ts;
    char error[sizeof h->error];

    /* the creator took a module reference for this thread */
    GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS |
                           GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
                       (LPCWSTR)(void *)&interpreter_main, &self);
    error[0] = '\0';
    if (a->SetPythonHome != NULL) {
        a->SetPythonHome(h->home); /* kept by CPython: h->home outlives it */
    }
    a->InitializeEx(0);
    if (!a->IsInitialized()) {
        snprintf(h->error, sizeof h->error, "Py_InitializeEx failed");
        publish(h, HOST_FAILED);
    } else if (load_policy(h, error, sizeof error) != 0) {
        a->FinalizeEx();
        snprintf(h->error, sizeof h->error, "%s", error);
        publish(h, HOST_FAILED);
    } else {
        ts = a->SaveThread();
        if (publish(h, HOST_RUNNING) != 0) {
            /* start gave up on us: nobody will ask us to stop */
            SetEvent(h->stop);
        }
        WaitForSingleObject(h->stop, INFINITE);
        a->RestoreThread(ts);
        unload_policy(h);
        if (a->FinalizeEx() < 0) {
            rasadm_log(RASADM_LOG_WARNING, RASADM_EVENT_FAILURE,
                       "python: Py_FinalizeEx reported an error (buffered data not written)");
        } else {
            rasadm_log(RASADM_LOG_INFO, RASADM_EVENT_INFO, "python: interpreter finalized");
        }
    }
    host_release(h);
    if (self != NULL) {
        FreeLibraryAndExitThread(self, 0);
    }
    return 0;
}

/* ---- the policy table ------------------------------------------------------- */

static int
py_start(void **ctx, const rasadm_config *config, char *error, size_t error_size)
{
    pyhost *h = (pyhost *)calloc(1, sizeof *h);
    HMODULE ref = NULL;
    HANDLE waits[2];
    DWORD rc;
    host_state state;

    if (h == NULL) {
        snprintf(error, error_size, "out of memory");
        return -1;
    }
    h->refs = 1;
    InitializeSRWLock(&h->lock);
    h->state = HOST_STARTING;
    if (read_settings(h, config, error, error_size) != 0) {
        host_release(h);
        return -1;
    }
    if (h->skip_permissions) {
        rasadm_log(RASADM_LOG_WARNING, RASADM_EVENT_CONFIG,
                   "python: the permission checks are skipped ([test] skip_permissions = 1, "
                   "the test build only)");
    } else if (check_installation(h, error, error_size) != 0) {
        host_release(h);
        return -1;
    }
    if (load_python(h, error, error_size) != 0) {
        host_release(h);
        return -1;
    }
    if (h->api.IsInitialized()) {
        /* an embedding process: its interpreter, never finalized here */
        int g = h->api.GILState_Ensure();
        int rc2;

        h->borrowed = 1;
        rc2 = load_policy(h, error, error_size);
        h->api.GILState_Release(g);
        if (rc2 != 0) {
            host_release(h);
            return -1;
        }
        *ctx = h;
        return 0;
    }
    h->ready = CreateEventW(NULL, TRUE, FALSE, NULL);
    h->stop = CreateEventW(NULL, TRUE, FALSE, NULL);
    if (h->ready == NULL || h->stop == NULL ||
        !GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS,
                            (LPCWSTR)(void *)&interpreter_main, &ref)) {
        snprintf(error, error_size, "cannot create events (error %lu)",
                 (unsigned long)GetLastError());
        host_release(h);
        return -1;
    }
    InterlockedIncrement(&h->refs); /* the thread's */
    h->thread = CreateThread(NULL, 0, interpreter_main, h, 0, NULL);
    if (h->thread == NULL) {
        snprintf(error, error_size, "cannot start the interpreter's thread (error %lu)",
                 (unsigned long)GetLastError());
        FreeLibrary(ref);
        InterlockedDecrement(&h->refs);
        host_release(h);
        return -1;
    }
    waits[0] = h->ready;
    waits[1] = h->thread;
    rc = WaitForMultipleObjects(2, waits, FALSE, PY_START_LIMIT);
    AcquireSRWLockExclusive(&h->lock);
    state = h->state;
    if (state == HOST_STARTING) {
        h->state = HOST_ABANDONED;
    }
    ReleaseSRWLockExclusive(&h->lock);
    if (state == HOST_RUNNING) {
        *ctx = h;
        return 0;
    }
    if (state == HOST_STARTING) {
        snprintf(error, error_size,
                 "the policy did not load within %lu s (wait result %lu): the interpreter is "
                 "left to finish and will then be finalized",
                 (unsigned long)(PY_START_LIMIT / 1000), (unsigned long)rc);
    } else {
        strncpy(error, h->error, error_size - 1);
        error[error_size - 1] = '\0';
        /* the thread finalizes and exits: wait, so a retry starts afresh */
        WaitForSingleObject(h->thread, PY_START_LIMIT);
    }
    host_release(h);
    return -1;
}

static void
py_stop(void *ctx)
{
    pyhost *h = (pyhost *)ctx;
    DWORD wait;

    if (h == NULL) {
        return;
    }
    if (h->borrowed) {
        int g = h->api.GILState_Ensure();

        unload_policy(h);
        h->api.GILState_Release(g);
        host_release(h);
        return;
    }
    SetEvent(h->stop);
    wait = h->timeout_ms + 10000;
    if (WaitForSingleObject(h->thread, wait) != WAIT_OBJECT_0) {
        rasadm_log(RASADM_LOG_ERROR, RASADM_EVENT_FAILURE,
                   "python: the policy's unload or the interpreter's finalization did not end "
                   "within %lu ms: the interpreter is left to finish",
                   (unsigned long)wait);
    }
    host_release(h);
}

/* ---- building the raw values (the GIL held) -------------------------------- */

static void
put(pyapi *a, PyObject *dict, const char *key, PyObject *value, int *bad)
{
    if (value == NULL || a->Dict_SetItemString(dict, key, value) != 0) {
        *bad = 1;
    }
    if (value != NULL) {
        a->DecRef(value);
    }
}

static void
put_u(pyapi *a, PyObject *d, const char *key, unsigned long long v, int *bad)
{
    put(a, d, key, a->Long_FromUnsignedLongLong(v), bad);
}

static void
put_s(pyapi *a, PyObject *d, const char *key, const WCHAR *s, int *bad)
{
    put(a, d, key, a->Unicode_FromWideChar(s, -1), bad);
}

static void
put_b(pyapi *a, PyObject *d, const char *key, const void *bytes, size_t n, int *bad)
{
    put(a, d, key, a->Bytes_FromStringAndSize((const char *)bytes, (py_ssize)n), bad);
}

static PyObject *
stats_dict(pyapi *a, const rasadm_stats *s, int *bad)
{
    PyObject *d = a->Dict_New();

    if (d == NULL) {
        *bad = 1;
        return NULL;
    }
    put_u(a, d, "bytes_sent", s->bytes_sent, bad);
    put_u(a, d, "bytes_received", s->bytes_received, bad);
    put_u(a, d, "frames_sent", s->frames_sent, bad);
    put_u(a, d, "frames_received", s->frames_received, bad);
    put_u(a, d, "crc_errors", s->crc_errors, bad);
    put_u(a, d, "timeout_errors", s->timeout_errors, bad);
    put_u(a, d, "alignment_errors", s->alignment_errors, bad);
    put_u(a, d, "hardware_overrun_errors", s->hardware_overrun_errors, bad);
    put_u(a, d, "framing_errors", s->framing_errors, bad);
    put_u(a, d, "buffer_overrun_errors", s->buffer_overrun_errors, bad);
    put_u(a, d, "compression_ratio_in", s->compression_ratio_in, bad);
    put_u(a, d, "compression_ratio_out", s->compression_ratio_out, bad);
    return d;
}

static PyObject *
connection_dict(pyapi *a, const rasadm_connection *c)
{
    PyObject *d = a->Dict_New();
    int bad = 0;

    if (d == NULL) {
        return NULL;
    }
    put_u(a, d, "connection_id", c->connection_id, &bad);
    put_u(a, d, "interface_id", c->interface_id, &bad);
    put_u(a, d, "interface_type", c->interface_type, &bad);
    put_u(a, d, "flags", c->flags, &bad);
    put_u(a, d, "duration_seconds", c->duration_seconds, &bad);
    put_u(a, d, "projection_type", c->projection_type, &bad);
    put_u(a, d, "quarantine_state", c->quarantine_state, &bad);
    put_b(a, d, "guid", &c->guid, sizeof c->guid, &bad); /* bytes_le on every Windows */
    put_s(a, d, "user", c->user, &bad);
    put_s(a, d, "domain", c->domain, &bad);
    put_s(a, d, "interface_name", c->interface_name, &bad);
    put_s(a, d, "remote_computer", c->remote_computer, &bad);
    put_s(a, d, "remote_endpoint", c->remote_endpoint, &bad);
    put_s(a, d, "local_endpoint", c->local_endpoint, &bad);
    put_s(a, d, "ipv4_address", c->ipv4_address, &bad);
    put_s(a, d, "ipv4_remote_address", c->ipv4_remote_address, &bad);
    put_b(a, d, "ipv6_prefix", c->ipv6_prefix, sizeof c->ipv6_prefix, &bad);
    put_u(a, d, "ipv6_prefix_length", c->ipv6_prefix_length, &bad);
    put_b(a, d, "ipv6_interface_id", c->ipv6_interface_id, sizeof c->ipv6_interface_id, &bad);
    put_b(a, d, "ipv6_remote_interface_id", c->ipv6_remote_interface_id,
          sizeof c->ipv6_remote_interface_id, &bad);
    put_u(a, d, "authentication_protocol", c->authentication_protocol, &bad);
    put_u(a, d, "eap_type", c->eap_type, &bad);
    put(a, d, "stats", stats_dict(a, &c->stats, &bad), &bad);
    if (bad) {
        a->DecRef(d);
        return NULL;
    }
    return d;
}

static PyObject *
link_dict(pyapi *a, const rasadm_link *l)
{
    PyObject *d = a->Dict_New();
    int bad = 0;

    if (d == NULL) {
        return NULL;
    }
    put_u(a, d, "port_id", l->port_id, &bad);
    put_u(a, d, "connection_id", l->connection_id, &bad);
    put_u(a, d, "condition", l->condition, &bad);
    put_u(a, d, "total_calls", l->total_calls, &bad);
    put_u(a, d, "duration_seconds", l->duration_seconds, &bad);
    put_u(a, d, "line_speed", l->line_speed, &bad);
    put_u(a, d, "hardware_condition", l->hardware_condition, &bad);
    put_s(a, d, "port_name", l->port_name, &bad);
    put_s(a, d, "media_name", l->media_name, &bad);
    put_s(a, d, "device_name", l->device_name, &bad);
    put_s(a, d, "device_type", l->device_type, &bad);
    put(a, d, "stats", stats_dict(a, &l->stats, &bad), &bad);
    if (bad) {
        a->DecRef(d);
        return NULL;
    }
    return d;
}

static PyObject *
address_dict(pyapi *a, const rasadm_address *r)
{
    PyObject *d = a->Dict_New();
    int bad = 0;

    if (d == NULL) {
        return NULL;
    }
    put_u(a, d, "family", (unsigned long long)(r->family == 6 ? 6 : 4), &bad);
    put_u(a, d, "ipv4", r->ipv4, &bad);
    put_b(a, d, "ipv6", r->ipv6, sizeof r->ipv6, &bad);
    put_s(a, d, "user", r->user, &bad);
    put_s(a, d, "port", r->port, &bad);
    if (bad) {
        a->DecRef(d);
        return NULL;
    }
    return d;
}

/* ---- one call ---------------------------------------------------------------- */

typedef enum answer_kind {
    ANSWER_BOOL,
    ANSWER_NONE,
    ANSWER_ADDRESS
} answer_kind;

/* The answer of assign_address: None or {"ipv4": int} / {"ipv6": 16 bytes}. */
static int
read_address(pyapi *a, PyObject *answer, int family, rasadm_address_answer *out, char *why,
             size_t size)
{
    PyObject *v;
    char *bytes = NULL;
    py_ssize n = 0;

    out->assign = FALSE;
    out->notify_release = FALSE;
    if (answer == a->None) {
        return 0;
    }
    v = a->Dict_GetItemString(answer, family == 6 ? "ipv6" : "ipv4"); /* borrowed */
    if (v == NULL) {
        snprintf(why, size, "assign_address: the answer has no IPv%d address", family);
        return -1;
    }
    if (family == 6) {
        if (a->Bytes_AsStringAndSize(v, &bytes, &n) != 0 || n != 16) {
            snprintf(why, size, "assign_address: the IPv6 answer is not 16 bytes");
            return -1;
        }
        memcpy(out->ipv6, bytes, 16);
    } else {
        unsigned long x = a->Long_AsUnsignedLong(v);

        if (a->Err_Occurred() != NULL || x > 0xffffffffUL) {
            snprintf(why, size, "assign_address: the IPv4 answer is not a 32-bit number");
            return -1;
        }
        out->ipv4 = (DWORD)x;
    }
    out->assign = TRUE;
    out->notify_release = TRUE; /* the policy hears of the release of what it assigned */
    return 0;
}

static int
py_call(pyhost *h, const char *name, PyObject *(*build)(pyapi *, const void *), const void *in,
        answer_kind kind, BOOL *accept, int family, rasadm_address_answer *address)
{
    pyapi *a = &h->api;
    int g;
    PyObject *args[2];
    PyObject *result = NULL;
    PyObject *ok;
    PyObject *answer;
    int rc = -1;
    int truth;
    char why[600];

    why[0] = '\0';
    g = a->GILState_Ensure();
    if (h->host_call == NULL) {
        snprintf(why, sizeof why, "%s: no policy is loaded", name);
    } else {
        WCHAR wname[40]; /* the call's name: ASCII */
        size_t i;

        for (i = 0; name[i] != '\0' && i < 39; i++) {
            wname[i] = (WCHAR)(unsigned char)name[i];
        }
        wname[i] = L'\0';
        args[0] = a->Unicode_FromWideChar(wname, -1);
        args[1] = build(a, in);
        result = call_with(a, h->host_call, args, 2);
        if (result == NULL) {
            exception_text(a, why, sizeof why);
        } else if (a->Tuple_Size(result) != 2) {
            snprintf(why, sizeof why, "%s: ras.admin.host.call did not answer a pair", name);
        } else {
            ok = a->Tuple_GetItem(result, 0);
            answer = a->Tuple_GetItem(result, 1);
            truth = ok != NULL ? a->IsTrue(ok) : -1;
            if (truth == 0) {
                PyObject *text = answer != NULL ? a->Str(answer) : NULL;
                PyObject *b = text != NULL ? a->Unicode_AsUTF8String(text) : NULL;
                const char *s = b != NULL ? a->Bytes_AsString(b) : NULL;

                snprintf(why, sizeof why, "%s", s != NULL ? s : "(no reason)");
                if (b != NULL) {
                    a->DecRef(b);
                }
                if (text != NULL) {
                    a->DecRef(text);
                }
            } else if (truth < 0 || answer == NULL) {
                snprintf(why, sizeof why, "%s: an unreadable answer", name);
            } else if (kind == ANSWER_BOOL) {
                truth = a->IsTrue(answer);
                if (truth >= 0) {
                    *accept = truth ? TRUE : FALSE;
                    rc = 0;
                } else {
                    snprintf(why, sizeof why, "%s: an unreadable answer", name);
                }
            } else if (kind == ANSWER_ADDRESS) {
                rc = read_address(a, answer, family, address, why, sizeof why);
            } else {
                rc = 0;
            }
        }
        if (result != NULL) {
            a->DecRef(result);
        }
        if (a->Err_Occurred() != NULL) {
            char ignored[200];

            exception_text(a, ignored, sizeof ignored);
            if (why[0] == '\0') {
                snprintf(why, sizeof why, "%s", ignored);
            }
        }
    }
    a->GILState_Release(g);
    if (rc != 0) {
        why[sizeof why - 1] = '\0';
        rasadm_log(RASADM_LOG_ERROR, RASADM_EVENT_FAILURE, "python policy: %s", why);
    }
    return rc;
}

static PyObject *
build_conn(pyapi *a, const void *in)
{
    return connection_dict(a, (const rasadm_connection *)in);
}

static PyObject *
build_link(pyapi *a, const void *in)
{
    return link_dict(a, (const rasadm_link *)in);
}

static PyObject *
build_addr(pyapi *a, const void *in)
{
    return address_dict(a, (const rasadm_address *)in);
}

static int
py_accept_connection(void *ctx, const rasadm_connection *conn, BOOL *accept)
{
    return py_call((pyhost *)ctx, "accept_connection", build_conn, conn, ANSWER_BOOL, accept, 0,
                   NULL);
}

static int
py_accept_reauthentication(void *ctx, const rasadm_connection *conn, BOOL *accept)
{
    return py_call((pyhost *)ctx, "accept_reauthentication", build_conn, conn, ANSWER_BOOL, accept,
                   0, NULL);
}

static int
py_accept_link(void *ctx, const rasadm_link *link, BOOL *accept)
{
    return py_call((pyhost *)ctx, "accept_link", build_link, link, ANSWER_BOOL, accept, 0, NULL);
}

static int
py_connection_hangup(void *ctx, const rasadm_connection *conn)
{
    return py_call((pyhost *)ctx, "connection_ended", build_conn, conn, ANSWER_NONE, NULL, 0, NULL);
}

static int
py_link_hangup(void *ctx, const rasadm_link *link)
{
    return py_call((pyhost *)ctx, "link_ended", build_link, link, ANSWER_NONE, NULL, 0, NULL);
}

static int
py_get_address(void *ctx, const rasadm_address *request, rasadm_address_answer *answer)
{
    return py_call((pyhost *)ctx, "assign_address", build_addr, request, ANSWER_ADDRESS, NULL,
                   request->family == 6 ? 6 : 4, answer);
}

static int
py_release_address(void *ctx, const rasadm_address *address)
{
    return py_call((pyhost *)ctx, "release_address", build_addr, address, ANSWER_NONE, NULL, 0,
                   NULL);
}

const rasadm_policy rasadm_python_policy = {
    "python",
    py_start,
    py_stop,
    py_accept_connection,
    py_accept_reauthentication,
    py_accept_link,
    py_connection_hangup,
    py_link_hangup,
    py_get_address,
    py_release_address,
};
