"""One table of a round as a card: names, theme, lock, report order and its members.

The members are a `MemberList` over the board's `RoundModel`; the card holds no per-person
widgets. The card paints its own rounded border (amber when locked) and sets fonts and
palettes directly: style sheets cost a style pass per widget, which doubled the board's
stalls.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRectF, Qt, Signal
from PySide6.QtGui import QAction, QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui.groups.members import MemberList, RoundModel
from workshop.grouping.queries import GroupInfo
from workshop.i18n import N_, _, plural

BORDER, LOCKED_BORDER = QColor("#c9d1d9"), QColor("#b7791f")


class GroupCard(QFrame):
    """A card for one group. Edits are reported as signals; the page stores them."""

    lock_toggled = Signal(int, bool)
    text_edited = Signal(int, str, str)  # group id, field, text
    role_chosen = Signal(int, str, object)  # group id, "host_id"/"rapporteur_id", pid or None
    move_requested = Signal(int, object)  # participant id, group id (None: out of the round)
    report_position_changed = Signal(int, int)  # group id, 1-based position

    def __init__(
        self,
        group: GroupInfo,
        others: list[tuple[int, str]],
        report_count: int,
        model: RoundModel,
        row: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)  # made in place: its widgets are styled once, not on reparent
        self.group = group
        self.others = others
        self.setObjectName(f"group-card-{group.position + 1}")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setMinimumWidth(260)

        self.table_edit = self._edit("table_name", _("Table"))
        self.name_edit = self._edit("name", _("Group name"))
        self.theme_edit = self._edit("theme", _("Theme"))
        self.lock = QToolButton(self)
        self.lock.setObjectName("lock-group")
        self.lock.setCheckable(True)
        self.lock.setToolTip(_("A locked group keeps its people when you plan again"))
        self.lock.toggled.connect(lambda on: self.lock_toggled.emit(self.group.id, on))
        self.count = QLabel(self)
        self.count.setObjectName("group-count")
        quiet = self.count.palette()
        quiet.setColor(QPalette.ColorRole.WindowText, quiet.color(QPalette.ColorRole.Mid))
        self.count.setPalette(quiet)
        bold = self.table_edit.font()
        bold.setBold(True)
        bold.setPointSizeF(max(bold.pointSizeF(), 10.0) + 1)
        self.table_edit.setFont(bold)
        self.report = QSpinBox(self)
        self.report.setObjectName("report-position")
        self.report.setPrefix(_("reports ") + "#")
        self.report.setToolTip(_("Order in the plenary feedback"))
        self.report.valueChanged.connect(
            lambda v: self.report_position_changed.emit(self.group.id, v)
        )
        self.members = MemberList(model, row, self)
        self.members.setObjectName("group-members")
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
        self._locked_shown: bool | None = None
        self.show_group(group, others, report_count)

    def rebind(
        self, group: GroupInfo, others: list[tuple[int, str]], report_count: int, row: int
    ) -> None:
        """Show another table (row `row` of the model): a new round reuses the cards."""
        self.setObjectName(f"group-card-{group.position + 1}")
        self.members.setRootIndex(self.members.model().index(row, 0))
        self.show_group(group, others, report_count)

    def show_group(
        self, group: GroupInfo, others: list[tuple[int, str]], report_count: int
    ) -> None:
        """Show (again) what is stored; a field being typed in keeps its text. The members
        come from the model (updated by the board before this is called)."""
        self.group = group
        self.others = others
        if self._locked_shown != group.locked:
            self._locked_shown = group.locked
            self.setProperty("locked", group.locked)
            self.update()  # the border's colour
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
        self.members.fit_height()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(LOCKED_BORDER if self.group.locked else BORDER, 2))
        painter.setBrush(self.palette().color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 8, 8)

    def _edit(self, field: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(f"group-{field}")
        edit.setPlaceholderText(placeholder)
        edit.setToolTip(placeholder)
        edit.setMaxLength(300)
        edit.editingFinished.connect(
            lambda: (
                self.text_edited.emit(self.group.id, field, edit.text())
                if edit.text().strip() != getattr(self.group, field)
                else None
            )
        )
        return edit

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
        participant_id = self.members.participant_at(point)
        if participant_id is None:
            return
        self.menu_for(participant_id).popup(self.members.viewport().mapToGlobal(point))


class EmptyHint(QWidget):
    """Why the board is empty (no round planned, or no agenda items)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        label = QLabel(text)
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setStyleSheet("color:palette(mid);font-size:12pt;padding:40px;")
        layout = QVBoxLayout(self)
        layout.addWidget(label)
