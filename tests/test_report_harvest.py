"""The verslag files plenary notes under the item they were typed on, per group."""

from __future__ import annotations

from datetime import date

from report_helpers import pdf_text, squash
from sqlalchemy import select

from workshop.model import AgendaItem, BreakoutGroup, BreakoutRound, Note, WorkSession
from workshop.reports import ReportOptions, build_pdf, load_report_data


def _seed_002(lib) -> tuple[int, int, int]:
    """Kleine teams (groups) then the plenary Oogst, with notes on both."""
    with lib.unit_of_work() as db:
        s = WorkSession(title="Lessen uit de praktijk", date=date(2015, 5, 20))
        s.items = [
            AgendaItem(position=0, title="Kleine teams samenstellen", kind="subgroepen"),
            AgendaItem(position=1, title="Werken in kleine teams", kind="subgroepen"),
            AgendaItem(
                position=2, title="Oogst: oplossingen delen met iedereen", kind="terugkoppeling"
            ),
        ]
        db.add(s)
        db.flush()
        teams, work, harvest = s.items
        rnd = BreakoutRound(session_id=s.id, agenda_item_id=teams.id, number=1)
        rnd.groups = [
            BreakoutGroup(position=0, name="Team Buurtbus"),
            BreakoutGroup(position=1, name="Team Voedselbank"),
        ]
        db.add(rnd)
        db.flush()
        bus, food = rnd.groups
        db.add_all(
            [
                Note(
                    session_id=s.id,
                    agenda_item_id=teams.id,
                    group_id=bus.id,
                    text="Teamvorming bij de buurtbus",
                ),
                Note(
                    session_id=s.id,
                    agenda_item_id=harvest.id,
                    group_id=bus.id,
                    text="Oplossing: een stichting voor de chauffeurs",
                ),
                Note(
                    session_id=s.id,
                    agenda_item_id=harvest.id,
                    group_id=food.id,
                    text="Oplossing: samen inkopen met de kerk",
                    position=1,
                ),
            ]
        )
        db.flush()
        return s.id, teams.id, harvest.id


def test_harvest_notes_appear_under_the_harvest_item(lib, tmp_path):
    sid, teams_id, harvest_id = _seed_002(lib)
    data = load_report_data(lib, sid)
    assert [(h.agenda_item_id, h.harvest) for h in data.harvests] == [(harvest_id, True)]
    assert [g.name for g in data.harvests[0].groups] == ["Team Buurtbus", "Team Voedselbank"]
    path = tmp_path / "verslag.pdf"
    build_pdf(data, ReportOptions(), path)
    text = squash(pdf_text(path).replace("\x7f", " "))  # bullets
    results = text[text.index("Wat er naar voren kwam", text.index("Wat er naar voren kwam") + 1) :]
    teams = results.index("Kleine teams samenstellen")
    harvest = results.index("Oogst: oplossingen delen met iedereen")
    assert teams < results.index("Teamvorming bij de buurtbus") < harvest
    after = results[harvest:]
    assert "Team Buurtbus Oplossing: een stichting voor de chauffeurs" in after
    assert "Team Voedselbank Oplossing: samen inkopen met de kerk" in after
    assert "stichting voor de chauffeurs" not in results[:harvest]
    assert "Ronde 1" not in results
    contents = text[
        : text.index("Wat er naar voren kwam", text.index("Wat er naar voren kwam") + 1)
    ]
    assert "Oogst: oplossingen delen met iedereen" in contents


def test_a_pitch_is_reported_with_its_team_and_an_answered_question_is_not_open(lib, tmp_path):
    from workshop.capture.commands.notes import AddNote, EditNote, NoteContent
    from workshop.capture.commands.queue import AddQueueEntry, EditQueueEntry
    from workshop.commands import CommandRunner, History
    from workshop.model import Participant

    sid, teams_id, harvest_id = _seed_002(lib)
    with lib.unit_of_work() as db:
        pitch_item = AgendaItem(session_id=sid, position=-1, title="Pitchronde", kind="pitch")
        db.add(pitch_item)
        db.add(Participant(session_id=sid, name="Eva Bus", may_be_named=True))
        db.flush()
        pitch_item_id = pitch_item.id
        bus = db.scalars(select(BreakoutGroup).where(BreakoutGroup.name == "Team Buurtbus")).one()
        bus_id = bus.id
        eva_id = db.scalars(select(Participant.id)).one()
    history = History(CommandRunner(lib))
    add = AddQueueEntry(pitch_item_id, "De Buurtbus", participant_id=eva_id)
    history.push(add)
    history.push(EditQueueEntry(add.target, group_id=bus_id))
    open_q = AddNote(
        sid,
        pitch_item_id,
        None,
        NoteContent(kind="vraag", text="Wie rijdt er?"),
        entry_id=add.entry_id,
    )
    answered = AddNote(
        sid,
        pitch_item_id,
        None,
        NoteContent(kind="vraag", text="Hoe verzekeren we de bus?"),
        entry_id=add.entry_id,
    )
    history.push(open_q)
    history.push(answered)
    history.push(EditNote(answered.note_id, answered=True))

    data = load_report_data(lib, sid)
    assert [(p.name, p.team_id, p.bringer_id) for p in data.pitches] == [
        ("De Buurtbus", bus_id, eva_id)
    ]
    path = tmp_path / "verslag.pdf"
    build_pdf(data, ReportOptions(), path)
    text = squash(pdf_text(path).replace("\x7f", " "))
    heading = "Wat er naar voren kwam"
    start = text.index("Pitchronde", text.index(heading, text.index(heading) + 1))
    block = text[start:]
    assert block.index("De Buurtbus") < block.index("Ingebracht door: Eva Bus")
    assert "Team: Team Buurtbus" in block
    assert "Hoe verzekeren we de bus? (beantwoord)" in block
    assert "Initiatief: De Buurtbus" in block  # the team's part names its initiative
    follow_up = text[text.rindex("Vervolg") :]
    assert "Eén vraag bleef open" in follow_up  # the answered one is not counted as open
