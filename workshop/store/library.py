"""The library: one database holding all sessions, and the unit of work per user action."""

from __future__ import annotations

import logging
import os
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, exc
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from workshop.changes import ChangeBus
from workshop.errors import disk_full_message, is_disk_full
from workshop.i18n import _
from workshop.store import migrate, ownership
from workshop.store.engine import is_sqlite, make_engine

log = logging.getLogger(__name__)


class LibraryError(Exception):
    """A library that cannot be opened; the message is for the user."""


class Library:
    """An opened, migrated library database."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._sqlite = is_sqlite(url)
        self.last_backup: Path | None = None
        #: every stored change is published here after its commit (workshop/changes.py)
        self.changes = ChangeBus()
        #: names this handle's rows in the change log, so its own live feed skips them
        self.writer = uuid.uuid4().hex

    @classmethod
    def open(cls, url: str, *, created_now: bool = False) -> Library:
        """Open (and create or migrate) the library at `url`.

        Nothing is written to a file that is not ours: another application's database, an
        empty (zero-byte) file the caller did not just create (`created_now`), a file that is
        not SQLite at all, a library of a newer Workshop — all are refused before the engine
        (which switches on WAL) ever connects.
        """
        try:
            make_url(url).get_dialect()
        except (exc.ArgumentError, exc.NoSuchModuleError) as err:
            raise LibraryError(
                _(
                    "“{url}” is not a library address Workshop can open "
                    "(use a file path or sqlite:///path/to/library.sqlite)"
                ).format(url=url)
            ) from err
        return cls._open(url, created_now)

    @classmethod
    def _open(cls, url: str, created_now: bool) -> Library:
        sqlite_path = _sqlite_file(url)
        if sqlite_path is not None:
            sqlite_path.parent.mkdir(parents=True, exist_ok=True)
            _check_sqlite_file(sqlite_path, created_now)
            _check_writable_folder(sqlite_path)
            if sqlite_path.exists() and sqlite_path.stat().st_size:
                _check_owner(sqlite_path)
        engine = make_engine(url)
        lib = cls(engine, url)
        try:
            if migrate.needs_upgrade(engine):
                _refuse_future_schema(engine, sqlite_path or url)
                if (
                    sqlite_path is not None
                    and sqlite_path.exists()
                    and migrate.has_user_tables(engine)
                ):
                    lib.last_backup = migrate.backup_sqlite(sqlite_path, "before-migration")
                    log.info("backup before migration: %s", lib.last_backup)
                migrate.upgrade(engine)
            elif sqlite_path is not None:
                ownership.mark_sqlite(engine)  # adopt a library made before the mark existed
        except LibraryError:
            engine.dispose()
            raise
        except exc.DatabaseError as err:
            engine.dispose()
            if is_disk_full(err):
                raise LibraryError(disk_full_message()) from err
            raise LibraryError(
                _("The library {path} cannot be read: {error}").format(
                    path=sqlite_path or url, error=str(err.orig or err).splitlines()[0]
                )
            ) from err
        return lib

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """One ORM session per user action: committed when the block ends, rolled back on error.

        On SQLite the block runs under the write lock from its first statement (BEGIN
        IMMEDIATE). The driver would otherwise run the block's reads outside any transaction
        and start one only at the first write: two processes importing an agenda at once
        then both number their items from the same stale list (issue 12).
        """
        session = self._sessions()
        if self._sqlite:
            session.connection().exec_driver_sql("BEGIN IMMEDIATE")
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def read(self) -> Session:
        """A session for reading (use as a context manager)."""
        return self._sessions()

    def close(self) -> None:
        self.engine.dispose()


def _sqlite_file(url: str) -> Path | None:
    if not is_sqlite(url):
        return None
    database = make_url(url).database
    if not database or database == ":memory:":
        return None
    return Path(database)


def _check_sqlite_file(path: Path, created_now: bool = False) -> None:
    """Refuse files that are not SQLite databases with a clear message (and never touch them)."""
    if not path.exists():
        return
    if path.stat().st_size == 0:
        if created_now:
            return
        raise LibraryError(
            _(
                "{path} is empty or damaged (0 bytes): it is not a Workshop library. "
                "The file was left untouched; open another library or restore a backup."
            ).format(path=path)
        )
    with path.open("rb") as fh:
        header = fh.read(16)
    if header != b"SQLite format 3\x00":
        raise LibraryError(
            _(
                "{path} is not a Workshop library (it is not a SQLite database). "
                "The file was left untouched."
            ).format(path=path)
        )


def _check_owner(path: Path) -> None:
    """Refuse another application's database, read-only, before anything is written."""
    try:
        problem = ownership.sqlite_owner_problem(path)
    except sqlite3.DatabaseError as err:
        raise LibraryError(
            _("The library {path} cannot be read: {error}").format(
                path=path, error=str(err).splitlines()[0]
            )
        ) from err
    if problem:
        raise LibraryError(problem)


def _check_writable_folder(path: Path) -> None:
    """Every edit is stored at once (with a journal next to the file): the folder must be writable."""
    if not os.access(path.parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise LibraryError(
            _(
                "The library {path} is in a folder that is read-only. Workshop stores every "
                "edit at once and must be able to write there: copy the file to a folder you "
                "can write to (for example your Documents) and open that copy."
            ).format(path=path)
        )


def _refuse_future_schema(engine: Engine, where: object) -> None:
    """A library written by a newer Workshop: refuse it rather than guess (nothing is changed)."""
    revision = migrate.current_revision(engine)
    if revision is not None and not migrate.is_known_revision(engine, revision):
        raise LibraryError(
            _(
                "The library {path} was made by a newer version of Workshop (schema {revision}). "
                "Update Workshop to open it; the file was left untouched."
            ).format(path=where, revision=revision)
        )
