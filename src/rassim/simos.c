/*
 * simos.c -- see simos.h.
 */
#include "simcommon.h"
#include "simos.h"
#include "simutf.h"
#include "simutil.h"

#include <stdlib.h>
#include <string.h>

#ifdef _WIN32

#include <stdio.h>

static WCHAR *to_wide(const char *s) { return sim_u8_to_wdup(s, strlen(s)); }

static int classify_open_error(DWORD err)
{
    if (err == ERROR_FILE_NOT_FOUND || err == ERROR_PATH_NOT_FOUND ||
        err == ERROR_INVALID_NAME)
        return SIM_IO_MISSING;
    return SIM_IO_UNREADABLE;
}

/* Reads exactly len bytes from h into a new buffer. */
static int read_handle(HANDLE h, size_t len, char **data)
{
    char *buf = (char *)malloc(len + 1);
    size_t got = 0;
    if (buf == NULL)
        return SIM_IO_NOMEM;
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

int sim_file_read(const char *path, char **data, size_t *len)
{
    LARGE_INTEGER size;
    HANDLE h;
    int rc;
    WCHAR *wpath = to_wide(path);
    if (wpath == NULL)
        return SIM_IO_NOMEM;
    h = CreateFileW(wpath, GENERIC_READ,
                    FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                    OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    free(wpath);
    if (h == INVALID_HANDLE_VALUE)
        return classify_open_error(GetLastError());
    if (!GetFileSizeEx(h, &size) || size.QuadPart < 0 ||
        (uint64_t)size.QuadPart > SIM_MAX_FILE_BYTES)
        rc = SIM_IO_UNREADABLE;
    else
        rc = read_handle(h, (size_t)size.QuadPart, data);
    CloseHandle(h);
    if (rc == SIM_IO_OK)
        *len = (size_t)size.QuadPart;
    return rc;
}

/* Writes all of data to a new file wtmp (which must not exist). */
static int write_new_file(const WCHAR *wtmp, const char *data, size_t len)
{
    size_t done = 0;
    int ok = 1;
    HANDLE h = CreateFileW(wtmp, GENERIC_WRITE, 0, NULL, CREATE_NEW,
                           FILE_ATTRIBUTE_NORMAL, NULL);
    if (h == INVALID_HANDLE_VALUE)
        return 0;
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

int sim_file_write_atomic(const char *path, const char *data, size_t len,
                          int private_file)
{
    static volatile LONG counter;
    char suffix[64];
    sim_buf tmp = {0};
    WCHAR *wpath, *wtmp;
    int ok = 0;
    (void)private_file;
    snprintf(suffix, sizeof suffix, ".tmp%lx-%lx", (unsigned long)GetCurrentProcessId(),
             (unsigned long)InterlockedIncrement(&counter));
    sim_buf_adds(&tmp, path);
    sim_buf_adds(&tmp, suffix);
    if (tmp.failed)
        return -1;
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
            if (ok || (err != ERROR_ACCESS_DENIED && err != ERROR_SHARING_VIOLATION))
                break;
            Sleep(1);
        }
        if (!ok)
            DeleteFileW(wtmp);
    }
    free(wpath);
    free(wtmp);
    sim_buf_free(&tmp);
    return ok ? 0 : -1;
}

char *sim_env_get(const char *name)
{
    WCHAR *wname = to_wide(name);
    WCHAR *value;
    DWORD need, got;
    char *out = NULL;
    if (wname == NULL)
        return NULL;
    need = GetEnvironmentVariableW(wname, NULL, 0);
    value = need > 1 ? (WCHAR *)malloc((size_t)need * sizeof(WCHAR)) : NULL;
    if (value != NULL) {
        got = GetEnvironmentVariableW(wname, value, need);
        if (got > 0 && got < need)
            out = sim_w_to_u8(value, got);
        free(value);
    }
    free(wname);
    return out;
}

int sim_path_absolute(const char *path, char **out)
{
    WCHAR *wpath = to_wide(path);
    WCHAR *full;
    DWORD need, got;
    if (wpath == NULL)
        return SIM_NOMEM;
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

int sim_path_equal(const char *a, const char *b)
{
    return sim_u8_ieq(a, strlen(a), b, strlen(b));
}

const char *sim_path_sep(void) { return "\\"; }

#else /* POSIX */

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

static int read_fd(int fd, size_t len, char **data)
{
    char *buf = (char *)malloc(len + 1);
    size_t got = 0;
    if (buf == NULL)
        return SIM_IO_NOMEM;
    while (got < len) {
        ssize_t n = read(fd, buf + got, len - got);
        if (n < 0 && errno == EINTR)
            continue;
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

int sim_file_read(const char *path, char **data, size_t *len)
{
    struct stat st;
    int rc;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return (errno == ENOENT || errno == ENOTDIR) ? SIM_IO_MISSING : SIM_IO_UNREADABLE;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < 0 ||
        (uint64_t)st.st_size > SIM_MAX_FILE_BYTES)
        rc = SIM_IO_UNREADABLE;
    else
        rc = read_fd(fd, (size_t)st.st_size, data);
    close(fd);
    if (rc == SIM_IO_OK)
        *len = (size_t)st.st_size;
    return rc;
}

static int write_all(int fd, const char *data, size_t len)
{
    size_t done = 0;
    while (done < len) {
        ssize_t n = write(fd, data + done, len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return 0;
        done += (size_t)n;
    }
    return 1;
}

/* Mode for the replacement file: owner-only, or that of the old file. */
static mode_t target_mode(const char *path, int private_file)
{
    struct stat st;
    if (private_file)
        return 0600;
    if (stat(path, &st) == 0)
        return st.st_mode & 07777;
    return 0644;
}

int sim_file_write_atomic(const char *path, const char *data, size_t len,
                          int private_file)
{
    sim_buf tmp = {0};
    int fd, ok;
    sim_buf_adds(&tmp, path);
    sim_buf_adds(&tmp, ".tmpXXXXXX");
    if (tmp.failed)
        return -1;
    fd = mkstemp(tmp.data);
    if (fd < 0) {
        sim_buf_free(&tmp);
        return -1;
    }
    ok = fchmod(fd, target_mode(path, private_file)) == 0 &&
         write_all(fd, data, len) && fsync(fd) == 0;
    ok = (close(fd) == 0) && ok;
    ok = ok && rename(tmp.data, path) == 0;
    if (!ok)
        unlink(tmp.data);
    sim_buf_free(&tmp);
    return ok ? 0 : -1;
}

char *sim_env_get(const char *name)
{
    const char *v = getenv(name);
    if (v == NULL || v[0] == '\0')
        return NULL;
    return sim_strdup(v);
}

int sim_path_absolute(const char *path, char **out)
{
    sim_buf b = {0};
    char *cwd;
    size_t size = 256;
    if (path[0] == '/') {
        *out = sim_strdup(path);
        return *out != NULL ? SIM_OK : SIM_NOMEM;
    }
    for (;;) {
        cwd = (char *)malloc(size);
        if (cwd == NULL)
            return SIM_NOMEM;
        if (getcwd(cwd, size) != NULL)
            break;
        free(cwd);
        if (errno != ERANGE || size > 65536)
            return SIM_BAD;
        size *= 2;
    }
    sim_buf_adds(&b, cwd);
    if (b.len == 0 || b.data[b.len - 1] != '/')
        sim_buf_adds(&b, "/");
    sim_buf_adds(&b, path);
    free(cwd);
    if (b.failed)
        return SIM_NOMEM;
    *out = b.data;
    return SIM_OK;
}

int sim_path_equal(const char *a, const char *b) { return strcmp(a, b) == 0; }

const char *sim_path_sep(void) { return "/"; }

#endif
