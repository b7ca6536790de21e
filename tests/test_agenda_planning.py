"""Planned times and the fit around fixed start times (Qt-free)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time

from workshop.agenda import ProblemKind, plan_times
from workshop.agenda.wording import describe_fit, describe_total, duration, whole_minutes
from workshop.i18n import translator


@dataclass
class Item:
    title: str
    planned_minutes: float
    fixed_start: time | None = None
    kind: str = "overig"
    id: int | None = None


def hm(value) -> str:
    return value.strftime("%H:%M")


def test_start_times_follow_from_session_start_and_durations():
    items = [Item("Introductie", 10), Item("Presentatie", 15), Item("Gesprek", 20)]
    plan = plan_times(items, time(15, 0), time(17, 0))
    assert [hm(p.start) for p in plan.items] == ["15:00", "15:10", "15:25"]
    assert [hm(p.end) for p in plan.items] == ["15:10", "15:25", "15:45"]
    assert plan.total_minutes == 45
    assert plan.available_minutes == 120
    assert plan.spare_minutes == 75
    assert plan.over_minutes == 0
    assert plan.fits
    assert plan.clock_known


def test_fixed_break_with_too_much_before_it_is_reported_by_how_much():
    items = [
        Item("Introductie", 30),
        Item("Subgroepen", 42),
        Item("Pauze", 15, time(16, 0), kind="pauze", id=7),
        Item("Terugkoppeling", 30),
    ]
    plan = plan_times(items, time(15, 0), time(17, 0))
    brk = plan.items[2]
    assert hm(brk.start) == "16:00" and brk.fixed
    assert brk.overlap_before == 12 and brk.gap_before == 0
    # the items after the fixed break follow from it, not from the overrun
    assert hm(plan.items[3].start) == "16:15"
    (problem,) = plan.problems
    assert problem.kind is ProblemKind.BEFORE_FIXED
    assert problem.minutes == 12 and problem.item_id == 7 and problem.index == 2
    nl = translator("nl")
    en = translator("en")
    assert describe_fit(plan, en) == "Does not fit: 12 min too much before the break at 16:00"
    assert describe_fit(plan, nl) == "Past niet: 12 min te veel vóór de pauze van 16:00"


def test_gap_before_fixed_start_is_waiting_time_not_a_problem():
    items = [Item("Welkom", 20), Item("Lunch", 30, time(12, 0), kind="pauze")]
    plan = plan_times(items, time(11, 0), time(13, 0))
    assert plan.items[1].gap_before == 40
    assert plan.gap_minutes == 40
    assert plan.fits
    assert "40 min waiting before fixed times" in describe_total(plan, translator("en"))


def test_plan_past_the_session_end():
    items = [Item("A", 60), Item("B", 70)]
    plan = plan_times(items, time(15, 0), time(17, 0))
    assert plan.over_minutes == 10
    assert plan.spare_minutes == -10
    (problem,) = plan.problems
    assert problem.kind is ProblemKind.PAST_END and problem.minutes == 10
    text = describe_total(plan, translator("en"))
    assert text == "Total 2:10 h of 2 h available · 10 min too much"
    assert (
        describe_total(plan, translator("nl"))
        == "Totaal 2:10 uur van 2 uur beschikbaar · 10 min te veel"
    )


def test_fixed_end_item_that_fits_exactly_like_the_demo():
    items = [Item("x", m) for m in (10, 15, 20, 30, 20, 15)] + [Item("Reflectie", 10, time(16, 50))]
    plan = plan_times(items, time(15, 0), time(17, 0))
    assert plan.fits
    assert plan.items[-1].gap_before == 0 and plan.items[-1].overlap_before == 0
    assert hm(plan.end) == "17:00"


def test_fixed_times_outside_the_session_are_problems():
    items = [Item("Te vroeg", 10, time(14, 0)), Item("Te laat", 10, time(18, 0))]
    plan = plan_times(items, time(15, 0), time(17, 0))
    kinds = [p.kind for p in plan.problems]
    assert ProblemKind.FIXED_BEFORE_START in kinds
    assert ProblemKind.FIXED_AFTER_END in kinds
    assert ProblemKind.PAST_END in kinds


def test_evening_session_past_midnight():
    items = [Item("Nachtprogramma", 90), Item("Afsluiting", 15, time(0, 30))]
    plan = plan_times(items, time(23, 0), time(1, 0))
    assert plan.available_minutes == 120
    assert plan.items[1].gap_before == 0
    assert hm(plan.end) == "00:45"
    assert plan.fits


def test_datetime_start_for_where_do_we_stand():
    now = datetime(2021, 4, 9, 16, 5, 30, tzinfo=UTC)
    items = [Item("Rest", 50), Item("Einde", 10, time(16, 50))]
    plan = plan_times(items, now, time(17, 0))
    assert plan.items[1].overlap_before == 5.5
    assert whole_minutes(plan.problems[0].minutes) == 6
    assert plan.end.tzinfo is UTC
    assert hm(plan.end) == "17:00"


def test_no_start_time_counts_from_zero_and_ignores_fixed_starts():
    plan = plan_times([Item("A", 10), Item("B", 5, time(16, 0))], None, time(17, 0))
    assert not plan.clock_known
    assert plan.available_minutes is None
    assert plan.total_minutes == 15 and plan.fits
    assert "no start time" in describe_total(plan, translator("en"))


def test_empty_agenda_and_bad_minutes():
    plan = plan_times([], time(9, 0), time(10, 0))
    assert plan.items == () and plan.end == plan.start and plan.spare_minutes == 60
    plan = plan_times([Item("neg", -5)], time(9, 0), None)
    assert plan.total_minutes == 0


def test_duration_words():
    assert duration(45) == "45 min"
    assert duration(90, translator("nl")) == "1:30 uur"
    assert duration(120, translator("nl")) == "2 uur"
    assert duration(90, translator("en")) == "1:30 h"
    assert whole_minutes(0.2) == 1 and whole_minutes(0) == 0
