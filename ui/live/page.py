"""The Live page: run the agenda with one hand on the keyboard while talking to a room.

The agenda list (`agenda_list`) beside or under the timer (`timer_panel`, its buttons and
keys in `timer_controls`), the standing strip at the bottom (`standing_strip`) and, when
another laptop runs the clock, the lease line on top (`clock_lease_bar`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget
from qasync import asyncSlot

from ui.kit import theme
from ui.kit.context import PageContext
from ui.live.agenda_list import LiveAgendaList
from ui.live.clock_lease_bar import ClockLeaseBar
from ui.live.proposals_dialog import BackOnScheduleDialog
from ui.live.service import LiveService
from ui.live.standing_strip import StandingStrip
from ui.live.timer_controls import bind_keys
from ui.live.timer_panel import TimerPanel
from ui.widgets.alive import alive
from workshop.commands import CommandError
from workshop.projector.timers import clock_label
from workshop.timing.describe import standing_line
from workshop.timing.proposals import Proposal
from workshop.timing.reading import TimerReading

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
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        self.agenda = LiveAgendaList()
        self.timer_panel = TimerPanel(live)
        # the widgets tests and other code reach for, by their old names
        panel, controls = self.timer_panel, self.timer_panel.controls
        self.item_title, self.step_label = panel.item_title, panel.step_label
        self.disk, self.item_left = panel.disk, panel.item_left
        self.prev_button, self.play_button = controls.prev_button, controls.play_button
        self.next_button, self.restart_button = controls.next_button, controls.restart_button
        self.minus_button, self.plus_button = controls.minus_button, controls.plus_button
        self.mute_button, self.settings_button = controls.mute_button, controls.settings_button
        self.one_minute_action = controls.one_minute_action
        self.amber_group, self.amber_actions = controls.amber_group, controls.amber_actions

        # beside each other on a wide page, the agenda under the timer on a narrow one
        # (a laptop with the projector panel docked): see `_arrange`
        splitter = QSplitter()
        splitter.setObjectName("live-splitter")
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.agenda)
        splitter.addWidget(self.timer_panel)
        self.splitter = splitter
        self._wide: bool | None = None

        # -- bottom: where do we stand (always visible) ---------------------------------
        self.strip = StandingStrip()
        self.now_label, self.standing_label = self.strip.now_label, self.strip.standing_label
        self.rehearsal_label = self.strip.rehearsal_label
        self.squeeze_label = self.strip.squeeze_label
        self.recover_button = self.strip.recover_button
        self.recover_button.clicked.connect(self.open_proposals)
        # -- another laptop runs the clock: say so, offer to take it over -----------------
        self.lease_bar = ClockLeaseBar()
        self.lease_label = self.lease_bar.label
        self.take_over_button = self.lease_bar.take_over_button
        self.take_over_button.clicked.connect(self.take_over)
        self.message = QLabel()
        self.message.setObjectName("live-message")
        self.message.setStyleSheet(theme.style("error"))
        self.message.hide()

        layout = QVBoxLayout(self)
        layout.addWidget(self.lease_bar)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.strip)
        layout.addWidget(self.message)

        self.shortcuts = bind_keys(self, live)
        self.live.reading_changed.connect(self._on_reading)
        self.live.state_changed.connect(self._on_state)
        self.live.failed.connect(self._show_message)
        self.live.lease_changed.connect(self._on_lease)
        self.live.notice.connect(self._show_notice)
        self.live.ensure_loaded()
        if self.live.loaded:
            self._on_state()

    # -- updates -------------------------------------------------------------------------
    def _on_reading(self, reading: TimerReading) -> None:
        self.disk.set_reading(reading)
        engine = self.live.engine
        if engine is None:
            return
        now = engine.clock.now()
        self.now_label.setText(clock_label(now))
        self.timer_panel.show_item_left(engine)
        self.strip.show_standing(engine)
        if now.minute != self._minute:  # expected start times move with the clock
            self._minute = now.minute
            self.agenda.show_run(engine)

    def _on_state(self) -> None:
        engine = self.live.engine
        if engine is None:
            return
        self.timer_panel.show_item(engine)
        self.agenda.show_run(engine)
        self.disk.set_reading(engine.reading())
        self.strip.show_standing(engine)

    def _on_lease(self, line: str) -> None:
        """Who runs the clock moved: show the line (or hide it) and enable the controls."""
        self.lease_bar.show_line(line)
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
