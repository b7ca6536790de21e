"""What a facilitator does on the huge session, besides opening a page: the longest UI-thread
stall of each interaction, offscreen, on two screens (the projector opens on the second).

The huge session of bench_pages.py (200 people, 2 rounds of 30 groups, 1,000 notes, 60 agenda
items, 10 photos) in a session window with every page opened once. Then, RUNS times each:

* switching back to each page already opened (from the page before it in the list);
* back on schedule: opening the proposals dialog on a late run, and applying a proposal
  (the command, then every page, the live run and the projector following the new plan);
  Ctrl+Z puts the old plan back before the next run (not measured);
* opening the projector window (full screen on the second screen), closed between runs;
* each state the facilitator switches the open projector to: the five pictures, the next
  group reporting, blackout, freeze, a message, the captured points, the dark theme (each
  switched back before the next run);
* building the verslag (PDF, all sections) from the Verslag page, until its preview shows.

Each figure: the longest gap between ticks of a 1 ms QTimer (`bench_pages.Probe`) from the
action until it has settled (the DB worker idle and 0.3 s without a call). Baseline in the
same run: the idle window over the same wait (nothing done; the live clock and the projector
keep ticking). Printed: median and worst of the runs. Goal: no stall over 50 ms.

Run with two screens so the projector really opens on the second one:
`QT_QPA_PLATFORM=offscreen:configfile=/work/shared/qt-offscreen-two-screens.json`
(any config with two screens; with one screen the projector opens as a window on it).
`--sample` prints, per interaction, where the UI thread was during its longest stall (a
stack sampler reading the UI thread's frame every millisecond).
"""

from __future__ import annotations

import asyncio
import collections
import os
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_pages import QUIET, CountingDb, Probe, build_library  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from qasync import QEventLoop  # noqa: E402

from ui.app import build_session_services, make_application  # noqa: E402
from ui.kit.context import PageContext  # noqa: E402
from ui.pages.registry import PAGES  # noqa: E402
from ui.services.commands import CommandService  # noqa: E402
from ui.session_window import SessionWindow  # noqa: E402
from ui.widgets.alive import alive  # noqa: E402
from workshop.clock import SystemClock  # noqa: E402
from workshop.projector.state import Mode  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "5"))
GOAL_MS = 50.0
SAMPLE = "--sample" in sys.argv
LATE_MINUTES = 22  # how far the first item runs over before the proposals are asked for


class ShiftedClock(SystemClock):
    """The real clock, moved forward on request (a run that is late without waiting)."""

    def __init__(self) -> None:
        super().__init__()
        self.shift = 0.0

    def now(self) -> datetime:
        return super().now() + timedelta(seconds=self.shift)

    def monotonic(self) -> float:
        return super().monotonic() + self.shift


class TimedProbe(Probe):
    """The probe, also keeping when its longest gap began and ended (for the sampler)."""

    def start(self) -> None:
        super().start()
        self.gap = (self.last, self.last)

    def _tick(self) -> None:
        now = time.perf_counter()
        if now - self.last > self.longest:
            self.gap = (self.last, now)
        super()._tick()


class Sampler:
    """Reads the UI thread's stack every millisecond; `during(a, b)` counts the frames seen."""

    def __init__(self) -> None:
        self.samples: collections.deque = collections.deque(maxlen=200_000)
        self.ident = threading.main_thread().ident
        self.running = True
        threading.Thread(target=self._run, daemon=True, name="bench-sampler").start()

    def _run(self) -> None:
        while self.running:
            frame = sys._current_frames().get(self.ident)
            stack = []
            while frame is not None:
                code = frame.f_code
                stack.append(f"{Path(code.co_filename).name}:{code.co_name}")
                frame = frame.f_back
            self.samples.append((time.perf_counter(), tuple(stack)))
            time.sleep(0.001)

    def report(self, title: str, start: float, end: float) -> None:
        """The functions the UI thread was in during [start, end], most seen first (each
        function counted once per sample: its share of the stall, callees included)."""
        inside = [stack for t, stack in self.samples.copy() if start <= t <= end]
        print(f"    -- {title}: {len(inside)} samples in a {(end - start) * 1000:.0f} ms stall")
        seen = collections.Counter(f for stack in inside for f in set(stack))
        leaves = collections.Counter(stack[0] for stack in inside if stack)
        common = {f for f, n in seen.items() if n == len(inside)}
        for function, n in seen.most_common(40):
            if function not in common or n < len(inside):
                print(f"       {n:4d}  {function}")
        print("       leaves: " + ", ".join(f"{f} {n}" for f, n in leaves.most_common(6)))


class Bench:
    def __init__(self, window: SessionWindow, db: CountingDb, clock: ShiftedClock) -> None:
        self.window = window
        self.db = db
        self.clock = clock
        self.probe = TimedProbe()
        self.sampler = Sampler() if SAMPLE else None
        self.figures: dict[str, list[float]] = collections.defaultdict(list)

    async def stall(
        self, name: str, action: Callable[[], object], done: Callable[[], bool] = lambda: True
    ) -> float:
        """Longest stall from `action()` until `done()` and the DB worker quiet for QUIET s."""
        await asyncio.sleep(0.3)
        self.probe.start()
        await asyncio.sleep(0.01)
        start = time.perf_counter()
        self.db.last_done = start
        action()
        while True:
            await asyncio.sleep(0.02)
            now = time.perf_counter()
            quiet = self.db.in_flight == 0 and now - self.db.last_done > QUIET
            if quiet and done() and now - self.probe.last < 0.05:
                break
            if now - start > 60:
                raise TimeoutError(f"{name}: not settled after 60 s")
        stall = self.probe.stop()
        self.figures[name].append(stall)
        if self.sampler is not None and stall > GOAL_MS / 1000:
            self.sampler.report(name, *self.probe.gap)
        return stall

    # -- the interactions ------------------------------------------------------------------
    async def idle(self) -> None:
        await self.stall("(idle window: baseline)", lambda: None)

    async def switch_pages(self) -> None:
        keys = [spec.key for spec in PAGES]
        for before, key in zip([keys[-1], *keys[:-1]], keys, strict=True):
            self.window.show_page(before)
            await self.settle()
            await self.stall(f"switch to {key}", lambda k=key: self.window.show_page(k))

    async def replan(self) -> None:
        page = self.window.show_page("live")
        live = self.window.ctx.session_services.live
        commands = self.window.ctx.commands
        await self.settle()
        dialogs: list = []
        await self.stall(
            "open the back-on-schedule proposals", lambda: dialogs.append(page.open_proposals())
        )
        (dialog,) = dialogs
        assert dialog is not None and dialog.current() is not None, "no proposal to apply"
        before = [item.planned_minutes for item in live.engine.plan.items]
        applied = []

        def done() -> bool:
            return bool(applied) or [i.planned_minutes for i in live.engine.plan.items] != before

        commands.changed.connect(applied.append)
        try:
            await self.stall("apply a proposal", dialog.apply_button.click, done)
        finally:
            commands.changed.disconnect(applied.append)
        if alive(dialog):  # applying closes it
            dialog.close()
        await commands.wait_idle()
        commands.undo()  # the next run starts from the same plan
        await commands.wait_idle()
        await self.settle()

    async def open_projector(self) -> None:
        projector = self.window.ctx.session_services.projector
        panel = self.window.projector_panel
        await self.stall("open the projector", panel.open_button.click, projector.is_open)
        screen = projector.window.screen()
        assert projector.window.isFullScreen() and screen is not None
        self.screen = screen.name()
        projector.close_window()
        await self.settle()

    async def projector_states(self) -> None:
        projector = self.window.ctx.session_services.projector
        panel = self.window.projector_panel
        projector.open_window()
        await self.settle()
        for mode in (Mode.AGENDA_ITEM, Mode.PROGRAMME, Mode.BREAKOUT, Mode.REPORTING, Mode.WELCOME):
            await self.stall(f"projector: {mode.value}", panel.mode_buttons[mode].click)
        for name, button in (
            ("blackout", panel.blackout_button),
            ("freeze", panel.freeze_button),
            ("captured points", panel.notes_check),
            ("dark theme", panel.dark_check),
        ):
            await self.stall(f"projector: {name}", button.click)
            button.click()  # back, for the next state
            await self.settle()
        projector.show_mode(Mode.REPORTING)
        await self.settle()
        await self.stall("projector: next group reporting", panel.next_group.click)
        projector.show_mode(Mode.WELCOME)
        await self.settle()
        panel.message_box.setCurrentText(panel.message_box.itemText(0))
        await self.stall("projector: a message", panel.message_button.click)
        projector.clear_message()
        projector.close_window()
        await self.settle()

    async def verslag(self, folder: Path) -> None:
        page = self.window.show_page("report")
        await self.settle()
        page.open_after.setChecked(False)
        page.preview.hide()
        target = folder / f"verslag-{len(self.figures['build the verslag'])}.pdf"
        await self.stall(
            "build the verslag",
            lambda: page._start_export(str(target)),
            lambda: not page.busy and page.preview.isVisible(),
        )
        assert target.exists()

    async def settle(self) -> None:
        await asyncio.sleep(0.05)
        while self.db.in_flight or time.perf_counter() - self.db.last_done < QUIET:
            await asyncio.sleep(0.05)


async def prepare(window: SessionWindow, clock: ShiftedClock) -> None:
    """Every page opened once; a run started whose first item ran LATE_MINUTES over."""
    db = window.ctx.db
    for spec in PAGES:
        window.show_page(spec.key)
        await asyncio.sleep(0.5)
    while db.in_flight:
        await asyncio.sleep(0.05)
    live = window.ctx.session_services.live
    await live.ensure_loaded()
    live.set_muted(True)  # no chime (no sound device offscreen); the run is the same
    live.toggle()  # start the run
    clock.shift += (live.engine.plan.items[0].planned_minutes + LATE_MINUTES) * 60
    live.next()
    await live.wait_idle()
    await asyncio.sleep(2)


def summary(bench: Bench) -> None:
    from figures import record

    base = bench.figures.pop("(idle window: baseline)")
    base_median = statistics.median(base) * 1000
    screen = getattr(bench, "screen", "?")
    print(f"huge session, {RUNS} runs; projector full screen on {screen}; load {os.getloadavg()}")
    print(f"{'interaction':40} {'median':>8} {'worst':>8} {'/baseline':>10}")
    print(f"{'(idle window: baseline)':40} {base_median:6.0f} ms {max(base) * 1000:5.0f} ms")
    for name, values in bench.figures.items():
        median, worst = statistics.median(values) * 1000, max(values) * 1000
        flag = "  <-- over 50 ms" if median > GOAL_MS else ""
        print(
            f"{name:40} {median:6.0f} ms {worst:5.0f} ms {median / max(base_median, 1):9.1f}x{flag}"
        )
        for label, value in (("median", median), ("worst", worst)):
            record(
                "interactions",
                f"{name}: longest UI stall ({label} of {RUNS})",
                value,
                "ms",
                baseline=base_median,
                baseline_name="the idle window over the same wait (median)",
                goal_value=GOAL_MS,
            )


async def measure(window: SessionWindow, clock: ShiftedClock, db: CountingDb) -> None:
    window.show()
    await prepare(window, clock)
    bench = Bench(window, db, clock)
    folder = Path(tempfile.mkdtemp())
    for _run in range(RUNS):
        await bench.idle()
        await bench.switch_pages()
        await bench.replan()
        await bench.open_projector()
        await bench.projector_states()
        await bench.verslag(folder)
    if bench.sampler is not None:
        bench.sampler.running = False
    summary(bench)


def main() -> None:
    app: QApplication = make_application()
    app.setQuitOnLastWindowClosed(False)
    if len(app.screens()) < 2:
        print("note: one screen; the projector opens as a window (see the module's docstring)")
    loop = QEventLoop(app)
    asyncio.set_event_loop(loop)
    library, sid = build_library(Path(tempfile.mkdtemp()))
    db = CountingDb(library)
    commands = CommandService(db)
    clock = ShiftedClock()
    services = build_session_services(db, commands, clock, sid)
    window = SessionWindow(PageContext(sid, db, commands, clock, services))
    window.resize(1280, 760)
    with loop:
        loop.run_until_complete(measure(window, clock, db))
        window.close()
        services.close()
    db.shutdown()


if __name__ == "__main__":
    main()
