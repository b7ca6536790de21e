"""The per-session capture service: who has the floor and their speaking countdown.

Built in `ui.session_services.build_session_services` and exposed as `SessionServices.capture`, so the
projector can show the same countdown the capture page drives.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from workshop.capture.queue import Target
from workshop.capture.speaking import Speaker, SpeakingTimer
from workshop.clock import Clock
from workshop.timing.reading import TimerReading

TICK_MS = 200


class CaptureService(QObject):
    """Wraps the Qt-free `SpeakingTimer` with signals for the views."""

    #: the speaker changed (a capture.queue.Target or None), or the queue was replaced
    speaker_changed = Signal(object)
    #: a new reading is due (about five times a second while someone has the floor)
    tick = Signal(object)  # TimerReading | None

    def __init__(self, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = SpeakingTimer(clock)
        self.item_id: int | None = None
        self._ticker = QTimer(self, interval=TICK_MS)
        self._ticker.timeout.connect(self._emit_tick)

    # -- queue ------------------------------------------------------------------------
    def set_queue(self, item_id: int, queue: list[Speaker]) -> None:
        before = self.current_key
        if item_id != self.item_id:
            self.timer.stop()  # another agenda item: nobody of the old queue has the floor
            self.item_id = item_id
        self.timer.set_queue(queue)
        if self.current_key != before:
            self._changed()

    @property
    def current_key(self) -> Target | None:
        current = self.timer.current
        return current.key if current else None

    def reading(self) -> TimerReading | None:
        return self.timer.reading()

    # -- control ----------------------------------------------------------------------
    def next(self) -> Speaker | None:
        speaker = self.timer.next()
        self._changed()
        return speaker

    def previous(self) -> Speaker | None:
        speaker = self.timer.previous()
        self._changed()
        return speaker

    def start(self, key: Target) -> Speaker:
        speaker = self.timer.start(key)
        self._changed()
        return speaker

    def toggle_pause(self) -> None:
        self.timer.toggle_pause()
        self._emit_tick()

    def extend(self, seconds: float) -> None:
        self.timer.extend(seconds)
        self._emit_tick()

    def stop(self) -> None:
        self.timer.stop()
        self._changed()

    def close(self) -> None:
        self._ticker.stop()

    def _changed(self) -> None:
        if self.timer.current is None:
            self._ticker.stop()
        elif not self._ticker.isActive():
            self._ticker.start()
        self.speaker_changed.emit(self.current_key)
        self._emit_tick()

    def _emit_tick(self) -> None:
        self.tick.emit(self.timer.reading())
