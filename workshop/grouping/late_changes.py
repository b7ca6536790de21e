"""Absorbing a late arrival or a departure into a stored round with as few seat changes as possible.

Departed people leave their seats; each arrival takes a seat at one of the smallest unlocked
tables (the one where they meet the fewest people they met before and the fewest colleagues);
then, while unlocked tables differ by more than one, one person (never the host) moves from a
largest to a smallest table. Nobody else moves. Locked tables keep everyone still present.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass
class SeatGroup:
    """One table of a round while absorbing changes."""

    members: list[int]
    locked: bool = False
    host: int | None = None
    theme: str = ""


@dataclass(frozen=True)
class Absorbed:
    groups: list[SeatGroup]
    moved: int  # seats that changed (arrivals, departures and rebalancing moves)


def _cost(
    person: int,
    group: SeatGroup,
    met: Mapping[frozenset, int],
    org: Mapping[int, str],
    theme: Mapping[int, str],
) -> tuple[int, int, int]:
    repeats = sum(met.get(frozenset((person, other)), 0) for other in group.members)
    mine = org.get(person, "").casefold()
    clashes = sum(1 for other in group.members if mine and org.get(other, "").casefold() == mine)
    wrong_theme = int(
        bool(group.theme) and theme.get(person, "").casefold() != group.theme.casefold()
    )
    return (wrong_theme, clashes, repeats)


def absorb(
    groups: Sequence[SeatGroup],
    present: set[int],
    arrivals: Sequence[int],
    met: Mapping[frozenset, int] | None = None,
    organisation: Mapping[int, str] | None = None,
    theme: Mapping[int, str] | None = None,
) -> Absorbed:
    """New seating for one round: `present` people stay, `arrivals` get a seat."""
    met = met or Counter()
    org = organisation or {}
    themes = theme or {}
    out = [SeatGroup(list(g.members), g.locked, g.host, g.theme) for g in groups]
    moved = 0
    for group in out:
        kept = [pid for pid in group.members if pid in present]
        moved += len(group.members) - len(kept)
        group.members = kept
        if group.host not in kept:
            group.host = None
    open_groups = [g for g in out if not g.locked]
    if not open_groups:
        return Absorbed(out, moved)
    placed = {pid for g in out for pid in g.members}
    for person in arrivals:
        if person in placed:
            continue
        smallest = min(len(g.members) for g in open_groups)
        candidates = [g for g in open_groups if len(g.members) == smallest]
        best = min(candidates, key=lambda g: _cost(person, g, met, org, themes))
        best.members.append(person)
        placed.add(person)
        moved += 1
    while True:
        largest = max(open_groups, key=lambda g: len(g.members))
        smallest_group = min(open_groups, key=lambda g: len(g.members))
        if len(largest.members) - len(smallest_group.members) <= 1:
            break
        movable = [pid for pid in largest.members if pid != largest.host]
        if not movable:
            break

        def gain(pid: int, source: SeatGroup = largest, target: SeatGroup = smallest_group):
            rest = SeatGroup([m for m in source.members if m != pid], theme=source.theme)
            leave = _cost(pid, rest, met, org, themes)
            join = _cost(pid, target, met, org, themes)
            return tuple(j - lv for j, lv in zip(join, leave, strict=True))

        person = min(movable, key=gain)
        largest.members.remove(person)
        smallest_group.members.append(person)
        moved += 1
    return Absorbed(out, moved)
