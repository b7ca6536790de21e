"""A timer that fires just after each second boundary of a countdown, not every 1000 ms.

The interval is recomputed after every tick from the core's `seconds_to_next_change`, so
a late tick (a busy UI thread) never shifts the next one: the display catches up on the
next boundary instead of drifting. Values always come from the core reading; the ticker
only says *when* to look.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal

#: Land a little after the boundary, so the reading is already on the new second.
MARGIN_MS = 3
#: While nothing counts down, still look once a second (the clock, "where do we stand").
IDLE_MS = 1000


class SecondAlignedTicker(QObject):
    tick = Signal()

    def __init__(
        self, next_change_in: Callable[[], float | None], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._next_change_in = next_change_in
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._fire)

    def start(self) -> None:
        self._schedule()

    def stop(self) -> None:
        self._timer.stop()

    def is_active(self) -> bool:
        return self._timer.isActive()

    def reschedule(self) -> None:
        """After a state change (start, +1 minute): aim at the new boundary."""
        if self._timer.isActive():
            self._schedule()

    def _schedule(self) -> None:
        seconds = self._next_change_in()
        interval = IDLE_MS if seconds is None else math.ceil(seconds * 1000) + MARGIN_MS
        self._timer.start(max(1, interval))

    def _fire(self) -> None:
        self._schedule()  # first, so a slow slot does not delay the next boundary
        self.tick.emit()
