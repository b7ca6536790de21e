"""Send Ctrl+Z / Ctrl+Shift+Z to the app's undo stack, also while a text field has focus.

Text widgets keep their own little undo history and claim those keys first
(ShortcutOverride). Every edit here is already a stored command, so the app-wide stack must
win: this filter keeps the override from reaching the text widget.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractSpinBox, QLineEdit, QPlainTextEdit, QTextEdit

_KEYS = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)


class UndoRouter(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(
            watched, QLineEdit | QPlainTextEdit | QTextEdit | QAbstractSpinBox
        ):
            assert isinstance(event, QKeyEvent)
            if any(event.matches(key) for key in _KEYS) or (
                event.keyCombination().toCombined() == QKeySequence("Ctrl+Shift+Z")[0].toCombined()
            ):
                if getattr(watched, "keep_own_undo", False):
                    return False
                event.ignore()
                return True
        return False
