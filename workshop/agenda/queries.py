"""The agenda of a session as plain data, with its planned times."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from workshop.agenda.planning import AgendaPlan, plan_times
from workshop.errors import CommandError
from workshop.i18n import _
from workshop.model import AgendaItem, WorkSession
from workshop.store.library import Library


@dataclass(frozen=True)
class AgendaRow:
    """One agenda item (fits `PlannableItem`)."""

    id: int
    position: int
    title: str
    kind: str
    planned_minutes: int
    lead: str
    notes: str
    materials: str
    fixed_start: time | None
    flexible: bool
    steps: tuple[dict[str, Any], ...]
    speaking_minutes: float | None

    def values(self) -> dict[str, Any]:
        """The editable fields (for templates, duplicates and export)."""
        return {
            "title": self.title,
            "kind": self.kind,
            "planned_minutes": self.planned_minutes,
            "lead": self.lead,
            "notes": self.notes,
            "materials": self.materials,
            "fixed_start": self.fixed_start,
            "flexible": self.flexible,
            "steps": [dict(s) for s in self.steps],
            "speaking_minutes": self.speaking_minutes,
        }


@dataclass(frozen=True)
class AgendaView:
    """A session's agenda with its planned times."""

    session_id: int
    session_title: str
    start_time: time | None
    end_time: time | None
    rows: tuple[AgendaRow, ...]
    plan: AgendaPlan = field(compare=False)

    def row(self, item_id: int) -> AgendaRow | None:
        return next((r for r in self.rows if r.id == item_id), None)


def row_of(item: AgendaItem) -> AgendaRow:
    return AgendaRow(
        id=item.id,
        position=item.position,
        title=item.title,
        kind=item.kind,
        planned_minutes=item.planned_minutes,
        lead=item.lead,
        notes=item.notes,
        materials=item.materials,
        fixed_start=item.fixed_start,
        flexible=bool(item.flexible),
        steps=tuple(dict(s) for s in (item.steps or [])),
        speaking_minutes=item.speaking_minutes,
    )


def session_and_items(db: OrmSession, session_id: int) -> tuple[WorkSession, list[AgendaItem]]:
    """A session and its agenda items in programme order; a clear error when it is gone."""
    session = db.get(WorkSession, session_id)
    if session is None:
        raise CommandError(_("Session {id} does not exist").format(id=session_id))
    items = db.scalars(
        select(AgendaItem)
        .where(AgendaItem.session_id == session_id)
        .order_by(AgendaItem.position, AgendaItem.id)
    ).all()
    return session, list(items)


def load_agenda(library: Library, session_id: int) -> AgendaView:
    with library.read() as db:
        session, items = session_and_items(db, session_id)
        rows = tuple(row_of(i) for i in items)
        start, end, title = session.start_time, session.end_time, session.title
    return AgendaView(session_id, title, start, end, rows, plan_times(rows, start, end))
