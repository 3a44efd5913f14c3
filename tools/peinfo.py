#!/usr/bin/env python3
"""A small reader of Windows PE images and COFF import libraries (stdlib only).

What the Windows build checks need, for every architecture alike (mingw's
x86_64 ``objdump`` cannot read an ARM64 image: "file format not recognized"):

* ``read_pe(path)``: the machine type, PE32 or PE32+, the characteristics, the
  imported DLLs with their symbols (ordinary and delay-load imports), the
  exported names (and forwarders);
* ``read_import_library(path)``: the members of an import library in the
  short import format (MSVC's ``python3.lib``): symbol, DLL, CODE/DATA/CONST.

Usage: python3 tools/peinfo.py FILE...   (prints a summary of each)
"""

from __future__ import annotations

import struct
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MACHINES = {
    0x014C: "i386",
    0x8664: "x64",
    0xAA64: "arm64",
    0x01C4: "armnt",
    0xA641: "arm64ec",
}
MACHINE_I386 = 0x014C
MACHINE_AMD64 = 0x8664
MACHINE_ARM64 = 0xAA64

PE32_MAGIC = 0x10B
PE32PLUS_MAGIC = 0x20B

IMAGE_FILE_EXECUTABLE_IMAGE = 0x0002
IMAGE_FILE_DLL = 0x2000

# Data directory indices.
_DIR_EXPORT = 0
_DIR_IMPORT = 1
_DIR_DELAY_IMPORT = 13

# Import library (short import format) object types.
IMPORT_CODE = 0
IMPORT_DATA = 1
IMPORT_CONST = 2
_IMPORT_TYPES = {IMPORT_CODE: "CODE", IMPORT_DATA: "DATA", IMPORT_CONST: "CONST"}


class PEError(ValueError):
    """The file is not a PE image / import library this reader understands."""


@dataclass(frozen=True)
class Section:
    name: str
    virtual_address: int
    virtual_size: int
    raw_offset: int
    raw_size: int
    characteristics: int


@dataclass
class PEImage:
    path: str
    machine: int
    magic: int
    characteristics: int
    subsystem: int
    image_base: int
    sections: list[Section]
    # {dll name as written in the image: [symbol names, or "#<ordinal>"]}
    imports: dict[str, list[str]] = field(default_factory=dict)
    delay_imports: dict[str, list[str]] = field(default_factory=dict)
    export_dll_name: str | None = None
    # {exported name: forwarder "dll.symbol" or None for a real export}
    exports: dict[str, str | None] = field(default_factory=dict)

    @property
    def machine_name(self) -> str:
        return MACHINES.get(self.machine, f"0x{self.machine:04x}")

    @property
    def is_pe32plus(self) -> bool:
        return self.magic == PE32PLUS_MAGIC

    @property
    def is_dll(self) -> bool:
        return bool(self.characteristics & IMAGE_FILE_DLL)

    def all_imported_dlls(self) -> list[str]:
        """Every DLL the image loads: ordinary imports, then delay-load ones."""
        seen: dict[str, None] = {}
        for dll in [*self.imports, *self.delay_imports]:
            seen.setdefault(dll, None)
        return list(seen)


class _Reader:
    def __init__(self, data: bytes, path: str) -> None:
        self.data = data
        self.path = path

    def unpack(self, fmt: str, offset: int) -> tuple[Any, ...]:
        size = struct.calcsize(fmt)
        if offset < 0 or offset + size > len(self.data):
            raise PEError(f"{self.path}: truncated at offset 0x{offset:x} (+{size})")
        return struct.unpack_from(fmt, self.data, offset)

    def u16(self, offset: int) -> int:
        return int(self.unpack("<H", offset)[0])

    def u32(self, offset: int) -> int:
        return int(self.unpack("<I", offset)[0])

    def cstring(self, offset: int, limit: int = 4096) -> str:
        if offset < 0 or offset >= len(self.data):
            raise PEError(f"{self.path}: string offset 0x{offset:x} is outside the file")
        end = self.data.find(b"\0", offset, offset + limit)
        if end < 0:
            raise PEError(f"{self.path}: unterminated string at offset 0x{offset:x}")
        try:
            return self.data[offset:end].decode("ascii")
        except UnicodeDecodeError:
            raise PEError(f"{self.path}: non-ASCII name at offset 0x{offset:x}") from None


def read_pe(path: str | Path) -> PEImage:
    """Parse the headers, import, delay-import and export tables of a PE image."""
    p = Path(path)
    return parse_pe(p.read_bytes(), str(p))


def parse_pe(data: bytes, path: str = "<bytes>") -> PEImage:
    r = _Reader(data, path)
    if data[:2] != b"MZ":
        raise PEError(f"{path}: no MZ signature: not a PE image")
    pe = r.u32(0x3C)
    if r.unpack("<4s", pe)[0] != b"PE\0\0":
        raise PEError(f"{path}: no PE signature at 0x{pe:x}")
    machine, nsections, _, _, _, opt_size, characteristics = r.unpack("<HHIIIHH", pe + 4)
    opt = pe + 24
    magic = r.u16(opt)
    if magic == PE32_MAGIC:
        image_base = r.u32(opt + 28)
        ndirs_off, dirs_off = opt + 92, opt + 96
    elif magic == PE32PLUS_MAGIC:
        image_base = r.unpack("<Q", opt + 24)[0]
        ndirs_off, dirs_off = opt + 108, opt + 112
    else:
        raise PEError(f"{path}: unknown optional header magic 0x{magic:x}")
    if dirs_off - opt > opt_size:
        raise PEError(f"{path}: optional header too small ({opt_size} bytes)")
    subsystem = r.u16(opt + 68)
    ndirs = min(r.u32(ndirs_off), (opt + opt_size - dirs_off) // 8)
    dirs: list[tuple[int, int]] = [
        (r.u32(dirs_off + 8 * i), r.u32(dirs_off + 8 * i + 4)) for i in range(ndirs)
    ]

    sections = []
    sec = opt + opt_size
    for i in range(nsections):
        raw_name, vsize, va, rsize, roff = r.unpack("<8sIIII", sec + 40 * i)
        chars = r.u32(sec + 40 * i + 36)
        name = raw_name.rstrip(b"\0").decode("ascii", "replace")
        sections.append(Section(name, va, vsize, roff, rsize, chars))

    img = PEImage(path, machine, magic, characteristics, subsystem, image_base, sections)

    def offset(rva: int) -> int:
        for s in sections:
            if s.virtual_address <= rva < s.virtual_address + max(s.virtual_size, s.raw_size):
                delta = rva - s.virtual_address
                if delta >= s.raw_size:
                    raise PEError(f"{path}: RVA 0x{rva:x} is in {s.name}'s uninitialized part")
                return s.raw_offset + delta
        raise PEError(f"{path}: RVA 0x{rva:x} is in no section")

    def directory(index: int) -> tuple[int, int]:
        return dirs[index] if index < len(dirs) else (0, 0)

    thunk_fmt, ordinal_flag = ("<Q", 1 << 63) if magic == PE32PLUS_MAGIC else ("<I", 1 << 31)
    thunk_size = struct.calcsize(thunk_fmt)

    def thunk_names(table_rva: int, to_rva: int = 0) -> list[str]:
        names: list[str] = []
        pos = offset(table_rva)
        for _ in range(1 << 16):
            (entry,) = r.unpack(thunk_fmt, pos)
            if entry == 0:
                return names
            if entry & ordinal_flag:
                names.append(f"#{entry & 0xFFFF}")
            else:
                names.append(r.cstring(offset((entry - to_rva) & 0x7FFFFFFF) + 2))
            pos += thunk_size
        raise PEError(f"{path}: import name table at RVA 0x{table_rva:x} does not end")

    rva, size = directory(_DIR_IMPORT)
    if rva and size:
        pos = offset(rva)
        for _ in range(1 << 12):
            ilt, _, _, name_rva, iat = r.unpack("<IIIII", pos)
            if not (ilt or name_rva or iat):
                break
            dll = r.cstring(offset(name_rva))
            img.imports.setdefault(dll, []).extend(thunk_names(ilt or iat))
            pos += 20
        else:
            raise PEError(f"{path}: import directory does not end")

    rva, size = directory(_DIR_DELAY_IMPORT)
    if rva and size:
        pos = offset(rva)
        for _ in range(1 << 12):
            attrs, name_rva, _, iat, int_rva = r.unpack("<IIIII", pos)
            if not (name_rva or iat or int_rva):
                break
            base = 0 if attrs & 1 else image_base  # version 1 stores VAs, not RVAs
            dll = r.cstring(offset(name_rva - base))
            img.delay_imports.setdefault(dll, []).extend(thunk_names(int_rva - base, base))
            pos += 32
        else:
            raise PEError(f"{path}: delay-import directory does not end")

    rva, size = directory(_DIR_EXPORT)
    if rva and size:
        pos = offset(rva)
        name_rva, _base, nfuncs, nnames, funcs, names, ordinals = r.unpack("<IIIIIII", pos + 12)
        img.export_dll_name = r.cstring(offset(name_rva)) if name_rva else None
        for i in range(nnames):
            name = r.cstring(offset(r.u32(offset(names) + 4 * i)))
            index = r.u16(offset(ordinals) + 2 * i)
            if index >= nfuncs:
                raise PEError(f"{path}: export {name!r} has function index {index} >= {nfuncs}")
            func = r.u32(offset(funcs) + 4 * index)
            forwarder = r.cstring(offset(func)) if rva <= func < rva + size else None
            img.exports[name] = forwarder
    return img


# --------------------------------------------------------------------------
# Import libraries (ar archives of short import objects)
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportSymbol:
    symbol: str  # the linker's symbol (``__imp_`` is prefixed for it)
    dll: str
    type: int  # IMPORT_CODE / IMPORT_DATA / IMPORT_CONST
    machine: int
    name_type: int
    ordinal_or_hint: int

    @property
    def type_name(self) -> str:
        return _IMPORT_TYPES.get(self.type, str(self.type))

    @property
    def export_name(self) -> str:
        """The name the DLL exports (IMPORT_NAME_NOPREFIX / _UNDECORATE applied)."""
        name = self.symbol
        if self.name_type in (2, 3):  # NOPREFIX, UNDECORATE
            name = name.lstrip("?@_") if name[:1] in "?@_" else name
            if self.name_type == 3:
                name = name.split("@", 1)[0]
        return name


def read_import_library(path: str | Path) -> list[ImportSymbol]:
    """The short import objects of an import library (other members skipped)."""
    p = Path(path)
    data = p.read_bytes()
    r = _Reader(data, str(p))
    if data[:8] != b"!<arch>\n":
        raise PEError(f"{p}: not an ar archive")
    pos = 8
    out = []
    while pos < len(data):
        header = data[pos : pos + 60]
        if len(header) < 60 or header[58:60] != b"`\n":
            raise PEError(f"{p}: bad archive member header at 0x{pos:x}")
        try:
            size = int(header[48:58].decode("ascii").strip())
        except ValueError:
            raise PEError(f"{p}: bad member size at 0x{pos:x}") from None
        body = pos + 60
        if body + size > len(data):
            raise PEError(f"{p}: member at 0x{pos:x} runs past the end")
        if size >= 20 and r.unpack("<HH", body) == (0, 0xFFFF):
            _, _, _, machine, _, data_size, hint, bits = r.unpack("<HHHHIIHH", body)
            sym = r.cstring(body + 20)
            dll = r.cstring(body + 20 + len(sym) + 1)
            if 20 + data_size > size:
                raise PEError(f"{p}: short import object at 0x{body:x} overruns its member")
            out.append(ImportSymbol(sym, dll, bits & 3, machine, (bits >> 2) & 7, hint))
        pos = body + size + (size & 1)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args:
        print(__doc__)
        return 2
    for arg in args:
        try:
            if Path(arg).suffix.lower() in (".lib", ".a"):
                lib = read_import_library(arg)
                print(f"{arg}: {len(lib)} import symbols")
                for s in lib:
                    print(f"  {s.type_name:5} {s.dll}!{s.export_name}")
                continue
            img = read_pe(arg)
        except (OSError, PEError) as exc:
            print(f"{arg}: {exc}", file=sys.stderr)
            return 1
        kind = "PE32+" if img.is_pe32plus else "PE32"
        print(f"{arg}: {kind} {img.machine_name} (0x{img.machine:04X}) dll={img.is_dll}")
        for dll, syms in img.imports.items():
            print(f"  imports {dll}: {', '.join(syms)}")
        for dll, syms in img.delay_imports.items():
            print(f"  delay-imports {dll}: {', '.join(syms)}")
        for name, fwd in sorted(img.exports.items()):
            print(f"  exports {name}" + (f" -> {fwd}" if fwd else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
