"""Two laptops on one session: one runs the Live clock, the other follows it read-only and
may take it over (issue 15). Two app instances offscreen, each with its own library handle.

On SQLite they share one file; in the PostgreSQL pass one server database.
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from conftest import idle
from PySide6.QtCore import Qt
from sqlalchemy import func, select
from test_team_live_ui import until

from tests.live_support import AppInstance
from workshop.clock import FakeClock
from workshop.model import ChangeLogEntry, WorkSession

pytestmark = pytest.mark.both_engines
AMSTERDAM = timezone(timedelta(hours=1))


def _live(qtbot, arun, app: AppInstance, sid: int, clock: FakeClock):
    window = app.window(qtbot, sid, clock=clock)
    window.resize(1100, 720)
    page = window.show_page("live")
    live = window.ctx.session_services.live
    arun(live.ensure_loaded())
    page.setFocus()
    return window, page, live


def click(qtbot, button) -> None:
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _log_rows(library) -> int:
    with library.read() as db:
        return db.scalar(select(func.count(ChangeLogEntry.id)))


def _grab(window, name: str) -> None:
    folder = Path(os.environ.get("WORKSHOP_SCREENSHOTS", "/tmp/workshop-screens"))
    folder.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(folder / name))


def test_one_laptop_runs_the_clock_the_other_follows_and_takes_over(qtbot, arun, two_laptops):
    first, second, sid = two_laptops
    clock = FakeClock(datetime(2021, 4, 9, 15, 0, tzinfo=AMSTERDAM))
    w1, runs, live1 = _live(qtbot, arun, first, sid, clock)
    w2, follows, live2 = _live(qtbot, arun, second, sid, clock)
    assert not runs.lease_bar.isVisible() and not follows.lease_bar.isVisible()

    click(qtbot, runs.play_button)  # the first action claims the free clock
    arun(live1.wait_idle())
    assert live1.lease.state.mine
    arun(until(lambda: live2.follower and live2.engine.running, 2.0))
    assert follows.lease_bar.isVisible()
    assert live1.lease.claimant.name in follows.lease_label.text()
    assert not follows.prev_button.isEnabled() and not follows.restart_button.isEnabled()

    # a key that is not a request (previous) changes nothing and says why
    item = live1.engine.current.id
    live2.previous()
    assert follows.message.isVisible() and "Neem hem over" in follows.message.text()
    assert live2.engine.current.id == item

    # "next" on the follower is a request: the holder applies it, both show the next item
    click(qtbot, follows.next_button)
    arun(until(lambda: "Gevraagd" in follows.message.text(), 2.0))
    arun(until(lambda: live1.engine.current.id != item, 2.0))
    assert "vroeg om het volgende onderdeel" in runs.message.text()
    arun(until(lambda: live2.engine.current.id == live1.engine.current.id, 1.0))
    _grab(w1, "clock-request-applied.png")

    # the holder moves on; the follower shows the same item within a second
    click(qtbot, runs.next_button)
    arun(until(lambda: live2.engine.current.id == live1.engine.current.id, 1.0))

    # ticking writes nothing: no run state, no lease, no log rows, for 20 seconds
    arun(live1.wait_idle())
    with first.library.read() as db:
        version = db.get(WorkSession, sid).version
    rows = _log_rows(first.library)
    for _ in range(20):
        clock.advance(1)
        live1._on_tick()
        live2._on_tick()
    arun(live1.wait_idle())
    assert _log_rows(first.library) == rows
    with first.library.read() as db:
        assert db.get(WorkSession, sid).version == version
    assert follows.disk.reading().display == runs.disk.reading().display
    _grab(w2, "clock-follower.png")

    # the second laptop takes the clock over; the first is told and follows
    click(qtbot, follows.take_over_button)
    arun(until(lambda: live2.lease.state.mine, 2.0))
    arun(until(lambda: live1.follower, 2.0))
    assert runs.message.isVisible() and "overgenomen" in runs.message.text()
    assert runs.lease_bar.isVisible() and not runs.prev_button.isEnabled()
    assert not follows.lease_bar.isVisible() and follows.play_button.isEnabled()
    _grab(w1, "clock-taken-over.png")

    item = live2.engine.current.id
    click(qtbot, follows.next_button)
    arun(live2.wait_idle())
    assert live2.engine.current.id != item
    arun(until(lambda: live1.engine.current.id == live2.engine.current.id, 1.0))
    arun(idle())  # the follower's own reads landed before the windows close


def test_closing_the_window_gives_the_clock_back(qtbot, arun, two_laptops):
    from workshop.timing.lease import holders

    first, second, sid = two_laptops
    clock = FakeClock(datetime(2021, 4, 9, 15, 0, tzinfo=AMSTERDAM))
    w1, runs, live1 = _live(qtbot, arun, first, sid, clock)
    click(qtbot, runs.play_button)
    arun(live1.wait_idle())
    assert sid in holders(first.library)
    live1.close()
    arun(first.commands.wait_idle())
    first.db.executor.submit(lambda: None).result()  # the release ran on the DB worker
    assert holders(first.library) == {}
    _w2, follows, live2 = _live(qtbot, arun, second, sid, clock)
    assert not live2.follower and follows.play_button.isEnabled()


def test_side_by_side_one_types_notes_while_the_other_runs_the_clock(qtbot, arun, two_laptops):
    from PySide6.QtGui import QImage, QPainter
    from test_team_live_ui import _feedback_item

    first, second, sid = two_laptops
    clock = FakeClock(datetime(2021, 4, 9, 15, 0, tzinfo=AMSTERDAM))
    w1, runs, live1 = _live(qtbot, arun, first, sid, clock)
    click(qtbot, runs.play_button)
    arun(live1.wait_idle())
    item = _feedback_item(second.library, sid)
    w2 = second.window(qtbot, sid, clock=clock)  # both laptops' clocks agree (NTP)
    w2.resize(1100, 720)
    typing = w2.show_page("capture")
    arun(idle())
    arun(typing.settled())
    typing.choose_item(item)
    arun(typing.settled())
    live2 = w2.ctx.session_services.live
    arun(live2.ensure_loaded())
    arun(until(lambda: live2.follower, 2.0))  # it follows the first's clock
    before = typing.notes.count()
    typing.input.line.setFocus()
    qtbot.keyClicks(typing.input.line, "Meer groen op het plein")
    qtbot.keyClick(typing.input.line, Qt.Key.Key_Return)
    arun(until(lambda: typing.notes.count() == before + 1, 2.0))
    qtbot.keyClicks(typing.input.line, "Halve zin over de knoppen")
    for _ in range(5):
        clock.advance(1)
        live1._on_tick()
    assert live1.engine.running and live1.lease.state.mine
    assert typing.input.line.text() == "Halve zin over de knoppen"
    left, right = w2.grab().toImage(), w1.grab().toImage()
    both = QImage(
        left.width() + right.width() + 12, max(left.height(), right.height()), left.format()
    )
    both.fill(0xFF808080)
    painter = QPainter(both)
    painter.drawImage(0, 0, left)
    painter.drawImage(left.width() + 12, 0, right)
    painter.end()
    folder = Path(os.environ.get("WORKSHOP_SCREENSHOTS", "/tmp/workshop-screens"))
    folder.mkdir(parents=True, exist_ok=True)
    both.save(str(folder / "team-two-windows-clock.png"))
