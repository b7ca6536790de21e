"""plan_times at the edges: gaps before two fixed starts, fixed starts at the session's start
and end, evening sessions past midnight, and every field of the plan and its problems."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from workshop.agenda.planning import (
    PLAN_DAY,
    ProblemKind,
    place,
    plan_times,
    planned_clock_times,
)


@dataclass
class Item:
    title: str
    planned_minutes: float
    fixed_start: time | None = None
    id: int | None = None
    kind: str = ""


def at(hour: int, minute: int = 0) -> datetime:
    return datetime.combine(PLAN_DAY, time(hour, minute))


def test_the_total_wait_adds_up_the_gaps_before_two_fixed_starts():
    items = [
        Item("Welkom", 10),
        Item("Pauze", 15, time(9, 30), id=2),
        Item("Ronde", 20),
        Item("Lunch", 30, time(10, 30), id=4),
    ]
    plan = plan_times(items, time(9, 0), time(12, 0))
    assert plan.gap_minutes == 20 + 25
    assert [p.gap_before for p in plan.items] == [0, 20, 0, 25]
    assert [p.start for p in plan.items] == [at(9), at(9, 30), at(9, 45), at(10, 30)]
    assert plan.end == at(11)
    assert plan.total_minutes == 75
    assert plan.available_minutes == 180
    assert plan.spare_minutes == 105
    assert plan.over_minutes == 0
    assert plan.fits


def test_a_fixed_start_exactly_at_the_session_start_is_fine_and_waits_nothing():
    plan = plan_times([Item("Start", 30, time(9, 0), id=1, kind="talk")], time(9, 0), time(10, 0))
    assert plan.fits
    only = plan.items[0]
    assert (only.start, only.end, only.fixed, only.gap_before) == (at(9), at(9, 30), True, 0)
    assert (only.index, only.item_id, only.title, only.kind) == (0, 1, "Start", "talk")
    assert only.start_time == time(9, 0) and only.end_time == time(9, 30)


def test_a_fixed_start_exactly_at_the_session_end_is_after_the_end():
    plan = plan_times(
        [Item("Borrel", 30, time(17, 0), id=7, kind="break")], time(16, 0), time(17, 0)
    )
    kinds = [p.kind for p in plan.problems]
    assert kinds == [ProblemKind.FIXED_AFTER_END, ProblemKind.PAST_END]
    after = plan.problems[0]
    assert (after.minutes, after.at, after.index, after.item_id, after.title, after.item_kind) == (
        0.0,
        at(17),
        0,
        7,
        "Borrel",
        "break",
    )
    past = plan.problems[1]
    assert (past.minutes, past.at, past.index, past.item_id) == (30.0, at(17), None, None)
    assert plan.over_minutes == 30
    assert plan.spare_minutes == 30
    assert not plan.fits


def test_one_minute_before_the_end_is_inside_and_one_minute_before_the_start_outside():
    inside = plan_times([Item("Slot", 1, time(16, 59))], time(16, 0), time(17, 0))
    assert inside.fits
    early = plan_times([Item("Vroeg", 10, time(8, 59), id=3)], time(9, 0), time(10, 0))
    assert [p.kind for p in early.problems] == [ProblemKind.FIXED_BEFORE_START]
    assert early.problems[0].minutes == 1
    assert early.problems[0].item_id == 3
    assert early.items[0].start == at(8, 59)


def test_items_running_into_a_fixed_start_are_an_overlap_problem():
    items = [Item("Lang", 45), Item("Plenair", 15, time(9, 30), id=9, kind="plenary")]
    plan = plan_times(items, time(9, 0))
    assert plan.items[1].overlap_before == 15
    assert plan.items[1].gap_before == 0
    assert plan.gap_minutes == 0
    problem = plan.problems[0]
    assert (problem.kind, problem.minutes, problem.at, problem.index) == (
        ProblemKind.BEFORE_FIXED,
        15.0,
        at(9, 30),
        1,
    )
    assert (problem.item_id, problem.title, problem.item_kind) == (9, "Plenair", "plenary")
    assert plan.session_end is None and plan.available_minutes is None
    assert plan.spare_minutes is None and plan.over_minutes == 0


def test_an_evening_session_past_midnight_places_times_on_the_next_day():
    start = at(22)
    assert place(time(23, 0), start) == at(23)
    assert place(time(1, 0), start) == at(1) + timedelta(days=1)
    assert place(time(10, 0), start) == at(10)  # exactly twelve hours before: same day
    plan = plan_times([Item("Nacht", 180)], time(22, 0), time(0, 30))
    assert plan.session_end == at(0, 30) + timedelta(days=1)
    assert plan.over_minutes == 30


def test_without_a_start_time_fixed_starts_are_ignored_and_times_count_from_midnight():
    plan = plan_times([Item("A", 10, time(9, 0)), Item("B", -5), Item("C", None)], None, time(1, 0))
    assert not plan.clock_known
    assert plan.session_end is None
    assert [p.start for p in plan.items] == [at(0), at(0, 10), at(0, 10)]
    assert [p.minutes for p in plan.items] == [10, 0, 0]
    assert not plan.items[0].fixed
    assert planned_clock_times([Item("A", 10, time(9, 0)), Item("B", 5)], None) == [time(9), None]
    assert planned_clock_times([Item("A", 10), Item("B", 5)], time(9, 0)) == [time(9), time(9, 10)]


def test_a_datetime_start_and_end_are_used_as_they_are():
    start = datetime(2026, 6, 3, 13, 0)
    plan = plan_times([Item("A", 30, id=5)], start, datetime(2026, 6, 3, 13, 20))
    assert plan.start == start and plan.end == start + timedelta(minutes=30)
    assert plan.over_minutes == 10
    assert plan.by_id(5) is plan.items[0]
    assert plan.by_id(6) is None
    empty = plan_times([], time(9, 0), time(10, 0))
    assert empty.end == at(9) and empty.fits and empty.total_minutes == 0


def test_items_without_title_kind_or_minutes_plan_as_empty_text_and_zero_minutes():
    from types import SimpleNamespace

    bare = [SimpleNamespace(fixed_start=time(8, 0)), SimpleNamespace(fixed_start=time(18, 0))]
    plan = plan_times(bare, time(9, 0), time(17, 0))
    assert [(p.title, p.kind, p.minutes, p.item_id) for p in plan.items] == [
        ("", "", 0.0, None)
    ] * 2
    assert [(p.kind, p.title, p.item_kind, p.at) for p in plan.problems] == [
        (ProblemKind.FIXED_BEFORE_START, "", "", at(8)),
        (ProblemKind.FIXED_AFTER_END, "", "", at(18)),
        (ProblemKind.PAST_END, "", "", at(17)),
    ]


def test_a_fixed_start_at_the_session_start_after_an_item_overlaps_it():
    plan = plan_times([Item("Eerst", 30), Item("Weer", 10, time(9, 0))], time(9, 0))
    assert [(p.kind, p.minutes, p.title, p.item_kind) for p in plan.problems] == [
        (ProblemKind.BEFORE_FIXED, 30.0, "Weer", "")
    ]


def test_an_end_time_equal_to_the_start_time_means_the_next_day():
    plan = plan_times([Item("Dag", 60)], time(9, 0), time(9, 0))
    assert plan.session_end == at(9) + timedelta(days=1)
    assert plan.available_minutes == 24 * 60
    assert place(time(20, 59), at(9)) == at(20, 59)
    assert place(time(21, 0), at(9)) == at(21)
    assert place(time(8, 59), at(21)) == at(8, 59) + timedelta(days=1)
