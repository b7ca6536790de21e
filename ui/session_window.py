"""The session window: one place per part of the job, and the undo/redo every part shares.

The window can be shown before the library is open (`SessionWindow()` paints navigation and
menus at once; `attach(ctx)` then builds the first page): `workshop demo` paints its first
frame while SQLAlchemy is still being imported. Pages are built when first shown.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from ui import startup_marks
from ui.kit.context import ChangeAware, Flushable
from ui.pages.registry import PAGES, warm_page_modules
from ui.widgets.alive import alive
from ui.widgets.lazy_slot import async_slot
from workshop.changes import Entity
from workshop.i18n import _, format_long_date

if TYPE_CHECKING:
    from ui.kit.context import PageContext
    from ui.room.service import RoomService
    from workshop.commands import Changes


class SessionWindow(QMainWindow):
    first_painted = Signal()
    ready_painted = Signal()  # painted again once attached, with its first page built
    closed = Signal(int)
    go_home = Signal()
    open_session = Signal(int)  # a page asks for another session's window (a series' meeting)

    def __init__(self, ctx: PageContext | None = None) -> None:
        super().__init__()
        self.setObjectName("session-window")
        self.ctx: PageContext | None = None
        self.setWindowTitle("Workshop")
        self._painted = False
        self._page_pending = False  # attached, its first page not built yet
        self.pages: dict[str, QWidget] = {}
        self.resize(1200, 760)
        self.setMinimumSize(QSize(800, 560))
        from ui import window_layout

        window_layout.restore_geometry(self, "session")  # as this machine left it

        self.nav = QListWidget()
        self.nav.setObjectName("session-nav")
        self.nav.setStyleSheet(
            "QListWidget{font-size:11pt;border:none;background:palette(alternate-base);}"
            "QListWidget::item{padding:10px 14px;}"
        )
        self.nav.ensurePolished()  # its font is now the style sheet's 11 pt (no QFont needed)
        metrics = self.nav.fontMetrics()
        widest = max(metrics.horizontalAdvance(spec.title()) for spec in PAGES)
        self.nav.setFixedWidth(max(140, min(190, widest + 44)))  # room for the pages on laptops
        self.stack = QStackedWidget()
        for spec in PAGES:
            self.nav.addItem(QListWidgetItem(spec.title()))
            holder = QWidget()
            holder.setObjectName(f"holder-{spec.key}")
            self.stack.addWidget(holder)
        if ctx is None:  # shown before the library is open: say what is happening
            opening = QLabel(_("Opening the session…"), self.stack.widget(0))
            opening.setStyleSheet("qproperty-alignment: AlignCenter; color: palette(mid);")
            QHBoxLayout(self.stack.widget(0)).addWidget(opening)
        self.nav.currentRowChanged.connect(self._show_page)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self._build_menus()
        self.saved_label = QLabel()
        self.statusBar().addPermanentWidget(self.saved_label)
        self.nav.setCurrentRow(0)
        if ctx is not None:
            self.attach(ctx, page_later=True)

    def attach(self, ctx: PageContext, page_later: bool = False) -> None:
        """The library is open: connect the services and build the page that is shown.

        `page_later`: the page in a turn of its own once the window is first painted (a window
        opened whole stalled ~50 ms in one piece: bench/bench_pages.py); `show_page` builds it
        at once when asked first. The shell of `workshop demo`, painted long ago, gets its
        page at once."""
        from ui.backup_action import BackupAction

        self.ctx = ctx
        self._connect_undo()
        self.backup_action = BackupAction(self, ctx.db)
        self.file_menu.insertAction(self.close_action, self.backup_action)
        if ctx.session_services.projector is not None:
            from ui.projector.dock import add_projector_dock

            add_projector_dock(self, ctx.session_services.projector)
            from ui import window_layout

            window_layout.restore_state(self, "session")
            window_layout.restore_geometry(self, "session")
            self.fix_panel_width()
        ctx.session_services.when_built("room", self._room_built)  # the phones: on first use
        ctx.commands.changed.connect(self._on_changed)
        ctx.commands.failed.connect(self._on_failed)
        ctx.commands.busy_changed.connect(self._on_busy)
        self._on_busy(False)
        self._page_pending = True
        if not page_later:
            self._first_page()
        self.refresh_title()

    def _first_page(self) -> None:
        if not self._page_pending:
            return
        self._page_pending = False
        self._show_page(self.nav.currentRow())
        startup_marks.on_next_paint(self._ready, self.stack.currentWidget())

    def _room_built(self, room: RoomService) -> None:
        from ui.room.panel import install_room_keys

        install_room_keys(self, room)

    def _ready(self) -> None:
        startup_marks.mark("ready")
        self.ready_painted.emit()
        from ui.kit.idle_gc import IdleCollector

        IdleCollector.started()  # start-up's objects leave the full collections' walks
        warm_page_modules()  # the other pages' code, in small steps while nobody waits

    # -- pages ----------------------------------------------------------------------------
    def _show_page(self, row: int) -> None:
        if row < 0:
            return
        if self.ctx is None:  # not attached yet: the page is built by attach()
            self.stack.setCurrentIndex(row)
            return
        spec = PAGES[row]
        if spec.key not in self.pages:
            page = spec.factory(self.ctx)
            holder = self.stack.widget(row)
            self.stack.removeWidget(holder)
            holder.deleteLater()
            self.stack.insertWidget(row, page)
            self.pages[spec.key] = page
            asks = getattr(page, "open_session_requested", None)
            if asks is not None:
                asks.connect(self.open_session.emit)
        self.stack.setCurrentIndex(row)

    def show_page(self, key: str) -> QWidget:
        for row, spec in enumerate(PAGES):
            if spec.key == key:
                self.nav.setCurrentRow(row)
                if key not in self.pages:  # the first page, asked for before its turn came
                    self._first_page()
                    self._show_page(row)
                return self.pages[key]
        raise KeyError(key)

    # -- menus ----------------------------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.file_menu = self.menuBar().addMenu(_("&File"))
        home = QAction(_("Start screen"), self)
        home.triggered.connect(self.go_home.emit)
        file_menu.addAction(home)
        self.close_action = QAction(_("Close"), self)
        self.close_action.triggered.connect(self.close)
        file_menu.addAction(self.close_action)

        edit_menu = self.menuBar().addMenu(_("&Edit"))
        self.undo_action = QAction(_("Undo"), self)
        self.undo_action.setEnabled(False)
        self.redo_action = QAction(_("Redo"), self)
        self.redo_action.setEnabled(False)
        for action in (self.undo_action, self.redo_action):  # shortcuts work in this window
            edit_menu.addAction(action)
            self.addAction(action)

    def _connect_undo(self) -> None:
        assert self.ctx is not None
        # shortcuts now: setting one creates all of Qt's enums (too slow for the first frame)
        from PySide6.QtGui import QKeySequence

        self.close_action.setShortcut(QKeySequence.StandardKey.Close)
        self.undo_action.setShortcuts([QKeySequence("Ctrl+Z")])
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        stack = self.ctx.commands.stack
        self.undo_action.triggered.connect(self.ctx.commands.undo)
        stack.canUndoChanged.connect(self.undo_action.setEnabled)
        stack.undoTextChanged.connect(self._undo_text)
        self.undo_action.setEnabled(stack.canUndo())
        self.redo_action.triggered.connect(self.ctx.commands.redo)
        stack.canRedoChanged.connect(self.redo_action.setEnabled)
        stack.redoTextChanged.connect(self._redo_text)
        self.redo_action.setEnabled(stack.canRedo())

    def _undo_text(self, text: str) -> None:
        self.undo_action.setText(_("Undo: {what}").format(what=text) if text else _("Undo"))

    def _redo_text(self, text: str) -> None:
        self.redo_action.setText(_("Redo: {what}").format(what=text) if text else _("Redo"))

    # -- changes --------------------------------------------------------------------------
    def _on_changed(self, changes: Changes) -> None:
        """Pages see only the changes of this window's session (library-wide ones too)."""
        mine = changes.for_session(self.ctx.session_id)
        if not mine:
            return
        for page in self.pages.values():
            if isinstance(page, ChangeAware):
                page.on_changed(mine)
        if mine.touches(Entity.SESSION, self.ctx.session_id):
            self.refresh_title()

    def _on_failed(self, message: str) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Warning, _("Not stored"), message, parent=self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _on_busy(self, busy: bool) -> None:
        if busy:
            self.saved_label.setText(_("Storing…"))
        else:
            self.saved_label.setText(
                _("All changes stored · {time}").format(time=datetime.now().strftime("%H:%M:%S"))
            )

    @async_slot()
    async def refresh_title(self) -> None:
        from workshop.sessions.queries import get_details

        details = await self.ctx.db.call(get_details, self.ctx.session_id)
        if not alive(self):
            return
        when = format_long_date(details.date) if details.date else ""
        self.setWindowTitle(" — ".join(p for p in (details.title, when, "Workshop") if p))

    # -- lifecycle ------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            startup_marks.mark("first-paint")
            self.first_painted.emit()
            if self._page_pending:  # a timer: a 0 ms call is posted and would run in this turn
                QTimer.singleShot(1, self, self._first_page)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self.fix_panel_width()

    def fix_panel_width(self) -> None:
        """The projector panel keeps one width for a window size: switching pages or
        content never moves its buttons under the pointer."""
        dock = getattr(self, "projector_dock", None)
        if dock is None or dock.widget() is None:
            return
        from ui.projector.dock import dock_width

        width = dock_width(self.width())
        if dock.widget().width() != width or dock.widget().minimumWidth() != width:
            dock.widget().setFixedWidth(width)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        for page in self.pages.values():
            if isinstance(page, Flushable):
                page.flush()
        if self.ctx is not None:
            from ui import window_layout

            window_layout.remember(self, "session")  # this machine's layout, not the library's
        self.closed.emit(self.ctx.session_id if self.ctx is not None else 0)
        super().closeEvent(event)
