"""The errors family: GetErrorString, the error it raises and its classes."""

from __future__ import annotations

import builtins
import os
import pickle
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from support import Scenario, requires_sim

import ras
import win32ras
from ras import _errors

pytestmark = requires_sim


def test_get_error_string_every_code() -> None:
    texts = set()
    for name, code in ras.CONSTANTS.items():
        if name.startswith("ERROR_") and 600 < code <= 870:
            text = ras.GetErrorString(code)
            assert text and text.strip() == text, (name, text)
            texts.add(text)
    assert len(texts) > 250  # messages are specific, not one generic text


def test_get_error_string_unknown_code_reports_the_real_code() -> None:
    with pytest.raises(ras.error) as exc:
        ras.GetErrorString(12345)
    # pywin32 reports 0 here (it reads GetLastError); we report RAS's result.
    assert exc.value.winerror == 87
    assert exc.value.funcname == "RasGetErrorString"
    assert exc.value.args == (87, "RasGetErrorString", exc.value.strerror)


# ---- the classes errors are raised as (src/ras/_errors.py) -----------------

ROOT = Path(__file__).resolve().parent.parent
FAMILY_NAMES = ("ERROR_", "PENDING", "WARNING_MSG_ALIAS_NOT_ADDED", "SUCCESS")


def family_codes() -> dict[int, list[str]]:
    """Every code of the errors family by value: raserror.h's and the Win32 ones."""
    out: dict[int, list[str]] = {}
    for name, code in ras.CONSTANTS.items():
        if name.startswith(FAMILY_NAMES):
            out.setdefault(code, []).append(name)
    return out


def error_classes() -> list[type[ras.RasError]]:
    return [
        getattr(ras, n)
        for n in _errors.__all__
        if isinstance(getattr(ras, n), type) and issubclass(getattr(ras, n), ras.error)
    ]


def test_every_code_maps_to_exactly_one_class() -> None:
    listed = [code for _, codes in _errors.TABLE for code in codes]
    duplicates = sorted({c for c in listed if listed.count(c) > 1})
    assert not duplicates, duplicates
    codes = family_codes()
    missing = {c: codes[c] for c in set(codes) - set(listed)}
    assert not missing, f"codes of no class: {missing}"
    unknown = sorted(set(listed) - set(codes))
    assert not unknown, f"codes the errors family does not have: {unknown}"
    assert dict(ras.ERROR_CLASSES) == {c: cls for cls, cs in _errors.TABLE for c in cs}
    # raserror.h's 271 codes (600..870) and the 15 Win32 codes of errors.c
    assert len(ras.ERROR_CLASSES) == 271 + 15 == 286


@pytest.mark.skipif(not (ROOT / "src" / "compat").is_dir(), reason="source checkout only")
def test_the_table_covers_the_c_lists() -> None:
    """Read from the sources the module is built from: raserror_list.h and errors.c."""
    raserror_list = (ROOT / "src/compat/raserror_list.h").read_text()
    names = re.findall(r"RASERR\(\s*(\w+),\s*\d+,", raserror_list)
    names += re.findall(r"RASCONST\((ERROR_\w+)\)", (ROOT / "src/_ras/errors.c").read_text())
    assert len(names) == 271 + 15
    assert {getattr(ras, n) for n in names} == set(ras.ERROR_CLASSES)


def test_classes_are_ras_errors_with_public_names() -> None:
    classes = error_classes()
    assert len(classes) == 24  # RasError and 23 below it
    used = {cls for cls, _ in _errors.TABLE}
    for cls in classes:
        assert issubclass(cls, ras.RasError) and issubclass(cls, ras.error), cls
        assert cls in used, f"{cls.__name__} has no code"
        assert cls.__module__ == "ras" and getattr(ras, cls.__name__) is cls
        assert cls.__doc__ and cls.__doc__.strip()
    assert ras.RasError.__bases__ == (ras.error,)
    # no class shadows a builtin (from ras import * must not replace TimeoutError & co.)
    assert not {cls.__name__ for cls in classes} & set(dir(builtins))


@pytest.mark.parametrize(
    ("code", "cls"),
    [
        (0, ras.InvalidArgumentError),
        (ras.ERROR_INVALID_HANDLE, ras.InvalidHandleError),
        (ras.ERROR_CANNOT_FIND_PHONEBOOK_ENTRY, ras.EntryNotFoundError),
        (ras.ERROR_CANNOT_OPEN_PHONEBOOK, ras.PhonebookNotFoundError),
        (ras.ERROR_AUTHENTICATION_FAILURE, ras.AuthenticationError),
        (ras.ERROR_EAP_USER_CERT_EXPIRED, ras.CertificateError),
        (ras.ERROR_LINE_BUSY, ras.LineBusyError),
        (ras.ERROR_NO_ANSWER, ras.LineBusyError),
        (ras.ERROR_SERVER_NOT_RESPONDING, ras.UnreachableError),
        (ras.ERROR_PPP_TIMEOUT, ras.DialTimeoutError),
        (ras.ERROR_REMOTE_DISCONNECTION, ras.DisconnectedError),
        (ras.ERROR_ACCESS_DENIED, ras.AccessDeniedError),
        (ras.ERROR_CALL_NOT_IMPLEMENTED, ras.NotSupportedError),
        (ras.ERROR_NOT_ENOUGH_MEMORY, ras.ResourceError),
        (ras.ERROR_PORT_NOT_AVAILABLE, ras.DeviceError),
        (ras.ERROR_CORRUPT_PHONEBOOK, ras.PhonebookError),
        (ras.ERROR_SCRIPT_SYNTAX, ras.ConfigurationError),
        (ras.ERROR_UNKNOWN, ras.RasError),
        (99999, ras.RasError),
        (-1, ras.RasError),
    ],
)
def test_exception_for(code: int, cls: type[ras.RasError]) -> None:
    assert ras.exception_for(code) is cls


def test_hierarchy_groups() -> None:
    assert issubclass(ras.PhonebookNotFoundError, ras.NotFoundError)
    assert issubclass(ras.PhonebookNotFoundError, ras.PhonebookError)
    assert issubclass(ras.EntryNotFoundError, ras.NotFoundError)
    assert issubclass(ras.InvalidHandleError, ras.InvalidArgumentError)
    dial = [ras.AuthenticationError, ras.CertificateError, ras.UnreachableError]
    dial += [ras.LineBusyError, ras.NegotiationError, ras.DialTimeoutError]
    assert all(issubclass(c, ras.DialError) for c in [*dial, ras.DisconnectedError])
    assert issubclass(ras.CertificateError, ras.AuthenticationError)
    dial_family = {c for c in ras.ERROR_CLASSES.values() if issubclass(c, ras.DialError)}
    assert dial_family == {ras.DialError, ras.DisconnectedError, *dial}


# ---- what the raw functions raise ------------------------------------------


def raised(fn: Callable[..., object], *args: object) -> BaseException:
    with pytest.raises(ras.error) as exc:
        fn(*args)
    return exc.value


def test_raw_functions_raise_the_class_of_the_code(pbk: str, tmp_path: Path) -> None:
    e = raised(ras.GetEntryProperties, pbk, "No Such Entry")
    assert type(e) is ras.EntryNotFoundError
    assert e.args == (623, "RasGetEntryProperties", ras.GetErrorString(623))
    assert (e.winerror, e.funcname, e.strerror) == e.args  # type: ignore[attr-defined]
    assert e.code == 623  # type: ignore[attr-defined]

    e = raised(ras.EnumEntries, None, str(tmp_path / "missing.pbk"))
    assert type(e) is ras.PhonebookNotFoundError and e.args[0] == 621
    e = raised(ras.GetConnectStatus, 12345)
    assert type(e) is ras.InvalidHandleError and e.args[:2] == (6, "RasGetConnectStatus")
    e = raised(ras.ValidateEntryName, pbk, "Office VPN")
    assert type(e) is ras.AlreadyExistsError and e.args[0] == 183
    e = raised(ras.ValidateEntryName, pbk, "")
    assert type(e) is ras.InvalidArgumentError and e.args[0] == 123


def test_argument_errors_of_pywin32s_shape_are_invalid_argument() -> None:
    e = raised(ras.Dial, None, None, ("a",) * 7, None)
    assert type(e) is ras.InvalidArgumentError
    assert e.args == (
        0,
        "<RasDialParams conversion>",
        "The RasDialParams sequence length must be less than 6",
    )


def test_legacy_except_clauses_still_catch(pbk: str) -> None:
    for catch in (win32ras.error, ras.error, ras.RasError, ras.NotFoundError):
        try:
            ras.GetEntryProperties(pbk, "No Such Entry")
        except catch as e:
            assert e.args[0] == 623
        else:  # pragma: no cover
            pytest.fail("not raised")
    # the observable difference (docs/compatibility.md): the exact type
    e = raised(ras.GetEntryProperties, pbk, "No Such Entry")
    assert type(e) is not ras.error and isinstance(e, win32ras.error)
    assert str(e) == str(ras.error(*e.args))  # the message is pywin32's
    assert repr(e) == "EntryNotFoundError" + repr(e.args)


def test_failed_dial_code_as_exception(pbk: str, scenario: Scenario) -> None:
    """A code that arrives as a value (Dial's result) raised as its class."""
    scenario.set({"Office VPN": {"User": "alice", "Password": "right"}})
    h, rc = ras.Dial(None, pbk, ("Office VPN", "", "", "alice", "wrong", ""), None)
    ras.HangUp(h)
    e = ras.error_for(rc, "RasDial")
    assert type(e) is ras.AuthenticationError and isinstance(e, ras.DialError)
    assert e.args == (691, "RasDial", ras.GetErrorString(691))
    assert "wrong" not in repr(e) and "alice" not in repr(e)


def test_error_for_text_is_the_raw_layers() -> None:
    """The same strerror the raw functions give, also for codes RAS has no text for."""
    e = raised(ras.HangUp, 12345)  # a Win32 code: no RAS text
    assert ras.error_for(6, "RasHangup").args == e.args
    assert type(ras.error_for(6, "RasHangup")) is type(e) is ras.InvalidHandleError
    for code in (0, 5, 87, 600, 870, 12345, -1, 2**32 - 1):
        e = ras.error_for(code, "RasSomething")
        assert type(e) is ras.exception_for(code)
        assert e.args[:2] == (code, "RasSomething") and e.args[2]


# ---- classify: an error raised with ras.error's shape -> its class ----------


def test_classify_a_plain_error() -> None:
    try:
        raise ras.error(691, "RasDial", "text")
    except ras.error as e:
        plain = e
    c = ras.classify(plain)
    assert type(c) is ras.AuthenticationError
    assert c.args == (691, "RasDial", "text") and c.code == 691
    assert c.__traceback__ is plain.__traceback__ is not None
    assert ras.classify(c) is c  # already its class: itself


@pytest.mark.parametrize("args", [(), ("text",), (None, "f", "t"), (99999, "f", "t")])
def test_classify_odd_shapes_give_the_root(args: tuple[object, ...]) -> None:
    c = ras.classify(ras.error(*args))
    assert type(c) is ras.RasError and c.args == args


def test_errors_pickle_as_their_class() -> None:
    for cls in error_classes():
        e = cls(620, "RasDial", "text")
        back = pickle.loads(pickle.dumps(e))
        assert type(back) is cls and back.args == e.args


# ---- the table the extension reads (_set_error_classes) --------------------


def test_the_extension_reads_the_registered_table(pbk: str) -> None:
    try:
        ras._ras._set_error_classes({623: ras.DeviceError}, ras.ServiceError)
        assert type(raised(ras.GetEntryProperties, pbk, "Nope")) is ras.DeviceError
        assert type(raised(ras.GetConnectStatus, 12345)) is ras.ServiceError  # the default
    finally:
        ras._ras._set_error_classes(dict(ras.ERROR_CLASSES), ras.RasError)
    assert type(raised(ras.GetEntryProperties, pbk, "Nope")) is ras.EntryNotFoundError


@pytest.mark.parametrize(
    "args",
    [
        ({623: ValueError}, ras.RasError),
        ({623: ras.DeviceError}, KeyError),
        ({"623": ras.DeviceError}, ras.RasError),
        ({623: 5}, ras.RasError),
        ([], ras.RasError),
    ],
)
def test_set_error_classes_rejects_what_is_no_ras_error(args: tuple[Any, Any]) -> None:
    with pytest.raises(TypeError):
        ras._ras._set_error_classes(*args)
    assert type(raised(ras.GetConnectStatus, 12345)) is ras.InvalidHandleError


PYWINTYPES = """\
class error(Exception):
  def __init__(self, *args, **kw):
    nargs = len(args)
    if nargs > 0: self.winerror = args[0]
    else: self.winerror = None
    if nargs > 1: self.funcname = args[1]
    else: self.funcname = None
    if nargs > 2: self.strerror = args[2]
    else: self.strerror = None
    Exception.__init__(self, *args, **kw)
"""

WITH_PYWINTYPES = """\
import pickle, pywintypes, ras, win32ras
assert ras.error is win32ras.error is pywintypes.error
assert issubclass(ras.AuthenticationError, pywintypes.error)
try:
    ras.GetConnectStatus(12345)
except pywintypes.error as e:
    assert type(e) is ras.InvalidHandleError, type(e)
    assert (e.winerror, e.funcname, e.code) == (6, "RasGetConnectStatus", 6)
    assert e.strerror == e.args[2]
    assert type(pickle.loads(pickle.dumps(e))) is ras.InvalidHandleError
c = ras.classify(pywintypes.error(691, "RasDial", "t"))
assert type(c) is ras.AuthenticationError and c.winerror == 691 and c.strerror == "t"
print("ok")
"""


def test_with_pywin32s_error_class(tmp_path: Path) -> None:
    """pywintypes.error as pywin32 defines it (a Python class whose __init__
    sets winerror, funcname, strerror): the classes derive from it."""
    (tmp_path / "pywintypes.py").write_text(PYWINTYPES)
    env = dict(os.environ)
    src = Path(ras.__file__).resolve().parent.parent
    env["PYTHONPATH"] = os.pathsep.join([str(tmp_path), str(src)])
    out = subprocess.run(
        [sys.executable, "-c", WITH_PYWINTYPES],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert out.returncode == 0 and out.stdout == "ok\n", out.stdout + out.stderr
