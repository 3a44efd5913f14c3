"""country_list(): the whole Windows Telephony country/region list."""

from __future__ import annotations

from ras._ras import GetCountryInfo


def country_list() -> list[dict[str, int | str]]:
    """Every country/region of the list, in list order, as GetCountryInfo() dicts.

    Walks the chain RasGetCountryInfo documents: start at id 1 and follow
    ``nextCountryID`` until it is 0.  A chain that comes back to an id it
    already visited ends there.
    """
    countries: list[dict[str, int | str]] = []
    seen: set[int] = set()
    country_id = 1
    while country_id != 0 and country_id not in seen:
        seen.add(country_id)
        info = GetCountryInfo(country_id)
        countries.append(info)
        next_id = info["nextCountryID"]
        country_id = next_id if isinstance(next_id, int) else 0
    return countries
