"""The library: one database holding all sessions, and the unit of work per user action."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, exc
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from workshop.i18n import _
from workshop.store import migrate
from workshop.store.engine import READ_ONLY, is_sqlite, make_engine

log = logging.getLogger(__name__)


class LibraryError(Exception):
    """A library that cannot be opened; the message is for the user."""


class Library:
    """An opened, migrated library database."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._readers = sessionmaker(
            engine.execution_options(**{READ_ONLY: True}), expire_on_commit=False
        )
        self.last_backup: Path | None = None

    @classmethod
    def open(cls, url: str) -> Library:
        """Open (and create or migrate) the library at `url`."""
        sqlite_path = _sqlite_file(url)
        if sqlite_path is not None:
            sqlite_path.parent.mkdir(parents=True, exist_ok=True)
            _check_sqlite_file(sqlite_path)
            _check_writable_folder(sqlite_path)
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
        except LibraryError:
            engine.dispose()
            raise
        except exc.DatabaseError as err:
            engine.dispose()
            raise LibraryError(
                _("The library {path} cannot be read: {error}").format(
                    path=sqlite_path or url, error=str(err.orig or err).splitlines()[0]
                )
            ) from err
        return lib

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """One ORM session per user action: committed when the block ends, rolled back on error."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def read(self) -> Session:
        """A session for reading (use as a context manager); on SQLite it takes no write lock."""
        return self._readers()

    def close(self) -> None:
        self.engine.dispose()


def _sqlite_file(url: str) -> Path | None:
    if not is_sqlite(url):
        return None
    database = make_url(url).database
    if not database or database == ":memory:":
        return None
    return Path(database)


def _check_sqlite_file(path: Path) -> None:
    """Refuse files that are not SQLite databases with a clear message (and never touch them)."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as fh:
        header = fh.read(16)
    if header != b"SQLite format 3\x00":
        raise LibraryError(
            _(
                "{path} is not a Workshop library (it is not a SQLite database). "
                "The file was left untouched."
            ).format(path=path)
        )


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
