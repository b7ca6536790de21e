"""Painting helpers for the projector: shipped fonts, text that fits a box, the timer disk."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontDatabase, QFontMetricsF, QPainter, QPen

from workshop.paths import resource
from workshop.projector.layout import Rect
from workshop.projector.theme import Theme
from workshop.timing.reading import TimerReading

FAMILY_FALLBACK = "DejaVu Sans"


@cache
def family() -> str:
    """The shipped DejaVu Sans (embedded, so every laptop draws the same picture)."""
    name = FAMILY_FALLBACK
    for file in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        font_id = QFontDatabase.addApplicationFont(str(resource("fonts", file)))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if families:
            name = families[0]
    return name


def font(px: float, bold: bool = False) -> QFont:
    f = QFont(family())
    f.setPixelSize(max(1, round(px)))
    f.setBold(bold)
    f.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return f


def qrect(r: Rect) -> QRectF:
    return QRectF(r.x, r.y, r.w, r.h)


@cache
def measure_em(bold: bool = False):
    """A `Measure` for the core layout: text width in em, from the real font metrics."""
    metrics = QFontMetricsF(font(100, bold))
    return lambda text: metrics.horizontalAdvance(text) / 100.0


WRAP = int(Qt.TextFlag.TextWordWrap)


def fitted_px(
    text: str, rect: QRectF, max_px: float, min_px: float, bold: bool = False, lines: int = 1
) -> float:
    """Largest font size (≤ max_px) at which `text` fits `rect` in at most `lines` lines."""
    lo, hi = min_px, max(min_px, max_px)
    if _fits(text, rect, hi, bold, lines):
        return hi
    for _ in range(14):
        mid = (lo + hi) / 2
        if _fits(text, rect, mid, bold, lines):
            lo = mid
        else:
            hi = mid
    return lo


def _fits(text: str, rect: QRectF, px: float, bold: bool, lines: int) -> bool:
    metrics = QFontMetricsF(font(px, bold))
    if lines <= 1:
        return metrics.horizontalAdvance(text) <= rect.width() and metrics.height() <= rect.height()
    box = metrics.boundingRect(QRectF(0, 0, rect.width(), 1e6), WRAP, text)
    return (
        box.width() <= rect.width() + 0.5
        and box.height() <= min(rect.height(), metrics.lineSpacing() * lines + 1)
        and all(metrics.horizontalAdvance(word) <= rect.width() for word in text.split())
    )


def draw_text(
    painter: QPainter,
    text: str,
    rect: QRectF,
    px: float,
    colour: str,
    bold: bool = False,
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
    lines: int = 1,
) -> None:
    """Draw text in a box; what does not fit is elided with '…' rather than overflowing."""
    f = font(px, bold)
    painter.setFont(f)
    painter.setPen(QColor(colour))
    metrics = QFontMetricsF(f)
    if lines <= 1:
        shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(rect, int(align), shown)
        return
    painter.drawText(rect, int(align) | WRAP, _elide_lines(text, metrics, rect.width(), lines))


def _elide_lines(text: str, metrics: QFontMetricsF, width: float, lines: int) -> str:
    """Wrap by words into at most `lines` lines, eliding the last one."""
    words = text.split()
    out: list[str] = []
    current = ""
    for n, word in enumerate(words):
        candidate = f"{current} {word}".strip()
        if metrics.horizontalAdvance(candidate) <= width or not current:
            current = candidate
            continue
        out.append(current)
        current = word
        if len(out) == lines - 1:
            current = " ".join([current, *words[n + 1 :]])
            break
    out.append(metrics.elidedText(current, Qt.TextElideMode.ElideRight, width))
    return "\n".join(
        metrics.elidedText(line, Qt.TextElideMode.ElideRight, width) for line in out[:lines]
    )


def fit_and_draw(
    painter: QPainter,
    text: str,
    rect: QRectF,
    colour: str,
    max_px: float,
    min_px: float,
    bold: bool = False,
    lines: int = 1,
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
) -> float:
    px = fitted_px(text, rect, max_px, min_px, bold, lines)
    draw_text(painter, text, rect, px, colour, bold, align, lines)
    return px


def draw_disk(painter: QPainter, rect: QRectF, reading: TimerReading, theme: Theme) -> None:
    """The emptying disk: the coloured part is the time left, shrinking towards 12 o'clock."""
    side = min(rect.width(), rect.height())
    box = QRectF(
        rect.x() + (rect.width() - side) / 2, rect.y() + (rect.height() - side) / 2, side, side
    )
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = QColor(theme.timer_colour(reading.level))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(QColor(theme.disk_track)))
    painter.drawEllipse(box)
    fraction = max(0.0, min(1.0, reading.fraction_left))
    if reading.overrun:
        ring = max(2.0, side * 0.08)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(colour, ring))
        painter.drawEllipse(box.adjusted(ring / 2, ring / 2, -ring / 2, -ring / 2))
    elif fraction >= 0.9995:
        painter.setBrush(QBrush(colour))
        painter.drawEllipse(box)
    elif fraction > 0:
        painter.setBrush(QBrush(colour))
        painter.drawPie(box, 90 * 16, round(fraction * 360 * 16))
    # the hub, so an almost empty disk still reads as a clock
    hub = side * 0.05
    painter.setBrush(QBrush(QColor(theme.background)))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(box.center(), hub, hub)
    painter.restore()


def digits_px_for_height(ink_height: float, sample: str = "00:00") -> float:
    """Font size at which the digits' ink is `ink_height` pixels tall."""
    ref = QFontMetricsF(font(200, True)).tightBoundingRect(sample).height()
    return 200 * ink_height / max(1.0, ref)


def draw_digits(
    painter: QPainter, text: str, rect: QRectF, ink_height: float, colour: str
) -> QRectF:
    """Timer digits whose ink is `ink_height` tall, condensed sideways when too wide.

    Returns the rectangle the ink occupies (for tests that measure the digits).
    """
    px = digits_px_for_height(ink_height)
    f = font(px, True)
    metrics = QFontMetricsF(f)
    ink = metrics.tightBoundingRect(text)
    width = metrics.horizontalAdvance(text)
    squeeze = min(1.0, rect.width() / max(1.0, width))
    painter.save()
    painter.setFont(f)
    painter.setPen(QColor(colour))
    cx = rect.center().x()
    baseline = rect.center().y() - (ink.top() + ink.bottom()) / 2
    painter.translate(cx, baseline)
    painter.scale(squeeze, 1.0)
    painter.drawText(QPointF(-width / 2, 0), text)
    painter.restore()
    return QRectF(cx - width * squeeze / 2, baseline + ink.top(), width * squeeze, ink.height())


def rounded(painter: QPainter, rect: QRectF, colour: str, radius: float) -> None:
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(QColor(colour)))
    painter.drawRoundedRect(rect, radius, radius)
    painter.restore()
