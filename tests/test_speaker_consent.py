"""`— Nina` after a quote links the quote to Nina, so her own consent names her."""

from __future__ import annotations

from datetime import date

import pytest
from capture_support import make_world
from report_helpers import pdf_text, squash

from workshop.capture.commands.notes import AddNote, EditNote, NoteContent
from workshop.capture.parser import parse_line
from workshop.errors import CommandError
from workshop.model import Note, Participant
from workshop.reports import ReportOptions, build_pdf, load_report_data


@pytest.fixture
def world(tmp_path):
    w = make_world(tmp_path)
    with w.library.unit_of_work() as db:
        db.add_all(
            [
                Participant(session_id=w.session_id, name="Nina de Jong", may_be_named=True),
                Participant(session_id=w.session_id, name="Jan Bakker", may_be_named=True),
                Participant(session_id=w.session_id, name="Jan de Vries", may_be_named=False),
            ]
        )
    yield w
    w.library.close()


def _people(world) -> dict[str, int]:
    with world.library.read() as db:
        return {p.name: p.id for p in db.query(Participant)}


def _quote(world, line: str) -> int:
    parsed = parse_line(line, date(2026, 4, 9))
    command = AddNote(world.session_id, world.talk_id, None, NoteContent.from_parsed(parsed))
    world.history.push(command)
    return command.note_id


def _note(world, note_id) -> Note:
    with world.library.read() as db:
        note = db.get(Note, note_id)
        db.expunge(note)
        return note


def test_typed_speaker_is_linked_and_her_consent_names_her(world, tmp_path):
    people = _people(world)
    nid = _quote(world, '"Het is goed om afspraken te maken" — nina')
    note = _note(world, nid)
    assert note.speaker == "nina" and note.speaker_id == people["Nina de Jong"]
    assert note.speaker_may_be_named
    world.history.undo()
    world.history.redo()
    assert _note(world, nid).speaker_id == people["Nina de Jong"]
    path = tmp_path / "v.pdf"
    build_pdf(load_report_data(world.library, world.session_id), ReportOptions(), path)
    assert "— Nina de Jong" in squash(pdf_text(path))


def test_ambiguous_speaker_is_left_for_the_facilitator(world):
    people = _people(world)
    nid = _quote(world, '"We passen niet in een hokje" — Jan')
    note = _note(world, nid)
    assert note.speaker == "Jan" and note.speaker_id is None and not note.speaker_may_be_named
    world.history.push(EditNote(nid, speaker_id=people["Jan de Vries"]))
    note = _note(world, nid)
    assert note.speaker_id == people["Jan de Vries"] and not note.speaker_may_be_named
    world.history.undo()
    assert _note(world, nid).speaker_id is None
    world.history.push(EditNote(nid, speaker="Jan Bakker"))
    note = _note(world, nid)
    assert note.speaker_id == people["Jan Bakker"] and note.speaker_may_be_named
    with pytest.raises(CommandError):
        world.history.push(EditNote(nid, speaker_id=999_999))
