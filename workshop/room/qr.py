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
