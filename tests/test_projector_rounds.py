"""The projector in the room: the running round, expected times, countdown words, the
floor after F8, and the picture surviving a restart (issue 11)."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from tests.projector_fixtures import three_rounds
from workshop.projector.content import load_projector_content
from workshop.projector.state import Mode, ProjectorState

pytest.importorskip("PySide6")


def until(arun, predicate, timeout: float = 10.0) -> None:
    async def poll() -> None:
        for _step in range(int(timeout / 0.05)):
            if predicate():
                return
            await asyncio.sleep(0.05)
        raise AssertionError("condition not reached")

    arun(poll(), timeout + 5)


def drawn_texts(monkeypatch, scene, width: int = 1920, height: int = 1080) -> list[str]:
    """Every text the picture draws (titles, digits, captions), in drawing order."""
    import ui.projector.render as render

    texts: list[str] = []
    for name in ("draw_text", "fit_and_draw", "draw_digits"):
        real = getattr(render, name)

        def spy(painter, text, *args, _real=real, **kwargs):
            texts.append(text)
            return _real(painter, text, *args, **kwargs)

        monkeypatch.setattr(render, name, spy)
    render.render_image(scene, width, height)
    return texts


# -- which round: the core rule ---------------------------------------------------------------
def test_a_live_step_names_its_round(library):
    sid, item_id, rounds = three_rounds(library)
    content = load_projector_content(library, sid)
    titles = ("Ronde 1", "Ronde 2", "Ronde 3")
    assert [content.round_for_step(item_id, n, titles).id for n in range(3)] == rounds
    # a longer programme of steps: only the round steps move the round
    steps = ("Uitleg", "Ronde 1", "ronde  2", "Round 3", "Afronden")
    found = [content.round_for_step(item_id, n, steps) for n in range(5)]
    assert [r.id if r else None for r in found] == [None, *rounds, None]
    # as many steps as rounds, whatever their names: step n runs round n
    assert content.round_for_step(item_id, 1, ("Wie", "Wat", "Hoe")).id == rounds[1]
    assert content.round_for_step(item_id, 5, titles) is None  # out of range: no crash
    assert content.round_for_step(None, 0, titles) is None
    # without a choice the item starts at its first round, not its last
    assert content.round(None, item_id).id == rounds[0]


def test_the_picture_survives_a_restart_in_json():
    state = ProjectorState(mode=Mode.REPORTING, round_id=7, reporting_group_id=12, show_notes=True)
    back = ProjectorState().with_stored(state.to_json())
    assert (back.mode, back.round_id, back.reporting_group_id, back.show_notes) == (
        Mode.REPORTING,
        7,
        12,
        True,
    )
    assert ProjectorState().with_stored("{not json") == ProjectorState()
    assert ProjectorState().with_stored('{"mode": "disco", "round_id": "x"}') == ProjectorState()
    assert ProjectorState().with_stored("") == ProjectorState()


# -- which round: Live step, Groepen tab and panel, the latest wins -------------------------------
def _run_to(live, item_id: int) -> None:
    live.toggle()  # start the session
    while live.engine.current.id != item_id:
        live.next()


def test_the_round_follows_the_live_step_the_groups_tab_and_the_panel(
    library, session_window, arun, monkeypatch
):
    sid, item_id, rounds = three_rounds(library)
    window = session_window(sid)
    services = window.ctx.session_services
    projector, live = services.projector, services.live
    arun(live.ensure_loaded())
    arun(projector.wait_idle())
    panel = window.projector_panel
    listed = [panel.round_box.itemData(i) for i in range(panel.round_box.count())]
    assert set(rounds) <= set(listed)  # (and the demo's own round, not linked to an item)
    assert panel.round_box.itemText(panel.round_box.findData(rounds[1])) == "Ronde 2 van 3"

    _run_to(live, item_id)  # Live step "Ronde 1"
    assert projector.state.mode == Mode.BREAKOUT
    assert projector.current_round().id == rounds[0]
    assert any(t.startswith("Ronde 1 van 3 ·") for t in drawn_texts(monkeypatch, projector.scene()))
    assert panel.round_box.currentData() == rounds[0]

    live.next()  # step "Ronde 2"
    assert live.engine.steps().index == 1
    assert projector.current_round().id == rounds[1]
    assert panel.round_box.currentData() == rounds[1]

    # the facilitator picks round 3 on the panel: the room sees round 3
    pick = panel.round_box.findData(rounds[2])
    panel.round_box.setCurrentIndex(pick)
    panel.round_box.activated.emit(pick)
    assert projector.current_round().id == rounds[2]
    texts = drawn_texts(monkeypatch, projector.scene())
    assert any(t.startswith("Ronde 3 van 3 ·") for t in texts) and "R3 Groep 1" in texts

    # ... then opens the Ronde 1 tab on Groepen: round 1 (the latest choice wins)
    groups = window.show_page("groups")
    until(arun, lambda: groups.state is not None)
    index = groups.item_combo.findData(item_id)
    groups.item_combo.setCurrentIndex(index)
    groups.item_combo.activated.emit(index)
    until(arun, lambda: groups.state is not None and len(groups.state.rounds) == 3)
    groups.round_tabs.setCurrentIndex(1)
    assert projector.current_round().id == rounds[1]
    groups.round_tabs.setCurrentIndex(0)
    assert projector.current_round().id == rounds[0]
    assert panel.round_box.currentData() == rounds[0]

    # a reload of the page (agenda or groups changed) is no choice: round 1 stays
    arun(projector.wait_idle())
    assert projector.current_round().id == rounds[0]

    # the next Live step is the latest action again
    live.next()  # step "Ronde 3"
    assert projector.current_round().id == rounds[2]
    # pausing or resuming is no step change: a panel pick stays
    pick = panel.round_box.findData(rounds[0])
    panel.round_box.setCurrentIndex(pick)
    panel.round_box.activated.emit(pick)
    live.toggle()
    live.toggle()
    assert projector.current_round().id == rounds[0]


# -- the picture resumes after a restart ----------------------------------------------------------
def test_reopening_resumes_picture_round_and_group(library, session_window, arun):
    sid, item_id, rounds = three_rounds(library)
    window = session_window(sid)
    projector = window.ctx.session_services.projector
    arun(projector.wait_idle())
    assert projector.state.mode == Mode.WELCOME
    projector.select_round(rounds[1])
    group = projector.reporting_order()[2]
    projector.show_mode(Mode.REPORTING)
    projector.machine.select_reporting_group(group.id)
    projector.set_show_notes(True)
    arun(projector.wait_idle())
    window.close()

    again = session_window(sid)  # the app restarted
    projector = again.ctx.session_services.projector
    arun(projector.wait_idle())
    until(arun, lambda: projector.state.mode == Mode.REPORTING)
    assert projector.state.round_id == rounds[1]
    assert projector.reporting_group().id == group.id
    assert projector.state.show_notes
    panel = again.projector_panel
    assert panel.round_box.currentData() == rounds[1]
    assert group.label in panel.group_label.text()


# -- F8: the panel and the picture follow the floor -----------------------------------------------
def test_the_floor_after_f8_moves_the_panel_and_the_picture(
    library, session_window, arun, monkeypatch
):
    from workshop.capture.queue import Target
    from workshop.capture.speaking import Speaker

    sid, item_id, rounds = three_rounds(library)
    window = session_window(sid)
    services = window.ctx.session_services
    projector, capture = services.projector, services.capture
    arun(projector.wait_idle())
    capture_page = window.show_page("capture")
    until(arun, lambda: capture_page.queue_panel.clock.text() == "--:--")
    arun(projector.wait_idle())
    projector.select_round(rounds[2])  # the last round on the picture
    projector.show_mode(Mode.REPORTING)
    panel = window.projector_panel

    # nobody has the floor: a dash, never a green 00:00
    texts = drawn_texts(monkeypatch, projector.scene())
    assert "—" in texts and "00:00" not in texts
    assert "Brengt hierna verslag uit" in texts or "Reports next" in texts

    content = projector.content
    round_two = next(r for r in content.rounds if r.id == rounds[1])
    second = round_two.reporting_order()[1]  # a group of round 2
    queue = [Speaker(Target(group_id=g.id), g.title, 180.0) for g in round_two.reporting_order()]
    capture.set_queue(content.agenda[-2].id, queue)
    capture.start(Target(group_id=second.id))  # what F8 / a double-click does
    assert projector.current_round().id == rounds[1]
    assert projector.reporting_group().id == second.id
    assert panel.round_box.currentData() == rounds[1]
    assert second.label in panel.group_label.text()
    assert panel.group_label.text() != second.label  # it says the group has the floor
    texts = drawn_texts(monkeypatch, projector.scene())
    assert second.label in texts and "—" not in texts
    assert capture_page.queue_panel.clock.text() == "nog 03:00"  # not a clock time
    capture.next()
    assert projector.reporting_group().id == queue[2].key.group_id
    capture.stop()
    texts = drawn_texts(monkeypatch, projector.scene())
    assert "—" in texts
    assert panel.group_label.text() == projector.reporting_group().label


# -- times: expected, and countdowns that never read as a clock --------------------------------
def test_next_shows_the_expected_time_and_countdowns_say_so(library, monkeypatch, qapp):
    from ui.projector.render import next_line
    from ui.projector.scene import Scene
    from workshop.timing.reading import TimerLevel, TimerReading

    sid, item_id, rounds = three_rounds(library)
    content = load_projector_content(library, sid)
    item = content.agenda[1]
    nxt = content.agenda[2]
    content = replace(content, current_item_id=item.id)
    late = datetime(2026, 5, 1, 16, 31, tzinfo=UTC)
    reading = TimerReading(item.title, 900, 900, True, TimerLevel.NORMAL, "15:00", 1.0)
    scene = Scene(
        ProjectorState(mode=Mode.AGENDA_ITEM),
        content,
        reading,
        None,
        datetime(2026, 5, 1, 15, 0, tzinfo=UTC),
        expected_starts=((item.id, late - timedelta(minutes=15)), (nxt.id, late)),
    )
    assert nxt.planned_start is not None and nxt.planned_start.strftime("%H:%M") != "16:31"
    line = next_line(scene, nxt)
    assert "16:31" in line and nxt.title in line
    texts = drawn_texts(monkeypatch, scene)
    assert line in texts
    assert "15:00" in texts
    caption = texts[texts.index("15:00") + 1]
    assert caption in ("nog", "time left")
    # without a forecast (no engine): the planned time, still marked as a clock time
    planned = next_line(replace(scene, expected_starts=()), nxt)
    assert nxt.planned_start.strftime("%H:%M") in planned
    # over time: the word says so
    over = replace(reading, remaining_seconds=-72, display="+01:12", level=TimerLevel.RED)
    texts = drawn_texts(monkeypatch, replace(scene, item_reading=over))
    assert texts[texts.index("+01:12") + 1] in ("uitloop", "overtime")
    # the welcome clock reads as a clock time
    welcome = drawn_texts(monkeypatch, replace(scene, state=ProjectorState()))
    assert any(t in ("15:00 uur", "15:00 h") for t in welcome)


# -- the pictures at the two sizes (refreshed into docs/projector/ with WORKSHOP_SCREENSHOTS=1) --
def test_round_and_floor_screenshots(library, session_window, arun, monkeypatch):
    from tests.test_projector_ui import DOCS, SIZES, _not_blank
    from ui.projector.render import render_image
    from workshop.capture.queue import Target
    from workshop.capture.speaking import Speaker

    sid, item_id, rounds = three_rounds(library, groups=5, size=4)
    window = session_window(sid)
    services = window.ctx.session_services
    projector, capture = services.projector, services.capture
    arun(projector.wait_idle())
    projector.select_round(rounds[1])
    projector.show_mode(Mode.BREAKOUT)
    DOCS.mkdir(parents=True, exist_ok=True)
    for w, h in SIZES:
        image = render_image(projector.scene(), w, h)
        _not_blank(image)
        image.save(str(DOCS / f"breakout-round2of3-{w}x{h}-dark.png"))
    round_two = next(r for r in projector.content.rounds if r.id == rounds[1])
    order = round_two.reporting_order()
    capture.set_queue(
        projector.content.agenda[-2].id,
        [Speaker(Target(group_id=g.id), g.title, 240.0) for g in order],
    )
    capture.start(Target(group_id=order[1].id))  # F8 twice
    assert projector.state.mode == Mode.REPORTING
    for w, h in SIZES:
        image = render_image(projector.scene(), w, h)
        _not_blank(image)
        image.save(str(DOCS / f"reporting-after-f8-{w}x{h}-dark.png"))
    window.resize(1280, 800)
    window.grab().save(str(DOCS / "session-window-floor-after-f8.png"))
    assert "Aan het woord" in window.projector_panel.group_label.text()
    capture.stop()
