"""Absorbing a late arrival or someone leaving without reshuffling the room.

Leavers are taken out; arrivals sit down at a smallest open table (the one where they
meet fewest people they met before, colleagues and keep-apart partners); then, only while
open tables differ by more than one seat, one person moves from a largest to a smallest
table (the cheapest such move). Hosts and locked tables stay as they are.
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import replace

from workshop.grouping.api import Person, PersonId, PlannedGroup, PlanRequest
from workshop.grouping.layout import PlanError
from workshop.grouping.quality import norm, pair
from workshop.i18n import N_, plural

REPEAT, MIX_FIRST, MIX_OTHER, HARD, THEME = 10.0, 8.0, 4.0, 1000.0, 200.0


class _Costs:
    def __init__(self, request: PlanRequest) -> None:
        self.request = request
        self.people = {p.id: p for p in request.people}
        self.history = {k: v for k, v in request.history.items() if len(k) == 2}
        self.rules: dict[frozenset, float] = {}
        for a, b in request.keep_apart:
            self.rules[pair(a, b)] = self.rules.get(pair(a, b), 0.0) + HARD
        for a, b in request.keep_together:
            self.rules[pair(a, b)] = self.rules.get(pair(a, b), 0.0) - HARD

    def person(self, pid: PersonId) -> Person:
        return self.people.get(pid) or Person(pid, str(pid))

    def meeting(self, a: PersonId, b: PersonId) -> float:
        key = pair(a, b)
        cost = REPEAT * self.history.get(key, 0) + self.rules.get(key, 0.0)
        pa, pb = self.person(a), self.person(b)
        for k, attr in enumerate(self.request.mix_on):
            va = norm(pa.attributes.get(attr, ""))
            if va and va == norm(pb.attributes.get(attr, "")):
                cost += MIX_FIRST if k == 0 else MIX_OTHER
        return cost

    def seat(self, pid: PersonId, members: list[PersonId], theme: str) -> float:
        cost = sum(self.meeting(pid, x) for x in members if x != pid)
        p = self.person(pid)
        if self.request.by_theme and theme and p.theme.strip() and norm(p.theme) != norm(theme):
            cost += THEME * (1 if norm(p.second_theme) == norm(theme) else 4)
        return cost


def absorb_change(
    current: tuple[PlannedGroup, ...],
    present: Set[PersonId],
    request: PlanRequest,
    locked: Set[int] = frozenset(),
) -> tuple[PlannedGroup, ...]:
    """The current round with leavers out and arrivals in, changing as few seats as possible.

    `present` is who is in the room now; `request` gives people, rules and history (the
    earlier rounds); `locked` are table numbers that must not change except for leavers.
    """
    if not current:
        from workshop.grouping.planner import plan_rounds

        people = tuple(p for p in request.people if p.id in present)
        return plan_rounds(replace(request, people=people, rounds=1, fixed=())).rounds[0]
    costs = _Costs(request)
    groups = [[m for m in g.members if m in present] for g in current]
    seated = {m for g in groups for m in g}
    order = [p.id for p in request.people if p.id in present and p.id not in seated]
    order += sorted((pid for pid in present if pid not in seated and pid not in order), key=str)
    open_groups = [g for g in range(len(groups)) if g not in locked]
    if order and not open_groups:
        raise PlanError(
            plural(
                len(order),
                N_("All tables are locked; unlock one to seat {count} person"),
                N_("All tables are locked; unlock one to seat {count} people"),
            ).format(count=len(order))
        )
    hosts = {g.host for g in current if g.host is not None}
    together: dict[PersonId, set[PersonId]] = {}
    for a, b in request.keep_together:
        together.setdefault(a, set()).add(b)
        together.setdefault(b, set()).add(a)
    for pid in order:
        smallest = min(len(groups[g]) for g in open_groups)
        candidates = [g for g in open_groups if len(groups[g]) == smallest]
        # a table where someone they must sit with already is (rebalancing follows)
        candidates += [
            g
            for g in open_groups
            if g not in candidates and together.get(pid, set()) & set(groups[g])
        ]
        best = min(candidates, key=lambda g: (costs.seat(pid, groups[g], current[g].theme), g))
        groups[best].append(pid)
    # Rebalance: one seat at a time, largest open table to smallest.
    while open_groups:
        sizes = {g: len(groups[g]) for g in open_groups}
        big, small = max(sizes.values()), min(sizes.values())
        if big - small <= 1:
            break
        best_move = None
        for g in (g for g in open_groups if sizes[g] == big):
            for pid in groups[g]:
                if pid in hosts:
                    continue
                leave = costs.seat(pid, groups[g], current[g].theme)
                for h in (h for h in open_groups if sizes[h] == small):
                    d = costs.seat(pid, groups[h], current[h].theme) - leave
                    if best_move is None or d < best_move[0]:
                        best_move = (d, pid, g, h)
        if best_move is None:
            break
        _d, pid, g, h = best_move
        groups[g].remove(pid)
        groups[h].append(pid)
    out = []
    for group, members in zip(current, groups, strict=True):
        host = group.host if group.host in members else None
        out.append(PlannedGroup(tuple(members), group.theme, host))
    return tuple(out)
