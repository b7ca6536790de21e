"""Two laptops on one library: from a commit on one to the refreshed page on the other.

    QT_QPA_PLATFORM=offscreen python bench/bench_team.py [COUNT] [POSTGRES_URL]

Two app instances in one process, each with its own `Library` handle, DB worker, command
service, live feed and session window on the Terugkoppeling page of the demo session
(as ui/app.py builds them). The first stores COUNT notes (default 200), one at a time; the
time is taken from the commit (the first's change bus hears the stored step) until the
note is in each window's note list:

* local:  the first window's own list (the refresh every user has today): the baseline
* remote: the second window's list, reached through the change log and the live feed
          (SQLite: PRAGMA data_version polled every 50 ms; PostgreSQL: LISTEN/NOTIFY)

SQLite runs on a new file; PostgreSQL on a new database on POSTGRES_URL's server, or
$WORKSHOP_TEST_DB (`bash scripts/with_pg.sh python bench/bench_team.py`). Prints p50 and
p95 in ms for both, and the remote/local ratio. Goal: remote p95 < 1 s (< 200 ms on PG).
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


async def _measure(url: str, count: int) -> tuple[list[float], list[float]]:
    from sqlalchemy import select

    from tests.live_support import AppInstance
    from workshop.capture.commands.notes import AddNote, NoteContent
    from workshop.demo import ensure_demo
    from workshop.model import AgendaItem

    first = AppInstance.open(url)
    sid = ensure_demo(first.library)
    second = AppInstance.open(url)
    with first.library.read() as db:
        item = db.scalars(
            select(AgendaItem.id).where(
                AgendaItem.session_id == sid, AgendaItem.kind == "terugkoppeling"
            )
        ).one()

    class _Bot:  # AppInstance.window wants a qtbot only to close windows at the end
        def addWidget(self, widget):  # noqa: N802
            pass

    pages = []
    for app in (first, second):
        window = app.window(_Bot(), sid)
        window.resize(1000, 700)
        page = window.show_page("capture")
        await asyncio.sleep(0.2)
        await page.settled()
        page.choose_item(item)
        await page.settled()
        pages.append(page)
    committed: list[float] = []
    first.library.changes.subscribe(lambda _c: committed.append(time.monotonic()))
    local, remote = [], []
    try:
        for n in range(count):
            counts = [p.notes.count() for p in pages]
            first.commands.push(AddNote(sid, item, None, NoteContent(text=f"Punt {n}")))
            seen: list[float | None] = [None, None]
            deadline = time.monotonic() + 5
            while None in seen and time.monotonic() < deadline:
                await asyncio.sleep(0.001)
                for i, page in enumerate(pages):
                    if seen[i] is None and page.notes.count() > counts[i]:
                        seen[i] = time.monotonic()
            if None in seen:
                raise SystemExit(f"note {n} did not arrive within 5 s")
            local.append((seen[0] - committed[-1]) * 1000)
            remote.append((seen[1] - committed[-1]) * 1000)
            await first.commands.wait_idle()
    finally:
        for app in (first, second):
            await app.commands.wait_idle()
            for window, services in app.windows:
                close = getattr(services, "close", None)
                if callable(close):
                    close()
                window.close()
            app.feed.stop()
            app.db.executor.shutdown(wait=True)
            app.library.close()
    return local, remote


def _report(engine: str, local: list[float], remote: list[float]) -> None:
    def line(name: str, values: list[float]) -> str:
        p50, p95 = statistics.median(values), _percentile(values, 0.95)
        return f"  {name:<7} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  max {max(values):6.1f} ms"

    print(f"{engine} ({len(remote)} changes)")
    print(line("local", local) + "   (baseline: the same window's own refresh)")
    print(line("remote", remote))
    ratio50 = statistics.median(remote) / statistics.median(local)
    ratio95 = _percentile(remote, 0.95) / _percentile(local, 0.95)
    print(f"  remote/local: p50 x{ratio50:.2f}, p95 x{ratio95:.2f}")


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    count = int(argv[0]) if argv else 200
    server = argv[1] if len(argv) > 1 else os.environ.get("WORKSHOP_TEST_DB", "")
    from PySide6.QtWidgets import QApplication
    from qasync import QEventLoop

    app = QApplication.instance() or QApplication([])
    loop = QEventLoop(app)
    asyncio.set_event_loop(loop)
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'team.sqlite'}"
        local, remote = loop.run_until_complete(_measure(url, count))
        _report("SQLite", local, remote)
    if server:
        from tests.pg_support import TEMPLATE, create_database, drop_database, make_template

        make_template(server)
        url = create_database(server, TEMPLATE)
        try:
            local, remote = loop.run_until_complete(_measure(url, count))
            _report("PostgreSQL", local, remote)
        finally:
            drop_database(server, url)
            drop_database(server, "postgresql://x/" + TEMPLATE)
    else:
        print("PostgreSQL: not measured (give a server URL or run under scripts/with_pg.sh)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
