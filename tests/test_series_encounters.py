"""Encounter history across a series: the planner avoids who met at earlier meetings."""

from __future__ import annotations

from workshop.cli import main
from workshop.commands import CommandRunner
from workshop.demo.builders import people_rows, series_meeting
from workshop.grouping.api import Person, PlanRequest
from workshop.grouping.planner import plan_rounds
from workshop.grouping.quality import pair
from workshop.series.encounters import series_encounters


def _met(rounds) -> dict:
    met: dict = {}
    for rnd in rounds:
        for g in rnd:
            for i, a in enumerate(g.members):
                for b in g.members[i + 1 :]:
                    met[pair(a, b)] = met.get(pair(a, b), 0) + 1
    return met


def test_planner_uses_the_other_parallel_classes_when_history_is_given():
    people = tuple(Person(i, f"P{i}", {"organisation": f"O{i % 5}"}) for i in range(25))
    first = plan_rounds(PlanRequest(people, rounds=3, group_size=5, mix_on=("organisation",)))
    history = _met(first.rounds)
    assert len(history) == 150 and first.quality.repeated_pairs == 0
    second = plan_rounds(
        PlanRequest(people, rounds=3, group_size=5, mix_on=("organisation",), history=history)
    )
    assert second.quality.repeated_pairs == 0
    assert second.quality.new_pairs == 150
    assert not set(_met(second.rounds)) & set(history)
    alone = plan_rounds(PlanRequest(people, rounds=3, group_size=5, mix_on=("organisation",)))
    assert set(_met(alone.rounds)) == set(history)  # the baseline repeats every pair


def _meeting(library, runner, k: int) -> tuple[int, int]:
    rows = people_rows(25, organisations=5, email="p{i}@x.nl", presence=None)
    meeting = series_meeting(library, "CoP Energy Hubs", k, rows, do=runner.do)
    return meeting.session_id, meeting.item_id


def test_cli_groups_uses_series_history_by_default(library, db_url, capsys):
    runner = CommandRunner(library)
    s1, _i1 = _meeting(library, runner, 1)
    s2, _i2 = _meeting(library, runner, 2)
    base = ["--db", db_url, "--size", "5", "--rounds", "3", "--mix", "organisatie"]
    assert main(["groups", str(s1), "--item", "Tafels", *base]) == 0
    capsys.readouterr()
    assert main(["groups", str(s2), "--item", "Tafels", *base]) == 0
    err = capsys.readouterr().err
    assert "150 nieuwe ontmoetingen" in err and "0 herhaalde" in err
    encounters = series_encounters(library, 1)
    assert [(e.pairs, e.new, e.repeated) for e in encounters] == [(150, 150, 0), (150, 150, 0)]
    assert main(["groups", str(s2), "--item", "Tafels", "--no-history", *base]) == 0
    assert "nieuwe ontmoetingen" not in capsys.readouterr().err
    assert series_encounters(library, 1)[-1].repeated == 150
