"""`async_slot`: qasync's `asyncSlot`, with qasync (and asyncio) imported at the first call.

The windows painted at start-up (start window, session window) are built before the event
loop exists; importing asyncio for their decorators alone cost a tenth of a second of the
first frame on a busy laptop.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Slot


def async_slot(*types: type) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def outer(fn: Callable[..., Any]) -> Callable[..., Any]:
        real: Callable[..., Any] | None = None

        @Slot(*types)
        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            nonlocal real
            if real is None:
                from qasync import asyncSlot

                real = asyncSlot(*types)(fn)
            return real(*args, **kwargs)

        return wrapper

    return outer
