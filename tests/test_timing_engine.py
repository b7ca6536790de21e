"""The run engine driven by a fake clock through a three-hour session, second by second."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

from timing_helpers import ReferenceRun, three_hour_plan

from workshop.clock import FakeClock
from workshop.model.kinds import TimerEventKind as K
from workshop.timing.engine import ChimeKind, LiveEngine, RunStatus
from workshop.timing.reading import TimerLevel
from workshop.timing.settings import TimingSettings

START = datetime(2021, 4, 9, 15, 0, tzinfo=UTC)
STEP = 0.5  # two looks per displayed second


def _scenario() -> dict[float, str]:
    return {
        0: "toggle",  # start the session
        400: "toggle",  # pause
        460: "toggle",  # resume
        600: "plus",
        730: "next",  # item 1 ended 10 s in overrun
        900: "minus",
        1000: "previous",  # pressed by mistake...
        1004.5: "next",  # ...and back
        2100: "next",  # 1-2-4-All, step 1
        2165: "next",  # step 2 (the first step ran 5 s over)
        2285: "next",  # step 3
        2400: "restart",  # start the method over
        2461: "next",
        2580: "next",
        2820: "next",  # step 4
        3150: "next",  # subgroepen
        3600: "suspend",  # lid closed for twenty minutes
        5000: "process_restart",  # the app is closed and reopened (20 s later)
        5600: "next",  # pauze
        5700: "toggle",
        6000: "toggle",
        6500: "next",  # terugkoppeling
        8300: "plus",
        8301: "plus",
        8500: "next",
        9700: "next",
        10600: "next",  # afsluiting
        10750: "minus",
        11300: "next",  # end of the session
    }


def test_three_hour_session_every_displayed_second():
    plan = three_hour_plan()
    clock = FakeClock(START)
    engine = LiveEngine(clock, plan)
    ref = ReferenceRun(plan)
    actions = _scenario()
    chimes: Counter = Counter()
    t = 0.0
    checked = 0
    while t <= 11400:
        action = actions.get(t)
        if action == "toggle":
            engine.toggle()
            ref.toggle()
        elif action == "next":
            engine.next()
            ref.next()
        elif action == "previous":
            engine.previous()
            ref.previous()
        elif action == "plus":
            engine.extend(60)
            ref.extend(60)
        elif action == "minus":
            engine.extend(-60)
            ref.extend(-60)
        elif action == "restart":
            engine.restart()
            ref.restart()
        elif action == "suspend":
            clock.advance(1200)  # monotonic (CLOCK_BOOTTIME) and wall move together
            ref.advance(1200)
            t += 1200
        elif action == "process_restart":
            state = engine.to_json()
            downtime = 20
            clock = FakeClock(clock.now() + timedelta(seconds=downtime))
            clock._mono = 7.25  # another process, another monotonic origin
            ref.advance(downtime)
            t += downtime
            engine = LiveEngine.restore(clock, plan, state)
        if ref.finished:
            assert engine.status is RunStatus.FINISHED
            break
        shown = engine.reading()
        assert shown.display == ref.display(), (
            f"at {t} s ({action}): {shown.display} != {ref.display()}"
        )
        assert shown.running == ref.running
        assert engine.current is not None and engine.current.id == ref.item.id
        for chime in engine.poll():
            chimes[(chime.item_id, chime.step, chime.kind)] += 1
            if chime.kind is ChimeKind.ZERO and chime.step is None and not ref.item.steps:
                assert shown.display == "00:00"
                assert shown.level is TimerLevel.RED
        checked += 1
        clock.advance(STEP)
        ref.advance(STEP)
        t += STEP
    assert engine.status is RunStatus.FINISHED
    assert checked > 2 * 3 * 3600 - 2 * 1300  # every half second but the suspend and restart
    # drift: the item's remaining time equals the reference to the microsecond
    last = plan.items[-1].id
    saved = engine.snapshot()["saved"][str(last)]["item"]["remaining"]
    assert abs(saved - ref.left[last]) < 1e-6
    # each chime sounded once per countdown, except after the restart of the method
    repeated = {k: n for k, n in chimes.items() if n > 1}
    assert set(repeated) <= {(3, 0, ChimeKind.ZERO)}
    assert chimes[(1, None, ChimeKind.ZERO)] == 1
    assert chimes[(3, 0, ChimeKind.ZERO)] == 2  # the first step ran over, twice


def test_every_second_of_a_ten_minute_item_then_overrun():
    clock = FakeClock(START)
    engine = LiveEngine(clock, three_hour_plan())
    engine.toggle()
    seen = []
    for _ in range(603):
        seen.append((engine.reading().display, engine.reading().level))
        assert engine.next_change_in() == 1.0
        clock.advance(1)
    assert seen[0] == ("10:00", TimerLevel.NORMAL)
    assert seen[1] == ("09:59", TimerLevel.NORMAL)
    assert seen[479] == ("02:01", TimerLevel.NORMAL)
    assert seen[480] == ("02:00", TimerLevel.AMBER)
    assert seen[599] == ("00:01", TimerLevel.AMBER)
    assert seen[600] == ("00:00", TimerLevel.RED)
    assert seen[601] == ("+00:01", TimerLevel.RED)
    assert seen[602] == ("+00:02", TimerLevel.RED)
    assert len({d for d, _level in seen}) == 603


def test_chimes_once_at_zero_and_one_minute_before_when_enabled():
    clock = FakeClock(START)
    engine = LiveEngine(clock, three_hour_plan(), TimingSettings(chime_one_minute=True))
    engine.toggle()
    heard = []
    for _ in range(700):
        heard += [(round(clock.monotonic() - 1000), c.kind) for c in engine.poll()]
        clock.advance(1)
    assert heard == [(540, ChimeKind.ONE_MINUTE), (600, ChimeKind.ZERO)]
    engine.extend(120)  # 20 s left again: zero may sound again, one-minute not
    for _ in range(30):
        heard += [c.kind for c in engine.poll()]
        clock.advance(1)
    assert heard[2:] == [ChimeKind.ZERO]


def test_no_chime_while_paused_and_none_when_switched_off():
    clock = FakeClock(START)
    engine = LiveEngine(clock, three_hour_plan(), TimingSettings(chime_at_zero=False))
    engine.toggle()
    clock.advance(700)
    assert engine.poll() == []
    engine = LiveEngine(clock, three_hour_plan())
    engine.toggle()
    engine.toggle()  # paused at once
    clock.advance(700)
    assert engine.poll() == []
    assert engine.reading().display == "10:00"


def test_suspend_with_a_monotonic_clock_that_stops():
    """Where monotonic time stands still in sleep, the wall clock's jump is caught up."""

    class StoppingClock(FakeClock):
        def sleep(self, seconds: float) -> None:
            self._now += timedelta(seconds=seconds)  # monotonic does not move

    clock = StoppingClock(START)
    engine = LiveEngine(clock, three_hour_plan())
    engine.toggle()
    clock.advance(100)
    assert engine.reading().display == "08:20"
    clock.sleep(1200)
    assert engine.reading().display == "+11:40"
    clock.advance(1)
    assert engine.reading().display == "+11:41"


def test_suspend_with_boottime_shows_wall_time():
    clock = FakeClock(START)
    engine = LiveEngine(clock, three_hour_plan())
    engine.toggle()
    clock.advance(30)
    clock.advance(1200)  # twenty minutes asleep, CLOCK_BOOTTIME kept counting
    assert engine.reading().display == "+10:30"


def test_log_events_of_a_short_run():
    clock = FakeClock(START)
    updates = []
    engine = LiveEngine(clock, three_hour_plan(), on_update=updates.append)
    engine.toggle()
    clock.advance(5)
    engine.toggle()
    clock.advance(5)
    engine.toggle()
    engine.extend(60)
    engine.extend(-60)
    engine.restart()
    engine.next()
    engine.next()
    engine.next()  # a step of the 1-2-4-All
    kinds = [e.kind for u in updates for e in u.events]
    assert kinds == [
        K.SESSION_START,
        K.START,
        K.PAUSE,
        K.RESUME,
        K.EXTEND,
        K.EXTEND,
        K.RESTART,
        K.NEXT,
        K.START,
        K.NEXT,
        K.START,
        K.STEP,
    ]
    at = [e.at for u in updates for e in u.events]
    assert at[2] == START + timedelta(seconds=5) and at[3] == START + timedelta(seconds=10)
    amounts = [e.amount_seconds for u in updates for e in u.events if e.kind == K.EXTEND]
    assert amounts == [60, -60]
    times = {k: (s, e) for u in updates for k, s, e in u.item_times}
    assert times[1] == (START, START + timedelta(seconds=10))
    assert times[3] == (START + timedelta(seconds=10), None)
    assert all(u.run_state for u in updates)


def test_dropped_items_are_passed_over_and_logged():
    from dataclasses import replace

    plan = three_hour_plan()
    items = list(plan.items)
    items[1] = replace(items[1], planned_minutes=0)
    plan = replace(plan, items=tuple(items))
    clock = FakeClock(START)
    engine = LiveEngine(clock, plan)
    engine.toggle()
    update = engine.next()
    assert engine.current.id == 3
    assert [e.kind for e in update.events][:2] == [K.NEXT, K.SKIP]
    engine.previous()
    engine.previous()
    assert engine.current.id == 1


def test_session_end_and_back():
    clock = FakeClock(START)
    plan = three_hour_plan()
    engine = LiveEngine(clock, plan)
    engine.toggle()
    for _ in range(20):
        engine.next()
    assert engine.status is RunStatus.FINISHED
    assert engine.next() is None and engine.toggle() is None
    engine.previous()
    assert engine.status is RunStatus.RUNNING and engine.current.id == plan.items[-1].id


def test_unreadable_state_starts_fresh():
    clock = FakeClock(START)
    plan = three_hour_plan()
    for bad in ("{", '{"version": 99}', '{"version": 1, "status": "nonsense"}', "[]"):
        engine = LiveEngine.restore(clock, plan, bad)
        assert engine.status is RunStatus.IDLE
        assert engine.reading().display == "10:00"


def test_restore_when_current_item_was_deleted():
    from dataclasses import replace

    clock = FakeClock(START)
    plan = three_hour_plan()
    engine = LiveEngine(clock, plan)
    engine.toggle()
    engine.next()
    state = engine.to_json()
    smaller = replace(plan, items=tuple(i for i in plan.items if i.id != 2))
    again = LiveEngine.restore(clock, smaller, state)
    assert again.current.id == 3


def test_agenda_edit_while_running_keeps_the_item_and_adds_the_difference():
    from dataclasses import replace

    clock = FakeClock(START)
    plan = three_hour_plan()
    engine = LiveEngine(clock, plan)
    engine.toggle()
    clock.advance(60)
    items = list(plan.items)
    items[0] = replace(items[0], planned_minutes=15)
    items.insert(0, replace(items[1], id=99, position=-1))
    engine.set_plan(replace(plan, items=tuple(items)))
    assert engine.current.id == 1
    assert engine.reading().display == "14:00"


def test_pause_right_after_waking_uses_the_caught_up_time():
    class StoppingClock(FakeClock):
        def sleep(self, seconds: float) -> None:
            self._now += timedelta(seconds=seconds)

    clock = StoppingClock(START)
    engine = LiveEngine(clock, three_hour_plan())
    engine.toggle()
    clock.advance(100)
    engine.reading()
    clock.sleep(1200)
    update = engine.toggle()  # the first thing after waking: pause
    assert update.events[0].kind == K.PAUSE
    assert update.events[0].payload["remaining"] == -700
    assert engine.reading().display == "+11:40"


def test_running_item_deleted_from_the_agenda_goes_on_with_the_next():
    from dataclasses import replace

    clock = FakeClock(START)
    plan = three_hour_plan()
    engine = LiveEngine(clock, plan)
    engine.toggle()
    engine.next()  # item 2 runs
    clock.advance(30)
    smaller = replace(plan, items=tuple(i for i in plan.items if i.id != 2))
    update = engine.set_plan(smaller)
    assert engine.current.id == 3 and engine.running
    assert engine.reading().display == "01:00"  # the first step of the 1-2-4-All
    assert update.current_item_id == 3
    last_only = replace(plan, items=plan.items[:1])
    engine.set_plan(last_only)
    assert engine.status is RunStatus.FINISHED
