"""Running commands against a library, and a Qt-free undo history."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm.exc import StaleDataError

from workshop.changes import Origin
from workshop.commands.base import Changes, Command
from workshop.errors import ConflictError
from workshop.i18n import _
from workshop.store import change_log
from workshop.store.library import Library

#: PostgreSQL SQLSTATEs of a transaction that lost a race: serialization failure, deadlock.
_RACE_STATES = {"40001", "40P01"}


class CommandRunner:
    """Runs each command step in its own unit of work (stored at once; nothing to save).

    A step that lost a race with another writer (a row's version moved on: SQLAlchemy's
    StaleDataError; a PostgreSQL serialization failure or deadlock) is rolled back and
    raised as ConflictError, so the user hears "gewijzigd door een ander" instead of the
    other's change being overwritten in silence.

    The step's changes are logged in its own transaction (workshop/store/change_log.py:
    other processes and laptops read them from there), and after the commit published on
    `library.changes`, so every listener in this process (the room server, a second
    window) hears of them.
    """

    def __init__(self, library: Library, origin: Origin = "local") -> None:
        self.library = library
        self.origin: Origin = origin  # "room" for the phones' server, so windows hear it

    def _published(self, changes: Changes) -> Changes:
        changes.origin = self.origin
        self.library.changes.publish(changes)
        return changes

    def do(self, command: Command) -> Changes:
        with _conflicts(), self.library.unit_of_work() as db:
            changes = command.do(db)
            change_log.record(db, self.library.writer, changes)
        return self._published(changes)

    def undo(self, command: Command) -> Changes:
        with _conflicts(), self.library.unit_of_work() as db:
            changes = command.undo(db)
            change_log.record(db, self.library.writer, changes)
        return self._published(changes)


@contextmanager
def _conflicts() -> Iterator[None]:
    try:
        yield
    except StaleDataError as err:
        raise ConflictError(
            _("Not stored: this was changed by someone else in the meantime")
        ) from err
    except DBAPIError as err:
        if getattr(err.orig, "sqlstate", None) in _RACE_STATES:
            raise ConflictError(
                _("Not stored: this was changed by someone else in the meantime")
            ) from err
        raise


class History:
    """A plain undo/redo stack for the CLI and for tests (the UI uses QUndoStack)."""

    def __init__(self, runner: CommandRunner) -> None:
        self.runner = runner
        self._done: list[Command] = []
        self._undone: list[Command] = []

    def push(self, command: Command) -> Changes:
        changes = self.runner.do(command)
        self._undone.clear()
        if self._done:
            top = self._done[-1]
            key = command.merge_key()
            if key is not None and key == top.merge_key() and top.merge(command):
                return changes
        self._done.append(command)
        return changes

    def undo(self) -> Changes:
        if not self._done:
            return Changes()
        command = self._done.pop()
        changes = self.runner.undo(command)
        self._undone.append(command)
        return changes

    def redo(self) -> Changes:
        if not self._undone:
            return Changes()
        command = self._undone.pop()
        changes = self.runner.do(command)
        self._done.append(command)
        return changes

    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)
