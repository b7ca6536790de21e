"""Commands on participants: add, walk-in, edit, check-in, remove (with privacy), import."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, func, insert, or_, select, update
from sqlalchemy.orm import Session as OrmSession

from workshop.changes import Entity
from workshop.commands import rows
from workshop.commands.base import Change, ChangeKind, Changes, Command, FieldEdit
from workshop.errors import CommandError
from workshop.i18n import _, format_number
from workshop.model import (
    BreakoutGroup,
    Membership,
    Note,
    Participant,
    Presence,
    QueueEntry,
    WorkSession,
)
from workshop.model.base import table_of, utcnow
from workshop.privacy.erasure import Edit, restore, scrub_session, session_redactor
from workshop.privacy.redaction import Who

#: Participant fields a user edits, with the Python type each must have.
EDITABLE_FIELDS: dict[str, type] = {
    "name": str,
    "organisation": str,
    "role": str,
    "email": str,
    "involvement": str,
    "initiative": str,
    "theme_preference": str,
    "second_theme": str,
    "presence": str,
    "may_be_named": bool,
    "walk_in": bool,
}

#: Longest text each short field takes (the columns' sizes in the model).
MAX_LENGTH = {
    "name": 300,
    "organisation": 300,
    "role": 300,
    "email": 320,
    "initiative": 500,
    "theme_preference": 300,
    "second_theme": 300,
    "involvement": 5000,
}

PRESENCES = tuple(p.value for p in Presence)


def clean_text(value: str) -> str:
    """One line of text: surrounding spaces gone, inner runs of whitespace made one space."""
    return " ".join(value.split())


def check_fields(values: dict[str, Any]) -> dict[str, Any]:
    """Validated, cleaned copy of `values`; raises CommandError with a message for the user."""
    out: dict[str, Any] = {}
    for name, value in values.items():
        if name not in EDITABLE_FIELDS:
            raise CommandError(_("Unknown participant field: {field}").format(field=name))
        if not isinstance(value, EDITABLE_FIELDS[name]):
            raise CommandError(_("Wrong value for {field}").format(field=name))
        if isinstance(value, str):
            value = value.strip() if name == "involvement" else clean_text(value)
            limit = MAX_LENGTH.get(name)
            if limit is not None and len(value) > limit:
                raise CommandError(
                    _("This text is too long (at most {n} characters)").format(
                        n=format_number(limit)
                    )
                )
        if name == "presence" and value not in PRESENCES:
            raise CommandError(_("Unknown presence: {value}").format(value=value))
        out[name] = value
    if "name" in out and not out["name"]:
        raise CommandError(_("A participant needs a name"))
    return out


def _participant(db: OrmSession, participant_id: int) -> Participant:
    obj = db.get(Participant, participant_id)
    if obj is None:
        raise CommandError(_("This participant no longer exists"))
    return obj


def _changed(
    kind: ChangeKind, ids: Iterable[int], session_id: int, fields: Sequence[str] = ()
) -> Change:
    return Change(Entity.PARTICIPANT, kind, tuple(ids), session_id, tuple(fields))


class AddParticipant(Command):
    """Add one person to a session (also the walk-in at the door: present at once)."""

    def __init__(self, session_id: int, walk_in: bool = False, **values: Any) -> None:
        values = check_fields(values)
        if not values.get("name"):
            raise CommandError(_("A participant needs a name"))
        if walk_in:
            values["walk_in"] = True
            values.setdefault("presence", Presence.PRESENT.value)
        self.session_id = session_id
        self.values = values
        self.participant_id: int | None = None
        self.label = (_("Walk-in: {name}") if walk_in else _("Add participant {name}")).format(
            name=values["name"]
        )

    def do(self, db: OrmSession) -> Changes:
        if db.get(WorkSession, self.session_id) is None:
            raise CommandError(_("Session {id} does not exist").format(id=self.session_id))
        check_email_free(db, self.session_id, self.values.get("email", ""))
        obj = Participant(session_id=self.session_id, **self.values)
        if self.participant_id is not None:
            obj.id = self.participant_id
        db.add(obj)
        db.flush()
        self.participant_id = obj.id
        return Changes([_changed("created", [obj.id], self.session_id)])

    def undo(self, db: OrmSession) -> Changes:
        assert self.participant_id is not None
        db.delete(_participant(db, self.participant_id))
        return Changes([_changed("deleted", [self.participant_id], self.session_id)])


class WalkIn(AddParticipant):
    """A person who was not registered and turns up: added as present, marked walk-in."""

    def __init__(self, session_id: int, name: str, organisation: str = "", **values: Any) -> None:
        super().__init__(session_id, walk_in=True, name=name, organisation=organisation, **values)


def parse_walk_in(line: str) -> tuple[str, str]:
    """'Name, Organisation' typed on one line -> (name, organisation)."""
    name, _sep, organisation = line.partition(",")
    return clean_text(name), clean_text(organisation)


class EditParticipant(FieldEdit):
    """Set one or more fields of one participant."""

    def __init__(self, participant_id: int, **values: Any) -> None:
        if not values:
            raise CommandError(_("Nothing to change"))
        self.participant_id = participant_id
        self.new = check_fields(values)
        self.session_id: int | None = None
        self.label = _("Edit participant")

    def _row(self, db: OrmSession) -> Participant:
        row = _participant(db, self.participant_id)
        if "email" in self.new:
            check_email_free(db, row.session_id, self.new["email"], row.id)
        return row

    def _changes(self, row: Participant, fields: tuple[str, ...]) -> Changes:
        self.session_id = row.session_id
        return Changes([_changed("updated", [row.id], row.session_id, fields)])

    def merge_key(self) -> tuple | None:
        if len(self.new) == 1 and "presence" not in self.new:
            return ("edit-participant", self.participant_id, next(iter(self.new)))
        return None


class SetPresence(Command):
    """Check-in at the door: present, absent or left early, for one or more people."""

    def __init__(self, participant_ids: Sequence[int], presence: str | Presence) -> None:
        presence = str(presence)
        if presence not in PRESENCES:
            raise CommandError(_("Unknown presence: {value}").format(value=presence))
        if not participant_ids:
            raise CommandError(_("Nothing to change"))
        self.ids = tuple(participant_ids)
        self.presence = str(presence)
        self.old: dict[int, str] | None = None
        self.session_id: int | None = None
        self.label = {
            Presence.PRESENT.value: _("Check in"),
            Presence.ABSENT.value: _("Mark absent"),
            Presence.LEFT.value: _("Mark as left early"),
            Presence.UNKNOWN.value: _("Clear presence"),
        }[self.presence]

    def _apply(self, db: OrmSession, values: dict[int, str]) -> Changes:
        for pid, presence in values.items():
            obj = _participant(db, pid)
            obj.presence = presence
            self.session_id = obj.session_id
        return Changes([_changed("updated", values, self.session_id or 0, ("presence",))])

    def do(self, db: OrmSession) -> Changes:
        if self.old is None:
            self.old = {pid: _participant(db, pid).presence for pid in self.ids}
        return self._apply(db, {pid: self.presence for pid in self.ids})

    def undo(self, db: OrmSession) -> Changes:
        assert self.old is not None
        return self._apply(db, self.old)


@dataclass
class _RemovedTraces:
    """Everything about one removed person, to put back on undo."""

    participant: rows.RowSet
    memberships: rows.RowSet
    hosts: list[int]
    rapporteurs: list[int]
    notes: list[dict[str, Any]]  # note id + the fields that named the person
    brings: list[int] = field(default_factory=list)  # queue entries (pitches) they bring
    scrubbed: list[Edit] = field(default_factory=list)  # free text that mentioned them


def _same_name(a: str, b: str) -> bool:
    return bool(a.strip()) and clean_text(a).casefold() == clean_text(b).casefold()


class RemoveParticipants(Command):
    """Remove people and their personal data everywhere.

    Their memberships go, groups they hosted or reported for lose that reference, and notes
    they spoke stay but are no longer attributed: the speaker link, a speaker name equal to
    theirs and an action holder equal to their name are cleared. Free text that mentions
    them in any form ("@Anouk", "A. de Vries", their e-mail address) gets the role word, and a
    typed speaker or action owner naming them ("Chantal") is cleared
    (`workshop.privacy.erasure`). Undo puts it all back.
    """

    def __init__(self, participant_ids: Sequence[int]) -> None:
        if not participant_ids:
            raise CommandError(_("Nothing to change"))
        self.ids = tuple(dict.fromkeys(participant_ids))
        self.saved: list[_RemovedTraces] | None = None
        self.session_id: int | None = None
        self.label = (
            _("Remove participant") if len(self.ids) == 1 else _("Remove {n} participants")
        ).format(n=len(self.ids))

    def _traces(self, db: OrmSession, obj: Participant) -> _RemovedTraces:
        pid = obj.id
        notes = db.scalars(
            select(Note).where(
                Note.session_id == obj.session_id,
                or_(Note.speaker_id == pid, Note.speaker != "", Note.action_who != ""),
            )
        ).all()
        touched = []
        for note in notes:
            if (
                note.speaker_id == pid
                or _same_name(note.speaker, obj.name)
                or _same_name(note.action_who, obj.name)
            ):
                touched.append(
                    {
                        "id": note.id,
                        "speaker": note.speaker,
                        "speaker_id": note.speaker_id,
                        "speaker_may_be_named": note.speaker_may_be_named,
                        "action_who": note.action_who,
                    }
                )
        return _RemovedTraces(
            participant=rows.capture(db, [("participants", lambda t: t.c.id == pid)]),
            memberships=rows.capture(db, [("memberships", lambda t: t.c.participant_id == pid)]),
            hosts=list(db.scalars(select(BreakoutGroup.id).where(BreakoutGroup.host_id == pid))),
            rapporteurs=list(
                db.scalars(select(BreakoutGroup.id).where(BreakoutGroup.rapporteur_id == pid))
            ),
            notes=touched,
            brings=list(db.scalars(select(QueueEntry.id).where(QueueEntry.participant_id == pid))),
        )

    def do(self, db: OrmSession) -> Changes:
        people = [_participant(db, pid) for pid in self.ids]
        self.session_id = people[0].session_id
        self.saved = [self._traces(db, obj) for obj in people]
        note_ids: list[int] = []
        group_ids: list[int] = []
        for obj, traces in zip(people, self.saved, strict=True):
            for saved in traces.notes:
                note = db.get(Note, saved["id"])
                assert note is not None
                if note.speaker_id == obj.id or _same_name(note.speaker, obj.name):
                    note.speaker = ""
                    note.speaker_id = None
                    note.speaker_may_be_named = False
                if _same_name(note.action_who, obj.name):
                    note.action_who = ""
                note_ids.append(note.id)
            group_ids += traces.hosts + traces.rapporteurs
            db.execute(
                update(BreakoutGroup).where(BreakoutGroup.host_id == obj.id).values(host_id=None)
            )
            db.execute(
                update(BreakoutGroup)
                .where(BreakoutGroup.rapporteur_id == obj.id)
                .values(rapporteur_id=None)
            )
            db.execute(
                update(QueueEntry)
                .where(QueueEntry.participant_id == obj.id)
                .values(participant_id=None)
            )
            db.execute(table_of(Membership).delete().where(Membership.participant_id == obj.id))
            redactor = session_redactor(
                db, obj.session_id, [Who(obj.name, obj.email)], keep_ids=self.ids
            )
            traces.scrubbed = scrub_session(db, obj.session_id, redactor)
            note_ids += [e.row_id for e in traces.scrubbed if e.table == "notes"]
            db.delete(obj)
        db.flush()
        changes = Changes([_changed("deleted", self.ids, self.session_id)])
        changes.add(Change(Entity.MEMBERSHIP, "deleted", self.ids, self.session_id))
        if group_ids:
            changes.add(Change(Entity.GROUP, "updated", tuple(group_ids), self.session_id))
        if note_ids:
            changes.add(Change(Entity.NOTE, "updated", tuple(note_ids), self.session_id))
        return changes

    def undo(self, db: OrmSession) -> Changes:
        assert self.saved is not None and self.session_id is not None
        note_ids: list[int] = []
        group_ids: list[int] = []
        for traces in reversed(self.saved):
            restore(db, reversed(traces.scrubbed))
        for traces in self.saved:
            rows.restore(db, traces.participant)
            rows.restore(db, traces.memberships)
            pid = traces.participant[0][1][0]["id"]
            if traces.hosts:
                db.execute(
                    update(BreakoutGroup)
                    .where(BreakoutGroup.id.in_(traces.hosts))
                    .values(host_id=pid)
                )
            if traces.rapporteurs:
                db.execute(
                    update(BreakoutGroup)
                    .where(BreakoutGroup.id.in_(traces.rapporteurs))
                    .values(rapporteur_id=pid)
                )
            group_ids += traces.hosts + traces.rapporteurs
            if traces.brings:
                db.execute(
                    update(QueueEntry)
                    .where(QueueEntry.id.in_(traces.brings))
                    .values(participant_id=pid)
                )
            for saved in traces.notes:
                note = db.get(Note, saved["id"])
                if note is None:  # deleted later and not restored: nothing to re-attribute
                    continue
                for key, value in saved.items():
                    if key != "id":
                        setattr(note, key, value)
                note_ids.append(note.id)
        db.flush()
        changes = Changes([_changed("created", self.ids, self.session_id)])
        changes.add(Change(Entity.MEMBERSHIP, "created", self.ids, self.session_id))
        if group_ids:
            changes.add(Change(Entity.GROUP, "updated", tuple(group_ids), self.session_id))
        if note_ids:
            changes.add(Change(Entity.NOTE, "updated", tuple(note_ids), self.session_id))
        return changes


@dataclass(frozen=True)
class ImportAction:
    """One row of an import to store: a new person, or new values for an existing one."""

    values: dict[str, Any]
    participant_id: int | None = None  # None: create


def lock_session(db: OrmSession, session_id: int) -> None:
    """Take the write lock first (a no-op write on the session row): a parallel import of
    the same list waits here instead of matching e-mail addresses against a stale view.
    SQLite: the database's write lock; PostgreSQL: the session row's lock."""
    sessions = table_of(WorkSession)
    db.execute(sessions.update().where(sessions.c.id == session_id).values(id=sessions.c.id))


def email_key(email: str) -> str:
    return email.strip().lower()


def _upsert_by_email(
    db: OrmSession, session_id: int, actions: Sequence[ImportAction]
) -> list[ImportAction]:
    """Creations whose e-mail address is already in the session (or earlier in the same
    import) become updates of that person: filled-in values only, blanks keep what is known.
    Runs inside the write, so parallel imports of one list agree (with the unique index on
    (session_id, lower(email)) as the database's guarantee)."""
    known: dict[str, int] = {
        email_key(email): pid
        for pid, email in db.execute(
            select(Participant.id, Participant.email).where(
                Participant.session_id == session_id, Participant.email != ""
            )
        )
    }
    out: list[ImportAction] = []
    pending: dict[str, int] = {}  # address -> index in `out` of the new person with it
    for action in actions:
        key = email_key(action.values.get("email", ""))
        if action.participant_id is not None or not key:
            out.append(action)
            continue
        if key in known:
            values = {k: v for k, v in action.values.items() if v != "" or k == "may_be_named"}
            out.append(ImportAction(values, known[key]))
        elif key in pending:  # the same address twice in one file: one person
            first = out[pending[key]]  # a new action: the preview's values stay as they were
            filled = {k: v for k, v in action.values.items() if v != ""}
            out[pending[key]] = ImportAction({**first.values, **filled})
        else:
            pending[key] = len(out)
            out.append(action)
    return out


def check_email_free(
    db: OrmSession, session_id: int, email: str, participant_id: int | None = None
) -> None:
    """Raise CommandError when someone else in the session has this e-mail address."""
    key = email_key(email)
    if not key:
        return
    query = select(Participant.name).where(
        Participant.session_id == session_id, func.lower(Participant.email) == key
    )
    if participant_id is not None:
        query = query.where(Participant.id != participant_id)
    other = db.execute(query.limit(1)).scalar()
    if other is not None:
        raise CommandError(
            _("{name} in this session already has the e-mail address {email}").format(
                name=other, email=email
            )
        )


#: New people inserted per statement (SQLite allows 32,766 bound values per statement).
IMPORT_CHUNK = 2000
#: What a new person has unless the list says otherwise (every row of a chunk has every key).
NEW_DEFAULTS: dict[str, Any] = {
    **{name: "" for name, kind in EDITABLE_FIELDS.items() if kind is str},
    "presence": Presence.UNKNOWN.value,
    "may_be_named": False,
    "walk_in": False,
}


class ImportParticipants(Command):
    """Store a previewed import in one step: new people created, matched people updated."""

    def __init__(
        self,
        session_id: int,
        actions: Sequence[ImportAction],
        source: str = "",
        *,
        checked: bool = False,
    ) -> None:
        """`checked`: the values come from `workshop.people.importer`, which cleans and
        limits every field as `check_fields` does (checking 100,000 rows twice costs seconds)."""
        self.session_id = session_id
        self.actions = (
            list(actions)
            if checked
            else [ImportAction(check_fields(a.values), a.participant_id) for a in actions]
        )
        for action in self.actions:
            if action.participant_id is None and not action.values.get("name"):
                raise CommandError(_("A participant needs a name"))
        self.created: list[int] | None = None
        self.old: dict[int, dict[str, Any]] | None = None
        #: (stored, total) after each chunk of new people; called on the DB worker
        self.progress: Callable[[int, int], None] | None = None
        self.label = _("Import participants") + (f" ({source})" if source else "")

    @property
    def created_count(self) -> int:
        return sum(1 for a in self.actions if a.participant_id is None)

    @property
    def updated_count(self) -> int:
        return len(self.actions) - self.created_count

    def do(self, db: OrmSession) -> Changes:
        lock_session(db, self.session_id)
        if db.get(WorkSession, self.session_id) is None:
            raise CommandError(_("Session {id} does not exist").format(id=self.session_id))
        if self.created is None:
            self.actions = _upsert_by_email(db, self.session_id, self.actions)
        old: dict[int, dict[str, Any]] = {}
        updated: list[int] = []
        for action in self.actions:
            if action.participant_id is None:
                continue
            obj = _participant(db, action.participant_id)
            if obj.session_id != self.session_id:
                raise CommandError(_("This participant no longer exists"))
            old[obj.id] = {k: getattr(obj, k) for k in action.values}
            for key, value in action.values.items():
                setattr(obj, key, value)
            updated.append(obj.id)
        db.flush()
        self.created = self._insert_new(db, self.created)
        if self.old is None:
            self.old = old
        changes = Changes()
        if self.created:
            changes.add(_changed("created", self.created, self.session_id))
        if updated:
            changes.add(_changed("updated", updated, self.session_id))
        return changes

    def _insert_new(self, db: OrmSession, ids: list[int] | None) -> list[int]:
        """Insert the new people a chunk at a time (rows, not ORM objects: 100,000 people in
        about a second); `ids`: the ids they had before an undo (a redo keeps them)."""
        new = [a.values for a in self.actions if a.participant_id is None]
        table = table_of(Participant)
        base = {
            **NEW_DEFAULTS,
            "session_id": self.session_id,
            "created_at": utcnow(),
            "version": 1,
        }
        # The ids: every id above today's highest in this session, in insertion order (the
        # session's write lock is held). RETURNING with the rows' order would cost SQLite
        # one statement per row.
        highest = db.scalar(select(func.max(table.c.id))) or 0
        for start in range(0, len(new), IMPORT_CHUNK):
            chunk = [{**base, **values} for values in new[start : start + IMPORT_CHUNK]]
            if ids is not None:  # a redo: the same people get their ids back
                for row, pid in zip(chunk, ids[start : start + IMPORT_CHUNK], strict=True):
                    row["id"] = pid
            db.execute(insert(table), chunk)
            if self.progress is not None:
                self.progress(start + len(chunk), len(new))
        if ids is not None:
            return ids
        created = list(
            db.scalars(
                select(table.c.id)
                .where(table.c.session_id == self.session_id, table.c.id > highest)
                .order_by(table.c.id)
            )
        )
        if len(created) != len(new):
            raise CommandError(_("The list could not be stored; nothing was changed"))
        return created

    def undo(self, db: OrmSession) -> Changes:
        assert self.created is not None and self.old is not None
        table = table_of(Participant)
        for start in range(0, len(self.created), IMPORT_CHUNK):  # the database cascades
            chunk = self.created[start : start + IMPORT_CHUNK]
            db.execute(delete(table).where(table.c.id.in_(chunk)))
        db.expire_all()  # people loaded before may be gone
        for pid, values in self.old.items():
            obj = _participant(db, pid)
            for key, value in values.items():
                setattr(obj, key, value)
        db.flush()
        changes = Changes()
        if self.created:
            changes.add(_changed("deleted", self.created, self.session_id))
        if self.old:
            changes.add(_changed("updated", list(self.old), self.session_id))
        return changes
