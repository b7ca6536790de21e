"""The composition root: builds the library, services and windows, and runs the qasync loop.

Nothing else in `ui/` creates services; windows receive the narrow ones they use. What the
root calls lives beside it, one module per part:

- `ui.application`: the QApplication, the first frame painted at once, the app-wide filters;
- `ui.library_opener`: the core imported and the library opened on a plain thread;
- `ui.app_controller`: the windows over the app's lifetime (start window, session windows);
- `ui.session_services`: the services one session window gets (timers, projector, phones);
- `ui.shutdown`: loads settled before the library closes; the process ended without teardown.

Start-up paints first: `run()` shows the start window (or, for the demo, the session
window's navigation) before SQLAlchemy is imported. A plain thread imports the Qt-free core
and opens the library (`LibraryOpener`) while the window is on screen; the qasync loop then
attaches the services and the window fills in. Modules that only some windows need (the
projector, the pages, QtMultimedia) are imported when they are first used.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from ui import pyside_tuning, qt_translations, startup_marks
from ui.app_controller import AppController
from ui.application import install_event_filters, make_application, paint_now
from ui.library_opener import LibraryOpener
from ui.session_services import build_session_services
from ui.session_window import SessionWindow
from ui.shutdown import end_process, settle_tasks
from ui.start_window import StartWindow
from ui.widgets.alive import alive
from workshop import APP_NAME
from workshop.i18n import set_language

if TYPE_CHECKING:  # asyncio too: imported after the first paint
    import asyncio

__all__ = [
    "AppController",
    "LibraryOpener",
    "build_session_services",
    "end_process",
    "install_event_filters",
    "main",
    "make_application",
    "paint_now",
    "run",
]

log = logging.getLogger(__name__)
pyside_tuning.skip_source_scan_for_qt_free_modules()  # before the core is imported

#: message boxes shown while the loop ends, kept until they close
_keep: list = []


def _show_preview(shell: StartWindow, preview) -> None:
    if alive(shell):  # (a language change may have replaced the window)
        shell.show_preview(preview.result() or [])


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
    if isinstance(shell, StartWindow):  # the list read by the quick look, until the real one
        start_window = shell
        opener.preview.add_done_callback(
            lambda f: loop.call_soon_threadsafe(_show_preview, start_window, f)
        )
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
    await settle_tasks()
    await loop.run_in_executor(None, live_feed.stop)
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
    paint_now(app, shell)
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


def main(argv: list[str] | None = None) -> int:
    """`python -m ui.app` — same as `workshop`."""
    from workshop.cli import main as cli_main

    return cli_main(argv)
