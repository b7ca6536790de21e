"""Self-selection by case: hosts first, choices in recorded order, a fair fill of the rest."""

from __future__ import annotations

import pytest

from workshop.grouping.self_select import Case, Chooser, cases_from_initiatives, self_select


def test_cases_from_the_initiative_column():
    cases = cases_from_initiatives(
        [(1, "De Buurtbus"), (2, ""), (3, "Voedselbank"), (4, "de  buurtbus"), (5, "Zorgcoöp")]
    )
    assert [(c.name, c.bringers) for c in cases] == [
        ("De Buurtbus", (1, 4)),
        ("Voedselbank", (3,)),
        ("Zorgcoöp", (5,)),
    ]


def test_hosts_first_then_choices_in_order_with_a_maximum_then_fair_fill():
    cases = [Case("Buurtbus", (1,)), Case("Voedselbank", (2,)), Case("Zorgcoop", (3,))]
    people = [
        Chooser(10, ("buurtbus",)),
        Chooser(11, ("Buurtbus", "Voedselbank")),
        Chooser(12, ("Buurtbus", "Zorgcoöp")),  # Buurtbus full (max 3): second choice
        Chooser(13, ("Buurtbus",)),  # full, no second choice: fair fill
        Chooser(14, ()),
        Chooser(15, ("Onbekend",)),  # not a case: fair fill
        Chooser(1, ("Voedselbank",)),  # a host stays with their own case
    ]
    result = self_select(people, cases, max_per_team=3)
    teams = {t.case: t for t in result.teams}
    assert teams["Buurtbus"].members == (1, 10, 11)
    assert teams["Buurtbus"].host_id == 1
    assert teams["Zorgcoop"].members[:2] == (3, 12)
    assert sorted(len(t.members) for t in result.teams) == [3, 3, 3]
    assert set(result.filled) == {13, 14, 15}
    assert (result.got_first, result.got_other_choice) == (2, 1)
    assert result.over_max == ()
    seated = [p for t in result.teams for p in t.members]
    assert sorted(seated) == sorted({1, 2, 3, 10, 11, 12, 13, 14, 15})


def test_everyone_full_goes_over_the_maximum_and_says_so():
    cases = [Case("A"), Case("B")]
    people = [Chooser(i, ("A",)) for i in range(5)]
    result = self_select(people, cases, max_per_team=2)
    assert [len(t.members) for t in result.teams] == [3, 2]
    assert result.over_max == ("A",)


def test_bad_input():
    with pytest.raises(ValueError):
        self_select([Chooser(1)], [], 3)
    with pytest.raises(ValueError):
        self_select([Chooser(1)], [Case("A")], 0)


def test_teams_by_choice_stored_for_seed_002(tmp_path):
    from datetime import date

    from workshop.capture.commands.queue import AddQueueEntry
    from workshop.commands import CommandError, CommandRunner, History
    from workshop.grouping.queries import item_rounds
    from workshop.grouping.session_plan import self_select_command
    from workshop.model import AgendaItem, Participant, QueueEntry, WorkSession
    from workshop.projector.content import load_projector_content
    from workshop.store.library import Library

    lib = Library.open(f"sqlite:///{tmp_path / 'lib.sqlite'}")
    try:
        with lib.unit_of_work() as db:
            s = WorkSession(title="Lessen uit de praktijk", date=date(2015, 5, 20))
            s.items = [AgendaItem(position=0, title="Kleine teams samenstellen", kind="subgroepen")]
            bringers = [("Eva", "De Buurtbus"), ("Ali", "Voedselbank")]
            s.participants = [
                Participant(name=n, initiative=i, presence="aanwezig") for n, i in bringers
            ] + [
                Participant(name=f"P{n}", presence="aanwezig", theme_preference=choice)
                for n, choice in enumerate(["de buurtbus"] * 4 + ["Voedselbank", ""])
            ]
            s.participants.append(Participant(name="Weg", presence="afwezig"))
            db.add(s)
            db.flush()
            sid, item_id = s.id, s.items[0].id
        history = History(CommandRunner(lib))
        pitch = AddQueueEntry(item_id, "de  Buurtbus")  # typed during the pitch round
        history.push(pitch)
        command, result = self_select_command(lib, sid, item_id, max_per_team=4)
        history.push(command)
        assert [len(t.members) for t in result.teams] == [4, 4]
        # Buurtbus: Eva hosts, three of the four who chose it fit; the fourth and the one
        # without a choice fill Voedselbank
        assert result.got_first == 4 and len(result.filled) == 2
        (rnd,) = item_rounds(lib, sid, item_id)
        assert [(g.name, g.theme) for g in rnd.groups] == [
            ("Team 1", "De Buurtbus"),
            ("Team 2", "Voedselbank"),
        ]
        assert rnd.groups[0].host_id is not None
        content = load_projector_content(lib, sid)
        shown = content.round(None, item_id)
        assert [g.label for g in shown.groups] == [
            "Team 1 · Tafel 1 · “De Buurtbus”",
            "Team 2 · Tafel 2 · “Voedselbank”",
        ]
        assert shown.groups[0].members[0].host and shown.groups[0].members[0].name == "Eva"
        with lib.read() as db:  # the pitch now knows its team
            assert db.get(QueueEntry, pitch.entry_id).group_id == rnd.groups[0].id
        history.undo()
        with lib.read() as db:
            assert db.get(QueueEntry, pitch.entry_id).group_id is None
        history.redo()
        with lib.read() as db:
            assert db.get(QueueEntry, pitch.entry_id).group_id is not None
        with pytest.raises(CommandError):
            self_select_command(lib, sid, item_id, max_per_team=0)
    finally:
        lib.close()
