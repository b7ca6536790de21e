"""Back on schedule: ways to recover when running late, as plain data to show and choose from.

Three kinds, all holding fixed start times and the planned end of the session:

* ``shrink`` — shorten the remaining flexible items of each late stretch in proportion
  to their planned minutes (never below one minute each);
* ``shorten`` — take the time from one chosen item (at least one minute stays);
* ``drop`` — leave one chosen item out (planned at 0 minutes).

The item that is running is never changed: its remaining time is what it is. Each
proposal lists, per coming item, the old and new planned minutes and start times side by
side; nothing changes until `workshop.timing.commands.ApplyProposal` runs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, time

from workshop.timing.forecast import (
    Position,
    Segment,
    Slot,
    planned_end,
    project,
    round_minutes,
    segments,
    stand,
)
from workshop.timing.plan import SessionPlan

SHRINK = "shrink"
SHORTEN = "shorten"
DROP = "drop"


@dataclass(frozen=True)
class ProposalRow:
    item_id: int
    title: str
    fixed_start: time | None
    old_minutes: int
    new_minutes: int
    old_start: datetime
    new_start: datetime

    @property
    def changed(self) -> bool:
        return self.old_minutes != self.new_minutes


@dataclass(frozen=True)
class Proposal:
    kind: str  # SHRINK, SHORTEN or DROP
    item_id: int | None  # the chosen item for SHORTEN and DROP
    rows: tuple[ProposalRow, ...]
    old_end: datetime
    new_end: datetime
    new_delay_minutes: int  # against the planned end; <= 0 means back on schedule

    @property
    def changes(self) -> tuple[tuple[int, int, int], ...]:
        """(item id, old minutes, new minutes) for every item the proposal changes."""
        return tuple((r.item_id, r.old_minutes, r.new_minutes) for r in self.rows if r.changed)


def _late_minutes(segment: Segment) -> int:
    return math.ceil(segment.short_seconds / 60 - 1e-9)


@dataclass(frozen=True)
class _Moment:
    """What every proposal of one moment shares, worked out once for all of them (with 60
    items, ~120 proposals each worked it out again: ~0.1 s on the UI thread)."""

    plan: SessionPlan
    pos: Position
    now: datetime
    old: dict[int, Slot]  # current and coming items at the current pace
    old_end: datetime  # the expected end at the current pace
    planned_end: datetime
    late: tuple[Segment, ...]  # the stretches that do not fit when fixed times are held
    changeable: frozenset[int]  # items a proposal may change


def _moment(plan: SessionPlan, pos: Position, now: datetime) -> _Moment:
    first = 0 if pos.index is None else pos.index + 1
    return _Moment(
        plan,
        pos,
        now,
        {s.item_id: s for s in project(plan, pos, now)},
        stand(plan, pos, now).expected_end,
        planned_end(plan, now),
        tuple(s for s in segments(plan, pos, now) if _late_minutes(s) > 0),
        # coming ones, not the running one, not yet dropped
        frozenset(i.id for i in plan.items[first:] if not i.dropped),
    )


def _proportional_cut(minutes: dict[int, int], cut: int) -> dict[int, int]:
    """Take `cut` minutes from `minutes` in proportion, keeping at least 1 each."""
    room = {k: m - 1 for k, m in minutes.items() if m > 1}
    cut = min(cut, sum(room.values()))
    if cut <= 0:
        return dict(minutes)
    total = sum(minutes[k] for k in room)
    ideal = {k: cut * minutes[k] / total for k in room}
    take = {k: min(room[k], math.floor(v)) for k, v in ideal.items()}
    left = cut - sum(take.values())
    # Hand the remaining whole minutes to the largest fractional parts (stable by order).
    order = sorted(room, key=lambda k: ideal[k] - math.floor(ideal[k]), reverse=True)
    while left > 0:
        progressed = False
        for k in order:
            if left and take[k] < room[k]:
                take[k] += 1
                left -= 1
                progressed = True
        if not progressed:
            break
    return {k: minutes[k] - take.get(k, 0) for k in minutes}


def _build(kind: str, item_id: int | None, at: _Moment, overrides: dict[int, int]) -> Proposal:
    plan, old = at.plan, at.old
    new = {s.item_id: s for s in project(plan, at.pos, at.now, overrides)}
    rows = []
    for item in plan.items:
        if item.id not in old:
            continue
        rows.append(
            ProposalRow(
                item_id=item.id,
                title=item.title,
                fixed_start=item.fixed_start,
                old_minutes=item.planned_minutes,
                new_minutes=overrides.get(item.id, item.planned_minutes),
                old_start=old[item.id].start,
                new_start=new[item.id].start,
            )
        )
    new_end = max((s.end for s in new.values()), default=at.now)
    delay = round_minutes((new_end - at.planned_end).total_seconds())
    return Proposal(kind, item_id, tuple(rows), at.old_end, new_end, delay)


def shrink_flexible(plan: SessionPlan, pos: Position, now: datetime) -> Proposal | None:
    """Shrink the remaining flexible items of every late stretch in proportion."""
    return _shrink_flexible(_moment(plan, pos, now))


def _shrink_flexible(at: _Moment) -> Proposal | None:
    flexible = {i.id for i in at.plan.items if i.flexible and i.id in at.changeable}
    overrides: dict[int, int] = {}
    by_id = {i.id: i for i in at.plan.items}
    for segment in at.late:
        pool = {k: by_id[k].planned_minutes for k in segment.item_ids if k in flexible}
        if not pool:
            continue
        cut = _proportional_cut(pool, _late_minutes(segment))
        overrides.update({k: v for k, v in cut.items() if v != pool[k]})
    if not overrides:
        return None
    return _build(SHRINK, None, at, overrides)


def shorten_item(plan: SessionPlan, pos: Position, now: datetime, item_id: int) -> Proposal | None:
    """Take the lateness of its stretch from one chosen coming item (at least 1 minute stays)."""
    return _shorten_item(_moment(plan, pos, now), item_id)


def _shorten_item(at: _Moment, item_id: int) -> Proposal | None:
    if item_id not in at.changeable:
        return None
    for segment in at.late:
        if item_id in segment.item_ids:
            item = next(i for i in at.plan.items if i.id == item_id)
            new = max(1, item.planned_minutes - _late_minutes(segment))
            if new == item.planned_minutes:
                return None
            return _build(SHORTEN, item_id, at, {item_id: new})
    return None


def drop_item(plan: SessionPlan, pos: Position, now: datetime, item_id: int) -> Proposal | None:
    """Leave one chosen coming item out."""
    return _drop_item(_moment(plan, pos, now), item_id)


def _drop_item(at: _Moment, item_id: int) -> Proposal | None:
    if item_id not in at.changeable:
        return None
    return _build(DROP, item_id, at, {item_id: 0})


def candidates(plan: SessionPlan, pos: Position, now: datetime) -> tuple[int, ...]:
    """Coming items in a late stretch worth shortening or dropping (not those at a fixed time).

    Unlike the proportional shrink, a chosen item need not be flexible: the facilitator
    decides; an item with a fixed start (the break the caterer serves) is never offered.
    """
    return _candidates(_moment(plan, pos, now))


def _candidates(at: _Moment) -> tuple[int, ...]:
    late = {k for s in at.late for k in s.item_ids}
    return tuple(
        i.id
        for i in at.plan.items
        if i.id in at.changeable and i.id in late and i.fixed_start is None
    )


def all_proposals(plan: SessionPlan, pos: Position, now: datetime) -> list[Proposal]:
    """Every proposal worth showing: the proportional one, then per late item shorten and drop."""
    at = _moment(plan, pos, now)
    out: list[Proposal] = []
    shrink = _shrink_flexible(at)
    if shrink is not None:
        out.append(shrink)
    for item_id in _candidates(at):
        for make in (_shorten_item, _drop_item):
            proposal = make(at, item_id)
            if proposal is not None:
                out.append(proposal)
    return out
