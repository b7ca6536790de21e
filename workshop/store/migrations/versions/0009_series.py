"""series: meetings of one CoP, its people register, attendance and action register

Revision ID: 0009_series
Revises: 0008_team_pg
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_series"
down_revision = "0008_team_pg"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "series",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("theme", sa.String(500), nullable=False),
        sa.Column("facilitators", sa.String(1000), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_series"),
        sa.UniqueConstraint("name", name="uq_series_name"),
    )
    op.create_table(
        "series_cohosts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("series_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("logo", sa.LargeBinary(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_series_cohosts"),
        sa.ForeignKeyConstraint(
            ["series_id"],
            ["series.id"],
            name="fk_series_cohosts_series_id_series",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_series_cohosts_series_id", "series_cohosts", ["series_id"])
    op.create_table(
        "series_meetings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("series_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_series_meetings"),
        sa.ForeignKeyConstraint(
            ["series_id"],
            ["series.id"],
            name="fk_series_meetings_series_id_series",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["sessions.id"],
            name="fk_series_meetings_session_id_sessions",
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint("session_id", name="uq_series_meetings_session_id"),
    )
    op.create_index("ix_series_meetings_series_id", "series_meetings", ["series_id"])
    op.create_table(
        "series_templates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("series_id", sa.Integer(), nullable=False),
        sa.Column("template_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_series_templates"),
        sa.ForeignKeyConstraint(
            ["series_id"],
            ["series.id"],
            name="fk_series_templates_series_id_series",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["template_id"],
            ["agenda_templates.id"],
            name="fk_series_templates_template_id_agenda_templates",
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint("series_id", "template_id", name="uq_series_templates_series_id"),
    )
    op.create_index("ix_series_templates_series_id", "series_templates", ["series_id"])
    op.create_table(
        "series_people",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("series_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("organisation", sa.String(300), nullable=False),
        sa.Column("email", sa.String(320), nullable=False),
        sa.Column("may_be_named", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_series_people"),
        sa.ForeignKeyConstraint(
            ["series_id"],
            ["series.id"],
            name="fk_series_people_series_id_series",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_series_people_series_id", "series_people", ["series_id"])
    op.create_table(
        "series_attendance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_series_attendance"),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["series_people.id"],
            name="fk_series_attendance_person_id_series_people",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["sessions.id"],
            name="fk_series_attendance_session_id_sessions",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name="fk_series_attendance_participant_id_participants",
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint("session_id", "participant_id", name="uq_series_attendance_session_id"),
    )
    for column in ("person_id", "session_id", "participant_id"):
        op.create_index(f"ix_series_attendance_{column}", "series_attendance", [column])
    op.create_table(
        "series_actions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("series_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=True),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("who", sa.String(300), nullable=False),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_series_actions"),
        sa.ForeignKeyConstraint(
            ["series_id"],
            ["series.id"],
            name="fk_series_actions_series_id_series",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["sessions.id"],
            name="fk_series_actions_session_id_sessions",
            ondelete="SET NULL",
        ),
    )
    op.create_index("ix_series_actions_series_id", "series_actions", ["series_id"])


def downgrade() -> None:
    op.drop_table("series_actions")
    op.drop_table("series_attendance")
    op.drop_table("series_people")
    op.drop_table("series_templates")
    op.drop_table("series_meetings")
    op.drop_table("series_cohosts")
    op.drop_table("series")
