"""Participant commands do and undo, including the privacy removal."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from workshop.commands import CommandError, History
from workshop.demo.builders import new_session
from workshop.model import BreakoutGroup, BreakoutRound, Membership, Note, Participant
from workshop.people.commands import (
    AddParticipant,
    EditParticipant,
    RemoveParticipants,
    SetPresence,
    WalkIn,
    parse_walk_in,
)
from workshop.people.queries import count_presence, list_people
from workshop.store.library import Library

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def session_id(history: History) -> int:
    return new_session(history.runner.library, "Bijeenkomst", do=history.push)


def test_add_edit_undo_redo(library: Library, history: History, session_id: int) -> None:
    add = AddParticipant(session_id, name="  Ann   de Wit ", organisation="GGD")
    history.push(add)
    [ann] = list_people(library, session_id)
    assert ann.name == "Ann de Wit" and not ann.walk_in and ann.presence == "onbekend"
    history.push(EditParticipant(ann.id, role="arts", may_be_named=True))
    [ann] = list_people(library, session_id)
    assert ann.role == "arts" and ann.may_be_named
    history.undo()
    [ann] = list_people(library, session_id)
    assert ann.role == "" and not ann.may_be_named
    history.undo()
    assert list_people(library, session_id) == []
    history.redo()
    [again] = list_people(library, session_id)
    assert again.id == ann.id, "redo keeps the id"


def test_walk_in_is_present(library: Library, history: History, session_id: int) -> None:
    name, org = parse_walk_in("  Bo Kok ,  Wijkraad  Noord ")
    assert (name, org) == ("Bo Kok", "Wijkraad Noord")
    history.push(WalkIn(session_id, name, org))
    [bo] = list_people(library, session_id)
    assert bo.walk_in and bo.is_present and bo.organisation == "Wijkraad Noord"


def test_bad_input_is_refused(session_id: int, history: History) -> None:
    with pytest.raises(CommandError, match="needs a name"):
        AddParticipant(session_id, name="   ")
    with pytest.raises(CommandError, match="too long"):
        AddParticipant(session_id, name="x" * 301)
    with pytest.raises(CommandError, match="Unknown presence"):
        SetPresence([1], "maybe")
    with pytest.raises(CommandError, match="Unknown participant field"):
        EditParticipant(1, shoe_size="42")
    with pytest.raises(CommandError, match="no longer exists"):
        history.push(EditParticipant(999, name="Nobody"))


def test_check_in_and_undo(library: Library, history: History, session_id: int) -> None:
    for name in ("A", "B", "C"):
        history.push(AddParticipant(session_id, name=name))
    a, b, c = list_people(library, session_id)
    history.push(SetPresence([a.id], "aanwezig"))
    history.push(SetPresence([b.id, c.id], "afwezig"))
    history.push(SetPresence([c.id], "vertrokken"))
    counts = count_presence(list_people(library, session_id))
    assert (counts.present, counts.absent, counts.left, counts.unknown) == (1, 1, 1, 0)
    history.undo()
    history.undo()
    counts = count_presence(list_people(library, session_id))
    assert (counts.present, counts.absent, counts.left, counts.unknown) == (1, 0, 0, 2)


def _fixture_with_traces(library: Library, session_id: int) -> dict[str, int]:
    """Two people in a group (Ann hosts and reports), notes spoken by Ann."""
    with library.unit_of_work() as db:
        ann = Participant(session_id=session_id, name="Ann de Wit", email="ann@a.nl")
        bo = Participant(session_id=session_id, name="Bo Kok")
        db.add_all([ann, bo])
        db.flush()
        rnd = BreakoutRound(session_id=session_id, number=1)
        db.add(rnd)
        db.flush()
        group = BreakoutGroup(round_id=rnd.id, name="Groep 1", host_id=ann.id, rapporteur_id=ann.id)
        db.add(group)
        db.flush()
        db.add_all(
            [
                Membership(round_id=rnd.id, group_id=group.id, participant_id=ann.id, seat=0),
                Membership(round_id=rnd.id, group_id=group.id, participant_id=bo.id, seat=1),
            ]
        )
        n1 = Note(
            session_id=session_id,
            text="Geld volgt energie",
            speaker="Ann de Wit",
            speaker_id=ann.id,
            speaker_may_be_named=True,
        )
        n2 = Note(
            session_id=session_id,
            text="Wie belt de wethouder?",
            speaker="ann de wit",
            action_who="Ann de Wit",
            kind="actie",
        )
        n3 = Note(session_id=session_id, text="Bo's punt", speaker="Bo Kok", speaker_id=bo.id)
        db.add_all([n1, n2, n3])
        db.flush()
        return {
            "ann": ann.id,
            "bo": bo.id,
            "group": group.id,
            "n1": n1.id,
            "n2": n2.id,
            "n3": n3.id,
        }


def _state(library: Library) -> dict:
    with library.read() as db:
        return {
            "people": sorted(db.scalars(select(Participant.name)).all()),
            "members": sorted(db.scalars(select(Membership.participant_id)).all()),
            "groups": [(g.host_id, g.rapporteur_id) for g in db.scalars(select(BreakoutGroup))],
            "notes": [
                (n.text, n.speaker, n.speaker_id, n.speaker_may_be_named, n.action_who)
                for n in db.scalars(select(Note).order_by(Note.id))
            ],
        }


def test_remove_clears_personal_data_everywhere_and_undo_restores(
    library: Library, history: History, session_id: int
) -> None:
    ids = _fixture_with_traces(library, session_id)
    before = _state(library)
    changes = history.push(RemoveParticipants([ids["ann"]]))
    assert {"participant", "membership", "group", "note"} <= changes.entities()
    after = _state(library)
    assert after["people"] == ["Bo Kok"]
    assert after["members"] == [ids["bo"]]
    assert after["groups"] == [(None, None)]
    assert after["notes"] == [
        ("Geld volgt energie", "", None, False, ""),  # the note stays, unattributed
        ("Wie belt de wethouder?", "", None, False, ""),
        ("Bo's punt", "Bo Kok", ids["bo"], False, ""),
    ]
    assert "Ann" not in repr(after) and "ann@a.nl" not in repr(after)
    history.undo()
    assert _state(library) == before
    with library.read() as db:
        assert db.get(Participant, ids["ann"]).email == "ann@a.nl"
    history.redo()
    assert _state(library) == after


def test_remove_several(library: Library, history: History, session_id: int) -> None:
    ids = _fixture_with_traces(library, session_id)
    before = _state(library)
    history.push(RemoveParticipants([ids["ann"], ids["bo"]]))
    assert _state(library)["people"] == [] and _state(library)["members"] == []
    history.undo()
    assert _state(library) == before
