"""The Telefoons page driven as a facilitator would: turn the phones' server on, see how
phones join and who is connected, ask a question, moderate, show the votes on the projector,
hide everything with Ctrl+Shift+H, send a phone away, turn it off."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import idle, until
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtTest import QTest

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


def choose_row(table, row: int) -> None:
    """Select a row as a click does (without the keyboard modifiers another test left)."""
    flags = (
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    )
    table.selectionModel().select(table.model().index(row, 0), flags)


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
    assert not service.running and service.server is None  # off until asked
    assert page.join.text() == "" and not page.renew_button.isEnabled()

    page.toggle_button.click()
    arun(until(lambda: service.running, what="server on"))
    arun(idle())
    assert service.address.startswith("http://127.0.0.1:")
    assert service.code in page.join.text() and service.pin in page.join.text()
    links = [page.links.item(i).data(Qt.ItemDataRole.UserRole) for i in range(page.links.count())]
    assert links[:2] == [service.join_url, service.remote_url] and len(links) > 2
    assert not page.qr.pixmap().isNull()
    assert page.toggle_button.text() == _("Turn off")

    # a one-word question; three phones answer
    ask(page, "word", "Eén woord voor vandaag?")
    arun(until(lambda: question(service, "Eén woord voor vandaag?"), what="question"))
    qid = question(service, "Eén woord voor vandaag?")["id"]
    for device, word in (("ph1", "Samen"), ("ph2", "samen"), ("ph3", "Buurt")):
        status, reply = post(
            service, device, {"op": "answer", "cid": f"c-{device}", "question": qid, "value": word}
        )
        assert status == 200 and reply["op"] == "ack", reply

    def counted():
        q = question(service, "Eén woord voor vandaag?")
        return q and q["results"]["count"] == 3 and q

    q = arun(until(counted, what="answers counted"))
    assert [tuple(w) for w in q["results"]["words"]] == [("samen", 2), ("buurt", 1)]

    # the phones are listed; one is sent away and refused from then on
    page._show_phones()
    arun(until(lambda: page.phones.rowCount() == 3, what="phones listed"))
    row = next(
        r for r in range(3) if page.phones.item(r, 0).data(Qt.ItemDataRole.UserRole) == "ph3"
    )
    choose_row(page.phones, row)
    page.revoke_button.click()
    arun(until(lambda: service.server.phones.is_revoked("ph3"), what="revoked"))
    status, _reply = post(
        service, "ph3", {"op": "answer", "cid": "again", "question": qid, "value": "x"}
    )
    assert status == 403
    arun(until(lambda: page.phones.rowCount() == 2, what="phone gone from list"))

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
    arun(until(lambda: question(service, "Wat neem je mee?"), what="open question"))
    tid = question(service, "Wat neem je mee?")["id"]
    evil = "<b>Vet</b> <script>alert(1)</script>"
    assert (
        post(service, "ph1", {"op": "answer", "cid": "t1", "question": tid, "value": evil})[0]
        == 200
    )
    arun(
        until(
            lambda: any(a.question_id == tid for a in service.data.answers),
            what="pending answer",
        )
    )
    waiting = question(service, "Wat neem je mee?")["results"]
    assert waiting["pending"] == 1 and waiting["count"] == 0
    r = next(r for r in range(page.answers.rowCount()) if page.answers.item(r, 1).text() == evil)
    assert page.answers.item(r, 2).text() == _("waiting")
    page.tabs.setCurrentIndex(2)
    arun(idle())
    choose_row(page.answers, r)
    page.approve_button.click()
    arun(
        until(
            lambda: question(service, "Wat neem je mee?")["results"]["count"] == 1,
            what="approved",
        )
    )
    assert question(service, "Wat neem je mee?")["results"]["answers"][0]["text"] == evil
    gid = next(iter(service.server.view.groups))
    token = service.server.access.group_token(gid)
    note = json.dumps({"op": "note", "cid": "n1", "text": "!Buurtavond plannen @Bram"}).encode()
    assert fetch(f"{service.address}/api/send?t={token}&g={gid}&d=r1", note)[0] == 200
    arun(until(lambda: page.table_notes.rowCount() == 1, what="table note"))
    for tab, name in ((1, "panel-questions.png"), (2, "panel-moderation.png"), (0, "panel.png")):
        page.tabs.setCurrentIndex(tab)
        arun(idle())
        window.grab().save(str(shots(tmp_path) / name))

    # Ctrl+Shift+H: nothing of the phones stays on the projector; undo brings the answers back
    QTest.keyClick(
        window,
        Qt.Key.Key_H,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert service.projected_id is None and projector.scene().room.question is None
    arun(
        until(
            lambda: all(a.status == "hidden" for a in service.data.answers),
            what="all hidden",
        )
    )
    assert question(service, "Eén woord voor vandaag?")["results"]["count"] == 0
    window.ctx.commands.undo()
    arun(
        until(
            lambda: question(service, "Eén woord voor vandaag?")["results"]["count"] == 3,
            what="undo",
        )
    )

    # off: the address no longer answers
    address = service.address
    page.toggle_button.click()
    arun(until(lambda: not service.running and not service.busy, what="server off"))
    assert projector.scene().room is None
    with pytest.raises(OSError):
        fetch(address + "/", None)


def test_notes_from_a_table_can_be_taken_away_from_the_panel_with_undo(
    qtbot, arun, library, session_window, loopback
):
    from workshop.model import Note

    sid = ensure_demo(library)
    window = session_window(sid)
    page = window.show_page("phones")
    service = window.ctx.session_services.room
    page.toggle_button.click()
    arun(until(lambda: service.running, what="server on"))
    gid = next(iter(service.server.view.groups))
    token = service.server.access.group_token(gid)
    body = json.dumps({"op": "note", "cid": "n1", "text": "Iets <b>onaardigs</b>"}).encode()
    status, _text = fetch(f"{service.address}/api/send?t={token}&g={gid}&d=r1", body)
    assert status == 200
    arun(until(lambda: page.table_notes.rowCount() == 1, what="note listed"))
    assert page.table_notes.item(0, 1).text() == "Iets <b>onaardigs</b>"
    assert page.table_notes.item(0, 0).text() == service.group_label(gid)
    page.tabs.setCurrentIndex(2)  # Modereren, as the facilitator opens it
    arun(idle())
    choose_row(page.table_notes, 0)
    page.remove_note_button.click()
    arun(until(lambda: page.table_notes.rowCount() == 0, what="note taken away"))
    with library.read() as db:
        assert db.query(Note).filter(Note.source == "table").count() == 0
    window.ctx.commands.undo()
    arun(until(lambda: page.table_notes.rowCount() == 1, what="undo"))


def test_a_server_that_cannot_listen_says_so_in_one_line(
    qtbot, arun, library, session_window, monkeypatch
):
    monkeypatch.setenv("WORKSHOP_ROOM_HOST", "192.0.2.1")  # TEST-NET: no address of this machine
    monkeypatch.setenv("WORKSHOP_ROOM_PORT", "0")
    window = session_window(ensure_demo(library))
    page = window.show_page("phones")
    service = window.ctx.session_services.room
    page.toggle_button.click()
    arun(until(lambda: service.error, what="error"))
    assert not service.running and page.toggle_button.isEnabled()
    assert page.status.text().startswith("De server voor telefoons kon niet starten:")
    assert "\n" not in page.status.text() and "Traceback" not in page.status.text()
