"""flow-harvest: plenary items know their breakout; speaking queues are not breakout rounds

* agenda_items.harvest_item_id: the breakout item whose groups report back on a plenary item.
* queue_entries: pitches of initiatives or cities typed in on the capture page. They used to
  be stored as a BreakoutRound marked {"source": "capture"} (a fake round with 0 people);
  such rounds on a pitch or terugkoppeling item move over here with their notes and photos.
  A marked round on another item (groups typed in for a breakout) stays a round, unmarked.
* notes.queue_entry_id / attachments.queue_entry_id: what was said for a queue entry.
* notes.answered: a question the meeting answered.

Revision ID: 0004_flow_harvest
Revises: 0001_initial
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0004_flow_harvest"
down_revision = "0003_hard_edges"
branch_labels = None
depends_on = None

QUEUE_KINDS = ("pitch", "terugkoppeling")


def upgrade() -> None:
    with op.batch_alter_table("agenda_items", schema=None) as batch_op:
        batch_op.add_column(sa.Column("harvest_item_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_agenda_items_harvest_item_id_agenda_items"),
            "agenda_items",
            ["harvest_item_id"],
            ["id"],
            ondelete="SET NULL",
        )
    op.create_table(
        "queue_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("agenda_item_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("speaking_minutes", sa.Double(), nullable=True),
        sa.Column("participant_id", sa.Integer(), nullable=True),
        sa.Column("group_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["agenda_item_id"],
            ["agenda_items.id"],
            name=op.f("fk_queue_entries_agenda_item_id_agenda_items"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["breakout_groups.id"],
            name=op.f("fk_queue_entries_group_id_breakout_groups"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_queue_entries_participant_id_participants"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["sessions.id"],
            name=op.f("fk_queue_entries_session_id_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_queue_entries")),
    )
    with op.batch_alter_table("queue_entries", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_queue_entries_agenda_item_id"), ["agenda_item_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_queue_entries_session_id"), ["session_id"], unique=False
        )
    with op.batch_alter_table("notes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("queue_entry_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("answered", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.create_index(
            batch_op.f("ix_notes_queue_entry_id"), ["queue_entry_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_notes_queue_entry_id_queue_entries"),
            "queue_entries",
            ["queue_entry_id"],
            ["id"],
            ondelete="SET NULL",
        )
    with op.batch_alter_table("attachments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("queue_entry_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_attachments_queue_entry_id_queue_entries"),
            "queue_entries",
            ["queue_entry_id"],
            ["id"],
            ondelete="SET NULL",
        )
    move_capture_rounds(op.get_bind())


def _settings(raw) -> dict:
    if isinstance(raw, dict):
        return raw
    try:
        value = json.loads(raw) if raw else {}
    except (TypeError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def move_capture_rounds(conn) -> None:
    """Rounds the capture page made for a typed-in queue become queue entries."""
    rounds = conn.execute(
        sa.text(
            "SELECT r.id, r.session_id, r.agenda_item_id, r.settings, i.kind "
            "FROM breakout_rounds r LEFT JOIN agenda_items i ON i.id = r.agenda_item_id"
        )
    ).all()
    now = datetime.now(UTC)
    for round_id, session_id, item_id, raw, kind in rounds:
        settings = _settings(raw)
        if settings.get("source") != "capture":
            continue
        if item_id is None or kind not in QUEUE_KINDS:
            settings.pop("source", None)  # groups typed in for a breakout: a real round
            conn.execute(
                sa.text("UPDATE breakout_rounds SET settings = :s WHERE id = :r"),
                {"s": json.dumps(settings), "r": round_id},
            )
            continue
        groups = conn.execute(
            sa.text(
                "SELECT id, position, report_position, name, speaking_minutes "
                "FROM breakout_groups WHERE round_id = :r ORDER BY id"
            ),
            {"r": round_id},
        ).all()
        for group_id, position, report_position, name, minutes in groups:
            entry_id = conn.execute(
                sa.text(
                    "INSERT INTO queue_entries (session_id, agenda_item_id, position, name, "
                    "speaking_minutes, created_at) VALUES (:s, :i, :p, :n, :m, :c) "
                    "RETURNING id"
                ).bindparams(sa.bindparam("c", type_=sa.DateTime(timezone=True))),
                {
                    "s": session_id,
                    "i": item_id,
                    "p": report_position if report_position is not None else position or 0,
                    "n": name or "",
                    "m": minutes,
                    "c": now,
                },
            ).scalar_one()
            for table in ("notes", "attachments"):
                conn.execute(
                    sa.text(
                        f"UPDATE {table} SET queue_entry_id = :e, group_id = NULL "
                        "WHERE group_id = :g"
                    ),
                    {"e": entry_id, "g": group_id},
                )
        conn.execute(sa.text("DELETE FROM memberships WHERE round_id = :r"), {"r": round_id})
        conn.execute(sa.text("DELETE FROM breakout_groups WHERE round_id = :r"), {"r": round_id})
        conn.execute(sa.text("DELETE FROM breakout_rounds WHERE id = :r"), {"r": round_id})


def downgrade() -> None:
    with op.batch_alter_table("attachments", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_attachments_queue_entry_id_queue_entries"), type_="foreignkey"
        )
        batch_op.drop_column("queue_entry_id")
    with op.batch_alter_table("notes", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_notes_queue_entry_id_queue_entries"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_notes_queue_entry_id"))
        batch_op.drop_column("answered")
        batch_op.drop_column("queue_entry_id")
    with op.batch_alter_table("queue_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_queue_entries_session_id"))
        batch_op.drop_index(batch_op.f("ix_queue_entries_agenda_item_id"))
    op.drop_table("queue_entries")
    with op.batch_alter_table("agenda_items", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_agenda_items_harvest_item_id_agenda_items"), type_="foreignkey"
        )
        batch_op.drop_column("harvest_item_id")
