"""Timer readings for the projector when no running timer is available."""

from __future__ import annotations

import math

from workshop.timing.reading import TimerLevel, TimerReading


def format_seconds(seconds: float) -> str:
    """'04:59', '90:00', '+01:12' (overrun): minutes and seconds, as the room reads them."""
    whole = math.floor(-seconds) if seconds < 0 else math.ceil(seconds)
    minutes, secs = divmod(whole, 60)
    sign = "+" if seconds < 0 else ""
    return f"{sign}{minutes:02d}:{secs:02d}"


def static_reading(label: str, minutes: float | None) -> TimerReading:
    """A timer standing still at its planned duration (before it runs, or without the engine)."""
    total = max(0.0, float(minutes or 0) * 60.0)
    return TimerReading(
        label=label,
        total_seconds=total,
        remaining_seconds=total,
        running=False,
        level=TimerLevel.NORMAL,
        display=format_seconds(total),
        fraction_left=1.0 if total > 0 else 0.0,
    )
