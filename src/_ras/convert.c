/*
 * convert.c -- conversions between Python objects and RAS values, and the
 * one error helper every function uses.
 *
 * Strings cross as UTF-16 on every platform (WCHAR is a 16-bit unit in both
 * the SDK and the compat declarations), so one code path serves the Windows
 * and the simulated builds.
 */
#include "ext.h"

#include <string.h>

/* ---- secrets ------------------------------------------------------------ */

/* memset through a volatile pointer: the compiler cannot prove the call is
 * memset, so it cannot drop it as a dead store (the buffer is freed or goes
 * out of scope next), and the library's memset still clears many bytes at
 * a time: 15 ns for a RASDIALPARAMSW (2 112 bytes) here, where a volatile
 * byte loop took 390 ns. */
static void *(*const volatile secure_memset)(void *, int, size_t) = memset;

void
rasconv_wipe(void *p, size_t n)
{
    if (n > 0) {
        secure_memset(p, 0, n);
    }
}

/* ---- errors ------------------------------------------------------------- */

static void
strip_trailing_space(WCHAR *buf, size_t len)
{
    while (len > 0 && (buf[len - 1] == '\r' || buf[len - 1] == '\n' || buf[len - 1] == ' ')) {
        buf[--len] = 0;
    }
}

static size_t
wlen(const WCHAR *s, size_t cap)
{
    size_t n = 0;
    while (n < cap && s[n] != 0) {
        n++;
    }
    return n;
}

PyObject *
rasconv_error_text(DWORD code)
{
    WCHAR buf[512];
    DWORD rc;

    buf[0] = 0;
    Py_BEGIN_ALLOW_THREADS
        rc = RasGetErrorStringW((UINT)code, buf, (DWORD)(sizeof(buf) / sizeof(buf[0])));
#ifdef _WIN32
        if (rc != 0) {
            DWORD n =
                FormatMessageW(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL,
                               code, 0, buf, (DWORD)(sizeof(buf) / sizeof(buf[0])), NULL);
            rc = n ? 0 : 1;
        }
#endif
    Py_END_ALLOW_THREADS
    if (rc != 0 || buf[0] == 0) {
        return PyUnicode_FromString("No error message is available");
    }
    buf[sizeof(buf) / sizeof(buf[0]) - 1] = 0;
    strip_trailing_space(buf, wlen(buf, sizeof(buf) / sizeof(buf[0])));
    return rasconv_from_wfixed(buf, sizeof(buf) / sizeof(buf[0]));
}

static PyObject *
raise_args(rasmod_state *st, PyObject *code, const char *where, PyObject *msg)
{
    PyObject *args;

    if (code == NULL || msg == NULL) {
        Py_XDECREF(code);
        Py_XDECREF(msg);
        return NULL;
    }
    args = Py_BuildValue("(NsN)", code, where, msg);
    if (args != NULL) {
        PyErr_SetObject(raserrors_class_for(st, PyTuple_GetItem(args, 0)), args);
        Py_DECREF(args);
    }
    return NULL;
}

PyObject *
rasconv_raise(rasmod_state *st, const char *funcname, DWORD code)
{
    return raise_args(st, PyLong_FromUnsignedLong(code), funcname, rasconv_error_text(code));
}

PyObject *
rasconv_none_or_raise(rasmod_state *st, const char *funcname, DWORD code)
{
    if (code != 0) {
        return rasconv_raise(st, funcname, code);
    }
    Py_RETURN_NONE;
}

PyObject *
rasconv_raise_msg(rasmod_state *st, const char *where, const char *message)
{
    return raise_args(st, PyLong_FromLong(0), where, PyUnicode_FromString(message));
}

/* ---- strings ------------------------------------------------------------ */

/* str -> bytes holding UTF-16-LE, or NULL with pywin32's TypeError. */
static PyObject *
encode_utf16(PyObject *obj)
{
    if (obj == Py_None) {
        PyErr_SetString(PyExc_TypeError, "None is not a valid string in this context");
        return NULL;
    }
    if (!PyUnicode_Check(obj)) {
        PyObject *tname = PyObject_GetAttrString((PyObject *)Py_TYPE(obj), "__name__");
        if (tname != NULL) {
            PyErr_Format(PyExc_TypeError, "Objects of type '%U' can not be converted to Unicode.",
                         tname);
            Py_DECREF(tname);
        }
        return NULL;
    }
    return PyUnicode_AsEncodedString(obj, "utf-16-le", "strict");
}

/* The UTF-16 units of an encoded string, rejecting embedded NULs. */
static int
utf16_units(PyObject *bytes, const WCHAR **units, Py_ssize_t *count)
{
    char *data;
    Py_ssize_t nbytes, i;

    if (PyBytes_AsStringAndSize(bytes, &data, &nbytes) < 0) {
        return -1;
    }
    *units = (const WCHAR *)(void *)data;
    *count = nbytes / 2;
    for (i = 0; i < *count; i++) {
        if ((*units)[i] == 0) {
            PyErr_SetString(PyExc_ValueError, "embedded null character");
            return -1;
        }
    }
    return 0;
}

/* Drop an encoded copy, wiping it first: it may hold a password. */
static void
release_encoded(PyObject *bytes)
{
    char *data;
    Py_ssize_t n;

    if (bytes == NULL) {
        return;
    }
    if (PyBytes_AsStringAndSize(bytes, &data, &n) == 0) {
        rasconv_wipe(data, (size_t)n);
    } else {
        PyErr_Clear();
    }
    Py_DECREF(bytes);
}

int
rasconv_wstr(PyObject *obj, int none_ok, WCHAR **out, Py_ssize_t *units)
{
    PyObject *bytes;
    const WCHAR *src;
    Py_ssize_t n;
    WCHAR *dst;

    *out = NULL;
    if (units != NULL) {
        *units = 0;
    }
    if (obj == Py_None && none_ok) {
        return 0;
    }
    bytes = encode_utf16(obj);
    if (bytes == NULL) {
        return -1;
    }
    if (utf16_units(bytes, &src, &n) < 0) {
        release_encoded(bytes);
        return -1;
    }
    dst = PyMem_Malloc(((size_t)n + 1) * sizeof(WCHAR));
    if (dst == NULL) {
        release_encoded(bytes);
        PyErr_NoMemory();
        return -1;
    }
    memcpy(dst, src, (size_t)n * sizeof(WCHAR));
    dst[n] = 0;
    release_encoded(bytes);
    *out = dst;
    if (units != NULL) {
        *units = n;
    }
    return 0;
}

int
rasconv_arg_wstr(PyObject *obj, int none_ok, const char *fname, int argnum, WCHAR **out)
{
    *out = NULL;
    if (!PyUnicode_Check(obj) && !(none_ok && obj == Py_None)) {
        PyObject *tname = obj == Py_None
                              ? PyUnicode_FromString("None")
                              : PyObject_GetAttrString((PyObject *)Py_TYPE(obj), "__name__");
        if (tname != NULL) {
            PyErr_Format(PyExc_TypeError, "%s() argument %d must be %s, not %U", fname, argnum,
                         none_ok ? "str or None" : "str", tname);
            Py_DECREF(tname);
        }
        return -1;
    }
    return rasconv_wstr(obj, none_ok, out, NULL);
}

void
rasconv_wstr_free(WCHAR *s)
{
    size_t n = 0;

    if (s == NULL) {
        return;
    }
    while (s[n] != 0) {
        n++;
    }
    rasconv_wipe(s, n * sizeof(WCHAR));
    PyMem_Free(s);
}

int
rasconv_wfixed(PyObject *obj, WCHAR *dst, size_t cap, const char *what)
{
    PyObject *bytes = encode_utf16(obj);
    const WCHAR *src;
    Py_ssize_t n;

    if (bytes == NULL) {
        return -1;
    }
    if (utf16_units(bytes, &src, &n) < 0) {
        release_encoded(bytes);
        return -1;
    }
    if ((size_t)n >= cap) {
        release_encoded(bytes);
        PyErr_Format(PyExc_ValueError, "%s: String size (%zd) greater than acceptable size (%zd)",
                     what, n, (Py_ssize_t)cap - 1);
        return -1;
    }
    memcpy(dst, src, (size_t)n * sizeof(WCHAR));
    dst[n] = 0;
    release_encoded(bytes);
    return 0;
}

/* A secret (password, pre-shared key) into dst[cap].  Unlike rasconv_wfixed
 * it never hands the value to Python's codec machinery: the code points are
 * read one at a time and written straight into dst, so no intermediate copy
 * outlives the call, and no error carries any part of the value (the codec's
 * UnicodeEncodeError would hold the whole string in .object and its args).
 * On any error dst is wiped.  Same checks and, apart from the lone-surrogate
 * case, the same messages as rasconv_wfixed. */
int
rasconv_secret_wfixed(PyObject *obj, WCHAR *dst, size_t cap, const char *what)
{
    Py_ssize_t len, i, units = 0, nul = -1, lone = -1;

    if (obj == Py_None || !PyUnicode_Check(obj)) {
        PyObject *bytes = encode_utf16(obj); /* only raises the TypeError */
        Py_XDECREF(bytes);
        return -1;
    }
    len = PyUnicode_GetLength(obj);
    if (len < 0) {
        return -1;
    }
    for (i = 0; i < len; i++) {
        Py_UCS4 c = PyUnicode_ReadChar(obj, i);
        if (c == (Py_UCS4)-1 && PyErr_Occurred()) {
            goto fail;
        }
        if (c >= 0xD800 && c <= 0xDFFF) {
            lone = i;
            break;
        }
        if (c == 0 && nul < 0) {
            nul = i;
        }
        if (c > 0xFFFF) {
            if ((size_t)units + 2 < cap) {
                c -= 0x10000;
                dst[units] = (WCHAR)(0xD800 + (c >> 10));
                dst[units + 1] = (WCHAR)(0xDC00 + (c & 0x3FF));
            }
            units += 2;
        } else {
            if ((size_t)units + 1 < cap) {
                dst[units] = (WCHAR)c;
            }
            units += 1;
        }
    }
    if (lone >= 0) {
        PyErr_Format(PyExc_ValueError,
                     "%s: password not encodable as UTF-16 "
                     "(lone surrogate at index %zd)",
                     what, lone);
        goto fail;
    }
    if (nul >= 0) {
        PyErr_SetString(PyExc_ValueError, "embedded null character");
        goto fail;
    }
    if ((size_t)units >= cap) {
        PyErr_Format(PyExc_ValueError, "%s: String size (%zd) greater than acceptable size (%zd)",
                     what, units, (Py_ssize_t)cap - 1);
        goto fail;
    }
    dst[units] = 0;
    return 0;
fail:
    rasconv_wipe(dst, cap * sizeof(WCHAR));
    return -1;
}

PyObject *
rasconv_from_wfixed(const WCHAR *src, size_t cap)
{
    size_t n = wlen(src, cap);
#ifdef _WIN32
    /* WCHAR is wchar_t: pairs combine, a lone surrogate stays as it is (as
     * the "surrogatepass" decode below), without a codec's overhead. */
    return PyUnicode_FromWideChar(src, (Py_ssize_t)n);
#else
    int order = -1; /* little endian, as WCHAR is on every supported target */

    return PyUnicode_DecodeUTF16((const char *)(const void *)src, (Py_ssize_t)(n * sizeof(WCHAR)),
                                 "surrogatepass", &order);
#endif
}

PyObject *
rasconv_from_wfixed_cached(rasmod_state *st, const WCHAR *src, size_t cap)
{
    size_t n = wlen(src, cap);
    rasconv_str_slot *slot;
    PyObject *str;

    if (n == 0 || n > RASCONV_STR_MAX) {
        return rasconv_from_wfixed(src, n);
    }
    slot = &st->strs[(n * 31u + src[0] + src[n / 2] * 7u + src[n - 1] * 13u) % RASCONV_STR_SLOTS];
    if (slot->str != NULL && slot->len == n && memcmp(slot->text, src, n * sizeof(WCHAR)) == 0) {
        Py_INCREF(slot->str);
        return slot->str;
    }
    str = rasconv_from_wfixed(src, n);
    if (str != NULL) {
        Py_XDECREF(slot->str);
        Py_INCREF(str);
        slot->str = str;
        slot->len = n;
        memcpy(slot->text, src, n * sizeof(WCHAR));
    }
    return str;
}

void
rasconv_str_cache_clear(rasmod_state *st)
{
    size_t i;

    for (i = 0; i < RASCONV_STR_SLOTS; i++) {
        Py_CLEAR(st->strs[i].str);
        st->strs[i].len = 0;
    }
}

/* ---- numbers and handles ----------------------------------------------- */

PyObject *
rasconv_tuple4(PyObject *a, PyObject *b, PyObject *c, PyObject *d)
{
    PyObject *items[4];
    PyObject *t = NULL;
    int i;

    items[0] = a;
    items[1] = b;
    items[2] = c;
    items[3] = d;
    if (a != NULL && b != NULL && c != NULL && d != NULL) {
        t = PyTuple_New(4);
    }
    if (t == NULL) {
        for (i = 0; i < 4; i++) {
            Py_XDECREF(items[i]);
        }
        return NULL;
    }
    for (i = 0; i < 4; i++) {
        PyTuple_SetItem(t, i, items[i]); /* steals; cannot fail here */
    }
    return t;
}

int
rasconv_one_arg(PyObject *args, const char *fmt, PyObject **out)
{
    if (PyTuple_Size(args) == 1) {
        *out = PyTuple_GetItem(args, 0);
        return *out == NULL ? -1 : 0;
    }
    return PyArg_ParseTuple(args, fmt, out) ? 0 : -1;
}

int
rasconv_handle(PyObject *obj, void **out)
{
    PyObject *index;

    if (obj == Py_None) {
        *out = NULL;
        return 0;
    }
    if (PyLong_CheckExact(obj)) {
        index = obj;
        Py_INCREF(index);
    } else {
        index = PyNumber_Index(obj);
    }
    if (index == NULL) {
        if (PyErr_ExceptionMatches(PyExc_TypeError)) {
            PyErr_Clear();
            PyErr_SetString(PyExc_TypeError, "The object is not a PyHANDLE object");
        }
        return -1;
    }
    *out = PyLong_AsVoidPtr(index);
    Py_DECREF(index);
    if (*out == NULL && PyErr_Occurred()) {
        if (PyErr_ExceptionMatches(PyExc_OverflowError)) {
            PyErr_Clear();
            PyErr_SetString(PyExc_OverflowError,
                            "handle is out of range for a pointer-sized value");
        }
        return -1;
    }
    return 0;
}

PyObject *
rasconv_from_handle(const void *h)
{
    return PyLong_FromVoidPtr((void *)h);
}

int
rasconv_dword(PyObject *obj, DWORD *out)
{
    unsigned long long v;
    PyObject *index = PyNumber_Index(obj);

    if (index == NULL) {
        return -1;
    }
    v = PyLong_AsUnsignedLongLong(index);
    Py_DECREF(index);
    if (v == (unsigned long long)-1 && PyErr_Occurred()) {
        if (PyErr_ExceptionMatches(PyExc_OverflowError)) {
            PyErr_Clear();
            PyErr_SetString(PyExc_OverflowError, "value must be in range 0..4294967295");
        }
        return -1;
    }
    if (v > 0xFFFFFFFFull) {
        PyErr_SetString(PyExc_OverflowError, "value must be in range 0..4294967295");
        return -1;
    }
    *out = (DWORD)v;
    return 0;
}

/* ---- RASDIALPARAMS ------------------------------------------------------ */

#define DIALPARAMS_WHERE "<RasDialParams conversion>"

int
rasconv_dialparams(rasmod_state *st, PyObject *seq, RASDIALPARAMSW *p)
{
    struct field {
        WCHAR *dst;
        size_t cap;
    } fields[6];
    PyObject *tuple;
    Py_ssize_t i, n;

    memset(p, 0, sizeof(*p));
    p->dwSize = sizeof(*p);
    fields[0].dst = p->szEntryName;
    fields[0].cap = sizeof(p->szEntryName) / sizeof(WCHAR);
    fields[1].dst = p->szPhoneNumber;
    fields[1].cap = sizeof(p->szPhoneNumber) / sizeof(WCHAR);
    fields[2].dst = p->szCallbackNumber;
    fields[2].cap = sizeof(p->szCallbackNumber) / sizeof(WCHAR);
    fields[3].dst = p->szUserName;
    fields[3].cap = sizeof(p->szUserName) / sizeof(WCHAR);
    fields[4].dst = p->szPassword;
    fields[4].cap = sizeof(p->szPassword) / sizeof(WCHAR);
    fields[5].dst = p->szDomain;
    fields[5].cap = sizeof(p->szDomain) / sizeof(WCHAR);

    if (PyUnicode_Check(seq) || PyBytes_Check(seq)) {
        PyErr_SetString(PyExc_TypeError, "RasDialParams must be a sequence of strings, "
                                         "not a single string");
        return -1;
    }
    tuple = PySequence_Tuple(seq);
    if (tuple == NULL) {
        return -1;
    }
    n = PyTuple_Size(tuple);
    for (i = 0; i < n; i++) {
        if (i >= 6) {
            rasconv_raise_msg(st, DIALPARAMS_WHERE,
                              "The RasDialParams sequence length must be "
                              "less than 6");
            goto fail;
        }
        /* field 4 is the password: converted without a trace in errors */
        if ((i == 4 ? rasconv_secret_wfixed : rasconv_wfixed)(
                PyTuple_GetItem(tuple, i), fields[i].dst, fields[i].cap, DIALPARAMS_WHERE) < 0) {
            goto fail;
        }
    }
    Py_DECREF(tuple);
    return 0;
fail:
    Py_DECREF(tuple);
    rasconv_wipe(p, sizeof(*p));
    return -1;
}

/* ---- enumerations with a growing buffer ------------------------------- */

/* The first buffer of rasconv_enum: the items the last call needed plus a
 * sixteenth (room for some added since), at least min_items, at most what a
 * DWORD counts. */
static DWORD
enum_first_size(DWORD item_size, DWORD min_items, DWORD hint)
{
    unsigned long long items = hint / item_size;
    unsigned long long want = (items + items / 16) * item_size;
    if (want < (unsigned long long)min_items * item_size) {
        want = (unsigned long long)min_items * item_size;
    }
    if (want < item_size) {
        return item_size;
    }
    return want > 0xFFFFFFFFull ? (DWORD)(items * item_size) : (DWORD)want;
}

void *
rasconv_enum(rasconv_enum_fn call, void *arg, DWORD item_size, DWORD min_items, DWORD *hint,
             DWORD *count, DWORD *rc)
{
    return rasconv_enum_local(call, arg, item_size, min_items, hint, NULL, 0, count, rc);
}

void
rasconv_enum_free(void *buf, void *local)
{
    if (buf != local) {
        PyMem_Free(buf);
    }
}

void *
rasconv_enum_local(rasconv_enum_fn call, void *arg, DWORD item_size, DWORD min_items, DWORD *hint,
                   void *local, size_t local_size, DWORD *count, DWORD *rc)
{
    /* *hint is read here and written below, both with the GIL held. */
    DWORD cb = enum_first_size(item_size, min_items, *hint);
    int attempt;

    *count = 0;
    *rc = 0;
    /* The set can grow between the sizing call and the real one; a few
     * rounds settle it. */
    for (attempt = 0; attempt < 8; attempt++) {
        size_t size = cb ? cb : item_size;
        void *buf;
        if (attempt == 0 && local != NULL && size <= local_size) {
            buf = local;
            size = local_size; /* all of it: room for a few more items */
            cb = (DWORD)size;
        } else if ((buf = PyMem_Malloc(size)) == NULL) {
            PyErr_NoMemory();
            return NULL;
        }
        /* RAS reads the first item's dwSize and fills every item it
         * counts; only those are read back (the count is capped at what the
         * buffer holds), so only the first item needs zeroing. */
        memset(buf, 0, item_size);
        *(DWORD *)buf = item_size;
        Py_BEGIN_ALLOW_THREADS
            *rc = call(arg, buf, &cb, count);
        Py_END_ALLOW_THREADS
        if (*rc == 0) {
            if (*count > size / item_size) {
                *count = (DWORD)(size / item_size);
            }
            /* what this call needed, remembered for the next call */
            *hint = *count * item_size;
            return buf;
        }
        rasconv_enum_free(buf, local);
        if (*rc != ERROR_BUFFER_TOO_SMALL || cb < item_size) {
            return NULL;
        }
        if (attempt > 0 && cb <= 0xFFFFFFFFu / 3u * 2u) {
            cb += cb / 2; /* still growing between calls: leave room, as rasconv_sized */
        }
    }
    return NULL;
}

int
rasconv_book_entry(PyObject *obook, PyObject *oentry, const char *fname, int argnum,
                   int entry_none_ok, WCHAR **book, WCHAR **entry)
{
    *book = *entry = NULL;
    if (fname == NULL) {
        if (rasconv_wstr(obook, 1, book, NULL) < 0) {
            return -1;
        }
    } else if (rasconv_arg_wstr(obook, 1, fname, argnum, book) < 0) {
        return -1;
    }
    if (fname == NULL ? rasconv_wstr(oentry, entry_none_ok, entry, NULL) < 0
                      : rasconv_arg_wstr(oentry, entry_none_ok, fname, argnum + 1, entry) < 0) {
        rasconv_wstr_free(*book);
        *book = NULL;
        return -1;
    }
    return 0;
}

void *
rasconv_sized(rasconv_sized_fn call, void *arg, DWORD initial, size_t minimum, int secret,
              DWORD *cb, DWORD *rc)
{
    DWORD want = initial;
    int attempt;

    *cb = 0;
    *rc = ERROR_BUFFER_TOO_SMALL;
    for (attempt = 0; attempt < 8; attempt++) {
        size_t alloc = (size_t)want > minimum ? (size_t)want : minimum;
        DWORD got = want;
        char *buf;

        if (alloc == 0) {
            alloc = 1;
        }
        buf = PyMem_Malloc(alloc);
        if (buf == NULL) {
            PyErr_NoMemory();
            *rc = 0;
            return NULL;
        }
        memset(buf, 0, alloc);
        Py_BEGIN_ALLOW_THREADS
            *rc = call(arg, buf, &got);
        Py_END_ALLOW_THREADS
        if (*rc == 0) {
            *cb = got < want ? got : want;
            return buf;
        }
        if (secret) {
            rasconv_wipe(buf, alloc);
        }
        PyMem_Free(buf);
        if (*rc != ERROR_BUFFER_TOO_SMALL || got <= want) {
            return NULL;
        }
        /* A first miss asks for the size; a second one means the data grew
         * since (other threads adding to it): leave half as much room again,
         * or a steady stream of additions outruns the rounds. */
        want =
            attempt == 0 ? got : got + (got / 2 < 0xFFFFFFFFu - got ? got / 2 : 0xFFFFFFFFu - got);
    }
    return NULL;
}
