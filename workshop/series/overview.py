"""Everything the Reeks page shows for one meeting's series, read in one go (DB worker).

The series (name, theme, facilitators, co-hosts with logos), its meetings with attendance
and new encounters, its actions (overdue marked), and for the meeting at hand: who is new
in the series, whom each person met for the first time, and who on the list is not yet
linked to the people register (with how the matcher would link them).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from workshop.model import (
    AgendaTemplate,
    Participant,
    Series,
    SeriesAttendance,
    SeriesCoHost,
    SeriesPerson,
    SeriesTemplate,
)
from workshop.series.encounters import MeetingEncounters, series_encounters, session_pairs
from workshop.series.queries import (
    ActionInfo,
    MeetingInfo,
    earlier_sessions,
    list_actions,
    list_meetings,
    meeting_sessions,
    person_of_participant,
    register_people,
    series_of_session,
    session_incoming,
)
from workshop.series.register import MatchHow, preview_matches
from workshop.series.report import recurring_themes
from workshop.store.library import Library


@dataclass(frozen=True)
class PersonMet:
    """A person of this meeting and the people they sat with for the first time."""

    name: str
    organisation: str
    met: tuple[str, ...]


@dataclass(frozen=True)
class SeriesOverview:
    series_id: int
    name: str
    theme: str
    facilitators: str
    cohosts: tuple[tuple[str, bytes | None], ...]
    meetings: tuple[MeetingInfo, ...]
    encounters: dict[int, MeetingEncounters]  # session id -> its encounters
    actions: tuple[ActionInfo, ...]
    position: int  # this meeting's number in the series
    new_here: tuple[str, ...]  # names of people new in the series at this meeting
    met_here: tuple[PersonMet, ...]  # whom each person met for the first time here
    unlinked: dict[str, int] = field(default_factory=dict)  # MatchHow value -> count
    register_size: int = 0
    programme: tuple[str, int] | None = None  # the series' usual programme: name, items
    themes: tuple[tuple[str, int], ...] = ()  # recurring themes, in how many meetings
    #: consent changed at this meeting (Deelnemers page) but not yet in the register:
    #: (register person id, name, this meeting's value)
    consent_changed: tuple[tuple[int, str, bool], ...] = ()

    def status_counts(self) -> Counter[str]:
        return Counter(a.status for a in self.actions)

    @property
    def overdue(self) -> int:
        return sum(1 for a in self.actions if a.overdue)


def load_overview(library: Library, session_id: int, today: date) -> SeriesOverview | None:
    """The overview of the series this meeting belongs to; None outside a series."""
    with library.read() as db:
        series_id = series_of_session(db, session_id)
        if series_id is None:
            return None
        series = db.get(Series, series_id)
        assert series is not None
        hosts = tuple(
            (h.name, h.logo)
            for h in db.scalars(
                select(SeriesCoHost)
                .where(SeriesCoHost.series_id == series_id)
                .order_by(SeriesCoHost.position)
            )
        )
        earlier = earlier_sessions(db, session_id)
        person_of = person_of_participant(db, [*earlier, session_id])
        names = {
            p.id: (p.name, p.organisation)
            for p in db.scalars(select(SeriesPerson).where(SeriesPerson.series_id == series_id))
        }
        met_before: set[frozenset] = set()
        seen_before: set[int] = set()
        for sid in earlier:
            met_before.update(session_pairs(db, sid, person_of))
        if earlier:
            seen_before = set(
                db.scalars(
                    select(SeriesAttendance.person_id).where(
                        SeriesAttendance.session_id.in_(earlier)
                    )
                )
            )
        here_people = [
            person_of[pid]
            for pid in db.scalars(
                select(Participant.id)
                .where(Participant.session_id == session_id)
                .order_by(Participant.name, Participant.id)
            )
            if pid in person_of
        ]
        new_here = tuple(names[p][0] for p in here_people if p not in seen_before and p in names)
        firsts: dict[int, set[int]] = {}
        for pair in session_pairs(db, session_id, person_of):
            if pair in met_before:
                continue
            a, b = tuple(pair)
            firsts.setdefault(a, set()).add(b)
            firsts.setdefault(b, set()).add(a)
        met_here = tuple(
            PersonMet(
                names[p][0],
                names[p][1],
                tuple(sorted((names[o][0] for o in firsts[p] if o in names), key=str.casefold)),
            )
            for p in sorted(firsts, key=lambda p: names.get(p, ("", ""))[0].casefold())
            if p in names
        )
        matches = preview_matches(register_people(db, series_id), session_incoming(db, session_id))
        unlinked = dict(Counter(m.how.value for m in matches))
        info = (series.name, series.theme, series.facilitators)
        template = db.scalar(
            select(AgendaTemplate)
            .join(SeriesTemplate, SeriesTemplate.template_id == AgendaTemplate.id)
            .where(SeriesTemplate.series_id == series_id)
            .order_by(SeriesTemplate.id)
        )
        programme = (template.name, len(template.items or [])) if template is not None else None
        themes = tuple(recurring_themes(db, meeting_sessions(db, series_id)))
        consent_changed = _consent_changed(db, session_id, series_id)
    meetings = tuple(list_meetings(library, series_id))
    position = next((m.position for m in meetings if m.session_id == session_id), 0)
    return SeriesOverview(
        series_id,
        *info,
        cohosts=hosts,
        meetings=meetings,
        encounters={e.session_id: e for e in series_encounters(library, series_id)},
        actions=tuple(list_actions(library, series_id=series_id, today=today)),
        position=position,
        new_here=new_here,
        met_here=met_here,
        unlinked={k: v for k, v in unlinked.items() if k in {h.value for h in MatchHow}},
        register_size=len(names),
        programme=programme,
        themes=themes,
        consent_changed=consent_changed,
    )


def _consent_changed(db, session_id: int, series_id: int) -> tuple[tuple[int, str, bool], ...]:
    """People whose consent at this meeting differs from the register's."""
    rows = db.execute(
        select(SeriesPerson.id, SeriesPerson.name, Participant.may_be_named)
        .join(SeriesAttendance, SeriesAttendance.person_id == SeriesPerson.id)
        .join(Participant, Participant.id == SeriesAttendance.participant_id)
        .where(
            SeriesAttendance.session_id == session_id,
            SeriesPerson.series_id == series_id,
            SeriesPerson.may_be_named != Participant.may_be_named,
        )
        .order_by(SeriesPerson.name)
    )
    return tuple((pid, name, bool(value)) for pid, name, value in rows)
