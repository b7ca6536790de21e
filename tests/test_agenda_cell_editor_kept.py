"""The facilitator is typing in an agenda cell when another laptop's change arrives: the
editor stays open with the typed text, and on commit the stale-screen check decides
(issue 15: "keep the text being typed", "no change is ever silently lost").

Two app instances on one library (as in test_stale_screen_ui.py); both engines.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QMessageBox
from test_team_live_ui import until

from tests.live_support import AppInstance
from ui.agenda.table_model import COL_TITLE
from workshop.agenda.commands import AddItem, EditItem
from workshop.agenda.queries import load_agenda

pytestmark = pytest.mark.both_engines


def _agenda_page(qtbot, arun, app: AppInstance, sid: int):
    window = app.window(qtbot, sid)
    page = window.show_page("agenda")
    arun(until(lambda: len(page.model.rows) == 7, 5.0))
    arun(page.wait_idle())
    return window, page


def _type_title(qtbot, page, row: int, text: str) -> QLineEdit:
    """Open the title cell of `row`, replace its text by `text` (not committed)."""
    item_id = page.model.rows[row].id
    page.select_ids([item_id], item_id, COL_TITLE)
    page.table.setFocus()
    page.table.edit(page.model.index(row, COL_TITLE))
    editor = page.table.findChild(QLineEdit, f"cell-editor-{COL_TITLE}")
    assert editor is not None and editor.isVisible()
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    return editor


def _still_typing(page, editor: QLineEdit, text: str) -> None:
    assert page.table.editing()
    assert editor.isVisible() and editor.text() == text


def _stored(app: AppInstance, sid: int):
    return load_agenda(app.library, sid).rows


def test_other_writers_changes_keep_the_open_editor_and_the_edit_is_stored(
    qtbot, arun, two_laptops
):
    first, second, sid = two_laptops
    _window, page = _agenda_page(qtbot, arun, first, sid)
    ids = page.model.order()
    editor = _type_title(qtbot, page, 0, "Welkom allemaal")
    # bram renames another item: it is shown at once, anna's editor stays open
    arun(second.commands.push_and_wait(EditItem(ids[1], title="Koffie en thee")))
    arun(until(lambda: page.model.rows[1].title == "Koffie en thee", 2.0))
    _still_typing(page, editor, "Welkom allemaal")
    # bram fills in who leads the item anna is typing in: another field of the same row
    arun(second.commands.push_and_wait(EditItem(ids[0], lead="Bram")))
    arun(until(lambda: page.model.rows[0].lead == "Bram", 2.0))
    _still_typing(page, editor, "Welkom allemaal")
    assert page.selected_ids() == [ids[0]]  # the selection is kept too
    # bram adds an item: the table waits for anna's editor to close before showing it
    arun(second.commands.push_and_wait(AddItem(sid, 7, title="Afsluiting")))
    arun(until(lambda: page._held, 2.0))
    _still_typing(page, editor, "Welkom allemaal")
    assert len(page.model.rows) == 7
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    arun(first.commands.wait_idle())
    arun(until(lambda: len(page.model.rows) == 8, 2.0))
    arun(page.wait_idle())
    stored = _stored(first, sid)
    assert stored[0].title == "Welkom allemaal" and stored[0].lead == "Bram"
    assert stored[1].title == "Koffie en thee" and stored[-1].title == "Afsluiting"
    assert [r.title for r in page.model.rows] == [r.title for r in stored]


def test_a_title_changed_elsewhere_under_the_open_editor_is_refused_and_said(
    qtbot, arun, two_laptops
):
    first, second, sid = two_laptops
    window, page = _agenda_page(qtbot, arun, first, sid)
    ids = page.model.order()
    editor = _type_title(qtbot, page, 0, "Welkom in Noord")
    # bram stores another title for the same item on his laptop
    arun(second.commands.push_and_wait(EditItem(ids[0], title="Welkom in Zuid")))
    arun(until(lambda: page.model.rows[0].title == "Welkom in Zuid", 2.0))
    _still_typing(page, editor, "Welkom in Noord")  # her typed text is kept on screen
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # her edit was made over the old title
    arun(first.commands.wait_idle())
    box = None

    def refused() -> bool:
        nonlocal box
        box = next((w for w in window.findChildren(QMessageBox) if w.isVisible()), None)
        return box is not None

    arun(until(refused, 2.0))
    assert "Niet opgeslagen: de titel is intussen gewijzigd door een ander" in box.text()
    assert "Welkom in Noord" in box.text()  # what she typed is in the message, not lost
    assert _stored(first, sid)[0].title == "Welkom in Zuid"
    arun(until(lambda: page.model.rows[0].title == "Welkom in Zuid", 2.0))
    folder = Path(os.environ.get("WORKSHOP_SCREENSHOTS", "/tmp/workshop-screens"))
    folder.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(folder / "agenda-cell-refused.png"))
    box.close()
    arun(page.wait_idle())


def test_an_editor_closed_without_typing_stores_nothing_over_the_other_writers_title(
    qtbot, arun, two_laptops
):
    first, second, sid = two_laptops
    _window, page = _agenda_page(qtbot, arun, first, sid)
    ids = page.model.order()
    shown = page.model.rows[0].title
    editor = _type_title(qtbot, page, 0, shown)  # opened, the same text: nothing typed
    arun(second.commands.push_and_wait(EditItem(ids[0], title="Welkom in Zuid")))
    arun(until(lambda: page.model.rows[0].title == "Welkom in Zuid", 2.0))
    _still_typing(page, editor, shown)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    arun(first.commands.wait_idle())
    arun(page.wait_idle())
    assert _stored(first, sid)[0].title == "Welkom in Zuid"
    assert not any(w.isVisible() for w in page.window().findChildren(QMessageBox))
