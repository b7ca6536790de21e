"""Benchmark of the group planner against known optima and a random baseline.

For each instance: the known optimum (repeated pairs), what the planner reaches, its time,
its method; beside it, measured in the same run, plain random assignment (repeats, clashes)
and the planner's local search alone (no constructions). Times are also shown as a ratio to
the 2-second goal and to a fixed reference workload timed in this run, so figures compare
across machines. Run: `python bench/bench_grouping.py [--quick]`.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workshop.grouping.api import Person, PlannedGroup, PlanRequest  # noqa: E402
from workshop.grouping.planner import Prepared, plan_rounds  # noqa: E402
from workshop.grouping.quality import measure  # noqa: E402
from workshop.grouping.search import anneal, greedy  # noqa: E402

GOAL_SECONDS = 2.0


@dataclass(frozen=True)
class Instance:
    label: str
    people: int
    rounds: int
    groups: int | None = None
    size: int | None = None
    orgs: int = 0  # organisations to mix (0: none)
    rows_as_orgs: bool = False  # organisation k = the k-th block of people (a design's row)
    optimum: str = "0"
    stretch: bool = False


INSTANCES = [
    Instance("15 in 5x3, 7 rounds (Kirkman)", 15, 7, groups=5),
    Instance("16 in 4x4, 5 rounds", 16, 5, groups=4),
    Instance("25 in 5x5, 6 rounds", 25, 6, groups=5),
    Instance("36 in 6x6, 3 rounds", 36, 3, groups=6),
    Instance("18 in 6x3, 8 rounds", 18, 8, groups=6),
    Instance("32 in 8x4, 8 rounds", 32, 8, groups=8),
    Instance("47 in 8 tables of 5-6, 8 rounds", 47, 8, size=6),
    Instance("47 in 8 tables, 8 rounds, 6 orgs of ~8", 47, 8, size=6, orgs=6, rows_as_orgs=True),
    Instance("32 in 8x4, 9 rounds", 32, 9, groups=8, stretch=True),
    Instance("32 in 8x4, 10 rounds", 32, 10, groups=8, stretch=True),
    Instance("32 in 8x4, 8 rounds, org = row", 32, 8, groups=8, orgs=4, rows_as_orgs=True),
    Instance("500, 5 rounds, groups of 5, 60 orgs", 500, 5, size=5, orgs=60),
    Instance("500, 5 rounds, groups of 6, 60 orgs", 500, 5, size=6, orgs=60),
    Instance("500, 5 rounds, groups of 8, 60 orgs", 500, 5, size=8, orgs=60),
    Instance("36 in 6x6, 4 rounds", 36, 4, groups=6, optimum=">0"),
]


def people_for(inst: Instance, seed: int) -> tuple[Person, ...]:
    rng = random.Random(seed)
    out = []
    for i in range(inst.people):
        if not inst.orgs:
            org = ""
        elif inst.rows_as_orgs:
            org = f"org{i * inst.orgs // inst.people}"
        else:
            org = f"org{rng.randrange(inst.orgs)}"
        out.append(Person(i, f"P{i}", {"organisatie": org}))
    return tuple(out)


def request_for(inst: Instance, seed: int) -> PlanRequest:
    return PlanRequest(
        people=people_for(inst, seed),
        rounds=inst.rounds,
        group_size=inst.size if inst.groups is None else None,
        group_count=inst.groups,
        mix_on=("organisatie",) if inst.orgs else (),
        seed=seed,
        time_limit=GOAL_SECONDS,
    )


def random_baseline(request: PlanRequest, rng: random.Random):
    """Plain random assignment with the same group sizes: its quality and time."""
    start = time.perf_counter()
    prep = Prepared(request)
    rounds = []
    for r in range(prep.rounds):
        ids = list(prep.ids)
        rng.shuffle(ids)
        groups, k = [], 0
        for cap in prep.caps[r]:
            groups.append(PlannedGroup(tuple(ids[k : k + cap])))
            k += cap
        rounds.append(tuple(groups))
    seconds = time.perf_counter() - start
    return measure(request, rounds), seconds


def local_search_only(request: PlanRequest):
    """The planner's greedy start plus annealing, without any construction."""
    start = time.perf_counter()
    prep = Prepared(request)
    problem = prep.problem()
    rng = random.Random(request.seed)
    where = anneal(problem, greedy(problem, rng), rng, request.time_limit, floor=prep.floor())
    rounds = prep.groups(where)
    return measure(request, rounds), time.perf_counter() - start


def reference_workload() -> float:
    """A fixed pure-Python workload (sorting 200k floats 5 times), for machine-free ratios."""
    rng = random.Random(0)
    data = [rng.random() for _ in range(200_000)]
    start = time.perf_counter()
    for _ in range(5):
        sorted(data)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the local-search-only column")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    ref = reference_workload()
    print(f"reference workload: {ref:.3f} s (times below also as multiples of it)")
    header = (
        f"{'instance':44} {'optimum':>7} {'reached':>7} {'max':>3} {'clash':>5} "
        f"{'time s':>7} {'/goal':>6} {'/ref':>6} {'method':24} "
        f"{'random':>7} {'r.clash':>7} {'LS-only':>7} {'LS s':>6}"
    )
    print(header)
    print("-" * len(header))
    for inst in INSTANCES:
        request = request_for(inst, args.seed)
        result = plan_rounds(request)
        q = result.quality
        base_q, _base_s = random_baseline(request, random.Random(args.seed))
        if args.quick:
            ls = "-"
            ls_s = "-"
        else:
            ls_q, ls_seconds = local_search_only(request)
            ls, ls_s = str(ls_q.repeated_pairs), f"{ls_seconds:.2f}"
        label = inst.label + (" *" if inst.stretch else "")
        from figures import record

        record(
            "grouping",
            f"{inst.label}: repeated pairs",
            q.repeated_pairs,
            "pairs",
            baseline=inst.optimum or None,
            baseline_name="known optimum",
            note=f"random assignment: {base_q.repeated_pairs}",
        )
        record(
            "grouping",
            f"{inst.label}: planning time",
            result.seconds,
            "s",
            baseline=ref,
            baseline_name="reference workload timed in this run",
            goal_value=GOAL_SECONDS,
        )
        print(
            f"{label:44} {inst.optimum:>7} {q.repeated_pairs:>7} {q.max_meetings:>3} "
            f"{q.attribute_clashes:>5} {result.seconds:>7.3f} {result.seconds / GOAL_SECONDS:>6.3f} "
            f"{result.seconds / ref:>6.2f} {result.method:24} {base_q.repeated_pairs:>7} "
            f"{base_q.attribute_clashes:>7} {ls:>7} {ls_s:>6}"
        )
        sys.stdout.flush()
    print(
        "\n* stretch goal. optimum: fewest repeated pairs known to be possible "
        "(36 in 6x6 for 4 rounds: no zero-repeat schedule, as no two orthogonal Latin squares "
        "of order 6 exist). random: plain random assignment with the same sizes; LS-only: "
        "greedy + simulated annealing without constructions, same time limit."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
