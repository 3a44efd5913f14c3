/*
 * rasentry.c -- entry and sub-entry properties: Get/SetEntryProperties,
 * Get/SetSubEntryProperties, DeleteSubEntry.
 */
#include "rasstruct.h"

PyMethodDef rasentry_methods[] = {
    {NULL, NULL, 0, NULL},
};

const rasconst rasentry_constants[] = {
    {NULL, 0},
};
