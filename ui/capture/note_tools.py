"""The row of note tools under the note list (star, dot-votes, move, merge, delete).

On a narrow column (a laptop beside the projector panel) the worded tools move to a second
row instead of being cut off.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from workshop.i18n import _

#: the tools that move to the second row on a narrow column
WORDED = ("move", "merge", "delete")
ICON_WIDTH = 44


class NoteTools(QWidget):
    """Buttons acting on the chosen notes; enabled by how many notes are chosen."""

    star = Signal()
    vote = Signal(int)  # +1 or -1
    move = Signal()
    merge = Signal()
    delete = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("capture-note-tools")
        self._top = QHBoxLayout()
        self._bottom = QHBoxLayout()
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(2)
        rows.addLayout(self._top)
        rows.addLayout(self._bottom)
        self.buttons: dict[str, QPushButton] = {}
        for key, label, tip, signal in (
            ("star", "★", _("Star (Ctrl+D)"), self.star.emit),
            ("vote_up", "+●", _("One dot-vote more (+)"), lambda: self.vote.emit(1)),
            ("vote_down", "−●", _("One dot-vote less (−)"), lambda: self.vote.emit(-1)),
            (
                "move",
                _("Move…"),
                _("Move the chosen notes to another group or item"),
                self.move.emit,
            ),
            ("merge", _("Merge"), _("Merge the chosen notes (Ctrl+M)"), self.merge.emit),
            (
                "delete",
                _("Delete"),
                _("Delete the chosen notes (Delete; Ctrl+Z brings them back)"),
                self.delete.emit,
            ),
        ):
            button = QPushButton(label)
            button.setObjectName(f"capture-{key}")
            button.setToolTip(tip)
            button.clicked.connect(signal)
            if key not in WORDED:
                button.setFixedWidth(ICON_WIDTH)
            self._top.addWidget(button)
            self.buttons[key] = button
        self._top.addStretch(1)
        self._bottom.addStretch(1)
        self.split = False  # True: the worded tools are on the second row

    def set_chosen(self, count: int) -> None:
        """Enable the tools that fit `count` chosen notes (merging needs two)."""
        for key, button in self.buttons.items():
            button.setEnabled(count >= (2 if key == "merge" else 1))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self.arrange(event.size().width())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        """Narrow enough for two rows, so a narrow column wraps the worded tools instead
        of being held at the width of one row (a push button's minimum is its size hint)."""
        icons = [k for k in self.buttons if k not in WORDED]
        width = max(self._row_width(icons), self._row_width(list(WORDED)))
        return QSize(width, super().minimumSizeHint().height())

    def _row_width(self, keys: list[str]) -> int:
        spacing = max(0, self._top.spacing()) or 6
        widths = [
            b.maximumWidth() if b.minimumWidth() == b.maximumWidth() else b.sizeHint().width()
            for b in (self.buttons[k] for k in keys)
        ]
        return sum(widths) + spacing * (len(widths) - 1)

    def arrange(self, width: int) -> None:
        """The worded tools on a second row when one row would not fit in `width`."""
        split = width < self._row_width(list(self.buttons))
        if split == self.split:
            return
        self.split = split
        row = self._bottom if split else self._top
        for key in WORDED:
            row.insertWidget(row.count() - 1, self.buttons[key])  # before the stretch
        self.updateGeometry()  # one row or two: another height
