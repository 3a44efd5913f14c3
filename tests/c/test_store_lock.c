/*
 * test_store_lock.c -- C tests of cross-process store locks and non-regular
 * files (os.c, credstore.c, phonebook.c).
 */
#include "simtest.h"

/* ---- cross-process store locks and non-regular files (issue 14) --------- */

#ifndef _WIN32
#include <errno.h>
#include <fcntl.h>
#include <sys/wait.h>

/* In a child process: 1 when a write lock on path can be had without
 * waiting (F_SETLK), 0 when another process holds one, -1 on error. */
static int
other_process_can_lock(const char *path)
{
    int status = 0;
    pid_t pid = fork();
    if (pid == 0) {
        struct flock fl;
        int fd = open(path, O_RDWR);
        memset(&fl, 0, sizeof fl);
        fl.l_type = F_WRLCK;
        fl.l_whence = SEEK_SET;
        if (fd < 0) {
            _exit(3);
        }
        if (fcntl(fd, F_SETLK, &fl) == 0) {
            _exit(1);
        }
        _exit(errno == EAGAIN || errno == EACCES ? 0 : 3);
    }
    if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status)) {
        return -1;
    }
    return WEXITSTATUS(status) == 3 ? -1 : WEXITSTATUS(status);
}
#else
/* LockFileEx locks belong to the handle: a second handle of this process
 * sees the lock as another process would.  1 when it gets the lock at once. */
static int
other_process_can_lock(const char *path)
{
    OVERLAPPED ov;
    int got;
    HANDLE h = CreateFileA(path, GENERIC_READ | GENERIC_WRITE,
                           FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                           OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    if (h == INVALID_HANDLE_VALUE) {
        return -1;
    }
    memset(&ov, 0, sizeof ov);
    got = LockFileEx(h, LOCKFILE_EXCLUSIVE_LOCK | LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &ov) != 0;
    if (got) {
        UnlockFileEx(h, 0, 1, 0, &ov);
    }
    CloseHandle(h);
    return got;
}
#endif

SIMTEST(store_lock)
{
    sim_file_lock lock, none;
    sim_ini ini;
    char *text;
    size_t len;
    const char *store = P("locked.pbk");
    const char *lockfile = P("locked.pbk.lock");
    write_file(store, "[A]\n");
    CHECK_EQ(sim_file_lock_take(store, &lock), SIM_OK);
    CHECK(lock.held);
    CHECK_EQ(other_process_can_lock(lockfile), 0);
    /* a writer may replace the store by rename while the lock is held */
    sim_ini_init(&ini);
    CHECK_EQ(sim_ini_parse(&ini, "[B]\n", 4), SIM_OK);
    CHECK_EQ(sim_ini_save(&ini, store, 0), 0);
    sim_ini_free(&ini);
    CHECK_EQ(other_process_can_lock(lockfile), 0);
    sim_file_lock_release(&lock);
    CHECK(!lock.held);
    CHECK_EQ(other_process_can_lock(lockfile), 1);
    /* the lock lived in <store>.lock, created empty (checked only now: with
     * classic POSIX locks, closing any descriptor of the file drops them) */
    text = read_text(lockfile, &len);
    CHECK(text != NULL && len == 0);
    free(text);
    sim_file_lock_release(&lock); /* twice: no-op */
    /* taken again after release; the lock file is reused */
    CHECK_EQ(sim_file_lock_take(store, &lock), SIM_OK);
    sim_file_lock_release(&lock);
    /* no lock file can be made: not held, and sim_ini_lock lets the cycle
     * go on (its write fails there anyway) */
    CHECK_EQ(sim_file_lock_take(P("no-such-dir/x.pbk"), &none), SIM_LOCK_NOFILE);
    CHECK(!none.held);
    sim_file_lock_release(&none);
    CHECK_EQ(sim_ini_lock(P("no-such-dir/x.pbk"), &none), 0);
    CHECK(!none.held);
    /* a directory where the lock file should be: the change fails (POSIX);
     * Windows answers access denied, as for a read-only directory */
    make_dir(P("dirlock.pbk.lock"));
#ifndef _WIN32
    CHECK_EQ(sim_file_lock_take(P("dirlock.pbk"), &none), SIM_LOCK_FAILED);
    CHECK_EQ(sim_ini_lock(P("dirlock.pbk"), &none), ERROR_CANNOT_WRITE_PHONEBOOK);
    /* ...and so does a FIFO there, without waiting */
    CHECK_EQ(mkfifo(P("fifolock.pbk.lock"), 0600), 0);
    CHECK_EQ(sim_file_lock_take(P("fifolock.pbk"), &none), SIM_LOCK_FAILED);
#else
    CHECK_EQ(sim_file_lock_take(P("dirlock.pbk"), &none), SIM_LOCK_NOFILE);
#endif
    CHECK(!none.held);
    /* a phonebook change takes and releases the phonebook's lock */
    write_standard_pbk();
    CHECK_EQ(RasRenameEntryW(W(PBK), W("Office VPN"), W("Renamed")), 0);
    text = NULL;
    {
        sim_buf lp = { 0 };
        sim_buf_adds(&lp, PBK);
        sim_buf_adds(&lp, ".lock");
        CHECK(!lp.failed);
        if (!lp.failed) {
            text = read_text(lp.data, &len);
            CHECK(text != NULL && len == 0);
            CHECK_EQ(other_process_can_lock(lp.data), 1);
        }
        sim_buf_free(&lp);
    }
    free(text);
}

SIMTEST(non_regular_files)
{
    char *data = NULL;
    size_t len = 0;
    sim_pbk pbk;
    FILE *f;
    /* a directory */
    make_dir(P("adir.pbk"));
    CHECK_EQ(sim_file_read(P("adir.pbk"), &data, &len), SIM_IO_UNREADABLE);
    CHECK_EQ(sim_pbk_load(W(P("adir.pbk")), &pbk), ERROR_CANNOT_OPEN_PHONEBOOK);
    sim_pbk_free(&pbk);
    /* one byte over the size limit */
    f = fopen(P("huge.pbk"), "wb");
    CHECK(f != NULL);
    if (f != NULL) {
        CHECK(fseek(f, (long)SIM_MAX_FILE_BYTES, SEEK_SET) == 0);
        fputc('x', f);
        fclose(f);
    }
    CHECK_EQ(sim_file_read(P("huge.pbk"), &data, &len), SIM_IO_UNREADABLE);
    remove(P("huge.pbk"));
    /* a NUL byte: read, but unusable (not "nul.pbk": Windows may take that
     * name for the NUL device, as Wine does) */
    write_bytes(P("zero.pbk"), "[A]\n\0\n", 6);
    CHECK_EQ(sim_pbk_load(W(P("zero.pbk")), &pbk), ERROR_CANNOT_LOAD_PHONEBOOK);
    sim_pbk_free(&pbk);
#ifndef _WIN32
    /* a FIFO without a writer: answered at once, never read */
    CHECK_EQ(mkfifo(P("fifo.pbk"), 0600), 0);
    CHECK_EQ(sim_file_read(P("fifo.pbk"), &data, &len), SIM_IO_UNREADABLE);
    CHECK_EQ(sim_pbk_load(W(P("fifo.pbk")), &pbk), ERROR_CANNOT_OPEN_PHONEBOOK);
    sim_pbk_free(&pbk);
    CHECK_EQ(RasDeleteEntryW(W(P("fifo.pbk")), W("A")), ERROR_CANNOT_OPEN_PHONEBOOK);
    CHECK_EQ(sim_file_read("/dev/null", &data, &len), SIM_IO_UNREADABLE); /* a device */
    /* a dangling symbolic link exists but cannot be read; a write never
     * replaces it */
    CHECK_EQ(symlink(P("gone/target.pbk"), P("dangling.pbk")), 0);
    CHECK_EQ(sim_file_read(P("dangling.pbk"), &data, &len), SIM_IO_UNREADABLE);
    CHECK(sim_file_write_atomic(P("dangling.pbk"), "x", 1, 0) != 0);
    {
        struct stat st;
        CHECK(lstat(P("dangling.pbk"), &st) == 0 && S_ISLNK(st.st_mode));
    }
    /* a path through a regular file is missing */
    write_file(P("plain"), "x");
    CHECK_EQ(sim_file_read(P("plain/sub.pbk"), &data, &len), SIM_IO_MISSING);
#else
    /* a device name */
    CHECK_EQ(sim_file_read("NUL", &data, &len), SIM_IO_UNREADABLE);
#endif
    CHECK(data == NULL);
}
