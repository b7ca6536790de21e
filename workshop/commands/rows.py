"""Row snapshots: capture rows before a delete so undo can put them back with the same ids."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session as OrmSession

from workshop.model import Base

RowSet = list[tuple[str, list[dict[str, Any]]]]  # (table name, rows) in insert order


def table(name: str) -> Table:
    return Base.metadata.tables[name]


def capture(db: OrmSession, tables_and_filters: list[tuple[str, Any]]) -> RowSet:
    """Read rows of each (table, where-clause) pair, keeping the given (parent-first) order."""
    out: RowSet = []
    for name, where in tables_and_filters:
        t = table(name)
        rows = [dict(r._mapping) for r in db.execute(select(t).where(where(t)))]
        out.append((name, rows))
    return out


def restore(db: OrmSession, rows: RowSet) -> None:
    for name, batch in rows:
        if batch:
            db.execute(insert(table(name)), batch)
    db.flush()


def lock_session(db: OrmSession, session_id: int) -> None:
    """Hold the session's row until commit, so two writers reordering or appending to its lists
    (agenda, notes) take turns: SELECT ... FOR UPDATE on PostgreSQL. SQLite ignores FOR UPDATE;
    there the writer holds the whole file from BEGIN IMMEDIATE (workshop.store.engine).
    """
    sessions = table("sessions")
    db.execute(select(sessions.c.id).where(sessions.c.id == session_id).with_for_update())
