"""A session as the start screen lists it, and the list's order (no SQLAlchemy: the quick
look before the library is open builds the same rows, `workshop/quick_look.py`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time


@dataclass(frozen=True)
class SessionSummary:
    id: int
    title: str
    date: date | None
    start_time: time | None
    end_time: time | None
    is_demo: bool
    updated_at: datetime
    archived: bool = False


#: the columns of the `sessions` table a summary is made of, in its fields' order
COLUMNS = ("id", "title", "date", "start_time", "end_time", "is_demo", "updated_at", "archived")


def newest_first(items: Iterable[SessionSummary]) -> list[SessionSummary]:
    """By date (undated last), then most recently changed."""
    return sorted(
        items,
        key=lambda s: (
            s.date is not None,
            s.date or date.min,
            s.updated_at.timestamp() if s.updated_at else 0,
        ),
        reverse=True,
    )
