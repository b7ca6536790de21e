"""Agenda commands: do, undo, redo, merging edits, links kept across undo (Qt-free)."""

from __future__ import annotations

from datetime import time

import pytest
from sqlalchemy import select

from workshop.agenda.commands import (
    AddItem,
    ApplyTemplate,
    DeleteTemplate,
    DuplicateItems,
    EditItem,
    ImportRows,
    RemoveItems,
    ReorderItems,
    SaveTemplate,
    dropped_order,
    move_items,
    moved_order,
)
from workshop.agenda.queries import load_agenda
from workshop.commands import CommandError, History
from workshop.demo import ensure_demo
from workshop.model import AgendaTemplate, Note
from workshop.sessions.commands import CreateSession
from workshop.store.library import Library

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def session_id(history: History) -> int:
    create = CreateSession(title="Test", start_time=time(15, 0), end_time=time(17, 0))
    history.push(create)
    return create.session_id


def titles(lib: Library, sid: int) -> list[str]:
    return [r.title for r in load_agenda(lib, sid).rows]


def test_add_edit_undo_redo(lib, history, session_id):
    history.push(AddItem(session_id, title="Welkom", kind="welkom", planned_minutes=10))
    add = AddItem(session_id, title="Pauze", kind="pauze", planned_minutes=15)
    changes = history.push(add)
    (change,) = changes.items
    assert change.entity == "agenda_item" and change.kind == "created"
    assert change.ids == add.new_ids and change.session_id == session_id
    view = load_agenda(lib, session_id)
    assert [r.title for r in view.rows] == ["Welkom", "Pauze"]
    assert [p.start_time for p in view.plan.items] == [time(15, 0), time(15, 10)]
    pause_id = view.rows[1].id
    history.push(EditItem(pause_id, fixed_start=time(16, 0)))
    assert load_agenda(lib, session_id).plan.items[1].gap_before == 50
    history.undo()
    assert load_agenda(lib, session_id).row(pause_id).fixed_start is None
    history.undo()
    assert titles(lib, session_id) == ["Welkom"]
    history.redo()
    view = load_agenda(lib, session_id)
    assert view.rows[1].id == pause_id  # redo keeps the id
    history.redo()
    assert load_agenda(lib, session_id).row(pause_id).fixed_start == time(16, 0)


def test_consecutive_edits_of_one_field_merge(lib, history, session_id):
    history.push(AddItem(session_id, title="Gesprek"))
    item_id = load_agenda(lib, session_id).rows[0].id
    for minutes in (11, 12, 13, 14):
        history.push(EditItem(item_id, planned_minutes=minutes))
    history.push(EditItem(item_id, title="Gesprek aan tafels"))
    history.undo()
    assert load_agenda(lib, session_id).row(item_id).planned_minutes == 14
    history.undo()  # all four minute edits in one step
    assert load_agenda(lib, session_id).row(item_id).planned_minutes == 10
    history.undo()
    assert titles(lib, session_id) == []
    assert not history.can_undo or history.undo() is not None


def test_edit_checks_values():
    with pytest.raises(CommandError):
        EditItem(1, planned_minutes=-3)
    with pytest.raises(CommandError):
        EditItem(1, planned_minutes="tien")
    with pytest.raises(CommandError):
        EditItem(1, kind="feest")
    with pytest.raises(CommandError):
        EditItem(1, title="x" * 501)
    with pytest.raises(CommandError):
        EditItem(1, colour="red")
    with pytest.raises(CommandError):
        EditItem(1, steps=[{"title": "a", "minutes": "een"}])
    assert EditItem(1, title="  Veel   spaties ").new == {"title": "Veel spaties"}
    assert EditItem(1, notes="n" * 10_000).new["notes"] == "n" * 10_000


def test_edit_of_deleted_item_is_a_clear_error(lib, history, session_id):
    history.push(AddItem(session_id, title="Weg"))
    item_id = load_agenda(lib, session_id).rows[0].id
    history.push(RemoveItems(session_id, [item_id]))
    with pytest.raises(CommandError, match="no longer exists"):
        history.push(EditItem(item_id, title="Toch"))


def test_reorder_duplicate_remove_roundtrip(lib, history, session_id):
    for t in ("A", "B", "C", "D"):
        history.push(AddItem(session_id, title=t))
    order = [r.id for r in load_agenda(lib, session_id).rows]
    a, b, c, d = order
    history.push(move_items(session_id, order, [c], -2))
    assert titles(lib, session_id) == ["C", "A", "B", "D"]
    changes = history.push(DuplicateItems(session_id, [a, d]))
    assert [ch.kind for ch in changes] == ["created"]
    assert titles(lib, session_id) == ["C", "A", "A", "B", "D", "D"]
    history.push(RemoveItems(session_id, [b, c]))
    assert titles(lib, session_id) == ["A", "A", "D", "D"]
    history.undo()
    history.undo()
    history.undo()
    view = load_agenda(lib, session_id)
    assert [r.id for r in view.rows] == order
    assert [r.position for r in view.rows] == [0, 1, 2, 3]
    history.redo()
    history.redo()
    history.redo()
    assert titles(lib, session_id) == ["A", "A", "D", "D"]


def test_stale_reorder_is_refused(lib, history, session_id):
    history.push(AddItem(session_id, title="A"))
    with pytest.raises(CommandError):
        history.push(ReorderItems(session_id, [999]))


def test_remove_and_undo_relinks_notes(lib, history):
    sid = ensure_demo(lib)
    view = load_agenda(lib, sid)
    item_id = view.rows[3].id
    with lib.unit_of_work() as db:
        db.add(Note(session_id=sid, agenda_item_id=item_id, text="Knop: regelruimte"))
    history.push(RemoveItems(sid, [item_id]))
    with lib.read() as db:
        assert (
            db.scalars(select(Note.agenda_item_id).where(Note.text == "Knop: regelruimte")).one()
            is None
        )
    changes = history.undo()
    assert changes.items[0].kind == "created" and changes.items[0].ids == (item_id,)
    with lib.read() as db:
        assert (
            db.scalars(select(Note.agenda_item_id).where(Note.text == "Knop: regelruimte")).one()
            == item_id
        )
    assert load_agenda(lib, sid).rows[3].id == item_id


def test_apply_template_replace_and_times(lib, history):
    create = CreateSession(title="Leeg")
    history.push(create)
    sid = create.session_id
    history.push(AddItem(sid, title="Oud"))
    items = [
        {"title": "Welkom", "kind": "welkom", "planned_minutes": 15},
        {"title": "Pauze", "kind": "pauze", "planned_minutes": 15, "fixed_start": time(15, 0)},
    ]
    history.push(
        ApplyTemplate(sid, items, "Middag", replace=True, times=(time(13, 0), time(17, 0)))
    )
    view = load_agenda(lib, sid)
    assert [r.title for r in view.rows] == ["Welkom", "Pauze"]
    assert view.start_time == time(13, 0) and view.end_time == time(17, 0)
    history.undo()
    view = load_agenda(lib, sid)
    assert [r.title for r in view.rows] == ["Oud"] and view.start_time is None


def test_insert_method_at_index(lib, history, session_id):
    for t in ("A", "B"):
        history.push(AddItem(session_id, title=t))
    steps = [{"title": "Alleen", "minutes": 1}, {"title": "Met z'n tweeën", "minutes": 2}]
    history.push(
        ApplyTemplate(session_id, [{"title": "1-2-4-Allen", "steps": steps}], "m", index=1)
    )
    view = load_agenda(lib, session_id)
    assert [r.title for r in view.rows] == ["A", "1-2-4-Allen", "B"]
    assert view.rows[1].steps[1] == {"title": "Met z'n tweeën", "minutes": 2}


def test_import_rows_undo(lib, history, session_id):
    history.push(ImportRows(session_id, [{"title": "X", "planned_minutes": 5}] * 3))
    assert titles(lib, session_id) == ["X", "X", "X"]
    history.undo()
    assert titles(lib, session_id) == []
    with pytest.raises(CommandError):
        ImportRows(session_id, [])


def test_save_and_delete_template(lib, history):
    sid = ensure_demo(lib)
    rows = [r.values() for r in load_agenda(lib, sid).rows]
    save = SaveTemplate("  Mijn   middag ", rows)
    history.push(save)
    with lib.read() as db:
        tpl = db.get(AgendaTemplate, save.template_id)
        assert tpl.name == "Mijn middag"
        assert tpl.items[-1]["fixed_start"] == "16:50"
        assert tpl.items[-1]["flexible"] is False
    history.push(DeleteTemplate(save.template_id))
    history.undo()
    with lib.read() as db:
        assert db.get(AgendaTemplate, save.template_id).name == "Mijn middag"
    with pytest.raises(CommandError):
        SaveTemplate("", rows)
    with pytest.raises(CommandError):
        SaveTemplate("Leeg", [])


def test_order_helpers():
    assert moved_order([1, 2, 3, 4], [3], -1) == [1, 3, 2, 4]
    assert moved_order([1, 2, 3, 4], [1], -1) == [1, 2, 3, 4]
    assert moved_order([1, 2, 3, 4], [2, 3], 1) == [1, 4, 2, 3]
    assert moved_order([1, 2, 3, 4], [4], 5) == [1, 2, 3, 4]
    assert dropped_order([1, 2, 3, 4], [1], 3) == [2, 3, 1, 4]
    assert dropped_order([1, 2, 3, 4], [4], 0) == [4, 1, 2, 3]
    assert dropped_order([1, 2, 3, 4], [2, 3], 4) == [1, 4, 2, 3]
