"""The room on the projector: the join QR code (welcome and breakout pictures) and one
question's live results (bars for choices, scales and dots; a word cloud for one word;
the approved answers for open text)."""

from __future__ import annotations

import math
from functools import lru_cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QPainter

from ui.projector.paint import draw_text, fit_and_draw, font, rounded
from ui.projector.scene import Scene
from workshop.i18n import N_, _, plural
from workshop.projector.layout import margin, min_legible_px
from workshop.projector.state import Mode
from workshop.projector.theme import Theme
from workshop.room.qr import QrMatrix

CENTER = Qt.AlignmentFlag.AlignCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
MAX_BARS = 8  # rows of bars a projector picture shows legibly
QUIET = 4  # modules of white around a QR code (the standard's quiet zone)


@lru_cache(maxsize=16)
def qr_image(matrix: QrMatrix) -> QImage:
    """The code as a small image, one pixel per module, quiet zone included (made once per
    link; drawing it scaled costs one call per frame instead of one per module)."""
    n = len(matrix) + 2 * QUIET
    image = QImage(n, n, QImage.Format.Format_RGB32)
    image.fill(QColor("#ffffff"))
    black = QColor("#000000").rgb()
    for r, row in enumerate(matrix):
        for c, dark in enumerate(row):
            if dark:
                image.setPixel(c + QUIET, r + QUIET, black)
    return image


def draw_qr(painter: QPainter, rect: QRectF, matrix: QrMatrix) -> None:
    """`matrix` as a square QR code filling `rect` (white quiet zone included), sharp."""
    if not matrix:
        return
    side = min(rect.width(), rect.height())
    target = QRectF(
        rect.x() + (rect.width() - side) / 2, rect.y() + (rect.height() - side) / 2, side, side
    )
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.drawImage(target, qr_image(matrix))
    painter.restore()


def paint_room(painter: QPainter, width: float, height: float, theme: Theme, scene: Scene) -> None:
    room = scene.room
    if room is None:
        return
    if room.question is not None:
        _question(painter, width, height, theme, room.question)
        if room.joinable:
            _join_box(painter, width, height, theme, room, small=True)
    elif room.joinable and scene.state.mode in (Mode.WELCOME, Mode.BREAKOUT):
        _join_box(painter, width, height, theme, room, small=scene.state.mode == Mode.BREAKOUT)


def _join_box(painter, width, height, theme: Theme, room, small: bool) -> None:
    """The QR code with the code to type and where: bottom right (the welcome picture: just
    above its welcome band, clear of the organiser's line)."""
    m = margin(width, height)
    side = height * (0.16 if small else 0.19)
    text_h = height * 0.045
    lines = 1 if small else 2
    bottom = height - m if small else height * 0.76
    box = QRectF(width - m - side, bottom - side - text_h * lines, side, side + text_h * lines)
    rounded(painter, box.adjusted(-m * 0.25, -m * 0.25, m * 0.25, m * 0.25), "#ffffff", m * 0.2)
    draw_qr(painter, QRectF(box.x(), box.y(), side, side), room.qr)
    legible = min_legible_px(height)
    texts = [_("code {code}").format(code=room.code)]
    if not small:
        texts.append(room.address.removeprefix("http://").rstrip("/"))
    for n, text in enumerate(texts):
        fit_and_draw(
            painter,
            text,
            QRectF(box.x(), box.y() + side + n * text_h, side, text_h),
            "#000000",
            text_h * 0.7,
            legible * 0.6,
            bold=n == 0,
            align=CENTER,
        )


def _question(painter, width, height, theme: Theme, q: dict) -> None:
    """One question over the whole picture: the prompt, then its results, live."""
    m = margin(width, height)
    painter.fillRect(QRectF(0, 0, width, height), QColor(theme.background))
    legible = min_legible_px(height)
    inner = QRectF(2 * m, m, width - 4 * m - height * 0.18, height * 0.2)
    fit_and_draw(
        painter, q["prompt"], inner, theme.text, height * 0.07, legible, bold=True, lines=2
    )
    results = q["results"]
    count = results["count"]
    if q["kind"] == "dots":
        line = plural(count, N_("{n} dot"), N_("{n} dots")).format(n=count)
    else:
        line = plural(count, N_("{n} answer"), N_("{n} answers")).format(n=count)
    draw_text(
        painter,
        line,
        QRectF(2 * m, inner.bottom(), inner.width(), height * 0.06),
        max(legible, height * 0.035),
        theme.muted,
    )
    area = QRectF(2 * m, inner.bottom() + height * 0.08, width - 4 * m, height * 0.66 - m)
    kind = q["kind"]
    if kind == "word":
        _word_cloud(painter, area, theme, results.get("words", []), legible)
    elif kind == "text":
        _answers(painter, area, theme, [a["text"] for a in results.get("answers", [])], legible)
    else:
        if kind == "scale":
            low = q["options"][0]
            labels = [str(low + i) for i in range(len(results["counts"]))]
        elif kind == "choice":
            labels = [str(o) for o in q["options"]]
        else:
            labels = [str(t) for t in results.get("texts", [])]
        pairs = list(zip(labels, results.get("counts", []), strict=False))
        if kind == "dots":  # most dots first: the harvest's priorities
            pairs.sort(key=lambda p: -p[1])
        _bars(painter, area, theme, pairs, legible)


def _bars(painter, area: QRectF, theme: Theme, pairs: list[tuple[str, int]], legible) -> None:
    """Horizontal bars: the label (one or two lines), the bar, the count; at most MAX_BARS
    rows (dots: the most voted points, they come first)."""
    if not pairs:
        return
    pairs = pairs[:MAX_BARS]
    rows = len(pairs)
    row_h = area.height() / max(rows, 3)
    px = max(legible, min(row_h * 0.36, area.height() * 0.07))
    lines = 2 if row_h >= px * 2.5 else 1
    label_w = area.width() * 0.45
    count_w = px * 3
    top = max((c for _l, c in pairs), default=0) or 1
    for n, (label, value) in enumerate(pairs):
        y = area.y() + n * row_h
        fit_and_draw(
            painter,
            label,
            QRectF(area.x(), y, label_w - px * 0.6, row_h * 0.92),
            theme.text,
            px,
            legible,
            lines=lines,
        )
        bar_w = (area.width() - label_w - count_w) * value / top
        bar = QRectF(area.x() + label_w, y + row_h * 0.2, max(bar_w, 2.0), row_h * 0.55)
        rounded(painter, bar, theme.accent, row_h * 0.08)
        draw_text(
            painter,
            str(value),
            QRectF(bar.right() + px * 0.4, y, count_w, row_h * 0.92),
            px,
            theme.text,
            bold=True,
        )


def _word_cloud(painter, area: QRectF, theme: Theme, words: list, legible) -> None:
    """The words, the most frequent largest, in centred rows (the order of frequency)."""
    if not words:
        return
    top = max(c for _w, c in words)
    biggest = min(area.height() * 0.22, area.width() * 0.12)
    for shrink in (1.0, 0.8, 0.64, 0.5, 0.4, 0.32):
        placed = _flow(words, top, biggest * shrink, legible, area)
        if placed is not None:
            break
    else:
        placed = _flow(words, top, legible, legible, area, clip=True) or []
    colours = (theme.accent, theme.text, theme.muted)
    for n, (word, px, rect) in enumerate(placed):
        painter.setFont(font(px, bold=n < 3))
        painter.setPen(QColor(colours[0] if n < 3 else colours[1 + n % 2]))
        painter.drawText(rect, int(CENTER), word)


def _flow(words, top: int, biggest: float, legible: float, area: QRectF, clip=False):
    """Lay the words out in rows; None when they do not fit `area`."""
    items = []
    for word, count in words:
        px = max(legible, biggest * math.sqrt(count / top))
        metrics = QFontMetricsF(font(px, bold=True))
        items.append((word, px, metrics.horizontalAdvance(word) + px * 0.6, metrics.height()))
    rows: list[list] = [[]]
    widths = [0.0]
    for item in items:
        if widths[-1] + item[2] > area.width() and rows[-1]:
            rows.append([])
            widths.append(0.0)
        rows[-1].append(item)
        widths[-1] += item[2]
    heights = [max(i[3] for i in row) for row in rows]
    if sum(heights) > area.height() and not clip:
        return None
    placed = []
    y = area.y() + max(0.0, (area.height() - sum(heights)) / 2)
    for row, w, h in zip(rows, widths, heights, strict=True):
        if y + h > area.bottom() + 1:
            break
        x = area.x() + (area.width() - w) / 2
        for word, px, iw, _ih in row:
            placed.append((word, px, QRectF(x, y, iw, h)))
            x += iw
        y += h
    return placed


def _answers(painter, area: QRectF, theme: Theme, texts: list[str], legible) -> None:
    """Approved open answers as cards, newest last, as many as fit."""
    if not texts:
        draw_text(painter, _("No answers shown yet"), area, legible, theme.muted, align=CENTER)
        return
    cols = 2 if len(texts) > 3 else 1
    per_col = 4
    shown = texts[-cols * per_col :]
    gap = legible * 0.6
    card_w = (area.width() - gap * (cols - 1)) / cols
    card_h = (area.height() - gap * (per_col - 1)) / per_col
    for n, text in enumerate(shown):
        col, row = divmod(n, per_col)
        card = QRectF(
            area.x() + col * (card_w + gap), area.y() + row * (card_h + gap), card_w, card_h
        )
        rounded(painter, card, theme.card, legible * 0.4)
        fit_and_draw(
            painter,
            text,
            card.adjusted(gap, gap * 0.5, -gap, -gap * 0.5),
            theme.card_text,
            card_h * 0.3,
            legible,
            lines=3,
        )
