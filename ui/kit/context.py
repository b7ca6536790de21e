"""What a page receives: the typed per-session services and the page context.

Kept apart from `ui/pages/registry.py` (which lists the pages and imports them) so pages
import this module and the registry imports the pages, never both ways. Light on purpose:
`ui/app.py` imports it before the first paint.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:  # the session window's shell is painted before these are imported
    from ui.capture.service import CaptureService
    from ui.live.service import LiveService
    from ui.projector.controller import ProjectorController
    from ui.room.service import RoomService
    from ui.services.commands import CommandService
    from ui.services.db import DbService
    from workshop.changes import Changes
    from workshop.clock import Clock


@dataclass
class SessionServices:
    """Per-session services built by `ui.app.build_session_services`; one field per part."""

    capture: CaptureService | None = None  # who has the floor, speaking time
    live: LiveService | None = None  # this session's running timer
    projector: ProjectorController | None = None  # the projector window and its content
    room: RoomService | None = None  # phones in the room (the server is off until asked)

    def close(self) -> None:
        """The session window closed: stop every service (the projector first: it reads
        the others)."""
        for service in (self.room, self.projector, self.live, self.capture):
            if service is not None:
                service.close()


@dataclass
class PageContext:
    """The narrow services a page may use, all for one session."""

    session_id: int
    db: DbService
    commands: CommandService
    clock: Clock
    session_services: SessionServices


@runtime_checkable
class ChangeAware(Protocol):
    """A page that refreshes on stored changes. The session window hands it only the
    changes of its own session (`Changes.for_session`), never an empty batch."""

    def on_changed(self, changes: Changes) -> None: ...


@runtime_checkable
class Flushable(Protocol):
    """A page with typed input that is stored before undo runs and the window closes."""

    def flush(self) -> None: ...
