"""Work around a reference-count bug of PySide6 6.12 on CPython 3.11.

Every call of a wrapped C++ method that returns void (`label.setText(...)`,
`widget.setStyleSheet(...)`, `super().keyPressEvent(e)`) hands Python a `None` without
taking a new reference, and a signal's `emit` run as a slot does the same with `True`.
From Python 3.12 on these singletons are immortal and nothing happens; on 3.11 their count
drops by one per call, and after a few thousand calls (one long note typed, an hour of a
ticking timer) the interpreter aborts with "Fatal Python error: none_dealloc: deallocating
None" (or bool_dealloc).

`protect_none()` gives the objects that 3.12 makes immortal (None, True, False, Ellipsis,
NotImplemented, small ints, the empty str/bytes/tuple) so many references that they can
never reach zero — what 3.12 does by design. Called once when `ui` is imported, before any
widget exists.
"""

from __future__ import annotations

import sys

_PADDING = 1 << 50  # far beyond any number of calls in a lifetime; refcounts are 64-bit


def protect_none() -> bool:
    """Make None effectively immortal on CPython < 3.12; True when something was done."""
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return False
    import ctypes

    singletons = [None, True, False, Ellipsis, NotImplemented, "", b"", (), *range(-5, 257)]
    for obj in singletons:
        refcount = ctypes.c_ssize_t.from_address(id(obj))  # ob_refcnt: the first field
        if refcount.value < _PADDING:
            refcount.value += _PADDING
    return True
