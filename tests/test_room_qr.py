"""The QR codes a phone scans: on the projector's welcome picture and on the printed
rapporteur cards. Each is read back from the picture (zbarimg, as a phone's camera would)
and the link it holds opens the right page in headless Chromium."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
from conftest import until
from selenium.webdriver.common.by import By

from tests.room_browser import phone_browser, screenshot_dir, wait_for
from ui.projector.render import render_image
from workshop.demo import ensure_demo
from workshop.projector.state import Mode

ZBARIMG = shutil.which("zbarimg")
PDFTOPPM = shutil.which("pdftoppm")


def read_codes(png) -> list[str]:
    if ZBARIMG is None:
        pytest.skip("zbar-tools is not installed (run.sh test installs it)")
    out = subprocess.run(
        [ZBARIMG, "--quiet", "--raw", str(png)], capture_output=True, text=True, timeout=30
    )
    return [line for line in out.stdout.splitlines() if line]


@pytest.fixture
def room_on(library, session_window, arun, monkeypatch):
    monkeypatch.setenv("WORKSHOP_ROOM_HOST", "127.0.0.1")
    monkeypatch.setenv("WORKSHOP_ROOM_PORT", "0")
    sid = ensure_demo(library)
    window = session_window(sid)
    page = window.show_page("phones")
    page.open_file = lambda path: True  # no PDF viewer in tests
    service = window.ctx.session_services.room
    page.toggle_button.click()
    arun(until(lambda: service.running, what="server on"))
    return window, page, service


def test_the_projector_qr_code_leads_a_phone_to_the_session(qtbot, arun, room_on, tmp_path):
    window, _page, service = room_on
    projector = window.ctx.session_services.projector
    projector.show_mode(Mode.WELCOME)
    picture = tmp_path / "welcome.png"
    render_image(projector.scene(), 1280, 720).save(str(picture))
    assert read_codes(picture) == [service.join_url]
    if os.environ.get("WORKSHOP_SCREENSHOTS"):
        shutil.copy(picture, screenshot_dir(tmp_path) / "projector-welcome-qr.png")
    projector.show_mode(Mode.BREAKOUT)
    render_image(projector.scene(), 1280, 720).save(str(tmp_path / "breakout.png"))
    assert read_codes(tmp_path / "breakout.png") == [service.join_url]

    phone = phone_browser()
    try:
        phone.get(read_codes(picture)[0])
        wait_for(lambda: phone.find_element(By.ID, "title").text not in ("", "…"), what="page")
        assert phone.find_element(By.ID, "title").text == projector.content.title
    finally:
        phone.quit()


def test_the_rapporteur_cards_carry_each_tables_own_link(qtbot, arun, room_on, tmp_path):
    _window, page, service = room_on
    if PDFTOPPM is None:
        pytest.skip("poppler-utils is not installed")
    page.cards_button.click()
    arun(until(lambda: page.last_cards is not None, what="PDF"))
    subprocess.run(
        [PDFTOPPM, "-r", "110", "-png", str(page.last_cards), str(tmp_path / "card")],
        check=True,
        timeout=60,
    )
    found = []
    for png in sorted(tmp_path.glob("card*.png")):
        found += read_codes(png)
    if os.environ.get("WORKSHOP_SCREENSHOTS"):
        shutil.copy(
            sorted(tmp_path.glob("card*.png"))[0], screenshot_dir(tmp_path) / "rapporteur-cards.png"
        )
    assert sorted(found) == sorted(url for _label, url in service.rapporteur_urls())
    assert len(found) == len(service.server.view.groups) >= 2


def test_the_groepen_table_cards_carry_the_rapporteur_qr_while_phones_are_on(
    qtbot, arun, room_on, tmp_path
):
    window, _page, service = room_on
    if PDFTOPPM is None:
        pytest.skip("poppler-utils is not installed")
    groups = window.show_page("groups")
    arun(
        until(
            lambda: groups.item_id is not None and groups.current_round() is not None,
            what="groups page",
        )
    )
    opened = []
    groups.print_dir = tmp_path
    groups.open_file = opened.append
    groups.print_cards()
    arun(until(lambda: opened, what="cards PDF"))
    subprocess.run(
        [
            PDFTOPPM,
            "-r",
            "80",
            "-f",
            "1",
            "-l",
            "1",
            "-png",
            str(opened[0]),
            str(tmp_path / "tent"),
        ],
        check=True,
        timeout=60,
    )
    page_png = next(tmp_path.glob("tent*.png"))
    if os.environ.get("WORKSHOP_SCREENSHOTS"):
        shutil.copy(page_png, screenshot_dir(tmp_path) / "table-card-qr.png")
    first = groups.current_round().groups[0].id
    # both halves of the tent card (one upside down) hold that table's own link
    assert read_codes(page_png) == [service.rapporteur_links()[first]] * 2
