/*
 * ini.h -- a line-preserving INI document: `[Section]` headers and
 * `Key=Value` lines.  Every line is kept verbatim (comments, blank lines,
 * unknown keys, their order, the UTF-8 BOM and the end-of-line style), so a
 * document that is parsed, edited and serialised changes only what was
 * edited.  Keys are case-sensitive; section names are matched
 * case-insensitively.  A section is identified by the index of its header
 * line.
 */
#ifndef RASSIM_INI_H
#define RASSIM_INI_H

#include "common.h"
#include "os.h"

#define SIM_INI_NONE ((size_t) - 1)

typedef struct sim_ini {
    char **lines; /* without their end-of-line characters */
    size_t count;
    size_t cap;
    int bom;       /* the text started with a UTF-8 byte order mark */
    int crlf;      /* lines end with CR LF (else LF) */
    int final_eol; /* the last line was terminated */
} sim_ini;

/* An empty document (LF line ends off Windows, CR LF on Windows). */
void sim_ini_init(sim_ini *ini);
/* Parses text into ini (initialised here).  SIM_OK, SIM_BAD (the text
 * contains a NUL byte) or SIM_NOMEM. */
int sim_ini_parse(sim_ini *ini, const char *data, size_t len);
void sim_ini_free(sim_ini *ini);
/* Reads and parses a file into ini (always initialised; empty on failure).
 * The file text is zeroed before it is freed.  A SIM_IO_* result of
 * os.h: OK, MISSING, UNREADABLE, NOMEM or CORRUPT (a NUL byte). */
int sim_ini_load(sim_ini *ini, const char *path);
/* New text of the document (caller frees); NULL when out of memory. */
char *sim_ini_serialize(const sim_ini *ini, size_t *len);
/* Serializes ini and replaces path with it atomically (sim_file_write_atomic).
 * secret: the file is private (0600) and the serialized text is wiped.
 * Returns 0, ERROR_NOT_ENOUGH_MEMORY or ERROR_CANNOT_WRITE_PHONEBOOK. */
DWORD sim_ini_save(const sim_ini *ini, const char *path, int secret);
/* Takes the cross-process lock of the store at path (sim_file_lock_take)
 * for a read-modify-write cycle; release it with sim_file_lock_release.
 * 0 when held, and also when no lock file can be made because the
 * directory is missing or not writable (SIM_LOCK_NOFILE: then no file can
 * be written there either, and the cycle ends in the error it would give
 * anyway); ERROR_NOT_ENOUGH_MEMORY; ERROR_CANNOT_WRITE_PHONEBOOK for any
 * other failure (SIM_LOCK_FAILED). */
DWORD sim_ini_lock(const char *path, sim_file_lock *lock);

/* Non-zero when line is a section header; gives the name (between the first
 * '[' and the last ']'). */
int sim_ini_header_name(const char *line, const char **name, size_t *len);
/* Non-zero when line is `Key=Value` (not a comment or header); key and
 * value are trimmed of spaces and tabs. */
int sim_ini_line_kv(const char *line, const char **key, size_t *klen, const char **val,
                    size_t *vlen);

/* First header line at index >= from, or SIM_INI_NONE. */
size_t sim_ini_next_header(const sim_ini *ini, size_t from);
/* Index just past the last line of the section whose header is header. */
size_t sim_ini_section_end(const sim_ini *ini, size_t header);
/* Header of the first section named name (case-insensitive), or NONE. */
size_t sim_ini_find_section(const sim_ini *ini, const char *name, size_t len);

/* Value of the first `key=` line of the section (exact key case). */
int sim_ini_get(const sim_ini *ini, size_t header, const char *key, const char **val, size_t *vlen);
/* Like sim_ini_get, into a new string: SIM_OK (*out NULL when absent) or
 * SIM_NOMEM. */
int sim_ini_get_dup(const sim_ini *ini, size_t header, const char *key, char **out);

/* Replaces the first `key=` line of the section, or inserts one: before the
 * first line whose key is before_key (when given and present), otherwise
 * after the last non-blank line of the section.  SIM_OK, SIM_BAD (key or
 * value unusable: empty key, '=', '[' first, or line breaks) or SIM_NOMEM. */
int sim_ini_set(sim_ini *ini, size_t header, const char *key, const char *value,
                const char *before_key);
/* Removes every `key=` line of the section; returns how many. */
size_t sim_ini_remove(sim_ini *ini, size_t header, const char *key);
/* Appends a new section; its header index goes to *header.  SIM_OK,
 * SIM_BAD (empty name or line breaks) or SIM_NOMEM. */
int sim_ini_add_section(sim_ini *ini, const char *name, size_t *header);
/* Gives section `header` a new name, keeping its lines.  SIM_OK, SIM_BAD
 * (empty name or line breaks) or SIM_NOMEM. */
int sim_ini_rename_section(sim_ini *ini, size_t header, const char *name);
/* Removes a section: its header and all its lines. */
void sim_ini_remove_section(sim_ini *ini, size_t header);

/* Line-level editing for callers that work on blocks of a section (the
 * MEDIA=/DEVICE= link blocks of a phonebook entry). */
/* Inserts `key=value` as a new line before index at (0..count).  SIM_OK,
 * SIM_BAD (as sim_ini_set) or SIM_NOMEM. */
int sim_ini_insert_kv(sim_ini *ini, size_t at, const char *key, const char *value);
/* Replaces line at with `key=value`.  SIM_OK, SIM_BAD or SIM_NOMEM. */
int sim_ini_replace_kv(sim_ini *ini, size_t at, const char *key, const char *value);
/* Removes line at. */
void sim_ini_delete_line(sim_ini *ini, size_t at);

#endif /* RASSIM_INI_H */
