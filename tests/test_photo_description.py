"""A photo's description for who cannot see it: stored, undoable, exported, used as alt text."""

from __future__ import annotations

import json

import docx
import pytest
from capture_support import make_world
from report_helpers import make_rich_session, photo_bytes

from workshop.capture.commands.photos import AddPhoto, DescribePhoto
from workshop.capture.photos import prepare_bytes
from workshop.capture.queries import photos_for
from workshop.commands.runner import CommandRunner
from workshop.errors import CommandError
from workshop.model import Attachment, WorkSession
from workshop.reports import ReportOptions
from workshop.reports.build import build_report
from workshop.reports.data import AttachmentInfo, ReportData, SessionInfo
from workshop.sessions.exchange import ImportSession, export_session, parse_export


def test_describe_photo_is_undoable(tmp_path):
    w = make_world(tmp_path)
    try:
        photo = prepare_bytes(photo_bytes(400, 300), "flip.jpg")
        w.history.push(add := AddPhoto(w.session_id, w.feedback_id, None, photo, "Flip-over"))
        w.history.push(DescribePhoto(add.photo_id, "Een flip-over met drie"))
        w.history.push(DescribePhoto(add.photo_id, "Een flip-over met drie rode stippen"))
        [view] = photos_for(w.library, w.feedback_id, None)
        assert view.description == "Een flip-over met drie rode stippen"
        w.history.undo()  # typing in one field is one step
        assert photos_for(w.library, w.feedback_id, None)[0].description == ""
        with pytest.raises(CommandError):
            DescribePhoto(add.photo_id, "x" * 2001)
    finally:
        w.library.close()


def test_description_travels_in_the_export(lib):
    sid = make_rich_session(lib)
    with lib.unit_of_work() as db:
        db.get(WorkSession, sid).attachments[0].description = "Canvas met vier kwadranten"
    doc = export_session(lib, sid)
    assert doc["attachments"][0]["description"] == "Canvas met vier kwadranten"
    CommandRunner(lib).do(command := ImportSession(parse_export(json.dumps(doc))))
    with lib.read() as db:
        copy = db.get(WorkSession, command.session_id).attachments[0]
        assert isinstance(copy, Attachment) and copy.description == "Canvas met vier kwadranten"
    # an export from before the description existed still imports (the field is empty)
    for row in doc["attachments"]:
        del row["description"]
    CommandRunner(lib).do(command := ImportSession(parse_export(json.dumps(doc))))
    with lib.read() as db:
        assert db.get(WorkSession, command.session_id).attachments[0].description == ""


def test_alt_text_is_the_description_else_the_caption(tmp_path):
    img = photo_bytes(800, 600)
    data = ReportData(
        SessionInfo(1, "Foto's"),
        attachments=(
            AttachmentInfo(1, img, caption="Flip-over tafel 1", description="Vier rode stippen"),
            AttachmentInfo(2, img, caption="Flip-over tafel 2"),
        ),
    )
    build_report(data, ReportOptions(), tmp_path / "v.html", "html")
    build_report(data, ReportOptions(), tmp_path / "v.docx", "docx")
    html = (tmp_path / "v.html").read_text()
    assert 'alt="Vier rode stippen"' in html and 'alt="Flip-over tafel 2"' in html
    assert "<figcaption>Flip-over tafel 1</figcaption>" in html
    document = docx.Document(str(tmp_path / "v.docx"))
    descr = [el.get("descr") for el in document.element.body.iter() if el.tag.endswith("}docPr")]
    assert "Vier rode stippen" in descr and "Flip-over tafel 2" in descr
