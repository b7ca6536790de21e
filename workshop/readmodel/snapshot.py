"""`SessionSnapshot`: one session read in one go, frozen, holding only the parts asked for.

`load_snapshot(library, session_id, parts)` runs on the DB worker; views derive what they
show from the snapshot with pure functions (no ORM objects cross threads).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy.orm import Session as OrmSession

from workshop.readmodel import reads
from workshop.readmodel.records import (
    AgendaEntry,
    AttachmentInfo,
    EventInfo,
    GroupInfo,
    NoteInfo,
    Person,
    PitchInfo,
    RoundInfo,
    SessionInfo,
)
from workshop.store.library import Library


class Part(StrEnum):
    """A part of a session a view may ask for (the session's own fields always come)."""

    AGENDA = "agenda"
    ROUNDS = "rounds"
    PEOPLE = "people"
    PITCHES = "pitches"
    NOTES = "notes"
    EVENTS = "events"
    PHOTOS = "photos"  # print-size image data: only when a view shows them


#: Everything but the photos' image data.
ALL_BUT_PHOTOS = frozenset(Part) - {Part.PHOTOS}


@dataclass(frozen=True)
class SessionSnapshot:
    """A session's rows as plain records; a part not asked for is empty."""

    session: SessionInfo
    parts: frozenset[Part]
    agenda: tuple[AgendaEntry, ...] = ()
    rounds: tuple[RoundInfo, ...] = ()
    people: tuple[Person, ...] = ()
    pitches: tuple[PitchInfo, ...] = ()
    notes: tuple[NoteInfo, ...] = ()
    events: tuple[EventInfo, ...] = ()
    photos: tuple[AttachmentInfo, ...] = ()

    @property
    def session_id(self) -> int:
        return self.session.id

    def item(self, item_id: int | None) -> AgendaEntry | None:
        return next((i for i in self.agenda if i.id == item_id), None)

    def rounds_of(self, item_id: int | None) -> tuple[RoundInfo, ...]:
        """The rounds formed for one agenda item (None: those on no item), by number."""
        return tuple(r for r in self.rounds if r.agenda_item_id == item_id)

    def group(self, group_id: int | None) -> GroupInfo | None:
        return next((g for r in self.rounds for g in r.groups if g.id == group_id), None)

    def pitches_of(self, item_id: int) -> tuple[PitchInfo, ...]:
        return tuple(p for p in self.pitches if p.agenda_item_id == item_id)


def read_snapshot(
    db: OrmSession, session_id: int, parts: Iterable[Part] = ALL_BUT_PHOTOS
) -> SessionSnapshot:
    """Read the session and the asked-for parts within one read transaction."""
    wanted = frozenset(Part(p) for p in parts)
    session = reads.session_info(db, session_id)
    return SessionSnapshot(
        session=session,
        parts=wanted,
        agenda=reads.agenda(db, session) if Part.AGENDA in wanted else (),
        rounds=reads.rounds(db, session_id) if Part.ROUNDS in wanted else (),
        people=reads.people(db, session_id) if Part.PEOPLE in wanted else (),
        pitches=reads.pitches(db, session_id) if Part.PITCHES in wanted else (),
        notes=reads.notes(db, session_id) if Part.NOTES in wanted else (),
        events=reads.events(db, session_id) if Part.EVENTS in wanted else (),
        photos=reads.photos(db, session_id) if Part.PHOTOS in wanted else (),
    )


def load_snapshot(
    library: Library, session_id: int, parts: Iterable[Part] = ALL_BUT_PHOTOS
) -> SessionSnapshot:
    """`read_snapshot` in a read-only unit of work (run it on the DB worker)."""
    with library.read() as db:
        return read_snapshot(db, session_id, parts)
