"""Start-up time and peak memory of the frozen app (dist/workshop) next to the installed app,
measured in the same run:

(i)  installed: `python -m workshop demo --exit-after-show` (this interpreter);
(ii) frozen:    `dist/workshop/workshop demo --exit-after-show` (build it: bash run.sh dist).

Both open the demo session on a fresh library per run (so both pay for creating and
migrating it), offscreen. Figures are medians of N runs (wall time from process start to
exit; peak RSS of the process from wait4), after one warm-up run each; the runs alternate
between the two so that the machine's load hits both alike. The frozen app
should be no slower than 1.2x the installed one: it unpacks nothing (one-folder build),
but its bootloader starts a second process-image and imports from a PYZ archive.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FROZEN = REPO / "dist" / "workshop" / "workshop"
RUNS = int(os.environ.get("BENCH_RUNS", "7"))


def measure(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one process, on a fresh library."""
    tmp = Path(tempfile.mkdtemp(prefix="bench-frozen-"))
    try:
        run_env = dict(env, WORKSHOP_DB=f"sqlite:///{tmp / 'lib.sqlite'}")
        started = time.perf_counter()
        proc = subprocess.Popen(
            argv, env=run_env, cwd=tmp, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        _pid, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - started
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"failed: {' '.join(argv)}")
        return elapsed, usage.ru_maxrss / 1024
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def interleaved(commands: list[tuple[list[str], dict[str, str]]]) -> list[tuple[float, float]]:
    """Median (seconds, MiB) per command; runs alternate between the commands so that a
    change in the machine's load hits them alike."""
    for argv, env in commands:
        measure(argv, env)  # warm the file cache
    results: list[list[tuple[float, float]]] = [[] for _ in commands]
    for _ in range(RUNS):
        for i, (argv, env) in enumerate(commands):
            results[i].append(measure(argv, env))
    return [
        (statistics.median(r[0] for r in rs), statistics.median(r[1] for r in rs)) for rs in results
    ]


def main() -> int:
    if not FROZEN.exists():
        print(f"bench_frozen: skipped — no frozen app at {FROZEN.relative_to(REPO)}")
        print("  build it first: bash run.sh dist")
        return 0
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO))
    frozen_env = {k: v for k, v in env.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    installed, frozen = interleaved(
        [
            ([sys.executable, "-m", "workshop", "demo", "--exit-after-show"], env),
            ([str(FROZEN), "demo", "--exit-after-show"], frozen_env),
        ]
    )
    print(f"runs per figure: {RUNS} (median), fresh library each run")
    print(f"{'':34} {'time s':>8} {'peak MiB':>9} {'time/(i)':>9} {'mem/(i)':>8}")
    for name, (t, m) in (
        ("(i) installed: python -m workshop", installed),
        ("(ii) frozen: dist/workshop", frozen),
    ):
        print(f"{name:34} {t:8.3f} {m:9.1f} {t / installed[0]:9.2f} {m / installed[1]:8.2f}")
    ok = frozen[0] <= 1.2 * installed[0]
    print(f"goal (frozen start-up <= 1.2x installed): {'met' if ok else 'NOT met'}")
    from figures import record

    record(
        "frozen",
        "frozen demo start-up (exit after show)",
        frozen[0],
        "s",
        baseline=installed[0],
        baseline_name="installed: python -m workshop demo",
        goal_ratio=1.2,
    )
    record(
        "frozen",
        "frozen demo peak memory",
        frozen[1],
        "MiB",
        baseline=installed[1],
        baseline_name="installed: python -m workshop demo",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
