"""Backups of the library (`workshop backup`, the *Reservekopie maken…* menu item).

Copying only ``library.sqlite`` is not a backup: in WAL mode the latest changes can still
be in ``library.sqlite-wal``. SQLite's online backup API copies a consistent snapshot of
both, while Workshop keeps running. The copy is one self-contained file (journal mode
DELETE), written next to its final name and renamed into place once checked.
PostgreSQL libraries are backed up with ``pg_dump``.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import make_url

from workshop.errors import CommandError
from workshop.i18n import _
from workshop.store.engine import is_sqlite

BACKUP_FOLDER = "backups"


def default_target(db_path: Path, now: datetime | None = None) -> Path:
    """`backups/library-20261204-1730.sqlite` next to the library."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    return db_path.parent / BACKUP_FOLDER / f"{db_path.stem}-{stamp}{db_path.suffix or '.sqlite'}"


def library_file(url: str) -> Path:
    """The SQLite file of a library URL; CommandError for PostgreSQL and in-memory ones."""
    if not is_sqlite(url):
        raise CommandError(
            _(
                "This library is a PostgreSQL database: back it up with pg_dump "
                "(for example: pg_dump --format=custom --file=workshop.dump DATABASE)."
            )
        )
    database = make_url(url).database
    if not database or database == ":memory:":
        raise CommandError(_("An in-memory library cannot be backed up."))
    return Path(database)


def backup_file(db_path: Path, target: Path | None = None) -> Path:
    """Copy the SQLite library `db_path` (WAL included) to `target`; returns where it went."""
    target = Path(target) if target is not None else default_target(db_path)
    if target.resolve() == db_path.resolve():
        raise CommandError(_("The backup cannot replace the library itself."))
    if target.is_dir():
        target = target / default_target(db_path).name
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(f".{target.name}.part")
    part.unlink(missing_ok=True)
    try:
        src = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(part)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
                ok = dst.execute("PRAGMA quick_check").fetchone()[0]
            finally:
                dst.close()
        finally:
            src.close()
        if ok != "ok":
            raise CommandError(_("The backup could not be checked: {error}").format(error=ok))
        with open(part, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(part, target)
    finally:
        part.unlink(missing_ok=True)
        for extra in ("-journal", "-wal", "-shm"):
            Path(f"{part}{extra}").unlink(missing_ok=True)
    return target


def backup_library(library, target: Path | None = None) -> Path:
    """Back up an open `Library` (for `DbService.call`: runs on the worker thread)."""
    return backup_file(library_file(library.url), target)
