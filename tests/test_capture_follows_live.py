"""Terugkoppeling follows the item running on Live: PgDown on Live to the harvest and the
notes typed next land on the harvest, unless the facilitator picked another item after that."""

from __future__ import annotations

from conftest import until
from test_capture_ui import done, open_page, type_note

from workshop.agenda.queries import load_agenda
from workshop.capture.queries import notes_for
from workshop.demo import ensure_demo
from workshop.timing.engine import RunStatus


def _keys(arun, live, *actions) -> None:
    """Live keys, pressed while the app's loop runs (as in the app)."""

    async def press() -> None:
        for action in actions:
            action()
            await live.wait_idle()

    arun(press())


def _run_to(arun, live, item_id: int) -> None:
    if live.engine.status is RunStatus.IDLE:
        _keys(arun, live, live.toggle)  # Space: start the session
    while live.engine.current.id != item_id:
        _keys(arun, live, live.next)  # PgDown


def test_the_page_follows_the_running_item_until_the_facilitator_picks_one(
    qtbot, arun, library, command_service, session_window
):
    sid = ensure_demo(library)
    rows = load_agenda(library, sid).rows
    window, page = open_page(arun, session_window, sid)
    live = window.ctx.session_services.live
    arun(live.ensure_loaded())
    first_default = page.item_id  # before the start: the first plenary item, as before
    assert first_default is not None

    _run_to(arun, live, rows[1].id)
    arun(page.settled())
    assert page.item_id == rows[1].id
    assert page.items.currentData() == rows[1].id

    # the facilitator picks another item: a pause or a step on Live does not take it back
    picked = rows[0].id
    index = page.items.findData(picked)
    page.items.setCurrentIndex(index)
    page.items.activated.emit(index)
    arun(page.settled())
    _keys(arun, live, live.toggle, live.toggle)  # pause, and on again
    arun(page.settled())
    assert page.item_id == picked
    type_note(qtbot, page, "typed on the picked item")
    done(arun, page, command_service)
    assert "typed on the picked item" in [n.text for n in notes_for(library, picked, None, None)]

    # Live moves on: the next note lands on the new running item
    _run_to(arun, live, rows[2].id)
    arun(page.settled())
    assert page.item_id == rows[2].id
    type_note(qtbot, page, "typed on the running item")
    done(arun, page, command_service)
    assert "typed on the running item" in [
        n.text for n in notes_for(library, rows[2].id, None, None)
    ]
    for other in (picked, rows[1].id):
        assert "typed on the running item" not in [
            n.text for n in notes_for(library, other, None, None)
        ]


def test_a_page_opened_during_the_session_starts_on_the_running_item(arun, library, session_window):
    sid = ensure_demo(library)
    rows = load_agenda(library, sid).rows
    window = session_window(sid)
    live = window.ctx.session_services.live
    arun(live.ensure_loaded())
    _run_to(arun, live, rows[3].id)
    page = window.show_page("capture")
    arun(until(page.isEnabled, what="the session was read"))
    arun(page.settled())
    assert page.item_id == rows[3].id
