"""Undo of group rounds takes back only what the command changed, and never a change another
laptop made since: refused with one line instead (issue 15). Both engines.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from workshop.commands import CommandRunner, History
from workshop.demo.builders import add_item, add_people, new_session
from workshop.errors import ConflictError
from workshop.grouping.commands import EditGroup, GroupSpec, StoreRounds
from workshop.model import BreakoutGroup, BreakoutRound, Note


@pytest.fixture
def setup(library) -> dict:
    sid = new_session(library)
    item_id = add_item(library, sid)
    rows = [{"name": f"P{i}", "presence": "aanwezig"} for i in range(8)]
    ids = add_people(library, sid, rows, one_by_one=True)
    return {"sid": sid, "item": item_id, "ids": ids}


def _plan(ids: list[int]) -> list[list[GroupSpec]]:
    return [[GroupSpec(tuple(ids[0:4])), GroupSpec(tuple(ids[4:8]))]]


def _groups(library, item_id: int) -> list[tuple[int, str]]:
    with library.read() as db:
        return list(
            db.execute(
                select(BreakoutGroup.id, BreakoutGroup.theme)
                .join(BreakoutRound, BreakoutGroup.round_id == BreakoutRound.id)
                .where(BreakoutRound.agenda_item_id == item_id)
                .order_by(BreakoutGroup.id)
            )
        )


def test_undo_of_stored_rounds_works_when_nobody_else_changed_them(library, setup):
    mine = History(CommandRunner(library))
    mine.push(StoreRounds(setup["sid"], setup["item"], _plan(setup["ids"])))
    assert len(_groups(library, setup["item"])) == 2
    mine.undo()
    assert _groups(library, setup["item"]) == []
    mine.redo()
    assert len(_groups(library, setup["item"])) == 2


def test_undo_of_rounds_after_the_other_renamed_a_theme_is_refused(library, setup):
    mine, theirs = History(CommandRunner(library)), CommandRunner(library)
    mine.push(StoreRounds(setup["sid"], setup["item"], _plan(setup["ids"])))
    first = _groups(library, setup["item"])[0][0]
    theirs.do(EditGroup(first, theme="Energie"))
    with pytest.raises(ConflictError, match="groepen zijn intussen gewijzigd door een ander"):
        mine.undo()
    assert (first, "Energie") in _groups(library, setup["item"])


def test_undo_of_rounds_keeps_a_note_the_other_laptop_wrote_in_a_group(library, setup):
    mine = History(CommandRunner(library))
    mine.push(StoreRounds(setup["sid"], setup["item"], _plan(setup["ids"])))
    group = _groups(library, setup["item"])[1][0]
    with library.unit_of_work() as db:  # a note typed on the other laptop under that group
        db.add(
            Note(
                session_id=setup["sid"],
                agenda_item_id=setup["item"],
                group_id=group,
                text="Van tafel 2",
                position=0,
            )
        )
    with pytest.raises(ConflictError):
        mine.undo()
    with library.read() as db:
        assert db.scalar(select(Note.group_id)) == group


def test_undo_of_one_theme_edit_leaves_the_other_groups_change(library, setup):
    runner = CommandRunner(library)
    runner.do(StoreRounds(setup["sid"], setup["item"], _plan(setup["ids"])))
    (first, _t1), (second, _t2) = _groups(library, setup["item"])
    mine = History(runner)
    mine.push(EditGroup(first, theme="Wonen"))
    CommandRunner(library).do(EditGroup(second, theme="Zorg"))
    mine.undo()
    assert _groups(library, setup["item"]) == [(first, ""), (second, "Zorg")]
