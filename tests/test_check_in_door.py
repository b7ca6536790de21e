"""Check-in at the door hits the person whose name was typed (issue 11)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from conftest import idle, until
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from workshop.people.commands import AddParticipant
from workshop.people.name_search import fold, search_people
from workshop.people.queries import list_people
from workshop.sessions.commands import CreateSession

PEOPLE = [
    ("Piet Jansen", "Hogeschool", "Onderzoeker"),
    ("Zoë de Wit", "Gemeente", "Beleidsmedewerker"),
    ("Kübra Yılmaz", "Buurtteam", "Opbouwwerker"),
    ("Anouk de Vries", "Provincie", "Adviseur"),
    ("Jan van der Berg", "Waterschap", "Projectleider"),
    ("Henk Smit", "Zoetermeer Welzijn", "Coördinator"),
]


def _people():
    return [SimpleNamespace(name=n, organisation=o, role=r, email="") for n, o, r in PEOPLE]


def _names(text: str) -> list[str]:
    return [p.name for p in search_people(_people(), text)]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("zoe", ["Zoë de Wit"]),  # not Piet the Onderzoeker, nor Zoetermeer
        ("kubra", ["Kübra Yılmaz"]),
        ("KÜBRA yilmaz", ["Kübra Yılmaz"]),
        ("vries", ["Anouk de Vries"]),
        ("de vries", ["Anouk de Vries"]),
        ("A. de Vries", ["Anouk de Vries"]),
        ("AdV", ["Anouk de Vries"]),
        ("berg", ["Jan van der Berg"]),
        ("van den berg", ["Jan van der Berg"]),
        ("vanderberg", ["Jan van der Berg"]),
        ("JvdB", ["Jan van der Berg"]),
        ("onderzoeker", ["Piet Jansen"]),  # no name matches: other fields
        ("zoetermeer", ["Henk Smit"]),
        ("xyz", []),
    ],
)
def test_names_first_accents_particles_initials(typed, expected):
    assert _names(typed) == expected


def test_empty_search_finds_everyone_and_fold_strips_accents():
    assert len(_names("  ")) == len(PEOPLE)
    assert fold("Kübra Yılmaz Ørsted") == "kubra yilmaz orsted"


def test_best_match_first():
    people = [
        SimpleNamespace(name=n, organisation="", role="", email="")
        for n in ("Annemarie Bos", "Ann Bos")
    ]
    assert [p.name for p in search_people(people, "ann")][0] == "Ann Bos"


# -- the Deelnemers page ------------------------------------------------------------------------
@pytest.fixture
def door(arun, command_service, session_window):
    create = CreateSession(title="Deur")
    arun(command_service.push_and_wait(create))
    sid = create.session_id
    for name, organisation, role in PEOPLE:
        arun(
            command_service.push_and_wait(
                AddParticipant(sid, name=name, organisation=organisation, role=role)
            )
        )
    window = session_window(sid)
    page = window.show_page("participants")

    arun(until(lambda: page.model.rowCount() == len(PEOPLE), what="everyone listed"))
    return sid, page


def _presence(library, sid, name):
    return next(p.presence for p in list_people(library, sid) if p.name == name)


def _wait(arun, command_service):
    """The step stored and the page showing it."""
    arun(idle())


def test_enter_checks_in_the_person_shown(qtbot, arun, library, command_service, door):
    sid, page = door
    qtbot.keyClicks(page.search, "zoe")
    assert page.target.isVisible()
    assert page.target.text() == "Enter: Zoë de Wit aanwezig melden"
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    _wait(arun, command_service)
    assert _presence(library, sid, "Zoë de Wit") == "aanwezig"
    assert _presence(library, sid, "Piet Jansen") != "aanwezig"
    qtbot.keyClicks(page.search, "kubra")
    assert page.target.text() == "Enter: Kübra Yılmaz aanwezig melden"
    qtbot.keyClick(page.search, Qt.Key.Key_Enter)
    _wait(arun, command_service)
    assert _presence(library, sid, "Kübra Yılmaz") == "aanwezig"
    # nobody found: Enter does nothing and says so
    qtbot.keyClicks(page.search, "qqq")
    assert "niemand" in page.target.text().casefold()
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    _wait(arun, command_service)
    assert sum(p.presence == "aanwezig" for p in list_people(library, sid)) == 2


def test_arrow_down_moves_the_selection_and_the_target(qtbot, arun, library, command_service, door):
    sid, page = door
    qtbot.keyClicks(page.search, "de")  # Zoë de Wit, Anouk de Vries
    first = page.check_in_target()
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    second = page.check_in_target()
    assert first is not None and second is not None and first.id != second.id
    assert page.search.text() == "de", "the arrow does not eat the search"
    assert second.name in page.target.text()
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    _wait(arun, command_service)
    assert _presence(library, sid, second.name) == "aanwezig"
    assert _presence(library, sid, first.name) != "aanwezig"


def test_backspace_does_not_remove_and_enter_in_the_question_keeps(
    qtbot, arun, library, command_service, door
):
    sid, page = door
    qtbot.keyClicks(page.search, "henk")
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Backspace)
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert page.findChild(QMessageBox, "remove-warning") is None
    qtbot.keyClick(page.table, Qt.Key.Key_Delete, Qt.KeyboardModifier.ShiftModifier)
    box = page.findChild(QMessageBox, "remove-warning")
    assert box is not None
    assert box.buttonRole(box.defaultButton()) == QMessageBox.ButtonRole.RejectRole
    qtbot.keyClick(box, Qt.Key.Key_Return)
    _wait(arun, command_service)
    assert any(p.name == "Henk Smit" for p in list_people(library, sid))


def test_delete_session_question_defaults_to_no(
    qtbot, arun, library, db_service, command_service, door
):
    from ui.start_window import StartWindow

    window = StartWindow(db_service, command_service)
    qtbot.addWidget(window)
    window.show()
    arun(until(lambda: window._loaded, what="the list read on the DB worker"))
    assert window.list.count() == 1
    window.list.select_session(window.list.session_model.summary(0).id)
    window._delete()
    box = window.delete_box
    assert box.buttonRole(box.defaultButton()) == QMessageBox.ButtonRole.NoRole
    qtbot.keyClick(box, Qt.Key.Key_Return)
    _wait(arun, command_service)
    assert window.list.count() == 1


def test_every_question_in_the_app_sets_a_safe_default():
    """Each QMessageBox that offers a choice calls safe_default (Enter keeps things)."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[1] / "ui"
    offenders = []
    for path in root.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        asks = any(
            marker in text
            for marker in ("DestructiveRole", "StandardButton.Yes", "AcceptRole", "YesRole")
        )
        if "QMessageBox" in text and asks and "safe_default(" not in text:
            offenders.append(path.name)
    assert offenders == []


def test_everyone_present_in_one_undoable_step(qtbot, arun, library, command_service, door):
    sid, page = door
    assert page.all_present_button.isEnabled()
    assert page.all_present_button.text() == "Iedereen aanwezig"
    page.all_present_button.click()
    _wait(arun, command_service)
    assert all(p.presence == "aanwezig" for p in list_people(library, sid))
    assert not page.all_present_button.isEnabled()
    assert command_service.stack.undoText() == "Iedereen aanwezig"
    command_service.undo()
    _wait(arun, command_service)
    assert not any(p.presence == "aanwezig" for p in list_people(library, sid))


def test_everyone_present_keeps_absent_and_gone_people(qtbot, arun, library, command_service, door):
    """Iedereen aanwezig only checks in people whose presence is not set yet (issue 11)."""
    from workshop.people.commands import SetPresence

    sid, page = door
    ids = {p.name: p.id for p in list_people(library, sid)}
    arun(command_service.push_and_wait(SetPresence([ids["Piet Jansen"]], "afwezig")))
    arun(command_service.push_and_wait(SetPresence([ids["Zoë de Wit"]], "vertrokken")))
    _wait(arun, command_service)
    page.all_present_button.click()
    _wait(arun, command_service)
    assert _presence(library, sid, "Piet Jansen") == "afwezig"
    assert _presence(library, sid, "Zoë de Wit") == "vertrokken"
    kept = (ids["Piet Jansen"], ids["Zoë de Wit"])
    others = [p for p in list_people(library, sid) if p.id not in kept]
    assert len(others) == 4 and all(p.presence == "aanwezig" for p in others)
    assert not page.all_present_button.isEnabled()  # nobody left without a presence
    command_service.undo()  # one step back: the four are unknown again, the two unchanged
    _wait(arun, command_service)
    back = [p.presence for p in list_people(library, sid) if p.id not in kept]
    assert back == ["onbekend"] * 4
    assert _presence(library, sid, "Piet Jansen") == "afwezig"
    assert page.all_present_button.isEnabled()
