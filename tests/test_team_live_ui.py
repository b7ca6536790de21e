"""Two app instances on one library see each other's changes within a second, and a page
refreshed by the other's change keeps the user's selection and the text being typed.

On SQLite the two instances share one file (PRAGMA data_version polling); in the
PostgreSQL pass (scripts/with_pg.sh) they share one server database (LISTEN/NOTIFY).
"""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from tests.live_support import AppInstance
from workshop.model import AgendaItem

pytestmark = pytest.mark.both_engines


async def until(condition, timeout: float) -> float:
    """Seconds until `condition()` holds, with the qasync loop running (slots need it)."""
    import asyncio

    started = time.monotonic()
    while not condition():
        if time.monotonic() - started > timeout:
            raise AssertionError(f"not within {timeout} s")
        await asyncio.sleep(0.005)
    return time.monotonic() - started


def _feedback_item(library, session_id: int) -> int:
    with library.read() as db:
        return db.scalars(
            select(AgendaItem.id).where(
                AgendaItem.session_id == session_id, AgendaItem.kind == "terugkoppeling"
            )
        ).one()


def _open_capture(qtbot, arun, app: AppInstance, session_id: int, item_id: int):
    window = app.window(qtbot, session_id)
    page = window.show_page("capture")
    arun(until(page.isEnabled, 10.0))
    arun(page.settled())
    page.choose_item(item_id)
    arun(page.settled())
    return window, page


def test_a_note_typed_on_one_laptop_appears_on_the_other_within_a_second(qtbot, arun, two_apps):
    first, second, sid = two_apps
    item = _feedback_item(first.library, sid)
    _w1, typing = _open_capture(qtbot, arun, first, sid, item)
    _w2, watching = _open_capture(qtbot, arun, second, sid, item)
    arun(typing.settled())
    start = watching.notes.count()
    typing.input.line.setFocus()
    qtbot.keyClicks(typing.input.line, "Eerste punt")
    qtbot.keyClick(typing.input.line, Qt.Key.Key_Return)
    arun(until(lambda: watching.notes.count() == start + 1, 1.0))
    # the other facilitator has a note selected and is halfway through typing one
    before = watching.notes.count()
    watching.notes.setCurrentRow(before - 1)
    chosen = watching.notes.selected_ids()
    assert chosen
    type_into = watching.input.line
    type_into.setFocus()
    qtbot.keyClicks(type_into, "Half getypt")

    typing.input.line.setFocus()
    qtbot.keyClicks(typing.input.line, "Meer groen op het plein")
    started = time.monotonic()
    qtbot.keyClick(typing.input.line, Qt.Key.Key_Return)
    arun(until(lambda: watching.notes.count() == before + 1, 1.0))
    assert time.monotonic() - started < 1.0
    texts = [watching.notes.item(r).text() for r in range(watching.notes.count())]
    assert any("Meer groen op het plein" in t for t in texts)
    assert type_into.text() == "Half getypt"  # the text being typed is kept
    assert watching.notes.selected_ids() == chosen  # and the selection


def test_agenda_edits_cross_both_ways_and_the_selection_stays(qtbot, arun, two_apps):
    first, second, sid = two_apps
    w1 = first.window(qtbot, sid)
    w2 = second.window(qtbot, sid)
    page1, page2 = w1.show_page("agenda"), w2.show_page("agenda")
    arun(until(lambda: bool(page1.model.rows and page2.model.rows), 3.0))
    ids = [row.id for row in page2.model.rows]
    page2.select_ids([ids[2]])

    from workshop.agenda.commands import EditItem

    started = time.monotonic()
    arun(first.commands.push_and_wait(EditItem(ids[0], title="Welkom door de co-host")))
    arun(until(lambda: page2.model.rows[0].title == "Welkom door de co-host", 1.0))
    assert time.monotonic() - started < 1.0
    assert page2.selected_ids() == [ids[2]]

    arun(second.commands.push_and_wait(EditItem(ids[1], title="Ronde langs de tafels")))
    arun(until(lambda: page1.model.rows[1].title == "Ronde langs de tafels", 1.0))
