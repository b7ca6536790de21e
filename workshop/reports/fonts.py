"""The shipped DejaVu Sans fonts: registered once, embedded in every PDF, with their coverage."""

from __future__ import annotations

from functools import cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from workshop.paths import resource

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
BOLD_ITALIC = "DejaVuSans-BoldOblique"
FACES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
    BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}
REPLACEMENT = "\ufffd"  # printed in place of a character the font cannot show (and warned about)


class FontError(Exception):
    """The shipped fonts are missing or unreadable; the message is for the user."""


@cache
def register_fonts() -> frozenset[int]:
    """Register the DejaVu family with ReportLab; return the code points every face covers."""
    covered: set[int] | None = None
    for name, filename in FACES.items():
        path = resource("fonts", filename)
        try:
            font = TTFont(name, str(path))
        except Exception as err:  # noqa: BLE001 - any read error means the same to the user
            raise FontError(f"Cannot read the font {path}: {err}") from err
        pdfmetrics.registerFont(font)
        chars = set(font.face.charToGlyph)
        covered = chars if covered is None else covered & chars
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, ITALIC)
    addMapping(REGULAR, 1, 1, BOLD_ITALIC)
    pdfmetrics.registerFontFamily(
        REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
    )
    return frozenset(covered or ())
