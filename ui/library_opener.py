"""Opening the library while the first frame is on screen: the core imported and the
library opened (for the demo, filled) on a plain thread, with no Qt object on it.

`ui.app.run` starts a `LibraryOpener` once the window is painted and the event loop's
modules are imported; `ui.app` awaits its `future` on the qasync loop.
"""

from __future__ import annotations

import importlib
import threading
from typing import TYPE_CHECKING

from ui import startup_marks

if TYPE_CHECKING:
    from concurrent.futures import Future

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


def load_formats() -> None:
    """Babel's modules and the current language's locale data (~40 ms; the projector's first
    picture formats a date): loaded by the opener, off the UI thread, before any window."""
    from datetime import date

    from workshop.i18n import format_long_date

    format_long_date(date(2021, 4, 9))


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
        #: the start screen's list read with the quick look, before the core is imported
        #: (None: not read; the demo needs none)
        self.preview: Future = Future()
        self.thread = threading.Thread(target=self._run, name="workshop-open", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        self._preview()
        try:
            modules = CORE_MODULES + (SESSION_CORE_MODULES if self.demo else ())
            for name in modules:
                importlib.import_module(name)
            from workshop.store.library import Library

            load_formats()
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

    def _preview(self) -> None:
        sessions = None
        if not self.demo:
            try:
                from workshop.quick_look import session_list

                sessions = session_list(self.db_url)
                if sessions:
                    load_formats()  # the list's long dates: Babel imported here, not by the UI
            except Exception:  # only a preview: the library's own open says what is wrong
                sessions = None
        self.preview.set_result(sessions)
