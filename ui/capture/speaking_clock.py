"""Who has the floor and how long they have left: the countdown of the speaking time, in
the timer's colours, with Next (F8), Pause (F7), +30 s and Stop."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from workshop.i18n import _
from workshop.projector.timers import countdown_caption
from workshop.timing.reading import TimerLevel, TimerReading

LEVEL_COLOURS = {
    TimerLevel.NORMAL: "#1b5e20",
    TimerLevel.AMBER: "#e69500",
    TimerLevel.RED: "#c62828",
}


class SpeakingClock(QObject):
    """Shows a `TimerReading` of the speaking time; its buttons ask, the service decides.

    Its widgets go straight into the owner's column (`lay_out`), not into a box of their
    own: the queue panel shares its height between the list and these as one layout."""

    next_requested = Signal()
    pause_requested = Signal()
    extend_requested = Signal(float)
    stop_requested = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.speaker = QLabel(_("Nobody has the floor"))
        self.speaker.setObjectName("capture-speaker")
        self.speaker.setWordWrap(True)
        self.clock = QLabel("--:--")
        self.clock.setObjectName("capture-speaking-clock")
        clock_font = QFont(self.clock.font())
        clock_font.setPointSizeF(clock_font.pointSizeF() * 2.6)
        clock_font.setBold(True)
        self.clock.setFont(clock_font)
        self.clock.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.next_button = QPushButton(_("Next (F8)"))
        self.next_button.setObjectName("capture-next")
        self.next_button.setToolTip(
            _("The next group or pitch gets the floor; its speaking time starts")
        )
        self.next_button.clicked.connect(self.next_requested.emit)
        self.pause_button = QPushButton(_("Pause (F7)"))
        self.pause_button.clicked.connect(self.pause_requested.emit)
        more = QPushButton(_("+30 s"))
        more.clicked.connect(lambda: self.extend_requested.emit(30.0))
        stop = QPushButton(_("Stop"))
        stop.clicked.connect(self.stop_requested.emit)
        self._buttons = QGridLayout()
        self._buttons.addWidget(self.next_button, 0, 0)
        self._buttons.addWidget(self.pause_button, 0, 1)
        self._buttons.addWidget(more, 1, 0)
        self._buttons.addWidget(stop, 1, 1)

    def lay_out(self, column: QVBoxLayout) -> None:
        """Who speaks, the countdown, the buttons: at the end of `column`."""
        column.addWidget(self.speaker)
        column.addWidget(self.clock)
        column.addLayout(self._buttons)

    def show_reading(self, reading: TimerReading | None) -> None:
        if reading is None:
            self.speaker.setText(_("Nobody has the floor · F8 gives it to the first group"))
            self.clock.setText("--:--")
            self.clock.setStyleSheet("color: palette(mid);")
            return
        state = "" if reading.running else "  (" + _("paused") + ")"
        self.speaker.setText(_("Speaking: {who}").format(who=reading.label) + state)
        self.clock.setText(f"{countdown_caption(reading)} {reading.display}")  # "nog 03:00"
        self.clock.setStyleSheet(f"color:{LEVEL_COLOURS[reading.level]};")
