"""Seed 000: the Impact.Booster follow-up meeting of the Transform hackathon (Essent, Den Bosch,
17 februari): the hackathon's results presented, the follow-up from an event to a platform,
then groups per track (*spoor*) analyse photos of the hackathon's canvases and report in
plenary where we get stuck and with whom. The agenda is imported (CSV), people choose their
spoor on registration; by keyboard, projector on the second screen.

Notes typed on the plenary item are filed under it (not under the groups' own item): the
second test (issue 11)."""

from __future__ import annotations

import io
import re
from datetime import date, time

from PIL import Image
from pypdf import PdfReader
from PySide6.QtCore import Qt

from workshop.capture.queries import reporting_queue

AGENDA = (
    "Onderdeel;Minuten;Soort;Wie\r\n"
    "Welkom bij Essent;10;welkom;\r\n"
    "De resultaten van de Hackathon: het rapport;20;presentatie;Anna Helmus\r\n"
    "Het vervolg: van een evenement naar een platform;15;presentatie;\r\n"
    "Sporen: canvassen analyseren per spoor;45;subgroepen;\r\n"
    "Terugkoppeling: waar lopen we vast en met wie?;30;terugkoppeling;\r\n"
    "We zijn allemaal Team.Transform: wie doet mee?;15;afsluiting;\r\n"
)
SPOREN = (
    "Meerschalige beleidsontwikkeling",
    "Lokale waardesystemen",
    "Gelaagd energiesysteem",
    "Zeggenschap en eigenaarschap",
)
ROLES = ("Kansrijk team", "Challenge owner", "JEDI", "Partner")
NAMES = (
    "Daan Roelofs",
    "Iris van Dam",
    "Joost Lammers",
    "Karlijn Smeets",
    "Maarten Claassen",
    "Nina Hermans",
    "Olaf Timmer",
    "Priya Ramdin",
    "Quinten Sluis",
    "Roos Evers",
    "Stijn Bakker",
    "Tamara Wolf",
    "Ugur Demir",
    "Vincent Kramer",
    "Willemijn Dros",
    "Xavier Leeflang",
    "Yvonne Ploeg",
    "Zoë Verkerk",
    "Arno Pijl",
    "Bente Kuijt",
)
STUCK = {
    1: [">Wetgeving laat geen lokaal experiment toe", "+Ministerie van EZK", "+Provincies"],
    2: [">Lokale waarde telt niet mee in de business case", "+Energiecoöperaties"],
}


def registrations() -> str:
    rows = ["Naam;Organisatie;Rol;Thema;Toestemming naam"]
    for n, name in enumerate(NAMES):
        rows.append(f"{name};Organisatie {n % 7};{ROLES[n % 4]};{SPOREN[n % 4]};ja")
    return "\r\n".join(rows) + "\r\n"


def canvas_photo(path, colour) -> str:
    image = Image.new("RGB", (1600, 1200), colour)
    for x in range(0, 1600, 120):
        image.paste((250, 240, 200), (x, 100, x + 80, 1100))  # sticky notes on a canvas
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    path.write_bytes(out.getvalue())
    return str(path)


def verslag_results(text: str) -> str:
    """The verslag's "Wat er naar voren kwam" chapter (after the contents and the programme,
    before the attendance appendix)."""
    # not the contents line ("… . . . 2") nor a running header ("… (vervolg)")
    start = re.search(r"Wat er naar voren kwam (?![.(])", text).start()
    return text[start : text.rindex("Bijlage: aanwezigen")]


def prepare(open_session, tmp_path):
    room = open_session(
        "seed-000",
        "Impact.Booster: het vervolg van Transform",
        date(2023, 2, 17),
        time(13, 30),
        time(15, 45),
        place="Hoofdkantoor Essent, Den Bosch",
        organiser="Transform",
    )
    room.import_agenda(AGENDA, tmp_path)
    assert len(room.agenda_titles()) == 6
    room.import_people(registrations(), tmp_path)
    room.check_in_everyone()
    groups = room.go_to_page("Groepen")
    room.until(lambda: groups.state is not None)
    groups.by_theme.setChecked(True)
    rounds = room.plan_groups("Sporen: canvassen", size=5)
    sporen = rounds[0].groups
    assert sorted(g.theme for g in sporen) == sorted(SPOREN)
    assert all(len(g.members) == 5 for g in sporen)
    room.step("groepen-per-spoor")
    return room, sporen


def to_plenary(room, sporen):
    live = room.go_to_page("Live")
    room.press(Qt.Key.Key_F5, live)
    shown = room.projector_text()
    assert "Impact.Booster: het vervolg van Transform" in shown
    assert "vrijdag 17 februari 2023 · 13:30 – 15:45" in shown
    room.press(Qt.Key.Key_Space, live)
    room.press(Qt.Key.Key_2, room.projector.window)
    for minutes, title in ((10, "De resultaten van de Hackathon"), (20, "Het vervolg")):
        room.wait_minutes(minutes)
        room.press(Qt.Key.Key_PageDown, live)
        assert room.live_title().startswith(title)
    lines = room.projector_lines()
    assert "Het vervolg: van een evenement naar een platform" in lines and "15:00" in lines
    assert any(line.startswith("Hierna · om 14:15 · Sporen") for line in lines), lines
    room.wait_minutes(15)
    room.press(Qt.Key.Key_PageDown, live)
    assert room.live_title() == "Sporen: canvassen analyseren per spoor"
    shown = room.projector_text()
    assert "Ronde 1 · Sporen: canvassen analyseren per spoor" in shown
    for spoor in SPOREN:
        assert f"“{spoor}”" in shown
    room.step("sporen")
    room.wait_minutes(45)
    room.press(Qt.Key.Key_PageDown, live)
    assert room.live_title() == "Terugkoppeling: waar lopen we vast en met wie?"
    return room.choose_capture_item("Terugkoppeling")


def test_follow_up_meeting_canvases_per_spoor(open_session, tmp_path):
    room, sporen = prepare(open_session, tmp_path)
    capture = to_plenary(room, sporen)
    feedback = room.item("Terugkoppeling")
    queue = reporting_queue(room.library, feedback.id)
    assert [e.theme for e in queue.entries] == [g.theme for g in sporen]
    for number, notes in STUCK.items():
        room.press(Qt.Key.Key_F8, capture.input.line)
        entry = queue.entries[number - 1]
        assert capture.group_id == entry.group_id
        assert room.capture_target().startswith(f"{entry.label} — {entry.theme}")
        lines = room.projector_lines()
        assert lines[lines.index("Aan het woord") + 1].endswith(f"“{entry.theme}”")
        # the photo of the spoor's canvas, dropped on the page
        photo = canvas_photo(tmp_path / f"canvas-{number}.jpg", (40, 90 + 40 * number, 160))
        room.arun(capture.add_photo_files([photo]))
        room.settle()
        assert capture.photos.list.count() == 1
        for text in notes:
            room.type_note(text)
        room.settle()
        assert capture.notes.count() == len(notes)
        room.wait_minutes(7)
        room.step(f"terugkoppeling-spoor-{number}")

    text = room.verslag_text(tmp_path)
    assert "Impact.Booster: het vervolg van Transform" in text
    results = verslag_results(text)
    # what each spoor reported, under that spoor's own heading, in the order they spoke
    # (a spoor that did not report gets no empty heading)
    headings = []
    for number, notes in STUCK.items():
        entry = queue.entries[number - 1]
        heading = f"{entry.label}: {entry.theme}"
        assert heading in results, heading
        headings.append(results.index(heading))
        for note in notes:
            assert results.index(note.lstrip(">+"), headings[-1]) > headings[-1], note
    assert headings == sorted(headings)
    for number, notes in STUCK.items():  # each note under its own spoor, not the next one
        after = headings[number] if number < len(headings) else len(results)
        for note in notes:
            assert results.index(note.lstrip(">+"), headings[number - 1]) < after, note
    images = sum(len(page.images) for page in PdfReader(room.verslag_pdf).pages)
    assert images >= 2  # the two canvases


def test_where_we_get_stuck_is_filed_under_the_plenary(open_session, tmp_path):
    room, sporen = prepare(open_session, tmp_path)
    capture = room.choose_capture_item("Terugkoppeling")
    room.press(Qt.Key.Key_F8, capture.input.line)
    for text in STUCK[1]:
        room.type_note(text)
    room.settle()
    text = room.verslag_text(tmp_path)
    results = verslag_results(text)
    assert "Terugkoppeling: waar lopen we vast en met wie?" in results
    plenary = results.index("Terugkoppeling: waar lopen we vast en met wie?")
    assert results.index(STUCK[1][0].lstrip(">")) > plenary
    assert "Sporen: canvassen analyseren per spoor · Ronde 1" not in results
