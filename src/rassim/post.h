/*
 * post.h -- delivery of window notifications (dwNotifierType 0xFFFFFFFF).
 * On Windows: PostMessageW.  Elsewhere: a process-wide FIFO queue (at most
 * RASSIM_POSTED_QUEUE_MAX messages, the oldest dropped first) drained by
 * RasSimTakePostedMessages.
 */
#ifndef RASSIM_POST_H
#define RASSIM_POST_H

#include "common.h"
#include "rassim.h"

void sim_post_message(HWND hwnd, UINT msg, WPARAM wParam, LPARAM lParam);
/* Removes up to max of the oldest messages into buf; returns how many.
 * buf NULL: returns the number queued without removing anything. */
DWORD sim_post_take(RASSIM_POSTED_MESSAGE *buf, DWORD max);
void sim_post_clear(void);

#endif /* RASSIM_POST_H */
