"""The "Terugblik acties" picture's card: earlier meetings' actions with their status.

Drawn by the agenda-item picture (ui/projector/render.py) when the running item is the
series' action review: the countdown gets a smaller band, the card takes the rest. Each
line reads "• what — who · status", overdue ones marked in the timer's red.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF

from ui.projector.paint import WRAP, draw_text, font, rounded
from workshop.i18n import _, format_short_date
from workshop.projector.content import ReviewEntry
from workshop.projector.layout import fit_from_end
from workshop.projector.theme import Theme
from workshop.series.actions import STILL_OPEN, status_word

TOP_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop


def review_line(entry: ReviewEntry) -> str:
    """'Rekenmodel delen — Provincie Overijssel · voor 1 nov.'"""
    text = " ".join(entry.what.split())
    if entry.who.strip():
        text += f" — {' '.join(entry.who.split())}"
    if entry.due is not None:
        text += " · " + _("due {date}").format(date=format_short_date(entry.due))
    return text


def status_label(entry: ReviewEntry) -> str:
    word = status_word(entry.status)
    return f"{word} · {_('overdue')}" if entry.overdue else word


def draw_review(painter, box: QRectF, theme: Theme, entries: tuple[ReviewEntry, ...], px) -> None:
    """The card: a heading with the counts, then one line per action (the newest kept
    in view when they do not all fit)."""
    rounded(painter, box, theme.card, px * 0.5)
    inner = box.adjusted(px * 0.7, px * 0.5, -px * 0.7, -px * 0.5)
    heading_h = px * 1.5
    still = sum(1 for e in entries if e.status in STILL_OPEN)
    heading = _("Actions from earlier meetings · {open} of {total} still open").format(
        open=still, total=len(entries)
    )
    draw_text(
        painter,
        heading,
        QRectF(inner.x(), inner.y(), inner.width(), heading_h),
        px,
        theme.card_accent,
        bold=True,
    )
    area = QRectF(inner.x(), inner.y() + heading_h, inner.width(), inner.height() - heading_h)
    if not entries:
        draw_text(
            painter,
            _("No open actions from earlier meetings"),
            QRectF(area.x(), area.y(), area.width(), px * 1.5),
            px,
            theme.card_muted,
        )
        return
    metrics = QFontMetricsF(font(px))
    status_w = area.width() * 0.26
    bullet_w = px * 1.2
    text_w = area.width() - bullet_w - status_w
    lines = [review_line(e) for e in entries]
    heights = [
        metrics.boundingRect(QRectF(0, 0, text_w, 1e6), WRAP, line).height() + px * 0.4
        for line in lines
    ]
    start = fit_from_end(heights, area.height())
    y = area.y()
    painter.save()
    painter.setClipRect(area)
    for entry, line, h in zip(entries[start:], lines[start:], heights[start:], strict=True):
        settled = entry.status not in STILL_OPEN
        colour = theme.card_muted if settled else theme.card_text
        draw_text(painter, "•", QRectF(area.x(), y, bullet_w, px * 1.3), px, colour, align=TOP_LEFT)
        painter.setFont(font(px))
        painter.setPen(QColor(colour))
        painter.drawText(QRectF(area.x() + bullet_w, y, text_w, h), int(TOP_LEFT) | WRAP, line)
        status_colour = theme.timer_red if entry.overdue else theme.card_accent
        draw_text(
            painter,
            status_label(entry),
            QRectF(area.right() - status_w, y, status_w, px * 1.3),
            px,
            theme.card_muted if settled else status_colour,
            bold=not settled,
            align=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
        )
        y += h
    painter.restore()
