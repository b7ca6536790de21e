"""one participant per e-mail address per session

Existing duplicates (same session, same address ignoring case and surrounding spaces) are
merged first: the oldest row stays, the others' group seats, host/rapporteur roles and
quotes move to it (a seat in a round where the kept person already sits is dropped), and
their filled-in fields fill the kept row's empty ones. Then a partial unique index on
(session_id, lower(email)) where email <> '' (SQLite and PostgreSQL alike).

Revision ID: 0003_hard_edges
Revises: 0001_initial
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_hard_edges"  # Alembic allows no "-" in ids
down_revision = "0002_flow_door"
branch_labels = None
depends_on = None

FILL = ("organisation", "role", "involvement", "initiative", "theme_preference", "second_theme")


def _merge_duplicates(conn: sa.Connection) -> None:
    conn.execute(sa.text("UPDATE participants SET email = TRIM(email) WHERE email <> TRIM(email)"))
    groups = conn.execute(
        sa.text(
            "SELECT session_id, LOWER(email) AS address FROM participants WHERE email <> '' "
            "GROUP BY session_id, LOWER(email) HAVING COUNT(*) > 1"
        )
    ).all()
    for session_id, address in groups:
        ids = [
            row[0]
            for row in conn.execute(
                sa.text(
                    "SELECT id FROM participants WHERE session_id = :s AND LOWER(email) = :a "
                    "ORDER BY id"
                ),
                {"s": session_id, "a": address},
            )
        ]
        keep, others = ids[0], ids[1:]
        for other in others:
            params = {"keep": keep, "other": other}
            for column in FILL:
                conn.execute(
                    sa.text(
                        f"UPDATE participants SET {column} = "
                        f"(SELECT {column} FROM participants WHERE id = :other) "
                        f"WHERE id = :keep AND {column} = ''"
                    ),
                    params,
                )
            conn.execute(
                sa.text(
                    "DELETE FROM memberships WHERE participant_id = :other AND round_id IN "
                    "(SELECT round_id FROM memberships WHERE participant_id = :keep)"
                ),
                params,
            )
            conn.execute(
                sa.text(
                    "UPDATE memberships SET participant_id = :keep WHERE participant_id = :other"
                ),
                params,
            )
            for column in ("host_id", "rapporteur_id"):
                conn.execute(
                    sa.text(f"UPDATE breakout_groups SET {column} = :keep WHERE {column} = :other"),
                    params,
                )
            conn.execute(
                sa.text("UPDATE notes SET speaker_id = :keep WHERE speaker_id = :other"), params
            )
            conn.execute(sa.text("DELETE FROM participants WHERE id = :other"), params)


def upgrade() -> None:
    _merge_duplicates(op.get_bind())
    op.create_index(
        "uq_participants_session_email",
        "participants",
        ["session_id", sa.text("lower(email)")],
        unique=True,
        sqlite_where=sa.text("email != ''"),
        postgresql_where=sa.text("email != ''"),
    )


def downgrade() -> None:
    op.drop_index("uq_participants_session_email", table_name="participants")
