/*
 * rasconnx.c -- more on a live connection: GetProjectionInfo(Ex), UpdateConnection,
 * GetSubEntryHandle, ConnectionNotification, InvokeEapUI.
 */
#include "rasstruct.h"

PyMethodDef rasconnx_methods[] = {
    {NULL, NULL, 0, NULL},
};

const rasconst rasconnx_constants[] = {
    {NULL, 0},
};
