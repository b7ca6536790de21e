"""Start-up timestamps for the benchmarks.

With `WORKSHOP_STARTUP_MARKS=FILE` set, the app appends one line
`<name> <unix time> <process CPU seconds>` per moment (each once): `first-paint` (the main window's first paint event) and `ready` (the
window painted with its content: the session list, or the session's first page). Without
the variable nothing is written. bench/bench_startup.py reads the file.
"""

from __future__ import annotations

import os
import time

ENV = "WORKSHOP_STARTUP_MARKS"
_seen: set[str] = set()


def mark(name: str) -> None:
    path = os.environ.get(ENV)
    if not path or name in _seen:
        return
    _seen.add(name)
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(f"{name} {time.time():.6f} {time.process_time():.6f}\n")


def on_next_paint(callback, *widgets) -> None:
    """Call `callback()` once, at the next paint event of any of `widgets`."""
    from PySide6.QtCore import QEvent, QObject

    class _Watcher(QObject):
        def eventFilter(self, watched, event):  # noqa: N802 - Qt API
            if event.type() == QEvent.Type.Paint and not self.fired:
                self.fired = True
                for w in widgets:
                    w.removeEventFilter(self)
                self.deleteLater()
                callback()
            return False

    watcher = _Watcher(widgets[0])
    watcher.fired = False
    for w in widgets:
        w.installEventFilter(watcher)
