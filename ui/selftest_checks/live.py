"""Live: start, pause, next item and overrun on the Live page, with a fake clock."""

from __future__ import annotations

import asyncio
from datetime import datetime, time

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from workshop.clock import FakeClock
from workshop.demo.builders import session_with_items
from workshop.store.library import Library
from workshop.timing.plan import load_run
from workshop.timing.reading import TimerLevel
from workshop.timing.store import timer_events


def _make_session(library: Library) -> int:
    items = [
        {"title": title, "planned_minutes": minutes}
        for title, minutes in (("Welkom", 10), ("Gesprek", 15), ("Afsluiting", 5))
    ]
    sid, _items = session_with_items(
        library, "Selftest live", items, start_time=time(15, 0), end_time=time(15, 30)
    )
    return sid


async def check_live_run(ctx) -> None:
    from ui.app import build_session_services
    from ui.kit.context import PageContext
    from ui.session_window import SessionWindow

    sid = await ctx.db.call(_make_session)
    now = datetime.now().astimezone()
    clock = FakeClock(now.replace(hour=15, minute=0, second=0, microsecond=0))
    services = build_session_services(ctx.db, ctx.commands, clock, sid)
    window = SessionWindow(PageContext(sid, ctx.db, ctx.commands, clock, services))
    window.show()
    try:
        page = window.show_page("live")
        live = services.live
        await live.ensure_loaded()
        page.setFocus()

        QTest.keyClick(page, Qt.Key.Key_Space)
        assert live.engine.running, "Space did not start the session"
        assert page.disk.reading().display == "10:00", page.disk.reading().display
        clock.advance(61)
        live._on_tick()
        assert page.disk.reading().display == "08:59", page.disk.reading().display

        QTest.keyClick(page, Qt.Key.Key_Space)
        assert not live.engine.running, "Space did not pause"
        clock.advance(30)
        live._on_tick()
        assert page.disk.reading().display == "08:59", "a paused timer moved"

        QTest.keyClick(page, Qt.Key.Key_Right)
        assert live.engine.current.title == "Gesprek", "Right did not go to the next item"
        QTest.keyClick(page, Qt.Key.Key_Space)
        clock.advance(15 * 60 + 5)
        live._on_tick()
        shown = page.disk.reading()
        assert shown.display == "+00:05" and shown.level is TimerLevel.RED, shown
        assert live.player.played == 1, f"the chime sounded {live.player.played} times, not once"
        # 1.5 min of Welkom, 15 of Gesprek so far, 5 to come: ends 15:21, ahead of 15:30
        assert "15:21" in page.standing_label.text(), page.standing_label.text()

        await live.wait_idle()
        stored = await ctx.db.call(load_run, sid)
        assert stored.current_item_id == live.engine.current.id, "current item not stored"
        kinds = [k for k, _item, _amount in await ctx.db.call(timer_events, sid)]
        expected = ["session_start", "start", "pause", "next", "start"]
        assert kinds == expected, f"timer log {kinds} != {expected}"
        window.grab()
    finally:
        await asyncio.sleep(0)
        services.close()
        window.close()
