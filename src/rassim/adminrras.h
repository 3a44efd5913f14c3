/*
 * adminrras.h -- the simulated server consulting real RRAS administration
 * DLLs (AdminDll=, adminrras.c).  Windows builds; elsewhere every dial is
 * denied (the scenario parser refuses the key first).
 */
#ifndef RASSIM_ADMINRRAS_H
#define RASSIM_ADMINRRAS_H

#include "adminhook.h"

/* As sim_admin_admit, for conn->policy naming DLLs: 0 accepts. */
int sim_rras_admit(const sim_admin_conn *conn, sim_admin_answer *answer);
/* As sim_admin_end: the hang-up notifications, the address release. */
void sim_rras_end(const sim_admin_conn *conn);
/* RasSimReset: every loaded DLL is terminated and freed once none of its
 * connections is still being admitted or ended. */
void sim_rras_reset(void);

#endif /* RASSIM_ADMINRRAS_H */
