"""Grouping: a small messy people list read, two rounds planned, invariants checked."""

from __future__ import annotations

import asyncio
from itertools import combinations


def _plan_from_list(folder) -> None:
    from workshop.grouping.api import PlanRequest
    from workshop.grouping.people_file import people_from_table
    from workshop.grouping.planner import absorb_change, plan_rounds
    from workshop.tabular import read_table

    path = folder / "selftest-deelnemers.csv"
    orgs = ["Gemeente", "Provincie", "Netbeheerder", "Coöperatie"]
    lines = ["Voornaam;Achternaam;Organisatie"]
    lines += [f"Deelnemer{i};Ölçek;{orgs[i % 4]}" for i in range(14)]
    path.write_bytes("\r\n".join(lines).encode("cp1252"))
    loaded = people_from_table(read_table(path), ["organisatie"])
    assert len(loaded.people) == 14, f"read {len(loaded.people)} of 14 people"
    request = PlanRequest(
        people=loaded.people,
        rounds=2,
        group_size=4,
        mix_on=("organisatie",),
        seed=1,
        time_limit=1.0,
    )
    result = plan_rounds(request)
    ids = sorted(p.id for p in loaded.people)
    met = set()
    for rnd in result.rounds:
        assert sorted(m for g in rnd for m in g.members) == ids, "not everyone placed once"
        sizes = [len(g.members) for g in rnd]
        assert max(sizes) - min(sizes) <= 1, f"uneven groups {sizes}"
        for g in rnd:
            met.update(frozenset(p) for p in combinations(g.members, 2))
    assert result.quality.repeated_pairs == 0, "people met twice in two rounds"
    assert result.quality.attribute_clashes == 0, "colleagues at one table"
    after = absorb_change(result.rounds[1], set(ids) - {ids[0]}, request)
    moved = sum(
        1 for gi, g in enumerate(after) for m in g.members if m not in result.rounds[1][gi].members
    )
    assert moved <= 1, f"someone leaving moved {moved} people"


async def check_planner(ctx) -> None:
    await asyncio.get_running_loop().run_in_executor(None, _plan_from_list, ctx.tmp)
