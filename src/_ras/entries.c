/*
 * entries.c -- the entries family, the phonebook's list of entries:
 * EnumEntries, CreatePhonebookEntry, EditPhonebookEntry, ValidateEntryName,
 * DeleteEntry, RenameEntry.  (An entry's properties: entryprops.c.)
 */
#include "ext.h"

/* pywin32 refuses a window handle that does not name a window. */
static int
check_window(rasmod_state *st, void *hwnd, const char *where)
{
    int ok;

    if (hwnd == NULL) {
        return 0;
    }
#ifdef _WIN32
    ok = IsWindow((HWND)hwnd) != 0;
#else
    ok = 0; /* there are no windows off Windows */
#endif
    if (!ok) {
        rasconv_raise_msg(st, where, "The first parameter must be a valid window handle");
        return -1;
    }
    return 0;
}

/* ---- EnumEntries ---------------------------------------------------------- */

struct enum_entries_args {
    WCHAR *reserved;
    WCHAR *phonebook;
};

static DWORD
enum_entries(void *arg, void *buf, DWORD *cb, DWORD *count)
{
    struct enum_entries_args *a = arg;
    return RasEnumEntriesW(a->reserved, a->phonebook, (LPRASENTRYNAMEW)buf, cb, count);
}

PyDoc_STRVAR(EnumEntries_doc,
             "EnumEntries($module, reserved=None, fileName=None, /)\n--\n\n"
             "The names of the entries in a phonebook (RasEnumEntries).  reserved must\n"
             "be None; fileName None means the default phonebook.\n\n"
             "Returns (entryName, ...).");

static PyObject *
ras_EnumEntries(PyObject *module, PyObject *args)
{
    rasmod_state *st = rasmod_get_state(module);
    PyObject *oreserved = Py_None, *ofile = Py_None, *tuple = NULL;
    struct enum_entries_args a = { NULL, NULL };
    RASENTRYNAMEW *names;
    DWORD count, rc, i;

    if (!PyArg_ParseTuple(args, "|OO:EnumEntries", &oreserved, &ofile) ||
        rasconv_wstr(oreserved, 1, &a.reserved, NULL) < 0) {
        return NULL;
    }
    if (rasconv_wstr(ofile, 1, &a.phonebook, NULL) < 0) {
        goto done;
    }
    names =
        rasconv_enum(enum_entries, &a, sizeof(RASENTRYNAMEW), 16, &st->hint_entries, &count, &rc);
    if (names == NULL) {
        if (!PyErr_Occurred()) {
            rasconv_raise(st, "RasEnumEntries", rc);
        }
        goto done;
    }
    tuple = PyTuple_New((Py_ssize_t)count);
    for (i = 0; tuple != NULL && i < count; i++) {
        PyObject *name = rasconv_from_wfixed(names[i].szEntryName, NELEMS(names[i].szEntryName));
        if (name == NULL) {
            Py_CLEAR(tuple);
            break;
        }
        PyTuple_SetItem(tuple, (Py_ssize_t)i, name);
    }
    PyMem_Free(names);
done:
    rasconv_wstr_free(a.reserved);
    rasconv_wstr_free(a.phonebook);
    return tuple;
}

/* ---- the phonebook dialogs ------------------------------------------------ */

PyDoc_STRVAR(CreatePhonebookEntry_doc,
             "CreatePhonebookEntry($module, hWnd, fileName=None, /)\n--\n\n"
             "Show the dialog that creates a new phonebook entry (RasCreatePhonebookEntry).\n"
             "hWnd is the parent window (0 for none); fileName the phonebook, None for\n"
             "the default one.");

static PyObject *
ras_CreatePhonebookEntry(PyObject *module, PyObject *args)
{
    rasmod_state *st = rasmod_get_state(module);
    PyObject *ohwnd, *ofile = Py_None;
    void *hwnd;
    WCHAR *file = NULL;
    DWORD rc;

    if (!PyArg_ParseTuple(args, "O|O:CreatePhoneBookEntry", &ohwnd, &ofile) ||
        rasconv_handle(ohwnd, &hwnd) < 0 ||
        check_window(st, hwnd, "<CreatePhonebookEntry param conversion>") < 0 ||
        rasconv_arg_wstr(ofile, 1, "CreatePhoneBookEntry", 2, &file) < 0) {
        return NULL;
    }
    Py_BEGIN_ALLOW_THREADS
        rc = RasCreatePhonebookEntryW((HWND)hwnd, file);
    Py_END_ALLOW_THREADS
    rasconv_wstr_free(file);
    return rasconv_none_or_raise(st, "RasCreatePhonebookEntry", rc);
}

PyDoc_STRVAR(EditPhonebookEntry_doc,
             "EditPhonebookEntry($module, hWnd, fileName, entryName, /)\n--\n\n"
             "Show the dialog that edits a phonebook entry (RasEditPhonebookEntry).");

static PyObject *
ras_EditPhonebookEntry(PyObject *module, PyObject *args)
{
    rasmod_state *st = rasmod_get_state(module);
    PyObject *ohwnd, *ofile, *oentry;
    void *hwnd;
    WCHAR *file = NULL, *entry = NULL;
    DWORD rc;

    if (!PyArg_ParseTuple(args, "OOO:EditPhoneBookEntry", &ohwnd, &ofile, &oentry) ||
        rasconv_handle(ohwnd, &hwnd) < 0 ||
        check_window(st, hwnd, "<EditPhonebookEntry param parsing>") < 0 ||
        rasconv_book_entry(ofile, oentry, "EditPhoneBookEntry", 2, 0, &file, &entry) < 0) {
        return NULL;
    }
    Py_BEGIN_ALLOW_THREADS
        rc = RasEditPhonebookEntryW((HWND)hwnd, file, entry);
    Py_END_ALLOW_THREADS
    rasconv_wstr_free(file);
    rasconv_wstr_free(entry);
    return rasconv_none_or_raise(st, "RasEditPhonebookEntry", rc);
}

/* ---- ValidateEntryName, DeleteEntry, RenameEntry ------------------------ */

/* ValidateEntryName, DeleteEntry (two: fn(phonebook, entry)) and RenameEntry
 * (three: fn(phonebook, entry, newName)): parse the arguments with format,
 * call with the GIL released, give None or the error. */
static PyObject *
entry_call(PyObject *module, PyObject *args, const char *format, const char *fname,
           const char *funcname, DWORD(WINAPI *two)(LPCWSTR, LPCWSTR),
           DWORD(WINAPI *three)(LPCWSTR, LPCWSTR, LPCWSTR))
{
    PyObject *obook, *oentry, *onew = NULL;
    WCHAR *book, *entry, *new_name = NULL;
    DWORD rc;

    if (!PyArg_ParseTuple(args, format, &obook, &oentry, &onew) ||
        rasconv_book_entry(obook, oentry, fname, 1, 0, &book, &entry) < 0) {
        return NULL;
    }
    if (three != NULL && rasconv_arg_wstr(onew, 0, fname, 3, &new_name) < 0) {
        rasconv_wstr_free(book);
        rasconv_wstr_free(entry);
        return NULL;
    }
    Py_BEGIN_ALLOW_THREADS
        rc = three != NULL ? three(book, entry, new_name) : two(book, entry);
    Py_END_ALLOW_THREADS
    rasconv_wstr_free(book);
    rasconv_wstr_free(entry);
    rasconv_wstr_free(new_name);
    return rasconv_none_or_raise(rasmod_get_state(module), funcname, rc);
}

PyDoc_STRVAR(ValidateEntryName_doc,
             "ValidateEntryName($module, phonebook, entryName, /)\n--\n\n"
             "Check that entryName is a well-formed name not yet used in the phonebook\n"
             "(RasValidateEntryName).  Raises error 123 (ERROR_INVALID_NAME) or 183\n"
             "(ERROR_ALREADY_EXISTS); phonebook None is the default one.");

static PyObject *
ras_ValidateEntryName(PyObject *module, PyObject *args)
{
    return entry_call(module, args, "OO:ValidateEntryName", "ValidateEntryName",
                      "RasValidateEntryName", RasValidateEntryNameW, NULL);
}

PyDoc_STRVAR(DeleteEntry_doc,
             "DeleteEntry($module, phonebook, entryName, /)\n--\n\n"
             "Delete a phonebook entry and its saved credentials (RasDeleteEntry).");

static PyObject *
ras_DeleteEntry(PyObject *module, PyObject *args)
{
    return entry_call(module, args, "OO:DeleteEntry", "DeleteEntry", "RasDeleteEntry",
                      RasDeleteEntryW, NULL);
}

PyDoc_STRVAR(RenameEntry_doc, "RenameEntry($module, phonebook, oldName, newName, /)\n--\n\n"
                              "Rename a phonebook entry (RasRenameEntry).  newName must pass\n"
                              "ValidateEntryName (a change of case only is allowed).");

static PyObject *
ras_RenameEntry(PyObject *module, PyObject *args)
{
    return entry_call(module, args, "OOO:RenameEntry", "RenameEntry", "RasRenameEntry", NULL,
                      RasRenameEntryW);
}

PyMethodDef ras_entries_methods[] = {
    METH(EnumEntries),       METH(CreatePhonebookEntry), METH(EditPhonebookEntry),
    METH(ValidateEntryName), METH(DeleteEntry),          METH(RenameEntry),
    { NULL, NULL, 0, NULL },
};

const rasconst ras_entries_constants[] = {
    RASCONST(REN_User),
    RASCONST(REN_AllUsers),
    { NULL, 0 },
};
