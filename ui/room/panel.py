"""The Telefoons page: the phones' server on or off, how phones join, who is connected,
questions to the room and the moderation of what phones typed.

The page holds the status line, the server's buttons and three tabs, each in its own
module: `join_tab` (QR code, code, PIN, links; connected phones), `questions_tab` (asking
and the questions asked) and `moderation_tab` (typed answers, the tables' notes, hide all).

Nothing leaves the laptop until the facilitator presses "Turn on". Ctrl+Shift+H (anywhere
in the session window, `install_room_keys`) hides everything of the phones from the
projector at once.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ui import system_open
from ui.kit.context import PageContext
from ui.room.join_tab import JoinTab
from ui.room.moderation_tab import HIDE_ALL_KEY, ModerationTab
from ui.room.questions_tab import QuestionsTab
from ui.room.service import RoomService
from ui.widgets.lazy_slot import async_slot
from workshop.i18n import _


class RoomPage(QWidget):
    """The facilitator's phone panel (one per session window)."""

    def __init__(self, ctx: PageContext) -> None:
        super().__init__()
        self.setObjectName("room-page")
        self.ctx = ctx
        service = ctx.session_services.room
        assert service is not None
        self.service: RoomService = service
        self.open_file = system_open.open_path  # tests put a recorder here
        self.last_cards = None

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setObjectName("room-status")
        self.toggle_button = QPushButton()
        self.toggle_button.setObjectName("room-toggle")
        self.toggle_button.clicked.connect(self._toggle)
        self.renew_button = QPushButton(_("New access"))
        self.renew_button.setToolTip(_("New links and code: every old link stops working"))
        self.renew_button.clicked.connect(self._renew)
        self.cards_button = QPushButton(_("Table cards (PDF)"))
        self.cards_button.setToolTip(_("Each table's rapporteur link as a QR code, to print"))
        self.cards_button.clicked.connect(self._cards)
        top = QHBoxLayout()
        for w in (self.toggle_button, self.renew_button, self.cards_button):
            top.addWidget(w)
        top.addStretch(1)

        self.join_tab = JoinTab(service)
        self.questions_tab = QuestionsTab(ctx, service)
        self.moderation_tab = ModerationTab(ctx, service)
        self._name_tab_widgets()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.join_tab, _("Join"))
        self.tabs.addTab(self.questions_tab, _("Questions"))
        self.tabs.addTab(self.moderation_tab, _("Moderation"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)

        service.running_changed.connect(lambda _on: self._show_server())
        service.failed.connect(self._failed)
        service.phones_changed.connect(self._show_phones)
        service.data_changed.connect(self._show_data)
        self._show_server()
        self._show_data()
        service.ensure_loaded()

    def _name_tab_widgets(self) -> None:
        """The tabs' widgets by their names on the page, as tests and users reach them."""
        j, q, m = self.join_tab, self.questions_tab, self.moderation_tab
        self.qr, self.join, self.links = j.qr, j.join, j.links
        self.phones, self.revoke_button = j.phones, j.revoke_button
        self.kind, self.prompt, self.options, self.dots = q.kind, q.prompt, q.options, q.dots
        self.ask_button, self.ask_error, self.questions = q.ask_button, q.ask_error, q.questions
        self.project_button, self.open_button = q.project_button, q.open_button
        self.answers, self.table_notes = m.answers, m.table_notes
        self.approve_button, self.hide_button = m.approve_button, m.hide_button
        self.hide_all_button, self.remove_note_button = m.hide_all_button, m.remove_note_button

    # -- the server ------------------------------------------------------------------------
    def _show_server(self) -> None:
        s = self.service
        on = s.running
        self.toggle_button.setText(_("Turn off") if on else _("Turn on for phones"))
        self.toggle_button.setEnabled(not s.busy)
        self.renew_button.setEnabled(on)
        self.cards_button.setEnabled(on)
        if s.busy:
            self.status.setText(_("Starting…"))
        elif on:
            self.status.setText(
                _("On: phones reach this laptop at {address} ({network}).").format(
                    address=s.address, network=s.network
                )
            )
        else:
            self.status.setText(
                s.error
                or _("Off: nothing leaves this laptop. Turn it on to let phones in the room join.")
            )
        self.join_tab.show_access()
        self._show_phones()

    @async_slot()
    async def _toggle(self) -> None:
        self.toggle_button.setEnabled(False)
        await self.service.toggle()
        self._show_server()

    def _failed(self, message: str) -> None:
        self._show_server()
        self.status.setText(message)

    def _renew(self) -> None:
        from workshop.room.commands import RenewRoomAccess

        self.ctx.commands.push(RenewRoomAccess(self.ctx.session_id))

    @async_slot()
    async def _cards(self) -> None:
        from ui.room.cards import save_table_cards

        self.cards_button.setEnabled(False)
        try:
            self.last_cards = await save_table_cards(self, self.service)
        finally:
            self.cards_button.setEnabled(self.service.running)

    # -- phones, questions, moderation -----------------------------------------------------
    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self._show_phones()

    def _show_phones(self) -> None:
        if self.isVisible():  # the list is read again when the page is shown
            self.join_tab.show_phones()

    def _show_data(self) -> None:
        self.questions_tab.show_questions()
        self.moderation_tab.show_moderation()


def install_room_keys(window: QMainWindow, service: RoomService) -> QAction:
    """Ctrl+Shift+H anywhere in the session window: hide everything of the phones."""
    action = QAction(_("Hide the phones' answers from the projector"), window)
    action.setShortcut(QKeySequence(HIDE_ALL_KEY))
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.triggered.connect(service.hide_all)
    window.addAction(action)
    return action
