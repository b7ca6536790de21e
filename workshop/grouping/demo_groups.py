"""The demo session's breakout: groups of six for its subgroepen item, tables named and themed.

Settings live under the `breakout_groups` key of the demo JSON; the planner forms the groups
(organisations and roles spread), so the demo shows what a real plan looks like.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session as OrmSession

from workshop.grouping.api import Person, PlanRequest
from workshop.grouping.planner import plan_rounds
from workshop.model import BreakoutGroup, BreakoutRound, Membership, Presence, WorkSession


def _people(session: WorkSession) -> list[Person]:
    return [
        Person(
            id=p.id,
            name=p.name,
            attributes={"organisation": p.organisation, "role": p.role},
            theme=p.theme_preference,
            second_theme=p.second_theme,
        )
        for p in session.participants
        if p.presence == Presence.PRESENT.value
    ]


def plan_demo_rounds(people: list[Person], config: dict[str, Any]) -> list[list[list[int]]]:
    size = int(config.get("group_size", 6))
    rounds = int(config.get("rounds", 1))
    count = max(1, round(len(people) / size))
    result = plan_rounds(
        PlanRequest(
            people=tuple(people),
            rounds=rounds,
            group_size=None,
            group_count=count,
            mix_on=tuple(config.get("mix_on", ("organisation",))),
            seed=config.get("seed"),
            time_limit=1.0,
        )
    )
    return [[[int(pid) for pid in g.members] for g in groups] for groups in result.rounds]


def add_demo_groups(db: OrmSession, session: WorkSession, data: dict[str, Any]) -> None:
    """DEMO_EXTENSIONS builder: store the planned round(s) with table names and themes."""
    config = data.get("breakout_groups")
    if not config:
        return
    item = next((i for i in session.items if i.kind == config.get("item_kind", "subgroepen")), None)
    people = _people(session)
    if item is None or len(people) < 2:
        return
    names = {p.id: p.name for p in session.participants}
    roles = {p.id: p.role for p in session.participants}
    tables = config.get("tables", [])
    for number, groups in enumerate(plan_demo_rounds(people, config), start=1):
        rnd = BreakoutRound(
            session_id=session.id, agenda_item_id=item.id, number=number, settings=dict(config)
        )
        db.add(rnd)
        db.flush()
        for position, members in enumerate(groups):
            label = tables[position] if position < len(tables) else {}
            members = sorted(members, key=lambda pid: names[pid])
            host = next((m for m in members if roles[m] == "initiatiefnemer"), members[0])
            rapporteur = next((m for m in members if m != host), None)
            group = BreakoutGroup(
                round_id=rnd.id,
                position=position,
                name=f"Groep {position + 1}",
                table_name=label.get("table_name", f"Tafel {position + 1}"),
                theme=label.get("theme", ""),
                host_id=host,
                rapporteur_id=rapporteur,
                report_position=position,
            )
            db.add(group)
            db.flush()
            for seat, pid in enumerate(members):
                db.add(
                    Membership(round_id=rnd.id, group_id=group.id, participant_id=pid, seat=seat)
                )
    db.flush()
