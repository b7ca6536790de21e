"""Shared set-up for the capture tests: a library with a session, items and two groups."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select

from tests.pg_support import library_url
from workshop.commands import CommandRunner, History
from workshop.model import AgendaItem, BreakoutGroup, BreakoutRound, Note, WorkSession
from workshop.store.library import Library


@dataclass
class World:
    library: Library
    history: History
    session_id: int
    talk_id: int  # a gesprek item (notes belong to the item)
    breakout_id: int  # subgroepen
    feedback_id: int  # terugkoppeling
    group_ids: list[int]


def make_world(tmp_path: Path, with_groups: bool = True) -> World:
    library = Library.open(library_url(tmp_path))  # SQLite, or the PostgreSQL test server
    with library.unit_of_work() as db:
        s = WorkSession(title="Transitiegesprek", date=date(2026, 4, 9))
        s.items = [
            AgendaItem(position=0, title="Gesprek", kind="gesprek", planned_minutes=20),
            AgendaItem(position=1, title="Subgroepen", kind="subgroepen", planned_minutes=30),
            AgendaItem(
                position=2,
                title="Plenaire terugkoppeling",
                kind="terugkoppeling",
                planned_minutes=10,
                speaking_minutes=3,
            ),
        ]
        db.add(s)
        db.flush()
        group_ids: list[int] = []
        if with_groups:
            rnd = BreakoutRound(session_id=s.id, agenda_item_id=s.items[1].id, number=1)
            rnd.groups = [BreakoutGroup(position=i, name=f"Groep {i + 1}") for i in range(3)]
            db.add(rnd)
            db.flush()
            group_ids = [g.id for g in rnd.groups]
        world = World(
            library,
            History(CommandRunner(library)),
            s.id,
            s.items[0].id,
            s.items[1].id,
            s.items[2].id,
            group_ids,
        )
    return world


def note_texts(
    library: Library, item_id: int | None = None, group_id: int | None = None
) -> list[str]:
    with library.read() as db:
        q = select(Note).order_by(Note.position, Note.id)
        if item_id is not None:
            q = q.where(Note.agenda_item_id == item_id)
        if group_id is not None:
            q = q.where(Note.group_id == group_id)
        return [n.text for n in db.scalars(q)]
