"""The app's key filters sit on the focus widget and move with it (no app-wide filter)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from ui.widgets.focus_filters import FocusFilters


class KeyLog(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.KeyPress:
            self.seen.append(watched.objectName())
        return False


def test_the_filter_follows_the_focus(qtbot, qapp):
    window = QWidget()
    qtbot.addWidget(window)
    first, second = QLineEdit(objectName="first"), QLineEdit(objectName="second")
    layout = QVBoxLayout(window)
    layout.addWidget(first)
    layout.addWidget(second)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    log = KeyLog()
    follower = FocusFilters(qapp, (log,))
    try:
        first.setFocus()
        qtbot.waitUntil(first.hasFocus)
        QTest.keyClicks(first, "ab")
        second.setFocus()
        qtbot.waitUntil(second.hasFocus)
        QTest.keyClick(second, Qt.Key.Key_C)
        QTest.keyClick(first, Qt.Key.Key_D)  # sent to a widget without focus: not watched
        assert log.seen == ["first", "first", "second"]
        assert first.text() == "abd" and second.text() == "c"
    finally:
        qapp.focusChanged.disconnect(follower._focus_moved)
        follower.deleteLater()


def test_a_deleted_focus_widget_is_let_go(qtbot, qapp):
    window = QWidget()
    qtbot.addWidget(window)
    field = QLineEdit(window)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    log = KeyLog()
    follower = FocusFilters(qapp, (log,))
    try:
        field.setFocus()
        qtbot.waitUntil(field.hasFocus)
        field.deleteLater()
        qtbot.waitUntil(lambda: qapp.focusWidget() is None)
        other = QLineEdit(window, objectName="other")
        other.show()
        other.setFocus()
        qtbot.waitUntil(other.hasFocus)
        QTest.keyClick(other, Qt.Key.Key_X)
        assert log.seen == ["other"]
    finally:
        qapp.focusChanged.disconnect(follower._focus_moved)
        follower.deleteLater()


def test_a_freed_filter_is_skipped_while_the_focus_moves(qtbot, qapp):
    """At exit PySide may free a filter before the last window closes (focus moves then)."""
    import shiboken6

    window = QWidget()
    qtbot.addWidget(window)
    first, second = QLineEdit(objectName="first"), QLineEdit(objectName="second")
    layout = QVBoxLayout(window)
    layout.addWidget(first)
    layout.addWidget(second)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    gone, log = KeyLog(), KeyLog()
    follower = FocusFilters(qapp, (gone, log))
    try:
        first.setFocus()
        qtbot.waitUntil(first.hasFocus)
        shiboken6.delete(gone)
        second.setFocus()  # removes from `first`, installs on `second`: `gone` skipped
        qtbot.waitUntil(second.hasFocus)
        QTest.keyClick(second, Qt.Key.Key_C)
        assert log.seen == ["second"] and second.text() == "c"
    finally:
        qapp.focusChanged.disconnect(follower._focus_moved)
        follower.deleteLater()
