"""The emptying disk: a Time-Timer-style countdown face drawn with QPainter.

The red sector starts full at twelve o'clock and shrinks clockwise towards twelve as time
runs out; mm:ss sits in the middle. Amber and red levels colour the sector, the ring and
the digits; in overrun the face is empty and the digits count up in red. The widget only
draws what it is given (`set_reading`): the value always comes from the core reading.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from workshop.i18n import _
from workshop.projector.timers import countdown_caption
from workshop.timing.reading import TimerLevel, TimerReading

SECTOR = {
    TimerLevel.NORMAL: QColor("#d7263d"),  # the Time Timer red
    TimerLevel.AMBER: QColor("#f29e02"),
    TimerLevel.RED: QColor("#b3001b"),
}
DIGITS = {
    TimerLevel.NORMAL: QColor("#1d1d1f"),
    TimerLevel.AMBER: QColor("#9a5b00"),
    TimerLevel.RED: QColor("#c1121f"),
}
FACE = QColor("#fbfbf8")
RIM = QColor("#d9d9d4")


class TimerDisk(QWidget):
    """Draws one `TimerReading`; `shown` is the text currently on screen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._reading: TimerReading | None = None
        self._note: str | None = None
        self.shown = ""
        self.caption = ""  # the word drawn with the digits ("nog", "uitloop")
        self.setMinimumSize(160, 160)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(_("Countdown"))

    def reading(self) -> TimerReading | None:
        return self._reading

    def set_reading(self, reading: TimerReading) -> None:
        old = self._reading
        self._reading = reading
        if (
            old is None
            or old.display != reading.display
            or old.level != reading.level
            or old.running != reading.running
            or abs(old.fraction_left - reading.fraction_left) > 0.0005
        ):
            self.setAccessibleDescription(reading.display)
            self.update()

    def set_note(self, note: str | None) -> None:
        """A line under the digits instead of the automatic one ("paused", "over time")."""
        if note != self._note:
            self._note = note
            self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        reading = self._reading
        side = min(self.width(), self.height()) - 8
        if side <= 0:
            return
        rect = QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)
        centre = rect.center()
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        level = reading.level if reading else TimerLevel.NORMAL
        running = reading.running if reading else False

        # face and rim
        ring = max(3.0, side * 0.025)
        ring_colour = RIM if level is TimerLevel.NORMAL else SECTOR[level]
        p.setPen(QPen(ring_colour, ring))
        p.setBrush(FACE)
        p.drawEllipse(rect.adjusted(ring / 2, ring / 2, -ring / 2, -ring / 2))

        # the sector that empties
        inner = rect.adjusted(ring * 2, ring * 2, -ring * 2, -ring * 2)
        fraction = reading.fraction_left if reading else 1.0
        if fraction > 0:
            colour = QColor(SECTOR[level])
            if not running:
                colour.setAlpha(150)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(colour)
            # Qt angles: 1/16 degree, 0 at three o'clock, positive counter-clockwise. The
            # sector starts at twelve and spans counter-clockwise, so its free edge moves
            # clockwise back to twelve as time runs out.
            p.drawPie(inner, 90 * 16, round(fraction * 360 * 16))

        # twelve tick marks
        p.setPen(QPen(QColor("#8a8a86"), max(1.0, side * 0.006)))
        radius = inner.width() / 2
        for i in range(12):
            p.save()
            p.translate(centre)
            p.rotate(i * 30)
            p.drawLine(QPointF(0, -radius), QPointF(0, -radius * (0.9 if i % 3 else 0.84)))
            p.restore()

        # the hub with the digits
        hub = side * 0.25
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(255, 255, 255, 235))
        p.drawEllipse(centre, hub, hub)
        text = reading.display if reading else "--:--"
        font = QFont(self.font())
        font.setBold(True)
        font.setPixelSize(max(10, int(side * (0.12 if len(text) <= 5 else 0.105))))
        p.setFont(font)
        p.setPen(DIGITS[level])
        box = QRectF(centre.x() - hub, centre.y() - hub * 0.4, hub * 2, hub * 0.8)
        p.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
        self.shown = text
        # the word above the digits: "nog 15:00" never reads as the clock time 15:00
        self.caption = countdown_caption(reading)
        if self.caption:
            word = QFont(self.font())
            word.setPixelSize(max(9, int(side * 0.04)))
            p.setFont(word)
            p.setPen(DIGITS[level] if reading.overrun else QColor("#55554f"))
            above = QRectF(centre.x() - hub, centre.y() - hub * 0.72, hub * 2, hub * 0.3)
            p.drawText(above, Qt.AlignmentFlag.AlignCenter, self.caption)
        note = ""
        if self._note is not None:
            note = self._note
        elif reading is not None and not running:
            note = _("paused")
        elif reading is not None and reading.overrun:
            note = _("over time")
        if note:
            small = QFont(self.font())
            small.setPixelSize(max(9, int(side * 0.035)))
            p.setFont(small)
            p.setPen(DIGITS[level] if reading and reading.overrun else QColor("#55554f"))
            below = QRectF(centre.x() - hub, centre.y() + hub * 0.42, hub * 2, hub * 0.3)
            p.drawText(below, Qt.AlignmentFlag.AlignCenter, note)
        p.end()
