"""Participants as plain data, for lists, check-in and the planner."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from workshop.i18n import _
from workshop.model import Participant, Presence
from workshop.store.library import Library


@dataclass(frozen=True)
class PersonInfo:
    id: int
    name: str
    organisation: str
    role: str
    email: str
    involvement: str
    initiative: str
    theme_preference: str
    second_theme: str
    presence: str
    may_be_named: bool
    walk_in: bool

    @property
    def is_present(self) -> bool:
        return self.presence == Presence.PRESENT.value


FIELDS = tuple(PersonInfo.__dataclass_fields__)


def person_info(obj: Participant) -> PersonInfo:
    return PersonInfo(**{name: getattr(obj, name) for name in FIELDS})


def list_people(library: Library, session_id: int) -> list[PersonInfo]:
    """Everyone in a session, by name (case-insensitive)."""
    with library.read() as db:
        found = db.scalars(select(Participant).where(Participant.session_id == session_id)).all()
        people = [person_info(p) for p in found]
    return sorted(people, key=lambda p: (p.name.casefold(), p.id))


def presence_label(presence: str) -> str:
    """The word shown for a presence value, in the current language."""
    return {
        Presence.UNKNOWN.value: _("not checked in"),
        Presence.PRESENT.value: _("present"),
        Presence.ABSENT.value: _("absent"),
        Presence.LEFT.value: _("left early"),
    }.get(presence, presence)


@dataclass(frozen=True)
class PresenceCounts:
    present: int
    absent: int
    left: int
    unknown: int

    @property
    def total(self) -> int:
        return self.present + self.absent + self.left + self.unknown


def count_presence(people: list[PersonInfo]) -> PresenceCounts:
    counts = {p.value: 0 for p in Presence}
    for person in people:
        counts[person.presence] = counts.get(person.presence, 0) + 1
    return PresenceCounts(
        counts[Presence.PRESENT.value],
        counts[Presence.ABSENT.value],
        counts[Presence.LEFT.value],
        counts[Presence.UNKNOWN.value],
    )
