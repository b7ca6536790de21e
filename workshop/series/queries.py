"""Reading series: the list, a series' meetings with attendance, the register, actions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session as OrmSession

from workshop.errors import CommandError
from workshop.i18n import _
from workshop.model import (
    Participant,
    Presence,
    Series,
    SeriesAction,
    SeriesAttendance,
    SeriesMeeting,
    SeriesPerson,
    WorkSession,
)
from workshop.series.actions import STILL_OPEN, is_overdue
from workshop.series.register import Incoming, Known, Match, preview_matches
from workshop.store.library import Library


@dataclass(frozen=True)
class SeriesInfo:
    id: int
    name: str
    theme: str
    facilitators: str
    meetings: int


@dataclass(frozen=True)
class MeetingInfo:
    session_id: int
    position: int  # 1, 2, ... in the series
    date: date | None
    title: str
    present: int  # checked in
    registered: int  # on the list
    new_people: int  # in the register for the first time at this meeting


@dataclass(frozen=True)
class ActionInfo:
    id: int
    what: str
    who: str
    due: date | None
    status: str
    session_id: int | None  # the meeting where it was agreed
    origin: str  # that meeting's title ("" when added between meetings)
    overdue: bool
    updated: date | None = None  # the day of the last change (a status set in the room)


def list_series(library: Library) -> list[SeriesInfo]:
    with library.read() as db:
        counts = dict(
            db.execute(
                select(SeriesMeeting.series_id, func.count()).group_by(SeriesMeeting.series_id)
            ).all()
        )
        rows = db.scalars(select(Series).order_by(func.lower(Series.name))).all()
        return [
            SeriesInfo(s.id, s.name, s.theme, s.facilitators, counts.get(s.id, 0)) for s in rows
        ]


def find_series(library: Library, ref: str) -> int:
    """A series by id or by name (case-insensitive); a CommandError names what is missing."""
    with library.read() as db:
        if ref.strip().isdigit() and db.get(Series, int(ref)) is not None:
            return int(ref)
        found = db.scalar(
            select(Series.id).where(func.lower(Series.name) == ref.strip().casefold())
        )
    if found is None:
        raise CommandError(_("No series called {name}").format(name=ref))
    return found


def series_of_session(db: OrmSession, session_id: int) -> int | None:
    return db.scalar(select(SeriesMeeting.series_id).where(SeriesMeeting.session_id == session_id))


def series_id_of(library: Library, session_id: int) -> int | None:
    with library.read() as db:
        return series_of_session(db, session_id)


def meeting_sessions(db: OrmSession, series_id: int) -> list[int]:
    """The series' session ids in meeting order."""
    return list(
        db.scalars(
            select(SeriesMeeting.session_id)
            .where(SeriesMeeting.series_id == series_id)
            .order_by(SeriesMeeting.position, SeriesMeeting.id)
        )
    )


def earlier_sessions(db: OrmSession, session_id: int) -> list[int]:
    """The meetings of this session's series before it (oldest first); [] outside a series."""
    series_id = series_of_session(db, session_id)
    if series_id is None:
        return []
    order = meeting_sessions(db, series_id)
    return order[: order.index(session_id)]


def previous_session(library: Library, session_id: int) -> int | None:
    with library.read() as db:
        earlier = earlier_sessions(db, session_id)
    return earlier[-1] if earlier else None


def list_meetings(library: Library, series_id: int) -> list[MeetingInfo]:
    with library.read() as db:
        order = meeting_sessions(db, series_id)
        if not order:
            return []
        sessions = {
            s.id: s for s in db.scalars(select(WorkSession).where(WorkSession.id.in_(order)))
        }
        registered = dict(
            db.execute(
                select(Participant.session_id, func.count())
                .where(Participant.session_id.in_(order))
                .group_by(Participant.session_id)
            ).all()
        )
        present = dict(
            db.execute(
                select(Participant.session_id, func.count())
                .where(
                    Participant.session_id.in_(order),
                    Participant.presence == Presence.PRESENT.value,
                )
                .group_by(Participant.session_id)
            ).all()
        )
        first_seen: dict[int, int] = {}
        position = {sid: i for i, sid in enumerate(order)}
        for person_id, sid in db.execute(
            select(SeriesAttendance.person_id, SeriesAttendance.session_id).where(
                SeriesAttendance.session_id.in_(order)
            )
        ):
            seen = first_seen.get(person_id)
            if seen is None or position[sid] < position[seen]:
                first_seen[person_id] = sid
        new_counts: dict[int, int] = {}
        for sid in first_seen.values():
            new_counts[sid] = new_counts.get(sid, 0) + 1
        return [
            MeetingInfo(
                sid,
                i + 1,
                sessions[sid].date,
                sessions[sid].title,
                present.get(sid, 0),
                registered.get(sid, 0),
                new_counts.get(sid, 0),
            )
            for i, sid in enumerate(order)
        ]


def register_people(db: OrmSession, series_id: int) -> list[Known]:
    rows = db.execute(
        select(
            SeriesPerson.id, SeriesPerson.name, SeriesPerson.organisation, SeriesPerson.email
        ).where(SeriesPerson.series_id == series_id)
    )
    return [Known(*row) for row in rows]


def session_incoming(db: OrmSession, session_id: int) -> list[Incoming]:
    """The session's participants not yet linked to the register."""
    linked = select(SeriesAttendance.participant_id).where(
        SeriesAttendance.session_id == session_id
    )
    rows = db.execute(
        select(Participant.id, Participant.name, Participant.organisation, Participant.email)
        .where(Participant.session_id == session_id, Participant.id.not_in(linked))
        .order_by(Participant.id)
    )
    return [Incoming(*row) for row in rows]


def preview_session_matches(library: Library, session_id: int) -> tuple[int, list[Match]]:
    """(series id, matches) for a meeting's not yet linked people; nothing is stored."""
    with library.read() as db:
        series_id = series_of_session(db, session_id)
        if series_id is None:
            raise CommandError(_("This session is not part of a series"))
        return series_id, preview_matches(
            register_people(db, series_id), session_incoming(db, session_id)
        )


def person_of_participant(db: OrmSession, session_ids: list[int]) -> dict[int, int]:
    """participant id -> register person id, for the given sessions."""
    return dict(
        db.execute(
            select(SeriesAttendance.participant_id, SeriesAttendance.person_id).where(
                SeriesAttendance.session_id.in_(session_ids)
            )
        ).all()
    )


def list_actions(
    library: Library, *, series_id: int, open_only: bool = False, today: date | None = None
) -> list[ActionInfo]:
    today = today or date.today()
    with library.read() as db:
        query = select(SeriesAction).where(SeriesAction.series_id == series_id)
        if open_only:
            query = query.where(SeriesAction.status.in_(STILL_OPEN))
        rows = db.scalars(query.order_by(SeriesAction.position, SeriesAction.id)).all()
        titles = dict(
            db.execute(
                select(WorkSession.id, WorkSession.title).where(
                    WorkSession.id.in_({r.session_id for r in rows if r.session_id})
                )
            ).all()
        )
        return [
            ActionInfo(
                r.id,
                r.what,
                r.who,
                r.due,
                r.status,
                r.session_id,
                titles.get(r.session_id, "") if r.session_id else "",
                is_overdue(r.status, r.due, today),
                r.updated_at.date() if r.updated_at else None,
            )
            for r in rows
        ]


def series_cohosts(db: OrmSession, session_id: int) -> tuple[tuple[str, bytes | None], ...]:
    """The co-hosts (name, logo) of the series this session belongs to; () outside one.
    A meeting without co-hosts of its own shows these (welcome picture, verslag cover)."""
    from workshop.model import SeriesCoHost

    series_id = series_of_session(db, session_id)
    if series_id is None:
        return ()
    rows = db.scalars(
        select(SeriesCoHost)
        .where(SeriesCoHost.series_id == series_id)
        .order_by(SeriesCoHost.position, SeriesCoHost.id)
    )
    return tuple((r.name, r.logo) for r in rows)
