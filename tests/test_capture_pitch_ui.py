"""Terugkoppeling page: a pitch gets its team, and an ambiguous speaker is chosen by hand."""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from sqlalchemy import select
from test_capture_ui import done, open_page, type_note

from workshop.model import (
    AgendaItem,
    BreakoutGroup,
    BreakoutRound,
    Note,
    Participant,
    QueueEntry,
    WorkSession,
)

# Screenshots go to docs/screenshots/ when WORKSHOP_SCREENSHOTS=1 (to refresh the committed
# pictures), else to a temporary folder, so a test run leaves the tree clean.
SHOTS = (
    Path(__file__).resolve().parent.parent / "docs" / "screenshots"
    if os.environ.get("WORKSHOP_SCREENSHOTS") == "1"
    else Path(tempfile.gettempdir()) / "workshop-screenshots" / "flow-harvest"
)


def _session(library) -> tuple[int, int]:
    with library.unit_of_work() as db:
        s = WorkSession(title="Lessen uit de praktijk", date=date(2015, 5, 20))
        s.items = [
            AgendaItem(position=0, title="Pitchronde", kind="pitch", planned_minutes=20),
            AgendaItem(position=1, title="Kleine teams", kind="subgroepen"),
        ]
        s.participants = [
            Participant(name="Jan Bakker", may_be_named=True, presence="aanwezig"),
            Participant(name="Jan de Vries", may_be_named=False, presence="aanwezig"),
        ]
        db.add(s)
        db.flush()
        rnd = BreakoutRound(session_id=s.id, agenda_item_id=s.items[1].id, number=1)
        rnd.groups = [
            BreakoutGroup(position=0, name="Team 1", theme="De Buurtbus"),
            BreakoutGroup(position=1, name="Team 2", theme="Voedselbank"),
        ]
        db.add(rnd)
        db.flush()
        return s.id, s.items[0].id


def test_pitch_team_and_speaker_choice(qtbot, arun, library, command_service, session_window):
    sid, pitch_id = _session(library)
    window, page = open_page(arun, session_window, sid)
    window.resize(1280, 800)
    assert page.item_id == pitch_id
    for name in ("De Buurtbus", "Voedselbank"):
        page.queue_panel.adder.setText(name)
        qtbot.keyClick(page.queue_panel.adder, Qt.Key.Key_Return)
        done(arun, page, command_service)
    # 20 minutes over two pitches: 10 each without anything set
    assert [e.effective_minutes for e in page.queue.entries] == [10, 10]
    bus = page.queue.entries[0]
    page.queue_panel.select_group(bus.target)
    team = page.queue_panel.team
    assert team.isVisible() and team.isEnabled()
    row = team.findText("Team 1")
    team.setCurrentIndex(row)
    team.activated.emit(row)
    done(arun, page, command_service)
    with library.read() as db:
        entry = db.scalars(select(QueueEntry).where(QueueEntry.name == "De Buurtbus")).one()
        assert db.get(BreakoutGroup, entry.group_id).name == "Team 1"
    assert page.queue.entries[0].team_name == "Team 1"

    page.queue_panel.select_group(page.queue.entries[0].target)
    arun(page.settled())
    type_note(qtbot, page, '"Wie rijdt de bus als wij stoppen?" - Jan')
    done(arun, page, command_service)
    with library.read() as db:
        note = db.scalars(select(Note)).one()
        assert note.speaker_id is None  # two Jans: the facilitator chooses
        jan = db.scalars(select(Participant).where(Participant.name == "Jan Bakker")).one()
    page.notes.select_id(note.id)
    arun(page.settled())
    person = page.details.person
    assert page.details.isEnabled() and person.isVisible()
    row = person.findData(jan.id)
    person.setCurrentIndex(row)
    person.activated.emit(row)
    done(arun, page, command_service)
    with library.read() as db:
        note = db.get(Note, note.id)
        assert note.speaker_id == jan.id and note.speaker_may_be_named
    page.notes.select_id(note.id)
    arun(page.settled())
    SHOTS.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(SHOTS / "terugkoppeling-pitch-team-speaker.png"))
