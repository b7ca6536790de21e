"""The Groepen and Deelnemers pages with a large room: 500 people, 5 rounds of 84 tables.

Prints how long the UI thread is busy after a change (cards refreshed in place, the common
case after a drag, a lock or a rename) against building every card anew (baseline, measured
in the same run: what a round switch or a new plan costs), plus loading and filtering the
people table. Figures only; runs offscreen.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtWidgets import QApplication  # noqa: E402
from qasync import QEventLoop  # noqa: E402

from ui.kit.context import PageContext, SessionServices  # noqa: E402
from ui.pages.groups_page import GroupsPage  # noqa: E402
from ui.pages.participants_page import ParticipantsPage  # noqa: E402
from ui.services.commands import CommandService  # noqa: E402
from ui.services.db import DbService  # noqa: E402
from workshop.clock import SystemClock  # noqa: E402
from workshop.commands import CommandRunner  # noqa: E402
from workshop.grouping.commands import GroupSpec, StoreRounds  # noqa: E402
from workshop.model import AgendaItem  # noqa: E402
from workshop.people.commands import ImportAction, ImportParticipants  # noqa: E402
from workshop.people.queries import list_people  # noqa: E402
from workshop.sessions.commands import CreateSession  # noqa: E402
from workshop.store.library import Library  # noqa: E402

PEOPLE, TABLES, ROUNDS, REPEAT = 500, 84, 5, 5


def build_library(folder: Path) -> tuple[Library, int]:
    library = Library.open(f"sqlite:///{folder / 'bench.sqlite'}")
    runner = CommandRunner(library)
    create = CreateSession(title="Groot congres")
    runner.do(create)
    sid = create.session_id
    assert sid is not None
    people = [
        ImportAction(
            {"name": f"Persoon {i}", "organisation": f"Org {i % 37}", "presence": "aanwezig"}
        )
        for i in range(PEOPLE)
    ]
    runner.do(ImportParticipants(sid, people))
    with library.unit_of_work() as db:
        item = AgendaItem(session_id=sid, title="Subgroepen", kind="subgroepen")
        db.add(item)
        db.flush()
        item_id = item.id
    ids = [p.id for p in list_people(library, sid)]
    plan = [[GroupSpec(tuple(ids[g::TABLES])) for g in range(TABLES)] for _r in range(ROUNDS)]
    runner.do(StoreRounds(sid, item_id, plan))
    return library, sid


def ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:6.0f} ms"


async def measure(app: QApplication, ctx: PageContext) -> None:
    page = GroupsPage(ctx)
    page.resize(1400, 900)
    page.show()
    while page.state is None:
        await asyncio.sleep(0.02)
    refresh, build = [], []
    for _ in range(REPEAT):
        start = time.perf_counter()
        page._show_board()
        app.processEvents()
        refresh.append(time.perf_counter() - start)
        page.cards = []  # forget the cards: the next show builds them all
        start = time.perf_counter()
        page._show_board()
        app.processEvents()
        build.append(time.perf_counter() - start)
    from figures import record

    record(
        "groups_page",
        f"Groepen, {TABLES} tables: refresh cards in place",
        statistics.median(refresh) * 1000,
        "ms",
        baseline=statistics.median(build) * 1000,
        baseline_name="build every card anew",
    )
    print(f"Groepen, {TABLES} tables of {PEOPLE // TABLES}-{-(-PEOPLE // TABLES)}:")
    print(f"  refresh cards in place (after a drag) {ms(refresh)}")
    print(
        f"  build every card (baseline)           {ms(build)}   "
        f"ratio {statistics.median(refresh) / statistics.median(build):.2f}"
    )

    people = ParticipantsPage(ctx)
    people.resize(1400, 900)
    people.show()
    start = time.perf_counter()
    while people.model.rowCount() == 0:
        await asyncio.sleep(0.005)
    loaded = time.perf_counter() - start
    filters = []
    for text in ("persoon 1", "org 3", "persoon 499", ""):
        start = time.perf_counter()
        people.proxy.set_text(text)
        filters.append(time.perf_counter() - start)
    print(
        f"Deelnemers, {PEOPLE} people: loaded in {loaded * 1000:.0f} ms (worker + model), "
        f"type-to-search filter {ms(filters)}"
    )


def main() -> None:
    app = QApplication([])
    loop = QEventLoop(app)
    asyncio.set_event_loop(loop)
    library, sid = build_library(Path(tempfile.mkdtemp()))
    db = DbService(library)
    commands = CommandService(db)
    clock = SystemClock()
    ctx = PageContext(sid, db, commands, clock, SessionServices())  # no projector/timers
    with loop:
        loop.run_until_complete(measure(app, ctx))
    db.shutdown()


if __name__ == "__main__":
    main()
