"""The one stylesheet of the verslag and the draaiboek: page, colours, paragraph and table styles."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import TableStyle

from workshop.reports.fonts import BOLD, ITALIC, REGULAR, register_fonts

PAGE_SIZE = A4
MARGIN_X = 2.2 * cm
MARGIN_TOP = 2.2 * cm
MARGIN_BOTTOM = 2.0 * cm
FRAME_WIDTH = PAGE_SIZE[0] - 2 * MARGIN_X
FRAME_HEIGHT = PAGE_SIZE[1] - MARGIN_TOP - MARGIN_BOTTOM

INK = colors.HexColor("#1d2a33")
ACCENT = colors.HexColor("#1f6f78")  # headings, rules
WARM = colors.HexColor("#d9822b")  # pull quote bar, overruns
MUTED = colors.HexColor("#5f6b73")
RULE = colors.HexColor("#c9d3d8")
ZEBRA = colors.HexColor("#f2f6f7")
HEAD_BG = colors.HexColor("#e1ecee")
QUOTE_BG = colors.HexColor("#fbf3ea")

TABLE_CHUNK_ROWS = 10  # long tables are laid out in chunks of this many rows (even: zebra)


@dataclass(frozen=True)
class Styles:
    cover_title: ParagraphStyle
    cover_subtitle: ParagraphStyle
    cover_meta: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    h4: ParagraphStyle
    body: ParagraphStyle
    bullet: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_head: ParagraphStyle
    quote: ParagraphStyle
    caption: ParagraphStyle
    toc0: ParagraphStyle
    toc1: ParagraphStyle
    toc_title: ParagraphStyle


@cache
def stylesheet() -> Styles:
    register_fonts()
    base = ParagraphStyle(
        "body",
        fontName=REGULAR,
        bulletFontName=REGULAR,
        fontSize=10,
        leading=14,
        textColor=INK,
        spaceAfter=5,
    )

    def derive(name: str, **kw) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    return Styles(
        cover_title=derive("cover_title", fontName=BOLD, fontSize=26, leading=32, textColor=ACCENT, spaceAfter=10),
        cover_subtitle=derive("cover_subtitle", fontSize=15, leading=20, textColor=MUTED, spaceAfter=24),
        cover_meta=derive("cover_meta", fontSize=11, leading=16, spaceAfter=2),
        h1=derive("h1", fontName=BOLD, fontSize=17, leading=22, textColor=ACCENT, spaceBefore=6, spaceAfter=8, keepWithNext=1),
        h2=derive("h2", fontName=BOLD, fontSize=13, leading=17, textColor=ACCENT, spaceBefore=10, spaceAfter=5, keepWithNext=1),
        h3=derive("h3", fontName=BOLD, fontSize=10.5, leading=14, spaceBefore=6, spaceAfter=3, keepWithNext=1),
        h4=derive("h4", fontName=BOLD, fontSize=10.5, leading=14, textColor=ACCENT, spaceBefore=8, spaceAfter=2, keepWithNext=1),
        body=base,
        bullet=derive("bullet", leftIndent=12, bulletIndent=2, spaceAfter=3),
        small=derive("small", fontSize=8.5, leading=11, textColor=MUTED),
        cell=derive("cell", fontSize=8.5, leading=11, spaceAfter=0),
        cell_head=derive("cell_head", fontName=BOLD, fontSize=8.5, leading=11, spaceAfter=0),
        quote=derive("quote", fontName=ITALIC, fontSize=12, leading=17, textColor=INK, backColor=QUOTE_BG, borderPadding=(7, 10, 7, 12), leftIndent=32, rightIndent=32, spaceBefore=12, spaceAfter=14),
        caption=derive("caption", fontName=ITALIC, fontSize=8.5, leading=11, textColor=MUTED, alignment=TA_CENTER, spaceAfter=10),
        toc0=derive("toc0", fontName=BOLD, fontSize=10.5, leading=15, leftIndent=0, firstLineIndent=0),
        toc1=derive("toc1", fontSize=9.5, leading=13, leftIndent=14, firstLineIndent=0, alignment=TA_LEFT),
        toc_title=derive("toc_title", fontName=BOLD, fontSize=17, leading=22, textColor=ACCENT, spaceAfter=12),
    )  # fmt: skip


def grid_style(header_rows: int = 1, zebra: bool = True) -> TableStyle:
    """Tables: thin rules, shaded header, optional zebra rows."""
    cmds: list[tuple[str, tuple[int, int], tuple[int, int], *tuple[object, ...]]] = [
        ("FONT", (0, 0), (-1, -1), REGULAR, 8.5, 11),  # plain-string cells
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    if header_rows:
        cmds += [
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEAD_BG),
            ("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), 0.8, ACCENT),
        ]
    if zebra:
        cmds.append(("ROWBACKGROUNDS", (0, header_rows), (-1, -1), [colors.white, ZEBRA]))
    return TableStyle(cmds)
