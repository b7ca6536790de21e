"""Actual times of agenda items out of the timer log (pure)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any, overload

from workshop.model import TimerEventKind

_RUN_KINDS = {
    TimerEventKind.START.value,
    TimerEventKind.RESTART.value,
    TimerEventKind.RESUME.value,
    TimerEventKind.PAUSE.value,
    TimerEventKind.EXTEND.value,
    TimerEventKind.STEP.value,
}


@overload
def aware(value: datetime) -> datetime: ...
@overload
def aware(value: None) -> None: ...
def aware(value: datetime | None) -> datetime | None:
    """A stored time with its zone (SQLite hands them back naive, in UTC)."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def is_rehearsal_payload(payload: Any) -> bool:
    """Logged during a rehearsal run (see `LiveEngine.rehearsal_start`)."""
    return isinstance(payload, dict) and bool(payload.get("rehearsal"))


def actual_times(
    events: Iterable[Any],
) -> tuple[dict[int, tuple[datetime, datetime | None]], set[int]]:
    """(start, end) per agenda item from the timer log, and the items that were skipped.

    `events` (in log order) have `at`, `kind` and `agenda_item_id`. An item starts at its
    first running event and ends when the log first moves on to another item after its last
    event (or at the session end).
    """
    spans: dict[int, list[datetime | None]] = {}
    skipped: set[int] = set()
    current: int | None = None
    for event in events:
        at = aware(event.at)
        item = event.agenda_item_id
        if event.kind == TimerEventKind.SESSION_END.value:
            if current is not None and spans[current][1] is None:
                spans[current][1] = at
            current = None
            continue
        if item is None:
            continue
        if event.kind == TimerEventKind.SKIP.value and item not in spans:
            skipped.add(item)
            continue
        if event.kind not in _RUN_KINDS and item not in spans:
            continue
        if current is not None and current != item and spans[current][1] is None:
            spans[current][1] = at
        if item not in spans:
            spans[item] = [at, None]
        else:
            spans[item][1] = None  # came back to it
        current = item
        skipped.discard(item)
    return {k: (v[0], v[1]) for k, v in spans.items() if v[0] is not None}, skipped
