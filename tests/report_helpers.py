"""A rich session for report and exchange tests: rounds, groups, notes of every kind, photos."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, time, timedelta

from PIL import Image
from pypdf import PdfReader

from workshop.demo.builders import seat_round, session_with_items
from workshop.model import Attachment, Note, Participant, TimerEvent
from workshop.store.library import Library

NAMED = "Anouk Zonnebloem"  # agreed to be named
SECRET = "Daan Verborgen"  # did not agree
QUOTE_NAMED = "Pieter Citeerbaar"  # did not agree in general, agreed for one quote
TRICKY = ["a<b", "<b>not bold</b>", "AT&T", "&amp;"]


def photo_bytes(width: int = 1600, height: int = 1200, colour=(40, 120, 160)) -> bytes:
    img = Image.new("RGB", (width, height), colour)
    for x in range(0, width, 97):
        img.paste((230, 200, 60), (x, 0, x + 20, height))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=90)
    return out.getvalue()


def make_rich_session(library: Library, **overrides) -> int:
    """A session with two rounds, notes of every kind, a timer log and a photo."""
    start = datetime(2024, 3, 14, 15, 0).astimezone(UTC)  # 15:00 local
    sid, items = session_with_items(
        library,
        overrides.get("title", "Wijkgesprek Oosterweide"),
        [
            {"title": "Welkom", "kind": "welkom", "planned_minutes": 10, "lead": "Marieke"},
            {
                "title": "Subgroepen",
                "kind": "subgroepen",
                "planned_minutes": 30,
                "materials": "Flappen, stiften",
                "notes": "Groepen van zes",
            },
            {
                "title": "Terugkoppeling",
                "kind": "terugkoppeling",
                "planned_minutes": 20,
                "speaking_minutes": 3,
            },
        ],
        subtitle="Samen werken aan de wijk",
        date=date(2024, 3, 14),
        start_time=time(15, 0),
        end_time=time(17, 0),
        place="Buurthuis De Linde",
        organiser="Gemeente Lindenburg",
        facilitators="Marieke Hoogland",
        goals="Ideeën ophalen\nPartners vinden",
        background="Aanleiding met AT&T en a<b.\nTweede regel.",
        summary="Samenvatting: " + " ".join(TRICKY),
        follow_up="We komen in juni terug.",
    )
    with library.unit_of_work() as db:
        people = [
            Participant(session_id=sid, name=NAMED, organisation="Gemeente Lindenburg", role="beleidsmedewerker", presence="aanwezig", may_be_named=True),
            Participant(session_id=sid, name=SECRET, organisation="Buurtcoöperatie De Kiem", role="bewoner", presence="aanwezig", may_be_named=False),
            Participant(session_id=sid, name=QUOTE_NAMED, organisation="Energiecoöperatie", role="bestuurslid", presence="aanwezig", may_be_named=False),
            Participant(session_id=sid, name="Fatima Smits", organisation="Buurtcoöperatie De Kiem", role="bewoner", presence="afwezig", may_be_named=True),
        ]  # fmt: skip
        db.add_all(people)
        db.flush()
        groups = [
            {"name": "Groep 1", "table_name": "Tafel 1", "theme": "Energie", "host_id": people[0].id, "report_position": 1},
            {"name": "Groep 2", "table_name": "Tafel 2", "theme": "Zorg", "host_id": people[1].id, "rapporteur_id": people[1].id, "report_position": 0},
        ]  # fmt: skip
        _round, (g1, g2) = seat_round(
            db, sid, items[1], 1, [people[0:2], people[2:3]], groups.__getitem__, title="Knoppen"
        )
        notes = [
            Note(session_id=sid, group_id=g1.id, kind="inzicht", text="Punt met <b>not bold</b> erin", position=0),
            Note(session_id=sid, group_id=g1.id, kind="citaat", text="Een citaat van een geheime spreker", speaker=SECRET, speaker_id=people[1].id, speaker_may_be_named=False, position=1),
            Note(session_id=sid, group_id=g2.id, kind="citaat", text="Een citaat dat genoemd mag worden", speaker=QUOTE_NAMED, speaker_id=people[2].id, speaker_may_be_named=True, position=2),
            Note(session_id=sid, group_id=g2.id, kind="vraag", text="Wie betaalt dit?", position=3),
            Note(session_id=sid, group_id=g2.id, kind="knop", text="Regels versoepelen", position=4),
            Note(session_id=sid, group_id=g2.id, kind="partner", text="Woningcorporatie", position=5),
            Note(session_id=sid, group_id=g1.id, kind="actie", text="Subsidie aanvragen", action_who="Gemeente", action_due=date(2024, 6, 1), position=6),
            Note(session_id=sid, agenda_item_id=items[2], kind="inzicht", text="Plenair: " + " | ".join(TRICKY) + "\nnieuwe regel", position=7),
            Note(session_id=sid, agenda_item_id=items[2], kind="inzicht", text=f"{SECRET} zei iets in de zaal", position=8),
        ]  # fmt: skip
        db.add_all(notes)
        db.add(
            Attachment(
                session_id=sid,
                group_id=g1.id,
                caption="Flap van groep 1",
                filename="flap.jpg",
                data=photo_bytes(),
                width=1600,
                height=1200,
            )
        )
        events = []
        at = start
        for item, minutes in zip(items, (12, 35, 18), strict=True):
            events.append(TimerEvent(session_id=sid, agenda_item_id=item, kind="start", at=at))
            at += timedelta(minutes=minutes)
        events.append(TimerEvent(session_id=sid, kind="session_end", at=at))
        db.add_all(events)
        db.flush()
    return sid


def pdf_text(source) -> str:
    reader = PdfReader(source)
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def squash(text: str) -> str:
    """Text without line breaks or doubled spaces, for phrase checks across wrapped lines."""
    return " ".join(text.split())
