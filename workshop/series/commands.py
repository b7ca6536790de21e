"""Every change to a series as a command (do/undo in one unit of work, typed Changes)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session as OrmSession

from workshop.changes import Entity
from workshop.commands.base import Change, ChangeKind, Changes, Command, FieldEdit
from workshop.errors import CommandError
from workshop.i18n import _
from workshop.model import (
    Participant,
    Series,
    SeriesAction,
    SeriesAttendance,
    SeriesCoHost,
    SeriesMeeting,
    SeriesPerson,
    WorkSession,
)
from workshop.series.actions import ActionStatus
from workshop.series.register import Match, MatchHow
from workshop.sessions.cohosts import MAX_COHOSTS, CoHostInfo
from workshop.sessions.commands import CreateSession

SERIES_FIELDS = ("name", "theme", "facilitators")
ACTION_FIELDS = ("what", "who", "due", "status")


def _series_change(kind: ChangeKind, series_id: int, fields: Sequence[str] = ()) -> Change:
    return Change(Entity.SERIES, kind, (series_id,), None, tuple(fields))


def _series(db: OrmSession, series_id: int) -> Series:
    obj = db.get(Series, series_id)
    if obj is None:
        raise CommandError(_("Series {id} does not exist").format(id=series_id))
    return obj


def _clean_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise CommandError(_("A series needs a name"))
    if len(name) > 300:
        raise CommandError(_("A series name is at most 300 characters"))
    return name


def _name_free(db: OrmSession, name: str, series_id: int | None = None) -> None:
    other = db.scalar(select(Series).where(func.lower(Series.name) == name.casefold()))
    if other is not None and other.id != series_id:
        raise CommandError(_("There is already a series called {name}").format(name=name))


class CreateSeries(Command):
    def __init__(self, name: str, theme: str = "", facilitators: str = "") -> None:
        self.values = {
            "name": _clean_name(name),
            "theme": theme.strip(),
            "facilitators": facilitators.strip(),
        }
        self.series_id: int | None = None
        self.label = _("New series {name}").format(name=self.values["name"])

    def do(self, db: OrmSession) -> Changes:
        _name_free(db, self.values["name"])
        obj = Series(**self.values)
        if self.series_id is not None:
            obj.id = self.series_id
        db.add(obj)
        db.flush()
        self.series_id = obj.id
        return Changes([_series_change("created", obj.id)])

    def undo(self, db: OrmSession) -> Changes:
        assert self.series_id is not None
        db.delete(_series(db, self.series_id))
        return Changes([_series_change("deleted", self.series_id)])


class EditSeries(FieldEdit):
    def __init__(self, series_id: int, **values: Any) -> None:
        unknown = set(values) - set(SERIES_FIELDS)
        if unknown:
            raise CommandError(_("Unknown field: {name}").format(name=", ".join(sorted(unknown))))
        if "name" in values:
            values["name"] = _clean_name(values["name"])
        self.series_id = series_id
        self.new = values
        self.label = _("Change series")

    def _row(self, db: OrmSession) -> Series:
        row = _series(db, self.series_id)
        if "name" in self.new:
            _name_free(db, self.new["name"], self.series_id)
        return row

    def _changes(self, row: Series, fields: tuple[str, ...]) -> Changes:
        return Changes([_series_change("updated", row.id, fields)])

    def merge_key(self) -> tuple | None:
        return ("series", self.series_id, tuple(sorted(self.new)))


class AddToSeries(Command):
    """Put a session at the end of a series (a session belongs to at most one series)."""

    def __init__(self, series_id: int, session_id: int) -> None:
        self.series_id = series_id
        self.session_id = session_id
        self.meeting_id: int | None = None
        self.label = _("Add meeting to series")

    def do(self, db: OrmSession) -> Changes:
        _series(db, self.series_id)
        if db.get(WorkSession, self.session_id) is None:
            raise CommandError(_("Session {id} does not exist").format(id=self.session_id))
        if db.scalar(select(SeriesMeeting).where(SeriesMeeting.session_id == self.session_id)):
            raise CommandError(_("This session already belongs to a series"))
        last = db.scalar(
            select(func.max(SeriesMeeting.position)).where(
                SeriesMeeting.series_id == self.series_id
            )
        )
        row = SeriesMeeting(
            series_id=self.series_id, session_id=self.session_id, position=(last or 0) + 1
        )
        if self.meeting_id is not None:
            row.id = self.meeting_id
        db.add(row)
        db.flush()
        self.meeting_id = row.id
        return self._changes()

    def _changes(self) -> Changes:
        return Changes(
            [
                _series_change("updated", self.series_id, ("meetings",)),
                Change(Entity.SESSION, "updated", (self.session_id,), self.session_id, ("series",)),
            ]
        )

    def undo(self, db: OrmSession) -> Changes:
        row = db.get(SeriesMeeting, self.meeting_id)
        if row is not None:
            db.delete(row)
        return self._changes()


class NewMeeting(Command):
    """A new session in a series (the series is created when it does not exist yet)."""

    def __init__(self, series_name: str, **session_fields: Any) -> None:
        self.series_name = _clean_name(series_name)
        self.create_session = CreateSession(**session_fields)
        self.create_series: CreateSeries | None = None
        self.add: AddToSeries | None = None
        self.label = _("New meeting in {series}").format(series=self.series_name)

    @property
    def session_id(self) -> int | None:
        return self.create_session.session_id

    @property
    def series_id(self) -> int | None:
        return self.add.series_id if self.add else None

    def do(self, db: OrmSession) -> Changes:
        changes = Changes()
        if self.add is None:
            found = db.scalar(
                select(Series).where(func.lower(Series.name) == self.series_name.casefold())
            )
            if found is None:
                self.create_series = CreateSeries(self.series_name)
        if self.create_series is not None:
            changes.extend(self.create_series.do(db).items)
            series_id = self.create_series.series_id
        elif self.add is not None:
            series_id = self.add.series_id
        else:
            assert found is not None  # no series to create: the one found by name
            series_id = found.id
        changes.extend(self.create_session.do(db).items)
        assert series_id is not None and self.create_session.session_id is not None
        if self.add is None:
            self.add = AddToSeries(series_id, self.create_session.session_id)
        changes.extend(self.add.do(db).items)
        return changes

    def undo(self, db: OrmSession) -> Changes:
        assert self.add is not None
        changes = self.add.undo(db)
        changes.extend(self.create_session.undo(db).items)
        if self.create_series is not None:
            changes.extend(self.create_series.undo(db).items)
        return changes


class SetSeriesCoHosts(Command):
    """Replace a series' co-host organisations (names and logos, as for a session)."""

    def __init__(self, series_id: int, hosts: Sequence[CoHostInfo]) -> None:
        cleaned = [CoHostInfo(h.name.strip(), h.logo) for h in hosts]
        if any(not h.name for h in cleaned):
            raise CommandError(_("A co-host needs a name"))
        if len(cleaned) > MAX_COHOSTS:
            raise CommandError(_("At most {n} co-hosts").format(n=MAX_COHOSTS))
        self.series_id = series_id
        self.hosts = cleaned
        self.old: list[CoHostInfo] = []
        self.label = _("Change co-hosts")

    def _apply(self, db: OrmSession, hosts: list[CoHostInfo]) -> Changes:
        _series(db, self.series_id)
        for row in db.scalars(select(SeriesCoHost).where(SeriesCoHost.series_id == self.series_id)):
            db.delete(row)
        db.flush()
        for position, host in enumerate(hosts):
            db.add(
                SeriesCoHost(
                    series_id=self.series_id, name=host.name, logo=host.logo, position=position
                )
            )
        db.flush()
        return Changes([_series_change("updated", self.series_id, ("cohosts",))])

    def do(self, db: OrmSession) -> Changes:
        rows = db.scalars(
            select(SeriesCoHost)
            .where(SeriesCoHost.series_id == self.series_id)
            .order_by(SeriesCoHost.position)
        ).all()
        self.old = [CoHostInfo(r.name, r.logo) for r in rows]
        return self._apply(db, self.hosts)

    def undo(self, db: OrmSession) -> Changes:
        return self._apply(db, self.old)


# --- the people register ----------------------------------------------------------------


def _person(db: OrmSession, person_id: int) -> SeriesPerson:
    obj = db.get(SeriesPerson, person_id)
    if obj is None:
        raise CommandError(_("Person {id} is not in the register").format(id=person_id))
    return obj


def _people_change(series_id: int, fields: Sequence[str] = ("people",)) -> Change:
    return _series_change("updated", series_id, fields)


class LinkPeople(Command):
    """Apply a previewed match: known people get this meeting's attendance, new ones join.

    Consent travels with the person: a known person's consent (or its revocation) is
    carried onto this meeting's participant; a new person brings the participant's own.
    """

    def __init__(self, series_id: int, session_id: int, matches: Sequence[Match]) -> None:
        self.series_id = series_id
        self.session_id = session_id
        self.matches = list(matches)
        self.created: list[int] = []
        self.attendance: list[int] = []
        self.old_consent: dict[int, bool] = {}
        self.label = _("Match people with the series register")

    def do(self, db: OrmSession) -> Changes:
        _series(db, self.series_id)
        linked = set(
            db.scalars(
                select(SeriesAttendance.participant_id).where(
                    SeriesAttendance.session_id == self.session_id
                )
            )
        )
        redo = bool(self.created or self.attendance)
        created = iter(self.created)
        attendance = iter(self.attendance)
        self.created, self.attendance, self.old_consent = [], [], {}
        new_people = []
        rows = []
        for m in self.matches:
            pid = m.incoming.participant_id
            if pid in linked:
                continue
            participant = db.get(Participant, pid)
            if participant is None or participant.session_id != self.session_id:
                raise CommandError(_("Participant {id} is not in this session").format(id=pid))
            if m.person_id is None or m.how == MatchHow.NEW:
                person = SeriesPerson(
                    series_id=self.series_id,
                    name=participant.name,
                    organisation=participant.organisation,
                    email=participant.email,
                    may_be_named=participant.may_be_named,
                )
                if redo:
                    person.id = next(created)
                db.add(person)
                new_people.append((person, participant))
            else:
                person = _person(db, m.person_id)
                if person.series_id != self.series_id:
                    raise CommandError(_("Person {id} is not in the register").format(id=person.id))
                if participant.may_be_named != person.may_be_named:
                    self.old_consent[pid] = participant.may_be_named
                    participant.may_be_named = person.may_be_named
                rows.append((person, participant))
        db.flush()
        self.created = [p.id for p, _participant in new_people]
        for person, participant in new_people + rows:
            row = SeriesAttendance(
                person_id=person.id, session_id=self.session_id, participant_id=participant.id
            )
            if redo:
                row.id = next(attendance)
            db.add(row)
            db.flush()
            self.attendance.append(row.id)
        return self._changes()

    def _changes(self) -> Changes:
        changes = Changes([_people_change(self.series_id)])
        if self.old_consent:
            changes.add(
                Change(
                    Entity.PARTICIPANT,
                    "updated",
                    tuple(self.old_consent),
                    self.session_id,
                    ("may_be_named",),
                )
            )
        return changes

    def undo(self, db: OrmSession) -> Changes:
        for aid in self.attendance:
            row = db.get(SeriesAttendance, aid)
            if row is not None:
                db.delete(row)
        db.flush()
        for pid in self.created:
            person = db.get(SeriesPerson, pid)
            if person is not None:
                db.delete(person)
        for pid, consent in self.old_consent.items():
            participant = db.get(Participant, pid)
            if participant is not None:
                participant.may_be_named = consent
        db.flush()
        return self._changes()


class MergePeople(Command):
    """Two register entries are one person: `drop`'s meetings move to `keep`, `drop` goes."""

    def __init__(self, keep_id: int, drop_id: int) -> None:
        if keep_id == drop_id:
            raise CommandError(_("Choose two different people to merge"))
        self.keep_id = keep_id
        self.drop_id = drop_id
        self.saved: dict[str, Any] | None = None
        self.moved: list[int] = []
        self.keep_email: str | None = None
        self.label = _("Merge people")

    def do(self, db: OrmSession) -> Changes:
        keep, drop = _person(db, self.keep_id), _person(db, self.drop_id)
        if keep.series_id != drop.series_id:
            raise CommandError(_("Only people of one series can be merged"))
        mine = set(
            db.scalars(
                select(SeriesAttendance.session_id).where(SeriesAttendance.person_id == keep.id)
            )
        )
        rows = db.scalars(select(SeriesAttendance).where(SeriesAttendance.person_id == drop.id))
        self.moved = []
        for row in rows:
            if row.session_id in mine:
                raise CommandError(_("Both were at the same meeting: they are two people"))
            row.person_id = keep.id
            self.moved.append(row.id)
        self.saved = {
            c: getattr(drop, c)
            for c in (
                "id",
                "series_id",
                "name",
                "organisation",
                "email",
                "may_be_named",
                "created_at",
            )
        }
        self.keep_email = keep.email
        if not keep.email and drop.email:
            keep.email = drop.email
        db.flush()
        db.delete(drop)
        db.flush()
        return Changes([_people_change(keep.series_id)])

    def undo(self, db: OrmSession) -> Changes:
        assert self.saved is not None
        db.add(SeriesPerson(**self.saved))
        db.flush()
        for aid in self.moved:
            row = db.get(SeriesAttendance, aid)
            if row is not None:
                row.person_id = self.drop_id
        keep = db.get(SeriesPerson, self.keep_id)
        if keep is not None and self.keep_email is not None:
            keep.email = self.keep_email
        db.flush()
        return Changes([_people_change(self.saved["series_id"])])


class SplitPerson(Command):
    """A match that was wrong: one meeting's participant becomes a person of their own."""

    def __init__(self, session_id: int, participant_id: int) -> None:
        self.session_id = session_id
        self.participant_id = participant_id
        self.attendance_id: int | None = None
        self.old_person: int | None = None
        self.new_person: int | None = None
        self.label = _("Split person")

    def do(self, db: OrmSession) -> Changes:
        row = db.scalar(
            select(SeriesAttendance).where(
                SeriesAttendance.session_id == self.session_id,
                SeriesAttendance.participant_id == self.participant_id,
            )
        )
        if row is None:
            raise CommandError(_("This participant is not linked to the register"))
        old = _person(db, row.person_id)
        participant = db.get(Participant, self.participant_id)
        assert participant is not None
        person = SeriesPerson(
            series_id=old.series_id,
            name=participant.name,
            organisation=participant.organisation,
            email="",
            may_be_named=participant.may_be_named,
        )
        if self.new_person is not None:
            person.id = self.new_person
        db.add(person)
        db.flush()
        self.attendance_id, self.old_person, self.new_person = row.id, old.id, person.id
        row.person_id = person.id
        db.flush()
        return Changes([_people_change(old.series_id)])

    def undo(self, db: OrmSession) -> Changes:
        assert self.old_person is not None  # set by do()
        row = db.get(SeriesAttendance, self.attendance_id)
        person = db.get(SeriesPerson, self.new_person)
        series_id = person.series_id if person is not None else 0
        if row is not None:
            row.person_id = self.old_person
        db.flush()
        if person is not None:
            db.delete(person)
        db.flush()
        return Changes([_people_change(series_id)])


class SetConsent(Command):
    """Give or revoke a person's consent to be named: the register and every meeting."""

    def __init__(self, person_id: int, may_be_named: bool) -> None:
        self.person_id = person_id
        self.value = may_be_named
        self.old: bool | None = None
        self.old_participants: dict[int, bool] = {}
        self.label = _("Consent given") if may_be_named else _("Consent revoked")

    def do(self, db: OrmSession) -> Changes:
        person = _person(db, self.person_id)
        self.old = person.may_be_named
        person.may_be_named = self.value
        self.old_participants = {}
        for row in db.scalars(
            select(SeriesAttendance).where(SeriesAttendance.person_id == person.id)
        ):
            participant = db.get(Participant, row.participant_id)
            if participant is not None and participant.may_be_named != self.value:
                self.old_participants[participant.id] = participant.may_be_named
                participant.may_be_named = self.value
        db.flush()
        return self._changes(person.series_id)

    def _changes(self, series_id: int) -> Changes:
        changes = Changes([_people_change(series_id, ("people", "may_be_named"))])
        if self.old_participants:
            changes.add(
                Change(
                    Entity.PARTICIPANT,
                    "updated",
                    tuple(self.old_participants),
                    None,
                    ("may_be_named",),
                )
            )
        return changes

    def undo(self, db: OrmSession) -> Changes:
        person = _person(db, self.person_id)
        assert self.old is not None
        person.may_be_named = self.old
        for pid, value in self.old_participants.items():
            participant = db.get(Participant, pid)
            if participant is not None:
                participant.may_be_named = value
        db.flush()
        return self._changes(person.series_id)


# --- the action register ----------------------------------------------------------------


def _action(db: OrmSession, action_id: int) -> SeriesAction:
    obj = db.get(SeriesAction, action_id)
    if obj is None:
        raise CommandError(_("Action {id} does not exist").format(id=action_id))
    return obj


def _action_change(
    kind: ChangeKind, action: SeriesAction | int, fields: Sequence[str] = ()
) -> Change:
    action_id = action if isinstance(action, int) else action.id
    return Change(Entity.ACTION, kind, (action_id,), None, tuple(fields))


def _check_action(values: dict[str, Any]) -> dict[str, Any]:
    if "what" in values:
        values["what"] = values["what"].strip()
        if not values["what"]:
            raise CommandError(_("An action needs a description"))
    if "who" in values:
        values["who"] = " ".join(values["who"].split())[:300]
    if "status" in values:
        try:
            values["status"] = ActionStatus(values["status"]).value
        except ValueError:
            raise CommandError(
                _("Unknown status: {value}").format(value=values["status"])
            ) from None
    if "due" in values and values["due"] is not None and not isinstance(values["due"], date):
        raise CommandError(_("A due date is a date"))
    return values


class AddAction(Command):
    def __init__(
        self,
        series_id: int,
        what: str,
        who: str = "",
        due: date | None = None,
        session_id: int | None = None,
        status: str = ActionStatus.OPEN.value,
    ) -> None:
        self.values = _check_action({"what": what, "who": who, "due": due, "status": status})
        self.series_id = series_id
        self.session_id = session_id
        self.action_id: int | None = None
        self.label = _("New action")

    def do(self, db: OrmSession) -> Changes:
        _series(db, self.series_id)
        last = db.scalar(
            select(func.max(SeriesAction.position)).where(SeriesAction.series_id == self.series_id)
        )
        row = SeriesAction(
            series_id=self.series_id,
            session_id=self.session_id,
            position=(last or 0) + 1,
            **self.values,
        )
        if self.action_id is not None:
            row.id = self.action_id
        db.add(row)
        db.flush()
        self.action_id = row.id
        return Changes([_action_change("created", row)])

    def undo(self, db: OrmSession) -> Changes:
        assert self.action_id is not None
        db.delete(_action(db, self.action_id))
        return Changes([_action_change("deleted", self.action_id)])


class EditAction(FieldEdit):
    """Change an action's what/who/due/status (in the room: 'gedaan').

    `at` is the moment by the app's clock (a meeting's review keeps what it settled that
    day); without it the library's clock stamps the change.
    """

    def __init__(self, action_id: int, at: datetime | None = None, **values: Any) -> None:
        unknown = set(values) - set(ACTION_FIELDS)
        if unknown:
            raise CommandError(_("Unknown field: {name}").format(name=", ".join(sorted(unknown))))
        self.action_id = action_id
        self.at = at
        self.new = _check_action(values)
        self.label = _("Change action")

    def do(self, db: OrmSession) -> Changes:
        changes = super().do(db)
        if self.at is not None:
            _action(db, self.action_id).updated_at = self.at
        return changes

    def merge(self, newer: Command) -> bool:
        merged = super().merge(newer)
        if merged and isinstance(newer, EditAction):
            self.at = newer.at
        return merged

    def _row(self, db: OrmSession) -> SeriesAction:
        return _action(db, self.action_id)

    def _changes(self, row: SeriesAction, fields: tuple[str, ...]) -> Changes:
        return Changes([_action_change("updated", row, fields)])

    def merge_key(self) -> tuple | None:
        return ("action", self.action_id, tuple(sorted(self.new)))


class DeleteAction(Command):
    def __init__(self, action_id: int) -> None:
        self.action_id = action_id
        self.saved: dict[str, Any] | None = None
        self.label = _("Delete action")

    def do(self, db: OrmSession) -> Changes:
        row = _action(db, self.action_id)
        self.saved = {c.key: getattr(row, c.key) for c in SeriesAction.__table__.columns}
        db.delete(row)
        return Changes([_action_change("deleted", self.action_id)])

    def undo(self, db: OrmSession) -> Changes:
        assert self.saved is not None
        db.add(SeriesAction(**self.saved))
        db.flush()
        return Changes([_action_change("created", self.action_id)])
