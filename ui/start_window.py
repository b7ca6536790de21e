"""The start screen: recent sessions, a new session, the demo.

`StartWindow()` paints before the library is open (the app shows it first and imports
SQLAlchemy meanwhile); `attach(db, commands)` then fills the list. The list is a model over
light summaries (ui/session_list.py) with search and an archive.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal  # not Qt: its 93 enum types are made on import
from PySide6.QtGui import QAction, QCloseEvent, QPaintEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui import startup_marks
from ui.new_session_dialog import NewSessionDialog
from ui.session_list import SessionListView
from ui.widgets.alive import alive
from ui.widgets.lazy_slot import async_slot
from workshop.changes import Entity
from workshop.i18n import LANGUAGES, _, current_language

if TYPE_CHECKING:  # imported once the library is open (see ui.app)
    from ui.services.commands import CommandService
    from ui.services.db import DbService
    from workshop.commands import Changes
    from workshop.sessions.queries import SessionSummary


class StartWindow(QMainWindow):
    open_session = Signal(int)
    open_demo = Signal()
    language_chosen = Signal(str)
    first_painted = Signal()
    ready_painted = Signal()  # painted with the list filled (or the reason it is empty)
    closed = Signal()

    def __init__(self, db: DbService | None = None, commands: CommandService | None = None) -> None:
        super().__init__()
        self.setObjectName("start-window")
        self.db: DbService | None = None
        self.commands: CommandService | None = None
        self._painted = False
        self._loaded = False
        self._previewed = False  # the quick look's list shown while the library opens
        self.setWindowTitle("Workshop")
        self.resize(820, 560)

        heading = QLabel(_("Sessions"))
        heading.setStyleSheet("font-size: 18pt; font-weight: bold;")  # no QFont before paint
        intro = QLabel(
            _(
                "Plan and run a live session: agenda and timers, subgroups, the feedback round, "
                "the projector and the report."
            )
        )
        intro.setWordWrap(True)
        self.search = QLineEdit()
        self.search.setObjectName("session-search")
        self.search.setPlaceholderText(_("Search by title or date…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.show_archive = QCheckBox(_("Show archive"))
        self.show_archive.setObjectName("show-archive")
        self.show_archive.toggled.connect(self._filter)
        self.list = SessionListView()
        self.list.setObjectName("session-list")
        self.list.setStyleSheet("QListView::item{padding:8px;}")
        self.list.activated.connect(lambda _index: self._activated())
        self.list.selectionModel().currentChanged.connect(lambda *_a: self._update_buttons())
        self.list.session_model.modelReset.connect(self._update_buttons)
        self.empty = QLabel(_("Opening the library…"))
        self.empty.setStyleSheet("qproperty-alignment: AlignCenter;")  # no Qt enums before paint
        self.empty.setWordWrap(True)

        self.new_button = QPushButton(_("New session…"))
        self.new_button.clicked.connect(self._new)
        self.open_button = QPushButton(_("Open"))
        self.open_button.clicked.connect(self._activated)
        self.demo_button = QPushButton(_("Open the demo"))
        self.demo_button.clicked.connect(self.open_demo.emit)
        self.archive_button = QPushButton(_("Archive"))
        self.archive_button.setObjectName("archive-button")
        self.archive_button.clicked.connect(self._archive)
        self.delete_button = QPushButton(_("Delete"))
        self.delete_button.clicked.connect(self._delete)
        self.undo_button = QPushButton(_("Undo"))
        self.undo_button.setEnabled(False)

        buttons = QVBoxLayout()
        for b in (
            self.new_button,
            self.open_button,
            self.demo_button,
            self.archive_button,
            self.delete_button,
        ):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.undo_button)
        body = QHBoxLayout()
        lists = QVBoxLayout()
        finding = QHBoxLayout()
        finding.addWidget(self.search, 1)
        finding.addWidget(self.show_archive)
        lists.addLayout(finding)
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

        self.file_menu = self.menuBar().addMenu(_("&File"))
        settings = self.menuBar().addMenu(_("&Settings"))
        lang_menu = settings.addMenu(_("Language"))
        names = {"nl": "Nederlands", "en": "English"}
        for lang in LANGUAGES:
            action = QAction(names[lang], self, checkable=True)
            action.setChecked(lang == current_language())
            action.triggered.connect(lambda _c=False, lang=lang: self.language_chosen.emit(lang))
            lang_menu.addAction(action)
        self.library_action = QAction(_("Library…"), self)
        self.library_action.setObjectName("library-action")
        self.library_action.triggered.connect(self.open_library_dialog)
        settings.addAction(self.library_action)
        self.undo_shortcut = QAction(_("Undo"), self)
        self.addAction(self.undo_shortcut)
        self.find_shortcut = QAction(self)
        self.find_shortcut.triggered.connect(self.search.setFocus)
        self.addAction(self.find_shortcut)

        self.list.setVisible(False)
        for widget in (self.search, self.show_archive):
            widget.setEnabled(False)
        self._update_buttons()
        if db is not None and commands is not None:
            self.attach(db, commands)

    def open_library_dialog(self):
        """Instellingen › Bibliotheek: a team library on a PostgreSQL server for this laptop."""
        from PySide6.QtCore import Qt

        from ui.library_dialog import LibraryDialog

        current = self.db.library.url if self.db is not None else ""
        dialog = LibraryDialog(current, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def attach(self, db: DbService, commands: CommandService) -> None:
        """The library is open: connect the commands and load the list."""
        from ui.backup_action import BackupAction

        self.db = db
        self.commands = commands
        self.backup_action = BackupAction(self, db)
        self.file_menu.addAction(self.backup_action)
        # shortcuts now: setting one creates all of Qt's enums (too slow for the first frame)
        from PySide6.QtGui import QKeySequence

        self.undo_shortcut.setShortcut(QKeySequence("Ctrl+Z"))
        self.find_shortcut.setShortcut(QKeySequence.StandardKey.Find)
        self.undo_button.clicked.connect(commands.undo)
        commands.stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_shortcut.triggered.connect(commands.undo)
        commands.changed.connect(self._on_changed)
        self.reload()

    @async_slot()
    async def reload(self) -> None:
        if self.db is None:
            return
        from workshop.sessions.queries import list_sessions

        sessions = await self.db.call(list_sessions)
        if alive(self):
            self.show_sessions(sessions)

    def show_preview(self, sessions: list[SessionSummary]) -> None:
        """The list as the quick look read it from the file (`workshop.quick_look`), while
        the library opens: to read, search and select in, not to open yet (the buttons wait
        for `attach`, whose load replaces it). No sessions: the window keeps saying that the
        library is being opened."""
        if self._loaded or self.commands is not None or not sessions:
            return
        self._previewed = True
        self.list.session_model.set_sessions(sessions)
        startup_marks.on_next_paint(_list_shown, self.list.viewport(), self.empty)
        self._enable_finding()

    def show_sessions(self, sessions: list[SessionSummary]) -> None:
        current = self.list.current_session()
        self.list.session_model.set_sessions(sessions)
        self.list.select_session(current.id if current else None)
        if not self._loaded:
            startup_marks.on_next_paint(self._ready, self.list.viewport(), self.empty)
        self._loaded = True
        self._enable_finding()

    def _enable_finding(self) -> None:
        for widget in (self.search, self.show_archive):
            widget.setEnabled(True)
        self._show_or_explain()
        self._update_buttons()

    def _ready(self) -> None:
        _list_shown()  # (once: the quick look's list may have been painted before)
        startup_marks.mark("ready")
        self.ready_painted.emit()
        from ui.kit.idle_gc import IdleCollector

        IdleCollector.started()  # start-up's objects leave the full collections' walks

    def _filter(self) -> None:
        current = self.list.current_session()
        self.list.session_model.set_filter(self.search.text(), self.show_archive.isChecked())
        self.list.select_session(current.id if current else None)
        self._show_or_explain()
        self._update_buttons()

    def _show_or_explain(self) -> None:
        """The list, or one line saying why it is empty."""
        model = self.list.session_model
        if not (self._loaded or self._previewed):
            return
        if model.rowCount():
            self.empty.setVisible(False)
            self.list.setVisible(True)
            return
        if not model.total():
            text = _("No sessions yet. Start a new one or open the demo.")
        elif self.search.text().strip():
            text = _("No session matches “{text}”.").format(text=self.search.text().strip())
        else:
            text = _("All sessions are archived. Tick “Show archive” to see them.")
        self.empty.setText(text)
        self.empty.setVisible(True)
        self.list.setVisible(False)

    def _update_buttons(self) -> None:
        current = self.list.current_session() if self.list.isVisible() else None
        has = current is not None and self.commands is not None
        self.open_button.setEnabled(has)
        self.delete_button.setEnabled(has)
        self.archive_button.setEnabled(has)
        self.archive_button.setText(
            _("Take out of archive") if current is not None and current.archived else _("Archive")
        )
        self.new_button.setEnabled(self.commands is not None)
        self.demo_button.setEnabled(self.commands is not None)

    def _activated(self) -> None:
        current = self.list.current_session()
        if current is not None and self.commands is not None:
            self.open_session.emit(current.id)

    def _archive(self) -> None:
        from workshop.sessions.commands import ArchiveSession

        current = self.list.current_session()
        if current is None or self.commands is None:
            return
        self.commands.push(ArchiveSession(current.id, archived=not current.archived))
        if not current.archived:
            self.statusBar().showMessage(
                _("“{title}” is archived. Ctrl+Z takes it back.").format(title=current.title),
                8000,
            )

    def _new(self) -> None:
        from PySide6.QtCore import Qt

        dialog = NewSessionDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._create(dialog.values()))
        dialog.open()
        self.new_dialog = dialog

    @async_slot(dict)
    async def _create(self, values: dict) -> None:
        from workshop.sessions.commands import CreateSession

        command = CreateSession(**values)
        await self.commands.push_and_wait(command)
        if command.session_id is not None:
            self.open_session.emit(command.session_id)

    def _delete(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QMessageBox

        from ui.widgets.confirm import safe_default
        from workshop.sessions.commands import DeleteSession

        current = self.list.current_session()
        if current is None or self.commands is None:
            return
        session_id = current.id
        commands = self.commands
        box = QMessageBox(
            QMessageBox.Icon.Question,
            _("Delete session"),
            _(
                "Delete “{title}” with its agenda, participants, groups and notes? "
                "You can undo this with Ctrl+Z."
            ).format(title=current.title),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setObjectName("delete-session-question")
        safe_default(box)
        box.buttonClicked.connect(
            lambda button: (
                commands.push(DeleteSession(session_id))
                if box.standardButton(button) == QMessageBox.StandardButton.Yes
                else None
            )
        )
        box.open()
        self.delete_box = box

    def _on_changed(self, changes: Changes) -> None:
        if Entity.SESSION in changes.entities():
            self.reload()
            if any(c.entity == Entity.SESSION and c.kind == "deleted" for c in changes):
                self.statusBar().showMessage(_("Session deleted. Ctrl+Z brings it back."), 8000)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            startup_marks.mark("first-paint")
            self.first_painted.emit()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        self.closed.emit()
        super().closeEvent(event)


def _list_shown() -> None:
    startup_marks.mark("list-shown")  # the list painted: the quick look's, or the real one
