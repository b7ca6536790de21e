"""The Live timer's buttons (the run row and the adjustments row), its Signals menu and keys.

Keys (presentation clickers send the arrows and Page Up/Down): Space start/pause,
→ / Page Down next, ← / Page Up previous, + / − one minute more/less, R restart the item.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QMenu, QPushButton, QToolButton, QVBoxLayout, QWidget

from ui.live.service import LiveService
from workshop.i18n import _
from workshop.timing.engine import LiveEngine, RunStatus

AMBER_CHOICES = (1, 2, 3, 5)


class TimerControls(QWidget):
    """Previous, start/pause, next; −1/+1 min, restart, sound and the Signals menu."""

    def __init__(self, live: LiveService) -> None:
        super().__init__()
        self.live = live
        self.prev_button = _button("◀", live.previous, _("Previous item"), _("Left or Page Up"))
        self.play_button = _button(_("Start"), live.toggle, _("Start or pause"), _("Space"))
        self.play_button.setObjectName("live-play")
        labels = (_("Start the session"), _("Pause"), _("Continue"))
        widest = max(self.play_button.fontMetrics().horizontalAdvance(t) for t in labels)
        self.play_button.setMinimumWidth(widest + 28)  # no jumping when the label changes
        self.next_button = _button("▶", live.next, _("Next item"), _("Right or Page Down"))
        self.minus_button = _button(
            _("−1 min"), lambda: live.extend(-60), _("One minute less"), "−"
        )
        self.plus_button = _button(_("+1 min"), lambda: live.extend(60), _("One minute more"), "+")
        self.restart_button = _button("↺", live.restart, _("Restart the item"), "R")
        self.mute_button = QToolButton()
        self.mute_button.setObjectName("live-mute")
        self.mute_button.setCheckable(True)
        self.mute_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.mute_button.toggled.connect(live.set_muted)
        self.settings_button = QToolButton()
        self.settings_button.setText(_("Signals"))
        self.settings_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.settings_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.settings_button.setMenu(self._settings_menu())

        # two short rows: the run (previous, start/pause, next) and the adjustments
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        for widgets in (
            (self.prev_button, self.play_button, self.next_button),
            (
                self.minus_button,
                self.plus_button,
                self.restart_button,
                self.mute_button,
                self.settings_button,
            ),
        ):
            row = QHBoxLayout()
            row.addStretch(1)
            for w in widgets:
                row.addWidget(w)
            row.addStretch(1)
            rows.addLayout(row)

    def _settings_menu(self) -> QMenu:
        menu = QMenu(self)
        self.one_minute_action = QAction(_("Chime one minute before zero"), menu)
        self.one_minute_action.setCheckable(True)
        self.one_minute_action.toggled.connect(self._one_minute_toggled)
        menu.addAction(self.one_minute_action)
        amber = menu.addMenu(_("Amber warning"))
        self.amber_group = QActionGroup(menu)
        self.amber_actions: dict[int, QAction] = {}
        for minutes in AMBER_CHOICES:
            action = QAction(_("{n} min before zero").format(n=minutes), amber)
            action.setCheckable(True)
            action.triggered.connect(lambda _c=False, m=minutes: self._amber_chosen(m))
            self.amber_group.addAction(action)
            amber.addAction(action)
            self.amber_actions[minutes] = action
        return menu

    def show_state(self, engine: LiveEngine) -> None:
        """Labels, enabled buttons and the signal settings for where the run stands."""
        if engine.status is RunStatus.IDLE:
            self.play_button.setText(_("Start the session"))
        elif engine.running:
            self.play_button.setText(_("Pause"))
        else:
            self.play_button.setText(_("Continue"))
        started = engine.status is RunStatus.RUNNING
        for button in (self.minus_button, self.plus_button, self.restart_button):
            button.setEnabled(started)
        self.play_button.setEnabled(
            engine.status is not RunStatus.FINISHED and bool(engine.plan.items)
        )
        self.next_button.setEnabled(
            engine.status is not RunStatus.FINISHED and bool(engine.plan.items)
        )
        self.prev_button.setEnabled(engine.status is not RunStatus.IDLE)
        settings = self.live.settings
        self.mute_button.blockSignals(True)
        self.mute_button.setChecked(settings.muted)
        self.mute_button.blockSignals(False)
        self.mute_button.setText(_("Sound off") if settings.muted else _("Sound on"))
        self.mute_button.setToolTip(
            _("The chime is muted; click to turn it on")
            if settings.muted
            else _("A soft chime at zero; click to mute")
        )
        self.one_minute_action.blockSignals(True)
        self.one_minute_action.setChecked(settings.chime_one_minute)
        self.one_minute_action.blockSignals(False)
        amber = self.amber_actions.get(settings.amber_seconds // 60)
        if amber is not None:
            amber.setChecked(True)
        if self.live.follower:  # the other laptop runs the clock: only requests are sent
            for button in (self.prev_button, self.minus_button, self.restart_button):
                button.setEnabled(False)

    def _one_minute_toggled(self, on: bool) -> None:
        self.live.set_settings(replace(self.live.settings, chime_one_minute=on))

    def _amber_chosen(self, minutes: int) -> None:
        self.live.set_settings(replace(self.live.settings, amber_seconds=minutes * 60))


def bind_keys(page: QWidget, live: LiveService) -> list[QShortcut]:
    """The timer's keys, active while the focus is anywhere on `page`."""
    keypad = Qt.KeyboardModifier.KeypadModifier
    bindings = [
        (("Space",), live.toggle),
        (("Right", "PgDown"), live.next),
        (("Left", "PgUp"), live.previous),
        (("+", "=", QKeySequence(keypad | Qt.Key.Key_Plus)), lambda: live.extend(60)),
        (("-", QKeySequence(keypad | Qt.Key.Key_Minus)), lambda: live.extend(-60)),
        (("R",), live.restart),
    ]
    shortcuts: list[QShortcut] = []
    for keys, slot in bindings:
        for key in keys:
            shortcut = QShortcut(QKeySequence(key), page)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
            shortcuts.append(shortcut)
    return shortcuts


def _button(text: str, slot: Callable[[], object], what: str, key_hint: str) -> QPushButton:
    button = QPushButton(text)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Space belongs to the timer
    button.setAccessibleName(what)
    button.setToolTip(_("{what} (key: {key})").format(what=what, key=key_hint))
    button.clicked.connect(lambda _checked=False: slot())
    return button
