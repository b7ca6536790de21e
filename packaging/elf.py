"""Just enough of ELF64 (little-endian) to read a library's soname, its DT_NEEDED entries and
the bytes of one exported symbol. Used at build time only (no binutils needed for reading)."""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass
from pathlib import Path

SHT_DYNAMIC = 6
SHT_DYNSYM = 11
DT_NEEDED = 1
DT_SONAME = 14


@dataclass(frozen=True)
class Section:
    type: int
    addr: int
    offset: int
    size: int
    link: int
    entsize: int


def is_elf(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(4) == b"\x7fELF"
    except OSError:
        return False


def _sections(blob: bytes) -> list[Section]:
    if blob[:4] != b"\x7fELF" or blob[4] != 2 or blob[5] != 1:
        raise ValueError("not a 64-bit little-endian ELF file")
    shoff = struct.unpack_from("<Q", blob, 0x28)[0]
    shentsize, shnum = struct.unpack_from("<HH", blob, 0x3A)
    out = []
    for i in range(shnum):
        _name, kind, _flags, addr, offset, size, link, _info, _align, entsize = struct.unpack_from(
            "<IIQQQQIIQQ", blob, shoff + i * shentsize
        )
        out.append(Section(kind, addr, offset, size, link, entsize))
    return out


def _string(blob: bytes, table: Section, index: int) -> str:
    start = table.offset + index
    return blob[start : blob.index(b"\0", start)].decode("utf-8", "replace")


def dynamic(path: Path) -> tuple[str | None, list[str]]:
    """(soname, [needed libraries]) of an ELF shared object or executable."""
    blob = path.read_bytes()
    sections = _sections(blob)
    soname: str | None = None
    needed: list[str] = []
    for sec in sections:
        if sec.type != SHT_DYNAMIC:
            continue
        strtab = sections[sec.link]
        for k in range(sec.size // 16):
            tag, value = struct.unpack_from("<qQ", blob, sec.offset + 16 * k)
            if tag == DT_NEEDED:
                needed.append(_string(blob, strtab, value))
            elif tag == DT_SONAME:
                soname = _string(blob, strtab, value)
            elif tag == 0:
                break
    return soname, needed


def read_symbol(path: Path, pattern: str) -> tuple[str, bytes]:
    """Name and bytes of the first defined dynamic symbol whose name matches `pattern`."""
    blob = path.read_bytes()
    sections = _sections(blob)
    for sec in sections:
        if sec.type != SHT_DYNSYM:
            continue
        strtab = sections[sec.link]
        for k in range(sec.size // sec.entsize):
            st_name, _info, _other, shndx, value, size = struct.unpack_from(
                "<IBBHQQ", blob, sec.offset + k * sec.entsize
            )
            name = _string(blob, strtab, st_name)
            if shndx and shndx < len(sections) and re.fullmatch(pattern, name):
                home = sections[shndx]
                offset = value - home.addr + home.offset
                return name, blob[offset : offset + size]
    raise ValueError(f"no symbol matching {pattern} in {path}")
