"""Scenario tests run only on the two-screen platform; tests/test_scenarios.py starts them.

Run them directly with
QT_QPA_PLATFORM=offscreen:configfile=$PWD/../shared/qt-offscreen-two-screens.json \
    python -m pytest tests/scenarios
(WORKSHOP_SCREENSHOTS=1 also saves one picture per step into docs/scenarios/).
"""

from __future__ import annotations

import os
from datetime import date, time

import pytest

if "configfile=" not in os.environ.get("QT_QPA_PLATFORM", ""):
    collect_ignore_glob = ["test_seed_*.py"]


@pytest.fixture
def screens(qapp):
    found = {s.name(): s for s in qapp.screens()}
    if set(found) != {"LAPTOP", "PROJECTOR"}:
        pytest.fail("needs QT_QPA_PLATFORM=offscreen:configfile=…/qt-offscreen-two-screens.json")
    return found


@pytest.fixture
def open_session(request, qtbot, arun, library, command_service, session_window, screens):
    """factory(name, title, day, start, end, **details) -> a Room on the laptop screen."""
    from .harness import open_room

    rooms = []

    def make(name: str, title: str, day: date, start: time, end: time, **details):
        room = open_room(
            qtbot,
            arun,
            library,
            command_service,
            session_window,
            screens,
            name,
            title,
            day,
            start,
            end,
            **details,
        )
        room.pictures = request.node.get_closest_marker("xfail") is None
        rooms.append(room)
        return room

    yield make
    for room in rooms:
        room.projector.close_window()
