"""A page whose part of the app has not been built yet: says so plainly."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from workshop.i18n import _


class PendingPage(QWidget):
    def __init__(self, key: str) -> None:
        super().__init__()
        self.setObjectName(f"page-{key}")
        label = QLabel(_("This part of the app is not available in this version yet."))
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
