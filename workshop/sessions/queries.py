"""Sessions: listing, finding, reading details as plain data."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, time

from sqlalchemy import select

from workshop.errors import CommandError
from workshop.i18n import _
from workshop.model import WorkSession
from workshop.sessions.summary import COLUMNS, SessionSummary, newest_first
from workshop.store.library import Library


@dataclass(frozen=True)
class SessionDetails:
    id: int
    title: str
    subtitle: str
    date: date | None
    start_time: time | None
    end_time: time | None
    place: str
    online_link: str
    organiser: str
    facilitators: str
    goals: str
    background: str
    welcome_line: str
    report_language: str
    summary: str
    follow_up: str
    is_demo: bool


def list_sessions(library: Library) -> list[SessionSummary]:
    """Newest first (`newest_first`): by date (undated last), then most recently changed.

    One light query over the listed columns (no ORM objects, no logos or texts): the start
    screen lists hundreds of sessions this way.
    """
    columns = tuple(getattr(WorkSession, name) for name in COLUMNS)
    with library.read() as db:
        items = [SessionSummary(*row) for row in db.execute(select(*columns))]
    return newest_first(items)


def get_details(library: Library, session_id: int) -> SessionDetails:
    with library.read() as db:
        obj = db.get(WorkSession, session_id)
        if obj is None:
            raise CommandError(_("Session {id} does not exist").format(id=session_id))
        return SessionDetails(**{f.name: getattr(obj, f.name) for f in fields(SessionDetails)})


def find_session(library: Library, ref: str) -> int:
    """A session by id or exact title; raises CommandError with a clear message."""
    with library.read() as db:
        if ref.isdigit() and db.get(WorkSession, int(ref)) is not None:
            return int(ref)
        ids = db.scalars(select(WorkSession.id).where(WorkSession.title == ref)).all()
    if len(ids) == 1:
        return ids[0]
    if not ids:
        raise CommandError(_("No session with id or title “{ref}”").format(ref=ref))
    raise CommandError(
        _("Several sessions are called “{ref}”; use the id: {ids}").format(
            ref=ref, ids=", ".join(map(str, ids))
        )
    )


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError as err:
        raise CommandError(_("“{text}” is not a date like 2021-04-09").format(text=text)) from err


def parse_time(text: str) -> time:
    cleaned = text.strip().replace(".", ":").replace("u", "")
    try:
        hours, _sep, minutes = cleaned.partition(":")
        return time(int(hours), int(minutes or 0))
    except ValueError as err:
        raise CommandError(_("“{text}” is not a time like 15:00").format(text=text)) from err


def daypart(start: time | None) -> str:
    """'morning' (before 12:00), 'afternoon' (12:00–17:59) or 'evening', by the start time."""
    if start is None or 12 <= start.hour < 18:
        return "afternoon"
    return "morning" if start.hour < 12 else "evening"


def goals_label(start: time | None) -> str:
    """The label of the goals field: 'Doel van de ochtend' for a session at 09:30."""
    return {
        "morning": _("Goals of the morning"),
        "afternoon": _("Goals of the afternoon"),
        "evening": _("Goals of the evening"),
    }[daypart(start)]
