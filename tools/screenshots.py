"""Grab the app's main screens to PNG under docs/ (run offscreen: QT_QPA_PLATFORM=offscreen).

    python tools/screenshots.py
Parts of the app add their pages to PAGES_TO_GRAB.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

PAGES_TO_GRAB = ["details", "agenda", "live", "participants", "groups", "capture", "report"]


async def grab_all(app, out: Path) -> None:
    from ui.app import AppController
    from ui.pages.registry import PAGES
    from ui.services.db import DbService
    from workshop.clock import SystemClock
    from workshop.store.library import Library

    tmp = Path(tempfile.mkdtemp(prefix="workshop-shots-"))
    library = Library.open(f"sqlite:///{tmp / 'lib.sqlite'}")
    db = DbService(library)
    controller = AppController(app, db, SystemClock(), lambda: None)
    controller.quitting = True
    start = controller.show_start()
    start.resize(900, 560)
    await asyncio.sleep(0.5)
    window = await controller.open_demo()
    window.resize(1280, 800)
    start.show()
    start.reload()
    await asyncio.sleep(0.5)
    start.grab().save(str(out / "start.png"))
    start.hide()
    keys = {spec.key for spec in PAGES}
    for key in PAGES_TO_GRAB:
        if key not in keys:
            continue
        window.show_page(key)
        await asyncio.sleep(0.8)
        window.grab().save(str(out / f"session-{key}.png"))
        print("saved", out / f"session-{key}.png")
    window.close()
    await controller.commands.wait_idle()
    db.shutdown()


def main() -> None:
    from qasync import QEventLoop

    from ui.app import make_application

    out = REPO / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    app = make_application()
    app.setQuitOnLastWindowClosed(False)
    loop = QEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        loop.run_until_complete(grab_all(app, out))


if __name__ == "__main__":
    main()
