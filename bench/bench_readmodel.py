"""The one read model on the huge session of `bench_pages.py` (200 people, 60 items, 2×30
groups, 1,000 notes): reading every view of a session once.

* baseline (same run): the separate reads each view did before the read model
  (`readmodel_baseline.py`: projector, verslag, Groepen, Terugkoppeling and Agenda pages);
* one snapshot (`load_snapshot`, everything but photos) and the views derived from it with
  pure functions;
* each view's own loader today (each reads the parts it needs as a snapshot).

Median of several runs, milliseconds. Figures only.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import readmodel_baseline as old  # noqa: E402
from bench_pages import build_library  # noqa: E402
from figures import record  # noqa: E402

from workshop.agenda.queries import load_agenda  # noqa: E402
from workshop.capture.queries import session_capture  # noqa: E402
from workshop.grouping.queries import group_items, item_choices, item_rounds  # noqa: E402
from workshop.projector.content import load_projector_content, projector_content  # noqa: E402
from workshop.readmodel.snapshot import load_snapshot  # noqa: E402
from workshop.reports.data import ReportOptions  # noqa: E402
from workshop.reports.loader import load_report_data, report_data  # noqa: E402

RUNS = 9


def medians_ms(fns: dict[str, Callable[[], object]]) -> dict[str, float]:
    """Median time of each function; the functions take turns in every run, so a busy
    moment of the machine falls on all of them alike."""
    for fn in fns.values():
        fn()  # warm caches and the ORM's compiled statements
    times: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(RUNS):
        for name, fn in fns.items():
            start = time.perf_counter()
            fn()
            times[name].append((time.perf_counter() - start) * 1000)
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        library, sid = build_library(Path(folder))
        snap = load_snapshot(library, sid)
        item = next(r.agenda_item_id for r in snap.rounds)
        options = ReportOptions(sections=ReportOptions().sections - {"photos"})

        def before() -> None:
            old.projector(library, sid)
            old.verslag(library, sid)
            old.groups_page(library, sid, item)
            old.capture_page(library, sid)
            old.agenda_page(library, sid)

        def one_snapshot() -> None:
            s = load_snapshot(library, sid)
            projector_content(s)
            report_data(s, options)
            item_choices(s)
            s.rounds_of(item)

        def each_loader() -> None:
            load_projector_content(library, sid)
            load_report_data(library, sid, options)
            group_items(library, sid)
            item_rounds(library, sid, item)
            session_capture(library, sid)
            load_agenda(library, sid)

        figures = medians_ms(
            {
                "separate queries before the read model (baseline)": before,
                "one snapshot + pure views": one_snapshot,
                "snapshot only": lambda: load_snapshot(library, sid),
                "each view's loader today": each_loader,
                "projector before": lambda: old.projector(library, sid),
                "projector today": lambda: load_projector_content(library, sid),
                "verslag data before": lambda: old.verslag(library, sid),
                "verslag data today": lambda: load_report_data(library, sid, options),
            }
        )
        library.close()
    base = figures["separate queries before the read model (baseline)"]
    print(f"Huge session, every view read once (median of {RUNS}, ms):")
    for name, value in figures.items():
        print(f"  {name:<52} {value:8.1f} ms  ({value / base:4.2f}× baseline)")
        record("readmodel", name, value, "ms", baseline=base, baseline_name="separate queries")
    pairs = (("projector", "projector before"), ("verslag data", "verslag data before"))
    for name, before_name in pairs:
        ratio = figures[f"{name} today"] / figures[before_name]
        print(f"  {name}: today / before = {ratio:.2f}")


if __name__ == "__main__":
    main()
