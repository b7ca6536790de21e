"""The bar over the Terugkoppeling page: the agenda item picker, the page's one message
line, and the cheat sheet button."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from ui.kit import theme
from workshop.i18n import _


class ItemBar(QWidget):
    """Which agenda item the notes go to, and what the page has to say."""

    item_chosen = Signal(int)
    help_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items = QComboBox()
        self.items.setObjectName("capture-item")
        self.items.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.items.setMinimumContentsLength(24)
        self.items.activated.connect(self._activated)
        help_button = QPushButton(_("Cheat sheet (F1)"))
        help_button.setObjectName("capture-help")
        help_button.clicked.connect(self.help_requested)
        self.message = QLabel()
        self.message.setObjectName("capture-message")
        self.message.setWordWrap(True)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(_("Agenda item")))
        row.addWidget(self.items)
        row.addWidget(self.message, 1)
        row.addWidget(help_button)

    def _activated(self, _index: int) -> None:
        item_id = self.items.currentData()
        if item_id is not None:
            self.item_chosen.emit(item_id)

    def show_items(self, labels: list[tuple[str, int]]) -> None:
        """The picker's entries (text, item id); rebuilt only when they changed."""
        current = [
            (self.items.itemText(n), self.items.itemData(n)) for n in range(self.items.count())
        ]
        if labels == current:
            return
        self.items.blockSignals(True)
        self.items.clear()
        for text, item_id in labels:
            self.items.addItem(text, item_id)
        self.items.blockSignals(False)

    def select(self, item_id: int) -> None:
        self.items.setCurrentIndex(max(0, self.items.findData(item_id)))

    def show_error(self, message: str) -> None:
        theme.set_status(self.message, message, "error")

    def show_info(self, message: str) -> None:
        theme.set_status(self.message, message, "muted")
