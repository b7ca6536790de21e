"""The projector panel in the session window: a live thumbnail and the controls."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QKeySequence, QPainter, QPaintEvent, QPen, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDockWidget,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui.projector.controller import ProjectorController
from ui.projector.render import paint_scene
from workshop.i18n import _
from workshop.projector.state import PRESET_MESSAGES, Mode, mode_title

MODE_ORDER = (Mode.WELCOME, Mode.AGENDA_ITEM, Mode.PROGRAMME, Mode.BREAKOUT, Mode.REPORTING)


class ProjectorThumbnail(QWidget):
    """A miniature of exactly what the room sees (same drawing, scaled down)."""

    def __init__(
        self,
        controller: ProjectorController,
        parent: QWidget | None = None,
        prepared: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("projector-prepared" if prepared else "projector-thumbnail")
        self.controller = controller
        # prepared: the picture the room gets when freeze is switched off
        self.scene_of = controller.prepared_scene if prepared else controller.scene
        self.setMinimumSize(QSize(240, 135))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        controller.changed.connect(self.update)
        controller.placement_changed.connect(self.updateGeometry)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt API
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt API
        w, h = self.controller.picture_size()
        return max(1, round(width * h / max(1, w)))

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(320, self.heightForWidth(320))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        pw, ph = self.controller.picture_size()
        scale = min(self.width() / pw, self.height() / ph)
        painter = QPainter(self)
        try:
            painter.fillRect(self.rect(), self.palette().window())
            painter.translate((self.width() - pw * scale) / 2, (self.height() - ph * scale) / 2)
            painter.scale(scale, scale)
            paint_scene(painter, pw, ph, self.scene_of())
            painter.setPen(QPen(QColor("#808080"), 1 / scale))
            painter.drawRect(QRectF(0, 0, pw, ph))
        finally:
            painter.end()


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
        row.addWidget(self.open_button)
        row.addWidget(self.full_button)
        layout.addLayout(row)
        row = QHBoxLayout()
        row.addWidget(QLabel(_("Screen:")))
        self.screen_box = QComboBox()
        self.screen_box.setObjectName("projector-screen")
        self.screen_box.activated.connect(self._screen_chosen)
        row.addWidget(self.screen_box, 1)
        layout.addLayout(row)

        grid = QGridLayout()
        self.mode_buttons: dict[Mode, QPushButton] = {}
        self.mode_group = QButtonGroup(self)
        self.mode_group.setExclusive(True)
        for n, mode in enumerate(MODE_ORDER):
            button = QPushButton(f"{n + 1} · {mode_title(mode)}")
            button.setCheckable(True)
            button.setObjectName(f"projector-mode-{mode.value}")
            button.clicked.connect(lambda _checked=False, m=mode: controller.show_mode(m))
            self.mode_group.addButton(button)
            self.mode_buttons[mode] = button
            grid.addWidget(button, n // 2, n % 2)
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
        row.addWidget(self.blackout_button)
        row.addWidget(self.freeze_button)
        layout.addLayout(row)

        row = QHBoxLayout()
        self.message_box = QComboBox()
        self.message_box.setEditable(True)
        self.message_box.addItems([_(m) for m in PRESET_MESSAGES])
        self.message_box.setCurrentText("")
        self.message_box.lineEdit().setPlaceholderText(_("Message for the room"))
        self.message_box.lineEdit().returnPressed.connect(self._show_message)
        self.message_button = QPushButton(_("Show"))
        self.message_button.clicked.connect(self._show_message)
        self.clear_button = QPushButton(_("Remove"))
        self.clear_button.clicked.connect(controller.clear_message)
        row.addWidget(self.message_box, 1)
        row.addWidget(self.message_button)
        row.addWidget(self.clear_button)
        layout.addLayout(row)

        row = QHBoxLayout()
        self.previous_group = QPushButton("◀")
        self.previous_group.setToolTip(_("Previous group reporting"))
        self.previous_group.clicked.connect(lambda: controller.step_reporting_group(-1))
        self.group_label = QLabel()
        self.group_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.next_group = QPushButton("▶")
        self.next_group.setToolTip(_("Next group reporting"))
        self.next_group.clicked.connect(lambda: controller.step_reporting_group(1))
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
        for check in (self.notes_check, self.dark_check, self.follow_check):
            layout.addWidget(check)
        layout.addStretch(1)

        controller.changed.connect(self.refresh)
        controller.placement_changed.connect(self.refresh)
        controller.content_loaded.connect(self.refresh)
        self.refresh()

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
        group = c.reporting_group()
        self.group_label.setText(group.label if group else _("No groups yet"))
        has_groups = group is not None
        self.previous_group.setEnabled(has_groups)
        self.next_group.setEnabled(has_groups)


def add_projector_dock(window: QMainWindow, controller: ProjectorController) -> QDockWidget:
    """Dock the panel in the session window and wire F5 and the window's life to it."""
    panel = ProjectorControlPanel(controller)
    dock = QDockWidget(_("Projector"), window)
    dock.setObjectName("projector-dock")
    dock.setWidget(panel)
    dock.setFeatures(
        QDockWidget.DockWidgetFeature.DockWidgetMovable
        | QDockWidget.DockWidgetFeature.DockWidgetFloatable
    )
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    controller.facilitator_window = lambda: window
    shortcut = QShortcut(QKeySequence(Qt.Key.Key_F5), window)
    shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
    shortcut.activated.connect(controller.toggle_window)
    window.projector_panel = panel  # tests and the selftest reach it here
    window.destroyed.connect(lambda *_args: None)
    if hasattr(window, "closed"):
        window.closed.connect(lambda *_args: controller.shutdown())
    return dock
