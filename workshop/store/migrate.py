"""Alembic migrations, run automatically when a library is opened (after a backup)."""

from __future__ import annotations

import sqlite3
import warnings
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, inspect, text

from workshop.store.schema_version import HEAD

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def has_user_tables(engine: Engine) -> bool:
    with engine.connect() as conn:
        return bool(inspect(conn).get_table_names())


def alembic_config(engine: Engine):
    from alembic.config import Config  # imported only when a migration is due

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))  # absolute: works frozen too
    cfg.attributes["engine"] = engine
    return cfg


def is_known_revision(engine: Engine, revision: str) -> bool:
    """Whether `revision` is one of our migration scripts (False: a newer Workshop made it)."""
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    scripts = ScriptDirectory.from_config(alembic_config(engine))
    try:
        return scripts.get_revision(revision) is not None
    except CommandError:
        return False


def upgrade(engine: Engine) -> None:
    """Migrate to the head in ONE transaction: a failure (e.g. a clashing table) leaves the
    file as it was. SQLite runs DDL in a transaction only when it is begun explicitly (the
    driver's own transaction handling starts one before INSERT/UPDATE only), so here the
    connection is switched to driver autocommit and BEGIN/COMMIT are issued by hand."""
    from alembic import command

    from workshop.store import ownership
    from workshop.store.engine import is_sqlite

    cfg = alembic_config(engine)
    # SQLite's reflection (batch mode) cannot read the expression index on participants'
    # e-mail and says so on stderr at every upgrade; the index itself is kept (tested).
    warnings.filterwarnings(
        "ignore", message="Skipped unsupported reflection of expression-based index"
    )
    if not is_sqlite(str(engine.url)):
        command.upgrade(cfg, "head")
        return
    with engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert raw is not None  # a live connection's sqlite3.Connection
        previous = raw.isolation_level
        conn.rollback()  # end SQLAlchemy's autobegun (empty) transaction
        raw.isolation_level = None
        # Batch mode copies a table and drops the old one; with foreign keys on, that DROP runs
        # the ON DELETE actions and empties every link to the table (notes lose their agenda
        # item). Off for the migration (outside the transaction, or SQLite ignores it), the
        # links checked before the commit, and on again after it.
        raw.execute("PRAGMA foreign_keys=OFF")
        try:
            raw.execute("BEGIN IMMEDIATE")
            try:
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
                broken = raw.execute("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise RuntimeError(f"migration left broken links: {broken[:5]}")
                ownership.mark(conn)
                raw.execute("COMMIT")
            except BaseException:
                if raw.in_transaction:
                    raw.execute("ROLLBACK")
                raise
        finally:
            raw.execute("PRAGMA foreign_keys=ON")
            raw.isolation_level = previous


def backup_sqlite(db_path: Path, reason: str) -> Path:
    """Copy a SQLite library with the online backup API (consistent even with a WAL)."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = db_path.with_name(f"{db_path.name}.backup-{reason}-{stamp}")
    copy_sqlite(db_path, target)
    return target


def copy_sqlite(db_path: Path, target: Path) -> None:
    """A consistent copy of a SQLite file at `target` (the online backup API)."""
    src = sqlite3.connect(str(db_path))
    try:
        dst = sqlite3.connect(str(target))
        try:
            dst.execute("PRAGMA fullfsync=ON")  # macOS: flush the drive's cache (F_FULLFSYNC)
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def needs_upgrade(engine: Engine) -> bool:
    return current_revision(engine) != HEAD
