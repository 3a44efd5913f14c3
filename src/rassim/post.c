/*
 * post.c -- see post.h.
 */
#include "common.h"
#include "post.h"
#include "thread.h"

static sim_once g_once = SIM_ONCE_INIT;
static sim_mutex g_lock;
static RASSIM_POSTED_MESSAGE g_queue[RASSIM_POSTED_QUEUE_MAX];
static size_t g_head; /* index of the oldest message */
static size_t g_count;

static void
post_init(void)
{
    sim_mutex_init(&g_lock);
}

#ifndef _WIN32
static void
queue_push(const RASSIM_POSTED_MESSAGE *m)
{
    sim_call_once(&g_once, post_init);
    sim_mutex_lock(&g_lock);
    if (g_count == RASSIM_POSTED_QUEUE_MAX) {
        g_head = (g_head + 1) % RASSIM_POSTED_QUEUE_MAX;
        g_count--;
    }
    g_queue[(g_head + g_count) % RASSIM_POSTED_QUEUE_MAX] = *m;
    g_count++;
    sim_mutex_unlock(&g_lock);
}
#endif

void
sim_post_message(HWND hwnd, UINT msg, WPARAM wParam, LPARAM lParam)
{
#ifdef _WIN32
    PostMessageW(hwnd, msg, wParam, lParam);
#else
    RASSIM_POSTED_MESSAGE m;
    m.hwnd = hwnd;
    m.msg = msg;
    m.wParam = wParam;
    m.lParam = lParam;
    queue_push(&m);
#endif
}

DWORD
sim_post_take(RASSIM_POSTED_MESSAGE *buf, DWORD max)
{
    DWORD n = 0;
    sim_call_once(&g_once, post_init);
    sim_mutex_lock(&g_lock);
    if (buf == NULL) {
        n = (DWORD)g_count;
    } else {
        for (; n < max && g_count > 0; n++) {
            buf[n] = g_queue[g_head];
            g_head = (g_head + 1) % RASSIM_POSTED_QUEUE_MAX;
            g_count--;
        }
    }
    sim_mutex_unlock(&g_lock);
    return n;
}

void
sim_post_clear(void)
{
    sim_call_once(&g_once, post_init);
    sim_mutex_lock(&g_lock);
    g_head = 0;
    g_count = 0;
    sim_mutex_unlock(&g_lock);
}
