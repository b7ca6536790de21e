"""Which round reports back on which agenda item, worked out from a snapshot (pure).

The same rules as `workshop.capture.queue.queue_round` (which the capture commands use on
ORM rows): an item's own newest round with groups; else the round of the breakout it
harvests (the stored link, else — for a terugkoppeling — the nearest earlier item in the
agenda order with groups), its newest round with groups.
"""

from __future__ import annotations

from workshop.model import ItemKind
from workshop.readmodel.records import AgendaEntry, RoundInfo
from workshop.readmodel.snapshot import SessionSnapshot


def _newest(rounds: tuple[RoundInfo, ...], with_groups: bool) -> RoundInfo | None:
    ordered = sorted(rounds, key=lambda r: (r.number, r.id), reverse=True)
    return next((r for r in ordered if r.groups or not with_groups), None)


def harvested_item(snapshot: SessionSnapshot, item: AgendaEntry) -> AgendaEntry | None:
    """The breakout item whose groups report back on `item` (None: none)."""
    if item.harvest_item_id is not None:
        linked = snapshot.item(item.harvest_item_id)
        if linked is not None:
            return linked
    if item.kind != ItemKind.TERUGKOPPELING.value:
        return None
    found = breakout_candidates(snapshot, item)
    return found[0] if found else None


def queue_round(snapshot: SessionSnapshot, item: AgendaEntry) -> RoundInfo | None:
    """The round whose groups form the reporting queue of `item` (None: nothing yet)."""
    mine = _newest(snapshot.rounds_of(item.id), with_groups=False)
    if mine is not None and mine.groups:
        return mine
    source = harvested_item(snapshot, item)
    if source is not None:
        found = _newest(snapshot.rounds_of(source.id), with_groups=True)
        if found is not None:
            return found
    return mine


def reporting_rounds(snapshot: SessionSnapshot) -> dict[int, int]:
    """Per agenda item: the round (with groups) of its reporting queue."""
    out = {}
    for item in snapshot.agenda:
        rnd = queue_round(snapshot, item)
        if rnd is not None and rnd.groups:
            out[item.id] = rnd.id
    return out


def breakout_candidates(snapshot: SessionSnapshot, item: AgendaEntry) -> list[AgendaEntry]:
    """Items before `item` in the agenda on which groups were formed, nearest first."""
    index = next(n for n, i in enumerate(snapshot.agenda) if i.id == item.id)
    with_groups = {r.agenda_item_id for r in snapshot.rounds if r.groups}
    return [i for i in reversed(snapshot.agenda[:index]) if i.id in with_groups]
