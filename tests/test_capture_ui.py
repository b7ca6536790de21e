"""The Terugkoppeling page driven through its real widgets, as a facilitator would."""

from __future__ import annotations

import io
import os
from datetime import date

import pytest
from conftest import until
from PIL import Image
from PySide6.QtCore import Qt
from sqlalchemy import select

from ui.kit import theme
from workshop.capture.drafts import draft_key, load_draft
from workshop.capture.queries import actions, reporting_queue
from workshop.capture.queue import Target
from workshop.clock import FakeClock
from workshop.demo import ensure_demo
from workshop.model import (
    AgendaItem,
    Attachment,
    BreakoutRound,
    Note,
    NoteKind,
    Participant,
    WorkSession,
)
from workshop.sessions.commands import CreateSession


def open_page(arun, session_window, sid, clock=None):
    window = session_window(sid, clock=clock)
    page = window.show_page("capture")
    arun(until(page.isEnabled, what="the session was read"))
    arun(page.settled())
    return window, page


def type_note(qtbot, page, text: str) -> None:
    page.input.line.setFocus()
    if text.isascii():
        qtbot.keyClicks(page.input.line, text)
    else:  # QTest types ASCII only; a paste puts in the rest
        page.input.line.insert(text)
    qtbot.keyClick(page.input.line, Qt.Key.Key_Return)


def done(arun, page, command_service):
    """Until every command stored, its change announced and every read and op ended."""
    arun(command_service.wait_idle())
    arun(page.settled())


def stored(library, **where) -> list[Note]:
    with library.read() as db:
        q = select(Note).order_by(Note.position, Note.id)
        for name, value in where.items():
            q = q.where(getattr(Note, name) == value)
        return list(db.scalars(q))


@pytest.fixture
def demo(library):
    sid = ensure_demo(library)
    with library.read() as db:
        feedback = db.scalars(
            select(AgendaItem).where(
                AgendaItem.session_id == sid, AgendaItem.kind == "terugkoppeling"
            )
        ).one()
        return sid, feedback.id


def test_every_kind_for_two_groups_with_undo_redo(
    qtbot, arun, library, command_service, session_window, demo
):
    sid, fid = demo
    clock = FakeClock()
    _window, page = open_page(arun, session_window, sid, clock)
    assert page.item_id == fid and page.group_id is None
    groups = [e.group_id for e in reporting_queue(library, fid).entries]
    lines = [
        "Lokaal eigenaarschap werkt",
        '"We passen niet in een hokje" - Anouk',
        "?Wie betaalt de preventie",
        "!Verslag rondsturen @Marieke voor 1 juni",
        ">Budget per wijk",
        "+Netbeheerder",
    ]
    for group_id in groups[:2]:
        qtbot.keyClick(page.input.line, Qt.Key.Key_F8)  # next group gets the floor
        done(arun, page, command_service)
        assert page.group_id == group_id
        before = len(stored(library, group_id=group_id))
        for line in lines:
            type_note(qtbot, page, line)
        done(arun, page, command_service)
        notes = stored(library, group_id=group_id)[before:]
        assert [n.kind for n in notes] == [k.value for k in NoteKind]
        action = notes[3]
        assert (action.text, action.action_who, action.action_due) == (
            "Verslag rondsturen",
            "Marieke",
            date(2021, 6, 1),
        )
        assert notes[1].speaker == "Anouk"
        with library.read() as db:  # linked to the participant: her own consent applies
            anouk = db.get(Participant, notes[1].speaker_id)
            assert anouk.name.startswith("Anouk")
            assert notes[1].speaker_may_be_named == anouk.may_be_named
        assert page.notes.count() == before + 6
    assert page.service.current_key == Target(group_id=groups[1])
    reading = page.service.reading()
    assert reading is not None and reading.display == "03:00"
    clock.advance(200)
    assert page.service.reading().display == "+00:20"
    # undo the last three notes with Ctrl+Z (focus in the input line), then redo them
    count = len(stored(library, group_id=groups[1]))
    for _ in range(3):
        qtbot.keyClick(page.input.line, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        done(arun, page, command_service)
    assert len(stored(library, group_id=groups[1])) == count - 3
    for _ in range(3):
        qtbot.keyClick(
            page.input.line,
            Qt.Key.Key_Z,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
        done(arun, page, command_service)
    assert [n.text for n in stored(library, group_id=groups[1])][-3:] == [
        "Verslag rondsturen",
        "Budget per wijk",
        "Netbeheerder",
    ]


def test_ctrl_number_overrides_and_bad_text_is_kept(
    qtbot, arun, library, command_service, session_window, demo
):
    sid, fid = demo
    _window, page = open_page(arun, session_window, sid)
    page.input.line.setFocus()
    qtbot.keyClick(page.input.line, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert page.input.override == NoteKind.VRAAG
    type_note(qtbot, page, "Waarom werkt dit niet")
    assert page.input.override is None  # one note only
    awkward = ["<b>vet</b> & zo", "Klimaat 🌍🔥 👩🏽‍🌾", "שלום عربي mixed"]
    for text in awkward:
        type_note(qtbot, page, text)
    page.input.line.setText("x" * 10_000)  # a paste
    qtbot.keyClick(page.input.line, Qt.Key.Key_Return)
    done(arun, page, command_service)
    notes = stored(library, agenda_item_id=fid, group_id=None)
    assert notes[-5].kind == "vraag" and notes[-5].text == "Waarom werkt dit niet"
    assert [n.text for n in notes[-4:-1]] == awkward
    assert notes[-1].text == "x" * 10_000
    assert page.notes.item(page.notes.count() - 1).text().endswith("…")  # shortened in the list
    type_note(qtbot, page, "?")  # a bare mark stores nothing
    done(arun, page, command_service)
    assert len(stored(library, agenda_item_id=fid, group_id=None)) == len(notes)
    assert "Nothing" in page.input.preview.text() or "Niets" in page.input.preview.text()


def test_delete_merge_star_vote_move_and_undo(
    qtbot, arun, library, command_service, session_window, demo
):
    sid, fid = demo
    _window, page = open_page(arun, session_window, sid)
    groups = [e.group_id for e in reporting_queue(library, fid).entries]
    page.queue_panel.select_group(groups[2])
    done(arun, page, command_service)
    before = [n.text for n in stored(library, group_id=groups[2])]
    page.notes.setFocus()
    page.notes.setCurrentRow(0)
    qtbot.keyClick(page.notes, Qt.Key.Key_Delete)
    done(arun, page, command_service)
    assert [n.text for n in stored(library, group_id=groups[2])] == before[1:]
    qtbot.keyClick(page.notes, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    done(arun, page, command_service)
    assert [n.text for n in stored(library, group_id=groups[2])] == before
    page.notes.item(0).setSelected(True)
    page.notes.item(1).setSelected(True)
    qtbot.keyClick(page.notes, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    done(arun, page, command_service)
    merged = stored(library, group_id=groups[2])
    assert merged[0].text == f"{before[0]} {before[1]}" and len(merged) == len(before) - 1
    page.notes.clearSelection()
    page.notes.setCurrentRow(0)
    qtbot.keyClick(page.notes, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(page.notes, Qt.Key.Key_Plus)
    done(arun, page, command_service)
    qtbot.keyClick(page.notes, Qt.Key.Key_Plus)
    done(arun, page, command_service)
    first = stored(library, group_id=groups[2])[0]
    assert first.starred and first.votes == 2
    page.move_targets()  # the menu's entries
    from workshop.capture.commands.notes import MoveNotes

    command_service.push(MoveNotes([first.id], fid, groups[0]))
    done(arun, page, command_service)
    assert first.id in [n.id for n in stored(library, group_id=groups[0])]
    for _ in range(5):
        command_service.undo()
        done(arun, page, command_service)
    assert [n.text for n in stored(library, group_id=groups[2])] == before


def test_inline_edit_and_details(qtbot, arun, library, command_service, session_window, demo):
    sid, fid = demo
    _window, page = open_page(arun, session_window, sid)
    type_note(qtbot, page, '"Het is high risk"')  # noqa: Q000
    done(arun, page, command_service)
    page.notes.setCurrentRow(page.notes.count() - 1)
    note = page.notes.selected_notes()[0]
    page.details.speaker.setText("Gert-Jan")
    page.details.speaker.editingFinished.emit()
    page.details.named.setChecked(True)
    page.details.theme.setEditText("Financiering")
    page.details.theme.lineEdit().editingFinished.emit()
    done(arun, page, command_service)
    with library.read() as db:
        saved = db.get(Note, note.id)
        assert (saved.speaker, saved.speaker_may_be_named, saved.theme) == (
            "Gert-Jan",
            True,
            "Financiering",
        )
    page.notes.text_edited.emit(note.id, "Het is écht high risk", saved.text)
    done(arun, page, command_service)
    with library.read() as db:
        assert db.get(Note, note.id).text == "Het is écht high risk"


def test_queue_typed_in_for_a_plenary_item_and_reordered(
    qtbot, arun, library, command_service, session_window
):
    command = CreateSession(title="Stadmakers", date=date(2017, 4, 19))
    arun(command_service.push_and_wait(command))
    sid = command.session_id
    with library.unit_of_work() as db:
        db.add(
            AgendaItem(
                session_id=sid,
                position=0,
                title="Pitches van de steden",
                kind="pitch",
                planned_minutes=10,
                speaking_minutes=2,
            )
        )
    _window, page = open_page(arun, session_window, sid)
    for city in ("Dordrecht", "Enschede", "Lelystad"):
        page.queue_panel.adder.setText(city)
        qtbot.keyClick(page.queue_panel.adder, Qt.Key.Key_Return)
        done(arun, page, command_service)
    queue = reporting_queue(library, page.item_id)
    assert [e.name for e in queue.entries] == [
        "Dordrecht",
        "Enschede",
        "Lelystad",
    ] and queue.total_minutes == 6
    assert "6 min" in page.queue_panel.total.text()
    page.queue_panel.list.setCurrentRow(1)
    page.queue_panel.list.setFocus()
    qtbot.keyClick(page.queue_panel.list, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    done(arun, page, command_service)
    assert [e.name for e in reporting_queue(library, page.item_id).entries] == [
        "Enschede",
        "Dordrecht",
        "Lelystad",
    ]
    page.queue_panel.select_group(queue.entries[2].target)
    page.queue_panel.minutes.setValue(5)
    page.queue_panel.minutes.editingFinished.emit()
    done(arun, page, command_service)
    queue = reporting_queue(library, page.item_id)
    assert queue.total_minutes == 9 and queue.over_plan is False
    page.queue_panel.minutes.setValue(7)
    page.queue_panel.minutes.editingFinished.emit()
    done(arun, page, command_service)
    assert reporting_queue(library, page.item_id).over_plan
    assert f"color:{theme.ERROR}" in page.queue_panel.total.styleSheet()
    # A typed pitch order is a queue of its own, never a breakout round ("Ronde 4", 0 people)
    with library.read() as db:
        assert db.scalars(select(BreakoutRound)).all() == []
    lelystad = reporting_queue(library, page.item_id).entries[2]
    page.queue_panel.select_group(lelystad.target)
    assert page.entry_id == lelystad.entry_id and page.group_id is None
    type_note(qtbot, page, "Bataviahaven als proeftuin")
    done(arun, page, command_service)
    (note,) = stored(library, text="Bataviahaven als proeftuin")
    assert note.queue_entry_id == lelystad.entry_id and note.group_id is None


def _jpeg(path, size=(1600, 1200)):
    image = Image.new("RGB", size, "white")
    out = io.BytesIO()
    image.save(out, "JPEG")
    path.write_bytes(out.getvalue())
    return path


def test_photos_add_rotate_caption_and_refuse_non_images(
    qtbot, arun, library, command_service, session_window, demo, tmp_path
):
    sid, fid = demo
    _window, page = open_page(arun, session_window, sid)
    with library.read() as db:
        count = len(db.scalars(select(Attachment)).all())
    not_image = tmp_path / "flipover.jpg"
    not_image.write_text("Dit is geen foto maar tekst")
    arun(page.add_photo_files([str(not_image)]))
    done(arun, page, command_service)
    assert "flipover.jpg" in page.photos.status.text()
    with library.read() as db:
        assert len(db.scalars(select(Attachment)).all()) == count  # nothing stored
    arun(page.add_photo_files([str(_jpeg(tmp_path / "canvas.jpg"))]))
    done(arun, page, command_service)
    assert page.photos.list.count() == 1
    page.photos.list.setCurrentRow(0)
    page.photos.right.click()
    done(arun, page, command_service)
    with library.read() as db:
        photo = db.scalars(
            select(Attachment).where(
                Attachment.agenda_item_id == fid, Attachment.group_id.is_(None)
            )
        ).one()
        assert (photo.width, photo.height, photo.rotation) == (1200, 1600, 90)
    page.photos.caption.setText("Canvas <b>&</b> 🌱")
    page.photos.caption.editingFinished.emit()
    done(arun, page, command_service)
    with library.read() as db:
        assert db.get(Attachment, photo.id).caption == "Canvas <b>&</b> 🌱"
    page.photos.description.setText("Canvas met vier vakken, in elk vak drie gele briefjes")
    page.photos.description.editingFinished.emit()
    done(arun, page, command_service)
    with library.read() as db:
        assert db.get(Attachment, photo.id).description.startswith("Canvas met vier vakken")
    assert page.photos.description.placeholderText() == "Beschrijving voor wie het beeld niet ziet"
    page.photos.grab().save(str(tmp_path / "photos_panel.png"))
    if os.environ.get("WORKSHOP_SHOTS"):
        page.photos.grab().save(os.path.join(os.environ["WORKSHOP_SHOTS"], "photos_panel.png"))


def test_draft_saved_while_typing_and_restored(
    qtbot, arun, library, command_service, session_window, demo
):
    sid, fid = demo
    window, page = open_page(arun, session_window, sid)
    page.input.line.setFocus()
    qtbot.keyClicks(page.input.line, "!Halve actie @Bram")
    key = draft_key(sid, fid, None)
    # written a moment after the last keystroke, without Enter
    arun(until(lambda: load_draft(library, key) == "!Halve actie @Bram", what="draft written"))
    window.close()
    _window2, page2 = open_page(arun, session_window, sid)
    assert page2.input.line.text() == "!Halve actie @Bram"
    qtbot.keyClick(page2.input.line, Qt.Key.Key_Return)
    done(arun, page2, command_service)
    arun(until(lambda: load_draft(library, key) == "", what="draft cleared"))
    assert stored(library, agenda_item_id=fid, group_id=None)[-1].text == "Halve actie"


def test_actions_table_edits_who_and_when(
    qtbot, arun, library, command_service, session_window, demo
):
    sid, fid = demo
    _window, page = open_page(arun, session_window, sid)
    page.tabs.setCurrentWidget(page.actions_table)
    done(arun, page, command_service)
    table = page.actions_table.table
    assert table.rowCount() == len(actions(library, sid)) >= 5
    table.item(0, 1).setText("Fatima en Esther")
    done(arun, page, command_service)
    table.item(0, 2).setText("voor 15 juni")
    done(arun, page, command_service)
    first = actions(library, sid)[0]
    assert (first.who, first.due) == ("Fatima en Esther", date(2021, 6, 15))
    table.item(0, 2).setText("na de zomer")
    done(arun, page, command_service)
    first = actions(library, sid)[0]
    assert first.due is None and first.due_text == "na de zomer"
    assert "na de zomer" in page.actions_table.status.text()


def test_summaries_are_stored(qtbot, arun, library, command_service, session_window, demo):
    sid, fid = demo
    _window, page = open_page(arun, session_window, sid)
    page.tabs.setCurrentWidget(page.summaries)
    edit = page.summaries.item_fields[fid]
    edit.setPlainText("Drie knoppen kregen de meeste stippen.")
    page.summaries.session_fields["follow_up"].setPlainText("Vervolg in juni")
    page.summaries.flush()
    done(arun, page, command_service)
    with library.read() as db:
        assert db.get(AgendaItem, fid).summary == "Drie knoppen kregen de meeste stippen."
        assert db.get(WorkSession, sid).follow_up == "Vervolg in juni"


def test_drop_photo_on_the_page_and_cheat_sheet(
    qtbot, arun, library, command_service, session_window, demo, tmp_path
):
    from PySide6.QtCore import QMimeData, QPoint, QPointF, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    sid, fid = demo
    _window, page = open_page(arun, session_window, sid)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(_jpeg(tmp_path / "canvas.png", (800, 600))))])
    drop = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    enter = QDragEnterEvent(
        QPoint(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    assert QApplication.sendEvent(page, enter) and enter.isAccepted()  # the page takes files
    # Qt hands a Drop only to a running drag; deliver it as the drag would
    assert page.event(drop) and drop.isAccepted()
    done(arun, page, command_service)
    with library.read() as db:
        dropped = db.scalars(select(Attachment).where(Attachment.filename == "canvas.png")).one()
        assert dropped.agenda_item_id == fid and dropped.group_id is None and dropped.thumbnail
    page.drop_files([str(tmp_path)])  # a folder
    assert str(tmp_path) not in page.message.text() and page.message.text()
    qtbot.keyClick(page.input.line, Qt.Key.Key_F1)
    assert page._cheatsheet is not None and page._cheatsheet.isVisible()
    text = page._cheatsheet.findChild(type(page.message), "cheatsheet-text").text()
    assert "Ctrl+4" in text and "voor 1 juni" in text


def test_service_signals_for_the_projector(
    qtbot, arun, library, command_service, session_window, demo
):
    sid, fid = demo
    clock = FakeClock()
    _window, page = open_page(arun, session_window, sid, clock)
    service = page.service
    seen = []
    service.speaker_changed.connect(seen.append)
    page.next_speaker()
    first = page.queue.entries[0].target
    assert seen[-1] == first and service.reading().label.startswith("Groep 1")
    service.toggle_pause()
    clock.advance(30)
    assert service.reading().display == "03:00" and not service.reading().running
    talk = next(i for i in page.info.items if i.kind == "gesprek")
    page.choose_item(talk.id)  # another item: the floor is given back
    done(arun, page, command_service)
    assert seen[-1] is None and service.reading() is None
