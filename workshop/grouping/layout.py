"""How many groups, how many seats each, which theme at which table."""

from __future__ import annotations

import math
from collections.abc import Sequence

from workshop.errors import CommandError
from workshop.i18n import _


class PlanError(CommandError):
    """A request the planner cannot carry out; the message is for the user."""


def group_count(people: int, group_size: int | None, count: int | None) -> int:
    """Groups for `people`: exactly `count`, or as many as needed for about `group_size`.

    With a size, no group is larger than that size and sizes differ by at most one
    (47 people in groups of 6 -> 8 groups: seven of 6 and one of 5).
    """
    if people <= 0:
        return 0
    if count is not None:
        if count < 1:
            raise PlanError(_("The number of groups must be at least 1"))
        return min(count, people)
    if group_size is None or group_size < 1:
        raise PlanError(_("The group size must be at least 1"))
    return math.ceil(people / group_size)


def balanced(total: int, groups: int) -> list[int]:
    """Seats per group: `total` spread over `groups`, sizes differing by at most one."""
    if groups <= 0:
        return []
    base, extra = divmod(total, groups)
    return [base + 1 if g < extra else base for g in range(groups)]


def theme_tables(demand: dict[str, int], themes: Sequence[str], groups: int) -> list[str]:
    """A theme per table: tables per theme in proportion to demand (largest remainders).

    Every theme that someone chose first gets a table while there are tables enough;
    themes nobody chose get none. Tables of one theme are adjacent, in `themes` order.
    """
    wanted = [t for t in themes if demand.get(t, 0) > 0]
    if not wanted or groups <= 0:
        return [""] * groups
    total = sum(demand[t] for t in wanted)
    if groups < len(wanted):
        wanted = sorted(wanted, key=lambda t: (-demand[t], themes.index(t)))[:groups]
        wanted.sort(key=themes.index)
        total = sum(demand[t] for t in wanted)
    tables = dict.fromkeys(wanted, 1)
    left = groups - len(wanted)
    quotas = {t: demand[t] * groups / total for t in wanted}
    while left > 0:
        # the theme furthest below its quota gets the next table
        t = max(wanted, key=lambda t: (quotas[t] - tables[t], demand[t], -themes.index(t)))
        tables[t] += 1
        left -= 1
    out: list[str] = []
    for t in wanted:
        out.extend([t] * tables[t])
    return out
