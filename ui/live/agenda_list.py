"""The agenda during the run: planned, expected and real times, the current item highlighted."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem

from workshop.i18n import _
from workshop.timing.describe import clock_text
from workshop.timing.engine import LiveEngine, RunStatus
from workshop.timing.forecast import planned_times

CURRENT_BG = QColor("#fde2e4")
DONE_FG = QColor("#77776f")


class LiveAgendaList(QTreeWidget):
    COLUMNS = 5

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("live-agenda")
        self.setColumnCount(self.COLUMNS)
        self.setHeaderLabels([_("Planned"), _("Item"), _("Min"), _("Expected"), _("Actual")])
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the page keeps the keys
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.header()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for col in (0, 2, 3, 4):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)

    def show_run(self, engine: LiveEngine) -> None:
        now = engine.clock.now()
        plan = engine.plan_with_actuals()
        planned = {p.item_id: p for p in planned_times(plan, now).items}
        expected = {s.item_id: s for s in engine.standing().slots}
        current = engine.current if engine.status is not RunStatus.IDLE else None
        self.clear()
        rows: list[QTreeWidgetItem] = []
        current_row: QTreeWidgetItem | None = None
        for item in plan.items:
            row = QTreeWidgetItem()
            fixed = item.fixed_start is not None
            slot = planned[item.id]
            row.setText(0, clock_text(slot.start, now) + (" ⚑" if fixed else ""))
            if fixed:
                row.setToolTip(0, _("Fixed start time"))
            title = item.title
            if item.steps:
                title += "  ·  " + "–".join(_fmt(s.minutes) for s in item.steps)
            row.setText(1, title)
            row.setToolTip(1, title)
            row.setText(2, str(item.planned_minutes) if not item.dropped else _("dropped"))
            start, end = item.actual_start, item.actual_end
            is_current = current is not None and item.id == current.id
            if item.dropped:
                row.setText(3, "")
            elif item.id in expected and not is_current and start is None:
                row.setText(3, clock_text(expected[item.id].start, now))
            if start is not None:
                until = clock_text(end, now) if end is not None else _("now")
                row.setText(4, f"{clock_text(start, now)}–{until}")
            if is_current or item.dropped:  # other rows keep the list's own font
                font = QFont(self.font())
                font.setBold(is_current)
                font.setStrikeOut(item.dropped)
                for col in range(self.COLUMNS):
                    row.setFont(col, font)
            if is_current:
                current_row = row
                for col in range(self.COLUMNS):
                    row.setBackground(col, QBrush(CURRENT_BG))
            if (end is not None and not is_current) or item.dropped:
                for col in range(self.COLUMNS):
                    row.setForeground(col, QBrush(DONE_FG))
            row.setData(0, Qt.ItemDataRole.UserRole, item.id)
            rows.append(row)
        self.addTopLevelItems(rows)  # in one go: one insertion for the view to lay out
        if current_row is not None:
            self.scrollToItem(current_row)


def _fmt(minutes: float) -> str:
    return str(int(minutes)) if float(minutes).is_integer() else f"{minutes:g}"
