"""Table columns sized to their content: no word is ever broken inside ("Leerwerkpla|ats").

A column is at least as wide as its longest word (in the font it is printed in) plus the
cell padding; the rest of the frame is shared out by the given fractions.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.pdfbase.pdfmetrics import stringWidth

from workshop.reports.builders.common import fraction_widths

CELL_PADDING = 4 + 4 + 2  # left + right padding of grid_style, and a little air


def longest_word(texts: Sequence[str], font: str, size: float) -> float:
    words = [w for text in texts for w in str(text or "").split()]
    return max((stringWidth(w, font, size) for w in words), default=0.0)


def content_widths(
    columns: Sequence[Sequence[tuple[str, str]]], fractions: Sequence[float], size: float
) -> list[float]:
    """Widths for a table: `columns[i]` holds (text, font) pairs shown in column i."""
    base = fraction_widths(*fractions)
    total = sum(base)
    need = [
        max((longest_word([text], font, size) for text, font in column), default=0.0) + CELL_PADDING
        for column in columns
    ]
    widths = [max(b, n) for b, n in zip(base, need, strict=True)]
    excess = sum(widths) - total
    if excess > 0:  # take it from the columns that have room above their longest word
        slack = [w - n for w, n in zip(widths, need, strict=True)]
        room = sum(s for s in slack if s > 0)
        if room > 0:
            share = min(1.0, excess / room)
            widths = [w - max(0.0, s) * share for w, s in zip(widths, slack, strict=True)]
    return widths
