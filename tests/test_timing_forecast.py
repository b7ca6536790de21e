"""Where do we stand, and the back-on-schedule proposals (fixed times respected)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from timing_helpers import three_hour_plan

from workshop.clock import FakeClock
from workshop.timing.engine import LiveEngine
from workshop.timing.forecast import at_time
from workshop.timing.proposals import DROP, SHORTEN, SHRINK

START = datetime(2021, 4, 9, 15, 0, tzinfo=UTC)


def _late_engine(minutes_late: int = 15, plan=None) -> tuple[LiveEngine, FakeClock]:
    """Item 1 (10 min) ran `10 + minutes_late` minutes; item 2 has just begun."""
    clock = FakeClock(START)
    engine = LiveEngine(clock, plan or three_hour_plan())
    engine.toggle()
    clock.advance((10 + minutes_late) * 60)
    engine.next()
    return engine, clock


def hm(value: datetime) -> str:
    return value.strftime("%H:%M")


def test_on_schedule_before_and_at_the_start():
    clock = FakeClock(START - timedelta(minutes=10))
    engine = LiveEngine(clock, three_hour_plan())
    standing = engine.standing()
    assert hm(standing.expected_end) == "18:00" and standing.delay_minutes == 0
    assert standing.squeezed == ()
    assert engine.proposals() == []


def test_not_started_yet_after_the_planned_start_pushes_the_end():
    clock = FakeClock(START + timedelta(minutes=12))
    engine = LiveEngine(clock, three_hour_plan())
    standing = engine.standing()
    # 8 minutes of slack before the break absorb 8 of the 12
    assert standing.squeezed[0].item_ids == (1, 2, 3, 4)
    assert round(standing.squeezed[0].short_seconds) == 4 * 60


def test_late_start_is_absorbed_by_slack_before_a_fixed_break():
    engine, _clock = _late_engine(8)
    standing = engine.standing()
    assert hm(standing.expected_end) == "18:00"
    assert standing.delay_minutes == 0
    assert standing.squeezed == ()


def test_expected_end_and_items_that_will_not_get_their_time():
    engine, _clock = _late_engine(15)
    standing = engine.standing()
    assert hm(standing.expected_end) == "18:07"
    assert standing.delay_minutes == 7
    starts = {s.item_id: hm(s.start) for s in standing.slots}
    assert starts[5] == "16:37" and starts[9] == "17:57"  # the break waits, never starts early
    assert len(standing.squeezed) == 1
    squeeze = standing.squeezed[0]
    assert squeeze.item_ids == (2, 3, 4) and squeeze.bound_item_id == 5
    assert squeeze.short_seconds == 7 * 60


def test_shrink_in_proportion_respects_fixed_times():
    engine, clock = _late_engine(15)
    shrink = next(p for p in engine.proposals() if p.kind == SHRINK)
    assert shrink.changes == ((3, 12, 10), (4, 40, 35))  # item 2 runs: not changed
    rows = {r.item_id: r for r in shrink.rows}
    assert hm(rows[5].old_start) == "16:37" and hm(rows[5].new_start) == "16:30"
    assert hm(rows[9].new_start) == "17:50"
    for row in shrink.rows:
        if row.fixed_start is not None:
            assert row.new_start == at_time(clock.now(), row.fixed_start)
        assert row.new_minutes >= 1
    assert hm(shrink.old_end) == "18:07" and hm(shrink.new_end) == "18:00"
    assert shrink.new_delay_minutes == 0


def test_shorten_and_drop_one_chosen_item():
    engine, clock = _late_engine(15)
    found = {(p.kind, p.item_id): p for p in engine.proposals()}
    assert set(found) == {(SHRINK, None)} | {(k, i) for i in (3, 4) for k in (SHORTEN, DROP)}
    shorten = found[(SHORTEN, 4)]
    assert shorten.changes == ((4, 40, 33),)
    assert hm({r.item_id: r for r in shorten.rows}[5].new_start) == "16:30"
    drop = found[(DROP, 3)]
    assert drop.changes == ((3, 12, 0),)
    rows = {r.item_id: r for r in drop.rows}
    assert hm(rows[4].new_start) == "15:45"
    assert hm(rows[5].new_start) == "16:30"  # 5 minutes early, the fixed break still waits
    assert drop.new_delay_minutes == 0
    # shortening a short item cannot take more than it has
    short = found[(SHORTEN, 3)]
    assert short.changes == ((3, 12, 5),)


def test_the_running_item_and_fixed_items_are_never_changed():
    engine, _clock = _late_engine(15)
    for proposal in engine.proposals():
        changed = {c[0] for c in proposal.changes}
        assert not changed & {5, 9}  # not flexible, and fixed
    assert all(2 not in {c[0] for c in p.changes} for p in engine.proposals())


def test_nothing_flexible_means_no_proportional_proposal():
    plan = three_hour_plan()
    plan = replace(plan, items=tuple(replace(i, flexible=False) for i in plan.items))
    engine, _clock = _late_engine(15, plan)
    kinds = {p.kind for p in engine.proposals()}
    assert SHRINK not in kinds and SHORTEN in kinds


def test_too_late_to_recover_fully_is_reported():
    engine, _clock = _late_engine(80)  # item 2 starts at 16:30
    shrink = next(p for p in engine.proposals() if p.kind == SHRINK)
    assert all(r.new_minutes >= 1 for r in shrink.rows)
    assert shrink.new_delay_minutes > 0
