"""Hearing what other processes and laptops store in the same library, within a second.

`LiveFeed(library).start()` runs one daemon thread that publishes every step stored by
another `Library` handle (another window's process, another laptop) on `library.changes`
with origin "library"; the UI's ChangeFeed brings it to the UI thread, where pages reload
just what changed. Steps of this handle are skipped: its runner announced them already.

* **SQLite**: a connection of its own asks `PRAGMA data_version` every 50 ms. The number
  moves only when another connection committed, so an idle library costs one cheap pragma
  per poll; when it moves, the new `change_log` rows are read.
* **PostgreSQL**: `LISTEN workshop_changes` on a connection of its own. The runner's
  `pg_notify` in the step's transaction is delivered after the commit, carrying the typed
  changes (workshop/store/change_log.py). After a lost connection the feed reconnects and
  reads the log rows it missed.

Plain Python, no Qt; nothing here runs on the UI thread.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from collections.abc import Iterable

from sqlalchemy.engine import make_url

from workshop.changes import Changes
from workshop.store import change_log
from workshop.store.library import Library

log = logging.getLogger(__name__)

#: seconds between two `PRAGMA data_version` polls on SQLite
POLL_SECONDS = 0.05
#: seconds a PostgreSQL listener waits for a notification before checking for stop
LISTEN_SECONDS = 0.5
#: seconds before reconnecting after the server went away
RETRY_SECONDS = 1.0


class LiveFeed:
    """A background listener for one library handle (start once, stop when closing)."""

    def __init__(self, library: Library, poll_seconds: float = POLL_SECONDS) -> None:
        self.library = library
        self.poll_seconds = poll_seconds
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._last_id = 0
        #: set once the feed listens (tests and the bench wait for it)
        self.ready = threading.Event()

    def start(self) -> LiveFeed:
        if self._thread is None:
            with self.library.read() as db:
                self._last_id = change_log.latest_id(db)
            run = (
                self._poll_sqlite
                if self.library.engine.dialect.name == "sqlite"
                else self._listen_pg
            )
            self._thread = threading.Thread(target=run, name="workshop-live-feed", daemon=True)
            self._thread.start()
        return self

    def stop(self, timeout: float = 2.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    # -- shared ---------------------------------------------------------------------------
    def _publish(self, rows: Iterable[tuple[int, str, str | None]]) -> None:
        """Publish log rows (id, writer, payload) newer than the last one seen."""
        missing: list[int] = []
        for log_id, writer, payload in rows:
            if log_id <= self._last_id and payload is not None:
                continue
            if payload is None:  # a notification too long to carry the changes
                missing.append(log_id)
                continue
            self._last_id = max(self._last_id, log_id)
            if writer == self.library.writer:
                continue
            try:
                changes = Changes.from_json(payload, origin="library")
            except ValueError:
                log.warning("change log row %s is not a change message", log_id)
                continue
            self.library.changes.publish(changes)
        if missing:
            self._catch_up(min(missing) - 1)

    def _catch_up(self, after: int | None = None) -> None:
        """Read and publish the log rows after `after` (default: the last one seen)."""
        with self.library.read() as db:
            rows = change_log.entries_after(db, self._last_id if after is None else after)
        self._publish(rows)

    # -- SQLite ---------------------------------------------------------------------------
    def _poll_sqlite(self) -> None:
        path = make_url(self.library.url).database
        assert path is not None  # a library in a file (only those are polled)
        try:
            conn = sqlite3.connect(path, timeout=5, isolation_level=None, check_same_thread=False)
        except sqlite3.Error:
            log.exception("live feed: cannot open %s", path)
            return
        try:
            seen = conn.execute("PRAGMA data_version").fetchone()[0]
            self.ready.set()
            while not self._stop.wait(self.poll_seconds):
                try:
                    version = conn.execute("PRAGMA data_version").fetchone()[0]
                    if version == seen:
                        continue
                    seen = version
                    rows = conn.execute(
                        "SELECT id, writer, payload FROM change_log WHERE id > ? ORDER BY id",
                        (self._last_id,),
                    ).fetchall()
                except sqlite3.Error as error:  # busy or being migrated: try at the next poll
                    log.info("live feed poll failed: %s", error)
                    continue
                self._publish(rows)
        finally:
            conn.close()

    # -- PostgreSQL -----------------------------------------------------------------------
    def _listen_pg(self) -> None:
        import psycopg

        dsn = (
            make_url(self.library.url)
            .set(drivername="postgresql")
            .render_as_string(hide_password=False)
        )
        first = True
        while not self._stop.is_set():
            try:
                with psycopg.connect(dsn, autocommit=True) as conn:
                    conn.execute(f"LISTEN {change_log.CHANNEL}")
                    if not first:
                        self._catch_up()  # what was stored while the connection was down
                    first = False
                    self.ready.set()
                    while not self._stop.is_set():
                        for note in conn.notifies(timeout=LISTEN_SECONDS, stop_after=64):
                            self._publish([_parse(note.payload)])
            except psycopg.Error as error:
                log.warning("live feed: lost the server (%s); retrying", error)
                self._stop.wait(RETRY_SECONDS)


def _parse(message: str) -> tuple[int, str, str | None]:
    """A notification's (log id, writer, changes or None)."""
    try:
        body = json.loads(message)
        return int(body["id"]), str(body["w"]), body.get("c")
    except (ValueError, KeyError, TypeError):
        return (0, "", "")
