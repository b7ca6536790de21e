"""The Telefoons page: the phones' server on or off, how phones join, who is connected,
questions to the room and the moderation of what phones typed.

Nothing leaves the laptop until the facilitator presses "Turn on". Ctrl+Shift+H (anywhere
in the session window, `install_room_keys`) hides everything of the phones from the
projector at once.
"""

from __future__ import annotations

import asyncio
import time

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QAction, QImage, QKeySequence, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ui import system_open
from ui.kit.context import PageContext
from ui.projector.room_paint import draw_qr
from ui.room.service import RoomService
from ui.widgets.alive import alive
from ui.widgets.lazy_slot import async_slot
from workshop.errors import CommandError
from workshop.i18n import N_, _
from workshop.room.qr import qr_matrix

KINDS = (
    ("word", N_("One word (word cloud)")),
    ("choice", N_("Multiple choice")),
    ("scale", N_("Scale")),
    ("dots", N_("Dot-voting on the points")),
    ("text", N_("Open text (moderated)")),
)
STATUS = {"pending": N_("waiting"), "shown": N_("shown"), "hidden": N_("hidden")}
HIDE_ALL_KEY = "Ctrl+Shift+H"


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
        self._asking: set[asyncio.Task] = set()

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
        join_tab = QWidget()
        jl = QVBoxLayout(join_tab)
        jl.addLayout(join_row)
        jl.addWidget(self.links, 1)
        jl.addWidget(QLabel(_("Connected phones")))
        jl.addWidget(self.phones, 2)
        jl.addWidget(self.revoke_button, 0, Qt.AlignmentFlag.AlignLeft)

        self.kind = QComboBox()
        for key, label in KINDS:
            self.kind.addItem(_(label), key)
        self.prompt = QLineEdit()
        self.prompt.setPlaceholderText(_("Question for the room"))
        self.options = QLineEdit()
        self.options.setPlaceholderText(_("Choices separated by ;"))
        self.options.setToolTip(_("Multiple choice: the choices separated by ; — scale: 1-5"))
        self.dots = QSpinBox()
        self.dots.setRange(1, 10)
        self.dots.setValue(3)
        self.dots.setToolTip(_("Dots per phone"))
        self.ask_button = QPushButton(_("Ask"))
        self.ask_button.clicked.connect(self._ask)
        self.ask_error = QLabel()
        self.ask_error.setWordWrap(True)
        self.ask_error.setStyleSheet("color:#b00020")
        self.questions = QListWidget()
        self.questions.setObjectName("room-questions")
        self.project_button = QPushButton()
        self.project_button.clicked.connect(self._project)
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self._open_close)
        self.questions.currentRowChanged.connect(lambda _row: self._buttons())
        ask_tab = QWidget()
        al = QVBoxLayout(ask_tab)
        al.addWidget(self.kind)
        ask_row = QHBoxLayout()
        ask_row.addWidget(self.prompt, 1)
        ask_row.addWidget(self.ask_button)
        al.addLayout(ask_row)
        options_row = QHBoxLayout()
        options_row.addWidget(self.options, 1)
        options_row.addWidget(self.dots)
        al.addLayout(options_row)
        al.addWidget(self.ask_error)
        al.addWidget(self.questions, 1)
        row = QHBoxLayout()
        row.addWidget(self.project_button)
        row.addWidget(self.open_button)
        row.addStretch(1)
        al.addLayout(row)

        self.answers = QTableWidget(0, 3)
        self.answers.setObjectName("room-answers")
        self.answers.setHorizontalHeaderLabels([_("Question"), _("Answer"), _("Status")])
        self.answers.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.answers.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.answers.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.answers.verticalHeader().hide()
        self.approve_button = QPushButton(_("Show"))
        self.approve_button.clicked.connect(lambda: self._moderate("shown"))
        self.hide_button = QPushButton(_("Hide"))
        self.hide_button.clicked.connect(lambda: self._moderate("hidden"))
        self.hide_all_button = QPushButton(_("Hide all") + f" ({HIDE_ALL_KEY})")
        self.hide_all_button.setToolTip(_("Hide everything from the projector"))
        self.hide_all_button.clicked.connect(self.service.hide_all)
        self.table_notes = QTableWidget(0, 2)
        self.table_notes.setObjectName("room-table-notes")
        self.table_notes.setHorizontalHeaderLabels([_("Table"), _("Note")])
        self.table_notes.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table_notes.horizontalHeader().setStretchLastSection(True)
        self.table_notes.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table_notes.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table_notes.verticalHeader().hide()
        self.remove_note_button = QPushButton(_("Take away"))
        self.remove_note_button.setToolTip(
            _("Deletes the note from the feedback, the projector and the verslag (Ctrl+Z undoes)")
        )
        self.remove_note_button.clicked.connect(self._remove_notes)
        mod_tab = QWidget()
        ml = QVBoxLayout(mod_tab)
        ml.addWidget(QLabel(_("Typed answers")))
        ml.addWidget(self.answers, 1)
        mrow = QHBoxLayout()
        for w in (self.approve_button, self.hide_button):
            mrow.addWidget(w)
        mrow.addStretch(1)
        ml.addLayout(mrow)
        ml.addWidget(QLabel(_("Notes from the tables")))
        ml.addWidget(self.table_notes, 1)
        ml.addWidget(self.remove_note_button, 0, Qt.AlignmentFlag.AlignLeft)
        ml.addWidget(self.hide_all_button, 0, Qt.AlignmentFlag.AlignLeft)

        self.tabs = QTabWidget()
        self.tabs.addTab(join_tab, _("Join"))
        self.tabs.addTab(ask_tab, _("Questions"))
        self.tabs.addTab(mod_tab, _("Moderation"))
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

    # -- the server ------------------------------------------------------------------------
    def _show_server(self) -> None:
        s = self.service
        on = s.running
        self.toggle_button.setText(_("Turn off") if on else _("Turn on for phones"))
        self.toggle_button.setEnabled(not s.busy)
        self.renew_button.setEnabled(on)
        self.cards_button.setEnabled(on)
        self.revoke_button.setEnabled(on)
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
        if on:
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
        else:
            self.qr.clear()
            self.join.setText("")
            self.links.clear()
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

    # -- phones -----------------------------------------------------------------------------
    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self._show_phones()

    def _show_phones(self) -> None:
        if not self.isVisible():  # the list is read again when the page is shown
            return
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

    # -- questions ---------------------------------------------------------------------------
    def _ask(self) -> None:
        """Read the form at once (the next question may be typed while this one is stored)."""
        kind = self.kind.currentData()
        prompt, dots, item = self.prompt.text(), self.dots.value(), self._item()
        text = self.options.text().strip()
        self.prompt.clear()
        self.options.clear()
        task = asyncio.ensure_future(self._store_question(kind, prompt, text, dots, item))
        self._asking.add(task)
        task.add_done_callback(self._asking.discard)

    async def _store_question(
        self, kind: str, prompt: str, text: str, dots: int, item: int | None
    ) -> None:
        from workshop.room.commands import AddQuestion
        from workshop.room.queries import votable_points

        options: list = []
        try:
            if kind == "choice":
                options = [o.strip() for o in text.replace("\n", ";").split(";") if o.strip()]
            elif kind == "scale":
                low, _sep, high = (text or "1-5").partition("-")
                if not (low.strip().isdigit() and high.strip().isdigit()):
                    raise CommandError(_("A scale runs from a low to a high number, 0 to 10"))
                options = [int(low), int(high)]
            elif kind == "dots":
                options = await self.ctx.db.call(votable_points, self.ctx.session_id, item)
            command = AddQuestion(
                self.ctx.session_id, kind, prompt, options, dots=dots, item_id=item
            )
        except CommandError as err:
            if alive(self):
                self.ask_error.setText(str(err))
                self.prompt.setText(prompt)
                self.options.setText(text)
            return
        if not alive(self):
            return
        self.ask_error.setText("")
        self.ctx.commands.push(command)

    def _item(self) -> int | None:
        live = self.ctx.session_services.live
        engine = getattr(live, "engine", None)
        current = getattr(engine, "current", None)
        return current.id if current is not None else None

    def _show_data(self) -> None:
        data = self.service.data
        current = self._current_question()
        self.questions.blockSignals(True)
        self.questions.clear()
        kinds = dict(KINDS)
        for q in data.questions:
            res = q["results"]
            parts = [_(kinds.get(q["kind"], q["kind"])), _("open") if q["open"] else _("closed")]
            parts.append(_("{n} in").format(n=res["count"]))
            if res["pending"]:
                parts.append(_("{n} waiting").format(n=res["pending"]))
            if q["id"] == self.service.projected_id:
                parts.append(_("on the projector"))
            item = QListWidgetItem(f"{q['prompt']}  ·  " + " · ".join(parts))
            item.setData(Qt.ItemDataRole.UserRole, q["id"])
            self.questions.addItem(item)
            if q["id"] == current:
                self.questions.setCurrentItem(item)
        self.questions.blockSignals(False)
        if self.questions.currentRow() < 0 and self.questions.count():
            self.questions.setCurrentRow(self.questions.count() - 1)
        _fill(
            self.answers,
            [(a.id, (a.prompt, a.value, _(STATUS.get(a.status, a.status)))) for a in data.answers],
        )
        _fill(
            self.table_notes,
            [(n.id, (self.service.group_label(n.group_id), n.text)) for n in data.table_notes],
        )
        self._buttons()

    def _current_question(self) -> int | None:
        item = self.questions.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _question(self) -> dict | None:
        qid = self._current_question()
        return next((q for q in self.service.data.questions if q["id"] == qid), None)

    def _buttons(self) -> None:
        q = self._question()
        shown = q is not None and q["id"] == self.service.projected_id
        self.project_button.setText(
            _("Take off the projector") if shown else _("Show results on the projector")
        )
        self.open_button.setText(_("Close the question") if q and q["open"] else _("Open again"))
        self.project_button.setEnabled(q is not None)
        self.open_button.setEnabled(q is not None)

    def _project(self) -> None:
        q = self._question()
        if q is not None:
            self.service.project(None if q["id"] == self.service.projected_id else q["id"])

    def _open_close(self) -> None:
        from workshop.room.commands import SetQuestion

        q = self._question()
        if q is not None:
            self.ctx.commands.push(SetQuestion(q["id"], open=not q["open"]))

    def _remove_notes(self) -> None:
        from workshop.capture.commands.notes import DeleteNotes

        rows = sorted({i.row() for i in self.table_notes.selectedIndexes()})
        ids = [self.table_notes.item(r, 0).data(Qt.ItemDataRole.UserRole) for r in rows]
        if ids:
            self.ctx.commands.push(DeleteNotes(ids))

    def _moderate(self, status: str) -> None:
        from workshop.room.commands import SetAnswerStatus

        rows = {i.row() for i in self.answers.selectedIndexes()}
        ids = [self.answers.item(r, 0).data(Qt.ItemDataRole.UserRole) for r in sorted(rows)]
        if ids:
            self.ctx.commands.push(SetAnswerStatus(self.ctx.session_id, ids, status))


def _fill(table: QTableWidget, rows: list[tuple[int, tuple[str, ...]]]) -> None:
    """Refill `table` (phones' words as plain text, never markup), keeping the selected
    rows selected by id: a refresh while the facilitator picks never moves the choice."""
    chosen = {
        table.item(i.row(), 0).data(Qt.ItemDataRole.UserRole)
        for i in table.selectedIndexes()
        if table.item(i.row(), 0) is not None
    }
    table.clearSelection()
    table.setRowCount(len(rows))
    for r, (key, cells) in enumerate(rows):
        for c, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            item.setData(Qt.ItemDataRole.UserRole, key)
            table.setItem(r, c, item)
        if key in chosen:
            table.selectRow(r)


def install_room_keys(window: QMainWindow, service: RoomService) -> QAction:
    """Ctrl+Shift+H anywhere in the session window: hide everything of the phones."""
    action = QAction(_("Hide the phones' answers from the projector"), window)
    action.setShortcut(QKeySequence(HIDE_ALL_KEY))
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.triggered.connect(service.hide_all)
    window.addAction(action)
    return action
