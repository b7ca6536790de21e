"""Reading people lists from CSV and XLSX files, as messy as Excel writes them.

`read_table(path)` returns a `Table` of header names and rows (``dict`` header -> text).
CSV: `;`, `,` or tab separators (Dutch Excel writes `;`), UTF-8, UTF-8 with BOM, UTF-16
with BOM ("Unicode text") or Windows-1252. XLSX: the first sheet that has data, read-only.
Leading title lines above the header row and empty rows are skipped; every other row is
kept (with its line number in the source) so callers can show its problems instead of
dropping it. Unreadable files raise `TableError` with a message for the user.
"""

from __future__ import annotations

import csv
import io
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from workshop.errors import CommandError
from workshop.i18n import _

MAX_BYTES = 50 * 1024 * 1024
DELIMITERS = (";", ",", "\t")
_HEADER_SCAN = 10  # a title block above the header is at most this many lines


class TableError(CommandError):
    """A file that cannot be read as a table; the message is for the user."""


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[dict[str, str]]
    encoding: str  # "utf-8", "utf-8-sig", "utf-16", "cp1252" or "xlsx"
    delimiter: str  # "" for XLSX
    line_numbers: list[int] = field(default_factory=list)  # source line/row of each row
    sheet: str = ""  # XLSX sheet the rows came from
    warnings: list[str] = field(default_factory=list)  # e.g. lines read as Windows-1252

    def column(self, *aliases: str) -> str | None:
        """The header matching one of `aliases` (case, accents, spaces ignored)."""
        return find_column(self.headers, aliases)


def read_table(path: str | Path) -> Table:
    """Read a CSV or XLSX file; raise `TableError` when it cannot be read."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise TableError(_("File not found: {path}").format(path=path)) from None
    except OSError as err:
        raise TableError(_("Cannot open {path}: {error}").format(path=path, error=err)) from None
    if path.is_dir():
        raise TableError(_("{path} is a folder, not a file").format(path=path))
    if size > MAX_BYTES:
        raise TableError(_("{path} is too large for a list of people").format(path=path))
    try:
        data = path.read_bytes()
    except OSError as err:
        raise TableError(_("Cannot open {path}: {error}").format(path=path, error=err)) from None
    if not data.strip():
        raise TableError(_("{name} is empty").format(name=path.name))
    if data[:4] == b"PK\x03\x04" or path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_xlsx(path, data)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise TableError(
            _("{name} is an old Excel file (.xls); save it as .xlsx or CSV").format(name=path.name)
        )
    return _read_csv(path, data)


def read_csv_text(text: str, encoding: str = "utf-8") -> Table:
    """Parse CSV text that is already decoded (used by tests and paste-in lists)."""
    return _parse_csv(text, encoding, "<text>")


# --- CSV ------------------------------------------------------------------------------------


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when the bytes have UTF-16's NUL pattern (ASCII text in
    UTF-16 has a NUL in every other byte), else None."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nul > 0.3 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.3 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def _decode_lines(data: bytes) -> tuple[str, list[int]]:
    """Decode line by line: UTF-8 where a line is UTF-8, else Windows-1252 (five bytes that
    Windows-1252 leaves undefined become U+FFFD). Returns the text and the 1-based numbers of
    the lines that were read as Windows-1252."""
    lines = data.split(b"\n")
    out, legacy = [], []
    for number, raw in enumerate(lines, start=1):
        try:
            out.append(raw.decode("utf-8"))
        except UnicodeDecodeError:
            out.append(raw.decode("cp1252", errors="replace"))
            legacy.append(number)
    return "\n".join(out), legacy


def _decode(data: bytes) -> tuple[str, str, list[int]]:
    """(text, encoding, lines read as Windows-1252 in a file that also has UTF-8 lines)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig", []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16", []
    utf16 = _utf16_without_bom(data)
    if utf16:
        return data.decode(utf16, errors="replace"), "utf-16", []
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    text, legacy = _decode_lines(data)
    has_utf8 = any(b >= 0x80 for line in _utf8_lines(data, legacy) for b in line)
    if has_utf8:
        return text, "utf-8", legacy  # mixed: UTF-8, with the listed lines as Windows-1252
    return text, "cp1252", []


def _utf8_lines(data: bytes, legacy: list[int]) -> list[bytes]:
    skip = set(legacy)
    return [line for n, line in enumerate(data.split(b"\n"), start=1) if n not in skip]


def _read_csv(path: Path, data: bytes) -> Table:
    text, encoding, legacy = _decode(data)
    if "\x00" in text:
        raise TableError(
            _("{name} cannot be read as a table; use CSV or XLSX").format(name=path.name)
        )
    table = _parse_csv(text, encoding, path.name)
    if legacy:
        shown = ", ".join(str(n) for n in legacy[:20]) + (" …" if len(legacy) > 20 else "")
        table.warnings.append(
            _(
                "{name} mixes UTF-8 and Windows-1252: lines {lines} were read as Windows-1252; "
                "check the accents in those rows"
            ).format(name=path.name, lines=shown)
        )
    return table


def _strip_sep_line(lines: list[str]) -> tuple[list[str], str | None, int]:
    """Excel's optional first line `sep=;` names the delimiter."""
    if lines and lines[0].strip().lower().startswith("sep=") and len(lines[0].strip()) == 5:
        return lines[1:], lines[0].strip()[4], 1
    return lines, None, 0


def _sniff_delimiter(lines: Sequence[str]) -> str:
    """The candidate that splits the first lines into the most, most consistent columns."""
    sample = [line for line in lines[:50] if line.strip()]
    best, best_score = ",", (-1, -1)
    for delim in DELIMITERS:
        widths = [len(row) for row in csv.reader(sample, delimiter=delim)]
        if not widths:
            continue
        width, count = Counter(widths).most_common(1)[0]
        score = (0, 0) if width < 2 else (count, width)
        if score > best_score:
            best, best_score = delim, score
    return best


def _parse_csv(text: str, encoding: str, name: str) -> Table:
    lines = text.splitlines()
    lines, declared, offset = _strip_sep_line(lines)
    if not any(line.strip() for line in lines):
        raise TableError(_("{name} is empty").format(name=name))
    try:
        delimiter = declared or _sniff_delimiter(lines)
        # csv.reader joins quoted multi-line cells; line numbers are then approximate (row
        # index). Rows are cleaned as they are read: a long list is not held twice.
        reader = csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter)
        del lines
        numbered = [
            (i + 1 + offset, [_unneutralise(cell.strip()) for cell in row])
            for i, row in enumerate(reader)
        ]
    except csv.Error as err:
        raise TableError(
            _("{name} cannot be read as CSV: {error}").format(name=name, error=err)
        ) from None
    headers, rows, numbers = _rows_to_table(numbered, name)
    return Table(headers, rows, encoding, delimiter, numbers)


def _unneutralise(cell: str) -> str:
    """Undo workshop.csv_export's apostrophe before a formula start, so exports read back."""
    if len(cell) > 1 and cell[0] == "'" and cell[1] in "=+-@\t\r":
        return cell[1:]
    return cell


# --- XLSX -----------------------------------------------------------------------------------


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, (date, time)):
        return value.isoformat()
    return str(value).strip()


def _read_xlsx(path: Path, data: bytes) -> Table:
    try:
        from openpyxl import load_workbook

        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as err:
        raise TableError(
            _("{name} is not a readable Excel file: {error}").format(name=path.name, error=err)
        ) from None
    except Exception as err:  # openpyxl raises its own InvalidFileException and more
        raise TableError(
            _("{name} is not a readable Excel file: {error}").format(name=path.name, error=err)
        ) from None
    try:
        sheets = [workbook.active] + [ws for ws in workbook.worksheets if ws is not workbook.active]
        for sheet in sheets:
            if sheet is None:
                continue
            numbered = [
                (i + 1, [_cell_text(v) for v in row])
                for i, row in enumerate(sheet.iter_rows(values_only=True))
            ]
            if any(any(cells) for _n, cells in numbered):
                headers, rows, numbers = _rows_to_table(numbered, path.name)
                return Table(headers, rows, "xlsx", "", numbers, sheet.title)
    finally:
        workbook.close()
    raise TableError(_("{name} is empty").format(name=path.name))


# --- shared ---------------------------------------------------------------------------------


def _header_index(numbered: list[tuple[int, list[str]]]) -> int:
    """Index of the header row: skips empty lines and a title block above the table."""
    filled = [sum(1 for c in cells if c) for _n, cells in numbered[: _HEADER_SCAN * 3]]
    widest = max(filled, default=0)
    for i, count in enumerate(filled[:_HEADER_SCAN]):
        if count and (count >= 2 or widest < 2):
            return i
    return next(i for i, count in enumerate(filled) if count)


def _rows_to_table(
    numbered: list[tuple[int, list[str]]], name: str
) -> tuple[list[str], list[dict[str, str]], list[int]]:
    if not any(any(cells) for _n, cells in numbered):
        raise TableError(_("{name} is empty").format(name=name))
    start = _header_index(numbered)
    header_cells = numbered[start][1]
    width = max(len(cells) for _n, cells in numbered[start:])
    headers = _unique_headers(header_cells + [""] * (width - len(header_cells)))
    rows: list[dict[str, str]] = []
    numbers: list[int] = []
    for index in range(start + 1, len(numbered)):
        line, cells = numbered[index]
        numbered[index] = (line, [])  # released once it is a row
        if not any(cells):
            continue
        padded = cells + [""] * (width - len(cells))
        rows.append(dict(zip(headers, padded, strict=True)))
        numbers.append(line)
    # Drop trailing columns that are unnamed and empty everywhere (Excel's ";;;" tails).
    named = [i < len(header_cells) and bool(header_cells[i]) for i in range(width)]
    keep = [h for i, h in enumerate(headers) if named[i] or _used(rows, h)]
    if len(keep) != len(headers):
        rows = [{h: row[h] for h in keep} for row in rows]
    return keep, rows, numbers


def _used(rows: Iterable[dict[str, str]], header: str) -> bool:
    return any(row.get(header) for row in rows)


def _unique_headers(cells: list[str]) -> list[str]:
    seen: Counter[str] = Counter()
    out = []
    for i, cell in enumerate(cells):
        base = " ".join(cell.split()) or _("column {number}").format(number=i + 1)
        seen[base] += 1
        out.append(base if seen[base] == 1 else f"{base} ({seen[base]})")
    return out


def normalise_header(text: str) -> str:
    """'Voor-naam ' -> 'voornaam'; 'Organisatie' -> 'organisatie'; 'É-mail' -> 'email'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed.casefold() if c.isalnum())


def find_column(headers: Sequence[str], aliases: Iterable[str]) -> str | None:
    """The first header equal to one of `aliases` after normalising both."""
    wanted = [normalise_header(a) for a in aliases]
    by_norm: dict[str, str] = {}
    for h in headers:
        by_norm.setdefault(normalise_header(h), h)
    for w in wanted:
        if w in by_norm:
            return by_norm[w]
    return None


NAME_ALIASES = ("naam", "name", "volledige naam", "full name", "deelnemer", "participant")
FIRST_NAME_ALIASES = ("voornaam", "first name", "firstname", "given name", "roepnaam")
INFIX_ALIASES = ("tussenvoegsel", "tussenvoegsels", "infix")
LAST_NAME_ALIASES = ("achternaam", "last name", "lastname", "surname", "family name")


@dataclass(frozen=True)
class NameColumns:
    """Where a person's name lives: one column, or first (+ infix) + last name."""

    full: str | None = None
    first: str | None = None
    infix: str | None = None
    last: str | None = None

    def name_of(self, row: dict[str, str]) -> str:
        if self.full and row.get(self.full, "").strip():
            return " ".join(row[self.full].split())
        parts = [row.get(c, "") for c in (self.first, self.infix, self.last) if c]
        return " ".join(" ".join(parts).split())


def name_columns(headers: Sequence[str]) -> NameColumns | None:
    """The name column(s) of a table, or None when it has none."""
    full = find_column(headers, NAME_ALIASES)
    first = find_column(headers, FIRST_NAME_ALIASES)
    last = find_column(headers, LAST_NAME_ALIASES)
    if not (full or first or last):
        return None
    return NameColumns(full, first, find_column(headers, INFIX_ALIASES), last)
