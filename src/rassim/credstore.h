/*
 * credstore.h -- the saved dial parameters (RasSetEntryDialParams /
 * RasGetEntryDialParams): user name, password, domain and callback number
 * per entry, kept outside the phonebook in "<phonebook path>.cred".
 *
 * That file is an INI document: one `[Entry Name]` section per entry, keys
 * User, Password, Domain and CallbackNumber, every value the lower-case hex
 * of its UTF-8 bytes.  It is written atomically with owner-only access but
 * is NOT encrypted: it exists for tests only.
 */
#ifndef RASSIM_CREDSTORE_H
#define RASSIM_CREDSTORE_H

#include "common.h"
#include "phonebook.h"

/* UTF-8 strings; NULL means "absent" (for update: "leave unchanged"). */
typedef struct sim_creds {
    char *user;
    char *password;
    char *domain;
    char *callback;
} sim_creds;

/* Loads the saved parameters of entry (a name as in the phonebook).  A
 * missing store gives empty parameters.  0, ERROR_CANNOT_OPEN_PHONEBOOK
 * (store unreadable or malformed) or ERROR_NOT_ENOUGH_MEMORY. */
DWORD sim_creds_load(const sim_pbk *pbk, const char *entry, sim_creds *out);
/* Changes the saved parameters of entry: every non-NULL field of set is
 * stored, NULL fields are left as they are; remove_password deletes the
 * saved password.  0, ERROR_CANNOT_OPEN_PHONEBOOK, ERROR_CANNOT_WRITE_PHONEBOOK
 * or ERROR_NOT_ENOUGH_MEMORY. */
DWORD sim_creds_update(const sim_pbk *pbk, const char *entry, const sim_creds *set,
                       int remove_password);
/* Moves the saved parameters of entry to new_name (a renamed entry), or
 * forgets them when new_name is NULL (a deleted entry).  0 (also when
 * nothing was saved), ERROR_CANNOT_OPEN_PHONEBOOK,
 * ERROR_CANNOT_WRITE_PHONEBOOK or ERROR_NOT_ENOUGH_MEMORY. */
DWORD sim_creds_move(const sim_pbk *pbk, const char *entry, const char *new_name);
/* Frees the fields, zeroing the password. */
void sim_creds_clear(sim_creds *c);

/* ---- any key of a store section (credentials.c) ------------------------- */

/* What RasGetCredentialsW / RasGetEntryDialParamsW return instead of a saved
 * password or pre-shared key. */
#define SIM_CREDS_PASSWORD_HANDLE "****************"
/* Non-zero when the terminated field pw is SIM_CREDS_PASSWORD_HANDLE. */
int sim_is_password_handle(const WCHAR *pw);

/* One value of a store section: bytes (one more, zero, byte allocated). */
typedef struct sim_blob {
    unsigned char *data;
    size_t len;
    int present;
} sim_blob;

/* Reads keys[0..n) of `section` of the store beside the phonebook at
 * pbk_path (entry names as written in the phonebook, or the reserved
 * sections starting with '.') into out[0..n) (present 0 when absent).  A
 * missing store, or pbk_path "", reads as empty.  0,
 * ERROR_CANNOT_OPEN_PHONEBOOK or ERROR_NOT_ENOUGH_MEMORY; on failure out[]
 * is empty. */
DWORD sim_store_read(const char *pbk_path, const char *section, const char *const *keys, size_t n,
                     sim_blob *out);
/* Zeroes and frees n values. */
void sim_blob_clear(sim_blob *b, size_t n);

/* One change: store len bytes of data under key, or remove the key. */
typedef struct sim_store_put {
    const char *key;
    const void *data;
    size_t len;
    int remove;
} sim_store_put;

/* Applies the changes to `section` (created if needed) in one atomic
 * read-modify-write of the store.  0, ERROR_CANNOT_OPEN_PHONEBOOK,
 * ERROR_CANNOT_WRITE_PHONEBOOK (also for pbk_path "") or
 * ERROR_NOT_ENOUGH_MEMORY. */
DWORD sim_store_write(const char *pbk_path, const char *section, const sim_store_put *puts,
                      size_t n);

#endif /* RASSIM_CREDSTORE_H */
