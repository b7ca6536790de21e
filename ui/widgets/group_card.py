"""One group (table) of a round as a card: names, theme, lock, members to drag, host marked."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QMimeData, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui.kit import theme
from workshop.grouping.queries import GroupInfo
from workshop.i18n import N_, _, plural
from workshop.model import Presence

MIME = "application/x-workshop-participant"
PID_ROLE = Qt.ItemDataRole.UserRole + 1


def encode_drag(participant_id: int, group_id: int) -> QMimeData:
    data = QMimeData()
    data.setData(MIME, QByteArray(f"{participant_id}:{group_id}".encode()))
    data.setText(str(participant_id))
    return data


def decode_drag(data: QMimeData) -> tuple[int, int] | None:
    if not data.hasFormat(MIME):
        return None
    try:
        pid, gid = bytes(data.data(MIME).data()).decode().split(":")
        return int(pid), int(gid)
    except ValueError:
        return None


class MemberList(QListWidget):
    """The members of a group; people are dragged out of it and dropped into another."""

    dropped = Signal(int, int)  # participant id, seat

    def __init__(self, group_id: int) -> None:
        super().__init__()
        self.group_id = group_id
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setFrameShape(QFrame.Shape.NoFrame)

    def mimeTypes(self) -> list[str]:  # noqa: N802 - Qt API
        return [MIME]

    def mimeData(self, items) -> QMimeData:  # noqa: N802 - Qt API
        pid = items[0].data(PID_ROLE) if items else 0
        return encode_drag(int(pid), self.group_id)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt API
        if event.mimeData().hasFormat(MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802 - Qt API
        if event.mimeData().hasFormat(MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def seat_at(self, point: QPoint) -> int:
        item = self.itemAt(point)
        return self.row(item) if item is not None else self.count()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt API
        decoded = decode_drag(event.mimeData())
        if decoded is None:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)  # the list is redrawn from the library
        event.accept()
        self.dropped.emit(decoded[0], self.seat_at(event.position().toPoint()))

    def fit_height(self) -> None:
        row = self.sizeHintForRow(0) if self.count() else 18
        self.setFixedHeight((self.count() + 1) * max(row, 14) + 4)  # one free row to drop on


class GroupCard(QFrame):
    """A card for one group. Edits and drags are reported as signals; the page stores them."""

    member_dropped = Signal(int, int, int)  # group id, participant id, seat
    lock_toggled = Signal(int, bool)
    text_edited = Signal(int, str, str)  # group id, field, text
    role_chosen = Signal(int, str, object)  # group id, "host_id"/"rapporteur_id", pid or None
    move_requested = Signal(int, object)  # participant id, group id (None: out of the round)
    report_position_changed = Signal(int, int)  # group id, 1-based position

    def __init__(self, group: GroupInfo, others: list[tuple[int, str]], report_count: int) -> None:
        super().__init__()
        self.group = group
        self.others = others
        self.setObjectName(f"group-card-{group.position + 1}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumWidth(260)

        self.table_edit = self._edit("table_name", _("Table"), bold=True)
        self.name_edit = self._edit("name", _("Group name"))
        self.theme_edit = self._edit("theme", _("Theme"))
        self.lock = QToolButton()
        self.lock.setObjectName("lock-group")
        self.lock.setCheckable(True)
        self.lock.setToolTip(_("A locked group keeps its people when you plan again"))
        self.lock.toggled.connect(lambda on: self.lock_toggled.emit(self.group.id, on))
        self.count = QLabel()
        self.count.setStyleSheet("color:palette(mid);")
        self.report = QSpinBox()
        self.report.setObjectName("report-position")
        self.report.setPrefix(_("reports ") + "#")
        self.report.setToolTip(_("Order in the plenary feedback"))
        self.report.valueChanged.connect(
            lambda v: self.report_position_changed.emit(self.group.id, v)
        )
        self.members = MemberList(group.id)
        self.members.setObjectName("group-members")
        self.members.dropped.connect(
            lambda pid, seat: self.member_dropped.emit(self.group.id, pid, seat)
        )
        self.members.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.members.customContextMenuRequested.connect(self._menu)

        head = QHBoxLayout()
        head.addWidget(self.table_edit, 1)
        head.addWidget(self.lock)
        foot = QHBoxLayout()
        foot.addWidget(self.count)
        foot.addStretch(1)
        foot.addWidget(self.report)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addLayout(head)
        layout.addWidget(self.name_edit)
        layout.addWidget(self.theme_edit)
        layout.addWidget(self.members)
        layout.addLayout(foot)
        self.show_group(group, others, report_count)

    def show_group(
        self, group: GroupInfo, others: list[tuple[int, str]], report_count: int
    ) -> None:
        """Show (again) what is stored; a field being typed in keeps its text."""
        self.group = group
        self.others = others
        self.members.group_id = group.id
        if getattr(self, "_locked_shown", None) != group.locked:  # style sheets are costly
            self._locked_shown = group.locked
            border = "#b7791f" if group.locked else "#c9d1d9"
            self.setStyleSheet(
                f"GroupCard{{background:palette(base);border:2px solid {border};"
                "border-radius:8px;}"
            )
            self.lock.setStyleSheet(
                "background:#b7791f;color:white;font-weight:600;" if group.locked else ""
            )
        for edit, value in (
            (self.table_edit, group.table_name),
            (self.name_edit, group.name),
            (self.theme_edit, group.theme),
        ):
            if not edit.hasFocus() and edit.text() != value:
                edit.setText(value)
        self.lock.blockSignals(True)
        self.lock.setChecked(group.locked)
        self.lock.blockSignals(False)
        self.lock.setText(_("Locked") if group.locked else _("Lock"))
        self.count.setText(
            plural(len(group.members), N_("{n} person"), N_("{n} people")).format(
                n=len(group.members)
            )
        )
        self.report.blockSignals(True)
        self.report.setRange(1, max(report_count, 1))
        position = group.report_position if group.report_position is not None else group.position
        self.report.setValue(position + 1)
        self.report.blockSignals(False)
        self.members.clear()
        for member in group.members:
            self.members.addItem(self._member_item(group, member))
        self.members.fit_height()
        self.members.setDragEnabled(not group.locked)
        self.members.setAcceptDrops(not group.locked)

    @staticmethod
    def _member_item(group: GroupInfo, member) -> QListWidgetItem:
        marks = ""
        tips = [member.name, member.organisation, member.role]
        if member.participant_id == group.host_id:
            marks += "★ "
            tips.append(_("host"))
        if member.participant_id == group.rapporteur_id:
            marks += "✎ "
            tips.append(_("rapporteur"))
        text = marks + member.name
        if member.organisation:
            text += f" · {member.organisation}"
        item = QListWidgetItem(text)
        item.setToolTip("\n".join(t for t in tips if t))
        item.setData(PID_ROLE, member.participant_id)
        if member.participant_id == group.host_id:
            font = item.font()
            font.setBold(True)
            item.setFont(font)
        if member.presence != Presence.PRESENT.value:
            item.setForeground(theme.colour("error"))
            item.setToolTip(_("Not present: use “Absorb changes” to free the seat"))
        return item

    def _edit(self, field: str, placeholder: str, bold: bool = False) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(f"group-{field}")
        edit.setPlaceholderText(placeholder)
        edit.setToolTip(placeholder)
        edit.setMaxLength(300)
        if bold:
            edit.setStyleSheet("font-weight:600;font-size:11pt;")
        edit.editingFinished.connect(
            lambda: (
                self.text_edited.emit(self.group.id, field, edit.text())
                if edit.text().strip() != getattr(self.group, field)
                else None
            )
        )
        return edit

    def member_row(self, participant_id: int) -> int:
        for row in range(self.members.count()):
            if self.members.item(row).data(PID_ROLE) == participant_id:
                return row
        return -1

    def menu_for(self, participant_id: int) -> QMenu:
        """The actions for one member (also used by tests and keyboard users)."""
        group = self.group
        menu = QMenu(self)
        host = QAction(_("Make host"), menu)
        host.setCheckable(True)
        host.setChecked(group.host_id == participant_id)
        host.triggered.connect(
            lambda on: self.role_chosen.emit(group.id, "host_id", participant_id if on else None)
        )
        rapporteur = QAction(_("Make rapporteur"), menu)
        rapporteur.setCheckable(True)
        rapporteur.setChecked(group.rapporteur_id == participant_id)
        rapporteur.triggered.connect(
            lambda on: self.role_chosen.emit(
                group.id, "rapporteur_id", participant_id if on else None
            )
        )
        menu.addAction(host)
        menu.addAction(rapporteur)
        move = menu.addMenu(_("Move to"))
        for gid, title in self.others:
            action = move.addAction(title)
            action.setObjectName(f"move-to-{gid}")
            action.triggered.connect(
                lambda _c=False, g=gid: self.move_requested.emit(participant_id, g)
            )
        menu.addSeparator()
        out = menu.addAction(_("Take out of this round"))
        out.triggered.connect(lambda: self.move_requested.emit(participant_id, None))
        if group.locked:  # a locked group keeps its people; host and rapporteur may change
            move.setEnabled(False)
            out.setEnabled(False)
        return menu

    def _menu(self, point: QPoint) -> None:
        item = self.members.itemAt(point)
        if item is None:
            return
        menu = self.menu_for(int(item.data(PID_ROLE)))
        menu.popup(self.members.viewport().mapToGlobal(point))


class EmptyHint(QWidget):
    def __init__(self, text: str) -> None:
        super().__init__()
        label = QLabel(text)
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setStyleSheet("color:palette(mid);font-size:12pt;padding:40px;")
        layout = QVBoxLayout(self)
        layout.addWidget(label)
