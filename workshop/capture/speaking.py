"""The speaking timer of the reporting queue: one deadline-based countdown per group or pitch.

The countdown itself is the timing engine's `Countdown` (remaining = deadline -
clock.monotonic(), never a tick count), so a slow or sleeping UI cannot make it drift, and
readings use the shared `TimerReading` contract so the projector draws it like any other
timer. An entry without a speaking time counts up instead.
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from dataclasses import dataclass

from workshop.clock import Clock
from workshop.timing.countdown import Countdown, Thresholds, format_shown
from workshop.timing.reading import TimerLevel, TimerReading

#: Amber when this fraction of the speaking time is left (at least 30 s).
AMBER_FRACTION = 0.2
AMBER_MIN_SECONDS = 30


@dataclass(frozen=True)
class Speaker:
    """One entry of the queue as the timer knows it."""

    key: Hashable  # which queue row (a capture.queue.Target)
    label: str
    seconds: float | None  # None: no speaking time set; the timer counts up


def thresholds_for(seconds: float) -> Thresholds:
    """Amber for the last fifth of a speaking time, but never later than 30 s before zero."""
    return Thresholds(amber_seconds=max(AMBER_MIN_SECONDS, math.ceil(AMBER_FRACTION * seconds)))


def format_seconds(seconds: float) -> str:
    """'03:00', '00:03' with 2.4 s left, '+00:12' in overrun (the engine's rounding)."""
    return format_shown(math.ceil(round(seconds, 6)))


class SpeakingTimer:
    """Who is speaking now and how long they have left."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.queue: list[Speaker] = []
        self.index: int | None = None
        self._countdown: Countdown | None = None  # entries with a speaking time
        self._started: float | None = None  # entries without one: monotonic start
        self._paused_elapsed: float | None = None  # count-up entries while paused

    # -- queue -------------------------------------------------------------------------
    def set_queue(self, queue: list[Speaker]) -> None:
        """Replace the queue (after a reorder or rename); keeps the current speaker."""
        current = self.current
        self.queue = list(queue)
        if current is None:
            self.index = None
            return
        ids = [s.key for s in self.queue]
        if current.key in ids:
            self.index = ids.index(current.key)
        else:
            self.stop()

    @property
    def current(self) -> Speaker | None:
        if self.index is None or not 0 <= self.index < len(self.queue):
            return None
        return self.queue[self.index]

    @property
    def running(self) -> bool:
        if self.current is None:
            return False
        if self._countdown is not None:
            return self._countdown.running
        return self._paused_elapsed is None

    @property
    def paused(self) -> bool:
        return self.current is not None and not self.running

    # -- control -----------------------------------------------------------------------
    def start(self, key: Hashable) -> Speaker:
        """Give the floor to `key` and start its countdown from the full time."""
        ids = [s.key for s in self.queue]
        if key not in ids:
            raise KeyError(key)
        self.index = ids.index(key)
        speaker = self.queue[self.index]
        self._paused_elapsed = None
        if speaker.seconds is None:
            self._countdown = None
            self._started = self.clock.monotonic()
        else:
            self._countdown = Countdown(speaker.seconds)
            self._countdown.start(self.clock)
            self._started = None
        return speaker

    def next(self) -> Speaker | None:
        """The next entry gets the floor; None (and the timer stops) after the last one."""
        following = 0 if self.index is None else self.index + 1
        if following >= len(self.queue):
            self.stop()
            return None
        return self.start(self.queue[following].key)

    def previous(self) -> Speaker | None:
        if not self.queue:
            return None
        before = max(0, (self.index or 0) - 1)
        return self.start(self.queue[before].key)

    def pause(self) -> None:
        if not self.running:
            return
        if self._countdown is not None:
            self._countdown.pause(self.clock)
        else:
            self._paused_elapsed = self._elapsed()

    def resume(self) -> None:
        if not self.paused:
            return
        if self._countdown is not None:
            self._countdown.start(self.clock)
        elif self._paused_elapsed is not None:
            self._started = self.clock.monotonic() - self._paused_elapsed
            self._paused_elapsed = None

    def toggle_pause(self) -> None:
        if self.paused:
            self.resume()
        else:
            self.pause()

    def extend(self, seconds: float) -> None:
        """More (or, negative, less) time for the current speaker."""
        if self._countdown is not None and self.current is not None:
            self._countdown.extend(self.clock, seconds)

    def stop(self) -> None:
        self.index = None
        self._countdown = None
        self._started = self._paused_elapsed = None

    # -- reading -----------------------------------------------------------------------
    def _elapsed(self) -> float:
        if self._paused_elapsed is not None:
            return self._paused_elapsed
        return self.clock.monotonic() - (self._started or self.clock.monotonic())

    def reading(self) -> TimerReading | None:
        """What to draw now; None when nobody has the floor."""
        speaker = self.current
        if speaker is None:
            return None
        if self._countdown is not None and speaker.seconds is not None:
            return self._countdown.reading(
                self.clock, speaker.label, thresholds_for(speaker.seconds)
            )
        elapsed = self._elapsed()  # no time set: show the time taken
        return TimerReading(
            label=speaker.label,
            total_seconds=0.0,
            remaining_seconds=0.0,
            running=self.running,
            level=TimerLevel.NORMAL,
            display=format_shown(math.floor(round(elapsed, 6))),
            fraction_left=1.0,
        )
