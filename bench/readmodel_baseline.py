"""The baseline of `bench_readmodel.py`: how the views read a session before the read model
(commit 414c55c), each on its own — the projector, the verslag, the Groepen, Terugkoppeling
and Agenda pages. Only the queries and their row handling are kept (rows become tuples, not
the views' dataclasses, which if anything flatters the baseline). Not used by the app.
"""

from __future__ import annotations

from sqlalchemy import func, select, tuple_
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import selectinload

from workshop.agenda.planning import plan_times, planned_clock_times
from workshop.capture.queue import default_minutes
from workshop.model import (
    AgendaItem,
    BreakoutGroup,
    BreakoutRound,
    ItemKind,
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


# -- the capture queue's rules on ORM rows, as they were (capture/queue.py) --


def own_round(db: OrmSession, item_id: int) -> BreakoutRound | None:
    """The newest breakout round formed on this item (if any)."""
    return db.scalars(
        select(BreakoutRound)
        .where(BreakoutRound.agenda_item_id == item_id)
        .order_by(BreakoutRound.number.desc(), BreakoutRound.id.desc())
    ).first()


def _newest_round_with_groups(db: OrmSession, item_id: int) -> BreakoutRound | None:
    rounds = db.scalars(
        select(BreakoutRound)
        .where(BreakoutRound.agenda_item_id == item_id)
        .order_by(BreakoutRound.number.desc(), BreakoutRound.id.desc())
    ).all()
    return next((r for r in rounds if r.groups), None)


def breakout_candidates(db: OrmSession, item: AgendaItem) -> list[AgendaItem]:
    """Items before `item` on which groups were formed (any kind), nearest first."""
    with_groups = set(
        db.scalars(
            select(BreakoutRound.agenda_item_id)
            .join(BreakoutGroup, BreakoutGroup.round_id == BreakoutRound.id)
            .where(BreakoutRound.session_id == item.session_id)
            .distinct()
        )
    )
    if not with_groups:
        return []
    return list(
        db.scalars(
            select(AgendaItem)
            .where(
                AgendaItem.session_id == item.session_id,
                # earlier in the one agenda order (position, then id)
                tuple_(AgendaItem.position, AgendaItem.id) < tuple_(item.position, item.id),
                AgendaItem.id.in_(with_groups),
            )
            .order_by(AgendaItem.position.desc(), AgendaItem.id.desc())
        )
    )


def harvested_item(db: OrmSession, item: AgendaItem) -> AgendaItem | None:
    """The breakout item whose groups report back on `item`.

    The stored link (chosen on the capture page) wins; a plenary terugkoppeling without one
    harvests the nearest earlier item with groups, whatever its kind (a *Gesprek* at tables
    counts as much as *Subgroepen*).
    """
    if item.harvest_item_id is not None:
        linked = db.get(AgendaItem, item.harvest_item_id)
        if linked is not None and linked.session_id == item.session_id:
            return linked
    if item.kind != ItemKind.TERUGKOPPELING.value:
        return None
    found = breakout_candidates(db, item)
    return found[0] if found else None


def harvest_round(db: OrmSession, item: AgendaItem) -> BreakoutRound | None:
    """The round whose groups report back on plenary `item` (its breakout's newest round).

    The one answer the capture queue, the projector's plenary picture and the verslag share.
    """
    source = harvested_item(db, item)
    return _newest_round_with_groups(db, source.id) if source is not None else None


def queue_round(db: OrmSession, item: AgendaItem) -> BreakoutRound | None:
    """The round whose groups form the reporting queue of `item` (None: nothing yet)."""
    mine = own_round(db, item.id)
    if mine is not None and mine.groups:
        return mine
    found = harvest_round(db, item)
    if found is not None:
        return found
    return mine


def ordered_groups(rnd: BreakoutRound) -> list[BreakoutGroup]:
    return sorted(
        rnd.groups,
        key=lambda g: (
            g.report_position if g.report_position is not None else 10_000 + g.position,
            g.id,
        ),
    )


def typed_entries(db: OrmSession, item_id: int) -> list[QueueEntry]:
    """The pitches or cities typed in for an item, in speaking order."""
    return list(
        db.scalars(
            select(QueueEntry)
            .where(QueueEntry.agenda_item_id == item_id)
            .order_by(QueueEntry.position, QueueEntry.id)
        )
    )


def speaking_queue(
    db: OrmSession, item: AgendaItem, rnd: BreakoutRound | None = None
) -> list[BreakoutGroup | QueueEntry]:
    """The whole queue of `item`: breakout groups and typed entries, in speaking order
    (`rnd`: its `queue_round` when already known)."""
    rnd = rnd if rnd is not None else queue_round(db, item)
    keyed: list[tuple[tuple[int, int, int], BreakoutGroup | QueueEntry]] = []
    for group in ordered_groups(rnd) if rnd is not None else []:
        order = group.report_position if group.report_position is not None else 10_000
        keyed.append(((order, 0, group.position), group))
    for entry in typed_entries(db, item.id):
        keyed.append(((entry.position, 1, entry.id), entry))
    return [row for _key, row in sorted(keyed, key=lambda pair: pair[0])]
