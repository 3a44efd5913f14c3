/*
 * autodial.c -- the autodial family: Get/Set/EnumAutodialAddress(es),
 * Get/SetAutodialEnable, Get/SetAutodialParam.
 */
#include "structs.h"

#include <string.h>

/* Longest AutoDial address accepted, in UTF-16 units: Windows keeps each
 * address as a registry key name, whose limit this is. */
#define AUTODIAL_MAX_ADDRESS 255

static const rasfield autodial_fields[] = {
    RASFIELD(RASAUTODIALENTRYW, dwFlags, "flags", RF_DWORD),
    RASFIELD(RASAUTODIALENTRYW, dwDialingLocation, "dialingLocation", RF_DWORD),
    RASFIELD(RASAUTODIALENTRYW, szEntry, "entry", RF_WSTR),
};
static const rasstruct autodial_def = RASSTRUCT("RASAUTODIALENTRY", autodial_fields);

const rasshape ras_autodial_shapes[] = {
    RASSHAPE("RASAUTODIALENTRY", autodial_def),
    { NULL, NULL, 0, NULL, 0 },
};

/* ---- addresses ---------------------------------------------------------- */

/* An address argument: None is NULL (the default Internet connection),
 * otherwise a str of at most AUTODIAL_MAX_ADDRESS units copied into buf. */
static int
address_arg(PyObject *obj, WCHAR *buf, LPCWSTR *out)
{
    *out = NULL;
    if (obj == Py_None) {
        return 0;
    }
    if (!PyUnicode_Check(obj)) {
        PyErr_Format(PyExc_TypeError, "address must be a str or None, not %R",
                     (PyObject *)Py_TYPE(obj));
        return -1;
    }
    if (rasconv_wfixed(obj, buf, AUTODIAL_MAX_ADDRESS + 1, "address") < 0) {
        return -1;
    }
    *out = buf;
    return 0;
}

static DWORD
get_address(void *arg, void *buf, DWORD *cb, DWORD *count)
{
    return RasGetAutodialAddressW((LPCWSTR)arg, NULL, (LPRASAUTODIALENTRYW)buf, cb, count);
}

PyDoc_STRVAR(GetAutodialAddress_doc,
             "GetAutodialAddress($module, address, /)\n--\n\n"
             "The AutoDial entries of an address (RasGetAutodialAddress): a list of\n"
             "dicts with 'flags', 'dialingLocation' (a TAPI dialing location) and\n"
             "'entry' (a phonebook entry name).  address None gives the default\n"
             "Internet connection (an empty list when there is none).");

static PyObject *
ras_GetAutodialAddress(PyObject *module, PyObject *args)
{
    WCHAR buf[AUTODIAL_MAX_ADDRESS + 1];
    PyObject *oaddr, *list;
    LPCWSTR address;
    RASAUTODIALENTRYW *entries;
    DWORD count, rc;

    if (!PyArg_ParseTuple(args, "O:GetAutodialAddress", &oaddr) ||
        address_arg(oaddr, buf, &address) < 0) {
        return NULL;
    }
    entries = rasconv_enum(get_address, (void *)address, sizeof(RASAUTODIALENTRYW), 1,
                           &rasmod_get_state(module)->hint_autodial, &count, &rc);
    if (entries == NULL) {
        return PyErr_Occurred()
                   ? NULL
                   : rasconv_raise(rasmod_get_state(module), "RasGetAutodialAddress", rc);
    }
    list = rasstruct_list(&autodial_def, entries, sizeof(RASAUTODIALENTRYW), count);
    PyMem_Free(entries);
    return list;
}

PyDoc_STRVAR(SetAutodialAddress_doc,
             "SetAutodialAddress($module, address, entries, /)\n--\n\n"
             "Add or change the AutoDial entries of an address (RasSetAutodialAddress).\n"
             "entries is a list of dicts with the keys GetAutodialAddress() returns; an\n"
             "entry for a dialing location the address already has replaces it, others\n"
             "are added.  An empty list or None deletes the address.  address None sets\n"
             "the default Internet connection (one entry); '' deletes it.");

static PyObject *
ras_SetAutodialAddress(PyObject *module, PyObject *args)
{
    WCHAR buf[AUTODIAL_MAX_ADDRESS + 1];
    PyObject *oaddr, *oentries, *items = NULL;
    LPCWSTR address;
    RASAUTODIALENTRYW *entries = NULL;
    Py_ssize_t n = 0, i;
    DWORD rc;

    if (!PyArg_ParseTuple(args, "OO:SetAutodialAddress", &oaddr, &oentries) ||
        address_arg(oaddr, buf, &address) < 0) {
        return NULL;
    }
    if (oentries != Py_None) {
        if (!PySequence_Check(oentries) || PyUnicode_Check(oentries) || PyBytes_Check(oentries) ||
            PyByteArray_Check(oentries)) {
            PyErr_Format(PyExc_TypeError, "entries must be a sequence of dicts or None, not %R",
                         (PyObject *)Py_TYPE(oentries));
            return NULL;
        }
        /* The items themselves, not __len__: a sequence whose __len__ lies
         * must not size the allocation (a claimed 8 million items took
         * 4 GB here before). */
        items = PySequence_Tuple(oentries);
        if (items == NULL) {
            return NULL;
        }
        n = PyTuple_Size(items);
        if ((size_t)n > 0xFFFFFFFFu / sizeof(RASAUTODIALENTRYW)) {
            Py_DECREF(items);
            PyErr_SetString(PyExc_ValueError, "too many AutoDial entries");
            return NULL;
        }
    }
    if (n > 0) {
        entries = PyMem_Malloc((size_t)n * sizeof(RASAUTODIALENTRYW));
        if (entries == NULL) {
            Py_DECREF(items);
            return PyErr_NoMemory();
        }
        memset(entries, 0, (size_t)n * sizeof(RASAUTODIALENTRYW));
        for (i = 0; i < n; i++) {
            entries[i].dwSize = sizeof(RASAUTODIALENTRYW);
            if (rasstruct_from_dict(&autodial_def, PyTuple_GetItem(items, i), &entries[i]) < 0) {
                PyMem_Free(entries);
                Py_DECREF(items);
                return NULL;
            }
        }
    }
    Py_XDECREF(items);
    Py_BEGIN_ALLOW_THREADS
        rc = RasSetAutodialAddressW(address, 0, entries,
                                    (DWORD)((size_t)n * sizeof(RASAUTODIALENTRYW)), (DWORD)n);
    Py_END_ALLOW_THREADS
    PyMem_Free(entries);
    return rasconv_none_or_raise(rasmod_get_state(module), "RasSetAutodialAddress", rc);
}

/* The strings of a RasEnumAutodialAddresses buffer of cb bytes: count
 * pointers, each into the text that follows them. */
static PyObject *
address_list(LPWSTR *ptrs, size_t cb, DWORD count)
{
    const char *base = (const char *)ptrs, *end = base + cb;
    PyObject *list;
    DWORD i;

    if ((size_t)count > cb / sizeof(LPWSTR)) {
        PyErr_SetString(PyExc_SystemError, "RasEnumAutodialAddresses: count exceeds the buffer");
        return NULL;
    }
    list = PyList_New((Py_ssize_t)count);
    for (i = 0; list != NULL && i < count; i++) {
        const char *p = (const char *)ptrs[i];
        PyObject *s;
        if (p < base + (size_t)count * sizeof(LPWSTR) || p >= end ||
            (size_t)(p - base) % sizeof(WCHAR) != 0) {
            PyErr_SetString(PyExc_SystemError,
                            "RasEnumAutodialAddresses: a pointer outside the buffer");
            Py_CLEAR(list);
            break;
        }
        s = rasconv_from_wfixed((const WCHAR *)(const void *)p, (size_t)(end - p) / sizeof(WCHAR));
        if (s == NULL) {
            Py_CLEAR(list);
            break;
        }
        PyList_SetItem(list, (Py_ssize_t)i, s);
    }
    return list;
}

PyDoc_STRVAR(EnumAutodialAddresses_doc,
             "EnumAutodialAddresses($module, /)\n--\n\n"
             "Every address of the AutoDial mapping database (RasEnumAutodialAddresses),\n"
             "a list of str.");

/* rasconv_sized's call; *arg gets the number of addresses. */
static DWORD
enum_addresses(void *arg, void *buf, DWORD *cb)
{
    return RasEnumAutodialAddressesW((LPWSTR *)buf, cb, (LPDWORD)arg);
}

static PyObject *
ras_EnumAutodialAddresses(PyObject *module, PyObject *args)
{
    LPWSTR *buf;
    PyObject *list;
    DWORD cb, count = 0, rc;

    if (!PyArg_ParseTuple(args, ":EnumAutodialAddresses")) {
        return NULL;
    }
    /* The set can grow between the size query and the real call (threads
     * adding addresses): rasconv_sized retries, with room to spare from the
     * second growth on. */
    buf = rasconv_sized(enum_addresses, &count, 0, 0, 0, &cb, &rc);
    if (buf == NULL) {
        return PyErr_Occurred()
                   ? NULL
                   : rasconv_raise(rasmod_get_state(module), "RasEnumAutodialAddresses", rc);
    }
    list = address_list(buf, cb, count);
    PyMem_Free(buf);
    return list;
}

/* ---- enable flags and parameters ---------------------------------------- */

PyDoc_STRVAR(GetAutodialEnable_doc, "GetAutodialEnable($module, dialingLocation, /)\n--\n\n"
                                    "Whether AutoDial is enabled for a TAPI dialing location\n"
                                    "(RasGetAutodialEnable).");

static PyObject *
ras_GetAutodialEnable(PyObject *module, PyObject *args)
{
    PyObject *oloc;
    DWORD loc, rc;
    BOOL enabled = FALSE;

    if (!PyArg_ParseTuple(args, "O:GetAutodialEnable", &oloc) || rasconv_dword(oloc, &loc) < 0) {
        return NULL;
    }
    Py_BEGIN_ALLOW_THREADS
        rc = RasGetAutodialEnableW(loc, &enabled);
    Py_END_ALLOW_THREADS
    if (rc != 0) {
        return rasconv_raise(rasmod_get_state(module), "RasGetAutodialEnable", rc);
    }
    return PyBool_FromLong(enabled != 0);
}

PyDoc_STRVAR(SetAutodialEnable_doc,
             "SetAutodialEnable($module, dialingLocation, enabled, /)\n--\n\n"
             "Enable or disable AutoDial for a TAPI dialing location\n"
             "(RasSetAutodialEnable); enabled is taken for its truth value.");

static PyObject *
ras_SetAutodialEnable(PyObject *module, PyObject *args)
{
    PyObject *oloc, *oenabled;
    DWORD loc, rc;
    int enabled;

    if (!PyArg_ParseTuple(args, "OO:SetAutodialEnable", &oloc, &oenabled) ||
        rasconv_dword(oloc, &loc) < 0) {
        return NULL;
    }
    enabled = PyObject_IsTrue(oenabled);
    if (enabled < 0) {
        return NULL;
    }
    Py_BEGIN_ALLOW_THREADS
        rc = RasSetAutodialEnableW(loc, enabled ? TRUE : FALSE);
    Py_END_ALLOW_THREADS
    return rasconv_none_or_raise(rasmod_get_state(module), "RasSetAutodialEnable", rc);
}

PyDoc_STRVAR(GetAutodialParam_doc,
             "GetAutodialParam($module, key, /)\n--\n\n"
             "The value of an AutoDial parameter (RasGetAutodialParam); key is one of\n"
             "the RASADP_* constants, every one of which has an int value.");

static PyObject *
ras_GetAutodialParam(PyObject *module, PyObject *args)
{
    PyObject *okey;
    DWORD key, value = 0, cb = sizeof(DWORD), rc;

    if (!PyArg_ParseTuple(args, "O:GetAutodialParam", &okey) || rasconv_dword(okey, &key) < 0) {
        return NULL;
    }
    Py_BEGIN_ALLOW_THREADS
        rc = RasGetAutodialParamW(key, &value, &cb);
    Py_END_ALLOW_THREADS
    if (rc != 0) {
        return rasconv_raise(rasmod_get_state(module), "RasGetAutodialParam", rc);
    }
    return PyLong_FromUnsignedLong(value);
}

PyDoc_STRVAR(SetAutodialParam_doc,
             "SetAutodialParam($module, key, value, /)\n--\n\n"
             "Set an AutoDial parameter (RasSetAutodialParam): key a RASADP_* constant,\n"
             "value an int in 0..4294967295.");

static PyObject *
ras_SetAutodialParam(PyObject *module, PyObject *args)
{
    PyObject *okey, *ovalue;
    DWORD key, value, rc;

    if (!PyArg_ParseTuple(args, "OO:SetAutodialParam", &okey, &ovalue) ||
        rasconv_dword(okey, &key) < 0 || rasconv_dword(ovalue, &value) < 0) {
        return NULL;
    }
    Py_BEGIN_ALLOW_THREADS
        rc = RasSetAutodialParamW(key, &value, sizeof(value));
    Py_END_ALLOW_THREADS
    return rasconv_none_or_raise(rasmod_get_state(module), "RasSetAutodialParam", rc);
}

PyMethodDef ras_autodial_methods[] = {
    METH(GetAutodialAddress), METH(SetAutodialAddress), METH(EnumAutodialAddresses),
    METH(GetAutodialEnable),  METH(SetAutodialEnable),  METH(GetAutodialParam),
    METH(SetAutodialParam),   { NULL, NULL, 0, NULL },
};

const rasconst ras_autodial_constants[] = {
    RASCONST(RASADP_DisableConnectionQuery),
    RASCONST(RASADP_LoginSessionDisable),
    RASCONST(RASADP_SavedAddressesLimit),
    RASCONST(RASADP_FailedConnectionTimeout),
    RASCONST(RASADP_ConnectionQueryTimeout),
    RASCONST(RASADFLG_PositionDlg),
    { NULL, 0 },
};
