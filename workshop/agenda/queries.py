"""The agenda page's view of a session (derived from its snapshot), with planned times."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time
from typing import Any

from workshop.agenda.planning import AgendaPlan, plan_times
from workshop.readmodel.records import AgendaEntry
from workshop.readmodel.snapshot import Part, SessionSnapshot, load_snapshot
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


def row_of(entry: AgendaEntry) -> AgendaRow:
    """The agenda page's row of a read-model entry."""
    return AgendaRow(
        id=entry.id,
        position=entry.position,
        title=entry.title,
        kind=entry.kind,
        planned_minutes=entry.planned_minutes,
        lead=entry.lead,
        notes=entry.notes,
        materials=entry.materials,
        fixed_start=entry.fixed_start,
        flexible=entry.flexible,
        steps=tuple({"title": title, "minutes": minutes} for title, minutes in entry.steps),
        speaking_minutes=entry.speaking_minutes,
    )


def agenda_view(snapshot: SessionSnapshot) -> AgendaView:
    """The agenda page's view of a snapshot (pure)."""
    s = snapshot.session
    rows = tuple(row_of(e) for e in snapshot.agenda)
    return AgendaView(
        s.id, s.title, s.start_time, s.end_time, rows, plan_times(rows, s.start_time, s.end_time)
    )


def load_agenda(library: Library, session_id: int) -> AgendaView:
    """`agenda_view` of the session (run on the DB worker)."""
    return agenda_view(load_snapshot(library, session_id, {Part.AGENDA}))
