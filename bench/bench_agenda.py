"""Agenda planning costs, each against a baseline measured in the same run.

1. Structural commands undo and redo by snapshots of the whole agenda. Figure: a reorder
   (do + undo) against a one-field edit (do + undo) on agendas of 10, 50 and 200 items.
2. What the Agenda page does on every change: `load_agenda` (rows + `plan_times`) against a
   bare SELECT of the same rows.
3. Import of a 2,000-row Dutch Excel CSV (`read_agenda_file`, with per-row checks) against
   `csv.reader` on the same bytes.

Figures are medians of several runs; no goals are asserted here.
"""

from __future__ import annotations

import csv
import io
import statistics
import sys
import tempfile
import time
from datetime import time as clock_time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import select  # noqa: E402

from workshop.agenda.commands import EditItem, ImportRows, ReorderItems  # noqa: E402
from workshop.agenda.importing import read_agenda_file  # noqa: E402
from workshop.agenda.queries import load_agenda  # noqa: E402
from workshop.commands import CommandRunner  # noqa: E402
from workshop.model import AgendaItem  # noqa: E402
from workshop.sessions.commands import CreateSession  # noqa: E402
from workshop.store.library import Library  # noqa: E402

RUNS = 7


def median_ms(fn, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> int:
    from figures import record

    with tempfile.TemporaryDirectory() as tmp:
        library = Library.open(f"sqlite:///{Path(tmp) / 'bench.sqlite'}")
        runner = CommandRunner(library)
        print("1. reorder (snapshot undo) vs one-field edit, do + undo, median ms")
        for n in (10, 50, 200):
            create = CreateSession(title=f"bench {n}", start_time=clock_time(9, 0))
            runner.do(create)
            sid = create.session_id
            runner.do(
                ImportRows(
                    sid, [{"title": f"Onderdeel {i}", "planned_minutes": 5} for i in range(n)]
                )
            )
            ids = [r.id for r in load_agenda(library, sid).rows]

            def reorder(ids=ids, sid=sid) -> None:
                command = ReorderItems(sid, ids[1:] + ids[:1])
                runner.do(command)
                runner.undo(command)

            def edit(item=ids[0]) -> None:
                command = EditItem(item, planned_minutes=7)
                runner.do(command)
                runner.undo(command)

            r, e = median_ms(reorder), median_ms(edit)
            print(f"   {n:>4} items: reorder {r:7.1f}  edit {e:7.1f}  ratio {r / e:5.1f}x")
            record(
                "agenda",
                f"reorder {n} items, do + undo",
                r,
                "ms",
                baseline=e,
                baseline_name="one-field edit, do + undo",
            )

            if n == 200:

                def load(sid=sid) -> None:
                    load_agenda(library, sid)

                def bare(sid=sid) -> None:
                    with library.read() as db:
                        db.scalars(select(AgendaItem).where(AgendaItem.session_id == sid)).all()

                lo, ba = median_ms(load), median_ms(bare)
                print(
                    "2. page reload of 200 items: load_agenda + plan_times vs bare SELECT, median ms"
                )
                print(f"   load_agenda {lo:7.1f}  bare select {ba:7.1f}  ratio {lo / ba:5.1f}x")
                record(
                    "agenda",
                    "load_agenda + plan_times, 200 items",
                    lo,
                    "ms",
                    baseline=ba,
                    baseline_name="bare SELECT of the rows",
                )

        rows = ["Onderdeel;Minuten;Soort;Wie;Opmerkingen;Vaste starttijd"]
        rows += [
            f"Onderdeel {i} – café;{5 + i % 20};{'pauze' if i % 7 == 0 else 'gesprek'};Wie {i};Opmerking {i};"
            for i in range(2000)
        ]
        data = ("\r\n".join(rows) + "\r\n").encode("cp1252")
        path = Path(tmp) / "groot.csv"
        path.write_bytes(data)

        def parse() -> None:
            read_agenda_file(path)

        def baseline() -> None:
            list(csv.reader(io.StringIO(data.decode("cp1252")), delimiter=";"))

        p, b = median_ms(parse), median_ms(baseline)
        print("3. import preview of a 2,000-row Windows-1252 CSV vs csv.reader, median ms")
        print(f"   read_agenda_file {p:7.1f}  csv.reader {b:7.1f}  ratio {p / b:5.1f}x")
        record(
            "agenda",
            "import preview, 2,000-row Windows-1252 CSV",
            p,
            "ms",
            baseline=b,
            baseline_name="csv.reader on the same bytes",
        )
        library.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
