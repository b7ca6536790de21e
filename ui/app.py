"""The composition root: builds the library, services and windows, and runs the qasync loop.

Nothing else in `ui/` creates services; windows receive the narrow ones they use.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import sys
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox
from qasync import QEventLoop

from ui import error_handler, qt_translations
from ui.idle_gc import IdleCollector
from ui.live.service import LiveService
from ui.pages.registry import PageContext, SessionServices
from ui.services.commands import CommandService
from ui.services.db import DbService
from ui.session_window import SessionWindow
from ui.start_window import StartWindow
from ui.widgets.undo_routing import UndoRouter
from workshop import APP_NAME, __version__
from workshop.clock import Clock, SystemClock
from workshop.demo import ensure_demo
from workshop.i18n import set_language
from workshop.paths import resource
from workshop.store.library import Library, LibraryError

log = logging.getLogger(__name__)


def build_session_services(
    db: DbService, commands: CommandService, clock: Clock, session_id: int
) -> SessionServices:
    """Per-session services (timers, projector, capture queue). Parts add theirs here."""
    services = SessionServices()
    from ui.capture.service import CaptureService

    services.capture = CaptureService(clock)
    services.live = LiveService(db, commands, clock, session_id)
    from ui.projector.controller import ProjectorController

    services.projector = ProjectorController(
        db,
        commands,
        clock,
        session_id,
        live=getattr(services, "live", None),
        capture=getattr(services, "capture", None),
    )
    return services


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName("workshop")
    icon = resource("icons", "workshop.svg")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    router = UndoRouter(app)
    app.installEventFilter(router)
    app._undo_router = router  # keep a reference
    IdleCollector.install(app)  # full garbage collections only while nobody types
    return app


class AppController:
    """Opens and closes windows; owns the services for the lifetime of the app."""

    def __init__(
        self, app: QApplication, db: DbService, clock: Clock, on_last_closed: Callable[[], None]
    ) -> None:
        self.app = app
        self.on_last_closed = on_last_closed
        self.db = db
        self.clock = clock
        self.commands = CommandService(db)
        self.start_window: StartWindow | None = None
        self.session_windows: dict[int, SessionWindow] = {}
        self.session_services: dict[int, SessionServices] = {}
        self._tasks: set[asyncio.Task] = set()
        self.quitting = False
        self.switching = False

    # -- windows --------------------------------------------------------------------------
    def show_start(self) -> StartWindow:
        if self.start_window is None:
            window = StartWindow(self.db, self.commands)
            window.open_session.connect(self.open_session)
            window.open_demo.connect(lambda: self._spawn(self.open_demo()))
            window.language_chosen.connect(self.switch_language)
            window.closed.connect(self._start_closed)
            self.start_window = window
        else:
            self.start_window.reload()
        self.start_window.show()
        self.start_window.raise_()
        return self.start_window

    def open_session(self, session_id: int) -> SessionWindow:
        window = self.session_windows.get(session_id)
        if window is None:
            services = build_session_services(self.db, self.commands, self.clock, session_id)
            ctx = PageContext(session_id, self.db, self.commands, self.clock, services)
            window = SessionWindow(ctx)
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            window.closed.connect(self._session_closed)
            window.go_home.connect(self.show_start)
            self.session_windows[session_id] = window
            self.session_services[session_id] = services
        window.show()
        window.raise_()
        window.activateWindow()
        if self.start_window is not None:
            self.start_window.hide()
        return window

    async def open_demo(self) -> SessionWindow:
        session_id = await self.db.call(ensure_demo)
        return self.open_session(session_id)

    def _session_closed(self, session_id: int) -> None:
        self.session_windows.pop(session_id, None)
        services = self.session_services.pop(session_id, None)
        close = getattr(services, "close", None)
        if callable(close):
            close()
        if not self.session_windows and not self.quitting:
            self.show_start()

    def _start_closed(self) -> None:
        if not self.session_windows and not self.switching:
            self.on_last_closed()

    def switch_language(self, lang: str) -> None:
        """Rebuild the windows in the other language; the open session stays open."""
        self._spawn(self._store_language(lang))
        set_language(lang)
        qt_translations.install(lang)
        open_ids = list(self.session_windows)
        self.switching = True
        for window in list(self.session_windows.values()):
            window.closed.disconnect(self._session_closed)
            window.close()
        self.session_windows.clear()
        if self.start_window is not None:
            self.start_window.close()
            self.start_window.deleteLater()
            self.start_window = None
        if open_ids:
            for session_id in open_ids:
                self.open_session(session_id)
        else:
            self.show_start()
        self.switching = False

    async def _store_language(self, lang: str) -> None:
        from workshop.services.settings import set_setting

        await self.db.call(set_setting, "language", lang)

    def _spawn(self, coro) -> asyncio.Task:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        task.add_done_callback(self._report)
        return task

    def _report(self, task: asyncio.Task) -> None:
        if not task.cancelled() and task.exception() is not None:
            error_handler.report(task.exception())


def show_error(message: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, message)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    _keep.append(box)


_keep: list = []


async def _main(
    app: QApplication,
    db_url: str,
    demo: bool,
    exit_after_show: bool,
    language_chosen: bool,
    done: asyncio.Event,
) -> int:
    loop = asyncio.get_running_loop()
    try:
        library = await loop.run_in_executor(None, Library.open, db_url)
    except LibraryError as err:
        print(f"workshop: {err}", file=sys.stderr)  # also for whoever started it from a terminal
        box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, str(err))
        box.finished.connect(lambda _r: done.set())
        box.open()
        _keep.append(box)
        if exit_after_show:
            return 1
        await done.wait()
        return 1
    db = DbService(library)
    if not language_chosen:
        from workshop.services.settings import get_setting

        stored = await db.call(get_setting, "language", "")
        if stored in ("nl", "en"):
            set_language(stored)
            qt_translations.install(stored)
    controller = AppController(app, db, SystemClock(), done.set)
    app._controller = controller  # keep alive
    window = await controller.open_demo() if demo else controller.show_start()
    code = 0
    if exit_after_show:
        painted = asyncio.Event()
        window.first_painted.connect(painted.set)
        window.update()
        try:
            await asyncio.wait_for(painted.wait(), timeout=20)
        except TimeoutError:
            print("workshop: the window was never painted", file=sys.stderr)
            code = 1
        controller.quitting = True
        for w in list(controller.session_windows.values()):
            w.close()
    else:
        await done.wait()
    await controller.commands.wait_idle()
    await loop.run_in_executor(None, db.shutdown)
    return code


def run(
    db_url: str,
    lang: str,
    demo: bool = False,
    exit_after_show: bool = False,
    language_chosen: bool = False,
) -> int:
    """Start the app in `lang`; unless `language_chosen` (--lang / WORKSHOP_LANG), the
    language stored in the library (Instellingen › Taal) takes over once it is open."""
    logging.basicConfig(level=os.environ.get("WORKSHOP_LOG", "WARNING"))
    set_language(lang)
    app = make_application()
    qt_translations.install(lang)
    loop = QEventLoop(app)
    asyncio.set_event_loop(loop)
    error_handler.install(loop)
    done = asyncio.Event()
    # SIGTERM (logout, `kill`): end like closing the last window — pending edits land, the
    # PDF thread finishes and removes or renames its .part file — instead of dying mid-write.
    signal.signal(signal.SIGTERM, lambda *_a: loop.call_soon_threadsafe(done.set))
    app.setQuitOnLastWindowClosed(False)  # the controller decides when the app is done
    app.aboutToQuit.connect(done.set)
    with loop:
        code = loop.run_until_complete(
            _main(app, db_url, demo, exit_after_show, language_chosen, done)
        )
    QTimer.singleShot(0, app.quit)
    return code


def main(argv: list[str] | None = None) -> int:
    """`python -m ui.app` — same as `workshop`."""
    from workshop.cli import main as cli_main

    return cli_main(argv)
