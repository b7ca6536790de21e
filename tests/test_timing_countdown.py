"""The countdown's rounding, levels and persistence (Qt-free, fake clock)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from workshop.clock import FakeClock
from workshop.timing.countdown import (
    Countdown,
    Thresholds,
    format_shown,
    seconds_to_next_change,
    shown_seconds,
)
from workshop.timing.reading import TimerLevel


def test_ten_minutes_shows_ten_minutes_for_the_first_second_then_counts_down():
    clock = FakeClock()
    cd = Countdown(600)
    cd.start(clock)
    seen = []
    for _quarter in range(4 * 603):
        seen.append(cd.reading(clock, "x", Thresholds()).display)
        clock.advance(0.25)
    # Every displayed value lasts exactly four quarter-seconds, in order.
    expected = [format_shown(600 - s) for s in range(603)]
    assert seen == [value for value in expected for _ in range(4)]
    assert expected[:2] == ["10:00", "09:59"]
    assert expected[599:603] == ["00:01", "00:00", "+00:01", "+00:02"]


@pytest.mark.parametrize(
    ("remaining", "shown", "text"),
    [
        (600, 600, "10:00"),
        (599.001, 600, "10:00"),
        (599, 599, "09:59"),
        (0.2, 1, "00:01"),
        (0, 0, "00:00"),
        (-0.9, 0, "00:00"),
        (-1, -1, "+00:01"),
        (-61.5, -61, "+01:01"),
        (7200, 7200, "120:00"),
        (599.9999999997, 600, "10:00"),
    ],
)
def test_rounding(remaining, shown, text):
    assert shown_seconds(remaining) == shown
    assert format_shown(shown) == text


def test_next_change_is_on_the_second_boundary():
    assert seconds_to_next_change(600) == 1.0
    assert seconds_to_next_change(599.25) == 0.25
    assert seconds_to_next_change(-0.5) == 0.5
    assert seconds_to_next_change(-2) == 1.0


def test_levels_default_and_configured():
    t = Thresholds()
    assert t.level(121, 600) is TimerLevel.NORMAL
    assert t.level(120, 600) is TimerLevel.AMBER
    assert t.level(1, 600) is TimerLevel.AMBER
    assert t.level(0, 600) is TimerLevel.RED
    assert t.level(-5, 600) is TimerLevel.RED
    five = Thresholds(amber_seconds=300, red_seconds=30)
    assert five.level(301, 600) is TimerLevel.NORMAL
    assert five.level(300, 600) is TimerLevel.AMBER
    assert five.level(30, 600) is TimerLevel.RED
    # a one-minute step is not amber from its first second: amber for its last fifth
    assert t.level(60, 60) is TimerLevel.NORMAL
    assert t.level(12, 60) is TimerLevel.AMBER


def test_pause_extend_and_restore_in_a_new_process():
    clock = FakeClock()
    cd = Countdown(300)
    cd.start(clock)
    clock.advance(100)
    cd.pause(clock)
    clock.advance(50)
    assert cd.remaining(clock) == 200
    cd.extend(clock, 60)
    assert cd.total == 360 and cd.remaining(clock) == 260
    cd.start(clock)
    clock.advance(10)
    data = cd.snapshot(clock)
    # a new process: the monotonic origin differs, the wall clock went on 30 s
    later = FakeClock(clock.now() + timedelta(seconds=30))
    later._mono = 3.5
    again = Countdown.restore(data, later)
    assert again.running
    assert again.remaining(later) == 220
    later.advance(221)
    assert again.reading(later, "x", Thresholds()).display == "+00:01"
