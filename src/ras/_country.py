"""country_list(): the whole Windows Telephony country/region list."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ras._ras import GetCountryInfo

if TYPE_CHECKING:  # stub-only: the TypedDicts of ras/_ras.pyi
    from ras._ras import CountryInfoDict


def country_list() -> list[CountryInfoDict]:
    """Every country/region of the list, in list order, as GetCountryInfo() dicts.

    Walks the chain RasGetCountryInfo documents: start at id 1 and follow
    ``nextCountryID`` until it is 0.  A chain that comes back to an id it
    already visited ends there.
    """
    countries: list[CountryInfoDict] = []
    seen: set[int] = set()
    country_id = 1
    while country_id != 0 and country_id not in seen:
        seen.add(country_id)
        info = GetCountryInfo(country_id)
        countries.append(info)
        country_id = info["nextCountryID"]
    return countries
