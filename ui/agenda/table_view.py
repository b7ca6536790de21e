"""The Agenda page's editor table: whole rows selected, moved by drag and drop, columns
fitted to the width (the title takes the rest)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
    QTableView,
    QWidget,
)

from ui.agenda.table_model import (
    COL_FIXED,
    COL_KIND,
    COL_LEAD,
    COL_MATERIALS,
    COL_MINUTES,
    COL_NOTES,
    COL_START,
    COL_TITLE,
)
from ui.widgets.fit_columns import ColumnFitter

#: the columns' widths before the fitter adapts them to the table
WIDTHS = {
    COL_START: 64,
    COL_TITLE: 300,
    COL_KIND: 150,
    COL_MINUTES: 52,
    COL_LEAD: 170,
    COL_FIXED: 70,
    COL_NOTES: 180,
}


class AgendaTable(QTableView):
    """The editor table: rows move by drag and drop; whole rows are selected."""

    #: a cell's editor was closed (committed or cancelled)
    editor_closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agenda-table")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropOverwriteMode(False)
        # DragDrop rather than InternalMove: the model accepts only its own rows (by MIME type)
        # and reorders them itself, and drops can be driven in tests without a drag source.
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().setDefaultSectionSize(30)
        self.column_fitter: ColumnFitter | None = None

    def editing(self) -> bool:
        """A cell's editor is open (a refresh must not close it)."""
        return self.state() == QAbstractItemView.State.EditingState

    def commit_editor(self) -> None:
        """Store what is typed in the open cell editor and close it (before the page's own
        actions: add, remove, undo)."""
        editor = self.indexWidget(self.currentIndex()) if self.editing() else None
        if editor is not None:
            self.commitData(editor)
            self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def closeEditor(  # noqa: N802 - Qt API
        self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint
    ) -> None:
        super().closeEditor(editor, hint)
        self.editor_closed.emit()

    def fit_columns(self) -> None:
        """Once the model is set: starting widths, then fitted to the table. The title takes
        the rest (elided, full text as tooltip); remarks and materials (also in the details)
        go first when narrow."""
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in WIDTHS.items():
            self.setColumnWidth(col, width)
        self.column_fitter = ColumnFitter(
            self,
            stretch=COL_TITLE,
            caps={COL_KIND: 170, COL_LEAD: 170, COL_NOTES: 180, COL_MATERIALS: 160},
            hide_order=(COL_MATERIALS, COL_NOTES, COL_LEAD, COL_FIXED, COL_KIND),
        )
