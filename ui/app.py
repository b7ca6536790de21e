"""The composition root: builds the library, services and windows, and runs the qasync loop.

Nothing else in `ui/` creates services; windows receive the narrow ones they use.

Start-up paints first: `run()` shows the start window (or, for the demo, the session
window's navigation) before SQLAlchemy is imported. A plain thread imports the Qt-free core
and opens the library (`LibraryOpener`) while the window is on screen; the qasync loop then
attaches the services and the window fills in. Modules that only some windows need (the
projector, the pages, QtMultimedia) are imported when they are first used.
"""

from __future__ import annotations

import importlib
import logging
import os
import signal
import sys
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from ui import pyside_tuning, qt_translations, startup_marks
from ui.kit.context import PageContext, SessionServices
from ui.session_window import SessionWindow
from ui.start_window import StartWindow
from workshop import APP_NAME, __version__
from workshop.i18n import set_language
from workshop.paths import resource

if TYPE_CHECKING:  # asyncio too: imported after the first paint
    import asyncio
    from concurrent.futures import Future

    from ui.room.service import RoomService
    from ui.services.commands import CommandService
    from ui.services.db import DbService
    from workshop.clock import Clock
    from workshop.store.library import Library

log = logging.getLogger(__name__)
pyside_tuning.skip_source_scan_for_qt_free_modules()  # before the core is imported

#: The Qt-free modules the first window needs once the library is open, imported on the
#: opener's thread while the window is already painted (SQLAlchemy alone is ~0.3 s).
CORE_MODULES = (
    "sqlalchemy.orm",
    "workshop.store.library",
    "workshop.model",
    "workshop.commands",
    "workshop.sessions.commands",
    "workshop.sessions.queries",
    "workshop.store.settings",
    "babel.dates",
)
#: ... and for a session window (`workshop demo`, or opening a session).
SESSION_CORE_MODULES = (
    "workshop.demo",
    "workshop.timing.engine",
    "workshop.timing.commands",
    "workshop.agenda.queries",
)


class LibraryOpener:
    """Imports the core and opens (and, for the demo, fills) the library on a plain thread.

    The thread holds no Qt objects; `future` resolves to `(library, demo_session_id or None,
    stored language)` or raises LibraryError.
    """

    def __init__(self, db_url: str, demo: bool) -> None:
        self.db_url = db_url
        from concurrent.futures import Future

        self.demo = demo
        self.future: Future = Future()
        self.thread = threading.Thread(target=self._run, name="workshop-open", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            modules = CORE_MODULES + (SESSION_CORE_MODULES if self.demo else ())
            for name in modules:
                importlib.import_module(name)
            from datetime import date

            from workshop.i18n import format_long_date
            from workshop.store.library import Library

            format_long_date(date(2021, 4, 9))  # loads Babel's locale data (tens of ms)
            startup_marks.mark("core-imported")
            library = Library.open(self.db_url)
            try:
                demo_id = None
                if self.demo:
                    from workshop.demo import ensure_demo

                    demo_id = ensure_demo(library)
                from workshop import local_settings

                # this machine's choice; an old library-wide value is copied over once
                stored = local_settings.get("language", "", fallback_library=library)
                from workshop.quick_look import remember_language

                remember_language(self.db_url, stored)
            except BaseException:
                library.close()
                raise
            startup_marks.mark("library-open")
            self.future.set_result((library, demo_id, stored))
        except BaseException as err:  # handed to the loop, which shows it
            self.future.set_exception(err)


def build_session_services(
    db: DbService, commands: CommandService, clock: Clock, session_id: int
) -> SessionServices:
    """Per-session services (timers, projector, capture queue, phones). Parts add theirs
    here; one the first frame does not show is built on first use (`services.later`)."""
    services = SessionServices()
    from ui.capture.service import CaptureService
    from ui.live.service import LiveService

    services.capture = CaptureService(clock)
    services.live = LiveService(db, commands, clock, session_id)
    from ui.projector.controller import ProjectorController

    services.projector = ProjectorController(
        db,
        commands,
        clock,
        session_id,
        live=services.live,
        capture=services.capture,
    )

    def room() -> RoomService:  # phones: built when the Telefoons page first asks for it
        from ui.room.service import RoomService

        return RoomService(
            db, commands, clock, session_id, live=services.live, projector=services.projector
        )

    services.later("room", room)
    return services


def make_application(argv: list[str] | None = None, event_filters: bool = True) -> QApplication:
    """The QApplication with name and icon; with `event_filters`, also the app-wide filters
    (`run()` installs those after the first paint: every event passes through them in Python,
    which made building the first window three times slower)."""
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName("workshop")
    if event_filters:
        install_event_filters(app)
    return app


def install_event_filters(app: QApplication) -> None:
    """Ctrl+Z to the app's undo stack everywhere; full collections only while nobody types
    (both filter the focus widget's keys); the window icon."""
    if getattr(app, "_undo_router", None) is not None:
        return
    from PySide6.QtGui import QIcon

    from ui.idle_gc import IdleCollector
    from ui.widgets.undo_routing import UndoRouter  # its text widgets' enums: after the paint

    icon = resource("icons", "workshop.svg")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    from ui.widgets import focus_filters

    router = UndoRouter(app)
    app._undo_router = router  # keep a reference
    # on the focus widget, where the keys go: an app-wide filter costs every event
    focus_filters.install(app, router, IdleCollector.install())


class AppController:
    """Opens and closes windows; owns the services for the lifetime of the app."""

    def __init__(
        self, app: QApplication, db: DbService, clock: Clock, on_last_closed: Callable[[], None]
    ) -> None:
        self.app = app
        self.on_last_closed = on_last_closed
        from ui.services.commands import CommandService

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
    def show_start(self, shell: StartWindow | None = None) -> StartWindow:
        """Show the start window; `shell` is one already on screen, not yet attached."""
        if self.start_window is None:
            window = shell or StartWindow()
            window.attach(self.db, self.commands)
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

    def open_session(self, session_id: int, shell: SessionWindow | None = None) -> SessionWindow:
        """Show a session's window; `shell` is one already on screen, not yet attached."""
        window = self.session_windows.get(session_id)
        if window is None:
            services = build_session_services(self.db, self.commands, self.clock, session_id)
            ctx = PageContext(session_id, self.db, self.commands, self.clock, services)
            if shell is not None:
                window = shell
                window.attach(ctx)
            else:
                window = SessionWindow(ctx)
            from PySide6.QtCore import Qt

            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            window.closed.connect(self._session_closed)
            window.go_home.connect(self.show_start)
            window.open_session.connect(self.open_session)
            self.session_windows[session_id] = window
            self.session_services[session_id] = services
        window.show()
        window.raise_()
        window.activateWindow()
        if self.start_window is not None:
            self.start_window.hide()
        return window

    async def open_demo(self) -> SessionWindow:
        from workshop.demo import ensure_demo

        session_id = await self.db.call(ensure_demo)
        return self.open_session(session_id)

    def _session_closed(self, session_id: int) -> None:
        self.session_windows.pop(session_id, None)
        services = self.session_services.pop(session_id, None)
        if services is not None:
            services.close()
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
        """Kept on this machine (local settings), not in the possibly shared library."""
        await self.db.call(_store_language, lang)

    def _spawn(self, coro) -> asyncio.Task:
        import asyncio

        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        task.add_done_callback(self._report)
        return task

    def _report(self, task: asyncio.Task) -> None:
        if not task.cancelled() and task.exception() is not None:
            from ui import error_handler

            error_handler.report(task.exception())


def _store_language(library: Library, lang: str) -> None:
    """This machine's language, and a note for the next start's first frame."""
    from workshop import local_settings
    from workshop.quick_look import remember_language

    local_settings.put("language", lang)
    remember_language(library.url, lang)


def show_error(message: str) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, message)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    _keep.append(box)


_keep: list = []


async def _main(
    app: QApplication,
    shell: StartWindow | SessionWindow,
    opener: LibraryOpener,
    exit_after_show: bool,
    language_chosen: bool,
    done: asyncio.Event,
) -> int:
    import asyncio

    loop = asyncio.get_running_loop()
    try:
        library, demo_id, stored = await asyncio.wrap_future(opener.future)
    except Exception as err:
        from workshop.store.library import LibraryError

        if not isinstance(err, LibraryError):
            raise
        print(f"workshop: {err}", file=sys.stderr)  # also for whoever started it from a terminal
        from PySide6.QtWidgets import QMessageBox

        shell.close()
        box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, str(err))
        box.finished.connect(lambda _r: done.set())
        box.open()
        _keep.append(box)
        if exit_after_show:
            return 1
        await done.wait()
        return 1
    from ui.services.db import DbService
    from workshop.clock import SystemClock
    from workshop.i18n import current_language

    db = DbService(library)
    from workshop.store.live_feed import LiveFeed

    live_feed = LiveFeed(library).start()  # other windows' and laptops' changes, live
    if not language_chosen and stored in ("nl", "en") and stored != current_language():
        # Only when the quick look before start-up could not read it (not a SQLite file).
        set_language(stored)
        qt_translations.install(stored)
        demo_shell = isinstance(shell, SessionWindow)
        shell.close()
        shell.deleteLater()
        shell = SessionWindow() if demo_shell else StartWindow()
        shell.show()
    controller = AppController(app, db, SystemClock(), done.set)
    app._controller = controller  # keep alive
    ready = asyncio.Event()
    shell.ready_painted.connect(ready.set)
    if isinstance(shell, SessionWindow):
        window = controller.open_session(demo_id, shell=shell)
    else:
        window = controller.show_start(shell)
    startup_marks.mark("attached")
    code = 0
    if exit_after_show:
        try:
            await asyncio.wait_for(ready.wait(), timeout=20)
        except TimeoutError:
            print("workshop: the window was never painted", file=sys.stderr)
            code = 1
        controller.quitting = True
        for w in list(controller.session_windows.values()):
            w.close()
        window.close()
    else:
        await done.wait()
    await controller.commands.wait_idle()
    await _settle_tasks()
    await loop.run_in_executor(None, live_feed.stop)
    await loop.run_in_executor(None, db.shutdown)
    return code


async def _settle_tasks(timeout: float = 2.0) -> None:
    """Let loads still running (a window closed right after opening) finish before the
    library closes, so none of them meets a closed worker."""
    import asyncio

    current = asyncio.current_task()
    pending = [t for t in asyncio.all_tasks() if t is not current and not t.done()]
    if pending:
        await asyncio.wait(pending, timeout=timeout)


def _paint_now(app: QApplication, window: StartWindow | SessionWindow) -> None:
    """Process events until the window's first frame is painted (bounded: 2 s)."""
    import time

    deadline = time.monotonic() + 2.0
    while not window._painted and time.monotonic() < deadline:
        app.processEvents()
        if not window._painted:
            time.sleep(0.001)


def run(
    db_url: str,
    lang: str,
    demo: bool = False,
    exit_after_show: bool = False,
    language_chosen: bool = False,
) -> int:
    """Start the app in `lang`; unless `language_chosen` (--lang / WORKSHOP_LANG), the
    language stored in the library (Instellingen › Taal) takes over.

    The window is painted first; the core is imported and the library opened on a thread
    meanwhile (see the module docstring)."""
    logging.basicConfig(level=os.environ.get("WORKSHOP_LOG", "WARNING"))
    if not language_chosen:
        from workshop.quick_look import stored_language

        lang = stored_language(db_url) or lang
    set_language(lang)
    app = make_application(event_filters=False)
    app.setQuitOnLastWindowClosed(False)  # the controller decides when the app is done
    shell: StartWindow | SessionWindow = SessionWindow() if demo else StartWindow()
    shell.show()
    _paint_now(app, shell)
    qt_translations.install(lang)  # Qt's own dialogs and menus: none in the first frame
    # The event loop's modules are imported before the opener thread starts, so that the two
    # threads never import the same modules at the same time (a cross-thread import cycle
    # would end in a deadlock error); from here on this thread imports no core module until
    # the opener is done.
    import asyncio

    from qasync import QEventLoop

    from ui import error_handler

    opener = LibraryOpener(db_url, demo)
    install_event_filters(app)
    startup_marks.mark("loop")
    loop = QEventLoop(app)
    asyncio.set_event_loop(loop)
    error_handler.install(loop)
    done = asyncio.Event()
    # SIGTERM (logout, `kill`): end like closing the last window — pending edits land, the
    # PDF thread finishes and removes or renames its .part file — instead of dying mid-write.
    signal.signal(signal.SIGTERM, lambda *_a: loop.call_soon_threadsafe(done.set))
    app.aboutToQuit.connect(done.set)
    with loop:
        code = loop.run_until_complete(
            _main(app, shell, opener, exit_after_show, language_chosen, done)
        )
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, app.quit)
    return code


def end_process(code: int) -> None:
    """End the process with `code` without the interpreter's teardown.

    Called once `run()` returned: the library is closed and every edit is stored. Python
    would then free every module and object one by one (with Qt's ~0.15 s for `workshop
    demo`, a sixth of its start). Worker threads still busy (a PDF being written) are
    waited for first and exit handlers run, as at a normal exit; only the freeing is
    skipped. Set WORKSHOP_FULL_EXIT=1 to keep it (leak checkers, debuggers). Does nothing
    when CPython's exit steps are not where expected.
    """
    import atexit

    shutdown = getattr(threading, "_shutdown", None)  # joins threads, like the normal exit
    run_exit_handlers = getattr(atexit, "_run_exitfuncs", None)
    if os.environ.get("WORKSHOP_FULL_EXIT") or shutdown is None or run_exit_handlers is None:
        return
    if threading.current_thread() is not threading.main_thread():
        return
    shutdown()
    run_exit_handlers()  # logging's flush among them
    import contextlib

    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError, AttributeError):
            stream.flush()
    os._exit(code)


def main(argv: list[str] | None = None) -> int:
    """`python -m ui.app` — same as `workshop`."""
    from workshop.cli import main as cli_main

    return cli_main(argv)
