"""All actions of the session (what / who / when / group / item), editable as a table."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workshop.capture.dates import parse_due
from workshop.capture.queries import ActionView
from workshop.i18n import _, format_short_date

ACTION_ROLE = Qt.ItemDataRole.UserRole + 1
WHAT, WHO, WHEN, GROUP, ITEM = range(5)


def when_text(action: ActionView) -> str:
    if action.due is not None:
        return format_short_date(action.due)
    return action.due_text


class ActionsTable(QWidget):
    """Emits `edit(note_id, fields)` for a changed cell."""

    edit = Signal(int, dict, dict)  # note id, new values, the values shown before

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("capture-actions")
        self.session_date: date | None = None
        self._loading = False
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("capture-actions-table")
        self.table.setHorizontalHeaderLabels(
            [_("What"), _("Who"), _("When"), _("Group"), _("Item")]
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(WHAT, QHeaderView.ResizeMode.Stretch)
        for col in (WHO, WHEN, GROUP):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ITEM, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(ITEM, 190)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.itemChanged.connect(self._changed)
        self.status = QLabel(
            _("Double-click or type to change what, who or when. Dates: by 1 June, 1-6, next week.")
        )
        self.status.setObjectName("capture-actions-status")
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)

    def show_actions(self, actions: list[ActionView]) -> None:
        self._loading = True
        try:
            self.table.setRowCount(len(actions))
            for row, action in enumerate(actions):
                cells = [
                    action.text,
                    action.who,
                    when_text(action),
                    action.group_name or "—",
                    action.item_title,
                ]
                for col, text in enumerate(cells):
                    item = QTableWidgetItem(text)
                    item.setData(ACTION_ROLE, action)
                    if col in (GROUP, ITEM):
                        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                    if col == ITEM:
                        item.setToolTip(action.item_title)
                    if col == WHEN and action.due is None and action.due_text:
                        item.setToolTip(
                            _("No date recognised in “{text}”").format(text=action.due_text)
                        )
                    self.table.setItem(row, col, item)
            self.table.resizeRowsToContents()
        finally:
            self._loading = False

    def _changed(self, item: QTableWidgetItem) -> None:
        if self._loading:
            return
        action: ActionView = item.data(ACTION_ROLE)
        text = " ".join(item.text().split())
        col = item.column()
        if col == WHAT:
            if not text:
                self.status.setText(
                    _("An action needs a text; delete the note on the capture tab instead.")
                )
                self._restore(item, action.text)
                return
            if text != action.text:
                self.edit.emit(action.note_id, {"text": text}, {"text": action.text})
        elif col == WHO:
            if text != action.who:
                self.edit.emit(action.note_id, {"action_who": text}, {"action_who": action.who})
        elif col == WHEN:
            if text == when_text(action):
                return
            due = parse_due(text, self.session_date or date.today()) if text else None
            if text and due is None:
                self.status.setText(
                    _("No date recognised in “{text}”; the text is kept as typed.").format(
                        text=text
                    )
                )
            self.edit.emit(
                action.note_id,
                {"action_due": due, "action_due_text": text},
                {"action_due": action.due, "action_due_text": action.due_text},
            )

    def _restore(self, item: QTableWidgetItem, text: str) -> None:
        self._loading = True
        try:
            item.setText(text)
        finally:
            self._loading = False
