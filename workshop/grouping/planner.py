"""Forming groups over one or more rounds: `plan_rounds` and `absorb_change`.

The planner first looks for a known construction (affine planes over GF(q), MacNeish's
product of fields, cyclic/Kirkman starters) when the request has no structure that a
construction cannot honour (themes, locked groups, keep-together pairs, history); people
are then mapped onto its points so that organisations stay apart. Everything else - and
rounds beyond what a construction gives - goes to a greedy start plus simulated annealing
on swaps (`workshop.grouping.search`). Results are deterministic for a given seed.
"""

from __future__ import annotations

import random
import time
from collections.abc import Sequence

from workshop.grouping import designs
from workshop.grouping.absorb import absorb_change
from workshop.grouping.api import (
    Person,
    PersonId,
    PlannedGroup,
    PlanRequest,
    PlanResult,
    Quality,
)
from workshop.grouping.layout import PlanError, balanced, group_count, theme_tables
from workshop.grouping.mapping import map_people
from workshop.grouping.quality import measure, norm
from workshop.grouping.search import Problem, anneal, greedy
from workshop.i18n import N_, _, plural

HARD = 1000.0  # one broken keep-apart / keep-together rule
REPEAT = 10.0  # one extra meeting of a pair (convex: the k-th repeat costs k * REPEAT)
MIX_FIRST = 8.0  # two people of one organisation (the first mixed attribute) at a table
MIX_OTHER = 4.0  # the same for further attributes (role, ...)
THEME = 200.0  # theme badness squared per person (second choice 1, other 2): above repeats

__all__ = ["plan_rounds", "absorb_change", "PlanError"]


def unique_people(people: Sequence[Person]) -> list[Person]:
    seen: set[PersonId] = set()
    out = []
    for p in people:
        if p.id not in seen:
            seen.add(p.id)
            out.append(p)
    return out


class Prepared:
    """The request in index form: people 0..n-1, groups 0..G-1, seats and weights."""

    def __init__(self, request: PlanRequest) -> None:
        self.request = request
        self.people = unique_people(request.people)
        self.ids = [p.id for p in self.people]
        self.index = {pid: i for i, pid in enumerate(self.ids)}
        n = self.n = len(self.people)
        R = self.rounds = max(0, request.rounds)
        G = group_count(n, request.group_size, request.group_count)
        self.hosts = {
            self.index[h]: g for h, g in request.hosts.items() if h in self.index and g >= 0
        }
        fixed = [f for f in request.fixed if 0 <= f.round_index < R and f.group_index >= 0]
        wanted = max([G, *(g + 1 for g in self.hosts.values())])
        wanted = max([wanted, *(f.group_index + 1 for f in fixed)])
        self.G = G = min(wanted, n) if n else 0
        self.notes: list[str] = []
        # themes
        self.themes: list[str] = [""] * G
        self.badness: list[list[int]] | None = None
        if request.by_theme and G:
            self._themes()
        # locked groups and pins
        self.pinned: dict[tuple[int, int], int] = {}
        self.locked: set[tuple[int, int]] = set()
        self.fixed_members: dict[tuple[int, int], list[int]] = {}
        for f in fixed:
            if f.group_index >= G:
                continue
            key = (f.round_index, f.group_index)
            members = [
                self.index[m]
                for m in f.members
                if m in self.index and (f.round_index, self.index[m]) not in self.pinned
            ]
            self.locked.add(key)
            self.fixed_members[key] = members
            for m in members:
                self.pinned[(f.round_index, m)] = f.group_index
        for h, g in self.hosts.items():
            for r in range(R):
                if (r, h) not in self.pinned and (r, g) not in self.locked and g < G:
                    self.pinned[(r, h)] = g
        self.caps = [self._caps(r) for r in range(R)]
        self._weights()

    # --- pieces ---------------------------------------------------------------------------

    def _themes(self) -> None:
        request = self.request
        known = [t for t in request.themes if t.strip()]
        by_norm = {norm(t): t for t in known}
        demand: dict[str, int] = {}
        for p in self.people:
            key = norm(p.theme)
            if not key:
                continue
            if key not in by_norm:
                if known:
                    continue  # a theme that is not offered: treated as no preference
                by_norm[key] = " ".join(p.theme.split())
            t = by_norm[key]
            demand[t] = demand.get(t, 0) + 1
        order = known or sorted(demand, key=lambda t: (-demand[t], t))
        self.themes = theme_tables(demand, order, self.G)
        bad = []
        for p in self.people:
            first = by_norm.get(norm(p.theme), "") if p.theme.strip() else ""
            second = by_norm.get(norm(p.second_theme), "") if p.second_theme.strip() else ""
            row = []
            for t in self.themes:
                if not first or t == first:
                    row.append(0)
                elif t == second:
                    row.append(1)
                else:
                    row.append(2)
            bad.append(row)
        self.badness = bad

    def _caps(self, r: int) -> list[int]:
        G = self.G
        caps = [0] * G
        used = 0
        for (rr, g), members in self.fixed_members.items():
            if rr == r:
                caps[g] = len(members)
                used += len(members)
        open_groups = [g for g in range(G) if (r, g) not in self.locked]
        left = self.n - used
        if left and not open_groups:
            raise PlanError(
                plural(
                    left,
                    N_("All groups of round {round} are locked but {count} person has no seat"),
                    N_("All groups of round {round} are locked but {count} people have no seat"),
                ).format(round=r + 1, count=left)
            )
        if not open_groups:
            return caps
        seats = balanced(left, len(open_groups))
        # extra seats go to the tables whose theme has most demand per seat (else the first)
        if self.badness is not None:
            demand = {
                t: sum(1 for row in self.badness if row[g] == 0) for g, t in enumerate(self.themes)
            }
            order = sorted(
                open_groups,
                key=lambda g: -demand[self.themes[g]] / max(1, self.themes.count(self.themes[g])),
            )
        else:
            order = open_groups
        pinned_here: dict[int, int] = {}
        for (rr, _p), g in self.pinned.items():
            if rr == r and (r, g) not in self.locked:
                pinned_here[g] = pinned_here.get(g, 0) + 1
        order = sorted(order, key=lambda g: -pinned_here.get(g, 0))
        for g, s in zip(order, sorted(seats, reverse=True), strict=True):
            caps[g] = s
        for g, k in pinned_here.items():
            if caps[g] < k:
                raise PlanError(_("Too many hosts for table {table}").format(table=g + 1))
        return caps

    def _weights(self) -> None:
        n = self.n
        request = self.request
        w = [[0.0] * n for _ in range(n)]
        self.attr_codes: list[list[int]] = []
        self.attr_weights: list[float] = []
        self.classes: list[list[int]] = []
        for k, attr in enumerate(request.mix_on):
            weight = MIX_FIRST if k == 0 else MIX_OTHER
            values: dict[str, list[int]] = {}
            codes = []
            for i, p in enumerate(self.people):
                v = norm(p.attributes.get(attr, ""))
                if v:
                    values.setdefault(v, []).append(i)
                codes.append(list(values).index(v) if v else -1)
            self.attr_codes.append(codes)
            self.attr_weights.append(weight)
            for members in values.values():
                if len(members) > 1:
                    if k == 0:
                        self.classes.append(members)
                    for i, a in enumerate(members):
                        wa = w[a]
                        for b in members[i + 1 :]:
                            wa[b] += weight
                            w[b][a] += weight
        self.rules: dict[tuple[int, int], float] = {}
        for pa, pb, sign in [(a, b, 1.0) for a, b in request.keep_apart] + [
            (a, b, -1.0) for a, b in request.keep_together
        ]:
            if pa in self.index and pb in self.index and pa != pb:
                i, j = sorted((self.index[pa], self.index[pb]))
                self.rules[(i, j)] = self.rules.get((i, j), 0.0) + sign * HARD
                w[i][j] += sign * HARD
                w[j][i] += sign * HARD
        self.pair_weight = w
        # keep-together components
        parent = list(range(n))

        def find(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        tied = False
        for (i, j), rule in self.rules.items():
            if rule < 0:
                parent[find(i)] = find(j)
                tied = True
        self.together = [find(i) for i in range(n)] if tied else None
        self.history: dict[tuple[int, int], int] = {}
        for key, count in request.history.items():
            ids = [x for x in key if x in self.index]
            if len(ids) == 2 and count > 0:
                i, j = sorted((self.index[ids[0]], self.index[ids[1]]))
                self.history[(i, j)] = self.history.get((i, j), 0) + int(count)

    def problem(self) -> Problem:
        return Problem(
            n=self.n,
            caps=self.caps,
            pair_weight=self.pair_weight,
            repeat_weight=REPEAT,
            history=self.history,
            pinned=self.pinned,
            locked=self.locked,
            badness=self.badness,
            theme_weight=THEME,
            together=self.together,
            attr_codes=self.attr_codes,
            attr_weights=self.attr_weights,
            rules=self.rules,
        )

    def constructible(self, with_history: bool = False) -> bool:
        """True when a zero-repeat construction can honour everything that was asked.

        `with_history`: history is allowed too (the rounds are then chosen among all the
        construction's parallel classes, see `_from_construction_with_history`).
        """
        return (
            self.rounds >= 1
            and (self.rounds >= 2 or with_history)
            and self.G >= 2
            and self.badness is None
            and not self.locked
            and self.together is None
            and (with_history or not self.history)
            and len(set(self.hosts.values())) == len(self.hosts)
        )

    def floor(self) -> float:
        """The best cost conceivable: every keep-together pair together in every round."""
        return sum(v for v in self.rules.values() if v < 0) * self.rounds

    def groups(self, where: list[list[int]]) -> tuple[tuple[PlannedGroup, ...], ...]:
        host_of: dict[int, PersonId] = {}
        for h, g in sorted(self.hosts.items()):
            host_of.setdefault(g, self.ids[h])
        out = []
        for r, w in enumerate(where):
            members: list[list[PersonId]] = [[] for _ in range(self.G)]
            for p in range(self.n):
                members[w[p]].append(self.ids[p])
            rnd = []
            for g in range(self.G):
                host = host_of.get(g)
                if host is not None and host not in members[g]:
                    host = None
                fixed = self.fixed_members.get((r, g))
                ordered = _order(members[g], host, [self.ids[i] for i in fixed or []])
                rnd.append(PlannedGroup(tuple(ordered), self.themes[g], host))
            out.append(tuple(rnd))
        return tuple(out)


def _order(members: list[PersonId], host: PersonId | None, fixed: list[PersonId]):
    """Host first, then a locked group's own order, then the others as placed."""
    head = [host] if host is not None else []
    head += [m for m in fixed if m in members and m not in head]
    return head + [m for m in members if m not in head]


# --- construction path ----------------------------------------------------------------------


def _mapping(
    prep: Prepared, cons: designs.Construction, rng: random.Random, seconds: float
) -> list[int]:
    """point_of[person]: organisations (and hosts) on points that rarely meet in `cons`."""
    n = prep.n
    weights: list[dict[int, float]] = [{} for _ in range(n)]
    for a in range(n):
        row = prep.pair_weight[a]
        for b in range(n):
            if b != a and row[b]:
                weights[a][b] = row[b]
    classes = list(prep.classes)
    hosts = list(prep.hosts)
    if len(hosts) > 1:
        for i, a in enumerate(hosts):
            for b in hosts[i + 1 :]:
                weights[a][b] = weights[a].get(b, 0.0) + HARD
                weights[b][a] = weights[b].get(a, 0.0) + HARD
        classes.insert(0, hosts)
    return map_people(cons, weights, classes, rng, seconds)


def _where(
    prep: Prepared, schedule: Sequence[Sequence[Sequence[int]]], point_of: list[int]
) -> list[list[int]] | None:
    """Table per person per round for `schedule` with people placed at `point_of`."""
    where: list[list[int]] = []
    for rnd in schedule:
        group_of_point = {}
        for g, members in enumerate(rnd):
            for pt in members:
                group_of_point[pt] = g
        w = [group_of_point[point_of[p]] for p in range(prep.n)]
        relabel = _host_labels(prep, w)
        if relabel is None:
            return None
        where.append([relabel[g] for g in w])
    return where


def _from_construction(
    prep: Prepared, rng: random.Random, seconds: float
) -> tuple[list[list[int]], str] | None:
    cons = designs.construct(prep.n, prep.G, prep.rounds, seconds=min(1.0, seconds * 0.5))
    if cons is None or len(cons.schedule) < prep.rounds:
        return None
    point_of = _mapping(prep, cons, rng, seconds * 0.4)
    where = _where(prep, cons.schedule[: prep.rounds], point_of)
    return (where, cons.method) if where is not None else None


def _class_score(prep: Prepared, rnd: Sequence[Sequence[int]], person_at: dict[int, int]) -> int:
    """How many earlier meetings the pairs of one parallel class repeat."""
    score = 0
    for group in rnd:
        people = sorted(person_at[pt] for pt in group if pt in person_at)
        for i, a in enumerate(people):
            for b in people[i + 1 :]:
                score += prep.history.get((a, b), 0)
    return score


def _from_construction_with_history(
    prep: Prepared, rng: random.Random, seconds: float
) -> list[tuple[list[list[int]], str]]:
    """Rounds from a construction chosen to repeat as few earlier meetings as possible.

    A design has more parallel classes than one meeting uses (an affine plane of order q
    has q + 1); with people placed as a plan without history would place them (the same
    seed and people give the same places), the classes whose pairs met least before are
    taken. A second placement (people in request order) is tried as well. Each gives one
    candidate; the caller measures them.
    """
    R = prep.rounds
    cons = designs.construct(prep.n, prep.G, R, seconds=min(1.0, seconds * 0.5))
    if cons is None or len(cons.schedule) < R:
        return []
    size = -(-prep.n // prep.G)
    most = designs.macneish_rounds(prep.G, size)
    full = cons
    if most > R:
        bigger = designs.construct(prep.n, prep.G, most, seconds=min(0.5, seconds * 0.2))
        if bigger is not None and len(bigger.schedule) > R:
            full = bigger
    placements = [_mapping(prep, cons, rng, seconds * 0.4), list(range(prep.n))]
    out = []
    for point_of in placements:
        person_at = {pt: p for p, pt in enumerate(point_of)}
        scored = sorted(
            range(len(full.schedule)),
            key=lambda k: (_class_score(prep, full.schedule[k], person_at), k),
        )
        chosen = [full.schedule[k] for k in sorted(scored[:R])]
        where = _where(prep, chosen, point_of)
        if where is not None:
            out.append((where, f"{full.method}+history"))
    return out


def _host_labels(prep: Prepared, w: list[int]) -> list[int] | None:
    """A table number per construction group so that every host sits at their own table."""
    G = prep.G
    label = [-1] * G
    used: set[int] = set()
    for h, target in prep.hosts.items():
        g = w[h]
        if label[g] not in (-1, target) or (label[g] == -1 and target in used):
            return None
        label[g] = target
        used.add(target)
    free = iter(t for t in range(G) if t not in used)
    return [lab if lab >= 0 else next(free) for lab in label]


def _seed_rounds(prep: Prepared, seconds: float) -> tuple[list[list[int]], str] | None:
    """Zero-repeat rounds from a construction to start the search with (fewer than asked)."""
    deadline = time.perf_counter() + seconds
    for rounds in range(prep.rounds - 1, 1, -1):
        left = deadline - time.perf_counter()
        if left <= 0:
            return None
        cons = designs.construct(prep.n, prep.G, rounds, seconds=min(left, 0.1))
        if cons is None:
            continue
        out = []
        for rnd in cons.schedule[:rounds]:
            w = [0] * prep.n
            for g, members in enumerate(rnd):
                for pt in members:
                    w[pt] = g
            relabel = _host_labels(prep, w)
            if relabel is None:
                break  # hosts would meet: seed only the rounds before
            out.append([relabel[g] for g in w])
        return (out, cons.method) if out else None
    return None


# --- entry point ----------------------------------------------------------------------------


def _rank(q: Quality) -> tuple[int, float, int]:
    return (
        q.broken_rules,
        q.repeated_pairs * REPEAT + q.attribute_clashes * MIX_FIRST,
        q.theme_misses,
    )


def plan_rounds(request: PlanRequest) -> PlanResult:
    """Plan `request.rounds` rounds of groups for the people in the request.

    The same request and seed give the same plan whenever the search settles within
    `request.time_limit` (constructions and stagnation count steps, not seconds); a search
    cut off by the clock returns the best plan found so far.
    """
    started = time.perf_counter()
    prep = Prepared(request)
    R = prep.rounds
    if prep.n == 0 or R == 0:
        rounds: tuple[tuple[PlannedGroup, ...], ...] = tuple(() for _ in range(R))
        return PlanResult(rounds, Quality(0, 0, 0, 0, 0), time.perf_counter() - started, "empty")
    rng = random.Random(request.seed)
    budget = max(0.05, request.time_limit)
    candidates: list[tuple[tuple, str, Quality]] = []
    if prep.constructible():
        found = _from_construction(prep, rng, budget * 0.5)
        if found is not None:
            rounds = prep.groups(found[0])
            candidates.append((rounds, found[1], measure(request, rounds)))
    elif prep.history and prep.constructible(with_history=True):
        for where, method in _from_construction_with_history(prep, rng, budget * 0.5):
            rounds = prep.groups(where)
            candidates.append((rounds, method, measure(request, rounds)))
        candidates.sort(key=lambda c: _rank(c[2]))
    if not candidates or candidates[0][2].broken_rules or candidates[0][2].repeated_pairs:
        # no construction, or one that breaks a keep-apart / host wish: search as well
        problem = prep.problem()
        seeded = _seed_rounds(prep, budget * 0.2) if prep.constructible() else None
        start = greedy(problem, rng, seeded[0] if seeded else None)
        reserve = min(0.25 * budget, 0.05 + 4e-5 * prep.n * R)  # for measuring the result
        left = budget - (time.perf_counter() - started) - reserve
        where = anneal(problem, start, rng, left, floor=prep.floor())
        method = f"{seeded[1]}+local-search" if seeded else "local-search"
        rounds = prep.groups(where)
        candidates.append((rounds, method, measure(request, rounds)))
    rounds, method, quality = min(candidates, key=lambda c: _rank(c[2]))
    notes = list(prep.notes)
    if quality.broken_rules:
        notes.append(
            plural(
                quality.broken_rules,
                N_("{count} keep-together/keep-apart or host wish could not be met"),
                N_("{count} keep-together/keep-apart or host wishes could not be met"),
            ).format(count=quality.broken_rules)
        )
    return PlanResult(rounds, quality, time.perf_counter() - started, method, tuple(notes))
