"""The projector panel in the session window: a live thumbnail and the controls."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui.projector.controller import ProjectorController
from ui.projector.thumbnail import ProjectorThumbnail
from workshop.i18n import _
from workshop.projector.state import PRESET_MESSAGES, Mode, mode_title

MODE_ORDER = (Mode.WELCOME, Mode.AGENDA_ITEM, Mode.PROGRAMME, Mode.BREAKOUT, Mode.REPORTING)
PANEL_WIDTH = 320  # the dock's width on a 1280-wide laptop screen
MIN_PANEL_WIDTH = 270


def short_mode_title(mode: Mode) -> str:
    """The state's name on its button (the full name is the tooltip)."""
    if mode == Mode.REPORTING:
        return _("Feedback")
    return mode_title(mode)


def _small(button: QPushButton) -> None:
    """A one-symbol button (◀ ▶ ✕): just wide enough for its symbol."""
    button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    button.setFixedWidth(button.fontMetrics().horizontalAdvance(button.text()) + 22)


def _compact(button: QPushButton) -> None:
    """A button that may shrink below its text's width (the text stays; the tooltip says
    it whole) so the panel never forces the dock wider than the laptop allows."""
    button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
    button.setMinimumWidth(28)


class ProjectorControlPanel(QWidget):
    """Thumbnail, state, and the switches: states, message, blackout, freeze, theme."""

    def __init__(self, controller: ProjectorController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("projector-panel")
        self.controller = controller
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)

        self.thumbnail = ProjectorThumbnail(controller)
        layout.addWidget(self.thumbnail)
        self.state_label = QLabel()
        self.state_label.setObjectName("projector-state")
        self.state_label.setWordWrap(True)
        font = self.state_label.font()
        font.setBold(True)
        self.state_label.setFont(font)
        layout.addWidget(self.state_label)
        self.placement_label = QLabel()
        self.placement_label.setWordWrap(True)
        layout.addWidget(self.placement_label)
        self.prepared_label = QLabel(_("Ready to show when you unfreeze:"))
        self.prepared = ProjectorThumbnail(controller, prepared=True)
        self.prepared.setMaximumHeight(160)
        layout.addWidget(self.prepared_label)
        layout.addWidget(self.prepared)

        row = QHBoxLayout()
        self.open_button = QPushButton(_("Projector on/off (F5)"))
        self.open_button.setCheckable(True)
        self.open_button.clicked.connect(lambda: controller.toggle_window())
        self.full_button = QPushButton(_("Full screen"))
        self.full_button.setToolTip(_("Full screen on the screen the projector window is on"))
        self.full_button.clicked.connect(controller.go_full_screen)
        for button in (self.open_button, self.full_button):
            _compact(button)
            row.addWidget(button)
        layout.addLayout(row)
        self.screen_box = QComboBox()
        self.screen_box.setObjectName("projector-screen")
        self.screen_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.screen_box.setMinimumContentsLength(8)
        self.screen_box.activated.connect(self._screen_chosen)

        grid = QGridLayout()
        grid.setSpacing(4)
        self.mode_buttons: dict[Mode, QPushButton] = {}
        self.mode_group = QButtonGroup(self)
        self.mode_group.setExclusive(True)
        for n, mode in enumerate(MODE_ORDER):
            button = QPushButton(short_mode_title(mode))
            button.setToolTip(_("{state} (key {n})").format(state=mode_title(mode), n=n + 1))
            button.setCheckable(True)
            button.setObjectName(f"projector-mode-{mode.value}")
            button.clicked.connect(lambda _checked=False, m=mode: controller.show_mode(m))
            _compact(button)
            self.mode_group.addButton(button)
            self.mode_buttons[mode] = button
            last = n == len(MODE_ORDER) - 1 and n % 2 == 0
            grid.addWidget(button, n // 2, n % 2, 1, 2 if last else 1)
        layout.addLayout(grid)

        row = QHBoxLayout()
        self.blackout_button = QPushButton(_("Blackout (B)"))
        self.blackout_button.setCheckable(True)
        self.blackout_button.clicked.connect(controller.set_blackout)
        self.freeze_button = QPushButton(_("Freeze (F)"))
        self.freeze_button.setCheckable(True)
        self.freeze_button.setToolTip(
            _("The room keeps seeing this picture while you prepare the next one")
        )
        self.freeze_button.clicked.connect(controller.set_frozen)
        for button in (self.blackout_button, self.freeze_button):
            _compact(button)
            row.addWidget(button)
        layout.addLayout(row)

        row = QHBoxLayout()
        self.message_box = QComboBox()
        self.message_box.setEditable(True)
        self.message_box.addItems([_(m) for m in PRESET_MESSAGES])
        self.message_box.setCurrentText("")
        self.message_box.lineEdit().setPlaceholderText(_("Message for the room"))
        self.message_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.message_box.setMinimumContentsLength(6)
        self.message_box.lineEdit().returnPressed.connect(self._show_message)
        self.message_button = QPushButton(_("Show"))
        self.message_button.setToolTip(_("Show the message on the projector"))
        self.message_button.clicked.connect(self._show_message)
        self.clear_button = QPushButton("✕")
        self.clear_button.setToolTip(_("Remove the message from the projector"))
        self.clear_button.setAccessibleName(_("Remove"))
        self.clear_button.clicked.connect(controller.clear_message)
        _small(self.message_button)
        _small(self.clear_button)
        row.addWidget(self.message_box, 1)
        row.addWidget(self.message_button)
        row.addWidget(self.clear_button)
        layout.addLayout(row)

        row = QHBoxLayout()
        self.round_label = QLabel(_("Round:"))
        self.round_box = QComboBox()
        self.round_box.setObjectName("projector-round")
        self.round_box.setToolTip(
            _(
                "The breakout round on the projector. It follows the Live step and the round "
                "you open on Groepen; the latest choice wins."
            )
        )
        self.round_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.round_box.setMinimumContentsLength(8)
        self.round_box.activated.connect(self._round_chosen)
        row.addWidget(self.round_label)
        row.addWidget(self.round_box, 1)
        layout.addLayout(row)

        row = QHBoxLayout()
        self.previous_group = QPushButton("◀")
        self.previous_group.setToolTip(_("Previous group reporting"))
        self.previous_group.clicked.connect(lambda: controller.step_reporting_group(-1))
        self.group_label = QLabel()
        self.group_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.group_label.setWordWrap(True)  # long table names wrap instead of widening the dock
        self.group_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.group_label.setMinimumWidth(60)
        self.next_group = QPushButton("▶")
        self.next_group.setToolTip(_("Next group reporting"))
        self.next_group.clicked.connect(lambda: controller.step_reporting_group(1))
        for button in (self.previous_group, self.next_group):
            _small(button)
        row.addWidget(self.previous_group)
        row.addWidget(self.group_label, 1)
        row.addWidget(self.next_group)
        layout.addLayout(row)

        self.notes_check = QCheckBox(_("Show the captured points (N)"))
        self.notes_check.toggled.connect(controller.set_show_notes)
        self.dark_check = QCheckBox(_("Dark projector theme (T)"))
        self.dark_check.toggled.connect(controller.set_dark)
        self.follow_check = QCheckBox(_("Follow the running agenda item"))
        self.follow_check.toggled.connect(controller.set_follow_agenda)
        layout.addWidget(self.notes_check)

        # less-used options: folded away so the panel stays narrow and short
        self.more_button = QToolButton()
        self.more_button.setObjectName("projector-more")
        self.more_button.setText(_("More options"))
        self.more_button.setCheckable(True)
        self.more_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.more_button.setArrowType(Qt.ArrowType.RightArrow)
        self.more_button.setAutoRaise(True)
        self.more_button.toggled.connect(self._fold)
        layout.addWidget(self.more_button)
        self.more = QWidget()
        self.more.setObjectName("projector-more-options")
        more = QVBoxLayout(self.more)
        more.setContentsMargins(12, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(QLabel(_("Screen:")))
        row.addWidget(self.screen_box, 1)
        more.addLayout(row)
        more.addWidget(self.dark_check)
        more.addWidget(self.follow_check)
        self.more.hide()
        layout.addWidget(self.more)
        layout.addStretch(1)

        controller.changed.connect(self.refresh)
        controller.placement_changed.connect(self.refresh)
        controller.content_loaded.connect(self.refresh)
        self.refresh()

    def _fold(self, unfolded: bool) -> None:
        self.more.setVisible(unfolded)
        self.more_button.setArrowType(
            Qt.ArrowType.DownArrow if unfolded else Qt.ArrowType.RightArrow
        )

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        """About 320 px wide: the dock takes a quarter of a laptop screen, not half."""
        hint = super().sizeHint()
        return QSize(min(hint.width(), PANEL_WIDTH), hint.height())

    def _screen_chosen(self, index: int) -> None:
        self.controller.use_screen(self.screen_box.itemData(index) or "")

    def _refresh_screens(self) -> None:
        c = self.controller
        wanted = [("", _("Automatic"))] + [
            (s.name(), f"{s.name()} · {s.size().width()}×{s.size().height()}")
            for s in c.other_screens()
        ]
        current = [
            (self.screen_box.itemData(i), self.screen_box.itemText(i))
            for i in range(self.screen_box.count())
        ]
        if current != wanted:
            self.screen_box.blockSignals(True)
            self.screen_box.clear()
            for name, text in wanted:
                self.screen_box.addItem(text, name)
            self.screen_box.blockSignals(False)
        index = self.screen_box.findData(c.prefs.screen_name)
        self.screen_box.setCurrentIndex(max(0, index))
        self.screen_box.setEnabled(len(wanted) > 1)
        if len(wanted) == 1:
            self.screen_box.setToolTip(_("Connect a beamer to show the projector full screen"))

    def _show_message(self) -> None:
        self.controller.set_message(self.message_box.currentText())

    def _round_chosen(self, index: int) -> None:
        round_id = self.round_box.itemData(index)
        if round_id is not None:
            self.controller.select_round(round_id)

    def _refresh_rounds(self) -> None:
        """One entry per breakout round ("Ronde 2 · Tafelgesprekken"); the shown one chosen."""
        c = self.controller
        content = c.content
        rounds = content.rounds if content is not None else ()
        titles = {i.id: i.title for i in content.agenda} if content is not None else {}
        items = {r.agenda_item_id for r in rounds if r.agenda_item_id is not None}
        wanted = []
        for rnd in rounds:
            siblings = content.rounds_of(rnd.agenda_item_id)
            if len(siblings) > 1 and rnd in siblings:
                text = _("Round {n} of {total}").format(
                    n=siblings.index(rnd) + 1, total=len(siblings)
                )
            else:
                text = _("Round {n}").format(n=rnd.number)
            extra = rnd.title.strip() or (
                titles.get(rnd.agenda_item_id, "") if len(items) > 1 else ""
            )
            wanted.append((rnd.id, f"{text} · {extra}" if extra else text))
        current = [
            (self.round_box.itemData(i), self.round_box.itemText(i))
            for i in range(self.round_box.count())
        ]
        if current != wanted:
            self.round_box.blockSignals(True)
            self.round_box.clear()
            for round_id, text in wanted:
                self.round_box.addItem(text, round_id)
                self.round_box.setItemData(
                    self.round_box.count() - 1, text, Qt.ItemDataRole.ToolTipRole
                )
            self.round_box.blockSignals(False)
        shown = c.current_round()
        index = self.round_box.findData(shown.id) if shown is not None else -1
        if self.round_box.currentIndex() != index:
            self.round_box.blockSignals(True)
            self.round_box.setCurrentIndex(index)
            self.round_box.blockSignals(False)
        self.round_box.setEnabled(bool(wanted))
        if not wanted:
            self.round_box.setPlaceholderText(_("No rounds yet"))

    def refresh(self) -> None:
        c = self.controller
        state = c.state
        visible = c.scene().state
        parts = [_("On the projector: {state}").format(state=mode_title(visible.mode))]
        if visible.frozen and visible.mode != state.mode:
            parts.append(_("frozen (next: {state})").format(state=mode_title(state.mode)))
        elif visible.frozen:
            parts.append(_("frozen"))
        if visible.blackout:
            parts.append(_("blacked out"))
        if visible.message:
            parts.append(_("message shown"))
        self.state_label.setText(" · ".join(parts))
        self.prepared_label.setVisible(visible.frozen)
        self.prepared.setVisible(visible.frozen)
        self.placement_label.setText(c.error or c.placement_text())
        self._refresh_screens()
        for mode, button in self.mode_buttons.items():
            if button.isChecked() != (mode == state.mode):
                button.setChecked(mode == state.mode)
        for widget, value in (
            (self.open_button, c.is_open()),
            (self.blackout_button, state.blackout),
            (self.freeze_button, state.frozen),
            (self.notes_check, state.show_notes),
            (self.dark_check, state.dark),
            (self.follow_check, state.follow_agenda),
        ):
            if widget.isChecked() != value:
                widget.blockSignals(True)
                widget.setChecked(value)
                widget.blockSignals(False)
        self._refresh_rounds()
        group = c.reporting_group()
        floor = c.floor_group_id()
        if group is None:
            self.group_label.setText(_("No groups yet"))
        elif floor is not None and floor == group.id:
            self.group_label.setText(_("Has the floor: {group}").format(group=group.label))
        else:
            self.group_label.setText(group.label)
        has_groups = group is not None
        self.previous_group.setEnabled(has_groups)
        self.next_group.setEnabled(has_groups)
