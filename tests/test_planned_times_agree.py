"""One plan: the Agenda page, the Live page (timing forecast) and the projector show the same
planned start for every item, fixed starts included (all three use `plan_times`)."""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone

import pytest
from conftest import until

from ui.agenda.table_model import COL_START
from workshop.agenda.queries import load_agenda
from workshop.clock import FakeClock
from workshop.demo import ensure_demo
from workshop.demo.builders import session_with_items
from workshop.projector.content import load_projector_content
from workshop.reports import load_report_data
from workshop.timing.forecast import planned_times
from workshop.timing.plan import load_run

AMSTERDAM = timezone(timedelta(hours=2))


def fixed_in_the_middle(library) -> int:
    """15:00-17:00; the break is fixed at 16:00 but the items before it need until 16:15,
    and the closing is fixed at 16:50 with room to spare before it."""
    rows = [
        ("Welkom", 30, None),
        ("Subgroepen", 45, None),
        ("Pauze", 15, time(16, 0)),
        ("Terugkoppeling", 20, None),
        ("Afsluiting", 10, time(16, 50)),
    ]
    items = [{"title": t, "planned_minutes": m, "fixed_start": f} for t, m, f in rows]
    sid, _items = session_with_items(
        library, "Vast in het midden", items, start_time=time(15), end_time=time(17)
    )
    return sid


def hm(value) -> str:
    return f"{value.hour:02d}:{value.minute:02d}"


def core_starts(library, session_id: int) -> dict[str, list[str]]:
    now = datetime(2021, 4, 9, 14, 30, tzinfo=AMSTERDAM)
    agenda = load_agenda(library, session_id).plan.items
    live = planned_times(load_run(library, session_id).plan, now).items
    projector = load_projector_content(library, session_id).agenda
    report = load_report_data(library, session_id).agenda
    return {
        "agenda": [hm(p.start) for p in agenda],
        "live": [hm(p.start) for p in live],
        "projector": [hm(e.planned_start) for e in projector],
        "report": [hm(e.planned_start) for e in report],
    }


@pytest.mark.parametrize("which", ["demo", "fixed"])
def test_the_core_views_agree(library, which):
    sid = ensure_demo(library) if which == "demo" else fixed_in_the_middle(library)
    starts = core_starts(library, sid)
    assert starts["agenda"] == starts["live"] == starts["projector"] == starts["report"]
    if which == "fixed":
        # the fixed break keeps its promised time; what follows plans from it
        assert starts["agenda"] == ["15:00", "15:30", "16:00", "16:15", "16:50"]
    else:
        assert starts["agenda"][0] == "15:00" and starts["agenda"][-1] == "16:50"


@pytest.mark.parametrize("which", ["demo", "fixed"])
def test_the_pages_show_the_same_planned_starts(qtbot, session_window, arun, library, which):
    sid = ensure_demo(library) if which == "demo" else fixed_in_the_middle(library)
    clock = FakeClock(datetime(2021, 4, 9, 14, 30, tzinfo=AMSTERDAM))
    window = session_window(sid, clock=clock)

    agenda_page = window.show_page("agenda")
    arun(until(lambda: agenda_page.model.rowCount() > 0, what="the agenda was read"))
    arun(agenda_page.wait_idle())
    model = agenda_page.model
    on_agenda = [
        model.data(model.index(r, COL_START)).removeprefix("⚠ ") for r in range(model.rowCount())
    ]

    live_page = window.show_page("live")
    arun(window.ctx.session_services.live.ensure_loaded())
    tree = live_page.agenda
    on_live = [
        tree.topLevelItem(r).text(0).removesuffix(" ⚑") for r in range(tree.topLevelItemCount())
    ]

    projector = window.ctx.session_services.projector
    arun(projector.load())
    on_projector = [hm(e.planned_start) for e in projector.content.agenda]

    assert len(on_agenda) == len(core_starts(library, sid)["agenda"])
    assert on_agenda == on_live == on_projector == core_starts(library, sid)["agenda"]
