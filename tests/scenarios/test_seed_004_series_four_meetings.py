"""Seed 004 as a series: four meetings of one Community of Practice ("Regie in Transitie",
theme Energy Hubs, co-host Provincie Overijssel) run in a row in the app's windows.

Meeting 1 is put into a series on the Reeks page (co-host and logo of the series there);
its list is linked to the people register; tables are planned; actions are agreed.
"Volgende bijeenkomst…" makes each next meeting, which arrives with the programme, the
register on the list and a "Terugblik acties" item. At each next meeting: the list of that
day is imported, the newcomers are linked (the Reeks page says who is new), tables are
planned with the series' history (who met whom), the Terugblik acties item runs on the
projector with the earlier actions and their status, one is settled in the room, a new one
agreed. At the end the series verslag is written from the Reeks page (named and anonymous).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date, datetime, time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QPushButton

from workshop.clock import FakeClock
from workshop.grouping.queries import item_rounds
from workshop.people.queries import list_people
from workshop.series.actions import ActionStatus
from workshop.series.encounters import series_encounters

from .harness import REPO, Room

SERIES = "CoP Energy Hubs Twente"
DAYS = (date(2024, 10, 3), date(2024, 11, 7), date(2024, 12, 5), date(2025, 1, 16))
START, END = time(9, 30), time(12, 30)
AGENDA = (
    "Onderdeel;Minuten;Soort;Wie\r\n"
    "Inloop en welkom;15;welkom;Provincie Overijssel\r\n"
    "Casusbespreking aan tafels;40;subgroepen;\r\n"
    "Plenaire terugkoppeling;20;terugkoppeling;\r\n"
    "Afspraken en afsluiting;15;afsluiting;Provincie Overijssel\r\n"
)
ORGS = ("Gemeente Hengelo", "Gemeente Almelo", "Enexis Netbeheer", "Energiecoöperatie Twente")
REGULARS = (
    "Ilse Mulder",
    "Jeroen Smit",
    "Karin Bos",
    "Lars Meijer",
    "Mariam Haddou",
    "Niels de Boer",
    "Olga Dekker",
    "Pim Brouwer",
    "Rosa Hendriks",
    "Sem Koster",
    "Tess Willems",
    "Umut Yilmaz",
    "Vera Peters",
    "Wout Jacobs",
    "Xander Vos",
)
GUESTS = (
    ("Anna Groen", "Bas Wit", "Chris Zwart"),
    ("Daan Rood", "Eva Blauw", "Fleur Geel"),
    ("Gijs Paars", "Hanna Oranje", "Ivo Bruin"),
    ("Jet Grijs", "Koen Roze", "Lotte Goud"),
)
THEMES = ("Proces", "Rollen", "Financiering")  # the tables' learning areas
#: what meeting 1's plenary produced to build on: an open question and a lever
PRODUCED = ("?Wie beheert de hub als het een coöperatie wordt", ">Netcongestie eerst oplossen")
#: the actions agreed at each meeting (what, who, due date as typed)
AGREED = (
    ("Rekenmodel delen met de gemeenten", "Provincie Overijssel", "1-11-2024"),
    ("Netcapaciteit per bedrijventerrein in kaart", "Enexis Netbeheer", "1-12-2024"),
    ("Ondernemersavond organiseren", "Gemeente Almelo", ""),
    ("Evaluatie van de reeks", "Kernteam", "1-3-2025"),
)


def registrations(k: int) -> str:
    """Meeting k's list: the regulars (one is away at meetings 3 and 4), three guests."""
    rows = ["Naam;Organisatie;E-mail;Toestemming naam;Aanwezig"]
    for n, name in enumerate(REGULARS):
        if k >= 2 and n == 0:
            continue  # Ilse Mulder cannot come to meetings 3 and 4
        email = name.lower().replace(" ", ".") + "@twente.example"
        rows.append(f"{name};{ORGS[n % 4]};{email};ja;ja")
    rows += [f"{name};Bewonersinitiatief {k + 1};;ja;ja" for name in GUESTS[k]]
    return "\r\n".join(rows) + "\r\n"


def name_tables(room: Room) -> None:
    """Groepen: the tables of the round shown get a learning area each."""
    groups = room.page
    for card, theme in zip(groups.cards, THEMES, strict=True):
        room.type_into(card.theme_edit, theme)


def logo_file(tmp_path: Path) -> Path:
    image = QImage(240, 120, QImage.Format.Format_RGB32)
    image.fill(QColor("#1f6f43"))
    path = tmp_path / "provincie.png"
    image.save(str(path))
    return path


def open_meeting(qtbot, arun, library, commands, session_window, screens, k: int, sid: int):
    """A meeting's window on the laptop, its clock at the start of the meeting's day."""
    clock = FakeClock(datetime.combine(DAYS[k], START).astimezone())
    window = session_window(sid, clock=clock)
    window.setScreen(screens["LAPTOP"])
    window.setGeometry(screens["LAPTOP"].availableGeometry())
    room = Room(qtbot, arun, library, commands, window, clock, f"seed-004-reeks-{k + 1}")
    room.settle()
    return room


def series_page(room: Room):
    page = room.go_to_page("Reeks")
    room.until(lambda: page.loaded, what="Reeks page loaded")
    return page


def import_list(room: Room, k: int, tmp_path: Path, expected_rows: int) -> None:
    from ui.widgets.import_preview_dialog import ImportPreviewDialog

    path = tmp_path / f"aanmeldingen-{k + 1}.csv"
    path.write_bytes(registrations(k).encode("utf-8-sig"))
    people = room.go_to_page("Deelnemers")
    people.import_file(str(path))
    room.until(lambda: people.findChild(ImportPreviewDialog) is not None, what="preview")
    room.click(people.findChild(ImportPreviewDialog).findChild(QPushButton, "import-confirm"))
    room.until(lambda: people.model.rowCount() == expected_rows, what=f"{expected_rows} listed")


def link_newcomers(room: Room, page, newcomers: int) -> None:
    """The Reeks page says who on the list is new to the register; "Koppelen" links them."""
    room.until(lambda: page.meeting.link_button.isEnabled(), what="people to link")
    line = page.meeting.register_line.text()
    assert line.startswith(f"{newcomers} mensen op deze lijst staan nog niet in het register"), line
    assert f"{newcomers} nieuw" in line
    room.click(page.meeting.link_button)
    room.until(lambda: getattr(page, "link_dialog", None) is not None, what="every match shown")
    dialog = page.link_dialog
    assert dialog.table.rowCount() == newcomers
    assert dialog.intro.text().startswith(
        f"0 bekend via e-mail, 0 via naam en organisatie, {newcomers} nieuw"
    )
    room.click(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))
    room.until(lambda: not page.meeting.link_button.isEnabled(), what="linked")


def agree_action(room: Room, page, k: int) -> None:
    what, who, due = AGREED[k]
    panel = page.actions
    room.type_into(panel.what, what, enter=False)
    room.type_into(panel.who, who, enter=False)
    if due:
        room.type_into(panel.due, due, enter=False)
    room.click(panel.add_button)
    room.until(lambda: any(a.what == what for a in panel.actions), what=f"action {what!r}")


def make_next_meeting(room: Room, page, k: int) -> int:
    """ "Volgende bijeenkomst…": the dialog says what comes along; OK makes and opens it."""
    from ui.series.next_dialog import NextMeetingDialog

    room.click(page.next_button)
    room.until(lambda: page.findChild(NextMeetingDialog) is not None, what="next dialog")
    dialog = page.findChild(NextMeetingDialog)
    carried = dialog.carried.text()
    assert f"Programma uit “Programma van {SERIES}” (5 onderdelen)" in carried, carried
    assert "open acties komen terug in het onderdeel “Terugblik acties”" in carried, carried
    assert dialog.people.isChecked()
    if k == 0:  # what meeting 1 produced comes along into the review
        assert dialog.produced.isChecked()
        assert "Open vragen (1), hefbomen (1) en foto's (0)" in dialog.produced.text()
    dialog.title.setText(f"Energy Hubs in Twente — bijeenkomst {k + 2}")
    day = DAYS[k + 1]
    dialog.date.line.setText(f"{day.day}-{day.month}-{day.year}")
    room.click(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))
    room.until(lambda: page.made_session_id is not None, what="next meeting made")
    return page.made_session_id


def run_review(room: Room, k: int, expected_open: list[str]) -> None:
    """Live: welcome, then the Terugblik acties item on the projector."""
    live = room.go_to_page("Live")
    room.press(Qt.Key.Key_F5, live)
    assert room.projector_on_screen() == "PROJECTOR"
    shown = room.projector_text()
    assert f"Energy Hubs in Twente — bijeenkomst {k + 1}" in shown
    assert "in samenwerking met Provincie Overijssel" in shown  # the series' co-host
    room.press(Qt.Key.Key_Space, live)
    room.wait_minutes(15)
    room.press(Qt.Key.Key_PageDown, live)
    assert room.live_title() == "Terugblik acties"
    lines = room.projector_lines()
    total = len(expected_open)
    assert f"Acties uit eerdere bijeenkomsten · {total} van {total} nog open" in lines, lines
    for what in expected_open:
        assert any(line.startswith(what) for line in lines), (what, lines)
    assert "15:00" in lines  # the item's own countdown stays on the picture
    room.step("terugblik-acties")


def meeting_in_series(
    room: Room, k: int, tmp_path: Path, tables_1, open_actions: list
) -> int | None:
    """Meeting k+1 (made by "Volgende bijeenkomst…"), run; returns the next meeting's id."""
    # the next meeting arrived with the programme, the review item and the register
    assert room.agenda_titles() == [
        "Inloop en welkom",
        "Terugblik acties",
        "Casusbespreking aan tafels",
        "Plenaire terugkoppeling",
        "Afspraken en afsluiting",
    ]
    page = series_page(room)
    register = page.overview.register_size
    assert register == 15 + 3 * k
    assert page.heading.text() == f"{SERIES} · bijeenkomst {k + 1} van {k + 1}"
    people = room.go_to_page("Deelnemers")
    room.until(lambda: people.model.rowCount() == register)
    import_list(room, k, tmp_path, register + 3)
    page = series_page(room)
    link_newcomers(room, page, 3)
    newcomers = ", ".join(sorted(GUESTS[k]))
    room.until(
        lambda: page.meeting.new_label.text() == f"Nieuw in de reeks (3): {newcomers}",
        what="newcomers named",
    )
    room.plan_groups("Casusbespreking aan tafels", size=6, rounds=2)
    groups = room.page  # the Groepen page says what the series' history gave
    assert groups.history.isVisible() and groups.history.isChecked()
    said = groups.status.text()
    assert said.startswith("Reeks: ") and " nieuwe ontmoetingen in dit plan, " in said, said
    if k == 1:  # the same three learning areas as at meeting 1: themes that recur
        name_tables(room)
    page = series_page(room)
    if k == 1:
        recurring = ", ".join(f"{t} (in 2 bijeenkomsten)" for t in sorted(THEMES))
        assert page.meetings.themes.text() == f"Terugkerende thema's: {recurring}"
    room.until(lambda: page.meeting.met.topLevelItemCount() > 0, what="who met whom")
    if k == 1:  # the planner used the history: Jeroen meets nobody from meeting 1's tables
        before = {
            m.name
            for rnd in tables_1
            for g in rnd.groups
            if any(m.name == "Jeroen Smit" for m in g.members)
            for m in g.members
        }
        firsts = set(page.meeting.met_by("Jeroen Smit"))
        assert firsts and not firsts & before, (firsts, before)
    encounters = series_encounters(room.library, page.overview.series_id)
    assert page.meetings.row_texts()[k][5] == str(encounters[k].new)
    assert page.meetings.row_texts()[k][4] == "3"  # new in the series
    room.step("reeks")

    if k == 1:  # meeting 1's open question and lever wait on the review item, marked
        capture = room.choose_capture_item("Terugblik acties")
        room.until(lambda: capture.notes.count() == len(PRODUCED), what="carried notes")
        shown = [capture.notes.item(r).text() for r in range(capture.notes.count())]
        origin = "(uit “Energy Hubs in Twente — bijeenkomst 1”)"
        for text in PRODUCED:
            assert any(text[1:] in line and origin in line for line in shown), shown
    run_review(room, k, open_actions)
    settled = open_actions.pop(0)  # reported done in the room
    page = series_page(room)
    page.actions.set_status(settled, ActionStatus.GEDAAN)
    room.until(lambda: page.actions.status_of(settled) == "gedaan")
    room.go_to_page("Live")
    lines = room.projector_lines()
    assert "gedaan" in lines  # settled in the room, still on the list this meeting
    still = len(open_actions)
    total = still + 1
    assert f"Acties uit eerdere bijeenkomsten · {still} van {total} nog open" in lines
    page = series_page(room)
    agree_action(room, page, k)
    open_actions.append(AGREED[k][0])
    if k == 1:  # the meeting's own verslag looks back with the statuses
        text = room.verslag_text(tmp_path)
        assert "Terugblik acties" in text
        review = text[text.index("Wat er naar voren kwam") :]
        assert AGREED[0][0] in review and "gedaan" in review, review
    if k == 3:
        return None
    sid = make_next_meeting(room, page, k)
    room.projector.close_window()
    return sid


def test_four_meetings_of_one_cop_in_a_row(
    qtbot, arun, library, command_service, session_window, screens, open_session, tmp_path
):
    room = open_session(
        "seed-004-reeks-1",
        "Energy Hubs in Twente — bijeenkomst 1",
        DAYS[0],
        START,
        END,
        subtitle="Community of Practice ‘Regie in Transitie’",
        organiser="Regie in Transitie",
        place="Provinciehuis, Zwolle",
    )
    # -- meeting 1: into a series, co-host with logo, the list linked, tables, actions ----
    page = series_page(room)
    assert page.stack.currentIndex() == 0  # not in a series yet: the page offers one
    room.type_into(page.join_name, SERIES)
    room.until(lambda: page.overview is not None, what="series made")
    assert page.heading.text() == f"{SERIES} · bijeenkomst 1 van 1"
    room.type_into(page.cohosts.name, "Provincie Overijssel")
    room.until(lambda: page.overview.cohosts != (), what="series co-host")
    page.cohosts.list.setCurrentRow(0)
    room.click(page.cohosts.logo_button)
    dialog = page.cohosts.findChild(QFileDialog, "cohost-logo-dialog")
    dialog.fileSelected.emit(str(logo_file(tmp_path)))
    room.until(lambda: page.overview.cohosts[0][1] is not None, what="logo stored")
    assert not page.cohosts.list.item(0).icon().isNull()  # the logo shows on the page
    room.import_agenda(AGENDA, tmp_path)
    room.import_people(registrations(0), tmp_path)
    assert all(p.presence == "aanwezig" for p in list_people(room.library, room.session_id))
    page = series_page(room)
    link_newcomers(room, page, 18)
    room.until(lambda: page.meeting.new_label.text().startswith("Nieuw in de reeks (18)"))
    room.plan_groups("Casusbespreking aan tafels", size=6, rounds=2)
    name_tables(room)
    page = series_page(room)
    room.until(lambda: page.meeting.met.topLevelItemCount() == 18, what="who met whom")
    assert page.meetings.themes.text() == "Nog geen thema kwam terug in een tweede bijeenkomst."
    first = series_encounters(room.library, page.overview.series_id)[0]
    assert page.meeting.met_label.text() == (
        f"Wie ontmoette wie: {first.new} nieuwe ontmoetingen aan de tafels van deze bijeenkomst"
    )
    tables_1 = item_rounds(room.library, room.session_id, room.item("Casusbespreking").id)
    capture = room.choose_capture_item("Plenaire terugkoppeling")
    for text in PRODUCED:
        room.type_note(text)
    room.settle()
    room.until(lambda: capture.notes.count() == len(PRODUCED), what="notes typed")
    page = series_page(room)
    agree_action(room, page, 0)
    assert page.actions.counts.text().startswith("open: 1")
    assert page.meetings.row_texts()[0][3] == "18 van 18"
    room.click(page.programme_button)  # this agenda is the CoP's usual programme
    room.until(lambda: page.overview.programme is not None, what="usual programme")
    assert page.programme_line.text().startswith(f"Vast programma: “Programma van {SERIES}”")
    room.step("reeks-na-bijeenkomst-1")
    open_actions = [AGREED[0][0]]
    sid = make_next_meeting(room, page, 0)
    room.projector.close_window()

    rooms = []
    for k in (1, 2, 3):
        room = open_meeting(qtbot, arun, library, command_service, session_window, screens, k, sid)
        rooms.append(room)
        sid = meeting_in_series(room, k, tmp_path, tables_1, open_actions)

    # -- after meeting 4: the series page and the series verslag ------------------------
    page = series_page(room)
    rows = page.meetings.row_texts()
    assert [r[0] for r in rows] == ["1", "2", "3", "4"]
    assert [r[4] for r in rows] == ["18", "3", "3", "3"]
    assert [r[3] for r in rows] == ["18 van 18", "18 van 21", "17 van 24", "17 van 27"]
    assert page.actions.counts.text() == "open: 1 · bezig: 0 · gedaan: 3 · vervalt: 0"
    shots = os.environ.get("WORKSHOP_SCREENSHOTS") == "1"
    if shots:  # the whole page in one picture: the window as tall as its content
        window = page.window()
        size = window.size()
        window.resize(size.width(), 1600)
        room.spin(0.2)
        page.scroll.verticalScrollBar().setValue(0)
        room.spin(0.1)
        window.grab().save(str(REPO / "docs" / "series" / "reeks-pagina.png"))
        window.resize(size)
        room.spin(0.1)
    named = tmp_path / "reeksverslag.pdf"
    page.export_to(named)
    arun(page.wait_idle(), 90)
    assert page.report_path == named and named.exists(), page.status.text()
    assert page.status.text().startswith("Reeksverslag geschreven")
    text = " ".join(_pdf_text(named).split())
    for k in range(4):
        assert f"Energy Hubs in Twente — bijeenkomst {k + 1}" in text
    assert "in samenwerking met Provincie Overijssel" in text  # the series' co-host
    for what, _who, _due in AGREED:
        assert what in text
    if shots and shutil.which("pdftoppm"):
        out = REPO / "docs" / "series" / "reeksverslag"
        subprocess.run(
            ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", named, out], check=True
        )
        Path(f"{out}-1.png").replace(f"{out}.png")
    page.anonymous.setChecked(True)
    anonymous = tmp_path / "reeksverslag-anoniem.pdf"
    page.export_to(anonymous)
    arun(page.wait_idle(), 90)
    text = " ".join(_pdf_text(anonymous).split())
    assert "Energy Hubs in Twente — bijeenkomst 4" in text
    assert not any(name in text for name in REGULARS)
    assert "in samenwerking met Provincie Overijssel" in text
    for room in rooms:
        room.projector.close_window()


def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
