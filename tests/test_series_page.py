"""The Reeks page on one screen: joining a series, editing it, actions, the next meeting,
the series verslag; bad input gets one Dutch line; every change undoes."""

from __future__ import annotations

import asyncio
from datetime import date, time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from workshop.agenda.commands import AddItem
from workshop.model import ItemKind
from workshop.people.commands import AddParticipant
from workshop.series.actions import ActionStatus
from workshop.series.queries import list_actions, list_meetings, list_series, series_id_of
from workshop.sessions.commands import CreateSession


def _until(arun, predicate, what: str = "condition") -> None:
    async def poll() -> None:
        for _step in range(300):
            if predicate():
                return
            await asyncio.sleep(0.03)
        raise AssertionError(f"not reached: {what}")

    arun(poll())


def _session(arun, command_service) -> int:
    command = CreateSession(
        title="Energiegemeenschappen 1",
        date=date(2026, 3, 5),
        start_time=time(13, 0),
        end_time=time(16, 0),
    )
    arun(command_service.push_and_wait(command))
    return command.session_id


def _page(window, arun):
    page = window.show_page("series")
    _until(arun, lambda: page.loaded, "page loaded")
    return page


def test_join_edit_actions_next_meeting_and_report(
    qtbot, arun, library, command_service, session_window, tmp_path
):
    sid = _session(arun, command_service)
    arun(command_service.push_and_wait(AddItem(sid, title="Welkom", kind=ItemKind.WELKOM.value)))
    arun(command_service.push_and_wait(AddParticipant(sid, name="Anouk de Vries")))
    window = session_window(sid)
    page = _page(window, arun)
    assert page.stack.currentIndex() == 0

    # an empty name: one line, nothing stored
    page.join_name.setText("   ")
    qtbot.keyClick(page.join_name, Qt.Key.Key_Return)
    assert page.status.text() == "Een reeks heeft een naam nodig"
    assert list_series(library) == []

    page.join_name.setText("CoP Energiegemeenschappen")
    qtbot.mouseClick(page.join_button, Qt.MouseButton.LeftButton)
    _until(arun, lambda: page.overview is not None, "in a series")
    assert page.heading.text() == "CoP Energiegemeenschappen · bijeenkomst 1 van 1"
    assert "1 mensen op deze lijst" in page.meeting.register_line.text()
    qtbot.mouseClick(page.meeting.link_button, Qt.MouseButton.LeftButton)
    _until(arun, lambda: getattr(page, "link_dialog", None) is not None, "matches shown")
    qtbot.mouseClick(
        page.link_dialog.buttons.button(QDialogButtonBox.StandardButton.Ok),
        Qt.MouseButton.LeftButton,
    )
    _until(arun, lambda: page.meeting.new_label.text().startswith("Nieuw in de reeks (1)"))

    # the theme, typed and left
    page.fields["theme"].setText("Lokale energie")
    page.fields["theme"].editingFinished.emit()
    arun(command_service.wait_idle())
    assert list_series(library)[0].theme == "Lokale energie"

    # actions: a bad date is said, a good one stored; status by the combo box; delete
    panel = page.actions
    panel.what.setText("Subsidieregeling uitzoeken")
    panel.due.setText("31-31-2026")
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert panel.problem.text() == "Typ een datum als 9-4-2026."
    panel.due.setText("1-4-2026")
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    _until(arun, lambda: len(panel.actions) == 1, "action listed")
    series_id = series_id_of(library, sid)
    assert list_actions(library, series_id=series_id)[0].due == date(2026, 4, 1)
    panel.set_status("Subsidieregeling", ActionStatus.BEZIG)
    _until(arun, lambda: panel.counts.text().startswith("open: 0 · bezig: 1"), "stored")
    assert panel.counts.text().endswith("1 te laat")  # due in April, today is later
    command_service.undo()
    _until(arun, lambda: panel.counts.text().startswith("open: 1 · bezig: 0"), "undone")
    assert panel.status_of("Subsidieregeling") == "open"

    # this meeting's agenda becomes the usual programme of the series
    assert page.programme_line.text().startswith("Nog geen vast programma")
    qtbot.mouseClick(page.programme_button, Qt.MouseButton.LeftButton)
    _until(arun, lambda: page.overview.programme is not None, "programme set")
    assert page.programme_line.text() == (
        "Vast programma: “Programma van CoP Energiegemeenschappen” (1 onderdelen); "
        "de volgende bijeenkomst begint daarmee."
    )

    # the next meeting: the dialog refuses an end before the start, then makes and asks to open
    opened: list[int] = []
    window.open_session.connect(opened.append)
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    _until(arun, lambda: getattr(page, "next_dialog", None) is not None, "dialog")
    dialog = page.next_dialog
    assert "1 open acties komen terug" in dialog.carried.text()
    assert "Programma uit “Programma van CoP Energiegemeenschappen” (2 onderdelen)" in (
        dialog.carried.text()
    )  # the programme's welcome, and the review item added for the open action
    dialog.end.setText("12:00")
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    assert dialog.error.text() == "De eindtijd moet na de begintijd liggen."
    dialog.end.setText("16:00")
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    _until(arun, lambda: opened, "next meeting opened")
    meetings = list_meetings(library, series_id)
    assert [m.title for m in meetings] == [
        "Energiegemeenschappen 1",
        "CoP Energiegemeenschappen — bijeenkomst 2",
    ]
    assert meetings[1].date == date(2026, 4, 2)  # four weeks on
    assert meetings[1].registered == 1  # the register came along
    command_service.undo()  # one step takes the whole meeting back
    _until(arun, lambda: len(list_meetings(library, series_id)) == 1, "next meeting undone")

    # the series verslag: a folder that is not there reads as one line
    page.export_to(tmp_path / "nope" / "reeks.pdf")
    arun(page.wait_idle())
    assert page.status.text() == f"De map {tmp_path / 'nope'} bestaat niet."
    assert page.report_button.isEnabled()
    page.export_to(tmp_path / "reeks.pdf")
    arun(page.wait_idle())
    _until(arun, lambda: page.report_path is not None, "written")
    assert (tmp_path / "reeks.pdf").read_bytes().startswith(b"%PDF")

    # leaving the series again is one undo further back (theme, link, join)
    while list_series(library):
        command_service.undo()
        arun(command_service.wait_idle())
    _until(arun, lambda: page.stack.currentIndex() == 0, "back to the join view")


@pytest.mark.parametrize("size", [(1024, 768), (1280, 800)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_series_view_fits_a_laptop(arun, library, command_service, session_window, size):
    """In a series (a meeting with people, tables and actions), nothing is cut off."""
    from conftest import idle
    from test_laptop_layout import clipped_text, rect_in, text_problems, visible_descendants

    from workshop.series.commands import AddAction, LinkPeople
    from workshop.series.join import JoinSeries
    from workshop.series.queries import preview_session_matches

    sid = _session(arun, command_service)
    for n in range(12):
        arun(
            command_service.push_and_wait(
                AddParticipant(sid, name=f"Deelnemer {n}", organisation=f"Gemeente {n % 3}")
            )
        )
    arun(command_service.push_and_wait(JoinSeries("CoP Energiegemeenschappen", sid)))
    series_id, matches = preview_session_matches(library, sid)
    arun(command_service.push_and_wait(LinkPeople(series_id, sid, matches)))
    arun(
        command_service.push_and_wait(
            AddAction(series_id, "Een lange omschrijving van wat er moet gebeuren", "Kernteam")
        )
    )
    window = session_window(sid)
    window.resize(*size)
    page = _page(window, arun)
    _until(arun, lambda: page.stack.currentIndex() == 1, "series view")
    arun(idle())
    outside, clipped = [], []
    bounds = page.rect()
    for child in visible_descendants(page):
        r = rect_in(child, page)
        if r.width() > 0 and r.height() > 0 and not bounds.contains(r):
            outside.append((child.objectName() or type(child).__name__, r, bounds))
        if clipped_text(child):
            clipped.append((type(child).__name__, child.text(), child.width()))
        clipped += text_problems(child)
    assert not outside, outside
    assert not clipped, clipped


def test_link_dialog_merges_and_splits_before_storing(
    qtbot, arun, library, command_service, session_window
):
    """The register got two wrong: Piet moved to another organisation (found as new: merge
    him with who he is), another Anouk at the same organisation (found by name: split)."""
    from sqlalchemy import select

    from workshop.model import SeriesAttendance, SeriesPerson
    from workshop.series.commands import LinkPeople, NewMeeting
    from workshop.series.queries import preview_session_matches

    first = NewMeeting("CoP Warmte", title="Warmte 1", date=date(2026, 1, 8))
    arun(command_service.push_and_wait(first))
    for name, org in (("Piet Jansen", "Alliander"), ("Anouk de Vries", "Provincie Utrecht")):
        arun(
            command_service.push_and_wait(
                AddParticipant(first.session_id, name=name, organisation=org)
            )
        )
    series_id, matches = preview_session_matches(library, first.session_id)
    arun(command_service.push_and_wait(LinkPeople(series_id, first.session_id, matches)))
    second = NewMeeting("CoP Warmte", title="Warmte 2", date=date(2026, 2, 5))
    arun(command_service.push_and_wait(second))
    for name, org in (("Piet Jansen", "Enexis"), ("Anouk de Vries", "Provincie Utrecht")):
        arun(
            command_service.push_and_wait(
                AddParticipant(second.session_id, name=name, organisation=org)
            )
        )
    with library.read() as db:
        ids = {p.name: p.id for p in db.scalars(select(SeriesPerson))}
    window = session_window(second.session_id)
    page = _page(window, arun)
    qtbot.mouseClick(page.meeting.link_button, Qt.MouseButton.LeftButton)
    _until(arun, lambda: getattr(page, "link_dialog", None) is not None, "matches shown")
    dialog = page.link_dialog
    assert dialog.intro.text().startswith("0 bekend via e-mail, 1 via naam en organisatie, 1 nieuw")
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.choose("Piet Jansen", ids["Anouk de Vries"])  # two rows, one person: refused
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.error.text() == (
        "Piet Jansen en Anouk de Vries kunnen niet allebei Anouk de Vries zijn."
    )
    dialog.choose("Piet Jansen", ids["Piet Jansen"])  # merge: the same Piet
    dialog.choose("Anouk de Vries", None)  # split: another Anouk
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    _until(arun, lambda: not page.meeting.link_button.isEnabled(), "linked")
    with library.read() as db:
        here = {
            a.person_id
            for a in db.scalars(
                select(SeriesAttendance).where(SeriesAttendance.session_id == second.session_id)
            )
        }
        people = db.scalars(select(SeriesPerson)).all()
    assert ids["Piet Jansen"] in here and ids["Anouk de Vries"] not in here
    assert len(people) == 3  # a second Anouk joined the register
    assert page.meeting.new_label.text() == "Nieuw in de reeks (1): Anouk de Vries"


def test_next_meeting_from_an_earlier_meeting_follows_the_last_one(
    qtbot, arun, library, command_service, session_window
):
    from workshop.series.commands import NewMeeting

    first = NewMeeting("CoP Mobiliteit", title="Mobiliteit 1", date=date(2026, 1, 8))
    arun(command_service.push_and_wait(first))
    second = NewMeeting(
        "CoP Mobiliteit",
        title="Mobiliteit 2",
        date=date(2026, 2, 12),
        start_time=time(9, 0),
        end_time=time(12, 0),
    )
    arun(command_service.push_and_wait(second))
    window = session_window(first.session_id)  # the first meeting's window, opened again
    page = _page(window, arun)
    assert page.heading.text() == "CoP Mobiliteit · bijeenkomst 1 van 2"
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    _until(arun, lambda: getattr(page, "next_dialog", None) is not None, "dialog")
    dialog = page.next_dialog
    assert dialog.title.text() == "CoP Mobiliteit — bijeenkomst 3"
    assert dialog.date.date().toPython() == date(2026, 3, 12)  # four weeks after meeting 2
    assert (dialog.start.text(), dialog.end.text()) == ("09:00", "12:00")
    dialog.reject()


def test_consent_changed_at_a_meeting_goes_into_the_register(
    qtbot, arun, library, command_service, session_window
):
    """Revoked on the Deelnemers page of meeting 2: the Reeks page says so; one click puts
    it in the register, so meeting 1 no longer names her either; undo takes it back."""
    from sqlalchemy import select

    from workshop.model import Participant, SeriesPerson
    from workshop.people.commands import EditParticipant
    from workshop.series.commands import LinkPeople, NewMeeting
    from workshop.series.queries import preview_session_matches

    sessions = []
    for n in (1, 2):
        meeting = NewMeeting("CoP Zorg", title=f"Zorg {n}", date=date(2026, n, 8))
        arun(command_service.push_and_wait(meeting))
        sid = meeting.session_id
        add = AddParticipant(sid, name="Fatima El Amrani", email="fatima@zorg.example")
        add_values = {"may_be_named": True}
        arun(command_service.push_and_wait(add))
        with library.read() as db:
            pid = db.scalar(select(Participant.id).where(Participant.session_id == sid))
        arun(command_service.push_and_wait(EditParticipant(pid, **add_values)))
        series_id, matches = preview_session_matches(library, sid)
        arun(command_service.push_and_wait(LinkPeople(series_id, sid, matches)))
        sessions.append((sid, pid))
    (first, first_pid), (second, second_pid) = sessions
    arun(command_service.push_and_wait(EditParticipant(second_pid, may_be_named=False)))
    window = session_window(second)
    page = _page(window, arun)
    line = page.meeting.consent_line
    _until(arun, lambda: page.meeting.consent_button.isVisible(), "consent change shown")
    assert line.text() == (
        "Toestemming gewijzigd bij deze bijeenkomst, nog niet in het register: "
        "Fatima El Amrani (nu: niet noemen)"
    )
    qtbot.mouseClick(page.meeting.consent_button, Qt.MouseButton.LeftButton)
    _until(arun, lambda: not page.meeting.consent_button.isVisible(), "carried")

    def named() -> tuple[bool, bool]:
        with library.read() as db:
            person = db.scalar(select(SeriesPerson.may_be_named))
            return person, db.get(Participant, first_pid).may_be_named

    assert named() == (False, False)  # the register, and meeting 1 too
    command_service.undo()
    arun(command_service.wait_idle())
    assert named() == (True, True)
