"""The co-hosts field of the Gegevens page: names with an optional logo each.

Every change is one undoable `SetCoHosts` command (the page pushes what `changed` emits).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workshop.i18n import _
from workshop.sessions.cohosts import CoHostInfo

ICON = QSize(48, 32)


class CoHostsEditor(QWidget):
    changed = Signal(list, str)  # the new list of CoHostInfo, the step's label
    logo_file_chosen = Signal(int, str)  # row, path (the page reads and checks it off-thread)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cohosts-editor")
        self.hosts: list[CoHostInfo] = []
        self._dialog: QFileDialog | None = None
        self.list = QListWidget()
        self.list.setObjectName("cohosts-list")
        self.list.setIconSize(ICON)
        self.list.setMaximumHeight(110)
        self.list.currentRowChanged.connect(self._update_buttons)
        self.name = QLineEdit()
        self.name.setObjectName("cohost-name")
        self.name.setPlaceholderText(_("Co-host organisation — Enter adds it"))
        self.name.returnPressed.connect(self.add_typed)
        self.add_button = QPushButton(_("Add"))
        self.add_button.clicked.connect(self.add_typed)
        self.logo_button = QPushButton(_("Choose logo…"))
        self.logo_button.setObjectName("cohost-logo")
        self.logo_button.clicked.connect(self.choose_logo)
        self.clear_logo_button = QPushButton(_("Remove logo"))
        self.clear_logo_button.setObjectName("cohost-clear-logo")
        self.clear_logo_button.clicked.connect(self.clear_logo)
        self.remove_button = QPushButton(_("Remove co-host"))
        self.remove_button.setObjectName("cohost-remove")
        self.remove_button.clicked.connect(self.remove_current)
        self.message = QLabel()
        self.message.setObjectName("cohost-message")
        self.message.setWordWrap(True)
        self.message.hide()
        add_row = QHBoxLayout()
        add_row.addWidget(self.name, 1)
        add_row.addWidget(self.add_button)
        buttons = QHBoxLayout()
        for button in (self.logo_button, self.clear_logo_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(add_row)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self._update_buttons()

    def set_hosts(self, hosts: list[CoHostInfo]) -> None:
        row = self.list.currentRow()
        self.hosts = list(hosts)
        self.list.clear()
        for host in hosts:
            item = QListWidgetItem(host.name)
            if host.logo:
                pixmap = QPixmap()
                pixmap.loadFromData(host.logo)
                item.setIcon(QIcon(pixmap))
                item.setToolTip(_("{name} (with logo)").format(name=host.name))
            self.list.addItem(item)
        if hosts:
            self.list.setCurrentRow(max(0, min(row, len(hosts) - 1)))
        self._update_buttons()

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _update_buttons(self, *_args) -> None:
        row = self.list.currentRow()
        chosen = 0 <= row < len(self.hosts)
        self.logo_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)
        self.clear_logo_button.setEnabled(chosen and bool(self.hosts[row].logo))

    # -- edits --------------------------------------------------------------------------
    def add_typed(self) -> None:
        name = self.name.text().strip()
        if not name:
            return
        self.name.clear()
        self.show_message("")
        self.changed.emit(
            [*self.hosts, CoHostInfo(name)], _("Add co-host {name}").format(name=name)
        )

    def remove_current(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.hosts):
            name = self.hosts[row].name
            hosts = [h for i, h in enumerate(self.hosts) if i != row]
            self.changed.emit(hosts, _("Remove co-host {name}").format(name=name))

    def clear_logo(self) -> None:
        self.set_logo(self.list.currentRow(), None)

    def set_logo(self, row: int, logo: bytes | None) -> None:
        if not 0 <= row < len(self.hosts):
            return
        host = self.hosts[row]
        hosts = list(self.hosts)
        hosts[row] = CoHostInfo(host.name, logo)
        label = _("Logo of {name}") if logo else _("Remove logo of {name}")
        self.changed.emit(hosts, label.format(name=host.name))

    def choose_logo(self) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self.hosts):
            return
        dialog = QFileDialog(self, _("Logo of {name}").format(name=self.hosts[row].name))
        dialog.setObjectName("cohost-logo-dialog")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilters([_("Images (*.png *.jpg *.jpeg *.gif *.bmp *.webp)")])
        dialog.fileSelected.connect(
            lambda path, r=row: self.logo_file_chosen.emit(r, str(Path(path)))
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._dialog = dialog
        dialog.open()
