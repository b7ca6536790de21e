"""The projector window: a second top-level window for the beamer, drawn by `paint_scene`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from ui.projector.render import paint_scene
from workshop.i18n import _

if TYPE_CHECKING:
    from ui.projector.controller import ProjectorController


class ProjectorWindow(QWidget):
    """What the room sees. Keys: F5 close, Esc leave full screen, B blackout, F freeze, 1–5."""

    closed = Signal()

    def __init__(self, controller: ProjectorController) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setObjectName("projector-window")
        self.controller = controller
        self.setWindowTitle(_("Projector") + " — Workshop")
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.BlankCursor)
        self.setMinimumSize(320, 200)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        try:
            paint_scene(painter, self.width(), self.height(), self.controller.scene())
        finally:
            painter.end()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        if not self.controller.handle_key(event.key(), event.text()):
            super().keyPressEvent(event)

    def enterEvent(self, event) -> None:  # noqa: N802 - Qt API
        # a windowed projector is dragged with the mouse; full screen hides the cursor
        self.setCursor(
            Qt.CursorShape.BlankCursor if self.isFullScreen() else Qt.CursorShape.ArrowCursor
        )
        super().enterEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        self.closed.emit()
        super().closeEvent(event)
