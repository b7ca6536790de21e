"""Due dates typed the way a facilitator says them: "voor 1 juni", "1-6", "volgende week".

Dates without a year resolve against the session date: the first such day on or after it
(so "1-3" typed at a session in November means next March). Relative phrases ("morgen",
"volgende week", "vrijdag") count from the session date too, so a verslag written a week
later still shows the dates that were meant in the room.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        ("januari", "jan", "january"),
        ("februari", "feb", "febr", "february"),
        ("maart", "mrt", "mar", "march"),
        ("april", "apr"),
        ("mei", "may"),
        ("juni", "jun", "june"),
        ("juli", "jul", "july"),
        ("augustus", "aug", "august"),
        ("september", "sep", "sept"),
        ("oktober", "okt", "oct", "october"),
        ("november", "nov"),
        ("december", "dec"),
    ),
    start=1,
):
    for _name in _names:
        MONTHS[_name] = _number

WEEKDAYS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        ("maandag", "ma", "monday"),
        ("dinsdag", "di", "tuesday"),
        ("woensdag", "wo", "wednesday"),
        ("donderdag", "do", "thursday"),
        ("vrijdag", "vr", "friday"),
        ("zaterdag", "za", "saturday"),
        ("zondag", "zo", "sunday"),
    )
):
    for _name in _names:
        WEEKDAYS[_name] = _number

# Words that may introduce a date ("voor 1 juni", "uiterlijk 1-6", "by June 1").
_LEAD = r"(?:(?:vóór|voor|uiterlijk|op|per|rond|tegen|eind|begin|by|before|on)\s+)?"
_MONTH_NAMES = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_DAY_NAMES = "|".join(sorted((re.escape(d) for d in WEEKDAYS if len(d) > 2), key=len, reverse=True))

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(_LEAD + r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b", re.I)),
    (
        "numeric",
        re.compile(
            _LEAD
            + r"(?<![\d/-])(?P<d>\d{1,2})[-/](?P<m>\d{1,2})(?:[-/](?P<y>\d{4}|\d{2}))?(?![\d/-])",
            re.I,
        ),
    ),
    (
        "named",
        re.compile(
            _LEAD
            + r"(?<!\d)(?P<d>\d{1,2})\s*(?:e\s+)?(?P<mon>"
            + _MONTH_NAMES
            + r")\.?(?:\s+(?P<y>\d{4}))?\b",
            re.I,
        ),
    ),
    (
        "month_first",
        re.compile(
            _LEAD
            + r"\b(?P<mon>"
            + _MONTH_NAMES
            + r")\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<y>\d{4}))?\b",
            re.I,
        ),
    ),
    (
        "relative",
        re.compile(
            _LEAD + r"\b(?P<rel>vandaag|morgen|overmorgen|volgende\s+week|over\s+een\s+week|"
            r"over\s+(?P<n>\d{1,2})\s+(?P<unit>dagen|weken)|volgende\s+maand|"
            r"today|tomorrow|next\s+week|next\s+month)\b",
            re.I,
        ),
    ),
    (
        "weekday",
        re.compile(_LEAD + r"\b(?:(?P<next>volgende|next)\s+)?(?P<wd>" + _DAY_NAMES + r")\b", re.I),
    ),
]


@dataclass(frozen=True)
class DueDate:
    """A due date found in text: the day and where the phrase sits."""

    when: date
    phrase: str  # as typed, e.g. "voor 1 juni"
    start: int
    end: int


def _year_for(day: int, month: int, ref: date) -> date | None:
    """The first day/month on or after `ref` (this year or next)."""
    for year in (ref.year, ref.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate >= ref:
            return candidate
    return None


def _full_year(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 else year


def _explicit(day: int, month: int, year_text: str | None, ref: date) -> date | None:
    if year_text:
        try:
            return date(_full_year(year_text), month, day)
        except ValueError:
            return None
    if not 1 <= month <= 12:
        return None
    return _year_for(day, month, ref)


def _next_month(ref: date) -> date:
    year, month = (ref.year + 1, 1) if ref.month == 12 else (ref.year, ref.month + 1)
    day = min(ref.day, 28)
    return date(year, month, day)


def _resolve(kind: str, m: re.Match[str], ref: date) -> date | None:
    g = m.groupdict()
    if kind == "iso":
        try:
            return date(int(g["y"]), int(g["m"]), int(g["d"]))
        except ValueError:
            return None
    if kind == "numeric":
        return _explicit(int(g["d"]), int(g["m"]), g["y"], ref)
    if kind in ("named", "month_first"):
        return _explicit(int(g["d"]), MONTHS[g["mon"].lower()], g["y"], ref)
    if kind == "relative":
        rel = re.sub(r"\s+", " ", g["rel"].lower())
        if rel in ("vandaag", "today"):
            return ref
        if rel in ("morgen", "tomorrow"):
            return ref + timedelta(days=1)
        if rel == "overmorgen":
            return ref + timedelta(days=2)
        if rel in ("volgende week", "over een week", "next week"):
            return ref + timedelta(days=7)
        if rel in ("volgende maand", "next month"):
            return _next_month(ref)
        n = int(g["n"])
        return ref + timedelta(days=n if g["unit"].lower() == "dagen" else 7 * n)
    if kind == "weekday":
        target = WEEKDAYS[g["wd"].lower()]
        ahead = (target - ref.weekday()) % 7 or 7
        if g["next"]:
            ahead += 7 if ahead < 7 else 0
        return ref + timedelta(days=ahead)
    return None


def find_due(text: str, ref: date) -> DueDate | None:
    """The last date phrase in `text` (actions end with their date), resolved against `ref`."""
    best: DueDate | None = None
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            when = _resolve(kind, m, ref)
            if when is None:  # "31-2", "15-30": not a day; leave it in the text
                continue
            found = DueDate(when, m.group(0).strip(), m.start(), m.end())
            if (
                best is None
                or found.start > best.start
                or (found.start == best.start and found.end > best.end)
            ):
                best = found
    return best


def parse_due(text: str, ref: date) -> date | None:
    """A date from a short phrase typed in a table cell ("1-6", "voor 1 juni", "2026-06-01")."""
    found = find_due(text.strip(), ref)
    return found.when if found else None
