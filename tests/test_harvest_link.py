"""A plenary item harvests the groups of one breakout item, whatever that item's kind."""

from __future__ import annotations

import pytest
from capture_support import make_world
from sqlalchemy import select

from workshop.capture.commands.queue import SetHarvestItem
from workshop.capture.queries import reporting_queue
from workshop.errors import CommandError
from workshop.model import AgendaItem, BreakoutGroup, BreakoutRound
from workshop.projector.content import load_projector_content
from workshop.readmodel.harvest import queue_round, reporting_rounds
from workshop.readmodel.snapshot import load_snapshot

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def world(tmp_path):
    w = make_world(tmp_path, with_groups=False)
    yield w
    w.library.close()


def _groups_on(world, item_id: int, names: list[str], number: int = 1) -> list[int]:
    with world.library.unit_of_work() as db:
        rnd = BreakoutRound(session_id=world.session_id, agenda_item_id=item_id, number=number)
        rnd.groups = [BreakoutGroup(position=i, name=n) for i, n in enumerate(names)]
        db.add(rnd)
        db.flush()
        return [g.id for g in rnd.groups]


def test_groups_formed_on_a_gesprek_report_back(world):
    """The kick-off's table talk is a Gesprek: its groups still report back in plenary."""
    _groups_on(world, world.talk_id, ["Tafel A", "Tafel B"])
    queue = reporting_queue(world.library, world.feedback_id)
    assert [e.name for e in queue.entries] == ["Tafel A", "Tafel B"]
    assert queue.harvest_item_id == world.talk_id and not queue.harvest_chosen
    assert [c.item_id for c in queue.harvest_choices] == [world.talk_id]


def test_nearest_earlier_item_with_groups_is_the_default_and_a_choice_sticks(world):
    _groups_on(world, world.talk_id, ["Tafel A", "Tafel B"])
    _groups_on(world, world.breakout_id, ["Groep 1", "Groep 2", "Groep 3"], number=2)
    queue = reporting_queue(world.library, world.feedback_id)
    assert queue.harvest_item_id == world.breakout_id
    assert [c.item_id for c in queue.harvest_choices] == [world.breakout_id, world.talk_id]

    world.history.push(SetHarvestItem(world.feedback_id, world.talk_id))
    queue = reporting_queue(world.library, world.feedback_id)
    assert [e.name for e in queue.entries] == ["Tafel A", "Tafel B"]
    assert queue.harvest_chosen
    with world.library.read() as db:
        assert db.get(AgendaItem, world.feedback_id).harvest_item_id == world.talk_id
    snapshot = load_snapshot(world.library, world.session_id)
    rnd = queue_round(snapshot, snapshot.item(world.feedback_id))
    assert rnd is not None and rnd.agenda_item_id == world.talk_id
    rounds = reporting_rounds(snapshot)
    assert rounds[world.feedback_id] == rnd.id
    assert rounds[world.breakout_id] != rnd.id  # the breakout item shows its own round

    world.history.undo()
    assert reporting_queue(world.library, world.feedback_id).harvest_item_id == world.breakout_id


def test_link_works_for_any_plenary_kind_and_refuses_itself(world):
    _groups_on(world, world.breakout_id, ["Groep 1"])
    with world.library.unit_of_work() as db:
        db.get(AgendaItem, world.feedback_id).kind = "reflectie"
    assert reporting_queue(world.library, world.feedback_id).entries == ()
    world.history.push(SetHarvestItem(world.feedback_id, world.breakout_id))
    assert [e.name for e in reporting_queue(world.library, world.feedback_id).entries] == [
        "Groep 1"
    ]
    with pytest.raises(CommandError):
        SetHarvestItem(world.feedback_id, world.feedback_id)


def test_a_chosen_item_whose_groups_were_removed_reports_nothing(world):
    _groups_on(world, world.talk_id, ["Tafel A"])
    _groups_on(world, world.breakout_id, ["Groep 1"], number=2)
    world.history.push(SetHarvestItem(world.feedback_id, world.talk_id))
    with world.library.unit_of_work() as db:
        for rnd in db.scalars(
            select(BreakoutRound).where(BreakoutRound.agenda_item_id == world.talk_id)
        ):
            db.delete(rnd)
    queue = reporting_queue(world.library, world.feedback_id)
    # The talk is still the chosen item, but it has no groups any more: nothing reports.
    assert queue.entries == ()


def test_speaking_time_defaults_to_the_items_minutes_shared_over_its_groups(world):
    """An imported agenda has no speaking time: 45 min over 6 groups is 7.5 min each."""
    _groups_on(world, world.breakout_id, [f"Groep {i}" for i in range(1, 7)])
    with world.library.unit_of_work() as db:
        item = db.get(AgendaItem, world.feedback_id)
        item.speaking_minutes = None
        item.planned_minutes = 45
    queue = reporting_queue(world.library, world.feedback_id)
    assert [e.effective_minutes for e in queue.entries] == [7.5] * 6
    assert queue.default_minutes == 7.5 and queue.total_minutes == 45
    assert not queue.over_plan


def test_projector_shows_the_groups_of_the_chosen_breakout(world):
    _groups_on(world, world.talk_id, ["Tafel A", "Tafel B"])
    _groups_on(world, world.breakout_id, ["Groep 1"], number=2)
    content = load_projector_content(world.library, world.session_id)
    assert content.round(None, world.feedback_id).agenda_item_id == world.breakout_id
    world.history.push(SetHarvestItem(world.feedback_id, world.talk_id))
    content = load_projector_content(world.library, world.session_id)
    rnd = content.round(None, world.feedback_id)
    assert rnd.agenda_item_id == world.talk_id
    assert [g.name for g in rnd.reporting_order()] == ["Tafel A", "Tafel B"]
    # the breakout items themselves still show their own groups
    assert content.round(None, world.breakout_id).agenda_item_id == world.breakout_id


def test_projector_shows_a_typed_pitch_queue_without_a_round(world):
    from workshop.capture.commands.queue import AddQueueEntry, EditQueueEntry
    from workshop.capture.queue import Target

    team_ids = _groups_on(world, world.breakout_id, ["Team 1"])
    with world.library.unit_of_work() as db:
        db.get(AgendaItem, world.talk_id).kind = "pitch"
    first = AddQueueEntry(world.talk_id, "Dordrecht")
    world.history.push(first)
    world.history.push(AddQueueEntry(world.talk_id, "Enschede"))
    world.history.push(EditQueueEntry(Target(entry_id=first.entry_id), group_id=team_ids[0]))
    content = load_projector_content(world.library, world.session_id)
    shown = content.round(None, world.talk_id)
    assert [g.label for g in shown.reporting_order()] == ["Dordrecht · Team 1", "Enschede"]
    assert shown not in content.rounds  # a speaking queue, never a breakout round
    with world.library.read() as db:
        assert len(db.scalars(select(BreakoutRound)).all()) == 1


def test_undo_puts_back_a_pitchs_team_and_bringer(world):
    from workshop.capture.commands.queue import AddQueueEntry, EditQueueEntry
    from workshop.capture.queue import Target
    from workshop.grouping.commands import DeleteRound
    from workshop.model import Participant, QueueEntry
    from workshop.people.commands import RemoveParticipants

    team_ids = _groups_on(world, world.breakout_id, ["Team 1"])
    with world.library.unit_of_work() as db:
        eva = Participant(session_id=world.session_id, name="Eva")
        db.add(eva)
        db.flush()
        eva_id = eva.id
        round_id = db.get(BreakoutGroup, team_ids[0]).round_id
    add = AddQueueEntry(world.talk_id, "De Buurtbus", participant_id=eva_id)
    world.history.push(add)
    world.history.push(EditQueueEntry(Target(entry_id=add.entry_id), group_id=team_ids[0]))

    def entry():
        with world.library.read() as db:
            row = db.get(QueueEntry, add.entry_id)
            return row.participant_id, row.group_id

    world.history.push(DeleteRound(round_id))
    world.history.push(RemoveParticipants([eva_id]))
    assert entry() == (None, None)
    world.history.undo()
    world.history.undo()
    assert entry() == (eva_id, team_ids[0])


def test_projector_speaking_time_defaults_to_the_share_of_the_item(world):
    """After an imported agenda the plenary picture shows 45 min / 3 groups, not 0:00."""
    _groups_on(world, world.breakout_id, ["Groep 1", "Groep 2", "Groep 3"])
    with world.library.unit_of_work() as db:
        item = db.get(AgendaItem, world.feedback_id)
        item.speaking_minutes = None
        item.planned_minutes = 45
    content = load_projector_content(world.library, world.session_id)
    assert content.speaking_minutes(world.feedback_id) == 15


def test_removing_agenda_items_is_undone_with_the_harvest_link_and_the_pitches(world):
    from workshop.agenda.commands import RemoveItems
    from workshop.capture.commands.queue import AddQueueEntry
    from workshop.model import QueueEntry

    _groups_on(world, world.talk_id, ["Tafel A"])
    world.history.push(SetHarvestItem(world.feedback_id, world.talk_id))
    pitch = AddQueueEntry(world.breakout_id, "Dordrecht")
    world.history.push(pitch)
    world.history.push(RemoveItems(world.session_id, [world.talk_id, world.breakout_id]))
    with world.library.read() as db:
        assert db.get(AgendaItem, world.feedback_id).harvest_item_id is None
    world.history.undo()
    with world.library.read() as db:
        assert db.get(AgendaItem, world.feedback_id).harvest_item_id == world.talk_id
        assert db.get(QueueEntry, pitch.entry_id).agenda_item_id == world.breakout_id
    assert reporting_queue(world.library, world.feedback_id).harvest_chosen
    world.history.redo()
    world.history.undo()
    with world.library.read() as db:
        assert db.get(AgendaItem, world.feedback_id).harvest_item_id == world.talk_id
