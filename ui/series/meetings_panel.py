"""The Reeks page's meetings: a table (present, new people, new encounters) and a small
attendance chart; double-clicking a meeting asks to open it."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workshop.i18n import _, format_short_date
from workshop.series.overview import SeriesOverview

PRESENT = QColor("#2f6f8f")
NEW = QColor("#e0a030")


class AttendanceChart(QWidget):
    """Bars per meeting: present (blue) and new in the series (orange), numbers on top."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("series-attendance-chart")
        self.setMinimumHeight(130)
        self.setMaximumHeight(170)
        self.bars: list[tuple[int, int, int]] = []  # (number, present, new)

    def set_bars(self, bars: list[tuple[int, int, int]]) -> None:
        self.bars = bars
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        w, h = self.width(), self.height()
        text = self.palette().windowText().color()
        painter.setPen(text)
        if not self.bars:
            painter.end()
            return
        top, bottom = 20.0, h - 20.0
        most = max(max(p, n) for _n, p, n in self.bars) or 1
        slot = w / len(self.bars)
        bar = min(40.0, slot / 3)
        for i, (number, present, new) in enumerate(self.bars):
            x = i * slot + slot / 2 - bar
            for j, (value, colour) in enumerate(((present, PRESENT), (new, NEW))):
                height = (bottom - top) * value / most
                box = QRectF(x + j * bar, bottom - height, bar - 2, height)
                painter.fillRect(box, colour)
                painter.setPen(text)
                label = QRectF(box.x() - 6, box.y() - 16, bar + 10, 14)
                painter.drawText(label, int(Qt.AlignmentFlag.AlignCenter), str(value))
            painter.drawText(
                QRectF(i * slot, bottom + 2, slot, 16),
                int(Qt.AlignmentFlag.AlignCenter),
                str(number),
            )
        painter.end()


class MeetingsPanel(QWidget):
    open_meeting = Signal(int)  # session id

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("series-meetings")
        self.session_ids: list[int] = []
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("series-meeting-table")
        self.table.setHorizontalHeaderLabels(
            [_("No."), _("Date"), _("Meeting"), _("Present"), _("New"), _("New encounters")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.cellDoubleClicked.connect(self._open)
        self.chart = AttendanceChart()  # placed by the page, in a box of its own
        self.themes = QLabel()
        self.themes.setObjectName("series-themes")
        self.themes.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.themes)

    def show_meetings(self, overview: SeriesOverview, session_id: int) -> None:
        meetings = overview.meetings
        self.session_ids = [m.session_id for m in meetings]
        self.table.setRowCount(len(meetings))
        for row, m in enumerate(meetings):
            met = overview.encounters.get(m.session_id)
            cells = (
                str(m.position),
                format_short_date(m.date) if m.date else "",
                m.title,
                _("{present} of {registered}").format(present=m.present, registered=m.registered),
                str(m.new_people),
                str(met.new) if met is not None else "0",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if m.session_id == session_id:
                    font = QFont(item.font())
                    font.setBold(True)  # the meeting this window is about
                    item.setFont(font)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        rows = max(4, len(meetings))  # every meeting in view (a CoP meets a handful of times)
        height = self.table.horizontalHeader().height() + 4
        height += sum(self.table.rowHeight(r) for r in range(len(meetings)))
        height += (rows - len(meetings)) * self.table.verticalHeader().defaultSectionSize()
        self.table.setMinimumHeight(min(height, 420))
        themes = ", ".join(
            _("{theme} (in {n} meetings)").format(theme=t, n=n) for t, n in overview.themes
        )
        self.themes.setText(
            _("Recurring themes: {themes}").format(themes=themes)
            if themes
            else _("No theme has come back in a second meeting yet.")
        )
        self.chart.set_bars([(m.position, m.present, m.new_people) for m in meetings])

    def row_texts(self) -> list[list[str]]:
        """What the table shows, row by row (tests and the selftest read it)."""
        return [
            [self.table.item(r, c).text() for c in range(self.table.columnCount())]
            for r in range(self.table.rowCount())
        ]

    def _open(self, row: int, _column: int) -> None:
        if 0 <= row < len(self.session_ids):
            self.open_meeting.emit(self.session_ids[row])
