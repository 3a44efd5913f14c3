/*
 * notify.h -- RasConnectionNotificationW registrations.
 *
 * A registration is (connection handle or INVALID_HANDLE_VALUE, event
 * handle, RASCN_* flags).  The connection table (conntable.c) fires
 * RASCN_Connection when a connection reaches RASCS_Connected and
 * RASCN_Disconnection once when it ends (link drop, or its last hang-up);
 * firing sets every matching event.  A connection's own registrations end
 * when it ends; the INVALID_HANDLE_VALUE ones stay until RasSimReset.
 *
 * Events are real Win32 events on Windows (SetEvent); elsewhere the
 * simulator's own event objects (event.c).  Closing the caller's event
 * handle: on Windows the registration holds its own duplicate (made at
 * registration, closed when the registration ends), as RasMan in its own
 * process must, so it goes on setting an object nobody waits on; elsewhere
 * RasSimCloseEvent drops the registrations of the event (handles there are
 * never reused, and nothing could observe the difference).
 */
#ifndef RASSIM_NOTIFY_H
#define RASSIM_NOTIFY_H

#include "common.h"

/* Most registrations kept at once (ERROR_NOT_ENOUGH_MEMORY beyond). */
#define SIM_NOTIFY_MAX 4096

/* Every RASCN_* flag the simulator accepts. */
#define SIM_RASCN_ALL                                                                         \
    (RASCN_Connection | RASCN_Disconnection | RASCN_BandwidthAdded | RASCN_BandwidthRemoved | \
     RASX_RASCN_Dormant | RASX_RASCN_ReConnection | RASX_RASCN_EPDGPacketArrival)

/* Adds a registration (off Windows a second one of the same connection and
 * event adds its flags to the first).  0, ERROR_NOT_ENOUGH_MEMORY, or on
 * Windows ERROR_INVALID_HANDLE when the event cannot be duplicated. */
DWORD sim_notify_register(HRASCONN h, HANDLE event, DWORD flags);
/* Sets the events registered for h or for every connection with flag. */
void sim_notify_fire(HRASCONN h, DWORD flag);
/* Drops the registrations of the connection h. */
void sim_notify_forget(HRASCONN h);
/* Drops every registration (RasSimReset). */
void sim_notify_clear(void);
/* How many registrations there are. */
size_t sim_notify_count(void);
#ifndef _WIN32
/* Drops the registrations of an event (RasSimCloseEvent). */
void sim_notify_forget_event(HANDLE event);
#endif

/* Sets an event: SetEvent on Windows, RasSimSetEvent elsewhere. */
void sim_event_signal(HANDLE event);

#endif /* RASSIM_NOTIFY_H */
