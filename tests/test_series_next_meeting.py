"""The next meeting of a series: what it carries forward, one undo step; the "Terugblik
acties" item on the projector's content and in the meeting's own verslag (redacted)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from workshop.agenda.commands import AddItem
from workshop.agenda.queries import load_agenda
from workshop.errors import CommandError
from workshop.model import ItemKind, Participant, SeriesAttendance, WorkSession
from workshop.people.commands import AddParticipant
from workshop.projector.content import load_projector_content
from workshop.reports import ReportOptions, load_report_data
from workshop.series.commands import AddAction, EditAction, LinkPeople, NewMeeting
from workshop.series.next_meeting import NextMeeting, plan_next_meeting
from workshop.series.overview import load_overview
from workshop.series.queries import preview_session_matches
from workshop.sessions.cohosts import CoHostInfo, SetCoHosts, list_cohosts


def _first_meeting(history, library) -> tuple[int, int]:
    first = NewMeeting(
        "CoP Energy Hubs",
        title="Bijeenkomst 1",
        date=date(2026, 3, 5),
        start_time=time(9, 30),
        end_time=time(12, 0),
        place="Provinciehuis",
        organiser="Regie in Transitie",
    )
    history.push(first)
    sid = first.session_id
    history.push(AddItem(sid, title="Welkom", kind=ItemKind.WELKOM.value, planned_minutes=10))
    history.push(AddItem(sid, title="Casus", kind=ItemKind.SUBGROEPEN.value, planned_minutes=45))
    history.push(SetCoHosts(sid, [CoHostInfo("Provincie Overijssel", None)]))
    for name, org, named in (
        ("Ilse Mulder", "Gemeente Hengelo", True),
        ("Jeroen Smit", "Enexis", False),
    ):
        history.push(AddParticipant(sid, name=name, organisation=org, may_be_named=named))
    series_id, matches = preview_session_matches(library, sid)
    history.push(LinkPeople(series_id, sid, matches))
    history.push(AddAction(series_id, "Rekenmodel delen", "Jeroen Smit", date(2026, 4, 1), sid))
    history.push(AddAction(series_id, "Casus uitschrijven", "Ilse Mulder", None, sid))
    return series_id, sid


def test_next_meeting_carries_programme_people_cohosts_and_review(history, library):
    series_id, first = _first_meeting(history, library)
    plan = None
    with library.read() as db:
        plan = plan_next_meeting(db, series_id)
    assert (plan.number, plan.items, plan.people, plan.open_actions) == (2, 3, 2, 2)
    assert plan.agenda_from == "Bijeenkomst 1"

    step = NextMeeting(series_id, "Bijeenkomst 2", date(2026, 4, 9), time(9, 30), time(12, 0))
    history.push(step)
    second = step.session_id
    agenda = load_agenda(library, second).rows
    assert [(r.title, r.kind) for r in agenda] == [
        ("Welkom", ItemKind.WELKOM.value),
        ("Terugblik acties", ItemKind.TERUGBLIK_ACTIES.value),
        ("Casus", ItemKind.SUBGROEPEN.value),
    ]
    assert [h.name for h in list_cohosts(library, second)] == ["Provincie Overijssel"]
    with library.read() as db:
        meeting = db.get(WorkSession, second)
        assert (meeting.place, meeting.organiser) == ("Provinciehuis", "Regie in Transitie")
        people = db.scalars(select(Participant).where(Participant.session_id == second)).all()
        assert sorted((p.name, p.may_be_named) for p in people) == [
            ("Ilse Mulder", True),
            ("Jeroen Smit", False),
        ]
        linked = db.scalar(select(func.count()).where(SeriesAttendance.session_id == second))
        assert linked == 2

    overview = load_overview(library, second, date(2026, 4, 9))
    assert overview is not None and overview.position == 2
    assert overview.new_here == ()  # both came before
    assert [h for h, _logo in overview.cohosts] == []  # the series itself has none yet
    assert overview.overdue == 1

    # the projector's content and the meeting's verslag look back on both actions
    content = load_projector_content(library, second)
    assert [(e.what, e.overdue) for e in content.review] == [
        ("Rekenmodel delen", True),
        ("Casus uitschrijven", False),
    ]
    # settled in the room (the app's clock on the meeting's day): it stays on the list
    in_the_room = datetime(2026, 4, 9, 10, 0).astimezone()
    history.push(EditAction(overview.actions[1].id, at=in_the_room, status="gedaan"))
    data = load_report_data(library, second, ReportOptions())
    assert [(a.what, a.status) for a in data.reviewed_actions] == [
        ("Rekenmodel delen", "open"),
        ("Casus uitschrijven", "gedaan"),
    ]

    # one undo step takes the whole meeting back, redo brings it with the same ids
    history.undo()  # the status
    history.undo()  # the next meeting
    with library.read() as db:
        assert db.get(WorkSession, second) is None
        assert not db.scalar(select(func.count()).where(SeriesAttendance.session_id == second))
    history.redo()
    assert [r.title for r in load_agenda(library, second).rows][1] == "Terugblik acties"
    assert load_overview(library, second, date(2026, 4, 9)).position == 2
    assert first != second


def test_meeting_verslag_lists_reviewed_actions_redacted(history, library, tmp_path):
    from report_helpers import pdf_text, squash

    from workshop.reports.build import build_report

    series_id, _first = _first_meeting(history, library)
    step = NextMeeting(series_id, "Bijeenkomst 2", date(2026, 4, 9), time(9, 30), time(12, 0))
    history.push(step)
    target = tmp_path / "verslag.pdf"
    options = ReportOptions()
    build_report(load_report_data(library, step.session_id, options), options, target)
    text = squash(pdf_text(target))
    assert "Terugblik acties" in text
    assert "Rekenmodel delen" in text and "te laat" in text
    assert "Ilse Mulder" in text  # consented
    assert "Jeroen Smit" not in text  # not consented: a role word in the table


def test_next_meeting_refuses_bad_input(history, library):
    series_id, _first = _first_meeting(history, library)
    with pytest.raises(CommandError):
        NextMeeting(series_id, "  ", date(2026, 4, 9), time(9, 30), time(12, 0))
    with pytest.raises(CommandError):
        NextMeeting(series_id, "B2", date(2026, 4, 9), time(12, 0), time(9, 30))
    with pytest.raises(CommandError):
        history.push(NextMeeting(999, "B2", date(2026, 4, 9), time(9, 30), time(12, 0)))


def test_projector_shows_the_review_during_that_item(history, library, qapp, tmp_path):
    import os

    from PySide6.QtGui import QImage, QPainter

    from ui.projector.render import paint_scene
    from ui.projector.scene import Scene
    from workshop.projector.state import Mode, ProjectorState

    series_id, _first = _first_meeting(history, library)
    step = NextMeeting(series_id, "Bijeenkomst 2", date(2026, 4, 9), time(9, 30), time(12, 0))
    history.push(step)
    content = load_projector_content(library, step.session_id)
    review = next(i for i in content.agenda if i.kind == ItemKind.TERUGBLIK_ACTIES.value)
    content = replace(content, current_item_id=review.id)
    texts: list[str] = []

    class Recording(QPainter):
        def drawText(self, *args):  # noqa: N802 - Qt API
            texts.extend(a for a in args if isinstance(a, str))
            return super().drawText(*args)

    image = QImage(1920, 1080, QImage.Format.Format_RGB32)
    painter = Recording(image)
    when = datetime(2026, 4, 9, 9, 45).astimezone()
    paint_scene(
        painter, 1920, 1080, Scene(ProjectorState(mode=Mode.AGENDA_ITEM), content, None, None, when)
    )
    painter.end()
    folder = Path(os.environ.get("WORKSHOP_SHOTS_DIR", tmp_path))
    image.save(str(folder / "projector-terugblik.png"))
    assert "Terugblik acties" in texts
    assert "Acties uit eerdere bijeenkomsten · 2 van 2 nog open" in texts
    assert any(t.startswith("Rekenmodel delen — Jeroen Smit · voor") for t in texts), texts
    assert "open · te laat" in texts  # overdue, marked
    assert "15:00" in texts  # the item's countdown is still there


def test_next_meeting_brings_open_questions_levers_and_photos(history, library):
    import io

    from PIL import Image

    from workshop.capture.commands.notes import AddNote, EditNote, NoteContent
    from workshop.capture.commands.photos import AddPhoto
    from workshop.capture.photos import PreparedPhoto
    from workshop.model import Attachment, Note, NoteKind

    series_id, first = _first_meeting(history, library)
    item = load_agenda(library, first).rows[1].id
    for kind, text in (
        (NoteKind.VRAAG, "Wie beheert de hub?"),
        (NoteKind.KNOP, "Netcongestie eerst oplossen"),
        (NoteKind.INZICHT, "Begin bij de ondernemers"),  # a point stays where it was said
    ):
        history.push(AddNote(first, item, None, NoteContent(kind=kind.value, text=text)))
    answered = AddNote(first, item, None, NoteContent(kind="vraag", text="Is er subsidie?"))
    history.push(answered)
    history.push(EditNote(answered.note_id, answered=True))
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "#2f6f8f").save(buffer, "JPEG")
    jpeg = buffer.getvalue()
    photo = PreparedPhoto(jpeg, jpeg, 64, 48, "canvas.jpg")
    history.push(AddPhoto(first, item, None, photo, caption="Canvas van tafel 1"))
    with library.read() as db:
        plan = plan_next_meeting(db, series_id)
    assert (plan.produced.questions, plan.produced.levers, plan.produced.photos) == (1, 1, 1)

    step = NextMeeting(series_id, "Bijeenkomst 2", date(2026, 4, 9), time(9, 30), time(12, 0))
    history.push(step)
    second = step.session_id
    review = next(r for r in load_agenda(library, second).rows if r.kind == "terugblik_acties")

    def carried():
        with library.read() as db:
            notes = db.scalars(select(Note).where(Note.session_id == second)).all()
            photos = db.scalars(select(Attachment).where(Attachment.session_id == second)).all()
            return (
                sorted((n.kind, n.text, n.agenda_item_id) for n in notes),
                [(p.caption, p.agenda_item_id, p.data == jpeg) for p in photos],
                [n.id for n in notes] + [p.id for p in photos],
            )

    notes, photos, ids = carried()
    assert notes == [
        ("knop", "Netcongestie eerst oplossen (uit “Bijeenkomst 1”)", review.id),
        ("vraag", "Wie beheert de hub? (uit “Bijeenkomst 1”)", review.id),
    ]
    assert photos == [("Canvas van tafel 1 (uit “Bijeenkomst 1”)", review.id, True)]
    history.undo()
    with library.read() as db:
        assert not db.scalars(select(Note).where(Note.session_id == second)).all()
    history.redo()
    assert carried()[2] == ids  # the same rows again
    with library.read() as db:  # the first meeting keeps what it had
        assert len(db.scalars(select(Note).where(Note.session_id == first)).all()) == 4
