"""Planned times of an agenda: start times from the session start and the durations,
fixed start times (a break the caterer serves at 16:00), and where the plan does not fit.

`plan_times(items, session_start, session_end)` is the one entry point. Items run one
after the other; an item with a fixed start begins at that time whatever comes before it:
if the items before it end earlier, the room waits (a *gap*); if they end later, they run
into it (an *overlap*, reported as a `FitProblem`). The session end is treated like a fixed
time too: whatever runs past it is reported.

Times are `datetime`s. Pass the session start as a `time` (planning a day) or a
`datetime` (e.g. "now", to see where a running session will end); fixed starts and the
session end are `time`s placed on the same day as the start (the next day when they are
more than twelve hours earlier, so evening sessions may run past midnight).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Any, Protocol

#: Day used to place `time` values when the caller gives no date.
PLAN_DAY = date(2000, 1, 3)


class PlannableItem(Protocol):
    """What planning needs of an agenda item (the ORM `AgendaItem` and `AgendaRow` fit)."""

    @property
    def title(self) -> str: ...

    @property
    def planned_minutes(self) -> float: ...

    @property
    def fixed_start(self) -> time | None: ...


class ProblemKind(StrEnum):
    BEFORE_FIXED = "before_fixed"  # items before a fixed start run into it
    PAST_END = "past_end"  # the plan runs past the session end
    FIXED_BEFORE_START = "fixed_before_start"  # a fixed start before the session begins
    FIXED_AFTER_END = "fixed_after_end"  # a fixed start at or after the session end


@dataclass(frozen=True)
class PlannedItem:
    """One item with its planned times."""

    index: int
    item_id: int | None
    title: str
    kind: str
    minutes: float
    start: datetime
    end: datetime
    fixed: bool
    gap_before: float  # minutes the room waits before this fixed start (>= 0)
    overlap_before: float  # minutes the items before run into this fixed start (>= 0)

    @property
    def start_time(self) -> time:
        return self.start.time()

    @property
    def end_time(self) -> time:
        return self.end.time()


@dataclass(frozen=True)
class FitProblem:
    """A place where the plan does not fit, and by how many minutes."""

    kind: ProblemKind
    minutes: float
    at: datetime  # the fixed time (or session end) concerned
    index: int | None = None  # the fixed item concerned (None for the session end)
    item_id: int | None = None
    title: str = ""
    item_kind: str = ""


@dataclass(frozen=True)
class AgendaPlan:
    """The planned times of a whole agenda against the time available."""

    items: tuple[PlannedItem, ...]
    start: datetime
    session_end: datetime | None
    end: datetime  # end of the last item (the start when there are none)
    total_minutes: float  # sum of the planned minutes
    gap_minutes: float  # waiting time before fixed starts, in total
    problems: tuple[FitProblem, ...]
    clock_known: bool  # False when the session has no start time (times count from 00:00)

    @property
    def available_minutes(self) -> float | None:
        """Session start to end, or None without an end time."""
        if self.session_end is None:
            return None
        return _minutes(self.session_end - self.start)

    @property
    def spare_minutes(self) -> float | None:
        """Time available minus the planned total (negative: too much planned)."""
        available = self.available_minutes
        return None if available is None else available - self.total_minutes

    @property
    def over_minutes(self) -> float:
        """How far the planned end runs past the session end (0 when it does not)."""
        if self.session_end is None:
            return 0.0
        return max(0.0, _minutes(self.end - self.session_end))

    @property
    def fits(self) -> bool:
        return not self.problems

    def by_id(self, item_id: int) -> PlannedItem | None:
        return next((p for p in self.items if p.item_id == item_id), None)


def _minutes(delta: timedelta) -> float:
    return delta.total_seconds() / 60.0


def _anchor(start: time | datetime | None) -> tuple[datetime, bool]:
    if start is None:
        return datetime.combine(PLAN_DAY, time(0, 0)), False
    if isinstance(start, datetime):
        return start, True
    return datetime.combine(PLAN_DAY, start), True


def place(value: time, start: datetime) -> datetime:
    """A time of day on the session's day (the next day for evening sessions past midnight)."""
    placed = datetime.combine(start.date(), value, tzinfo=start.tzinfo)
    if placed < start - timedelta(hours=12):
        placed += timedelta(days=1)
    return placed


def _get(item: Any, name: str, default: Any = None) -> Any:
    return getattr(item, name, default)


def plan_times(
    items: Sequence[PlannableItem],
    session_start: time | datetime | None,
    session_end: time | datetime | None = None,
) -> AgendaPlan:
    """Planned start and end of every item, and the places where the plan does not fit."""
    start, clock_known = _anchor(session_start)
    if isinstance(session_end, datetime):
        end_limit: datetime | None = session_end
    elif session_end is not None and clock_known:
        end_limit = place(session_end, start)
        if end_limit <= start and isinstance(session_start, time):
            end_limit += timedelta(days=1)
    else:
        end_limit = None

    planned: list[PlannedItem] = []
    problems: list[FitProblem] = []
    cursor = start
    total = 0.0
    gaps = 0.0
    for index, item in enumerate(items):
        minutes = max(0.0, float(_get(item, "planned_minutes", 0) or 0))
        total += minutes
        fixed_value: time | None = _get(item, "fixed_start") if clock_known else None
        item_start = cursor
        gap = overlap = 0.0
        kind = str(_get(item, "kind", "") or "")
        if fixed_value is not None:
            fixed_at = place(fixed_value, start)
            if fixed_at < start:
                problems.append(
                    FitProblem(
                        ProblemKind.FIXED_BEFORE_START,
                        _minutes(start - fixed_at),
                        fixed_at,
                        index,
                        _get(item, "id"),
                        _get(item, "title", ""),
                        kind,
                    )
                )
            elif end_limit is not None and fixed_at >= end_limit:
                problems.append(
                    FitProblem(
                        ProblemKind.FIXED_AFTER_END,
                        _minutes(fixed_at - end_limit),
                        fixed_at,
                        index,
                        _get(item, "id"),
                        _get(item, "title", ""),
                        kind,
                    )
                )
            if fixed_at >= cursor:
                gap = _minutes(fixed_at - cursor)
            else:
                overlap = _minutes(cursor - fixed_at)
                if fixed_at >= start:
                    problems.append(
                        FitProblem(
                            ProblemKind.BEFORE_FIXED,
                            overlap,
                            fixed_at,
                            index,
                            _get(item, "id"),
                            _get(item, "title", ""),
                            kind,
                        )
                    )
            gaps += gap
            item_start = fixed_at
        item_end = item_start + timedelta(minutes=minutes)
        planned.append(
            PlannedItem(
                index=index,
                item_id=_get(item, "id"),
                title=_get(item, "title", ""),
                kind=kind,
                minutes=minutes,
                start=item_start,
                end=item_end,
                fixed=fixed_value is not None,
                gap_before=gap,
                overlap_before=overlap,
            )
        )
        cursor = item_end

    if end_limit is not None and cursor > end_limit:
        problems.append(FitProblem(ProblemKind.PAST_END, _minutes(cursor - end_limit), end_limit))
    return AgendaPlan(
        items=tuple(planned),
        start=start,
        session_end=end_limit,
        end=cursor,
        total_minutes=total,
        gap_minutes=gaps,
        problems=tuple(problems),
        clock_known=clock_known,
    )


def planned_clock_times(
    items: Sequence[PlannableItem], session_start: time | None
) -> list[time | None]:
    """Each item's planned start as a time of day, from `plan_times` (for views that print
    "15:10"). Without a session start time only the fixed starts are known."""
    if session_start is None:
        return [_get(item, "fixed_start") for item in items]
    return [p.start_time for p in plan_times(items, session_start).items]
