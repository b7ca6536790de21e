"""optimistic concurrency: a version column on the rows users edit as fields

Revision ID: 0008_team_pg
Revises: 0005_speed
(Alembic refuses "-" in revision ids, hence team_pg for the branch team-pg.)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_team_pg"
down_revision = "0007_verslag_finish"
branch_labels = None
depends_on = None

VERSIONED = ("sessions", "agenda_items", "notes", "participants", "breakout_groups")


def upgrade() -> None:
    for name in VERSIONED:
        with op.batch_alter_table(name) as batch:
            batch.add_column(sa.Column("version", sa.Integer(), server_default="1", nullable=False))


def downgrade() -> None:
    for name in VERSIONED:
        with op.batch_alter_table(name) as batch:
            batch.drop_column("version")
