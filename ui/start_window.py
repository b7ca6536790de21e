"""The start screen: recent sessions, a new session, the demo."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QDate, Qt, QTime, Signal
from PySide6.QtGui import QAction, QCloseEvent, QFont, QKeySequence, QPaintEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from ui.backup_action import BackupAction
from ui.services.commands import CommandService
from ui.services.db import DbService
from ui.widgets.alive import alive
from ui.widgets.confirm import safe_default
from ui.widgets.typed_fields import DateField, TimeField
from workshop.commands import Changes
from workshop.commands.sessions import CreateSession, DeleteSession
from workshop.i18n import LANGUAGES, _, current_language, format_clock, format_long_date
from workshop.services.sessions import SessionSummary, list_sessions


class NewSessionDialog(QDialog):
    """Title, date and times of a new session. Opened with open(), answered by `accepted`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("New session"))
        self.title = QLineEdit()
        self.title.setPlaceholderText(_("e.g. Transitiegesprek: lokale gemeenschappen"))
        # plain typing ("9-4-2026", "930"), the date also on a calendar
        self.date = DateField(QDate.currentDate())
        self.date.setObjectName("new-session-date")
        self.start = TimeField(QTime(15, 0))
        self.start.setObjectName("new-session-start")
        self.end = TimeField(QTime(17, 0))
        self.end.setObjectName("new-session-end")
        self.error = QLabel()
        self.error.setStyleSheet("color:#a40000")
        form = QFormLayout(self)
        form.addRow(_("Title"), self.title)
        form.addRow(_("Date"), self.date)
        form.addRow(_("Start time"), self.start)
        form.addRow(_("End time"), self.end)
        form.addRow(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _check(self) -> None:
        if not self.title.text().strip():
            self.error.setText(_("Give the session a title."))
            return
        if not self.date.date().isValid():
            self.error.setText(_("Type a date like 9-4-2026, or choose one on the calendar."))
            return
        if not (self.start.time().isValid() and self.end.time().isValid()):
            self.error.setText(_("Type the times like 15:00 or 9.30."))
            return
        if self.end.time() <= self.start.time():
            self.error.setText(_("The end time must be after the start time."))
            return
        self.accept()

    def values(self) -> dict:
        qd, qs, qe = self.date.date(), self.start.time(), self.end.time()
        return {
            "title": self.title.text().strip(),
            "date": date(qd.year(), qd.month(), qd.day()),
            "start_time": time(qs.hour(), qs.minute()),
            "end_time": time(qe.hour(), qe.minute()),
            # the report is written in the language the facilitator works in (changeable later)
            "report_language": current_language(),
        }


class StartWindow(QMainWindow):
    open_session = Signal(int)
    open_demo = Signal()
    language_chosen = Signal(str)
    first_painted = Signal()
    closed = Signal()

    def __init__(self, db: DbService, commands: CommandService) -> None:
        super().__init__()
        self.setObjectName("start-window")
        self.db = db
        self.commands = commands
        self._painted = False
        self.setWindowTitle("Workshop")
        self.resize(820, 560)

        heading = QLabel(_("Sessions"))
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        heading.setFont(font)
        intro = QLabel(
            _(
                "Plan and run a live session: agenda and timers, subgroups, the feedback round, "
                "the projector and the report."
            )
        )
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("session-list")
        self.list.setStyleSheet("QListWidget::item{padding:8px;}")
        self.list.itemActivated.connect(self._activated)
        self.list.currentItemChanged.connect(lambda *_a: self._update_buttons())
        self.empty = QLabel(_("No sessions yet. Start a new one or open the demo."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.new_button = QPushButton(_("New session…"))
        self.new_button.clicked.connect(self._new)
        self.open_button = QPushButton(_("Open"))
        self.open_button.clicked.connect(lambda: self._activated(self.list.currentItem()))
        self.demo_button = QPushButton(_("Open the demo"))
        self.demo_button.clicked.connect(self.open_demo.emit)
        self.delete_button = QPushButton(_("Delete"))
        self.delete_button.clicked.connect(self._delete)
        self.undo_button = QPushButton(_("Undo"))
        self.undo_button.clicked.connect(self.commands.undo)
        self.commands.stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_button.setEnabled(False)

        buttons = QVBoxLayout()
        for b in (self.new_button, self.open_button, self.demo_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.undo_button)
        body = QHBoxLayout()
        lists = QVBoxLayout()
        lists.addWidget(self.list)
        lists.addWidget(self.empty)
        body.addLayout(lists, 1)
        body.addLayout(buttons)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(body, 1)
        self.setCentralWidget(central)

        file_menu = self.menuBar().addMenu(_("&File"))
        self.backup_action = BackupAction(self, db)
        file_menu.addAction(self.backup_action)
        settings = self.menuBar().addMenu(_("&Settings"))
        lang_menu = settings.addMenu(_("Language"))
        names = {"nl": "Nederlands", "en": "English"}
        for lang in LANGUAGES:
            action = QAction(names[lang], self, checkable=True)
            action.setChecked(lang == current_language())
            action.triggered.connect(lambda _c=False, lang=lang: self.language_chosen.emit(lang))
            lang_menu.addAction(action)
        undo = QAction(_("Undo"), self)
        undo.setShortcut(QKeySequence("Ctrl+Z"))
        undo.triggered.connect(self.commands.undo)
        self.addAction(undo)

        self.commands.changed.connect(self._on_changed)
        self._update_buttons()
        self.reload()

    @asyncSlot()
    async def reload(self) -> None:
        sessions = await self.db.call(list_sessions)
        if alive(self):
            self.show_sessions(sessions)

    def show_sessions(self, sessions: list[SessionSummary]) -> None:
        current = self.list.currentItem()
        keep = current.data(Qt.ItemDataRole.UserRole) if current else None
        self.list.clear()
        for s in sessions:
            when = format_long_date(s.date) if s.date else _("no date")
            times = (
                f"{format_clock(s.start_time)}–{format_clock(s.end_time)}" if s.start_time else ""
            )
            demo = f"  ·  {_('demo')}" if s.is_demo else ""
            item = QListWidgetItem(f"{s.title or _('(untitled)')}\n{when}  {times}{demo}")
            item.setData(Qt.ItemDataRole.UserRole, s.id)
            self.list.addItem(item)
            if s.id == keep:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        self.empty.setVisible(not sessions)
        self.list.setVisible(bool(sessions))
        self._update_buttons()

    def _update_buttons(self) -> None:
        has = self.list.currentItem() is not None
        self.open_button.setEnabled(has)
        self.delete_button.setEnabled(has)

    def _activated(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.open_session.emit(int(item.data(Qt.ItemDataRole.UserRole)))

    def _new(self) -> None:
        dialog = NewSessionDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._create(dialog.values()))
        dialog.open()
        self.new_dialog = dialog

    @asyncSlot(dict)
    async def _create(self, values: dict) -> None:
        command = CreateSession(**values)
        await self.commands.push_and_wait(command)
        if command.session_id is not None:
            self.open_session.emit(command.session_id)

    def _delete(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        session_id = int(item.data(Qt.ItemDataRole.UserRole))
        box = QMessageBox(
            QMessageBox.Icon.Question,
            _("Delete session"),
            _(
                "Delete “{title}” with its agenda, participants, groups and notes? "
                "You can undo this with Ctrl+Z."
            ).format(title=item.text().splitlines()[0]),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setObjectName("delete-session-question")
        safe_default(box)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(
            lambda button: (
                self.commands.push(DeleteSession(session_id))
                if box.standardButton(button) == QMessageBox.StandardButton.Yes
                else None
            )
        )
        box.open()
        self.delete_box = box

    def _on_changed(self, changes: Changes) -> None:
        if "session" in changes.entities():
            self.reload()
            if any(c.entity == "session" and c.kind == "deleted" for c in changes):
                self.statusBar().showMessage(_("Session deleted. Ctrl+Z brings it back."), 8000)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        self.closed.emit()
        super().closeEvent(event)
