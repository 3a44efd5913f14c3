/*
 * rasautodial.c -- country info and the autodial family: GetCountryInfo,
 * Get/Set/EnumAutodialAddress(es), Get/SetAutodialEnable, Get/SetAutodialParam.
 */
#include "rasstruct.h"

PyMethodDef rasautodial_methods[] = {
    {NULL, NULL, 0, NULL},
};

const rasconst rasautodial_constants[] = {
    {NULL, 0},
};
