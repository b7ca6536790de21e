"""The speaking timer of the reporting queue: one deadline-based countdown per group or pitch.

Remaining time is always `deadline - clock.monotonic()`, never a counter that ticks, so a
slow or sleeping UI cannot make it drift. Readings use the shared `TimerReading` contract
so the projector draws it like any other timer.
"""

from __future__ import annotations

from dataclasses import dataclass

from workshop.clock import Clock
from workshop.timing.reading import TimerLevel, TimerReading

#: Amber when this fraction of the speaking time is left (at least 30 s).
AMBER_FRACTION = 0.2
AMBER_MIN_SECONDS = 30.0


@dataclass(frozen=True)
class Speaker:
    """One entry of the queue as the timer knows it."""

    group_id: int
    label: str
    seconds: float | None  # None: no speaking time set; the timer counts up


def format_seconds(seconds: float) -> str:
    """'03:00', '+00:12' in overrun."""
    sign = "+" if seconds < 0 else ""
    whole = int(abs(seconds) + (0.999 if seconds > 0 else 0))  # 2.4 s left shows 00:03
    minutes, secs = divmod(whole, 60)
    return f"{sign}{minutes:02d}:{secs:02d}"


class SpeakingTimer:
    """Who is speaking now and how long they have left."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.queue: list[Speaker] = []
        self.index: int | None = None
        self._deadline: float | None = None  # monotonic; None when paused or idle
        self._started: float | None = None  # for count-up entries without a time
        self._paused_remaining: float | None = None

    # -- queue -------------------------------------------------------------------------
    def set_queue(self, queue: list[Speaker]) -> None:
        """Replace the queue (after a reorder or rename); keeps the current speaker."""
        current = self.current
        self.queue = list(queue)
        if current is None:
            self.index = None
            return
        ids = [s.group_id for s in self.queue]
        if current.group_id in ids:
            self.index = ids.index(current.group_id)
        else:
            self.stop()

    @property
    def current(self) -> Speaker | None:
        if self.index is None or not 0 <= self.index < len(self.queue):
            return None
        return self.queue[self.index]

    @property
    def running(self) -> bool:
        return self.current is not None and self._paused_remaining is None

    @property
    def paused(self) -> bool:
        return self.current is not None and self._paused_remaining is not None

    # -- control -----------------------------------------------------------------------
    def start(self, group_id: int) -> Speaker:
        """Give the floor to `group_id` and start its countdown from the full time."""
        ids = [s.group_id for s in self.queue]
        if group_id not in ids:
            raise KeyError(group_id)
        self.index = ids.index(group_id)
        now = self.clock.monotonic()
        speaker = self.queue[self.index]
        self._started = now
        self._deadline = now + speaker.seconds if speaker.seconds is not None else None
        self._paused_remaining = None
        return speaker

    def next(self) -> Speaker | None:
        """The next entry gets the floor; None (and the timer stops) after the last one."""
        following = 0 if self.index is None else self.index + 1
        if following >= len(self.queue):
            self.stop()
            return None
        return self.start(self.queue[following].group_id)

    def previous(self) -> Speaker | None:
        if not self.queue:
            return None
        before = max(0, (self.index or 0) - 1)
        return self.start(self.queue[before].group_id)

    def pause(self) -> None:
        if not self.running:
            return
        self._paused_remaining = self._remaining_now()

    def resume(self) -> None:
        if not self.paused or self._paused_remaining is None:
            return
        now = self.clock.monotonic()
        speaker = self.current
        assert speaker is not None
        if speaker.seconds is None:
            self._started = now + self._paused_remaining  # remaining is -elapsed here
        else:
            self._deadline = now + self._paused_remaining
        self._paused_remaining = None

    def toggle_pause(self) -> None:
        if self.paused:
            self.resume()
        else:
            self.pause()

    def extend(self, seconds: float) -> None:
        """More (or, negative, less) time for the current speaker."""
        if self.current is None or self.current.seconds is None:
            return
        if self._paused_remaining is not None:
            self._paused_remaining += seconds
        elif self._deadline is not None:
            self._deadline += seconds

    def stop(self) -> None:
        self.index = None
        self._deadline = self._started = self._paused_remaining = None

    # -- reading -----------------------------------------------------------------------
    def _remaining_now(self) -> float:
        speaker = self.current
        assert speaker is not None
        if self._paused_remaining is not None:
            return self._paused_remaining
        now = self.clock.monotonic()
        if speaker.seconds is None:
            return -(now - (self._started or now))
        return (self._deadline or now) - now

    def reading(self) -> TimerReading | None:
        """What to draw now; None when nobody has the floor."""
        speaker = self.current
        if speaker is None:
            return None
        remaining = self._remaining_now()
        if speaker.seconds is None:  # no time set: show the time taken
            return TimerReading(
                label=speaker.label,
                total_seconds=0.0,
                remaining_seconds=0.0,
                running=self.running,
                level=TimerLevel.NORMAL,
                display=format_seconds(-remaining).lstrip("+"),
                fraction_left=1.0,
            )
        total = speaker.seconds
        amber_at = max(AMBER_MIN_SECONDS, AMBER_FRACTION * total)
        if remaining < 0:
            level = TimerLevel.RED
        elif remaining <= amber_at:
            level = TimerLevel.AMBER
        else:
            level = TimerLevel.NORMAL
        return TimerReading(
            label=speaker.label,
            total_seconds=total,
            remaining_seconds=remaining,
            running=self.running,
            level=level,
            display=format_seconds(remaining),
            fraction_left=max(0.0, min(1.0, remaining / total)) if total > 0 else 0.0,
        )
