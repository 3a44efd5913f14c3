/*
 * adminhook.c -- the hook table of adminhook.h.  The hooks are called with
 * no simulator lock held (the connection table releases its lock around
 * them, as around notifications).
 */
#include "common.h"
#include "adminhook.h"
#include "adminrras.h"
#include "thread.h"

#include <string.h>

static sim_once g_once = SIM_ONCE_INIT;
static sim_mutex g_lock;
static sim_admin_hooks g_hooks;

static void
hooks_init(void)
{
    sim_mutex_init(&g_lock);
}

static sim_admin_hooks
hooks_get(void)
{
    sim_admin_hooks h;
    sim_call_once(&g_once, hooks_init);
    sim_mutex_lock(&g_lock);
    h = g_hooks;
    sim_mutex_unlock(&g_lock);
    return h;
}

void
sim_admin_set_hooks(const sim_admin_hooks *hooks)
{
    sim_call_once(&g_once, hooks_init);
    sim_mutex_lock(&g_lock);
    if (hooks != NULL) {
        g_hooks = *hooks;
    } else {
        memset(&g_hooks, 0, sizeof g_hooks);
    }
    sim_mutex_unlock(&g_lock);
}

int
sim_admin_available(void)
{
    sim_admin_hooks h = hooks_get();
    return h.admit != NULL;
}

int
sim_admin_admit(const sim_admin_conn *conn, sim_admin_answer *answer)
{
    sim_admin_hooks h;
    memset(answer, 0, sizeof *answer);
    if (conn->dll) {
        return sim_rras_admit(conn, answer);
    }
    h = hooks_get();
    if (h.admit == NULL) {
        return 1;
    }
    return h.admit(conn, answer);
}

void
sim_admin_end(const sim_admin_conn *conn)
{
    sim_admin_hooks h;
    if (conn->dll) {
        sim_rras_end(conn);
        return;
    }
    h = hooks_get();
    if (h.end != NULL) {
        h.end(conn);
    }
}
