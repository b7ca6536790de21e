"""Foundation: store, commands with undo/redo, the session window and the demo."""

from __future__ import annotations

from datetime import date, time

from workshop.demo import ensure_demo
from workshop.sessions.commands import CreateSession, EditSession
from workshop.sessions.queries import get_details, list_sessions


async def check_store_and_commands(ctx) -> None:
    command = CreateSession(title="Selftest", date=date(2021, 4, 9), start_time=time(15, 0))
    await ctx.commands.push_and_wait(command)
    sid = command.session_id
    assert sid is not None, "the new session got no id"
    ctx.commands.push(EditSession(sid, title="Selftest (edited)"))
    await ctx.commands.wait_idle()
    assert (await ctx.db.call(get_details, sid)).title == "Selftest (edited)", "edit not stored"
    ctx.commands.undo()
    await ctx.commands.wait_idle()
    assert (await ctx.db.call(get_details, sid)).title == "Selftest", "undo did not restore"
    ctx.commands.redo()
    await ctx.commands.wait_idle()
    assert (await ctx.db.call(get_details, sid)).title == "Selftest (edited)", "redo failed"
    assert any(s.id == sid for s in await ctx.db.call(list_sessions)), "session not listed"


async def check_demo_window(ctx) -> None:
    sid = await ctx.db.call(ensure_demo)
    details = await ctx.db.call(get_details, sid)
    assert details.title == "Lokale gemeenschappen als motor voor transitie", details.title
    window = ctx.open_session(sid)
    await ctx.wait_painted(window)
    from ui.pages.registry import PAGES

    for spec in PAGES:
        page = window.show_page(spec.key)
        assert page is not None and page.isVisible(), f"page {spec.key} did not show"
    image = window.grab().toImage()
    assert image.width() > 0 and not image.isNull(), "the session window did not render"
    window.close()
