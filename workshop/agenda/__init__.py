"""Planning the agenda: planned times and fit, templates, import and export (Qt-free)."""

from workshop.agenda.planning import (
    AgendaPlan,
    FitProblem,
    PlannableItem,
    PlannedItem,
    ProblemKind,
    plan_times,
)

__all__ = ["AgendaPlan", "FitProblem", "PlannableItem", "PlannedItem", "ProblemKind", "plan_times"]
