"""Engine creation with SQLite settings fit for a user's document.

Why these SQLite settings:

* ``foreign_keys=ON`` — SQLite ignores foreign keys unless told; without it deleting a
  session would leave orphaned notes.
* ``journal_mode=WAL`` — readers never block the writer, and a crash mid-write leaves the
  main file intact; the write-ahead log is replayed on the next open.
* ``synchronous=FULL`` — every commit is fsynced before it returns, so an edit that the UI
  reported as stored survives a power cut or ``kill -9``, not only a clean exit. Commits are
  small (one user action each), so the cost is a few milliseconds off the UI thread.
* ``fullfsync=ON`` — on macOS plain fsync() only hands the data to the drive, whose cache
  can still lose it on a power cut; SQLite then uses F_FULLFSYNC, which flushes the drive.
  Other systems ignore the pragma (see docs/packaging.md).
* ``secure_delete=ON`` — deleted rows are overwritten with zeros instead of left in free
  pages. Removing a participant (AVG: the right to be forgotten) must erase their name and
  e-mail from the file; SQLite's own default keeps the bytes, and distributions differ.
* ``busy_timeout`` — the worker thread and a CLI run against the same file wait for each
  other instead of failing with "database is locked". 30 s: three parallel imports of a
  3,000-person list on a loaded laptop queue for several seconds each (issue 12); the wait
  is always off the UI thread.

The pragmas are set on the raw DB-API connection *before* SQLAlchemy starts managing
transactions (``journal_mode`` cannot change inside a transaction; on Python 3.12+ the
driver's autocommit attribute must not have opened one yet).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

SQLITE_PRAGMAS = (
    "PRAGMA foreign_keys=ON",
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA fullfsync=ON",  # macOS: F_FULLFSYNC for durability; a no-op elsewhere
    "PRAGMA busy_timeout=30000",
    "PRAGMA secure_delete=ON",  # a removed person's bytes are zeroed, not left in free pages
)


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    previous = dbapi_connection.isolation_level
    dbapi_connection.isolation_level = None  # autocommit while the pragmas run
    cursor = dbapi_connection.cursor()
    try:
        for pragma in SQLITE_PRAGMAS:
            cursor.execute(pragma)
    finally:
        cursor.close()
        dbapi_connection.isolation_level = previous


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def make_engine(url: str) -> Engine:
    """An engine for any SQLAlchemy URL; SQLite gets the document settings above."""
    if is_sqlite(url):
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _on_sqlite_connect)
        return engine
    from workshop.store.team_address import password_for

    password = password_for(url)  # kept in the system keyring by the Bibliotheek dialog
    args = {"password": password} if password else {}
    engine = create_engine(url, pool_pre_ping=True, connect_args=args)
    from workshop.model.people import add_dialect_options  # this dialect's index options

    add_dialect_options(engine.dialect.name)
    return engine
