/*
 * rascreds.c -- per-entry secrets: Get/SetCredentials, Get/SetEapUserData,
 * Get/SetCustomAuthData.
 */
#include "rasstruct.h"

PyMethodDef rascreds_methods[] = {
    {NULL, NULL, 0, NULL},
};

const rasconst rascreds_constants[] = {
    {NULL, 0},
};
