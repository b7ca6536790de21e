"""Measuring a plan: repeated pairs, most meetings of a pair, clashes, theme misses, rules."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from workshop.grouping.api import PersonId, PlannedGroup, PlanRequest, Quality


def norm(value: str) -> str:
    return " ".join(value.split()).casefold()


def pair(a: PersonId, b: PersonId) -> frozenset:
    return frozenset((a, b))


def measure(request: PlanRequest, rounds: Sequence[Sequence[PlannedGroup]]) -> Quality:
    """The quality of `rounds` for `request` (history counts towards repeats).

    Pairs asked to stay together are not counted as repeats: they meet by request.
    """
    people = {p.id: p for p in request.people}
    together = {pair(a, b) for a, b in request.keep_together if a != b}
    apart = {pair(a, b) for a, b in request.keep_apart if a != b}
    history = {k: v for k, v in request.history.items() if len(k) == 2}
    meetings: Counter[frozenset] = Counter()
    clashes = 0
    theme_misses = second = 0
    broken = 0
    sizes_spread = 0
    values = {
        pid: [norm(p.attributes.get(attr, "")) for attr in request.mix_on]
        for pid, p in people.items()
    }
    for rnd in rounds:
        if rnd:
            sizes = [len(g.members) for g in rnd]
            sizes_spread = max(sizes_spread, max(sizes) - min(sizes))
        table_of: dict[PersonId, int] = {}
        for gi, group in enumerate(rnd):
            members = list(group.members)
            for i, a in enumerate(members):
                table_of[a] = gi
                for b in members[i + 1 :]:
                    key = pair(a, b)
                    meetings[key] += 1
                    if key in apart:
                        broken += 1
                    va, vb = values.get(a), values.get(b)
                    if va is None or vb is None:
                        continue
                    for x, y in zip(va, vb, strict=True):
                        if x and x == y:
                            clashes += 1
            if request.by_theme and group.theme:
                for a in members:
                    p = people.get(a)
                    if p is None or not p.theme.strip():
                        continue
                    if norm(p.theme) != norm(group.theme):
                        theme_misses += 1
                        if norm(p.second_theme) == norm(group.theme):
                            second += 1
        for key in together:
            a, b = tuple(key)
            if a in table_of and b in table_of and table_of[a] != table_of[b]:
                broken += 1
        for host, gi in request.hosts.items():
            if host in table_of and gi < len(rnd) and table_of[host] != gi:
                broken += 1
    repeated = 0
    most = 0
    for key, m in meetings.items():
        h = history.get(key, 0)
        total = m + h
        most = max(most, total)
        if key in together:
            continue
        repeated += max(0, total - 1) - max(0, h - 1)
    new_pairs = sum(1 for key in meetings if history.get(key, 0) == 0)
    return Quality(
        repeated_pairs=repeated,
        max_meetings=most,
        attribute_clashes=clashes,
        theme_misses=theme_misses,
        broken_rules=broken,
        second_choices=second,
        new_pairs=new_pairs,
        size_spread=sizes_spread,
    )
