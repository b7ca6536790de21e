"""Start-up of the frozen app (dist/workshop) next to the installed app and a bare Qt window,
measured in the same run:

(a)  bare:      the bare QMainWindow script of bench_startup.py (this interpreter);
(i)  installed: `python -m workshop demo --exit-after-show` (this interpreter);
(ii) frozen:    `dist/workshop/workshop demo --exit-after-show` (build it: bash run.sh dist;
     or point WORKSHOP_FROZEN_APP at a frozen executable built elsewhere).

Both apps open the demo session of a library made by a warm-up run (as a user's second
start), offscreen. Per program: first paint and ready (the marks the app writes with
WORKSHOP_STARTUP_MARKS, seconds from spawning, and CPU seconds), exit, CPU time and peak
RSS; medians of N runs (BENCH_RUNS, default 7) that alternate between the programs so the
machine's load hits them alike. Goals: the frozen demo's first paint <= 2x (a), as for the
installed app, and its start-up (exit after the page is painted) <= 1.2x the installed app:
it unpacks nothing (one-folder build) but imports from a PYZ archive.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
from pathlib import Path

from bench_startup import BARE, measure
from figures import record

REPO = Path(__file__).resolve().parents[1]
FROZEN = Path(os.environ.get("WORKSHOP_FROZEN_APP") or REPO / "dist" / "workshop" / "workshop")
RUNS = int(os.environ.get("BENCH_RUNS", "7"))
KEYS = ("first-paint", "first-paint-cpu", "ready", "ready-cpu", "exit", "cpu", "mem")


def main() -> int:
    if not FROZEN.exists():
        print(f"bench_frozen: skipped — no frozen app at {FROZEN}")
        print("  build it first: bash run.sh dist (or set WORKSHOP_FROZEN_APP)")
        return 0
    tmp = Path(tempfile.mkdtemp(prefix="bench-frozen-"))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO))
    env.pop("WORKSHOP_LANG", None)
    frozen_env = {k: v for k, v in env.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    programs = {
        "(a) bare QMainWindow": ([sys.executable, "-c", BARE], env),
        "(i) installed: python -m workshop": (
            [sys.executable, "-m", "workshop", "demo", "--exit-after-show"],
            dict(env, WORKSHOP_DB=f"sqlite:///{tmp / 'installed.sqlite'}"),
        ),
        "(ii) frozen: dist/workshop": (
            [str(FROZEN), "demo", "--exit-after-show"],
            dict(frozen_env, WORKSHOP_DB=f"sqlite:///{tmp / 'frozen.sqlite'}"),
        ),
    }
    for argv, run_env in programs.values():  # warm-up: file cache, the demo libraries
        measure(argv, run_env, uncached=False)
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in programs}
    for _ in range(RUNS):
        for name, (argv, run_env) in programs.items():
            runs[name].append(measure(argv, run_env, uncached=False))
    med = {
        name: {k: statistics.median(r[k] for r in rs) for k in KEYS if all(k in r for r in rs)}
        for name, rs in runs.items()
    }
    bare, installed, frozen = med.values()
    print(f"runs per figure: {RUNS} (median); seconds from spawn, CPU seconds of the process")
    print(
        f"{'':34} {'1st paint':>9} {'cpu':>6} {'/(a)':>6} {'ready':>7} {'exit':>7} {'/(i)':>6}"
        f" {'cpu s':>6} {'/(i)':>6} {'peak MiB':>9} {'/(i)':>6}"
    )
    for name, f in med.items():
        print(
            f"{name:34} {f['first-paint']:9.3f} {f['first-paint-cpu']:6.3f}"
            f" {f['first-paint'] / bare['first-paint']:6.2f} {f.get('ready', float('nan')):7.3f}"
            f" {f['exit']:7.3f} {f['exit'] / installed['exit']:6.2f} {f['cpu']:6.2f}"
            f" {f['cpu'] / installed['cpu']:6.2f} {f['mem']:9.1f} {f['mem'] / installed['mem']:6.2f}"
        )
    figures = [
        record(
            "frozen",
            "frozen demo: first paint",
            frozen["first-paint"],
            "s",
            baseline=bare["first-paint"],
            baseline_name="(a) bare QMainWindow, first paint",
            goal_ratio=2.0,
        ),
        record(
            "frozen",
            "frozen demo: first paint, CPU",
            frozen["first-paint-cpu"],
            "s",
            baseline=bare["first-paint-cpu"],
            baseline_name="(a) bare QMainWindow, CPU to first paint",
            goal_ratio=2.0,
        ),
        record(
            "frozen",
            "frozen demo start-up (exit after show)",
            frozen["exit"],
            "s",
            baseline=installed["exit"],
            baseline_name="installed: python -m workshop demo",
            goal_ratio=1.2,
        ),
        record(
            "frozen",
            "frozen demo: CPU time (user + system)",
            frozen["cpu"],
            "s",
            baseline=installed["cpu"],
            baseline_name="installed: python -m workshop demo, CPU time",
            goal_ratio=1.2,
        ),
        record(
            "frozen",
            "frozen demo peak memory",
            frozen["mem"],
            "MiB",
            baseline=installed["mem"],
            baseline_name="installed: python -m workshop demo",
        ),
    ]
    for g in figures:
        goal = f"goal <= {g['goal_ratio']}x" if g["goal_ratio"] is not None else ""
        state = {True: "met", False: "NOT met", None: ""}[g["goal_met"]]
        print(
            f"  {g['name']}: {g['value']:.3f} {g['unit']} vs {g['baseline']:.3f}"
            f" ({g['baseline_name']}) = {g['ratio']:.2f}x  {goal} {state}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
