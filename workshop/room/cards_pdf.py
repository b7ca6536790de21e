"""Rapporteur cards as a PDF (ReportLab): per table, its rapporteur link as a QR code.

Two cards on each A4 page (cut along the line). Each card shows the table, its question,
the rapporteur's QR code (that table's own token) and, smaller, the participants' code.
The QR codes are drawn as vector squares from segno's matrix: nothing is fetched.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from workshop.grouping.cards_pdf import FONT, FONT_BOLD, register_fonts
from workshop.i18n import translator
from workshop.room.qr import draw_qr_pdf, qr_matrix

INK = colors.HexColor("#1f2a37")
MUTED = colors.HexColor("#5b6673")


@dataclass(frozen=True)
class RapporteurCard:
    label: str  # "Tafel 3"
    title: str
    question: str
    url: str  # the table's rapporteur link


def _fit(text: str, font: str, size: float, width: float) -> tuple[str, float]:
    while size > 9 and pdfmetrics.stringWidth(text, font, size) > width:
        size -= 1
    while pdfmetrics.stringWidth(text, font, size) > width and len(text) > 4:
        text = text[:-2].rstrip() + "…"
    return text, size


def write_room_cards(
    path: Path,
    session_title: str,
    cards: list[RapporteurCard],
    join_address: str,
    code: str,
    lang: str = "nl",
) -> Path:
    """Write the cards (run on a worker thread); an empty list writes one explaining page."""
    _ = translator(lang)
    register_fonts()
    width, height = A4
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setTitle(_("Rapporteur cards") + f": {session_title}")
    canvas.setAuthor("Workshop")
    half = height / 2
    inner = width - 30 * mm
    if not cards:
        canvas.setFont(FONT, 14)
        canvas.drawString(15 * mm, height - 30 * mm, _("The groups have not been made yet"))
    for n, card in enumerate(cards):
        if n and n % 2 == 0:
            canvas.showPage()
        base = half if n % 2 == 0 else 0
        top = base + half - 18 * mm
        canvas.setFillColor(INK)
        text, size = _fit(card.label, FONT_BOLD, 30, inner)
        canvas.setFont(FONT_BOLD, size)
        canvas.drawString(15 * mm, top, text)
        if card.title and card.title not in card.label:
            text, size = _fit(card.title, FONT, 16, inner)
            canvas.setFont(FONT, size)
            canvas.drawString(15 * mm, top - 10 * mm, text)
        if card.question and card.question not in card.label:
            text, size = _fit(card.question, FONT, 13, inner)
            canvas.setFont(FONT, size)
            canvas.setFillColor(MUTED)
            canvas.drawString(15 * mm, top - 18 * mm, text)
        side = 80 * mm
        draw_qr_pdf(canvas, qr_matrix(card.url), 15 * mm, base + 22 * mm, side)
        canvas.setFillColor(INK)
        canvas.setFont(FONT_BOLD, 14)
        tx = 15 * mm + side + 10 * mm
        canvas.drawString(tx, base + 22 * mm + side - 8 * mm, _("Rapporteur"))
        canvas.setFont(FONT, 11)
        lines = [
            _("Scan with the phone's camera and type"),
            _("the group's points during the talk."),
            _("They appear on the facilitator's screen."),
            "",
            _("Everyone else: type code {code}").format(code=code),
            _("at {address}").format(address=join_address),
        ]
        y = base + 22 * mm + side - 16 * mm
        for line in lines:
            canvas.drawString(tx, y, line)
            y -= 6 * mm
        if n % 2 == 0:
            canvas.setStrokeColor(colors.HexColor("#b8c0c8"))
            canvas.setDash(3, 4)
            canvas.line(0, half, width, half)
            canvas.setDash()
    canvas.showPage()
    canvas.save()
    return path
