/*
 * country.c -- RasGetCountryInfoW from a built-in excerpt of the Windows
 * Telephony country/region list.
 *
 * Ids are TAPI country/region ids (1 is the United States of America, 2
 * Canada, both dialling code 1; elsewhere the id is the dialling code).  The
 * list is a chain: each entry names the next id, the last names 0, and a
 * caller enumerates it by starting at id 1.
 */
#include "common.h"
#include "utf.h"

#include <string.h>

#ifndef ERROR_INVALID_USER_BUFFER
#define ERROR_INVALID_USER_BUFFER 1784
#endif

/* Sorted by id; the chain follows this order. Names are UTF-8. */
static const struct {
    DWORD id;
    DWORD code;
    const char *name;
} k_countries[] = {
    { 1, 1, "United States of America" },
    { 2, 1, "Canada" },
    { 7, 7, "Russia" },
    { 20, 20, "Egypt" },
    { 27, 27, "South Africa" },
    { 30, 30, "Greece" },
    { 31, 31, "Netherlands" },
    { 32, 32, "Belgium" },
    { 33, 33, "France" },
    { 34, 34, "Spain" },
    { 36, 36, "Hungary" },
    { 39, 39, "Italy" },
    { 40, 40, "Romania" },
    { 41, 41, "Switzerland" },
    { 43, 43, "Austria" },
    { 44, 44, "United Kingdom" },
    { 45, 45, "Denmark" },
    { 46, 46, "Sweden" },
    { 47, 47, "Norway" },
    { 48, 48, "Poland" },
    { 49, 49, "Germany" },
    { 51, 51, "Peru" },
    { 52, 52, "Mexico" },
    { 54, 54, "Argentina" },
    { 55, 55, "Brazil" },
    { 56, 56, "Chile" },
    { 57, 57, "Colombia" },
    { 60, 60, "Malaysia" },
    { 61, 61, "Australia" },
    { 62, 62, "Indonesia" },
    { 63, 63, "Philippines" },
    { 64, 64, "New Zealand" },
    { 65, 65, "Singapore" },
    { 66, 66, "Thailand" },
    { 81, 81, "Japan" },
    { 82, 82, "Korea (South)" },
    { 84, 84, "Vietnam" },
    { 86, 86, "China" },
    { 90, 90, "Turkey" },
    { 91, 91, "India" },
    { 92, 92, "Pakistan" },
    { 225, 225, "C\xC3\xB4te d'Ivoire" },
    { 351, 351, "Portugal" },
    { 353, 353, "Ireland" },
    { 354, 354, "Iceland" },
    { 358, 358, "Finland" },
    { 420, 420, "Czech Republic" },
    { 852, 852, "Hong Kong SAR" },
    { 886, 886, "Taiwan" },
    { 972, 972, "Israel" },
};

static size_t
find_country(DWORD id)
{
    size_t i;
    for (i = 0; i < SIM_COUNTOF(k_countries); i++) {
        if (k_countries[i].id == id) {
            return i;
        }
    }
    return SIM_COUNTOF(k_countries);
}

/* A buffer smaller than the structure gets ERROR_BUFFER_TOO_SMALL with the
 * structure's size (its dwCountryID cannot be read yet); a big enough one
 * gets the exact size the country's name needs. */
DWORD WINAPI
RasGetCountryInfoW(LPRASCTRYINFOW info, LPDWORD lpdwSize)
{
    RASCTRYINFOW head;
    size_t i, units;
    DWORD need;
    const char *name;
    if (lpdwSize == NULL) {
        return ERROR_INVALID_PARAMETER;
    }
    if (info == NULL) {
        return ERROR_INVALID_USER_BUFFER;
    }
    if (*lpdwSize < sizeof(RASCTRYINFOW)) {
        *lpdwSize = sizeof(RASCTRYINFOW);
        return ERROR_BUFFER_TOO_SMALL;
    }
    memcpy(&head, info, sizeof head);
    if (head.dwSize != sizeof(RASCTRYINFOW)) {
        return ERROR_INVALID_SIZE;
    }
    i = find_country(head.dwCountryID);
    if (i == SIM_COUNTOF(k_countries)) {
        return ERROR_INVALID_PARAMETER;
    }
    name = k_countries[i].name;
    units = sim_u8_wlen(name, strlen(name)) + 1;
    need = (DWORD)(sizeof(RASCTRYINFOW) + units * sizeof(WCHAR));
    if (*lpdwSize < need) {
        *lpdwSize = need;
        return ERROR_BUFFER_TOO_SMALL;
    }
    head.dwNextCountryID = i + 1 < SIM_COUNTOF(k_countries) ? k_countries[i + 1].id : 0;
    head.dwCountryCode = k_countries[i].code;
    head.dwCountryNameOffset = sizeof(RASCTRYINFOW);
    memcpy(info, &head, sizeof head);
    sim_u8_to_wbuf(name, strlen(name), (WCHAR *)(void *)((char *)info + sizeof head), units);
    *lpdwSize = need;
    return 0;
}
