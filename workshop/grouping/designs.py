"""Known constructions of schedules in which no two points meet twice.

A `Schedule` is a list of rounds; a round is a list of groups of point numbers 0..N-1.

* `macneish(G, k, R)`: k "rows" of G points; round r puts point (row i, x) in group
  x + m_r * a_i of the ring GF(q1) x GF(q2) x ... (q the prime-power factors of G). The
  differences of the multipliers m_r are units, so two points meet at most once; points of
  one row never meet. For G a prime power this is the affine plane AG(2, G) (truncated to k
  lines of one parallel class); with k = G the rows themselves give one more round. It
  covers 16 in 4x4 for 5 rounds, 25 in 5x5 for 6, 36 in 6x6 for 3 (rows, columns and one
  Latin square: no pair of orthogonal Latin squares of order 6 exists), 32 in 8x4 for 8 and
  48 in 8x6 for 8 (47 people: delete one point).
* `cyclic(...)`: a 1-rotational/cyclic design: points Z_m x {levels} plus fixed points; a
  starter round is searched so that every pair orbit under Z_m is used at most once, and
  its m translates are the rounds. Kirkman's schoolgirls (15 = Z_7 x 2 + 1, 7 rounds),
  18 in 6x3 for 8 rounds (Z_8 x 2 + 2) and 32 in 8x4 for 10 rounds (Z_10 x 3 + 2) are
  of this form.
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from workshop.grouping.fields import RingProduct

Schedule = list[list[list[int]]]
MAX_CYCLIC_POINTS = 120  # starter searches beyond this size rarely succeed within seconds


@dataclass(frozen=True)
class Construction:
    schedule: tuple[tuple[tuple[int, ...], ...], ...]
    points: int
    method: str
    rows: tuple[tuple[int, ...], ...] = ()  # sets of points that never meet (for mixing)


def repeats(schedule: Iterable[Iterable[Sequence[int]]]) -> int:
    """Repeated pairs: a pair that meets k > 1 times counts k - 1."""
    seen: dict[tuple[int, int], int] = {}
    extra = 0
    for rnd in schedule:
        for group in rnd:
            g = sorted(group)
            for i, a in enumerate(g):
                for b in g[i + 1 :]:
                    c = seen.get((a, b), 0)
                    if c:
                        extra += 1
                    seen[(a, b)] = c + 1
    return extra


# --- MacNeish / affine planes ---------------------------------------------------------------


def macneish_rounds(groups: int, rows: int) -> int:
    """How many rounds without repeats `macneish` gives for G groups and k rows."""
    ring = RingProduct(groups)
    return ring.unit_multipliers + (1 if rows == groups else 0)


def macneish(groups: int, rows: int, rounds: int) -> Construction | None:
    """k = rows rows of G points, R rounds of G groups of k, no pair meeting twice."""
    if rows > groups or rows < 1 or rounds > macneish_rounds(groups, rows):
        return None
    ring = RingProduct(groups)
    row_elems = list(range(rows))  # distinct ring elements a_i
    sched: Schedule = []
    multipliers = [ring.multiplier(i) for i in range(ring.unit_multipliers)]
    for m in multipliers[:rounds]:
        rnd: list[list[int]] = [[] for _ in range(groups)]
        for i, a in enumerate(row_elems):
            shift = ring.mul(m, a)
            for x in range(groups):
                rnd[ring.add(x, shift)].append(i * groups + x)
        sched.append(rnd)
    if len(sched) < rounds:  # rows == groups: the rows are one more round
        sched.append([[i * groups + x for x in range(groups)] for i in range(rows)])
    rows_sets = tuple(tuple(i * groups + x for x in range(groups)) for i in range(rows))
    if len(sched) == ring.unit_multipliers + 1:
        rows_sets = ()  # the rows were used as a round; they meet now
    kind = "affine-plane" if len(ring.radix) == 1 else "macneish"
    return Construction(_freeze(sched), rows * groups, kind, rows_sets)


# --- cyclic starters ------------------------------------------------------------------------


@dataclass(frozen=True)
class CyclicShape:
    levels: int
    modulus: int
    fixed: int

    @property
    def points(self) -> int:
        return self.levels * self.modulus + self.fixed

    def orbit_count(self) -> int:
        L, m, f = self.levels, self.modulus, self.fixed
        return L * (L - 1) // 2 * m + L * ((m - 1) // 2) + L * f


# Starter rounds found by `find_starter` (seeded search); kept so that planning does not
# have to repeat a search of several seconds. `cyclic` verifies any starter before use.
KNOWN_STARTERS: dict[tuple[int, int, int, int, int], tuple[tuple[tuple[int, ...], ...], ...]] = {
    # (levels, modulus, fixed, group size, starters): 18 in 6x3 for 8 rounds (Z_4 x 4 + 2)
    (4, 4, 2, 3, 2): (
        ((4, 11, 14), (3, 12, 15), (5, 9, 13), (2, 7, 8), (1, 10, 16), (0, 6, 17)),
        ((6, 15, 16), (1, 4, 5), (10, 12, 17), (0, 8, 11), (7, 9, 14), (2, 3, 13)),
    ),
    # 32 in 8x4 for 9 rounds (Z_9 x 3 + 5)
    (3, 9, 5, 4, 1): (
        (
            (4, 16, 19, 27),
            (0, 14, 18, 30),
            (8, 17, 24, 29),
            (2, 5, 6, 25),
            (7, 11, 20, 31),
            (3, 9, 10, 13),
            (1, 12, 22, 28),
            (15, 21, 23, 26),
        ),
    ),
}


def _orbit(shape: CyclicShape, a: int, b: int) -> int:
    """Orbit id of the pair {a, b} under translation; -1 for a pair that must never meet."""
    L, m, f = shape.levels, shape.modulus, shape.fixed
    lm = L * m
    if a > b:
        a, b = b, a
    if b >= lm:
        if a >= lm:
            return -1  # two fixed points would meet in every round
        return L * (L - 1) // 2 * m + L * ((m - 1) // 2) + (a // m) * f + (b - lm)
    la, xa = divmod(a, m)
    lb, xb = divmod(b, m)
    if la == lb:
        d = (xb - xa) % m
        d = min(d, m - d)
        if 2 * d == m:
            return -1  # short orbit: the pair would meet twice in m rounds
        return L * (L - 1) // 2 * m + la * ((m - 1) // 2) + (d - 1)
    # mixed pair, levels la < lb
    index = la * L - la * (la + 1) // 2 + (lb - la - 1)
    return index * m + (xb - xa) % m


def develop(
    shape: CyclicShape, starters: Sequence[Sequence[Sequence[int]]], rounds: int
) -> Schedule:
    """Rounds: every starter translated by 0, 1, ..., m-1 (the first `rounds` of them)."""
    lm = shape.levels * shape.modulus
    m = shape.modulus
    sched: Schedule = []
    for t in range(m):
        for starter in starters:
            if len(sched) == rounds:
                return sched
            sched.append(
                [
                    [p if p >= lm else (p // m) * m + (p % m + t) % m for p in group]
                    for group in starter
                ]
            )
    return sched


def starter_cost(shape: CyclicShape, starters: Sequence[Sequence[Sequence[int]]]) -> int:
    counts: dict[int, int] = {}
    bad = 0
    for starter in starters:
        for group in starter:
            for i, a in enumerate(group):
                for b in group[i + 1 :]:
                    o = _orbit(shape, a, b)
                    if o < 0:
                        bad += 1
                    else:
                        bad += 1 if counts.get(o, 0) else 0
                        counts[o] = counts.get(o, 0) + 1
    return bad


def find_starters(
    shape: CyclicShape, groups: int, size: int, count: int, seconds: float, seed: int = 1
) -> list[list[list[int]]] | None:
    """Simulated annealing for `count` starter rounds whose pairs lie in distinct orbits."""
    cost, best = search_starters(shape, groups, size, count, seconds, seed)
    return best if cost == 0 else None


def search_starters(
    shape: CyclicShape, groups: int, size: int, count: int, seconds: float, seed: int = 1
) -> tuple[int, list[list[list[int]]] | None]:
    """The best starters found in `seconds`: (orbit conflicts, starters); 0 conflicts is exact."""
    n = shape.points
    if n != groups * size:
        return -1, None
    best_cost: int = 1 << 30
    best: list[list[list[int]]] | None = None
    rng = random.Random(seed)
    deadline = time.perf_counter() + seconds
    orbit = [[_orbit(shape, a, b) for b in range(n)] for a in range(n)]
    slots = shape.orbit_count() + 1  # orbit -1 (forbidden) uses the last slot

    def penalty(o: int, c: int) -> int:
        """Cost of a pair in orbit o when c pairs (itself included) use that orbit."""
        return 1 if o < 0 else (1 if c >= 2 else 0)

    while time.perf_counter() < deadline:
        grps: list[list[list[int]]] = []
        wheres: list[list[int]] = []
        counts = [0] * slots
        cost = 0
        for _k in range(count):
            pts = list(range(n))
            rng.shuffle(pts)
            grp = [pts[i * size : (i + 1) * size] for i in range(groups)]
            where = [0] * n
            for g, members in enumerate(grp):
                for p in members:
                    where[p] = g
                for i, a in enumerate(members):
                    for b in members[i + 1 :]:
                        o = orbit[a][b]
                        counts[o] += 1
                        cost += penalty(o, counts[o])
            grps.append(grp)
            wheres.append(where)
        temp = 0.6
        steps = 0
        while cost and time.perf_counter() < deadline:
            steps += 1
            if steps % 2000 == 0:
                temp = max(0.05, temp * 0.97)
                if steps > 600_000:
                    break  # restart from a fresh random state
            k = rng.randrange(count)
            grp, where = grps[k], wheres[k]
            a = rng.randrange(n)
            b = rng.randrange(n)
            ga, gb = where[a], where[b]
            if ga == gb:
                continue
            delta = 0
            removed: list[int] = []
            for x in grp[ga]:
                if x != a:
                    o = orbit[a][x]
                    delta -= penalty(o, counts[o])
                    counts[o] -= 1
                    removed.append(o)
            for y in grp[gb]:
                if y != b:
                    o = orbit[b][y]
                    delta -= penalty(o, counts[o])
                    counts[o] -= 1
                    removed.append(o)
            added: list[int] = []
            for x in grp[ga]:
                if x != a:
                    o = orbit[b][x]
                    counts[o] += 1
                    delta += penalty(o, counts[o])
                    added.append(o)
            for y in grp[gb]:
                if y != b:
                    o = orbit[a][y]
                    counts[o] += 1
                    delta += penalty(o, counts[o])
                    added.append(o)
            if delta <= 0 or rng.random() < math.exp(-delta / temp):
                grp[ga][grp[ga].index(a)] = b
                grp[gb][grp[gb].index(b)] = a
                where[a], where[b] = gb, ga
                cost += delta
                if cost < best_cost:
                    best_cost, best = cost, [[sorted(g) for g in gr] for gr in grps]
            else:
                for o in added:
                    counts[o] -= 1
                for o in removed:
                    counts[o] += 1
        if cost < best_cost:
            best_cost, best = cost, [[sorted(g) for g in gr] for gr in grps]
        if best_cost == 0:
            break
    return best_cost, best


def cyclic_shapes(
    people: int, groups: int, size: int, rounds: int
) -> list[tuple[CyclicShape, int]]:
    """(shape, starters) with Z_m x levels + fixed points that could hold the rounds."""
    if people != groups * size or size < 2 or people > MAX_CYCLIC_POINTS:
        return []
    pairs = groups * size * (size - 1) // 2
    out = []
    for count in (1, 2):
        for m in range(2, rounds + 4):
            if count * m < rounds or count * m > rounds + 3:
                continue
            for f in range(0, groups + 1):
                if (people - f) % m or people - f <= 0:
                    continue
                shape = CyclicShape((people - f) // m, m, f)
                if shape.orbit_count() >= count * pairs:
                    out.append((shape, count))
    out.sort(key=lambda sc: (sc[1], sc[0].orbit_count() - sc[1] * pairs, sc[0].modulus))
    return out


@lru_cache(maxsize=64)
def cyclic(people: int, groups: int, size: int, rounds: int, seconds: float) -> Construction | None:
    """A cyclic construction for `people` in `groups` of `size` for `rounds` rounds."""
    deadline = time.perf_counter() + seconds
    shapes = cyclic_shapes(people, groups, size, rounds)
    attempts: list[tuple[CyclicShape, int, tuple | None]] = []
    for shape, count in shapes:
        starters = KNOWN_STARTERS.get((shape.levels, shape.modulus, shape.fixed, size, count))
        if starters is not None and not starter_cost(shape, starters):
            attempts.insert(0, (shape, count, starters))
        else:
            attempts.append((shape, count, None))
    for shape, count, starters in attempts:
        if starters is None:
            left = deadline - time.perf_counter()
            if left <= 0:
                break
            found = find_starters(shape, groups, size, count, left / 2)
            if found is None:
                continue
            starters = tuple(tuple(tuple(g) for g in st) for st in found)
        sched = develop(shape, starters, rounds)
        if repeats(sched) == 0:
            method = "kirkman" if (size == 3 and shape.fixed == 1) else "cyclic"
            lm = shape.levels * shape.modulus
            m = shape.modulus
            # points that never meet: fixed points, same-level pairs at distance m/2
            rows: list[tuple[int, ...]] = []
            if shape.fixed > 1:
                rows.append(tuple(range(lm, lm + shape.fixed)))
            if m % 2 == 0:
                for lvl in range(shape.levels):
                    for x in range(m // 2):
                        rows.append((lvl * m + x, lvl * m + x + m // 2))
            return Construction(_freeze(sched), shape.points, method, tuple(rows))
    return None


# --- helpers --------------------------------------------------------------------------------


def _freeze(sched: Schedule) -> tuple[tuple[tuple[int, ...], ...], ...]:
    return tuple(tuple(tuple(sorted(g)) for g in rnd) for rnd in sched)


def never_meeting(construction: Construction, count: int) -> list[int] | None:
    """`count` points no two of which ever share a group (they can be left out)."""
    if count == 0:
        return []
    for row in construction.rows:
        if len(row) >= count:
            return list(row[:count])
    n = construction.points
    met: list[set[int]] = [set() for _ in range(n)]
    for rnd in construction.schedule:
        for g in rnd:
            for a in g:
                met[a].update(g)
    chosen: list[int] = []
    for p in range(n - 1, -1, -1):
        if all(p not in met[c] for c in chosen):
            chosen.append(p)
            if len(chosen) == count:
                return chosen
    return None


def without_points(construction: Construction, drop: Sequence[int]) -> Construction:
    """The construction with `drop` removed and the other points renumbered 0..N-1."""
    gone = set(drop)
    keep = [p for p in range(construction.points) if p not in gone]
    new = {p: i for i, p in enumerate(keep)}
    sched = tuple(
        tuple(tuple(new[p] for p in g if p not in gone) for g in rnd)
        for rnd in construction.schedule
    )
    rows = tuple(
        t for t in (tuple(new[p] for p in row if p not in gone) for row in construction.rows) if t
    )
    return Construction(sched, len(keep), construction.method, rows)


def construct(people: int, groups: int, rounds: int, seconds: float = 1.0) -> Construction | None:
    """A zero-repeat schedule for `people` in `groups` balanced groups over `rounds` rounds.

    Tries MacNeish/affine planes (deleting never-meeting points for uneven sizes), then
    cyclic starters for equal sizes. None when no construction is known here.
    """
    if groups < 1 or people < groups:
        return None
    size = math.ceil(people / groups)
    short = groups * size - people  # groups that get one person less
    candidates: list[Construction] = []
    mac = macneish(groups, size, rounds)
    if mac is not None:
        candidates.append(mac)
    elif size >= 2:
        cyc = cyclic(groups * size, groups, size, rounds, seconds)
        if cyc is not None:
            candidates.append(cyc)
    for cand in candidates:
        drop = never_meeting(cand, short)
        if drop is not None:
            return without_points(cand, drop)
    return None
