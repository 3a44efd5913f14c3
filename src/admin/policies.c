/*
 * policies.c -- the built-in C policies (policy.h).
 *
 *   accept_all    accepts every connection, link and reauthentication, keeps
 *                 RRAS's address proposals, ignores hang-ups and releases.
 *
 * Compiled only into the TEST variant of the DLL (RASPY_ADMIN_TEST), for the
 * tests of the safety machinery ([policy] module = test_...):
 *
 *   test_deny     denies every connection, link and reauthentication.
 *   test_sleep    sleeps [test] sleep_ms in every call, then accepts.
 *   test_fail     fails (returns non-zero) in every call.
 *   test_byname   decides by the user name's prefix (links: by the port
 *                 name's): "deny" denies, "sleep" sleeps sleep_ms then
 *                 accepts, "fail" fails, anything else accepts; an address
 *                 request of a user starting with "static" is assigned
 *                 198.51.100.7 / 2001:db8::7 with a release notification.
 */
#include "policy.h"

#include <stdlib.h>
#include <string.h>

static int
accept_conn(void *ctx, const rasadm_connection *conn, BOOL *accept)
{
    (void)ctx;
    (void)conn;
    *accept = TRUE;
    return 0;
}

static int
accept_link(void *ctx, const rasadm_link *link, BOOL *accept)
{
    (void)ctx;
    (void)link;
    *accept = TRUE;
    return 0;
}

static int
ignore_conn(void *ctx, const rasadm_connection *conn)
{
    (void)ctx;
    (void)conn;
    return 0;
}

static int
ignore_link(void *ctx, const rasadm_link *link)
{
    (void)ctx;
    (void)link;
    return 0;
}

static int
keep_address(void *ctx, const rasadm_address *request, rasadm_address_answer *answer)
{
    (void)ctx;
    (void)request;
    answer->assign = FALSE;
    answer->notify_release = FALSE;
    return 0;
}

static int
ignore_release(void *ctx, const rasadm_address *address)
{
    (void)ctx;
    (void)address;
    return 0;
}

static const rasadm_policy accept_all = {
    "accept_all", NULL,        NULL,        accept_conn,  accept_conn,
    accept_link,  ignore_conn, ignore_link, keep_address, ignore_release,
};

#ifdef RASPY_ADMIN_TEST

typedef struct test_ctx {
    DWORD sleep_ms;
} test_ctx;

static int
test_start(void **ctx, const rasadm_config *config, char *error, size_t error_size)
{
    test_ctx *t = (test_ctx *)malloc(sizeof *t);

    if (t == NULL) {
        strncpy(error, "out of memory", error_size - 1);
        error[error_size - 1] = '\0';
        return -1;
    }
    t->sleep_ms = config->test_sleep_ms;
    *ctx = t;
    return 0;
}

static void
test_stop(void *ctx)
{
    free(ctx);
}

/* ---- test_deny ---- */

static int
deny_conn(void *ctx, const rasadm_connection *conn, BOOL *accept)
{
    (void)ctx;
    (void)conn;
    *accept = FALSE;
    return 0;
}

static int
deny_link(void *ctx, const rasadm_link *link, BOOL *accept)
{
    (void)ctx;
    (void)link;
    *accept = FALSE;
    return 0;
}

static const rasadm_policy test_deny = {
    "test_deny", test_start,  test_stop,   deny_conn,    deny_conn,
    deny_link,   ignore_conn, ignore_link, keep_address, ignore_release,
};

/* ---- test_sleep ---- */

static void
nap(void *ctx)
{
    Sleep(((test_ctx *)ctx)->sleep_ms);
}

static int
sleep_conn(void *ctx, const rasadm_connection *conn, BOOL *accept)
{
    nap(ctx);
    return accept_conn(ctx, conn, accept);
}

static int
sleep_link(void *ctx, const rasadm_link *link, BOOL *accept)
{
    nap(ctx);
    return accept_link(ctx, link, accept);
}

static int
sleep_notify_conn(void *ctx, const rasadm_connection *conn)
{
    nap(ctx);
    return ignore_conn(ctx, conn);
}

static int
sleep_notify_link(void *ctx, const rasadm_link *link)
{
    nap(ctx);
    return ignore_link(ctx, link);
}

static int
sleep_address(void *ctx, const rasadm_address *request, rasadm_address_answer *answer)
{
    nap(ctx);
    return keep_address(ctx, request, answer);
}

static int
sleep_release(void *ctx, const rasadm_address *address)
{
    nap(ctx);
    return ignore_release(ctx, address);
}

static const rasadm_policy test_sleep = {
    "test_sleep", test_start,        test_stop,         sleep_conn,    sleep_conn,
    sleep_link,   sleep_notify_conn, sleep_notify_link, sleep_address, sleep_release,
};

/* ---- test_fail ---- */

static int
fail_conn(void *ctx, const rasadm_connection *conn, BOOL *accept)
{
    (void)ctx;
    (void)conn;
    *accept = TRUE; /* must be ignored: the call failed */
    return 1;
}

static int
fail_link(void *ctx, const rasadm_link *link, BOOL *accept)
{
    (void)ctx;
    (void)link;
    *accept = TRUE;
    return 1;
}

static int
fail_notify_conn(void *ctx, const rasadm_connection *conn)
{
    (void)ctx;
    (void)conn;
    return 1;
}

static int
fail_notify_link(void *ctx, const rasadm_link *link)
{
    (void)ctx;
    (void)link;
    return 1;
}

static int
fail_address(void *ctx, const rasadm_address *request, rasadm_address_answer *answer)
{
    (void)ctx;
    (void)request;
    answer->assign = TRUE; /* must be ignored */
    answer->ipv4 = 0x01010101;
    return 1;
}

static int
fail_release(void *ctx, const rasadm_address *address)
{
    (void)ctx;
    (void)address;
    return 1;
}

static const rasadm_policy test_fail = {
    "test_fail", test_start,       test_stop,        fail_conn,    fail_conn,
    fail_link,   fail_notify_conn, fail_notify_link, fail_address, fail_release,
};

/* ---- test_byname ---- */

static int
prefixed(const WCHAR *s, const WCHAR *prefix)
{
    return wcsncmp(s, prefix, wcslen(prefix)) == 0;
}

static int
byname(void *ctx, const WCHAR *name, BOOL *accept)
{
    if (prefixed(name, L"deny")) {
        *accept = FALSE;
        return 0;
    }
    if (prefixed(name, L"fail")) {
        return 1;
    }
    if (prefixed(name, L"sleep")) {
        nap(ctx);
    }
    *accept = TRUE;
    return 0;
}

static int
byname_conn(void *ctx, const rasadm_connection *conn, BOOL *accept)
{
    return byname(ctx, conn->user, accept);
}

static int
byname_link(void *ctx, const rasadm_link *link, BOOL *accept)
{
    return byname(ctx, link->port_name, accept);
}

static int
byname_notify_conn(void *ctx, const rasadm_connection *conn)
{
    BOOL ignored;
    char user[800];

    /* the hang-up's statistics, for the tests: through the log */
    rasadm_utf8(conn->user, user, sizeof user);
    rasadm_log(RASADM_LOG_INFO, RASADM_EVENT_INFO,
               "test_byname: hang-up of %s: %lu bytes sent, %lu received, %lu s", user,
               (unsigned long)conn->stats.bytes_sent, (unsigned long)conn->stats.bytes_received,
               (unsigned long)conn->duration_seconds);
    return byname(ctx, conn->user, &ignored);
}

static int
byname_notify_link(void *ctx, const rasadm_link *link)
{
    BOOL ignored;

    return byname(ctx, link->port_name, &ignored);
}

static int
byname_address(void *ctx, const rasadm_address *request, rasadm_address_answer *answer)
{
    static const BYTE v6[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7 };
    BOOL ignored;

    if (byname(ctx, request->user, &ignored) != 0) {
        return 1;
    }
    answer->assign = FALSE;
    answer->notify_release = FALSE;
    if (prefixed(request->user, L"static")) {
        answer->assign = TRUE;
        answer->notify_release = TRUE;
        /* 198.51.100.7 in network byte order, as RRAS's DWORD holds it */
        answer->ipv4 = (DWORD)198 | ((DWORD)51 << 8) | ((DWORD)100 << 16) | ((DWORD)7 << 24);
        memcpy(answer->ipv6, v6, sizeof v6);
    }
    return 0;
}

static int
byname_release(void *ctx, const rasadm_address *address)
{
    BOOL ignored;

    return byname(ctx, address->user, &ignored);
}

static const rasadm_policy test_byname = {
    "test_byname", test_start,         test_stop,          byname_conn,    byname_conn,
    byname_link,   byname_notify_conn, byname_notify_link, byname_address, byname_release,
};

#endif /* RASPY_ADMIN_TEST */

static const rasadm_policy *const policies[] = {
    &accept_all, &rasadm_python_policy,
#ifdef RASPY_ADMIN_TEST
    &test_deny,  &test_sleep,           &test_fail, &test_byname,
#endif
};

const rasadm_policy *
rasadm_find_policy(const char *name)
{
    size_t i;

    for (i = 0; i < sizeof policies / sizeof policies[0]; i++) {
        if (strcmp(policies[i]->name, name) == 0) {
            return policies[i];
        }
    }
    return NULL;
}
