"""The room's real pages in headless Chromium at a phone's width, against the running app."""

from __future__ import annotations

import asyncio

import pytest
from conftest import idle, until
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from sqlalchemy import select

from tests.room_browser import phone_browser, screenshot_dir, wait_for
from workshop.capture.queries import reporting_queue
from workshop.capture.queue import Target
from workshop.demo import ensure_demo
from workshop.model import AgendaItem, Note
from workshop.room.server import RoomServer
from workshop.room.thread import RoomThread


@pytest.fixture(scope="module")
def phone():
    driver = phone_browser()
    yield driver
    driver.quit()


@pytest.fixture
def room(library):
    sid = ensure_demo(library)
    server = RoomServer(library, sid, host="127.0.0.1", port=0)
    thread = RoomThread(server)
    thread.start()
    yield server
    thread.stop()


def _feedback_item(library, sid: int) -> int:
    with library.read() as db:
        return db.scalars(
            select(AgendaItem.id).where(
                AgendaItem.session_id == sid, AgendaItem.kind == "terugkoppeling"
            )
        ).one()


def test_a_rapporteur_types_on_the_phone_and_the_capture_page_shows_it_as_text(
    qtbot, arun, library, session_window, room, phone, tmp_path
):
    sid = room.session_id
    fid = _feedback_item(library, sid)
    group_id = reporting_queue(library, fid).entries[0].group_id
    window = session_window(sid)
    page = window.show_page("capture")
    arun(idle())
    arun(page.settled())
    page.choose_item(fid)
    page.set_target(Target(group_id=group_id))
    arun(page.settled())
    before = page.notes.count()

    phone.get(room.rapporteur_url(group_id) + "&lang=nl")
    wait_for(lambda: phone.find_element(By.ID, "group").text not in ("", "…"), what="group")
    card = room.view.groups[group_id]
    assert phone.find_element(By.ID, "group").text == card["title"]
    members = [li.text for li in phone.find_elements(By.CSS_SELECTOR, "#members li")]
    assert members == card["members"] and members
    wait_for(lambda: phone.find_element(By.ID, "status").text == "verbonden", what="websocket")
    line = phone.find_element(By.ID, "line")
    evil = 'Buurtbudget <b>nu</b><script>document.title="pwned"</script>'
    line.send_keys(evil, Keys.ENTER)
    line.send_keys("!Wijkavond plannen @Bram", Keys.ENTER)

    def on_capture_page():
        texts = [page.notes.item(i).text() for i in range(page.notes.count())]
        done = any(evil in t for t in texts) and any(t.startswith("Wijkavond") for t in texts)
        return len(texts) == before + 2 and done and texts

    texts = arun(until(on_capture_page, what="capture page"))
    assert any(evil in t and "van tafel" in t for t in texts), texts  # as typed, marked
    assert any(t.startswith("Wijkavond plannen") for t in texts)
    with library.read() as db:
        rows = db.scalars(select(Note).where(Note.source == "table")).all()
    assert sorted(n.kind for n in rows) == ["actie", "inzicht"]
    # the phone lists the stored notes, the markup shown as text, nothing run
    wait_for(
        lambda: len(phone.find_elements(By.CSS_SELECTOR, "#notes li:not(.pending)")) == 2,
        what="phone's notes",
    )
    shown = [e.text for e in phone.find_elements(By.CSS_SELECTOR, "#notes li .text")]
    assert evil in shown
    assert phone.title != "pwned" and not phone.find_elements(By.CSS_SELECTOR, "#notes b")
    phone.save_screenshot(str(screenshot_dir(tmp_path) / "rapporteur.png"))


def test_the_phone_timer_agrees_with_the_app(
    qtbot, arun, library, session_window, room, phone, tmp_path
):
    sid = room.session_id
    window = session_window(sid)
    live = window.ctx.session_services.live
    arun(live.ensure_loaded())
    arun(until(lambda: live.loaded, what="live run"))
    live.toggle()  # start the session
    arun(idle())
    room.refresh_timer()
    phone.get(room.join_url + "&lang=en")
    wait_for(
        lambda: (
            ":" in phone.find_element(By.ID, "timer").text
            and phone.find_element(By.ID, "timer").text != "--:--"
        ),
        what="timer",
    )

    def seconds(text: str) -> int:
        sign = -1 if text.startswith("+") else 1
        m, s = text.lstrip("+").split(":")
        return sign * (int(m) * 60 + int(s))

    for _ in range(3):
        # time passes on purpose: app and phone agree at three moments of the running clock
        arun(asyncio.sleep(0.4))
        app = seconds(live.engine.reading().display)
        shown = seconds(phone.find_element(By.ID, "timer").text)
        assert abs(app - shown) <= 1, (app, shown)
    assert phone.find_element(By.ID, "title").text
    phone.save_screenshot(str(screenshot_dir(tmp_path) / "participant.png"))
