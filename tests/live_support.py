"""Two app instances on one library, as two laptops (or two windows on one file) run it.

Each `AppInstance` has what ui/app.py builds for a running app: its own `Library` handle
(its own connections and writer id), DB worker, command service, live feed, and session
windows. Both run on the test's qasync loop.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ui.app import build_session_services
from ui.pages.registry import PageContext
from ui.services.commands import CommandService
from ui.services.db import DbService
from ui.session_window import SessionWindow
from workshop.clock import Clock, SystemClock
from workshop.store.library import Library
from workshop.store.live_feed import LiveFeed


@dataclass
class AppInstance:
    library: Library
    db: DbService
    commands: CommandService
    feed: LiveFeed
    windows: list[tuple[SessionWindow, object]] = field(default_factory=list)

    @classmethod
    def open(cls, url: str) -> AppInstance:
        library = Library.open(url)
        db = DbService(library)
        feed = LiveFeed(library).start()
        assert feed.ready.wait(5), "the live feed did not start"
        return cls(library, db, CommandService(db), feed)

    def window(self, qtbot, session_id: int, clock: Clock | None = None) -> SessionWindow:
        clock = clock or SystemClock()
        services = build_session_services(self.db, self.commands, clock, session_id)
        ctx = PageContext(session_id, self.db, self.commands, clock, services)
        window = SessionWindow(ctx)
        qtbot.addWidget(window)
        window.show()
        self.windows.append((window, services))
        return window

    def close(self, arun) -> None:
        arun(self.commands.wait_idle())
        for _window, services in self.windows:
            close = getattr(services, "close", None)
            if callable(close):
                close()
        self.feed.stop()
        self.db.executor.shutdown(wait=True)
        self.library.close()
