/*
 * module.c -- ras._ras: the rasapi32 client API for Python.
 *
 * The functions keep pywin32's win32ras names, arguments and return
 * shapes.  C does the raw call with the GIL released and returns plain
 * values; src/ras/ shapes them further.  Multi-phase init, module state, heap
 * types, stable ABI.
 *
 * This file holds the module itself: its state, exec, slots, the loops that
 * register every family's methods and constants (the families live in their
 * own files, see ext.h), atexit, and the simulator-only private helpers.
 */
#include "ext.h"
#include "lock.h"

#include <stdlib.h>

/* pyconfig.h's sizes must be the compiler's.  The Windows pyconfig.h defines
 * MS_WIN64, and from it SIZEOF_VOID_P, SIZEOF_SIZE_T = 8, only under _MSC_VER:
 * gcc and clang targeting *-windows-gnu (mingw-w64, zig) must be given
 * -DMS_WIN64 (tools/winbuild.py does), or the headers' size-dependent choices
 * (_Py_PARSE_INTPTR, ...) would be the 32-bit ones.  A negative array size
 * fails the build. */
typedef char ras_check_sizeof_void_p[SIZEOF_VOID_P == sizeof(void *) ? 1 : -1];
typedef char ras_check_sizeof_size_t[SIZEOF_SIZE_T == sizeof(size_t) ? 1 : -1];

rasmod_state *
rasmod_get_state(PyObject *module)
{
    return (rasmod_state *)PyModule_GetState(module);
}

/* ====================================================================== */
/* simulator hooks (the simulated builds)                                  */
/* ====================================================================== */

/* Private helpers the tests use to drive the simulated rasapi32.  They reach
 * across the families (a reset hangs up every connection; messages are
 * posted by dials and by notifications; event objects serve
 * ConnectionNotification), so they live with the module, not with one
 * family.  Every simulated build has them: ras._ras off Windows, and
 * ras._ras_sim on Windows (RASPY_SIM_MODULE, platform.h). */

#ifdef RASPY_SIMULATED
#ifdef _WIN32
/* Windows (ras._ras_sim): the simulator's RasConnectionNotificationW sets
 * real Win32 events there (SetEvent on a duplicate of the caller's handle,
 * src/rassim/notify.c), so _sim_event_* make and drive real Win32 events --
 * the kind ras/_events.py makes on Windows -- with the contract of the
 * simulator's own event objects off Windows (rassim.h): only the events made
 * here and not yet closed are accepted; any other value fails (FALSE /
 * WAIT_FAILED) without touching the process's other handles, and closing a
 * handle that another thread waits on ends that wait with WAIT_FAILED (the
 * wait holds duplicates of the event and of the entry's own "closed" event,
 * never the caller's handle).  WAIT_OBJECT_0, WAIT_TIMEOUT and WAIT_FAILED
 * are the RASSIM_WAIT_* numbers. */
typedef struct simev {
    struct simev *next;
    HANDLE event;
    HANDLE closed; /* manual-reset: set when the handle is closed */
} simev;

static rasmutex g_simev_lock = RASMUTEX_INIT;
static simev *g_simevs; /* the open events (g_simev_lock) */

/* With g_simev_lock held: the link to h's entry, or NULL. */
static simev **
simev_find(HANDLE h)
{
    simev **p;

    for (p = &g_simevs; h != NULL && *p != NULL; p = &(*p)->next) {
        if ((*p)->event == h) {
            return p;
        }
    }
    return NULL;
}

static HANDLE
simev_create(BOOL manual_reset, BOOL initial_state)
{
    simev *e = calloc(1, sizeof(*e));

    if (e == NULL) {
        return NULL;
    }
    e->event = CreateEventW(NULL, manual_reset, initial_state, NULL);
    e->closed = CreateEventW(NULL, TRUE, FALSE, NULL);
    if (e->event == NULL || e->closed == NULL) {
        if (e->event != NULL) {
            CloseHandle(e->event);
        }
        if (e->closed != NULL) {
            CloseHandle(e->closed);
        }
        free(e);
        return NULL;
    }
    rasmutex_acquire(&g_simev_lock);
    e->next = g_simevs;
    g_simevs = e;
    rasmutex_release(&g_simev_lock);
    return e->event;
}

static BOOL
simev_set(HANDLE h)
{
    simev **p;
    BOOL ok = FALSE;

    rasmutex_acquire(&g_simev_lock);
    p = simev_find(h);
    if (p != NULL) {
        ok = SetEvent((*p)->event);
    }
    rasmutex_release(&g_simev_lock);
    return ok;
}

static BOOL
simev_reset(HANDLE h)
{
    simev **p;
    BOOL ok = FALSE;

    rasmutex_acquire(&g_simev_lock);
    p = simev_find(h);
    if (p != NULL) {
        ok = ResetEvent((*p)->event);
    }
    rasmutex_release(&g_simev_lock);
    return ok;
}

static DWORD
simev_wait(HANDLE h, DWORD timeout_ms)
{
    HANDLE self = GetCurrentProcess(), both[2] = { NULL, NULL };
    simev **p;
    DWORD rc = WAIT_FAILED;
    BOOL ok = FALSE;

    rasmutex_acquire(&g_simev_lock);
    p = simev_find(h);
    if (p != NULL) {
        ok = DuplicateHandle(self, (*p)->closed, self, &both[0], 0, FALSE, DUPLICATE_SAME_ACCESS) &&
             DuplicateHandle(self, (*p)->event, self, &both[1], 0, FALSE, DUPLICATE_SAME_ACCESS);
    }
    rasmutex_release(&g_simev_lock);
    if (ok) {
        /* "closed" first: it wins when both are signalled. */
        switch (WaitForMultipleObjects(2, both, FALSE, timeout_ms)) {
        case WAIT_OBJECT_0 + 1:
            rc = WAIT_OBJECT_0;
            break;
        case WAIT_TIMEOUT:
            rc = WAIT_TIMEOUT;
            break;
        default: /* closed meanwhile, or a failed wait */
            rc = WAIT_FAILED;
            break;
        }
    }
    if (both[0] != NULL) {
        CloseHandle(both[0]);
    }
    if (both[1] != NULL) {
        CloseHandle(both[1]);
    }
    return rc;
}

static BOOL
simev_close(HANDLE h)
{
    simev **p, *e = NULL;

    rasmutex_acquire(&g_simev_lock);
    p = simev_find(h);
    if (p != NULL) {
        e = *p;
        *p = e->next;
    }
    rasmutex_release(&g_simev_lock);
    if (e == NULL) {
        return FALSE;
    }
    SetEvent(e->closed); /* ends the waits on it */
    CloseHandle(e->event);
    CloseHandle(e->closed);
    free(e);
    return TRUE;
}
#else
/* Off Windows: the simulator's own event objects (rassim.h, event.c). */
#define simev_create RasSimCreateEvent
#define simev_set    RasSimSetEvent
#define simev_reset  RasSimResetEvent
#define simev_wait   RasSimWaitEvent
#define simev_close  RasSimCloseEvent
#endif

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
            PyObject *item =
                Py_BuildValue("(NINN)", rasconv_from_handle(buf[i].hwnd), (unsigned int)buf[i].msg,
                              PyLong_FromSize_t((size_t)buf[i].wParam),
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

static PyObject *
ras_sim_event_create(PyObject *module, PyObject *args)
{
    int manual = 0, initial = 0;
    HANDLE h;

    (void)module;
    if (!PyArg_ParseTuple(args, "|pp:_sim_event_create", &manual, &initial)) {
        return NULL;
    }
    h = simev_create(manual, initial);
    if (h == NULL) {
        return PyErr_NoMemory();
    }
    return rasconv_from_handle(h);
}

static PyObject *
ras_sim_event_wait(PyObject *module, PyObject *args)
{
    PyObject *oh, *oms;
    void *h;
    DWORD ms, rc;

    (void)module;
    if (!PyArg_ParseTuple(args, "OO:_sim_event_wait", &oh, &oms) || rasconv_handle(oh, &h) < 0 ||
        rasconv_dword(oms, &ms) < 0) {
        return NULL;
    }
    Py_BEGIN_ALLOW_THREADS
        rc = simev_wait((HANDLE)h, ms);
    Py_END_ALLOW_THREADS
    return PyLong_FromUnsignedLong(rc);
}

static PyObject *
sim_event_call(PyObject *args, const char *format, BOOL (*fn)(HANDLE))
{
    PyObject *oh;
    void *h;

    if (!PyArg_ParseTuple(args, format, &oh) || rasconv_handle(oh, &h) < 0) {
        return NULL;
    }
    return PyBool_FromLong(fn((HANDLE)h));
}

static PyObject *
ras_sim_event_set(PyObject *module, PyObject *args)
{
    (void)module;
    return sim_event_call(args, "O:_sim_event_set", simev_set);
}

static PyObject *
ras_sim_event_reset(PyObject *module, PyObject *args)
{
    (void)module;
    return sim_event_call(args, "O:_sim_event_reset", simev_reset);
}

static PyObject *
ras_sim_event_close(PyObject *module, PyObject *args)
{
    (void)module;
    return sim_event_call(args, "O:_sim_event_close", simev_close);
}

/* Seconds since the Unix epoch (time.time()'s scale) of a FILETIME value. */
static PyObject *
sim_time_value(unsigned long long ft)
{
    return PyFloat_FromDouble(((double)ft - 116444736000000000.0) / 1e7);
}

/* dict[key] = value, stealing value; -1 when value is NULL or on failure. */
static int
sim_set(PyObject *dict, const char *key, PyObject *value)
{
    int rc;

    if (value == NULL) {
        return -1;
    }
    rc = PyDict_SetItemString(dict, key, value);
    Py_DECREF(value);
    return rc;
}

static PyObject *
sim_none_or(int present, PyObject *value)
{
    if (present) {
        return value;
    }
    Py_XDECREF(value);
    Py_RETURN_NONE;
}

#define SIM_WSTR(field) rasconv_from_wfixed((field), NELEMS(field))

static PyObject *
sim_dial_record(const void *item)
{
    const RASSIM_DIAL_RECORD *r = (const RASSIM_DIAL_RECORD *)item;
    PyObject *d = PyDict_New();

    if (d == NULL || sim_set(d, "sequence", PyLong_FromUnsignedLong(r->dwSequence)) < 0 ||
        sim_set(d, "time", sim_time_value(r->ullTime)) < 0 ||
        sim_set(d, "entryName", SIM_WSTR(r->szEntryName)) < 0 ||
        sim_set(d, "phonebook", SIM_WSTR(r->szPhonebook)) < 0 ||
        sim_set(d, "phoneNumber", SIM_WSTR(r->szPhoneNumber)) < 0 ||
        sim_set(d, "callbackNumber", SIM_WSTR(r->szCallbackNumber)) < 0 ||
        sim_set(d, "userName", SIM_WSTR(r->szUserName)) < 0 ||
        sim_set(d, "domain", SIM_WSTR(r->szDomain)) < 0 ||
        sim_set(d, "passwordGiven", PyBool_FromLong(r->fPasswordGiven)) < 0 ||
        sim_set(d, "savedPassword", PyBool_FromLong(r->fSavedPassword)) < 0 ||
        sim_set(d, "resume", PyBool_FromLong(r->fResume)) < 0 ||
        sim_set(d, "asynchronous", PyBool_FromLong(r->fAsynchronous)) < 0 ||
        sim_set(d, "notifierType",
                sim_none_or(r->fAsynchronous, PyLong_FromUnsignedLong(r->dwNotifierType))) < 0 ||
        sim_set(d, "hwnd", sim_none_or(r->hwnd != NULL, rasconv_from_handle(r->hwnd))) < 0 ||
        sim_set(d, "options", PyLong_FromUnsignedLong(r->dwfOptions)) < 0 ||
        sim_set(d, "subEntry", PyLong_FromUnsignedLong(r->dwSubEntry)) < 0 ||
        sim_set(d, "callbackId", PyLong_FromSize_t((size_t)r->dwCallbackId)) < 0 ||
        sim_set(d, "hrasconn", sim_none_or(r->hrasconn != NULL, rasconv_from_handle(r->hrasconn))) <
            0 ||
        sim_set(d, "result", PyLong_FromUnsignedLong(r->dwResult)) < 0) {
        Py_XDECREF(d);
        return NULL;
    }
    return d;
}

static PyObject *
sim_hangup_record(const void *item)
{
    const RASSIM_HANGUP_RECORD *r = (const RASSIM_HANGUP_RECORD *)item;
    PyObject *d = PyDict_New();

    if (d == NULL || sim_set(d, "sequence", PyLong_FromUnsignedLong(r->dwSequence)) < 0 ||
        sim_set(d, "time", sim_time_value(r->ullTime)) < 0 ||
        sim_set(d, "hrasconn", rasconv_from_handle(r->hrasconn)) < 0 ||
        sim_set(d, "entryName", SIM_WSTR(r->szEntryName)) < 0 ||
        sim_set(d, "ended", PyBool_FromLong(r->fEnded)) < 0 ||
        sim_set(d, "result", PyLong_FromUnsignedLong(r->dwResult)) < 0) {
        Py_XDECREF(d);
        return NULL;
    }
    return d;
}

/* The records of one log as a list of dicts: counted, then copied (records
 * appended in between are left for the next call). */
static PyObject *
sim_log_list(DWORD (*read)(void *, DWORD, LPDWORD), size_t size, PyObject *(*convert)(const void *))
{
    DWORD n = 0, i;
    unsigned char *buf;
    PyObject *list;

    Py_BEGIN_ALLOW_THREADS
        read(NULL, 0, &n);
    Py_END_ALLOW_THREADS
    buf = (unsigned char *)PyMem_Malloc(n ? (size_t)n * size : 1);
    if (buf == NULL) {
        return PyErr_NoMemory();
    }
    if (n != 0) {
        Py_BEGIN_ALLOW_THREADS
            read(buf, n, &n);
        Py_END_ALLOW_THREADS
    }
    list = PyList_New(0);
    for (i = 0; i < n && list != NULL; i++) {
        PyObject *item = convert(buf + (size_t)i * size);
        if (item == NULL || PyList_Append(list, item) < 0) {
            Py_CLEAR(list);
        }
        Py_XDECREF(item);
    }
    PyMem_Free(buf);
    return list;
}
static DWORD
sim_read_dials(void *buf, DWORD max, LPDWORD count)
{
    return RasSimDialLog((RASSIM_DIAL_RECORD *)buf, max, count);
}

static DWORD
sim_read_hangups(void *buf, DWORD max, LPDWORD count)
{
    return RasSimHangUpLog((RASSIM_HANGUP_RECORD *)buf, max, count);
}

static PyObject *
ras_sim_dial_log(PyObject *module, PyObject *args)
{
    (void)module;
    (void)args;
    return sim_log_list(sim_read_dials, sizeof(RASSIM_DIAL_RECORD), sim_dial_record);
}

static PyObject *
ras_sim_hangup_log(PyObject *module, PyObject *args)
{
    (void)module;
    (void)args;
    return sim_log_list(sim_read_hangups, sizeof(RASSIM_HANGUP_RECORD), sim_hangup_record);
}

static PyObject *
ras_sim_clear_logs(PyObject *module, PyObject *args)
{
    (void)module;
    (void)args;
    Py_BEGIN_ALLOW_THREADS
        RasSimClearLogs();
    Py_END_ALLOW_THREADS
    Py_RETURN_NONE;
}

static PyObject *
ras_sim_drop(PyObject *module, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = { "hrasconn", "error", NULL };
    PyObject *oh, *oerr = NULL;
    void *h;
    DWORD err = 0, rc;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O|O:_sim_drop", kwlist, &oh, &oerr) ||
        rasconv_handle(oh, &h) < 0 || (oerr != NULL && rasconv_dword(oerr, &err) < 0)) {
        return NULL;
    }
    Py_BEGIN_ALLOW_THREADS
        rc = RasSimDrop((HRASCONN)h, err);
    Py_END_ALLOW_THREADS
    return rasconv_none_or_raise(rasmod_get_state(module), "RasSimDrop", rc);
}

static PyMethodDef sim_methods[] = {
    { "_sim_reset", ras_sim_reset, METH_NOARGS, "Simulator: hang up every connection." },
    { "_sim_posted_messages", ras_sim_posted_messages, METH_NOARGS,
      "Simulator: take the window messages posted to HWND notifiers." },
    { "_sim_event_create", ras_sim_event_create, METH_VARARGS,
      "Simulator: a new event object (manual_reset=False, initial_state=False)." },
    { "_sim_event_wait", ras_sim_event_wait, METH_VARARGS,
      "Simulator: wait for an event (handle, timeout_ms): 0, 258 (timeout) or "
      "0xFFFFFFFF (bad handle)." },
    { "_sim_event_set", ras_sim_event_set, METH_VARARGS, "Simulator: set an event." },
    { "_sim_event_reset", ras_sim_event_reset, METH_VARARGS, "Simulator: reset an event." },
    { "_sim_event_close", ras_sim_event_close, METH_VARARGS, "Simulator: close an event handle." },
    { "_sim_dial_log", ras_sim_dial_log, METH_NOARGS,
      "Simulator: the dial log, oldest first (a list of dicts; see docs/simulator.md)." },
    { "_sim_hangup_log", ras_sim_hangup_log, METH_NOARGS,
      "Simulator: the hang-up log, oldest first (a list of dicts)." },
    { "_sim_clear_logs", ras_sim_clear_logs, METH_NOARGS,
      "Simulator: empty the dial and hang-up logs." },
    { "_sim_drop", (PyCFunction)(void (*)(void))ras_sim_drop, METH_VARARGS | METH_KEYWORDS,
      "Simulator: _sim_drop(hrasconn, error=0): the connection's link fails now." },
    { NULL, NULL, 0, NULL },
};
#endif /* RASPY_SIMULATED */

/* ====================================================================== */
/* constants                                                               */
/* ====================================================================== */

/* The sizes of the RAS structures' strings, shared by every family. */
static const rasconst size_constants[] = {
    RASCONST(RAS_MaxDeviceType),
    RASCONST(RAS_MaxPhoneNumber),
    RASCONST(RAS_MaxIpAddress),
    RASCONST(RAS_MaxIpxAddress),
    RASCONST(RAS_MaxEntryName),
    RASCONST(RAS_MaxDeviceName),
    RASCONST(RAS_MaxCallbackNumber),
    RASCONST(RAS_MaxAreaCode),
    RASCONST(RAS_MaxPadType),
    RASCONST(RAS_MaxX25Address),
    RASCONST(RAS_MaxFacilities),
    RASCONST(RAS_MaxUserData),
    RASCONST(RAS_MaxReplyMessage),
    RASCONST(RAS_MaxDnsSuffix),
    RASCONST(UNLEN),
    RASCONST(PWLEN),
    RASCONST(DNLEN),
    { NULL, 0 },
};

/* Every constant table: the shared sizes, then each family's. */
static const rasconst *const constant_tables[] = {
    size_constants,        ras_dial_constants,       ras_connections_constants,
    ras_entries_constants, ras_entryprops_constants, ras_credentials_constants,
    ras_eap_constants,     ras_autodial_constants,   ras_errors_constants,
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
add_type(PyObject *module, PyType_Spec *spec, const char *name, PyTypeObject **slot)
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

#ifdef RASPY_SIM_MODULE
/* ras._ras_sim raises the classes ras._ras raises: ras/_errors.py's table,
 * registered here as that module registers it with ras._ras at import (each
 * module keeps its own copy of the dict; the classes are the same objects,
 * subclasses of the shared `error`, errors.c).  Skipped when ras._ras itself
 * cannot be imported (then `error` is this module's own, errors.c). */
static int
share_error_classes(PyObject *module)
{
    PyObject *real = PyImport_ImportModule("ras._ras");
    PyObject *errors, *classes, *dflt, *copy, *r;

    if (real == NULL) {
        PyErr_Clear();
        return 0;
    }
    Py_DECREF(real);
    errors = PyImport_ImportModule("ras._errors");
    if (errors == NULL) {
        return -1;
    }
    classes = PyObject_GetAttrString(errors, "ERROR_CLASSES");
    dflt = PyObject_GetAttrString(errors, "RasError");
    Py_DECREF(errors);
    copy = classes != NULL && dflt != NULL
               ? PyObject_CallFunctionObjArgs((PyObject *)&PyDict_Type, classes, NULL)
               : NULL;
    r = copy != NULL ? PyObject_CallMethod(module, "_set_error_classes", "(OO)", copy, dflt) : NULL;
    Py_XDECREF(copy);
    Py_XDECREF(classes);
    Py_XDECREF(dflt);
    if (r == NULL) {
        return -1;
    }
    Py_DECREF(r);
    return 0;
}
#endif

/* The method tables of the families, each in its own file. */
static PyMethodDef *const family_methods[] = {
    ras_dial_methods,
    ras_connections_methods,
    ras_entries_methods,
    ras_entryprops_methods,
    ras_credentials_methods,
    ras_eap_methods,
    ras_devices_methods,
    ras_statistics_methods,
    ras_autodial_methods,
    ras_country_methods,
    ras_errors_methods,
    ras_structs_methods,
#ifdef RASPY_SIMULATED
    sim_methods,
#endif
};

static int
ras_exec(PyObject *module)
{
    rasmod_state *st = rasmod_get_state(module);
    size_t i;

    st->error = raserrors_make_type();
    if (st->error == NULL) {
        return -1;
    }
    Py_INCREF(st->error);
    if (PyModule_AddObject(module, "error", st->error) < 0) {
        Py_DECREF(st->error);
        return -1;
    }
    if (add_type(module, &rasdial_ext_spec, "RASDIALEXTENSIONS", &st->ext_type) < 0 ||
        add_type(module, &raseap_identity_spec, "RASEAPUSERIDENTITY", &st->eap_type) < 0 ||
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
#ifdef RASPY_SIM_MODULE
    if (share_error_classes(module) < 0) {
        return -1;
    }
#endif
#ifdef RASPY_SIMULATED
    if (rassrv_install() < 0) {
        return -1;
    }
#endif
    return register_atexit(module);
}

static int
ras_traverse(PyObject *module, visitproc visit, void *arg)
{
    rasmod_state *st = rasmod_get_state(module);

    if (st == NULL) {
        return 0;
    }
    Py_VISIT(st->error);
    Py_VISIT(st->error_classes);
    Py_VISIT(st->error_default);
    Py_VISIT(st->ext_type);
    Py_VISIT(st->eap_type);
    Py_VISIT(st->hangup_hook);
    return 0;
}

static int
ras_clear(PyObject *module)
{
    rasmod_state *st = rasmod_get_state(module);

    if (st == NULL) {
        return 0;
    }
    Py_CLEAR(st->error);
    Py_CLEAR(st->error_classes);
    Py_CLEAR(st->error_default);
    Py_CLEAR(st->ext_type);
    Py_CLEAR(st->eap_type);
    Py_CLEAR(st->hangup_hook);
    rasconv_str_cache_clear(st);
    return 0;
}

static void
ras_free(void *module)
{
    rasmod_state *st = rasmod_get_state((PyObject *)module);

    ras_clear((PyObject *)module);
    if (st != NULL) {
        rasdial_hub_release(st->hub);
        st->hub = NULL;
    }
}

static PyModuleDef_Slot ras_slots[] = {
    { Py_mod_exec, (void *)ras_exec },
    { 0, NULL },
};

PyDoc_STRVAR(module_doc, "The Windows Remote Access Service client API (rasapi32).\n\n"
                         "The functions keep pywin32's win32ras names, arguments and results.");

static struct PyModuleDef ras_module = {
    PyModuleDef_HEAD_INIT,
    RASPY_MODULE_NAME,
    module_doc,
    sizeof(rasmod_state),
    NULL, /* the families' methods: ras_exec */
    ras_slots,
    ras_traverse,
    ras_clear,
    ras_free,
};

PyMODINIT_FUNC
RASPY_MODULE_INIT(void)
{
    return PyModuleDef_Init(&ras_module);
}
