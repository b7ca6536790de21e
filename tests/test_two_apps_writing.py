"""Two app instances (two laptops) making 300 changes each to the same note at the same
time, through their own command services and DB workers: all 600 kept, no duplicate
positions, and each window's list shows the other's notes (issue 15). Both engines.
"""

from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import select

from workshop.capture.commands.notes import AddNote, AddVotes, NoteContent
from workshop.model import AgendaItem, Note

pytestmark = [pytest.mark.both_engines, pytest.mark.slow]
WRITES = 300


def test_three_hundred_votes_and_notes_each_all_kept(arun, two_apps):
    first, second, sid = two_apps
    with first.library.read() as db:
        item = db.scalars(
            select(AgendaItem.id).where(
                AgendaItem.session_id == sid, AgendaItem.kind == "terugkoppeling"
            )
        ).one()
        note_id = db.scalars(select(Note.id).where(Note.session_id == sid)).first()
        votes = db.get(Note, note_id).votes
        notes = len(db.scalars(select(Note.id).where(Note.session_id == sid)).all())
    for n in range(WRITES):  # interleaved, each through its own worker, none awaited
        for name, app in (("a", first), ("b", second)):
            app.commands.push(AddVotes(note_id, 1))
            if n % 3 == 0:
                app.commands.push(AddNote(sid, item, None, NoteContent(text=f"{name}{n}: punt")))
    arun(first.commands.wait_idle())
    arun(second.commands.wait_idle())
    with first.library.read() as db:
        assert db.get(Note, note_id).votes == votes + 2 * WRITES
        positions = list(
            db.scalars(
                select(Note.position).where(
                    Note.session_id == sid,
                    Note.agenda_item_id == item,
                    Note.group_id.is_(None),
                )
            )
        )
        total = len(db.scalars(select(Note.id).where(Note.session_id == sid)).all())
    assert total == notes + 2 * (WRITES // 3)
    assert {p: c for p, c in Counter(positions).items() if c > 1} == {}
