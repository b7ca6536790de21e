"""Table cards and group lists as a PDF (ReportLab), to print before the breakout starts.

A table card is an A4 landscape page folded along the middle into a tent: the table name,
theme and round read the right way up from both sides. The group lists follow: per round,
every table with its members (host and rapporteur marked). One stylesheet, builders that
return flowables, one `build_pdf`; all user text is escaped; the shipped DejaVu fonts are
embedded so names like “Zoë Çelik” print correctly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from sqlalchemy import select

from workshop.grouping.queries import GroupInfo, RoundInfo, item_rounds
from workshop.i18n import translator
from workshop.model import AgendaItem, WorkSession
from workshop.paths import resource
from workshop.store.library import Library

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"
INK = colors.HexColor("#1f2a37")
MUTED = colors.HexColor("#5b6673")
ACCENT = colors.HexColor("#2f6f5e")


def register_fonts() -> None:
    """Register the shipped DejaVu fonts once (embedded in every PDF that uses them)."""
    registered = set(pdfmetrics.getRegisteredFontNames())
    faces = {
        FONT: "DejaVuSans.ttf",
        FONT_BOLD: "DejaVuSans-Bold.ttf",
        FONT_ITALIC: "DejaVuSans-Oblique.ttf",
        "DejaVuSans-BoldOblique": "DejaVuSans-BoldOblique.ttf",
    }
    for name, filename in faces.items():
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, str(resource("fonts", filename))))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic="DejaVuSans-BoldOblique"
    )


def stylesheet() -> dict[str, ParagraphStyle]:
    """The one stylesheet of this document."""
    base = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=13, textColor=INK)
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8.5, leading=11, textColor=MUTED),
        "title": ParagraphStyle("title", parent=base, fontName=FONT_BOLD, fontSize=18, leading=22),
        "round": ParagraphStyle(
            "round",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=13,
            leading=17,
            spaceBefore=8,
            spaceAfter=4,
            textColor=ACCENT,
        ),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9.5, leading=12),
        "cellbold": ParagraphStyle(
            "cellbold", parent=base, fontName=FONT_BOLD, fontSize=9.5, leading=12
        ),
    }


def esc(text: str) -> str:
    """User text made safe for a Paragraph (`<b>` in a name prints as typed)."""
    return escape(text or "").replace("\n", "<br/>")


@dataclass(frozen=True)
class CardsDocument:
    session_title: str
    item_title: str
    rounds: tuple[RoundInfo, ...]
    card_round: RoundInfo | None = None
    lang: str = "nl"
    #: group id -> that table's rapporteur link (phones in the room), printed as a QR code
    links: dict[int, str] = field(default_factory=dict)


class TableCard(Flowable):
    """A tent card filling a landscape page: two halves, the upper one upside down."""

    def __init__(
        self,
        lines: Sequence[tuple[str, str, float]],
        width: float,
        height: float,
        link: str = "",
        link_caption: str = "",
    ) -> None:
        super().__init__()
        self.lines = lines  # (text, font, size), top to bottom as read on one half
        self.width = width
        self.height = height
        self.link, self.link_caption = link, link_caption  # the rapporteur's QR code

    def _qr(self, canvas, half_height: float) -> float:
        """The rapporteur's QR code at the right of a half; returns the width it takes."""
        if not self.link:
            return 0.0
        from workshop.room.qr import draw_qr_pdf, qr_matrix

        side = min(half_height * 0.62, 60 * mm)
        x = self.width - 12 * mm - side
        y = (half_height - side) / 2 + 4 * mm
        draw_qr_pdf(canvas, qr_matrix(self.link), x, y, side)
        canvas.setFont(FONT, 10)
        canvas.drawCentredString(x + side / 2, y - 5 * mm, self.link_caption)
        return side + 16 * mm

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def _half(self, canvas, half_height: float) -> None:
        room = self.width - self._qr(canvas, half_height)
        total = sum(size * 1.25 for _t, _f, size in self.lines)
        y = half_height / 2 + total / 2
        for text, font, size in self.lines:
            y -= size * 1.25
            fitted = size
            while fitted > 10 and pdfmetrics.stringWidth(text, font, fitted) > room - 20 * mm:
                fitted -= 1
            while pdfmetrics.stringWidth(text, font, fitted) > room - 20 * mm and len(text) > 4:
                text = text[:-2].rstrip() + "…"
            canvas.setFont(font, fitted)
            canvas.drawCentredString(room / 2, y + size * 0.25, text)

    def draw(self) -> None:
        c = self.canv
        half = self.height / 2
        c.setFillColor(INK)
        self._half(c, half)
        c.saveState()
        c.translate(self.width, self.height)
        c.rotate(180)
        self._half(c, half)
        c.restoreState()
        c.setStrokeColor(colors.HexColor("#b8c0c8"))
        c.setDash(3, 4)
        c.line(0, half, self.width, half)


def card_flowables(doc: CardsDocument, rnd: RoundInfo, size: tuple[float, float]) -> list[Flowable]:
    """One tent card per table of a round."""
    _ = translator(doc.lang)
    out: list[Flowable] = []
    for group in rnd.groups:
        lines = [(group.table_name or group.name, FONT_BOLD, 64)]
        if group.theme:
            lines.append((group.theme, FONT, 32))
        if group.name and group.name != group.table_name:
            lines.append((group.name, FONT, 22))
        lines.append(
            (_("Round {n}").format(n=rnd.number) + " · " + doc.item_title, FONT_ITALIC, 14)
        )
        link = doc.links.get(group.id, "")
        out.append(TableCard(lines, *size, link=link, link_caption=_("Rapporteur: scan me")))
    return out


def _member_cell(group: GroupInfo, styles: dict[str, ParagraphStyle], _) -> Paragraph:
    parts = []
    first = (group.host_id, group.rapporteur_id)
    ordered = sorted(
        group.members,
        key=lambda m: first.index(m.participant_id) if m.participant_id in first else 2,
    )
    for m in ordered:
        text = esc(m.name)
        if m.organisation:
            text += f' <font color="#5b6673">({esc(m.organisation)})</font>'
        marks = []
        if m.participant_id == group.host_id:
            marks.append(_("host"))
        if m.participant_id == group.rapporteur_id:
            marks.append(_("rapporteur"))
        if marks:
            text = f"<b>{text}</b> · <i>{esc(', '.join(marks))}</i>"
        parts.append(text)
    return Paragraph("<br/>".join(parts) or "–", styles["cell"])


def list_flowables(doc: CardsDocument, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    """Per round, a table of tables: name, theme, members."""
    _ = translator(doc.lang)
    out: list[Flowable] = [
        Paragraph(esc(doc.session_title), styles["title"]),
        Paragraph(esc(doc.item_title), styles["small"]),
        Spacer(1, 4 * mm),
    ]
    for rnd in doc.rounds:
        people = sum(len(g.members) for g in rnd.groups)
        heading = Paragraph(
            esc(_("Round {n}").format(n=rnd.number))
            + f' <font size="9" color="#5b6673">{esc(_("{groups} groups, {people} people").format(groups=len(rnd.groups), people=people))}</font>',
            styles["round"],
        )
        data = [
            [
                Paragraph(esc(_("Table")), styles["cellbold"]),
                Paragraph(esc(_("Theme")), styles["cellbold"]),
                Paragraph(esc(_("Members")), styles["cellbold"]),
            ]
        ]
        for group in rnd.groups:
            label = esc(group.table_name or group.name)
            if group.name and group.table_name and group.name != group.table_name:
                label += f'<br/><font size="8" color="#5b6673">{esc(group.name)}</font>'
            data.append(
                [
                    Paragraph(label, styles["cellbold"]),
                    Paragraph(esc(group.theme) or "–", styles["cell"]),
                    _member_cell(group, styles, _),
                ]
            )
        table = Table(data, colWidths=[38 * mm, 42 * mm, None], repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
                    ("LINEBELOW", (0, 1), (-1, -1), 0.3, colors.HexColor("#d5dbe1")),
                    ("TOPPADDING", (0, 0), (-1, -1), 4),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ]
            )
        )
        out += [CondPageBreak(40 * mm), KeepTogether([heading]), table, Spacer(1, 6 * mm)]
    return out


def build_pdf(doc: CardsDocument, path: Path, cards: bool = True, lists: bool = True) -> Path:
    """Write the PDF: a tent card per table of `doc.card_round`, then the group lists."""
    register_fonts()
    styles = stylesheet()
    card_size = landscape(A4)
    margin = 15 * mm
    card_frame = Frame(
        0, 0, *card_size, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0
    )
    list_frame = Frame(margin, margin, A4[0] - 2 * margin, A4[1] - 2 * margin)
    card_template = PageTemplate("card", [card_frame], pagesize=card_size)
    list_template = PageTemplate("list", [list_frame], pagesize=A4)
    with_cards = cards and doc.card_round is not None and bool(doc.card_round.groups)
    story: list[Flowable] = []
    if with_cards:
        assert doc.card_round is not None
        for i, card in enumerate(card_flowables(doc, doc.card_round, card_size)):
            if i:
                story.append(PageBreak())
            story.append(card)
        if lists:
            story += [NextPageTemplate("list"), PageBreak()]
    if lists or not story:
        story += list_flowables(doc, styles)
    pdf = BaseDocTemplate(str(path), title=doc.session_title, author="Workshop", pagesize=A4)
    pdf.addPageTemplates([card_template, list_template] if with_cards else [list_template])
    pdf.build(story)
    return path


def write_cards_pdf(
    library: Library,
    session_id: int,
    item_id: int | None,
    path: Path,
    round_id: int | None = None,
    cards: bool = True,
    lists: bool = True,
    lang: str = "nl",
    links: dict[int, str] | None = None,
) -> Path:
    """Read the item's rounds and write the PDF (run on a worker thread, never the UI's).

    Table cards are made for `round_id` (default: the first round); the lists cover all rounds.
    """
    with library.read() as db:
        session = db.get(WorkSession, session_id)
        title = session.title if session else ""
        item_title = ""
        if item_id is not None:
            item_title = db.scalar(select(AgendaItem.title).where(AgendaItem.id == item_id)) or ""
    rounds = tuple(item_rounds(library, session_id, item_id))
    chosen = next((r for r in rounds if r.id == round_id), rounds[0] if rounds else None)
    doc = CardsDocument(title, item_title, rounds, chosen, lang, dict(links or {}))
    return build_pdf(doc, path, cards=cards, lists=lists)
