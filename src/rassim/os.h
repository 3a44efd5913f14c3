/*
 * os.h -- operating-system services of the simulator: whole-file reads,
 * atomic whole-file writes, environment variables and paths.  All paths
 * and values are UTF-8 (WTF-8) strings; on Windows they are converted to
 * UTF-16 and the W APIs are used (GetEnvironmentVariableW, CreateFileW,
 * MoveFileExW), never the C runtime's environment or narrow paths.
 */
#ifndef RASSIM_OS_H
#define RASSIM_OS_H

#include "common.h"

/* Results of sim_file_read. */
#define SIM_IO_OK         0
#define SIM_IO_MISSING    1 /* the file (or a directory on its path) does not exist */
#define SIM_IO_UNREADABLE 2 /* exists but cannot be read: directory, permission, too big */
#define SIM_IO_NOMEM      3
#define SIM_IO_CORRUPT    4 /* read, but the content is unusable (sim_ini_load) */

/* Largest file the simulator reads. */
#define SIM_MAX_FILE_BYTES ((size_t)16 * 1024 * 1024)

/* Reads a whole file into a new NUL-terminated buffer.  Never blocks on
 * what is not a regular file: a FIFO, a directory, a device or a socket is
 * SIM_IO_UNREADABLE at once (POSIX: opened with O_NONBLOCK and checked with
 * fstat; Windows: GetFileType must be FILE_TYPE_DISK and the attributes
 * not a directory).  A dangling symbolic link is SIM_IO_UNREADABLE too (the
 * name exists, its target does not), so a writer never replaces the link. */
int sim_file_read(const char *path, char **data, size_t *len);
/* Replaces path atomically: writes a temporary file in the same directory
 * and renames it over path.  private_file: create with owner-only access
 * (POSIX mode 0600); otherwise keep the mode of the file being replaced
 * (0644 for a new file).  Returns 0 on success. */
int sim_file_write_atomic(const char *path, const char *data, size_t len, int private_file);

/* The cross-process lock of a store: an exclusive lock on the file
 * `<path>.lock` beside it (created empty when missing, never removed; the
 * store itself cannot carry the lock because writers replace it by
 * rename).  Linux: an open-file-description lock (F_OFD_SETLKW) on the
 * whole file; other POSIX systems (and Linux before 3.15): a classic
 * fcntl(F_SETLKW) lock, which belongs to the whole process and is dropped
 * when any descriptor of the file is closed, so callers also serialise the
 * threads of the process (the stores' in-process mutexes do); Windows:
 * LockFileEx(LOCKFILE_EXCLUSIVE_LOCK) on the first byte.  All block until
 * granted and are released by sim_file_lock_release or when the process
 * ends (a crashed writer never leaves a stale lock). */
typedef struct sim_file_lock {
#ifdef _WIN32
    HANDLE handle;
#else
    int fd;
#endif
    int held;
} sim_file_lock;

/* Results of sim_file_lock_take besides SIM_OK (held) and SIM_NOMEM. */
#define SIM_LOCK_NOFILE                              \
    3 /* the lock file cannot be created because its \
       * directory is missing or not writable: not   \
       * held; no file can be written there either */
#define SIM_LOCK_FAILED                            \
    4 /* any other failure: the name is taken by a \
       * directory, a FIFO or a device (Windows: a \
       * directory there is access denied, so      \
       * SIM_LOCK_NOFILE), or the lock call failed */

int sim_file_lock_take(const char *path, sim_file_lock *lock);
/* Releases a lock taken by sim_file_lock_take (no-op when not held). */
void sim_file_lock_release(sim_file_lock *lock);

/* New UTF-8 copy of an environment variable; NULL when unset, empty or out
 * of memory. */
char *sim_env_get(const char *name);

/* New absolute form of path (relative paths are taken from the current
 * directory; nothing else is normalised off Windows, GetFullPathNameW on
 * Windows).  SIM_OK, SIM_BAD (cannot be made absolute) or SIM_NOMEM. */
int sim_path_absolute(const char *path, char **out);
/* Path equality: exact off Windows, case-insensitive on Windows. */
int sim_path_equal(const char *a, const char *b);
/* The platform's directory separator as a string. */
const char *sim_path_sep(void);

#endif /* RASSIM_OS_H */
