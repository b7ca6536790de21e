"""The speaking order as a list: one row per group or pitch (row 0: the item as a whole),
reordered by dragging or Alt+↑/↓, renamed in place (F2)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QListWidget, QStyledItemDelegate

from workshop.capture.queries import QueueEntry
from workshop.capture.queue import Target

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1  # the row's QueueEntry (None: the whole item)


class _Rename(QStyledItemDelegate):
    def __init__(self, owner: QueueList) -> None:
        super().__init__(owner)
        self.owner = owner

    def createEditor(self, parent, option, index):  # noqa: N802 - Qt API
        entry = index.data(ENTRY_ROLE)
        if entry is None:
            return None
        editor = QLineEdit(parent)
        editor.setMaxLength(300)
        return editor

    def setEditorData(self, editor, index: QModelIndex) -> None:  # noqa: N802 - Qt API
        editor.setText(index.data(ENTRY_ROLE).name)

    def setModelData(self, editor, model: QAbstractItemModel, index: QModelIndex) -> None:  # noqa: N802
        entry: QueueEntry = index.data(ENTRY_ROLE)
        name = " ".join(editor.text().split())
        if name and name != entry.name:
            self.owner.renamed.emit(entry.target, name)


class QueueList(QListWidget):
    reordered = Signal(list)  # Targets in the new order
    renamed = Signal(object, str)  # Target, name

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("capture-queue")
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setItemDelegate(_Rename(self))
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSpacing(2)
        self.model().rowsMoved.connect(lambda *_a: self._emit_order())

    def targets(self) -> list[Target]:
        found = []
        for i in range(self.count()):
            entry = self.item(i).data(ENTRY_ROLE)
            if entry is not None:
                found.append(entry.target)
        return found

    def _emit_order(self) -> None:
        self.reordered.emit(self.targets())

    def move_current(self, step: int) -> None:
        row = self.currentRow()
        item = self.currentItem()
        if item is None or item.data(ENTRY_ROLE) is None:
            return
        target = row + step
        if not 1 <= target < self.count():  # row 0 is "the whole item"
            return
        taken = self.takeItem(row)
        self.insertItem(target, taken)
        self.setCurrentRow(target)
        self._emit_order()

    def event(self, event: QEvent) -> bool:
        """Alt+↑/↓ moves the chosen group (event(), not keyPressEvent(): see note_input.py)."""
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.modifiers() & Qt.KeyboardModifier.AltModifier
            and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)
        ):
            self.move_current(-1 if event.key() == Qt.Key.Key_Up else 1)
            return True
        return super().event(event)
