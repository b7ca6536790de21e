"""Which groups report back, in which order, for an agenda item.

A queue holds two sorts of entries, kept apart in the model:

* breakout groups (`BreakoutGroup`): the groups of the item's own round (notes per group
  during the breakout), else of the breakout the item harvests (`harvest_round`);
* typed entries (`QueueEntry`): pitches of initiatives or cities typed in on the capture
  page. They are not a breakout round: nobody is seated in them.

A `Target` names one of them (or, empty, the item as a whole).

* The item harvests a breakout (`harvest_round`): the item its `harvest_item_id`
  names, else (for a terugkoppeling) the nearest earlier item with groups, of any kind.

Order: a group's `report_position` (else after the others, by position) and an entry's
`position` share one scale; `ReorderQueue` numbers them all.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, tuple_
from sqlalchemy.orm import Session as OrmSession

from workshop.model import AgendaItem, BreakoutGroup, BreakoutRound, ItemKind, QueueEntry
from workshop.readmodel.records import AgendaEntry

#: Agenda kinds whose notes belong to groups or pitches in a queue.
QUEUE_KINDS = frozenset({ItemKind.TERUGKOPPELING.value, ItemKind.PITCH.value})


@dataclass(frozen=True)
class Target:
    """Where notes go within an agenda item: a breakout group, a typed queue entry, or
    (both None) the item as a whole."""

    group_id: int | None = None
    entry_id: int | None = None

    @property
    def is_item(self) -> bool:
        return self.group_id is None and self.entry_id is None


WHOLE_ITEM = Target()


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


def default_minutes(item: AgendaItem | AgendaEntry, count: int) -> float | None:
    """Speaking time per group or pitch when none is set: the item's own default, else the
    item's planned minutes shared over its `count` groups (rounded down to half minutes)."""
    if item.speaking_minutes is not None:
        return item.speaking_minutes
    if count <= 0 or not item.planned_minutes:
        return None
    share = int(item.planned_minutes / count * 2) / 2
    return share if share > 0 else 0.5


def effective_minutes(
    group: BreakoutGroup | QueueEntry, item: AgendaItem, count: int = 0
) -> float | None:
    """The entry's own speaking time, else the item's default per entry (see
    `default_minutes`; `count` is the number of entries in the queue)."""
    if group.speaking_minutes is not None:
        return group.speaking_minutes
    return default_minutes(item, count)


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


def target_of(row: BreakoutGroup | QueueEntry) -> Target:
    if isinstance(row, QueueEntry):
        return Target(entry_id=row.id)
    return Target(group_id=row.id)
