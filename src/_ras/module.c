/*
 * rasmodule.c -- ras._ras: the rasapi32 client API for Python.
 *
 * The functions here keep pywin32's win32ras names, arguments and return
 * shapes.  C does the raw call with the GIL released and returns plain
 * values; src/ras/ shapes them further.  Multi-phase init, module state, heap
 * types, stable ABI.
 */
#include "ext.h"

#include <string.h>

rasmod_state *
rasmod_get_state(PyObject *module)
{
    return (rasmod_state *)PyModule_GetState(module);
}

#define STATE(m) rasmod_get_state(m)
#define NELEMS(a) (sizeof(a) / sizeof((a)[0]))

/* ====================================================================== */
/* RASEAPUSERIDENTITY                                                      */
/* ====================================================================== */

typedef struct {
    PyObject_HEAD
    LPRASEAPUSERIDENTITYW identity;
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
    (void)tp; (void)args; (void)kw;
    PyErr_SetString(PyExc_TypeError,
                    "RASEAPUSERIDENTITY objects come from GetEapUserIdentity()");
    return NULL;
}

static PyObject *
eap_get_user(PyObject *self, void *closure)
{
    (void)closure;
    return rasconv_from_wfixed(((EapIdentityObject *)self)->identity->szUserName,
                               UNLEN + 1);
}

static PyObject *
eap_get_info(PyObject *self, void *closure)
{
    LPRASEAPUSERIDENTITYW id = ((EapIdentityObject *)self)->identity;

    (void)closure;
    return PyBytes_FromStringAndSize((const char *)id->pbEapInfo,
                                     (Py_ssize_t)id->dwSizeofEapInfo);
}

static PyObject *
eap_repr(PyObject *self)
{
    PyObject *user = eap_get_user(self, NULL), *r;

    if (user == NULL) {
        return NULL;
    }
    r = PyUnicode_FromFormat("<RASEAPUSERIDENTITY userName=%R, %lu bytes of "
                             "EAP data>", user,
                             (unsigned long)((EapIdentityObject *)self)
                                 ->identity->dwSizeofEapInfo);
    Py_DECREF(user);
    return r;
}

static PyGetSetDef eap_getset[] = {
    {"szUserName", eap_get_user, NULL, "The user's identity (str).", NULL},
    {"userName", eap_get_user, NULL, "Alias of szUserName.", NULL},
    {"pbEapInfo", eap_get_info, NULL, "The EAP data (bytes).", NULL},
    {"eapInfo", eap_get_info, NULL, "Alias of pbEapInfo.", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyType_Slot eap_slots[] = {
    {Py_tp_dealloc, (void *)eap_dealloc},
    {Py_tp_new, (void *)eap_new_refused},
    {Py_tp_repr, (void *)eap_repr},
    {Py_tp_getset, eap_getset},
    {Py_tp_doc, (void *)"RASEAPUSERIDENTITY: an EAP identity returned by "
                        "GetEapUserIdentity(); usable as "
                        "RASDIALEXTENSIONS.RasEapInfo."},
    {0, NULL},
};

static PyType_Spec eap_spec = {
    "ras.RASEAPUSERIDENTITY", sizeof(EapIdentityObject), 0,
    Py_TPFLAGS_DEFAULT, eap_slots,
};

/* ====================================================================== */
/* RASDIALEXTENSIONS                                                       */
/* ====================================================================== */

typedef struct {
    PyObject_HEAD
    RASDIALEXTENSIONS ext;
    PyObject *eap;              /* RASEAPUSERIDENTITY or None */
} DialExtObject;

int
rasmod_dialext_copy(rasmod_state *st, PyObject *obj, RASDIALEXTENSIONS *out,
                    PyObject **keep)
{
    if (!PyObject_TypeCheck(obj, st->ext_type)) {
        PyErr_SetString(PyExc_TypeError,
                        "The object is not a PyRASDIALEXTENSIONS object");
        return -1;
    }
    *out = ((DialExtObject *)obj)->ext;
    out->dwSize = sizeof(*out);
    *keep = ((DialExtObject *)obj)->eap;
    Py_INCREF(*keep);
    return 0;
}

static PyObject *
ext_new(PyTypeObject *tp, PyObject *args, PyObject *kw)
{
    allocfunc tp_alloc = (allocfunc)PyType_GetSlot(tp, Py_tp_alloc);
    DialExtObject *self;

    if (!PyArg_ParseTuple(args, "")) {
        return NULL;
    }
    if (kw != NULL && PyObject_Length(kw) > 0) {
        PyErr_SetString(PyExc_TypeError,
                        "RASDIALEXTENSIONS() takes no arguments");
        return NULL;
    }
    self = (DialExtObject *)tp_alloc(tp, 0);
    if (self == NULL) {
        return NULL;
    }
    memset(&self->ext, 0, sizeof(self->ext));
    self->ext.dwSize = sizeof(self->ext);
    Py_INCREF(Py_None);
    self->eap = Py_None;
    return (PyObject *)self;
}

static int
ext_traverse(PyObject *self, visitproc visit, void *arg)
{
    Py_VISIT(((DialExtObject *)self)->eap);
#if PY_VERSION_HEX >= 0x03090000
    Py_VISIT(Py_TYPE(self));
#endif
    return 0;
}

static int
ext_clear(PyObject *self)
{
    Py_CLEAR(((DialExtObject *)self)->eap);
    return 0;
}

static void
ext_dealloc(PyObject *self)
{
    PyTypeObject *tp = Py_TYPE(self);
    freefunc tp_free = (freefunc)PyType_GetSlot(tp, Py_tp_free);

    PyObject_GC_UnTrack(self);
    ext_clear(self);
    tp_free(self);
    Py_DECREF(tp);
}

static PyObject *
ext_get_options(PyObject *self, void *c)
{
    (void)c;
    return PyLong_FromUnsignedLong(((DialExtObject *)self)->ext.dwfOptions);
}

static int
no_delete(PyObject *value)
{
    if (value == NULL) {
        PyErr_SetString(PyExc_AttributeError,
                        "RASDIALEXTENSIONS attributes cannot be deleted");
        return -1;
    }
    return 0;
}

static int
ext_set_options(PyObject *self, PyObject *value, void *c)
{
    (void)c;
    if (no_delete(value) < 0) {
        return -1;
    }
    return rasconv_dword(value, &((DialExtObject *)self)->ext.dwfOptions);
}

static PyObject *
ext_get_hwnd(PyObject *self, void *c)
{
    (void)c;
    return rasconv_from_handle(((DialExtObject *)self)->ext.hwndParent);
}

static int
ext_set_hwnd(PyObject *self, PyObject *value, void *c)
{
    void *h;

    (void)c;
    if (no_delete(value) < 0 || rasconv_handle(value, &h) < 0) {
        return -1;
    }
    ((DialExtObject *)self)->ext.hwndParent = (HWND)h;
    return 0;
}

/* closure: offset of a ULONG_PTR field inside RASDIALEXTENSIONS */
static PyObject *
ext_get_ulongptr(PyObject *self, void *c)
{
    const char *base = (const char *)&((DialExtObject *)self)->ext;
    ULONG_PTR v;

    memcpy(&v, base + (size_t)c, sizeof(v));
    return PyLong_FromSize_t((size_t)v);
}

static int
ext_set_ulongptr(PyObject *self, PyObject *value, void *c)
{
    char *base = (char *)&((DialExtObject *)self)->ext;
    void *v;

    if (no_delete(value) < 0 || rasconv_handle(value, &v) < 0) {
        return -1;
    }
    {
        ULONG_PTR u = (ULONG_PTR)v;
        memcpy(base + (size_t)c, &u, sizeof(u));
    }
    return 0;
}

static PyObject *
ext_get_eap(PyObject *self, void *c)
{
    (void)c;
    Py_INCREF(((DialExtObject *)self)->eap);
    return ((DialExtObject *)self)->eap;
}

static int
ext_set_eap(PyObject *self, PyObject *value, void *c)
{
    DialExtObject *d = (DialExtObject *)self;
    PyObject *old, *eap_type;
    int is_identity;

    (void)c;
    if (no_delete(value) < 0) {
        return -1;
    }
    /* The stable ABI of 3.9 cannot reach module state from a type, so the
     * identity type is recorded on this type at module exec. */
    eap_type = PyObject_GetAttrString((PyObject *)Py_TYPE(self),
                                      "_identity_type");
    if (eap_type == NULL) {
        return -1;
    }
    is_identity = PyType_Check(eap_type) &&
                  PyObject_TypeCheck(value, (PyTypeObject *)eap_type);
    Py_DECREF(eap_type);
    if (value == Py_None) {
        d->ext.RasEapInfo.dwSizeofEapInfo = 0;
        d->ext.RasEapInfo.pbEapInfo = NULL;
    } else if (is_identity) {
        LPRASEAPUSERIDENTITYW id = ((EapIdentityObject *)value)->identity;
        d->ext.RasEapInfo.dwSizeofEapInfo = id->dwSizeofEapInfo;
        d->ext.RasEapInfo.pbEapInfo = id->pbEapInfo;
    } else {
        PyErr_SetString(PyExc_TypeError,
                        "The object is not a PyRASEAPUSERIDENTITY object");
        return -1;
    }
    old = d->eap;
    Py_INCREF(value);
    d->eap = value;
    Py_DECREF(old);
    return 0;
}

static PyObject *
ext_repr(PyObject *self)
{
    DialExtObject *d = (DialExtObject *)self;

    return PyUnicode_FromFormat(
        "<RASDIALEXTENSIONS dwfOptions=0x%x hwndParent=%p reserved=%zu "
        "reserved1=%zu RasEapInfo=%R>",
        (unsigned int)d->ext.dwfOptions, (void *)d->ext.hwndParent,
        (size_t)d->ext.reserved, (size_t)d->ext.reserved1, d->eap);
}

#define EXT_OFF(field) ((void *)offsetof(RASDIALEXTENSIONS, field))

static PyGetSetDef ext_getset[] = {
    {"dwfOptions", ext_get_options, ext_set_options,
     "RDEOPT_* flags (int).", NULL},
    {"fOptions", ext_get_options, ext_set_options, "Alias of dwfOptions.",
     NULL},
    {"hwndParent", ext_get_hwnd, ext_set_hwnd,
     "Parent window for dialogs (int handle).", NULL},
    {"reserved", ext_get_ulongptr, ext_set_ulongptr, "Reserved (int).",
     EXT_OFF(reserved)},
    {"reserved1", ext_get_ulongptr, ext_set_ulongptr, "Reserved (int).",
     EXT_OFF(reserved1)},
    {"RasEapInfo", ext_get_eap, ext_set_eap,
     "A RASEAPUSERIDENTITY from GetEapUserIdentity(), or None.", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyType_Slot ext_slots[] = {
    {Py_tp_new, (void *)ext_new},
    {Py_tp_dealloc, (void *)ext_dealloc},
    {Py_tp_traverse, (void *)ext_traverse},
    {Py_tp_clear, (void *)ext_clear},
    {Py_tp_repr, (void *)ext_repr},
    {Py_tp_getset, ext_getset},
    {Py_tp_doc, (void *)"RASDIALEXTENSIONS() -> the options of a Dial() "
                        "(dwfOptions, hwndParent, reserved, reserved1, "
                        "RasEapInfo)."},
    {0, NULL},
};

static PyType_Spec ext_spec = {
    "ras.RASDIALEXTENSIONS", sizeof(DialExtObject), 0,
    Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC, ext_slots,
};

/* ====================================================================== */
/* error (when pywintypes is not importable)                               */
/* ====================================================================== */

static PyObject *
error_arg(PyObject *self, Py_ssize_t i)
{
    PyObject *args = PyObject_GetAttrString(self, "args");
    PyObject *r = Py_None;

    if (args == NULL) {
        return NULL;
    }
    if (PyTuple_Check(args) && PyTuple_Size(args) > i) {
        r = PyTuple_GetItem(args, i);
    }
    Py_INCREF(r);
    Py_DECREF(args);
    return r;
}

static PyObject *
error_winerror(PyObject *self, void *c)
{
    (void)c;
    return error_arg(self, 0);
}

static PyObject *
error_funcname(PyObject *self, void *c)
{
    (void)c;
    return error_arg(self, 1);
}

static PyObject *
error_strerror(PyObject *self, void *c)
{
    (void)c;
    return error_arg(self, 2);
}

static PyGetSetDef error_getset[] = {
    {"winerror", error_winerror, NULL, "The Windows/RAS error code.", NULL},
    {"funcname", error_funcname, NULL, "The function that failed.", NULL},
    {"strerror", error_strerror, NULL, "The error's text.", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyType_Slot error_slots[] = {
    {Py_tp_getset, error_getset},
    {Py_tp_doc, (void *)"error(winerror, funcname, strerror): a RAS call "
                        "failed.  Same shape as pywintypes.error."},
    {0, NULL},
};

static PyType_Spec error_spec = {
    "ras.error", 0, 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE, error_slots,
};

static PyObject *
make_error_type(void)
{
    PyObject *pywintypes = PyImport_ImportModule("pywintypes");
    PyObject *bases, *type;

    if (pywintypes != NULL) {
        PyObject *err = PyObject_GetAttrString(pywintypes, "error");
        Py_DECREF(pywintypes);
        if (err != NULL) {
            return err;
        }
    }
    PyErr_Clear();
    bases = PyTuple_Pack(1, PyExc_Exception);
    if (bases == NULL) {
        return NULL;
    }
    type = PyType_FromSpecWithBases(&error_spec, bases);
    Py_DECREF(bases);
    return type;
}

/* ====================================================================== */
/* helpers                                                                 */
/* ====================================================================== */

/* pywin32 refuses a window handle that does not name a window. */
static int
check_window(rasmod_state *st, void *hwnd, const char *where)
{
    int ok;

    if (hwnd == NULL) {
        return 0;
    }
#ifdef _WIN32
    ok = IsWindow((HWND)hwnd) != 0;
#else
    ok = 0; /* there are no windows off Windows */
#endif
    if (!ok) {
        rasconv_raise_msg(st, where,
                          "The first parameter must be a valid window handle");
        return -1;
    }
    return 0;
}

/* ====================================================================== */
/* the win32ras functions                                                  */
/* ====================================================================== */

PyDoc_STRVAR(CreatePhonebookEntry_doc,
"CreatePhonebookEntry($module, hWnd, fileName=None, /)\n--\n\n"
"Show the dialog that creates a new phonebook entry (RasCreatePhonebookEntry).\n"
"hWnd is the parent window (0 for none); fileName the phonebook, None for\n"
"the default one.");

static PyObject *
ras_CreatePhonebookEntry(PyObject *module, PyObject *args)
{
    rasmod_state *st = STATE(module);
    PyObject *ohwnd, *ofile = Py_None;
    void *hwnd;
    WCHAR *file = NULL;
    DWORD rc;

    if (!PyArg_ParseTuple(args, "O|O:CreatePhoneBookEntry", &ohwnd, &ofile) ||
        rasconv_handle(ohwnd, &hwnd) < 0 ||
        check_window(st, hwnd, "<CreatePhonebookEntry param conversion>") < 0 ||
        rasconv_arg_wstr(ofile, 1, "CreatePhoneBookEntry", 2, &file) < 0) {
        return NULL;
    }
    Py_BEGIN_ALLOW_THREADS
    rc = RasCreatePhonebookEntryW((HWND)hwnd, file);
    Py_END_ALLOW_THREADS
    rasconv_wstr_free(file);
    if (rc != 0) {
        return rasconv_raise(st, "RasCreatePhonebookEntry", rc);
    }
    Py_RETURN_NONE;
}

PyDoc_STRVAR(Dial_doc,
"Dial($module, dialExtensions, fileName, RasDialParams, callback, /, *,\n"
"     hrasconn=None)\n--\n\n"
"Establish a RAS connection (RasDial), or resume a paused one.\n\n"
"dialExtensions: a RASDIALEXTENSIONS or None.  fileName: the phonebook, or\n"
"None for the default.  RasDialParams: a sequence of up to 6 str (entryName,\n"
"phoneNumber, callbackNumber, userName, password, domain).  callback: None\n"
"dials synchronously; a callable is called as callback(hrasconn, msg, state,\n"
"error, exterror) on a RAS thread for each state; an int is a window handle\n"
"that receives WM_RASDIALEVENT messages.\n\n"
"Returns (handle, rc) and does not raise on a RAS failure: rc is the RAS\n"
"result, and a nonzero handle must be passed to HangUp() even on failure.\n\n"
"hrasconn: the handle of a dial paused in a RASCS_PAUSED state (started\n"
"with RDEOPT_PausedStates) to resume it; pass the same kind of callback as\n"
"the paused dial, and the user's answer in RasDialParams (e.g. the new\n"
"password after RASCS_RetryAuthentication).  A resumed dial notifies the\n"
"new callable.  Not from inside the dial's own callback.\n\n"
"Returns (handle, rc).");

/* Dial's keyword arguments: only hrasconn (borrowed into *hras). */
static int
dial_keywords(PyObject *kwargs, PyObject **hras)
{
    Py_ssize_t pos = 0;
    PyObject *key, *value;

    if (kwargs == NULL) {
        return 0;
    }
    while (PyDict_Next(kwargs, &pos, &key, &value)) {
        if (!PyUnicode_Check(key) ||
            PyUnicode_CompareWithASCIIString(key, "hrasconn") != 0) {
            PyErr_Format(PyExc_TypeError,
                         "Dial() got an unexpected keyword argument %R", key);
            return -1;
        }
        *hras = value;
    }
    return 0;
}

static PyObject *
ras_Dial(PyObject *module, PyObject *args, PyObject *kwargs)
{
    rasmod_state *st = STATE(module);
    PyObject *oext, *ofile, *oparams, *ocallback, *ohras = Py_None;
    PyObject *eap_keep = NULL;
    void *resume = NULL;
    RASDIALPARAMSW params;
    RASDIALEXTENSIONS ext, *pext = NULL;
    WCHAR *file = NULL;
    HRASCONN h = NULL;
    DWORD rc = 0;
    int failed = 0;

    /* The positional arguments are parsed exactly as pywin32 parses them (same
     * TypeError texts); the only keyword is ours. */
    if (dial_keywords(kwargs, &ohras) < 0 ||
        !PyArg_ParseTuple(args, "OOOO:Dial", &oext, &ofile, &oparams,
                          &ocallback)) {
        return NULL;
    }
    /* A paused dial to resume: RasDial reads *lphRasConn. */
    if (ohras != Py_None && rasconv_handle(ohras, &resume) < 0) {
        return NULL;
    }
    h = (HRASCONN)resume;
    if (rasconv_arg_wstr(ofile, 1, "Dial", 2, &file) < 0) {
        return NULL;
    }
    if (rasconv_dialparams(st, oparams, &params) < 0) {
        rasconv_wstr_free(file);
        return NULL;
    }
    if (oext != Py_None) {
        if (!PyObject_TypeCheck(oext, st->ext_type)) {
            PyErr_SetString(PyExc_TypeError,
                            "The object is not a PyRASDIALEXTENSIONS object");
            goto done;
        }
        /* A private copy: another thread may change the object meanwhile;
         * the EAP identity its pointer refers to is kept alive. */
        ext = ((DialExtObject *)oext)->ext;
        ext.dwSize = sizeof(ext);
        eap_keep = ((DialExtObject *)oext)->eap;
        Py_INCREF(eap_keep);
        pext = &ext;
    }

    if (ocallback == Py_None) {
        Py_BEGIN_ALLOW_THREADS
        rc = RasDialW(pext, file, &params, 0, NULL, &h);
        Py_END_ALLOW_THREADS
    } else if (PyCallable_Check(ocallback)) {
        if (PyInterpreterState_GetID(
                PyThreadState_GetInterpreter(PyThreadState_Get())) != 0) {
            PyErr_SetString(PyExc_RuntimeError,
                            "Dial() with a Python callback needs the main "
                            "interpreter");
            goto done;
        }
        if (rasdial_hub_closed(st->hub)) {
            PyErr_SetString(PyExc_RuntimeError,
                            "Dial() with a callback during interpreter "
                            "shutdown");
            goto done;
        }
        rc = rasdial_start(st->hub, ocallback, pext, file, &params, &h,
                           &failed);
        if (failed) {
            goto done;
        }
    } else if (PyLong_Check(ocallback)) {
        void *hwnd;
        if (rasconv_handle(ocallback, &hwnd) < 0) {
            goto done;
        }
        Py_BEGIN_ALLOW_THREADS
        rc = RasDialW(pext, file, &params, 0xFFFFFFFF, hwnd, &h);
        Py_END_ALLOW_THREADS
    } else {
        rasconv_raise_msg(st, "<Dial param parsing>",
                          "The callback object must be an integer handle, "
                          "None, or a callable object");
        goto done;
    }
    failed = -1; /* reached the call */
done:
    rasconv_wipe(&params, sizeof(params));
    rasconv_wipe(&ext, sizeof(ext));
    rasconv_wstr_free(file);
    Py_XDECREF(eap_keep);
    if (failed != -1) {
        return NULL;
    }
    return Py_BuildValue("(Nk)", rasconv_from_handle(h), (unsigned long)rc);
}

PyDoc_STRVAR(EditPhonebookEntry_doc,
"EditPhonebookEntry($module, hWnd, fileName, entryName, /)\n--\n\n"
"Show the dialog that edits a phonebook entry (RasEditPhonebookEntry).");

static PyObject *
ras_EditPhonebookEntry(PyObject *module, PyObject *args)
{
    rasmod_state *st = STATE(module);
    PyObject *ohwnd, *ofile, *oentry;
    void *hwnd;
    WCHAR *file = NULL, *entry = NULL;
    DWORD rc;

    if (!PyArg_ParseTuple(args, "OOO:EditPhoneBookEntry", &ohwnd, &ofile,
                          &oentry) ||
        rasconv_handle(ohwnd, &hwnd) < 0 ||
        check_window(st, hwnd, "<EditPhonebookEntry param parsing>") < 0 ||
        rasconv_arg_wstr(ofile, 1, "EditPhoneBookEntry", 2, &file) < 0) {
        return NULL;
    }
    if (rasconv_arg_wstr(oentry, 0, "EditPhoneBookEntry", 3, &entry) < 0) {
        rasconv_wstr_free(file);
        return NULL;
    }
    Py_BEGIN_ALLOW_THREADS
    rc = RasEditPhonebookEntryW((HWND)hwnd, file, entry);
    Py_END_ALLOW_THREADS
    rasconv_wstr_free(file);
    rasconv_wstr_free(entry);
    if (rc != 0) {
        return rasconv_raise(st, "RasEditPhonebookEntry", rc);
    }
    Py_RETURN_NONE;
}

static DWORD
enum_connections(void *arg, void *buf, DWORD *cb, DWORD *count)
{
    (void)arg;
    return RasEnumConnectionsW((LPRASCONNW)buf, cb, count);
}

PyDoc_STRVAR(EnumConnections_doc,
"EnumConnections($module, /)\n--\n\n"
"List the active RAS connections (RasEnumConnections).\n\n"
"Returns [(handle, entryName, deviceType, deviceName), ...].");

static PyObject *
ras_EnumConnections(PyObject *module, PyObject *args)
{
    rasmod_state *st = STATE(module);
    RASCONNW *conns;
    DWORD count, rc, i;
    PyObject *list;

    if (!PyArg_ParseTuple(args, ":EnumConnections")) {
        return NULL;
    }
    conns = rasconv_enum(enum_connections, NULL, sizeof(RASCONNW), &count, &rc);
    if (conns == NULL) {
        return PyErr_Occurred() ? NULL
                                : rasconv_raise(st, "RasEnumConnections", rc);
    }
    list = PyList_New((Py_ssize_t)count);
    for (i = 0; list != NULL && i < count; i++) {
        PyObject *item = Py_BuildValue(
            "(NNNN)", rasconv_from_handle(conns[i].hrasconn),
            rasconv_from_wfixed(conns[i].szEntryName, NELEMS(conns[i].szEntryName)),
            rasconv_from_wfixed(conns[i].szDeviceType, NELEMS(conns[i].szDeviceType)),
            rasconv_from_wfixed(conns[i].szDeviceName, NELEMS(conns[i].szDeviceName)));
        if (item == NULL) {
            Py_CLEAR(list);
            break;
        }
        PyList_SetItem(list, (Py_ssize_t)i, item);
    }
    PyMem_Free(conns);
    return list;
}

struct enum_entries_args {
    WCHAR *reserved;
    WCHAR *phonebook;
};

static DWORD
enum_entries(void *arg, void *buf, DWORD *cb, DWORD *count)
{
    struct enum_entries_args *a = arg;
    return RasEnumEntriesW(a->reserved, a->phonebook, (LPRASENTRYNAMEW)buf, cb,
                           count);
}

PyDoc_STRVAR(EnumEntries_doc,
"EnumEntries($module, reserved=None, fileName=None, /)\n--\n\n"
"The names of the entries in a phonebook (RasEnumEntries).  reserved must\n"
"be None; fileName None means the default phonebook.\n\n"
"Returns (entryName, ...).");

static PyObject *
ras_EnumEntries(PyObject *module, PyObject *args)
{
    rasmod_state *st = STATE(module);
    PyObject *oreserved = Py_None, *ofile = Py_None, *tuple = NULL;
    struct enum_entries_args a = {NULL, NULL};
    RASENTRYNAMEW *names;
    DWORD count, rc, i;

    if (!PyArg_ParseTuple(args, "|OO:EnumEntries", &oreserved, &ofile) ||
        rasconv_wstr(oreserved, 1, &a.reserved, NULL) < 0) {
        return NULL;
    }
    if (rasconv_wstr(ofile, 1, &a.phonebook, NULL) < 0) {
        goto done;
    }
    names = rasconv_enum(enum_entries, &a, sizeof(RASENTRYNAMEW), &count, &rc);
    if (names == NULL) {
        if (!PyErr_Occurred()) {
            rasconv_raise(st, "RasEnumEntries", rc);
        }
        goto done;
    }
    tuple = PyTuple_New((Py_ssize_t)count);
    for (i = 0; tuple != NULL && i < count; i++) {
        PyObject *name = rasconv_from_wfixed(names[i].szEntryName,
                                             NELEMS(names[i].szEntryName));
        if (name == NULL) {
            Py_CLEAR(tuple);
            break;
        }
        PyTuple_SetItem(tuple, (Py_ssize_t)i, name);
    }
    PyMem_Free(names);
done:
    rasconv_wstr_free(a.reserved);
    rasconv_wstr_free(a.phonebook);
    return tuple;
}

PyDoc_STRVAR(GetConnectStatus_doc,
"GetConnectStatus($module, hrasconn, /)\n--\n\n"
"The state of a connection (RasGetConnectStatus).  state is a RASCS_*\n"
"value, error the RAS error code of a failed dial or 0.\n\n"
"Returns (state, error, deviceType, deviceName).");

static PyObject *
ras_GetConnectStatus(PyObject *module, PyObject *args)
{
    rasmod_state *st = STATE(module);
    PyObject *oh;
    void *h;
    RASCONNSTATUSW cs;
    DWORD rc;

    if (!PyArg_ParseTuple(args, "O:GetConnectStatus", &oh) ||
        rasconv_handle(oh, &h) < 0) {
        return NULL;
    }
    memset(&cs, 0, sizeof(cs));
    cs.dwSize = sizeof(cs);
    Py_BEGIN_ALLOW_THREADS
    rc = RasGetConnectStatusW((HRASCONN)h, &cs);
    Py_END_ALLOW_THREADS
    if (rc != 0) {
        return rasconv_raise(st, "RasGetConnectStatus", rc);
    }
    return Py_BuildValue(
        "(ikNN)", (int)cs.rasconnstate, (unsigned long)cs.dwError,
        rasconv_from_wfixed(cs.szDeviceType, NELEMS(cs.szDeviceType)),
        rasconv_from_wfixed(cs.szDeviceName, NELEMS(cs.szDeviceName)));
}

PyDoc_STRVAR(GetEapUserIdentity_doc,
"GetEapUserIdentity($module, phoneBook, entry, flags, hwnd=None, /)\n--\n\n"
"The EAP identity to dial an EAP entry with (RasGetEapUserIdentity).\n"
"flags: RASEAPF_* values.\n\n"
"Returns RASEAPUSERIDENTITY.");

static PyObject *
ras_GetEapUserIdentity(PyObject *module, PyObject *args)
{
    rasmod_state *st = STATE(module);
    PyObject *obook, *oentry, *ohwnd = Py_None;
    WCHAR *book = NULL, *entry = NULL;
    void *hwnd;
    int flags;
    DWORD rc;
    LPRASEAPUSERIDENTITYW identity = NULL;
    EapIdentityObject *result;
    allocfunc tp_alloc;

    /* pywin32's "i" for the flags: a C int, passed on as a DWORD. */
    if (!PyArg_ParseTuple(args, "OOi|O:GetEapUserIdentity", &obook, &oentry,
                          &flags, &ohwnd) ||
        rasconv_handle(ohwnd, &hwnd) < 0 ||
        rasconv_wstr(obook, 1, &book, NULL) < 0) {
        return NULL;
    }
    if (rasconv_wstr(oentry, 0, &entry, NULL) < 0) {
        rasconv_wstr_free(book);
        return NULL;
    }
    Py_BEGIN_ALLOW_THREADS
    rc = RasGetEapUserIdentityW(book, entry, (DWORD)flags, (HWND)hwnd,
                                &identity);
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

PyDoc_STRVAR(GetEntryDialParams_doc,
"GetEntryDialParams($module, fileName, entryName, /)\n--\n\n"
"The dial parameters last saved for an entry (RasGetEntryDialParams).\n\n"
"Returns ((entryName, phoneNumber, callbackNumber, userName, password, domain), havePassword).");

static PyObject *
ras_GetEntryDialParams(PyObject *module, PyObject *args)
{
    rasmod_state *st = STATE(module);
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
            "((NNNNNN)N)",
            rasconv_from_wfixed(dp.szEntryName, NELEMS(dp.szEntryName)),
            rasconv_from_wfixed(dp.szPhoneNumber, NELEMS(dp.szPhoneNumber)),
            rasconv_from_wfixed(dp.szCallbackNumber, NELEMS(dp.szCallbackNumber)),
            rasconv_from_wfixed(dp.szUserName, NELEMS(dp.szUserName)),
            rasconv_from_wfixed(dp.szPassword, NELEMS(dp.szPassword)),
            rasconv_from_wfixed(dp.szDomain, NELEMS(dp.szDomain)),
            PyBool_FromLong(have_password));
    }
    rasconv_wipe(&dp, sizeof(dp));
    return result;
}

PyDoc_STRVAR(GetErrorString_doc,
"GetErrorString($module, error, /)\n--\n\n"
"The text of a RAS error code (RasGetErrorString).\n\n"
"Returns str.");

static PyObject *
ras_GetErrorString(PyObject *module, PyObject *args)
{
    rasmod_state *st = STATE(module);
    int value;
    WCHAR buf[512];
    DWORD rc, code;

    /* pywin32's "i": a C int; negative codes reach RAS as DWORDs. */
    if (!PyArg_ParseTuple(args, "i:GetErrorString", &value)) {
        return NULL;
    }
    code = (DWORD)value;
    buf[0] = 0;
    Py_BEGIN_ALLOW_THREADS
    rc = RasGetErrorStringW((UINT)code, buf, (DWORD)NELEMS(buf));
    Py_END_ALLOW_THREADS
    if (rc != 0) {
        return rasconv_raise(st, "RasGetErrorString", rc);
    }
    return rasconv_from_wfixed(buf, NELEMS(buf));
}

PyDoc_STRVAR(HangUp_doc,
"HangUp($module, hras, /)\n--\n\n"
"Terminate a connection, or abandon a dial in progress (RasHangUp).  A\n"
"connection dialled n times is closed by the n-th HangUp.");

static PyObject *
ras_HangUp(PyObject *module, PyObject *args)
{
    rasmod_state *st = STATE(module);
    PyObject *oh;
    void *h;
    DWORD rc;

    if (!PyArg_ParseTuple(args, "O:HangUp", &oh) || rasconv_handle(oh, &h) < 0) {
        return NULL;
    }
    Py_BEGIN_ALLOW_THREADS
    rc = RasHangUpW((HRASCONN)h);
    Py_END_ALLOW_THREADS
    if (rc != 0) {
        return rasconv_raise(st, "RasHangup", rc);
    }
    if (st->hangup_hook != NULL) {
        /* Tests: run code where another thread could run once RasHangUpW
         * has returned and before this thread has the GIL back. */
        PyObject *res = PyObject_CallFunction(st->hangup_hook, "(N)",
                                              rasconv_from_handle(h));
        if (res == NULL) {
            PyErr_WriteUnraisable(st->hangup_hook);
        }
        Py_XDECREF(res);
    }
    rasdial_hungup((HRASCONN)h);
    Py_RETURN_NONE;
}

PyDoc_STRVAR(IsHandleValid_doc,
"IsHandleValid($module, hras, /)\n--\n\n"
"Whether hras names a connection RAS knows (RasGetConnectStatus answers for\n"
"it: dialling, connected, or failed and not yet hung up).\n\n"
"Returns bool.");

static PyObject *
ras_IsHandleValid(PyObject *module, PyObject *args)
{
    PyObject *oh;
    void *h;
    RASCONNSTATUSW cs;
    DWORD rc;

    (void)module;
    if (!PyArg_ParseTuple(args, "O:IsHandleValid", &oh) ||
        rasconv_handle(oh, &h) < 0) {
        return NULL;
    }
    if (h == NULL) {
        Py_RETURN_FALSE;
    }
    memset(&cs, 0, sizeof(cs));
    cs.dwSize = sizeof(cs);
    Py_BEGIN_ALLOW_THREADS
    rc = RasGetConnectStatusW((HRASCONN)h, &cs);
    Py_END_ALLOW_THREADS
    return PyBool_FromLong(rc == 0);
}

PyDoc_STRVAR(SetEntryDialParams_doc,
"SetEntryDialParams($module, fileName, RasDialParams, bSavePassword, /)\n--\n\n"
"Save dial parameters for an entry (RasSetEntryDialParams).  As in pywin32\n"
"the third argument goes to RAS as fRemovePassword: true removes the saved\n"
"password.");

static PyObject *
ras_SetEntryDialParams(PyObject *module, PyObject *args)
{
    rasmod_state *st = STATE(module);
    PyObject *ofile, *oparams;
    RASDIALPARAMSW params;
    WCHAR *file = NULL;
    int remove;
    DWORD rc;

    if (!PyArg_ParseTuple(args, "OOi:SetEntryDialParams", &ofile, &oparams,
                          &remove)) {
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
    if (rc != 0) {
        return rasconv_raise(st, "SetEntryDialParams", rc);
    }
    Py_RETURN_NONE;
}

/* ---- phonebook entries ---------------------------------------------------- */

/* Parse (phonebook or None, str...) and convert: the strings of the entry
 * functions.  Returns 0 with every out[i] set (out[0] may be NULL), or -1. */
static int
entry_args(PyObject *args, const char *format, WCHAR **out, int count)
{
    PyObject *objs[3] = {NULL, NULL, NULL};
    int i;

    if (!PyArg_ParseTuple(args, format, &objs[0], &objs[1], &objs[2])) {
        return -1;
    }
    for (i = 0; i < count; i++) {
        if (rasconv_wstr(objs[i], i == 0, &out[i], NULL) < 0) {
            while (i-- > 0) {
                rasconv_wstr_free(out[i]);
            }
            return -1;
        }
    }
    return 0;
}

static PyObject *
entry_result(rasmod_state *st, const char *funcname, DWORD rc, WCHAR **strs,
             int count)
{
    int i;

    for (i = 0; i < count; i++) {
        rasconv_wstr_free(strs[i]);
    }
    if (rc != 0) {
        return rasconv_raise(st, funcname, rc);
    }
    Py_RETURN_NONE;
}

PyDoc_STRVAR(ValidateEntryName_doc,
"ValidateEntryName($module, phonebook, entryName, /)\n--\n\n"
"Check that entryName is a well-formed name not yet used in the phonebook\n"
"(RasValidateEntryName).  Raises error 123 (ERROR_INVALID_NAME) or 183\n"
"(ERROR_ALREADY_EXISTS); phonebook None is the default one.");

static PyObject *
ras_ValidateEntryName(PyObject *module, PyObject *args)
{
    WCHAR *s[2];
    DWORD rc;

    if (entry_args(args, "OO:ValidateEntryName", s, 2) < 0) {
        return NULL;
    }
    Py_BEGIN_ALLOW_THREADS
    rc = RasValidateEntryNameW(s[0], s[1]);
    Py_END_ALLOW_THREADS
    return entry_result(STATE(module), "RasValidateEntryName", rc, s, 2);
}

PyDoc_STRVAR(DeleteEntry_doc,
"DeleteEntry($module, phonebook, entryName, /)\n--\n\n"
"Delete a phonebook entry and its saved credentials (RasDeleteEntry).");

static PyObject *
ras_DeleteEntry(PyObject *module, PyObject *args)
{
    WCHAR *s[2];
    DWORD rc;

    if (entry_args(args, "OO:DeleteEntry", s, 2) < 0) {
        return NULL;
    }
    Py_BEGIN_ALLOW_THREADS
    rc = RasDeleteEntryW(s[0], s[1]);
    Py_END_ALLOW_THREADS
    return entry_result(STATE(module), "RasDeleteEntry", rc, s, 2);
}

PyDoc_STRVAR(RenameEntry_doc,
"RenameEntry($module, phonebook, oldName, newName, /)\n--\n\n"
"Rename a phonebook entry (RasRenameEntry).  newName must pass\n"
"ValidateEntryName (a change of case only is allowed).");

static PyObject *
ras_RenameEntry(PyObject *module, PyObject *args)
{
    WCHAR *s[3];
    DWORD rc;

    if (entry_args(args, "OOO:RenameEntry", s, 3) < 0) {
        return NULL;
    }
    Py_BEGIN_ALLOW_THREADS
    rc = RasRenameEntryW(s[0], s[1], s[2]);
    Py_END_ALLOW_THREADS
    return entry_result(STATE(module), "RasRenameEntry", rc, s, 3);
}

/* ---- private helpers for tests ------------------------------------------ */

static PyObject *
ras_pending_dials(PyObject *module, PyObject *args)
{
    (void)args;
    return PyLong_FromSsize_t(rasdial_pending(STATE(module)->hub));
}

static PyObject *
ras_set_hangup_hook(PyObject *module, PyObject *hook)
{
    rasmod_state *st = STATE(module);

    if (hook != Py_None && !PyCallable_Check(hook)) {
        PyErr_SetString(PyExc_TypeError, "the hook must be callable or None");
        return NULL;
    }
    Py_CLEAR(st->hangup_hook);
    if (hook != Py_None) {
        Py_INCREF(hook);
        st->hangup_hook = hook;
    }
    Py_RETURN_NONE;
}

static PyObject *
ras_atexit(PyObject *module, PyObject *args)
{
    (void)args;
    rasdial_hub_close(STATE(module)->hub);
    Py_RETURN_NONE;
}

#ifndef _WIN32
static PyObject *
ras_sim_reset(PyObject *module, PyObject *args)
{
    (void)module;
    (void)args;
    Py_BEGIN_ALLOW_THREADS
    RasSimReset();
    Py_END_ALLOW_THREADS
    Py_RETURN_NONE;
}

static PyObject *
ras_sim_posted_messages(PyObject *module, PyObject *args)
{
    RASSIM_POSTED_MESSAGE buf[64];
    DWORD count = 0, i;
    PyObject *list = PyList_New(0);

    (void)module;
    (void)args;
    while (list != NULL) {
        Py_BEGIN_ALLOW_THREADS
        RasSimTakePostedMessages(buf, (DWORD)NELEMS(buf), &count);
        Py_END_ALLOW_THREADS
        for (i = 0; i < count; i++) {
            PyObject *item = Py_BuildValue(
                "(NINN)", rasconv_from_handle(buf[i].hwnd),
                (unsigned int)buf[i].msg, PyLong_FromSize_t((size_t)buf[i].wParam),
                PyLong_FromSsize_t((Py_ssize_t)buf[i].lParam));
            if (item == NULL || PyList_Append(list, item) < 0) {
                Py_XDECREF(item);
                Py_CLEAR(list);
                break;
            }
            Py_DECREF(item);
        }
        if (count < NELEMS(buf)) {
            break;
        }
    }
    return list;
}
#endif

#define METH(name) {#name, ras_##name, METH_VARARGS, name##_doc}

static PyMethodDef ras_methods[] = {
    METH(CreatePhonebookEntry),
    {"Dial", (PyCFunction)(void (*)(void))ras_Dial, METH_VARARGS | METH_KEYWORDS,
     Dial_doc},
    METH(EditPhonebookEntry),
    METH(EnumConnections),
    METH(EnumEntries),
    METH(GetConnectStatus),
    METH(GetEapUserIdentity),
    METH(GetEntryDialParams),
    METH(GetErrorString),
    METH(HangUp),
    METH(IsHandleValid),
    METH(SetEntryDialParams),
    METH(ValidateEntryName),
    METH(DeleteEntry),
    METH(RenameEntry),
    {"_pending_dials", ras_pending_dials, METH_NOARGS,
     "Number of asynchronous dials still holding their callback."},
    {"_set_hangup_hook", ras_set_hangup_hook, METH_O,
     "Tests: hook(h) runs inside HangUp(h) after RasHangUpW returned and\n"
     "before the dials of h end, where another thread could run; None\n"
     "removes it."},
    {"_atexit", ras_atexit, METH_NOARGS,
     "Registered with atexit: stop calling into Python from RAS threads."},
#ifndef _WIN32
    {"_sim_reset", ras_sim_reset, METH_NOARGS,
     "Simulator: hang up every connection."},
    {"_sim_posted_messages", ras_sim_posted_messages, METH_NOARGS,
     "Simulator: take the window messages posted to HWND notifiers."},
#endif
    {NULL, NULL, 0, NULL},
};

/* ====================================================================== */
/* constants                                                               */
/* ====================================================================== */

#define K(name) {#name, (long long)(name)}

static const rasconst int_constants[] = {
    K(RASCS_OpenPort), K(RASCS_PortOpened), K(RASCS_ConnectDevice),
    K(RASCS_DeviceConnected), K(RASCS_AllDevicesConnected),
    K(RASCS_Authenticate), K(RASCS_AuthNotify), K(RASCS_AuthRetry),
    K(RASCS_AuthCallback), K(RASCS_AuthChangePassword), K(RASCS_AuthProject),
    K(RASCS_AuthLinkSpeed), K(RASCS_AuthAck), K(RASCS_ReAuthenticate),
    K(RASCS_Authenticated), K(RASCS_PrepareForCallback),
    K(RASCS_WaitForModemReset), K(RASCS_WaitForCallback), K(RASCS_Projected),
    K(RASCS_StartAuthentication), K(RASCS_CallbackComplete),
    K(RASCS_LogonNetwork), K(RASCS_SubEntryConnected),
    K(RASCS_SubEntryDisconnected), K(RASCS_ApplySettings),
    K(RASCS_Interactive), K(RASCS_RetryAuthentication),
    K(RASCS_CallbackSetByCaller), K(RASCS_PasswordExpired),
    K(RASCS_InvokeEapUI), K(RASCS_Connected), K(RASCS_Disconnected),
    K(RASCS_PAUSED), K(RASCS_DONE),
    K(RASEAPF_NonInteractive), K(RASEAPF_Logon), K(RASEAPF_Preview),
    K(RDEOPT_UsePrefixSuffix), K(RDEOPT_PausedStates),
    K(RDEOPT_IgnoreModemSpeaker), K(RDEOPT_SetModemSpeaker),
    K(RDEOPT_IgnoreSoftwareCompression), K(RDEOPT_SetSoftwareCompression),
    K(RDEOPT_DisableConnectedUI), K(RDEOPT_DisableReconnectUI),
    K(RDEOPT_DisableReconnect), K(RDEOPT_NoUser), K(RDEOPT_PauseOnScript),
    K(RDEOPT_Router), K(RDEOPT_CustomDial), K(RDEOPT_UseCustomScripting),
    K(WM_RASDIALEVENT), K(REN_User), K(REN_AllUsers),
    K(RASCF_AllUsers), K(RASCF_GlobalCreds), K(RASCF_OwnerKnown),
    K(RASCF_OwnerMatch),
    K(RAS_MaxDeviceType), K(RAS_MaxPhoneNumber), K(RAS_MaxIpAddress),
    K(RAS_MaxIpxAddress), K(RAS_MaxEntryName), K(RAS_MaxDeviceName),
    K(RAS_MaxCallbackNumber), K(RAS_MaxAreaCode), K(RAS_MaxPadType),
    K(RAS_MaxX25Address), K(RAS_MaxFacilities), K(RAS_MaxUserData),
    K(RAS_MaxReplyMessage), K(RAS_MaxDnsSuffix),
    K(UNLEN), K(PWLEN), K(DNLEN),
    {"RASBASE", 600}, {"RASBASEEND", 870}, {"SUCCESS", 0},
    /* the Win32 codes RAS functions return besides the RAS range */
    K(ERROR_SUCCESS), K(ERROR_FILE_NOT_FOUND), K(ERROR_ACCESS_DENIED),
    K(ERROR_INVALID_HANDLE), K(ERROR_NOT_ENOUGH_MEMORY),
    K(ERROR_NOT_SUPPORTED), K(ERROR_INVALID_PARAMETER),
    K(ERROR_CALL_NOT_IMPLEMENTED), K(ERROR_INSUFFICIENT_BUFFER),
    K(ERROR_INVALID_NAME), K(ERROR_ALREADY_EXISTS), K(ERROR_NO_MORE_ITEMS),
    K(ERROR_INVALID_FLAGS), K(ERROR_CANCELLED),
#define RASERR(name, value, message) {#name, value},
#include "compat/raserror_list.h"
#undef RASERR
    {NULL, 0},
};

/* Every constant table: the win32ras ones above, then each family's. */
static const rasconst *const constant_tables[] = {
    int_constants, rasentry_constants, rascreds_constants,
    rasconnx_constants, rasautodial_constants,
};

static int
add_constants(PyObject *module)
{
    size_t t;
    const rasconst *c;

    for (t = 0; t < NELEMS(constant_tables); t++) {
        for (c = constant_tables[t]; c->name != NULL; c++) {
            PyObject *v = PyLong_FromLongLong(c->value);
            if (v == NULL || PyModule_AddObject(module, c->name, v) < 0) {
                Py_XDECREF(v);
                return -1;
            }
        }
    }
    return 0;
}

/* ====================================================================== */
/* module                                                                  */
/* ====================================================================== */

static int
add_type(PyObject *module, PyType_Spec *spec, const char *name,
         PyTypeObject **slot)
{
    PyObject *tp = PyType_FromSpec(spec);

    if (tp == NULL) {
        return -1;
    }
    *slot = (PyTypeObject *)tp;
    Py_INCREF(tp);
    if (PyModule_AddObject(module, name, tp) < 0) {
        Py_DECREF(tp);
        return -1;
    }
    return 0;
}

static int
register_atexit(PyObject *module)
{
    PyObject *atexit = PyImport_ImportModule("atexit");
    PyObject *fn, *r;

    if (atexit == NULL) {
        return -1;
    }
    fn = PyObject_GetAttrString(module, "_atexit");
    if (fn == NULL) {
        Py_DECREF(atexit);
        return -1;
    }
    r = PyObject_CallMethod(atexit, "register", "O", fn);
    Py_DECREF(fn);
    Py_DECREF(atexit);
    if (r == NULL) {
        return -1;
    }
    Py_DECREF(r);
    return 0;
}

/* The method tables of the families that live in their own files. */
static PyMethodDef *const family_methods[] = {
    rasdevstats_methods, rasentry_methods, rascreds_methods,
    rasconnx_methods, rasautodial_methods,
};

static int
ras_exec(PyObject *module)
{
    rasmod_state *st = STATE(module);
    size_t i;

    st->error = make_error_type();
    if (st->error == NULL) {
        return -1;
    }
    Py_INCREF(st->error);
    if (PyModule_AddObject(module, "error", st->error) < 0) {
        Py_DECREF(st->error);
        return -1;
    }
    if (add_type(module, &ext_spec, "RASDIALEXTENSIONS", &st->ext_type) < 0 ||
        add_type(module, &eap_spec, "RASEAPUSERIDENTITY", &st->eap_type) < 0 ||
        PyObject_SetAttrString((PyObject *)st->ext_type, "_identity_type",
                               (PyObject *)st->eap_type) < 0) {
        return -1;
    }
    st->hub = rasdial_hub_new();
    if (st->hub == NULL) {
        return -1;
    }
    for (i = 0; i < NELEMS(family_methods); i++) {
        if (PyModule_AddFunctions(module, family_methods[i]) < 0) {
            return -1;
        }
    }
    if (add_constants(module) < 0 ||
        PyModule_AddStringConstant(module, "BACKEND", RASPY_BACKEND) < 0) {
        return -1;
    }
    return register_atexit(module);
}

static int
ras_traverse(PyObject *module, visitproc visit, void *arg)
{
    rasmod_state *st = STATE(module);

    if (st == NULL) {
        return 0;
    }
    Py_VISIT(st->error);
    Py_VISIT(st->ext_type);
    Py_VISIT(st->eap_type);
    Py_VISIT(st->hangup_hook);
    return 0;
}

static int
ras_clear(PyObject *module)
{
    rasmod_state *st = STATE(module);

    if (st == NULL) {
        return 0;
    }
    Py_CLEAR(st->error);
    Py_CLEAR(st->ext_type);
    Py_CLEAR(st->eap_type);
    Py_CLEAR(st->hangup_hook);
    return 0;
}

static void
ras_free(void *module)
{
    rasmod_state *st = STATE((PyObject *)module);

    ras_clear((PyObject *)module);
    if (st != NULL) {
        rasdial_hub_release(st->hub);
        st->hub = NULL;
    }
}

static PyModuleDef_Slot ras_slots[] = {
    {Py_mod_exec, (void *)ras_exec},
    {0, NULL},
};

PyDoc_STRVAR(module_doc,
"The Windows Remote Access Service client API (rasapi32).\n\n"
"The functions keep pywin32's win32ras names, arguments and results.");

static struct PyModuleDef ras_module = {
    PyModuleDef_HEAD_INIT,
    "ras._ras",
    module_doc,
    sizeof(rasmod_state),
    ras_methods,
    ras_slots,
    ras_traverse,
    ras_clear,
    ras_free,
};

PyMODINIT_FUNC
PyInit__ras(void)
{
    return PyModuleDef_Init(&ras_module);
}
