"""The speaking timer: deadline-based, driven by an injected clock."""

from __future__ import annotations

from workshop.capture.speaking import Speaker, SpeakingTimer, format_seconds
from workshop.clock import FakeClock
from workshop.timing.reading import TimerLevel


def make():
    clock = FakeClock()
    timer = SpeakingTimer(clock)
    timer.set_queue(
        [Speaker(1, "Groep 1", 180), Speaker(2, "Groep 2", 120), Speaker(3, "Dordrecht", None)]
    )
    return clock, timer


def test_next_walks_the_queue_and_counts_down():
    clock, timer = make()
    assert timer.reading() is None
    assert timer.next().key == 1
    r = timer.reading()
    assert (r.display, r.level, r.fraction_left) == ("03:00", TimerLevel.NORMAL, 1.0)
    clock.advance(150.5)
    r = timer.reading()
    assert (r.display, r.level) == ("00:30", TimerLevel.AMBER)
    clock.advance(42)
    r = timer.reading()
    assert r.display == "+00:12" and r.level == TimerLevel.RED and r.overrun
    assert timer.next().key == 2 and timer.reading().display == "02:00"
    assert timer.next().key == 3
    clock.advance(65)
    assert timer.reading().display == "01:05"  # no time set: counts up
    assert timer.next() is None and timer.reading() is None


def test_pause_resume_extend():
    clock, timer = make()
    timer.start(2)
    clock.advance(20)
    timer.pause()
    clock.advance(500)
    assert timer.reading().display == "01:40" and not timer.reading().running
    timer.resume()
    timer.extend(60)
    clock.advance(10)
    assert timer.reading().display == "02:30"


def test_reorder_keeps_the_current_speaker():
    clock, timer = make()
    timer.start(2)
    timer.set_queue([Speaker(2, "Groep 2", 120), Speaker(1, "Groep 1", 180)])
    assert timer.current.key == 2 and timer.next().key == 1
    timer.set_queue([Speaker(2, "Groep 2", 120)])  # the current one removed
    assert timer.current is None


def test_format_seconds():
    assert [format_seconds(s) for s in (180, 2.4, 0, -0.4, -61)] == [
        "03:00",
        "00:03",
        "00:00",
        "00:00",  # the first second past zero shows 00:00, as the agenda timer does
        "+01:01",
    ]
