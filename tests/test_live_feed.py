"""Another process's stored step reaches this library's change bus within a second.

Runs on SQLite (PRAGMA data_version polling) and, under scripts/with_pg.sh, on PostgreSQL
(LISTEN/NOTIFY).
"""

from __future__ import annotations

import queue

import pytest

from workshop.changes import Changes, Entity
from workshop.commands import CommandRunner
from workshop.sessions.commands import CreateSession, EditSession
from workshop.store import change_log
from workshop.store.library import Library
from workshop.store.live_feed import LiveFeed


def _listen(library: Library) -> queue.Queue[Changes]:
    heard: queue.Queue[Changes] = queue.Queue()
    library.changes.subscribe(heard.put)
    return heard


def test_a_step_on_one_handle_is_heard_on_the_other_within_a_second(db_url):
    writer, reader = Library.open(db_url), Library.open(db_url)
    feed = LiveFeed(reader).start()
    try:
        assert feed.ready.wait(5)
        heard = _listen(reader)
        changes = CommandRunner(writer).do(CreateSession(title="Kick-off"))
        got = heard.get(timeout=1.0)
        assert got.origin == "library"
        assert got.touches(Entity.SESSION)
        assert got.ids(Entity.SESSION) == changes.ids(Entity.SESSION)
    finally:
        feed.stop()
        writer.close()
        reader.close()


def test_the_feed_skips_its_own_handles_steps_and_keeps_order(db_url):
    one, other = Library.open(db_url), Library.open(db_url)
    feed = LiveFeed(one).start()
    try:
        assert feed.ready.wait(5)
        session = CommandRunner(one).do(CreateSession(title="Eigen")).ids(Entity.SESSION).pop()
        heard = _listen(one)  # after the own step, which its runner announced itself
        titles = [f"Titel {n}" for n in range(5)]
        for title in titles:
            CommandRunner(other).do(EditSession(session, title=title))
        got = [heard.get(timeout=1.0) for _ in titles]
        assert all(c.origin == "library" and c.touches(Entity.SESSION) for c in got)
        assert [c.items[0].fields for c in got] == [("title",)] * len(titles)
        with pytest.raises(queue.Empty):  # the own step was not heard again
            heard.get(timeout=0.3)
    finally:
        feed.stop()
        one.close()
        other.close()


def test_every_step_is_logged_in_its_own_transaction(library):
    runner = CommandRunner(library)
    before = _latest(library)
    runner.do(CreateSession(title="Gelogd"))
    with library.read() as db:
        rows = change_log.entries_after(db, before)
    assert len(rows) == 1
    _id, writer, payload = rows[0]
    assert writer == library.writer
    assert Changes.from_json(payload).touches(Entity.SESSION)


def test_a_notification_too_long_carries_only_the_log_id():
    short = change_log.notification(7, "w", "{}")
    assert '"c"' in short
    long = change_log.notification(8, "w", "x" * 10_000)
    assert '"c"' not in long and '"id":8' in long


def _latest(library: Library) -> int:
    with library.read() as db:
        return change_log.latest_id(db)
