"""Opening libraries: settings, migrations with backup, bad files."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import text

from workshop.store import migrate
from workshop.store.library import Library, LibraryError
from workshop.store.schema_version import HEAD


@pytest.mark.sqlite_only(reason="SQLite pragmas (WAL, synchronous)")
def test_new_library_is_migrated_with_document_settings(tmp_path):
    lib = Library.open(f"sqlite:///{tmp_path / 'new.sqlite'}")
    try:
        with lib.engine.connect() as conn:
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert migrate.current_revision(lib.engine) == HEAD
        assert lib.last_backup is None  # nothing to back up in a new file
    finally:
        lib.close()


@pytest.mark.sqlite_only(reason="the backup copies the SQLite file")
def test_existing_file_is_backed_up_before_migration(tmp_path):
    """A library of an older schema (here 0001_initial) is copied before it is migrated.
    (A database with only other tables is not ours and is refused: test_unhappy_start.)"""
    from alembic import command

    from workshop.store.engine import make_engine

    path = tmp_path / "old.sqlite"
    engine = make_engine(f"sqlite:///{path}")
    command.upgrade(migrate.alembic_config(engine), "0001_initial")
    engine.dispose()
    con = sqlite3.connect(path)
    con.execute("INSERT INTO drafts VALUES ('k', 'do not lose me', '2026-01-01')")
    con.commit()
    con.close()
    lib = Library.open(f"sqlite:///{path}")
    try:
        assert lib.last_backup is not None and lib.last_backup.exists()
        backup = sqlite3.connect(lib.last_backup)
        assert backup.execute("SELECT text FROM drafts").fetchone() == ("do not lose me",)
        backup.close()
        assert migrate.current_revision(lib.engine) == HEAD
    finally:
        lib.close()


def test_reopening_a_current_library_needs_no_migration(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'lib.sqlite'}"
    Library.open(url).close()
    monkeypatch.setattr(migrate, "upgrade", lambda engine: pytest.fail("migrated again"))
    Library.open(url).close()


@pytest.mark.sqlite_only(reason="file bytes")
def test_a_file_that_is_not_a_library_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "notes.sqlite"
    original = b"this is a shopping list, not a database\n" * 20
    path.write_bytes(original)
    with pytest.raises(LibraryError) as err:
        Library.open(f"sqlite:///{path}")
    assert "notes.sqlite" in str(err.value)
    assert path.read_bytes() == original


@pytest.mark.sqlite_only(reason="file bytes")
def test_truncated_sqlite_file_gives_a_clear_error(tmp_path):
    good = tmp_path / "good.sqlite"
    Library.open(f"sqlite:///{good}").close()
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(good.read_bytes()[:200] + b"\x00garbage" * 50)
    with pytest.raises(LibraryError):
        lib = Library.open(f"sqlite:///{broken}")
        with lib.read() as db:
            db.execute(text("SELECT count(*) FROM sessions")).scalar()


def test_unit_of_work_rolls_back_on_error(library):
    from workshop.model import WorkSession

    with pytest.raises(RuntimeError), library.unit_of_work() as db:
        db.add(WorkSession(title="half"))
        db.flush()
        raise RuntimeError("boom")
    with library.read() as db:
        assert db.query(WorkSession).count() == 0
