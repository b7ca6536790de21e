"""The Reeks page's UI-thread work for a big series: how long showing the overview takes.

Two meetings of 200 people (tables of 8, 3 rounds each, 10 actions per meeting); the
overview of meeting 2 is read once (on the DB worker in the app, not timed here), then the
page's three panels are filled with it on the UI thread, five times each: this meeting (who
is new, whom each of the 200 met first), the meetings table with the chart, the action
register. Baseline, same run: a plain QTableWidget filled with as many text cells as the
panels show. Prints the median, the first fill (first layout of the widgets) and the
worst of the later fills in ms; offscreen.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_series import people_rows  # noqa: E402
from figures import record  # noqa: E402
from PySide6.QtWidgets import QApplication, QTableWidget, QTableWidgetItem  # noqa: E402

from workshop.commands import CommandRunner  # noqa: E402
from workshop.demo.builders import series_meeting  # noqa: E402
from workshop.grouping.session_plan import PlanOptions, plan_command  # noqa: E402
from workshop.series.commands import AddAction  # noqa: E402
from workshop.series.overview import load_overview  # noqa: E402
from workshop.store.library import Library  # noqa: E402

PEOPLE, RUNS = 200, 5


def build(folder: Path):
    library = Library.open(f"sqlite:///{folder / 'series-page.sqlite'}")
    runner = CommandRunner(library)
    sid = series_id = 0
    for k in range(2):
        meeting = series_meeting(library, "CoP groot", k + 1, people_rows(PEOPLE), do=runner.do)
        sid, series_id = meeting.session_id, meeting.series_id
        options = PlanOptions(rounds=3, group_size=8, seed=1, time_limit=1.0)
        command, _result = plan_command(library, sid, meeting.item_id, options)
        runner.do(command)
        for n in range(10):
            runner.do(AddAction(series_id, f"Actie {k + 1}.{n + 1}", "Gemeente", None, sid))
    return library, sid


def timed(app: QApplication, fn) -> float:
    start = time.perf_counter()
    fn()
    app.processEvents()
    return (time.perf_counter() - start) * 1000


def main() -> None:
    app = QApplication.instance() or QApplication([])
    from ui.series.actions_panel import ActionsPanel
    from ui.series.meeting_panel import MeetingPanel
    from ui.series.meetings_panel import MeetingsPanel

    library, sid = build(Path(tempfile.mkdtemp()))
    overview = load_overview(library, sid, date(2026, 3, 1))
    assert overview is not None
    this, meetings, actions = MeetingPanel(), MeetingsPanel(), ActionsPanel(print, time.time)
    plain = QTableWidget()
    for widget in (this, meetings, actions, plain):
        widget.resize(900, 600)
        widget.show()
    app.processEvents()
    cells = 2 * len(overview.met_here) + 6 * len(overview.meetings) + 5 * len(overview.actions)

    def fill_plain() -> None:
        plain.setRowCount(0)
        plain.setColumnCount(5)
        plain.setRowCount(cells // 5)
        for row in range(cells // 5):
            for column in range(5):
                plain.setItem(row, column, QTableWidgetItem(f"cel {row}.{column}"))

    fills = {
        "plain QTableWidget, same cell count (baseline)": fill_plain,
        "this meeting (new people, who met whom)": lambda: this.show_meeting(overview),
        "meetings table and chart": lambda: meetings.show_meetings(overview, sid),
        "action register": lambda: actions.show_actions(overview.series_id, sid, overview.actions),
    }
    results = {name: [timed(app, fn) for _ in range(RUNS)] for name, fn in fills.items()}
    base = statistics.median(results["plain QTableWidget, same cell count (baseline)"])
    print(
        f"Reeks page, meeting 2 of a series of {PEOPLE} people "
        f"({len(overview.met_here)} met someone new, {len(overview.actions)} actions), "
        f"UI thread, {RUNS} fills"
    )
    for name, values in results.items():
        median = statistics.median(values)
        print(
            f"  {name:<48} median {median:6.1f} ms  first {values[0]:6.1f} ms"
            f"  worst after {max(values[1:]):6.1f} ms"
            f"  ({median / base:.1f}x)"
        )
        if not name.startswith("plain"):
            record(
                "series_page",
                f"fill: {name}",
                median / 1000,
                "s",
                baseline=base / 1000,
                baseline_name="plain QTableWidget, same cell count",
                goal_value=0.05,
            )
    library.close()


if __name__ == "__main__":
    main()
