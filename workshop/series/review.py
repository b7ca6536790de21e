"""The "Terugblik acties" item: which actions of the series a meeting looks back on.

A meeting reviews the actions agreed at earlier meetings of its series (or added between
meetings) that were still open or in progress when it began, and the ones it already
settled in the room (changed on the meeting's day), so the list does not shrink while
people talk.
"""

from __future__ import annotations

from datetime import date

from workshop.model import WorkSession
from workshop.series.actions import STILL_OPEN
from workshop.series.queries import ActionInfo, earlier_sessions, list_actions, series_id_of
from workshop.store.library import Library


def actions_to_review(
    library: Library, session_id: int, today: date | None = None
) -> list[ActionInfo]:
    """Actions of earlier meetings for this meeting's review, overdue ones marked."""
    series_id = series_id_of(library, session_id)
    if series_id is None:
        return []
    with library.read() as db:
        earlier = set(earlier_sessions(db, session_id))
        meeting = db.get(WorkSession, session_id)
        day = meeting.date if meeting is not None else None
    found = list_actions(library, series_id=series_id, today=today)
    return [
        a
        for a in found
        if a.session_id != session_id
        and (a.session_id is None or a.session_id in earlier)
        and (
            a.status in STILL_OPEN
            or (day is not None and a.updated is not None and a.updated == day)
        )
    ]
