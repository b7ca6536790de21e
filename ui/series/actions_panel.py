"""The Reeks page's action register: every action of the series with its status.

Counts by status (overdue marked) above a table; the status of a row is changed with its
combo box (stamped with the app's clock: a meeting's review keeps what it settled in the
room); a new action is typed below (what, who, due date) and belongs to this meeting.
Every change is a command on the shared undo stack.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.kit import theme
from ui.widgets.typed_fields import parse_date
from workshop.commands import Command, CommandError
from workshop.i18n import _, format_short_date
from workshop.series.actions import ActionStatus, status_word
from workshop.series.commands import AddAction, DeleteAction, EditAction
from workshop.series.queries import ActionInfo

COLUMNS = 5  # status, what, who, due, from


class StatusDelegate(QStyledItemDelegate):
    """The status cell's editor: a box with the four statuses; choosing one stores it."""

    def __init__(self, panel: ActionsPanel) -> None:
        super().__init__(panel)
        self.panel = panel

    def createEditor(self, parent, option, index):  # noqa: N802 - Qt API
        combo = QComboBox(parent)
        combo.setObjectName("series-action-status-editor")
        for status in ActionStatus:
            combo.addItem(status_word(status), status.value)
        combo.activated.connect(lambda _i, c=combo: self._chosen(c))
        return combo

    def setEditorData(self, editor, index) -> None:  # noqa: N802 - Qt API
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.UserRole))))

    def setModelData(self, editor, model, index) -> None:  # noqa: N802 - Qt API
        row = index.row()
        if 0 <= row < len(self.panel.actions):
            self.panel.change_status(self.panel.actions[row], editor.currentData())

    def _chosen(self, editor: QComboBox) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor)


class ActionsPanel(QWidget):
    """The series' actions; `push(command)` stores a change, `now()` reads the app's clock."""

    def __init__(self, push: Callable[[Command], None], now: Callable[[], datetime]) -> None:
        super().__init__()
        self.setObjectName("series-actions")
        self._push = push
        self._now = now
        self.series_id: int | None = None
        self.session_id: int | None = None
        self.actions: tuple[ActionInfo, ...] = ()
        self.counts = QLabel()
        self.counts.setObjectName("series-action-counts")
        self.table = QTableWidget(0, COLUMNS)
        self.table.setObjectName("series-action-table")
        self.table.setHorizontalHeaderLabels(
            [_("Status"), _("What"), _("Who"), _("When"), _("From")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        # only the status column is editable: a box per row costs too much with many actions
        self.table.setEditTriggers(
            QTableWidget.EditTrigger.DoubleClicked | QTableWidget.EditTrigger.EditKeyPressed
        )
        self.table.setItemDelegateForColumn(0, StatusDelegate(self))
        # widths are fitted once per fill (ResizeToContents would measure after every cell)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.what = QLineEdit()
        self.what.setObjectName("series-action-what")
        self.what.setPlaceholderText(_("New action — what"))
        self.what.returnPressed.connect(self.add_typed)
        self.who = QLineEdit()
        self.who.setObjectName("series-action-who")
        self.who.setPlaceholderText(_("Who"))
        self.who.returnPressed.connect(self.add_typed)
        self.due = QLineEdit()
        self.due.setObjectName("series-action-due")
        self.due.setPlaceholderText(_("When"))
        self.due.setToolTip(_("When (e.g. 1-11-2026)"))
        self.due.setMinimumWidth(self.due.fontMetrics().horizontalAdvance("30-12-2026") + 16)
        self.due.returnPressed.connect(self.add_typed)
        self.add_button = QPushButton(_("Add action"))
        self.add_button.setObjectName("series-action-add")
        self.add_button.clicked.connect(self.add_typed)
        self.delete_button = QPushButton(_("Delete action"))
        self.delete_button.setObjectName("series-action-delete")
        self.delete_button.clicked.connect(self.delete_current)
        self.problem = QLabel()
        self.problem.setObjectName("series-action-problem")
        row = QHBoxLayout()
        row.addWidget(self.what, 3)
        row.addWidget(self.who, 2)
        row.addWidget(self.due, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.counts)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.problem)

    # -- showing --------------------------------------------------------------------------
    def show_actions(self, series_id: int, session_id: int, actions: tuple[ActionInfo, ...]):
        self.series_id, self.session_id, self.actions = series_id, session_id, actions
        counts = {s: sum(1 for a in actions if a.status == s.value) for s in ActionStatus}
        parts = [f"{status_word(s)}: {n}" for s, n in counts.items()]
        overdue = sum(1 for a in actions if a.overdue)
        if overdue:
            parts.append(_("{n} overdue").format(n=overdue))
        self.counts.setText(" · ".join(parts))
        self.counts.setStyleSheet(theme.style("error" if overdue else "muted"))
        self.table.setUpdatesEnabled(False)
        try:
            self.table.setRowCount(len(actions))
            for row, action in enumerate(actions):
                self._show_row(row, action)
            for column in (0, 2, 3, 4):
                self.table.resizeColumnToContents(column)
        finally:
            self.table.setUpdatesEnabled(True)

    def _show_row(self, row: int, action: ActionInfo) -> None:
        status = QTableWidgetItem(status_word(action.status) + " ▾")
        status.setData(Qt.ItemDataRole.UserRole, action.status)
        status.setFlags(status.flags() | Qt.ItemFlag.ItemIsEditable)
        status.setToolTip(_("Double-click (or F2) to change the status"))
        self.table.setItem(row, 0, status)
        due = format_short_date(action.due) if action.due else ""
        if action.overdue:
            due = f"{due} · {_('overdue')}"
        cells = (action.what, action.who, due, action.origin or _("between meetings"))
        for column, text in enumerate(cells, start=1):
            item = QTableWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, action.id)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            if action.overdue and column == 3:
                item.setForeground(theme.colour("error"))
            if action.session_id == self.session_id:
                font = QFont(item.font())
                font.setItalic(True)  # agreed at this meeting
                item.setFont(font)
            self.table.setItem(row, column, item)

    def status_of(self, what: str) -> str:
        """The status word shown for the action whose text starts with `what` (tests)."""
        return self.table.item(self._row_of(what), 0).text().removesuffix(" ▾")

    def _row_of(self, what: str) -> int:
        for row, action in enumerate(self.actions):
            if action.what.startswith(what):
                return row
        raise KeyError(what)

    # -- changing -------------------------------------------------------------------------
    def set_status(self, what: str, status: ActionStatus) -> None:
        """Open the status box of the action starting with `what` and choose `status`,
        as double-clicking the cell and picking does."""
        item = self.table.item(self._row_of(what), 0)
        self.table.setCurrentItem(item)
        self.table.editItem(item)
        combo = self.table.findChild(QComboBox, "series-action-status-editor")
        assert combo is not None, "the status box did not open"
        index = combo.findData(status.value)
        combo.setCurrentIndex(index)
        combo.activated.emit(index)

    def change_status(self, action: ActionInfo, status: str) -> None:
        if status != action.status:
            self._push(EditAction(action.id, at=self._now(), status=status))

    def add_typed(self) -> None:
        if self.series_id is None:
            return
        what = self.what.text().strip()
        if not what:
            theme.set_status(self.problem, _("Type what is to be done first."), "error")
            return
        due: date | None = None
        if self.due.text().strip():
            due = parse_date(self.due.text())
            if due is None:
                theme.set_status(self.problem, _("Type a date like 9-4-2026."), "error")
                return
        try:
            command = AddAction(self.series_id, what, self.who.text(), due, self.session_id)
        except CommandError as err:
            theme.set_status(self.problem, str(err), "error")
            return
        theme.set_status(self.problem, "")
        self._push(command)
        for field in (self.what, self.who, self.due):
            field.clear()
        self.what.setFocus()

    def delete_current(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.actions):
            self._push(DeleteAction(self.actions[row].id))
