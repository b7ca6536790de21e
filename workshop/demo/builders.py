"""Session builders shared by the tests, the benchmarks and `workshop selftest`.

Small pieces that compose: a session (`new_session`), people (`people_rows`, `add_people`),
agenda items (`add_items`, `add_item`), group rounds (`table_plan`, `store_rounds`, or
`seat_round` straight into the ORM), a meeting of a series (`series_meeting`), and the
benchmarks' huge session (`huge_session`). Each takes the library first, so
`await db.call(builder, ...)` runs it on the UI's database worker, and returns ids.

Where a change is a user's change the builders run the real command (`CreateSession`,
`ImportParticipants`, `AddParticipant`, `SetPresence`, `AddItem`, `StoreRounds`,
`NewMeeting`, `LinkPeople`); `do=` takes what runs it (a `History.push` for tests that undo,
`CommandRunner.do` by default). Bulk data that no single command makes (the huge session,
rounds with hosts and themes) is written to the ORM in one unit of work.

Imported on demand only (tests, bench, selftest): `workshop.demo` itself does not import it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from datetime import time as clock_time
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session as OrmSession

from workshop.agenda.commands import AddItem
from workshop.commands import Command, CommandRunner
from workshop.grouping.commands import GroupSpec, StoreRounds
from workshop.model import (
    AgendaItem,
    Attachment,
    BreakoutGroup,
    BreakoutRound,
    Membership,
    Note,
    Participant,
    WorkSession,
)
from workshop.people.commands import AddParticipant, ImportAction, ImportParticipants, SetPresence
from workshop.people.queries import list_people
from workshop.sessions.commands import CreateSession
from workshop.store.library import Library

#: What runs a command: `CommandRunner.do`, `History.push` (undoable), ...
Do = Callable[[Command], object]


def _runner(library: Library, do: Do | None) -> Do:
    return do if do is not None else CommandRunner(library).do


# -- sessions and people ---------------------------------------------------------------------
def new_session(library: Library, title: str = "Sessie", *, do: Do | None = None, **fields) -> int:
    """A new session through `CreateSession`; its id."""
    create = CreateSession(title=title, **fields)
    _runner(library, do)(create)
    assert create.session_id is not None
    return create.session_id


def people_rows(
    count: int,
    *,
    name: str = "Persoon {i}",
    organisation: str = "Org {o}",
    organisations: int = 23,
    email: str | None = None,
    presence: str | None = "aanwezig",
    absent_every: int = 0,
    start: int = 0,
) -> list[dict[str, Any]]:
    """`count` people as import rows; `{i}` is the person's number, `{o}` = i % organisations.
    Every `absent_every`-th person (i % absent_every == 0) is absent."""
    rows = []
    for i in range(start, start + count):
        row: dict[str, Any] = {
            "name": name.format(i=i),
            "organisation": organisation.format(i=i, o=i % organisations),
        }
        if email is not None:
            row["email"] = email.format(i=i)
        if presence is not None:
            row["presence"] = "afwezig" if absent_every and i % absent_every == 0 else presence
        rows.append(row)
    return rows


def add_people(
    library: Library,
    session_id: int,
    people: int | Sequence[Mapping[str, Any]],
    *,
    do: Do | None = None,
    one_by_one: bool = False,
) -> list[int]:
    """Add people (a number: `people_rows(n)`) in one `ImportParticipants` step, or with
    `one_by_one` an `AddParticipant` step each; the ids of all the session's people, in the
    people list's order."""
    rows = people_rows(people) if isinstance(people, int) else list(people)
    run = _runner(library, do)
    if one_by_one:
        for row in rows:
            run(AddParticipant(session_id, **row))
    else:
        run(ImportParticipants(session_id, [ImportAction(dict(row)) for row in rows]))
    return [p.id for p in list_people(library, session_id)]


def mark_present(library: Library, session_id: int, *, do: Do | None = None) -> list[int]:
    """Everyone of the session present (`SetPresence`); their ids."""
    with library.read() as db:
        ids = list(db.scalars(select(Participant.id).where(Participant.session_id == session_id)))
    _runner(library, do)(SetPresence(ids, "aanwezig"))
    return ids


def write_people_list(path: Path, count: int) -> Path:
    """A registration list as Dutch Excel saves it (`;`, cp1252, CRLF), one row a person."""
    lines = ["Voornaam;Tussenvoegsel;Achternaam;Organisatie;Functie;E-mail;Themavoorkeur"]
    for i in range(count):
        lines.append(
            f"Noëlle;{'van ' if i % 5 == 0 else ''};Persoon {i};Organisatie {i % 37};"
            f"rol {i % 7};p{i}@voorbeeld.nl;Thema {i % 4}"
        )
    path.write_bytes("\r\n".join(lines).encode("cp1252"))
    return path


# -- the agenda ------------------------------------------------------------------------------
#: The item kinds the huge session cycles through.
KINDS = ("welkom", "presentatie", "gesprek", "subgroepen", "terugkoppeling", "pauze", "pitch")


def add_items(library: Library, session_id: int, items: Iterable[Mapping[str, Any]]) -> list[int]:
    """Agenda items (`AgendaItem` fields each) after the session's last, in one unit of work;
    their ids."""
    with library.unit_of_work() as db:
        return [row.id for row in _add_items(db, session_id, items)]


def _add_items(
    db: OrmSession, session_id: int, items: Iterable[Mapping[str, Any]]
) -> list[AgendaItem]:
    last = db.scalar(
        select(func.max(AgendaItem.position)).where(AgendaItem.session_id == session_id)
    )
    start = 0 if last is None else last + 1
    rows = [
        AgendaItem(**{"position": start + n, **dict(fields), "session_id": session_id})
        for n, fields in enumerate(items)
    ]
    db.add_all(rows)
    db.flush()
    return rows


def add_item(
    library: Library,
    session_id: int,
    title: str = "Subgroepen",
    kind: str = "subgroepen",
    *,
    do: Do | None = None,
    command: bool = False,
    **fields,
) -> int:
    """One agenda item at the end; with `command` through `AddItem` (as a user adds one)."""
    if not command:
        return add_items(library, session_id, [{"title": title, "kind": kind, **fields}])[0]
    _runner(library, do)(AddItem(session_id, title=title, kind=kind, **fields))
    with library.read() as db:
        item_id = db.scalar(
            select(func.max(AgendaItem.id)).where(AgendaItem.session_id == session_id)
        )
    assert item_id is not None
    return item_id


def session_with_items(
    library: Library, title: str, items: Iterable[Mapping[str, Any]] = (), **fields
) -> tuple[int, list[int]]:
    """A session (written as is, no command) with its agenda in one unit of work:
    (session id, item ids)."""
    with library.unit_of_work() as db:
        session = WorkSession(title=title, **fields)
        db.add(session)
        db.flush()
        return session.id, [row.id for row in _add_items(db, session.id, items)]


# -- groups ----------------------------------------------------------------------------------
def table_plan(
    ids: Sequence[int], tables: int, rounds: int = 1, shift: int = 1
) -> list[list[GroupSpec]]:
    """Rounds of `tables` groups, dealt like cards (`ids[g::tables]`); round r starts
    `r * shift` people further, so the tables mix from round to round (`shift=0`: the
    same tables every round)."""
    return [
        [GroupSpec(tuple(ids[g + r * shift :: tables])) for g in range(tables)]
        for r in range(rounds)
    ]


def store_rounds(
    library: Library,
    session_id: int,
    item_id: int,
    plan: Sequence[Sequence[GroupSpec]],
    *,
    do: Do | None = None,
) -> None:
    """The plan stored through `StoreRounds`, as the Groepen page stores one."""
    _runner(library, do)(StoreRounds(session_id, item_id, plan))


def seat_round(
    db: OrmSession,
    session_id: int,
    item_id: int | None,
    number: int,
    tables: Sequence[Sequence[Participant]],
    group: Callable[[int], Mapping[str, Any]] = lambda g: {"name": f"Groep {g + 1}"},
    **round_fields,
) -> tuple[BreakoutRound, list[BreakoutGroup]]:
    """A round written to the ORM: table g seats `tables[g]` in order, its group's fields
    from `group(g)` (`position` is g unless given). The round and its groups, by table."""
    rnd = BreakoutRound(
        session_id=session_id, agenda_item_id=item_id, number=number, **round_fields
    )
    db.add(rnd)
    db.flush()
    groups = []
    for g, members in enumerate(tables):
        row = BreakoutGroup(round_id=rnd.id, **{"position": g, **dict(group(g))})
        db.add(row)
        db.flush()
        groups.append(row)
        db.add_all(
            Membership(round_id=rnd.id, group_id=row.id, participant_id=p.id, seat=seat)
            for seat, p in enumerate(members)
        )
    db.flush()
    return rnd, groups


# -- series ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Meeting:
    session_id: int
    series_id: int
    item_id: int  # the first item added (kind subgroepen unless said)


def series_meeting(
    library: Library,
    series: str,
    number: int,
    people: Sequence[Mapping[str, Any]],
    *,
    items: Sequence[tuple[str, str]] = (("Tafels", "subgroepen"),),
    item: str = "subgroepen",
    do: Do | None = None,
) -> Meeting:
    """Meeting `number` of a series as a facilitator makes it: `NewMeeting`, the list
    imported, the people linked to the series' register, everyone present, the agenda's
    `items` (title, kind) added. `item_id` is the first item of kind `item`."""
    from workshop.series.commands import LinkPeople, NewMeeting
    from workshop.series.queries import preview_session_matches

    run = _runner(library, do)
    meeting = NewMeeting(series, title=f"Bijeenkomst {number}", date=date(2026, number, 9))
    run(meeting)
    sid = meeting.session_id
    assert sid is not None
    add_people(library, sid, people, do=run)
    series_id, matches = preview_session_matches(library, sid)
    run(LinkPeople(series_id, sid, matches))
    mark_present(library, sid, do=run)
    for title, kind in items:
        run(AddItem(sid, title=title, kind=kind))
    with library.read() as db:
        item_id = db.scalar(
            select(AgendaItem.id)
            .where(AgendaItem.session_id == sid, AgendaItem.kind == item)
            .order_by(AgendaItem.position, AgendaItem.id)
        )
    assert item_id is not None, f"meeting {number} has no item of kind {item}"
    return Meeting(sid, series_id, item_id)


# -- the huge session ------------------------------------------------------------------------
HUGE_PEOPLE, HUGE_GROUPS, HUGE_ROUNDS, HUGE_NOTES, HUGE_ITEMS, HUGE_PHOTOS = (
    200,
    30,
    2,
    1000,
    60,
    10,
)
NOTE_KINDS = ("inzicht", "citaat", "vraag", "actie", "knop", "partner")


def flipover_jpeg(width: int, height: int, label: str) -> bytes:
    """A plain JPEG photo with a label, as big as a phone's or a thumbnail."""
    import io

    from PIL import Image, ImageDraw

    image = Image.new("RGB", (width, height), (200, 220, 235))
    ImageDraw.Draw(image).text((20, 20), label, fill=(20, 20, 20))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def huge_session(library: Library, photos: bool = True) -> int:
    """The benchmarks' huge session: 200 participants, 60 agenda items, 2 rounds of 30
    groups on the first subgroepen item, 1,000 notes (800 on the first terugkoppeling, the
    Terugkoppeling page's worst case) and 10 photos of 1600×1200. Its id."""
    with library.unit_of_work() as db:
        session = WorkSession(
            title="Regionale netwerkdag",
            date=date(2021, 4, 9),
            start_time=clock_time(9, 0),
            end_time=clock_time(17, 0),
            place="Stadhuis",
        )
        db.add(session)
        db.flush()
        sid = session.id
        people = [
            Participant(
                session_id=sid,
                name=f"Deelnemer {i}",
                organisation=f"Gemeente {i % 23}",
                role="beleidsadviseur",
                presence="aanwezig",
                may_be_named=i % 3 == 0,
            )
            for i in range(HUGE_PEOPLE)
        ]
        db.add_all(people)
        items = _add_items(
            db,
            sid,
            (
                {
                    "title": f"Onderdeel {i + 1}",
                    "kind": KINDS[i % len(KINDS)],
                    "planned_minutes": 5 + i % 4 * 5,
                    "lead": f"Begeleider {i % 5}",
                    "notes": "Opmerkingen " * 5,
                }
                for i in range(HUGE_ITEMS)
            ),
        )
        breakout = next(item for item in items if item.kind == "subgroepen")
        feedback = next(item for item in items if item.kind == "terugkoppeling")
        groups: list[BreakoutGroup] = []
        for number in range(1, HUGE_ROUNDS + 1):
            _rnd, seated = seat_round(
                db,
                sid,
                breakout.id,
                number,
                [people[g + number - 1 :: HUGE_GROUPS] for g in range(HUGE_GROUPS)],
                lambda g: {
                    "name": f"Groep {g + 1}",
                    "table_name": f"Tafel {g + 1}",
                    "theme": f"Thema {g % 6}",
                },
                title=f"Ronde {number}",
            )
            groups.extend(seated)
        db.add_all(
            Note(
                session_id=sid,
                agenda_item_id=(feedback if i % 5 else items[i % HUGE_ITEMS]).id,
                group_id=groups[i % len(groups)].id if i % 2 else None,
                kind=NOTE_KINDS[i % len(NOTE_KINDS)],
                text=f"Punt {i}: " + "we willen samen verder met de wijkaanpak " * (1 + i % 4),
                speaker=f"Deelnemer {i % HUGE_PEOPLE}",
                position=i,
                starred=i % 17 == 0,
                votes=i % 5,
            )
            for i in range(HUGE_NOTES)
        )
        if photos:
            photo = flipover_jpeg(1600, 1200, "flip-over")
            thumbnail = flipover_jpeg(320, 240, "flip-over")
            db.add_all(
                Attachment(
                    session_id=sid,
                    agenda_item_id=items[i * 5].id,
                    caption=f"Flip-over {i + 1}",
                    filename=f"flip{i}.jpg",
                    data=photo,
                    thumbnail=thumbnail,
                    width=1600,
                    height=1200,
                    position=i,
                )
                for i in range(HUGE_PHOTOS)
            )
    return sid
