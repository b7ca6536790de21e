"""a saved agenda template keeps the session times it was planned for

Revision ID: 0006_polish (branch polish)
Revises: 0005_speed
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_polish"
down_revision = "0005_speed"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("agenda_templates", schema=None) as batch_op:
        batch_op.add_column(sa.Column("start_time", sa.Time(), nullable=True))
        batch_op.add_column(sa.Column("end_time", sa.Time(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("agenda_templates", schema=None) as batch_op:
        batch_op.drop_column("end_time")
        batch_op.drop_column("start_time")
