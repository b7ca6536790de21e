"""In-place editors for the agenda table: a combo for the kind, a spin box for the minutes,
a time field for the fixed start (empty means none)."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QRegularExpression,
    Qt,
    Signal,
)
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from ui.agenda.table_model import (
    COL_FIXED,
    COL_KIND,
    COL_MATERIALS,
    COL_MINUTES,
    COL_NOTES,
    AgendaTableModel,
)
from workshop.agenda.fields import MAX_MINUTES
from workshop.agenda.kinds import kind_label
from workshop.i18n import _
from workshop.model.kinds import ItemKind

Ref = QModelIndex | QPersistentModelIndex


class AgendaDelegate(QStyledItemDelegate):
    #: a multi-line text cell was opened: edit it in the details panel instead (column)
    edit_in_details = Signal(int)

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: Ref
    ) -> QWidget | None:  # noqa: N802
        editor = self._editor(parent, option, index)
        model = index.model()
        if editor is not None and isinstance(model, AgendaTableModel):
            model.hold_seen(index)  # the edit is made over what the cell showed now
        return editor

    def _editor(self, parent: QWidget, option: QStyleOptionViewItem, index: Ref) -> QWidget | None:
        col = index.column()
        if col == COL_KIND:
            combo = QComboBox(parent)
            combo.setObjectName("kind-editor")
            for kind in ItemKind:
                combo.addItem(kind_label(kind), kind.value)
            combo.activated.connect(lambda _i, c=combo: self._commit(c))
            return combo
        if col == COL_MINUTES:
            spin = QSpinBox(parent)
            spin.setObjectName("minutes-editor")
            spin.setRange(0, MAX_MINUTES)
            spin.setSuffix(" min")
            spin.setAccelerated(True)
            return spin
        if col == COL_FIXED:
            edit = QLineEdit(parent)
            edit.setObjectName("fixed-editor")
            edit.setPlaceholderText(_("none, or e.g. 16:00"))
            edit.setValidator(
                QRegularExpressionValidator(
                    QRegularExpression(r"^\s*\d{0,2}([:.u]\d{0,2})?\s*$"), edit
                )
            )
            return edit
        if col in (COL_NOTES, COL_MATERIALS):
            text = index.data(Qt.ItemDataRole.EditRole) or ""
            if "\n" in text.strip():
                self.edit_in_details.emit(col)
                return None
        editor = super().createEditor(parent, option, index)
        editor.setObjectName(f"cell-editor-{col}")
        return editor

    def _commit(self, editor: QWidget) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: Ref) -> None:  # noqa: N802
        if editor.property("filled"):
            return  # once, when it opens: a refresh meanwhile must not replace the typed text
        editor.setProperty("filled", True)
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(value)))
            editor.showPopup()
        elif isinstance(editor, QSpinBox):
            editor.setValue(int(value or 0))
            editor.selectAll()
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Ref) -> None:  # noqa: N802
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QSpinBox):
            editor.interpretText()
            model.setData(index, editor.value(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)
