"""The Live page: run the agenda with one hand on the keyboard while talking to a room.

Keys (presentation clickers send the arrows and Page Up/Down): Space start/pause,
→ / Page Down next, ← / Page Up previous, + / − one minute more/less, R restart the item.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QFont,
    QKeySequence,
    QResizeEvent,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from ui.kit import theme
from ui.kit.context import PageContext
from ui.live.agenda_list import LiveAgendaList
from ui.live.disk import TimerDisk
from ui.live.proposals_dialog import BackOnScheduleDialog
from ui.live.service import LiveService
from ui.widgets.alive import alive
from workshop.commands import CommandError
from workshop.i18n import _, format_clock
from workshop.projector.timers import clock_label, countdown_caption
from workshop.timing.describe import sentence, squeeze_lines, standing_line
from workshop.timing.engine import RunStatus
from workshop.timing.proposals import Proposal
from workshop.timing.reading import TimerReading

STRIP_STYLE = {
    "ok": "background:#e3f4e8;color:#17482a;",
    "late": "background:#fff1c7;color:#5e4100;",
    "very_late": "background:#fde2e4;color:#7a0c16;",
}
AMBER_CHOICES = (1, 2, 3, 5)
WIDE = 900  # page width (px) from which the agenda list sits beside the timer


class LivePage(QWidget):
    def __init__(self, ctx: PageContext) -> None:
        super().__init__()
        self.setObjectName("page-live")
        self.ctx = ctx
        live = ctx.session_services.live
        if live is None:  # a window built without the composition root's services
            live = LiveService(ctx.db, ctx.commands, ctx.clock, ctx.session_id, self)
            ctx.session_services.live = live
        self.live: LiveService = live
        self.dialog: BackOnScheduleDialog | None = None
        self._minute = -1
        self._strip_key = ""
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        # -- left: the agenda ----------------------------------------------------------
        self.agenda = LiveAgendaList()

        # -- right: the timer ----------------------------------------------------------
        self.item_title = QLabel()
        self.item_title.setObjectName("live-item-title")
        self.item_title.setWordWrap(True)
        self.item_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title_font = QFont(self.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.6)
        title_font.setBold(True)
        self.item_title.setFont(title_font)
        self.step_label = QLabel()
        self.step_label.setObjectName("live-steps")
        self.step_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.step_label.setTextFormat(Qt.TextFormat.RichText)
        self.step_label.setWordWrap(True)  # long steps wrap: never wider than the page
        self.disk = TimerDisk()
        self.disk.setObjectName("live-disk")
        self.item_left = QLabel()
        self.item_left.setObjectName("live-item-left")
        self.item_left.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.prev_button = self._button(
            "◀", self.live.previous, _("Previous item"), _("Left or Page Up")
        )
        self.play_button = self._button(
            _("Start"), self.live.toggle, _("Start or pause"), _("Space")
        )
        self.play_button.setObjectName("live-play")
        labels = (_("Start the session"), _("Pause"), _("Continue"))
        widest = max(self.play_button.fontMetrics().horizontalAdvance(t) for t in labels)
        self.play_button.setMinimumWidth(widest + 28)  # no jumping when the label changes
        self.next_button = self._button(
            "▶", self.live.next, _("Next item"), _("Right or Page Down")
        )
        self.minus_button = self._button(
            _("−1 min"), lambda: self.live.extend(-60), _("One minute less"), "−"
        )
        self.plus_button = self._button(
            _("+1 min"), lambda: self.live.extend(60), _("One minute more"), "+"
        )
        self.restart_button = self._button("↺", self.live.restart, _("Restart the item"), "R")
        self.mute_button = QToolButton()
        self.mute_button.setObjectName("live-mute")
        self.mute_button.setCheckable(True)
        self.mute_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.mute_button.toggled.connect(self._mute_toggled)
        self.settings_button = QToolButton()
        self.settings_button.setText(_("Signals"))
        self.settings_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.settings_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.settings_button.setMenu(self._settings_menu())

        # two short rows: the run (previous, start/pause, next) and the adjustments
        controls = QVBoxLayout()
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
            controls.addLayout(row)

        timer_panel = QWidget()
        timer_panel.setObjectName("live-timer-panel")
        self.timer_panel = timer_panel
        right = QVBoxLayout(timer_panel)
        right.setContentsMargins(4, 0, 4, 0)
        right.addWidget(self.item_title)
        right.addWidget(self.step_label)
        right.addWidget(self.disk, 1)
        right.addWidget(self.item_left)
        right.addLayout(controls)

        # beside each other on a wide page, the agenda under the timer on a narrow one
        # (a laptop with the projector panel docked): see `_arrange`
        splitter = QSplitter()
        splitter.setObjectName("live-splitter")
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.agenda)
        splitter.addWidget(timer_panel)
        self.splitter = splitter
        self._wide: bool | None = None

        # -- bottom: where do we stand (always visible) ---------------------------------
        self.strip = QFrame()
        self.strip.setObjectName("live-standing")
        strip_layout = QHBoxLayout(self.strip)
        self.now_label = QLabel()
        self.now_label.setObjectName("live-now")
        now_font = QFont(self.font())
        now_font.setBold(True)
        now_font.setPointSizeF(now_font.pointSizeF() * 1.2)
        self.now_label.setFont(now_font)
        self.standing_label = QLabel()
        self.standing_label.setObjectName("live-standing-text")
        self.standing_label.setWordWrap(True)
        self.standing_label.setFont(now_font)
        self.rehearsal_label = QLabel()
        self.rehearsal_label.setObjectName("live-rehearsal")
        self.rehearsal_label.setWordWrap(True)
        self.rehearsal_label.setStyleSheet(
            "color:#ffffff;background:#5a3e8a;border-radius:4px;padding:2px 8px;font-weight:bold;"
        )
        self.rehearsal_label.hide()
        self.squeeze_label = QLabel()
        self.squeeze_label.setObjectName("live-squeeze")
        self.squeeze_label.setWordWrap(True)
        texts = QVBoxLayout()
        texts.addWidget(self.rehearsal_label)
        texts.addWidget(self.standing_label)
        texts.addWidget(self.squeeze_label)
        self.recover_button = QPushButton(_("Back on schedule…"))
        self.recover_button.setObjectName("live-recover")
        self.recover_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.recover_button.clicked.connect(self.open_proposals)
        strip_layout.addWidget(self.now_label)
        strip_layout.addSpacing(12)
        strip_layout.addLayout(texts, 1)
        strip_layout.addWidget(self.recover_button)
        # -- another laptop runs the clock: say so, offer to take it over -----------------
        self.lease_bar = QFrame()
        self.lease_bar.setObjectName("live-lease")
        self.lease_bar.setStyleSheet(
            "#live-lease{background:#e6eefc;color:#13315c;border-radius:6px;}"
        )
        lease_layout = QHBoxLayout(self.lease_bar)
        self.lease_label = QLabel()
        self.lease_label.setObjectName("live-lease-text")
        self.lease_label.setWordWrap(True)
        self.take_over_button = QPushButton(_("Take over the clock"))
        self.take_over_button.setObjectName("live-take-over")
        self.take_over_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.take_over_button.clicked.connect(self.take_over)
        lease_layout.addWidget(self.lease_label, 1)
        lease_layout.addWidget(self.take_over_button)
        self.lease_bar.hide()
        self.message = QLabel()
        self.message.setObjectName("live-message")
        self.message.setStyleSheet(theme.style("error"))
        self.message.hide()

        layout = QVBoxLayout(self)
        layout.addWidget(self.lease_bar)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.strip)
        layout.addWidget(self.message)

        self._shortcuts()
        self.live.reading_changed.connect(self._on_reading)
        self.live.state_changed.connect(self._on_state)
        self.live.failed.connect(self._show_message)
        self.live.lease_changed.connect(self._on_lease)
        self.live.notice.connect(self._show_notice)
        self.live.ensure_loaded()
        if self.live.loaded:
            self._on_state()

    # -- building ------------------------------------------------------------------------
    def _button(self, text: str, slot, what: str, key_hint: str) -> QPushButton:
        button = QPushButton(text)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Space belongs to the timer
        button.setAccessibleName(what)
        button.setToolTip(_("{what} (key: {key})").format(what=what, key=key_hint))
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def _shortcuts(self) -> None:
        keypad = Qt.KeyboardModifier.KeypadModifier
        bindings = [
            (("Space",), self.live.toggle),
            (("Right", "PgDown"), self.live.next),
            (("Left", "PgUp"), self.live.previous),
            (("+", "=", QKeySequence(keypad | Qt.Key.Key_Plus)), lambda: self.live.extend(60)),
            (("-", QKeySequence(keypad | Qt.Key.Key_Minus)), lambda: self.live.extend(-60)),
            (("R",), self.live.restart),
        ]
        self.shortcuts: list[QShortcut] = []
        for keys, slot in bindings:
            for key in keys:
                shortcut = QShortcut(QKeySequence(key), self)
                shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                shortcut.activated.connect(slot)
                self.shortcuts.append(shortcut)

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

    # -- updates -------------------------------------------------------------------------
    def _on_reading(self, reading: TimerReading) -> None:
        self.disk.set_reading(reading)
        engine = self.live.engine
        if engine is None:
            return
        now = engine.clock.now()
        self.now_label.setText(clock_label(now))
        if engine.steps() is not None:
            item = engine.item_reading()
            self.item_left.setText(
                _("Whole item: {time}").format(time=f"{countdown_caption(item)} {item.display}")
            )
        else:
            self.item_left.setText("")
        self._update_standing()
        if now.minute != self._minute:  # expected start times move with the clock
            self._minute = now.minute
            self.agenda.show_run(engine)

    def _on_state(self) -> None:
        engine = self.live.engine
        if engine is None:
            return
        current = engine.current or (engine.plan.items[0] if engine.plan.items else None)
        if engine.status is RunStatus.FINISHED:
            self.item_title.setText(_("The session has ended"))
        elif current is None:
            self.item_title.setText(_("The agenda is empty: add items on the Agenda page"))
        else:
            self.item_title.setText(current.title)
        self._show_steps()
        self.disk.set_note(_("Space starts") if engine.status is RunStatus.IDLE else None)
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
        self.agenda.show_run(engine)
        self.disk.set_reading(engine.reading())
        self._update_standing()

    def _on_lease(self, line: str) -> None:
        """Who runs the clock moved: show the line (or hide it) and enable the controls."""
        self.lease_label.setText(line)
        self.lease_bar.setVisible(bool(line))
        if not line:
            self.message.hide()
        self._on_state()

    @asyncSlot()
    async def take_over(self) -> None:
        """Run the clock on this laptop from now on (the other laptop is told)."""
        self.take_over_button.setEnabled(False)
        try:
            await self.live.take_over()
        except CommandError as err:
            if alive(self):
                self._show_message(str(err))
        finally:
            if alive(self):
                self.take_over_button.setEnabled(True)

    def _show_steps(self) -> None:
        engine = self.live.engine
        info = engine.steps() if engine is not None else None
        if info is None:
            self.step_label.setText("")
            self.step_label.hide()
            return
        parts = []
        for i, title in enumerate(info.titles):
            if i == info.index:
                parts.append(f"<b style='color:#d7263d'>{_html(title)}</b>")
            elif i < info.index:
                parts.append(f"<span style='color:#77776f'>{_html(title)}</span>")
            else:
                parts.append(_html(title))
        label = _("Step {n} of {count}").format(n=info.index + 1, count=info.count)
        self.step_label.setText(f"{_html(label)}: " + " → ".join(parts))
        self.step_label.show()

    def _update_standing(self) -> None:
        engine = self.live.engine
        if engine is None:
            return
        self._show_rehearsal(engine)
        standing = engine.standing()
        self.standing_label.setText(sentence(standing_line(standing)))
        running = (
            engine.current.id if engine.current and engine.status is RunStatus.RUNNING else None
        )
        squeezes = squeeze_lines(standing, engine.plan, running)
        self.squeeze_label.setText("\n".join(sentence(s) for s in squeezes))
        self.squeeze_label.setVisible(bool(squeezes))
        delay = standing.delay_minutes
        key = "ok" if delay <= 0 and not squeezes else ("very_late" if delay > 5 else "late")
        if key != self._strip_key:  # restyling every second would cost a relayout
            self._strip_key = key
            self.strip.setStyleSheet(f"#live-standing{{{STRIP_STYLE[key]}border-radius:6px;}}")
        self.recover_button.setEnabled(not standing.finished and (delay > 0 or bool(squeezes)))

    def _show_rehearsal(self, engine) -> None:
        """A run on another day than the session's date is a rehearsal: say so, plainly."""
        start = engine.rehearsal_start()
        if start is None:
            self.rehearsal_label.hide()
            return
        if engine.status is RunStatus.IDLE:
            text = _(
                "Rehearsal: today is not the session's date. Times count from when you start; "
                "the timer log stays out of the report."
            )
        else:
            text = _(
                "Rehearsal since {time}: times count from that start; "
                "the timer log stays out of the report."
            ).format(time=format_clock(start))
        if self.rehearsal_label.text() != text:
            self.rehearsal_label.setText(text)
        self.rehearsal_label.show()

    # -- actions -------------------------------------------------------------------------
    def open_proposals(self) -> BackOnScheduleDialog | None:
        engine = self.live.engine
        if engine is None:
            return None
        if self.dialog is not None:
            self.dialog.close()
        text = standing_line(engine.standing())
        dialog = BackOnScheduleDialog(
            engine.proposals(), engine.plan, engine.clock.now(), text, self, self.live.toggle
        )
        dialog.chosen.connect(self._apply)
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()
        return dialog

    @asyncSlot(object)
    async def _apply(self, proposal: Proposal) -> None:
        try:
            await self.live.apply_proposal(proposal)
        except CommandError as err:
            if alive(self):  # the page may have closed while the command ran
                self._show_message(str(err))
            return
        if alive(self):
            self.message.hide()

    def _mute_toggled(self, muted: bool) -> None:
        self.live.set_muted(muted)

    def _one_minute_toggled(self, on: bool) -> None:
        self.live.set_settings(replace(self.live.settings, chime_one_minute=on))

    def _amber_chosen(self, minutes: int) -> None:
        self.live.set_settings(replace(self.live.settings, amber_seconds=minutes * 60))

    def _show_message(self, text: str) -> None:
        self.message.setStyleSheet(theme.style("error"))
        self.message.setText(text)
        self.message.show()

    def _show_notice(self, text: str) -> None:
        """News, not an error: a request sent to (or applied for) the other laptop."""
        self.message.setStyleSheet("")
        self.message.setText(text)
        self.message.show()

    def _arrange(self, width: int) -> None:
        """Agenda beside the timer from WIDE px on, under it below (with hysteresis)."""
        wide = width >= (WIDE - 40 if self._wide else WIDE)
        if wide == self._wide:
            return
        self._wide = wide
        if wide:
            self.splitter.setOrientation(Qt.Orientation.Horizontal)
            self.splitter.insertWidget(0, self.agenda)
            self.agenda.setMinimumSize(360, 0)
            self.splitter.setSizes([width * 2 // 5, width * 3 // 5])
        else:
            self.splitter.setOrientation(Qt.Orientation.Vertical)
            self.splitter.insertWidget(0, self.timer_panel)
            self.agenda.setMinimumSize(0, 120)
            height = max(self.splitter.height(), 400)
            self.splitter.setSizes([height * 2 // 3, height // 3])

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        self._arrange(event.size().width())
        super().resizeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self.setFocus(Qt.FocusReason.OtherFocusReason)


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
