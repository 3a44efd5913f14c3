/*
 * errors.c -- the errors family: the `error` exception type (pywintypes.error
 * when pywin32 is installed), the classes errors are raised as, and
 * GetErrorString, with the error-code constants.  Raising an error for a
 * failed call: rasconv_raise and rasconv_raise_msg (convert.c).
 *
 * The classes (subclasses of `error`, one per kind of failure) and the table
 * code -> class are Python's, in ras/_errors.py: importing ras registers them
 * here with _set_error_classes, so there is one table, read by both layers.
 */
#include "ext.h"

#include <limits.h>

/* ---- error (when pywintypes is not importable) ------------------------- */

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
    { "winerror", error_winerror, NULL, "The Windows/RAS error code.", NULL },
    { "funcname", error_funcname, NULL, "The function that failed.", NULL },
    { "strerror", error_strerror, NULL, "The error's text.", NULL },
    { NULL, NULL, NULL, NULL, NULL },
};

static PyType_Slot error_slots[] = {
    { Py_tp_getset, error_getset },
    { Py_tp_doc, (void *)"error(winerror, funcname, strerror): a RAS call "
                         "failed.  Same shape as pywintypes.error." },
    { 0, NULL },
};

static PyType_Spec error_spec = {
    "ras.error", 0, 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE, error_slots,
};

PyObject *
raserrors_make_type(void)
{
    PyObject *pywintypes, *bases, *type;

#ifdef RASPY_SIM_MODULE
    /* ras._ras_sim raises ras._ras's error (the same class object), so that
     * `except win32ras.error` and ras's classes catch what either raises. */
    {
        PyObject *real = PyImport_ImportModule("ras._ras");
        if (real != NULL) {
            PyObject *err = PyObject_GetAttrString(real, "error");
            Py_DECREF(real);
            if (err != NULL) {
                return err;
            }
        }
        PyErr_Clear();
    }
#endif
    pywintypes = PyImport_ImportModule("pywintypes");
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

/* ---- the classes errors are raised as ---------------------------------- */

PyObject *
raserrors_class_for(rasmod_state *st, PyObject *code)
{
    PyObject *cls;

    if (st->error_classes == NULL || code == NULL) {
        return st->error;
    }
    cls = PyDict_GetItemWithError(st->error_classes, code);
    if (cls == NULL) {
        PyErr_Clear();
        return st->error_default;
    }
    return cls;
}

/* cls, a subclass of st->error, or NULL with TypeError. */
static int
check_error_class(rasmod_state *st, PyObject *cls)
{
    int r = PyType_Check(cls) ? PyObject_IsSubclass(cls, st->error) : 0;
    if (r == 0) {
        PyErr_SetString(PyExc_TypeError, "_set_error_classes: every class must be a "
                                         "subclass of ras.error");
    }
    return r == 1 ? 0 : -1;
}

PyDoc_STRVAR(set_error_classes_doc,
             "_set_error_classes($module, classes, default, /)\n--\n\n"
             "Register the classes errors are raised as: classes maps each code (int)\n"
             "to a subclass of error, default is the class of any other code.\n"
             "ras/_errors.py calls it once, at import.");

static PyObject *
ras_set_error_classes(PyObject *module, PyObject *args)
{
    rasmod_state *st = rasmod_get_state(module);
    PyObject *classes, *dflt, *copy, *key, *value, *old, *old_default;
    Py_ssize_t pos = 0;

    if (!PyArg_ParseTuple(args, "O!O:_set_error_classes", &PyDict_Type, &classes, &dflt)) {
        return NULL;
    }
    if (check_error_class(st, dflt) < 0) {
        return NULL;
    }
    copy = PyDict_Copy(classes);
    if (copy == NULL) {
        return NULL;
    }
    while (PyDict_Next(copy, &pos, &key, &value)) {
        if (!PyLong_CheckExact(key)) {
            PyErr_SetString(PyExc_TypeError, "_set_error_classes: every code must be an int");
            Py_DECREF(copy);
            return NULL;
        }
        if (check_error_class(st, value) < 0) {
            Py_DECREF(copy);
            return NULL;
        }
    }
    old = st->error_classes;
    old_default = st->error_default;
    Py_INCREF(dflt);
    st->error_classes = copy;
    st->error_default = dflt;
    Py_XDECREF(old);
    Py_XDECREF(old_default);
    Py_RETURN_NONE;
}

PyDoc_STRVAR(error_text_doc, "_error_text($module, code, /)\n--\n\n"
                             "The strerror an error with this code (a DWORD) carries: RAS's\n"
                             "text, else (Windows) the system's, else a fixed fallback.");

static PyObject *
ras_error_text(PyObject *module, PyObject *arg)
{
    unsigned long long code;

    (void)module;
    if (!PyLong_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "_error_text: code must be an int");
        return NULL;
    }
    code = PyLong_AsUnsignedLongLong(arg);
    if (code == (unsigned long long)-1 && PyErr_Occurred()) {
        return NULL;
    }
    if (code > 0xFFFFFFFFull) {
        PyErr_SetString(PyExc_OverflowError, "_error_text: code must fit a DWORD");
        return NULL;
    }
    return rasconv_error_text((DWORD)code);
}

/* ---- GetErrorString ------------------------------------------------------- */

/* The one argument, when it is an int that fits a C int: *value set, 1.
 * Otherwise 0 and no exception: the caller's parser then gives its exact
 * errors. */
static int
int_arg(PyObject *args, int *value)
{
    PyObject *arg;
    long v;

    if (PyTuple_Size(args) != 1 || !PyLong_CheckExact(arg = PyTuple_GetItem(args, 0))) {
        return 0;
    }
    v = PyLong_AsLong(arg);
    if ((v == -1 && PyErr_Occurred()) || v < INT_MIN || v > INT_MAX) {
        PyErr_Clear();
        return 0;
    }
    *value = (int)v;
    return 1;
}

PyDoc_STRVAR(GetErrorString_doc, "GetErrorString($module, error, /)\n--\n\n"
                                 "The text of a RAS error code (RasGetErrorString).\n\n"
                                 "Returns str.");

static PyObject *
ras_GetErrorString(PyObject *module, PyObject *args)
{
    rasmod_state *st = rasmod_get_state(module);
    int value;
    WCHAR buf[512];
    DWORD rc, code;

    /* pywin32's "i": a C int; negative codes reach RAS as DWORDs. */
    if (!int_arg(args, &value) && !PyArg_ParseTuple(args, "i:GetErrorString", &value)) {
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
    return rasconv_from_wfixed_cached(st, buf, NELEMS(buf));
}

PyMethodDef ras_errors_methods[] = {
    METH(GetErrorString),
    { "_set_error_classes", ras_set_error_classes, METH_VARARGS, set_error_classes_doc },
    { "_error_text", ras_error_text, METH_O, error_text_doc },
    { NULL, NULL, 0, NULL },
};

const rasconst ras_errors_constants[] = {
    { "RASBASE", 600 },
    { "RASBASEEND", 870 },
    { "SUCCESS", 0 },
    /* the Win32 codes RAS functions return besides the RAS range */
    RASCONST(ERROR_SUCCESS),
    RASCONST(ERROR_FILE_NOT_FOUND),
    RASCONST(ERROR_ACCESS_DENIED),
    RASCONST(ERROR_INVALID_HANDLE),
    RASCONST(ERROR_NOT_ENOUGH_MEMORY),
    RASCONST(ERROR_NOT_SUPPORTED),
    RASCONST(ERROR_INVALID_PARAMETER),
    RASCONST(ERROR_CALL_NOT_IMPLEMENTED),
    RASCONST(ERROR_INSUFFICIENT_BUFFER),
    RASCONST(ERROR_INVALID_NAME),
    RASCONST(ERROR_ALREADY_EXISTS),
    RASCONST(ERROR_NO_MORE_ITEMS),
    RASCONST(ERROR_INVALID_FLAGS),
    RASCONST(ERROR_CANCELLED),
    RASCONST(ERROR_TIMEOUT), /* ras's own waits: dial(timeout=), hangup(timeout=) */
#define RASERR(name, value, message) { #name, value },
#include "compat/raserror_list.h"
#undef RASERR
    { NULL, 0 },
};
