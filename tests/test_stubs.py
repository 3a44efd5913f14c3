"""The type stub of ras._ras lists exactly what the module has."""

from __future__ import annotations

import ast
import importlib.util
import inspect
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import ras
from ras import _surface

TOOLS = Path(__file__).resolve().parent.parent / "tools"


def stub_path() -> Path:
    return Path(ras.__file__).resolve().parent / "_ras.pyi"


def stub_names() -> set[str]:
    tree = ast.parse(stub_path().read_text(encoding="utf-8"))
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return names


def test_stub_is_installed() -> None:
    assert stub_path().is_file()
    assert (stub_path().parent / "py.typed").is_file()


def test_stub_lists_every_public_name() -> None:
    module = {n for n in vars(ras._ras) if not n.startswith("__")} - {"error"} | {"error"}
    stub = stub_names()
    missing = {n for n in module if not n.startswith("_")} - stub
    assert not missing, f"not in the stub: {sorted(missing)}"
    # the TypedDicts are the stub's alone (for type checkers: tests/test_typeddicts.py)
    typeddicts = set(_surface.typeddict_names())
    assert typeddicts <= stub and not typeddicts & module
    extra = {n for n in stub if not n.startswith("_")} - module - typeddicts
    assert not extra, f"in the stub but not the module: {sorted(extra)}"


@pytest.mark.skipif(not (TOOLS / "gen_stubs.py").is_file(), reason="source checkout only")
def test_stub_is_current() -> None:
    spec = importlib.util.spec_from_file_location("gen_stubs", TOOLS / "gen_stubs.py")
    assert spec and spec.loader
    gen = importlib.util.module_from_spec(spec)
    sys.modules["gen_stubs"] = gen
    spec.loader.exec_module(gen)
    expected = gen.render(ras._ras)
    assert stub_path().read_text(encoding="utf-8").replace(os.linesep, "\n") == expected


# ---- the surface declared once (ras/_surface.py) ---------------------------

ROOT = Path(__file__).resolve().parent.parent


def stub_functions() -> dict[str, list[_surface.Param]]:
    """Each function of the stub: its parameters as ras._surface reads them."""
    tree = ast.parse(stub_path().read_text(encoding="utf-8"))
    return {
        node.name: _surface.parameters(_surface.Function(node.name, ast.unparse(node.args), ""))
        for node in tree.body
        if isinstance(node, ast.FunctionDef)
    }


def runtime_parameters(fn: Any) -> list[_surface.Param]:
    kinds = {
        inspect.Parameter.POSITIONAL_ONLY: "positional-only",
        inspect.Parameter.POSITIONAL_OR_KEYWORD: "positional-or-keyword",
        inspect.Parameter.KEYWORD_ONLY: "keyword-only",
    }
    return [
        _surface.Param(
            p.name,
            kinds.get(p.kind, str(p.kind)),
            _surface.REQUIRED if p.default is p.empty else p.default,
        )
        for p in inspect.signature(fn).parameters.values()
    ]


@pytest.mark.parametrize("fn", _surface.FUNCTIONS, ids=lambda f: f.name)
def test_text_signature_matches_the_stub(fn: _surface.Function) -> None:
    """The C docstring's signature line (__text_signature__) declares what the stub does."""
    runtime = getattr(ras._ras, fn.name)
    assert runtime.__text_signature__, f"{fn.name} has no signature line in its C docstring"
    assert runtime_parameters(runtime) == stub_functions()[fn.name]
    assert runtime_parameters(runtime) == _surface.parameters(fn)


def test_stub_functions_are_the_declared_ones() -> None:
    declared = [f.name for f in (*_surface.FUNCTIONS, *_surface.HOOKS)]
    assert list(stub_functions()) == declared
    assert len(set(declared)) == len(declared)


def test_all_is_the_declared_surface() -> None:
    assert len(ras.__all__) == len(set(ras.__all__))
    expected = (
        set(_surface.public_names())
        | {"CONSTANTS", "DEVICE_TYPES", "STATE_NAMES", "country_list", "is_final_state"}
        | {"state_name"}
        | set(ras._TYPED)
        | set(ras._WATCH)
        | set(ras._errors.__all__)
        | set(ras.CONSTANTS)
        | set(ras.DEVICE_TYPES)
    )
    assert set(ras.__all__) == expected
    # every public name of the extension, and nothing else of it
    extension = {n for n in vars(ras._ras) if not n.startswith("_")}
    assert extension == set(_surface.public_names()) | set(ras.CONSTANTS)
    assert all(hasattr(ras, n) for n in ras.__all__)


def heading_signatures() -> list[tuple[str, str, str]]:
    """(page, name, arguments) of every "## `Name(args)`" heading of docs/api/*.md."""
    found = []
    for page in sorted((ROOT / "docs" / "api").glob("*.md")):
        for line in page.read_text(encoding="utf-8").splitlines():
            m = re.match(r"#+ .*?`([A-Za-z_]\w*)\(([^`]*)\)`", line)
            if m:
                found.append((page.name, m.group(1), m.group(2)))
    return found


def doc_arguments(params: list[_surface.Param]) -> str:
    out, star = [], False
    for p in params:
        if p.kind == "keyword-only" and not star:
            out.append("*")
            star = True
        out.append(p.name if p.default is _surface.REQUIRED else f"{p.name}={p.default!r}")
    return ", ".join(out)


@pytest.mark.skipif(not (ROOT / "docs" / "api").is_dir(), reason="source checkout only")
def test_docs_signature_headings_match_the_declaration() -> None:
    declared = {f.name: f for f in _surface.FUNCTIONS}
    headings = heading_signatures()
    assert len(headings) >= 5, headings  # the pattern still finds the headings
    for page, name, args in headings:
        assert name in declared, f"docs/api/{page}: {name} is no function of ras"
        expected = doc_arguments(_surface.parameters(declared[name]))
        assert args == expected, f"docs/api/{page}: `{name}({args})`, declared ({expected})"


USER_FILE = """\
from __future__ import annotations

import ipaddress
from collections.abc import Mapping

import ras

x: int = ras.RASCS_Connected
e: int = ras.ERROR_INVALID_SIZE
h, rc = ras.Dial(None, None, ("Office VPN", "", "", "alice", "pw", ""), None)
ras.HangUp(h)
name: str = ras.state_name(ras.RASCS_Connected)
props: ras.EntryPropertiesDict = ras.GetEntryProperties(None, "Office VPN")
# a TypedDict is a Mapping[str, object], not a dict[str, object] (docs/api/typing.md)
fields: Mapping[str, object] = ras.GetEntryProperties(None, "Office VPN")
ext = ras.RASDIALEXTENSIONS()
ext.dwfOptions = ras.RDEOPT_PausedStates
w: int = ras.RASCS_Connected + ras.RASEAPF_Logon
ras.Dial(ext, None, ("Office VPN",), None)
version: str = ras.__version__

# the typed entries (ras._entryprops, ras._entries, ras._credentials)
book = ras.Phonebook()
book["Office"] = ras.Entry.vpn(
    "vpn.example.com", strategy=ras.VpnStrategy.IKEV2_ONLY, split_tunnel=True
)
entry: ras.Entry = book["Office"]
entry.dns_suffix = "corp.example.com"
entry.options |= ras.EntryOptions.REQUIRE_EAP
strategy: ras.VpnStrategy = entry.vpn_strategy
dns: ipaddress.IPv4Address = entry.dns_server
book["Office"] = entry
names: list[str] = [name for name in book if name in book]
book.rename("Office", "Office 2")
book.set_credentials("Office 2", user="alice", password="pw")
saved: bool = book.credentials("Office 2").password_saved
links: list[ras.SubEntry] = book.sub_entries("Office 2")
raw: dict[str, object] = entry.to_dict()
del book["Office 2"]
try:
    ras.GetEntryProperties(None, "Office VPN")
except ras.EntryNotFoundError as e:
    code: int = e.code
    where: str = e.funcname
    text: str = e.strerror
except ras.DialError as e:
    legacy: ras.error = e
cls: type[ras.RasError] = ras.exception_for(ras.ERROR_AUTHENTICATION_FAILURE)
auth: ras.AuthenticationError | None = None
failure: ras.RasError = ras.error_for(rc, "RasDial")
specific: ras.RasError = ras.classify(ras.error(691, "RasDial", "text"))
classes: dict[int, type[ras.RasError]] = dict(ras.ERROR_CLASSES)
"""


def _mypy(tmp_path: Path, *args: str, mypypath: bool = True) -> subprocess.CompletedProcess[str]:
    pytest.importorskip("mypy", reason="mypy is not installed (nox's tests session installs it)")
    env = dict(os.environ)
    src = Path(ras.__file__).resolve().parent.parent
    # a source checkout: show mypy where ras is (stubtest must find typeshed's stub instead)
    if mypypath and src.name != "site-packages":
        env["MYPYPATH"] = str(src)
    env["PYTHONPATH"] = os.pathsep.join([str(src), env.get("PYTHONPATH", "")])
    return subprocess.run(
        [sys.executable, "-m", *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_mypy_strict_sees_every_name(tmp_path: Path) -> None:
    (tmp_path / "user.py").write_text(USER_FILE, encoding="utf-8")
    (tmp_path / "typo.py").write_text("import ras\n\nx: int = ras.RASCS_Conected\n")
    # a misspelt class is caught too (so mypy did read ras/_errors.py)
    (tmp_path / "typo2.py").write_text("import ras\n\nc: type = ras.AuthenticatonError\n")
    out = _mypy(tmp_path, "mypy", "--strict", "--cache-dir", str(tmp_path / ".mypy"), ".")
    errors = [line for line in out.stdout.splitlines() if ": error:" in line]
    # the misspelt names are caught (so mypy did read the stub), nothing else is reported
    assert len(errors) == 2, out.stdout + out.stderr
    assert sorted(e.split(" ")[0] for e in errors) == ["typo.py:3:", "typo2.py:3:"], errors


def test_stubtest_win32ras_against_typeshed(tmp_path: Path) -> None:
    """typeshed's win32ras stub (types-pywin32) describes our shim, but for what
    docs/compatibility.md lists as beyond pywin32 (the allowlist below)."""
    try:
        import importlib.util

        found = importlib.util.find_spec("win32ras-stubs") is not None
    except ImportError:
        found = False
    if not found:
        pytest.skip("types-pywin32 is not installed (nox's tests session installs it)")
    allow = tmp_path / "allowlist.txt"
    allow.write_text(
        "win32ras.__all__\n"  # the shim lists its names; pywin32's extension has no __all__
        + "".join(f"win32ras.{n}\n" for n in sorted(_surface.WIN32RAS_EXTRAS))
        # Reported by mypy 1.x's stubtest (the one pip gives Python 3.9), not by
        # mypy 2's: Dial's keyword-only hrasconn (ours, listed in compatibility.md),
        # and three places where typeshed's stub and our runtime disagree in form
        # (typeshed: a default for EditPhonebookEntry's entryName, *args for
        # GetEapUserIdentity, a function for RASDIALEXTENSIONS, which is a type).
        + "win32ras.Dial\nwin32ras.EditPhonebookEntry\n"
        + "win32ras.GetEapUserIdentity\nwin32ras.RASDIALEXTENSIONS\n"
    )
    out = _mypy(
        tmp_path,
        "mypy.stubtest",
        "win32ras",
        "--allowlist",
        str(allow),
        "--ignore-unused-allowlist",
        mypypath=False,
    )
    assert out.returncode == 0, out.stdout + out.stderr
