"""Rehearsing on another day: times count from the rehearsal's start, "Repetitie" shows on the
Live page, and its timer log stays out of the verslag unless asked (issue 11)."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.timing_helpers import three_hour_plan
from workshop.clock import FakeClock
from workshop.demo import ensure_demo
from workshop.reports import ReportOptions, load_report_data
from workshop.timing.engine import LiveEngine, RunStatus
from workshop.timing.plan import load_run
from workshop.timing.store import save_update

AMSTERDAM = timezone(timedelta(hours=2))
SESSION_DAY = date(2026, 5, 1)


def _plan():
    return replace(three_hour_plan(), date=SESSION_DAY)  # 15:00-18:00 on 1 May


def test_a_run_on_another_day_is_a_rehearsal_relative_to_its_start():
    clock = FakeClock(datetime(2026, 4, 28, 17, 12, tzinfo=AMSTERDAM))  # three days early
    updates = []
    engine = LiveEngine(clock, _plan(), on_update=updates.append)
    assert engine.rehearsal  # before the start: already known, times count from now
    assert engine.standing().delay_minutes == 0
    engine.toggle()
    clock.advance(5 * 60)
    standing = engine.standing()
    assert standing.delay_minutes == 0, "not '132 min uitloop'"
    assert standing.planned_end == datetime(2026, 4, 28, 20, 12, tzinfo=AMSTERDAM)
    # the fixed break (16:30, 90 min after the start) keeps its place relative to the start
    squeezed = {s.bound_item_id for s in standing.squeezed}
    assert 5 not in squeezed
    clock.advance(20 * 60)  # 25 minutes into a 10-minute item: 15 late, 8 min of slack
    assert engine.standing().delay_minutes == 7  # before the (moved) fixed break
    # the log says rehearsal; the items' actual times stay out of the store
    engine.next()
    assert all(e.payload.get("rehearsal") for u in updates for e in u.events)
    assert all(u.item_times == () for u in updates)
    # yesterday's rehearsal does not go on today: a fresh run
    state = engine.to_json()
    clock.advance(24 * 3600)
    assert LiveEngine.restore(clock, _plan(), state).status is RunStatus.IDLE


def test_on_the_session_date_the_run_is_real():
    clock = FakeClock(datetime(2026, 5, 1, 15, 20, tzinfo=AMSTERDAM))
    updates = []
    engine = LiveEngine(clock, _plan(), on_update=updates.append)
    assert not engine.rehearsal
    engine.toggle()  # 20 minutes after the planned start (8 min of slack before the break)
    assert engine.standing().delay_minutes == 12
    assert not any(e.payload.get("rehearsal") for u in updates for e in u.events)
    assert any(u.item_times for u in updates)
    # a rehearsal the same day, reopened the same day, goes on where it was
    early = FakeClock(datetime(2026, 4, 30, 10, 0, tzinfo=AMSTERDAM))
    rehearsal = LiveEngine(early, _plan())
    rehearsal.toggle()
    early.advance(60)
    again = LiveEngine.restore(early, _plan(), rehearsal.to_json())
    assert again.status is RunStatus.RUNNING and again.rehearsal
    # a session without a date is never a rehearsal
    undated = LiveEngine(clock, three_hour_plan())
    assert not undated.rehearsal


def _run(library, sid: int, clock: FakeClock, minutes: int) -> None:
    stored = load_run(library, sid)
    engine = LiveEngine.restore(
        clock, stored.plan, stored.run_state, on_update=lambda u: save_update(library, sid, u)
    )
    engine.toggle()
    clock.advance(minutes * 60)
    engine.next()


def test_the_verslag_leaves_the_rehearsal_log_out_unless_asked(library):
    sid = ensure_demo(library)  # the demo is planned for 9 April 2021
    first = load_run(library, sid).plan.items[0]
    _run(library, sid, FakeClock(datetime(2021, 4, 8, 19, 0, tzinfo=AMSTERDAM)), 7)
    data = load_report_data(library, sid)
    entry = next(a for a in data.agenda if a.id == first.id)
    assert entry.actual_start is None and entry.actual_end is None
    asked = load_report_data(library, sid, ReportOptions(include_rehearsals=True))
    entry = next(a for a in asked.agenda if a.id == first.id)
    assert entry.actual_start == datetime(2021, 4, 8, 19, 0, tzinfo=AMSTERDAM)
    assert entry.actual_minutes == pytest.approx(7)
    # the real session the next day: a fresh run, and that one is reported
    _run(library, sid, FakeClock(datetime(2021, 4, 9, 15, 2, tzinfo=AMSTERDAM)), 12)
    entry = next(a for a in load_report_data(library, sid).agenda if a.id == first.id)
    assert entry.actual_start == datetime(2021, 4, 9, 15, 2, tzinfo=AMSTERDAM)
    assert entry.actual_minutes == pytest.approx(12)
    assert ReportOptions.from_json(
        ReportOptions(include_rehearsals=True).to_json()
    ).include_rehearsals


def test_the_live_page_says_rehearsal(session_window, arun, library):
    sid = ensure_demo(library)
    clock = FakeClock(datetime(2021, 4, 7, 16, 14, tzinfo=AMSTERDAM))  # two days early
    window = session_window(sid, clock=clock)
    page = window.show_page("live")
    live = window.ctx.session_services.live
    arun(live.ensure_loaded())
    assert page.rehearsal_label.isVisible()
    assert "Repetitie" in page.rehearsal_label.text()
    live.toggle()
    clock.advance(60)
    live._on_tick()
    assert "16:14" in page.rehearsal_label.text()
    assert "uitloop" not in page.standing_label.text()
    # the clock time and the countdown cannot be mixed up
    assert page.now_label.text() == "16:15 uur"
    window.resize(1024, 768)
    shots = Path(tempfile.gettempdir()) / "workshop-screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(shots / "live-rehearsal-1024x768.png"))  # looked at by hand
    assert page.disk.caption == "nog"
    live.next()  # the rehearsal moved on to the second item
    arun(live.wait_idle())
    window.close()
    real = FakeClock(datetime(2021, 4, 9, 15, 0, tzinfo=AMSTERDAM))
    window = session_window(sid, clock=real)
    page = window.show_page("live")
    live = window.ctx.session_services.live
    arun(live.ensure_loaded())
    assert live.engine.status is RunStatus.IDLE  # the rehearsal of two days ago is over
    assert not page.rehearsal_label.isVisible()
    projector = window.ctx.session_services.projector
    arun(projector.wait_idle())
    first = live.engine.plan.items[0]
    assert projector.scene().content.current_item().id == first.id  # not the rehearsal's
