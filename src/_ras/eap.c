/*
 * eap.c -- the EAP family: GetEapUserIdentity and the RASEAPUSERIDENTITY
 * type it returns (usable as RASDIALEXTENSIONS.RasEapInfo), InvokeEapUI.
 * (The per-entry EAP user data, Get/SetEapUserData, is stored with the
 * credentials: credentials.c.)
 */
#include "ext.h"

/* ---- RASEAPUSERIDENTITY ------------------------------------------------ */

typedef struct {
    PyObject_HEAD LPRASEAPUSERIDENTITYW identity;
} EapIdentityObject;

static void
eap_dealloc(PyObject *self)
{
    EapIdentityObject *e = (EapIdentityObject *)self;
    PyTypeObject *tp = Py_TYPE(self);
    freefunc tp_free = (freefunc)PyType_GetSlot(tp, Py_tp_free);

    if (e->identity != NULL) {
        RasFreeEapUserIdentityW(e->identity);
        e->identity = NULL;
    }
    tp_free(self);
    Py_DECREF(tp);
}

static PyObject *
eap_new_refused(PyTypeObject *tp, PyObject *args, PyObject *kw)
{
    (void)tp;
    (void)args;
    (void)kw;
    PyErr_SetString(PyExc_TypeError, "RASEAPUSERIDENTITY objects come from GetEapUserIdentity()");
    return NULL;
}

static PyObject *
eap_get_user(PyObject *self, void *closure)
{
    (void)closure;
    return rasconv_from_wfixed(((EapIdentityObject *)self)->identity->szUserName, UNLEN + 1);
}

static PyObject *
eap_get_info(PyObject *self, void *closure)
{
    LPRASEAPUSERIDENTITYW id = ((EapIdentityObject *)self)->identity;

    (void)closure;
    return PyBytes_FromStringAndSize((const char *)id->pbEapInfo, (Py_ssize_t)id->dwSizeofEapInfo);
}

static PyObject *
eap_repr(PyObject *self)
{
    PyObject *user = eap_get_user(self, NULL), *r;

    if (user == NULL) {
        return NULL;
    }
    r = PyUnicode_FromFormat("<RASEAPUSERIDENTITY userName=%R, %lu bytes of "
                             "EAP data>",
                             user,
                             (unsigned long)((EapIdentityObject *)self)->identity->dwSizeofEapInfo);
    Py_DECREF(user);
    return r;
}

static PyGetSetDef eap_getset[] = {
    { "szUserName", eap_get_user, NULL, "The user's identity (str).", NULL },
    { "userName", eap_get_user, NULL, "Alias of szUserName.", NULL },
    { "pbEapInfo", eap_get_info, NULL, "The EAP data (bytes).", NULL },
    { "eapInfo", eap_get_info, NULL, "Alias of pbEapInfo.", NULL },
    { NULL, NULL, NULL, NULL, NULL },
};

static PyType_Slot eap_slots[] = {
    { Py_tp_dealloc, (void *)eap_dealloc },
    { Py_tp_new, (void *)eap_new_refused },
    { Py_tp_repr, (void *)eap_repr },
    { Py_tp_getset, eap_getset },
    { Py_tp_doc, (void *)"RASEAPUSERIDENTITY: an EAP identity returned by "
                         "GetEapUserIdentity(); usable as "
                         "RASDIALEXTENSIONS.RasEapInfo." },
    { 0, NULL },
};

PyType_Spec raseap_identity_spec = {
    "ras.RASEAPUSERIDENTITY", sizeof(EapIdentityObject), 0, Py_TPFLAGS_DEFAULT, eap_slots,
};

LPRASEAPUSERIDENTITYW
raseap_identity(PyObject *obj)
{
    return ((EapIdentityObject *)obj)->identity;
}

/* ---- GetEapUserIdentity ------------------------------------------------ */

PyDoc_STRVAR(GetEapUserIdentity_doc,
             "GetEapUserIdentity($module, phoneBook, entry, flags, hwnd=None, /)\n--\n\n"
             "The EAP identity to dial an EAP entry with (RasGetEapUserIdentity).\n"
             "flags: RASEAPF_* values.\n\n"
             "Returns RASEAPUSERIDENTITY.");

static PyObject *
ras_GetEapUserIdentity(PyObject *module, PyObject *args)
{
    rasmod_state *st = rasmod_get_state(module);
    PyObject *obook, *oentry, *ohwnd = Py_None;
    WCHAR *book = NULL, *entry = NULL;
    void *hwnd;
    int flags;
    DWORD rc;
    LPRASEAPUSERIDENTITYW identity = NULL;
    EapIdentityObject *result;
    allocfunc tp_alloc;

    /* pywin32's "i" for the flags: a C int, passed on as a DWORD. */
    if (!PyArg_ParseTuple(args, "OOi|O:GetEapUserIdentity", &obook, &oentry, &flags, &ohwnd) ||
        rasconv_handle(ohwnd, &hwnd) < 0 ||
        /* pywin32's own conversion and messages for the pair */
        rasconv_book_entry(obook, oentry, NULL, 0, 0, &book, &entry) < 0) {
        return NULL;
    }
    Py_BEGIN_ALLOW_THREADS
        rc = RasGetEapUserIdentityW(book, entry, (DWORD)flags, (HWND)hwnd, &identity);
    Py_END_ALLOW_THREADS
    rasconv_wstr_free(book);
    rasconv_wstr_free(entry);
    if (rc != 0) {
        return rasconv_raise(st, "RasGetEapUserIdentity", rc);
    }
    if (identity == NULL) {
        Py_RETURN_NONE;
    }
    tp_alloc = (allocfunc)PyType_GetSlot(st->eap_type, Py_tp_alloc);
    result = (EapIdentityObject *)tp_alloc(st->eap_type, 0);
    if (result == NULL) {
        RasFreeEapUserIdentityW(identity);
        return NULL;
    }
    result->identity = identity;
    return (PyObject *)result;
}

/* ---- InvokeEapUI --------------------------------------------------------- */

PyDoc_STRVAR(InvokeEapUI_doc,
             "InvokeEapUI($module, hrasconn, subEntry, dialExtensions, hwnd=None, /)\n--\n\n"
             "Show the EAP method's user interface for a dial paused in\n"
             "RASCS_InvokeEapUI (RasInvokeEapUI).  dialExtensions: the\n"
             "RASDIALEXTENSIONS the dial was started with (None is refused by RAS).");

static PyObject *
ras_InvokeEapUI(PyObject *module, PyObject *args)
{
    rasmod_state *st = rasmod_get_state(module);
    PyObject *oh, *osub, *oext, *ohwnd = Py_None, *keep = NULL;
    RASDIALEXTENSIONS ext, *pext = NULL;
    void *h, *hwnd;
    DWORD sub, rc;

    if (!PyArg_ParseTuple(args, "OOO|O:InvokeEapUI", &oh, &osub, &oext, &ohwnd) ||
        rasconv_handle(oh, &h) < 0 || rasconv_dword(osub, &sub) < 0 ||
        rasconv_handle(ohwnd, &hwnd) < 0) {
        return NULL;
    }
    if (oext != Py_None) {
        if (rasmod_dialext_copy(st, oext, &ext, &keep) < 0) {
            return NULL;
        }
        pext = &ext;
    }
    Py_BEGIN_ALLOW_THREADS
        rc = RasInvokeEapUI((HRASCONN)h, sub, pext, (HWND)hwnd);
    Py_END_ALLOW_THREADS
    Py_XDECREF(keep);
    return rasconv_none_or_raise(st, "RasInvokeEapUI", rc);
}

PyMethodDef ras_eap_methods[] = {
    METH(GetEapUserIdentity),
    METH(InvokeEapUI),
    { NULL, NULL, 0, NULL },
};

const rasconst ras_eap_constants[] = {
    RASCONST(RASEAPF_NonInteractive),
    RASCONST(RASEAPF_Logon),
    RASCONST(RASEAPF_Preview),
    { NULL, 0 },
};
