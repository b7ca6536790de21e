"""The projector, the verslag data and the pages' queries read a session one way: the same
agenda order (position, then id) and the same groups in each round, also when agenda items
share a position."""

from __future__ import annotations

from datetime import time

import pytest

from workshop.agenda.queries import load_agenda
from workshop.capture.queries import reporting_queue, session_capture
from workshop.demo import ensure_demo
from workshop.grouping.queries import group_items, item_rounds
from workshop.grouping.session_plan import find_item
from workshop.model import (
    AgendaItem,
    BreakoutGroup,
    BreakoutRound,
    ItemKind,
    Membership,
    Participant,
    WorkSession,
)
from workshop.projector.content import load_projector_content
from workshop.readmodel.harvest import reporting_rounds
from workshop.readmodel.snapshot import load_snapshot
from workshop.reports import load_report_data


def tied_session(library) -> int:
    """Five items, three of them at position 1 (added in an order that is not their id
    order's reverse, so a sort on position alone is free to mix them); groups on the tied
    Subgroepen item, reported back on the Terugkoppeling tied with it."""
    rows = [
        (2, "Afsluiting", ItemKind.OVERIG),
        (1, "Subgroepen", ItemKind.SUBGROEPEN),
        (1, "Pauze", ItemKind.PAUZE),
        (1, "Terugkoppeling", ItemKind.TERUGKOPPELING),
        (0, "Welkom", ItemKind.WELKOM),
    ]
    with library.unit_of_work() as db:
        session = WorkSession(title="Gelijke posities", start_time=time(9), end_time=time(12))
        db.add(session)
        db.flush()
        items = {}
        for position, title, kind in rows:
            item = AgendaItem(
                session_id=session.id,
                position=position,
                title=title,
                kind=kind.value,
                planned_minutes=20,
            )
            db.add(item)
            db.flush()
            items[title] = item
        people = [Participant(session_id=session.id, name=f"Deelnemer {n}") for n in range(9)]
        db.add_all(people)
        db.flush()
        rnd = BreakoutRound(session_id=session.id, agenda_item_id=items["Subgroepen"].id, number=1)
        db.add(rnd)
        db.flush()
        # positions given out of id order: the groups read by (position, id) everywhere
        for position in (2, 0, 1):
            group = BreakoutGroup(round_id=rnd.id, position=position, name=f"Groep {position}")
            db.add(group)
            db.flush()
            seated = people[position * 3 : position * 3 + 3]
            group.host_id = seated[-1].id
            for seat, person in enumerate(seated):
                db.add(
                    Membership(
                        round_id=rnd.id, group_id=group.id, participant_id=person.id, seat=seat
                    )
                )
        db.flush()
        return session.id


@pytest.fixture(params=["demo", "tied"])
def session_id(request, library) -> int:
    return ensure_demo(library) if request.param == "demo" else tied_session(library)


def test_every_view_lists_the_agenda_in_one_order(library, session_id):
    stored = [(row.position, row.id) for row in _items(library, session_id)]
    expected = [item_id for _position, item_id in sorted(stored)]
    assert len(expected) >= 5

    snapshot = load_snapshot(library, session_id)
    views = {
        "snapshot": [i.id for i in snapshot.agenda],
        "projector": [i.id for i in load_projector_content(library, session_id).agenda],
        "verslag": [i.id for i in load_report_data(library, session_id).agenda],
        "agenda page": [r.id for r in load_agenda(library, session_id).rows],
        "capture page": [i.id for i in session_capture(library, session_id).items],
        "command line": [
            find_item(library, session_id, str(n)) for n in range(1, len(expected) + 1)
        ],
    }
    for name, order in views.items():
        assert order == expected, name
    # the Groepen page: subgroepen items, then items with rounds, then the rest; each part
    # in agenda order
    choices = group_items(library, session_id)
    ranks = [
        [c.id for c in choices if c.kind == ItemKind.SUBGROEPEN.value],
        [c.id for c in choices if c.kind != ItemKind.SUBGROEPEN.value and c.has_groups],
        [c.id for c in choices if c.kind != ItemKind.SUBGROEPEN.value and not c.has_groups],
    ]
    assert [c.id for c in choices] == [i for rank in ranks for i in rank]
    for rank in ranks:
        assert rank == [i for i in expected if i in rank]


def test_every_view_shows_the_same_groups_of_a_round(library, session_id):
    snapshot = load_snapshot(library, session_id)
    assert snapshot.rounds, "the session has breakout rounds"
    projector = {r.id: r for r in load_projector_content(library, session_id).rounds}
    report = {r.id: r for r in load_report_data(library, session_id).rounds}
    for rnd in snapshot.rounds:
        groups = [(g.id, frozenset(g.member_ids)) for g in rnd.groups]
        assert [g.position for g in rnd.groups] == sorted(g.position for g in rnd.groups)
        page = {r.id: r for r in item_rounds(library, session_id, rnd.agenda_item_id)}[rnd.id]
        assert [(g.id, frozenset(g.member_ids)) for g in page.groups] == groups
        assert [(g.id, frozenset(g.member_ids)) for g in report[rnd.id].groups] == groups
        shown = [(g.id, frozenset(m.id for m in g.members)) for g in projector[rnd.id].groups]
        assert shown == groups


def test_the_harvest_agrees_between_projector_verslag_and_capture(library, session_id):
    snapshot = load_snapshot(library, session_id)
    harvest = reporting_rounds(snapshot)
    assert harvest, "some item has a reporting queue"
    assert load_projector_content(library, session_id).harvest == harvest
    for item_id, round_id in harvest.items():
        queue = reporting_queue(library, item_id)
        assert queue.round_id == round_id
        rnd = next(r for r in snapshot.rounds if r.id == round_id)
        queued = {e.group_id for e in queue.entries if e.group_id is not None}
        assert queued == {g.id for g in rnd.groups}


def test_a_tied_terugkoppeling_harvests_the_subgroepen_before_it(library):
    session_id = tied_session(library)
    snapshot = load_snapshot(library, session_id)
    by_title = {i.title: i for i in snapshot.agenda}
    assert [i.title for i in snapshot.agenda] == [
        "Welkom",
        "Subgroepen",
        "Pauze",
        "Terugkoppeling",
        "Afsluiting",
    ]
    (rnd,) = snapshot.rounds
    assert reporting_rounds(snapshot)[by_title["Terugkoppeling"].id] == rnd.id
    data = load_report_data(library, session_id)
    (harvest,) = data.harvests
    assert harvest.agenda_item_id == by_title["Terugkoppeling"].id
    assert [g.member_ids for g in harvest.groups] == [(), (), ()]  # no seats in a harvest


def _items(library, session_id):
    with library.read() as db:
        return db.execute(
            AgendaItem.__table__.select().where(AgendaItem.session_id == session_id)
        ).all()
