/*
 * autodial.h -- the AutoDial mapping database, enable flags and
 * parameters (RasGet/SetAutodialAddressW, RasEnumAutodialAddressesW,
 * RasGet/SetAutodialEnableW, RasGet/SetAutodialParamW), kept in a file of
 * their own: RASSIM_AUTODIAL, else "autodial.ini" in the directory of the
 * default phonebook.  See docs/simulator.md for the format.
 */
#ifndef RASSIM_AUTODIAL_H
#define RASSIM_AUTODIAL_H

#include "common.h"

/* Longest address, in UTF-16 units (a registry key name's limit). */
#define SIM_AUTODIAL_MAX_ADDRESS 255

/* Empties the store if it exists (RasSimReset); errors are ignored. */
void sim_autodial_reset(void);

#endif /* RASSIM_AUTODIAL_H */
