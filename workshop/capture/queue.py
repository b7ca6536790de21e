"""Which groups report back, in which order, for an agenda item.

One mechanism serves a plenaire terugkoppeling and a pitch round: the queue is the groups of
a `BreakoutRound`.

* A round attached to the item itself (typed in on the capture page: pitches of initiatives
  or cities, or groups typed in by hand) comes first when it has entries.
* Otherwise the item harvests a breakout (`harvest_round`): the item its `harvest_item_id`
  names, else (for a terugkoppeling) the nearest earlier item with groups, of any kind.

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


def _newest_round_with_groups(db: OrmSession, item_id: int) -> BreakoutRound | None:
    rounds = db.scalars(
        select(BreakoutRound)
        .where(BreakoutRound.agenda_item_id == item_id)
        .order_by(BreakoutRound.number.desc(), BreakoutRound.id.desc())
    ).all()
    return next((r for r in rounds if r.groups and not is_capture_round(r)), None)


def breakout_candidates(db: OrmSession, item: AgendaItem) -> list[AgendaItem]:
    """Items before `item` on which groups were formed (any kind), nearest first."""
    earlier = db.scalars(
        select(AgendaItem)
        .where(AgendaItem.session_id == item.session_id, AgendaItem.position < item.position)
        .order_by(AgendaItem.position.desc(), AgendaItem.id.desc())
    ).all()
    return [c for c in earlier if _newest_round_with_groups(db, c.id) is not None]


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


def reporting_rounds(db: OrmSession, session_id: int) -> dict[int, int]:
    """Per agenda item of a session: the round of its reporting queue (`queue_round`), for
    the projector and the verslag."""
    out = {}
    for item in db.scalars(select(AgendaItem).where(AgendaItem.session_id == session_id)):
        rnd = queue_round(db, item)
        if rnd is not None and rnd.groups:
            out[item.id] = rnd.id
    return out


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


def default_minutes(item: AgendaItem, count: int) -> float | None:
    """Speaking time per group or pitch when none is set: the item's own default, else the
    item's planned minutes shared over its `count` groups (rounded down to half minutes)."""
    if item.speaking_minutes is not None:
        return item.speaking_minutes
    if count <= 0 or not item.planned_minutes:
        return None
    share = int(item.planned_minutes / count * 2) / 2
    return share if share > 0 else 0.5


def effective_minutes(group: BreakoutGroup, item: AgendaItem, count: int = 0) -> float | None:
    """The group's own speaking time, else the item's default per group (see
    `default_minutes`; `count` is the number of groups in the queue)."""
    if group.speaking_minutes is not None:
        return group.speaking_minutes
    return default_minutes(item, count)
