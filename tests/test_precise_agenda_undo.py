"""Undo of structural agenda changes (reorder, import, template, remove) takes back only the
rows that command touched: another laptop's later items stay, and a row it changed since is
never overwritten (refused with one line instead). Issue 15; both engines.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from workshop.agenda.commands import AddItem, EditItem, ImportRows, RemoveItems, ReorderItems
from workshop.commands import CommandRunner, History
from workshop.demo.builders import session_with_items
from workshop.errors import ConflictError
from workshop.model import AgendaItem, Note


@pytest.fixture
def sid(library) -> int:
    session_id, _items = session_with_items(library, "Kick-off", date=date(2026, 4, 9))
    runner = CommandRunner(library)
    for title in ("Welkom", "Pitch", "Subgroepen", "Plenair"):
        runner.do(AddItem(session_id, title=title, planned_minutes=10))
    return session_id


def _titles(library, sid: int) -> list[str]:
    with library.read() as db:
        return list(
            db.scalars(
                select(AgendaItem.title)
                .where(AgendaItem.session_id == sid)
                .order_by(AgendaItem.position, AgendaItem.id)
            )
        )


def _ids(library, sid: int) -> dict[str, int]:
    with library.read() as db:
        rows = db.execute(
            select(AgendaItem.title, AgendaItem.id).where(AgendaItem.session_id == sid)
        )
        return {title: item_id for title, item_id in rows}


def test_undo_of_a_reorder_keeps_an_item_the_other_laptop_added(library, sid):
    mine, theirs = History(CommandRunner(library)), CommandRunner(library)
    ids = _ids(library, sid)
    order = [ids["Plenair"], ids["Welkom"], ids["Pitch"], ids["Subgroepen"]]
    mine.push(ReorderItems(sid, order))
    theirs.do(AddItem(sid, title="Pauze", planned_minutes=15))
    mine.undo()
    assert _titles(library, sid) == ["Welkom", "Pitch", "Subgroepen", "Plenair", "Pauze"]
    mine.redo()
    assert _titles(library, sid) == ["Plenair", "Welkom", "Pitch", "Subgroepen", "Pauze"]


def test_undo_of_a_reorder_after_the_other_reordered_is_refused(library, sid):
    mine, theirs = History(CommandRunner(library)), CommandRunner(library)
    ids = _ids(library, sid)
    mine.push(ReorderItems(sid, [ids["Pitch"], ids["Welkom"], ids["Subgroepen"], ids["Plenair"]]))
    theirs.do(ReorderItems(sid, [ids["Plenair"], ids["Pitch"], ids["Welkom"], ids["Subgroepen"]]))
    with pytest.raises(ConflictError, match="volgorde"):
        mine.undo()
    assert _titles(library, sid) == ["Plenair", "Pitch", "Welkom", "Subgroepen"]


def test_undo_of_an_import_removes_only_its_own_items(library, sid):
    mine, theirs = History(CommandRunner(library)), CommandRunner(library)
    mine.push(ImportRows(sid, [{"title": "Ronde 1"}, {"title": "Ronde 2"}]))
    theirs.do(AddItem(sid, title="Afsluiting", planned_minutes=5))
    mine.undo()
    assert _titles(library, sid) == ["Welkom", "Pitch", "Subgroepen", "Plenair", "Afsluiting"]


def test_undo_of_an_import_whose_item_the_other_edited_is_refused(library, sid):
    mine, theirs = History(CommandRunner(library)), CommandRunner(library)
    mine.push(ImportRows(sid, [{"title": "Ronde 1"}, {"title": "Ronde 2"}]))
    theirs.do(EditItem(_ids(library, sid)["Ronde 2"], title="Ronde 2: de knoppen"))
    with pytest.raises(ConflictError, match="gewijzigd door een ander"):
        mine.undo()
    assert "Ronde 2: de knoppen" in _titles(library, sid)


def test_undo_of_a_replace_puts_the_old_agenda_and_its_notes_back(library, sid):
    ids = _ids(library, sid)
    with library.unit_of_work() as db:
        db.add(Note(session_id=sid, agenda_item_id=ids["Plenair"], text="Meer groen", position=0))
    history = History(CommandRunner(library))
    history.push(ImportRows(sid, [{"title": "Nieuw"}], replace=True))
    assert _titles(library, sid) == ["Nieuw"]
    history.undo()
    assert _titles(library, sid) == ["Welkom", "Pitch", "Subgroepen", "Plenair"]
    with library.read() as db:
        assert db.scalar(select(Note.agenda_item_id)) == ids["Plenair"]


def test_redo_over_the_other_laptops_change_is_refused(library, sid):
    mine, theirs = History(CommandRunner(library)), CommandRunner(library)
    ids = _ids(library, sid)
    mine.push(RemoveItems(sid, [ids["Pitch"]]))
    mine.undo()
    theirs.do(EditItem(ids["Pitch"], title="Pitch van de wethouder"))
    with pytest.raises(ConflictError, match="Niet opnieuw gedaan"):
        mine.redo()
    assert "Pitch van de wethouder" in _titles(library, sid)
