"""Grab the app's main screens to PNG under docs/ (run offscreen: QT_QPA_PLATFORM=offscreen).

    python tools/screenshots.py                      # 1280x800 into docs/screenshots/
    python tools/screenshots.py --size 1024x768 --out /tmp/shots
Parts of the app add their pages to PAGES_TO_GRAB.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

PAGES_TO_GRAB = ["details", "agenda", "live", "participants", "groups", "capture", "report"]


async def grab_all(app, out: Path, size: tuple[int, int] = (1280, 800)) -> None:
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
    window.resize(*size)
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


def parse_size(text: str) -> tuple[int, int]:
    """'1280x800' -> (1280, 800)."""
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a size like 1280x800: {text!r}") from None
    if width < 320 or height < 240:
        raise argparse.ArgumentTypeError(f"too small: {text!r}")
    return width, height


def main(argv: list[str] | None = None) -> None:
    from qasync import QEventLoop

    from ui.app import make_application

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=parse_size, default=(1280, 800), help="e.g. 1024x768")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    args = parser.parse_args(argv)
    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    app = make_application()
    app.setQuitOnLastWindowClosed(False)
    loop = QEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        loop.run_until_complete(grab_all(app, out, args.size))


if __name__ == "__main__":
    main()
