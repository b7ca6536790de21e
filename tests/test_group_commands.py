"""Group commands do and undo: store a plan, move, lock, name, host, order, delete, absorb."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from workshop.commands import CommandError, History
from workshop.demo.builders import add_item, add_people, new_session
from workshop.grouping.commands import (
    DeleteRound,
    EditGroup,
    GroupSpec,
    MoveMember,
    SetGroupLocked,
    SetReportOrder,
    StoreRounds,
)
from workshop.grouping.queries import item_rounds, measure
from workshop.grouping.session_plan import absorb_command, plan_csv
from workshop.model import Note
from workshop.people.commands import AddParticipant, RemoveParticipants, SetPresence
from workshop.store.library import Library

pytestmark = pytest.mark.usefixtures("english")


ORGS = ["Gemeente", "Gemeente", "GGD", "GGD", "Wijkraad", "Wijkraad", "School", "School"]


@pytest.fixture
def setup(library: Library, history: History) -> dict:
    sid = new_session(library, do=history.push)
    item_id = add_item(library, sid)
    rows = [
        {"name": f"P{i}", "organisation": org, "presence": "aanwezig"} for i, org in enumerate(ORGS)
    ]
    ids = add_people(library, sid, rows, do=history.push, one_by_one=True)
    return {"sid": sid, "item": item_id, "ids": ids}


def plan(ids: list[int]) -> list[list[GroupSpec]]:
    a = [GroupSpec(tuple(ids[0:8:2])), GroupSpec(tuple(ids[1:8:2]))]
    b = [GroupSpec(tuple(ids[0:4])), GroupSpec(tuple(ids[4:8]))]
    return [a, b]


def shape(library: Library, setup: dict) -> list[list[tuple]]:
    return [
        [
            (
                g.name,
                g.table_name,
                g.theme,
                g.locked,
                g.host_id,
                g.rapporteur_id,
                g.report_position,
                g.member_ids,
            )
            for g in r.groups
        ]
        for r in item_rounds(library, setup["sid"], setup["item"])
    ]


def test_store_plan_and_undo(library: Library, history: History, setup: dict) -> None:
    ids = setup["ids"]
    history.push(StoreRounds(setup["sid"], setup["item"], plan(ids), {"rounds": 2}))
    rounds = item_rounds(library, setup["sid"], setup["item"])
    assert [r.number for r in rounds] == [1, 2]
    assert [g.name for g in rounds[0].groups] == ["Group 1", "Group 2"]
    assert [g.table_name for g in rounds[0].groups] == ["Table 1", "Table 2"]
    assert rounds[0].groups[0].member_ids == tuple(ids[0:8:2])
    assert rounds[0].settings == {"rounds": 2}
    q = measure(rounds)
    assert q.size_spread == 0 and q.repeated_pairs == 4 and q.max_meetings == 2
    assert plan_csv(rounds).splitlines()[:2] == ["round;group;name", "1;Group 1;P0"]
    history.undo()
    assert item_rounds(library, setup["sid"], setup["item"]) == []
    history.redo()
    assert shape(library, setup)[0][0][-1] == tuple(ids[0:8:2])


def test_edit_lock_move_order_and_undo(library: Library, history: History, setup: dict) -> None:
    ids = setup["ids"]
    history.push(StoreRounds(setup["sid"], setup["item"], plan(ids)))
    r1 = item_rounds(library, setup["sid"], setup["item"])[0]
    g1, g2 = r1.groups
    start = shape(library, setup)

    history.push(EditGroup(g1.id, table_name="Tafel Zon", theme="Energie"))
    history.push(EditGroup(g1.id, host_id=ids[0]))
    history.push(EditGroup(g2.id, rapporteur_id=ids[3]))
    with pytest.raises(CommandError, match="must sit in the group"):
        history.push(EditGroup(g2.id, host_id=ids[0]))
    history.push(MoveMember(r1.id, ids[0], g2.id))  # the host moves: g1 loses its host
    after_move = item_rounds(library, setup["sid"], setup["item"])[0]
    assert ids[0] in after_move.groups[1].member_ids
    assert after_move.groups[0].host_id is None
    assert after_move.groups[0].table_name == "Tafel Zon"

    history.push(SetGroupLocked(g2.id, True))
    with pytest.raises(CommandError, match="locked"):
        history.push(MoveMember(r1.id, ids[2], g2.id))
    history.push(SetReportOrder(r1.id, [g2.id, g1.id]))
    positions = [
        g.report_position for g in item_rounds(library, setup["sid"], setup["item"])[0].groups
    ]
    assert positions == [1, 0]

    for _step in range(6):
        history.undo()
    assert shape(library, setup) == start


def test_rename_merges_typing(library: Library, history: History, setup: dict) -> None:
    history.push(StoreRounds(setup["sid"], setup["item"], plan(setup["ids"])))
    gid = item_rounds(library, setup["sid"], setup["item"])[0].groups[0].id
    for text in ("T", "Ta", "Tafel"):
        history.push(EditGroup(gid, name=text))
    history.undo()
    assert item_rounds(library, setup["sid"], setup["item"])[0].groups[0].name == "Group 1"


def test_replan_keeps_group_rows_and_notes(library: Library, history: History, setup: dict) -> None:
    ids = setup["ids"]
    history.push(StoreRounds(setup["sid"], setup["item"], plan(ids)))
    gid = item_rounds(library, setup["sid"], setup["item"])[0].groups[0].id
    with library.unit_of_work() as db:
        note = Note(session_id=setup["sid"], group_id=gid, text="Punt van tafel 1")
        db.add(note)
        db.flush()
        note_id = note.id
    history.push(EditGroup(gid, table_name="Tafel Zon"))
    # one round of three groups replaces two rounds of two
    replan = [[GroupSpec(tuple(ids[0:3])), GroupSpec(tuple(ids[3:6])), GroupSpec(tuple(ids[6:8]))]]
    history.push(StoreRounds(setup["sid"], setup["item"], replan))
    rounds = item_rounds(library, setup["sid"], setup["item"])
    assert len(rounds) == 1 and [len(g.members) for g in rounds[0].groups] == [3, 3, 2]
    assert rounds[0].groups[0].id == gid and rounds[0].groups[0].table_name == "Tafel Zon"
    history.undo()
    assert len(item_rounds(library, setup["sid"], setup["item"])) == 2
    with library.read() as db:
        assert db.get(Note, note_id).group_id == gid


def test_delete_round_renumbers(library: Library, history: History, setup: dict) -> None:
    history.push(StoreRounds(setup["sid"], setup["item"], plan(setup["ids"])))
    first = item_rounds(library, setup["sid"], setup["item"])[0]
    history.push(DeleteRound(first.id))
    rounds = item_rounds(library, setup["sid"], setup["item"])
    assert [r.number for r in rounds] == [1] and rounds[0].groups[0].member_ids == tuple(
        setup["ids"][0:4]
    )
    history.undo()
    assert [r.id for r in item_rounds(library, setup["sid"], setup["item"])][0] == first.id


def test_refuses_someone_twice() -> None:
    with pytest.raises(CommandError, match="two groups"):
        StoreRounds(1, 1, [[GroupSpec((1, 2)), GroupSpec((2, 3))]])


def test_absorb_departure_and_arrival(library: Library, history: History, setup: dict) -> None:
    ids = setup["ids"]
    history.push(StoreRounds(setup["sid"], setup["item"], plan(ids)))
    before = shape(library, setup)
    assert absorb_command(library, setup["sid"], setup["item"]) is None  # nothing to do
    # two people from one table leave, one person walks in
    history.push(SetPresence([ids[0], ids[2]], "vertrokken"))
    history.push(AddParticipant(setup["sid"], name="Laat", organisation="GGD", presence="aanwezig"))
    command = absorb_command(library, setup["sid"], setup["item"])
    assert command is not None
    history.push(command)
    rounds = item_rounds(library, setup["sid"], setup["item"])
    for rnd in rounds:
        sizes = sorted(len(g.members) for g in rnd.groups)
        assert sizes in ([3, 4],), sizes
        assert ids[0] not in rnd.placed() and ids[2] not in rnd.placed()
    # round 1: the late one joined the smaller table; nobody else moved
    r1 = rounds[0]
    assert r1.groups[1].member_ids == tuple(ids[1:8:2])
    history.undo()
    assert shape(library, setup) == before


def test_privacy_removal_inside_groups(library: Library, history: History, setup: dict) -> None:
    ids = setup["ids"]
    history.push(StoreRounds(setup["sid"], setup["item"], plan(ids)))
    gid = item_rounds(library, setup["sid"], setup["item"])[0].groups[0].id
    history.push(EditGroup(gid, host_id=ids[0], rapporteur_id=ids[0]))
    before = shape(library, setup)
    history.push(RemoveParticipants([ids[0]]))
    rounds = item_rounds(library, setup["sid"], setup["item"])
    assert all(ids[0] not in r.placed() for r in rounds)
    assert rounds[0].groups[0].host_id is None and rounds[0].groups[0].rapporteur_id is None
    history.undo()
    assert shape(library, setup) == before
    with library.read() as db:
        assert db.scalars(select(Note)).all() == []


def test_plan_for_session_cli_writes_plan_csv(tmp_path: Path, capsys) -> None:
    import argparse
    import csv

    from workshop.cli.groups import plan_for_session
    from workshop.demo import ensure_demo

    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    lib = Library.open(url)
    sid = ensure_demo(lib)
    lib.close()
    out = tmp_path / "plan.csv"
    args = argparse.Namespace(
        db=url,
        session=str(sid),
        item="subgroepen",
        size=6,
        rounds=3,
        mix=["organisatie"],
        theme=None,
        seed=5,
        out=str(out),
    )
    assert plan_for_session(args) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig"), delimiter=";"))
    assert set(rows[0]) == {"round", "group", "name"}
    for number in ("1", "2", "3"):
        names = [r["name"] for r in rows if r["round"] == number]
        assert len(names) == 28 == len(set(names)), "everyone present once per round"
    assert "repeated pairs" in capsys.readouterr().err
    with pytest.raises(CommandError, match="agenda item"):
        plan_for_session(argparse.Namespace(**{**vars(args), "item": "bestaat niet"}))
    with pytest.raises(CommandError, match="Cannot mix"):
        plan_for_session(argparse.Namespace(**{**vars(args), "mix": ["schoenmaat"]}))


def test_planner_on_session_keeps_locks_and_invariants(
    library: Library, history: History, setup: dict
) -> None:
    from workshop.grouping.session_plan import PlanOptions, plan_command

    sid, item = setup["sid"], setup["item"]
    history.push(SetPresence([setup["ids"][7]], "afwezig"))
    command, result = plan_command(library, sid, item, PlanOptions(rounds=2, group_size=3, seed=1))
    history.push(command)
    rounds = item_rounds(library, sid, item)
    present = set(setup["ids"][:7])
    for rnd in rounds:
        assert rnd.placed() == present
        sizes = [len(g.members) for g in rnd.groups]
        assert max(sizes) - min(sizes) <= 1
    locked = rounds[0].groups[0]
    history.push(SetGroupLocked(locked.id, True))
    command, _result = plan_command(library, sid, item, PlanOptions(rounds=2, group_size=3, seed=9))
    history.push(command)
    again = item_rounds(library, sid, item)
    assert again[0].groups[0].member_ids == locked.member_ids
    assert again[0].groups[0].locked


def test_new_rounds_keep_the_tables_of_round_one(
    library: Library, history: History, setup: dict
) -> None:
    ids = setup["ids"]
    history.push(StoreRounds(setup["sid"], setup["item"], plan(ids)[:1]))
    first = item_rounds(library, setup["sid"], setup["item"])[0].groups[0]
    history.push(EditGroup(first.id, table_name="Tafel Zon", theme="Energie"))
    history.push(StoreRounds(setup["sid"], setup["item"], plan(ids)))
    second = item_rounds(library, setup["sid"], setup["item"])[1].groups[0]
    assert (second.table_name, second.theme) == ("Tafel Zon", "Energie")
