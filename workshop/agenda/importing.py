"""Importing an agenda from a CSV or XLSX file, row by row, with every problem shown.

`read_agenda_file(path)` reads the file (encoding and separator detection live in
`workshop.tabular`) and returns an `ImportPreview`: which column feeds which field, and
for every data row the values to import plus its problems. Nothing is dropped silently:
a row that cannot be imported as it stands (no title, minutes that are not a number) is
an *error* row, left out unless the user includes it (then defaults fill the gaps);
everything the importer adjusts on its own (an unknown kind becomes "overig", a long
title is shortened) is a *warning* on that row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import time
from enum import StrEnum
from pathlib import Path
from typing import Any

from workshop.agenda.fields import MAX_LONG_TEXT, MAX_MINUTES, MAX_TEXT, new_item_values
from workshop.agenda.kinds import kind_from_text, kind_label
from workshop.i18n import _
from workshop.model.kinds import ItemKind
from workshop.tabular import Table, TableError, find_column, read_csv_text, read_table

#: Field -> header names it is read from (Dutch and English; case, accents, spaces ignored).
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "title": (
        "onderdeel",
        "title",
        "titel",
        "programmaonderdeel",
        "agendapunt",
        "onderwerp",
        "activiteit",
        "item",
        "programma",
        "wat",
        "what",
    ),
    "planned_minutes": (
        "minuten",
        "minutes",
        "min",
        "duur",
        "duur (min)",
        "duur in minuten",
        "duration",
        "tijdsduur",
        "aantal minuten",
    ),
    "kind": ("soort", "kind", "type", "werkvorm", "categorie"),
    "lead": ("wie", "lead", "door", "who", "spreker", "speaker", "verantwoordelijke", "trekker"),
    "notes": (
        "opmerkingen",
        "notes",
        "opmerking",
        "notities",
        "toelichting",
        "remarks",
        "comments",
    ),
    "materials": ("benodigdheden", "materials", "materiaal", "materialen", "middelen"),
    "fixed_start": (
        "vaste starttijd",
        "fixed start",
        "fixed start time",
        "vaste begintijd",
        "vaste tijd",
        "vast om",
    ),
    "flexible": ("flexibel", "flexible", "inkortbaar"),
    "speaking_minutes": ("spreektijd", "speaking minutes", "speaking time", "spreektijd (min)"),
    "steps": ("stappen", "steps"),
}

#: Columns our own export writes that are computed, not imported (no warning for them).
COMPUTED_COLUMNS = ("start", "einde", "end", "begin")

DEFAULT_MINUTES = 10
_TRUE = {"ja", "yes", "j", "y", "1", "x", "waar", "true"}
_FALSE = {"nee", "no", "n", "0", "onwaar", "false", ""}


class Level(StrEnum):
    WARNING = "warning"  # imported, adjusted
    ERROR = "error"  # left out unless the user includes it


@dataclass(frozen=True)
class RowProblem:
    level: Level
    message: str


@dataclass
class ImportRow:
    line: int  # line (CSV) or row (XLSX) number in the file
    source: dict[str, str]  # the cells as read
    values: dict[str, Any]  # complete item values, defaults where the cell was unusable
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(p.level is Level.ERROR for p in self.problems)

    def warn(self, message: str) -> None:
        self.problems.append(RowProblem(Level.WARNING, message))

    def error(self, message: str) -> None:
        self.problems.append(RowProblem(Level.ERROR, message))


@dataclass
class ImportPreview:
    file_name: str
    encoding: str
    delimiter: str
    sheet: str
    columns: dict[str, str]  # field -> header in the file
    ignored: list[str]  # headers not used
    rows: list[ImportRow]
    file_problems: list[str] = field(default_factory=list)  # the file as a whole

    @property
    def error_rows(self) -> list[ImportRow]:
        return [r for r in self.rows if not r.ok]

    @property
    def warning_count(self) -> int:
        return sum(1 for r in self.rows for p in r.problems if p.level is Level.WARNING)

    def values(self, include_errors: bool = False) -> list[dict[str, Any]]:
        """Item values to import: rows without errors, or every row."""
        return [dict(r.values) for r in self.rows if include_errors or r.ok]

    def source_description(self) -> str:
        if self.encoding == "clipboard":
            return _("Pasted rows")
        if self.encoding == "xlsx":
            return _("Excel file, sheet “{sheet}”").format(sheet=self.sheet)
        separator = {";": _("semicolon"), ",": _("comma"), "\t": _("tab")}.get(
            self.delimiter, self.delimiter
        )
        encoding = {
            "utf-8-sig": _("UTF-8 with BOM"),
            "utf-8": "UTF-8",
            "cp1252": "Windows-1252",
            "utf-16": "UTF-16",
        }.get(self.encoding, self.encoding)
        return _("CSV file, {encoding}, separated by {separator}").format(
            encoding=encoding, separator=separator
        )


def read_agenda_file(path: str | Path) -> ImportPreview:
    """Read a CSV or XLSX agenda; raises `TableError` (a CommandError) for unreadable files."""
    path = Path(path)
    return preview_table(read_table(path), path.name)


#: Column order assumed for pasted rows without a header row (as in the export).
PASTE_ORDER = ("onderdeel", "minuten", "soort", "wie", "opmerkingen", "vaste starttijd")


def preview_text(text: str, name: str = "") -> ImportPreview:
    """Rows pasted from Excel (tab-separated) or typed as CSV; without a header row the
    columns are taken as onderdeel, minuten, soort, wie, opmerkingen, vaste starttijd."""
    lines = [line for line in text.replace("\r\n", "\n").split("\n") if line.strip()]
    if not lines:
        raise TableError(_("There is nothing to paste"))
    delimiter = "\t" if "\t" in lines[0] else ";" if ";" in lines[0] else ","
    headerless = (
        find_column([c.strip() for c in lines[0].split(delimiter)], COLUMN_ALIASES["title"]) is None
    )
    if headerless:
        lines.insert(0, delimiter.join(PASTE_ORDER))
    table = read_csv_text("\n".join(lines))
    # number the pasted rows as the user sees them (1 = the first pasted line)
    first = 1 if headerless else 2
    table = Table(
        table.headers,
        table.rows,
        "clipboard",
        table.delimiter,
        list(range(first, first + len(table.rows))),
    )
    return preview_table(table, name)


def preview_table(table: Table, file_name: str = "") -> ImportPreview:
    columns = {
        f: h for f, aliases in COLUMN_ALIASES.items() if (h := find_column(table.headers, aliases))
    }
    used = set(columns.values())
    computed = {h for h in table.headers if find_column([h], COMPUTED_COLUMNS)}
    ignored = [h for h in table.headers if h not in used and h not in computed]
    preview = ImportPreview(
        file_name, table.encoding, table.delimiter, table.sheet, columns, ignored, []
    )
    if "title" not in columns:
        preview.file_problems.append(
            _(
                "No column for the title was found (name it “onderdeel” or “title”). "
                "Columns in the file: {columns}"
            ).format(columns=", ".join(table.headers) or "–")
        )
    if "planned_minutes" not in columns:
        preview.file_problems.append(
            _(
                "No column for the minutes was found (“minuten” or “minutes”); {n} min assumed per item"
            ).format(n=DEFAULT_MINUTES)
        )
    if ignored:
        preview.file_problems.append(
            _("Columns not imported: {columns}").format(columns=", ".join(ignored))
        )
    preview.file_problems.extend(table.warnings)
    lines = table.line_numbers or list(range(2, len(table.rows) + 2))
    for line, source in zip(lines, table.rows, strict=False):
        preview.rows.append(_read_row(line, source, columns))
    if not table.rows:
        preview.file_problems.append(_("The file has a header row but no agenda rows"))
    return preview


def _cell(source: dict[str, str], columns: dict[str, str], name: str) -> str:
    header = columns.get(name)
    text = (source.get(header, "") if header else "").strip()
    if len(text) > 1 and text[0] == "'" and text[1] in "=+-@":
        text = text[1:]  # our export protects such cells from Excel's formula reading
    return text


def _read_row(line: int, source: dict[str, str], columns: dict[str, str]) -> ImportRow:
    row = ImportRow(line, dict(source), {})
    values: dict[str, Any] = {}

    kind_text = _cell(source, columns, "kind")
    kind = kind_from_text(kind_text) if kind_text else None
    if kind_text and kind is None:
        row.warn(
            _("Unknown kind “{text}”, imported as “{other}”").format(
                text=kind_text, other=kind_label(ItemKind.OVERIG)
            )
        )
    values["kind"] = kind or ItemKind.OVERIG.value

    title = " ".join(_cell(source, columns, "title").split())
    if not title:
        if kind:
            title = kind_label(kind)
            row.warn(_("No title; “{title}” used").format(title=title))
        else:
            row.error(_("No title"))
            title = _("Untitled item")
    if len(title) > MAX_TEXT:
        row.warn(_("Title shortened to {n} characters").format(n=MAX_TEXT))
        title = title[:MAX_TEXT]
    values["title"] = title

    values["planned_minutes"] = _minutes(
        row, _cell(source, columns, "planned_minutes"), "planned_minutes" in columns
    )

    lead = " ".join(_cell(source, columns, "lead").split())
    if len(lead) > MAX_TEXT:
        row.warn(_("“Who” shortened to {n} characters").format(n=MAX_TEXT))
        lead = lead[:MAX_TEXT]
    values["lead"] = lead
    for name in ("notes", "materials"):
        text = _cell(source, columns, name)
        if len(text) > MAX_LONG_TEXT:
            row.warn(_("Text shortened to {n} characters").format(n=MAX_LONG_TEXT))
            text = text[:MAX_LONG_TEXT]
        values[name] = text

    fixed_text = _cell(source, columns, "fixed_start")
    if fixed_text:
        fixed = parse_time_cell(fixed_text)
        if fixed is None:
            row.warn(_("“{text}” is not a time like 16:00; no fixed start").format(text=fixed_text))
        values["fixed_start"] = fixed

    flexible_text = _cell(source, columns, "flexible").casefold()
    if "flexible" in columns:
        if flexible_text in _TRUE or flexible_text in _FALSE:
            values["flexible"] = flexible_text in _TRUE or flexible_text == ""
        else:
            row.warn(
                _("“{text}” is not yes or no; the item stays flexible").format(text=flexible_text)
            )

    speaking = _cell(source, columns, "speaking_minutes")
    if speaking:
        number = _number(speaking)
        if number is None or not 0 <= number <= MAX_MINUTES:
            row.warn(
                _("Speaking time “{text}” is not a number of minutes; left empty").format(
                    text=speaking
                )
            )
        else:
            values["speaking_minutes"] = number

    steps_text = _cell(source, columns, "steps")
    if steps_text:
        steps, bad = parse_steps(steps_text)
        if bad:
            row.warn(_("Steps not understood: {lines}").format(lines="; ".join(bad)))
        values["steps"] = steps

    row.values = new_item_values(values)
    return row


_DURATION = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")
_NUMBER_WITH_UNIT = re.compile(
    r"^(\d+(?:[.,]\d+)?)\s*(min(?:uten|utes|uut|ute)?\.?|m|'|u|uur|h|hours?)?$"
)


def _number(text: str) -> float | None:
    try:
        return float(text.strip().replace(",", "."))
    except ValueError:
        return None


def parse_minutes(text: str) -> float | None:
    """'10', '10 min', '7,5', '1:30' (h:mm), '1,5 uur' -> minutes; None when not a duration."""
    cleaned = text.strip().casefold()
    match = _DURATION.match(cleaned)
    if match:
        return int(match.group(1)) * 60 + int(match.group(2)) + int(match.group(3) or 0) / 60
    match = _NUMBER_WITH_UNIT.match(cleaned)
    if not match:
        return None
    value = float(match.group(1).replace(",", "."))
    if match.group(2) in ("u", "uur", "h", "hour", "hours"):
        value *= 60
    return value


def _minutes(row: ImportRow, text: str, has_column: bool) -> int:
    if not text:
        if has_column:
            row.warn(_("No minutes; {n} min assumed").format(n=DEFAULT_MINUTES))
        return DEFAULT_MINUTES
    minutes = parse_minutes(text)
    if minutes is None:
        row.error(_("Minutes “{text}” is not a number").format(text=text))
        return DEFAULT_MINUTES
    if minutes > MAX_MINUTES:
        row.error(_("{n} minutes is longer than a day").format(n=text))
        return DEFAULT_MINUTES
    whole = round(minutes)
    if whole != minutes:
        row.warn(_("{text} minutes rounded to {n}").format(text=text, n=whole))
    return whole


def parse_time_cell(text: str) -> time | None:
    """'16:00', '16.00', '16u', '16:00:00', '1600' -> 16:00; None when not a time.

    Excel's own forms are read too: a time stored as a fraction of a day ('0.6875' = 16:30,
    a cell formatted as a number) and a date with a time ('1899-12-30 16:30', what a time
    cell with a date format becomes)."""
    stamp = re.fullmatch(r"\s*\d{4}-\d{2}-\d{2}[ T](\d{1,2}:\d{2})(?::\d{2}(?:\.\d+)?)?\s*", text)
    if stamp:
        text = stamp.group(1)
    fraction = re.fullmatch(r"\s*0?[.,](\d+)\s*", text)
    if fraction:
        minutes = round(float("0." + fraction.group(1)) * 24 * 60)
        return None if minutes >= 24 * 60 else time(minutes // 60, minutes % 60)
    cleaned = text.strip().casefold().replace(".", ":").replace("uur", "").replace("u", ":")
    cleaned = cleaned.rstrip(":").strip()
    if re.fullmatch(r"\d{3,4}", cleaned):
        cleaned = f"{cleaned[:-2]}:{cleaned[-2:]}"
    match = re.fullmatch(r"(\d{1,2})(?::(\d{2}))?(?::\d{2})?", cleaned)
    if not match:
        return None
    hours, minutes = int(match.group(1)), int(match.group(2) or 0)
    if hours > 23 or minutes > 59:
        return None
    return time(hours, minutes)


_STEP = re.compile(r"^(\d+(?:[.,]\d+)?)\s*min\.?\s*[-–—:]?\s*(.*)$")


def parse_steps(text: str) -> tuple[list[dict[str, Any]], list[str]]:
    """Steps written one per line as "2 min In tweetallen"; returns (steps, lines not understood)."""
    steps: list[dict[str, Any]] = []
    bad: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        match = _STEP.match(line)
        if not match:
            bad.append(line)
            continue
        minutes = float(match.group(1).replace(",", "."))
        steps.append(
            {
                "title": match.group(2).strip()[:MAX_TEXT],
                "minutes": int(minutes) if minutes.is_integer() else minutes,
            }
        )
    return steps, bad


def format_steps(steps: list[dict[str, Any]] | tuple[dict[str, Any], ...]) -> str:
    """The inverse of `parse_steps`."""
    lines = []
    for step in steps:
        minutes = step.get("minutes", 0)
        shown = int(minutes) if float(minutes).is_integer() else str(minutes).replace(".", ",")
        lines.append(f"{shown} min {step.get('title', '')}".rstrip())
    return "\n".join(lines)
