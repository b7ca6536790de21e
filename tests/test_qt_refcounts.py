"""The installed PySide6 must not leak references to None/True (6.12.0 on Python 3.11 did,
and the app aborted with 'none_dealloc' after a few minutes of painting)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

PROBE = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QObject, Signal
    from PySide6.QtGui import QColor, QImage, QPainter, QPen
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    image = QImage(10, 10, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    pen = QPen(QColor("red"))
    class Source(QObject):
        ping = Signal()
    source = Source()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(20000):
        painter.setPen(pen); painter.save(); painter.restore()
        source.ping.emit()
    painter.end()
    print(sys.getrefcount(None) - none_before, sys.getrefcount(True) - true_before)
    """
)


def test_void_calls_and_emits_keep_refcounts():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, f"PySide6 crashed (refcount bug): {result.stderr[-500:]}"
    none_delta, true_delta = map(int, result.stdout.split())
    assert abs(none_delta) < 100 and abs(true_delta) < 100, (none_delta, true_delta)
