"""Note, queue and summary commands: each one done, undone and redone exactly."""

from __future__ import annotations

from datetime import date

import pytest
from capture_support import make_world, note_texts
from sqlalchemy import select

from workshop.capture.commands.notes import (
    AddNote,
    DeleteNotes,
    EditNote,
    MergeNotes,
    MoveNotes,
    NoteContent,
    ReorderNotes,
    SetItemSummary,
)
from workshop.capture.commands.queue import (
    AddQueueEntry,
    EditQueueEntry,
    RemoveQueueEntry,
    ReorderQueue,
)
from workshop.capture.parser import parse_line
from workshop.capture.queries import actions, notes_for, reporting_queue, session_capture
from workshop.capture.queue import Target
from workshop.errors import CommandError
from workshop.model import AgendaItem, BreakoutRound, Note, QueueEntry, WorkSession
from workshop.sessions.commands import EditSession

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def world(tmp_path):
    w = make_world(tmp_path)
    yield w
    w.library.close()


def add(world, line, group=0, item=None):
    parsed = parse_line(line, date(2026, 4, 9))
    cmd = AddNote(
        world.session_id,
        item or world.feedback_id,
        None if group is None else world.group_ids[group],
        NoteContent.from_parsed(parsed),
    )
    world.history.push(cmd)
    return cmd.note_id


def snapshot(world):
    with world.library.read() as db:
        return sorted(
            tuple(
                getattr(n, c)
                for c in (
                    "id",
                    "agenda_item_id",
                    "group_id",
                    "kind",
                    "text",
                    "speaker",
                    "action_who",
                    "action_due",
                    "theme",
                    "starred",
                    "votes",
                    "position",
                )
            )
            for n in db.scalars(select(Note))
        )


def test_add_every_kind_undo_redo_keeps_ids(world):
    ids = [
        add(world, line)
        for line in ["punt", '"citaat" — Anouk', "?vraag", "!actie @Bram 1-6", ">knop", "+partner"]
    ]
    before = snapshot(world)
    assert [r[3] for r in before] == ["inzicht", "citaat", "vraag", "actie", "knop", "partner"]
    for _ in ids:
        world.history.undo()
    assert snapshot(world) == []
    for _ in ids:
        world.history.redo()
    assert snapshot(world) == before


def test_add_refuses_empty_and_too_long(world):
    with pytest.raises(CommandError):
        AddNote(world.session_id, world.feedback_id, None, NoteContent(text="   "))
    with pytest.raises(CommandError, match="too long"):
        AddNote(world.session_id, world.feedback_id, None, NoteContent(text="x" * 20_001))
    long_id = add(world, "y" * 10_000)
    assert note_texts(world.library)[0] == "y" * 10_000 and long_id


def test_awkward_text_round_trips(world):
    lines = [
        "<b>vet</b> & <i>",
        "Klimaat 🌍🔥 👩🏽‍🌾",
        "שלום עולם مرحبا بالعالم",
        "'; DROP TABLE notes; --",
    ]
    for line in lines:
        add(world, line)
    assert note_texts(world.library) == lines


def test_add_to_missing_group_is_refused(world):
    cmd = AddNote(world.session_id, world.feedback_id, 99999, NoteContent(text="x"))
    with pytest.raises(CommandError, match="group"):
        world.history.push(cmd)
    assert note_texts(world.library) == []


def test_edit_star_votes_theme_speaker_undo(world):
    nid = add(world, '"Volhoudbaarheid" — Fatima')
    before = snapshot(world)
    world.history.push(EditNote(nid, text="Volhoudbaarheid!"))
    world.history.push(EditNote(nid, starred=True))
    world.history.push(EditNote(nid, theme="Financiering"))
    world.history.push(EditNote(nid, speaker_may_be_named=True))
    for n in (1, 2, 3):
        world.history.push(EditNote(nid, votes=n))  # merge into one step
    with world.library.read() as db:
        n = db.get(Note, nid)
        assert (n.text, n.starred, n.theme, n.votes, n.speaker_may_be_named) == (
            "Volhoudbaarheid!",
            True,
            "Financiering",
            3,
            True,
        )
    for _ in range(5):
        world.history.undo()
    assert snapshot(world) == before
    world.history.undo()  # the add itself
    assert snapshot(world) == []


def test_edit_validates(world):
    nid = add(world, "x")
    for bad in (
        {"votes": -1},
        {"votes": True},
        {"kind": "gedicht"},
        {"text": ""},
        {"starred": "ja"},
        {},
    ):
        with pytest.raises(CommandError):
            EditNote(nid, **bad)


def test_reorder_and_undo(world):
    ids = [add(world, t) for t in "abc"]
    world.history.push(ReorderNotes([ids[2], ids[0], ids[1]]))
    assert note_texts(world.library, group_id=world.group_ids[0]) == ["c", "a", "b"]
    world.history.undo()
    assert note_texts(world.library, group_id=world.group_ids[0]) == ["a", "b", "c"]


def test_move_to_other_group_and_to_item(world):
    a, b = add(world, "a"), add(world, "b")
    add(world, "z", group=1)
    world.history.push(MoveNotes([b], world.feedback_id, world.group_ids[1]))
    assert note_texts(world.library, group_id=world.group_ids[1]) == ["z", "b"]
    world.history.push(MoveNotes([a], world.talk_id, None))
    assert [n.text for n in notes_for(world.library, world.talk_id, None)] == ["a"]
    world.history.undo()
    world.history.undo()
    assert note_texts(world.library, group_id=world.group_ids[0]) == ["a", "b"]


def test_merge_and_undo(world):
    a = add(world, "Meer verbinding")
    b = add(world, "tussen leef- en systeemwereld")
    world.history.push(EditNote(a, votes=2))
    world.history.push(EditNote(b, votes=3))
    world.history.push(EditNote(b, starred=True))
    before = snapshot(world)
    world.history.push(MergeNotes([a, b]))
    with world.library.read() as db:
        merged = db.get(Note, a)
        assert merged.text == "Meer verbinding tussen leef- en systeemwereld"
        assert (merged.votes, merged.starred) == (5, True)
        assert db.get(Note, b) is None
    world.history.undo()
    assert snapshot(world) == before
    world.history.redo()
    assert len(snapshot(world)) == 1
    with pytest.raises(CommandError):
        MergeNotes([a])


def test_delete_undo_restores_everything(world):
    ids = [add(world, t) for t in ["één", "!twee @Anouk 1-6", "drie"]]
    world.history.push(EditNote(ids[1], theme="Geld", starred=True))
    before = snapshot(world)
    world.history.push(DeleteNotes(ids[:2]))
    assert note_texts(world.library) == ["drie"]
    world.history.undo()
    assert snapshot(world) == before
    world.history.redo()
    assert note_texts(world.library) == ["drie"]


def test_actions_overview_and_edit_who_when(world):
    add(world, "!Verslag @Marieke voor 1 juni", group=0)
    n2 = add(world, "!Aanvraag indienen @Esther 1-6", group=1)
    add(world, "!Vervolgafspraak plannen", group=None, item=world.talk_id)
    found = actions(world.library, world.session_id)
    assert [a.text for a in found] == ["Vervolgafspraak plannen", "Verslag", "Aanvraag indienen"]
    assert found[1].group_name == "Groep 1" and found[1].due == date(2026, 6, 1)
    world.history.push(
        EditNote(
            n2, action_who="Esther en Fatima", action_due=date(2026, 7, 1), action_due_text="1-7"
        )
    )
    assert actions(world.library, world.session_id)[2].who == "Esther en Fatima"
    world.history.undo()
    assert actions(world.library, world.session_id)[2].who == "Esther"


def test_summaries_item_and_session(world):
    world.history.push(SetItemSummary(world.feedback_id, "Samen"))
    world.history.push(SetItemSummary(world.feedback_id, "Samen verder"))  # merged
    world.history.push(
        EditSession(world.session_id, summary="Kort", follow_up="Nieuw gesprek in juni")
    )
    info = session_capture(world.library, world.session_id)
    assert info.summary == "Kort" and info.follow_up == "Nieuw gesprek in juni"
    assert next(i for i in info.items if i.id == world.feedback_id).summary == "Samen verder"
    world.history.undo()
    world.history.undo()
    with world.library.read() as db:
        assert db.get(AgendaItem, world.feedback_id).summary == ""
        assert db.get(WorkSession, world.session_id).summary == ""


def test_queue_uses_breakout_groups_and_reorders(world):
    q = reporting_queue(world.library, world.feedback_id)
    assert [e.name for e in q.entries] == ["Groep 1", "Groep 2", "Groep 3"]
    assert (
        q.total_minutes == 9 and q.planned_minutes == 10 and all(e.from_breakout for e in q.entries)
    )
    g = world.group_ids
    world.history.push(ReorderQueue([Target(group_id=g[i]) for i in (2, 0, 1)]))
    assert [e.name for e in reporting_queue(world.library, world.feedback_id).entries] == [
        "Groep 3",
        "Groep 1",
        "Groep 2",
    ]
    world.history.push(EditQueueEntry(Target(group_id=g[0]), speaking_minutes=5))
    q = reporting_queue(world.library, world.feedback_id)
    assert q.total_minutes == 11 and q.over_plan
    world.history.undo()
    world.history.undo()
    assert [e.name for e in reporting_queue(world.library, world.feedback_id).entries] == [
        "Groep 1",
        "Groep 2",
        "Groep 3",
    ]
    with pytest.raises(CommandError, match="Groups page"):
        world.history.push(RemoveQueueEntry(Target(group_id=g[0])))


def test_queue_typed_in_by_hand_for_a_pitch_round(tmp_path):
    w = make_world(tmp_path, with_groups=False)
    try:
        assert reporting_queue(w.library, w.feedback_id).entries == ()
        first = AddQueueEntry(w.feedback_id, "  Dordrecht  ", 2)
        w.history.push(first)
        w.history.push(AddQueueEntry(w.feedback_id, "Enschede"))
        q = reporting_queue(w.library, w.feedback_id)
        assert [(e.name, e.effective_minutes, e.from_breakout) for e in q.entries] == [
            ("Dordrecht", 2, False),
            ("Enschede", 3, False),
        ]
        nid = AddNote(
            w.session_id, w.feedback_id, None, NoteContent(text="Pakhuis"), entry_id=first.entry_id
        )
        w.history.push(nid)
        w.history.push(RemoveQueueEntry(first.target))
        assert [e.name for e in reporting_queue(w.library, w.feedback_id).entries] == ["Enschede"]
        w.history.undo()
        assert [n.text for n in notes_for(w.library, w.feedback_id, None, first.entry_id)] == [
            "Pakhuis"
        ]
        for _ in range(3):
            w.history.undo()
        with w.library.read() as db:
            assert db.scalars(select(QueueEntry)).all() == []
            assert db.scalars(select(BreakoutRound)).all() == []  # never a round
        for _ in range(3):
            w.history.redo()
        assert [e.name for e in reporting_queue(w.library, w.feedback_id).entries] == [
            "Dordrecht",
            "Enschede",
        ]
        with pytest.raises(CommandError):
            AddQueueEntry(w.feedback_id, "   ")
        with pytest.raises(CommandError):
            AddQueueEntry(w.feedback_id, "x", speaking_minutes=0)
    finally:
        w.library.close()
