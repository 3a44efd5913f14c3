"""The built Windows wheels, one per architecture tools/winbuild.py knows
(``--arch``): the .pyds inside (PE machine, imports, exports; ``_ras_sim.pyd``,
the simulated build, imports no rasapi32.dll at all), the wheel's tag,
file list and RECORD, pip's verdict on its tags, the simulated rasapi32.dll of
the same architecture, and abi3audit.

Run by ``nox -s wheelcheck`` after the winbuild sessions have built them; a
missing wheel fails.
"""

from __future__ import annotations

import base64
import configparser
import hashlib
import io
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import peinfo
import pytest
import winbuild
import winpython

REPO = winpython.REPO
ARCHES = sorted(winbuild.ARCHES)
X64 = "x64"
# What each architecture's images must be: (PE machine, PE32+).  An --arch of
# winbuild.py missing here fails test_every_arch_is_known.
PE_KIND = {
    "x64": (peinfo.MACHINE_AMD64, True),
    "arm64": (peinfo.MACHINE_ARM64, True),
    "x86": (peinfo.MACHINE_I386, False),
}

# abi3audit findings accepted, each for a reason checked below: the symbol must
# be exported by CPython 3.9's own python3.dll (the wheel's floor).
# PyThreadState_GetInterpreter was declared in 3.9's limited-API headers and is
# exported by 3.9's python3.dll (the build links against that export list), but
# the stable-ABI manifest, written for 3.10 (PEP 652), records it as added in
# 3.10, and abi3audit goes by the manifest.  The limited API has no other way
# to reach the current interpreter on 3.9: PyInterpreterState_Get, which the
# manifest gives to 3.9, is missing from 3.9's python3.dll.
ABI3AUDIT_ACCEPTED = {"PyThreadState_GetInterpreter": "3.10"}


def wheel_for(arch: str) -> Path:
    path = winbuild.wheel_path(REPO, winbuild.ARCHES[arch])
    assert path.is_file(), (
        f"{path.relative_to(REPO)} is missing: build it with "
        f"`nox -s {'winbuild' if arch == X64 else 'winbuild_' + arch}`"
    )
    return path


def read_wheel(arch: str) -> dict[str, bytes]:
    with zipfile.ZipFile(wheel_for(arch)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def pyd_image(arch: str, name: str = "_ras") -> peinfo.PEImage:
    return peinfo.parse_pe(read_wheel(arch)[f"ras/{name}.pyd"], f"{arch}:ras/{name}.pyd")


def sim_pyd_image(arch: str) -> peinfo.PEImage:
    """ras._ras_sim: src/_ras and src/rassim compiled together (RASPY_SIM_MODULE)."""
    return pyd_image(arch, "_ras_sim")


def python39_exports() -> set[str]:
    root = winpython.fetch([winbuild.BUILD_PY])[winbuild.BUILD_PY].parent
    return set(peinfo.read_pe(root / "python3.dll").exports)


def test_every_arch_is_known() -> None:
    assert set(ARCHES) <= set(PE_KIND)
    assert {"x64", "x86", "arm64"} <= set(ARCHES)


@pytest.mark.parametrize("arch", ARCHES)
def test_pyd_machine(arch: str) -> None:
    machine, pe32plus = PE_KIND[arch]
    for img in (pyd_image(arch), sim_pyd_image(arch)):
        assert img.machine == machine, f"{img.machine_name}, expected {arch}: {img.path}"
        assert img.is_pe32plus == pe32plus
        assert img.is_dll


def test_arm64_is_arm64_pe32plus() -> None:
    """The numbers themselves, not only the table's: 0xAA64, PE32+ (0x20B)."""
    img = pyd_image("arm64")
    assert (img.machine, img.magic) == (0xAA64, 0x20B)


def test_x86_is_i386_pe32() -> None:
    """The numbers themselves: 0x14C, PE32 (0x10B)."""
    img = pyd_image("x86")
    assert (img.machine, img.magic) == (0x14C, 0x10B)


def imports_by_dll(img: peinfo.PEImage) -> dict[str, list[str]]:
    """{lower-case DLL name: symbols}: the descriptors of one DLL merged (the
    x86 .pyd has two for rasapi32, mingw's and winbuild's supplement)."""
    merged: dict[str, list[str]] = {}
    for dll, syms in img.imports.items():
        merged.setdefault(dll.lower(), []).extend(syms)
    return merged


@pytest.mark.parametrize("arch", ARCHES)
def test_no_decorated_names(arch: str) -> None:
    """No import or export is stdcall-decorated (``RasDialW@24``: x86's WINAPI
    is __stdcall); Windows' DLLs export the plain names."""
    sim = peinfo.read_pe(winbuild.ARCHES[arch].outdir / "rasapi32.dll")
    for img in (pyd_image(arch), sim_pyd_image(arch), sim):
        names = [*img.exports, *(s for syms in img.imports.values() for s in syms)]
        assert names and not [n for n in names if "@" in n], img.path


@pytest.mark.parametrize("arch", ARCHES)
def test_pyd_imports(arch: str) -> None:
    """python3.dll (never python3X.dll), rasapi32.dll, and system DLLs only:
    winbuild.py's allow-list; every python3.dll symbol is exported by 3.9's."""
    img = pyd_image(arch)
    dlls = img.all_imported_dlls()
    assert winbuild.disallowed_imports(dlls, ["python3.dll", "rasapi32.dll", "user32.dll"]) == []
    imports = imports_by_dll(img)
    assert "python3.dll" in imports and "rasapi32.dll" in imports
    needed = set(imports["python3.dll"])
    assert needed, "no python3.dll symbol imported"
    assert needed <= python39_exports(), sorted(needed - python39_exports())
    assert img.delay_imports == {}


def test_allow_list_rejects() -> None:
    """The allow-list the two tests above use does reject what it must."""
    bad = winbuild.disallowed_imports(
        ["python311.dll", "libgcc_s_seh-1.dll", "KERNEL32.dll", "api-ms-win-crt-heap-l1-1-0.dll"]
    )
    assert len(bad) == 2 and "python311.dll" in bad[0] and bad[1] == "libgcc_s_seh-1.dll"


@pytest.mark.parametrize("arch", ARCHES)
def test_pyd_exports(arch: str) -> None:
    assert set(pyd_image(arch).exports) == {"PyInit__ras"}
    assert set(sim_pyd_image(arch).exports) == {"PyInit__ras_sim"}


@pytest.mark.parametrize("arch", ARCHES)
def test_sim_pyd_imports(arch: str) -> None:
    """_ras_sim.pyd calls the simulator compiled into it: no rasapi32.dll import
    (nor delay-load), python3.dll's symbols all 3.9's, the allow-list's DLLs;
    and it calls the same python3 functions as _ras.pyd and more (the simulator
    hooks), none of another architecture's."""
    img = sim_pyd_image(arch)
    dlls = [d.lower() for d in img.all_imported_dlls()]
    assert "rasapi32.dll" not in dlls, dlls
    assert img.delay_imports == {}
    assert winbuild.disallowed_imports(dlls, ["python3.dll", "user32.dll"]) == []
    imports = imports_by_dll(img)
    needed = set(imports["python3.dll"])
    assert needed <= python39_exports(), sorted(needed - python39_exports())
    assert set(imports_by_dll(pyd_image(arch))["python3.dll"]) <= needed
    assert needed == set(imports_by_dll(sim_pyd_image(X64))["python3.dll"])


@pytest.mark.parametrize("arch", ARCHES)
def test_same_imports_as_x64(arch: str) -> None:
    """Every architecture calls the same rasapi32 and python3 functions."""

    def table(a: str) -> dict[str, set[str]]:
        imports = imports_by_dll(pyd_image(a))
        return {dll: set(imports[dll]) for dll in ("python3.dll", "rasapi32.dll")}

    assert table(arch) == table(X64)


def _record_ok(files: dict[str, bytes], record_name: str) -> None:
    rows = [line.split(",") for line in files[record_name].decode().splitlines() if line]
    listed = {row[0] for row in rows}
    assert listed == set(files), sorted(listed ^ set(files))
    for name, digest, size in rows:
        if name == record_name:
            assert digest == size == ""
            continue
        algo, _, value = digest.partition("=")
        assert algo == "sha256"
        raw = hashlib.sha256(files[name]).digest()
        assert value == base64.urlsafe_b64encode(raw).rstrip(b"=").decode(), name
        assert int(size) == len(files[name]), name


@pytest.mark.parametrize("arch", ARCHES)
def test_admin_dll(arch: str) -> None:
    """ras/admin/rasadmin.dll (src/admin): this arch's PE DLL, importing only
    kernel32, advapi32 and the C runtime (never python3.dll nor python3X.dll:
    it loads the configured CPython at run time, so RRAS starts without one),
    exporting exactly rasadmin.def's names, undecorated."""
    img = peinfo.parse_pe(read_wheel(arch)["ras/admin/rasadmin.dll"], f"{arch}:rasadmin.dll")
    machine, pe32plus = PE_KIND[arch]
    assert img.machine == machine and img.is_pe32plus == pe32plus and img.is_dll, img.path
    dlls = {d.lower() for d in img.all_imported_dlls()}
    assert not {d for d in dlls if d.startswith("python")}, dlls
    assert not [
        d
        for d in dlls
        if d not in winbuild.ADMIN_ALLOWED and not d.startswith(winbuild.ALLOWED_PREFIXES)
    ], dlls
    assert {"kernel32.dll", "advapi32.dll"} <= dlls
    assert set(img.exports) == winbuild.def_exports(REPO / "src" / "admin" / "rasadmin.def")
    assert not [n for n in img.exports if "@" in n]


def test_admin_dll_python_functions_in_python39() -> None:
    """Every Python function or datum src/admin/pyhost.c resolves with
    GetProcAddress is exported by CPython 3.9's python3.dll (the stable ABI
    floor), so the DLL hosts any CPython from 3.9 on."""
    source = (REPO / "src" / "admin" / "pyhost.c").read_text(encoding="utf-8")
    names = set(re.findall(r'API\(\w+, "(\w+)"\)', source))
    names |= set(re.findall(r'\{ "(Py\w+)", offsetof\(pyapi', source))
    assert len(names) >= 30 and "Py_InitializeEx" in names and "Py_SetPythonHome" in names
    assert names <= python39_exports(), sorted(names - python39_exports())


@pytest.mark.parametrize("arch", ARCHES)
def test_wheel_tag_and_files(arch: str) -> None:
    target = winbuild.ARCHES[arch]
    path = wheel_for(arch)
    assert path.name.endswith(f"-cp39-abi3-{target.platform}.whl")
    files = read_wheel(arch)
    project = winbuild.read_project(REPO)
    dist_info = f"{winbuild.normalized_name(str(project['name']))}-{project['version']}.dist-info"
    wheel_meta = files[f"{dist_info}/WHEEL"].decode()
    assert f"Tag: cp39-abi3-{target.platform}\n" in wheel_meta
    assert wheel_meta.count("Tag:") == 1
    assert "Root-Is-Purelib: false\n" in wheel_meta
    # The package files winbuild.py puts in (from src/), then the dist-info.
    expected = (
        {
            name
            for name, _ in winbuild.wheel_files(
                REPO, target.outdir / "_ras.pyd", target.outdir / "_ras_sim.pyd"
            )
        }
        | {f"{dist_info}/{n}" for n in ("METADATA", "WHEEL", "RECORD")}
        | {f"{dist_info}/licenses/{n}" for n in winbuild._license_files(project)}
        | {f"{dist_info}/entry_points.txt"}
    )
    assert f"{dist_info}/licenses/LICENSE" in expected
    assert set(files) == expected, sorted(set(files) ^ expected)
    for name in (
        "ras/__init__.py",
        "ras/_ras.pyd",
        "ras/_ras_sim.pyd",
        "ras/_ras_sim.py",  # the other platforms' ras._ras_sim (never imported here)
        "ras/py.typed",
        "win32ras.py",
        "_ras_pytest_plugin.py",  # the pytest plugin: top-level, imports no ras
    ):
        assert name in files
    assert "ras/admin/rasadmin.dll" in files  # the admin DLL: its only .dll
    assert not any(
        n.endswith((".so", ".dll", ".pdb", ".lib", ".a")) and n != "ras/admin/rasadmin.dll"
        for n in files
    )
    # the console scripts and the pytest plugin, as pip and pytest read them
    points = configparser.ConfigParser()
    points.read_string(files[f"{dist_info}/entry_points.txt"].decode())
    assert dict(points["console_scripts"]) == {
        "pyras": "ras._cli.app:run",
        "pyrasdial": "ras._cli.rasdial:run",
    }
    assert dict(points["pytest11"]) == {"ras": "_ras_pytest_plugin"}
    _record_ok(files, f"{dist_info}/RECORD")
    assert set(files) == set(read_wheel(X64)), "file lists differ from x64's"


def _pip_target(wheel: Path, platform: str, version: str, target: Path) -> subprocess.Popen[str]:
    pip = [sys.executable, "-m", "pip", "install", "--disable-pip-version-check", "--no-deps"]
    return subprocess.Popen(
        [
            *pip,
            *("--no-index", "--only-binary=:all:", "--implementation", "cp"),
            *("--platform", platform, "--python-version", version),
            *("--target", str(target), str(wheel)),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


@pytest.mark.parametrize("arch", ARCHES)
def test_pip_accepts_tags(arch: str, tmp_path: Path) -> None:
    """pip installs the wheel for its platform on CPython 3.9 and 3.13, and
    refuses it for another platform and for CPython 3.8."""
    target = winbuild.ARCHES[arch]
    wheel = wheel_for(arch)
    other = "win_amd64" if target.platform != "win_amd64" else "win_arm64"
    cases = [
        (target.platform, "3.9", True),
        (target.platform, "3.13", True),
        (other, "3.11", False),
        (target.platform, "3.8", False),
    ]
    procs = [
        (case, _pip_target(wheel, case[0], case[1], tmp_path / f"t{i}"))
        for i, case in enumerate(cases)
    ]
    for (platform, version, ok), proc in procs:
        out, _ = proc.communicate(timeout=300)
        assert (proc.returncode == 0) == ok, f"{platform} {version}:\n{out}"
        if ok:
            installed = tmp_path / f"t{cases.index((platform, version, ok))}"
            assert (installed / "ras" / "_ras.pyd").is_file()
            assert (installed / "ras" / "_ras_sim.pyd").is_file()
        else:
            assert "is not a supported wheel" in out or "Requires-Python" in out, out


@pytest.mark.parametrize("arch", ARCHES)
def test_simulator_dll(arch: str) -> None:
    """The simulated rasapi32.dll of the same build: machine, the allow-list,
    exactly the exports of src/rassim/rasapi32.def, covering the .pyd's imports."""
    dll = winbuild.ARCHES[arch].outdir / "rasapi32.dll"
    assert dll.is_file(), f"{dll} is missing"
    img = peinfo.read_pe(dll)
    assert (img.machine, img.is_pe32plus, img.is_dll) == (*PE_KIND[arch], True)
    assert winbuild.disallowed_imports(img.all_imported_dlls(), ["user32.dll"]) == []
    deflines = (REPO / "src" / "rassim" / "rasapi32.def").read_text().splitlines()
    names = {
        line.split()[0]
        for line in deflines
        if line.startswith((" ", "\t")) and line.strip() and not line.strip().startswith(";")
    }
    assert set(img.exports) == names
    ras = imports_by_dll(pyd_image(arch))["rasapi32.dll"]
    assert set(ras) <= names


def abi3audit(wheels: list[Path]) -> dict[str, object]:
    proc = subprocess.run(
        [sys.executable, "-m", "abi3audit", "--strict", "--report", *map(str, wheels)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr
    report = json.load(io.StringIO(proc.stdout))
    assert isinstance(report, dict)
    return report


@pytest.mark.parametrize("arch", ARCHES)
def test_abi3audit(arch: str) -> None:
    """abi3audit reads the .pyd (a PE image of any architecture, with pefile):
    abi3, baseline 3.9 as tagged, no non-abi3 symbol; a symbol of a later
    stable-ABI version only if accepted above and exported by 3.9's python3.dll."""
    wheel = wheel_for(arch)
    report = abi3audit([wheel])
    spec = report["specs"][str(wheel)]  # type: ignore[index]
    assert spec["kind"] == "wheel"
    assert sorted(ext["name"] for ext in spec["wheel"]) == ["_ras.pyd", "_ras_sim.pyd"]
    for ext in spec["wheel"]:
        result = ext["result"]
        assert result["is_abi3"] is True
        assert result["baseline"] == "3.9"
        assert result["non_abi3_symbols"] == []
        future = result["future_abi3_objects"]
        assert future == {k: v for k, v in ABI3AUDIT_ACCEPTED.items() if k in future}, future
        assert set(future) <= python39_exports()


def test_abi3audit_accepted_list_is_needed() -> None:
    """Every accepted finding still occurs (the list does not outlive its reason)."""
    report = abi3audit([wheel_for(X64)])
    [spec] = report["specs"].values()  # type: ignore[attr-defined]
    for ext in spec["wheel"]:
        assert set(ext["result"]["future_abi3_objects"]) == set(ABI3AUDIT_ACCEPTED), ext["name"]


def test_abi3audit_reads_arm64_imports(tmp_path: Path) -> None:
    """The control: abi3audit does read an ARM64 image's import table.  A
    synthetic .pyd importing a symbol outside the stable ABI and one of 3.10's,
    in a cp39-abi3-win_arm64 wheel, is reported for both."""
    from test_peinfo import make_pe

    pyd = make_pe(
        machine=peinfo.MACHINE_ARM64,
        imports={"python3.dll": ["PyLong_FromLong", "PyCode_New", "PyUnicode_AsUTF8AndSize"]},
        exports={"PyInit__bad": None},
    )
    wheel = tmp_path / "bad-1.0-cp39-abi3-win_arm64.whl"
    with zipfile.ZipFile(wheel, "w") as zf:
        zf.writestr("bad/_bad.pyd", pyd)
    report = abi3audit([wheel])
    [ext] = report["specs"][str(wheel)]["wheel"]  # type: ignore[index]
    result = ext["result"]
    assert result["non_abi3_symbols"] == ["PyCode_New"]
    assert result["future_abi3_objects"] == {"PyUnicode_AsUTF8AndSize": "3.10"}
