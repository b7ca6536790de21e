"""A look into a SQLite library before SQLAlchemy is imported (stdlib `sqlite3` only).

Outside `workshop.store` on purpose: importing that package imports SQLAlchemy.

The app paints its first window before the library is opened; the language (Instellingen ›
Taal) must be known by then. It belongs to this machine (workshop/local_settings.py); a
library from before that still holds the old shared value, read here, read-only. Anything
unusual (not SQLite, no file yet, no table, a locked or broken file) gives None: the normal
open then decides, with its own clear messages.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from workshop.paths import user_dir

if TYPE_CHECKING:  # imported when used: this module runs before the first frame
    import sqlite3

    from workshop.sessions.summary import SessionSummary

#: The language each library had when it was last opened, so the next start knows it without
#: even importing sqlite3 (12 ms of CPU before the first frame); the library stays the truth:
#: the app checks after opening it and rebuilds its window if this was out of date.
LANGUAGES_FILE = "library-languages.json"
KEEP = 50


def sqlite_path(url: str) -> Path | None:
    """The file of a plain `sqlite:///FILE` URL (no driver, no in-memory database)."""
    prefix = "sqlite:///"
    if not url.startswith(prefix):
        return None
    database = url[len(prefix) :].split("?", 1)[0]
    if not database or database == ":memory:":
        return None
    return Path(database)


def _languages_file() -> Path:
    override = os.environ.get("WORKSHOP_CACHE_DIR")
    return (Path(override) if override else user_dir("cache")) / LANGUAGES_FILE


def _remembered() -> dict[str, str]:
    try:
        found = json.loads(_languages_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def remember_language(url: str, lang: str) -> None:
    """Note the language stored in the library at `url` ("" when none) for the next start."""
    known = _remembered()
    if known.get(url) == lang:
        return
    known.pop(url, None)
    known[url] = lang
    known = dict(list(known.items())[-KEEP:])  # the libraries opened most recently
    path = _languages_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(known, ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)
    except OSError:
        pass  # a read-only cache folder only costs speed


def _read_only(url: str) -> sqlite3.Connection | None:
    """The library's file opened read-only, or None (not a plain SQLite file, not there)."""
    import sqlite3
    from urllib.parse import quote

    path = sqlite_path(url)
    if path is None or not path.is_file():
        return None
    try:
        return sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True, timeout=0.2)
    except sqlite3.Error:
        return None


def stored_setting(url: str, key: str) -> str | None:
    import sqlite3

    con = _read_only(url)
    if con is None:
        return None
    try:
        row = con.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    except sqlite3.Error:
        return None
    finally:
        con.close()
    return row[0] if row and isinstance(row[0], str) else None


def stored_language(url: str) -> str | None:
    """This machine's language (local settings); for a machine that never chose one, the
    library's old value as last seen by this app, else read from the file."""
    from workshop import local_settings

    value: str | None = local_settings.get("language")
    if value in ("nl", "en"):
        return value
    value = _remembered().get(url)
    if value is None:
        value = stored_setting(url, "language")
    return value if value in ("nl", "en") else None


def session_list(url: str) -> list[SessionSummary] | None:
    """The start screen's list read straight from the file (stdlib `sqlite3`, read-only),
    newest first as `workshop.sessions.queries.list_sessions` gives it; None for anything
    unusual (see the module docstring). Shown until the library is open, which then replaces
    it with the real list."""
    import sqlite3

    from workshop.sessions.summary import COLUMNS, newest_first

    con = _read_only(url)
    if con is None:
        return None
    try:
        rows = con.execute(f"SELECT {', '.join(COLUMNS)} FROM sessions").fetchall()
        return newest_first(_summary(row) for row in rows)
    except (sqlite3.Error, ValueError, TypeError):  # an older schema, a broken row
        return None
    finally:
        con.close()


def _summary(row: tuple) -> SessionSummary:
    """One row as SQLAlchemy's SQLite types store it: ISO text for dates and times."""
    from datetime import date, datetime, time

    from workshop.sessions.summary import SessionSummary

    id_, title, day, start, end, is_demo, updated, archived = row
    return SessionSummary(
        id=int(id_),
        title=str(title),
        date=date.fromisoformat(day) if day else None,
        start_time=time.fromisoformat(start) if start else None,
        end_time=time.fromisoformat(end) if end else None,
        is_demo=bool(is_demo),
        updated_at=datetime.fromisoformat(updated),
        archived=bool(archived),
    )
