"""Exporting an agenda as CSV that Dutch Excel opens as it is: `;`-separated UTF-8 with BOM."""

from __future__ import annotations

from pathlib import Path

from workshop.agenda.importing import format_steps
from workshop.agenda.queries import AgendaView
from workshop.csv_export import write_csv
from workshop.i18n import _, current_language, format_clock

_FORMULA_START = ("=", "+", "-", "@")


def _safe(text: str) -> str:
    """Keep Excel from reading user text as a formula ('=SOM(…)', '-- pauze --')."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else str(value).replace(".", ",")


#: Column headers per language (the import reads both).
EXPORT_HEADERS = {
    "nl": (
        "Start",
        "Einde",
        "Onderdeel",
        "Minuten",
        "Soort",
        "Wie",
        "Opmerkingen",
        "Benodigdheden",
        "Vaste starttijd",
        "Flexibel",
        "Spreektijd",
        "Stappen",
    ),
    "en": (
        "Start",
        "End",
        "Title",
        "Minutes",
        "Kind",
        "Lead",
        "Notes",
        "Materials",
        "Fixed start",
        "Flexible",
        "Speaking minutes",
        "Steps",
    ),
}


def agenda_rows(view: AgendaView) -> list[list[str]]:
    """Header plus one row per item, in the current language."""
    header = list(EXPORT_HEADERS.get(current_language(), EXPORT_HEADERS["en"]))
    out = [header]
    planned = {p.item_id: p for p in view.plan.items}
    for row in view.rows:
        plan = planned.get(row.id) if view.plan.clock_known else None
        out.append(
            [
                format_clock(plan.start) if plan is not None else "",
                format_clock(plan.end) if plan is not None else "",
                _safe(row.title),
                str(row.planned_minutes),
                row.kind,
                _safe(row.lead),
                _safe(row.notes),
                _safe(row.materials),
                format_clock(row.fixed_start) if row.fixed_start else "",
                _("yes") if row.flexible else _("no"),
                _number(row.speaking_minutes),
                format_steps(row.steps),
            ]
        )
    return out


def export_csv(view: AgendaView, path: str | Path) -> Path:
    """Write the agenda to `path` (replaced only once the new file is complete)."""
    return write_csv(path, agenda_rows(view))
