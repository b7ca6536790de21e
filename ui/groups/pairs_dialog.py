"""The planner's keep-together and keep-apart pairs, chosen from the people present."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workshop.i18n import _
from workshop.people.queries import PersonInfo


class PairsDialog(QDialog):
    """Keep-together and keep-apart pairs for the planner."""

    def __init__(self, parent: QWidget, people: list[PersonInfo], together, apart) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Keep together or apart"))
        self.names = {p.id: p.name for p in people}
        self.first = QComboBox()
        self.second = QComboBox()
        for combo in (self.first, self.second):
            for person in people:
                combo.addItem(person.name, person.id)
        add_together = QPushButton(_("Keep together"))
        add_apart = QPushButton(_("Keep apart"))
        add_together.clicked.connect(lambda: self._add("together"))
        add_apart.clicked.connect(lambda: self._add("apart"))
        self.list = QListWidget()
        for kind, pairs in (("together", together), ("apart", apart)):
            for pair in pairs:
                self._item(kind, tuple(pair))
        remove = QPushButton(_("Remove pair"))
        remove.clicked.connect(
            lambda: [self.list.takeItem(self.list.row(i)) for i in self.list.selectedItems()]
        )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        pick = QHBoxLayout()
        pick.addWidget(self.first, 1)
        pick.addWidget(self.second, 1)
        pick.addWidget(add_together)
        pick.addWidget(add_apart)
        layout = QVBoxLayout(self)
        layout.addLayout(pick)
        layout.addWidget(self.list, 1)
        layout.addWidget(remove)
        layout.addWidget(buttons)
        self.resize(620, 380)

    def _item(self, kind: str, pair: tuple[int, int]) -> None:
        if not all(pid in self.names for pid in pair):
            return
        word = _("together") if kind == "together" else _("apart")
        item = QListWidgetItem(f"{self.names[pair[0]]} + {self.names[pair[1]]}: {word}")
        item.setData(Qt.ItemDataRole.UserRole, (kind, pair))
        self.list.addItem(item)

    def _add(self, kind: str) -> None:
        a, b = self.first.currentData(), self.second.currentData()
        if a is None or b is None or a == b:
            return
        self._item(kind, (a, b))

    def pairs(self, kind: str) -> tuple[tuple[int, int], ...]:
        out = []
        for row in range(self.list.count()):
            k, pair = self.list.item(row).data(Qt.ItemDataRole.UserRole)
            if k == kind:
                out.append(tuple(pair))
        return tuple(out)
