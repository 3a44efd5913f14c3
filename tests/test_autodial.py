"""The AutoDial family (issue 4): addresses, enable flags, parameters."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from support import requires_sim

import ras
import simctl

pytestmark = requires_sim

ENTRIES = ["Office VPN", "Backup", "Lab", "Caf\u00e9 \u2615"]


@pytest.fixture
def book(tmp_path: Path) -> str:
    """Entries in the default phonebook: AutoDial entries must name one of them."""
    return simctl.write_phonebook(tmp_path / "default.pbk", ENTRIES)


def entry(name: str, location: int = 0) -> dict[str, int | str]:
    return {"dialingLocation": location, "entry": name}


def full(name: str, location: int = 0) -> dict[str, int | str]:
    return {"flags": 0, "dialingLocation": location, "entry": name}


def ras_error(fn: Callable[..., object], *args: object) -> ras.error:
    with pytest.raises(ras.error) as exc:
        fn(*args)
    return exc.value


def run_threads(target: Callable[[int], None], n: int) -> None:
    errors: list[BaseException] = []
    start = threading.Barrier(n)

    def body(i: int) -> None:
        try:
            start.wait()
            target(i)
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=body, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors


# ---- addresses -------------------------------------------------------------


def test_empty_database() -> None:
    assert ras.EnumAutodialAddresses() == []
    err = ras_error(ras.GetAutodialAddress, "www.example.com")
    assert err.winerror == ras.ERROR_FILE_NOT_FOUND
    assert err.funcname == "RasGetAutodialAddress"


def test_round_trip(book: str) -> None:
    ras.SetAutodialAddress("www.example.com", [entry("Office VPN", 0), entry("Lab", 3)])
    assert ras.GetAutodialAddress("www.example.com") == [full("Office VPN", 0), full("Lab", 3)]
    assert ras.EnumAutodialAddresses() == ["www.example.com"]
    # What Get returns is accepted back as it is.
    ras.SetAutodialAddress("10.0.0.1", ras.GetAutodialAddress("www.example.com"))
    assert ras.GetAutodialAddress("10.0.0.1") == ras.GetAutodialAddress("www.example.com")


def test_set_merges_by_dialing_location(book: str) -> None:
    ras.SetAutodialAddress("intranet", [entry("Office VPN", 0), entry("Lab", 1)])
    ras.SetAutodialAddress("intranet", (entry("Backup", 1), entry("Lab", 7)))
    assert ras.GetAutodialAddress("intranet") == [
        full("Office VPN", 0),
        full("Backup", 1),
        full("Lab", 7),
    ]


def test_addresses_match_case_insensitively(book: str) -> None:
    ras.SetAutodialAddress("WWW.Example.com", [entry("Lab")])
    ras.SetAutodialAddress("www.example.COM", [entry("Backup", 2)])
    assert ras.EnumAutodialAddresses() == ["WWW.Example.com"]
    assert ras.GetAutodialAddress("www.EXAMPLE.com") == [full("Lab"), full("Backup", 2)]


@pytest.mark.parametrize("empty", [None, [], ()])
def test_delete(book: str, empty: object) -> None:
    ras.SetAutodialAddress("a.example", [entry("Lab")])
    ras.SetAutodialAddress("b.example", [entry("Lab")])
    ras.SetAutodialAddress("A.EXAMPLE", empty)  # type: ignore[arg-type]
    assert ras.EnumAutodialAddresses() == ["b.example"]
    assert ras_error(ras.GetAutodialAddress, "a.example").winerror == ras.ERROR_FILE_NOT_FOUND
    ras.SetAutodialAddress("never.example", None)  # deleting what is not there
    assert ras.EnumAutodialAddresses() == ["b.example"]


def test_unknown_entry_is_refused(book: str, tmp_path: Path) -> None:
    other = simctl.write_phonebook(tmp_path / "other.pbk", ["Elsewhere"])
    assert other
    for name in ["Nope", "Elsewhere", ""]:
        err = ras_error(ras.SetAutodialAddress, "x.example", [entry("Lab", 1), entry(name, 2)])
        assert err.winerror == ras.ERROR_CANNOT_FIND_PHONEBOOK_ENTRY
        assert err.funcname == "RasSetAutodialAddress"
    assert ras.EnumAutodialAddresses() == []


def test_entry_names_match_case_insensitively(book: str) -> None:
    ras.SetAutodialAddress("x.example", [entry("office vpn")])
    assert ras.GetAutodialAddress("x.example") == [full("office vpn")]


def test_no_default_phonebook() -> None:
    err = ras_error(ras.SetAutodialAddress, "x.example", [entry("Lab")])
    assert err.winerror == ras.ERROR_CANNOT_FIND_PHONEBOOK_ENTRY


def test_default_internet_connection(book: str) -> None:
    assert ras.GetAutodialAddress(None) == []
    ras.SetAutodialAddress(None, [entry("Backup", 4)])
    assert ras.GetAutodialAddress(None) == [full("Backup", 4)]
    ras.SetAutodialAddress(None, [entry("Lab", 0)])
    assert ras.GetAutodialAddress(None) == [full("Lab", 0)]
    assert ras.EnumAutodialAddresses() == []  # not an address
    for bad in (None, [], [entry("Lab"), entry("Backup", 1)]):
        err = ras_error(ras.SetAutodialAddress, None, bad)
        assert err.winerror == ras.ERROR_INVALID_PARAMETER
    assert ras_error(ras.SetAutodialAddress, None, [entry("Nope")]).winerror == (
        ras.ERROR_CANNOT_FIND_PHONEBOOK_ENTRY
    )
    ras.SetAutodialAddress("", [entry("")])  # "" deletes it, as documented
    assert ras.GetAutodialAddress(None) == []
    ras.SetAutodialAddress(None, [entry("Lab")])
    ras.SetAutodialAddress("", None)
    assert ras.GetAutodialAddress(None) == []


@pytest.mark.parametrize(
    "address",
    [
        "b\u00fccher.example",
        "\u4f8b\u3048.\u30c6\u30b9\u30c8",
        "\U0001f600.example",
        "\u0413\u041e\u0421\u0422",
        "with space and ]brackets[",
        "semi;colon=equals",
    ],
)
def test_unicode_and_odd_addresses(book: str, address: str) -> None:
    ras.SetAutodialAddress(address, [entry("Caf\u00e9 \u2615", 5)])
    assert ras.EnumAutodialAddresses() == [address]
    assert ras.GetAutodialAddress(address) == [full("Caf\u00e9 \u2615", 5)]
    assert ras.GetAutodialAddress(address.upper()) == [full("Caf\u00e9 \u2615", 5)]


def test_many_addresses(book: str) -> None:
    names = [f"host{i:04d}.example.com" for i in range(300)]
    for i, name in enumerate(names):
        ras.SetAutodialAddress(name, [entry(ENTRIES[i % 3], i)])
    assert ras.EnumAutodialAddresses() == names
    assert ras.GetAutodialAddress(names[299]) == [full(ENTRIES[299 % 3], 299)]


def test_many_entries_per_address(book: str) -> None:
    entries = [entry(ENTRIES[i % 4], i) for i in range(200)]
    ras.SetAutodialAddress("busy.example", entries)
    assert ras.GetAutodialAddress("busy.example") == [full(ENTRIES[i % 4], i) for i in range(200)]


def test_long_addresses(book: str) -> None:
    longest = "a" * 255
    ras.SetAutodialAddress(longest, [entry("Lab")])
    assert ras.EnumAutodialAddresses() == [longest]
    assert ras.GetAutodialAddress(longest) == [full("Lab")]
    for fn, args in [
        (ras.GetAutodialAddress, ("a" * 256,)),
        (ras.SetAutodialAddress, ("a" * 256, [entry("Lab")])),
        (ras.SetAutodialAddress, ("a" * 10000, None)),
    ]:
        with pytest.raises(ValueError, match="address"):
            fn(*args)  # type: ignore[operator]


@pytest.mark.parametrize(
    ("args", "exc_type"),
    [
        ((5, [entry("Lab")]), TypeError),
        ((b"x", [entry("Lab")]), TypeError),
        (("x\0y", [entry("Lab")]), ValueError),
        (("x", "Lab"), TypeError),
        (("x", b"Lab"), TypeError),
        (("x", entry("Lab")), TypeError),
        (("x", 3), TypeError),
        (("x", ["Lab"]), TypeError),
        (("x", [{"bogus": 1}]), KeyError),
        (("x", [{"dialingLocation": "1"}]), TypeError),
        (("x", [{"dialingLocation": -1}]), OverflowError),
        (("x", [{"dialingLocation": 2**32}]), OverflowError),
        (("x", [{"flags": None}]), TypeError),
        (("x", [{"entry": 7}]), TypeError),
        (("x", [{"entry": "e" * (ras.RAS_MaxEntryName + 1)}]), ValueError),
        (("x", [{"entry": "a\0b"}]), ValueError),
    ],
)
def test_set_bad_arguments(book: str, args: tuple[object, ...], exc_type: type[Exception]) -> None:
    with pytest.raises(exc_type):
        ras.SetAutodialAddress(*args)  # type: ignore[arg-type]
    assert ras.EnumAutodialAddresses() == []


def test_bad_arguments() -> None:
    for fn, args in [
        (ras.GetAutodialAddress, ()),
        (ras.GetAutodialAddress, ("a", "b")),
        (ras.SetAutodialAddress, ("a",)),
        (ras.EnumAutodialAddresses, (1,)),
        (ras.GetAutodialAddress, (1,)),
        (ras.GetAutodialAddress, (["x"],)),
    ]:
        with pytest.raises(TypeError):
            fn(*args)  # type: ignore[operator]


def test_entry_name_at_the_limit(tmp_path: Path) -> None:
    longest = "E" * ras.RAS_MaxEntryName
    simctl.write_phonebook(tmp_path / "default.pbk", [longest])
    ras.SetAutodialAddress("x", [entry(longest)])
    assert ras.GetAutodialAddress("x") == [full(longest)]


def test_threads_set_addresses_at_once(book: str) -> None:
    def work(i: int) -> None:
        for j in range(5):
            ras.SetAutodialAddress(f"t{i}-{j}.example", [entry(ENTRIES[i % 4], j)])
            ras.SetAutodialAddress("shared.example", [entry("Lab", i * 10 + j)])
            ras.EnumAutodialAddresses()

    run_threads(work, 8)
    addresses = ras.EnumAutodialAddresses()
    assert len(addresses) == 8 * 5 + 1
    assert sorted(addresses) == sorted(
        ["shared.example"] + [f"t{i}-{j}.example" for i in range(8) for j in range(5)]
    )
    shared = ras.GetAutodialAddress("shared.example")
    assert sorted(e["dialingLocation"] for e in shared) == sorted(  # type: ignore[type-var]
        i * 10 + j for i in range(8) for j in range(5)
    )


def test_store_file_and_reset(book: str, tmp_path: Path) -> None:
    ras.SetAutodialAddress("x.example", [entry("Lab")])
    ras.SetAutodialParam(ras.RASADP_SavedAddressesLimit, 3)
    ras.SetAutodialEnable(0, True)
    assert (tmp_path / "autodial.ini").is_file()
    simctl.reset()
    assert ras.EnumAutodialAddresses() == []
    assert ras.GetAutodialParam(ras.RASADP_SavedAddressesLimit) == 100
    assert ras.GetAutodialEnable(0) is False


def test_store_named_by_environment(
    book: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = tmp_path / "sub" / "mine.ini"
    store.parent.mkdir()
    monkeypatch.setenv("RASSIM_AUTODIAL", str(store))
    ras.SetAutodialAddress("x.example", [entry("Lab")])
    assert store.is_file()
    assert not (tmp_path / "autodial.ini").exists()
    monkeypatch.delenv("RASSIM_AUTODIAL")
    assert ras.EnumAutodialAddresses() == []


def test_unreadable_store(tmp_path: Path) -> None:
    (tmp_path / "autodial.ini").mkdir()
    for fn, args in [
        (ras.EnumAutodialAddresses, ()),
        (ras.GetAutodialAddress, ("x",)),
        (ras.GetAutodialEnable, (0,)),
        (ras.GetAutodialParam, (0,)),
    ]:
        assert ras_error(fn, *args).winerror == ras.ERROR_CANNOT_OPEN_PHONEBOOK


# ---- enable flags ------------------------------------------------------------


def test_enable_per_location() -> None:
    assert ras.GetAutodialEnable(0) is False
    ras.SetAutodialEnable(0, True)
    ras.SetAutodialEnable(2**32 - 1, 1)
    assert ras.GetAutodialEnable(0) is True
    assert ras.GetAutodialEnable(1) is False
    assert ras.GetAutodialEnable(2**32 - 1) is True
    ras.SetAutodialEnable(0, [])
    assert ras.GetAutodialEnable(0) is False


@pytest.mark.parametrize(
    ("fn", "args", "exc_type"),
    [
        (ras.GetAutodialEnable, ("0",), TypeError),
        (ras.GetAutodialEnable, (-1,), OverflowError),
        (ras.GetAutodialEnable, (2**32,), OverflowError),
        (ras.GetAutodialEnable, (), TypeError),
        (ras.SetAutodialEnable, (0,), TypeError),
        (ras.SetAutodialEnable, (None, True), TypeError),
    ],
)
def test_enable_bad_arguments(
    fn: Callable[..., object], args: tuple[object, ...], exc_type: type[Exception]
) -> None:
    with pytest.raises(exc_type):
        fn(*args)


def test_enable_truth_value_errors_propagate() -> None:
    class Bad:
        def __bool__(self) -> bool:
            raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):
        ras.SetAutodialEnable(0, Bad())


# ---- parameters ------------------------------------------------------------

PARAMS = [
    "RASADP_DisableConnectionQuery",
    "RASADP_LoginSessionDisable",
    "RASADP_SavedAddressesLimit",
    "RASADP_FailedConnectionTimeout",
    "RASADP_ConnectionQueryTimeout",
]


def test_param_constants() -> None:
    assert [getattr(ras, name) for name in PARAMS] == [0, 1, 2, 3, 4]
    assert ras.RASADFLG_PositionDlg == 1
    assert set(PARAMS) <= set(ras.__all__)


def test_param_defaults() -> None:
    assert ras.GetAutodialParam(ras.RASADP_DisableConnectionQuery) == 0
    assert ras.GetAutodialParam(ras.RASADP_LoginSessionDisable) == 0
    assert ras.GetAutodialParam(ras.RASADP_SavedAddressesLimit) == 100
    assert ras.GetAutodialParam(ras.RASADP_FailedConnectionTimeout) == 5
    assert isinstance(ras.GetAutodialParam(ras.RASADP_ConnectionQueryTimeout), int)


@pytest.mark.parametrize("name", PARAMS)
def test_param_round_trip(name: str) -> None:
    key = getattr(ras, name)
    for value in (1, 0, 12345, 2**32 - 1):
        ras.SetAutodialParam(key, value)
        assert ras.GetAutodialParam(key) == value
    others = [getattr(ras, n) for n in PARAMS if n != name]
    ras.SetAutodialParam(key, 77)
    assert 77 not in [ras.GetAutodialParam(k) for k in others]


@pytest.mark.parametrize("key", [5, 100, 2**32 - 1])
def test_unknown_param(key: int) -> None:
    err = ras_error(ras.GetAutodialParam, key)
    assert (err.winerror, err.funcname) == (ras.ERROR_INVALID_PARAMETER, "RasGetAutodialParam")
    err = ras_error(ras.SetAutodialParam, key, 1)
    assert (err.winerror, err.funcname) == (ras.ERROR_INVALID_PARAMETER, "RasSetAutodialParam")


@pytest.mark.parametrize(
    ("fn", "args", "exc_type"),
    [
        (ras.GetAutodialParam, ("0",), TypeError),
        (ras.GetAutodialParam, (None,), TypeError),
        (ras.GetAutodialParam, (-1,), OverflowError),
        (ras.SetAutodialParam, (0, 2**32), OverflowError),
        (ras.SetAutodialParam, (0, -1), OverflowError),
        (ras.SetAutodialParam, (0, 1.5), TypeError),
        (ras.SetAutodialParam, (0,), TypeError),
    ],
)
def test_param_bad_arguments(
    fn: Callable[..., object], args: tuple[object, ...], exc_type: type[Exception]
) -> None:
    with pytest.raises(exc_type):
        fn(*args)


def test_threads_set_params_at_once() -> None:
    def work(i: int) -> None:
        for j in range(10):
            ras.SetAutodialParam(i % 5, i * 100 + j)
            ras.SetAutodialEnable(i, j % 2 == 0)
            ras.GetAutodialParam(i % 5)

    run_threads(work, 10)
    for key in range(5):
        assert ras.GetAutodialParam(key) in {i * 100 + 9 for i in (key, key + 5)}
    assert all(ras.GetAutodialEnable(i) is False for i in range(10))
