"""The Terugkoppeling page follows the agenda item running on Live: notes typed after Live
moved on go to the new item; an item picked by hand holds until Live moves again."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from ui.widgets.alive import alive
from workshop.timing.engine import RunStatus

if TYPE_CHECKING:
    from ui.live.service import LiveService


class LiveFollower(QObject):
    """Calls `choose(item_id)` when Live starts another item (not on a step or a pause)."""

    def __init__(
        self,
        live: LiveService | None,
        choose: Callable[[int], None],
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self._live = live
        self._choose = choose
        self._last: int | None = None
        if live is not None:
            live.state_changed.connect(self._changed)

    def running_item_id(self) -> int | None:
        """The agenda item running on Live (None before the session started)."""
        engine = getattr(self._live, "engine", None)
        if engine is None or engine.status is RunStatus.IDLE or engine.current is None:
            return None
        return engine.current.id

    def start(self, known: set[int]) -> int | None:
        """The running item to open the page on, if it is one of `known`."""
        self._last = self.running_item_id()
        return self._last if self._last in known else None

    def _changed(self) -> None:
        if not alive(self):
            return
        running = self.running_item_id()
        if running == self._last:
            return
        self._last = running
        if running is not None:
            self._choose(running)
