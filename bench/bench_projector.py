"""Projector: time to draw one picture of each state (the window repaints at most 4×/s).

Prints milliseconds per frame and the ratio against a baseline frame (fill + one line of
text) drawn in the same run, so the figures compare across machines.
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])  # noqa: F841 - fonts need it
    from tests.projector_fixtures import demo_with_round
    from ui.projector.render import render_image
    from ui.projector.scene import Scene
    from workshop.projector.content import load_projector_content
    from workshop.projector.state import Mode, ProjectorState
    from workshop.store.library import Library

    library = Library.open("sqlite://")
    content = load_projector_content(library, demo_with_round(library, 10, 6))
    now = datetime(2021, 4, 9, 15, 20, tzinfo=UTC)

    def timed(fn, repeat: int = 20) -> float:
        fn()
        start = time.perf_counter()
        for _ in range(repeat):
            fn()
        return (time.perf_counter() - start) / repeat * 1000

    def baseline(w: int, h: int) -> None:
        image = QImage(w, h, QImage.Format.Format_RGB32)
        painter = QPainter(image)
        painter.fillRect(QRectF(0, 0, w, h), QColor("#0e1116"))
        painter.setPen(QColor("#ffffff"))
        painter.drawText(QRectF(0, 0, w, h), 0, "15:00")
        painter.end()

    for w, h in ((1024, 768), (1920, 1080)):
        base = timed(lambda w=w, h=h: baseline(w, h))
        print(f"{w}×{h}: baseline frame {base:.2f} ms")
        for mode in Mode:
            state = ProjectorState(mode=mode, show_notes=mode == Mode.REPORTING)
            scene = Scene(state, replace(content), None, None, now)
            ms = timed(lambda s=scene, w=w, h=h: render_image(s, w, h))
            print(f"  {mode.value:<12} {ms:7.2f} ms/frame  ×{ms / base:5.1f} baseline")
            from figures import record

            record(
                "projector",
                f"{w}x{h} {mode.value}: one frame",
                ms,
                "ms",
                baseline=base,
                baseline_name="fill + one line of text",
            )
    library.close()


if __name__ == "__main__":
    main()
