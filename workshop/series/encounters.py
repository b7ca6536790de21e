"""Who sat with whom across a series: planner history and new encounters per meeting.

Pairs are counted over every round of every earlier meeting, by register person, so a
person who came back is the same person whatever their participant id in each meeting.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from workshop.model import BreakoutGroup, BreakoutRound, Membership
from workshop.series.queries import (
    earlier_sessions,
    meeting_sessions,
    person_of_participant,
    series_of_session,
)
from workshop.store.library import Library

Pair = frozenset


def session_pairs(db: OrmSession, session_id: int, person_of: dict[int, int]) -> Counter[Pair]:
    """Every pair of register people at one table in one round of the session (counted)."""
    tables: dict[int, list[int]] = {}
    rows = db.execute(
        select(Membership.group_id, Membership.participant_id)
        .join(BreakoutGroup, BreakoutGroup.id == Membership.group_id)
        .join(BreakoutRound, BreakoutRound.id == BreakoutGroup.round_id)
        .where(BreakoutRound.session_id == session_id)
    )
    for group_id, participant_id in rows:
        person = person_of.get(participant_id)
        if person is not None:
            tables.setdefault(group_id, []).append(person)
    pairs: Counter[Pair] = Counter()
    for members in tables.values():
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if a != b:
                    pairs[frozenset((a, b))] += 1
    return pairs


def history_for_session(db: OrmSession, session_id: int) -> dict[Pair, int]:
    """Pair of this session's participant ids -> times those people met at earlier meetings."""
    earlier = earlier_sessions(db, session_id)
    if not earlier:
        return {}
    person_of = person_of_participant(db, [*earlier, session_id])
    met: Counter[Pair] = Counter()
    for sid in earlier:
        met.update(session_pairs(db, sid, person_of))
    participants_here = _participants_of(db, session_id)
    by_person = {person_of[p]: p for p in participants_here if p in person_of}
    out: dict[Pair, int] = {}
    for pair, count in met.items():
        a, b = tuple(pair)
        if a in by_person and b in by_person:
            out[frozenset((by_person[a], by_person[b]))] = count
    return out


def _participants_of(db: OrmSession, session_id: int) -> list[int]:
    from workshop.model import Participant

    return list(db.scalars(select(Participant.id).where(Participant.session_id == session_id)))


@dataclass(frozen=True)
class MeetingEncounters:
    session_id: int
    pairs: int  # distinct pairs that sat together at this meeting
    new: int  # of those: pairs that had never sat together at an earlier meeting
    repeated: int  # pair-meetings beyond the first, over the series so far (k meetings: k-1)


def series_encounters(library: Library, series_id: int) -> list[MeetingEncounters]:
    """Per meeting in order: pairs met, new pairs, repeats accumulated so far."""
    with library.read() as db:
        order = meeting_sessions(db, series_id)
        person_of = person_of_participant(db, order)
        met: Counter[Pair] = Counter()
        out = []
        for sid in order:
            pairs = session_pairs(db, sid, person_of)
            new = sum(1 for p in pairs if p not in met)
            met.update(pairs)
            repeated = sum(c - 1 for c in met.values() if c > 1)
            out.append(MeetingEncounters(sid, len(pairs), new, repeated))
        return out


def in_series(db: OrmSession, session_id: int) -> bool:
    return series_of_session(db, session_id) is not None
