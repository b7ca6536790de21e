"""The session window's services: what `ui.app` wires for one open session."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ui.kit.context import SessionServices

if TYPE_CHECKING:
    from ui.room.service import RoomService
    from ui.services.commands import CommandService
    from ui.services.db import DbService
    from workshop.clock import Clock


def build_session_services(
    db: DbService, commands: CommandService, clock: Clock, session_id: int
) -> SessionServices:
    """Per-session services (timers, projector, capture queue, phones). Parts add theirs
    here; one the first frame does not show is built on first use (`services.later`)."""
    services = SessionServices()
    from ui.capture.service import CaptureService
    from ui.live.service import LiveService

    services.capture = CaptureService(clock)
    services.live = LiveService(db, commands, clock, session_id)
    from ui.projector.controller import ProjectorController

    services.projector = ProjectorController(
        db,
        commands,
        clock,
        session_id,
        live=services.live,
        capture=services.capture,
    )

    def room() -> RoomService:  # phones: built when the Telefoons page first asks for it
        from ui.room.service import RoomService

        return RoomService(
            db, commands, clock, session_id, live=services.live, projector=services.projector
        )

    services.later("room", room)
    return services
