"""Async slots resume after an `await`; by then their widget may have been closed and deleted."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject


def alive(obj: QObject) -> bool:
    """True while the C++ side of `obj` still exists (check after every await in a widget)."""
    return shiboken6.isValid(obj)
