"""Session commands: do, undo, redo, merging typed edits, delete with everything restored."""

from __future__ import annotations

from datetime import date, time

import pytest
from sqlalchemy import func, select

from workshop.commands import CommandError, CommandRunner
from workshop.demo import ensure_demo
from workshop.model import AgendaItem, Participant, WorkSession
from workshop.sessions.commands import CreateSession, DeleteSession, EditSession
from workshop.sessions.queries import find_session, get_details, list_sessions


def test_create_edit_undo_redo(library, history):
    create = CreateSession(
        title="Kick-off leernetwerk", date=date(2017, 4, 19), start_time=time(13, 0)
    )
    history.push(create)
    sid = create.session_id
    history.push(EditSession(sid, place="Pakhuis de Zwijger"))
    assert get_details(library, sid).place == "Pakhuis de Zwijger"
    history.undo()
    assert get_details(library, sid).place == ""
    history.redo()
    assert get_details(library, sid).place == "Pakhuis de Zwijger"
    history.undo()
    history.undo()  # the creation itself
    assert list_sessions(library) == []
    history.redo()
    assert get_details(library, sid).title == "Kick-off leernetwerk"  # same id again


def test_typing_into_one_field_merges_into_one_undo_step(library, history):
    create = CreateSession(title="T")
    history.push(create)
    for text in ("W", "We", "Wel", "Welkom"):
        history.push(EditSession(create.session_id, welcome_line=text))
    assert get_details(library, create.session_id).welcome_line == "Welkom"
    history.undo()
    assert get_details(library, create.session_id).welcome_line == ""
    assert history.can_undo  # the creation is still there


def test_edit_reports_what_changed(library, history):
    create = CreateSession(title="T")
    history.push(create)
    changes = history.push(EditSession(create.session_id, goals="Verbinding", organiser="X"))
    (change,) = changes
    assert change.entity == "session" and change.kind == "updated"
    assert set(change.fields) == {"goals", "organiser"}


@pytest.mark.parametrize(
    "field,value",
    [
        ("title", 42),
        ("colour", "red"),
        ("report_language", "fr"),
        ("title", "x" * 501),
        ("date", "2021-04-09"),
    ],
)
def test_bad_values_are_refused_with_a_message(library, field, value):
    with pytest.raises(CommandError) as err:
        EditSession(1, **{field: value})
    assert str(err.value)


def test_delete_and_undo_restores_every_row(library, history):
    sid = ensure_demo(library)

    def counts():
        with library.read() as db:
            return (
                db.scalar(
                    select(func.count()).select_from(AgendaItem).where(AgendaItem.session_id == sid)
                ),
                db.scalar(
                    select(func.count())
                    .select_from(Participant)
                    .where(Participant.session_id == sid)
                ),
            )

    before = counts()
    assert before[0] == 7 and before[1] >= 25
    history.push(DeleteSession(sid))
    assert counts() == (0, 0)
    history.undo()
    assert counts() == before
    assert get_details(library, sid).is_demo


def test_find_session_by_id_or_exact_title(library, history):
    a = CreateSession(title="Regie in Transitie")
    b = CreateSession(title="Dubbel")
    c = CreateSession(title="Dubbel")
    for cmd in (a, b, c):
        history.push(cmd)
    assert find_session(library, str(a.session_id)) == a.session_id
    assert find_session(library, "Regie in Transitie") == a.session_id
    with pytest.raises(CommandError, match="Dubbel"):
        find_session(library, "Dubbel")
    with pytest.raises(CommandError):
        find_session(library, "bestaat niet")


def test_missing_session_gives_clear_error(library):
    with pytest.raises(CommandError):
        CommandRunner(library).do(EditSession(999, title="x"))
    with library.read() as db:
        assert db.query(WorkSession).count() == 0
