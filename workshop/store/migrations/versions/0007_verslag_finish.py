"""a photo's description for who cannot see it (alt text in the HTML and DOCX verslag)

Revision ID: 0007_verslag_finish (branch verslag-finish; Alembic allows no "-" in an id)
Revises: 0005_speed
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_verslag_finish"
down_revision = "0006_polish"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("attachments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("description", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("attachments", schema=None) as batch_op:
        batch_op.drop_column("description")
