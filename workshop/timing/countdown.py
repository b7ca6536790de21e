"""A deadline-based countdown: remaining = deadline - clock.monotonic(), never a tick count.

Rounding (what the display shows): the shown whole second is ``ceil(remaining)``. A 10:00
timer therefore shows 10:00 during its first second, 09:59 during the next, ... 00:01,
then 00:00 during the first second past the deadline, then +00:01, +00:02 counting up in
overrun. The display changes exactly when ``remaining`` crosses a whole number, i.e. at
``deadline - k`` for whole k; `seconds_to_next_change` tells a view when to repaint.

A running countdown also keeps its deadline on the wall clock, so a new process (whose
monotonic origin differs) can restore it: see `snapshot` / `restore`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from workshop.clock import Clock
from workshop.timing.reading import TimerLevel, TimerReading

#: Readings are rounded to this many decimals before the ceil, so float noise in
#: ``deadline - now`` (599.9999999997) never shows the wrong second.
_PRECISION = 6


@dataclass(frozen=True)
class Thresholds:
    """When the display turns amber and red (seconds left, as shown)."""

    amber_seconds: int = 120
    red_seconds: int = 0

    def level(self, shown: int, total: float) -> TimerLevel:
        if shown <= self.red_seconds:
            return TimerLevel.RED
        # A countdown shorter than the amber threshold (a 1-minute step of 1-2-4-All) would
        # be amber from the start; it turns amber for its last fifth instead.
        amber = self.amber_seconds if total > self.amber_seconds else math.floor(total / 5)
        if shown <= amber:
            return TimerLevel.AMBER
        return TimerLevel.NORMAL


def shown_seconds(remaining: float) -> int:
    """The whole second on display for `remaining` (negative in overrun)."""
    return math.ceil(round(remaining, _PRECISION))


def format_shown(shown: int) -> str:
    """'09:59', '00:00', '+01:12'; minutes grow past 99 for long items ('120:00')."""
    sign = "+" if shown < 0 else ""
    minutes, seconds = divmod(abs(shown), 60)
    return f"{sign}{minutes:02d}:{seconds:02d}"


def seconds_to_next_change(remaining: float) -> float:
    """Time until the shown second changes, in (0, 1]."""
    r = round(remaining, _PRECISION)
    return round(r - (math.ceil(r) - 1), _PRECISION)


class Countdown:
    """One countdown of `total` seconds; paused until `start`."""

    def __init__(self, total: float) -> None:
        self.total = float(total)
        self._paused_remaining = float(total)
        self._deadline: float | None = None  # monotonic, while running
        self._deadline_wall: datetime | None = None

    @property
    def running(self) -> bool:
        return self._deadline is not None

    def remaining(self, clock: Clock) -> float:
        if self._deadline is None:
            return self._paused_remaining
        return round(self._deadline - clock.monotonic(), _PRECISION)

    def start(self, clock: Clock) -> None:
        if self._deadline is None:
            self._set_deadline(clock, self._paused_remaining)

    def pause(self, clock: Clock) -> None:
        if self._deadline is not None:
            self._paused_remaining = self.remaining(clock)
            self._deadline = None
            self._deadline_wall = None

    def extend(self, clock: Clock, seconds: float) -> None:
        """Add (or with a negative amount take away) time; may go into overrun."""
        self.total = max(0.0, self.total + seconds)
        if self._deadline is None:
            self._paused_remaining += seconds
        else:
            self._set_deadline(clock, self.remaining(clock) + seconds)

    def reset(self, clock: Clock, total: float) -> None:
        """Back to a full `total`, keeping whether it runs."""
        running = self.running
        self.total = float(total)
        self._paused_remaining = float(total)
        self._deadline = None
        self._deadline_wall = None
        if running:
            self.start(clock)

    def shift(self, seconds: float) -> None:
        """Move a running deadline earlier by `seconds` (time a stopped clock missed)."""
        if self._deadline is not None:
            self._deadline -= seconds

    def _set_deadline(self, clock: Clock, remaining: float) -> None:
        self._deadline = clock.monotonic() + remaining
        self._deadline_wall = clock.now() + timedelta(seconds=remaining)

    def reading(self, clock: Clock, label: str, thresholds: Thresholds) -> TimerReading:
        remaining = self.remaining(clock)
        shown = shown_seconds(remaining)
        fraction = 0.0 if self.total <= 0 else min(1.0, max(0.0, remaining / self.total))
        return TimerReading(
            label=label,
            total_seconds=self.total,
            remaining_seconds=remaining,
            running=self.running,
            level=thresholds.level(shown, self.total),
            display=format_shown(shown),
            fraction_left=fraction,
        )

    # -- persistence -----------------------------------------------------------------
    def snapshot(self, clock: Clock) -> dict:
        """Plain JSON data; a running countdown is stored by its wall-clock deadline."""
        return {
            "total": self.total,
            "remaining": self.remaining(clock),
            "deadline_wall": self._deadline_wall.isoformat() if self._deadline_wall else None,
        }

    @classmethod
    def restore(cls, data: dict, clock: Clock) -> Countdown:
        """Rebuild from `snapshot` in any process: the wall deadline gives the remaining time."""
        countdown = cls(float(data.get("total", 0.0)))
        countdown._paused_remaining = float(data.get("remaining", countdown.total))
        wall = data.get("deadline_wall")
        if wall:
            remaining = (datetime.fromisoformat(wall) - clock.now()).total_seconds()
            countdown._set_deadline(clock, round(remaining, _PRECISION))
        return countdown
