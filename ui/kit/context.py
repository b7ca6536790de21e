"""What a page receives: the typed per-session services and the page context.

Kept apart from `ui/pages/registry.py` (which lists the pages and imports them) so pages
import this module and the registry imports the pages, never both ways. Light on purpose:
`ui/app.py` imports it before the first paint.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:  # the session window's shell is painted before these are imported
    from ui.capture.service import CaptureService
    from ui.live.service import LiveService
    from ui.projector.controller import ProjectorController
    from ui.room.service import RoomService
    from ui.services.commands import CommandService
    from ui.services.db import DbService
    from workshop.changes import Changes
    from workshop.clock import Clock


class _Service:
    """A SessionServices field: set directly, or built by its factory when first read
    (`SessionServices.later`)."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, services: SessionServices | None, owner: type | None = None) -> Any:
        if services is None:
            return self
        value = services._built.get(self.name)
        if value is None and self.name in services._factories:
            value = services._factories.pop(self.name)()
            services._built[self.name] = value
            for callback in services._callbacks.pop(self.name, []):
                callback(value)
        return value

    def __set__(self, services: SessionServices, value: Any) -> None:
        services._factories.pop(self.name, None)
        services._built[self.name] = value
        if value is not None:
            for callback in services._callbacks.pop(self.name, []):
                callback(value)


class SessionServices:
    """Per-session services built by `ui.session_services.build_session_services`; one field per part.

    A service the first frame does not need is given as a factory (`later`) and built when
    first read, so pages and tests read `services.room` as before."""

    capture: CaptureService | None = _Service()  # who has the floor, speaking time
    live: LiveService | None = _Service()  # this session's running timer
    projector: ProjectorController | None = _Service()  # the projector window and content
    room: RoomService | None = _Service()  # phones in the room (the server is off until asked)

    def __init__(self, **services: Any) -> None:
        self._built: dict[str, Any] = {}
        self._factories: dict[str, Callable[[], Any]] = {}
        self._callbacks: dict[str, list[Callable[[Any], None]]] = {}
        for name, value in services.items():
            if not isinstance(getattr(type(self), name, None), _Service):
                raise TypeError(f"no session service {name!r}")
            setattr(self, name, value)

    def later(self, name: str, factory: Callable[[], Any]) -> None:
        """Build service `name` with `factory()` when it is first read."""
        self._built.pop(name, None)
        self._factories[name] = factory

    def when_built(self, name: str, callback: Callable[[Any], None]) -> None:
        """Call `callback(service)` once service `name` exists (now, if it does)."""
        service = self._built.get(name)
        if service is not None:
            callback(service)
        elif name in self._factories:
            self._callbacks.setdefault(name, []).append(callback)

    def built(self, name: str) -> Any:
        """Service `name` if it exists, without building it."""
        return self._built.get(name)

    def close(self) -> None:
        """The session window closed: stop every service that was built (the projector
        first: it reads the others)."""
        self._factories.clear()
        self._callbacks.clear()
        for name in ("room", "projector", "live", "capture"):
            service = self._built.get(name)
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
