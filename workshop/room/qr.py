"""QR codes for the room's links, made on this machine (segno; nothing is fetched)."""

from __future__ import annotations

from functools import lru_cache

QrMatrix = tuple[tuple[bool, ...], ...]


@lru_cache(maxsize=64)
def qr_matrix(text: str) -> QrMatrix:
    """The modules of `text`'s QR code (True = dark), without the quiet zone.

    Error correction "M" survives a smudged print or a glare on the projector.
    """
    import segno  # only when a code is drawn

    code = segno.make(text, error="m", micro=False, boost_error=False)
    return tuple(tuple(bool(v) for v in row) for row in code.matrix)


QUIET = 4  # modules of white around a code (the standard's quiet zone)


def draw_qr_pdf(canvas, matrix: QrMatrix, x: float, y: float, side: float) -> None:
    """`matrix` as vector squares of `side` points, lower-left corner at (x, y), on a
    ReportLab canvas (table and rapporteur cards)."""
    from reportlab.lib import colors

    n = len(matrix) + 2 * QUIET
    cell = side / n
    canvas.saveState()
    canvas.setFillColor(colors.white)
    canvas.rect(x, y, side, side, stroke=0, fill=1)
    canvas.setFillColor(colors.black)
    for r, row in enumerate(matrix):
        top = y + side - (r + QUIET + 1) * cell
        c = 0
        while c < len(row):  # one rectangle per run of dark modules
            if not row[c]:
                c += 1
                continue
            start = c
            while c < len(row) and row[c]:
                c += 1
            canvas.rect(x + (start + QUIET) * cell, top, (c - start) * cell, cell, stroke=0, fill=1)
    canvas.restoreState()
