"""The projector's live picture: the state shown, with the running item, its timers, the
forecast of expected starts and the room, read from the services the controller follows."""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING

from ui.projector.scene import Scene
from workshop.projector.state import ProjectorState

if TYPE_CHECKING:
    from ui.projector.controller import ProjectorController

log = logging.getLogger(__name__)


def live_scene(controller: ProjectorController, visible: ProjectorState) -> Scene:
    """What the room sees of `visible` now (the controller's frozen picture aside)."""
    elapsed = controller.clock.monotonic() - controller._paging_since
    following = controller.following
    content = controller.content
    if content is not None and (
        following.live_item_id is not None or following.engine is not None
    ):  # the engine knows (a fresh run after a rehearsal: none yet, the first item)
        content = replace(content, current_item_id=following.live_item_id)
    return Scene(
        state=visible,
        content=content,
        item_reading=controller.timer_source() if controller.timer_source else None,
        speaking_reading=controller.speaking_source() if controller.speaking_source else None,
        now=controller.clock.now().replace(second=0, microsecond=0),
        paging_seconds=float(int(elapsed)),
        expected_starts=expected_starts(following.engine),
        room=controller.room_source() if controller.room_source else None,
    )


def expected_starts(engine) -> tuple:
    """Expected starts at the current pace, from the engine the Live strip reads (whole
    minutes, so the picture changes once a minute, not every tick)."""
    standing = getattr(engine, "standing", None)
    if not callable(standing):
        return ()
    try:
        slots = standing().slots
    except Exception:  # noqa: BLE001 - a forecast problem must not blank the projector
        log.exception("projector forecast")
        return ()
    return tuple((s.item_id, s.start.replace(second=0, microsecond=0)) for s in slots)
