"""The Terugkoppeling page's four reads (the session's items, the queue, the notes and the
photos of the chosen target), each a `Reloader`, and which change asks for which read."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from ui.kit.reload import Reloader
from workshop.changes import Entity
from workshop.commands import Changes

Load = Callable[[], Awaitable[None]]


class CaptureReloads:
    def __init__(
        self,
        loads: tuple[Load, Load, Load, Load],
        failed: Callable[[str], None],
        alive: Callable[[], bool],
    ) -> None:
        info, queue, notes, photos = (Reloader(load, failed, alive) for load in loads)
        self.info, self.queue, self.notes, self.photos = info, queue, notes, photos
        self.all = (info, queue, notes, photos)

    def on_changed(self, changes: Changes, sid: int, actions_changed: Callable[[], None]) -> None:
        """Ask for the reads `changes` touch (and tell the actions overview)."""
        if changes.touches(Entity.NOTE, sid):
            self.notes.request()
            actions_changed()
            self.queue.request()  # note counts
            self.info.request()  # counts and themes
        if changes.touches_any((Entity.GROUP, Entity.MEMBERSHIP, Entity.QUEUE_ENTRY), sid):
            self.queue.request()
            actions_changed()
        if changes.touches(Entity.ATTACHMENT, sid):
            self.photos.request()
        if changes.touches_any((Entity.AGENDA_ITEM, Entity.SESSION, Entity.PARTICIPANT), sid):
            self.info.request()
            self.queue.request()
