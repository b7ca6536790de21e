"""The Live page's line when another laptop runs the clock, with "Take over the clock"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from workshop.i18n import _


class ClockLeaseBar(QFrame):
    """Hidden while this laptop runs the clock (or nobody does); `take_over_button` asks for it."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("live-lease")
        self.setStyleSheet("#live-lease{background:#e6eefc;color:#13315c;border-radius:6px;}")
        lease_layout = QHBoxLayout(self)
        self.label = QLabel()
        self.label.setObjectName("live-lease-text")
        self.label.setWordWrap(True)
        self.take_over_button = QPushButton(_("Take over the clock"))
        self.take_over_button.setObjectName("live-take-over")
        self.take_over_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        lease_layout.addWidget(self.label, 1)
        lease_layout.addWidget(self.take_over_button)
        self.hide()

    def show_line(self, line: str) -> None:
        """Who holds the clock, or hidden when the line is empty."""
        self.label.setText(line)
        self.setVisible(bool(line))
