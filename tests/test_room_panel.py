"""The Telefoons page driven as a facilitator would: turn the phones' server on, see how
phones join and who is connected, ask a question, moderate, show the votes on the projector,
hide everything with Ctrl+Shift+H, send a phone away, turn it off."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import settle
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.room_browser import wait_for
from tests.room_support import fetch
from ui.projector.render import render_image
from workshop.demo import ensure_demo
from workshop.i18n import _


@pytest.fixture
def loopback(monkeypatch):
    """The server listens on this machine only, on a free port (nothing leaves it)."""
    monkeypatch.setenv("WORKSHOP_ROOM_HOST", "127.0.0.1")
    monkeypatch.setenv("WORKSHOP_ROOM_PORT", "0")


def shots(tmp_path: Path) -> Path:
    target = (
        Path(__file__).resolve().parent.parent / "docs" / "phones"
        if os.environ.get("WORKSHOP_SCREENSHOTS")
        else tmp_path
    )
    target.mkdir(parents=True, exist_ok=True)
    return target


def post(service, device: str, message: dict) -> tuple[int, dict]:
    url = f"{service.address}/api/send?t={service.server.access.token}&d={device}"
    status, text = fetch(url, json.dumps(message).encode())
    return status, json.loads(text) if text.startswith("{") else {}


def ask(page, kind: str, prompt: str, options: str = "") -> None:
    page.kind.setCurrentIndex(page.kind.findData(kind))
    page.prompt.setText(prompt)
    page.options.setText(options)
    page.ask_button.click()


def question(service, prompt: str) -> dict | None:
    return next((q for q in service.data.questions if q["prompt"] == prompt), None)


def test_the_phone_panel_from_turning_on_to_hiding_everything(
    qtbot, arun, library, session_window, loopback, tmp_path
):
    sid = ensure_demo(library)
    window = session_window(sid)
    window.resize(1400, 900)
    page = window.show_page("phones")
    service = window.ctx.session_services.room
    pump = lambda: arun(settle(0.05))  # noqa: E731
    assert not service.running and service.server is None  # off until asked
    assert page.join.text() == "" and not page.renew_button.isEnabled()

    page.toggle_button.click()
    wait_for(lambda: service.running, pump=pump, what="server on")
    pump()
    assert service.address.startswith("http://127.0.0.1:")
    assert service.code in page.join.text() and service.pin in page.join.text()
    links = [page.links.item(i).data(Qt.ItemDataRole.UserRole) for i in range(page.links.count())]
    assert links[:2] == [service.join_url, service.remote_url] and len(links) > 2
    assert not page.qr.pixmap().isNull()
    assert page.toggle_button.text() == _("Turn off")

    # a one-word question; three phones answer
    ask(page, "word", "Eén woord voor vandaag?")
    wait_for(lambda: question(service, "Eén woord voor vandaag?"), pump=pump, what="question")
    qid = question(service, "Eén woord voor vandaag?")["id"]
    for device, word in (("ph1", "Samen"), ("ph2", "samen"), ("ph3", "Buurt")):
        status, reply = post(
            service, device, {"op": "answer", "cid": f"c-{device}", "question": qid, "value": word}
        )
        assert status == 200 and reply["op"] == "ack", reply

    def counted():
        q = question(service, "Eén woord voor vandaag?")
        return q and q["results"]["count"] == 3 and q

    q = wait_for(counted, pump=pump, what="answers counted")
    assert [tuple(w) for w in q["results"]["words"]] == [("samen", 2), ("buurt", 1)]

    # the phones are listed; one is sent away and refused from then on
    page._show_phones()
    wait_for(lambda: page.phones.rowCount() == 3, pump=pump, what="phones listed")
    row = next(
        r for r in range(3) if page.phones.item(r, 0).data(Qt.ItemDataRole.UserRole) == "ph3"
    )
    page.phones.selectRow(row)
    page.revoke_button.click()
    wait_for(lambda: service.server.phones.is_revoked("ph3"), pump=pump, what="revoked")
    status, _reply = post(
        service, "ph3", {"op": "answer", "cid": "again", "question": qid, "value": "x"}
    )
    assert status == 403
    wait_for(lambda: page.phones.rowCount() == 2, pump=pump, what="phone gone from list")

    # the projector shows the word cloud, with the join QR code
    page.questions.setCurrentRow(
        next(
            i
            for i in range(page.questions.count())
            if page.questions.item(i).data(Qt.ItemDataRole.UserRole) == qid
        )
    )
    page.project_button.click()
    projector = window.ctx.session_services.projector
    scene = projector.scene()
    assert scene.room is not None and scene.room.question["id"] == qid
    assert scene.room.joinable and scene.room.code == service.code
    render_image(scene, 1280, 720).save(str(shots(tmp_path) / "projector-wordcloud.png"))

    # an open question waits for the facilitator before the projector shows it
    ask(page, "text", "Wat neem je mee?")
    wait_for(lambda: question(service, "Wat neem je mee?"), pump=pump, what="open question")
    tid = question(service, "Wat neem je mee?")["id"]
    evil = "<b>Vet</b> <script>alert(1)</script>"
    assert (
        post(service, "ph1", {"op": "answer", "cid": "t1", "question": tid, "value": evil})[0]
        == 200
    )
    wait_for(
        lambda: any(a.question_id == tid for a in service.data.answers),
        pump=pump,
        what="pending answer",
    )
    waiting = question(service, "Wat neem je mee?")["results"]
    assert waiting["pending"] == 1 and waiting["count"] == 0
    r = next(r for r in range(page.answers.rowCount()) if page.answers.item(r, 1).text() == evil)
    assert page.answers.item(r, 2).text() == _("waiting")
    page.answers.selectRow(r)
    page.approve_button.click()
    wait_for(
        lambda: question(service, "Wat neem je mee?")["results"]["count"] == 1,
        pump=pump,
        what="approved",
    )
    assert question(service, "Wat neem je mee?")["results"]["answers"][0]["text"] == evil
    for tab, name in ((1, "panel-questions.png"), (2, "panel-moderation.png"), (0, "panel.png")):
        page.tabs.setCurrentIndex(tab)
        pump()
        window.grab().save(str(shots(tmp_path) / name))

    # Ctrl+Shift+H: nothing of the phones stays on the projector; undo brings the answers back
    QTest.keyClick(
        window,
        Qt.Key.Key_H,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert service.projected_id is None and projector.scene().room.question is None
    wait_for(
        lambda: all(a.status == "hidden" for a in service.data.answers),
        pump=pump,
        what="all hidden",
    )
    assert question(service, "Eén woord voor vandaag?")["results"]["count"] == 0
    window.ctx.commands.undo()
    wait_for(
        lambda: question(service, "Eén woord voor vandaag?")["results"]["count"] == 3,
        pump=pump,
        what="undo",
    )

    # off: the address no longer answers
    address = service.address
    page.toggle_button.click()
    wait_for(lambda: not service.running and not service.busy, pump=pump, what="server off")
    assert projector.scene().room is None
    with pytest.raises(OSError):
        fetch(address + "/", None)
