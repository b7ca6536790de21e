"""Agenda templates: built-in ones (resources/templates/*.json) and the user's own
(the `AgendaTemplate` table).

A *programme* template is a whole agenda (it replaces the agenda, or is appended); a
*method* template (1-2-4-All, World Café) is one item with its own steps, inserted at the
chosen place.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import time
from functools import cache
from typing import Any

from sqlalchemy import select

from workshop.agenda.fields import new_item_values
from workshop.errors import CommandError
from workshop.i18n import _, current_language
from workshop.model import AgendaTemplate
from workshop.paths import resource
from workshop.store.library import Library

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TemplateInfo:
    key: str  # "builtin:<file stem>" or "saved:<id>"
    name: str
    description: str
    method: bool
    items: tuple[dict[str, Any], ...]  # JSON form ("fixed_start": "16:00")
    start_time: time | None = None
    end_time: time | None = None
    template_id: int | None = None

    @property
    def builtin(self) -> bool:
        return self.template_id is None

    @property
    def total_minutes(self) -> int:
        return sum(int(i.get("planned_minutes", 10)) for i in self.items)

    def item_values(self) -> list[dict[str, Any]]:
        """The items as checked command values (raises CommandError for a broken template)."""
        return [item_from_json(i) for i in self.items]


def parse_clock(text: str | None) -> time | None:
    if not text:
        return None
    try:
        hours, minutes = str(text).strip().replace(".", ":").split(":")
        return time(int(hours), int(minutes))
    except ValueError as err:
        raise CommandError(_("“{text}” is not a time like 15:00").format(text=text)) from err


def item_from_json(data: dict[str, Any]) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise CommandError(_("A template item is not readable"))
    values = dict(data)
    values["fixed_start"] = parse_clock(values.get("fixed_start"))
    return new_item_values(values)


def _localised(value: Any, lang: str) -> str:
    if isinstance(value, dict):
        return str(value.get(lang) or value.get("nl") or next(iter(value.values()), ""))
    return str(value or "")


def builtin_templates(lang: str | None = None) -> list[TemplateInfo]:
    """The templates shipped in resources/templates, programmes first, then methods."""
    return list(_read_builtin(lang or current_language()))


@cache
def _read_builtin(lang: str) -> tuple[TemplateInfo, ...]:
    """Read once per language: the files ship with the app and do not change while it runs."""
    found = []
    for path in sorted(resource("templates").glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            info = TemplateInfo(
                key=f"builtin:{path.stem}",
                name=_localised(data["name"], lang),
                description=_localised(data.get("description", ""), lang),
                method=bool(data.get("method", False)),
                items=tuple(data["items"]),
                start_time=parse_clock(data.get("start_time")),
                end_time=parse_clock(data.get("end_time")),
            )
            info.item_values()  # a broken file is left out of the menu, not shown half
        except (OSError, ValueError, KeyError, TypeError, CommandError) as err:
            log.warning("template %s left out: %s", path.name, err)
            continue
        found.append(info)
    return tuple(sorted(found, key=lambda t: (t.method, t.name.casefold())))


def saved_templates(library: Library) -> list[TemplateInfo]:
    """The user's own templates, by name."""
    with library.read() as db:
        found = db.scalars(select(AgendaTemplate).order_by(AgendaTemplate.name)).all()
        return [
            TemplateInfo(
                key=f"saved:{t.id}",
                name=t.name,
                description=t.description,
                method=False,
                items=tuple(i for i in (t.items or []) if isinstance(i, dict)),
                start_time=t.start_time,
                end_time=t.end_time,
                template_id=t.id,
            )
            for t in found
        ]


def all_templates(library: Library, lang: str | None = None) -> list[TemplateInfo]:
    return builtin_templates(lang) + saved_templates(library)


@dataclass(frozen=True)
class FittedTimes:
    values: list[dict[str, Any]]
    notes: list[str]  # one line per fixed time that moved or was dropped


def fit_fixed_times(
    values: list[dict[str, Any]],
    template_start: time | None,
    session_start: time | None,
    session_end: time | None,
    anchor: time | None = None,
) -> FittedTimes:
    """A template's fixed times moved to the place it is applied to.

    A fixed time keeps its distance to the template's own start: the template starts at
    `anchor`, the planned start of where it goes (the session start when it replaces the
    agenda; the default). 16:50 in a 15:00 template is 11:20 in a 09:30 session, and 16:20
    when it is inserted where 14:30 is planned. A fixed time that then falls outside the
    session (or, for a template without a start, lies outside it) is dropped.
    """
    if anchor is None:
        anchor = session_start
    shift = 0
    if template_start is not None and anchor is not None:
        shift = _minutes(anchor) - _minutes(template_start)
    inserted = anchor is not None and anchor != session_start
    out: list[dict[str, Any]] = []
    notes: list[str] = []
    for original in values:
        value = dict(original)
        fixed = value.get("fixed_start")
        if isinstance(fixed, time):
            moved_minutes = _minutes(fixed) + shift
            title = value.get("title") or _("New item")
            inside = 0 <= moved_minutes < 24 * 60
            if inside and session_start is not None:
                inside = moved_minutes >= _minutes(session_start)
            if inside and session_end is not None:
                inside = moved_minutes < _minutes(session_end)
            if not inside:
                value["fixed_start"] = None
                notes.append(
                    _(
                        "“{title}” is no longer fixed at {time}: that falls outside the session"
                    ).format(title=title, time=_clock(fixed))
                )
            elif shift:
                moved = time(moved_minutes // 60, moved_minutes % 60)
                value["fixed_start"] = moved
                message = (
                    _(
                        "“{title}” is fixed at {new} instead of {old} "
                        "(moved with where the template starts, {at})"
                    )
                    if inserted and anchor is not None
                    else _("“{title}” is fixed at {new} instead of {old} (moved with the start)")
                )
                notes.append(
                    message.format(
                        title=title,
                        new=_clock(moved),
                        old=_clock(fixed),
                        at=_clock(anchor) if anchor else "",
                    )
                )
        out.append(value)
    return FittedTimes(out, notes)


def _minutes(value: time) -> int:
    return value.hour * 60 + value.minute


def _clock(value: time) -> str:
    return f"{value.hour:02d}:{value.minute:02d}"
