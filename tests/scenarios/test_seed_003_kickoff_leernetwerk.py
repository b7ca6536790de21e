"""Seed 003: the kick-off of the learning network "Het Nieuwe Stadmaken" (Pakhuis de Zwijger,
woensdag 19 april): cities pitch their practice, then THREE rounds of table talks in groups of
six with new people at the table each round, a harvest per table in plenary, and the
participants' quotes in the verslag. Run from the app's kick-off template (its table talk is
a *Gesprek* with the rounds as steps), by keyboard, with the projector on the second screen.

The main test runs the whole afternoon; the hand-offs issue 11 found broken (and fixed) have a
test each: the projector follows the running round, the harvest finds the table groups of a
Gesprek, a typed pitch order is no breakout round, a quote names the Stadmaker who agreed."""

from __future__ import annotations

import re
from datetime import date, time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QTableWidget

from workshop.capture.queries import reporting_queue

CITIES = (
    "Amsterdam",
    "Den Haag",
    "Dordrecht",
    "Enschede",
    "Haarlem",
    "Lelystad",
    "Nijmegen",
    "Parkstad",
    "Roeselare",
)
FIRST = ("Anouk", "Bas", "Chantal", "Dirk")
STEPS = (
    "Ronde 1: waaraan werk je de komende twee jaar?",
    "Ronde 2: voor welke uitdagingen sta je, en wat kun je van elkaar leren?",
    "Ronde 3: hoe gaan we samenwerken?",
    "Tafelhost kiest de drie belangrijkste punten",
)
HARVEST = [
    '"Ons initiatief gaat dwars door de systeemwereld. We passen niet in een hokje." - Anouk',
    '"Het is de uitdaging dat iets niet stilvalt na een experiment"',
    ">Financiering die past bij initiatieven die in geen hokje passen",
    "?Hoe kan je de (geld)waarde van een initiatief uitdrukken",
]
TABLE_HARVEST = {1: [HARVEST[0], HARVEST[2]], 2: [HARVEST[1], HARVEST[3]]}
FINANCING = "Financiering die past bij initiatieven die in geen hokje passen"
TALK = "Tafelgesprekken: waaraan ga je werken, en hoe?"
QUOTES = (
    "Ons initiatief gaat dwars door de systeemwereld. We passen niet in een hokje.",
    "Het is de uitdaging dat iets niet stilvalt na een experiment",
)


def verslag_results(text: str) -> str:
    """The verslag's "Wat er naar voren kwam" chapter (not its line in the contents, nor a
    page's running header "… (vervolg)"), up to the attendance appendix."""
    start = re.search(r"Wat er naar voren kwam (?![.(])", text).start()
    return text[start : text.rindex("Bijlage: aanwezigen")]


def registrations() -> str:
    """Four Stadmakers per city (36): the city's practice is their initiative."""
    rows = ["Naam;Organisatie;Initiatief;Toestemming naam"]
    for c, city in enumerate(CITIES):
        for f, first in enumerate(FIRST):
            consent = "nee" if (c, f) == (2, 3) else "ja"
            rows.append(f"{first} {city};Gemeente {city};Praktijk {city};{consent}")
    return "\r\n".join(rows) + "\r\n"


def prepare(open_session, tmp_path, plan: bool = True):
    """The template, its table talk set to three rounds, 36 Stadmakers, 3 rounds planned."""
    room = open_session(
        "seed-003",
        "Startbijeenkomst leernetwerk Het Nieuwe Stadmaken",
        date(2017, 4, 19),
        time(14, 0),
        time(17, 30),
        subtitle="Samen leren co-creëren",
        place="Pakhuis de Zwijger, Amsterdam",
        organiser="Het Nieuwe Stadmaken",
    )
    agenda = room.apply_template("Kick-off leernetwerk")
    talk = room.item("Tafelgesprekken")
    assert talk.kind == "gesprek"
    room.step("agenda-uit-sjabloon")
    # three rounds instead of the template's two: the third step becomes Ronde 3, one added
    agenda.select_ids([talk.id], talk.id)
    room.settle()
    steps = agenda.details.findChild(QTableWidget, "details-steps")
    assert steps.rowCount() == 3
    steps.item(2, 0).setText(STEPS[2])
    room.settle()
    room.click(agenda.details.findChild(QPushButton, "details-add-step"))
    steps = agenda.details.findChild(QTableWidget, "details-steps")
    steps.item(3, 0).setText(STEPS[3])
    room.settle()
    assert [s["title"] for s in room.item("Tafelgesprekken").steps] == list(STEPS)

    room.import_people(registrations(), tmp_path)
    room.check_in_everyone()
    if not plan:
        return room, []
    rounds = room.plan_groups("Tafelgesprekken", size=6, rounds=3)
    assert [r.number for r in rounds] == [1, 2, 3]
    for rnd in rounds:
        assert sorted(len(g.members) for g in rnd.groups) == [6] * 6
    met: set[frozenset[int]] = set()
    for rnd in rounds:  # new people at the table every round
        for group in rnd.groups:
            ids = [m.participant_id for m in group.members]
            pairs = {frozenset((a, b)) for a in ids for b in ids if a < b}
            assert not pairs & met, "two people met twice"
            met |= pairs
    assert "herhaalde ontmoetingen: 0" in room.page.quality.text()
    room.step("drie-rondes-tafels")
    return room, rounds


def start(room):
    live = room.go_to_page("Live")
    room.press(Qt.Key.Key_F5, live)
    assert room.projector_on_screen() == "PROJECTOR"
    shown = room.projector_text()
    assert "Startbijeenkomst leernetwerk Het Nieuwe Stadmaken" in shown
    assert "Samen leren co-creëren" in shown and "Pakhuis de Zwijger, Amsterdam" in shown
    assert "woensdag 19 april 2017 · 14:00 – 17:30" in shown
    room.step("welkom")
    room.press(Qt.Key.Key_Space, live)
    assert room.live_title() == "Ontvangst"
    assert "Ontvangst" in room.projector_lines()  # Space: the beamer leaves the welcome
    return live


def pitches(room, live):
    """Introduction, programme, then the city pitches: the order typed, F8 per city."""
    for minutes, title in ((15, "Introductie door de gastheer"), (10, "Het leernetwerk")):
        room.wait_minutes(minutes)
        room.press(Qt.Key.Key_PageDown, live)
        assert room.live_title().startswith(title)
    room.wait_minutes(15)
    room.press(Qt.Key.Key_PageDown, live)
    assert room.live_title() == "Pitches per stad: onze praktijk"
    lines = room.projector_lines()
    assert "Pitches per stad: onze praktijk" in lines and "45:00" in lines
    assert any(line.startswith("Hierna · om 15:25 · Pauze") for line in lines), lines
    capture = room.choose_capture_item("Pitches per stad")
    pitch = room.item("Pitches per stad")
    for city in CITIES:
        room.type_into(capture.queue_panel.adder, city)
    queue = reporting_queue(room.library, pitch.id)
    assert [e.label for e in queue.entries] == list(CITIES)
    assert queue.entries[0].effective_minutes == 4
    for city in CITIES[:2]:
        room.press(Qt.Key.Key_F8, capture.input.line)
        assert room.capture_target().startswith(city)
        assert capture.queue_panel.speaker.text().startswith(city) or city in (
            capture.queue_panel.speaker.text()
        )
        room.type_note(f"Praktijk {city}: een gebied waar bewoners en gemeente samen bouwen")
        room.wait_minutes(4)
    room.step("pitches")
    return capture


def to_table_talks(room):
    live = room.go_to_page("Live")
    room.wait_minutes(37)
    room.press(Qt.Key.Key_PageDown, live)
    assert room.live_title() == "Pauze"
    room.wait_minutes(15)
    room.press(Qt.Key.Key_PageDown, live)
    assert room.live_title().startswith("Tafelgesprekken")
    assert room.live_step().startswith("Stap 1 van 4: " + STEPS[0])
    room.press(Qt.Key.Key_4, room.projector.window)  # 4: the tables on the beamer
    return live


def test_kickoff_from_template_to_verslag(open_session, tmp_path):
    room, rounds = prepare(open_session, tmp_path)
    live = start(room)
    pitches(room, live)
    live = to_table_talks(room)
    all_names = {m.name for rnd in rounds for g in rnd.groups for m in g.members}
    for n, step in enumerate(STEPS[:3], start=1):
        if n > 1:
            room.wait_minutes(12)
            room.press(Qt.Key.Key_PageDown, live)
        assert room.live_step().startswith(f"Stap {n} van 4: {step}")
        shown = room.projector_text()
        assert any(line.startswith("Ronde ") for line in room.projector_lines())
        assert any(f"Groep {g}" in shown for g in range(1, 7))
        seated = [name for name in all_names if name in shown]
        assert len(seated) == 36, "every Stadmaker finds a table on the beamer"
        room.step(f"tafelgesprek-ronde-{n}")
    room.wait_minutes(9)
    room.press(Qt.Key.Key_PageDown, live)
    assert room.live_step().startswith("Stap 4 van 4: " + STEPS[3])

    # -- the plenary harvest: table by table, the facilitator types what each brings --------
    room.wait_minutes(9)
    room.press(Qt.Key.Key_PageDown, live)
    assert room.live_title() == "Plenair: oogst van de tafels"
    capture = room.go_to_page("Terugkoppeling")
    harvest = room.item("Plenair: oogst")
    assert capture.item_id == harvest.id  # the page followed Live from the pitches
    # "Groepen van": by default the tables of the table talk (its last round) report
    panel = capture.queue_panel
    assert panel.harvest.isVisible()
    assert panel.harvest.currentText() == f"Automatisch: {TALK}"
    queue = reporting_queue(room.library, harvest.id)
    last_round = {g.id for g in rounds[-1].groups}
    assert len(queue.entries) == 6 and {e.group_id for e in queue.entries} == last_round
    for number, notes in TABLE_HARVEST.items():
        room.press(Qt.Key.Key_F8, capture.input.line)
        entry = queue.entries[number - 1]
        assert capture.group_id == entry.group_id
        assert room.capture_target().startswith(entry.label)
        room.press(Qt.Key.Key_5, room.projector.window)  # 5: who has the floor
        lines = room.projector_lines()
        assert lines[lines.index("Aan het woord") + 1].startswith(entry.label), lines
        for line in notes:
            room.type_note(line)
        room.settle()
        assert capture.notes.count() == len(notes)
        room.step(f"oogst-tafel-{number}")
        room.wait_minutes(5)
    live = room.go_to_page("Live")
    room.wait_minutes(15)
    room.press(Qt.Key.Key_PageDown, live)
    assert room.live_title().startswith("Hoe gaan we samenwerken?")

    text = room.verslag_text(tmp_path)
    assert "Startbijeenkomst leernetwerk Het Nieuwe Stadmaken" in text
    results = verslag_results(text)
    after = results[results.index("Plenair: oogst van de tafels") :]
    # under the harvest, what each table brought under that table's name
    first, second = (queue.entries[n - 1].label for n in TABLE_HARVEST)
    assert after.index(first) < after.index(QUOTES[0]) < after.index(second)
    assert after.index(second) < after.index(QUOTES[1])
    assert after.index(first) < after.index(FINANCING) < after.index(second)
    assert "Praktijk Amsterdam: een gebied waar bewoners en gemeente samen bouwen" in text
    assert "Dirk Dordrecht" not in text  # did not agree to be named
    assert "Anouk Amsterdam" in text


# -- the hand-offs issue 11 fixed -------------------------------------------------------------
def test_projector_follows_the_running_round(open_session, tmp_path):
    room, rounds = prepare(open_session, tmp_path)
    live = start(room)
    room.go_to_page("Live")
    room.wait_minutes(40)
    for _item in range(5):  # to the table talks (pitches, break)
        room.press(Qt.Key.Key_PageDown, live)
    assert room.live_step().startswith("Stap 1 van 4")
    room.press(Qt.Key.Key_4, room.projector.window)
    for n, rnd in enumerate(rounds, start=1):
        if n > 1:
            room.press(Qt.Key.Key_PageDown, live)
        lines = room.projector_lines()
        heading = next(line for line in lines if line.startswith(("Ronde", "Subgroepen")))
        assert heading.startswith(f"Ronde {n}"), (room.live_step(), heading)
        members = {m.name for m in rnd.groups[0].members}
        index = lines.index("Groep 1")
        assert {line.strip("★✎ ") for line in lines[index + 1 : index + 8]} >= members
    # during Ronde 3 the facilitator clicks the Ronde 2 tab on the Groepen page: the beamer
    # shows round 2
    groups = room.go_to_page("Groepen")
    tabs = groups.round_tabs
    room.qtbot.mouseClick(tabs, Qt.MouseButton.LeftButton, pos=tabs.tabRect(1).center())
    room.settle()
    assert tabs.currentIndex() == 1
    assert any(line.startswith("Ronde 2") for line in room.projector_lines())
    assert all(m.name in room.projector_text() for m in rounds[1].groups[0].members)


def test_harvest_per_table_finds_the_table_groups(open_session, tmp_path):
    room, rounds = prepare(open_session, tmp_path)
    harvest = room.item("Plenair: oogst")
    queue = reporting_queue(room.library, harvest.id)
    tables = {g.id for rnd in rounds for g in rnd.groups}
    assert len(queue.entries) == 6 and {e.group_id for e in queue.entries} <= tables
    start(room)
    capture = room.go_to_page("Terugkoppeling")
    assert capture.item_id == room.item("Ontvangst").id  # the item running on Live
    capture = room.choose_capture_item("Plenair: oogst")  # looking ahead to the harvest
    room.press(Qt.Key.Key_F8, capture.input.line)
    assert capture.group_id == queue.entries[0].group_id
    label = queue.entries[0].label
    assert room.capture_target().startswith(label)
    room.type_note(HARVEST[0])
    room.settle()
    lines = room.projector_lines()
    room.press(Qt.Key.Key_5, room.projector.window)
    lines = room.projector_lines()
    assert lines[lines.index("Aan het woord") + 1].startswith(label)
    text = room.verslag_text(tmp_path)
    # the harvest item lists its notes by the table that brought them
    results = verslag_results(text)
    assert "Plenair: oogst van de tafels" in results
    after = results[results.index("Plenair: oogst van de tafels") :]
    assert label in after and QUOTES[0] in after[after.index(label) :]


def test_pitch_order_is_no_breakout_round(open_session, tmp_path):
    room, rounds = prepare(open_session, tmp_path)
    pitch = room.item("Pitches per stad")
    capture = room.choose_capture_item("Pitches per stad")
    for city in CITIES:
        room.type_into(capture.queue_panel.adder, city)
    assert [e.label for e in reporting_queue(room.library, pitch.id).entries] == list(CITIES)
    groups = room.go_to_page("Groepen")
    index = groups.item_combo.findData(pitch.id)
    groups.item_combo.setCurrentIndex(index)
    groups.item_combo.activated.emit(index)
    room.until(lambda: groups.state is not None and groups.state.item_id == pitch.id)
    assert groups.round_tabs.count() == 0  # no round of 0 people to seat everyone in
    talk = room.item("Tafelgesprekken")
    groups.item_combo.setCurrentIndex(groups.item_combo.findData(talk.id))
    groups.item_combo.activated.emit(groups.item_combo.currentIndex())
    room.until(lambda: groups.state is not None and groups.state.item_id == talk.id)
    tabs = [groups.round_tabs.tabText(i) for i in range(groups.round_tabs.count())]
    assert tabs == ["Ronde 1", "Ronde 2", "Ronde 3"]
    assert "Ronde 4" not in room.draaiboek_text(tmp_path)
    assert "Ronde 4" not in room.verslag_text(tmp_path)


def test_a_quote_names_the_stadmaker_who_agreed(open_session, tmp_path):
    room, _rounds = prepare(open_session, tmp_path, plan=False)
    capture = room.choose_capture_item("Plenair: oogst")
    room.type_note('"Het is goed om afspraken te maken met elkaar." - Chantal Haarlem')
    room.type_note('"Je moet eerst kunnen samenwerken." - Dirk Dordrecht')  # did not agree
    room.settle()
    assert capture.notes.count() == 2
    text = room.verslag_text(tmp_path)
    assert "afspraken te maken met elkaar.” — Chantal Haarlem" in text
    assert "Dirk Dordrecht" not in text
