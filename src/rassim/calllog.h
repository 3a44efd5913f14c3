/*
 * calllog.h -- the dial log and the hang-up log (rassim.h: RasSimDialLog,
 * RasSimHangUpLog, RasSimClearLogs): bounded rings of the records RasDialW
 * and RasHangUpW append, under one mutex.
 */
#ifndef RASSIM_CALLLOG_H
#define RASSIM_CALLLOG_H

#include "common.h"
#include "rassim.h"

/* The wall clock as a FILETIME value (UTC, 100 ns units since 1601). */
unsigned long long sim_wall_time(void);

/* Append a record (its dwSequence is set here); when the log is full the
 * oldest record is discarded.  A record that cannot be stored (no memory)
 * is lost. */
void sim_log_dial(RASSIM_DIAL_RECORD *r);
void sim_log_hangup(RASSIM_HANGUP_RECORD *r);

/* Copy the oldest records, up to max; returns how many (max 0: the count). */
DWORD sim_log_read_dials(RASSIM_DIAL_RECORD *buf, DWORD max);
DWORD sim_log_read_hangups(RASSIM_HANGUP_RECORD *buf, DWORD max);

/* Empty both logs. */
void sim_log_clear(void);

#endif /* RASSIM_CALLLOG_H */
