"""Which SQLite files are Workshop libraries, and the mark that says so.

A library carries ``PRAGMA application_id = APPLICATION_ID`` (a fixed number, "WkSh" in
ASCII) and ``PRAGMA user_version`` = the number of its schema revision. Before the engine
connects (and switches the file to WAL) `sqlite_owner_problem` looks at the file read-only:

* our application id → ours;
* no application id, but our tables (``alembic_version`` and ``sessions``) → a library made
  before the mark existed: adopted, and marked on open;
* no tables at all → an empty database, becomes a library;
* anything else (another id, other tables) → not ours, refused; nothing is written.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Connection, Engine

from workshop.i18n import _
from workshop.store.schema_version import HEAD

APPLICATION_ID = 0x576B5368  # "WkSh"
OUR_TABLES = {"alembic_version", "sessions"}


def schema_number(revision: str = HEAD) -> int:
    """`0003_hard_edges` → 3: the schema version kept in ``PRAGMA user_version``."""
    digits = revision.split("_", 1)[0]
    return int(digits) if digits.isdigit() else 0


def sqlite_owner_problem(path: Path) -> str | None:
    """None when `path` (a non-empty SQLite file) may be opened as a library; else why not.

    Raises sqlite3.DatabaseError when the file cannot be read at all.
    """
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        app_id = con.execute("PRAGMA application_id").fetchone()[0]
        tables = {
            row[0]
            for row in con.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        }
    finally:
        con.close()
    if app_id == APPLICATION_ID:
        return None
    if app_id == 0 and (not tables or tables >= OUR_TABLES):
        return None
    return _(
        "{path} is not a Workshop library (it is a database of another application). "
        "The file was left untouched."
    ).format(path=path)


def mark(connection: Connection) -> None:
    """Write the mark (application id and schema number) on a SQLite connection."""
    connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    connection.exec_driver_sql(f"PRAGMA user_version = {schema_number()}")


def mark_sqlite(engine: Engine) -> None:
    """Mark an opened SQLite library when it is not marked yet (one small write, once)."""
    with engine.connect() as conn:
        app_id = conn.exec_driver_sql("PRAGMA application_id").scalar()
        version = conn.exec_driver_sql("PRAGMA user_version").scalar()
        if app_id != APPLICATION_ID or version != schema_number():
            mark(conn)
            conn.commit()
