"""The row of note tools under the note list (star, dot-votes, move, merge, delete).

On a narrow column (a laptop beside the projector panel) the worded tools move to a second
row, and on a narrower one (or with a wider font) they wrap onto a third, instead of being
cut off.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from workshop.i18n import _

#: the tools that move below the icons on a narrow column
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
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(2)
        # the icons' row, then as many rows as the worded tools may need (one each at most)
        self._rows = [QHBoxLayout() for _row in range(1 + len(WORDED))]
        for row in self._rows:
            rows.addLayout(row)
        self._top = self._rows[0]
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
        for row in self._rows:
            row.addStretch(1)
        self._placed = tuple(0 for _key in WORDED)  # the row of each worded tool
        self.split = False  # True: the worded tools are below the icons

    def set_chosen(self, count: int) -> None:
        """Enable the tools that fit `count` chosen notes (merging needs two)."""
        for key, button in self.buttons.items():
            button.setEnabled(count >= (2 if key == "merge" else 1))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self.arrange(event.size().width())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        """Narrow enough for the icons' row and the widest worded tool, so a narrow column
        wraps the worded tools instead of being held at the width of one row (a push
        button's minimum is its size hint)."""
        icons = [k for k in self.buttons if k not in WORDED]
        width = max([self._row_width(icons)] + [self._row_width([k]) for k in WORDED])
        return QSize(width, super().minimumSizeHint().height())

    def _row_width(self, keys: list[str]) -> int:
        spacing = max(0, self._top.spacing()) or 6
        widths = [
            b.maximumWidth() if b.minimumWidth() == b.maximumWidth() else b.sizeHint().width()
            for b in (self.buttons[k] for k in keys)
        ]
        return sum(widths) + spacing * (len(widths) - 1)

    def arrange(self, width: int) -> None:
        """All tools on one row when they fit in `width`; else the worded tools below the
        icons, as many to a row as fit."""
        placed = self._rows_for(width)
        if placed == self._placed:
            return
        self._placed = placed
        self.split = any(placed)
        for key in WORDED:  # out of every row first: a count taken with it in is off by one
            for row in self._rows:
                row.removeWidget(self.buttons[key])
        for key, index in zip(WORDED, placed, strict=True):
            row = self._rows[index]
            row.insertWidget(row.count() - 1, self.buttons[key])  # before the stretch
        self.updateGeometry()  # another number of rows: another height

    def _rows_for(self, width: int) -> tuple[int, ...]:
        if width >= self._row_width(list(self.buttons)):
            return tuple(0 for _key in WORDED)
        placed: list[int] = []
        row, on_row = 1, []
        for key in WORDED:
            if on_row and self._row_width(on_row + [key]) > width:
                row, on_row = row + 1, []
            on_row.append(key)
            placed.append(row)
        return tuple(placed)
