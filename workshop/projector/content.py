"""What the projector shows, as plain frozen data derived from a session snapshot.

`load_projector_content(library, session_id)` runs on the DB worker; the views only ever
see the dataclasses below (no ORM objects cross threads). `projector_content(snapshot)` is
the pure part.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, time

from workshop.capture.queue import default_minutes
from workshop.i18n import _
from workshop.model import ItemKind
from workshop.readmodel.harvest import reporting_rounds
from workshop.readmodel.records import AgendaEntry, RoundInfo
from workshop.readmodel.snapshot import Part, SessionSnapshot, load_snapshot
from workshop.store.library import Library

#: "Ronde 2", "round 2", "ronde: 2" in a Live step's title (any language the app speaks)
ROUND_IN_STEP = re.compile(r"\b(?:ronde|round)\s*:?\s*(\d+)\b")

#: The parts of a session the projector reads.
PROJECTOR_PARTS = frozenset({Part.AGENDA, Part.ROUNDS, Part.PITCHES, Part.NOTES})


@dataclass(frozen=True)
class Member:
    id: int
    name: str
    host: bool
    rapporteur: bool


@dataclass(frozen=True)
class GroupEntry:
    id: int
    number: int  # 1-based, as the room reads it
    name: str
    table_name: str
    theme: str
    members: tuple[Member, ...]
    report_position: int | None
    speaking_minutes: float | None

    @property
    def title(self) -> str:
        """'Groep 3'."""
        return self.name.strip() or _("Group {n}").format(n=self.number)

    @property
    def table_line(self) -> str:
        """'Tafel “Energiegemeenschappen”', 'Tafel 3 · “Energie”', 'Tafel 3' or ''."""
        table = self.table_name.strip()
        theme = self.theme.strip()
        if table and theme:
            return f"{table} · “{theme}”"
        if theme:
            return _("Table “{theme}”").format(theme=theme)
        return table

    @property
    def label(self) -> str:
        """One line: 'Groep 3 · Tafel “Energiegemeenschappen”'."""
        return " · ".join(part for part in (self.title, self.table_line) if part)


@dataclass(frozen=True)
class RoundEntry:
    id: int
    number: int
    title: str
    agenda_item_id: int | None
    groups: tuple[GroupEntry, ...]

    def reporting_order(self) -> tuple[GroupEntry, ...]:
        """Groups in the order they report back (set order first, then by position)."""
        return tuple(
            sorted(
                self.groups,
                key=lambda g: (g.report_position is None, g.report_position or 0, g.number),
            )
        )


@dataclass(frozen=True)
class NoteEntry:
    id: int
    group_id: int | None
    agenda_item_id: int | None
    kind: str
    text: str
    position: int


@dataclass(frozen=True)
class ReviewEntry:
    """An action of an earlier meeting, as "Terugblik acties" shows it."""

    what: str
    who: str
    due: date | None
    status: str  # workshop.series.actions.ActionStatus value
    overdue: bool


@dataclass(frozen=True)
class ProjectorContent:
    session_id: int
    title: str
    subtitle: str
    date: date | None
    start_time: time | None
    end_time: time | None
    place: str
    organiser: str
    welcome_line: str
    agenda: tuple[AgendaEntry, ...]
    current_item_id: int | None
    rounds: tuple[RoundEntry, ...]
    notes: tuple[NoteEntry, ...]
    #: co-host organisations (name, logo PNG or None), for the welcome picture
    cohosts: tuple[tuple[str, bytes | None], ...] = ()
    #: plenary item id -> the round whose groups report back there (readmodel.harvest)
    harvest: dict[int, int] = field(default_factory=dict, compare=False)
    #: item id -> its typed speaking queue (pitches of initiatives or cities) shown like a
    #: round (id: minus the item id); never one of `rounds`
    pitches: dict[int, RoundEntry] = field(default_factory=dict, compare=False)
    #: a meeting of a series with a "Terugblik acties" item: the actions it looks back on
    review: tuple[ReviewEntry, ...] = ()

    def item(self, item_id: int | None) -> AgendaEntry | None:
        return next((i for i in self.agenda if i.id == item_id), None)

    def index_of(self, item_id: int | None) -> int | None:
        return next((n for n, i in enumerate(self.agenda) if i.id == item_id), None)

    def current_item(self) -> AgendaEntry | None:
        """The running item, or the first one before the start."""
        found = self.item(self.current_item_id)
        if found is None and self.agenda:
            return self.agenda[0]
        return found

    def next_item(self, item_id: int | None) -> AgendaEntry | None:
        index = self.index_of(item_id)
        if index is None or index + 1 >= len(self.agenda):
            return None
        return self.agenda[index + 1]

    def round(self, round_id: int | None, item_id: int | None) -> RoundEntry | None:
        """The chosen round; else the first round of the item (the Live step or the
        facilitator moves it on); else the last round of the nearest earlier item with
        rounds (what a plenary harvest reports on); else the latest round."""
        chosen = next((r for r in self.rounds if r.id == round_id), None)
        if chosen is not None:
            return chosen
        of_item = self.rounds_of(item_id)
        if of_item:
            return of_item[0]
        harvested = next((r for r in self.rounds if r.id == self.harvest.get(item_id or -1)), None)
        if harvested is not None:
            return harvested
        if item_id in self.pitches:
            return self.pitches[item_id]
        # The round of the latest breakout item at or before this one (terugkoppeling after
        # subgroepen reports on that round).
        index = self.index_of(item_id)
        if index is not None:
            for earlier in reversed(self.agenda[: index + 1]):
                linked = [r for r in self.rounds if r.agenda_item_id == earlier.id]
                if linked:
                    return linked[-1]
        return self.rounds[-1] if self.rounds else None

    def rounds_of(self, item_id: int | None) -> tuple[RoundEntry, ...]:
        """The rounds formed for this agenda item, by number."""
        if item_id is None:
            return ()
        return tuple(r for r in self.rounds if r.agenda_item_id == item_id)

    def round_of_group(self, group_id: int | None) -> RoundEntry | None:
        """The round a group sits in."""
        return next((r for r in self.rounds if any(g.id == group_id for g in r.groups)), None)

    def round_for_step(
        self, item_id: int | None, step_index: int, step_titles: tuple[str, ...]
    ) -> RoundEntry | None:
        """The round a Live step of this item runs, or None when the step is no round.

        A step titled like a round's own title, or "Ronde 2" / "Round 2", runs that round of
        the item; failing that, with as many steps as rounds, step n runs round n.
        """
        rounds = self.rounds_of(item_id)
        if not rounds or not 0 <= step_index < len(step_titles):
            return None
        title = " ".join(step_titles[step_index].split()).casefold()
        for rnd in rounds:
            if rnd.title.strip() and rnd.title.strip().casefold() == title:
                return rnd
        numbered = ROUND_IN_STEP.search(title)
        if numbered is not None:
            number = int(numbered.group(1))
            found = next((r for r in rounds if r.number == number), None)
            if found is None and 1 <= number <= len(rounds):
                found = rounds[number - 1]
            return found
        if len(step_titles) == len(rounds):
            return rounds[step_index]
        return None

    def speaking_minutes(self, item_id: int) -> float | None:
        """Speaking time per group or pitch of an item: its own default, else its planned
        minutes shared over its queue (the round that reports there and its pitches)."""
        item = self.item(item_id)
        if item is None:
            return None
        rnd = next((r for r in self.rounds if r.id == self.harvest.get(item_id)), None)
        pitches = self.pitches.get(item_id)
        count = (len(rnd.groups) if rnd else 0) + (len(pitches.groups) if pitches else 0)
        return default_minutes(item, count)

    def notes_for_group(self, group_id: int) -> tuple[NoteEntry, ...]:
        return tuple(n for n in self.notes if n.group_id == group_id)


def load_projector_content(library: Library, session_id: int) -> ProjectorContent:
    """Read everything the projector may show (run on the DB worker)."""
    content = projector_content(load_snapshot(library, session_id, PROJECTOR_PARTS))
    if not content.cohosts:  # a meeting of a series without its own: the series' co-hosts
        content = replace(content, cohosts=_series_cohosts(library, session_id))
    if not any(i.kind == ItemKind.TERUGBLIK_ACTIES.value for i in content.agenda):
        return content
    return replace(content, review=_review(library, session_id, content.date))


def _series_cohosts(library: Library, session_id: int) -> tuple[tuple[str, bytes | None], ...]:
    from workshop.series.queries import series_cohosts

    with library.read() as db:
        return series_cohosts(db, session_id)


def _review(library: Library, session_id: int, day: date | None) -> tuple[ReviewEntry, ...]:
    from workshop.series.review import actions_to_review

    return tuple(
        ReviewEntry(a.what, a.who, a.due, a.status, a.overdue)
        for a in actions_to_review(library, session_id, today=day)
    )


def projector_content(snapshot: SessionSnapshot) -> ProjectorContent:
    """The projector's view of a snapshot (pure)."""
    s = snapshot.session
    return ProjectorContent(
        session_id=s.id,
        title=s.title,
        subtitle=s.subtitle,
        date=s.date,
        start_time=s.start_time,
        end_time=s.end_time,
        place=s.place,
        organiser=s.organiser,
        welcome_line=s.welcome_line,
        agenda=snapshot.agenda,
        current_item_id=s.current_item_id,
        rounds=tuple(_round_entry(r) for r in snapshot.rounds),
        notes=tuple(
            NoteEntry(n.id, n.group_id, n.agenda_item_id, n.kind, n.text, n.position)
            for n in snapshot.notes
        ),
        cohosts=s.cohosts,
        harvest=reporting_rounds(snapshot),
        pitches=_pitches(snapshot),
    )


def _pitches(snapshot: SessionSnapshot) -> dict[int, RoundEntry]:
    """Per item with a typed speaking queue: its pitches shown like a round."""
    out = {}
    for item in snapshot.agenda:
        entries = snapshot.pitches_of(item.id)
        if not entries:
            continue
        groups = []
        for n, entry in enumerate(entries, start=1):
            team = snapshot.group(entry.team_id) if entry.team_id is not None else None
            groups.append(
                GroupEntry(
                    id=entry.id,
                    number=n,
                    name=entry.name,
                    # the pitch's team, shown after its name ("De Buurtbus · Team 1")
                    table_name=team.title if team is not None else "",
                    theme="",
                    members=(),
                    report_position=entry.position,
                    speaking_minutes=entry.speaking_minutes,
                )
            )
        out[item.id] = RoundEntry(-item.id, 0, item.title, item.id, tuple(groups))
    return out


def _round_entry(rnd: RoundInfo) -> RoundEntry:
    groups = []
    for n, group in enumerate(rnd.groups, start=1):
        members = tuple(
            Member(
                id=m.participant_id,
                name=m.name,
                host=m.participant_id == group.host_id,
                rapporteur=m.participant_id == group.rapporteur_id,
            )
            for m in group.members
        )
        # The host first: the room looks for who leads the table.
        members = tuple(sorted(members, key=lambda m: not m.host))
        groups.append(
            GroupEntry(
                id=group.id,
                number=n,
                name=group.name,
                table_name=group.table_name,
                theme=group.theme,
                members=members,
                report_position=group.report_position,
                speaking_minutes=group.speaking_minutes,
            )
        )
    return RoundEntry(rnd.id, rnd.number, rnd.title, rnd.agenda_item_id, tuple(groups))
