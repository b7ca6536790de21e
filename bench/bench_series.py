"""Series that remember: repeated encounters over four meetings, and matching a list.

1. A CoP of 25 people (5 organisations of 5) meets four times; each meeting has one item
   with 3 rounds in tables of 5. Planned through the app's own path (register linking,
   `plan_command`, stored rounds, `series_encounters`) twice in the same run: with the
   series history (the default) and with every meeting planned alone (`--no-history`,
   the baseline). Printed: repeated encounters accumulated over the series after each
   meeting (a pair meeting k times counts k - 1). Two meetings of 3 rounds can have zero
   repeats across both (an affine plane of order 5 has 6 parallel classes).
2. The next meeting's list of 200 people against a register of 2,000: the match preview
   (read the register and the list, match every row) against a bare SELECT of the same
   rows (the baseline), and applying it (one command). Goal: preview under 1 s.
3. The Reeks page's read (`load_overview`: meetings, attendance, encounters, actions, who
   is new, whom each person met first) for the fourth meeting of a series of 200 people
   (tables of 8, 3 rounds each meeting) against `list_meetings` alone (the meetings
   table, the baseline); and "Volgende bijeenkomst" (`NextMeeting`: programme, 200 people
   of the register, co-hosts, open actions) against a bare `CreateSession`. Both run on
   the DB worker in the app, never on the UI thread.
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from figures import record  # noqa: E402
from sqlalchemy import select  # noqa: E402

from workshop.commands import CommandRunner  # noqa: E402
from workshop.demo import builders  # noqa: E402
from workshop.grouping.session_plan import PlanOptions, plan_command  # noqa: E402
from workshop.model import Participant, SeriesPerson  # noqa: E402
from workshop.series.commands import LinkPeople, NewMeeting  # noqa: E402
from workshop.series.encounters import series_encounters  # noqa: E402
from workshop.series.queries import preview_session_matches  # noqa: E402
from workshop.store.library import Library  # noqa: E402

MEETINGS, PEOPLE, SIZE, ROUNDS = 4, 25, 5, 3


def people_rows(n: int, offset: int = 0) -> list[dict]:
    return builders.people_rows(
        n,
        start=offset,
        name="Persoon {i:04d}",
        organisation="Organisatie {o}",
        organisations=5,
        email="p{i}@voorbeeld.nl",
        presence=None,
    )


def run_series(folder: Path, with_history: bool) -> list[int]:
    """Repeated encounters over the series after each meeting."""
    library = Library.open(f"sqlite:///{folder / f'series-{with_history}.sqlite'}")
    runner = CommandRunner(library)
    out = []
    try:
        for k in range(MEETINGS):
            meeting = builders.series_meeting(
                library,
                "CoP Regie",
                k + 1,
                people_rows(PEOPLE),
                items=[("Tafelrondes", "subgroepen")],
            )
            sid, series_id, item_id = meeting.session_id, meeting.series_id, meeting.item_id
            options = PlanOptions(
                rounds=ROUNDS, group_size=SIZE, series_history=with_history, seed=1
            )
            command, result = plan_command(library, sid, item_id, options)
            runner.do(command)
            out.append(series_encounters(library, series_id)[-1].repeated)
    finally:
        library.close()
    return out


def bench_encounters(folder: Path) -> None:
    alone = run_series(folder, with_history=False)
    remembered = run_series(folder, with_history=True)
    print(f"{MEETINGS} meetings, {PEOPLE} people, tables of {SIZE}, {ROUNDS} rounds each")
    print(
        "repeated encounters over the series after meeting   "
        + "  ".join(f"{k + 1:>4}" for k in range(MEETINGS))
    )
    print(
        "  planned with the series history                    "
        + "  ".join(f"{v:>4}" for v in remembered)
    )
    print(
        "  each meeting planned alone (baseline, same run)    "
        + "  ".join(f"{v:>4}" for v in alone)
    )
    for k in range(MEETINGS):
        record(
            "series",
            f"repeated encounters after meeting {k + 1}",
            remembered[k],
            "pairs",
            baseline=alone[k] or None,
            baseline_name="each meeting planned alone",
            goal_value=0 if k < 2 else None,
        )


def bench_matching(folder: Path) -> None:
    library = Library.open(f"sqlite:///{folder / 'register.sqlite'}")
    runner = CommandRunner(library)
    try:
        first = NewMeeting("Groot netwerk", title="Eerdere bijeenkomst", date=date(2026, 1, 1))
        runner.do(first)
        assert first.session_id is not None
        builders.add_people(library, first.session_id, people_rows(2000), do=runner.do)
        series_id, matches = preview_session_matches(library, first.session_id)
        runner.do(LinkPeople(series_id, first.session_id, matches))
        nxt = NewMeeting("Groot netwerk", title="Volgende bijeenkomst", date=date(2026, 2, 1))
        runner.do(nxt)
        sid = nxt.session_id
        assert sid is not None
        rows = people_rows(150, offset=1000) + people_rows(50, offset=5000)  # 150 known, 50 new
        for row in rows[:75]:
            row["email"] = ""  # known by name and organisation only
        builders.add_people(library, sid, rows, do=runner.do)

        def raw() -> int:
            with library.read() as db:
                a = db.execute(select(SeriesPerson.id, SeriesPerson.name, SeriesPerson.email))
                b = db.execute(
                    select(Participant.id, Participant.name).where(Participant.session_id == sid)
                )
                return len(a.all()) + len(b.all())

        def preview():
            return preview_session_matches(library, sid)[1]

        base = min(_timed(raw) for _ in range(5))
        took = min(_timed(preview) for _ in range(5))
        found = preview()
        counts = {h: sum(1 for m in found if m.how == h) for h in ("email", "name", "new")}
        start = time.perf_counter()
        runner.do(LinkPeople(series_id, sid, found))
        applied = time.perf_counter() - start
        print()
        print("200 people against a register of 2,000 (best of 5)")
        print(f"  bare SELECT of the same rows (baseline)   {base * 1000:8.1f} ms")
        print(
            f"  match preview                             {took * 1000:8.1f} ms"
            f"   ({took / base:.1f}x)   {counts}"
        )
        print(f"  applying the matches (one command)        {applied * 1000:8.1f} ms")
        record(
            "series",
            "match preview 200 vs 2,000",
            took,
            "s",
            baseline=base,
            baseline_name="bare SELECT of the same rows",
            goal_value=1.0,
        )
        record("series", "apply 200 matches", applied, "s", goal_value=1.0)
    finally:
        library.close()


def bench_series_page(folder: Path) -> None:
    from datetime import time as clock_time

    from workshop.series.actions import ActionStatus
    from workshop.series.commands import AddAction
    from workshop.series.next_meeting import NextMeeting
    from workshop.series.overview import load_overview
    from workshop.series.queries import list_meetings
    from workshop.sessions.commands import CreateSession

    library = Library.open(f"sqlite:///{folder / 'page.sqlite'}")
    runner = CommandRunner(library)
    try:
        sid = 0
        for k in range(MEETINGS):
            items = [
                (f"Onderdeel {n + 1}", "subgroepen" if n == 3 else "overig") for n in range(10)
            ]
            meeting = builders.series_meeting(
                library, "CoP groot", k + 1, people_rows(200), items=items
            )
            sid, series_id, item_id = meeting.session_id, meeting.series_id, meeting.item_id
            options = PlanOptions(rounds=3, group_size=8, seed=1, time_limit=1.0)
            command, _result = plan_command(library, sid, item_id, options)
            runner.do(command)
            for n in range(5):
                status = ActionStatus.OPEN.value if n % 2 else ActionStatus.GEDAAN.value
                runner.do(AddAction(series_id, f"Actie {k}-{n}", "Gemeente", None, sid, status))
        today = date(2026, 4, 9)
        base = min(_timed(lambda: list_meetings(library, series_id)) for _ in range(5))
        took = min(_timed(lambda: load_overview(library, sid, today)) for _ in range(5))
        overview = load_overview(library, sid, today)
        assert overview is not None and len(overview.met_here) > 0
        bare = CreateSession(title="Los", date=date(2026, 5, 7))
        made = NextMeeting(
            series_id, "Bijeenkomst 5", date(2026, 5, 7), clock_time(13), clock_time(16)
        )
        plain = _timed(lambda: runner.do(bare))
        nxt = _timed(lambda: runner.do(made))
        print()
        print(f"The Reeks page, meeting {MEETINGS} of a series of 200 people (best of 5)")
        print(f"  list_meetings alone (baseline)            {base * 1000:8.1f} ms")
        print(
            f"  load_overview (the whole page)            {took * 1000:8.1f} ms"
            f"   ({took / base:.1f}x)   {len(overview.met_here)} people met someone new"
        )
        print(f"  bare CreateSession (baseline)             {plain * 1000:8.1f} ms")
        print(
            f"  NextMeeting (programme, 200 people, …)    {nxt * 1000:8.1f} ms"
            f"   ({nxt / plain:.1f}x)"
        )
        record(
            "series",
            "Reeks page read, 200 people, meeting 4",
            took,
            "s",
            baseline=base,
            baseline_name="list_meetings alone",
        )
        record(
            "series",
            "NextMeeting with 200 register people",
            nxt,
            "s",
            baseline=plain,
            baseline_name="bare CreateSession",
        )
    finally:
        library.close()


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    bench_encounters(folder)
    bench_matching(folder)
    bench_series_page(folder)


if __name__ == "__main__":
    main()
