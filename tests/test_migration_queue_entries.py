"""0004_flow_harvest: a typed speaking queue stored as a fake breakout round moves over to
queue entries, with its notes and photos; a breakout's groups stay a round."""

from __future__ import annotations

from alembic import command
from sqlalchemy import select, text

from workshop.model import Attachment, BreakoutGroup, BreakoutRound, Note, QueueEntry
from workshop.store.engine import make_engine
from workshop.store.library import Library
from workshop.store.migrate import alembic_config


def _old_library(url: str) -> None:
    engine = make_engine(url)
    command.upgrade(alembic_config(engine), "0001_initial")
    now = "2026-05-20 13:00:00.000000"
    with engine.begin() as conn:
        run = conn.execute
        run(
            text(
                "INSERT INTO sessions (id, title, subtitle, place, online_link, organiser, "
                "facilitators, goals, background, welcome_line, report_language, summary, "
                "follow_up, is_demo, created_at, updated_at, run_state) VALUES (1, 'Kick-off', "
                "'', '', '', '', '', '', '', '', 'nl', '', '', 0, :now, :now, '')"
            ),
            {"now": now},
        )
        for item_id, position, title, kind in (
            (10, 0, "Pitches per stad", "pitch"),
            (11, 1, "Tafelgesprekken", "subgroepen"),
        ):
            run(
                text(
                    "INSERT INTO agenda_items (id, session_id, position, title, kind, "
                    "planned_minutes, lead, notes, materials, flexible, steps, summary, "
                    "created_at) VALUES (:id, 1, :pos, :title, :kind, 45, '', '', '', 1, '[]', "
                    "'', :now)"
                ),
                {"id": item_id, "pos": position, "title": title, "kind": kind, "now": now},
            )
        rounds = (
            (20, 10, 4, '{"source": "capture"}'),  # the fake "Ronde 4"
            (21, 11, 1, '{"source": "capture"}'),  # groups typed in for a breakout
            (22, 11, 2, "{}"),  # a real round from the Groepen page
        )
        for round_id, item_id, number, settings in rounds:
            run(
                text(
                    "INSERT INTO breakout_rounds (id, session_id, agenda_item_id, number, title, "
                    "settings, created_at) VALUES (:id, 1, :item, :n, '', :s, :now)"
                ),
                {"id": round_id, "item": item_id, "n": number, "s": settings, "now": now},
            )
        groups = ((30, 20, 1, "Enschede"), (31, 20, 0, "Dordrecht"), (32, 21, 0, "Tafel 1"))
        groups += ((33, 22, 0, "Groep 1"),)
        for group_id, round_id, position, name in groups:
            run(
                text(
                    "INSERT INTO breakout_groups (id, round_id, position, name, table_name, "
                    "theme, locked, report_position, speaking_minutes) VALUES (:id, :r, :p, :n, "
                    "'', '', 0, :p, :m)"
                ),
                {"id": group_id, "r": round_id, "p": position, "n": name, "m": 3.0},
            )
        run(
            text(
                "INSERT INTO notes (id, session_id, agenda_item_id, group_id, kind, text, speaker,"
                " speaker_may_be_named, action_who, action_due_text, theme, starred, votes, "
                "position, created_at, updated_at) VALUES (40, 1, 10, 31, 'inzicht', "
                "'Het Energiehuis', '', 0, '', '', '', 0, 0, 0, :now, :now)"
            ),
            {"now": now},
        )
        run(
            text(
                "INSERT INTO attachments (id, session_id, agenda_item_id, group_id, caption, "
                "filename, mime, data, width, height, rotation, position, created_at) VALUES "
                "(50, 1, 10, 30, 'Canvas', 'a.jpg', 'image/jpeg', :data, 1, 1, 0, 0, :now)"
            ),
            {"now": now, "data": b"\xff\xd8"},
        )
    engine.dispose()


def test_capture_rounds_become_queue_entries(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    _old_library(url)
    lib = Library.open(url)
    try:
        with lib.read() as db:
            entries = db.scalars(select(QueueEntry).order_by(QueueEntry.position)).all()
            assert [(e.name, e.agenda_item_id, e.speaking_minutes) for e in entries] == [
                ("Dordrecht", 10, 3.0),
                ("Enschede", 10, 3.0),
            ]
            dordrecht, enschede = entries
            note = db.get(Note, 40)
            assert note.queue_entry_id == dordrecht.id and note.group_id is None
            assert note.agenda_item_id == 10  # batch copies of tables keep every link
            assert not note.answered
            photo = db.get(Attachment, 50)
            assert photo.queue_entry_id == enschede.id and photo.group_id is None
            rounds = db.scalars(select(BreakoutRound).order_by(BreakoutRound.id)).all()
            assert [(r.id, r.settings) for r in rounds] == [(21, {}), (22, {})]
            assert db.get(BreakoutGroup, 30) is None and db.get(BreakoutGroup, 32) is not None
            assert db.scalars(select(QueueEntry.created_at)).first() is not None
    finally:
        lib.close()
