"""Self-selection: people choose the team of a case (seed 002's pitch round, then small
teams), with a maximum per team and a fair fill of the rest.

Pure and deterministic. Whoever brings an initiative hosts its team and is seated first.
Then first choices are honoured in the order they were recorded (first come, first served,
as at the door or a show of hands), then second choices; whoever is left (no choice, or
their teams were full) goes to the team with the fewest people that still has room. Only
when every team is full does a team go over its maximum, and that is reported.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from workshop.capture.speakers import fold


@dataclass(frozen=True)
class Case:
    """A team to choose: its case (the initiative) and who brings it (hosts first)."""

    name: str
    bringers: tuple[int, ...] = ()


@dataclass(frozen=True)
class Chooser:
    """A participant and the cases they chose, first choice first (may be empty)."""

    id: int
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Team:
    case: str
    host_id: int | None
    members: tuple[int, ...]  # host first, then in the order they were seated


@dataclass(frozen=True)
class SelfSelection:
    teams: tuple[Team, ...]
    got_first: int  # people seated in their first choice (hosts not counted)
    got_other_choice: int  # seated in a later choice
    filled: tuple[int, ...]  # seated by the fair fill (no choice, or their choices were full)
    over_max: tuple[str, ...]  # cases whose team had to go over the maximum


def cases_from_initiatives(people: Sequence[tuple[int, str]]) -> list[Case]:
    """Distinct initiatives (accents, case and spaces ignored) in order of first appearance;
    whoever brings one is a bringer of its case."""
    order: list[str] = []
    names: dict[str, str] = {}
    bringers: dict[str, list[int]] = {}
    for person_id, initiative in people:
        key = fold(initiative)
        if not key:
            continue
        if key not in names:
            order.append(key)
            names[key] = " ".join(initiative.split())
        bringers.setdefault(key, []).append(person_id)
    return [Case(names[k], tuple(bringers[k])) for k in order]


def self_select(
    people: Sequence[Chooser], cases: Sequence[Case], max_per_team: int
) -> SelfSelection:
    """Seat everyone in `people` (and every bringer) in one team per case."""
    if not cases:
        raise ValueError("no cases to choose from")
    if max_per_team < 1:
        raise ValueError("the maximum per team must be at least 1")
    index = {fold(c.name): n for n, c in enumerate(cases)}
    members: list[list[int]] = [[] for _ in cases]
    seated: set[int] = set()
    for n, case in enumerate(cases):
        for person_id in case.bringers:
            if person_id not in seated:
                members[n].append(person_id)
                seated.add(person_id)

    def room(n: int) -> bool:
        return len(members[n]) < max_per_team

    choosers = [p for p in people if p.id not in seated]
    wanted = {p.id: [index[k] for k in map(fold, p.choices) if k in index] for p in choosers}
    depth = max((len(w) for w in wanted.values()), default=0)
    got_first = got_other = 0
    for rank in range(depth):
        for person in choosers:
            choices = wanted[person.id]
            if person.id in seated or rank >= len(choices) or not room(choices[rank]):
                continue
            members[choices[rank]].append(person.id)
            seated.add(person.id)
            if rank == 0:
                got_first += 1
            else:
                got_other += 1
    filled = []
    over: set[int] = set()
    for person in choosers:
        if person.id in seated:
            continue
        open_teams = [n for n in range(len(cases)) if room(n)] or list(range(len(cases)))
        target = min(open_teams, key=lambda n: (len(members[n]), n))
        if not room(target):
            over.add(target)
        members[target].append(person.id)
        seated.add(person.id)
        filled.append(person.id)
    for n, team in enumerate(members):
        if len(team) > max_per_team:
            over.add(n)
    teams = tuple(
        Team(case.name, case.bringers[0] if case.bringers else None, tuple(members[n]))
        for n, case in enumerate(cases)
    )
    return SelfSelection(
        teams,
        got_first,
        got_other,
        tuple(filled),
        tuple(cases[n].name for n in sorted(over)),
    )
