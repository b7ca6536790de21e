"""Work around PySide6 6.12 on Python 3.11 dropping references to None and True.

Measured here: many calls that return nothing (QPainter.setPen, QFont.setPixelSize,
painter.save(), ...) lower `sys.getrefcount(None)` by one, and every `Signal.emit` lowers
that of True. None starts near 5,000, so a window repainting a few times a second aborts
with "none_dealloc" (or "bool_dealloc") within minutes. Python 3.12 made these singletons
immortal (PEP 683); on 3.11 we give them a reference count so large that it cannot reach
zero in any session. Idempotent; does nothing on 3.12+ or outside CPython.
"""

from __future__ import annotations

import ctypes
import sys

_BOOST = 1 << 40
_done = False


def protect_singletons() -> None:
    global _done
    if _done or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    for singleton in (None, True, False):
        # ob_refcnt is the first field of every object in a CPython 3.11 release build
        ctypes.c_ssize_t.from_address(id(singleton)).value += _BOOST
    _done = True
