"""A Dutch facilitator prepares and runs a session from scratch through the real widgets:
details, template, agenda edit with undo, participant import, check-in, walk-in, groups,
live run, feedback capture and the verslag; then the key steps once in English."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, time

from conftest import idle as app_idle
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton, QSpinBox
from report_helpers import pdf_text, squash

from ui.agenda.table_model import COL_MINUTES
from ui.pages.people_model import NAMED_COLUMN
from ui.widgets.import_preview_dialog import ImportPreviewDialog
from workshop.agenda.queries import load_agenda
from workshop.capture.queries import reporting_queue
from workshop.clock import FakeClock
from workshop.grouping.queries import item_rounds
from workshop.people.queries import list_people
from workshop.sessions.commands import CreateSession

NOTES = [
    "Lokaal eigenaarschap werkt",
    '"We passen niet in een hokje" - Anouk',
    "?Wie betaalt de preventie",
    "!Verslag rondsturen @Marieke voor 1 juni",
    ">Budget per wijk",
    "+Netbeheerder",
]
NOTE_TEXTS = [
    "Lokaal eigenaarschap werkt",
    "We passen niet in een hokje",
    "Wie betaalt de preventie",
    "Verslag rondsturen",
    "Budget per wijk",
    "Netbeheerder",
]
THEME = "Energie in de wijk"
CSV = (
    "Naam;Organisatie;Toestemming naam\r\n"
    "René Bakker;Gemeente Zuidpoort;ja\r\n"
    "Sanne Verborgen;GGD;nee\r\n"
    "Karim Ouali;Woningcorporatie;ja\r\n"
    "Els Dijkstra;Buurtteam;ja\r\n"
)


def until(arun, predicate, timeout: float = 10.0) -> None:
    async def poll() -> None:
        for _step in range(int(timeout / 0.05)):
            if predicate():
                return
            await asyncio.sleep(0.05)
        raise AssertionError("condition not reached")

    arun(poll(), timeout + 5)


def idle(arun) -> None:
    """Until every stored step, page op and read has finished (conftest's `idle`)."""
    arun(app_idle())


def activate(widget) -> None:
    """Focus as the user has it: the window active (offscreen: not after a dialog closed)."""
    window = widget.window()
    window.activateWindow()
    if QApplication.activeWindow() is not window:
        window.windowHandle().requestActivate()
        QApplication.processEvents()
    assert QApplication.activeWindow() is window
    widget.setFocus()


def new_session(arun, command_service) -> int:
    command = CreateSession(
        title="Wijkgesprek Zuidpoort",
        date=date(2026, 12, 3),
        start_time=time(15, 0),
        end_time=time(17, 0),
    )
    arun(command_service.push_and_wait(command))
    assert command.session_id is not None
    return command.session_id


def apply_template(arun, command_service, window):
    page = window.show_page("agenda")
    arun(page.wait_idle())
    template = next(t for t in page.templates if t.name.startswith(("Transitie", "Transition")))
    page.apply_template(template)
    idle(arun)
    return page


def import_people(arun, command_service, window, tmp_path):
    path = tmp_path / "aanmeldingen.csv"
    path.write_bytes(CSV.encode("cp1252"))
    page = window.show_page("participants")
    page.import_file(str(path))
    until(arun, lambda: page.findChild(ImportPreviewDialog) is not None)
    dialog = page.findChild(ImportPreviewDialog)
    assert dialog.model.rowCount() == 4
    return page, dialog


def test_dutch_facilitator_from_scratch(
    qtbot, arun, library, command_service, session_window, tmp_path
):
    shots = tmp_path / "shots"
    shots.mkdir()
    sid = new_session(arun, command_service)
    clock = FakeClock(datetime(2026, 12, 3, 14, 0, tzinfo=UTC))
    window = session_window(sid, clock=clock)
    window.resize(1280, 800)
    window.show_page("details")
    idle(arun)
    window.grab().save(str(shots / "0-details.png"))

    # -- agenda from the template, one edit undone ------------------------------------------
    agenda = apply_template(arun, command_service, window)
    rows = load_agenda(library, sid).rows
    assert rows[0].title == "Introductie over de transitie" and len(agenda.model.rows) == len(rows)
    before = rows[1].planned_minutes
    agenda.select_ids([rows[1].id], rows[1].id, COL_MINUTES)
    agenda.table.edit(agenda.model.index(1, COL_MINUTES))
    spin = agenda.table.findChild(QSpinBox, "minutes-editor")
    spin.setValue(before + 7)
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    idle(arun)
    assert load_agenda(library, sid).rows[1].planned_minutes == before + 7
    window.grab().save(str(shots / "1-agenda.png"))
    activate(agenda.table)
    qtbot.keyClick(agenda.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    idle(arun)
    assert load_agenda(library, sid).rows[1].planned_minutes == before

    # -- participants: import (cp1252, é), check in two, one walk-in -----------------------
    people, dialog = import_people(arun, command_service, window, tmp_path)
    dialog.grab().save(str(shots / "2-import.png"))
    consent = dialog.model.headers.index("In verslag")  # the facilitator sees who may be named
    assert [dialog.model.text(r, consent) for r in range(4)] == ["ja", "nee", "ja", "ja"]
    dialog.findChild(QPushButton, "import-confirm").click()
    idle(arun)
    names = {p.name for p in list_people(library, sid)}
    assert "René Bakker" in names and len(names) == 4
    for name in ("Bakker", "Verborgen"):
        people.search.setFocus()
        qtbot.keyClicks(people.search, name)
        until(arun, lambda: people.proxy.rowCount() == 1)
        qtbot.keyClick(people.search, Qt.Key.Key_Return)
        idle(arun)
    people.walk_in.setFocus()
    people.walk_in.setText("Zoë de Loper, Bewonersraad")
    qtbot.keyClick(people.walk_in, Qt.Key.Key_Return)
    idle(arun)
    by_name = {p.name: p for p in list_people(library, sid)}
    assert by_name["René Bakker"].presence == "aanwezig"
    assert by_name["Sanne Verborgen"].presence == "aanwezig"
    assert not by_name["Sanne Verborgen"].may_be_named
    walk_in = by_name["Zoë de Loper"]
    assert walk_in.walk_in and walk_in.presence == "aanwezig"
    until(arun, lambda: people.model.rowCount() == 5)
    # the walk-in agrees to be named: one click in the "In verslag" column
    people.search.setText("Loper")
    assert people.proxy.rowCount() == 1
    index = people.proxy.index(0, NAMED_COLUMN)
    people.table.scrollTo(index)
    rect = people.table.visualRect(index)
    qtbot.mouseClick(people.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    idle(arun)
    walk_in = next(p for p in list_people(library, sid) if p.name == "Zoë de Loper")
    assert walk_in.may_be_named
    people.search.clear()
    window.grab().save(str(shots / "3-participants.png"))

    # -- groups of three for the subgroepen item -------------------------------------------
    groups = window.show_page("groups")
    until(arun, lambda: groups.state is not None)
    sub = next(r for r in load_agenda(library, sid).rows if r.kind == "subgroepen")
    groups.item_combo.setCurrentIndex(groups.item_combo.findData(sub.id))
    until(arun, lambda: groups.item_id == sub.id and groups.state.item_id == sub.id)
    groups.by_size.setChecked(True)
    groups.size_box.setValue(3)
    groups.plan_button.click()
    until(arun, lambda: bool(item_rounds(library, sid, sub.id)), timeout=20)
    idle(arun)
    until(arun, lambda: bool(groups.cards))
    rnd = item_rounds(library, sid, sub.id)[0]
    assert sum(len(g.members) for g in rnd.groups) == 3  # the three who are present
    card = groups.cards[0]
    card.theme_edit.setFocus()
    card.theme_edit.setText(THEME)
    card.theme_edit.editingFinished.emit()
    idle(arun)
    assert item_rounds(library, sid, sub.id)[0].groups[0].theme == THEME
    window.grab().save(str(shots / "4-groups.png"))

    # -- live: start, next item with the keyboard -------------------------------------------
    live_page = window.show_page("live")
    live = window.ctx.session_services.live
    arun(live.ensure_loaded())
    activate(live_page)
    qtbot.keyClick(live_page, Qt.Key.Key_Space)
    assert live.engine.running
    qtbot.keyClick(live_page, Qt.Key.Key_PageDown)
    assert live.engine.current.title.startswith("Presentatie")
    arun(live.wait_idle())
    window.grab().save(str(shots / "5-live.png"))

    # -- feedback: every kind of note for the group ------------------------------------------
    capture = window.show_page("capture")
    idle(arun)
    arun(capture.settled())
    feedback = next(r for r in load_agenda(library, sid).rows if r.kind == "terugkoppeling")
    assert capture.item_id == live.engine.current.id  # the page opens on the running item
    index = capture.items.findData(feedback.id)  # the facilitator picks the feedback item
    capture.items.setCurrentIndex(index)
    capture.items.activated.emit(index)
    arun(capture.settled())
    assert capture.item_id == feedback.id
    group_id = reporting_queue(library, feedback.id).entries[0].group_id
    qtbot.keyClick(capture.input.line, Qt.Key.Key_F8)
    idle(arun)
    arun(capture.settled())
    assert capture.group_id == group_id
    for line in NOTES:
        activate(capture.input.line)
        qtbot.keyClicks(capture.input.line, line)
        qtbot.keyClick(capture.input.line, Qt.Key.Key_Return)
    idle(arun)
    arun(capture.settled())
    assert capture.notes.count() == len(NOTES)
    window.grab().save(str(shots / "6-capture.png"))

    # -- verslag ----------------------------------------------------------------------------
    report = window.show_page("report")
    idle(arun)
    target = tmp_path / "verslag.pdf"
    result = arun(report.export_to(target, open_when_done=False), 60)
    assert result is not None and target.exists()
    window.grab().save(str(shots / "7-report.png"))
    text = squash(pdf_text(target))
    for note in NOTE_TEXTS:
        assert note in text, note
    assert THEME in text
    assert "Wijkgesprek Zuidpoort" in text
    assert "Zoë de Loper" in text  # the walk-in agreed
    assert "1 deelnemer wordt in dit verslag niet bij naam genoemd" in text
    assert "René Bakker" in text
    assert "Sanne Verborgen" not in text and "Verborgen" not in text


def test_english_facilitator_key_steps(
    qtbot, arun, library, command_service, session_window, tmp_path, english
):
    sid = new_session(arun, command_service)
    window = session_window(sid)
    window.resize(1280, 800)
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles[:8] == [
        "Details",
        "Agenda",
        "Live",
        "Participants",
        "Groups",
        "Feedback",
        "Phones",
        "Report",
    ]
    agenda = apply_template(arun, command_service, window)
    assert agenda.model.rows and agenda.model.rows[0].title
    window.grab().save(str(tmp_path / "en-agenda.png"))
    people, dialog = import_people(arun, command_service, window, tmp_path)
    confirm = dialog.findChild(QPushButton, "import-confirm")
    assert confirm.text().isascii() and "mport" in confirm.text()
    confirm.click()
    idle(arun)
    assert "René Bakker" in {p.name for p in list_people(library, sid)}
    until(arun, lambda: people.counts.text().endswith("4 in all"))
    assert people.counts.text().startswith("0 present")
    groups = window.show_page("groups")
    until(arun, lambda: groups.state is not None)
    assert groups.plan_button.text() == "Plan"
    assert groups.by_theme.text() == "By preferred theme"
    live_page = window.show_page("live")
    arun(window.ctx.session_services.live.ensure_loaded())
    assert live_page.play_button.text() == "Start the session"
    window.grab().save(str(tmp_path / "en-live.png"))
    report = window.show_page("report")
    idle(arun)
    assert report.kind_verslag.text().startswith("Report")
    assert report.anonymous.text().startswith("Anonymous")
    window.grab().save(str(tmp_path / "en-report.png"))
