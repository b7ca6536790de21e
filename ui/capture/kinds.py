"""How each kind of note looks: colour, glyph and icon (drawn, so no image files)."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from workshop.capture.marks import BY_KIND, mark_for
from workshop.i18n import _
from workshop.model import NoteKind

COLOURS: dict[str, str] = {
    NoteKind.INZICHT: "#3d5a80",
    NoteKind.CITAAT: "#7b2d8b",
    NoteKind.VRAAG: "#d17a00",
    NoteKind.ACTIE: "#c0392b",
    NoteKind.KNOP: "#2e7d32",
    NoteKind.PARTNER: "#00838f",
}
GLYPHS: dict[str, str] = {
    NoteKind.INZICHT: "•",
    NoteKind.CITAAT: "“",
    NoteKind.VRAAG: "?",
    NoteKind.ACTIE: "!",
    NoteKind.KNOP: ">",
    NoteKind.PARTNER: "+",
}


def colour(kind: str) -> QColor:
    return QColor(COLOURS.get(kind, "#555555"))


def kind_name(kind: str) -> str:
    return _(mark_for(kind).name) if kind in BY_KIND else kind


@cache
def icon(kind: str, size: int = 22) -> QIcon:
    pix = QPixmap(size * 2, size * 2)
    pix.setDevicePixelRatio(2.0)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setBrush(colour(kind))
    p.setPen(Qt.PenStyle.NoPen)
    p.drawEllipse(QRectF(1, 1, size - 2, size - 2))
    font = QFont()
    font.setBold(True)
    font.setPixelSize(int(size * 0.62))
    p.setFont(font)
    p.setPen(QColor("white"))
    p.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, GLYPHS.get(kind, "·"))
    p.end()
    return QIcon(pix)
