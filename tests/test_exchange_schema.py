"""The exchange format is checked against a schema with limits before anything is stored."""

from __future__ import annotations

import base64
import json

import pytest
from report_helpers import make_rich_session

from workshop.cli import main
from workshop.model import WorkSession
from workshop.sessions.exchange import ExchangeError, export_session, parse_export


@pytest.fixture
def doc(lib):
    return export_session(lib, make_rich_session(lib))


def _refused(doc: dict, match: str) -> None:
    with pytest.raises(ExchangeError, match=match):
        parse_export(json.dumps(doc))


def test_reference_given_as_a_list(doc):
    doc["notes"][0]["group_id"] = ["group-1"]
    _refused(doc, r"notes\[1\]\.group_id: .*verwijzing")


def test_integer_of_ten_to_the_thirty(doc):
    doc["agenda_items"][0]["planned_minutes"] = 10**30
    _refused(doc, r"agenda_items\[1\]\.planned_minutes: .*te groot")


def test_deep_nesting_in_the_file():
    text = '{"format": "workshop-session", "version": 1, "x": ' + "[" * 200_000 + "]" * 200_000
    with pytest.raises(ExchangeError, match="te diep genest"):
        parse_export(text + "}")


def test_deep_nesting_in_a_json_column(doc):
    nested: list = []
    for _ in range(100):
        nested = [nested]
    doc["agenda_items"][0]["steps"] = nested
    _refused(doc, r"agenda_items\[1\]\.steps: .*dieper")


def test_too_long_note_and_title(doc):
    doc["notes"][0]["text"] = "x" * 1_000_000
    _refused(doc, r"notes\[1\]\.text: langer dan 20\.?000 tekens")
    doc["notes"][0]["text"] = "kort"
    doc["session"]["title"] = "t" * 501
    _refused(doc, r"session\.title: langer dan 500")


def test_a_photo_that_is_not_an_image(doc):
    doc["attachments"][0]["data"] = base64.b64encode(b"GIF89a nonsense" * 20).decode()
    _refused(doc, r"attachments\[1\]\.data: dit is geen afbeelding")


def test_too_many_rows(doc, monkeypatch):
    from workshop.sessions import exchange_schema

    monkeypatch.setattr(exchange_schema, "MAX_ROWS", 2)
    _refused(doc, "meer dan 2 rijen")


def test_cli_import_refuses_with_one_line_and_stores_nothing(lib, doc, tmp_path, capsys):
    doc["agenda_items"][0]["planned_minutes"] = 10**30
    path = tmp_path / "x.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with lib.read() as db:
        before = db.query(WorkSession).count()
    assert main(["--db", lib.url, "import", str(path)]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    with lib.read() as db:
        assert db.query(WorkSession).count() == before


def test_a_valid_export_still_passes(doc):
    assert parse_export(json.dumps(doc))["format"] == "workshop-session"


def test_a_reference_used_twice(doc):
    doc["agenda_items"][1]["ref"] = doc["agenda_items"][0]["ref"]
    _refused(doc, r"agenda_items\[2\]\.ref: .*twee keer")
