"""Core commands on Qt's undo stack; each step runs on the DB worker and announces what changed."""

from __future__ import annotations

import asyncio
import logging
import zlib
from concurrent.futures import Future

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ui.kit.ops import watch
from ui.services.change_feed import ChangeFeed
from ui.services.db import DbService
from workshop.commands import Changes, Command, CommandError, CommandRunner
from workshop.errors import disk_full_message, is_disk_full
from workshop.i18n import _

log = logging.getLogger(__name__)


class _QtCommand(QUndoCommand):
    def __init__(self, service: CommandService, core: Command) -> None:
        super().__init__(core.label)
        self.service = service
        self.core = core
        self.failed = False

    def redo(self) -> None:
        self.failed = False
        self.service._schedule(self, "do")

    def undo(self) -> None:
        if self.failed:
            return
        self.service._schedule(self, "undo")

    def id(self) -> int:  # noqa: A003 - Qt API
        key = self.core.merge_key()
        if key is None:
            return -1
        return zlib.crc32(repr(key).encode()) & 0x7FFFFFFF

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt API
        if not isinstance(other, _QtCommand) or other.failed or self.failed:
            return False
        if other.core.merge_key() != self.core.merge_key():
            return False
        if self.core.merge(other.core):
            self.setText(self.core.label)
            return True
        return False


class CommandService(QObject):
    """Owns the QUndoStack. `push` stores at once; nothing waits on the UI thread."""

    changed = Signal(object)  # Changes: this window's steps, then other writers' (origin)
    failed = Signal(str)
    busy_changed = Signal(bool)  # True while steps are waiting to be stored
    about_to_undo = Signal()  # pages flush pending typing before an undo/redo

    def __init__(self, db: DbService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.runner = CommandRunner(db.library)
        #: other writers' changes (another window, laptop or phone) reach views like our own
        self.feed = ChangeFeed(db.library, self)
        self.feed.received.connect(self.changed.emit)
        self.stack = QUndoStack(self)
        self._pending: set[asyncio.Future] = set()
        watch(self, "commands")

    def push(self, command: Command) -> None:
        self.stack.push(_QtCommand(self, command))

    async def push_and_wait(self, command: Command) -> Changes:
        qc = _QtCommand(self, command)
        self.stack.push(qc)
        await self.wait_idle()
        if qc.failed:
            raise CommandError(_("The change could not be stored"))
        return qc.last_changes  # type: ignore[attr-defined]

    def undo(self) -> None:
        self.about_to_undo.emit()
        self.stack.undo()

    def redo(self) -> None:
        self.about_to_undo.emit()
        self.stack.redo()

    async def wait_idle(self) -> None:
        while self._pending:
            await asyncio.gather(*list(self._pending), return_exceptions=True)

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def _schedule(self, qc: _QtCommand, step: str) -> None:
        fn = self.runner.do if step == "do" else self.runner.undo
        concurrent: Future = self.db.executor.submit(fn, qc.core)
        fut = asyncio.wrap_future(concurrent, loop=asyncio.get_event_loop())
        was_idle = not self._pending
        self._pending.add(fut)
        if was_idle:
            self.busy_changed.emit(True)
        fut.add_done_callback(lambda f, qc=qc, step=step: self._landed(f, qc, step))

    def _drop_if_on_top(self, qc: _QtCommand) -> None:
        """Take a command that could not be stored off the stack, so Ctrl+Z skips nothing.

        An obsolete command is deleted by the stack's next undo; `undo()` of a failed
        command does nothing, so this only moves the stack past it.
        """
        index = self.stack.index()
        if index > 0 and self.stack.command(index - 1) is qc:
            self.stack.undo()

    def _landed(self, fut: asyncio.Future, qc: _QtCommand, step: str) -> None:
        self._pending.discard(fut)
        error = fut.exception()
        if error is None:
            qc.last_changes = fut.result()  # type: ignore[attr-defined]
            self.changed.emit(fut.result())
        else:
            log.warning("command %s failed: %s", step, error, exc_info=error)
            if is_disk_full(error):
                message = (
                    disk_full_message() + " " + _("“{change}” was undone.").format(change=qc.text())
                )
            elif isinstance(error, CommandError):
                message = str(error)
            else:
                message = _("The change could not be stored: {error}").format(error=error)
            if step == "do":
                qc.failed = True
                qc.setObsolete(True)
                self._drop_if_on_top(qc)
            self.failed.emit(message)
        if not self._pending:
            self.busy_changed.emit(False)
