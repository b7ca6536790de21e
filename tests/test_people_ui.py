"""The Deelnemers and Groepen pages driven as a facilitator would (qtbot)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from conftest import idle
from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QMessageBox, QPushButton

from ui.groups.card import GroupCard
from ui.groups.members import encode_drag
from ui.pages.people_model import PRESENCE_COLUMN
from ui.widgets.import_preview_dialog import ImportPreviewDialog
from workshop.demo import ensure_demo
from workshop.grouping.api import PlannedGroup, PlanRequest, PlanResult, Quality
from workshop.grouping.queries import group_items, item_rounds
from workshop.people.queries import list_people
from workshop.sessions.commands import CreateSession


def _person(library, sid, name):
    return next(p for p in list_people(library, sid) if p.name == name)


def _until(arun, predicate, timeout: float = 10.0) -> None:
    """Let the loop run until `predicate()` holds (async loads land at their own pace)."""

    async def poll() -> None:
        for _step in range(int(timeout / 0.05)):
            if predicate():
                return
            await asyncio.sleep(0.05)

    arun(poll(), timeout + 5)


def _wait(arun, command_service):
    """The step stored and every page showing it."""
    arun(command_service.wait_idle())
    arun(idle())


@pytest.fixture
def demo(library):
    return ensure_demo(library)


def _participants(arun, session_window, sid):
    window = session_window(sid)
    page = window.show_page("participants")
    _until(arun, lambda: page.model.rowCount() > 0 or page.counts.text() != "")
    return window, page


def test_check_in_by_search_keys_and_chips(
    qtbot, arun, library, command_service, session_window, demo
):
    window, page = _participants(arun, session_window, demo)
    assert page.model.rowCount() == 30
    # type-to-search, Enter checks the match in (Hanneke is absent in the demo)
    qtbot.keyClicks(page.search, "hanneke")
    assert page.proxy.rowCount() == 1
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    _wait(arun, command_service)
    assert _person(library, demo, "Hanneke de Boer").presence == "aanwezig"
    assert page.search.text() == ""
    # select a person and press A (absent), then V (left early)
    qtbot.keyClicks(page.search, "Anouk")
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_A)
    _wait(arun, command_service)
    assert _person(library, demo, "Anouk de Vries").presence == "afwezig"
    qtbot.keyClick(page.table, Qt.Key.Key_V)
    _wait(arun, command_service)
    assert _person(library, demo, "Anouk de Vries").presence == "vertrokken"
    # one click on the "present" chip
    index = page.proxy.index(0, PRESENCE_COLUMN)
    rect = page.delegate._rects(page.table.visualRect(index))[0]
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    _wait(arun, command_service)
    assert _person(library, demo, "Anouk de Vries").presence == "aanwezig"
    _until(arun, lambda: page.counts.text().startswith("29 "))
    assert page.counts.text().startswith("29 ")
    command_service.undo()
    _wait(arun, command_service)
    assert _person(library, demo, "Anouk de Vries").presence == "vertrokken"


def test_walk_in_line(qtbot, arun, library, command_service, session_window, demo):
    window, page = _participants(arun, session_window, demo)
    page.walk_in.setFocus()
    page.walk_in.setText("Zoë Çelik, Buurtteam <Noord>")  # QTest cannot type ë
    qtbot.keyClick(page.walk_in, Qt.Key.Key_Return)
    _wait(arun, command_service)
    zoe = _person(library, demo, "Zoë Çelik")
    assert zoe.walk_in and zoe.presence == "aanwezig" and zoe.organisation == "Buurtteam <Noord>"
    assert page.walk_in.text() == ""
    _until(arun, lambda: page.model.rowCount() == 31)
    assert page.model.rowCount() == 31
    # an empty line adds nobody
    qtbot.keyClick(page.walk_in, Qt.Key.Key_Return)
    _wait(arun, command_service)
    assert len(list_people(library, demo)) == 31


def test_remove_warns_and_undo_restores(
    qtbot, arun, library, command_service, session_window, demo
):
    window, page = _participants(arun, session_window, demo)
    qtbot.keyClicks(page.search, "Esther")
    page.remove_selected()
    box = page.findChild(QMessageBox, "remove-warning")
    assert box is not None and "Ctrl+Z" in box.text()
    remove = next(b for b in box.buttons() if b.objectName() == "confirm-remove")
    remove.click()
    _wait(arun, command_service)
    assert all(p.name != "Esther Visser" for p in list_people(library, demo))
    rounds = item_rounds(library, demo, group_items(library, demo)[0].id)
    assert sum(len(g.members) for g in rounds[0].groups) == 27
    command_service.undo()
    _wait(arun, command_service)
    assert _person(library, demo, "Esther Visser")
    rounds = item_rounds(library, demo, group_items(library, demo)[0].id)
    assert sum(len(g.members) for g in rounds[0].groups) == 28


def test_import_preview_then_store(qtbot, arun, library, command_service, session_window, tmp_path):
    command = CreateSession(title="Import")
    arun(command_service.push_and_wait(command))
    sid = command.session_id
    path = tmp_path / "aanmeldingen.csv"
    path.write_bytes(
        "Naam;Organisatie;E-mail\r\nJörg Müller;Gemeente;j@x.nl\r\n;GGD;g@x.nl\r\n".encode("cp1252")
    )
    window, page = _participants(arun, session_window, sid)
    page.import_file(str(path))
    _until(arun, lambda: page.findChild(ImportPreviewDialog) is not None)
    dialog = page.findChild(ImportPreviewDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.model.rowCount() == 2, "every row is shown, also the one that is skipped"
    assert list_people(library, sid) == [], "nothing is stored before confirming"
    dialog.findChild(QPushButton, "import-confirm").click()
    _wait(arun, command_service)
    assert [p.name for p in list_people(library, sid)] == ["Jörg Müller"]
    # a file that is not a list gives a message, not a crash
    bad = tmp_path / "kapot.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    page.import_file(str(bad))
    _until(arun, lambda: any(b.isVisible() for b in page.findChildren(QMessageBox)))
    boxes = [b for b in page.findChildren(QMessageBox) if b.isVisible()]
    assert boxes and "kapot.xlsx" in boxes[-1].text()


def _groups(arun, session_window, sid):
    window = session_window(sid)
    page = window.show_page("groups")
    _until(arun, lambda: page.state is not None and page.cards and not page.board.building())
    return window, page


def test_move_by_drop_and_menu_lock_and_undo(
    qtbot, arun, library, command_service, session_window, demo
):
    window, page = _groups(arun, session_window, demo)
    assert len(page.cards) == 5
    first, second = page.cards[0], page.cards[1]
    mover = first.group.members[0].participant_id
    # drop a member of table 1 onto table 2
    mime: QMimeData = encode_drag(mover, first.group.id)
    event = QDropEvent(
        QPointF(5, 5),
        Qt.DropAction.MoveAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    second.members.dropEvent(event)
    _wait(arun, command_service)
    _until(arun, lambda: mover in page.current_round().groups[1].member_ids)
    item_id = page.item_id
    r1 = item_rounds(library, demo, item_id)[0]
    assert mover in r1.groups[1].member_ids and mover not in r1.groups[0].member_ids
    assert r1.groups[1].member_ids[0] == mover, "dropped at the seat under the cursor"
    # lock table 2: moving someone into it is refused with a message; nothing changes
    page.cards[1].lock.click()
    _wait(arun, command_service)
    _until(arun, lambda: page.current_round().groups[1].locked)
    assert item_rounds(library, demo, item_id)[0].groups[1].locked
    card: GroupCard = page.cards[0]
    other = card.group.members[0].participant_id
    menu = card.menu_for(other)
    move_to = next(
        a
        for a in menu.findChildren(type(menu.actions()[0]))
        if a.objectName() == f"move-to-{page.cards[1].group.id}"
    )
    move_to.trigger()
    _wait(arun, command_service)
    assert other in item_rounds(library, demo, item_id)[0].groups[0].member_ids
    warning = [b for b in page.findChildren(QMessageBox) if b.isVisible()]
    assert warning and any(w in warning[-1].text() for w in ("locked", "vergrendeld"))
    warning[-1].close()
    # the move menu to an unlocked table works
    menu = page.cards[0].menu_for(other)
    target = page.cards[2].group.id
    next(
        a
        for a in menu.findChildren(type(menu.actions()[0]))
        if a.objectName() == f"move-to-{target}"
    ).trigger()
    _wait(arun, command_service)
    assert other in item_rounds(library, demo, item_id)[0].groups[2].member_ids
    # undo three times: back to the demo's table 1
    for _step in range(3):
        command_service.undo()
    _wait(arun, command_service)
    r1 = item_rounds(library, demo, item_id)[0]
    assert mover in r1.groups[0].member_ids and not r1.groups[1].locked


def test_names_host_and_print(
    qtbot, arun, library, command_service, session_window, demo, tmp_path
):
    window, page = _groups(arun, session_window, demo)
    card = page.cards[0]
    card.table_edit.setFocus()
    card.table_edit.selectAll()
    qtbot.keyClicks(card.table_edit, "Tafel <b>Zon</b>")
    qtbot.keyClick(card.table_edit, Qt.Key.Key_Return)
    _wait(arun, command_service)
    _until(arun, lambda: page.current_round().groups[0].table_name == "Tafel <b>Zon</b>")
    rnd = item_rounds(library, demo, page.item_id)[0]
    assert rnd.groups[0].table_name == "Tafel <b>Zon</b>"
    new_host = next(
        m.participant_id
        for m in rnd.groups[0].members
        if m.participant_id not in (rnd.groups[0].host_id, rnd.groups[0].rapporteur_id)
    )
    card = page.cards[0]
    menu = card.menu_for(new_host)
    menu.actions()[0].trigger()  # Make host
    _wait(arun, command_service)
    assert item_rounds(library, demo, page.item_id)[0].groups[0].host_id == new_host
    opened = []
    page.print_dir = tmp_path
    page.open_file = opened.append
    page.print_cards()
    _until(arun, lambda: bool(opened))
    assert opened and Path(opened[0]).read_bytes().startswith(b"%PDF")
    from pypdf import PdfReader

    text = PdfReader(str(opened[0])).pages[0].extract_text()
    assert "Tafel <b>Zon</b>" in text


def _dealt_planner(request: PlanRequest) -> PlanResult:
    """A small hand-made planner for the page test: deal people round the tables."""
    people = sorted(request.people, key=lambda p: p.attributes.get("organisation", ""))
    count = request.group_count or max(1, round(len(people) / (request.group_size or 6)))
    rounds = []
    for r in range(request.rounds):
        groups: list[list] = [[] for _ in range(count)]
        for i, person in enumerate(people):
            groups[(i + r * (i // count)) % count].append(person.id)
        for fixed in request.fixed:
            if fixed.round_index == r:
                rest = [m for g in groups for m in g if m not in fixed.members]
                groups = [[] for _ in range(count)]
                groups[fixed.group_index] = list(fixed.members)
                others = [g for i, g in enumerate(groups) if i != fixed.group_index]
                for i, pid in enumerate(rest):
                    others[i % len(others)].append(pid)
        rounds.append(tuple(PlannedGroup(tuple(g)) for g in groups))
    return PlanResult(tuple(rounds), Quality(0, 1, 0, 0, 0), 0.01, "dealt")


def test_plan_button_keeps_locked_group(
    qtbot, arun, library, command_service, session_window, demo, monkeypatch
):
    monkeypatch.setattr("ui.groups.page.run_planner", _dealt_planner)
    window, page = _groups(arun, session_window, demo)
    page.cards[2].lock.click()
    _wait(arun, command_service)
    _until(arun, lambda: page.current_round().groups[2].locked)
    locked_members = set(item_rounds(library, demo, page.item_id)[0].groups[2].member_ids)
    page.rounds.setValue(2)
    page.plan_button.click()
    _until(arun, lambda: page.round_tabs.count() == 2)
    _wait(arun, command_service)
    rounds = item_rounds(library, demo, page.item_id)
    assert len(rounds) == 2 and page.round_tabs.count() == 2
    assert set(rounds[0].groups[2].member_ids) == locked_members
    for rnd in rounds:
        assert len(rnd.placed()) == 28  # everyone present, once
    command_service.undo()
    _wait(arun, command_service)
    assert len(item_rounds(library, demo, page.item_id)) == 1


def test_late_arrival_absorbed_from_the_groups_page(
    qtbot, arun, library, command_service, session_window, demo
):
    from workshop.people.commands import SetPresence

    window, page = _groups(arun, session_window, demo)
    hanneke = _person(library, demo, "Hanneke de Boer")  # absent in the demo
    leaver = page.cards[0].group.members[0].participant_id
    arun(command_service.push_and_wait(SetPresence([hanneke.id], "aanwezig")))
    arun(command_service.push_and_wait(SetPresence([leaver], "vertrokken")))
    _until(arun, lambda: "Hanneke de Boer" in page.status.text())
    assert "Hanneke de Boer" in page.status.text()
    before = item_rounds(library, demo, page.item_id)[0]
    page.absorb_button.click()
    _wait(arun, command_service)
    after = item_rounds(library, demo, page.item_id)[0]
    assert hanneke.id in after.placed() and leaver not in after.placed()
    moved = sum(
        1
        for g_before, g_after in zip(before.groups, after.groups, strict=True)
        for pid in g_after.member_ids
        if pid not in g_before.member_ids
    )
    assert moved <= 2, f"{moved} people changed table for one arrival and one departure"
    _until(arun, lambda: page.status.text() == "")
    assert page.status.text() == ""


def test_one_click_switches_may_be_named(
    qtbot, arun, library, command_service, session_window, demo
):
    from ui.pages.people_model import NAMED_COLUMN

    window, page = _participants(arun, session_window, demo)
    qtbot.keyClicks(page.search, "Daan")  # not to be named in the demo
    assert not _person(library, demo, "Daan van Dijk").may_be_named
    index = page.proxy.index(0, NAMED_COLUMN)
    rect = page.table.visualRect(index)
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    _wait(arun, command_service)
    assert _person(library, demo, "Daan van Dijk").may_be_named
    command_service.undo()
    _wait(arun, command_service)
    assert not _person(library, demo, "Daan van Dijk").may_be_named
