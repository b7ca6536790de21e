"""A miniature of what the room sees, for the projector panel (the same drawing as the
projector window, scaled down)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.projector.controller import ProjectorController
from ui.projector.render import paint_scene


class ProjectorThumbnail(QWidget):
    """A miniature of exactly what the room sees (same drawing, scaled down)."""

    def __init__(
        self,
        controller: ProjectorController,
        parent: QWidget | None = None,
        prepared: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("projector-prepared" if prepared else "projector-thumbnail")
        self.controller = controller
        # prepared: the picture the room gets when freeze is switched off
        self.scene_of = controller.prepared_scene if prepared else controller.scene
        self.setMinimumSize(QSize(240, 135))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        controller.changed.connect(self.update)
        controller.placement_changed.connect(self.updateGeometry)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt API
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt API
        w, h = self.controller.picture_size()
        return max(1, round(width * h / max(1, w)))

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(320, self.heightForWidth(320))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        pw, ph = self.controller.picture_size()
        scale = min(self.width() / pw, self.height() / ph)
        painter = QPainter(self)
        try:
            painter.fillRect(self.rect(), self.palette().window())
            painter.translate((self.width() - pw * scale) / 2, (self.height() - ph * scale) / 2)
            painter.scale(scale, scale)
            paint_scene(painter, pw, ph, self.scene_of())
            painter.setPen(QPen(QColor("#808080"), 1 / scale))
            painter.drawRect(QRectF(0, 0, pw, ph))
        finally:
            painter.end()
