"""The start window's "New session" dialog: title, date and times."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QDate, QTime  # not Qt: its 93 enum types are made on import
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from ui.kit import theme
from workshop.i18n import _, current_language


class NewSessionDialog(QDialog):
    """Title, date and times of a new session. Opened with open(), answered by `accepted`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("New session"))
        self.title = QLineEdit()
        self.title.setPlaceholderText(_("e.g. Transitiegesprek: lokale gemeenschappen"))
        from ui.widgets.typed_fields import DateField, TimeField

        # plain typing ("9-4-2026", "930"), the date also on a calendar
        self.date = DateField(QDate.currentDate())
        self.date.setObjectName("new-session-date")
        self.start = TimeField(QTime(15, 0))
        self.start.setObjectName("new-session-start")
        self.end = TimeField(QTime(17, 0))
        self.end.setObjectName("new-session-end")
        self.error = QLabel()
        self.error.setStyleSheet(theme.style("error"))
        form = QFormLayout(self)
        form.addRow(_("Title"), self.title)
        form.addRow(_("Date"), self.date)
        form.addRow(_("Start time"), self.start)
        form.addRow(_("End time"), self.end)
        form.addRow(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _check(self) -> None:
        if not self.title.text().strip():
            self.error.setText(_("Give the session a title."))
            return
        if not self.date.date().isValid():
            self.error.setText(_("Type a date like 9-4-2026, or choose one on the calendar."))
            return
        if not (self.start.time().isValid() and self.end.time().isValid()):
            self.error.setText(_("Type the times like 15:00 or 9.30."))
            return
        if self.end.time() <= self.start.time():
            self.error.setText(_("The end time must be after the start time."))
            return
        self.accept()

    def values(self) -> dict:
        qd, qs, qe = self.date.date(), self.start.time(), self.end.time()
        return {
            "title": self.title.text().strip(),
            "date": date(qd.year(), qd.month(), qd.day()),
            "start_time": time(qs.hour(), qs.minute()),
            "end_time": time(qe.hour(), qe.minute()),
            # the report is written in the language the facilitator works in (changeable later)
            "report_language": current_language(),
        }
