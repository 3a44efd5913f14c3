/*
 * os.c -- see os.h.
 */
#ifndef _WIN32
/* realpath() is an X/Open function (XSI), beyond common.h's POSIX level */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif
#endif
#include "common.h"
#include "os.h"
#include "utf.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

#ifdef _WIN32

#include <stdio.h>

static WCHAR *
to_wide(const char *s)
{
    return sim_u8_to_wdup(s, strlen(s));
}

static int
classify_open_error(DWORD err)
{
    if (err == ERROR_FILE_NOT_FOUND || err == ERROR_PATH_NOT_FOUND || err == ERROR_INVALID_NAME) {
        return SIM_IO_MISSING;
    }
    return SIM_IO_UNREADABLE;
}

/* Reads exactly len bytes from h into a new buffer. */
static int
read_handle(HANDLE h, size_t len, char **data)
{
    char *buf = (char *)malloc(len + 1);
    size_t got = 0;
    if (buf == NULL) {
        return SIM_IO_NOMEM;
    }
    while (got < len) {
        DWORD n = 0;
        if (!ReadFile(h, buf + got, (DWORD)(len - got), &n, NULL) || n == 0) {
            free(buf);
            return SIM_IO_UNREADABLE;
        }
        got += n;
    }
    buf[len] = '\0';
    *data = buf;
    return SIM_IO_OK;
}

int
sim_file_read(const char *path, char **data, size_t *len)
{
    LARGE_INTEGER size;
    HANDLE h;
    int rc;
    WCHAR *wpath = to_wide(path);
    if (wpath == NULL) {
        return SIM_IO_NOMEM;
    }
    h = CreateFileW(wpath, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                    NULL, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    free(wpath);
    if (h == INVALID_HANDLE_VALUE) {
        return classify_open_error(GetLastError());
    }
    /* a pipe, a console or another device is never read */
    if (GetFileType(h) != FILE_TYPE_DISK || !GetFileSizeEx(h, &size) || size.QuadPart < 0 ||
        (uint64_t)size.QuadPart > SIM_MAX_FILE_BYTES) {
        rc = SIM_IO_UNREADABLE;
    } else {
        rc = read_handle(h, (size_t)size.QuadPart, data);
    }
    CloseHandle(h);
    if (rc == SIM_IO_OK) {
        *len = (size_t)size.QuadPart;
    }
    return rc;
}

/* Writes all of data to a new file wtmp (which must not exist). */
static int
write_new_file(const WCHAR *wtmp, const char *data, size_t len)
{
    size_t done = 0;
    int ok = 1;
    HANDLE h = CreateFileW(wtmp, GENERIC_WRITE, 0, NULL, CREATE_NEW, FILE_ATTRIBUTE_NORMAL, NULL);
    if (h == INVALID_HANDLE_VALUE) {
        return 0;
    }
    while (ok && done < len) {
        DWORD n = 0;
        DWORD chunk = (len - done) > 0x40000000u ? 0x40000000u : (DWORD)(len - done);
        ok = WriteFile(h, data + done, chunk, &n, NULL) && n > 0;
        done += n;
    }
    ok = ok && FlushFileBuffers(h);
    CloseHandle(h);
    return ok;
}

int
sim_file_write_atomic(const char *path, const char *data, size_t len, int private_file)
{
    static volatile LONG counter;
    char suffix[64];
    sim_buf tmp = { 0 };
    WCHAR *wpath, *wtmp;
    int ok = 0;
    (void)private_file;
    snprintf(suffix, sizeof suffix, ".tmp%lx-%lx", (unsigned long)GetCurrentProcessId(),
             (unsigned long)InterlockedIncrement(&counter));
    sim_buf_adds(&tmp, path);
    sim_buf_adds(&tmp, suffix);
    if (tmp.failed) {
        return -1;
    }
    wpath = to_wide(path);
    wtmp = to_wide(tmp.data);
    if (wpath != NULL && wtmp != NULL && write_new_file(wtmp, data, len)) {
        /* A reader of the old file (another thread, another process) may
         * hold it open for a moment: retry briefly on a sharing conflict. */
        int attempt;
        for (attempt = 0; attempt < 200; attempt++) {
            DWORD err;
            ok = MoveFileExW(wtmp, wpath, MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH);
            err = ok ? 0 : GetLastError();
            if (ok || (err != ERROR_ACCESS_DENIED && err != ERROR_SHARING_VIOLATION)) {
                break;
            }
            Sleep(1);
        }
        if (!ok) {
            DeleteFileW(wtmp);
        }
    }
    free(wpath);
    free(wtmp);
    sim_buf_free(&tmp);
    return ok ? 0 : -1;
}

/* path + ".lock" as a new UTF-16 string. */
static WCHAR *
lock_path(const char *path)
{
    sim_buf b = { 0 };
    WCHAR *w;
    sim_buf_adds(&b, path);
    sim_buf_adds(&b, ".lock");
    if (b.failed) {
        return NULL;
    }
    w = to_wide(b.data);
    sim_buf_free(&b);
    return w;
}

int
sim_file_lock_take(const char *path, sim_file_lock *lock)
{
    OVERLAPPED ov;
    HANDLE h;
    WCHAR *wlock = lock_path(path);
    lock->handle = INVALID_HANDLE_VALUE;
    lock->held = 0;
    if (wlock == NULL) {
        return SIM_NOMEM;
    }
    h = CreateFileW(wlock, GENERIC_READ | GENERIC_WRITE,
                    FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL, OPEN_ALWAYS,
                    FILE_ATTRIBUTE_NORMAL, NULL);
    free(wlock);
    if (h == INVALID_HANDLE_VALUE) {
        /* a directory that is missing or cannot be written (Windows also
         * says access denied for a directory in the lock file's place) */
        DWORD e = GetLastError();
        return (e == ERROR_FILE_NOT_FOUND || e == ERROR_PATH_NOT_FOUND ||
                e == ERROR_ACCESS_DENIED || e == ERROR_WRITE_PROTECT)
                   ? SIM_LOCK_NOFILE
                   : SIM_LOCK_FAILED;
    }
    if (GetFileType(h) != FILE_TYPE_DISK) {
        CloseHandle(h);
        return SIM_LOCK_FAILED;
    }
    memset(&ov, 0, sizeof ov);
    /* a synchronous handle: blocks until the lock is granted */
    if (!LockFileEx(h, LOCKFILE_EXCLUSIVE_LOCK, 0, 1, 0, &ov)) {
        CloseHandle(h);
        return SIM_LOCK_FAILED;
    }
    lock->handle = h;
    lock->held = 1;
    return SIM_OK;
}

void
sim_file_lock_release(sim_file_lock *lock)
{
    OVERLAPPED ov;
    if (!lock->held) {
        return;
    }
    memset(&ov, 0, sizeof ov);
    UnlockFileEx(lock->handle, 0, 1, 0, &ov);
    CloseHandle(lock->handle);
    lock->handle = INVALID_HANDLE_VALUE;
    lock->held = 0;
}

char *
sim_env_get(const char *name)
{
    WCHAR *wname = to_wide(name);
    WCHAR *value;
    DWORD need, got;
    char *out = NULL;
    if (wname == NULL) {
        return NULL;
    }
    need = GetEnvironmentVariableW(wname, NULL, 0);
    value = need > 1 ? (WCHAR *)malloc((size_t)need * sizeof(WCHAR)) : NULL;
    if (value != NULL) {
        got = GetEnvironmentVariableW(wname, value, need);
        if (got > 0 && got < need) {
            out = sim_w_to_u8(value, got);
        }
        free(value);
    }
    free(wname);
    return out;
}

int
sim_path_absolute(const char *path, char **out)
{
    WCHAR *wpath = to_wide(path);
    WCHAR *full;
    DWORD need, got;
    if (wpath == NULL) {
        return SIM_NOMEM;
    }
    need = GetFullPathNameW(wpath, 0, NULL, NULL);
    full = need > 0 ? (WCHAR *)malloc((size_t)need * sizeof(WCHAR)) : NULL;
    got = full != NULL ? GetFullPathNameW(wpath, need, full, NULL) : 0;
    free(wpath);
    if (got == 0 || got >= need) {
        free(full);
        return need == 0 ? SIM_BAD : SIM_NOMEM;
    }
    *out = sim_w_to_u8(full, got);
    free(full);
    return *out != NULL ? SIM_OK : SIM_NOMEM;
}

int
sim_path_equal(const char *a, const char *b)
{
    return sim_u8_ieq(a, strlen(a), b, strlen(b));
}

const char *
sim_path_sep(void)
{
    return "\\";
}

#else /* POSIX */

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

static int
read_fd(int fd, size_t len, char **data)
{
    char *buf = (char *)malloc(len + 1);
    size_t got = 0;
    if (buf == NULL) {
        return SIM_IO_NOMEM;
    }
    while (got < len) {
        ssize_t n = read(fd, buf + got, len - got);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            free(buf);
            return SIM_IO_UNREADABLE;
        }
        got += (size_t)n;
    }
    buf[len] = '\0';
    *data = buf;
    return SIM_IO_OK;
}

/* Why open(path) failed, as a SIM_IO_* result. */
static int
classify_open_error(const char *path, int err)
{
    struct stat lst;
    if (err == ENOTDIR) {
        return SIM_IO_MISSING;
    }
    if (err != ENOENT) {
        return SIM_IO_UNREADABLE;
    }
    /* ENOENT for a name that exists: a dangling symbolic link */
    return lstat(path, &lst) == 0 ? SIM_IO_UNREADABLE : SIM_IO_MISSING;
}

int
sim_file_read(const char *path, char **data, size_t *len)
{
    struct stat st;
    int rc, flags;
    /* O_NONBLOCK: opening a FIFO without a writer (or a device) must not
     * wait; what is not a regular file is rejected before any read */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        return classify_open_error(path, errno);
    }
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < 0 ||
        (uint64_t)st.st_size > SIM_MAX_FILE_BYTES) {
        rc = SIM_IO_UNREADABLE;
    } else if ((flags = fcntl(fd, F_GETFL)) == -1 ||
               fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) == -1) {
        rc = SIM_IO_UNREADABLE;
    } else {
        rc = read_fd(fd, (size_t)st.st_size, data);
    }
    close(fd);
    if (rc == SIM_IO_OK) {
        *len = (size_t)st.st_size;
    }
    return rc;
}

static int
write_all(int fd, const char *data, size_t len)
{
    size_t done = 0;
    while (done < len) {
        ssize_t n = write(fd, data + done, len - done);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return 0;
        }
        done += (size_t)n;
    }
    return 1;
}

/* Mode for the replacement file: owner-only, or that of the old file. */
static mode_t
target_mode(const char *path, int private_file)
{
    struct stat st;
    if (private_file) {
        return 0600;
    }
    if (stat(path, &st) == 0) {
        return st.st_mode & 07777;
    }
    return 0644;
}

int
sim_file_write_atomic(const char *path, const char *data, size_t len, int private_file)
{
    sim_buf tmp = { 0 };
    struct stat lst;
    char *target = NULL;
    int fd, ok;
    /* a symbolic link stays: its target is what gets replaced */
    if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode)) {
        target = realpath(path, NULL);
        if (target == NULL) {
            return -1;
        }
        path = target;
    }
    sim_buf_adds(&tmp, path);
    sim_buf_adds(&tmp, ".tmpXXXXXX");
    fd = tmp.failed ? -1 : mkstemp(tmp.data);
    if (fd < 0) {
        sim_buf_free(&tmp);
        free(target);
        return -1;
    }
    ok = fchmod(fd, target_mode(path, private_file)) == 0 && write_all(fd, data, len) &&
         fsync(fd) == 0;
    ok = (close(fd) == 0) && ok;
    ok = ok && rename(tmp.data, path) == 0;
    if (!ok) {
        unlink(tmp.data);
    }
    sim_buf_free(&tmp);
    free(target);
    return ok ? 0 : -1;
}

#if defined(__linux__) && !defined(F_OFD_SETLKW)
#define F_OFD_SETLK  37 /* <fcntl.h> defines them only for _GNU_SOURCE */
#define F_OFD_SETLKW 38
#endif

/* Waits for a write lock on the whole of fd.  Linux: an open file
 * description lock (F_OFD_SETLKW, Linux 3.15), which belongs to this
 * descriptor only, so closing another descriptor of the same file in the
 * process cannot drop it; a kernel without them (EINVAL) and other systems:
 * a classic process-wide lock (F_SETLKW). */
static int
lock_whole_file(int fd)
{
    struct flock fl;
    int rc;
#ifdef F_OFD_SETLKW
    memset(&fl, 0, sizeof fl);
    fl.l_type = F_WRLCK;
    fl.l_whence = SEEK_SET; /* l_start = l_len = 0: the whole file; l_pid 0 */
    do {
        rc = fcntl(fd, F_OFD_SETLKW, &fl);
    } while (rc == -1 && errno == EINTR);
    if (rc == 0 || errno != EINVAL) {
        return rc;
    }
#endif
    memset(&fl, 0, sizeof fl);
    fl.l_type = F_WRLCK;
    fl.l_whence = SEEK_SET;
    do {
        rc = fcntl(fd, F_SETLKW, &fl);
    } while (rc == -1 && errno == EINTR);
    return rc;
}

int
sim_file_lock_take(const char *path, sim_file_lock *lock)
{
    sim_buf b = { 0 };
    struct stat st;
    int fd, flags;
    lock->fd = -1;
    lock->held = 0;
    sim_buf_adds(&b, path);
    sim_buf_adds(&b, ".lock");
    if (b.failed) {
        return SIM_NOMEM;
    }
    /* O_NONBLOCK: a FIFO in the lock file's place must not block the open */
    fd = open(b.data, O_RDWR | O_CREAT | O_CLOEXEC | O_NONBLOCK, 0644);
    sim_buf_free(&b);
    if (fd < 0) {
        /* a directory that is missing or cannot be written: no store can
         * be written there either; anything else (the name taken by a
         * directory, a link loop, no descriptors left) fails the change */
        int e = errno;
        return (e == ENOENT || e == ENOTDIR || e == EACCES || e == EPERM || e == EROFS)
                   ? SIM_LOCK_NOFILE
                   : SIM_LOCK_FAILED;
    }
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (flags = fcntl(fd, F_GETFL)) == -1 ||
        fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) == -1) {
        close(fd);
        return SIM_LOCK_FAILED; /* a FIFO, a device... where the lock file goes */
    }
    if (lock_whole_file(fd) == -1) {
        close(fd);
        return SIM_LOCK_FAILED;
    }
    lock->fd = fd;
    lock->held = 1;
    return SIM_OK;
}

void
sim_file_lock_release(sim_file_lock *lock)
{
    if (!lock->held) {
        return;
    }
    close(lock->fd); /* releases the lock, whichever kind it is */
    lock->fd = -1;
    lock->held = 0;
}

char *
sim_env_get(const char *name)
{
    const char *v = getenv(name);
    if (v == NULL || v[0] == '\0') {
        return NULL;
    }
    return sim_strdup(v);
}

int
sim_path_absolute(const char *path, char **out)
{
    sim_buf b = { 0 };
    char *cwd;
    size_t size = 256;
    if (path[0] == '/') {
        *out = sim_strdup(path);
        return *out != NULL ? SIM_OK : SIM_NOMEM;
    }
    for (;;) {
        cwd = (char *)malloc(size);
        if (cwd == NULL) {
            return SIM_NOMEM;
        }
        if (getcwd(cwd, size) != NULL) {
            break;
        }
        free(cwd);
        if (errno != ERANGE || size > 65536) {
            return SIM_BAD;
        }
        size *= 2;
    }
    sim_buf_adds(&b, cwd);
    if (b.len == 0 || b.data[b.len - 1] != '/') {
        sim_buf_adds(&b, "/");
    }
    sim_buf_adds(&b, path);
    free(cwd);
    if (b.failed) {
        return SIM_NOMEM;
    }
    *out = b.data;
    return SIM_OK;
}

int
sim_path_equal(const char *a, const char *b)
{
    return strcmp(a, b) == 0;
}

const char *
sim_path_sep(void)
{
    return "/";
}

#endif
