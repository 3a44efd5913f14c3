/*
 * credentials.c -- the credentials family, per-entry secrets:
 * Get/SetEntryDialParams, Get/SetCredentials, Get/SetEapUserData,
 * Get/SetCustomAuthData.
 *
 * Secrets never stay in C memory: every RASCREDENTIALSW and every data
 * buffer is wiped (rasconv_wipe) before it is released.  RasGetCredentials
 * never returns a saved password or pre-shared key: it gives a handle
 * ("****************" on Windows) that RasSetCredentials and RasDial accept
 * in its place, and that is what the dict carries.
 */
#include "structs.h"

#include <string.h>

#define CM_FIELDS (RASCM_UserName | RASCM_Password | RASCM_Domain)

static const rasfield creds_fields[] = {
    RASFIELD(RASCREDENTIALSW, dwMask, "mask", RF_DWORD),
    RASFIELD(RASCREDENTIALSW, szUserName, "userName", RF_WSTR),
    RASFIELD(RASCREDENTIALSW, szPassword, "password", RF_SECRET),
    RASFIELD(RASCREDENTIALSW, szDomain, "domain", RF_WSTR),
};
static const rasstruct creds_def = RASSTRUCT("RASCREDENTIALS", creds_fields);

const rasshape ras_credentials_shapes[] = {
    RASSHAPE("RASCREDENTIALS", creds_def),
    { NULL, NULL, 0, NULL, 0 },
};

/* ---- dial parameters ------------------------------------------------------ */

PyDoc_STRVAR(
    GetEntryDialParams_doc,
    "GetEntryDialParams($module, fileName, entryName, /)\n--\n\n"
    "The dial parameters last saved for an entry (RasGetEntryDialParams).\n\n"
    "Returns ((entryName, phoneNumber, callbackNumber, userName, password, domain), havePassword).");

static PyObject *
ras_GetEntryDialParams(PyObject *module, PyObject *args)
{
    rasmod_state *st = rasmod_get_state(module);
    PyObject *ofile, *oentry, *result = NULL;
    WCHAR *file = NULL;
    RASDIALPARAMSW dp;
    BOOL have_password = FALSE;
    DWORD rc;

    memset(&dp, 0, sizeof(dp));
    if (!PyArg_ParseTuple(args, "OO:GetEntryDialParams", &ofile, &oentry) ||
        rasconv_wstr(ofile, 1, &file, NULL) < 0) {
        return NULL;
    }
    /* Not rasconv_book_entry: the entry name goes straight into the
     * structure, with pywin32's length limit and message. */
    if (rasconv_wfixed(oentry, dp.szEntryName, NELEMS(dp.szEntryName),
                       "<GetEntryDialParams entryName>") < 0) {
        rasconv_wstr_free(file);
        return NULL;
    }
    dp.dwSize = sizeof(dp);
    Py_BEGIN_ALLOW_THREADS
        rc = RasGetEntryDialParamsW(file, &dp, &have_password);
    Py_END_ALLOW_THREADS
    rasconv_wstr_free(file);
    if (rc != 0) {
        rasconv_raise(st, "RasGetEntryDialParams", rc);
    } else {
        result = Py_BuildValue(
            "((NNNNNN)N)", rasconv_from_wfixed(dp.szEntryName, NELEMS(dp.szEntryName)),
            rasconv_from_wfixed(dp.szPhoneNumber, NELEMS(dp.szPhoneNumber)),
            rasconv_from_wfixed(dp.szCallbackNumber, NELEMS(dp.szCallbackNumber)),
            rasconv_from_wfixed(dp.szUserName, NELEMS(dp.szUserName)),
            rasconv_from_wfixed(dp.szPassword, NELEMS(dp.szPassword)),
            rasconv_from_wfixed(dp.szDomain, NELEMS(dp.szDomain)), PyBool_FromLong(have_password));
    }
    rasconv_wipe(&dp, sizeof(dp));
    return result;
}

PyDoc_STRVAR(SetEntryDialParams_doc,
             "SetEntryDialParams($module, fileName, RasDialParams, bSavePassword, /)\n--\n\n"
             "Save dial parameters for an entry (RasSetEntryDialParams).  As in pywin32\n"
             "the third argument goes to RAS as fRemovePassword: true removes the saved\n"
             "password.");

static PyObject *
ras_SetEntryDialParams(PyObject *module, PyObject *args)
{
    rasmod_state *st = rasmod_get_state(module);
    PyObject *ofile, *oparams;
    RASDIALPARAMSW params;
    WCHAR *file = NULL;
    int remove;
    DWORD rc;

    if (!PyArg_ParseTuple(args, "OOi:SetEntryDialParams", &ofile, &oparams, &remove)) {
        return NULL;
    }
    if (rasconv_dialparams(st, oparams, &params) < 0) {
        return NULL;
    }
    if (rasconv_wstr(ofile, 1, &file, NULL) < 0) {
        rasconv_wipe(&params, sizeof(params));
        return NULL;
    }
    Py_BEGIN_ALLOW_THREADS
        rc = RasSetEntryDialParamsW(file, &params, remove ? TRUE : FALSE);
    Py_END_ALLOW_THREADS
    rasconv_wipe(&params, sizeof(params));
    rasconv_wstr_free(file);
    return rasconv_none_or_raise(st, "SetEntryDialParams", rc);
}

/* ---- credentials ---------------------------------------------------------- */

PyDoc_STRVAR(
    GetCredentials_doc,
    "GetCredentials($module, phonebook, entry, mask=7, /)\n--\n\n"
    "The credentials saved for a phonebook entry (RasGetCredentials) as a dict:\n"
    "'mask' (the RASCM_* bits RAS filled in), 'userName', 'password', 'domain'.\n"
    "The saved password is never returned: when one is saved, 'mask' has\n"
    "RASCM_Password and 'password' holds RAS's password handle, which\n"
    "SetCredentials() and Dial() accept in place of the password.  mask selects\n"
    "what to read (7 is RASCM_UserName | RASCM_Password | RASCM_Domain; a number,\n"
    "since Python 3.9's inspect reads no expression here): add RASCM_DefaultCreds for the all-users default\n"
    "credentials; RASCM_PreSharedKey (alone) for the entry's pre-shared key,\n"
    "RASCM_ServerPreSharedKey or RASCM_DDMPreSharedKey for the server's or a\n"
    "demand-dial interface's (entry names the interface).");

static PyObject *
ras_GetCredentials(PyObject *module, PyObject *args)
{
    PyObject *obook, *oentry, *omask = NULL, *result = NULL;
    WCHAR *book, *entry;
    RASCREDENTIALSW creds;
    DWORD mask = CM_FIELDS, rc;

    if (!PyArg_ParseTuple(args, "OO|O:GetCredentials", &obook, &oentry, &omask) ||
        (omask != NULL && rasconv_dword(omask, &mask) < 0) ||
        rasconv_book_entry(obook, oentry, "GetCredentials", 1, 0, &book, &entry) < 0) {
        return NULL;
    }
    memset(&creds, 0, sizeof(creds));
    creds.dwSize = sizeof(creds);
    creds.dwMask = mask;
    Py_BEGIN_ALLOW_THREADS
        rc = RasGetCredentialsW(book, entry, &creds);
    Py_END_ALLOW_THREADS
    rasconv_wstr_free(book);
    rasconv_wstr_free(entry);
    if (rc != 0) {
        rasconv_raise(rasmod_get_state(module), "RasGetCredentials", rc);
    } else {
        result = rasstruct_to_dict(&creds_def, &creds);
    }
    rasconv_wipe(&creds, sizeof(creds));
    return result;
}

/* The mask of a credentials dict without a 'mask' key: the fields given. */
static DWORD
mask_from_keys(PyObject *dict)
{
    static const struct {
        const char *key;
        DWORD bit;
    } bits[] = {
        { "userName", RASCM_UserName },
        { "password", RASCM_Password },
        { "domain", RASCM_Domain },
    };
    DWORD mask = 0;
    size_t i;

    for (i = 0; i < sizeof(bits) / sizeof(bits[0]); i++) {
        if (PyDict_GetItemString(dict, bits[i].key) != NULL) {
            mask |= bits[i].bit;
        }
    }
    return mask;
}

PyDoc_STRVAR(SetCredentials_doc,
             "SetCredentials($module, phonebook, entry, credentials, /,\n"
             "               clearCredentials=False)\n--\n\n"
             "Save credentials for a phonebook entry (RasSetCredentials).  credentials\n"
             "is a dict with the keys of GetCredentials(); 'mask' says which fields to\n"
             "set (without it: the fields present).  A 'password' equal to the handle\n"
             "GetCredentials() returned keeps the saved password, so a get/set round\n"
             "trip changes nothing.  clearCredentials=True deletes the fields of the\n"
             "mask instead.  Pre-shared keys: 'mask' RASCM_PreSharedKey (or\n"
             "RASCM_ServerPreSharedKey, RASCM_DDMPreSharedKey) alone, the key in\n"
             "'password'.");

static PyObject *
ras_SetCredentials(PyObject *module, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = { "", "", "", "clearCredentials", NULL };
    PyObject *obook, *oentry, *odict;
    WCHAR *book, *entry;
    RASCREDENTIALSW creds;
    int clear = 0;
    DWORD rc;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "OOO|p:SetCredentials", kwlist, &obook, &oentry,
                                     &odict, &clear)) {
        return NULL;
    }
    memset(&creds, 0, sizeof(creds));
    if (rasstruct_from_dict(&creds_def, odict, &creds) < 0) {
        rasconv_wipe(&creds, sizeof(creds));
        return NULL;
    }
    if (PyDict_GetItemString(odict, "mask") == NULL) {
        creds.dwMask = mask_from_keys(odict);
    }
    creds.dwSize = sizeof(creds);
    if (rasconv_book_entry(obook, oentry, "SetCredentials", 1, 0, &book, &entry) < 0) {
        rasconv_wipe(&creds, sizeof(creds));
        return NULL;
    }
    Py_BEGIN_ALLOW_THREADS
        rc = RasSetCredentialsW(book, entry, &creds, clear ? TRUE : FALSE);
    Py_END_ALLOW_THREADS
    rasconv_wipe(&creds, sizeof(creds));
    rasconv_wstr_free(book);
    rasconv_wstr_free(entry);
    return rasconv_none_or_raise(rasmod_get_state(module), "RasSetCredentials", rc);
}

/* ---- byte blobs: EAP user data, custom auth data ------------------------ */

typedef struct {
    int eap; /* RasGetEapUserDataW (else RasGetCustomAuthDataW) */
    HANDLE token;
    const WCHAR *book, *entry;
} blob_call;

/* rasconv_sized_fn; the first call (size 0) is the size query with NULL. */
static DWORD
call_get_blob(void *arg, void *buf, DWORD *size)
{
    const blob_call *c = (const blob_call *)arg;
    BYTE *p = *size != 0 ? (BYTE *)buf : NULL;

    return c->eap ? RasGetEapUserDataW(c->token, c->book, c->entry, p, size)
                  : RasGetCustomAuthDataW(c->book, c->entry, p, size);
}

/* Size query, then the fetch; again if the data grew in between.  The
 * buffer is wiped before it is freed. */
static PyObject *
get_blob(PyObject *module, const blob_call *c, const char *funcname)
{
    DWORD size, rc;
    PyObject *result;
    BYTE *buf = rasconv_sized(call_get_blob, (void *)c, 0, 0, 1, &size, &rc);

    if (buf == NULL) {
        return PyErr_Occurred() ? NULL : rasconv_raise(rasmod_get_state(module), funcname, rc);
    }
    result = PyBytes_FromStringAndSize((const char *)buf, (Py_ssize_t)size);
    rasconv_wipe(buf, size);
    PyMem_Free(buf);
    return result;
}

/* bytes -> pointer and DWORD size (the object keeps the memory alive). */
static int
blob_arg(PyObject *obj, const char *fname, int argnum, BYTE **data, DWORD *size)
{
    char *p;
    Py_ssize_t n;

    if (!PyBytes_Check(obj)) {
        PyErr_Format(PyExc_TypeError, "%s() argument %d must be bytes, not %R", fname, argnum,
                     (PyObject *)Py_TYPE(obj));
        return -1;
    }
    if (PyBytes_AsStringAndSize(obj, &p, &n) < 0) {
        return -1;
    }
    if ((unsigned long long)n > 0xFFFFFFFFull) {
        PyErr_Format(PyExc_ValueError, "%s(): data of more than 4294967295 bytes", fname);
        return -1;
    }
    *data = n > 0 ? (BYTE *)p : NULL;
    *size = (DWORD)n;
    return 0;
}

PyDoc_STRVAR(GetEapUserData_doc,
             "GetEapUserData($module, hToken, phonebook, entry, /)\n--\n\n"
             "The user-specific EAP data of a phonebook entry (RasGetEapUserData) as\n"
             "bytes (empty when none is saved).  hToken: an access token of the user,\n"
             "None for the calling user.");

static PyObject *
ras_GetEapUserData(PyObject *module, PyObject *args)
{
    PyObject *otoken, *obook, *oentry, *result;
    WCHAR *book, *entry;
    blob_call c;
    void *token;

    if (!PyArg_ParseTuple(args, "OOO:GetEapUserData", &otoken, &obook, &oentry) ||
        rasconv_handle(otoken, &token) < 0 ||
        rasconv_book_entry(obook, oentry, "GetEapUserData", 2, 0, &book, &entry) < 0) {
        return NULL;
    }
    c.eap = 1;
    c.token = (HANDLE)token;
    c.book = book;
    c.entry = entry;
    result = get_blob(module, &c, "RasGetEapUserData");
    rasconv_wstr_free(book);
    rasconv_wstr_free(entry);
    return result;
}

PyDoc_STRVAR(SetEapUserData_doc,
             "SetEapUserData($module, hToken, phonebook, entry, data, /)\n--\n\n"
             "Save user-specific EAP data (bytes) for a phonebook entry\n"
             "(RasSetEapUserData); empty data removes it.  hToken: an access token of\n"
             "the user, None for the calling user.");

static PyObject *
ras_SetEapUserData(PyObject *module, PyObject *args)
{
    PyObject *otoken, *obook, *oentry, *odata;
    WCHAR *book, *entry;
    BYTE *data;
    DWORD size, rc;
    void *token;

    if (!PyArg_ParseTuple(args, "OOOO:SetEapUserData", &otoken, &obook, &oentry, &odata) ||
        rasconv_handle(otoken, &token) < 0 ||
        blob_arg(odata, "SetEapUserData", 4, &data, &size) < 0 ||
        rasconv_book_entry(obook, oentry, "SetEapUserData", 2, 0, &book, &entry) < 0) {
        return NULL;
    }
    Py_BEGIN_ALLOW_THREADS
        rc = RasSetEapUserDataW((HANDLE)token, book, entry, data, size);
    Py_END_ALLOW_THREADS
    rasconv_wstr_free(book);
    rasconv_wstr_free(entry);
    return rasconv_none_or_raise(rasmod_get_state(module), "RasSetEapUserData", rc);
}

PyDoc_STRVAR(GetCustomAuthData_doc,
             "GetCustomAuthData($module, phonebook, entry, /)\n--\n\n"
             "The custom authentication data of a phonebook entry (RasGetCustomAuthData)\n"
             "as bytes (empty when none is saved).");

static PyObject *
ras_GetCustomAuthData(PyObject *module, PyObject *args)
{
    PyObject *obook, *oentry, *result;
    WCHAR *book, *entry;
    blob_call c;

    if (!PyArg_ParseTuple(args, "OO:GetCustomAuthData", &obook, &oentry) ||
        rasconv_book_entry(obook, oentry, "GetCustomAuthData", 1, 0, &book, &entry) < 0) {
        return NULL;
    }
    c.eap = 0;
    c.token = NULL;
    c.book = book;
    c.entry = entry;
    result = get_blob(module, &c, "RasGetCustomAuthData");
    rasconv_wstr_free(book);
    rasconv_wstr_free(entry);
    return result;
}

PyDoc_STRVAR(SetCustomAuthData_doc,
             "SetCustomAuthData($module, phonebook, entry, data, /)\n--\n\n"
             "Save custom authentication data (bytes) for a phonebook entry\n"
             "(RasSetCustomAuthData); empty data removes it.");

static PyObject *
ras_SetCustomAuthData(PyObject *module, PyObject *args)
{
    PyObject *obook, *oentry, *odata;
    WCHAR *book, *entry;
    BYTE *data;
    DWORD size, rc;

    if (!PyArg_ParseTuple(args, "OOO:SetCustomAuthData", &obook, &oentry, &odata) ||
        blob_arg(odata, "SetCustomAuthData", 3, &data, &size) < 0 ||
        rasconv_book_entry(obook, oentry, "SetCustomAuthData", 1, 0, &book, &entry) < 0) {
        return NULL;
    }
    Py_BEGIN_ALLOW_THREADS
        rc = RasSetCustomAuthDataW(book, entry, data, size);
    Py_END_ALLOW_THREADS
    rasconv_wstr_free(book);
    rasconv_wstr_free(entry);
    return rasconv_none_or_raise(rasmod_get_state(module), "RasSetCustomAuthData", rc);
}

PyMethodDef ras_credentials_methods[] = {
    METH(GetEntryDialParams),
    METH(SetEntryDialParams),
    METH(GetCredentials),
    { "SetCredentials", (PyCFunction)(void (*)(void))ras_SetCredentials,
      METH_VARARGS | METH_KEYWORDS, SetCredentials_doc },
    METH(GetEapUserData),
    METH(SetEapUserData),
    METH(GetCustomAuthData),
    METH(SetCustomAuthData),
    { NULL, NULL, 0, NULL },
};

const rasconst ras_credentials_constants[] = {
    RASCONST(RASCF_AllUsers),        RASCONST(RASCF_GlobalCreds),
    RASCONST(RASCM_UserName),        RASCONST(RASCM_Password),
    RASCONST(RASCM_Domain),          RASCONST(RASCM_DefaultCreds),
    RASCONST(RASCM_PreSharedKey),    RASCONST(RASCM_ServerPreSharedKey),
    RASCONST(RASCM_DDMPreSharedKey), { NULL, 0 },
};
