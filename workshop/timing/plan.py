"""The agenda as the timing core sees it: plain frozen data read from the store."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time

from workshop.readmodel.records import AgendaEntry
from workshop.readmodel.snapshot import Part, load_snapshot
from workshop.store.library import Library


@dataclass(frozen=True)
class StepPlan:
    title: str
    minutes: float


@dataclass(frozen=True)
class ItemPlan:
    id: int
    position: int
    title: str
    kind: str
    planned_minutes: int
    fixed_start: time | None = None
    flexible: bool = True
    steps: tuple[StepPlan, ...] = ()
    actual_start: datetime | None = None
    actual_end: datetime | None = None

    @property
    def dropped(self) -> bool:
        """An item planned at 0 minutes is left out of the run (see "drop one item")."""
        return self.planned_minutes <= 0


@dataclass(frozen=True)
class SessionPlan:
    session_id: int
    title: str
    start_time: time | None
    end_time: time | None
    items: tuple[ItemPlan, ...] = field(default_factory=tuple)
    date: date | None = None  # the day it is planned for; run on another day = a rehearsal

    def index_of(self, item_id: int | None) -> int | None:
        for i, item in enumerate(self.items):
            if item.id == item_id:
                return i
        return None


def from_store(value: datetime | None) -> datetime | None:
    """An aware datetime from the store: SQLite hands back naive UTC values."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)


def item_plan(item: AgendaEntry) -> ItemPlan:
    """The timing core's view of an agenda entry (steps without minutes are no step)."""
    return ItemPlan(
        id=item.id,
        position=item.position,
        title=item.title,
        kind=item.kind,
        planned_minutes=item.planned_minutes or 0,
        fixed_start=item.fixed_start,
        flexible=item.flexible,
        steps=tuple(
            StepPlan(title, float(minutes)) for title, minutes in item.steps if minutes > 0
        ),
        actual_start=from_store(item.actual_start),
        actual_end=from_store(item.actual_end),
    )


@dataclass(frozen=True)
class StoredRun:
    """What the library holds about a session's run: the plan and the saved run state."""

    plan: SessionPlan
    run_state: str
    current_item_id: int | None


def load_run(library: Library, session_id: int) -> StoredRun:
    """Read the agenda and the stored run state of one session (on the DB worker)."""
    snapshot = load_snapshot(library, session_id, {Part.AGENDA})
    session = snapshot.session
    plan = SessionPlan(
        session_id=session.id,
        title=session.title,
        start_time=session.start_time,
        end_time=session.end_time,
        items=tuple(item_plan(i) for i in snapshot.agenda),
        date=session.date,
    )
    return StoredRun(plan, session.run_state, session.current_item_id)
