"""The raw layer's dicts typed (issue 8, Typing): a TypedDict per C field table.

tools/gen_stubs.py writes the TypedDicts of ras/_ras.pyi from
``_ras._field_tables()`` (test_stubs.py checks the stub is current).  Here:
the tables describe what the functions really return (keys, which are always
there, value types), mypy --strict accepts typed user code over them
(tests/typed_examples/raw_dicts.py, also run here) and reports misspelt keys and
wrong value types, and the stub's constant values are the module's.
"""

from __future__ import annotations

import ast
import importlib.util
import ipaddress
import uuid
from pathlib import Path
from typing import Any, Callable

from support import Scenario, requires_sim
from test_stubs import _mypy, stub_path

import ras
from ras import _surface

HERE = Path(__file__).resolve().parent
TABLES: dict[str, list[tuple[str, str, bool]]] = ras._ras._field_tables()


# ---- the tables --------------------------------------------------------------


def test_every_shape_is_named_and_every_kind_typed() -> None:
    assert set(TABLES) == set(_surface.TYPED_DICTS)
    kinds = {kind for fields in TABLES.values() for _, kind, _ in fields}
    assert kinds == set(_surface.FIELD_TYPES)
    for shape, fields in TABLES.items():
        keys = [key for key, _, _ in fields]
        assert len(keys) == len(set(keys)), shape
    names = _surface.typeddict_names()
    assert len(names) == len(set(names))


def test_entry_keys_of_newer_windows_are_not_required() -> None:
    """The RASENTRY fields after Windows XP's structure (ras/_entryprops.py's
    table of the same keys) are NotRequired; everything else is always there."""
    optional = [key for key, _, always in TABLES["RASENTRY"] if not always]
    assert optional[0] == "ipv6addrDns" and optional[-1] == "disableIKEv2Fragmentation"
    assert len(optional) == 13
    assert {key for key, _, _ in TABLES["RASENTRY"]} == set(ras.ENTRY_FIELDS)
    assert {key for key, _, _ in TABLES["RASSUBENTRY"]} == set(ras.SUBENTRY_FIELDS)
    others = [
        s for s, fields in TABLES.items() if s != "RASENTRY" and not all(f[2] for f in fields)
    ]
    assert others == []


RUNTIME_TYPES: dict[str, type] = {
    "int": int,
    "bool": bool,
    "str": str,
    "bytes": bytes,
    "UUID": uuid.UUID,
    "IPv4Address": ipaddress.IPv4Address,
    "IPv6Address": ipaddress.IPv6Address,
    "None": type(None),
}


def conforms(value: object, annotation: str) -> bool:
    """value is of the stub's type annotation (a union of FIELD_TYPES' names);
    an int is not a bool nor a bool an int."""
    for part in annotation.split(" | "):
        if part.startswith("list[") and type(value) is list:
            item = part[len("list[") : -1]
            if all(conforms(v, item) for v in value):
                return True
        elif part in RUNTIME_TYPES and type(value) is RUNTIME_TYPES[part]:
            return True
    return False


def test_conforms() -> None:
    assert conforms(1, "int") and not conforms(True, "int") and not conforms(1, "bool")
    assert conforms(None, "IPv4Address | None") and not conforms("1.2.3.4", "IPv4Address")
    assert conforms([], "list[str]") and not conforms(["a", 1], "list[str]")


def check_shape(shape: str, result: dict[str, Any], tag: int | None = None) -> None:
    """result has every key the table says is always there, no key it lacks,
    each value of the type the stub declares for its kind."""
    fields = TABLES[shape]
    required = {key for key, _, always in fields if always}
    assert required <= set(result), f"{shape}: missing {sorted(required - set(result))}"
    kinds = {key: kind for key, kind, _ in fields}
    assert set(result) <= set(kinds), (
        f"{shape}: not in the table {sorted(set(result) - set(kinds))}"
    )
    for key, value in result.items():
        typ = _surface.FIELD_TYPES[kinds[key]]
        assert conforms(value, typ), f"{shape}[{key!r}] = {value!r}, declared {typ}"
    if shape in _surface.TYPED_DICT_TAGS:
        key, constant = _surface.TYPED_DICT_TAGS[shape]
        assert result[key] == getattr(ras, constant)


def dial(pbk: str, entry: str) -> int:
    h, rc = ras.Dial(None, pbk, (entry,), None)
    assert rc == 0
    return int(h)


ADDRS = {"IpAddress": "10.8.0.2", "ServerIpAddress": "10.8.0.1", "Ipv6Address": "fd00:8::2"}


@requires_sim
def test_every_result_is_its_table(pbk: str, default_pbk: str, scenario: Scenario) -> None:
    scenario.set(
        {
            "Lab": ADDRS,
            "Home": {"VpnType": "IKEv2", "ServerAddresses": "10.9.0.9, fd09::9", **ADDRS},
        }
    )
    ras.SetCredentials(pbk, "Lab", {"userName": "alice", "password": "pw", "domain": "CORP"})
    ras.SetAutodialAddress("intranet", [{"dialingLocation": 0, "entry": "Backup"}])
    results: list[tuple[str, Callable[[], Any]]] = [
        ("RASENTRY", lambda: ras.GetEntryProperties(pbk, "Lab")),
        ("RASENTRY", lambda: ras.GetEntryProperties(pbk, None)),
        ("RASSUBENTRY", lambda: ras.GetSubEntryProperties(pbk, "Lab", 1)),
        ("RASCREDENTIALS", lambda: ras.GetCredentials(pbk, "Lab")),
        ("RASCTRYINFO", lambda: ras.GetCountryInfo(1)),
    ]
    results += [("RASDEVINFO", lambda d=d: d) for d in ras.EnumDevices()]
    results += [("RASAUTODIALENTRY", lambda a=a: a) for a in ras.GetAutodialAddress("intranet")]
    ppp, ikev2 = dial(pbk, "Lab"), dial(pbk, "Home")
    try:
        results += [
            ("RAS_STATS", lambda: ras.GetConnectionStatistics(ppp)),
            ("RAS_STATS", lambda: ras.GetLinkStatistics(ppp, 1)),
            ("RASPPP_PROJECTION_INFO", lambda: ras.GetProjectionInfoEx(ppp)),
            ("RASIKEV2_PROJECTION_INFO", lambda: ras.GetProjectionInfoEx(ikev2)),
        ]
        # GetProjectionInfo: the shape of each overload of the stub
        for rasp, result in (
            ("RASP_PppIp", "RASPPPIP"),
            ("RASP_PppIpv6", "RASPPPIPV6"),
            ("RASP_PppLcp", "RASPPPLCP"),
            ("RASP_PppCcp", "RASPPPCCP"),
        ):
            results.append(
                (result, lambda rasp=rasp: ras.GetProjectionInfo(ppp, getattr(ras, rasp)))
            )
        seen = set()
        for shape, call in results:
            check_shape(shape, call())
            seen.add(shape)
        # every shape a function returns was checked (RASUPDATECONN is an argument only)
        assert seen == {s for s, names in _surface.TYPED_DICTS.items() if names.result}
        ras.UpdateConnection(ikev2, {"localEndPoint": ipaddress.ip_address("10.1.1.1")})
    finally:
        ras.HangUp(ppp)
        ras.HangUp(ikev2)


def test_projection_overloads_are_the_functions_shapes() -> None:
    """The stub's GetProjectionInfo overloads: one per RASP_* value the
    function decodes, returning that structure's TypedDict."""
    tree = ast.parse(stub_path().read_text(encoding="utf-8"))
    overloads = [
        (ast.unparse(node.args.posonlyargs[1].annotation or ast.Pass()), ast.unparse(node.returns))
        for node in tree.body
        if isinstance(node, ast.FunctionDef) and node.name == "GetProjectionInfo" and node.returns
    ]
    assert overloads[:4] == [
        (f"Literal[{ras.RASP_PppIp}]", "PppIpDict"),
        (f"Literal[{ras.RASP_PppIpv6}]", "PppIpv6Dict"),
        (f"Literal[{ras.RASP_PppLcp}]", "PppLcpDict"),
        (f"Literal[{ras.RASP_PppCcp}]", "PppCcpDict"),
    ]


def test_stub_constants_are_the_modules() -> None:
    """Each constant's value in the stub (``NAME: Final = value``, so that
    type checkers know it, as Literal where one is needed) is the module's:
    also for a build against Windows' own headers."""
    tree = ast.parse(stub_path().read_text(encoding="utf-8"))
    values = {
        node.target.id: ast.literal_eval(node.value)
        for node in tree.body
        if isinstance(node, ast.AnnAssign)
        and isinstance(node.target, ast.Name)
        and node.value is not None
    }
    assert values == ras.CONSTANTS


# ---- mypy --strict ------------------------------------------------------------


def test_mypy_strict_accepts_the_example(tmp_path: Path) -> None:
    (tmp_path / "raw_dicts.py").write_text(
        (HERE / "typed_examples" / "raw_dicts.py").read_text(encoding="utf-8"), encoding="utf-8"
    )
    out = _mypy(tmp_path, "mypy", "--strict", "--cache-dir", str(tmp_path / ".mypy"), ".")
    assert out.returncode == 0, out.stdout + out.stderr


# Each line must be reported, with its error code.
MISTAKES = """\
from __future__ import annotations

import ras

props = ras.GetEntryProperties(None, "Office")
a = props["optoins"]  # typeddict-item
b: str = props["options"]  # assignment
c: ras.EntryPropertiesInput = {"dnsSufix": "corp"}  # typeddict-unknown-key
d: ras.EntryPropertiesInput = {"redialCount": "3"}  # typeddict-item
e = ras.GetProjectionInfoEx(0)["ccpOptions"]  # typeddict-item
f: str = ras.GetProjectionInfo(0, ras.RASP_PppIp)["options"]  # assignment
g = ras.GetConnectionStatistics(0)["bytesSent"]  # typeddict-item
h: str = ras.GetCountryInfo(1)["countryCode"]  # assignment
i: int = ras.EnumDevices()[0]["deviceType"]  # assignment
j = ras.RASEO_RequireEAPP  # attr-defined
# not reported: beside the TypedDict, the Set functions take a plain dict
ras.SetEntryProperties(None, "Office", {"dwfOptions": "legacy"})
"""


def test_mypy_strict_reports_wrong_keys_and_types(tmp_path: Path) -> None:
    (tmp_path / "mistakes.py").write_text(MISTAKES, encoding="utf-8")
    out = _mypy(tmp_path, "mypy", "--strict", "--cache-dir", str(tmp_path / ".mypy"), ".")
    reported = {}
    for line in out.stdout.splitlines():
        if ": error:" in line:
            where, _, rest = line.partition(": error:")
            reported[int(where.split(":")[1])] = rest.rsplit("[", 1)[-1].rstrip("]")
    expected = {
        n: line.rsplit("# ", 1)[1]
        for n, line in enumerate(MISTAKES.splitlines(), 1)
        if "  # " in line
    }
    assert reported == expected, out.stdout + out.stderr


# ---- the example runs --------------------------------------------------------


@requires_sim
def test_the_example_runs(pbk: str, scenario: Scenario) -> None:
    scenario.set(
        {"Lab": ADDRS, "Home": {"VpnType": "IKEv2", "ServerAddresses": "10.9.0.9", **ADDRS}}
    )
    spec = importlib.util.spec_from_file_location(
        "raw_dicts", HERE / "typed_examples" / "raw_dicts.py"
    )
    assert spec and spec.loader
    example = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(example)
    for entry in ("Lab", "Home"):
        out = example.main(pbk, entry)
        assert out[0].startswith(ras.GetEntryProperties(pbk, entry)["localPhoneNumber"])
        assert ras.GetEntryProperties(pbk, entry)["dnsSuffix"] == "corp.example.com"
        assert any(str(line).startswith("ikev2" if entry == "Home" else "ppp ccp") for line in out)
