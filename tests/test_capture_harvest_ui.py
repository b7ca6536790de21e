"""Terugkoppeling page: the plenary item's breakout is chosen once in the queue panel."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from sqlalchemy import select
from test_capture_ui import done, open_page

from workshop.demo import ensure_demo
from workshop.model import AgendaItem, BreakoutGroup, BreakoutRound

# Screenshots go to docs/screenshots/ when WORKSHOP_SCREENSHOTS=1 (to refresh the committed
# pictures), else to a temporary folder, so a test run leaves the tree clean.
SHOTS = (
    Path(__file__).resolve().parent.parent / "docs" / "screenshots"
    if os.environ.get("WORKSHOP_SCREENSHOTS") == "1"
    else Path(tempfile.gettempdir()) / "workshop-screenshots" / "flow-harvest"
)


@pytest.fixture
def demo_with_table_talk(library):
    """The demo session plus groups formed on its Gesprek item (as in the kick-off)."""
    sid = ensure_demo(library)
    with library.unit_of_work() as db:
        items = db.scalars(
            select(AgendaItem).where(AgendaItem.session_id == sid).order_by(AgendaItem.position)
        ).all()
        talk = next(i for i in items if i.kind == "gesprek")
        feedback = next(i for i in items if i.kind == "terugkoppeling")
        rnd = BreakoutRound(session_id=sid, agenda_item_id=talk.id, number=9, title="Tafels")
        rnd.groups = [BreakoutGroup(position=i, name=f"Tafel {c}") for i, c in enumerate("ABC")]
        db.add(rnd)
        db.flush()
        return sid, talk.id, feedback.id


def test_choose_the_breakout_a_plenary_item_harvests(
    qtbot, arun, library, command_service, session_window, demo_with_table_talk, tmp_path
):
    sid, talk_id, feedback_id = demo_with_table_talk
    window, page = open_page(arun, session_window, sid)
    window.resize(1280, 800)
    assert page.item_id == feedback_id
    panel = page.queue_panel
    combo = panel.harvest
    assert combo.isVisible()
    assert combo.currentIndex() == 0 and combo.currentText().startswith(
        "Automatisch: In subgroepen"
    )
    default_names = [e.name for e in page.queue.entries]
    assert default_names[0] == "Groep 1"

    row = combo.findData(talk_id)
    assert row > 0
    combo.setCurrentIndex(row)
    combo.activated.emit(row)
    done(arun, page, command_service)
    arun(page.settled())
    assert [e.name for e in page.queue.entries] == ["Tafel A", "Tafel B", "Tafel C"]
    assert page.queue.harvest_chosen and combo.currentData() == talk_id
    with library.read() as db:
        assert db.get(AgendaItem, feedback_id).harvest_item_id == talk_id
    SHOTS.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(SHOTS / "terugkoppeling-harvest-choice.png"))

    # Automatic again: the nearest earlier item with groups.
    combo.setCurrentIndex(0)
    combo.activated.emit(0)
    done(arun, page, command_service)
    arun(page.settled())
    assert [e.name for e in page.queue.entries] == default_names
