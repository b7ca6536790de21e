"""Space starts the session: the projector leaves the welcome for the first item (issue 11).
(Reopening a session that already runs keeps its picture: test_projector_ui's first sight.)"""

from __future__ import annotations

from test_projector_ui import projector  # noqa: F401 - the fixture

from workshop.projector.state import Mode
from workshop.timing.engine import RunStatus


def test_space_on_the_first_item_leaves_the_welcome(projector, arun):  # noqa: F811
    window, controller = projector
    live = window.ctx.session_services.live
    arun(live.ensure_loaded())
    arun(controller.wait_idle())
    assert live.engine.status is RunStatus.IDLE
    assert controller.state.mode == Mode.WELCOME  # before the start: the welcome

    async def space() -> None:
        live.toggle()
        await live.wait_idle()

    arun(space())
    assert live.engine.status is RunStatus.RUNNING
    first = live.engine.current
    assert controller.state.mode != Mode.WELCOME
    assert controller.scene().content.current_item().id == first.id
