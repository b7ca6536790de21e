"""The next meeting of a series, carrying forward what a facilitator expects.

`NextMeeting` makes one undoable step of: a new session at the end of the series with the
previous meeting's details (subtitle, organiser, place, facilitators, report language),
the series' co-hosts (else the previous meeting's), the usual programme (the series'
template, else the previous meeting's agenda), a "Terugblik acties" item when earlier
actions are still open, the people register on the list (linked to the register,
presence still unknown: the door checks them in), and what the previous meeting produced
to build on (open questions, levers, photos; `workshop.series.carry`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from workshop.agenda.commands import InsertItems
from workshop.changes import Entity
from workshop.commands.base import Change, Changes, Command
from workshop.errors import CommandError
from workshop.i18n import _
from workshop.model import (
    AgendaItem,
    AgendaTemplate,
    ItemKind,
    Participant,
    Series,
    SeriesAction,
    SeriesAttendance,
    SeriesCoHost,
    SeriesPerson,
    SeriesTemplate,
    WorkSession,
)
from workshop.series.actions import STILL_OPEN
from workshop.series.carry import Produced, copy_produced, delete_copies, produced_by
from workshop.series.commands import AddToSeries
from workshop.series.queries import meeting_sessions
from workshop.sessions.cohosts import CoHostInfo, SetCoHosts
from workshop.sessions.commands import CreateSession

#: details of the previous meeting that the next one starts with
CARRIED_DETAILS = ("subtitle", "organiser", "place", "facilitators", "report_language")
#: agenda fields copied from the previous meeting (not its times as run, nor its summary)
CARRIED_ITEM_FIELDS = ("title", "kind", "planned_minutes", "lead", "notes", "materials", "steps")
REVIEW_MINUTES = 15


@dataclass(frozen=True)
class NextMeetingPlan:
    """What `NextMeeting` will carry (shown in the dialog before it is made)."""

    series_name: str
    number: int  # the new meeting's number in the series
    previous_title: str
    agenda_from: str  # the template's name or the previous meeting's title ("" : none)
    items: int
    people: int
    open_actions: int
    produced: Produced = Produced(0, 0, 0)  # the previous meeting's questions, levers, photos
    #: the last meeting's date and times (the dialog proposes the next date from them)
    previous_date: date | None = None
    start_time: time | None = None
    end_time: time | None = None


def _previous(db: OrmSession, series_id: int) -> WorkSession | None:
    order = meeting_sessions(db, series_id)
    return db.get(WorkSession, order[-1]) if order else None


def _agenda_values(db: OrmSession, series_id: int) -> tuple[str, list[dict[str, Any]]]:
    """(where from, item values): the series' first template, else the last meeting's agenda."""
    template = db.scalar(
        select(AgendaTemplate)
        .join(SeriesTemplate, SeriesTemplate.template_id == AgendaTemplate.id)
        .where(SeriesTemplate.series_id == series_id)
        .order_by(SeriesTemplate.id)
    )
    if template is not None and template.items:
        keep = set(CARRIED_ITEM_FIELDS) | {"fixed_start", "flexible", "speaking_minutes"}
        return template.name, [{k: v for k, v in i.items() if k in keep} for i in template.items]
    previous = _previous(db, series_id)
    if previous is None:
        return "", []
    items = db.scalars(
        select(AgendaItem)
        .where(AgendaItem.session_id == previous.id)
        .order_by(AgendaItem.position, AgendaItem.id)
    ).all()
    return previous.title, [{f: getattr(i, f) for f in CARRIED_ITEM_FIELDS} for i in items]


def _open_actions(db: OrmSession, series_id: int) -> int:
    return len(
        db.scalars(
            select(SeriesAction.id).where(
                SeriesAction.series_id == series_id, SeriesAction.status.in_(STILL_OPEN)
            )
        ).all()
    )


def _with_review(values: list[dict[str, Any]], open_actions: int) -> list[dict[str, Any]]:
    """The programme with a "Terugblik acties" item (after the welcome) when actions are open."""
    if not open_actions or any(v.get("kind") == ItemKind.TERUGBLIK_ACTIES.value for v in values):
        return values
    review = {
        "title": _("Action review"),
        "kind": ItemKind.TERUGBLIK_ACTIES.value,
        "planned_minutes": REVIEW_MINUTES,
    }
    at = 1 if values and values[0].get("kind") == ItemKind.WELKOM.value else 0
    return [*values[:at], review, *values[at:]]


def plan_next_meeting(db: OrmSession, series_id: int) -> NextMeetingPlan:
    series = db.get(Series, series_id)
    if series is None:
        raise CommandError(_("Series {id} does not exist").format(id=series_id))
    previous = _previous(db, series_id)
    source, values = _agenda_values(db, series_id)
    open_actions = _open_actions(db, series_id)
    people = db.scalars(select(SeriesPerson.id).where(SeriesPerson.series_id == series_id)).all()
    produced = produced_by(db, previous.id) if previous is not None else Produced(0, 0, 0)
    return NextMeetingPlan(
        series.name,
        len(meeting_sessions(db, series_id)) + 1,
        previous.title if previous is not None else "",
        source,
        len(_with_review(values, open_actions)),
        len(people),
        open_actions,
        produced,
        previous.date if previous is not None else None,
        previous.start_time if previous is not None else None,
        previous.end_time if previous is not None else None,
    )


class NextMeeting(Command):
    """A new meeting at the end of a series, with what the previous one had (one undo step)."""

    def __init__(
        self,
        series_id: int,
        title: str,
        day: date,
        start_time: time,
        end_time: time,
        carry_people: bool = True,
        carry_produced: bool = True,
    ) -> None:
        title = " ".join(title.split())
        if not title:
            raise CommandError(_("Give the meeting a title."))
        if end_time <= start_time:
            raise CommandError(_("The end time must be after the start time."))
        self.series_id = series_id
        self.fields = {"title": title, "date": day, "start_time": start_time, "end_time": end_time}
        self.carry_people = carry_people
        self.carry_produced = carry_produced
        self.previous: tuple[int, str] | None = None  # (id, title) of the meeting before
        self.copies: tuple[list[int], list[int]] | None = None  # carried note and photo ids
        self.create: CreateSession | None = None
        self.add: AddToSeries | None = None
        self.agenda: InsertItems | None = None
        self.cohosts: SetCoHosts | None = None
        self.people: list[tuple[int, int, int]] = []  # (participant, attendance, person) ids
        self.label = _("Next meeting: {title}").format(title=title)

    @property
    def session_id(self) -> int | None:
        return self.create.session_id if self.create is not None else None

    def do(self, db: OrmSession) -> Changes:
        first = self.create is None
        if first:
            series = db.get(Series, self.series_id)
            if series is None:
                raise CommandError(_("Series {id} does not exist").format(id=self.series_id))
            previous = _previous(db, self.series_id)
            carried = {}
            if previous is not None:
                carried = {f: getattr(previous, f) for f in CARRIED_DETAILS}
                self.previous = (previous.id, previous.title)
            self.create = CreateSession(**carried, **self.fields)
        assert self.create is not None  # made on the first run
        changes = Changes()
        changes.extend(self.create.do(db).items)
        session_id = self.create.session_id
        assert session_id is not None
        if first:
            self.add = AddToSeries(self.series_id, session_id)
            # the programme and co-hosts are read before this meeting joins the series
            _source, values = _agenda_values(db, self.series_id)
            values = _with_review(values, _open_actions(db, self.series_id))
            if values:
                self.agenda = InsertItems(session_id, values, label=self.label)
            hosts = self._hosts(db)
            if hosts:
                self.cohosts = SetCoHosts(session_id, hosts)
        assert self.add is not None
        changes.extend(self.add.do(db).items)
        for step in (self.agenda, self.cohosts):
            if step is not None:
                changes.extend(step.do(db).items)
        if self.carry_people:
            changes.extend(self._carry_people(db, session_id, first).items)
        if self.carry_produced and self.previous is not None:
            changes.extend(self._carry_produced(db, session_id).items)
        return changes

    def _carry_produced(self, db: OrmSession, session_id: int) -> Changes:
        """The previous meeting's open questions, levers and photos onto the review item
        (else the first item), each marked with where it came from."""
        assert self.previous is not None
        items = db.scalars(
            select(AgendaItem)
            .where(AgendaItem.session_id == session_id)
            .order_by(AgendaItem.position, AgendaItem.id)
        ).all()
        review = [i for i in items if i.kind == ItemKind.TERUGBLIK_ACTIES.value]
        target = review[0] if review else items[0] if items else None
        source_id, title = self.previous
        self.copies = copy_produced(
            db, source_id, title, session_id, target.id if target else None, self.copies
        )
        changes = Changes()
        notes, photos = self.copies
        if notes:
            changes.add(Change(Entity.NOTE, "created", tuple(notes), session_id))
        if photos:
            changes.add(Change(Entity.ATTACHMENT, "created", tuple(photos), session_id))
        return changes

    def _hosts(self, db: OrmSession) -> list[CoHostInfo]:
        rows = db.scalars(
            select(SeriesCoHost)
            .where(SeriesCoHost.series_id == self.series_id)
            .order_by(SeriesCoHost.position)
        ).all()
        if rows:
            return [CoHostInfo(r.name, r.logo) for r in rows]
        previous = _previous(db, self.series_id)
        if previous is None:
            return []
        return [CoHostInfo(c.name, c.logo) for c in previous.cohosts]

    def _carry_people(self, db: OrmSession, session_id: int, first: bool) -> Changes:
        if first:
            register = db.scalars(
                select(SeriesPerson)
                .where(SeriesPerson.series_id == self.series_id)
                .order_by(SeriesPerson.name, SeriesPerson.id)
            ).all()
            planned: list[tuple[int | None, int | None, SeriesPerson | None]] = [
                (None, None, p) for p in register
            ]
        else:
            planned = [(pid, aid, db.get(SeriesPerson, person)) for pid, aid, person in self.people]
        self.people = []
        made = []  # (participant, attendance id, person): one flush for all, not one each
        for participant_id, attendance_id, person in planned:
            if person is None:
                continue
            participant = Participant(
                session_id=session_id,
                name=person.name,
                organisation=person.organisation,
                email=person.email,
                may_be_named=person.may_be_named,
            )
            if participant_id is not None:
                participant.id = participant_id
            db.add(participant)
            made.append((participant, attendance_id, person))
        db.flush()
        rows = []
        for participant, attendance_id, person in made:
            row = SeriesAttendance(
                person_id=person.id, session_id=session_id, participant_id=participant.id
            )
            if attendance_id is not None:
                row.id = attendance_id
            db.add(row)
            rows.append((participant, row, person))
        db.flush()
        self.people = [(p.id, row.id, person.id) for p, row, person in rows]
        if not self.people:
            return Changes()
        return Changes(
            [
                Change(
                    Entity.PARTICIPANT,
                    "created",
                    tuple(p for p, _a, _person in self.people),
                    session_id,
                ),
                Change(Entity.SERIES, "updated", (self.series_id,), None, ("people",)),
            ]
        )

    def undo(self, db: OrmSession) -> Changes:
        assert self.create is not None and self.add is not None
        session_id = self.create.session_id
        changes = Changes()
        if self.copies is not None:
            delete_copies(db, self.copies)
        for _pid, attendance_id, _person in self.people:
            row = db.get(SeriesAttendance, attendance_id)
            if row is not None:
                db.delete(row)
        db.flush()
        for step in (self.cohosts, self.agenda):
            if step is not None:
                changes.extend(step.undo(db).items)
        changes.extend(self.add.undo(db).items)
        db.flush()
        changes.extend(self.create.undo(db).items)
        if session_id is not None and self.copies is not None:
            notes, photos = self.copies
            if notes:
                changes.add(Change(Entity.NOTE, "deleted", tuple(notes), session_id))
            if photos:
                changes.add(Change(Entity.ATTACHMENT, "deleted", tuple(photos), session_id))
        if session_id is not None and self.people:
            changes.add(
                Change(
                    Entity.PARTICIPANT,
                    "deleted",
                    tuple(p for p, _a, _person in self.people),
                    session_id,
                )
            )
        return changes
