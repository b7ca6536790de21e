"""Shared material for the timing tests: a three-hour plan and a reference model of the run."""

from __future__ import annotations

import math
from datetime import time

from workshop.timing.plan import ItemPlan, SessionPlan, StepPlan


def three_hour_plan() -> SessionPlan:
    """15:00-18:00 with a 1-2-4-All, a break fixed at 16:30 and a closing fixed at 17:50."""
    rows = [
        ("Welkom", 10, None, True, ()),
        ("Presentatie", 20, None, True, ()),
        (
            "1-2-4-All",
            12,
            None,
            True,
            (("Alleen", 1), ("Met z'n tweeën", 2), ("Met z'n vieren", 4), ("Allemaal", 5)),
        ),
        ("Subgroepen", 40, None, True, ()),
        ("Pauze", 15, time(16, 30), False, ()),
        ("Terugkoppeling", 30, None, True, ()),
        ("Presentatie 2", 20, None, True, ()),
        ("Reflectie", 15, None, True, ()),
        ("Afsluiting", 10, time(17, 50), False, ()),
    ]
    items = tuple(
        ItemPlan(
            id=i + 1,
            position=i,
            title=title,
            kind="overig",
            planned_minutes=minutes,
            fixed_start=fixed,
            flexible=flexible,
            steps=tuple(StepPlan(t, m) for t, m in steps),
        )
        for i, (title, minutes, fixed, flexible, steps) in enumerate(rows)
    )
    return SessionPlan(1, "Drie uur", time(15, 0), time(18, 0), items)


def expected_display(remaining: float) -> str:
    shown = math.ceil(remaining)
    sign = "+" if shown < 0 else ""
    m, s = divmod(abs(shown), 60)
    return f"{sign}{m:02d}:{s:02d}"


class ReferenceRun:
    """A deliberately simple model of what the display must show (time advanced in steps)."""

    def __init__(self, plan: SessionPlan) -> None:
        self.plan = plan
        self.index = 0
        self.running = False
        self.left = {i.id: i.planned_minutes * 60.0 for i in plan.items}
        self.step = 0
        self.step_left: dict[int, tuple[int, float]] = {}
        self.finished = False
        self._reset_step()

    @property
    def item(self) -> ItemPlan:
        return self.plan.items[self.index]

    def _reset_step(self, index: int = 0) -> None:
        self.step = index
        steps = self.item.steps
        self.step_rem = steps[index].minutes * 60.0 if steps else None

    def advance(self, seconds: float) -> None:
        if self.running and not self.finished:
            self.left[self.item.id] -= seconds
            if self.step_rem is not None:
                self.step_rem -= seconds

    def display(self) -> str:
        if self.step_rem is not None:
            return expected_display(self.step_rem)
        return expected_display(self.left[self.item.id])

    def toggle(self) -> None:
        self.running = not self.running

    def next(self) -> None:
        steps = self.item.steps
        if steps and self.step < len(steps) - 1:
            self._reset_step(self.step + 1)
            return
        self.step_left[self.item.id] = (self.step, self.step_rem)
        if self.index == len(self.plan.items) - 1:
            self.finished = True
            return
        self.index += 1
        saved = self.step_left.get(self.item.id)
        if saved:
            self.step, self.step_rem = saved
        else:
            self._reset_step()

    def previous(self) -> None:
        steps = self.item.steps
        if steps and self.step > 0:
            self._reset_step(self.step - 1)
            return
        self.step_left[self.item.id] = (self.step, self.step_rem)
        self.index -= 1
        saved = self.step_left.get(self.item.id)
        if saved:
            self.step, self.step_rem = saved
        else:
            self._reset_step()

    def extend(self, seconds: float) -> None:
        self.left[self.item.id] += seconds
        if self.step_rem is not None:
            self.step_rem += seconds

    def restart(self) -> None:
        self.left[self.item.id] = self.item.planned_minutes * 60.0
        self._reset_step()
