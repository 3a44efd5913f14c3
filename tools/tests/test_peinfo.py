"""tools/peinfo.py: synthetic images laid out here byte by byte, a DLL built
with mingw-w64 and read by objdump alongside, and the Windows CPython's
python3.dll / python3.lib."""

from __future__ import annotations

import re
import struct
import subprocess
from pathlib import Path

import peinfo
import pytest
import winpython

IMAGE_BASE = 0x180000000
IMAGE_BASE32 = 0x10000000  # PE32: a VA must leave the ordinal flag (bit 31) clear
SECTION_RVA = 0x1000
SECTION_RAW = 0x200


class _Section:
    """A growing section; ``add`` returns the RVA of what it appended."""

    def __init__(self) -> None:
        self.buf = bytearray(b"\xc3" * 16)  # some "code" for the real exports

    def rva(self) -> int:
        return SECTION_RVA + len(self.buf)

    def add(self, data: bytes, align: int = 4) -> int:
        while len(self.buf) % align:
            self.buf.append(0)
        at = self.rva()
        self.buf += data
        return at

    def patch(self, rva: int, data: bytes) -> None:
        off = rva - SECTION_RVA
        self.buf[off : off + len(data)] = data


def _thunks(sec: _Section, names: list[str | int], pe32plus: bool, base: int = 0) -> int:
    fmt, flag = ("<Q", 1 << 63) if pe32plus else ("<I", 1 << 31)
    entries = []
    for n in names:
        if isinstance(n, int):
            entries.append(flag | n)
        else:
            entries.append(base + sec.add(struct.pack("<H", 0) + n.encode() + b"\0", 2))
    return base + sec.add(b"".join(struct.pack(fmt, e) for e in [*entries, 0]), 8)


def make_pe(
    *,
    machine: int = peinfo.MACHINE_ARM64,
    pe32plus: bool = True,
    dll: bool = True,
    imports: dict[str, list[str | int]] | None = None,
    delay_imports: dict[str, list[str | int]] | None = None,
    delay_v1: bool = False,
    exports: dict[str, str | None] | None = None,
) -> bytes:
    """A PE image with one section holding the import, delay-import and
    export tables described by the arguments."""
    sec = _Section()
    dirs = [(0, 0)] * 16

    if imports:
        desc = sec.add(bytes(20 * (len(imports) + 1)))
        for i, (dll_name, names) in enumerate(imports.items()):
            ilt = _thunks(sec, names, pe32plus)
            iat = _thunks(sec, names, pe32plus)
            name = sec.add(dll_name.encode() + b"\0", 1)
            sec.patch(desc + 20 * i, struct.pack("<IIIII", ilt, 0, 0, name, iat))
        dirs[1] = (desc, 20 * (len(imports) + 1))

    if delay_imports:
        base = (IMAGE_BASE if pe32plus else IMAGE_BASE32) if delay_v1 else 0
        desc = sec.add(bytes(32 * (len(delay_imports) + 1)))
        for i, (dll_name, names) in enumerate(delay_imports.items()):
            int_table = _thunks(sec, names, pe32plus, base)
            name = base + sec.add(dll_name.encode() + b"\0", 1)
            attrs = 0 if delay_v1 else 1
            sec.patch(desc + 32 * i, struct.pack("<IIIII", attrs, name, 0, 0, int_table))
        dirs[13] = (desc, 32 * (len(delay_imports) + 1))

    if exports:
        exported = sorted(exports)
        start = sec.add(bytes(40))
        dll_name_rva = sec.add(b"test.dll\0", 1)
        funcs = []
        for n in exported:
            fwd = exports[n]
            funcs.append(sec.add(fwd.encode() + b"\0", 1) if fwd else SECTION_RVA)
        name_rvas = [sec.add(n.encode() + b"\0", 1) for n in exported]
        funcs_rva = sec.add(b"".join(struct.pack("<I", f) for f in funcs))
        names_rva = sec.add(b"".join(struct.pack("<I", r) for r in name_rvas))
        ords_rva = sec.add(b"".join(struct.pack("<H", i) for i in range(len(exported))))
        sec.patch(
            start,
            struct.pack(
                "<IIHHIIIIIII",
                *(0, 0, 0, 0, dll_name_rva, 1, len(exported), len(exported)),
                *(funcs_rva, names_rva, ords_rva),
            ),
        )
        dirs[0] = (start, sec.rva() - start)

    while len(sec.buf) % 0x200:
        sec.buf.append(0)
    opt_size = (112 if pe32plus else 96) + 16 * 8
    opt = bytearray(opt_size)
    struct.pack_into("<H", opt, 0, peinfo.PE32PLUS_MAGIC if pe32plus else peinfo.PE32_MAGIC)
    if pe32plus:
        struct.pack_into("<Q", opt, 24, IMAGE_BASE)
    else:
        struct.pack_into("<I", opt, 28, IMAGE_BASE32)
    struct.pack_into("<H", opt, 68, 2)  # Windows GUI subsystem
    struct.pack_into("<I", opt, 108 if pe32plus else 92, 16)
    for i, (rva, size) in enumerate(dirs):
        struct.pack_into("<II", opt, (112 if pe32plus else 96) + 8 * i, rva, size)
    chars = 0x0022 | (peinfo.IMAGE_FILE_DLL if dll else 0)
    headers = bytearray(64)
    headers[:2] = b"MZ"
    struct.pack_into("<I", headers, 0x3C, 64)
    headers += b"PE\0\0" + struct.pack("<HHIIIHH", machine, 1, 0, 0, 0, opt_size, chars)
    headers += opt
    headers += struct.pack(
        "<8sIIIIIIHHI",
        *(b".rdata", len(sec.buf), SECTION_RVA, len(sec.buf), SECTION_RAW),
        *(0, 0, 0, 0, 0x40000040),
    )
    assert len(headers) <= SECTION_RAW
    return bytes(headers.ljust(SECTION_RAW, b"\0") + sec.buf)


def test_pe32plus_arm64_imports_and_exports() -> None:
    data = make_pe(
        imports={"python3.dll": ["PyLong_FromLong", "PyExc_TypeError"], "KERNEL32.dll": [7]},
        exports={"PyInit__ras": None, "Fwd": "other.Target"},
    )
    img = peinfo.parse_pe(data, "t.pyd")
    assert (img.machine, img.machine_name, img.is_pe32plus, img.is_dll) == (
        0xAA64,
        "arm64",
        True,
        True,
    )
    assert img.image_base == IMAGE_BASE
    assert img.subsystem == 2
    assert [s.name for s in img.sections] == [".rdata"]
    assert img.imports == {
        "python3.dll": ["PyLong_FromLong", "PyExc_TypeError"],
        "KERNEL32.dll": ["#7"],
    }
    assert img.delay_imports == {}
    assert img.exports == {"PyInit__ras": None, "Fwd": "other.Target"}
    assert img.export_dll_name == "test.dll"
    assert img.all_imported_dlls() == ["python3.dll", "KERNEL32.dll"]


def test_pe32_i386_thunks_are_32_bit() -> None:
    data = make_pe(
        machine=peinfo.MACHINE_I386,
        pe32plus=False,
        dll=False,
        imports={"USER32.dll": ["IsWindow", 12]},
    )
    img = peinfo.parse_pe(data)
    assert (img.machine_name, img.is_pe32plus, img.is_dll) == ("i386", False, False)
    assert img.imports == {"USER32.dll": ["IsWindow", "#12"]}
    assert img.exports == {}


@pytest.mark.parametrize("v1", [False, True], ids=["rva", "va-pe32"])
def test_delay_imports(v1: bool) -> None:
    """Version 2 descriptors hold RVAs; version 1 (old 32-bit linkers) VAs."""
    data = make_pe(
        machine=peinfo.MACHINE_I386 if v1 else peinfo.MACHINE_AMD64,
        pe32plus=not v1,
        imports={"KERNEL32.dll": ["Sleep"]},
        delay_imports={"python39.dll": ["Py_Main", 3]},
        delay_v1=v1,
    )
    img = peinfo.parse_pe(data)
    assert img.delay_imports == {"python39.dll": ["Py_Main", "#3"]}
    assert img.all_imported_dlls() == ["KERNEL32.dll", "python39.dll"]


def test_machine_names() -> None:
    for machine, name in [(0x8664, "x64"), (0x14C, "i386"), (0xAA64, "arm64"), (0x1234, "0x1234")]:
        assert peinfo.parse_pe(make_pe(machine=machine)).machine_name == name


def test_errors() -> None:
    good = make_pe(imports={"a.dll": ["f"]})
    with pytest.raises(peinfo.PEError, match="no MZ"):
        peinfo.parse_pe(b"\x7fELF" + good[4:])
    with pytest.raises(peinfo.PEError, match="no PE signature"):
        peinfo.parse_pe(good[:64] + b"XX\0\0" + good[68:])
    with pytest.raises(peinfo.PEError, match="truncated"):
        peinfo.parse_pe(good[:100])
    bad_magic = bytearray(good)
    bad_magic[64 + 24 : 64 + 26] = b"\x07\x01"
    with pytest.raises(peinfo.PEError, match="magic"):
        peinfo.parse_pe(bytes(bad_magic))
    # The import directory pointing past the only section.
    far = bytearray(good)
    struct.pack_into("<I", far, 64 + 24 + 112 + 8, 0x9000)
    with pytest.raises(peinfo.PEError, match="in no section"):
        peinfo.parse_pe(bytes(far))


def _short_import(symbol: str, dll: str, kind: int, name_type: int = 1) -> bytes:
    tail = symbol.encode() + b"\0" + dll.encode() + b"\0"
    bits = kind | (name_type << 2)
    return struct.pack("<HHHHIIHH", 0, 0xFFFF, 0, 0xAA64, 0, len(tail), 0, bits) + tail


def _archive(members: list[tuple[str, bytes]]) -> bytes:
    out = bytearray(b"!<arch>\n")
    for name, body in members:
        header = f"{name:<16}{0:<12}{0:<6}{0:<6}{644:<8}{len(body):<10}`\n".encode()
        assert len(header) == 60
        out += header + body + (b"\n" if len(body) % 2 else b"")
    return bytes(out)


def test_import_library(tmp_path: Path) -> None:
    lib = tmp_path / "x.lib"
    lib.write_bytes(
        _archive(
            [
                ("/", b"\0\0\0\0symbol table"),  # a linker member: skipped
                ("x.dll/", _short_import("f", "x.dll", peinfo.IMPORT_CODE)),
                ("x.dll/", _short_import("PyExc_TypeError", "x.dll", peinfo.IMPORT_DATA)),
                ("x.dll/", _short_import("_g@8", "x.dll", peinfo.IMPORT_CODE, name_type=3)),
                ("x.dll/", _short_import("_h", "x.dll", peinfo.IMPORT_CONST, name_type=2)),
            ]
        )
    )
    syms = peinfo.read_import_library(lib)
    assert [(s.symbol, s.export_name, s.type_name, s.dll) for s in syms] == [
        ("f", "f", "CODE", "x.dll"),
        ("PyExc_TypeError", "PyExc_TypeError", "DATA", "x.dll"),
        ("_g@8", "g", "CODE", "x.dll"),
        ("_h", "h", "CONST", "x.dll"),
    ]
    assert {s.machine for s in syms} == {0xAA64}
    lib.write_bytes(b"MZ not an archive")
    with pytest.raises(peinfo.PEError, match="not an ar archive"):
        peinfo.read_import_library(lib)


def test_main_prints_a_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "t.dll"
    path.write_bytes(make_pe(imports={"a.dll": ["f"]}, exports={"g": None}))
    assert peinfo.main([str(path)]) == 0
    out = capsys.readouterr().out
    assert "PE32+ arm64 (0xAA64) dll=True" in out
    assert "imports a.dll: f" in out
    assert "exports g" in out
    path.write_bytes(b"junk")
    assert peinfo.main([str(path)]) == 1


# --------------------------------------------------------------------------
# Real images: what objdump (which reads x64 images) says, and CPython's files


def objdump_tables(binary: Path) -> tuple[dict[str, list[str]], set[str]]:
    """({dll: [symbols]}, {exported names}) from ``x86_64-w64-mingw32-objdump -p``."""
    out = subprocess.run(
        ["x86_64-w64-mingw32-objdump", "-p", str(binary)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    imports: dict[str, list[str]] = {}
    exports: set[str] = set()
    current: list[str] | None = None
    in_exports = False
    for line in out.splitlines():
        m = re.match(r"\s*DLL Name:\s*(\S+)", line)
        if m:
            current = imports.setdefault(m.group(1), [])
            continue
        if current is not None:
            m = re.match(r"\s*[0-9a-fA-F]+\s+(\d+)\s+(\S+)\s*$", line)
            m_ord = re.match(r"\s*[0-9a-fA-F]+\s+<none>\s+([0-9a-fA-F]+)\s*$", line)
            if m:
                current.append(m.group(2))
            elif m_ord:
                current.append(f"#{int(m_ord.group(1), 16)}")
            elif line.strip() and not line.lstrip().startswith("vma:"):
                current = None
        if "[Ordinal/Name Pointer] Table" in line or "[Name Pointer/Ordinal] Table" in line:
            in_exports = True
            continue
        if in_exports:
            m = re.match(r"\s*\[\s*\d+\]\s+(\S+)\s*$", line)
            if m:
                exports.add(m.group(1))
            elif not line.strip():
                in_exports = False
    return imports, exports


def test_agrees_with_objdump_on_a_mingw_dll(tmp_path: Path) -> None:
    """A DLL made here with mingw-w64: real exports, a DATA export, a forwarder,
    imports by name from two DLLs."""
    src = tmp_path / "t.c"
    src.write_text(
        "#include <windows.h>\n"
        "__declspec(dllexport) int answer(void) { return (int)GetTickCount() + 42; }\n"
        "__declspec(dllexport) int counter = 3;\n"
        "__declspec(dllexport) BOOL visible(HWND h) { return IsWindow(h); }\n"
    )
    deffile = tmp_path / "t.def"
    deffile.write_text(
        "LIBRARY t.dll\nEXPORTS\n    answer\n    counter DATA\n    visible\n"
        "    fwd_sleep = KERNEL32.Sleep\n"
    )
    dll = tmp_path / "t.dll"
    cc = ["x86_64-w64-mingw32-gcc", "-shared", "-O1", "-o", str(dll)]
    subprocess.run([*cc, str(src), str(deffile), "-luser32"], check=True)
    img = peinfo.read_pe(dll)
    assert (img.machine_name, img.is_pe32plus, img.is_dll) == ("x64", True, True)
    imports, exports = objdump_tables(dll)
    assert img.imports == imports
    assert "USER32.dll" in img.imports and "IsWindow" in img.imports["USER32.dll"]
    assert set(img.exports) == exports == {"answer", "counter", "visible", "fwd_sleep"}
    assert img.exports["fwd_sleep"] == "KERNEL32.Sleep"
    assert img.exports["answer"] is None


def test_python3_dll_and_lib_agree() -> None:
    """CPython 3.9's python3.dll (x64): every export a forwarder to python39.dll,
    the same names as its python3.lib, and objdump sees the same exports."""
    root = winpython.fetch(["3.9"])["3.9"].parent
    img = peinfo.read_pe(root / "python3.dll")
    assert (img.machine_name, img.is_dll) == ("x64", True)
    assert len(img.exports) > 700
    assert all(f == f"python39.{n}" for n, f in img.exports.items())
    _, objdump_exports = objdump_tables(root / "python3.dll")
    assert set(img.exports) == objdump_exports
    lib = peinfo.read_import_library(root / "libs" / "python3.lib")
    assert {s.export_name for s in lib if s.dll == "python3.dll"} == set(img.exports)
    kinds = {s.export_name: s.type_name for s in lib}
    assert kinds["PyExc_TypeError"] == "DATA" and kinds["_Py_NoneStruct"] == "DATA"
    assert kinds["PyLong_FromLong"] == "CODE"
    assert {s.machine for s in lib} == {peinfo.MACHINE_AMD64}
