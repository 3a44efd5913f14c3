/*
 * dial.h -- what the dial family (dial.c) shares with the saved dial
 * parameters (credentials.c).
 */
#ifndef RASSIM_DIAL_H
#define RASSIM_DIAL_H

#include "common.h"

/* dwSize and terminated strings of a RASDIALPARAMSW: 0,
 * ERROR_INVALID_PARAMETER or ERROR_INVALID_SIZE. */
DWORD sim_dial_params_check(const RASDIALPARAMSW *p);

#endif /* RASSIM_DIAL_H */
