"""Projector: opens on the second (offscreen) screen when there is one, cycles every state."""

from __future__ import annotations

import asyncio

from workshop.demo import ensure_demo
from workshop.projector.state import Mode


def _assert_not_blank(image, what: str) -> None:
    assert not image.isNull() and image.width() > 0, f"{what}: nothing rendered"
    colours = {
        image.pixel(x, y)
        for x in range(0, image.width(), max(1, image.width() // 64))
        for y in range(0, image.height(), max(1, image.height() // 48))
    }
    assert len(colours) > 2, f"{what}: the picture is blank"


async def check_projector(ctx) -> None:
    sid = await ctx.db.call(ensure_demo)
    window = ctx.open_session(sid)
    await ctx.wait_painted(window)
    controller = window.ctx.session_services.projector
    assert controller is not None, "no projector service for the session"
    assert getattr(window, "projector_panel", None) is not None, "no projector panel"
    await controller.wait_idle()
    assert controller.content is not None, controller.error or "projector content not loaded"
    screens = ctx.app.screens()
    projector = controller.open_window()
    await asyncio.sleep(0.05)
    if len(screens) >= 2:
        assert projector.isFullScreen(), "the projector is not full screen"
        facilitator = window.screen().name()
        assert projector.screen().name() != facilitator, "projector on the facilitator's screen"
        assert projector.geometry() == projector.screen().geometry(), "wrong geometry"
    else:
        assert projector.isVisible() and not projector.isFullScreen()
    for mode in (Mode.WELCOME, Mode.AGENDA_ITEM, Mode.PROGRAMME, Mode.BREAKOUT, Mode.REPORTING):
        controller.show_mode(mode)
        await asyncio.sleep(0.02)
        assert controller.scene().state.mode == mode, f"{mode} not shown"
        _assert_not_blank(projector.grab().toImage(), f"projector {mode}")
        _assert_not_blank(window.projector_panel.thumbnail.grab().toImage(), f"thumbnail {mode}")
    controller.set_message("Nog 2 minuten — rond af")
    assert controller.scene().state.message
    controller.clear_message()
    controller.set_frozen(True)
    controller.show_mode(Mode.PROGRAMME)
    assert controller.scene().state.mode == Mode.REPORTING, "freeze did not hold the picture"
    controller.set_frozen(False)
    controller.toggle_blackout()
    assert controller.scene().state.blackout
    controller.toggle_blackout()
    await controller.wait_idle()
    controller.close_window()
    window.close()
