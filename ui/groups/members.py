"""The round's tables and their people as one item model; each card shows one table of it.

`RoundModel` is a two-level tree: the tables of the round, and under each table its members.
A card's member list is a `MemberList` (a `QListView`) rooted at its table, so a person is a
row of the model, not a widget. A drag carries the person and the table they come from; a drop
is reported as `member_dropped` and stored by the page as a command (the model then shows what
the library says, it never moves rows itself).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QFont
from PySide6.QtWidgets import QAbstractItemView, QFrame, QListView

from ui.kit import theme
from workshop.grouping.queries import GroupInfo, MemberInfo
from workshop.i18n import _
from workshop.model import Presence

MIME = "application/x-workshop-participant"
PID_ROLE = Qt.ItemDataRole.UserRole + 1
GROUP_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


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


def member_text(group: GroupInfo, member: MemberInfo) -> str:
    marks = ""
    if member.participant_id == group.host_id:
        marks += "★ "
    if member.participant_id == group.rapporteur_id:
        marks += "✎ "
    text = marks + member.name
    return text + (f" · {member.organisation}" if member.organisation else "")


def member_tip(group: GroupInfo, member: MemberInfo) -> str:
    if member.presence != Presence.PRESENT.value:
        return _("Not present: use “Absorb changes” to free the seat")
    tips = [member.name, member.organisation, member.role]
    if member.participant_id == group.host_id:
        tips.append(_("host"))
    if member.participant_id == group.rapporteur_id:
        tips.append(_("rapporteur"))
    return "\n".join(t for t in tips if t)


class RoundModel(QAbstractItemModel):
    """Tables (top level) and their members (children) of the round on the board."""

    member_dropped = Signal(int, int, int)  # group id, participant id, seat

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.groups: list[GroupInfo] = []
        self._members: list[tuple[MemberInfo, ...]] = []
        self._bold: QFont | None = None

    # -- content --------------------------------------------------------------------------
    def set_groups(self, groups: tuple[GroupInfo, ...] | list[GroupInfo]) -> None:
        """Show these tables. The same tables as before: only changed tables' rows are
        replaced (the views rooted at them stay); other tables: the model is reset."""
        if [g.id for g in groups] != [g.id for g in self.groups]:
            self.beginResetModel()
            self.groups = list(groups)
            self._members = [g.members for g in groups]
            self.endResetModel()
            return
        for row, group in enumerate(groups):
            if group == self.groups[row]:
                continue
            parent = self.index(row, 0)
            if self._members[row]:
                self.beginRemoveRows(parent, 0, len(self._members[row]) - 1)
                self._members[row] = ()
                self.endRemoveRows()
            self.groups[row] = group
            if group.members:
                self.beginInsertRows(parent, 0, len(group.members) - 1)
                self._members[row] = group.members
                self.endInsertRows()
            self.dataChanged.emit(parent, parent)

    def group_index(self, group_id: int) -> QModelIndex:
        for row, group in enumerate(self.groups):
            if group.id == group_id:
                return self.index(row, 0)
        return QModelIndex()

    # -- tree -----------------------------------------------------------------------------
    def index(self, row: int, column: int = 0, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, 0) if row < len(self.groups) else QModelIndex()
        if parent.internalId() != 0 or row >= len(self._members[parent.row()]):
            return QModelIndex()
        return self.createIndex(row, 0, parent.row() + 1)  # a member: its table's row + 1

    def parent(self, index: Index | None = None):  # type: ignore[override]
        if index is None:  # QObject.parent()
            return super().parent()
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        if not parent.isValid():
            return len(self.groups)
        if parent.internalId() != 0:
            return 0
        return len(self._members[parent.row()])

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 1

    def _at(self, index: Index) -> tuple[GroupInfo, MemberInfo | None]:
        if index.internalId() == 0:
            return self.groups[index.row()], None
        row = index.internalId() - 1
        return self.groups[row], self._members[row][index.row()]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        group, member = self._at(index)
        if role == GROUP_ROLE:
            return group.id
        if member is None:
            return group.title if role == Qt.ItemDataRole.DisplayRole else None
        if role == Qt.ItemDataRole.DisplayRole:
            return member_text(group, member)
        if role == PID_ROLE:
            return member.participant_id
        if role == Qt.ItemDataRole.ToolTipRole:
            return member_tip(group, member)
        if role == Qt.ItemDataRole.FontRole and member.participant_id == group.host_id:
            if self._bold is None:
                self._bold = QFont()
                self._bold.setBold(True)
            return self._bold
        if role == Qt.ItemDataRole.ForegroundRole and member.presence != Presence.PRESENT.value:
            return theme.colour("error")
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        group, member = self._at(index)
        flags = Qt.ItemFlag.ItemIsEnabled
        if member is None:
            return flags | Qt.ItemFlag.ItemIsDropEnabled if not group.locked else flags
        flags |= Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsDragEnabled if not group.locked else flags

    # -- drag and drop --------------------------------------------------------------------
    def mimeTypes(self) -> list[str]:  # noqa: N802 - Qt API
        return [MIME]

    def mimeData(self, indexes) -> QMimeData:  # noqa: N802 - Qt API
        members = [i for i in indexes if i.isValid() and i.internalId() != 0]
        if not members:
            return QMimeData()
        group, member = self._at(members[0])
        assert member is not None
        return encode_drag(member.participant_id, group.id)

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802 - Qt API
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def dropMimeData(self, data, action, row: int, column: int, parent: Index) -> bool:  # noqa: N802
        """A person dropped on a table (or on a member of it: that member's seat)."""
        decoded = decode_drag(data)
        if decoded is None or not parent.isValid():
            return False
        if parent.internalId() != 0:  # dropped on a member: take their seat
            row, parent = parent.row(), self.parent(parent)
        group = self.groups[parent.row()]
        if group.locked:
            return False
        seat = row if 0 <= row <= len(group.members) else len(group.members)
        self.member_dropped.emit(group.id, decoded[0], seat)
        return True


class MemberList(QListView):
    """One table's members: a view of the round model rooted at that table."""

    def __init__(self, model: RoundModel, row: int, parent=None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setRootIndex(model.index(row, 0))
        self.setUniformItemSizes(True)
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

    @property
    def round_model(self) -> RoundModel:
        model = self.model()
        assert isinstance(model, RoundModel)
        return model

    def count(self) -> int:
        return self.round_model.rowCount(self.rootIndex())

    def participant_at(self, point: QPoint) -> int | None:
        index = self.indexAt(point)
        return int(index.data(PID_ROLE)) if index.isValid() else None

    def seat_at(self, point: QPoint) -> int:
        index = self.indexAt(point)
        return index.row() if index.isValid() else self.count()

    def _accepts(self, data: QMimeData) -> bool:
        return data.hasFormat(MIME) and bool(
            self.round_model.flags(self.rootIndex()) & Qt.ItemFlag.ItemIsDropEnabled
        )

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt API
        if self._accepts(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802 - Qt API
        if self._accepts(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt API
        seat = self.seat_at(event.position().toPoint())
        if not self.round_model.dropMimeData(
            event.mimeData(), Qt.DropAction.MoveAction, seat, 0, self.rootIndex()
        ):
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)  # the list is redrawn from the library
        event.accept()

    def fit_height(self) -> None:
        rows = self.count()
        row = self.sizeHintForRow(0) if rows else 18
        self.setFixedHeight((rows + 1) * max(row, 14) + 4)  # one free row to drop on
