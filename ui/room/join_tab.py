"""The Telefoons page's "Join" tab: how phones join (QR code, code, PIN, the links to share)
and which phones are connected, with "send this phone away"."""

from __future__ import annotations

import time

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.projector.room_paint import draw_qr
from ui.room.service import RoomService
from workshop.i18n import _
from workshop.room.qr import qr_matrix


def qr_pixmap(text: str, side: int) -> QPixmap:
    """`text` as a QR code picture of `side` pixels (made on this machine)."""
    image = QImage(side, side, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    try:
        draw_qr(painter, QRectF(0, 0, side, side), qr_matrix(text))
    finally:
        painter.end()
    return QPixmap.fromImage(image)


class JoinTab(QWidget):
    """The server's address, code, PIN and QR code while it is on; the connected phones."""

    def __init__(self, service: RoomService) -> None:
        super().__init__()
        self.service = service
        self.qr = QLabel()
        self.qr.setFixedSize(150, 150)
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.join = QLabel()
        self.join.setWordWrap(True)
        self.join.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.join.setObjectName("room-join")
        self.links = QListWidget()
        self.links.setObjectName("room-links")
        self.links.setToolTip(_("The links to share; each table's rapporteur has its own"))
        join_row = QHBoxLayout()
        join_row.addWidget(self.qr)
        join_row.addWidget(self.join, 1)

        self.phones = QTableWidget(0, 4)
        self.phones.setObjectName("room-phones")
        self.phones.setHorizontalHeaderLabels([_("Phone"), _("Role"), _("Table"), _("Status")])
        self.phones.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.phones.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.phones.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.phones.verticalHeader().hide()
        self.revoke_button = QPushButton(_("Send this phone away"))
        self.revoke_button.clicked.connect(self._revoke)
        jl = QVBoxLayout(self)
        jl.addLayout(join_row)
        jl.addWidget(self.links, 1)
        jl.addWidget(QLabel(_("Connected phones")))
        jl.addWidget(self.phones, 2)
        jl.addWidget(self.revoke_button, 0, Qt.AlignmentFlag.AlignLeft)

    # -- how phones join ---------------------------------------------------------------------
    def show_access(self) -> None:
        """The QR code, code, PIN and links while the server is on; nothing while it is off."""
        s = self.service
        self.revoke_button.setEnabled(s.running)
        if not s.running:
            self.qr.clear()
            self.join.setText("")
            self.links.clear()
            return
        self.qr.setPixmap(qr_pixmap(s.join_url, self.qr.width()))
        self.join.setText(
            _("Scan the code, or type {code} at {address}").format(
                code=s.code, address=s.address + "/"
            )
            + "\n\n"
            + _("Remote's PIN: {pin}").format(pin=s.pin)
        )
        self.links.clear()
        rows = [(_("Participants"), s.join_url), (_("Remote"), s.remote_url)]
        rows += [
            (_("Rapporteur of {group}").format(group=label), url)
            for label, url in s.rapporteur_urls()
        ]
        for label, url in rows:
            item = QListWidgetItem(f"{label}: {url}")
            item.setToolTip(f"{label}: {url}")
            item.setData(Qt.ItemDataRole.UserRole, url)
            self.links.addItem(item)

    # -- connected phones --------------------------------------------------------------------
    def show_phones(self) -> None:
        """Refill the phones list, keeping the selected phone selected."""
        phones = self.service.phones()
        selected = self._selected_device()
        self.phones.setRowCount(len(phones))
        now = time.monotonic()
        roles = {"participant": _("participant"), "rapporteur": _("rapporteur")}
        for r, p in enumerate(phones):
            seen = int(now - p.last_seen)
            state = _("connected") if p.connected else _("seen {n} s ago").format(n=seen)
            cells = (
                p.device[:8],
                roles.get(p.role, p.role),
                self.service.group_label(p.group_id),
                state,
            )
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, p.device)
                self.phones.setItem(r, c, item)
            if p.device == selected:
                self.phones.selectRow(r)

    def _selected_device(self) -> str | None:
        items = self.phones.selectedItems()
        return items[0].data(Qt.ItemDataRole.UserRole) if items else None

    def _revoke(self) -> None:
        device = self._selected_device()
        if device:
            self.service.revoke(device)
