"""The Agenda page driven as a facilitator would: inline edits, reorder, undo, templates,
import preview, export."""

from __future__ import annotations

import asyncio
import warnings
from datetime import time
from pathlib import Path

import pytest
from conftest import until
from PySide6.QtCore import QMimeData, QModelIndex, QPoint, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QMessageBox, QSpinBox

from ui.agenda.table_model import COL_FIXED, COL_KIND, COL_MINUTES, COL_START, COL_TITLE
from workshop.agenda.queries import load_agenda
from workshop.demo import ensure_demo
from workshop.sessions.commands import CreateSession

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def demo_page(qtbot, arun, library, session_window):
    sid = ensure_demo(library)
    window = session_window(sid)
    page = window.show_page("agenda")
    arun(until(lambda: len(page.model.rows) == 7, what="the agenda was read"))
    arun(page.wait_idle())
    return sid, window, page


def idle(arun, page, command_service) -> None:
    """Until every stored step and every page task has finished, in one loop run.

    (qasync's run_until_complete flushes Qt events after its future is done; a page task
    still pending then would continue outside the running loop.)"""

    async def settled() -> None:
        while True:
            await command_service.wait_idle()
            await page.wait_idle()
            await asyncio.sleep(0)  # a change announced just now may start a reload
            if not page.ops.busy and not command_service.busy:
                return

    arun(settled())


def key(qtbot, widget, key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """A key press as the user makes it: in the active window, on the focused widget."""
    window = widget.window()
    window.activateWindow()
    if QApplication.activeWindow() is not window:
        # offscreen: after a dialog closes no window is active until told
        window.windowHandle().requestActivate()
        QApplication.processEvents()
    assert QApplication.activeWindow() is window
    widget.setFocus()
    qtbot.keyClick(widget, key, modifiers)


def titles(library, sid) -> list[str]:
    return [r.title for r in load_agenda(library, sid).rows]


def test_edit_title_cell_is_stored_and_undone(qtbot, arun, library, command_service, demo_page):
    sid, window, page = demo_page
    table = page.table
    index = page.model.index(0, COL_TITLE)
    page.select_ids([page.model.rows[0].id], page.model.rows[0].id, COL_TITLE)
    table.setFocus()
    table.edit(index)
    editor = table.findChild(QLineEdit, f"cell-editor-{COL_TITLE}")
    assert editor is not None and editor.isVisible()
    editor.selectAll()
    qtbot.keyClicks(editor, "Welkom en introductie")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    idle(arun, page, command_service)
    assert titles(library, sid)[0] == "Welkom en introductie"
    assert page.model.rows[0].title == "Welkom en introductie"
    key(qtbot, table, Qt.Key.Key_Z, CTRL)
    idle(arun, page, command_service)
    assert titles(library, sid)[0] == "Introductie over de transitie"
    assert page.model.data(page.model.index(0, COL_TITLE)) == "Introductie over de transitie"


def test_minutes_spin_box_moves_start_times_and_reports_fit(
    qtbot, arun, library, command_service, demo_page
):
    sid, window, page = demo_page
    index = page.model.index(1, COL_MINUTES)
    page.select_ids([page.model.rows[1].id], page.model.rows[1].id, COL_MINUTES)
    page.table.edit(index)
    spin = page.table.findChild(QSpinBox, "minutes-editor")
    assert spin is not None
    spin.setValue(27)
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    idle(arun, page, command_service)
    view = load_agenda(library, sid)
    assert view.rows[1].planned_minutes == 27
    assert page.model.data(page.model.index(2, COL_START)) == "15:37"
    assert page.fit_label.text() == (
        "Past niet: 12 min te veel vóór “Reflectie en vooruitblik: welke koers gaan we varen?” om 16:50"
    )
    assert "12 min te veel" in page.total_label.text()
    # the Reflectie row is marked; its tooltip says why
    assert page.model.data(page.model.index(6, COL_START)).startswith("⚠")


def test_kind_combo_and_fixed_start(qtbot, arun, library, command_service, demo_page):
    sid, window, page = demo_page
    index = page.model.index(2, COL_KIND)
    page.select_ids([page.model.rows[2].id], page.model.rows[2].id, COL_KIND)
    page.table.edit(index)
    combo = page.table.findChild(QComboBox, "kind-editor")
    assert combo is not None
    combo.hidePopup()
    combo.setCurrentIndex(combo.findData("pauze"))
    combo.activated.emit(combo.currentIndex())
    idle(arun, page, command_service)
    assert load_agenda(library, sid).rows[2].kind == "pauze"
    fixed = page.model.index(2, COL_FIXED)
    assert page.model.setData(fixed, "16.00")
    assert not page.model.setData(fixed, "morgen")  # refused, message in the status line
    assert "geen tijd" in page.info_label.text()
    idle(arun, page, command_service)
    row = load_agenda(library, sid).rows[2]
    assert row.fixed_start == time(16, 0)
    assert page.model.data(page.model.index(2, COL_START)) == "16:00"
    assert "wachten vóór vaste tijden" in page.total_label.text()


def test_empty_title_is_refused(arun, library, command_service, demo_page):
    sid, window, page = demo_page
    assert not page.model.setData(page.model.index(0, COL_TITLE), "   ")
    idle(arun, page, command_service)
    assert titles(library, sid)[0] == "Introductie over de transitie"


def test_keyboard_reorder_and_undo(qtbot, arun, library, command_service, demo_page):
    sid, window, page = demo_page
    before = titles(library, sid)
    page.select_ids([page.model.rows[3].id])
    page.table.setFocus()
    key(qtbot, page.table, Qt.Key.Key_Up, CTRL)
    key(qtbot, page.table, Qt.Key.Key_Up, CTRL)
    idle(arun, page, command_service)
    after = titles(library, sid)
    assert after[1] == before[3] and after[2:4] == before[1:3]
    assert page.selected_ids() == [load_agenda(library, sid).rows[1].id]  # selection follows
    key(qtbot, page.table, Qt.Key.Key_Down, CTRL)
    idle(arun, page, command_service)
    assert titles(library, sid)[2] == before[3]
    for _ in range(3):
        key(qtbot, page.table, Qt.Key.Key_Z, CTRL)
        idle(arun, page, command_service)
    assert titles(library, sid) == before


def test_drag_and_drop_reorders(qtbot, arun, library, command_service, demo_page):
    sid, window, page = demo_page
    before = titles(library, sid)
    model, table = page.model, page.table
    mime = model.mimeData([model.index(0, COL_TITLE)])
    # drop on the viewport, between rows 3 and 4 (as a mouse drop would)
    rect = table.visualRect(model.index(3, COL_TITLE))
    pos = QPoint(rect.center().x(), rect.bottom() - 1)
    warnings.simplefilter("ignore", DeprecationWarning)  # the QPoint drag event constructors
    args = (
        Qt.DropAction.MoveAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    for cls in (QDragEnterEvent, QDragMoveEvent):  # the view tracks the drag before the drop
        QApplication.sendEvent(table.viewport(), cls(pos, *args))
    QApplication.sendEvent(table.viewport(), QDropEvent(pos.toPointF(), *args))
    idle(arun, page, command_service)
    after = titles(library, sid)
    assert after != before and sorted(after) == sorted(before)
    assert after.index(before[0]) in (3, 4)
    assert len(page.model.rows) == 7  # the view removed nothing itself
    # and the model's own drop entry point (rows 5,6 to the top)
    ids = [page.model.rows[5].id, page.model.rows[6].id]
    mime = QMimeData()
    mime = model.mimeData([model.index(5, 0), model.index(6, 0)])
    assert not model.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    idle(arun, page, command_service)
    assert [r.id for r in load_agenda(library, sid).rows[:2]] == ids


def test_add_duplicate_remove_buttons(qtbot, arun, library, command_service, demo_page):
    sid, window, page = demo_page
    page.select_ids([page.model.rows[0].id])
    page.add_button.click()
    idle(arun, page, command_service)
    assert titles(library, sid)[1] == "Nieuw onderdeel"
    editor = page.table.findChild(QLineEdit, f"cell-editor-{COL_TITLE}")
    assert editor is not None and editor.isVisible()  # ready to type the title
    qtbot.keyClicks(editor, "Kennismaken in tweetallen")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    idle(arun, page, command_service)
    assert titles(library, sid)[1] == "Kennismaken in tweetallen"
    page.duplicate_button.click()
    idle(arun, page, command_service)
    assert titles(library, sid)[1:3] == ["Kennismaken in tweetallen"] * 2
    page.table.setFocus()
    key(qtbot, page.table, Qt.Key.Key_Delete)
    idle(arun, page, command_service)
    assert titles(library, sid).count("Kennismaken in tweetallen") == 1
    assert len(page.model.rows) == 8
    assert page.selected_ids()  # the next row is selected
    key(qtbot, page.table, Qt.Key.Key_Z, CTRL)
    idle(arun, page, command_service)
    assert titles(library, sid).count("Kennismaken in tweetallen") == 2


def test_method_template_inserted_below_selection(arun, library, command_service, demo_page):
    sid, window, page = demo_page
    page.select_ids([page.model.rows[2].id])
    page._fill_template_menu()
    action = next(
        a for a in page.template_menu.actions() if a.text().startswith("Werkvorm: 1-2-4-Allen")
    )
    action.trigger()
    idle(arun, page, command_service)
    view = load_agenda(library, sid)
    assert view.rows[3].title == "1-2-4-Allen"
    assert [s["minutes"] for s in view.rows[3].steps] == [1, 2, 4, 5]
    assert page.details.steps.rowCount() == 4  # the new item is selected, its steps shown


def test_programme_template_asks_before_replacing(qtbot, arun, library, command_service, demo_page):
    sid, window, page = demo_page
    template = next(t for t in page.templates if t.name.startswith("Pitchronde"))
    page.apply_template(template)
    box = page.findChild(QMessageBox, "agenda-template-replace")
    assert box is not None and box.isVisible()
    replace = next(b for b in box.buttons() if b.text() == "Agenda vervangen")
    replace.click()
    idle(arun, page, command_service)
    assert titles(library, sid)[0] == "Inloop met koffie en thee"
    assert page.fit_label.text() == "" or "Past niet" in page.fit_label.text()
    key(qtbot, page.table, Qt.Key.Key_Z, CTRL)
    idle(arun, page, command_service)
    assert titles(library, sid)[0] == "Introductie over de transitie"


def test_save_as_template_and_steps_editing(qtbot, arun, library, command_service, demo_page):
    sid, window, page = demo_page
    page.save_as_template("Mijn middag")
    idle(arun, page, command_service)
    assert any(t.name == "Mijn middag" and not t.builtin for t in page.templates)
    page.select_ids([page.model.rows[3].id])
    page.details.findChild(type(page.add_button), "details-add-step").click()
    idle(arun, page, command_service)
    assert load_agenda(library, sid).rows[3].steps == ({"title": "Stap 1", "minutes": 5},)
    page.details.notes.setPlainText("Nieuwe vraag <b>niet vet</b>")
    page.details.flush()
    idle(arun, page, command_service)
    assert load_agenda(library, sid).rows[3].notes == "Nieuwe vraag <b>niet vet</b>"


def test_import_preview_dialog(
    qtbot, arun, library, command_service, tmp_path: Path, session_window
):
    create = CreateSession(title="Leeg", start_time=time(13, 0), end_time=time(17, 0))
    arun(command_service.push_and_wait(create))
    window = session_window(create.session_id)
    page = window.show_page("agenda")
    arun(page.wait_idle())
    path = tmp_path / "programma.csv"
    path.write_bytes(
        "Onderdeel;Minuten;Soort\r\nWelkom;10;welkom\r\n;x;\r\nPauze;15;koffie\r\n".encode("cp1252")
    )
    page.import_file(path)
    arun(page.wait_idle())
    dialog = page.import_dialog
    assert dialog.isVisible() and not dialog.replace.isVisible()
    assert dialog.table.rowCount() == 3
    assert dialog.chosen_rows() == [0, 2]
    assert "2 van 3" in dialog.import_button.text()
    assert "Fout: Geen titel" in dialog.table.item(1, dialog.COL_PROBLEMS).text()
    dialog.set_included(1, True)
    assert "3 van 3" in dialog.import_button.text()
    dialog.import_button.click()
    idle(arun, page, command_service)
    view = load_agenda(library, create.session_id)
    assert [r.title for r in view.rows] == ["Welkom", "Onderdeel zonder titel", "Pauze"]
    assert view.rows[2].kind == "pauze"
    key(qtbot, page.table, Qt.Key.Key_Z, CTRL)
    idle(arun, page, command_service)
    assert load_agenda(library, create.session_id).rows == ()


def test_import_of_unreadable_file_warns(arun, tmp_path: Path, demo_page):
    sid, window, page = demo_page
    bad = tmp_path / "kapot.xlsx"
    bad.write_bytes(b"PK\x03\x04 kapot")
    page.import_file(bad)
    arun(page.wait_idle())
    boxes = [b for b in page.findChildren(QMessageBox) if b.isVisible()]
    assert boxes and "kapot.xlsx" in boxes[-1].text()


def test_export_csv(arun, command_service, tmp_path: Path, demo_page):
    sid, window, page = demo_page
    target = tmp_path / "agenda.csv"
    page.export_to(target)
    idle(arun, page, command_service)
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert "15:00;15:10;Introductie over de transitie;10" in data.decode("utf-8-sig")
    assert "Geëxporteerd" in page.info_label.text()


def test_export_to_unwritable_place_warns(arun, command_service, tmp_path: Path, demo_page):
    sid, window, page = demo_page
    page.export_to(tmp_path / "bestaat-niet" / "agenda.csv")
    idle(arun, page, command_service)
    boxes = [b for b in page.findChildren(QMessageBox) if b.isVisible()]
    assert boxes and "niet worden geschreven" in boxes[-1].text()
    assert not (tmp_path / "bestaat-niet").exists()


def test_session_without_times_counts_from_zero(arun, library, command_service, session_window):
    create = CreateSession(title="Zonder tijden")
    arun(command_service.push_and_wait(create))
    window = session_window(create.session_id)
    page = window.show_page("agenda")
    arun(page.wait_idle())
    page.add_item()
    idle(arun, page, command_service)
    page.add_item()
    idle(arun, page, command_service)
    assert [page.model.data(page.model.index(r, COL_START)) for r in range(2)] == ["+0:00", "+0:10"]
    assert "Gegevens" in page.times_label.text()
    assert "geen begintijd" in page.total_label.text()


def test_save_as_template_dialog_and_multiline_notes(arun, library, command_service, demo_page):
    from PySide6.QtWidgets import QInputDialog

    from ui.agenda.table_model import COL_NOTES

    sid, window, page = demo_page
    page.ask_template_name()
    dialog = page.findChild(QInputDialog, "agenda-template-name")
    assert dialog is not None and dialog.isVisible()
    assert dialog.textValue() == "Lokale gemeenschappen als motor voor transitie"
    dialog.setTextValue("Transitiegesprek, onze versie")
    dialog.accept()
    idle(arun, page, command_service)
    assert any(t.name == "Transitiegesprek, onze versie" for t in page.templates)
    # a note of several lines is edited in the details panel, not squeezed into the cell
    row = page.model.rows[3]
    assert "\n" not in row.notes
    page.model.setData(page.model.index(3, COL_NOTES), "Regel 1\nRegel 2")
    idle(arun, page, command_service)
    assert load_agenda(library, sid).rows[3].notes == "Regel 1\nRegel 2"
    index = page.model.index(3, COL_NOTES)
    page.select_ids([row.id], row.id, COL_NOTES)
    page.table.edit(index)
    assert page.table.findChild(QLineEdit, f"cell-editor-{COL_NOTES}") is None
    assert page.details.notes.toPlainText() == "Regel 1\nRegel 2"


def test_paste_rows_from_excel(qtbot, arun, library, command_service, demo_page):
    sid, window, page = demo_page
    QApplication.clipboard().setText(
        "Koffie\t15\tpauze\t\t\t16:00\r\nWorld Café\t80\tsubgroepen\r\n"
    )
    key(qtbot, page.table, Qt.Key.Key_V, CTRL)
    idle(arun, page, command_service)
    dialog = page.import_dialog
    assert dialog.isVisible() and dialog.table.rowCount() == 2
    assert dialog.chosen_rows() == [0, 1]
    dialog.replace.setChecked(False)
    dialog.import_button.click()
    idle(arun, page, command_service)
    rows = load_agenda(library, sid).rows
    assert [r.title for r in rows[-2:]] == ["Koffie", "World Café"]
    assert rows[-2].fixed_start == time(16, 0) and rows[-2].kind == "pauze"
