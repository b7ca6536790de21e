"""The guard against PySide6 6.12's lost references keeps None and True alive."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

SCRIPT = """
import sys
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QFont, QGuiApplication
app = QGuiApplication([])
import ui.projector  # applies the guard
class P(QObject):
    ping = Signal()
p = P()
font = QFont()
for _ in range(20000):  # far more than None's and True's natural reference counts
    font.setPixelSize(12)
    p.ping.emit()
print("survived")
"""


def test_many_void_calls_and_emits_do_not_abort():
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=REPO,
        env={"PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "survived" in result.stdout
