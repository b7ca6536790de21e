"""What a timer shows at one moment: the plain data every display (laptop, projector) draws.

Shared contract between the timing engine (producer) and the views (consumers).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class TimerLevel(StrEnum):
    NORMAL = "normal"
    AMBER = "amber"  # warning threshold reached (default: 2 minutes left)
    RED = "red"  # zero reached / overrun


@dataclass(frozen=True)
class TimerReading:
    """One reading of a countdown.

    `remaining_seconds` is negative in overrun. `display` is what to print ("04:59",
    "+01:12" in overrun); `fraction_left` (0..1) drives the emptying disk.
    """

    label: str  # item or step title
    total_seconds: float
    remaining_seconds: float
    running: bool
    level: TimerLevel
    display: str
    fraction_left: float

    @property
    def overrun(self) -> bool:
        return self.remaining_seconds < 0
