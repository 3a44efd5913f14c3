/*
 * statistics.c -- the statistics family: Get/ClearConnectionStatistics,
 * Get/ClearLinkStatistics.
 */
#include "structs.h"

#include <string.h>

static const rasfield stats_fields[] = {
    RASFIELD(RAS_STATS, dwBytesXmited, "bytesXmited", RF_DWORD),
    RASFIELD(RAS_STATS, dwBytesRcved, "bytesRcved", RF_DWORD),
    RASFIELD(RAS_STATS, dwFramesXmited, "framesXmited", RF_DWORD),
    RASFIELD(RAS_STATS, dwFramesRcved, "framesRcved", RF_DWORD),
    RASFIELD(RAS_STATS, dwCrcErr, "crcErr", RF_DWORD),
    RASFIELD(RAS_STATS, dwTimeoutErr, "timeoutErr", RF_DWORD),
    RASFIELD(RAS_STATS, dwAlignmentErr, "alignmentErr", RF_DWORD),
    RASFIELD(RAS_STATS, dwHardwareOverrunErr, "hardwareOverrunErr", RF_DWORD),
    RASFIELD(RAS_STATS, dwFramingErr, "framingErr", RF_DWORD),
    RASFIELD(RAS_STATS, dwBufferOverrunErr, "bufferOverrunErr", RF_DWORD),
    RASFIELD(RAS_STATS, dwCompressionRatioIn, "compressionRatioIn", RF_DWORD),
    RASFIELD(RAS_STATS, dwCompressionRatioOut, "compressionRatioOut", RF_DWORD),
    RASFIELD(RAS_STATS, dwBps, "bps", RF_DWORD),
    RASFIELD(RAS_STATS, dwConnectDuration, "connectDuration", RF_DWORD),
};
static const rasstruct stats_def = RASSTRUCT("RAS_STATS", stats_fields);

const rasshape ras_statistics_shapes[] = {
    RASSHAPE("RAS_STATS", stats_def),
    { NULL, NULL, 0, NULL, 0 },
};

static int
stats_args(PyObject *args, const char *format, HRASCONN *h, DWORD *sub)
{
    PyObject *oh, *osub = NULL;
    int has_sub = format[1] == 'O';
    void *p;

    if (!PyArg_ParseTuple(args, format, &oh, &osub) || rasconv_handle(oh, &p) < 0 ||
        (has_sub && rasconv_dword(osub, sub) < 0)) {
        return -1;
    }
    *h = (HRASCONN)p;
    return 0;
}

/* The four functions: of a connection or of one link (with a sub-entry);
 * get (a dict) or clear (None). */
static PyObject *
stats_call(PyObject *module, PyObject *args, int link, int clear)
{
    static const char *const funcnames[2][2] = {
        { "RasGetConnectionStatistics", "RasGetLinkStatistics" },
        { "RasClearConnectionStatistics", "RasClearLinkStatistics" },
    };
    static const char *const formats[2][2] = {
        { "O:GetConnectionStatistics", "OO:GetLinkStatistics" },
        { "O:ClearConnectionStatistics", "OO:ClearLinkStatistics" },
    };
    RAS_STATS stats;
    HRASCONN h;
    DWORD sub = 0, rc;

    if (stats_args(args, formats[clear][link], &h, &sub) < 0) {
        return NULL;
    }
    memset(&stats, 0, sizeof(stats));
    stats.dwSize = sizeof(stats);
    Py_BEGIN_ALLOW_THREADS
        if (clear) {
            rc = link ? RasClearLinkStatistics(h, sub) : RasClearConnectionStatistics(h);
        } else {
            rc =
                link ? RasGetLinkStatistics(h, sub, &stats) : RasGetConnectionStatistics(h, &stats);
        }
    Py_END_ALLOW_THREADS
    if (rc != 0 || clear) {
        return rasconv_none_or_raise(rasmod_get_state(module), funcnames[clear][link], rc);
    }
    return rasstruct_to_dict(&stats_def, &stats);
}

PyDoc_STRVAR(GetConnectionStatistics_doc,
             "GetConnectionStatistics($module, hrasconn, /)\n--\n\n"
             "Counters of a connection (RasGetConnectionStatistics) as a dict:\n"
             "bytesXmited, bytesRcved, framesXmited, framesRcved, crcErr, timeoutErr,\n"
             "alignmentErr, hardwareOverrunErr, framingErr, bufferOverrunErr,\n"
             "compressionRatioIn, compressionRatioOut, bps, connectDuration (ms).");

static PyObject *
ras_GetConnectionStatistics(PyObject *module, PyObject *args)
{
    return stats_call(module, args, 0, 0);
}

PyDoc_STRVAR(GetLinkStatistics_doc,
             "GetLinkStatistics($module, hrasconn, subEntry, /)\n--\n\n"
             "Counters of one link (sub-entry, from 1) of a connection\n"
             "(RasGetLinkStatistics), with the keys of GetConnectionStatistics().");

static PyObject *
ras_GetLinkStatistics(PyObject *module, PyObject *args)
{
    return stats_call(module, args, 1, 0);
}

PyDoc_STRVAR(ClearConnectionStatistics_doc,
             "ClearConnectionStatistics($module, hrasconn, /)\n--\n\n"
             "Reset the counters of a connection (RasClearConnectionStatistics).");

static PyObject *
ras_ClearConnectionStatistics(PyObject *module, PyObject *args)
{
    return stats_call(module, args, 0, 1);
}

PyDoc_STRVAR(ClearLinkStatistics_doc,
             "ClearLinkStatistics($module, hrasconn, subEntry, /)\n--\n\n"
             "Reset the counters of one link of a connection (RasClearLinkStatistics).");

static PyObject *
ras_ClearLinkStatistics(PyObject *module, PyObject *args)
{
    return stats_call(module, args, 1, 1);
}

PyMethodDef ras_statistics_methods[] = {
    METH(GetConnectionStatistics), METH(ClearConnectionStatistics), METH(GetLinkStatistics),
    METH(ClearLinkStatistics),     { NULL, NULL, 0, NULL },
};
