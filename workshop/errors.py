"""Turning any exception into one line for the user (CLI and app alike).

Full disks get their own message: SQLite reports ``database or disk is full`` (wrapped by
SQLAlchemy as OperationalError) and file writes raise OSError ENOSPC/EDQUOT. In both cases
the transaction was rolled back and the partial file removed, so nothing was lost.
"""

from __future__ import annotations

import errno
import logging
import traceback
from datetime import datetime
from pathlib import Path

from workshop.i18n import _


class CommandError(Exception):
    """A command that cannot be carried out; the message is for the user."""


class ConflictError(CommandError):
    """Another writer changed the same row first ("gewijzigd door een ander"); nothing stored."""


DISK_FULL_ERRNOS = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
log = logging.getLogger(__name__)


def is_disk_full(error: BaseException) -> bool:
    """Whether `error` (or what it wraps) is a full disk or quota."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, OSError) and current.errno in DISK_FULL_ERRNOS:
            return True
        text = str(current).casefold()
        if "database or disk is full" in text or "no space left on device" in text:
            return True
        orig = getattr(current, "orig", None)  # SQLAlchemy's DBAPIError wraps the driver's
        current = (
            orig if isinstance(orig, BaseException) else (current.__cause__ or current.__context__)
        )
    return False


def disk_full_message() -> str:
    return _("Disk full: nothing was lost. Make room and try again.")


def is_locked(error: BaseException) -> bool:
    """SQLite's "database is locked": another program kept writing longer than we waited."""
    text = str(getattr(error, "orig", None) or error).casefold()
    return "database is locked" in text or "database table is locked" in text


def user_message(error: BaseException) -> str:
    """One line that says what went wrong, without a traceback."""
    if is_disk_full(error):
        return disk_full_message()
    if is_locked(error):
        return _(
            "The library is busy: another Workshop window or command is writing to it. "
            "Nothing was changed; try again in a moment."
        )
    if isinstance(error, RecursionError):
        return _("The data is nested too deeply to be read.")
    if isinstance(error, MemoryError):
        return _("Not enough memory for this; close other programs and try again.")
    text = " ".join(str(error).split()) or type(error).__name__
    if len(text) > 300:
        text = text[:300] + "…"
    return _("Something went wrong: {error}").format(error=text)


def log_traceback(error: BaseException, log_file: Path) -> Path | None:
    """Append `error`'s traceback to `log_file`; None when even that cannot be written."""
    try:
        with log_file.open("a", encoding="utf-8") as fh:
            fh.write(f"--- {datetime.now().isoformat(timespec='seconds')}\n")
            fh.write("".join(traceback.format_exception(error)))
        return log_file
    except OSError:
        log.exception("could not write the error log %s", log_file)
        return None
