"""Structured figures for `bench/run.py --json`.

A benchmark prints its table as before and also calls `record(...)` for every figure, with
the baseline it was measured against in the same run. When `BENCH_JSON=FILE` is set (run.py
sets it), the figures are written to FILE as JSON when the benchmark ends.

    from figures import record
    record("startup", "workshop demo, first paint", 0.31, "s",
           baseline=0.21, baseline_name="(a) bare QMainWindow", goal_ratio=2.0)
"""

from __future__ import annotations

import atexit
import json
import os
from typing import Any

ENV = "BENCH_JSON"
_figures: list[dict[str, Any]] = []


def record(
    bench: str,
    name: str,
    value: float,
    unit: str,
    *,
    baseline: float | None = None,
    baseline_name: str = "",
    goal_ratio: float | None = None,
    goal_value: float | None = None,
    lower_is_better: bool = True,
    note: str = "",
) -> dict[str, Any]:
    """Keep one figure; `goal_ratio` is a goal on value/baseline, `goal_value` on value."""
    ratio = value / baseline if baseline else None
    met: bool | None = None
    if goal_ratio is not None and ratio is not None:
        met = ratio <= goal_ratio if lower_is_better else ratio >= goal_ratio
    if goal_value is not None:
        ok = value <= goal_value if lower_is_better else value >= goal_value
        met = ok if met is None else (met and ok)
    figure = {
        "bench": bench,
        "name": name,
        "value": value,
        "unit": unit,
        "baseline": baseline,
        "baseline_name": baseline_name,
        "ratio": ratio,
        "goal_ratio": goal_ratio,
        "goal_value": goal_value,
        "lower_is_better": lower_is_better,
        "goal_met": met,
        "note": note,
    }
    _figures.append(figure)
    return figure


def figures() -> list[dict[str, Any]]:
    return list(_figures)


@atexit.register
def _write() -> None:
    path = os.environ.get(ENV)
    if path and _figures:
        with open(path, "w", encoding="utf-8") as fh:
            json.dump(_figures, fh, indent=1)
