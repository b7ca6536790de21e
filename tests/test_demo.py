"""The built-in demo session follows seed 001's Transitiegesprek."""

from __future__ import annotations

from datetime import date, time

from sqlalchemy import select

from workshop.demo import ensure_demo
from workshop.i18n import format_long_date
from workshop.model import AgendaItem, Participant
from workshop.sessions.queries import get_details


def test_demo_session(library):
    sid = ensure_demo(library)
    assert ensure_demo(library) == sid  # created once
    d = get_details(library, sid)
    assert d.title == "Lokale gemeenschappen als motor voor transitie"
    assert (d.date, d.start_time, d.end_time) == (date(2021, 4, 9), time(15), time(17))
    assert format_long_date(d.date) == "vrijdag 9 april 2021"
    with library.read() as db:
        items = db.scalars(
            select(AgendaItem).where(AgendaItem.session_id == sid).order_by(AgendaItem.position)
        ).all()
        people = db.scalars(select(Participant).where(Participant.session_id == sid)).all()
    assert len(items) == 7
    assert sum(i.planned_minutes for i in items) == 120
    kinds = [i.kind for i in items]
    assert "subgroepen" in kinds and "terugkoppeling" in kinds
    assert 28 <= len(people) <= 34
    assert len({p.organisation for p in people}) >= 8
    assert any(not p.may_be_named for p in people)
