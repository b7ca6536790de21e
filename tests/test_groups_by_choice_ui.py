"""Groepen page: the "teams by choice" mode forms one team per initiative (seed 002)."""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

from test_people_ui import _until, _wait

from workshop.grouping.queries import item_rounds
from workshop.model import AgendaItem, Participant, WorkSession

# Screenshots go to docs/screenshots/ when WORKSHOP_SCREENSHOTS=1 (to refresh the committed
# pictures), else to a temporary folder, so a test run leaves the tree clean.
SHOTS = (
    Path(__file__).resolve().parent.parent / "docs" / "screenshots"
    if os.environ.get("WORKSHOP_SCREENSHOTS") == "1"
    else Path(tempfile.gettempdir()) / "workshop-screenshots" / "flow-harvest"
)

CASES = ["De Buurtbus", "Voedselbank Oost", "Zorgcoöperatie", "Repair Café", "Tiny Houses"]


def _seed_002(library) -> tuple[int, int]:
    with library.unit_of_work() as db:
        s = WorkSession(title="Lessen uit de praktijk", date=date(2015, 5, 20))
        s.items = [
            AgendaItem(position=0, title="Pitchronde", kind="pitch", planned_minutes=40),
            AgendaItem(position=1, title="Kleine teams samenstellen", kind="subgroepen"),
        ]
        people = [
            Participant(name=f"Initiatiefnemer {n + 1}", initiative=case, presence="aanwezig")
            for n, case in enumerate(CASES)
        ]
        for n in range(20):  # a show of hands: most want the bus
            choice = CASES[0] if n < 9 else CASES[n % 5] if n < 17 else ""
            people.append(
                Participant(
                    name=f"Deelnemer {n + 1:02d}", presence="aanwezig", theme_preference=choice
                )
            )
        s.participants = people
        db.add(s)
        db.flush()
        return s.id, s.items[1].id


def test_teams_by_choice_from_the_groups_page(arun, library, command_service, session_window):
    sid, item_id = _seed_002(library)
    window = session_window(sid)
    window.resize(1280, 800)
    page = window.show_page("groups")
    _until(arun, lambda: page.state is not None)
    if page.item_id != item_id:
        page.item_combo.setCurrentIndex(page.item_combo.findData(item_id))
        page._item_chosen(page.item_combo.currentIndex())
        _until(arun, lambda: page.state is not None and page.state.item_id == item_id)
    page.by_choice.setChecked(True)
    page.team_max.setValue(5)
    page.plan_button.click()
    _until(arun, lambda: len(page.cards) == 5)
    _wait(arun, command_service)
    (rnd,) = item_rounds(library, sid, item_id)
    assert [g.theme for g in rnd.groups] == CASES
    assert all(len(g.member_ids) == 5 for g in rnd.groups)  # 25 people, at most 5 each
    assert all(g.host_id is not None for g in rnd.groups)
    _until(arun, lambda: "eerste keuze" in page.status.text())
    assert "5 teams" in page.status.text()
    SHOTS.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(SHOTS / "groepen-teams-by-choice.png"))
    command_service.undo()
    _wait(arun, command_service)
    assert item_rounds(library, sid, item_id) == []
