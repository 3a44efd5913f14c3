/*
 * shared.h -- the connections of other processes (RASSIM_CONNECTIONS).
 *
 * On Windows every process sees every RAS connection of the machine
 * (RasMan holds them).  The simulator's connection table belongs to one
 * process; with the environment variable RASSIM_CONNECTIONS naming a file,
 * the processes that name the same file share a view: each one publishes
 * its connected connections there (one line each, replaced under the
 * file's cross-process lock at every connect and end), RasEnumConnectionsW
 * and RasGetConnectStatusW also report the other processes' lines, and
 * RasConnectionNotificationW registrations (for every connection, or for
 * one of another process) are signalled by a watcher thread that reads the
 * file every SIM_SHARED_POLL_MS while registrations exist.  Unset, nothing
 * here does anything.  See docs/simulator.md.
 */
#ifndef RASSIM_SHARED_H
#define RASSIM_SHARED_H

#include "common.h"
#include "conntable.h"

/* How often the watcher thread reads the file. */
#define SIM_SHARED_POLL_MS 5

/* Added to this process's connection handles while RASSIM_CONNECTIONS is
 * set (0 otherwise), so that two processes sharing the file hand out
 * different handles: the process id in bits 20-29. */
uintptr_t sim_shared_handle_base(void);
/* Replaces this process's lines by infos[0..n) (its connected connections).
 * Called with the connection table locked; nothing when unset. */
void sim_shared_publish(const sim_conn_info *infos, size_t n);
/* The other processes' connections: a new array (free()), *count 0 when
 * unset or when nobody published yet.  0, ERROR_NOT_ENOUGH_MEMORY, or
 * ERROR_CANNOT_OPEN_PHONEBOOK when the file stayed unreadable for about
 * 100 ms (a replacing writer makes a reader retry). */
DWORD sim_shared_list(sim_conn_info **infos, size_t *count);
/* A copy of another process's connection h: 0 or ERROR_INVALID_HANDLE. */
DWORD sim_shared_get(HRASCONN h, sim_conn_info *info);
/* Starts the watcher thread unless it runs (after a registration); its
 * baseline is read before this returns, so no later change is missed. */
void sim_shared_watch(void);

#endif /* RASSIM_SHARED_H */
