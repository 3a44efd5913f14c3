/*
 * country.c -- the country family: GetCountryInfo, the dialing information
 * of the Windows Telephony country/region list.
 */
#include "structs.h"

/* First buffer for RasGetCountryInfo (the documentation asks for 256). */
#define COUNTRY_BUFFER 256

static const rasfield country_fields[] = {
    RASFIELD(RASCTRYINFOW, dwCountryID, "countryID", RF_DWORD),
    RASFIELD(RASCTRYINFOW, dwNextCountryID, "nextCountryID", RF_DWORD),
    RASFIELD(RASCTRYINFOW, dwCountryCode, "countryCode", RF_DWORD),
};
static const rasstruct country_def = RASSTRUCT("RASCTRYINFO", country_fields);

/* The key added beside the fields: the name at dwCountryNameOffset. */
#define COUNTRY_NAME_KEY "countryName"
static const rasfield country_extras[] = { RASEXTRA(COUNTRY_NAME_KEY, RF_WSTR) };

const rasshape ras_country_shapes[] = {
    RASSHAPE_EXTRAS("RASCTRYINFO", country_def, 0, country_extras),
    { NULL, NULL, 0, NULL, 0 },
};

/* ---- GetCountryInfo ----------------------------------------------------- */

/* The dict of a filled RASCTRYINFO buffer of `valid` bytes: its fields plus
 * the name at dwCountryNameOffset ("" when the offset is unusable). */
static PyObject *
country_dict(const RASCTRYINFOW *info, size_t valid)
{
    PyObject *dict = rasstruct_to_dict(&country_def, info), *name;
    size_t off = info->dwCountryNameOffset;

    if (dict == NULL) {
        return NULL;
    }
    if (off >= sizeof(RASCTRYINFOW) && off < valid && off % sizeof(WCHAR) == 0) {
        name = rasconv_from_wfixed((const WCHAR *)(const void *)((const char *)info + off),
                                   (valid - off) / sizeof(WCHAR));
    } else {
        name = PyUnicode_FromString("");
    }
    if (name == NULL || PyDict_SetItemString(dict, COUNTRY_NAME_KEY, name) < 0) {
        Py_XDECREF(name);
        Py_DECREF(dict);
        return NULL;
    }
    Py_DECREF(name);
    return dict;
}

PyDoc_STRVAR(GetCountryInfo_doc,
             "GetCountryInfo($module, countryId, /)\n--\n\n"
             "Dialing information of one country/region of the Windows Telephony list\n"
             "(RasGetCountryInfo): a dict with 'countryID', 'nextCountryID' (0 after\n"
             "the last one; the list starts at id 1), 'countryCode' and 'countryName'.");

/* rasconv_sized_fn: arg points to the country id. */
static DWORD
get_country(void *arg, void *buf, DWORD *cb)
{
    RASCTRYINFOW *info = (RASCTRYINFOW *)buf;

    info->dwSize = sizeof(RASCTRYINFOW);
    info->dwCountryID = *(const DWORD *)arg;
    return RasGetCountryInfoW(info, cb);
}

static PyObject *
ras_GetCountryInfo(PyObject *module, PyObject *args)
{
    PyObject *oid, *result;
    RASCTRYINFOW *info;
    DWORD id, size, rc;

    if (!PyArg_ParseTuple(args, "O:GetCountryInfo", &oid) || rasconv_dword(oid, &id) < 0) {
        return NULL;
    }
    info = rasconv_sized(get_country, &id, COUNTRY_BUFFER, sizeof(RASCTRYINFOW), 0, &size, &rc);
    if (info == NULL) {
        return PyErr_Occurred() ? NULL
                                : rasconv_raise(rasmod_get_state(module), "RasGetCountryInfo", rc);
    }
    result = country_dict(info, size);
    PyMem_Free(info);
    return result;
}

PyMethodDef ras_country_methods[] = {
    METH(GetCountryInfo),
    { NULL, NULL, 0, NULL },
};
