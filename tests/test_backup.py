"""Backups (issue 12): the WAL's changes are in the copy; CLI, PostgreSQL hint, menu item."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from workshop.cli import main
from workshop.commands import CommandRunner
from workshop.demo import ensure_demo
from workshop.errors import CommandError
from workshop.people.commands import AddParticipant
from workshop.store.backup import backup_file, backup_library, library_file


def _names(path) -> set[str]:
    con = sqlite3.connect(path)
    try:
        return {r[0] for r in con.execute("SELECT name FROM participants")}
    except sqlite3.DatabaseError:
        return set()
    finally:
        con.close()


@pytest.mark.sqlite_only(reason="copies the SQLite file and its WAL")
def test_backup_holds_changes_that_are_still_in_the_wal(lib, tmp_path):
    sid = ensure_demo(lib)
    with lib.engine.connect() as conn:  # keep the WAL from being checkpointed away
        conn.exec_driver_sql("PRAGMA wal_autocheckpoint=0")
        CommandRunner(lib).do(AddParticipant(sid, name="Nieuwe Deelnemer"))
        db_path = library_file(lib.url)
        assert db_path.with_name(db_path.name + "-wal").stat().st_size > 0
        naive = tmp_path / "alleen-bestand.sqlite"
        shutil.copyfile(db_path, naive)  # what a user would do: copy the one file
        assert "Nieuwe Deelnemer" not in _names(naive)  # the fault: changes lost
        copy = backup_library(lib, tmp_path / "kopie.sqlite")
    assert "Nieuwe Deelnemer" in _names(copy)
    assert not list(tmp_path.glob(".*part*"))
    con = sqlite3.connect(copy)
    assert con.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    con.close()


@pytest.mark.sqlite_only(reason="copies the SQLite file")
def test_cli_backup_default_place_and_output(lib, tmp_path, capsys):
    ensure_demo(lib)
    assert main(["--db", lib.url, "backup"]) == 0
    out = capsys.readouterr().out
    made = list((tmp_path / "backups").glob("library-*.sqlite"))
    assert len(made) == 1 and str(made[0]) in out
    target = tmp_path / "elders" / "kopie.sqlite"
    assert main(["--db", lib.url, "backup", "-o", str(target)]) == 0
    assert _names(target) == _names(made[0]) != set()


def test_cli_backup_of_postgresql_says_pg_dump(capsys):
    assert main(["--db", "postgresql://u@localhost/workshop", "backup"]) == 1
    assert "pg_dump" in capsys.readouterr().err


@pytest.mark.sqlite_only(reason="the SQLite file itself")
def test_backup_refuses_to_overwrite_the_library(lib):
    path = library_file(lib.url)
    with pytest.raises(CommandError):
        backup_file(path, path)


def test_backup_menu_item_in_the_start_window(qtbot, arun, db_service, command_service, tmp_path):
    from ui.start_window import StartWindow

    window = StartWindow(db_service, command_service)
    qtbot.addWidget(window)
    window.show()
    action = window.backup_action
    assert action.text() == "Reservekopie maken…"
    arun(action.start())
    qtbot.waitUntil(lambda: action.message is not None and action.message.isVisible())
    assert action.last is not None and action.last.exists()
    assert str(action.last) in action.message.text()
    assert action.last.parent == tmp_path / "backups"
    window.grab().save(str(tmp_path / "start.png"))
    action.message.close()
