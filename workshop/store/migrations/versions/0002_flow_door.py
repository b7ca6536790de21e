"""co-host organisations of a session, with their logos

Revision ID: 0002_flow_door (branch flow-door; Alembic allows no "-" in an id)
Revises: 0001_initial
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_flow_door"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cohosts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("logo", sa.LargeBinary(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["sessions.id"],
            name=op.f("fk_cohosts_session_id_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cohosts")),
    )
    with op.batch_alter_table("cohosts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cohosts_session_id"), ["session_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("cohosts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cohosts_session_id"))
    op.drop_table("cohosts")
