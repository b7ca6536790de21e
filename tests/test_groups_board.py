"""The Groepen board on a large room: cards over one model, built in batches, drag and drop
through the window's own event path (drag enter, move, drop on a member list's viewport)."""

from __future__ import annotations

import asyncio
import os
import tempfile
from pathlib import Path

from conftest import idle
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from ui.groups.members import PID_ROLE, decode_drag
from workshop.demo.builders import (
    add_item,
    add_people,
    new_session,
    people_rows,
    store_rounds,
    table_plan,
)
from workshop.grouping.commands import SetGroupLocked
from workshop.grouping.queries import item_rounds

TABLES = 30


def _until(arun, predicate, timeout: float = 15.0) -> None:
    async def poll() -> None:
        for _step in range(int(timeout / 0.05)):
            if predicate():
                return
            await asyncio.sleep(0.05)

    arun(poll())
    assert predicate()


def _big_room(library) -> tuple[int, int]:
    """A session of 200 people in 2 rounds of 30 tables."""
    sid = new_session(library, "Grote zaal")
    ids = add_people(library, sid, people_rows(200, absent_every=10))
    item_id = add_item(library, sid)
    store_rounds(library, sid, item_id, table_plan(ids, TABLES, rounds=2))
    return sid, item_id


def _open_board(arun, session_window, sid):
    window = session_window(sid)
    window.resize(1366, 800)
    page = window.show_page("groups")
    _until(arun, lambda: page.state is not None and page.cards and not page.board.building())
    return window, page


def _drag_to(target_list, mime, point: QPoint) -> QDropEvent:
    """Enter, move and drop on a member list, as the window delivers a drag."""
    viewport = target_list.viewport()
    pos = QPointF(point)
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    move = Qt.DropAction.MoveAction
    enter = QDragEnterEvent(point, move, mime, buttons, mods)
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(viewport, QDragMoveEvent(point, move, mime, buttons, mods))
    drop = QDropEvent(pos, move, mime, buttons, mods)
    QApplication.sendEvent(viewport, drop)
    return drop


def test_thirty_tables_are_built_in_batches_and_a_drag_moves_a_person(
    arun, library, command_service, session_window
):
    sid, item_id = _big_room(library)
    window, page = _open_board(arun, session_window, sid)
    rnd = item_rounds(library, sid, item_id)[0]
    assert [c.group.id for c in page.cards] == [g.id for g in rnd.groups]
    assert page.board.model.rowCount() == TABLES
    # each card's list is a view of the one model, rooted at its table
    first, third = page.cards[0], page.cards[2]
    assert first.members.count() == len(rnd.groups[0].members)
    assert first.members.model() is third.members.model() is page.board.model
    shown = [
        first.members.model().index(r, 0, first.members.rootIndex()).data(PID_ROLE)
        for r in range(first.members.count())
    ]
    assert shown == list(rnd.groups[0].member_ids)

    # drag the second member of table 1 onto the first seat of table 3
    start = first.members.model().index(1, 0, first.members.rootIndex())
    mime = page.board.model.mimeData([start])
    mover = rnd.groups[0].member_ids[1]
    assert decode_drag(mime) == (mover, rnd.groups[0].id)
    third.members.scrollTo(third.members.model().index(0, 0, third.members.rootIndex()))
    drop = _drag_to(third.members, mime, QPoint(5, 5))
    assert drop.isAccepted()
    arun(command_service.wait_idle())
    _until(arun, lambda: mover in page.current_round().groups[2].member_ids)
    stored = item_rounds(library, sid, item_id)[0]
    assert stored.groups[2].member_ids[0] == mover, "seated where it was dropped"
    assert mover not in stored.groups[0].member_ids
    # the same cards, refreshed in place; the lists show the stored seats
    assert page.cards[2] is third
    _until(arun, lambda: third.members.count() == len(stored.groups[2].members))
    assert third.members.model().index(0, 0, third.members.rootIndex()).data(PID_ROLE) == mover

    # a locked table refuses the drag; the move menu says why
    arun(command_service.push_and_wait(SetGroupLocked(stored.groups[4].id, True)))
    _until(arun, lambda: page.current_round().groups[4].locked)
    locked = page.cards[4].members
    mime = page.board.model.mimeData([first.members.model().index(0, 0, first.members.rootIndex())])
    enter = QDragEnterEvent(
        QPoint(5, 5),
        Qt.DropAction.MoveAction,
        mime,  # kept referenced: the event does not own it
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(locked.viewport(), enter)
    assert not enter.isAccepted()
    assert page.cards[4].property("locked") is True
    shots = Path(os.environ.get("WORKSHOP_SHOTS", tempfile.mkdtemp()))
    page.board.ensureWidgetVisible(page.cards[4])
    window.grab().save(str(shots / "groups-board-locked.png"))

    # undo brings the person back to table 1
    command_service.undo()
    command_service.undo()
    arun(idle())  # stored and the board shown again
    assert mover in item_rounds(library, sid, item_id)[0].groups[0].member_ids
    assert not [b for b in page.findChildren(QMessageBox) if b.isVisible()]
    # 20 seated people are absent: 12 named in the status line, then a count
    assert "Persoon 0" in page.status.text() and "en 8 anderen" in page.status.text()

    page.board.ensureWidgetVisible(page.cards[0])
    window.grab().save(str(shots / "groups-board-30-tables.png"))


def test_another_round_reuses_the_cards_and_a_switch_while_building_shows_the_last(
    arun, library, session_window
):
    sid, item_id = _big_room(library)
    window, page = _open_board(arun, session_window, sid)
    rounds = item_rounds(library, sid, item_id)
    cards = list(page.cards)
    page.round_tabs.setCurrentIndex(1)
    assert not page.board.building(), "the tables of round 2 are shown on the same cards"
    assert page.cards == cards
    assert [c.group.id for c in page.cards] == [g.id for g in rounds[1].groups]
    first = page.cards[0].members
    assert (
        first.model().index(0, 0, first.rootIndex()).data(PID_ROLE)
        == (rounds[1].groups[0].member_ids[0])
    )

    page.board.show_round(None, "")  # no cards: the next round is built anew, in batches
    _until(arun, lambda: not page.board.building())
    page.round_tabs.setCurrentIndex(0)
    assert page.board.building(), "30 tables are not built in one go"
    assert len(page.cards) < TABLES
    page.round_tabs.setCurrentIndex(1)  # another round before the first is done
    _until(arun, lambda: not page.board.building())
    assert [c.group.id for c in page.cards] == [g.id for g in rounds[1].groups]
    assert len(page.board.surface.findChildren(type(page.cards[0]))) == TABLES
