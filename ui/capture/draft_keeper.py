"""The note line's draft: half-typed text kept on this machine, so a crash loses nothing.

A draft is written a moment after the last keystroke, on the DB worker after any note
stored before it; it follows the line when the line points at another group or item, and
comes back when the line returns there empty.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLineEdit

from ui.services.db import DbService
from workshop.capture.drafts import load_draft, save_draft

log = logging.getLogger(__name__)

DRAFT_PAUSE_MS = 300  # a draft is written this long after the last keystroke


class DraftKeeper(QObject):
    """Keeps the draft of one input line under the key of what the line points at."""

    def __init__(
        self,
        db: DbService,
        line: QLineEdit,
        enabled: Callable[[], bool],
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._line = line
        self._enabled = enabled  # the benchmark's baseline stores nothing
        self.key: str | None = None
        self._dirty = False
        self._stored: set[str] = set()  # keys with a non-empty draft in the library
        self._timer = QTimer(self, singleShot=True, interval=DRAFT_PAUSE_MS)
        self._timer.timeout.connect(self.flush)

    def typed(self) -> None:
        self._dirty = True
        self._timer.start()

    def move_to(self, key: str) -> None:
        """The line points elsewhere: half-typed text moves along with it."""
        old, self.key = self.key, key
        if old is not None and old != key and self._line.text().strip():
            self._write(old, "")
            self._dirty = True
            self.flush()

    def flush(self) -> None:
        """Write a pending draft now."""
        self._timer.stop()
        if not self._dirty or self.key is None or not self._enabled():
            self._dirty = False
            return
        self._dirty = False
        self._write(self.key, self._line.text())

    def note_stored(self) -> None:
        """The line was stored as a note and cleared: its draft goes."""
        self._timer.stop()
        self._dirty = False
        if self._enabled() and self.key is not None:
            self._write(self.key, "")

    async def restore(self, key: str) -> bool:
        """Put the draft stored under `key` back in the empty line; True if it did."""
        text = await self._db.call(load_draft, key)
        if text:
            self._stored.add(key)
        if text and key == self.key and not self._line.text():
            self._line.setText(text)
            return True
        return False

    def _write(self, key: str, text: str) -> None:
        """Queue the draft write on the DB worker (after any note stored before it).

        Clearing a draft that was never written is skipped: every write is an fsync'ed
        commit, and after each Enter it would double the disk work of storing notes."""
        if not text.strip():
            if key not in self._stored:
                return
            self._stored.discard(key)
        else:
            self._stored.add(key)
        future = self._db.submit(save_draft, key, text)
        future.add_done_callback(
            lambda f: f.exception() and log.warning("draft not saved: %s", f.exception())
        )
