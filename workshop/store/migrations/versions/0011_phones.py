"""phones in the room: notes from a table (source, client id), questions and answers

Revision ID: 0011_phones
Revises: 0010_team_live
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_phones"
down_revision = "0010_team_live"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("notes") as batch:
        batch.add_column(sa.Column("source", sa.String(16), server_default="", nullable=False))
        batch.add_column(sa.Column("client_id", sa.String(64), nullable=True))
        batch.create_index("ix_notes_client_id", ["session_id", "client_id"], unique=True)
    op.create_table(
        "room_questions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "session_id",
            sa.Integer(),
            sa.ForeignKey("sessions.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "agenda_item_id",
            sa.Integer(),
            sa.ForeignKey("agenda_items.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("prompt", sa.Text(), nullable=False),
        sa.Column("options", sa.JSON(), nullable=False),
        sa.Column("dots", sa.Integer(), nullable=False),
        sa.Column("moderated", sa.Boolean(), nullable=False),
        sa.Column("open", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_room_questions_session_id", "room_questions", ["session_id"])
    op.create_table(
        "room_answers",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "question_id",
            sa.Integer(),
            sa.ForeignKey("room_questions.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "session_id",
            sa.Integer(),
            sa.ForeignKey("sessions.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("device", sa.String(64), nullable=False),
        sa.Column("client_id", sa.String(64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_room_answers_question_id", "room_answers", ["question_id"])
    op.create_index("ix_room_answers_session_id", "room_answers", ["session_id"])
    op.create_index(
        "ix_room_answers_client", "room_answers", ["question_id", "client_id"], unique=True
    )


def downgrade() -> None:
    op.drop_table("room_answers")
    op.drop_table("room_questions")
    with op.batch_alter_table("notes") as batch:
        batch.drop_index("ix_notes_client_id")
        batch.drop_column("client_id")
        batch.drop_column("source")
