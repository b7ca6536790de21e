"""Child for the kill -9 test through the real page: type, press Enter, report, then hang.

Usage: python capture_ui_crash_child.py DB_URL SESSION_ID MODE TEXT
MODE "note": type TEXT in the capture page's input line and press Enter;
MODE "draft": type TEXT and stop, as if the laptop died mid-sentence.
"""

from __future__ import annotations

import asyncio
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from qasync import QEventLoop  # noqa: E402

from ui.app import build_session_services, make_application  # noqa: E402
from ui.kit.context import PageContext  # noqa: E402
from ui.services.commands import CommandService  # noqa: E402
from ui.services.db import DbService  # noqa: E402
from ui.session_window import SessionWindow  # noqa: E402
from workshop.clock import SystemClock  # noqa: E402
from workshop.store.library import Library  # noqa: E402


async def main(url: str, session_id: int, mode: str, text: str) -> None:
    db = DbService(Library.open(url))
    commands = CommandService(db)
    clock = SystemClock()
    services = build_session_services(db, commands, clock, session_id)
    window = SessionWindow(PageContext(session_id, db, commands, clock, services))
    window.show()
    page = window.show_page("capture")
    await asyncio.sleep(0.1)
    await page.settled()
    page.input.line.setFocus()
    QTest.keyClicks(page.input.line, text)
    if mode == "note":
        QTest.keyClick(page.input.line, Qt.Key.Key_Return)
        await commands.wait_idle()
    else:
        await asyncio.sleep(0.5)  # the typing pause after which a draft is written
        await db.call(lambda _library: None)  # the worker has done everything queued before
    print(f"stored {mode}", flush=True)
    while True:  # killed with SIGKILL by the parent
        await asyncio.sleep(1)


if __name__ == "__main__":
    app = make_application()
    loop = QEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        loop.run_until_complete(main(sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]))
