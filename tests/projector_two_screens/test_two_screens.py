"""Runs only under the two-screen offscreen platform (see tests/test_projector_two_screens.py).

The offscreen platform reads its screens once from the config file and Python cannot
unplug one, so removal and re-plugging are simulated by emitting QGuiApplication's own
screenRemoved / screenAdded signals with the real PROJECTOR QScreen: the controller's
handlers run exactly as on a hot-plug, and treat the announced screen as gone until it is
added again.
"""

from __future__ import annotations

import pytest

from tests.projector_fixtures import demo_with_round
from workshop.projector.screens import load_prefs


@pytest.fixture
def two_screens(qapp):
    screens = {s.name(): s for s in qapp.screens()}
    if set(screens) != {"LAPTOP", "PROJECTOR"}:
        pytest.skip("needs QT_QPA_PLATFORM=offscreen:configfile=…/qt-offscreen-two-screens.json")
    return screens


@pytest.fixture
def controller(two_screens, library, session_window, arun):
    sid = demo_with_round(library, 4, 5)
    window = session_window(sid)
    window.setScreen(two_screens["LAPTOP"])
    window.move(100, 100)
    ctrl = window.ctx.session_services.projector
    arun(ctrl.wait_idle())
    yield ctrl
    ctrl.close_window()


def _full_screen_on(ctrl, name: str, screens) -> None:
    win = ctrl.window
    assert win.isVisible()
    assert win.isFullScreen(), "the projector is not full screen"
    assert win.screen().name() == name
    assert win.geometry() == screens[name].geometry()


def test_opens_full_screen_on_the_second_screen(controller, two_screens, library, arun):
    controller.open_window()
    _full_screen_on(controller, "PROJECTOR", two_screens)
    arun(controller.wait_idle())
    assert load_prefs(library).screen_name == "PROJECTOR"  # remembered
    assert "PROJECTOR" in controller.placement_text()


def test_falls_back_and_returns_when_the_screen_comes_back(controller, two_screens, qapp, arun):
    from workshop.projector.state import Mode

    controller.open_window()
    controller.show_mode(Mode.BREAKOUT)
    controller.set_message("Terug in de zaal")
    projector_screen = two_screens["PROJECTOR"]
    qapp.screenRemoved.emit(projector_screen)  # unplugged
    win = controller.window
    assert win.isVisible() and not win.isFullScreen(), "no fallback to a window"
    assert win.screen().name() == "LAPTOP"
    assert two_screens["LAPTOP"].geometry().contains(win.geometry())
    # nothing lost
    assert controller.state.mode == Mode.BREAKOUT
    assert controller.state.message == "Terug in de zaal"
    image = win.grab().toImage()
    assert not image.isNull()
    qapp.screenAdded.emit(projector_screen)  # plugged in again
    _full_screen_on(controller, "PROJECTOR", two_screens)
    assert controller.state.mode == Mode.BREAKOUT


def test_escape_leaves_full_screen_and_f5_toggles(controller, two_screens, qtbot):
    from PySide6.QtCore import Qt

    win = controller.open_window()
    qtbot.keyClick(win, Qt.Key.Key_Escape)
    assert win.isVisible() and not win.isFullScreen()
    assert win.screen().name() == "PROJECTOR"  # a window on the beamer, to drag
    controller.go_full_screen()
    _full_screen_on(controller, "PROJECTOR", two_screens)
    qtbot.keyClick(win, Qt.Key.Key_F5)
    assert not controller.is_open()
    controller.toggle_window()
    _full_screen_on(controller, "PROJECTOR", two_screens)


def test_avoids_the_facilitators_screen(controller, two_screens):
    session = controller.facilitator_window()
    session.setScreen(two_screens["PROJECTOR"])
    session.setGeometry(two_screens["PROJECTOR"].availableGeometry().adjusted(50, 50, -50, -50))
    controller.open_window()
    assert controller.window.screen().name() == "LAPTOP"
    assert controller.window.isFullScreen()


def test_remembers_a_third_choice_of_screen(controller, two_screens, library, arun):
    """A screen remembered but not connected: the other screen is used, no crash."""
    from workshop.projector.screens import remember_screen

    remember_screen(library, "TV-IN-THE-BACK")
    arun(controller.load())
    controller.open_window()
    _full_screen_on(controller, "PROJECTOR", two_screens)


def test_the_panel_lists_the_other_screen_and_follows_plugging(controller, two_screens, qapp):
    panel = controller.facilitator_window().projector_panel
    box = panel.screen_box
    assert [box.itemData(i) for i in range(box.count())] == ["", "PROJECTOR"]
    box.setCurrentIndex(1)
    box.activated.emit(1)
    assert controller.prefs.screen_name == "PROJECTOR"
    qapp.screenRemoved.emit(two_screens["PROJECTOR"])
    assert [box.itemData(i) for i in range(box.count())] == [""]
    assert not box.isEnabled()
    qapp.screenAdded.emit(two_screens["PROJECTOR"])
    assert box.count() == 2 and box.isEnabled()
