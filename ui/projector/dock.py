"""The projector panel docked in the session window: its width, F5 for the projector
window, F9 and the View menu for the panel, and remembering whether it was shown."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QDockWidget, QFrame, QMainWindow, QMenu, QScrollArea

from ui.projector.control_panel import MIN_PANEL_WIDTH, ProjectorControlPanel
from ui.projector.controller import ProjectorController
from workshop.i18n import _


class ProjectorDock(QDockWidget):
    """The dock around the panel; closing it with its button is remembered."""

    user_closed = Signal()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        super().closeEvent(event)
        if event.isAccepted():
            self.user_closed.emit()


def _view_menu(window: QMainWindow) -> QMenu:
    """The session window's View menu (made here when no part made it yet)."""
    for action in window.menuBar().actions():
        menu = action.menu()
        if isinstance(menu, QMenu) and menu.objectName() == "menu-view":
            return menu
    menu = window.menuBar().addMenu(_("&View"))
    menu.setObjectName("menu-view")
    return menu


def add_projector_dock(window: QMainWindow, controller: ProjectorController) -> QDockWidget:
    """Dock the panel in the session window and wire F5, F9 and the window's life to it."""
    panel = ProjectorControlPanel(controller)
    scroller = QScrollArea()  # a short screen scrolls the panel instead of squeezing it
    scroller.setObjectName("projector-scroller")
    scroller.setWidgetResizable(True)
    scroller.setFrameShape(QFrame.Shape.NoFrame)
    scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroller.setWidget(panel)
    scroller.setMinimumWidth(MIN_PANEL_WIDTH)
    dock = ProjectorDock(_("Projector"), window)
    dock.setObjectName("projector-dock")
    dock.setWidget(scroller)
    dock.setFeatures(
        QDockWidget.DockWidgetFeature.DockWidgetMovable
        | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        | QDockWidget.DockWidgetFeature.DockWidgetClosable
    )
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    window.resizeDocks([dock], [dock_width(window.width())], Qt.Orientation.Horizontal)
    controller.facilitator_window = lambda: window
    shortcut = QShortcut(QKeySequence(Qt.Key.Key_F5), window)
    shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
    shortcut.activated.connect(controller.toggle_window)

    toggle = dock.toggleViewAction()
    toggle.setText(_("Projector panel"))
    toggle.setShortcut(QKeySequence(Qt.Key.Key_F9))
    toggle.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    toggle.setToolTip(_("Show or hide the projector panel (F9)"))
    window.addAction(toggle)  # F9 works while the menu bar is closed
    _view_menu(window).addAction(toggle)

    def remember(visible: bool) -> None:
        controller.remember_panel(visible)
        if visible:
            window.resizeDocks([dock], [dock_width(window.width())], Qt.Orientation.Horizontal)

    toggle.triggered.connect(remember)
    dock.user_closed.connect(lambda: remember(False))

    def restore() -> None:  # once: the remembered choice, when the preferences are read
        controller.content_loaded.disconnect(restore)
        if not controller.prefs.panel_visible:
            dock.hide()

    controller.content_loaded.connect(restore)
    window.projector_panel = panel  # tests and the selftest reach it here
    window.projector_dock = dock
    if hasattr(window, "closed"):
        window.closed.connect(lambda *_args: controller.shutdown())
    return dock


def dock_width(window_width: int) -> int:
    """A quarter of the window, between 280 and 340 px (320 at 1280 wide)."""
    return max(280, min(340, window_width // 4))
