"""Timer readings for the projector when no running timer is available."""

from __future__ import annotations

import math
from datetime import datetime, time

from workshop.i18n import _, format_clock
from workshop.timing.reading import TimerLevel, TimerReading

NO_FLOOR = "—"  # the speaking timer while nobody has the floor (never a green 00:00)


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


def countdown_caption(reading: TimerReading | None) -> str:
    """The word beside a countdown, so "15:00" left never reads as the clock time 15:00:
    'nog' (time left) or 'uitloop' (over time)."""
    if reading is None:
        return ""
    return _("overtime") if reading.overrun else _("time left")


def clock_label(value: time | datetime | None) -> str:
    """A clock time that cannot be taken for a countdown: '15:00 uur'."""
    return _("{time} h").format(time=format_clock(value))


def at_clock(value: time | datetime | None) -> str:
    """A coming moment: 'om 15:00'."""
    return _("at {time}").format(time=format_clock(value))
