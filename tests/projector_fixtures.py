"""Shared test data for the projector: a demo session with a breakout round and notes."""

from __future__ import annotations

from sqlalchemy import select

from workshop.demo import ensure_demo
from workshop.demo.builders import seat_round
from workshop.model import AgendaItem, BreakoutRound, Note, Participant
from workshop.store.library import Library

THEMES = (
    "Energiegemeenschappen",
    "Zorg en welzijn",
    "Lokale economie",
    "Wonen en leefomgeving",
    "Voedsel",
    "Mobiliteit",
    "Cultuur",
    "Onderwijs",
    "Natuur",
    "Digitaal",
)
FIRST = ("Anouk", "Bram", "Chantal", "Daan", "Eline", "Fatima", "Gijs", "Hanneke", "Ilias", "Joke")
LAST = ("de Vries", "Bakker", "Janssen", "van Dijk", "Visser", "El Amrani")


def add_round(library: Library, session_id: int, groups: int = 10, size: int = 6) -> int:
    """A breakout round of `groups` × `size` (extra participants made up), host per group."""
    with library.unit_of_work() as db:
        item = db.scalars(
            select(AgendaItem).where(
                AgendaItem.session_id == session_id, AgendaItem.kind == "subgroepen"
            )
        ).first()
        # this round is the item's only one: the demo's own round steps aside (kept, unlinked)
        for other in db.scalars(
            select(BreakoutRound).where(
                BreakoutRound.session_id == session_id,
                BreakoutRound.agenda_item_id == (item.id if item else None),
            )
        ):
            other.agenda_item_id = None
        people = list(db.scalars(select(Participant).where(Participant.session_id == session_id)))
        needed = groups * size
        for n in range(len(people), needed):
            p = Participant(session_id=session_id, name=f"{FIRST[n % 10]} {LAST[(n // 10) % 6]}")
            db.add(p)
            people.append(p)
        db.flush()
        tables = [people[g * size : (g + 1) * size] for g in range(groups)]
        rnd, seated = seat_round(
            db,
            session_id,
            item.id if item else None,
            1,
            tables,
            lambda g: {
                "name": f"Groep {g + 1}",
                "theme": THEMES[g % len(THEMES)],
                "report_position": groups - g,
                "host_id": tables[g][0].id,
                "rapporteur_id": tables[g][1].id if size > 1 else None,
            },
        )
        db.add_all(
            Note(
                session_id=session_id,
                group_id=group.id,
                text=f"Knop {g + 1}: regelruimte voor initiatieven in de wijk",
                kind="knop",
                position=g,
            )
            for g, group in enumerate(seated)
        )
        return rnd.id


def demo_with_round(library: Library, groups: int = 10, size: int = 6) -> int:
    sid = ensure_demo(library)
    add_round(library, sid, groups, size)
    return sid


def three_rounds(library: Library, groups: int = 4, size: int = 3) -> tuple[int, int, list[int]]:
    """The demo with three rounds of table talks on its breakout item, each with its own
    groups ("R2 Groep 3"), and Live steps "Ronde 1/2/3" on that item.

    Returns (session id, item id, round ids by number).
    """
    sid = ensure_demo(library)
    add_round(library, sid, groups, size)
    with library.unit_of_work() as db:
        item = db.scalars(
            select(AgendaItem).where(AgendaItem.session_id == sid, AgendaItem.kind == "subgroepen")
        ).first()
        item.steps = [{"title": f"Ronde {n}", "minutes": 10} for n in (1, 2, 3)]
        first = db.scalars(
            select(BreakoutRound).where(BreakoutRound.agenda_item_id == item.id)
        ).one()
        people = list(db.scalars(select(Participant).where(Participant.session_id == sid)))
        ids = [first.id]
        for number in (2, 3):
            moved = people[number:] + people[:number]  # new table mates each round
            rnd, _groups = seat_round(
                db,
                sid,
                item.id,
                number,
                [moved[g * size : (g + 1) * size] for g in range(groups)],
                lambda g, n=number: {"name": f"R{n} Groep {g + 1}", "report_position": g},
            )
            ids.append(rnd.id)
        return sid, item.id, ids
