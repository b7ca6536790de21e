"""Every page of the session window on a huge session, offscreen.

200 participants, 2 rounds of 30 groups, 1,000 notes (800 on the first terugkoppeling, the
worst case for the Terugkoppeling page), 60 agenda items, 10 photos. For each
page: the time from opening it until its data has loaded (every DbService call finished and the
event queue quiet), and the longest UI-thread stall meanwhile (gap between ticks of a 1 ms
QTimer probe). Baseline, measured in the same run: an empty QWidget page. Figures only.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402
from qasync import QEventLoop  # noqa: E402

from ui.app import build_session_services, make_application  # noqa: E402
from ui.kit.context import PageContext  # noqa: E402
from ui.library_opener import load_formats  # noqa: E402
from ui.pages.registry import PAGES  # noqa: E402
from ui.services.commands import CommandService  # noqa: E402
from ui.services.db import DbService  # noqa: E402
from ui.session_window import SessionWindow  # noqa: E402
from workshop.clock import SystemClock  # noqa: E402
from workshop.demo.builders import (  # noqa: E402
    HUGE_GROUPS,
    HUGE_ITEMS,
    HUGE_NOTES,
    HUGE_PEOPLE,
    HUGE_PHOTOS,
    HUGE_ROUNDS,
    huge_session,
)
from workshop.store.library import Library  # noqa: E402

SHOTS = sys.argv[sys.argv.index("--shots") + 1] if "--shots" in sys.argv else ""
QUIET = 0.3  # seconds without DB calls or stalls before a page counts as loaded


def build_library(folder: Path) -> tuple[Library, int]:
    """A new library holding the huge session (`workshop.demo.builders.huge_session`)."""
    library = Library.open(f"sqlite:///{folder / 'huge.sqlite'}")
    return library, huge_session(library)


class Probe:
    """A 1 ms QTimer whose longest gap between ticks is the longest UI-thread stall."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(1)
        self.timer.timeout.connect(self._tick)
        self.last = time.perf_counter()
        self.longest = 0.0

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self.last)
        self.last = now

    def start(self) -> None:
        self.last = time.perf_counter()
        self.longest = 0.0
        self.timer.start()

    def stop(self) -> float:
        self._tick()
        self.timer.stop()
        return self.longest


class CountingDb(DbService):
    """DbService that knows how many calls are in flight and when the last one ended."""

    def __init__(self, library: Library) -> None:
        super().__init__(library)
        self.in_flight = 0
        self.last_done = time.perf_counter()

    async def call(self, fn, *args, **kwargs):
        self.in_flight += 1
        try:
            return await super().call(fn, *args, **kwargs)
        finally:
            self.in_flight -= 1
            self.last_done = time.perf_counter()


async def open_page(db: CountingDb, probe: Probe, show) -> tuple[float, float]:
    """(seconds until loaded, longest stall) for `show()` which opens a page."""
    await asyncio.sleep(0.2)
    probe.start()
    await asyncio.sleep(0.01)
    start = time.perf_counter()
    db.last_done = start
    show()
    while True:
        await asyncio.sleep(0.02)
        now = time.perf_counter()
        if db.in_flight == 0 and now - db.last_done > QUIET and now - probe.last < 0.05:
            break
        if now - start > 60:
            break
    loaded = db.last_done - start
    return max(loaded, 0.0), probe.stop()


async def measure(make_window, db: CountingDb) -> SessionWindow:
    probe = Probe()
    empty = QWidget()
    empty.resize(1366, 768)
    base_load, base_stall = await open_page(db, probe, empty.show)
    empty.close()
    windows: list[SessionWindow] = []

    def open_window() -> None:  # the window opens on its first page, the details
        windows.append(make_window())
        windows[0].show()

    open_load, open_stall = await open_page(db, probe, open_window)
    (window,) = windows
    print(
        f"{HUGE_PEOPLE} participants, {HUGE_ROUNDS} rounds of {HUGE_GROUPS} groups, "
        f"{HUGE_NOTES} notes, {HUGE_ITEMS} agenda items, {HUGE_PHOTOS} photos"
    )
    print(f"{'page':14} {'loaded':>9} {'longest stall':>14} {'stall/baseline':>15}")
    print(f"{'(empty page)':14} {base_load * 1000:7.0f} ms {base_stall * 1000:11.0f} ms {1:14.1f}x")
    floor = max(base_stall, 0.001)
    from figures import record

    def keep(page: str, load: float, stall: float) -> None:
        record(
            "pages",
            f"{page}: longest UI stall while opening",
            stall * 1000,
            "ms",
            baseline=base_stall * 1000,
            baseline_name="an empty page",
            goal_value=50,
        )
        record(
            "pages",
            f"{page}: loaded",
            load * 1000,
            "ms",
            baseline=base_load * 1000,
            baseline_name="an empty page",
        )

    keep("window+details", open_load, open_stall)
    print(
        f"{'window+details':14} {open_load * 1000:7.0f} ms {open_stall * 1000:11.0f} ms "
        f"{open_stall / floor:14.1f}x"
    )
    for spec in PAGES[1:]:
        load, stall = await open_page(db, probe, lambda key=spec.key: window.show_page(key))
        flag = "  <-- stalls > 200 ms" if stall > 0.2 else ""
        keep(spec.key, load, stall)
        if SHOTS:  # `--shots DIR`: a PNG of every loaded page, to see that the data is there
            window.grab().save(str(Path(SHOTS) / f"{spec.key}.png"))
        print(
            f"{spec.key:14} {load * 1000:7.0f} ms {stall * 1000:11.0f} ms "
            f"{stall / floor:14.1f}x{flag}"
        )
    return window


def main() -> None:
    app: QApplication = make_application()
    app.setQuitOnLastWindowClosed(False)
    loop = QEventLoop(app)
    asyncio.set_event_loop(loop)
    library, sid = build_library(Path(tempfile.mkdtemp()))
    load_formats()  # as the app's opener thread does before any window (Babel's locale data)
    db = CountingDb(library)
    commands = CommandService(db)
    clock = SystemClock()
    services = build_session_services(db, commands, clock, sid)

    def make_window() -> SessionWindow:
        window = SessionWindow(PageContext(sid, db, commands, clock, services))
        window.resize(1366, 768)
        return window

    with loop:
        window = loop.run_until_complete(measure(make_window, db))
        window.close()
        services.close()
    db.shutdown()


if __name__ == "__main__":
    main()
