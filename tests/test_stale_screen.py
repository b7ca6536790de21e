"""An edit made on a screen that showed old data never silently wins over a newer change by
another laptop: the command carries what the screen showed (`FieldEdit.seen`) and is refused,
with one line, when the row no longer holds it (issue 15). Both engines.
"""

from __future__ import annotations

from datetime import date

import pytest
from concurrency_child import make_note

from workshop.agenda.commands import AddItem, EditItem
from workshop.capture.commands.notes import EditNote
from workshop.commands import CommandRunner, History
from workshop.demo.builders import session_with_items
from workshop.errors import ConflictError
from workshop.model import AgendaItem, Note, WorkSession
from workshop.sessions.commands import EditSession


def _text(library, note_id: int) -> str:
    with library.read() as db:
        return db.get(Note, note_id).text


def test_an_edit_over_the_value_the_screen_showed_is_stored(library):
    note_id = make_note(library)
    CommandRunner(library).do(EditNote(note_id, text="Nieuw").seen(text="Begin"))
    assert _text(library, note_id) == "Nieuw"


def test_an_edit_from_a_stale_screen_is_refused_and_the_newer_value_stays(library):
    note_id = make_note(library)
    mine, theirs = CommandRunner(library), CommandRunner(library)
    theirs.do(EditNote(note_id, text="Hun versie"))
    # this screen still shows "Begin"
    with pytest.raises(ConflictError, match="gewijzigd door een ander") as caught:
        mine.do(EditNote(note_id, text="Mijn versie").seen(text="Begin"))
    assert "Mijn versie" in str(caught.value)  # what was typed is in the message, not lost
    assert _text(library, note_id) == "Hun versie"


def test_another_field_changed_meanwhile_is_no_conflict(library):
    note_id = make_note(library)
    theirs = CommandRunner(library)
    theirs.do(EditNote(note_id, starred=True))
    CommandRunner(library).do(EditNote(note_id, text="Mijn versie").seen(text="Begin"))
    with library.read() as db:
        note = db.get(Note, note_id)
        assert (note.text, note.starred) == ("Mijn versie", True)


def test_redo_over_another_writers_value_is_refused(library):
    note_id = make_note(library)
    history = History(CommandRunner(library))
    history.push(EditNote(note_id, text="Mijn versie").seen(text="Begin"))
    history.undo()
    CommandRunner(library).do(EditNote(note_id, text="Hun versie"))
    with pytest.raises(ConflictError):
        history.redo()
    assert _text(library, note_id) == "Hun versie"


def test_agenda_item_and_session_edits_check_what_was_shown(library):
    sid, _items = session_with_items(library, "Kick-off", date=date(2026, 4, 9))
    runner = CommandRunner(library)
    runner.do(AddItem(sid, title="Welkom", planned_minutes=10))
    with library.read() as db:
        item_id = db.query(AgendaItem.id).filter_by(session_id=sid).scalar()
    runner.do(EditItem(item_id, planned_minutes=15))
    with pytest.raises(ConflictError):
        runner.do(EditItem(item_id, planned_minutes=20).seen(planned_minutes=10))
    runner.do(EditItem(item_id, steps=[{"title": "1", "minutes": 2}]).seen(steps=()))
    runner.do(
        EditItem(item_id, steps=[{"title": "2", "minutes": 3}]).seen(
            steps=({"title": "1", "minutes": 2},)
        )
    )
    runner.do(EditSession(sid, title="Kick-off Noord"))
    with pytest.raises(ConflictError, match="de titel"):
        runner.do(EditSession(sid, title="Kick-off Zuid").seen(title="Kick-off"))
    with library.read() as db:
        assert db.get(WorkSession, sid).title == "Kick-off Noord"
        assert db.get(AgendaItem, item_id).planned_minutes == 15


def test_typing_merged_before_the_first_step_ran_is_no_conflict(library):
    """Two pauses in typing pushed quickly: the second (over "Kick-off N") is merged into the
    first before the worker ran it; the first then stores the merged title, and the second's
    own step finds the row already holds its title: no false conflict."""
    sid, _items = session_with_items(library, "Kick-off", date=date(2026, 4, 9))
    runner = CommandRunner(library)
    first = EditSession(sid, title="Kick-off N").seen(title="Kick-off")
    second = EditSession(sid, title="Kick-off Noord").seen(title="Kick-off N")
    assert first.merge(second)  # as QUndoStack does at push, before either ran
    runner.do(first)
    runner.do(second)
    with library.read() as db:
        assert db.get(WorkSession, sid).title == "Kick-off Noord"
