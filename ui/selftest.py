"""`workshop selftest`: a headless end-to-end check of everything that exists.

Runs offscreen (two virtual screens: laptop and projector) on a fresh temporary library, or
with `--db URL` on a throwaway copy (SQLite) or schema (PostgreSQL) of that library.
Each part of the app adds its checks to CHECKS. Prints one line per check and a closing
'N passed, N failed' line; exits 0 when all is well.
"""

from __future__ import annotations

import asyncio
import inspect
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ui.selftest_checks import (
    agenda,
    capture,
    foundation,
    grouping,
    groups,
    live,
    packaging,
    privacy,
    projector,
    report,
    room,
)

CHECKS: list[tuple[str, Callable[[Any], Awaitable[None] | None]]] = [
    ("store, commands, undo and redo", foundation.check_store_and_commands),
    ("demo session in the session window", foundation.check_demo_window),
    ("live: start, pause, next item, overrun", live.check_live_run),
    ("projector on the second screen, every state", projector.check_projector),
    ("agenda planning: edit, fit, reorder, template, import", agenda.check_agenda_planning),
    ("groups: people list, two rounds, a leaver absorbed", grouping.check_planner),
    ("participants import and two rounds of groups", groups.check_import_and_two_rounds),
    ("verslag and draaiboek of the demo session", report.check_report_documents),
    ("privacy: the anonymous verslag names, mails and mentions no one", privacy.check_redaction),
    ("capture: notes of every kind for two groups, undo, bad input", capture.check_capture),
    ("phones: server on this machine, pages, a note from a table, QR code", room.check_room),
    (
        "packaging: resources, Qt plugins, PDF preview, migrations, ICU, processes",
        packaging.check_bundle,
    ),
]


@dataclass
class SelftestContext:
    app: Any
    library: Any
    db: Any
    commands: Any
    clock: Any
    tmp: Path
    controller: Any

    def open_session(self, session_id: int):
        return self.controller.open_session(session_id)

    async def wait_painted(self, window, timeout: float = 10.0) -> None:
        event = asyncio.Event()
        window.first_painted.connect(event.set)
        window.update()
        if getattr(window, "_painted", False):
            return
        await asyncio.wait_for(event.wait(), timeout)


def _platform() -> None:
    if "QT_QPA_PLATFORM" not in os.environ:
        from workshop.paths import resource

        config = resource("qt", "offscreen-two-screens.json")
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"


async def _run_checks(app, tmp: Path, url: str) -> tuple[int, int]:
    from ui.app import AppController
    from ui.services.db import DbService
    from workshop.clock import SystemClock
    from workshop.store.library import Library

    loop = asyncio.get_running_loop()
    library = await loop.run_in_executor(None, Library.open, url)
    db = DbService(library)
    controller = AppController(app, db, SystemClock(), lambda: None)
    controller.quitting = True  # closing a window must not bring up the start screen
    ctx = SelftestContext(app, library, db, controller.commands, controller.clock, tmp, controller)
    passed = failed = 0
    for name, check in CHECKS:
        started = time.perf_counter()
        try:
            result = check(ctx)
            if inspect.isawaitable(result):
                await asyncio.wait_for(result, timeout=120)
            await controller.commands.wait_idle()
        except Exception as err:  # noqa: BLE001 - report every failure and go on
            failed += 1
            print(f"FAIL  {name}: {err}")
            traceback.print_exc(file=sys.stdout)
        else:
            passed += 1
            print(f"ok    {name}  ({time.perf_counter() - started:.2f} s)")
    for window in list(controller.session_windows.values()):
        window.close()
    await loop.run_in_executor(None, db.shutdown)
    return passed, failed


def run(lang: str = "nl", db_url: str | None = None) -> int:
    """Run every check; with `db_url` on a throwaway copy or schema of that library."""
    _platform()
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler
    from qasync import QEventLoop

    from ui import qt_translations
    from ui.app import make_application
    from workshop.i18n import set_language

    def quiet(mode: QtMsgType, _context, message: str) -> None:
        if "This plugin does not support" in message:
            return  # the offscreen platform cannot raise windows; harmless here
        if mode in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg, QtMsgType.QtWarningMsg):
            print(f"qt: {message}", file=sys.stderr)

    qInstallMessageHandler(quiet)
    set_language(lang)
    app = make_application()
    app.setQuitOnLastWindowClosed(False)
    qt_translations.install(lang)
    loop = QEventLoop(app)
    asyncio.set_event_loop(loop)
    print(
        f"workshop selftest · {len(app.screens())} screen(s): "
        + ", ".join(f"{s.name()} {s.size().width()}×{s.size().height()}" for s in app.screens())
    )
    from workshop.store.throwaway import throwaway_library_url

    with (
        tempfile.TemporaryDirectory(prefix="workshop-selftest-") as tmp,
        loop,
        throwaway_library_url(db_url or "sqlite://", Path(tmp)) as url,
    ):
        if db_url:
            print(f"library: a throwaway {_where(url)} beside {_safe(db_url)}")
        passed, failed = loop.run_until_complete(_run_checks(app, Path(tmp), url))
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


def _safe(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def _where(url: str) -> str:
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return "copy"
    return "schema " + parsed.query.get("options", "").split("=", 1)[-1]
