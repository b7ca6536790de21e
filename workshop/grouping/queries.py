"""Breakout rounds as plain data, and how good they are (repeats, clashes)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from workshop.model import (
    AgendaItem,
    BreakoutGroup,
    BreakoutRound,
    ItemKind,
    Membership,
    Participant,
)
from workshop.store.library import Library


@dataclass(frozen=True)
class MemberInfo:
    participant_id: int
    name: str
    organisation: str
    role: str
    presence: str
    theme_preference: str


@dataclass(frozen=True)
class GroupInfo:
    id: int
    position: int
    name: str
    table_name: str
    theme: str
    host_id: int | None
    rapporteur_id: int | None
    locked: bool
    report_position: int | None
    members: tuple[MemberInfo, ...]

    @property
    def title(self) -> str:
        return self.name or self.table_name

    def member_ids(self) -> tuple[int, ...]:
        return tuple(m.participant_id for m in self.members)


@dataclass(frozen=True)
class RoundInfo:
    id: int
    number: int
    agenda_item_id: int | None
    settings: dict
    groups: tuple[GroupInfo, ...]

    def placed(self) -> set[int]:
        return {pid for g in self.groups for pid in g.member_ids()}


@dataclass(frozen=True)
class ItemChoice:
    id: int
    position: int
    title: str
    kind: str
    has_groups: bool = False  # rounds were formed for this item


def default_group_item(items: list[ItemChoice]) -> ItemChoice | None:
    """The item the Groepen page opens on: the first (by agenda order) that has groups,
    else the first item groups can be formed for."""
    with_groups = sorted((i for i in items if i.has_groups), key=lambda i: i.position)
    return with_groups[0] if with_groups else (items[0] if items else None)


def group_items(library: Library, session_id: int) -> list[ItemChoice]:
    """Agenda items groups can be formed for: subgroepen items first, then those with rounds,
    then the rest (a World Café or 1-2-4-All may hide under another kind)."""
    with library.read() as db:
        items = db.scalars(
            select(AgendaItem)
            .where(AgendaItem.session_id == session_id)
            .order_by(AgendaItem.position)
        ).all()
        with_rounds = set(
            db.scalars(
                select(BreakoutRound.agenda_item_id).where(BreakoutRound.session_id == session_id)
            )
        )
        choices = [
            ItemChoice(i.id, i.position, i.title, i.kind, i.id in with_rounds) for i in items
        ]

    def rank(choice: ItemChoice) -> tuple[int, int]:
        if choice.kind == ItemKind.SUBGROEPEN.value:
            return (0, choice.position)
        return (1 if choice.id in with_rounds else 2, choice.position)

    return sorted(choices, key=rank)


def item_rounds(library: Library, session_id: int, item_id: int | None) -> list[RoundInfo]:
    """The rounds of one agenda item, in order, with their groups and members.

    Three flat queries (rounds, groups, seats joined with people): a room of 500 over five
    rounds loads in a fraction of what per-object loading takes.
    """
    with library.read() as db:
        scope = BreakoutRound.session_id == session_id
        if item_id is None:
            scope &= BreakoutRound.agenda_item_id.is_(None)
        else:
            scope &= BreakoutRound.agenda_item_id == item_id
        rounds = db.execute(
            select(
                BreakoutRound.id,
                BreakoutRound.number,
                BreakoutRound.agenda_item_id,
                BreakoutRound.settings,
            )
            .where(scope)
            .order_by(BreakoutRound.number, BreakoutRound.id)
        ).all()
        round_ids = [r.id for r in rounds]
        groups = (
            db.execute(
                select(BreakoutGroup)
                .where(BreakoutGroup.round_id.in_(round_ids))
                .order_by(BreakoutGroup.position, BreakoutGroup.id)
            )
            .scalars()
            .all()
        )
        seats = db.execute(
            select(
                Membership.group_id,
                Participant.id,
                Participant.name,
                Participant.organisation,
                Participant.role,
                Participant.presence,
                Participant.theme_preference,
            )
            .join(Participant, Membership.participant_id == Participant.id)
            .where(Membership.round_id.in_(round_ids))
            .order_by(Membership.seat, Membership.id)
        ).all()
        members: dict[int, list[MemberInfo]] = {}
        for row in seats:
            members.setdefault(row[0], []).append(MemberInfo(*row[1:]))
        by_round: dict[int, list[GroupInfo]] = {}
        for g in groups:
            by_round.setdefault(g.round_id, []).append(
                GroupInfo(
                    g.id,
                    g.position,
                    g.name,
                    g.table_name,
                    g.theme,
                    g.host_id,
                    g.rapporteur_id,
                    g.locked,
                    g.report_position,
                    tuple(members.get(g.id, ())),
                )
            )
        return [
            RoundInfo(
                r.id,
                r.number,
                r.agenda_item_id,
                dict(r.settings or {}),
                tuple(by_round.get(r.id, ())),
            )
            for r in rounds
        ]


def session_meetings(
    library: Library, session_id: int, except_item: int | None = None
) -> Counter[frozenset]:
    """How often each pair met in the session's rounds (other items only, when given)."""
    met: Counter[frozenset] = Counter()
    with library.read() as db:
        rounds = db.scalars(
            select(BreakoutRound)
            .where(BreakoutRound.session_id == session_id)
            .options(selectinload(BreakoutRound.groups).selectinload(BreakoutGroup.memberships))
        ).all()
        for rnd in rounds:
            if except_item is not None and rnd.agenda_item_id == except_item:
                continue
            for group in rnd.groups:
                ids = [m.participant_id for m in group.memberships]
                met.update(frozenset(p) for p in combinations(ids, 2))
    return met


@dataclass(frozen=True)
class RoundsQuality:
    """Figures shown beside the groups."""

    repeated_pairs: int  # a pair meeting k > 1 times counts k - 1
    max_meetings: int
    organisation_clashes: int  # pairs from one organisation at one table
    size_spread: int  # largest minus smallest group, worst round
    theme_misses: int  # people at a themed table that is not their first choice


def measure(rounds: Sequence[RoundInfo]) -> RoundsQuality:
    met: Counter[frozenset] = Counter()
    clashes = 0
    spread = 0
    misses = 0
    for rnd in rounds:
        sizes = [len(g.members) for g in rnd.groups]
        if sizes:
            spread = max(spread, max(sizes) - min(sizes))
        for group in rnd.groups:
            met.update(frozenset(p) for p in combinations(group.member_ids(), 2))
            clashes += _clashes(m.organisation for m in group.members)
            if group.theme:
                misses += sum(
                    1
                    for m in group.members
                    if m.theme_preference
                    and m.theme_preference.casefold() != group.theme.casefold()
                )
    repeated = sum(k - 1 for k in met.values() if k > 1)
    return RoundsQuality(repeated, max(met.values(), default=0), clashes, spread, misses)


def _clashes(values: Iterable[str]) -> int:
    counts = Counter(v.strip().casefold() for v in values if v.strip())
    return sum(n * (n - 1) // 2 for n in counts.values())
