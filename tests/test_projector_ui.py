"""The projector in the session window: panel, thumbnail, keys, freeze, screenshots."""

from __future__ import annotations

import os
import tempfile
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.projector_fixtures import demo_with_round
from workshop.capture.queue import Target
from workshop.projector.content import load_projector_content
from workshop.projector.layout import agenda_item_layout
from workshop.projector.state import Mode, ProjectorState
from workshop.projector.theme import AAA, THEMES, contrast_ratio

pytest.importorskip("PySide6")

# Screenshots go to docs/projector/ when WORKSHOP_SCREENSHOTS=1 (to refresh the committed
# ones); otherwise to a temporary folder, so running the tests leaves the work tree clean.
DOCS = (
    Path(__file__).resolve().parents[1] / "docs" / "projector"
    if os.environ.get("WORKSHOP_SCREENSHOTS") == "1"
    else Path(tempfile.gettempdir()) / "workshop-screenshots" / "projector"
)
SIZES = ((1024, 768), (1920, 1080))


@pytest.fixture
def projector(library, session_window, arun):
    sid = demo_with_round(library, 10, 6)
    window = session_window(sid)
    controller = window.ctx.session_services.projector
    arun(controller.wait_idle())
    yield window, controller
    controller.close_window()


def test_panel_is_docked_and_drives_the_states(projector, qtbot, arun):
    window, controller = projector
    panel = window.projector_panel
    assert panel.isVisible()
    assert controller.content is not None and len(controller.content.agenda) == 7
    for mode, button in panel.mode_buttons.items():
        button.click()
        assert controller.state.mode == mode
        assert button.isChecked()
        assert panel.state_label.text()  # names the state shown
    panel.blackout_button.click()
    assert controller.scene().state.blackout
    panel.blackout_button.click()
    panel.message_box.setCurrentText("Nog 2 minuten — rond af")
    panel.message_button.click()
    assert controller.scene().state.message == "Nog 2 minuten — rond af"
    panel.clear_button.click()
    assert controller.scene().state.message == ""
    panel.mode_buttons[Mode.BREAKOUT].click()
    DOCS.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(DOCS / "session-window-with-projector-panel.png"))
    image = panel.thumbnail.grab().toImage()
    assert not image.isNull() and image.width() > 100
    colours = {
        image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)
    }
    assert len(colours) > 3, "the thumbnail is blank"


def test_keys_on_the_projector_window(projector, qtbot):
    from PySide6.QtCore import Qt

    _window, controller = projector
    projector_window = controller.open_window()
    qtbot.waitExposed(projector_window)
    qtbot.keyClick(projector_window, "b")
    assert controller.state.blackout
    qtbot.keyClick(projector_window, "b")
    assert not controller.state.blackout
    qtbot.keyClick(projector_window, Qt.Key.Key_3)
    assert controller.state.mode == Mode.PROGRAMME
    qtbot.keyClick(projector_window, "f")
    qtbot.keyClick(projector_window, Qt.Key.Key_4)
    assert controller.scene().state.mode == Mode.PROGRAMME  # frozen: the room still sees it
    assert controller.state.mode == Mode.BREAKOUT
    panel = _window.projector_panel
    assert panel.prepared.isVisible(), "while frozen the panel shows what comes next"
    qtbot.keyClick(projector_window, "f")
    assert controller.scene().state.mode == Mode.BREAKOUT
    assert not panel.prepared.isVisible()
    qtbot.keyClick(projector_window, Qt.Key.Key_5)
    first = controller.reporting_group()
    qtbot.keyClick(projector_window, Qt.Key.Key_Right)
    assert controller.reporting_group() != first
    qtbot.keyClick(projector_window, Qt.Key.Key_F5)
    assert not controller.is_open()


def test_freeze_keeps_the_timer_picture(projector):
    _window, controller = projector
    controller.show_mode(Mode.AGENDA_ITEM)
    controller.set_frozen(True)
    controller.show_mode(Mode.PROGRAMME)
    controller.set_message("Terug in de zaal")
    scene = controller.scene()
    assert scene.state.mode == Mode.AGENDA_ITEM and scene.state.frozen
    assert scene.state.message == "Terug in de zaal"
    assert controller.prepared_scene().state.mode == Mode.PROGRAMME
    controller.set_frozen(False)
    assert controller.scene().state.mode == Mode.PROGRAMME


def test_follows_the_running_item_and_reloads(projector, arun):
    window, controller = projector
    controller.show_mode(Mode.AGENDA_ITEM)
    live = window.ctx.session_services.live  # the running timer says which item runs
    arun(live.ensure_loaded())
    live.toggle()
    while live.engine.current.kind != "subgroepen":
        live.next()
    assert controller.state.mode == Mode.BREAKOUT
    arun(live.wait_idle())
    arun(controller.load())
    assert controller.state.mode == Mode.BREAKOUT


def test_a_missing_session_is_reported_not_fatal(db_service, command_service, arun, qtbot):
    from ui.projector.controller import ProjectorController
    from workshop.clock import FakeClock

    controller = ProjectorController(db_service, command_service, FakeClock(), 4242)
    arun(controller.wait_idle())
    assert "4242" in controller.error
    assert controller.scene().content is None
    controller.shutdown()


def test_timer_source_is_used(projector):
    from workshop.timing.reading import TimerLevel, TimerReading

    _window, controller = projector
    reading = TimerReading("x", 600, 90, True, TimerLevel.AMBER, "01:30", 0.15)
    controller.timer_source = lambda: reading
    assert controller.scene().item_reading == reading


# -- screenshots ------------------------------------------------------------------------
def _scene(library, mode: Mode, dark: bool):
    from ui.projector.scene import Scene

    sid = demo_with_round(library, 10, 6)
    content = load_projector_content(library, sid)
    item = next(
        i
        for i in content.agenda
        if i.kind
        == {Mode.BREAKOUT: "subgroepen", Mode.REPORTING: "terugkoppeling"}.get(mode, "presentatie")
    )
    content = replace(content, current_item_id=item.id)
    state = ProjectorState(mode=mode, dark=dark, show_notes=mode == Mode.REPORTING)
    return Scene(state, content, None, None, datetime(2021, 4, 9, 15, 20, tzinfo=UTC))


def _not_blank(image) -> None:
    colours = {
        image.pixel(x, y) for x in range(0, image.width(), 5) for y in range(0, image.height(), 5)
    }
    assert len(colours) > 8, "the picture is (almost) one colour"


@pytest.mark.parametrize("dark", [True, False], ids=["dark", "light"])
@pytest.mark.parametrize("mode", list(Mode), ids=[m.value for m in Mode])
def test_screenshots(library, qapp, mode, dark):
    from PySide6.QtGui import QColor

    from ui.projector.render import render_image

    theme = THEMES["dark" if dark else "light"]
    for _name, fg, _bg_name, bg in theme.text_pairs():
        assert contrast_ratio(fg, bg) >= AAA
    scene = _scene(library, mode, dark)
    DOCS.mkdir(parents=True, exist_ok=True)
    for w, h in SIZES:
        image = render_image(scene, w, h)
        _not_blank(image)
        assert QColor(image.pixel(2, 2)).name() == theme.background
        image.save(str(DOCS / f"{mode.value}-{w}x{h}-{theme.name}.png"))
        if mode == Mode.AGENDA_ITEM:
            _digits_are_a_third(image, theme.timer_normal, w, h)


def _digits_are_a_third(image, colour: str, w: int, h: int) -> None:
    """Measure the rendered mm:ss: rows below the title band holding the timer colour."""
    from PySide6.QtGui import QColor

    layout = agenda_item_layout(w, h)
    target = QColor(colour).rgb()
    rows = [
        y
        for y in range(int(layout.digits.y), int(layout.next.y))
        if any(image.pixel(x, y) == target for x in range(0, w, 2))
    ]
    assert rows, "no timer digits drawn"
    assert rows[-1] - rows[0] + 1 >= h / 3, f"digits {rows[-1] - rows[0] + 1}px on {h}px screen"


def test_overlay_screenshots(library, qapp):
    from PySide6.QtGui import QColor

    from ui.projector.render import render_image

    base = _scene(library, Mode.AGENDA_ITEM, True)
    message = replace(base, state=replace(base.state, message="Nog 2 minuten — rond af"))
    blackout = replace(base, state=replace(base.state, blackout=True))
    for w, h in SIZES:
        image = render_image(message, w, h)
        _not_blank(image)
        assert QColor(image.pixel(w // 50, h // 2)).name() == THEMES["dark"].band
        image.save(str(DOCS / f"message-{w}x{h}-dark.png"))
        black = render_image(blackout, w, h)
        assert {black.pixel(x, y) for x in range(0, w, 9) for y in range(0, h, 9)} == {
            QColor("#000000").rgb()
        }


# -- the live engine and the reporting queue plug in ------------------------------------
def _fakes():
    from types import SimpleNamespace

    from PySide6.QtCore import QObject, Signal

    from workshop.timing.reading import TimerLevel, TimerReading

    class FakeLive(QObject):
        reading_changed = Signal(object)
        state_changed = Signal()

        def __init__(self):
            super().__init__()
            self.engine = SimpleNamespace(current=None)
            self.loaded_asked = False
            self.value = TimerReading(
                "Subgroepen", 1800, 600, True, TimerLevel.NORMAL, "10:00", 1 / 3
            )

        def ensure_loaded(self):
            self.loaded_asked = True

        def reading(self):
            return self.value

    class FakeCapture(QObject):
        speaker_changed = Signal(object)
        tick = Signal(object)

        def __init__(self):
            super().__init__()
            self.value = TimerReading("Groep 3", 180, -20, True, TimerLevel.RED, "+00:20", 0.0)

        def reading(self):
            return self.value

    return FakeLive(), FakeCapture()


def test_follows_the_live_engine_and_the_capture_queue(library, db_service, command_service, arun):
    from types import SimpleNamespace

    from ui.projector.controller import ProjectorController
    from workshop.clock import FakeClock

    sid = demo_with_round(library, 4, 5)
    live, capture = _fakes()
    controller = ProjectorController(
        db_service, command_service, FakeClock(), sid, live=live, capture=capture
    )
    arun(controller.wait_idle())
    assert live.loaded_asked
    content = controller.content
    breakout = next(i for i in content.agenda if i.kind == "subgroepen")
    feedback = next(i for i in content.agenda if i.kind == "terugkoppeling")
    changes = []
    controller.changed.connect(lambda: changes.append(1))
    live.engine.current = SimpleNamespace(id=content.agenda[0].id, kind="introductie")
    live.state_changed.emit()  # first sight: the welcome stays
    assert controller.state.mode == Mode.WELCOME
    live.engine.current = SimpleNamespace(id=breakout.id, kind="subgroepen")
    live.state_changed.emit()
    assert controller.state.mode == Mode.BREAKOUT
    scene = controller.scene()
    assert scene.content.current_item().id == breakout.id
    assert scene.item_reading.display == "10:00"
    live.value = replace(live.value, display="09:59")
    live.reading_changed.emit(live.value)
    assert changes, "a new reading repaints"
    live.engine.current = SimpleNamespace(id=feedback.id, kind="terugkoppeling")
    live.state_changed.emit()
    assert controller.state.mode == Mode.REPORTING
    group = controller.reporting_order()[2]
    capture.speaker_changed.emit(Target(group_id=group.id))
    assert controller.reporting_group().id == group.id
    assert controller.scene().speaking_reading.display == "+00:20"
    controller.close()
    controller.close()  # twice is harmless (window closed and services closed)


# -- bad input: nothing crashes, nothing overflows into blankness ----------------------------
def test_messy_content_still_draws(library, qapp):
    from ui.projector.render import render_image
    from workshop.projector.content import GroupEntry, Member, NoteEntry, RoundEntry
    from workshop.readmodel.records import AgendaEntry

    base = _scene(library, Mode.WELCOME, True)
    huge = "Lange titel " * 900  # ~10,000 characters
    agenda = tuple(
        AgendaEntry(
            1000 + n,
            n,
            f"<b>Onderdeel {n}</b> " + huge[: n * 40],
            "overig",
            planned_minutes=5,
            lead=huge,
            actual_end=datetime(2021, 4, 9, 15, tzinfo=UTC) if n < 10 else None,  # done
        )
        for n in range(40)
    )
    members = tuple(
        Member(n, "Jan-Willem " + "van der " * 12 + str(n), n == 0, n == 1) for n in range(9)
    )
    groups = tuple(
        GroupEntry(
            50 + n,
            n + 1,
            "",
            "",
            "Energiegemeenschappenondersteuningsprogramma",
            members,
            None,
            None,
        )
        for n in range(14)
    )
    notes = tuple(NoteEntry(n, 50, None, "inzicht", huge[: 300 + n], n) for n in range(30))
    content = replace(
        base.content,
        title=huge,
        welcome_line=huge,
        agenda=agenda,
        current_item_id=1030,
        rounds=(RoundEntry(9, 2, huge, None, groups),),
        notes=notes,
    )
    for mode in Mode:
        state = replace(base.state, mode=mode, show_notes=True, message=huge[:200])
        for w, h in ((1024, 768), (3840, 2160)):
            _not_blank(render_image(replace(base, state=state, content=content), w, h))


def test_an_empty_session_draws_every_state(library, qapp):
    from ui.projector.render import render_image
    from workshop.commands.runner import CommandRunner
    from workshop.sessions.commands import CreateSession

    command = CreateSession(title="")
    CommandRunner(library).do(command)
    content = load_projector_content(library, command.session_id)
    base = _scene(library, Mode.WELCOME, False)
    for mode in Mode:
        scene = replace(base, content=content, state=replace(base.state, mode=mode))
        _not_blank(render_image(scene, 1024, 768))
    loading = replace(base, content=None)
    _not_blank(render_image(loading, 1024, 768))


def test_overrun_and_amber_timers(library, qapp):
    from PySide6.QtGui import QColor

    from ui.projector.render import render_image
    from workshop.timing.reading import TimerLevel, TimerReading

    base = _scene(library, Mode.AGENDA_ITEM, True)
    theme = THEMES["dark"]
    for level, display, remaining, name in (
        (TimerLevel.AMBER, "01:30", 90, "amber"),
        (TimerLevel.RED, "+02:05", -125, "overrun"),
    ):
        reading = TimerReading("x", 900, remaining, True, level, display, max(0, remaining / 900))
        image = render_image(replace(base, item_reading=reading), 1024, 768)
        colour = QColor(theme.timer_colour(level)).rgb()
        hits = sum(
            image.pixel(x, y) == colour for x in range(0, 1024, 4) for y in range(200, 600, 4)
        )
        assert hits > 500, f"the {name} digits are not drawn in the {name} colour"
        image.save(str(DOCS / f"agenda_item-{name}-1024x768-dark.png"))


def test_groups_page_automatically(library, db_service, command_service, arun, qapp):
    from ui.projector.controller import ProjectorController
    from workshop.clock import FakeClock
    from workshop.projector.layout import PAGE_SECONDS

    clock = FakeClock()
    controller = ProjectorController(
        db_service, command_service, clock, demo_with_round(library, 10, 6)
    )
    arun(controller.wait_idle())
    controller.show_mode(Mode.BREAKOUT)
    assert controller.scene().paging_seconds == 0
    repaints = []
    controller.changed.connect(lambda: repaints.append(1))
    clock.advance(PAGE_SECONDS + 0.5)
    controller._on_tick()
    assert controller.scene().paging_seconds == int(PAGE_SECONDS)
    assert repaints, "the next page is drawn"
    controller.close()
