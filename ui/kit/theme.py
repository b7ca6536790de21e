"""One theme for the pages: the colours of status text and the few accents pages share.

Inline stylesheets take their colours from here (`style(...)`, `set_status(...)`), so an
error reads in the same red everywhere.
"""

from __future__ import annotations

from typing import Literal

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel

Tone = Literal["plain", "muted", "ok", "warning", "error"]

ERROR = "#b3261e"  # the one red for error text (and problems in tables)
WARNING = "#8a5300"  # something to look at, nothing lost
OK = "#1b5e20"  # going well (speaking now, in time)
MUTED = "palette(mid)"  # hints and secondary text; follows the system palette

TONE_COLOURS: dict[Tone, str] = {
    "plain": "",
    "muted": MUTED,
    "ok": OK,
    "warning": WARNING,
    "error": ERROR,
}


def style(tone: Tone, *, bold: bool = False) -> str:
    """The stylesheet of text in `tone` ("" for plain, non-bold text)."""
    parts = []
    colour = TONE_COLOURS[tone]
    if colour:
        parts.append(f"color:{colour};")
    if bold:
        parts.append("font-weight:600;")
    return "".join(parts)


def colour(tone: Tone) -> QColor:
    """The tone as a QColor, for models and painting (muted is the palette's mid grey)."""
    value = TONE_COLOURS[tone]
    if not value or value.startswith("palette("):
        return QColor("#6b6b6b")
    return QColor(value)


def set_status(label: QLabel, text: str, tone: Tone = "muted") -> None:
    """Show one line of status text in `tone`; an empty text hides nothing, it clears."""
    label.setText(text)
    label.setStyleSheet(style(tone) if text else "")
