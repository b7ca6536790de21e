"""Countdown edges the other tests miss: amber thresholds, fraction left, restore, extend."""

from __future__ import annotations

import pytest

from workshop.clock import FakeClock
from workshop.timing.countdown import Countdown, Thresholds, format_shown, seconds_to_next_change
from workshop.timing.reading import TimerLevel


def test_a_120_second_timer_is_not_amber_from_its_first_second():
    levels = Thresholds()
    assert levels.level(120, 120.0) == TimerLevel.NORMAL
    assert levels.level(24, 120.0) == TimerLevel.AMBER  # the last fifth of a short timer
    assert levels.level(25, 120.0) == TimerLevel.NORMAL
    assert levels.level(120, 121.0) == TimerLevel.AMBER
    assert levels.level(121, 121.0) == TimerLevel.NORMAL
    assert levels.level(0, 121.0) == TimerLevel.RED
    assert levels.level(1, 121.0) == TimerLevel.AMBER
    assert Thresholds(amber_seconds=60, red_seconds=10).level(10, 600) == TimerLevel.RED
    assert Thresholds(amber_seconds=60, red_seconds=10).level(11, 600) == TimerLevel.AMBER


def test_fraction_left_is_remaining_over_total_clamped_to_zero_and_one():
    clock = FakeClock()
    cd = Countdown(200)
    cd.start(clock)
    clock.advance(50)
    reading = cd.reading(clock, "Pitch", Thresholds())
    assert reading.fraction_left == pytest.approx(0.75)
    assert reading.label == "Pitch"
    assert reading.total_seconds == 200
    assert reading.remaining_seconds == pytest.approx(150)
    assert reading.running is True
    clock.advance(500)
    assert cd.reading(clock, "x", Thresholds()).fraction_left == 0.0
    cd.extend(clock, 1000)  # far more left than the total had
    assert cd.reading(clock, "x", Thresholds()).fraction_left <= 1.0
    assert Countdown(0).reading(clock, "x", Thresholds()).fraction_left == 0.0


def test_a_restored_running_timer_keeps_its_total_and_remaining_time():
    clock = FakeClock()
    cd = Countdown(300)
    cd.start(clock)
    clock.advance(100)
    data = cd.snapshot(clock)
    assert data["total"] == 300 and data["remaining"] == pytest.approx(200)
    clock.advance(30)
    back = Countdown.restore(data, clock)
    assert back.total == 300
    assert back.running
    assert back.remaining(clock) == pytest.approx(170)


def test_a_restored_paused_timer_keeps_its_remaining_time_and_stays_paused():
    clock = FakeClock()
    cd = Countdown(300)
    cd.start(clock)
    clock.advance(40)
    cd.pause(clock)
    data = cd.snapshot(clock)
    assert data["deadline_wall"] is None
    clock.advance(1000)
    back = Countdown.restore(data, clock)
    assert not back.running
    assert back.total == 300
    assert back.remaining(clock) == pytest.approx(260)
    assert Countdown.restore({"total": 90}, clock).remaining(clock) == 90


def test_extending_a_paused_timer_adds_to_total_and_remaining_and_never_below_zero_total():
    clock = FakeClock()
    cd = Countdown(60)
    cd.extend(clock, 30)
    assert cd.total == 90 and cd.remaining(clock) == 90
    cd.extend(clock, -200)
    assert cd.total == 0.0
    assert cd.remaining(clock) == -110


def test_reset_keeps_a_running_timer_running_and_shift_moves_only_a_running_deadline():
    clock = FakeClock()
    cd = Countdown(60)
    cd.shift(10)
    assert cd.remaining(clock) == 60
    cd.start(clock)
    clock.advance(20)
    cd.reset(clock, 100)
    assert cd.running and cd.total == 100 and cd.remaining(clock) == 100
    cd.shift(15)
    assert cd.remaining(clock) == 85
    cd.pause(clock)
    cd.reset(clock, 50)
    assert not cd.running and cd.remaining(clock) == 50
    cd.start(clock)
    cd.start(clock)  # a second start changes nothing
    clock.advance(5)
    assert cd.remaining(clock) == 45


def test_display_and_next_change_at_whole_seconds():
    assert format_shown(-72) == "+01:12"
    assert format_shown(0) == "00:00"
    assert format_shown(7200) == "120:00"
    assert seconds_to_next_change(10.0) == 1.0
    assert seconds_to_next_change(9.25) == 0.25
