"""The shared session builders (workshop/demo/builders.py) make what they say."""

from __future__ import annotations

from sqlalchemy import func, select

from workshop.demo import builders
from workshop.grouping.queries import item_rounds
from workshop.model import AgendaItem, Attachment, BreakoutGroup, Membership, Note, Participant
from workshop.people.queries import list_people


def _count(db, column, *where) -> int:
    return db.scalar(select(func.count(column)).where(*where))


def test_huge_session_is_the_benchmarks_room(library):
    sid = builders.huge_session(library)
    with library.read() as db:
        assert _count(db, Participant.id, Participant.session_id == sid) == 200
        items = list(
            db.scalars(
                select(AgendaItem).where(AgendaItem.session_id == sid).order_by(AgendaItem.position)
            )
        )
        assert len(items) == 60 and [i.position for i in items] == list(range(60))
        feedback = next(i for i in items if i.kind == "terugkoppeling")
        assert _count(db, Note.id, Note.session_id == sid) == 1000
        assert _count(db, Note.id, Note.agenda_item_id == feedback.id) == 800
        assert _count(db, Attachment.id, Attachment.session_id == sid) == 10
        assert _count(db, BreakoutGroup.id) == 60
        assert _count(db, Membership.id) == 399  # round 2 starts one person further
    breakout = next(i for i in items if i.kind == "subgroepen")
    rounds = item_rounds(library, sid, breakout.id)
    assert [len(r.groups) for r in rounds] == [30, 30]


def test_people_items_and_rounds_through_the_commands(library, history):
    sid = builders.new_session(library, "Grote zaal", do=history.push)
    rows = builders.people_rows(12, organisations=3, absent_every=4)
    assert rows[0] == {"name": "Persoon 0", "organisation": "Org 0", "presence": "afwezig"}
    assert rows[5] == {"name": "Persoon 5", "organisation": "Org 2", "presence": "aanwezig"}
    ids = builders.add_people(library, sid, rows, do=history.push)
    assert ids == [p.id for p in list_people(library, sid)] and len(ids) == 12
    first = builders.add_item(library, sid, "Welkom", "welkom")
    second = builders.add_item(library, sid, command=True, do=history.push)
    with library.read() as db:
        positions = [db.get(AgendaItem, i).position for i in (first, second)]
    assert positions == [0, 1]
    plan = builders.table_plan(ids, tables=3, rounds=2)
    assert [g.members for g in plan[0]] == [tuple(ids[0::3]), tuple(ids[1::3]), tuple(ids[2::3])]
    assert plan[1][0].members == tuple(ids[1::3])  # the next round one person further
    builders.store_rounds(library, sid, second, plan, do=history.push)
    assert [len(r.groups) for r in item_rounds(library, sid, second)] == [3, 3]
    history.undo()  # the rounds were one undoable step
    assert item_rounds(library, sid, second) == []


def test_series_meeting_links_its_people_to_the_register(library):
    rows = builders.people_rows(6, email="p{i}@x.nl", presence=None)
    one = builders.series_meeting(library, "CoP", 1, rows)
    two = builders.series_meeting(library, "CoP", 2, rows)
    assert one.series_id == two.series_id and one.session_id != two.session_id
    with library.read() as db:
        present = db.scalars(
            select(Participant.presence).where(Participant.session_id == two.session_id)
        )
        assert set(present) == {"aanwezig"}
        assert db.get(AgendaItem, two.item_id).kind == "subgroepen"


def test_people_list_reads_back(tmp_path, library):
    from workshop.people.importer import preview_for_session

    sid = builders.new_session(library)
    path = builders.write_people_list(tmp_path / "lijst.csv", 40)
    preview = preview_for_session(library, sid, path)
    assert preview.delimiter == ";" and len(preview.rows) == 40
