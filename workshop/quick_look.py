"""A look into a SQLite library before SQLAlchemy is imported (stdlib `sqlite3` only).

Outside `workshop.store` on purpose: importing that package imports SQLAlchemy.

The app paints its first window before the library is opened; the language stored in the
library (Instellingen › Taal) must be known by then, so it is read here, read-only. Anything
unusual (not SQLite, no file yet, no table, a locked or broken file) gives None: the normal
open then decides, with its own clear messages.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import quote


def sqlite_path(url: str) -> Path | None:
    """The file of a plain `sqlite:///FILE` URL (no driver, no in-memory database)."""
    prefix = "sqlite:///"
    if not url.startswith(prefix):
        return None
    database = url[len(prefix) :].split("?", 1)[0]
    if not database or database == ":memory:":
        return None
    return Path(database)


def stored_setting(url: str, key: str) -> str | None:
    path = sqlite_path(url)
    if path is None or not path.is_file():
        return None
    try:
        con = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True, timeout=0.2)
    except sqlite3.Error:
        return None
    try:
        row = con.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    except sqlite3.Error:
        return None
    finally:
        con.close()
    return row[0] if row and isinstance(row[0], str) else None


def stored_language(url: str) -> str | None:
    value = stored_setting(url, "language")
    return value if value in ("nl", "en") else None
