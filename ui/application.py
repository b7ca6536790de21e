"""The QApplication: its name and icon, the first frame painted at once, and the app-wide
filters installed after that first paint."""

from __future__ import annotations

import sys
import time

from PySide6.QtWidgets import QApplication

from ui.session_window import SessionWindow
from ui.start_window import StartWindow
from workshop import APP_NAME, __version__
from workshop.paths import resource


def make_application(argv: list[str] | None = None, event_filters: bool = True) -> QApplication:
    """The QApplication with name and icon; with `event_filters`, also the app-wide filters
    (`run()` installs those after the first paint: every event passes through them in Python,
    which made building the first window three times slower)."""
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName("workshop")
    if event_filters:
        install_event_filters(app)
    return app


def install_event_filters(app: QApplication) -> None:
    """Ctrl+Z to the app's undo stack everywhere; full collections only while nobody types
    (both filter the focus widget's keys); the window icon."""
    if getattr(app, "_undo_router", None) is not None:
        return
    from PySide6.QtGui import QIcon

    from ui.kit.idle_gc import IdleCollector
    from ui.widgets.undo_routing import UndoRouter  # its text widgets' enums: after the paint

    icon = resource("icons", "workshop.svg")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    from ui.widgets import focus_filters

    router = UndoRouter(app)
    app._undo_router = router  # keep a reference
    # on the focus widget, where the keys go: an app-wide filter costs every event
    focus_filters.install(app, router, IdleCollector.install())


def paint_now(app: QApplication, window: StartWindow | SessionWindow) -> None:
    """Process events until the window's first frame is painted (bounded: 2 s)."""
    deadline = time.monotonic() + 2.0
    while not window._painted and time.monotonic() < deadline:
        app.processEvents()
        if not window._painted:
            time.sleep(0.001)
