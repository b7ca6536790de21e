"""Planning groups for a session's agenda item: from stored people to stored rounds.

The Groepen page and `workshop groups SESSION --item ITEM ...` both go through here:
`build_request` turns the session's present people, the locked groups and earlier meetings into
a `PlanRequest`; `run_planner` calls the planner; `specs_from_result` turns its answer into
`GroupSpec`s that `StoreRounds` stores (one undoable step). `absorb_command` seats late
arrivals and frees the seats of people who left, changing as few seats as possible.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from workshop.capture.speakers import fold
from workshop.csv_export import csv_text
from workshop.errors import CommandError
from workshop.grouping.api import (
    FixedGroup,
    Person,
    PersonId,
    PlannedGroup,
    PlanRequest,
    PlanResult,
)
from workshop.grouping.commands import GroupSpec, StoreRounds
from workshop.grouping.queries import RoundInfo, item_rounds, session_meetings
from workshop.grouping.self_select import (
    Chooser,
    SelfSelection,
    cases_from_initiatives,
    self_select,
)
from workshop.i18n import N_, _, plural
from workshop.model import BreakoutGroup, BreakoutRound, QueueEntry
from workshop.people.queries import PersonInfo, list_people
from workshop.readmodel.snapshot import Part, load_snapshot
from workshop.store.library import Library

#: Attributes people can be mixed on: name -> header words accepted on the command line.
MIX_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "organisation": ("organisation", "organisatie", "organization", "org"),
    "role": ("role", "rol", "functie"),
    "initiative": ("initiative", "initiatief"),
    "involvement": ("involvement", "betrokkenheid"),
}


@dataclass(frozen=True)
class PlanOptions:
    """What the facilitator asked for (stored with each round as its settings)."""

    rounds: int = 1
    group_size: int | None = 6
    group_count: int | None = None
    mix_on: tuple[str, ...] = ("organisation",)
    by_theme: bool = False
    keep_together: tuple[tuple[int, int], ...] = ()
    keep_apart: tuple[tuple[int, int], ...] = ()
    hosts: tuple[tuple[int, int], ...] = ()  # (participant, group index): stays all rounds
    keep_locked: bool = True
    #: a meeting of a series: who sat together at its earlier meetings counts as met
    series_history: bool = True
    #: with series history: themed (regional) tables stay as they are; people of one theme
    #: may meet again, the history only mixes the rest
    keep_themes_stable: bool = False
    seed: int | None = None
    time_limit: float = 2.0

    def settings(self) -> dict:
        data = asdict(self)
        data["keep_together"] = [list(p) for p in self.keep_together]
        data["keep_apart"] = [list(p) for p in self.keep_apart]
        data["hosts"] = [list(h) for h in self.hosts]
        data["mix_on"] = list(self.mix_on)
        return data

    @classmethod
    def from_settings(cls, data: dict) -> PlanOptions:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        for key in ("keep_together", "keep_apart", "hosts"):
            if key in known:
                known[key] = tuple(tuple(p) for p in known[key])
        for key in ("mix_on",):
            if key in known:
                known[key] = tuple(known[key])
        return cls(**known)


@dataclass
class PlanContext:
    """A request plus what is needed to store its answer."""

    request: PlanRequest
    options: PlanOptions
    session_id: int
    item_id: int | None
    locked: dict[tuple[int, int], tuple[int, ...]] = field(default_factory=dict)


def planner_person(person: PersonInfo) -> Person:
    return Person(
        id=person.id,
        name=person.name,
        attributes={
            "organisation": person.organisation,
            "role": person.role,
            "initiative": person.initiative,
            "involvement": person.involvement,
        },
        theme=person.theme_preference,
        second_theme=person.second_theme,
    )


def check_options(options: PlanOptions, present: int) -> None:
    if options.rounds < 1 or options.rounds > 20:
        raise CommandError(_("The number of rounds must be between 1 and 20"))
    if options.group_count is not None:
        if options.group_count < 1:
            raise CommandError(_("The number of groups must be at least 1"))
        if present and options.group_count > present:
            raise CommandError(
                _("{groups} groups need at least {groups} people; {n} are present").format(
                    groups=options.group_count, n=present
                )
            )
    elif options.group_size is None or options.group_size < 2:
        raise CommandError(_("A group needs at least 2 people"))
    if present < 2:
        raise CommandError(
            plural(
                present,
                N_("Only {n} person is present; check people in on the Participants page first"),
                N_("Only {n} people are present; check people in on the Participants page first"),
            ).format(n=present)
        )


def build_request(
    library: Library, session_id: int, item_id: int | None, options: PlanOptions
) -> PlanContext:
    """The planner request for an item: present people, locked groups, earlier meetings."""
    people = [p for p in list_people(library, session_id) if p.is_present]
    check_options(options, len(people))
    present = {p.id for p in people}
    fixed: list[FixedGroup] = []
    locked: dict[tuple[int, int], tuple[int, ...]] = {}
    if options.keep_locked:
        for r_index, rnd in enumerate(item_rounds(library, session_id, item_id)[: options.rounds]):
            for group in rnd.groups:
                if group.locked:
                    members = tuple(pid for pid in group.member_ids if pid in present)
                    fixed.append(FixedGroup(r_index, group.position, members))
                    locked[(r_index, group.position)] = members
    history = {
        pair: n
        for pair, n in session_meetings(library, session_id, except_item=item_id).items()
        if pair <= present
    }
    by_theme = options.by_theme
    if options.series_history:
        earlier = series_history(library, session_id, present)
        if options.keep_themes_stable:
            by_theme = True
            theme_of = {p.id: fold(p.theme_preference).casefold() for p in people}
            earlier = {pair: n for pair, n in earlier.items() if not _same_theme(pair, theme_of)}
        for pair, n in earlier.items():
            history[pair] = history.get(pair, 0) + n
    hosts: dict[PersonId, int] = {pid: index for pid, index in options.hosts if pid in present}
    pairs_ok = lambda pairs: tuple(p for p in pairs if set(p) <= present)  # noqa: E731
    request = PlanRequest(
        people=tuple(planner_person(p) for p in people),
        rounds=options.rounds,
        group_size=None if options.group_count else options.group_size,
        group_count=options.group_count,
        mix_on=options.mix_on,
        by_theme=by_theme,
        themes=tuple(sorted({p.theme_preference for p in people if p.theme_preference})),
        keep_together=pairs_ok(options.keep_together),
        keep_apart=pairs_ok(options.keep_apart),
        hosts=hosts,
        fixed=tuple(fixed),
        history=history,
        seed=options.seed,
        time_limit=options.time_limit,
    )
    return PlanContext(request, options, session_id, item_id, locked)


def _same_theme(pair: frozenset, theme_of: dict[int, str]) -> bool:
    themes = {theme_of.get(pid, "") for pid in pair}
    return len(themes) == 1 and "" not in themes


def series_history(library: Library, session_id: int, present: set[int]) -> dict:
    """Pairs of present people -> times they sat together at earlier meetings of the series."""
    from workshop.series.encounters import history_for_session

    with library.read() as db:
        found = history_for_session(db, session_id)
    return {pair: n for pair, n in found.items() if pair <= present}


def run_planner(request: PlanRequest) -> PlanResult:
    """Call the planner (pure computation: run it off the UI thread)."""
    from workshop.grouping.planner import plan_rounds

    return plan_rounds(request)


def specs_from_result(result: PlanResult) -> list[list[GroupSpec]]:
    out = []
    for groups in result.rounds:
        out.append(
            [
                GroupSpec(
                    members=tuple(int(pid) for pid in g.members),
                    theme=g.theme,
                    host_id=int(g.host) if g.host is not None else None,
                )
                for g in groups
            ]
        )
    return out


def store_command(context: PlanContext, result: PlanResult, label: str = "") -> StoreRounds:
    """The undoable step that stores a planner answer for the context's item."""
    specs = specs_from_result(result)
    for (r_index, g_index), members in context.locked.items():  # locked groups stay exactly
        if r_index < len(specs) and g_index < len(specs[r_index]):
            planned = specs[r_index][g_index]
            if set(planned.members) != set(members):
                raise CommandError(_("The planner changed a locked group; nothing was stored"))
    settings = context.options.settings() | {"method": result.method}
    return StoreRounds(context.session_id, context.item_id, specs, settings, label)


def plan_command(
    library: Library, session_id: int, item_id: int | None, options: PlanOptions, label: str = ""
) -> tuple[StoreRounds, PlanResult]:
    """Build, plan and wrap in one go (CLI, demo, tests; the UI plans off its thread)."""
    context = build_request(library, session_id, item_id, options)
    result = run_planner(context.request)
    return store_command(context, result, label), result


class StoreTeamsByChoice(StoreRounds):
    """Store teams by choice, and link each pitch of the session whose name is a team's
    case to that team (so the verslag reports per initiative). Undo unlinks them again."""

    def apply(self, db: OrmSession) -> None:
        super().apply(db)
        db.flush()
        groups = db.scalars(
            select(BreakoutGroup)
            .join(BreakoutRound, BreakoutGroup.round_id == BreakoutRound.id)
            .where(_item_scope(self.session_id, self.item_id), BreakoutRound.number == 1)
        ).all()
        by_case = {fold(g.theme): g.id for g in groups if fold(g.theme)}
        for entry in db.scalars(select(QueueEntry).where(QueueEntry.session_id == self.session_id)):
            team = by_case.get(fold(entry.name))
            if team is not None:
                entry.group_id = team


def _item_scope(session_id: int, item_id: int | None):
    where = BreakoutRound.session_id == session_id
    if item_id is None:
        return where & BreakoutRound.agenda_item_id.is_(None)
    return where & (BreakoutRound.agenda_item_id == item_id)


def self_select_command(
    library: Library, session_id: int, item_id: int | None, max_per_team: int
) -> tuple[StoreTeamsByChoice, SelfSelection]:
    """Teams by choice: one team per initiative (from the participants' *initiatief*),
    hosted by whoever brings it; the present people's chosen cases (preferred theme, then
    second theme, as the facilitator recorded them) filled up to `max_per_team`."""
    # in the order people were registered (the list on the door), not by name
    people = sorted(
        (p for p in list_people(library, session_id) if p.is_present), key=lambda p: p.id
    )
    cases = cases_from_initiatives([(p.id, p.initiative) for p in people])
    if not cases:
        raise CommandError(
            _("Nobody present brings an initiative: fill in the initiative column first")
        )
    if max_per_team < 1:
        raise CommandError(_("The maximum per team must be at least 1"))
    choosers = [
        Chooser(p.id, tuple(c for c in (p.theme_preference, p.second_theme) if c.strip()))
        for p in people
    ]
    result = self_select(choosers, cases, max_per_team)
    specs = [
        GroupSpec(
            members=team.members,
            theme=team.case,
            host_id=team.host_id,
            name=_("Team {n}").format(n=n),
        )
        for n, team in enumerate(result.teams, start=1)
    ]
    settings = {"method": "self_select", "max_per_team": max_per_team, "rounds": 1}
    command = StoreTeamsByChoice(session_id, item_id, [specs], settings, _("Teams by choice"))
    return command, result


def absorb_command(library: Library, session_id: int, item_id: int | None) -> StoreRounds | None:
    """Seat late arrivals and free the seats of people no longer present, in every round of
    the item, with as few seat changes as possible; None when nothing needs to change."""
    from workshop.grouping.absorb import absorb_change

    people = list_people(library, session_id)
    present = {p.id for p in people if p.is_present}
    rounds = item_rounds(library, session_id, item_id)
    if not rounds or all(rnd.placed() == present for rnd in rounds):
        return None
    options = PlanOptions.from_settings(rounds[0].settings)
    earlier: Counter[frozenset] = session_meetings(library, session_id, except_item=item_id)
    plan: list[list[GroupSpec]] = []
    for rnd in rounds:
        history = Counter(earlier)
        for other in rounds:
            if other.id != rnd.id:
                for group in other.groups:
                    ids = group.member_ids
                    history.update(
                        frozenset((a, b)) for i, a in enumerate(ids) for b in ids[i + 1 :]
                    )
        request = PlanRequest(
            people=tuple(planner_person(p) for p in people if p.id in present),
            rounds=1,
            group_size=options.group_size,
            group_count=options.group_count,
            mix_on=options.mix_on,
            by_theme=options.by_theme,
            keep_together=options.keep_together,
            keep_apart=options.keep_apart,
            history=dict(history),
        )
        current = tuple(
            PlannedGroup(g.member_ids, g.theme, g.host_id if g.host_id in present else None)
            for g in rnd.groups
        )
        locked = {g.position for g in rnd.groups if g.locked}
        absorbed = absorb_change(current, present, request, locked)
        plan.append([GroupSpec(tuple(int(m) for m in g.members)) for g in absorbed])
    return StoreRounds(
        session_id, item_id, plan, dict(rounds[0].settings), _("Absorb arrivals and departures")
    )


# --- command line: `workshop groups SESSION --item ITEM ...` --------------------------------


def find_item(library: Library, session_id: int, ref: str) -> int:
    """An agenda item by its number in the agenda (1, 2, ...) or (part of) its title."""
    agenda = load_snapshot(library, session_id, {Part.AGENDA}).agenda
    choices = [(i.id, i.title) for i in agenda]
    ref = ref.strip()
    if ref.isdigit() and 1 <= int(ref) <= len(choices):
        return choices[int(ref) - 1][0]
    exact = [cid for cid, title in choices if title.casefold() == ref.casefold()]
    if len(exact) == 1:
        return exact[0]
    partial = [cid for cid, title in choices if ref.casefold() in title.casefold()]
    if len(partial) == 1:
        return partial[0]
    listing = "; ".join(f"{n}. {title}" for n, (_id, title) in enumerate(choices, start=1))
    raise CommandError(
        _("No single agenda item matches “{ref}”. The agenda: {items}").format(
            ref=ref, items=listing or "-"
        )
    )


def mix_attribute(column: str) -> str:
    word = column.strip().casefold()
    for attribute, words in MIX_ATTRIBUTES.items():
        if word in words:
            return attribute
    raise CommandError(
        _("Cannot mix on “{column}”; choose from: {choices}").format(
            column=column, choices=", ".join(MIX_ATTRIBUTES)
        )
    )


def plan_csv(rounds: list[RoundInfo]) -> str:
    """The plan as CSV: round,group,name (one row per person per round)."""
    return csv_text(plan_rows(rounds))


def plan_rows(rounds: list[RoundInfo]) -> list[list[object]]:
    rows: list[list[object]] = [["round", "group", "name"]]
    for rnd in rounds:
        for group in rnd.groups:
            for member in group.members:
                rows.append([rnd.number, group.title or group.position + 1, member.name])
    return rows
