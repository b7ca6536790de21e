"""Key filters on the widget that has the keyboard focus, not on the whole application.

An event filter installed on the QApplication sees every event of every object in Python.
Besides the cost per event (paints, timers, layout requests), PySide then has to find a
Python type for each object an event is sent to; for Qt's private classes (a combo box's
popup container, a style object) that search loads the lazily created classes of all Qt
modules with their enums: 118 enum types, ~50 ms, the first time a combo box was set up
in `workshop demo`. Key presses and shortcut overrides go to the focus widget first, so a
filter that moves along with the focus sees the key events the app cares about.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QWidget


class FocusFilters(QObject):
    """Keeps `filters` installed on the focus widget (and only there)."""

    def __init__(self, app: QApplication, filters: tuple[QObject, ...]) -> None:
        super().__init__(app)
        self.filters = filters
        app.focusChanged.connect(self._focus_moved)
        self._focus_moved(None, app.focusWidget())

    def _focus_moved(self, old: QWidget | None, new: QWidget | None) -> None:
        # no reference to a widget is kept: a closed window's widgets are freed as before;
        # a filter already freed (PySide's exit handlers, while the last window closes) is
        # skipped
        filters = [f for f in self.filters if shiboken6.isValid(f)]
        if old is not None and shiboken6.isValid(old):
            for f in filters:
                old.removeEventFilter(f)
        if new is not None:
            for f in filters:
                new.installEventFilter(f)


def install(app: QApplication, *filters: QObject) -> FocusFilters:
    """Install `filters` on the focus widget from now on; keep the result alive."""
    follower = FocusFilters(app, filters)
    app._focus_filters = follower  # owned by the app (parent), reachable for tests
    return follower
