"""The Telefoons page's "Moderation" tab: the answers phones typed (shown or hidden before
the projector gets them), the notes the tables sent (taken away with undo), and "hide all"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.kit.context import PageContext
from ui.room.service import RoomService
from workshop.i18n import N_, _

STATUS = {"pending": N_("waiting"), "shown": N_("shown"), "hidden": N_("hidden")}
HIDE_ALL_KEY = "Ctrl+Shift+H"


class ModerationTab(QWidget):
    """Typed answers with Show/Hide, the tables' notes with "Take away", and "Hide all"."""

    def __init__(self, ctx: PageContext, service: RoomService) -> None:
        super().__init__()
        self.ctx = ctx
        self.service = service
        self.answers = QTableWidget(0, 3)
        self.answers.setObjectName("room-answers")
        self.answers.setHorizontalHeaderLabels([_("Question"), _("Answer"), _("Status")])
        self.answers.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.answers.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.answers.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.answers.verticalHeader().hide()
        self.approve_button = QPushButton(_("Show"))
        self.approve_button.clicked.connect(lambda: self._moderate("shown"))
        self.hide_button = QPushButton(_("Hide"))
        self.hide_button.clicked.connect(lambda: self._moderate("hidden"))
        self.hide_all_button = QPushButton(_("Hide all") + f" ({HIDE_ALL_KEY})")
        self.hide_all_button.setToolTip(_("Hide everything from the projector"))
        self.hide_all_button.clicked.connect(service.hide_all)
        self.table_notes = QTableWidget(0, 2)
        self.table_notes.setObjectName("room-table-notes")
        self.table_notes.setHorizontalHeaderLabels([_("Table"), _("Note")])
        self.table_notes.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table_notes.horizontalHeader().setStretchLastSection(True)
        self.table_notes.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table_notes.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table_notes.verticalHeader().hide()
        self.remove_note_button = QPushButton(_("Take away"))
        self.remove_note_button.setToolTip(
            _("Deletes the note from the feedback, the projector and the verslag (Ctrl+Z undoes)")
        )
        self.remove_note_button.clicked.connect(self._remove_notes)
        ml = QVBoxLayout(self)
        ml.addWidget(QLabel(_("Typed answers")))
        ml.addWidget(self.answers, 1)
        mrow = QHBoxLayout()
        for w in (self.approve_button, self.hide_button):
            mrow.addWidget(w)
        mrow.addStretch(1)
        ml.addLayout(mrow)
        ml.addWidget(QLabel(_("Notes from the tables")))
        ml.addWidget(self.table_notes, 1)
        ml.addWidget(self.remove_note_button, 0, Qt.AlignmentFlag.AlignLeft)
        ml.addWidget(self.hide_all_button, 0, Qt.AlignmentFlag.AlignLeft)

    def show_moderation(self) -> None:
        """Refill both tables from the service's data (selections kept)."""
        data = self.service.data
        _fill(
            self.answers,
            [(a.id, (a.prompt, a.value, _(STATUS.get(a.status, a.status)))) for a in data.answers],
        )
        _fill(
            self.table_notes,
            [(n.id, (self.service.group_label(n.group_id), n.text)) for n in data.table_notes],
        )

    def _remove_notes(self) -> None:
        from workshop.capture.commands.notes import DeleteNotes

        rows = sorted({i.row() for i in self.table_notes.selectedIndexes()})
        ids = [self.table_notes.item(r, 0).data(Qt.ItemDataRole.UserRole) for r in rows]
        if ids:
            self.ctx.commands.push(DeleteNotes(ids))

    def _moderate(self, status: str) -> None:
        from workshop.room.commands import SetAnswerStatus

        rows = {i.row() for i in self.answers.selectedIndexes()}
        ids = [self.answers.item(r, 0).data(Qt.ItemDataRole.UserRole) for r in sorted(rows)]
        if ids:
            self.ctx.commands.push(SetAnswerStatus(self.ctx.session_id, ids, status))


def _fill(table: QTableWidget, rows: list[tuple[int, tuple[str, ...]]]) -> None:
    """Refill `table` (phones' words as plain text, never markup), keeping the selected
    rows selected by id: a refresh while the facilitator picks never moves the choice."""
    chosen = {
        table.item(i.row(), 0).data(Qt.ItemDataRole.UserRole)
        for i in table.selectedIndexes()
        if table.item(i.row(), 0) is not None
    }
    table.clearSelection()
    table.setRowCount(len(rows))
    for r, (key, cells) in enumerate(rows):
        for c, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            item.setData(Qt.ItemDataRole.UserRole, key)
            table.setItem(r, c, item)
        if key in chosen:
            table.selectRow(r)
