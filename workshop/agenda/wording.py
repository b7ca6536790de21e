"""The fit of a plan in words: "Past niet: 12 min te veel vóór de pauze van 16:00"."""

from __future__ import annotations

import math
from collections.abc import Callable

from workshop.agenda.planning import AgendaPlan, FitProblem, ProblemKind
from workshop.i18n import _ as current_translation
from workshop.i18n import format_clock
from workshop.model.kinds import ItemKind


def whole_minutes(minutes: float) -> int:
    """Minutes for display: a part of a minute too much still counts as a minute."""
    return max(0, math.ceil(minutes - 1e-6))


def duration(minutes: float, _: Callable[[str], str] = current_translation) -> str:
    """'45 min', '1:30 u' / '1:30 h' (hours:minutes from one hour up)."""
    whole = round(minutes)
    if whole < 60:
        return f"{whole} min"
    if whole % 60 == 0:
        return _("{hours} h").format(hours=whole // 60)
    return _("{hours}:{minutes} h").format(hours=whole // 60, minutes=f"{whole % 60:02d}")


def describe_problem(problem: FitProblem, _: Callable[[str], str] = current_translation) -> str:
    """One problem in a short sentence (without the "Does not fit:" prefix)."""
    n = whole_minutes(problem.minutes)
    at = format_clock(problem.at)
    if problem.kind is ProblemKind.PAST_END:
        return _("{n} min past the end time {time}").format(n=n, time=at)
    if problem.kind is ProblemKind.FIXED_BEFORE_START:
        return _("“{title}” is fixed at {time}, before the session starts").format(
            title=problem.title, time=at
        )
    if problem.kind is ProblemKind.FIXED_AFTER_END:
        return _("“{title}” is fixed at {time}, at or after the session end").format(
            title=problem.title, time=at
        )
    if problem.item_kind == ItemKind.PAUZE:
        return _("{n} min too much before the break at {time}").format(n=n, time=at)
    return _("{n} min too much before “{title}” at {time}").format(
        n=n, title=problem.title, time=at
    )


def describe_fit(plan: AgendaPlan, _: Callable[[str], str] = current_translation) -> str:
    """The problems as one line, or an empty string when the plan fits."""
    if not plan.problems:
        return ""
    return _("Does not fit: {problems}").format(
        problems="; ".join(describe_problem(p, _) for p in plan.problems)
    )


def describe_total(plan: AgendaPlan, _: Callable[[str], str] = current_translation) -> str:
    """'Totaal 1:50 u van 2:00 u beschikbaar · 10 min over'."""
    total = duration(plan.total_minutes, _)
    available = plan.available_minutes
    if available is None:
        if not plan.clock_known:
            return _("Total {total} (the session has no start time)").format(total=total)
        return _("Total {total}, ends at {end} (the session has no end time)").format(
            total=total, end=format_clock(plan.end)
        )
    text = _("Total {total} of {available} available").format(
        total=total, available=duration(available, _)
    )
    spare = available - plan.total_minutes
    if spare > 0.5:
        text += " · " + _("{n} min to spare").format(n=round(spare))
    elif spare < -0.5:
        text += " · " + _("{n} min too much").format(n=whole_minutes(-spare))
    if plan.gap_minutes > 0.5:
        text += " · " + _("{n} min waiting before fixed times").format(n=round(plan.gap_minutes))
    return text
