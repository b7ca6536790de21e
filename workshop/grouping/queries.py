"""Breakout rounds as plain data, and how good they are (repeats, clashes)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations

from workshop.model import ItemKind
from workshop.readmodel.order import agenda_key
from workshop.readmodel.records import GroupInfo, MemberInfo, RoundInfo
from workshop.readmodel.snapshot import Part, SessionSnapshot, load_snapshot
from workshop.store.library import Library

__all__ = [
    "GroupInfo",
    "ItemChoice",
    "MemberInfo",
    "RoundInfo",
    "RoundsQuality",
    "default_group_item",
    "group_items",
    "item_rounds",
    "measure",
    "session_meetings",
]


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
    with_groups = sorted((i for i in items if i.has_groups), key=agenda_key)
    return with_groups[0] if with_groups else (items[0] if items else None)


def item_choices(snapshot: SessionSnapshot) -> list[ItemChoice]:
    """Agenda items groups can be formed for: subgroepen items first, then those with rounds,
    then the rest (a World Café or 1-2-4-All may hide under another kind); each part in
    agenda order."""
    with_rounds = {r.agenda_item_id for r in snapshot.rounds}
    choices = [
        ItemChoice(i.id, i.position, i.title, i.kind, i.id in with_rounds) for i in snapshot.agenda
    ]

    def rank(choice: ItemChoice) -> int:
        if choice.kind == ItemKind.SUBGROEPEN.value:
            return 0
        return 1 if choice.has_groups else 2

    return sorted(choices, key=rank)  # stable: agenda order within a rank


def group_items(library: Library, session_id: int) -> list[ItemChoice]:
    """`item_choices` of the session (run on the DB worker)."""
    return item_choices(load_snapshot(library, session_id, {Part.AGENDA, Part.ROUNDS}))


def item_rounds(library: Library, session_id: int, item_id: int | None) -> list[RoundInfo]:
    """The rounds of one agenda item, by number, with their groups and members."""
    return list(load_snapshot(library, session_id, {Part.ROUNDS}).rounds_of(item_id))


def meetings(rounds: Iterable[RoundInfo], except_item: int | None = None) -> Counter[frozenset]:
    """How often each pair met in these rounds (other items only, when given)."""
    met: Counter[frozenset] = Counter()
    for rnd in rounds:
        if except_item is not None and rnd.agenda_item_id == except_item:
            continue
        for group in rnd.groups:
            met.update(frozenset(p) for p in combinations(group.member_ids, 2))
    return met


def session_meetings(
    library: Library, session_id: int, except_item: int | None = None
) -> Counter[frozenset]:
    """How often each pair met in the session's rounds (other items only, when given)."""
    return meetings(load_snapshot(library, session_id, {Part.ROUNDS}).rounds, except_item)


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
            met.update(frozenset(p) for p in combinations(group.member_ids, 2))
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
