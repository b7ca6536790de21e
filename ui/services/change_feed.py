"""Changes stored by someone else, brought to the UI thread.

The library's `ChangeBus` (workshop/changes.py) hears every stored step: this window's own
commands, and — fed by pollers, the PostgreSQL listener or the room server — changes made
by another window, another laptop or a phone. `ChangeFeed` subscribes to it and re-emits,
on the UI thread, the changes that did not come from this window's own command runner
(those already arrive through `CommandService.changed` in order with the undo stack).
"""

from __future__ import annotations

import weakref

from PySide6.QtCore import QObject, Signal

from workshop.changes import Changes
from workshop.store.library import Library


class ChangeFeed(QObject):
    """Re-emits other writers' `Changes` from the library's bus on the UI thread."""

    received = Signal(object)  # Changes with origin != "local"
    _arrived = Signal(object)  # emitted from any thread; queued to this object's thread

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._arrived.connect(self._deliver)
        me = weakref.ref(self)

        def on_bus(changes: Changes) -> None:
            feed = me()
            if feed is not None and changes.origin != "local":
                feed._arrived.emit(changes)

        self._unsubscribe = library.changes.subscribe(on_bus)
        self.destroyed.connect(lambda *_: self._unsubscribe())

    def close(self) -> None:
        """Stop listening (the window is closing)."""
        self._unsubscribe()

    def _deliver(self, changes: Changes) -> None:
        self.received.emit(changes)
