"""Several writers on one library (SQLite file or PostgreSQL server): nothing lost in silence.

Run on both engines: `bash run.sh test` runs this file on SQLite and again on a throwaway
PostgreSQL server (scripts/with_pg.sh).
"""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from concurrency_child import make_note, run_writers
from sqlalchemy import select, text

from workshop.capture.commands.notes import AddVotes, EditNote
from workshop.commands import CommandError, CommandRunner
from workshop.commands.base import Changes, Command
from workshop.demo.builders import session_with_items
from workshop.errors import ConflictError
from workshop.model import AgendaItem, Note, WorkSession
from workshop.sessions.commands import EditSession
from workshop.store.library import Library
from workshop.store.throwaway import throwaway_library_url

WRITES = 300


def _note(library: Library, note_id: int) -> Note:
    with library.read() as db:
        note = db.get(Note, note_id)
        assert note is not None
        return note


@pytest.mark.slow
def test_two_processes_voting_keep_every_vote(library, db_url):
    note_id = make_note(library)
    results = run_writers(db_url, "votes", note_id, WRITES)
    assert [r["ok"] for r in results] == [WRITES, WRITES]
    assert _note(library, note_id).votes == 2 * WRITES


@pytest.mark.slow
def test_two_processes_adding_notes_never_share_a_position(library, db_url):
    note_id = make_note(library)
    results = run_writers(db_url, "notes", note_id, WRITES)
    assert [r["ok"] for r in results] == [WRITES, WRITES]
    with library.read() as db:
        positions = list(db.scalars(select(Note.position)))
    assert len(positions) == 2 * WRITES + 1
    duplicates = {p: n for p, n in Counter(positions).items() if n > 1}
    assert duplicates == {}
    assert sorted(positions) == list(range(2 * WRITES + 1))


@pytest.mark.slow
def test_two_processes_adding_agenda_items_never_share_a_position(library, db_url):
    note_id = make_note(library)
    count = 200  # an agenda holds at most 500 items
    results = run_writers(db_url, "items", note_id, count)
    assert [r["ok"] for r in results] == [count, count]
    with library.read() as db:
        positions = list(db.scalars(select(AgendaItem.position)))
    assert sorted(positions) == list(range(2 * count + 1))


@pytest.mark.slow
def test_two_processes_edit_and_undo_report_every_conflict(library, db_url):
    note_id = make_note(library)
    results = run_writers(db_url, "edit-undo", note_id, WRITES)
    # every step either applied or was reported; none failed any other way
    assert [r["ok"] + r["conflicts"] for r in results] == [WRITES, WRITES]
    text_now = _note(library, note_id).text
    assert text_now == "Begin" or text_now.startswith(("w0 ", "w1 "))


def test_undo_leaves_the_other_writers_value_and_says_so(library):
    note_id = make_note(library)
    mine, theirs = CommandRunner(library), CommandRunner(library)
    edit = EditNote(note_id, text="Mijn versie")
    mine.do(edit)
    theirs.do(EditNote(note_id, text="Hun versie"))
    with pytest.raises(ConflictError, match="gewijzigd door een ander"):
        mine.undo(edit)
    assert _note(library, note_id).text == "Hun versie"
    # once the row holds what the edit wrote again, undo works as before
    theirs.do(EditNote(note_id, text="Mijn versie"))
    mine.undo(edit)
    assert _note(library, note_id).text == "Begin"


def test_undo_of_a_session_title_keeps_the_other_title(library):
    session_id, _items = session_with_items(library, "Kick-off", date=date(2026, 4, 9))
    mine, theirs = CommandRunner(library), CommandRunner(library)
    edit = EditSession(session_id, title="Kick-off Noord")
    mine.do(edit)
    theirs.do(EditSession(session_id, title="Kick-off Zuid"))
    with pytest.raises(ConflictError):
        mine.undo(edit)
    with library.read() as db:
        assert db.get(WorkSession, session_id).title == "Kick-off Zuid"


class _LosesTheRace(Command):
    """Loads a note; another writer's update lands before this one's flush."""

    label = "race"

    def __init__(self, note_id: int) -> None:
        self.note_id = note_id

    def do(self, db) -> Changes:
        note = db.get(Note, self.note_id)
        db.execute(text("UPDATE notes SET version = version + 1 WHERE id = :id"), {"id": note.id})
        note.text = "Overschreven?"
        return Changes()

    def undo(self, db) -> Changes:
        return Changes()


def test_an_update_of_a_row_that_moved_on_is_a_conflict_not_an_overwrite(library):
    note_id = make_note(library)
    with pytest.raises(ConflictError, match="gewijzigd door een ander"):
        CommandRunner(library).do(_LosesTheRace(note_id))
    assert _note(library, note_id).text == "Begin"


def test_every_field_edit_moves_the_version_on(library):
    note_id = make_note(library)
    first = _note(library, note_id).version
    CommandRunner(library).do(EditNote(note_id, starred=True))
    assert _note(library, note_id).version == first + 1


def test_votes_are_a_delta_kept_within_bounds_and_undone_exactly(library):
    note_id = make_note(library)
    runner = CommandRunner(library)
    runner.do(EditNote(note_id, votes=997))
    up = AddVotes(note_id, 5)
    runner.do(up)
    assert _note(library, note_id).votes == 999
    runner.do(AddVotes(note_id, -1))  # someone else takes one away meanwhile
    runner.undo(up)  # takes back the 2 that were really added
    assert _note(library, note_id).votes == 996
    with pytest.raises(CommandError):
        AddVotes(note_id, True)


def test_selftest_library_beside_a_real_one_leaves_it_alone(library, db_url, tmp_path):
    make_note(library)
    with throwaway_library_url(db_url, tmp_path) as url:
        assert url != db_url
        scratch = Library.open(url)
        try:
            with scratch.unit_of_work() as db:
                db.add(WorkSession(title="Selftest", date=date(2026, 1, 1)))
        finally:
            scratch.close()
    with library.read() as db:
        assert [s.title for s in db.scalars(select(WorkSession))] == ["Samen"]
        if library.engine.dialect.name == "postgresql":
            schemas = db.execute(
                text("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'workshop_selftest_%'")
            ).scalar()
            assert schemas == 0


@pytest.mark.sqlite_only(reason="SQLite's write lock (BEGIN IMMEDIATE) beside a reader")
def test_reading_never_waits_for_a_writer_holding_the_sqlite_lock(library):
    import sqlite3
    import time

    from sqlalchemy.engine import make_url

    make_note(library)
    other = sqlite3.connect(make_url(library.url).database, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")  # another process is in the middle of a change
        started = time.perf_counter()
        with library.read() as db:
            assert [s.title for s in db.scalars(select(WorkSession))] == ["Samen"]
        assert time.perf_counter() - started < 2
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_selftest_is_handed_the_db_option(tmp_path, monkeypatch):
    import types

    import workshop.cli.gui as gui
    from workshop.cli import main

    seen = []
    fake = types.SimpleNamespace(run=lambda lang, url=None: seen.append((lang, url)) or 0)
    monkeypatch.setattr(gui, "_ui", lambda name: fake)
    url = f"sqlite:///{tmp_path / 'team.sqlite'}"
    assert main(["--db", url, "selftest"]) == 0
    assert main(["selftest", "--db", url]) == 0
    assert main(["selftest"]) == 0
    assert [u for _lang, u in seen] == [url, url, None]


def test_undo_compares_times_as_the_engine_gives_them_back():
    from datetime import UTC, datetime, timedelta, timezone

    from workshop.commands.base import _same

    written = datetime(2026, 4, 9, 9, 30, tzinfo=timezone(timedelta(hours=2)))
    assert _same(datetime(2026, 4, 9, 7, 30), written)  # SQLite: UTC, without zone
    assert _same(datetime(2026, 4, 9, 7, 30, tzinfo=UTC), written)  # PostgreSQL
    assert not _same(datetime(2026, 4, 9, 7, 31), written)
    assert _same([{"a": 1}], [{"a": 1}]) and not _same("x", "y")


def test_merged_vote_clicks_count_once_even_when_merged_before_they_ran(library):
    """The app merges +1 clicks into one undo step when pushing, before the DB worker ran
    them: each click still counts once; undo takes them all back, redo puts them back."""
    note_id = make_note(library)
    runner = CommandRunner(library)
    first, second, third = AddVotes(note_id, 1), AddVotes(note_id, 1), AddVotes(note_id, 1)
    assert first.merge(second) and first.merge(third)  # as QUndoStack does at push
    for click in (first, second, third):  # then the worker runs each push's own step
        runner.do(click)
    assert _note(library, note_id).votes == 3
    runner.undo(first)
    assert _note(library, note_id).votes == 0
    runner.do(first)  # redo
    assert _note(library, note_id).votes == 3
    runner.undo(first)
    assert _note(library, note_id).votes == 0
