"""Session services the first frame does not need are built on first use."""

from __future__ import annotations

import pytest

from ui.kit.context import SessionServices


class Service:
    closed = False

    def close(self) -> None:
        self.closed = True


def test_a_later_service_is_built_once_when_first_read():
    services = SessionServices(live=Service())
    made: list[Service] = []
    seen: list[Service] = []
    services.later("room", lambda: made.append(Service()) or made[-1])
    services.when_built("room", seen.append)
    assert made == [] and services.built("room") is None
    room = services.room
    assert made == [room] and seen == [room] and services.room is room
    services.when_built("room", seen.append)  # already there: called at once
    assert seen == [room, room]


def test_close_stops_only_what_was_built():
    live, projector = Service(), Service()
    services = SessionServices(live=live, projector=projector)
    services.later("room", pytest.fail)  # never built by closing
    services.close()
    assert live.closed and projector.closed
    assert services.room is None


def test_a_set_service_replaces_the_factory_and_unknown_names_are_refused():
    services = SessionServices()
    services.later("room", pytest.fail)
    seen: list[Service] = []
    services.when_built("room", seen.append)
    services.room = direct = Service()
    assert services.room is direct and seen == [direct]
    with pytest.raises(TypeError):
        SessionServices(phones=Service())


def test_the_demo_window_builds_the_phones_service_on_first_use(session_window, library, arun):
    from conftest import idle

    from workshop.demo import ensure_demo

    window = session_window(ensure_demo(library))
    arun(idle())
    services = window.ctx.session_services
    assert services.built("room") is None
    assert services.projector is not None and services.projector.room_source is None
    room = window.show_page("phones").ctx.session_services.room  # the Telefoons page
    assert services.built("room") is room
    assert services.projector.room_source == room.picture
    keys = [a for a in window.actions() if a.shortcut().toString() == "Ctrl+Shift+H"]
    assert len(keys) == 1  # Ctrl+Shift+H hides the phones' answers from now on
