"""The baseline of `bench_readmodel.py`: how the views read a session before the read model
(commit 414c55c), each on its own — the projector, the verslag, the Groepen, Terugkoppeling
and Agenda pages. Only the queries and their row handling are kept (rows become tuples, not
the views' dataclasses, which if anything flatters the baseline). Not used by the app.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from workshop.agenda.planning import plan_times, planned_clock_times
from workshop.capture.queue import default_minutes, queue_round, speaking_queue, typed_entries
from workshop.model import (
    AgendaItem,
    BreakoutGroup,
    BreakoutRound,
    Membership,
    Note,
    Participant,
    QueueEntry,
    TimerEvent,
    WorkSession,
)
from workshop.store.library import Library


def _reporting_rounds(db, session_id: int) -> dict[int, int]:
    out = {}
    for item in db.scalars(select(AgendaItem).where(AgendaItem.session_id == session_id)):
        rnd = queue_round(db, item)
        if rnd is not None and rnd.groups:
            out[item.id] = rnd.id
    return out


def projector(library: Library, session_id: int) -> tuple:
    with library.read() as db:
        session = db.get(WorkSession, session_id)
        items = list(
            db.scalars(
                select(AgendaItem)
                .where(AgendaItem.session_id == session_id)
                .order_by(AgendaItem.position, AgendaItem.id)
            )
        )
        starts = planned_clock_times(items, session.start_time)
        agenda = tuple(
            (i.id, n, i.title, starts[n], default_minutes(i, len(speaking_queue(db, i))))
            for n, i in enumerate(items)
        )
        rounds = db.scalars(
            select(BreakoutRound)
            .where(BreakoutRound.session_id == session_id)
            .order_by(BreakoutRound.number, BreakoutRound.id)
            .options(
                selectinload(BreakoutRound.groups)
                .selectinload(BreakoutGroup.memberships)
                .selectinload(Membership.participant)
            )
        ).all()
        groups = tuple(
            (g.id, tuple((m.participant_id, m.participant.name) for m in g.memberships))
            for r in rounds
            for g in sorted(r.groups, key=lambda g: (g.position, g.id))
        )
        notes = tuple(
            (n.id, n.group_id, n.agenda_item_id, n.kind, n.text, n.position)
            for n in db.scalars(
                select(Note)
                .where(Note.session_id == session_id)
                .order_by(Note.position, Note.created_at, Note.id)
            )
        )
        cohosts = tuple((c.name, c.logo) for c in session.cohosts)
        harvest = _reporting_rounds(db, session_id)
        pitches = {}
        for item in items:
            entries = typed_entries(db, item.id)
            pitches[item.id] = tuple(
                (e.id, db.get(BreakoutGroup, e.group_id) if e.group_id else None) for e in entries
            )
        return agenda, groups, notes, cohosts, harvest, pitches


def verslag(library: Library, session_id: int) -> tuple:
    with library.read() as db:
        s = db.get(WorkSession, session_id)
        cohosts = tuple((c.name, c.logo) for c in s.cohosts)
        items = db.scalars(
            select(AgendaItem)
            .where(AgendaItem.session_id == session_id)
            .order_by(AgendaItem.position, AgendaItem.id)
        ).all()
        events = db.scalars(
            select(TimerEvent)
            .where(TimerEvent.session_id == session_id)
            .order_by(TimerEvent.at, TimerEvent.id)
        ).all()
        starts = planned_clock_times(items, s.start_time)
        agenda = tuple((i.id, i.title, p, len(events)) for i, p in zip(items, starts, strict=True))
        people = tuple(
            (p.id, p.name, p.organisation, p.may_be_named)
            for p in db.scalars(
                select(Participant)
                .where(Participant.session_id == session_id)
                .order_by(Participant.name, Participant.id)
            )
        )
        rounds = _flat_rounds(
            db, select(BreakoutRound.id).where(BreakoutRound.session_id == session_id)
        )
        harvested = _reporting_rounds(db, session_id)
        pitches = tuple(
            (e.id, e.agenda_item_id, e.position, e.name)
            for e in db.scalars(
                select(QueueEntry)
                .where(QueueEntry.session_id == session_id)
                .order_by(QueueEntry.agenda_item_id, QueueEntry.position, QueueEntry.id)
            )
        )
        notes = tuple(
            (n.id, n.kind, n.text, n.agenda_item_id, n.group_id, n.speaker)
            for n in db.scalars(
                select(Note).where(Note.session_id == session_id).order_by(Note.position, Note.id)
            )
        )
        return cohosts, agenda, people, rounds, harvested, pitches, notes


def _flat_rounds(db, round_ids) -> tuple:
    ids = list(db.scalars(round_ids))
    groups = db.scalars(
        select(BreakoutGroup)
        .where(BreakoutGroup.round_id.in_(ids))
        .order_by(BreakoutGroup.position, BreakoutGroup.id)
    ).all()
    seats = db.execute(
        select(Membership.group_id, Participant.id, Participant.name, Participant.organisation)
        .join(Participant, Membership.participant_id == Participant.id)
        .where(Membership.round_id.in_(ids))
        .order_by(Membership.seat, Membership.id)
    ).all()
    members: dict[int, list[tuple]] = {}
    for row in seats:
        members.setdefault(row[0], []).append(tuple(row[1:]))
    return tuple((g.id, g.round_id, g.name, tuple(members.get(g.id, ()))) for g in groups)


def groups_page(library: Library, session_id: int, item_id: int | None) -> tuple:
    with library.read() as db:
        items = db.scalars(
            select(AgendaItem)
            .where(AgendaItem.session_id == session_id)
            .order_by(AgendaItem.position)
        ).all()
        with_rounds = set(
            db.scalars(
                select(BreakoutRound.agenda_item_id).where(BreakoutRound.session_id == session_id)
            )
        )
        choices = tuple((i.id, i.position, i.title, i.id in with_rounds) for i in items)
    with library.read() as db:
        rounds = _flat_rounds(
            db,
            select(BreakoutRound.id).where(
                BreakoutRound.session_id == session_id, BreakoutRound.agenda_item_id == item_id
            ),
        )
    return choices, rounds


def capture_page(library: Library, session_id: int) -> tuple:
    with library.read() as db:
        session = db.get(WorkSession, session_id)
        counts = dict(
            db.execute(
                select(Note.agenda_item_id, func.count(Note.id))
                .where(Note.session_id == session_id)
                .group_by(Note.agenda_item_id)
            ).all()
        )
        items = tuple((i.id, i.position, i.title, counts.get(i.id, 0)) for i in session.items)
        themes = db.scalars(
            select(Note.theme).where(Note.session_id == session_id, Note.theme != "").distinct()
        ).all()
        people = tuple((p.id, p.name) for p in session.participants if p.name.strip())
        return items, tuple(themes), people


def agenda_page(library: Library, session_id: int) -> tuple:
    with library.read() as db:
        session = db.get(WorkSession, session_id)
        items = db.scalars(
            select(AgendaItem)
            .where(AgendaItem.session_id == session_id)
            .order_by(AgendaItem.position, AgendaItem.id)
        ).all()
        rows = tuple((i.id, i.title, i.planned_minutes, i.fixed_start) for i in items)
        return rows, plan_times(items, session.start_time, session.end_time)
