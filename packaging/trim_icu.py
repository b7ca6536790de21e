"""A smaller `libicudata.so.NN` for the frozen app: Qt's ICU data without what Qt never reads.

PySide6 ships ICU's complete data library (about 31 MB): collation, locale names, calendars,
break dictionaries and code-page tables for every language. Qt 6 reads ICU for collation
(QCollator), locale-aware case mapping, time-zone data and legacy text encodings
(QStringConverter); number and date formatting come from Qt's own CLDR tables. The app
speaks Dutch and English, so the trimmed library keeps:

* every tree's root bundle, the Dutch and English locales, and the shared key pool;
* the core property, normalisation and collation base tables (`*.icu`, `*.nrm`, ucadata);
* time-zone data, and the conversion tables of the encodings a Dutch or English text file
  can plausibly come in (UTF-*, Latin-1/-9, Windows-1252, the old IBM PC and Mac code pages).

It leaves out collation tailorings, display names, calendars and spell-out rules of other
languages, the Chinese/Japanese/Thai/Lao/Khmer/Burmese break dictionaries, transliterators
and the East Asian code pages. Text in those languages still displays (fonts and shaping are
not ICU's job); only sorting and case rules fall back to the language-neutral root rules.

How: the data is one symbol (`icudtNN_dat`) holding an ICU "common data" package: a header,
a table of contents (name offset, data offset per item, sorted by name) and the items,
each 16-byte aligned. This module reads the symbol out of the ELF library, writes a
package with only the kept items, and links it into a new shared library with the same
soname with `as` and `ld` (binutils). Nothing else of ICU changes.
"""

from __future__ import annotations

import fnmatch
import hashlib
import re
import shutil
import struct
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import elf  # packaging/elf.py: packaging/ is on sys.path (build.spec, tests, command line)

#: Items kept, as glob patterns on the name after the "icudtNNl/" prefix.
KEEP = (
    # core tables: character properties, case, normalisation, collation base, names
    "*.icu",
    "*.nrm",
    "*.spp",
    "*.cfu",
    "pool.res",
    "res_index.res",
    "root.res",
    "nl.res",
    "nl_*.res",
    "en.res",
    "en_*.res",
    "supplementalData.res",
    "likelySubtags.res",
    "metadata.res",
    "parentLocales.res",
    "grammaticalFeatures.res",
    "units.res",
    "currencyNumericCodes.res",
    "numberingSystems.res",
    "icuver.res",
    "icustd.res",
    "plurals.res",
    "pluralRanges.res",
    "dayPeriods.res",
    "genderList.res",
    "keyTypeData.res",
    # time zones
    "zoneinfo64.res",
    "metaZones.res",
    "timezoneTypes.res",
    "windowsZones.res",
    # every tree keeps its index, pool and root, plus Dutch and English (not translit/:
    # Qt never transliterates)
    "*/res_index.res",
    "*/pool.res",
    "*/root.res",
    "*/nl.res",
    "*/nl_*.res",
    "*/en.res",
    "*/en_*.res",
    # line/word/sentence break rules (small); not the big dictionaries
    "brkitr/*.brk",
    "brkitr/*.res",
    # code pages: aliases plus the western ones
    "cnvalias.icu",
    "ibm-912_P100-1995.cnv",  # ISO-8859-2
    "ibm-913_P100-2000.cnv",  # ISO-8859-3
    "ibm-914_P100-1995.cnv",  # ISO-8859-4
    "ibm-923_P100-1998.cnv",  # ISO-8859-15 (Latin-9)
    "ibm-5348_P100-1997.cnv",  # Windows-1252
    "ibm-5346_P100-1998.cnv",  # Windows-1250
    "ibm-437_P100-1995.cnv",  # IBM PC
    "ibm-850_P100-1995.cnv",  # DOS Latin-1
    "ibm-858_P100-1997.cnv",  # DOS Latin-1 with euro
    "macos-0_2-10.2.cnv",  # Mac Roman
)


@dataclass(frozen=True)
class Item:
    name: str  # without the "icudtNNl/" prefix
    data: bytes


@dataclass(frozen=True)
class Package:
    header: bytes  # the package's own DataHeader, padded to its headerSize
    prefix: str  # "icudt73l/"
    items: tuple[Item, ...]


# -- the ICU common-data package ---------------------------------------------------------------
def parse_package(blob: bytes) -> Package:
    """Split an ICU common-data package (format "CmnD", little-endian) into its items."""
    header_size, magic1, magic2 = struct.unpack_from("<HBB", blob, 0)
    if (magic1, magic2) != (0xDA, 0x27):
        raise ValueError("not an ICU data package (bad magic)")
    is_big_endian = blob[8]
    data_format = blob[12:16]
    if data_format != b"CmnD" or is_big_endian:
        raise ValueError(f"unsupported ICU package format {data_format!r}")
    toc = header_size
    (count,) = struct.unpack_from("<I", blob, toc)
    entries = [struct.unpack_from("<II", blob, toc + 4 + 8 * i) for i in range(count)]
    names = []
    for name_offset, _data_offset in entries:
        start = toc + name_offset
        names.append(blob[start : blob.index(b"\0", start)].decode("ascii"))
    prefix = names[0].split("/", 1)[0] + "/" if names else ""
    items = []
    for i, (name, (_n, data_offset)) in enumerate(zip(names, entries, strict=True)):
        end = toc + entries[i + 1][1] if i + 1 < count else len(blob)
        items.append(Item(name.removeprefix(prefix), blob[toc + data_offset : end]))
    return Package(blob[:header_size], prefix, tuple(items))


PAD = b"\xaa"  # what ICU's own tools fill the gaps with


def _align(n: int, to: int = 16) -> int:
    return (n + to - 1) // to * to


def build_package(package: Package) -> bytes:
    """The package as bytes: header, table of contents, names, then 16-byte aligned items."""
    items = sorted(package.items, key=lambda item: (package.prefix + item.name).encode("ascii"))
    names = [(package.prefix + item.name).encode("ascii") + b"\0" for item in items]
    toc_size = 4 + 8 * len(items)
    name_offsets = []
    offset = toc_size
    for name in names:
        name_offsets.append(offset)
        offset += len(name)
    header = package.header
    data_offsets = []
    offset = _align(len(header) + offset) - len(header)
    for item in items:
        data_offsets.append(offset)
        offset = _align(len(header) + offset + len(item.data)) - len(header)
    out = bytearray(header)
    out += struct.pack("<I", len(items))
    for n, d in zip(name_offsets, data_offsets, strict=True):
        out += struct.pack("<II", n, d)
    for name in names:
        out += name
    for item, d in zip(items, data_offsets, strict=True):
        out += PAD * (len(header) + d - len(out))
        out += item.data
    out += PAD * (_align(len(out)) - len(out))
    return bytes(out)


#: Dropped even when a KEEP pattern matches.
DROP = ("translit/*",)


def keep(name: str, patterns: tuple[str, ...] = KEEP) -> bool:
    if any(fnmatch.fnmatchcase(name, pattern) for pattern in DROP):
        return False
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in patterns)


def trim(package: Package, patterns: tuple[str, ...] = KEEP) -> Package:
    kept = tuple(item for item in package.items if keep(item.name, patterns))
    return Package(package.header, package.prefix, kept)


# -- reading and writing the data library -------------------------------------------------------
def read_symbol(path: Path, pattern: str = r"icudt\d+_dat") -> tuple[str, bytes]:
    """The ICU data symbol's name and bytes."""
    return elf.read_symbol(path, pattern)


def link_library(symbol: str, data: bytes, soname: str, target: Path) -> None:
    """Write `data` as the only exported symbol of a new shared library (binutils as/ld)."""
    for tool in ("as", "ld"):
        if shutil.which(tool) is None:
            raise RuntimeError(f"'{tool}' (binutils) is needed to trim ICU's data")
    work = target.parent
    dat = work / f"{symbol}.bin"
    dat.write_bytes(data)
    asm = work / f"{symbol}.s"
    asm.write_text(
        '\t.section .note.GNU-stack,"",%progbits\n'
        "\t.section .rodata\n"
        f"\t.globl {symbol}\n"
        f"\t.type {symbol}, @object\n"
        "\t.balign 16\n"
        f"{symbol}:\n"
        f'\t.incbin "{dat.name}"\n'
        f"\t.size {symbol}, . - {symbol}\n"
    )
    obj = work / f"{symbol}.o"
    subprocess.run(["as", "-o", str(obj), str(asm)], check=True, cwd=work)
    subprocess.run(
        ["ld", "-shared", "-soname", soname, "-o", str(target), str(obj)], check=True, cwd=work
    )


def trimmed_library(original: Path, work: Path) -> Path:
    """Build (once per input) the trimmed copy of `original` in `work`; return its path."""
    work.mkdir(parents=True, exist_ok=True)
    target = work / original.name
    if target.exists() and target.stat().st_mtime >= original.stat().st_mtime:
        return target
    symbol, blob = read_symbol(original)
    trimmed = build_package(trim(parse_package(blob)))
    link_library(symbol, trimmed, original.name, target)
    return target


def replace_in_toc(binaries: list, workpath: Path) -> list:
    """PyInstaller TOC with libicudata.so.* swapped for its trimmed copy."""
    out = []
    for entry in binaries:
        dest, src, kind = entry[0], entry[1], entry[2]
        if re.fullmatch(r"libicudata\.so\.\d+", Path(dest).name):
            rules = hashlib.sha1(repr((KEEP, DROP)).encode()).hexdigest()[:10]
            src = str(trimmed_library(Path(src), workpath / f"icu-trimmed-{rules}"))
            print(
                f"trim_icu: {dest}: {Path(entry[1]).stat().st_size >> 20} MB -> "
                f"{Path(src).stat().st_size >> 20} MB"
            )
        out.append((dest, src, kind))
    return out


def main(argv: list[str]) -> int:
    """`python packaging/trim_icu.py LIB [--list]`: show what is kept and what it weighs."""
    path = Path(argv[0])
    _symbol, blob = read_symbol(path)
    package = parse_package(blob)
    if "--list" in argv:
        for item in package.items:
            print(f"{'keep' if keep(item.name) else 'drop'}\t{len(item.data)}\t{item.name}")
    kept = trim(package)
    print(
        f"{len(package.items)} items, {len(blob) / 2**20:.1f} MiB -> {len(kept.items)} items, "
        f"{len(build_package(kept)) / 2**20:.1f} MiB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
