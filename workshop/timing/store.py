"""Storing what the run engine reports: run state, current item, timer log, actual times."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from workshop.changes import Change, Changes, Entity
from workshop.model import AgendaItem, TimerEvent, WorkSession
from workshop.store import change_log
from workshop.store.library import Library
from workshop.timing.engine import RunUpdate
from workshop.timing.lease import Claimant, hold


def as_utc(value: datetime | None) -> datetime | None:
    """Stored times are UTC (SQLite keeps no offset; see `workshop.timing.plan.from_store`)."""
    return None if value is None else value.astimezone(UTC)


def save_update(
    library: Library,
    session_id: int,
    update: RunUpdate,
    claimant: Claimant | None = None,
    now: datetime | None = None,
) -> None:
    """One unit of work per engine change (run on the DB worker, in order).

    With a `claimant` (the app's Live service) the change is stored only while it holds the
    clock lease (claimed on the way when free; `ClockHeldElsewhere` otherwise), and logged
    as an `Entity.TIMER` change so the other laptops follow the run.
    """
    with library.unit_of_work() as db:
        session = db.get(WorkSession, session_id)
        if session is None:  # deleted meanwhile: nothing left to record against
            return
        if claimant is not None:
            hold(db, library, session_id, claimant, now or datetime.now(UTC))
        session.run_state = update.run_state
        session.current_item_id = update.current_item_id
        known = set(
            db.scalars(select(AgendaItem.id).where(AgendaItem.session_id == session_id)).all()
        )
        for item_id, start, end in update.item_times:
            item = db.get(AgendaItem, item_id) if item_id in known else None
            if item is not None:
                item.actual_start = as_utc(start)
                item.actual_end = as_utc(end)
        for event in update.events:
            db.add(
                TimerEvent(
                    session_id=session_id,
                    agenda_item_id=event.item_id if event.item_id in known else None,
                    kind=event.kind,
                    at=as_utc(event.at),
                    amount_seconds=event.amount_seconds,
                    payload=event.payload,
                )
            )
        change = Change(Entity.TIMER, "updated", (session_id,), session_id, ("run_state",))
        change_log.record(db, library.writer, Changes([change]))


def timer_events(library: Library, session_id: int) -> list[tuple[str, int | None, float]]:
    """(kind, item id, amount) of every logged event, oldest first (tests, CLI)."""
    with library.read() as db:
        rows = db.execute(
            select(TimerEvent.kind, TimerEvent.agenda_item_id, TimerEvent.amount_seconds)
            .where(TimerEvent.session_id == session_id)
            .order_by(TimerEvent.id)
        ).all()
    return [(kind, item_id, amount) for kind, item_id, amount in rows]
