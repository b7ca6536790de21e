"""A form or column of a page, scrolled when the window is short."""

from __future__ import annotations

from PySide6.QtWidgets import QLayout, QScrollArea, QWidget


def scrolled(layout: QLayout, max_width: int) -> QScrollArea:
    """`layout` on a widget at most `max_width` pixels wide, in a resizing scroll area."""
    inner = QWidget()
    inner.setLayout(layout)
    inner.setMaximumWidth(max_width)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setWidget(inner)
    return scroll
