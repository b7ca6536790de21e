"""Seed 004: one meeting of a themed regional group of the Communities of Practice "Regie in
Transitie" (theme Energy Hubs), organised with a co-host organisation (a province). The
agenda comes from the co-host's spreadsheet (CSV import); municipalities, the grid operator
and energy co-operatives discuss a regional case in subgroups of six per learning area
(proces, rollen, financiering); plenary feedback; what participants take back to colleagues
and administrators. The series across meetings is another issue."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import Qt

from workshop.capture.queries import reporting_queue
from workshop.grouping.queries import item_rounds
from workshop.sessions.cohosts import list_cohosts

AGENDA = (
    "Onderdeel;Minuten;Soort;Wie\r\n"
    "Inloop en welkom door de co-host;15;welkom;Provincie Overijssel\r\n"
    "Waar staan we: regie in de lokale energietransitie;20;presentatie;Kernteam\r\n"
    "Casus uit de regio: een energy hub op het bedrijventerrein;20;presentatie;Gemeente Hengelo\r\n"
    "Casusbespreking in subgroepen: proces, rollen en financiering;45;subgroepen;\r\n"
    "Pauze;15;pauze;\r\n"
    "Plenaire terugkoppeling;30;terugkoppeling;\r\n"
    "Wat nemen we mee naar collega's en bestuurders?;20;reflectie;\r\n"
    "Afsluiting en volgende bijeenkomst;15;afsluiting;Provincie Overijssel\r\n"
)
ORGS = (
    "Gemeente Hengelo",
    "Gemeente Almelo",
    "Gemeente Enschede",
    "Enexis Netbeheer",
    "Energiecoöperatie Twente",
    "Provincie Overijssel",
)
PEOPLE = (
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
    "Yara Maas",
    "Zeynep Kaya",
    "Arjen Post",
)
THEMES = ("Proces", "Rollen", "Financiering")
NOTES = {
    "Proces": ["Begin bij de ondernemers op het terrein, niet bij het net", "+Netbeheerder"],
    "Rollen": [
        "?Wie houdt regie als de hub een coöperatie wordt",
        '"De gemeente faciliteert, de ondernemers besluiten" - Karin',
    ],
    "Financiering": [
        ">Revolverend fonds voor de eerste hubs",
        "!Rekenmodel delen @Provincie Overijssel voor 1 november",
    ],
}
TAKE_HOME = "Collega's uitnodigen voor de casusbespreking in de volgende bijeenkomst"


def registrations() -> str:
    rows = ["Naam;Organisatie;Toestemming naam"]
    rows += [f"{name};{ORGS[n % 6]};ja" for n, name in enumerate(PEOPLE)]
    return "\r\n".join(rows) + "\r\n"


def prepare(open_session, tmp_path):
    """The co-host's agenda imported, people registered and present, three groups by theme."""
    room = open_session(
        "seed-004",
        "Energy Hubs in Twente",
        date(2024, 10, 3),
        time(9, 30),
        time(12, 30),
        subtitle="Community of Practice ‘Regie in Transitie’",
        organiser="Regie in Transitie",
        place="Provinciehuis, Zwolle",
    )
    details = room.go_to_page("Gegevens")
    room.type_into(details.cohosts.name, "Provincie Overijssel")  # Enter adds it
    room.until(
        lambda: (
            [h.name for h in list_cohosts(room.library, room.session_id)]
            == ["Provincie Overijssel"]
        ),
        what="co-host stored",
    )
    room.import_agenda(AGENDA, tmp_path)
    titles = room.agenda_titles()
    assert titles[0] == "Inloop en welkom door de co-host" and len(titles) == 8
    room.import_people(registrations(), tmp_path)
    room.check_in_everyone()
    rounds = room.plan_groups("Casusbespreking in subgroepen", size=6)
    assert [len(g.members) for g in rounds[0].groups] == [6, 6, 6]
    groups = room.page
    for card, theme in zip(groups.cards, THEMES, strict=True):
        room.type_into(card.theme_edit, theme)
    sub = room.item("Casusbespreking")
    assert [g.theme for g in item_rounds(room.library, room.session_id, sub.id)[0].groups] == list(
        THEMES
    )
    room.step("groepen-per-leergebied")
    return room


def open_projector_and_start(room):
    live = room.go_to_page("Live")
    room.press(Qt.Key.Key_F5, live)
    assert room.projector_on_screen() == "PROJECTOR"
    shown = room.projector_text()
    assert "Energy Hubs in Twente" in shown
    assert "Community of Practice ‘Regie in Transitie’" in shown
    assert "donderdag 3 oktober 2024 · 09:30 – 12:30" in shown
    assert "Provinciehuis, Zwolle" in shown
    assert "in samenwerking met Provincie Overijssel" in shown
    room.step("welkom")
    room.press(Qt.Key.Key_Space, live)
    assert room.live_title() == "Inloop en welkom door de co-host"
    return live


def to_plenary(room, live):
    room.wait_minutes(15)
    room.press(Qt.Key.Key_PageDown, live)
    assert room.live_title().startswith("Waar staan we")
    lines = room.projector_lines()
    assert "Waar staan we: regie in de lokale energietransitie" in lines
    assert "20:00" in lines and "Kernteam" in lines
    assert any(line.startswith("Hierna · om 10:05 · Casus uit de regio") for line in lines), lines
    room.wait_minutes(20)
    room.press(Qt.Key.Key_PageDown, live)
    room.wait_minutes(20)
    room.press(Qt.Key.Key_PageDown, live)
    assert room.live_title().startswith("Casusbespreking in subgroepen")
    shown = room.projector_text()
    assert "Ronde 1 · Casusbespreking in subgroepen" in shown
    for n, theme in enumerate(THEMES, start=1):
        assert f"Groep {n}\nTafel {n} · “{theme}”" in shown
    assert "45:00" in room.projector_lines()
    room.step("subgroepen")
    room.wait_minutes(45)
    room.press(Qt.Key.Key_PageDown, live)
    assert room.live_title() == "Pauze"
    room.wait_minutes(15)
    room.press(Qt.Key.Key_PageDown, live)
    assert room.live_title() == "Plenaire terugkoppeling"
    lines = room.projector_lines()  # before anyone has the floor: who reports first
    assert lines[lines.index("Brengt hierna verslag uit") + 1] == "Groep 1 · Tafel 1 · “Proces”"
    assert "Aan het woord" not in lines


def test_cop_meeting_with_a_co_host(open_session, tmp_path):
    room = prepare(open_session, tmp_path)
    live = open_projector_and_start(room)
    to_plenary(room, live)

    capture = room.go_to_page("Terugkoppeling")
    feedback = room.item("Plenaire terugkoppeling")
    assert capture.item_id == feedback.id
    queue = reporting_queue(room.library, feedback.id)
    assert [e.theme for e in queue.entries] == list(THEMES)
    for n, theme in enumerate(THEMES, start=1):
        room.press(Qt.Key.Key_F8, capture.input.line)
        assert capture.group_id == queue.entries[n - 1].group_id
        assert room.capture_target().startswith(f"Groep {n} — {theme}")
        lines = room.projector_lines()
        assert lines[lines.index("Aan het woord") + 1] == f"Groep {n} · Tafel {n} · “{theme}”"
        for text in NOTES[theme]:
            room.type_note(text)
        room.settle()
        assert capture.notes.count() == len(NOTES[theme])
        room.wait_minutes(10)
        room.step(f"terugkoppeling-{theme.lower()}")

    live = room.go_to_page("Live")
    room.press(Qt.Key.Key_PageDown, live)
    assert room.live_title() == "Wat nemen we mee naar collega's en bestuurders?"
    room.choose_capture_item("Wat nemen we mee")
    room.type_note(TAKE_HOME)
    room.settle()
    room.live_keys(Qt.Key.Key_PageDown)
    assert room.live_title() == "Afsluiting en volgende bijeenkomst"
    assert "Laatste onderdeel van het programma" in room.projector_lines()

    text = room.verslag_text(tmp_path)
    assert "Energy Hubs in Twente" in text
    assert "Regie in Transitie" in text
    for theme, notes in NOTES.items():
        assert theme in text
        for note in notes:
            bare = note.lstrip('?!>+"').split('" -')[0].split(" @")[0]
            assert bare in text, bare
    assert TAKE_HOME in text
    for name in PEOPLE:
        assert name in text  # everyone agreed to be named
    assert "in samenwerking met Provincie Overijssel" in " ".join(text.split())


def test_imported_agenda_shares_the_plenary_time_over_the_groups(open_session, tmp_path):
    room = prepare(open_session, tmp_path)
    live = open_projector_and_start(room)
    to_plenary(room, live)
    capture = room.go_to_page("Terugkoppeling")
    room.press(Qt.Key.Key_F8, capture.input.line)
    assert "10:00" in room.projector_lines()  # 30 minutes over three groups
