/*
 * ext.h -- internals shared by the files of the ras._ras extension
 * (src/_ras/).
 *
 * Infrastructure:
 *   module.c       module state, exec, slots, the constants loop, atexit,
 *                  the simulator-only private helpers (off Windows)
 *   convert.c      conversions between Python objects and RAS values, errors
 *   structs.c      structures <-> dicts from one field table per structure
 *   ext.h, structs.h, lock.h, platform.h
 * One file per RAS family, each with its functions, types, method table and
 * constant table (registered by module.c):
 *   dial.c         Dial, HangUp, RASDIALEXTENSIONS, asynchronous dials
 *   connections.c  connections, status, projections, notifications
 *   entries.c      phonebook entries: enumerate, create, edit, validate,
 *                  delete, rename
 *   entryprops.c   entry and sub-entry properties
 *   credentials.c  dial params, credentials, EAP user data, custom auth data
 *   eap.c          GetEapUserIdentity, RASEAPUSERIDENTITY, InvokeEapUI
 *   devices.c      EnumDevices
 *   statistics.c   connection and link statistics
 *   autodial.c     the AutoDial functions
 *   country.c      GetCountryInfo
 *   errors.c       GetErrorString and the error type
 *   srvpolicy.c    simulated builds: the simulated server's admin policy
 */
#ifndef RASPY_EXT_H
#define RASPY_EXT_H

#ifndef Py_LIMITED_API
#error "ras._ras is built against the stable ABI: define Py_LIMITED_API"
#endif

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "platform.h"

/* The module this build makes: ras._ras, or (RASPY_SIM_MODULE, the Windows
 * wheel's simulated twin) ras._ras_sim, whose init function differs so that
 * both can be loaded in one process (docs/development.md). */
#ifdef RASPY_SIM_MODULE
#define RASPY_MODULE_NAME "ras._ras_sim"
#define RASPY_MODULE_INIT PyInit__ras_sim
#else
#define RASPY_MODULE_NAME "ras._ras"
#define RASPY_MODULE_INIT PyInit__ras
#endif

#include <stddef.h>

typedef struct rasdial_hub rasdial_hub;

/* rasconv_from_wfixed_cached's cache: the str last made from a short text
 * in each slot (a connection's entry and device names, asked again and
 * again, come back as the same object without a decode). */
#define RASCONV_STR_SLOTS 16
#define RASCONV_STR_MAX   128 /* code units; longer texts are not cached */
typedef struct {
    PyObject *str;
    size_t len;
    WCHAR text[RASCONV_STR_MAX];
} rasconv_str_slot;

/* Per-module state (one per interpreter that imports ras._ras). */
typedef struct {
    /* The classes errors are raised as (ras/_errors.py registers them with
     * _set_error_classes; until then, NULL: error itself). */
    PyObject *error;         /* win32ras.error (pywintypes.error if present) */
    PyObject *error_classes; /* dict: code (int) -> subclass of error */
    PyObject *error_default; /* the class of a code error_classes lacks */
    PyTypeObject *ext_type;  /* RASDIALEXTENSIONS */
    PyTypeObject *eap_type;  /* RASEAPUSERIDENTITY */
    rasdial_hub *hub;        /* in-flight asynchronous dials */
    PyObject *hangup_hook;   /* tests: called by HangUp between RasHangUpW
                                and the end of the handle's dials */
    /* rasconv_enum's size hints, one per enumeration: the bytes its last
     * call needed (0: none yet).  Read and written with the GIL held. */
    DWORD hint_entries, hint_connections, hint_devices, hint_autodial;
    rasconv_str_slot strs[RASCONV_STR_SLOTS]; /* GIL */
} rasmod_state;

/* The one way to the module state, from every file. */
rasmod_state *rasmod_get_state(PyObject *module);

/* Number of elements of an array. */
#define NELEMS(a) (sizeof(a) / sizeof((a)[0]))

/* A METH_VARARGS entry of a method table: ras_<name> with <name>_doc. */
#define METH(name) { #name, ras_##name, METH_VARARGS, name##_doc }

/* ---- convert.c --------------------------------------------------------- */

/* Raise the class of code (st->error_classes: a subclass of state->error)
 * with args (code, funcname, message-for-code). */
PyObject *rasconv_raise(rasmod_state *st, const char *funcname, DWORD code);
/* The result of a RAS call that returns nothing: None when code is 0, else
 * rasconv_raise(st, funcname, code). */
PyObject *rasconv_none_or_raise(rasmod_state *st, const char *funcname, DWORD code);
/* Raise the class of code 0 (InvalidArgumentError, a subclass of
 * state->error) with args (0, where, message): pywin32's shape for argument
 * problems it reports through win32ras.error. */
PyObject *rasconv_raise_msg(rasmod_state *st, const char *where, const char *message);

/* Text of a RAS error code: RasGetErrorStringW, then (Windows) the system
 * message table, then a fixed fallback.  Never fails except on MemoryError. */
PyObject *rasconv_error_text(DWORD code);

/* Python str -> NUL-terminated UTF-16, PyMem_Malloc'd.  bytes are decoded
 * first (ANSI code page on Windows, UTF-8 elsewhere).  None gives *out = NULL
 * when none_ok, else TypeError.  Embedded NULs raise ValueError.  *units gets
 * the length in UTF-16 code units when units is not NULL.  Returns 0 / -1. */
int rasconv_wstr(PyObject *obj, int none_ok, WCHAR **out, Py_ssize_t *units);
/* The same for an argument pywin32 parses with PyArg_ParseTuple's "s" (str)
 * or "z" (str or None) format: wrong types raise CPython's message for those
 * formats, "fname() argument argnum must be str[ or None], not T". */
int rasconv_arg_wstr(PyObject *obj, int none_ok, const char *fname, int argnum, WCHAR **out);
/* The (phonebook, entry) arguments argnum and argnum + 1 of fname: the
 * phonebook str or None (NULL), the entry str (or None when entry_none_ok).
 * Every function taking the pair parses it here.  Wrong types raise
 * rasconv_arg_wstr's message; fname NULL (argnum unused) converts as
 * rasconv_wstr does instead, with the messages pywin32's functions give
 * (GetEapUserIdentity).  On failure neither string is left allocated.
 * Returns 0 / -1. */
int rasconv_book_entry(PyObject *obook, PyObject *oentry, const char *fname, int argnum,
                       int entry_none_ok, WCHAR **book, WCHAR **entry);
/* Free a string from rasconv_wstr after wiping it. */
void rasconv_wstr_free(WCHAR *s);

/* Copy obj into the fixed array dst[cap] (cap counts the NUL).  A string of
 * cap or more code units raises ValueError naming `what`. */
int rasconv_wfixed(PyObject *obj, WCHAR *dst, size_t cap, const char *what);

/* rasconv_wfixed for a secret (password, pre-shared key): the same checks,
 * but no exception carries any part of the value (a lone surrogate raises
 * ValueError naming its index) and dst is wiped on every error. */
int rasconv_secret_wfixed(PyObject *obj, WCHAR *dst, size_t cap, const char *what);

/* UTF-16 array of at most cap units (NUL-terminated or not) -> str. */
PyObject *rasconv_from_wfixed(const WCHAR *src, size_t cap);
/* The same, through the module's cache of short texts (never for secrets:
 * the cache keeps the text). */
PyObject *rasconv_from_wfixed_cached(rasmod_state *st, const WCHAR *src, size_t cap);
/* Empty the cache (module clear). */
void rasconv_str_cache_clear(rasmod_state *st);

/* Handle <-> int.  None is 0; any object with __index__ is accepted; other
 * types raise pywin32's TypeError, out-of-range ints OverflowError. */
int rasconv_handle(PyObject *obj, void **out);

/* A 4-tuple of new references (NULL items allowed: then NULL with the
 * exception set and the others released), like Py_BuildValue("(NNNN)"). */
PyObject *rasconv_tuple4(PyObject *a, PyObject *b, PyObject *c, PyObject *d);

/* The one positional argument of a METH_VARARGS function: *out borrowed.
 * Any other count raises PyArg_ParseTuple's TypeError for fmt ("O:Name"). */
int rasconv_one_arg(PyObject *args, const char *fmt, PyObject **out);
PyObject *rasconv_from_handle(const void *h);

/* int -> DWORD (0..2**32-1), OverflowError/TypeError otherwise. */
int rasconv_dword(PyObject *obj, DWORD *out);

/* Overwrite memory that held a secret; not optimised away. */
void rasconv_wipe(void *p, size_t n);

/* RASDIALPARAMS conversion: a sequence of up to 6 str (entry, phone,
 * callback, user, password, domain).  Zeroes *p, sets dwSize. */
int rasconv_dialparams(rasmod_state *st, PyObject *seq, RASDIALPARAMSW *p);

/* Call a RAS enumerator with a growing buffer.  `call` fills buf (whose
 * first item's dwSize is item_size) and updates *cb and *count; it is called
 * with the GIL released.  The first buffer holds what *hint (a field of the
 * module state, one per enumeration) says the last call needed, plus a
 * sixteenth for growth, and at least min_items items, so a repeated
 * enumeration is one RAS call; *hint is updated after each call that
 * succeeds, with the GIL held.  Returns a PyMem buffer (free with PyMem_Free) or NULL with *rc set
 * to the RAS code (0 with an exception set on MemoryError). */
typedef DWORD (*rasconv_enum_fn)(void *arg, void *buf, DWORD *cb, DWORD *count);
void *rasconv_enum(rasconv_enum_fn call, void *arg, DWORD item_size, DWORD min_items, DWORD *hint,
                   DWORD *count, DWORD *rc);
/* rasconv_enum trying first the caller's buffer `local` of local_size bytes
 * (on its stack) when the first size fits in it: the result may be `local`;
 * release it with rasconv_enum_free(result, local). */
void *rasconv_enum_local(rasconv_enum_fn call, void *arg, DWORD item_size, DWORD min_items,
                         DWORD *hint, void *local, size_t local_size, DWORD *count, DWORD *rc);
void rasconv_enum_free(void *buf, void *local);

/* A RAS call filling a caller buffer of *cb bytes that answers
 * ERROR_BUFFER_TOO_SMALL with the size it needs in *cb.  It prepares the
 * buffer's header itself (dwSize, ...); called with the GIL released. */
typedef DWORD (*rasconv_sized_fn)(void *arg, void *buf, DWORD *cb);
/* Calls `call` with a zeroed buffer of `initial` bytes (at least `minimum`
 * allocated), grown as the function asks; a few rounds, since the data may
 * grow in between (from the second growth on, with room to spare).  Returns the PyMem buffer with
 * *cb the bytes the call filled, or NULL with *rc the RAS code (0 with an exception set on
 * MemoryError).  secret: every buffer is wiped before it is freed (also
 * free the result with rasconv_wipe first). */
void *rasconv_sized(rasconv_sized_fn call, void *arg, DWORD initial, size_t minimum, int secret,
                    DWORD *cb, DWORD *rc);

/* ---- the families: their methods and constants ---------------------- */

/* An integer constant exported from the module; tables end with {NULL, 0}. */
typedef struct {
    const char *name;
    long long value;
} rasconst;
#define RASCONST(name) { #name, (long long)(name) }
/* Names mingw's <ras.h> lacks come from compat/rasx*.h (RASX_ + name). */
#define RASXCONST(name) { #name, (long long)(RASX_##name) }

/* Each family file defines ras_<family>_methods (ending {NULL}) and, when it
 * has constants, ras_<family>_constants (ending {NULL, 0}); module.c
 * registers them all at exec. */
extern PyMethodDef ras_dial_methods[];        /* dial.c */
extern PyMethodDef ras_connections_methods[]; /* connections.c */
extern PyMethodDef ras_entries_methods[];     /* entries.c */
extern PyMethodDef ras_entryprops_methods[];  /* entryprops.c */
extern PyMethodDef ras_credentials_methods[]; /* credentials.c */
extern PyMethodDef ras_eap_methods[];         /* eap.c */
extern PyMethodDef ras_devices_methods[];     /* devices.c */
extern PyMethodDef ras_statistics_methods[];  /* statistics.c */
extern PyMethodDef ras_autodial_methods[];    /* autodial.c */
extern PyMethodDef ras_country_methods[];     /* country.c */
extern PyMethodDef ras_errors_methods[];      /* errors.c */
extern PyMethodDef ras_structs_methods[];     /* structs.c: _field_tables */
extern const rasconst ras_dial_constants[];
extern const rasconst ras_connections_constants[];
extern const rasconst ras_entries_constants[];
extern const rasconst ras_entryprops_constants[];
extern const rasconst ras_credentials_constants[];
extern const rasconst ras_eap_constants[];
extern const rasconst ras_autodial_constants[];
extern const rasconst ras_errors_constants[];

/* ---- the module's types, defined with their family ------------------ */

extern PyType_Spec rasdial_ext_spec;     /* RASDIALEXTENSIONS, dial.c */
extern PyType_Spec raseap_identity_spec; /* RASEAPUSERIDENTITY, eap.c */

/* win32ras.error: pywintypes.error when importable, else our own type
 * (errors.c).  A new reference, or NULL with an exception set. */
PyObject *raserrors_make_type(void);
/* The class an error with code `code` (an int object) is raised as: its
 * entry of st->error_classes, else st->error_default, else st->error
 * (errors.c).  A borrowed reference; never NULL, never sets an exception. */
PyObject *raserrors_class_for(rasmod_state *st, PyObject *code);

/* A private copy of a RASDIALEXTENSIONS object's structure (dwSize set);
 * *keep gets a new reference to what its pointers refer to (release it
 * after the call).  Wrong types raise pywin32's TypeError.  0 / -1.
 * (dial.c) */
int rasmod_dialext_copy(rasmod_state *st, PyObject *obj, RASDIALEXTENSIONS *out, PyObject **keep);

/* The identity a RASEAPUSERIDENTITY object holds; obj must be of st->eap_type
 * (eap.c). */
LPRASEAPUSERIDENTITYW raseap_identity(PyObject *obj);

/* ---- dial.c: the asynchronous dials' hub, for module.c ---------------- */

rasdial_hub *rasdial_hub_new(void);
/* Called when the module state goes away. */
void rasdial_hub_release(rasdial_hub *hub);
/* atexit: stop delivering to Python and wait for running callbacks. */
void rasdial_hub_close(rasdial_hub *hub);

#ifdef RASPY_SIMULATED
/* ---- srvpolicy.c: the simulated server's admin policy hooks ----------- */

/* Registers the hooks with the simulator (module exec). */
int rassrv_install(void);
/* atexit: the hooks stop calling Python (deny), after the running ones. */
void rassrv_close(void);
#endif

#endif /* RASPY_EXT_H */
