"""Seed 001: the Transitiegesprek "Lokale gemeenschappen als motor voor transitie" (vr 9 april,
15–17 u): introduction, presentation, a conversation on proven concepts, subgroups of six on
"aan welke knoppen moet gedraaid worden, en met wie?", plenary feedback group by group, a
second presentation and the reflection. Run from the app's own template, by keyboard, with the
projector on the second screen; the verslag at the end."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import Qt

from workshop.capture.queries import reporting_queue

ORGS = ("Gemeente Deventer", "SamenBeter", "Wijkcoöperatie Oost", "GGD", "Nederland gaat Lokaal")
FIRST = ("Anouk", "Bram", "Carla", "Daan", "Eline", "Fatima", "Gijs", "Hanneke")
LAST = ("de Vries", "Bakker", "Onderdelinden")


def registrations() -> str:
    rows = ["Naam;Organisatie;Toestemming naam"]
    for n in range(24):
        name = f"{FIRST[n % 8]} {LAST[n // 8]}"
        rows.append(f"{name};{ORGS[n % 5]};{'nee' if n == 5 else 'ja'}")
    return "\r\n".join(rows) + "\r\n"


NOTES = {
    1: [
        "Lokale initiatieven hebben ruimte in regels nodig",
        '"Pionieren zou het nieuwe normaal moeten zijn" - Carla',
        ">Financiering per wijk in plaats van per project",
        "+Woningcorporatie",
    ],
    2: [
        "?Wie betaalt de preventie",
        "!Verslag rondsturen @Jelleke voor 1 mei",
        ">Gelijkwaardige samenwerking met de gemeente",
    ],
}
REFLECTION = "Koers: meedoen met Nederland gaat Lokaal"


def test_transitiegesprek_from_template_to_verslag(open_session, tmp_path):
    room = open_session(
        "seed-001",
        "Lokale gemeenschappen als motor voor transitie",
        date(2021, 4, 9),
        time(15, 0),
        time(17, 0),
        subtitle="Transitiegesprek",
        organiser="De TransitieMotor",
    )
    # -- preparation: the template, the registrations, everyone checked in, groups of six ---
    room.apply_template("Transitiegesprek")
    titles = room.agenda_titles()
    assert titles[0] == "Introductie over de transitie" and len(titles) == 7
    room.import_people(registrations(), tmp_path)
    room.check_in_everyone()
    rounds = room.plan_groups("In subgroepen", size=6)
    assert [len(g.members) for g in rounds[0].groups] == [6, 6, 6, 6]
    room.step("groepen")

    # -- F5: the projector opens full screen on the beamer, on the welcome picture ----------
    live = room.go_to_page("Live")
    room.press(Qt.Key.Key_F5, live)
    assert room.projector_on_screen() == "PROJECTOR"
    assert room.projector.window.isFullScreen()
    shown = room.projector_text()
    assert "Lokale gemeenschappen als motor voor transitie" in shown
    assert "Transitiegesprek" in shown and "15:00 – 17:00" in shown
    assert "De TransitieMotor" in shown
    room.step("welkom")

    # -- Space: the session starts with the introduction -----------------------------------
    room.press(Qt.Key.Key_Space, live)
    assert room.live_title() == "Introductie over de transitie"
    room.press(Qt.Key.Key_2, room.projector.window)  # 2: the running item
    lines = room.projector_lines()
    assert "Introductie over de transitie" in lines
    assert "10:00" in lines  # the item's countdown
    assert any(line.startswith("Hierna · om 15:10 · Presentatie") for line in lines), lines
    assert "1 van 7" in lines
    room.wait_minutes(4)
    assert "06:00" in room.projector_lines() or "6:00" in room.projector_lines()
    room.step("introductie")

    # -- PgDown through the presentation and the conversation ------------------------------
    room.wait_minutes(6)
    room.press(Qt.Key.Key_PageDown, live)
    assert room.live_title().startswith("Presentatie: Lokale gemeenschappen")
    assert "2 van 7" in room.projector_lines()
    room.wait_minutes(15)
    room.press(Qt.Key.Key_PageDown, live)
    assert room.live_title() == "Gesprek over ‘proven concepts’"
    room.wait_minutes(20)

    # -- the subgroups: the room sees who sits where --------------------------------------
    room.press(Qt.Key.Key_PageDown, live)
    assert room.live_title().startswith("In subgroepen")
    shown = room.projector_text()
    assert "Ronde 1 · In subgroepen" in shown
    for n in range(1, 5):
        assert f"Groep {n}" in shown
    for member in rounds[0].groups[0].members:
        assert member.name in shown
    assert "30:00" in room.projector_lines()
    room.step("subgroepen")
    room.wait_minutes(30)

    # -- plenary feedback: F8 gives the floor group by group -------------------------------
    room.press(Qt.Key.Key_PageDown, live)
    assert room.live_title() == "Plenaire terugkoppeling"
    lines = room.projector_lines()  # before anyone has the floor: who reports first
    assert lines[lines.index("Brengt hierna verslag uit") + 1].startswith("Groep 1")
    assert "Aan het woord" not in lines
    capture = room.go_to_page("Terugkoppeling")
    feedback = room.item("Plenaire terugkoppeling")
    assert capture.item_id == feedback.id
    queue = reporting_queue(room.library, feedback.id)
    assert [e.label for e in queue.entries] == ["Groep 1", "Groep 2", "Groep 3", "Groep 4"]
    for number, notes in NOTES.items():
        room.press(Qt.Key.Key_F8, capture.input.line)
        assert capture.group_id == queue.entries[number - 1].group_id
        assert room.capture_target().startswith(f"Groep {number}")
        lines = room.projector_lines()
        assert lines[lines.index("Aan het woord") + 1].startswith(f"Groep {number}")
        assert "03:00" in lines  # the group's speaking time
        for text in notes:
            room.type_note(text)
        room.settle()
        assert capture.notes.count() == len(notes)
        room.wait_minutes(2)
        assert "01:00" in room.projector_lines()
        room.step(f"terugkoppeling-groep-{number}")
    # N: the room sees what was captured for the group that has the floor
    room.press(Qt.Key.Key_N, room.projector.window)
    assert "Opgehaald tot nu toe" in room.projector_text()
    assert "Gelijkwaardige samenwerking met de gemeente" in room.projector_text()
    room.press(Qt.Key.Key_N, room.projector.window)

    # -- the second presentation and the reflection ---------------------------------------
    live = room.go_to_page("Live")
    room.wait_minutes(16)
    room.press(Qt.Key.Key_PageDown, live)
    room.press(Qt.Key.Key_PageDown, live)
    assert room.live_title().startswith("Reflectie en vooruitblik")
    lines = room.projector_lines()
    assert "Laatste onderdeel van het programma" in lines and "7 van 7" in lines
    capture = room.choose_capture_item("Reflectie en vooruitblik")
    reflection = room.item("Reflectie en vooruitblik")
    assert capture.item_id == reflection.id
    room.type_note(REFLECTION)
    room.settle()
    room.step("reflectie")
    room.live_keys(Qt.Key.Key_PageDown)  # after the last item the session ends
    assert room.live_title() == "De bijeenkomst is afgelopen"

    # -- the verslag -----------------------------------------------------------------------
    text = room.verslag_text(tmp_path)
    assert "Lokale gemeenschappen als motor voor transitie" in text
    for title in ("Introductie over de transitie", "Plenaire terugkoppeling"):
        assert title in text
    for member in rounds[0].groups[0].members:
        if member.name != "Fatima de Vries":  # did not agree to be named
            assert member.name in text
    assert "Fatima de Vries" not in text
    for notes in NOTES.values():
        for note in notes:
            bare = note.lstrip('?!>+"').split('" -')[0].split(" @")[0]
            assert bare in text, bare
    assert "Carla" in text  # the quote's speaker
    assert REFLECTION in text


def test_running_late_the_projector_says_when_the_next_part_is_expected(open_session):
    room = open_session(
        "seed-001-late",
        "Lokale gemeenschappen als motor voor transitie",
        date(2021, 4, 9),
        time(15, 0),
        time(17, 0),
    )
    room.apply_template("Transitiegesprek")
    live = room.go_to_page("Live")
    room.press(Qt.Key.Key_F5, live)
    room.press(Qt.Key.Key_Space, live)
    room.press(Qt.Key.Key_2, room.projector.window)
    room.wait_minutes(14)  # the introduction runs four minutes over
    expected = room.live_expected("Presentatie: Lokale gemeenschappen")
    assert expected == "15:14"
    lines = room.projector_lines()
    assert any(line.startswith(f"Hierna · om {expected} · Presentatie") for line in lines), lines
