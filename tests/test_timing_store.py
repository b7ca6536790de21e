"""The run stored in the library: crash/restart resumes, the timer log, applying a proposal."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta, timezone

import pytest
from sqlalchemy import select

from workshop.clock import FakeClock
from workshop.commands import CommandError, CommandRunner, History
from workshop.demo.builders import session_with_items
from workshop.model import AgendaItem, TimerEvent, WorkSession
from workshop.timing.commands import ApplyProposal
from workshop.timing.engine import LiveEngine, RunStatus
from workshop.timing.plan import from_store, load_run
from workshop.timing.proposals import SHRINK
from workshop.timing.settings import TimingSettings, load_timing_settings, save_timing_settings
from workshop.timing.store import save_update, timer_events

START = datetime(2021, 4, 9, 15, 0, tzinfo=UTC)


@pytest.fixture
def session_id(lib) -> int:
    rows = [
        ("Welkom", 10, None),
        ("1-2-4-All", 7, None),
        ("Gesprek", 20, None),
        ("Pauze", 10, time(15, 45)),
        ("Afsluiting", 5, None),
    ]
    items = [{"title": t, "planned_minutes": m, "fixed_start": f} for t, m, f in rows]
    items[1]["steps"] = [
        {"title": "Alleen", "minutes": 1},
        {"title": "Tweetallen", "minutes": 2},
        {"title": "Viertallen", "minutes": 4},
        {"title": "kapot", "minutes": "x"},
    ]
    sid, _items = session_with_items(
        lib, "Test", items, start_time=time(15, 0), end_time=time(16, 0)
    )
    return sid


def _engine(lib, session_id, clock) -> LiveEngine:
    stored = load_run(lib, session_id)
    return LiveEngine.restore(
        clock, stored.plan, stored.run_state, on_update=lambda u: save_update(lib, session_id, u)
    )


def test_crash_and_reopen_resume_at_the_same_item_with_the_right_time(lib, session_id):
    clock = FakeClock(START)
    engine = _engine(lib, session_id, clock)
    engine.toggle()
    clock.advance(600)
    engine.next()  # 1-2-4-All, step "Alleen"
    engine.next()  # step "Tweetallen"
    clock.advance(30)
    assert engine.reading().display == "01:30"
    del engine  # the process dies: only what was stored survives
    reopened = FakeClock(clock.now() + timedelta(seconds=45))
    reopened._mono = 12.0
    again = _engine(lib, session_id, reopened)
    assert again.status is RunStatus.RUNNING and again.running
    assert again.current.title == "1-2-4-All"
    assert again.steps().index == 1 and again.steps().count == 3  # the malformed step skipped
    assert again.reading().display == "00:45"
    assert again.item_reading().display == "05:45"
    with lib.read() as db:
        assert db.get(WorkSession, session_id).current_item_id == again.current.id


def test_paused_run_reopens_paused_with_the_same_time(lib, session_id):
    clock = FakeClock(START)
    engine = _engine(lib, session_id, clock)
    engine.toggle()
    clock.advance(65.5)
    engine.toggle()
    later = FakeClock(clock.now() + timedelta(hours=2))
    again = _engine(lib, session_id, later)
    assert not again.running and again.reading().display == "08:55"


def test_timer_log_and_actual_times_are_stored(lib, session_id):
    clock = FakeClock(START)
    engine = _engine(lib, session_id, clock)
    engine.toggle()
    clock.advance(60)
    engine.toggle()
    clock.advance(60)
    engine.toggle()
    engine.extend(60)
    clock.advance(600)
    engine.next()  # 1-2-4-All
    engine.next()
    engine.next()  # its last step
    engine.next()  # Gesprek
    kinds = [k for k, _item, _amount in timer_events(lib, session_id)]
    assert kinds == [
        "session_start",
        "start",
        "pause",
        "resume",
        "extend",
        "next",
        "start",
        "step",
        "step",
        "next",
        "start",
    ]
    with lib.read() as db:
        items = db.scalars(
            select(AgendaItem)
            .where(AgendaItem.session_id == session_id)
            .order_by(AgendaItem.position)
        ).all()
        assert from_store(items[0].actual_start) == START
        assert from_store(items[0].actual_end) == START + timedelta(seconds=720)
        assert items[2].actual_start is not None and items[2].actual_end is None
        extend = db.scalars(select(TimerEvent).where(TimerEvent.kind == "extend")).one()
        assert extend.amount_seconds == 60 and extend.agenda_item_id == items[0].id


def test_apply_proposal_undo_redo_and_engine_follows(lib, session_id):
    clock = FakeClock(START)
    engine = _engine(lib, session_id, clock)
    engine.toggle()
    clock.advance(20 * 60)  # Welkom ran 10 minutes over
    engine.next()
    shrink = next(p for p in engine.proposals() if p.kind == SHRINK)
    history = History(CommandRunner(lib))
    history.push(ApplyProposal(session_id, shrink, clock.now()))
    engine.set_plan(load_run(lib, session_id).plan)
    assert engine.standing().delay_minutes <= 0
    minutes = {i.id: i.planned_minutes for i in load_run(lib, session_id).plan.items}
    assert all(minutes[i] == new for i, _old, new in shrink.changes)
    history.undo()
    minutes = {i.id: i.planned_minutes for i in load_run(lib, session_id).plan.items}
    assert all(minutes[i] == old for i, old, _new in shrink.changes)
    assert "replan" not in [k for k, *_ in timer_events(lib, session_id)]
    history.redo()
    assert [k for k, *_ in timer_events(lib, session_id)].count("replan") == 1


def test_stale_proposal_is_refused(lib, session_id):
    clock = FakeClock(START)
    engine = _engine(lib, session_id, clock)
    engine.toggle()
    clock.advance(20 * 60)
    engine.next()
    shrink = next(p for p in engine.proposals() if p.kind == SHRINK)
    item_id = shrink.changes[0][0]
    with lib.unit_of_work() as db:
        db.get(AgendaItem, item_id).planned_minutes = 99
    with pytest.raises(CommandError):
        CommandRunner(lib).do(ApplyProposal(session_id, shrink, clock.now()))
    assert load_run(lib, session_id).plan.items[2].planned_minutes in (20, 99)


def test_settings_round_trip_and_bad_values(lib):
    assert load_timing_settings(lib) == TimingSettings()
    save_timing_settings(lib, TimingSettings(amber_seconds=300, chime_one_minute=True, muted=True))
    got = load_timing_settings(lib)
    assert got.amber_seconds == 300 and got.chime_one_minute and got.muted
    from workshop.model import Setting

    with lib.unit_of_work() as db:
        db.get(Setting, "timing.amber_seconds").value = "lots"
    assert load_timing_settings(lib).amber_seconds == 120


def test_unknown_session(lib):
    with pytest.raises(CommandError):
        load_run(lib, 12345)


def test_reopened_run_with_actual_times_forecasts_in_any_time_zone(lib, session_id):
    """Times come back from SQLite without offset; the forecast must still compare them."""
    amsterdam = timezone(timedelta(hours=2))
    clock = FakeClock(datetime(2021, 4, 9, 15, 0, tzinfo=amsterdam))
    engine = _engine(lib, session_id, clock)
    engine.toggle()
    clock.advance(1500)  # Welkom ran 15 minutes over; the pause at 15:45 absorbs 8
    engine.next()
    again = _engine(lib, session_id, clock)
    assert again.standing().delay_minutes == 7
    first = load_run(lib, session_id).plan.items[0].id
    assert again.actual_times(first)[0] == clock.now() - timedelta(seconds=1500)
