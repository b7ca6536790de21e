"""The app's last line: an unexpected exception becomes one message, never a dead window.

`install(loop)` sets ``sys.excepthook`` (exceptions escaping Qt slots and virtual methods)
and the asyncio loop's exception handler (callbacks and tasks nobody awaited). Each writes
the traceback to ``errors.log`` in the data folder and shows one non-modal message box in
the user's language; the app keeps running. While a box is showing, later errors are only
logged (a failing paint event would otherwise open a box per frame).
"""

from __future__ import annotations

import asyncio
import logging
import sys
from types import TracebackType
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from workshop import APP_NAME
from workshop.errors import is_disk_full, log_traceback, user_message
from workshop.i18n import _
from workshop.paths import error_log_path

log = logging.getLogger(__name__)
_box: list[QMessageBox] = []


def report(error: BaseException) -> None:
    """Log `error` to the error log and tell the user in one message."""
    log.error("unexpected error", exc_info=error)
    try:
        where = log_traceback(error, error_log_path())
    except OSError:
        where = None
    message = user_message(error)
    if not is_disk_full(error):
        message += "\n\n" + _("Workshop keeps running; your stored work is safe.")
        if where is not None:
            message += " " + _("Details for a bug report are in {path}.").format(path=where)
    show(message)


def show(message: str) -> None:
    """One non-modal message box (none while one is showing); stderr without a QApplication."""
    if QApplication.instance() is None:
        print(f"workshop: {message}", file=sys.stderr)
        return
    if _box and _box[0].isVisible():
        return
    _box.clear()
    box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, message)
    box.setObjectName("unexpected-error")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.destroyed.connect(_box.clear)
    box.open()
    _box.append(box)


def _excepthook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, tb)
        return
    if error.__traceback__ is None:
        error = error.with_traceback(tb)
    report(error)


def _loop_handler(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
    error = context.get("exception")
    if error is None:
        log.warning("asyncio: %s", context.get("message"))
        return
    report(error)


def install(loop: asyncio.AbstractEventLoop) -> None:
    """Install the one excepthook and asyncio handler (the composition root calls this)."""
    sys.excepthook = _excepthook
    loop.set_exception_handler(_loop_handler)


def current_box() -> QMessageBox | None:
    """The message box showing now (tests)."""
    return _box[0] if _box and _box[0].isVisible() else None
