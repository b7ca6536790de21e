"""How far an import of a list of people is: rows checked, then people stored.

The importer runs on the DB worker and reports from there; `report` may be called from any
thread (the signal carries it to the UI thread), and reports closer together than a few
milliseconds are dropped except the last of a stage.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from workshop.i18n import _, format_number

#: stage -> what the line says
STAGES = {
    "read": lambda done, total: _("Reading the list…"),
    "check": lambda done, total: _("Checking row {done} of {total}…").format(
        done=format_number(done), total=format_number(total)
    ),
    "store": lambda done, total: _("Storing person {done} of {total}…").format(
        done=format_number(done), total=format_number(total)
    ),
}


class ImportProgress(QWidget):
    """A bar and a line under the people page's buttons while a list is read and stored."""

    moved = Signal(str, int, int)  # stage, done, total

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("import-progress")
        self.bar = QProgressBar()
        self.bar.setObjectName("import-progress-bar")
        self.label = QLabel()
        self.label.setObjectName("import-progress-text")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar, 1)
        self.moved.connect(self._show)
        self.seen: list[tuple[str, int, int]] = []  # every report shown (tests read it)
        self._last = 0.0
        self.hide()

    def report(self, stage: str, done: int, total: int) -> None:
        """Any thread: the import reached `done` of `total` in `stage`."""
        now = time.monotonic()
        if done < total and now - self._last < 0.05:
            return
        self._last = now
        self.moved.emit(stage, done, total)

    def _show(self, stage: str, done: int, total: int) -> None:
        self.seen.append((stage, done, total))
        self.label.setText(STAGES[stage](done, total))
        self.bar.setRange(0, total if stage != "read" else 0)  # reading: a busy bar
        self.bar.setValue(done)
        self.show()

    def finish(self) -> None:
        self.hide()
