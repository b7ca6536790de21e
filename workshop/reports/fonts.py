"""The shipped fonts of the reports: Noto Sans for the text, DejaVu Sans as a glyph fallback.

Both are registered once and embedded (subset) in every PDF that uses them. Noto Sans is a
well-made open face with full Dutch coverage (ë, ï, é, ĳ, “…”); characters it lacks but DejaVu
has (arrows, symbols) are drawn in DejaVu Sans (`with_fallback`); characters neither has are
replaced by a visible mark and reported.
"""

from __future__ import annotations

from functools import cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from workshop.paths import resource

REGULAR = "NotoSans"
BOLD = "NotoSans-Bold"
ITALIC = "NotoSans-Italic"
BOLD_ITALIC = "NotoSans-BoldItalic"
FACES = {
    REGULAR: "NotoSans-Regular.ttf",
    BOLD: "NotoSans-Bold.ttf",
    ITALIC: "NotoSans-Italic.ttf",
    BOLD_ITALIC: "NotoSans-BoldItalic.ttf",
}
FALLBACK = "DejaVuSans"
FALLBACK_FACES = {
    FALLBACK: "DejaVuSans.ttf",
    "DejaVuSans-Bold": "DejaVuSans-Bold.ttf",
    "DejaVuSans-Oblique": "DejaVuSans-Oblique.ttf",
    "DejaVuSans-BoldOblique": "DejaVuSans-BoldOblique.ttf",
}
REPLACEMENT = "\ufffd"  # printed in place of a character the font cannot show (and warned about)


class FontError(Exception):
    """The shipped fonts are missing or unreadable; the message is for the user."""


def _register(faces: dict[str, str]) -> set[int]:
    covered: set[int] | None = None
    for name, filename in faces.items():
        path = resource("fonts", filename)
        try:
            font = TTFont(name, str(path))
        except Exception as err:  # noqa: BLE001 - any read error means the same to the user
            raise FontError(f"Cannot read the font {path}: {err}") from err
        pdfmetrics.registerFont(font)
        chars = set(font.face.charToGlyph)
        covered = chars if covered is None else covered & chars
    return covered or set()


def _family(regular: str, bold: str, italic: str, bold_italic: str) -> None:
    addMapping(regular, 0, 0, regular)
    addMapping(regular, 1, 0, bold)
    addMapping(regular, 0, 1, italic)
    addMapping(regular, 1, 1, bold_italic)
    pdfmetrics.registerFontFamily(
        regular, normal=regular, bold=bold, italic=italic, boldItalic=bold_italic
    )


@cache
def _coverage() -> tuple[frozenset[int], frozenset[int]]:
    body = _register(FACES)
    fallback = _register(FALLBACK_FACES)
    _family(REGULAR, BOLD, ITALIC, BOLD_ITALIC)
    _family(FALLBACK, "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSans-BoldOblique")
    return frozenset(body), frozenset(fallback)


def register_fonts() -> frozenset[int]:
    """Register both families with ReportLab; return the code points they can show."""
    body, fallback = _coverage()
    return body | fallback


def with_fallback(markup: str) -> str:
    """Paragraph markup with characters Noto Sans lacks set in DejaVu Sans."""
    if markup.isascii():
        return markup
    body, fallback = _coverage()
    out = []
    for ch in markup:
        code = ord(ch)
        if code > 127 and code not in body and code in fallback:
            out.append(f'<font name="{FALLBACK}">{ch}</font>')
        else:
            out.append(ch)
    return "".join(out)
