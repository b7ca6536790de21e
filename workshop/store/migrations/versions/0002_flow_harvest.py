"""flow-harvest: a plenary item knows which breakout it harvests

Revision ID: 0002_flow_harvest
Revises: 0001_initial
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_flow_harvest"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


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


def downgrade() -> None:
    with op.batch_alter_table("agenda_items", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_agenda_items_harvest_item_id_agenda_items"), type_="foreignkey"
        )
        batch_op.drop_column("harvest_item_id")
