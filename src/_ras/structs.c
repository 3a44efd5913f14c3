/*
 * structs.c -- see structs.h.
 */
#include "structs.h"

#include <string.h>

/* ---- one field, C -> Python ------------------------------------------- */

static PyObject *
call_with_bytes(const char *module, const char *type, const char *kw, const void *data,
                Py_ssize_t n)
{
    PyObject *mod, *cls = NULL, *bytes = NULL, *args = NULL, *kwargs = NULL;
    PyObject *result = NULL;

    mod = PyImport_ImportModule(module);
    if (mod == NULL) {
        return NULL;
    }
    cls = PyObject_GetAttrString(mod, type);
    bytes = PyBytes_FromStringAndSize((const char *)data, n);
    if (cls == NULL || bytes == NULL) {
        goto done;
    }
    if (kw == NULL) {
        result = PyObject_CallFunctionObjArgs(cls, bytes, NULL);
    } else {
        args = PyTuple_New(0);
        kwargs = Py_BuildValue("{sO}", kw, bytes);
        if (args != NULL && kwargs != NULL) {
            result = PyObject_Call(cls, args, kwargs);
        }
    }
done:
    Py_XDECREF(args);
    Py_XDECREF(kwargs);
    Py_XDECREF(bytes);
    Py_XDECREF(cls);
    Py_DECREF(mod);
    return result;
}

/* ipaddress.ip_address(text); text itself when it is no address. */
static PyObject *
ip_from_text(PyObject *text)
{
    PyObject *mod, *addr;

    if (PyUnicode_GetLength(text) == 0) {
        Py_RETURN_NONE;
    }
    mod = PyImport_ImportModule("ipaddress");
    if (mod == NULL) {
        return NULL;
    }
    addr = PyObject_CallMethod(mod, "ip_address", "O", text);
    Py_DECREF(mod);
    if (addr == NULL && PyErr_ExceptionMatches(PyExc_ValueError)) {
        PyErr_Clear();
        Py_INCREF(text);
        return text;
    }
    return addr;
}

static PyObject *
endpoint_get(const char *p)
{
    DWORD type;

    memcpy(&type, p, sizeof(type));
    switch (type) {
    case RASX_RASTUNNELENDPOINT_IPv4:
        return call_with_bytes("ipaddress", "IPv4Address", NULL, p + 4, 4);
    case RASX_RASTUNNELENDPOINT_IPv6:
        return call_with_bytes("ipaddress", "IPv6Address", NULL, p + 4, 16);
    default:
        Py_RETURN_NONE;
    }
}

static PyObject *
field_get(const rasfield *f, const char *base)
{
    const char *p = base + f->offset;
    DWORD d;

    switch (f->kind) {
    case RF_DWORD:
        memcpy(&d, p, sizeof(d));
        return PyLong_FromUnsignedLong(d);
    case RF_BOOL:
        memcpy(&d, p, sizeof(d));
        return PyBool_FromLong(d != 0);
    case RF_WSTR:
    case RF_SECRET:
        return rasconv_from_wfixed((const WCHAR *)(const void *)p, f->size / sizeof(WCHAR));
    case RF_GUID:
        return call_with_bytes("uuid", "UUID", "bytes_le", p, 16);
    case RF_IPV4:
        return call_with_bytes("ipaddress", "IPv4Address", NULL, p, 4);
    case RF_IPV6:
        return call_with_bytes("ipaddress", "IPv6Address", NULL, p, 16);
    case RF_BYTES:
        return PyBytes_FromStringAndSize(p, (Py_ssize_t)f->size);
    case RF_IPSTR: {
        PyObject *text =
            rasconv_from_wfixed((const WCHAR *)(const void *)p, f->size / sizeof(WCHAR));
        PyObject *addr = text != NULL ? ip_from_text(text) : NULL;
        Py_XDECREF(text);
        return addr;
    }
    case RF_ENDPOINT:
        return endpoint_get(p);
    case RF_WSTR_LIST:
    case RF_IPV4_LIST:
    case RF_IPV6_LIST:
        break; /* extras: never in a field table */
    }
    PyErr_SetString(PyExc_SystemError, "unknown RAS field kind");
    return NULL;
}

/* ---- one field, Python -> C ------------------------------------------- */

/* The `attr` bytes of value (which must be an instance of module.type) into
 * dst[n]. */
static int
put_bytes_attr(const char *where, PyObject *value, const char *module, const char *type,
               const char *attr, void *dst, Py_ssize_t n)
{
    PyObject *mod = PyImport_ImportModule(module), *cls, *bytes;
    char *data;
    Py_ssize_t len;
    int ok;

    if (mod == NULL) {
        return -1;
    }
    cls = PyObject_GetAttrString(mod, type);
    Py_DECREF(mod);
    if (cls == NULL) {
        return -1;
    }
    ok = PyObject_IsInstance(value, cls);
    Py_DECREF(cls);
    if (ok <= 0) {
        if (ok == 0) {
            PyErr_Format(PyExc_TypeError, "%s must be %s.%s, not %R", where, module, type,
                         (PyObject *)Py_TYPE(value));
        }
        return -1;
    }
    bytes = PyObject_GetAttrString(value, attr);
    if (bytes == NULL) {
        return -1;
    }
    if (PyBytes_AsStringAndSize(bytes, &data, &len) < 0 || len != n) {
        if (!PyErr_Occurred()) {
            PyErr_Format(PyExc_ValueError, "%s: value of the wrong size", where);
        }
        Py_DECREF(bytes);
        return -1;
    }
    memcpy(dst, data, (size_t)n);
    Py_DECREF(bytes);
    return 0;
}

/* Non-zero when value is an ipaddress.IPv4Address / IPv6Address (which
 * version in *v6); -1 on error. */
static int
ip_kind(PyObject *value, int *v6)
{
    PyObject *mod = PyImport_ImportModule("ipaddress"), *c4, *c6;
    int r = -1;

    if (mod == NULL) {
        return -1;
    }
    c4 = PyObject_GetAttrString(mod, "IPv4Address");
    c6 = PyObject_GetAttrString(mod, "IPv6Address");
    Py_DECREF(mod);
    if (c4 != NULL && c6 != NULL) {
        r = PyObject_IsInstance(value, c4);
        *v6 = 0;
        if (r == 0) {
            r = PyObject_IsInstance(value, c6);
            *v6 = 1;
        }
    }
    Py_XDECREF(c4);
    Py_XDECREF(c6);
    return r;
}

static int
ip_set(const char *where, PyObject *value, int kind, char *p, size_t size)
{
    int v6, is_ip;
    DWORD type;
    PyObject *text;
    int rc;

    if (value == Py_None) {
        memset(p, 0, size);
        return 0;
    }
    is_ip = ip_kind(value, &v6);
    if (is_ip < 0) {
        return -1;
    }
    if (is_ip == 0) {
        PyErr_Format(PyExc_TypeError,
                     "%s must be an ipaddress.IPv4Address, IPv6Address or None, "
                     "not %R",
                     where, (PyObject *)Py_TYPE(value));
        return -1;
    }
    if (kind == RF_ENDPOINT) {
        memset(p, 0, size);
        type = v6 ? RASX_RASTUNNELENDPOINT_IPv6 : RASX_RASTUNNELENDPOINT_IPv4;
        memcpy(p, &type, sizeof(type));
        return put_bytes_attr(where, value, "ipaddress", v6 ? "IPv6Address" : "IPv4Address",
                              "packed", p + 4, v6 ? 16 : 4);
    }
    text = PyObject_Str(value);
    if (text == NULL) {
        return -1;
    }
    rc = rasconv_wfixed(text, (WCHAR *)(void *)p, size / sizeof(WCHAR), where);
    Py_DECREF(text);
    return rc;
}

/* Writes value into the field; errors name it as Struct['key']. */
static int
field_set(const rasstruct *def, const rasfield *f, char *base, PyObject *value)
{
    char *p = base + f->offset;
    char where[128];
    DWORD d;
    int truth;

    PyOS_snprintf(where, sizeof(where), "%s['%s']", def->name, f->key);
    switch (f->kind) {
    case RF_DWORD:
        if (!PyLong_Check(value)) {
            PyErr_Format(PyExc_TypeError, "%s must be an int, not %R", where,
                         (PyObject *)Py_TYPE(value));
            return -1;
        }
        if (rasconv_dword(value, &d) < 0) {
            PyErr_Format(PyExc_OverflowError, "%s must be in 0..4294967295", where);
            return -1;
        }
        memcpy(p, &d, sizeof(d));
        return 0;
    case RF_BOOL:
        truth = PyObject_IsTrue(value);
        if (truth < 0) {
            return -1;
        }
        d = (DWORD)truth;
        memcpy(p, &d, sizeof(d));
        return 0;
    case RF_WSTR:
    case RF_SECRET:
        if (!PyUnicode_Check(value)) {
            PyErr_Format(PyExc_TypeError, "%s must be a str, not %R", where,
                         (PyObject *)Py_TYPE(value));
            return -1;
        }
        return (f->kind == RF_SECRET ? rasconv_secret_wfixed : rasconv_wfixed)(
            value, (WCHAR *)(void *)p, f->size / sizeof(WCHAR), where);
    case RF_GUID:
        return put_bytes_attr(where, value, "uuid", "UUID", "bytes_le", p, 16);
    case RF_IPV4:
        return put_bytes_attr(where, value, "ipaddress", "IPv4Address", "packed", p, 4);
    case RF_IPV6:
        return put_bytes_attr(where, value, "ipaddress", "IPv6Address", "packed", p, 16);
    case RF_BYTES: {
        char *data;
        Py_ssize_t len;
        if (!PyBytes_Check(value)) {
            PyErr_Format(PyExc_TypeError, "%s must be bytes, not %R", where,
                         (PyObject *)Py_TYPE(value));
            return -1;
        }
        if (PyBytes_AsStringAndSize(value, &data, &len) < 0) {
            return -1;
        }
        if ((size_t)len != f->size) {
            PyErr_Format(PyExc_ValueError, "%s must be %zu bytes long", where, f->size);
            return -1;
        }
        memcpy(p, data, f->size);
        return 0;
    }
    case RF_IPSTR:
    case RF_ENDPOINT:
        return ip_set(where, value, (int)f->kind, p, f->size);
    case RF_WSTR_LIST:
    case RF_IPV4_LIST:
    case RF_IPV6_LIST:
        break; /* extras: never in a field table */
    }
    PyErr_SetString(PyExc_SystemError, "unknown RAS field kind");
    return -1;
}

/* ---- whole structures -------------------------------------------------- */

PyObject *
rasstruct_to_dict(const rasstruct *def, const void *src)
{
    PyObject *dict = PyDict_New();
    size_t i;

    for (i = 0; dict != NULL && i < def->count; i++) {
        PyObject *v = field_get(&def->fields[i], (const char *)src);
        if (v == NULL || PyDict_SetItemString(dict, def->fields[i].key, v) < 0) {
            Py_XDECREF(v);
            Py_CLEAR(dict);
            break;
        }
        Py_DECREF(v);
    }
    return dict;
}

static const rasfield *
find_field(const rasstruct *def, PyObject *key)
{
    size_t i;

    for (i = 0; i < def->count; i++) {
        PyObject *name = PyUnicode_FromString(def->fields[i].key);
        int eq;
        if (name == NULL) {
            return NULL;
        }
        eq = PyUnicode_Check(key) && PyUnicode_Compare(name, key) == 0;
        Py_DECREF(name);
        if (eq) {
            return &def->fields[i];
        }
    }
    PyErr_Format(PyExc_KeyError, "%s has no field %R", def->name, key);
    return NULL;
}

int
rasstruct_from_dict(const rasstruct *def, PyObject *dict, void *dst)
{
    PyObject *items, *iter, *item;
    int rc = 0;

    if (!PyDict_Check(dict)) {
        PyErr_Format(PyExc_TypeError, "%s must be given as a dict, not %R", def->name,
                     (PyObject *)Py_TYPE(dict));
        return -1;
    }
    items = PyDict_Items(dict);
    if (items == NULL) {
        return -1;
    }
    iter = PyObject_GetIter(items);
    Py_DECREF(items);
    if (iter == NULL) {
        return -1;
    }
    while (rc == 0 && (item = PyIter_Next(iter)) != NULL) {
        PyObject *key = PyTuple_GetItem(item, 0), *value = PyTuple_GetItem(item, 1);
        const rasfield *f = find_field(def, key);
        if (f == NULL || field_set(def, f, (char *)dst, value) < 0) {
            rc = -1;
        }
        Py_DECREF(item);
    }
    Py_DECREF(iter);
    if (rc == 0 && PyErr_Occurred()) {
        rc = -1;
    }
    return rc;
}

PyObject *
rasstruct_list(const rasstruct *def, const void *base, size_t item_size, size_t count)
{
    PyObject *list = PyList_New((Py_ssize_t)count);
    size_t i;

    for (i = 0; list != NULL && i < count; i++) {
        PyObject *d = rasstruct_to_dict(def, (const char *)base + i * item_size);
        if (d == NULL) {
            Py_CLEAR(list);
            break;
        }
        PyList_SetItem(list, (Py_ssize_t)i, d);
    }
    return list;
}

/* ---- _field_tables: the shapes, for the type stub ----------------------- */

/* The kinds by name (rasfield_kind without RF_); ras/_surface.py maps each
 * to its Python type, and tests/test_typeddicts.py checks real results
 * against that. */
static const char *const kind_names[] = {
    [RF_DWORD] = "DWORD",         [RF_BOOL] = "BOOL",           [RF_WSTR] = "WSTR",
    [RF_SECRET] = "SECRET",       [RF_GUID] = "GUID",           [RF_IPV4] = "IPV4",
    [RF_IPV6] = "IPV6",           [RF_BYTES] = "BYTES",         [RF_IPSTR] = "IPSTR",
    [RF_ENDPOINT] = "ENDPOINT",   [RF_WSTR_LIST] = "WSTR_LIST", [RF_IPV4_LIST] = "IPV4_LIST",
    [RF_IPV6_LIST] = "IPV6_LIST",
};

static const rasshape *const family_shapes[] = {
    ras_entryprops_shapes, ras_connections_shapes, ras_credentials_shapes, ras_devices_shapes,
    ras_statistics_shapes, ras_autodial_shapes,    ras_country_shapes,
};

/* (key, kind name, always there) */
static PyObject *
field_entry(const rasfield *f, int always)
{
    return Py_BuildValue("(ssO)", f->key, kind_names[f->kind], always ? Py_True : Py_False);
}

static PyObject *
shape_fields(const rasshape *shape)
{
    const rasstruct *def = shape->def;
    PyObject *list = PyList_New(0);
    size_t i;

    for (i = 0; list != NULL && i < def->count + shape->nextras; i++) {
        const rasfield *f = i < def->count ? &def->fields[i] : &shape->extras[i - def->count];
        int always =
            i >= def->count || shape->base_size == 0 || f->offset + f->size <= shape->base_size;
        PyObject *item = field_entry(f, always);
        if (item == NULL || PyList_Append(list, item) < 0) {
            Py_XDECREF(item);
            Py_CLEAR(list);
        } else {
            Py_DECREF(item);
        }
    }
    return list;
}

static PyObject *
ras__field_tables(PyObject *module, PyObject *args)
{
    PyObject *dict = PyDict_New();
    size_t i;
    const rasshape *shape;

    (void)module;
    (void)args;
    for (i = 0; dict != NULL && i < NELEMS(family_shapes); i++) {
        for (shape = family_shapes[i]; dict != NULL && shape->name != NULL; shape++) {
            PyObject *fields = shape_fields(shape);
            if (fields == NULL || PyDict_SetItemString(dict, shape->name, fields) < 0) {
                Py_CLEAR(dict);
            }
            Py_XDECREF(fields);
        }
    }
    return dict;
}

PyMethodDef ras_structs_methods[] = {
    { "_field_tables", ras__field_tables, METH_NOARGS,
      "_field_tables($module, /)\n--\n\n"
      "Private: every dict shape of the extension, from its C field tables: the\n"
      "SDK structure's name -> [(key, kind, always there)], for tools/gen_stubs.py." },
    { NULL, NULL, 0, NULL },
};
