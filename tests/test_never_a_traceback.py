"""Never a traceback (issue 12): the CLI prints one line, the app shows one message and runs on."""

from __future__ import annotations

import asyncio
import errno
import sqlite3
import sys

import pytest
from sqlalchemy.exc import OperationalError

from workshop.cli import main
from workshop.errors import is_disk_full, user_message
from workshop.store.library import Library

DISK_FULL = OperationalError("INSERT …", {}, sqlite3.OperationalError("database or disk is full"))


def test_disk_full_is_recognised_in_all_its_forms():
    assert is_disk_full(DISK_FULL)
    assert is_disk_full(OSError(errno.ENOSPC, "No space left on device"))
    wrapped = RuntimeError("x")
    wrapped.__cause__ = DISK_FULL
    assert is_disk_full(wrapped)
    assert not is_disk_full(ValueError("database is locked"))
    assert user_message(DISK_FULL).startswith("Schijf vol: er is niets verloren.")


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    monkeypatch.setenv("WORKSHOP_DATA_DIR", str(folder))
    monkeypatch.delenv("WORKSHOP_DEBUG", raising=False)
    return folder


def test_cli_unexpected_error_is_one_line_and_logged(tmp_path, data_dir, capsys, monkeypatch):
    import workshop.cli.sessions as sessions_cli

    def broken(_args):
        raise KeyError("kapot")

    url = f"sqlite:///{tmp_path / 'lib.sqlite'}"
    parser_args = ["--db", url, "sessions"]
    # the handler itself fails (it is looked up when main() builds the parser)
    from workshop.cli import build_parser

    args = build_parser().parse_args(parser_args)
    monkeypatch.setattr(sessions_cli, args.handler.__name__, broken)
    assert main(parser_args) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.splitlines()[0].startswith("workshop: Er ging iets mis")
    assert "KeyError" in (data_dir / "errors.log").read_text(encoding="utf-8")
    monkeypatch.setenv("WORKSHOP_DEBUG", "1")
    assert main(parser_args) == 1
    assert "Traceback" in capsys.readouterr().err


def test_cli_full_disk_is_one_message(tmp_path, data_dir, capsys, monkeypatch):
    from sqlalchemy.orm import Session

    url = f"sqlite:///{tmp_path / 'lib.sqlite'}"
    Library.open(url).close()

    def full(self):
        raise DISK_FULL

    monkeypatch.setattr(Session, "commit", full)
    args = ["--db", url, "new", "--title", "T", "--date", "2026-12-04"]
    code = main(args + ["--start", "15:00"])
    err = capsys.readouterr().err
    assert code == 1
    assert (
        err.strip()
        == "workshop: Schijf vol: er is niets verloren. Maak ruimte en probeer het opnieuw."
    )


def test_cli_huge_csv_cell_is_one_line(tmp_path, data_dir, capsys):
    url = f"sqlite:///{tmp_path / 'lib.sqlite'}"
    people = tmp_path / "groot.csv"
    people.write_text('Naam;Notitie\nA;"' + "x" * 140_000 + '"\n', encoding="utf-8")
    code = main(["--db", url, "groups", "--people", str(people), "--groups", "2"])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err and "groot.csv" in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.qt_no_exception_capture
def test_app_exception_in_a_slot_shows_a_message_and_runs_on(qtbot, qloop, data_dir, arun):
    from PySide6.QtCore import QTimer

    from ui import error_handler

    old_hook = sys.excepthook
    error_handler.install(qloop)
    try:

        def slot():
            raise ValueError("field larger than field limit (131072)")

        QTimer.singleShot(0, slot)
        qtbot.waitUntil(lambda: error_handler.current_box() is not None, timeout=5000)
        box = error_handler.current_box()
        assert "Er ging iets mis" in box.text() and "blijft werken" in box.text()
        assert "ValueError" in (data_dir / "errors.log").read_text(encoding="utf-8")
        box.close()
        qtbot.waitUntil(lambda: error_handler.current_box() is None)

        def callback():
            raise DISK_FULL

        qloop.call_soon(callback)
        arun(asyncio.sleep(0.05))
        qtbot.waitUntil(lambda: error_handler.current_box() is not None, timeout=5000)
        assert error_handler.current_box().text().startswith("Schijf vol")
        error_handler.current_box().close()
        arun(asyncio.sleep(0.01))  # the loop still runs
    finally:
        sys.excepthook = old_hook
        qloop.set_exception_handler(None)


def test_command_failing_on_a_full_disk_is_undone(qtbot, command_service, arun, lib):
    from workshop.commands import Changes, Command

    class Fills(Command):
        label = "Notitie toevoegen"

        def do(self, db):
            raise DISK_FULL

        def undo(self, db):
            return Changes()

    messages: list[str] = []
    command_service.failed.connect(messages.append)
    command_service.push(Fills())
    arun(command_service.wait_idle())
    qtbot.waitUntil(lambda: bool(messages))
    assert messages[0].startswith("Schijf vol: er is niets verloren.")
    assert "ongedaan gemaakt" in messages[0]
    assert command_service.stack.index() == 0 and not command_service.stack.canUndo()


def test_a_locked_library_is_one_clear_line():
    locked = OperationalError("UPDATE …", {}, sqlite3.OperationalError("database is locked"))
    assert user_message(locked).startswith("De bibliotheek is bezet")


def test_opening_a_library_on_a_full_disk_says_so(tmp_path, monkeypatch):
    from workshop.store import migrate
    from workshop.store.library import LibraryError

    def full(_engine):
        raise DISK_FULL

    monkeypatch.setattr(migrate, "upgrade", full)
    with pytest.raises(LibraryError, match="^Schijf vol"):
        Library.open(f"sqlite:///{tmp_path / 'nieuw.sqlite'}")
