"""Matching a meeting's people to the series' register: e-mail first, else name + organisation.

Plain data in, plain data out, so a preview can be shown (and corrected with merge/split)
before anything is stored. Names and organisations compare accent- and case-insensitively.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from workshop.privacy.redaction import key_of


class MatchHow(StrEnum):
    EMAIL = "email"
    NAME = "name"  # name and organisation
    NEW = "new"


@dataclass(frozen=True)
class Known:
    """A register person as the matcher sees them."""

    id: int
    name: str
    organisation: str = ""
    email: str = ""


@dataclass(frozen=True)
class Incoming:
    """A meeting's participant (or a row of the registration list) to be matched."""

    participant_id: int
    name: str
    organisation: str = ""
    email: str = ""


@dataclass(frozen=True)
class Match:
    incoming: Incoming
    person_id: int | None  # None: a new person for the register
    how: MatchHow


def email_key(email: str) -> str:
    return email.strip().casefold()


def name_key(name: str, organisation: str) -> tuple[str, str]:
    return key_of(name), key_of(organisation)


class RegisterIndex:
    """The register keyed by e-mail and by (name, organisation): one pass, then O(1) lookups."""

    def __init__(self, people: Iterable[Known]) -> None:
        self.by_email: dict[str, int] = {}
        self.by_name: dict[tuple[str, str], int] = {}
        for p in people:
            if p.email.strip():
                self.by_email.setdefault(email_key(p.email), p.id)
            if p.name.strip():
                self.by_name.setdefault(name_key(p.name, p.organisation), p.id)

    def find(self, person: Incoming) -> tuple[int | None, MatchHow]:
        if person.email.strip():
            found = self.by_email.get(email_key(person.email))
            if found is not None:
                return found, MatchHow.EMAIL
        found = self.by_name.get(name_key(person.name, person.organisation))
        if found is not None:
            return found, MatchHow.NAME
        return None, MatchHow.NEW


def preview_matches(register: Iterable[Known], incoming: Sequence[Incoming]) -> list[Match]:
    """Who in `incoming` is already known (and how), who is new; nothing is stored.

    Two incoming people never map onto one register person: the second becomes new.
    """
    index = RegisterIndex(register)
    taken: set[int] = set()
    out = []
    for person in incoming:
        found, how = index.find(person)
        if found is not None and found in taken:
            found, how = None, MatchHow.NEW
        if found is not None:
            taken.add(found)
        out.append(Match(person, found, how))
    return out


def summary(matches: Sequence[Match]) -> dict[MatchHow, int]:
    counts = {how: 0 for how in MatchHow}
    for m in matches:
        counts[m.how] += 1
    return counts
