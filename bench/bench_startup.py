"""Start-up of the app against two baselines measured in the same run:

(a) a bare PySide6 QMainWindow script (show, first paint, quit);
(b) a "same stack" script: PySide6 widgets + SQLAlchemy ORM + qasync, one query on a SQLite
    file, a window shown and painted.

For each program: the **first paint** (seconds from spawning the process until the paint
event of its main window; the app writes it with WORKSHOP_STARTUP_MARKS, the baselines the
same way), **ready** (the app's window painted again with its content: the session list, or
the demo session's first page), the wall time until the process exited, and the peak RSS.
Because wall time on a busy machine says more about the other processes than about ours,
every moment is also taken in process CPU seconds (all threads), and the goals are printed
for both.

Programs: `workshop app` on an empty library, `workshop app` on a library with 200 sessions
(the start screen's list), and `workshop demo`, each with `--exit-after-show`.

Goals (issue 14):
- first frame: `workshop app` first paint <= 1.5x (a); `workshop demo` first paint <= 2x (a);
- interactive session window: `workshop demo` exit time, CPU time and peak memory <= 1.3x
  (b); also its `ready` mark (the page painted) against (b)'s painted window;
- 200 sessions: the list painted < 100 ms after the first frame (the `list-shown` mark: the
  quick look's list, shown while the library opens).

Everything is measured twice, for every program, baselines included: bytecode cached (.pyc
written by a warm-up run into a PYTHONPYCACHEPREFIX of this run, so nothing is written into
the virtualenv; PYTHONDONTWRITEBYTECODE is removed from the environment for it) and
uncached (PYTHONDONTWRITEBYTECODE with an empty PYTHONPYCACHEPREFIX per run). Medians of N runs (BENCH_RUNS, default 7); the programs alternate within
a round so the machine's load hits them alike.

    python bench/bench_startup.py [--runs N] [--cached-only]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from figures import record

REPO = Path(__file__).resolve().parents[1]
RUNS = int(os.environ.get("BENCH_RUNS", "7"))
#: what the 200-session list figure measures
LIST_NOTE = (
    "the `list-shown` mark: the list read with the quick look (stdlib sqlite3) is painted "
    "while the library opens; it can be opened from at `ready`"
)
MARKS = "WORKSHOP_STARTUP_MARKS"

_MARK = textwrap.dedent(
    """
    import os, time
    def mark(name):
        path = os.environ.get("WORKSHOP_STARTUP_MARKS")
        if path:
            with open(path, "a") as fh:
                fh.write(f"{name} {time.time():.6f} {time.process_time():.6f}\\n")
    """
)

BARE = _MARK + textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow, QLabel
    class W(QMainWindow):
        painted = False
        def paintEvent(self, e):
            super().paintEvent(e)
            if not self.painted:
                self.painted = True
                mark("first-paint")
            QTimer.singleShot(0, app.quit)
    app = QApplication(sys.argv[:1])
    w = W(); w.setCentralWidget(QLabel("hallo")); w.resize(1200, 760); w.show()
    app.exec()
    """
)

SAME_STACK = _MARK + textwrap.dedent(
    """
    import asyncio, sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow, QLabel
    from sqlalchemy import create_engine, String, select
    from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, Session
    import qasync
    class Base(DeclarativeBase): pass
    class Thing(Base):
        __tablename__ = "things"
        id: Mapped[int] = mapped_column(primary_key=True)
        name: Mapped[str] = mapped_column(String(50))
    engine = create_engine("sqlite:///" + sys.argv[1])
    Base.metadata.create_all(engine)
    app = QApplication(sys.argv[:1])
    loop = qasync.QEventLoop(app); asyncio.set_event_loop(loop)
    async def main():
        def query():
            with Session(engine) as s:
                return s.scalars(select(Thing)).all()
        rows = await loop.run_in_executor(None, query)
        done = asyncio.Event()
        class W(QMainWindow):
            def paintEvent(self, e):
                super().paintEvent(e)
                if not done.is_set():
                    mark("first-paint")
                done.set()
        w = W(); w.setCentralWidget(QLabel(str(len(rows)))); w.resize(1200, 760); w.show()
        await done.wait()
    with loop:
        loop.run_until_complete(main())
    """
)


PYC_CACHE = Path(tempfile.mkdtemp(prefix="bench-startup-pyc-"))


def measure(argv: list[str], env: dict[str, str], uncached: bool) -> dict[str, float]:
    """One process: wall seconds, peak RSS (MiB), and its marks (seconds after spawning)."""
    with tempfile.TemporaryDirectory(prefix="bench-run-") as tmp:
        env = dict(env, **{MARKS: str(Path(tmp) / "marks")})
        if uncached:
            env.update(PYTHONDONTWRITEBYTECODE="1", PYTHONPYCACHEPREFIX=str(Path(tmp) / "pyc"))
        else:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = str(PYC_CACHE)
        wall0 = time.time()
        started = time.perf_counter()
        proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _pid, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - started
        err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"failed: {' '.join(argv[:3])}\n{err[-2000:]}")
        figures = {
            "exit": elapsed,
            "mem": usage.ru_maxrss / 1024,
            "cpu": usage.ru_utime + usage.ru_stime,
        }
        marks = Path(tmp) / "marks"
        if marks.exists():
            for line in marks.read_text().splitlines():
                name, stamp, cpu = line.split()
                figures[name] = float(stamp) - wall0
                figures[f"{name}-cpu"] = float(cpu)
    return figures


def library_with_sessions(path: Path, n: int) -> str:
    url = f"sqlite:///{path}"
    code = textwrap.dedent(
        f"""
        from datetime import date, time, timedelta
        from workshop.commands import CommandRunner
        from workshop.sessions.commands import ArchiveSession, CreateSession
        from workshop.store.library import Library
        lib = Library.open({url!r})
        runner = CommandRunner(lib)
        for i in range({n}):
            c = CreateSession(title=f"Bijeenkomst {{i + 1}}: leernetwerk wijkteams",
                              date=date(2024, 1, 5) + timedelta(days=3 * i),
                              start_time=time(15, 0), end_time=time(17, 0))
            runner.do(c)
            if i % 10 == 0:
                runner.do(ArchiveSession(c.session_id))
        lib.close()
        """
    )
    env = dict(os.environ, PYTHONPATH=str(REPO))
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO, env=env)
    return url


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--cached-only", action="store_true")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-startup-"))
    base_env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO))
    base_env.pop("WORKSHOP_LANG", None)
    empty_url = f"sqlite:///{tmp / 'empty.sqlite'}"
    many_url = library_with_sessions(tmp / "many.sqlite", 200)
    demo_url = f"sqlite:///{tmp / 'demo.sqlite'}"
    py = sys.executable
    programs = {
        "(a) bare QMainWindow": ([py, "-c", BARE], {}),
        "(b) same stack": ([py, "-c", SAME_STACK, str(tmp / "stack.sqlite")], {}),
        "workshop app (empty library)": (
            [py, "-m", "workshop", "app", "--exit-after-show"],
            {"WORKSHOP_DB": empty_url},
        ),
        "workshop app (200 sessions)": (
            [py, "-m", "workshop", "app", "--exit-after-show"],
            {"WORKSHOP_DB": many_url},
        ),
        "workshop demo": (
            [py, "-m", "workshop", "demo", "--exit-after-show"],
            {"WORKSHOP_DB": demo_url},
        ),
    }
    modes = [False] if args.cached_only else [False, True]
    for uncached in modes:
        label = "uncached bytecode" if uncached else "cached bytecode"
        results: dict[str, list[dict[str, float]]] = {name: [] for name in programs}
        for argv, extra in programs.values():  # warm-up: file cache, .pyc, the demo library
            measure(argv, {**base_env, **extra}, uncached=False)
        for _ in range(args.runs):
            for name, (argv, extra) in programs.items():
                results[name].append(measure(argv, {**base_env, **extra}, uncached))
        med = {
            name: {
                key: statistics.median(r[key] for r in runs)
                for key in runs[0]
                if all(key in r for r in runs)
            }
            for name, runs in results.items()
        }
        report(label, med, args.runs)


def report(label: str, med: dict[str, dict[str, float]], runs: int) -> None:
    bare, stack = med["(a) bare QMainWindow"], med["(b) same stack"]
    print(f"\n{label}: medians of {runs} runs; seconds from spawn")
    print(
        f"{'':30} {'paint cpu':>9} {'/(a)':>6} {'ready cpu':>9}"
        f" {'1st paint':>9} {'/(a)':>6} {'ready':>7} {'exit':>7} {'/(b)':>6}"
        f" {'cpu s':>6} {'/(b)':>6} {'peak MiB':>9} {'/(b)':>6}"
    )
    for name, f in med.items():
        ready = f.get("ready")
        print(
            f"{name:30} {f['first-paint-cpu']:9.3f}"
            f" {f['first-paint-cpu'] / bare['first-paint-cpu']:6.2f}"
            f" {f.get('ready-cpu', float('nan')):9.3f}"
            f" {f['first-paint']:9.3f} {f['first-paint'] / bare['first-paint']:6.2f}"
            f" {ready if ready is not None else float('nan'):7.3f} {f['exit']:7.3f}"
            f" {f['exit'] / stack['exit']:6.2f} {f['cpu']:6.2f} {f['cpu'] / stack['cpu']:6.2f}"
            f" {f['mem']:9.1f} {f['mem'] / stack['mem']:6.2f}"
        )
    tag = f" ({label})"
    app, many, demo = (
        med["workshop app (empty library)"],
        med["workshop app (200 sessions)"],
        med["workshop demo"],
    )
    goals = [
        record(
            "startup",
            "workshop app: first paint, CPU" + tag,
            app["first-paint-cpu"],
            "s",
            baseline=bare["first-paint-cpu"],
            baseline_name="(a) bare QMainWindow, CPU to first paint",
            goal_ratio=1.5,
        ),
        record(
            "startup",
            "workshop demo: first paint, CPU" + tag,
            demo["first-paint-cpu"],
            "s",
            baseline=bare["first-paint-cpu"],
            baseline_name="(a) bare QMainWindow, CPU to first paint",
            goal_ratio=2.0,
        ),
        record(
            "startup",
            "start screen with 200 sessions: list painted after the first frame, CPU" + tag,
            (many["list-shown-cpu"] - many["first-paint-cpu"]) * 1000,
            "ms",
            baseline=(app["ready-cpu"] - app["first-paint-cpu"]) * 1000,
            baseline_name="empty library: list area painted after the first frame, CPU",
            goal_value=100,
            note=LIST_NOTE,
        ),
        record(
            "startup",
            "start screen with 200 sessions: library open, list ready to open, CPU" + tag,
            (many["ready-cpu"] - many["first-paint-cpu"]) * 1000,
            "ms",
            baseline=(app["ready-cpu"] - app["first-paint-cpu"]) * 1000,
            baseline_name="empty library: list area painted after the first frame, CPU",
        ),
        record(
            "startup",
            "start screen: what 200 sessions add to ready, CPU" + tag,
            (many["ready-cpu"] - app["ready-cpu"]) * 1000,
            "ms",
            baseline=app["ready-cpu"] * 1000,
            baseline_name="empty library: CPU until the list area is painted",
            goal_value=100,
            note="the list's own cost; the library is opened after the first frame",
        ),
        record(
            "startup",
            "workshop app: first paint" + tag,
            app["first-paint"],
            "s",
            baseline=bare["first-paint"],
            baseline_name="(a) bare QMainWindow, first paint",
            goal_ratio=1.5,
        ),
        record(
            "startup",
            "workshop demo: first paint" + tag,
            demo["first-paint"],
            "s",
            baseline=bare["first-paint"],
            baseline_name="(a) bare QMainWindow, first paint",
            goal_ratio=2.0,
        ),
        record(
            "startup",
            "workshop demo: interactive (exit after the page is painted)" + tag,
            demo["exit"],
            "s",
            baseline=stack["exit"],
            baseline_name="(b) same stack, exit",
            goal_ratio=1.3,
        ),
        record(
            "startup",
            "workshop demo: ready (session window painted with its page)" + tag,
            demo["ready"],
            "s",
            baseline=stack["first-paint"],
            baseline_name="(b) same stack, window with its query result painted",
            goal_ratio=1.3,
            note="interactive without the process's exit",
        ),
        record(
            "startup",
            "workshop demo: ready, CPU" + tag,
            demo["ready-cpu"],
            "s",
            baseline=stack["first-paint-cpu"],
            baseline_name="(b) same stack, CPU until its window is painted",
            goal_ratio=1.3,
        ),
        record(
            "startup",
            "workshop demo: CPU time (user + system)" + tag,
            demo["cpu"],
            "s",
            baseline=stack["cpu"],
            baseline_name="(b) same stack, CPU time",
            goal_ratio=1.3,
            note="less sensitive to a busy machine than wall time",
        ),
        record(
            "startup",
            "workshop demo: peak memory" + tag,
            demo["mem"],
            "MiB",
            baseline=stack["mem"],
            baseline_name="(b) same stack, peak memory",
            goal_ratio=1.3,
        ),
        record(
            "startup",
            "start screen with 200 sessions: list painted after the first frame" + tag,
            (many["list-shown"] - many["first-paint"]) * 1000,
            "ms",
            baseline=(app["ready"] - app["first-paint"]) * 1000,
            baseline_name="empty library: list area painted after the first frame",
            goal_value=100,
            note=LIST_NOTE,
        ),
        record(
            "startup",
            "workshop app (empty library): ready" + tag,
            app["ready"],
            "s",
            baseline=stack["first-paint"],
            baseline_name="(b) same stack, first paint",
        ),
    ]
    for g in goals:
        ratio = f"{g['ratio']:.2f}x" if g["ratio"] is not None else "-"
        goal = (
            f"goal <= {g['goal_ratio']}x"
            if g["goal_ratio"] is not None
            else (f"goal < {g['goal_value']:g} {g['unit']}" if g["goal_value"] is not None else "")
        )
        state = {True: "met", False: "NOT met", None: ""}[g["goal_met"]]
        print(
            f"  {g['name']}: {g['value']:.3f} {g['unit']} vs {g['baseline']:.3f}"
            f" ({g['baseline_name']}) = {ratio}  {goal} {state}"
        )


if __name__ == "__main__":
    main()
