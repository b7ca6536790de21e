"""The app's windows over its lifetime: the start window, one window per open session (with
its services), and rebuilding them all when the language changes."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from ui import qt_translations
from ui.kit.context import PageContext, SessionServices
from ui.session_services import build_session_services
from ui.session_window import SessionWindow
from ui.start_window import StartWindow
from workshop.i18n import set_language

if TYPE_CHECKING:  # asyncio too: imported after the first paint
    import asyncio

    from ui.services.db import DbService
    from workshop.clock import Clock
    from workshop.store.library import Library


class AppController:
    """Opens and closes windows; owns the services for the lifetime of the app."""

    def __init__(
        self, app: QApplication, db: DbService, clock: Clock, on_last_closed: Callable[[], None]
    ) -> None:
        self.app = app
        self.on_last_closed = on_last_closed
        from PySide6.QtCore import QObject

        from ui.kit.ops import BackgroundOps
        from ui.services.commands import CommandService

        self.db = db
        self.clock = clock
        self.commands = CommandService(db)
        self.start_window: StartWindow | None = None
        self.session_windows: dict[int, SessionWindow] = {}
        self.session_services: dict[int, SessionServices] = {}
        self._owner = QObject()  # this controller is no QObject: its ops hang off this one
        #: opening the demo, storing the language: a failure reads as one line in a box
        self.ops = BackgroundOps(self._owner, "app")
        self.ops.failed.connect(_show_failure)
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

    def _spawn(self, coro) -> asyncio.Task | None:
        return self.ops.run(coro)


def _show_failure(message: str) -> None:
    from ui import error_handler

    error_handler.show(message)


def _store_language(library: Library, lang: str) -> None:
    """This machine's language, and a note for the next start's first frame."""
    from workshop import local_settings
    from workshop.quick_look import remember_language

    local_settings.put("language", lang)
    remember_language(library.url, lang)
