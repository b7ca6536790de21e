"""The Live page driven with real widgets, keys and a fake clock."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from PySide6.QtCore import Qt

from workshop.clock import FakeClock
from workshop.demo import ensure_demo
from workshop.model import AgendaItem
from workshop.timing.engine import RunStatus
from workshop.timing.plan import load_run
from workshop.timing.reading import TimerLevel
from workshop.timing.settings import load_timing_settings
from workshop.timing.store import timer_events

AMSTERDAM = timezone(timedelta(hours=2))


@pytest.fixture
def demo_id(library) -> int:
    return ensure_demo(library)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2021, 4, 9, 15, 0, tzinfo=AMSTERDAM))


def open_live(session_window, arun, session_id, clock):
    window = session_window(session_id, clock=clock)
    page = window.show_page("live")
    live = window.ctx.session_services.live
    arun(live.ensure_loaded())
    page.setFocus()
    return window, page, live


def tick(live, clock, seconds: float) -> None:
    clock.advance(seconds)
    live._on_tick()


def test_keys_drive_the_run(qtbot, session_window, arun, demo_id, clock):
    window, page, live = open_live(session_window, arun, demo_id, clock)
    assert page.play_button.text() == "Bijeenkomst starten"
    assert page.disk.reading().display == "10:00" and not page.disk.reading().running
    qtbot.keyClick(page, Qt.Key.Key_Space)
    assert live.engine.running and page.play_button.text() == "Pauzeren"
    tick(live, clock, 1)
    assert page.disk.reading().display == "09:59"
    qtbot.keyClick(page, Qt.Key.Key_Plus)
    assert page.disk.reading().display == "10:59"
    qtbot.keyClick(page, Qt.Key.Key_Minus)
    qtbot.keyClick(page, Qt.Key.Key_Minus)
    assert page.disk.reading().display == "08:59"
    qtbot.keyClick(page, Qt.Key.Key_Plus, Qt.KeyboardModifier.KeypadModifier)
    assert page.disk.reading().display == "09:59"
    qtbot.keyClick(page, Qt.Key.Key_R)
    assert page.disk.reading().display == "10:00"
    qtbot.keyClick(page, Qt.Key.Key_PageDown)
    assert live.engine.current.title.startswith("Presentatie: Lokale")
    assert page.item_title.text() == live.engine.current.title
    qtbot.keyClick(page, Qt.Key.Key_Right)
    qtbot.keyClick(page, Qt.Key.Key_PageUp)
    assert live.engine.current.title.startswith("Presentatie: Lokale")
    qtbot.keyClick(page, Qt.Key.Key_Left)
    assert live.engine.current.title == "Introductie over de transitie"
    qtbot.keyClick(page, Qt.Key.Key_Space)
    assert not live.engine.running and page.play_button.text() == "Verder"
    arun(live.wait_idle())
    kinds = [k for k, *_ in timer_events(live.db.library, demo_id)]
    assert kinds[:5] == ["session_start", "start", "extend", "extend", "extend"]
    assert kinds[-1] == "pause"
    # the current item is highlighted in the agenda list
    row = page.agenda.topLevelItem(0)
    assert row.font(1).bold() and not page.agenda.topLevelItem(1).font(1).bold()


def test_amber_red_overrun_and_one_chime(qtbot, session_window, arun, demo_id, clock):
    _window, page, live = open_live(session_window, arun, demo_id, clock)
    qtbot.keyClick(page, Qt.Key.Key_Space)
    tick(live, clock, 8 * 60)
    assert page.disk.reading().level is TimerLevel.AMBER
    tick(live, clock, 2 * 60)
    assert page.disk.reading().display == "00:00" and page.disk.reading().level is TimerLevel.RED
    assert live.player.played == 1
    tick(live, clock, 75)
    assert page.disk.reading().display == "+01:15"
    assert live.player.played == 1
    assert "1 min uitloop" in page.standing_label.text()  # the demo plan has no slack
    tick(live, clock, 10 * 60)
    assert "min uitloop" in page.standing_label.text()
    assert page.recover_button.isEnabled()


def test_mute_is_remembered(qtbot, session_window, arun, demo_id, clock, library):
    _window, page, live = open_live(session_window, arun, demo_id, clock)
    page.mute_button.click()
    arun(live.wait_idle())
    assert live.player.muted and page.mute_button.text() == "Geluid uit"
    assert load_timing_settings(library).muted
    qtbot.keyClick(page, Qt.Key.Key_Space)
    tick(live, clock, 601)
    assert live.player.played == 1  # counted, but not sounded


def test_back_on_schedule_dialog_apply_and_undo(
    qtbot, session_window, arun, demo_id, clock, library
):
    window, page, live = open_live(session_window, arun, demo_id, clock)
    qtbot.keyClick(page, Qt.Key.Key_Space)
    tick(live, clock, 22 * 60)  # the introduction ran 12 minutes over
    qtbot.keyClick(page, Qt.Key.Key_Right)
    before = {i.id: i.planned_minutes for i in load_run(library, demo_id).plan.items}
    dialog = page.open_proposals()
    assert dialog.isVisible() and dialog.choices.count() >= 3
    assert dialog.table.rowCount() == len(live.engine.plan.items) - 1
    headers = [
        dialog.table.horizontalHeaderItem(c).text() for c in range(dialog.table.columnCount())
    ]
    assert headers == ["Onderdeel", "Vast", "Begin nu", "Nieuw begin", "Min nu", "Nieuw min"]
    # nothing has changed while the dialog is open
    assert {i.id: i.planned_minutes for i in load_run(library, demo_id).plan.items} == before
    last = dialog.table.rowCount() - 1
    assert dialog.table.item(last, 1).text() == "16:50"
    assert dialog.table.item(last, 3).text() == "16:50"  # the fixed time is respected
    qtbot.keyClick(dialog.choices, Qt.Key.Key_Space)  # Space still pauses, never applies
    assert not live.engine.running and dialog.isVisible()
    qtbot.keyClick(dialog.choices, Qt.Key.Key_Return)  # Enter closes; it never applies
    arun(live.commands.wait_idle())
    assert {i.id: i.planned_minutes for i in load_run(library, demo_id).plan.items} == before
    assert page.dialog is None
    dialog = page.open_proposals()
    proposal = dialog.current()
    with qtbot.waitSignal(window.ctx.commands.changed, timeout=5000):
        dialog.apply_button.click()
    arun(live.commands.wait_idle())
    arun(live.wait_idle())
    after = {i.id: i.planned_minutes for i in load_run(library, demo_id).plan.items}
    assert all(after[i] == new for i, _old, new in proposal.changes)
    qtbot.waitUntil(
        lambda: live.engine.plan.items[2].planned_minutes == after[live.engine.plan.items[2].id]
    )
    assert live.engine.standing().delay_minutes <= 0
    window.ctx.commands.undo()
    arun(window.ctx.commands.wait_idle())
    assert {i.id: i.planned_minutes for i in load_run(library, demo_id).plan.items} == before


def test_dialog_when_on_schedule(qtbot, session_window, arun, demo_id, clock):
    _window, page, _live = open_live(session_window, arun, demo_id, clock)
    dialog = page.open_proposals()
    assert dialog.none_label.isVisible() and not dialog.body.isVisible()
    assert not dialog.apply_button.isVisible()
    dialog.close()


def test_steps_show_and_advance(qtbot, session_window, arun, library, clock):
    with library.unit_of_work() as db:
        from workshop.model import WorkSession

        session = WorkSession(title="Stappen")
        session.items.append(
            AgendaItem(
                position=0,
                title="1-2-4-All",
                planned_minutes=12,
                steps=[
                    {"title": "1", "minutes": 1},
                    {"title": "2", "minutes": 2},
                    {"title": "4", "minutes": 4},
                    {"title": "Allen", "minutes": 5},
                ],
            )
        )
        db.add(session)
        db.flush()
        sid = session.id
    _window, page, live = open_live(session_window, arun, sid, clock)
    qtbot.keyClick(page, Qt.Key.Key_Space)
    assert page.disk.reading().display == "01:00"
    assert "Stap 1 van 4" in page.step_label.text()
    assert page.item_left.text() == "Heel onderdeel: nog 12:00"
    tick(live, clock, 30)
    qtbot.keyClick(page, Qt.Key.Key_Right)
    assert page.disk.reading().display == "02:00" and "Stap 2 van 4" in page.step_label.text()
    for _ in range(4):
        qtbot.keyClick(page, Qt.Key.Key_Right)
    assert live.engine.status is RunStatus.FINISHED
    assert page.item_title.text() == "De bijeenkomst is afgelopen"


def test_reopening_the_window_resumes_the_run(qtbot, session_window, arun, demo_id, clock):
    window, page, live = open_live(session_window, arun, demo_id, clock)
    qtbot.keyClick(page, Qt.Key.Key_Space)
    tick(live, clock, 100)
    qtbot.keyClick(page, Qt.Key.Key_Right)
    tick(live, clock, 50)
    arun(live.wait_idle())
    live.close()
    window.close()
    later = FakeClock(clock.now() + timedelta(seconds=30))
    later._mono = 5.0
    _window2, page2, live2 = open_live(session_window, arun, demo_id, later)
    assert live2 is not live
    assert live2.engine.current.title.startswith("Presentatie: Lokale")
    assert page2.disk.reading().display == "13:40"  # 15:00 - 50 s - 30 s closed
    assert live2.engine.running


def test_empty_agenda(qtbot, session_window, arun, library, clock):
    from workshop.model import WorkSession

    with library.unit_of_work() as db:
        session = WorkSession(title="Leeg")
        db.add(session)
        db.flush()
        sid = session.id
    _window, page, live = open_live(session_window, arun, sid, clock)
    qtbot.keyClick(page, Qt.Key.Key_Space)
    qtbot.keyClick(page, Qt.Key.Key_Right)
    assert live.engine.status is RunStatus.IDLE
    assert "leeg" in page.item_title.text()
    assert not page.play_button.isEnabled()


def test_ticker_aims_just_past_the_next_second_boundary(qapp):
    from ui.live.ticker import IDLE_MS, MARGIN_MS, SecondAlignedTicker

    answers = iter([0.25, 1.0, None])
    ticker = SecondAlignedTicker(lambda: next(answers))
    ticker.start()
    assert ticker._timer.interval() == 250 + MARGIN_MS
    ticker._fire()  # the next aim comes from a fresh look at the reading, not from +1000
    assert ticker._timer.interval() == 1000 + MARGIN_MS
    ticker._fire()
    assert ticker._timer.interval() == IDLE_MS  # nothing runs: look once a second
    ticker.stop()
    assert not ticker.is_active()


def test_amber_threshold_from_the_signals_menu(
    qtbot, session_window, arun, demo_id, clock, library
):
    _window, page, live = open_live(session_window, arun, demo_id, clock)
    qtbot.keyClick(page, Qt.Key.Key_Space)
    tick(live, clock, 4 * 60)
    assert page.disk.reading().level is TimerLevel.NORMAL  # 6 minutes left
    page.amber_actions[5].trigger()
    tick(live, clock, 60)
    assert page.disk.reading().level is TimerLevel.AMBER  # 5 minutes left
    page.one_minute_action.trigger()
    arun(live.wait_idle())
    stored = load_timing_settings(library)
    assert stored.amber_seconds == 300 and stored.chime_one_minute
    tick(live, clock, 4 * 60)
    assert live.player.played == 1  # the one-minute chime


def test_a_store_that_fails_is_reported_and_the_timer_goes_on(
    qtbot, session_window, arun, demo_id, clock, monkeypatch
):
    import ui.live.service as service_module

    _window, page, live = open_live(session_window, arun, demo_id, clock)

    def broken(*_args, **_kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(service_module, "save_update", broken)
    qtbot.keyClick(page, Qt.Key.Key_Space)
    arun(live.wait_idle())
    qtbot.waitUntil(lambda: page.message.isVisible())
    assert (
        "kon niet worden opgeslagen" in page.message.text() and "disk full" in page.message.text()
    )
    tick(live, clock, 1)
    assert page.disk.reading().display == "09:59" and live.engine.running


def test_a_service_deleted_while_loading_does_not_crash(
    qtbot, db_service, command_service, arun, demo_id, clock
):
    import shiboken6

    from ui.live.service import LiveService

    service = LiveService(db_service, command_service, clock, demo_id)
    seen = []
    service.state_changed.connect(lambda: seen.append("state"))
    loading = service.ensure_loaded()
    service.close()
    shiboken6.delete(service)  # the window went away while the DB worker was reading
    arun(loading)  # the load lands without touching the deleted object
    assert seen == []
