"""Placing real people on the points of a construction so that mixing is respected.

The construction fixes which points meet; the mapping decides who is which point. Members of
one organisation (and hosts, and keep-apart pairs) should sit on points that never or
rarely meet: first each organisation goes into a "row" of points that never meet (first fit,
largest first), then simulated annealing swaps people to lower the weighted meetings.
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Sequence

from workshop.grouping.designs import Construction


def meet_matrix(construction: Construction) -> list[list[int]]:
    n = construction.points
    meet = [[0] * n for _ in range(n)]
    for rnd in construction.schedule:
        for g in rnd:
            for i, a in enumerate(g):
                for b in g[i + 1 :]:
                    meet[a][b] += 1
                    meet[b][a] += 1
    return meet


def map_people(
    construction: Construction,
    weights: Sequence[dict[int, float]],
    classes: Sequence[Sequence[int]],
    rng: random.Random,
    seconds: float,
) -> list[int]:
    """point_of[person]: people with weights between them on points that rarely meet.

    `weights[p]` maps other people to the cost of one meeting with p; `classes` are groups
    of people to keep apart (organisations, hosts), biggest concern first.
    """
    n = construction.points
    meet = meet_matrix(construction)
    point_of = _initial(construction, classes, n, rng)
    person_at = [0] * n
    for p, pt in enumerate(point_of):
        person_at[pt] = p

    def cost_of(p: int, pt: int, skip: int) -> float:
        row = meet[pt]
        return sum(w * row[point_of[x]] for x, w in weights[p].items() if x != skip)

    total = sum(cost_of(p, point_of[p], -1) for p in range(n)) / 2
    if total <= 0:
        return point_of
    involved = [p for p in range(n) if weights[p]]
    if not involved:
        return point_of
    deadline = time.perf_counter() + seconds
    temp, it, last_best = 2.0, 0, 0
    best, best_map = total, list(point_of)
    patience = max(20_000, 20 * n)
    while time.perf_counter() < deadline and it - last_best < patience:
        for _ in range(200):
            it += 1
            p = rng.choice(involved)
            q = rng.randrange(n)
            if p == q:
                continue
            a, b = point_of[p], point_of[q]
            d = cost_of(p, b, q) - cost_of(p, a, q) + cost_of(q, a, p) - cost_of(q, b, p)
            if d <= 0 or rng.random() < math.exp(-d / temp):
                point_of[p], point_of[q] = b, a
                person_at[a], person_at[b] = q, p
                total += d
                if total < best - 1e-9:
                    best, best_map, last_best = total, list(point_of), it
                    if best <= 1e-9:
                        return best_map
        temp = max(0.05, temp * 0.9)
    return best_map


def _initial(
    construction: Construction, classes: Sequence[Sequence[int]], n: int, rng: random.Random
) -> list[int]:
    """Each class into one row of never-meeting points where it fits (first fit, largest)."""
    rows = [list(r) for r in construction.rows]
    free_rows = [list(r) for r in rows]
    taken: set[int] = set()
    point_of = [-1] * n
    for cls in sorted(classes, key=len, reverse=True):
        members = [p for p in cls if point_of[p] < 0]
        if len(members) < 2:
            continue
        fitting = [r for r in free_rows if len(r) >= len(members)]
        if not fitting:
            continue
        row = min(fitting, key=len)  # best fit keeps big rows for big classes
        for p in members:
            pt = row.pop(0)
            point_of[p] = pt
            taken.add(pt)
    rest_points = [pt for pt in range(n) if pt not in taken]
    rest_people = [p for p in range(n) if point_of[p] < 0]
    rng.shuffle(rest_points)
    for p, pt in zip(rest_people, rest_points, strict=True):
        point_of[p] = pt
    return point_of
