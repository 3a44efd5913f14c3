/*
 * entryprops.c -- the entryprops family, entry and sub-entry properties: Get/SetEntryProperties,
 * Get/SetSubEntryProperties, DeleteSubEntry.
 *
 * RASENTRYW crosses as a dict (one field table, structs.c) plus
 * "alternatePhoneNumbers", the multi-string the API places after the
 * structure.  The extension passes the newest RASENTRYW (rasx_entry.h) and
 * falls back to older versions when the system answers ERROR_INVALID_SIZE,
 * as DotRas does; a dict then has only the keys of the version the system
 * accepted.
 */
#include "structs.h"

#include <string.h>

#define ALT_KEY "alternatePhoneNumbers"

/* Field names: the SDK's without the Hungarian prefix (dw, dwf, sz, f),
 * first letter lower-cased (a leading acronym as a whole: IPv4 -> ipv4,
 * IDi -> idi).  In offset order, so a version is a prefix of the table. */
static const rasfield entry_fields[] = {
    RASFIELD(RASX_ENTRYW, dwfOptions, "options", RF_DWORD),
    RASFIELD(RASX_ENTRYW, dwCountryID, "countryID", RF_DWORD),
    RASFIELD(RASX_ENTRYW, dwCountryCode, "countryCode", RF_DWORD),
    RASFIELD(RASX_ENTRYW, szAreaCode, "areaCode", RF_WSTR),
    RASFIELD(RASX_ENTRYW, szLocalPhoneNumber, "localPhoneNumber", RF_WSTR),
    RASFIELD(RASX_ENTRYW, ipaddr, "ipaddr", RF_IPV4),
    RASFIELD(RASX_ENTRYW, ipaddrDns, "ipaddrDns", RF_IPV4),
    RASFIELD(RASX_ENTRYW, ipaddrDnsAlt, "ipaddrDnsAlt", RF_IPV4),
    RASFIELD(RASX_ENTRYW, ipaddrWins, "ipaddrWins", RF_IPV4),
    RASFIELD(RASX_ENTRYW, ipaddrWinsAlt, "ipaddrWinsAlt", RF_IPV4),
    RASFIELD(RASX_ENTRYW, dwFrameSize, "frameSize", RF_DWORD),
    RASFIELD(RASX_ENTRYW, dwfNetProtocols, "netProtocols", RF_DWORD),
    RASFIELD(RASX_ENTRYW, dwFramingProtocol, "framingProtocol", RF_DWORD),
    RASFIELD(RASX_ENTRYW, szScript, "script", RF_WSTR),
    RASFIELD(RASX_ENTRYW, szAutodialDll, "autodialDll", RF_WSTR),
    RASFIELD(RASX_ENTRYW, szAutodialFunc, "autodialFunc", RF_WSTR),
    RASFIELD(RASX_ENTRYW, szDeviceType, "deviceType", RF_WSTR),
    RASFIELD(RASX_ENTRYW, szDeviceName, "deviceName", RF_WSTR),
    RASFIELD(RASX_ENTRYW, szX25PadType, "x25PadType", RF_WSTR),
    RASFIELD(RASX_ENTRYW, szX25Address, "x25Address", RF_WSTR),
    RASFIELD(RASX_ENTRYW, szX25Facilities, "x25Facilities", RF_WSTR),
    RASFIELD(RASX_ENTRYW, szX25UserData, "x25UserData", RF_WSTR),
    RASFIELD(RASX_ENTRYW, dwChannels, "channels", RF_DWORD),
    RASFIELD(RASX_ENTRYW, dwReserved1, "reserved1", RF_DWORD),
    RASFIELD(RASX_ENTRYW, dwReserved2, "reserved2", RF_DWORD),
    RASFIELD(RASX_ENTRYW, dwSubEntries, "subEntries", RF_DWORD),
    RASFIELD(RASX_ENTRYW, dwDialMode, "dialMode", RF_DWORD),
    RASFIELD(RASX_ENTRYW, dwDialExtraPercent, "dialExtraPercent", RF_DWORD),
    RASFIELD(RASX_ENTRYW, dwDialExtraSampleSeconds, "dialExtraSampleSeconds", RF_DWORD),
    RASFIELD(RASX_ENTRYW, dwHangUpExtraPercent, "hangUpExtraPercent", RF_DWORD),
    RASFIELD(RASX_ENTRYW, dwHangUpExtraSampleSeconds, "hangUpExtraSampleSeconds", RF_DWORD),
    RASFIELD(RASX_ENTRYW, dwIdleDisconnectSeconds, "idleDisconnectSeconds", RF_DWORD),
    RASFIELD(RASX_ENTRYW, dwType, "type", RF_DWORD),
    RASFIELD(RASX_ENTRYW, dwEncryptionType, "encryptionType", RF_DWORD),
    RASFIELD(RASX_ENTRYW, dwCustomAuthKey, "customAuthKey", RF_DWORD),
    RASFIELD(RASX_ENTRYW, guidId, "guidId", RF_GUID),
    RASFIELD(RASX_ENTRYW, szCustomDialDll, "customDialDll", RF_WSTR),
    RASFIELD(RASX_ENTRYW, dwVpnStrategy, "vpnStrategy", RF_DWORD),
    RASFIELD(RASX_ENTRYW, dwfOptions2, "options2", RF_DWORD),
    RASFIELD(RASX_ENTRYW, dwfOptions3, "options3", RF_DWORD),
    RASFIELD(RASX_ENTRYW, szDnsSuffix, "dnsSuffix", RF_WSTR),
    RASFIELD(RASX_ENTRYW, dwTcpWindowSize, "tcpWindowSize", RF_DWORD),
    RASFIELD(RASX_ENTRYW, szPrerequisitePbk, "prerequisitePbk", RF_WSTR),
    RASFIELD(RASX_ENTRYW, szPrerequisiteEntry, "prerequisiteEntry", RF_WSTR),
    RASFIELD(RASX_ENTRYW, dwRedialCount, "redialCount", RF_DWORD),
    RASFIELD(RASX_ENTRYW, dwRedialPause, "redialPause", RF_DWORD),
    /* Vista */
    RASFIELD(RASX_ENTRYW, ipv6addrDns, "ipv6addrDns", RF_IPV6),
    RASFIELD(RASX_ENTRYW, ipv6addrDnsAlt, "ipv6addrDnsAlt", RF_IPV6),
    RASFIELD(RASX_ENTRYW, dwIPv4InterfaceMetric, "ipv4InterfaceMetric", RF_DWORD),
    RASFIELD(RASX_ENTRYW, dwIPv6InterfaceMetric, "ipv6InterfaceMetric", RF_DWORD),
    /* Windows 7 */
    RASFIELD(RASX_ENTRYW, ipv6addr, "ipv6addr", RF_IPV6),
    RASFIELD(RASX_ENTRYW, dwIPv6PrefixLength, "ipv6PrefixLength", RF_DWORD),
    RASFIELD(RASX_ENTRYW, dwNetworkOutageTime, "networkOutageTime", RF_DWORD),
    /* Windows 8 */
    RASFIELD(RASX_ENTRYW, szIDi, "idi", RF_WSTR),
    RASFIELD(RASX_ENTRYW, szIDr, "idr", RF_WSTR),
    RASFIELD(RASX_ENTRYW, fIsImsConfig, "isImsConfig", RF_BOOL),
    RASFIELD(RASX_ENTRYW, IdiType, "idiType", RF_DWORD),
    RASFIELD(RASX_ENTRYW, IdrType, "idrType", RF_DWORD),
    RASFIELD(RASX_ENTRYW, fDisableIKEv2Fragmentation, "disableIKEv2Fragmentation", RF_BOOL),
};

static const rasfield subentry_fields[] = {
    RASFIELD(RASSUBENTRYW, dwfFlags, "flags", RF_DWORD),
    RASFIELD(RASSUBENTRYW, szDeviceType, "deviceType", RF_WSTR),
    RASFIELD(RASSUBENTRYW, szDeviceName, "deviceName", RF_WSTR),
    RASFIELD(RASSUBENTRYW, szLocalPhoneNumber, "localPhoneNumber", RF_WSTR),
};
static const rasstruct subentry_def = RASSTRUCT("RASSUBENTRY", subentry_fields);
static const rasstruct entry_full_def = RASSTRUCT("RASENTRY", entry_fields);

/* The key added beside the fields. */
static const rasfield alt_extras[] = { RASEXTRA(ALT_KEY, RF_WSTR_LIST) };

/* Every system since XP has the fields up to dwRedialPause; the newer ones
 * come only from the systems that have them. */
const rasshape ras_entryprops_shapes[] = {
    RASSHAPE_EXTRAS("RASENTRY", entry_full_def, RASX_ENTRYW_SIZE_XP, alt_extras),
    RASSHAPE_EXTRAS("RASSUBENTRY", subentry_def, 0, alt_extras),
    { NULL, NULL, 0, NULL, 0 },
};

/* The versions tried, newest first, and their names for messages. */
static const struct {
    DWORD size;
    const char *name;
} entry_versions[] = {
    { (DWORD)RASX_ENTRYW_SIZE_WIN8, "Windows 8" },
    { (DWORD)RASX_ENTRYW_SIZE_WIN7, "Windows 7" },
    { (DWORD)RASX_ENTRYW_SIZE_VISTA, "Windows Vista" },
    { (DWORD)RASX_ENTRYW_SIZE_XP, "Windows XP" },
};
#define N_ENTRY_VERSIONS (sizeof(entry_versions) / sizeof(entry_versions[0]))

/* The table of the fields a version of dwSize `size` holds. */
static rasstruct
entry_def(DWORD size)
{
    rasstruct def = RASSTRUCT("RASENTRY", entry_fields);
    size_t n = 0;

    while (n < def.count && entry_fields[n].offset + entry_fields[n].size <= (size_t)size) {
        n++;
    }
    def.count = n;
    return def;
}

static const char *
version_name(DWORD size)
{
    size_t i;

    for (i = 0; i < N_ENTRY_VERSIONS; i++) {
        if (entry_versions[i].size == size) {
            return entry_versions[i].name;
        }
    }
    return "older";
}

/* ---- alternate phone numbers ------------------------------------------ */

/* The multi-string at buf + offset (within cb bytes) as a list of str. */
static PyObject *
alternates_to_list(const char *buf, DWORD cb, DWORD offset, DWORD min_offset)
{
    PyObject *list = PyList_New(0);
    size_t pos = offset;

    if (list == NULL || offset == 0 || offset < min_offset || offset >= cb) {
        return list;
    }
    while (pos + sizeof(WCHAR) <= cb) {
        size_t len = 0, cap = (cb - pos) / sizeof(WCHAR);
        WCHAR c;
        PyObject *s;
        int order = -1;

        for (;;) {
            if (len == cap) {
                return list; /* unterminated: stop here */
            }
            memcpy(&c, buf + pos + len * sizeof(WCHAR), sizeof(c));
            if (c == 0) {
                break;
            }
            len++;
        }
        if (len == 0) {
            break;
        }
        s = PyUnicode_DecodeUTF16(buf + pos, (Py_ssize_t)(len * sizeof(WCHAR)), "surrogatepass",
                                  &order);
        if (s == NULL || PyList_Append(list, s) < 0) {
            Py_XDECREF(s);
            Py_DECREF(list);
            return NULL;
        }
        Py_DECREF(s);
        pos += (len + 1) * sizeof(WCHAR);
    }
    return list;
}

/* A sequence of str -> multi-string bytes object (b"" for none), UTF-16. */
static PyObject *
list_to_alternates(const char *what, PyObject *seq)
{
    PyObject *tuple, *out = NULL, *parts = NULL;
    Py_ssize_t i, n, total = 0;
    char *p;

    if (PyUnicode_Check(seq) || PyBytes_Check(seq) || !PySequence_Check(seq)) {
        PyErr_Format(PyExc_TypeError, "%s['" ALT_KEY "'] must be a list of str, not %R", what,
                     (PyObject *)Py_TYPE(seq));
        return NULL;
    }
    tuple = PySequence_Tuple(seq);
    if (tuple == NULL) {
        return NULL;
    }
    n = PyTuple_Size(tuple);
    parts = PyList_New(0);
    for (i = 0; parts != NULL && i < n; i++) {
        PyObject *item = PyTuple_GetItem(tuple, i), *enc;
        WCHAR *w;
        Py_ssize_t units;

        if (!PyUnicode_Check(item)) {
            PyErr_Format(PyExc_TypeError, "%s['" ALT_KEY "'] items must be str, not %R", what,
                         (PyObject *)Py_TYPE(item));
            goto fail;
        }
        if (rasconv_wstr(item, 0, &w, &units) < 0) {
            goto fail;
        }
        if (units == 0 || units > RAS_MaxPhoneNumber) {
            rasconv_wstr_free(w);
            PyErr_Format(PyExc_ValueError, "%s['" ALT_KEY "'] items must have 1 to %d characters",
                         what, RAS_MaxPhoneNumber);
            goto fail;
        }
        enc = PyBytes_FromStringAndSize((const char *)w, (units + 1) * (Py_ssize_t)sizeof(WCHAR));
        rasconv_wstr_free(w);
        if (enc == NULL || PyList_Append(parts, enc) < 0) {
            Py_XDECREF(enc);
            goto fail;
        }
        total += PyBytes_Size(enc);
        Py_DECREF(enc);
    }
    if (parts == NULL) {
        goto fail;
    }
    if (n == 0) {
        out = PyBytes_FromStringAndSize(NULL, 0);
        goto done;
    }
    out = PyBytes_FromStringAndSize(NULL, total + (Py_ssize_t)sizeof(WCHAR));
    if (out == NULL) {
        goto fail;
    }
    p = PyBytes_AsString(out);
    for (i = 0; i < n; i++) {
        PyObject *enc = PyList_GetItem(parts, i);
        memcpy(p, PyBytes_AsString(enc), (size_t)PyBytes_Size(enc));
        p += PyBytes_Size(enc);
    }
    memset(p, 0, sizeof(WCHAR));
done:
    Py_XDECREF(parts);
    Py_DECREF(tuple);
    return out;
fail:
    Py_XDECREF(parts);
    Py_DECREF(tuple);
    return NULL;
}

/* ---- calling the Get functions ----------------------------------------- */

typedef struct {
    LPCWSTR phonebook;
    LPCWSTR entry;
    DWORD sub;    /* sub-entry, for the sub-entry function */
    int subentry; /* RasGetSubEntryPropertiesW instead */
} get_args;

typedef struct {
    const get_args *a;
    DWORD size; /* dwSize of the structure asked for */
} get_call;

/* rasconv_sized_fn: the Get function on a buffer whose dwSize it sets. */
static DWORD
call_get(void *arg, void *buf, DWORD *cb)
{
    const get_call *c = (const get_call *)arg;
    const get_args *a = c->a;

    memcpy(buf, &c->size, sizeof(c->size));
    if (a->subentry) {
        return RasGetSubEntryPropertiesW(a->phonebook, a->entry, a->sub, (RASSUBENTRYW *)buf, cb,
                                         NULL, NULL);
    }
    return RasGetEntryPropertiesW(a->phonebook, a->entry, (RASENTRYW *)buf, cb, NULL, NULL);
}

/* Calls the Get function with a structure of dwSize `size` in a buffer
 * grown as the function asks.  The buffer (PyMem, at least `minimum` bytes)
 * goes to *out, its used size to *cb.  Returns the RAS result; 0 with *out
 * NULL and an exception set on MemoryError. */
static DWORD
get_with_size(const get_args *a, DWORD size, size_t minimum, char **out, DWORD *cb)
{
    get_call c = { a, size };
    DWORD rc;

    *out = rasconv_sized(call_get, &c, size + 512, minimum, 0, cb, &rc);
    return *out != NULL ? 0 : rc;
}

/* RasGetEntryPropertiesW at the newest version the system accepts. */
static DWORD
get_entry(LPCWSTR phonebook, LPCWSTR entry, char **out, DWORD *cb, DWORD *vsize)
{
    get_args a = { phonebook, entry, 0, 0 };
    DWORD rc = ERROR_INVALID_SIZE;
    size_t i;

    for (i = 0; i < N_ENTRY_VERSIONS && rc == ERROR_INVALID_SIZE; i++) {
        *vsize = entry_versions[i].size;
        rc = get_with_size(&a, *vsize, sizeof(RASX_ENTRYW), out, cb);
        if (rc == 0 && *out == NULL) {
            return 0; /* MemoryError */
        }
    }
    return rc;
}

static PyObject *
entry_to_dict(const char *buf, DWORD cb, DWORD vsize)
{
    rasstruct def = entry_def(vsize);
    PyObject *dict = rasstruct_to_dict(&def, buf), *alts;
    DWORD off;

    if (dict == NULL) {
        return NULL;
    }
    memcpy(&off, buf + offsetof(RASX_ENTRYW, dwAlternateOffset), sizeof(off));
    alts = alternates_to_list(buf, cb, off, vsize);
    if (alts == NULL || PyDict_SetItemString(dict, ALT_KEY, alts) < 0) {
        Py_XDECREF(alts);
        Py_DECREF(dict);
        return NULL;
    }
    Py_DECREF(alts);
    return dict;
}

PyDoc_STRVAR(GetEntryProperties_doc,
             "GetEntryProperties($module, phonebook, entry, /)\n--\n\n"
             "The properties of a phone-book entry (RasGetEntryProperties) as a dict\n"
             "keyed by the RASENTRY field names ('options', 'localPhoneNumber',\n"
             "'deviceType', 'vpnStrategy', 'ipv6addrDns', ...) plus\n"
             "'alternatePhoneNumbers' (a list of str).  phonebook None is the default\n"
             "phone book; entry None or '' gives the default entry's values.  The dict\n"
             "has the keys of the newest RASENTRY version the system accepts.");

static PyObject *
ras_GetEntryProperties(PyObject *module, PyObject *args)
{
    PyObject *opb, *oentry, *result;
    WCHAR *pb, *entry;
    char *buf;
    DWORD rc, cb = 0, vsize = 0;

    if (!PyArg_ParseTuple(args, "OO:GetEntryProperties", &opb, &oentry) ||
        rasconv_book_entry(opb, oentry, "GetEntryProperties", 1, 1, &pb, &entry) < 0) {
        return NULL;
    }
    rc = get_entry(pb, entry, &buf, &cb, &vsize);
    rasconv_wstr_free(pb);
    rasconv_wstr_free(entry);
    if (rc != 0) {
        return rasconv_raise(rasmod_get_state(module), "RasGetEntryProperties", rc);
    }
    if (buf == NULL) {
        return NULL;
    }
    result = entry_to_dict(buf, cb, vsize);
    PyMem_Free(buf);
    return result;
}

/* ValueError for a key of a newer RASENTRY than the system's, KeyError for
 * an unknown one is left to rasstruct_from_dict. */
static int
check_version_keys(PyObject *dict, DWORD vsize)
{
    rasstruct full = RASSTRUCT("RASENTRY", entry_fields);
    rasstruct def = entry_def(vsize);
    size_t i;

    for (i = def.count; i < full.count; i++) {
        PyObject *v = PyDict_GetItemString(dict, entry_fields[i].key);
        if (v != NULL) {
            PyErr_Format(PyExc_ValueError,
                         "RASENTRY['%s'] cannot be stored: this system accepts the "
                         "%s RASENTRY (dwSize %lu), which has no such field",
                         entry_fields[i].key, version_name(vsize), (unsigned long)vsize);
            return -1;
        }
    }
    return 0;
}

/* buf (cb bytes, a structure of vsize bytes and perhaps alternates) updated
 * from dict into a new buffer ready for the Set function: the structure,
 * then the alternates (the dict's, else buf's).  *total gets its size. */
static char *
build_set_buffer(const rasstruct *def, const char *what, PyObject *dict, const char *buf, DWORD cb,
                 DWORD vsize, size_t alt_field, size_t minimum, DWORD *total)
{
    PyObject *copy = NULL, *alts_obj, *alts = NULL;
    const char *alt_data = NULL;
    Py_ssize_t alt_len = 0;
    char *out = NULL;
    DWORD off;
    size_t alloc;

    copy = PyDict_Copy(dict);
    if (copy == NULL) {
        return NULL;
    }
    alts_obj = PyDict_GetItemString(copy, ALT_KEY);
    if (alts_obj != NULL) {
        alts = list_to_alternates(what, alts_obj);
        if (alts == NULL || PyDict_DelItemString(copy, ALT_KEY) < 0) {
            goto done;
        }
        alt_data = PyBytes_AsString(alts);
        alt_len = PyBytes_Size(alts);
    } else {
        memcpy(&off, buf + alt_field, sizeof(off));
        if (off != 0 && off >= vsize && off < cb) {
            PyObject *list = alternates_to_list(buf, cb, off, vsize);
            if (list == NULL) {
                goto done;
            }
            alts = list_to_alternates(what, list);
            Py_DECREF(list);
            if (alts == NULL) {
                goto done;
            }
            alt_data = PyBytes_AsString(alts);
            alt_len = PyBytes_Size(alts);
        }
    }
    alloc = (size_t)vsize + (size_t)alt_len;
    if (alloc < minimum) {
        alloc = minimum;
    }
    out = PyMem_Malloc(alloc);
    if (out == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    memset(out, 0, alloc);
    memcpy(out, buf, vsize);
    if (rasstruct_from_dict(def, copy, out) < 0) {
        PyMem_Free(out);
        out = NULL;
        goto done;
    }
    memcpy(out, &vsize, sizeof(vsize));
    off = alt_len > 0 ? vsize : 0;
    memcpy(out + alt_field, &off, sizeof(off));
    if (alt_len > 0) {
        memcpy(out + vsize, alt_data, (size_t)alt_len);
    }
    *total = vsize + (DWORD)alt_len;
done:
    Py_XDECREF(alts);
    Py_DECREF(copy);
    return out;
}

PyDoc_STRVAR(SetEntryProperties_doc,
             "SetEntryProperties($module, phonebook, entry, properties, /)\n--\n\n"
             "Create or change a phone-book entry (RasSetEntryProperties).  properties\n"
             "is a dict with keys of GetEntryProperties(); missing keys keep the entry's\n"
             "current values (a new entry starts from the default entry).  A key the\n"
             "system's RASENTRY version cannot hold raises ValueError naming it.\n"
             "'guidId' and 'subEntries' are read-only.");

static PyObject *
ras_SetEntryProperties(PyObject *module, PyObject *args)
{
    rasmod_state *st = rasmod_get_state(module);
    PyObject *opb, *oentry, *dict;
    WCHAR *pb, *entry;
    char *cur = NULL, *out = NULL;
    DWORD rc, cb = 0, vsize = 0, total = 0;
    rasstruct def;

    if (!PyArg_ParseTuple(args, "OOO:SetEntryProperties", &opb, &oentry, &dict)) {
        return NULL;
    }
    if (!PyDict_Check(dict)) {
        PyErr_Format(PyExc_TypeError, "SetEntryProperties() argument 3 must be dict, not %R",
                     (PyObject *)Py_TYPE(dict));
        return NULL;
    }
    if (rasconv_book_entry(opb, oentry, "SetEntryProperties", 1, 0, &pb, &entry) < 0) {
        return NULL;
    }
    /* Start from the entry as it is, or from the default entry. */
    rc = get_entry(pb, entry, &cur, &cb, &vsize);
    if (rc != 0 && cur == NULL) {
        rc = get_entry(pb, NULL, &cur, &cb, &vsize);
        if (rc == 0 && cur != NULL) {
            DWORD zero = 0;
            memcpy(cur + offsetof(RASX_ENTRYW, dwAlternateOffset), &zero, sizeof(zero));
        }
    }
    if (rc != 0) {
        rasconv_raise(st, "RasGetEntryProperties", rc);
        goto done;
    }
    if (cur == NULL || check_version_keys(dict, vsize) < 0) {
        goto done;
    }
    def = entry_def(vsize);
    out = build_set_buffer(&def, "RASENTRY", dict, cur, cb, vsize,
                           offsetof(RASX_ENTRYW, dwAlternateOffset), sizeof(RASX_ENTRYW), &total);
    if (out == NULL) {
        goto done;
    }
    /* Microsoft: "When calling RasSetEntryProperties, set this member to
     * zero" (sub-entries are added with RasSetSubEntryProperties). */
    memset(out + offsetof(RASX_ENTRYW, dwSubEntries), 0, sizeof(DWORD));
    Py_BEGIN_ALLOW_THREADS
        rc = RasSetEntryPropertiesW(pb, entry, (RASENTRYW *)(void *)out, total, NULL, 0);
    Py_END_ALLOW_THREADS
    if (rc != 0) {
        rasconv_raise(st, "RasSetEntryProperties", rc);
    }
done:
    PyMem_Free(cur);
    PyMem_Free(out);
    rasconv_wstr_free(pb);
    rasconv_wstr_free(entry);
    if (PyErr_Occurred()) {
        return NULL;
    }
    Py_RETURN_NONE;
}

/* ---- sub-entries ------------------------------------------------------- */

static PyObject *
subentry_to_dict(const char *buf, DWORD cb)
{
    PyObject *dict = rasstruct_to_dict(&subentry_def, buf), *alts;
    DWORD off;

    if (dict == NULL) {
        return NULL;
    }
    memcpy(&off, buf + offsetof(RASSUBENTRYW, dwAlternateOffset), sizeof(off));
    alts = alternates_to_list(buf, cb, off, (DWORD)sizeof(RASSUBENTRYW));
    if (alts == NULL || PyDict_SetItemString(dict, ALT_KEY, alts) < 0) {
        Py_XDECREF(alts);
        Py_DECREF(dict);
        return NULL;
    }
    Py_DECREF(alts);
    return dict;
}

PyDoc_STRVAR(GetSubEntryProperties_doc,
             "GetSubEntryProperties($module, phonebook, entry, subEntry, /)\n--\n\n"
             "The properties of a sub-entry (link, from 1) of a phone-book entry\n"
             "(RasGetSubEntryProperties): a dict with 'flags', 'deviceType',\n"
             "'deviceName', 'localPhoneNumber' and 'alternatePhoneNumbers'.");

static PyObject *
ras_GetSubEntryProperties(PyObject *module, PyObject *args)
{
    PyObject *opb, *oentry, *osub, *result;
    WCHAR *pb, *entry;
    get_args a;
    char *buf;
    DWORD rc, cb = 0, sub;

    if (!PyArg_ParseTuple(args, "OOO:GetSubEntryProperties", &opb, &oentry, &osub) ||
        rasconv_dword(osub, &sub) < 0 ||
        rasconv_book_entry(opb, oentry, "GetSubEntryProperties", 1, 0, &pb, &entry) < 0) {
        return NULL;
    }
    a.phonebook = pb;
    a.entry = entry;
    a.sub = sub;
    a.subentry = 1;
    rc = get_with_size(&a, (DWORD)sizeof(RASSUBENTRYW), sizeof(RASSUBENTRYW), &buf, &cb);
    rasconv_wstr_free(pb);
    rasconv_wstr_free(entry);
    if (rc != 0) {
        return rasconv_raise(rasmod_get_state(module), "RasGetSubEntryProperties", rc);
    }
    if (buf == NULL) {
        return NULL;
    }
    result = subentry_to_dict(buf, cb);
    PyMem_Free(buf);
    return result;
}

PyDoc_STRVAR(SetSubEntryProperties_doc,
             "SetSubEntryProperties($module, phonebook, entry, subEntry, properties, /)\n--\n\n"
             "Change a sub-entry of a phone-book entry, or add one when subEntry is past\n"
             "the last (RasSetSubEntryProperties).  properties has keys of\n"
             "GetSubEntryProperties(); missing keys keep their current values.");

static PyObject *
ras_SetSubEntryProperties(PyObject *module, PyObject *args)
{
    rasmod_state *st = rasmod_get_state(module);
    PyObject *opb, *oentry, *osub, *dict;
    WCHAR *pb, *entry;
    get_args a;
    char *cur = NULL, *out = NULL;
    DWORD rc, cb = 0, sub, total = 0, size = (DWORD)sizeof(RASSUBENTRYW);

    if (!PyArg_ParseTuple(args, "OOOO:SetSubEntryProperties", &opb, &oentry, &osub, &dict) ||
        rasconv_dword(osub, &sub) < 0) {
        return NULL;
    }
    if (!PyDict_Check(dict)) {
        PyErr_Format(PyExc_TypeError, "SetSubEntryProperties() argument 4 must be dict, not %R",
                     (PyObject *)Py_TYPE(dict));
        return NULL;
    }
    if (rasconv_book_entry(opb, oentry, "SetSubEntryProperties", 1, 0, &pb, &entry) < 0) {
        return NULL;
    }
    a.phonebook = pb;
    a.entry = entry;
    a.sub = sub;
    a.subentry = 1;
    rc = get_with_size(&a, size, sizeof(RASSUBENTRYW), &cur, &cb);
    if (rc != 0 && cur == NULL) {
        /* a new sub-entry: start from an empty one */
        cur = PyMem_Malloc(sizeof(RASSUBENTRYW));
        if (cur == NULL) {
            PyErr_NoMemory();
            goto done;
        }
        memset(cur, 0, sizeof(RASSUBENTRYW));
        cb = size;
    } else if (cur == NULL) {
        goto done;
    }
    out = build_set_buffer(&subentry_def, "RASSUBENTRY", dict, cur, cb, size,
                           offsetof(RASSUBENTRYW, dwAlternateOffset), sizeof(RASSUBENTRYW), &total);
    if (out == NULL) {
        goto done;
    }
    Py_BEGIN_ALLOW_THREADS
        rc = RasSetSubEntryPropertiesW(pb, entry, sub, (RASSUBENTRYW *)(void *)out, total, NULL, 0);
    Py_END_ALLOW_THREADS
    if (rc != 0) {
        rasconv_raise(st, "RasSetSubEntryProperties", rc);
    }
done:
    PyMem_Free(cur);
    PyMem_Free(out);
    rasconv_wstr_free(pb);
    rasconv_wstr_free(entry);
    if (PyErr_Occurred()) {
        return NULL;
    }
    Py_RETURN_NONE;
}

PyDoc_STRVAR(DeleteSubEntry_doc,
             "DeleteSubEntry($module, phonebook, entry, subEntryId, /)\n--\n\n"
             "Remove a sub-entry (from 1) of a phone-book entry (RasDeleteSubEntry).");

static PyObject *
ras_DeleteSubEntry(PyObject *module, PyObject *args)
{
    PyObject *opb, *oentry, *osub;
    WCHAR *pb, *entry;
    DWORD rc, sub;

    if (!PyArg_ParseTuple(args, "OOO:DeleteSubEntry", &opb, &oentry, &osub) ||
        rasconv_dword(osub, &sub) < 0 ||
        rasconv_book_entry(opb, oentry, "DeleteSubEntry", 1, 0, &pb, &entry) < 0) {
        return NULL;
    }
    Py_BEGIN_ALLOW_THREADS
        rc = RasDeleteSubEntryW(pb, entry, sub);
    Py_END_ALLOW_THREADS
    rasconv_wstr_free(pb);
    rasconv_wstr_free(entry);
    return rasconv_none_or_raise(rasmod_get_state(module), "RasDeleteSubEntry", rc);
}

PyMethodDef ras_entryprops_methods[] = {
    METH(GetEntryProperties),    METH(SetEntryProperties), METH(GetSubEntryProperties),
    METH(SetSubEntryProperties), METH(DeleteSubEntry),     { NULL, NULL, 0, NULL },
};

const rasconst ras_entryprops_constants[] = {
    RASCONST(RASEO_UseCountryAndAreaCodes),
    RASCONST(RASEO_SpecificIpAddr),
    RASCONST(RASEO_SpecificNameServers),
    RASCONST(RASEO_IpHeaderCompression),
    RASCONST(RASEO_RemoteDefaultGateway),
    RASCONST(RASEO_DisableLcpExtensions),
    RASCONST(RASEO_TerminalBeforeDial),
    RASCONST(RASEO_TerminalAfterDial),
    RASCONST(RASEO_ModemLights),
    RASCONST(RASEO_SwCompression),
    RASCONST(RASEO_RequireEncryptedPw),
    RASCONST(RASEO_RequireMsEncryptedPw),
    RASCONST(RASEO_RequireDataEncryption),
    RASCONST(RASEO_NetworkLogon),
    RASCONST(RASEO_UseLogonCredentials),
    RASCONST(RASEO_PromoteAlternates),
    RASCONST(RASEO_SecureLocalFiles),
    RASCONST(RASEO_RequireEAP),
    RASCONST(RASEO_RequirePAP),
    RASCONST(RASEO_RequireSPAP),
    RASCONST(RASEO_Custom),
    RASCONST(RASEO_PreviewPhoneNumber),
    RASCONST(RASEO_SharedPhoneNumbers),
    RASCONST(RASEO_PreviewUserPw),
    RASCONST(RASEO_PreviewDomain),
    RASCONST(RASEO_ShowDialingProgress),
    RASCONST(RASEO_RequireCHAP),
    RASCONST(RASEO_RequireMsCHAP),
    RASCONST(RASEO_RequireMsCHAP2),
    RASCONST(RASEO_RequireW95MSCHAP),
    RASCONST(RASEO_CustomScript),
    RASCONST(RASEO2_SecureFileAndPrint),
    RASCONST(RASEO2_SecureClientForMSNet),
    RASCONST(RASEO2_DontNegotiateMultilink),
    RASCONST(RASEO2_DontUseRasCredentials),
    RASCONST(RASEO2_UsePreSharedKey),
    RASCONST(RASEO2_Internet),
    RASCONST(RASEO2_DisableNbtOverIP),
    RASCONST(RASEO2_UseGlobalDeviceSettings),
    RASCONST(RASEO2_ReconnectIfDropped),
    RASCONST(RASEO2_SharePhoneNumbers),
    RASXCONST(RASEO2_SecureRoutingCompartment),
    RASXCONST(RASEO2_UseTypicalSettings),
    RASXCONST(RASEO2_IPv6SpecificNameServers),
    RASXCONST(RASEO2_IPv6RemoteDefaultGateway),
    RASXCONST(RASEO2_RegisterIpWithDNS),
    RASXCONST(RASEO2_UseDNSSuffixForRegistration),
    RASXCONST(RASEO2_IPv4ExplicitMetric),
    RASXCONST(RASEO2_IPv6ExplicitMetric),
    RASXCONST(RASEO2_DisableIKENameEkuCheck),
    RASXCONST(RASEO2_DisableClassBasedStaticRoute),
    RASXCONST(RASEO2_SpecificIPv6Addr),
    RASXCONST(RASEO2_DisableMobility),
    RASXCONST(RASEO2_RequireMachineCertificates),
    RASXCONST(RASEO2_UsePreSharedKeyForIkev2Initiator),
    RASXCONST(RASEO2_UsePreSharedKeyForIkev2Responder),
    RASXCONST(RASEO2_CacheCredentials),
    RASXCONST(RASEO2_AutoTriggerCapable),
    RASXCONST(RASEO2_IsThirdPartyProfile),
    RASXCONST(RASEO2_AuthTypeIsOtp),
    RASXCONST(RASEO2_IsAlwaysOn),
    RASXCONST(RASEO2_IsPrivateNetwork),
    RASXCONST(RASEO2_PlumbIKEv2TSAsRoutes),
    RASCONST(RASNP_NetBEUI),
    RASCONST(RASNP_Ipx),
    RASCONST(RASNP_Ip),
    RASXCONST(RASNP_Ipv6),
    RASCONST(RASFP_Ppp),
    RASCONST(RASFP_Slip),
    RASCONST(RASFP_Ras),
    RASCONST(RASET_Phone),
    RASCONST(RASET_Vpn),
    RASCONST(RASET_Direct),
    RASCONST(RASET_Internet),
    RASCONST(RASET_Broadband),
    RASCONST(ET_None),
    RASCONST(ET_Require),
    RASCONST(ET_RequireMax),
    RASCONST(ET_Optional),
    RASCONST(VS_Default),
    RASCONST(VS_PptpOnly),
    RASCONST(VS_PptpFirst),
    RASCONST(VS_L2tpOnly),
    RASCONST(VS_L2tpFirst),
    RASXCONST(VS_SstpOnly),
    RASXCONST(VS_SstpFirst),
    RASXCONST(VS_Ikev2Only),
    RASXCONST(VS_Ikev2First),
    RASXCONST(VS_GREOnly),
    RASXCONST(VS_PptpSstp),
    RASXCONST(VS_L2tpSstp),
    RASXCONST(VS_Ikev2Sstp),
    RASXCONST(VS_ProtocolList),
    RASCONST(RASEDM_DialAll),
    RASCONST(RASEDM_DialAsNeeded),
    RASCONST(RASIDS_Disabled),
    RASCONST(RASIDS_UseGlobalValue),
    RASXCONST(IKEV2_ID_PAYLOAD_TYPE_INVALID),
    RASXCONST(IKEV2_ID_PAYLOAD_TYPE_IPV4_ADDR),
    RASXCONST(IKEV2_ID_PAYLOAD_TYPE_FQDN),
    RASXCONST(IKEV2_ID_PAYLOAD_TYPE_RFC822_ADDR),
    RASXCONST(IKEV2_ID_PAYLOAD_TYPE_ID_IPV6_ADDR),
    RASXCONST(IKEV2_ID_PAYLOAD_TYPE_DER_ASN1_DN),
    RASXCONST(IKEV2_ID_PAYLOAD_TYPE_DER_ASN1_GN),
    RASXCONST(IKEV2_ID_PAYLOAD_TYPE_KEY_ID),
    { "RAS_MaxIDSize", RASX_MaxIDSize },
    { NULL, 0 },
};
