"""Series: meetings in order, one person across meetings, consent, actions; CLI and undo."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from workshop.changes import Entity
from workshop.cli import main
from workshop.errors import CommandError
from workshop.model import Participant, SeriesAttendance, SeriesPerson
from workshop.people.commands import AddParticipant
from workshop.series.commands import (
    AddAction,
    CreateSeries,
    EditAction,
    LinkPeople,
    MergePeople,
    NewMeeting,
    SetConsent,
    SplitPerson,
)
from workshop.series.queries import (
    list_actions,
    list_meetings,
    list_series,
    preview_session_matches,
)
from workshop.series.register import Incoming, Known, MatchHow, preview_matches


def test_matching_by_email_else_name_and_organisation_without_accents():
    register = [
        Known(1, "José Müller", "Gemeente Ede", "jose@ede.nl"),
        Known(2, "Anouk de Vries", "Provincie Gelderland", ""),
        Known(3, "Piet Jansen", "Alliander", ""),
    ]
    incoming = [
        Incoming(10, "J. Muller", "Ede", "JOSE@ede.nl "),  # e-mail wins over a changed name
        Incoming(11, "anouk  de vries", "Provincie Gelderland"),  # case and spaces
        Incoming(12, "Jose Muller", "Gemeente Ede"),  # name + org, accents ignored, but 1 taken
        Incoming(13, "Piet Jansen", "Enexis"),  # same name, other organisation: new
    ]
    matches = preview_matches(register, incoming)
    assert [(m.person_id, m.how) for m in matches] == [
        (1, MatchHow.EMAIL),
        (2, MatchHow.NAME),
        (None, MatchHow.NEW),
        (None, MatchHow.NEW),
    ]


def _meeting(history, series: str, title: str, day: int) -> int:
    command = NewMeeting(series, title=title, date=date(2026, 1, day))
    history.push(command)
    assert command.session_id is not None
    return command.session_id


def _add(history, session_id: int, name: str, org: str, email: str = "", **kw) -> int:
    command = AddParticipant(session_id, name=name, organisation=org, email=email, **kw)
    history.push(command)
    assert command.participant_id is not None
    return command.participant_id


def _link(library, history, session_id: int):
    series_id, matches = preview_session_matches(library, session_id)
    history.push(LinkPeople(series_id, session_id, matches))
    return matches


def test_one_person_across_meetings_consent_merge_split(library, history):
    s1 = _meeting(history, "CoP Energy Hubs", "Bijeenkomst 1", 10)
    s2 = _meeting(history, "cop energy hubs", "Bijeenkomst 2", 20)  # same series, any case
    assert [s.meetings for s in list_series(library)] == [2]
    _add(history, s1, "Anouk de Vries", "Provincie", "anouk@prov.nl", may_be_named=True)
    _add(history, s1, "Piet Jansen", "Alliander")
    _link(library, history, s1)
    _add(history, s2, "Anouk de Vries", "Provincie", "ANOUK@prov.nl")  # consent not asked again
    piet2 = _add(history, s2, "Piet Jansén", "alliander")
    _add(history, s2, "Kees Bos", "Gemeente Ede")
    matches = _link(library, history, s2)
    assert sorted(m.how for m in matches) == ["email", "name", "new"]
    with library.read() as db:
        assert db.scalar(
            select(Participant.may_be_named).where(
                Participant.session_id == s2, Participant.email == "ANOUK@prov.nl"
            )
        )  # consent carried
        assert len(db.scalars(select(SeriesPerson)).all()) == 3
    meetings = list_meetings(library, list_series(library)[0].id)
    assert [(m.position, m.registered, m.new_people) for m in meetings] == [(1, 2, 2), (2, 3, 1)]

    # consent revoked: the register and every meeting's participant follow; undo restores
    with library.read() as db:
        anouk = db.scalar(select(SeriesPerson).where(SeriesPerson.name == "Anouk de Vries"))
        piet = db.scalar(select(SeriesPerson).where(SeriesPerson.name == "Piet Jansen"))
    changes = history.push(SetConsent(anouk.id, False))
    assert changes.touches(Entity.PARTICIPANT) and changes.touches(Entity.SERIES)
    with library.read() as db:
        assert not any(db.scalars(select(Participant.may_be_named)))
    history.undo()
    with library.read() as db:
        assert sum(db.scalars(select(Participant.may_be_named))) == 2

    # split the wrong match of Piet in meeting 2, then merge it back; undo both
    history.push(SplitPerson(s2, piet2))
    with library.read() as db:
        assert len(db.scalars(select(SeriesPerson)).all()) == 4
        split = db.scalar(
            select(SeriesAttendance.person_id).where(SeriesAttendance.participant_id == piet2)
        )
    assert split != piet.id
    history.push(MergePeople(piet.id, split))
    with library.read() as db:
        assert len(db.scalars(select(SeriesPerson)).all()) == 3
    history.undo()
    history.undo()
    with library.read() as db:
        assert (
            db.scalar(
                select(SeriesAttendance.person_id).where(SeriesAttendance.participant_id == piet2)
            )
            == piet.id
        )
    with pytest.raises(CommandError):
        history.push(MergePeople(piet.id, piet.id))


def test_actions_status_overdue_and_undo(library, history):
    s1 = _meeting(history, "CoP Wijkuitvoering", "Eerste", 5)
    series_id = list_series(library)[0].id
    add = AddAction(series_id, "Kaart netcongestie delen", "Alliander", date(2026, 2, 1), s1)
    changes = history.push(add)
    assert changes.touches(Entity.ACTION)
    history.push(AddAction(series_id, "Wethouders uitnodigen", "Gemeente Ede"))
    found = list_actions(library, series_id=series_id, today=date(2026, 3, 1))
    assert [(a.status, a.overdue, a.origin) for a in found] == [
        ("open", True, "Eerste"),
        ("open", False, ""),
    ]
    history.push(EditAction(add.action_id, status="gedaan"))
    assert [a.what for a in list_actions(library, series_id=series_id, open_only=True)] == [
        "Wethouders uitnodigen"
    ]
    history.undo()
    assert len(list_actions(library, series_id=series_id, open_only=True)) == 2
    with pytest.raises(CommandError):
        EditAction(add.action_id, status="klaar?")
    with pytest.raises(CommandError):
        history.push(CreateSeries("cop WIJKUITVOERING"))


def test_cli_series_new_participants_check_in_and_actions(tmp_path, capsys, library, db_url):
    db = db_url
    for title, day in (("Reeks 1", "2026-01-10"), ("Reeks 2", "2026-02-10")):
        argv = ["new", "--db", db, "--series", "CoP Regie", "--title", title]
        assert main([*argv, "--date", day, "--start", "13:00"]) == 0
    first, second = (line for line in capsys.readouterr().out.split())
    people = tmp_path / "lijst.csv"
    people.write_text(
        "naam,organisatie,e-mail,aanwezig\n"
        "Anouk de Vries,Provincie,anouk@prov.nl,ja\n"
        "Piet Jansen,Alliander,,\n"
        "Kees Bos,Gemeente Ede,,nee\n",
        encoding="utf-8",
    )
    assert main(["participants", first, "--db", db, "--import", str(people)]) == 0
    out = capsys.readouterr()
    assert "aanwezig" in out.out.splitlines()[0]  # Anouk: the aanwezig column was read
    assert "3 nieuw" in out.err
    people.write_text(
        "naam,organisatie,e-mail\nAnouk de Vries,Provincie,ANOUK@prov.nl\nPiet Jansen,Alliander,\n",
        encoding="utf-8",
    )
    assert main(["participants", second, "--db", db, "--import", str(people)]) == 0
    assert "1 via e-mail, 1 via naam, 0 nieuw" in capsys.readouterr().err
    assert main(["participants", second, "--db", db, "--check-in", "piet jansen"]) == 0
    capsys.readouterr()
    assert main(["series", "--db", db]) == 0
    assert capsys.readouterr().out.split("\t")[1] == "CoP Regie"
    assert main(["series", "CoP Regie", "--db", db]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == [f"{first}\t2026-01-10\tReeks 1\t1", f"{second}\t2026-02-10\tReeks 2\t1"]
    assert main(["participants", second, "--db", db, "--check-in", "all"]) == 0
    capsys.readouterr()
    assert main(["series", "CoP Regie", "--db", db]) == 0
    assert capsys.readouterr().out.splitlines()[1].endswith("\t2")
    assert main(["participants", second, "--db", db, "--check-in", "Niemand"]) == 1
    assert "Niemand" in capsys.readouterr().err
    series_id = list_series(library)[0].id
    from workshop.commands import CommandRunner

    CommandRunner(library).do(AddAction(series_id, "Kaart delen", "Piet", date(2000, 1, 1)))
    assert main(["actions", second, "--db", db, "--open"]) == 0
    assert capsys.readouterr().out.split("\t")[:2] == ["open (te laat)", "Kaart delen"]
    assert main(["actions", "--series", "Onbekend", "--db", db]) == 1
    assert "Onbekend" in capsys.readouterr().err


def test_action_review_item_lists_earlier_open_actions(library, history):
    from workshop.agenda.kinds import KIND_LABELS
    from workshop.model import ItemKind
    from workshop.series.review import actions_to_review

    assert ItemKind.TERUGBLIK_ACTIES in KIND_LABELS
    s1 = _meeting(history, "CoP Review", "Een", 5)
    s2 = _meeting(history, "CoP Review", "Twee", 20)
    series_id = list_series(library)[0].id
    early = AddAction(series_id, "Kaart delen", "Alliander", date(2026, 1, 10), s1)
    history.push(early)
    history.push(AddAction(series_id, "Al gedaan", "", None, s1, status="gedaan"))
    history.push(AddAction(series_id, "Van vandaag", "", None, s2))
    review = actions_to_review(library, s2, today=date(2026, 1, 20))
    assert [(a.what, a.overdue) for a in review] == [("Kaart delen", True)]
    assert actions_to_review(library, s1) == []
