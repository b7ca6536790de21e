"""a saved agenda template keeps the session times it was planned for

Revision ID: 0005_polish (branch polish)
Revises: 0004_flow_harvest
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_polish"
down_revision = "0004_flow_harvest"
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
