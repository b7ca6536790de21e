"""The Live page's bottom strip, always visible: the clock, where we stand, what gets squeezed,
a rehearsal's plain warning and the way back on schedule."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from workshop.i18n import _, format_clock
from workshop.timing.describe import sentence, squeeze_lines, standing_line
from workshop.timing.engine import LiveEngine, RunStatus

STRIP_STYLE = {
    "ok": "background:#e3f4e8;color:#17482a;",
    "late": "background:#fff1c7;color:#5e4100;",
    "very_late": "background:#fde2e4;color:#7a0c16;",
}


class StandingStrip(QFrame):
    """Green, amber or red by how late the run is; `recover_button` opens the proposals."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("live-standing")
        self._key = ""
        strip_layout = QHBoxLayout(self)
        self.now_label = QLabel()
        self.now_label.setObjectName("live-now")
        now_font = QFont(self.font())
        now_font.setBold(True)
        now_font.setPointSizeF(now_font.pointSizeF() * 1.2)
        self.now_label.setFont(now_font)
        self.standing_label = QLabel()
        self.standing_label.setObjectName("live-standing-text")
        self.standing_label.setWordWrap(True)
        self.standing_label.setFont(now_font)
        self.rehearsal_label = QLabel()
        self.rehearsal_label.setObjectName("live-rehearsal")
        self.rehearsal_label.setWordWrap(True)
        self.rehearsal_label.setStyleSheet(
            "color:#ffffff;background:#5a3e8a;border-radius:4px;padding:2px 8px;font-weight:bold;"
        )
        self.rehearsal_label.hide()
        self.squeeze_label = QLabel()
        self.squeeze_label.setObjectName("live-squeeze")
        self.squeeze_label.setWordWrap(True)
        texts = QVBoxLayout()
        texts.addWidget(self.rehearsal_label)
        texts.addWidget(self.standing_label)
        texts.addWidget(self.squeeze_label)
        self.recover_button = QPushButton(_("Back on schedule…"))
        self.recover_button.setObjectName("live-recover")
        self.recover_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        strip_layout.addWidget(self.now_label)
        strip_layout.addSpacing(12)
        strip_layout.addLayout(texts, 1)
        strip_layout.addWidget(self.recover_button)

    def show_standing(self, engine: LiveEngine) -> None:
        """Where the run stands against the plan, and its colour."""
        self._show_rehearsal(engine)
        standing = engine.standing()
        self.standing_label.setText(sentence(standing_line(standing)))
        running = (
            engine.current.id if engine.current and engine.status is RunStatus.RUNNING else None
        )
        squeezes = squeeze_lines(standing, engine.plan, running)
        self.squeeze_label.setText("\n".join(sentence(s) for s in squeezes))
        self.squeeze_label.setVisible(bool(squeezes))
        delay = standing.delay_minutes
        key = "ok" if delay <= 0 and not squeezes else ("very_late" if delay > 5 else "late")
        if key != self._key:  # restyling every second would cost a relayout
            self._key = key
            self.setStyleSheet(f"#live-standing{{{STRIP_STYLE[key]}border-radius:6px;}}")
        self.recover_button.setEnabled(not standing.finished and (delay > 0 or bool(squeezes)))

    def _show_rehearsal(self, engine: LiveEngine) -> None:
        """A run on another day than the session's date is a rehearsal: say so, plainly."""
        start = engine.rehearsal_start()
        if start is None:
            self.rehearsal_label.hide()
            return
        if engine.status is RunStatus.IDLE:
            text = _(
                "Rehearsal: today is not the session's date. Times count from when you start; "
                "the timer log stays out of the report."
            )
        else:
            text = _(
                "Rehearsal since {time}: times count from that start; "
                "the timer log stays out of the report."
            ).format(time=format_clock(start))
        if self.rehearsal_label.text() != text:
            self.rehearsal_label.setText(text)
        self.rehearsal_label.show()
