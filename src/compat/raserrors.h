/*
 * raserrors.h -- the RAS error codes (600..870) as constants, for builds that
 * do not include the real <raserror.h>.  The list itself is raserror_list.h.
 */
#ifndef RASPY_RASERRORS_H
#define RASPY_RASERRORS_H

#ifdef _RASERROR_H_
#error "raserrors.h cannot be combined with the real <raserror.h>"
#endif

#define RASBASE    600
#define RASBASEEND 870
#define SUCCESS    0

enum raspy_ras_error_code {
#define RASERR(name, value, message) name = value,
#include "raserror_list.h"
#undef RASERR
    RASPY_RASERROR_LIST_END
};

#endif /* RASPY_RASERRORS_H */
