"""JSON export / import of a whole session, and the report CLI."""

from __future__ import annotations

import json

import pytest
from report_helpers import SECRET, make_rich_session, pdf_text, squash

from workshop.cli import main
from workshop.commands import CommandRunner, History
from workshop.demo import ensure_demo
from workshop.model import WorkSession
from workshop.sessions.exchange import (
    VERSION,
    ExchangeError,
    ImportSession,
    export_session,
    parse_export,
)


def _without_stamp(doc: dict) -> dict:
    return {k: v for k, v in doc.items() if k != "exported_at"}


def test_export_import_export_is_identical(lib):
    sid = make_rich_session(lib)
    first = export_session(lib, sid)
    assert first["format"] == "workshop-session" and first["version"] == VERSION
    assert all(
        first[t] for t in ("breakout_groups", "memberships", "notes", "attachments", "timer_events")
    )
    command = ImportSession(parse_export(json.dumps(first)))
    CommandRunner(lib).do(command)
    assert command.session_id != sid
    second = export_session(lib, command.session_id)
    assert _without_stamp(first) == _without_stamp(second)
    # references point at the right rows
    notes = second["notes"]
    groups = {g["ref"]: g for g in second["breakout_groups"]}
    assert groups[notes[0]["group_id"]]["name"] == "Groep 1"
    people = {p["ref"]: p for p in second["participants"]}
    assert people[groups["group-2"]["host_id"]]["name"] == SECRET


def test_photos_travel_as_base64(lib):
    sid = make_rich_session(lib)
    doc = export_session(lib, sid)
    CommandRunner(lib).do(command := ImportSession(parse_export(json.dumps(doc))))
    with lib.read() as db:
        original = db.get(WorkSession, sid).attachments[0].data
        copy = db.get(WorkSession, command.session_id).attachments[0].data
    assert copy == original and len(copy) > 1000


def test_import_is_undoable(lib):
    sid = ensure_demo(lib)
    history = History(CommandRunner(lib))
    command = ImportSession(parse_export(json.dumps(export_session(lib, sid))))
    history.push(command)
    new_id = command.session_id
    history.undo()
    with lib.read() as db:
        assert db.get(WorkSession, new_id) is None
    history.redo()
    with lib.read() as db:
        copy = db.get(WorkSession, new_id)
        assert copy is not None and not copy.is_demo and len(copy.participants) == 30


@pytest.mark.parametrize(
    "text, message",
    [
        ("not json", "geen geldige JSON"),
        ("[1, 2]", "geen export"),
        ('{"format": "something-else", "version": 1}', "geen export"),
        ('{"format": "workshop-session", "version": 99, "session": {}}', "nieuwere versie"),
        ('{"format": "workshop-session", "version": 1}', "geen bijeenkomst"),
        ('{"format": "workshop-session", "version": 1, "session": {}, "notes": "x"}', "beschadigd"),
    ],
)
def test_bad_files_get_a_clear_message(text, message):
    with pytest.raises(ExchangeError, match=message):
        parse_export(text)


def test_bad_values_and_dangling_references_roll_back(lib):
    sid = make_rich_session(lib)
    doc = export_session(lib, sid)
    doc["notes"][0]["created_at"] = "gisteren"
    with pytest.raises(ExchangeError, match=r"notes\[1\]\.created_at"):
        CommandRunner(lib).do(ImportSession(parse_export(json.dumps(doc))))
    doc = export_session(lib, sid)
    doc["breakout_groups"][0]["round_id"] = "round-99"
    with pytest.raises(ExchangeError, match="round-99"):
        CommandRunner(lib).do(ImportSession(parse_export(json.dumps(doc))))
    with lib.read() as db:
        assert db.query(WorkSession).count() == 1  # nothing half-imported


def test_cli_report_export_import(lib, tmp_path, capsys):
    sid = make_rich_session(lib)
    url = lib.url
    pdf = tmp_path / "verslag.pdf"
    assert main(["report", str(sid), "-o", str(pdf), "--db", url]) == 0
    assert SECRET not in squash(pdf_text(pdf))
    assert (
        main(
            [
                "report",
                "Wijkgesprek Oosterweide",
                "-o",
                str(pdf),
                "--kind",
                "draaiboek",
                "--db",
                url,
            ]
        )
        == 0
    )
    assert SECRET in squash(pdf_text(pdf))
    assert (
        main(["report", str(sid), "-o", str(pdf), "--anonymous", "--lang", "en", "--db", url]) == 0
    )
    text = squash(pdf_text(pdf))
    assert "Programme" in text and "Anouk" not in text
    exported = tmp_path / "s.json"
    assert main(["export", str(sid), "-o", str(exported), "--db", url]) == 0
    capsys.readouterr()
    assert main(["import", str(exported), "--db", url]) == 0
    new_id = int(capsys.readouterr().out.strip())
    assert new_id != sid
    assert main(["report", "999", "-o", str(pdf), "--db", url]) == 1
    assert "999" in capsys.readouterr().err
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    assert main(["import", str(broken), "--db", url]) == 1
    assert main(["import", str(tmp_path / "missing.json"), "--db", url]) == 1
    assert main(["report", str(sid), "-o", str(tmp_path), "--db", url]) == 1


def test_database_refusal_becomes_a_clear_message(lib):
    sid = make_rich_session(lib)
    doc = export_session(lib, sid)
    doc["memberships"].append(dict(doc["memberships"][0], ref="member-9"))  # same seat twice
    with pytest.raises(ExchangeError, match="kon niet worden geïmporteerd"):
        CommandRunner(lib).do(ImportSession(parse_export(json.dumps(doc))))
    with lib.read() as db:
        assert db.query(WorkSession).count() == 1


def test_tables_added_later_are_exported_too():
    from workshop.sessions.exchange import TABLES, exported_tables

    names = [name for name, _prefix in exported_tables()]
    assert names[: len(TABLES)] == [name for name, _prefix in TABLES]
    assert "sessions" not in names and "settings" not in names


def test_pitches_and_the_harvest_link_travel(lib):
    from sqlalchemy import select

    from workshop.capture.commands.notes import AddNote, NoteContent
    from workshop.capture.commands.queue import AddQueueEntry, SetHarvestItem
    from workshop.model import AgendaItem, Note, QueueEntry

    sid = make_rich_session(lib)
    with lib.read() as db:
        items = db.scalars(
            select(AgendaItem).where(AgendaItem.session_id == sid).order_by(AgendaItem.position)
        ).all()
        first, last = items[0].id, items[-1].id
    history = History(CommandRunner(lib))
    add = AddQueueEntry(first, "Dordrecht")
    history.push(add)
    history.push(AddNote(sid, first, None, NoteContent(text="Pakhuis"), entry_id=add.entry_id))
    history.push(SetHarvestItem(last, first))
    command = ImportSession(parse_export(json.dumps(export_session(lib, sid))))
    CommandRunner(lib).do(command)
    with lib.read() as db:
        (entry,) = db.scalars(
            select(QueueEntry).where(QueueEntry.session_id == command.session_id)
        ).all()
        note = db.scalars(
            select(Note).where(Note.session_id == command.session_id, Note.text == "Pakhuis")
        ).one()
        assert entry.name == "Dordrecht" and note.queue_entry_id == entry.id
        new_items = db.scalars(
            select(AgendaItem)
            .where(AgendaItem.session_id == command.session_id)
            .order_by(AgendaItem.position)
        ).all()
        assert new_items[-1].harvest_item_id == new_items[0].id
