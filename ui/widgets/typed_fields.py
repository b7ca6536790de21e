"""Date and time fields you simply type in ("9-4-2026", "15", "15.30", "930"), with a
calendar popup for the date: no double-click per part as in QDateEdit/QTimeEdit."""

from __future__ import annotations

import re
from datetime import date, time

from PySide6.QtCore import QDate, QLocale, QRectF, Qt, QTime, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from ui.kit import theme
from workshop.i18n import _, current_language

INVALID_STYLE = f"QLineEdit{{border:1px solid {theme.ERROR};}}"


def parse_time(text: str) -> time | None:
    """'15' 15:00 · '15:30' / '15.30' / '15u30' / '1530' / '930' · None when not a time."""
    t = text.strip().lower().replace("u", ":").replace(".", ":").replace("h", ":")
    match = re.fullmatch(r"(\d{1,2})(?::(\d{1,2})?)?", t) or re.fullmatch(r"(\d{1,2})(\d{2})", t)
    if not match:
        return None
    hours, minutes = int(match.group(1)), int(match.group(2) or 0)
    if hours > 23 or minutes > 59:
        return None
    return time(hours, minutes)


def parse_date(text: str, today: date | None = None) -> date | None:
    """'9-4-2026' / '09-04-2026' / '9/4/26' / '2026-04-09' / '9-4' (this year) · or None."""
    t = text.strip()
    today = today or date.today()
    try:
        if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", t):
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if m := re.fullmatch(r"(\d{1,2})[-/. ](\d{1,2})(?:[-/. ](\d{2}|\d{4}))?", t):
            year = int(m.group(3)) if m.group(3) else today.year
            if year < 100:
                year += 2000
            return date(year, int(m.group(2)), int(m.group(1)))
    except ValueError:
        return None
    return None


def calendar_icon(colour: QColor, size: int = 32) -> QIcon:
    """A small calendar sheet, painted: the 📅 emoji is missing from many fonts (a box)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    unit = size / 16
    sheet = QRectF(2 * unit, 3 * unit, 12 * unit, 11 * unit)
    painter.setPen(QPen(colour, unit))
    painter.drawRoundedRect(sheet, unit, unit)
    painter.fillRect(QRectF(sheet.x(), sheet.y(), sheet.width(), 3 * unit), colour)
    for ring in (5, 11):  # the rings the sheets hang on
        painter.drawLine(int(ring * unit), int(1.5 * unit), int(ring * unit), int(4 * unit))
    for row in range(2):
        for col in range(3):
            x = sheet.x() + (2 + col * 3.3) * unit
            y = sheet.y() + (4.5 + row * 3) * unit
            painter.fillRect(QRectF(x, y, 1.8 * unit, 1.8 * unit), colour)
    painter.end()
    return QIcon(pixmap)


class TimeField(QLineEdit):
    """A time as typed text; time() gives a QTime (invalid when the text is not a time)."""

    timeChanged = Signal(QTime)  # noqa: N815 - the QTimeEdit name

    def __init__(self, value: QTime | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(_("e.g. 15:00"))
        self.setMaxLength(8)
        self.textChanged.connect(self._typed)
        self.editingFinished.connect(self._tidy)
        if value is not None:
            self.setTime(value)

    def time(self) -> QTime:
        parsed = parse_time(self.text())
        return QTime(parsed.hour, parsed.minute) if parsed else QTime()

    def setTime(self, value: QTime) -> None:  # noqa: N802 - the QTimeEdit name
        self.setText(value.toString("HH:mm") if value.isValid() else "")

    def _typed(self, _text: str) -> None:
        valid = self.time().isValid() or not self.text().strip()
        self.setStyleSheet("" if valid else INVALID_STYLE)
        if self.time().isValid():
            self.timeChanged.emit(self.time())

    def _tidy(self) -> None:
        if self.time().isValid():
            self.setTime(self.time())  # "930" reads "09:30" once you leave the field


class DateField(QWidget):
    """A date as typed text (dd-mm-jjjj) with a calendar button beside it."""

    dateChanged = Signal(QDate)  # noqa: N815 - the QDateEdit name

    def __init__(self, value: QDate | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line = QLineEdit()
        self.line.setPlaceholderText(_("dd-mm-yyyy"))
        self.line.textChanged.connect(self._typed)
        self.line.editingFinished.connect(self._tidy)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        # month and day names in the app's language, whatever the system's locale
        dutch = current_language() == "nl"
        self.calendar.setLocale(
            QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands)
            if dutch
            else QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
        )
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        menu = QMenu(self)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        menu.aboutToShow.connect(self._sync_calendar)
        self.menu = menu
        self.button = QToolButton()
        self.button.setIcon(calendar_icon(self.palette().color(self.foregroundRole())))
        self.button.setAccessibleName(_("Choose on a calendar"))
        self.button.setToolTip(_("Choose on a calendar"))
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.button.setMenu(menu)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.button)
        self.setFocusProxy(self.line)
        if value is not None:
            self.setDate(value)

    def date(self) -> QDate:
        parsed = parse_date(self.line.text())
        return QDate(parsed.year, parsed.month, parsed.day) if parsed else QDate()

    def setDate(self, value: QDate) -> None:  # noqa: N802 - the QDateEdit name
        self.line.setText(value.toString("dd-MM-yyyy") if value.isValid() else "")

    def _picked(self, value: QDate) -> None:
        self.setDate(value)
        self.menu.hide()
        self.line.setFocus()

    def _sync_calendar(self) -> None:
        if self.date().isValid():
            self.calendar.setSelectedDate(self.date())

    def _typed(self, _text: str) -> None:
        valid = self.date().isValid() or not self.line.text().strip()
        self.line.setStyleSheet("" if valid else INVALID_STYLE)
        if self.date().isValid():
            self.dateChanged.emit(self.date())

    def _tidy(self) -> None:
        if self.date().isValid():
            self.setDate(self.date())
