/*
 * connections.c -- the connections family: EnumConnections,
 * GetConnectStatus, IsHandleValid, GetProjectionInfo(Ex), UpdateConnection,
 * GetSubEntryHandle, ConnectionNotification.
 *
 * mingw's import library lacks RasGetProjectionInfoEx and RasUpdateConnection
 * (Windows 7+): on Windows they are looked up in the loaded rasapi32.dll at
 * their first use, and a DLL without them gives
 * error(ERROR_CALL_NOT_IMPLEMENTED).  Off Windows the simulator has them.
 */
#include "structs.h"

#include <string.h>

/* ---- field tables -------------------------------------------------------- */

static const rasfield pppip_fields[] = {
    RASFIELD(RASPPPIPW, dwError, "error", RF_DWORD),
    RASFIELD(RASPPPIPW, szIpAddress, "ipAddress", RF_IPSTR),
    RASFIELD(RASPPPIPW, szServerIpAddress, "serverIpAddress", RF_IPSTR),
    RASFIELD(RASPPPIPW, dwOptions, "options", RF_DWORD),
    RASFIELD(RASPPPIPW, dwServerOptions, "serverOptions", RF_DWORD),
};
static const rasstruct pppip_def = RASSTRUCT("RASPPPIP", pppip_fields);

static const rasfield pppipv6_fields[] = {
    RASFIELD(RASPPPIPV6, dwError, "error", RF_DWORD),
    RASFIELD(RASPPPIPV6, bLocalInterfaceIdentifier, "localInterfaceIdentifier", RF_BYTES),
    RASFIELD(RASPPPIPV6, bPeerInterfaceIdentifier, "peerInterfaceIdentifier", RF_BYTES),
    RASFIELD(RASPPPIPV6, bLocalCompressionProtocol, "localCompressionProtocol", RF_BYTES),
    RASFIELD(RASPPPIPV6, bPeerCompressionProtocol, "peerCompressionProtocol", RF_BYTES),
};
static const rasstruct pppipv6_def = RASSTRUCT("RASPPPIPV6", pppipv6_fields);

static const rasfield ppplcp_fields[] = {
    RASFIELD(RASPPPLCPW, fBundled, "bundled", RF_BOOL),
    RASFIELD(RASPPPLCPW, dwError, "error", RF_DWORD),
    RASFIELD(RASPPPLCPW, dwAuthenticationProtocol, "authenticationProtocol", RF_DWORD),
    RASFIELD(RASPPPLCPW, dwAuthenticationData, "authenticationData", RF_DWORD),
    RASFIELD(RASPPPLCPW, dwEapTypeId, "eapTypeId", RF_DWORD),
    RASFIELD(RASPPPLCPW, dwServerAuthenticationProtocol, "serverAuthenticationProtocol", RF_DWORD),
    RASFIELD(RASPPPLCPW, dwServerAuthenticationData, "serverAuthenticationData", RF_DWORD),
    RASFIELD(RASPPPLCPW, dwServerEapTypeId, "serverEapTypeId", RF_DWORD),
    RASFIELD(RASPPPLCPW, fMultilink, "multilink", RF_BOOL),
    RASFIELD(RASPPPLCPW, dwTerminateReason, "terminateReason", RF_DWORD),
    RASFIELD(RASPPPLCPW, dwServerTerminateReason, "serverTerminateReason", RF_DWORD),
    RASFIELD(RASPPPLCPW, szReplyMessage, "replyMessage", RF_WSTR),
    RASFIELD(RASPPPLCPW, dwOptions, "options", RF_DWORD),
    RASFIELD(RASPPPLCPW, dwServerOptions, "serverOptions", RF_DWORD),
};
static const rasstruct ppplcp_def = RASSTRUCT("RASPPPLCP", ppplcp_fields);

static const rasfield pppccp_fields[] = {
    RASFIELD(RASPPPCCP, dwError, "error", RF_DWORD),
    RASFIELD(RASPPPCCP, dwCompressionAlgorithm, "compressionAlgorithm", RF_DWORD),
    RASFIELD(RASPPPCCP, dwOptions, "options", RF_DWORD),
    RASFIELD(RASPPPCCP, dwServerCompressionAlgorithm, "serverCompressionAlgorithm", RF_DWORD),
    RASFIELD(RASPPPCCP, dwServerOptions, "serverOptions", RF_DWORD),
};
static const rasstruct pppccp_def = RASSTRUCT("RASPPPCCP", pppccp_fields);

/* RAS_PROJECTION_INFO flattened: version, type, then the fields of the
 * union member the type selects.  "IPv4"/"IPv6" prefixes become
 * "ipv4"/"ipv6". */
#define PPP(member, key, kind) RASFIELD(RASX_PROJECTION_INFO, u.ppp.member, key, kind)
#define IKE(member, key, kind) RASFIELD(RASX_PROJECTION_INFO, u.ikev2.member, key, kind)

static const rasfield ppp_proj_fields[] = {
    RASFIELD(RASX_PROJECTION_INFO, version, "version", RF_DWORD),
    RASFIELD(RASX_PROJECTION_INFO, type, "type", RF_DWORD),
    PPP(dwIPv4NegotiationError, "ipv4NegotiationError", RF_DWORD),
    PPP(ipv4Address, "ipv4Address", RF_IPV4),
    PPP(ipv4ServerAddress, "ipv4ServerAddress", RF_IPV4),
    PPP(dwIPv4Options, "ipv4Options", RF_DWORD),
    PPP(dwIPv4ServerOptions, "ipv4ServerOptions", RF_DWORD),
    PPP(dwIPv6NegotiationError, "ipv6NegotiationError", RF_DWORD),
    PPP(bInterfaceIdentifier, "interfaceIdentifier", RF_BYTES),
    PPP(bServerInterfaceIdentifier, "serverInterfaceIdentifier", RF_BYTES),
    PPP(fBundled, "bundled", RF_BOOL),
    PPP(fMultilink, "multilink", RF_BOOL),
    PPP(dwAuthenticationProtocol, "authenticationProtocol", RF_DWORD),
    PPP(dwAuthenticationData, "authenticationData", RF_DWORD),
    PPP(dwServerAuthenticationProtocol, "serverAuthenticationProtocol", RF_DWORD),
    PPP(dwServerAuthenticationData, "serverAuthenticationData", RF_DWORD),
    PPP(dwEapTypeId, "eapTypeId", RF_DWORD),
    PPP(dwServerEapTypeId, "serverEapTypeId", RF_DWORD),
    PPP(dwLcpOptions, "lcpOptions", RF_DWORD),
    PPP(dwLcpServerOptions, "lcpServerOptions", RF_DWORD),
    PPP(dwCcpError, "ccpError", RF_DWORD),
    PPP(dwCcpCompressionAlgorithm, "ccpCompressionAlgorithm", RF_DWORD),
    PPP(dwCcpServerCompressionAlgorithm, "ccpServerCompressionAlgorithm", RF_DWORD),
    PPP(dwCcpOptions, "ccpOptions", RF_DWORD),
    PPP(dwCcpServerOptions, "ccpServerOptions", RF_DWORD),
};
static const rasstruct ppp_proj_def = RASSTRUCT("RAS_PROJECTION_INFO", ppp_proj_fields);

/* The two server-address arrays are added by hand (pointers). */
static const rasfield ikev2_proj_fields[] = {
    RASFIELD(RASX_PROJECTION_INFO, version, "version", RF_DWORD),
    RASFIELD(RASX_PROJECTION_INFO, type, "type", RF_DWORD),
    IKE(dwIPv4NegotiationError, "ipv4NegotiationError", RF_DWORD),
    IKE(ipv4Address, "ipv4Address", RF_IPV4),
    IKE(ipv4ServerAddress, "ipv4ServerAddress", RF_IPV4),
    IKE(dwIPv6NegotiationError, "ipv6NegotiationError", RF_DWORD),
    IKE(ipv6Address, "ipv6Address", RF_IPV6),
    IKE(ipv6ServerAddress, "ipv6ServerAddress", RF_IPV6),
    IKE(dwPrefixLength, "prefixLength", RF_DWORD),
    IKE(dwAuthenticationProtocol, "authenticationProtocol", RF_DWORD),
    IKE(dwEapTypeId, "eapTypeId", RF_DWORD),
    IKE(dwFlags, "flags", RF_DWORD),
    IKE(dwEncryptionMethod, "encryptionMethod", RF_DWORD),
};
static const rasstruct ikev2_proj_def = RASSTRUCT("RAS_PROJECTION_INFO", ikev2_proj_fields);

static const rasfield updateconn_fields[] = {
    RASFIELD(RASUPDATECONN, dwFlags, "flags", RF_DWORD),
    RASFIELD(RASUPDATECONN, dwIfIndex, "ifIndex", RF_DWORD),
    RASFIELD(RASUPDATECONN, localEndPoint, "localEndPoint", RF_ENDPOINT),
    RASFIELD(RASUPDATECONN, remoteEndPoint, "remoteEndPoint", RF_ENDPOINT),
};
static const rasstruct updateconn_def = RASSTRUCT("RASUPDATECONN", updateconn_fields);

/* The keys GetProjectionInfoEx adds beside the IKEv2 fields. */
#define IPV4_SERVERS_KEY "ipv4ServerAddresses"
#define IPV6_SERVERS_KEY "ipv6ServerAddresses"
static const rasfield ikev2_extras[] = {
    RASEXTRA(IPV4_SERVERS_KEY, RF_IPV4_LIST),
    RASEXTRA(IPV6_SERVERS_KEY, RF_IPV6_LIST),
};

const rasshape ras_connections_shapes[] = {
    RASSHAPE("RASPPPIP", pppip_def),
    RASSHAPE("RASPPPIPV6", pppipv6_def),
    RASSHAPE("RASPPPLCP", ppplcp_def),
    RASSHAPE("RASPPPCCP", pppccp_def),
    RASSHAPE("RASPPP_PROJECTION_INFO", ppp_proj_def),
    RASSHAPE_EXTRAS("RASIKEV2_PROJECTION_INFO", ikev2_proj_def, 0, ikev2_extras),
    RASSHAPE("RASUPDATECONN", updateconn_def),
    { NULL, NULL, 0, NULL, 0 },
};

/* ---- the functions mingw cannot link -------------------------------------- */

#ifndef RASPY_SIMULATED
/* Looked up once, with the GIL held (so without a race); NULL when the
 * loaded rasapi32.dll lacks the function. */
static FARPROC
rasapi32_proc(const char *name, int *looked, FARPROC *cache)
{
    if (!*looked) {
        HMODULE dll = GetModuleHandleW(L"rasapi32.dll");
        *cache = dll != NULL ? GetProcAddress(dll, name) : NULL;
        *looked = 1;
    }
    return *cache;
}

static rasx_GetProjectionInfoEx_fn
get_projection_info_ex(void)
{
    static int looked;
    static FARPROC proc;
    FARPROC p = rasapi32_proc("RasGetProjectionInfoEx", &looked, &proc);
    rasx_GetProjectionInfoEx_fn fn;
    memcpy(&fn, &p, sizeof(fn));
    return fn;
}

static rasx_UpdateConnection_fn
get_update_connection(void)
{
    static int looked;
    static FARPROC proc;
    FARPROC p = rasapi32_proc("RasUpdateConnection", &looked, &proc);
    rasx_UpdateConnection_fn fn;
    memcpy(&fn, &p, sizeof(fn));
    return fn;
}
#else
static rasx_GetProjectionInfoEx_fn
get_projection_info_ex(void)
{
    return RasGetProjectionInfoEx;
}

static DWORD WINAPI
update_connection(struct HRASCONN__ *h, void *u)
{
    return RasUpdateConnection(h, (LPRASUPDATECONN)u);
}

static rasx_UpdateConnection_fn
get_update_connection(void)
{
    return update_connection;
}
#endif

/* ---- EnumConnections, GetConnectStatus, IsHandleValid -------------------- */

/* RASCONNSTATUSW as Windows NT 4 knew it (WINVER 0x400): up to szDeviceName,
 * everything GetConnectStatus returns.  RAS fills no more than the size asks
 * for, and accepts every older size; this one is the same on every
 * architecture (no pointer, 4-byte alignment, and szPhoneNumber starts right
 * after szDeviceName). */
#define CONNSTATUS_V400_SIZE ((DWORD)offsetof(RASCONNSTATUSW, szPhoneNumber))
_Static_assert(offsetof(RASCONNSTATUSW, szPhoneNumber) == 12 + 2 * (17 + 129),
               "RASCONNSTATUSW: the NT 4 layout");

static DWORD
enum_connections(void *arg, void *buf, DWORD *cb, DWORD *count)
{
    (void)arg;
    return RasEnumConnectionsW((LPRASCONNW)buf, cb, count);
}

PyDoc_STRVAR(EnumConnections_doc, "EnumConnections($module, /)\n--\n\n"
                                  "List the active RAS connections (RasEnumConnections).\n\n"
                                  "Returns [(handle, entryName, deviceType, deviceName), ...].");

/* Connections a first EnumConnections call has room for on the stack. */
#define ENUM_CONNECTIONS_LOCAL 4

static PyObject *
ras_EnumConnections(PyObject *module, PyObject *args)
{
    rasmod_state *st = rasmod_get_state(module);
    RASCONNW local[ENUM_CONNECTIONS_LOCAL];
    RASCONNW *conns;
    DWORD count, rc, i;
    PyObject *list;

    if (PyTuple_Size(args) != 0 && !PyArg_ParseTuple(args, ":EnumConnections")) {
        return NULL;
    }
    conns = rasconv_enum_local(enum_connections, NULL, sizeof(RASCONNW), 1, &st->hint_connections,
                               local, sizeof(local), &count, &rc);
    if (conns == NULL) {
        return PyErr_Occurred() ? NULL : rasconv_raise(st, "RasEnumConnections", rc);
    }
    list = PyList_New((Py_ssize_t)count);
    for (i = 0; list != NULL && i < count; i++) {
        PyObject *item = rasconv_tuple4(
            rasconv_from_handle(conns[i].hrasconn),
            rasconv_from_wfixed_cached(st, conns[i].szEntryName, NELEMS(conns[i].szEntryName)),
            rasconv_from_wfixed_cached(st, conns[i].szDeviceType, NELEMS(conns[i].szDeviceType)),
            rasconv_from_wfixed_cached(st, conns[i].szDeviceName, NELEMS(conns[i].szDeviceName)));
        if (item == NULL) {
            Py_CLEAR(list);
            break;
        }
        PyList_SetItem(list, (Py_ssize_t)i, item);
    }
    rasconv_enum_free(conns, local);
    return list;
}

PyDoc_STRVAR(GetConnectStatus_doc,
             "GetConnectStatus($module, hrasconn, /)\n--\n\n"
             "The state of a connection (RasGetConnectStatus).  state is a RASCS_*\n"
             "value, error the RAS error code of a failed dial or 0.\n\n"
             "Returns (state, error, deviceType, deviceName).");

static PyObject *
ras_GetConnectStatus(PyObject *module, PyObject *args)
{
    rasmod_state *st = rasmod_get_state(module);
    PyObject *oh;
    void *h;
    RASCONNSTATUSW cs;
    DWORD rc;

    if (rasconv_one_arg(args, "O:GetConnectStatus", &oh) < 0 || rasconv_handle(oh, &h) < 0) {
        return NULL;
    }
    /* RAS fills what it answers; the strings are read up to their NUL or
     * their array's end, so the header is all that needs setting. */
    cs.dwSize = CONNSTATUS_V400_SIZE;
    cs.rasconnstate = (RASCONNSTATE)0;
    cs.dwError = 0;
    cs.szDeviceType[0] = cs.szDeviceName[0] = 0;
    Py_BEGIN_ALLOW_THREADS
        rc = RasGetConnectStatusW((HRASCONN)h, &cs);
    Py_END_ALLOW_THREADS
    if (rc != 0) {
        return rasconv_raise(st, "RasGetConnectStatus", rc);
    }
    return rasconv_tuple4(PyLong_FromLong((long)cs.rasconnstate),
                          PyLong_FromUnsignedLong((unsigned long)cs.dwError),
                          rasconv_from_wfixed_cached(st, cs.szDeviceType, NELEMS(cs.szDeviceType)),
                          rasconv_from_wfixed_cached(st, cs.szDeviceName, NELEMS(cs.szDeviceName)));
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
    if (rasconv_one_arg(args, "O:IsHandleValid", &oh) < 0 || rasconv_handle(oh, &h) < 0) {
        return NULL;
    }
    if (h == NULL) {
        Py_RETURN_FALSE;
    }
    cs.dwSize = CONNSTATUS_V400_SIZE; /* nothing of the answer is read */
    Py_BEGIN_ALLOW_THREADS
        rc = RasGetConnectStatusW((HRASCONN)h, &cs);
    Py_END_ALLOW_THREADS
    return PyBool_FromLong(rc == 0);
}

/* ---- GetProjectionInfo --------------------------------------------------- */

/* The structure of a projection, or NULL for the ones not decoded. */
static const rasstruct *
projection_def(DWORD projection, DWORD *size)
{
    switch (projection) {
    case RASP_PppIp:
        *size = sizeof(RASPPPIPW);
        return &pppip_def;
    case RASX_RASP_PppIpv6:
        *size = sizeof(RASPPPIPV6);
        return &pppipv6_def;
    case RASP_PppLcp:
        *size = sizeof(RASPPPLCPW);
        return &ppplcp_def;
    case RASP_PppCcp:
        *size = sizeof(RASPPPCCP);
        return &pppccp_def;
    default:
        return NULL;
    }
}

PyDoc_STRVAR(GetProjectionInfo_doc,
             "GetProjectionInfo($module, hrasconn, projection, /)\n--\n\n"
             "The result of one PPP control protocol of a connection\n"
             "(RasGetProjectionInfo) as a dict.  projection: RASP_PppIp (RASPPPIP:\n"
             "error, ipAddress, serverIpAddress as ipaddress objects or None, options,\n"
             "serverOptions), RASP_PppIpv6 (RASPPPIPV6), RASP_PppLcp (RASPPPLCP) or\n"
             "RASP_PppCcp (RASPPPCCP).  Other RASP_* values raise what RAS answers\n"
             "(usually ERROR_PROTOCOL_NOT_CONFIGURED), or ValueError.");

static PyObject *
ras_GetProjectionInfo(PyObject *module, PyObject *args)
{
    rasmod_state *st = rasmod_get_state(module);
    PyObject *oh, *oproj, *result;
    const rasstruct *def;
    void *h;
    DWORD projection, size = 0, cb, rc;
    union {
        RASPPPIPW ip;
        RASPPPIPV6 ip6;
        RASPPPLCPW lcp;
        RASPPPCCP ccp;
    } buf;

    if (!PyArg_ParseTuple(args, "OO:GetProjectionInfo", &oh, &oproj) ||
        rasconv_handle(oh, &h) < 0 || rasconv_dword(oproj, &projection) < 0) {
        return NULL;
    }
    def = projection_def(projection, &size);
    memset(&buf, 0, sizeof(buf));
    memcpy(&buf, &size, sizeof(size)); /* dwSize (0 for a size query) */
    cb = size;
    Py_BEGIN_ALLOW_THREADS
        rc = RasGetProjectionInfoW((HRASCONN)h, (RASPROJECTION)projection,
                                   def != NULL ? (void *)&buf : NULL, &cb);
    Py_END_ALLOW_THREADS
    if (def == NULL && (rc == 0 || rc == ERROR_BUFFER_TOO_SMALL)) {
        PyErr_Format(PyExc_ValueError,
                     "GetProjectionInfo() does not decode projection 0x%lx; use "
                     "RASP_PppIp, RASP_PppIpv6, RASP_PppLcp or RASP_PppCcp",
                     (unsigned long)projection);
        return NULL;
    }
    if (rc != 0) {
        return rasconv_raise(st, "RasGetProjectionInfo", rc);
    }
    result = rasstruct_to_dict(def, &buf);
    return result;
}

/* ---- GetProjectionInfoEx ------------------------------------------------- */

/* count addresses of n bytes at p as a list of ipaddress objects. */
static PyObject *
address_list(const BYTE *p, DWORD count, int v6)
{
    const char *type = v6 ? "IPv6Address" : "IPv4Address";
    Py_ssize_t n = v6 ? 16 : 4;
    PyObject *mod, *cls, *list;
    DWORD i;

    if (p == NULL) {
        count = 0;
    }
    mod = PyImport_ImportModule("ipaddress");
    if (mod == NULL) {
        return NULL;
    }
    cls = PyObject_GetAttrString(mod, type);
    Py_DECREF(mod);
    if (cls == NULL) {
        return NULL;
    }
    list = PyList_New((Py_ssize_t)count);
    for (i = 0; list != NULL && i < count; i++) {
        PyObject *b = PyBytes_FromStringAndSize((const char *)p + i * (size_t)n, n);
        PyObject *a = b != NULL ? PyObject_CallFunctionObjArgs(cls, b, NULL) : NULL;
        Py_XDECREF(b);
        if (a == NULL) {
            Py_CLEAR(list);
            break;
        }
        PyList_SetItem(list, (Py_ssize_t)i, a);
    }
    Py_DECREF(cls);
    return list;
}

/* Adds key: the address list at ptr when it lies inside buf[0:size]. */
static int
add_address_list(PyObject *dict, const char *key, const void *buf, DWORD size, const BYTE *ptr,
                 DWORD count, int v6)
{
    size_t unit = v6 ? 16 : 4;
    const BYTE *lo = (const BYTE *)buf, *hi = lo + size;
    PyObject *list;
    int rc;

    /* Trust only pointers into our buffer (where RAS puts the arrays). */
    if (ptr == NULL || ptr < lo || ptr > hi || count > (size_t)(hi - ptr) / unit) {
        count = 0;
    }
    list = address_list(ptr, count, v6);
    if (list == NULL) {
        return -1;
    }
    rc = PyDict_SetItemString(dict, key, list);
    Py_DECREF(list);
    return rc;
}

struct projection_info_ex_args {
    rasx_GetProjectionInfoEx_fn fn;
    void *h;
};

PyDoc_STRVAR(GetProjectionInfoEx_doc,
             "GetProjectionInfoEx($module, hrasconn, /)\n--\n\n"
             "PPP or IKEv2 projection information of a connection\n"
             "(RasGetProjectionInfoEx, Windows 7+) as one dict: version, type\n"
             "(PROJECTION_INFO_TYPE_PPP or PROJECTION_INFO_TYPE_IKEv2), then the fields\n"
             "of RASPPP_PROJECTION_INFO or RASIKEV2_PROJECTION_INFO; addresses are\n"
             "ipaddress objects, ipv4ServerAddresses / ipv6ServerAddresses (IKEv2) lists\n"
             "of them.  error(ERROR_CALL_NOT_IMPLEMENTED) where rasapi32 lacks it.");

/* rasconv_sized's call: the structure's version is its header. */
static DWORD
call_projection_info_ex(void *arg, void *buf, DWORD *cb)
{
    const struct projection_info_ex_args *a = arg;
    RASX_PROJECTION_INFO *info = buf;

    info->version = RASX_RASAPIVERSION_CURRENT;
    return a->fn((HRASCONN)a->h, info, cb);
}

static PyObject *
ras_GetProjectionInfoEx(PyObject *module, PyObject *args)
{
    rasmod_state *st = rasmod_get_state(module);
    struct projection_info_ex_args a;
    RASX_PROJECTION_INFO *info;
    PyObject *oh, *dict = NULL;
    DWORD size, rc;

    if (!PyArg_ParseTuple(args, "O:GetProjectionInfoEx", &oh) || rasconv_handle(oh, &a.h) < 0) {
        return NULL;
    }
    a.fn = get_projection_info_ex();
    if (a.fn == NULL) {
        return rasconv_raise(st, "RasGetProjectionInfoEx", ERROR_CALL_NOT_IMPLEMENTED);
    }
    /* size: the bytes RAS filled, the bounds of the address arrays. */
    info = rasconv_sized(call_projection_info_ex, &a, sizeof(RASX_PROJECTION_INFO),
                         sizeof(RASX_PROJECTION_INFO), 0, &size, &rc);
    if (info == NULL) {
        return PyErr_Occurred() ? NULL : rasconv_raise(st, "RasGetProjectionInfoEx", rc);
    }
    if (info->type == RASX_PROJECTION_INFO_TYPE_IKEv2) {
        dict = rasstruct_to_dict(&ikev2_proj_def, info);
        if (dict != NULL && (add_address_list(dict, IPV4_SERVERS_KEY, info, size,
                                              (const BYTE *)info->u.ikev2.ipv4ServerAddresses,
                                              info->u.ikev2.numIPv4ServerAddresses, 0) < 0 ||
                             add_address_list(dict, IPV6_SERVERS_KEY, info, size,
                                              (const BYTE *)info->u.ikev2.ipv6ServerAddresses,
                                              info->u.ikev2.numIPv6ServerAddresses, 1) < 0)) {
            Py_CLEAR(dict);
        }
    } else {
        dict = rasstruct_to_dict(&ppp_proj_def, info);
    }
    PyMem_Free(info);
    return dict;
}

/* ---- UpdateConnection ---------------------------------------------------- */

PyDoc_STRVAR(UpdateConnection_doc,
             "UpdateConnection($module, hrasconn, update, /)\n--\n\n"
             "Change the tunnel endpoints of a connection (RasUpdateConnection,\n"
             "Windows 7+, for IKEv2 / MOBIKE).  update: a dict with any of 'ifIndex',\n"
             "'localEndPoint', 'remoteEndPoint' (ipaddress.IPv4Address / IPv6Address, or\n"
             "None) and 'flags' (reserved, 0).");

static PyObject *
ras_UpdateConnection(PyObject *module, PyObject *args)
{
    rasmod_state *st = rasmod_get_state(module);
    rasx_UpdateConnection_fn fn;
    PyObject *oh, *odict;
    RASUPDATECONN u;
    void *h;
    DWORD rc;

    if (!PyArg_ParseTuple(args, "OO:UpdateConnection", &oh, &odict) || rasconv_handle(oh, &h) < 0) {
        return NULL;
    }
    memset(&u, 0, sizeof(u));
    if (rasstruct_from_dict(&updateconn_def, odict, &u) < 0) {
        return NULL;
    }
    u.version = (RASAPIVERSION)RASX_RASAPIVERSION_CURRENT;
    u.dwSize = sizeof(u);
    fn = get_update_connection();
    if (fn == NULL) {
        return rasconv_raise(st, "RasUpdateConnection", ERROR_CALL_NOT_IMPLEMENTED);
    }
    Py_BEGIN_ALLOW_THREADS
        rc = fn((HRASCONN)h, &u);
    Py_END_ALLOW_THREADS
    return rasconv_none_or_raise(st, "RasUpdateConnection", rc);
}

/* ---- GetSubEntryHandle --------------------------------------------------- */

PyDoc_STRVAR(GetSubEntryHandle_doc,
             "GetSubEntryHandle($module, hrasconn, subEntry, /)\n--\n\n"
             "The connection handle of one link (sub-entry, from 1) of a connection\n"
             "(RasGetSubEntryHandle); usable wherever a connection handle is.");

static PyObject *
ras_GetSubEntryHandle(PyObject *module, PyObject *args)
{
    PyObject *oh, *osub;
    void *h;
    DWORD sub, rc;
    HRASCONN out = NULL;

    if (!PyArg_ParseTuple(args, "OO:GetSubEntryHandle", &oh, &osub) || rasconv_handle(oh, &h) < 0 ||
        rasconv_dword(osub, &sub) < 0) {
        return NULL;
    }
    Py_BEGIN_ALLOW_THREADS
        rc = RasGetSubEntryHandleW((HRASCONN)h, sub, &out);
    Py_END_ALLOW_THREADS
    if (rc != 0) {
        return rasconv_raise(rasmod_get_state(module), "RasGetSubEntryHandle", rc);
    }
    return rasconv_from_handle(out);
}

/* ---- ConnectionNotification ---------------------------------------------- */

PyDoc_STRVAR(ConnectionNotification_doc,
             "ConnectionNotification($module, hrasconn, hEvent, flags, /)\n--\n\n"
             "Have RAS set the event hEvent (a Win32 event handle) when the connection\n"
             "ends, or, with hrasconn INVALID_HANDLE_VALUE (-1), when any connection is\n"
             "made or ends (RasConnectionNotification).  flags: RASCN_* values.");

static PyObject *
ras_ConnectionNotification(PyObject *module, PyObject *args)
{
    PyObject *oh, *oev, *oflags;
    void *h, *ev;
    DWORD flags, rc;

    if (!PyArg_ParseTuple(args, "OOO:ConnectionNotification", &oh, &oev, &oflags) ||
        rasconv_handle(oh, &h) < 0 || rasconv_handle(oev, &ev) < 0 ||
        rasconv_dword(oflags, &flags) < 0) {
        return NULL;
    }
    Py_BEGIN_ALLOW_THREADS
        rc = RasConnectionNotificationW((HRASCONN)h, (HANDLE)ev, flags);
    Py_END_ALLOW_THREADS
    return rasconv_none_or_raise(rasmod_get_state(module), "RasConnectionNotification", rc);
}

PyMethodDef ras_connections_methods[] = {
    METH(EnumConnections),   METH(GetConnectStatus),       METH(IsHandleValid),
    METH(GetProjectionInfo), METH(GetProjectionInfoEx),    METH(UpdateConnection),
    METH(GetSubEntryHandle), METH(ConnectionNotification), { NULL, NULL, 0, NULL },
};

/* Names mingw's <ras.h> lacks come from rasx_conn.h (RASX_ + name). */
const rasconst ras_connections_constants[] = {
    RASCONST(RASCF_OwnerKnown),
    RASCONST(RASCF_OwnerMatch),
    RASCONST(RASP_Amb),
    RASCONST(RASP_PppNbf),
    RASCONST(RASP_PppIpx),
    RASCONST(RASP_PppIp),
    RASCONST(RASP_PppCcp),
    RASCONST(RASP_PppLcp),
    RASCONST(RASP_Slip),
    RASXCONST(RASP_PppIpv6),
    RASCONST(RASIPO_VJ),
    RASCONST(RASLCPAP_PAP),
    RASCONST(RASLCPAP_SPAP),
    RASCONST(RASLCPAP_CHAP),
    RASCONST(RASLCPAP_EAP),
    RASCONST(RASLCPAD_CHAP_MD5),
    RASCONST(RASLCPAD_CHAP_MS),
    RASCONST(RASLCPAD_CHAP_MSV2),
    RASCONST(RASLCPO_PFC),
    RASCONST(RASLCPO_ACFC),
    RASCONST(RASLCPO_SSHF),
    RASCONST(RASLCPO_DES_56),
    RASCONST(RASLCPO_3_DES),
    RASXCONST(RASLCPO_AES_128),
    RASXCONST(RASLCPO_AES_256),
    RASXCONST(RASLCPO_AES_192),
    RASXCONST(RASLCPO_GCM_AES_128),
    RASXCONST(RASLCPO_GCM_AES_192),
    RASXCONST(RASLCPO_GCM_AES_256),
    RASCONST(RASCCPCA_MPPC),
    RASCONST(RASCCPCA_STAC),
    RASCONST(RASCCPO_Compression),
    RASCONST(RASCCPO_HistoryLess),
    RASCONST(RASCCPO_Encryption56bit),
    RASCONST(RASCCPO_Encryption40bit),
    RASCONST(RASCCPO_Encryption128bit),
    RASCONST(RASCN_Connection),
    RASCONST(RASCN_Disconnection),
    RASCONST(RASCN_BandwidthAdded),
    RASCONST(RASCN_BandwidthRemoved),
    RASXCONST(RASCN_Dormant),
    RASXCONST(RASCN_ReConnection),
    RASXCONST(RASCN_EPDGPacketArrival),
    RASXCONST(RASCSS_None),
    RASXCONST(RASCSS_Dormant),
    RASXCONST(RASCSS_Reconnecting),
    RASXCONST(RASCSS_Reconnected),
    RASXCONST(RASIKEv2_FLAGS_MOBIKESUPPORTED),
    RASXCONST(RASIKEv2_FLAGS_BEHIND_NAT),
    RASXCONST(RASIKEv2_FLAGS_SERVERBEHIND_NAT),
    RASXCONST(PROJECTION_INFO_TYPE_PPP),
    RASXCONST(PROJECTION_INFO_TYPE_IKEv2),
    RASXCONST(RASAPIVERSION_500),
    RASXCONST(RASAPIVERSION_501),
    RASXCONST(RASAPIVERSION_600),
    RASXCONST(RASAPIVERSION_601),
    RASXCONST(RASAPIVERSION_CURRENT),
    RASXCONST(RASTUNNELENDPOINT_UNKNOWN),
    RASXCONST(RASTUNNELENDPOINT_IPv4),
    RASXCONST(RASTUNNELENDPOINT_IPv6),
    { NULL, 0 },
};
