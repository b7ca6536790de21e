"""the change log: each stored step's typed changes, for other windows and laptops (live)

Revision ID: 0010_team_live (branch team-live; Alembic allows no "-" in an id)
Revises: 0009_series
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_team_live"
down_revision = "0009_series"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "change_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("writer", sa.String(length=40), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_log")),
    )
    op.create_index(op.f("ix_change_log_at"), "change_log", ["at"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_change_log_at"), table_name="change_log")
    op.drop_table("change_log")
