"""The built-in demo session: the Transitiegesprek "Lokale gemeenschappen als motor voor transitie".

Its content lives in `resources/demo/transitiegesprek.json` (programme of seven parts,
made-up participants from made-up organisations). Later parts of the app add their own
sections (groups, notes, photos) to that file and to `build_demo_rows` here.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, time
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from workshop.model import AgendaItem, Participant, WorkSession
from workshop.paths import resource
from workshop.store.library import Library

DEMO_FILE = "transitiegesprek.json"

#: Extra builders run after the session, agenda and participants exist:
#: f(db, session, demo_json). Parts of the app register theirs here (groups, notes, photos).
DEMO_EXTENSIONS: list[Callable[[OrmSession, WorkSession, dict[str, Any]], None]] = []


def load_demo_data() -> dict[str, Any]:
    with resource("demo", DEMO_FILE).open(encoding="utf-8") as fh:
        return json.load(fh)


def _time(text: str | None) -> time | None:
    if not text:
        return None
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


SESSION_FIELDS = (
    "title",
    "subtitle",
    "place",
    "online_link",
    "organiser",
    "facilitators",
    "welcome_line",
    "goals",
    "background",
    "report_language",
)
ITEM_FIELDS = (
    "title",
    "kind",
    "planned_minutes",
    "lead",
    "notes",
    "materials",
    "speaking_minutes",
    "flexible",
    "steps",
)
PERSON_FIELDS = (
    "name",
    "organisation",
    "role",
    "email",
    "involvement",
    "initiative",
    "theme_preference",
    "second_theme",
    "presence",
    "may_be_named",
)


def build_demo(db: OrmSession, data: dict[str, Any] | None = None) -> WorkSession:
    data = data or load_demo_data()
    session = WorkSession(
        **{k: data[k] for k in SESSION_FIELDS if k in data},
        date=date.fromisoformat(data["date"]),
        start_time=_time(data["start_time"]),
        end_time=_time(data.get("end_time")),
        is_demo=True,
    )
    db.add(session)
    for position, item in enumerate(data["agenda"]):
        session.items.append(
            AgendaItem(
                position=position,
                fixed_start=_time(item.get("fixed_start")),
                **{k: item[k] for k in ITEM_FIELDS if k in item},
            )
        )
    for person in data["participants"]:
        session.participants.append(
            Participant(**{k: person[k] for k in PERSON_FIELDS if k in person})
        )
    db.flush()
    _register_extensions()
    for extend in DEMO_EXTENSIONS:
        extend(db, session, data)
    return session


def ensure_demo(library: Library) -> int:
    """The id of the demo session, creating it the first time."""
    with library.unit_of_work() as db:
        existing = db.scalars(select(WorkSession.id).where(WorkSession.is_demo.is_(True))).first()
        if existing is not None:
            return existing
        return build_demo(db).id


_registered = False


def _register_extensions() -> None:
    """Parts' demo builders, imported when a demo is first built (not when `workshop demo`
    opens the demo that already exists: the planner and the capture core cost ~0.2 s)."""
    global _registered
    if _registered:
        return
    _registered = True
    from workshop.capture.demo import build_capture_demo
    from workshop.grouping.demo_groups import add_demo_groups

    DEMO_EXTENSIONS.insert(0, add_demo_groups)
    DEMO_EXTENSIONS.insert(1, build_capture_demo)  # after the groups: its notes go to them
