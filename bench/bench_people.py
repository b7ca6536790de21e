"""Participants and groups on a session: how long the facilitator waits.

Prints, for lists of growing size, the import preview against reading the same file raw
(the baseline, measured in the same run), and for a 500-person room with 5 rounds the cost
of storing a plan and of one drag (each group command snapshots the item's rounds for undo).
Figures only; no assertions.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workshop.commands import CommandRunner, History  # noqa: E402
from workshop.demo.builders import add_item, new_session, table_plan, write_people_list  # noqa: E402
from workshop.grouping.commands import MoveMember, StoreRounds  # noqa: E402
from workshop.grouping.queries import item_rounds  # noqa: E402
from workshop.people.commands import SetPresence  # noqa: E402
from workshop.people.importer import preview_for_session  # noqa: E402
from workshop.people.queries import list_people  # noqa: E402
from workshop.store.library import Library  # noqa: E402
from workshop.tabular import read_table  # noqa: E402


def timed(fn, *args, repeat: int = 3):
    best = float("inf")
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn(*args)
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    library = Library.open(f"sqlite:///{folder / 'bench.sqlite'}")
    history = History(CommandRunner(library))
    sid = new_session(library, "Bench", do=history.push)

    print("import preview (best of 3)        rows   raw read   preview   ratio")
    for n in (100, 1000, 5000):
        path = folder / f"list{n}.csv"
        write_people_list(path, n)
        raw, _table = timed(read_table, path)
        full, preview = timed(preview_for_session, library, sid, path)
        print(f"{'':33}{n:5}   {raw * 1000:7.1f} ms {full * 1000:7.1f} ms  {full / raw:5.1f}×")
        from figures import record

        record(
            "people",
            f"import preview, {n} rows",
            full * 1000,
            "ms",
            baseline=raw * 1000,
            baseline_name="reading the same file raw (read_table)",
        )

    path = folder / "list500.csv"
    write_people_list(path, 500)
    preview = preview_for_session(library, sid, path)
    start = time.perf_counter()
    history.push(preview.command(sid))
    print(f"store an import of 500 people: {(time.perf_counter() - start) * 1000:.0f} ms")
    again = preview_for_session(library, sid, path)
    print(f"re-import preview of the same 500 (all matched): {again.summary()}")

    people = [p.id for p in list_people(library, sid)][:500]
    history.push(SetPresence(people, "aanwezig"))
    item_id = add_item(library, sid)
    plan = table_plan(people, 84, rounds=5, shift=0)  # 84 tables of 5-6
    start = time.perf_counter()
    history.push(StoreRounds(sid, item_id, plan))
    store = time.perf_counter() - start
    rounds = item_rounds(library, sid, item_id)
    first, second = rounds[0].groups[0], rounds[0].groups[1]
    start = time.perf_counter()
    history.push(MoveMember(rounds[0].id, first.member_ids[0], second.id))
    move = time.perf_counter() - start
    start = time.perf_counter()
    history.undo()
    undo = time.perf_counter() - start
    start = time.perf_counter()
    item_rounds(library, sid, item_id)
    read = time.perf_counter() - start
    print(
        f"500 people, 5 rounds of 84 tables: store plan {store * 1000:.0f} ms, "
        f"one drag {move * 1000:.0f} ms, its undo {undo * 1000:.0f} ms, "
        f"reading the rounds for the page {read * 1000:.0f} ms"
    )
    library.close()


if __name__ == "__main__":
    main()
