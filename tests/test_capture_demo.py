"""The demo session carries a full plenaire terugkoppeling."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from workshop.capture.demo import build_capture_demo
from workshop.capture.queries import actions, reporting_queue
from workshop.demo import build_demo, load_demo_data
from workshop.model import (
    AgendaItem,
    Attachment,
    BreakoutGroup,
    BreakoutRound,
    ItemKind,
    Note,
    NoteKind,
)
from workshop.store.library import Library


def test_demo_has_notes_of_every_kind_per_group_and_a_photo(tmp_path):
    lib = Library.open(f"sqlite:///{tmp_path / 'd.sqlite'}")
    try:
        with lib.unit_of_work() as db:
            session = build_demo(db)
            sid = session.id
            feedback = next(i for i in session.items if i.kind == ItemKind.TERUGKOPPELING.value)
            fid = feedback.id
        queue = reporting_queue(lib, fid)
        assert len(queue.entries) >= 4
        with lib.read() as db:
            for entry in queue.entries[:4]:
                kinds = {
                    n.kind for n in db.scalars(select(Note).where(Note.group_id == entry.group_id))
                }
                assert len(kinds) >= 5, (entry.name, kinds)
            all_kinds = {n.kind for n in db.scalars(select(Note).where(Note.session_id == sid))}
            assert all_kinds == {k.value for k in NoteKind}
            [photo] = db.scalars(select(Attachment)).all()
            zorg = next(e for e in queue.entries if e.theme == "Zorg en welzijn")
            assert photo.group_id == zorg.group_id and photo.thumbnail
            assert max(photo.width, photo.height) <= 2400
            talk = db.scalars(select(AgendaItem).where(AgendaItem.kind == "gesprek")).one()
            assert (
                talk.summary
                and db.scalars(
                    select(Note).where(Note.agenda_item_id == talk.id, Note.group_id.is_(None))
                ).all()
            )
        found = actions(lib, sid)
        assert any(a.who == "Fatima Smits" and a.due == date(2021, 6, 1) for a in found)
    finally:
        lib.close()


def test_demo_uses_existing_breakout_groups(tmp_path):
    """When the Groepen part made groups for the subgroepen item, the notes go to them."""
    lib = Library.open(f"sqlite:///{tmp_path / 'd.sqlite'}")
    try:
        data = load_demo_data()
        with lib.unit_of_work() as db:
            session = build_demo(db, {**data, "capture": {}, "breakout_groups": None})
            breakout = next(i for i in session.items if i.kind == ItemKind.SUBGROEPEN.value)
            rnd = BreakoutRound(session_id=session.id, agenda_item_id=breakout.id, number=1)
            rnd.groups = [BreakoutGroup(position=i, name=f"Tafel {i + 1}") for i in range(3)]
            db.add(rnd)
            db.flush()
            build_capture_demo(db, session, data)
            sid = session.id
        with lib.read() as db:
            assert len(db.scalars(select(BreakoutRound)).all()) == 1  # no second queue made
            names = {
                g.name
                for g in db.scalars(
                    select(BreakoutGroup).join(Note, Note.group_id == BreakoutGroup.id)
                )
            }
            assert names == {"Tafel 1", "Tafel 2", "Tafel 3"}
            assert db.scalars(select(Note).where(Note.session_id == sid)).first() is not None
    finally:
        lib.close()
