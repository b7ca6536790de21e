"""Shared set-up for the capture tests: a library with a session, items and two groups."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select

from tests.pg_support import library_url
from workshop.commands import CommandRunner, History
from workshop.demo.builders import seat_round, session_with_items
from workshop.model import Note
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
    sid, (talk, breakout, feedback) = session_with_items(
        library,
        "Transitiegesprek",
        [
            {"title": "Gesprek", "kind": "gesprek", "planned_minutes": 20},
            {"title": "Subgroepen", "kind": "subgroepen", "planned_minutes": 30},
            {
                "title": "Plenaire terugkoppeling",
                "kind": "terugkoppeling",
                "planned_minutes": 10,
                "speaking_minutes": 3,
            },
        ],
        date=date(2026, 4, 9),
    )
    group_ids: list[int] = []
    if with_groups:
        with library.unit_of_work() as db:
            _round, groups = seat_round(db, sid, breakout, 1, [[], [], []])
            group_ids = [g.id for g in groups]
    return World(library, History(CommandRunner(library)), sid, talk, breakout, feedback, group_ids)


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
