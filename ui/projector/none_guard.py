"""Work around PySide6 6.12 on Python 3.11 dropping a reference to None on every void call.

Measured here: each call of a method returning nothing (QPainter.setPen, QFont.setPixelSize,
painter.save(), ...) lowers `sys.getrefcount(None)` by one. None starts near 5,000, so a
window that repaints a few times a second would abort with "none_dealloc" within minutes.
Python 3.12 made None immortal (PEP 683); on 3.11 we give None a reference count so large
that it can never reach zero. Idempotent; does nothing on 3.12+.
"""

from __future__ import annotations

import ctypes
import sys

_BOOST = 1 << 40
_done = False


def protect_none() -> None:
    global _done
    if _done or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    refcount = ctypes.c_ssize_t.from_address(id(None))  # ob_refcnt is the first field
    refcount.value += _BOOST
    _done = True
