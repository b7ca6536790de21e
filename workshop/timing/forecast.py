"""Where do we stand: the session's expected end at the current pace, and what will not fit.

Two views of the rest of the programme, both from "now":

* at the current pace (`project`): every remaining item takes its planned minutes (the
  running one what is left of it); an item with a fixed start starts at its fixed time or,
  when the programme before it runs late, as soon as that is done. This gives the expected
  end ("verwachte eindtijd 17:08, 8 min uitloop").
* fixed times held (`segments`): the programme is cut at every fixed start and at the
  planned end of the session. A segment whose items need more time than there is between
  its start and its bound holds items that will not get their planned time.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta

from workshop.agenda.planning import AgendaPlan, plan_times
from workshop.timing.plan import ItemPlan, SessionPlan


def at_time(ref: datetime, t: time) -> datetime:
    """`t` on the day of `ref`, in `ref`'s time zone."""
    return datetime.combine(ref.date(), t, tzinfo=ref.tzinfo)


def is_rehearsal_day(plan: SessionPlan, now: datetime) -> bool:
    """A run on a day other than the session's date is a rehearsal."""
    return plan.date is not None and now.date() != plan.date


def rehearsal_plan(plan: SessionPlan, anchor: datetime) -> SessionPlan:
    """The plan moved in time so that it starts at `anchor` (a rehearsal's start): its
    start, end and fixed times keep their distances, so "late" means late in the rehearsal."""
    if plan.start_time is None:
        return plan  # the plan already counts from the first start
    delta = anchor.replace(second=0, microsecond=0) - at_time(anchor, plan.start_time)

    def move(value: time | None) -> time | None:
        return None if value is None else (at_time(anchor, value) + delta).time()

    return replace(
        plan,
        start_time=move(plan.start_time),
        end_time=move(plan.end_time),
        items=tuple(replace(i, fixed_start=move(i.fixed_start)) for i in plan.items),
    )


@dataclass(frozen=True)
class Position:
    """Where the run is: `index` of the current item (None before the start), and what is left."""

    index: int | None
    remaining_seconds: float  # of the current item (ignored before the start)
    finished: bool = False


@dataclass(frozen=True)
class Slot:
    item_id: int
    start: datetime
    end: datetime


@dataclass(frozen=True)
class Segment:
    """Items between two fixed times; `need` seconds of programme against `available`."""

    item_ids: tuple[int, ...]
    start: datetime
    bound: datetime
    bound_item_id: int | None  # the fixed-start item that bounds it; None: the session end
    need_seconds: float

    @property
    def available_seconds(self) -> float:
        return (self.bound - self.start).total_seconds()

    @property
    def short_seconds(self) -> float:
        return max(0.0, self.need_seconds - self.available_seconds)


@dataclass(frozen=True)
class Standing:
    now: datetime
    expected_end: datetime
    planned_end: datetime
    slots: tuple[Slot, ...]  # current and coming items, at the current pace
    squeezed: tuple[Segment, ...]  # segments that do not fit when fixed times are held
    finished: bool

    @property
    def delay_seconds(self) -> float:
        return (self.expected_end - self.planned_end).total_seconds()

    @property
    def delay_minutes(self) -> int:
        """Whole minutes late (negative: ahead); half a minute counts as a minute."""
        return round_minutes(self.delay_seconds)


def round_minutes(seconds: float) -> int:
    return int(math.floor(abs(seconds) / 60 + 0.5)) * (1 if seconds >= 0 else -1)


def minutes_of(item: ItemPlan, overrides: dict[int, int] | None) -> int:
    if overrides and item.id in overrides:
        return overrides[item.id]
    return item.planned_minutes


def planned_start(plan: SessionPlan, now: datetime) -> datetime:
    """The planned start today: the session's start time, else when the first item started."""
    if plan.start_time is not None:
        return at_time(now, plan.start_time)
    started = [i.actual_start for i in plan.items if i.actual_start is not None]
    return min(started) if started else now


def planned_times(plan: SessionPlan, now: datetime) -> AgendaPlan:
    """The plan as made, placed on today: the agenda's own planner (`plan_times`) on the
    timing core's items, so the live page shows the same planned starts as the agenda page."""
    return plan_times(plan.items, planned_start(plan, now), plan.end_time)


def planned_end(plan: SessionPlan, now: datetime) -> datetime:
    """The session's end time when set, else the end of the plan."""
    planned = planned_times(plan, now)
    return planned.session_end if planned.session_end is not None else planned.end


def _first(plan: SessionPlan, pos: Position, now: datetime) -> tuple[int, datetime, float | None]:
    """(index to start from, when, seconds left of that first item or None for its plan)."""
    if pos.index is None:
        return 0, max(now, planned_start(plan, now)), None
    return pos.index, now, max(0.0, pos.remaining_seconds)


def project(
    plan: SessionPlan, pos: Position, now: datetime, overrides: dict[int, int] | None = None
) -> tuple[Slot, ...]:
    """Current and coming items at the current pace (fixed starts wait, never start early)."""
    if pos.finished:
        return ()
    first, t, left = _first(plan, pos, now)
    slots: list[Slot] = []
    for i in range(first, len(plan.items)):
        item = plan.items[i]
        minutes = minutes_of(item, overrides)
        if i == first and left is not None:
            start = item.actual_start or now
            t = now + timedelta(seconds=left)
            slots.append(Slot(item.id, start, t))
            continue
        if minutes <= 0:
            slots.append(Slot(item.id, t, t))
            continue
        if item.fixed_start is not None:
            t = max(t, at_time(now, item.fixed_start))
        end = t + timedelta(minutes=minutes)
        slots.append(Slot(item.id, t, end))
        t = end
    return tuple(slots)


def segments(
    plan: SessionPlan, pos: Position, now: datetime, overrides: dict[int, int] | None = None
) -> tuple[Segment, ...]:
    """The rest of the programme cut at fixed starts (held) and at the planned session end."""
    if pos.finished:
        return ()
    first, start, left = _first(plan, pos, now)
    end_bound = planned_end(plan, now)
    out: list[Segment] = []
    ids: list[int] = []
    need = 0.0
    for i in range(first, len(plan.items)):
        item = plan.items[i]
        minutes = minutes_of(item, overrides)
        if i > first and item.fixed_start is not None and minutes > 0:
            bound = at_time(now, item.fixed_start)
            out.append(Segment(tuple(ids), start, bound, item.id, need))
            ids, need, start = [], 0.0, bound
        if i == first and left is not None:
            ids.append(item.id)
            need += left
        elif minutes > 0:
            ids.append(item.id)
            need += minutes * 60.0
    out.append(Segment(tuple(ids), start, max(end_bound, start), None, need))
    return tuple(out)


def stand(plan: SessionPlan, pos: Position, now: datetime) -> Standing:
    """Where do we stand right now."""
    slots = project(plan, pos, now)
    if pos.finished:
        ends = [i.actual_end for i in plan.items if i.actual_end is not None]
        expected = max(ends) if ends else now
    else:
        expected = slots[-1].end if slots else now
    squeezed = tuple(s for s in segments(plan, pos, now) if s.short_seconds >= 30)
    return Standing(now, expected, planned_end(plan, now), slots, squeezed, pos.finished)
