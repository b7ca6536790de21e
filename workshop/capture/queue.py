"""Which groups report back, in which order, for an agenda item.

One mechanism serves a plenaire terugkoppeling and a pitch round: the queue is the groups of
a `BreakoutRound`.

* A round attached to the item itself (typed in on the capture page: pitches of initiatives
  or cities, or groups typed in by hand) comes first when it has entries.
* Otherwise a terugkoppeling uses the groups of the nearest subgroepen item before it (the
  groups made on the Groepen page).

Order is `report_position` (set when the queue is reordered), then the group's position.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from workshop.model import AgendaItem, BreakoutGroup, BreakoutRound, ItemKind

#: Agenda kinds whose notes belong to groups or pitches in a queue.
QUEUE_KINDS = frozenset({ItemKind.TERUGKOPPELING.value, ItemKind.PITCH.value})

#: Marker in BreakoutRound.settings for rounds made by the capture page.
SOURCE_KEY = "source"
SOURCE_CAPTURE = "capture"


def own_round(db: OrmSession, item_id: int) -> BreakoutRound | None:
    """The round typed in for this item on the capture page (if any)."""
    return db.scalars(
        select(BreakoutRound)
        .where(BreakoutRound.agenda_item_id == item_id)
        .order_by(BreakoutRound.number.desc(), BreakoutRound.id.desc())
    ).first()


def breakout_round_before(db: OrmSession, item: AgendaItem) -> BreakoutRound | None:
    """The newest round with groups of the nearest subgroepen item before `item`."""
    earlier = db.scalars(
        select(AgendaItem)
        .where(
            AgendaItem.session_id == item.session_id,
            AgendaItem.position < item.position,
            AgendaItem.kind == ItemKind.SUBGROEPEN.value,
        )
        .order_by(AgendaItem.position.desc())
    ).all()
    for candidate in earlier:
        rounds = db.scalars(
            select(BreakoutRound)
            .where(BreakoutRound.agenda_item_id == candidate.id)
            .order_by(BreakoutRound.number.desc(), BreakoutRound.id.desc())
        ).all()
        for rnd in rounds:
            if rnd.groups:
                return rnd
    return None


def queue_round(db: OrmSession, item: AgendaItem) -> BreakoutRound | None:
    """The round whose groups form the reporting queue of `item` (None: nothing yet)."""
    mine = own_round(db, item.id)
    if mine is not None and mine.groups:
        return mine
    if item.kind == ItemKind.TERUGKOPPELING.value:
        found = breakout_round_before(db, item)
        if found is not None:
            return found
    return mine


def is_capture_round(rnd: BreakoutRound) -> bool:
    return (rnd.settings or {}).get(SOURCE_KEY) == SOURCE_CAPTURE


def ordered_groups(rnd: BreakoutRound) -> list[BreakoutGroup]:
    return sorted(
        rnd.groups,
        key=lambda g: (
            g.report_position if g.report_position is not None else 10_000 + g.position,
            g.id,
        ),
    )


def effective_minutes(group: BreakoutGroup, item: AgendaItem) -> float | None:
    """The group's own speaking time, else the item's default per group."""
    return group.speaking_minutes if group.speaking_minutes is not None else item.speaking_minutes
