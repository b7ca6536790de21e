"""The session window: one place per part of the job, and the undo/redo every part shares."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QFont,
    QFontMetrics,
    QKeySequence,
    QPaintEvent,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)
from qasync import asyncSlot

from ui.backup_action import BackupAction
from ui.pages.registry import PAGES, PageContext
from ui.widgets.alive import alive
from workshop.commands import Changes
from workshop.i18n import _, format_long_date
from workshop.services.sessions import get_details


class SessionWindow(QMainWindow):
    first_painted = Signal()
    closed = Signal(int)
    go_home = Signal()

    def __init__(self, ctx: PageContext) -> None:
        super().__init__()
        self.setObjectName("session-window")
        self.ctx = ctx
        self._painted = False
        self.pages: dict[str, QWidget] = {}
        self.resize(1200, 760)
        self.setMinimumSize(QSize(800, 560))

        self.nav = QListWidget()
        self.nav.setObjectName("session-nav")
        nav_font = QFont(self.nav.font())
        nav_font.setPointSizeF(11)
        widest = max(QFontMetrics(nav_font).horizontalAdvance(spec.title()) for spec in PAGES)
        self.nav.setFixedWidth(max(140, min(190, widest + 44)))  # room for the pages on laptops
        self.nav.setStyleSheet(
            "QListWidget{font-size:11pt;border:none;background:palette(alternate-base);}"
            "QListWidget::item{padding:10px 14px;}"
        )
        self.stack = QStackedWidget()
        for spec in PAGES:
            item = QListWidgetItem(spec.title())
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            self.nav.addItem(item)
            holder = QWidget()
            holder.setObjectName(f"holder-{spec.key}")
            self.stack.addWidget(holder)
        self.nav.currentRowChanged.connect(self._show_page)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self._build_menus()
        if ctx.session_services.projector is not None:
            from ui.projector.control_panel import add_projector_dock

            add_projector_dock(self, ctx.session_services.projector)
            self.fix_panel_width()
        self.saved_label = QLabel()
        self.statusBar().addPermanentWidget(self.saved_label)
        ctx.commands.changed.connect(self._on_changed)
        ctx.commands.failed.connect(self._on_failed)
        ctx.commands.busy_changed.connect(self._on_busy)
        self._on_busy(False)
        self.nav.setCurrentRow(0)
        self.refresh_title()

    # -- pages ----------------------------------------------------------------------------
    def _show_page(self, row: int) -> None:
        if row < 0:
            return
        spec = PAGES[row]
        if spec.key not in self.pages:
            page = spec.factory(self.ctx)
            holder = self.stack.widget(row)
            self.stack.removeWidget(holder)
            holder.deleteLater()
            self.stack.insertWidget(row, page)
            self.pages[spec.key] = page
        self.stack.setCurrentIndex(row)

    def show_page(self, key: str) -> QWidget:
        for row, spec in enumerate(PAGES):
            if spec.key == key:
                self.nav.setCurrentRow(row)
                return self.pages[key]
        raise KeyError(key)

    # -- menus ----------------------------------------------------------------------------
    def _build_menus(self) -> None:
        stack = self.ctx.commands.stack
        file_menu = self.menuBar().addMenu(_("&File"))
        home = QAction(_("Start screen"), self)
        home.triggered.connect(self.go_home.emit)
        file_menu.addAction(home)
        self.backup_action = BackupAction(self, self.ctx.db)
        file_menu.addAction(self.backup_action)
        close = QAction(_("Close"), self)
        close.setShortcut(QKeySequence.StandardKey.Close)
        close.triggered.connect(self.close)
        file_menu.addAction(close)

        edit_menu = self.menuBar().addMenu(_("&Edit"))
        self.undo_action = QAction(_("Undo"), self)
        self.undo_action.setShortcuts([QKeySequence("Ctrl+Z")])
        self.undo_action.triggered.connect(self.ctx.commands.undo)
        stack.canUndoChanged.connect(self.undo_action.setEnabled)
        stack.undoTextChanged.connect(self._undo_text)
        self.undo_action.setEnabled(stack.canUndo())
        self.redo_action = QAction(_("Redo"), self)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.redo_action.triggered.connect(self.ctx.commands.redo)
        stack.canRedoChanged.connect(self.redo_action.setEnabled)
        stack.redoTextChanged.connect(self._redo_text)
        self.redo_action.setEnabled(stack.canRedo())
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            edit_menu.addAction(action)
            self.addAction(action)

    def _undo_text(self, text: str) -> None:
        self.undo_action.setText(_("Undo: {what}").format(what=text) if text else _("Undo"))

    def _redo_text(self, text: str) -> None:
        self.redo_action.setText(_("Redo: {what}").format(what=text) if text else _("Redo"))

    # -- changes --------------------------------------------------------------------------
    def _on_changed(self, changes: Changes) -> None:
        for page in self.pages.values():
            handler = getattr(page, "on_changed", None)
            if handler is not None:
                handler(changes)
        if any(c.entity == "session" and self.ctx.session_id in c.ids for c in changes):
            self.refresh_title()

    def _on_failed(self, message: str) -> None:
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

    @asyncSlot()
    async def refresh_title(self) -> None:
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
            self.first_painted.emit()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self.fix_panel_width()

    def fix_panel_width(self) -> None:
        """The projector panel keeps one width for a window size: switching pages or
        content never moves its buttons under the pointer."""
        dock = getattr(self, "projector_dock", None)
        if dock is None or dock.widget() is None:
            return
        from ui.projector.control_panel import dock_width

        width = dock_width(self.width())
        if dock.widget().width() != width or dock.widget().minimumWidth() != width:
            dock.widget().setFixedWidth(width)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        for page in self.pages.values():
            flush = getattr(page, "flush", None)
            if flush is not None:
                flush()
        self.closed.emit(self.ctx.session_id)
        super().closeEvent(event)
