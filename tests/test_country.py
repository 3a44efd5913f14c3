"""GetCountryInfo and ras.country_list() (issue 4)."""

from __future__ import annotations

import threading

import pytest
from support import requires_sim

import ras

pytestmark = requires_sim

KEYS = {"countryID", "nextCountryID", "countryCode", "countryName"}


def test_first_country() -> None:
    info = ras.GetCountryInfo(1)
    assert set(info) == KEYS
    assert info["countryID"] == 1
    assert info["countryCode"] == 1
    assert info["countryName"] == "United States of America"
    assert info["nextCountryID"] != 0


def test_tapi_ids() -> None:
    canada = ras.GetCountryInfo(2)
    assert (canada["countryName"], canada["countryCode"]) == ("Canada", 1)
    uk = ras.GetCountryInfo(44)
    assert (uk["countryName"], uk["countryCode"]) == ("United Kingdom", 44)


def test_non_ascii_name() -> None:
    assert ras.GetCountryInfo(225)["countryName"] == "C\u00f4te d'Ivoire"


def test_country_list_walks_the_chain() -> None:
    countries = ras.country_list()
    assert len(countries) >= 30
    assert countries[0]["countryID"] == 1
    assert countries[-1]["nextCountryID"] == 0
    ids = [c["countryID"] for c in countries]
    assert len(set(ids)) == len(ids)
    for here, nxt in zip(countries, countries[1:]):
        assert here["nextCountryID"] == nxt["countryID"]
    assert all(set(c) == KEYS and c["countryName"] for c in countries)
    assert countries == [ras.GetCountryInfo(i) for i in ids]  # type: ignore[arg-type]


@pytest.mark.parametrize("country_id", [0, 3, 999, 2**32 - 1])
def test_unknown_id(country_id: int) -> None:
    with pytest.raises(ras.error) as exc:
        ras.GetCountryInfo(country_id)
    assert exc.value.winerror == ras.ERROR_INVALID_PARAMETER
    assert exc.value.funcname == "RasGetCountryInfo"


@pytest.mark.parametrize(
    ("arg", "exc_type"),
    [
        ("1", TypeError),
        (None, TypeError),
        (1.0, TypeError),
        (-1, OverflowError),
        (2**32, OverflowError),
    ],
)
def test_bad_id_types(arg: object, exc_type: type[Exception]) -> None:
    with pytest.raises(exc_type):
        ras.GetCountryInfo(arg)  # type: ignore[arg-type]


def test_argument_count() -> None:
    with pytest.raises(TypeError):
        ras.GetCountryInfo()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        ras.GetCountryInfo(1, 2)  # type: ignore[call-arg]


def test_concurrent_lookups() -> None:
    expected = ras.country_list()
    results: list[list[dict[str, int | str]]] = []
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            results.append(ras.country_list())
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert results == [expected] * 8
