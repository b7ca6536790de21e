"""who runs the Live clock: one lease row per session (holder, expiry)

Revision ID: 0012_clock_lease
Revises: 0011_phones
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012_clock_lease"
down_revision = "0011_phones"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "clock_leases",
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("holder", sa.String(length=40), nullable=False),
        sa.Column("holder_name", sa.String(length=120), nullable=False, server_default=""),
        sa.Column("taken_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["sessions.id"],
            name=op.f("fk_clock_leases_session_id_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("session_id", name=op.f("pk_clock_leases")),
    )


def downgrade() -> None:
    op.drop_table("clock_leases")
