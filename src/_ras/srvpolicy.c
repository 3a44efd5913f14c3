/*
 * srvpolicy.c -- the simulated server's admin policy, in Python (simulated
 * builds only: off Windows, and ras._ras_sim).
 *
 * The simulator (src/rassim/adminhook.h) calls these hooks on a dial's
 * worker thread, with no simulator lock held, when a dial whose scenario
 * names AdminPolicy= has authenticated (admit) and when such an admitted
 * connection ends (end).  Each takes the GIL (PyGILState: the worker has no
 * thread state) and calls ras.admin._server, which loads the policy, shapes
 * the values ras.admin expects and never raises for a policy's fault.  Any
 * exception that still reaches here is a bug of ours: it goes to
 * sys.unraisablehook and the connection is refused.
 *
 * Shutdown: the atexit handler closes a gate; from then on admit refuses and
 * end does nothing, without touching Python, and the close waits (GIL
 * released, at most RASSRV_DRAIN_TIMEOUT_MS) for hooks already inside.
 */
#include "ext.h"
#include "lock.h"

#include <string.h>

#ifdef RASPY_SIMULATED
#include "rassim/adminhook.h"

#define RASSRV_MODULE           "ras.admin._server"
#define RASSRV_DRAIN_TIMEOUT_MS 5000

static rasmutex g_gate_setup = RASMUTEX_INIT;
static int g_gate_ready;
static raslock g_gate;
static int g_closing;
static unsigned g_active;

/* 1 when the hook may run Python (counted active), 0 when closed. */
static int
gate_enter(void)
{
    int open;

    raslock_acquire(&g_gate);
    open = !g_closing;
    if (open) {
        g_active++;
    }
    raslock_release(&g_gate);
    return open;
}

static void
gate_leave(void)
{
    raslock_acquire(&g_gate);
    g_active--;
    if (g_closing && g_active == 0) {
        raslock_notify_all(&g_gate);
    }
    raslock_release(&g_gate);
}

/* GIL held: the connection as a dict of plain values (srvpolicy's side of
 * ras/admin/_server.py). */
static PyObject *
conn_dict(const sim_admin_conn *c)
{
    return Py_BuildValue(
        "{s:s,s:K,s:s,s:s,s:s,s:s,s:s,s:s,s:y#,s:i,s:y#,s:y#,s:i,s:y#,s:i,s:i,s:K,s:K,s:K,s:K,s:K,"
        "s:k}",
        "policy", c->policy, "connection_id", (unsigned long long)c->connection_id, "user", c->user,
        "domain", c->domain, "entry", c->entry, "server", c->server, "device_type", c->device_type,
        "device_name", c->device_name, "guid", (const char *)c->guid, (Py_ssize_t)sizeof c->guid,
        "ikev2", c->ikev2, "server_ipv4", (const char *)c->server_ipv4,
        (Py_ssize_t)(c->has_server_ipv4 ? 4 : 0), "client_ipv4", (const char *)c->client_ipv4,
        (Py_ssize_t)(c->has_client_ipv4 ? 4 : 0), "assigned", c->assigned, "client_ipv6",
        (const char *)c->client_ipv6, (Py_ssize_t)(c->has_client_ipv6 ? 16 : 0), "assigned6",
        c->assigned6, "connected", c->connected, "duration_ms", (unsigned long long)c->duration_ms,
        "bytes_sent", (unsigned long long)c->bytes_sent, "bytes_received",
        (unsigned long long)c->bytes_received, "frames_sent", (unsigned long long)c->frames_sent,
        "frames_received", (unsigned long long)c->frames_received, "bps", (unsigned long)c->bps);
}

/* GIL held: ras.admin._server.<name>(dict); NULL with an exception set. */
static PyObject *
call_server(const char *name, const sim_admin_conn *c)
{
    PyObject *module, *fn, *arg, *res = NULL;

    module = PyImport_ImportModule(RASSRV_MODULE);
    if (module == NULL) {
        return NULL;
    }
    fn = PyObject_GetAttrString(module, name);
    Py_DECREF(module);
    if (fn == NULL) {
        return NULL;
    }
    arg = conn_dict(c);
    if (arg != NULL) {
        res = PyObject_CallFunctionObjArgs(fn, arg, NULL);
        Py_DECREF(arg);
    }
    Py_DECREF(fn);
    return res;
}

/* GIL held: an address of the answer, None or n bytes in network order, into
 * out; 1 when one was given, 0 for None, -1 (an exception set) otherwise. */
static int
answer_address(PyObject *addr, unsigned char *out, Py_ssize_t n)
{
    char *bytes;
    Py_ssize_t len;

    if (addr == Py_None) {
        return 0;
    }
    if (!PyBytes_Check(addr) || PyBytes_AsStringAndSize(addr, &bytes, &len) < 0 || len != n) {
        PyErr_Clear();
        PyErr_Format(PyExc_TypeError, RASSRV_MODULE ".admit: an address is not %zd bytes", n);
        return -1;
    }
    memcpy(out, bytes, (size_t)n);
    return 1;
}

/* GIL held: 0 accepted (with the addresses, if any), 1 refused.  The answer
 * is (accepted, ipv4, ipv6): each address None or its bytes in network
 * order. */
static int
admit_locked(const sim_admin_conn *c, sim_admin_answer *answer)
{
    PyObject *res = call_server("admit", c);
    int accepted;

    if (res == NULL) {
        goto bug;
    }
    if (!PyTuple_Check(res) || PyTuple_Size(res) != 3) {
        PyErr_SetString(PyExc_TypeError, RASSRV_MODULE ".admit answered no (bool, ipv4, ipv6)");
        goto bug;
    }
    accepted = PyObject_IsTrue(PyTuple_GetItem(res, 0));
    if (accepted < 0) {
        goto bug;
    }
    if (accepted) {
        answer->assigned4 = answer_address(PyTuple_GetItem(res, 1), answer->ipv4, 4);
        answer->assigned6 = answer_address(PyTuple_GetItem(res, 2), answer->ipv6, 16);
        if (answer->assigned4 < 0 || answer->assigned6 < 0) {
            goto bug;
        }
    }
    Py_DECREF(res);
    return accepted ? 0 : 1;
bug:
    Py_XDECREF(res);
    PyErr_WriteUnraisable(NULL);
    memset(answer, 0, sizeof *answer);
    return 1;
}

static int
srv_admit(const sim_admin_conn *c, sim_admin_answer *answer)
{
    PyGILState_STATE gil;
    int refused;

    if (!gate_enter()) {
        return 1; /* the interpreter is going away: deny */
    }
    gil = PyGILState_Ensure();
    refused = admit_locked(c, answer);
    PyGILState_Release(gil);
    gate_leave();
    return refused;
}

static void
srv_end(const sim_admin_conn *c)
{
    PyGILState_STATE gil;
    PyObject *res;

    if (!gate_enter()) {
        return;
    }
    gil = PyGILState_Ensure();
    res = call_server("ended", c);
    if (res == NULL) {
        PyErr_WriteUnraisable(NULL);
    }
    Py_XDECREF(res);
    PyGILState_Release(gil);
    gate_leave();
}

int
rassrv_install(void)
{
    sim_admin_hooks hooks;

    rasmutex_acquire(&g_gate_setup);
    if (!g_gate_ready) {
        raslock_init(&g_gate);
        g_gate_ready = 1;
    }
    rasmutex_release(&g_gate_setup);
    hooks.admit = srv_admit;
    hooks.end = srv_end;
    sim_admin_set_hooks(&hooks);
    return 0;
}

void
rassrv_close(void)
{
    unsigned long long deadline;

    if (!g_gate_ready) {
        return;
    }
    Py_BEGIN_ALLOW_THREADS
        raslock_acquire(&g_gate);
        g_closing = 1;
        deadline = raslock_now_ms() + RASSRV_DRAIN_TIMEOUT_MS;
        while (g_active > 0) {
            unsigned long long now = raslock_now_ms();
            if (now >= deadline) {
                break;
            }
            raslock_wait_ms(&g_gate, (unsigned long)(deadline - now));
        }
        raslock_release(&g_gate);
    Py_END_ALLOW_THREADS
}

#endif /* RASPY_SIMULATED */
