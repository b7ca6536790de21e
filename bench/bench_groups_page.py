"""The Groepen and Deelnemers pages with a large room: 500 people, 5 rounds of 84 tables.

Prints how long the UI thread is busy after a change (cards refreshed in place, the common
case after a drag, a lock or a rename) against building every card anew (baseline, measured
in the same run: what a round switch or a new plan costs), plus loading and filtering the
people table.

Then the huge session of bench_pages.py (200 people, 2 rounds of 30 tables): the longest
UI-thread stall (a 1 ms QTimer probe) while the board shows a round, with the cards built in
batches (as the app does) against all cards built in one go (before, same run), and during a
drag (drop, command, reload, cards refreshed). Figures only; runs offscreen.
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

from ui.groups.page import GroupsPage  # noqa: E402
from ui.kit.context import PageContext, SessionServices  # noqa: E402
from ui.pages.participants_page import ParticipantsPage  # noqa: E402
from ui.services.commands import CommandService  # noqa: E402
from ui.services.db import DbService  # noqa: E402
from workshop.clock import SystemClock  # noqa: E402
from workshop.demo.builders import (  # noqa: E402
    add_item,
    add_people,
    new_session,
    people_rows,
    store_rounds,
    table_plan,
)
from workshop.store.library import Library  # noqa: E402

PEOPLE, TABLES, ROUNDS, REPEAT = 500, 84, 5, 5


def build_library(folder: Path) -> tuple[Library, int]:
    library = Library.open(f"sqlite:///{folder / 'bench.sqlite'}")
    sid = new_session(library, "Groot congres")
    rows = people_rows(PEOPLE, organisation="Org {o}", organisations=37)
    ids = add_people(library, sid, rows)
    item_id = add_item(library, sid)
    store_rounds(library, sid, item_id, table_plan(ids, TABLES, ROUNDS, shift=0))
    return library, sid


def ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:6.0f} ms"


async def measure(app: QApplication, ctx: PageContext) -> None:
    page = GroupsPage(ctx)
    page.resize(1400, 900)
    page.show()
    while page.state is None or page.board.building():
        await asyncio.sleep(0.02)
    refresh, build = [], []
    page.board.batch = 10_000  # every card in one call: the work itself, not its spread

    def settle() -> None:  # until the cards are built (the first batch waits one turn)
        app.processEvents()
        while page.board.building():
            app.processEvents()

    for _ in range(REPEAT):
        await asyncio.sleep(0.3)  # the last build painted, its old cards deleted
        start = time.perf_counter()
        page._show_board()
        settle()
        refresh.append(time.perf_counter() - start)
        page.board.show_round(None, "")  # forget the cards: the next show builds them all
        settle()
        start = time.perf_counter()
        page._show_board()
        settle()
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


async def quiet() -> None:
    """Until the pages' reloads and stores have landed (the loop closes after this)."""
    from ui.kit.ops import wait_all_idle

    await wait_all_idle(30)
    others = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
    if others:
        await asyncio.wait(others, timeout=30)


async def stall_of(probe, action, done) -> float:
    """Longest UI stall from `action()` until `done()` holds and the loop is quiet."""
    await asyncio.sleep(0.2)
    probe.start()
    await asyncio.sleep(0.01)
    action()
    start = time.perf_counter()
    while not done():
        await asyncio.sleep(0.01)
        if time.perf_counter() - start > 30:
            raise TimeoutError("the board did not show the change")
    await asyncio.sleep(0.3)
    return probe.stop()


async def measure_huge(ctx: PageContext) -> None:
    from bench_pages import Probe

    from ui.groups.board import BATCH

    probe = Probe()
    page = GroupsPage(ctx)
    ctx.commands.changed.connect(page.on_changed)  # as the session window's change feed does
    page.resize(1366, 768)
    page.show()
    while page.state is None or page.board.building():
        await asyncio.sleep(0.02)
    board = page.board
    rounds = page.state.rounds
    figures: dict[str, list[float]] = {"one go": [], "batched": [], "switch": [], "drag": []}

    async def clear() -> None:  # no cards: the next round shown builds them all
        page.board.show_round(None, "")
        while board.building():
            await asyncio.sleep(0.01)

    for _ in range(REPEAT):
        for name, batch in (("one go", 10_000), ("batched", BATCH), ("switch", BATCH)):
            board.batch = batch
            for index in (1, 0):
                if name != "switch":  # "switch": the cards of the other round are reused
                    await clear()
                figures[name].append(
                    await stall_of(
                        probe,
                        lambda i=index: (page.round_tabs.setCurrentIndex(i), page._show_board()),
                        lambda: not board.building() and len(board.cards) == len(rounds[0].groups),
                    )
                )
        first = board.model.groups[0]
        mover = first.members[-1].participant_id
        target = board.model.groups[1].id
        figures["drag"].append(
            await stall_of(
                probe,
                lambda m=mover, t=target: board.model.member_dropped.emit(t, m, 0),
                lambda m=mover: m in page.current_round().groups[1].member_ids,
            )
        )
        await ctx.commands.wait_idle()
        ctx.commands.undo()  # the next drag starts from the same seats
        await ctx.commands.wait_idle()
    from figures import record

    one_go, batched = statistics.median(figures["one go"]), statistics.median(figures["batched"])
    drag, switch = statistics.median(figures["drag"]), statistics.median(figures["switch"])
    tables = len(rounds[0].groups)
    record(
        "groups_page",
        f"Groepen, huge session ({tables} tables): longest UI stall building the cards",
        batched * 1000,
        "ms",
        baseline=one_go * 1000,
        baseline_name="every card built in one go (before)",
        goal_value=50,
    )
    record(
        "groups_page",
        f"Groepen, huge session ({tables} tables): longest UI stall switching rounds",
        switch * 1000,
        "ms",
        baseline=one_go * 1000,
        baseline_name="every card built in one go (before)",
        goal_value=50,
    )
    record(
        "groups_page",
        f"Groepen, huge session ({tables} tables): longest UI stall during a drag",
        drag * 1000,
        "ms",
        baseline=one_go * 1000,
        baseline_name="every card built in one go (before)",
        goal_value=50,
    )
    print(f"Groepen, huge session ({tables} tables), longest UI-thread stall (median):")
    print(f"  build the cards, all in one go (before)     {ms(figures['one go'])}")
    print(
        f"  build the cards in batches of {BATCH}           {ms(figures['batched'])}   "
        f"ratio {batched / one_go:.2f}   goal 50 ms"
    )
    print(
        f"  switch rounds (cards reused)                {ms(figures['switch'])}   "
        f"ratio {switch / one_go:.2f}   goal 50 ms"
    )
    print(f"  a drag (drop, store, reload, refresh)       {ms(figures['drag'])}   goal 50 ms")


def main() -> None:
    app = QApplication([])
    loop = QEventLoop(app)
    asyncio.set_event_loop(loop)
    library, sid = build_library(Path(tempfile.mkdtemp()))
    db = DbService(library)
    commands = CommandService(db)
    clock = SystemClock()
    ctx = PageContext(sid, db, commands, clock, SessionServices())  # no projector/timers
    from bench_pages import build_library as build_huge

    huge, huge_sid = build_huge(Path(tempfile.mkdtemp()))
    huge_db = DbService(huge)
    huge_ctx = PageContext(huge_sid, huge_db, CommandService(huge_db), clock, SessionServices())
    with loop:
        loop.run_until_complete(measure(app, ctx))
        loop.run_until_complete(quiet())
        loop.run_until_complete(measure_huge(huge_ctx))
        loop.run_until_complete(quiet())
    db.shutdown()
    huge_db.shutdown()


if __name__ == "__main__":
    main()
