"""The phone pages in headless Chromium against the app's own phone server (turned on from
the Telefoons page): a rapporteur's note reaches the capture page, the projector and the
verslag; participants dot-vote and choose, and the projector shows the counts; the
co-facilitator's remote moves the app's agenda and sends a message to the room."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import idle, until
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from sqlalchemy import select

from tests.room_browser import phone_browser, screenshot_dir, wait_for
from ui.projector.render import render_image
from workshop.capture.queries import reporting_queue
from workshop.capture.queue import Target
from workshop.demo import ensure_demo
from workshop.model import AgendaItem
from workshop.projector.state import Mode
from workshop.reports import ReportOptions, load_report_data
from workshop.reports.build import build_report


@pytest.fixture(scope="module")
def phone():
    driver = phone_browser()
    yield driver
    driver.quit()


@pytest.fixture
def app_room(library, session_window, arun, monkeypatch):
    """A session window with its phone server turned on from the Telefoons page (loopback)."""
    monkeypatch.setenv("WORKSHOP_ROOM_HOST", "127.0.0.1")
    monkeypatch.setenv("WORKSHOP_ROOM_PORT", "0")
    sid = ensure_demo(library)
    window = session_window(sid)
    window.resize(1400, 900)
    page = window.show_page("phones")
    service = window.ctx.session_services.room
    page.toggle_button.click()
    arun(until(lambda: service.running, what="server on"))
    return window, page, service


def pictures(tmp_path: Path) -> Path:
    """docs/phones/ when WORKSHOP_SCREENSHOTS is set, else tmp (the tree stays clean)."""
    return screenshot_dir(tmp_path) if os.environ.get("WORKSHOP_SCREENSHOTS") else tmp_path


def test_a_rapporteur_note_reaches_capture_page_projector_and_verslag(
    qtbot, arun, library, app_room, phone, tmp_path
):
    window, _page, service = app_room
    sid = window.ctx.session_id
    with library.read() as db:
        fid = db.scalars(
            select(AgendaItem.id).where(
                AgendaItem.session_id == sid, AgendaItem.kind == "terugkoppeling"
            )
        ).one()
    group_id = reporting_queue(library, fid).entries[0].group_id
    capture = window.show_page("capture")
    arun(capture.settled())
    capture.choose_item(fid)
    capture.set_target(Target(group_id=group_id))
    arun(capture.settled())

    url = dict(service.rapporteur_urls())[service.server.view.groups[group_id]["label"]]
    phone.get(url + "&lang=nl")
    wait_for(lambda: phone.find_element(By.ID, "status").text == "verbonden", what="websocket")
    line = phone.find_element(By.ID, "line")
    line.send_keys("Buurtbudget per straat <i>nu</i>", Keys.ENTER)
    line.send_keys(">Wijkraad als trekker", Keys.ENTER)

    def on_capture_page():
        texts = [capture.notes.item(i).text() for i in range(capture.notes.count())]
        return sum("van tafel" in t for t in texts) >= 2 and texts

    texts = arun(until(on_capture_page, what="capture page"))
    assert any("Buurtbudget per straat <i>nu</i>" in t for t in texts)

    projector = window.ctx.session_services.projector
    arun(projector.wait_idle())
    arun(
        until(
            lambda: any(
                n.text == "Wijkraad als trekker"
                for n in (projector.content.notes_for_group(group_id) if projector.content else ())
            ),
            what="projector content",
        )
    )
    projector.select_floor(group_id)
    projector.show_mode(Mode.REPORTING)
    projector.set_show_notes(True)
    render_image(projector.scene(), 1280, 720).save(
        str(pictures(tmp_path) / "projector-table-notes.png")
    )

    target = tmp_path / "verslag.html"
    build_report(load_report_data(library, sid), ReportOptions(), target, "html")
    html = target.read_text(encoding="utf-8")
    assert "Buurtbudget per straat &lt;i&gt;nu&lt;/i&gt;" in html
    assert "Wijkraad als trekker" in html


def fresh(phone, read):
    """`read()`, or None when the page redrew the element meanwhile (try again)."""
    from selenium.common.exceptions import StaleElementReferenceException

    try:
        return read()
    except StaleElementReferenceException:
        return None


def _ask(page, kind: str, prompt: str, options: str = "") -> None:
    page.kind.setCurrentIndex(page.kind.findData(kind))
    page.prompt.setText(prompt)
    page.options.setText(options)
    page.ask_button.click()


def _question(service, prompt: str):
    return next((q for q in service.data.questions if q["prompt"] == prompt), None)


def test_participants_vote_on_the_phone_and_the_projector_shows_the_counts(
    qtbot, arun, library, app_room, phone, tmp_path
):
    window, page, service = app_room
    page.dots.setValue(3)
    _ask(page, "dots", "Waar gaan we mee verder?")
    _ask(page, "choice", "Welke avond past?", "dinsdag; donderdag")
    arun(
        until(
            lambda: (
                _question(service, "Welke avond past?")
                and (_question(service, "Waar gaan we mee verder?") or page.ask_error.text())
            ),
            what="questions",
        )
    )
    assert not page.ask_error.text()
    dots = _question(service, "Waar gaan we mee verder?")
    assert len(dots["options"]) >= 2

    phone.get(service.join_url + "&lang=nl")
    wait_for(
        lambda: phone.find_elements(By.CSS_SELECTOR, f"[data-question='{dots['id']}'] button"),
        what="dot buttons",
    )
    first, second = dots["options"][:2]

    def press(note_id: int) -> None:  # the page redraws on every push: find it fresh
        css = f"[data-question='{dots['id']}'] button[data-note='{note_id}']"
        wait_for(
            lambda: fresh(phone, lambda: phone.find_element(By.CSS_SELECTOR, css).click() or 1),
            what="click",
        )

    def box_text() -> str:
        css = f"[data-question='{dots['id']}']"
        return fresh(phone, lambda: phone.find_element(By.CSS_SELECTOR, css).text) or ""

    press(first)
    press(first)
    press(second)
    wait_for(lambda: "Nog 0 stippen" in box_text(), what="dots used")
    choice = _question(service, "Welke avond past?")

    def choose() -> int:
        css = f"[data-question='{choice['id']}'] button"
        next(b for b in phone.find_elements(By.CSS_SELECTOR, css) if b.text == "donderdag").click()
        return 1

    wait_for(lambda: fresh(phone, choose), what="choice clicked")

    def counted():
        q = _question(service, "Waar gaan we mee verder?")
        c = _question(service, "Welke avond past?")
        return q["results"]["count"] == 3 and c["results"]["count"] == 1 and (q, c)

    q, c = arun(until(counted, what="votes stored"))
    counts = dict(zip(q["options"], q["results"]["counts"], strict=True))
    assert counts[first] == 2 and counts[second] == 1
    assert c["results"]["counts"] == [0, 1]
    # a fourth dot is refused on the phone (its buttons are disabled) and by the server
    assert fresh(
        phone,
        lambda: all(
            not b.is_enabled()
            for b in phone.find_elements(By.CSS_SELECTOR, f"[data-question='{dots['id']}'] button")
        ),
    )
    phone.save_screenshot(str(pictures(tmp_path) / "participant-vote.png"))

    page.questions.setCurrentRow(
        next(
            i
            for i in range(page.questions.count())
            if page.questions.item(i).data(0x0100) == q["id"]
        )
    )
    page.project_button.click()
    scene = window.ctx.session_services.projector.scene()
    assert scene.room.question["results"]["counts"] == q["results"]["counts"]
    render_image(scene, 1280, 720).save(str(pictures(tmp_path) / "projector-dots.png"))
    # live: one more phone votes and the picture follows
    service.server.phones.revoke("nobody")  # unrelated ids stay unaffected
    phone.delete_all_cookies()
    phone.execute_script("localStorage.clear()")
    phone.get(service.join_url + "&lang=nl")
    wait_for(
        lambda: phone.find_elements(
            By.CSS_SELECTOR, f"[data-question='{dots['id']}'] button[data-note='{second}']"
        ),
        what="fresh phone",
    )
    press(second)
    arun(
        until(
            lambda: (
                window.ctx.session_services.projector.scene().room.question["results"]["count"] == 4
            ),
            what="projector follows",
        )
    )


def test_the_remote_moves_the_agenda_and_speaks_to_the_room(
    qtbot, arun, library, app_room, phone, tmp_path
):
    window, _page, service = app_room
    live = window.ctx.session_services.live
    arun(live.ensure_loaded())
    arun(until(lambda: live.loaded, what="live run"))
    live.toggle()  # the session starts
    arun(idle())
    first = live.engine.current.id
    phone.get(service.remote_url + "&lang=nl")
    wait_for(lambda: phone.find_element(By.ID, "status").text == "verbonden", what="websocket")
    phone.find_element(By.ID, "pin").send_keys("0000" if service.pin != "0000" else "1111")
    phone.find_element(By.ID, "next").click()
    wait_for(lambda: phone.find_element(By.ID, "error").text, what="wrong PIN refused")
    assert live.engine.current.id == first
    pin = phone.find_element(By.ID, "pin")
    pin.clear()
    pin.send_keys(service.pin)
    phone.find_element(By.ID, "next").click()
    arun(
        until(
            lambda: live.engine.current.id != first,
            what="next item",
        )
    )
    # +1 min: the running item gets a minute more; pause: the app's run stops
    before = live.engine.reading().remaining_seconds
    phone.find_element(By.ID, "extend").click()
    arun(
        until(
            lambda: live.engine.reading().remaining_seconds > before + 50,
            what="a minute more",
        )
    )
    assert live.engine.running
    phone.find_element(By.ID, "pause").click()
    arun(until(lambda: not live.engine.running, what="paused"))
    phone.find_element(By.ID, "text").send_keys("Nog 2 minuten, rond af")
    phone.find_element(By.ID, "say").click()
    projector = window.ctx.session_services.projector
    arun(
        until(
            lambda: projector.state.message == "Nog 2 minuten, rond af",
            what="message on the projector",
        )
    )
    phone.save_screenshot(str(pictures(tmp_path) / "remote.png"))
