"""Greedy start and simulated annealing on swaps for multi-round group assignments.

Everything is in person indices 0..n-1 and group indices 0..G-1. The objective, summed
over the schedule:

* each pair's meetings m (earlier history included) cost ``repeat_weight * m * (m - 1) / 2``
  - convex, so repeats are few and spread evenly;
* each meeting of a pair costs ``pair_weight[p][q]`` (shared organisation or role, a
  keep-apart pair: positive; a keep-together pair: negative);
* a person's theme badness B (0 first choice, 1 second, 2 other, summed over rounds) costs
  ``theme_weight * B * B`` - convex, so second choices are shared out fairly.

Moves swap two people (or a keep-together unit with as many single people) between two
groups of one round; group sizes never change, pinned people and locked groups never move.
"""

from __future__ import annotations

import math
import random
import time
from dataclasses import dataclass, field


@dataclass
class Problem:
    n: int
    caps: list[list[int]]  # [round][group] seats
    pair_weight: list[list[float]]
    repeat_weight: float = 10.0
    history: dict[tuple[int, int], int] = field(default_factory=dict)  # (p<q) -> meetings
    pinned: dict[tuple[int, int], int] = field(default_factory=dict)  # (round, person) -> group
    locked: set[tuple[int, int]] = field(default_factory=set)  # (round, group): no changes
    badness: list[list[int]] | None = None  # [person][group] 0/1/2 theme badness
    theme_weight: float = 30.0
    together: list[int] | None = None  # keep-together component id per person
    attr_codes: list[list[int]] = field(default_factory=list)  # [attribute][person] value id/-1
    attr_weights: list[float] = field(default_factory=list)
    rules: dict[tuple[int, int], float] = field(default_factory=dict)  # keep apart/together

    @property
    def rounds(self) -> int:
        return len(self.caps)


class State:
    """A full schedule with meeting counts and cost, updated incrementally."""

    def __init__(self, problem: Problem, where: list[list[int]]) -> None:
        self.pb = problem
        n = problem.n
        self.where = [list(w) for w in where]
        self.members: list[list[list[int]]] = []
        for r, w in enumerate(self.where):
            groups: list[list[int]] = [[] for _ in problem.caps[r]]
            for p in range(n):
                groups[w[p]].append(p)
            self.members.append(groups)
        self.meet = [[0] * n for _ in range(n)]
        for (a, b), c in problem.history.items():
            self.meet[a][b] += c
            self.meet[b][a] += c
        for groups in self.members:
            for g in groups:
                for i, a in enumerate(g):
                    ma = self.meet[a]
                    for b in g[i + 1 :]:
                        ma[b] += 1
                        self.meet[b][a] += 1
        self.bad_total = [0] * n
        if problem.badness is not None:
            for w in self.where:
                for p in range(n):
                    self.bad_total[p] += problem.badness[p][w[p]]
        self.cost = self.full_cost()

    def full_cost(self) -> float:
        pb = self.pb
        rw = pb.repeat_weight
        # every pair appears twice in the symmetric matrix: m(m-1)/2 per pair -> / 4
        cost = rw * sum(sum(m * (m - 1) for m in row if m > 1) for row in self.meet) / 4
        for h in pb.history.values():
            if h > 1:
                cost -= rw * h * (h - 1) / 2  # history's own repeats are a constant
        for groups in self.members:
            for g in groups:
                for i, a in enumerate(g):
                    wa = pb.pair_weight[a]
                    for b in g[i + 1 :]:
                        cost += wa[b]
        if pb.badness is not None:
            cost += pb.theme_weight * sum(b * b for b in self.bad_total)
        return cost

    # --- moves ------------------------------------------------------------------------------

    def swap_delta(self, r: int, p: int, q: int) -> float:
        pb = self.pb
        w = self.where[r]
        ga, gb = w[p], w[q]
        rw = pb.repeat_weight
        mp, mq = self.meet[p], self.meet[q]
        wp, wq = pb.pair_weight[p], pb.pair_weight[q]
        d = 0.0
        for x in self.members[r][ga]:
            if x != p:
                d += rw * (mq[x] - mp[x] + 1) + wq[x] - wp[x]
        for y in self.members[r][gb]:
            if y != q:
                d += rw * (mp[y] - mq[y] + 1) + wp[y] - wq[y]
        bad = pb.badness
        if bad is not None:
            bp, bq = self.bad_total[p], self.bad_total[q]
            np_ = bp - bad[p][ga] + bad[p][gb]
            nq = bq - bad[q][gb] + bad[q][ga]
            d += pb.theme_weight * (np_ * np_ - bp * bp + nq * nq - bq * bq)
        return d

    def swap(self, r: int, p: int, q: int) -> None:
        w = self.where[r]
        ga, gb = w[p], w[q]
        A, B = self.members[r][ga], self.members[r][gb]
        mp, mq = self.meet[p], self.meet[q]
        meet = self.meet
        for x in A:
            if x != p:
                mp[x] -= 1
                meet[x][p] -= 1
                mq[x] += 1
                meet[x][q] += 1
        for y in B:
            if y != q:
                mq[y] -= 1
                meet[y][q] -= 1
                mp[y] += 1
                meet[y][p] += 1
        A[A.index(p)] = q
        B[B.index(q)] = p
        w[p], w[q] = gb, ga
        bad = self.pb.badness
        if bad is not None:
            self.bad_total[p] += bad[p][gb] - bad[p][ga]
            self.bad_total[q] += bad[q][ga] - bad[q][gb]

    def local_cost(self, r: int, p: int) -> float:
        """What p contributes at its table in round r (repeats and pair weights)."""
        pb = self.pb
        mp, wp = self.meet[p], pb.pair_weight[p]
        rw = pb.repeat_weight
        c = 0.0
        for x in self.members[r][self.where[r][p]]:
            if x != p:
                c += rw * (mp[x] - 1) + wp[x]
        if pb.badness is not None:
            c += pb.badness[p][self.where[r][p]]
        return c


# --- greedy start ---------------------------------------------------------------------------


def greedy(problem: Problem, rng: random.Random, seed_rounds: list[list[int]] | None = None):
    """Round by round, each person to the open seat that costs least so far."""
    n = problem.n
    where: list[list[int]] = []
    meet: dict[int, dict[int, int]] = {p: {} for p in range(n)}
    for (a, b), times in problem.history.items():
        meet[a][b] = meet[a].get(b, 0) + times
        meet[b][a] = meet[b].get(a, 0) + times
    sparse: list[dict[int, float]] = [{} for _ in range(n)]
    for (a, b), rule_cost in problem.rules.items():
        sparse[a][b] = sparse[a].get(b, 0.0) + rule_cost
        sparse[b][a] = sparse[b].get(a, 0.0) + rule_cost
    comp = problem.together
    rand = rng.random
    static = None
    if problem.badness is not None:
        static = [[problem.theme_weight * 2 * b for b in row] for row in problem.badness]
    for r, caps in enumerate(problem.caps):
        G = len(caps)
        w = [-1] * n
        free = list(caps)
        # by_value[a][v][g]: people with value v of attribute a at group g so far
        by_value = [
            [[0] * G for _ in range(max(codes, default=-1) + 1)] for codes in problem.attr_codes
        ]
        placed_in: list[list[int]] = [[] for _ in range(G)]

        def put(p: int, g: int, w=w, free=free, by_value=by_value, placed_in=placed_in) -> None:
            w[p] = g
            free[g] -= 1
            placed_in[g].append(p)
            for a, codes in enumerate(problem.attr_codes):
                v = codes[p]
                if v >= 0:
                    by_value[a][v][g] += 1

        if seed_rounds is not None and r < len(seed_rounds):
            for p, g in enumerate(seed_rounds[r]):
                put(p, g)
        else:
            for (rr, p), g in problem.pinned.items():
                if rr == r:
                    put(p, g)
            order = [p for p in range(n) if w[p] < 0]
            rng.shuffle(order)
            # keep-together units first (they need room), then the rest
            units: dict[int, list[int]] = {}
            if comp is not None:
                for p in order:
                    units.setdefault(comp[p], []).append(p)
            else:
                units = {p: [p] for p in order}
            unit_list = sorted(units.values(), key=len, reverse=True)
            open_groups = [g for g in range(G) if (r, g) not in problem.locked]
            for unit in unit_list:
                k = len(unit)
                extra: dict[int, float] = {}  # meetings so far and keep rules, by group
                for p in unit:
                    for x, m in meet[p].items():
                        if w[x] >= 0:
                            extra[w[x]] = extra.get(w[x], 0.0) + problem.repeat_weight * m
                    for x, e in sparse[p].items():
                        if w[x] >= 0:
                            extra[w[x]] = extra.get(w[x], 0.0) + e
                terms = [
                    (problem.attr_weights[a], by_value[a][codes[p]])
                    for p in unit
                    for a, codes in enumerate(problem.attr_codes)
                    if codes[p] >= 0
                ]
                statics = [static[p] for p in unit] if static is not None else []
                best_g, best_c = -1, math.inf
                for g in open_groups:
                    if free[g] < k:
                        continue
                    c = extra.get(g, 0.0) - free[g] * 0.001 + rand() * 0.01
                    for wt, arr in terms:
                        c += wt * arr[g]
                    for row in statics:
                        c += row[g]
                    if c < best_c:
                        best_g, best_c = g, c
                if best_g < 0:  # no group has room for the whole unit: split it
                    for p in unit:
                        g = max(open_groups or range(G), key=lambda g: free[g])
                        put(p, g)
                    continue
                for p in unit:
                    put(p, best_g)
        for g in range(G):
            members = placed_in[g]
            for i, a in enumerate(members):
                for b in members[i + 1 :]:
                    meet[a][b] = meet[a].get(b, 0) + 1
                    meet[b][a] = meet[b].get(a, 0) + 1
        where.append(w)
    return where


# --- annealing ------------------------------------------------------------------------------


def anneal(
    problem: Problem,
    where: list[list[int]],
    rng: random.Random,
    seconds: float,
    floor: float = 0.0,
    start_temp: float = 4.0,
    end_temp: float = 0.15,
    tries: int = 3,
) -> list[list[int]]:
    """Simulated annealing on swaps; returns the best assignment seen (where[round][person])."""
    state = State(problem, where)
    n = problem.n
    R = problem.rounds
    movable = [
        [
            p
            for p in range(n)
            if (r, p) not in problem.pinned and (r, state.where[r][p]) not in problem.locked
        ]
        for r in range(R)
    ]
    rounds_ok = [r for r in range(R) if len({state.where[r][p] for p in movable[r]}) > 1]
    best_cost = state.cost
    best_where = [list(w) for w in state.where]
    if not rounds_ok or state.cost <= floor + 1e-9:
        return best_where
    comp = problem.together
    start = time.perf_counter()
    deadline = start + max(0.0, seconds)
    temp = start_temp
    cycle = max(10_000, 10 * n * R)
    it = 0
    since_best = 0
    exp = math.exp
    rand = rng.random
    choice = rng.choice
    while True:
        it += 1
        if it & 511 == 0:
            now = time.perf_counter()
            if now >= deadline:
                break
            phase = (it % cycle) / cycle
            temp = start_temp * (end_temp / start_temp) ** phase
            if since_best > 3 * cycle:
                break
        r = choice(rounds_ok)
        mv = movable[r]
        p = choice(mv)
        if rand() < 0.85 and state.local_cost(r, p) <= 0:
            continue
        q = choice(mv)
        w = state.where[r]
        if w[p] == w[q]:
            continue
        if comp is not None and (_tied(state, r, p) or _tied(state, r, q)):
            d = _unit_swap(state, r, p, q, rng, temp)
            if d is None:
                continue
        else:
            d = state.swap_delta(r, p, q)
            for _k in range(tries - 1):  # best of a few partners for p
                q2 = choice(mv)
                if w[q2] != w[p] and (comp is None or not _tied(state, r, q2)):
                    d2 = state.swap_delta(r, p, q2)
                    if d2 < d:
                        q, d = q2, d2
            if d <= 0 or rand() < exp(-d / temp):
                state.swap(r, p, q)
            else:
                continue
        state.cost += d
        since_best += 1
        if state.cost < best_cost - 1e-9:
            best_cost = state.cost
            best_where = [list(x) for x in state.where]
            since_best = 0
            if best_cost <= floor + 1e-9:
                break
    return best_where


def _tied(state: State, r: int, p: int) -> bool:
    comp = state.pb.together
    assert comp is not None
    c = comp[p]
    return any(comp[x] == c and x != p for x in state.members[r][state.where[r][p]])


def _unit_swap(state: State, r: int, p: int, q: int, rng: random.Random, temp: float):
    """Swap p's keep-together unit with an equal number of untied people at q's table."""
    comp = state.pb.together
    assert comp is not None
    w = state.where[r]
    if _tied(state, r, q):
        p, q = q, p
    if _tied(state, r, q):
        return None  # both tied: skip (rare; units of equal size could be swapped later)
    ga, gb = w[p], w[q]
    unit = [x for x in state.members[r][ga] if comp[x] == comp[p]]
    pool = [
        y for y in state.members[r][gb] if (r, y) not in state.pb.pinned and not _tied(state, r, y)
    ]
    if len(pool) < len(unit):
        return None
    others = rng.sample(pool, len(unit))
    before = state.cost
    total = 0.0
    done = []
    for a, b in zip(unit, others, strict=True):
        d = state.swap_delta(r, a, b)
        state.swap(r, a, b)
        total += d
        done.append((a, b))
    if total <= 0 or rng.random() < math.exp(-total / temp):
        return total
    for a, b in reversed(done):
        state.swap(r, a, b)
    state.cost = before
    return None
