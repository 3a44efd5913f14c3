/*
 * entries.c -- the entries family, phonebook entry management:
 * RasEnumEntriesW, RasCreatePhonebookEntryW, RasEditPhonebookEntryW (no
 * dialog: they only check the phonebook and the entry), RasValidateEntryNameW,
 * RasDeleteEntryW, RasRenameEntryW.
 *
 * Every change is a read-modify-write of the .pbk (written atomically, all
 * other lines kept as they were) under one process-wide lock, and carries the
 * entry's saved dial parameters along (credstore.h).
 */
#include "common.h"
#include "entries.h"
#include "credstore.h"
#include "phonebook.h"
#include "structs.h"
#include "thread.h"
#include "utf.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

static sim_once g_once = SIM_ONCE_INIT;
static sim_mutex g_lock;

static void
entry_init(void)
{
    sim_mutex_init(&g_lock);
}

void
sim_entry_lock(void)
{
    sim_call_once(&g_once, entry_init);
    sim_mutex_lock(&g_lock);
}

void
sim_entry_unlock(void)
{
    sim_mutex_unlock(&g_lock);
}

/* Windows' rules for an entry name (RasValidateEntryName): no | > < ? * \ / :,
 * no leading period, at least one alphanumeric character (any non-ASCII
 * character counts as one here); plus what a .pbk section header can hold:
 * at most RAS_MaxEntryName UTF-16 units, no control characters, no ']'. */
int
sim_entry_name_valid(const char *name)
{
    const unsigned char *p = (const unsigned char *)name;
    int alnum = 0;
    if (p[0] == '\0' || p[0] == '.') {
        return 0;
    }
    if (sim_u8_wlen(name, strlen(name)) > RAS_MaxEntryName) {
        return 0;
    }
    for (; *p; p++) {
        if (*p < 0x20 || *p == 0x7f || strchr("|><?*\\/:]", *p) != NULL) {
            return 0;
        }
        if ((*p >= '0' && *p <= '9') || ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z') || *p >= 0x80) {
            alnum = 1;
        }
    }
    return alnum;
}

/* A new entry name -> ERROR_INVALID_NAME, ERROR_ALREADY_EXISTS or 0 against
 * a loaded phonebook; `except` is an entry allowed to hold the name. */
static DWORD
check_new_name(const sim_pbk *pbk, const char *name, size_t except)
{
    size_t h;
    if (!sim_entry_name_valid(name)) {
        return ERROR_INVALID_NAME;
    }
    h = sim_pbk_find(pbk, name);
    return (h != SIM_INI_NONE && h != except) ? ERROR_ALREADY_EXISTS : 0;
}

DWORD WINAPI
RasValidateEntryNameW(LPCWSTR phonebook, LPCWSTR entry)
{
    sim_pbk pbk;
    char *name;
    DWORD rc = sim_arg_to_u8(entry, &name);
    if (rc != 0) {
        return rc;
    }
    rc = sim_pbk_load(phonebook, &pbk);
    if (rc == 0) {
        rc = check_new_name(&pbk, name, SIM_INI_NONE);
    }
    sim_pbk_free(&pbk);
    free(name);
    return rc;
}

/* Loads the phonebook and finds `entry` for a change; holds g_lock on 0. */
static DWORD
begin_change(LPCWSTR phonebook, const char *entry, sim_pbk *pbk, size_t *h)
{
    DWORD rc;
    sim_entry_lock();
    rc = sim_pbk_load_locked(phonebook, pbk);
    if (rc == 0) {
        *h = sim_pbk_find(pbk, entry);
        if (*h == SIM_INI_NONE) {
            rc = ERROR_CANNOT_FIND_PHONEBOOK_ENTRY;
        }
    }
    if (rc != 0) {
        sim_pbk_free(pbk);
        sim_mutex_unlock(&g_lock);
    }
    return rc;
}

/* Saves the phonebook, moves the saved dial parameters, releases g_lock. */
static DWORD
end_change(sim_pbk *pbk, const char *old_name, const char *new_name)
{
    DWORD rc = sim_pbk_save(pbk);
    if (rc == 0) {
        rc = sim_creds_move(pbk, old_name, new_name);
    }
    sim_pbk_free(pbk);
    sim_mutex_unlock(&g_lock);
    return rc;
}

/* The entry's name as written in the file (the saved parameters' key). */
static char *
written_name(const sim_pbk *pbk, size_t h)
{
    const char *name;
    size_t len;
    sim_pbk_entry_name(pbk, h, &name, &len);
    return sim_strndup(name, len);
}

DWORD WINAPI
RasDeleteEntryW(LPCWSTR phonebook, LPCWSTR entry)
{
    sim_pbk pbk;
    size_t h;
    char *given, *old_name;
    DWORD rc = sim_arg_to_u8(entry, &given);
    if (rc != 0) {
        return rc;
    }
    rc = begin_change(phonebook, given, &pbk, &h);
    free(given);
    if (rc != 0) {
        return rc;
    }
    old_name = written_name(&pbk, h);
    if (old_name == NULL) {
        sim_pbk_free(&pbk);
        sim_mutex_unlock(&g_lock);
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    sim_ini_remove_section(&pbk.ini, h);
    rc = end_change(&pbk, old_name, NULL);
    free(old_name);
    return rc;
}

DWORD WINAPI
RasRenameEntryW(LPCWSTR phonebook, LPCWSTR old_entry, LPCWSTR new_entry)
{
    sim_pbk pbk;
    size_t h;
    char *given = NULL, *wanted = NULL, *old_name;
    DWORD rc = sim_arg_to_u8(old_entry, &given);
    if (rc == 0) {
        rc = sim_arg_to_u8(new_entry, &wanted);
    }
    if (rc == 0) {
        rc = begin_change(phonebook, given, &pbk, &h);
    }
    free(given);
    if (rc != 0) {
        free(wanted);
        return rc;
    }
    old_name = written_name(&pbk, h);
    rc = old_name == NULL ? ERROR_NOT_ENOUGH_MEMORY : check_new_name(&pbk, wanted, h);
    if (rc == 0 && sim_ini_rename_section(&pbk.ini, h, wanted) != SIM_OK) {
        rc = ERROR_NOT_ENOUGH_MEMORY;
    }
    if (rc == 0) {
        rc = end_change(&pbk, old_name, wanted);
    } else {
        sim_pbk_free(&pbk);
        sim_mutex_unlock(&g_lock);
    }
    free(old_name);
    free(wanted);
    return rc;
}

/* ---- RasEnumEntriesW ---------------------------------------------------- */

static void
fill_entries(const sim_pbk *pbk, const size_t *list, size_t n, void *buf, DWORD stride)
{
    DWORD flags = REN_User;
    size_t i;
    for (i = 0; i < n; i++) {
        void *e = sim_array_element(buf, stride, i);
        const char *name;
        size_t len;
        WCHAR wname[RAS_MaxEntryName + 1];
        sim_pbk_entry_name(pbk, list[i], &name, &len);
        sim_u8_to_wbuf(name, len, wname, SIM_COUNTOF(wname));
        SIM_PUT(e, stride, RASENTRYNAMEW, szEntryName, wname);
        SIM_PUT(e, stride, RASENTRYNAMEW, dwFlags, &flags);
        SIM_PUT_TEXT(e, stride, RASENTRYNAMEW, szPhonebookPath, pbk->path);
    }
}

DWORD WINAPI
RasEnumEntriesW(LPCWSTR reserved, LPCWSTR phonebook, LPRASENTRYNAMEW buf, LPDWORD lpcb,
                LPDWORD lpcEntries)
{
    sim_pbk pbk;
    DWORD stride, rc;
    size_t *list = NULL, n = 0;
    if (reserved != NULL) {
        return ERROR_INVALID_PARAMETER;
    }
    rc = sim_array_begin(buf, lpcb, lpcEntries, SIM_RASENTRYNAME, &stride);
    if (rc != 0) {
        return rc;
    }
    rc = sim_pbk_load(phonebook, &pbk);
    if (rc == 0) {
        rc = sim_pbk_entries(&pbk, &list, &n);
    }
    if (rc == 0) {
        rc = sim_array_size(n, stride, sizeof(RASENTRYNAMEW), lpcb, lpcEntries);
    }
    if (rc == 0) {
        fill_entries(&pbk, list, n, buf, stride);
    }
    free(list);
    sim_pbk_free(&pbk);
    return rc;
}

/* ---- phonebook dialogs -------------------------------------------------- */

DWORD WINAPI
RasCreatePhonebookEntryW(HWND hwnd, LPCWSTR phonebook)
{
    sim_pbk pbk;
    DWORD rc = sim_pbk_load(phonebook, &pbk);
    (void)hwnd;
    sim_pbk_free(&pbk);
    return rc;
}

DWORD WINAPI
RasEditPhonebookEntryW(HWND hwnd, LPCWSTR phonebook, LPCWSTR entry)
{
    sim_pbk pbk;
    size_t h;
    char *given, *name;
    DWORD rc = sim_arg_to_u8(entry, &given);
    (void)hwnd;
    if (rc != 0) {
        return rc;
    }
    rc = sim_pbk_load_named_entry(phonebook, given, &pbk, &h, &name);
    sim_pbk_free(&pbk);
    free(name);
    return rc;
}
