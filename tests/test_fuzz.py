"""Fuzz tier (issue 14): every public callable of ``ras`` with hostile arguments.

Each public function of ``ras._ras`` (and the two types, their attributes) is
called with arguments drawn per parameter from a mix of plausible values (the
test phonebook, its entries, a live connection's handle) and hostile ones:
huge and negative ints, NULs and lone surrogates in strings, 100 000-character
strings, bytes, floats, None, nested tuples/lists of wrong lengths, dicts with
wrong value types, and objects whose ``__index__``/``__int__``/``__len__``/
``__iter__``/``__getitem__``/``__str__``/``__eq__``/``__hash__`` raise or return
garbage.  Asserted for every call:

- it returns, or raises one of ``ALLOWED`` (below): never ``SystemError`` or
  anything else, never a crash;
- it finishes: hypothesis' deadline per example, and a watchdog
  (``faulthandler.dump_traceback_later``) that dumps every thread and ends the
  process if one call takes longer than ``WATCHDOG_SECONDS``;
- no exception shows any part of the marker password given as a secret.

Deterministic (``derandomize=True``: the same examples every run) and bounded:
``DEFAULT_EXAMPLES`` per function by default (the whole module takes well under
a minute on Linux and under Wine); ``RAS_FUZZ_EXAMPLES=N`` in the environment
runs N per function on demand (e.g. 5000 for a long run).  Single-threaded:
every dial started here is waited for before anything is hung up.
"""

from __future__ import annotations

import faulthandler
import inspect
import math
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import requires_sim, secret_leaks

import ras
import simctl

pytestmark = requires_sim


class Boom(Exception):
    """Raised by the hostile objects' special methods: may propagate unchanged."""


# The exception types a call may raise.  TypeError / ValueError (UnicodeError
# included) / OverflowError for bad arguments, KeyError for an unknown key of a
# structure dict, AttributeError for deleting a RASDIALEXTENSIONS attribute,
# ras.error for anything RAS refused, and the hostile objects' own Boom.  Never
# SystemError (a C bug), MemoryError (every input here is small enough) or
# anything else.
ALLOWED: tuple[type[BaseException], ...] = (
    TypeError,
    ValueError,
    OverflowError,
    KeyError,
    AttributeError,
    ras.error,
    Boom,
)

DEFAULT_EXAMPLES = 40
EXAMPLES = int(os.environ.get("RAS_FUZZ_EXAMPLES", "0") or 0) or DEFAULT_EXAMPLES
WATCHDOG_SECONDS = 60.0
FUZZ = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None if EXAMPLES > DEFAULT_EXAMPLES else 10_000,
    suppress_health_check=list(HealthCheck),
    print_blob=True,
)

# The marker password: built at run time, so no traceback source line spells it.
MARKER = "".join(map(chr, (0x5A, 0x71, 0x39, 0x78, 0x50, 0x77, 0x44, 0x33, 0x6B, 0x4C)))
MARKERS = [MARKER, MARKER[:4] + "\ud800" + MARKER[4:], MARKER + "\udc00", MARKER + "\0x"]

# ---- hostile objects ---------------------------------------------------------


def _boom(*_args: Any) -> Any:
    raise Boom("hostile special method")


class RaisingIndex:
    __index__ = _boom
    __int__ = _boom
    __float__ = _boom


class GarbageIndex:
    def __index__(self) -> Any:
        return "not an int"

    def __int__(self) -> Any:
        return 1.5


class HugeIndex:
    def __index__(self) -> int:
        return 2**200


class NegativeIndex:
    def __index__(self) -> int:
        return -1


class RaisingLen:
    __len__ = _boom

    def __getitem__(self, i: int) -> str:
        if i < 3:
            return "Lab"
        raise IndexError(i)


class NegativeLen:
    def __len__(self) -> int:
        return -1

    def __getitem__(self, i: int) -> str:
        raise IndexError(i)


class LyingLen:
    """Claims a million items, has two."""

    def __len__(self) -> int:
        return 10**6

    def __getitem__(self, i: int) -> str:
        if i < 2:
            return "Lab"
        raise IndexError(i)


class RaisingIter:
    __iter__ = _boom
    __len__ = _boom
    __getitem__ = _boom


class GarbageIter:
    def __iter__(self) -> Any:
        return 5


class IterRaisesLater:
    def __iter__(self) -> Iterator[str]:
        yield "Lab"
        yield ""
        raise Boom("in the middle of iteration")


class RaisingStr:
    __str__ = _boom
    __repr__ = _boom
    __format__ = _boom


class RaisingEqHash:
    __eq__ = _boom
    __hash__ = _boom
    __str__ = _boom
    __repr__ = _boom


class CollidingKey(str):
    """A dict key equal in hash to a real field name whose __eq__ raises."""

    __eq__ = _boom
    __ne__ = _boom

    def __hash__(self) -> int:
        return hash(str(self))


class RaisingBool:
    __bool__ = _boom
    __len__ = _boom


class EvilStr(str):
    __str__ = _boom
    __repr__ = _boom
    __len__ = _boom
    __iter__ = _boom
    __getitem__ = _boom


class EvilInt(int):
    __index__ = _boom
    __int__ = _boom
    __repr__ = _boom


class RaisingCallable:
    def __call__(self, *args: Any) -> None:
        raise Boom("in the dial callback")


# Factories, not objects: hypothesis hashes what sampled_from holds, and some
# of these refuse; each draw also gets a fresh object.
HOSTILE: list[Callable[[], Any]] = [
    RaisingIndex,
    GarbageIndex,
    HugeIndex,
    NegativeIndex,
    RaisingLen,
    NegativeLen,
    LyingLen,
    RaisingIter,
    GarbageIter,
    IterRaisesLater,
    RaisingStr,
    RaisingEqHash,
    RaisingBool,
    lambda: EvilStr("Lab"),
    lambda: EvilStr(MARKER),
    lambda: EvilInt(3),
    lambda: CollidingKey("password"),
    lambda: CollidingKey("mask"),
    RaisingCallable,
    object,
    lambda: type,
    lambda: ras,
    ras.RASDIALEXTENSIONS,
    lambda: Ellipsis,
    lambda: NotImplemented,
    lambda: 1j,
    lambda: memoryview(b"Lab"),
    lambda: bytearray(b"Lab"),
    lambda: frozenset({"Lab"}),
    lambda: range(3),
]
HOSTILE_OBJECTS = st.sampled_from(HOSTILE).map(lambda make: make())


HUGE_INTS = [
    0,
    1,
    -1,
    2,
    255,
    256,
    2**15,
    2**16,
    2**31 - 1,
    2**31,
    -(2**31),
    2**32 - 1,
    2**32,
    2**63 - 1,
    2**63,
    -(2**63),
    -(2**63) - 1,
    2**64 - 1,
    2**64,
    2**1000,
    -(2**1000),
    True,
    False,
]

HOSTILE_STRINGS = [
    "",
    "Lab",
    "Home",
    "Nope",
    "a\0b",
    "\0",
    "\ud800",
    "x\udfffy",
    "\udc80" * 3,
    "\U0001f511" * 200,
    "x" * 100_000,
    "\u00e9" * 300,
    " ",
    "[Lab]",
    "Lab\n[Injected]\nDEVICE=vpn",
    "=",
    ".",
    "..",
    "CON",
    "%s%n%x",
]

# Generated text: no path separators, so no fuzzed phonebook path leaves the
# test's own directory (the test runs with that directory as cwd).
TEXT = st.text(
    alphabet=st.characters(blacklist_characters="/\\:", blacklist_categories=()),
    max_size=20,
)

INTS = st.sampled_from(HUGE_INTS) | st.integers()
FLOATS = st.sampled_from([0.0, -0.0, 1.5, math.nan, math.inf, -math.inf, 1e300])
LEAVES = (
    INTS
    | st.sampled_from(HOSTILE_STRINGS)
    | TEXT
    | st.binary(max_size=20)
    | st.sampled_from([b"", b"Lab", b"\0" * 16, b"x" * 100_000])
    | FLOATS
    | st.none()
    | HOSTILE_OBJECTS
)

# Keys of every structure dict, so that dicts reach the field conversions.
STRUCT_KEYS = sorted(
    {
        *ras.GetEntryProperties(None, None),
        "mask",
        "userName",
        "password",
        "domain",
        "flags",
        "deviceType",
        "deviceName",
        "localPhoneNumber",
        "alternatePhoneNumbers",
        "ifIndex",
        "localEndPoint",
        "remoteEndPoint",
        "entry",
        "dialingLocation",
    }
)
KEYS = (
    st.sampled_from(STRUCT_KEYS)
    | TEXT
    | INTS
    | st.sampled_from(["password", "options", "mask"]).map(CollidingKey)
    | st.sampled_from([None, b"mask"])
)


def build_dict(items: list[tuple[Any, Any]]) -> dict[Any, Any]:
    """A dict of items; keys that refuse hashing or comparison are left out.
    (Not st.dictionaries: hypothesis itself compares the keys.)"""
    d: dict[Any, Any] = {}
    for k, v in items:
        try:
            d[k] = v
        except (Boom, TypeError):
            pass
    return d


def dicts(keys: st.SearchStrategy[Any], values: st.SearchStrategy[Any], n: int) -> Any:
    return st.lists(st.tuples(keys, values), max_size=n).map(build_dict)


def _containers(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return (
        st.lists(children, max_size=8)
        | st.lists(children, max_size=8).map(tuple)
        | dicts(KEYS, children, 6)
    )


VALUES = st.recursive(LEAVES, _containers, max_leaves=12)

# ---- plausible values, by parameter name -------------------------------------


class Ctx:
    """Per-example state: the phonebook, a live connection's handle."""

    pbk = ""
    live = 0


LIVE = object()  # replaced by the live connection's handle at call time
PBK = object()  # replaced by the test phonebook's path at call time
PLAUSIBLE_DIAL_PARAMS = st.lists(
    st.sampled_from(["Lab", "Home", "", "alice", "secret", "CORP"]) | LEAVES, max_size=7
).map(tuple)

PLAUSIBLE: dict[str, st.SearchStrategy[Any]] = {
    "phonebook": st.sampled_from([PBK, None, ""]),
    "entry": st.sampled_from(["Lab", "Home", "Nope", "lab", None]),
    "handle": st.sampled_from([LIVE, 0, None, 1, 65536]),
    "subentry": st.sampled_from([0, 1, 2, 3]),
    "flags": st.sampled_from([0, 1, 2, 4, 7, 8, 0x10, 0x20, 0x40, 0xFFFFFFFF]),
    "dict": dicts(st.sampled_from(STRUCT_KEYS), LEAVES, 4),
    "list": st.lists(dicts(st.sampled_from(STRUCT_KEYS), LEAVES, 3), max_size=3),
    "dialparams": PLAUSIBLE_DIAL_PARAMS,
    "ext": st.sampled_from([None, "ext"]),
    "callback": st.sampled_from([None, "recorder", RaisingCallable(), 0, 1]),
    "data": st.sampled_from([b"", b"\x01\x02", b"\0" * 1000]),
    "address": st.sampled_from(["host.example", "10.0.0.1", "", "a" * 255, "a" * 256]),
    "int": st.sampled_from([0, 1, 2, 3, 86, 621, 623, 0xFFFFFFFF]),
}

ROLE = {
    "phonebook": "phonebook",
    "phoneBook": "phonebook",
    "fileName": "phonebook",
    "reserved": "phonebook",
    "entry": "entry",
    "entryName": "entry",
    "oldName": "entry",
    "newName": "entry",
    "hrasconn": "handle",
    "hras": "handle",
    "hEvent": "handle",
    "hToken": "handle",
    "hWnd": "handle",
    "hwnd": "handle",
    "subEntry": "subentry",
    "subEntryId": "subentry",
    "flags": "flags",
    "mask": "flags",
    "projection": "int",
    "credentials": "dict",
    "properties": "dict",
    "update": "dict",
    "entries": "list",
    "RasDialParams": "dialparams",
    "dialExtensions": "ext",
    "callback": "callback",
    "data": "data",
    "address": "address",
}


# Parameters that take a number and get the "int" pool.
INT_PARAMS = {
    "error",
    "countryId",
    "dialingLocation",
    "enabled",
    "key",
    "value",
    "clearCredentials",
    "bSavePassword",
}


def public_functions() -> list[str]:
    return sorted(
        name
        for name in dir(ras._ras)
        if not name.startswith("_")
        and name != "error"
        and callable(getattr(ras._ras, name))
        and not isinstance(getattr(ras._ras, name), type)
    )


def parameters(name: str) -> list[inspect.Parameter]:
    return list(inspect.signature(getattr(ras._ras, name)).parameters.values())


@st.composite
def call_args(draw: st.DrawFn, name: str) -> tuple[list[Any], dict[str, Any]]:
    params = parameters(name)
    positional = [p for p in params if p.kind is p.POSITIONAL_ONLY]
    keyword = [p for p in params if p.kind in (p.KEYWORD_ONLY, p.POSITIONAL_OR_KEYWORD)]
    n = len(positional) + draw(st.sampled_from([0, 0, 0, 0, -1, 1]))
    args = []
    for i in range(max(n, 0)):
        role = ROLE.get(positional[i].name, "int") if i < len(positional) else "int"
        args.append(draw(PLAUSIBLE[role] | VALUES if draw(st.booleans()) else VALUES))
    kwargs = {}
    for p in keyword:
        if draw(st.booleans()):
            role = ROLE.get(p.name, "int")
            kwargs[p.name] = draw(PLAUSIBLE[role] | VALUES)
    if draw(st.integers(0, 20)) == 0:
        kwargs[draw(TEXT.filter(str.isidentifier) | st.just("bogus"))] = draw(LEAVES)
    return args, kwargs


# ---- running one call ----------------------------------------------------------


class Recorder:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, *args: Any) -> None:
        self.calls += 1


def resolve(value: Any, ctx: type[Ctx]) -> Any:
    if value is LIVE:
        return ctx.live
    if value is PBK:
        return ctx.pbk
    if type(value) is str and value == "recorder":
        return Recorder()
    if type(value) is str and value == "ext":
        return ras.RASDIALEXTENSIONS()
    return value


def settle() -> None:
    """Wait for every dial's callback context to be released (no fixed sleep:
    polls the count, which drops when each dial's terminal notification is in)."""
    deadline = time.monotonic() + 20
    while ras._ras._pending_dials() and time.monotonic() < deadline:
        time.sleep(0.001)
    assert ras._ras._pending_dials() == 0, "a dial did not end"


def cleanup() -> None:
    settle()
    for conn in ras.EnumConnections():
        try:
            ras.HangUp(conn[0])
        except ras.error:
            pass
    simctl.reset()
    settle()


def guarded(fn: Callable[..., Any], *args: Any, secret: str | None = None, **kwargs: Any) -> Any:
    """fn(*args, **kwargs) under the watchdog; asserts the exception contract."""
    unraisable: list[Any] = []
    old_hook = sys.unraisablehook
    sys.unraisablehook = unraisable.append  # Boom from a dial callback lands here
    faulthandler.dump_traceback_later(WATCHDOG_SECONDS, exit=True)
    try:
        result = fn(*args, **kwargs)
    except ALLOWED as e:
        if secret is not None:
            leaks = secret_leaks(e, secret)
            assert not leaks, f"{type(e).__name__} shows {leaks!r} of the secret"
        return e
    finally:
        faulthandler.cancel_dump_traceback_later()
        try:
            settle()
        finally:
            sys.unraisablehook = old_hook
    for u in unraisable:
        assert isinstance(u.exc_value, Boom), repr(u.exc_value)
    if secret is not None:
        assert secret not in repr(result)
    return result


@pytest.fixture
def fuzz_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[type[Ctx]]:
    monkeypatch.chdir(tmp_path)
    Ctx.pbk = str(tmp_path / "fuzz.pbk")
    yield Ctx
    cleanup()


def fresh(ctx: type[Ctx], *, live: bool) -> None:
    """Start an example from the same state: two entries, nothing saved."""
    cleanup()
    for path in Path(ctx.pbk).parent.iterdir():
        if path.is_file():
            path.unlink()
    simctl.write_phonebook(Path(ctx.pbk), ["Lab", "Home"])
    ctx.live = 0
    if live:
        h, rc = ras.Dial(None, ctx.pbk, ("Home",), None)
        assert rc == 0
        ctx.live = h


# ---- the tests -------------------------------------------------------------------


def test_every_public_callable_is_fuzzed() -> None:
    names = public_functions()
    assert len(names) >= 45 and "Dial" in names and "SetCredentials" in names
    for name in names:
        for p in parameters(name):
            assert p.name in ROLE or p.name in INT_PARAMS, (name, p.name)


DIALS = {"Dial"}


@pytest.mark.parametrize("name", public_functions())
def test_fuzz_function(name: str, fuzz_dir: type[Ctx]) -> None:
    fn = getattr(ras._ras, name)

    @FUZZ
    @given(call_args(name))
    def run(drawn: tuple[list[Any], dict[str, Any]]) -> None:
        # no live connection for Dial: a dial of it would join it (see issue 14)
        fresh(fuzz_dir, live=name not in DIALS)
        args = [resolve(a, fuzz_dir) for a in drawn[0]]
        kwargs = {k: resolve(v, fuzz_dir) for k, v in drawn[1].items()}
        guarded(fn, *args, **kwargs)

    run()


# The secret is converted before the hostile `junk` around it (fields are read
# in order), so every example reaches the secret's conversion.
SECRET_CALLS: dict[str, Callable[[type[Ctx], Any, Any], Any]] = {
    "Dial": lambda c, pw, junk: ras.Dial(None, c.pbk, ("Lab", "", "", "u", pw, junk), None),
    "Dial-callback": lambda c, pw, junk: ras.Dial(
        None, c.pbk, ["Lab", "", "", "u", pw, junk], Recorder()
    ),
    "Dial-resume": lambda c, pw, junk: ras.Dial(
        None, c.pbk, ["Lab", "", "", "u", pw, junk], Recorder(), hrasconn=c.live
    ),
    "SetEntryDialParams": lambda c, pw, junk: ras.SetEntryDialParams(
        c.pbk, ("Lab", "", "", "u", pw, junk), 0
    ),
    "SetCredentials": lambda c, pw, junk: ras.SetCredentials(
        c.pbk, "Lab", {"password": pw, "userName": junk}
    ),
    "SetCredentials-psk": lambda c, pw, junk: ras.SetCredentials(
        c.pbk, "Lab", {"password": pw, "mask": junk}
    ),
}


@pytest.mark.parametrize("name", sorted(SECRET_CALLS))
def test_fuzz_secrets(name: str, fuzz_dir: type[Ctx]) -> None:
    """The marker password in the secret field, hostile values around it."""

    @FUZZ
    @given(
        st.sampled_from(MARKERS)
        | st.builds(lambda a, b: a + MARKER + b, TEXT, TEXT)
        | st.builds(lambda n: MARKER * n, st.integers(20, 60)),
        st.sampled_from(["", "x", 0, None]) | LEAVES,
    )
    def run(secret: str, junk: Any) -> None:
        fresh(fuzz_dir, live=False)
        if type(junk) is str and MARKER[:3] in junk:
            junk = ""
        guarded(SECRET_CALLS[name], fuzz_dir, secret, junk, secret=MARKER)

    run()


EXT_ATTRS = ["dwfOptions", "fOptions", "hwndParent", "reserved", "reserved1", "RasEapInfo"]


def test_fuzz_types(fuzz_dir: type[Ctx]) -> None:
    """The two types: constructors, every attribute set to anything, repr, deletion."""

    @FUZZ
    @given(
        st.lists(VALUES, max_size=3),
        dicts(TEXT, LEAVES, 2),
        st.lists(st.tuples(st.sampled_from([*EXT_ATTRS, "bogus"]), VALUES), max_size=6),
    )
    def run(args: list[Any], kwargs: dict[str, Any], sets: list[tuple[str, Any]]) -> None:
        guarded(ras.RASDIALEXTENSIONS, *args, **kwargs)
        guarded(ras.RASEAPUSERIDENTITY, *args, **kwargs)
        ext = ras.RASDIALEXTENSIONS()
        for attr, value in sets:
            guarded(setattr, ext, attr, value)
            guarded(delattr, ext, attr)
            for name in EXT_ATTRS:
                guarded(getattr, ext, name)
            assert isinstance(guarded(repr, ext), str)
        # the extensions object, whatever was set, is still usable by Dial
        fresh(fuzz_dir, live=False)
        guarded(ras.Dial, ext, fuzz_dir.pbk, ("Lab",), None)

    run()


# ---- regressions found by fuzzing --------------------------------------------------


class LyingEntries:
    """Claims a million AutoDial entries, has one."""

    def __len__(self) -> int:
        return 1_000_000

    def __getitem__(self, i: int) -> dict[str, Any]:
        if i < 1:
            return {"entry": "Backup", "dialingLocation": 7}
        raise IndexError(i)


def test_lying_len_does_not_size_the_allocation(default_pbk: str) -> None:
    """SetAutodialAddress sized its array by __len__: a claimed million entries
    allocated and zeroed 530 MB (8 million: 4 GB, 9 s) before the second item
    raised IndexError.  It now reads the items themselves."""
    import tracemalloc

    tracemalloc.start()
    try:
        ras.SetAutodialAddress("lying.example", LyingEntries())
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20_000_000, f"{peak} bytes allocated for one entry"
    got = ras.GetAutodialAddress("lying.example")
    assert got == [{"flags": 0, "dialingLocation": 7, "entry": "Backup"}]
