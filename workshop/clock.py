"""Injectable clocks.

Everything that needs time asks a `Clock`. Two readings are offered:

* `now()` — aware wall-clock datetime, used for what gets stored and shown ("15:10").
* `monotonic()` — seconds from an arbitrary origin that never jumps backwards *and keeps
  running while the laptop sleeps*. On Linux `CLOCK_MONOTONIC` stops during suspend, so we
  read `CLOCK_BOOTTIME`; on macOS `time.monotonic()` is `mach_absolute_time`, which also
  stops in sleep, so there we accumulate wall-clock deltas guarded against backwards
  jumps; on Windows `time.monotonic()` (QueryPerformanceCounter) keeps counting through
  sleep.

Countdowns are deadlines on the monotonic scale: remaining = deadline - monotonic().
"""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime: ...

    def monotonic(self) -> float: ...


def _boottime_reader():
    if sys.platform.startswith("linux") and hasattr(time, "CLOCK_BOOTTIME"):
        clk = time.CLOCK_BOOTTIME
        return lambda: time.clock_gettime(clk)
    if sys.platform == "win32":
        return time.monotonic
    return None


class SystemClock:
    """The real clock; monotonic time includes time spent in suspend."""

    def __init__(self) -> None:
        self._reader = _boottime_reader()
        self._last_wall = time.time()
        self._acc = 0.0

    def now(self) -> datetime:
        return datetime.now(UTC).astimezone()

    def monotonic(self) -> float:
        if self._reader is not None:
            return self._reader()
        # Fallback (macOS and others): accumulate wall-clock deltas, ignoring backwards
        # jumps, so sleep is counted but a clock correction never makes time run back.
        wall = time.time()
        delta = wall - self._last_wall
        self._last_wall = wall
        if delta > 0:
            self._acc += delta
        return self._acc


class FakeClock:
    """A clock for tests: time moves only when told to."""

    def __init__(self, start: datetime | None = None) -> None:
        self._now = start or datetime(2021, 4, 9, 15, 0, tzinfo=UTC)
        self._mono = 1000.0

    def now(self) -> datetime:
        return self._now

    def monotonic(self) -> float:
        return self._mono

    def advance(self, seconds: float) -> None:
        self._now += timedelta(seconds=seconds)
        self._mono += seconds
