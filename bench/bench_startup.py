"""Start-up time and peak memory of `workshop demo --exit-after-show`, against two baselines
measured in the same run:

(a) a bare PySide6 QMainWindow script (show, first paint, quit);
(b) a "same stack" script: PySide6 widgets + SQLAlchemy ORM + qasync, one query on a SQLite
    file, a window shown and painted.

Goal: the app at most 1.3x baseline (b) in time and memory. Figures are medians of N runs
(wall time from process start to exit; peak RSS from wait4).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RUNS = int(os.environ.get("BENCH_RUNS", "7"))

BARE = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow, QLabel
    class W(QMainWindow):
        def paintEvent(self, e):
            super().paintEvent(e)
            QTimer.singleShot(0, app.quit)
    app = QApplication(sys.argv[:1])
    w = W(); w.setCentralWidget(QLabel("hallo")); w.resize(1200, 760); w.show()
    app.exec()
    """
)

SAME_STACK = textwrap.dedent(
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
                super().paintEvent(e); done.set()
        w = W(); w.setCentralWidget(QLabel(str(len(rows)))); w.resize(1200, 760); w.show()
        await done.wait()
    with loop:
        loop.run_until_complete(main())
    """
)


def measure(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one process."""
    started = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(argv)}")
    return elapsed, usage.ru_maxrss / 1024


def series(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    measure(argv, env)  # warm the file cache
    results = [measure(argv, env) for _ in range(RUNS)]
    return statistics.median(r[0] for r in results), statistics.median(r[1] for r in results)


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="bench-startup-"))
    env = dict(
        os.environ, QT_QPA_PLATFORM="offscreen", WORKSHOP_DB=f"sqlite:///{tmp / 'lib.sqlite'}"
    )
    py = sys.executable
    bare = series([py, "-c", BARE], env)
    stack = series([py, "-c", SAME_STACK, str(tmp / "stack.sqlite")], env)
    app = series([py, "-m", "workshop", "demo", "--exit-after-show"], env)
    print(f"runs per figure: {RUNS} (median)")
    print(
        f"{'':28} {'time s':>8} {'peak MiB':>9} {'time/(b)':>9} {'mem/(b)':>8} {'time/(a)':>9} {'mem/(a)':>8}"
    )
    for name, (t, m) in (
        ("(a) bare QMainWindow", bare),
        ("(b) same stack", stack),
        ("workshop demo", app),
    ):
        print(
            f"{name:28} {t:8.3f} {m:9.1f} {t / stack[0]:9.2f} {m / stack[1]:8.2f} {t / bare[0]:9.2f} {m / bare[1]:8.2f}"
        )
    ok = app[0] <= 1.3 * stack[0] and app[1] <= 1.3 * stack[1]
    print(f"goal (app <= 1.3x baseline b in time and memory): {'met' if ok else 'NOT met'}")


if __name__ == "__main__":
    main()
